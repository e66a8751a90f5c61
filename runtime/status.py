"""`journey-runtime status`: what a store's runtime is doing, read from the store alone.

Who holds the store (the lease) and since when, the last tick (the stored
clock) and its lag behind wall time, each journey's newest version (and any
older one still with customers inside) with its state, active enrollments and
how many are due now, the touches decided in the hour up to the clock, and
the late events. Reading only: it works the same while a runtime runs and
after it stopped, on SQLite and PostgreSQL.
"""
from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select

from nodes import approval, fileformat
from nodes.errors import JourneyFileError

from .errors import pause_reason_text, shown_url
from .instants import epoch_of
from .store.lease import current_holder

HOUR = 3600


def status(store: Any, now: int | None = None) -> dict:
    """The store's runtime status as plain data (what `status --json` prints)."""
    now = int(time.time()) if now is None else now
    zone = store.policies().zone()
    clock = store.clock()
    with store.engine.connect() as conn:
        holder = current_holder(conn)
        journeys = _journeys(store, conn, now, clock)
        touches = _recent_touches(store, conn, clock if clock is not None else now)
        ev = store.tables["events"]
        late = conn.execute(select(func.count()).select_from(ev).where(
            ev.c.late_after.is_not(None))).scalar()

    def shown(epoch: int | None) -> str | None:
        return None if epoch is None else datetime.fromtimestamp(epoch, zone).isoformat()

    lease = {"state": "none"}
    if holder is not None:
        lease = {"state": holder.state(now), "host": holder.host, "pid": holder.pid,
                 "purpose": holder.purpose, "since": shown(holder.acquired_at),
                 "renewed": shown(holder.renewed_at), "expires": shown(holder.expires_at),
                 "released": shown(holder.released_at),
                 "renewed_s_ago": now - holder.renewed_at,
                 "expires_in_s": holder.expires_at - now}
    return {"store": shown_url(store.url), "now": shown(now), "lease": lease,
            "clock": shown(clock), "lag_s": None if clock is None else now - clock,
            "journeys": journeys, "touches_last_hour": touches, "late_events": late}


def _journeys(store: Any, conn: Any, now: int, clock: int | None) -> list[dict]:
    jv, e = store.tables["journey_versions"], store.tables["enrollments"]
    counts = {(r.journey_id, r.version): (r.active, r.due or 0) for r in conn.execute(
        select(e.c.journey_id, e.c.version, func.count().label("active"),
               func.sum(case((e.c.at <= now, 1), else_=0)).label("due"))
        .where(e.c.status == "active").group_by(e.c.journey_id, e.c.version))}
    rows = conn.execute(select(jv.c.journey_id, jv.c.version, jv.c.state, jv.c.document,
                               jv.c.pause_reason, jv.c.pause_node)
                        .order_by(jv.c.journey_id, jv.c.version.desc())).all()
    found, newest_seen = [], set()
    for row in rows:
        newest = row.journey_id not in newest_seen
        newest_seen.add(row.journey_id)
        active, due = counts.get((row.journey_id, row.version), (0, 0))
        if not newest and not active:
            continue  # an old version with nobody left inside says nothing
        try:
            journey = fileformat.loads(row.document)
        except (JourneyFileError, ValueError):
            journey = None  # the run pauses a document it cannot load, and says why
        found.append({"journey": row.journey_id, "version": row.version, "newest": newest,
                      "state": _state(row.state, journey, clock if clock is not None else now),
                      "pause_reason": row.pause_reason, "pause_node": row.pause_node,
                      "active": active, "due_now": due, "approval": _approval(journey)})
    return found


def _state(state: str, journey: Any, at: int) -> str:
    """running, paused, stopped, or window_ended (no new entries; those inside go on)."""
    if state != "active" or journey is None:
        return "running" if state == "active" else state
    end = journey.meta.window.end
    return "window_ended" if end is not None and epoch_of(end) <= at else "running"


def _approval(journey: Any) -> dict | None:
    """Who approved exactly this version's content, and when, from the review
    history published with it; None when it went out without one."""
    if journey is None or approval.publish_problem(journey) is not None:
        return None
    step = approval.last_approval(journey)
    return {"by": step.by, "at": step.at.isoformat()}


def _recent_touches(store: Any, conn: Any, up_to: int) -> dict[str, int]:
    t = store.tables["touches"]
    return {status: n for status, n in conn.execute(
        select(t.c.status, func.count()).where(t.c.at > up_to - HOUR, t.c.at <= up_to)
        .group_by(t.c.status).order_by(t.c.status))}


