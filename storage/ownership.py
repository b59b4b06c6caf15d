"""Who may write a travelling row: derived from what the row belongs to, never from what it claims.

A row's ``owner_unit_id`` column is what the row says about itself; anybody who writes the row
can write any value there. So the rules below never read it from the row being judged. Instead
each table names its *anchors*: the references that tie a row to a unit of the tree (a household
to its group, a member to its household and so to that household's group, an answer to its
evaluation and so to the evaluation's group). A row lies in a unit's scope when every anchor,
followed through the data as it is and as it would be after the write, ends in that unit or
below it.

Each table also says whose *work* its rows are: the ward's (households, the group's facts, the
self-assessment and the ward's review), the office's above it (the tree, the criteria, the
appraisal, decisions, recognitions, certificates, targets), or shared (an evaluation row, which
the ward creates and moves on, and the office decides). A few rows change hands by a value: an
answer or an approval of the "city" stage is the office's work.

One table of rules, three users:

- the store's guard (storage/accounts.py) turns them into SQL triggers on the connection of a
  ward's machine or a ward officer, so no method and no SQL statement writes another unit's row;
- the import of a package (storage/sync.py) judges each row of a ward's package by them, with
  the receiver's own tree, and rejects by name what the sender may not write;
- the export of a ward's machine sends only the tables a ward may send.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

Work = Literal["ward", "office", "shared"]

# Unit kinds whose rows' scope is the unit itself and the groups under it.
WARD_KINDS = ("phuong", "xa")
GROUP_KINDS = ("tdp", "ban")


@dataclass(frozen=True)
class Anchor:
    """A reference that ties a row to a unit: follow ``via`` (column, table) steps, then read
    ``column``, which holds a unit id. No steps: the row's own column. ``kinds``: the kinds of
    unit it must reach (a group's records belong to a group, not to the ward above it, as the
    forms have it); None: any unit."""

    column: str
    via: tuple[tuple[str, str], ...] = ()
    kinds: tuple[str, ...] | None = None

    def admits(self, kind: str | None) -> bool:
        """Whether a unit of ``kind`` is what this anchor may reach."""
        return self.kinds is None or kind in self.kinds

    def sql(self, alias: str) -> str:
        """The anchor as an SQL expression over the row named ``alias`` (t, NEW, OLD)."""
        if not self.via:
            return f"{alias}.{self.column}"
        expression = f"{alias}.{self.via[0][0]}"
        for index, (_column, table) in enumerate(self.via):
            following = self.via[index + 1][0] if index + 1 < len(self.via) else self.column
            expression = f"(SELECT {following} FROM {table} WHERE id = {expression})"
        return expression

    def resolve(self, row: Mapping[str, Any],
                lookup: Callable[[str, Any], Mapping[str, Any] | None]) -> Any:
        """The unit id this anchor reaches from ``row``; ``lookup(table, id)`` gives a referred
        row (None when there is none: the anchor then reaches nothing)."""
        current: Mapping[str, Any] | None = row
        for column, table in self.via:
            if current is None or current.get(column) is None:
                return None
            current = lookup(table, current[column])
        if current is None:
            return None
        return current.get(self.column)


@dataclass(frozen=True)
class Rule:
    """What a table's rows belong to and whose work they are."""

    table: str
    label: str
    work: Work
    anchors: tuple[Anchor, ...] = ()
    # (column, values): a row with one of these values there is the office's work whatever
    # ``work`` says (an answer of the appraisal stage, an evaluation marked decided).
    office_when: tuple[str, tuple[str, ...]] | None = None

    def is_office_work(self, row: Mapping[str, Any]) -> bool:
        """Whether this row is the office's work (a ward may not write it)."""
        if self.work == "office":
            return True
        if self.office_when is not None:
            column, values = self.office_when
            return row.get(column) in values
        return False

    def office_work_sql(self, alias: str) -> str:
        """``is_office_work`` as an SQL condition over the row named ``alias``."""
        if self.work == "office":
            return "1"
        if self.office_when is None:
            return "0"
        column, values = self.office_when
        quoted = ", ".join("'" + value.replace("'", "''") + "'" for value in values)
        return f"{alias}.{column} IN ({quoted})"


_GROUP = Anchor("group_id", kinds=GROUP_KINDS)
_HOUSEHOLD_GROUP = Anchor("group_id", (("household_id", "households"),), GROUP_KINDS)
_EVALUATION_GROUP = Anchor("group_id", (("evaluation_id", "evaluations"),), GROUP_KINDS)
_CITY_STAGE = ("stage", ("city",))

