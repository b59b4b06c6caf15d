"""Signing in: the login dialog (also the lock screen of an idle session) and, on a machine
without any account, the creation of the first administrator."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import tr
from gui.widgets.form_dialog import FormDialog
from storage.accounts import Account, SignInFailed
from storage.store import Store

HINT_STYLE = "color: #505050;"


class SignInCancelled(Exception):
    """The user closed the sign-in (or first administrator) dialog: the program stops."""


class LoginDialog(FormDialog):
    """User name and password; Enter signs in. ``account`` holds who signed in.

    ``locked_user`` makes it the lock screen of a session: the name is fixed, Esc does nothing,
    and the other button quits the program instead of cancelling.
    """

    def __init__(self, store: Store, locked_user: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.locked_user = locked_user
        self.account: Account | None = None
        self._wait = 0
        self.setWindowTitle(tr("Phiên làm việc đã khóa") if locked_user
                            else tr("Đăng nhập — Tự Quản"))
        if locked_user:
            intro = tr("Phiên làm việc đã khóa vì lâu không dùng. Nhập mật khẩu của {name} để"
                       " làm việc tiếp.").format(name=locked_user)
        else:
            intro = tr("Đăng nhập để làm việc với dữ liệu của máy này.")
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.username = QLineEdit(locked_user or "")
        self.username.setReadOnly(locked_user is not None)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(tr("Tên đăng nhập:"), self.username)
        form.addRow(tr("Mật khẩu:"), self.password)
        self.hint = QLabel()
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setWordWrap(True)
        if store.get_meta("demo") and not locked_user:
            # The demo's accounts are documented: the login of a demo file says them.
            self.hint.setText(tr(
                "Dữ liệu mẫu: đăng nhập admin / admin (quản trị), canbo / canbo (cán bộ thành"
                " phố), xem / xem (chỉ xem), hoặc cán bộ phường, xã: tên phường viết liền"
                " không dấu, mật khẩu như tên (ví dụ tanphong / tanphong)."))
        self.hint.setVisible(bool(self.hint.text()))

        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(
            tr("Đăng nhập"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton(
            tr("Thoát chương trình") if locked_user else tr("Thoát"),
            QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.try_sign_in)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        # Wrapped labels need their height for this width: a fixed width, then the layout's
        # own height (resize(w, 0) squeezed the rows and cut the demo hint).
        self.setMinimumWidth(440)
        self.resize(440, max(self.sizeHint().height(), layout.totalHeightForWidth(440)))

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        (self.password if locked_user or self.username.text() else self.username).setFocus()

    @Slot()
    def try_sign_in(self) -> bool:
        """Check the name and password; accept the dialog when they are right."""
        if self._wait:
            return False
        name = self.username.text().strip()
        if not name:
            self.show_error(tr("Hãy nhập tên đăng nhập."))
            self.username.setFocus()
            return False
        try:
            account = self.store.accounts.authenticate(name, self.password.text())
        except SignInFailed as error:
            self.password.clear()
            self.password.setFocus()
            self.show_error(str(error))
            if error.retry_after:
                self._start_wait(error.retry_after)
            return False
        if self.locked_user is not None and self.store.account is not None \
                and account.id != self.store.account.id:
            self.show_error(tr("Phiên này là của {name}.").format(name=self.locked_user))
            return False
        self.account = account
        self.show_error("")
        self.accept()
        return True

    def _start_wait(self, seconds: int) -> None:
        self._wait = seconds
        self.sign_in_button.setEnabled(False)
        self._update_wait_text()
        self._countdown.start()

    @Slot()
    def _tick(self) -> None:
        self._wait = max(0, self._wait - 1)
        self._update_wait_text()
        if not self._wait:
            self._countdown.stop()
            self.sign_in_button.setEnabled(True)
            self.sign_in_button.setDefault(True)

    def _update_wait_text(self) -> None:
        self.sign_in_button.setText(
            tr("Thử lại sau {n} giây").format(n=self._wait) if self._wait else tr("Đăng nhập"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A locked session is left only by signing in or by quitting on purpose.
        if self.locked_user is not None and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)


class FirstAdminDialog(FormDialog):
    """The first start of a machine without accounts: create the city administrator."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.account: Account | None = None
        self.setWindowTitle(tr("Tạo tài khoản quản trị"))
        intro = QLabel(tr(
            "Máy này chưa có tài khoản nào. Hãy tạo tài khoản quản trị viên: người quản trị"
            " thêm tài khoản cho các cán bộ khác (Cài đặt → Tài khoản). Mật khẩu cần ít nhất"
            " 8 ký tự; hãy ghi nhớ, không ai xem lại được mật khẩu."))
        intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setPlaceholderText(tr("ví dụ: quantri"))
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(tr("Tên đăng nhập:"), self.username)
        form.addRow(tr("Họ và tên:"), self.full_name)
        form.addRow(tr("Mật khẩu:"), self.password)
        form.addRow(tr("Nhập lại mật khẩu:"), self.confirm)
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            tr("Tạo tài khoản"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(tr("Thoát"), QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        # Wrapped labels need their height for this width: a fixed width, then the layout's
        # own height (resize(w, 0) squeezed the rows and cut the demo hint).
        self.setMinimumWidth(480)
        self.resize(480, max(self.sizeHint().height(), layout.totalHeightForWidth(480)))
        self.username.setFocus()

    @Slot()
    def create(self) -> bool:
        """Create the administrator from the fields; accept the dialog when it worked."""
        if self.confirmation_differs(self.password, self.confirm,
                                     tr("Hai lần nhập mật khẩu không giống nhau.")):
            return False

        def create_admin() -> None:
            self.account = self.store.accounts.create_first_admin(
                self.username.text(), self.full_name.text(), self.password.text())

        return self.save_and_accept(create_admin,
                                    {"username": self.username, "password": self.password},
                                    fallback=self.username)


def ask_sign_in(store: Store, parent: QWidget | None = None) -> bool:
    """Sign ``store`` in through the dialogs (the first administrator on a machine without
    accounts); False when the user gave up. Tests replace this."""
    dialog: LoginDialog | FirstAdminDialog = (
        FirstAdminDialog(store, parent) if store.accounts.count() == 0
        else LoginDialog(store, parent=parent))
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.account is None:
        return False
    store.sign_in(dialog.account)
    return True
