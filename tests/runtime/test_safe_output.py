"""Output that is safe to open and to log: CSV cells a spreadsheet would run
are neutralised, import messages never repeat a customer's data, and event
properties are strict JSON (real SQLite stores, no mocks)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import insert, text

from runtime.cli import main
from runtime.csv_import import MAX_DEPTH, ImportFileError, import_csv
from runtime.csv_safe import safe_cell
from runtime.export import export_touches
from runtime.publish import publish
from runtime.store import schema

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
JID = "account-opening-breakpoint"
T0 = 1_795_000_000
HOSTILE = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1", "-2", "\tx", "\rx"]


# -- CSV neutralisation ---------------------------------------------------------------

def test_text_cells_that_start_a_formula_get_a_quote_and_numbers_stay():
    assert [safe_cell(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert [safe_cell(v) for v in ("C1", "", "2026-11-20T09:00:00+08:00", "a=b")] == [
        "C1", "", "2026-11-20T09:00:00+08:00", "a=b"]
    assert [safe_cell(v) for v in (-5, 86.5, None)] == [-5, 86.5, None]  # written as numbers


@pytest.fixture
def hostile_store(store):
    """A published journey whose touches went to customers with hostile ids."""
    publish(store, TEMPLATES / f"{JID}.journey.json", published_at=T0 - 100)
    with store.engine.begin() as conn:
        conn.execute(insert(schema.touches), [
            {"enrollment_id": i, "journey_id": JID, "version": 1, "customer_id": cid,
             "node_id": "lead-assist", "channel": "crm_lead", "at": T0 + i, "status": "sent",
             "reason": None, "content": "x"} for i, cid in enumerate(HOSTILE)])
    return store


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_exported_touches_have_neutralised_customer_ids(hostile_store, tmp_path):
    out = tmp_path / "touches.csv"
    assert export_touches(hostile_store, JID, out) == len(HOSTILE)
    rows = _read(out)
    assert [r[0] for r in rows[1:]] == ["'" + cid for cid in HOSTILE]
    assert all(r[2] == "1" for r in rows[1:])  # the version, a number, is not prefixed
    raw = out.read_text(encoding="utf-8")
    assert "\n=cmd" not in raw and "\n@SUM" not in raw and "\n+1," not in raw


def test_cli_export_is_neutralised_too(hostile_store, tmp_path, capsys):
    out = tmp_path / "cli.csv"
    code = main(["export", "--store", hostile_store.url, JID, "touches", "--out", str(out),
                 "--lang", "en"])
    assert code == 0, capsys.readouterr().err
    assert [r[0] for r in _read(out)[1:]] == ["'" + cid for cid in HOSTILE]


# -- masked import messages ------------------------------------------------------------

SECRET = "13800138000 王小明"


def _refused(store, tmp_path: Path, content: str) -> ImportFileError:
    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFileError) as raised:
        import_csv(store, path)
    return raised.value


@pytest.mark.parametrize("column, expected_en, expected_zh", [
    ("aum:number", "a number", "数字"),
    ("is_payroll", "true/false", "true/false"),
    ("birthday", "a date", "日期"),
    ("registered_at", "an ISO-8601 instant", "带时区偏移的 ISO-8601 时间"),
])
def test_a_bad_cell_is_named_by_place_and_type_never_by_content(store, tmp_path, column,
                                                                  expected_en, expected_zh):
    refused = _refused(store, tmp_path, f"customer_id,{column}\nC1,{SECRET}\n")
    en, zh = refused.message("en"), refused.message("zh_CN")
    name = column.partition(":")[0]
    assert "line 2" in en and name in en and f"expected {expected_en}" in en
    assert "第 2 行" in zh and name in zh and f"应为{expected_zh}" in zh
    for message in (en, zh):
        assert SECRET not in message and "13800138000" not in message and "王小明" not in message
    assert "'1…明' (15 characters)" in en and "「1…明」（15 个字符）" in zh


def test_event_rows_and_duplicate_ids_are_masked_too(store, tmp_path):
    refused = _refused(store, tmp_path, (
        "customer_id,event,ts\n"
        f"C1,{SECRET},2026-11-20T09:00:00Z\n"
        f"C1,deposit,{SECRET}\n"))
    en, zh = refused.message("en"), refused.message("zh_CN")
    assert "line 2, column 'event'" in en and "line 3, column 'ts'" in en
    assert SECRET not in en + zh and "13800138000" not in en + zh
    refused = _refused(store, tmp_path, f"customer_id,aum\n{SECRET},1\n{SECRET},2\n")
    en, zh = refused.message("en"), refused.message("zh_CN")
    assert "already on line 2" in en and "已在第 2 行" in zh
    assert SECRET not in en + zh and "13800138000" not in en + zh


def test_the_cli_never_prints_the_cell(store, tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text(f"customer_id,aum:number\nC1,{SECRET}\n", encoding="utf-8")
    for lang in ("en", "zh_CN"):
        assert main(["import", "--store", store.url, str(path), "--lang", lang]) == 1
        out, err = capsys.readouterr()
        assert "13800138000" not in out + err and "王小明" not in out + err
        assert ("line 2" if lang == "en" else "第 2 行") in err


# -- strict JSON of event properties -----------------------------------------------------

def _nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize("properties, fragment", [
    ('{"amount": NaN}', "NaN"),
    ('{"amount": Infinity}', "Infinity"),
    ('{"amount": -Infinity}', "-Infinity"),
    ('{"amount": 1e400}', "overflows to infinity"),
    ('{"amount": -1e400}', "overflows to infinity"),
    ('{"amount": 1' + "0" * 400 + "}", "overflows to infinity"),
    ('{"amount": 1' + "0" * 5000 + "}", "overflows to infinity"),
    (_nested(MAX_DEPTH + 1), f"more than {MAX_DEPTH} levels"),
    (_nested(20_000), f"more than {MAX_DEPTH} levels"),
    ('{"room": "\\ud800"}', "lone surrogate"),
    ('{"\\udfff": 1}', "lone surrogate"),
    ('{"amount": 1,}', "not valid JSON"),
])
def test_event_properties_must_be_strict_json(store, tmp_path, properties, fragment):
    refused = _refused(store, tmp_path, (
        "customer_id,event,ts,properties\n"
        'C1,deposit,2026-11-20T09:00:00Z,"{""amount"": 5}"\n'
        f"C2,deposit,2026-11-20T09:00:00Z,{_quoted(properties)}\n"))
    assert [(e.line, e.column) for e in refused.errors] == [(3, "properties")]
    assert fragment in refused.errors[0].en and refused.errors[0].zh
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 0


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def test_strict_json_still_takes_what_the_engine_can_hold(store, tmp_path):
    path = tmp_path / "e.csv"
    flat = json.dumps({"amount": 1.5e308, "count": 2 ** 62, "note": "价格 [a{b}]", "ok": True})
    path.write_text("customer_id,event,ts,properties\n"
                    f"C1,deposit,2026-11-20T09:00:00Z,{_quoted(flat)}\n", encoding="utf-8")
    assert import_csv(store, path).rows == 1
    refused = _refused(store, tmp_path, "customer_id,event,ts,properties\n"
                       f"C1,deposit,2026-11-20T09:00:00Z,{_quoted(_nested(MAX_DEPTH))}\n")
    # 32 levels is not too deep; it is refused later, as properties are flat values.
    assert "levels" not in refused.errors[0].en and "must be a number" in refused.errors[0].en
