"""Touch content: Jinja2 templates rendered in a sandbox, customer attributes
as variables. A broken template never stops a journey: the raw text is kept."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import TemplateError, meta

from nodes.sandbox import render_capped, sandbox

_ENV = sandbox()


@lru_cache(maxsize=256)
def _compiled(template: str):
    return _ENV.from_string(template)


def render(template: str, attributes: dict[str, Any]) -> str:
    """A missing value (NULL in the store) renders as nothing, never as "None"."""
    try:
        return render_capped(_compiled(template),
                             {k: v for k, v in attributes.items() if v is not None})
    except (TemplateError, RecursionError, MemoryError):  # nesting or size Jinja cannot take
        return template


@lru_cache(maxsize=256)
def template_variables(template: str) -> tuple[str, ...]:
    """The variables a template reads (a broken template reads none)."""
    try:
        return tuple(sorted(meta.find_undeclared_variables(_ENV.parse(template))))
    except (TemplateError, RecursionError):
        return ()


class MemoRenderer:
    """Renders each (template, values of the variables it reads) once: many
    customers share a greeting's inputs, and Jinja2's per-call setup is most
    of the cost of a short SMS."""

    def __init__(self) -> None:
        self._done: dict[tuple, str] = {}

    def __call__(self, template: str, attributes: dict[str, Any]) -> str:
        names = template_variables(template)
        key = (template, *(_hashable(attributes.get(n)) for n in names))
        if key not in self._done:
            self._done[key] = render(template, {n: attributes[n] for n in names
                                                if n in attributes})
        return self._done[key]


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
