"""Taking touches to deliver, so that two dispatchers never hold the same one
and a crashed one loses none.

A claim stamps a touch with the dispatcher's token and pushes its
`delivery_due_ms` to the claim's expiry: to every other dispatcher the touch
is simply not due until then, and after it (the holder died far away) it is
due again, with no sweeper needed. A holder on this machine whose process is
gone is noticed at the start of a pass and its claims are freed at once.
Candidates are read through the partial index of open touches; on PostgreSQL
with FOR UPDATE SKIP LOCKED, so concurrent dispatchers pass each other by
instead of queueing, and the UPDATE then re-checks that each is still due.
On SQLite the claim holds the write lock from its start, so one statement
picks and claims.
The key sent on is the touch id, whoever sends it: a touch sent again after a
crash goes under the same key.
"""
from __future__ import annotations

import os
import socket
import uuid
from typing import Any

from sqlalchemy import Connection, distinct, or_, select, text, update

from runtime.store import schema

OPEN = text(schema.DELIVERY_OPEN)  # literal, so both databases use the partial index
CLAIMED_COLUMNS = ("id", "customer_id", "journey_id", "version", "node_id", "channel", "at",
                   "delivery_attempts", "delivery_requeued_at")


def new_token() -> str:
    return f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:12]}"


def holder_is_gone(token: str) -> bool:
    """A claim of a process on this machine that no longer runs."""
    host, _, rest = token.partition("/")
    pid_text = rest.partition("/")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, someone else's
        return False
    return False


def free_claims(conn: Connection, now_ms: int, own_token: str) -> int:
    """Make due now the touches held by gone processes of this machine, and
    this dispatcher's own leftovers (a pass that failed half way)."""
    t = schema.touches
    tokens = conn.execute(select(distinct(t.c.delivery_claim)).where(
        OPEN, t.c.delivery_claim.is_not(None))).scalars().all()
    stale = [tok for tok in tokens if tok == own_token or holder_is_gone(tok)]
    if not stale:
        return 0
    return conn.execute(update(t).where(OPEN, t.c.delivery_claim.in_(stale)).values(
        delivery_claim=None, delivery_due_ms=now_ms)).rowcount


def claim(conn: Connection, channel: str, token: str, now_ms: int, until_ms: int,
          limit: int) -> list[Any]:
    """Up to `limit` touches of `channel` due at `now_ms`: retries first (by
    due time), then never tried ones (by id). Returns their rows."""
    t = schema.touches
    queued = t.alias("queued")  # the candidates, read through the partial index
    postgres = conn.dialect.name == "postgresql"
    claimed = (update(t).values(delivery_claim=token, delivery_due_ms=until_ms,
                                # The claim takes the next attempt number too: a crash
                                # after it never reuses a number an attempt row may have.
                                delivery_attempts=t.c.delivery_attempts + 1)
               .returning(*(t.c[c] for c in CLAIMED_COLUMNS)))
    rows: list[Any] = []
    for due, order in ((queued.c.delivery_due_ms <= now_ms,
                        (queued.c.delivery_due_ms, queued.c.id)),
                       (queued.c.delivery_due_ms.is_(None), (queued.c.id,))):
        if len(rows) >= limit:
            break
        pick = (select(queued.c.id).where(OPEN, queued.c.channel == channel, due)
                .order_by(*order).limit(limit - len(rows)))
        if postgres:  # lock the candidates, skipping those another dispatcher is taking
            ids = conn.execute(pick.with_for_update(skip_locked=True)).scalars().all()
            if ids:
                still_due = or_(t.c.delivery_due_ms.is_(None), t.c.delivery_due_ms <= now_ms)
                rows += conn.execute(claimed.where(t.c.id.in_(ids), OPEN, still_due)).all()
        else:  # the write lock is held: pick and claim in one statement, one step
            rows += conn.execute(claimed.where(t.c.id.in_(pick))).all()
    return rows


def has_open(conn: Connection, channel: str) -> bool:
    t = schema.touches
    return conn.execute(select(t.c.id).where(OPEN, t.c.channel == channel).limit(1)
                        ).first() is not None


def next_due_ms(conn: Connection, channel: str, after_ms: int) -> int | None:
    """When the channel's next retry (or an expiring claim) comes due."""
    t = schema.touches
    return conn.execute(select(t.c.delivery_due_ms).where(
        OPEN, t.c.channel == channel, t.c.delivery_due_ms > after_ms)
        .order_by(t.c.delivery_due_ms).limit(1)).scalar()
