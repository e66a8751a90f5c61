"""Labels and help shown by the inspector, in plain words, zh_CN and en.

Every visible string passes through `QCoreApplication.translate("Inspector",
english)` first, so a translator loaded by the app (Qt Linguist `.qm`) wins;
without one the built-in Chinese below is used for a zh_* language. Field
labels are keyed by field name, so a new config field gets a label by adding
one row here; without a row the field's pydantic `title`/`description` or a
tidied field name is shown.
"""
from __future__ import annotations

from typing import Any

from pydantic.fields import FieldInfo
from PySide6.QtCore import QCoreApplication

CONTEXT = "Inspector"


def is_zh(lang: str) -> bool:
    return lang.startswith("zh")


def t(lang: str, en: str, zh: str) -> str:
    """The string to show: a loaded Qt translation, else the built-in one."""
    translated = QCoreApplication.translate(CONTEXT, en)
    if translated != en:
        return translated
    return zh if is_zh(lang) else en


# field name -> (zh, en)
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "type": ("类型", "Type"),
    "audience": ("目标人群", "Audience"),
    "event": ("客户行为", "Customer action"),
    "where": ("行为细节", "Action details"),
    "at": ("时间", "Date and time"),
    "cron": ("重复规则", "Repeat rule"),
    "attribute": ("日期字段", "Date field"),
    "offset_days": ("提前/推后天数", "Days before (−) / after (+)"),
    "time": ("时刻", "Time of day"),
    "yearly": ("每年重复", "Every year"),
    "condition": ("条件", "Condition"),
    "duration": ("等待时长", "Wait for"),
    "weekdays": ("仅限星期", "Only on"),
    "timeout": ("最长等待", "Give up after"),
    "paths": ("分支路径", "Paths"),
    "name": ("名称", "Name"),
    "variants": ("分流组", "Groups"),
    "percent": ("比例 (%)", "Share (%)"),
    "holdout": ("对照组（不触达）", "Control group (no touch)"),
    "channel": ("渠道", "Channel"),
    "template": ("内容", "Message"),
    "subject": ("邮件主题", "Subject"),
    "title": ("标题", "Title"),
    "ignore_quiet_hours": ("免打扰时段也发送", "Send during quiet hours"),
    "ignore_frequency_cap": ("不受频次上限限制", "Ignore frequency caps"),
    "benefit": ("权益类型", "Benefit"),
    "amount": ("数额", "Amount"),
    "item": ("券批次/产品代码", "Coupon batch / product code"),
    "budget": ("总预算", "Total budget"),
    "per_customer_limit": ("每人最多领取次数", "Times per customer"),
    "set": ("设置客户属性", "Set customer fields"),
    "add_tags": ("添加标签", "Add tags"),
    "remove_tags": ("移除标签", "Remove tags"),
    # journey settings
    "id": ("旅程编号", "Journey ID"),
    "description": ("说明", "Description"),
    "timezone": ("时区", "Time zone"),
    "entry": ("进入规则", "Entry rules"),
    "reentry": ("重复进入", "Re-entry"),
    "cooldown": ("再次进入间隔", "Re-entry cooldown"),
    "sample_percent": ("抽样比例 (%)", "Sample (%)"),
    "max_entries_per_run": ("每次触发最多进入人数", "Max entries per firing"),
    "window": ("有效期", "Active period"),
    "start": ("开始", "Starts"),
    "end": ("结束", "Ends"),
    "goal": ("转化目标", "Goal"),
    "within": ("期限", "Within"),
    "exit_on_goal": ("达成目标后退出旅程", "Leave the journey on reaching the goal"),
    "exit_when": ("提前退出条件", "Leave early when"),
    "review": ("审批", "Review"),
    "count": ("次数", "Times"),
    "op": ("运算", "Operator"),
    "value": ("值", "Value"),
}

