"""Where a log channel without --dir writes: JOURNEY_DELIVERY_DIR when set,
else beside a SQLite store's file, else (a PostgreSQL store) the process's
current folder — and it says so, in `channel list` and when it first
delivers, so a service never writes somewhere nobody looks."""
from __future__ import annotations

import json
import signal
import time
from contextlib import ExitStack

from runtime.cli import main
from runtime.delivery import Dispatcher, dispatch_once
from tests.runtime.delivery_fixtures import configure, customers, sent_touches

CWD_HINT = "(the current folder of this process: set JOURNEY_DELIVERY_DIR or"


def _lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_sqlite_store_writes_beside_its_file_and_says_so_once(store, tmp_path, monkeypatch):
    monkeypatch.delenv("JOURNEY_DELIVERY_DIR", raising=False)
    ids = sent_touches(store, "sms", customers(2))
    with Dispatcher(store) as dispatcher:
        first = dispatcher.run_once()
        sent_touches(store, "sms", customers(1, prefix="late"), journey_id="j2")
        second = dispatcher.run_once()  # the same adapter: nothing new to say
    path = (tmp_path / "deliveries" / "sms.jsonl").resolve()
    assert first.notices == {"sms": (
        f"channel sms: the log adapter appends to {path} (beside the store file)",
        f"渠道 sms：log 方式追加写入 {path}（与存储文件同目录）")}
    assert second.counts == {"delivered": 1} and second.notices == {}
    assert [d["touch_id"] for d in _lines(path)][:2] == ids


def test_journey_delivery_dir_is_where_unconfigured_log_channels_write(either_store, tmp_path):
    folder = tmp_path / "service-deliveries"
    ids = sent_touches(either_store, "push", customers(2), title="提醒")
    result = dispatch_once(either_store, env={"JOURNEY_DELIVERY_DIR": str(folder)})
    assert result.counts == {"delivered": 2}
    assert [d["touch_id"] for d in _lines(folder / "push.jsonl")] == ids
    assert result.notices["push"][0] == (f"channel push: the log adapter appends to "
                                         f"{folder.resolve() / 'push.jsonl'} "
                                         "(from JOURNEY_DELIVERY_DIR)")


def test_a_channel_with_its_own_dir_says_nothing(either_store, tmp_path):
    sent_touches(either_store, "sms", customers(1))
    configure(either_store, "sms", "log", dir=str(tmp_path / "mine"))
    result = dispatch_once(either_store, env={"JOURNEY_DELIVERY_DIR": str(tmp_path / "not")})
    assert result.counts == {"delivered": 1} and result.notices == {}
    assert (tmp_path / "mine" / "sms.jsonl").exists() and not (tmp_path / "not").exists()


def test_an_unconfigured_postgresql_log_channel_names_the_current_folder(
        postgres_store, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("JOURNEY_DELIVERY_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    url = postgres_store.url
    sent_touches(postgres_store, "sms", customers(2))
    code, out, _ = _run(capsys, "channel", "list", "--store", url, "--lang", "en")
    line = next(t for t in out.splitlines() if t.startswith("sms "))
    folder = (tmp_path / "deliveries").resolve()
    assert code == 0 and f"log (default)  dir={folder} {CWD_HINT}" in line
    assert "`channel set sms log --dir DIR` for a fixed place)" in line
    code, out, err = _run(capsys, "deliver", "--store", url, "--lang", "en")
    assert (code, out.strip()) == (0, "delivery pass: delivered 2")
    assert f"channel sms: the log adapter appends to {folder / 'sms.jsonl'} {CWD_HINT}" in err
    assert len(_lines(folder / "sms.jsonl")) == 2
    monkeypatch.setenv("JOURNEY_DELIVERY_DIR", str(tmp_path / "fixed"))
    code, out, _ = _run(capsys, "channel", "list", "--store", url, "--lang", "zh_CN")
    line = next(t for t in out.splitlines() if t.startswith("sms "))
    assert f"dir={(tmp_path / 'fixed').resolve()} （来自 JOURNEY_DELIVERY_DIR）" in line


def test_the_live_runtime_says_once_where_a_log_channel_writes(tmp_path, request):
    from tests.runtime.engine_fixtures import fresh_store
    from tests.runtime.live_harness import FAST, LiveProcess, build, future, wave
    from tests.runtime.live_harness import add_events as insert_events

    with ExitStack() as stack:
        store = stack.enter_context(fresh_store("sqlite", tmp_path, request, "live"))
        build(store, int(time.time()) - 5)
        live = LiveProcess(store.url, *FAST, deliver=True)
        live.wait_event("started")
        insert_events(store, wave(future(2), ["c1", "c2"]))
        live.wait_for(lambda: live.events("delivered"), "a delivery pass")
        insert_events(store, wave(future(2), ["c3"]))
        live.wait_for(lambda: len(live.events("delivered")) >= 2, "a second delivery pass")
        assert live.stop(signal.SIGTERM) == 0, live.log()
    said = {}
    for line in live.events("delivery_target"):  # once per channel, though it delivered twice
        assert line["channel"] not in said
        said[line["channel"]] = line["message"]
    assert "sms" in said and "(beside the store file)" in said["sms"]
