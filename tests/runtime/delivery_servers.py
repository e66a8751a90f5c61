"""Real local servers for the delivery tests, on 127.0.0.1 with ephemeral
ports: an HTTP receiver whose answers a test scripts per idempotency key,
and an SMTP server (aiosmtpd). Both record everything they are sent."""
from __future__ import annotations

import hashlib
import hmac
import json
import socket
import ssl
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self


@dataclass
class Received:
    key: str | None
    attempt: int | None
    at: float  # time.time() when the request arrived
    body: dict
    headers: dict[str, str]
    status: int = 0  # what the server answered (0: nothing, it hung up)
    signed_ok: bool | None = None


@dataclass
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: str = "ok"
    delay: float = 0.0  # seconds to wait before answering


Script = Callable[[int], Answer]  # n-th request (1-based) for a key → answer


def verify(secret: bytes, headers: dict[str, str], body: bytes, *, now: float | None = None,
           tolerance: float = 300) -> bool:
    """What a receiver does (README): HMAC-SHA256 of TIMESTAMP + "." + BODY,
    compared in constant time, and a timestamp no older than 5 minutes."""
    stamp = headers.get("X-Journey-Timestamp", "")
    given = headers.get("X-Journey-Signature", "")
    if not stamp.isdigit() or abs((now or time.time()) - int(stamp)) > tolerance:
        return False
    expected = "sha256=" + hmac.new(secret, stamp.encode() + b"." + body,
                                    hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given)


class WebhookServer:
    """Records every POST; answers by `script(n)` for the n-th request of its key."""

    def __init__(self, script: Script | None = None, secret: bytes | None = None) -> None:
        self.script = script or (lambda n: Answer())
        self.secret = secret
        self.received: list[Received] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self._per_key: Counter = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver
            disable_nagle_algorithm = True  # headers and body leave at once

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                server._handle(self)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client killed mid-request (the crash test) is no news

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,),
                                        daemon=True)

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length", 0))
        raw = request.rfile.read(length)
        if len(raw) < length:  # the sender died half way: as a real server, drop it
            request.close_connection = True
            return
        headers = dict(request.headers.items())
        key = headers.get("Idempotency-Key")
        record = Received(key, int(headers.get("X-Journey-Attempt", 0)), time.time(),
                          json.loads(raw or b"{}"), headers)
        if self.secret is not None:
            record.signed_ok = verify(self.secret, headers, raw)
        with self._lock:
            self._per_key[key] += 1
            n = self._per_key[key]
            self.received.append(record)
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            answer = self.script(n)
            if answer.delay:
                time.sleep(answer.delay)
            payload = answer.body.encode()
            try:
                request.send_response(answer.status)
                for name, value in answer.headers.items():
                    request.send_header(name, value)
                request.send_header("Content-Length", str(len(payload)))
                request.end_headers()
                request.wfile.write(payload)
                record.status = answer.status
            except OSError:  # the client gave up waiting
                pass
        finally:
            with self._lock:
                self.in_flight -= 1

    def successes(self) -> Counter:
        """2xx answers per idempotency key."""
        return Counter(r.key for r in self.received if 200 <= r.status < 300)

    def requests(self) -> Counter:
        return Counter(r.key for r in self.received)

    def of(self, key: str) -> list[Received]:
        return [r for r in self.received if r.key == key]

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def refused_url() -> str:
    """A URL on this machine where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- SMTP ----------------------------------------------------------------------------------

def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (openssl), its own CA: (cert, key)."""
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


@dataclass
class Mail:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    tls: bool
    login: str | None


class SmtpServer:
    """aiosmtpd on 127.0.0.1; `reply(address, n)` for the n-th message to an
    address gives its DATA reply (default accepted)."""

    def __init__(self, cert: tuple[Path, Path] | None = None,
                 logins: dict[str, str] | None = None,
                 reply: Callable[[str, int], str] | None = None) -> None:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.mails: list[Mail] = []
        self.refused: list[str] = []
        self.reply = reply or (lambda address, n: "250 OK")
        self._per_rcpt: Counter = Counter()
        server = self

        class Handler:
            async def handle_DATA(self, smtp: Any, session: Any, envelope: Any) -> str:
                rcpt = envelope.rcpt_tos[0]
                server._per_rcpt[rcpt] += 1
                answer = server.reply(rcpt, server._per_rcpt[rcpt])
                if answer.startswith("250"):
                    login = session.auth_data.login.decode() if session.auth_data else None
                    server.mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos),
                                             envelope.content, session.ssl is not None, login))
                else:
                    server.refused.append(answer)
                return answer

        def authenticate(server_: Any, session: Any, envelope: Any, mechanism: str,
                         auth_data: Any) -> Any:
            ok = logins is not None and logins.get(auth_data.login.decode()) == (
                auth_data.password.decode())
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

        options: dict[str, Any] = {}
        if cert is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(str(cert[0]), str(cert[1]))
            options["tls_context"] = context
        if logins is not None:
            options.update(authenticator=authenticate, auth_require_tls=cert is not None)
        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port,
                                     **options)
        self.url = f"smtp://127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()
