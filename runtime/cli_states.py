"""`journey-runtime pause | resume | end`: a published journey's state in the
store, and with `--file` the same step in the journey file's review history
(who, when, the content it applies to), so the file tells its whole story
from draft to ended. Registered by `cli.build_parser`."""
from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from nodes import approval, fileformat

from .cli import CommandError, _say, open_store, parse_instant_option
from .store import JourneyStateError


def add_state_commands(command: Any) -> None:
    sub = command("pause", cmd_pause, "Pause a journey: no entries and no steps until it "
                  "is resumed.")
    _common(sub, "the instant of the pause (default: now)")
    sub = command("resume", cmd_resume, "Resume a paused journey; held customers continue "
                  "where they were.")
    _common(sub, "the instant of the resume (default: now)")
    sub.add_argument("--skip-missed-touches", action="store_true",
                     help="do not send touches whose instant fell in the pause (they are "
                          "recorded as suppressed, reason paused); by default they are sent")
    sub = command("end", cmd_end, "End a journey for good: no entries and no steps, and the "
                  "customers inside leave (reason stopped). Publish it again to start anew.")
    _common(sub, "the instant it ends (default: now)")


def _common(sub: argparse.ArgumentParser, at_help: str) -> None:
    sub.add_argument("journey_id", metavar="JOURNEY_ID")
    sub.add_argument("--at", metavar="ISO", help=at_help)
    sub.add_argument("--file", metavar="FILE.journey.json",
                     help="also record the step in this journey file's review history")
    sub.add_argument("--as", dest="by", metavar="NAME",
                     help="who takes the step, for the file's history (default: the system user)")


def cmd_pause(args: argparse.Namespace, lang: str) -> int:
    return _change(args, lang, "pause")


def cmd_resume(args: argparse.Namespace, lang: str) -> int:
    return _change(args, lang, "resume")


def cmd_end(args: argparse.Namespace, lang: str) -> int:
    return _change(args, lang, "end")


def _change(args: argparse.Namespace, lang: str, action: str) -> int:
    jid, zh = args.journey_id, lang.startswith("zh")
    journey = _file_step_allowed(args, action) if args.file else None
    at = int(parse_instant_option(args.at, "--at").timestamp()) if args.at else None
    store = open_store(args)
    try:
        states = {row.state for row in store.published_versions(jid)}
        if not states:
            raise CommandError(f"no published journey '{jid}' in this store",
                               f"客户库中没有已发布的旅程「{jid}」")
        try:
            if action == "resume":
                versions = store.resume_journey(jid, at, args.skip_missed_touches)
            elif action == "pause":
                versions = store.pause_journey(jid, at)
            else:
                versions = store.end_journey(jid, at)
        except JourneyStateError as exc:
            raise CommandError(exc.en, exc.zh) from None
    finally:
        store.close()
    if not versions:
        raise _nothing_to_change(jid, action, states)
    listed = ", ".join(str(v) for v in versions)
    if action == "resume":
        skip = args.skip_missed_touches
        _say((f"已恢复旅程「{jid}」版本 {listed}；暂停期间应发的触达"
              f"{'将跳过' if skip else '将补发'}") if zh else
             f"resumed journey '{jid}' version {listed}; touches missed while paused "
             f"{'are skipped' if skip else 'are sent now'}")
    elif action == "pause":
        _say(f"已暂停旅程「{jid}」版本 {listed}：不再进入新客户，所有步骤暂停" if zh else
             f"paused journey '{jid}' version {listed}: no new entries, all steps on hold")
    else:
        _say(f"已结束旅程「{jid}」版本 {listed}：不再进入新客户，旅程中的客户已退出" if zh else
             f"ended journey '{jid}' version {listed}: no new entries, the customers inside "
             "have left")
    if journey is not None:
        record_in_file(journey, args.file, action, args.by, lang)
    return 0


def _nothing_to_change(jid: str, action: str, states: set[str]) -> CommandError:
    if action == "resume":
        if states == {"stopped"}:
            return CommandError(f"journey '{jid}' has ended; publish it again to start anew",
                                f"旅程「{jid}」已结束；如需重新开始请再次发布")
        return CommandError(f"journey '{jid}' is not paused", f"旅程「{jid}」未处于暂停状态")
    if states == {"stopped"}:
        return CommandError(f"journey '{jid}' has already ended", f"旅程「{jid}」已经结束")
    if action == "pause" and "paused" in states:
        return CommandError(f"journey '{jid}' is already paused", f"旅程「{jid}」已经暂停")
    return CommandError(f"journey '{jid}' has no running version (it was stopped)",
                        f"旅程「{jid}」没有运行中的版本（已停止）")


def _file_step_allowed(args: argparse.Namespace, action: str):
    """The journey of --file, checked before the store is touched: the same
    journey, and a step its review history allows (else nothing changes)."""
    journey = fileformat.load(args.file)
    if journey.id != args.journey_id:
        raise CommandError(
            f"{args.file} holds journey '{journey.id}', not '{args.journey_id}'",
            f"{args.file} 中的旅程是「{journey.id}」，不是「{args.journey_id}」")
    try:
        approval.check_action(journey, action, args.by or getpass.getuser())
    except approval.ReviewRefused as exc:
        raise CommandError(f"{args.file}: {exc.en} (nothing was changed)",
                           f"{args.file}：{exc.zh}（未做任何改动）") from None
    return journey


def record_in_file(journey, path: str, action: str, by: str | None, lang: str) -> bool:
    """Record a step the store has taken in the journey file's review history;
    the store is the truth, so a file that cannot be written is said, not fatal."""
    zh = lang.startswith("zh")
    approval.apply_action(journey, action, by or getpass.getuser())
    try:
        fileformat.save(journey, path)
    except OSError as exc:
        print(f"{path}: " + ("客户库已改，但无法在文件中记录：" if zh
                             else "the store changed, but the file could not record it: ")
              + str(exc), file=sys.stderr)
        return False
    status = approval.status_name(journey.meta.review.status, lang)
    _say(f"{path}: 已记录为「{status}」" if zh else f"{path}: recorded as {status}")
    return True
