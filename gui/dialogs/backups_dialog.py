"""The backups of the open database: list, back up now, an extra copy to a folder (a USB stick),
restore one (after backing up the current state), open one read-only to look at it.

The extra copy leaves the data folder, so it is encrypted (storage/sealed_backup.py): the
administrator sets its passphrase here once; restoring or opening an encrypted copy asks for
it. A copy can also be restored from any file (a copy brought from another computer).

Restoring closes the window's store, replaces the file (storage.backup.restore_backup) and
opens it again; the window then shows the restored data (MainWindow.replace_store).
"""

from __future__ import annotations

import atexit
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from gui.auto_backup import AutoBackup
from gui.background import Progress, run_in_background
from gui.dialogs.passphrase_dialog import ask_new_passphrase, ask_passphrase, copy_prompt
from gui.i18n import N_, tr
from gui.messages import ask
from storage.backup import (
    BackupInfo,
    ReadOnlyCopy,
    RestoreResult,
    backup_folder,
    copy_to_folder,
    extra_folder,
    list_backups,
    make_backup,
    open_backup_readonly,
    restore_backup,
)
from storage.errors import StoreError
from storage.sealed_backup import (
    SEALED_SUFFIX,
    WrongPassphrase,
    has_passphrase,
    is_sealed_copy,
    local_time,
    passphrase_set_at,
    set_passphrase,
    unlock,
)
from storage.store import Store
from storage.text import format_decimal

if TYPE_CHECKING:
    from gui.main_window import MainWindow

APP_TITLE = "Tự Quản"
# Why a backup was made (storage.backup.REASONS), in words.
REASON_LABELS = {
    "manual": N_("Sao lưu tay"),
    "auto": N_("Tự động (30 phút một lần)"),
    "exit": N_("Khi thoát chương trình"),
    "extra": N_("Bản thêm ra thư mục khác"),
    "before-migration": N_("Trước khi nâng cấp dữ liệu"),
    "before-import": N_("Trước khi nhập gói"),
    "before-restore": N_("Trước khi khôi phục"),
    "before-repair": N_("Trước khi sửa lỗi dữ liệu"),
}
COLUMNS = (N_("Thời gian"), N_("Lý do"), N_("Dung lượng"), N_("Tình trạng"))
COLUMN_TIME, COLUMN_REASON, COLUMN_SIZE, COLUMN_STATE = range(4)

# Backups opened to look at, with their windows: kept referenced while open, removed (and
# their temporary copies deleted) when the window closes or the program ends.
_viewers: dict[int, tuple[MainWindow, ReadOnlyCopy]] = {}


def reason_text(reason: str) -> str:
    """Why a backup was made, in the interface language."""
    return tr(REASON_LABELS[reason]) if reason in REASON_LABELS else reason


def size_text(size: int) -> str:
    """A file size for people: "1,2 MB", "340 KB"."""
    if size >= 1_000_000:
        return f"{format_decimal(size / 1_000_000, 1)} MB"
    return f"{max(1, round(size / 1000))} KB"


def time_text(info: BackupInfo) -> str:
    """When the backup was made (dd/mm/yyyy hh:mm:ss, local time)."""
    return info.made_at.strftime("%d/%m/%Y %H:%M:%S")


