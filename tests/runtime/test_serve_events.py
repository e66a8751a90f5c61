"""`serve-events`: a real uvicorn server on 127.0.0.1 (an ephemeral port),
real HTTP, real SQLite and PostgreSQL stores."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from runtime.cli import main
from runtime.serve_events import EventsApp, build_server, listen
from runtime.store import Store
from tests.runtime.postgres_server import drop_database, new_database
from tests.runtime.test_events_intake import (
    EVENTS,
    STORED,
    T1,
    add_customer,
    event_count,
    stored_events,
)

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NDJSON = {**AUTH, "Content-Type": "application/x-ndjson"}
REPO = Path(__file__).resolve().parents[2]


@contextmanager
def serving(store: Store, max_body: int | None = None) -> Iterator[httpx.Client]:
    """A uvicorn server for `store` in a thread; a client pointed at it."""
    app = EventsApp(store, TOKEN, **({"max_body": max_body} if max_body else {}))
    sock = listen("127.0.0.1", 0)
    server = build_server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    port = sock.getsockname()[1]
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request):
    return request.getfixturevalue("store" if request.param == "sqlite" else "postgres_store")


def lines(events: list) -> str:
    return "".join((e if isinstance(e, str) else json.dumps(e)) + "\n" for e in events)


def test_one_event_as_json(store):
    with serving(store) as client:
        reply = client.post("/v1/events", json=EVENTS[1], headers=AUTH)
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"accepted": 1, "unknown_customers": 1, "late": 0, "new_events": []}
    assert stored_events(store) == [STORED[1]]


def test_a_pretty_printed_event_is_one_event(store):
    with serving(store) as client:
        reply = client.post("/v1/events", content=json.dumps(EVENTS[2], indent=2), headers=AUTH)
    assert reply.status_code == 200 and reply.json()["new_events"] == ["webinar_join"]
    assert stored_events(store) == [STORED[2]]


def test_a_batch_is_stored_and_unknown_customers_counted(any_store, tmp_path):
    add_customer(any_store, tmp_path, "C1")
    with serving(any_store) as client:
        reply = client.post("/v1/events", content=lines(EVENTS), headers=NDJSON)
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"accepted": 3, "unknown_customers": 1, "late": 0,
                            "new_events": ["webinar_join"]}
    assert stored_events(any_store) == STORED


def test_json_lines_are_recognised_without_their_content_type(store):
    with serving(store) as client:
        reply = client.post("/v1/events", content=lines(EVENTS), headers=AUTH)
    assert reply.status_code == 200 and reply.json()["accepted"] == 3
    assert stored_events(store) == STORED


def test_a_batch_with_one_bad_line_is_refused_whole(any_store):
    batch = [*EVENTS[:2], {"customer_id": "C3", "event": "deposit", "ts": "2026-11-20 09:00"},
             EVENTS[2]]
    with serving(any_store) as client:
        reply = client.post("/v1/events", content=lines(batch), headers=NDJSON)
        chinese = client.post("/v1/events", content=lines(batch),
                              headers={**NDJSON, "Accept-Language": "zh-CN,zh;q=0.9"})
    assert reply.status_code == 400
    body = reply.json()
    assert (body["line"], body["field"]) == (3, "ts")
    assert "line 3, field 'ts'" in body["error"] and "no UTC offset" in body["error"]
    assert body["problems"] == [{"line": 3, "field": "ts", "error": body["error"]}]
    assert "第 3 行，字段「ts」" in chinese.json()["error"]
    assert event_count(any_store) == 0
    any_store.refresh()
    assert "webinar_join" not in any_store.catalog().events


def test_a_line_that_is_not_json_is_named(store):
    with serving(store) as client:
        reply = client.post("/v1/events", content=lines([EVENTS[0], '{"customer_id": ']),
                            headers=NDJSON)
    assert reply.status_code == 400
    assert (reply.json()["line"], reply.json()["field"]) == (2, None)
    assert "not valid JSON" in reply.json()["error"]
    assert event_count(store) == 0


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": f"Bearer {TOKEN}x"}],
                         ids=["missing", "wrong", "not-bearer", "longer"])
def test_without_the_token_nothing_is_stored(store, headers):
    with serving(store) as client:
        reply = client.post("/v1/events", json=EVENTS[0], headers=headers)
    assert reply.status_code == 401
    assert "Bearer" in reply.json()["error"] and reply.headers["www-authenticate"] == "Bearer"
    assert event_count(store) == 0


def test_health_needs_no_token_and_other_routes_are_json(store):
    with serving(store) as client:
        health = client.get("/v1/health")
        missing = client.get("/v1/nothing")
        wrong_method = client.get("/v1/events", headers=AUTH)
        empty = client.post("/v1/events", content=b"", headers=AUTH)
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert missing.status_code == 404 and "error" in missing.json()
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "POST"
    assert empty.status_code == 400 and "no event" in empty.json()["error"]


def test_a_body_over_the_limit_is_refused(store):
    body = lines([EVENTS[0]] * 40)
    assert len(body) > 2000
    with serving(store, max_body=2000) as client:
        declared = client.post("/v1/events", content=body, headers=NDJSON)
        streamed = client.post("/v1/events", content=iter([body.encode()]), headers=NDJSON)
        small = client.post("/v1/events", content=lines([EVENTS[0]]), headers=NDJSON)
    assert declared.status_code == streamed.status_code == 413
    assert "larger than 2,000 bytes" in declared.json()["error"]
    assert small.status_code == 200
    assert event_count(store) == 1


def test_a_store_that_cannot_be_reached_answers_503(postgres_server_url):
    url = new_database(postgres_server_url)
    admin = create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    name = url.rsplit("/", 1)[1].split("?")[0]
    store = Store(url)
    try:
        with serving(store) as client:
            assert client.post("/v1/events", json=EVENTS[0], headers=AUTH).status_code == 200
            with admin.connect() as conn:  # the server closes the store's connections
                conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  "WHERE datname = :name"), {"name": name})
            refused = client.post("/v1/events", json=EVENTS[1], headers=AUTH)
            health = client.get("/v1/health")
        assert refused.status_code == health.status_code == 503
        assert "nothing was stored" in refused.json()["error"]
        assert "Traceback" not in refused.text and refused.headers["retry-after"] == "5"
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        store.close()
        with Store(url) as reopened:
            assert stored_events(reopened) == [("C1", "register", 1795136400, None)]
    finally:
        store.close()
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()
        drop_database(postgres_server_url, url)


# -- the command ---------------------------------------------------------------------

def test_the_command_refuses_to_start_without_a_token(capsys, store, monkeypatch):
    monkeypatch.delenv("JC_TEST_TOKEN", raising=False)
    argv = ["serve-events", "--store", store.url, "--token-env", "JC_TEST_TOKEN"]
    assert main([*argv, "--lang", "en"]) == 1
    assert "JC_TEST_TOKEN is unset or empty" in capsys.readouterr().err
    monkeypatch.setenv("JC_TEST_TOKEN", "  ")
    assert main([*argv, "--lang", "zh_CN"]) == 1
    assert "环境变量 JC_TEST_TOKEN 未设置或为空" in capsys.readouterr().err


def test_the_command_serves_until_sigterm_and_exits_0(store):
    env = {**os.environ, "JOURNEY_EVENTS_TOKEN": TOKEN}
    process = subprocess.Popen(
        [sys.executable, "-m", "runtime.cli", "serve-events", "--store", store.url, "--port", "0",
         "--lang", "en"], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        first = process.stdout.readline()
        assert first.startswith("accepting events: POST http://127.0.0.1:"), first
        url = first.split("POST ")[1].split(" ")[0]
        # The socket listens already: the request waits in its backlog until uvicorn serves.
        reply = httpx.post(url, json={"customer_id": "C7", "event": "app_launch", "ts": T1},
                           headers=AUTH, timeout=10)
        assert reply.json()["accepted"] == 1
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "stopped accepting events" in out and "Traceback" not in err
    assert "POST /v1/events" in err  # uvicorn's access log goes to stderr, not stdout
    assert stored_events(store) == [("C7", "app_launch", 1795136400, None)]

