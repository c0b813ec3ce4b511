"""Entry point: ``posaid`` opens the GUI; ``posaid COMMAND`` runs a headless command.

Errors go to stderr in plain words (Chinese by default, ``--lang en`` for English) with a
non-zero exit code; a traceback is never what the user sees.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from posaid.cli_words import Parser, argv_lang, os_error
from posaid.core.text import Text, UserError, normalize_lang, system_lang
from posaid.paths import data_dir

# Every headless command, in the order ``--help`` lists them. README documents each (tested).
COMMANDS = (
    "import",
    "export",
    "list",
    "backup",
    "check",
    "settle",
    "holidays",
    "reconcile",
    "diagnose",
    "checklist",
    "packet",
    "read-slip",
)

E_NO_DISPLAY = Text(
    "没有可用的显示器，无法打开窗口。请在有桌面的电脑上运行，或使用命令行功能（posaid --help）。",
    "No display is available, so the window cannot open. Run it on a desktop, "
    "or use the headless commands (posaid --help).",
)
E_UNEXPECTED = Text(
    "发生了意外错误：{error}。您的记录没有受影响。详细信息已写入 {log}。",
    "An unexpected error happened: {error}. Your records are not affected. Details are in {log}.",
)
E_UNEXPECTED_NO_LOG = Text(
    "发生了意外错误：{error}。您的记录没有受影响。详细信息无法写入日志（数据文件夹和临时文件夹都不能写入）。",
    "An unexpected error happened: {error}. Your records are not affected. The details could not "
    "be logged (neither the data folder nor the temporary folder can be written).",
)


@dataclass
class Context:
    """What every command needs: the language for messages and the data folder."""

    lang: str
    data_dir: Path

    def out(self, text: str, echo: bool = False) -> None:
        """Print a result. ``echo=True`` for a sentence that repeats something the owner typed
        (a file name): it passes the card guard. Results from the store were guarded on the way
        in and print exactly (guarding a table again could take a reference number and the
        date beside it for a card)."""
        print(_guarded(text) if echo else text)

    def err(self, text: str) -> None:
        print(_guarded(text), file=sys.stderr)


def _guarded(text: str) -> str:
    """What the commands print passes the card guard too (a file name, a key, a value)."""
    from posaid.core.identifiers.cardguard import guard_text

    return guard_text(text).text


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(f"posaid.commands.{name.replace('-', '_')}_cmd")


class _VersionAction(argparse.Action):
    """``--version``; the version is looked up only when asked (it costs start-up time)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        import posaid

        print(f"posaid {posaid.__version__}")
        parser.exit()


def build_parser(load_commands: bool = True) -> argparse.ArgumentParser:
    """The parser; with ``load_commands=False`` the commands are known by name only, so opening
    the window imports none of their modules (PDF, spreadsheets, calendars load when used)."""
    parser = Parser(
        prog="posaid",
        description=(
            "POS 到账助手 / POS Payout Aid. 不带命令时打开窗口 (no command opens the window)."
        ),
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="版本 / version")
    parser.add_argument("--data-dir", help="数据文件夹 / data folder (default: per-user folder)")
    parser.add_argument("--lang", help="zh_CN 或 en / zh_CN or en (default: system language)")
    parser.add_argument(
        "--pseudo", action="store_true", help="伪本地化，检查未翻译的文字 / pseudo-localisation"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="自检后退出 / run the self-test and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if not load_commands:
            sub.add_parser(name)
            continue
        mod = _command_module(name)
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)
        p.add_argument("--data-dir", dest="sub_data_dir", help=argparse.SUPPRESS)
        p.add_argument("--lang", dest="sub_lang", help=argparse.SUPPRESS)
        mod.add_arguments(p)
    return parser


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    if not words and has_display():
        # A double-click: the window, without building the command line first (about 7 ms of
        # a start the owner waits for). The same defaults argparse would give.
        from posaid.app import run_gui

        return run_gui(data_dir=data_dir(None), lang=None, pseudo=False)
    Parser.lang = argv_lang(words)  # argparse's own errors in the user's language
    parser = build_parser(load_commands=any(w in COMMANDS or w in ("-h", "--help") for w in words))
    args = parser.parse_args(argv)
    lang = normalize_lang(getattr(args, "sub_lang", None) or args.lang or system_lang())
    folder = data_dir(getattr(args, "sub_data_dir", None) or args.data_dir)
    ctx = Context(lang=lang, data_dir=folder)

    if args.self_test:
        from posaid.selftest import run_self_test

        return run_self_test(lang)

    if not args.command:
        if not has_display():
            ctx.err(E_NO_DISPLAY.get(lang))
            return 2
        from posaid.app import run_gui

        return run_gui(data_dir=folder, lang=args.lang, pseudo=args.pseudo)

    mod = _command_module(args.command)
    if args.command != "import":  # import refuses with this very sentence instead
        _note_read_only(ctx)
    try:
        return int(mod.run(args, ctx))
    except UserError as exc:
        ctx.err(exc.message(lang))
        return 1
    except OSError as exc:
        if exc.filename is None:  # not about a file the user named: the last line of defence
            return _unexpected(ctx, folder, exc)
        ctx.err(os_error(exc, lang))  # a file named on the command line, in plain words
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: plain words, log the rest
        return _unexpected(ctx, folder, exc)


def _unexpected(ctx: Context, folder: Path, exc: Exception) -> int:
    from posaid.errorlog import log_exception

    log = log_exception(folder, exc)
    if log is None:
        ctx.err(E_UNEXPECTED_NO_LOG.render(ctx.lang, error=type(exc).__name__))
    else:
        ctx.err(E_UNEXPECTED.render(ctx.lang, error=type(exc).__name__, log=log))
    return 3


def _note_read_only(ctx: Context) -> None:
    """A data folder that cannot be written is opened read-only: say so once, up front."""
    folder = ctx.data_dir
    if folder.is_dir() and not os.access(folder, os.W_OK):
        from posaid.store.errors import ReadOnlyError

        ctx.err(ReadOnlyError(folder).message(ctx.lang))


if __name__ == "__main__":
    sys.exit(main())
