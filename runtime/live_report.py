"""What the live runtime says about its work: one line per engine call that
did work (entered, steps, touches, lag behind wall time), a quiet heartbeat
otherwise, and each journey the engine paused by itself. Instants are shown
in the store's timezone, as `status` and `report` show them."""
from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .live_log import LiveLog


@dataclass
class Beat:
    """What happened since the last heartbeat line."""
    ticks: int = 0  # engine ticks
    calls: int = 0  # engine calls
    working: int = 0  # calls that entered, stepped or touched someone
    idle_s: float = 0.0  # time spent in the other calls
    since: float = field(default_factory=time.monotonic)


class LiveReport:
    def __init__(self, say: LiveLog, heartbeat_s: float,
                 describe_pause: Callable[[dict], str]) -> None:
        self.say, self.heartbeat_s, self.describe_pause = say, heartbeat_s, describe_pause
        self.beat = Beat()
        self.zone: Any = UTC  # the store's, once read

    def call(self, totals: dict, spent: float, clock: int | None) -> None:
        """An engine call ended at `clock` after `spent` seconds."""
        beat = self.beat
        beat.ticks += totals["ticks"]
        beat.calls += 1
        worked = totals["entered"] or totals["steps"] or totals["touches"]
        late = totals.get("late_events", 0)
        beat.working += bool(worked)
        if not worked:
            beat.idle_s += spent
        if (worked or late) and clock is not None:
            lag = time.time() - clock
            late_en = f"; {late} late events ignored" if late else ""
            late_zh = f"；忽略迟到事件 {late} 条" if late else ""
            self.say.info(
                "tick", f"tick to {self.shown(clock)}: {totals['entered']} entered, "
                f"{totals['steps']} steps, {totals['touches']} touches; {lag:.1f} s behind wall "
                f"time{late_en}",
                f"时钟到 {self.shown(clock)}：新进入 {totals['entered']}，步骤 "
                f"{totals['steps']}，触达 {totals['touches']}；落后当前时间 {lag:.1f} 秒{late_zh}",
                clock=self.iso(clock), entered=totals["entered"], steps=totals["steps"],
                touches=totals["touches"], late_events=late, lag_s=round(lag, 3),
                tick_ms=round(spent * 1000, 1), wall=round(time.time(), 3), rss_mb=peak_rss_mb())
        for paused in totals.get("paused", []):
            self.say.warning("journey_paused", self.describe_pause(paused),
                             self.describe_pause(paused), journey=paused["journey"],
                             version=paused["version"], node=paused["node"],
                             reason=paused["reason"])

    def heartbeat(self, clock: int | None) -> None:
        """A "still alive" line once per heartbeat period, with what the calls did."""
        beat = self.beat
        if time.monotonic() - beat.since < self.heartbeat_s:
            return
        lag = time.time() - clock if clock is not None else None
        shown_lag = f"{lag:.1f} s" if lag is not None else "-"
        idle = beat.calls - beat.working
        self.say.info("heartbeat",
                      f"alive: {beat.ticks} ticks in {beat.calls} calls ({idle} idle) since the "
                      f"last heartbeat; clock {self.shown(clock)}, {shown_lag} behind",
                      f"运行中：自上次心跳以来 {beat.calls} 次调用共 {beat.ticks} 个时钟步（空闲 "
                      f"{idle} 次）；时钟 {self.shown(clock)}，落后 {shown_lag}",
                      ticks=beat.ticks, calls=beat.calls, idle=idle, clock=self.iso(clock),
                      lag_s=None if lag is None else round(lag, 3),
                      idle_tick_ms=round(1000 * beat.idle_s / idle, 2) if idle else None,
                      rss_mb=peak_rss_mb())
        self.beat = Beat()

    def shown(self, epoch: int | None) -> str:
        return self.iso(epoch) or "-"

    def iso(self, epoch: int | None) -> str | None:
        return None if epoch is None else datetime.fromtimestamp(epoch, self.zone).isoformat()


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux counts KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
