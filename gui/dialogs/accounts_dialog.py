"""The accounts of this machine (the administrator's): list, add with a role and a ward,
disable or enable, reset a password. Also the dialog where anyone changes their own password."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import N_, tr
from gui.messages import ask
from gui.widgets.form_dialog import FormDialog
from storage.accounts import WARD_OFFICER, Account
from storage.audit import local_time
from storage.errors import StoreError
from storage.store import Store

# The roles in the order the form offers them (storage.accounts.ROLE_LABELS, translated).
ROLE_TEXTS = {
    "ward_officer": N_("Cán bộ phường, xã"),
    "city_officer": N_("Cán bộ thành phố"),
    "viewer": N_("Chỉ xem và in"),
    "city_admin": N_("Quản trị thành phố"),
}
COLUMNS = (N_("Tên đăng nhập"), N_("Họ và tên"), N_("Vai trò"), N_("Phường, xã"),
           N_("Trạng thái"), N_("Đăng nhập lần cuối"))


def role_text(role: str) -> str:
    """A role's name in the interface language."""
    return tr(ROLE_TEXTS[role]) if role in ROLE_TEXTS else role


class PasswordDialog(FormDialog):
    """A new password typed twice (and the current one, for one's own); ``apply`` saves it
    and may refuse with a StoreError, shown in the dialog."""

    def __init__(self, title: str, text: str, apply: Callable[[str, str], None],
                 ask_current: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.apply = apply
        self.setWindowTitle(title)
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.current = QLineEdit()
        self.new = QLineEdit()
        self.confirm = QLineEdit()
        for line in (self.current, self.new, self.confirm):
            line.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        if ask_current:
            form.addRow(tr("Mật khẩu hiện tại:"), self.current)
        form.addRow(tr("Mật khẩu mới:"), self.new)
        form.addRow(tr("Nhập lại mật khẩu mới:"), self.confirm)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(tr("Lưu mật khẩu"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(420, 0)
        (self.current if ask_current else self.new).setFocus()

    @Slot()
    def save(self) -> bool:
        """Save the new password; accept when it was saved."""
        if self.confirmation_differs(self.new, self.confirm,
                                     tr("Hai lần nhập mật khẩu mới không giống nhau.")):
            return False
        return self.save_and_accept(lambda: self.apply(self.current.text(), self.new.text()))


class AccountFormDialog(FormDialog):
    """A new account: name, full name, role, the ward of a ward officer, a first password."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.account: Account | None = None
        self.setWindowTitle(tr("Thêm tài khoản"))
        self.username = QLineEdit()
        self.full_name = QLineEdit()
        self.role = QComboBox()
        for role, label in ROLE_TEXTS.items():
            self.role.addItem(tr(label), role)
        self.ward = QComboBox()
        year = datetime.date.today().year
        wards = {unit.id: unit for unit in store.units.all() if unit.level == "ward"
                 and (unit.valid_to is None or unit.valid_to >= year)}
        for unit in wards.values():
            self.ward.addItem(unit.name, unit.id)
        self.password = QLineEdit()
        self.confirm = QLineEdit()
        for line in (self.password, self.confirm):
            line.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(tr("Tên đăng nhập:"), self.username)
        form.addRow(tr("Họ và tên:"), self.full_name)
        form.addRow(tr("Vai trò:"), self.role)
        form.addRow(tr("Phường, xã:"), self.ward)
        form.addRow(tr("Mật khẩu:"), self.password)
        form.addRow(tr("Nhập lại mật khẩu:"), self.confirm)
        buttons = QDialogButtonBox()
        self.add_button = buttons.addButton(tr("Thêm"), QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self.role.currentIndexChanged.connect(self._on_role_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._on_role_changed()
        self.resize(440, 0)
        self.username.setFocus()

    @Slot()
    def _on_role_changed(self) -> None:
        # Only a ward officer belongs to a ward.
        self.ward.setEnabled(self.role.currentData() == WARD_OFFICER)

    @Slot()
    def save(self) -> bool:
        """Add the account; accept when it was added."""
        if self.confirmation_differs(self.password, self.confirm,
                                     tr("Hai lần nhập mật khẩu không giống nhau.")):
            return False
        role = self.role.currentData()

        def add() -> None:
            self.account = self.store.accounts.add(
                self.username.text(), self.full_name.text(), role, self.password.text(),
                self.ward.currentData() if role == WARD_OFFICER else None)

        return self.save_and_accept(add, {"username": self.username, "password": self.password,
                                          "unit_id": self.ward, "role": self.role})


class AccountsDialog(FormDialog):
    """The list of accounts with the administrator's actions."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.accounts: list[Account] = []
        self.setWindowTitle(tr("Tài khoản"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(column) for column in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(tr("Thêm tài khoản…"))
        self.reset_button = QPushButton(tr("Đặt lại mật khẩu…"))
        self.toggle_button = QPushButton(tr("Khóa tài khoản"))
        close_button = QPushButton(tr("Đóng"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(820, 380)

        self.add_button.clicked.connect(self.add_account)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_disabled)
        close_button.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        """Read the accounts again."""
        selected = self.selected()
        self.accounts = self.store.accounts.all()
        self.table.setRowCount(len(self.accounts))
        for row, account in enumerate(self.accounts):
            unit = self.store.units.get(account.unit_id).name if account.unit_id else ""
            values = (account.username, account.full_name, role_text(account.role), unit,
                      tr("Đã khóa") if account.disabled else tr("Đang dùng"),
                      local_time(account.last_sign_in_at) if account.last_sign_in_at
                      else tr("Chưa đăng nhập"))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if account.disabled:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if selected is not None:
            self.select(selected.id)
        elif self.accounts:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> Account | None:
        """The account of the selected row."""
        row = self.table.currentRow()
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def select(self, account_id: str) -> None:
        """Select an account's row."""
        for row, account in enumerate(self.accounts):
            if account.id == account_id:
                self.table.selectRow(row)

    @Slot()
    def _update_buttons(self) -> None:
        account = self.selected()
        self.reset_button.setEnabled(account is not None)
        self.toggle_button.setEnabled(account is not None)
        self.toggle_button.setText(tr("Mở khóa tài khoản") if account and account.disabled
                                   else tr("Khóa tài khoản"))

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a form and wait for it (tests replace this)."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def confirm(self, title: str, text: str, accept: str) -> bool:
        """Ask before disabling an account (tests replace this)."""
        return ask(self, title, text, accept, tr("Không"))

    @Slot()
    def add_account(self) -> Account | None:
        """Open the form for a new account; the new one is selected after."""
        form = AccountFormDialog(self.store, self)
        if not self.run_dialog(form) or form.account is None:
            return None
        self.show_error("")
        self.reload()
        self.select(form.account.id)
        return form.account

    @Slot()
    def reset_password(self) -> bool:
        """Give the selected account a new password."""
        account = self.selected()
        if account is None:
            return False
        dialog = PasswordDialog(
            tr("Đặt lại mật khẩu"),
            tr("Mật khẩu mới cho {name}. Hãy báo cho người đó và đề nghị đổi lại ngay khi đăng"
               " nhập (Cài đặt → Đổi mật khẩu).").format(name=account.username),
            lambda _current, new: self.store.accounts.reset_password(account.id, new),
            parent=self)
        if not self.run_dialog(dialog):
            return False
        self.reload()
        return True

    @Slot()
    def toggle_disabled(self) -> bool:
        """Disable the selected account (after asking), or enable a disabled one."""
        account = self.selected()
        if account is None:
            return False
        try:
            if account.disabled:
                self.store.accounts.enable(account.id)
            else:
                if not self.confirm(
                        tr("Khóa tài khoản"),
                        tr("Khóa tài khoản {name}? Người này sẽ không đăng nhập được nữa; các"
                           " thay đổi họ đã làm vẫn được giữ trong nhật ký.").format(
                            name=account.username),
                        tr("Khóa tài khoản")):
                    return False
                self.store.accounts.disable(account.id)
        except StoreError as error:
            self.show_error(str(error))
            return False
        self.show_error("")
        self.reload()
        return True


def change_own_password(store: Store, parent: QWidget | None = None) -> PasswordDialog | None:
    """The dialog where the signed-in person changes their password (None: nobody signed in)."""
    account = store.account
    if account is None:
        return None
    return PasswordDialog(
        tr("Đổi mật khẩu"), tr("Đổi mật khẩu của {name}.").format(name=account.username),
        lambda current, new: store.accounts.change_password(account.id, current, new),
        ask_current=True, parent=parent)
