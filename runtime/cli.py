"""`journey-runtime`: the headless runtime on the command line (§8).

Every command prints plain results on stdout and problems on stderr, in
Chinese or English (--lang, else the locale). Bad input gives a message
naming the place and exit code 1 (2 for a wrong command line), never a
traceback. `run` exits 3 when it finished but paused a journey on its own
(`EXIT_PAUSED`): a scheduler sees that someone has to look; 4 when another
runtime holds the store, 5 when another took it over while this one ran
(`runtime.live`).
"""
from __future__ import annotations

import argparse
import ipaddress
import json
import os
import sys
from datetime import datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from nodes import fileformat
from nodes.errors import JourneyFileError
from nodes.lang import normalise

from . import disk
from .engine import JourneyRunError
from .errors import pause_reason_text, shown_url, store_wide_message
from .live_cli import add_live_options
from .progress import terminal_progress
from .store import CatalogError, Store, StoreError, StoreVersionError
from .store.policies_model import approval_line, parse_cap, parse_quiet_hours, plain_errors


class CommandError(Exception):
    """A problem to show the operator (en, zh), exit code 1."""

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh or en

    def message(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


def parse_instant_option(text: str, option: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} '{text}' is not an ISO-8601 instant like "
                           "2026-11-20T09:00:00+08:00",
                           f"{option}「{text}」不是 ISO-8601 时间，例如 2026-11-20T09:00:00+08:00"
                           ) from None
    if moment.tzinfo is None:
        raise CommandError(f"{option} '{text}' needs a UTC offset, e.g. {text}+08:00",
                           f"{option}「{text}」缺少时区偏移，例如 {text}+08:00")
    return moment


def _say(text: str) -> None:
    print(text, flush=True)


def open_store(args: argparse.Namespace, create: bool = False) -> Store:
    return Store(args.store, create=create)


# -- commands ----------------------------------------------------------------------------

def cmd_init(args: argparse.Namespace, lang: str) -> int:
    from .demo import demo_now
    from .store import normalize_url

    if args.demo is not None and args.demo < 0:
        raise CommandError("--demo needs a number of customers >= 0", "--demo 需要 >= 0 的客户数")
    now = demo_now(parse_instant_option(args.now, "--now") if args.now else None)
    fresh = disk.new_sqlite_file(args.store)
    with disk.plain_disk_full(disk.store_path(args.store)):
        if fresh is None:  # an existing store, or a server: in place, undone on failure
            facts = _init_store(args.store, args, now)
        else:  # a new SQLite file: built aside, moved into place only when complete
            with disk.built_aside(fresh) as building:
                facts = _init_store(f"sqlite:///{building}", args, now)
    zh = lang.startswith("zh")
    version, attributes, events, summary, zone, approval_needed = facts
    _say((f"客户库已就绪：{normalize_url(args.store)}（结构版本 {version}，"
          f"{attributes} 个属性，{events} 种事件）") if zh else
         f"store ready: {normalize_url(args.store)} (schema version {version}, "
         f"{attributes} attributes, {events} events)")
    if summary is not None:
        _say_demo(summary, zone, zh)
    how = ("（journey-runtime policy --require-approval on|off 可更改）" if zh
           else " (change it with journey-runtime policy --require-approval on|off)")
    _say(approval_line(approval_needed, zh) + how)
    return 0


def _init_store(url: str, args: argparse.Namespace, now: int) -> tuple:
    """Create or upgrade the store at `url` and add the demo customers; the facts to print."""
    from .demo import DEMO_TIMEZONE, build_demo_or_nothing

    store = Store(url, create=True)
    try:
        summary = None
        if args.demo:
            existing = store.customer_count()
            if existing:
                raise CommandError(
                    f"the store already has {existing:,} customers; build demo data in a new store",
                    f"客户库中已有 {existing:,} 位客户；请在新的客户库中生成演示数据")
            summary = build_demo_or_nothing(store, args.demo, seed=args.seed, now=now,
                                            progress=terminal_progress())
            if "timezone" not in store.policy_document():  # demo customers live in China
                store.set_policies({**store.policy_document(), "timezone": DEMO_TIMEZONE})
            # A demo is tried by one person: its publishes need no second one.
            store.set_require_approval(False)
        elif store.upgraded_from == 0:  # a new store: publish approved content only
            store.set_require_approval(True)
        catalog = store.catalog()
        return (store.schema_version(), len(catalog.attributes), len(catalog.events),
                summary, store.policies().zone(), store.policies().require_approval)
    finally:
        store.close()


