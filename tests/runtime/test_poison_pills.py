"""Poison pills (issue 10): whatever goes wrong inside one journey's step stops
that journey only — paused by the run with its reason, its tick rolled back,
every other journey's results exactly as in a store without it. A
store-wide failure still stops the run, plainly and with nothing half-written.

The pills are stored directly (`publish` from engine_fixtures, raw event
rows), as if from before publish and import refused them."""
from __future__ import annotations

import errno
import resource
import shutil
import sqlite3
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import OperationalError

from resources import TEMPLATES_DIR
from runtime.api import journey_states
from runtime.cli import main
from runtime.engine import run
from runtime.engine.errors import is_journey_error, reason_of
from runtime.errors import is_store_wide, store_wide_kind, store_wide_message
from runtime.publish import publish as publish_file
from runtime.report import format_report, report
from runtime.store import Store
from tests.runtime.engine_fixtures import (
    DAY,
    HOUR,
    T0,
    add_customers,
    add_events,
    chain,
    engine_result,
    fresh_store,
    journey,
    publish,
    run_engine,
    utc,
)

WEEK = 7 * DAY
REGISTER = {"type": "event", "event": "register"}


def healthy():
    j = journey("healthy", goal={"event": "deposit"})
    chain(j, ("t", "trigger", REGISTER),
          ("f", "filter", {"condition": {"attribute": "aum", "op": "gt", "value": 50}}),
          ("w", "wait", {"type": "duration", "duration": {"amount": 1, "unit": "days"}}),
          ("s", "touch", {"channel": "sms", "template": "您好，拒收请回复R"}))
    return j


def deep_condition():
    condition = {"attribute": "aum", "op": "gt", "value": 1}
    for _ in range(40):
        condition = {"not": condition}
    j = journey("deep")
    chain(j, ("t", "trigger", REGISTER), ("f1", "filter", {"condition": condition}))
    return j


def huge_goal_window():
    j = journey("goal", goal={"event": "deposit", "within": {"amount": 10**300, "unit": "days"}})
    chain(j, ("t", "trigger", REGISTER),
          ("w", "wait", {"type": "duration", "duration": {"amount": 1, "unit": "days"}}))
    return j


def reads_amount():
    j = journey("nan")
    chain(j, ("t", "trigger", REGISTER), ("f1", "filter", {"condition": {
        "event": "deposit", "where": [{"attribute": "amount", "op": "gt", "value": 5}]}}))
    return j


def unstorable_update():
    j = journey("upd")
    chain(j, ("t", "trigger", REGISTER), ("u1", "update", {"set": {"registered_at": 10**30}}))
    return j


