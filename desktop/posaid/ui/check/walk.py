"""Step 2 of a new check: the guided questions, one at a time.

The page only shows a question and reports what the owner chose (signals); the check page owns
the walk, saves it after every answer and decides what comes next.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from posaid.core.checklist.infer import MAX_QUESTIONS
from posaid.ui.fonts import emphasize
from posaid.ui.style import apply_style, set_property, set_role
from posaid.ui.ui_common import chain_tab_order, ui_lang


class WalkPage(QWidget):
    """Signals: ``answered(question_id, answer_id, note)``, ``backRequested``,
    ``leaveRequested`` (save and finish later), ``photoChosen(path)``."""

    answered = Signal(str, str, str)
    backRequested = Signal()  # noqa: N815 - Qt naming
    leaveRequested = Signal()  # noqa: N815
    photoChosen = Signal(Path)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question: Any = None
        self.area_title = ""
        self.progress_info: tuple[int, int, int] = (0, 7, 0)
        self.area_titles: list[str] = []
        self.touched: set[int] = set()  # areas with an answered question
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.area = QLabel(self)
        self.area.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(True)
        self.question_label = QLabel(self)
        self.question_label.setWordWrap(True)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        emphasize(self.question_label, 1.35)
        self.help_title = QLabel(self)
        emphasize(self.help_title, 1.0)
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        help_box = QFrame(self)
        help_box.setFrameShape(QFrame.Shape.StyledPanel)
        help_box.setObjectName("walk_help")
        apply_style(help_box)
        hl = QVBoxLayout(help_box)
        hl.addWidget(self.help_title)
        hl.addWidget(self.help)
        self.answers_box = QWidget(self)
        self.answers_layout = QVBoxLayout(self.answers_box)
        self.answers_layout.setContentsMargins(12, 6, 0, 6)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.buttonToggled.connect(lambda *_: self._sync())
        self.note = QLineEdit(self)
        self.photo_btn = QPushButton(self)
        self.photo_btn.clicked.connect(self.choose_photo)
        self.keys_hint = QLabel(self)
        self.keys_hint.setObjectName("walk_keys_hint")
        set_role(self.keys_hint, "muted")
        self.photo_label = QLabel(self)
        self.photo_label.setTextFormat(Qt.TextFormat.PlainText)
        extra = QHBoxLayout()
        extra.addWidget(self.note, 1)
        extra.addWidget(self.photo_btn)
        self.back_btn = QPushButton(self)
        self.back_btn.clicked.connect(self.backRequested.emit)
        self.leave_btn = QPushButton(self)
        self.leave_btn.clicked.connect(self.leaveRequested.emit)
        self.next_btn = QPushButton(self)
        self.next_btn.setDefault(True)
        self.next_btn.clicked.connect(self._emit_answer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.leave_btn)
        buttons.addWidget(self.next_btn)

        body = QWidget(self)
        bl = QVBoxLayout(body)
        bl.addWidget(self.question_label)
        bl.addWidget(help_box)
        bl.addWidget(self.answers_box)
        bl.addWidget(self.keys_hint)
        bl.addLayout(extra)
        bl.addWidget(self.photo_label)
        bl.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.areas = QLabel(self)
        self.areas.setTextFormat(Qt.TextFormat.RichText)
        self.areas.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.areas.setMinimumWidth(220)
        self.areas.setObjectName("walk_areas")
        apply_style(self.areas)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.area, 1)
        top.addWidget(self.bar, 1)
        lay.addLayout(top)
        middle = QHBoxLayout()
        middle.addWidget(self.areas)
        middle.addWidget(scroll, 1)
        lay.addLayout(middle, 1)
        lay.addLayout(buttons)
        set_property(self, "focusRing", True)  # the keyboard focus ring (posaid.qss)

    # -- showing a question ------------------------------------------------------------------
    def show_question(
        self,
        question: Any,
        area_title: str,
        progress: tuple[int, int, int],
        chosen: str | None = None,
        note: str = "",
        can_go_back: bool = True,
        area_titles: list[str] | None = None,
        touched: set[int] | None = None,
    ) -> None:
        """Show ``question``; ``area_titles`` (all seven, in order) draw the list of areas,
        ``touched`` (their indexes) marks those already asked about.

        The questions are chosen one by one from the answers so far, so the areas are not
        gone through in order: the list shows which have been looked at, and the bar counts
        the questions answered against the most the check will ask.
        """
        self.question = question
        self.area_titles = list(area_titles or [])
        self.touched = set(touched or ())
        self.area_title = area_title
        self.progress_info = progress
        for b in self.group.buttons():
            self.group.removeButton(b)
            b.deleteLater()
        for aid, _text in question.choices(ui_lang()):
            rb = QRadioButton(self.answers_box)
            emphasize(rb, 1.15, bold=False)
            rb.setProperty("answer_id", aid)
            self.group.addButton(rb)
            self.answers_layout.addWidget(rb)
            if aid == chosen:
                rb.setChecked(True)
        self.note.setText(note)
        self.photo_label.clear()
        self.photo_label.hide()
        self.back_btn.setEnabled(can_go_back)
        self.retranslate()
        buttons = self.group.buttons()
        # Tab: the answers, the note, the photo, then back / save / next (the sidebar last).
        chain_tab_order(
            [*buttons, self.note, self.photo_btn, self.back_btn, self.leave_btn, self.next_btn]
        )
        if buttons:
            (self.group.checkedButton() or buttons[0]).setFocus()

    def photo_added(self, name: str) -> None:
        self.photo_label.setText(self.tr("Photo added: {name}").format(name=name))
        self.photo_label.show()
        buttons = self.group.buttons()
        if buttons:  # back to the answers: the photo is added, the question still waits
            (self.group.checkedButton() or buttons[0]).setFocus()

    def chosen(self) -> str | None:
        b = self.group.checkedButton()
        return str(b.property("answer_id")) if b is not None else None

    def choose(self, answer_id: str) -> None:
        for b in self.group.buttons():
            if b.property("answer_id") == answer_id:
                b.setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Enter goes to the next question (the default button), from an answer or the note;
        on an answer when none is chosen yet it takes that answer; on another button Enter
        presses that button. The number keys 1-9 take that answer and go on."""
        number = event.key() - Qt.Key.Key_1.value
        buttons = self.group.buttons()
        if 0 <= number < min(9, len(buttons)) and not self.note.hasFocus():
            buttons[number].setChecked(True)  # 1, 2, 3…: that answer, and on
            buttons[number].setFocus()
            self.next_btn.click()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton) and focused is not self.next_btn:
                if focused.isEnabled():
                    focused.click()
                return
            if isinstance(focused, QRadioButton) and self.chosen() is None:
                focused.setChecked(True)  # Enter on an answer: this one, and on
            if self.next_btn.isEnabled():
                self.next_btn.click()
            return
        super().keyPressEvent(event)

    def _sync(self) -> None:
        self.next_btn.setEnabled(self.chosen() is not None)

    def _emit_answer(self) -> None:
        aid = self.chosen()
        if self.question is not None and aid is not None:
            self.answered.emit(self.question.id, aid, self.note.text().strip())

    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Add a photo to this answer"),
            str(Path.home()),
            self.tr("Photos (*.jpg *.jpeg *.png)"),
        )
        if path:
            self.photoChosen.emit(Path(path))

    # -- language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        lang = ui_lang()
        area_i, n_areas, answered = self.progress_info
        self.area.setText(
            self.tr("Area {i} of {n}: {title}").format(
                i=area_i + 1, n=n_areas, title=self.area_title
            )
        )
        # Questions answered out of the most the adaptive check asks: never full with questions
        # left, empty while nothing has been answered (areas mean little when the walk jumps).
        self.bar.setRange(0, MAX_QUESTIONS)
        self.bar.setValue(min(answered, MAX_QUESTIONS))
        self.bar.setFormat(self.tr("%n question(s) answered", "", answered))
        self.bar.setAccessibleName(self.tr("Questions answered, out of the most the check asks"))
        self.help_title.setText(self.tr("Where to look"))
        rows = []
        for i, title in enumerate(self.area_titles):
            mark = "▶" if i == area_i else ("✓" if i in self.touched else "○")
            text = html.escape(f"{mark} {i + 1}. {title}")
            rows.append(f"<p><b>{text}</b></p>" if i == area_i else f"<p>{text}</p>")
        self.areas.setText("".join(rows))
        self.areas.setVisible(bool(rows))
        q = self.question
        if q is not None:
            self.question_label.setText(q.text(lang))
            self.help.setText(q.help(lang))
            texts = dict(q.choices(lang))
            for b in self.group.buttons():
                b.setText(texts.get(str(b.property("answer_id")), ""))
                b.setAccessibleName(b.text())
        self.note.setPlaceholderText(self.tr("Note (optional): what you saw, who you asked…"))
        self.note.setAccessibleName(self.tr("Note for this answer"))
        self.photo_btn.setText(self.tr("Add photo… (Ctrl+O)"))
        self.keys_hint.setText(
            self.tr("Keyboard: 1, 2, 3… picks that answer and goes on; Enter goes to the next.")
        )
        self.photo_btn.setAccessibleName(self.tr("Add a photo to this answer"))
        self.back_btn.setText(self.tr("← Previous question"))
        self.leave_btn.setText(self.tr("Save and finish later"))
        self.next_btn.setText(self.tr("Next →"))
        # after setText, which replaces a button's shortcut with its (absent) mnemonic
        self.back_btn.setShortcut(QKeySequence("Alt+Left"))
        self.photo_btn.setShortcut(QKeySequence("Ctrl+O"))  # open a photo
        self._sync()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
