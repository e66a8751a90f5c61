"""What a journey did: enrollments, per-node flow, touches, rewards (§8).

Everything is counted with GROUP BY in the database (a handful of queries,
served by indexes), so a report on millions of customers stays quick.
"""
from __future__ import annotations

import unicodedata
from collections import deque
from typing import Any

from sqlalchemy import exists, func, select

from nodes import fileformat
from nodes.journey import Journey

from .delivery.queries import delivery_counts
from .errors import pause_reason_text
from .store import Store, schema

EXIT_REASONS = ("filtered", "goal", "exit_when", "stopped")


class UnknownJourney(LookupError):
    def __init__(self, journey_id: str, version: int | None = None) -> None:
        super().__init__(journey_id)
        self.journey_id, self.version = journey_id, version

    def message(self, lang: str = "en") -> str:
        what = self.journey_id + (f" v{self.version}" if self.version else "")
        return (f"客户库中没有已发布的旅程 {what}" if lang.startswith("zh")
                else f"no published journey {what} in this store")


def _journeys(store: Store, journey_id: str, version: int | None) -> tuple[list[int], Journey]:
    versions = [r.version for r in store.published_versions(journey_id)]
    if not versions or (version is not None and version not in versions):
        raise UnknownJourney(journey_id, version)
    newest = store.journey_version(journey_id, version)
    return ([version] if version is not None else versions), fileformat.loads(newest.document)


def report(store: Store, journey_id: str, version: int | None = None) -> dict[str, Any]:
    """Counts for all versions of a journey (or one `version`). An enrollment
    is counted once per entry, so a customer who entered twice counts twice."""
    versions, journey = _journeys(store, journey_id, version)
    e, touches, rewards = schema.enrollments, schema.touches, schema.rewards
    mine_e = [e.c.journey_id == journey_id]
    mine_t = [touches.c.journey_id == journey_id]
    mine_r = [rewards.c.journey_id == journey_id]
    if version is not None:
        mine_e.append(e.c.version == version)
        mine_t.append(touches.c.version == version)
        mine_r.append(rewards.c.version == version)
    out: dict[str, Any] = {
        "journey": journey_id, "version": max(versions), "versions": versions,
        "state": store.journey_version(journey_id, max(versions)).state,
        "paused_because": paused_because(store, journey_id),
        "enrolled": 0, "active": 0, "completed": 0, "converted": 0, "exited": 0,
        "exit_reasons": {}, "nodes": {}, "touches": {}, "rewards": {},
    }
    for node_id in journey.node_ids():
        out["nodes"][node_id] = {"reached": 0, "waiting": 0,
                                 "outlets": dict.fromkeys(journey.outlets(node_id), 0)}

    def node(node_id: str) -> dict[str, Any]:
        return out["nodes"].setdefault(node_id, {"reached": 0, "waiting": 0, "outlets": {}})

    with store.engine.connect() as conn:
        for node_id, status, reason, n, converted in conn.execute(
                select(e.c.node_id, e.c.status, e.c.exit_reason, func.count(),
                       func.count(e.c.converted_at))
                .where(*mine_e).group_by(e.c.node_id, e.c.status, e.c.exit_reason)):
            out["enrolled"] += n
            out["converted"] += converted
            out[status] = out.get(status, 0) + n
            if status == "exited":
                out["exit_reasons"][reason or "unknown"] = (
                    out["exit_reasons"].get(reason or "unknown", 0) + n)
            if status == "active":
                node(node_id)["waiting"] += n
                node(node_id)["reached"] += n
            elif status == "exited" and reason != "filtered":
                node(node_id)["reached"] += n  # left the journey while at this node
        for node_id, outlet, n in conn.execute(_step_counts(conn, journey_id, version, journey)):
            entry = node(node_id)
            entry["reached"] += n
            entry["outlets"][outlet or ""] = entry["outlets"].get(outlet or "", 0) + n
        for channel, status, reason, n in conn.execute(
                select(touches.c.channel, touches.c.status, touches.c.reason, func.count())
                .where(*mine_t).group_by(touches.c.channel, touches.c.status, touches.c.reason)):
            entry = out["touches"].setdefault(channel, {"sent": 0, "suppressed": {}})
            if status == "sent":
                entry["sent"] += n
            elif status != "suppressed":
                # 'queued': caps are decided at the end of a tick; a crash can leave
                # some undecided until the next run. Never count them as suppressed.
                entry[status] = entry.get(status, 0) + n
            else:
                key = reason or "unknown"
                entry["suppressed"][key] = entry["suppressed"].get(key, 0) + n
        for node_id, status, n, amount in conn.execute(
                select(rewards.c.node_id, rewards.c.status, func.count(), func.sum(rewards.c.amount))
                .where(*mine_r).group_by(rewards.c.node_id, rewards.c.status)):
            out["rewards"].setdefault(node_id, {})[status] = {"count": n, "amount": amount or 0}
        out["deliveries"] = delivery_counts(conn, journey_id, version)
    out["touches"] = dict(sorted(out["touches"].items()))
    return out


