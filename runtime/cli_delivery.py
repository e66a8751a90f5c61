"""The delivery commands of `journey-runtime`: `channel set|list|test`,
`deliver` and `deliveries [retry]` (registered by `cli.build_parser`)."""
from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from datetime import UTC, datetime
from typing import Any

from .cli import CommandError, open_store, parse_instant_option
from .delivery import ADAPTERS, CHANNELS, ChannelConfigError, dispatch_once, parse_config
from .delivery.attempts import STATES
from .delivery.config import LogConfig, log_folder, log_folder_why, read_channels, save_channel

# Options of `channel set`: (flag, field, type, help).
CHANNEL_OPTIONS = (
    ("--url", "url", str, "webhook: the URL to POST to; smtp: smtp://HOST[:PORT] or smtps://HOST"),
    ("--from", "from_address", str, "smtp: the sender address"),
    ("--secret-env", "secret_env", str, ("webhook: environment variable holding the signing "
                                        "secret (HMAC-SHA256)")),
    ("--username-env", "username_env", str, "smtp: environment variable holding the login"),
    ("--password-env", "password_env", str, "smtp: environment variable holding the password"),
    ("--ca-file", "ca_file", str, "smtp: also trust this CA certificate (PEM)"),
    ("--address-attribute", "address_attribute", str, ("smtp: customer attribute with the "
                                                      "address (default email)")),
    ("--dir", "dir", str, "log, csv: the folder to write files in"),
    ("--rate", "rate", float, "webhook, smtp: at most N messages per second"),
    ("--concurrency", "concurrency", int, "webhook, smtp: requests in flight at once"),
    ("--timeout", "timeout", float, "webhook, smtp: seconds to wait for an answer"),
    ("--connect-timeout", "connect_timeout", float, "webhook, smtp: seconds to connect"),
    ("--max-attempts", "max_attempts", int, "attempts before a delivery fails (default 8)"),
    ("--max-age", "max_age", str, ("a touch older than this when its turn comes is expired "
                                  "instead of sent, e.g. 2h or 1d (default: off)")),
    ("--backoff", "backoff", float, ("seconds before the first retry, doubling after each "
                                    "(default 30)")),
    ("--max-backoff", "max_backoff", float, ("longest wait between two attempts, in seconds "
                                            "(default 3600)")),
)


def _say(text: str) -> None:
    print(text, flush=True)


def _zh(lang: str) -> bool:
    return lang.startswith("zh")


def _iso_ms(ms: int | None) -> str:
    if ms is None:
        return "-"
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="seconds")


# -- channel ------------------------------------------------------------------------------

def cmd_channel_set(args: argparse.Namespace, lang: str) -> int:
    given = {field: getattr(args, field) for _, field, _, _ in CHANNEL_OPTIONS}
    if args.show_phone:
        given["show_phone"] = True
    store = open_store(args)
    try:
        current = read_channels(store).get(args.channel) if args.channel in CHANNELS else None
        merged = dict(given)
        if current is not None and current.adapter == args.adapter:  # change only what is given
            merged = {**current.model_dump(exclude={"adapter"}, exclude_defaults=True),
                      **{k: v for k, v in given.items() if v is not None}}
        try:
            config = parse_config(args.channel, args.adapter, merged)
        except ChannelConfigError as exc:
            raise CommandError(exc.en, exc.zh) from None
        save_channel(store, args.channel, config)
        _say(_describe_channel(store, args.channel, config, lang))
    finally:
        store.close()
    if getattr(config, "secret_env", "") is None:
        print("注意：未设置 --secret-env，webhook 请求不带签名" if _zh(lang) else
              "note: no --secret-env, so webhook requests are not signed", file=sys.stderr)
    return 0


def _describe_channel(store: Any, channel: str, config: Any, lang: str,
                      default: bool = False) -> str:
    shown = config.model_dump(exclude={"adapter"}, exclude_defaults=True)
    if isinstance(config, LogConfig) and "dir" not in shown:
        folder, source = log_folder(store, config)
        why = log_folder_why(source, channel)
        shown["dir"] = f"{folder} {why[1] if _zh(lang) else why[0]}"
    parts = []
    for key, value in shown.items():
        if key.endswith("_env"):  # say whether the secret is there, never its value
            state = ("已设置" if _zh(lang) else "set") if os.environ.get(value) else (
                "未设置" if _zh(lang) else "unset")
            value = f"{value} ({state})"
        parts.append(f"{key}={value}")
    tag = ("（默认）" if _zh(lang) else " (default)") if default else ""
    return f"{channel:<9} {config.adapter}{tag}  " + " ".join(parts)


def cmd_channel_list(args: argparse.Namespace, lang: str) -> int:
    from .store import schema

    store = open_store(args)
    try:
        with store.engine.connect() as conn:
            configured = set(conn.execute(schema.delivery_channels.select()
                                          .with_only_columns(schema.delivery_channels.c.channel))
                             .scalars())
        for channel, config in read_channels(store).items():
            _say(_describe_channel(store, channel, config, lang,
                                   default=channel not in configured))
    finally:
        store.close()
    return 0


