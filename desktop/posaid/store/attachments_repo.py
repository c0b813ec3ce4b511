"""Attached photos and files: the row in the database and the file in ``attachments/``.

A file is copied in (sniffed, hashed, atomic) before its row is written, and removed once no row
refers to it. Reached as ``store.attachments``; the file handling itself is ``attachments.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from posaid.core.identifiers.cardguard import GuardReport
from posaid.core.models import (
    Attachment,
)
from posaid.store import records as rec
from posaid.store.errors import (
    NotFound,
    ReadOnlyError,
)
from posaid.store.import_journal import ImportJournal
from posaid.store.lifecycle import StoreLifecycle, pk

if TYPE_CHECKING:
    from posaid.store.db import Store


def remove_unreferenced(store: StoreLifecycle, shas: list[str]) -> None:
    """Delete the files of ``shas`` that no attachment row refers to any more."""
    from posaid.store import attachments as files

    for sha in shas:
        if store._one("SELECT 1 FROM attachments WHERE sha256 = ?", (sha,)) is None:
            files.remove_file(store.data_dir, sha)


class AttachmentRepository:
    """Attachment rows and their files (one file per SHA-256, shared between rows)."""

    def __init__(self, store: Store) -> None:
        self._s = store

    def insert_row(self, incident_id: int, a: Attachment, path: str, report: GuardReport) -> int:
        from posaid.store import attachments as files

        row = {
            "incident_id": incident_id,
            "sha256": a.sha256,
            "original_name": rec.guarded(
                files.safe_display_name(a.original_name), f"{path}.name", report
            ),
            "size": int(a.size),
            "media_type": a.media_type if a.media_type in files.KINDS else "image/jpeg",
            "added_at": rec.iso(a.added_at),
            "caption": rec.guarded(a.caption, f"{path}.caption", report),
        }
        return pk(self._s._t("attachments").insert(row).last_pk)

    def remove_unreferenced(self, shas: list[str]) -> None:
        """Delete the files of ``shas`` that no attachment row refers to any more."""
        remove_unreferenced(self._s, shas)

    def add_attachment(
        self,
        incident_id: int,
        source: Path,
        caption: str = "",
        *,
        report: GuardReport | None = None,
    ) -> Attachment:
        """Copy ``source`` in (content-sniffed, hashed, atomic) and then add its row.

        Card numbers masked in the caption or the file's name are added to ``report`` (when
        given), so the caller can tell the user.
        """
        from posaid.store import attachments as files

        self._s._require_incident(incident_id)
        if self._s.read_only:
            raise ReadOnlyError(self._s.data_dir if self._s.folder_read_only else None)
        journal = ImportJournal(self._s.data_dir)  # a kill before the row commits leaves no orphan
        try:
            stored = files.store_file(self._s.data_dir, Path(source), note=journal.note)
        except BaseException:
            journal.close()
            raise
        att = Attachment(
            sha256=stored.sha256,
            original_name=files.safe_display_name(str(source)),
            size=stored.size,
            media_type=stored.media_type,
            added_at=self._s.clock(),
            caption=caption,
        )
        report = report if report is not None else GuardReport([])
        try:
            with self._s._write():
                self._s._require_incident(incident_id)
                att.id = self.insert_row(incident_id, att, "attachment", report)
                self._s._touch(incident_id)
        except BaseException:
            self.remove_unreferenced([stored.sha256])
            raise
        finally:
            journal.close()
        row = next(self._s._t("attachments").rows_where("id = ?", [att.id]))
        return rec.attachment_from_row(row)

    def remove_attachment(self, attachment_id: int) -> None:
        with self._s._write() as conn:
            row = conn.execute(
                "SELECT incident_id, sha256 FROM attachments WHERE id = ?", (attachment_id,)
            ).fetchone()
            if row is None:
                raise NotFound("attachment", attachment_id)
            conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
            self._s._touch(row[0])
        self.remove_unreferenced([row[1]])

    def attachment_path(self, sha256: str) -> Path:
        from posaid.store import attachments as files

        return files.find_file(self._s.data_dir, sha256)
