"""A/B results, attribution, conversions by day and funnels, on hand-made run
state in SQLite and PostgreSQL, checked against statistics computed another way
(scipy's chi-squared test of the 2×2 table is the pooled z-test squared)."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from scipy.stats import chi2_contingency, norm
from sqlalchemy import insert

from runtime.cli import main
from runtime.measure import ab_sentence, attribution, conversion_by_day, event_funnel, measure
from runtime.publish import publish
from runtime.store import schema

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
AB = "sms-copy-ab-test"
T0 = 1_795_000_000  # 2026-11-18T19:06:40+08:00
DAY = 86_400
# variant → (entrants, converted)
GROUPS = {"文案A": (200, 30), "文案B": (200, 12), "对照组": (200, 8)}


def fill_ab(store, groups=GROUPS) -> None:
    """Enrollments passing the split, `converted` of each group converted."""
    publish(store, TEMPLATES / f"{AB}.journey.json", published_at=T0 - 100)
    enrollments, steps, n = [], [], 0
    for variant, (entrants, converted) in groups.items():
        for k in range(entrants):
            n += 1
            enrollments.append({
                "id": n, "journey_id": AB, "version": 1, "customer_id": f"{variant}-{k}",
                "status": "completed", "exit_reason": None, "node_id": "split", "at": T0,
                "entered_at": T0, "ended_at": T0,
                "converted_at": T0 + DAY + k if k < converted else None})
            steps += [{"enrollment_id": n, "node_id": "trigger", "outlet": "next", "at": T0},
                      {"enrollment_id": n, "node_id": "split", "outlet": variant, "at": T0}]
    with store.engine.begin() as conn:
        conn.execute(insert(schema.enrollments), enrollments)
        conn.execute(insert(schema.step_log), steps)


def test_each_variant_against_the_holdout(either_store):
    fill_ab(either_store)
    [split] = measure(either_store, AB)["ab"]
    assert split["split"] == "split"
    rows = {v["name"]: v for v in split["variants"]}
    assert [v["name"] for v in split["variants"]] == ["文案A", "文案B", "对照组"]
    holdout = rows["对照组"]
    assert holdout["holdout"] and holdout["p_value"] is None and holdout["ci95"] is None
    for name in ("文案A", "文案B"):
        row, (n, c) = rows[name], GROUPS[name]
        assert (row["entrants"], row["converted"], row["holdout"]) == (n, c, False)
        assert row["rate"] == pytest.approx(c / n)
        assert row["uplift_vs_holdout"] == pytest.approx(c / n - 8 / 200)
        _, p, _, _ = chi2_contingency([[c, n - c], [8, 192]], correction=False)
        assert row["p_value"] == pytest.approx(p, rel=1e-9)
        low, high = row["ci95"]
        assert low < row["uplift_vs_holdout"] < high
    assert rows["文案A"]["p_value"] < 0.05 < rows["文案B"]["p_value"]
    assert rows["文案A"]["significant"] and rows["文案A"]["needed_more"] is None
    assert rows["文案B"]["significant"] is False and rows["文案B"]["needed_more"] > 0


def test_the_interval_is_newcombs_hybrid_score():
    """Newcomb's method 10, from the two Wilson intervals, computed here by hand."""
    from runtime.measure import compare

    z = norm.ppf(0.975)

    def wilson(c, n):
        p = c / n
        mid, half = p + z * z / (2 * n), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        return (mid - half) / (1 + z * z / n), (mid + half) / (1 + z * z / n)

    (l1, u1), (l2, u2) = wilson(30, 200), wilson(4, 50)
    p1, p2 = 30 / 200, 4 / 50
    low = p1 - p2 - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = p1 - p2 + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    row = compare({"entrants": 200, "converted": 30}, {"entrants": 50, "converted": 4})
    assert row["ci95"] == pytest.approx([low, high], rel=1e-6)


