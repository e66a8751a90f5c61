"""Jinja2's syntax errors in words an operator can act on, in Chinese and English.

Jinja2 explains in parser terms ("expected token 'end of print statement'");
operators write SMS copy. The English keeps Jinja2's own words after a hint."""
from __future__ import annotations

from jinja2 import TemplateSyntaxError

# (fragment of Jinja2's message, Chinese hint, English hint), first match wins.
_HINTS = (
    ("unexpected end of template", "模板在结尾处中断：有没有闭合的「{{」或「{%」",
     "the template ends inside a '{{' or '{%' that is never closed"),
    ("end of print statement", "「{{ }}」里只能写一个变量名，且要用「}}」闭合",
     "a '{{ }}' holds one variable name and must end with '}}'"),
    ("unexpected '}'", "多了一个「}」，或「{{」少写了一个「{」", "a stray '}', or a '{{' missing a '{'"),
    ("unexpected char", "有模板无法识别的字符（变量名只能用字母、数字和下划线）",
     "a character the template cannot read (names use letters, digits and _)"),
    ("unknown tag", "「{% %}」中的指令无法识别", "an unknown '{% %}' instruction"),
)


def describe_syntax_error(exc: TemplateSyntaxError) -> tuple[str, str]:
    """(zh, en) explanation of a template syntax error, without its line."""
    message = exc.message or ""
    for fragment, zh, en in _HINTS:
        if fragment in message:
            return zh, f"{en} ({message})"
    return "请检查「{{ 变量 }}」是否成对、变量名是否写对", message or "invalid template syntax"
