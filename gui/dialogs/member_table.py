"""The members table of the household form, worked with the keyboard like a paper list.

The keys (the user guide and the hint under the table say the same):

- Tab and Shift+Tab while no cell is being edited leave the table, to the next or previous
  field of the form; so do Ctrl+Tab and Ctrl+Shift+Tab. The arrow keys choose a cell.
- Enter or F2 edits the current cell; Enter on an empty table starts the first member.
- While a cell is being edited, Enter keeps what was typed, Esc puts the cell back, Tab and
  Shift+Tab keep it and edit the next or previous cell; after the last cell of the last member
  Tab leaves the table (to "Thêm thành viên"), before the first cell Shift+Tab leaves it
  backwards. A member is typed in one run: name, Tab, relation, Tab, gender, Tab, birth year.
- Ctrl+Insert adds a member (and edits the new name), Ctrl+Delete removes the current one;
  both work while a cell is being edited too.
- No other key changes a value: typing on a cell that is not being edited does not start editing
  it (a Space used to replace a gender with a blank), the gender is chosen from a list, and the
  birth year takes digits only.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QWidget,
)

from gui.i18n import N_, tr
from gui.widgets.focus_frame import paint_current_cell

NO_GENDER = "—"
GENDERS = (("", NO_GENDER), ("nam", N_("Nam")), ("nu", N_("Nữ")))
MEMBER_COLUMNS = (N_("Họ và tên"), N_("Quan hệ với chủ hộ"), N_("Giới tính"), N_("Năm sinh"))
GENDER_COLUMN = 2
YEAR_COLUMN = 3
ADD_MEMBER_SHORTCUT = "Ctrl+Ins"
REMOVE_MEMBER_SHORTCUT = "Ctrl+Del"


def gender_code(text: str) -> str | None:
    """The gender code of a member's gender cell: Vietnamese (with or without accents) or the
    interface language's word, as the cell shows it; None when blank or not understood."""
    words = {"nam": "nam", "nữ": "nu", "nu": "nu"}
    words.update({tr(label).lower(): code for code, label in GENDERS if code})
    return words.get(text.strip().lower())


def gender_text(code: str | None) -> str:
    """What a gender cell shows for a code ('' for none)."""
    label = dict(GENDERS).get(code or "", NO_GENDER)
    return "" if label == NO_GENDER else tr(label)


def _is_member_key(event: QKeyEvent) -> bool:
    """Whether a key event is one of the table's add/remove keys."""
    pressed = QKeySequence(event.keyCombination())
    return pressed in (QKeySequence(ADD_MEMBER_SHORTCUT), QKeySequence(REMOVE_MEMBER_SHORTCUT))


class _MemberKeysThrough(QObject):
    """On a cell editor: lets Ctrl+Insert and Ctrl+Delete reach the table's shortcuts (a line
    edit would take them as Copy and Delete word)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if _is_member_key(event):
                return True  # not accepted: the shortcut map goes on to the shortcut
        return False


class MemberDelegate(QStyledItemDelegate):
    """Editors of the member cells (a list for the gender, digits for the year) and the frame
    of the current cell."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys_through = _MemberKeysThrough(self)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        if index.column() == GENDER_COLUMN:
            combo = QComboBox(parent)
            for code, label in GENDERS:
                combo.addItem(tr(label), code)
            editor: QWidget = combo
        else:
            editor = super().createEditor(parent, option, index)
            if index.column() == YEAR_COLUMN and isinstance(editor, QLineEdit):
                editor.setValidator(QRegularExpressionValidator(
                    QRegularExpression(r"\d{0,4}"), editor))
        editor.installEventFilter(self._keys_through)
        return editor

    def setEditorData(self, editor: QWidget,  # noqa: N802 - Qt's name
                      index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            code = gender_code(str(index.data() or "")) or ""
            editor.setCurrentIndex(max(0, editor.findData(code)))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, gender_text(editor.currentData()))
            return
        super().setModelData(editor, model, index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        view = option.widget  # type: ignore[attr-defined]
        if isinstance(view, QAbstractItemView):
            paint_current_cell(painter, option, view, index.row(), index.column())


class MembersTable(QTableWidget):
    """The members of one household (the head not included), one row each."""

    # Enter on an empty table: the form adds the first member (and may raise the member count).
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(MEMBER_COLUMNS), parent)
        self.setHorizontalHeaderLabels([tr(column) for column in MEMBER_COLUMNS])
        self.setItemDelegate(MemberDelegate(self))
        # Tab leaves the table instead of walking its cells (and wrapping round to the first).
        self.setTabKeyNavigation(False)
        # Editing starts only on purpose: not on any key (a Space blanked the cell).
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        # One cell is current and shown as such; the row of a removal is the current cell's.
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def is_editing(self) -> bool:
        """Whether a cell editor is open."""
        return self.state() == QAbstractItemView.State.EditingState

    def commit_editing(self) -> None:
        """Keep what an open cell editor holds (before saving, adding or removing a row)."""
        if not self.is_editing():
            return
        editor = QApplication.focusWidget()
        if editor is None or not self.viewport().isAncestorOf(editor):
            editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def edit_cell(self, row: int, column: int) -> None:
        """Make a cell current and open its editor."""
        self.setCurrentCell(row, column)
        item = self.item(row, column)
        if item is not None:
            self.editItem(item)

    def closeEditor(self, editor: QWidget,  # noqa: N802 - Qt's name
                    hint: QAbstractItemDelegate.EndEditHint) -> None:
        current = self.currentIndex()
        last_row, last_column = self.rowCount() - 1, self.columnCount() - 1
        leave: bool | None = None  # True: forwards, False: backwards
        if hint == QAbstractItemDelegate.EndEditHint.EditNextItem and (
                current.row(), current.column()) == (last_row, last_column):
            leave = True
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem and (
                current.row(), current.column()) == (0, 0):
            leave = False
        if leave is None:
            super().closeEditor(editor, hint)
            return
        # Qt's table would wrap round to the other end: the official would never get out.
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.focusNextPrevChild(leave)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Never the form's Enter (Save) from inside the table.
            event.accept()
            if self.is_editing():
                return
            if self.rowCount() == 0:
                self.add_requested.emit()
                return
            current = self.currentIndex()
            self.edit_cell(max(0, current.row()), max(0, current.column()))
            return
        if control and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            event.accept()
            self.focusNextPrevChild(key == Qt.Key.Key_Tab
                                    and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return
        super().keyPressEvent(event)
