"""The dispatcher: hands every sent touch to its channel, under its key.

`Dispatcher.run_once` (and `dispatch_once`, for a single pass) delivers
everything due when the pass starts — new touches and retries whose time
has come — and returns counts; the live runtime can keep one `Dispatcher`
and call it again and again (adapters, connections and worker threads are
kept between passes, rebuilt only when a channel's configuration changes).

Concurrency is threads: per channel `concurrency` senders (`senders.py`), so
each channel has at most that many requests in flight however slow its server.
smtplib is blocking and so is SQLAlchemy here, so threads serve every
adapter one way; the store is used by the calling thread alone. That thread
keeps each channel's window of claimed touches topped up while the workers
send, and writes outcomes down in batches, so claiming and recording
overlap with the sending instead of pausing it.

A pass: free claims of dead dispatchers; then per channel claim a window of
due touches, render them (customer attributes as they are now), settle
those that must not go (consent withdrawn, too old, template failing for
this customer) and start an attempt row for the others — one transaction —
then send, then record outcomes and schedule retries. State lives only in
the store: a killed pass loses nothing (its claims come due again) and a
touch sent twice goes both times under its own id.
"""
from __future__ import annotations

import logging
import os
import queue
import random
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Self

from runtime.outbox import TemplateBook, render_touches
from runtime.policies import consented
from runtime.render import MemoRenderer

from . import attempts, claims
from .adapters import Adapter, ChannelUnusable, Delivery, build_adapter
from .config import CHANNELS, ChannelConfig, read_channels
from .senders import Report, Senders

log = logging.getLogger(__name__)

RECORD_EVERY_S = 0.5  # outcomes wait at most this long to be written down
RECORD_BATCH = 2048
FILE_BATCH = 500  # touches per write of a file adapter


@dataclass
class DispatchResult:
    counts: Counter = field(default_factory=Counter)  # final state of this pass's touches
    channels: dict[str, Counter] = field(default_factory=dict)
    attempts: int = 0
    problems: dict[str, tuple[str, str]] = field(default_factory=dict)  # channel → (en, zh)
    notices: dict[str, tuple[str, str]] = field(default_factory=dict)  # channel → (en, zh)
    next_due_ms: int | None = None  # when the next retry comes due
    seconds: float = 0.0
    # Per request (a batch, for a file adapter): request sent → answer, ms.
    request_ms: list[float] = field(default_factory=list, repr=False)

    def count(self, channel: str, state: str, n: int = 1) -> None:
        self.counts[state] += n
        self.channels.setdefault(channel, Counter())[state] += n

    def as_dict(self) -> dict[str, Any]:
        return {"delivered": self.counts["delivered"], "retrying": self.counts["retrying"],
                "failed": self.counts["failed"], "expired": self.counts["expired"],
                "suppressed_at_delivery": self.counts["suppressed_at_delivery"],
                "attempts": self.attempts,
                "channels": {c: dict(n) for c, n in sorted(self.channels.items())},
                "problems": {c: en for c, (en, _) in sorted(self.problems.items())},
                "notices": {c: en for c, (en, _) in sorted(self.notices.items())},
                "next_due_ms": self.next_due_ms, "seconds": round(self.seconds, 3),
                "request_p50_ms": percentile(self.request_ms, 50),
                "request_p95_ms": percentile(self.request_ms, 95)}


def percentile(values: list[float], pct: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[pct - 1], 1)


@dataclass
class Lane:
    """One channel's work in a pass."""
    channel: str
    config: ChannelConfig
    adapter: Adapter
    senders: Senders
    window: int  # claimed touches at most still unanswered
    claim_ttl: float  # seconds: longer than the lane can take to send its window
    low_water: int  # claim the next window when no more than this is still in flight
    held: int = 0  # claimed and not yet written down
    answered: int = 0  # of those, the ones whose send has ended
    exhausted: bool = False


