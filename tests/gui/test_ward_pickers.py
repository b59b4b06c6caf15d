"""Every list of wards the official picks from is in Vietnamese order ("Phường Đoàn Kết"
before "Phường Quyết Thắng", "số 9" before "số 10"), whatever order the units were made in."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from gui.dialogs.accounts_dialog import AccountFormDialog
from gui.dialogs.setup_ward_dialog import SetupWardDialog
from storage.store import Store
from storage.units import unit_sort_key

# Made in an order that is neither Vietnamese nor code point order.
WARDS = ("Xã Sùng Phài", "Phường Tân Phong", "Phường Đông Phong", "Phường số 10",
         "Phường Quyết Thắng", "Phường Ân Thi", "Phường Đoàn Kết", "Phường số 9",
         "Phường Anh Dũng", "Xã San Thàng")
EXPECTED = ["Phường Anh Dũng", "Phường Ân Thi", "Phường Đoàn Kết", "Phường Đông Phong",
            "Phường Quyết Thắng", "Phường số 9", "Phường số 10", "Phường Tân Phong",
            "Xã San Thàng", "Xã Sùng Phài"]


def city_with_wards(store: Store) -> None:
    city = store.units.add("city", "Thành phố Thử", None, 2020)
    for name in WARDS:
        store.units.add("xa" if name.startswith("Xã") else "phuong", name, city.id, 2020)


def names(combo: QComboBox) -> list[str]:
    return [combo.itemText(index) for index in range(combo.count())]


def test_the_expected_order_is_vietnamese_order() -> None:
    assert sorted(WARDS, key=unit_sort_key) == EXPECTED


def test_setting_up_a_ward_machine_lists_wards_in_vietnamese_order(
        qtbot: QtBot, store: Store) -> None:
    city_with_wards(store)
    dialog = SetupWardDialog(store)
    qtbot.addWidget(dialog)
    assert names(dialog.ward_combo) == EXPECTED


def test_a_new_account_lists_wards_in_vietnamese_order(qtbot: QtBot, store: Store) -> None:
    city_with_wards(store)
    dialog = AccountFormDialog(store)
    qtbot.addWidget(dialog)
    assert names(dialog.ward) == EXPECTED
