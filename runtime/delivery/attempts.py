"""Writing down what delivery did: attempt rows and each touch's state.

Statuses of a sent touch's delivery: `pending` (not tried yet), `retrying`
(tried, tried again at `delivery_due_ms`), `delivered`, `failed` (a permanent
answer, a template that cannot render, or `max_attempts` used), `expired`
(older than the channel's `max_age` when its turn came) and
`suppressed_at_delivery` (consent withdrawn after the decision).
An attempt row is written when the attempt starts (outcome NULL) and
completed when it ends, so a crash in between leaves a visible trace: the
next attempt marks it `abandoned`.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Connection, update

from runtime.store import schema
from runtime.store.bulk import chunks

from .adapters.base import Delivery, Outcome
from .config import ChannelConfig

OPEN_STATES = ("pending", "retrying")
FINAL_STATES = ("delivered", "failed", "expired", "suppressed_at_delivery")
STATES = (*OPEN_STATES, *FINAL_STATES)
ABANDONED = "the dispatcher stopped before this attempt's answer was recorded"


@dataclass(frozen=True)
class Settled:
    """A touch's delivery decided without an attempt (expired, no consent, bad template)."""
    touch_id: int
    state: str
    reason: str
    detail: str | None = None


# Per delivery, so tuples: cheaper to make than frozen dataclasses.
class Finished(NamedTuple):
    delivery: Delivery
    outcome: Outcome
    started_ms: int
    finished_ms: int
    requeued_at: int  # the attempt count when it was last put back by hand


class Recorded(NamedTuple):
    touch_id: int
    state: str  # delivered, retrying or failed
    reason: str | None
    due_ms: int | None


def retry_delay(config: ChannelConfig, used: int, retry_after: float | None,
                rng: random.Random) -> float:
    """Seconds before the next attempt after `used` attempts: `backoff`
    doubling per attempt up to `max_backoff`, with "equal jitter" (between
    half and all of it, so retries of many touches spread out but none comes
    early), and never sooner than the server's Retry-After (capped at a day)."""
    full = min(config.max_backoff, config.backoff * 2 ** (used - 1))
    delay = full / 2 + rng.uniform(0, full / 2)
    if retry_after is not None:
        delay = max(delay, min(retry_after, 86400.0))
    return delay


def decide(finished: Finished, config: ChannelConfig, rng: random.Random) -> Recorded:
    d, outcome = finished.delivery, finished.outcome
    if outcome.status == "delivered":
        return Recorded(d.touch_id, "delivered", None, None)
    if outcome.status == "failed":
        return Recorded(d.touch_id, "failed", outcome.reason, None)
    used = d.attempt - finished.requeued_at
    if used >= config.max_attempts:
        return Recorded(d.touch_id, "failed", "max_attempts", None)
    delay = retry_delay(config, used, outcome.retry_after, rng)
    return Recorded(d.touch_id, "retrying", outcome.reason,
                    finished.finished_ms + round(delay * 1000))


# Every statement below handles a whole batch at once: each SQLite step gives
# up the interpreter lock, and with the senders' threads busy, taking it back
# costs up to a switch interval, so a statement per row would cost more than
# the sending. Rows that need the same values share one UPDATE.
BATCH = 500  # rows per multi-row INSERT or IN list (bound parameters stay few)


def start(conn: Connection, deliveries: list[Delivery], now_ms: int) -> None:
    """Attempt rows for deliveries about to be sent (their numbers were taken
    by the claim); an earlier attempt left open by a crash becomes `abandoned`."""
    a = schema.delivery_attempts
    again = [d.touch_id for d in deliveries if d.attempt > 1]
    for part in chunks(again, BATCH):
        conn.execute(update(a).where(a.c.touch_id.in_(part), a.c.outcome.is_(None))
                     .values(outcome="abandoned", error=ABANDONED))
    insert_many(conn, a, [{"touch_id": d.touch_id, "attempt": d.attempt, "started_ms": now_ms}
                          for d in deliveries])


def settle(conn: Connection, settled: list[Settled], now_ms: int) -> None:
    """Decided without an attempt: give back the attempt number the claim took."""
    t = schema.touches
    groups: dict[tuple, list[int]] = {}
    for s in settled:
        groups.setdefault((s.state, s.reason, s.detail), []).append(s.touch_id)
    for (state, reason, detail), ids in groups.items():
        for part in chunks(ids, BATCH):
            conn.execute(update(t).where(t.c.id.in_(part)).values(
                delivery_state=state, delivery_reason=reason, delivery_detail=detail,
                delivery_claim=None, delivery_due_ms=None, delivery_updated_ms=now_ms,
                delivery_attempts=t.c.delivery_attempts - 1))