def _say_demo(summary: Any, zone: Any, zh: bool) -> None:
    shown = datetime.fromtimestamp(summary.now, zone).isoformat()
    rate = summary.customers / summary.seconds if summary.seconds else 0
    _say((f"演示数据：{summary.customers:,} 位客户，{summary.events:,} 条事件（截至当前 "
          f"{summary.past_events:,} 条，其余为未来 30 天的脚本事件）；当前时间 {shown}；"
          f"种子 {summary.seed}；用时 {summary.seconds:.1f} 秒（{rate:,.0f} 位/秒）") if zh else
         f"demo data: {summary.customers:,} customers, {summary.events:,} events "
         f"({summary.past_events:,} up to now, the rest scripted for the next 30 days); "
         f"now = {shown}; seed {summary.seed}; {summary.seconds:.1f} s "
         f"({rate:,.0f} customers/s)")


def cmd_import(args: argparse.Namespace, lang: str) -> int:
    from .csv_import import ImportFileError, import_csv
    from .events_intake import import_json_lines, is_json_lines_file

    store = open_store(args)
    refused, full = [], None
    try:
        for i, path in enumerate(args.files):  # each file all or nothing
            try:
                importer = import_json_lines if is_json_lines_file(path) else import_csv
                result = importer(store, path, progress=terminal_progress())
            except ImportFileError as exc:  # one file's bad rows stop no other file
                print(exc.message(lang), file=sys.stderr)
                refused.append(path)
                continue
            except disk.DiskFull as exc:  # a full disk stops them all
                full = exc
                refused += args.files[i:]
                break
            _say(f"{path}: {result.summary(lang)}")
    finally:
        store.close()
    if full is not None:
        names = ", ".join(refused)
        raise CommandError(f"{full.message('en')}: {len(refused)} of {len(args.files)} files "
                           f"not imported: {names}", f"{full.message('zh')}：{len(args.files)} "
                           f"个文件中有 {len(refused)} 个未导入：{names}")
    if refused:
        names = ", ".join(refused)
        raise CommandError(f"{len(refused)} of {len(args.files)} files not imported: {names}",
                           f"{len(args.files)} 个文件中有 {len(refused)} 个未导入：{names}")
    return 0


def cmd_policy(args: argparse.Namespace, lang: str) -> int:
    store = open_store(args)
    current = store.policies().model_dump()
    changed = False
    if args.timezone:
        current["timezone"] = args.timezone
        changed = True
    for text in args.quiet_hours or []:
        try:
            channel, window = parse_quiet_hours(text)
        except ValueError as exc:
            raise CommandError(f"--quiet-hours {text}: {exc}",
                               f"--quiet-hours {text} 有误，应写成 sms=21:00-08:00（{exc}）"
                               ) from None
        current["quiet_hours"].pop(channel, None)
        if window:
            current["quiet_hours"][channel] = window
        changed = True
    if args.cap:
        replaced: set[str] = set()  # a channel's caps given here replace its old ones
        for text in args.cap:
            try:
                channel, cap = parse_cap(text)
            except ValueError as exc:
                raise CommandError(f"--cap {text}: {exc}",
                                   f"--cap {text} 有误，应写成 sms=1/1d 或 '*=3/7d'（{exc}）"
                                   ) from None
            if channel not in replaced or cap is None:  # `none` clears, even after a cap
                current["caps"] = [c for c in current["caps"] if c["channel"] != channel]
                replaced.add(channel)
            if cap is not None:
                current["caps"].append(cap.model_dump())
        changed = True
    if changed:
        from pydantic import ValidationError

        try:
            store.set_policies(current)
        except ValidationError as exc:
            raise CommandError(plain_errors(exc), f"策略有误：{plain_errors(exc)}") from None
    if args.require_approval is not None:
        store.set_require_approval(args.require_approval == "on")
    _say(store.policies().describe(lang))
    store.close()
    return 0


def cmd_publish(args: argparse.Namespace, lang: str) -> int:
    from .publish import PublishRefused, publish

    at = int(parse_instant_option(args.at, "--at").timestamp()) if args.at else None
    store = open_store(args)
    try:
        journey = fileformat.load(args.file)
        if at is not None:
            _check_after_newest(store, journey.id, at)
        result = publish(store, journey, published_at=at)
    except PublishRefused as exc:
        print(exc.message(lang), file=sys.stderr)
        return 1
    finally:
        store.close()
    _say(result.summary(lang))
    _record_published(journey, args, lang)
    return 0


