"""The group profile page: a group's officers, yearly facts and household indicators."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import N_, tr
from storage.errors import StoreError, ValidationError
from storage.groups import (
    COUNT_FIELDS,
    FLAG_FIELDS,
    TEXT_FIELDS,
    GroupIndicators,
    Groups,
    GroupYear,
    Officer,
    clean_text,
    find_double_roles,
)
from storage.model import PARTY_CELL_RATINGS
from storage.store import Store
from storage.text import format_int, format_percent, nfc

# Vietnamese texts, translated where shown.
NO_GROUP_MESSAGE = N_("Chọn một tổ dân phố hoặc bản để xem hồ sơ.")
NO_DOUBLE_ROLES = N_("Không có người kiêm nhiệm từ hai chức danh trở lên.")
ERROR_STYLE = "color: #b00020; font-weight: bold;"
MAX_COUNT = 99_999

COLUMN_ROLE = 0
COLUMN_NAME = 1

# key, label of the read-only household indicators, in display order.
INDICATOR_ROWS = (
    ("households", N_("Số hộ:")),
    ("cultural", N_("Gia đình văn hóa:")),
    ("poor", N_("Hộ nghèo:")),
    ("near_poor", N_("Hộ cận nghèo:")),
    ("antt", N_("Ký cam kết ANTT:")),
    ("waste", N_("Có thiết bị lưu chứa rác:")),
    ("third_child", N_("Sinh con thứ ba:")),
)


def _count_and_share(part: int, whole: int) -> str:
    return f"{format_int(part)} ({format_percent(part, whole)})"


def indicator_texts(indicators: GroupIndicators) -> dict[str, str]:
    """The texts of INDICATOR_ROWS for ``indicators``: counts with their share of households."""
    whole = indicators.households
    return {
        "households": format_int(whole),
        "cultural": _count_and_share(indicators.cultural_families, whole),
        "poor": _count_and_share(indicators.poor, whole),
        "near_poor": _count_and_share(indicators.near_poor, whole),
        "antt": _count_and_share(indicators.antt_commitment, whole),
        "waste": _count_and_share(indicators.waste_container, whole),
        "third_child": format_int(indicators.third_child),
    }


def double_roles_text(officers: list[Officer]) -> str:
    """One line naming who holds two or more roles, or saying nobody does."""
    people = find_double_roles(officers)
    if not people:
        return tr(NO_DOUBLE_ROLES)
    listed = "; ".join(f"{name} ({', '.join(roles)})" for name, roles in people)
    return tr("Kiêm nhiệm: {people}").format(people=listed)


class _CountBox(QSpinBox):
    """A count field that ignores the mouse wheel unless focused (the page scrolls instead)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, MAX_COUNT)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(90)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class _ChoiceBox(QComboBox):
    """A combo box that ignores the mouse wheel unless focused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class GroupProfilePage(QWidget):
    """The profile of one group in one year, editable; ``saved(group_id)`` after a save."""

    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self._group_id: str | None = None
        self._year = 0
        self._loaded_year: GroupYear | None = None
        self._loaded_officers: list[tuple[str, str]] = []
        self._loading = False

        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.lineage_label = QLabel()
        self.lineage_label.setWordWrap(True)
        self.lineage_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.lineage_label)
        content_layout.addWidget(self._build_indicators())
        content_layout.addWidget(self._build_officers())
        content_layout.addWidget(self._build_facts())
        content_layout.addWidget(self._build_economy())
        content_layout.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.save_button = QPushButton(tr("Lưu"))
        self.save_button.setToolTip(tr("Lưu hồ sơ (Ctrl+S)"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error_label, 1)
        bottom.addWidget(
            self.save_button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )

        # Everything but the title: hidden when no group is chosen.
        self.form = QWidget()
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.scroll_area, 1)
        form_layout.addLayout(bottom)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.form, 1)
        layout.addStretch(0)  # keeps the message at the top while the form is hidden

        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.activated.connect(self.save)

        self._set_tab_order()
        self._connect_changes()
        self._show_no_group(tr(NO_GROUP_MESSAGE))

    # -- building ---------------------------------------------------------------------------

    def _build_indicators(self) -> QGroupBox:
        box = QGroupBox(tr("Chỉ số hộ gia đình (tính từ hồ sơ hộ)"))
        form = QFormLayout(box)
        self.indicator_labels: dict[str, QLabel] = {}
        for key, label in INDICATOR_ROWS:
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.indicator_labels[key] = value
            form.addRow(tr(label), value)
        return box

    def _build_officers(self) -> QGroupBox:
        box = QGroupBox(tr("Cán bộ chủ chốt"))
        self.officers_table = QTableWidget(0, 2)
        self.officers_table.setHorizontalHeaderLabels([tr("Chức danh"), tr("Họ và tên")])
        self.officers_table.verticalHeader().hide()
        row_height = self.officers_table.fontMetrics().height() + 10
        self.officers_table.verticalHeader().setDefaultSectionSize(row_height)
        header = self.officers_table.horizontalHeader()
        header.setSectionResizeMode(COLUMN_ROLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMN_NAME, QHeaderView.ResizeMode.Stretch)
        self.officers_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Tab leaves the table (arrows move between cells), so the page's tab order holds.
        self.officers_table.setTabKeyNavigation(False)
        self.officers_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.officers_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_officer_button = QPushButton(tr("Thêm người"))
        self.add_officer_button.clicked.connect(self.add_officer_row)
        self.remove_officer_button = QPushButton(tr("Xóa dòng"))
        self.remove_officer_button.setEnabled(False)
        self.remove_officer_button.clicked.connect(self.remove_officer_rows)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_officer_button)
        buttons.addWidget(self.remove_officer_button)
        buttons.addStretch(1)
        self.double_roles_label = QLabel()
        self.double_roles_label.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.officers_table)
        layout.addLayout(buttons)
        layout.addWidget(self.double_roles_label)
        return box

    def _build_facts(self) -> QGroupBox:
        box = QGroupBox(tr("Kết quả trong năm"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        # The labels below are storage's, translated through gui.i18n.STORAGE_LABELS.
        self.rating_combo = _ChoiceBox()
        for key, label in PARTY_CELL_RATINGS.items():
            self.rating_combo.addItem(tr(label), key)
        form.addRow(tr("Xếp loại chi bộ:"), self.rating_combo)
        self.flag_boxes: dict[str, QCheckBox] = {}
        for name, label in FLAG_FIELDS.items():
            self.flag_boxes[name] = QCheckBox(tr(label))
            form.addRow("", self.flag_boxes[name])
        self.count_boxes: dict[str, QSpinBox] = {}
        for name, label in COUNT_FIELDS.items():
            self.count_boxes[name] = _CountBox()
            form.addRow(f"{tr(label)}:", self.count_boxes[name])
        return box

    def _build_economy(self) -> QGroupBox:
        box = QGroupBox(tr("Phát triển kinh tế"))
        form = QFormLayout(box)
        self.text_edits: dict[str, QPlainTextEdit] = {}
        for name, label in TEXT_FIELDS.items():
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(tr("Mỗi dòng một mục"))
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            self.text_edits[name] = edit
            form.addRow(f"{tr(label)}:", edit)
        return box

    def _field_widgets(self) -> dict[str, QWidget]:
        """The input widget of each field name (ValidationError.field) in visual order."""
        return {
            "officers": self.officers_table,
            "party_cell_rating": self.rating_combo,
            **self.flag_boxes,
            **self.count_boxes,
            **self.text_edits,
        }

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.officers_table,
            self.add_officer_button,
            self.remove_officer_button,
            *list(self._field_widgets().values())[1:],
            self.save_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect_changes(self) -> None:
        self.rating_combo.currentIndexChanged.connect(self._on_changed)
        for box in self.flag_boxes.values():
            box.toggled.connect(self._on_changed)
        for spin in self.count_boxes.values():
            spin.valueChanged.connect(self._on_changed)
        for edit in self.text_edits.values():
            edit.textChanged.connect(self._on_changed)
        self.officers_table.itemChanged.connect(self._on_officers_changed)
        model = self.officers_table.model()
        model.rowsInserted.connect(self._on_officers_changed)
        model.rowsRemoved.connect(self._on_officers_changed)
        self.officers_table.itemSelectionChanged.connect(self._on_selection_changed)

    # -- loading ----------------------------------------------------------------------------

    def _groups(self, store: Store) -> Groups:
        """The store's group profiles."""
        return store.groups

    @property
    def group_id(self) -> str | None:
        """The group shown, None when the page shows no group."""
        return self._group_id

    @property
    def year(self) -> int:
        """The year shown."""
        return self._year

    def set_group(self, store: Store, group_id: str | None, year: int) -> None:
        """Show the profile of ``group_id`` in ``year``; a message when it is not a group.

        Unsaved edits are discarded: ask ``is_dirty()`` first.
        """
        self._store = store
        self._year = year
        self._group_id = None
        self._loaded_year = None
        self.error_label.clear()
        self.error_label.hide()
        if group_id is None:
            self._show_no_group(tr(NO_GROUP_MESSAGE))
            return
        try:
            unit = store.units.get(group_id)
        except StoreError as error:
            self._show_no_group(str(error))
            return
        if unit.level != "group":
            self._show_no_group(tr(NO_GROUP_MESSAGE))
            return
        groups = self._groups(store)
        group_year = groups.year(group_id, year)
        officers = groups.officers(group_id, year)
        indicators = groups.indicators(group_id, year)
        lineage = groups.lineage_sentences(group_id)

        self._loading = True
        try:
            self._group_id = group_id
            self.title.setText(
                tr("{unit} — năm {year}").format(unit=store.units.full_name(unit), year=year))
            self.lineage_label.setText("\n".join(lineage))
            self.lineage_label.setVisible(bool(lineage))
            for key, text in indicator_texts(indicators).items():
                self.indicator_labels[key].setText(text)
            self._fill_officers(officers)
            self._fill_facts(group_year)
            self._loaded_year = self._form_year()
            self._loaded_officers = self._officer_pairs(self._form_officers())
        finally:
            self._loading = False
        self.form.show()
        self._refresh_state()

    def _show_no_group(self, message: str) -> None:
        self._group_id = None
        self._loaded_year = None
        self.title.setText(message)
        self.form.hide()
        self.save_button.setEnabled(False)

    def _fill_officers(self, officers: list[Officer]) -> None:
        table = self.officers_table
        table.setRowCount(0)
        for officer in officers:
            row = table.rowCount()
            table.insertRow(row)
            table.setItem(row, COLUMN_ROLE, QTableWidgetItem(officer.role))
            table.setItem(row, COLUMN_NAME, QTableWidgetItem(officer.full_name))
        self._fit_table()

    def _fill_facts(self, group_year: GroupYear) -> None:
        index = self.rating_combo.findData(group_year.party_cell_rating)
        self.rating_combo.setCurrentIndex(max(index, 0))
        for name, box in self.flag_boxes.items():
            box.setChecked(bool(getattr(group_year, name)))
        for name, spin in self.count_boxes.items():
            spin.setValue(getattr(group_year, name))
        for name, edit in self.text_edits.items():
            edit.setPlainText(getattr(group_year, name))

    def _fit_table(self) -> None:
        """Make the table exactly as tall as its rows: the page scrolls, not the table."""
        table = self.officers_table
        rows = max(table.rowCount(), 1)
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(row) for row in range(table.rowCount()))
        if table.rowCount() == 0:
            height += table.verticalHeader().defaultSectionSize() * rows
        table.setFixedHeight(height)

    # -- reading the form -------------------------------------------------------------------

    def _form_year(self) -> GroupYear:
        values: dict[str, object] = {
            "party_cell_rating": self.rating_combo.currentData() or "",
            **{name: box.isChecked() for name, box in self.flag_boxes.items()},
            **{name: spin.value() for name, spin in self.count_boxes.items()},
            **{name: edit.toPlainText() for name, edit in self.text_edits.items()},
        }
        return GroupYear(self._group_id or "", self._year, **values)  # type: ignore[arg-type]

    def _form_officers(self) -> list[Officer]:
        """The table's officers; rows with neither a role nor a name are left out."""
        officers = []
        table = self.officers_table
        for row in range(table.rowCount()):
            role_item, name_item = table.item(row, COLUMN_ROLE), table.item(row, COLUMN_NAME)
            role = role_item.text() if role_item else ""
            name = name_item.text() if name_item else ""
            if role.strip() or name.strip():
                officers.append(Officer(role, name))
        return officers

    @staticmethod
    def _officer_pairs(officers: list[Officer]) -> list[tuple[str, str]]:
        return [(nfc(officer.role), nfc(officer.full_name)) for officer in officers]

    @staticmethod
    def _comparable(group_year: GroupYear) -> GroupYear:
        texts = {name: clean_text(getattr(group_year, name)) for name in TEXT_FIELDS}
        return dataclasses.replace(group_year, **texts)

    def is_dirty(self) -> bool:
        """Whether the form holds changes not saved yet."""
        if self._group_id is None or self._loaded_year is None:
            return False
        if self._comparable(self._form_year()) != self._comparable(self._loaded_year):
            return True
        return self._officer_pairs(self._form_officers()) != self._loaded_officers

    # -- reacting ---------------------------------------------------------------------------

    @Slot()
    def _on_changed(self) -> None:
        if not self._loading:
            self._refresh_state()

    @Slot()
    def _on_officers_changed(self) -> None:
        if not self._loading:
            self._fit_table()
            self._refresh_state()

    @Slot()
    def _on_selection_changed(self) -> None:
        self.remove_officer_button.setEnabled(bool(self.officers_table.selectedIndexes()))

    def _refresh_state(self) -> None:
        self.double_roles_label.setText(double_roles_text(self._form_officers()))
        self.save_button.setEnabled(self.is_dirty())

    @Slot()
    def add_officer_row(self) -> None:
        """Add an empty officer row at the end and start typing its role."""
        table = self.officers_table
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, COLUMN_ROLE, QTableWidgetItem(""))
        table.setItem(row, COLUMN_NAME, QTableWidgetItem(""))
        table.setCurrentCell(row, COLUMN_ROLE)
        table.setFocus()
        table.editItem(table.item(row, COLUMN_ROLE))

    @Slot()
    def remove_officer_rows(self) -> None:
        """Remove the selected officer rows."""
        table = self.officers_table
        rows = sorted({index.row() for index in table.selectedIndexes()}, reverse=True)
        for row in rows:
            table.removeRow(row)

    def _commit_open_editor(self) -> None:
        """Put a cell being typed in into the table (Ctrl+S does not close the editor)."""
        table = self.officers_table
        editor = QApplication.focusWidget()
        if (
            table.state() == QAbstractItemView.State.EditingState
            and editor is not None
            and table.isAncestorOf(editor)
        ):
            delegate = table.itemDelegate()
            delegate.commitData.emit(editor)
            delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    @Slot()
    def save(self) -> bool:
        """Save the form; on a refused value show why in red and keep the input."""
        self._commit_open_editor()
        if self._store is None or self._group_id is None or not self.is_dirty():
            return False
        group_id = self._group_id
        try:
            self._groups(self._store).save_year(self._form_year(), self._form_officers())
        except StoreError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            if isinstance(error, ValidationError) and error.field in self._field_widgets():
                widget = self._field_widgets()[error.field]
                self.scroll_area.ensureWidgetVisible(widget)
                widget.setFocus()
            return False
        self.set_group(self._store, group_id, self._year)
        self.saved.emit(group_id)
        return True

    def error_text(self) -> str:
        """The error shown under the form ("" when none)."""
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""
