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
from .drill import TagRefused
from .errors import pause_reason_text
from .export import export_touches
from .measure import ab_sentence, measure
from .outbox import Message, pending_messages
from .progress import ProgressCallback, no_progress
from .publish import PublishRefused, PublishResult, publish
from .report import UnknownJourney, format_report, report
from .store import JourneyStateError, Policies, Store, StoreError, schema

__all__ = [
    "DemoSummary",
    "ImportFileError",
    "ImportResult",
    "JourneyStateError",
    "Message",
    "Policies",
    "PublishRefused",
    "PublishResult",
    "Store",
    "StoreError",
    "TagRefused",
    "UnknownJourney",
    "ab_sentence",
    "build_demo",
    "collision_forecast",
    "count_matching",
    "customer_path",
    "customers_at",
    "deliver",
    "deliveries",
    "delivery_counts",
    "end_journey",
    "export_customers_at",
    "export_touches",
    "format_report",
    "import_csv",
    "journey_states",
    "local_runtime_state",
    "marketing_calendar",
    "measure",
    "open_store",
    "pause_journey",
    "pending_messages",
    "plan_board",
    "publish",
    "publish_journey",
    "report",
    "resume_journey",
    "retry_deliveries",
    "run",
    "simulate",
    "start_local_runtime",
    "stop_local_runtime",
    "tag_customers",
]


def open_store(url: str, *, create: bool = True) -> Store:
    """Open (and create or upgrade) the store at a SQLAlchemy URL or file path."""
    return Store(url, create=create)


def publish_journey(store: Store, journey: Journey | str | os.PathLike,
                    published_at: int | None = None) -> PublishResult:
    """Publish under the store's policies: when it requires approval, only
    content approved by someone other than its last editor (`PublishRefused`
    with `review` set otherwise)."""
    return publish(store, journey, published_at)


def pause_journey(store: Store, journey_id: str, at: int | None = None) -> list[int]:
    """Pause every running version (§7); the versions paused ([] when none ran).
    `JourneyStateError` (en/zh) when `at` is before the store's clock."""
    return store.pause_journey(journey_id, at)


def resume_journey(store: Store, journey_id: str, at: int | None = None,
                   skip_missed_touches: bool = False) -> list[int]:
    """Resume the paused versions; held customers go on at their own instants."""
    return store.resume_journey(journey_id, at, skip_missed_touches)


def end_journey(store: Store, journey_id: str, at: int | None = None) -> list[int]:
    """End every running or paused version for good: the customers inside exit
    (reason `stopped`) at that instant; publishing again starts a new version."""
    return store.end_journey(journey_id, at)


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


# -- delivery (thin: the rules live in runtime.delivery) ---------------------------------------

def delivery_counts(store: Store, journey_id: str, version: int | None = None
                    ) -> dict[str, Any]:
    """Per channel, the journey's sent touches by delivery status, failures by
    reason — the numbers `report` shows: {"sms": {"pending": 0, "retrying": 0,
    "delivered": 12, "expired": 0, "suppressed_at_delivery": 1, "failed":
    {"http_400": 2}}}; {} while it has no sent touches."""
    from .delivery.queries import delivery_counts as counts

    with store.engine.connect() as conn:
        return counts(conn, journey_id, version)


