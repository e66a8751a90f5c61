"""SMTP: one email per touch (smtplib), through the configured relay.

STARTTLS is used whenever the server offers it (`smtps://` is TLS from the
first byte); a login (user and password from environment variables) is never
sent over a connection without TLS. The `Message-ID` is derived from the
touch id, so a message sent twice after a crash is recognisably the same.
Each worker thread keeps its own connection open between messages.
Reply codes: 2xx delivered, 4xx tried again, 5xx failed with the server's words.
"""
from __future__ import annotations

import smtplib
import ssl
import threading
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import urlsplit

from ..config import SmtpConfig
from .base import Adapter, ChannelUnusable, Delivery, Outcome, RateLimiter, short


class _Refused(Exception):
    """A reply code other than 2xx during a transaction."""

    def __init__(self, step: str, code: int, text: bytes | str) -> None:
        super().__init__(step)
        self.step, self.code = step, code
        self.text = text.decode(errors="replace") if isinstance(text, bytes) else text


def message_id(delivery: Delivery, from_address: str) -> str:
    return f"<touch-{delivery.touch_id}@{from_address.split('@', 1)[1]}>"


def build_message(delivery: Delivery, from_address: str, to: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = from_address
    message["To"] = to
    message["Subject"] = delivery.subject or ""
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = message_id(delivery, from_address)
    message["X-Idempotency-Key"] = delivery.key
    message.set_content(delivery.content)
    return message


class SmtpAdapter(Adapter):
    def __init__(self, channel: str, config: SmtpConfig, env: Mapping[str, str]) -> None:
        self.channel, self.config = channel, config
        self.login: tuple[str, str] | None = None
        if config.username_env and config.password_env:
            names = (config.username_env, config.password_env)
            missing = [n for n in names if not env.get(n)]
            if missing:
                raise ChannelUnusable(
                    f"channel {channel}: the environment variable {missing[0]} (SMTP login) "
                    "is unset or empty",
                    f"渠道 {channel}：环境变量 {missing[0]}（SMTP 登录）未设置或为空")
            self.login = (env[names[0]], env[names[1]])
        parts = urlsplit(config.url)
        self.implicit_tls = parts.scheme == "smtps"
        self.host, self.port = parts.hostname, parts.port or (465 if self.implicit_tls else 25)
        self.tls = ssl.create_default_context(cafile=config.ca_file)
        self.concurrency = config.concurrency
        self.also_read = (config.address_attribute,)
        self.limiter = RateLimiter(config.rate)
        self._local = threading.local()
        self._open: list[smtplib.SMTP] = []
        self._lock = threading.Lock()

    # -- connections ------------------------------------------------------------------

    def _connect(self) -> smtplib.SMTP:
        timeout = self.config.timeout
        if self.implicit_tls:
            conn: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=timeout,
                                                  context=self.tls)
        else:
            conn = smtplib.SMTP(self.host, self.port, timeout=timeout)
        try:
            conn.ehlo()
            secure = self.implicit_tls
            if not secure and conn.has_extn("starttls"):
                conn.starttls(context=self.tls)
                conn.ehlo()
                secure = True
            if self.login is not None:
                if not secure:
                    raise _Refused("login", 0, "the server offers no STARTTLS; the password "
                                   "is never sent in clear")
                conn.login(*self.login)
        except BaseException:
            conn.close()
            raise
        with self._lock:
            self._open.append(conn)
        return conn

    def _connection(self) -> smtplib.SMTP:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            with self._lock:
                if conn in self._open:
                    self._open.remove(conn)
            try:
                conn.close()
            except OSError:
                pass

    # -- sending ----------------------------------------------------------------------

    def send(self, delivery: Delivery) -> Outcome:
        to = delivery.attributes.get(self.config.address_attribute)
        if not isinstance(to, str) or "@" not in to or any(c in to for c in " <>\r\n"):
            return Outcome.failed("no_address", f"the customer has no usable "
                                  f"{self.config.address_attribute} ({to!r})")
        message = build_message(delivery, self.config.from_address, to).as_bytes()
        self.limiter.wait()
        try:
            return self._transaction(to, message)
        except _Refused as refused:
            return self._refused(refused)
        except smtplib.SMTPAuthenticationError as exc:
            self._drop()  # the operator fixes the login; the message itself is fine
            return Outcome.retry("smtp_login", f"login refused: {exc.smtp_code} "
                                 f"{short(_text(exc.smtp_error))}", exc.smtp_code)
        except smtplib.SMTPResponseException as exc:  # refused while connecting
            self._drop()
            return self._refused(_Refused("connect", exc.smtp_code, exc.smtp_error))
        except TimeoutError as exc:
            self._drop()
            return Outcome.retry("timeout", f"no answer in time ({exc or 'timeout'}, "
                                 f"timeout {self.config.timeout:g} s)")
        except (OSError, smtplib.SMTPException) as exc:  # refused port, dropped line, TLS
            self._drop()
            return Outcome.retry("connect_error", f"{type(exc).__name__}: {exc}".rstrip(": "))

    def _transaction(self, to: str, message: bytes) -> Outcome:
        reused = getattr(self._local, "conn", None) is not None
        try:
            return self._mail(self._connection(), to, message)
        except smtplib.SMTPServerDisconnected:
            if not reused:
                raise
            # An idle connection the server closed: one fresh try, not an attempt lost.
            self._drop()
            return self._mail(self._connection(), to, message)

    def _mail(self, conn: smtplib.SMTP, to: str, message: bytes) -> Outcome:
        for step, send in (("MAIL", lambda: conn.mail(self.config.from_address)),
                           ("RCPT", lambda: conn.rcpt(to))):
            code, text = send()
            if not 200 <= code < 300:
                conn.rset()
                raise _Refused(step, code, text)
        try:
            code, text = conn.data(message)
        except smtplib.SMTPDataError as exc:  # DATA itself refused (no 354)
            conn.rset()
            raise _Refused("DATA", exc.smtp_code, exc.smtp_error) from None
        if not 200 <= code < 300:
            conn.rset()
            raise _Refused("DATA", code, text)
        return Outcome.delivered(code, f"SMTP {code} {short(_text(text))}")

    def _refused(self, refused: _Refused) -> Outcome:
        detail = f"SMTP {refused.code or ''} at {refused.step}: {short(refused.text)}"
        reason = f"smtp_{refused.code}" if refused.code else f"smtp_{refused.step.lower()}"
        if 400 <= refused.code < 500 or refused.code == 0:
            return Outcome.retry(reason, detail, refused.code or None)
        return Outcome.failed(reason, detail, refused.code)

    def test(self, delivery: Delivery) -> tuple[Outcome, str]:
        outcome = self.send(delivery)
        return outcome, outcome.detail or outcome.status

    def close(self) -> None:
        with self._lock:
            open_now, self._open = self._open, []
        for conn in open_now:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                conn.close()


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)