# field name -> (zh, en) help; English falls back to the pydantic description.
FIELD_HELP: dict[str, tuple[str, str]] = {
    "audience": ("谁可以进入；留空表示所有客户。", "Who may enter; empty means everyone."),
    "cron": ("五段：分 时 日 月 星期，按旅程时区。", "Five fields: minute hour day month weekday."),
    "weekdays": ("都不勾选表示每天。", "None ticked means every day."),
    "ignore_frequency_cap": ("仅限服务类消息：不计入频次上限。",
                             "Service messages only: not counted against caps."),
    "ignore_quiet_hours": ("仅限紧急服务消息。", "Urgent service messages only."),
    "item": ("发券时填写券批次号，体验金填写产品代码；积分可留空。",
             "For a coupon its batch, for a trial fund the product; empty for points."),
    "budget": ("本旅程版本最多发放的总额；不勾选表示不设上限。",
               "Total this journey version may grant; unticked means no cap."),
    "per_customer_limit": ("不勾选表示不限次数。", "Unticked means no limit."),
    "offset_days": ("负数表示提前，如 -3 表示提前 3 天。", "Negative means before, e.g. -3."),
    "holdout": ("对照组客户不收到任何触达，用于衡量效果。",
                "Control customers get no touch; used to measure lift."),
    "sample_percent": ("小流量试运行：只让这一比例的客户进入。",
                       "Small rollout: only this share of customers enters."),
    "timeout": ("超时后客户走“超时”出口。", "After this the customer leaves by 'timeout'."),
}

# enum / literal values -> (zh, en)
CHOICE_LABELS: dict[str, tuple[str, str]] = {
    # trigger types
    "event": ("客户行为触发", "When a customer does something"),
    "schedule": ("定时触发（一次）", "Once, at a set time"),
    "recurring": ("周期触发", "On a repeating schedule"),
    "key_date": ("关键日期触发", "On a key date"),
    # wait types
    "duration": ("等待一段时间", "For a length of time"),
    "until_time": ("等到某个时刻", "Until a time of day"),
    "until_date": ("等到某个日期", "Until a date"),
    "for_event": ("等待客户行为", "Until the customer does something"),
    # channels
    "sms": ("短信", "SMS"),
    "push": ("App 推送", "Push"),
    "email": ("邮件", "Email"),
    "in_app": ("站内信", "In-app message"),
    "wechat": ("微信", "WeChat"),
    "call": ("电话外呼", "Phone call"),
    "crm_lead": ("客户经理线索", "Lead for the relationship manager"),
    # benefits
    "points": ("积分", "Points"),
    "coupon": ("优惠券", "Coupon"),
    "trial_fund": ("体验金", "Trial fund"),
    "cash_bonus": ("现金红包", "Cash bonus"),
    "gift": ("礼品", "Gift"),
    # reentry and event windows
    "never": ("不可再次进入", "Never"),
    "after_exit": ("退出后可再次进入", "After leaving"),
    "Cooldown": ("间隔一段时间后可再次进入", "After a cooldown"),
    "since_entry": ("进入旅程以来", "Since entering the journey"),
    "Duration": ("最近一段时间", "In the last…"),
    "none": ("任意时间", "Any time"),
}

# condition operators -> (zh, en)
OP_LABELS: dict[str, tuple[str, str]] = {
    "eq": ("等于", "equals"),
    "ne": ("不等于", "does not equal"),
    "lt": ("小于", "less than"),
    "lte": ("小于等于", "at most"),
    "gt": ("大于", "greater than"),
    "gte": ("大于等于", "at least"),
    "between": ("介于", "between"),
    "in": ("是以下之一", "is one of"),
    "not_in": ("不是以下任何一个", "is none of"),
    "contains": ("包含", "contains"),
    "starts_with": ("开头是", "starts with"),
    "is_set": ("有值", "is set"),
    "is_not_set": ("没有值", "is empty"),
    "within_last": ("在过去", "in the last"),
    "within_next": ("在未来", "in the next"),
}

COUNT_OP_LABELS: dict[str, tuple[str, str]] = {
    "gte": ("至少", "at least"),
    "lte": ("至多", "at most"),
    "eq": ("恰好", "exactly"),
    "ne": ("不是", "not exactly"),
    "gt": ("多于", "more than"),
    "lt": ("少于", "fewer than"),
}