def deliveries(store: Store, *, status: str | None = None, journey: str | None = None,
               channel: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Sent touches with their delivery, newest first, one dict each:
    `touch_id`, `customer_id`, `channel`, `journey_id`, `version`, `node_id`,
    `decided_at` (epoch s), `status` (see runtime.delivery.attempts.STATES),
    `attempts`, `reason`, `detail`, `updated_ms`, `due_ms` (next attempt, or
    the claim's expiry while `in_flight`)."""
    from dataclasses import asdict

    from .delivery.attempts import STATES
    from .delivery.queries import list_deliveries

    if status is not None and status not in STATES:
        raise ValueError(f"status must be one of {', '.join(STATES)}")
    return [asdict(row) for row in list_deliveries(store, status=status, journey=journey,
                                                   channel=channel, limit=limit)]


def retry_deliveries(store: Store, touch_ids: list[int] | None = None, *,
                     all_failed: bool = False, failed_since_ms: int | None = None
                     ) -> dict[str, Any]:
    """Put deliveries back as pending with a fresh set of attempts: the given
    touch ids (failed, expired or suppressed at delivery), or with
    `all_failed` every failed one (updated at or after `failed_since_ms` if
    given). Returns {"put_back": [ids], "refused": {id: its status, or
    "unknown"}}; the next `deliver` sends them."""
    from .delivery.queries import requeue

    if (touch_ids is None) == (not all_failed):
        raise ValueError("give touch_ids or all_failed=True (not both)")
    put_back, refused = requeue(store, touch_ids, all_failed=all_failed,
                                failed_since_ms=failed_since_ms,
                                now_ms=int(time.time() * 1000))
    return {"put_back": put_back, "refused": refused}


def deliver(store: Store, channels: list[str] | None = None) -> dict[str, Any]:
    """One delivery pass over everything due now (`runtime.delivery`); the
    counts as `deliver --json` prints them. Blocking: run it off the GUI thread."""
    from .delivery import dispatch_once

    return dispatch_once(store, channels).as_dict()


# -- operate and measure (the app's board, calendar, forecasts and drill-down) ----------------
# Thin: each rule lives in its module; these names are what canvas_app may call.

def plan_board(store: Store | None, **options: Any) -> list[dict[str, Any]]:
    """One row per journey of the store (with its numbers) and of a `folder`'s
    files (`runtime.board`); store None: the folder alone."""
    from .board import plan_board as rows

    return rows(store, **options)


def marketing_calendar(store_url: str, **options: Any) -> dict[str, Any]:
    """Planned touches per day and channel, simulated forward (`runtime.forecast`)."""
    from .forecast import marketing_calendar as forecast

    return forecast(store_url, **options)


def collision_forecast(store_url: str, journey_path: str | os.PathLike,
                       **options: Any) -> dict[str, Any]:
    """How many of a journey's touches the caps would suppress because of the
    other published journeys (`runtime.collision`)."""
    from .collision import collision_forecast as forecast

    return forecast(store_url, journey_path, **options)


def customers_at(store: Store, journey_id: str, node_id: str, **options: Any
                 ) -> dict[str, Any]:
    """The customers at a node or outlet, masked unless asked (`runtime.drill`)."""
    from .drill import customers_at as rows

    return rows(store, journey_id, node_id, **options)


def customer_path(store: Store, journey_id: str, customer_id: str, **options: Any
                  ) -> list[dict[str, Any]]:
    """One customer's way through a journey, a reason for each step (`runtime.drill_path`)."""
    from .drill_path import customer_path as path

    return path(store, journey_id, customer_id, **options)


def export_customers_at(store: Store, journey_id: str, node_id: str, out: str | os.PathLike,
                        **options: Any) -> int:
    """The customers at a node or outlet as CSV, written whole or not at all (`runtime.drill`)."""
    from .drill import export_customers_at as export

    return export(store, journey_id, node_id, out, **options)


def tag_customers(store: Store, customer_ids: list[str], tag: str) -> int:
    """Add a tag to customers' tags (`runtime.drill`); how many changed."""
    from .drill import tag_customers as tag_them

    return tag_them(store, customer_ids, tag)


def local_runtime_state(store_url: str) -> dict[str, Any]:
    """Whether a live runtime holds the store, and its last tick (`runtime.local_runtime`)."""
    from .local_runtime import local_runtime_state as state

    return state(store_url)


def start_local_runtime(store_url: str, **options: Any) -> dict[str, Any]:
    """Start `journey-runtime run` on this machine as its own process."""
    from .local_runtime import start_local_runtime as start

    return start(store_url, **options)


def stop_local_runtime(store_url: str, **options: Any) -> dict[str, Any]:
    """Ask the local live runtime holding the store to stop (SIGTERM)."""
    from .local_runtime import stop_local_runtime as stop

    return stop(store_url, **options)