NAN_EVENT = ("a", "deposit", T0 + HOUR // 2, '{"amount": NaN}')  # as a bad import stored it
# name: (journey, its raw events, reason, node, report text in en and zh)
PILLS = {
    "deep": (deep_condition, [], "condition_too_deep", "f1",
             "(paused automatically: condition too deep for the database — node f1)",
             "（已自动暂停：条件过深，数据库无法执行 — 节点 f1）"),
    "goal": (huge_goal_window, [], "number_out_of_range", None,
             "(paused automatically: a number beyond what the store can hold)",
             "（已自动暂停：数值超出客户库可处理的范围）"),
    "nan": (reads_amount, [NAN_EVENT], "bad_event_data", "f1",
            "(paused automatically: an event's properties are not valid JSON — node f1)",
            "（已自动暂停：事件属性不是有效的 JSON，无法读取 — 节点 f1）"),
    "upd": (unstorable_update, [], "unstorable_value", "u1",
            "(paused automatically: an update writes a value the store cannot hold — node u1)",
            "（已自动暂停：更新的值客户库无法保存 — 节点 u1）"),
}


def fill(store, pill: str | None) -> None:
    add_customers(store, [{"customer_id": c, "aum": aum} for c, aum in
                          (("a", 100.0), ("b", 10.0), ("c", 200.0), ("d", 80.0))])
    add_events(store, [("a", "register", T0 + HOUR), ("b", "register", T0 + 2 * HOUR),
                       ("c", "register", T0 + DAY), ("c", "deposit", T0 + DAY + HOUR,
                                                     '{"amount": 9}'),
                       ("d", "register", T0 + 3 * DAY)])
    publish(store, healthy())
    if pill is not None:
        build, raw_events = PILLS[pill][:2]
        if raw_events:
            add_events(store, raw_events)
        publish(store, build())


def only(result: dict, jid: str) -> dict:
    return {k: [row for row in rows if row[0] == jid] for k, rows in result.items()}


def week(store) -> dict:
    return run(store, start=utc(T0), until=utc(T0 + WEEK), tick=timedelta(hours=1))


@pytest.mark.parametrize(("backend", "pill"), [
    *(("sqlite", p) for p in PILLS), ("postgresql", "deep"), ("postgresql", "nan"),
    ("postgresql", "goal"), ("postgresql", "upd")])
def test_a_poisoned_journey_is_paused_and_the_others_run_as_without_it(
        backend, pill, tmp_path, request):
    with fresh_store(backend, tmp_path, request, "clean") as clean:
        fill(clean, None)
        week(clean)
        expected = only(engine_result(clean), "healthy")
    assert expected["touches"], "the healthy journey touched nobody: nothing would be proved"
    jid, reason, node, en, zh = PILLS[pill][0]().id, *PILLS[pill][2:]
    with fresh_store(backend, tmp_path, request, "poisoned") as store:
        fill(store, pill)
        totals = week(store)
        assert store.clock() == T0 + WEEK
        result = engine_result(store)
        assert only(result, "healthy") == expected
        if backend == "postgresql" and pill == "deep":
            # PostgreSQL reads a condition 40 deep: not a poison there, it just runs.
            assert totals["paused"] == [] and only(result, jid)["enrollments"]
            return
        [paused] = totals["paused"]
        assert (paused["journey"], paused["version"], paused["reason"], paused["node"]) == (
            jid, 1, reason, node)
        assert only(result, jid) == {k: [] for k in result}  # its ticks rolled back
        data = report(store, jid)
        assert data["state"] == "paused" and data["paused_because"]["reason"] == reason
        assert en in format_report(data, store, "en")
        assert zh in format_report(data, store, "zh_CN")
        [state] = [s for s in journey_states(store, "zh_CN") if s["journey"] == jid]
        assert state["automatic"] and state["node"] == node and state["detail"]
        assert state["reason_text"] == zh.split("：", 1)[1].split(" — ")[0].rstrip("）")


def budgeted():
    """Points a day after registering, for the first customer only (a budget of one)."""
    j = journey("points")
    chain(j, ("t", "trigger", REGISTER),
          ("w", "wait", {"type": "duration", "duration": {"amount": 1, "unit": "days"}}),
          ("r", "reward", {"benefit": "points", "amount": 100, "budget": 100}))
    return j


def deep_on_deposit():
    """Fails when a deposit comes in: on day 2, after the day's first grant."""
    j = deep_condition()
    j.set_config("t", {"type": "event", "event": "deposit"})
    return j


def test_a_rolled_back_tick_gives_back_the_budget_it_spent(tmp_path):
    """The budget spent is kept in memory between steps: a tick rolled back
    for a poisoned journey must give it back, or the retry refuses the grant."""
    results = []
    for poisoned in (False, True):
        store = Store(f"sqlite:///{tmp_path / f'{poisoned}.db'}")
        try:
            fill(store, None)
            publish(store, budgeted())
            if poisoned:
                publish(store, deep_on_deposit())
            totals = run_engine(store, T0, T0 + WEEK, DAY)
            assert [p["journey"] for p in totals["paused"]] == (["deep"] if poisoned else [])
            results.append(only(engine_result(store), "points")["rewards"])
        finally:
            store.close()
    assert [r[-1] for r in results[0]] == ["granted", "exhausted", "exhausted", "exhausted"]
    assert results[1] == results[0]


def test_run_says_which_journeys_it_paused_and_resume_after_fixing_runs_them(
        tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store(url)
    fill(store, "nan")
    publish(store, deep_condition())
    store.close()
    span = ["--from", utc(T0).isoformat(), "--until", utc(T0 + WEEK).isoformat(), "--tick", "1h"]
    assert main(["run", "--store", url, *span]) == 3  # finished, but someone has to look
    err = capsys.readouterr().err.splitlines()
    assert err == [
        ("paused journey 'deep' version 1 automatically at node f1: condition too deep for the "
        "database (sqlite3.OperationalError: parser stack overflow); the other journeys ran on. "
        f"Fix it, then: journey-runtime resume --store {url} deep"),
        ("paused journey 'nan' version 1 automatically at node f1: an event's properties are not "
        "valid JSON (sqlite3.OperationalError: malformed JSON); the other journeys ran on. "
        f"Fix it, then: journey-runtime resume --store {url} nan")]
    store = Store(url)
    with store.engine.begin() as conn:  # the fix: the event's properties, corrected
        conn.execute(text("UPDATE events SET properties = '{\"amount\": 7}' "
                          "WHERE properties LIKE '%NaN%'"))
    add_events(store, [("c", "deposit", T0 + WEEK + HOUR, '{"amount": 8}'),
                       ("c", "register", T0 + WEEK + 2 * HOUR)])
    store.close()
    at = utc(T0 + WEEK).isoformat()
    assert main(["resume", "--lang", "zh_CN", "--store", url, "nan", "--at", at]) == 0
    later = ["--from", utc(T0).isoformat(), "--until", utc(T0 + 2 * WEEK).isoformat(),
             "--tick", "1h"]
    assert main(["run", "--lang", "zh_CN", "--store", url, *later]) == 0
    assert "已自动暂停" not in capsys.readouterr().err  # deep stays paused, not paused again
    store = Store(url)
    try:
        nan = only(engine_result(store), "nan")["enrollments"]
        assert [(r[1], r[2], r[3]) for r in nan] == [("c", T0 + WEEK + 2 * HOUR, "completed")]
        data = report(store, "nan")
        assert data["state"] == "active" and data["paused_because"] is None
        assert "暂停" not in format_report(data, store, "zh_CN").splitlines()[0]
        assert {s["journey"]: s["automatic"] for s in journey_states(store)} == {
            "deep": True, "healthy": False, "nan": False}
    finally:
        store.close()


def test_the_activation_template_runs_on_beside_a_poisoned_journey(demo_store, demo_now,
                                                                   tmp_path):
    clean_path = tmp_path / "clean.db"
    shutil.copyfile(demo_store.url.removeprefix("sqlite:///"), clean_path)
    template = TEMPLATES_DIR / "new-customer-activation.journey.json"
    results = []
    for store, poisoned in ((Store(f"sqlite:///{clean_path}"), False), (demo_store, True)):
        publish_file(store, template, demo_now)
        if poisoned:
            publish(store, deep_condition(), published_at=demo_now)
        totals = run(store, start=utc(demo_now), until=utc(demo_now + WEEK),
                     tick=timedelta(hours=6))
        assert [p["journey"] for p in totals["paused"]] == (["deep"] if poisoned else [])
        results.append(only(engine_result(store), "new-customer-activation"))
    assert results[0]["steps"] and results[0] == results[1]


# -- store-wide failures ---------------------------------------------------------------

def _sqlite_error(path, sql: str, *setup: str) -> Exception:
    try:
        db = sqlite3.connect(path)
    except sqlite3.Error as exc:
        return exc
    try:
        for statement in setup:
            db.execute(statement)
        db.execute(sql)
    except sqlite3.Error as exc:
        return exc
    finally:
        db.close()
    raise AssertionError(f"{sql} did not fail")


def _wrapped(sql: str) -> Exception:
    """The error as the engine sees it: raised by SQLAlchemy over sqlite3."""
    engine = create_engine("sqlite://")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(sql)
    except OperationalError as exc:
        return exc
    finally:
        engine.dispose()
    raise AssertionError(f"{sql} did not fail")


def test_store_wide_failures_are_told_from_a_journeys_own(tmp_path):
    deep = _wrapped("SELECT " + "NOT " * 200 + "1")
    bad_json = _wrapped("SELECT json_extract('{\"a\": NaN}', '$.a')")
    full = _sqlite_error(tmp_path / "full.db", "INSERT INTO t VALUES (randomblob(100000))",
                         "CREATE TABLE t (x)", "PRAGMA max_page_count = 3")
    gone = _sqlite_error(tmp_path / "no" / "such.db", "SELECT 1")  # connect itself fails
    for exc in (deep, bad_json, OverflowError("int too large"), ValueError("lots")):
        assert not is_store_wide(exc) and is_journey_error(exc), exc
    assert [reason_of(e) for e in (deep, bad_json)] == ["condition_too_deep", "bad_event_data"]
    cases = [(full, "full"), (gone, "gone"), (OSError(errno.ENOSPC, "No space left"), "full"),
             (OSError(errno.EIO, "Input/output error"), "io")]
    for exc, kind in cases:
        assert store_wide_kind(exc) == kind and not is_journey_error(exc), exc
    # Wrapped by SQLAlchemy, as the engine sees them.
    engine = create_engine(f"sqlite:///{tmp_path / 'full.db'}")
    with pytest.raises(OperationalError) as wrapped, engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA max_page_count = 3")
        conn.exec_driver_sql("INSERT INTO t VALUES (randomblob(100000))")
    engine.dispose()
    assert store_wide_kind(wrapped.value) == "full"
    path = tmp_path / "store.db"
    assert store_wide_message(wrapped.value, f"sqlite:///{path}") == f"the disk is full ({path})"
    assert store_wide_message(wrapped.value, str(path), "zh_CN") == f"磁盘已满（{path}）"


def test_a_postgresql_admin_shutdown_is_store_wide(postgres_store):
    engine = create_engine(postgres_store.url)
    try:
        with pytest.raises(OperationalError) as raised, engine.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
    finally:
        engine.dispose()
    assert store_wide_kind(raised.value) == "server" and not is_journey_error(raised.value)


def test_a_full_store_stops_the_run_and_pauses_no_journey(store):
    add_customers(store, [{"customer_id": f"c{i:04}", "aum": 100.0} for i in range(2000)])
    add_events(store, [(f"c{i:04}", "register", T0 + HOUR) for i in range(2000)])
    publish(store, healthy())
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    store.engine.dispose()
    # SQLite's own page limit: the real SQLITE_FULL a full disk gives, mid-step.
    event.listen(store.engine, "connect", lambda dbapi, _: dbapi.execute(
        f"PRAGMA max_page_count = {pages + 2}"))
    with pytest.raises(OperationalError) as raised:
        run_engine(store, T0, T0 + DAY, HOUR)
    path = store.url.removeprefix("sqlite:///")
    assert store_wide_message(raised.value, store) == f"the disk is full ({path})"
    assert store.journey_states()[0].state == "active"  # not blamed on the journey
    assert engine_result(store)["enrollments"] == [] and store.clock() is None


def test_the_cli_run_stops_plainly_when_the_disk_refuses_writes(tmp_path):
    """The OS refuses to grow any file (RLIMIT_FSIZE, honoured even for root)."""
    path = tmp_path / "store.db"
    store = Store(f"sqlite:///{path}")
    fill(store, None)
    add_customers(store, [{"customer_id": f"x{i:04}", "aum": 100.0} for i in range(3000)])
    add_events(store, [(f"x{i:04}", "register", T0 + 5 * HOUR) for i in range(3000)])
    store.close()
    shutil.copyfile(path, tmp_path / "copy.db")
    limit = 64 * 1024

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    span = ["--from", utc(T0).isoformat(), "--until", utc(T0 + DAY).isoformat(), "--tick", "1h"]
    done = subprocess.run([sys.executable, "-m", "runtime.cli", "run", "--store", str(path),
                           *span], capture_output=True, text=True, preexec_fn=small_files,
                          check=False)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() in (f"journey-runtime run: error: the disk is full ({path})",
                                   ("journey-runtime run: error: a disk error while reading or "
                                   f"writing the store ({path})"))
    assert "Traceback" not in done.stderr and "SQL" not in done.stderr
    store, again = Store(f"sqlite:///{path}"), Store(f"sqlite:///{tmp_path / 'copy.db'}")
    try:
        reached = store.clock()  # the ticks before the failing one stay committed
        assert reached is None or reached < T0 + DAY
        if reached is not None:
            run_engine(again, T0, reached, HOUR)
        assert engine_result(store) == engine_result(again)  # nothing half-written
        assert all(s.state == "active" for s in store.journey_states())
    finally:
        store.close()
        again.close()
