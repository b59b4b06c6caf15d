"""Judging each row of a verified package: may its sender write it here?

The signature says who sent a package; it says nothing about what the sender may change. That
is decided here, row by row, by the rules of storage/ownership.py and with this machine's own
data: the sender's unit and level come from this machine's register of peers, a row's unit
from its anchors followed through the tree held here (a ward's package cannot move a group, so
its own units are never believed), never from the row's ``owner_unit_id``.

- A ward's machine writes only the ward's work (households, the groups' facts, the
  self-assessment and the review), only inside its ward, judged both as the row is here now and
  as it would be after the write. It sends no units, lineage, criteria, decisions, recognitions,
  certificates or targets.
- A city office below a higher office writes anything inside its own subtree, but not its own
  unit's record; rows without an anchor (criteria, indicators, lineage) it may change only where
  the row here is already its own, and new ones become its own.
- The office above writes what is its work, and no row that the wards here enter.
- From below, no row is stamped as this machine's own write, and a ward's machine sends only
  rows stamped as its own.

Accepted rows get the owner the rules derive, whatever they claimed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from storage.ownership import (
    RULE_BY_TABLE,
    WARD_KINDS,
    WARD_SENDS,
    Rule,
    Tree,
    anchors_within,
)

if TYPE_CHECKING:
    from storage.store import Store
    from storage.sync import Peer

# Referred tables the anchors follow, and the column each one is followed to.
_FOLLOWED = {
    "households": "group_id",
    "evaluations": "group_id",
    "recognitions": "group_id",
}


class Judge:
    """Decides, for one package from one sender, which rows may be written here."""

    def __init__(self, store: Store, sender: Peer, payload: Mapping[str, Any],
                 receiver_unit: str) -> None:
        self.store = store
        self.sender = sender
        self.receiver_unit = receiver_unit
        parents: dict[str, str | None] = {}
        kinds: dict[str, str] = {}
        self.names: dict[str, str] = {}
        for unit_id, parent_id, kind, name in store.db.execute(
                "SELECT id, parent_id, kind, name FROM units"):
            parents[unit_id], kinds[unit_id], self.names[unit_id] = parent_id, kind, name
        self.local_tree = Tree(dict(parents), dict(kinds))
        if sender.direction == "upstream":
            # The office above owns the tree: its units are the tree as it will be.
            for row in _rows(payload, "units"):
                if isinstance(row.get("id"), str):
                    parents[row["id"]] = row.get("parent_id")
                    kinds[row["id"]] = str(row.get("kind"))
                    self.names[row["id"]] = str(row.get("name"))
        self.tree = Tree(parents, kinds)
        self.sender_unit = sender.unit_id or ""
        self.sender_is_ward = self.local_tree.kinds.get(self.sender_unit) in WARD_KINDS
        self._local: dict[str, dict[Any, dict[str, Any]]] = {}
        # Rows of the package accepted so far, per table: what the data will be.
        self.accepted: dict[str, dict[Any, dict[str, Any]]] = {}

    # -- lookups ---------------------------------------------------------------------------

    def local(self, table: str, record_id: Any) -> dict[str, Any] | None:
        """The row here (only the columns anchors follow), or None."""
        if table not in self._local:
            column = _FOLLOWED.get(table)
            if column is None:
                self._local[table] = {}
            else:
                self._local[table] = {row[0]: {"id": row[0], column: row[1]}
                                      for row in self.store.db.execute(
                                          f"SELECT id, {column} FROM {table}")}
        return self._local[table].get(record_id)

    def proposed(self, table: str, record_id: Any) -> dict[str, Any] | None:
        """The row as it will be after the package: accepted from it, else the row here."""
        row = self.accepted.get(table, {}).get(record_id)
        return row if row is not None else self.local(table, record_id)

    def sender_label(self) -> str:
        """The sender's unit as a person reads it."""
        return self.names.get(self.sender_unit, "đơn vị của máy gửi")

    # -- the judgement ---------------------------------------------------------------------

    def reason(self, table: str, row: dict[str, Any],
               existing: sqlite3.Row | Mapping[str, Any] | None) -> str | None:
        """Why ``row`` may not be written here, or None when it may (then its owner is set)."""
        rule = RULE_BY_TABLE.get(table)
        if rule is None:
            return "loại dữ liệu không được trao đổi"
        stamp = self._stamp_reason(row)
        if stamp is not None:
            return stamp
        old = dict(existing) if existing is not None else None
        if self.sender.direction == "upstream":
            found = self._from_above(rule, row, old)
        elif self.sender_is_ward:
            found = self._from_ward(rule, row, old)
        else:
            found = self._from_office_below(rule, row, old)
        if found is None:
            row["owner_unit_id"] = self._owner(rule, row, old)
            self.accepted.setdefault(table, {})[row.get("id")] = row
        return found

    def _stamp_reason(self, row: Mapping[str, Any]) -> str | None:
        # Who a row says wrote it travels on and decides which version wins elsewhere. From
        # below, no row may say this machine wrote it (its own writes are all here already: a
        # new or newer one can only be made up), and a ward's machine sends its own writes
        # only (what it received from the office above, the office has).
        if self.sender.direction == "upstream":
            return None
        site = row.get("modified_site")
        if site == self.store.site_id:
            return ("dấu của bản ghi (máy ghi, số thay đổi) là của chính máy này; máy khác"
                    " không gửi được thay đổi của máy này")
        if self.sender_is_ward and site != self.sender.site_id:
            return (f"dấu của bản ghi (máy ghi, số thay đổi) là của máy khác; máy của"
                    f" {self.sender_label()} chỉ gửi thay đổi của chính nó")
        return None

    def _from_ward(self, rule: Rule, row: dict[str, Any],
                   old: dict[str, Any] | None) -> str | None:
        ward = self.sender_label()
        if rule.table not in WARD_SENDS or rule.is_office_work(row) or (
                old is not None and rule.is_office_work(old)):
            return (f"{rule.label} là việc của cấp trên; máy của {ward} không được gửi")
        if not anchors_within(rule, row, self.local_tree, self.sender_unit, self.proposed):
            return (f"{self._where(rule, row, self.proposed)}; máy gửi chỉ được sửa dữ liệu"
                    f" của {ward}")
        if old is not None and not anchors_within(rule, old, self.local_tree, self.sender_unit,
                                                  self.local):
            return (f"bản ghi ở đây {self._where(rule, old, self.local)}; máy gửi chỉ được sửa"
                    f" dữ liệu của {ward}")
        return None

    def _from_office_below(self, rule: Rule, row: dict[str, Any],
                           old: dict[str, Any] | None) -> str | None:
        office = self.sender_label()
        if rule.table == "units" and row.get("id") == self.sender_unit:
            return f"bản ghi đơn vị của chính {office} do cấp trên quản lý"
        if not rule.anchors:
            # Criteria, indicators, lineage: no anchor to follow; the row here says whose it is.
            if old is not None and not self.local_tree.within(old.get("owner_unit_id"),
                                                              self.sender_unit):
                return f"{rule.label} ở đây không thuộc {office}"
            return None
        if not anchors_within(rule, row, self.local_tree, self.sender_unit, self.proposed):
            return (f"{self._where(rule, row, self.proposed)}; máy gửi chỉ được sửa dữ liệu"
                    f" của {office}")
        if old is not None and not anchors_within(rule, old, self.local_tree, self.sender_unit,
                                                  self.local):
            return f"bản ghi ở đây {self._where(rule, old, self.local)}; không thuộc {office}"
        return None

    def _from_above(self, rule: Rule, row: dict[str, Any],
                    old: dict[str, Any] | None) -> str | None:
        if rule.is_office_work(row):
            return None
        entered_here = anchors_within(rule, row, self.tree, self.receiver_unit, self.proposed) or (
            old is not None and anchors_within(rule, old, self.local_tree, self.receiver_unit,
                                               self.local))
        if rule.work == "ward" and entered_here:
            return "dữ liệu do phường, xã nhập; cấp trên không được sửa"
        return None

    def _owner(self, rule: Rule, row: dict[str, Any], old: dict[str, Any] | None) -> Any:
        if self.sender.direction == "upstream":
            return row.get("owner_unit_id")
        if rule.anchors and not rule.is_office_work(row):
            unit = rule.anchors[0].resolve(row, self.proposed)
            ward = self.local_tree.ward_of(unit)
            if ward is not None:
                return ward
        if old is not None and old.get("owner_unit_id"):
            return old["owner_unit_id"]
        return self.sender_unit

    def _where(self, rule: Rule, row: Mapping[str, Any], lookup: Any) -> str:
        # Name the unit outside the sender's scope when an anchor reaches one, or the unit
        # that is not of the kind the anchor needs (a household on a ward, not a group).
        units = [anchor.resolve(row, lookup) for anchor in rule.anchors]
        for unit in units:
            if unit is not None and not self.local_tree.within(unit, self.sender_unit):
                ward = self.local_tree.ward_of(unit)
                return f"thuộc {self.names.get(ward or unit, 'đơn vị khác')}"
        for anchor, unit in zip(rule.anchors, units, strict=True):
            if unit is not None and not anchor.admits(self.local_tree.kinds.get(unit)):
                return (f"gắn vào {self.names.get(unit, 'một đơn vị')}, không phải tổ dân phố,"
                        " bản")
        if any(unit is None for unit in units):
            return "thuộc bản ghi máy này không có hoặc không được nhận"
        return "không thuộc đơn vị nào"

    def link_reason(self, link: Mapping[str, Any]) -> str | None:
        """Why a lineage link (event, unit, role) may not be written here, or None."""
        if self.sender.direction == "upstream":
            return None
        if self.sender_is_ward:
            return (f"lịch sử đơn vị là việc của cấp trên; máy của {self.sender_label()} không"
                    " được gửi")
        if not self.local_tree.within(link.get("unit_id"), self.sender_unit):
            return f"đơn vị không thuộc {self.sender_label()}"
        return None


def _rows(payload: Mapping[str, Any], table: str) -> list[dict[str, Any]]:
    data = payload.get("tables", {}).get(table)
    if not data:
        return []
    return [dict(zip(data["columns"], row, strict=True)) for row in data["rows"]]


def sendable_tables(store: Store, unit_id: str) -> frozenset[str] | None:
    """The tables a machine of ``unit_id`` sends upward (None: every table)."""
    row = store.db.execute("SELECT kind FROM units WHERE id = ?", [unit_id]).fetchone()
    return WARD_SENDS if row and row[0] in WARD_KINDS else None
