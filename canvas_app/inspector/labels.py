"""Labels and help shown by the inspector, in plain words.

The tables hold English source text marked with `QT_TRANSLATE_NOOP` (so
lupdate puts it in the .ts files, where the Chinese lives) and are translated
when shown. Field labels are keyed by field name, so a new config field gets a
label by adding one row here; without a row the field's pydantic
`title`/`description` or a tidied field name is shown.
"""
from __future__ import annotations

import re
from typing import Any

from pydantic.fields import FieldInfo
from PySide6.QtCore import QT_TRANSLATE_NOOP

from .translator import CONTEXT, translator_for

# field name -> label
FIELD_LABELS: dict[str, str] = {
    "type": QT_TRANSLATE_NOOP("Inspector", "Type"),
    "audience": QT_TRANSLATE_NOOP("Inspector", "Audience"),
    "event": QT_TRANSLATE_NOOP("Inspector", "Customer action"),
    "where": QT_TRANSLATE_NOOP("Inspector", "Action details"),
    "at": QT_TRANSLATE_NOOP("Inspector", "Date and time"),
    "cron": QT_TRANSLATE_NOOP("Inspector", "Repeat rule"),
    "attribute": QT_TRANSLATE_NOOP("Inspector", "Date field"),
    "offset_days": QT_TRANSLATE_NOOP("Inspector", "Days before (−) / after (+)"),
    "time": QT_TRANSLATE_NOOP("Inspector", "Time of day"),
    "yearly": QT_TRANSLATE_NOOP("Inspector", "Every year"),
    "condition": QT_TRANSLATE_NOOP("Inspector", "Condition"),
    "duration": QT_TRANSLATE_NOOP("Inspector", "Wait for"),
    "weekdays": QT_TRANSLATE_NOOP("Inspector", "Only on"),
    "timeout": QT_TRANSLATE_NOOP("Inspector", "Give up after"),
    "paths": QT_TRANSLATE_NOOP("Inspector", "Paths"),
    "name": QT_TRANSLATE_NOOP("Inspector", "Name"),
    "variants": QT_TRANSLATE_NOOP("Inspector", "Groups"),
    "percent": QT_TRANSLATE_NOOP("Inspector", "Share (%)"),
    "holdout": QT_TRANSLATE_NOOP("Inspector", "Control group (no touch)"),
    "channel": QT_TRANSLATE_NOOP("Inspector", "Channel"),
    "template": QT_TRANSLATE_NOOP("Inspector", "Message"),
    "subject": QT_TRANSLATE_NOOP("Inspector", "Subject"),
    "title": QT_TRANSLATE_NOOP("Inspector", "Title"),
    "ignore_quiet_hours": QT_TRANSLATE_NOOP("Inspector", "Send during quiet hours"),
    "ignore_frequency_cap": QT_TRANSLATE_NOOP("Inspector", "Ignore frequency caps"),
    "benefit": QT_TRANSLATE_NOOP("Inspector", "Benefit"),
    "amount": QT_TRANSLATE_NOOP("Inspector", "Amount"),
    "item": QT_TRANSLATE_NOOP("Inspector", "Coupon batch / product code"),
    "budget": QT_TRANSLATE_NOOP("Inspector", "Total budget"),
    "per_customer_limit": QT_TRANSLATE_NOOP("Inspector", "Times per customer"),
    "set": QT_TRANSLATE_NOOP("Inspector", "Set customer fields"),
    "add_tags": QT_TRANSLATE_NOOP("Inspector", "Add tags"),
    "remove_tags": QT_TRANSLATE_NOOP("Inspector", "Remove tags"),
    # journey settings
    "id": QT_TRANSLATE_NOOP("Inspector", "Journey ID"),
    "description": QT_TRANSLATE_NOOP("Inspector", "Description"),
    "timezone": QT_TRANSLATE_NOOP("Inspector", "Time zone"),
    "entry": QT_TRANSLATE_NOOP("Inspector", "Entry rules"),
    "reentry": QT_TRANSLATE_NOOP("Inspector", "Re-entry"),
    "cooldown": QT_TRANSLATE_NOOP("Inspector", "Re-entry cooldown"),
    "sample_percent": QT_TRANSLATE_NOOP("Inspector", "Sample (%)"),
    "max_entries_per_run": QT_TRANSLATE_NOOP("Inspector", "Max entries per firing"),
    "window": QT_TRANSLATE_NOOP("Inspector", "Active period"),
    "start": QT_TRANSLATE_NOOP("Inspector", "Starts"),
    "end": QT_TRANSLATE_NOOP("Inspector", "Ends"),
    "goal": QT_TRANSLATE_NOOP("Inspector", "Goal"),
    "within": QT_TRANSLATE_NOOP("Inspector", "Within"),
    "exit_on_goal": QT_TRANSLATE_NOOP("Inspector", "Leave the journey on reaching the goal"),
    "exit_when": QT_TRANSLATE_NOOP("Inspector", "Leave early when"),
    "review": QT_TRANSLATE_NOOP("Inspector", "Review"),
    "count": QT_TRANSLATE_NOOP("Inspector", "Times"),
    "op": QT_TRANSLATE_NOOP("Inspector", "Operator"),
    "value": QT_TRANSLATE_NOOP("Inspector", "Value"),
}

