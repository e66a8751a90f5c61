"""Touch policies and time arithmetic shared by the engine and the reference."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from nodes.cron import cron_instants
from runtime import hashing
from runtime.instants import key_date_instants, next_time_of_day
from runtime.policies import CapRule, TouchPolicies, consented

SH = ZoneInfo("Asia/Shanghai")


def cst(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=SH).timestamp())


@pytest.mark.parametrize("window, at, expected", [
    (("21:00", "08:00"), "2024-06-03 22:30", "2024-06-04 08:00"),
    (("21:00", "08:00"), "2024-06-04 07:59", "2024-06-04 08:00"),
    (("21:00", "08:00"), "2024-06-03 21:00", "2024-06-04 08:00"),  # the start is quiet
    (("21:00", "08:00"), "2024-06-04 08:00", None),  # the end is not
    (("21:00", "08:00"), "2024-06-04 12:00", None),
    (("12:00", "14:00"), "2024-06-04 13:10", "2024-06-04 14:00"),
    (("12:00", "14:00"), "2024-06-04 11:59", None),
    (("09:00", "09:00"), "2024-06-04 09:00", None),  # empty window
])
def test_quiet_hours_in_store_timezone(window, at, expected):
    policies = TouchPolicies(timezone="Asia/Shanghai", quiet_hours={"sms": window})
    assert policies.deferred_until("sms", cst(at)) == (cst(expected) if expected else None)
    assert policies.deferred_until("push", cst(at)) is None


def test_caps_count_sent_touches_in_half_open_window():
    policies = TouchPolicies(caps=(CapRule("sms", 2, 100), CapRule("*", 3, 1000)))
    assert not policies.cap_blocks("sms", 500, [("sms", 400), ("push", 450)])
    assert policies.cap_blocks("sms", 500, [("sms", 401), ("sms", 500)])
    assert not policies.cap_blocks("sms", 500, [("sms", 400), ("sms", 450)])  # 400 ∉ (400, 500]
    assert policies.cap_blocks("push", 500, [("sms", 0), ("email", 10), ("sms", 499)])
    assert not policies.cap_blocks("push", 1001, [("sms", 0), ("email", 10), ("sms", 499)])


def test_consent_absent_or_null_means_consented():
    assert consented({}, "sms") and consented({"consent_sms": None}, "sms")
    assert not consented({"consent_sms": False}, "sms")


def test_until_time_weekdays_and_cron_in_journey_timezone():
    monday_10 = cst("2024-06-03 10:00")
    assert next_time_of_day(monday_10, "09:00", [1, 5], "Asia/Shanghai") == cst("2024-06-07 09:00")
    assert next_time_of_day(monday_10, "10:00", None, "Asia/Shanghai") == monday_10
    assert cron_instants("0 9 * * 1-5", "Asia/Shanghai", cst("2024-06-07 09:00"),
                         cst("2024-06-11 09:00")) == [cst("2024-06-10 09:00"),
                                                      cst("2024-06-11 09:00")]


def test_key_dates_yearly_and_leap_day():
    low, high = cst("2025-01-01 00:00"), cst("2026-12-31 00:00")
    assert key_date_instants(date(1992, 2, 29), 0, "09:00", True, "Asia/Shanghai", low,
                             high) == [cst("2025-02-28 09:00"), cst("2026-02-28 09:00")]
    assert key_date_instants(date(2025, 3, 10), -3, "10:00", False, "Asia/Shanghai", low,
                             high) == [cst("2025-03-07 10:00")]


def test_hash_buckets_are_stable_and_spread():
    buckets = [hashing.bucket("j", "entry", f"c{i}") for i in range(4000)]
    assert buckets == [hashing.bucket("j", "entry", f"c{i}") for i in range(4000)]
    assert all(0 <= b < hashing.BUCKETS for b in buckets)
    assert 1700 < sum(b < 5000 for b in buckets) < 2300
    assert hashing.bucket("j", "entry", "c1") != hashing.bucket("k", "entry", "c1") or (
        hashing.bucket("j", "x", "c1") != hashing.bucket("j", "entry", "c1"))
    assert hashing.variant_index("j", "n", "c1", [0, 100]) == 1
    assert hashing.variant_index("j", "n", "c1", [100, 0]) == 0
