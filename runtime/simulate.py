"""What-if: run one journey file on a throw-away copy of the store, from the
store's clock (or now) for N days, and report on it (journey-semantics §8).
The real store is never written."""
from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import make_url

from runtime import engine
from runtime.publish import publish
from runtime.report import format_report, report
from runtime.sim_daily import daily_numbers
from runtime.store import Store, normalize_url, schema


def simulate(store_url: str, journey_path: str | os.PathLike, days: int,
             progress: Callable[[int, int], Any] | None = None,
             text_lang: str | None = None) -> dict:
    """The report of the simulated journey, with the span it covered and its
    numbers per day (`daily`, see runtime.sim_daily); with `text_lang`, also its
    table as `report` prints it, under "text". The store's other published
    journeys run beside it, as they would: their touches count against the caps."""
    if days <= 0:
        raise ValueError("days must be positive")
    with scratch_copy(store_url) as (sim, start):
        # A what-if on a throw-away copy is how a reviewer looks before
        # approving: the store's approval rule is for the real publish.
        published = publish(sim, journey_path, published_at=start, require_approval=False)
        before = last_ids(sim)
        run_days(sim, start, days, progress)
        out = report(sim, published.journey_id, published.version)
        out["daily"] = daily_numbers(sim, published.journey_id, published.version, start, days,
                                     before)
        # The same content already runs in the store: its counts include its past.
        out["already_published"] = published.already_published
        if text_lang is not None:
            text = format_report(out, sim, text_lang)
    out["simulated_from"] = _utc(start).isoformat()
    out["simulated_until"] = _utc(start + days * 86400).isoformat()
    if text_lang is not None:
        zh = text_lang.startswith("zh")
        out["text"] = ((f"模拟 {days} 天，自 {out['simulated_from']} 起（客户库未改动）\n" if zh
                        else f"simulated {days} days from {out['simulated_from']} "
                             "(the store was not changed)\n") + text)
    return out


@contextmanager
def scratch_copy(store_url: str) -> Iterator[tuple[Store, int]]:
    """A throw-away SQLite copy of the store and the instant a simulation starts
    from (the store's clock, else now); removed on the way out."""
    source = Store(store_url, create=False)
    try:
        start = source.clock() or int(time.time())
        with tempfile.TemporaryDirectory(prefix="journey-sim-") as folder:
            copy_path = Path(folder) / "simulation.db"
            copy_store(source, copy_path)
            source.close()
            sim = Store(f"sqlite:///{copy_path}")
            try:
                yield sim, start
            finally:
                sim.close()
    finally:
        source.close()


def last_ids(store: Store) -> dict[str, int]:
    """The newest row id of the tables a run adds to: what is above them is the
    simulation's own (a store's past touches may be dated after its clock, e.g.
    held by quiet hours until the next morning)."""
    from sqlalchemy import func

    with store.engine.connect() as conn:
        return {name: conn.execute(select(func.coalesce(func.max(schema.metadata.tables[name]
                                                                 .c.id), 0))).scalar()
                for name in ("enrollments", "touches", "rewards")}


def run_days(sim: Store, start: int, days: int,
             progress: Callable[[int, int], Any] | None = None) -> dict:
    return engine.run(sim, start=_utc(start), until=_utc(start + days * 86400),
                      tick=timedelta(days=1), progress=progress)


def _utc(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def copy_store(source: Store, target: Path) -> None:
    """SQLite: the online backup API (consistent even under WAL); other
    backends: a fresh SQLite store and every row copied table by table."""
    url = make_url(normalize_url(source.url))
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        # closing(): a sqlite3 connection's own `with` commits but does not close it.
        with closing(sqlite3.connect(url.database)) as src, \
                closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
        return
    copy = Store(f"sqlite:///{target}")
    try:
        catalog = source.catalog()
        copy.extend_catalog(list(catalog.attributes.values()), list(catalog.events.values()))
        tables = [t for name, t in schema.metadata.tables.items()
                  if name not in ("attribute_catalog", "event_catalog", "store_meta")]
        tables.append(source.customers_table())
        with source.engine.connect() as src, copy.engine.begin() as dst:
            for table in tables:
                target_table = copy.customers_table() if table.name == "customers" else table
                rows = src.execute(select(table)).mappings()
                batch = []
                for row in rows:
                    batch.append(dict(row))
                    if len(batch) >= 10_000:
                        dst.execute(insert(target_table), batch)
                        batch = []
                if batch:
                    dst.execute(insert(target_table), batch)
            clock = source.clock()
        if clock is not None:
            copy.set_meta("clock", str(clock))
    finally:
        copy.close()
