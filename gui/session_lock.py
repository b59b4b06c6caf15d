"""Locking an idle session: after some minutes without a key press or a mouse move anywhere in
the program, the window hides its data and asks the signed-in person's password again.

Office PCs are shared and left on; a locked session keeps everything as it was (open forms,
the undo history), only the password brings it back.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QToolBar

from gui.background import jobs_running
from gui.dialogs.login_dialog import LoginDialog
from gui.session import Session, session_of
from storage.accounts import Account
from storage.store import Store

SETTINGS_LOCK_MINUTES = "session/lock_minutes"
DEFAULT_LOCK_MINUTES = 15
# The choices the settings menu offers (0: never).
LOCK_CHOICES = (5, 15, 30, 60, 0)
CHECK_INTERVAL_MS = 15_000
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
})


def lock_minutes() -> int:
    """Minutes of no input before the session locks (0: never), from the settings."""
    value = QSettings().value(SETTINGS_LOCK_MINUTES, DEFAULT_LOCK_MINUTES)
    try:
        minutes = int(str(value))
    except ValueError:
        return DEFAULT_LOCK_MINUTES
    return max(0, minutes)


def save_lock_minutes(minutes: int) -> None:
    """Remember the idle time before locking (0: never)."""
    QSettings().setValue(SETTINGS_LOCK_MINUTES, int(minutes))


class SessionLock(QObject):
    """Watches the whole application's input and locks ``window`` when it has been idle.

    Only a signed-in session locks (a store without an account has nobody to ask for).
    ``clock`` gives seconds (tests move it); ``make_dialog`` builds the lock screen.
    """

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, store: Session | Store,
                 clock: Callable[[], float] = time.monotonic,
                 make_dialog: Callable[[], LoginDialog] | None = None) -> None:
        super().__init__(window)
        self.window = window
        # The session, never the store itself: after a restore the store is another one.
        self._session = session_of(store)
        self.clock = clock
        self.make_dialog = make_dialog
        self.last_input = clock()
        self.dialog: LoginDialog | None = None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    @property
    def store(self) -> Store:
        """The session's store now (a restore replaces it)."""
        return self._session.store

    @property
    def locked(self) -> bool:
        """Whether the lock screen is showing."""
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Called for every event of the program: only note the time of real input.
        if event.type() in _INPUT_EVENTS and self.dialog is None:
            self.last_input = self.clock()
        return False

    @Slot()
    def check(self) -> bool:
        """Lock when the idle time has passed; True when it locked now."""
        minutes = lock_minutes()
        if self.locked or not minutes or self.store.account is None:
            return False
        if jobs_running():
            # Long work (an import, a report) counts as use: the lock screen would read the
            # store while the job writes it.
            self.last_input = self.clock()
            return False
        if self.clock() - self.last_input < minutes * 60:
            return False
        self.lock()
        return True

    def lock(self) -> LoginDialog | None:
        """Hide the data and show the lock screen of the signed-in account."""
        account: Account | None = self.store.account
        if account is None or self.dialog is not None:
            return self.dialog
        self._show_data(False)
        dialog = (self.make_dialog() if self.make_dialog is not None
                  else LoginDialog(self.store, locked_user=account.username, parent=self.window))
        dialog.setModal(True)
        dialog.finished.connect(self._on_finished)
        self.dialog = dialog
        self.locked_changed.emit(True)
        dialog.open()
        return dialog

    @Slot(int)
    def _on_finished(self, result: int) -> None:
        self.dialog = None
        if result != QDialog.DialogCode.Accepted:
            # "Thoát chương trình": close the window (it asks about anything unsaved); if it
            # stays open, it stays locked.
            self.window.close()
            if self.window.isVisible():
                self.lock()
            return
        self.unlock()

    def unlock(self) -> None:
        """Show the data again (after the password was given)."""
        self._show_data(True)
        self.last_input = self.clock()
        self.locked_changed.emit(False)

    def _show_data(self, visible: bool) -> None:
        central = self.window.centralWidget()
        if central is not None:
            central.setVisible(visible)
        self.window.menuBar().setEnabled(visible)
        for toolbar in self.window.findChildren(QToolBar):
            toolbar.setEnabled(visible)
