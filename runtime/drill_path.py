"""One customer's way through a journey, with the reason for every decision.

Read from the step log (node, outlet, instant), the touches and rewards the
steps produced, and the version's document: a branch's outlet names the path
whose condition matched, a touch's row says sent or suppressed by which rule,
a touch sent later than the customer arrived was held by quiet hours.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from nodes import fileformat
from nodes.describe import channel_label, describe_condition, describe_node
from nodes.journey import Journey

from .report import UnknownJourney
from .store import Store, schema


def customer_path(store: Store, journey_id: str, customer_id: str,
                  lang: str = "en") -> list[dict[str, Any]]:
    """Her enrollments, oldest first: {"enrollment", "version", "entered_at", "status",
    "exit_reason", "converted_at", "steps": [{"at", "node", "label", "kind", "outlet",
    "reason"}]}; the last step of one that ended says how it ended."""
    if not store.published_versions(journey_id):
        raise UnknownJourney(journey_id)
    e, log, t, r = schema.enrollments, schema.step_log, schema.touches, schema.rewards
    policies, catalog = store.policies(), store.catalog()
    with store.engine.connect() as conn:
        enrollments = conn.execute(select(e).where(e.c.journey_id == journey_id,
                                                   e.c.customer_id == customer_id)
                                   .order_by(e.c.entered_at, e.c.id)).all()
        ids = [row.id for row in enrollments]
        steps = conn.execute(select(log).where(log.c.enrollment_id.in_(ids))
                             .order_by(log.c.at, log.c.id)).all()
        touches = {(x.enrollment_id, x.node_id): x for x in conn.execute(
            select(t).where(t.c.enrollment_id.in_(ids)))}
        rewards = {(x.enrollment_id, x.node_id): x for x in conn.execute(
            select(r).where(r.c.enrollment_id.in_(ids)))}
    documents: dict[int, Journey] = {}
    words = Words(lang, policies, catalog)
    out = []
    for enrollment in enrollments:
        journey = documents.get(enrollment.version)
        if journey is None:
            journey = documents[enrollment.version] = fileformat.loads(
                store.journey_version(journey_id, enrollment.version).document)
        mine = [s for s in steps if s.enrollment_id == enrollment.id]
        rows, arrived = [], enrollment.entered_at
        for step in mine:
            key = (enrollment.id, step.node_id)
            rows.append(words.step(journey, step, arrived, touches.get(key), rewards.get(key)))
            arrived = step.at
        ending = words.ending(journey, enrollment)
        if ending:
            rows.append(ending)
        out.append({"enrollment": enrollment.id, "version": enrollment.version,
                    "entered_at": enrollment.entered_at, "status": enrollment.status,
                    "exit_reason": enrollment.exit_reason,
                    "converted_at": enrollment.converted_at, "steps": rows})
    return out


SUPPRESSED = {"frequency_cap": ("被频次上限拦截", "held back by a frequency cap"),
              "no_consent": ("客户未同意接收该渠道", "the customer has not consented to it"),
              "paused": ("旅程暂停期间到期，恢复时选择了跳过", "due while paused; skipped at resume")}


class Words:
    """The reasons in the operator's language."""

    def __init__(self, lang: str, policies: Any, catalog: Any) -> None:
        self.zh, self.lang = lang.startswith("zh"), lang
        self.policies, self.catalog, self.zone = policies, catalog, policies.zone()

    def w(self, zh: str, en: str) -> str:
        return zh if self.zh else en

    def time(self, at: int) -> str:
        return datetime.fromtimestamp(at, self.zone).strftime("%Y-%m-%d %H:%M")

    def step(self, journey: Journey, step: Any, arrived: int, touch: Any,
             reward: Any) -> dict[str, Any]:
        node, outlet = step.node_id, step.outlet
        kind = journey.kind(node) if node in journey else "?"
        reason = self._reason(journey, kind, node, outlet, step.at, arrived, touch, reward)
        return {"at": step.at, "node": node, "kind": kind, "outlet": outlet,
                "label": journey.label(node) if node in journey else node, "reason": reason}

    def _reason(self, journey: Journey, kind: str, node: str, outlet: str | None, at: int,
                arrived: int, touch: Any, reward: Any) -> str:
        w = self.w
        if kind == "?":
            return w("该节点已不在这个版本中", "this node is no longer in the version")
        config = journey.config(node)
        if kind == "trigger":
            return w("进入旅程：", "Entered: ") + describe_node(journey, node, self.lang,
                                                           self.catalog)
        if kind == "filter":
            text = describe_condition(config.condition, self.lang, self.catalog)
            return (w("符合条件：", "matched: ") if outlet == "next"
                    else w("不符合条件，被筛除：", "did not match, filtered out: ")) + text
        if kind == "branch":
            for path in config.paths:
                if path.name == outlet:
                    return (w(f"走「{outlet}」，因为符合：", f"took '{outlet}' because: ")
                            + describe_condition(path.condition, self.lang, self.catalog))
            return w("不符合任何路径的条件，走「其他」", "matched no path, took 'else'")
        if kind == "split":
            for v in config.variants:
                if v.name == outlet:
                    return w(f"按客户号稳定分到「{outlet}」（{v.percent}%）",
                             f"put in '{outlet}' by a stable hash of her id ({v.percent}%)") + (
                        w("，对照组不接收触达", "; the holdout gets no touch") if v.holdout else "")
        if kind == "wait":
            if outlet == "event":
                event = self.catalog.event_label(config.event, self.lang)
                return w(f"收到事件「{event}」", f"the event '{event}' arrived")
            if outlet == "timeout":
                return w("等到超时仍未收到事件", "timed out without the event")
            return w("等待结束：", "waited: ") + describe_node(journey, node, self.lang,
                                                          self.catalog)
        if kind == "touch":
            return self._touch(config.channel, touch, arrived)
        if kind == "reward":
            if reward is None:
                return describe_node(journey, node, self.lang, self.catalog)
            return {"granted": w(f"已发放 {reward.amount:g}", f"granted {reward.amount:g}"),
                    "exhausted": w("预算已用完，未发放", "budget used up: not granted"),
                    "limit_reached": w("已达每人上限，未发放", "per-customer limit reached")
                    }.get(reward.status, reward.status)
        return describe_node(journey, node, self.lang, self.catalog)

    def _touch(self, channel: str, touch: Any, arrived: int) -> str:
        w, name = self.w, channel_label(channel, self.lang)
        if touch is None:
            return w(f"{name}：没有记录", f"{name}: no record")
        if touch.status == "suppressed":
            why = SUPPRESSED.get(touch.reason, (touch.reason, touch.reason))
            return w(f"{name}未发送：{why[0]}", f"{name} not sent: {why[1]}") + self._caps(channel,
                                                                                      touch)
        text = w(f"{name}已发送", f"{name} sent") if touch.status == "sent" else (
            w(f"{name}待定（{touch.status}）", f"{name} {touch.status}"))
        if touch.at > arrived:
            text += (w(f"；因勿扰时段推迟到 {self.time(touch.at)}",
                       f"; held by quiet hours until {self.time(touch.at)}")
                     if self._quiet(channel, arrived) else
                     w(f"；{self.time(touch.at)} 才发出（旅程暂停过）",
                       f"; went out only at {self.time(touch.at)} (the journey was paused)"))
        return text

    def _quiet(self, channel: str, at: int) -> bool:
        """Whether `at` falls in the channel's quiet hours (start > end wraps midnight)."""
        window = self.policies.quiet_hours.get(channel)
        if window is None:
            return False
        now = datetime.fromtimestamp(at, self.zone).strftime("%H:%M")
        start, end = (str(x)[:5] for x in window)
        return start <= now < end if start <= end else (now >= start or now < end)

    def _caps(self, channel: str, touch: Any) -> str:
        if touch.reason != "frequency_cap":
            return ""
        caps = [c for c in self.policies.caps if c.channel in (channel, "*")]
        if not caps:
            return ""
        parts = [self.w(f"{'所有渠道' if c.channel == '*' else c.channel} 每 {_span(c.period_s, True)}"
                        f"最多 {c.max} 次",
                        f"{'all channels' if c.channel == '*' else c.channel} at most {c.max} "
                        f"per {_span(c.period_s, False)}") for c in caps]
        return self.w("（", " (") + "; ".join(parts) + self.w("）", ")")

    def ending(self, journey: Journey, enrollment: Any) -> dict[str, Any] | None:
        w = self.w
        if enrollment.status == "active":
            label = journey.label(enrollment.node_id) if enrollment.node_id in journey else ""
            where = label or enrollment.node_id
            text = w(f"正在「{where}」，{self.time(enrollment.at)} 继续",
                     f"now at '{where}', moving on at {self.time(enrollment.at)}")
        elif enrollment.status == "completed":
            text = w("走完了旅程", "completed the journey")
        else:
            goal = journey.meta.goal
            text = {"goal": w(f"达成目标（{goal.event if goal else ''}），退出旅程",
                              f"reached the goal ({goal.event if goal else ''}) and left"),
                    "exit_when": w("满足退出条件，退出旅程", "met the exit rule and left"),
                    "stopped": w("旅程被结束，退出", "left when the journey was ended"),
                    "filtered": w("被筛除", "filtered out")}.get(enrollment.exit_reason or "",
                                                             enrollment.exit_reason or "")
        if enrollment.converted_at is not None and enrollment.exit_reason != "goal":
            text += w(f"；已于 {self.time(enrollment.converted_at)} 转化",
                      f"; converted at {self.time(enrollment.converted_at)}")
        # Still inside: no outcome yet, so no instant (its `at` is when she moves on).
        at = None if enrollment.status == "active" else enrollment.ended_at or enrollment.at
        return {"at": at, "node": enrollment.node_id, "kind": "end", "outlet": None,
                "label": w("结果", "Outcome"), "reason": text}


def _span(seconds: int, zh: bool) -> str:
    for size, zh_unit, en_unit in ((86_400, "天", "d"), (3600, "小时", "h"), (60, "分钟", "min")):
        if seconds % size == 0:
            return f"{seconds // size} {zh_unit}" if zh else f"{seconds // size}{en_unit}"
    return f"{seconds} 秒" if zh else f"{seconds}s"