class BackupsDialog(QDialog):
    """The backups of ``window``'s database, newest first, and what can be done with them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main_window = window
        self.backups: list[BackupInfo] = []
        self.setWindowTitle(tr("Sao lưu và khôi phục"))
        self.resize(760, 460)

        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(title) for title in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COLUMN_REASON, QHeaderView.ResizeMode.Stretch)
        for column in (COLUMN_TIME, COLUMN_SIZE, COLUMN_STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.restore_button = QPushButton(tr("&Khôi phục bản này…"))
        self.restore_button.setToolTip(tr("Thay dữ liệu đang dùng bằng bản sao lưu đã chọn;"
                                          " dữ liệu hiện tại được sao lưu trước"))
        self.view_button = QPushButton(tr("&Mở để xem"))
        self.view_button.setToolTip(tr("Mở bản sao lưu đã chọn ở cửa sổ riêng, chỉ để xem"))
        self.backup_button = QPushButton(tr("&Sao lưu ngay"))
        self.extra_button = QPushButton(tr("Sao lưu thêm vào &thư mục…"))
        self.extra_button.setToolTip(tr("Chép một bản sao lưu mã hóa vào thư mục khác, ví dụ"
                                        " USB"))
        self.passphrase_button = QPushButton(tr("Đặt mật khẩu cho bản sao mang ra ng&oài…"))
        self.passphrase_button.setToolTip(tr("Bản sao chép ra ngoài thư mục dữ liệu được mã hóa"
                                             " bằng mật khẩu này (chỉ quản trị viên đặt)"))
        self.file_button = QPushButton(tr("Khôi phục từ tệ&p…"))
        self.file_button.setToolTip(tr("Khôi phục từ một tệp sao lưu chọn trên máy hoặc USB"
                                       " (ví dụ bản sao mã hóa mang từ máy khác)"))
        close_button = QPushButton(tr("Đóng"))

        self.restore_button.clicked.connect(self.restore_selected)
        self.view_button.clicked.connect(self.view_selected)
        self.backup_button.clicked.connect(self.backup_now)
        self.extra_button.clicked.connect(self.copy_to_extra_folder)
        self.passphrase_button.clicked.connect(self.set_backup_passphrase)
        self.file_button.clicked.connect(self.restore_from_file)
        close_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.view_selected())

        buttons = QHBoxLayout()
        for button in (self.backup_button, self.extra_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.view_button, self.restore_button, close_button):
            buttons.addWidget(button)
        more = QHBoxLayout()
        more.addWidget(self.passphrase_button)
        more.addStretch(1)
        more.addWidget(self.file_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(more)
        layout.addLayout(buttons)
        self.refresh()

    @property
    def store(self) -> Store:
        """The window's store (a restore replaces it)."""
        return self.main_window.store

    # -- the list --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the backups folder (and the extra folder, when it is there) again."""
        path = self.store.path
        self.backups = list_backups(path) if path is not None else []
        if path is not None:
            text = tr("Thư mục sao lưu: {folder}").format(folder=backup_folder(path))
            extra = extra_folder(self.store)
            if extra is not None:
                text += "\n" + tr("Thư mục sao lưu thêm: {folder}").format(folder=extra)
                if extra.is_dir() and extra.resolve() != backup_folder(path).resolve():
                    self.backups += list_backups(path, extra)
                    self.backups.sort(key=lambda info: (info.made_at, info.path.name),
                                      reverse=True)
            set_at = passphrase_set_at(self.store)
            text += "\n" + (tr("Bản sao mang ra ngoài được mã hóa; mật khẩu đặt ngày {day}.")
                            .format(day=local_time(set_at)[:10]) if set_at else
                            tr("Chưa đặt mật khẩu cho bản sao mang ra ngoài: chưa chép được"
                               " bản sao ra USB."))
            self.folder_label.setText(text)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            if info.encrypted:
                state = tr("Mã hóa, cần mật khẩu") if info.opens else tr("Hỏng, không mở được")
            else:
                state = tr("Mở được") if info.opens else tr("Hỏng, không mở được")
            texts = (time_text(info), reason_text(info.reason), size_text(info.size), state)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == COLUMN_SIZE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(str(info.path))
                self.table.setItem(row, column, item)
        if self.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        """The backup chosen in the list."""
        row = self.table.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def select_backup(self, path: Path) -> bool:
        """Choose the backup ``path`` in the list; False when it is not listed."""
        for row, info in enumerate(self.backups):
            if info.path == Path(path):
                self.table.selectRow(row)
                return True
        return False

    def is_admin(self) -> bool:
        """Whether the one working is the administrator (or nobody signs in on this machine)."""
        account = getattr(self.store, "account", None)
        return account is None or bool(getattr(account, "is_admin", True))

    @Slot()
    def _update_buttons(self) -> None:
        info = self.selected()
        usable = info is not None and info.opens
        self.view_button.setEnabled(usable)
        # Replacing everyone's data is the administrator's decision when accounts are used;
        # so is the passphrase that protects it outside.
        self.restore_button.setEnabled(usable and self.is_admin())
        self.file_button.setEnabled(self.is_admin())
        self.passphrase_button.setEnabled(self.is_admin())

    # -- making backups --------------------------------------------------------------------

    @Slot()
    def backup_now(self) -> Path | None:
        """Back up now into the backups folder."""
        try:
            path = make_backup(self.store, "manual")
        except StoreError as error:
            self.show_error(str(error))
            return None
        _mark_backed_up(self.main_window)
        self.refresh()
        self.select_backup(path)
        self.status_label.setText(tr("Đã sao lưu vào {path}").format(path=path))
        return path

    def choose_folder(self, start: Path | None) -> Path | None:
        """Ask for the folder of the extra copy (tests replace this)."""
        folder = QFileDialog.getExistingDirectory(
            self, tr("Chọn thư mục nhận bản sao lưu (ví dụ USB)"), str(start or Path.home()))
        return Path(folder) if folder else None

    def ask_new_passphrase(self, replacing: bool) -> str | None:
        """Ask the administrator for the passphrase to set (tests replace this)."""
        return ask_new_passphrase(self, replacing)

    @Slot()
    def set_backup_passphrase(self) -> bool:
        """Set (or change) the passphrase of the copies that leave the data folder."""
        if not self.is_admin():
            self.show_error(tr("Chỉ quản trị viên mới đặt được mật khẩu cho bản sao lưu."))
            return False
        passphrase = self.ask_new_passphrase(has_passphrase(self.store))
        if passphrase is None:
            return False
        try:
            set_passphrase(self.store, passphrase)
        except StoreError as error:
            self.show_error(str(error))
            return False
        self.refresh()
        self.status_label.setText(tr("Đã đặt mật khẩu cho bản sao mang ra ngoài. Hãy ghi mật"
                                     " khẩu ra giấy và cất nơi an toàn."))
        return True

    @Slot()
    def copy_to_extra_folder(self) -> Path | None:
        """Put an encrypted extra copy into a folder the user picks (remembered for next time).

        Without a passphrase the administrator is asked to set one first.
        """
        if not has_passphrase(self.store):
            if not self.is_admin():
                self.show_error(tr(
                    "Chưa đặt mật khẩu cho bản sao mang ra ngoài, nên chưa chép được bản sao"
                    " ra thư mục khác. Hãy nhờ quản trị viên đặt mật khẩu."))
                return None
            if not self.set_backup_passphrase():
                return None
        folder = self.choose_folder(extra_folder(self.store))
        if folder is None:
            return None
        try:
            path = copy_to_folder(self.store, folder)
        except StoreError as error:
            self.show_error(str(error))
            return None
        self.refresh()
        self.status_label.setText(tr("Đã chép bản sao lưu vào {path}").format(path=path))
        return path

    # -- restoring and looking -------------------------------------------------------------

    def confirm_restore(self, info: BackupInfo) -> bool:
        """Ask before restoring (tests replace this)."""
        return ask(
            self, tr("Khôi phục bản sao lưu"),
            tr("Thay toàn bộ dữ liệu đang dùng bằng bản sao lưu lúc {time} ({reason})?\n\n"
               "Dữ liệu hiện tại được sao lưu trước (lý do \"Trước khi khôi phục\"), nên có thể"
               " lấy lại nếu cần. Mọi thay đổi sau thời điểm của bản sao lưu sẽ không còn trong"
               " dữ liệu đang dùng.").format(time=time_text(info),
                                              reason=reason_text(info.reason)),
            tr("Khôi phục"), tr("Không khôi phục"))

    def ask_passphrase(self, text: str, error: str) -> str | None:
        """Ask for the passphrase of an encrypted copy (tests replace this)."""
        return ask_passphrase(self, text, error)

    def passphrase_for(self, path: Path) -> str | None:
        """The passphrase that opens the encrypted copy ``path``, asked until it is right;
        None when the user gives up (or the copy is damaged: that is said)."""
        try:
            text = copy_prompt(path)
        except StoreError as error:
            self.show_error(str(error))
            return None
        error = ""
        while True:
            passphrase = self.ask_passphrase(text, error)
            if passphrase is None:
                return None
            try:
                unlock(path, passphrase)
            except WrongPassphrase as wrong:
                error = str(wrong)
                continue
            except StoreError as failure:
                self.show_error(str(failure))
                return None
            return passphrase

    @Slot()
    def restore_selected(self) -> bool:
        """Restore the chosen backup after a confirmation; False when nothing was started."""
        info = self.selected()
        if info is None or not info.opens or not self.confirm_restore(info):
            return False
        passphrase = self.passphrase_for(info.path) if info.encrypted else None
        if info.encrypted and passphrase is None:
            return False
        self.setEnabled(False)
        restore_into_window(self.main_window, info.path, self._restored, passphrase)
        return True

    def choose_backup_file(self) -> Path | None:
        """Ask for a backup file to restore (tests replace this)."""
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("Chọn tệp sao lưu để khôi phục"), str(Path.home()),
            tr("Bản sao lưu (*{sealed} *.sqlite);;Mọi tệp (*)").format(sealed=SEALED_SUFFIX))
        return Path(path) if path else None

    def confirm_restore_file(self, path: Path) -> bool:
        """Ask before restoring from a chosen file (tests replace this)."""
        return ask(
            self, tr("Khôi phục bản sao lưu"),
            tr("Thay toàn bộ dữ liệu đang dùng bằng bản sao lưu {name}?\n\n"
               "Dữ liệu hiện tại được sao lưu trước (lý do \"Trước khi khôi phục\"), nên có thể"
               " lấy lại nếu cần.").format(name=path.name),
            tr("Khôi phục"), tr("Không khôi phục"))

    @Slot()
    def restore_from_file(self) -> bool:
        """Restore a backup file the user picks (an encrypted copy asks for its passphrase)."""
        if not self.is_admin():
            return False
        path = self.choose_backup_file()
        if path is None or not self.confirm_restore_file(path):
            return False
        passphrase = None
        if path.name.endswith(SEALED_SUFFIX) or is_sealed_copy(path):
            passphrase = self.passphrase_for(path)
            if passphrase is None:
                return False
        self.setEnabled(False)
        restore_into_window(self.main_window, path, self._restored, passphrase)
        return True

    def _restored(self, result: RestoreResult | None, error: StoreError | None) -> None:
        self.setEnabled(True)
        self.refresh()
        if error is not None:
            self.show_error(str(error))
            return
        assert result is not None
        text = tr("Đã khôi phục từ {backup}.").format(backup=result.restored_from.name)
        if result.saved_current is not None:
            text += " " + tr("Dữ liệu trước đó được cất vào {path}.").format(
                path=result.saved_current.name)
        self.status_label.setText(text)

    @Slot()
    def view_selected(self) -> MainWindow | None:
        """Open the chosen backup read-only in a window of its own."""
        info = self.selected()
        if info is None or not info.opens:
            return None
        passphrase = self.passphrase_for(info.path) if info.encrypted else None
        if info.encrypted and passphrase is None:
            return None
        try:
            copy = open_backup_readonly(info.path, passphrase)
        except StoreError as error:
            self.show_error(str(error))
            return None
        return open_viewer(copy, info)

    def show_error(self, text: str) -> None:
        """Show an error (tests replace this)."""
        QMessageBox.warning(self, tr("Sao lưu và khôi phục"), text)


