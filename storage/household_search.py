"""Listing households: the filtering, sorting and paging the household table needs, in SQL.

A household is listed in year Y when it is not deleted and either has a status row for Y, or has
no status row in Y or any later year (it exists and its statuses for Y are not entered yet). Its
group in Y is the group of that year's row, else its current group, so a split group's
households are listed under the old group before the split.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from storage.model import HOUSEHOLD_FLAGS
from storage.text import fold

if TYPE_CHECKING:
    from storage.store import Store

# Status filters of a year: key -> (Vietnamese label, SQL condition on the year's row ``hy``).
STATUS_FILTERS: dict[str, tuple[str, str]] = {
    "poor": ("Hộ nghèo", "hy.poverty = 'poor'"),
    "near_poor": ("Hộ cận nghèo", "hy.poverty = 'near_poor'"),
    "not_cultural": ("Chưa đạt gia đình văn hóa", "COALESCE(hy.cultural_family, 0) = 0"),
    "no_antt": ("Chưa ký cam kết ANTT", "COALESCE(hy.antt_commitment, 0) = 0"),
    "no_urban_rules": ("Chưa ký cam kết quy tắc đô thị",
                       "COALESCE(hy.urban_rules_commitment, 0) = 0"),
    "no_waste_container": ("Chưa có thiết bị lưu chứa rác",
                           "COALESCE(hy.waste_container, 0) = 0"),
    "third_child": ("Sinh con thứ ba", "hy.third_child = 1"),
    "no_status": ("Chưa nhập tình trạng năm", "hy.household_id IS NULL"),
}

# Sortable columns: key -> SQL expression. Head names sort by their precomputed Vietnamese key
# (given name first); other text columns use the "vi" collation the store registers.
SORT_COLUMNS: dict[str, str] = {
    "head_name": "h.head_sort_key",
    "group": "u.sort_key",
    "address": "h.address COLLATE vi",
    "member_count": "h.member_count",
    "head_birth_year": "h.head_birth_year",
    "ethnicity": "h.ethnicity_code",
    "phone": "h.phone",
}


@dataclass(frozen=True)
class HouseholdQuery:
    """What the household table shows: a year, a unit, a search text, filters, an order."""

    year: int
    unit_id: str | None = None  # a group, a ward, the city; None: everywhere
    text: str = ""
    exact: bool = False  # True: match the text as typed (accents count), not folded
    filters: tuple[str, ...] = ()
    order_by: str = "head_name"
    descending: bool = False

    def with_changes(self, **changes: Any) -> HouseholdQuery:
        """A copy with some fields changed."""
        return replace(self, **changes)


@dataclass(frozen=True)
class HouseholdRow:
    """One line of the household table: the household and its statuses in the query's year."""

    id: str
    group_id: str
    group_name: str
    head_name: str
    head_gender: str | None
    head_birth_year: int | None
    ethnicity_code: str | None
    address: str
    phone: str
    member_count: int
    has_status: bool
    poverty: str
    flags: dict[str, bool] = field(default_factory=dict)


def _where(store: Store, query: HouseholdQuery) -> tuple[str, list[Any]]:
    conditions = [
        "h.deleted_at IS NULL",
        "(hy.household_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM household_years later"
        " WHERE later.household_id = h.id AND later.year >= ? AND later.deleted_at IS NULL))",
    ]
    params: list[Any] = [query.year]
    if query.unit_id is not None:
        group_ids = [group.id for group in store.units.groups_of(query.unit_id, query.year)]
        conditions.append(
            f"COALESCE(hy.group_id, h.group_id) IN ({','.join('?' * len(group_ids))})"
        )
        params += group_ids
    text = query.text.strip()
    if text:
        if query.exact:
            conditions.append("(instr(h.head_name, ?) > 0 OR instr(h.address, ?) > 0"
                              " OR instr(h.phone, ?) > 0)")
            params += [text, text, text]
        else:
            folded = fold(text)
            digits = "".join(ch for ch in folded if ch.isdigit())
            # A phone typed with spaces or dots still matches the stored digits.
            if digits and len(digits) >= 4 and len(digits) == len(folded.replace(" ", "")
                                                                   .replace(".", "")):
                folded = digits
            conditions.append("instr(h.search_key, ?) > 0")
            params.append(folded)
    for key in query.filters:
        conditions.append(STATUS_FILTERS[key][1])
    return " AND ".join(conditions), params


_FROM = (
    " FROM households h"
    " LEFT JOIN household_years hy ON hy.household_id = h.id AND hy.year = ?"
    " AND hy.deleted_at IS NULL"
)


def count_households(store: Store, query: HouseholdQuery) -> int:
    """How many households the query lists."""
    where, params = _where(store, query)
    return store.db.execute(f"SELECT COUNT(*){_FROM} WHERE {where}",
                            [query.year, *params]).fetchone()[0]


def list_households(
    store: Store, query: HouseholdQuery, offset: int = 0, limit: int = 200
) -> list[HouseholdRow]:
    """One page of the households the query lists, in the query's order."""
    where, params = _where(store, query)
    direction = "DESC" if query.descending else "ASC"
    order = SORT_COLUMNS.get(query.order_by, SORT_COLUMNS["head_name"])
    flags = ", ".join(f"hy.{flag}" for flag in HOUSEHOLD_FLAGS)
    sql = (
        "SELECT h.id, COALESCE(hy.group_id, h.group_id) AS group_id, u.name AS group_name,"
        " h.head_name, h.head_gender, h.head_birth_year, h.ethnicity_code, h.address, h.phone,"
        f" h.member_count, hy.household_id IS NOT NULL AS has_status, hy.poverty, {flags}"
        f"{_FROM} JOIN units u ON u.id = COALESCE(hy.group_id, h.group_id)"
        f" WHERE {where} ORDER BY {order} {direction}, h.head_sort_key {direction}, h.id"
        " LIMIT ? OFFSET ?"
    )
    rows = store.query(sql, [query.year, *params, limit, offset])
    return [
        HouseholdRow(
            id=row["id"],
            group_id=row["group_id"],
            group_name=row["group_name"],
            head_name=row["head_name"],
            head_gender=row["head_gender"],
            head_birth_year=row["head_birth_year"],
            ethnicity_code=row["ethnicity_code"],
            address=row["address"],
            phone=row["phone"],
            member_count=row["member_count"],
            has_status=bool(row["has_status"]),
            poverty=row["poverty"] or "",
            flags={flag: bool(row[flag]) for flag in HOUSEHOLD_FLAGS},
        )
        for row in rows
    ]
