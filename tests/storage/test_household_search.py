"""Listing households in SQL: search, filters, order, pages, the year's groups."""

from __future__ import annotations

import unicodedata

from storage.household_search import (
    HouseholdQuery,
    count_households,
    list_households,
)
from storage.model import Household, HouseholdYear, Member
from storage.store import Store
from storage.text import person_sort_key


def _add(store: Store, group: str, name: str, year: int = 2024, **status: object) -> str:
    household = store.households.add(Household(group, name, address="Số 1, đường Lê Lợi"))
    store.households.set_year_status(HouseholdYear(household.id, year, group, **status))
    return household.id


def test_search_ignores_accents_and_case_and_finds_members(
    store: Store, city: dict[str, str]
) -> None:
    _add(store, city["group_1"], "Nguyễn Văn Ấn")
    _add(store, city["group_1"], "Đoàn Thị Hoa")
    other = store.households.add(
        Household(city["group_1"], "Lê Văn Tám", phone="0912 345 678"),
        year=2024,
        members=[Member("Phạm Thị Nguyệt", "Vợ")],
    )

    def names(text: str, exact: bool = False) -> list[str]:
        query = HouseholdQuery(2024, text=text, exact=exact)
        return sorted(row.head_name for row in list_households(store, query))

    assert names("nguyen van") == ["Nguyễn Văn Ấn"]
    assert names("DOAN") == ["Đoàn Thị Hoa"]
    assert names(unicodedata.normalize("NFD", "Đoàn")) == ["Đoàn Thị Hoa"]
    assert names("nguyet") == ["Lê Văn Tám"]  # a member's name
    assert names("0912.345") == ["Lê Văn Tám"]
    assert names("Văn") == ["Lê Văn Tám", "Nguyễn Văn Ấn"]
    assert names("Ấn", exact=True) == ["Nguyễn Văn Ấn"]
    assert names("An", exact=True) == []
    assert count_households(store, HouseholdQuery(2024, text="van")) == 2
    assert other.id


def test_status_filters_of_the_year(store: Store, city: dict[str, str]) -> None:
    poor = _add(store, city["group_1"], "Hộ Nghèo", poverty="poor", cultural_family=True)
    _add(store, city["group_1"], "Hộ Khá", cultural_family=True, antt_commitment=True)
    _add(store, city["group_1"], "Hộ Thường")

    def names(*filters: str) -> set[str]:
        query = HouseholdQuery(2024, filters=filters)
        return {row.head_name for row in list_households(store, query)}

    assert names("poor") == {"Hộ Nghèo"}
    assert names("not_cultural") == {"Hộ Thường"}
    assert names("no_antt") == {"Hộ Nghèo", "Hộ Thường"}
    assert names("no_antt", "poor") == {"Hộ Nghèo"}
    row = next(r for r in list_households(store, HouseholdQuery(2024)) if r.id == poor)
    assert row.poverty == "poor" and row.flags["cultural_family"] and row.has_status


def test_vietnamese_order_by_given_name_and_paging(store: Store, city: dict[str, str]) -> None:
    names = ["Trần Văn Bình", "Nguyễn Thị Ánh", "Lê Văn An", "Đặng Thị Ân", "Phạm Văn Đức",
             "Hoàng Văn Dũng", "Vũ Thị Ăn"]
    for name in names:
        _add(store, city["group_1"], name)
    expected = sorted(names, key=person_sort_key)
    query = HouseholdQuery(2024, order_by="head_name")
    pages = [row.head_name for offset in (0, 3, 6)
             for row in list_households(store, query, offset, 3)]
    assert pages == expected
    # a < ă < â at the primary level; "An" is a prefix of "Ánh".
    assert pages[:4] == ["Lê Văn An", "Nguyễn Thị Ánh", "Vũ Thị Ăn", "Đặng Thị Ân"]
    descending = [row.head_name for row in list_households(store, query.with_changes(
        descending=True))]
    assert descending == expected[::-1]


def test_unit_scope_and_the_year_of_the_rows(store: Store, city: dict[str, str]) -> None:
    _add(store, city["group_1"], "Ở Tổ Một")
    _add(store, city["group_3"], "Ở Bản")
    later = _add(store, city["group_3"], "Mới Đến", year=2024)
    store.households.delete(_add(store, city["group_1"], "Đã Xóa"))
    store.households.add(Household(city["group_1"], "Chưa Có Tình Trạng"))

    def names(year: int, unit: str | None) -> set[str]:
        return {row.head_name for row in list_households(store, HouseholdQuery(year, unit))}

    assert names(2024, city["ward_a"]) == {"Ở Tổ Một", "Chưa Có Tình Trạng"}
    assert names(2024, city["group_3"]) == {"Ở Bản", "Mới Đến"}
    assert names(2024, None) == {"Ở Tổ Một", "Ở Bản", "Mới Đến", "Chưa Có Tình Trạng"}
    # In 2023 the households whose first row is 2024 did not exist yet.
    assert names(2023, None) == {"Chưa Có Tình Trạng"}
    # In 2025 nothing is entered yet: every household is listed, without statuses.
    rows_2025 = list_households(store, HouseholdQuery(2025))
    assert len(rows_2025) == 4 and not any(row.has_status for row in rows_2025)
    assert count_households(store, HouseholdQuery(2025, filters=("no_status",))) == 4
    assert later


def test_demo_search_scale(demo_store: Store) -> None:
    query = HouseholdQuery(2024, text="nguyen")
    total = count_households(demo_store, query)
    page = list_households(demo_store, query, 0, 50)
    assert total > 500 and len(page) == 50
    # Matches may come from a member's name, so check the stored search key of each row.
    keys = dict(demo_store.db.execute(
        f"SELECT id, search_key FROM households WHERE id IN ({','.join('?' * len(page))})",
        [row.id for row in page]).fetchall())
    assert all("nguyen" in keys[row.id] for row in page)
    tan_phong = demo_store.units.find("Tân Phong", 2024, "ward")
    assert count_households(demo_store, HouseholdQuery(2024, tan_phong.id)) == \
        demo_store.households.count(2024, tan_phong.id)
