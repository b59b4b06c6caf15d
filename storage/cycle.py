"""The yearly recognition cycle: registrations, decisions, recognitions, targets, summaries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storage.errors import NotFound, ValidationError
from storage.model import Decision, Recognition, YearSummary
from storage.sql import LIVE_STATUS_ROWS
from storage.text import nfc
from storage.units import unit_sort_key

if TYPE_CHECKING:
    from storage.store import Store


class Cycle:
    """Registrations, decisions and recognitions of groups, targets, and year summaries."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading ---------------------------------------------------------------------------

    def recognitions(self, year: int, unit_id: str | None = None) -> list[Recognition]:
        """The groups recognised in ``year`` (under a unit when given)."""
        rows = self.store.query(
            "SELECT * FROM recognitions WHERE year = ? AND deleted_at IS NULL", [year]
        )
        allowed = self._group_ids(year, unit_id)
        return [
            Recognition(row["id"], row["group_id"], row["year"], row["kind"], row["decision_id"])
            for row in rows
            if allowed is None or row["group_id"] in allowed
        ]

    def decisions(self, year: int) -> list[Decision]:
        """The recognition decisions of ``year``."""
        rows = self.store.query(
            "SELECT * FROM decisions WHERE year = ? AND deleted_at IS NULL ORDER BY signed_on",
            [year],
        )
        return [
            Decision(
                row["id"],
                row["unit_id"],
                row["year"],
                row["number"],
                row["signed_on"],
                row["signer_name"],
                row["signer_title"],
                row["issuing_body"],
            )
            for row in rows
        ]

    def latest_recognition_year(self) -> int | None:
        """The last year with recognised groups (the last finished cycle), or None."""
        row = self.store.db.execute(
            "SELECT MAX(year) FROM recognitions WHERE deleted_at IS NULL").fetchone()
        return row[0] if row else None

    def registered_group_ids(self, year: int) -> set[str]:
        """The groups registered (đăng ký phấn đấu) in ``year``."""
        rows = self.store.db.execute(
            "SELECT group_id FROM registrations WHERE year = ? AND deleted_at IS NULL", [year]
        ).fetchall()
        return {row[0] for row in rows}

    def target(self, unit_id: str, year: int, kind: str = "year") -> tuple[int, int, int] | None:
        """(recognised-groups target, first year, last year) of a unit for ``year``, or None."""
        row = self.store.db.execute(
            "SELECT recognised_groups, year_from, year_to FROM targets WHERE unit_id = ?"
            " AND kind = ? AND year_from <= ? AND year_to >= ? AND deleted_at IS NULL"
            " ORDER BY year_to - year_from LIMIT 1",
            [unit_id, kind, year, year],
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def summary(self, year: int, unit_id: str | None = None) -> YearSummary:
        """The year's figures for the city (default) or one ward or group."""
        units = self.store.units
        unit = units.get(unit_id) if unit_id else units.city()
        if not unit.exists_in(year):
            raise NotFound(f"{unit.name} không tồn tại trong năm {year}.")
        groups = units.groups_of(unit.id, year)
        group_ids = {group.id for group in groups}
        recognitions = [r for r in self.recognitions(year) if r.group_id in group_ids]
        registered = self.registered_group_ids(year) & group_ids
        marks = ",".join("?" * len(group_ids))
        households, cultural, poor, near_poor = self.store.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(hy.cultural_family), 0),"
            " COALESCE(SUM(hy.poverty = 'poor'), 0), COALESCE(SUM(hy.poverty = 'near_poor'), 0)"
            " FROM household_years hy"
            f" WHERE hy.year = ? AND hy.group_id IN ({marks})"
            " AND hy.deleted_at IS NULL"
            f" AND {LIVE_STATUS_ROWS}",
            [year, *group_ids],
        ).fetchone()
        year_target = self.target(unit.id, year, "year")
        plan_target = self.target(unit.id, year, "plan")
        by_id = {group.id: group for group in groups}
        recognised_groups = sorted(
            (by_id[r.group_id] for r in recognitions),
            key=lambda group: (
                unit_sort_key(units.get(group.parent_id or "").name),
                unit_sort_key(group.name),
            ),
        )
        names = [units.full_name(group) for group in recognised_groups]
        return YearSummary(
            year=year,
            unit_id=unit.id,
            unit_name=unit.name,
            groups=len(groups),
            registered=len(registered),
            recognised=len(recognitions),
            recognised_new=sum(r.kind == "new" for r in recognitions),
            recognised_maintained=sum(r.kind == "maintained" for r in recognitions),
            year_target=year_target[0] if year_target else None,
            plan_target=plan_target[0] if plan_target else None,
            plan_period=(plan_target[1], plan_target[2]) if plan_target else None,
            households=households,
            cultural_families=cultural,
            poor=poor,
            near_poor=near_poor,
            recognised_names=names,
        )

    # -- writing ---------------------------------------------------------------------------

    def set_target(
        self,
        unit_id: str,
        kind: str,
        year_from: int,
        year_to: int,
        recognised_groups: int,
        note: str = "",
    ) -> None:
        """Set a unit's yearly target (year_from = year_to) or plan-period target."""
        from storage.store import new_id

        if kind not in ("year", "plan") or year_to < year_from or recognised_groups < 0:
            raise ValidationError("Chỉ tiêu không hợp lệ.")
        if kind == "year" and year_from != year_to:
            raise ValidationError("Chỉ tiêu năm chỉ áp dụng cho một năm.")
        with self.store.action(f"Đặt chỉ tiêu {year_from}-{year_to}") as action:
            action.tombstone("targets", "unit_id = ? AND kind = ? AND year_from = ?"
                             " AND year_to = ?", [unit_id, kind, year_from, year_to])
            row: dict[str, Any] = {
                "id": new_id(),
                "unit_id": unit_id,
                "kind": kind,
                "year_from": year_from,
                "year_to": year_to,
                "recognised_groups": recognised_groups,
                "note": nfc(note),
            }
            self.store.db.table("targets").insert({**row, "owner_unit_id": unit_id, **action.stamp})
            action.audit("targets", row["id"], "insert", row)

    def _group_ids(self, year: int, unit_id: str | None) -> set[str] | None:
        if unit_id is None:
            return None
        return {group.id for group in self.store.units.groups_of(unit_id, year)}
