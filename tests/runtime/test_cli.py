"""`journey-runtime` end to end through `runtime.cli.main`, on real SQLite files."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from runtime.cli import main

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
ACTIVATION = TEMPLATES / "new-customer-activation.journey.json"
NOW = "2026-11-20T09:00:00+08:00"


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--lang", "en"] if argv and argv[0] != "--help" else list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_help_is_plain_words(capsys):
    code, out, _ = cli(capsys, "--help")
    assert code == 0 and "init" in out and "publish" in out and "report" in out
    assert main(["import", "--help"]) == 0
    assert "customers.csv" in capsys.readouterr().out
    assert main([]) == 2  # no command: usage error
    assert "COMMAND" in capsys.readouterr().err


def test_init_with_demo_then_refuses_a_second_demo(capsys, url):
    code, out, _ = cli(capsys, "init", "--store", url, "--demo", "150", "--seed", "5",
                       "--now", NOW)
    assert code == 0 and "150 customers" in out and "2026-11-20T09:00:00+08:00" in out
    code, _, err = cli(capsys, "init", "--store", url, "--demo", "10")
    assert code == 1 and "already has 150 customers" in err
    code, out, _ = cli(capsys, "policy", "--store", url)
    assert code == 0 and "Asia/Shanghai" in out  # demo stores live in China


def test_init_rejects_a_naive_now(capsys, url):
    code, _, err = cli(capsys, "init", "--store", url, "--demo", "5", "--now", "2026-11-20T09:00")
    assert code == 1 and "--now" in err and "UTC offset" in err


def test_import_good_and_bad_files(capsys, url, tmp_path):
    good = tmp_path / "customers.csv"
    good.write_text("customer_id,aum:number,vip:number\nC1,10,1\nC2,20,2\n", encoding="utf-8")
    bad = tmp_path / "events.csv"
    bad.write_text("customer_id,event,ts\nC1,app_launch,2026-11-20T09:00:00+08:00\n"
                   "C2,app_launch,not-a-time\n", encoding="utf-8")
    assert cli(capsys, "init", "--store", url)[0] == 0
    code, out, _ = cli(capsys, "import", "--store", url, str(good))
    assert code == 0 and "2 customers (2 new" in out and "vip" in out
    code, _, err = cli(capsys, "import", "--store", url, str(bad))
    assert code == 1 and "line 3" in err and "'ts'" in err and "nothing was imported" in err
    with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (0,)
    code, _, err = cli(capsys, "import", "--store", url, str(tmp_path / "missing.csv"))
    assert code == 1 and "missing.csv" in err
    more = tmp_path / "more.csv"
    more.write_text("customer_id,aum:number\nC3,30\n", encoding="utf-8")
    code, out, err = cli(capsys, "import", "--store", url, str(bad), str(more))
    assert code == 1 and "more.csv: imported 1 customers" in out
    assert "1 of 2 files not imported: " in err and "events.csv" in err.splitlines()[-1]


def test_policy_options(capsys, url):
    cli(capsys, "init", "--store", url)
    code, out, _ = cli(capsys, "policy", "--store", url, "--timezone", "Asia/Shanghai",
                       "--quiet-hours", "sms=21:00-08:00", "--cap", "sms=1/1d", "--cap", "*=3/7d")
    assert code == 0
    assert "Quiet hours sms: 21:00-08:00" in out
    assert "Cap sms: at most 1 per 1d" in out and "Cap all channels: at most 3 per 1w" in out
    code, out, _ = cli(capsys, "policy", "--store", url, "--cap", "sms=none",
                       "--quiet-hours", "sms=none")
    assert "Cap sms" not in out and "Cap all channels" in out and "Quiet hours: none" in out
    for option, value, fragment in (("--cap", "sms=1/1x", "not a duration"),
                                    ("--cap", "fax=1/1d", "unknown channel"),
                                    ("--quiet-hours", "sms=25:00-08:00", "HH:MM"),
                                    ("--cap", "sms=1/0d", "longer than zero"),
                                    ("--timezone", "Mars/Olympus", "unknown time zone")):
        code, _, err = cli(capsys, "policy", "--store", url, option, value)
        assert code == 1 and fragment in err and "pydantic" not in err, (value, err)
    code, out, _ = cli(capsys, "policy", "--store", url, "--cap", "sms=1/1d", "--cap", "sms=none")
    assert code == 0 and "Cap sms" not in out  # the later option wins
    code, out, _ = cli(capsys, "policy", "--store", url, "--cap", "sms=1/1d", "--cap", "sms=3/7d")
    assert "at most 1 per 1d" in out and "at most 3 per 1w" in out  # both rules kept
    assert main(["policy", "--store", url, "--cap", "sms=abc", "--lang", "zh_CN"]) == 1
    assert "有误，应写成 sms=1/1d" in capsys.readouterr().err


def test_publish_run_report_export(capsys, url, tmp_path):
    assert cli(capsys, "init", "--store", url, "--demo", "300", "--seed", "2", "--now", NOW)[0] == 0
    code, out, _ = cli(capsys, "publish", "--store", url, str(ACTIVATION), "--at",
                       "2026-11-01T00:00:00+08:00")
    assert code == 0 and "version 1" in out and "hash " in out
    code, out, _ = cli(capsys, "publish", "--store", url, str(ACTIVATION))
    assert code == 0 and "already published" in out
    code, out, _ = cli(capsys, "run", "--store", url, "--from", "2026-11-10T09:00:00+08:00",
                       "--until", NOW, "--tick", "1d")
    assert code == 0 and "run finished" in out
    code, out, _ = cli(capsys, "report", "--store", url, "new-customer-activation", "--json")
    data = json.loads(out)
    assert code == 0 and data["journey"] == "new-customer-activation"
    assert data["enrolled"] > 0
    assert data["nodes"]["register"]["reached"] == data["enrolled"]
    assert data["enrolled"] == data["active"] + data["completed"] + data["exited"]
    code, out, _ = cli(capsys, "report", "--store", url, "new-customer-activation")
    assert code == 0 and f"Enrolled {data['enrolled']:,}" in out
    target = tmp_path / "touches.csv"
    code, out, _ = cli(capsys, "export", "--store", url, "new-customer-activation", "touches",
                       "--out", str(target))
    sent = sum(c["sent"] + sum(c["suppressed"].values()) for c in data["touches"].values())
    assert code == 0 and f"exported {sent:,}" in out
    assert len(target.read_text(encoding="utf-8").splitlines()) == sent + 1


def test_publish_refusals(capsys, url, tmp_path):
    cli(capsys, "init", "--store", url)
    broken = tmp_path / "broken.journey.json"
    broken.write_text('{"format": "journey-canvas", "format_version": 1, "journey": {}}',
                      encoding="utf-8")
    code, _, err = cli(capsys, "publish", "--store", url, str(broken))
    assert code == 1 and "journey.id" in err
    document = json.loads(ACTIVATION.read_text(encoding="utf-8"))
    document["journey"]["goal"]["event"] = "open_margin_account"
    unknown = tmp_path / "unknown.journey.json"
    unknown.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, _, err = cli(capsys, "publish", "--store", url, str(unknown))
    assert code == 1 and "open_margin_account" in err and "not published" in err
    code, _, err = cli(capsys, "publish", "--store", url, str(tmp_path / "nope.journey.json"))
    assert code == 1 and "cannot read" in err


def test_bad_run_options_and_unknown_things(capsys, url):
    cli(capsys, "init", "--store", url)
    code, _, err = cli(capsys, "run", "--store", url, "--tick", "soon")
    assert code == 1 and "--tick" in err
    code, _, err = cli(capsys, "run", "--store", url, "--from", NOW, "--until",
                       "2026-11-01T00:00:00+08:00")
    assert code == 1 and "--until must be after --from" in err
    code, _, err = cli(capsys, "report", "--store", url, "nope")
    assert code == 1 and "no published journey nope" in err
    code, _, err = cli(capsys, "simulate", "--store", url, str(ACTIVATION), "--days", "0")
    assert code == 1 and "--days" in err
    code, _, err = cli(capsys, "export", "--store", url, "nope", "touches", "--out", "x.csv")
    assert code == 1


def test_store_problems_are_explained(capsys, tmp_path):
    code, _, err = cli(capsys, "report", "--store", f"sqlite:///{tmp_path / 'none.db'}", "j")
    assert code == 1 and "init" in err
    assert not (tmp_path / "none.db").exists()  # asking did not create an empty file
    newer = tmp_path / "newer.db"
    assert main(["init", "--store", str(newer)]) == 0
    with sqlite3.connect(newer) as db:
        db.execute("UPDATE store_meta SET value = '99' WHERE key = 'schema_version'")
    capsys.readouterr()
    code, _, err = cli(capsys, "policy", "--store", str(newer))
    assert code == 1 and "newer" in err


def test_chinese_messages(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'zh.db'}"
    assert main(["init", "--store", url, "--lang", "zh_CN"]) == 0
    assert "客户库已就绪" in capsys.readouterr().out
    assert main(["report", "--store", url, "nope", "--lang", "zh_CN"]) == 1
    assert "错误" in capsys.readouterr().err


def test_progress_only_on_a_terminal():
    import io

    from runtime.progress import TerminalProgress, no_progress, terminal_progress

    assert terminal_progress(io.StringIO()) is no_progress  # a pipe or a log stays clean

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    ticks = iter(range(100))
    progress = TerminalProgress(stream, interval=0.5, clock=lambda: next(ticks))
    progress(0, 10, "demo")
    progress(5, 10, "demo")
    progress(10, 10, "demo")
    text = stream.getvalue()
    assert "\rdemo [" in text and "10/10" in text and text.endswith("\n")


def test_simulate_prints_a_table_and_explains_a_refused_file(capsys, url, tmp_path):
    assert cli(capsys, "init", "--store", url, "--demo", "150", "--seed", "5", "--now", NOW)[0] == 0
    code, out, _ = cli(capsys, "simulate", "--store", url, str(ACTIVATION), "--days", "7")
    assert code == 0 and out.startswith("simulated 7 days from ")
    assert "(the store was not changed)" in out and "Enrolled" in out and "Node" in out
    code, out, _ = cli(capsys, "simulate", "--store", url, str(ACTIVATION), "--days", "7",
                       "--json")
    assert code == 0 and json.loads(out)["journey"] == "new-customer-activation"
    broken = json.loads(ACTIVATION.read_text(encoding="utf-8"))
    broken["graph"]["nodes"][0]["config"]["event"] = "no_such_event"
    bad = tmp_path / "bad.journey.json"
    bad.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    code, _, err = cli(capsys, "simulate", "--store", url, str(bad), "--days", "7")
    assert code == 1 and "no_such_event" in err and "internal error" not in err


def test_publish_at_before_the_previous_version_is_refused(capsys, url, tmp_path):
    cli(capsys, "init", "--store", url)
    cli(capsys, "policy", "--store", url, "--require-approval", "off")  # about --at, not review
    assert cli(capsys, "publish", "--store", url, str(ACTIVATION), "--at", NOW)[0] == 0
    edited = json.loads(ACTIVATION.read_text(encoding="utf-8"))
    edited["journey"]["name"] = "v2"
    second = tmp_path / "v2.journey.json"
    second.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    code, _, err = cli(capsys, "publish", "--store", url, str(second), "--at",
                       "2026-11-01T00:00:00+08:00")
    assert code == 1 and "before version 1" in err
    assert cli(capsys, "publish", "--store", url, str(second))[0] == 0


def test_a_reader_that_stops_early_ends_the_command_quietly(capsys, url):
    """`journey-runtime report … | head`: a closed pipe is the reader's choice,
    not an error (BrokenPipeError is an OSError, so its handler must come first)."""
    import os
    import subprocess
    import sys

    assert cli(capsys, "init", "--store", url)[0] == 0
    assert cli(capsys, "policy", "--store", url, "--require-approval", "off")[0] == 0
    assert cli(capsys, "publish", "--store", url, str(ACTIVATION))[0] == 0
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "runtime.cli", "report", "--store", url,
             "new-customer-activation", "--lang", "en"],
            check=False, stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120,
            cwd=Path(__file__).resolve().parents[2])
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")


def test_messages_follow_the_one_locale_rule(capsys, url, monkeypatch):
    from nodes.lang import language_from_locale

    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert language_from_locale() == "zh_CN"
    assert main(["report", "--store", url, "nope"]) == 1
    assert "错误" in capsys.readouterr().err
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert main(["report", "--store", url, "nope"]) == 1
    assert "error:" in capsys.readouterr().err
