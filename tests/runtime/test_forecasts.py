"""Forecasts on throw-away copies: a simulated journey's numbers per day, the
marketing calendar of every published journey, and the collision forecast.
Each is checked against a plain run of the engine on a copy made here, and
the real store is never written."""
from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from resources import TEMPLATES_DIR
from runtime.collision import collision_forecast
from runtime.engine import run
from runtime.forecast import marketing_calendar
from runtime.publish import publish
from runtime.simulate import simulate
from runtime.store import Store, schema
from tests.runtime.conftest import DEMO_NOW

DAY = 86_400
ACTIVATION = TEMPLATES_DIR / "new-customer-activation.journey.json"
OTHERS = ("dormant-customer-recall", "birthday-greeting")


@pytest.fixture
def planned(demo_store, tmp_path):
    """The demo store with two journeys published, its clock at DEMO_NOW, an SMS cap."""
    demo_store.set_meta("clock", str(DEMO_NOW))
    demo_store.set_policies({"timezone": "Asia/Shanghai",
                             "caps": [{"channel": "sms", "max": 1, "period_s": 7 * DAY}]})
    for name in OTHERS:
        publish(demo_store, TEMPLATES_DIR / f"{name}.journey.json", published_at=DEMO_NOW)
    return demo_store


def _touch_rows(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.touches)).scalar()


def test_simulation_days_add_up_to_its_report(planned, tmp_path):
    doc = json.loads(ACTIVATION.read_text("utf-8"))
    points = next(n for n in doc["graph"]["nodes"] if n["id"] == "d3-points")
    points["config"]["budget"] = 400  # two grants of 200, then the budget is spent
    small = tmp_path / "small-budget.journey.json"
    small.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    before = _touch_rows(planned)
    result = simulate(planned.url, small, 14)
    daily = result["daily"]
    assert len(daily["days"]) == 14 and daily["days"][0] == "2026-11-20"
    for channel, counts in result["touches"].items():
        assert sum(daily["touches"][channel]) == counts["sent"], channel
        assert sum(daily["suppressed"].get(channel, [0])) == sum(counts["suppressed"].values())
    assert sum(daily["entered"]) == result["enrolled"] > 0
    assert sum(daily["converted"]) <= result["converted"]
    reward = daily["rewards"]["d3-points"]
    assert reward["budget"] == 400 and sum(reward["granted"]) == 400
    exhausted = result["rewards"]["d3-points"]["exhausted"]["count"]
    assert exhausted > 0 and reward["runs_out"] in daily["days"]
    assert daily["days"].index(reward["runs_out"]) >= max(
        k for k, v in enumerate(reward["granted"]) if v)
    assert _touch_rows(planned) == before, "the simulation wrote to the real store"


def _engine_on_a_copy(store: Store, tmp_path, days: int) -> dict[tuple[str, str], int]:
    """(journey, channel) → sent touches in the window, from a run made here."""
    path = tmp_path / "by-hand.db"
    with sqlite3.connect(store.url.removeprefix("sqlite:///")) as src, \
            sqlite3.connect(path) as dst:
        src.backup(dst)  # the store is open in WAL mode: a file copy could miss rows
    copy = Store(f"sqlite:///{path}")
    try:
        run(copy, start=datetime.fromtimestamp(DEMO_NOW, UTC),
            until=datetime.fromtimestamp(DEMO_NOW + days * DAY, UTC), tick=timedelta(days=1))
        t = schema.touches
        with copy.engine.connect() as conn:
            return {(j, c): n for j, c, n in conn.execute(
                select(t.c.journey_id, t.c.channel, func.count())
                .where(t.c.status == "sent", t.c.at >= DEMO_NOW, t.c.at < DEMO_NOW + days * DAY)
                .group_by(t.c.journey_id, t.c.channel))}
    finally:
        copy.close()


def test_calendar_is_what_the_engine_would_send(planned, tmp_path):
    before = _touch_rows(planned)
    calendar = marketing_calendar(planned.url, days=21)
    assert _touch_rows(planned) == before
    expected = _engine_on_a_copy(planned, tmp_path, 21)
    got: dict[tuple[str, str], int] = {}
    for entries in calendar["by_day"].values():
        for entry in entries:
            key = (entry["journey"], entry["channel"])
            got[key] = got.get(key, 0) + entry["touches"]
            assert 0 < entry["customers"] <= entry["touches"]
    assert got == expected and got
    for channel, per_day in calendar["channels"].items():
        assert sum(per_day) == sum(n for (_, c), n in got.items() if c == channel)
    assert calendar["future_events"] > 0  # the demo's prospects register in the coming weeks
    assert calendar["journeys"]["birthday-greeting"] == "生日关怀"