# (benefit, field) -> label: a reward's amount counts points, coupons or gifts, or is
# money; its item is a coupon batch, a product code or a gift code.
BENEFIT_FIELD_LABELS: dict[tuple[str, str], str] = {
    ("points", "amount"): QT_TRANSLATE_NOOP("Inspector", "Number of points"),
    ("points", "budget"): QT_TRANSLATE_NOOP("Inspector", "Total budget (points)"),
    ("coupon", "amount"): QT_TRANSLATE_NOOP("Inspector", "Number of coupons"),
    ("coupon", "item"): QT_TRANSLATE_NOOP("Inspector", "Coupon batch"),
    ("coupon", "budget"): QT_TRANSLATE_NOOP("Inspector", "Total budget (coupons)"),
    ("trial_fund", "amount"): QT_TRANSLATE_NOOP("Inspector", "Amount (yuan)"),
    ("trial_fund", "item"): QT_TRANSLATE_NOOP("Inspector", "Product code"),
    ("trial_fund", "budget"): QT_TRANSLATE_NOOP("Inspector", "Total budget (yuan)"),
    ("cash_bonus", "amount"): QT_TRANSLATE_NOOP("Inspector", "Amount (yuan)"),
    ("cash_bonus", "budget"): QT_TRANSLATE_NOOP("Inspector", "Total budget (yuan)"),
    ("gift", "amount"): QT_TRANSLATE_NOOP("Inspector", "Number of gifts"),
    ("gift", "item"): QT_TRANSLATE_NOOP("Inspector", "Gift code"),
    ("gift", "budget"): QT_TRANSLATE_NOOP("Inspector", "Total budget (gifts)"),
}

# field name -> help; without a row the pydantic description is shown.
FIELD_HELP: dict[str, str] = {
    "audience": QT_TRANSLATE_NOOP("Inspector", "Who may enter; empty means everyone."),
    "cron": QT_TRANSLATE_NOOP(
        "Inspector", "Five fields: minute hour day month weekday, in the journey's time zone, "
        "read as crontab reads them: 0 and 7 are Sunday; when both day fields are set (neither "
        "starts with *), a day matching either fires."),
    "weekdays": QT_TRANSLATE_NOOP("Inspector", "None ticked means every day."),
    "ignore_frequency_cap": QT_TRANSLATE_NOOP(
        "Inspector", "Service messages only: not counted against caps."),
    "ignore_quiet_hours": QT_TRANSLATE_NOOP("Inspector", "Urgent service messages only."),
    "item": QT_TRANSLATE_NOOP("Inspector", "Required: the code the benefit is issued under."),
    "budget": QT_TRANSLATE_NOOP(
        "Inspector", "Total this journey version may grant; unticked means no cap."),
    "per_customer_limit": QT_TRANSLATE_NOOP("Inspector", "Unticked means no limit."),
    "offset_days": QT_TRANSLATE_NOOP("Inspector", "Negative means before, e.g. -3."),
    "holdout": QT_TRANSLATE_NOOP("Inspector",
                                 "Control customers get no touch; used to measure lift."),
    "sample_percent": QT_TRANSLATE_NOOP(
        "Inspector", "Small rollout: only this share of customers enters."),
    "timeout": QT_TRANSLATE_NOOP("Inspector", "After this the customer leaves by 'timeout'."),
}

