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
from .export import export_touches
from .outbox import Message, pending_messages
from .progress import ProgressCallback, no_progress
from .publish import PublishRefused, PublishResult, publish
from .report import UnknownJourney, format_report, report
from .store import Policies, Store, StoreError, schema

__all__ = [
    "DemoSummary", "ImportFileError", "ImportResult", "Message", "Policies", "PublishRefused",
    "PublishResult", "Store", "StoreError", "UnknownJourney", "build_demo", "count_matching",
    "export_touches", "format_report", "import_csv", "open_store", "pending_messages",
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


def run(store: Store, progress: ProgressCallback = no_progress, **options: Any) -> dict:
    """Run the engine (see `runtime.engine.run`)."""
    from .engine import run as engine_run

    return engine_run(store, progress=progress, **options)


def simulate(store_url: str, journey_path: str | os.PathLike, days: int,
             progress: ProgressCallback = no_progress) -> Any:
    """Simulate one journey on a copy of the store (see `runtime.simulate`)."""
    from .simulate import simulate as simulate_journey

    return simulate_journey(store_url, journey_path, days, progress=progress)
