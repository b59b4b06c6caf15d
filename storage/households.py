"""Households, their members and their yearly statuses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from storage.errors import NotFound, ValidationError
from storage.model import HOUSEHOLD_FLAGS, Household, HouseholdYear, Member
from storage.sql import LIVE_STATUS_ROWS
from storage.text import fold, nfc, person_sort_key
from storage.units import unit_sort_key

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


# The fields of a member the audit trail follows.
_MEMBER_FIELDS = ("full_name", "relation", "gender", "birth_year", "ethnicity_code")

# Rows per IN (...) list: well under SQLite's limit on bound parameters.
_BATCH = 500


def _fields(household: Household) -> dict[str, Any]:
    return {name: getattr(household, name) for name in _HOUSEHOLD_FIELDS}


def _status_from_row(row: Any) -> HouseholdYear:
    return HouseholdYear(
        household_id=row["household_id"],
        year=row["year"],
        group_id=row["group_id"],
        **{flag: bool(row[flag]) for flag in HOUSEHOLD_FLAGS},
        poverty=row["poverty"],
        extra=json.loads(row["extra"]),
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


def search_key(household: Household, member_names: Sequence[str] = ()) -> str:
    """The folded text a search matches: head name, members, address and phone."""
    digits = "".join(ch for ch in household.phone if ch.isdigit())
    parts = [household.head_name, *member_names, household.address, digits]
    return " | ".join(fold(part) for part in parts if part)


def household_row(household: Household, member_names: Sequence[str] = ()) -> dict[str, Any]:
    """The households table row of a (validated) household, without the sync columns."""
    return {
        "id": household.id,
        **{name: getattr(household, name) for name in _HOUSEHOLD_FIELDS},
        "head_name_key": fold(household.head_name),
        "head_sort_key": person_sort_key(household.head_name),
        "search_key": search_key(household, member_names),
        "address_sort_key": address_sort_key(household.address),
    }


def address_sort_key(address: str) -> str:
    """Vietnamese order of addresses with house numbers by value ("Số 9" before "Số 10")."""
    return unit_sort_key(address)


def validate_member(member: Member, this_year: int | None = None) -> Member:
    """Return a normalised copy of ``member`` or raise ValidationError."""
    this_year = this_year or dt.date.today().year
    cleaned = dataclasses.replace(member, full_name=nfc(member.full_name),
                                  relation=nfc(member.relation))
    if not cleaned.full_name:
        raise ValidationError("Chưa nhập họ tên thành viên.", "members")
    if cleaned.birth_year is not None and not this_year - 120 <= cleaned.birth_year <= this_year:
        raise ValidationError(
            f"Năm sinh {cleaned.birth_year} của {cleaned.full_name} không hợp lý.", "members"
        )
    return cleaned


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

    # -- reading ---------------------------------------------------------------------------

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

    def members(self, household_id: str) -> list[Member]:
        """The household's members in their order."""
        rows = self.store.query(
            "SELECT * FROM household_members WHERE household_id = ? AND deleted_at IS NULL"
            " ORDER BY position",
            [household_id],
        )
        return [
            Member(row["full_name"], row["relation"], row["gender"], row["birth_year"],
                   row["ethnicity_code"], row["id"])
            for row in rows
        ]

    def year_status(self, household_id: str, year: int) -> HouseholdYear | None:
        """The household's statuses in ``year``, or None when none were recorded."""
        rows = self.store.query(
            "SELECT * FROM household_years WHERE household_id = ? AND year = ?"
            " AND deleted_at IS NULL",
            [household_id, year],
        )
        return _status_from_row(rows[0]) if rows else None

    def count(self, year: int, unit_id: str | None = None) -> int:
        """How many households have a status row in ``year`` (under a unit, or everywhere)."""
        sql = (
            "SELECT COUNT(*) FROM household_years hy"
            " WHERE hy.year = ? AND hy.deleted_at IS NULL"
            f" AND {LIVE_STATUS_ROWS}"
        )
        params: list[Any] = [year]
        if unit_id is not None:
            group_ids = [group.id for group in self.store.units.groups_of(unit_id, year)]
            sql += f" AND hy.group_id IN ({','.join('?' * len(group_ids))})"
            params += group_ids
        return self.store.db.execute(sql, params).fetchone()[0]

    def similar(self, household: Household, threshold: float = 0.88) -> list[Household]:
        """Households of the same group whose head name is very like this one's (a warning)."""
        wanted = fold(household.head_name)
        rows = self.store.query(
            "SELECT id, head_name_key FROM households WHERE group_id = ? AND id <> ?"
            " AND deleted_at IS NULL",
            [household.group_id, household.id],
        )
        # Same family name, and the rest nearly the same ("Nguyen Van An" / "Nguyễn Văn Ân"):
        # a different family name is a different family, however alike the letters
        # ("Lò Thị Nga" / "Đỗ Thị Nga").
        family = wanted.split(" ")[0]
        return [
            self.get(row["id"])
            for row in rows
            if row["head_name_key"].split(" ")[0] == family
            and difflib.SequenceMatcher(None, wanted, row["head_name_key"]).ratio() >= threshold
        ]

    # -- writing ---------------------------------------------------------------------------

    def add(
        self,
        household: Household,
        year: int | None = None,
        members: Sequence[Member] = (),
        status: HouseholdYear | None = None,
    ) -> Household:
        """Save a new household (with its members, and its statuses of ``year``)."""
        from storage.store import new_id

        household = validate_household(dataclasses.replace(household, id=household.id or new_id()))
        members = [validate_member(member) for member in members]
        group = self._group(household.group_id)
        with self.store.action(f"Thêm hộ {household.head_name}") as action:
            row = household_row(household, [m.full_name for m in members])
            self.store.db.table("households").insert(
                {**row, "owner_unit_id": group.parent_id, **action.stamp}
            )
            action.audit("households", household.id, "insert", row)
            self._write_members(household, members, group.parent_id, action)
            if status is not None or year is not None:
                status = status or HouseholdYear(household.id, year or 0, household.group_id)
                status = dataclasses.replace(status, household_id=household.id,
                                             group_id=household.group_id)
                self._write_year(status, action)
        return household

    def update(
        self,
        household: Household,
        members: Sequence[Member] | None = None,
        status: HouseholdYear | None = None,
    ) -> Household:
        """Save changes to a household (members and a year's statuses too, when given).

        The audit entry lists old and new values of the fields that changed.
        """
        household = validate_household(household)
        old = self.get(household.id)
        old_members = self.members(household.id)
        members = old_members if members is None else [validate_member(m) for m in members]
        changes = {
            name: [getattr(old, name), getattr(household, name)]
            for name in _HOUSEHOLD_FIELDS
            if getattr(old, name) != getattr(household, name)
        }
        members_changed = [dataclasses.replace(m, id="") for m in members] != [
            dataclasses.replace(m, id="") for m in old_members
        ]
        status_changed = status is not None and status != self.year_status(
            household.id, status.year
        )
        if not changes and not members_changed and not status_changed:
            return household
        group = self._group(household.group_id)
        with self.store.action(f"Sửa hộ {household.head_name}") as action:
            if changes or members_changed:
                row = household_row(household, [m.full_name for m in members])
                self._update_row(
                    household.id, {**row, "owner_unit_id": group.parent_id, **action.stamp}
                )
                # The members' changes get entries of their own (household_members).
                action.audit_update("households", household.id, _fields(old), _fields(household))
            if members_changed:
                self._write_members(household, members, group.parent_id, action)
            if status is not None and status_changed:
                self._write_year(status, action)
        return household

    def delete(self, household_id: str) -> None:
        """Delete a household softly (a tombstone that travels); ``restore`` undoes it."""
        household = self.get(household_id)
        with self.store.action(f"Xóa hộ {household.head_name}") as action:
            self._update_row(
                household_id, {"deleted_at": action.now, **action.stamp}
            )
            action.audit_update("households", household_id, {"deleted_at": None},
                                {"deleted_at": action.now}, "delete")

    def restore(self, household_id: str) -> Household:
        """Bring a deleted household back."""
        household = self.get(household_id, include_deleted=True)
        deleted_at = self.store.db.execute("SELECT deleted_at FROM households WHERE id = ?",
                                           [household_id]).fetchone()[0]
        with self.store.action(f"Khôi phục hộ {household.head_name}") as action:
            self._update_row(household_id, {"deleted_at": None, **action.stamp})
            action.audit_update("households", household_id, {"deleted_at": deleted_at},
                                {"deleted_at": None}, "restore")
        return dataclasses.replace(household, deleted=False)

    def move(self, household_id: str, group_id: str, year: int | None = None) -> str:
        """Move a household to another group (and its row of ``year``); returns the old group."""
        household = self.get(household_id)
        old_group = household.group_id
        if group_id == old_group:
            return old_group
        group = self._group(group_id)
        with self.store.action(
            f"Chuyển hộ {household.head_name} sang {group.name}"
        ) as action:
            self._update_row(
                household_id, {"group_id": group_id, "owner_unit_id": group.parent_id,
                               **action.stamp}
            )
            action.audit_update("households", household_id, {"group_id": old_group},
                                {"group_id": group_id})
            if year is not None:
                status = self.year_status(household_id, year)
                if status is not None:
                    self._write_year(dataclasses.replace(status, group_id=group_id), action)
        return old_group

    def set_year_status(self, status: HouseholdYear) -> None:
        """Record a household's statuses for a year (replacing what was there)."""
        household = self.get(status.household_id)
        with self.store.action(
            f"Cập nhật tình trạng năm {status.year} hộ {household.head_name}"
        ) as action:
            self._write_year(status, action)

    def set_status_many(
        self, household_ids: Sequence[str], year: int, name: str, value: bool | str
    ) -> dict[str, HouseholdYear | None]:
        """Set one status of ``year`` on many households in one action.

        ``name`` is a flag of HOUSEHOLD_FLAGS (value bool) or "poverty" (value '', 'poor',
        'near_poor'). Households without a row that year get one. Returns each household's
        statuses as they were before (None: it had no row), for undo. Reads and writes in
        batches: a whole city's households take about a second, not one query each.
        """
        if name not in HOUSEHOLD_FLAGS and name != "poverty":
            raise ValidationError(f"Không có tình trạng '{name}'.", "name")
        if name == "poverty" and value not in ("", "poor", "near_poor"):
            raise ValidationError("Tình trạng nghèo không hợp lệ.", "poverty")
        label = HOUSEHOLD_FLAGS.get(name, "Hộ nghèo/cận nghèo")
        groups = self._live_groups(household_ids)
        before = self._year_statuses(household_ids, year)
        # The field is chosen at run time (checked above), so its value is typed by the caller.
        change: dict[str, Any] = {name: value}
        with self.store.action(f"Đặt '{label}' năm {year} cho {len(household_ids)} hộ") as action:
            self._write_years(
                [dataclasses.replace(before.get(household_id)
                                     or HouseholdYear(household_id, year, groups[household_id]),
                                     **change)
                 for household_id in household_ids],
                action,
                {(household_id, year): status for household_id, status in before.items()},
            )
        return {household_id: before.get(household_id) for household_id in household_ids}

    def restore_statuses(self, year: int, previous: dict[str, HouseholdYear | None]) -> None:
        """Put back statuses saved by ``set_status_many`` (its undo), in one action."""
        with self.store.action(f"Hoàn tác tình trạng năm {year}") as action:
            removed = [household_id for household_id, status in previous.items()
                       if status is None]
            action.tombstone_many("household_years", "household_id = ? AND year = ?",
                                  [[household_id, year] for household_id in removed])
            action.audit_many(
                "household_years",
                [(f"{household_id}/{year}", "delete", {}) for household_id in removed],
            )
            self._write_years([s for s in previous.values() if s is not None], action)

    def copy_statuses_from(self, household_id: str, year: int) -> HouseholdYear | None:
        """The statuses of the latest earlier year, re-dated to ``year`` (not saved)."""
        rows = self.store.query(
            "SELECT year FROM household_years WHERE household_id = ? AND year < ?"
            " AND deleted_at IS NULL ORDER BY year DESC LIMIT 1",
            [household_id, year],
        )
        if not rows:
            return None
        previous = self.year_status(household_id, rows[0]["year"])
        assert previous is not None
        return dataclasses.replace(previous, year=year)

    # -- writing helpers -------------------------------------------------------------------

    def _update_row(self, household_id: str, values: dict[str, Any]) -> None:
        # households is keyed by the integer num; records are addressed by their UUID id.
        columns = ", ".join(f"{name} = ?" for name in values if name != "id")
        params = [value for name, value in values.items() if name != "id"]
        self.store.db.execute(f"UPDATE households SET {columns} WHERE id = ?",
                              [*params, household_id])

    def _group(self, group_id: str) -> Any:
        group = self.store.units.get(group_id)
        if group.level != "group":
            raise ValidationError("Hộ phải thuộc một tổ dân phố hoặc bản.", "group_id")
        return group

    def _write_members(
        self, household: Household, members: Sequence[Member], owner: str | None, action: Action
    ) -> None:
        from storage.store import new_id

        before = {row["id"]: {name: row[name] for name in _MEMBER_FIELDS}
                  for row in self.store.query(
                      "SELECT * FROM household_members WHERE household_id = ?"
                      " AND deleted_at IS NULL", [household.id])}
        action.tombstone("household_members", "household_id = ?", [household.id])
        kept: set[str] = set()
        for position, member in enumerate(members, start=1):
            member_id = member.id or new_id()
            row = {
                "id": member_id, "household_id": household.id,
                "full_name": member.full_name, "relation": member.relation,
                "gender": member.gender, "birth_year": member.birth_year,
                "ethnicity_code": member.ethnicity_code, "name_key": fold(member.full_name),
                "position": position,
            }
            self.store.upsert(
                "household_members",
                {**row, "owner_unit_id": owner, "deleted_at": None, **action.stamp}, ("id",)
            )
            kept.add(member_id)
            # One entry per member, under the member's own id: who changed whose birth year.
            action.audit_update("household_members", member_id, before.get(member_id),
                                {name: row[name] for name in _MEMBER_FIELDS})
        for member_id, old in before.items():
            if member_id not in kept:
                action.audit_update("household_members", member_id,
                                    {**old, "deleted_at": None},
                                    {**old, "deleted_at": action.now}, "delete")

    def _live_groups(self, household_ids: Sequence[str]) -> dict[str, str]:
        """Each (not deleted) household's group; NotFound names the first missing one."""
        groups: dict[str, str] = {}
        for start in range(0, len(household_ids), _BATCH):
            chunk = list(household_ids[start:start + _BATCH])
            groups.update(self.store.db.execute(
                f"SELECT id, group_id FROM households WHERE deleted_at IS NULL"
                f" AND id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        missing = [household_id for household_id in household_ids if household_id not in groups]
        if missing:
            raise NotFound(f"Không tìm thấy hộ {missing[0]}")
        return groups

    def _year_statuses(self, household_ids: Sequence[str],
                       year: int) -> dict[str, HouseholdYear]:
        """The statuses of ``year`` of many households (those that have a row)."""
        result: dict[str, HouseholdYear] = {}
        for start in range(0, len(household_ids), _BATCH):
            chunk = list(household_ids[start:start + _BATCH])
            for row in self.store.query(
                f"SELECT * FROM household_years WHERE year = ? AND deleted_at IS NULL"
                f" AND household_id IN ({','.join('?' * len(chunk))})", [year, *chunk]
            ):
                result[row["household_id"]] = _status_from_row(row)
        return result

    def _write_years(self, statuses: Sequence[HouseholdYear], action: Action,
                     before: dict[tuple[str, int], HouseholdYear] | None = None) -> None:
        """Write many yearly rows with one statement each for the rows and first years.

        ``before``: the rows as they are, by (household, year), when the caller has read them
        already; the audit entries record what changed against them.
        """
        if not statuses:
            return
        owners = dict(self.store.db.execute(
            "SELECT id, parent_id FROM units WHERE kind IN ('tdp', 'ban')").fetchall())
        from storage.store import changed_fields

        if before is None:
            before = {}
            for year in {status.year for status in statuses}:
                ids = [status.household_id for status in statuses if status.year == year]
                before.update(((household_id, year), old)
                              for household_id, old in self._year_statuses(ids, year).items())
        rows = []
        audits: list[tuple[str, str, dict[str, Any]]] = []
        for status in statuses:
            if status.poverty not in ("", "poor", "near_poor"):
                raise ValidationError("Tình trạng nghèo không hợp lệ.", "poverty")
            row = year_row(status)
            rows.append({**row, "owner_unit_id": owners.get(status.group_id), "deleted_at": None,
                         **action.stamp})
            old = before.get((status.household_id, status.year))
            record_id = f"{status.household_id}/{status.year}"
            if old is None:
                audits.append((record_id, "insert", row))
            elif changes := changed_fields(year_row(old), row):
                audits.append((record_id, "update", changes))
        action.audit_many("household_years", audits)
        columns = list(rows[0])
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns
                            if c not in ("household_id", "year"))
        self.store.db.conn.executemany(
            f"INSERT INTO household_years ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})"
            f" ON CONFLICT(household_id, year) DO UPDATE SET {updates}",
            [[row[c] for c in columns] for row in rows],
        )

    def _write_year(self, status: HouseholdYear, action: Action) -> None:
        if status.poverty not in ("", "poor", "near_poor"):
            raise ValidationError("Tình trạng nghèo không hợp lệ.", "poverty")
        group = self.store.units.get(status.group_id)
        row = year_row(status)
        old = self.year_status(status.household_id, status.year)
        self.store.upsert(
            "household_years",
            {**row, "owner_unit_id": group.parent_id, "deleted_at": None, **action.stamp},
            ("household_id", "year"),
        )
        action.audit_update("household_years", f"{status.household_id}/{status.year}",
                            year_row(old) if old is not None else None, row)
