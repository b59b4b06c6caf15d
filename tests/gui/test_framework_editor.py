"""The framework editor: a used framework is read-only, a copy is edited with a live preview."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.dialogs.evaluation_sheet import EvaluationSheet
from gui.dialogs.framework_editor import USED_NOTE, FrameworkEditor
from gui.i18n import extract
from storage.criteria import RULE_KINDS, replace_rule
from storage.store import Store
from tests.gui.keyboard import type_text

CODES = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3",
         "5.1", "5.2", "6.1", "6.2", "6.3"]


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question the test did not expect answers "yes" instead of waiting for a click
    (tests replace the dialog's own ask methods where they mean to answer)."""
    monkeypatch.setattr("gui.dialogs.framework_editor.ask", lambda *args, **kwargs: True)
    monkeypatch.setattr("gui.messages.ask", lambda *args, **kwargs: True)


@pytest.fixture
def writable_store(demo_path: Path, tmp_path: Path) -> Iterator[Store]:
    """A copy of the demo city that the test may change."""
    copy = tmp_path / "x.sqlite"
    shutil.copy(demo_path, copy)
    with Store(copy, actor="test") as opened:
        yield opened


def _open(qtbot: QtBot, store: Store, year: int = 2024) -> FrameworkEditor:
    editor = FrameworkEditor(store, year)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)  # keyboard shortcuts need the active window
    return editor