def _record_published(journey, args: argparse.Namespace, lang: str) -> None:
    """An approved file says it is published now, in its review history (the
    version is in the store whatever happens to the file)."""
    from nodes import approval
    from nodes.review import Status

    if approval.effective_status(journey) == Status.approved:
        from .cli_states import record_in_file

        record_in_file(journey, args.file, "publish", args.by, lang)


def _check_after_newest(store: Store, journey_id: str, at: int) -> None:
    """A new version is not dated before the one it follows."""
    newest = store.journey_version(journey_id)
    if newest is not None and at < newest.published_at:
        raise CommandError(
            f"--at is before version {newest.version} of '{journey_id}' was published; "
            "choose a later instant",
            f"--at 早于旅程「{journey_id}」版本 {newest.version} 的发布时间，请选择更晚的时间")


def cmd_run(args: argparse.Namespace, lang: str) -> int:
    from .live import EXIT_HELD, EXIT_LEASE_LOST
    from .live_cli import OptionError, duration, holding, live_options, lost_message, refusal
    from .store.lease import MIN_TTL, LeaseHeld, LeaseLost

    start = parse_instant_option(args.start, "--from") if args.start else None
    until = parse_instant_option(args.until, "--until") if args.until else None
    if start and until and until <= start:
        raise CommandError("--until must be after --from", "--until 必须晚于 --from")
    try:
        tick = duration(args.tick, "--tick") if args.tick else None
        if start is None and until is None and not args.once:
            return _run_live(args, lang, live_options(args, tick))
    except OptionError as exc:
        raise CommandError(exc.en, exc.zh) from None
    if args.lease_ttl < MIN_TTL:
        raise CommandError(f"--lease-ttl must be at least {MIN_TTL} seconds",
                           f"--lease-ttl 至少为 {MIN_TTL} 秒")
    try:
        from .engine import run
    except ImportError:
        raise CommandError("the engine is not available in this build (runtime.engine)",
                           "此版本不含运行引擎（runtime.engine）") from None
    store = open_store(args)
    try:  # it moves the clock a live runtime would move: one of them at a time
        with holding(store, "simulated" if start else "once", args.lease_ttl):
            totals = run(store, start=start, until=until, tick=tick,
                         progress=terminal_progress())
        clock, zone = store.clock(), store.policies().zone()
    except LeaseHeld as held:
        print(f"journey-runtime run: {refusal(held.holder, lang)}", file=sys.stderr)
        return EXIT_HELD
    except LeaseLost as lost:
        print(f"journey-runtime run: {lost_message(lost.holder, lang)}", file=sys.stderr)
        return EXIT_LEASE_LOST
    except (SQLAlchemyError, OSError) as exc:  # the store itself failed: nothing of the tick stays
        raise CommandError(store_wide_message(exc, store, "en"),
                           store_wide_message(exc, store, "zh")) from None
    finally:
        store.close()
    _say(json.dumps(totals, ensure_ascii=False, default=str) if args.json else
         _describe_totals(totals, lang))
    for paused in totals.get("paused", []):
        print(_describe_pause(paused, args.store, lang), file=sys.stderr)
    if not totals.get("ticks") and not args.json and clock is not None:
        reached = datetime.fromtimestamp(clock, zone).isoformat(timespec="minutes")
        _say(f"（无事可做：本客户库已运行到 {reached}，不会重复运行已走过的时间）"
             if lang.startswith("zh") else
             f"(nothing to do: this store has already run up to {reached}; time already run "
             "is never run twice)")
    return EXIT_PAUSED if totals.get("paused") else 0


EXIT_PAUSED = 3  # the run finished, but held a journey it could not run (named on stderr)


def _run_live(args: argparse.Namespace, lang: str, options: Any) -> int:
    """`run` without --from/--until: live until SIGINT or SIGTERM (runtime.live)."""
    from .live import EXIT_HELD, LiveRuntime
    from .live_cli import refusal
    from .live_log import LiveLog, remove_logging, setup_logging
    from .store.lease import LeaseHeld

    if args.json:
        raise CommandError("--json prints a finished run's totals: use it with --from/--until "
                           "or --once (a live run logs; --log-json for machines)",
                           "--json 用于输出已完成运行的汇总：请与 --from/--until 或 --once 一起使用"
                           "（实时运行写日志；机器读取请用 --log-json）")
    store = open_store(args)
    handler = setup_logging(args.log_json)
    try:
        live = LiveRuntime(store, options, LiveLog(lang),
                           lambda paused: _describe_pause(paused, args.store, lang))
        return live.serve()
    except LeaseHeld as held:
        print(f"journey-runtime run: {refusal(held.holder, lang)}", file=sys.stderr)
        return EXIT_HELD
    except (SQLAlchemyError, OSError) as exc:  # the store failed before the clock started
        raise CommandError(store_wide_message(exc, store, "en"),
                           store_wide_message(exc, store, "zh")) from None
    finally:
        remove_logging(handler)
        store.close()