def _mark_backed_up(window: MainWindow) -> None:
    auto = window.findChild(AutoBackup)
    if isinstance(auto, AutoBackup):
        auto.mark_backed_up()


RestoreCallback = Callable[[RestoreResult | None, StoreError | None], None]


def restore_into_window(window: MainWindow, backup: Path,
                        on_finished: RestoreCallback | None = None,
                        passphrase: str | None = None) -> None:
    """Restore ``backup`` over the window's database in the background, then show it
    (``passphrase`` for an encrypted copy).

    The store is closed for the file to be replaced and opened again (with the same signed-in
    account), whether the restore worked or not. ``on_finished(result, error)`` follows on the
    GUI thread.
    """
    old = window.store
    path = old.path
    if path is None:
        raise StoreError("Cơ sở dữ liệu trong bộ nhớ không khôi phục được.")
    account = getattr(old, "account", None)

    def work(progress: Progress) -> tuple[Store, RestoreResult | None, StoreError | None]:
        progress(5, "")
        old.close()
        result: RestoreResult | None = None
        error: StoreError | None = None
        try:
            result = restore_backup(path, backup, passphrase=passphrase)
        except StoreError as failure:
            error = failure
        progress(90, "")
        store = Store(path, actor=old.actor)
        if account is not None:
            store.sign_in(account)
        return store, result, error

    def done(value: tuple[Store, RestoreResult | None, StoreError | None]) -> None:
        store, result, error = value
        window.replace_store(store)
        _mark_backed_up(window)
        if on_finished is not None:
            on_finished(result, error)

    def failed(error: BaseException) -> None:
        # The file could not be opened again: the window has no usable store left.
        QMessageBox.critical(window, APP_TITLE, tr(
            "Không mở lại được tệp dữ liệu sau khi khôi phục: {error}\n\nChương trình sẽ đóng;"
            " hãy mở lại. Các bản sao lưu vẫn nằm trong thư mục {folder}.").format(
                error=error, folder=backup_folder(path)))
        window.close()

    run_in_background(window, tr("Đang khôi phục dữ liệu từ bản sao lưu"), work, done, failed)


def open_viewer(copy: ReadOnlyCopy, info: BackupInfo) -> MainWindow:
    """A main window on a backup opened read-only; the copy is removed when it closes."""
    from gui.main_window import MainWindow

    viewer = MainWindow(copy.store)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.setWindowTitle(tr("{app} — bản sao lưu lúc {time} (chỉ xem)").format(
        app=APP_TITLE, time=time_text(info)))
    # Nothing in a backup is changed, backed up or restored from its own window.
    for name in ("backups_action", "check_action"):
        action = getattr(viewer, name, None)
        if action is not None:
            action.setEnabled(False)
    key = id(viewer)
    _viewers[key] = (viewer, copy)
    viewer.destroyed.connect(lambda _object=None, key=key: close_viewer(key))
    viewer.show()
    return viewer


def close_viewer(key: int) -> None:
    """Forget a viewer window and remove its copy of the backup."""
    entry = _viewers.pop(key, None)
    if entry is not None:
        entry[1].close()


@atexit.register
def _close_all_viewers() -> None:
    for key in list(_viewers):
        close_viewer(key)