def cmd_channel_test(args: argparse.Namespace, lang: str) -> int:
    from .delivery.adapters import ChannelUnusable, Delivery, build_adapter

    store = open_store(args)
    try:
        config = read_channels(store)[_known_channel(args.channel)]
        try:
            adapter = build_adapter(store, args.channel, config, os.environ)
        except ChannelUnusable as exc:
            raise CommandError(exc.en, exc.zh) from None
        text = ("这是 journey-runtime 的测试消息" if _zh(lang)
                else "This is a test message from journey-runtime")
        to = args.to or "test"
        address = getattr(config, "address_attribute", "email")
        test = Delivery(0, 1, to, "channel-test", 0, "test", args.channel,
                        int(datetime.now(UTC).timestamp()), text,
                        "journey-runtime test" if args.channel == "email" else None, None,
                        {address: to, "name": "test", "phone": ""},
                        test_key=f"test-{uuid.uuid4().hex[:16]}")
        try:
            outcome, answer = adapter.test(test)
        finally:
            adapter.close()
    finally:
        store.close()
    ok = outcome.status == "delivered"
    words = {"delivered": ("已送达", "delivered"), "retry": ("暂时失败（会重试）", "temporary failure"),
             "failed": ("失败", "failed")}[outcome.status]
    line = (f"渠道 {args.channel}（{config.adapter}）：{words[0]} — {answer}" if _zh(lang) else
            f"channel {args.channel} ({config.adapter}): {words[1]} — {answer}")
    print(line, file=sys.stdout if ok else sys.stderr, flush=True)
    return 0 if ok else 1


def _known_channel(channel: str | None) -> str:
    if channel is not None and channel not in CHANNELS:
        raise CommandError(f"unknown channel '{channel}' (one of {', '.join(CHANNELS)})",
                           f"未知渠道「{channel}」（可选：{', '.join(CHANNELS)}）")
    return channel


# -- deliver and deliveries ------------------------------------------------------------------

def cmd_deliver(args: argparse.Namespace, lang: str) -> int:
    channels = [_known_channel(args.channel)] if args.channel else None
    store = open_store(args)
    try:
        result = dispatch_once(store, channels)
    finally:
        store.close()
    data = result.as_dict()
    if args.json:
        _say(json.dumps(data, ensure_ascii=False))
    else:
        _say(_describe_pass(data, lang))
    for en, zh in (result.notices[c] for c in sorted(result.notices)):
        print(zh if _zh(lang) else en, file=sys.stderr)
    for channel, (en, zh) in sorted(result.problems.items()):
        print(f"{channel}: {zh if _zh(lang) else en}", file=sys.stderr)
    return 1 if result.problems else 0


def _describe_pass(data: dict, lang: str) -> str:
    zh = _zh(lang)
    names = {"delivered": "已送达", "retrying": "待重试", "failed": "失败", "expired": "已过期",
             "suppressed_at_delivery": "投递时拦截"}
    parts = [f"{names[k] if zh else k} {data[k]:,}" for k in names if data[k]]
    head = ("投递完成：" if zh else "delivery pass: ") + (
        ", ".join(parts) if parts else ("无待投递" if zh else "nothing due"))
    if data["next_due_ms"] is not None:
        head += (f"；下次重试 {_iso_ms(data['next_due_ms'])}" if zh
                 else f"; next retry due {_iso_ms(data['next_due_ms'])}")
    return head


def cmd_deliveries(args: argparse.Namespace, lang: str) -> int:
    if args.words:
        if args.words[0] != "retry":
            raise CommandError(f"unknown action '{args.words[0]}' (the action is retry)",
                               f"未知操作「{args.words[0]}」（可用操作：retry）")
        try:
            ids = [int(w) for w in args.words[1:]]
        except ValueError:
            raise CommandError("retry takes touch ids (numbers) or --failed",
                               "retry 需要触达编号（数字）或 --failed") from None
        return _retry(args, ids, lang)
    if args.failed or args.since:
        raise CommandError("--failed and --since go with retry",
                           "--failed 与 --since 需与 retry 一起使用")
    from .delivery.queries import list_deliveries

    if args.status is not None and args.status not in STATES:
        raise CommandError(f"--status must be one of {', '.join(STATES)}",
                           f"--status 应为以下之一：{', '.join(STATES)}")
    store = open_store(args)
    try:
        rows = list_deliveries(store, status=args.status, journey=args.journey,
                               channel=_known_channel(args.channel), limit=args.limit)
    finally:
        store.close()
    if args.json:
        _say(json.dumps([r.__dict__ for r in rows], ensure_ascii=False))
        return 0
    if not rows:
        _say("没有符合条件的投递" if _zh(lang) else "no deliveries match")
    for r in rows:
        when = (f"next {_iso_ms(r.due_ms)}" if r.status == "retrying" and not r.in_flight
                else _iso_ms(r.updated_ms))
        why = f"  {r.reason}: {r.detail}" if r.reason else ""
        flying = " (in flight)" if r.in_flight else ""
        _say(f"{r.touch_id:>8}  {r.status}{flying}  {r.channel}  {r.customer_id}  "
             f"{r.journey_id} v{r.version} {r.node_id}  attempts {r.attempts}  {when}{why}")
    return 0