# enum / literal values (and the shapes of a union, by class name) -> label
CHOICE_LABELS: dict[str, str] = {
    # trigger types
    "event": QT_TRANSLATE_NOOP("Inspector", "When a customer does something"),
    "schedule": QT_TRANSLATE_NOOP("Inspector", "Once, at a set time"),
    "recurring": QT_TRANSLATE_NOOP("Inspector", "On a repeating schedule"),
    "key_date": QT_TRANSLATE_NOOP("Inspector", "On a key date"),
    # wait types
    "duration": QT_TRANSLATE_NOOP("Inspector", "For a length of time"),
    "until_time": QT_TRANSLATE_NOOP("Inspector", "Until a time of day"),
    "until_date": QT_TRANSLATE_NOOP("Inspector", "Until a date"),
    "for_event": QT_TRANSLATE_NOOP("Inspector", "Until the customer does something"),
    # channels
    "sms": QT_TRANSLATE_NOOP("Inspector", "SMS"),
    "push": QT_TRANSLATE_NOOP("Inspector", "Push"),
    "email": QT_TRANSLATE_NOOP("Inspector", "Email"),
    "in_app": QT_TRANSLATE_NOOP("Inspector", "In-app message"),
    "wechat": QT_TRANSLATE_NOOP("Inspector", "WeChat"),
    "call": QT_TRANSLATE_NOOP("Inspector", "Phone call"),
    "crm_lead": QT_TRANSLATE_NOOP("Inspector", "Lead for the relationship manager"),
    # benefits
    "points": QT_TRANSLATE_NOOP("Inspector", "Points"),
    "coupon": QT_TRANSLATE_NOOP("Inspector", "Coupon"),
    "trial_fund": QT_TRANSLATE_NOOP("Inspector", "Trial fund"),
    "cash_bonus": QT_TRANSLATE_NOOP("Inspector", "Cash bonus"),
    "gift": QT_TRANSLATE_NOOP("Inspector", "Gift"),
    # reentry and event windows
    "never": QT_TRANSLATE_NOOP("Inspector", "Never"),
    "after_exit": QT_TRANSLATE_NOOP("Inspector", "After leaving"),
    "Cooldown": QT_TRANSLATE_NOOP("Inspector", "After a cooldown"),
    "since_entry": QT_TRANSLATE_NOOP("Inspector", "Since entering the journey"),
    "Duration": QT_TRANSLATE_NOOP("Inspector", "In the last…"),
    "none": QT_TRANSLATE_NOOP("Inspector", "Any time"),
}

# condition operators -> label
OP_LABELS: dict[str, str] = {
    "eq": QT_TRANSLATE_NOOP("Inspector", "equals"),
    "ne": QT_TRANSLATE_NOOP("Inspector", "does not equal"),
    "lt": QT_TRANSLATE_NOOP("Inspector", "less than"),
    "lte": QT_TRANSLATE_NOOP("Inspector", "at most"),
    "gt": QT_TRANSLATE_NOOP("Inspector", "greater than"),
    "gte": QT_TRANSLATE_NOOP("Inspector", "at least"),
    "between": QT_TRANSLATE_NOOP("Inspector", "between"),
    "in": QT_TRANSLATE_NOOP("Inspector", "is one of"),
    "not_in": QT_TRANSLATE_NOOP("Inspector", "is none of"),
    "contains": QT_TRANSLATE_NOOP("Inspector", "contains"),
    "starts_with": QT_TRANSLATE_NOOP("Inspector", "starts with"),
    "is_set": QT_TRANSLATE_NOOP("Inspector", "is set"),
    "is_not_set": QT_TRANSLATE_NOOP("Inspector", "is empty"),
    "within_last": QT_TRANSLATE_NOOP("Inspector", "in the last"),
    "within_next": QT_TRANSLATE_NOOP("Inspector", "in the next"),
}


def _tidy(name: str) -> str:
    return name.replace("_", " ").strip().capitalize()


def _key(value: Any) -> str:
    return str(getattr(value, "value", value))


def field_label(name: str, info: FieldInfo | None = None, lang: str = "en") -> str:
    if name in FIELD_LABELS:
        source = FIELD_LABELS[name]
    else:
        source = info.title if info is not None and info.title else _tidy(name)
    return translator_for(lang).translate(CONTEXT, source)


def benefit_field_label(benefit: Any, name: str, lang: str = "en") -> str | None:
    """The label of a reward's `name` field for `benefit`; None: the plain label."""
    source = BENEFIT_FIELD_LABELS.get((_key(benefit), name))
    return translator_for(lang).translate(CONTEXT, source) if source else None


def field_help(name: str, info: FieldInfo | None = None, lang: str = "en") -> str:
    source = FIELD_HELP.get(name) or (info.description if info is not None else None)
    return translator_for(lang).translate(CONTEXT, source) if source else ""


def choice_label(value: Any, lang: str = "en") -> str:
    key = _key(value)
    return translator_for(lang).translate(CONTEXT, CHOICE_LABELS.get(key, _tidy(key)))


def op_label(op: Any, lang: str = "en") -> str:
    key = _key(op)
    return translator_for(lang).translate(CONTEXT, OP_LABELS.get(key, key))


