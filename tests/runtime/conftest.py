"""Fixtures for runtime tests: real SQLite stores in temporary folders."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from runtime.demo import build_demo
from runtime.store import Store

# A fixed "now" for demo data: Friday 2026-11-20 09:00 in Shanghai.
DEMO_NOW = int(datetime.fromisoformat("2026-11-20T09:00:00+08:00").timestamp())
DEMO_CUSTOMERS = 300
DEMO_SEED = 7


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def store(store_url: str):
    """A fresh, empty store (standard catalog, no customers)."""
    opened = Store(store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo store built once per session; use `demo_store` to get a copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    built = Store(f"sqlite:///{path}")
    build_demo(built, DEMO_CUSTOMERS, seed=DEMO_SEED, now=DEMO_NOW)
    built.close()  # closing the last connection folds the WAL into the file
    return path


@pytest.fixture
def demo_store(demo_store_file: Path, tmp_path: Path):
    """A private copy of the small demo store (tests may change it)."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_store_file, path)
    opened = Store(f"sqlite:///{path}")
    yield opened
    opened.close()


@pytest.fixture
def demo_now() -> int:
    return DEMO_NOW


@pytest.fixture(scope="session")
def postgres_server_url():
    """A PostgreSQL server for this session (a throwaway cluster unless
    JC_TEST_POSTGRES_URL names one). Missing PostgreSQL fails, never skips."""
    from tests.runtime.postgres_server import postgres_server

    try:
        with postgres_server() as url:
            yield url
    except RuntimeError as problem:
        pytest.fail(str(problem))


@pytest.fixture
def postgres_store(postgres_server_url: str):
    """A fresh, empty store in its own PostgreSQL database."""
    from tests.runtime.postgres_server import drop_database, new_database

    url = new_database(postgres_server_url)
    opened = Store(url)
    yield opened
    opened.close()
    drop_database(postgres_server_url, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def either_store(request):
    """The same test on a fresh SQLite store and a fresh PostgreSQL one."""
    return request.getfixturevalue("store" if request.param == "sqlite" else "postgres_store")