def _describe_pause(p: dict, url: str, lang: str) -> str:
    """One line per journey the run paused by itself: which, where, why, what next."""
    jid, why = p["journey"], pause_reason_text(p["reason"], lang)
    node = f"节点 {p['node']}，" if p["node"] and lang.startswith("zh") else (
        f" at node {p['node']}" if p["node"] else "")
    resume = f"journey-runtime resume --store {shown_url(url)} {jid}"
    if lang.startswith("zh"):
        return (f"已自动暂停旅程「{jid}」版本 {p['version']}（{node}{why}：{p['detail']}）；"
                f"其他旅程照常运行。修正后恢复：{resume}")
    return (f"paused journey '{jid}' version {p['version']} automatically{node}: {why} "
            f"({p['detail']}); the other journeys ran on. Fix it, then: {resume}")


def _describe_totals(totals: Any, lang: str) -> str:
    if not isinstance(totals, dict):
        return str(totals)
    names = {"ticks": ("时钟步数", "ticks"), "entered": ("新进入", "entered"),
             "steps": ("步骤", "steps"), "touches": ("触达", "touches"),
             "late_events": ("迟到事件（已忽略）", "late events (ignored)")}
    zh = lang.startswith("zh")
    parts = [f"{names[k][0 if zh else 1]} {v:,}" for k, v in totals.items()
             if k in names and (v or k != "late_events")]
    return ("运行完成：" if zh else "run finished: ") + ", ".join(parts)


def cmd_simulate(args: argparse.Namespace, lang: str) -> int:
    if args.days <= 0:
        raise CommandError("--days must be at least 1", "--days 至少为 1")
    try:
        from .simulate import simulate
    except ImportError:
        raise CommandError("simulation is not available in this build (runtime.simulate)",
                           "此版本不含模拟功能（runtime.simulate）") from None
    from .publish import PublishRefused

    open_store(args).close()  # a clear message now if the store is missing or too new
    try:
        result = simulate(args.store, args.file, args.days, progress=terminal_progress(),
                          text_lang=None if args.json else lang)
    except PublishRefused as exc:
        print(exc.message(lang), file=sys.stderr)
        return 1
    _say(json.dumps(result, ensure_ascii=False, indent=2) if args.json else result["text"])
    return 0


def cmd_report(args: argparse.Namespace, lang: str) -> int:
    from .measure import measure
    from .measure_text import format_measures
    from .report import UnknownJourney, format_report, report

    store = open_store(args)
    try:
        data = report(store, args.journey_id, args.version)
        data.update(measure(store, args.journey_id, args.version, args.funnel))
        _say(json.dumps(data, ensure_ascii=False, indent=2) if args.json
             else format_report(data, store, lang) + _blank_before(format_measures(data, lang)))
    except UnknownJourney as exc:
        raise CommandError(exc.message("en"), exc.message("zh")) from None
    finally:
        store.close()
    return 0


def _blank_before(text: str) -> str:
    """Each section of the measures starts with a line break; one more sets it apart."""
    return "\n" + text if text else ""


def cmd_export(args: argparse.Namespace, lang: str) -> int:
    from .export import export_touches
    from .report import UnknownJourney

    store = open_store(args)
    try:
        count = export_touches(store, args.journey_id, args.out, progress=terminal_progress())
    except UnknownJourney as exc:
        raise CommandError(exc.message("en"), exc.message("zh")) from None
    finally:
        store.close()
    _say(f"已导出 {count:,} 条触达记录到 {args.out}" if lang.startswith("zh")
         else f"exported {count:,} touch decisions to {args.out}")
    return 0


def cmd_status(args: argparse.Namespace, lang: str) -> int:
    from .status import format_status, status

    store = open_store(args)
    try:
        data = status(store)
    finally:
        store.close()
    _say(json.dumps(data, ensure_ascii=False, indent=2) if args.json
         else format_status(data, lang))
    return 0


