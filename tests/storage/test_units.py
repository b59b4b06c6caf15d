"""Units: the tree of a year, name matching, lineage."""

from __future__ import annotations

import pytest

from storage.errors import NotFound, ValidationError
from storage.model import Household
from storage.store import Store
from storage.units import match_key


def test_a_group_must_sit_under_a_ward(store: Store, city: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        store.units.add("tdp", "Tổ dân phố số 9", city["city"], 2020)
    with pytest.raises(ValidationError):
        store.units.add("phuong", "Phường Hai", city["ward_a"], 2020)
    with pytest.raises(ValidationError):
        store.units.add("tdp", "  ", city["ward_a"], 2020)


def test_the_tree_of_a_year_shows_only_the_units_of_that_year(
    store: Store, city: dict[str, str]
) -> None:
    def group_names(year: int) -> list[str]:
        tree = store.units.tree(year)
        return [group.unit.name for ward in tree.children for group in ward.children]

    assert group_names(2020) == ["Tổ dân phố số 1", "Tổ dân phố số 2"]
    assert group_names(2021) == ["Tổ dân phố số 1", "Tổ dân phố số 2", "Bản Nậm Loỏng 3"]
    assert group_names(2023) == ["Tổ dân phố số 1", "Bản Nậm Loỏng 3"]


def test_tree_counts_households_of_the_year(store: Store, city: dict[str, str]) -> None:
    store.households.add(Household(city["group_1"], "Nguyễn Văn An"), year=2024)
    store.households.add(Household(city["group_1"], "Lê Thị Hoa"), year=2024)
    store.households.add(Household(city["group_3"], "Giàng A Páo"), year=2024)
    deleted = store.households.add(Household(city["group_3"], "Sùng A Dơ"), year=2024)
    store.households.delete(deleted.id)
    tree = store.units.tree(2024)
    assert tree.households == 3
    assert [ward.households for ward in tree.children] == [2, 1]
    assert tree.groups == 2


def test_find_ignores_accents_case_and_generic_words(store: Store, city: dict[str, str]) -> None:
    assert store.units.find("doan ket").id == city["ward_a"]
    assert store.units.find("PHƯỜNG ĐOÀN KẾT").id == city["ward_a"]
    assert store.units.find("TDP 1").id == city["group_1"]
    assert store.units.find("Tổ dân phố số 1").id == city["group_1"]
    assert store.units.find("bản Nậm Loóng 3").id == city["group_3"]
    assert store.units.find("Nam Loong 3").id == city["group_3"]
    assert store.units.find("xã San Thành").id == city["ward_b"]
    with pytest.raises(NotFound):
        store.units.find("Phường Không Có")


def test_find_reports_an_ambiguous_name(store: Store, city: dict[str, str]) -> None:
    store.units.add("tdp", "Tổ dân phố số 1", city["ward_b"], 2020)
    with pytest.raises(ValidationError, match="nhiều đơn vị"):
        store.units.find("TDP 1", 2024, "group")


def test_match_key_examples() -> None:
    assert match_key("Tổ dân phố số 5") == match_key("TDP số 5") == "5"
    assert match_key("Nậm Loỏng 3") == match_key("Nậm Loông 3") == match_key("nam loong 3")
    assert match_key("Sùng Chồ") == match_key("Sùng Chô")


def test_lineage_of_a_split(store: Store, city: dict[str, str]) -> None:
    new_group = store.units.add("tdp", "Tổ dân phố số 5", city["ward_a"], 2022)
    event = store.units.record_lineage(
        "split", "2022-07-20", 2022, [city["group_1"]], [city["group_1"], new_group.id],
        legal_basis="Nghị quyết số 28/NQ-HĐND ngày 20/7/2022 của HĐND tỉnh Lai Châu",
    )
    assert event.source_ids == (city["group_1"],)
    assert set(event.result_ids) == {city["group_1"], new_group.id}
    assert [e.id for e in store.units.lineage_of(new_group.id)] == [event.id]
    assert store.units.lineage_of(new_group.id)[0].legal_basis.startswith("Nghị quyết số 28")


def test_full_name_lowercases_the_generic_noun(store: Store, city: dict[str, str]) -> None:
    group = store.units.get(city["group_3"])
    assert store.units.full_name(group) == "Bản Nậm Loỏng 3, xã San Thàng"
