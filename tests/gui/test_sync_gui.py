"""The exchange screens: export and import dialogs, the exchange page, setting up ward machines.

Two databases made with the storage API: the city (a copy of the demo) and the machine of Xã
San Thàng (the smallest ward) set up from the city's set-up package. They are built once per
module and copied for each test, so every test starts from the same pair.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication, QUndoCommand
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import gui.app as gui_app
from gui.dialogs import setup_from_package_dialog
from gui.dialogs.export_dialog import SETTINGS_EXPORT_FOLDER, ExportDialog
from gui.dialogs.import_dialog import (
    ERROR_STYLE,
    REPORT_SUFFIX,
    TABLE_LABELS,
    ImportDialog,
    report_path_for,
)
from gui.dialogs.setup_from_package_dialog import SetupFromPackageDialog
from gui.dialogs.setup_ward_dialog import PassphraseDialog, SetupWardDialog, passphrase_display
from gui.main_window import MainWindow
from gui.sync_page import SyncDialog, SyncPage
from storage.keystore import copy_database_file
from storage.model import Household
from storage.store import Store
from storage.sync import PACKAGE_SUFFIX, SETUP_SUFFIX, TABLES, init_from_setup
from tests.files import file_digest

WARD = "Xã San Thàng"
OTHER_WARD = "Xã Sùng Phài"


@dataclass
class Pair:
    """The city's and the ward's stores, open for one test."""

    city: Store
    ward: Store
    folder: Path

    @property
    def ward_site(self) -> str:
        return self.ward.site_id


@pytest.fixture(scope="module")
def pristine(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with city.sqlite and ward.sqlite, set up once; tests copy it."""
    folder = tmp_path_factory.mktemp("sync_pair")
    shutil.copy(demo_path, folder / "city.sqlite")
    with Store(folder / "city.sqlite", actor="test") as city:
        ward = city.units.find(WARD, None, "ward")
        setup = city.sync.create_setup_package(ward.id, folder / "setup")
    init_from_setup(folder / "ward.sqlite", setup.path, setup.passphrase).close()
    return folder


@pytest.fixture
def pair(pristine: Path, tmp_path: Path) -> Iterator[Pair]:
    """This test's own copy of the city and the ward machine."""
    for name in ("city.sqlite", "ward.sqlite"):
        copy_database_file(pristine / name, tmp_path / name)
    city = Store(tmp_path / "city.sqlite", actor="test")
    ward = Store(tmp_path / "ward.sqlite", actor="test")
    try:
        yield Pair(city, ward, tmp_path)
    finally:
        city.close()
        ward.close()


def household_count(store: Store) -> int:
    return int(store.query("SELECT COUNT(*) AS n FROM households")[0]["n"])


def add_household(store: Store, name: str) -> None:
    """A household entered at the ward, in its first group."""
    ward = store.units.get(store.sync.unit_id())
    group = store.units.groups_of(ward.id, 2024)[0]
    store.households.add(Household(group.id, name))


def ward_package(pair: Pair, name: str = "Lò Văn Gửi") -> Path:
    """A package from the ward to the city carrying one new household."""
    add_household(pair.ward, name)
    upstream = pair.ward.sync.upstream()
    assert upstream is not None
    return pair.ward.sync.export(upstream.site_id, pair.folder / "usb").path


def wait_idle(qtbot: QtBot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy and dialog.isEnabled(), timeout=60000)




# -- export ------------------------------------------------------------------------------------


def test_the_table_labels_cover_every_travelling_table() -> None:
    assert TABLE_LABELS == {spec.name: spec.label for spec in TABLES}


def test_the_export_dialog_writes_a_package_for_the_chosen_receiver(
        qtbot: QtBot, pair: Pair) -> None:
    add_household(pair.ward, "Lò Thị Xuất")
    dialog = ExportDialog(pair.ward)
    qtbot.addWidget(dialog)
    city_site = pair.city.site_id
    # A ward machine sends to the city only.
    assert list(dialog.peer_boxes) == [city_site]
    assert "1 thay đổi chưa được xác nhận" in dialog.peer_boxes[city_site].text()
    usb = pair.folder / "usb"
    dialog.ask_folder = lambda: usb  # type: ignore[method-assign]
    dialog.choose_folder()
    assert dialog.folder() == usb
    dialog.export()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=60000)
    assert dialog.outcome is not None and not dialog.outcome.errors
    files = list(usb.glob(f"*{PACKAGE_SUFFIX}"))
    assert len(files) == 1
    [result] = dialog.outcome.results
    assert result.path == files[0]
    assert result.peer.site_id == city_site
    assert result.counts["households"] == 1
    assert files[0].name in dialog.result_view.toPlainText()
    assert "Hộ gia đình 1" in dialog.result_view.toPlainText()
    assert not dialog.open_folder_button.isHidden()
    assert QSettings().value(SETTINGS_EXPORT_FOLDER) == str(usb)
    # The city's preview of that file is what the ward sent.
    assert pair.city.sync.preview(files[0]).counts["households"].new == 1


