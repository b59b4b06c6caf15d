"""Households, their members and their yearly statuses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any

from storage.errors import NotFound, ValidationError
from storage.model import HOUSEHOLD_FLAGS, Household, HouseholdYear
from storage.text import fold, nfc, person_sort_key

if TYPE_CHECKING:
    from storage.store import Action, Store

_PHONE = re.compile(r"^\+?[0-9][0-9 .-]{7,14}[0-9]$")
_HOUSEHOLD_FIELDS = (
    "group_id",
    "head_name",
    "head_gender",
    "head_birth_year",
    "ethnicity_code",
    "address",
    "phone",
    "member_count",
    "note",
)


def validate_household(household: Household, this_year: int | None = None) -> Household:
    """Return a normalised copy of ``household`` or raise ValidationError naming the field."""
    this_year = this_year or dt.date.today().year
    cleaned = dataclasses.replace(
        household,
        head_name=nfc(household.head_name),
        address=nfc(household.address),
        phone=" ".join(household.phone.split()),
        note=nfc(household.note),
    )
    if not cleaned.head_name:
        raise ValidationError("Chưa nhập họ tên chủ hộ.", "head_name")
    if cleaned.head_gender not in (None, "nam", "nu"):
        raise ValidationError("Giới tính phải là Nam hoặc Nữ.", "head_gender")
    if cleaned.head_birth_year is not None and not (
        this_year - 120 <= cleaned.head_birth_year <= this_year - 14
    ):
        raise ValidationError(
            f"Năm sinh chủ hộ {cleaned.head_birth_year} không hợp lý"
            f" (từ {this_year - 120} đến {this_year - 14}).",
            "head_birth_year",
        )
    if cleaned.member_count < 1:
        raise ValidationError("Số nhân khẩu phải từ 1 trở lên.", "member_count")
    if cleaned.phone and not _PHONE.match(cleaned.phone):
        raise ValidationError(
            f"Số điện thoại '{cleaned.phone}' không đúng dạng (ví dụ 0912 345 678).", "phone"
        )
    return cleaned


def search_key(household: Household, member_names: list[str] = ()) -> str:  # type: ignore[assignment]
    """The folded text a search matches: head name, members, address and phone."""
    digits = "".join(ch for ch in household.phone if ch.isdigit())
    parts = [household.head_name, *member_names, household.address, digits]
    return " | ".join(fold(part) for part in parts if part)


def household_row(household: Household) -> dict[str, Any]:
    """The households table row of a (validated) household, without the sync columns."""
    return {
        "id": household.id,
        **{name: getattr(household, name) for name in _HOUSEHOLD_FIELDS},
        "head_name_key": fold(household.head_name),
        "head_sort_key": person_sort_key(household.head_name),
        "search_key": search_key(household),
    }


def year_row(status: HouseholdYear) -> dict[str, Any]:
    """The household_years table row of a status, without the sync columns."""
    return {
        "household_id": status.household_id,
        "year": status.year,
        "group_id": status.group_id,
        **{flag: int(bool(getattr(status, flag))) for flag in HOUSEHOLD_FLAGS},
        "poverty": status.poverty,
        "extra": json.dumps(status.extra, ensure_ascii=False, sort_keys=True),
    }


class Households:
    """Reading and writing households; every write is one audited action."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, household_id: str, include_deleted: bool = False) -> Household:
        """The household with this id; NotFound when it does not exist (or is deleted)."""
        rows = self.store.query("SELECT * FROM households WHERE id = ?", [household_id])
        if not rows or (rows[0]["deleted_at"] and not include_deleted):
            raise NotFound(f"Không tìm thấy hộ {household_id}")
        row = rows[0]
        return Household(
            **{name: row[name] for name in _HOUSEHOLD_FIELDS},
            id=row["id"],
            deleted=row["deleted_at"] is not None,
        )

    def add(self, household: Household, year: int | None = None) -> Household:
        """Save a new household; with ``year`` it also gets an (empty) status row that year."""
        from storage.store import new_id

        household = validate_household(dataclasses.replace(household, id=household.id or new_id()))
        group = self.store.units.get(household.group_id)
        if group.level != "group":
            raise ValidationError("Hộ phải thuộc một tổ dân phố hoặc bản.", "group_id")
        with self.store.action(f"Thêm hộ {household.head_name}") as action:
            row = household_row(household)
            self._insert("households", row, group.parent_id, action)
            if year is not None:
                self._write_year(HouseholdYear(household.id, year, household.group_id), action)
        return household

    def update(self, household: Household) -> Household:
        """Save changes to an existing household; the audit entry lists old and new values."""
        household = validate_household(household)
        old = self.get(household.id)
        changes = {
            name: [getattr(old, name), getattr(household, name)]
            for name in _HOUSEHOLD_FIELDS
            if getattr(old, name) != getattr(household, name)
        }
        if not changes:
            return household
        group = self.store.units.get(household.group_id)
        with self.store.action(f"Sửa hộ {household.head_name}") as action:
            row = household_row(household)
            self.store.db["households"].update(
                household.id, {**row, "owner_unit_id": group.parent_id, **action.stamp}
            )
            action.audit("households", household.id, "update", changes)
        return household

    def delete(self, household_id: str) -> None:
        """Delete a household softly (a tombstone that travels); ``restore`` undoes it."""
        household = self.get(household_id)
        with self.store.action(f"Xóa hộ {household.head_name}") as action:
            self.store.db["households"].update(
                household_id, {"deleted_at": action.now, **action.stamp}
            )
            action.audit("households", household_id, "delete", {"head_name": household.head_name})

    def restore(self, household_id: str) -> Household:
        """Bring a deleted household back."""
        household = self.get(household_id, include_deleted=True)
        with self.store.action(f"Khôi phục hộ {household.head_name}") as action:
            self.store.db["households"].update(household_id, {"deleted_at": None, **action.stamp})
            action.audit("households", household_id, "restore", {})
        return dataclasses.replace(household, deleted=False)

    def year_status(self, household_id: str, year: int) -> HouseholdYear | None:
        """The household's statuses in ``year``, or None when none were recorded."""
        rows = self.store.query(
            "SELECT * FROM household_years WHERE household_id = ? AND year = ?"
            " AND deleted_at IS NULL",
            [household_id, year],
        )
        if not rows:
            return None
        row = rows[0]
        return HouseholdYear(
            household_id=row["household_id"],
            year=row["year"],
            group_id=row["group_id"],
            **{flag: bool(row[flag]) for flag in HOUSEHOLD_FLAGS},
            poverty=row["poverty"],
            extra=json.loads(row["extra"]),
        )

    def set_year_status(self, status: HouseholdYear) -> None:
        """Record a household's statuses for a year (replacing what was there)."""
        household = self.get(status.household_id)
        if status.poverty not in ("", "poor", "near_poor"):
            raise ValidationError("Tình trạng nghèo không hợp lệ.", "poverty")
        with self.store.action(
            f"Cập nhật tình trạng năm {status.year} hộ {household.head_name}"
        ) as action:
            self._write_year(status, action)

    def count(self, year: int, unit_id: str | None = None) -> int:
        """How many households have a status row in ``year`` (under a unit, or everywhere)."""
        sql = (
            "SELECT COUNT(*) FROM household_years hy JOIN households h ON h.id = hy.household_id"
            " WHERE hy.year = ? AND hy.deleted_at IS NULL AND h.deleted_at IS NULL"
        )
        params: list[Any] = [year]
        if unit_id is not None:
            group_ids = [group.id for group in self.store.units.groups_of(unit_id, year)]
            sql += f" AND hy.group_id IN ({','.join('?' * len(group_ids))})"
            params += group_ids
        return self.store.db.execute(sql, params).fetchone()[0]

    # -- writing helpers -------------------------------------------------------------------

    def _insert(self, table: str, row: dict[str, Any], owner: str | None, action: Action) -> None:
        self.store.db[table].insert({**row, "owner_unit_id": owner, **action.stamp})
        action.audit(table, row["id"], "insert", row)

    def _write_year(self, status: HouseholdYear, action: Action) -> None:
        group = self.store.units.get(status.group_id)
        row = year_row(status)
        self.store.db["household_years"].upsert(
            {**row, "owner_unit_id": group.parent_id, "deleted_at": None, **action.stamp},
            pk=("household_id", "year"),
        )
        action.audit("household_years", f"{status.household_id}/{status.year}", "update", row)
