"""Delivery benchmark: `python -m benchmarks.delivery --touches N [--concurrency C]`.

Puts N sent, pending touches on a webhook channel in a temporary SQLite
store and delivers them with one `dispatch_once` pass to a local HTTP server
(an asyncio keep-alive server in a process of its own, so it does not share
this process's interpreter lock; it counts requests per idempotency key).
In the same run it drives the same server with a bare httpx client loop of
the same concurrency and body size (best of a run before and one after the
dispatcher): `ratio` is deliveries/s over that baseline, 1 at best.
`p95_ms` is the 95th percentile, over the touches, of claim-to-answer time
(the attempt rows' finished - started): it includes the time a touch waits
in its claimed window for a free sender. `request_p50_ms` and
`request_p95_ms` are the requests alone (sent → answered, as the dispatcher
measured them), comparable with the bare loop's `baseline_p95_ms`. The last
line is one JSON object.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import multiprocessing
import os
import resource
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import insert, select

BODY_FIELDS = {"customer_id": "C0000001", "channel": "sms", "journey_id": "bench",
               "version": 1, "node_id": "s", "decided_at": "2026-11-20T01:00:00Z",
               "content": "尊敬的客户，您的账户已开通，欢迎体验我们的理财服务。"}


# -- the receiving server (child process) -------------------------------------------------

def _serve(ready: multiprocessing.Queue) -> None:
    keys: dict[str, int] = {}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                headers = {k.strip().lower(): v.strip() for k, _, v in
                           (line.partition(":") for line in lines[1:] if line)}
                length = int(headers.get("content-length", 0))
                if length:
                    await reader.readexactly(length)
                if lines[0].startswith("GET /stats"):
                    payload = json.dumps({"requests": sum(keys.values()), "keys": len(keys),
                                          "repeated": sum(n - 1 for n in keys.values())})
                    keys.clear()
                else:
                    key = headers.get("idempotency-key", "")
                    keys[key] = keys.get(key, 0) + 1
                    payload = "ok"
                data = payload.encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                             b"Content-Length: " + str(len(data)).encode() + b"\r\n\r\n" + data)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        ready.put(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def start_server() -> tuple[multiprocessing.Process, str]:
    ready: multiprocessing.Queue = multiprocessing.get_context("spawn").Queue()
    process = multiprocessing.get_context("spawn").Process(target=_serve, args=(ready,),
                                                           daemon=True)
    process.start()
    port = ready.get(timeout=30)
    return process, f"http://127.0.0.1:{port}"


def server_stats(base: str) -> dict:
    return httpx.get(f"{base}/stats", timeout=10).json()


# -- the baseline: a bare httpx loop ------------------------------------------------------

def baseline_rate(url: str, count: int, concurrency: int) -> tuple[float, float]:
    """Requests per second and p95 latency (ms) of `concurrency` threads
    posting `count` signed JSON bodies through one httpx client."""
    client = httpx.Client(timeout=httpx.Timeout(10, connect=5),
                          limits=httpx.Limits(max_connections=concurrency,
                                              max_keepalive_connections=concurrency))
    counter = iter(range(count))
    lock = threading.Lock()
    latencies: list[float] = []

    def worker() -> None:
        mine = []
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            body = json.dumps({**BODY_FIELDS, "touch_id": n, "idempotency_key": str(n)},
                              ensure_ascii=False, separators=(",", ":")).encode()
            started = time.perf_counter()
            client.post(url, content=body, headers={
                "Content-Type": "application/json", "Idempotency-Key": f"b{n}",
                "X-Journey-Signature": hashlib.sha256(body).hexdigest()}).raise_for_status()
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    client.close()
    return count / elapsed, _p95(latencies) * 1000


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94] if len(values) > 1 else (
        values[0] if values else 0.0)


# -- the store -------------------------------------------------------------------------------

def build_store(url: str, touches: int) -> None:
    from nodes.fileformat import dumps
    from nodes.journey import Journey
    from nodes.meta import JourneyMeta
    from runtime.store import Store, schema

    journey = Journey(JourneyMeta(id="bench"))
    journey.add_node("trigger", {"type": "event", "event": "register"}, node_id="t")
    journey.add_node("touch", {"channel": "sms", "template": "尊敬的{{ name }}，您的账户已开通，"
                               "欢迎体验我们的理财服务。"}, node_id="s")
    journey.connect("t", "next", "s")
    document = dumps(journey)
    with Store.open(url) as store, store.engine.begin() as conn:
        conn.execute(insert(schema.journey_versions).values(
            journey_id="bench", version=1, content_hash=hashlib.sha256(document.encode())
            .hexdigest(), document=document, published_at=0, state="active"))
        customers = store.customers_table()
        for start in range(0, touches, 10_000):
            part = range(start, min(touches, start + 10_000))
            conn.execute(insert(customers), [{"customer_id": f"C{i:07d}",
                                              "name": f"客户{i % 1000}"} for i in part])
            conn.execute(insert(schema.touches), [
                {"enrollment_id": i + 1, "journey_id": "bench", "version": 1,
                 "customer_id": f"C{i:07d}", "node_id": "s", "channel": "sms",
                 "at": 1_795_000_000, "status": "sent", "delivery_state": "pending"}
                for i in part])


def attempt_p95_ms(store) -> float:
    from runtime.store import schema

    a = schema.delivery_attempts
    with store.engine.connect() as conn:
        spans = [f - s for s, f in conn.execute(select(a.c.started_ms, a.c.finished_ms))]
    return _p95([float(s) for s in spans])


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.delivery", description=__doc__)
    parser.add_argument("--touches", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=8,
                        help="requests in flight (default 8, the webhook channel's default)")
    parser.add_argument("--workdir", help="where to put the store (default: a temp folder)")
    args = parser.parse_args(argv)

    from runtime.delivery import dispatch_once, parse_config, save_channel
    from runtime.delivery.dispatcher import percentile
    from runtime.store import Store

    process, base = start_server()
    try:
        with tempfile.TemporaryDirectory(prefix="journey-bench-", dir=args.workdir) as folder:
            url = f"sqlite:///{Path(folder) / 'delivery.db'}"
            build_store(url, args.touches)
            baseline_rate(f"{base}/hook", min(2000, args.touches), args.concurrency)  # warm up
            before, before_p95 = baseline_rate(f"{base}/hook", args.touches, args.concurrency)
            server_stats(base)  # forget the baseline's requests
            os.environ.setdefault("JOURNEY_BENCH_SECRET", "bench-secret")
            with Store.open(url) as store:
                save_channel(store, "sms", parse_config("sms", "webhook", {
                    "url": f"{base}/hook", "secret_env": "JOURNEY_BENCH_SECRET",
                    "concurrency": args.concurrency}))
                started = time.perf_counter()
                result = dispatch_once(store)
                elapsed = time.perf_counter() - started
                p95 = attempt_p95_ms(store)
            seen = server_stats(base)
            after, after_p95 = baseline_rate(f"{base}/hook", args.touches, args.concurrency)
    finally:
        process.terminate()
    rate = result.counts["delivered"] / elapsed
    baseline = max(before, after)
    print(json.dumps({
        "touches": args.touches, "concurrency": args.concurrency,
        "delivered": result.counts["delivered"], "server_requests": seen["requests"],
        "server_keys": seen["keys"], "server_repeated": seen["repeated"],
        "seconds": round(elapsed, 3), "deliveries_per_s": round(rate, 1),
        "baseline_per_s": round(baseline, 1), "ratio": round(rate / baseline, 3),
        "p95_ms": round(p95, 1),
        "request_p50_ms": percentile(result.request_ms, 50),
        "request_p95_ms": percentile(result.request_ms, 95),
        "baseline_p95_ms": round(min(before_p95, after_p95), 1),
        "peak_rss_mb": peak_rss_mb()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
