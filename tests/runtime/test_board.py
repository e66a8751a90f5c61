"""The plan board on a real run, SQLite and PostgreSQL: its numbers are the
report's, its sparkline the entries of the last 14 days, and a folder's files
join it (a broken one as a row that says so)."""
from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta

from sqlalchemy import select

from resources import TEMPLATES_DIR
from runtime.board import SPARK_DAYS, plan_board
from runtime.demo import build_demo
from runtime.engine import run
from runtime.publish import publish
from runtime.report import report
from runtime.store import schema
from tests.runtime.conftest import DEMO_NOW, DEMO_SEED
from tests.runtime.engine_fixtures import DAY, utc

PUBLISHED = ("new-customer-activation", "dormant-customer-recall")


def test_board_numbers_are_the_reports(either_store):
    store = either_store
    build_demo(store, 300, seed=DEMO_SEED, now=DEMO_NOW, workers=1)
    store.update_policies(timezone="Asia/Shanghai")
    for name in PUBLISHED:
        publish(store, TEMPLATES_DIR / f"{name}.journey.json")
    run(store, start=utc(DEMO_NOW - 20 * DAY), until=utc(DEMO_NOW + 10 * DAY),
        tick=timedelta(days=1))
    store.pause_journey("dormant-customer-recall")
    rows = {r["journey"]: r for r in plan_board(store, now=DEMO_NOW + 10 * DAY)}
    assert set(rows) == set(PUBLISHED)
    assert rows["new-customer-activation"]["status"] == "published"
    assert rows["dormant-customer-recall"]["status"] == "paused"
    for journey_id, row in rows.items():
        counts = report(store, journey_id)
        assert counts["enrolled"] > 0, journey_id
        for key in ("active", "completed", "exited", "converted"):
            assert row[key] == counts[key], (journey_id, key)
        assert row["entered"] == counts["enrolled"]
        assert row["sent"] == sum(c["sent"] for c in counts["touches"].values())
        suppressed: dict[str, int] = {}
        for c in counts["touches"].values():
            for reason, n in c["suppressed"].items():
                suppressed[reason] = suppressed.get(reason, 0) + n
        assert row["suppressed"] == suppressed
        assert row["conversion_rate"] == counts["converted"] / counts["enrolled"]
        assert "sms" in row["channels"] and row["source"] == "store" and row["version"] == 1
    e = schema.enrollments
    with store.engine.connect() as conn:
        entered = conn.execute(select(e.c.entered_at).where(
            e.c.journey_id == "new-customer-activation")).scalars().all()
    zone = store.policies().zone()
    last_day = datetime.fromtimestamp(DEMO_NOW + 10 * DAY, zone).date()
    days = [datetime.fromtimestamp(t, zone).date() for t in entered]
    expected = [days.count(last_day - timedelta(days=SPARK_DAYS - 1 - k))
                for k in range(SPARK_DAYS)]
    assert rows["new-customer-activation"]["sparkline"] == expected and sum(expected) > 0
    store.end_journey("new-customer-activation")
    assert {r["journey"]: r["status"] for r in plan_board(store)}["new-customer-activation"] == (
        "ended")


def test_a_folder_adds_drafts_and_says_which_files_it_cannot_read(store, tmp_path):
    publish(store, TEMPLATES_DIR / "new-customer-activation.journey.json")
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(TEMPLATES_DIR / "new-customer-activation.journey.json", folder)
    doc = json.loads((TEMPLATES_DIR / "birthday-greeting.journey.json").read_text("utf-8"))
    doc["journey"]["review"]["status"] = "in_review"
    (folder / "birthday.journey.json").write_text(json.dumps(doc), "utf-8")
    shutil.copy(TEMPLATES_DIR / "sms-copy-ab-test.journey.json", folder)
    (folder / "broken.journey.json").write_text("{not json", "utf-8")
    (folder / "notes.txt").write_text("not a journey", "utf-8")
    rows = {r["journey"]: r for r in plan_board(store, folder)}
    assert set(rows) == {"new-customer-activation", "birthday-greeting", "sms-copy-ab-test",
                         "broken.journey.json"}
    merged = rows["new-customer-activation"]
    assert merged["source"] == "store" and merged["path"].endswith(
        "new-customer-activation.journey.json")
    assert rows["birthday-greeting"]["status"] == "in_review"
    assert rows["birthday-greeting"]["trigger"] == ["key_date"]
    assert rows["sms-copy-ab-test"]["status"] == "draft"
    assert rows["sms-copy-ab-test"]["channels"] == ["sms"]
    broken = rows["broken.journey.json"]
    assert broken["error"] and "broken.journey.json" in broken["error"]["en"]
    assert plan_board(store, tmp_path / "missing") == plan_board(store)
