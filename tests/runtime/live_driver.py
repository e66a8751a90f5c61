"""Child-process entry point of the live tests: `journey-runtime …` through the
real CLI, optionally stopping *inside* the first tick that writes steps.

    python -m tests.runtime.live_driver [--hold-in-tick S | --die-in-tick] run --store URL …

--hold-in-tick S   at the commit of the first transaction that wrote step_log
                   rows, print "in tick" on stdout and sleep S seconds before
                   committing (the parent signals the process meanwhile)
--die-in-tick      SIGKILL there instead: written but uncommitted

Prints "running" on stdout once imports are done (as crash_driver does).
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine

from runtime.cli import main as cli_main
from runtime.store import normalize_url

NEWEST_STEP = "SELECT coalesce(max(id), 0) FROM step_log"


def newest_step(url: str) -> int:
    engine = create_engine(normalize_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(text(NEWEST_STEP)).scalar()
    finally:
        engine.dispose()


def stop_in_first_working_tick(url: str, hold: float | None) -> None:
    """Listen to every commit; the first whose transaction sees step_log rows
    newer than those stored at the start is a tick that did work."""
    before = newest_step(url)
    done = False

    def on_commit(conn) -> None:
        nonlocal done
        if done or conn.exec_driver_sql(NEWEST_STEP).scalar() <= before:
            return
        done = True
        if hold is None:
            os.kill(os.getpid(), signal.SIGKILL)
        print("in tick", flush=True)
        time.sleep(hold)

    event.listen(Engine, "commit", on_commit)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="live_driver", allow_abbrev=False)
    parser.add_argument("--hold-in-tick", type=float)
    parser.add_argument("--die-in-tick", action="store_true")
    own, rest = parser.parse_known_args(argv)
    if own.hold_in_tick is not None or own.die_in_tick:
        url = rest[rest.index("--store") + 1]
        stop_in_first_working_tick(url, None if own.die_in_tick else own.hold_in_tick)
    print("running", flush=True)
    return cli_main(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
