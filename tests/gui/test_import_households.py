"""The household import wizard and the export action, driven through the real widgets."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from gui.dialogs import import_households as dialog_module
from gui.dialogs.import_households import ImportHouseholdsDialog
from gui.main_window import MainWindow
from storage.legacy_vietnamese import TCVN3, encode
from storage.store import Store
from tests.hostile_spreadsheets import memory_cap, write_far_cell

WAIT_MS = 60000


@pytest.fixture
def writable_store(demo_path: Path, tmp_path: Path) -> Iterator[Store]:
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


def live_households(store: Store) -> int:
    return store.db.execute(
        "SELECT COUNT(*) FROM households WHERE deleted_at IS NULL").fetchone()[0]


def select_ward(window: MainWindow, name: str) -> str:
    ward = window.store.units.find(name, window.selected_year, "ward")
    assert window.select_unit(ward.id)
    return ward.id


def write_list(path: Path, store: Store) -> tuple[Path, Any]:
    """A Quyết Thắng list typed in TCVN3: two new households, a look-alike of an existing one,
    a group name to confirm, and a row without a name."""
    group = store.units.find("Bản Nậm Loỏng 3", 2024, "group")
    existing = store.households.get(store.query(
        "SELECT id FROM households WHERE group_id = ? AND deleted_at IS NULL"
        " ORDER BY head_sort_key LIMIT 1", [group.id])[0]["id"])
    rows: list[list[Any]] = [
        ["DANH SÁCH HỘ GIA ĐÌNH NĂM 2024"],
        [],
        ["STT", "Họ và tên chủ hộ", "Tổ dân phố, bản", "Năm sinh", "Dân tộc", "GĐVH"],
        [1, "Lò Văn Giao Diện", "Nậm Loỏng 3", 1970, "Thái", "x"],
        [2, "Lò Thị Giao Diện", "Nậm Lương 3", 1980, "Thái", ""],
        [3, existing.head_name, "Nậm Loỏng 3", 1955, "Thái", "x"],
        [4, "", "Nậm Loỏng 3", 1960, "Thái", ""],
    ]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append([encode(cell, TCVN3) if isinstance(cell, str) else cell for cell in row])
    workbook.save(path)
    return path, existing


def click_next(qtbot: QtBot, dialog: ImportHouseholdsDialog, expected: str) -> None:
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.page_name == expected and dialog.isEnabled(),
                    timeout=WAIT_MS)


def test_the_wizard_imports_a_legacy_file_as_one_undo_step(
    qtbot: QtBot, main: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = main.store
    ward_id = select_ward(main, "quyet thang")
    path, existing = write_list(tmp_path / "ds_2024.xlsx", store)
    before = live_households(store)
    undo_steps = main.undo_stack.count()
    dialog = main.show_import_households()
    errors: list[str] = []
    infos: list[str] = []
    monkeypatch.setattr(dialog, "show_error", errors.append)
    monkeypatch.setattr(dialog, "show_info", infos.append)
    assert dialog.page_name == "file" and dialog.ward_id == ward_id
    assert dialog.year == main.selected_year == 2024
    dialog.path_edit.setText(str(path))
    # The legacy font is found and shown before → after.
    click_next(qtbot, dialog, "legacy")
    assert dialog.legacy_table.rowCount() >= 2
    samples = [dialog.legacy_table.item(row, 3).text()
               for row in range(dialog.legacy_table.rowCount())]
    assert any(f"{encode('Lò Văn Giao Diện', TCVN3)} → Lò Văn Giao Diện" in text
               for text in samples)
    # Every value the conversion changes is listed, before → after, with its line.
    values = dialog.legacy_model
    listed = {(values.text(row, 2), values.text(row, 3)): values.text(row, 1)
              for row in range(values.rowCount())}
    assert listed[(encode("Lò Văn Giao Diện", TCVN3), "Lò Văn Giao Diện")] == "4"
    assert listed[(encode("Họ và tên chủ hộ", TCVN3), "Họ và tên chủ hộ")] == "3"
    assert (encode("Nậm Lương 3", TCVN3), "Nậm Lương 3") in listed
    # The mapping is guessed from the (converted) headers.
    click_next(qtbot, dialog, "mapping")
    assert dialog.mapping.columns == {"head_name": 1, "group": 2, "head_birth_year": 3,
                                      "ethnicity": 4, "cultural_family": 5}
    assert dialog.field_combos[1].currentData() == "head_name"
    # "Nậm Lương 3" is asked once.
    click_next(qtbot, dialog, "groups")
    assert dialog.groups_table.rowCount() == 1
    assert dialog.groups_table.item(0, 0).text() == "Nậm Lương 3"
    [(key, combo)] = dialog.group_combos
    assert combo.currentText().startswith("Bản Nậm Loỏng 3")
    click_next(qtbot, dialog, "preview")
    preview = dialog.preview
    assert preview is not None
    counts = preview.counts
    assert (counts.add, counts.duplicates, counts.rejected) == (2, 1, 1)
    assert "thêm mới 2 hộ" in dialog.counts_label.text()
    assert dialog.preview_tabs.currentIndex() == 0  # the duplicate needs a decision first
    # The converted values are in the preview too.
    assert dialog.preview_tabs.isTabVisible(2)
    converted = dialog.converted_model
    assert any(converted.text(row, 3) == "Lò Thị Giao Diện"
               for row in range(converted.rowCount()))
    assert dialog.rejected_model.rowCount() == 1
    assert "Thiếu họ tên chủ hộ" in dialog.rejected_model.data(dialog.rejected_model.index(0, 1))
    # The duplicate: update the household it resembles instead of skipping it.
    dialog.duplicates_view.selectionModel().select(
        dialog.duplicates_model.index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    dialog.decision_combo.setCurrentIndex(dialog.decision_combo.findData("update"))
    dialog.decide_selected("update")
    assert dialog.duplicates_model.data(dialog.duplicates_model.index(0, 4)) == \
        "Cập nhật hộ đã có"
    assert dialog.next_button.text() == "Nhập 3 hộ"
    saved = tmp_path / "chua_nhap.xlsx"
    monkeypatch.setattr(dialog, "ask_save_path", lambda: str(saved))
    assert dialog.save_rejected() == str(saved) and saved.exists()
    click_next(qtbot, dialog, "result")
    assert errors == []
    assert "Đã nhập: Nhập 3 hộ từ ds_2024.xlsx." in dialog.result_label.text()
    assert live_households(store) == before + 2
    assert store.households.get(existing.id).head_birth_year == 1955
    # One undo step for the whole import.
    assert main.undo_stack.count() == undo_steps + 1
    assert main.undo_stack.undoText() == "Nhập 3 hộ từ ds_2024.xlsx"
    main.undo_action.trigger()
    assert live_households(store) == before
    assert store.households.get(existing.id).head_birth_year == existing.head_birth_year
    main.redo_action.trigger()
    assert live_households(store) == before + 2
    assert store.households.get(existing.id).head_birth_year == 1955
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)


def test_the_mapping_step_needs_a_name_column_and_keeps_presets(
    qtbot: QtBot, main: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _existing = write_list(tmp_path / "ds.xlsx", main.store)
    dialog = main.show_import_households()
    monkeypatch.setattr(dialog, "show_error", lambda text: None)
    dialog.path_edit.setText(str(path))
    click_next(qtbot, dialog, "legacy")
    dialog.legacy_boxes[0][1].setChecked(True)
    click_next(qtbot, dialog, "mapping")
    monkeypatch.setattr(dialog, "ask_preset_name", lambda: "Mẫu Quyết Thắng")
    dialog.save_preset()
    assert dialog.preset_combo.findText("Mẫu Quyết Thắng") >= 0
    # Without the name column the wizard says so and stays.
    dialog.field_combos[1].setCurrentIndex(0)
    assert "head_name" not in dialog.mapping.columns
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.page_name == "mapping"
    assert "Họ và tên chủ hộ" in dialog.mapping_problems.text()
    # The saved preset puts it back.
    dialog.use_preset("Mẫu Quyết Thắng")
    assert dialog.mapping.columns["head_name"] == 1
    assert dialog.field_combos[1].currentData() == "head_name"
    assert dialog.mapping_problems.text() == ""
    # Back to the file step, and cancel: nothing was imported.
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.page_name == "legacy"
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.page_name == "file" and not dialog.back_button.isEnabled()
    dialog.reject()


def test_the_file_menu_exports_the_selected_ward(
    qtbot: QtBot, main: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    menu_texts = [action.text() for action in main.menuBar().actions()[0].menu().actions()]
    assert "Nhập danh sách hộ từ Excel…" in menu_texts
    assert "Xuất danh sách hộ ra Excel…" in menu_texts
    ward_id = select_ward(main, "dong phong")
    target = tmp_path / "dong_phong.xlsx"
    asked: list[str] = []

    def ask(_parent: Any, default: str) -> str:
        asked.append(default)
        return str(target)

    shown: list[str] = []
    monkeypatch.setattr(dialog_module, "ask_export_path", ask)
    monkeypatch.setattr(dialog_module.QMessageBox, "information",
                        lambda _parent, _title, text: shown.append(text))
    main.export_households_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert asked and asked[0].endswith("danh_sach_ho_phuong_dong_phong_2024.xlsx")
    count = main.store.households.count(2024, ward_id)
    assert f"Đã xuất {count:,} hộ".replace(",", ".") in shown[0]
    sheet = openpyxl.load_workbook(target, read_only=True).active
    assert sum(1 for _ in sheet.iter_rows()) == count + 4


def test_a_unicode_list_has_no_legacy_step_and_no_name_changes(
    qtbot: QtBot, main: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reported list: ordinary names, some typed decomposed, are no legacy font."""
    select_ward(main, "tan phong")
    path = tmp_path / "unicode.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["STT", unicodedata.normalize("NFD", "Họ và tên"), "Tổ"])
    names = ["Lò Văn Páo", "Giàng A Láo", "Vàng Thị Dợ", "Tẩn Láo Lở"]
    for number, name in enumerate(names, start=1):
        written = unicodedata.normalize("NFD", name) if number % 2 else name
        workbook.active.append([number, written, "TDP19"])
    workbook.save(path)
    dialog = main.show_import_households()
    errors: list[str] = []
    monkeypatch.setattr(dialog, "show_error", errors.append)
    dialog.path_edit.setText(str(path))
    click_next(qtbot, dialog, "mapping")  # no legacy step
    click_next(qtbot, dialog, "preview")
    preview = dialog.preview
    assert preview is not None and errors == []
    assert not dialog.preview_tabs.isTabVisible(2)
    assert sorted(row.household.head_name for row in preview.rows
                  if row.household is not None) == sorted(names)
    dialog.reject()


def test_a_hostile_file_is_refused_with_its_reason(
    qtbot: QtBot, main: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One cell at XFD1048576 made the reader allocate 512 GiB inside the window's process:
    the wizard's reader refuses it first, and says why."""
    path = tmp_path / "o_xa.xlsx"
    write_far_cell(path)
    dialog = main.show_import_households()
    errors: list[str] = []
    monkeypatch.setattr(dialog, "show_error", errors.append)
    dialog.path_edit.setText(str(path))
    # Read in this process (the wizard's background job), so with its memory capped.
    with memory_cap():
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert dialog.page_name == "file"
    assert "XFD1048576" in errors[0] and "hãy xóa các ô thừa" in errors[0]
    dialog.reject()
