"""Bulk loads on PostgreSQL go through COPY: a CSV import reads back exactly
as on SQLite, and a bulk load leaves the planner statistics behind."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text

from runtime.csv_import import import_csv
from runtime.demo import build_demo
from runtime.store import Store, schema
from tests.runtime.conftest import DEMO_NOW, DEMO_SEED

# Dates, booleans, tags, NULLs, text with tabs/backslashes/newlines (COPY's
# escapes), and JSON properties; a second file updates and adds customers.
CUSTOMERS = (
    "customer_id,name,aum:number,birthday:date,is_payroll:bool,tags:tags,vip:number,"
    "opened:datetime\n"
    "C1,张伟,1000.5,1990-01-02,true,车主; 年轻,3,2026-01-01T08:00:00+08:00\n"
    'C2,"李, 娜",,1980-12-31,否,,,\n'
    'C3,"a\tb\\c\nd",0,,false,老年,-1.25,2026-11-20T09:00:00Z\n'
    "C4,,,,,,,\n"
)
UPDATE = "customer_id,aum,is_payroll,tags\nC2,7,true,企业主\nC5,9,,\nC1,,false,\n"
EVENTS = (
    "customer_id,event,ts,properties\n"
    "C1,register,2026-11-20T09:00:00+08:00,\n"
    'C1,deposit,2026-11-20T10:00:00Z,"{""amount"": 500}"\n'
    'C2,webinar_join,2026-11-20T10:00:00+08:00,"{""room"": ""A\\tB\\\\"", ""minutes"": 5, '
    '""ok"": true, ""gone"": null}"\n'
    'C3,deposit,2026-11-21T10:00:00Z,"{""amount"": 1.5e3}"\n'
)


def _imported(store: Store, tmp_path: Path) -> dict:
    for name, content in (("c.csv", CUSTOMERS), ("u.csv", UPDATE), ("e.csv", EVENTS)):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        import_csv(store, path)
    with store.engine.connect() as conn:
        customers = [r._asdict() for r in conn.execute(
            select(store.customers_table()).order_by(text("customer_id")))]
        events = [r._asdict() for r in conn.execute(
            select(schema.events).order_by(schema.events.c.id))]
    return {"customers": customers, "events": events, "catalog": store.catalog()}


def test_csv_import_reads_back_the_same_on_postgres_as_on_sqlite(tmp_path, postgres_store):
    sqlite = Store(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        on_sqlite = _imported(sqlite, tmp_path)
    finally:
        sqlite.close()
    on_postgres = _imported(postgres_store, tmp_path)
    assert len(on_sqlite["customers"]) == 5 and len(on_sqlite["events"]) == 4
    assert on_sqlite["customers"][1]["tags"] == ";企业主;"  # the update went in
    assert on_postgres == on_sqlite


def test_statistics_exist_after_a_demo_build_on_postgres(postgres_store):
    build_demo(postgres_store, 300, seed=DEMO_SEED, now=DEMO_NOW, workers=1)
    with postgres_store.engine.connect() as conn:
        tables = set(conn.execute(text(
            "SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = current_schema() "
            "AND tablename IN ('customers', 'events')")).scalars())
    assert tables == {"customers", "events"}


def test_statistics_exist_after_a_demo_build_on_sqlite(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        build_demo(store, 300, seed=DEMO_SEED, now=DEMO_NOW, workers=1)
        with store.engine.connect() as conn:
            tables = set(conn.execute(text("SELECT tbl FROM sqlite_stat1")).scalars())
    finally:
        store.close()
    assert {"customers", "events"} <= tables
