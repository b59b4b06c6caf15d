"""Criteria frameworks (tiêu chuẩn, tiêu chí), indicators, and the rules engine.

A framework has standards, a standard has criteria, a criterion has a rule (JSON):

- ``{"kind": "manual"}``: ticked yes/no with a note at each stage;
- ``{"kind": "household_share", "indicator": I, "op": ">=", "threshold": 90}``: the share of
  the group's households (in %) with household indicator I;
- ``{"kind": "household_count", "indicator": I, "op": "<=", "threshold": 0}``: how many;
- ``{"kind": "group_value", "indicator": I, "op": ">=", "threshold": 1}``: a group fact;
- ``{"kind": "below_ward_rate", "indicator": I}``: the group's share of I is below the share in
  its whole ward (e.g. the poverty rate);
- ``{"kind": "consecutive_years", "indicator": I, "years": N}``: group indicator I held in each
  of the N years up to the evaluated one.

Indicators are data (the ``indicators`` table): a built-in one reads a column, a new one reads
its code from the row's ``extra`` JSON, so adding one needs no code.
"""

from __future__ import annotations

import dataclasses
import json
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storage.errors import NotFound, ValidationError
from storage.sql import LIVE_STATUS_ROWS
from storage.text import format_decimal, format_int, nfc

if TYPE_CHECKING:
    from storage.store import Store

RULE_KINDS = {
    "manual": "Đánh giá thủ công (có/không)",
    "household_share": "Tỷ lệ hộ đạt",
    "household_count": "Số hộ",
    "group_value": "Giá trị của tổ",
    "below_ward_rate": "Thấp hơn tỷ lệ chung của phường/xã",
    "consecutive_years": "Đạt liên tục nhiều năm",
}
OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq,
}
OPERATOR_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}
# Indicators computed from a column rather than stored in one (SQL over hy / gy).
DERIVED_SQL = {
    "poor": "hy.poverty = 'poor'",
    "near_poor": "hy.poverty = 'near_poor'",
    "party_cell_good": "gy.party_cell_rating IN ('xuat_sac', 'tot')",
}


@dataclass(frozen=True)
class Indicator:
    """A named value criteria can use, of a household (per year) or of a group (per year)."""

    code: str
    name: str
    level: str
    value_type: str
    column_name: str | None

    def sql(self) -> str:
        """The SQL expression of this indicator over ``hy`` (household) or ``gy`` (group)."""
        if self.code in DERIVED_SQL:
            return DERIVED_SQL[self.code]
        alias = "hy" if self.level == "household" else "gy"
        if self.column_name:
            return f"{alias}.{self.column_name}"
        # A data-defined indicator: its value sits in the row's extra JSON under its code.
        return f"COALESCE(json_extract({alias}.extra, '$.\"{self.code}\"'), 0)"


@dataclass(frozen=True)
class Criterion:
    """A criterion (tiêu chí) with its rule."""

    id: str
    standard_id: str
    code: str
    name: str
    position: int
    required: bool
    points: float
    rule: dict[str, Any]

    @property
    def kind(self) -> str:
        """The rule's kind (a key of RULE_KINDS)."""
        return str(self.rule.get("kind", "manual"))

    @property
    def computed(self) -> bool:
        """Whether the records decide it (not ticked by hand)."""
        return self.kind != "manual"


@dataclass(frozen=True)
class Standard:
    """A standard (tiêu chuẩn) and its criteria in order."""

    id: str
    framework_id: str
    code: str
    name: str
    position: int
    criteria: tuple[Criterion, ...] = ()


@dataclass(frozen=True)
class Framework:
    """A versioned set of standards and criteria for a range of years."""

    id: str
    name: str
    version: int
    year_from: int
    year_to: int | None
    legal_basis: str
    pass_rule: str
    pass_mark: float | None
    copied_from_id: str | None
    standards: tuple[Standard, ...] = ()

    @property
    def criteria(self) -> list[Criterion]:
        """Every criterion, standard by standard."""
        return [criterion for standard in self.standards for criterion in standard.criteria]

    def applies_to(self, year: int) -> bool:
        """Whether the framework is meant for ``year``."""
        return self.year_from <= year and (self.year_to is None or year <= self.year_to)


