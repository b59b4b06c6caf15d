"""Listing households: the filtering, sorting and paging the household table needs, in SQL.

A household is listed in year Y when it is not deleted and its first status row is not after Y
(a household with no status row yet is listed in every year). Its group in Y is the group of
that year's row, else its current group, so a split group's households are listed under the old
group before the split.
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

# Sortable columns: key -> SQL expression. Text columns sort by precomputed Vietnamese keys
# (head names by given name first).
SORT_COLUMNS: dict[str, str] = {
    "head_name": "h.head_sort_key",
    "group": "u.sort_key",
    "address": "h.address_sort_key",
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


def latest_status_year(store: Store) -> int | None:
    """The latest year any household has a status row for."""
    return store.db.execute("SELECT MAX(year) FROM household_years").fetchone()[0]


def _needs_year_join(store: Store, query: HouseholdQuery) -> bool:
    # Without status filters, a listing of the latest year (or later) needs nothing from the
    # year rows to choose and order households: each household's current group is its group
    # in that year. Skipping the join keeps a search over 100.000 households fast.
    if query.filters:
        return True
    latest = latest_status_year(store)
    return latest is not None and query.year < latest


def _text_condition(query: HouseholdQuery) -> tuple[str, list[Any]]:
    text = query.text.strip()
    if not text:
        return "", []
    if query.exact:
        return (
            "(instr(h.head_name, ?) > 0 OR instr(h.address, ?) > 0 OR instr(h.phone, ?) > 0)",
            [text, text, text],
        )
    folded = fold(text)
    compact = folded.replace(" ", "").replace(".", "").replace("-", "")
    if len(compact) >= 4 and compact.isdigit():
        folded = compact  # a phone typed with spaces or dots matches the stored digits
    if len(folded) < 3:
        # The trigram index needs three characters; one or two are matched by a scan.
        return "instr(h.search_key, ?) > 0", [folded]
    phrase = '"' + folded.replace('"', '""') + '"'
    return "households_fts MATCH ?", [phrase]


def _where(store: Store, query: HouseholdQuery, joined: bool,
           ordered: bool = False) -> tuple[str, list[Any]]:
    # "+h.deleted_at" keeps the planner from choosing the index on deleted_at (nearly every row
    # matches) over the index that gives the order or finds a ward's groups; a city-wide count
    # is best served by that covering index.
    scoped = query.unit_id is not None and store.units.get(query.unit_id).level != "city"
    deleted = "+h.deleted_at IS NULL" if ordered or scoped else "h.deleted_at IS NULL"
    conditions = [deleted, "(h.first_year IS NULL OR h.first_year <= ?)"]
    params: list[Any] = [query.year]
    if scoped:
        assert query.unit_id is not None  # scoped means a unit was chosen
        group_ids = [group.id for group in store.units.groups_of(query.unit_id, query.year)]
        column = "COALESCE(hy.group_id, h.group_id)" if joined else "h.group_id"
        conditions.append(f"{column} IN ({','.join('?' * len(group_ids))})")
        params += group_ids
    text_sql, text_params = _text_condition(query)
    if text_sql:
        conditions.append(text_sql)
        params += text_params
    for key in query.filters:
        conditions.append(STATUS_FILTERS[key][1])
    return " AND ".join(conditions), params


def _from(store: Store, query: HouseholdQuery, joined: bool) -> tuple[str, list[Any]]:
    """The FROM clause: households, the search index when searching, the year's rows."""
    sql = " FROM households h"
    if _text_condition(query)[0].startswith("households_fts"):
        # Driven by the trigram index, a search touches only the matching households.
        sql += " JOIN households_fts ON households_fts.rowid = h.num"
    if joined:
        return sql + _JOIN_YEAR, [query.year]
    return sql, []


_JOIN_YEAR = (
    " LEFT JOIN household_years hy ON hy.household_id = h.id AND hy.year = ?"
    " AND hy.deleted_at IS NULL"
)


def count_households(store: Store, query: HouseholdQuery) -> int:
    """How many households the query lists."""
    joined = _needs_year_join(store, query)
    where, params = _where(store, query, joined)
    source, source_params = _from(store, query, joined)
    return store.db.execute(
        f"SELECT COUNT(*){source} WHERE {where}", [*source_params, *params]
    ).fetchone()[0]


def list_households(
    store: Store, query: HouseholdQuery, offset: int = 0, limit: int = 200
) -> list[HouseholdRow]:
    """One page of the households the query lists, in the query's order."""
    joined = _needs_year_join(store, query)
    where, params = _where(store, query, joined, ordered=True)
    source, source_params = _from(store, query, joined)
    group_column = "COALESCE(hy.group_id, h.group_id)" if joined else "h.group_id"
    direction = "DESC" if query.descending else "ASC"
    order = SORT_COLUMNS.get(query.order_by, SORT_COLUMNS["head_name"])
    unit_join = " JOIN units u ON u.id = " + group_column if query.order_by == "group" else ""
    # Within a ward or a group, finding its households by the group index and sorting those
    # few beats walking the city-wide name index; "+" keeps the planner off the name index.
    scoped = "+" if query.unit_id and store.units.get(query.unit_id).level != "city" else ""
    # h.num last makes the order total (stable pages) and lets the name index serve it.
    tie_break = f", h.num {direction}" if query.order_by == "head_name" else (
        f", h.head_sort_key {direction}, h.num {direction}")
    rows = store.query(
        f"SELECT h.id, {group_column} AS group_id, h.head_name, h.head_gender,"
        " h.head_birth_year, h.ethnicity_code, h.address, h.phone, h.member_count"
        f"{source}{unit_join} WHERE {where}"
        f" ORDER BY {scoped}{order} {direction}{tie_break} LIMIT ? OFFSET ?",
        [*source_params, *params, limit, offset],
    )
    # The page's statuses and group names: a few hundred lookups by key.
    ids = [row["id"] for row in rows]
    statuses = {
        status["household_id"]: status
        for status in store.query(
            f"SELECT * FROM household_years WHERE year = ? AND deleted_at IS NULL"
            f" AND household_id IN ({','.join('?' * len(ids))})",
            [query.year, *ids],
        )
    } if ids else {}
    group_ids = sorted({row["group_id"] for row in rows})
    group_names = dict(store.db.execute(
        f"SELECT id, name FROM units WHERE id IN ({','.join('?' * len(group_ids))})", group_ids
    ).fetchall()) if group_ids else {}
    result = []
    for row in rows:
        status = statuses.get(row["id"])
        result.append(HouseholdRow(
            id=row["id"],
            group_id=row["group_id"],
            group_name=group_names.get(row["group_id"], ""),
            head_name=row["head_name"],
            head_gender=row["head_gender"],
            head_birth_year=row["head_birth_year"],
            ethnicity_code=row["ethnicity_code"],
            address=row["address"],
            phone=row["phone"],
            member_count=row["member_count"],
            has_status=status is not None,
            poverty=status["poverty"] if status else "",
            flags={flag: bool(status[flag]) if status else False for flag in HOUSEHOLD_FLAGS},
        ))
    return result
