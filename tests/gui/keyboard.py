"""Typing Vietnamese text in GUI tests."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into a widget key by key, as a Vietnamese keyboard (IME) delivers it.

    QTest's keyClicks only knows ASCII keys; an event carrying the character itself is what a
    Telex/VNI input method sends, so this exercises the same path as a real official typing.
    """
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character)
            )