def _retry(args: argparse.Namespace, ids: list[int], lang: str) -> int:
    from .delivery.queries import requeue

    zh = _zh(lang)
    if bool(ids) == bool(args.failed):
        raise CommandError("give touch ids or --failed (not both)",
                           "请给出触达编号或 --failed（二选一）")
    if args.since and not args.failed:
        raise CommandError("--since goes with --failed", "--since 需与 --failed 一起使用")
    since = (int(parse_instant_option(args.since, "--since").timestamp() * 1000)
             if args.since else None)
    store = open_store(args)
    try:
        now_ms = int(datetime.now(UTC).timestamp() * 1000)
        done, refused = requeue(store, ids or None, failed_since_ms=since,
                                all_failed=args.failed, now_ms=now_ms)
    finally:
        store.close()
    _say(f"已重新排队 {len(done):,} 条投递" if zh else f"put back {len(done):,} deliveries")
    for touch_id, why in sorted(refused.items()):
        print((f"{touch_id}：未重新排队（{'无此已发送触达' if why == 'unknown' else why}）" if zh
               else f"{touch_id}: not put back ({'no such sent touch' if why == 'unknown' else why})"),
              file=sys.stderr)
    return 1 if refused else 0


# -- the command line ----------------------------------------------------------------------

def add_delivery_commands(commands: Any, add_common: Any) -> None:
    """Register `channel`, `deliver` and `deliveries` on cli's subparsers."""
    channel = commands.add_parser("channel", help="Configure how each channel is delivered.",
                                  description="Configure how each channel is delivered "
                                              "(log, webhook, smtp, csv).")
    verbs = channel.add_subparsers(dest="channel_command", required=True, metavar="ACTION")

    sub = verbs.add_parser("set", help="Set a channel's adapter and options.")
    add_common(sub)
    sub.set_defaults(handler=cmd_channel_set)
    sub.add_argument("channel", metavar="CHANNEL", help=", ".join(CHANNELS))
    sub.add_argument("adapter", metavar="ADAPTER", help=", ".join(ADAPTERS))
    for flag, field, kind, text in CHANNEL_OPTIONS:
        sub.add_argument(flag, dest=field, type=kind, help=text)
    sub.add_argument("--show-phone", action="store_true",
                     help="csv: write phone numbers in full (default: masked, 138****5678)")

    sub = verbs.add_parser("list", help="Show every channel's configuration.")
    add_common(sub)
    sub.set_defaults(handler=cmd_channel_list)

    sub = verbs.add_parser("test", help="Send one test message and show what the channel "
                                        "answered.")
    add_common(sub)
    sub.set_defaults(handler=cmd_channel_test)
    sub.add_argument("channel", metavar="CHANNEL")
    sub.add_argument("--to", metavar="RECIPIENT", help="smtp: the address to send to; other "
                     "adapters: the customer id in the message (default test)")

    sub = commands.add_parser("deliver", help="Deliver every sent touch that is due now, once, "
                              "then exit.", description="Deliver every sent touch that is due "
                              "now (new ones and retries whose time has come), then exit.")
    add_common(sub)
    sub.set_defaults(handler=cmd_deliver)
    sub.add_argument("--channel", metavar="CHANNEL", help="only this channel")
    sub.add_argument("--json", action="store_true", help="print the counts as JSON")

    sub = commands.add_parser("deliveries", help="List deliveries, or put failed ones back "
                              "(deliveries --store URL retry ...).",
                              description="List sent touches with their delivery status.")
    add_common(sub)
    sub.set_defaults(handler=cmd_deliveries)
    sub.add_argument("--status", metavar="STATUS", help=", ".join(STATES))
    sub.add_argument("--journey", metavar="JOURNEY_ID")
    sub.add_argument("--channel", metavar="CHANNEL")
    sub.add_argument("--limit", type=int, default=50, help="at most N rows, newest first "
                     "(default 50)")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.add_argument("words", nargs="*", metavar="retry ID",
                     help="'retry' followed by touch ids (or --failed): put them back in the "
                          "queue with a fresh set of attempts")
    sub.add_argument("--failed", action="store_true", help="with retry: every failed delivery")
    sub.add_argument("--since", metavar="ISO", help="with retry --failed: only those that "
                     "failed at or after this instant")
