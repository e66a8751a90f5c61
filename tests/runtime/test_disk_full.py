"""A full disk, for real: a small tmpfs mounted by the test itself (skipped,
with the reason, where mounting is not allowed). The CLI runs as a
subprocess, so the test sees exactly what an operator sees: the plain
message `the disk is full (PATH)`, exit code 1, no traceback, no half store;
and once space is freed, the same command works (a run then equals an
uninterrupted one)."""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from runtime.demo import build_demo
from runtime.disk import DiskFull, is_disk_full, plain_disk_full
from runtime.publish import publish
from runtime.store import Store

from .conftest import DEMO_NOW

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "resources" / "templates"
NOW = "2026-11-20T09:00:00+08:00"
MB = 1 << 20


# -- the helper, without a disk ---------------------------------------------------------

def test_every_kind_of_disk_full_error_is_said_plainly():
    sqlite_full = sqlite3.OperationalError("database or disk is full")
    os_full = OSError(errno.ENOSPC, "No space left on device")
    pg_full = RuntimeError('could not extend file "base/16384/16397": No space left on device')
    for error in (sqlite_full, os_full, pg_full):
        assert is_disk_full(error)
        with pytest.raises(DiskFull) as raised, plain_disk_full("/data/store.db"):
            raise error
        assert raised.value.message("en") == "the disk is full (/data/store.db)"
        assert raised.value.message("zh_CN") == "磁盘已满（/data/store.db）"
    wrapped = RuntimeError("the step failed")
    wrapped.__cause__ = sqlite_full
    assert is_disk_full(wrapped)
    assert not is_disk_full(ValueError("'x' is not a number"))
    with pytest.raises(ValueError), plain_disk_full("/data/store.db"):
        raise ValueError("not about the disk")


# -- a small disk ----------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path):
    folder = tmp_path / "disk"
    folder.mkdir()
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs Linux and root; this test fills a real disk")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)],
                             check=False, capture_output=True, text=True)
    if mounted.returncode:
        pytest.skip(f"mounting a tmpfs is not allowed here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], check=False, capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(disk: Path, leave: int) -> Path:
    """A filler file that leaves about `leave` bytes free on `disk`."""
    stat = os.statvfs(disk)
    size = max(stat.f_bavail * stat.f_frsize - leave, 0)
    filler = disk / "filler"
    with filler.open("wb") as handle:
        while size > 0:
            handle.write(b"\0" * min(size, MB))
            size -= MB
    return filler


def cli(*argv: str, lang: str = "en") -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "runtime.cli", *argv, "--lang", lang],
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return done


def refused_for_full_disk(done: subprocess.CompletedProcess, path: Path, lang: str = "en"):
    assert done.returncode == 1, done
    plain = f"磁盘已满（{path}）" if lang.startswith("zh") else f"the disk is full ({path})"
    assert plain in done.stderr, done.stderr


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def leftovers(disk: Path, *keep: str) -> list[str]:
    """Files on the disk other than the store (and its log) and the filler."""
    return sorted(p.name for p in disk.iterdir()
                  if p.name not in {"filler", *keep} and not p.name.endswith(("-wal", "-shm")))


def test_an_io_error_on_a_disk_with_no_room_is_the_full_disk(small_disk):
    io_error = sqlite3.OperationalError("disk I/O error")  # e.g. the -shm cannot grow
    with pytest.raises(sqlite3.OperationalError), plain_disk_full(small_disk / "s.db"):
        raise io_error  # plenty of room: a real disk error, said as such elsewhere
    fill(small_disk, 0)
    with pytest.raises(DiskFull), plain_disk_full(small_disk / "s.db"):
        raise io_error


# -- init ---------------------------------------------------------------------------------

