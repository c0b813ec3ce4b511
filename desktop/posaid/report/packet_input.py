"""What a packet is built from, and the per-build context the section builders share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from posaid.core.models import Channel, Incident, Merchant, Transaction, TxnType, as_shanghai, now
from posaid.core.text import Text, normalize_lang
from posaid.report.escape import markup
from posaid.report.paragraph import Para
from posaid.report.styles import Styles

CLAIMABLE = (TxnType.SALE, TxnType.PREAUTH_COMPLETION)
QR = frozenset({Channel.WECHAT, Channel.ALIPAY, Channel.UNIONPAY_QR})  # paid by scanning a code


@dataclass
class PacketInput:
    """Everything the packet shows. ``attachment_path(sha256)`` finds a stored original."""

    merchant: Merchant
    incident: Incident
    attachment_path: Callable[[str], Path] | None = None
    checklist_result: Any | None = None  # posaid.core.checklist.engine.WalkResult
    lang: str = "zh_CN"
    made_at: dt.datetime | None = None
    calendar: Any | None = None  # posaid.core.holidays.workdays.WorkCalendar
    recon: Any | None = None  # posaid.core.recon.summary.ReconSummary for the incident's days


@dataclass(frozen=True)
class Due:
    """When one transaction should have been credited, and how late it is at ``made_at``."""

    expected: dt.date
    overdue: bool
    late: int  # working days for T cycles, calendar days for D cycles
    working: bool
    calendar_complete: bool
    # past the estimated date of a year whose schedule is not loaded, but not past the latest
    unconfirmed: bool = False
    latest: dt.date | None = None
    cycle: str = "T+1"  # the transaction's own cycle, normalised (what the due date used)

    def late_text(self, lang: str) -> str:
        from posaid.report import texts as T

        if self.working:
            text = T.TXN_LATE if self.late == 1 else T.TXN_LATE_MANY
        else:
            text = T.TXN_LATE_DAYS if self.late == 1 else T.TXN_LATE_DAYS_MANY
        return text.render(lang, days=self.late)


@dataclass
class Ctx:
    inp: PacketInput
    st: Styles
    lang: str
    made_at: dt.datetime
    txns: list[Transaction] = field(default_factory=list)  # in time order
    dues: list[Due | None] = field(default_factory=list)  # parallel to txns

    @classmethod
    def make(cls, inp: PacketInput, st: Styles) -> Ctx:
        made = as_shanghai(inp.made_at) if inp.made_at else now()
        ctx = cls(inp=inp, st=st, lang=normalize_lang(inp.lang), made_at=made)
        ctx.txns = sorted(inp.incident.transactions, key=lambda t: as_shanghai(t.time))
        ctx.dues = [due_for(t, inp.merchant, made, inp.calendar) for t in ctx.txns]
        return ctx

    def t(self, text: Text, **values: Any) -> str:
        return text.render(self.lang, **values)

    def count(self, one: Text, many: Text, n: int, **values: Any) -> str:
        """``one`` or ``many`` by ``n`` (English plurals; Chinese reads the same)."""
        return self.t(one if n == 1 else many, n=n, **values)

    def para(self, text: Text, style: Any = None, **values: Any) -> Para:
        """A label (values may be user text: everything is escaped)."""
        return Para(markup(self.t(text, **values)), style or self.st.body)

    def user(self, value: object, style: Any = None) -> Para:
        return Para(markup(value), style or self.st.body)

    def long_text(self, value: object, style: Any, prefix: str = "") -> list[Flowable]:
        """Free text of any length as flowables: one per typed line, a page break can fall
        between them, and a huge line is cut into pieces that follow each other without a gap
        (reportlab re-wraps the rest of a paragraph at every page break: a 100,000-character
        paragraph would take half a minute)."""
        out: list[Flowable] = []
        text = "" if value is None else str(value)
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        flow = ParagraphStyle(style.name + "_flow", parent=style, spaceAfter=0)
        for n, line in enumerate(lines):
            if not line.strip():
                if 0 < n < len(lines) - 1:
                    out.append(Spacer(1, style.leading / 2))
                continue
            pieces = _chunks(line)
            for i, piece in enumerate(pieces):
                body = markup(piece)
                if i == 0 and n == 0 and prefix:
                    body = prefix + body
                last = i == len(pieces) - 1
                out.append(Para(body, style if last else flow))
        return out

    @property
    def claimable(self) -> list[tuple[Transaction, Due | None]]:
        """The sales the letter claims: the reconciliation's claim (``inp.recon.claim``), read
        by the appendix too, drops those the statement shows as paid."""
        claim = getattr(self.inp.recon, "claim", None)
        return [
            (t, d)
            for t, d in zip(self.txns, self.dues, strict=True)
            if t.type in CLAIMABLE and (claim is None or claim.is_claimed(t))
        ]


NOTE_CHUNK = 1500  # characters per Paragraph


def _chunks(line: str) -> list[str]:
    """Cut a very long line after a space near the limit (anywhere when there is none)."""
    pieces: list[str] = []
    while len(line) > NOTE_CHUNK:
        cut = line.rfind(" ", NOTE_CHUNK // 2, NOTE_CHUNK)
        cut = cut + 1 if cut > 0 else NOTE_CHUNK
        pieces.append(line[:cut])
        line = line[cut:]
    pieces.append(line)
    return pieces


def normalize_cycle_safe(cycle: str) -> str:
    from posaid.core.models import normalize_cycle
    from posaid.core.text import UserError

    try:
        return normalize_cycle(cycle)
    except UserError:
        return "T+1"


def due_for(
    txn: Transaction, merchant: Merchant, made_at: dt.datetime, calendar: Any | None
) -> Due | None:
    """The settlement answer (``core.settlement.due``); None if unavailable or unknowable."""
    if txn.type not in CLAIMABLE:
        return None
    try:
        from posaid.core.settlement.due import expected_arrival
    except ImportError:  # the settlement module is not part of this build
        return None
    from posaid.core.models import parse_cutoff
    from posaid.core.text import UserError

    try:
        cutoff = parse_cutoff(merchant.cutoff or "23:00")
    except UserError:
        cutoff = dt.time(23, 0)
    cycle = txn.settlement_cycle or merchant.settlement_cycle or "T+1"
    try:
        ans = expected_arrival(
            as_shanghai(txn.time), cycle=cycle, cutoff=cutoff, now=made_at, calendar=calendar
        )
    except Exception:  # noqa: BLE001 - a bad cycle must not stop the packet; show "—"
        return None
    normal = normalize_cycle_safe(cycle)
    working = normal.startswith("T")
    return Due(
        expected=ans.expected_date,
        overdue=bool(ans.overdue),
        late=int(ans.working_days_late if working else getattr(ans, "days_late", 0)),
        working=working,
        calendar_complete=bool(getattr(ans, "calendar_complete", True)),
        unconfirmed=bool(getattr(ans, "unconfirmed", False)),
        latest=getattr(ans, "latest_date", None),
        cycle=normal,
    )
