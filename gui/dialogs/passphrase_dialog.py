"""The passphrase of the copies that leave the data folder: set it (the administrator), or type
it to restore or look at an encrypted copy.

Setting it asks twice and can propose a random one to write on paper; storage says what is too
weak (storage.sealed_backup.passphrase_problem). Typing it back never shows it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import tr
from gui.widgets.form_dialog import FormDialog
from storage.sealed_backup import (
    MIN_PASSPHRASE_LENGTH,
    local_time,
    passphrase_problem,
    read_header,
)
from storage.sync_crypto import new_passphrase


class NewPassphraseDialog(FormDialog):
    """Two fields and a random proposal; ``passphrase`` once accepted."""

    def __init__(self, parent: QWidget | None = None, replacing: bool = False) -> None:
        super().__init__(parent)
        self.passphrase = ""
        self.setWindowTitle(tr("Mật khẩu cho bản sao mang ra ngoài"))
        text = tr(
            "Bản sao lưu chép ra ngoài thư mục dữ liệu (USB, thư mục khác) được mã hóa bằng mật"
            " khẩu này; chỉ người biết mật khẩu mới mở hoặc khôi phục được. Chương trình không"
            " cần mật khẩu để chép bản sao, chỉ cần khi khôi phục.\n\n"
            "Hãy ghi mật khẩu ra giấy và cất nơi an toàn, tách khỏi USB: mất mật khẩu là không"
            " mở được bản sao. Ít nhất {n} ký tự.").format(n=MIN_PASSPHRASE_LENGTH)
        if replacing:
            text += "\n\n" + tr("Các bản sao đã chép trước đây vẫn cần mật khẩu cũ của chúng.")
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.first_edit = QLineEdit()
        self.first_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.second_edit = QLineEdit()
        self.second_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.random_button = QPushButton(tr("Tạo mật khẩu ngẫu nhiên"))
        self.random_button.setToolTip(tr("Điền một mật khẩu ngẫu nhiên và hiện ra để chép"
                                         " lên giấy"))
        self.random_button.clicked.connect(self.propose)
        form = QFormLayout()
        form.addRow(tr("Mật &khẩu:"), self.first_edit)
        form.addRow(tr("&Gõ lại:"), self.second_edit)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(tr("Đặt mật khẩu"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.check_and_accept)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.random_button)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    @Slot()
    def propose(self) -> None:
        """Fill in a random passphrase, shown so that it can be written down."""
        text = new_passphrase()
        for edit in (self.first_edit, self.second_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Normal)
            edit.setText(text)
        self.show_error("")

    @Slot()
    def check_and_accept(self) -> bool:
        """Accept when the passphrase is strong enough and typed the same twice."""
        problem = passphrase_problem(self.first_edit.text())
        if problem is not None:
            self.show_error(problem)
            self.first_edit.setFocus()
            return False
        if self.confirmation_differs(self.first_edit, self.second_edit,
                                     tr("Hai lần gõ không giống nhau; hãy gõ lại.")):
            return False
        self.passphrase = self.first_edit.text()
        self.accept()
        return True


PROMPT_MIN_WIDTH = 460


class PassphrasePrompt(FormDialog):
    """The passphrase of one encrypted copy, typed without being shown."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Mật khẩu của bản sao lưu"))
        label = QLabel(text)
        label.setWordWrap(True)
        # A copy's name is long (demo-20261204-191843-423555-extra.tqsaoluu): at the width
        # of the field alone it broke at every hyphen.
        self.setMinimumWidth(PROMPT_MIN_WIDTH)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(tr("Mở"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        cancel = buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        ok.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)


def ask_new_passphrase(parent: QWidget | None, replacing: bool = False) -> str | None:
    """The passphrase the administrator sets; None when cancelled."""
    dialog = NewPassphraseDialog(parent, replacing)
    return dialog.passphrase if dialog.exec() else None


def ask_passphrase(parent: QWidget | None, text: str, error: str = "") -> str | None:
    """The passphrase typed for an encrypted copy; None when cancelled."""
    dialog = PassphrasePrompt(text, parent)
    dialog.show_error(error)
    return dialog.edit.text() if dialog.exec() else None


def copy_prompt(path: Path) -> str:
    """What the passphrase prompt says about the encrypted copy ``path`` (its name and time);
    raises StoreError when the copy's header does not read."""
    header = read_header(path)
    return tr("Bản sao lưu {name} (tạo lúc {time}) được mã hóa. Gõ mật khẩu của bản sao"
              " mang ra ngoài:").format(name=path.name, time=local_time(header.created_at))
