"""Import customers.csv or events.csv into the store (§8).

customers.csv: a `customer_id` column and one column per attribute, typed
by a `name:type` header suffix (`aum:number`, `tags:tags` with ';' between
tags); a known attribute may omit its type. Existing customers are updated
(only the columns in the file), new ones inserted.

events.csv: `customer_id,event,ts[,properties]`, ts ISO-8601 with offset,
properties a JSON object in strict JSON (no NaN or Infinity, no number that
overflows to infinity, at most 32 levels deep, no lone surrogates).

The whole file is checked first; any bad row is reported with its line
number, column and the expected type, and nothing is imported. A message
never repeats a cell's text (it may be a phone number or a name): at most
its first and last character and its length. Otherwise everything (new
catalog entries included) is written in one transaction.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from nodes.catalog import AttributeDef, AttrType, EventDef
from nodes.strict_json import first_problem, loads_marked, too_deep_at

from .disk import plain_disk_full, store_path
from .progress import ProgressCallback, no_progress
from .store import Store, bulk, catalog_io, dumps_properties, schema

MAX_REPORTED = 20
MAX_DEPTH = 32  # of event property JSON; the engine reads flat properties only
BATCH = 50_000
EVENT_HEADER = ("customer_id", "event", "ts")


@dataclass(frozen=True)
class RowError:
    line: int
    column: str | None
    en: str
    zh: str

    def message(self, lang: str = "en") -> str:
        zh = lang.startswith("zh")
        where = f"第 {self.line} 行" if zh else f"line {self.line}"
        if self.column:
            where += f"，列「{self.column}」" if zh else f", column '{self.column}'"
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
        if self.late:
            text += (f"；注意：其中 {self.late} 条早于运行时钟，将作为迟到事件被忽略" if zh
                     else f"; note: {self.late} of them are dated before the runtime's clock "
                          "and will be ignored as late events")
        if self.encoding != "utf-8":
            text += f"（按 {self.encoding} 编码读取）" if zh else f" (read as {self.encoding})"
        return text


class _Problems:
    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self.more = 0

    def add(self, line: int, column: str | None, en: str, zh: str) -> None:
        if len(self.errors) < MAX_REPORTED:
            self.errors.append(RowError(line, column, en, zh))
        else:
            self.more += 1

    def raise_if_any(self, path: str) -> None:
        if self.errors:
            raise ImportFileError(path, self.errors, self.more)


# -- values ----------------------------------------------------------------------

_TRUE = {"true", "1", "yes", "y", "t", "是", "真"}
_FALSE = {"false", "0", "no", "n", "f", "否", "假"}


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
NUMBER_EN, NUMBER_ZH = "a number such as 1200.5", "数字，例如 1200.5"


def parse_instant(text: str) -> int:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise bad_value("not an ISO-8601 instant", "不是 ISO-8601 时间", INSTANT_EN, INSTANT_ZH,
                        text) from None
    if moment.tzinfo is None:
        raise bad_value("no UTC offset", "缺少时区偏移", INSTANT_EN, INSTANT_ZH, text)
    return int(moment.timestamp())


def _number(text: str) -> float:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise bad_value("not a number", "不是数字", NUMBER_EN, NUMBER_ZH, text) from None
    if not math.isfinite(value):
        raise bad_value("not a finite number", "不是有限数字", NUMBER_EN, NUMBER_ZH, text)
    return value


def _bool(text: str) -> int:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return 1
    if lowered in _FALSE:
        return 0
    raise bad_value("not true/false", "不是布尔值", "true/false (or 是/否)", "true/false（是/否）",
                    text)


def _date(text: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise bad_value("not a date", "不是日期", "a date like 2026-11-20",
                        "日期，例如 2026-11-20", text) from None


def _tags(text: str) -> str | None:
    return schema.tags_to_text([t.strip() for t in text.split(";") if t.strip()])


PARSERS: dict[AttrType, Callable[[str], Any]] = {
    AttrType.string: lambda text: text,
    AttrType.number: _number,
    AttrType.bool: _bool,
    AttrType.date: _date,
    AttrType.datetime: parse_instant,
    AttrType.tags: _tags,
}


# -- reading the file ---------------------------------------------------------------

def _read_text(path: str) -> tuple[str, str]:
    """The file's text; Excel in China often saves GB18030, so try it too."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFileError(path, [RowError(0, None, f"cannot read the file ({exc.strerror})",
                                              f"无法读取文件（{exc.strerror}）")]) from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            line = data[:exc.start].count(b"\n") + 1
            raise ImportFileError(path, [RowError(
                line, None, "the file is neither UTF-8 nor GB18030 text; save it as UTF-8 CSV",
                "文件既不是 UTF-8 也不是 GB18030 文本，请另存为 UTF-8 CSV")]) from None


