"""A demo store for the operate screens: 300 demo customers, the store's clock
at the demo's "now", two journeys published and run for 20 days, and the
activation journey published too (so it has numbers to show)."""
from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from canvas_app.main_window import TEMPLATES_DIR

DEMO_NOW = int(datetime.fromisoformat("2026-11-20T09:00:00+08:00").timestamp())
ACTIVATION = TEMPLATES_DIR / "new-customer-activation.journey.json"
RUNNING = ("new-customer-activation", "dormant-customer-recall", "birthday-greeting")


def build(path: Path) -> str:
    from runtime.demo import build_demo
    from runtime.engine import run
    from runtime.publish import publish
    from runtime.store import Store

    store = Store(f"sqlite:///{path}")
    try:
        build_demo(store, 300, seed=7, now=DEMO_NOW - 20 * 86400, workers=1)
        store.set_policies({"timezone": "Asia/Shanghai",
                            "caps": [{"channel": "sms", "max": 1, "period_s": 7 * 86400}]})
        for name in RUNNING:
            publish(store, TEMPLATES_DIR / f"{name}.journey.json",
                    published_at=DEMO_NOW - 20 * 86400)
        run(store, start=datetime.fromtimestamp(DEMO_NOW - 20 * 86400, UTC),
            until=datetime.fromtimestamp(DEMO_NOW, UTC), tick=timedelta(days=1))
    finally:
        store.close()
    return f"sqlite:///{path}"


@pytest.fixture
def draft(tmp_path) -> Path:
    """The activation journey as a draft of its own (a new id), not yet published."""
    doc = json.loads(ACTIVATION.read_text("utf-8"))
    doc["journey"]["id"], doc["journey"]["name"] = "activation-draft", "新客促活（草稿）"
    path = tmp_path / "activation-draft.journey.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture(scope="session")
def operate_store_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("operate") / "store.db"
    build(path)
    return path


@pytest.fixture
def operate_store(operate_store_file, tmp_path) -> str:
    """A private copy's URL (tests may pause, tag, run it)."""
    path = tmp_path / "operate.db"
    shutil.copyfile(operate_store_file, path)
    return f"sqlite:///{path}"
