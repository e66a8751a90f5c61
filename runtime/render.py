"""Touch content: Jinja2 templates rendered in a sandbox, customer attributes
as variables. A broken template never stops a journey: `render` keeps the raw
text; delivery uses `render_strict`, which says why, so that one customer's
failing message fails that delivery alone."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import TemplateError, meta

from nodes.sandbox import render_capped, sandbox

_ENV = sandbox()


class TemplateFailed(ValueError):
    """A template that cannot be rendered for these attributes; str() says why."""


@lru_cache(maxsize=256)
def _compiled(template: str):
    return _ENV.from_string(template)


def render_strict(template: str, attributes: dict[str, Any]) -> str:
    """A missing value (NULL in the store) renders as nothing, never as "None".
    Any failure, in Jinja2 or in the template's own arithmetic (`100 // aum`
    with aum 0), is raised as TemplateFailed."""
    try:
        return render_capped(_compiled(template),
                             {k: v for k, v in attributes.items() if v is not None})
    except (RecursionError, MemoryError):  # nesting or size Jinja cannot take
        raise TemplateFailed("the template is nested too deeply or too large") from None
    except Exception as exc:  # noqa: BLE001 — the template's code is its author's
        raise TemplateFailed(f"{type(exc).__name__}: {exc}") from None


def render(template: str, attributes: dict[str, Any]) -> str:
    """As `render_strict`, keeping the raw text when the template fails."""
    try:
        return render_strict(template, attributes)
    except TemplateFailed:
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
    of the cost of a short SMS. `strict` raises TemplateFailed (remembered
    too) instead of keeping the raw text."""

    MAX_KEPT = 50_000  # a long-lived renderer forgets everything past this

    def __init__(self, strict: bool = False) -> None:
        self._done: dict[tuple, str | TemplateFailed] = {}
        self._strict = strict

    def __call__(self, template: str, attributes: dict[str, Any]) -> str:
        names = template_variables(template)
        key = (template, *(_hashable(attributes.get(n)) for n in names))
        if key not in self._done:
            if len(self._done) >= self.MAX_KEPT:
                self._done.clear()
            try:
                self._done[key] = render_strict(template, {n: attributes[n] for n in names
                                                           if n in attributes})
            except TemplateFailed as failed:
                self._done[key] = failed
        done = self._done[key]
        if isinstance(done, TemplateFailed):
            if self._strict:
                raise done
            return template
        return done


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