class _BadCsv(csv.Error):
    def __init__(self, line: int, detail: str) -> None:
        super().__init__(detail)
        self.line = line


def _records(text: str):
    """(line number where the record starts, cells) for each data row."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a quote never closed
            raise _BadCsv(start, str(exc)) from None
        yield start, cells
        start = reader.line_num + 1


def import_csv(store: Store, path: str | os.PathLike,
               progress: ProgressCallback = no_progress) -> ImportResult:
    """Import one CSV file; its header says whether it holds customers or events."""
    path = os.fspath(path)
    text, encoding = _read_text(path)
    records = _records(text)
    try:
        _, header = next(records)
    except StopIteration:
        raise ImportFileError(path, [RowError(1, None, "the file is empty",
                                              "文件是空的")]) from None
    except csv.Error as exc:
        raise ImportFileError(path, [RowError(1, None, f"bad CSV: {exc}",
                                              f"CSV 格式错误：{exc}")]) from None
    header = [h.strip() for h in header]
    # A full disk rolls the file's one transaction back and is said plainly.
    with plain_disk_full(store_path(store.url), keep=(ImportFileError,)):
        if tuple(header[:3]) == EVENT_HEADER:
            result = _import_events(store, path, header, records, progress)
        else:
            result = _import_customers(store, path, header, records, progress)
    result.encoding = encoding
    return result


def _rows_checked(path: str, records, width: int, problems: _Problems):
    """Data rows with the right number of cells (blank lines skipped)."""
    try:
        for line, cells in records:
            if not cells or all(not c.strip() for c in cells):
                continue
            if len(cells) != width:
                problems.add(line, None, f"{len(cells)} values, but the header has {width} columns",
                             f"有 {len(cells)} 个值，但表头有 {width} 列")
                continue
            yield line, cells
    except _BadCsv as exc:
        problems.add(exc.line, None, f"bad CSV: {exc}", f"CSV 格式错误：{exc}")


# -- strict JSON of event properties -----------------------------------------------

def loads_strict(text: str) -> Any:
    """JSON text the engine and every store can hold (nodes.strict_json), else
    ValueError(en, zh)."""
    if too_deep_at(text, MAX_DEPTH) is not None:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep",
                         f"嵌套超过 {MAX_DEPTH} 层")
    try:
        value = loads_marked(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg}, at character {exc.pos + 1})",
                         f"不是有效的 JSON（{exc.msg}，第 {exc.pos + 1} 个字符）") from None
    problem = first_problem(value, MAX_DEPTH)
    if problem is not None:
        path, en, zh = problem
        where = f" at {path}" if path else ""
        raise ValueError(f"not strict JSON{where}: {en}", f"不是严格的 JSON{where}：{zh}")
    return value


def _json_type(value: Any) -> AttrType | None:
    if isinstance(value, bool):
        return AttrType.bool
    if isinstance(value, (int, float)):
        return AttrType.number
    if isinstance(value, str):
        return AttrType.string
    return None


def _row_properties(cells: list[str], line: int, problems: _Problems) -> dict | None:
    """The row's properties ({} when none), or None when they are refused."""
    if len(cells) <= 3 or not cells[3].strip():
        return {}
    try:
        properties = loads_strict(cells[3])
    except ValueError as exc:
        problems.add(line, "properties", *exc.args)
        return None
    if not isinstance(properties, dict):
        problems.add(line, "properties", "must be a JSON object like {\"amount\": 100}",
                     "必须是 JSON 对象，例如 {\"amount\": 100}")
        return None
    return properties


