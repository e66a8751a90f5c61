"""How each channel is delivered: one pydantic model per adapter, stored as
JSON in `delivery_channels` (never in journey files). A channel without a
row goes to the log adapter. Secrets are never stored: a configuration names
the environment variables that hold them, read when the channel is used."""
from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from sqlalchemy import select

from nodes.durations import parse_short_duration
from nodes.kinds.touch import Channel
from runtime.store import schema

CHANNELS = tuple(c.value for c in Channel)
ENV_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"


def _duration_text(text: str) -> str:
    parse_short_duration(text)  # raises ValueError naming the expected form
    return text


class ChannelConfig(BaseModel):
    """What every adapter shares: retries and expiry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_attempts: int = Field(8, ge=1, le=1000)
    max_age: Annotated[str, AfterValidator(_duration_text)] | None = None  # off by default
    backoff: float = Field(30.0, gt=0, le=86400)  # seconds before the 2nd attempt; doubles
    max_backoff: float = Field(3600.0, gt=0, le=7 * 86400)

    @property
    def max_age_s(self) -> int | None:
        return parse_short_duration(self.max_age).seconds if self.max_age else None


class NetworkConfig(ChannelConfig):
    timeout: float = Field(10.0, gt=0, le=600)  # seconds to wait for an answer
    connect_timeout: float = Field(5.0, gt=0, le=600)
    concurrency: int = Field(8, ge=1, le=256)  # requests in flight at once
    rate: float | None = Field(None, gt=0, le=100_000)  # messages per second, None: no limit


class LogConfig(ChannelConfig):
    adapter: Literal["log"] = "log"
    dir: str | None = None  # default: see `log_folder`


def _http_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL with a host")
    return url


def _smtp_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("must be smtp://HOST[:PORT] (STARTTLS when offered) or smtps://HOST")
    parts.port  # noqa: B018 - raises ValueError for a port out of range
    return url


def _address(text: str) -> str:
    if text.count("@") != 1 or not all(text.split("@")) or any(c in text for c in " <>\r\n"):
        raise ValueError("must be an address like journeys@bank.example")
    return text


class WebhookConfig(NetworkConfig):
    adapter: Literal["webhook"] = "webhook"
    url: Annotated[str, AfterValidator(_http_url)]
    secret_env: str | None = Field(None, pattern=ENV_NAME)  # the HMAC key's variable


class SmtpConfig(NetworkConfig):
    adapter: Literal["smtp"] = "smtp"
    url: Annotated[str, AfterValidator(_smtp_url)]
    from_address: Annotated[str, AfterValidator(_address)]
    username_env: str | None = Field(None, pattern=ENV_NAME)
    password_env: str | None = Field(None, pattern=ENV_NAME)
    ca_file: str | None = None  # trust this CA too (an in-house relay's certificate)
    address_attribute: str = "email"  # the customer attribute holding the address
    concurrency: int = Field(4, ge=1, le=64)  # SMTP connections at once

    @model_validator(mode="after")
    def _login_needs_both(self) -> SmtpConfig:
        if (self.username_env is None) != (self.password_env is None):
            raise ValueError("give --username-env and --password-env together")
        return self


class CsvConfig(ChannelConfig):
    adapter: Literal["csv"] = "csv"
    dir: str  # one file per day per channel in this folder
    show_phone: bool = False  # phone numbers are masked (138****5678) unless set


AnyConfig = Annotated[LogConfig | WebhookConfig | SmtpConfig | CsvConfig,
                      Field(discriminator="adapter")]
ADAPTERS = ("log", "webhook", "smtp", "csv")
_ANY = TypeAdapter(AnyConfig)

# The command-line option of each field, so a wrong value names what to fix.
OPTION_OF = {"from_address": "--from"}


def option_of(field: str) -> str:
    return OPTION_OF.get(field, "--" + field.replace("_", "-"))


class ChannelConfigError(ValueError):
    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh


def parse_config(channel: str, adapter: str, options: dict[str, Any]) -> ChannelConfig:
    """A channel's configuration from option values (None: not given)."""
    if channel not in CHANNELS:
        raise ChannelConfigError(
            f"unknown channel '{channel}' (one of {', '.join(CHANNELS)})",
            f"未知渠道「{channel}」（可选：{', '.join(CHANNELS)}）")
    if adapter not in ADAPTERS:
        raise ChannelConfigError(
            f"unknown adapter '{adapter}' (one of {', '.join(ADAPTERS)})",
            f"未知投递方式「{adapter}」（可选：{', '.join(ADAPTERS)}）")
    given = {k: v for k, v in options.items() if v is not None}
    try:
        return _ANY.validate_python({**given, "adapter": adapter})
    except ValidationError as exc:
        raise ChannelConfigError(*_plain(exc, adapter)) from None