def paused_because(store: Store, journey_id: str) -> dict[str, Any] | None:
    """Why the run paused this journey by itself, while it stays paused."""
    for row in reversed(store.journey_states(journey_id)):
        if row.state == "paused" and row.pause_reason:
            return {"reason": row.pause_reason, "version": row.version, "node": row.pause_node,
                    "detail": row.pause_detail, "paused_at": row.paused_at,
                    "noticed_at": row.pause_noticed_at}
    return None


def state_label(data: dict[str, Any], lang: str = "en") -> str:
    """'  (paused)', or why it was paused automatically; '' while running."""
    zh, why = lang.startswith("zh"), data.get("paused_because")
    if data.get("state") == "paused" and why:
        text = pause_reason_text(why["reason"], lang)
        where = (" — " + ("节点 " if zh else "node ") + why["node"]) if why["node"] else ""
        return (f"  （已自动暂停：{text}{where}）" if zh
                else f"  (paused automatically: {text}{where})")
    return {"paused": ("  （已暂停）", "  (paused)"), "stopped": ("  （已停止）", "  (stopped)")
            }.get(data.get("state"), ("", ""))[0 if zh else 1]


def _step_counts(conn: Any, journey_id: str, version: int | None, journey: Journey) -> Any:
    """(node, outlet, passes) from step_log, which has no journey column.

    Served by the (node_id, outlet, enrollment_id) index in order, so no
    sort; when this journey is the only one with enrollments, no join at
    all (the common case of a store running one big journey)."""
    e, log = schema.enrollments, schema.step_log
    others = conn.execute(select(e.c.journey_id).where(e.c.journey_id != journey_id)
                          .limit(1)).first()
    query = select(log.c.node_id, log.c.outlet, func.count()).group_by(log.c.node_id,
                                                                       log.c.outlet)
    if others is None and version is None:
        return query
    mine = [e.c.id == log.c.enrollment_id, e.c.journey_id == journey_id]
    if version is not None:
        mine.append(e.c.version == version)
    names = {n for v in _versions_nodes(conn, journey_id) for n in v} | set(journey.node_ids())
    return query.where(log.c.node_id.in_(sorted(names)), exists(select(1).where(*mine)))


def _versions_nodes(conn: Any, journey_id: str) -> list[list[str]]:
    t = schema.journey_versions
    return [fileformat.loads(doc).node_ids() for doc in conn.execute(
        select(t.c.document).where(t.c.journey_id == journey_id)).scalars()]


# -- the human-readable table --------------------------------------------------------

def flow_order(journey: Journey) -> list[str]:
    """Nodes in reading order: from the triggers, breadth first, outlets in order."""
    seen: list[str] = []
    queue = deque(sorted(journey.triggers()))
    while queue:
        node_id = queue.popleft()
        if node_id in seen:
            continue
        seen.append(node_id)
        for outlet in journey.outlets(node_id):
            target = journey.edge_from(node_id, outlet)
            if target is not None and target not in seen:
                queue.append(target)
    return seen + sorted(set(journey.node_ids()) - set(seen))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _pct(part: int, whole: int) -> str:
    return f" ({100 * part / whole:.1f}%)" if whole else ""


