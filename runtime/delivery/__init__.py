"""Delivery: every sent touch handed to a real channel, under its touch id as
the idempotency key (journey-semantics §7), through the adapter configured
for its channel (log, webhook, smtp, csv), with retries that survive restarts.

`dispatch_once(store)` runs one pass; `Dispatcher` keeps adapters between
passes for a runtime that delivers continuously.
"""
from __future__ import annotations

from .config import (
    ADAPTERS,
    CHANNELS,
    ChannelConfig,
    ChannelConfigError,
    parse_config,
    read_channels,
    save_channel,
)
from .dispatcher import Dispatcher, DispatchResult, dispatch_once

__all__ = ["ADAPTERS", "CHANNELS", "ChannelConfig", "ChannelConfigError", "DispatchResult",
           "Dispatcher", "dispatch_once", "parse_config", "read_channels", "save_channel"]