def _plain(exc: ValidationError, adapter: str) -> tuple[str, str]:
    en, zh = [], []
    for error in exc.errors(include_url=False):
        field = next((str(p) for p in reversed(error["loc"]) if str(p) != adapter), "")
        option = option_of(field) if field else ""
        if error["type"] == "extra_forbidden":
            en.append(f"{option} does not apply to a {adapter} channel")
            zh.append(f"{option} 不适用于 {adapter} 渠道")
        elif error["type"] == "missing":
            en.append(f"{option} is needed for a {adapter} channel")
            zh.append(f"{adapter} 渠道需要 {option}")
        else:
            message = error["msg"].removeprefix("Value error, ")
            en.append(f"{option}: {message}" if option else message)
            zh.append(f"{option} 有误：{message}" if option else message)
    return "; ".join(en), "；".join(zh)


def load_config(adapter: str, document: str) -> ChannelConfig:
    return _ANY.validate_python({**json.loads(document), "adapter": adapter})


def read_channels(store: Any) -> dict[str, ChannelConfig]:
    """Every channel's configuration (the log adapter where none is set)."""
    t = schema.delivery_channels
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.c.channel, t.c.adapter, t.c.config)).all()
    found: dict[str, ChannelConfig] = dict.fromkeys(CHANNELS, LogConfig())
    for channel, adapter, document in rows:
        found[channel] = load_config(adapter, document)
    return found


def save_channel(store: Any, channel: str, config: ChannelConfig) -> None:
    t = schema.delivery_channels
    values = {"adapter": config.adapter,
              "config": config.model_dump_json(exclude={"adapter"}, exclude_defaults=True),
              "updated_at": int(time.time())}
    with store.engine.begin() as conn:
        if conn.execute(t.update().where(t.c.channel == channel).values(**values)).rowcount == 0:
            conn.execute(t.insert().values(channel=channel, **values))


DELIVERY_DIR_ENV = "JOURNEY_DELIVERY_DIR"  # where log channels without --dir write


def log_folder(store: Any, config: LogConfig,
               env: Mapping[str, str] | None = None) -> tuple[Path, str]:
    """Where a log channel writes, and why there: its own `dir` ("dir"), else
    the JOURNEY_DELIVERY_DIR variable ("env"), else `deliveries` beside a
    SQLite store's file ("store"), else — a server store with nothing
    configured — `deliveries` in the process's current folder ("cwd")."""
    env = os.environ if env is None else env
    if config.dir:
        return Path(config.dir).resolve(), "dir"
    if env.get(DELIVERY_DIR_ENV):
        return Path(env[DELIVERY_DIR_ENV]).resolve(), "env"
    url = store.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent / "deliveries", "store"
    return Path("deliveries").resolve(), "cwd"


def log_folder_why(source: str, channel: str) -> tuple[str, str]:
    """Why a log channel writes where it does, said beside the folder (en, zh)."""
    if source == "env":
        return f"(from {DELIVERY_DIR_ENV})", f"（来自 {DELIVERY_DIR_ENV}）"
    if source == "store":
        return "(beside the store file)", "（与存储文件同目录）"
    if source == "cwd":
        en = (f"(the current folder of this process: set {DELIVERY_DIR_ENV} or "
              f"`channel set {channel} log --dir DIR` for a fixed place)")
        zh = (f"（本进程的当前目录；请设置 {DELIVERY_DIR_ENV} 或 "
              f"`channel set {channel} log --dir 目录` 指定固定位置）")
        return en, zh
    return "", ""