def test_the_city_exports_to_the_wards_it_ticks(qtbot: QtBot, pair: Pair) -> None:
    dialog = ExportDialog(pair.city)
    qtbot.addWidget(dialog)
    assert list(dialog.peer_boxes) == [pair.ward_site]
    assert "phường/xã" in dialog.peer_boxes[pair.ward_site].text()
    dialog.peer_boxes[pair.ward_site].setChecked(False)
    assert not dialog.export_button.isEnabled()
    dialog.peer_boxes[pair.ward_site].setChecked(True)
    dialog.full_box.setChecked(True)
    dialog.folder_edit.setText(str(pair.folder / "out"))
    dialog.export()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=60000)
    assert dialog.outcome is not None
    [result] = dialog.outcome.results
    assert result.peer.site_id == pair.ward_site
    # A full package carries the city's households of that ward too (a recovery).
    assert result.counts["households"] == household_count(pair.ward)
    assert pair.ward.sync.preview(result.path).manifest["kind"] == "full"


def test_an_unwritable_destination_is_reported(qtbot: QtBot, pair: Pair) -> None:
    blocker = pair.folder / "a_file"
    blocker.write_text("not a folder")
    dialog = ExportDialog(pair.ward)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(blocker))
    dialog.export()
    assert dialog.outcome is None
    assert "không phải thư mục" in dialog.message_label.text()
    # Inside a file: the folder cannot be made; the error names what to do.
    dialog.folder_edit.setText(str(blocker / "sub"))
    dialog.export()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=60000)
    assert dialog.outcome is not None and not dialog.outcome.results
    [(peer, error)] = dialog.outcome.errors
    assert peer.site_id == pair.city.site_id
    assert "chọn thư mục khác" in error
    assert dialog.message_label.styleSheet() == ERROR_STYLE
    assert pair.ward.query("SELECT COUNT(*) AS n FROM sync_packages WHERE direction = 'out'"
                           " AND kind = 'changes'")[0]["n"] == 0


# -- import ------------------------------------------------------------------------------------


