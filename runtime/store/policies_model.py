"""Store-wide policies: timezone, quiet hours, frequency caps (§5), and
whether publishing needs an approval (journey-semantics §1, four eyes).

The operator sets them with `journey-runtime policy`; the engine reads them
through `Store.policies()`, publishing reads `require_approval`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PositiveInt,
    TypeAdapter,
    ValidationError,
)

from nodes.catalog import CHANNELS
from nodes.durations import TimeOfDay
from nodes.meta import TimeZoneName


def machine_timezone() -> str:
    """The IANA name of this machine's zone (TZ, then /etc/localtime), or UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                ZoneInfo(name)
                return name
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return "UTC"


def _check_channel(name: str) -> str:
    if name not in CHANNELS:
        raise ValueError(f"unknown channel '{name}' (one of {', '.join(CHANNELS)})")
    return name


def _check_cap_channel(name: str) -> str:
    return name if name == "*" else _check_channel(name)


Channel = Annotated[str, AfterValidator(_check_channel)]
_TIME_OF_DAY = TypeAdapter(TimeOfDay)


class Cap(BaseModel):
    """At most `max` sent touches on `channel` ('*' = all together) per `period_s`."""

    model_config = ConfigDict(frozen=True)
    channel: Annotated[str, AfterValidator(_check_cap_channel)]
    max: PositiveInt
    period_s: PositiveInt


class Policies(BaseModel):
    model_config = ConfigDict(frozen=True)
    timezone: TimeZoneName = Field(default_factory=machine_timezone)
    # channel -> (start, end) in the store's timezone; start > end wraps midnight.
    quiet_hours: dict[Channel, tuple[TimeOfDay, TimeOfDay]] = Field(default_factory=dict)
    caps: list[Cap] = Field(default_factory=list)
    # Publish only content approved by someone other than its last editor. A
    # document without the key (a store from before, one built in Python) does
    # not require it; `journey-runtime init` writes it on for a new store.
    require_approval: bool = False

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def describe(self, lang: str = "en") -> str:
        zh = lang.startswith("zh")
        lines = [("时区：" if zh else "Timezone: ") + self.timezone]
        if self.quiet_hours:
            for channel, (start, end) in sorted(self.quiet_hours.items()):
                lines.append(("勿扰时段 " if zh else "Quiet hours ") + f"{channel}: {start}-{end}")
        else:
            lines.append("勿扰时段：无" if zh else "Quiet hours: none")
        if self.caps:
            for cap in self.caps:
                who = ("所有渠道" if zh else "all channels") if cap.channel == "*" else cap.channel
                lines.append(
                    (f"频控 {who}：每 {_period(cap.period_s, zh)} 最多 {cap.max} 次") if zh
                    else f"Cap {who}: at most {cap.max} per {_period(cap.period_s, zh)}"
                )
        else:
            lines.append("频控：无" if zh else "Frequency caps: none")
        lines.append(approval_line(self.require_approval, zh))
        return "\n".join(lines)


def approval_line(required: bool, zh: bool) -> str:
    if required:
        return ("发布审批：需要（须由最后编辑者以外的人批准该内容）" if zh else
                "Publishing: needs an approval of the exact content by someone other than "
                "its last editor")
    return "发布审批：不需要" if zh else "Publishing: no approval needed"


def _period(seconds: int, zh: bool) -> str:
    for size, zh_unit, en_unit in ((604800, "周", "w"), (86400, "天", "d"), (3600, "小时", "h"),
                                   (60, "分钟", "m")):
        if seconds % size == 0:
            return f"{seconds // size} {zh_unit}" if zh else f"{seconds // size}{en_unit}"
    return f"{seconds} 秒" if zh else f"{seconds}s"


# -- the command-line spelling: sms=21:00-08:00, sms=1/1d, '*=3/7d' ------------

def parse_quiet_hours(text: str) -> tuple[str, tuple[str, str] | None]:
    """`sms=21:00-08:00` → ("sms", ("21:00", "08:00")); `sms=none` removes."""
    channel, sep, window = text.partition("=")
    if not sep:
        raise ValueError(f"'{text}' should look like sms=21:00-08:00")
    channel = _check_channel(channel.strip())
    if window.strip().lower() in ("none", "off", ""):
        return channel, None
    start, sep, end = window.strip().partition("-")
    if not sep:
        raise ValueError(f"'{window}' should be two times like 21:00-08:00")
    start, end = start.strip(), end.strip()
    for value in (start, end):
        try:
            _TIME_OF_DAY.validate_python(value)
        except ValidationError:
            raise ValueError(f"'{value}' is not a time of day written HH:MM, e.g. 21:00") from None
    return channel, (start, end)


def parse_cap(text: str) -> tuple[str, Cap | None]:
    """`sms=1/1d` → Cap(sms, 1, 86400); `*=3/7d` for all channels; `sms=none` removes."""
    from nodes.durations import parse_short_duration

    channel, sep, rule = text.partition("=")
    if not sep:
        raise ValueError(f"'{text}' should look like sms=1/1d or '*=3/7d'")
    channel = _check_cap_channel(channel.strip())
    if rule.strip().lower() in ("none", "off", ""):
        return channel, None
    count, sep, period = rule.partition("/")
    if not sep or not count.strip().isdigit() or int(count) < 1:
        raise ValueError(f"'{rule}' should be a number of touches per duration, like 1/1d")
    seconds = parse_short_duration(period).seconds
    if seconds <= 0:
        raise ValueError(f"the period '{period}' must be longer than zero, like 1/1d")
    return channel, Cap(channel=channel, max=int(count), period_s=seconds)


def plain_errors(exc: ValidationError) -> str:
    """A pydantic error as one short line per problem: `timezone: unknown time zone …`."""
    lines = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {message}" if where else message)
    return "; ".join(lines)
