"""From OCR boxes to labelled values, using where each box sits on the slip.

The OCR returns pieces of text with their corners. A phone photo is tilted, so the tilt is
measured from the boxes and taken out before the pieces are grouped into printed lines. On
each line the labels (``商户编号``, ``MERCHANT NO.``, ``商户编号(MERCHANT NO.)`` …) are found;
the text up to the next label is the value. A label with nothing after it takes its value
from the line below, from the pieces under it when the line holds two labels.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from statistics import median

from posaid.slip.engine import OcrBox

# Labels per field; "" fields are printed labels that end a value but are not read
# (operator, expiry, remarks, signature, copy names). Order matters where one is a prefix of
# another (日期时间 before 日期).
_EN = r"(?<![A-Za-z]){}(?![A-Za-z])"
LABELS: list[tuple[str, str]] = [
    (
        "",
        r"有效期|"
        + _EN.format(r"EXP(?:IRY)?\.?\s*DATE")
        + r"|操作员号?|"
        + _EN.format(r"OPERATOR(?:\s*NO\.?)?")
        + r"|备注|"
        + _EN.format(r"REFERENCE")
        + r"|持卡人签名|签名|"
        + _EN.format(r"(?:CARDHOLDER\s*)?SIGNATURE")
        + r"|商户存根|持卡人存根|银行存根|"
        + _EN.format(r"(?:MERCHANT|CARDHOLDER|BANK)\s*COPY")
        + r"|"
        + _EN.format(r"OPER(?:ATOR)?\.?\s*ID"),
    ),
    ("merchant_name", r"商户名称|商户名|" + _EN.format(r"MERCHANT\s*NAME")),
    (
        "merchant_no",
        r"商户编号|商户号|商户代码|"
        + _EN.format(r"MERCHANT\s*(?:NO|NUMBER|ID)\.?")
        + r"|"
        + _EN.format(r"MER(?:CH)?\.?\s*NO\.?"),
    ),
    ("terminal_no", r"终端编号|终端号|" + _EN.format(r"TERM(?:INAL)?\.?\s*(?:NO|ID|NUMBER)\.?")),
    ("card", r"卡号|" + _EN.format(r"CARD\s*(?:NO|NUMBER)\.?")),
    ("type", r"交易类型|类型|" + _EN.format(r"(?:TRANS(?:ACTION)?|TXN)\.?\s*TYPE")),
    ("batch_no", r"批次号|" + _EN.format(r"BATCH\s*(?:NO|NUMBER)\.?")),
    ("voucher_no", r"凭证号|流水号|" + _EN.format(r"(?:VOUCHER|TRACE)\s*(?:NO|NUMBER)\.?")),
    (
        "auth_code",
        r"授权码|授权号|" + _EN.format(r"(?:AUTH(?:ORI[SZ]ATION)?|APPR?)\.?\s*(?:NO|CODE)\.?"),
    ),
    (
        "reference_no",
        r"检索参考号|参考号|" + _EN.format(r"REF(?:ER|ERENCE)?\.?\s*(?:NO|NUMBER)\.?"),
    ),
    ("datetime", r"日期\s*[/／]?\s*时间|交易时间|" + _EN.format(r"DATE\s*[/／]?\s*TIME")),
    ("date", r"日期|" + _EN.format(r"DATE")),
    ("time", r"时间|" + _EN.format(r"TIME")),
    ("amount", r"金额|总计|" + _EN.format(r"AMOUNT|AMT|TOTAL")),
    ("acquirer", r"收单行|收单机构|" + _EN.format(r"ACQ(?:UIRER)?")),
    ("issuer", r"发卡行|发卡机构|" + _EN.format(r"ISS(?:UER)?")),
]
_LABEL_RE = re.compile(
    "|".join(f"(?P<g{i}>{pattern})" for i, (_f, pattern) in enumerate(LABELS)), re.IGNORECASE
)
_JOIN = re.compile(r"^[\s()（）:：/／.·]*$")
_STRIP = " \t:：()（）.。,，;；-—_|"


@dataclass
class Piece:
    """An OCR box with the tilt taken out: text, score and an upright rectangle."""

    box: OcrBox
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def h(self) -> float:
        return self.y1 - self.y0


@dataclass
class Line:
    pieces: list[Piece]
    text: str = ""
    # For each character of ``text``: the piece it came from (None for the joining space).
    owners: list[int | None] = field(default_factory=list)

    def build(self) -> None:
        self.pieces.sort(key=lambda p: p.x0)
        parts: list[str] = []
        owners: list[int | None] = []
        for i, p in enumerate(self.pieces):
            if parts:
                parts.append("  ")
                owners += [None, None]
            parts.append(p.box.text)
            owners += [i] * len(p.box.text)
        self.text = "".join(parts)
        self.owners = owners

    @property
    def cy(self) -> float:
        return median(p.cy for p in self.pieces)

    @property
    def h(self) -> float:
        return median(p.h for p in self.pieces)

    def span_rect(self, start: int, end: int) -> tuple[float, float, float, float]:
        """Upright rectangle of the characters ``start:end`` (pieces share their width evenly
        among their characters)."""
        xs: list[float] = []
        ys: list[float] = []
        for i in range(start, end):
            k = self.owners[i] if 0 <= i < len(self.owners) else None
            if k is None:
                continue
            p = self.pieces[k]
            first = self.owners.index(k)
            n = len(p.box.text) or 1
            w = (p.x1 - p.x0) / n
            xs += [p.x0 + (i - first) * w, p.x0 + (i - first + 1) * w]
            ys += [p.y0, p.y1]
        if not xs:
            return (0.0, 0.0, 0.0, 0.0)
        return (min(xs), min(ys), max(xs), max(ys))

    def span_score(self, start: int, end: int) -> float:
        ks = {self.owners[i] for i in range(start, end) if 0 <= i < len(self.owners)}
        scores = [self.pieces[k].box.score for k in ks if k is not None]
        return min(scores) if scores else 0.0


@dataclass
class Found:
    """A value found after a label: the raw text, OCR score, where it is (upright coordinates
    of the prepared image, tilt removed) and whether it came from the line below."""

    field: str
    text: str
    score: float
    rect: tuple[float, float, float, float]
    below: bool = False


@dataclass
class Layout:
    lines: list[Line]
    found: list[Found]
    tilt: float  # radians; positions in ``found`` are rotated back by it around ``centre``
    centre: tuple[float, float]

    def to_image(self, x: float, y: float) -> tuple[float, float]:
        """Position in the prepared image of an upright position."""
        return _rotate(x, y, self.centre, self.tilt)


def _rotate(x: float, y: float, c: tuple[float, float], a: float) -> tuple[float, float]:
    dx, dy = x - c[0], y - c[1]
    return (c[0] + dx * math.cos(a) - dy * math.sin(a), c[1] + dx * math.sin(a) + dy * math.cos(a))


def measure_tilt(boxes: list[OcrBox]) -> float:
    """Median angle of the top edges of the wider boxes (radians, clockwise positive)."""
    angles = []
    for b in boxes:
        (x0, y0), (x1, y1) = b.quad[0], b.quad[1]
        h = math.dist(b.quad[0], b.quad[3])
        if x1 - x0 > 3 * max(h, 1):
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return median(angles) if angles else 0.0


def group_lines(boxes: list[OcrBox], centre: tuple[float, float], tilt: float) -> list[Line]:
    pieces = []
    for b in boxes:
        if not b.text.strip():
            continue
        pts = [_rotate(x, y, centre, -tilt) for x, y in b.quad]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        pieces.append(Piece(b, min(xs), min(ys), max(xs), max(ys)))
    pieces.sort(key=lambda p: p.cy)
    lines: list[Line] = []
    for p in pieces:
        if lines:
            last = lines[-1]
            if abs(p.cy - last.cy) < 0.5 * min(p.h, last.h):
                last.pieces.append(p)
                continue
        lines.append(Line([p]))
    for line in lines:
        line.build()
    return lines


def _labels(line: Line) -> list[tuple[str, int, int]]:
    """Labels on a line as (field, start, end); neighbours of one field are merged
    (``商户编号(MERCHANT NO.)`` is one label)."""
    out: list[tuple[str, int, int]] = []
    for m in _LABEL_RE.finditer(line.text):
        name = LABELS[int(str(m.lastgroup)[1:])][0]
        if out and _JOIN.match(line.text[out[-1][2] : m.start()]):
            prev = out[-1]
            same = prev[0] == name or {prev[0], name} <= {"date", "time", "datetime"}
            if same:
                merged = name if prev[0] == name else "datetime"
                out[-1] = (merged, prev[1], m.end())
                continue
        out.append((name, m.start(), m.end()))
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


def find_values(lines: list[Line]) -> list[Found]:
    found: list[Found] = []
    labels = [_labels(line) for line in lines]
    for n, line in enumerate(lines):
        pending: list[tuple[str, float]] = []  # (field, x of the label) waiting for a value
        for k, (name, _start, end) in enumerate(labels[n]):
            stop = labels[n][k + 1][1] if k + 1 < len(labels[n]) else len(line.text)
            s, e = _trimmed(line.text, end, stop)
            if not name:
                continue
            if s < e:
                found.append(
                    Found(name, line.text[s:e], line.span_score(s, e), line.span_rect(s, e))
                )
            else:
                pending.append((name, line.span_rect(_start, end)[0]))
        if not pending or n + 1 >= len(lines) or labels[n + 1]:
            continue
        below = lines[n + 1]
        if below.cy - line.cy > 3.0 * line.h:
            continue
        groups: dict[str, list[Piece]] = {name: [] for name, _x in pending}
        for p in below.pieces:
            mid = (p.x0 + p.x1) / 2
            left = [(x, name) for name, x in pending if x <= mid + line.h]
            name = max(left)[1] if left else pending[0][0]
            groups[name].append(p)
        for name, ps in groups.items():
            if not ps:
                continue
            text = "  ".join(p.box.text for p in ps).strip(_STRIP)
            if not text:
                continue
            rect = (
                min(p.x0 for p in ps),
                min(p.y0 for p in ps),
                max(p.x1 for p in ps),
                max(p.y1 for p in ps),
            )
            found.append(Found(name, text, min(p.box.score for p in ps), rect, below=True))
    return found


def analyse(boxes: list[OcrBox], size: tuple[int, int]) -> Layout:
    centre = (size[0] / 2, size[1] / 2)
    tilt = measure_tilt(boxes)
    lines = group_lines(boxes, centre, tilt)
    return Layout(lines, find_values(lines), tilt, centre)
