"""Five-field cron with standard weekday numbers (0 or 7 = Sunday, 1 = Monday).

APScheduler 3.x numbers weekdays from Monday = 0, so "0 10 * * 1" would fire
on Tuesdays. We translate numeric weekdays to names before handing the
expression to APScheduler's CronTrigger, which then does all the date work.
"""
from __future__ import annotations

import re

_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ZH_DAYS = {"mon": "一", "tue": "二", "wed": "三", "thu": "四", "fri": "五", "sat": "六", "sun": "日"}
_EN_DAYS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
            "fri": "Friday", "sat": "Saturday", "sun": "Sunday"}


def _weekday_names(field: str) -> str:
    """Replace standard numeric weekdays by names: '1-5' → 'mon-fri', '0,6' → 'sun,sat'."""
    def name(match: re.Match) -> str:
        number = int(match.group(0))
        if number > 7:
            raise ValueError(f"weekday {number} is out of range 0–7")
        return _DAY_NAMES[number]

    parts = []
    for part in field.split(","):
        step = ""
        if "/" in part:
            part, step = part.split("/", 1)
            step = "/" + step
        if part in ("*", "?"):
            parts.append(part + step)
            continue
        bounds = part.split("-")
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if high == 7 and low > 0:  # '5-7' = fri..sun wraps past APScheduler's week
                parts.append(f"{_DAY_NAMES[low]}-sat{step},sun")
                continue
        parts.append(re.sub(r"\d+", name, part) + step)
    return ",".join(parts)


def cron_trigger(expression: str, timezone: str):
    """An APScheduler CronTrigger for a standard 5-field expression."""
    from apscheduler.triggers.cron import CronTrigger

    fields = expression.split()
    if len(fields) != 5:
        raise ValueError("needs five fields: minute hour day month weekday")
    minute, hour, day, month, weekday = fields
    return CronTrigger(minute=minute, hour=hour, day=day, month=month,
                       day_of_week=_weekday_names(weekday), timezone=timezone)


def cron_problem(expression: str, timezone: str = "UTC") -> str | None:
    """Why an expression is invalid, in plain English, or None."""
    try:
        cron_trigger(expression, timezone)
    except ValueError as exc:
        return str(exc)
    return None


def describe_cron(expression: str, lang: str = "en") -> str:
    """A plain reading of the common shapes ("每周一 09:00", "Every Monday at 09:00")."""
    zh = lang.startswith("zh")
    fields = expression.split()
    if len(fields) != 5 or cron_problem(expression):
        return f"周期：{expression}" if zh else f"Schedule: {expression}"
    minute, hour, day, month, weekday = fields
    if not (minute.isdigit() and hour.isdigit()):
        return f"按周期「{expression}」" if zh else f"On the schedule '{expression}'"
    at = f"{int(hour):02d}:{int(minute):02d}"
    if day == "*" and month == "*" and weekday in ("*", "?"):
        return f"每天 {at}" if zh else f"Every day at {at}"
    if day == "*" and month == "*":
        names = _weekday_names(weekday)
        if names == "mon-fri":
            return f"每个工作日 {at}" if zh else f"Every weekday at {at}"
        if re.fullmatch(r"[a-z]{3}(,[a-z]{3})*", names):
            days = names.split(",")
            if zh:
                return "每周" + "、".join(_ZH_DAYS[d] for d in days) + f" {at}"
            return "Every " + ", ".join(_EN_DAYS[d] for d in days) + f" at {at}"
    if day.isdigit() and month == "*" and weekday in ("*", "?"):
        return f"每月 {int(day)} 日 {at}" if zh else f"Day {int(day)} of every month at {at}"
    if day.isdigit() and month.isdigit() and weekday in ("*", "?"):
        return (f"每年 {int(month)} 月 {int(day)} 日 {at}" if zh
                else f"Every year on {int(month)}/{int(day)} at {at}")
    return f"按周期「{expression}」" if zh else f"On the schedule '{expression}'"
