"""`journey-runtime channel`, `deliver` and `deliveries` on the command line."""
from __future__ import annotations

import json

import pytest

from runtime.cli import main
from tests.runtime.delivery_fixtures import customers, sent_touches, states
from tests.runtime.delivery_servers import Answer, WebhookServer, refused_url


@pytest.fixture
def url(store, store_url):
    return store_url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang, options, message", [
    ("en", ["--url", "ftp://x"], "--url: must be an http:// or https:// URL with a host"),
    ("en", ["--url", "http://x", "--rate", "0"], "--rate: Input should be greater than 0"),
    ("en", ["--url", "http://x", "--from", "a@b.example"],
     "--from does not apply to a webhook channel"),
    ("en", [], "--url is needed for a webhook channel"),
    ("zh_CN", ["--url", "http://x", "--max-age", "soon"], "--max-age 有误"),
])
def test_a_wrong_channel_option_is_named(capsys, url, lang, options, message):
    code, out, err = run(capsys, "channel", "set", "--store", url, "--lang", lang, "sms",
                         "webhook", *options)
    assert code == 1 and out == ""
    assert message in err


def test_channels_are_set_listed_and_merged(capsys, url, monkeypatch):
    monkeypatch.setenv("HOOK_SECRET", "top-secret-value")
    code, out, _ = run(capsys, "channel", "set", "--store", url, "--lang", "en", "sms",
                       "webhook", "--url", "http://127.0.0.1:9/hook", "--secret-env",
                       "HOOK_SECRET")
    assert code == 0 and "sms       webhook" in out
    # Options given later change only themselves.
    run(capsys, "channel", "set", "--store", url, "--lang", "en", "sms", "webhook", "--rate", "5")
    code, out, err = run(capsys, "channel", "list", "--store", url, "--lang", "en")
    line = next(t for t in out.splitlines() if t.startswith("sms "))
    assert "rate=5.0" in line and "url=http://127.0.0.1:9/hook" in line
    assert "secret_env=HOOK_SECRET (set)" in line and "top-secret-value" not in out + err
    assert any(t.startswith("email") and "log (default)" in t for t in out.splitlines())


def test_deliver_prints_counts_and_deliveries_lists_and_puts_back(capsys, store, url):
    ids = sent_touches(store, "sms", customers(2))
    with WebhookServer(lambda n: Answer(422, body="no such customer") if n == 1
                       else Answer()) as server:
        run(capsys, "channel", "set", "--store", url, "sms", "webhook", "--url", server.url)
        code, out, _ = run(capsys, "deliver", "--store", url, "--lang", "en")
        assert (code, out.strip()) == (0, "delivery pass: failed 2")
        code, out, _ = run(capsys, "deliveries", "--store", url, "--lang", "en",
                           "--status", "failed")
        assert code == 0 and len(out.splitlines()) == 2
        assert "http_422: HTTP 422 Unprocessable Entity: no such customer" in out
        code, out, err = run(capsys, "deliveries", "--store", url, "--lang", "en", "retry",
                             str(ids[0]), "99999")
        assert code == 1 and out.strip() == "put back 1 deliveries"
        assert "99999: not put back (no such sent touch)" in err
        code, out, _ = run(capsys, "deliver", "--store", url, "--json")
        assert json.loads(out)["delivered"] == 1
    assert states(store)[ids[0]][0] == "delivered" and states(store)[ids[1]][0] == "failed"
    code, out, _ = run(capsys, "deliveries", "--store", url, "--lang", "zh_CN", "retry",
                       "--failed", "--since", "2000-01-01T00:00:00+08:00")
    assert (code, out.strip()) == (0, "已重新排队 1 条投递")
    assert states(store)[ids[1]][0] == "pending"


def test_a_channel_missing_its_secret_makes_deliver_fail(capsys, store, url, monkeypatch):
    monkeypatch.delenv("NO_SUCH_SECRET", raising=False)
    sent_touches(store, "sms", customers(1))
    run(capsys, "channel", "set", "--store", url, "sms", "webhook", "--url", "http://x/h",
        "--secret-env", "NO_SUCH_SECRET")
    code, out, err = run(capsys, "deliver", "--store", url, "--lang", "en")
    assert code == 1 and "NO_SUCH_SECRET" in err and "nothing due" in out


def test_channel_test_shows_what_the_server_answered(capsys, url):
    with WebhookServer(lambda n: Answer(202, body="queued")) as server:
        run(capsys, "channel", "set", "--store", url, "push", "webhook", "--url", server.url)
        code, out, _ = run(capsys, "channel", "test", "--store", url, "--lang", "en", "push",
                           "--to", "C42")
    assert code == 0 and out.strip() == "channel push (webhook): delivered — HTTP 202 Accepted"
    [got] = server.received
    assert got.body["customer_id"] == "C42" and got.key.startswith("test-")
    run(capsys, "channel", "set", "--store", url, "push", "webhook", "--url", refused_url())
    code, _, err = run(capsys, "channel", "test", "--store", url, "--lang", "en", "push")
    assert code == 1 and "temporary failure — ConnectError" in err
