"""``posaid read-slip IMAGE [--json]``: read the fields of a POS slip (签购单) from a photo.

Offline: the OCR models ship with the application. The merchant number read is compared with the
shop profile when the data folder has one. Nothing is saved.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from posaid.core.text import Text

if TYPE_CHECKING:
    from posaid.cli import Context

NAME = "read-slip"
HELP = (
    "从签购单照片读取交易信息（不联网，不保存）"
    "/ read a POS slip from a photo (offline, saves nothing)"
)

T_FIELD = Text("{label}：{value}（把握 {pct}%）", "{label}: {value} ({pct}% sure)")
T_MISSING = Text("{label}：（未读到）", "{label}: (not read)")
T_PROBLEMS = Text("请核对：", "Please check:")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("image", help="签购单照片 (JPG/PNG) / photo of the slip")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


def _profile_merchant_no(data_dir: Path) -> str:
    """The shop profile's merchant number, read without changing anything ("" if none)."""
    from posaid.core.text import UserError
    from posaid.store.db import DB_NAME, Store

    if not (data_dir / DB_NAME).exists():
        return ""
    try:
        with Store.open(data_dir, read_only=True, auto_backup=False) as store:
            return store.get_merchant().merchant_no
    except (UserError, OSError):
        return ""


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posaid.slip.checks import FIELD_LABELS
    from posaid.slip.read import read_slip

    reading = read_slip(Path(args.image), profile_merchant_no=_profile_merchant_no(ctx.data_dir))
    if args.json:
        ctx.out(json.dumps(reading.as_json(ctx.lang), ensure_ascii=False, indent=2))
        return 0
    for name, label in FIELD_LABELS.items():
        value = reading.fields.get(name)
        if value:
            pct = round(100 * reading.confidence.get(name, 0.0))
            ctx.out(T_FIELD.render(ctx.lang, label=label.get(ctx.lang), value=value, pct=pct))
        else:
            ctx.out(T_MISSING.render(ctx.lang, label=label.get(ctx.lang)))
    if reading.problems:
        ctx.out(T_PROBLEMS.get(ctx.lang))
        for p in reading.problems:
            ctx.out("- " + p.text.get(ctx.lang))
    return 0