@dataclass(frozen=True)
class CriterionResult:
    """The outcome of a computed criterion for one group: passed, the value, the evidence."""

    criterion_id: str
    passed: bool | None
    value: float | None
    evidence: str


@dataclass
class _HouseholdTotals:
    households: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def validate_rule(rule: dict[str, Any], indicators: dict[str, Indicator]) -> dict[str, Any]:
    """Check a rule against the indicators; return it or raise ValidationError."""
    kind = rule.get("kind", "manual")
    if kind not in RULE_KINDS:
        raise ValidationError(f"Loại quy tắc không hợp lệ: {kind}", "rule")
    if kind == "manual":
        return {"kind": "manual"}
    code = rule.get("indicator")
    if code not in indicators:
        raise ValidationError(f"Chỉ số '{code}' không có trong danh mục chỉ số.", "rule")
    level = indicators[str(code)].level
    household_kinds = ("household_share", "household_count", "below_ward_rate")
    if kind in household_kinds and level != "household":
        raise ValidationError("Quy tắc này cần một chỉ số của hộ gia đình.", "rule")
    if kind in ("group_value", "consecutive_years") and level != "group":
        raise ValidationError("Quy tắc này cần một chỉ số của tổ dân phố/bản.", "rule")
    cleaned: dict[str, Any] = {"kind": kind, "indicator": code}
    if kind in ("household_share", "household_count", "group_value"):
        op = rule.get("op", ">=")
        if op not in OPERATORS:
            raise ValidationError(f"Phép so sánh không hợp lệ: {op}", "rule")
        try:
            threshold = float(rule.get("threshold", 0))
        except (TypeError, ValueError) as error:
            raise ValidationError("Ngưỡng phải là một số.", "rule") from error
        if kind == "household_share" and not 0 <= threshold <= 100:
            raise ValidationError("Ngưỡng tỷ lệ phải từ 0 đến 100%.", "rule")
        cleaned.update(op=op, threshold=threshold)
    if kind == "consecutive_years":
        years = int(rule.get("years", 2))
        if not 1 <= years <= 20:
            raise ValidationError("Số năm liên tục phải từ 1 đến 20.", "rule")
        cleaned["years"] = years
    return cleaned


def describe_rule(rule: dict[str, Any], indicators: dict[str, Indicator]) -> str:
    """The rule in words: "Tỷ lệ hộ Gia đình văn hóa ≥ 90%"."""
    kind = rule.get("kind", "manual")
    if kind == "manual":
        return RULE_KINDS["manual"]
    name = indicators[rule["indicator"]].name if rule.get("indicator") in indicators else "?"
    op = OPERATOR_TEXT.get(rule.get("op", ">="), "≥")
    threshold = _number(rule.get("threshold", 0))
    if kind == "household_share":
        return f"Tỷ lệ hộ {name} {op} {threshold}%"
    if kind == "household_count":
        return f"Số hộ {name} {op} {threshold}"
    if kind == "group_value":
        return f"{name} {op} {threshold}"
    if kind == "below_ward_rate":
        return f"Tỷ lệ hộ {name} thấp hơn tỷ lệ chung của phường/xã"
    return f"{name} liên tục {rule.get('years')} năm"


def _number(value: float) -> str:
    return format_int(int(value)) if float(value).is_integer() else format_decimal(value, 1)


def _row_criterion(row: Any) -> Criterion:
    return Criterion(row["id"], row["standard_id"], row["code"], row["name"], row["position"],
                     bool(row["required"]), row["points"], json.loads(row["rule"]))


