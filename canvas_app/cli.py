"""`journey-canvas`: opens the editor; `validate` and `export` work headless.

Qt is imported only for the commands that need it, so `validate` runs in a
git pre-commit hook on a machine without a display.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nodes.catalog import STANDARD_CATALOG
from nodes.errors import JourneyFileError
from nodes.fileformat import load
from nodes.lang import normalise
from nodes.validation import Severity, validate

from . import diff_cli, review_cli

_TEXT = {
    "ok": ("{file}：没有问题", "{file}: no issues"),
    "summary": ("{file}：{errors} 个错误，{warnings} 个警告", "{file}: {errors} error(s), {warnings} warning(s)"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "internal": ("无法检查（内部错误 {name}），请报告此问题", "could not be checked (internal error {name}); please report it"),
    "store": ("无法打开客户库 {url}：{reason}", "cannot open the store {url}: {reason}"),
}


def _t(key: str, lang: str, **params: object) -> str:
    zh, en = _TEXT[key]
    return (zh if lang.startswith("zh") else en).format(**params)


def _safe_stdout() -> None:
    """A message must never crash its own printing (odd file names, a locale
    that cannot show Chinese): write what cannot be encoded as escapes."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _validate_command(args: argparse.Namespace) -> int:
    _safe_stdout()
    lang = normalise(args.lang)
    catalog = None if args.no_catalog else STANDARD_CATALOG
    if args.store:
        catalog = _store_catalog(args.store, lang)
        if catalog is None:
            return 2
    failed = False
    for name in args.files:
        try:
            ok = _validate_file(name, lang, catalog, store=bool(args.store))
        except Exception as exc:  # noqa: BLE001 - a hook must go on to the next file
            print(f"{name}: {_t('error', lang)}: {_t('internal', lang, name=type(exc).__name__)}")
            ok = False
        failed |= not ok
    return 1 if failed else 0


def _store_catalog(url: str, lang: str):
    """The catalog of the store at `url` (the runtime only imported here, so
    validating without a store stays light), or None after saying why not."""
    from runtime.api import open_store

    try:
        store = open_store(url, create=False)
    except RuntimeError as exc:  # StoreError, StoreVersionError: missing, unreachable, too new
        print(_t("store", lang, url=url, reason=exc), file=sys.stderr)
        return None
    try:
        return store.catalog()
    finally:
        store.close()


def _validate_file(name: str, lang: str, catalog, store: bool = False) -> bool:
    """Print one file's issues; False when it cannot be read or has an error.
    Against a store's catalog (`store`) unknown names are errors, as when
    publishing there; against the standard one they are warnings."""
    try:
        journey = load(name)
    except JourneyFileError as exc:
        print(f"{name}: {_t('error', lang)}: {exc.message(lang).removeprefix(name + ': ')}")
        return False
    if store:
        from runtime.publish import issues_against

        issues = issues_against(journey, catalog)
    else:
        issues = validate(journey, catalog, store_catalog=False)
    for issue in issues:
        where = f" [{issue.node_id}]" if issue.node_id else ""
        print(f"{name}:{where} {_t(issue.severity.value, lang)} {issue.code}: "
              f"{issue.message(lang)}")
    errors = sum(i.severity == Severity.error for i in issues)
    warnings = len(issues) - errors
    print(_t("summary", lang, file=name, errors=errors, warnings=warnings) if issues
          else _t("ok", lang, file=name))
    return errors == 0


def _export_command(args: argparse.Namespace) -> int:
    if args.review_pack or args.against:
        return _review_pack_command(args)
    targets = [(fmt, getattr(args, fmt)) for fmt in ("png", "svg", "pdf") if getattr(args, fmt)]
    if not targets:
        print("journey-canvas export: give --png OUT, --svg OUT or --pdf OUT", file=sys.stderr)
        return 2
    from canvas_app.export import export_file  # Qt only from here on

    try:
        for fmt, out in targets:
            export_file(Path(args.file), Path(out), fmt)
    except JourneyFileError as exc:
        print(exc.message(normalise(args.lang)), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"journey-canvas export: {exc}", file=sys.stderr)
        return 1
    return 0


def _review_pack_command(args: argparse.Namespace) -> int:
    """`export FILE --pdf OUT --review-pack [--against APPROVED]`: the review pack
    (canvas_app.review.pack); --png/--svg, when given too, export as usual."""
    lang = normalise(args.lang)
    if not args.review_pack:
        print("journey-canvas export: --against goes with --review-pack", file=sys.stderr)
        return 2
    if not args.pdf:
        print("journey-canvas export: --review-pack needs --pdf OUT", file=sys.stderr)
        return 2
    from canvas_app.export import export_file  # Qt only from here on
    from canvas_app.review.pack import pack_file

    try:
        pack_file(Path(args.file), Path(args.pdf), lang,
                  Path(args.against) if args.against else None)
        for fmt in ("png", "svg"):
            if getattr(args, fmt):
                export_file(Path(args.file), Path(getattr(args, fmt)), fmt, lang)
    except JourneyFileError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"journey-canvas export: {exc}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journey-canvas",
        description="Draw customer journeys. Without a command, opens the editor.",
    )
    parser.add_argument("--lang", help="zh_CN or en (default: from the locale)")
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("validate", help="check journey files; exit 1 if any has an error")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--lang", help="zh_CN or en (default: from the locale)")
    names = check.add_mutually_exclusive_group()
    names.add_argument("--no-catalog", action="store_true",
                       help="do not check attribute and event names at all")
    names.add_argument("--store", metavar="URL",
                       help="check attribute and event names against this store's catalog "
                            "(unknown ones are errors, as when publishing there); without it "
                            "names outside the standard catalog are only warnings")
    export = sub.add_parser("export", help="render a journey to PNG, SVG or PDF")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--png", metavar="OUT")
    export.add_argument("--svg", metavar="OUT")
    export.add_argument("--pdf", metavar="OUT")
    export.add_argument("--review-pack", action="store_true",
                        help="make --pdf the review pack: canvas, steps, checks, changes since "
                             "the approval, comments and history")
    export.add_argument("--against", metavar="APPROVED",
                        help="with --review-pack: the approved version of FILE, to list the "
                             "changes since")
    export.add_argument("--lang", help="zh_CN or en (default: from the locale)")
    diff_cli.add_parser(sub)
    review_cli.add_review_parser(sub)
    opened = sub.add_parser("open", help="open the editor (the default)")
    opened.add_argument("files", nargs="*", metavar="FILE")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0].endswith(".json") and not argv[0].startswith("-"):
        argv = ["open", *argv]
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return _validate_command(args)
    if args.command == "diff":
        _safe_stdout()
        return diff_cli.diff_command(args)
    if args.command == "review":
        return review_cli.review_command(args)
    if args.command == "export":
        return _export_command(args)
    from canvas_app.app import run_app  # Qt only from here on

    files = getattr(args, "files", []) or []
    return run_app(["journey-canvas", *files])


if __name__ == "__main__":
    sys.exit(main())
