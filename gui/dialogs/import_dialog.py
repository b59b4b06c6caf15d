"""Importing a package from another machine: pick the file, see the preview, apply, keep the report.

Nothing is written until the official has read the preview and confirmed: the package is first
verified (sender, signature, receiver, versions) and dry-run in the background; a refused
package shows why in red and leaves the database as it was. Applying happens in one transaction
after an automatic backup (storage/sync.py); the report is shown and saved as a text file beside
the package, so the office keeps a paper trail of what each package brought (that file names no
person: storage/sync_report.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.background import Progress
from gui.i18n import N_, tr
from gui.messages import ask
from gui.widgets.background_dialog import BackgroundDialog, message_label
from gui.widgets.folder_picker import ask_open_file, remember_folder
from storage.paths import data_dir
from storage.store import Store
from storage.sync import PACKAGE_SUFFIX, TABLES, ImportPlan, PackageRefused, TableCounts
from storage.sync_report import file_report
from storage.text import format_int

SETTINGS_IMPORT_FOLDER = "sync/import_folder"
REPORT_SUFFIX = "_bao-cao-nhap.txt"

ERROR_STYLE = "color: #C0161B; font-weight: bold;"
INFO_STYLE = "color: #1F4E8C; font-weight: bold;"
DONE_STYLE = "color: #1B7F1B; font-weight: bold;"

# The labels of storage.sync.TABLES, marked here for the translation (storage has no Qt);
# tests check that every travelling table has one.
TABLE_LABELS = {
    "units": N_("Đơn vị"),
    "lineage_events": N_("Sự kiện chia tách, sáp nhập"),
    "indicators": N_("Chỉ số"),
    "frameworks": N_("Bộ tiêu chí"),
    "standards": N_("Tiêu chuẩn"),
    "criteria": N_("Tiêu chí"),
    "households": N_("Hộ gia đình"),
    "household_members": N_("Nhân khẩu"),
    "household_years": N_("Tình trạng hộ theo năm"),
    "group_years": N_("Số liệu tổ theo năm"),
    "group_officers": N_("Cán bộ tổ"),
    "registrations": N_("Đăng ký"),
    "evaluations": N_("Phiếu đánh giá"),
    "evaluation_answers": N_("Kết quả tiêu chí"),
    "stage_approvals": N_("Duyệt, mở lại"),
    "decisions": N_("Quyết định"),
    "recognitions": N_("Công nhận"),
    "certificates": N_("Giấy công nhận"),
    "targets": N_("Chỉ tiêu"),
}

# The preview's columns: the TableCounts field, the heading.
COUNT_COLUMNS = (
    ("new", N_("Mới")),
    ("changed", N_("Sửa")),
    ("deleted", N_("Xóa")),
    ("unchanged", N_("Giữ nguyên")),
    ("rejected", N_("Từ chối")),
)


def table_label(name: str) -> str:
    """A travelling table's name as the official reads it, in the interface language."""
    return tr(TABLE_LABELS[name]) if name in TABLE_LABELS else name