def test_future_stamped_events_show_on_their_day(planned, tmp_path):
    with planned.engine.begin() as conn:
        conn.execute(schema.events.insert(), [
            {"customer_id": f"C{i:08d}", "name": "register", "ts": DEMO_NOW + 5 * DAY + 3600}
            for i in range(1, 41)])
    publish(planned, ACTIVATION, published_at=DEMO_NOW)
    calendar = marketing_calendar(planned.url, days=14)
    day5 = calendar["by_day"].get("2026-11-25", [])
    assert any(e["journey"] == "new-customer-activation" for e in day5), day5


def welcome_sms(tmp_path):
    """A journey that texts every new customer at once: the activation journey's
    SMS two hours later then meets the cap."""
    doc = json.loads(ACTIVATION.read_text("utf-8"))
    doc["journey"]["id"], doc["journey"]["name"] = "welcome-sms", "欢迎短信"
    doc["graph"]["nodes"] = [n for n in doc["graph"]["nodes"] if n["id"] in ("register",
                                                                             "sms-invite")]
    doc["graph"]["edges"] = [{"outlet": "next", "source": "register", "target": "sms-invite"}]
    path = tmp_path / "welcome-sms.journey.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def test_collision_names_the_journey_that_takes_the_slots(planned, tmp_path):
    alone = collision_forecast(planned.url, ACTIVATION, days=14)
    assert alone["because_of_others"] == 0 and alone["by_journey"] == {}
    publish(planned, welcome_sms(tmp_path), published_at=DEMO_NOW)
    before = _touch_rows(planned)
    forecast = collision_forecast(planned.url, ACTIVATION, days=14)
    assert _touch_rows(planned) == before
    assert forecast["held_by_caps_alone"] == alone["held_by_caps"]
    assert forecast["because_of_others"] == (forecast["held_by_caps"]
                                             - forecast["held_by_caps_alone"]) > 0
    assert forecast["share"] == forecast["because_of_others"] / forecast["touches"]
    assert set(forecast["by_journey"]) == {"welcome-sms"}
    assert forecast["by_journey"]["welcome-sms"] >= forecast["because_of_others"]
    assert forecast["names"]["welcome-sms"] == "欢迎短信"


def test_calendar_of_a_postgresql_store_is_its_sqlite_twins(postgres_store, planned):
    from runtime.demo import build_demo
    from tests.runtime.conftest import DEMO_CUSTOMERS, DEMO_SEED

    build_demo(postgres_store, DEMO_CUSTOMERS, seed=DEMO_SEED, now=DEMO_NOW, workers=1)
    postgres_store.set_meta("clock", str(DEMO_NOW))
    postgres_store.set_policies(planned.policy_document())
    for name in OTHERS:
        publish(postgres_store, TEMPLATES_DIR / f"{name}.journey.json", published_at=DEMO_NOW)
    on_postgres = marketing_calendar(postgres_store.url, days=10)
    on_sqlite = marketing_calendar(planned.url, days=10)
    assert on_postgres["channels"] == on_sqlite["channels"] and on_sqlite["channels"]
    assert on_postgres["by_day"] == on_sqlite["by_day"]


def test_a_published_journeys_past_rows_stay_out_of_the_days(planned):
    """Its own past touches, even one dated after the clock (held until the next
    morning), are not the simulation's: the days count what the simulation did."""
    publish(planned, ACTIVATION, published_at=DEMO_NOW - DAY)
    first = simulate(planned.url, ACTIVATION, 7)
    assert first["already_published"]
    with planned.engine.begin() as conn:
        conn.execute(schema.enrollments.insert().values(
            id=90_000, journey_id="new-customer-activation", version=1, customer_id="C00000001",
            status="completed", node_id="sms-invite", at=DEMO_NOW + 60,
            entered_at=DEMO_NOW + 30))
        conn.execute(schema.touches.insert().values(
            enrollment_id=90_000, journey_id="new-customer-activation", version=1,
            customer_id="C00000001", node_id="sms-invite", channel="sms", at=DEMO_NOW + 60,
            status="sent"))
    again = simulate(planned.url, ACTIVATION, 7)
    assert again["daily"]["touches"] == first["daily"]["touches"]
    assert again["daily"]["entered"] == first["daily"]["entered"]
    assert again["touches"]["sms"]["sent"] == first["touches"]["sms"]["sent"] + 1  # the report's


def test_collision_says_when_the_store_has_no_caps(planned):
    planned.set_policies({"timezone": "Asia/Shanghai"})
    forecast = collision_forecast(planned.url, ACTIVATION, days=7)
    assert forecast["caps"] == 0 and forecast["because_of_others"] == 0
