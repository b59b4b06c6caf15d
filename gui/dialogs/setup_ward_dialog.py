"""The city office sets up a ward's machine: choose the ward, write the set-up package, and show
its passphrase once.

The package holds the new machine's keys and the ward's data, encrypted under the passphrase;
the passphrase is shown once only, large and in groups so it can be copied onto paper, and must
travel separately from the file (who has both can act as the ward's machine).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gui.background import Progress
from gui.dialogs.import_dialog import ERROR_STYLE, local_time, monospace_font
from gui.i18n import tr
from gui.messages import ask
from gui.widgets.background_dialog import BackgroundDialog, message_label
from gui.widgets.folder_picker import ChoosesFolder, FolderPicker
from storage.store import Store
from storage.sync import SetupResult
from storage.units import unit_sort_key

SETTINGS_SETUP_FOLDER = "sync/setup_folder"
WARNING_STYLE = ("color: #8A1C12; background: #FFF4E5; border: 1px solid #E0A040;"
                 " padding: 8px;")
PASSPHRASE_STYLE = ("background: #FFFFFF; color: #000000; border: 2px solid #1F4E8C;"
                    " padding: 12px;")
# Groups per line of the large passphrase: three groups of four fit a laptop screen at 26 pt.
GROUPS_PER_LINE = 3


def passphrase_display(passphrase: str) -> str:
    """The passphrase in its groups, three to a line, for copying onto paper."""
    groups = passphrase.split("-")
    lines = [groups[i:i + GROUPS_PER_LINE] for i in range(0, len(groups), GROUPS_PER_LINE)]
    return "\n".join("  ".join(line) for line in lines)


class SetupWardDialog(ChoosesFolder, BackgroundDialog):
    """Choose a ward and a folder; write the ward machine's set-up package."""

    def __init__(self, store: Store, parent: QWidget | None = None,
                 ward_id: str | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.result_: SetupResult | None = None
        self.passphrase_dialog: PassphraseDialog | None = None
        self.setWindowTitle(tr("Thiết lập máy cho phường/xã"))

        intro = QLabel(tr("Tạo gói thiết lập cho máy của một phường, xã: gói chứa khóa của máy"
                          " mới, cây đơn vị, bộ tiêu chí và dữ liệu của phường, xã đó. Máy mới"
                          " chọn \"Thiết lập từ gói của thành phố\" khi khởi động lần đầu."))
        intro.setWordWrap(True)
        self.ward_combo = QComboBox()
        wards = sorted((unit for unit in store.units.all()
                        if unit.level == "ward" and unit.valid_to is None),
                       key=lambda unit: unit_sort_key(unit.name))
        for unit in wards:
            self.ward_combo.addItem(unit.name, unit.id)
        if ward_id is not None and self.ward_combo.findData(ward_id) >= 0:
            self.ward_combo.setCurrentIndex(self.ward_combo.findData(ward_id))
        self.machine_label = QLabel()
        self.machine_label.setWordWrap(True)
        self.replace_box = QCheckBox(tr("Thay máy: thu hồi máy cũ (máy mất, hỏng); gói của máy"
                                        " cũ sẽ bị từ chối"))
        self.folder_picker = FolderPicker(SETTINGS_SETUP_FOLDER,
                                          tr("Chọn thư mục lưu gói thiết lập"))
        self.folder_edit = self.folder_picker.edit
        self.choose_button = self.folder_picker.button
        self.choose_button.clicked.connect(self.choose_folder)
        self.message_label = message_label(ERROR_STYLE)

        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(tr("Tạo gói thiết lập"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_package)
        cancel = self.buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(tr("Phường, xã:"), self.ward_combo)
        form.addRow("", self.machine_label)
        form.addRow("", self.replace_box)
        form.addRow(tr("Lưu gói vào:"), self.folder_picker)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.ward_combo.currentIndexChanged.connect(self._update_machine)
        self.replace_box.toggled.connect(self._update_buttons)
        self._update_machine()
        self.resize(620, self.sizeHint().height())

    def ward_id(self) -> str | None:
        """The id of the ward chosen."""
        data = self.ward_combo.currentData()
        return str(data) if data else None

    @Slot()
    def _update_machine(self) -> None:
        ward_id = self.ward_id()
        machine = self.store.sync.active_machine_of(ward_id) if ward_id else None
        if machine is None:
            self.machine_label.setText(tr("Chưa có máy nào được đăng ký cho phường, xã này."))
        else:
            self.machine_label.setText(tr("Đã có máy: {name}, đăng ký ngày {date}. Chỉ tạo gói"
                                          " mới khi cần thay máy.").format(
                name=machine.name, date=local_time(machine.registered_at)))
        self.replace_box.setChecked(False)
        self.replace_box.setVisible(machine is not None)
        self.message_label.clear()
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        ward_id = self.ward_id()
        has_machine = bool(ward_id) and self.store.sync.active_machine_of(ward_id) is not None
        self.create_button.setEnabled(
            not self._busy and bool(ward_id) and (not has_machine or self.replace_box.isChecked()))

    @Slot()
    def create_package(self) -> None:
        """Write the set-up package in the background, then show the passphrase."""
        ward_id = self.ward_id()
        if not ward_id or self._busy:
            return
        if not self.folder_picker.text():
            self.message_label.setText(tr("Hãy chọn thư mục lưu gói."))
            return
        folder = self.folder_picker.folder()
        self.folder_picker.remember()
        replace = self.replace_box.isChecked()
        store = self.store

        def work(progress: Progress) -> SetupResult:
            progress(10, tr("Đóng gói dữ liệu của phường, xã"))
            return store.sync.create_setup_package(ward_id, folder, replace=replace)

        self.message_label.clear()
        self.run_work(tr("Tạo gói thiết lập"), work, self._created, self._failed)

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        self._update_buttons()

    def _created(self, result: SetupResult) -> None:
        self.result_ = result
        # The passphrase window belongs to the caller's window: this dialog closes now.
        self.passphrase_dialog = PassphraseDialog(result, self.parentWidget())
        self.passphrase_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.accept()
        self.passphrase_dialog.open()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            text = tr("Không ghi được gói vào {folder} ({error}). Hãy chọn thư mục khác.").format(
                folder=self.folder_edit.text(), error=error.strerror or error)
        else:
            text = str(error) or type(error).__name__
        self.message_label.setText(text)


class PassphraseDialog(QDialog):
    """The set-up package's passphrase, shown once: large, in groups, with a warning."""

    def __init__(self, result: SetupResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result_ = result
        self.setWindowTitle(tr("Mật khẩu của gói thiết lập"))
        saved = QLabel(tr("Đã tạo gói thiết lập cho {ward}:").format(ward=result.ward_name))
        path = QLabel(str(result.path))
        bold = QFont(path.font())
        bold.setBold(True)
        path.setFont(bold)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setWordWrap(True)
        replaced = QLabel(tr("Máy cũ của {ward} đã bị thu hồi.").format(ward=result.ward_name))
        replaced.setVisible(bool(result.replaced))

        self.passphrase_label = QLabel(passphrase_display(result.passphrase))
        font = QFont(monospace_font())
        font.setPointSize(26)
        font.setBold(True)
        # Wide letter spacing: each character stands alone when copied by hand.
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 3)
        self.passphrase_label.setFont(font)
        self.passphrase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase_label.setStyleSheet(PASSPHRASE_STYLE)
        self.passphrase_label.setFrameShape(QFrame.Shape.Box)
        self.passphrase_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        typing_hint = QLabel(tr("Khi gõ lại: không phân biệt chữ hoa, chữ thường; dấu cách và"
                                " dấu gạch không quan trọng. Không có chữ O, I, L và số 0, 1."))
        typing_hint.setWordWrap(True)
        warning = QLabel(tr("Mật khẩu chỉ hiện một lần này. Hãy chép ra giấy ngay, rồi đưa cho"
                            " phường, xã riêng với tệp gói thiết lập (không gửi cùng ổ USB hay"
                            " cùng thư điện tử): ai có cả tệp và mật khẩu đều lập được máy của"
                            " phường, xã. Nếu mất mật khẩu, hãy tạo gói mới (thay máy)."))
        warning.setWordWrap(True)
        warning.setStyleSheet(WARNING_STYLE)

        self.buttons = QDialogButtonBox()
        self.copy_button = self.buttons.addButton(tr("Sao chép"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        folder_button = self.buttons.addButton(tr("Mở thư mục"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        folder_button.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(result.path.parent))))
        self.done_button = self.buttons.addButton(tr("Đã ghi lại mật khẩu"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.clicked.connect(self.accept)
        # Enter must not close the window by surprise: the passphrase would be gone.
        self.done_button.setAutoDefault(False)
        self.copy_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(saved)
        layout.addWidget(path)
        layout.addWidget(replaced)
        layout.addSpacing(8)
        layout.addWidget(QLabel(tr("Mật khẩu:")))
        layout.addWidget(self.passphrase_label)
        layout.addWidget(typing_hint)
        layout.addSpacing(8)
        layout.addWidget(warning)
        layout.addWidget(self.buttons)
        self.resize(660, self.sizeHint().height())

    @Slot()
    def copy(self) -> None:
        """Put the passphrase on the clipboard (to paste into a note that is printed)."""
        QGuiApplication.clipboard().setText(self.result_.passphrase)
        self.copy_button.setText(tr("Đã sao chép"))

    def confirm_close(self) -> bool:
        """Ask before closing without the button that says it was written down."""
        return ask(self, tr("Mật khẩu của gói thiết lập"),
                   tr("Mật khẩu sẽ không hiện lại. Đã ghi lại mật khẩu chưa?"),
                   tr("Đã ghi lại, đóng"), tr("Xem tiếp"))

    def reject(self) -> None:
        # Esc or the title bar (QDialog's closeEvent calls reject): the passphrase would be
        # gone for good; ask first.
        if self.confirm_close():
            super().reject()
