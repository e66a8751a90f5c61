"""Strict JSON: what every layer reads from outside (journey files, event
properties) and every store can hold. `json` accepts NaN and Infinity, turns
1e400 into inf, recurses once per nesting level and lets lone surrogates
through; these helpers refuse each, without recursion, and say where."""
from __future__ import annotations

import json
import math
import re
from typing import Any

_BRACKETS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
MAX_DIGITS = 308  # an integer longer than this is beyond any float


def too_deep_at(text: str, limit: int) -> int | None:
    """The position of the first bracket nested deeper than `limit`, or None
    (brackets inside strings do not count)."""
    if text.count("[") + text.count("{") <= limit:
        return None  # cannot nest that deep: skip the scan
    level = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            level += 1
            if level > limit:
                return match.start()
        elif token in "]}":
            level -= 1
    return None


def line_and_column(text: str, pos: int) -> tuple[int, int]:
    return text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)


class Refused:
    """A number strict JSON has no room for, kept in place until its path is known."""

    def __init__(self, en: str, zh: str) -> None:
        self.en, self.zh = en, zh

    @classmethod
    def constant(cls, name: str) -> Refused:
        return cls(f"{name} is not a number JSON allows", f"JSON 不允许 {name}")

    @classmethod
    def of_float(cls, text: str) -> float | Refused:
        value = float(text)
        return value if math.isfinite(value) else cls.too_large()

    @classmethod
    def of_int(cls, text: str) -> int | Refused:
        if len(text.lstrip("-")) > MAX_DIGITS:  # beyond any float, and int() may refuse it
            return cls.too_large()
        return int(text)

    @classmethod
    def too_large(cls) -> Refused:
        return cls("number too large: it overflows to infinity", "数字过大，溢出为无穷大")


def loads_marked(text: str) -> Any:
    """`json.loads` with every refused number left in place as a `Refused`;
    raises json.JSONDecodeError. Check nesting first (`too_deep_at`)."""
    return json.loads(text, parse_constant=Refused.constant, parse_float=Refused.of_float,
                      parse_int=Refused.of_int)


def first_problem(value: Any, max_nesting: int,
                  max_text: int | None = None) -> tuple[str, str, str] | None:
    """(JSON path, en, zh) of the first value strict JSON may not hold: nesting
    deeper than `max_nesting`, a refused number or NaN/Infinity, text longer
    than `max_text` or not encodable as UTF-8 (a lone surrogate)."""
    stack: list[tuple[str, Any, int]] = [("", value, 1)]
    while stack:
        path, item, level = stack.pop()
        if isinstance(item, dict | list):
            if level > max_nesting:
                return path, f"nested deeper than {max_nesting} levels", f"嵌套超过 {max_nesting} 层"
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, inner in pairs:
                if isinstance(key, str) and (problem := text_problem(key, max_text)):
                    return (join(path, printable(key)), *problem)
                stack.append((join(path, key), inner, level + 1))
        elif isinstance(item, Refused):
            return path, item.en, item.zh
        elif isinstance(item, float) and not math.isfinite(item):
            return path, "NaN/Infinity is not a number JSON allows", "JSON 不允许 NaN 或 Infinity"
        elif isinstance(item, str) and (problem := text_problem(item, max_text)):
            return (path, *problem)
    return None


def text_problem(text: str, max_text: int | None = None) -> tuple[str, str] | None:
    if max_text is not None and len(text) > max_text:
        return f"text longer than {max_text} characters", f"文字超过 {max_text} 个字符"
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = printable(text[exc.start:exc.end])
        return (f"text holds {bad}, a lone surrogate, which is not Unicode text",
                f"文字中含有孤立代理字符 {bad}，不是有效的 Unicode 文本")
    return None


def printable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def join(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)
