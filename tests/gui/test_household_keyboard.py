"""The household form worked with the keyboard only: every key goes where a real keyboard sends
it (the focus widget, or the open completer list), never through widget calls."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from gui.commands import HouseholdState
from gui.dialogs.household_dialog import HouseholdDialog
from gui.dialogs.member_table import MembersTable
from gui.main_window import MainWindow
from gui.widgets.focus_frame import FOCUS_COLOR
from storage.ethnicity import find_ethnic_group
from storage.household_search import HouseholdQuery, HouseholdRow, list_households
from storage.model import HOUSEHOLD_FLAGS, Household, Member
from storage.store import Store
from tests.gui.keyboard import type_text

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


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
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> None:
    """One key, delivered as the keyboard delivers it: to an open popup list, else to the
    focus widget (shortcuts included), then the events it queued are handled, as between two
    keys of a person typing."""
    if key == Qt.Key.Key_Tab and modifier & SHIFT:
        key = Qt.Key.Key_Backtab  # what the platforms send for Shift+Tab (QTest does not)
    target = QApplication.activePopupWidget() or focused()
    qtbot.keyClick(target, key, modifier)
    QApplication.processEvents()


def typed(text: str) -> None:
    """Vietnamese text typed into whatever has the focus."""
    type_text(focused(), text)
    QApplication.processEvents()


def open_new_household(qtbot: QtBot, main: MainWindow) -> HouseholdDialog:
    """Select a group, then Ctrl+N as an official does; the form, active, focus in the name."""
    ward = main.store.units.find("Tân Phong", main.selected_year, "ward")
    group = next(g for g in main.store.units.groups_of(ward.id, main.selected_year)
                 if g.name == "Tổ dân phố số 10")
    assert main.select_unit(group.id)
    main.tree_view.setFocus()
    press(qtbot, Qt.Key.Key_N, CTRL)
    dialog = main.households_page.findChild(HouseholdDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog.head_name
    return dialog


def named(main: MainWindow, head_name: str) -> dict[str, HouseholdRow]:
    """The households of the year with this head's name, by id (the store's search)."""
    query = HouseholdQuery(year=main.selected_year, text=head_name, exact=True)
    return {r.id: r for r in list_households(main.store, query) if r.head_name == head_name}


def added(main: MainWindow, head_name: str, before: dict[str, HouseholdRow]) -> HouseholdRow:
    """The one household with this name that was not there before (the demo has namesakes)."""
    new = [row for household_id, row in named(main, head_name).items()
           if household_id not in before]
    assert len(new) == 1, new
    return new[0]


def cells(table: MembersTable) -> list[list[str]]:
    return [[(table.item(r, c).text() if table.item(r, c) else "")
             for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_a_new_household_from_ctrl_n_to_saved_by_the_keyboard(
        qtbot: QtBot, main: MainWindow) -> None:
    dialog = open_new_household(qtbot, main)
    group_id = dialog.group_combo.currentData()
    before = main.households_page.model.total
    namesakes = named(main, "Lường Văn Thắng")

    typed("Lường Văn Thắng")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.gender
    press(qtbot, Qt.Key.Key_Down)  # — → Nam
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.birth_year
    typed("1975")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.ethnicity
    typed("Thái")  # the completer's list opens; Tab must still go on
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.address
    typed("Số 12, đường Trần Phú")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.phone
    typed("0912 345 678")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.member_count
    typed("4")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.note
    typed("Mới chuyển đến")
    press(qtbot, Qt.Key.Key_Tab)

    # The members: Enter on the empty table starts the first, Tab walks its cells and, after
    # the birth year, out to "Thêm thành viên", whose Enter starts the second.
    assert focused() is dialog.members and dialog.members.rowCount() == 0
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.members.is_editing()
    for value, gender_downs in (("Lò Thị Hoa", 2), ("Lường Văn Nam", 1)):
        relation, year = ("Vợ", "1978") if value == "Lò Thị Hoa" else ("Con", "2005")
        typed(value)
        press(qtbot, Qt.Key.Key_Tab)
        typed(relation)
        press(qtbot, Qt.Key.Key_Tab)
        for _ in range(gender_downs):
            press(qtbot, Qt.Key.Key_Down)  # the gender is chosen from — / Nam / Nữ
        press(qtbot, Qt.Key.Key_Tab)
        typed(year)
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.add_member_button
        if value == "Lò Thị Hoa":
            press(qtbot, Qt.Key.Key_Return)
            assert dialog.members.rowCount() == 2 and dialog.members.is_editing()
    assert dialog.isVisible()

    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.remove_member_button
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.poverty
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)  # Không → Hộ nghèo → Hộ cận nghèo
    chosen = {"cultural_family", "antt_commitment", "waste_container"}
    for flag in HOUSEHOLD_FLAGS:
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.flags[flag]
        if flag in chosen:
            press(qtbot, Qt.Key.Key_Space)
    for _ in range(5):  # "Sao chép từ năm trước" is disabled for a new household
        if focused() is dialog.save_button:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.save_button
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert main.households_page.model.total == before + 1
    store = main.store
    row = added(main, "Lường Văn Thắng", namesakes)
    household = store.households.get(row.id)
    thai = find_ethnic_group("Thái")
    assert thai is not None
    assert (household.group_id, household.head_name, household.head_gender,
            household.head_birth_year, household.ethnicity_code, household.address,
            household.phone, household.member_count, household.note) == (
        group_id, "Lường Văn Thắng", "nam", 1975, thai.code, "Số 12, đường Trần Phú",
        "0912 345 678", 4, "Mới chuyển đến")
    members = [(m.full_name, m.relation, m.gender, m.birth_year)
               for m in store.households.members(row.id)]
    assert members == [("Lò Thị Hoa", "Vợ", "nu", 1978), ("Lường Văn Nam", "Con", "nam", 2005)]
    status = store.households.year_status(row.id, main.selected_year)
    assert status is not None and status.poverty == "near_poor"
    assert {flag for flag in HOUSEHOLD_FLAGS if getattr(status, flag)} == chosen
    assert main.undo_stack.undoText() == "Thêm hộ Lường Văn Thắng"


def expected_chain(dialog: HouseholdDialog) -> list[QWidget]:
    return [w for w in dialog.tab_chain() if w.isVisible() and w.isEnabled()]


@pytest.mark.parametrize("with_members", [False, True])
def test_tab_follows_the_paper_form_round_and_back(
        qtbot: QtBot, main: MainWindow, with_members: bool) -> None:
    dialog = open_new_household(qtbot, main)
    if with_members:
        press(qtbot, Qt.Key.Key_Insert, CTRL)  # in the name field: Copy, not a new member
        assert dialog.members.rowCount() == 0
        dialog_members_focus(qtbot, dialog)
        for name in ("Lò Văn A", "Lò Văn B"):
            press(qtbot, Qt.Key.Key_Insert, CTRL)
            typed(name)
            press(qtbot, Qt.Key.Key_Return)
        assert [row[0] for row in cells(dialog.members)] == ["Lò Văn A", "Lò Văn B"]
        assert not dialog.members.is_editing()
        for _ in range(len(dialog.tab_chain())):
            if focused() is dialog.head_name:
                break
            press(qtbot, Qt.Key.Key_Tab)
    chain = expected_chain(dialog)
    start = chain.index(dialog.head_name)
    order = chain[start:] + chain[:start + 1]
    walked = [focused()]
    for _ in order[1:]:
        press(qtbot, Qt.Key.Key_Tab)
        walked.append(focused())
    assert [w.objectName() or type(w).__name__ for w in walked] == [
        w.objectName() or type(w).__name__ for w in order]
    assert walked == order
    back = [focused()]
    for _ in order[1:]:
        press(qtbot, Qt.Key.Key_Tab, SHIFT)
        back.append(focused())
    assert back == list(reversed(order))
    # The table is left by Ctrl+Tab too, both ways.
    dialog_members_focus(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    assert focused() is dialog.add_member_button
    dialog_members_focus(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert focused() is dialog.note


def dialog_members_focus(qtbot: QtBot, dialog: HouseholdDialog) -> None:
    """Tab from wherever the focus is until the members table has it."""
    for _ in range(len(dialog.tab_chain()) + 1):
        if focused() is dialog.members:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError("Tab never reached the members table")


def test_editing_cells_moves_on_and_out_at_both_ends(qtbot: QtBot, main: MainWindow) -> None:
    dialog = open_new_household(qtbot, main)
    dialog_members_focus(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Insert, CTRL)
    typed("Hà Thị Mai")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.members.currentColumn() == 1 and dialog.members.is_editing()
    # Shift+Tab goes back a cell, and out backwards before the first one.
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert (dialog.members.currentColumn(), dialog.members.is_editing()) == (0, True)
    press(qtbot, Qt.Key.Key_Tab, SHIFT)
    assert focused() is dialog.note and not dialog.members.is_editing()
    assert cells(dialog.members) == [["Hà Thị Mai", "", "", ""]]
    # Enter keeps the cell and stays in the table (it never saves the form from there); Esc
    # puts the cell back and leaves the form open.
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.members
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.members.is_editing()
    typed("Hà Thị Mây")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.members.is_editing())
    assert dialog.isVisible() and dialog.saved_count == 0
    assert focused() is dialog.members
    press(qtbot, Qt.Key.Key_F2)
    typed("Sai tên")
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.isVisible() and not dialog.members.is_editing()
    assert cells(dialog.members) == [["Hà Thị Mây", "", "", ""]]
    # The birth year takes digits only.
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_F2)
    typed("19a8x1")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.members.is_editing())
    assert cells(dialog.members) == [["Hà Thị Mây", "", "", "1981"]]


def test_no_key_changes_a_member_cell_that_is_not_being_edited(
        qtbot: QtBot, main: MainWindow) -> None:
    dialog = open_new_household(qtbot, main)
    dialog.load_state(_state_with_members(dialog))
    dialog_members_focus(qtbot, dialog)
    before = cells(dialog.members)
    assert before == [["Lò Thị Hoa", "Vợ", "Nữ", "1978"], ["Lò Văn Nam", "Con", "Nam", "2005"]]
    keys = [Qt.Key.Key_Space, Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_A,
            Qt.Key.Key_1, Qt.Key.Key_Minus, Qt.Key.Key_Period]
    # Every cell in turn, walked with the arrow keys (the focus came in on the first).
    walk = [(None, 0, 0), (Qt.Key.Key_Right, 0, 1), (Qt.Key.Key_Right, 0, 2),
            (Qt.Key.Key_Right, 0, 3), (Qt.Key.Key_Down, 1, 3), (Qt.Key.Key_Left, 1, 2),
            (Qt.Key.Key_Left, 1, 1), (Qt.Key.Key_Left, 1, 0)]
    for arrow, row, column in walk:
        if arrow is not None:
            press(qtbot, arrow)
        table = dialog.members
        assert (table.currentRow(), table.currentColumn()) == (row, column)
        for key in keys:
            press(qtbot, key)
            assert not table.is_editing(), (row, column, key)
            assert cells(table) == before, (row, column, key)
        typed(" ")  # a Space as an input method sends it
        assert cells(table) == before
    assert dialog.isVisible() and focused() is dialog.members


def _state_with_members(dialog: HouseholdDialog) -> HouseholdState:
    household = Household(dialog.group_combo.currentData(), "Lò Văn Sinh", member_count=3)
    return HouseholdState(household, [Member("Lò Thị Hoa", "Vợ", "nu", 1978),
                                      Member("Lò Văn Nam", "Con", "nam", 2005)], None)


def test_members_are_added_and_removed_by_keys_even_while_a_cell_is_edited(
        qtbot: QtBot, main: MainWindow) -> None:
    dialog = open_new_household(qtbot, main)
    dialog_members_focus(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Insert, CTRL)
    typed("Người thứ nhất")
    press(qtbot, Qt.Key.Key_Insert, CTRL)  # while the name is still being typed
    typed("Người thứ hai")
    press(qtbot, Qt.Key.Key_Insert, CTRL)
    typed("Người thứ ba")
    assert [row[0] for row in cells(dialog.members)] == [
        "Người thứ nhất", "Người thứ hai", ""]  # the third still in its editor
    assert dialog.member_count.value() == 4  # raised with the rows (the head counts too)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.members.is_editing())
    press(qtbot, Qt.Key.Key_Up)  # to the second member
    press(qtbot, Qt.Key.Key_Delete, CTRL)
    assert [row[0] for row in cells(dialog.members)] == ["Người thứ nhất", "Người thứ ba"]
    assert focused() is dialog.members and dialog.members.currentRow() == 1
    press(qtbot, Qt.Key.Key_F2)
    press(qtbot, Qt.Key.Key_Delete, CTRL)  # from inside an editor too
    assert [row[0] for row in cells(dialog.members)] == ["Người thứ nhất"]
    # The buttons are reachable by Tab and do the same.
    dialog_members_focus(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.remove_member_button
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.members.rowCount() == 0


def test_ctrl_s_keeps_the_cell_being_typed(qtbot: QtBot, main: MainWindow) -> None:
    namesakes = named(main, "Sùng A Chứ")
    dialog = open_new_household(qtbot, main)
    typed("Sùng A Chứ")
    dialog_members_focus(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Return)
    typed("Sùng Thị Dợ")
    press(qtbot, Qt.Key.Key_S, CTRL)  # the name is still in its editor
    qtbot.waitUntil(lambda: not dialog.isVisible())
    row = added(main, "Sùng A Chứ", namesakes)
    assert [m.full_name for m in main.store.households.members(row.id)] == ["Sùng Thị Dợ"]


def _frame_pixels(image: QImage, widget: QWidget, window: QWidget) -> list[QColor]:
    """The colours just inside the top, bottom, left and right edges of a widget's rectangle,
    at their middles, in a grab of its window."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    ratio = image.devicePixelRatio()
    x0, y0 = top_left.x(), top_left.y()
    w, h = widget.width(), widget.height()
    points = [(x0 + w // 2, y0), (x0 + w // 2, y0 + h - 1), (x0, y0 + h // 2),
              (x0 + w - 1, y0 + h // 2)]
    return [image.pixelColor(int(x * ratio), int(y * ratio)) for x, y in points]


def _is_focus_colour(colour: QColor) -> bool:
    return all(abs(a - b) <= 8 for a, b in zip(colour.getRgb()[:3],
                                                 FOCUS_COLOR.getRgb()[:3], strict=True))


def test_the_focus_is_framed_on_every_stop_and_on_the_current_cell(
        qtbot: QtBot, main: MainWindow) -> None:
    dialog = open_new_household(qtbot, main)
    dialog.load_state(_state_with_members(dialog))
    chain = expected_chain(dialog)
    for _ in chain:
        widget = focused()
        frame = dialog.focus_frame
        assert frame.isVisible() and frame.target() is widget
        image = dialog.grab().toImage()
        colours = _frame_pixels(image, widget, dialog)
        assert all(_is_focus_colour(c) for c in colours), (widget, [c.name() for c in colours])
        if widget is dialog.members:
            # The current cell is framed too (inside the table's viewport).
            table = dialog.members
            rect = table.visualRect(table.currentIndex())
            view_image = table.viewport().grab().toImage()
            ratio = view_image.devicePixelRatio()
            edge = view_image.pixelColor(int(rect.center().x() * ratio), int(rect.top() * ratio))
            assert _is_focus_colour(edge), edge.name()
        press(qtbot, Qt.Key.Key_Tab)
    # While a cell is edited, the frame is around its editor.
    dialog_members_focus(qtbot, dialog)
    press(qtbot, Qt.Key.Key_F2)
    editor = focused()
    assert dialog.members.viewport().isAncestorOf(editor)
    assert dialog.focus_frame.target() is editor and dialog.focus_frame.isVisible()
    assert dialog.focus_frame.geometry().contains(
        editor.mapTo(dialog, QPoint(editor.width() // 2, editor.height() // 2)))
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is dialog.members and dialog.focus_frame.target() is dialog.members