def test_the_import_dialog_previews_applies_and_reports(
        qtbot: QtBot, pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    package = ward_package(pair)
    before = household_count(pair.city)
    window = MainWindow(pair.city)
    qtbot.addWidget(window)
    window.undo_stack.push(QUndoCommand("an edit before the import"))
    assert window.import_action.isEnabled()
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    monkeypatch.setattr(ImportDialog, "ask_file", lambda self: package)
    confirmations: list[str] = []

    def confirm(self: ImportDialog, plan: object) -> bool:
        confirmations.append(self.source_label.text())
        return True

    monkeypatch.setattr(ImportDialog, "confirm_apply", confirm)
    window.import_action.trigger()
    [dialog] = window.findChildren(ImportDialog)
    dialog.choose_file()
    wait_idle(qtbot, dialog)
    assert dialog.plan is not None
    counts = dialog.counts_of("households")
    assert counts is not None and (counts.new, counts.changed, counts.rejected) == (1, 0, 0)
    assert "UBND Xã San Thàng" in dialog.source_label.text()
    assert household_count(pair.city) == before  # a preview writes nothing
    assert dialog.apply_button.isEnabled()

    dialog.apply_button.click()
    wait_idle(qtbot, dialog)
    assert confirmations and "UBND Xã San Thàng" in confirmations[0]
    assert household_count(pair.city) == before + 1
    assert pair.city.query("SELECT COUNT(*) AS n FROM households WHERE head_name = ?",
                           ["Lò Văn Gửi"])[0]["n"] == 1
    assert not dialog.apply_button.isEnabled()
    assert dialog.report_path == report_path_for(package)
    assert dialog.report_path.name.endswith(REPORT_SUFFIX)
    saved = dialog.report_path.read_text(encoding="utf-8-sig")
    assert "Hộ gia đình" in saved and package.name in saved
    assert "Hộ gia đình" in dialog.report_view.toPlainText()
    # Older undo steps were recorded against the data before the import.
    assert window.undo_stack.count() == 0

    # The same package again: recognised, nothing to apply.
    again = ImportDialog(pair.city)
    qtbot.addWidget(again)
    again.load(package)
    wait_idle(qtbot, again)
    assert "đã nhập ngày" in again.message_label.text()
    assert not again.apply_button.isEnabled()
    assert household_count(pair.city) == before + 1


def test_the_status_bar_follows_an_import_from_the_city(
        qtbot: QtBot, pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    pair.city.sync.import_package(ward_package(pair))
    back = pair.city.sync.export(pair.ward_site, pair.folder / "back").path
    window = MainWindow(pair.ward)
    qtbot.addWidget(window)
    assert window.pending_label.text() == "Chưa gửi: 1 thay đổi"
    monkeypatch.setattr(ImportDialog, "confirm_apply", lambda self, plan: True)
    dialog = window.show_import_dialog()
    dialog.load(back)
    wait_idle(qtbot, dialog)
    dialog.apply()
    wait_idle(qtbot, dialog)
    assert dialog.report_path is not None
    # The city acknowledged the ward's change: nothing is waiting any more.
    assert window.pending_label.text() == "Chưa gửi: 0 thay đổi"


def test_a_tampered_package_is_refused_and_nothing_is_written(
        qtbot: QtBot, pair: Pair) -> None:
    package = ward_package(pair)
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = package.with_name("tampered" + PACKAGE_SUFFIX)
    tampered.write_bytes(bytes(data))
    city_file = pair.city.path
    assert city_file is not None
    pair.city.close()
    before = file_digest(city_file)
    city = Store(city_file, actor="test")
    try:
        count = household_count(city)
        dialog = ImportDialog(city)
        qtbot.addWidget(dialog)
        dialog.load(tampered)
        wait_idle(qtbot, dialog)
        assert dialog.plan is None
        assert "Chữ ký" in dialog.refusal or "không khớp" in dialog.refusal
        assert dialog.refusal in dialog.message_label.text()
        assert "dữ liệu trên máy không thay đổi" in dialog.message_label.text()
        assert dialog.message_label.styleSheet() == ERROR_STYLE
        assert not dialog.apply_button.isEnabled()
        assert dialog.counts_table.rowCount() == 0
        dialog.apply()  # nothing to apply: no effect
        assert household_count(city) == count
        assert not report_path_for(tampered).exists()
    finally:
        city.close()
    assert file_digest(city_file) == before
    pair.city = Store(city_file, actor="test")  # the fixture closes it


def test_the_report_goes_to_the_data_folder_when_the_package_folder_is_read_only(
        qtbot: QtBot, pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    package = ward_package(pair)
    real_write = Path.write_text

    def write_text(self: Path, *args: object, **kwargs: object) -> int:
        if self.parent == package.parent:
            raise PermissionError(13, "Permission denied")
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", write_text)
    monkeypatch.setattr(ImportDialog, "confirm_apply", lambda self, plan: True)
    dialog = ImportDialog(pair.city)
    qtbot.addWidget(dialog)
    dialog.load(package)
    wait_idle(qtbot, dialog)
    dialog.apply()
    wait_idle(qtbot, dialog)
    assert pair.city.path is not None
    assert dialog.report_path == pair.city.path.parent / report_path_for(package).name
    assert dialog.report_path.exists()
    assert str(dialog.report_path) in dialog.message_label.text()


def test_declining_the_confirmation_writes_nothing(
        qtbot: QtBot, pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    package = ward_package(pair)
    before = household_count(pair.city)
    monkeypatch.setattr(ImportDialog, "confirm_apply", lambda self, plan: False)
    dialog = ImportDialog(pair.city)
    qtbot.addWidget(dialog)
    dialog.load(package)
    wait_idle(qtbot, dialog)
    dialog.apply()
    wait_idle(qtbot, dialog)
    assert household_count(pair.city) == before
    assert dialog.apply_button.isEnabled()
    assert dialog.report_path is None


# -- the exchange page -------------------------------------------------------------------------


def test_the_sync_page_lists_the_ward_machine_and_revokes_it(
        qtbot: QtBot, pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    pair.city.sync.import_package(ward_package(pair))
    page = SyncPage(pair.city)
    qtbot.addWidget(page)
    row = page.row_texts(pair.ward_site)
    assert row[:3] == ["UBND Xã San Thàng", "phường/xã", "đang dùng"]
    assert row[3] != "–" and row[4] != "–"  # the set-up package sent, the package received
    history = [page.history_table.item(r, 1).text()
               for r in range(page.history_table.rowCount())]
    assert history == ["nhận", "gửi"]
    assert not page.setup_button.isHidden() and not page.revoke_button.isHidden()
    assert not page.revoke_button.isEnabled()  # nothing selected

    assert page.select_peer(pair.ward_site)
    assert page.revoke_button.isEnabled()
    monkeypatch.setattr(SyncPage, "ask_revoke_reason", lambda self, peer: None)
    assert not page.revoke_selected()
    assert pair.city.sync.peer(pair.ward_site).revoked_at is None  # type: ignore[union-attr]

    monkeypatch.setattr(SyncPage, "ask_revoke_reason", lambda self, peer: "Máy bị mất cắp")
    assert page.revoke_selected()
    peer = pair.city.sync.peer(pair.ward_site)
    assert peer is not None and peer.revoked_at
    state = page.row_texts(pair.ward_site)[2]
    assert state.startswith("thu hồi ") and state.endswith("Máy bị mất cắp")
    assert not page.revoke_button.isEnabled()
    assert not page.export_button.isEnabled()  # no receiver left


def test_the_ward_page_shows_the_city_without_the_city_actions(
        qtbot: QtBot, pair: Pair) -> None:
    dialog = SyncDialog(pair.ward)
    qtbot.addWidget(dialog)
    page = dialog.page
    row = page.row_texts(pair.city.site_id)
    assert row[:3] == [pair.city.sync.site_name(), "cấp trên", "đang dùng"]
    assert page.setup_button.isHidden() and page.revoke_button.isHidden()
    assert "UBND Xã San Thàng" in page.identity_label.text()


def test_the_main_window_opens_the_exchange_dialogs(qtbot: QtBot, pair: Pair) -> None:
    window = MainWindow(pair.ward)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    actions = file_menu.actions()  # type: ignore[union-attr]
    for action in (window.export_action, window.import_action, window.sync_action):
        assert action in actions and action.isEnabled()
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    shortcuts = [a.shortcut().toString() for a in window.findChildren(type(window.export_action))
                 if not a.shortcut().isEmpty()]
    assert shortcuts.count("Ctrl+E") == 1 and shortcuts.count("Ctrl+I") == 1
    window.export_action.trigger()
    assert len(window.findChildren(ExportDialog)) == 1
    sync = window.show_sync_dialog()
    assert sync.page.row_texts(pair.city.site_id)


# -- setting up a ward's machine ---------------------------------------------------------------


def test_the_city_sets_up_a_ward_machine_and_sees_the_passphrase(
        qtbot: QtBot, pair: Pair) -> None:
    page = SyncPage(pair.city)
    qtbot.addWidget(page)
    dialog = page.show_setup_ward_dialog()
    assert isinstance(dialog, SetupWardDialog)
    # A ward that has a machine: only a replacement, explicitly.
    dialog.ward_combo.setCurrentIndex(dialog.ward_combo.findText(WARD))
    assert "Đã có máy" in dialog.machine_label.text()
    assert not dialog.create_button.isEnabled()
    dialog.replace_box.setChecked(True)
    assert dialog.create_button.isEnabled()

    other = pair.city.units.find(OTHER_WARD, None, "ward")
    dialog.ward_combo.setCurrentIndex(dialog.ward_combo.findData(other.id))
    assert not dialog.replace_box.isChecked() and dialog.replace_box.isHidden()
    assert dialog.create_button.isEnabled()
    target = pair.folder / "setup"
    dialog.ask_folder = lambda: target  # type: ignore[method-assign]
    dialog.choose_folder()
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.passphrase_dialog is not None, timeout=60000)
    shown = dialog.passphrase_dialog
    assert isinstance(shown, PassphraseDialog)
    qtbot.addWidget(shown)
    result = dialog.result_
    assert result is not None and result.path.parent == target
    assert result.path.suffix == SETUP_SUFFIX and result.path.exists()
    assert shown.passphrase_label.text() == passphrase_display(result.passphrase)
    assert shown.passphrase_label.text().replace("\n", "  ").split("  ") == \
        result.passphrase.split("-")
    shown.copy()
    assert QGuiApplication.clipboard().text() == result.passphrase
    machine = pair.city.sync.active_machine_of(other.id)
    assert machine is not None and machine.site_id == result.site_id
    qtbot.waitUntil(lambda: bool(page.row_texts(result.site_id)), timeout=5000)
    shown.done_button.click()  # "written down": closes without asking
    assert not shown.isVisible()


def test_the_passphrase_window_asks_before_closing_without_the_button(
        qtbot: QtBot, pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    other = pair.city.units.find(OTHER_WARD, None, "ward")
    result = pair.city.sync.create_setup_package(other.id, pair.folder / "setup")
    dialog = PassphraseDialog(result)
    qtbot.addWidget(dialog)
    dialog.show()
    answers = [False]
    monkeypatch.setattr(PassphraseDialog, "confirm_close", lambda self: answers[0])
    dialog.reject()  # Esc
    assert dialog.isVisible()
    answers[0] = True
    dialog.reject()
    assert not dialog.isVisible()


@pytest.mark.slow
def test_the_set_up_dialog_creates_a_working_ward_database(
        qtbot: QtBot, pair: Pair) -> None:
    other = pair.city.units.find(OTHER_WARD, None, "ward")
    setup = pair.city.sync.create_setup_package(other.id, pair.folder / "setup")
    database = pair.folder / "data" / "tuquan.sqlite"
    dialog = SetupFromPackageDialog(database)
    qtbot.addWidget(dialog)
    dialog.ask_file = lambda: setup.path  # type: ignore[method-assign]
    dialog.choose_file()
    assert dialog.file_edit.text() == str(setup.path)
    # Which ward the package is for shows before the passphrase is typed.
    assert other.name in dialog.package_label.text()
    dialog.file_edit.setText(str(pair.folder / "data"))
    assert dialog.package_label.text() == ""
    not_a_package = pair.folder / "khong-phai.tqthietlap"
    not_a_package.write_bytes(b"hello")
    dialog.file_edit.setText(str(not_a_package))
    assert "không phải gói thiết lập" in dialog.package_label.text()
    dialog.file_edit.setText(str(setup.path))

    dialog.passphrase_edit.setText("ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2")
    dialog.setup_button.click()
    qtbot.waitUntil(lambda: dialog.isEnabled() and dialog.setup_button.isEnabled(),
                    timeout=60000)
    assert dialog.store is None
    assert "Mật khẩu" in dialog.message_label.text()
    assert not database.exists()

    # Typed from paper: lower case, spaces instead of dashes.
    dialog.passphrase_edit.setText(setup.passphrase.lower().replace("-", " "))
    dialog.setup_button.click()
    qtbot.waitUntil(lambda: dialog.store is not None, timeout=60000)
    store = dialog.store
    assert store is not None
    try:
        assert database.exists()
        assert store.sync.role == "ward"
        assert store.sync.unit_id() == other.id
        upstream = store.sync.upstream()
        assert upstream is not None and upstream.site_id == pair.city.site_id
        ward_households = pair.city.query(
            "SELECT COUNT(*) AS n FROM households h JOIN units g ON g.id = h.group_id"
            " WHERE g.parent_id = ?", [other.id])[0]["n"]
        assert household_count(store) == ward_households > 0
    finally:
        store.close()


@pytest.mark.slow
def test_first_start_offers_the_set_up_from_the_city_package(
        qtbot: QtBot, pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    other = pair.city.units.find(OTHER_WARD, None, "ward")
    setup = pair.city.sync.create_setup_package(other.id, pair.folder / "setup")
    asked: list[str] = []
    answers = [gui_app.SETUP_BUTTON, gui_app.SETUP_BUTTON]

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        wanted = answers.pop(0)
        next(button for button in box.buttons() if button.text() == wanted).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    attempts: list[Path] = []

    def fake_setup(database: Path, parent: object = None) -> Store | None:
        attempts.append(database)
        if len(attempts) == 1:
            return None  # the official went back: the question comes again
        return init_from_setup(database, setup.path, setup.passphrase)

    monkeypatch.setattr(setup_from_package_dialog, "setup_from_package", fake_setup)
    database = pair.folder / "new.sqlite"
    window = gui_app.prepare_main_window(database, offer_demo=True)
    qtbot.addWidget(window)
    try:
        assert asked == [gui_app.DEMO_QUESTION] * 2
        assert attempts == [database, database]
        assert window.store.sync.role == "ward"
        assert window.store.sync.unit_id() == other.id
        assert window.tree_model.rowCount() == 1
    finally:
        window.store.close()
