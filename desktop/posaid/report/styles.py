"""Page geometry and paragraph styles of the packet (one font, sizes and greys only)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

PAGE = A4
MARGIN_X = 16 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 17 * mm
FRAME_W = PAGE[0] - 2 * MARGIN_X
FRAME_H = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM

INK = colors.HexColor("#111111")
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
BAND = colors.HexColor("#e9edf2")
HEAD_BG = colors.HexColor("#dde3ea")
ZEBRA = colors.HexColor("#f6f7f9")
WARN = colors.HexColor("#9a2a00")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    h1: ParagraphStyle
    body: ParagraphStyle
    body_indent: ParagraphStyle
    body_indent2: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    head: ParagraphStyle
    caption: ParagraphStyle
    mono: ParagraphStyle
    warn: ParagraphStyle


def make_styles(font: str, lang: str = "zh_CN") -> Styles:
    # Chinese breaks between any two characters (reportlab's CJK mode keeps Latin words whole
    # where it can); English breaks at spaces, and splits a word only when it cannot fit.
    wrap = None if lang == "en" else "CJK"
    base = ParagraphStyle(
        "base",
        fontName=font,
        fontSize=10,
        leading=15,
        textColor=INK,
        wordWrap=wrap,
        splitLongWords=1,
    )

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        title=derive("title", fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=10),
        h1=derive(
            "h1",
            fontSize=12.5,
            leading=17,
            spaceBefore=12,
            spaceAfter=6,
            backColor=BAND,
            borderPadding=(3, 4, 3, 4),
            keepWithNext=1,
        ),
        body=derive("body", spaceAfter=5, firstLineIndent=0),
        body_indent=derive("body_indent", leftIndent=14, spaceAfter=3),
        body_indent2=derive(
            "body_indent2", leftIndent=28, spaceAfter=3, fontSize=9, leading=13, textColor=GREY
        ),
        small=derive("small", fontSize=8.5, leading=12, textColor=GREY, spaceAfter=3),
        cell=derive("cell", fontSize=7.5, leading=9.6, alignment=TA_LEFT),
        cell_right=derive("cell_right", fontSize=7.5, leading=9.6, alignment=TA_RIGHT),
        cell_center=derive("cell_center", fontSize=7.5, leading=9.6, alignment=TA_CENTER),
        head=derive("head", fontSize=7, leading=8.6, alignment=TA_CENTER, textColor=INK),
        caption=derive("caption", fontSize=8.5, leading=11.5, spaceBefore=3),
        mono=derive("mono", fontSize=7.5, leading=10, textColor=GREY),
        warn=derive("warn", fontSize=8.5, leading=11.5, textColor=WARN),
    )
