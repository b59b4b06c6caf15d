"""The main window: the unit tree of a year on the left, the figures of the chosen unit right."""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QFont,
    QIcon,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui.background import Progress, jobs_running, run_in_background
from gui.dialogs import about_dialog
from gui.dialogs.accounts_dialog import AccountsDialog, change_own_password, role_text
from gui.dialogs.audit_dialog import AuditDialog
from gui.dialogs.decision_dialog import DecisionDialog
from gui.dialogs.evaluation_sheet import EvaluationSheet
from gui.dialogs.export_dialog import ExportDialog
from gui.dialogs.framework_editor import FrameworkEditor
from gui.dialogs.guide_dialog import GuideDialog
from gui.dialogs.household_dialog import SAVE_AND_NEW_SHORTCUT, SAVE_SHORTCUT
from gui.dialogs.import_dialog import ImportDialog
from gui.dialogs.import_households import (
    ImportHouseholdsDialog,
    export_to_excel,
    open_import_dialog,
)
from gui.dialogs.member_table import ADD_MEMBER_SHORTCUT, REMOVE_MEMBER_SHORTCUT
from gui.dialogs.print_preview import PrintPreviewDialog
from gui.dialogs.shortcuts_dialog import ShortcutsDialog, keys_text
from gui.dialogs.verify_dialog import VerifyDialog
from gui.evaluation_board import EvaluationBoardPage
from gui.failing_page import FailingPage
from gui.group_profile import GroupProfilePage
from gui.households_page import HouseholdsPage
from gui.i18n import LANGUAGES, N_, save_language, saved_language, tr
from gui.messages import ask
from gui.session import Session
from gui.session_lock import LOCK_CHOICES, SessionLock, lock_minutes, save_lock_minutes
from gui.sync_page import SyncDialog
from gui.undo_keys import UndoKeys
from gui.unit_tree import COLUMN_HOUSEHOLDS, COLUMN_NAME, COLUMN_RECOGNISED, UnitTreeModel
from gui.widgets.focus_frame import FocusFrame
from resources.icons import ICON_PNG
from storage.errors import NotFound, StoreError
from storage.model import Unit, UnitNode, YearSummary
from storage.store import Changes, Store
from storage.text import format_int, format_percent

# The product's name, the same in every language.
APP_TITLE = "Tự Quản"
DEFAULT_VERSION = "0.1.0"
# The program's records start with the 2020 cycle; older valid_from years (wards exist since
# 2004) would only add empty years to the selector.
FIRST_YEAR = 2020

SETTINGS_GEOMETRY = "main_window/geometry"
SETTINGS_SPLITTER = "main_window/splitter"
SETTINGS_UNIT = "main_window/unit"
SETTINGS_TAB = "main_window/tab"

# key, label of the summary rows, in display order (labels translated where shown).
SUMMARY_ROWS = (
    ("groups", N_("Số tổ dân phố, bản:")),
    ("registered", N_("Đăng ký phấn đấu:")),
    ("recognised", N_("Được công nhận:")),
    ("year_target", N_("Chỉ tiêu năm:")),
    ("plan_target", N_("Chỉ tiêu giai đoạn:")),
    ("households", N_("Số hộ:")),
    ("cultural", N_("Gia đình văn hóa:")),
    ("poor", N_("Hộ nghèo:")),
)


def program_version() -> str:
    """The installed package's version; the source tree's version when not installed."""
    try:
        return version("tuquan")
    except PackageNotFoundError:
        return DEFAULT_VERSION


def available_years(units: list[Unit], current_year: int) -> list[int]:
    """The years the selector offers: from the first year of the data to the current year."""
    starts = [unit.valid_from for unit in units if unit.level != "city"]
    first = max(FIRST_YEAR, min(starts)) if starts else current_year
    return list(range(min(first, current_year), current_year + 1))


def _target_text(recognised: int, target: int | None, period: tuple[int, int] | None) -> str:
    if not target:
        return tr("Chưa đặt chỉ tiêu")
    span = f" ({period[0]}–{period[1]})" if period else ""
    return tr("{target} — đạt {share}").format(
        target=f"{format_int(target)}{span}", share=format_percent(recognised, target)
    )


def _count_and_share(part: int, whole: int) -> str:
    return f"{format_int(part)} ({format_percent(part, whole)})"


