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


@dataclass
class Context:
    """What every command needs: the language for messages and the data folder."""

    lang: str
    data_dir: Path

    def out(self, text: str) -> None:
        # Results come from the store, which guarded them on the way in; guarding them again
        # would mangle lists of numbers ("1 2 3 … 20" can read as a card), so only stderr is.
        print(text)

    def err(self, text: str) -> None:
        print(_guarded(text), file=sys.stderr)


def _guarded(text: str) -> str:
    """Messages on stderr pass the card guard too (they may echo a file name, a key, a value)."""
    from posaid.core.cardguard import guard_text

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
    parser = argparse.ArgumentParser(
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
    try:
        return int(mod.run(args, ctx))
    except UserError as exc:
        ctx.err(exc.message(lang))
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: plain words, log the rest
        from posaid.errorlog import log_exception

        log = log_exception(folder, exc)
        ctx.err(E_UNEXPECTED.render(lang, error=type(exc).__name__, log=log))
        return 3


if __name__ == "__main__":
    sys.exit(main())
