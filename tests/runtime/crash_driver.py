"""Child-process entry point of the crash test: `journey-runtime run …`
through the real CLI, optionally killing itself with SIGKILL *inside* a
transaction (just before the database sees a COMMIT).

    python -m tests.runtime.crash_driver [--die-at-commit N] [--die-after S] run --store …

--die-at-commit N   SIGKILL at the N-th commit of this process (counting from 1)
--die-after S       SIGKILL at the first commit after S seconds of running

The driver prints "running" on stdout once imports are done, so the parent
can time external kills from the moment real work starts.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time

from sqlalchemy import event
from sqlalchemy.engine import Engine

from runtime.cli import main as cli_main


def install_kill_switch(at_commit: int | None, after_seconds: float | None) -> None:
    """Listen to every engine's commit: the event fires before the driver's
    COMMIT, so a kill here leaves written but uncommitted pages behind."""
    started = time.monotonic()
    commits = 0

    def on_commit(_conn: object) -> None:
        nonlocal commits
        commits += 1
        due = at_commit is not None and commits >= at_commit
        late = after_seconds is not None and time.monotonic() - started >= after_seconds
        if due or late:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "commit", on_commit)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="crash_driver", allow_abbrev=False)
    parser.add_argument("--die-at-commit", type=int)
    parser.add_argument("--die-after", type=float)
    own, rest = parser.parse_known_args(argv)
    if own.die_at_commit is not None or own.die_after is not None:
        install_kill_switch(own.die_at_commit, own.die_after)
    print("running", flush=True)
    return cli_main(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