class Frameworks:
    """Reading, editing, copying frameworks, and computing criteria over the records."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- indicators ------------------------------------------------------------------------

    def indicators(self) -> dict[str, Indicator]:
        """Every indicator by code."""
        rows = self.store.query("SELECT * FROM indicators WHERE deleted_at IS NULL ORDER BY rowid")
        return {row["code"]: Indicator(row["code"], row["name"], row["level"],
                                       row["value_type"], row["column_name"]) for row in rows}

    def add_indicator(self, code: str, name: str, level: str, value_type: str = "bool",
                      note: str = "") -> Indicator:
        """Add an indicator as data: its values go in the ``extra`` JSON of the yearly rows."""
        code = code.strip()
        if not code.isidentifier():
            raise ValidationError("Mã chỉ số chỉ gồm chữ không dấu, số và dấu gạch dưới.", "code")
        if code in self.indicators():
            raise ValidationError(f"Đã có chỉ số mã '{code}'.", "code")
        if level not in ("household", "group") or value_type not in ("bool", "int", "text"):
            raise ValidationError("Cấp hoặc kiểu chỉ số không hợp lệ.", "level")
        with self.store.action(f"Thêm chỉ số {nfc(name)}") as action:
            row = {"code": code, "name": nfc(name), "level": level, "value_type": value_type,
                   "column_name": None, "note": nfc(note)}
            self.store.db.table("indicators").insert({**row, "owner_unit_id": None, **action.stamp})
            action.audit("indicators", code, "insert", row)
        return self.indicators()[code]

    # -- frameworks ------------------------------------------------------------------------

    def all(self) -> list[Framework]:
        """Every framework, newest version first."""
        rows = self.store.query(
            "SELECT id FROM frameworks WHERE deleted_at IS NULL ORDER BY year_from DESC,"
            " version DESC"
        )
        return [self.get(row["id"]) for row in rows]

    def get(self, framework_id: str) -> Framework:
        """A framework with its standards and criteria."""
        rows = self.store.query("SELECT * FROM frameworks WHERE id = ? AND deleted_at IS NULL",
                                [framework_id])
        if not rows:
            raise NotFound(f"Không tìm thấy bộ tiêu chí {framework_id}")
        row = rows[0]
        standards = []
        for standard in self.store.query(
            "SELECT * FROM standards WHERE framework_id = ? AND deleted_at IS NULL"
            " ORDER BY position", [framework_id]
        ):
            criteria = tuple(_row_criterion(c) for c in self.store.query(
                "SELECT * FROM criteria WHERE standard_id = ? AND deleted_at IS NULL"
                " ORDER BY position", [standard["id"]]))
            standards.append(Standard(standard["id"], framework_id, standard["code"],
                                      standard["name"], standard["position"], criteria))
        return Framework(row["id"], row["name"], row["version"], row["year_from"],
                         row["year_to"], row["legal_basis"], row["pass_rule"], row["pass_mark"],
                         row["copied_from_id"], tuple(standards))

    def for_year(self, year: int) -> Framework:
        """The framework that applies to ``year`` (the highest version among them)."""
        rows = self.store.query(
            "SELECT id FROM frameworks WHERE deleted_at IS NULL AND year_from <= ?"
            " AND (year_to IS NULL OR year_to >= ?) ORDER BY version DESC, year_from DESC"
            " LIMIT 1", [year, year])
        if not rows:
            raise NotFound(f"Chưa có bộ tiêu chí áp dụng cho năm {year}.")
        return self.get(rows[0]["id"])

    def create(self, name: str, year_from: int, year_to: int | None = None,
               legal_basis: str = "", pass_rule: str = "all_required",
               pass_mark: float | None = None, version: int = 1,
               copied_from_id: str | None = None, owner_unit_id: str | None = None) -> Framework:
        """Create an empty framework."""
        from storage.store import new_id

        if not nfc(name):
            raise ValidationError("Tên bộ tiêu chí không được để trống.", "name")
        if year_to is not None and year_to < year_from:
            raise ValidationError("Năm kết thúc phải sau năm bắt đầu.", "year_to")
        if pass_rule not in ("all_required", "points"):
            raise ValidationError("Cách xét đạt không hợp lệ.", "pass_rule")
        if pass_rule == "points" and pass_mark is None:
            raise ValidationError("Cách xét theo điểm cần điểm chuẩn.", "pass_mark")
        framework_id = new_id()
        row = {"id": framework_id, "name": nfc(name), "version": version, "year_from": year_from,
               "year_to": year_to, "legal_basis": nfc(legal_basis), "pass_rule": pass_rule,
               "pass_mark": pass_mark, "copied_from_id": copied_from_id}
        owner = owner_unit_id or self._city_id()
        with self.store.action(f"Tạo bộ tiêu chí {row['name']}") as action:
            self.store.db.table("frameworks").insert(
                {**row, "owner_unit_id": owner, **action.stamp})
            action.audit("frameworks", framework_id, "insert", row)
        return self.get(framework_id)

    def add_standard(self, framework_id: str, code: str, name: str) -> Standard:
        """Append a standard to a framework."""
        from storage.store import new_id

        framework = self.get(framework_id)
        self._refuse_if_used(framework_id)
        if not nfc(name):
            raise ValidationError("Tên tiêu chuẩn không được để trống.", "name")
        standard_id = new_id()
        row = {"id": standard_id, "framework_id": framework_id, "code": nfc(code),
               "name": nfc(name), "position": len(framework.standards) + 1}
        with self.store.action(f"Thêm tiêu chuẩn {row['code']}") as action:
            self.store.db.table("standards").insert(
                {**row, "owner_unit_id": self._owner(framework_id), **action.stamp})
            action.audit("standards", standard_id, "insert", row)
        return next(s for s in self.get(framework_id).standards if s.id == standard_id)

    def add_criterion(self, standard_id: str, code: str, name: str,
                      rule: dict[str, Any] | None = None, required: bool = True,
                      points: float = 0) -> Criterion:
        """Append a criterion to a standard (the rule is checked against the indicators)."""
        from storage.store import new_id

        standard = self._standard_row(standard_id)
        self._refuse_if_used(standard["framework_id"])
        if not nfc(name):
            raise ValidationError("Tên tiêu chí không được để trống.", "name")
        rule = validate_rule(rule or {"kind": "manual"}, self.indicators())
        position = self.store.db.execute(
            "SELECT COUNT(*) FROM criteria WHERE standard_id = ? AND deleted_at IS NULL",
            [standard_id]).fetchone()[0] + 1
        row = {"id": new_id(), "standard_id": standard_id, "code": nfc(code), "name": nfc(name),
               "position": position, "required": int(required), "points": points,
               "rule": json.dumps(rule, ensure_ascii=False, sort_keys=True)}
        with self.store.action(f"Thêm tiêu chí {row['code']}") as action:
            self.store.db.table("criteria").insert(
                {**row, "owner_unit_id": self._owner(standard["framework_id"]), **action.stamp})
            action.audit("criteria", row["id"], "insert", row)
        return self.criterion(row["id"])

    def criterion(self, criterion_id: str) -> Criterion:
        """One criterion."""
        rows = self.store.query("SELECT * FROM criteria WHERE id = ? AND deleted_at IS NULL",
                                [criterion_id])
        if not rows:
            raise NotFound(f"Không tìm thấy tiêu chí {criterion_id}")
        return _row_criterion(rows[0])

    def update_criterion(self, criterion: Criterion) -> Criterion:
        """Save a criterion's name, code, rule, required flag and points.

        A framework already used by an evaluation is not changed under it: copy it to a new
        version first (``copy``).
        """
        old = self.criterion(criterion.id)
        standard = self._standard_row(old.standard_id)
        self._refuse_if_used(standard["framework_id"])
        rule = validate_rule(criterion.rule, self.indicators())
        values = {"code": nfc(criterion.code), "name": nfc(criterion.name),
                  "required": int(criterion.required), "points": criterion.points,
                  "rule": json.dumps(rule, ensure_ascii=False, sort_keys=True)}
        old_values = {"code": old.code, "name": old.name, "required": int(old.required),
                      "points": old.points,
                      "rule": json.dumps(old.rule, ensure_ascii=False, sort_keys=True)}
        changes = {k: [old_values[k], v] for k, v in values.items() if old_values[k] != v}
        if not changes:
            return old
        with self.store.action(f"Sửa tiêu chí {values['code']}") as action:
            self.store.db.table("criteria").update(criterion.id, {**values, **action.stamp})
            action.audit("criteria", criterion.id, "update", changes)
        return self.criterion(criterion.id)

    def remove_criterion(self, criterion_id: str) -> None:
        """Remove a criterion (a tombstone) from a framework not yet used."""
        criterion = self.criterion(criterion_id)
        self._refuse_if_used(self._standard_row(criterion.standard_id)["framework_id"])
        with self.store.action(f"Xóa tiêu chí {criterion.code}") as action:
            self.store.db.table("criteria").update(criterion_id, {"deleted_at": action.now,
                                                                  **action.stamp})
            action.audit("criteria", criterion_id, "delete", {"code": criterion.code})

    def copy(self, framework_id: str, name: str, year_from: int,
             year_to: int | None = None) -> Framework:
        """A new version: the same standards and criteria, for years from ``year_from``.

        The source framework's last year is set to the year before, so each year has one.
        """
        source = self.get(framework_id)
        with self.store.action(f"Tạo phiên bản mới của {source.name}") as action:
            if source.year_to is None or source.year_to >= year_from:
                self.store.db.table("frameworks").update(
                    framework_id, {"year_to": year_from - 1, **action.stamp})
                action.audit("frameworks", framework_id, "update",
                             {"year_to": [source.year_to, year_from - 1]})
            copy = self.create(name, year_from, year_to, source.legal_basis, source.pass_rule,
                               source.pass_mark, source.version + 1, framework_id)
            for standard in source.standards:
                new_standard = self.add_standard(copy.id, standard.code, standard.name)
                for criterion in standard.criteria:
                    self.add_criterion(new_standard.id, criterion.code, criterion.name,
                                       criterion.rule, criterion.required, criterion.points)
        return self.get(copy.id)

    def used_count(self, framework_id: str) -> int:
        """How many evaluations were made under the framework (then it may not change)."""
        return int(self.store.db.execute(
            "SELECT COUNT(*) FROM evaluations WHERE framework_id = ? AND deleted_at IS NULL",
            [framework_id]).fetchone()[0])

    def _refuse_if_used(self, framework_id: str) -> None:
        used = self.used_count(framework_id)
        if used:
            raise ValidationError(
                f"Bộ tiêu chí đã được dùng cho {used} phiếu đánh giá; hãy tạo phiên bản mới"
                " (sao chép) rồi sửa trên phiên bản đó.", "framework")

    def _standard_row(self, standard_id: str) -> Any:
        rows = self.store.query("SELECT * FROM standards WHERE id = ? AND deleted_at IS NULL",
                                [standard_id])
        if not rows:
            raise NotFound(f"Không tìm thấy tiêu chuẩn {standard_id}")
        return rows[0]

    def _owner(self, framework_id: str) -> str | None:
        row = self.store.db.execute("SELECT owner_unit_id FROM frameworks WHERE id = ?",
                                    [framework_id]).fetchone()
        return row[0] if row else None

    def _city_id(self) -> str | None:
        try:
            return self.store.units.city().id
        except NotFound:
            return None

    # -- the rules engine ------------------------------------------------------------------

    def compute(self, criteria: Iterable[Criterion], year: int,
                group_ids: Iterable[str]) -> dict[str, dict[str, CriterionResult]]:
        """Compute the computed criteria for groups in ``year``: group → criterion → result.

        Each indicator is counted once for all groups (one GROUP BY query), so a whole city's
        board takes a few queries, not one per group and criterion.
        """
        group_ids = list(group_ids)
        criteria = [criterion for criterion in criteria if criterion.computed]
        indicators = self.indicators()
        needed_household = sorted({c.rule["indicator"] for c in criteria
                                   if c.kind in ("household_share", "household_count",
                                                 "below_ward_rate")})
        needed_group = sorted({c.rule["indicator"] for c in criteria
                               if c.kind in ("group_value", "consecutive_years")})
        # Only the households of these groups' wards are counted: a ward's rate is the widest
        # thing a rule compares with.
        scope = self._ward_groups(year, group_ids)
        totals = self._household_totals(year, [indicators[c] for c in needed_household], scope)
        values = self._group_values(year, [indicators[c] for c in needed_group])
        ward_rates = self._ward_rates(year, totals) if any(
            c.kind == "below_ward_rate" for c in criteria) else {}
        streaks = {c.id: self._streaks(year, indicators[c.rule["indicator"]], c.rule["years"])
                   for c in criteria if c.kind == "consecutive_years"}
        results: dict[str, dict[str, CriterionResult]] = {}
        for group_id in group_ids:
            per_group: dict[str, CriterionResult] = {}
            for criterion in criteria:
                per_group[criterion.id] = self._result(
                    criterion, indicators, totals.get(group_id, _HouseholdTotals()),
                    values.get(group_id, {}), ward_rates.get(group_id, {}),
                    streaks.get(criterion.id, {}).get(group_id, 0))
            results[group_id] = per_group
        return results

    def preview(self, criterion: Criterion, year: int) -> tuple[int, int]:
        """(groups passing, groups evaluated) for a criterion over every group of ``year``."""
        groups = [g.id for g in self.store.units.in_year(year, "group")]
        if not criterion.computed:
            return (0, len(groups))
        results = self.compute([criterion], year, groups)
        return (sum(bool(r[criterion.id].passed) for r in results.values()), len(groups))

    def _ward_groups(self, year: int, group_ids: list[str]) -> list[str]:
        groups = self.store.units.in_year(year, "group")
        wanted = set(group_ids)
        wards = {g.parent_id for g in groups if g.id in wanted}
        return [g.id for g in groups if g.parent_id in wards]

    def _household_totals(self, year: int, indicators: list[Indicator],
                          group_ids: list[str]) -> dict[str, _HouseholdTotals]:
        if not group_ids:
            return {}
        sums = "".join(f", SUM(CASE WHEN {i.sql()} THEN 1 ELSE 0 END)" for i in indicators)
        marks = ",".join("?" * len(group_ids))
        rows = self.store.db.execute(
            f"SELECT hy.group_id, COUNT(*){sums} FROM household_years hy"
                        f" WHERE hy.year = ? AND hy.group_id IN ({marks})"
            " AND hy.deleted_at IS NULL"
            f" AND {LIVE_STATUS_ROWS}"
            " GROUP BY hy.group_id", [year, *group_ids]).fetchall()
        return {row[0]: _HouseholdTotals(row[1], {i.code: row[2 + n] or 0
                                                  for n, i in enumerate(indicators)})
                for row in rows}

    def _group_values(self, year: int,
                      indicators: list[Indicator]) -> dict[str, dict[str, float]]:
        if not indicators:
            return {}
        columns = "".join(f", {i.sql()}" for i in indicators)
        rows = self.store.db.execute(
            f"SELECT gy.group_id{columns} FROM group_years gy WHERE gy.year = ?"
            " AND gy.deleted_at IS NULL", [year]).fetchall()
        return {row[0]: {i.code: float(row[1 + n] or 0) for n, i in enumerate(indicators)}
                for row in rows}

    def _ward_rates(self, year: int,
                    totals: dict[str, _HouseholdTotals]) -> dict[str, dict[str, float]]:
        """For each group, its ward's share (%) of every counted indicator."""
        parents = {g.id: g.parent_id for g in self.store.units.in_year(year, "group")}
        by_ward: dict[str | None, _HouseholdTotals] = {}
        for group_id, total in totals.items():
            ward = by_ward.setdefault(parents.get(group_id), _HouseholdTotals())
            ward.households += total.households
            for code, count in total.counts.items():
                ward.counts[code] = ward.counts.get(code, 0) + count
        return {group_id: {code: count / of_ward.households * 100
                           for code, count in of_ward.counts.items()}
                if of_ward.households else {}
                for group_id, parent in parents.items()
                if (of_ward := by_ward.get(parent)) is not None}

    def _streaks(self, year: int, indicator: Indicator, years: int) -> dict[str, int]:
        """How many consecutive years up to ``year`` each group held a group indicator."""
        rows = self.store.db.execute(
            f"SELECT gy.group_id, gy.year, {indicator.sql()} FROM group_years gy"
            " WHERE gy.year BETWEEN ? AND ? AND gy.deleted_at IS NULL",
            [year - years + 1, year]).fetchall()
        held: dict[str, set[int]] = {}
        for group_id, row_year, value in rows:
            if value:
                held.setdefault(group_id, set()).add(row_year)
        streaks = {}
        for group_id, row_years in held.items():
            streak = 0
            while year - streak in row_years:
                streak += 1
            streaks[group_id] = streak
        return streaks

    def _result(self, criterion: Criterion, indicators: dict[str, Indicator],
                totals: _HouseholdTotals, values: dict[str, float], ward_rate: dict[str, float],
                streak: int) -> CriterionResult:
        rule = criterion.rule
        code = rule.get("indicator", "")
        op = rule.get("op", ">=")
        threshold = float(rule.get("threshold", 0))
        compare = OPERATORS.get(op, operator.ge)
        sign = OPERATOR_TEXT.get(op, "≥")
        if criterion.kind == "household_share":
            if not totals.households:
                return CriterionResult(criterion.id, False, None, "Chưa có số liệu hộ của năm")
            count = totals.counts.get(code, 0)
            share = count / totals.households * 100
            passed = compare(round(share, 6), threshold)
            evidence = (f"{format_int(count)}/{format_int(totals.households)} hộ ="
                        f" {format_decimal(share, 1)}% {sign} {_number(threshold)}%")
            return CriterionResult(criterion.id, passed, share,
                                   evidence if passed else f"{evidence}: không đạt")
        if criterion.kind == "household_count":
            count = totals.counts.get(code, 0)
            passed = compare(count, threshold)
            evidence = f"{format_int(count)} hộ (yêu cầu {sign} {_number(threshold)})"
            return CriterionResult(criterion.id, passed, count, evidence)
        if criterion.kind == "group_value":
            if not values:
                return CriterionResult(criterion.id, False, None, "Chưa nhập hồ sơ tổ của năm")
            value = values.get(code, 0.0)
            passed = compare(value, threshold)
            shown = ("Có" if value else "Không") if indicators[code].value_type == "bool" else (
                _number(value))
            return CriterionResult(criterion.id, passed, value,
                                   f"{shown} (yêu cầu {sign} {_number(threshold)})")
        if criterion.kind == "below_ward_rate":
            if not totals.households:
                return CriterionResult(criterion.id, False, None, "Chưa có số liệu hộ của năm")
            share = totals.counts.get(code, 0) / totals.households * 100
            ward = ward_rate.get(code, 0.0)
            passed = share < ward or share == 0
            return CriterionResult(criterion.id, passed, share,
                                   f"{format_decimal(share, 2)}% so với"
                                   f" {format_decimal(ward, 2)}% của phường/xã")
        if criterion.kind == "consecutive_years":
            needed = int(rule.get("years", 1))
            return CriterionResult(criterion.id, streak >= needed, streak,
                                   f"Đạt {streak} năm liên tục (yêu cầu {needed})")
        return CriterionResult(criterion.id, None, None, "")


def replace_rule(criterion: Criterion, **rule: Any) -> Criterion:
    """A copy of a criterion with rule fields changed (for editors and tests)."""
    return dataclasses.replace(criterion, rule={**criterion.rule, **rule})
