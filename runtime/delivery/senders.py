"""A channel's worker threads: each takes the next piece of work from the
channel's queue, hands it to the adapter and reports what happened, with
when the request went out and when its answer came (epoch ms, as floats:
a request on loopback takes a few of them).

Long-lived threads reading one queue cost far less per delivery than a
`Future` each from a ThreadPoolExecutor (a lock, a condition and a callback
per message), and that cost is paid under the interpreter lock the senders
share with each other.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from .adapters import Adapter, Delivery, Outcome

log = logging.getLogger(__name__)

# What a sender reports: channel, the work (one Delivery, or a list for a
# batched adapter), its outcomes (one per delivery), sent at, answered at.
Report = tuple[str, Any, list[Outcome], float, float]


class Senders:
    def __init__(self, channel: str, adapter: Adapter, report: Callable[[Report], None],
                 clock: Callable[[], float] = time.time) -> None:
        self.channel, self.adapter, self.clock = channel, adapter, clock
        self._work: queue.SimpleQueue = queue.SimpleQueue()
        count = 1 if adapter.batched else adapter.concurrency  # files: one writer
        self._threads = [threading.Thread(target=self._run, args=(report,), daemon=True,
                                          name=f"deliver-{channel}-{i}") for i in range(count)]
        for thread in self._threads:
            thread.start()

    def send(self, work: Delivery | list[Delivery]) -> None:
        """Queue one delivery (a list of them for a batched adapter)."""
        self._work.put(work)

    def _run(self, report: Callable[[Report], None]) -> None:
        take, adapter, channel, now = self._work.get, self.adapter, self.channel, self.clock
        batched = adapter.batched
        while (work := take()) is not None:
            started = now() * 1000
            try:
                outcomes = adapter.send_batch(work) if batched else [adapter.send(work)]
            except Exception as exc:  # a bug in an adapter: try again later, never lose it
                log.exception("adapter %s failed", channel)
                failed = Outcome.retry("internal_error", f"{type(exc).__name__}: {exc}")
                outcomes = [failed] * (len(work) if batched else 1)
            report((channel, work, outcomes, started, now() * 1000))

    def close(self) -> None:
        """Let every thread finish what it has, then stop."""
        for _ in self._threads:
            self._work.put(None)
        for thread in self._threads:
            thread.join()
