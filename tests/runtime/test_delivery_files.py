"""The file adapters: log (the default of every channel) and csv (for
channels worked by people), written so a crash never leaves half a file."""
from __future__ import annotations

import csv
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import update

from runtime.delivery import dispatch_once
from runtime.delivery.adapters.csvfile import mask_phone
from runtime.store import schema
from tests.runtime.delivery_fixtures import configure, customers, sent_touches, states


def test_every_channel_without_configuration_goes_to_the_log(store, tmp_path):
    ids = sent_touches(store, "sms", customers(3), template="{{ name }}，欢迎")
    assert dispatch_once(store).counts == {"delivered": 3}
    lines = [json.loads(line) for line in
             (tmp_path / "deliveries" / "sms.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d["touch_id"], d["idempotency_key"], d["content"]) for d in lines] == [
        (i, str(i), f"客户{n}，欢迎") for n, i in enumerate(ids)]
    assert dispatch_once(store).counts == {}  # delivered once: nothing written again
    assert len((tmp_path / "deliveries" / "sms.jsonl").read_text().splitlines()) == 3


def test_a_log_folder_that_cannot_be_written_is_retried_later(store, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    [touch_id] = sent_touches(store, "sms", customers(1))
    configure(store, "sms", "log", dir=str(blocker / "inside"))
    assert dispatch_once(store).counts == {"retrying": 1}
    state, reason, _, tried = states(store)[touch_id]
    assert (state, reason, tried) == ("retrying", "write_error", 1)


def _day_file(folder, channel: str):
    day = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    return folder / f"{channel}-{day}.csv"


def _rows(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_call_tasks_land_in_one_csv_per_day_with_masked_phones(store, tmp_path):
    store.set_policies({"timezone": "Asia/Shanghai"})
    folder = tmp_path / "calls"
    people = [{"customer_id": "c1", "name": "王芳", "phone": "13812345678",
               "customer_manager": "李经理"},
              {"customer_id": "c2", "name": "=HYPERLINK(1)", "phone": "13900001111"}]
    ids = sent_touches(store, "call", people, template="致电{{ name }}，介绍理财到期续作")
    configure(store, "call", "csv", dir=str(folder))
    assert dispatch_once(store).counts == {"delivered": 2}
    rows = _rows(_day_file(folder, "call"))
    assert [(r["touch_id"], r["customer_id"], r["name"], r["phone"], r["customer_manager"],
             r["journey_id"], r["node_id"]) for r in rows] == [
        (str(ids[0]), "c1", "王芳", "138****5678", "李经理", "j", "s"),
        (str(ids[1]), "c2", "'=HYPERLINK(1)", "139****1111", "", "j", "s")]
    assert rows[0]["task"] == "致电王芳，介绍理财到期续作"
    assert list(folder.iterdir()) == [_day_file(folder, "call")]  # no temp file left

    # A crash after the write, before the store knew: the same touch again adds no row.
    t = schema.touches
    with store.engine.begin() as conn:
        conn.execute(update(t).where(t.c.id == ids[0]).values(delivery_state="pending"))
    more = sent_touches(store, "call", [{"customer_id": "c3", "name": "赵", "phone": "1"}],
                        journey_id="j2")
    assert dispatch_once(store).counts == {"delivered": 2}
    rows = _rows(_day_file(folder, "call"))
    assert [r["touch_id"] for r in rows] == [str(ids[0]), str(ids[1]), str(more[0])]
    assert rows[2]["phone"] == "*"


def test_phones_in_full_when_the_channel_says_so(store, tmp_path):
    sent_touches(store, "crm_lead", [{"customer_id": "c1", "name": "王", "phone": "13812345678"}])
    configure(store, "crm_lead", "csv", dir=str(tmp_path), show_phone=True)
    dispatch_once(store)
    [row] = _rows(next(tmp_path.glob("crm_lead-*.csv")))
    assert row["phone"] == "13812345678"


def test_mask_phone_keeps_only_the_ends():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+8613812345678") == "+86*******5678"
    assert mask_phone("12345") == "***45"
    assert mask_phone("1234") == "****"
    assert mask_phone(None) == ""


def test_a_csv_channel_test_never_lands_in_a_days_task_list(store, tmp_path, capsys):
    from runtime.cli import main

    url, folder = str(store.engine.url), tmp_path / "calls"
    assert main(["channel", "set", "--store", url, "call", "csv", "--dir", str(folder)]) == 0
    assert main(["channel", "test", "--store", url, "--lang", "en", "call"]) == 0
    assert [p.name for p in folder.iterdir()] == ["call-test.csv"]
    [row] = _rows(folder / "call-test.csv")
    assert row["customer_id"] == "test" and "call" in capsys.readouterr().out