class SummaryPanel(QWidget):
    """The figures of one unit in one year; ``text_of(key)`` reads a row (keys: SUMMARY_ROWS)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for key, label in SUMMARY_ROWS:
            value = QLabel()
            # Officials copy figures into their reports: let them select the text.
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(tr(label), value)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addStretch(1)

    def text_of(self, key: str) -> str:
        """The text shown for ``key``: a key of SUMMARY_ROWS, or "title"."""
        return self.title.text() if key == "title" else self.values[key].text()

    def show_message(self, message: str) -> None:
        """Show only a message (no unit selected, no data) and empty figures."""
        self.title.setText(message)
        for value in self.values.values():
            value.clear()

    def show_summary(self, summary: YearSummary) -> None:
        """Show the figures of ``summary``."""
        self.title.setText(
            tr("{unit} — năm {year}").format(unit=summary.unit_name, year=summary.year)
        )
        texts = {
            "groups": format_int(summary.groups),
            "registered": format_int(summary.registered),
            "recognised": tr("{total} (mới {new}, duy trì {maintained})").format(
                total=format_int(summary.recognised),
                new=format_int(summary.recognised_new),
                maintained=format_int(summary.recognised_maintained),
            ),
            "year_target": _target_text(summary.recognised, summary.year_target, None),
            "plan_target": _target_text(
                summary.recognised, summary.plan_target, summary.plan_period
            ),
            "households": format_int(summary.households),
            "cultural": _count_and_share(summary.cultural_families, summary.households),
            "poor": _count_and_share(summary.poor, summary.households),
        }
        for key, text in texts.items():
            self.values[key].setText(text)


class MainWindow(QMainWindow):
    """The main window over one open store. It reads the store only on the GUI thread."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The one owner of the open store; every long-lived part reads it from here.
        self.session = Session(store, self)
        # Every committed write, wherever it was made, refreshes the views that show it.
        self._pending_changes: list[Changes] = []
        self.session.changed.connect(self._on_store_changed)
        self.setWindowIcon(QIcon(str(ICON_PNG)))
        # Where the keyboard is, visible on every screen of the window.
        self.focus_frame = FocusFrame(self)

        self.undo_stack = QUndoStack(self)
        self.year_combo = QComboBox()
        self.year_combo.setToolTip(tr("Năm xem số liệu"))
        self._build_actions()
        toolbar = QToolBar(tr("Công cụ"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(tr("Năm: ")))
        toolbar.addWidget(self.year_combo)
        toolbar.addSeparator()
        for action in (self.new_household_action, self.undo_action, self.redo_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (self.export_action, self.import_action, self.print_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

        self.tree_model = UnitTreeModel()
        self.tree_view = QTreeView()
        self.tree_view.setModel(self.tree_model)
        self.tree_view.setUniformRowHeights(True)
        self.tree_view.setAlternatingRowColors(True)
        self.tree_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMN_HOUSEHOLDS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_RECOGNISED, QHeaderView.ResizeMode.ResizeToContents)

        self.summary_panel = SummaryPanel()
        self.households_page = HouseholdsPage(self.session, self.undo_stack,
                                              self.data_changed)
        self.group_profile = GroupProfilePage()
        self.group_profile.saved.connect(lambda _group_id: self.data_changed())
        self.tabs = QTabWidget()
        self.tabs.addTab(self.households_page, tr("Hộ gia đình"))
        self.tabs.addTab(self.group_profile, tr("Hồ sơ tổ"))
        self.tabs.addTab(self.summary_panel, tr("Tổng hợp"))
        self.evaluation_page = EvaluationBoardPage()
        self.evaluation_page.open_group.connect(self.open_evaluation)
        self.failing_page = FailingPage()
        self.tabs.addTab(self.evaluation_page, tr("Đánh giá"))
        self.tabs.addTab(self.failing_page, tr("Tiêu chí chưa đạt"))
        # The evaluation pages read a whole year: they load when shown, not on every click.
        self._stale_pages: set[str] = {"evaluation", "failing"}
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree_view)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self.path_label = QLabel(tr("Tệp dữ liệu: {path}").format(path=self._path_text()))
        self.role_label = QLabel()
        self.pending_label = QLabel()
        # Who is signed in (empty when the store has no account: the owner's own file).
        self.account_label = QLabel()
        self.statusBar().addPermanentWidget(self.account_label)
        # Locks the window after idle time when someone is signed in.
        self.session_lock = SessionLock(self, self.session)
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.role_label)
        self.statusBar().addPermanentWidget(self.pending_label)

        self._build_menus()
        self._restore_settings()

        self.year_combo.currentIndexChanged.connect(self._on_year_changed)
        self.tree_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.reload()

    # -- building ---------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The session's store now (a restore replaces it)."""
        return self.session.store

    def _build_actions(self) -> None:
        self.new_household_action = QAction(tr("Hộ mới"), self)
        self.new_household_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_household_action.setToolTip(tr("Thêm hộ mới vào tổ đang chọn (Ctrl+N)"))
        self.new_household_action.triggered.connect(self._on_new_household)
        self.undo_action = self.undo_stack.createUndoAction(self, tr("Hoàn tác"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, tr("Làm lại"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        # Ctrl+Z undoes the last change to the data, not a query typed earlier (gui.undo_keys).
        self.undo_keys = UndoKeys(self, self.undo_action, self.redo_action)
        self.find_action = QAction(tr("Tìm hộ"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self._on_find)
        # Packages to and from the other machines (the city, the wards' machines).
        self.export_action = QAction(tr("Xuất gói dữ liệu…"), self)
        self.export_action.setIconText(tr("Xuất gói"))
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setToolTip(tr("Xuất gói dữ liệu gửi các máy khác (Ctrl+E)"))
        self.export_action.triggered.connect(self.show_export_dialog)
        self.import_action = QAction(tr("Nhập gói dữ liệu…"), self)
        self.import_action.setIconText(tr("Nhập gói"))
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setToolTip(tr("Nhập gói dữ liệu nhận từ máy khác (Ctrl+I)"))
        self.import_action.triggered.connect(self.show_import_dialog)
        self.sync_action = QAction(tr("Trao đổi &dữ liệu…"), self)
        self.sync_action.triggered.connect(self.show_sync_dialog)
        self.print_action = QAction(tr("In"), self)
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        self.print_action.setToolTip(tr("In báo cáo, giấy công nhận (Ctrl+P)"))
        self.print_action.triggered.connect(self._on_print)
        # The open preview (tests read it) and its temporary PDF file.
        self.preview_dialog: PrintPreviewDialog | None = None
        # The menu of documents that the "In" button and Ctrl+P open (tests read it).
        self.print_menu: QMenu | None = None

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("&Tệp"))
        file_menu.addAction(self.new_household_action)
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        for action in (self.export_action, self.import_action, self.sync_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.import_households_action = QAction(tr("Nhập danh sách hộ từ Excel…"), self)
        self.import_households_action.triggered.connect(self.show_import_households)
        file_menu.addAction(self.import_households_action)
        self.export_households_action = QAction(tr("Xuất danh sách hộ ra Excel…"), self)
        self.export_households_action.triggered.connect(self.export_households)
        file_menu.addAction(self.export_households_action)
        file_menu.addSeparator()
        self.backups_action = QAction(tr("Sao &lưu và khôi phục…"), self)
        self.backups_action.triggered.connect(self.show_backups_dialog)
        file_menu.addAction(self.backups_action)
        self.check_action = QAction(tr("&Kiểm tra dữ liệu…"), self)
        self.check_action.triggered.connect(self.show_check_dialog)
        file_menu.addAction(self.check_action)
        self.audit_action = QAction(tr("&Nhật ký thay đổi…"), self)
        self.audit_action.setToolTip(tr("Ai đã sửa gì, khi nào: lọc theo người, bản ghi, ngày"))
        self.audit_action.triggered.connect(self.show_audit_dialog)
        file_menu.addAction(self.audit_action)
        file_menu.addSeparator()
        self.quit_action = QAction(tr("&Thoát"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(tr("&Sửa"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        for action in (self.households_page.edit_action, self.households_page.delete_action,
                       self.households_page.move_action, self.households_page.bulk_action):
            edit_menu.addAction(action)

        evaluation_menu = self.menuBar().addMenu(tr("Đá&nh giá"))
        self.board_action = QAction(tr("&Bảng đánh giá của năm"), self)
        self.board_action.triggered.connect(
            lambda: self.tabs.setCurrentWidget(self.evaluation_page))
        evaluation_menu.addAction(self.board_action)
        self.failing_action = QAction(tr("&Tiêu chí chưa đạt"), self)
        self.failing_action.triggered.connect(
            lambda: self.tabs.setCurrentWidget(self.failing_page))
        evaluation_menu.addAction(self.failing_action)
        self.sheet_action = QAction(tr("&Phiếu đánh giá của tổ đang chọn…"), self)
        self.sheet_action.triggered.connect(self._on_open_selected_sheet)
        evaluation_menu.addAction(self.sheet_action)
        self.framework_action = QAction(tr("Bộ &tiêu chí…"), self)
        self.framework_action.triggered.connect(self.show_framework_editor)
        evaluation_menu.addAction(self.framework_action)
        evaluation_menu.addSeparator()
        self.decision_action = QAction(tr("Ra &quyết định công nhận…"), self)
        self.decision_action.triggered.connect(self.show_decision_dialog)
        evaluation_menu.addAction(self.decision_action)
        self.verify_action = QAction(tr("&Kiểm tra giấy công nhận…"), self)
        self.verify_action.triggered.connect(self.show_verify_dialog)
        evaluation_menu.addAction(self.verify_action)

        settings_menu = self.menuBar().addMenu(tr("&Cài đặt"))
        self.language_menu = settings_menu.addMenu(tr("&Ngôn ngữ"))
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        current = saved_language()
        for code, name in LANGUAGES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, code=code: self.choose_language(code))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        settings_menu.addSeparator()
        self.accounts_action = QAction(tr("&Tài khoản…"), self)
        self.accounts_action.triggered.connect(self.show_accounts_dialog)
        settings_menu.addAction(self.accounts_action)
        self.change_password_action = QAction(tr("Đổi &mật khẩu…"), self)
        self.change_password_action.triggered.connect(self.show_change_password)
        settings_menu.addAction(self.change_password_action)
        self.lock_action = QAction(tr("&Khóa phiên làm việc"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.session_lock.lock)
        settings_menu.addAction(self.lock_action)
        self.lock_menu = settings_menu.addMenu(tr("Tự &khóa khi không dùng"))
        lock_group = QActionGroup(self)
        self.lock_actions: dict[int, QAction] = {}
        for minutes in LOCK_CHOICES:
            text = (tr("Sau {n} phút").format(n=minutes) if minutes
                    else tr("Không tự khóa"))
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(minutes == lock_minutes())
            action.triggered.connect(
                lambda _checked=False, minutes=minutes: save_lock_minutes(minutes))
            lock_group.addAction(action)
            self.lock_menu.addAction(action)
            self.lock_actions[minutes] = action

        help_menu = self.menuBar().addMenu(tr("Trợ &giúp"))
        self.guide_action = QAction(tr("&Hướng dẫn sử dụng"), self)
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(self.guide_action)
        self.shortcuts_action = QAction(tr("&Phím tắt"), self)
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(self.shortcuts_action)
        self.log_action = QAction(tr("Mở tệp &nhật ký"), self)
        self.log_action.triggered.connect(lambda: about_dialog.open_log(self))
        help_menu.addAction(self.log_action)
        help_menu.addSeparator()
        self.about_action = QAction(tr("&Giới thiệu {app}").format(app=APP_TITLE), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _restore_settings(self) -> None:
        settings = QSettings()
        # Nothing saved yet (first start) or unreadable: a size that fits a 1366×768 laptop.
        geometry = settings.value(SETTINGS_GEOMETRY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1100, 700)
        splitter_state = settings.value(SETTINGS_SPLITTER)
        if not (
            isinstance(splitter_state, QByteArray) and self.splitter.restoreState(splitter_state)
        ):
            self.splitter.setSizes([360, 740])

    def closeEvent(self, event: QCloseEvent) -> None:
        # Disabled means a background job is using the store: closing now would close the
        # store under it, so the window stays until the job is done.
        if not self.isEnabled():
            event.ignore()
            return
        settings = QSettings()
        settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        settings.setValue(SETTINGS_SPLITTER, self.splitter.saveState())
        unit_id = self.tree_model.unit_id_at(self.tree_view.currentIndex())
        if unit_id:
            settings.setValue(SETTINGS_UNIT, unit_id)
        settings.setValue(SETTINGS_TAB, self.tabs.currentIndex())
        super().closeEvent(event)

    # -- loading ----------------------------------------------------------------------------

    @property
    def selected_year(self) -> int:
        """The year chosen in the year selector."""
        return int(self.year_combo.currentData())

    def reload(self) -> None:
        """Read everything from the store again (after opening, or after the demo was built)."""
        units = self.store.units.all()
        try:
            self.setWindowTitle(f"{APP_TITLE} — {self.store.units.city().name}")
        except NotFound:
            self.setWindowTitle(APP_TITLE)
        years = available_years(units, datetime.date.today().year)
        default_year = self._default_year(years) if units else years[-1]
        # Filling the selector must not load every year on the way; the tree loads once below.
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(years.index(default_year))
        self.year_combo.blockSignals(False)
        self._show_year(default_year)
        saved_unit = QSettings().value(SETTINGS_UNIT)
        if isinstance(saved_unit, str):
            self.select_unit(saved_unit)
        saved_tab = QSettings().value(SETTINGS_TAB)
        if saved_tab is not None and str(saved_tab).isdigit():
            self.tabs.setCurrentIndex(int(str(saved_tab)))
        self._update_status()

    def _default_year(self, years: list[int]) -> int:
        """The latest year with recognised groups (the last finished cycle), else the last."""
        latest = self.store.cycle.latest_recognition_year()
        return latest if latest in years else years[-1]

    def _show_year(self, year: int) -> None:
        current = self.tree_view.currentIndex()
        # The selected unit, else its parent (a group new in a later year falls back to its
        # ward), else the city.
        wanted = [self.tree_model.unit_id_at(current), self.tree_model.unit_id_at(current.parent())]
        try:
            root = self._unit_tree(year)
        except NotFound:
            root = None
        self.tree_model.load(root)
        if root is None:
            self.summary_panel.show_message(
                tr("Năm {year} chưa có dữ liệu đơn vị. Hãy tạo dữ liệu mẫu hoặc thiết lập"
                   " đơn vị.").format(year=year)
            )
            return
        self.tree_view.expandToDepth(0)
        target = self.tree_model.index(0, COLUMN_NAME)
        for unit_id in wanted:
            index = self.tree_model.index_of_unit(unit_id) if unit_id else QModelIndex()
            if index.isValid():
                target = index
                break
        # The summary follows through currentChanged (removing the old rows cleared current).
        self.tree_view.setCurrentIndex(target)
        self.tree_view.scrollTo(target)

    def select_unit(self, unit_id: str) -> bool:
        """Select a unit in the tree; False when it does not exist in the selected year."""
        index = self.tree_model.index_of_unit(unit_id)
        if not index.isValid():
            return False
        self.tree_view.setCurrentIndex(index)
        self.tree_view.scrollTo(index)
        return True

    # -- reacting ---------------------------------------------------------------------------

    @Slot(int)
    def _on_year_changed(self, _row: int) -> None:
        if self.year_combo.currentIndex() >= 0:
            self._show_year(self.selected_year)
            self._evaluation_changed({"evaluation", "failing"})

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        unit_id = self.tree_model.unit_id_at(current)
        self.households_page.show_unit(unit_id, self.selected_year)
        self._show_group_profile(unit_id)
        self._show_summary(unit_id)
        # The failing criteria are the whole city's: only a new year changes them.
        stale = {"evaluation"}
        if self.failing_page.year != self.selected_year:
            stale.add("failing")
        self._evaluation_changed(stale)

    def _show_group_profile(self, unit_id: str | None) -> None:
        page = self.group_profile
        if page.is_dirty() and self.ask_save_profile():
            page.save()
        page.set_group(self.store, unit_id, self.selected_year)

    def ask_save_profile(self) -> bool:
        """Ask whether to save the group profile's edits before leaving it (tests replace)."""
        answer = QMessageBox.question(
            self,
            tr("Hồ sơ tổ chưa lưu"),
            tr("Hồ sơ tổ dân phố/bản có thay đổi chưa lưu. Lưu lại?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Save,
        )
        return answer == QMessageBox.StandardButton.Save

    def _show_summary(self, unit_id: str | None) -> None:
        if unit_id is None:
            self.summary_panel.show_message(tr("Chọn một đơn vị trong cây bên trái."))
            return
        try:
            summary = self.store.cycle.summary(self.selected_year, unit_id)
        except NotFound as error:
            self.summary_panel.show_message(str(error))
            return
        self.summary_panel.show_summary(summary)

    # Tables whose rows the tree's counts, the summary and the evaluation pages show.
    _TREE_TABLES = ("units", "households", "household_years", "group_years", "registrations",
                    "evaluations", "evaluation_answers", "stage_approvals", "decisions",
                    "recognitions", "targets", "frameworks", "standards", "criteria")
    _PROFILE_TABLES = ("units", "households", "household_years", "household_members",
                       "group_years", "group_officers", "registrations", "recognitions")
    _HOUSEHOLD_TABLES = ("households", "household_members", "household_years", "units")

    @Slot(object)
    def _on_store_changed(self, changes: Changes) -> None:
        # Many writes in a row (a bulk job) refresh once, on the next turn of the event loop.
        if not self._pending_changes:
            QTimer.singleShot(0, self._refresh_from_changes)
        self._pending_changes.append(changes)

    def _refresh_from_changes(self) -> None:
        if jobs_running():
            # A worker is using the store: the views read it once the work is over (one
            # connection is never used by two threads at once).
            QTimer.singleShot(50, self._refresh_from_changes)
            return
        pending, self._pending_changes = self._pending_changes, []
        tables = frozenset().union(*(changes.tables for changes in pending))
        if not tables or self.store.closed:
            return  # nothing written, or the file was closed meanwhile (a restore, the exit)
        if tables & set(self._TREE_TABLES):
            self.data_changed()
        else:
            self._update_status()
        if tables & set(self._HOUSEHOLD_TABLES):
            self.households_page.refresh()
        page = self.group_profile
        if tables & set(self._PROFILE_TABLES) and not page.is_dirty():
            page.set_group(self.store, page.group_id, self.selected_year)

    def data_changed(self) -> None:
        """After an edit: new counts in the tree, the summary and the status bar."""
        current = self.tree_view.currentIndex()
        unit_id = self.tree_model.unit_id_at(current)
        expanded = self._expanded_unit_ids()
        try:
            root = self._unit_tree(self.selected_year)
        except NotFound:
            return
        self.tree_view.selectionModel().blockSignals(True)
        self.tree_model.load(root)
        self.tree_view.expandToDepth(0)
        for expanded_id in expanded:
            self.tree_view.expand(self.tree_model.index_of_unit(expanded_id))
        if unit_id:
            self.tree_view.setCurrentIndex(self.tree_model.index_of_unit(unit_id))
        self.tree_view.selectionModel().blockSignals(False)
        self._show_summary(unit_id)
        self._evaluation_changed({"evaluation", "failing"})
        self._update_status()

    def _evaluation_changed(self, pages: set[str]) -> None:
        """Mark evaluation pages out of date; the one on view is read again now."""
        self._stale_pages |= pages
        self._refresh_current_page()

    @Slot(int)
    def _on_tab_changed(self, _index: int) -> None:
        self._refresh_current_page()

    def _refresh_current_page(self) -> None:
        page = self.tabs.currentWidget()
        if page is self.evaluation_page and "evaluation" in self._stale_pages:
            self._stale_pages.discard("evaluation")
            unit_id = self.tree_model.unit_id_at(self.tree_view.currentIndex())
            self.evaluation_page.show_year(self.store, self.selected_year, unit_id)
        elif page is self.failing_page and "failing" in self._stale_pages:
            self._stale_pages.discard("failing")
            self.failing_page.show_year(self.store, self.selected_year)

    @Slot(str, int)
    def open_evaluation(self, group_id: str, year: int) -> EvaluationSheet:
        """Open a group's evaluation sheet of ``year`` (the board's double-click or Enter)."""
        sheet = EvaluationSheet(self.store, group_id, year, self)
        sheet.changed.connect(self.data_changed)
        sheet.open()
        return sheet

    @Slot()
    def _on_open_selected_sheet(self) -> None:
        unit_id = self.tree_model.unit_id_at(self.tree_view.currentIndex())
        if unit_id and self.store.units.get(unit_id).level == "group":
            self.open_evaluation(unit_id, self.selected_year)
        else:
            QMessageBox.information(self, tr("Phiếu đánh giá"),
                                    tr("Chọn một tổ dân phố hoặc bản trong cây bên trái."))

    @Slot()
    def show_framework_editor(self) -> FrameworkEditor:
        """The criteria frameworks (the city office edits them; others look)."""
        editor = FrameworkEditor(self.store, self.selected_year, self)
        editor.changed.connect(self.data_changed)
        editor.open()
        return editor

    @Slot()
    def show_decision_dialog(self) -> DecisionDialog:
        """The city office records the selected year's recognition decision."""
        dialog = DecisionDialog(self.store, self.selected_year, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.data_changed)
        dialog.open()
        return dialog

    @Slot()
    def show_verify_dialog(self) -> VerifyDialog:
        """Check the QR code of a certificate against the register."""
        dialog = VerifyDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def show_import_households(self) -> ImportHouseholdsDialog:
        """The household list import wizard, the selected ward preselected."""
        ward = self._selected_ward()
        return open_import_dialog(self.store, self.selected_year, ward.id if ward else None,
                                  self.undo_stack, self._households_imported, self)

    def _households_imported(self) -> None:
        self.households_page.refresh()
        self.data_changed()

    @Slot()
    def export_households(self) -> bool:
        """Export the selected ward's (else the city's) households of the year to Excel."""
        return export_to_excel(self.store, self.selected_year, self._selected_ward(), self)

    # -- backups and integrity --------------------------------------------------------------

    @Slot()
    def show_backups_dialog(self) -> QDialog:
        """The backups of this database: back up now, restore, open one to look at."""
        from gui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def show_check_dialog(self) -> QDialog:
        """Check the whole database (in the background) and offer the safe repair."""
        from gui.dialogs.check_dialog import CheckDialog

        dialog = CheckDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.start_check()
        return dialog

    def replace_store(self, store: Store) -> None:
        """Work on ``store`` from now on (the file was restored and opened again).

        The undo history belonged to the data before the restore, so it goes.
        """
        self.undo_stack.clear()
        self.session.replace(store)
        self.reload()

    # -- exchanging packages ----------------------------------------------------------------

    @Slot()
    def show_export_dialog(self) -> ExportDialog:
        """Write packages for the other machines."""
        dialog = ExportDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self._update_status_after)
        dialog.open()
        return dialog

    @Slot()
    def show_import_dialog(self) -> ImportDialog:
        """Preview and apply a package from another machine."""
        dialog = ImportDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self.package_imported)
        dialog.open()
        return dialog

    @Slot()
    def show_sync_dialog(self) -> SyncDialog:
        """The machines this one exchanges with, the packages log, set-up and revocation."""
        dialog = SyncDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.page.imported.connect(self.package_imported)
        dialog.page.exported.connect(self._update_status_after)
        dialog.open()
        return dialog

    def package_imported(self, _plan: object = None) -> None:
        """After a package was applied: every view reads the store again.

        The undo history is cleared: its steps were recorded against the data before the
        import, and undoing one now could overwrite what the package just brought.
        """
        self.undo_stack.clear()
        self.data_changed()
        self.households_page.refresh()
        self._show_group_profile(self.tree_model.unit_id_at(self.tree_view.currentIndex()))

    # -- accounts and the audit trail --------------------------------------------------------

    def _apply_account(self) -> None:
        """Show who is signed in and disable what their role may not do (the store refuses
        it anyway; a disabled button saves a useless try)."""
        account = self.store.account
        self.account_label.setText(
            tr("Người dùng: {name} ({role})").format(name=account.username,
                                                      role=role_text(account.role))
            if account is not None else "")
        self.account_label.setVisible(account is not None)
        can_write = account is None or account.can_write
        page = self.households_page
        for action in (self.new_household_action, page.delete_action, page.move_action,
                       page.bulk_action):
            action.setEnabled(can_write)
        if account is not None and not account.is_admin:
            self.decision_action.setEnabled(False)
        self.accounts_action.setVisible(account is None or account.is_admin)
        self.change_password_action.setVisible(account is not None)
        self.lock_action.setEnabled(account is not None)

    @Slot()
    def show_audit_dialog(self) -> AuditDialog:
        """The audit trail of the whole database."""
        dialog = AuditDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def show_accounts_dialog(self) -> AccountsDialog:
        """The accounts of this machine (the administrator's)."""
        dialog = AccountsDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._update_status_after)
        dialog.open()
        return dialog

    @Slot()
    def show_change_password(self) -> QWidget | None:
        """The signed-in person changes their password."""
        dialog = change_own_password(self.store, self)
        if dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
        return dialog

    # -- printing ---------------------------------------------------------------------------

    def _selected_ward(self) -> Unit | None:
        """The selected ward, or the ward of the selected group; None for the city."""
        unit_id = self.tree_model.unit_id_at(self.tree_view.currentIndex())
        if not unit_id:
            return None
        try:
            unit = self.store.units.get(unit_id)
            if unit.level == "group" and unit.parent_id:
                unit = self.store.units.get(unit.parent_id)
        except NotFound:
            return None
        return unit if unit.level == "ward" else None

    def print_choices(self) -> list[tuple[str, str, str | None]]:
        """(kind, label, ward id) of the documents the selection can print.

        kind is "city" (the city summary), "ward" (the ward summary) or "certificates" (of the
        ward, or of the whole city when the city is selected; the city office issues them).
        """
        year = self.selected_year
        ward = self._selected_ward()
        choices: list[tuple[str, str, str | None]] = [
            ("city", tr("Báo cáo tổng hợp thành phố năm {year}").format(year=year), None)]
        if ward is not None:
            choices.append(("ward", tr("Báo cáo tổng hợp của {ward} năm {year}").format(
                ward=ward.name, year=year), ward.id))
        if (self.store.get_meta("role", "city") or "city") == "city":
            try:
                scope = ward.name if ward is not None else self.store.units.city().name
            except NotFound:
                scope = ""
            choices.append(("certificates", tr("Giấy công nhận năm {year} — {scope}").format(
                year=year, scope=scope), ward.id if ward is not None else None))
        return choices

    @Slot()
    def _on_print(self) -> None:
        # Not at the mouse pointer: after Ctrl+P the pointer may be anywhere on the screen and
        # the menu showed there, far from the window or out of sight. It opens under the
        # toolbar's "In" button (over the window when the toolbar is hidden) with an entry
        # chosen (the ward's report when a ward is selected), so Ctrl+P, Enter prints.
        if self.print_menu is None:
            self.print_menu = QMenu(self)
        menu = self.print_menu
        menu.clear()
        chosen = None
        for kind, label, ward_id in self.print_choices():
            action = menu.addAction(label)
            action.triggered.connect(
                lambda _checked=False, kind=kind, ward_id=ward_id: self.print_document(
                    kind, ward_id))
            if chosen is None or kind == "ward":
                chosen = action
        toolbar = self.findChild(QToolBar, "main_toolbar")
        button = toolbar.widgetForAction(self.print_action) if toolbar is not None else None
        if button is not None and button.isVisible():
            position = button.mapToGlobal(button.rect().bottomLeft())
        else:
            position = self.mapToGlobal(self.rect().center())
        menu.popup(position)
        menu.setActiveAction(chosen)

    def ask_reprint(self, year: int) -> bool:
        """Ask whether to print reprints when every certificate is issued (tests replace)."""
        return ask(self, tr("Giấy công nhận"),
                   tr("Giấy công nhận năm {year} đã được cấp cho tất cả các tổ dân phố, bản"
                      " được công nhận. In lại? Mỗi bản in lại được ghi vào sổ cấp.").format(
                       year=year),
                   tr("In lại"), tr("Không in"))

    def print_document(self, kind: str, ward_id: str | None = None) -> bool:
        """Build the PDF of ``kind`` (see print_choices) in the background, then preview it.

        False when nothing is printed (no recognised groups, reprints declined).
        """
        from reports.certificate import render_certificates
        from reports.city_summary import render_city_summary
        from reports.data import certificate_data, city_summary_data, ward_summary_data
        from reports.ward_summary import render_ward_summary

        year = self.selected_year
        store = self.store
        work: Callable[[str], object]
        if kind == "city":
            title = tr("Báo cáo tổng hợp thành phố năm {year}").format(year=year)

            def work(path: str) -> object:
                return render_city_summary(city_summary_data(store, year), path)
        elif kind == "ward" and ward_id:
            title = tr("Báo cáo tổng hợp của {ward} năm {year}").format(
                ward=store.units.get(ward_id).name, year=year)

            def work(path: str) -> object:
                return render_ward_summary(ward_summary_data(store, year, ward_id), path)
        elif kind == "certificates":
            recognitions = store.cycle.recognitions(year, ward_id)
            if not recognitions:
                QMessageBox.information(self, tr("Giấy công nhận"), tr(
                    "Năm {year} không có tổ dân phố, bản nào được công nhận.").format(year=year))
                return False
            issued = {row["recognition_id"] for row in store.query(
                "SELECT recognition_id FROM certificates WHERE reprint_of_id IS NULL"
                " AND deleted_at IS NULL")}
            reprint = all(r.id in issued for r in recognitions)
            if reprint and not self.ask_reprint(year):
                return False
            title = (tr("Giấy công nhận năm {year} (in lại)") if reprint
                     else tr("Giấy công nhận năm {year}")).format(year=year)

            def work(path: str) -> object:
                certificates = store.certificates.issue(year, ward_id, reprint=reprint)
                return render_certificates(certificate_data(certificates),
                                           store.certificates.settings(year), path)
        else:
            return False

        handle, path = tempfile.mkstemp(prefix="tuquan-", suffix=".pdf")
        os.close(handle)

        def build(progress: Progress) -> str:
            progress(10, "")
            work(path)
            progress(100, "")
            return path

        def failed(error: BaseException) -> None:
            _remove_file(path)
            QMessageBox.warning(self, APP_TITLE, tr("{title} không thành công.\n\n{error}").format(
                title=title, error=error))

        def done(result: str) -> None:
            if kind == "certificates":
                self.data_changed()  # the register and the pending changes grew
            self.open_preview(result, title)

        run_in_background(self, tr("Đang tạo {title}…").format(title=title), build, done, failed)
        return True

    def open_preview(self, path: str, title: str) -> PrintPreviewDialog:
        """Show a PDF in the print preview; the temporary file goes when it closes."""
        dialog = PrintPreviewDialog(path, title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: _remove_file(path))
        self.preview_dialog = dialog
        dialog.destroyed.connect(lambda: setattr(self, "preview_dialog", None))
        dialog.open()
        return dialog

    def _unit_tree(self, year: int) -> UnitNode:
        """The tree of ``year``; a ward's machine shows its own ward only (it holds no other)."""
        root = self.store.units.tree(year)
        if self.store.sync.role == "ward":
            ward_id = self.store.sync.unit_id()
            for child in root.children:
                if child.unit.id == ward_id:
                    return child
        return root

    def _expanded_unit_ids(self) -> list[str]:
        result = []
        root = self.tree_model.index(0, COLUMN_NAME)
        for row in range(self.tree_model.rowCount(root)):
            index = self.tree_model.index(row, COLUMN_NAME, root)
            unit_id = self.tree_model.unit_id_at(index)
            if unit_id and self.tree_view.isExpanded(index):
                result.append(unit_id)
        return result

    def _update_status_after(self, *_signal_arguments: object) -> None:
        # A bound method, never a lambda holding the window, on a signal of a dialog deleted
        # when it closes: freeing a lambda while the dialog is destroyed could drop the last
        # reference to the window and delete the dialog a second time (a crash seen in tests).
        self._update_status()

    def _update_status(self) -> None:
        role = self.store.get_meta("role", "city") or "city"
        try:
            # The machine's name as its peers know it ("Phòng Nội vụ Thành phố Lai Châu",
            # "UBND Phường Tân Phong").
            office = self.store.sync.site_name()
        except StoreError:
            office = tr("UBND thành phố")  # a new file without a unit tree yet
        self.role_label.setText(tr("Văn phòng: {unit}").format(unit=office))
        # Recognising groups is the city's decision; a ward office only proposes.
        self.decision_action.setEnabled(role == "city")
        self._apply_account()
        pending = self.store.pending_changes()
        self.pending_label.setText(tr("Chưa gửi: {n} thay đổi").format(n=format_int(pending)))

    @Slot()
    def _on_new_household(self) -> None:
        self.tabs.setCurrentWidget(self.households_page)
        self.households_page.new_household()

    @Slot()
    def _on_find(self) -> None:
        self.tabs.setCurrentWidget(self.households_page)
        self.households_page.search.setFocus()
        self.households_page.search.selectAll()

    def offer_draft(self) -> None:
        """At start: offer back a household form left unsaved by a crash."""
        draft = self.households_page.pending_draft()
        if not draft:
            return
        name = str(draft.get("head_name") or tr("(chưa có tên)"))
        if self.ask_restore_draft(name):
            self.households_page.reopen_draft(draft)
        else:
            from gui.drafts import clear_draft, draft_path

            clear_draft(draft_path(self.store.path))

    def ask_restore_draft(self, name: str) -> bool:
        """Ask whether to reopen an unsaved form (tests replace this)."""
        answer = QMessageBox.question(
            self,
            tr("Khôi phục bản nháp"),
            tr("Lần trước chương trình đóng khi phiếu hộ \"{name}\" chưa được lưu.\n"
               "Mở lại phiếu đó để lưu tiếp?").format(name=name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def about_text(self) -> str:
        """The text of the About box: version, database file, schema version, log file."""
        return about_dialog.about_text(self.store, program_version())

    def _path_text(self) -> str:
        return str(self.store.path) if self.store.path is not None else tr("trong bộ nhớ")

    @Slot()
    def show_about(self) -> None:
        """Show the About box."""
        about_dialog.show_about(self, self.store, program_version())

    @Slot()
    def show_guide(self) -> GuideDialog:
        """Show the user guide (not modal: it may stay open while working)."""
        dialog = GuideDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # -- settings and help ------------------------------------------------------------------

    def choose_language(self, language: str) -> None:
        """Save the interface language; it applies at the next start (widgets keep their texts)."""
        self.language_actions[language].setChecked(True)
        if language == saved_language():
            return
        save_language(language)
        QMessageBox.information(
            self,
            tr("Ngôn ngữ"),
            tr("Ngôn ngữ giao diện sẽ là {language} từ lần khởi động chương trình sau.").format(
                language=LANGUAGES[language]
            ),
        )

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) of the app's shortcuts, the keys read from the actions."""
        page = self.households_page
        return [
            (keys_text(self.new_household_action.shortcuts()),
             tr("Thêm hộ mới vào tổ đang chọn")),
            (keys_text(self.find_action.shortcuts()), tr("Tìm hộ (đến ô tìm kiếm)")),
            (keys_text([QKeySequence(Qt.Key.Key_Return)]),
             tr("Trong ô tìm kiếm: tìm ngay và chuyển xuống danh sách hộ")),
            (keys_text(page.clear_search_action.shortcuts()),
             tr("Trong ô tìm kiếm: xóa ô tìm kiếm và về danh sách hộ")),
            (keys_text(page.edit_action.shortcuts()), tr("Sửa hộ đang chọn trong danh sách")),
            (keys_text(page.delete_action.shortcuts()), tr("Xóa các hộ đã chọn (có hỏi lại)")),
            (keys_text(page.bulk_action.shortcuts()), tr("Đặt tình trạng cho các hộ đã chọn")),
            (keys_text(page.select_all_action.shortcuts()),
             tr("Chọn tất cả hộ trong danh sách")),
            (keys_text(self.print_action.shortcuts()),
             tr("In báo cáo, giấy công nhận (có xem trước)")),
            (keys_text(self.export_action.shortcuts()), tr("Xuất gói dữ liệu gửi các máy khác")),
            (keys_text(self.import_action.shortcuts()),
             tr("Nhập gói dữ liệu nhận từ máy khác")),
            (keys_text(self.undo_action.shortcuts()),
             tr("Hoàn tác thay đổi dữ liệu cuối cùng (trong ô đang gõ dở: hoàn tác chữ vừa gõ)")),
            (keys_text(self.redo_action.shortcuts()), tr("Làm lại")),
            (keys_text([QKeySequence(SAVE_SHORTCUT)]),
             tr("Lưu phiếu hộ hoặc hồ sơ tổ (trong phiếu hộ, Enter cũng lưu)")),
            (keys_text([QKeySequence(SAVE_AND_NEW_SHORTCUT)]),
             tr("Phiếu hộ: lưu rồi nhập hộ tiếp theo cùng tổ")),
            (keys_text([QKeySequence(ADD_MEMBER_SHORTCUT)]),
             tr("Phiếu hộ, bảng thành viên: thêm thành viên")),
            (keys_text([QKeySequence(REMOVE_MEMBER_SHORTCUT)]),
             tr("Phiếu hộ, bảng thành viên: xóa thành viên ở ô đang chọn")),
            (keys_text([QKeySequence(Qt.Key.Key_F2)]),
             tr("Phiếu hộ, bảng thành viên: sửa ô đang chọn (Enter cũng sửa)")),
            # Esc closes any dialog (QDialog's own key); the household form asks first.
            (keys_text([QKeySequence(Qt.Key.Key_Escape)]),
             tr("Đóng phiếu hộ (hỏi trước khi bỏ thay đổi)")),
            (keys_text(self.shortcuts_action.shortcuts()), tr("Xem các phím tắt này")),
            (keys_text(self.lock_action.shortcuts()),
             tr("Khóa phiên làm việc (mở lại bằng mật khẩu)")),
            (keys_text(self.quit_action.shortcuts()), tr("Thoát chương trình")),
        ]

    @Slot()
    def show_shortcuts(self) -> ShortcutsDialog:
        """Show the list of keyboard shortcuts (not modal: it may stay open while working)."""
        dialog = ShortcutsDialog(self.shortcut_rows(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog


def _remove_file(path: str) -> None:
    """Delete a temporary file; a file still open elsewhere (Windows) is left for the OS."""
    try:
        os.unlink(path)
    except OSError:
        pass
