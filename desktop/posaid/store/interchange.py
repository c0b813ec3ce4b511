"""The interchange format (``docs/interchange.md``): export, import, and the ``.zip`` archive.

Import is all or nothing (one transaction), passes every text through the card guard, and skips
incidents already present (same content fingerprint), so importing a file twice adds nothing.
"""

from __future__ import annotations

import contextlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posaid.core.cardguard import GuardReport
from posaid.core.identifiers import CardInIdentifier
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
from posaid.store import records as rec
from posaid.store.atomic import atomic_writer, is_disk_full
from posaid.store.db import Store
from posaid.store.validate import FORMAT, VERSION, parse_datetime, validate

MAX_JSON_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 20_000
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
MAX_RATIO = 200
_ENTRY_RE = re.compile(r"^attachments/([0-9a-f]{64})\.(jpg|png|pdf)$")

E_READ = Text("无法读取文件 {path}：{detail}", "The file {path} cannot be read: {detail}")
E_JSON = Text(
    "文件 {path} 不是有效的 JSON（第 {line} 行第 {col} 列）。",
    "The file {path} is not valid JSON (line {line}, column {col}).",
)
E_BINARY = Text(
    "文件 {path} 不是文本文件（看起来是图片、压缩包或其他二进制文件），不是本软件导出的记录。"
    "请选择用“导出全部记录”保存的 .json 或 .zip 文件。",
    "The file {path} is not a text file (it looks like a picture, an archive or another binary "
    "file), so it is not records exported by this app. Choose the .json or .zip file saved by "
    "“Export all records”.",
)
E_CSV = Text(
    "文件 {path} 是 CSV 表格。CSV 只用于导出（用 Excel 查看），不能导入。要把记录搬到另一台"
    "电脑，请用“导出全部记录”保存的 .json 或 .zip 文件导入。",
    "The file {path} is a CSV table. CSV is for export only (to view in Excel) and cannot be "
    "imported. To move records to another computer, import the .json or .zip file saved by "
    "“Export all records”.",
)
E_ZIP = Text(
    "压缩包 {path} 无法使用：{detail}。没有导入任何记录。",
    "The archive {path} cannot be used: {detail}. Nothing was imported.",
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
    doc = export_document(store)
    try:
        with atomic_writer(dest) as fh:
            fh.write(_dump(doc))
    except OSError as exc:
        raise write_error(dest, exc) from exc
    return len(doc["incidents"])


def export_archive(store: Store, dest: Path) -> int:
    """``data.json`` plus ``attachments/<sha256>.<ext>`` in one zip, written atomically."""
    doc = export_document(store)
    shas = {a["sha256"]: a["media_type"] for i in doc["incidents"] for a in i["attachments"]}
    try:
        with atomic_writer(dest) as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("data.json", _dump(doc))
            for sha, media_type in sorted(shas.items()):
                src = store.attachment_path(sha)
                ext = files.KINDS[media_type]
                zf.write(src, f"attachments/{sha}{ext}", compress_type=zipfile.ZIP_STORED)
    except OSError as exc:
        raise write_error(dest, exc) from exc
    return len(doc["incidents"])


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
    store: Store, doc: Any, archive_files: dict[str, bytes] | None = None
) -> ImportResult:
    """Validate, then add every new incident in one transaction (nothing on any error)."""
    validate(doc)
    result = ImportResult()
    # Incidents are converted one at a time (here, and again below as each is added), so the
    # parsed document is the only full copy of the data in memory (bench/import_scale.py).
    stored: list[str] = []
    found: dict[str, tuple[int, str]] = {}  # sha256 -> (size, media type) of the stored file
    for i, d in enumerate(doc["incidents"]):
        if not d.get("attachments"):
            continue
        for j, a in enumerate(incident_from_dict(d).attachments):
            if files.verify(store.data_dir, a.sha256):
                continue
            data = (archive_files or {}).get(a.sha256)
            if data is None:
                raise UserError(
                    E_MISSING_FILE, where=f"incidents[{i}].attachments[{j}]", sha=a.sha256[:12]
                )
            got = files.store_bytes(store.data_dir, data, a.original_name)
            stored.append(got.sha256)
            if got.sha256 != a.sha256:
                store._remove_unreferenced(stored)
                raise UserError(
                    E_MISSING_FILE, where=f"incidents[{i}].attachments[{j}]", sha=a.sha256[:12]
                )
            found[a.sha256] = (got.size, got.media_type)
    try:
        with store._write():
            current = store.get_merchant()
            if "merchant" in doc and not (current.shop_name or current.merchant_no):
                merchant = merchant_from_dict(doc["merchant"])
                if merchant != current:
                    result.guard.paths += store.save_merchant(merchant).paths
                    result.merchant_set = True
            seen: set[str] = set()
            for i, d in enumerate(doc["incidents"]):
                inc = incident_from_dict(d)
                for a in inc.attachments:
                    a.size, a.media_type = found.get(a.sha256, (a.size, a.media_type))
                fp = rec.fingerprint(inc)
                exists = store._one("SELECT 1 FROM incidents WHERE fingerprint = ?", (fp,))
                if exists or fp in seen:
                    result.skipped += 1
                    continue
                seen.add(fp)
                try:
                    new_id, report = store.add_incident(inc)
                except CardInIdentifier as exc:  # name the record as the file numbers it
                    raise CardInIdentifier(f"incidents[{i}].{exc.path}", exc.masked) from None
                result.created.append(new_id)
                result.guard.paths += [f"incidents[{i}].{p}" for p in report.paths]
    except BaseException:
        store._remove_unreferenced(stored)
        raise
    return result


