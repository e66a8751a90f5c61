"""Import customers.csv or events.csv into the store (§8).

customers.csv: a `customer_id` column and one column per attribute, typed
by a `name:type` header suffix (`aum:number`, `tags:tags` with ';' between
tags); a known attribute may omit its type. Existing customers are updated
(only the columns in the file), new ones inserted.

events.csv: `customer_id,event,ts[,properties]`, ts ISO-8601 with offset,
properties a JSON object in strict JSON (no NaN or Infinity, no number that
overflows to infinity, at most 32 levels deep, no lone surrogates); each row
is checked as every event is, however it comes in (`runtime.events_intake`).

The whole file is checked first; any bad row is reported with its line
number, column and the expected type, and nothing is imported. A message
never repeats a cell's text (it may be a phone number or a name): at most
its first and last character and its length. Otherwise everything (new
catalog entries included) is written in one transaction.
"""
from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from nodes.catalog import AttributeDef, AttrType

from .disk import plain_disk_full, store_path
from .events_intake import EventBatch, write_events
from .import_common import (
    MAX_DEPTH,
    ImportFileError,
    ImportResult,
    Problems,
    RowError,
    bad_value,
    loads_strict,
    parse_instant,
)
from .progress import ProgressCallback, no_progress
from .store import Store, bulk, catalog_io, schema

__all__ = ["MAX_DEPTH", "ImportFileError", "ImportResult", "RowError", "import_csv",
           "loads_strict", "parse_instant"]

BATCH = 50_000
EVENT_HEADER = ("customer_id", "event", "ts")


# -- values ----------------------------------------------------------------------

_TRUE = {"true", "1", "yes", "y", "t", "是", "真"}
_FALSE = {"false", "0", "no", "n", "f", "否", "假"}
NUMBER_EN, NUMBER_ZH = "a number such as 1200.5", "数字，例如 1200.5"


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


def _rows_checked(path: str, records, width: int, problems: Problems):
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


# -- events ------------------------------------------------------------------------

def _cell_properties(cells: list[str], line: int, problems: Problems) -> Any:
    """The row's properties cell decoded (None when blank or refused: said in `problems`)."""
    if len(cells) <= 3 or not cells[3].strip():
        return None
    try:
        return loads_strict(cells[3])
    except ValueError as exc:
        problems.add(line, "properties", *exc.args)
        return None


def _import_events(store: Store, path: str, header: list[str], records,
                   progress: ProgressCallback) -> ImportResult:
    """Each row checked as every event is (runtime.events_intake), then all stored."""
    batch = EventBatch(store.catalog())
    if header[3:] not in ([], ["properties"]):
        batch.problems.add(1, None, "events.csv has the columns customer_id,event,ts[,properties]",
                           "events.csv 的列是 customer_id,event,ts[,properties]")
        batch.problems.raise_if_any(path)
    for line, cells in _rows_checked(path, records, len(header), batch.problems):
        properties = _cell_properties(cells, line, batch.problems)
        batch.add(line, *cells[:3], properties)
    batch.problems.raise_if_any(path)
    result = write_events(store, batch, progress, analyze=True)
    store.refresh()
    return result


# -- customers --------------------------------------------------------------------------

def _customer_columns(header: list[str], store: Store,
                      problems: Problems) -> tuple[int, list[tuple[int, AttributeDef, bool]]]:
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
    problems = Problems()
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
    with store.writing() as conn:  # reads, then writes: waits for a running tick
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
