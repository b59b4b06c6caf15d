"""Backups and integrity in the GUI: the Tệp menu, the backups dialog (back up, extra folder,
restore, look at a backup), automatic backups, the data check, the start-up checks, and the
message a write refused by the disk gives."""

from __future__ import annotations

import random
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from gui.auto_backup import AutoBackup
from gui.background import run_in_background
from gui.dialogs import check_dialog
from gui.dialogs.backups_dialog import COLUMN_REASON, COLUMN_STATE, REASON_LABELS, BackupsDialog
from gui.dialogs.check_dialog import CheckDialog, check_file_at_start, take_instance_lock
from gui.main_window import MainWindow
from storage.backup import REASONS, list_backups, make_backup
from storage.errors import ReadOnlyStorage
from storage.model import Household, HouseholdYear
from storage.sealed_backup import set_passphrase
from storage.store import Store

PASSPHRASE = "Hoa ban nở trắng núi rừng"


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Store]:
    """A small database of its own: a city, a ward, a group, three households in 2024."""
    store = Store(tmp_path / "office.sqlite", actor="test")
    city = store.units.add("city", "Thành phố Thử", None, 2020)
    ward = store.units.add("phuong", "Phường Đoàn Kết", city.id, 2020)
    group = store.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
    for name in ("Nguyễn Văn An", "Lò Thị Bình", "Đỗ Văn Cường"):
        store.households.add(Household(group_id=group.id, head_name=name),
                             status=HouseholdYear("", 2024, group.id))
    yield store
    store.close()


@pytest.fixture
def office_window(qtbot: QtBot, office: Store) -> MainWindow:
    window = MainWindow(office)
    qtbot.addWidget(window)
    return window


def group_id(store: Store) -> str:
    return store.units.in_year(2024, "group")[0].id


def head_names(store: Store) -> list[str]:
    return sorted(row["head_name"] for row in store.query(
        "SELECT head_name FROM households WHERE deleted_at IS NULL"))


def open_backups(qtbot: QtBot, window: MainWindow,
                 monkeypatch: pytest.MonkeyPatch) -> BackupsDialog:
    errors: list[str] = []
    monkeypatch.setattr(BackupsDialog, "show_error", lambda self, text: errors.append(text))
    dialog = window.show_backups_dialog()
    assert isinstance(dialog, BackupsDialog)
    qtbot.addWidget(dialog)
    dialog.errors = errors  # type: ignore[attr-defined]
    return dialog


def test_the_file_menu_offers_backups_and_the_data_check(office_window: MainWindow) -> None:
    texts = [action.text() for action in office_window.menuBar().actions()[0].menu().actions()]
    assert "Sao &lưu và khôi phục…" in texts and "&Kiểm tra dữ liệu…" in texts
    assert set(REASON_LABELS) == set(REASONS)  # every reason storage writes has its words


def test_back_up_now_and_an_extra_copy_to_a_folder(
    qtbot: QtBot, office_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_backups(qtbot, office_window, monkeypatch)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()

    dialog.backup_button.click()

    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, COLUMN_REASON).text() == "Sao lưu tay"
    assert dialog.restore_button.isEnabled() and dialog.view_button.isEnabled()
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(dialog, "choose_folder", lambda start: stick)
    # No passphrase yet: the administrator is asked for one first (cancelled: nothing copied).
    asked: list[bool] = []
    monkeypatch.setattr(dialog, "ask_new_passphrase", lambda replacing: asked.append(replacing))
    dialog.extra_button.click()
    assert asked == [False] and list(stick.iterdir()) == []
    monkeypatch.setattr(dialog, "ask_new_passphrase", lambda replacing: PASSPHRASE)
    dialog.extra_button.click()
    copies = list(stick.glob("office-*-extra.tqsaoluu"))
    assert len(copies) == 1 and str(copies[0]) in dialog.status_label.text()
    assert str(stick) in dialog.folder_label.text()  # remembered
    assert "mật khẩu đặt ngày" in dialog.folder_label.text()
    # The copy on the stick is listed with the others, as encrypted.
    listed = next(info for info in dialog.backups if info.path == copies[0])
    row = dialog.backups.index(listed)
    assert dialog.table.item(row, COLUMN_STATE).text() == "Mã hóa, cần mật khẩu"
    monkeypatch.setattr(dialog, "choose_folder", lambda start: tmp_path / "pulled-out")
    dialog.extra_button.click()
    assert dialog.errors and "Không tìm thấy thư mục" in dialog.errors[0]


