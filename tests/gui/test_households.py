"""The ward official's daily flows in the household table and form, driven through qtbot."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.dialogs.household_dialog import HouseholdDialog
from gui.drafts import draft_path, load_draft
from gui.household_table import HouseholdTableModel
from gui.main_window import MainWindow
from storage.household_search import HouseholdQuery
from storage.store import Store
from tests.gui.keyboard import type_text


@pytest.fixture
def writable_store(demo_path: Path, tmp_path: Path) -> Iterator[Store]:
    """A copy of the demo city that the test may change."""
    copy = tmp_path / "demo-copy.sqlite"
    shutil.copy(demo_path, copy)
    with Store(copy, actor="test") as opened:
        yield opened


@pytest.fixture
def main(qtbot: QtBot, writable_store: Store) -> MainWindow:
    window = MainWindow(writable_store)
    qtbot.addWidget(window)
    window.show()
    return window


def _select_group(window: MainWindow, ward: str, group: str) -> str:
    store = window.store
    ward_unit = store.units.find(ward, window.selected_year, "ward")
    group_unit = next(g for g in store.units.groups_of(ward_unit.id, window.selected_year)
                      if g.name == group)
    assert window.select_unit(group_unit.id)
    return group_unit.id


def _names(window: MainWindow) -> list[str]:
    model = window.households_page.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester: object, demo_store: Store) -> None:
    model = HouseholdTableModel(demo_store, HouseholdQuery(2024, text="nguyen"))
    assert model.rowCount() == 200 and model.total > 400
    model.fetchMore()
    assert model.rowCount() == 400
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert model.query.order_by == "address" and model.query.descending
    assert model.rowCount() > 0


def test_add_a_household_with_the_keyboard(qtbot: QtBot, main: MainWindow) -> None:
    group_id = _select_group(main, "Tân Phong", "Tổ dân phố số 10")
    before = main.households_page.model.total
    qtbot.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = main.households_page.findChild(HouseholdDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.group_combo.currentData() == group_id
    type_text(dialog.head_name, "Ma Thị Khuyên")
    qtbot.keyClick(dialog.head_name, Qt.Key.Key_Tab)
    type_text(dialog.birth_year, "1985")
    dialog.ethnicity.setCurrentText("H'Mông")
    dialog.member_count.setValue(3)
    dialog.flags["antt_commitment"].setChecked(True)
    qtbot.keyClick(dialog.head_name, Qt.Key.Key_Return)  # Enter saves
    assert dialog.error_label.text() == ""
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert main.households_page.model.total == before + 1
    row = next(r for r in main.households_page.model.rows if r.head_name == "Ma Thị Khuyên")
    household = main.store.households.get(row.id)
    assert household.head_birth_year == 1985 and household.ethnicity_code == "08"
    status = main.store.households.year_status(row.id, 2024)
    assert status is not None and status.antt_commitment and status.group_id == group_id
    assert main.undo_stack.undoText() == "Thêm hộ Ma Thị Khuyên"
    assert "Chưa gửi: 1" in main.pending_label.text()


def test_the_form_refuses_bad_input_inline_and_keeps_it(qtbot: QtBot, main: MainWindow) -> None:
    _select_group(main, "Tân Phong", "Tổ dân phố số 10")
    dialog = main.households_page.new_household()
    assert dialog is not None
    type_text(dialog.birth_year, "1850")
    dialog.save_button.click()
    assert dialog.isVisible() and "chủ hộ" in dialog.error_label.text()
    type_text(dialog.head_name, "Lò Văn Sơn")
    dialog.save_button.click()
    assert dialog.isVisible() and "Năm sinh" in dialog.error_label.text()
    assert dialog.head_name.text() == "Lò Văn Sơn" and dialog.birth_year.text() == "1850"
    assert main.undo_stack.count() == 0
    dialog.birth_year.setText("1980")
    dialog.save_button.click()
    assert not dialog.isVisible()


def test_save_and_new_keeps_the_group(qtbot: QtBot, main: MainWindow) -> None:
    group_id = _select_group(main, "Đoàn Kết", "Tổ dân phố số 5")
    dialog = main.households_page.new_household()
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for name in ("Đặng Văn Một", "Đặng Văn Hai"):
        type_text(dialog.head_name, name)
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible() and dialog.head_name.text() == ""
        assert dialog.group_combo.currentData() == group_id
    assert dialog.saved_count == 2
    dialog.reject()
    assert {"Đặng Văn Một", "Đặng Văn Hai"} <= set(_names(main))


def test_search_with_and_without_accents(qtbot: QtBot, main: MainWindow) -> None:
    page = main.households_page
    main.select_unit(main.store.units.city().id)
    qtbot.keyClick(main, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    type_text(page.search, "doan")
    qtbot.waitUntil(lambda: page.model.query.text == "doan")
    folded = page.model.total
    assert folded > 0
    page.exact.setChecked(True)
    page.search.setText("Đoàn")
    page.apply_query()
    exact = page.model.total
    assert 0 < exact <= folded
    assert all("Đoàn" in row.head_name or "Đoàn" in row.address for row in page.model.rows)
    page.exact.setChecked(False)
    page.search.setText("nguyen van")
    page.apply_query()
    assert page.model.total > 0
    assert any(row.head_name.startswith("Nguyễn Văn") for row in page.model.rows)
    assert page.count_label.text() == f"{page.model.total:,} hộ".replace(",", ".")


def test_status_filter(main: MainWindow) -> None:
    page = main.households_page
    main.select_unit(main.store.units.city().id)
    page.filter_actions["poor"].setChecked(True)
    assert page.model.total == 194  # the report's 1,5% of 12.937
    assert all(row.poverty == "poor" for row in page.model.rows)
    assert page.filter_button.text() == "Lọc (1)"


def test_edit_a_status_then_undo_and_redo(qtbot: QtBot, main: MainWindow) -> None:
    _select_group(main, "Tân Phong", "Tổ dân phố số 10")
    page = main.households_page
    page.table.setFocus()
    page.table.selectRow(0)
    household_id = page.model.id_at(0)
    assert household_id
    old = main.store.households.year_status(household_id, 2024)
    assert old is not None
    dialog = page.edit_current()
    assert dialog is not None
    dialog.flags["third_child"].setChecked(not old.third_child)
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert main.store.households.year_status(household_id, 2024).third_child != old.third_child
    assert main.undo_stack.undoText().startswith("Sửa hộ")
    main.undo_action.trigger()
    assert main.store.households.year_status(household_id, 2024).third_child == old.third_child
    main.redo_action.trigger()
    assert main.store.households.year_status(household_id, 2024).third_child != old.third_child


def test_bulk_status_is_one_undo_step(main: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    _select_group(main, "Tân Phong", "Tổ dân phố số 10")
    page = main.households_page
    page.select_all_action.trigger()
    ids = page.selected_ids()
    assert len(ids) == page.model.total > 50
    monkeypatch.setattr(page, "choose_status",
                        lambda count: ("third_child", True, "Sinh con thứ ba: có"))
    before = {i: main.store.households.year_status(i, 2024).third_child for i in ids}
    page.bulk_action.trigger()
    assert all(main.store.households.year_status(i, 2024).third_child for i in ids)
    assert main.undo_stack.count() == 1
    main.undo_action.trigger()
    assert {i: main.store.households.year_status(i, 2024).third_child for i in ids} == before


def test_delete_asks_and_undo_brings_the_household_back(
    main: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _select_group(main, "Tân Phong", "Tổ dân phố số 10")
    page = main.households_page
    total = page.model.total
    page.table.selectRow(0)
    household_id = page.model.id_at(0)
    monkeypatch.setattr(page, "confirm", lambda title, text: False)
    page.delete_action.trigger()
    assert page.model.total == total  # said no: nothing happened
    monkeypatch.setattr(page, "confirm", lambda title, text: True)
    page.delete_action.trigger()
    assert page.model.total == total - 1
    assert household_id not in [row.id for row in page.model.rows]
    main.undo_action.trigger()
    assert page.model.total == total
    assert main.store.households.get(household_id or "").head_name


def test_move_to_another_group_is_one_undo_step(
    main: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _select_group(main, "Tân Phong", "Tổ dân phố số 10")
    page = main.households_page
    page.table.selectRow(0)
    household_id = page.model.id_at(0) or ""
    target = next(g for g in main.store.units.in_year(2024, "group") if g.name == "Bản Mới")
    monkeypatch.setattr(page, "choose_group", lambda groups: target)
    page.move_action.trigger()
    assert main.store.households.get(household_id).group_id == target.id
    main.undo_action.trigger()
    assert main.store.households.get(household_id).group_id != target.id


def test_escape_asks_before_discarding_edits(qtbot: QtBot, main: MainWindow) -> None:
    _select_group(main, "Tân Phong", "Tổ dân phố số 10")
    dialog = main.households_page.new_household()
    assert dialog is not None
    answers: list[bool] = [False]
    dialog.ask_discard = lambda: answers.pop(0)  # type: ignore[method-assign]
    type_text(dialog.head_name, "Vàng A Dơ")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.head_name.text() == "Vàng A Dơ"
    answers.append(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert main.undo_stack.count() == 0


def test_an_unsaved_form_survives_a_crash_as_a_draft(
    qtbot: QtBot, main: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _select_group(main, "Tân Phong", "Tổ dân phố số 10")
    dialog = main.households_page.new_household()
    assert dialog is not None
    type_text(dialog.head_name, "Giàng A Páo")
    dialog.address.setText("Bản Nậm Loỏng")
    path = draft_path(main.store.path)
    qtbot.waitUntil(lambda: load_draft(path) is not None, timeout=3000)
    assert load_draft(path)["head_name"] == "Giàng A Páo"  # type: ignore[index]
    # The "crash": the window goes away without the form being saved or discarded.
    dialog.draft_changed.disconnect()
    dialog.finished.disconnect()
    dialog.hide()
    main.hide()

    reopened = MainWindow(main.store)
    qtbot.addWidget(reopened)
    monkeypatch.setattr(reopened, "ask_restore_draft", lambda name: name == "Giàng A Páo")
    reopened.offer_draft()
    QApplication.processEvents()
    dialogs = [d for d in reopened.households_page.findChildren(HouseholdDialog) if d.isVisible()]
    assert len(dialogs) == 1
    assert dialogs[0].head_name.text() == "Giàng A Páo"
    assert dialogs[0].address.text() == "Bản Nậm Loỏng"
    dialogs[0].save_button.click()
    assert load_draft(path) is None
    page = reopened.households_page
    page.search.setText("giang a pao")
    page.apply_query()
    assert "Giàng A Páo" in {row.head_name for row in page.model.rows}


def test_similar_name_warning(qtbot: QtBot, main: MainWindow) -> None:
    _select_group(main, "Tân Phong", "Tổ dân phố số 10")
    existing = main.households_page.model.rows[0].head_name
    dialog = main.households_page.new_household()
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    type_text(dialog.head_name, existing.upper())
    qtbot.keyClick(dialog.head_name, Qt.Key.Key_Tab)
    assert dialog.warning_label.isVisible() and existing in dialog.warning_label.text()


def test_a_bulk_status_on_thousands_runs_in_the_background(
    qtbot: QtBot, main: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = main.households_page
    ward = main.store.units.find("Tân Phong", 2024, "ward")
    main.select_unit(ward.id)
    page.select_all_action.trigger()
    ids = page.selected_ids()
    assert len(ids) > 1000
    monkeypatch.setattr(page, "choose_status",
                        lambda count: ("learning_family", True, "Gia đình học tập: có"))
    page.bulk_action.trigger()
    qtbot.waitUntil(lambda: main.undo_stack.count() == 1, timeout=30000)
    assert main.isEnabled()
    assert all(main.store.households.year_status(i, 2024).learning_family for i in ids[:50])
    main.undo_action.trigger()
    assert main.undo_stack.index() == 0
    qtbot.waitUntil(main.isEnabled, timeout=30000)  # the undo runs in the background too


def test_undo_and_redo_of_thousands_run_in_the_background(
    qtbot: QtBot, main: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui import background

    page = main.households_page
    ward = main.store.units.find("Tân Phong", 2024, "ward")
    main.select_unit(ward.id)
    page.select_all_action.trigger()
    ids = page.selected_ids()
    before = {i: main.store.households.year_status(i, 2024) for i in ids[:50]}
    monkeypatch.setattr(page, "choose_status",
                        lambda count: ("learning_family", True, "Gia đình học tập: có"))
    page.bulk_action.trigger()
    qtbot.waitUntil(lambda: main.undo_stack.count() == 1, timeout=30000)
    started: list[str] = []
    real = background.run_in_background
    monkeypatch.setattr(background, "run_in_background",
                        lambda parent, title, *rest, **named: started.append(title)
                        or real(parent, title, *rest, **named))
    main.undo_action.trigger()
    assert started and started[0].startswith("Đặt")  # a worker, not the GUI thread
    assert not main.isEnabled()  # the window waits while the worker writes

    def learning(household_id: str) -> bool:
        status = main.store.households.year_status(household_id, 2024)
        return bool(status and status.learning_family)

    qtbot.waitUntil(main.isEnabled, timeout=30000)
    assert all(learning(i) == bool(before[i] and before[i].learning_family) for i in ids[:50])
    main.redo_action.trigger()
    qtbot.waitUntil(main.isEnabled, timeout=30000)
    assert all(learning(i) for i in ids[:50])
