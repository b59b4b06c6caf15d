"""A ward machine's first start: create its database from the city's set-up package.

The official chooses the .tqthietlap file the city office gave and types the passphrase from the
paper (case, spaces and dashes do not matter). The database is created in the background; a
wrong passphrase creates nothing and can be typed again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.background import Progress
from gui.dialogs.import_dialog import ERROR_STYLE, monospace_font
from gui.i18n import tr
from gui.widgets.background_dialog import BackgroundDialog, message_label
from gui.widgets.folder_picker import ask_open_file, remember_folder
from storage.errors import StoreError
from storage.store import Store
from storage.sync import SETUP_SUFFIX, describe_setup, init_from_setup

SETTINGS_SETUP_FILE_FOLDER = "sync/setup_file_folder"
HINT_STYLE = "color: #555555;"


class SetupFromPackageDialog(BackgroundDialog):
    """The set-up package and its passphrase; ``store`` is the new database once created."""

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = Path(database)
        self.store: Store | None = None
        self.setWindowTitle(tr("Thiết lập từ gói của thành phố"))

        intro = QLabel(tr("Máy của phường, xã được thiết lập bằng gói do Phòng Nội vụ thành phố"
                          " tạo (tệp {suffix}) và mật khẩu ghi trên giấy đi kèm.").format(
            suffix=SETUP_SUFFIX))
        intro.setWordWrap(True)
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(tr("Chọn tệp gói thiết lập"))
        self.choose_button = QPushButton(tr("Chọn tệp…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        font = QFont(monospace_font())
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.3)
        self.passphrase_edit.setFont(font)
        hint = QLabel(tr("Không phân biệt chữ hoa, chữ thường; dấu cách và dấu gạch không quan"
                         " trọng."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        target = QLabel(tr("Tệp dữ liệu sẽ được tạo: {path}").format(path=self.database))
        target.setWordWrap(True)
        target.setStyleSheet(HINT_STYLE)
        self.message_label = message_label(ERROR_STYLE)
        # What the chosen file is for, before the passphrase is typed (a wrong file is seen).
        self.package_label = QLabel()
        self.package_label.setWordWrap(True)
        self.file_edit.textChanged.connect(self.describe_package)

        self.buttons = QDialogButtonBox()
        self.setup_button = self.buttons.addButton(tr("Thiết lập"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.setup_button.setDefault(True)
        self.setup_button.clicked.connect(self.set_up)
        self.back_button = self.buttons.addButton(tr("Quay lại"),
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        self.back_button.clicked.connect(self.reject)
        self.passphrase_edit.returnPressed.connect(self.set_up)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(tr("Gói thiết lập:"), file_row)
        form.addRow("", self.package_label)
        form.addRow(tr("Mật khẩu:"), self.passphrase_edit)
        form.addRow("", hint)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(target)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(600, self.sizeHint().height())

    def ask_file(self) -> Path | None:
        """The set-up package the official picks, or None (tests replace this)."""
        return ask_open_file(
            self, tr("Chọn gói thiết lập"),
            tr("Gói thiết lập Tự Quản (*{suffix});;Mọi tệp (*)").format(suffix=SETUP_SUFFIX),
            SETTINGS_SETUP_FILE_FOLDER)

    @Slot()
    def choose_file(self) -> None:
        """Pick the set-up package, then go to the passphrase."""
        path = self.ask_file()
        if path is not None:
            remember_folder(SETTINGS_SETUP_FILE_FOLDER, path.parent)
            self.file_edit.setText(str(path))
            self.passphrase_edit.setFocus()

    @Slot()
    def describe_package(self) -> None:
        """Show which ward the chosen package sets up (or that it is not a set-up package)."""
        text = self.file_edit.text().strip()
        if not text or not Path(text).is_file():
            self.package_label.clear()
            return
        try:
            what = describe_setup(Path(text))
            self.package_label.setText(tr("Gói cho: {what}").format(what=what))
            self.package_label.setStyleSheet("")
        except StoreError as error:
            self.package_label.setText(str(error))
            self.package_label.setStyleSheet(ERROR_STYLE)

    @Slot()
    def set_up(self) -> None:
        """Create the database from the package in the background."""
        if self._busy:
            return
        package = Path(self.file_edit.text().strip())
        passphrase = self.passphrase_edit.text()
        if not self.file_edit.text().strip():
            self.message_label.setText(tr("Hãy chọn tệp gói thiết lập."))
            self.choose_button.setFocus()
            return
        if not package.is_file():
            self.message_label.setText(tr("Không tìm thấy tệp {path}.").format(path=package))
            return
        if not any(ch.isalnum() for ch in passphrase):
            self.message_label.setText(tr("Hãy gõ mật khẩu của gói thiết lập."))
            self.passphrase_edit.setFocus()
            return
        database = self.database

        def work(progress: Progress) -> Store:
            progress(10, tr("Giải mã gói và tạo tệp dữ liệu"))
            database.parent.mkdir(parents=True, exist_ok=True)
            return init_from_setup(database, package, passphrase, actor="gui")

        self.message_label.clear()
        self.run_work(tr("Thiết lập máy từ gói của thành phố"), work, self._done, self._failed)

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        self.setup_button.setEnabled(not busy)

    def _done(self, store: Store) -> None:
        self.store = store
        self.accept()

    def _failed(self, error: BaseException) -> None:
        # storage's messages say what happened and what to do (a wrong passphrase: type again).
        self.message_label.setText(str(error) or type(error).__name__)
        self.passphrase_edit.setFocus()
        self.passphrase_edit.selectAll()


def setup_from_package(database: Path, parent: QWidget | None = None) -> Store | None:
    """Ask for the set-up package and create ``database`` from it; None when the official goes
    back without setting up."""
    dialog = SetupFromPackageDialog(database, parent)
    dialog.exec()
    return dialog.store
