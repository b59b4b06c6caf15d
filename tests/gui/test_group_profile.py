"""The group profile page on the demo city: showing, editing, saving, refusing, lineage."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QTableWidgetItem
from pytestqt.qtbot import QtBot

from gui.group_profile import NO_DOUBLE_ROLES, NO_GROUP_MESSAGE, GroupProfilePage
from storage.groups import Groups
from storage.model import Unit
from storage.store import Store
from storage.text import format_int, format_percent

# -- helpers and fixtures ------------------------------------------------------------------


def group_named(store: Store, ward_name: str, group_name: str, year: int = 2024) -> Unit:
    # Several wards have a "Tổ dân phố số 10": look the group up inside its ward.
    ward = store.units.find(ward_name, year, "ward")
    hits = [g for g in store.units.groups_of(ward.id, year) if g.name == group_name]
    assert len(hits) == 1
    return hits[0]


@pytest.fixture
def page(qtbot: QtBot) -> GroupProfilePage:
    widget = GroupProfilePage()
    qtbot.addWidget(widget)
    widget.resize(640, 800)
    return widget


@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path) -> Iterator[Store]:
    """A private copy of the demo file: tests that save write here, never to the shared file."""
    copy = tmp_path / "demo-copy.sqlite"
    shutil.copy(demo_path, copy)
    with Store(copy, actor="test") as opened:
        yield opened


def show_tdp10(page: GroupProfilePage, store: Store) -> Unit:
    group = group_named(store, "Tân Phong", "Tổ dân phố số 10")
    page.set_group(store, group.id, 2024)
    return group


def show_active(qtbot: QtBot, page: GroupProfilePage) -> None:
    """Show the page as the active window, so focus and shortcuts work (also offscreen)."""
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()


def table_rows(page: GroupProfilePage) -> list[tuple[str, str]]:
    table = page.officers_table
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


# -- showing -------------------------------------------------------------------------------


def test_shows_the_demo_groups_figures(page: GroupProfilePage, demo_store: Store) -> None:
    group = show_tdp10(page, demo_store)
    groups = Groups(demo_store)
    facts = groups.year(group.id, 2024)
    indicators = groups.indicators(group.id, 2024)

    assert page.title.text() == "Tổ dân phố số 10, phường Tân Phong — năm 2024"
    assert not page.form.isHidden()
    assert page.indicator_labels["households"].text() == format_int(indicators.households)
    assert page.indicator_labels["cultural"].text() == (
        f"{format_int(indicators.cultural_families)}"
        f" ({format_percent(indicators.cultural_families, indicators.households)})"
    )
    assert page.indicator_labels["third_child"].text() == format_int(indicators.third_child)
    assert page.count_boxes["security_team_size"].value() == 3
    assert page.count_boxes["mediators"].value() == facts.mediators
    assert page.count_boxes["law_violations"].value() == facts.law_violations
    assert page.rating_combo.currentData() == facts.party_cell_rating
    assert page.flag_boxes["cultural_title"].isChecked() == facts.cultural_title
    assert table_rows(page) == [(o.role, o.full_name) for o in groups.officers(group.id, 2024)]
    people = groups.double_roles(group.id, 2024)
    assert page.double_roles_label.text() == (
        "Kiêm nhiệm: " + "; ".join(f"{name} ({', '.join(roles)})" for name, roles in people)
        if people
        else NO_DOUBLE_ROLES
    )
    assert page.lineage_label.isHidden()  # TDP 10 was never split or merged
    assert not page.is_dirty() and not page.save_button.isEnabled()


def test_the_lineage_sentence_of_a_split_group(page: GroupProfilePage, demo_store: Store) -> None:
    group = group_named(demo_store, "Đông Phong", "Tổ dân phố số 27")
    page.set_group(demo_store, group.id, 2024)
    text = page.lineage_label.text()
    assert not page.lineage_label.isHidden()
    assert "Tổ dân phố số 22" in text and "28/NQ-HĐND" in text
    assert text.startswith("Thành lập ngày 20/07/2022 do chia tách từ Tổ dân phố số 22")


def test_a_ward_or_nothing_hides_the_form(page: GroupProfilePage, demo_store: Store) -> None:
    show_tdp10(page, demo_store)
    ward = demo_store.units.find("Tân Phong", 2024, "ward")
    page.set_group(demo_store, ward.id, 2024)
    assert page.title.text() == NO_GROUP_MESSAGE
    assert page.form.isHidden()
    assert page.group_id is None and not page.is_dirty()
    page.set_group(demo_store, demo_store.units.city().id, 2024)
    assert page.form.isHidden()
    page.set_group(demo_store, None, 2024)
    assert page.title.text() == NO_GROUP_MESSAGE and page.form.isHidden()
    show_tdp10(page, demo_store)  # and back
    assert not page.form.isHidden()


# -- editing -------------------------------------------------------------------------------


def test_editing_enables_save(page: GroupProfilePage, demo_store: Store) -> None:
    show_tdp10(page, demo_store)
    spin = page.count_boxes["mediators"]
    original = spin.value()
    spin.setValue(original + 1)
    assert page.is_dirty() and page.save_button.isEnabled()
    spin.setValue(original)  # back as it was: nothing to save
    assert not page.is_dirty() and not page.save_button.isEnabled()
    page.flag_boxes["antt_safe_title"].toggle()
    assert page.save_button.isEnabled()
    page.flag_boxes["antt_safe_title"].toggle()
    page.text_edits["ocop_products"].setPlainText("Chè Shan tuyết")
    assert page.save_button.isEnabled()
    page.text_edits["ocop_products"].setPlainText("  ")  # blank is the same as empty
    assert not page.save_button.isEnabled()
    page.officers_table.item(2, 1).setText("Người Mới")
    assert page.save_button.isEnabled()


def test_saving_writes_through_the_store(
    qtbot: QtBot, page: GroupProfilePage, demo_copy: Store
) -> None:
    group = show_tdp10(page, demo_copy)
    before = demo_copy.change_seq
    page.count_boxes["mediators"].setValue(9)
    page.rating_combo.setCurrentIndex(page.rating_combo.findData("xuat_sac"))
    page.text_edits["economic_models"].setPlainText("Nuôi cá lồng\nTrồng chè")
    with qtbot.waitSignal(page.saved, timeout=2000) as signal:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert signal.args == [group.id]
    facts = Groups(demo_copy).year(group.id, 2024)
    assert facts.mediators == 9
    assert facts.party_cell_rating == "xuat_sac"
    assert facts.economic_models == "Nuôi cá lồng\nTrồng chè"
    assert demo_copy.change_seq == before + 1
    assert not page.is_dirty() and not page.save_button.isEnabled()
    assert page.error_text() == ""


def test_officers_are_edited_in_the_table(
    qtbot: QtBot, page: GroupProfilePage, demo_copy: Store
) -> None:
    group = show_tdp10(page, demo_copy)
    table = page.officers_table
    # Nobody holds two roles once the Tổ trưởng is someone else.
    table.item(1, 1).setText("Lò Thị Sua")
    assert page.double_roles_label.text() == NO_DOUBLE_ROLES
    page.add_officer_button.click()
    assert table.rowCount() == 11
    table.setItem(10, 0, QTableWidgetItem("Trưởng ban an ninh"))
    table.setItem(10, 1, QTableWidgetItem("lò thị  sua"))
    assert (
        page.double_roles_label.text() == "Kiêm nhiệm: Lò Thị Sua (Tổ trưởng, Trưởng ban an ninh)"
    )
    table.selectRow(2)
    assert page.remove_officer_button.isEnabled()
    removed = table_rows(page)[2]
    page.remove_officer_button.click()
    assert table.rowCount() == 10
    page.add_officer_button.click()  # an empty row is left out, not refused
    with qtbot.waitSignal(page.saved, timeout=2000):
        page.save()
    officers = [(o.role, o.full_name) for o in Groups(demo_copy).officers(group.id, 2024)]
    assert len(officers) == 10 and removed not in officers
    assert officers[1] == ("Tổ trưởng", "Lò Thị Sua")
    assert officers[-1] == ("Trưởng ban an ninh", "lò thị sua")  # NFC, spaces collapsed
    assert table.rowCount() == 10  # reloaded from the store


def test_invalid_input_shows_the_message_and_writes_nothing(
    qtbot: QtBot, page: GroupProfilePage, demo_copy: Store
) -> None:
    group = show_tdp10(page, demo_copy)
    before = (demo_copy.change_seq, Groups(demo_copy).year(group.id, 2024))
    show_active(qtbot, page)
    # Values unlike the stored ones, so the fixed form is still a change to save.
    received = before[1].mediation_received + 7
    page.count_boxes["mediation_received"].setValue(received)
    page.count_boxes["mediation_settled"].setValue(received + 3)
    with qtbot.assertNotEmitted(page.saved):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    message = page.error_text()
    assert f"hòa giải thành ({received + 3})" in message and f"tiếp nhận ({received})" in message
    assert page.error_label.isVisible()
    assert "color: #b00020" in page.error_label.styleSheet()
    # The input stays as typed, still to be saved, and the wrong field has the focus.
    assert page.count_boxes["mediation_settled"].value() == received + 3
    assert page.is_dirty() and page.save_button.isEnabled()
    assert page.count_boxes["mediation_settled"].hasFocus()
    assert (demo_copy.change_seq, Groups(demo_copy).year(group.id, 2024)) == before
    # Fixing it and saving clears the message.
    page.count_boxes["mediation_settled"].setValue(received)
    assert page.save(), page.error_text()
    assert page.error_text() == ""
    assert Groups(demo_copy).year(group.id, 2024).mediation_settled == received


def test_ctrl_s_saves(qtbot: QtBot, page: GroupProfilePage, demo_copy: Store) -> None:
    group = show_tdp10(page, demo_copy)
    assert page.save_shortcut.key() == QKeySequence(QKeySequence.StandardKey.Save)
    show_active(qtbot, page)
    spin = page.count_boxes["clean_street_groups"]
    spin.setFocus()
    spin.setValue(7)
    with qtbot.waitSignal(page.saved, timeout=2000):
        qtbot.keyClick(spin, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert Groups(demo_copy).year(group.id, 2024).clean_street_groups == 7


def test_tab_order_follows_the_visual_order(
    qtbot: QtBot, page: GroupProfilePage, demo_store: Store
) -> None:
    show_tdp10(page, demo_store)
    page.count_boxes["mediators"].setValue(page.count_boxes["mediators"].value() + 1)
    show_active(qtbot, page)
    page.officers_table.setFocus()
    expected = [
        page.add_officer_button,  # "Xóa dòng" is disabled until a row is selected
        page.rating_combo,
        *page.flag_boxes.values(),
        *page.count_boxes.values(),
        *page.text_edits.values(),
        page.save_button,
    ]
    seen = []
    for _ in expected:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected
