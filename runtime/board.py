"""The plan board (运营计划看板): one row per journey of the store and per
journey file of a folder, with the numbers of the published ones.

The numbers come from three GROUP BY queries over all journeys at once (one
pass over enrollments gives statuses, conversions and the 14-day entries;
touches are counted from their journey index), so the board costs the same
for one journey or fifty and stays quick on a million enrollments.
"""
from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import case, func, select

from nodes import fileformat
from nodes.errors import JourneyError
from nodes.journey import Journey

from .store import Store, schema

SPARK_DAYS = 14
DAY = 86_400
STORE_STATES = {"active": "published", "paused": "paused", "stopped": "ended"}


def plan_board(store: Store | None, folder: str | os.PathLike | None = None,
               now: int | None = None) -> list[dict[str, Any]]:
    """Rows sorted by name. The sparkline counts entries per day of the store's
    timezone, the last of them the day of `now` (epoch s); default: the
    store's clock when a run has set it, else the wall clock. A file whose id is
    published in the store adds its path to that row instead of a row of its own;
    a file that cannot be read is a row with `error` ({"en", "zh"}) set. Without a
    store (None), the folder's files alone."""
    rows: dict[str, dict[str, Any]] = {}
    t = schema.journey_versions
    newest: dict[str, Any] = {}
    if store is not None:
        now = now if now is not None else (store.clock() or int(time.time()))
        with store.engine.connect() as conn:
            for version in conn.execute(select(t).order_by(t.c.journey_id, t.c.version)):
                newest[version.journey_id] = version  # oldest first: the newest wins
    for journey_id, version in newest.items():
        journey = fileformat.loads(version.document)
        row = describe(journey)
        row.update(source="store", path=None, version=version.version,
                   status=STORE_STATES.get(version.state, version.state),
                   last_change=max(version.published_at, version.paused_at or 0))
        row.update(empty_numbers())
        rows[journey_id] = row
    if store is not None:
        _numbers(store, rows, now)
    for path in sorted(Path(folder).glob("*.journey.json")) if folder else []:
        _add_file(rows, path)
    return sorted(rows.values(), key=lambda r: (r["name"] or r["journey"], r["journey"]))


def journey_names(store: Store) -> dict[str, str]:
    """Each published journey's name, from its newest version (one read each)."""
    ids = {v.journey_id for v in store.published_versions()}
    return {journey_id: fileformat.loads(store.journey_version(journey_id).document).meta.name
            for journey_id in sorted(ids)}


def describe(journey: Journey) -> dict[str, Any]:
    """What the board says about a journey without running it."""
    meta = journey.meta
    triggers = sorted({journey.config(n).type for n in journey.triggers()})
    channels = sorted({journey.config(n).channel for n in journey.node_ids()
                       if journey.kind(n) == "touch"})
    review = meta.review
    owner = review.last_edit.by if review.last_edit else next(
        (t.by for t in review.history), None)
    return {"journey": meta.id, "name": meta.name, "trigger": triggers, "channels": channels,
            "window": {"start": _iso(meta.window.start), "end": _iso(meta.window.end)},
            "owner": owner, "error": None}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def empty_numbers() -> dict[str, Any]:
    return {"entered": 0, "active": 0, "completed": 0, "exited": 0, "converted": 0,
            "conversion_rate": None, "sent": 0, "suppressed": {},
            "sparkline": [0] * SPARK_DAYS}


def _numbers(store: Store, rows: dict[str, dict[str, Any]], now: int) -> None:
    e, t = schema.enrollments, schema.touches
    # Local days of the store's timezone, by its offset now (a DST change moves
    # an hour of one sparkline day to its neighbour, never a count away).
    offset = int(datetime.fromtimestamp(now, store.policies().zone()).utcoffset().total_seconds())
    first_day = (now + offset) // DAY - SPARK_DAYS + 1
    recent = case((e.c.entered_at >= first_day * DAY - offset,
                   (e.c.entered_at + offset) // DAY - first_day), else_=-1)
    with store.engine.connect() as conn:
        for journey_id, status, k, n, converted in conn.execute(
                select(e.c.journey_id, e.c.status, recent, func.count(),
                       func.count(e.c.converted_at))
                .group_by(e.c.journey_id, e.c.status, recent)):
            row = rows.get(journey_id)
            if row is None:
                continue
            row["entered"] += n
            row[status] = row.get(status, 0) + n
            row["converted"] += converted
            if 0 <= k < SPARK_DAYS:
                row["sparkline"][k] += n
        for journey_id, status, reason, n in conn.execute(
                select(t.c.journey_id, t.c.status, t.c.reason, func.count())
                .group_by(t.c.journey_id, t.c.status, t.c.reason)):
            row = rows.get(journey_id)
            if row is None:
                continue
            if status == "sent":
                row["sent"] += n
            elif status == "suppressed":
                row["suppressed"][reason or "unknown"] = row["suppressed"].get(
                    reason or "unknown", 0) + n
    for row in rows.values():
        row["conversion_rate"] = row["converted"] / row["entered"] if row["entered"] else None


def _add_file(rows: dict[str, dict[str, Any]], path: Path) -> None:
    try:
        journey = fileformat.load(path)
    except JourneyError as exc:  # an unreadable file is one row saying so, never the board
        rows[f"file:{path}"] = {"journey": path.name, "name": path.name, "source": "file",
                                "path": str(path), "status": None,
                                "error": {"en": exc.en, "zh": exc.zh},
                                "trigger": [], "channels": [], "window": {}, "owner": None,
                                "version": None, "last_change": None}
        return
    if journey.id in rows and rows[journey.id]["source"] == "store":
        rows[journey.id]["path"] = str(path)
        return
    row = describe(journey)
    row.update(source="file", path=str(path), version=None,
               status=journey.meta.review.status.value,
               last_change=int(path.stat().st_mtime))
    rows.setdefault(journey.id, row)
