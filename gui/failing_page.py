"""The groups failing each criterion of the year, written as a report's footnotes list them.

"Tổ dân phố số 5, 9, 15 phường Tân Phong; Bản Sùng Chồ xã Sùng Phài": one line per criterion,
the groups of a ward together, numbered groups merged after one "Tổ dân phố số". An official
copies the text into the year's report.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QBrush, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import tr
from storage.criteria import Criterion
from storage.errors import NotFound
from storage.model import Unit
from storage.store import Store
from storage.text import format_int
from storage.units import unit_sort_key

# "Tổ dân phố số 15" → ("Tổ dân phố số", "15"): numbered names share their prefix.
_NUMBERED = re.compile(r"^(.*\bsố)\s+(\S+)$")
COPIED_MESSAGE_MS = 4000


def lower_first(text: str) -> str:
    """ "phường Tân Phong" for "Phường Tân Phong" (as it reads after a group's name)."""
    return text[:1].lower() + text[1:]


def merge_names(names: list[str]) -> str:
    """ "Tổ dân phố số 5, 9, 15, Bản Sùng Chồ": numbered names after one shared prefix."""
    parts: list[tuple[str, list[str]]] = []  # (prefix, numbers); prefix "" for a plain name
    for name in names:
        match = _NUMBERED.match(name)
        if match:
            prefix, number = match.groups()
            for existing, numbers in parts:
                if existing == prefix:
                    numbers.append(number)
                    break
            else:
                parts.append((prefix, [number]))
        else:
            parts.append(("", [name]))
    return ", ".join(f"{prefix} {', '.join(numbers)}" if prefix else numbers[0]
                     for prefix, numbers in parts)


def ward_line(groups: list[Unit], ward_name: str) -> str:
    """ "Tổ dân phố số 5, 9, 15 phường Tân Phong"."""
    names = merge_names([group.name for group in groups])
    return f"{names} {lower_first(ward_name)}" if ward_name else names


class FailingPage(QWidget):
    """Per criterion of the year's framework, the groups (recognised ones) failing it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.year = 0
        # (code, criterion name, [ward line]) of the criteria with failing groups, in order.
        self.lines: list[tuple[str, str, list[str]]] = []
        self.setup_ui()

    def setup_ui(self) -> None:
        """Title, the options row and the tree."""
        self.title_label = QLabel()
        title_font = QFont(self.title_label.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        self.title_label.setFont(title_font)
        self.recognised_only = QCheckBox(tr("Chỉ các tổ đã được công nhận"))
        self.recognised_only.setChecked(True)
        self.recognised_only.setToolTip(
            tr("Bỏ chọn để xem cả các tổ đã đăng ký nhưng chưa được công nhận"))
        self.copy_button = QPushButton(tr("Sao chép"))
        self.copy_button.setToolTip(
            tr("Chép danh sách các tiêu chí có tổ chưa đạt để dán vào báo cáo"))
        self.copied_label = QLabel()
        options = QHBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self.recognised_only)
        options.addStretch(1)
        options.addWidget(self.copied_label)
        options.addWidget(self.copy_button)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([tr("Tiêu chí / Tổ chưa đạt theo phường, xã"), tr("Số tổ")])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title_label)
        layout.addLayout(options)
        layout.addWidget(self.tree, 1)

        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.setInterval(COPIED_MESSAGE_MS)
        self._copied_timer.timeout.connect(self.copied_label.clear)
        self.recognised_only.toggled.connect(self._on_option_changed)
        self.copy_button.clicked.connect(self.copy_text)

    # -- showing ---------------------------------------------------------------------------

    def show_year(self, store: Store, year: int) -> None:
        """Show the failing groups of ``year``."""
        self.store = store
        self.year = year
        self._load()

    @Slot(bool)
    def _on_option_changed(self, _checked: bool) -> None:
        if self.store is not None:
            self._load()

    def _load(self) -> None:
        store = self.store
        assert store is not None
        self.tree.clear()
        self.lines = []
        recognised_only = self.recognised_only.isChecked()
        self.title_label.setText(
            tr("Tiêu chí chưa đạt năm {year}").format(year=self.year) if recognised_only
            else tr("Tiêu chí chưa đạt năm {year} (các tổ đã đăng ký)").format(year=self.year))
        try:
            criteria: list[Criterion] = store.frameworks.for_year(self.year).criteria
        except NotFound:
            criteria = []
        failing = store.evaluations.failing(self.year, recognised_only=recognised_only)
        known = {criterion.code for criterion in criteria}
        order = [(c.code, c.name, c.required) for c in criteria]
        order += [(code, "", False) for code in sorted(failing) if code not in known]
        if not order:
            self._add_note(tr("Năm {year} chưa có bộ tiêu chí.").format(year=self.year))
            self.copy_button.setEnabled(False)
            return
        wards: dict[str, Unit] = {}
        for code, name, required in order:
            groups = [store.units.get(group_id) for group_id in failing.get(code, [])]
            self._add_criterion(store, code, name, required, groups, wards)
        if not self.lines:
            self._add_note(tr("Không có tổ nào chưa đạt tiêu chí."))
        self.copy_button.setEnabled(bool(self.lines))

    def _add_criterion(self, store: Store, code: str, name: str, required: bool,
                       groups: list[Unit], wards: dict[str, Unit]) -> None:
        label = f"{code} {name}".strip()
        if required:
            label += " " + tr("(bắt buộc)")
        item = QTreeWidgetItem([label, format_int(len(groups))])
        item.setToolTip(0, label)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tree.addTopLevelItem(item)
        if not groups:
            disabled = self.palette().color(QPalette.ColorGroup.Disabled,
                                            QPalette.ColorRole.Text)
            item.setForeground(0, QBrush(disabled))
            item.setForeground(1, QBrush(disabled))
            return
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        by_ward: dict[str, list[Unit]] = {}
        for group in groups:
            by_ward.setdefault(group.parent_id or "", []).append(group)
        for ward_id in by_ward:
            if ward_id and ward_id not in wards:
                wards[ward_id] = store.units.get(ward_id)
        ward_ids = sorted(by_ward, key=lambda w: unit_sort_key(wards[w].name) if w in wards
                          else "")
        texts = []
        for ward_id in ward_ids:
            members = sorted(by_ward[ward_id], key=lambda g: unit_sort_key(g.name))
            ward_name = wards[ward_id].name if ward_id in wards else ""
            text = ward_line(members, ward_name)
            child = QTreeWidgetItem([text, format_int(len(members))])
            child.setToolTip(0, "\n".join(f"{g.name}, {lower_first(ward_name)}"
                                          for g in members))
            child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.addChild(child)
            texts.append(text)
        item.setExpanded(True)
        self.lines.append((code, name, texts))

    def _add_note(self, text: str) -> None:
        item = QTreeWidgetItem([text, ""])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(item)

    # -- reading and copying ---------------------------------------------------------------

    def criterion_item(self, code: str) -> QTreeWidgetItem | None:
        """The tree's line of criterion ``code``."""
        for number in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(number)
            if item.text(0) == code or item.text(0).startswith(code + " "):
                return item
        return None

    def ward_lines(self, code: str) -> list[str]:
        """The ward lines shown under criterion ``code``."""
        item = self.criterion_item(code)
        if item is None:
            return []
        return [item.child(number).text(0) for number in range(item.childCount())]

    def text(self) -> str:
        """What "Sao chép" copies: one line per criterion with failing groups."""
        if not self.lines:
            return ""
        return "\n".join(
            tr("Tiêu chí {code} ({name}): {groups}.").format(
                code=code, name=name, groups="; ".join(texts)) if name
            else tr("Tiêu chí {code}: {groups}.").format(code=code, groups="; ".join(texts))
            for code, name, texts in self.lines)

    @Slot()
    def copy_text(self) -> None:
        """Put the text on the clipboard, for pasting into a report."""
        text = self.text()
        if not text:
            return
        QGuiApplication.clipboard().setText(text)
        self.copied_label.setText(tr("Đã sao chép {n} dòng.").format(n=len(self.lines)))
        self._copied_timer.start()
