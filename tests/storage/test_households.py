"""Households: validation, normalisation, soft delete, yearly statuses, the audit trail."""

from __future__ import annotations

import dataclasses
import json
import unicodedata

import pytest

from storage.errors import NotFound, ValidationError
from storage.model import Household, HouseholdYear, Member
from storage.store import Store


def test_add_stores_nfc_and_keys(store: Store, city: dict[str, str]) -> None:
    nfd_name = unicodedata.normalize("NFD", "  Nguyễn   Văn Ấn ")
    household = store.households.add(Household(city["group_1"], nfd_name, phone="0912 345 678"))
    row = store.db.execute(
        "SELECT head_name, head_name_key, search_key, owner_unit_id FROM households WHERE id = ?",
        [household.id],
    ).fetchone()
    assert row[0] == "Nguyễn Văn Ấn" and unicodedata.is_normalized("NFC", row[0])
    assert row[1] == "nguyen van an"
    assert "0912345678" in row[2]
    assert row[3] == city["ward_a"]  # the ward's office owns its groups' households


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"head_name": "   "}, "head_name"),
        ({"head_birth_year": 1850}, "head_birth_year"),
        ({"head_birth_year": 2030}, "head_birth_year"),
        ({"member_count": 0}, "member_count"),
        ({"phone": "12ab"}, "phone"),
        ({"head_gender": "x"}, "head_gender"),
    ],
)
def test_bad_values_are_refused_with_the_field_named(
    store: Store, city: dict[str, str], changes: dict[str, object], field: str
) -> None:
    household = dataclasses.replace(Household(city["group_1"], "Nguyễn Văn An"), **changes)
    with pytest.raises(ValidationError) as raised:
        store.households.add(household)
    assert raised.value.field == field
    assert store.db.execute("SELECT COUNT(*) FROM households").fetchone()[0] == 0


