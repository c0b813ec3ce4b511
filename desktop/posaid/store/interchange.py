"""The interchange format (``docs/interchange.md``): export, import, and the ``.zip`` archive.

Import is all or nothing (one transaction), passes every text through the card guard, and skips
incidents already present (same content fingerprint), so importing a file twice adds nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from posaid.core.identifiers.cardguard import GuardReport
from posaid.core.models import (
    Attachment,
    Channel,
    Contact,
    ContactChannel,
    Incident,
    Merchant,
    Outcome,
    PromiseKind,
    Status,
    StatusChange,
    Transaction,
    TxnType,
    as_shanghai,
    normalize_cycle,
    parse_cutoff,
)
from posaid.core.money import fen_to_str, parse_amount
from posaid.core.os_words import os_reason_text
from posaid.core.text import Text, UserError
from posaid.store import attachments as files
from posaid.store import bulk_import
from posaid.store import records as rec
from posaid.store.archive_read import Archive
from posaid.store.atomic import atomic_writer, is_disk_full
from posaid.store.attachments import open_regular
from posaid.store.bulk_import import Progress
from posaid.store.db import Store
from posaid.store.errors import ReadOnlyError
from posaid.store.import_journal import ImportJournal
from posaid.store.json_limits import (
    E_READ,
    E_TOO_BIG,
    MAX_JSON_BYTES,
    MB,
    PARSE_BUDGET,
    parse_json,
)
from posaid.store.outpath import refuse_inside_data
from posaid.store.validate import FORMAT, VERSION, parse_datetime, validate

E_CSV = Text(
    "文件 {path} 是 CSV 表格。CSV 只用于导出（用 Excel 查看），不能导入。要把记录搬到另一台"
    "电脑，请用“导出全部记录”保存的 .json 或 .zip 文件导入。",
    "The file {path} is a CSV table. CSV is for export only (to view in Excel) and cannot be "
    "imported. To move records to another computer, import the .json or .zip file saved by "
    "“Export all records”.",
)
E_MISSING_FILE = Text(
    "{where} 引用的附件 {sha} 不在压缩包里。",
    "{where} refers to the attachment {sha}, which is not in the archive.",
)
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


# ------------------------------------------------------------------ import
def _dt(value: str) -> Any:
    parsed = parse_datetime(value)
    assert parsed is not None  # validated
    return as_shanghai(parsed)


def incident_from_dict(d: dict[str, Any]) -> Incident:
    import datetime as dt

    return Incident(
        title=d["title"].strip(),
        status=Status(d.get("status") or "open"),
        outcome=Outcome(d["outcome"]) if d.get("outcome") else None,
        opened_at=_dt(d["opened_at"]),
        notes=d.get("notes") or "",
        transactions=[
            Transaction(
                time=_dt(t["time"]),
                amount_fen=parse_amount(t["amount"]),
                channel=Channel(t.get("channel") or "bank_card"),
                type=TxnType(t.get("type") or "sale"),
                merchant_no=t.get("merchant_no") or "",
                terminal_no=t.get("terminal_no") or "",
                reference_no=t.get("reference_no") or "",
                voucher_no=t.get("voucher_no") or "",
                batch_no=t.get("batch_no") or "",
                auth_code=t.get("auth_code") or "",
                card=t.get("card") or "",
                order_no=t.get("order_no"),
                channel_merchant_id=t.get("channel_merchant_id") or "",
                settlement_cycle=normalize_cycle(t.get("settlement_cycle") or "T+1"),
            )
            for t in d.get("transactions") or []
        ],
        contacts=[
            Contact(
                time=_dt(c["time"]),
                party=c["party"],
                channel=ContactChannel(c.get("channel") or "phone"),
                ticket_no=c.get("ticket_no") or "",
                agent=c.get("agent") or "",
                summary=c.get("summary") or "",
                promised_by=dt.date.fromisoformat(c["promised_by"])
                if c.get("promised_by")
                else None,
                promise_kind=PromiseKind(c["promise_kind"]) if c.get("promise_kind") else None,
            )
            for c in d.get("contacts") or []
        ],
        history=[
            StatusChange(
                time=_dt(h["time"]),
                old=Status(h["old"]) if h.get("old") else None,
                new=Status(h["new"]),
                outcome=Outcome(h["outcome"]) if h.get("outcome") else None,
                note=h.get("note") or "",
            )
            for h in d.get("history") or []
        ],
        attachments=[
            Attachment(
                sha256=a["sha256"],
                original_name=a.get("name") or "",
                size=a["size"],
                media_type=a["media_type"],
                added_at=_dt(a["added_at"]),
                caption=a.get("caption") or "",
            )
            for a in d.get("attachments") or []
        ],
        checklist=d.get("checklist") or {},
    )


def merchant_from_dict(d: dict[str, Any]) -> Merchant:
    m = Merchant()
    for key, value in d.items():
        if value is not None:
            setattr(m, key, value)
    m.settlement_cycle = normalize_cycle(m.settlement_cycle)
    m.cutoff = parse_cutoff(m.cutoff).strftime("%H:%M")
    return m


@dataclass
class ImportResult:
    created: list[int] = field(default_factory=list)
    skipped: int = 0
    merchant_set: bool = False
    guard: GuardReport = field(default_factory=lambda: GuardReport([]))


def import_document(
    store: Store,
    doc: Any,
    archive: Archive | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate, then add every new incident in one transaction (nothing on any error).

    The files of ``archive`` that the records refer to are streamed into the attachment store
    first (hashed as they are copied), each noted in the import journal beforehand, so a killed
    import leaves none behind (see ``import_journal``). The records then go in through
    :mod:`bulk_import`; ``progress(done, total)`` is called as incidents are added, and once
    more (``total, total``) after the search indexes are merged, just before the commit."""
    if store.read_only:
        raise ReadOnlyError(store.data_dir if store.folder_read_only else None)
    validate(doc)
    result = ImportResult()
    # Incidents are converted one at a time (here, as each is added), so the parsed document
    # is the only full copy of the data in memory (bench/import_scale.py).
    journal = ImportJournal(store.data_dir)
    stored: list[str] = []
    try:
        found, verified = _bring_files(store, doc, archive, journal, stored)
        with store._write():
            current = store.get_merchant()
            if "merchant" in doc and not (current.shop_name or current.merchant_no):
                merchant = merchant_from_dict(doc["merchant"])
                if merchant != current:
                    result.guard.paths += store.save_merchant(merchant).paths
                    result.merchant_set = True
            created, skipped, paths = bulk_import.add_all(
                store,
                _incidents(doc["incidents"], found),
                len(doc["incidents"]),
                verified,
                progress,
            )
            result.created, result.skipped = created, skipped
            result.guard.paths += paths
    except BaseException:
        store._remove_unreferenced(stored)
        journal.close()
        raise
    # Files of incidents skipped as already present are used by no record: not kept either.
    store._remove_unreferenced(stored)
    journal.close()
    return result


