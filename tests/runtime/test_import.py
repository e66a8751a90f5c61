"""CSV import: typed headers, catalog growth, and all-or-nothing on bad rows."""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from nodes.catalog import AttrType
from runtime.csv_import import ImportFileError, import_csv, parse_instant
from runtime.store import schema


def _write(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return path


def _customers(store) -> dict[str, dict]:
    with store.engine.connect() as conn:
        return {r.customer_id: r._asdict() for r in conn.execute(select(store.customers_table()))}


CUSTOMERS = """customer_id,name,aum:number,birthday:date,is_payroll:bool,tags:tags,vip:number,opened:datetime
C1,张伟,1000.5,1990-01-02,true,车主; 年轻,3,2026-01-01T08:00:00+08:00
C2,"李, 娜",,1980-12-31,否,,,
"""


def test_customers_are_typed_and_new_attributes_extend_the_catalog(store, tmp_path):
    result = import_csv(store, _write(tmp_path, "c.csv", CUSTOMERS))
    assert (result.kind, result.rows, result.inserted, result.updated) == ("customers", 2, 2, 0)
    assert result.new_attributes == ["vip", "opened"]
    assert store.catalog().attributes["vip"].type == AttrType.number
    rows = _customers(store)
    c1, c2 = rows["C1"], rows["C2"]
    assert (c1["aum"], str(c1["birthday"]), c1["is_payroll"], c1["vip"]) == (
        1000.5, "1990-01-02", True, 3)
    assert schema.text_to_tags(c1["tags"]) == ["车主", "年轻"]
    assert c1["opened"] == parse_instant("2026-01-01T00:00:00+00:00")
    assert (c2["name"], c2["aum"], c2["is_payroll"], c2["tags"]) == ("李, 娜", None, False, None)


def test_a_second_import_updates_only_its_columns(store, tmp_path):
    import_csv(store, _write(tmp_path, "c.csv", CUSTOMERS))
    result = import_csv(store, _write(tmp_path, "u.csv", "customer_id,aum\nC1,7\nC3,9\n"))
    assert (result.inserted, result.updated) == (1, 1)
    rows = _customers(store)
    assert rows["C1"]["aum"] == 7 and rows["C1"]["name"] == "张伟"  # untouched column kept
    assert rows["C3"]["aum"] == 9


def test_gb18030_file_from_excel_is_read(store, tmp_path):
    result = import_csv(store, _write(tmp_path, "gbk.csv", "customer_id,city\nC1,上海\n",
                                      "gb18030"))
    assert result.encoding == "gb18030"
    assert _customers(store)["C1"]["city"] == "上海"


@pytest.mark.parametrize("content, line, fragment", [
    ("customer_id,aum:number\nC1,1\nC2,abc\n", 3, "not a number: expected a number"),
    ("customer_id,birthday\nC1,1990-02-30\n", 2, "not a date"),
    ("customer_id,registered_at\nC1,2026-01-01T08:00:00\n", 2, "no UTC offset"),
    ("customer_id,is_payroll\nC1,maybe\n", 2, "true/false"),
    ("customer_id,aum\nC1,1\n,2\n", 3, "customer_id is empty"),
    ("customer_id,aum\nC1,1\nC1,2\n", 3, "already on line 2"),
    ("customer_id,aum\nC1,1,3\n", 2, "3 values"),
    ("customer_id,aum:string\nC1,x\n", 1, "is a number attribute"),
    ("customer_id,mystery\nC1,x\n", 1, "mystery:number"),
    ("customer_id,x:colour\nC1,x\n", 1, "unknown type 'colour'"),
    ("name,aum\nx,1\n", 1, "no customer_id"),
    ('customer_id,name\nC1,"a\nb"\nC2,ok,extra\n', 4, "3 values"),  # quoted newline: line 4
])
def test_bad_customer_rows_are_reported_and_nothing_is_imported(store, tmp_path, content, line,
                                                                 fragment):
    with pytest.raises(ImportFileError) as raised:
        import_csv(store, _write(tmp_path, "bad.csv", content))
    messages = [e.message("en") for e in raised.value.errors]
    assert any(fragment in m and f"line {line}" in m for m in messages), messages
    assert _customers(store) == {}  # the good rows before the bad one were not kept
    assert "mystery" not in store.catalog().attributes


def test_failed_import_adds_no_column(store, tmp_path):
    with pytest.raises(ImportFileError) as raised:
        import_csv(store, _write(tmp_path, "bad.csv", "customer_id,score:number\nC1,1\nC2,x\n"))
    assert "第 3 行" in raised.value.message("zh_CN") and "未导入" in raised.value.message("zh_CN")
    with store.engine.connect() as conn:
        columns = [r[1] for r in conn.execute(text("PRAGMA table_info(customers)"))]
    assert "score" not in columns


EVENTS = """customer_id,event,ts,properties
C1,register,2026-11-20T09:00:00+08:00,
C1,deposit,2026-11-20T10:00:00Z,"{""amount"": 500}"
C2,webinar_join,2026-11-20T10:00:00+08:00,"{""room"": ""A"", ""minutes"": 5}"
"""


def test_events_are_stored_with_utc_instants_and_new_events_join_the_catalog(store, tmp_path):
    result = import_csv(store, _write(tmp_path, "e.csv", EVENTS))
    assert (result.kind, result.rows, result.new_events) == ("events", 3, ["webinar_join"])
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.events).order_by(schema.events.c.id)).all()
    assert [(r.customer_id, r.name, r.ts, r.properties) for r in rows] == [
        ("C1", "register", 1795136400, None),
        ("C1", "deposit", 1795168800, '{"amount":500}'),
        ("C2", "webinar_join", 1795140000, '{"minutes":5,"room":"A"}'),
    ]
    assert store.catalog().events["webinar_join"].properties == {
        "room": AttrType.string, "minutes": AttrType.number}