def _copy_for_2026(qtbot: QtBot, editor: FrameworkEditor,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(editor, "ask_copy_name", lambda name: "Bộ tiêu chí năm 2026")
    monkeypatch.setattr(editor, "ask_copy_year", lambda year: 2026)
    qtbot.mouseClick(editor.copy_button, Qt.MouseButton.LeftButton)


def _audit_count(store: Store) -> int:
    return int(store.query("SELECT COUNT(*) AS n FROM audit_log")[0]["n"])


def test_the_used_demo_framework_is_read_only(qtbot: QtBot, demo_store: Store) -> None:
    editor = _open(qtbot, demo_store)
    framework = demo_store.frameworks.for_year(2024)
    assert editor.framework is not None and editor.framework.id == framework.id
    assert editor.criterion_codes() == CODES
    assert editor.tree.topLevelItemCount() == 6
    assert editor.used and editor.used_label.isVisibleTo(editor)
    assert editor.used_label.text() == USED_NOTE
    assert editor.years_label.text() == "2021–2025"
    assert editor.basis_label.text() == framework.legal_basis
    assert editor.select_criterion("4.1")
    assert editor.code_edit.text() == "4.1" and editor.threshold_spin.value() == 90
    assert editor.indicator_combo.currentText() == "Gia đình văn hóa"
    for widget in (editor.code_edit, editor.name_edit, editor.kind_combo,
                   editor.threshold_spin, editor.save_criterion_button,
                   editor.add_standard_button, editor.add_criterion_button,
                   editor.remove_criterion_button):
        assert not widget.isEnabled()
    assert editor.copy_button.isEnabled()
    passing, total = demo_store.frameworks.preview(
        next(c for c in framework.criteria if c.code == "4.1"), 2024)
    assert editor.preview_label.text() == f"Năm 2024: {passing}/{total} tổ đạt"


def test_a_copy_is_edited_with_a_live_preview(
    qtbot: QtBot, writable_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = writable_store
    editor = _open(qtbot, store)
    old = store.frameworks.for_year(2024)
    changes: list[None] = []
    editor.changed.connect(lambda: changes.append(None))
    _copy_for_2026(qtbot, editor, monkeypatch)
    assert len(changes) == 1
    new = editor.framework
    assert new is not None and new.id != old.id
    assert (new.version, new.year_from, new.year_to) == (2, 2026, None)
    assert new.copied_from_id == old.id
    assert editor.framework_combo.currentData() == new.id
    assert editor.framework_combo.count() == 2
    assert editor.criterion_codes() == CODES
    assert not editor.used and not editor.used_label.isVisibleTo(editor)
    assert editor.years_label.text() == "từ 2026"
    # Showing a framework that is not used writes nothing.
    audits = _audit_count(store)
    editor.select_framework(new.id)
    assert _audit_count(store) == audits

    assert editor.select_criterion("4.1")
    assert editor.save_criterion_button.isEnabled() and editor.threshold_spin.isEnabled()
    criterion = next(c for c in new.criteria if c.code == "4.1")
    at_90 = store.frameworks.preview(criterion, 2024)
    at_99 = store.frameworks.preview(replace_rule(criterion, threshold=99.0), 2024)
    assert at_99[0] < at_90[0]
    assert editor.preview_label.text() == f"Năm 2024: {at_90[0]}/{at_90[1]} tổ đạt"
    editor.threshold_spin.setValue(99)
    assert editor.preview_label.text() == f"Năm 2024: {at_99[0]}/{at_99[1]} tổ đạt"
    assert editor.is_dirty()
    qtbot.mouseClick(editor.save_criterion_button, Qt.MouseButton.LeftButton)
    assert not editor.error_label.isVisibleTo(editor) and not editor.is_dirty()
    assert len(changes) == 2
    saved = next(c for c in store.frameworks.get(new.id).criteria if c.code == "4.1")
    assert saved.rule["threshold"] == 99
    # The 2024 evaluations keep the version-1 rule.
    kept = next(c for c in store.frameworks.get(old.id).criteria if c.code == "4.1")
    assert kept.rule["threshold"] == 90
    assert store.frameworks.get(old.id).year_to == 2025
    group = store.query("SELECT group_id FROM evaluations WHERE year = 2024 LIMIT 1")[0]
    sheet = EvaluationSheet(store, group["group_id"], 2024)
    qtbot.addWidget(sheet)
    assert sheet.framework is not None and sheet.framework.id == old.id
    item = sheet.criterion_items[kept.id]
    assert item.text(1) == "Tỷ lệ hộ Gia đình văn hóa ≥ 90%"


def test_an_invalid_rule_is_shown_in_red_and_not_saved(
    qtbot: QtBot, writable_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = writable_store
    editor = _open(qtbot, store)
    _copy_for_2026(qtbot, editor, monkeypatch)
    assert editor.framework is not None
    framework_id = editor.framework.id
    assert editor.select_criterion("4.1")
    editor.threshold_spin.setValue(150)
    assert editor.preview_label.text() == (
        "Quy tắc chưa hợp lệ: Ngưỡng tỷ lệ phải từ 0 đến 100%.")
    assert "b00020" in editor.preview_label.styleSheet()
    audits = _audit_count(store)
    qtbot.mouseClick(editor.save_criterion_button, Qt.MouseButton.LeftButton)
    assert editor.error_label.isVisibleTo(editor)
    assert editor.error_label.text() == "Ngưỡng tỷ lệ phải từ 0 đến 100%."
    assert _audit_count(store) == audits
    saved = next(c for c in store.frameworks.get(framework_id).criteria if c.code == "4.1")
    assert saved.rule["threshold"] == 90
    editor.threshold_spin.setValue(95)
    assert editor.preview_label.text().startswith("Năm 2024: ")
    assert editor.preview_label.styleSheet() == ""


def test_standards_and_criteria_are_added_edited_and_removed(
    qtbot: QtBot, writable_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = writable_store
    editor = _open(qtbot, store)
    _copy_for_2026(qtbot, editor, monkeypatch)
    assert editor.framework is not None
    framework_id = editor.framework.id
    monkeypatch.setattr(editor, "ask_standard", lambda code: (code, "Chuyển đổi số"))
    qtbot.mouseClick(editor.add_standard_button, Qt.MouseButton.LeftButton)
    assert editor.tree.topLevelItemCount() == 7
    assert editor.tree.currentItem().text(0) == "7. Chuyển đổi số"
    qtbot.mouseClick(editor.add_criterion_button, Qt.MouseButton.LeftButton)
    assert editor.criterion_codes()[-1] == "7.1"
    assert editor.code_edit.text() == "7.1" and editor.name_edit.text() == "Tiêu chí mới"
    assert editor.preview_label.text().startswith("Tiêu chí thủ công")
    assert not editor.indicator_combo.isVisibleTo(editor)

    editor.name_edit.clear()
    type_text(editor.name_edit, "Từ 50% hộ đạt danh hiệu Gia đình học tập")
    editor.required_box.setChecked(True)
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("household_share"))
    assert editor.indicator_combo.isVisibleTo(editor)
    assert editor.threshold_spin.isVisibleTo(editor)
    assert not editor.years_spin.isVisibleTo(editor)
    household_names = [editor.indicator_combo.itemText(i)
                       for i in range(editor.indicator_combo.count())]
    assert "Gia đình học tập" in household_names and "Hòa giải viên" not in household_names
    editor.indicator_combo.setCurrentIndex(editor.indicator_combo.findData("learning_family"))
    editor.threshold_spin.setValue(50)
    assert editor.preview_label.text().startswith("Năm 2024: ")
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = next(c for c in store.frameworks.get(framework_id).criteria if c.code == "7.1")
    assert saved.name == "Từ 50% hộ đạt danh hiệu Gia đình học tập" and saved.required
    assert saved.rule == {"kind": "household_share", "indicator": "learning_family",
                          "op": ">=", "threshold": 50.0}

    # Group kinds list the group indicators.
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("consecutive_years"))
    assert editor.years_spin.isVisibleTo(editor) and not editor.op_combo.isVisibleTo(editor)
    assert editor.indicator_combo.findData("cultural_title") >= 0
    assert editor.indicator_combo.findData("learning_family") == -1

    # Leaving with unsaved edits asks first.
    asked: list[bool] = []
    monkeypatch.setattr(editor, "ask_discard", lambda: asked.append(True) or False)
    assert not editor.select_criterion("1.1")
    assert asked and editor.code_edit.text() == "7.1"
    assert editor.criterion is not None and editor.criterion.code == "7.1"

    monkeypatch.setattr(editor, "confirm", lambda text: True)
    qtbot.mouseClick(editor.remove_criterion_button, Qt.MouseButton.LeftButton)
    assert "7.1" not in editor.criterion_codes()
    assert "7.1" not in [c.code for c in store.frameworks.get(framework_id).criteria]


def test_rule_kinds_are_translatable() -> None:
    assert set(RULE_KINDS.values()) <= set(extract())
