"""What every way into the store shares (CSV, JSON lines, HTTP): where a
problem is and what it says, masked excerpts of the data, instants, strict
JSON, and the result an import prints.

A message never repeats a value's text (it may be a phone number or a name):
at most its first and last character and its length.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nodes.strict_json import first_problem, loads_marked, too_deep_at

MAX_REPORTED = 20
MAX_DEPTH = 32  # of event property JSON; the engine reads flat properties only


@dataclass(frozen=True)
class RowError:
    line: int
    column: str | None  # the CSV column or the JSON field
    en: str
    zh: str
    place: str = "column"  # how `column` is named: "column" (CSV) or "field" (JSON)

    def message(self, lang: str = "en") -> str:
        zh = lang.startswith("zh")
        where = f"第 {self.line} 行" if zh else f"line {self.line}"
        if self.column:
            if zh:
                where += f"，{'列' if self.place == 'column' else '字段'}「{self.column}」"
            else:
                where += f", {self.place} '{self.column}'"
        return f"{where}：{self.zh}" if zh else f"{where}: {self.en}"


class ImportFileError(Exception):
    """The file was refused; `errors` says where and why (nothing imported)."""

    def __init__(self, path: str, errors: list[RowError], more: int = 0) -> None:
        super().__init__(f"{path}: {len(errors) + more} problem(s)")
        self.path, self.errors, self.more = path, errors, more

    def message(self, lang: str = "en") -> str:
        zh = lang.startswith("zh")
        head = (f"{self.path}：未导入任何数据，发现以下问题：" if zh
                else f"{self.path}: nothing was imported because of:")
        lines = [head, *("  " + e.message(lang) for e in self.errors)]
        if self.more:
            lines.append(f"  …另有 {self.more} 处问题" if zh else f"  … and {self.more} more")
        return "\n".join(lines)


@dataclass
class ImportResult:
    kind: str  # "customers" | "events"
    rows: int
    inserted: int = 0
    updated: int = 0
    new_attributes: list[str] = field(default_factory=list)
    new_events: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    late: int = 0  # events dated at or before the runtime's clock: ignored (§4)
    unknown_customers: int = 0  # customers of the events not in the store (yet)

    def summary(self, lang: str = "en") -> str:
        zh = lang.startswith("zh")
        if self.kind == "customers":
            text = (f"已导入 {self.rows} 位客户（新增 {self.inserted}，更新 {self.updated}）" if zh
                    else f"imported {self.rows} customers ({self.inserted} new, "
                         f"{self.updated} updated)")
        else:
            text = f"已导入 {self.rows} 条事件" if zh else f"imported {self.rows} events"
        if self.new_attributes:
            text += ("；新属性：" if zh else "; new attributes: ") + ", ".join(self.new_attributes)
        if self.new_events:
            text += ("；新事件：" if zh else "; new events: ") + ", ".join(self.new_events)
        if self.unknown_customers:
            text += (f"；其中 {self.unknown_customers} 位客户尚不在客户库中（事件已保存，可稍后导入客户）"
                     if zh else f"; {self.unknown_customers} of their customers are not in the "
                                "store yet (the events are kept; import the customers later)")
        if self.late:
            text += (f"；注意：其中 {self.late} 条早于运行时钟，将作为迟到事件被忽略" if zh
                     else f"; note: {self.late} of them are dated before the runtime's clock "
                          "and will be ignored as late events")
        if self.encoding != "utf-8":
            text += f"（按 {self.encoding} 编码读取）" if zh else f" (read as {self.encoding})"
        return text


class Problems:
    """The first MAX_REPORTED problems of one file or request, and how many more."""

    def __init__(self, place: str = "column") -> None:
        self.errors: list[RowError] = []
        self.more = 0
        self.place = place

    def add(self, line: int, column: str | None, en: str, zh: str) -> None:
        if len(self.errors) < MAX_REPORTED:
            self.errors.append(RowError(line, column, en, zh, self.place))
        else:
            self.more += 1

    def raise_if_any(self, path: str) -> None:
        if self.errors:
            raise ImportFileError(path, self.errors, self.more)


# -- values ----------------------------------------------------------------------

def excerpt(text: str) -> tuple[str, str]:
    """A cell as a message may show it (en, zh): first and last character and length."""
    n = len(text)
    if n < 3:
        return f"a cell of {n} character{'' if n == 1 else 's'}", f"{n} 个字符的值"
    return f"'{text[0]}…{text[-1]}' ({n} characters)", f"「{text[0]}…{text[-1]}」（{n} 个字符）"


def bad_value(lead_en: str, lead_zh: str, expected_en: str, expected_zh: str,
              text: str) -> ValueError:
    """A ValueError(en, zh) naming what was expected, with a masked excerpt of `text`."""
    shown_en, shown_zh = excerpt(text)
    return ValueError(f"{lead_en}: expected {expected_en}, found {shown_en}",
                      f"{lead_zh}：应为{expected_zh}，实际为{shown_zh}")


INSTANT_EN, INSTANT_ZH = ("an ISO-8601 instant with its UTC offset, like 2026-11-20T09:30:00+08:00",
                          "带时区偏移的 ISO-8601 时间，例如 2026-11-20T09:30:00+08:00")


def parse_instant(text: str) -> int:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise bad_value("not an ISO-8601 instant", "不是 ISO-8601 时间", INSTANT_EN, INSTANT_ZH,
                        text) from None
    if moment.tzinfo is None:
        raise bad_value("no UTC offset", "缺少时区偏移", INSTANT_EN, INSTANT_ZH, text)
    return int(moment.timestamp())


def loads_strict(text: str, max_depth: int = MAX_DEPTH) -> Any:
    """JSON text the engine and every store can hold (nodes.strict_json), else
    ValueError(en, zh)."""
    if too_deep_at(text, max_depth) is not None:
        raise ValueError(f"nested more than {max_depth} levels deep",
                         f"嵌套超过 {max_depth} 层")
    try:
        value = loads_marked(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg}, at character {exc.pos + 1})",
                         f"不是有效的 JSON（{exc.msg}，第 {exc.pos + 1} 个字符）") from None
    problem = first_problem(value, max_depth)
    if problem is not None:
        path, en, zh = problem
        where = f" at {path}" if path else ""
        raise ValueError(f"not strict JSON{where}: {en}", f"不是严格的 JSON{where}：{zh}")
    return value
