"""The runtime's public API: what the desktop app (and scripts) may call.

Everything here takes or returns plain values and never touches Qt; long
calls accept a `progress(done, total, label)` callback and are meant to run
off the GUI thread.
"""
from __future__ import annotations

import os
import time
from typing import Any

from sqlalchemy import BigInteger, func, literal, select

from nodes.conditions import parse_condition
from nodes.journey import Journey

from .compile import Context, compile_condition
from .csv_import import ImportFileError, ImportResult, import_csv
from .demo import DemoSummary, build_demo
from .errors import pause_reason_text
from .export import export_touches
from .outbox import Message, pending_messages
from .progress import ProgressCallback, no_progress
from .publish import PublishRefused, PublishResult, publish
from .report import UnknownJourney, format_report, report
from .store import Policies, Store, StoreError, schema

__all__ = [
    "DemoSummary", "ImportFileError", "ImportResult", "Message", "Policies", "PublishRefused",
    "PublishResult", "Store", "StoreError", "UnknownJourney", "build_demo", "count_matching",
    "export_touches", "format_report", "import_csv", "journey_states", "open_store",
    "pending_messages",
    "publish", "publish_journey", "report", "run", "simulate",
]


def open_store(url: str, *, create: bool = True) -> Store:
    """Open (and create or upgrade) the store at a SQLAlchemy URL or file path."""
    return Store(url, create=create)


def publish_journey(store: Store, journey: Journey | str | os.PathLike,
                    published_at: int | None = None) -> PublishResult:
    return publish(store, journey, published_at)


def count_matching(store: Store, condition: Any, at: int | None = None) -> int:
    """How many customers match `condition` (a tree or its JSON form) as of
    `at` (epoch seconds; default now): the audience-size preview."""
    if isinstance(condition, dict):
        condition = parse_condition(condition)
    at = int(time.time()) if at is None else at
    customers = store.customers_table()
    ctx = Context(catalog=store.catalog(), customers=customers, events=schema.events,
                  customer_id=customers.c.customer_id, at=literal(at, BigInteger),
                  entered_at=literal(at, BigInteger), timezone=store.policies().timezone,
                  dialect=store.engine.dialect.name)
    query = select(func.count()).select_from(customers).where(compile_condition(condition, ctx))
    with store.engine.connect() as conn:
        return conn.execute(query).scalar()


def journey_states(store: Store, lang: str = "en") -> list[dict[str, Any]]:
    """Every published journey's state, newest version's, one dict each:
    `journey`, `versions`, `state` (active/paused/stopped), `paused_at`, and
    when the run paused it by itself `automatic` True with `reason` (a code),
    `reason_text` (in `lang`), `version` and `node` that failed, `detail` (the
    error's first line) and `noticed_at` (wall clock); else `automatic` False."""
    out: dict[str, dict[str, Any]] = {}
    for row in store.journey_states():  # oldest version first: the newest wins
        entry = out.setdefault(row.journey_id, {"journey": row.journey_id, "versions": []})
        entry["versions"].append(row.version)
        entry.update(state=row.state, paused_at=row.paused_at if row.state == "paused" else None)
        if row.state == "paused" and row.pause_reason:
            entry["failed"] = {
                "reason": row.pause_reason, "reason_text": pause_reason_text(row.pause_reason, lang),
                "version": row.version, "node": row.pause_node, "detail": row.pause_detail,
                "noticed_at": row.pause_noticed_at}
    for entry in out.values():
        failed = entry.pop("failed", None) if entry["state"] == "paused" else None
        entry["automatic"] = failed is not None
        entry.update(failed or {})
    return list(out.values())


def run(store: Store, progress: ProgressCallback = no_progress, **options: Any) -> dict:
    """Run the engine (see `runtime.engine.run`)."""
    from .engine import run as engine_run

    return engine_run(store, progress=progress, **options)


def simulate(store_url: str, journey_path: str | os.PathLike, days: int,
             progress: ProgressCallback = no_progress) -> Any:
    """Simulate one journey on a copy of the store (see `runtime.simulate`)."""
    from .simulate import simulate as simulate_journey

    return simulate_journey(store_url, journey_path, days, progress=progress)
