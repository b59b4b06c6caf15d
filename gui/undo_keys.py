"""Which undo Ctrl+Z means in the main window: the last change to the data, or the typing in the
text field that has the focus.

Qt gives Ctrl+Z to any focused line edit that has an undo history of its own, before the
window's shortcuts: after Ctrl+F the search box took it and took back the query, while the
official meant the household just saved. The rule now, for every text field of the window
(line edits, also inside spin boxes and editable combo boxes, and plain or rich text edits):

- The field keeps Ctrl+Z while it holds typing of this visit: its text differs from the text it
  had when it got the focus, and it can undo. So typing "nguyen" and pressing Ctrl+Z takes the
  typing back, as in any text field.
- Otherwise Ctrl+Z is "Hoàn tác" (the last change to the data): right after Ctrl+F, after Tab
  into a field, after coming back from a dialog, and once the typing of this visit has been
  undone. The typing of the visit is then closed: the text at that moment counts as the start.
- The redo keys (Ctrl+Shift+Z, Ctrl+Y) go to the field only after a Ctrl+Z that the field took
  in this visit, while it can redo; otherwise they are "Làm lại".

Dialogs are not concerned: they have no data undo of their own, their fields keep Ctrl+Z.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

TextField = QLineEdit | QPlainTextEdit | QTextEdit


def text_field_of(widget: QWidget | None) -> TextField | None:
    """The text field that a focus widget types into (a spin box's or an editable combo box's
    line edit), or None when the widget has no text of its own."""
    if widget is None:
        return None
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return widget
    if isinstance(widget, QComboBox):
        return widget.lineEdit() if widget.isEditable() else None
    if isinstance(widget, QAbstractSpinBox):
        return widget.findChild(QLineEdit)
    return None


def _text(field: TextField) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


def _can_undo(field: TextField) -> bool:
    if isinstance(field, QLineEdit):
        return field.isUndoAvailable() and not field.isReadOnly()
    return field.document().isUndoAvailable() and not field.isReadOnly()


def _can_redo(field: TextField) -> bool:
    if isinstance(field, QLineEdit):
        return field.isRedoAvailable() and not field.isReadOnly()
    return field.document().isRedoAvailable() and not field.isReadOnly()


class UndoKeys(QObject):
    """Routes the undo and redo keys of ``window`` by the rule above; a child of the window.

    Only the focus widget is watched (an event filter moved with the focus): nothing is spent
    on the events of other widgets.
    """

    def __init__(self, window: QWidget, undo_action: QAction, redo_action: QAction) -> None:
        super().__init__(window)
        self._window = window
        self._undo_action = undo_action
        self._redo_action = redo_action
        self._widget: QWidget | None = None  # the focus widget, when it is a text field's
        self._start = ""  # the field's text when the visit began
        self._undone_in_field = False  # a Ctrl+Z of this visit went to the field
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self._on_focus_changed(None, QApplication.focusWidget())

    def field_owns(self, undo: bool) -> bool:
        """Whether the undo (else the redo) key goes to the focused text field now."""
        field = self._field()
        if field is None:
            return False
        if undo:
            return _text(field) != self._start and _can_undo(field)
        return self._undone_in_field and _can_redo(field)

    def _field(self) -> TextField | None:
        if self._widget is None or not isValid(self._widget):
            return None
        field = text_field_of(self._widget)
        return field if field is not None and isValid(field) else None

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self):
            return
        if self._widget is not None and isValid(self._widget):
            self._widget.removeEventFilter(self)
        self._widget = None
        if new is None or not isValid(new) or new.window() is not self._window:
            return
        field = text_field_of(new)
        if field is None:
            return
        self._widget = new
        self._begin_visit(field)
        new.installEventFilter(self)

    def _begin_visit(self, field: TextField) -> None:
        self._start = _text(field)
        self._undone_in_field = False

    def _which(self, event: QKeyEvent) -> bool | None:
        """True for an undo key, False for a redo key, None for any other key."""
        pressed = QKeySequence(event.keyCombination())
        if pressed in self._undo_action.shortcuts():
            return True
        if pressed in self._redo_action.shortcuts():
            return False
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if watched is not self._widget or not isinstance(event, QKeyEvent):
            return False
        undo = self._which(event)
        if undo is None:
            return False
        field = self._field()
        if field is None:
            return False
        if self.field_owns(undo):
            if undo and kind == QEvent.Type.KeyPress:
                self._undone_in_field = True
            return False  # the field takes it as its own Ctrl+Z
        if kind == QEvent.Type.ShortcutOverride:
            # Not accepted: Qt goes on to the window's shortcut, "Hoàn tác" or "Làm lại". The
            # typing of this visit ends here.
            self._begin_visit(field)
            return True
        # A key press means no shortcut took the key (nothing to undo in the data): the
        # field must not take it either, or Ctrl+Z would change it after all.
        return True