class Dispatcher:
    def __init__(self, store: Any, *, env: Mapping[str, str] | None = None,
                 clock: Callable[[], float] = time.time, claim_ttl: float = 300.0,
                 rng: random.Random | None = None) -> None:
        self.store = store
        self.env = os.environ if env is None else env
        self.clock, self.claim_ttl = clock, claim_ttl
        self.rng = rng or random.Random()
        self.token = claims.new_token()
        self.book = TemplateBook(store)
        self.renderer = MemoRenderer(strict=True)
        self._built: dict[str, tuple[ChannelConfig, Adapter, Senders]] = {}
        self._requeued: dict[int, int] = {}  # touch id → attempts when last put back by hand
        self._ended: queue.SimpleQueue[Report] = queue.SimpleQueue()  # the senders' reports
        self._outstanding = 0  # pieces of work queued to senders and not yet reported
        # The senders wake this thread only once `_wake_at` reports wait: taking
        # the interpreter lock back for every answer would cost the senders more
        # than the answer itself.
        self._wake = threading.Event()
        self._wake_at = 1

    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    # -- channels -------------------------------------------------------------------------

    def _lane(self, channel: str, config: ChannelConfig) -> Lane:
        built = self._built.get(channel)
        if built is None or built[0] != config:
            if built is not None:
                self._close_one(channel)
            adapter = build_adapter(self.store, channel, config, self.env)
            built = self._built[channel] = (config, adapter,
                                            Senders(channel, adapter, self._report,
                                                    self.clock))
        config, adapter, senders = built
        # Claim in windows and refill only when the window is nearly sent: the
        # store is then used while the senders are mostly idle. (Threads share
        # one interpreter lock; SQLite gives it up at every row it steps, and
        # taking it back from busy senders is slow, so store work interleaved
        # with sending costs far more than the same work done between.)
        if adapter.batched:
            window, low_water = FILE_BATCH, 0
        else:
            window = min(2048, 64 * adapter.concurrency)
            rate = getattr(config, "rate", None)
            if rate:
                window = max(1, min(window, int(rate * 5)))
            low_water = min(window // 2, adapter.concurrency // 2)
        ttl = self.claim_ttl
        if not adapter.batched:  # even if every request of the window times out
            per_request = config.timeout + config.connect_timeout
            ttl = max(ttl, 2 * per_request * window / adapter.concurrency)
        return Lane(channel, config, adapter, senders, window, ttl, low_water)

    def _lanes(self, only: Iterable[str] | None, result: DispatchResult) -> list[Lane]:
        self.store.refresh()  # the catalog may have grown in another process
        configs = read_channels(self.store)
        lanes = []
        with self.store.engine.connect() as conn:
            wanted = [c for c in (only or CHANNELS) if claims.has_open(conn, c)]
        for channel in wanted:
            before = self._built.get(channel)
            try:
                lane = self._lane(channel, configs[channel])
            except ChannelUnusable as unusable:
                result.problems[channel] = (unusable.en, unusable.zh)
                continue
            lanes.append(lane)
            notice = lane.adapter.notice()
            if notice is not None and (before is None or before[1] is not lane.adapter):
                result.notices[channel] = notice  # once per adapter: its first pass
        return lanes

    # -- one pass ---------------------------------------------------------------------------

    def run_once(self, channels: Iterable[str] | None = None) -> DispatchResult:
        """Deliver everything due now on `channels` (default all); returns counts."""
        began = time.monotonic()
        result = DispatchResult()
        pass_ms = self.now_ms()
        with self.store.writing() as conn:
            freed = claims.free_claims(conn, pass_ms, self.token)
        if freed:
            log.info("freed %d touches claimed by a dispatcher that stopped", freed)
        lanes = self._lanes(channels, result)
        by_channel = {lane.channel: lane for lane in lanes}
        done: list[tuple[Lane, attempts.Finished]] = []
        try:
            self._loop(lanes, pass_ms, by_channel, done, result)
        finally:
            if self._outstanding:  # a failure in the store: let the sends end, then note them
                while self._outstanding:
                    self._collect(self._ended.get(), by_channel, done, result)
                try:
                    with self.store.writing() as conn:
                        self._record(conn, done, result)
                except Exception:  # the first failure is the one to report
                    log.exception("could not record the outcomes of the last sends")
        with self.store.engine.connect() as conn:
            dues = [claims.next_due_ms(conn, lane.channel, pass_ms) for lane in lanes]
        result.next_due_ms = min((d for d in dues if d is not None), default=None)
        result.seconds = time.monotonic() - began
        return result

    def _loop(self, lanes: list[Lane], pass_ms: int, by_channel: dict[str, Lane], done: list,
              result: DispatchResult) -> None:
        last_record = time.monotonic()
        while True:
            refill = [lane for lane in lanes if _wants_more(lane)]
            if refill:  # first, so the senders wait as little as possible
                with self.store.writing() as conn:
                    claimed = [(lane, self._claim(conn, lane, pass_ms, result))
                               for lane in refill]
                for lane, go in claimed:  # sent only once the claim is committed
                    self._submit(lane, go, result)
            if done and (refill or not self._outstanding or len(done) >= RECORD_BATCH
                         or time.monotonic() - last_record >= RECORD_EVERY_S):
                with self.store.writing() as conn:
                    self._record(conn, done, result)
                last_record = time.monotonic()
            if not self._outstanding:
                if not done:
                    return
                continue
            self._wait_for_reports(lanes)
            while True:
                try:
                    report = self._ended.get_nowait()
                except queue.Empty:
                    break
                self._collect(report, by_channel, done, result)

    def _report(self, report: Report) -> None:
        """Called by the senders with each piece of work they finish."""
        self._ended.put(report)
        if self._ended.qsize() >= self._wake_at and not self._wake.is_set():
            self._wake.set()

    def _wait_for_reports(self, lanes: list[Lane]) -> None:
        """Until enough reports wait that a lane wants its next window (or all
        the sends have ended), or it is time to write outcomes down."""
        until_refill = [lane.held - lane.answered - lane.low_water
                        for lane in lanes if not lane.exhausted]
        self._wake_at = max(1, min([*until_refill, self._outstanding, RECORD_BATCH]))
        self._wake.clear()
        if self._ended.qsize() < self._wake_at:
            self._wake.wait(RECORD_EVERY_S)

    def _claim(self, conn: Any, lane: Lane, pass_ms: int,
               result: DispatchResult) -> list[Delivery]:
        asked = lane.window - (lane.held - lane.answered)  # answered ones wait only to be noted
        now = self.now_ms()
        rows = sorted(claims.claim(conn, lane.channel, self.token, pass_ms,
                                   now + int(lane.claim_ttl * 1000), asked), key=lambda r: r.id)
        if len(rows) < asked:
            lane.exhausted = True
        if not rows:
            return []
        go, settled = self._prepare(conn, lane, rows, now)
        attempts.settle(conn, settled, now)
        attempts.start(conn, go, now)
        for s in settled:
            result.count(lane.channel, s.state)
        lane.held += len(go)
        return go

    def _submit(self, lane: Lane, go: list[Delivery], result: DispatchResult) -> None:
        if not go:
            return
        result.attempts += len(go)
        if lane.adapter.batched:
            self._outstanding += 1
            lane.senders.send(go)
            return
        self._outstanding += len(go)
        send = lane.senders.send
        for d in go:
            send(d)

    def _prepare(self, conn: Any, lane: Lane, rows: list[Any],
                 now_ms: int) -> tuple[list[Delivery], list[attempts.Settled]]:
        consent = f"consent_{lane.channel}"
        content = render_touches(self.store, conn, rows, self.book, self.renderer,
                                 also_read=(consent, *lane.adapter.also_read))
        max_age = lane.config.max_age_s
        go, settled = [], []
        for r in rows:
            c = content[r.id]
            if not consented(c.attributes, lane.channel):
                settled.append(attempts.Settled(r.id, "suppressed_at_delivery", "no_consent",
                                                f"{consent} is false at delivery"))
            elif max_age is not None and r.at + max_age < now_ms // 1000:
                settled.append(attempts.Settled(r.id, "expired", "max_age",
                                                f"decided more than {lane.config.max_age} ago"))
            elif c.error is not None:
                settled.append(attempts.Settled(r.id, "failed", "template_error", c.error))
            else:
                go.append(Delivery(r.id, r.delivery_attempts, r.customer_id, r.journey_id,
                                   r.version, r.node_id, r.channel, r.at, c.content,
                                   c.subject, c.title, c.attributes))
                self._requeued[r.id] = r.delivery_requeued_at
        return go, settled

    def _collect(self, report: Report, by_channel: dict[str, Lane], done: list,
                 result: DispatchResult) -> None:
        channel, work, outcomes, sent_ms, answered_ms = report
        self._outstanding -= 1
        lane = by_channel[channel]
        batch = work if lane.adapter.batched else (work,)
        lane.answered += len(batch)
        result.request_ms.append(answered_ms - sent_ms)
        sent, answered, requeued = int(sent_ms), int(answered_ms), self._requeued
        for d, outcome in zip(batch, outcomes, strict=True):
            done.append((lane, attempts.Finished(d, outcome, sent, answered,
                                                 requeued.pop(d.touch_id, 0))))

    def _record(self, conn: Any, done: list, result: DispatchResult) -> None:
        if not done:
            return
        decided = [(lane, f, attempts.decide(f, lane.config, self.rng)) for lane, f in done]
        attempts.finish(conn, [(f, r) for _, f, r in decided], self.token, self.now_ms())
        for lane, _, recorded in decided:
            lane.held -= 1
            lane.answered -= 1
            result.count(lane.channel, recorded.state)
        done.clear()

    # -- ending -----------------------------------------------------------------------------

    def _close_one(self, channel: str) -> None:
        _, adapter, senders = self._built.pop(channel)
        senders.close()
        adapter.close()

    def close(self) -> None:
        for channel in list(self._built):
            self._close_one(channel)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _wants_more(lane: Lane) -> bool:
    """Whether the lane should claim its next window now: when what is still
    in flight (not yet answered) is down to its low-water mark."""
    if lane.exhausted:
        return False
    return lane.held - lane.answered <= lane.low_water


def dispatch_once(store: Any, channels: Iterable[str] | None = None,
                  **options: Any) -> DispatchResult:
    """One pass over everything due now (see `Dispatcher`), then let go of connections."""
    with Dispatcher(store, **options) as dispatcher:
        return dispatcher.run_once(channels)