def _import_events(store: Store, path: str, header: list[str], records,
                   progress: ProgressCallback) -> ImportResult:
    problems = _Problems()
    if header[3:] not in ([], ["properties"]):
        problems.add(1, None, "events.csv has the columns customer_id,event,ts[,properties]",
                     "events.csv 的列是 customer_id,event,ts[,properties]")
        problems.raise_if_any(path)
    catalog = store.catalog()
    known = {name: dict(e.properties) for name, e in catalog.events.items()}
    new_events: dict[str, dict[str, AttrType]] = {}
    rows: list[tuple] = []
    for line, cells in _rows_checked(path, records, len(header), problems):
        customer_id, name, ts_text = (c.strip() for c in cells[:3])
        if not customer_id:
            problems.add(line, "customer_id", "customer_id is empty", "customer_id 为空")
        if not schema.NAME_RE.match(name):
            problems.add(line, "event", *bad_value(
                "not an event name", "不是有效的事件名", "lower-case letters, digits and '_'",
                "小写字母、数字和下划线", name).args)
            continue
        try:
            ts = parse_instant(ts_text)
        except ValueError as exc:
            problems.add(line, "ts", *exc.args)
            continue
        properties = _row_properties(cells, line, problems)
        if properties is None:
            continue
        if name not in known:
            known[name] = new_events[name] = {}
        types = known[name]
        for key, value in properties.items():
            kind = _json_type(value)
            if value is None:
                continue
            if kind is None or not schema.NAME_RE.match(key):
                problems.add(line, "properties", f"property '{key}' must be a number, text or "
                             "true/false with a plain name", f"属性「{key}」必须是数字、文本或布尔值")
            elif types.setdefault(key, kind) != kind:
                problems.add(line, "properties", f"property '{key}' of '{name}' must be a "
                             f"{types[key]}, not a {kind}",
                             f"事件「{name}」的属性「{key}」应为 {types[key]}，而不是 {kind}")
        rows.append((customer_id, name, ts, dumps_properties(properties)))
    problems.raise_if_any(path)
    with store.engine.begin() as conn:
        added = catalog_io.add_events(conn, [
            EventDef(name=n, label_zh=n, label_en=n, properties=p) for n, p in new_events.items()])
        for key, props in known.items():  # new properties of known events
            if key not in new_events and props != dict(catalog.events[key].properties):
                catalog_io.add_events(conn, [EventDef(name=key, label_zh=key, label_en=key,
                                                      properties=props)])
        for start in range(0, len(rows), BATCH):
            bulk.insert_rows(conn, schema.events, ("customer_id", "name", "ts", "properties"),
                             rows[start:start + BATCH])
            progress(min(start + BATCH, len(rows)), len(rows), "import events")
    bulk.analyze(store.engine, ("events",), best_effort=True)  # the file is in already
    store.refresh()
    clock = store.clock()
    late = sum(1 for row in rows if row[2] <= clock) if clock is not None else 0
    return ImportResult("events", len(rows), inserted=len(rows),
                        new_events=[e.name for e in added], late=late)


# -- customers --------------------------------------------------------------------------