def format_report(data: dict[str, Any], store: Store, lang: str = "en") -> str:
    zh = lang.startswith("zh")
    document = store.journey_version(data["journey"], data["version"]).document
    journey = fileformat.loads(document)
    L = (lambda z, e: z) if zh else (lambda z, e: e)
    versions = data["versions"]
    span = str(versions[0]) if len(versions) == 1 else f"{versions[0]}–{versions[-1]}"
    enrolled = data["enrolled"]
    lines = [
        (f"{L('旅程', 'Journey')} {data['journey']}  {journey.meta.name}  "
         f"{L('版本', 'version')} {span}" + state_label(data, lang)),
        (f"{L('进入', 'Enrolled')} {enrolled:,}   {L('进行中', 'active')} {data['active']:,}   "
         f"{L('已完成', 'completed')} {data['completed']:,}   "
         f"{L('已转化', 'converted')} {data['converted']:,}{_pct(data['converted'], enrolled)}   "
         f"{L('已退出', 'exited')} {data['exited']:,}"),
    ]
    if data["exit_reasons"]:
        names = {"filtered": L("被筛除", "filtered"), "goal": L("达成目标", "goal"),
                 "exit_when": L("退出条件", "exit rule"), "stopped": L("旅程停止", "stopped")}
        lines.append(L("退出原因：", "Exit reasons: ") + ", ".join(
            f"{names.get(k, k)} {v:,}" for k, v in sorted(data["exit_reasons"].items())))
    header = [L("节点", "Node"), L("到达", "Reached"), L("等待中", "Waiting"), L("出口", "Outlets")]
    rows = []
    for node_id in flow_order(journey) + sorted(set(data["nodes"]) - set(journey.node_ids())):
        counts = data["nodes"].get(node_id, {"reached": 0, "waiting": 0, "outlets": {}})
        label = journey.label(node_id) if node_id in journey else ""
        outlets = "  ".join(f"{o or '-'} {n:,}" for o, n in counts["outlets"].items())
        rows.append([f"{label} [{node_id}]" if label else node_id, f"{counts['reached']:,}",
                     f"{counts['waiting']:,}", outlets])
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(3)]
    lines.append("")
    for row in [header, *rows]:
        lines.append("  ".join([_pad(row[0], widths[0]), _pad(row[1], widths[1], True),
                                _pad(row[2], widths[2], True), row[3]]).rstrip())
    lines.append("")
    if data["touches"]:
        lines.append(L("触达", "Touches"))
        for channel, counts in data["touches"].items():
            suppressed = ", ".join(f"{k} {v:,}" for k, v in sorted(counts["suppressed"].items()))
            lines.append(f"  {_pad(channel, 9)}{L('已发送', 'sent')} {counts['sent']:,}"
                         + (f"   {L('已拦截', 'suppressed')}: {suppressed}" if suppressed else ""))
    else:
        lines.append(L("触达：无", "Touches: none"))
    lines += _delivery_lines(data.get("deliveries") or {}, L)
    reward_words = {"granted": L("已发放", "granted"), "exhausted": L("预算用完", "exhausted"),
                    "limit_reached": L("已达每人上限", "limit reached")}
    for node_id, statuses in sorted(data["rewards"].items()):
        parts = ", ".join(f"{reward_words.get(s, s)} {v['count']:,} ({v['amount']:,.0f})"
                          for s, v in statuses.items())
        lines.append(f"{L('权益', 'Rewards')} [{node_id}]: {parts}")
    return "\n".join(lines)


def _delivery_lines(deliveries: dict[str, Any], L: Any) -> list[str]:
    """Per channel: delivered, waiting, failed by reason (sent touches only)."""
    if not deliveries:
        return []
    names = {"delivered": L("已送达", "delivered"), "pending": L("待投递", "pending"),
             "retrying": L("重试中", "retrying"), "expired": L("已过期", "expired"),
             "suppressed_at_delivery": L("投递时拦截", "suppressed at delivery")}
    lines = [L("投递", "Deliveries")]
    for channel, counts in deliveries.items():
        parts = [f"{names[k]} {counts[k]:,}" for k in names if counts.get(k)]
        if counts["failed"]:
            parts.append(L("失败", "failed") + ": " + ", ".join(
                f"{reason} {n:,}" for reason, n in sorted(counts["failed"].items())))
        lines.append(f"  {_pad(channel, 9)}" + "   ".join(parts))
    return lines
