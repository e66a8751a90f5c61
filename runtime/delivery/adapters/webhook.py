"""Webhook: an HTTP POST of the touch as JSON (httpx).

Headers: `Idempotency-Key` (the touch id, the same on every attempt),
`X-Journey-Attempt`, and when a secret is configured `X-Journey-Timestamp`
and `X-Journey-Signature: sha256=HEX`, the HMAC-SHA256 of
`TIMESTAMP + "." + BODY` with the secret (README: verifying it). A 2xx answer
delivers; 408, 429, 5xx, connection errors and timeouts are tried again
(`Retry-After` honoured); any other answer fails the delivery with what the
server said.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from ..config import WebhookConfig
from .base import Adapter, ChannelUnusable, Delivery, Outcome, RateLimiter, short

RETRIED_STATUSES = frozenset({408, 425, 429})
SIGNATURE_HEADER = "X-Journey-Signature"
TIMESTAMP_HEADER = "X-Journey-Timestamp"


def signature(secret: bytes, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def body_of(delivery: Delivery) -> bytes:
    return json.dumps(delivery.payload(), ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True).encode()


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """`Retry-After` as seconds from now: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    base = datetime.fromtimestamp(time.time() if now is None else now, UTC)
    return max(0.0, (when - base).total_seconds())


def classify(response: httpx.Response) -> Outcome:
    status = response.status_code
    said = f"HTTP {status} {response.reason_phrase}".strip()
    if 200 <= status < 300:
        return Outcome.delivered(status, said)
    text = short(response.text) if response.content else ""
    detail = f"{said}: {text}" if text else said
    if status in RETRIED_STATUSES or status >= 500:
        return Outcome.retry(f"http_{status}", detail, status,
                             retry_after_seconds(response.headers.get("Retry-After")))
    return Outcome.failed(f"http_{status}", detail, status)


class WebhookAdapter(Adapter):
    def __init__(self, channel: str, config: WebhookConfig, env: Mapping[str, str]) -> None:
        self.channel, self.config = channel, config
        self.secret: bytes | None = None
        if config.secret_env:
            value = env.get(config.secret_env, "")
            if not value:
                raise ChannelUnusable(
                    f"channel {channel}: the environment variable {config.secret_env} "
                    "(the webhook's signing secret) is unset or empty",
                    f"渠道 {channel}：环境变量 {config.secret_env}（webhook 签名密钥）未设置或为空")
            self.secret = value.encode()
        self.concurrency = config.concurrency
        self.limiter = RateLimiter(config.rate)
        self.client = httpx.Client(
            timeout=httpx.Timeout(config.timeout, connect=config.connect_timeout),
            limits=httpx.Limits(max_connections=config.concurrency,
                                max_keepalive_connections=config.concurrency),
            headers={"User-Agent": "journey-runtime"}, follow_redirects=False)

    def headers(self, delivery: Delivery, body: bytes) -> dict[str, str]:
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "Idempotency-Key": delivery.key, "X-Journey-Attempt": str(delivery.attempt)}
        if self.secret is not None:
            stamp = str(int(time.time()))
            headers[TIMESTAMP_HEADER] = stamp
            headers[SIGNATURE_HEADER] = signature(self.secret, stamp, body)
        return headers

    def send(self, delivery: Delivery) -> Outcome:
        body = body_of(delivery)
        headers = self.headers(delivery, body)
        self.limiter.wait()
        try:
            response = self.client.post(self.config.url, content=body, headers=headers)
        except httpx.TimeoutException as exc:
            return Outcome.retry("timeout", f"no answer in time ({type(exc).__name__}, "
                                 f"timeout {self.config.timeout:g} s)")
        except httpx.TransportError as exc:
            return Outcome.retry("connect_error", f"{type(exc).__name__}: {exc}".rstrip(": "))
        return classify(response)

    def test(self, delivery: Delivery) -> tuple[Outcome, str]:
        outcome = self.send(delivery)
        return outcome, outcome.detail or outcome.status

    def close(self) -> None:
        self.client.close()