# event property names (catalog events carry only a type) -> (zh, en)
PROPERTY_LABELS: dict[str, tuple[str, str]] = {
    "amount": ("金额", "Amount"),
    "product": ("产品", "Product"),
    "step": ("步骤", "Step"),
    "banner": ("横幅", "Banner"),
    "channel": ("渠道", "Channel"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    zh, en = pair
    return t(lang, en, zh)


def _tidy(name: str) -> str:
    return name.replace("_", " ").strip().capitalize()


def field_label(name: str, info: FieldInfo | None = None, lang: str = "en") -> str:
    if name in FIELD_LABELS:
        return _pick(FIELD_LABELS[name], lang)
    if info is not None and info.title:
        return t(lang, info.title, info.title)
    return t(lang, _tidy(name), _tidy(name))


def field_help(name: str, info: FieldInfo | None = None, lang: str = "en") -> str:
    if name in FIELD_HELP:
        return _pick(FIELD_HELP[name], lang)
    description = info.description if info is not None else None
    return t(lang, description, description) if description else ""


def choice_label(value: Any, lang: str = "en") -> str:
    key = str(getattr(value, "value", value))
    if key in CHOICE_LABELS:
        return _pick(CHOICE_LABELS[key], lang)
    return t(lang, _tidy(key), _tidy(key))


def op_label(op: Any, lang: str = "en") -> str:
    key = str(getattr(op, "value", op))
    return _pick(OP_LABELS.get(key, (key, key)), lang)


def count_op_label(op: Any, lang: str = "en") -> str:
    key = str(getattr(op, "value", op))
    return _pick(COUNT_OP_LABELS.get(key, (key, key)), lang)


def property_label(name: str, lang: str = "en") -> str:
    return _pick(PROPERTY_LABELS.get(name, (name, _tidy(name))), lang)


def ui(lang: str, en: str, zh: str) -> str:
    """A fixed piece of interface text (buttons, headings, messages)."""
    return t(lang, en, zh)


# pydantic error type -> (zh, en) templates over the error's ctx.
_ERROR_TEXT: dict[str, tuple[str, str]] = {
    "missing": ("必填", "Required"),
    "greater_than_equal": ("不能小于 {ge}", "Must be at least {ge}"),
    "greater_than": ("必须大于 {gt}", "Must be more than {gt}"),
    "less_than_equal": ("不能大于 {le}", "Must be at most {le}"),
    "less_than": ("必须小于 {lt}", "Must be less than {lt}"),
    "int_type": ("请填写整数", "Must be a whole number"),
    "int_from_float": ("请填写整数", "Must be a whole number"),
    "float_type": ("请填写数字", "Must be a number"),
    "string_type": ("请填写文字", "Must be text"),
    "string_too_short": ("至少 {min_length} 个字", "At least {min_length} character(s)"),
    "string_too_long": ("最多 {max_length} 个字", "At most {max_length} character(s)"),
    "string_pattern_mismatch": ("格式不对", "Not in the expected format"),
    "too_short": ("至少需要 {min_length} 项", "Needs at least {min_length} item(s)"),
    "timezone_aware": ("时间需要带时区", "The time needs a time zone"),
    "datetime_parsing": ("日期时间格式不对", "Not a valid date and time"),
    "datetime_from_date_parsing": ("日期时间格式不对", "Not a valid date and time"),
    "enum": ("请选择一个选项", "Pick one of the options"),
    "literal_error": ("请选择一个选项", "Pick one of the options"),
    "condition": ("条件不完整", "The condition is incomplete"),
}

# Messages our own validators raise (nodes/*), in Chinese.
_VALUE_ERRORS_ZH: dict[str, str] = {
    "must be a time of day written HH:MM, e.g. 09:00": "时刻请写成 HH:MM，例如 09:00",
    "must be letters, digits, '-', '_' or '.' (e.g. new-customer-activation)":
        "只能用字母、数字、“-”、“_”或“.”（例如 new-customer-activation）",
}


def error_text(error: dict, lang: str = "en") -> str:
    """A pydantic error (one item of `ValidationError.errors()`) in plain words."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        if message.startswith("unknown time zone"):
            return t(lang, message, "未知的时区（请用 Asia/Shanghai 这样的名称）")
        return t(lang, message, _VALUE_ERRORS_ZH.get(message, message))
    if kind in _ERROR_TEXT:
        zh, en = _ERROR_TEXT[kind]
        try:
            return t(lang, en.format(**ctx), zh.format(**ctx))
        except (KeyError, IndexError):
            return t(lang, en, zh)
    return t(lang, str(error.get("msg", kind)), str(error.get("msg", kind)))
