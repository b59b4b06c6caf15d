"""One owner of the open store: after a restore every long-lived part works on the new one."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from storage.backup import make_backup, restore_backup
from storage.model import Household
from storage.store import Store

PASSWORD = "mat-khau-thu"


def test_after_a_restore_the_idle_lock_still_locks_the_session(
        qtbot: QtBot, store: Store, city: dict[str, str]) -> None:
    admin = store.accounts.create_first_admin("quantri", "Quản Trị", PASSWORD)
    store.sign_in(admin)
    backup = make_backup(store, "manual")
    store.households.add(Household(city["group_1"], "Sau Sao Lưu"), 2024)
    window = MainWindow(store)
    qtbot.addWidget(window)
    path = store.path
    assert path is not None

    # What the backups dialog does: close, restore, open again, sign in, hand it over.
    store.close()
    restore_backup(path, backup)
    restored = Store(path)
    restored.sign_in(restored.accounts.find("quantri"))  # type: ignore[arg-type]
    window.replace_store(restored)

    for part in (window, window.session_lock, window.households_page,
                 window.households_page.model):
        assert part.store is restored, part
    dialog = window.session_lock.lock()  # the old store is closed: this raised before
    assert dialog is not None and window.session_lock.locked
    assert not window.centralWidget().isVisible()
    # The list shows the restored data (the household added after the backup is gone).
    window.households_page.model.refresh()
    names = {row.head_name for row in window.households_page.model.rows}
    assert "Sau Sao Lưu" not in names
    dialog.reject()
    restored.close()
