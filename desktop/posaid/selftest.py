"""``posaid --self-test``: prove this copy of the app can do its job, then exit.

Runs offscreen in a temporary data folder: Qt starts, the database opens, translations, fonts and
the checklist load, a small evidence packet is built (with a generated photo) and opened again, a
generated slip photo is read by the offline OCR, and the main window is shown and closed. Each
step prints ``ok: <step>``; a failed step prints ``FAILED: <step>: <reason>``
(``missing: <module>`` when a part of the app is absent) and the exit code is non-zero. The
frozen build runs this as its smoke test, so it checks the bundle too: resources, compiled
translations, fonts, Qt plugins, native libraries and the OCR models.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posaid.core.text import Text

T_PASSED = Text("自检通过（{n} 项）。", "Self-test passed ({n} steps).")
T_FAILED = Text(
    "自检未通过：{failed}。请重新安装本软件；如仍失败，请把以上内容发给技术支持。",
    "Self-test failed: {failed}. Please reinstall the application; if it still fails, "
    "send the lines above to support.",
)

SHOP = "自检小店"
CJK_SAMPLE = "到账助手"


class Missing(Exception):
    """A part of the app this step needs is not there (module not built or not bundled)."""


class StepFailed(Exception):
    """The step ran but the result is wrong."""


@dataclass
class State:
    lang: str
    tmp: Path
    app: Any = None
    store: Any = None
    translations: Any = None
    incident_id: int | None = None
    pdf: Path | None = None
    done: set[str] = field(default_factory=set)


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
            raise Missing(name) from exc
        raise


def _need(state: State, *steps: str) -> None:
    for step in steps:
        if step not in state.done:
            raise Missing(f"step {step!r} did not pass")


def step_qt(state: State) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "posaid"])
    state.app = app
    return f"Qt {QLibraryInfo.version().toString()}, platform {QApplication.platformName()}"


def step_store(state: State) -> str:
    db = _module("posaid.store.db")
    state.store = db.Store.open(state.tmp / "data")
    if state.store.read_only:
        raise StepFailed("the new data folder opened read-only")
    return str(state.store.path)


def step_translations(state: State) -> str:
    _need(state, "qt")
    from PySide6.QtCore import QCoreApplication, QTranslator

    tr_mod = _module("posaid.ui.translations")
    ours = tr_mod.qm_path("zh_CN")
    if ours is None:
        raise StepFailed(f"posaid_zh_CN.qm not found (looked in {tr_mod.bundled_qm_dir()})")
    if not QTranslator().load(str(ours)):
        raise StepFailed(f"cannot load {ours}")
    qt_dir = tr_mod.qt_translations_dir()
    qtbase = QTranslator()
    if not qtbase.load(tr_mod.LOCALES["zh_CN"], "qtbase", "_", qt_dir):
        raise StepFailed(f"qtbase_zh_CN.qm not found in {qt_dir}")
    manager = tr_mod.TranslationsManager(state.app)
    manager.set_language("zh_CN")
    state.translations = manager
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    if cancel != "取消":
        raise StepFailed(f"Qt's own dialogs are not in Chinese ('Cancel' -> {cancel!r})")
    return f"{ours.name}, qtbase_zh_CN from {qt_dir}"


def step_fonts(state: State) -> str:
    _need(state, "qt")
    from PySide6.QtGui import QFontDatabase

    from posaid.util.resources import resource_path

    font_file = resource_path("fonts", "wqy-microhei.ttc")
    if not font_file.is_file():
        raise StepFailed(f"font file missing: {font_file}")
    font_id = QFontDatabase.addApplicationFont(str(font_file))
    if font_id < 0:
        raise StepFailed(f"Qt cannot load {font_file}")
    families = QFontDatabase.applicationFontFamilies(font_id)
    fonts = _module("posaid.report.fonts")
    name = fonts.register_font()
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(name)
    if not fonts.has_glyph(ord(CJK_SAMPLE[0])):
        raise StepFailed("the packet font has no Chinese glyphs")
    return f"Qt: {', '.join(families)}; reportlab: {face.fontName}"


def step_checklist(state: State) -> str:
    checklist = _module("posaid.core.checklist.engine")
    cl = checklist.load_checklist()
    walk = checklist.Walk(cl, facts={"overdue": True, "expected_date": None, "channel": None})
    question = walk.current()
    if question is None:
        raise StepFailed("the checklist has no first question")
    question.text(state.lang)
    return f"first question {question.id!r}"


def step_settlement(state: State) -> str:
    settlement = _module("posaid.core.settlement.due")
    holidays = _module("posaid.core.holidays.workdays")
    cal = holidays.load_calendar(state.tmp / "data")
    # 2024-09-30 was a Monday before the National Day week: T+1 lands after the holiday.
    ans = settlement.expected_arrival(
        dt.datetime(2024, 9, 30, 10, 0),
        "T+1",
        dt.time(23, 0),
        calendar=cal,
        now=dt.datetime(2024, 10, 2, 12, 0),
    )
    if ans.expected_date <= dt.date(2024, 10, 7):
        raise StepFailed(f"holiday calendar missing: T+1 from 2024-09-30 -> {ans.expected_date}")
    return f"T+1 from 2024-09-30 -> {ans.expected_date}"


def _sample_jpeg(path: Path) -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (320, 200), (250, 250, 245))
    draw = ImageDraw.Draw(img)
    draw.rectangle((10, 10, 310, 190), outline=(30, 30, 30), width=3)
    draw.text((24, 30), "POS SLIP  self-test", fill=(0, 0, 0))
    draw.text((24, 60), "AMOUNT  RMB 128.00", fill=(0, 0, 0))
    img.save(path, "JPEG", quality=85)
    return path


def step_records(state: State) -> str:
    _need(state, "store")
    from posaid.core.models import Channel, Incident, Merchant, Transaction

    store = state.store
    merchant = Merchant(shop_name=SHOP, merchant_no="898310058120001", acquirer="自检收单")
    store.save_merchant(merchant)
    txn = Transaction(
        time=dt.datetime(2024, 9, 30, 10, 0),
        amount_fen=12800,
        channel=Channel.BANK_CARD,
        terminal_no="10000001",
        reference_no="123456789012",
        card="622202******1234",
    )
    incident_id, _ = store.add_incident(Incident(title="自检：一笔未到账", transactions=[txn]))
    store.add_attachment(incident_id, _sample_jpeg(state.tmp / "slip.jpg"), caption="签购单")
    state.incident_id = incident_id
    full = store.get_incident(incident_id)
    if len(full.transactions) != 1 or len(full.attachments) != 1:
        raise StepFailed("the incident did not come back with its transaction and photo")
    return f"incident {incident_id}, photo {full.attachments[0].sha256[:12]}"


def step_packet(state: State) -> str:
    _need(state, "records")
    from posaid.core.models import now

    packet = _module("posaid.report.packet")
    store = state.store
    assert state.incident_id is not None
    out = state.tmp / "packet.pdf"
    made = packet.build_packet(
        packet.PacketInput(
            merchant=store.get_merchant(),
            incident=store.get_incident(state.incident_id),
            attachment_path=store.attachment_path,
            checklist_result=None,
            lang=state.lang,
            made_at=now(),
        ),
        out,
    )
    pdf = Path(made or out)
    if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        raise StepFailed(f"no PDF at {pdf}")
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = len(doc)
        if pages < 1:
            raise StepFailed("the packet has no pages")
        doc[0].render(scale=0.5).to_pil()
        text = "".join(doc[i].get_textpage().get_text_range() for i in range(pages))
        images = sum(
            len(list(doc[i].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5)))
            for i in range(pages)
        )
    finally:
        doc.close()
    if SHOP not in text:
        raise StepFailed("the shop name is not in the packet's text")
    if images < 1:
        raise StepFailed("the slip photo is not in the packet")
    state.pdf = pdf
    return f"{pages} page(s), {images} photo(s), {pdf.stat().st_size // 1024} KB"


def step_slip(state: State) -> str:
    """Read one generated slip photo offline: OCR engine, bundled models, field parser."""
    sample = _module("posaid.slip.sample")
    read = _module("posaid.slip.read")
    for name in ("numpy", "cv2", "onnxruntime", "rapidocr"):
        _module(name)
    facts = sample.SlipFacts(time="2025-06-18T14:05:33", amount="3580.00")
    path = state.tmp / "slip.jpg"
    sample.draw_slip(facts, "bilingual").convert("RGB").save(path, quality=85)
    reading = read.read_slip(path)
    expected = facts.fields()
    wrong = [
        k
        for k in ("merchant_no", "terminal_no", "reference_no", "amount", "time")
        if reading.fields.get(k) != expected[k]
    ]
    if wrong:
        got = {k: reading.fields.get(k) for k in wrong}
        raise StepFailed(f"slip fields misread: {got}")
    return f"{len(reading.found())} fields read, amount {reading.fields['amount']}"


def step_window(state: State) -> str:
    _need(state, "qt", "store", "translations")
    mw_mod = _module("posaid.ui.main_window")
    window = mw_mod.MainWindow(state.store, state.tmp / "data", state.translations)
    window.show()
    state.app.processEvents()
    if not window.isVisible():
        raise StepFailed("the main window did not show")
    # the stylesheet (resources/style/posaid.qss) shipped and styles the home page's button
    if not window.home.start_button.styleSheet():
        raise StepFailed("the stylesheet did not load")
    rules = len(_module("posaid.ui.style").rules())
    title = window.windowTitle()
    window.close()
    state.app.processEvents()
    window.deleteLater()
    state.app.processEvents()
    return f"shown and closed ({title}; {rules} style rules)"


STEPS: list[tuple[str, Callable[[State], str]]] = [
    ("qt", step_qt),
    ("store", step_store),
    ("translations", step_translations),
    ("fonts", step_fonts),
    ("checklist", step_checklist),
    ("settlement", step_settlement),
    ("records", step_records),
    ("packet", step_packet),
    ("slip", step_slip),
    ("window", step_window),
]


def run_self_test(lang: str) -> int:
    """Run every step, print one line per step; 0 when all passed, 1 otherwise."""
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="posaid-selftest-") as tmp:
        state = State(lang=lang, tmp=Path(tmp))
        try:
            for name, step in STEPS:
                try:
                    detail = step(state)
                except Missing as exc:
                    failed.append(name)
                    _say(f"missing: {name}: {exc}")
                except Exception as exc:  # noqa: BLE001 - a self-test reports, it does not crash
                    failed.append(name)
                    reason = str(exc) or type(exc).__name__
                    _say(f"FAILED: {name}: {type(exc).__name__}: {reason}")
                    if os.environ.get("POSAID_SELFTEST_TRACEBACK"):
                        traceback.print_exc()
                else:
                    state.done.add(name)
                    _say(f"ok: {name}: {detail}")
        finally:
            if state.store is not None:
                state.store.close()
    if failed:
        _say(T_FAILED.render(lang, failed=", ".join(failed)), err=True)
        return 1
    _say(T_PASSED.render(lang, n=len(STEPS)))
    return 0


def _say(line: str, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # windowed exe on Windows: no console (use posaid-cli.exe)
        return
    try:
        print(line, file=stream, flush=True)
    except UnicodeEncodeError:  # a console code page without Chinese
        print(line.encode("ascii", "backslashreplace").decode("ascii"), file=stream, flush=True)
