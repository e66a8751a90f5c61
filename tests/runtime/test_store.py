"""The store: schema creation, self-upgrade, catalog growth, policies."""
from __future__ import annotations

import sqlite3

import pytest
from pydantic import ValidationError
from sqlalchemy import insert, inspect, select

from nodes.catalog import STANDARD_CATALOG, AttributeDef, AttrType, EventDef
from runtime.store import CatalogError, Policies, Store, StoreError, StoreVersionError, schema
from runtime.store.upgrade import UPGRADES


def test_new_store_has_every_table_and_the_standard_catalog(store):
    names = set(inspect(store.engine).get_table_names())
    assert set(schema.metadata.tables) | {"customers"} <= names
    assert store.schema_version() == schema.SCHEMA_VERSION
    assert store.upgraded_from == 0
    catalog = store.catalog()
    assert {n: a.type for n, a in catalog.attributes.items()} == {
        n: a.type for n, a in STANDARD_CATALOG.attributes.items()}
    assert catalog.events["buy_fund"].properties == {"amount": AttrType.number,
                                                     "product": AttrType.string}
    columns = {c["name"]: c for c in inspect(store.engine).get_columns("customers")}
    assert set(columns) == {"customer_id", *STANDARD_CATALOG.attributes}
    assert str(columns["registered_at"]["type"]) == "BIGINT"
    assert str(columns["birthday"]["type"]) == "DATE"


def test_events_and_touches_have_the_contract_indexes(store):
    def indexed(table: str) -> set[tuple[str, ...]]:
        return {tuple(i["column_names"]) for i in inspect(store.engine).get_indexes(table)}

    # (name, ts) with the customer: a tick's window reads need no event row.
    assert {("name", "ts", "customer_id"), ("customer_id", "name", "ts")} <= indexed("events")
    assert {("journey_id", "version", "node_id", "status", "at"),
            ("journey_id", "customer_id")} <= indexed("enrollments")
    assert {("customer_id", "channel", "at"), ("status", "at")} <= indexed("touches")


def test_reopening_keeps_data_and_does_not_upgrade(store_url, store):
    with store.engine.begin() as conn:
        conn.execute(insert(store.customers_table()).values(customer_id="C1", aum=12.5,
                                                            tags=";车主;"))
    store.close()
    again = Store.open(store_url)
    assert again.upgraded_from == schema.SCHEMA_VERSION
    with again.engine.connect() as conn:
        row = conn.execute(select(again.customers_table())).one()
    assert (row.customer_id, row.aum, schema.text_to_tags(row.tags)) == ("C1", 12.5, ["车主"])
    again.close()


def test_version_1_store_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.db"
    Store(f"sqlite:///{path}").close()
    # Make it look like a version-1 store: no report indexes, version stamp 1.
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX ix_step_log_enrollment")
        db.execute("DROP INDEX ix_step_log_node")
        db.execute("DROP INDEX ix_touches_journey")
        db.execute("DROP INDEX ix_events_late")
        db.execute("DROP INDEX ix_enrollments_node")
        db.execute("CREATE INDEX ix_enrollments_status_at ON enrollments (status, at)")
        db.execute("DROP INDEX ix_touches_status_at")
        db.execute("DROP INDEX ix_rewards_node_customer")
        db.execute("CREATE INDEX ix_rewards_journey ON rewards (journey_id, version, node_id,"
                   " status)")
        db.execute("ALTER TABLE events DROP COLUMN late_after")
        for column in ("paused_at", "resumed_at", "skip_missed"):
            db.execute(f"ALTER TABLE journey_versions DROP COLUMN {column}")
        db.execute("UPDATE store_meta SET value='1' WHERE key='schema_version'")
    upgraded = Store(f"sqlite:///{path}")
    assert upgraded.upgraded_from == 1
    assert upgraded.schema_version() == schema.SCHEMA_VERSION == max(UPGRADES)
    names = {i["name"] for t in ("step_log", "touches", "enrollments", "rewards")
             for i in inspect(upgraded.engine).get_indexes(t)}
    assert {"ix_step_log_enrollment", "ix_step_log_node", "ix_touches_journey",
            "ix_enrollments_node", "ix_touches_status_at", "ix_rewards_node_customer"} <= names
    assert not {"ix_enrollments_status_at", "ix_rewards_journey"} & names
    assert {"paused_at", "resumed_at", "skip_missed"} <= {
        c["name"] for c in inspect(upgraded.engine).get_columns("journey_versions")}
    assert "late_after" in {c["name"] for c in inspect(upgraded.engine).get_columns("events")}
    upgraded.close()