def test_restore_from_the_dialog_shows_the_restored_data_and_keeps_the_current_state(
    qtbot: QtBot, office_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = office_window
    dialog = open_backups(qtbot, window, monkeypatch)
    dialog.backup_button.click()
    backup = dialog.selected()
    assert backup is not None
    old_store = window.store
    old_store.households.add(Household(group_id=group_id(old_store), head_name="Hộ Thêm Sau"))
    window.data_changed()
    assert "Hộ Thêm Sau" in head_names(old_store)
    asked: list[str] = []
    monkeypatch.setattr(dialog, "confirm_restore",
                        lambda info: asked.append(info.path.name) or True)

    dialog.restore_button.click()
    qtbot.waitUntil(lambda: window.store is not old_store and dialog.isEnabled(), timeout=20000)

    assert asked == [backup.path.name]
    assert head_names(window.store) == ["Lò Thị Bình", "Nguyễn Văn An", "Đỗ Văn Cường"]
    assert window.households_page.store is window.store
    assert window.households_page.model.store is window.store
    assert window.undo_stack.count() == 0
    reasons = [info.reason for info in dialog.backups]
    assert "before-restore" in reasons
    saved = next(info for info in dialog.backups if info.reason == "before-restore")
    with Store(saved.path) as before:
        assert "Hộ Thêm Sau" in head_names(before)
    assert "Đã khôi phục" in dialog.status_label.text()
    assert window.isEnabled() and not dialog.errors


def test_a_backup_opens_read_only_in_a_window_of_its_own(
    qtbot: QtBot, office_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_backups(qtbot, office_window, monkeypatch)
    dialog.backup_button.click()

    viewer = dialog.view_selected()

    assert viewer is not None and viewer is not office_window
    assert "chỉ xem" in viewer.windowTitle()
    assert head_names(viewer.store) == head_names(office_window.store)
    assert not viewer.backups_action.isEnabled() and not viewer.check_action.isEnabled()
    with pytest.raises(ReadOnlyStorage):
        viewer.store.households.add(Household(group_id=group_id(viewer.store), head_name="X"))
    copy_folder = viewer.store.path.parent
    assert copy_folder.exists()
    viewer.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: not copy_folder.exists(), timeout=5000)


def test_automatic_backups_follow_changes_and_the_exit(
    qtbot: QtBot, office_window: MainWindow, tmp_path: Path
) -> None:
    window = office_window
    store = window.store
    auto = AutoBackup(window, interval_ms=50)
    assert window.findChild(AutoBackup) is auto
    qtbot.wait(250)
    assert list_backups(store.path) == []  # nothing changed: nothing to back up

    store.households.add(Household(group_id=group_id(store), head_name="Hộ Mới"))
    qtbot.waitUntil(lambda: len(list_backups(store.path)) == 1, timeout=5000)
    assert list_backups(store.path)[0].reason == "auto"
    qtbot.wait(250)
    assert len(list_backups(store.path)) == 1  # backed up once per change, not per tick
    assert "Đã sao lưu tự động" in window.statusBar().currentMessage()

    assert auto.backup_on_exit() is None  # nothing new since the last backup
    stick = tmp_path / "usb"
    stick.mkdir()
    store.set_meta("backup_extra_folder", str(stick))
    set_passphrase(store, PASSPHRASE)
    store.households.add(Household(group_id=group_id(store), head_name="Hộ Cuối Ngày"))
    auto.timer.stop()
    path = auto.backup_on_exit()
    assert path is not None and path.name.endswith("-exit.sqlite")
    assert len(list(stick.glob("office-*-extra.tqsaoluu"))) == 1


def test_no_automatic_backup_while_a_background_job_uses_the_store(
    qtbot: QtBot, office_window: MainWindow
) -> None:
    window = office_window
    store = window.store
    auto = AutoBackup(window, interval_ms=50)
    store.households.add(Household(group_id=group_id(store), head_name="Hộ Mới"))
    release = threading.Event()
    done: list[bool] = []
    # A job started from a dialog of its own leaves the main window enabled.
    run_in_background(None, "Việc dài", lambda _progress: release.wait(10),
                      on_done=done.append)
    assert window.isEnabled()
    qtbot.wait(300)
    assert list_backups(store.path) == []
    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    qtbot.waitUntil(lambda: len(list_backups(store.path)) == 1, timeout=5000)
    auto.timer.stop()
    assert auto.last_seq == store.change_seq


def test_the_data_check_finds_repairs_and_then_finds_nothing(
    qtbot: QtBot, office_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = office_window
    window.store.db.execute("UPDATE households SET head_sort_key = 'zzz', first_year = NULL")
    dialog = window.show_check_dialog()
    assert isinstance(dialog, CheckDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.findings is not None and dialog.isEnabled(), timeout=20000)
    assert {f.code for f in dialog.findings or []} == {"derived_keys", "first_year"}
    assert dialog.table.rowCount() == 2 and dialog.repair_button.isEnabled()
    monkeypatch.setattr(dialog, "confirm_repair", lambda count: count == 2)

    dialog.repair_button.click()
    qtbot.waitUntil(lambda: all(f.repaired for f in dialog.findings or []) and
                    dialog.isEnabled(), timeout=20000)

    assert "Đã sửa tất cả" in dialog.summary_label.text()
    assert not dialog.repair_button.isEnabled()
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.findings == [] and dialog.isEnabled(), timeout=20000)
    assert "Không phát hiện vấn đề nào" in dialog.summary_label.text()


def test_a_damaged_file_at_start_is_set_aside_and_the_newest_backup_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        store.units.add("city", "Thành phố Thử", None, 2020)
        backup = make_backup(store, "manual")
    damaged = bytearray(path.read_bytes())
    damaged[4096:8192] = random.Random(5).randbytes(4096)
    path.write_bytes(bytes(damaged))
    questions: list[str] = []
    monkeypatch.setattr(check_dialog, "ask_damaged_file",
                        lambda text, offered: questions.append(text) or (
                            check_dialog.RESTORE if offered and offered.path == backup
                            else check_dialog.QUIT))

    assert check_file_at_start(path)

    assert len(questions) == 1 and "bị hỏng" in questions[0] and backup.name in questions[0]
    aside = [p for p in tmp_path.glob("office.sqlite.damaged-*")
             if not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].read_bytes() == bytes(damaged)
    with Store(path) as restored:
        assert [unit.name for unit in restored.units.all()] == ["Thành phố Thử"]


def test_quitting_over_a_damaged_file_leaves_it_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "office.sqlite"
    path.write_bytes(random.Random(6).randbytes(20_000))
    offered: list[object] = []
    monkeypatch.setattr(check_dialog, "ask_damaged_file",
                        lambda text, backup: offered.append(backup) or check_dialog.QUIT)
    assert not check_file_at_start(path)
    assert offered == [None] and not path.exists()
    assert len(list(tmp_path.glob("office.sqlite.damaged-*"))) == 1


def test_a_second_program_on_the_same_file_is_refused_with_the_file_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(check_dialog, "show_start_message", messages.append)
    path = tmp_path / "office.sqlite"
    first = take_instance_lock(path)
    assert first is not None and messages == []
    try:
        assert take_instance_lock(path) is None
        assert len(messages) == 1 and str(path) in messages[0]
        assert "cửa sổ Tự Quản khác" in messages[0]
    finally:
        first.release()
    second = take_instance_lock(path)
    assert second is not None
    second.release()


def test_a_write_the_disk_refuses_is_explained_and_nothing_changes(
    qtbot: QtBot, office_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = office_window
    page = window.households_page
    page.show_unit(group_id(window.store), 2024)
    page.table.selectRow(0)
    assert page.selected_ids()
    shown: list[str] = []
    monkeypatch.setattr(page, "confirm", lambda title, text: True)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *args: shown.append(text))
    before = head_names(window.store)
    window.store.db.execute("PRAGMA query_only = ON")  # a write-protected USB stick

    page.delete_selected()

    assert len(shown) == 1 and "chỉ đọc" in shown[0]
    window.store.db.execute("PRAGMA query_only = OFF")
    assert head_names(window.store) == before
    assert window.undo_stack.count() == 0


def test_restore_and_repair_are_the_administrator_s_when_accounts_are_used(
    qtbot: QtBot, office: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.accounts import CITY_OFFICER

    officer = office.accounts.add_unchecked("canbo", "Cán bộ Thành phố", CITY_OFFICER,
                                            "matkhau-canbo")
    office.sign_in(officer)
    office.db.execute("UPDATE households SET head_sort_key = 'zzz'")
    window = MainWindow(office)
    qtbot.addWidget(window)
    dialog = open_backups(qtbot, window, monkeypatch)
    dialog.backup_button.click()  # backing up is everyone's
    assert dialog.table.rowCount() == 1
    assert dialog.view_button.isEnabled() and not dialog.restore_button.isEnabled()
    check = window.show_check_dialog()
    assert isinstance(check, CheckDialog)
    qtbot.addWidget(check)
    qtbot.waitUntil(lambda: check.findings is not None and check.isEnabled(), timeout=20000)
    assert [f.code for f in check.findings or []] == ["derived_keys"]
    assert not check.repair_button.isEnabled()


# -- encrypted copies ------------------------------------------------------------------------


def encrypted_copy(store: Store, folder: Path) -> Path:
    from storage.backup import copy_to_folder

    folder.mkdir(exist_ok=True)
    set_passphrase(store, PASSPHRASE)
    return copy_to_folder(store, folder)


def test_an_encrypted_copy_is_restored_with_its_passphrase_asked_until_right(
    qtbot: QtBot, office_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = office_window
    copy = encrypted_copy(window.store, tmp_path / "usb")
    window.store.households.add(Household(group_id=group_id(window.store),
                                          head_name="Hộ Thêm Sau"))
    dialog = open_backups(qtbot, window, monkeypatch)
    assert dialog.select_backup(copy)
    monkeypatch.setattr(dialog, "confirm_restore", lambda info: True)
    typed = iter(["sai mật khẩu", None])
    errors: list[str] = []
    monkeypatch.setattr(dialog, "ask_passphrase",
                        lambda text, error: errors.append(error) or next(typed))
    old_store = window.store

    assert not dialog.restore_selected()  # wrong, then cancelled: nothing done
    assert errors[0] == "" and "Mật khẩu không đúng" in errors[1]
    assert window.store is old_store and "Hộ Thêm Sau" in head_names(old_store)

    monkeypatch.setattr(dialog, "ask_passphrase", lambda text, error: PASSPHRASE)
    assert dialog.restore_selected()
    qtbot.waitUntil(lambda: window.store is not old_store and dialog.isEnabled(), timeout=20000)
    assert head_names(window.store) == ["Lò Thị Bình", "Nguyễn Văn An", "Đỗ Văn Cường"]
    assert not dialog.errors and "Đã khôi phục" in dialog.status_label.text()


def test_a_copy_from_another_computer_is_restored_from_a_chosen_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "old" / "tuquan.sqlite") as old:
        city = old.units.add("city", "Thành phố Cũ", None, 2020)
        old.sync.keys()
        copy = encrypted_copy(old, tmp_path / "usb")
        keys = old.sync.keys()
    fresh = Store(tmp_path / "new" / "tuquan.sqlite")
    window = MainWindow(fresh)
    qtbot.addWidget(window)
    dialog = open_backups(qtbot, window, monkeypatch)
    monkeypatch.setattr(dialog, "choose_backup_file", lambda: copy)
    monkeypatch.setattr(dialog, "confirm_restore_file", lambda path: path == copy)
    monkeypatch.setattr(dialog, "ask_passphrase", lambda text, error: PASSPHRASE)
    assert dialog.file_button.isEnabled()

    assert dialog.restore_from_file()
    qtbot.waitUntil(lambda: window.store is not fresh and dialog.isEnabled(), timeout=20000)

    assert window.store.units.city().id == city.id
    assert window.store.sync.keys() == keys  # the keys came with the copy
    window.store.close()


def test_an_encrypted_copy_opens_read_only_with_its_passphrase(
    qtbot: QtBot, office_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = encrypted_copy(office_window.store, tmp_path / "usb")
    dialog = open_backups(qtbot, office_window, monkeypatch)
    assert dialog.select_backup(copy)
    monkeypatch.setattr(dialog, "ask_passphrase", lambda text, error: PASSPHRASE)
    viewer = dialog.view_selected()
    assert viewer is not None
    assert head_names(viewer.store) == head_names(office_window.store)
    viewer.close()


def test_the_passphrase_is_set_by_the_administrator_only(
    qtbot: QtBot, office: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.accounts import CITY_OFFICER

    officer = office.accounts.add_unchecked("canbo", "Cán bộ Thành phố", CITY_OFFICER,
                                            "matkhau-canbo")
    office.sign_in(officer)
    window = MainWindow(office)
    qtbot.addWidget(window)
    dialog = open_backups(qtbot, window, monkeypatch)
    assert not dialog.passphrase_button.isEnabled() and not dialog.file_button.isEnabled()
    assert not dialog.set_backup_passphrase()
    # Without a passphrase an officer's extra copy is refused with who can help.
    monkeypatch.setattr(dialog, "choose_folder", lambda start: pytest.fail("asked a folder"))
    assert dialog.copy_to_extra_folder() is None
    assert "quản trị viên" in dialog.errors[-1]


def test_the_new_passphrase_form_refuses_weak_or_mistyped_ones(qtbot: QtBot) -> None:
    from gui.dialogs.passphrase_dialog import NewPassphraseDialog

    form = NewPassphraseDialog()
    qtbot.addWidget(form)
    form.first_edit.setText("ngắn")
    form.second_edit.setText("ngắn")
    assert not form.check_and_accept() and "ít nhất" in form.error_label.text()
    form.first_edit.setText(PASSPHRASE)
    form.second_edit.setText(PASSPHRASE + "x")
    assert not form.check_and_accept() and "không giống" in form.error_label.text()
    form.propose()
    proposed = form.first_edit.text()
    assert proposed == form.second_edit.text() and len(proposed) >= 24
    assert form.check_and_accept() and form.passphrase == proposed


def test_the_exit_says_when_the_stick_got_nothing_for_want_of_a_passphrase(
    qtbot: QtBot, office_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = office_window
    store = window.store
    auto = AutoBackup(window, interval_ms=60_000)
    warnings: list[str] = []
    monkeypatch.setattr(auto, "warn", warnings.append)
    stick = tmp_path / "usb"
    stick.mkdir()
    store.set_meta("backup_extra_folder", str(stick))
    store.households.add(Household(group_id=group_id(store), head_name="Hộ Cuối Ngày"))
    assert auto.backup_on_exit() is not None  # the backup in the data folder is made
    assert list(stick.iterdir()) == []
    assert len(warnings) == 1 and "chưa đặt mật khẩu" in warnings[0] and str(stick) in warnings[0]


def test_a_damaged_file_at_start_is_restored_from_an_encrypted_copy_on_the_stick(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        store.units.add("city", "Thành phố Thử", None, 2020)
        keys = store.sync.keys()
        copy = encrypted_copy(store, tmp_path / "usb")
    damaged = bytearray(path.read_bytes())
    damaged[4096:8192] = random.Random(7).randbytes(4096)
    path.write_bytes(bytes(damaged))
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)  # only the stick's copy is left
    messages: list[str] = []
    monkeypatch.setattr(check_dialog, "show_start_message", messages.append)
    monkeypatch.setattr(check_dialog, "ask_damaged_file",
                        lambda text, offered: check_dialog.CHOOSE)
    monkeypatch.setattr(check_dialog, "choose_backup_file", lambda db_path: copy)
    typed = iter(["sai mật khẩu", PASSPHRASE])
    monkeypatch.setattr(check_dialog, "ask_passphrase", lambda parent, text: next(typed))

    assert check_file_at_start(path)

    assert len(messages) == 1 and "Mật khẩu không đúng" in messages[0]
    with Store(path) as restored:
        assert [unit.name for unit in restored.units.all()] == ["Thành phố Thử"]
        assert restored.sync.keys() == keys



def test_a_damaged_file_another_program_has_open_is_named_and_left_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.other_process import app_holding

    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        store.units.add("city", "Thành phố Thử", None, 2020)
    damaged = bytearray(path.read_bytes())
    damaged[4096:8192] = random.Random(7).randbytes(4096)
    path.write_bytes(bytes(damaged))
    shown: list[str] = []
    monkeypatch.setattr(check_dialog.QMessageBox, "critical",
                        lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(check_dialog, "ask_damaged_file",
                        lambda text, backup: pytest.fail("nothing may be restored over it"))
    with app_holding(path):
        assert not check_file_at_start(path)
    assert shown and "chương trình khác mở" in shown[0] and "None" not in shown[0]
    assert path.read_bytes() == bytes(damaged)
