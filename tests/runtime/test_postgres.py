"""The engine on PostgreSQL: the same answers as the reference interpreter,
and the same tables as on SQLite for the demo store and a template."""
from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resources import TEMPLATES_DIR
from runtime.demo import build_demo
from runtime.engine import run
from runtime.publish import publish
from runtime.report import report
from runtime.store import Store
from tests.runtime.conftest import DEMO_NOW, DEMO_SEED
from tests.runtime.engine_fixtures import (
    DAY,
    HOUR,
    engine_result,
    utc,
)
from tests.runtime.journey_strategies import scenarios, writer_reader_scenarios
from tests.runtime.postgres_server import drop_database, new_database
from tests.runtime.test_differential import assert_engine_matches_reference

_settings = settings(max_examples=15, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])


@_settings
@given(scenario=scenarios(), tick=st.sampled_from([HOUR, DAY]))
def test_engine_matches_reference_on_postgres(postgres_server_url, scenario, tick):
    url = new_database(postgres_server_url)
    store = Store(url)
    try:
        assert store.engine.dialect.name == "postgresql"
        assert_engine_matches_reference(store, scenario, tick)
    finally:
        store.close()
        drop_database(postgres_server_url, url)


@_settings
@given(scenario=writer_reader_scenarios(), tick=st.sampled_from([HOUR, DAY]))
def test_journeys_that_write_what_others_read_on_postgres(postgres_server_url, scenario, tick):
    url = new_database(postgres_server_url)
    store = Store(url)
    try:
        assert_engine_matches_reference(store, scenario, tick)
    finally:
        store.close()
        drop_database(postgres_server_url, url)


def _demo_run(store: Store) -> dict:
    build_demo(store, 300, seed=DEMO_SEED, now=DEMO_NOW, workers=1)
    for name in ("new-customer-activation", "dormant-customer-recall", "birthday-greeting"):
        publish(store, TEMPLATES_DIR / f"{name}.journey.json")
    run(store, start=utc(DEMO_NOW), until=utc(DEMO_NOW + 30 * DAY), tick=timedelta(days=1))
    return engine_result(store) | {"report": report(store, "new-customer-activation")}


def test_demo_store_gives_the_same_tables_on_sqlite_and_postgres(tmp_path, postgres_store):
    sqlite = Store(f"sqlite:///{tmp_path / 'demo.db'}")
    try:
        on_sqlite = _demo_run(sqlite)
    finally:
        sqlite.close()
    on_postgres = _demo_run(postgres_store)
    assert on_sqlite["steps"], "the demo moved nobody: the comparison would prove nothing"
    for key in ("enrollments", "steps", "touches", "rewards", "report"):
        assert on_postgres[key] == on_sqlite[key], key
