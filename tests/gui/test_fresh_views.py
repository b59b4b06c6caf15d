"""Every view shows the data as it is after every change, wherever the change was made.

The writes here go straight to the store (as a background job, another dialog or an imported
package would), never through the views: the store's change notice alone must bring each view
up to date.
"""

from __future__ import annotations

import dataclasses
import threading

from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from gui.unit_tree import COLUMN_HOUSEHOLDS
from storage.model import Household, HouseholdYear
from storage.store import Store


def shown(window: MainWindow, group_id: str) -> dict[str, str]:
    model = window.tree_model
    index = model.index_of_unit(group_id)
    return {
        "tree": str(model.data(index.siblingAtColumn(COLUMN_HOUSEHOLDS))),
        "summary": window.summary_panel.text_of("households"),
        "profile": window.group_profile.indicator_labels["households"].text(),
        "list": window.households_page.count_label.text(),
        "security": str(window.group_profile.count_boxes["security_team_size"].value()),
    }


def test_each_kind_of_change_reaches_every_view(qtbot: QtBot, store: Store,
                                                city: dict[str, str]) -> None:
    group = city["group_1"]
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    year = window.selected_year
    assert window.select_unit(group)
    assert window.group_profile.group_id == group

    # A household added elsewhere: counts everywhere.
    added = store.households.add(Household(group, "Lò Văn Mới"), year,
                                 status=HouseholdYear("", year, group, cultural_family=True))
    qtbot.waitUntil(lambda: shown(window, group)["summary"] == "1", timeout=3000)
    now = shown(window, group)
    assert now["tree"] == "1" and now["profile"].startswith("1") and "1 hộ" in now["list"]

    # A second one written on another thread (a background job).
    worker = threading.Thread(target=lambda: store.households.add(
        Household(group, "Tòng Thị Hai"), year))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: shown(window, group)["summary"] == "2", timeout=3000)
    now = shown(window, group)
    assert now["tree"] == "2" and now["profile"].startswith("2") and "2 hộ" in now["list"]

    # The group's own facts saved elsewhere: the profile shows them (it had no edits).
    facts = store.groups.year(group, year)
    store.groups.save_year(dataclasses.replace(facts, security_team_size=7))
    qtbot.waitUntil(lambda: shown(window, group)["security"] == "7", timeout=3000)

    # A deletion: the counts go down again.
    store.households.delete(added.id)
    qtbot.waitUntil(lambda: shown(window, group)["summary"] == "1", timeout=3000)
    assert shown(window, group)["tree"] == "1" and "1 hộ" in shown(window, group)["list"]


def test_unsaved_edits_in_the_profile_are_not_overwritten(qtbot: QtBot, store: Store,
                                                         city: dict[str, str]) -> None:
    group = city["group_1"]
    window = MainWindow(store)
    qtbot.addWidget(window)
    year = window.selected_year
    assert window.select_unit(group)
    window.group_profile.count_boxes["mediators"].setValue(5)  # typed, not saved
    store.households.add(Household(group, "Lò Văn Mới"), year)
    qtbot.waitUntil(lambda: window.summary_panel.text_of("households") == "1", timeout=3000)
    assert window.group_profile.count_boxes["mediators"].value() == 5
    assert window.group_profile.is_dirty()
