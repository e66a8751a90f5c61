"""The live runtime: `journey-runtime run --store URL` ticking until it is stopped.

An APScheduler background scheduler is only the clock: one interval job asks
the engine to run up to the logical now (every `every` seconds), one renews
the store's lease. The engine works out every logical instant itself
(`Runner.run(until=…, tick=…)`), so there is never a job per customer.

The logical now is the wall time minus `lateness`: an event stored after the
clock has passed its timestamp is late and changes nothing (journey-semantics
§4), so the clock trails the wall a little to let events in flight arrive.

A restart goes on from the stored clock; an outage longer than `chunk` is
caught up first, a chunk of logical time per engine call (each made of ticks
of `tick`, each tick one transaction), with its progress logged. SIGINT or
SIGTERM stops it between ticks: the tick under way commits or rolls back
whole, the lease is released, the exit code is 0. A tick the store fails
(locked, server down) is logged and tried again on the next job; a tick that
loses the lease to another runtime stops this one at once (`EXIT_LEASE_LOST`).
"""
from __future__ import annotations

import logging
import math
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.exc import SQLAlchemyError

from .engine import Runner
from .errors import store_wide_message
from .live_log import LiveLog
from .live_report import LiveReport
from .store.lease import DEFAULT_TTL, Holder, Lease, LeaseHeld, LeaseLost, iso

EXIT_HELD = 4  # refused at start: another runtime holds the store
EXIT_LEASE_LOST = 5  # stopped: another runtime took the store over while this one ran
STORE_ERRORS = (SQLAlchemyError, OSError)  # the store failed: the tick rolled back whole


@dataclass(frozen=True)
class LiveOptions:
    every: float = 2.0  # seconds between tick jobs
    tick: timedelta = timedelta(seconds=2)  # the engine's clock step
    lateness: float = 2.0  # seconds the logical clock trails the wall
    lease_ttl: int = DEFAULT_TTL
    chunk: timedelta = timedelta(hours=1)  # the most logical time one engine call runs
    heartbeat: float = 60.0  # seconds between "still alive" lines when idle
    wait_for_lease: bool = False  # wait for a held store instead of refusing
    deliver: bool = True  # hand sent touches to their channels beside the ticks


class StopTicking(Exception):
    """A stop was asked for: raised between two ticks of an engine call."""


