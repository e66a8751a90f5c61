"""`run` on the command line, beside cli.py: the options of the live clock and
the store's lease, what `run` says when the lease refuses it, and the lease
held around a run that is not live (a simulated run, `--once`)."""
from __future__ import annotations

import argparse
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, timedelta
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from nodes.durations import parse_short_duration

from .live import STORE_ERRORS, LiveOptions
from .store.lease import DEFAULT_TTL, MIN_TTL, Holder, Lease, LeaseLost, iso


class OptionError(ValueError):
    """A live option that cannot be used (en, zh)."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh


def add_live_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--once", action="store_true",
                     help="run up to now once and exit instead of running live")
    sub.add_argument("--every", default="2", metavar="SECONDS",
                     help="live: seconds between ticks of the wall clock (default 2)")
    sub.add_argument("--lateness", default="2", metavar="SECONDS",
                     help="live: the clock trails wall time by this much, so events in flight "
                          "are not late (default 2)")
    sub.add_argument("--lease-ttl", type=int, default=DEFAULT_TTL, metavar="SECONDS",
                     help=f"seconds a stopped-without-warning runtime keeps the store (default "
                          f"{DEFAULT_TTL}); renewed every third of it")
    sub.add_argument("--catch-up-chunk", default="1h", metavar="DURATION",
                     help="live: after an outage, logical time run per step (default 1h)")
    sub.add_argument("--heartbeat", default="60", metavar="SECONDS",
                     help="live: seconds between 'still alive' log lines (default 60)")
    sub.add_argument("--wait-for-lease", action="store_true",
                     help="live: wait while another runtime holds the store instead of refusing")
    sub.add_argument("--log-json", action="store_true",
                     help="live: log one JSON object per line instead of text")
    sub.add_argument("--no-deliver", action="store_true",
                     help="live: decide touches only; leave delivery to `journey-runtime "
                          "deliver` (by default the runtime delivers beside its ticks)")


def seconds(text: str, option: str, minimum: float = 0.0) -> float:
    """`2`, `0.5` or `2s`: a number of seconds."""
    try:
        value = float(text.removesuffix("s"))
    except ValueError:
        raise OptionError(f"{option} '{text}' is not a number of seconds, e.g. 2 or 0.5",
                          f"{option}「{text}」不是秒数，例如 2 或 0.5") from None
    if not math.isfinite(value) or value < minimum:
        raise OptionError(f"{option} must be at least {minimum:g} seconds",
                          f"{option} 至少为 {minimum:g} 秒")
    return value


def duration(text: str, option: str) -> timedelta:
    """`30s`, `10m`, `1h`, `1d`: whole seconds, at least one."""
    try:
        if text.endswith("s") and text[:-1].isdigit():
            value = timedelta(seconds=int(text[:-1]))
        else:
            value = parse_short_duration(text).to_timedelta()
    except ValueError as exc:
        raise OptionError(f"{option}: {exc} (or seconds, e.g. 30s)",
                          f"{option} 有误：{exc}（也可写秒数，例如 30s）") from None
    if value.total_seconds() < 1:
        raise OptionError(f"{option} must be at least one second", f"{option} 至少为 1 秒")
    return value


def live_options(args: argparse.Namespace, tick: timedelta | None) -> LiveOptions:
    """The live runtime's options from the command line (`tick`: --tick, parsed)."""
    every = seconds(args.every, "--every", 0.05)
    if every <= 0:
        raise OptionError("--every must be longer than zero", "--every 必须大于零")
    if tick is None:  # the engine counts whole seconds
        tick = timedelta(seconds=max(1, math.ceil(every)))
    if args.lease_ttl < MIN_TTL:
        raise OptionError(f"--lease-ttl must be at least {MIN_TTL} seconds",
                          f"--lease-ttl 至少为 {MIN_TTL} 秒")
    return LiveOptions(every=every, tick=tick, lateness=seconds(args.lateness, "--lateness"),
                       lease_ttl=args.lease_ttl,
                       chunk=duration(args.catch_up_chunk, "--catch-up-chunk"),
                       heartbeat=seconds(args.heartbeat, "--heartbeat", 0.05),
                       wait_for_lease=args.wait_for_lease, deliver=not args.no_deliver)


def refusal(holder: Holder, lang: str) -> str:
    """Why `run` will not start while another process holds the store."""
    renewed = max(0, int(time.time()) - holder.renewed_at)
    if lang.startswith("zh"):
        return (f"拒绝运行：此客户库正由{holder.describe('zh')}运行（{renewed} 秒前续租，租约于 "
                f"{iso(holder.expires_at)} 到期）。每个客户库只能有一个运行时：请先停止它"
                "（SIGTERM 或 Ctrl+C）；若它已意外终止，租约到期后即可启动（或加 --wait-for-lease）")
    return (f"refused: this store is run by {holder.describe('en')} (lease renewed {renewed} s "
            f"ago, expires at {iso(holder.expires_at)}). One runtime per store: stop that one "
            "first (SIGTERM or Ctrl+C); if it died without stopping, start again once its lease "
            "has expired (or add --wait-for-lease)")


def lost_message(holder: Holder | None, lang: str) -> str:
    zh = lang.startswith("zh")
    who = holder.describe(lang) if holder else ("无人" if zh else "nobody")
    if zh:
        return f"已停止：运行期间客户库被{who}接管（本进程超过租约期限未续租）；未再写入任何内容"
    return (f"stopped: {who} took the store over while this run held it (it stalled past its "
            "lease); nothing more was written")


@contextmanager
def holding(store: Any, purpose: str, ttl: int = DEFAULT_TTL) -> Iterator[Lease]:
    """Hold the store's lease for a run that is not live (a simulated run or
    `--once`): the same refusal, renewal and fence. Raises `LeaseHeld`."""
    lease = Lease(store, purpose, ttl)
    lease.acquire()
    lease.fence()
    lost: list[Holder | None] = []

    def renew() -> None:
        try:
            lease.renew()
        except LeaseLost as exc:  # the fence refuses the run's next commit
            lost.append(exc.holder)
        except STORE_ERRORS:
            pass  # the run meets the store's failure itself

    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.add_job(renew, "interval", seconds=lease.renew_every, coalesce=True,
                      max_instances=1, misfire_grace_time=max(1, int(lease.renew_every)))
    scheduler.start()
    try:
        yield lease
    finally:
        scheduler.shutdown(wait=True)
        lease.unfence()
        if not lost:
            try:
                lease.release()
            except STORE_ERRORS:
                pass  # it expires by itself
