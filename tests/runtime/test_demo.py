"""The demo store: deterministic, realistic, and every template has customers to move."""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select, text

from runtime.demo import TIER_FLOORS, build_demo, demo_now, tier_of
from runtime.store import Store, schema


def _dump(store: Store) -> tuple[list, list]:
    with store.engine.connect() as conn:
        customers = conn.execute(select(store.customers_table())
                                 .order_by(text("customer_id"))).all()
        events = conn.execute(select(schema.events).order_by(schema.events.c.id)).all()
    return customers, events


def test_same_seed_same_rows_and_another_seed_differs(tmp_path, demo_now):
    stores = [Store(str(tmp_path / f"{name}.db")) for name in ("a", "b", "c", "d")]
    build_demo(stores[0], 120, seed=1, now=demo_now)
    build_demo(stores[1], 120, seed=1, now=demo_now)
    # drawn in 3 chunks by 2 worker processes: the same rows again
    build_demo(stores[2], 120, seed=1, now=demo_now, chunk=50, workers=2)
    build_demo(stores[3], 120, seed=2, now=demo_now)
    dumps = [_dump(s) for s in stores]
    assert dumps[0] == dumps[1]
    assert dumps[2][0] != dumps[0][0]  # chunks have their own random streams…
    assert len(dumps[2][0]) == 120 and len(dumps[2][1]) > 300  # …yet a full store
    assert dumps[3][0] != dumps[0][0]
    build_demo(stores[3], 0, seed=2, now=demo_now)  # no customers: nothing added
    again = Store(str(tmp_path / "e.db"))
    build_demo(again, 120, seed=1, now=demo_now, chunk=50, workers=1)
    assert _dump(again) == dumps[2]  # same chunking, in-process: identical
    for s in (*stores, again):
        s.close()


def test_demo_now_defaults_to_the_current_hour():
    now = demo_now()
    assert now % 3600 == 0
    aware = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    assert demo_now(aware) == int(aware.timestamp())


def test_tiers_follow_thresholds():
    assert tier_of(0) == "普通" and tier_of(49_999) == "普通"
    assert tier_of(50_000) == "金卡" and tier_of(5_999_999) == "钻石"
    assert tier_of(TIER_FLOORS[-1]) == "私行"


def _scalar(store: Store, sql: str, **params) -> int:
    with store.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def test_customers_look_like_a_bank(demo_store):
    n = _scalar(demo_store, "SELECT count(*) FROM customers")
    assert n == 300
    tiers = dict(demo_store.engine.connect().execute(
        text("SELECT aum_tier, count(*) FROM customers GROUP BY aum_tier")).all())
    assert tiers["普通"] > tiers.get("金卡", 0) > tiers.get("钻石", 0) > 0
    # every tier agrees with the AUM
    for aum, tier in demo_store.engine.connect().execute(text("SELECT aum, aum_tier FROM customers")):
        assert tier_of(aum) == tier
    consent = _scalar(demo_store, "SELECT avg(consent_sms) FROM customers")
    assert 0.8 < consent < 1.0  # mostly true, some false
    assert _scalar(demo_store, "SELECT count(*) FROM customers WHERE phone NOT LIKE '1__****____'") == 0
    assert _scalar(demo_store, "SELECT count(*) FROM customers WHERE tags LIKE '%;老年;%' AND age < 60") == 0
    assert _scalar(demo_store, "SELECT count(*) FROM customers WHERE is_payroll = 1 AND payroll_day IS NULL") == 0
    assert _scalar(demo_store, "SELECT count(DISTINCT lifecycle_stage) FROM customers") == 5
    assert _scalar(demo_store, "SELECT count(DISTINCT risk_level) FROM customers") == 5