def test_events_without_properties_column(store, tmp_path):
    result = import_csv(store, _write(tmp_path, "e.csv",
                                      "customer_id,event,ts\nC1,app_launch,2026-11-20T09:00:00Z\n"))
    assert result.rows == 1


@pytest.mark.parametrize("row, column, fragment", [
    ("C1,app_launch,yesterday,", "ts", "not an ISO-8601 instant"),
    ("C1,app_launch,2026-11-20T09:00:00,", "ts", "no UTC offset"),
    ("C1,Bad Event,2026-11-20T09:00:00Z,", "event", "not an event name"),
    ("C1,deposit,2026-11-20T09:00:00Z,{amount: 1}", "properties", "not valid JSON"),
    ("C1,deposit,2026-11-20T09:00:00Z,[1]", "properties", "JSON object"),
    ('C1,deposit,2026-11-20T09:00:00Z,"{""amount"": ""lots""}"', "properties", "must be a number"),
    (',deposit,2026-11-20T09:00:00Z,', "customer_id", "empty"),
])
def test_bad_event_rows_name_line_and_column(store, tmp_path, row, column, fragment):
    content = EVENTS + row + "\n"
    with pytest.raises(ImportFileError) as raised:
        import_csv(store, _write(tmp_path, "e.csv", content))
    errors = raised.value.errors
    assert any(e.line == 5 and e.column == column and fragment in e.en for e in errors), errors
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 0
    assert "webinar_join" not in store.catalog().events


def test_unreadable_and_empty_files(store, tmp_path):
    with pytest.raises(ImportFileError, match="problem"):
        import_csv(store, tmp_path / "missing.csv")
    with pytest.raises(ImportFileError) as raised:
        import_csv(store, _write(tmp_path, "empty.csv", ""))
    assert "empty" in raised.value.message("en")


def test_many_errors_are_capped(store, tmp_path):
    content = "customer_id,aum\n" + "".join(f"C{i},x\n" for i in range(30))
    with pytest.raises(ImportFileError) as raised:
        import_csv(store, _write(tmp_path, "e.csv", content))
    assert len(raised.value.errors) == 20 and raised.value.more == 10
    assert "10 more" in raised.value.message("en")


def test_new_property_of_a_known_event_joins_the_catalog(store, tmp_path):
    content = ('customer_id,event,ts,properties\n'
               'C1,deposit,2026-11-20T09:00:00Z,"{""amount"": 5, ""branch"": ""SH01""}"\n')
    result = import_csv(store, _write(tmp_path, "e.csv", content))
    assert result.new_events == []
    assert store.catalog().events["deposit"].properties == {"amount": AttrType.number,
                                                            "branch": AttrType.string}


def test_broken_quoting_is_reported_at_its_line(store, tmp_path):
    content = 'customer_id,name\nC1,ok\nC2,"never closed\nC3,x\n'
    with pytest.raises(ImportFileError) as raised:
        import_csv(store, _write(tmp_path, "q.csv", content))
    error = raised.value.errors[0]
    assert error.line == 3 and "bad CSV" in error.en
    assert _customers(store) == {}


def test_events_dated_before_the_runtime_clock_are_flagged_as_late(store, tmp_path):
    content = ("customer_id,event,ts\nC1,deposit,2026-11-20T09:00:00Z\n"
               "C2,deposit,2026-11-22T09:00:00Z\n")
    assert import_csv(store, _write(tmp_path, "a.csv", content)).late == 0  # no clock yet
    store.set_meta("clock", str(int(datetime(2026, 11, 21, tzinfo=UTC).timestamp())))
    result = import_csv(store, _write(tmp_path, "b.csv", content))
    assert (result.rows, result.late) == (2, 1)
    assert "1 of them are dated before the runtime's clock" in result.summary("en")
    assert "其中 1 条早于运行时钟" in result.summary("zh_CN")
