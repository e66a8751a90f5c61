"""Build the playbook templates (playbooks.md) as `.journey.json` files.

Run `python -m resources.templates.build_templates` after changing a template
here; the JSON files are generated, never edited by hand. Node ids are
readable slugs so that rebuilding gives byte-identical files and diffs stay
small. Nodes sit on a grid (x = 260 * column, y = 160 * row) so every
template reads left to right on the canvas.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from nodes.fileformat import SUFFIX, save
from nodes.journey import Journey

from .activation import new_customer_activation
from .drawing import (
    TEMPLATES_DIR,
    Drawing,
    attr,
    days,
    did_not,
    note,
    sms,
    titled,
)

# -- the playbooks -------------------------------------------------------------

def dormant_customer_recall() -> Journey:
    d = Drawing(
        id="dormant-customer-recall",
        name="流失召回",
        description=(
            "每周一唤回近 30 天没有打开 App、但仍有资产的客户，先用免费渠道，再逐级加码。\n"
            "客群：近 30 天未启动 App 且资产规模(AUM)大于 0 的客户。\n"
            "权益：月度登录礼 200 积分，回访登录后发放（每人最多 12 次，总预算 20 万积分）。\n"
            "时机：每周一 10:00 圈选（常态主动）；同一客户 30 天内不重复进入。\n"
            "渠道：先 App 推送；3 天未登录发短信；再 7 天仍未登录转客户经理线索。\n"
            "内容：以“月度登录礼”吸引回访，登录后站内信告知积分到账。\n"
            "目标：14 天内启动 App；达成后不提前退出，以便继续发放登录礼。"
        ),
        entry={"reentry": {"cooldown": days(30)}},
        # The login itself must still run the gift steps, so the goal only counts.
        goal={"event": "app_launch", "within": days(14), "exit_on_goal": False},
    )
    d.node("trigger", "trigger", "每周一圈选沉睡客户", (0, 1), {
        "type": "recurring", "cron": "0 10 * * 1",
        "audience": {"all": [did_not("app_launch", days(30)), attr("aum", "gt", 0)]},
    })
    d.node("push-gift", "touch", "推送月度登录礼", (1, 1), titled(
        "push", "您的月度登录礼待领取",
        "{{ name }}，好久不见！本月登录礼 200 积分已为您备好，打开 App 即可领取。",
    ))
    d.node("wait-login", "wait", "等待登录（3天）", (2, 1), {
        "type": "for_event", "event": "app_launch", "timeout": days(3),
    })
    d.node("sms-remind", "touch", "短信提醒登录领礼", (3, 2), sms(
        "{{ name }}您好，本月登录礼 200 积分仍为您保留，登录手机银行即可领取。",
    ))
    d.node("wait-login-again", "wait", "再等登录（7天）", (4, 2), {
        "type": "for_event", "event": "app_launch", "timeout": days(7),
    })
    d.node("reward-gift", "reward", "发放登录礼200积分", (5, 1), {
        "benefit": "points", "amount": 200, "budget": 200_000, "per_customer_limit": 12,
    })
    d.node("lead-manager", "touch", "转客户经理跟进", (5, 3), note(
        "crm_lead",
        "沉睡客户{{ name }}近 40 天未登录 App（资产仍在），推送和短信均未唤回，"
        "请客户经理{{ customer_manager }}电话或企微回访，了解需求。",
    ))
    d.node("inapp-arrived", "touch", "站内信告知积分到账", (6, 1), titled(
        "in_app", "登录礼已到账",
        "欢迎回来，{{ name }}！200 积分已存入您的账户，当前积分 {{ points }}，可在积分商城兑换好礼。",
    ))
    d.edge("trigger", "next", "push-gift")
    d.edge("push-gift", "next", "wait-login")
    d.edge("wait-login", "event", "reward-gift")
    d.edge("wait-login", "timeout", "sms-remind")
    d.edge("sms-remind", "next", "wait-login-again")
    d.edge("wait-login-again", "event", "reward-gift")
    d.edge("wait-login-again", "timeout", "lead-manager")
    d.edge("reward-gift", "next", "inapp-arrived")
    return d.journey


def payroll_first_month() -> Journey:
    d = Drawing(
        id="payroll-first-month",
        name="代发客群首月经营",
        description=(
            "代发工资到账当天，按开户时长分层经营代发客户，引导第一笔理财购买。\n"
            "客群：代发工资到账的代发客户，分为开户不满 1 年与满 1 年两层。\n"
            "权益：新代发客户发放 1 万元理财体验金，首次购买理财即激活收益（总预算 2000 万元）。\n"
            "时机：用户关键日——发薪日，等到当天 10:00 再触达。\n"
            "渠道：App 推送为主；新客 7 天未购买补发短信，老客补发站内信。\n"
            "内容：工资到账提醒 + 体验金激活 / 稳健理财推荐。目标：30 天内购买基金。"
        ),
        goal={"event": "buy_fund", "within": days(30)},
    )
    d.node("trigger", "trigger", "代发工资到账", (0, 1), {
        "type": "event", "event": "payroll_credited", "where": [attr("amount", "gt", 0)],
    })
    d.node("filter-payroll", "filter", "仅限代发客户", (1, 1), {
        "condition": attr("is_payroll", "eq", True),
    })
    d.node("wait-morning", "wait", "等到上午10点", (2, 1), {"type": "until_time", "time": "10:00"})
    d.node("branch-age", "branch", "按开户时长分层", (3, 1), {"paths": [
        {"name": "开户不满1年", "condition": attr("account_opened_at", "within_last", days(365))},
        {"name": "开户满1年", "condition": {"all": [
            attr("account_opened_at", "is_set"),
            {"not": attr("account_opened_at", "within_last", days(365))},
        ]}},
    ]})
    d.node("reward-trial", "reward", "发放1万元理财体验金", (4, 0), {
        "benefit": "trial_fund", "amount": 10_000, "item": "PAYROLL-TRIAL-10K",
        "budget": 20_000_000, "per_customer_limit": 1,
    })
    d.node("push-trial", "touch", "推送：工资到账+体验金", (5, 0), titled(
        "push", "工资到账，体验金已送达",
        "{{ name }}，本月工资已到账。1 万元理财体验金已放入您的账户，首次购买任意理财即可激活收益。",
    ))
    d.node("wait-buy-new", "wait", "等待首次购买（7天）", (6, 0), {
        "type": "for_event", "event": "buy_fund", "timeout": days(7),
    })
    d.node("sms-trial", "touch", "短信提醒激活体验金", (7, 0), sms(
        "{{ name }}您好，您的 1 万元理财体验金尚未激活，首次购买理财即可享受体验收益，"
        "登录手机银行查看。",
    ))
    d.node("push-picks", "touch", "推送：工资到账理财推荐", (5, 2), titled(
        "push", "工资到账，让闲钱动起来",
        "{{ name }}，本月工资已到账。为您精选了几款稳健理财，低起点、可随时查看收益。",
    ))
    d.node("wait-buy-old", "wait", "等待购买（7天）", (6, 2), {
        "type": "for_event", "event": "buy_fund", "timeout": days(7),
    })
    d.node("inapp-picks", "touch", "站内信：稳健理财精选", (7, 2), titled(
        "in_app", "代发客户专属理财精选",
        "{{ name }}，代发客户专属的稳健理财精选已更新，风险等级与您的测评（{{ risk_level }}）匹配。",
    ))
    d.edge("trigger", "next", "filter-payroll")
    d.edge("filter-payroll", "next", "wait-morning")
    d.edge("wait-morning", "next", "branch-age")
    d.edge("branch-age", "开户不满1年", "reward-trial")
    d.edge("branch-age", "开户满1年", "push-picks")
    d.edge("reward-trial", "next", "push-trial")
    # When the trial-fund budget runs out, new customers get the ordinary picks.
    d.edge("reward-trial", "exhausted", "push-picks")
    d.edge("push-trial", "next", "wait-buy-new")
    d.edge("wait-buy-new", "timeout", "sms-trial")
    d.edge("push-picks", "next", "wait-buy-old")
    d.edge("wait-buy-old", "timeout", "inapp-picks")
    return d.journey


def near_threshold_aum_upgrade() -> Journey:
    d = Drawing(
        id="near-threshold-aum-upgrade",
        name="临界客群资产升级",
        description=(
            "每月圈选资产距私行门槛（600 万元）不足 10% 的客户，测试哪种渠道更能促成入金升级。\n"
            "客群：资产规模(AUM)在 540 万元（含）到 600 万元之间的客户。\n"
            "权益：升级私行后的专属服务与权益（在文案中说明，不另行发放）。\n"
            "时机：每月 1 日 10:00 圈选（常态主动）；同一客户 25 天内不重复进入。\n"
            "渠道：A/B/对照 45/45/10——A 组短信直达链接，B 组 App 推送，对照组不触达。\n"
            "内容：提示差额与私行权益。目标：30 天内入金，使资产跨过私行门槛。"
        ),
        entry={"reentry": {"cooldown": days(25)}},
        goal={"event": "deposit", "within": days(30)},
    )
    d.node("trigger", "trigger", "每月圈选临界客户", (0, 1), {
        "type": "recurring", "cron": "0 10 1 * *",
        "audience": {"all": [attr("aum", "gte", 5_400_000), attr("aum", "lt", 6_000_000)]},
    })
    d.node("split", "split", "A/B/对照分流", (1, 1), {"variants": [
        {"name": "A组·短信", "percent": 45},
        {"name": "B组·推送", "percent": 45},
        {"name": "对照组", "percent": 10, "holdout": True},
    ]})
    d.node("sms-link", "touch", "短信直达升级链接", (2, 0), sms(
        "尊敬的{{ name }}，您距私人银行客户仅一步之遥，升级即享专属顾问与尊享权益，"
        "详情 https://m.example.com/pb ",
    ))
    d.node("push-upgrade", "touch", "推送私行升级权益", (2, 2), titled(
        "push", "私人银行尊享服务，距您仅一步",
        "{{ name }}，您的资产已接近私人银行门槛，升级即享专属顾问、贵宾通道等尊享权益，点击了解。",
    ))
    d.edge("trigger", "next", "split")
    d.edge("split", "A组·短信", "sms-link")
    d.edge("split", "B组·推送", "push-upgrade")
    return d.journey


def birthday_greeting() -> Journey:
    d = Drawing(
        id="birthday-greeting",
        name="生日关怀",
        description=(
            "客户生日当天送上祝福与礼遇，私行客户由客户经理亲自致电。\n"
            "客群：设置了生日的全部客户，按资产等级分层。\n"
            "权益：非私行客户发放 50 元生日礼券（总预算 50 万元，每人 1 张）。\n"
            "时机：用户关键日——每年生日当天 09:00；约一年内不重复进入。\n"
            "渠道：私行客户由客户经理电话祝福；其他客户 App 推送。\n"
            "内容：生日祝福 + 礼券到账提醒；礼券发完时仅送祝福。"
        ),
        entry={"reentry": {"cooldown": days(300)}},
        goal={"event": "app_launch", "within": days(7)},
    )
    d.node("trigger", "trigger", "客户生日当天", (0, 1), {
        "type": "key_date", "attribute": "birthday", "time": "09:00", "yearly": True,
    })
    # Everyone not in private banking (tier unknown included) takes `else`.
    d.node("branch-tier", "branch", "私行客户？", (1, 1), {"paths": [
        {"name": "私行客户", "condition": attr("aum_tier", "eq", "私行")},
    ]})
    d.node("call-greeting", "touch", "客户经理致电祝福", (2, 0), note(
        "call",
        "今天是私行客户{{ name }}的生日，请客户经理{{ customer_manager }}于上午致电送上生日祝福，"
        "并预约生日礼遇（鲜花或蛋糕）的送达时间。",
    ))
    d.node("reward-coupon", "reward", "发放50元生日礼券", (2, 2), {
        # One coupon of the ¥50 batch (a coupon's amount counts coupons).
        "benefit": "coupon", "amount": 1, "item": "BIRTHDAY-50",
        "budget": 10_000, "per_customer_limit": 1,
    })
    d.node("push-coupon", "touch", "推送生日祝福+礼券", (3, 2), titled(
        "push", "生日快乐！专属礼券已到账",
        "亲爱的{{ name }}，祝您生日快乐！50 元生日礼券已放入您的卡券包，7 天内有效。",
    ))
    d.node("push-wishes", "touch", "推送生日祝福", (3, 3), titled(
        "push", "生日快乐",
        "亲爱的{{ name }}，祝您生日快乐，新的一岁平安顺遂！感谢一路以来的信任与陪伴。",
    ))
    d.edge("trigger", "next", "branch-tier")
    d.edge("branch-tier", "私行客户", "call-greeting")
    d.edge("branch-tier", "else", "reward-coupon")
    d.edge("reward-coupon", "next", "push-coupon")
    d.edge("reward-coupon", "exhausted", "push-wishes")
    return d.journey


def wealth_maturity_reminder() -> Journey:
    d = Drawing(
        id="wealth-maturity-reminder",
        name="理财到期提醒",
        description=(
            "理财产品到期前 3 天提醒客户并推荐续投，未续投的由客户经理跟进，减少资金流出。\n"
            "客群：理财产品即将到期的客户。\n"
            "权益：无额外权益，提供续投产品推荐与客户经理服务。\n"
            "时机：用户关键日——到期日前 3 天 10:00；同一客户 30 天内不重复进入。\n"
            "渠道：App 推送；5 天内未购买则客户经理致电。\n"
            "内容：到期提醒 + 续投建议。目标：10 天内购买基金。"
        ),
        entry={"reentry": {"cooldown": days(30)}},
        goal={"event": "buy_fund", "within": days(10)},
    )
    d.node("trigger", "trigger", "理财到期前3天", (0, 1), {
        "type": "key_date", "attribute": "wealth_maturity_date", "offset_days": -3,
        "time": "10:00",
    })
    d.node("push-maturity", "touch", "推送到期提醒与续投建议", (1, 1), titled(
        "push", "您的理财产品即将到期",
        "{{ name }}，您持有的理财产品将于 {{ wealth_maturity_date }} 到期，"
        "本金和收益将回到账户。我们为您挑选了几款续投产品，点击查看。",
    ))
    d.node("wait-buy", "wait", "等待续投（5天）", (2, 1), {
        "type": "for_event", "event": "buy_fund", "timeout": days(5),
    })
    d.node("call-manager", "touch", "客户经理致电续投", (3, 2), note(
        "call",
        "客户{{ name }}的理财产品于 {{ wealth_maturity_date }} 到期，提醒后 5 天内未续投。"
        "请客户经理{{ customer_manager }}致电了解资金安排，按风险等级 {{ risk_level }} 推荐续投方案。",
    ))
    d.edge("trigger", "next", "push-maturity")
    d.edge("push-maturity", "next", "wait-buy")
    d.edge("wait-buy", "timeout", "call-manager")
    return d.journey


def sms_copy_ab_test() -> Journey:
    d = Drawing(
        id="sms-copy-ab-test",
        name="短信文案测试",
        description=(
            "一次性向近 30 天新注册客户发送两版短信，比较哪版文案更能促成首次入金。\n"
            "客群：近 30 天注册的新客户。\n"
            "权益：新客专享理财（两版文案相同，只比较表达方式）。\n"
            "时机：2027-01-15 10:00 一次性发送（非常态主动）。\n"
            "渠道：短信；分流 45/45/10，10% 对照组不发送，用于衡量短信本身的效果。\n"
            "内容：A 版强调收益，B 版强调简单快捷。目标：7 天内首次入金。"
        ),
        goal={"event": "first_deposit", "within": days(7)},
    )
    d.node("trigger", "trigger", "定时圈选近30天新客", (0, 1), {
        "type": "schedule", "at": "2027-01-15T10:00:00+08:00",
        "audience": attr("registered_at", "within_last", days(30)),
    })
    d.node("split", "split", "文案A/B/对照分流", (1, 1), {"variants": [
        {"name": "文案A", "percent": 45},
        {"name": "文案B", "percent": 45},
        {"name": "对照组", "percent": 10, "holdout": True},
    ]})
    d.node("sms-a", "touch", "短信A：突出收益", (2, 0), sms(
        "{{ name }}您好，新客专享理财业绩比较基准 3.0%（不代表实际收益），首次入金即可购买，"
        "额度有限，登录手机银行查看。理财有风险，投资需谨慎。",
    ))
    d.node("sms-b", "touch", "短信B：突出简单", (2, 2), sms(
        "{{ name }}您好，首次入金只需 1 分钟，绑卡后即可购买新客专享理财，"
        "登录手机银行一键开启。",
    ))
    d.edge("trigger", "next", "split")
    d.edge("split", "文案A", "sms-a")
    d.edge("split", "文案B", "sms-b")
    return d.journey


def account_opening_breakpoint() -> Journey:
    d = Drawing(
        id="account-opening-breakpoint",
        name="开户中断挽回",
        description=(
            "客户开户进行到第 3 步以后中断时，及时由客户经理协助，次日再短信提醒。\n"
            "客群：开户流程已到第 3 步及以后、尚未开户成功的客户。\n"
            "权益：无额外权益，提供一对一开户协助。\n"
            "时机：流程断点——中断 30 分钟未完成即生成线索，1 天后仍未开户再发短信。\n"
            "渠道：客户经理线索（CRM）、短信。\n"
            "内容：协助完成开户，提醒已填写的资料会保留。目标：3 天内开户成功。"
        ),
        goal={"event": "account_opened", "within": days(3)},
    )
    d.node("trigger", "trigger", "开户进行到第3步后", (0, 1), {
        "type": "event", "event": "account_open_step", "where": [attr("step", "gte", 3)],
        "audience": attr("account_opened_at", "is_not_set"),
    })
    d.node("wait-open", "wait", "等待开户成功（30分钟）", (1, 1), {
        "type": "for_event", "event": "account_opened",
        "timeout": {"amount": 30, "unit": "minutes"},
    })
    d.node("lead-assist", "touch", "生成开户协助线索", (2, 2), note(
        "crm_lead",
        "客户{{ name }}开户已进行到第 3 步以后，中断超过 30 分钟仍未完成。"
        "请客户经理{{ customer_manager }}尽快联系，协助完成开户。",
    ))
    d.node("wait-day", "wait", "再等开户（1天）", (3, 2), {
        "type": "for_event", "event": "account_opened", "timeout": days(1),
    })
    d.node("sms-resume", "touch", "短信提醒继续开户", (4, 3), sms(
        "{{ name }}您好，您的开户申请还差几步即可完成，已填写的资料为您保留，"
        "登录 App 即可继续。",
    ))
    d.edge("trigger", "next", "wait-open")
    d.edge("wait-open", "timeout", "lead-assist")
    d.edge("lead-assist", "next", "wait-day")
    d.edge("wait-day", "timeout", "sms-resume")
    return d.journey


BUILDERS: dict[str, Callable[[], Journey]] = {
    "new-customer-activation": new_customer_activation,
    "dormant-customer-recall": dormant_customer_recall,
    "payroll-first-month": payroll_first_month,
    "near-threshold-aum-upgrade": near_threshold_aum_upgrade,
    "birthday-greeting": birthday_greeting,
    "wealth-maturity-reminder": wealth_maturity_reminder,
    "sms-copy-ab-test": sms_copy_ab_test,
    "account-opening-breakpoint": account_opening_breakpoint,
}


def build_all(out_dir: Path = TEMPLATES_DIR) -> list[Path]:
    """Write every template built here into `out_dir`; return the paths written."""
    written = []
    for name, build in BUILDERS.items():
        path = Path(out_dir) / f"{name}{SUFFIX}"
        save(build(), path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for path in build_all(Path(args[0]) if args else TEMPLATES_DIR):
        print(path.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