def test_every_template_trigger_has_customers(demo_store, demo_now):
    def events(name: str, past: bool = True, where: str = "") -> int:
        op = "<=" if past else ">"
        return _scalar(demo_store, f"SELECT count(*) FROM events WHERE name = :n AND ts {op} :now {where}",
                       n=name, now=demo_now)

    for name in ("register", "view_account_open_page", "account_opened", "app_launch",
                 "payroll_credited", "buy_fund", "deposit"):
        assert events(name) > 0, name
        assert events(name, past=False) > 0, name  # the scripted feed goes on
    # 1. activation: some registrations never reach the account page
    assert _scalar(demo_store, """
        SELECT count(*) FROM events r WHERE r.name = 'register' AND NOT EXISTS (
          SELECT 1 FROM events v WHERE v.customer_id = r.customer_id
          AND v.name = 'view_account_open_page')""") > 0
    # 2. breakpoint: step >= 3 without an account within 30 minutes
    assert _scalar(demo_store, """
        SELECT count(DISTINCT s.customer_id) FROM events s WHERE s.name = 'account_open_step'
        AND json_extract(s.properties, '$.step') >= 3 AND NOT EXISTS (
          SELECT 1 FROM events o WHERE o.customer_id = s.customer_id AND o.name = 'account_opened'
          AND o.ts <= s.ts + 1800)""") > 0
    # 4. near-threshold AUM; 5. dormant with assets; 6./7. key dates soon
    assert _scalar(demo_store, """SELECT count(*) FROM customers
        WHERE (aum >= 45000 AND aum < 50000) OR (aum >= 450000 AND aum < 500000)
        OR (aum >= 1800000 AND aum < 2000000) OR (aum >= 5400000 AND aum < 6000000)""") > 0
    assert _scalar(demo_store, """SELECT count(*) FROM customers c WHERE aum > 0 AND NOT EXISTS (
        SELECT 1 FROM events e WHERE e.customer_id = c.customer_id AND e.name = 'app_launch'
        AND e.ts > :now - 30 * 86400 AND e.ts <= :now)""", now=demo_now) > 0
    today = date.fromtimestamp(demo_now)
    assert _scalar(demo_store, "SELECT count(*) FROM customers WHERE wealth_maturity_date "
                   "BETWEEN :a AND date(:a, '+30 days')", a=today.isoformat()) > 0
    assert _scalar(demo_store, "SELECT count(*) FROM customers WHERE strftime('%j', birthday) "
                   "BETWEEN strftime('%j', :a) AND strftime('%j', date(:a, '+30 days'))",
                   a=today.isoformat()) > 0


def test_funnel_ratios_are_plausible(demo_store, demo_now):
    registered = _scalar(demo_store, "SELECT count(*) FROM events WHERE name = 'register'")
    opened = _scalar(demo_store, "SELECT count(*) FROM events WHERE name = 'account_opened'")
    deposited = _scalar(demo_store, "SELECT count(*) FROM events WHERE name = 'first_deposit'")
    assert registered > 20
    assert 0.2 < opened / registered < 0.6  # "often below 40 %"
    assert deposited < opened
    # the attributes do not reveal the future
    assert _scalar(demo_store, "SELECT count(*) FROM customers WHERE account_opened_at > :now "
                   "OR registered_at > :now", now=demo_now) == 0


def test_events_are_indexed_after_the_bulk_load(demo_store):
    with demo_store.engine.connect() as conn:
        plan = " ".join(str(r) for r in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM events WHERE name = 'register' AND ts > 0")))
    assert "ix_events_name_ts_customer" in plan


def test_count_matching_previews_an_audience(demo_store, demo_now):
    from runtime.api import count_matching

    private = _scalar(demo_store, "SELECT count(*) FROM customers WHERE aum >= 6000000")
    assert count_matching(demo_store, {"attribute": "aum_tier", "op": "eq", "value": "私行"},
                          at=demo_now) == private
    seniors = _scalar(demo_store, "SELECT count(*) FROM customers WHERE tags LIKE '%;老年;%'")
    assert seniors > 0
    assert count_matching(demo_store, {"attribute": "tags", "op": "contains", "value": "老年"},
                          at=demo_now) == seniors
    launched = _scalar(demo_store, "SELECT count(DISTINCT customer_id) FROM events WHERE "
                       "name = 'app_launch' AND ts > :now - 7 * 86400 AND ts <= :now",
                       now=demo_now)
    condition = {"event": "app_launch", "within": {"amount": 7, "unit": "days"}}
    assert count_matching(demo_store, condition, at=demo_now) == launched
    assert 0 < launched < 300
