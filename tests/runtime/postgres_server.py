"""A throwaway PostgreSQL server for the tests: a fresh cluster in a temporary
folder, reached over a Unix socket only, removed at the end of the session.

`JC_TEST_POSTGRES_URL` (e.g. postgresql+psycopg://user@host/postgres) points
the tests at an existing server instead; each test still gets its own database.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

_names = itertools.count()

INSTALL_HINT = ("PostgreSQL is needed for the PostgreSQL tests: install it "
                "(Debian/Ubuntu: apt-get install postgresql) or set JC_TEST_POSTGRES_URL "
                "to a server where the tests may create databases.")


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    # Debian and Ubuntu keep the server programs out of PATH.
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                      key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return versions[-1] if versions else None


def _as_server_user() -> list[str]:
    """initdb and postgres refuse to run as root: use the `postgres` account then."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError as missing:
        raise RuntimeError("running as root needs a 'postgres' system user; " + INSTALL_HINT
                           ) from missing
    return ["runuser", "-u", "postgres", "--"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a maintenance database on a running server."""
    if os.environ.get("JC_TEST_POSTGRES_URL"):
        yield os.environ["JC_TEST_POSTGRES_URL"]
        return
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not (initdb and pg_ctl):
        raise RuntimeError(INSTALL_HINT)
    prefix = _as_server_user()
    folder = tempfile.mkdtemp(prefix="jc-pg-")
    os.chmod(folder, 0o755)
    if prefix:
        shutil.chown(folder, "postgres")
    data, port = os.path.join(folder, "data"), _free_port()
    try:
        subprocess.run([*prefix, initdb, "-D", data, "-A", "trust", "-U", "jc",
                        "-E", "UTF8", "--locale", "C"], check=True, capture_output=True, text=True)
        # fsync off: a throwaway cluster need not survive a power cut, and it is faster.
        options = f"-k {folder} -p {port} -c listen_addresses='' -c fsync=off"
        subprocess.run([*prefix, pg_ctl, "-D", data, "-o", options, "-w", "-l",
                        os.path.join(folder, "server.log"), "start"],
                       check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as failed:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"could not start PostgreSQL: {failed.stderr or failed.stdout}"
                           ) from failed
    try:
        yield f"postgresql+psycopg://jc@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", data, "-m", "immediate", "stop"],
                       check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def new_database(server_url: str) -> str:
    """Create an empty database on the server; return its URL."""
    name = f"jc_test_{os.getpid()}_{next(_names)}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, url: str) -> None:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}"'))
    finally:
        admin.dispose()
