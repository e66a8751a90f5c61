"""What every adapter takes (`Delivery`), answers (`Outcome`) and offers.

An adapter hands one touch to its channel and says what happened; the
dispatcher decides what that means for the touch (retry when, give up when).
Network adapters `send` one delivery at a time from the dispatcher's worker
threads; file adapters are `batched`: one call writes a whole batch (one
fsync, one atomic rename), from a single worker, so files are never
written by two threads at once.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal


@dataclass(frozen=True)
class Delivery:
    touch_id: int
    attempt: int  # 1 for the first try (numbering goes on after `deliveries retry`)
    customer_id: str
    journey_id: str
    version: int
    node_id: str
    channel: str
    at: int  # the touch's logical instant: when it was decided (epoch s)
    content: str
    subject: str | None = None
    title: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    test_key: str | None = None  # `channel test` only: a test message has no touch

    @property
    def key(self) -> str:
        """The idempotency key: the touch id, on every attempt and every channel."""
        return self.test_key or str(self.touch_id)

    def payload(self) -> dict[str, Any]:
        """The message as the channel's receiver sees it (webhook body, log line)."""
        body: dict[str, Any] = {
            "touch_id": self.touch_id, "idempotency_key": self.key,
            "customer_id": self.customer_id, "channel": self.channel,
            "content": self.content, "journey_id": self.journey_id, "version": self.version,
            "node_id": self.node_id, "decided_at": iso_utc(self.at)}
        if self.subject is not None:
            body["subject"] = self.subject
        if self.title is not None:
            body["title"] = self.title
        return body


def iso_utc(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Outcome:
    status: Literal["delivered", "retry", "failed"]
    reason: str | None = None  # a short code: http_503, timeout, smtp_550, write_error…
    detail: str | None = None  # what the server said, for people
    code: int | None = None  # HTTP status or SMTP reply code
    retry_after: float | None = None  # seconds the server asked us to wait

    @classmethod
    def delivered(cls, code: int | None = None, detail: str | None = None) -> Outcome:
        return cls("delivered", None, detail, code)

    @classmethod
    def retry(cls, reason: str, detail: str, code: int | None = None,
              retry_after: float | None = None) -> Outcome:
        return cls("retry", reason, detail, code, retry_after)

    @classmethod
    def failed(cls, reason: str, detail: str, code: int | None = None) -> Outcome:
        return cls("failed", reason, detail, code)


class ChannelUnusable(RuntimeError):
    """The channel cannot be used now (a secret's variable is unset, …):
    its touches wait untouched, no attempt is counted."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh


class Adapter:
    batched: ClassVar[bool] = False
    concurrency: int = 1
    also_read: tuple[str, ...] = ()  # customer attributes the adapter needs (address, name)

    def send(self, delivery: Delivery) -> Outcome:
        raise NotImplementedError

    def send_batch(self, deliveries: list[Delivery]) -> list[Outcome]:
        return [self.send(d) for d in deliveries]

    def test(self, delivery: Delivery) -> tuple[Outcome, str]:
        """Send one test message; the outcome and what the channel answered."""
        outcome = self.send_batch([delivery])[0]
        return outcome, outcome.detail or outcome.status

    def notice(self) -> tuple[str, str] | None:
        """What to tell the operator once, when the channel starts delivering
        (en, zh): where it goes when nobody said so. None: nothing to say."""
        return None

    def close(self) -> None:
        """Let go of connections and files."""


class RateLimiter:
    """At most `rate` sends per second, evenly spaced (no bursts), shared
    by all worker threads of a channel."""

    def __init__(self, rate: float | None, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self._clock, self._sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self._lock:  # take a slot; sleep outside the lock so others take theirs
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            self._sleep(slot - now)


def short(text: str, limit: int = 300) -> str:
    """A server's answer, trimmed to what fits in a status line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
