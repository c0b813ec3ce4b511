"""``posaid packet INCIDENT_ID -o FILE.pdf [--lang zh_CN|en]``: the evidence packet, headless.

The subcommand's ``--lang`` is the language of the *packet* (Chinese by default, whatever the
interface language); messages follow the global ``posaid --lang``. The data folder is opened
read-only, so this works while the application is open.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from posaid.core.models import now
from posaid.core.text import DEFAULT_LANG, Text, UserError, normalize_lang, system_lang

if TYPE_CHECKING:
    from posaid.cli import Context

NAME = "packet"
HELP = "为一个事件生成给银行的 PDF 证据材料 / write the evidence packet PDF for an incident"

E_BAD_ID = Text(
    "事件编号“{value}”无效，应为数字，例如 posaid packet 12 -o 材料.pdf。",
    "The incident number “{value}” is not valid; use a number, "
    "e.g. posaid packet 12 -o packet.pdf.",
)
E_BAD_LANG = Text(
    "材料语言“{value}”不支持，请用 zh_CN（中文）或 en（英文）。",
    "The packet language “{value}” is not supported; use zh_CN (Chinese) or en (English).",
)
E_NO_INCIDENT = Text(
    "没有编号为 {id} 的事件。用 posaid list 可以查看所有事件及其编号。",
    "There is no incident number {id}. Run posaid list to see every incident and its number.",
)
W_ATTACHMENT = Text(
    "警告：附件“{name}”{problem}，材料中已注明。请核对原件后再交给银行。",
    "Warning: the attachment “{name}” {problem}; the packet says so. Check the original before "
    "giving the packet to the bank.",
)
P_CHANGED = Text(
    "已被改动或损坏（与保存时的 SHA-256 不一致）",
    "was changed or damaged (its SHA-256 differs from when it was saved)",
)
P_MISSING = Text("不见了", "is missing")
P_SPECIAL = Text(
    "的位置上不是普通文件（是文件夹、管道或设备）",
    "is not a regular file (a folder, pipe or device)",
)
DONE = Text(
    "已生成证据材料：{path}（{pages} 页，{size} KB）",
    "Evidence packet written: {path} ({pages} pages, {size} KB)",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("incident_id", metavar="INCIDENT_ID", help="事件编号 / incident number")
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE.pdf", help="输出文件 / output PDF file"
    )
    # ``--lang`` of the subcommand (stored as ``sub_lang`` by cli.py) is the packet language.


def _packet_lang(args: argparse.Namespace) -> str:
    value = getattr(args, "sub_lang", None)
    if not value:
        return DEFAULT_LANG
    low = value.strip().lower().replace("-", "_")
    if not (low.startswith("zh") or low.startswith("en")):
        raise UserError(E_BAD_LANG, value=value)
    return normalize_lang(value)


def _message_lang(args: argparse.Namespace) -> str:
    """Messages follow the global ``posaid --lang`` (the subcommand's one is the packet's)."""
    return normalize_lang(getattr(args, "lang", None) or system_lang())


def _checklist_result(state: dict[str, Any], lang: str, data_dir: Path) -> Any:
    if not state:
        return None
    try:
        from posaid.core.checklist.engine import Walk, load_checklist
        from posaid.core.contacts.directory import load_contacts

        walk = Walk.from_state(load_checklist(), state)
        return walk.result(lang, load_contacts(data_dir))
    except (UserError, KeyError, TypeError, ValueError, AttributeError):
        return None  # a walk the current checklist cannot load is left out, not fatal


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posaid.core.holidays.workdays import load_calendar
    from posaid.report.packet import PacketInput, build_packet
    from posaid.store.db import Store
    from posaid.store.errors import NotFound
    from posaid.store.outpath import refuse_inside_data
    from posaid.store.recon_incident import incident_recon

    raw_id = str(args.incident_id).strip().lstrip("#")
    if not raw_id.isdigit():
        raise UserError(E_BAD_ID, value=args.incident_id)
    lang = _packet_lang(args)
    out = refuse_inside_data(Path(args.output).expanduser(), ctx.data_dir)
    with Store.open(ctx.data_dir, read_only=True) as store:
        try:
            incident = store.get_incident(int(raw_id))
        except NotFound as exc:
            raise UserError(E_NO_INCIDENT, id=int(raw_id)) from exc
        merchant = store.get_merchant()
        made_at = now()
        calendar = load_calendar(
            ctx.data_dir, strict=False, makeup_counts=merchant.makeup_days_paid
        )
        inp = PacketInput(
            merchant=merchant,
            incident=incident,
            attachment_path=store.attachment_path,
            checklist_result=_checklist_result(incident.checklist, lang, ctx.data_dir),
            lang=lang,
            made_at=made_at,
            calendar=calendar,
            # the reconciliation of the incident's days, when imported files cover them
            recon=incident_recon(store, incident, merchant, calendar=calendar, now_time=made_at),
        )
        build_packet(inp, out)
        problems = _attachment_problems(store.data_dir, incident)
    pages = _page_count(out)
    msg_lang = _message_lang(args)
    ctx.out(
        DONE.render(msg_lang, path=out, pages=pages, size=max(1, out.stat().st_size // 1024)),
        echo=True,
    )
    for name, problem in problems:  # the PDF warns; whoever runs the command must see it too
        ctx.err(W_ATTACHMENT.render(msg_lang, name=name, problem=problem.get(msg_lang)))
    return 0


def _attachment_problems(data_dir: Path, incident: Any) -> list[tuple[str, Text]]:
    """Each attachment that is missing, not a regular file, or no longer matches its SHA-256."""
    from posaid.store import attachments as files

    out: list[tuple[str, Text]] = []
    for a in incident.attachments:
        path = files.find_file(data_dir, a.sha256)
        name = a.original_name or a.sha256[:12]
        if not path.exists():
            out.append((name, P_MISSING))
        elif not path.is_file():  # never opened: a pipe would block
            out.append((name, P_SPECIAL))
        elif not files.verify(data_dir, a.sha256):
            out.append((name, P_CHANGED))
    return out


def _page_count(path: Path) -> int | str:
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        try:
            return len(doc)
        finally:
            doc.close()
    except Exception:  # noqa: BLE001 - the count is only informative
        return "?"
