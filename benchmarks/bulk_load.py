"""How fast does a bulk load go? `python -m benchmarks.bulk_load`.

Builds the demo store with `--customers` customers (as `journey-runtime init
--demo N` does: drawing, writing, rebuilding the events indexes, ANALYZE) in
a fresh SQLite file, or with `--store postgresql+psycopg://…` (a server URL:
a throwaway database is created on it and dropped at the end) on PostgreSQL,
and times it. The baseline, in the same run and the same store, writes the
same rows (drawn beforehand, not timed) through plain Core executemany into
scratch copies of `customers` and `events` (no secondary indexes), one
transaction per demo chunk: what the PostgreSQL bulk path did before COPY.
`ratio_vs_core` is the build's rows/s (customers + events) over the baseline's.
Last line: JSON.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Column, MetaData, Table, text

from runtime import demo
from runtime.store import Store, bulk, schema
from tests.runtime.postgres_server import drop_database, new_database

TARGET_ROWS_PER_S = 50_000
NOW = 1795136400  # 2026-11-20T09:00:00+08:00, as in the tests


def _scratch(table: Table, meta: MetaData) -> Table:
    """`table`'s columns (and primary key) under another name, no other index."""
    return Table(f"bench_{table.name}", meta,
                 *(Column(c.name, c.type, primary_key=c.primary_key,
                          autoincrement=c.autoincrement) for c in table.columns))


def core_baseline(store: Store, customers: int, seed: int, chunk: int = demo.CHUNK) -> float:
    """Seconds to write the demo's rows through Core executemany (see above)."""
    meta = MetaData()
    c_table, e_table = _scratch(store.customers_table(), meta), _scratch(schema.events, meta)
    meta.create_all(store.engine)
    batches = [demo._draw_chunk(seed, NOW, first, min(first + chunk - 1, customers))
               for first in range(1, customers + 1, chunk)]
    values = [(bulk._core_values(c_table, demo.CUSTOMER_COLUMNS, rows),
               bulk._core_values(e_table, demo.EVENT_COLUMNS, events)) for rows, events in batches]
    started = time.perf_counter()
    for rows, events in values:
        with store.engine.begin() as conn:
            conn.execute(c_table.insert(), rows)
            conn.execute(e_table.insert(), events)
    seconds = time.perf_counter() - started
    meta.drop_all(store.engine)
    return seconds


def measure(url: str, customers: int, seed: int) -> dict:
    store = Store(url)
    try:
        summary = demo.build_demo(store, customers, seed=seed, now=NOW)
        rows = summary.customers + summary.events
        baseline = core_baseline(store, customers, seed)
        with store.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                analyzed = conn.execute(text(
                    "SELECT count(DISTINCT tablename) FROM pg_stats WHERE schemaname = "
                    "current_schema() AND tablename IN ('customers', 'events')")).scalar()
            else:
                analyzed = conn.execute(text(
                    "SELECT count(DISTINCT tbl) FROM sqlite_stat1 "
                    "WHERE tbl IN ('customers', 'events')")).scalar()
        dialect = store.engine.dialect.name
    finally:
        store.close()
    rate, base_rate = rows / summary.seconds, rows / baseline
    return {"benchmark": "bulk_load", "store": dialect, "customers": summary.customers,
            "events": summary.events, "rows": rows, "seconds": round(summary.seconds, 3),
            "customers_per_s": round(summary.customers / summary.seconds),
            "rows_per_s": round(rate), "core_baseline_seconds": round(baseline, 3),
            "core_baseline_rows_per_s": round(base_rate),
            "ratio_vs_core": round(rate / base_rate, 2), "analyzed_tables": analyzed,
            "target_rows_per_s": TARGET_ROWS_PER_S, "meets_target": rate >= TARGET_ROWS_PER_S}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bulk_load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", help="a PostgreSQL server URL (postgresql+psycopg://…); "
                        "by default a fresh SQLite file")
    args = parser.parse_args(argv)
    if args.store:
        url = new_database(args.store)
        try:
            result = measure(url, args.customers, args.seed)
        finally:
            drop_database(args.store, url)
    else:
        with tempfile.TemporaryDirectory(prefix="jc-bench-bulk-") as folder:
            result = measure(f"sqlite:///{Path(folder) / 'store.db'}", args.customers, args.seed)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
