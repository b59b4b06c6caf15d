"""The household form: keyboard first, Enter saves, Esc asks before discarding edits.

The whole form is worked with the keyboard, from Ctrl+N to saved: Tab goes through the fields
in the order of the paper form (head's name, gender, birth year, ethnicity, address, phone,
member count, note, the members table and its buttons, the year's statuses, Save), a frame
shows where the focus is, and the members table lets Tab out (see gui.dialogs.member_table).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QIntValidator, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.commands import HouseholdState
from gui.dialogs.member_table import (
    ADD_MEMBER_SHORTCUT,
    GENDERS,
    MEMBER_COLUMNS,
    REMOVE_MEMBER_SHORTCUT,
    MembersTable,
    gender_code,
    gender_text,
)
from gui.i18n import tr
from gui.messages import ask_discard
from gui.widgets.focus_frame import FocusFrame
from storage.errors import ValidationError
from storage.ethnicity import ethnic_groups, find_ethnic_group
from storage.households import validate_household, validate_member
from storage.model import HOUSEHOLD_FLAGS, POVERTY_LABELS, Household, HouseholdYear, Member, Unit

# The handler saves a state and returns None, or the message to show when it was refused.
SaveHandler = Callable[[HouseholdState], str | None]

# gender_code stays importable from here (the member cells and their keys moved out).
__all__ = ["HouseholdDialog", "gender_code"]
# Keys of the form (also listed by the shortcuts dialog).
SAVE_SHORTCUT = "Ctrl+S"
SAVE_AND_NEW_SHORTCUT = "Ctrl+Return"
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300;"
HINT_STYLE = "color: #555555;"


class HouseholdDialog(QDialog):
    """Add or edit one household, its members and its statuses of one year.

    ``save_handler`` does the saving (through an undo command); the dialog only collects and
    checks the input, so it can be tested without a store write.
    """

    draft_changed = Signal(dict)

    def __init__(
        self,
        groups: list[Unit],
        year: int,
        save_handler: SaveHandler,
        before: HouseholdState | None = None,
        find_similar: Callable[[Household], list[Household]] | None = None,
        previous_status: Callable[[str], HouseholdYear | None] | None = None,
        parent: QWidget | None = None,
        show_history: Callable[[str, QWidget], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.groups = groups
        self.year = year
        self.save_handler = save_handler
        self.before = before
        self.find_similar = find_similar
        self.previous_status = previous_status
        # Opens "Lịch sử thay đổi" of the household (id, parent window); None: no button.
        self.show_history = show_history
        self.saved_count = 0
        self._loading = False
        self.setWindowTitle(tr("Sửa hộ {name}").format(name=before.household.head_name)
                            if before else tr("Thêm hộ mới"))
        self.setup_ui()
        if before is not None:
            self.load_state(before)
        self._clean = self.current_data()
        # A draft is written shortly after the last keystroke, not on every one.
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(800)
        self._draft_timer.timeout.connect(self._emit_draft)

    # -- layout ----------------------------------------------------------------------------

    def setup_ui(self) -> None:
        """Build the widgets; the tab order is the order they are created in."""
        self.group_combo = QComboBox()
        for group in self.groups:
            self.group_combo.addItem(group.name, group.id)
        self.head_name = QLineEdit()
        self.head_name.setPlaceholderText(tr("Ví dụ: Nguyễn Văn An"))
        self.gender = QComboBox()
        for code, label in GENDERS:
            self.gender.addItem(tr(label), code)
        self.birth_year = QLineEdit()
        self.birth_year.setValidator(QIntValidator(1900, 2100, self))
        self.birth_year.setMaximumWidth(80)
        self.ethnicity = QComboBox()
        self.ethnicity.setEditable(True)
        self.ethnicity.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.ethnicity.addItem("", None)
        names: list[str] = []
        for group in ethnic_groups():
            self.ethnicity.addItem(group.name, group.code)
            names += [group.name, *group.aliases]
        completer = QCompleter(names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.ethnicity.setCompleter(completer)
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("0912 345 678")
        self.member_count = QSpinBox()
        self.member_count.setRange(1, 99)
        self.note = QLineEdit()

        form = QFormLayout()
        form.addRow(tr("Tổ dân phố/bản:"), self.group_combo)
        form.addRow(tr("Họ tên chủ hộ (*):"), self.head_name)
        person = QHBoxLayout()
        person.addWidget(self.gender)
        person.addWidget(QLabel(tr("Năm sinh:")))
        person.addWidget(self.birth_year)
        person.addWidget(QLabel(tr("Dân tộc:")))
        person.addWidget(self.ethnicity, 1)
        form.addRow(tr("Giới tính:"), person)
        form.addRow(tr("Địa chỉ:"), self.address)
        form.addRow(tr("Điện thoại:"), self.phone)
        form.addRow(tr("Số nhân khẩu:"), self.member_count)
        form.addRow(tr("Ghi chú:"), self.note)

        self.members = MembersTable()
        self.members.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 80), (3, 80)):
            self.members.setColumnWidth(column, width)
        self.members.setMinimumHeight(110)
        self.add_member_button = QPushButton(tr("Thêm thành viên"))
        self.add_member_button.setToolTip(tr("Ctrl+Insert trong bảng thành viên"))
        self.remove_member_button = QPushButton(tr("Xóa thành viên"))
        self.remove_member_button.setToolTip(
            tr("Ctrl+Delete trong bảng thành viên: xóa người ở ô đang chọn"))
        # Beside the buttons, not under the table: the form must fit a 768-pixel screen.
        self.members_hint = QLabel(tr("Enter/F2: sửa ô · Ctrl+Insert: thêm · Ctrl+Delete: xóa"))
        self.members_hint.setStyleSheet(HINT_STYLE)
        self.members.setToolTip(tr(
            "Enter hoặc F2: sửa ô. Khi đang sửa, Tab sang ô tiếp theo; sau năm sinh của người"
            " cuối cùng, Tab ra khỏi bảng. Ctrl+Insert: thêm người, Ctrl+Delete: xóa người."))
        member_buttons = QHBoxLayout()
        member_buttons.addWidget(self.add_member_button)
        member_buttons.addWidget(self.remove_member_button)
        member_buttons.addStretch(1)
        member_buttons.addWidget(self.members_hint)
        members_box = QGroupBox(tr("Thành viên hộ (không kể chủ hộ)"))
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(self.members)
        members_layout.addLayout(member_buttons)

        self.flags: dict[str, QCheckBox] = {}
        status_box = QGroupBox(tr("Tình trạng năm {year}").format(year=self.year))
        status_layout = QFormLayout(status_box)
        # storage's labels, translated through gui.i18n.STORAGE_LABELS.
        self.poverty = QComboBox()
        for code, label in POVERTY_LABELS.items():
            self.poverty.addItem(tr(label), code)
        status_layout.addRow(tr("Nghèo/cận nghèo:"), self.poverty)
        flags_row = QWidget()
        flags_grid = QHBoxLayout(flags_row)
        flags_grid.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout()
        for number, (flag, label) in enumerate(HOUSEHOLD_FLAGS.items()):
            box = QCheckBox(tr(label))
            self.flags[flag] = box
            column.addWidget(box)
            if number % 4 == 3:
                flags_grid.addLayout(column)
                column = QVBoxLayout()
        flags_grid.addLayout(column)
        status_layout.addRow(flags_row)
        self.copy_button = QPushButton(tr("Sao chép từ năm {year}").format(year=self.year - 1))
        self.copy_button.setEnabled(self.before is not None and self.previous_status is not None)
        status_layout.addRow(self.copy_button)

        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.setWordWrap(True)
        self.warning_label.hide()

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_new_button = self.buttons.addButton(
            tr("Lưu và thêm mới"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_new_button.setVisible(self.before is None)
        self.cancel_button = self.buttons.addButton(
            tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.history_button = self.buttons.addButton(
            tr("Lịch sử thay đổi…"), QDialogButtonBox.ButtonRole.HelpRole
        )
        self.history_button.setToolTip(tr("Ai đã sửa hộ này, thành viên và tình trạng các năm"))
        self.history_button.setVisible(self.before is not None and self.show_history is not None)
        self.history_button.clicked.connect(self._on_history)
        self.save_button.setToolTip(tr("Enter hoặc Ctrl+S"))
        self.save_new_button.setToolTip(tr("Ctrl+Enter: lưu rồi nhập hộ tiếp theo cùng tổ"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(members_box)
        layout.addWidget(status_box)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        # Only a button already inside the dialog can become its default (Enter) button.
        self.save_button.setDefault(True)
        self.resize(640, 640)

        self.save_button.clicked.connect(self._on_save)
        self.save_new_button.clicked.connect(self._on_save_and_new)
        self.cancel_button.clicked.connect(self.reject)
        self.add_member_button.clicked.connect(self._on_add_member)
        self.remove_member_button.clicked.connect(self._on_remove_member)
        self.copy_button.clicked.connect(self._on_copy_previous)
        self.head_name.editingFinished.connect(self._check_similar)
        QShortcut(QKeySequence(SAVE_SHORTCUT), self, activated=self._on_save)
        QShortcut(QKeySequence(SAVE_AND_NEW_SHORTCUT), self, activated=self._on_save_and_new)
        # In the table (also while a cell is edited): add and remove without the mouse.
        for keys, slot in ((ADD_MEMBER_SHORTCUT, self._on_add_member),
                           (REMOVE_MEMBER_SHORTCUT, self._on_remove_member)):
            QShortcut(QKeySequence(keys), self.members, activated=slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.members.add_requested.connect(self._on_add_member)
        for signal in (self.head_name.textEdited, self.birth_year.textEdited,
                       self.address.textEdited, self.phone.textEdited, self.note.textEdited,
                       self.ethnicity.currentTextChanged):
            signal.connect(self._on_edited)
        for combo in (self.group_combo, self.gender, self.poverty):
            combo.currentIndexChanged.connect(self._on_edited)
        self.member_count.valueChanged.connect(self._on_edited)
        for box in self.flags.values():
            box.toggled.connect(self._on_edited)
        self.members.itemChanged.connect(self._on_edited)
        # The completer's list takes the keys while it is open: Tab must still go on.
        popup = completer.popup()
        popup.installEventFilter(self)
        self._completer_popup = popup
        self._set_tab_order()
        self.focus_frame = FocusFrame(self)
        self.head_name.setFocus()

    def tab_chain(self) -> list[QWidget]:
        """The widgets Tab goes through, in order: the paper form's order."""
        return [self.group_combo, self.head_name, self.gender, self.birth_year, self.ethnicity,
                self.address, self.phone, self.member_count, self.note,
                self.members, self.add_member_button, self.remove_member_button,
                self.poverty, *self.flags.values(), self.copy_button,
                self.save_button, self.save_new_button, self.cancel_button, self.history_button]

    def _set_tab_order(self) -> None:
        # Said explicitly: the order of creation is easily broken by a later layout change.
        chain = self.tab_chain()
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (watched is self._completer_popup and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
            # Qt's completer list keeps Tab (the focus stayed in "Dân tộc"): take the name
            # chosen in the list, if one is, close the list and go on like any Tab.
            chosen = self._completer_popup.currentIndex()
            if chosen.isValid():
                self.ethnicity.setCurrentText(str(chosen.data()))
            self._completer_popup.hide()
            self.ethnicity.setFocus(Qt.FocusReason.TabFocusReason)
            self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab
                                    and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return True
        return super().eventFilter(watched, event)

    # -- state in and out ------------------------------------------------------------------

    def load_state(self, state: HouseholdState) -> None:
        """Fill the form from a household state."""
        self._loading = True
        household = state.household
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(household.group_id)))
        self.head_name.setText(household.head_name)
        self.gender.setCurrentIndex(max(0, self.gender.findData(household.head_gender or "")))
        self.birth_year.setText(str(household.head_birth_year or ""))
        self.ethnicity.setCurrentIndex(max(0, self.ethnicity.findData(household.ethnicity_code)))
        self.address.setText(household.address)
        self.phone.setText(household.phone)
        self.member_count.setValue(household.member_count)
        self.note.setText(household.note)
        self.members.setRowCount(0)
        for member in state.members:
            self._append_member(member)
        self._load_status(state.status)
        self._loading = False

    def _load_status(self, status: HouseholdYear | None) -> None:
        poverty = status.poverty if status else ""
        self.poverty.setCurrentIndex(max(0, self.poverty.findData(poverty)))
        for flag, box in self.flags.items():
            box.setChecked(bool(getattr(status, flag)) if status else False)

    def _append_member(self, member: Member) -> None:
        row = self.members.rowCount()
        self.members.insertRow(row)
        values = (member.full_name, member.relation, gender_text(member.gender),
                  str(member.birth_year or ""))
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.members.setItem(row, column, item)

    def _members(self) -> list[Member]:
        members = []
        for row in range(self.members.rowCount()):
            def cell(column: int, row: int = row) -> str:
                item = self.members.item(row, column)
                return item.text().strip() if item else ""

            if not any(cell(column) for column in range(len(MEMBER_COLUMNS))):
                continue  # an empty row the user added and left
            gender = gender_code(cell(2))
            year_text = cell(3)
            if year_text and not year_text.isdigit():
                raise ValidationError(
                    tr("Năm sinh '{year}' của thành viên không hợp lệ.").format(year=year_text),
                    "members")
            first = self.members.item(row, 0)
            members.append(Member(cell(0), cell(1), gender,
                                  int(year_text) if year_text else None,
                                  id=(first.data(Qt.ItemDataRole.UserRole) or "") if first else ""))
        return members

    def _ethnicity_code(self) -> str | None:
        text = self.ethnicity.currentText().strip()
        if not text:
            return None
        group = find_ethnic_group(text)
        if group is None:
            raise ValidationError(
                tr("Dân tộc '{name}' không có trong danh mục.").format(name=text),
                "ethnicity_code")
        return group.code

    def state(self) -> HouseholdState:
        """The form's content as a validated state; ValidationError when something is wrong."""
        birth_text = self.birth_year.text().strip()
        household = Household(
            group_id=self.group_combo.currentData(),
            head_name=self.head_name.text(),
            head_gender=self.gender.currentData() or None,
            head_birth_year=int(birth_text) if birth_text else None,
            ethnicity_code=self._ethnicity_code(),
            address=self.address.text(),
            phone=self.phone.text(),
            member_count=self.member_count.value(),
            note=self.note.text(),
            id=self.before.household.id if self.before else "",
        )
        household = validate_household(household)
        members = [validate_member(member) for member in self._members()]
        if len(members) + 1 > household.member_count:
            raise ValidationError(
                tr("Số nhân khẩu ({count}) ít hơn số người đã ghi ({written} kể cả chủ hộ).")
                .format(count=household.member_count, written=len(members) + 1),
                "member_count")
        status = HouseholdYear(
            household.id, self.year, household.group_id,
            poverty=self.poverty.currentData(),
            **{flag: box.isChecked() for flag, box in self.flags.items()},
        )
        if self.before is not None and self.before.status is not None:
            status = dataclasses.replace(status, extra=self.before.status.extra)
        return HouseholdState(household, members, status)

    def current_data(self) -> dict[str, Any]:
        """The raw content of every field (for drafts and the unsaved-changes check)."""
        return {
            "year": self.year,
            "household_id": self.before.household.id if self.before else "",
            "group_id": self.group_combo.currentData(),
            "head_name": self.head_name.text(),
            "gender": self.gender.currentData(),
            "birth_year": self.birth_year.text(),
            "ethnicity": self.ethnicity.currentText(),
            "address": self.address.text(),
            "phone": self.phone.text(),
            "member_count": self.member_count.value(),
            "note": self.note.text(),
            "members": [[(self.members.item(r, c).text() if self.members.item(r, c) else "")
                         for c in range(len(MEMBER_COLUMNS))]
                        for r in range(self.members.rowCount())],
            "poverty": self.poverty.currentData(),
            "flags": {flag: box.isChecked() for flag, box in self.flags.items()},
        }

    def restore_data(self, data: dict[str, Any]) -> None:
        """Fill the form from ``current_data()`` output (a recovered draft)."""
        self._loading = True
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(data.get("group_id"))))
        self.head_name.setText(str(data.get("head_name", "")))
        self.gender.setCurrentIndex(max(0, self.gender.findData(data.get("gender") or "")))
        self.birth_year.setText(str(data.get("birth_year", "")))
        self.ethnicity.setCurrentText(str(data.get("ethnicity", "")))
        self.address.setText(str(data.get("address", "")))
        self.phone.setText(str(data.get("phone", "")))
        self.member_count.setValue(int(data.get("member_count", 1)))
        self.note.setText(str(data.get("note", "")))
        self.members.setRowCount(0)
        for values in data.get("members", []):
            row = self.members.rowCount()
            self.members.insertRow(row)
            for column, value in enumerate(values[: len(MEMBER_COLUMNS)]):
                self.members.setItem(row, column, QTableWidgetItem(str(value)))
        self.poverty.setCurrentIndex(max(0, self.poverty.findData(data.get("poverty") or "")))
        for flag, checked in dict(data.get("flags", {})).items():
            if flag in self.flags:
                self.flags[flag].setChecked(bool(checked))
        self._loading = False
        self._on_edited()

    def is_dirty(self) -> bool:
        """Whether the form differs from what was loaded (or last saved)."""
        return self.current_data() != self._clean

    # -- actions ---------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Show a refusal inline, keeping everything the user typed."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _save(self) -> bool:
        self.members.commit_editing()  # Ctrl+S while a member's cell is being typed
        try:
            state = self.state()
        except ValidationError as error:
            self.show_error(str(error))
            self._focus_field(error.field)
            return False
        message = self.save_handler(state)
        if message:
            self.show_error(message)
            return False
        self.show_error("")
        self.saved_count += 1
        return True

    def _focus_field(self, field: str | None) -> None:
        widget = {
            "head_name": self.head_name, "head_birth_year": self.birth_year,
            "member_count": self.member_count, "phone": self.phone,
            "ethnicity_code": self.ethnicity, "members": self.members,
            "head_gender": self.gender,
        }.get(field or "")
        if widget is not None:
            widget.setFocus()

    @Slot()
    def _on_save(self) -> None:
        if self._save():
            self._clean = self.current_data()
            self.accept()

    @Slot()
    def _on_save_and_new(self) -> None:
        if self.before is not None or not self._save():
            return
        group = self.group_combo.currentIndex()
        self._loading = True
        for line in (self.head_name, self.birth_year, self.address, self.phone, self.note):
            line.clear()
        self.gender.setCurrentIndex(0)
        self.ethnicity.setCurrentIndex(0)
        self.member_count.setValue(1)
        self.members.setRowCount(0)
        self._load_status(None)
        self.group_combo.setCurrentIndex(group)  # "save and new" keeps the group
        self._loading = False
        self.warning_label.hide()
        self._clean = self.current_data()
        self.head_name.setFocus()

    @Slot()
    def _on_history(self) -> None:
        if self.before is not None and self.show_history is not None:
            self.show_history(self.before.household.id, self)

    @Slot()
    def _on_add_member(self) -> None:
        """A new member row, its name cell open for typing (the button, Ctrl+Insert, Enter
        on an empty table)."""
        self.members.commit_editing()
        self._append_member(Member(""))
        if self.members.rowCount() + 1 > self.member_count.value():
            self.member_count.setValue(self.members.rowCount() + 1)
        self.members.setFocus(Qt.FocusReason.OtherFocusReason)
        self.members.edit_cell(self.members.rowCount() - 1, 0)

    @Slot()
    def _on_remove_member(self) -> None:
        """Remove the member of the current cell (the button, Ctrl+Delete)."""
        self.members.commit_editing()
        row = self.members.currentRow()
        if row < 0:
            return
        column = max(0, self.members.currentColumn())
        self.members.removeRow(row)
        if self.members.rowCount():
            self.members.setCurrentCell(min(row, self.members.rowCount() - 1), column)
        self._on_edited()

    @Slot()
    def _on_copy_previous(self) -> None:
        if self.before is None or self.previous_status is None:
            return
        status = self.previous_status(self.before.household.id)
        if status is None:
            self.show_error(
                tr("Hộ này chưa có tình trạng của năm trước {year}.").format(year=self.year))
            return
        self._load_status(status)

    @Slot()
    def _check_similar(self) -> None:
        if self.find_similar is None or not self.head_name.text().strip():
            return
        probe = Household(self.group_combo.currentData(), self.head_name.text(),
                          id=self.before.household.id if self.before else "")
        similar = self.find_similar(probe)
        if similar:
            no_address = tr("chưa có địa chỉ")
            names = "; ".join(f"{h.head_name} ({h.address or no_address})"
                              for h in similar[:3])
            self.warning_label.setText(
                tr("Lưu ý: trong tổ đã có hộ tên gần giống: {names}.").format(names=names))
            self.warning_label.show()
        else:
            self.warning_label.hide()

    @Slot()
    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self._draft_timer.start()

    @Slot()
    def _emit_draft(self) -> None:
        if self.is_dirty():
            self.draft_changed.emit(self.current_data())

    # -- closing ---------------------------------------------------------------------------

    def ask_discard(self) -> bool:
        """Ask whether unsaved edits may be thrown away (tests replace this)."""
        return ask_discard(self)

    def reject(self) -> None:
        if self.is_dirty() and not self.ask_discard():
            return
        self._draft_timer.stop()
        super().reject()
