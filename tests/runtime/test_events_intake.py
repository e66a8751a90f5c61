"""Events from a JSON-lines file: checked by the same parser as events.csv and
`serve-events`, stored all or nothing, unknown customers accepted and counted
(real SQLite and PostgreSQL stores)."""
from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from nodes.catalog import AttrType
from runtime.cli import main
from runtime.csv_import import import_csv
from runtime.events_intake import import_json_lines
from runtime.import_common import ImportFileError
from runtime.store import schema, upgrade

T1 = "2026-11-20T09:00:00+08:00"
EVENTS = [
    {"customer_id": "C1", "event": "register", "ts": T1},
    {"customer_id": "C1", "event": "deposit", "ts": "2026-11-20T10:00:00Z",
     "properties": {"amount": 500}},
    {"customer_id": "C2", "event": "webinar_join", "ts": "2026-11-20T10:00:00+08:00",
     "properties": {"room": "A", "minutes": 5}},
]
STORED = [
    ("C1", "register", 1795136400, None),
    ("C1", "deposit", 1795168800, '{"amount":500}'),
    ("C2", "webinar_join", 1795140000, '{"minutes":5,"room":"A"}'),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request):
    return request.getfixturevalue("store" if request.param == "sqlite" else "postgres_store")


def write_lines(tmp_path: Path, lines: list, name: str = "events.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False))
                            + "\n" for x in lines), encoding="utf-8")
    return path


def stored_events(store) -> list[tuple]:
    e = schema.events
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(e.c.customer_id, e.c.name, e.c.ts, e.c.properties).order_by(e.c.id))]


def event_count(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.events)).scalar()


def add_customer(store, tmp_path: Path, customer_id: str) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(f"customer_id,aum:number\n{customer_id},1\n", encoding="utf-8")
    import_csv(store, path)


def test_a_jsonl_file_is_stored_and_unknown_customers_are_counted(any_store, tmp_path):
    add_customer(any_store, tmp_path, "C1")
    result = import_json_lines(any_store, write_lines(tmp_path, EVENTS))
    assert (result.kind, result.rows, result.unknown_customers) == ("events", 3, 1)  # C2
    assert result.new_events == ["webinar_join"]
    assert stored_events(any_store) == STORED
    assert any_store.catalog().events["webinar_join"].properties == {
        "room": AttrType.string, "minutes": AttrType.number}


EVENTS_CSV = """customer_id,event,ts,properties
C1,register,2026-11-20T09:00:00+08:00,
C1,deposit,2026-11-20T10:00:00Z,"{""amount"": 500}"
C2,webinar_join,2026-11-20T10:00:00+08:00,"{""room"": ""A"", ""minutes"": 5}"
"""


def test_csv_and_jsonl_store_the_same_rows(store, tmp_path):
    csv_path = tmp_path / "events.csv"
    csv_path.write_text(EVENTS_CSV, encoding="utf-8")
    assert import_csv(store, csv_path).rows == 3
    assert import_json_lines(store, write_lines(tmp_path, EVENTS)).rows == 3
    rows = stored_events(store)
    assert rows[:3] == rows[3:] == STORED


GOOD = json.dumps(EVENTS[0])


@pytest.mark.parametrize("bad, field, fragment", [
    ({"customer_id": "C1", "event": "deposit"}, "ts", "ts is missing"),
    ({"customer_id": "C1", "event": "deposit", "ts": "2026-11-20T09:00:00"}, "ts",
     "no UTC offset"),
    ({"customer_id": "C1", "event": "deposit", "ts": 1795136400}, "ts", "must be text"),
    ({"customer_id": 7, "event": "deposit", "ts": T1}, "customer_id", "must be text"),
    ({"customer_id": " ", "event": "deposit", "ts": T1}, "customer_id", "is empty"),
    ({"customer_id": "C1", "event": "Bad Event", "ts": T1}, "event", "not an event name"),
    ({"customer_id": "C1", "event": "deposit", "ts": T1, "properties": [1]}, "properties",
     "JSON object"),
    ({"customer_id": "C1", "event": "deposit", "ts": T1, "properties": {"amount": "lots"}},
     "properties", "must be a number"),
    ({"customer_id": "C1", "event": "deposit", "ts": T1, "when": T1}, "when", "unknown field"),
    ('{"customer_id": "C1", "event": "deposit", "ts": "' + T1 + '"', None, "not valid JSON"),
    ('{"customer_id": "C1", "event": "deposit", "ts": "' + T1 + '", "properties": '
     '{"amount": NaN}}', None, "not strict JSON"),
    ("[1, 2]", None, "must be a JSON object"),
])
def test_a_bad_line_is_named_by_line_and_field_and_nothing_is_stored(store, tmp_path, bad,
                                                                     field, fragment):
    path = write_lines(tmp_path, [GOOD, "", GOOD, bad, EVENTS[2]])  # line 2 blank: still counted
    with pytest.raises(ImportFileError) as raised:
        import_json_lines(store, path)
    errors = raised.value.errors
    assert any(e.line == 4 and e.column == field and fragment in e.en for e in errors), errors
    assert event_count(store) == 0
    assert "webinar_join" not in store.catalog().events  # no catalog entry either


