"""Builders shared by the reliability tests: forked writers, records, pictures, card numbers."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import random
import select
import signal
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from PIL import Image

from posaid.core.models import SHANGHAI, Contact, Incident, Transaction

Ack = Callable[[str], None]

LONG = os.environ.get("POSAID_LONG", "") not in ("", "0")


def size(row: str, ci: int, long: int) -> int:
    """The count for ``row``: ``POSAID_RELIABILITY_N_<ROW>``, else the long or the CI size."""
    override = os.environ.get(f"POSAID_RELIABILITY_N_{row.upper()}")
    if override:
        return int(override)
    return long if LONG else ci


BASE = dt.datetime(2026, 11, 20, 9, 0, tzinfo=SHANGHAI)


# ---------------------------------------------------------------- forked children
def fork_child(body: Callable[[Ack], None]) -> tuple[int, int]:
    """Run ``body(ack)`` in a forked child; returns (pid, read end of its ack pipe).

    ``ack(line)`` writes one line (atomically: shorter than PIPE_BUF) only after the caller's
    write returned, so every line the parent reads is an acknowledged write. The child leaves
    with ``os._exit``: no atexit handler, no pytest teardown runs in it.
    """
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(r)
        code = 0
        try:
            body(lambda line: os.write(w, (line + "\n").encode()) and None)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            try:
                os.write(w, f"ERR {type(exc).__name__}: {exc}"[:400].encode() + b"\n")
            except OSError:
                pass
            code = 1
        os._exit(code)
    os.close(w)
    return pid, r


def read_lines(fd: int, timeout: float | None = None) -> list[str]:
    """Everything the child wrote, until it closes the pipe (or ``timeout`` passes)."""
    chunks = []
    while True:
        if timeout is not None:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                break
        data = os.read(fd, 65536)
        if not data:
            break
        chunks.append(data)
    os.close(fd)
    return [ln for ln in b"".join(chunks).decode().splitlines() if ln]


def kill_and_reap(pid: int) -> int:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _, status = os.waitpid(pid, 0)
    return status


def wait_child(pid: int) -> int:
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


# ---------------------------------------------------------------- records
def incident(seq: int, title: str | None = None, n_txn: int = 3) -> Incident:
    """A deterministic incident: everything can be recomputed from ``seq``."""
    when = BASE + dt.timedelta(minutes=seq)
    return Incident(
        title=title if title is not None else f"R-{seq} 刷卡未到账",
        opened_at=when,
        notes=f"notes {seq} " + "备注" * (seq % 7),
        transactions=[
            Transaction(
                time=when - dt.timedelta(hours=i + 1),
                amount_fen=100 + seq * 10 + i,
                reference_no=f"{seq:06d}{i:06d}",
                voucher_no=f"{i:06d}",
                card="622202******1234",
            )
            for i in range(n_txn)
        ],
        contacts=[Contact(time=when, party="95516", summary=f"call {seq}")],
    )


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha(path: Path) -> str:
    return sha256(path.read_bytes())


# ---------------------------------------------------------------- pictures
def jpeg_bytes(
    size: tuple[int, int] = (48, 32), exif: bool = False, seed: int = 0, quality: int = 85
) -> bytes:
    rnd = random.Random(seed)
    im = Image.new("RGB", size, (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    for _ in range(20):
        x, y = rnd.randrange(size[0]), rnd.randrange(size[1])
        im.putpixel((x, y), (rnd.randrange(256), 0, 0))
    out = io.BytesIO()
    if exif:
        ex = Image.Exif()
        ex[0x010F] = "SECRETCAM"  # Make
        ex[0x0110] = "SPYPHONE-9"  # Model
        ex[0x0112] = 6  # orientation
        gps = {1: "N", 2: (31.0, 13.0, 47.0), 3: "E", 4: (121.0, 28.0, 11.0)}
        ex[0x8825] = gps
        im.save(out, "JPEG", quality=quality, exif=ex.tobytes())
    else:
        im.save(out, "JPEG", quality=quality)
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (40, 30), seed: int = 0, text: str = "") -> bytes:
    from PIL import PngImagePlugin

    rnd = random.Random(seed)
    im = Image.new("RGBA", size, (rnd.randrange(256), 20, 30, 200))
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Comment", text)
    out = io.BytesIO()
    im.save(out, "PNG", pnginfo=info)
    return out.getvalue()


# ---------------------------------------------------------------- card numbers
def luhn_complete(prefix: str, length: int, rnd: random.Random) -> str:
    body = prefix + "".join(str(rnd.randrange(10)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def card_forms(pan: str) -> list[str]:
    """The ways a number gets typed: plain, spaced in fours, dashed, full-width (first four, kept
    in this order for older tests), then every other separator and digit form owners produce:
    line breaks, CRLF, tab, two spaces, no-break and thin space, zero-width space, dots, slashes,
    underscores, commas, ``*`` between groups, mathematical and Arabic-Indic digits."""
    groups = [pan[i : i + 4] for i in range(0, len(pan), 4)]
    fours = " ".join(groups)
    full = "".join(chr(0xFF10 + int(c)) for c in pan)
    forms = [pan, fours, fours.replace(" ", "-"), full]
    for sep in SEPARATORS:
        forms.append(sep.join(groups))
    forms.append("".join(chr(0x1D7CE + int(c)) for c in pan))  # mathematical bold digits
    forms.append("".join(chr(0x0660 + int(c)) for c in pan))  # Arabic-Indic digits
    return forms


SEPARATORS = (
    "\n",
    "\r\n",
    "\t",
    "  ",
    "\u00a0",
    "\u2009",
    "\u200b",
    "\u3000",
    ".",
    "/",
    "_",
    ",",
    "*",
    " - ",
)

# Real issuer prefixes and the lengths each scheme issues (independent of the product's table,
# written from the schemes' published ranges): prefix choices, lengths.
CARD_SCHEMES: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...] = (
    (("62", "622202", "622848", "621700", "625800"), (16, 17, 18, 19)),
    (("4", "436742", "427020"), (13, 16, 19)),
    (("51", "52", "53", "54", "55", "2221", "2720", "2300"), (16,)),
    (("34", "37"), (15,)),
    (("3528", "3589", "3566"), (16, 17, 18, 19)),
    (("6011", "65", "644", "649"), (16, 19)),
    (("36",), (14,)),
    (("9558",), (19,)),
)


def real_card(rnd: random.Random) -> str:
    """A Luhn-valid number with a real issuer prefix and a length that scheme issues."""
    prefixes, lengths = rnd.choice(CARD_SCHEMES)
    return luhn_complete(rnd.choice(prefixes), rnd.choice(lengths), rnd)


def needles(pan: str) -> list[bytes]:
    """Byte patterns a full number could leave on disk (ASCII, UTF-8 full-width, UTF-16)."""
    out = {pan.encode(), pan.encode("utf-16-le")}
    for form in card_forms(pan):
        out.add(form.encode("utf-8"))
    return sorted(out)


def scan(paths: Iterable[Path], patterns: list[bytes]) -> list[tuple[str, bytes]]:
    hits = []
    for p in paths:
        if not p.is_file():
            continue
        data = p.read_bytes()
        for pat in patterns:
            if pat in data:
                hits.append((str(p), pat))
    return hits


def all_files(*roots: Path) -> list[Path]:
    out: list[Path] = []
    for root in roots:
        if root.is_file():
            out.append(root)
        elif root.is_dir():
            out += [p for p in root.rglob("*") if p.is_file()]
    return out