def local_time(utc_text: str | None) -> str:
    """A stored UTC time ('2026-11-27T08:05:00.000Z') as local 'dd/mm/yyyy hh:mm'; '' for None."""
    if not utc_text:
        return ""
    try:
        moment = dt.datetime.strptime(utc_text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return utc_text
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def monospace_font() -> QFont:
    """The system's fixed-width font: the report's columns line up as in the saved file."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def report_path_for(package: Path) -> Path:
    """Where the report of a package is saved: beside it, named after it."""
    return package.with_name(package.stem + REPORT_SUFFIX)


def save_report(plan: ImportPlan, store: Store) -> Path:
    """Write the import report beside the package; in the data folder when that is read-only.

    The file lies unencrypted beside the package (a USB stick, a mail folder), so it is the
    report without personal names (storage.sync_report.file_report); the full report stays in
    the database and in the dialog. Returns the file written. Raises OSError when neither
    place can be written.
    """
    heading = (f"Nhập vào máy {store.sync.site_name()} lúc"
               f" {dt.datetime.now().strftime('%d/%m/%Y %H:%M')}\n")
    # utf-8-sig: older Notepad on Windows reads Vietnamese correctly only with the BOM.
    text = file_report(plan, heading) + "\n"
    target = report_path_for(plan.path)
    try:
        target.write_text(text, encoding="utf-8-sig")
        return target
    except OSError:
        # A write-protected USB stick or a read-only mail attachment folder.
        folder = store.path.parent if store.path is not None else data_dir()
        fallback = folder / target.name
        fallback.write_text(text, encoding="utf-8-sig")
        return fallback


class ImportDialog(BackgroundDialog):
    """Choose a package, preview it, apply it; ``applied`` is emitted once it is written."""

    applied = Signal(object)  # the ImportPlan

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.plan: ImportPlan | None = None
        self.refusal = ""
        self.report_path: Path | None = None
        self.setWindowTitle(tr("Nhập gói dữ liệu"))

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(
            tr("Chọn tệp gói dữ liệu ({suffix}) nhận từ máy khác").format(suffix=PACKAGE_SUFFIX))
        self.choose_button = QPushButton(tr("Chọn tệp…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.message_label = message_label(selectable=True)

        self.counts_table = QTableWidget(0, 1 + len(COUNT_COLUMNS))
        self.counts_table.setHorizontalHeaderLabels(
            [tr("Loại dữ liệu")] + [tr(label) for _key, label in COUNT_COLUMNS])
        self.counts_table.verticalHeader().setVisible(False)
        self.counts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.counts_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in range(1, 1 + len(COUNT_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.counts_table.setColumnWidth(column, 96)
        self.audit_label = QLabel()
        self.rejections_label = QLabel()
        self.rejections_table = QTableWidget(0, 2)
        self.rejections_table.setHorizontalHeaderLabels([tr("Bản ghi"), tr("Lý do")])
        self.rejections_table.verticalHeader().setVisible(False)
        self.rejections_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rejections_table.setWordWrap(True)
        self.rejections_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Interactive)
        self.rejections_table.horizontalHeader().setStretchLastSection(True)
        self.rejections_table.setColumnWidth(0, 300)

        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.counts_table, 3)
        preview_layout.addWidget(self.audit_label)
        preview_layout.addWidget(self.rejections_label)
        preview_layout.addWidget(self.rejections_table, 2)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setFont(monospace_font())
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.pages = QStackedWidget()
        self.pages.addWidget(preview)
        self.pages.addWidget(self.report_view)

        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(tr("Áp dụng"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button.clicked.connect(self.apply)
        self.apply_button.setEnabled(False)
        self.close_button = self.buttons.addButton(tr("Đóng"),
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Tệp:")))
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.source_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self._show_plan(None)
        # Keyboard first: Enter or Space opens the file chooser.
        self.choose_button.setDefault(True)
        self.choose_button.setFocus()
        self.resize(760, 560)

    # -- choosing the file ---------------------------------------------------------------------

    def ask_file(self) -> Path | None:
        """The package the official picks, or None (tests replace this)."""
        return ask_open_file(
            self, tr("Chọn gói dữ liệu"),
            tr("Gói dữ liệu Tự Quản (*{suffix});;Mọi tệp (*)").format(suffix=PACKAGE_SUFFIX),
            SETTINGS_IMPORT_FOLDER)

    @Slot()
    def choose_file(self) -> None:
        """Pick a package and preview it."""
        path = self.ask_file()
        if path is not None:
            remember_folder(SETTINGS_IMPORT_FOLDER, path.parent)
            self.load(path)

    def load(self, path: Path) -> None:
        """Verify and preview ``path`` in the background; nothing is written."""
        self.file_edit.setText(str(path))
        self.plan = None
        self.refusal = ""
        self.report_path = None
        self.pages.setCurrentIndex(0)
        self._show_plan(None)
        self.message_label.setStyleSheet(INFO_STYLE)
        self.message_label.setText(tr("Đang kiểm tra gói…"))
        store = self.store

        def work(progress: Progress) -> ImportPlan:
            progress(10, "")
            return store.sync.preview(path)

        self.run_work(tr("Kiểm tra gói dữ liệu"), work, self._previewed, self._refused)

    # -- the preview -------------------------------------------------------------------------

    def _previewed(self, plan: ImportPlan) -> None:
        self.plan = plan
        self._show_plan(plan)
        if plan.already_imported_at:
            self.message_label.setStyleSheet(INFO_STYLE)
            self.message_label.setText(
                tr("Gói này đã nhập ngày {date}; nhập lại không thay đổi gì.").format(
                    date=local_time(plan.already_imported_at)))
            self.apply_button.setEnabled(False)
            return
        self.message_label.setStyleSheet("")
        self.message_label.setText(
            tr("Gói hợp lệ (chữ ký đúng, gửi cho máy này). Xem trước những gì sẽ được ghi,"
               " rồi bấm \"Áp dụng\"."))
        self.apply_button.setEnabled(True)
        self.choose_button.setDefault(False)
        self.apply_button.setDefault(True)
        self.apply_button.setFocus()

    def _refused(self, error: BaseException) -> None:
        self.plan = None
        self.refusal = str(error) if isinstance(error, PackageRefused) else tr(
            "Không kiểm tra được gói: {error}").format(error=str(error) or type(error).__name__)
        self._show_plan(None)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setText(
            tr("Không nhận gói này; dữ liệu trên máy không thay đổi.") + "\n" + self.refusal)
        self.apply_button.setEnabled(False)

    def _show_plan(self, plan: ImportPlan | None) -> None:
        if plan is None:
            self.source_label.clear()
            self.counts_table.setRowCount(0)
            self.audit_label.clear()
            self._show_rejections(None)
            return
        kind = tr("toàn bộ dữ liệu") if plan.manifest.get("kind") == "full" else tr("thay đổi")
        self.source_label.setText(tr("Từ: {sender} — tạo lúc {created} — gói {kind}").format(
            sender=plan.sender.name, created=local_time(plan.manifest.get("created_at")),
            kind=kind))
        rows = [(spec.name, plan.counts[spec.name]) for spec in TABLES
                if spec.name in plan.counts and any(vars(plan.counts[spec.name]).values())]
        self.counts_table.setRowCount(len(rows))
        for row, (name, counts) in enumerate(rows):
            self.counts_table.setItem(row, 0, QTableWidgetItem(table_label(name)))
            for column, (key, _label) in enumerate(COUNT_COLUMNS, start=1):
                item = QTableWidgetItem(format_int(getattr(counts, key)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
                self.counts_table.setItem(row, column, item)
        self.audit_label.setText(
            tr("Nhật ký thay đổi của máy gửi: {n} mục mới").format(n=format_int(plan.audit_new)))
        self._show_rejections(plan)

    def _show_rejections(self, plan: ImportPlan | None) -> None:
        rejections = plan.rejections if plan is not None else []
        self.rejections_label.setVisible(bool(rejections))
        self.rejections_table.setVisible(bool(rejections))
        self.rejections_label.setText(
            tr("Bản ghi bị từ chối ({n}): không được ghi, phần còn lại vẫn được áp dụng").format(
                n=format_int(len(rejections))))
        self.rejections_table.setRowCount(len(rejections))
        for row, rejection in enumerate(rejections):
            self.rejections_table.setItem(row, 0, QTableWidgetItem(rejection.record))
            self.rejections_table.setItem(row, 1, QTableWidgetItem(rejection.reason))
        self.rejections_table.resizeRowsToContents()

    def counts_of(self, table: str) -> TableCounts | None:
        """The preview's counts for a table (by its storage name), None when not shown."""
        wanted = table_label(table)
        for row in range(self.counts_table.rowCount()):
            item = self.counts_table.item(row, 0)
            if item is not None and item.text() == wanted:
                values = [int(self.counts_table.item(row, c).text().replace(".", ""))
                          for c in range(1, 1 + len(COUNT_COLUMNS))]
                return TableCounts(*values)
        return None

    # -- applying ----------------------------------------------------------------------------

    def confirm_apply(self, plan: ImportPlan) -> bool:
        """Ask before writing (tests replace this)."""
        text = tr("Ghi các thay đổi của gói từ {sender} vào dữ liệu của máy này?\n\nTrước khi"
                  " ghi, chương trình tự sao lưu tệp dữ liệu. Sau khi nhập, không hoàn tác được"
                  " các thao tác đã làm trước đó.").format(sender=plan.sender.name)
        if plan.rejections:
            text += "\n\n" + tr("{n} bản ghi bị từ chối sẽ không được ghi.").format(
                n=format_int(len(plan.rejections)))
        return ask(self, tr("Áp dụng gói dữ liệu"), text, tr("Áp dụng"), tr("Không áp dụng"),
                   default_accept=True)

    @Slot()
    def apply(self) -> None:
        """Confirm, then write the previewed package in the background."""
        plan = self.plan
        if plan is None or plan.already_imported_at or self._busy:
            return
        if not self.confirm_apply(plan):
            return
        store = self.store

        def work(progress: Progress) -> ImportPlan:
            progress(10, tr("Sao lưu tệp dữ liệu"))
            return store.sync.apply(plan)

        self.run_work(tr("Áp dụng gói dữ liệu"), work, self._applied, self._apply_failed)

    def _applied(self, plan: ImportPlan) -> None:
        self.apply_button.setEnabled(False)
        self.pages.setCurrentIndex(1)
        self.report_view.setPlainText(plan.report())
        try:
            self.report_path = save_report(plan, self.store)
            saved = tr("Báo cáo đã lưu vào tệp: {path}").format(path=self.report_path)
        except OSError as error:
            self.report_path = None
            saved = tr("Không lưu được tệp báo cáo ({error}); hãy chép nội dung bên dưới.").format(
                error=error.strerror or error)
        self.message_label.setStyleSheet(DONE_STYLE)
        self.message_label.setText(tr("Đã áp dụng gói: {n} bản ghi được ghi.").format(
            n=format_int(plan.total_writes)) + "\n" + saved)
        self.close_button.setFocus()
        self.applied.emit(plan)

    def _apply_failed(self, error: BaseException) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE)
        detail = str(error) or type(error).__name__
        self.message_label.setText(
            tr("Không áp dụng được gói; dữ liệu trên máy không thay đổi.") + "\n" + detail)
        self.apply_button.setEnabled(False)

    # -- the background work -----------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        self.choose_button.setEnabled(not busy)
        if busy:
            # Enabled again by the callbacks only when the result allows applying.
            self.apply_button.setEnabled(False)