def read_json(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            raise UserError(E_READ, path=str(path), detail="> 200 MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(E_READ, path=str(path), detail=os_reason_text(exc)) from exc
    if path.suffix.lower() == ".csv" or _looks_like_csv(raw):
        raise UserError(E_CSV, path=str(path))
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


def parse_json(raw: bytes, name: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise UserError(E_BINARY, path=name) from exc
    except json.JSONDecodeError as exc:
        raise UserError(E_JSON, path=name, line=exc.lineno, col=exc.colno) from exc


def _read_limited(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    out = bytearray()
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            out += chunk
            if len(out) > limit:
                raise ValueError("entry larger than declared or allowed")
    return bytes(out)


def read_archive(path: Path) -> tuple[Any, dict[str, bytes]]:
    """``data.json`` and the attachment files of an archive, with zip-bomb and path limits.

    Entries are looked up by exact expected names only; nothing is extracted to disk by name.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise ValueError("too many entries")
            total = 0
            doc_raw: bytes | None = None
            blobs: dict[str, bytes] = {}
            for info in infos:
                if info.is_dir():
                    continue
                total += info.file_size
                if total > MAX_TOTAL_BYTES:
                    raise ValueError("too large when unpacked")
                if info.filename == "data.json":
                    # Text compresses far better than 200:1 when notes repeat; the read is
                    # bounded by MAX_JSON_BYTES whatever the header claims (R7 found an
                    # export of 100,000-character notes refused as a "zip bomb").
                    doc_raw = _read_limited(zf, info, min(info.file_size, MAX_JSON_BYTES))
                    continue
                if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                    raise ValueError("suspicious compression ratio (zip bomb)")
                m = _ENTRY_RE.match(info.filename)
                if not m:
                    continue  # never used as a path: unknown names are ignored
                data = _read_limited(zf, info, min(info.file_size, files.MAX_BYTES))
                blobs[m.group(1)] = data
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise UserError(E_ZIP, path=str(path), detail=str(exc)) from exc
    if doc_raw is None:
        raise UserError(E_ZIP, path=str(path), detail="data.json")
    return parse_json(doc_raw, f"{path.name}/data.json"), blobs


def import_path(store: Store, path: Path) -> ImportResult:
    """A ``.zip`` (by name or by content) is read as an archive, so a damaged or cut-off archive
    is reported as an unusable archive rather than as "not valid JSON"."""
    with contextlib.suppress(OSError):
        if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
            doc, blobs = read_archive(path)
            return import_document(store, doc, blobs)
    return import_document(store, read_json(path))
