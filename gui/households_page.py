"""The household list of the selected unit and year: search, filters, and the edits on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.background import run_in_background
from gui.commands import (
    AddHousehold,
    DeleteHouseholds,
    EditHousehold,
    HouseholdState,
    MoveHouseholds,
    SetStatusMany,
    StoreCommand,
)
from gui.dialogs.audit_dialog import AuditDialog
from gui.dialogs.bulk_status_dialog import BulkStatusDialog
from gui.dialogs.household_dialog import HouseholdDialog
from gui.drafts import clear_draft, draft_path, load_draft, save_draft
from gui.household_table import HouseholdTableModel
from gui.i18n import tr
from gui.messages import ask, ask_item
from gui.session import Session, session_of
from storage.errors import NotFound, StoreError
from storage.household_search import STATUS_FILTERS, HouseholdQuery
from storage.model import Unit
from storage.store import Store
from storage.text import format_int

# A short pause after the last keystroke before searching: typing "nguyen van" runs one or two
# queries, not ten.
SEARCH_DELAY_MS = 120
# From this many households a bulk status change runs in the background (about 0,3 s here).
BACKGROUND_BULK = 1000


class HouseholdsPage(QWidget):
    """Households of a unit in a year, with the actions of the ward official's day."""

    changed = Signal()

    def __init__(self, store: Session | Store, undo_stack: QUndoStack,
                 on_change: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session_of(store)
        self.undo_stack = undo_stack
        self.on_change = on_change
        self.unit_id: str | None = None
        self.year = 0
        self.model = HouseholdTableModel(self._session, HouseholdQuery(year=0, unit_id=None))
        self.setup_ui()

    @property
    def store(self) -> Store:
        """The session's store now (a restore replaces it)."""
        return self._session.store

    def setup_ui(self) -> None:
        """Search row, table, actions."""
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            tr("Tìm chủ hộ, thành viên, địa chỉ, điện thoại… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        # Esc in the search box: an empty box and the list, as after a fresh start of the page.
        self.clear_search_action = QAction(tr("Xóa ô tìm kiếm"), self.search)
        self.clear_search_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_search_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.clear_search_action.triggered.connect(self.clear_search)
        self.search.addAction(self.clear_search_action)
        self.exact = QCheckBox(tr("Đúng dấu"))
        self.exact.setToolTip(tr("Chỉ tìm đúng chữ đã gõ, kể cả dấu"))
        self.filter_button = QToolButton()
        self.filter_button.setText(tr("Lọc"))
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        filter_menu = QMenu(self.filter_button)
        self.filter_actions: dict[str, QAction] = {}
        for key, (label, _sql) in STATUS_FILTERS.items():
            action = filter_menu.addAction(tr(label))  # storage's label, in gui.i18n
            action.setCheckable(True)
            action.toggled.connect(self._on_filters_changed)
            self.filter_actions[key] = action
        self.filter_button.setMenu(filter_menu)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.exact)
        top.addWidget(self.filter_button)
        top.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((190, 130, 210, 40, 70, 70, 100, 36, 50, 44, 40, 50)):
            self.table.setColumnWidth(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.edit_action = QAction(tr("Sửa hộ…"), self)
        self.edit_action.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                       QKeySequence(Qt.Key.Key_Enter)])
        self.delete_action = QAction(tr("Xóa hộ"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.move_action = QAction(tr("Chuyển sang tổ/bản khác…"), self)
        self.bulk_action = QAction(tr("Đặt tình trạng cho các hộ đã chọn…"), self)
        self.bulk_action.setShortcut(QKeySequence("Ctrl+T"))
        self.select_all_action = QAction(tr("Chọn tất cả hộ trong danh sách"), self)
        self.select_all_action.setShortcut(QKeySequence.StandardKey.SelectAll)
        self.select_all_action.triggered.connect(self.select_all)
        self.history_action = QAction(tr("Lịch sử thay đổi…"), self)
        self.history_action.triggered.connect(self.show_history_of_current)
        for action in (self.edit_action, self.delete_action, self.move_action, self.bulk_action,
                       self.select_all_action, self.history_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_query)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._on_search_return)
        self.exact.toggled.connect(self.apply_query)
        self.table.doubleClicked.connect(self.edit_current)
        self.edit_action.triggered.connect(self.edit_current)
        self.delete_action.triggered.connect(self.delete_selected)
        self.move_action.triggered.connect(self.move_selected)
        self.bulk_action.triggered.connect(self.set_status_of_selected)

    # -- the query -------------------------------------------------------------------------

    def show_unit(self, unit_id: str | None, year: int) -> None:
        """Show the households of a unit (a group, a ward, the city) in a year."""
        self.unit_id = unit_id
        self.year = year
        self.apply_query()

    def query(self) -> HouseholdQuery:
        """The query the page's controls describe."""
        filters = tuple(key for key, action in self.filter_actions.items() if action.isChecked())
        return HouseholdQuery(
            year=self.year, unit_id=self.unit_id, text=self.search.text(),
            exact=self.exact.isChecked(), filters=filters,
            order_by=self.model.query.order_by, descending=self.model.query.descending,
        )

    @Slot()
    def apply_query(self) -> None:
        """Run the query now (the search box calls this shortly after typing stops)."""
        self._search_timer.stop()
        if not self.year:
            return
        self.model.set_query(self.query())
        self._update_count()

    def refresh(self) -> None:
        """Read the rows again after a change, keeping the selection where it can."""
        selected = self.selected_ids()
        self.model.refresh()
        self._update_count()
        self.select_ids(selected)

    def _update_count(self) -> None:
        self.count_label.setText(tr("{count} hộ").format(count=format_int(self.model.total)))
        active = sum(action.isChecked() for action in self.filter_actions.values())
        self.filter_button.setText(
            tr("Lọc ({count})").format(count=active) if active else tr("Lọc"))

    @Slot()
    def _on_filters_changed(self) -> None:
        self.apply_query()

    @Slot()
    def _on_search_return(self) -> None:
        self.apply_query()
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    @Slot()
    def clear_search(self) -> None:
        """Empty the search box (Esc there), list the unit's households at once and put the
        focus on the list, on the household that was selected when it is still listed."""
        selected = self.selected_ids()
        self.search.clear()
        self.apply_query()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.select_ids(selected)
        if not self.table.selectionModel().hasSelection() and self.model.rowCount():
            self.table.selectRow(0)

    # -- selection -------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        """Ids of the selected households, in table order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [household_id for row in rows if (household_id := self.model.id_at(row))]

    @Slot()
    def select_all(self) -> None:
        """Select every household the query lists (loading the rows not fetched yet)."""
        while self.model.canFetchMore():
            self.model.fetchMore()
        self.table.selectAll()

    def select_ids(self, household_ids: list[str]) -> None:
        """Select the given households among the loaded rows."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        for household_id in household_ids:
            row = self.model.row_of(household_id)
            if row >= 0:
                selection.select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.setCurrentIndex(self.model.index(row, 0))

    # -- actions ---------------------------------------------------------------------------

    def _groups(self) -> list[Unit]:
        """The groups a household of this page may belong to (of the unit, else all)."""
        unit_id = self.unit_id or self.store.units.city().id
        return self.store.units.groups_of(unit_id, self.year)

    def _perform(self, command: StoreCommand) -> str | None:
        try:
            command.perform(self.undo_stack)
        except StoreError as error:
            return str(error)
        return None

    def _show_error(self, error: StoreError) -> None:
        QMessageBox.warning(self, tr("Không thực hiện được"), str(error))

    def _commit(self, command: StoreCommand) -> None:
        message = self._perform(command)
        if message:
            QMessageBox.warning(self, tr("Không thực hiện được"), message)

    def _draft_file(self) -> Path | None:
        return draft_path(self.store.path)

    def make_dialog(self, before: HouseholdState | None, year: int | None = None
                    ) -> HouseholdDialog:
        """The household form (for ``year``, default the page's) wired to undo and drafts."""
        year = year or self.year
        def save(state: HouseholdState) -> str | None:
            if before is None:
                command: StoreCommand = AddHousehold(
                    self.store, state.household, state.members, state.status, self._changed,
                    self._show_error)
            else:
                command = EditHousehold(self.store, before, state, self._changed,
                                        self._show_error)
            return self._perform(command)

        groups = self._groups()
        if before is not None and before.household.group_id not in {g.id for g in groups}:
            groups = [self.store.units.get(before.household.group_id), *groups]
        dialog = HouseholdDialog(
            groups, year, save, before,
            find_similar=self.store.households.similar,
            previous_status=lambda household_id: self.store.households.copy_statuses_from(
                household_id, year),
            parent=self,
            show_history=self.show_history,
        )
        draft = self._draft_file()
        dialog.draft_changed.connect(lambda data: save_draft(draft, data))
        dialog.finished.connect(lambda _result: clear_draft(draft))
        return dialog

    @Slot()
    def new_household(self) -> HouseholdDialog | None:
        """Open the form for a new household of the selected group (or ward)."""
        if not self._groups():
            QMessageBox.information(self, tr("Chưa có tổ dân phố"),
                                    tr("Năm này chưa có tổ dân phố hoặc bản để thêm hộ."))
            return None
        dialog = self.make_dialog(None)
        dialog.open()
        return dialog

    def show_history(self, household_id: str, parent: QWidget | None = None) -> AuditDialog:
        """"Lịch sử thay đổi" of a household: it, its members and its yearly statuses."""
        dialog = AuditDialog(self.store, parent or self, household_id=household_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def show_history_of_current(self) -> AuditDialog | None:
        """The history of the current household (the table's context menu)."""
        household_id = self.model.id_at(self.table.currentIndex().row())
        return self.show_history(household_id) if household_id else None

    def state_of(self, household_id: str) -> HouseholdState:
        """The household, its members and its statuses of the page's year."""
        households = self.store.households
        return HouseholdState(households.get(household_id), households.members(household_id),
                              households.year_status(household_id, self.year))

    @Slot()
    def edit_current(self) -> HouseholdDialog | None:
        """Open the form on the current household."""
        household_id = self.model.id_at(self.table.currentIndex().row())
        if household_id is None:
            return None
        try:
            before = self.state_of(household_id)
        except NotFound as error:
            self._show_error(error)
            self.refresh()
            return None
        dialog = self.make_dialog(before)
        dialog.open()
        return dialog

    def confirm(self, title: str, text: str) -> bool:
        """Ask before an action that removes data (tests replace this)."""
        return ask(self, title, text, title, tr("Không"))

    @Slot()
    def delete_selected(self) -> None:
        """Delete the selected households after a confirmation; undo brings them back."""
        ids = self.selected_ids()
        if not ids:
            return
        households = [self.store.households.get(household_id) for household_id in ids]
        names = ", ".join(h.head_name for h in households[:3]) + ("…" if len(ids) > 3 else "")
        question = tr("Xóa {count} hộ ({names})?\nCó thể hoàn tác bằng Ctrl+Z.").format(
            count=len(ids), names=names)
        if not self.confirm(tr("Xóa hộ"), question):
            return
        self._commit(DeleteHouseholds(self.store, households, self._changed, self._show_error))

    def choose_group(self, groups: list[Unit]) -> Unit | None:
        """Ask for the destination group (tests replace this)."""
        names = [self.store.units.full_name(group) for group in groups]
        name = ask_item(self, tr("Chuyển hộ"), tr("Chuyển sang tổ dân phố/bản:"), names,
                        accept=tr("Chuyển"))
        return groups[names.index(name)] if name in names else None

    @Slot()
    def move_selected(self) -> None:
        """Move the selected households to another group, as one undo step."""
        ids = self.selected_ids()
        if not ids:
            return
        groups = self.store.units.in_year(self.year, "group")
        group = self.choose_group(groups)
        if group is None:
            return
        households = [self.store.households.get(household_id) for household_id in ids]
        self._commit(MoveHouseholds(self.store, households, group.id, group.name, self.year,
                                    self._changed, self._show_error))

    def choose_status(self, count: int) -> tuple[str, bool | str, str] | None:
        """Ask which status to set (tests replace this)."""
        dialog = BulkStatusDialog(count, self.year, self)
        return dialog.selected() if dialog.exec() == BulkStatusDialog.DialogCode.Accepted else None

    @Slot()
    def set_status_of_selected(self) -> None:
        """Set one status of the year on every selected household, as one undo step."""
        ids = self.selected_ids()
        if not ids:
            return
        choice = self.choose_status(len(ids))
        if choice is None:
            return
        name, value, label = choice
        command = SetStatusMany(self.store, ids, self.year, name, value, label,
                                self._changed, self._show_error)
        if len(ids) < BACKGROUND_BULK:
            self._commit(command)
            return
        # Thousands of households take seconds: the window waits behind a progress dialog
        # (and does not touch the store) while the worker writes.
        run_in_background(
            self.window(), tr("Đặt tình trạng cho {count} hộ").format(count=len(ids)),
            lambda _progress: command.apply(),
            on_done=lambda _result: command.performed_elsewhere(self.undo_stack),
        )

    def _changed(self) -> None:
        self.refresh()
        self.on_change()

    def pending_draft(self) -> dict[str, object] | None:
        """A form draft left by a crash, if there is one."""
        return load_draft(self._draft_file())

    def reopen_draft(self, data: dict[str, object]) -> HouseholdDialog | None:
        """Open the form again with a recovered draft's content."""
        household_id = str(data.get("household_id") or "")
        before = None
        if household_id:
            try:
                before = self.state_of(household_id)
            except NotFound:
                before = None
        year = data.get("year")
        dialog = self.make_dialog(before, year if isinstance(year, int) else None)
        dialog.restore_data(dict(data))
        dialog.open()
        return dialog