def utc(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


@contextmanager
def stop_on_signals(on_signal: Callable[[int], None]) -> Iterator[None]:
    """SIGINT and SIGTERM call `on_signal` instead of killing the process (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, lambda signum, _frame: on_signal(signum))
                for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


class LiveRuntime:
    def __init__(self, store: Any, options: LiveOptions, say: LiveLog,
                 describe_pause: Callable[[dict], str]) -> None:
        self.store, self.options, self.say = store, options, say
        self.lease = Lease(store, "live", options.lease_ttl)
        self.runner = Runner(store)
        self.dispatcher: Any = None  # built when delivery starts (`deliver_job`)
        self.stop = threading.Event()
        self.signalled: int | None = None  # set by the signal handler (it only assigns)
        self.exit_code = 0
        self.clock: int | None = None  # the stored clock as last known
        self.failures = 0  # store failures in a row
        self.failure_logged = 0.0
        self.tell = LiveReport(say, options.heartbeat, describe_pause)

    # -- the whole life -------------------------------------------------------------------

    def serve(self) -> int:
        """Run until stopped; the exit code. Raises `LeaseHeld` when the store
        is held (and `wait_for_lease` is off)."""
        with stop_on_signals(self._on_signal):
            if not self.take_lease():
                return 0
            self.lease.fence()
            scheduler = BackgroundScheduler(timezone=UTC)
            scheduler.add_job(self.renew_lease, "interval", seconds=self.lease.renew_every,
                              id="renew-lease", coalesce=True, max_instances=1,
                              misfire_grace_time=max(1, int(self.lease.renew_every)))
            scheduler.start()
            try:
                self.start_clock()
                if not self.stopping():
                    self.catch_up()
                if not self.stopping():
                    # Coalesced: after a slow tick one job runs, not the missed ones;
                    # each computes its own target from the wall clock anyway.
                    scheduler.add_job(self.tick_job, "interval", seconds=self.options.every,
                                      id="tick", coalesce=True, max_instances=1,
                                      misfire_grace_time=max(1, math.ceil(self.options.every)),
                                      next_run_time=datetime.now(UTC))
                    if self.options.deliver:
                        # Its own job: a slow channel never holds up the clock, and
                        # one pass at a time keeps requests in flight bounded.
                        scheduler.add_job(self.deliver_job, "interval",
                                          seconds=self.options.every, id="deliver",
                                          coalesce=True, max_instances=1,
                                          misfire_grace_time=max(1, math.ceil(
                                              self.options.every)))
                while not self.idle_for(1.0):
                    pass
            finally:
                self.stop.set()
                scheduler.shutdown(wait=True)  # the tick under way ends (commits or rolls back)
                if self.dispatcher is not None:
                    self.dispatcher.close()
                self.lease.unfence()
                self.give_back_lease()
        if self.clock is None:  # forgotten after a failure or a stop between ticks
            with suppress(*STORE_ERRORS):
                self.clock = self.store.clock()
        self.say.info("stopped", f"stopped; the clock is at {self.shown(self.clock)}",
                      f"已停止；时钟位于 {self.shown(self.clock)}",
                      clock=self.iso(self.clock), exit_code=self.exit_code)
        return self.exit_code

    def _on_signal(self, signum: int) -> None:
        self.signalled = signum  # no logging or locks in a signal handler

    def idle_for(self, seconds: float) -> bool:
        """Wait up to `seconds`, noticing a signal within 0.2 s; True when stopping."""
        deadline = time.monotonic() + seconds
        while not self.stopping():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.stop.wait(min(0.2, left))
        return True

    def stopping(self) -> bool:
        if self.signalled is not None and not self.stop.is_set():
            name = signal.Signals(self.signalled).name
            self.say.info("stopping", f"{name}: stopping after the tick under way",
                          f"收到 {name}：当前时钟步完成后停止", signal=name)
            self.stop.set()
        return self.stop.is_set()

    def take_lease(self) -> bool:
        """Hold the store (or wait for it); False when stopped while waiting."""
        waiting = False
        while True:
            try:
                previous = self.lease.acquire()
                break
            except LeaseHeld as held:
                if not self.options.wait_for_lease:
                    raise
                if not waiting:
                    h = held.holder
                    self.say.info("waiting_for_store",
                                  f"the store is held by {h.describe('en')}; waiting until it "
                                  f"stops or its lease expires ({iso(h.expires_at)})",
                                  f"客户库正由{h.describe('zh')}占用；等待其停止或租约到期"
                                  f"（{iso(h.expires_at)}）", **holder_fields(h))
                    waiting = True
                if self.idle_for(self.lease.renew_every):
                    return False
        if previous is not None:
            self.say_taken_over(previous)
        o = self.options
        self.say.info("started",
                      f"running live (host {self.lease.host}, pid {self.lease.pid}): a tick job "
                      f"every {o.every:g} s, ticks of {o.tick.total_seconds():g} s, clock "
                      f"{o.lateness:g} s behind wall time, lease {o.lease_ttl} s",
                      f"实时运行中（主机 {self.lease.host}，进程 {self.lease.pid}）：每 {o.every:g} 秒"
                      f"一次时钟任务，时钟步长 {o.tick.total_seconds():g} 秒，时钟比当前时间晚 "
                      f"{o.lateness:g} 秒，租约 {o.lease_ttl} 秒",
                      host=self.lease.host, pid=self.lease.pid, every_s=o.every,
                      tick_s=o.tick.total_seconds(), lateness_s=o.lateness,
                      lease_ttl_s=o.lease_ttl)
        return True

    def say_taken_over(self, previous: Holder) -> None:
        if previous.expires_at < int(self.lease.clock()):
            why_en = f"its lease expired at {iso(previous.expires_at)} without a clean stop"
            why_zh = f"其租约已于 {iso(previous.expires_at)} 到期，它未正常停止"
        else:
            why_en = "its process on this machine is gone without a clean stop"
            why_zh = "其进程已不在本机运行，它未正常停止"
        self.say.warning("took_over",
                         f"took the store over from {previous.describe('en')}: {why_en}",
                         f"已接管客户库：{previous.describe('zh')}；{why_zh}",
                         **holder_fields(previous))

    def give_back_lease(self) -> None:
        if self.exit_code == EXIT_LEASE_LOST:
            return  # another runtime holds it now
        try:
            self.lease.release()
        except STORE_ERRORS as exc:  # it expires by itself
            self.say.warning("lease_not_released", f"could not release the lease ({exc}); it "
                             f"expires within {self.options.lease_ttl} s",
                             f"无法释放租约（{exc}）；它将在 {self.options.lease_ttl} 秒内到期")

    # -- the clock ----------------------------------------------------------------------

    def logical_now(self) -> int:
        return int(time.time() - self.options.lateness)

    def start_clock(self) -> None:
        try:
            self.tell.zone = self.store.policies().zone()
            self.clock = self.store.clock()
        except STORE_ERRORS as exc:
            self.store_failed(exc)
            return
        if self.clock is not None and self.clock > self.logical_now():
            ahead = self.clock - self.logical_now()
            self.say.warning("clock_ahead",
                             f"the store's clock ({self.shown(self.clock)}) is {ahead} s ahead "
                             "of the logical now (a simulated run took it there); ticks begin "
                             "when wall time reaches it",
                             f"客户库的时钟（{self.shown(self.clock)}）比逻辑当前时间快 {ahead} 秒"
                             "（模拟运行所致）；当前时间追上后才开始", clock=self.iso(self.clock))

    def catch_up(self) -> None:
        """Run a long outage up to the logical now a chunk at a time (each
        engine call stops between ticks when asked)."""
        chunk = int(self.options.chunk.total_seconds())
        announced = False
        while not self.stopping():
            try:
                if self.clock is None:  # at start after a failure, or after one here
                    self.clock = self.store.clock()
            except STORE_ERRORS as exc:
                self.store_failed(exc)
                self.idle_for(self.options.every)
                continue
            if self.clock is None:
                return  # a store never run: its first tick is the live one
            behind = self.logical_now() - self.clock
            if behind <= chunk:
                break
            if not announced:
                self.say.info("catching_up", f"catching up {behind / 3600:.1f} h from "
                              f"{self.shown(self.clock)}, {chunk // 60} min of logical time a step",
                              f"追赶 {behind / 3600:.1f} 小时（自 {self.shown(self.clock)} 起），"
                              f"每步 {chunk // 60} 分钟逻辑时间", clock=self.iso(self.clock),
                              behind_s=behind)
                announced = True
            if self.advance(self.clock + chunk) is None:
                if self.failures:
                    self.idle_for(self.options.every)
                continue
            left = self.logical_now() - self.clock
            self.say.info("catch_up_progress",
                          f"caught up to {self.shown(self.clock)}; {left / 3600:.1f} h left",
                          f"已追赶到 {self.shown(self.clock)}；还差 {left / 3600:.1f} 小时",
                          clock=self.iso(self.clock), behind_s=left)
        if announced and not self.stopping():
            self.say.info("caught_up", f"caught up: the clock is at {self.shown(self.clock)}",
                          f"已追上：时钟位于 {self.shown(self.clock)}", clock=self.iso(self.clock))

    def tick_job(self) -> None:
        """The scheduler's job: run up to the logical now (a chunk at most)."""
        if self.stopping():
            return
        try:
            self.run_to_now()
        except STORE_ERRORS as exc:
            self.store_failed(exc)
        except Exception as exc:  # noqa: BLE001 — a bug, not the store: stop loudly, never spin
            self.say(logging.ERROR, "internal_error", f"internal error: {exc!r}; stopping",
                     f"内部错误：{exc!r}；停止运行", exc_info=True)
            self.exit_code = 1
            self.stop.set()

    def run_to_now(self) -> None:
        if self.clock is None:
            self.clock = self.store.clock()
        target = self.logical_now()
        if self.clock is not None:
            target = min(target, self.clock + int(self.options.chunk.total_seconds()))
            if target <= self.clock:  # jobs more often than ticks: nothing yet
                self.tell.heartbeat(self.clock)
                return
        self.advance(target)
        self.tell.heartbeat(self.clock)

    def advance(self, target: int) -> dict | None:
        """One engine call up to `target`; its totals, or None when it did not finish."""
        try:
            began = time.perf_counter()
            totals = self.runner.run(until=utc(target), tick=self.options.tick,
                                     progress=self.between_ticks)
            spent = time.perf_counter() - began
        except StopTicking:
            self.forget_run()  # its memory is past the stored clock (idle ticks save none)
            return None
        except LeaseLost as lost:
            self.lease_lost(lost.holder)
            return None
        except STORE_ERRORS as exc:
            self.store_failed(exc)
            return None
        self.store_works()
        if totals["ticks"]:
            self.clock = totals["until"]
        self.tell.call(totals, spent, self.clock)
        return totals

    def between_ticks(self, done: Any, total: Any) -> None:
        if done < total and self.stopping():  # after the last tick the call ends anyway
            raise StopTicking

    def deliver_job(self) -> None:
        """One delivery pass (`runtime.delivery`): touches decided so far, and
        retries whose time has come. A store failure is logged; the next pass retries."""
        from .delivery import Dispatcher

        if self.stopping():
            return
        try:
            if self.dispatcher is None:
                self.dispatcher = Dispatcher(self.store)
            result = self.dispatcher.run_once()
        except LeaseLost as lost:
            self.lease_lost(lost.holder)
            return
        except STORE_ERRORS as exc:
            self.say.warning("delivery_failed", f"delivery pass failed: {exc}",
                             f"投递失败：{exc}", error=str(exc))
            return
        for channel, (en, zh) in sorted(result.notices.items()):  # where it goes, said once
            self.say.info("delivery_target", en, zh, channel=channel)
        done = result.as_dict()
        if done["attempts"]:
            self.say.info(
                "delivered", f"delivered {done['delivered']}, retrying {done['retrying']}, "
                f"failed {done['failed']} ({done['attempts']} attempts)",
                f"已投递 {done['delivered']}，重试中 {done['retrying']}，失败 {done['failed']}"
                f"（共尝试 {done['attempts']} 次）", **{k: done[k] for k in (
                    "delivered", "retrying", "failed", "expired", "suppressed_at_delivery",
                    "attempts")})

    def forget_run(self) -> None:
        """Build the engine's run again from the store on the next call."""
        self.runner = Runner(self.store)
        self.clock = None

    def store_failed(self, exc: BaseException) -> None:
        """Log a failed tick (the first, then once per heartbeat period) and
        start the next from what the store holds."""
        self.failures += 1
        self.forget_run()
        now = time.monotonic()
        if self.failures > 1 and now - self.failure_logged < self.options.heartbeat:
            return
        self.failure_logged = now
        self.say.error("store_failed",
                       f"the store failed: {store_wide_message(exc, self.store, 'en')}; nothing "
                       f"of the tick was kept; trying again every {self.options.every:g} s "
                       f"({self.failures} failed so far)",
                       f"客户库出错：{store_wide_message(exc, self.store, 'zh')}；该时钟步未写入"
                       f"任何内容；每 {self.options.every:g} 秒重试（已失败 {self.failures} 次）",
                       failures=self.failures, error=type(exc).__name__)

    def store_works(self) -> None:
        if self.failures:
            self.say.info("store_back", f"the store works again after {self.failures} failed "
                          "attempts", f"客户库已恢复（此前失败 {self.failures} 次）",
                          failures=self.failures)
            self.failures = 0

    def renew_lease(self) -> None:
        """The scheduler's other job."""
        try:
            self.lease.renew()
        except LeaseLost as lost:
            self.lease_lost(lost.holder)
        except STORE_ERRORS as exc:  # the next renewal tries again; the fence guards writes
            self.say.warning("lease_renewal_failed",
                             f"could not renew the lease ({type(exc).__name__}); it expires at "
                             f"{iso(self.lease.expires_at or 0)}",
                             f"无法续租（{type(exc).__name__}）；租约于 "
                             f"{iso(self.lease.expires_at or 0)} 到期")

    def lease_lost(self, holder: Holder | None) -> None:
        if self.exit_code != EXIT_LEASE_LOST:
            self.exit_code = EXIT_LEASE_LOST
            who_en = holder.describe("en") if holder else "nobody (the lease row is gone)"
            who_zh = holder.describe("zh") if holder else "无人（租约记录已不存在）"
            self.say.error("lease_lost",
                           f"lost the store to {who_en}: this runtime stalled past its lease; "
                           "stopping at once without writing",
                           f"客户库已被{who_zh}接管：本进程超过租约期限未续租；立即停止，不再写入",
                           **(holder_fields(holder) if holder else {}))
        self.stop.set()

    def shown(self, epoch: int | None) -> str:
        return self.tell.shown(epoch)

    def iso(self, epoch: int | None) -> str | None:
        return self.tell.iso(epoch)


def holder_fields(holder: Holder) -> dict:
    return {"holder_host": holder.host, "holder_pid": holder.pid,
            "holder_purpose": holder.purpose, "holder_since": iso(holder.acquired_at),
            "holder_expires": iso(holder.expires_at)}
