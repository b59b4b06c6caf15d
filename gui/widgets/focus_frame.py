"""A focus frame that every style shows: a coloured border around the widget that has the
keyboard focus in one window.

Qt's own focus indication depends on the style: Fusion and the Windows styles show a faint
outline on line edits and a dotted rectangle (or nothing) on check boxes and buttons, which an
official working with the keyboard cannot follow on a worn laptop screen. A style sheet could
draw a border, but styling the border of a combo box or a spin box takes their arrows away. So
the frame is a child widget of the window, drawn over the focus widget's edge and transparent
for the mouse; it follows the focus from widget to widget.

The current cell of a table is highlighted by the table's delegate (see
``paint_current_cell``): the frame shows which widget has the focus, the cell frame which cell
of it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyleOptionViewItem,
    QWidget,
)
from shiboken6 import isValid

# A strong blue that stays visible on white fields, grey buttons and the selection colour.
FOCUS_COLOR = QColor("#0b5cd5")
FOCUS_WIDTH = 2
# The frame lies this far outside the widget (its margin to the neighbours is usually 4-6 px)
# and the rest of its width over the widget's own border.
OUTSET = 1

# Events of the focus widget or one of its parents that move it on the screen.
_GEOMETRY_EVENTS = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide,
                    QEvent.Type.LayoutRequest)


class FocusFrame(QWidget):
    """The frame of one window (a dialog or the main window): create it with the window as
    parent; it shows itself around the window's focus widget and hides while the focus is
    elsewhere (another window, no focus)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focus_frame")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: QWidget | None = None
        self._watched: list[QWidget] = []
        self.hide()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self._on_focus_changed(None, QApplication.focusWidget())

    def target(self) -> QWidget | None:
        """The widget the frame is drawn around (None while hidden)."""
        return self._target if self._target is not None and isValid(self._target) else None

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self):
            return
        self._unwatch()
        window = self.window()
        if new is None or not isValid(new) or new is self or new.window() is not window:
            self._target = None
            self.hide()
            return
        self._target = new
        # Moving any parent moves the widget without a Move event of its own.
        widget: QWidget | None = new
        while widget is not None and widget is not window:
            widget.installEventFilter(self)
            self._watched.append(widget)
            widget = widget.parentWidget()
        window.installEventFilter(self)
        self._watched.append(window)
        self._place()

    def _unwatch(self) -> None:
        for widget in self._watched:
            if isValid(widget):
                widget.removeEventFilter(self)
        self._watched = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _GEOMETRY_EVENTS:
            self._place()
        return False

    def _place(self) -> None:
        target = self.target()
        if target is None or not target.isVisible():
            self.hide()
            return
        window = self.window()
        # Only the part of the widget that can be seen (a scrolled field is partly hidden).
        visible = target.visibleRegion().boundingRect()
        if visible.isEmpty():
            self.hide()
            return
        top_left = target.mapTo(window, visible.topLeft())
        rect = QRect(top_left, visible.size()).adjusted(-OUTSET, -OUTSET, OUTSET, OUTSET)
        self.setGeometry(rect.intersected(window.rect()))
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(FOCUS_COLOR, FOCUS_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # A pen of width 2 on integer coordinates covers the pixel row and the one before it.
        half = FOCUS_WIDTH // 2
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))
        painter.end()


def paint_current_cell(painter: QPainter, option: QStyleOptionViewItem,
                       view: QAbstractItemView, row: int, column: int) -> None:
    """Draw the focus frame around a view's current cell while the view has the focus (call it
    from a delegate's ``paint`` after the cell is drawn)."""
    current = view.currentIndex()
    if not (view.hasFocus() and current.isValid()
            and current.row() == row and current.column() == column):
        return
    painter.save()
    pen = QPen(FOCUS_COLOR, FOCUS_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = FOCUS_WIDTH // 2
    painter.drawRect(option.rect.adjusted(half, half, -half, -half))
    painter.restore()