def _incidents(
    dicts: list[dict[str, Any]], found: dict[str, tuple[int, str]]
) -> Iterator[tuple[int, Incident]]:
    """Each incident of the file converted as it is needed (never all at once), with the size
    and type of each attachment as found in the archive."""
    for i, d in enumerate(dicts):
        inc = incident_from_dict(d)
        for a in inc.attachments:
            a.size, a.media_type = found.get(a.sha256, (a.size, a.media_type))
        yield i, inc


def _bring_files(
    store: Store, doc: Any, archive: Archive | None, journal: ImportJournal, stored: list[str]
) -> tuple[dict[str, tuple[int, str]], set[str]]:
    """Copy in the referenced files not yet stored: sha256 -> (size, media type) of each, and
    the hashes of every referenced file now proven on disk (each hashed once per import)."""
    found: dict[str, tuple[int, str]] = {}
    verified: set[str] = set()
    for i, d in enumerate(doc["incidents"]):
        for j, a in enumerate(d.get("attachments") or []):
            sha = a["sha256"]
            if sha in verified:
                continue
            if files.verify(store.data_dir, sha):
                verified.add(sha)
                continue
            where = f"incidents[{i}].attachments[{j}]"
            entry = archive.open_attachment(sha) if archive is not None else None
            if entry is None:
                raise UserError(E_MISSING_FILE, where=where, sha=sha[:12])
            journal.note(sha)  # before the file exists: a kill from here on leaves no orphan
            try:
                got = files.store_stream(store.data_dir, entry, a.get("name") or "")
            finally:
                entry.close()
            if got.sha256 != sha:
                journal.note(got.sha256)
                stored.append(got.sha256)
                raise UserError(E_MISSING_FILE, where=where, sha=sha[:12])
            stored.append(sha)
            found[sha] = (got.size, got.media_type)
            verified.add(sha)  # hashed while it was copied in
    return found, verified


def read_json(path: Path) -> Any:
    try:
        with open_regular(path) as fh:
            raw = fh.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise UserError(E_READ, path=str(path), detail=os_reason_text(exc)) from exc
    if path.suffix.lower() == ".csv" or _looks_like_csv(raw):
        raise UserError(E_CSV, path=str(path))
    if len(raw) > MAX_JSON_BYTES:
        mb = len(raw) // MB
        raise UserError(E_TOO_BIG, path=str(path), mb=mb, need=mb, limit=PARSE_BUDGET // MB)
    return parse_json(raw, str(path))


def _looks_like_csv(raw: bytes) -> bool:
    """A table saved by "Export table (CSV)": text whose first line is comma-separated
    column names and that does not start like JSON."""
    try:
        text = raw[:4096].decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    first = text.lstrip().split("\n", 1)[0]
    return not first.startswith(("{", "[")) and first.count(",") >= 2


def import_path(store: Store, path: Path, progress: Progress | None = None) -> ImportResult:
    """A ``.zip`` (by name or by content) is read as an archive, so a damaged or cut-off archive
    is reported as an unusable archive rather than as "not valid JSON". Only a regular file is
    ever opened (a pipe would block the import forever)."""
    try:
        with open_regular(path) as fh:
            is_zip = path.suffix.lower() == ".zip" or zipfile.is_zipfile(fh)
    except OSError as exc:
        raise UserError(E_READ, path=str(path), detail=os_reason_text(exc)) from exc
    if is_zip:
        with Archive(path) as archive:
            return import_document(store, archive.document(), archive, progress)
    return import_document(store, read_json(path), progress=progress)