def test_a_household_must_belong_to_a_group(store: Store, city: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        store.households.add(Household(city["ward_a"], "Nguyễn Văn An"))


def test_update_records_old_and_new_values(store: Store, city: dict[str, str]) -> None:
    household = store.households.add(Household(city["group_1"], "Nguyễn Văn An"))
    store.households.update(dataclasses.replace(household, address="Số 5, đường Lê Lợi"))
    entry = store.db.execute(
        "SELECT action, operation, changes FROM audit_log WHERE record_id = ? ORDER BY seq DESC",
        [household.id],
    ).fetchone()
    assert entry[0] == "Sửa hộ Nguyễn Văn An" and entry[1] == "update"
    assert json.loads(entry[2]) == {"address": ["", "Số 5, đường Lê Lợi"]}
    assert store.households.get(household.id).address == "Số 5, đường Lê Lợi"


def test_delete_is_soft_and_restore_brings_it_back(store: Store, city: dict[str, str]) -> None:
    household = store.households.add(Household(city["group_1"], "Nguyễn Văn An"), year=2024)
    seq_before = store.change_seq
    store.households.delete(household.id)
    with pytest.raises(NotFound):
        store.households.get(household.id)
    assert store.households.count(2024) == 0
    tombstone = store.db.execute(
        "SELECT deleted_at, change_seq FROM households WHERE id = ?", [household.id]
    ).fetchone()
    assert tombstone[0] is not None and tombstone[1] == seq_before + 1
    store.households.restore(household.id)
    assert store.households.get(household.id).head_name == "Nguyễn Văn An"
    assert store.households.count(2024) == 1


def test_yearly_status_round_trip(store: Store, city: dict[str, str]) -> None:
    household = store.households.add(Household(city["group_1"], "Nguyễn Văn An"))
    assert store.households.year_status(household.id, 2024) is None
    status = HouseholdYear(household.id, 2024, city["group_1"], cultural_family=True,
                           poverty="near_poor", antt_commitment=True, extra={"ocop": 1})
    store.households.set_year_status(status)
    assert store.households.year_status(household.id, 2024) == status
    status.poverty = "rich"
    with pytest.raises(ValidationError):
        store.households.set_year_status(status)


def test_members_are_saved_with_the_household_and_searchable(
    store: Store, city: dict[str, str]
) -> None:
    household = store.households.add(
        Household(city["group_1"], "Nguyễn Văn An", member_count=3),
        members=[Member("Trần Thị Bình", "Vợ", "nu", 1980), Member("Nguyễn Văn Cường", "Con")],
    )
    assert [m.full_name for m in store.households.members(household.id)] == [
        "Trần Thị Bình", "Nguyễn Văn Cường"]
    store.households.update(household, members=[Member("Trần Thị Bình", "Vợ", "nu", 1980)])
    assert [m.full_name for m in store.households.members(household.id)] == ["Trần Thị Bình"]
    key = store.db.execute("SELECT search_key FROM households WHERE id = ?",
                           [household.id]).fetchone()[0]
    assert "tran thi binh" in key and "cuong" not in key
    with pytest.raises(ValidationError):
        store.households.update(household, members=[Member("  ")])


def test_move_is_one_action_and_moves_the_year_row(store: Store, city: dict[str, str]) -> None:
    household = store.households.add(Household(city["group_1"], "Nguyễn Văn An"), year=2024)
    seq = store.change_seq
    old = store.households.move(household.id, city["group_3"], 2024)
    assert old == city["group_1"] and store.change_seq == seq + 1
    assert store.households.get(household.id).group_id == city["group_3"]
    status = store.households.year_status(household.id, 2024)
    assert status is not None and status.group_id == city["group_3"]
    owner = store.db.execute("SELECT owner_unit_id FROM households WHERE id = ?",
                             [household.id]).fetchone()[0]
    assert owner == city["ward_b"]


def test_bulk_status_is_one_action_and_can_be_put_back(
    store: Store, city: dict[str, str]
) -> None:
    ids = [store.households.add(Household(city["group_1"], f"Hộ số {n}"), year=2024).id
           for n in range(5)]
    no_row = store.households.add(Household(city["group_1"], "Hộ chưa có năm")).id
    seq = store.change_seq
    before = store.households.set_status_many([*ids, no_row], 2024, "antt_commitment", True)
    assert store.change_seq == seq + 1
    assert all(store.households.year_status(i, 2024).antt_commitment for i in [*ids, no_row])
    store.households.restore_statuses(2024, before)
    assert not any(store.households.year_status(i, 2024).antt_commitment for i in ids)
    assert store.households.year_status(no_row, 2024) is None
    with pytest.raises(ValidationError):
        store.households.set_status_many(ids, 2024, "not_a_status", True)


def test_similar_head_names_in_the_same_group(store: Store, city: dict[str, str]) -> None:
    store.households.add(Household(city["group_1"], "Nguyễn Văn An"))
    store.households.add(Household(city["group_3"], "Nguyễn Văn An"))
    candidate = Household(city["group_1"], "Nguyen Van An")
    assert [h.head_name for h in store.households.similar(candidate)] == ["Nguyễn Văn An"]
    assert store.households.similar(Household(city["group_1"], "Lò Thị Hoa")) == []
    store.households.add(Household(city["group_1"], "Đỗ Thị Nga"))
    assert store.households.similar(Household(city["group_1"], "Lò Thị Nga")) == []


def test_copy_statuses_from_last_year(store: Store, city: dict[str, str]) -> None:
    household = store.households.add(Household(city["group_1"], "Nguyễn Văn An"))
    store.households.set_year_status(
        HouseholdYear(household.id, 2023, city["group_1"], cultural_family=True, poverty="poor"))
    copied = store.households.copy_statuses_from(household.id, 2024)
    assert copied is not None and copied.year == 2024
    assert copied.cultural_family and copied.poverty == "poor"
    assert store.households.year_status(household.id, 2024) is None  # not saved by itself