def test_init_on_a_full_disk_leaves_no_half_store(small_disk):
    target = small_disk / "demo.db"
    filler = fill(small_disk, 0)
    refused_for_full_disk(cli("init", "--store", str(target)), target)
    assert leftovers(small_disk) == []  # not even an empty store
    filler.unlink()

    fill(small_disk, 2 * MB)  # a new store file: built aside (by workers), never moved in
    done = cli("init", "--store", str(target), "--demo", "30000", "--now", NOW)
    refused_for_full_disk(done, target)
    assert "store ready" not in done.stdout and leftovers(small_disk) == []
    (small_disk / "filler").unlink()

    assert cli("init", "--store", str(target)).returncode == 0  # an empty store, then
    fill(small_disk, 2 * MB)                                    # the demo in place
    done = cli("init", "--store", str(target), "--demo", "6000", "--now", NOW, lang="zh_CN")
    refused_for_full_disk(done, target, "zh_CN")
    assert "演示数据" not in done.stdout and leftovers(small_disk, "demo.db") == []
    assert count(target, "customers") == count(target, "events") == 0  # undone: rerunnable
    assert count(target, "store_meta WHERE key = 'demo'") == 0
    (small_disk / "filler").unlink()

    done = cli("init", "--store", str(target), "--demo", "6000", "--now", NOW)
    assert done.returncode == 0, done.stderr
    assert "store ready" in done.stdout and "6,000 customers" in done.stdout
    assert count(target, "customers") == 6000 and leftovers(small_disk, "demo.db") == []


# -- import -------------------------------------------------------------------------------

def test_an_import_that_does_not_fit_imports_nothing(small_disk, tmp_path):
    target = small_disk / "store.db"
    assert cli("init", "--store", str(target)).returncode == 0
    customers = tmp_path / "customers.csv"
    with customers.open("w", encoding="utf-8") as handle:
        handle.write("customer_id,name,aum:number,note:string\n")
        handle.writelines(f"C{i:07d},客户{i},{i * 3.5},{'备注' * 40}\n" for i in range(40_000))
    events = tmp_path / "events.csv"
    events.write_text("customer_id,event,ts\nC0000001,app_launch,2026-11-20T09:00:00Z\n",
                      encoding="utf-8")
    filler = fill(small_disk, MB)
    done = cli("import", "--store", str(target), str(customers), str(events))
    refused_for_full_disk(done, target)
    assert "2 of 2 files not imported" in done.stderr
    assert count(target, "customers") == count(target, "events") == 0
    with sqlite3.connect(target) as db:  # nor a new column
        assert "note" not in [r[1] for r in db.execute("PRAGMA table_info(customers)")]
    filler.unlink()
    done = cli("import", "--store", str(target), str(customers), str(events))
    assert done.returncode == 0, done.stderr
    assert count(target, "customers") == 40_000 and count(target, "events") == 1


# -- run ----------------------------------------------------------------------------------

def _run_store(path: Path) -> None:
    store = Store(f"sqlite:///{path}")
    build_demo(store, 2000, seed=7, now=DEMO_NOW, workers=1)
    for name in ("new-customer-activation", "dormant-customer-recall",
                 "near-threshold-aum-upgrade"):
        publish(store, TEMPLATES / f"{name}.journey.json", published_at=DEMO_NOW - 20 * 86400)
    store.close()


def _tables(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                 if r[0] != "runtime_lease"]  # which process ran it last: not a result
        return {n: sorted(map(repr, db.execute(f'SELECT * FROM "{n}"'))) for n in names}


RUN = ("--from", NOW, "--until", "2026-11-30T00:00:00+08:00", "--tick", "1d")


def test_a_run_that_fills_the_disk_stops_and_a_rerun_finishes_it_then_export(small_disk, tmp_path):
    reference = tmp_path / "reference.db"
    _run_store(reference)
    target = small_disk / "run.db"
    shutil.copyfile(reference, target)
    done = cli("run", "--store", str(reference), *RUN)
    assert done.returncode == 0, done.stderr

    filler = fill(small_disk, 400 * 1024)
    done = cli("run", "--store", str(target), *RUN)
    refused_for_full_disk(done, target)
    assert "run finished" not in done.stdout
    filler.unlink()
    done = cli("run", "--store", str(target), *RUN)
    assert done.returncode == 0 and "run finished" in done.stdout, done.stderr
    assert _tables(target) == _tables(reference)

    fill(small_disk, 0)  # an export that does not fit leaves no file
    out = small_disk / "touches.csv"
    done = cli("export", "--store", str(reference), "new-customer-activation", "touches",
               "--out", str(out))
    refused_for_full_disk(done, out)
    assert leftovers(small_disk, "run.db") == []
