"""The audit view: who changed what and when, filtered by person, kind of record, dates and
words; and "Lịch sử thay đổi" of one household (its members and yearly statuses included).

Filtering happens in SQL (storage.audit) and the table loads a page at a time as it scrolls, so
a long trail opens at once.
"""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import N_, tr
from storage.audit import AuditEntry, AuditFilter, AuditTrail, local_time, utc_bound
from storage.store import Store
from storage.text import format_int

COLUMNS = (N_("Thời gian"), N_("Người sửa"), N_("Việc"), N_("Bản ghi"), N_("Thay đổi"))
PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 250
# The kinds of record the filter offers (table name, label).
RECORD_KINDS = (
    ("households", N_("Hộ gia đình")),
    ("household_members", N_("Thành viên hộ")),
    ("household_years", N_("Tình trạng hằng năm của hộ")),
    ("group_years", N_("Hồ sơ tổ dân phố, bản")),
    ("group_officers", N_("Cán bộ tổ dân phố, bản")),
    ("evaluation_answers", N_("Kết quả đánh giá tiêu chí")),
    ("stage_approvals", N_("Duyệt các bước đánh giá")),
    ("criteria", N_("Tiêu chí")),
    ("accounts", N_("Tài khoản")),
)


class AuditTableModel(QAbstractTableModel):
    """Entries of the trail matching a filter, newest first, fetched a page at a time."""

    def __init__(self, trail: AuditTrail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trail = trail
        self.filter = AuditFilter()
        self.total = 0
        self.entries: list[AuditEntry] = []
        # Descriptions read names from the store: made once per entry shown.
        self._texts: dict[str, tuple[str, str]] = {}

    def set_filter(self, audit_filter: AuditFilter) -> None:
        """Show the entries ``audit_filter`` selects (the first page)."""
        self.beginResetModel()
        self.filter = audit_filter
        self.total = self.trail.count(audit_filter)
        self.entries = self.trail.entries(audit_filter, limit=PAGE_SIZE)
        self._texts.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.entries) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self.trail.entries(self.filter, limit=PAGE_SIZE, offset=len(self.entries))
        if not more:
            self.total = len(self.entries)
            return
        self.beginInsertRows(QModelIndex(), len(self.entries), len(self.entries) + len(more) - 1)
        self.entries += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if column == 0:
            return local_time(entry.at)
        if column == 1:
            return (tr("{name} (máy khác)").format(name=entry.actor) if entry.received
                    else entry.actor)
        if column == 2:
            return entry.action
        label, summary = self.texts(entry)
        if column == 3:
            return label
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(self.trail.describe(entry))
        return summary

    def texts(self, entry: AuditEntry) -> tuple[str, str]:
        """(record label, one-line description) of an entry."""
        if entry.id not in self._texts:
            self._texts[entry.id] = (self.trail.record_label(entry), self.trail.summary(entry))
        return self._texts[entry.id]

    def entry_at(self, row: int) -> AuditEntry | None:
        """The entry shown on ``row``."""
        return self.entries[row] if 0 <= row < len(self.entries) else None


