"""A household's first year is derived by the database itself, whoever writes its statuses."""

from __future__ import annotations

from storage.model import Household, HouseholdYear
from storage.store import Store


def first_year(store: Store, household_id: str) -> int | None:
    return store.query("SELECT first_year FROM households WHERE id = ?", [household_id])[0][0]


def test_every_writer_of_a_status_lowers_the_first_year(store: Store,
                                                        city: dict[str, str]) -> None:
    group = city["group_1"]
    household = store.households.add(Household(group, "Lò Văn Năm"), 2024,
                                     status=HouseholdYear("", 2024, group))
    assert first_year(store, household.id) == 2024
    store.households.set_year_status(HouseholdYear(household.id, 2022, group))
    assert first_year(store, household.id) == 2022
    # A writer that knows nothing of first_year (a package, a bulk import, plain SQL).
    with store.action("Ghi trực tiếp") as action:
        store.db.execute(
            "INSERT INTO household_years (household_id, year, group_id, owner_unit_id,"
            " modified_at, change_seq, modified_site) VALUES (?, 2021, ?, ?, ?, ?, ?)",
            [household.id, group, city["ward_a"], action.now, action.seq, store.site_id])
    assert first_year(store, household.id) == 2021
    # A later year, or a status written as removed, never raises or lowers it.
    store.households.set_year_status(HouseholdYear(household.id, 2025, group))
    with store.action("Ghi trực tiếp, đã xóa") as action:
        store.db.execute(
            "INSERT INTO household_years (household_id, year, group_id, owner_unit_id,"
            " modified_at, change_seq, modified_site, deleted_at) VALUES (?, 2019, ?, ?, ?, ?,"
            " ?, ?)", [household.id, group, city["ward_a"], action.now, action.seq,
                       store.site_id, action.now])
    assert first_year(store, household.id) == 2021
