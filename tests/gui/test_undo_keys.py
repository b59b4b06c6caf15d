"""Ctrl+Z in the main window undoes the last change to the data, except in a text field that
holds typing of this visit; Esc in the search box empties it and goes back to the list. Every
key is pressed on the focus widget, as a keyboard sends it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from gui.dialogs.household_dialog import HouseholdDialog
from gui.main_window import MainWindow
from gui.undo_keys import text_field_of
from storage.errors import NotFound
from storage.store import Store
from tests.gui.keyboard import type_text

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


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
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ward = window.store.units.find("Tân Phong", window.selected_year, "ward")
    group = next(g for g in window.store.units.groups_of(ward.id, window.selected_year)
                 if g.name == "Tổ dân phố số 10")
    assert window.select_unit(group.id)
    window.tree_view.setFocus()
    return window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> None:
    qtbot.keyClick(focused(), key, modifier)
    QApplication.processEvents()


def typed(text: str) -> None:
    type_text(focused(), text)
    QApplication.processEvents()


def exists(store: Store, household_id: str) -> bool:
    try:
        store.households.get(household_id)
    except NotFound:
        return False
    return True


def test_ctrl_z_after_ctrl_f_undoes_the_last_change_not_the_query(
        qtbot: QtBot, main: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    page = main.households_page
    monkeypatch.setattr(page, "confirm", lambda title, text: True)
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is page.search
    typed("nguyen")
    press(qtbot, Qt.Key.Key_Return)  # search now, and down to the list
    assert focused() is page.table and page.model.query.text == "nguyen"
    household_id = page.selected_ids()[0]
    press(qtbot, Qt.Key.Key_Delete)
    assert not exists(main.store, household_id) and main.undo_stack.index() == 1

    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is page.search and page.search.selectedText() == "nguyen"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert exists(main.store, household_id), "Ctrl+Z did not undo the deletion"
    assert page.search.text() == "nguyen" and main.undo_stack.index() == 0
    press(qtbot, Qt.Key.Key_Y, CTRL)
    assert not exists(main.store, household_id) and page.search.text() == "nguyen"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert exists(main.store, household_id) and focused() is page.search

    # Typing in the box: now Ctrl+Z and Ctrl+Y are the box's own, for this typing only.
    typed("x")
    assert page.search.text() == "x"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert page.search.text() == "nguyen" and main.undo_stack.index() == 0
    press(qtbot, Qt.Key.Key_Y, CTRL)
    assert page.search.text() == "x" and main.undo_stack.index() == 0
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert page.search.text() == "nguyen"
    # The typing is undone; the next Ctrl+Z is the data's (nothing left to undo there), and it
    # must not reach into the box's older history either.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert page.search.text() == "nguyen" and exists(main.store, household_id)
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)  # the data's redo: the deletion again
    assert not exists(main.store, household_id) and page.search.text() == "nguyen"


def test_esc_in_the_search_box_empties_it_and_goes_to_the_list(
        qtbot: QtBot, main: MainWindow) -> None:
    page = main.households_page
    everyone = page.model.total
    press(qtbot, Qt.Key.Key_F, CTRL)
    typed("lo van")
    qtbot.waitUntil(lambda: page.model.query.text == "lo van")
    assert 0 < page.model.total < everyone
    press(qtbot, Qt.Key.Key_Escape)
    assert page.search.text() == "" and page.model.query.text == ""
    assert page.model.total == everyone
    assert focused() is page.table and len(page.selected_ids()) == 1
    # From an empty box Esc goes to the list too, keeping the selected household.
    selected = page.selected_ids()
    press(qtbot, Qt.Key.Key_F, CTRL)
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is page.table and page.selected_ids() == selected


class CountedStep(QUndoCommand):
    """An undo step that only counts its undos and redos."""

    def __init__(self) -> None:
        super().__init__("Bước thử")
        self.undone = 0
        self.redone = -1  # push() calls redo() once

    def undo(self) -> None:
        self.undone += 1

    def redo(self) -> None:
        self.redone += 1


def _text(widget: QWidget) -> str:
    field = text_field_of(widget)
    assert field is not None
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


def _fields_shown(window: MainWindow) -> list[QWidget]:
    """Every text field of the window that can take the focus now (a spin box's or a combo
    box's own line edit counts as its box)."""
    fields = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue
        if (text_field_of(widget) is not None and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            fields.append(widget)
    return fields


def test_every_text_field_of_the_window_leaves_ctrl_z_to_the_data(
        qtbot: QtBot, main: MainWindow) -> None:
    seen: set[str] = set()
    for tab in range(main.tabs.count()):
        main.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        for widget in _fields_shown(main):
            step = CountedStep()
            main.undo_stack.push(step)
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            assert focused() is widget
            before = _text(widget)
            press(qtbot, Qt.Key.Key_Z, CTRL)
            assert step.undone == 1, f"{type(widget).__name__} kept Ctrl+Z"
            press(qtbot, Qt.Key.Key_Y, CTRL)
            assert step.redone == 1, f"{type(widget).__name__} kept Ctrl+Y"
            assert _text(widget) == before
            seen.add(type(widget).__name__)
    # The search box, the profile's counts and its texts: the test is not empty.
    assert {"QLineEdit", "QPlainTextEdit"} <= seen and any("Box" in name for name in seen)


def test_a_field_of_the_household_form_keeps_its_own_ctrl_z(
        qtbot: QtBot, main: MainWindow) -> None:
    main.undo_stack.push(CountedStep())
    press(qtbot, Qt.Key.Key_N, CTRL)
    dialog = main.households_page.findChild(HouseholdDialog)
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    typed("Vàng A Páo")
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert dialog.head_name.text() == "" and main.undo_stack.index() == 1