def test_newer_store_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE store_meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(StoreVersionError, match="newer"):
        Store(f"sqlite:///{path}")


def test_foreign_database_and_bad_url_are_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE accounts (id INTEGER)")
    with pytest.raises(StoreVersionError, match="not a journey store"):
        Store(str(path))
    with pytest.raises(StoreError):
        Store("nosuchdriver://x/y")
    with pytest.raises(StoreError, match="init"):
        Store(f"sqlite:///{tmp_path / 'missing.db'}", create=False)


def test_catalog_grows_with_a_typed_column(store):
    store.extend_catalog(
        [AttributeDef(name="vip_level", type=AttrType.number, label_zh="VIP", label_en="VIP")],
        [EventDef(name="open_webinar", label_zh="直播", label_en="Webinar",
                  properties={"room": AttrType.string})],
    )
    assert store.catalog().attributes["vip_level"].type == AttrType.number
    assert "open_webinar" in store.catalog().events
    with store.engine.begin() as conn:
        conn.execute(insert(store.customers_table()).values(customer_id="C9", vip_level=3))
        assert conn.execute(select(store.customers_table().c.vip_level)).scalar() == 3
    # a known attribute with the same type is accepted and changes nothing
    store.extend_catalog([AttributeDef(name="aum", type=AttrType.number, label_zh="x",
                                       label_en="x")])
    assert store.catalog().attributes["aum"].label_en == "AUM"


@pytest.mark.parametrize("name, type_, message", [
    ("aum", AttrType.string, "already a number"),
    ("Bad Name", AttrType.string, "cannot be an attribute name"),
    ("customer_id", AttrType.string, "cannot be an attribute name"),
])
def test_catalog_refuses_clashes_and_bad_names(store, name, type_, message):
    with pytest.raises(CatalogError, match=message):
        store.extend_catalog([AttributeDef(name=name, type=type_, label_zh=name, label_en=name)])
    assert "Bad Name" not in store.catalog().attributes


def test_policies_round_trip(store):
    assert store.policies().caps == [] and store.policies().quiet_hours == {}
    store.set_policies({"timezone": "Asia/Shanghai", "quiet_hours": {"sms": ["21:00", "08:00"]},
                        "caps": [{"channel": "*", "max": 3, "period_s": 7 * 86400}]})
    policies = store.policies()
    assert policies.timezone == "Asia/Shanghai"
    assert policies.quiet_hours == {"sms": ("21:00", "08:00")}
    assert policies.caps[0].max == 3 and policies.caps[0].channel == "*"
    assert "3" in policies.describe("en") and "勿扰" in policies.describe("zh_CN")


@pytest.mark.parametrize("document", [
    {"timezone": "Mars/Olympus"},
    {"quiet_hours": {"fax": ["21:00", "08:00"]}},
    {"quiet_hours": {"sms": ["25:00", "08:00"]}},
    {"caps": [{"channel": "sms", "max": 0, "period_s": 60}]},
])
def test_bad_policies_are_refused(document):
    with pytest.raises(ValidationError):
        Policies.model_validate(document)


def test_published_versions_and_lookup(store):
    with store.engine.begin() as conn:
        conn.execute(insert(schema.journey_versions), [
            {"journey_id": "j", "version": v, "content_hash": f"h{v}", "document": f"{{{v}}}",
             "published_at": 100 * v, "state": "active"} for v in (1, 2)])
    assert [(r.journey_id, r.version) for r in store.published_versions()] == [("j", 1), ("j", 2)]
    assert store.journey_version("j").version == 2
    assert store.journey_version("j", 1).document == "{1}"
    assert store.journey_version("nope") is None
    store.set_journey_state("j", 1, "paused")
    assert store.published_versions("j")[0].state == "paused"


def test_tags_text_form():
    assert schema.tags_to_text(["车主", "老年"]) == ";车主;老年;"
    assert schema.tags_to_text([]) is None
    assert schema.text_to_tags(";车主;老年;") == ["车主", "老年"]


def test_rows_for_other_backends_get_python_dates_and_booleans(store):
    from datetime import date

    from runtime.store.bulk import _core_values

    table = store.customers_table()
    values = _core_values(table, ["customer_id", "birthday", "is_payroll", "aum"],
                          [("C1", "1990-01-02", 1, 5.0), ("C2", None, None, None)])
    assert values == [
        {"customer_id": "C1", "birthday": date(1990, 1, 2), "is_payroll": True, "aum": 5.0},
        {"customer_id": "C2", "birthday": None, "is_payroll": None, "aum": None},
    ]


