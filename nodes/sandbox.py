"""The one Jinja2 environment every touch template is parsed, checked,
previewed and rendered in: Jinja2's sandbox (no attribute tricks, bounded
`range`), plus a bound on what `*` and `**` may build, so a template such
as `{{ "x" * 10**9 }}` fails as a template error instead of filling memory."""
from __future__ import annotations

import operator
from typing import Any

from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_TEXT = 100_000
"""Characters a `*` may produce (a message is a few hundred)."""
MAX_EXPONENT = 64
"""The largest exponent `**` takes."""


class BoundedSandbox(SandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "**":
            if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"an exponent above {MAX_EXPONENT} is not allowed")
            return operator.pow(left, right)
        for text, times in ((left, right), (right, left)):
            if isinstance(text, (str, list, tuple)) and isinstance(times, int) and (
                    len(text) * times > MAX_TEXT):
                raise SecurityError(f"a template may not build more than {MAX_TEXT:,} "
                                    "characters")
        return operator.mul(left, right)


def sandbox(**options: Any) -> BoundedSandbox:
    return BoundedSandbox(autoescape=False, **options)
