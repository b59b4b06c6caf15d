"""Signing in, the first administrator, the accounts dialog, roles in the window, the idle lock."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from gui import app as gui_app
from gui.background import run_in_background
from gui.dialogs.accounts_dialog import (
    AccountFormDialog,
    AccountsDialog,
    PasswordDialog,
    change_own_password,
)
from gui.dialogs.login_dialog import FirstAdminDialog, LoginDialog, SignInCancelled
from gui.main_window import MainWindow
from gui.session_lock import SETTINGS_LOCK_MINUTES, SessionLock
from storage.accounts import VIEWER, WARD_OFFICER, Account
from storage.model import Household
from storage.store import Store
from tests.gui.keyboard import type_text

PASSWORD = "mat-khau-thu"


@pytest.fixture
def admin(store: Store, city: dict[str, str]) -> Account:
    return store.accounts.create_first_admin("quantri", "Quản Trị", PASSWORD)


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def sign_in_with_keys(qtbot: QtBot, dialog: LoginDialog, name: str, password: str) -> None:
    dialog.username.setText(name)
    dialog.password.clear()
    type_text(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_enter_signs_in_and_a_wrong_password_says_so(
    qtbot: QtBot, store: Store, admin: Account
) -> None:
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    sign_in_with_keys(qtbot, dialog, "quantri", "sai")
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.account is None
    assert "Sai tên đăng nhập hoặc mật khẩu" in dialog.error_label.text()
    assert dialog.password.text() == ""  # cleared for the next try
    sign_in_with_keys(qtbot, dialog, "QuanTri", PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.account is not None and dialog.account.id == admin.id
    assert store.account is None  # the caller signs the store in


def test_repeated_failures_show_the_delay_and_block_the_button(
    qtbot: QtBot, store: Store, admin: Account
) -> None:
    clock = Clock()
    store.accounts.clock = clock
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(3):
        sign_in_with_keys(qtbot, dialog, "quantri", "sai")
    assert "thử lại sau 5 giây" in dialog.error_label.text()
    assert not dialog.sign_in_button.isEnabled()
    assert dialog.sign_in_button.text() == "Thử lại sau 5 giây"
    assert dialog.try_sign_in() is False  # Enter during the wait does nothing
    for _ in range(5):
        dialog._tick()
    assert dialog.sign_in_button.isEnabled() and dialog.sign_in_button.text() == "Đăng nhập"
    clock.now += dt.timedelta(seconds=5)
    sign_in_with_keys(qtbot, dialog, "quantri", PASSWORD)
    assert dialog.account is not None


def test_the_login_of_the_demo_names_its_accounts(qtbot: QtBot, demo_store: Store) -> None:
    dialog = LoginDialog(demo_store)
    qtbot.addWidget(dialog)
    assert "admin / admin" in dialog.hint.text() and "tanphong" in dialog.hint.text()
    names = {account.username for account in demo_store.accounts.all()}
    assert {"admin", "canbo", "xem", "tanphong", "dongphong"} <= names


def test_the_first_start_creates_the_administrator(qtbot: QtBot, store: Store) -> None:
    dialog = FirstAdminDialog(store)
    qtbot.addWidget(dialog)
    dialog.username.setText("quantri")
    type_text(dialog.full_name, "Nguyễn Văn Quản")
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD + "x")
    assert dialog.create() is False and "không giống nhau" in dialog.error_label.text()
    dialog.confirm.setText(PASSWORD)
    dialog.password.setText("ngan")
    dialog.confirm.setText("ngan")
    assert dialog.create() is False and "ít nhất 8 ký tự" in dialog.error_label.text()
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD)
    assert dialog.create() is True
    assert dialog.account is not None and dialog.account.is_admin
    assert store.accounts.authenticate("quantri", PASSWORD).full_name == "Nguyễn Văn Quản"


def test_start_signs_in_before_showing_data_and_stops_when_declined(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "data.sqlite"
    with Store(path) as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
        store.accounts.create_first_admin("quantri", "Quản Trị", PASSWORD)
        store.units.add("phuong", "Phường Một", city.id, 2020)
    calls: list[bool] = []

    def decline(store: Store) -> bool:
        calls.append(store.account is None)
        return False

    with pytest.raises(SignInCancelled):
        gui_app.prepare_main_window(path, offer_demo=False, sign_in=decline)
    assert calls == [True]

    def sign_in(store: Store) -> bool:
        store.accounts.sign_in("quantri", PASSWORD)
        return True

    window = gui_app.prepare_main_window(path, offer_demo=False, sign_in=sign_in)
    qtbot.addWidget(window)
    try:
        assert window.store.account is not None
        assert window.account_label.text() == "Người dùng: quantri (Quản trị thành phố)"
    finally:
        window.store.close()


def test_an_empty_file_asks_for_its_administrator_after_the_start_question(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gui_app, "ask_build_demo", lambda _parent: False)
    created: list[str] = []

    def first_admin(store: Store) -> bool:
        assert store.accounts.count() == 0
        account = store.accounts.create_first_admin("quantri", "Quản Trị", PASSWORD)
        store.sign_in(account)
        created.append(account.username)
        return True

    path = tmp_path / "empty.sqlite"
    Store(path).close()
    window = gui_app.prepare_main_window(path, offer_demo=True, sign_in=first_admin)
    qtbot.addWidget(window)
    try:
        assert created == ["quantri"]
        assert window.accounts_action.isVisible() and window.lock_action.isEnabled()
        assert "quantri" in window.account_label.text()
    finally:
        window.store.close()


def make_window(qtbot: QtBot, store: Store, account: Account | None) -> MainWindow:
    if account is not None:
        store.sign_in(account)
    window = MainWindow(store)
    qtbot.addWidget(window)
    return window


def test_the_window_shows_who_is_signed_in_and_what_they_may_do(
    qtbot: QtBot, store: Store, admin: Account, city: dict[str, str]
) -> None:
    viewer = store.accounts.add("xem", "Người Xem", VIEWER, PASSWORD)
    ward = store.accounts.add("doanket", "Cán Bộ", WARD_OFFICER, PASSWORD, city["ward_a"])

    window = make_window(qtbot, store, viewer)
    assert window.account_label.text() == "Người dùng: xem (Chỉ xem và in)"
    page = window.households_page
    assert not window.new_household_action.isEnabled()
    assert not page.delete_action.isEnabled() and not page.bulk_action.isEnabled()
    assert not window.decision_action.isEnabled()
    assert not window.accounts_action.isVisible() and window.lock_action.isEnabled()

    window = make_window(qtbot, store, ward)
    assert window.new_household_action.isEnabled() and page is not window.households_page
    assert not window.decision_action.isEnabled()

    window = make_window(qtbot, store, admin)
    assert window.accounts_action.isVisible() and window.decision_action.isEnabled()
    assert window.change_password_action.isVisible()

    store.sign_out()
    window = make_window(qtbot, store, None)  # the owner's file, as the tests open it
    assert window.account_label.text() == "" and not window.lock_action.isEnabled()
    assert window.new_household_action.isEnabled()


def test_the_administrator_adds_disables_and_resets_accounts(
    qtbot: QtBot, store: Store, admin: Account, city: dict[str, str],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    store.sign_in(admin)
    dialog = AccountsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1

    def fill_form(form: QDialog) -> bool:
        assert isinstance(form, AccountFormDialog)
        assert not form.ward.isEnabled() or form.role.currentData() == WARD_OFFICER
        form.username.setText("doanket")
        type_text(form.full_name, "Lò Văn Đoàn")
        form.role.setCurrentIndex(form.role.findData(WARD_OFFICER))
        assert form.ward.isEnabled()
        form.ward.setCurrentIndex(form.ward.findData(city["ward_a"]))
        form.password.setText(PASSWORD)
        form.confirm.setText(PASSWORD)
        return form.save()

    monkeypatch.setattr(dialog, "run_dialog", fill_form)
    added = dialog.add_account()
    assert added is not None and added.unit_id == city["ward_a"]
    assert dialog.table.rowCount() == 2
    row = dialog.table.currentRow()
    assert dialog.table.item(row, 0).text() == "doanket"
    assert dialog.table.item(row, 3).text() == "Phường Đoàn Kết"

    asked: list[str] = []
    monkeypatch.setattr(dialog, "confirm", lambda _t, text, _a: asked.append(text) or True)
    assert dialog.toggle_disabled() is True
    assert asked and "doanket" in asked[0]
    assert store.accounts.get(added.id).disabled
    assert dialog.table.item(dialog.table.currentRow(), 4).text() == "Đã khóa"
    assert dialog.toggle_button.text() == "Mở khóa tài khoản"
    assert dialog.toggle_disabled() is True and not store.accounts.get(added.id).disabled

    def new_password(form: QDialog) -> bool:
        assert isinstance(form, PasswordDialog)
        form.new.setText("mat-khau-moi")
        form.confirm.setText("mat-khau-moi")
        return form.save()

    monkeypatch.setattr(dialog, "run_dialog", new_password)
    assert dialog.reset_password() is True
    assert store.accounts.authenticate("doanket", "mat-khau-moi").id == added.id

    # The administrator cannot lock themselves out: the refusal is shown in the dialog.
    dialog.select(admin.id)
    assert dialog.toggle_disabled() is False
    assert "Không tự khóa" in dialog.error_label.text()


def test_everyone_changes_their_own_password(qtbot: QtBot, store: Store, admin: Account) -> None:
    viewer = store.accounts.add("xem", "Người Xem", VIEWER, PASSWORD)
    store.sign_in(viewer)
    dialog = change_own_password(store)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.current.setText("sai")
    dialog.new.setText("mat-khau-moi")
    dialog.confirm.setText("mat-khau-moi")
    assert dialog.save() is False and "không đúng" in dialog.error_label.text()
    dialog.current.setText(PASSWORD)
    assert dialog.save() is True
    assert store.accounts.authenticate("xem", "mat-khau-moi").id == viewer.id


def test_an_idle_session_locks_and_the_password_unlocks_it(
    qtbot: QtBot, store: Store, admin: Account
) -> None:
    QSettings().setValue(SETTINGS_LOCK_MINUTES, 15)
    store.sign_in(admin)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    now = [1000.0]
    lock = SessionLock(window, store, clock=lambda: now[0])
    now[0] += 14 * 60
    assert lock.check() is False
    # Any key press counts as use.
    qtbot.keyClick(window.households_page.search, Qt.Key.Key_A)
    assert lock.last_input == now[0]
    now[0] += 15 * 60 + 1
    assert lock.check() is True
    dialog = lock.dialog
    assert dialog is not None and dialog.isVisible()
    assert not window.centralWidget().isVisible() and not window.menuBar().isEnabled()
    assert dialog.username.text() == "quantri" and dialog.username.isReadOnly()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # Esc does not unlock
    sign_in_with_keys(qtbot, dialog, "quantri", "sai")
    assert lock.locked and "Sai" in dialog.error_label.text()
    sign_in_with_keys(qtbot, dialog, "quantri", PASSWORD)
    assert not lock.locked
    assert window.centralWidget().isVisible() and window.menuBar().isEnabled()
    assert store.account is not None and store.account.id == admin.id


def test_the_session_does_not_lock_while_a_background_job_uses_the_store(
    qtbot: QtBot, store: Store, admin: Account
) -> None:
    QSettings().setValue(SETTINGS_LOCK_MINUTES, 15)
    store.sign_in(admin)
    window = MainWindow(store)
    qtbot.addWidget(window)
    now = [1000.0]
    lock = SessionLock(window, store, clock=lambda: now[0])
    release = threading.Event()
    done: list[bool] = []
    run_in_background(None, "Việc dài", lambda _progress: release.wait(10),
                      on_done=done.append)
    now[0] += 60 * 60  # an hour of import without a key press
    assert lock.check() is False and not lock.locked
    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert lock.check() is False  # the work counted as use: the idle time starts again
    now[0] += 15 * 60 + 1
    assert lock.check() is True


def test_without_an_account_or_with_no_limit_the_session_never_locks(
    qtbot: QtBot, store: Store, admin: Account
) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    now = [0.0]
    lock = SessionLock(window, store, clock=lambda: now[0])
    now[0] += 10 * 3600
    assert lock.check() is False  # nobody signed in: nothing to lock
    store.sign_in(admin)
    QSettings().setValue(SETTINGS_LOCK_MINUTES, 0)
    assert lock.check() is False
    QSettings().setValue(SETTINGS_LOCK_MINUTES, 5)
    assert lock.check() is True


def test_a_viewer_sees_the_refusal_when_saving(
    qtbot: QtBot, store: Store, admin: Account, city: dict[str, str]
) -> None:
    household = store.households.add(Household(city["group_1"], "Nguyễn Văn An"), year=2024)
    store.sign_in(store.accounts.add("xem", "Người Xem", VIEWER, PASSWORD))
    window = MainWindow(store)
    qtbot.addWidget(window)
    page = window.households_page
    page.show_unit(city["group_1"], 2024)
    page.table.selectRow(0)
    dialog = page.edit_current()
    assert dialog is not None
    dialog.address.setText("Số 1")
    assert dialog._save() is False
    assert "chỉ được xem và in" in dialog.error_label.text()
    assert store.households.get(household.id).address == ""
    dialog.done(0)