def _customer_columns(header: list[str], store: Store,
                      problems: _Problems) -> tuple[int, list[tuple[int, AttributeDef, bool]]]:
    """Index of customer_id and (index, attribute, is new) for the other columns."""
    catalog = store.catalog()
    id_index = -1
    columns: list[tuple[int, AttributeDef, bool]] = []
    seen: set[str] = set()
    for i, cell in enumerate(header):
        name, _, type_text = (part.strip() for part in cell.partition(":"))
        if name in seen:
            problems.add(1, cell, "this column appears twice", "该列出现了两次")
            continue
        seen.add(name)
        if name == "customer_id":
            id_index = i
            continue
        type_: AttrType | None = None
        if type_text:
            try:
                type_ = AttrType(type_text)
            except ValueError:
                problems.add(1, cell, f"unknown type '{type_text}' (use one of "
                             f"{', '.join(t.value for t in AttrType)})",
                             f"未知类型「{type_text}」（可用：{', '.join(t.value for t in AttrType)}）")
                continue
        known = catalog.attributes.get(name)
        if known is not None:
            if type_ is not None and type_ != known.type:
                problems.add(1, cell, f"'{name}' is a {known.type} attribute, not {type_}",
                             f"属性「{name}」的类型是 {known.type}，不是 {type_}")
            columns.append((i, known, False))
        elif not schema.NAME_RE.match(name) or name in schema.RESERVED_NAMES:
            problems.add(1, cell, f"'{name}' cannot be an attribute name: use lower-case letters, "
                         "digits and '_'", f"「{name}」不能作属性名：请用小写字母、数字和下划线")
        elif type_ is None:
            problems.add(1, cell, f"'{name}' is not in the catalog: give its type, e.g. "
                         f"{name}:number", f"属性「{name}」不在目录中：请写明类型，例如 {name}:number")
        else:
            columns.append((i, AttributeDef(name=name, type=type_, label_zh=name, label_en=name),
                            True))
    if id_index < 0:
        problems.add(1, None, "the header has no customer_id column",
                     "表头缺少 customer_id 列")
    return id_index, columns


def _import_customers(store: Store, path: str, header: list[str], records,
                      progress: ProgressCallback) -> ImportResult:
    problems = _Problems()
    id_index, columns = _customer_columns(header, store, problems)
    problems.raise_if_any(path)
    parsers = [(i, a.name, PARSERS[a.type], a.type == AttrType.string) for i, a, _ in columns]
    first_line: dict[str, int] = {}
    rows: list[tuple] = []
    for line, cells in _rows_checked(path, records, len(header), problems):
        customer_id = cells[id_index].strip()
        if not customer_id:
            problems.add(line, "customer_id", "customer_id is empty", "customer_id 为空")
            continue
        if customer_id in first_line:
            problems.add(line, "customer_id",
                         f"this customer is already on line {first_line[customer_id]}",
                         f"该客户已在第 {first_line[customer_id]} 行出现")
            continue
        first_line[customer_id] = line
        values: list[Any] = [customer_id]
        for i, name, parse, is_text in parsers:
            cell = cells[i].strip()
            if not cell:
                values.append(None)
                continue
            try:
                values.append(cell if is_text else parse(cell))
            except ValueError as exc:
                problems.add(line, header[i], *exc.args)
        rows.append(tuple(values))
    problems.raise_if_any(path)
    new = [a for _, a, is_new in columns if is_new]
    names = ["customer_id", *(a.name for _, a, _ in columns)]
    with store.engine.begin() as conn:
        catalog_io.add_attributes(conn, new)
        table = schema.customers_table([*store.catalog().attributes.values(), *new])
        before = _count(conn, table)
        for start in range(0, len(rows), BATCH):
            bulk.upsert_rows(conn, table, names, rows[start:start + BATCH])
            progress(min(start + BATCH, len(rows)), len(rows), "import customers")
        inserted = _count(conn, table) - before
    bulk.analyze(store.engine, ("customers",), best_effort=True)  # the file is in already
    store.refresh()
    return ImportResult("customers", len(rows), inserted=inserted, updated=len(rows) - inserted,
                        new_attributes=[a.name for a in new])


def _count(conn, table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar()
