"""Importing a household list from Excel/CSV (a wizard) and exporting one to Excel.

The wizard's steps: the file → legacy-font columns to convert (only when found, with every
value the conversion changes, before → after) → which column is which field, with saved
presets → the group names that are not certain, once per value → the preview (counts, a
decision per duplicate, the rejected rows with their reasons, the converted values) → the
import, in the background, as one undo step → the result. Reading and checking run in the
background too: a 100.000-row file takes seconds, and the window must not freeze meanwhile.
A file beyond what can be read (a cell at XFD1048576, a zip bomb) is refused by the same
reader as the command line's, with its reason, before anything is loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.background import Progress, run_in_background
from gui.commands import ImportHouseholds
from gui.i18n import N_, tr
from gui.messages import ask, ask_text
from storage import household_import as hi
from storage.errors import StoreError
from storage.household_export import export_households
from storage.model import Unit
from storage.store import Store
from storage.text import format_int

# Texts storage/ defines (Vietnamese only there), marked here for the translation file.
STORAGE_TEXTS = [
    N_("Mã hộ"), N_("Phường, xã"), N_("Tổ dân phố, bản"), N_("Họ và tên chủ hộ"),
    N_("Giới tính"), N_("Năm sinh"), N_("Dân tộc"), N_("Địa chỉ"), N_("Số điện thoại"),
    N_("Số nhân khẩu"), N_("Nghèo, cận nghèo"), N_("Ghi chú"),
    N_("Bỏ qua"), N_("Cập nhật hộ đã có"), N_("Vẫn thêm mới"),
    N_("TCVN3 (ABC, phông .VnTime)"), N_("VNI (phông VNI-Times)"),
    N_("Chưa chọn cột Họ và tên chủ hộ."), N_("Chưa chọn cột Tổ dân phố, bản."),
]
FILE_FILTER = N_("Bảng tính (*.xlsx *.xlsm *.xls *.ods *.csv);;Tất cả các tệp (*)")
PAGES = ("file", "legacy", "mapping", "groups", "preview", "result")
# Rows shown per table of the preview: enough to read, few enough to build instantly.
SHOWN_ROWS = 5000


class RowsModel(QAbstractTableModel):
    """Checked rows (duplicates or rejected ones) of the preview, read-only."""

    def __init__(self, preview: hi.Preview, kind: str, names: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.kind = kind
        self.names = names  # group id -> name
        rows = preview.duplicates if kind == "duplicate" else preview.rejected
        self.rows = rows[:SHOWN_ROWS]
        if kind == "duplicate":
            self.headers = [tr("Dòng"), tr("Chủ hộ"), tr("Tổ dân phố, bản"), tr("Vì sao trùng"),
                            tr("Xử lý")]
        else:
            self.headers = [tr("Dòng"), tr("Lý do")]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                    ) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return str(row.line)
        if self.kind != "duplicate":
            return row.reason
        if column == 1:
            return row.household.head_name if row.household else ""
        if column == 2:
            return self.names.get(row.household.group_id, "") if row.household else ""
        if column == 3:
            return row.duplicate_reason
        return tr(hi.DECISION_LABELS[self.preview.decisions.get(row.line, "skip")])

    def decision_changed(self) -> None:
        """Redraw the decision column."""
        if self.rows:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self.rows) - 1, 4))


class ConversionsModel(QAbstractTableModel):
    """Every value the legacy-font conversion changes (and those it keeps), read-only."""

    def __init__(self, items: list[hi.Conversion], headers: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = items
        self.file_headers = headers
        self.headers = [tr("Cột"), tr("Dòng"), tr("Trước"), tr("Sau"), tr("Số ô")]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                    ) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        item = self.items[index.row()]
        column = index.column()
        if column == 0:
            header = (self.file_headers[item.column] if item.column < len(self.file_headers)
                      else "")
            return f"{hi.column_letter(item.column)} {header}".strip()
        if column == 1:
            return str(item.first_line)
        if column == 2:
            return item.before
        if column == 3:
            if item.kept:
                return tr("Giữ nguyên (đọc được như chữ Unicode; nếu là phông cũ thì là"
                          " \"{reading}\": hãy kiểm tra)").format(reading=item.after)
            return item.after
        return format_int(item.rows)

    def text(self, row: int, column: int) -> str:
        """The shown text of a cell (tests read it)."""
        return str(self.data(self.index(row, column)))


class ImportHouseholdsDialog(QDialog):
    """The import wizard. ``page_name`` tells which step is shown (tests read it)."""

    def __init__(self, store: Store, year: int, ward_id: str | None, undo_stack: QUndoStack,
                 on_change: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = undo_stack
        self.on_change = on_change
        self.imported: hi.ImportFile | None = None
        self.mapping = hi.Mapping()
        self.preview: hi.Preview | None = None
        self.command: ImportHouseholds | None = None
        self.rejected_rows = 0
        self._rejected_preview: hi.Preview | None = None
        self._read_key: tuple[str, str] | None = None
        self.setWindowTitle(tr("Nhập danh sách hộ từ Excel"))
        self.resize(1040, 640)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self._build_file_page(year, ward_id)
        self._build_legacy_page()
        self._build_mapping_page()
        self._build_groups_page()
        self._build_preview_page()
        self._build_result_page()
        self.back_button = QPushButton(tr("< Quay lại"))
        self.next_button = QPushButton(tr("Tiếp >"))
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Hủy"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.show_page("file")

    # -- pages --------------------------------------------------------------------------------

    def _page(self, name: str, title: str) -> QVBoxLayout:
        page = QWidget()
        layout = QVBoxLayout(page)
        heading = QLabel(f"<b>{title}</b>")
        layout.addWidget(heading)
        self.pages[name] = page
        self.stack.addWidget(page)
        return layout

    def _build_file_page(self, year: int, ward_id: str | None) -> None:
        layout = self._page("file", tr("Bước 1. Chọn tệp danh sách hộ"))
        layout.addWidget(QLabel(tr(
            "Tệp Excel (.xlsx, .xls), LibreOffice (.ods) hoặc CSV. Dòng tiêu đề cột được tự"
            " tìm, kể cả khi có phần tiêu đề văn bản ở trên.")))
        form = QFormLayout()
        self.path_edit = QLineEdit()
        browse = QPushButton(tr("Chọn tệp…"))
        browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(tr("Tệp:"), row)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setEnabled(False)
        form.addRow(tr("Trang tính:"), self.sheet_combo)
        self.ward_combo = QComboBox()
        self.ward_combo.addItem(tr("Cả thành phố (theo cột phường, xã của tệp)"), None)
        wards: list[Unit] = self.store.units.in_year(year, "ward")
        for ward in wards:
            self.ward_combo.addItem(ward.name, ward.id)
        if ward_id is not None:
            self.ward_combo.setCurrentIndex(max(0, self.ward_combo.findData(ward_id)))
        form.addRow(tr("Nhập vào:"), self.ward_combo)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, dt.date.today().year + 1)
        self.year_spin.setValue(year)
        form.addRow(tr("Tình trạng hộ của năm:"), self.year_spin)
        self.year_note = QLabel()
        form.addRow("", self.year_note)
        layout.addLayout(form)
        layout.addStretch(1)
        self.path_edit.setFocus()

    def _build_legacy_page(self) -> None:
        layout = self._page("legacy", tr("Bước 2. Chữ viết bằng phông cũ"))
        layout.addWidget(QLabel(tr(
            "Các cột dưới đây được gõ bằng phông chữ cũ (TCVN3 hoặc VNI). Chọn các cột cần"
            " chuyển sang Unicode; xem ví dụ trước và sau khi chuyển.")))
        self.legacy_table = QTableWidget(0, 4)
        self.legacy_table.setHorizontalHeaderLabels(
            [tr("Chuyển"), tr("Cột"), tr("Phông"), tr("Ví dụ: trước → sau")])
        self.legacy_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch)
        self.legacy_table.verticalHeader().setVisible(False)
        self.legacy_boxes: list[tuple[int, QCheckBox]] = []
        layout.addWidget(self.legacy_table, 1)
        layout.addWidget(QLabel(tr(
            "Mọi giá trị sẽ được chuyển (chỉ các ô có dấu hiệu của phông cũ; chữ Unicode giữ"
            " nguyên):")))
        self.legacy_values = QTableView()
        self.legacy_values.verticalHeader().setVisible(False)
        layout.addWidget(self.legacy_values, 2)

    def _build_mapping_page(self) -> None:
        layout = self._page("mapping", tr("Bước 3. Ghép cột của tệp với thông tin hộ"))
        presets = QHBoxLayout()
        presets.addWidget(QLabel(tr("Mẫu đã lưu:")))
        self.preset_combo = QComboBox()
        presets.addWidget(self.preset_combo, 1)
        use = QPushButton(tr("Dùng mẫu"))
        use.clicked.connect(lambda: self.use_preset(self.preset_combo.currentText()))
        save = QPushButton(tr("Lưu thành mẫu…"))
        save.clicked.connect(self.save_preset)
        delete = QPushButton(tr("Xóa mẫu"))
        delete.clicked.connect(self.delete_preset)
        for button in (use, save, delete):
            presets.addWidget(button)
        layout.addLayout(presets)
        self.mapping_table = QTableWidget(0, 4)
        self.mapping_table.setHorizontalHeaderLabels(
            [tr("Cột"), tr("Tiêu đề trong tệp"), tr("Ví dụ"), tr("Là thông tin")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.verticalHeader().setVisible(False)
        self.field_combos: list[QComboBox] = []
        layout.addWidget(self.mapping_table, 1)
        self.mapping_problems = QLabel()
        self.mapping_problems.setStyleSheet("color: #b00020")
        layout.addWidget(self.mapping_problems)

    def _build_groups_page(self) -> None:
        layout = self._page("groups", tr("Bước 4. Xác nhận tên tổ dân phố, bản"))
        layout.addWidget(QLabel(tr(
            "Các tên dưới đây không khớp chắc chắn với tổ dân phố, bản nào của năm. Chọn tổ"
            " đúng cho mỗi tên (một lần cho tất cả các dòng có tên đó).")))
        self.groups_table = QTableWidget(0, 3)
        self.groups_table.setHorizontalHeaderLabels(
            [tr("Ghi trong tệp"), tr("Số dòng"), tr("Là tổ dân phố, bản")])
        self.groups_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.groups_table.verticalHeader().setVisible(False)
        self.group_combos: list[tuple[str, QComboBox]] = []
        layout.addWidget(self.groups_table, 1)

    def _build_preview_page(self) -> None:
        layout = self._page("preview", tr("Bước 5. Xem trước"))
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        layout.addWidget(self.counts_label)
        self.preview_tabs = QTabWidget()
        duplicates = QWidget()
        duplicates_layout = QVBoxLayout(duplicates)
        self.duplicates_view = QTableView()
        self.duplicates_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.duplicates_view.verticalHeader().setVisible(False)
        duplicates_layout.addWidget(self.duplicates_view, 1)
        decide = QHBoxLayout()
        decide.addWidget(QLabel(tr("Xử lý:")))
        self.decision_combo = QComboBox()
        for decision in hi.DECISIONS:
            self.decision_combo.addItem(tr(hi.DECISION_LABELS[decision]), decision)
        decide.addWidget(self.decision_combo)
        selected = QPushButton(tr("Cho các dòng đã chọn"))
        selected.clicked.connect(lambda: self.decide_selected(self.decision_combo.currentData()))
        every = QPushButton(tr("Cho tất cả dòng trùng"))
        every.clicked.connect(lambda: self.decide_all(self.decision_combo.currentData()))
        decide.addWidget(selected)
        decide.addWidget(every)
        decide.addStretch(1)
        duplicates_layout.addLayout(decide)
        self.preview_tabs.addTab(duplicates, tr("Trùng"))
        rejected = QWidget()
        rejected_layout = QVBoxLayout(rejected)
        self.rejected_view = QTableView()
        self.rejected_view.verticalHeader().setVisible(False)
        rejected_layout.addWidget(self.rejected_view, 1)
        save = QPushButton(tr("Lưu các dòng bị loại ra Excel…"))
        save.clicked.connect(self.save_rejected)
        rejected_layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
        self.preview_tabs.addTab(rejected, tr("Bị loại"))
        self.converted_view = QTableView()
        self.converted_view.verticalHeader().setVisible(False)
        self.preview_tabs.addTab(self.converted_view, tr("Chuyển phông"))
        layout.addWidget(self.preview_tabs, 1)

    def _build_result_page(self) -> None:
        layout = self._page("result", tr("Kết quả"))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        self.result_save = QPushButton(tr("Lưu các dòng bị loại ra Excel…"))
        self.result_save.clicked.connect(self.save_rejected)
        layout.addWidget(self.result_save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    # -- navigation ---------------------------------------------------------------------------

    @property
    def page_name(self) -> str:
        """The step shown: one of PAGES."""
        current = self.stack.currentWidget()
        return next(name for name, page in self.pages.items() if page is current)

    def show_page(self, name: str) -> None:
        """Show a step, with the buttons that fit it."""
        self.stack.setCurrentWidget(self.pages[name])
        self.back_button.setEnabled(name not in ("file", "result"))
        self.cancel_button.setVisible(name != "result")
        if name == "preview" and self.preview is not None:
            self.next_button.setText(tr("Nhập {count} hộ").format(
                count=format_int(self.preview.counts.written)))
            self.next_button.setEnabled(self.preview.counts.written > 0)
        elif name == "result":
            self.next_button.setText(tr("Đóng"))
            self.next_button.setEnabled(True)
        else:
            self.next_button.setText(tr("Tiếp >"))
            self.next_button.setEnabled(True)

    def go_back(self) -> None:
        """The previous step (steps without anything to ask are passed over)."""
        legacy = bool(self.imported and self.imported.detections)
        previous = {
            "legacy": "file",
            "mapping": "legacy" if legacy else "file",
            "groups": "mapping",
            "preview": "groups" if self.group_combos else "mapping",
        }.get(self.page_name)
        if previous is not None:
            if previous in ("mapping", "file"):
                self.group_combos = []  # a new check asks about the groups again
            self.show_page(previous)

    def go_next(self) -> None:
        """Finish the shown step and go on (reading, checking, importing in the background)."""
        name = self.page_name
        if name == "file":
            self.read_chosen_file()
        elif name == "legacy":
            assert self.imported is not None
            self.imported.use_conversions(
                [column for column, box in self.legacy_boxes if box.isChecked()])
            self._show_mapping(hi.guess_mapping(self.imported, self.store, self.year))
        elif name == "mapping":
            problems = self.mapping.problems()
            if problems:
                self.mapping_problems.setText(" ".join(tr(p) for p in problems))
                return
            self.run_check({})
        elif name == "groups":
            self.run_check(self.group_choices())
        elif name == "preview":
            self.run_import()
        else:
            self.accept()

    @property
    def year(self) -> int:
        """The year whose statuses the file holds."""
        return self.year_spin.value()

    @property
    def ward_id(self) -> str | None:
        """The ward to import into (None: the whole city, by the file's ward column)."""
        return self.ward_combo.currentData()

    # -- step 1: the file ---------------------------------------------------------------------

    def choose_file(self) -> None:
        """Pick the file with the system's file dialog."""
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("Chọn tệp danh sách hộ"), self.path_edit.text(), tr(FILE_FILTER))
        if path:
            self.path_edit.setText(path)
            self.sheet_combo.clear()
            self.sheet_combo.setEnabled(False)

    def read_chosen_file(self) -> None:
        """Read the file (in the background), then show the next step."""
        path = self.path_edit.text().strip()
        if not path:
            self.show_error(tr("Hãy chọn tệp danh sách hộ."))
            return
        sheet = self.sheet_combo.currentText() if self.sheet_combo.count() else None
        store = self.store
        year = self.year

        def work(progress: Progress) -> tuple[hi.ImportFile, hi.Mapping]:
            progress(5, tr("Đang đọc tệp…"))
            imported = hi.read_file(path, sheet)
            progress(70, "")
            imported.conversion_list()  # judged here, shown at once by the font step
            return imported, hi.guess_mapping(imported, store, year)

        run_in_background(self, tr("Đang đọc {file}").format(file=Path(path).name), work,
                          self._file_read, self._failed)

    def _file_read(self, result: tuple[hi.ImportFile, hi.Mapping]) -> None:
        imported, mapping = result
        self.imported = imported
        if len(imported.sheet_names) > 1 and not self.sheet_combo.count():
            self.sheet_combo.addItems(imported.sheet_names)
            self.sheet_combo.setCurrentText(imported.sheet)
            self.sheet_combo.setEnabled(True)
        title_year = imported.title_year
        if title_year and title_year != self.year:
            self.year_note.setText(tr(
                "Tiêu đề tệp ghi năm {year}: hãy kiểm tra năm ở trên.").format(year=title_year))
        else:
            self.year_note.clear()
        if imported.detections:
            self._show_legacy(imported)
        else:
            self._show_mapping(mapping)

    def _show_legacy(self, imported: hi.ImportFile) -> None:
        headers = imported.headers
        self.legacy_table.setRowCount(len(imported.detections))
        self.legacy_boxes = []
        for row, detection in enumerate(imported.detections):
            box = QCheckBox()
            box.setChecked(True)
            self.legacy_boxes.append((detection.column, box))
            self.legacy_table.setCellWidget(row, 0, box)
            header = headers[detection.column] if detection.column < len(headers) else ""
            self.legacy_table.setItem(row, 1, QTableWidgetItem(
                f"{hi.column_letter(detection.column)} {header}".strip()))
            self.legacy_table.setItem(row, 2, QTableWidgetItem(tr(detection.label)))
            samples = "; ".join(f"{before} → {after}" for before, after in detection.samples)
            self.legacy_table.setItem(row, 3, QTableWidgetItem(samples))
        self.legacy_table.resizeColumnsToContents()
        self.legacy_model = ConversionsModel(imported.conversion_list(), headers, self)
        self.legacy_values.setModel(self.legacy_model)
        self._size_conversion_columns(self.legacy_values)
        self.show_page("legacy")

    @staticmethod
    def _size_conversion_columns(view: QTableView) -> None:
        view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 150), (1, 60), (2, 240), (4, 60)):
            view.setColumnWidth(column, width)

    # -- step 3: the mapping ------------------------------------------------------------------

    def _show_mapping(self, mapping: hi.Mapping) -> None:
        assert self.imported is not None
        self.mapping = mapping
        imported = self.imported
        headers = imported.headers
        self.mapping_table.setRowCount(imported.width)
        self.field_combos = []
        for column in range(imported.width):
            self.mapping_table.setItem(column, 0, QTableWidgetItem(hi.column_letter(column)))
            header = headers[column] if column < len(headers) else ""
            self.mapping_table.setItem(column, 1, QTableWidgetItem(header))
            samples = []
            for row in imported.data_rows:
                text = imported.text(row, column)
                if text:
                    samples.append(text)
                    if len(samples) == 3:
                        break
            self.mapping_table.setItem(column, 2, QTableWidgetItem("; ".join(samples)))
            combo = QComboBox()
            combo.addItem(tr("— không nhập —"), None)
            for name, label in hi.FIELD_LABELS.items():
                combo.addItem(tr(label), name)
            combo.currentIndexChanged.connect(
                lambda _index, column=column, combo=combo: self.set_field(
                    column, combo.currentData()))
            self.field_combos.append(combo)
            self.mapping_table.setCellWidget(column, 3, combo)
        self._sync_mapping_combos()
        self.mapping_table.resizeColumnToContents(1)
        if self.field_combos:
            # The field names must be readable whole ("Họ và tên chủ hộ", "Nam (năm sinh …)").
            self.mapping_table.setColumnWidth(
                3, max(combo.sizeHint().width() for combo in self.field_combos))
        self._fill_presets()
        self.show_page("mapping")

    def _sync_mapping_combos(self) -> None:
        for column, combo in enumerate(self.field_combos):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(self.mapping.field_of(column))))
            combo.blockSignals(False)
        problems = self.mapping.problems()
        self.mapping_problems.setText(" ".join(tr(p) for p in problems))

    def set_field(self, column: int, name: str | None) -> None:
        """Make a column hold a field (None: not imported); the field leaves its old column."""
        self.mapping.set(column, name)
        self._sync_mapping_combos()

    def _fill_presets(self) -> None:
        self.preset_combo.clear()
        self.preset_combo.addItems(sorted(hi.mapping_presets(self.store)))

    def use_preset(self, name: str) -> None:
        """Apply a saved mapping to this file."""
        if not name or self.imported is None:
            return
        try:
            self.mapping = hi.mapping_from_preset(self.imported, self.store, name)
        except StoreError as error:
            self.show_error(str(error))
            return
        self._sync_mapping_combos()

    def ask_preset_name(self) -> str:
        """Ask the name to save the mapping under ("" when cancelled; tests replace this)."""
        name = ask_text(self, tr("Lưu mẫu ghép cột"),
                        tr("Tên mẫu (ví dụ: Danh sách của phường):"), accept=tr("Lưu"))
        return (name or "").strip()

    def save_preset(self) -> None:
        """Save the current mapping as a named preset."""
        name = self.ask_preset_name()
        if not name or self.imported is None:
            return
        if name in hi.mapping_presets(self.store) and not ask(
                self, tr("Lưu mẫu ghép cột"),
                tr("Đã có mẫu \"{name}\". Thay bằng cách ghép cột này?").format(name=name),
                tr("Thay mẫu"), tr("Không thay")):
            return
        try:
            hi.save_mapping_preset(self.store, name, self.imported, self.mapping)
        except StoreError as error:
            self.show_error(str(error))
            return
        self._fill_presets()
        self.preset_combo.setCurrentText(name)

    def delete_preset(self) -> None:
        """Delete the preset chosen in the list (after asking)."""
        name = self.preset_combo.currentText()
        if not name or not ask(self, tr("Xóa mẫu ghép cột"),
                               tr("Xóa mẫu \"{name}\"?").format(name=name),
                               tr("Xóa mẫu"), tr("Không xóa")):
            return
        hi.delete_mapping_preset(self.store, name)
        self._fill_presets()

    # -- step 4 and 5: checking ---------------------------------------------------------------

    def run_check(self, choices: dict[str, str | None]) -> None:
        """Check every row (in the background) with these group answers."""
        assert self.imported is not None
        imported, mapping, store = self.imported, self.mapping, self.store
        year, ward_id = self.year, self.ward_id

        def work(progress: Progress) -> hi.Preview:
            preview = hi.check(store, imported, mapping, year, ward_id, group_choices=choices,
                               progress=progress)
            imported.conversion_list(imported.conversions)  # for the preview's tab
            return preview

        def done(preview: hi.Preview) -> None:
            self.preview = preview
            if not choices and preview.uncertain_groups:
                self._show_groups(preview)
            else:
                self._show_preview(preview)

        run_in_background(self, tr("Đang kiểm tra {count} dòng").format(
            count=format_int(len(imported.data_rows))), work, done, self._failed)

    def _show_groups(self, preview: hi.Preview) -> None:
        uncertain = preview.uncertain_groups
        self.groups_table.setRowCount(len(uncertain))
        self.group_combos = []
        for row, match in enumerate(uncertain):
            self.groups_table.setItem(row, 0, QTableWidgetItem(match.shown))
            self.groups_table.setItem(row, 1, QTableWidgetItem(format_int(match.rows)))
            combo = QComboBox()
            for group_id, name in match.candidates:
                combo.addItem(name, group_id)
            combo.addItem(tr("Không nhập các dòng này"), None)
            self.group_combos.append((match.key, combo))
            self.groups_table.setCellWidget(row, 2, combo)
        self.groups_table.resizeColumnToContents(0)
        self.show_page("groups")

    def group_choices(self) -> dict[str, str | None]:
        """The group chosen for each uncertain value (None: its rows are not imported)."""
        return {key: combo.currentData() for key, combo in self.group_combos}

    def _show_preview(self, preview: hi.Preview) -> None:
        names = {unit.id: unit.name for unit in self.store.units.in_year(preview.year, "group")}
        self.duplicates_model = RowsModel(preview, "duplicate", names, self)
        self.rejected_model = RowsModel(preview, "rejected", names, self)
        self.duplicates_view.setModel(self.duplicates_model)
        self.rejected_view.setModel(self.rejected_model)
        self.rejected_view.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.duplicates_view.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch)
        # Names and groups on one line each; the reason takes the rest.
        for column, width in ((0, 70), (1, 200), (2, 160), (4, 130)):
            self.duplicates_view.setColumnWidth(column, width)
        self.rejected_view.setColumnWidth(0, 70)
        # The values converted from a legacy font, in the columns the user kept ticked.
        imported = preview.file
        self.converted_model = ConversionsModel(
            imported.conversion_list(imported.conversions), imported.headers, self)
        self.converted_view.setModel(self.converted_model)
        self._size_conversion_columns(self.converted_view)
        converted = sum(item.rows for item in self.converted_model.items if not item.kept)
        self.preview_tabs.setTabText(2, tr("Chuyển phông ({count})").format(
            count=format_int(converted)))
        self.preview_tabs.setTabVisible(2, bool(self.converted_model.items))
        counts = preview.counts
        self.preview_tabs.setTabText(0, tr("Trùng ({count})").format(
            count=format_int(counts.duplicates)))
        self.preview_tabs.setTabText(1, tr("Bị loại ({count})").format(
            count=format_int(counts.rejected)))
        # Open on what needs a look: the duplicates, or else the rejected rows.
        self.preview_tabs.setCurrentIndex(1 if counts.rejected and not counts.duplicates else 0)
        self._update_counts()
        self.show_page("preview")

    def _update_counts(self) -> None:
        assert self.preview is not None
        counts = self.preview.counts
        text = tr("Năm {year}: thêm mới {add} hộ, cập nhật {update} hộ, {unchanged} hộ không"
                  " đổi, {duplicates} dòng trùng, {rejected} dòng bị loại.").format(
            year=self.preview.year, add=format_int(counts.add),
            update=format_int(counts.update), unchanged=format_int(counts.unchanged),
            duplicates=format_int(counts.duplicates), rejected=format_int(counts.rejected))
        if counts.duplicates > SHOWN_ROWS or counts.rejected > SHOWN_ROWS:
            text += " " + tr("Bảng chỉ hiện {count} dòng đầu.").format(
                count=format_int(SHOWN_ROWS))
        self.counts_label.setText(text)
        if self.page_name == "preview":
            self.next_button.setText(tr("Nhập {count} hộ").format(
                count=format_int(counts.written)))
            self.next_button.setEnabled(counts.written > 0)

    def decide_selected(self, decision: str) -> None:
        """The decision for the duplicates selected in the table."""
        assert self.preview is not None
        refused = []
        for index in self.duplicates_view.selectionModel().selectedRows():
            row = self.duplicates_model.rows[index.row()]
            try:
                self.preview.decide(row.line, decision)
            except StoreError:
                refused.append(str(row.line))
        self.duplicates_model.decision_changed()
        self._update_counts()
        if refused:
            self.show_error(tr("Các dòng {lines} trùng với dòng khác trong tệp, không có hộ để"
                               " cập nhật.").format(lines=", ".join(refused)))

    def decide_all(self, decision: str) -> None:
        """The same decision for every duplicate ("update" only where a household exists)."""
        assert self.preview is not None
        self.preview.decide_all(decision)
        self.duplicates_model.decision_changed()
        self._update_counts()

    # -- step 6: importing --------------------------------------------------------------------

    def run_import(self) -> None:
        """Import in the background as one undo step of the main window."""
        assert self.preview is not None
        preview = self.preview
        # Undo and redo happen after this dialog is gone: errors are shown over the window.
        window = self.parentWidget()

        def undo_failed(error: StoreError) -> None:
            QMessageBox.warning(window, tr("Nhập danh sách hộ"), str(error))

        command = ImportHouseholds(self.store, preview, self.on_change, undo_failed)
        self.command = command
        self._rejected_preview = preview

        def work(progress: Progress) -> None:
            command.progress = progress
            command.apply()

        def done(_result: None) -> None:
            command.performed_elsewhere(self.undo_stack)
            outcome = command.outcome
            assert outcome is not None
            self.rejected_rows = len(preview.rejected)
            lines = [tr("Đã nhập: {name}.").format(name=outcome.name),
                     tr("Thêm mới {added} hộ, cập nhật {updated} hộ.").format(
                         added=format_int(len(outcome.added_ids)),
                         updated=format_int(len(outcome.updated))),
                     tr("Có thể hoàn tác cả lần nhập này bằng Ctrl+Z.")]
            if self.rejected_rows:
                lines.append(tr("{count} dòng bị loại chưa được nhập: lưu ra Excel, sửa theo"
                                " cột Lý do rồi nhập lại.").format(
                    count=format_int(self.rejected_rows)))
            self.result_label.setText("\n".join(lines))
            self.result_save.setVisible(self.rejected_rows > 0)
            self.preview = None
            self.show_page("result")

        run_in_background(self, tr("Đang nhập {name}").format(name=preview.action_name), work,
                          done, self._failed)

    def ask_save_path(self) -> str:
        """Where to save the rejected rows ("" when cancelled; tests replace this)."""
        assert self._rejected_preview is not None or self.preview is not None
        preview = self.preview or self._rejected_preview
        assert preview is not None
        default = str(preview.file.path.with_name(f"{preview.file.path.stem}_chua_nhap.xlsx"))
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Lưu các dòng bị loại"), default, tr("Bảng tính Excel (*.xlsx)"))
        return path

    def save_rejected(self) -> str | None:
        """Save the rejected rows with their reasons to an .xlsx the official can fix."""
        preview = self.preview or self._rejected_preview
        if preview is None or not preview.rejected:
            return None
        path = self.ask_save_path()
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            hi.write_rejected(preview, path)
        except OSError as error:
            self.show_error(tr("Không ghi được tệp {path}: {error}").format(path=path,
                                                                         error=error))
            return None
        self.show_info(tr("Đã lưu {count} dòng bị loại ra {path}.").format(
            count=format_int(len(preview.rejected)), path=path))
        return path

    # -- messages -----------------------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, (StoreError, OSError)):
            self.show_error(str(error))
        else:
            self.show_error(tr("Lỗi không mong muốn: {error}").format(error=error))

    def show_error(self, text: str) -> None:
        """Tell what went wrong (tests replace this)."""
        QMessageBox.warning(self, tr("Nhập danh sách hộ"), text)

    def show_info(self, text: str) -> None:
        """Tell what was done (tests replace this)."""
        QMessageBox.information(self, tr("Nhập danh sách hộ"), text)