def cmd_serve_events(args: argparse.Namespace, lang: str) -> int:
    from .serve_events import listen, serve

    zh, token = lang.startswith("zh"), os.environ.get(args.token_env, "").strip()
    if not token:
        raise CommandError(
            f"set the token first: the environment variable {args.token_env} is unset or empty "
            "(clients send it as 'Authorization: Bearer TOKEN')",
            f"请先设置令牌：环境变量 {args.token_env} 未设置或为空（客户端以"
            "「Authorization: Bearer 令牌」发送）")
    if not 0 <= args.port <= 65535:
        raise CommandError("--port must be between 0 and 65535", "--port 必须在 0 到 65535 之间")
    store = open_store(args)
    try:
        try:
            sock = listen(args.host, args.port)
        except OSError as exc:
            raise CommandError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
                               f"无法在 {args.host}:{args.port} 监听：{exc.strerror or exc}"
                               ) from None
        host, port = sock.getsockname()[:2]
        where = f"http://{f'[{host}]' if ':' in host else host}:{port}/v1/events"
        _say(f"正在接收事件：POST {where}（Ctrl+C 停止）" if zh
             else f"accepting events: POST {where} (Ctrl+C stops)")
        if not ipaddress.ip_address(host).is_loopback:
            print(f"注意：正在监听本机以外的地址 {host}；令牌以明文传输，请在前面加 TLS 代理" if zh
                  else f"note: listening beyond this machine ({host}); the token travels in "
                       "clear text, so put a TLS proxy in front", file=sys.stderr)
        serve(store, token, sock)
    finally:
        store.close()
    _say("已停止接收事件" if zh else "stopped accepting events")
    return 0


# -- the command line --------------------------------------------------------------------

def _add_common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--store", required=True, metavar="URL",
                     help="the customer store: a SQLAlchemy URL such as sqlite:///store.db "
                          "(a plain file path also works)")
    sub.add_argument("--lang", choices=("zh_CN", "en"),
                     help="language of messages (default: from the locale)")


