"""The one Jinja2 environment every touch template is parsed, checked,
previewed and rendered in: Jinja2's sandbox (no attribute tricks, bounded
`range`), plus a bound on what `*`, `**` and widths given to calls and
filters may build, so a template such as `{{ "x" * 10**9 }}` or
`{{ "x".center(10**9) }}` fails as a template error instead of filling memory."""
from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_TEXT = 100_000
"""Characters a `*` may produce (a message is a few hundred)."""
MAX_EXPONENT = 64
"""The largest exponent `**` takes."""


def _check_sizes(args: tuple, kwargs: dict) -> None:
    if any(isinstance(a, int) and not isinstance(a, bool) and a > MAX_TEXT
           for a in (*args, *kwargs.values())):
        raise SecurityError(f"a template may not ask for more than {MAX_TEXT:,} characters")


def _bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(args, kwargs)
        return function(*args, **kwargs)
    return checked


class BoundedSandbox(SandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        for name in ("center", "indent", "wordwrap", "format", "truncate"):
            if name in self.filters:
                self.filters[name] = _bounded(self.filters[name])

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        _check_sizes(args, kwargs)  # "x".center(10**9), "{:>999999999}".format(x)
        return super().call(context, obj, *args, **kwargs)

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


def render_capped(template: Any, variables: dict[str, Any]) -> str:
    """Render a compiled template, stopping once it passes MAX_TEXT characters
    (a loop can build a lot out of small pieces)."""
    parts, size = [], 0
    for part in template.generate(**variables):
        size += len(part)
        if size > MAX_TEXT:
            raise SecurityError(f"a message may not be longer than {MAX_TEXT:,} characters")
        parts.append(part)
    return "".join(parts)
