"""Stable buckets for sampling and splits (journey-semantics §6).

sha256 of (journey id, node id or "entry", customer id) → 0..9999: the same
customer gets the same answer on every run, tick size and database backend.
Computed in Python (the engine does it in batches).
"""
from __future__ import annotations

import hashlib

BUCKETS = 10_000


def bucket(journey_id: str, key: str, customer_id: str) -> int:
    digest = hashlib.sha256(f"{journey_id}\x1f{key}\x1f{customer_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


def sampled(journey_id: str, customer_id: str, percent: float) -> bool:
    """Inside a `sample_percent` rollout (percent may have decimals)."""
    if percent >= 100:  # everyone: no need to hash
        return True
    return bucket(journey_id, "entry", customer_id) < round(percent * 100)


def variant_index(journey_id: str, node_id: str, customer_id: str, percents: list[int]) -> int:
    """Index of the split variant a customer falls in (cumulative percents)."""
    value, upper = bucket(journey_id, node_id, customer_id), 0
    for index, percent in enumerate(percents):
        upper += percent * 100
        if value < upper:
            return index
    return len(percents) - 1  # percents summing below 100: the rest go to the last
