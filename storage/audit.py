"""Reading the audit trail: who changed what, when, and from which value to which.

Entries come from two tables: ``audit_log`` (this machine's own, hash-chained) and
``audit_received`` (entries made on other machines, as their sync packages brought them). The
queries filter in SQL and page newest first, so a trail of hundreds of thousands of entries
stays quick to browse. ``describe`` turns an entry's changes into Vietnamese lines such as
"Năm sinh: 1980 → 1981".
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.accounts import ROLE_LABELS, TABLE_LABELS
from storage.errors import StoreError
from storage.ethnicity import ethnic_name
from storage.groups import COUNT_FIELDS, FLAG_FIELDS, TEXT_FIELDS
from storage.model import HOUSEHOLD_FLAGS, PARTY_CELL_RATINGS, POVERTY_LABELS
from storage.text import fold

if TYPE_CHECKING:
    from storage.store import Store

OPERATION_LABELS = {"insert": "Thêm", "update": "Sửa", "delete": "Xóa", "restore": "Khôi phục"}
# The columns of an entry in both tables, in this order.
_COLUMNS = ("id", "at", "site_id", "actor", "action", "change_seq", "table_name", "record_id",
            "operation", "changes")
FIELD_LABELS: dict[str, str] = {
    "group_id": "Tổ dân phố/bản",
    "head_name": "Họ tên chủ hộ",
    "head_gender": "Giới tính",
    "head_birth_year": "Năm sinh",
    "ethnicity_code": "Dân tộc",
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "member_count": "Số nhân khẩu",
    "note": "Ghi chú",
    "deleted_at": "Xóa lúc",
    "members": "Thành viên",
    "full_name": "Họ tên",
    "relation": "Quan hệ với chủ hộ",
    "gender": "Giới tính",
    "birth_year": "Năm sinh",
    "year": "Năm",
    "poverty": "Nghèo/cận nghèo",
    "extra": "Chỉ số khác",
    **HOUSEHOLD_FLAGS,
    "party_cell_rating": "Xếp loại chi bộ",
    **FLAG_FIELDS,
    **COUNT_FIELDS,
    **TEXT_FIELDS,
    "officers": "Cán bộ tổ",
    "username": "Tên đăng nhập",
    "role": "Vai trò",
    "unit_id": "Đơn vị",
    "disabled_at": "Khóa lúc",
    "password_changed_at": "Đổi mật khẩu lúc",
    "name": "Tên",
    "kind": "Loại",
    "stage": "Bước",
    "passed": "Đạt",
    "proposed": "Đề nghị công nhận",
    "number": "Số",
    "signed_on": "Ngày ký",
    "registered_on": "Ngày đăng ký",
}
# Columns kept for searching and sorting only: nothing a person would read.
_HIDDEN = {"id", "household_id", "head_name_key", "head_sort_key", "search_key",
           "address_sort_key", "name_key", "sort_key", "username_key", "position", "year"}
_BOOLEAN = {*HOUSEHOLD_FLAGS, *FLAG_FIELDS, "passed", "proposed", "is_synthetic"}
_GENDERS = {"nam": "Nam", "nu": "Nữ"}
_EMPTY = "(trống)"
# Entries folded per statement when the search index catches up.
_INDEX_BATCH = 5000
# The two tables of entries and the column that orders each (audit_search.source indexes it).
_SOURCES = (("audit_log", "seq"), ("audit_received", "rowid"))


@dataclass(frozen=True)
class AuditFilter:
    """What the audit view shows; every field narrows the list (None / empty: no limit).

    ``since`` and ``until`` are UTC times as the entries store them (ISO 8601 with a Z);
    ``until`` is exclusive. ``text`` matches the action, the person and the changes without
    regard to accents or case.
    """

    user: str | None = None
    record_ids: tuple[str, ...] = ()
    table: str | None = None
    since: str | None = None
    until: str | None = None
    text: str = ""
    include_received: bool = True


@dataclass(frozen=True)
class AuditEntry:
    """One change of one record."""

    id: str
    at: str
    site_id: str
    actor: str
    action: str
    change_seq: int
    table_name: str
    record_id: str
    operation: str
    changes: dict[str, Any]
    received_at: str | None = None

    @property
    def received(self) -> bool:
        """Whether the entry was made on another machine (it came in a sync package)."""
        return self.received_at is not None

    @property
    def operation_label(self) -> str:
        """"Thêm", "Sửa", "Xóa" or "Khôi phục"."""
        return OPERATION_LABELS.get(self.operation, self.operation)


def local_time(at: str) -> str:
    """A stored UTC time as the machine's local "dd/mm/yyyy HH:MM:SS"."""
    try:
        moment = dt.datetime.strptime(at[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return at
    return moment.astimezone().strftime("%d/%m/%Y %H:%M:%S")


def utc_bound(day: dt.date, end: bool = False) -> str:
    """The UTC time where a local calendar day starts (``end``: where the next day starts)."""
    start = dt.datetime.combine(day + dt.timedelta(days=1 if end else 0), dt.time())
    return start.astimezone().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _is_pair(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2


def _entry(row: Any) -> AuditEntry:
    try:
        changes = json.loads(row["changes"])
    except (TypeError, ValueError):
        changes = {"?": row["changes"]}
    return AuditEntry(
        id=row["id"], at=row["at"], site_id=row["site_id"], actor=row["actor"],
        action=row["action"], change_seq=row["change_seq"], table_name=row["table_name"],
        record_id=row["record_id"], operation=row["operation"],
        changes=changes if isinstance(changes, dict) else {"?": changes},
        received_at=row["received_at"])


class AuditTrail:
    """Queries over the audit trail (``store.audit_trail``)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # Accent-insensitive text search in SQL ("nguyen van" finds "Nguyễn Văn").
        store.db.conn.create_function("tq_fold", 1, _fold_or_empty, deterministic=True)

    # -- querying --------------------------------------------------------------------------

    def entries(self, audit_filter: AuditFilter = AuditFilter(), limit: int | None = 100,
                offset: int = 0) -> list[AuditEntry]:
        """The entries ``audit_filter`` selects, newest first, one page of ``limit``.

        Ties (the entries of one action share its time) keep our own entries first, then the
        order they were written in, so pages never overlap.
        """
        indexed = self._indexed(audit_filter)
        where, params = _where(audit_filter, indexed, 0)
        columns = ", ".join(_COLUMNS)
        # Each table gives only its newest offset + limit rows (read backwards along its
        # index on the time): the first page of a long trail reads a page, not the trail.
        cap = "" if limit is None else f" LIMIT {int(offset) + int(limit)}"
        parts = [f"SELECT * FROM (SELECT 0 AS source, seq AS ord, {columns}, NULL AS received_at"
                 f" FROM audit_log{where} ORDER BY at DESC, seq DESC{cap})"]
        all_params = list(params)
        if audit_filter.include_received:
            where, params = _where(audit_filter, indexed, 1)
            parts.append(f"SELECT * FROM (SELECT 1 AS source, rowid AS ord, {columns},"
                         f" received_at FROM audit_received{where}"
                         f" ORDER BY at DESC, rowid DESC{cap})")
            all_params += params
        sql = " UNION ALL ".join(parts) + " ORDER BY at DESC, source, ord DESC"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            all_params += [limit, offset]
        return [_entry(row) for row in self.store.query(sql, all_params)]

    def count(self, audit_filter: AuditFilter = AuditFilter()) -> int:
        """How many entries ``audit_filter`` selects."""
        indexed = self._indexed(audit_filter)
        where, params = _where(audit_filter, indexed, 0)
        sql = f"SELECT (SELECT COUNT(*) FROM audit_log{where})"
        all_params = list(params)
        if audit_filter.include_received:
            where, params = _where(audit_filter, indexed, 1)
            sql += f" + (SELECT COUNT(*) FROM audit_received{where})"
            all_params += params
        return int(self.store.db.execute(sql, all_params).fetchone()[0])

    def actors(self) -> list[str]:
        """Everyone who appears in the trail, by name."""
        rows = self.store.db.execute(
            "SELECT actor FROM audit_log UNION SELECT actor FROM audit_received").fetchall()
        return sorted((row[0] for row in rows), key=fold)

    def household_record_ids(self, household_id: str) -> tuple[str, ...]:
        """The record ids of a household's history: itself, its members (also removed ones)
        and its yearly statuses."""
        members = [row[0] for row in self.store.db.execute(
            "SELECT id FROM household_members WHERE household_id = ? ORDER BY position",
            [household_id])]
        years = [row[0] for row in self.store.db.execute(
            "SELECT year FROM household_years WHERE household_id = ? ORDER BY year",
            [household_id])]
        return (household_id, *members, *(f"{household_id}/{year}" for year in years))

    def household_history(self, household_id: str, limit: int | None = None
                          ) -> list[AuditEntry]:
        """Every change of a household, its members and its statuses, newest first."""
        return self.entries(AuditFilter(record_ids=self.household_record_ids(household_id)),
                            limit=limit)

    def related_ids(self, record_id: str) -> tuple[str, ...]:
        """The ids ``--record ID`` means: a household's whole history, else the record."""
        found = self.store.db.execute("SELECT 1 FROM households WHERE id = ?",
                                      [record_id]).fetchone()
        return self.household_record_ids(record_id) if found else (record_id,)

    def _indexed(self, audit_filter: AuditFilter) -> bool:
        # Only a word search needs the folded texts.
        return bool(fold(audit_filter.text)) and self.update_search_index()

    def update_search_index(self) -> bool:
        """Fold the text of the entries written or received since the last search into
        ``audit_search``; False when it cannot be kept (a read-only file): the search then
        folds every entry while it runs, which is slower."""
        try:
            # Bookkeeping of the view, not a data change: allowed whatever the role.
            with self.store.unrestricted(), self.store.transaction():
                for source, (table, order) in enumerate(_SOURCES):
                    self._index_table(source, table, order)
        except (sqlite3.Error, StoreError):
            return False
        return True

    def _index_table(self, source: int, table: str, order: str) -> None:
        conn = self.store.db.conn
        row = conn.execute("SELECT last FROM audit_search_progress WHERE source = ?",
                           [table]).fetchone()
        last = int(row[0]) if row else 0
        while True:
            rows = conn.execute(
                f"SELECT {order}, id, action, actor, changes FROM {table} WHERE {order} > ?"
                f" ORDER BY {order} LIMIT {_INDEX_BATCH}", [last]).fetchall()
            if not rows:
                break
            conn.executemany(
                "INSERT OR REPLACE INTO audit_search (source, ord, key) VALUES (?, ?, ?)",
                [(source, ord_, _search_key(action, actor, changes))
                 for ord_, _id, action, actor, changes in rows])
            last = int(rows[-1][0])
            conn.execute("INSERT INTO audit_search_progress (source, last) VALUES (?, ?)"
                         " ON CONFLICT(source) DO UPDATE SET last = excluded.last",
                         [table, last])

    # -- describing ------------------------------------------------------------------------

    def describe(self, entry: AuditEntry) -> list[str]:
        """The entry's changes as Vietnamese lines ("Năm sinh: 1980 → 1981")."""
        changes = {k: v for k, v in entry.changes.items() if k not in _HIDDEN}
        if entry.operation == "delete":
            rest = {k: v for k, v in changes.items() if k != "deleted_at"}
            return ["Xóa bản ghi", *self._values(rest, entry.operation)]
        if entry.operation == "restore":
            return ["Khôi phục bản ghi đã xóa"]
        return self._values(changes, entry.operation) or ["(không có thay đổi nào được ghi)"]

    def summary(self, entry: AuditEntry) -> str:
        """The description on one line."""
        return "; ".join(self.describe(entry))

    def record_label(self, entry: AuditEntry) -> str:
        """What the entry is about, in words ("Hộ Nguyễn Văn An", "Tình trạng năm 2024 …")."""
        table, record_id = entry.table_name, entry.record_id
        if table == "households":
            return f"Hộ {self._household_name(record_id) or record_id}"
        if table == "household_years" and "/" in record_id:
            household_id, year = record_id.rsplit("/", 1)
            name = self._household_name(household_id) or household_id
            return f"Tình trạng năm {year} của hộ {name}"
        if table == "household_members":
            rows = self.store.query("SELECT full_name FROM household_members WHERE id = ?",
                                    [record_id])
            name = rows[0]["full_name"] if rows else entry.changes.get("full_name", record_id)
            return f"Thành viên {name if isinstance(name, str) else record_id}"
        if table in ("group_years", "group_officers") and "/" in record_id:
            group_id, year = record_id.rsplit("/", 1)
            what = "Hồ sơ" if table == "group_years" else "Cán bộ"
            return f"{what} {self._unit_name(group_id)} năm {year}"
        if table == "accounts":
            rows = self.store.query("SELECT username FROM accounts WHERE id = ?", [record_id])
            return f"Tài khoản {rows[0]['username'] if rows else record_id}"
        if table == "units":
            return f"Đơn vị {self._unit_name(record_id)}"
        if table == "*":
            return "Nhiều bản ghi"
        label = TABLE_LABELS.get(table, table)
        return f"{label[:1].upper()}{label[1:]} {record_id[:8]}"

    def _values(self, changes: dict[str, Any], operation: str) -> list[str]:
        lines = []
        # An insert may hold the new row (values) or pairs [old, new] (groups' facts).
        pairs = operation == "update" or (bool(changes)
                                          and all(_is_pair(v) for v in changes.values()))
        order = {name: index for index, name in enumerate(FIELD_LABELS)}
        for name, value in sorted(changes.items(), key=lambda item: order.get(item[0], 999)):
            if name in _HIDDEN:
                continue
            label = FIELD_LABELS.get(name, name)
            if pairs and _is_pair(value):
                old, new = value
                lines.append(f"{label}: {self.format_value(name, old)} →"
                             f" {self.format_value(name, new)}")
            elif value not in (None, "", [], {}, "{}") and not (name in _BOOLEAN and not value):
                # A new record: what it holds (a flag only when it is set).
                lines.append(f"{label}: {self.format_value(name, value)}")
        return lines

    def format_value(self, name: str, value: Any) -> str:
        """A stored value as a person reads it (names for ids, "có"/"không" for flags)."""
        # Coded values first: their empty code has a name ("Không", "Chưa xếp loại").
        if name == "poverty":
            return POVERTY_LABELS.get(str(value or ""), str(value))
        if name == "party_cell_rating":
            return PARTY_CELL_RATINGS.get(str(value or ""), str(value))
        if value is None or value == "" or value == []:
            return _EMPTY
        if name in _BOOLEAN and isinstance(value, bool | int):
            return "có" if value else "không"
        if name in ("head_gender", "gender"):
            return _GENDERS.get(str(value), str(value))
        if name == "role":
            return ROLE_LABELS.get(str(value), str(value))
        if name == "ethnicity_code":
            return ethnic_name(str(value)) or str(value)
        if name in ("group_id", "unit_id"):
            return self._unit_name(str(value))
        if name.endswith("_at") and isinstance(value, str):
            return local_time(value)
        if isinstance(value, list):
            return ", ".join(str(item) for item in value) or _EMPTY
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        return str(value)

    def _unit_name(self, unit_id: str) -> str:
        rows = self.store.query("SELECT name FROM units WHERE id = ?", [unit_id])
        return str(rows[0]["name"]) if rows else unit_id

    def _household_name(self, household_id: str) -> str | None:
        rows = self.store.query("SELECT head_name FROM households WHERE id = ?", [household_id])
        return str(rows[0]["head_name"]) if rows else None


def _fold_or_empty(text: Any) -> str:
    return str(fold.__wrapped__(text)) if isinstance(text, str) else ""


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_key(action: str, actor: str, changes: str) -> str:
    """The folded text of an entry that the word search matches (as fold() makes Vietnamese).

    Decomposing and keeping the ASCII part drops every accent in C, five times faster than
    fold() on long texts: a trail of 250 000 entries is indexed in about a second.
    """
    text = f"{action} | {actor} | {changes}".replace("đ", "d").replace("Đ", "d")
    ascii_text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(ascii_text.lower().split())


def _where(audit_filter: AuditFilter, indexed: bool = False,
           source: int = 0) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if audit_filter.user:
        clauses.append("actor = ?")
        params.append(audit_filter.user)
    if audit_filter.record_ids:
        ids: Sequence[str] = audit_filter.record_ids
        clauses.append(f"record_id IN ({', '.join('?' * len(ids))})")
        params += list(ids)
    if audit_filter.table:
        clauses.append("table_name = ?")
        params.append(audit_filter.table)
    if audit_filter.since:
        clauses.append("at >= ?")
        params.append(audit_filter.since)
    if audit_filter.until:
        clauses.append("at < ?")
        params.append(audit_filter.until)
    text = fold(audit_filter.text)
    if text:
        pattern = _like(text)
        if indexed:
            order = _SOURCES[source][1]
            clauses.append(f"({order} IN (SELECT ord FROM audit_search WHERE source = {source}"
                           " AND key LIKE ? ESCAPE '\\') OR record_id = ?)")
        else:
            clauses.append("(tq_fold(action || ' | ' || actor || ' | ' || changes) LIKE ?"
                           " ESCAPE '\\' OR record_id = ?)")
        params += [pattern, audit_filter.text.strip()]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