def test_a_bad_line_stores_nothing_on_postgres_either(postgres_store, tmp_path):
    bad = {"customer_id": "C1", "event": "deposit", "ts": "2026-11-20"}
    with pytest.raises(ImportFileError) as raised:
        import_json_lines(postgres_store, write_lines(tmp_path, [*EVENTS, bad]))
    assert raised.value.message("en").count("line 4, field 'ts'") == 1
    assert event_count(postgres_store) == 0
    assert "webinar_join" not in postgres_store.catalog().events


def test_unusual_line_breaks_inside_strings_do_not_split_a_line(store, tmp_path):
    event = {"customer_id": "C1", "event": "note", "ts": T1, "properties": {"text": "a\u2028b"}}
    line = json.dumps(event, ensure_ascii=False)
    assert "\u2028" in line
    path = write_lines(tmp_path, [line + "\r"])  # and a Windows line end
    assert import_json_lines(store, path).rows == 1
    assert json.loads(stored_events(store)[0][3]) == {"text": "a\u2028b"}


def test_empty_unreadable_and_non_utf8_files_are_refused(store, tmp_path):
    with pytest.raises(ImportFileError, match="problem"):
        import_json_lines(store, tmp_path / "missing.jsonl")
    with pytest.raises(ImportFileError) as raised:
        import_json_lines(store, write_lines(tmp_path, ["", "  "]))
    assert "holds no event" in raised.value.message("en")
    path = tmp_path / "gbk.jsonl"
    path.write_bytes((GOOD + "\n").encode() + '{"customer_id": "张"}\n'.encode("gb18030"))
    with pytest.raises(ImportFileError) as raised:
        import_json_lines(store, path)
    assert raised.value.errors[0].line == 2 and "UTF-8" in raised.value.errors[0].en
    assert event_count(store) == 0


def test_events_dated_before_the_runtime_clock_are_counted_as_late(store, tmp_path):
    store.set_meta("clock", str(int(datetime(2026, 11, 20, 1, 30, tzinfo=UTC).timestamp())))
    result = import_json_lines(store, write_lines(tmp_path, EVENTS))
    assert (result.rows, result.late) == (3, 1)  # only 01:00Z is before the clock


def test_an_import_waits_for_a_tick_holding_the_store_instead_of_failing(store, tmp_path):
    path = write_lines(tmp_path, EVENTS)
    holding, release = threading.Event(), threading.Event()

    def tick() -> None:  # as a run's tick does: the write lock from its start
        with store.writing() as conn:
            clock = int(datetime(2026, 11, 20, 1, 30, tzinfo=UTC).timestamp())
            upgrade.set_meta(conn, "clock", str(clock))
            holding.set()
            release.wait(5)

    runner = threading.Thread(target=tick)
    runner.start()
    assert holding.wait(5)
    threading.Timer(0.3, release.set).start()
    result = import_json_lines(store, path)
    runner.join(5)
    assert stored_events(store) == STORED
    assert result.late == 1  # written after the tick: it counted against the tick's clock


def test_the_command_imports_jsonl_beside_csv_and_names_a_bad_line(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["init", "--store", url, "--lang", "en"]) == 0
    good = write_lines(tmp_path, EVENTS, "good.ndjson")
    assert main(["import", "--store", url, str(good), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "good.ndjson: imported 3 events" in out
    assert "2 of their customers are not in the store yet" in out
    bad = write_lines(tmp_path, [GOOD, {"customer_id": "C1", "event": "x", "ts": "soon"}],
                      "bad.jsonl")
    assert main(["import", "--store", url, str(bad), "--lang", "zh_CN"]) == 1
    err = capsys.readouterr().err
    assert "第 2 行，字段「ts」" in err and "未导入任何数据" in err
    assert main(["import", "--store", url, str(bad), "--lang", "en"]) == 1
    assert "line 2, field 'ts'" in capsys.readouterr().err
    from runtime.store import Store

    with Store(url) as store:
        assert len(stored_events(store)) == 3  # only the good file