def count_op_label(op: Any, lang: str = "en") -> str:
    # Not a table: "at least" says 至少 here but 大于等于 as an operator, and only a
    # call with a literal disambiguation reaches lupdate.
    tr = translator_for(lang)
    labels = {
        "gte": tr.translate("Inspector", "at least", "how many times"),
        "lte": tr.translate("Inspector", "at most", "how many times"),
        "eq": tr.translate("Inspector", "exactly", "how many times"),
        "ne": tr.translate("Inspector", "not exactly", "how many times"),
        "gt": tr.translate("Inspector", "more than", "how many times"),
        "lt": tr.translate("Inspector", "fewer than", "how many times"),
    }
    key = _key(op)
    return labels.get(key, key)


def property_label(name: str, lang: str = "en") -> str:
    """An event property (catalog events carry only a type); "Amount" is 金额 here
    but 数额 as a reward's field, hence the disambiguation."""
    tr = translator_for(lang)
    labels = {
        "amount": tr.translate("Inspector", "Amount", "event property"),
        "product": tr.translate("Inspector", "Product", "event property"),
        "step": tr.translate("Inspector", "Step", "event property"),
        "banner": tr.translate("Inspector", "Banner", "event property"),
        "channel": tr.translate("Inspector", "Channel", "event property"),
    }
    return labels.get(name) or tr.translate(CONTEXT, _tidy(name))


# pydantic error type -> template over the error's ctx
_ERROR_TEXT: dict[str, str] = {
    "missing": QT_TRANSLATE_NOOP("Inspector", "Required"),
    "greater_than_equal": QT_TRANSLATE_NOOP("Inspector", "Must be at least {ge}"),
    "greater_than": QT_TRANSLATE_NOOP("Inspector", "Must be more than {gt}"),
    "less_than_equal": QT_TRANSLATE_NOOP("Inspector", "Must be at most {le}"),
    "less_than": QT_TRANSLATE_NOOP("Inspector", "Must be less than {lt}"),
    "int_type": QT_TRANSLATE_NOOP("Inspector", "Must be a whole number"),
    "int_from_float": QT_TRANSLATE_NOOP("Inspector", "Must be a whole number"),
    "float_type": QT_TRANSLATE_NOOP("Inspector", "Must be a number"),
    "string_type": QT_TRANSLATE_NOOP("Inspector", "Must be text"),
    "string_too_short": QT_TRANSLATE_NOOP("Inspector", "At least {min_length} character(s)"),
    "string_too_long": QT_TRANSLATE_NOOP("Inspector", "At most {max_length} character(s)"),
    "string_pattern_mismatch": QT_TRANSLATE_NOOP("Inspector", "Not in the expected format"),
    "too_short": QT_TRANSLATE_NOOP("Inspector", "Needs at least {min_length} item(s)"),
    "timezone_aware": QT_TRANSLATE_NOOP("Inspector", "The time needs a time zone"),
    "datetime_parsing": QT_TRANSLATE_NOOP("Inspector", "Not a valid date and time"),
    "datetime_from_date_parsing": QT_TRANSLATE_NOOP("Inspector", "Not a valid date and time"),
    "enum": QT_TRANSLATE_NOOP("Inspector", "Pick one of the options"),
    "literal_error": QT_TRANSLATE_NOOP("Inspector", "Pick one of the options"),
    "condition": QT_TRANSLATE_NOOP("Inspector", "The condition is incomplete"),
}

# Messages our own validators raise (nodes/*), listed so that lupdate offers them.
VALIDATOR_MESSAGES = (
    QT_TRANSLATE_NOOP("Inspector", "must be a time of day written HH:MM, e.g. 09:00"),
    QT_TRANSLATE_NOOP(
        "Inspector",
        "must be letters, digits, '-', '_' or '.' (e.g. new-customer-activation)"),
)
_UNKNOWN_ZONE = re.compile(r"unknown time zone '(?P<name>.*)'")


def error_text(error: dict, lang: str = "en") -> str:
    """A pydantic error (one item of `ValidationError.errors()`) in plain words."""
    tr = translator_for(lang)
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        if found := _UNKNOWN_ZONE.match(message):
            return tr.translate(
                "Inspector", "unknown time zone '{name}' (use a name like Asia/Shanghai)"
            ).format(name=found["name"])
        return tr.translate(CONTEXT, message)
    if kind in _ERROR_TEXT:
        template = tr.translate(CONTEXT, _ERROR_TEXT[kind])
        try:
            return template.format(**ctx)
        except (KeyError, IndexError):
            return template
    return tr.translate(CONTEXT, str(error.get("msg", kind)))