# -- text ---------------------------------------------------------------------------------

STATES = {"running": ("running", "运行中"), "paused": ("paused", "已暂停"),
          "stopped": ("ended", "已结束"), "window_ended": ("window ended", "窗口已结束")}
TOUCH_STATUSES = {"sent": "已发送", "suppressed": "已抑制", "queued": "排队中"}


def format_status(data: dict, lang: str = "en") -> str:
    zh = lang.startswith("zh")
    lines = [f"客户库：{data['store']}" if zh else f"store: {data['store']}",
             f"运行时：{_lease_text(data['lease'], zh)}" if zh else
             f"runtime: {_lease_text(data['lease'], zh)}"]
    if data["clock"] is None:
        lines.append("时钟：尚未运行" if zh else "clock: never run")
    else:
        lag = _seconds(data["lag_s"], zh)
        lines.append(f"时钟：{data['clock']}（落后当前时间 {lag}）" if zh else
                     f"clock: {data['clock']} ({lag} behind wall time)")
    lines.append("旅程：" if zh else "journeys:")
    for j in data["journeys"] or []:
        state = STATES.get(j["state"], (j["state"], j["state"]))[1 if zh else 0]
        if j["pause_reason"]:
            why = pause_reason_text(j["pause_reason"], lang)
            state += f"（自动暂停：{why}）" if zh else f" (automatically: {why})"
        old = "" if j["newest"] else ("（旧版本）" if zh else " (older version)")
        lines.append(f"  {j['journey']}  v{j['version']}{old}  {state}  " + (
            f"进行中 {j['active']:,}，当前应处理 {j['due_now']:,}" if zh else
            f"active {j['active']:,}, due now {j['due_now']:,}") + _approval_text(j, zh))
    if not data["journeys"]:
        lines.append("  （没有已发布的旅程）" if zh else "  (no published journeys)")
    touches = data["touches_last_hour"]
    counted = ("，".join(f"{TOUCH_STATUSES.get(status, status)} {n:,}"
                        for status, n in touches.items()) if zh else
               ", ".join(f"{n:,} {status}" for status, n in touches.items())) or "0"
    lines.append(f"时钟前一小时内的触达决定：{counted}" if zh else
                 f"touches decided in the hour up to the clock: {counted}")
    lines.append(f"迟到事件（已忽略）：{data['late_events']:,}" if zh else
                 f"late events (ignored): {data['late_events']:,}")
    return "\n".join(lines)


def _approval_text(journey: dict, zh: bool) -> str:
    given = journey.get("approval")
    if given is None:
        return "，未经审批" if zh else ", not approved"
    day = given["at"][:10]
    return f"，{given['by']} 于 {day} 批准" if zh else f", approved by {given['by']} on {day}"


def _lease_text(lease: dict, zh: bool) -> str:
    if lease["state"] == "none":
        return "无（此客户库从未实时运行过）" if zh else "none (no runtime has held this store yet)"
    purposes = {"live": ("live runtime", "实时运行"), "once": ("run up to now", "运行到当前时间"),
                "simulated": ("simulated run", "模拟运行")}
    what = purposes.get(lease["purpose"], (lease["purpose"],) * 2)[1 if zh else 0]
    who = (f"主机 {lease['host']} 上进程 {lease['pid']} 的{what}" if zh else
           f"{what} on host {lease['host']}, pid {lease['pid']}")
    if lease["state"] == "held":
        renewed, left = _seconds(lease["renewed_s_ago"], zh), _seconds(lease["expires_in_s"], zh)
        return (f"{who}，自 {lease['since']} 起（{renewed}前续租，{left}后到期）" if zh else
                f"{who}, since {lease['since']} (lease renewed {renewed} ago, expires in {left})")
    if lease["state"] == "released":
        return (f"无（上一个为{who}，已于 {lease['released']} 正常停止）" if zh else
                f"none (the last, a {who}, stopped cleanly at {lease['released']})")
    return (f"无（{who}的租约已于 {lease['expires']} 到期：它未正常停止；下一个运行时可接管）" if zh
            else f"none (the lease of the {who} expired at {lease['expires']}: it stopped "
                 "without releasing it; the next runtime takes over)")


def _seconds(value: int, zh: bool) -> str:
    value = max(0, int(value))
    if value < 120:
        return f"{value} 秒" if zh else f"{value} s"
    if value < 2 * HOUR:
        return f"{value // 60} 分钟" if zh else f"{value // 60} min"
    return f"{value / HOUR:.1f} 小时" if zh else f"{value / HOUR:.1f} h"
