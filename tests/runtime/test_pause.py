"""Pause and resume (journey-semantics §7): a paused journey takes no one in
and holds every step; on resume, held customers continue at their own
instants, and touches that fell in the pause are sent late or, if the
operator chose so, skipped (suppressed, reason `paused`)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from runtime.cli import main
from runtime.engine import run
from runtime.report import format_report, report
from runtime.store import JourneyStateError
from tests.runtime.engine_fixtures import (
    DAY,
    HOUR,
    T0,
    add_customers,
    add_events,
    chain,
    engine_result,
    journey,
    publish,
    run_engine,
    utc,
)

PAUSED, RESUMED = T0 + DAY + 90 * 60, T0 + 3 * DAY


def welcome() -> object:
    j = journey("j")
    chain(j, ("t", "trigger", {"type": "event", "event": "register"}),
          ("w", "wait", {"type": "duration", "duration": {"amount": 1, "unit": "days"}}),
          ("s", "touch", {"channel": "push", "template": "欢迎"}))
    return j


def live(store, until: int) -> None:
    run(store, start=None, until=utc(until), tick=timedelta(minutes=30))


@pytest.fixture
def paused_store(store):
    """e's touch falls before the pause, a's inside it; b registers during
    the pause, c after it. The runtime has run up to the pause, then on."""
    add_customers(store, [{"customer_id": c} for c in "abce"])
    add_events(store, [("e", "register", T0 + HOUR), ("a", "register", T0 + 2 * HOUR),
                       ("b", "register", T0 + 2 * DAY), ("c", "register", RESUMED + HOUR)])
    publish(store, welcome())
    run_engine(store, T0, PAUSED, 30 * 60)
    assert store.pause_journey("j", PAUSED) == [1]
    live(store, RESUMED)
    return store


def test_pause_holds_steps_and_takes_no_one_in(paused_store):
    result = engine_result(paused_store)
    assert [(x[1], x[3], x[5], x[6]) for x in result["enrollments"]] == [
        ("a", "active", "w", T0 + DAY + 2 * HOUR), ("e", "completed", "s", None)]
    assert [(x[1], x[5], x[6]) for x in result["touches"]] == [("e", T0 + DAY + HOUR, "sent")]
    data = report(paused_store, "j")
    assert data["state"] == "paused"
    assert "version 1  (paused)" in format_report(data, paused_store, "en")


@pytest.mark.parametrize("skip, sent_at, status, reason", [
    (False, RESUMED, "sent", None),  # sent late, at the resume (§7), not dated in the pause
    (True, T0 + DAY + 2 * HOUR, "suppressed", "paused")])
def test_resume_sends_or_skips_touches_missed_in_the_pause(paused_store, skip, sent_at, status,
                                                           reason):
    assert paused_store.resume_journey("j", RESUMED, skip_missed_touches=skip) == [1]
    live(paused_store, RESUMED + 2 * DAY)
    result = engine_result(paused_store)
    # b registered while paused: never enters. a continues from its touch's instant.
    assert [(x[1], x[3], x[7]) for x in result["enrollments"]] == [
        ("a", "completed", sent_at), ("c", "completed", RESUMED + HOUR + DAY),
        ("e", "completed", T0 + DAY + HOUR)]
    assert [(x[1], x[5], x[6], x[7]) for x in result["touches"]] == [
        ("a", sent_at, status, reason), ("c", RESUMED + HOUR + DAY, "sent", None),
        ("e", T0 + DAY + HOUR, "sent", None)]


def test_a_touch_sent_at_a_quiet_resume_waits_for_the_window_to_end(paused_store):
    paused_store.set_policies({"timezone": "Asia/Shanghai",
                               "quiet_hours": {"push": ["21:00", "08:00"]}})
    quiet_resume = RESUMED - 2 * HOUR  # 06:00 in Shanghai; quiet until 08:00 = RESUMED
    paused_store.resume_journey("j", quiet_resume)
    live(paused_store, RESUMED + DAY)
    touches = engine_result(paused_store)["touches"]
    assert [(x[1], x[5], x[6]) for x in touches if x[1] == "a"] == [("a", RESUMED, "sent")]


def test_resume_before_the_pause_is_refused(paused_store):
    with pytest.raises(JourneyStateError, match="before it was paused"):
        paused_store.resume_journey("j", PAUSED - 1)
    assert paused_store.resume_journey("nobody") == []


def test_a_pause_cannot_start_where_the_runtime_has_already_been(store):
    publish(store, welcome())
    run_engine(store, T0, T0 + DAY, HOUR)
    with pytest.raises(JourneyStateError, match="already run up to"):
        store.pause_journey("j", T0 + DAY - 1)
    assert store.pause_journey("j") == [1]  # default: now, or the clock if it is ahead
    assert store.journey_version("j").paused_at >= T0 + DAY


def iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat()


def test_pause_and_resume_on_the_command_line(capsys, store, store_url):
    publish(store, welcome())
    assert main(["pause", "--store", store_url, "j", "--at", iso(PAUSED), "--lang", "en"]) == 0
    assert "paused journey 'j' version 1: no new entries" in capsys.readouterr().out
    assert main(["pause", "--store", store_url, "j", "--lang", "zh_CN"]) == 1
    assert "旅程「j」已经暂停" in capsys.readouterr().err
    assert main(["resume", "--store", store_url, "j", "--at", iso(PAUSED - 60),
                 "--lang", "en"]) == 1
    assert "before it was paused" in capsys.readouterr().err
    assert main(["resume", "--store", store_url, "j", "--at", iso(RESUMED),
                 "--skip-missed-touches", "--lang", "zh_CN"]) == 0
    assert "已恢复旅程「j」版本 1；暂停期间应发的触达将跳过" in capsys.readouterr().out
    assert main(["resume", "--store", store_url, "nope", "--lang", "en"]) == 1
    assert "no published journey 'nope'" in capsys.readouterr().err
    assert main(["resume", "--store", store_url, "j", "--lang", "en"]) == 1
    assert "journey 'j' is not paused" in capsys.readouterr().err
    row = store.journey_version("j", 1)
    assert (row.state, row.paused_at, row.resumed_at, row.skip_missed) == (
        "active", PAUSED, RESUMED, True)
