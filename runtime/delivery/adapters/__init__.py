"""One adapter per way of delivering: log, webhook, smtp, csv."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..config import ChannelConfig, CsvConfig, LogConfig, SmtpConfig, WebhookConfig, log_folder
from .base import Adapter, ChannelUnusable, Delivery, Outcome, RateLimiter

__all__ = ["Adapter", "ChannelUnusable", "Delivery", "Outcome", "RateLimiter", "build_adapter"]


def build_adapter(store: Any, channel: str, config: ChannelConfig,
                  env: Mapping[str, str]) -> Adapter:
    """The adapter for a channel's configuration; ChannelUnusable when it
    cannot be used now (a secret's environment variable is unset)."""
    if isinstance(config, WebhookConfig):
        from .webhook import WebhookAdapter

        return WebhookAdapter(channel, config, env)
    if isinstance(config, SmtpConfig):
        from .smtp import SmtpAdapter

        return SmtpAdapter(channel, config, env)
    if isinstance(config, CsvConfig):
        from .csvfile import CsvAdapter

        return CsvAdapter(channel, Path(config.dir), store.policies().zone(), config.show_phone)
    if isinstance(config, LogConfig):
        from .log import LogAdapter

        folder, source = log_folder(store, config, env)
        return LogAdapter(channel, folder, source)
    raise TypeError(f"no adapter for {type(config).__name__}")
