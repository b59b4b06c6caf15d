"""A dialog that runs its work in the background and cannot be closed while it does.

The exchange dialogs (export, import, the set-up packages) hand the store to a worker thread;
closing the dialog meanwhile would drop the result on the floor, so Esc, the close button and
the title bar wait until the work has ended.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from gui.background import Progress, run_in_background

T = TypeVar("T")


def message_label(style: str = "", selectable: bool = False) -> QLabel:
    """The word-wrapped label where a dialog says how its work went (or what is missing)."""
    label = QLabel()
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    if selectable:
        # Error texts name files and folders the official may want to copy.
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class BackgroundDialog(QDialog):
    """Runs one piece of work at a time with ``run_work``; ``busy`` while it runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._busy = False

    @property
    def busy(self) -> bool:
        """Whether the work is running (the dialog cannot close meanwhile)."""
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        """Mark the work running or ended; dialogs extend this to enable their buttons."""
        self._busy = busy

    def run_work(self, title: str, work: Callable[[Progress], T], on_done: Callable[[T], None],
                 on_error: Callable[[BaseException], None]) -> None:
        """Run ``work`` in the background; the dialog is idle again before either callback."""
        self._set_busy(True)

        def done(result: T) -> None:
            self._set_busy(False)
            on_done(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            on_error(error)

        run_in_background(self, title, work, done, failed)

    def reject(self) -> None:
        # The worker still uses the store: closing now would lose the result.
        if not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)
