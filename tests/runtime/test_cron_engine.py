"""The engine enrolls at exactly crontab's instants over a simulated month."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from nodes import Journey, JourneyMeta
from runtime import api
from tests.nodes.test_cron import oracle_between

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 1, 1, tzinfo=SH)
END = datetime(2026, 2, 1, tzinfo=SH)


@pytest.mark.parametrize("expression", [
    "12 17 21-23 * 3",  # both day fields restricted: the 21st-23rd or any Wednesday
    "7 11 * * */3",  # weekday steps count from Sunday: Sun, Wed, Sat
    "30 9,21 */10 * 0-5",  # a starred day field: both must match; a range from Sunday
])
def test_engine_enrolls_at_the_crontab_instants(store, tmp_path, expression):
    customers = tmp_path / "customers.csv"
    customers.write_text("customer_id\nc1\nc2\n", encoding="utf-8")
    api.import_csv(store, customers)
    # No audience; the journey completes at once (a push that ignores quiet hours
    # and caps), so after_exit lets everyone enter again at the next firing.
    journey = Journey(JourneyMeta(id="cron", timezone="Asia/Shanghai",
                                  entry={"reentry": "after_exit"}))
    journey.add_node("trigger", {"type": "recurring", "cron": expression}, node_id="t")
    journey.add_node("touch", {"channel": "push", "template": "hello", "ignore_quiet_hours": True,
                               "ignore_frequency_cap": True}, node_id="push")
    journey.connect("t", "next", "push")
    api.publish_journey(store, journey, published_at=0)

    api.run(store, start=START, until=END, tick=timedelta(hours=6))

    e = store.tables["enrollments"]
    with store.engine.connect() as conn:
        rows = conn.execute(select(e.c.customer_id, e.c.entered_at, e.c.status)).all()
    expected = oracle_between(expression, SH, int(START.timestamp()), int(END.timestamp()))
    assert len(expected) >= 4
    assert sorted({r.entered_at for r in rows}) == expected
    assert sorted((r.customer_id, r.entered_at) for r in rows) == sorted(
        (c, t) for c in ("c1", "c2") for t in expected)
    assert {r.status for r in rows} == {"completed"}
