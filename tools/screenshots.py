"""Take screenshots of the main screens, headless, into docs/screenshots/ (1366x768).

    QT_QPA_PLATFORM=offscreen uv run python tools/screenshots.py [--out docs/screenshots]
    QT_QPA_PLATFORM=offscreen uv run python tools/screenshots.py --size 1024x600 \
        --out docs/screenshots/1024x600 --guide resources/guide/img

``--guide DIR`` also copies the shots the user guide shows (resources/guide/guide_*.html).

Builds a demo data folder with a few realistic incidents in a temporary directory, so the
shots never touch real records. The bundled WenQuanYi font is registered, so no tofu.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402, TID251 - a Qt tool

from posaid.app import create_application, setup_fonts  # noqa: E402
from posaid.core.checklist.engine import Walk, load_checklist  # noqa: E402
from posaid.core.holidays.corrections import Overrides, save_overrides  # noqa: E402
from posaid.core.models import (  # noqa: E402
    SHANGHAI,
    Channel,
    Contact,
    Incident,
    Merchant,
    Status,
    Transaction,
)
from posaid.store.db import Store  # noqa: E402
from posaid.ui.main_window import MainWindow  # noqa: E402
from posaid.ui.translations import TranslationsManager  # noqa: E402
from posaid.ui.ui_common import to_qdatetime  # noqa: E402
from posaid_demo.screens import DEMO_ANSWERS  # noqa: E402

SIZE = (1366, 768)
# The shots the user guide shows, by file name (resources/guide/guide_*.html).
GUIDE_SHOTS = ("welcome-shop", "new-check", "check-questions", "check-result", "home")


def t(month: int, day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def demo_data(store: Store) -> int:
    store.save_merchant(
        Merchant(
            shop_name="老王面馆",
            merchant_no="898310058120123",
            acquirer="银联商务",
            settlement_bank="中国建设银行",
            settlement_account_last4="1234",
        )
    )
    first, _ = store.add_incident(
        Incident(
            title="11月20日晚 刷卡 ¥1,280.00 未到账",
            opened_at=t(11, 23, 9, 30),
            transactions=[
                Transaction(
                    time=t(11, 20, 21, 41),
                    amount_fen=128000,
                    terminal_no="10234567",
                    reference_no="326512345678",
                    card="622202******0128",
                )
            ],
        )
    )
    second, _ = store.add_incident(
        Incident(
            title="微信收款 ¥45.50 两天没到",
            opened_at=t(11, 19, 8, 10),
            transactions=[
                Transaction(time=t(11, 17, 7, 55), amount_fen=4550, channel=Channel.WECHAT)
            ],
            contacts=[
                Contact(
                    time=t(11, 19, 10, 0),
                    party="微信支付客服 95017",
                    ticket_no="WX20261119001",
                    summary="说两个工作日内到账",
                    promised_by=dt.date(2026, 11, 21),
                )
            ],
        )
    )
    walk = Walk.from_answers(
        load_checklist(),
        DEMO_ANSWERS,
        {
            "overdue": True,
            "expected_date": "2026-11-23",
            "channel": "bank_card",
            "acquirer": "银联商务",
            "settlement_bank": "中国建设银行",
        },
    )
    store.save_checklist(first, walk.to_state())
    store.change_status(second, Status.WAITING)
    third, _ = store.add_incident(
        Incident(
            title="国庆期间 3 笔刷卡合计未到账",
            opened_at=t(10, 8, 9, 0),
            transactions=[
                Transaction(time=t(10, 3, 12, 5), amount_fen=36800),
                Transaction(time=t(10, 4, 18, 30), amount_fen=52000),
                Transaction(time=t(10, 5, 19, 12), amount_fen=9900),
            ],
        )
    )
    store.change_status(third, Status.REPORTED)
    save_overrides(
        store.data_dir,
        Overrides(
            holidays={dt.date(2027, 2, d): "春节" for d in range(15, 22)},
            workdays={dt.date(2027, 2, 14): "春节调休", dt.date(2027, 2, 27): "春节调休"},
        ),
    )
    return first


def shoot(app: QApplication, widget: QWidget, path: Path) -> None:
    for _ in range(3):
        app.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--size", default="x".join(map(str, SIZE)), help="WIDTHxHEIGHT")
    parser.add_argument("--guide", help="also copy the user guide's shots into this folder")
    parser.add_argument(
        "--pseudo",
        action="store_true",
        help="pseudo-localised strings: untranslated text stands out",
    )
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    setup_fonts(app)
    translations = TranslationsManager(app, pseudo=args.pseudo)
    translations.set_language("zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "demo"
        store = Store.open(data_dir)
        first = demo_data(store)
        store.backup_now()
        window = MainWindow(store, data_dir, translations)
        width, height = (int(n) for n in args.size.lower().split("x"))
        window.resize(width, height)
        window.show()

        def welcome_shop() -> None:
            if window.welcome is not None:
                window.welcome._show_shop()

        def search() -> None:
            window.show_search()
            window.search.search_edit.setText("到账")
            window.search.run_search()

        def new_check() -> None:
            window.start_check()

        def check_questions() -> None:
            page = window.check_page
            assert page is not None
            pay = page.payment
            pay.when.setDateTime(to_qdatetime(t(11, 20, 21, 41)))
            pay.amount.setText("1280.00")
            pay.slip_edits["reference_no"].setText("326512345678")
            pay.slip_edits["terminal_no"].setText("10234567")
            pay.try_submit()
            app.processEvents()

        def check_result() -> None:
            page = window.check_page
            assert page is not None and page.walk is not None
            walk_page = page.walk_page
            for _ in range(60):
                if page.stack.currentWidget() is not walk_page:
                    break
                # "yes" where it is a choice, else the first answer
                chosen = next(
                    (b for b in walk_page.group.buttons() if b.property("answer_id") == "yes"),
                    walk_page.group.buttons()[0],
                )
                walk_page.choose(str(chosen.property("answer_id")))
                walk_page.next_btn.click()
                app.processEvents()
            page.call_panel.ticket.setText("GD2026112300017")
            page.call_panel.promise.setCurrentIndex(1)

        def incident() -> None:
            window.open_incident(first)

        def incident_result() -> None:
            window.open_incident(first)
            page = window.incident_page
            assert page is not None
            page.tabs.setCurrentWidget(page.check_result)

        def recon() -> None:
            from posaid.ui.worker import wait_for_all
            from posaid_demo.recon import DEMO_RECON_NOW, demo_recon

            demo_recon(store)
            window.show_recon()
            page = window.recon_page
            assert page is not None
            page.clock = lambda: DEMO_RECON_NOW
            page.refresh()
            wait_for_all()
            app.processEvents()
            page.filter_combo.setCurrentIndex(1)  # the missing sales

        shots: list[tuple[str, Callable[[], None]]] = [
            ("welcome", lambda: None),
            ("welcome-shop", welcome_shop),
            ("home", window.show_home),
            ("search", search),
        ]
        shots.append(("new-check", new_check))
        shots.append(("check-questions", check_questions))
        shots.append(("check-result", check_result))
        shots.append(("incident", incident))
        shots.append(("incident-result", incident_result))
        shots.append(("recon", recon))
        for i in range(window.settings.tabs.count()):

            def tab(i: int = i) -> None:
                window.show_settings()
                window.settings.tabs.setCurrentIndex(i)

            shots.append((f"settings-{i + 1}", tab))
        for name, action in shots:
            action()
            shoot(app, window, out / f"{name}.png")
        translations.set_language("en")
        window.show_home()
        shoot(app, window, out / "home-en.png")
        translations.set_language("zh_CN")
        window.close()
        store.close()
    if args.guide:
        guide = Path(args.guide)
        guide.mkdir(parents=True, exist_ok=True)
        for name in GUIDE_SHOTS:
            shutil.copyfile(out / f"{name}.png", guide / f"{name}.png")
            print(guide / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