def test_needed_more_reaches_the_power_it_promises():
    """With the extra customers at the same rates, the test has 80 % power."""
    from runtime.measure import compare

    row = compare({"entrants": 200, "converted": 12}, {"entrants": 50, "converted": 4})
    p1, p2, ratio = 0.06, 0.08, 50 / 200
    more = row["needed_more"]
    n1 = (200 + more / (1 + ratio))
    h = abs(2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2)))
    se = math.sqrt(1 / n1 + 1 / (n1 * ratio))
    power = norm.sf(norm.ppf(0.975) - h / se) + norm.cdf(-norm.ppf(0.975) - h / se)
    assert power == pytest.approx(0.8, abs=0.01)


def test_empty_groups_and_equal_rates_are_said_plainly(store):
    fill_ab(store, {"文案A": (40, 4), "文案B": (0, 0), "对照组": (40, 4)})
    rows = {v["name"]: v for v in measure(store, AB)["ab"][0]["variants"]}
    assert rows["文案B"]["rate"] is None and rows["文案B"]["p_value"] is None
    assert rows["文案A"]["uplift_vs_holdout"] == 0 and rows["文案A"]["needed_more"] is None
    assert "没有客户进入" in ab_sentence(rows["文案B"], "对照组", "zh_CN")
    assert "equal" in ab_sentence(rows["文案A"], "对照组", "en")


def test_sentences_say_significance_in_both_languages(store):
    fill_ab(store)
    rows = {v["name"]: v for v in measure(store, AB)["ab"][0]["variants"]}
    a_zh = ab_sentence(rows["文案A"], "对照组", "zh_CN")
    assert "差异显著" in a_zh and "高 11.0 个百分点" in a_zh
    b_en = ab_sentence(rows["文案B"], "对照组", "en")
    assert "not significant" in b_en and f"{rows['文案B']['needed_more']:,} more" in b_en
    assert "不显著" in ab_sentence(rows["文案B"], "对照组", "zh_CN")


def fill_touches(store) -> None:
    """Four enrollments of AB (and one of another journey) with touches around
    their conversions."""
    publish(store, TEMPLATES / f"{AB}.journey.json", published_at=T0 - 100)
    rows = [  # id, customer, journey, converted_at
        (1, "C1", AB, T0 + 100), (2, "C2", AB, T0 + 100), (3, "C3", AB, None),
        (4, "C4", AB, T0 + 300), (5, "C5", "other", T0 + 100)]
    touches = [  # enrollment, node, channel, status, at
        (1, "n1", "sms", "sent", T0 + 10), (1, "n2", "email", "sent", T0 + 50),
        (1, "n3", "push", "sent", T0 + 200),  # after the conversion: no credit
        (2, "n1", "sms", "suppressed", T0 + 10),  # never reached her
        (3, "n1", "sms", "sent", T0 + 10),  # did not convert
        (4, "n1", "email", "sent", T0 + 300), (4, "n2", "sms", "sent", T0 + 20),
        (4, "n3", "push", "sent", T0 + 20),
        (5, "n1", "sms", "sent", T0 + 10)]
    with store.engine.begin() as conn:
        conn.execute(insert(schema.enrollments), [
            {"id": i, "journey_id": j, "version": 1, "customer_id": c, "status": "completed",
             "exit_reason": None, "node_id": "sms-a", "at": T0, "entered_at": T0,
             "ended_at": T0 + 400, "converted_at": conv} for i, c, j, conv in rows])
        by_id = {i: (c, j) for i, c, j, _ in rows}
        conn.execute(insert(schema.touches), [
            {"enrollment_id": e, "journey_id": by_id[e][1], "version": 1,
             "customer_id": by_id[e][0], "node_id": node, "channel": ch, "at": at,
             "status": status, "reason": "frequency_cap" if status == "suppressed" else None}
            for e, node, ch, status, at in touches])


def test_attribution_first_last_linear(either_store):
    fill_touches(either_store)
    credit = attribution(either_store, AB, None)
    # C1: sms then email; C4: sms (id order breaks the tie with push), push, email.
    assert credit["first_touch"] == {"sms": 2}
    assert credit["last_touch"] == {"email": 2}
    assert credit["linear"] == pytest.approx({"email": 0.5 + 1 / 3, "push": 1 / 3,
                                              "sms": 0.5 + 1 / 3})
    assert sum(credit["linear"].values()) == pytest.approx(2)


