"""Writing the interchange format: every record as JSON, or JSON and the attachments in a zip."""

from __future__ import annotations

import json
import os
import shutil
import time
import zipfile
from pathlib import Path
from typing import IO, Any

from posaid.core.models import Incident
from posaid.core.money import fen_to_str
from posaid.core.text import Text, UserError
from posaid.store import attachments as files
from posaid.store import records as rec
from posaid.store.attachments import open_regular
from posaid.store.db import Store
from posaid.store.outpath import refuse_inside_data
from posaid.store.validate import FORMAT, VERSION
from posaid.util.atomic import atomic_writer, is_disk_full

E_WRITE = Text(
    "无法写入 {path}：{detail}。没有留下不完整的文件。",
    "Cannot write {path}: {detail}. No partial file was left behind.",
)
E_WRITE_FULL = Text(
    "磁盘空间不足，{path} 没有写成；没有留下不完整的文件，记录本身完好。"
    "请清理磁盘或换一个位置后重试。",
    "The disk is full, so {path} was not written; no partial file was left behind and the "
    "records themselves are intact. Free some space or choose another place and try again.",
)


E_ATTACHMENT = Text(
    "附件 {sha} 无法读取（{path}：{detail}），没有导出。请先运行“检查”。",
    "The attachment {sha} cannot be read ({path}: {detail}), so nothing was exported. Run the "
    "check first.",
)


def write_error(dest: Path, exc: OSError) -> UserError:
    if is_disk_full(exc):
        return UserError(E_WRITE_FULL, path=str(dest))
    return UserError(E_WRITE, path=str(dest), detail=exc.strerror or str(exc))


# ------------------------------------------------------------------ export
def incident_to_dict(inc: Incident) -> dict[str, Any]:
    return {
        "title": inc.title,
        "status": inc.status.value,
        "outcome": inc.outcome.value if inc.outcome else None,
        "opened_at": rec.iso(inc.opened_at),
        "notes": inc.notes,
        "transactions": [
            {
                "time": rec.iso(t.time),
                "amount": fen_to_str(t.amount_fen),
                "channel": t.channel.value,
                "type": t.type.value,
                "merchant_no": t.merchant_no,
                "terminal_no": t.terminal_no,
                "reference_no": t.reference_no,
                "voucher_no": t.voucher_no,
                "batch_no": t.batch_no,
                "auth_code": t.auth_code,
                "card": t.card,
                "order_no": t.order_no,
                "channel_merchant_id": t.channel_merchant_id,
                "settlement_cycle": t.settlement_cycle,
            }
            for t in inc.transactions
        ],
        "contacts": [
            {
                "time": rec.iso(c.time),
                "party": c.party,
                "channel": c.channel.value,
                "ticket_no": c.ticket_no,
                "agent": c.agent,
                "summary": c.summary,
                "promised_by": c.promised_by.isoformat() if c.promised_by else None,
                "promise_kind": c.promise_kind.value if c.promise_kind else None,
            }
            for c in inc.contacts
        ],
        "history": [
            {
                "time": rec.iso(h.time),
                "old": h.old.value if h.old else None,
                "new": h.new.value,
                "outcome": h.outcome.value if h.outcome else None,
                "note": h.note,
            }
            for h in inc.history
        ],
        "attachments": [
            {
                "sha256": a.sha256,
                "name": a.original_name,
                "caption": a.caption,
                "media_type": a.media_type,
                "size": a.size,
                "added_at": rec.iso(a.added_at),
            }
            for a in inc.attachments
        ],
        "checklist": inc.checklist,
    }


def export_document(store: Store) -> dict[str, Any]:
    m = store.get_merchant()
    return {
        "format": FORMAT,
        "version": VERSION,
        "merchant": {
            "shop_name": m.shop_name,
            "merchant_no": m.merchant_no,
            "acquirer": m.acquirer,
            "settlement_bank": m.settlement_bank,
            "settlement_account_last4": m.settlement_account_last4,
            "settlement_cycle": m.settlement_cycle,
            "cutoff": m.cutoff,
            "phone": m.phone,
            "shop_address": m.shop_address,
            "registered_name": m.registered_name,
            "account_holder": m.account_holder,
            "fee_rate_permille": m.fee_rate_permille,
            "fee_cap_fen": m.fee_cap_fen,
            "makeup_days_paid": m.makeup_days_paid,
        },
        "incidents": [incident_to_dict(store.get_incident(i)) for i in store.incident_ids()],
    }


def _dump(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def export_json(store: Store, dest: Path) -> int:
    refuse_inside_data(dest, store.data_dir)
    doc = export_document(store)
    try:
        with atomic_writer(dest) as fh:
            fh.write(_dump(doc))
    except OSError as exc:
        raise write_error(dest, exc) from exc
    return len(doc["incidents"])


def export_archive(store: Store, dest: Path) -> int:
    """``data.json`` plus ``attachments/<sha256>.<ext>`` in one zip, written atomically."""
    refuse_inside_data(dest, store.data_dir)
    doc = export_document(store)
    shas = {a["sha256"]: a["media_type"] for i in doc["incidents"] for a in i["attachments"]}
    try:
        with atomic_writer(dest) as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("data.json", _dump(doc))
            for sha, media_type in sorted(shas.items()):
                src = _read_attachment(store, sha)
                mtime = time.localtime(os.fstat(src.fileno()).st_mtime)
                entry = zipfile.ZipInfo(f"attachments/{sha}{files.KINDS[media_type]}", mtime[:6])
                entry.compress_type = zipfile.ZIP_STORED  # photos and PDFs are compressed already
                with src, zf.open(entry, "w", force_zip64=True) as out:
                    shutil.copyfileobj(src, out, files.CHUNK)
    except OSError as exc:
        raise write_error(dest, exc) from exc
    return len(doc["incidents"])


def _read_attachment(store: Store, sha: str) -> IO[bytes]:
    """An attachment to export, only if it is a regular file (a pipe would hang the export)."""
    path = store.attachment_path(sha)
    try:
        return open_regular(path)
    except OSError as exc:
        raise UserError(
            E_ATTACHMENT, sha=sha[:12], path=str(path), detail=exc.strerror or str(exc)
        ) from exc