class AuditDialog(QDialog):
    """Browse the trail; ``household_id`` opens it on one household's history."""

    def __init__(self, store: Store, parent: QWidget | None = None,
                 household_id: str | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.trail = store.audit_trail
        self.record_ids: tuple[str, ...] = ()
        self.record_text = ""
        self.setWindowTitle(tr("Nhật ký thay đổi"))

        self.user_combo = QComboBox()
        self.user_combo.addItem(tr("Tất cả"), None)
        for actor in self.trail.actors():
            self.user_combo.addItem(actor, actor)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(tr("Tất cả"), None)
        for table, label in RECORD_KINDS:
            self.kind_combo.addItem(tr(label), table)
        today = QDate.currentDate()
        self.since_check = QCheckBox(tr("Từ ngày"))
        self.since_date = QDateEdit(today.addDays(-30))
        self.until_check = QCheckBox(tr("đến ngày"))
        self.until_date = QDateEdit(today)
        for edit in (self.since_date, self.until_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Tìm trong việc, người sửa, nội dung (không cần dấu)"))
        self.search.setClearButtonEnabled(True)
        self.record_label = QLabel()
        self.clear_record_button = QPushButton(tr("Xem mọi bản ghi"))
        self.count_label = QLabel()

        first = QHBoxLayout()
        first.addWidget(QLabel(tr("Người sửa:")))
        first.addWidget(self.user_combo)
        first.addWidget(QLabel(tr("Loại bản ghi:")))
        first.addWidget(self.kind_combo)
        first.addWidget(self.since_check)
        first.addWidget(self.since_date)
        first.addWidget(self.until_check)
        first.addWidget(self.until_date)
        first.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.search, 1)
        second.addWidget(self.record_label)
        second.addWidget(self.clear_record_button)
        second.addWidget(self.count_label)

        self.model = AuditTableModel(self.trail, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        for column, width in enumerate((140, 110, 220, 220)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        buttons = QDialogButtonBox()
        close = buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1000, 620)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        for combo in (self.user_combo, self.kind_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        for check in (self.since_check, self.until_check):
            check.toggled.connect(self.apply_filter)
        for edit in (self.since_date, self.until_date):
            edit.dateChanged.connect(self._on_date_changed)
        self.clear_record_button.clicked.connect(self.clear_record)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)

        if household_id is not None:
            self.show_household(household_id)
        else:
            self._show_record_filter()
            self.apply_filter()
        self.search.setFocus()

    # -- filters ---------------------------------------------------------------------------

    def show_household(self, household_id: str) -> None:
        """Show only one household's history (it, its members, its statuses)."""
        self.record_ids = self.trail.household_record_ids(household_id)
        rows = self.store.query("SELECT head_name FROM households WHERE id = ?", [household_id])
        name = rows[0]["head_name"] if rows else household_id
        self.record_text = tr("Hộ {name}").format(name=name)
        self.setWindowTitle(tr("Lịch sử thay đổi — hộ {name}").format(name=name))
        self._show_record_filter()
        self.apply_filter()

    @Slot()
    def clear_record(self) -> None:
        """Show every record again."""
        self.record_ids = ()
        self.record_text = ""
        self.setWindowTitle(tr("Nhật ký thay đổi"))
        self._show_record_filter()
        self.apply_filter()

    def _show_record_filter(self) -> None:
        self.record_label.setText(tr("Chỉ: {record}").format(record=self.record_text)
                                  if self.record_ids else "")
        self.record_label.setVisible(bool(self.record_ids))
        self.clear_record_button.setVisible(bool(self.record_ids))

    def current_filter(self) -> AuditFilter:
        """The filter the controls describe."""
        since = until = None
        if self.since_check.isChecked():
            since = utc_bound(_date(self.since_date.date()))
        if self.until_check.isChecked():
            until = utc_bound(_date(self.until_date.date()), end=True)
        return AuditFilter(user=self.user_combo.currentData(), record_ids=self.record_ids,
                           table=self.kind_combo.currentData(), since=since, until=until,
                           text=self.search.text())

    @Slot()
    def apply_filter(self) -> None:
        """Query again with the current filter."""
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self.count_label.setText(tr("{count} mục").format(count=format_int(self.model.total)))
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.details.setPlainText(tr("Không có mục nào khớp."))

    @Slot()
    def _on_date_changed(self) -> None:
        sender = self.sender()
        # Choosing a date means filtering by it.
        check = self.since_check if sender is self.since_date else self.until_check
        if check.isChecked():
            self.apply_filter()
        else:
            check.setChecked(True)

    # -- details ---------------------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry_at(current.row())
        self.details.setPlainText(self.details_text(entry) if entry else "")

    def details_text(self, entry: AuditEntry) -> str:
        """Everything about one entry, for the pane under the table."""
        label, _summary = self.model.texts(entry)
        lines = [
            tr("Thời gian: {time}").format(time=local_time(entry.at)),
            tr("Người sửa: {name}").format(name=entry.actor),
            tr("Việc: {action}").format(action=entry.action),
            tr("Bản ghi: {record} ({id})").format(record=label, id=entry.record_id),
        ]
        if entry.received and entry.received_at:
            lines.append(tr("Làm trên máy khác ({site}), nhận lúc {time}").format(
                site=entry.site_id, time=local_time(entry.received_at)))
        lines.append("")
        lines += [f"• {line}" for line in self.trail.describe(entry)]
        return "\n".join(lines)


def _date(value: QDate) -> datetime.date:
    return datetime.date(value.year(), value.month(), value.day())
