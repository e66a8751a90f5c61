"""The `run` totals an operator reads (entered, steps, touches) are the rows
the run left behind, on SQLite and on PostgreSQL alike: no count may come from
a driver's rowcount that is -1 (an executemany's, or one psycopg cannot count)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from resources import TEMPLATES_DIR
from runtime.demo import build_demo
from runtime.engine import run
from runtime.publish import publish
from runtime.store import Store
from tests.runtime.conftest import DEMO_NOW, DEMO_SEED
from tests.runtime.engine_fixtures import DAY, HOUR, utc

TEMPLATES = ("new-customer-activation", "dormant-customer-recall", "birthday-greeting")
TOTALS = ("entered", "steps", "touches")


def _counted(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {key: conn.execute(select(func.count()).select_from(store.tables[table])).scalar_one()
                for key, table in (("entered", "enrollments"), ("steps", "step_log"),
                                   ("touches", "touches"))}


def _runs(store: Store) -> list[dict[str, int]]:
    """Totals of two runs (a day's ticks, then an hour's) and the rows after each."""
    build_demo(store, 300, seed=DEMO_SEED, now=DEMO_NOW, workers=1)
    for name in TEMPLATES:
        publish(store, TEMPLATES_DIR / f"{name}.journey.json")
    out, start = [], DEMO_NOW
    for days, tick in ((20, timedelta(days=1)), (10, timedelta(seconds=HOUR))):
        until = start + days * DAY
        totals = run(store, start=utc(start), until=utc(until), tick=tick)
        out.append({k: totals[k] for k in TOTALS} | {
            f"{k}_in_tables": v for k, v in _counted(store).items()})
        start = until
    return out


def _check(runs: list[dict[str, int]]) -> None:
    seen = dict.fromkeys(TOTALS, 0)
    for totals in runs:
        for key in TOTALS:
            assert totals[key] >= 0, (key, totals)
            seen[key] += totals[key]
            assert seen[key] == totals[f"{key}_in_tables"], (key, totals)


def test_run_totals_are_the_rows_written_on_sqlite_and_postgres(tmp_path, postgres_store):
    sqlite = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        on_sqlite = _runs(sqlite)
    finally:
        sqlite.close()
    assert all(on_sqlite[0][k] for k in TOTALS), "nothing to count: the test would prove nothing"
    _check(on_sqlite)
    on_postgres = _runs(postgres_store)
    assert postgres_store.engine.dialect.name == "postgresql"
    _check(on_postgres)
    assert on_postgres == on_sqlite