def _event_list(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",")]
    if not all(names):
        raise argparse.ArgumentTypeError(
            f"'{text}': give event names separated by commas, such as register,first_deposit")
    return names


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journey-runtime",
        description="Run published customer journeys against a customer store, without the "
                    "desktop app.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Any, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        _add_common(sub)
        sub.set_defaults(handler=handler)
        return sub

    sub = command("init", cmd_init, "Create the store (or upgrade it), optionally with demo "
                  "customers.")
    sub.add_argument("--demo", type=int, metavar="N",
                     help="add N realistic demo customers with 30 days of history and a "
                          "scripted feed for the next 30 days")
    sub.add_argument("--seed", type=int, default=0, help="random seed of the demo data "
                     "(same seed and --now give the same data; default 0)")
    sub.add_argument("--now", metavar="ISO", help="the demo's present instant, e.g. "
                     "2026-11-20T09:00:00+08:00 (default: now, rounded down to the hour)")

    sub = command("import", cmd_import, "Import customers.csv, events.csv or events.jsonl (all "
                  "rows or none).")
    sub.add_argument("files", nargs="+", metavar="FILE.csv",
                     help="customers.csv (customer_id and name:type columns), events.csv "
                          "(customer_id,event,ts[,properties]) or events.jsonl / .ndjson (one "
                          "JSON object a line with those fields)")

    sub = command("policy", cmd_policy, "Show or change the store's policies: timezone, quiet "
                  "hours, frequency caps and whether publishing needs an approval.")
    sub.add_argument("--timezone", metavar="TZ", help="the store's timezone, e.g. Asia/Shanghai")
    sub.add_argument("--quiet-hours", action="append", metavar="CHANNEL=HH:MM-HH:MM",
                     help="no touches on CHANNEL in this window (repeatable; CHANNEL=none "
                          "removes it)")
    sub.add_argument("--cap", action="append", metavar="CHANNEL=MAX/DURATION",
                     help="at most MAX sent touches per DURATION, e.g. sms=1/1d or '*=3/7d' for "
                          "all channels together (repeatable; replaces that channel's caps; "
                          "CHANNEL=none removes them)")
    sub.add_argument("--require-approval", choices=("on", "off"),
                     help="on: publish only a journey whose exact content someone other than "
                          "its last editor approved (journey-canvas review FILE --approve); "
                          "new stores from init have it on, demo stores off")

    sub = command("publish", cmd_publish, "Publish a journey file as a new, frozen version.")
    sub.add_argument("file", metavar="FILE.journey.json")
    sub.add_argument("--at", metavar="ISO", help="publication instant (default: now)")
    sub.add_argument("--as", dest="by", metavar="NAME",
                     help="who publishes, recorded in an approved file's review history "
                          "(default: the system user)")

    sub = command("run", cmd_run, "Run the published journeys live until stopped (SIGINT or "
                  "SIGTERM), up to now with --once, or over a simulated clock when "
                  "--from/--until are given.")
    sub.add_argument("--from", dest="start", metavar="ISO", help="start of the simulated clock")
    sub.add_argument("--until", metavar="ISO", help="end of the run (default: now)")
    sub.add_argument("--tick", metavar="DURATION", help="clock step such as 30s, 10m, 1h or 1d "
                     "(live default: --every, in whole seconds)")
    sub.add_argument("--json", action="store_true", help="print the totals as JSON")
    add_live_options(sub)

    sub = command("simulate", cmd_simulate, "Simulate a journey file on a copy of the store.")
    sub.add_argument("file", metavar="FILE.journey.json")
    sub.add_argument("--days", type=int, required=True, metavar="N", help="days to simulate")
    sub.add_argument("--json", action="store_true", help="print the result as JSON")

    sub = command("report", cmd_report, "Count what a published journey did.")
    sub.add_argument("journey_id", metavar="JOURNEY_ID")
    sub.add_argument("--version", type=int, help="only this version (default: all versions)")
    sub.add_argument("--json", action="store_true", help="print JSON instead of a table")
    sub.add_argument("--funnel", type=_event_list, metavar="EVENT,EVENT,...",
                     help="also count the entrants who did these events, in this order")

    sub = command("export", cmd_export, "Export a journey's touch decisions as CSV.")
    sub.add_argument("journey_id", metavar="JOURNEY_ID")
    sub.add_argument("what", choices=("touches",), help="what to export (touches)")
    sub.add_argument("--out", required=True, metavar="FILE.csv", help="the CSV file to write")

    sub = command("status", cmd_status, "Show who runs the store, its clock and lag, each "
                  "journey's state and customers due, recent touches and late events.")
    sub.add_argument("--json", action="store_true", help="print JSON instead of text")

    sub = command("serve-events", cmd_serve_events, "Accept events over HTTP while the runtime "
                  "runs: POST /v1/events with a bearer token.")
    sub.add_argument("--host", default="127.0.0.1", help="address to listen on (default "
                     "127.0.0.1: this machine only)")
    sub.add_argument("--port", type=int, default=8421, help="port (default 8421; 0: any free one)")
    sub.add_argument("--token-env", default="JOURNEY_EVENTS_TOKEN", metavar="NAME",
                     help="environment variable holding the token clients must send "
                          "(default JOURNEY_EVENTS_TOKEN)")

    from .cli_delivery import add_delivery_commands  # channel, deliver, deliveries

    add_delivery_commands(commands, _add_common)
    from .cli_states import add_state_commands  # pause, resume, end

    add_state_commands(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a wrong command line (2)
        return int(exc.code or 0)
    lang = normalise(args.lang)  # the option, else the locale
    zh = lang.startswith("zh")
    try:  # a full disk is said plainly, whichever command and layer met it
        with disk.plain_disk_full(disk.store_path(args.store), keep=(CommandError,)):
            return args.handler(args, lang)
    except disk.DiskFull as exc:
        problem = exc.message(lang)
    except CommandError as exc:
        problem = exc.message(lang)
    except (JourneyFileError, JourneyRunError) as exc:
        problem = exc.message(lang)
    except (StoreError, StoreVersionError, CatalogError) as exc:
        problem = str(exc)
    except BrokenPipeError:  # `report | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # quiet exit flush
        return 0
    except OSError as exc:  # after BrokenPipeError, one of its subclasses
        problem = f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    except KeyboardInterrupt:
        print("\n已中断" if zh else "\ninterrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so plainly
        if os.environ.get("JOURNEY_DEBUG"):
            raise
        problem = (f"内部错误 {type(exc).__name__}: {exc}（设置 JOURNEY_DEBUG=1 可查看详情）" if zh
                   else f"internal error {type(exc).__name__}: {exc} "
                        "(set JOURNEY_DEBUG=1 for details)")
    print(f"journey-runtime {args.command}: {'错误' if zh else 'error'}: {problem}",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
