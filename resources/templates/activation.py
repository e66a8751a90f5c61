"""新客开户促活 — the onboarding journey operators ask for first (playbook 1)."""
from __future__ import annotations

from nodes.journey import Journey

from .drawing import Drawing, days, sms, titled

BROKER = "【财富证券】"  # account opening is a brokerage flow in the demo


def _did(event: str, op: str = "gte", value: int = 1) -> dict:
    return {"event": event, "count": {"op": op, "value": value}, "within": "since_entry"}


def _three_way_check() -> dict:
    """Ranked paths: first match wins, so later paths only see what earlier ones left."""
    return {"paths": [
        {"name": "未开户", "condition": _did("account_opened", "eq", 0)},
        {"name": "开户未活跃", "condition": {"all": [_did("account_opened"),
                                                  _did("app_launch", "lt", 3)]}},
        {"name": "活跃未入金", "condition": {"all": [_did("account_opened"),
                                                  _did("app_launch", "gte", 3),
                                                  _did("first_deposit", "eq", 0)]}},
    ]}


def _broker_sms(text: str) -> dict:
    return sms(text, BROKER)


def new_customer_activation() -> Journey:
    d = Drawing(
        id="new-customer-activation",
        name="新客开户促活",
        description=(
            "客群：新注册客户。时机：注册后 2 小时内未进入开户页（流程断点），第 3 天、第 7 天复查。"
            "渠道：短信、推送、站内信。权益：200 积分、新客理财券。"
            "内容：开户邀请、开户提醒、积分到账与理财券提醒。目标：14 天内首次入金。"
        ),
        entry={"reentry": "never", "sample_percent": 100, "max_entries_per_run": None},
        goal={"event": "first_deposit", "within": days(14), "exit_on_goal": True},
    )
    d.node("register", "trigger", "注册", (0, 1), {"type": "event", "event": "register"})
    d.node("wait-open-page", "wait", "等待进入开户页", (1, 1), {
        "type": "for_event", "event": "view_account_open_page",
        "timeout": {"amount": 2, "unit": "hours"}})
    d.node("sms-invite", "touch", "短信邀请开户", (2, 2), _broker_sms(
        "{{ name }}您好，注册已完成，只差一步即可开户。3 分钟线上开户，领新人礼包："
        "https://m.example.com/open "))
    d.node("wait-3d", "wait", "等待 3 天", (3, 1), {"type": "duration", "duration": days(3)})
    d.node("check-day3", "branch", "第 3 天检查", (4, 1), _three_way_check())
    d.node("d3-sms", "touch", "短信提醒开户", (5, 0), _broker_sms(
        "{{ name }}您好，您的开户申请还未完成，完成开户即可体验理财与交易服务："
        "https://m.example.com/open "))
    d.node("d3-points", "reward", "赠送 200 积分", (5, 1), {
        "benefit": "points", "amount": 200, "budget": 2000000, "per_customer_limit": 1})
    d.node("d3-push", "touch", "推送积分到账", (6, 1), titled(
        "push", "200 积分已到账",
        "{{ name }}，送您的 200 积分已到账，可在「我的-积分商城」兑换好礼，快去看看吧。"))
    d.node("d3-coupon", "touch", "站内信理财券", (5, 2), titled(
        "in_app", "新客专享理财券",
        "{{ name }}，新客专享理财券已放入您的卡券包，首次购买理财可用，7 天内有效。"))
    d.node("wait-4d", "wait", "再等 4 天", (7, 1), {"type": "duration", "duration": days(4)})
    d.node("check-day7", "branch", "第 7 天检查", (8, 1), _three_way_check())
    d.node("d7-sms", "touch", "短信再次提醒", (9, 0), _broker_sms(
        "{{ name }}，您的专属开户通道将于近日关闭，现在完成开户仍可领取新人礼包："
        "https://m.example.com/open "))
    d.node("d7-push", "touch", "推送活跃提醒", (9, 1), titled(
        "push", "您的积分可以兑换啦",
        "{{ name }}，您的积分可兑换话费券和视频会员，每日签到还能再领积分。"))
    d.node("d7-coupon", "touch", "短信理财券提醒", (9, 2), _broker_sms(
        "{{ name }}，您的新客理财券即将过期，首次入金购买理财即可使用："
        "https://m.example.com/wealth "))
    for source, outlet, target in [
        ("register", "next", "wait-open-page"), ("wait-open-page", "event", "wait-3d"),
        ("wait-open-page", "timeout", "sms-invite"), ("sms-invite", "next", "wait-3d"),
        ("wait-3d", "next", "check-day3"), ("check-day3", "未开户", "d3-sms"),
        ("check-day3", "开户未活跃", "d3-points"), ("d3-points", "next", "d3-push"),
        ("check-day3", "活跃未入金", "d3-coupon"), ("d3-sms", "next", "wait-4d"),
        ("d3-push", "next", "wait-4d"), ("d3-coupon", "next", "wait-4d"),
        ("wait-4d", "next", "check-day7"), ("check-day7", "未开户", "d7-sms"),
        ("check-day7", "开户未活跃", "d7-push"), ("check-day7", "活跃未入金", "d7-coupon"),
    ]:
        d.edge(source, outlet, target)
    return d.journey