def test_the_catalog_lists_standard_attributes_in_their_usual_order_then_the_stores_own(store):
    from nodes.catalog import STANDARD_CATALOG, AttributeDef, AttrType
    from runtime.store import catalog_io

    with store.engine.begin() as conn:
        catalog_io.add_attributes(conn, [AttributeDef(name="a_custom_score", type=AttrType.number,
                                                      label_zh="自定义评分", label_en="Score")])
    store.refresh()
    names = list(store.catalog().attributes)
    assert names[:len(STANDARD_CATALOG.attributes)] == list(STANDARD_CATALOG.attributes)
    # Alphabetically before every standard name, yet listed after all of them.
    assert names.index("a_custom_score") >= len(STANDARD_CATALOG.attributes)


def test_version_5_store_is_upgraded_with_pause_reasons(tmp_path):
    """v6: a version the run paused by itself keeps why; an older store's
    paused journey stays paused, without a reason, and resumes as before."""
    path = tmp_path / "v5.db"
    store = Store(f"sqlite:///{path}")
    with store.engine.begin() as conn:
        conn.execute(insert(schema.journey_versions).values(
            journey_id="j", version=1, content_hash="h", document="{}", published_at=0,
            state="paused", paused_at=50))
    store.close()
    with sqlite3.connect(path) as db:
        for column in ("pause_reason", "pause_node", "pause_detail", "pause_noticed_at"):
            db.execute(f"ALTER TABLE journey_versions DROP COLUMN {column}")
        db.execute("UPDATE store_meta SET value='5' WHERE key='schema_version'")
    upgraded = Store(f"sqlite:///{path}")
    try:
        assert upgraded.upgraded_from == 5
        assert upgraded.schema_version() == schema.SCHEMA_VERSION
        [row] = upgraded.journey_states("j")
        assert (row.state, row.paused_at, row.pause_reason) == ("paused", 50, None)
        assert upgraded.resume_journey("j", at=60) == [1]
        assert upgraded.auto_pause_journey("j", 1, 70, "bad_value", "f", "ValueError: x") == [1]
        [row] = upgraded.journey_states("j")
        assert (row.state, row.paused_at, row.pause_reason, row.pause_node, row.pause_detail) == (
            "paused", 70, "bad_value", "f", "ValueError: x")
        assert row.pause_noticed_at is not None
        upgraded.resume_journey("j", at=80)
        [row] = upgraded.journey_states("j")
        assert (row.state, row.resumed_at, row.pause_reason, row.pause_noticed_at) == (
            "active", 80, None, None)
    finally:
        upgraded.close()


def test_version_9_store_is_upgraded_with_covering_indexes(tmp_path):
    """v10: the events' (name, ts) index covers the customer; each channel's
    refusers have an index; a store with statistics gets theirs at once."""
    path = tmp_path / "v9.db"
    Store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX ix_events_name_ts_customer")
        for channel in ("sms", "push", "email", "in_app", "wechat", "call"):
            db.execute(f"DROP INDEX ix_customers_refuse_{channel}")
        db.execute("CREATE INDEX ix_events_name_ts ON events (name, ts)")
        db.execute("INSERT INTO customers (customer_id, consent_sms) VALUES ('c1', 0)")
        db.execute("INSERT INTO events (customer_id, name, ts) VALUES ('c1', 'register', 1)")
        db.execute("ANALYZE")
        db.execute("UPDATE store_meta SET value='9' WHERE key='schema_version'")
    upgraded = Store(f"sqlite:///{path}")
    try:
        assert upgraded.upgraded_from == 9
        names = {i["name"] for t in ("events", "customers")
                 for i in inspect(upgraded.engine).get_indexes(t)}
        assert "ix_events_name_ts" not in names
        assert {"ix_events_name_ts_customer", "ix_customers_refuse_sms"} <= names
    finally:
        upgraded.close()
    with sqlite3.connect(path) as db:
        analysed = {row[0] for row in db.execute("SELECT idx FROM sqlite_stat1")}
    assert {"ix_events_name_ts_customer", "ix_customers_refuse_sms"} <= analysed


def test_a_consent_attribute_added_later_gets_its_refusers_index(store):
    store.extend_catalog([AttributeDef(name="consent_fax", type=AttrType.bool,
                                       label_zh="同意传真", label_en="Consents to fax")])
    names = {i["name"] for i in inspect(store.engine).get_indexes("customers")}
    assert "ix_customers_refuse_fax" in names
