"""Automatic backups while the program runs: every 30 minutes while there are changes, and on
exit; the backups folder is thinned after each (storage.backup.thin_backups says the policy).

"Changes" are read from the store's change number, which every saved action raises, so edits
made anywhere (a form, a dialog, an import) count without each one telling this module.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from gui.background import jobs_running
from gui.i18n import tr
from storage.backup import copy_to_folder, extra_folder, list_backups, make_backup
from storage.errors import StoreError
from storage.sealed_backup import PassphraseMissing
from storage.store import Store

if TYPE_CHECKING:
    from gui.main_window import MainWindow

INTERVAL_MS = 30 * 60 * 1000
# How long the "backed up" note stays in the status bar.
STATUS_MS = 10_000
APP_TITLE = "Tự Quản"

_log = logging.getLogger("tuquan.backup")


class AutoBackup(QObject):
    """Backs up the store of the main window ``window``.

    A child of the window: it lives and stops with it. ``window.findChild(AutoBackup)`` finds
    it (the backups dialog tells it when a backup or a restore was made).
    """

    backed_up = Signal(str)
    failed = Signal(str)

    def __init__(self, window: MainWindow, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.last_seq = self.store.change_seq
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.on_timer)
        self.timer.start()

    @property
    def store(self) -> Store:
        """The window's store (read each time: a restore gives the window a new one)."""
        return self.window.store

    def has_changes(self) -> bool:
        """Whether data changed since the last backup (or since the file was opened)."""
        return self.store.change_seq != self.last_seq

    def mark_backed_up(self) -> None:
        """Count the current state as backed up (after a backup or restore made elsewhere)."""
        self.last_seq = self.store.change_seq

    @Slot()
    def on_timer(self) -> None:
        """Every interval: back up when something changed."""
        # A background job is using the store (from a dialog too, which leaves the main window
        # enabled): next time.
        if self.window.isEnabled() and not jobs_running() and self.has_changes():
            self.backup("auto")

    def backup(self, reason: str) -> Path | None:
        """Back up now and thin the folder; None (and a note in the status bar) on failure."""
        if self.store.path is None:
            return None
        seq = self.store.change_seq
        try:
            path = make_backup(self.store, reason)
        except StoreError as error:
            _log.warning("Sao lưu tự động không thành công: %s", error)
            self.window.statusBar().showMessage(
                tr("Sao lưu tự động không thành công: {error}").format(error=error))
            self.failed.emit(str(error))
            return None
        self.last_seq = seq
        self.window.statusBar().showMessage(
            tr("Đã sao lưu tự động lúc {time}").format(
                time=datetime.datetime.now().strftime("%H:%M")), STATUS_MS)
        self.backed_up.emit(str(path))
        return path

    def backup_on_exit(self) -> Path | None:
        """When the program closes: back up if anything changed (or no backup exists yet).

        Also puts an encrypted copy into the remembered extra folder when it is there (the USB
        stick is plugged in). A failure is shown: the official should know before switching
        off.
        """
        store = self.store
        if store.path is None:
            return None
        if not self.has_changes() and list_backups(store.path, check_opens=False):
            return None
        path = self.backup("exit")
        if path is None:
            self.warn(tr("Không sao lưu được khi thoát. Dữ liệu đã lưu vẫn nguyên vẹn trong"
                         " tệp {path}; hãy sao lưu bằng tay (Tệp → Sao lưu và khôi phục) ở lần"
                         " mở sau.").format(path=store.path))
            return None
        folder = extra_folder(store)
        if folder is not None and folder.is_dir():
            try:
                # Encrypted for the backup key: no passphrase is asked here.
                copy_to_folder(store, folder)
            except PassphraseMissing:
                # The stick gets nothing until a passphrase is set: the official should know.
                self.warn(tr("Chưa chép bản sao lưu vào {folder} vì chưa đặt mật khẩu cho bản"
                             " sao mang ra ngoài (bản sao ra USB được mã hóa). Quản trị viên"
                             " hãy đặt ở Tệp → Sao lưu và khôi phục.").format(folder=folder))
            except StoreError as error:
                _log.warning("Không chép được bản sao lưu thêm vào %s: %s", folder, error)
        return path

    def warn(self, text: str) -> None:
        """Show a warning (tests replace this)."""
        QMessageBox.warning(None, APP_TITLE, text)


def backup_on_exit(window: MainWindow) -> None:
    """The exit backup of the window's AutoBackup, if it has one."""
    auto = window.findChild(AutoBackup)
    if isinstance(auto, AutoBackup):
        auto.backup_on_exit()