def finish(conn: Connection, done: list[tuple[Finished, Recorded]], token: str,
           now_ms: int) -> None:
    """Complete the attempt rows and move each touch to its new state: per
    batch one upsert of attempt rows and one UPDATE of the touches joined to
    their new values, whatever mix of outcomes the batch holds."""
    for part in chunks(done, BATCH):
        _run(conn, ATTEMPT_UPSERT, len(part), [v for f, r in part for v in _attempt_row(f, r)])
        _run(conn, TOUCH_OUTCOMES, len(part),
             [v for f, r in part for v in (r.touch_id, r.state, r.reason,
                                           _touch_detail(f, r), r.due_ms)] + [now_ms, token])


class ValuesStatement(NamedTuple):
    """SQL taking `width` values per row of its VALUES list ({rows}) and
    other single values ({mark}); `first_row` types the list's columns."""
    sql: str
    width: int
    first_row: str | None = None


# The open row (outcome NULL) is completed in place; it keeps its started_ms,
# the moment the attempt was claimed and written down.
ATTEMPT_UPSERT = ValuesStatement(
    "INSERT INTO delivery_attempts (touch_id, attempt, started_ms, finished_ms, outcome, code, "
    "error, next_attempt_ms) VALUES {rows} ON CONFLICT (touch_id, attempt) DO UPDATE SET "
    "finished_ms = excluded.finished_ms, outcome = excluded.outcome, code = excluded.code, "
    "error = excluded.error, next_attempt_ms = excluded.next_attempt_ms", 8)
# A delivered touch is delivered whoever held it; any other answer counts
# only while the claim is ours (after it expired, the new holder decides).
# The casts type the VALUES columns on PostgreSQL (a column of NULLs is text).
TOUCH_OUTCOMES = ValuesStatement(
    "WITH v (id, state, reason, detail, due) AS (VALUES {rows}) "
    "UPDATE touches SET delivery_state = v.state, delivery_reason = v.reason, "
    "delivery_detail = v.detail, delivery_claim = NULL, delivery_due_ms = v.due, "
    "delivery_updated_ms = {mark} FROM v WHERE touches.id = v.id AND CASE "
    f"WHEN v.state = 'delivered' THEN {schema.DELIVERY_OPEN} "
    "ELSE touches.delivery_claim = {mark} END", 5,
    "(CAST({m} AS BIGINT), CAST({m} AS TEXT), CAST({m} AS TEXT), CAST({m} AS TEXT), "
    "CAST({m} AS BIGINT))")


def _run(conn: Connection, statement: ValuesStatement, count: int, values: list) -> None:
    """`statement` with `count` rows of VALUES, straight to the driver: no
    Core compiling or IN-list expanding per batch."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    row = "(" + ", ".join([mark] * statement.width) + ")"
    first = statement.first_row.format(m=mark) if statement.first_row else row
    rows = ", ".join([first] + [row] * (count - 1))
    conn.exec_driver_sql(statement.sql.format(rows=rows, mark=mark), tuple(values))


def insert_many(conn: Connection, table: Any, rows: list[dict]) -> None:
    """Rows in multi-row INSERTs written for the driver: one statement, one
    step per batch (Core's executemany steps once per row)."""
    if not rows:
        return
    columns = list(rows[0])
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    one = "(" + ", ".join([mark] * len(columns)) + ")"
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in columns)
    for part in chunks(rows, BATCH):
        conn.exec_driver_sql(f"INSERT INTO {table.name} ({quoted}) VALUES "
                             + ", ".join([one] * len(part)),
                             tuple(row[c] for row in part for c in columns))


def _attempt_row(f: Finished, r: Recorded) -> tuple:
    outcome = f.outcome
    return (f.delivery.touch_id, f.delivery.attempt, f.started_ms, f.finished_ms,
            outcome.status, outcome.code,
            None if outcome.status == "delivered" else outcome.detail, r.due_ms)


def _touch_detail(f: Finished, r: Recorded) -> str | None:
    if r.reason == "max_attempts":
        return (f"{f.delivery.attempt - f.requeued_at} attempts; the last: "
                f"{f.outcome.reason}: {f.outcome.detail}")
    return f.outcome.detail