# -- the main window's entry points -------------------------------------------------------------


def open_import_dialog(store: Store, year: int, ward_id: str | None, undo_stack: QUndoStack,
                       on_change: Callable[[], None],
                       parent: QWidget | None = None) -> ImportHouseholdsDialog:
    """Open the import wizard (window-modal), the given ward preselected."""
    dialog = ImportHouseholdsDialog(store, year, ward_id, undo_stack, on_change, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def ask_export_path(parent: QWidget | None, default: str) -> str:
    """Where to export ("" when cancelled; tests replace this)."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, tr("Xuất danh sách hộ ra Excel"), default, tr("Bảng tính Excel (*.xlsx)"))
    return path


def export_to_excel(store: Store, year: int, ward: Unit | None, parent: QWidget | None,
                    on_done: Callable[[str, int], None] | None = None) -> bool:
    """Ask where, then export the year's households (of ``ward``, else the city) in the
    background; False when cancelled. ``on_done(path, count)`` follows, else a message."""
    scope = ward.name if ward is not None else store.units.city().name
    default = str(Path.home() / f"danh_sach_ho_{_file_part(scope)}_{year}.xlsx")
    path = ask_export_path(parent, default)
    if not path:
        return False
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    ward_id = ward.id if ward is not None else None

    def work(progress: Progress) -> int:
        return export_households(store, year, path, ward_id, progress)

    def done(count: int) -> None:
        if on_done is not None:
            on_done(path, count)
        else:
            QMessageBox.information(parent, tr("Xuất danh sách hộ"), tr(
                "Đã xuất {count} hộ năm {year} của {scope} ra {path}.\nSửa trong Excel rồi"
                " nhập lại: các hộ có mã hộ được cập nhật, không bị thêm trùng.").format(
                count=format_int(count), year=year, scope=scope, path=path))

    def failed(error: BaseException) -> None:
        QMessageBox.warning(parent, tr("Xuất danh sách hộ"), tr(
            "Không xuất được danh sách hộ: {error}").format(error=error))

    run_in_background(parent, tr("Đang xuất danh sách hộ của {scope}").format(scope=scope),
                      work, done, failed)
    return True


def _file_part(name: str) -> str:
    from storage.text import fold

    return "_".join(fold(name).split())
