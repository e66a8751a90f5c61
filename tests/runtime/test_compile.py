"""Conditions compiled to SQL, run on a real SQLite store."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import literal, select

from nodes.conditions import parse_condition
from runtime.compile import Context, compile_condition
from runtime.store import Store
from runtime.store.schema import tags_to_text

T0 = int(datetime(2024, 6, 1, 12, 0, tzinfo=UTC).timestamp())
DAY = 86400


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(str(tmp_path_factory.mktemp("c") / "store.db"))
    customers, events = s.customers_table(), s.tables["events"]
    rows = [
        {"customer_id": "a", "city": "上海", "aum": 100.0, "is_payroll": True, "birthday": date(1990, 6, 3),
             "registered_at": T0 - 2 * DAY, "tags": tags_to_text(["车主", "年轻"]), "name": "Alice",
             "risk_level": "R2"},
        {"customer_id": "b", "city": "北京", "aum": 5000.0, "is_payroll": False,
             "birthday": date(1980, 5, 20), "registered_at": T0 - 40 * DAY, "tags": tags_to_text(["老年"]),
             "name": "bob", "risk_level": "R5"},
        {"customer_id": "c", "city": None, "aum": None, "is_payroll": None, "birthday": None,
             "registered_at": None, "tags": None, "name": "", "risk_level": None},
    ]
    ev = [
        {"customer_id": "a", "name": "app_launch", "ts": T0 - 3600, "properties": None},
        {"customer_id": "a", "name": "app_launch", "ts": T0 - 2 * DAY, "properties": None},
        {"customer_id": "a", "name": "app_launch", "ts": T0 + 3600, "properties": None},  # future
        {"customer_id": "b", "name": "deposit", "ts": T0 - 100, "properties": '{"amount": 500}'},
        {"customer_id": "a", "name": "deposit", "ts": T0 - 100, "properties": '{"amount": 50}'},
        {"customer_id": "b", "name": "view_product", "ts": T0 - 5, "properties": '{"product": "FundX"}'},
        {"customer_id": "a", "name": "unsubscribe", "ts": T0 - 5, "properties": '{"channel": "sms"}'},
    ]
    with s.engine.begin() as conn:
        conn.execute(customers.insert(), rows)
        conn.execute(events.insert(), ev)
    return s


def matching(store: Store, data, at: int = T0, entered_at: int = T0 - DAY) -> set[str]:
    customers = store.customers_table()
    ctx = Context(
        catalog=store.catalog(), customers=customers, events=store.tables["events"],
        customer_id=customers.c.customer_id, at=literal(at), entered_at=literal(entered_at),
        timezone="Asia/Shanghai",
    )
    query = select(customers.c.customer_id).where(compile_condition(parse_condition(data), ctx))
    with store.engine.connect() as conn:
        return set(conn.execute(query).scalars())


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"attribute": "city", "op": "eq", "value": "上海"}, {"a"}),
        ({"attribute": "city", "op": "ne", "value": "上海"}, {"b"}),
        ({"attribute": "city", "op": "in", "value": ["上海", "北京"]}, {"a", "b"}),
        ({"attribute": "city", "op": "not_in", "value": ["上海"]}, {"b"}),
        ({"attribute": "name", "op": "contains", "value": "lic"}, {"a"}),
        ({"attribute": "name", "op": "contains", "value": "LIC"}, set()),  # case-sensitive
        ({"attribute": "name", "op": "starts_with", "value": "b"}, {"b"}),
        ({"attribute": "name", "op": "is_set"}, {"a", "b"}),
        ({"attribute": "name", "op": "is_not_set"}, {"c"}),
        ({"attribute": "aum", "op": "gt", "value": 100}, {"b"}),
        ({"attribute": "aum", "op": "gte", "value": 100}, {"a", "b"}),
        ({"attribute": "aum", "op": "lt", "value": 5000}, {"a"}),
        ({"attribute": "aum", "op": "lte", "value": 5000}, {"a", "b"}),
        ({"attribute": "aum", "op": "between", "value": [50, 150]}, {"a"}),
        ({"attribute": "aum", "op": "in", "value": [5000, 7]}, {"b"}),
        ({"attribute": "aum", "op": "not_in", "value": [5000]}, {"a"}),
        ({"attribute": "aum", "op": "is_not_set"}, {"c"}),
        ({"attribute": "is_payroll", "op": "eq", "value": True}, {"a"}),
        ({"attribute": "is_payroll", "op": "eq", "value": False}, {"b"}),
        ({"attribute": "is_payroll", "op": "ne", "value": True}, {"b"}),
        ({"attribute": "birthday", "op": "lt", "value": "1985-01-01"}, {"b"}),
        ({"attribute": "birthday", "op": "between", "value": ["1985-01-01", "1995-01-01"]},
         {"a"}),
        ({"attribute": "birthday", "op": "eq", "value": "1990-06-03"}, {"a"}),
        ({"attribute": "registered_at", "op": "within_last",
          "value": {"amount": 7, "unit": "days"}}, {"a"}),
        ({"attribute": "registered_at", "op": "within_next",
          "value": {"amount": 7, "unit": "days"}}, set()),
        ({"attribute": "registered_at", "op": "gte", "value": "2024-05-01T00:00:00+08:00"},
         {"a"}),
        ({"attribute": "tags", "op": "contains", "value": "车主"}, {"a"}),
        ({"attribute": "tags", "op": "in", "value": ["老年", "年轻"]}, {"a", "b"}),
        ({"attribute": "tags", "op": "not_in", "value": ["老年"]}, {"a", "c"}),
        ({"attribute": "tags", "op": "is_set"}, {"a", "b"}),
    ],
)
def test_attribute_operators(store, data, expected):
    assert matching(store, data) == expected


def test_date_within_uses_calendar_days_in_journey_timezone(store):
    # T0 is 2024-06-01 20:00 in Shanghai; a's birthday 1990-06-03 is not a 2024 date.
    assert matching(store, {"attribute": "birthday", "op": "within_next",
                            "value": {"amount": 3, "unit": "days"}}) == set()
    at = int(datetime(1990, 5, 31, 20, 0, tzinfo=UTC).timestamp())  # 06-01 04:00 CST
    assert matching(store, {"attribute": "birthday", "op": "within_next",
                            "value": {"amount": 2, "unit": "days"}}, at=at) == {"a"}
    assert matching(store, {"attribute": "birthday", "op": "within_last",
                            "value": {"amount": 2, "unit": "days"}}, at=at) == set()


def test_nested_groups(store):
    city_a = {"attribute": "city", "op": "eq", "value": "上海"}
    rich = {"attribute": "aum", "op": "gte", "value": 1000}
    assert matching(store, {"any": [city_a, rich]}) == {"a", "b"}
    assert matching(store, {"all": [city_a, rich]}) == set()
    assert matching(store, {"not": {"any": [city_a, rich]}}) == {"c"}
    assert matching(store, {"all": []}) == {"a", "b", "c"}
    assert matching(store, {"any": []}) == set()
    assert matching(store, {"all": [{"not": city_a}, {"any": [rich, {"not": rich}]}]}) == {
        "b", "c"}


def test_events_count_within_and_as_of(store):
    assert matching(store, {"event": "app_launch"}) == {"a"}
    assert matching(store, {"event": "app_launch", "count": {"op": "eq", "value": 0}}) == {
        "b", "c"}
    # the future launch (after `at`) does not count
    assert matching(store, {"event": "app_launch", "count": {"op": "gte", "value": 3}}) == set()
    assert matching(store, {"event": "app_launch", "count": {"op": "eq", "value": 2}}) == {"a"}
    assert matching(store, {"event": "app_launch", "count": {"op": "lt", "value": 2}}) == {
        "b", "c"}
    assert matching(store, {"event": "app_launch", "within": {"amount": 1, "unit": "days"},
                            "count": {"op": "eq", "value": 1}}) == {"a"}
    assert matching(store, {"event": "app_launch", "within": "since_entry"},
                    entered_at=T0 - 7200) == {"a"}
    assert matching(store, {"event": "app_launch", "within": "since_entry"},
                    entered_at=T0 - 60) == set()
    assert matching(store, {"event": "app_launch"}, at=T0 + 7200,
                    ) == {"a"}


def test_event_where_on_json_properties(store):
    big = {"event": "deposit", "where": [{"attribute": "amount", "op": "gte", "value": 100}]}
    assert matching(store, big) == {"b"}
    assert matching(store, {"event": "deposit", "where": [
        {"attribute": "amount", "op": "between", "value": [10, 60]}]}) == {"a"}
    assert matching(store, {"event": "view_product", "where": [
        {"attribute": "product", "op": "starts_with", "value": "Fund"}]}) == {"b"}
    assert matching(store, {"event": "unsubscribe", "where": [
        {"attribute": "channel", "op": "eq", "value": "sms"}]}) == {"a"}
    assert matching(store, {"not": big}) == {"a", "c"}


def test_values_are_bound_not_pasted(store):
    customers = store.customers_table()
    ctx = Context(catalog=store.catalog(), customers=customers, events=store.tables["events"],
                  customer_id=customers.c.customer_id, at=literal(T0), entered_at=literal(T0))
    evil = "x'; DROP TABLE customers; --"
    expr = compile_condition(parse_condition({"attribute": "city", "op": "eq", "value": evil}),
                             ctx)
    assert "DROP" not in str(expr.compile(store.engine))
    assert matching(store, {"attribute": "city", "op": "eq", "value": evil}) == set()


@pytest.mark.parametrize("count, expected", [
    ({"op": "gt", "value": 1}, {"a"}), ({"op": "lte", "value": 1}, {"b", "c"}),
    ({"op": "ne", "value": 2}, {"b", "c"}), ({"op": "gt", "value": 0}, {"a"}),
    ({"op": "lt", "value": 1}, {"b", "c"}),
])
def test_event_count_operators(store, count, expected):
    assert matching(store, {"event": "app_launch", "count": count}) == expected


def test_conditions_correlate_to_an_enclosing_batch(store):
    """Inside EXISTS over customers, an event leaf still reads the outer row's instant."""
    from sqlalchemy import Column, MetaData, Table, Text, exists, insert
    from sqlalchemy.types import BigInteger

    rows = Table("probe", MetaData(), Column("customer_id", Text), Column("at", BigInteger),
                 prefixes=["TEMPORARY"])
    c = store.customers_table().alias("c")
    ctx = Context(catalog=store.catalog(), customers=c, events=store.tables["events"],
                  customer_id=rows.c.customer_id, at=rows.c.at, entered_at=rows.c.at)
    did_not = compile_condition(parse_condition(
        {"event": "app_launch", "count": {"op": "eq", "value": 0}}), ctx)
    test = exists(select(literal(1)).select_from(c).where(
        c.c.customer_id == rows.c.customer_id, did_not).correlate_except(c))
    with store.engine.begin() as conn:
        rows.create(conn)
        conn.execute(insert(rows), [{"customer_id": "a", "at": T0 - 3 * DAY},
                                    {"customer_id": "a", "at": T0},
                                    {"customer_id": "b", "at": T0}])
        found = conn.execute(select(rows.c.customer_id, rows.c.at).where(test)).all()
    # a had launched by T0 but not 3 days earlier; b never did
    assert sorted(found) == [("a", T0 - 3 * DAY), ("b", T0)]


def test_postgresql_rendering_uses_portable_functions(store):
    from sqlalchemy.dialects import postgresql

    customers = store.customers_table()
    ctx = Context(catalog=store.catalog(), customers=customers, events=store.tables["events"],
                  customer_id=customers.c.customer_id, at=literal(T0), entered_at=literal(T0),
                  dialect="postgresql")
    expr = compile_condition(parse_condition({"all": [
        {"attribute": "tags", "op": "contains", "value": "车主"},
        {"attribute": "birthday", "op": "within_next", "value": {"amount": 3, "unit": "days"}},
        {"event": "deposit", "where": [{"attribute": "amount", "op": "gte", "value": 100}]},
    ]}), ctx)
    sql = str(expr.compile(dialect=postgresql.dialect()))
    assert "strpos(" in sql and "->>" in sql and "to_timestamp(" in sql
    assert "json_extract" not in sql and "instr(" not in sql
