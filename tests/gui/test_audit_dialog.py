"""The audit view and a household's "Lịch sử thay đổi", driven through the widgets."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from gui.dialogs import audit_dialog
from gui.dialogs.audit_dialog import AuditDialog, AuditTableModel
from gui.main_window import MainWindow
from storage.audit import AuditFilter
from storage.model import Household, Member
from storage.store import Store
from tests.gui.keyboard import type_text


@pytest.fixture
def edited(store: Store, city: dict[str, str]) -> dict[str, Household]:
    """Two households, one edited by another person."""
    an = store.households.add(Household(city["group_1"], "Nguyễn Văn An", head_birth_year=1980),
                              year=2024, members=[Member("Trần Thị Bình", "Vợ")])
    store.actor = "tanphong"
    store.households.update(dataclasses.replace(an, head_birth_year=1981))
    store.actor = "test"
    other = store.households.add(Household(city["group_3"], "Lò Văn Khác"))
    return {"an": an, "other": other}


def column(dialog: AuditDialog, number: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(row, number)) for row in range(model.rowCount())]


def test_the_model_passes_the_model_tester(qtmodeltester: object, store: Store,
                                           edited: dict[str, Household]) -> None:
    model = AuditTableModel(store.audit_trail)
    model.set_filter(AuditFilter())
    assert model.rowCount() == store.audit_trail.count() > 0
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_the_view_filters_by_person_kind_words_and_date(
    qtbot: QtBot, store: Store, edited: dict[str, Household]
) -> None:
    dialog = AuditDialog(store)
    qtbot.addWidget(dialog)
    total = store.audit_trail.count()
    assert dialog.model.rowCount() == total and dialog.count_label.text() == f"{total} mục"
    assert column(dialog, 2)[0] == "Thêm hộ Lò Văn Khác"  # newest first

    dialog.user_combo.setCurrentIndex(dialog.user_combo.findData("tanphong"))
    assert column(dialog, 1) == ["tanphong"]
    assert column(dialog, 4) == ["Năm sinh: 1980 → 1981"]
    assert "Năm sinh: 1980 → 1981" in dialog.details.toPlainText()
    assert "Người sửa: tanphong" in dialog.details.toPlainText()

    dialog.user_combo.setCurrentIndex(0)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("household_members"))
    assert set(column(dialog, 3)) == {"Thành viên Trần Thị Bình"}

    dialog.kind_combo.setCurrentIndex(0)
    type_text(dialog.search, "lo van khac")
    qtbot.waitUntil(lambda: dialog.model.rowCount() < total)
    assert set(column(dialog, 2)) == {"Thêm hộ Lò Văn Khác"}

    dialog.search.clear()
    dialog.apply_filter()
    dialog.until_date.setDate(QDate.currentDate().addDays(-1))
    assert dialog.until_check.isChecked() and dialog.model.rowCount() == 0
    assert dialog.details.toPlainText() == "Không có mục nào khớp."


def test_long_trails_load_a_page_at_a_time(
    qtbot: QtBot, store: Store, edited: dict[str, Household], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_dialog, "PAGE_SIZE", 2)
    dialog = AuditDialog(store)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 2 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == store.audit_trail.count()
    ids = [entry.id for entry in model.entries]
    assert ids == [entry.id for entry in store.audit_trail.entries(limit=None)]


def test_history_of_a_household_from_the_table_and_from_its_form(
    qtbot: QtBot, store: Store, city: dict[str, str], edited: dict[str, Household]
) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    page = window.households_page
    page.show_unit(city["group_1"], 2024)
    page.table.selectRow(0)
    assert page.history_action in page.table.actions()  # the context menu
    page.history_action.trigger()
    dialogs = [w for w in window.findChildren(AuditDialog) if w.isVisible()]
    assert len(dialogs) == 1
    history = dialogs[0]
    assert history.windowTitle() == "Lịch sử thay đổi — hộ Nguyễn Văn An"
    records = set(column(history, 3))
    assert "Hộ Lò Văn Khác" not in records
    assert {"Hộ Nguyễn Văn An", "Thành viên Trần Thị Bình",
            "Tình trạng năm 2024 của hộ Nguyễn Văn An"} <= records
    assert history.record_label.text() == "Chỉ: Hộ Nguyễn Văn An"
    history.clear_record_button.click()
    assert "Hộ Lò Văn Khác" in set(column(history, 3))
    history.close()

    form = page.edit_current()
    assert form is not None and form.history_button.isVisible()
    form.history_button.click()
    from_form = form.findChildren(AuditDialog)
    assert len(from_form) == 1
    assert from_form[0].record_ids == store.audit_trail.household_record_ids(edited["an"].id)
    from_form[0].close()
    form.done(0)

    new_form = page.make_dialog(None)
    qtbot.addWidget(new_form)
    assert not new_form.history_button.isVisibleTo(new_form)  # nothing to show yet


def test_the_file_menu_opens_the_whole_trail(
    qtbot: QtBot, store: Store, edited: dict[str, Household]
) -> None:
    window = MainWindow(store)
    qtbot.addWidget(window)
    dialog = window.show_audit_dialog()
    assert dialog.isVisible() and dialog.model.total == store.audit_trail.count()
    assert not dialog.record_ids and not dialog.clear_record_button.isVisibleTo(dialog)
    assert dialog.table.selectionModel().currentIndex().row() == 0
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    entry = dialog.model.entry_at(1)
    assert entry is not None and entry.action in dialog.details.toPlainText()
    dialog.close()