# Every table that travels in packages, in the order rows are applied.
RULES: tuple[Rule, ...] = (
    Rule("units", "đơn vị hành chính", "office", (Anchor("parent_id"),)),
    Rule("lineage_events", "lịch sử chia tách, sáp nhập", "office"),
    Rule("indicators", "chỉ số của tiêu chí", "office"),
    Rule("frameworks", "bộ tiêu chí", "office"),
    Rule("standards", "tiêu chuẩn của bộ tiêu chí", "office"),
    Rule("criteria", "tiêu chí", "office"),
    Rule("households", "hộ gia đình", "ward", (_GROUP,)),
    Rule("household_members", "thành viên hộ", "ward", (_HOUSEHOLD_GROUP,)),
    # A status names the household's group of that year too: both must be the ward's.
    Rule("household_years", "tình trạng hằng năm của hộ", "ward", (_HOUSEHOLD_GROUP, _GROUP)),
    Rule("group_years", "hồ sơ tổ dân phố, bản", "ward", (_GROUP,)),
    Rule("group_officers", "cán bộ tổ dân phố, bản", "ward", (_GROUP,)),
    Rule("registrations", "đăng ký phấn đấu", "ward", (_GROUP,)),
    Rule("evaluations", "phiếu đánh giá", "shared", (_GROUP,),
         office_when=("stage", ("decided",))),
    Rule("evaluation_answers", "kết quả đánh giá tiêu chí", "ward", (_EVALUATION_GROUP,),
         office_when=_CITY_STAGE),
    Rule("stage_approvals", "việc duyệt các bước đánh giá", "ward", (_EVALUATION_GROUP,),
         office_when=_CITY_STAGE),
    Rule("decisions", "quyết định công nhận", "office", (Anchor("unit_id"),)),
    Rule("recognitions", "công nhận", "office", (_GROUP,)),
    Rule("certificates", "giấy công nhận", "office",
         (Anchor("group_id", (("recognition_id", "recognitions"),), GROUP_KINDS),)),
    Rule("targets", "chỉ tiêu", "office", (Anchor("unit_id"),)),
)
RULE_BY_TABLE = {rule.table: rule for rule in RULES}

# The tables a ward's machine sends at all (the rest it never writes, so never sends).
WARD_SENDS = frozenset(rule.table for rule in RULES if rule.work != "office")


def ward_of_sql(unit_expression: str, kinds: tuple[str, ...] | None = None) -> str:
    """SQL giving the ward of a unit: a group's parent, a ward itself, NULL for anything else
    (and for a unit not of ``kinds``, when given)."""
    cases = []
    for kinds_here, ward in ((GROUP_KINDS, "parent_id"), (WARD_KINDS, "id")):
        allowed = [kind for kind in kinds_here if kinds is None or kind in kinds]
        if allowed:
            cases.append(f"WHEN kind IN ({', '.join(repr(kind) for kind in allowed)})"
                         f" THEN {ward}")
    return (f"(SELECT CASE {' '.join(cases) or 'WHEN 0 THEN NULL'} END FROM units"
            f" WHERE id = {unit_expression})")


def outside_ward_sql(rule: Rule, alias: str, ward_literal: str) -> str:
    """SQL true when an anchor of the row ``alias`` does not reach the ward ``ward_literal``
    (quoted) through a unit of the anchor's kinds, or the row has no anchor at all."""
    if not rule.anchors:
        return "1"
    return "(" + " OR ".join(
        f"{ward_of_sql(anchor.sql(alias), anchor.kinds)} IS NOT {ward_literal}"
        for anchor in rule.anchors) + ")"


@dataclass(frozen=True)
class Tree:
    """The unit tree as the judge sees it: each unit's parent and kind."""

    parents: Mapping[str, str | None]
    kinds: Mapping[str, str]

    def ward_of(self, unit_id: Any) -> str | None:
        """The ward a unit lies in (a group's parent, a ward itself), or None."""
        kind = self.kinds.get(unit_id)
        if kind in GROUP_KINDS:
            parent = self.parents.get(unit_id)
            return parent if self.kinds.get(parent or "") in WARD_KINDS else None
        if kind in WARD_KINDS:
            return str(unit_id)
        return None

    def within(self, unit_id: Any, scope: str) -> bool:
        """Whether ``unit_id`` is ``scope`` or lies below it."""
        seen: set[str] = set()
        current = unit_id
        while current is not None and current not in seen:
            if current == scope:
                return True
            seen.add(current)
            current = self.parents.get(current)
        return False


def anchors_within(rule: Rule, row: Mapping[str, Any], tree: Tree, scope: str,
                   lookup: Callable[[str, Any], Mapping[str, Any] | None]) -> bool:
    """Whether every anchor of ``row`` reaches ``scope`` or a unit below it, through a unit of
    the anchor's kinds (a row with no anchor lies in no unit's scope)."""
    if not rule.anchors:
        return False
    for anchor in rule.anchors:
        unit = anchor.resolve(row, lookup)
        if unit is None or not tree.within(unit, scope) or not anchor.admits(
                tree.kinds.get(unit)):
            return False
    return True
