"""SMTP delivery against a real SMTP server on this machine (aiosmtpd), with
STARTTLS and a login, counted at the server by Message-ID."""
from __future__ import annotations

from email import message_from_bytes
from email.policy import default as default_policy

import pytest

from runtime.delivery import dispatch_once
from runtime.delivery.adapters.smtp import SmtpAdapter
from tests.runtime.delivery_fixtures import (
    TINY,
    attempt_rows,
    configure,
    deliver_until_settled,
    sent_touches,
    states,
)
from tests.runtime.delivery_servers import SmtpServer, self_signed_certificate

LOGIN = {"SMTP_USER": "journeys", "SMTP_PASSWORD": "pw-123"}


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def mail_store(store):
    store.extend_catalog([_email_attribute()])
    return store


def _email_attribute():
    from nodes.catalog import AttributeDef, AttrType

    return AttributeDef(name="email", type=AttrType.string, label_zh="邮箱", label_en="Email")


def people(n: int) -> list[dict]:
    return [{"customer_id": f"c{i}", "name": f"客户{i}", "email": f"c{i}@example.org"}
            for i in range(n)]


def _smtp(store, server, certificate=None, **options) -> None:
    extra = {"ca_file": str(certificate[0])} if certificate else {}
    configure(store, "email", "smtp", url=server.url, from_address="journeys@bank.example",
              **extra, **TINY, **options)


def test_mail_goes_over_starttls_with_login_once_per_message_id(mail_store, certificate):
    ids = sent_touches(mail_store, "email", people(3), subject="{{ name }}，账户提醒",
                       template="尊敬的{{ name }}：您的账户已开通。")
    with SmtpServer(cert=certificate, logins={"journeys": "pw-123"}) as server:
        _smtp(mail_store, server, certificate, username_env="SMTP_USER",
              password_env="SMTP_PASSWORD")
        assert dispatch_once(mail_store, env=LOGIN).counts == {"delivered": 3}
    assert all(m.tls and m.login == "journeys" for m in server.mails)
    parsed = [message_from_bytes(m.content, policy=default_policy) for m in server.mails]
    by_id = {p["Message-ID"]: p for p in parsed}
    assert sorted(by_id) == sorted(f"<touch-{i}@bank.example>" for i in ids)
    first = by_id[f"<touch-{ids[0]}@bank.example>"]
    assert first["Subject"] == "客户0，账户提醒"
    assert first["X-Idempotency-Key"] == str(ids[0])
    assert first.get_content().strip() == "尊敬的客户0：您的账户已开通。"
    assert sorted(m.rcpt_tos[0] for m in server.mails) == [f"c{i}@example.org" for i in range(3)]
    assert [a.code for a in attempt_rows(mail_store, ids[0])] == [250]


def test_a_temporary_refusal_is_retried_and_a_permanent_one_fails(mail_store):
    ids = sent_touches(mail_store, "email", people(2), subject="s")

    def reply(address: str, n: int) -> str:  # c0: busy once; c1: no such mailbox
        if address == "c1@example.org":
            return "550 5.1.1 no such mailbox"
        return "451 4.3.0 try again later" if n == 1 else "250 OK"

    with SmtpServer(reply=reply) as server:
        _smtp(mail_store, server)
        deliver_until_settled(mail_store)
    assert [m.rcpt_tos for m in server.mails] == [["c0@example.org"]]  # once, and only c0
    assert sorted(server.refused) == ["451 4.3.0 try again later", "550 5.1.1 no such mailbox"]
    first, second = attempt_rows(mail_store, ids[0])
    assert [(first.outcome, first.code), (second.outcome, second.code)] == [
        ("retry", 451), ("delivered", 250)]
    assert first.error == "SMTP 451 at DATA: 4.3.0 try again later"
    assert states(mail_store)[ids[0]][0] == "delivered"
    state, reason, detail, tried = states(mail_store)[ids[1]]
    assert (state, reason, tried) == ("failed", "smtp_550", 1)
    assert detail == "SMTP 550 at DATA: 5.1.1 no such mailbox"


def test_a_customer_without_an_address_fails_without_contacting_the_server(mail_store):
    [touch_id] = sent_touches(mail_store, "email", [{"customer_id": "x", "email": None}],
                              subject="s")
    with SmtpServer() as server:
        _smtp(mail_store, server)
        assert dispatch_once(mail_store).counts == {"failed": 1}
    assert server.mails == [] and server.refused == []
    assert states(mail_store)[touch_id][:2] == ("failed", "no_address")


def test_a_password_is_never_sent_without_tls(mail_store):
    [touch_id] = sent_touches(mail_store, "email", people(1), subject="s")
    with SmtpServer(logins={"journeys": "pw-123"}) as server:  # no certificate: no STARTTLS
        _smtp(mail_store, server, username_env="SMTP_USER", password_env="SMTP_PASSWORD",
              max_attempts=1)
        dispatch_once(mail_store, env=LOGIN)
    assert server.mails == []
    state, reason, detail, _ = states(mail_store)[touch_id]
    assert (state, reason) == ("failed", "max_attempts")
    assert "never sent in clear" in detail


def test_missing_login_variables_make_the_channel_unusable(mail_store):
    from runtime.delivery import parse_config
    from runtime.delivery.adapters import ChannelUnusable

    config = parse_config("email", "smtp", {"url": "smtp://127.0.0.1:1",
                                            "from_address": "a@b.example",
                                            "username_env": "U", "password_env": "P"})
    with pytest.raises(ChannelUnusable, match="the environment variable P"):
        SmtpAdapter("email", config, {"U": "me"})