def test_conversion_by_day_in_the_store_timezone(either_store):
    store = either_store
    fill_ab(store, {"文案A": (10, 3), "文案B": (0, 0), "对照组": (5, 1)})
    store.set_policies(store.policies().model_copy(update={"timezone": "Asia/Shanghai"}))
    # T0 is 19:06 on the 18th in Shanghai; conversions a day (and k s) later, the 19th.
    assert conversion_by_day(store, AB, None) == [
        {"day": "2026-11-18", "entered": 15, "converted": 0},
        {"day": "2026-11-19", "entered": 0, "converted": 4}]
    store.set_policies(store.policies().model_copy(update={"timezone": "America/Los_Angeles"}))
    assert [d["day"] for d in conversion_by_day(store, AB, None)] == ["2026-11-18",
                                                                       "2026-11-19"]
    store.set_policies(store.policies().model_copy(update={"timezone": "Pacific/Kiritimati"}))
    assert [d["day"] for d in conversion_by_day(store, AB, None)] == ["2026-11-19",
                                                                       "2026-11-20"]


def fill_funnel(store) -> None:
    fill_ab(store, {"文案A": (4, 0), "文案B": (0, 0), "对照组": (0, 0)})
    events = [  # customer, name, ts
        ("文案A-0", "app_launch", T0 - 50),  # before entering: does not count
        ("文案A-0", "app_launch", T0 + 10), ("文案A-0", "first_deposit", T0 + 20),
        ("文案A-1", "app_launch", T0),  # at the entry instant: counts
        ("文案A-1", "first_deposit", T0 - 1),  # before the launch: not in order
        ("文案A-2", "first_deposit", T0 + 5),  # deposit without a launch
        ("文案A-3", "app_launch", T0 + 30), ("文案A-3", "first_deposit", T0 + 30),
        ("outsider", "app_launch", T0 + 10), ("outsider", "first_deposit", T0 + 20)]
    with store.engine.begin() as conn:
        conn.execute(insert(schema.events), [
            {"customer_id": c, "name": n, "ts": ts} for c, n, ts in events])


def test_funnel_counts_entrants_in_order(either_store):
    fill_funnel(either_store)
    assert event_funnel(either_store, AB, ["app_launch", "first_deposit"]) == [
        {"event": "app_launch", "customers": 3}, {"event": "first_deposit", "customers": 2}]
    assert event_funnel(either_store, AB, ["first_deposit"]) == [
        {"event": "first_deposit", "customers": 3}]
    assert event_funnel(either_store, AB, ["nothing"]) == [{"event": "nothing", "customers": 0}]


def test_report_json_and_text_carry_the_measures(store_url, store, capsys):
    fill_funnel(store)
    fill_touches_after = [{"enrollment_id": 1, "journey_id": AB, "version": 1,
                           "customer_id": "文案A-0", "node_id": "sms-a", "channel": "sms",
                           "at": T0 + 1, "status": "sent"}]
    with store.engine.begin() as conn:
        conn.execute(schema.enrollments.update().where(schema.enrollments.c.id == 1)
                     .values(converted_at=T0 + 20))
        conn.execute(insert(schema.touches), fill_touches_after)
    store.close()
    assert main(["report", "--store", store_url, AB, "--json", "--funnel",
                 "app_launch,first_deposit", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ab"][0]["variants"][0]["entrants"] == 4
    assert data["attribution"]["last_touch"] == {"sms": 1}
    assert data["funnel"] == [{"event": "app_launch", "customers": 3},
                              {"event": "first_deposit", "customers": 2}]
    assert main(["report", "--store", store_url, AB, "--lang", "zh_CN"]) == 0
    text = capsys.readouterr().out
    assert "分流 [split]" in text and "末次触达: sms 1" in text and "漏斗" not in text
    assert main(["report", "--store", store_url, AB, "--funnel", "a,,b"]) == 2
    assert "event names separated by commas" in capsys.readouterr().err
