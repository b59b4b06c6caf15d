"""The "Kiểm tra dữ liệu" command (the full check in the background, its findings, the safe
repair), and the checks the GUI makes before it opens a database: one program per file (the
instance lock) and a damaged file set aside with the newest good backup offered.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor, QGuiApplication
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

from gui.background import Progress, run_in_background
from gui.dialogs.passphrase_dialog import ask_passphrase, copy_prompt
from gui.i18n import N_, tr
from gui.messages import ask
from storage.backup import BackupInfo, restore_backup
from storage.errors import StoreError
from storage.instance_lock import InstanceLock, InstanceLocked
from storage.integrity import ERROR, Finding, check_at_start, full_check, repair
from storage.sealed_backup import is_sealed_copy
from storage.store import Store
from storage.text import format_int

if TYPE_CHECKING:
    from gui.main_window import MainWindow

APP_TITLE = "Tự Quản"
SEVERITY_LABELS = {ERROR: N_("Lỗi"), "warning": N_("Cảnh báo")}
COLUMNS = (N_("Mức độ"), N_("Vấn đề"), N_("Số bản ghi"), N_("Tình trạng"))
COLUMN_SEVERITY, COLUMN_MESSAGE, COLUMN_COUNT, COLUMN_STATE = range(4)
ERROR_COLOR = QColor("#C0161B")
REPAIRED_COLOR = QColor("#1B7F1B")


class CheckDialog(QDialog):
    """Runs the full check of ``window``'s store when opened; offers the safe repair."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main_window = window
        self.findings: list[Finding] | None = None
        self._title = ""
        # Repairs touch every ward's records: the administrator's task when accounts are used.
        account = getattr(window.store, "account", None)
        self.may_repair = account is None or bool(getattr(account, "is_admin", True))
        self.setWindowTitle(tr("Kiểm tra dữ liệu"))
        self.resize(820, 420)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(title) for title in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COLUMN_MESSAGE, QHeaderView.ResizeMode.Stretch)
        for column in (COLUMN_SEVERITY, COLUMN_COUNT, COLUMN_STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.check_button = QPushButton(tr("&Kiểm tra lại"))
        self.repair_button = QPushButton(tr("&Sửa các lỗi sửa được"))
        self.repair_button.setToolTip(tr("Chỉ sửa những gì tính lại được từ dữ liệu (chỉ mục"
                                         " tìm kiếm, khóa sắp xếp); sao lưu trước khi sửa"))
        close_button = QPushButton(tr("Đóng"))
        self.check_button.clicked.connect(self.start_check)
        self.repair_button.clicked.connect(self.start_repair)
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.repair_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.repair_button.setEnabled(False)

    @property
    def busy(self) -> bool:
        """Whether a check or repair is running."""
        return not self.isEnabled()

    @Slot()
    def start_check(self) -> None:
        """Run the full check in the background."""
        self._run(full_check, tr("Đang kiểm tra dữ liệu"))

    def confirm_repair(self, count: int) -> bool:
        """Ask before repairing (tests replace this)."""
        return ask(self, tr("Sửa lỗi dữ liệu"),
                   tr("Sửa {n} vấn đề sửa được an toàn? Chương trình sao lưu dữ liệu trước khi"
                      " sửa; những vấn đề còn lại cần người có trách nhiệm xem xét.").format(
                       n=format_int(count)),
                   tr("Sửa"), tr("Không sửa"), default_accept=True)

    @Slot()
    def start_repair(self) -> bool:
        """Repair what is safe (after a confirmation) in the background; False when not started."""
        repairable = [f for f in self.findings or [] if f.repairable and not f.repaired]
        if not repairable or not self.confirm_repair(len(repairable)):
            return False
        self._run(repair, tr("Đang sửa lỗi dữ liệu"))
        return True

    def _run(self, function: Callable[[Store, Progress], list[Finding]], title: str) -> None:
        store = self.main_window.store
        self._title = title
        self.setEnabled(False)
        self.summary_label.setText(title + "…")
        # The main window is the parent: it is disabled while the job uses the store.
        run_in_background(self.main_window, title, lambda progress: function(store, progress),
                          self.show_findings, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.summary_label.setText(tr("{title} không thành công.\n\n{error}").format(
            title=self._title, error=error))

    def show_findings(self, findings: list[Finding]) -> None:
        """Show the result of a check or a repair."""
        self.setEnabled(True)
        repaired_any = any(f.repaired for f in findings)
        self.findings = findings
        self.table.setRowCount(len(findings))
        for row, finding in enumerate(findings):
            if finding.repaired:
                state = tr("Đã sửa")
            elif finding.repairable:
                state = tr("Sửa được")
            else:
                state = tr("Cần xem xét")
            severity = SEVERITY_LABELS.get(finding.severity, finding.severity)
            texts = (tr(severity), finding.text, format_int(finding.count), state)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == COLUMN_COUNT:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if finding.repaired:
                    item.setForeground(REPAIRED_COLOR)
                elif finding.severity == ERROR:
                    item.setForeground(ERROR_COLOR)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        remaining = [f for f in findings if not f.repaired]
        if not findings:
            self.summary_label.setText(tr("Không phát hiện vấn đề nào: dữ liệu toàn vẹn."))
        elif not remaining:
            self.summary_label.setText(tr("Đã sửa tất cả các vấn đề."))
        else:
            self.summary_label.setText(tr("Phát hiện {n} vấn đề; {m} vấn đề sửa được.").format(
                n=format_int(len(remaining)),
                m=format_int(sum(1 for f in remaining if f.repairable))))
        self.repair_button.setEnabled(self.may_repair and any(f.repairable for f in remaining))
        if repaired_any:
            self.main_window.data_changed()  # sort orders and search results may differ


# -- before the main window opens ----------------------------------------------------------------


def show_start_message(text: str) -> None:
    """Show a message before any window exists (tests replace this)."""
    QMessageBox.warning(None, APP_TITLE, text)


def take_instance_lock(db_path: Path) -> InstanceLock | None:
    """Take the database's instance lock; None (after saying why) when another program has it."""
    lock = InstanceLock(db_path)
    try:
        lock.acquire()
    except InstanceLocked as error:
        holder = error.holder
        where = ""
        if holder.get("host"):
            where = tr(" (máy {host}, từ {since})").format(
                host=holder.get("host"), since=str(holder.get("since", "")).replace("T", " "))
        show_start_message(tr(
            "Tệp dữ liệu {path} đang được mở ở một cửa sổ Tự Quản khác{where}.\n\nHãy dùng"
            " cửa sổ đó (xem trên thanh tác vụ), hoặc đóng nó rồi mở lại. Hai cửa sổ cùng sửa"
            " một tệp sẽ ghi đè thay đổi của nhau.").format(path=db_path, where=where))
        return None
    return lock


RESTORE, CHOOSE, QUIT = "restore", "choose", "quit"


def ask_damaged_file(text: str, backup: BackupInfo | None) -> str:
    """Ask what to do about a damaged file: RESTORE ``backup``, CHOOSE another, or QUIT."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_TITLE)
    box.setText(text)
    restore = None
    if backup is not None:
        restore = box.addButton(
            tr("Khôi phục bản {time}").format(time=backup.made_at.strftime("%d/%m/%Y %H:%M")),
            QMessageBox.ButtonRole.AcceptRole)
    choose = box.addButton(tr("Chọn tệp sao lưu khác…"), QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton(tr("Thoát"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or choose)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return RESTORE
    return CHOOSE if clicked is choose else QUIT


def choose_backup_file(db_path: Path) -> Path | None:
    """Ask for a backup file, e.g. on a USB stick (tests replace this)."""
    name, _filter = QFileDialog.getOpenFileName(
        None, tr("Chọn tệp sao lưu"), str(db_path.parent),
        tr("Tệp sao lưu Tự Quản (*.sqlite *.tqsaoluu);;Mọi tệp (*)"))
    return Path(name) if name else None


def check_file_at_start(db_path: Path) -> bool:
    """The check at start; False when the program should not go on (the user chose to quit).

    A damaged file is set aside (renamed, never deleted or written to) and the newest good
    backup is offered; another backup file can be chosen instead.
    """
    result = check_at_start(db_path)
    if result.ok:
        return True
    if result.set_aside is None:
        # Left in place (another program has it open, or it is another program's file):
        # nothing to restore over; say what it is and stop.
        reason = (tr("Tệp này là cơ sở dữ liệu của chương trình khác; Tự Quản không mở và không"
                     " sửa nó. Hãy chọn đúng tệp dữ liệu của Tự Quản.") if result.foreign else
                  tr("Tệp đang được một chương trình khác mở; hãy đóng chương trình đó rồi mở"
                     " lại Tự Quản."))
        QMessageBox.critical(None, tr("Không mở được tệp dữ liệu"),
                             tr("Tệp dữ liệu {path}: {problem}.").format(
                                 path=db_path, problem=result.problem) + "\n\n" + reason)
        return False
    backup = result.backup
    while True:
        text = tr("Tệp dữ liệu {path} bị hỏng: {problem}.\n\nTệp hỏng đã được để riêng (không"
                  " xóa, không ghi đè):\n{aside}").format(
                      path=db_path, problem=result.problem, aside=result.set_aside)
        if backup is not None:
            text += "\n\n" + tr("Bản sao lưu tốt gần nhất: {name} (lúc {time}). Khôi phục bản"
                                " này để làm việc tiếp?").format(
                name=backup.path.name, time=backup.made_at.strftime("%d/%m/%Y %H:%M"))
        else:
            text += "\n\n" + tr("Không tìm thấy bản sao lưu nào còn tốt bên cạnh tệp. Nếu có"
                                " bản sao lưu ở nơi khác (USB), hãy chọn tệp đó.")
        choice = ask_damaged_file(text, backup)
        if choice == QUIT:
            return False
        chosen = backup.path if choice == RESTORE and backup is not None else (
            choose_backup_file(db_path))
        if chosen is None:
            continue
        passphrase = None
        if is_sealed_copy(chosen):  # an encrypted copy from a USB stick
            try:
                passphrase = ask_passphrase(None, copy_prompt(chosen))
            except StoreError as error:
                show_start_message(str(error))
                continue
            if passphrase is None:
                continue
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            restore_backup(db_path, chosen, passphrase=passphrase)
        except StoreError as error:
            show_start_message(str(error))
            if backup is not None and chosen == backup.path:
                backup = None  # it failed: do not offer it again
            continue
        finally:
            QGuiApplication.restoreOverrideCursor()
        return True


def prepare_database_file(db_path: Path) -> InstanceLock | None:
    """Before opening ``db_path``: take its instance lock, then check the file at start.

    Returns the held lock (release it when the program ends), or None when the program should
    stop (another program has the file, or the user chose to quit over a damaged file).
    """
    lock = take_instance_lock(db_path)
    if lock is None:
        return None
    if not check_file_at_start(db_path):
        lock.release()
        return None
    return lock
