"""The yearly evaluation of a group: self-assessment, ward review, city appraisal, decision.

Each stage holds one answer per criterion. Computed criteria fill themselves from the records
at the self-assessment; a reviewer may confirm or overturn any answer of the stage before. A
stage is locked once approved; changing it needs an explicit, recorded "reopen". The decision
recognises the groups whose appraisal passed: "new", or "maintained" when the group was
recognised the year before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storage.criteria import CriterionResult, Framework
from storage.errors import NotFound, ValidationError
from storage.text import nfc, parse_date
from storage.units import unit_sort_key

if TYPE_CHECKING:
    from storage.store import Store

STAGES = ("self", "ward", "city")
STAGE_LABELS = {"self": "Tự đánh giá", "ward": "Phường/xã xét", "city": "Thành phố thẩm định",
                "decided": "Đã có quyết định"}
RESULT_LABELS = {"new": "Công nhận mới", "maintained": "Công nhận duy trì",
                 "not_recognised": "Không công nhận", "pending": "Chưa xét xong"}


@dataclass(frozen=True)
class Answer:
    """One criterion's answer at one stage."""

    criterion_id: str
    stage: str
    passed: bool | None
    value: float | None = None
    evidence: str = ""
    note: str = ""


@dataclass(frozen=True)
class Approval:
    """An approve or reopen of a stage: who, when, why."""

    stage: str
    action: str
    actor: str
    at: str
    note: str


@dataclass
class Evaluation:
    """A group's evaluation in a year, with every stage's answers and approvals."""

    id: str
    group_id: str
    year: int
    framework_id: str
    stage: str  # the stage being worked on: self, ward, city, or decided
    proposed: bool
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)  # stage → criterion
    approvals: list[Approval] = field(default_factory=list)

    def approved(self, stage: str) -> bool:
        """Whether ``stage`` is approved now (its last approve is not followed by a reopen)."""
        state = False
        for approval in self.approvals:
            if approval.stage == stage:
                state = approval.action == "approve"
        return state

    def final_answers(self) -> dict[str, Answer]:
        """Per criterion, the answer of the latest stage that has one."""
        result: dict[str, Answer] = {}
        for stage in STAGES:
            result.update(self.answers.get(stage, {}))
        return result


@dataclass(frozen=True)
class BoardRow:
    """A line of the year's status board."""

    group_id: str
    group_name: str
    ward_id: str
    ward_name: str
    registered: bool
    stage: str | None
    passed: int
    total: int
    failed_required: tuple[str, ...]
    failed_other: tuple[str, ...]
    result: str  # new, maintained, not_recognised, pending; '' when not registered
    recognised_last_year: bool


def framework_passes(framework: Framework, answers: Mapping[str, Answer]) -> bool:
    """Whether answers meet the framework's rule (all required criteria, or the pass mark)."""
    if framework.pass_rule == "points":
        points = sum(c.points for c in framework.criteria
                     if answers.get(c.id) and answers[c.id].passed)
        return points >= (framework.pass_mark or 0)
    return all(bool(answers.get(c.id) and answers[c.id].passed)
               for c in framework.criteria if c.required)


class Evaluations:
    """The yearly cycle of every group, through the store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading ---------------------------------------------------------------------------

    def get(self, group_id: str, year: int) -> Evaluation | None:
        """The group's evaluation of ``year``, or None when it has not started."""
        rows = self.store.query(
            "SELECT * FROM evaluations WHERE group_id = ? AND year = ? AND deleted_at IS NULL",
            [group_id, year])
        if not rows:
            return None
        row = rows[0]
        evaluation = Evaluation(row["id"], group_id, year, row["framework_id"], row["stage"],
                                bool(row["proposed"]))
        for answer in self.store.query(
            "SELECT * FROM evaluation_answers WHERE evaluation_id = ? AND deleted_at IS NULL",
            [row["id"]]
        ):
            passed = None if answer["passed"] is None else bool(answer["passed"])
            evaluation.answers.setdefault(answer["stage"], {})[answer["criterion_id"]] = Answer(
                answer["criterion_id"], answer["stage"], passed, answer["value"],
                answer["evidence"], answer["note"])
        evaluation.approvals = [
            Approval(a["stage"], a["action"], a["actor"], a["at"], a["note"])
            for a in self.store.query(
                "SELECT * FROM stage_approvals WHERE evaluation_id = ? AND deleted_at IS NULL"
                " ORDER BY at, rowid", [row["id"]])
        ]
        return evaluation

    def board(self, year: int, ward_id: str | None = None) -> list[BoardRow]:
        """Every group of the year (of a ward) with its stage, criteria passed and result."""
        units = self.store.units
        scope = ward_id or units.city().id
        groups = units.groups_of(scope, year)
        registered = self.store.cycle.registered_group_ids(year)
        recognised = {r.group_id: r.kind for r in self.store.cycle.recognitions(year)}
        last_year = {r.group_id for r in self.store.cycle.recognitions(year - 1)}
        frameworks: dict[str, Framework] = {}
        wards = {w.id: w.name for w in units.in_year(year, "ward")}
        rows = []
        for group in groups:
            evaluation = self.get(group.id, year)
            failed_required: list[str] = []
            failed_other: list[str] = []
            passed = total = 0
            if evaluation is not None:
                framework = frameworks.setdefault(
                    evaluation.framework_id,
                    self.store.frameworks.get(evaluation.framework_id))
                answers = evaluation.final_answers()
                total = len(framework.criteria)
                for criterion in framework.criteria:
                    answer = answers.get(criterion.id)
                    if answer is not None and answer.passed:
                        passed += 1
                    elif criterion.required:
                        failed_required.append(criterion.code)
                    else:
                        failed_other.append(criterion.code)
            if group.id in recognised:
                result = recognised[group.id]
            elif evaluation is not None and evaluation.stage == "decided":
                result = "not_recognised"
            elif group.id in registered or evaluation is not None:
                result = "pending"
            else:
                result = ""
            rows.append(BoardRow(
                group.id, group.name, group.parent_id or "", wards.get(group.parent_id or "", ""),
                group.id in registered, evaluation.stage if evaluation else None, passed, total,
                tuple(failed_required), tuple(failed_other), result, group.id in last_year))
        return sorted(rows, key=lambda r: (unit_sort_key(r.ward_name), unit_sort_key(r.group_name)))

    def failing(self, year: int, recognised_only: bool = True) -> dict[str, list[str]]:
        """Criterion code → the groups failing it in ``year`` (as footnotes 44–49 list them)."""
        rows = self.board(year)
        result: dict[str, list[str]] = {}
        for row in rows:
            if recognised_only and row.result not in ("new", "maintained"):
                continue
            for code in (*row.failed_required, *row.failed_other):
                result.setdefault(code, []).append(row.group_id)
        return result

    def recompute(self, year: int, ward_id: str | None = None) -> int:
        """Refresh the computed answers of every self-assessment still open; how many.

        Approved stages are locked and keep what was approved.
        """
        scope = ward_id or self.store.units.city().id
        open_ones = [e for e in (self.get(g.id, year)
                                 for g in self.store.units.groups_of(scope, year))
                     if e is not None and not e.approved("self")]
        if not open_ones:
            return 0
        by_framework: dict[str, list[Evaluation]] = {}
        for evaluation in open_ones:
            by_framework.setdefault(evaluation.framework_id, []).append(evaluation)
        with self.store.action(f"Tính lại tiêu chí năm {year}"):
            for framework_id, evaluations in by_framework.items():
                framework = self.store.frameworks.get(framework_id)
                results = self.store.frameworks.compute(
                    framework.criteria, year, [e.group_id for e in evaluations])
                for evaluation in evaluations:
                    self.self_assess(evaluation.group_id, year, None,
                                     results[evaluation.group_id])
        return len(open_ones)

    # -- the cycle -------------------------------------------------------------------------

    def register(self, group_id: str, year: int, registered_on: str | None = None,
                 note: str = "") -> None:
        """Record a group's registration (đăng ký phấn đấu) for ``year``."""
        from storage.store import new_id

        group = self._group(group_id, year)
        if group_id in self.store.cycle.registered_group_ids(year):
            raise ValidationError(f"{group.name} đã đăng ký năm {year}.", "group_id")
        day = registered_on or dt.date.today().isoformat()
        parse_date(day)
        with self.store.action(f"Đăng ký phấn đấu năm {year}: {group.name}") as action:
            registration_id = new_id()
            row = {"id": registration_id, "group_id": group_id, "year": year,
                   "registered_on": day, "note": nfc(note)}
            self.store.db.table("registrations").insert(
                {**row, "owner_unit_id": group.parent_id, **action.stamp})
            action.audit("registrations", registration_id, "insert", row)

    def self_assess(self, group_id: str, year: int,
                    manual: Mapping[str, tuple[bool, str]] | None = None,
                    computed: Mapping[str, CriterionResult] | None = None) -> Evaluation:
        """Fill the self-assessment: computed criteria from the records, manual ones given.

        ``manual`` maps criterion id → (passed, note). Starts the evaluation when needed.
        ``computed`` may pass results already computed for many groups at once
        (``store.frameworks.compute``), as a whole year's run does.
        """
        group = self._group(group_id, year)
        if group_id not in self.store.cycle.registered_group_ids(year):
            raise ValidationError(f"{group.name} chưa đăng ký phấn đấu năm {year}.", "group_id")
        evaluation = self.get(group_id, year)
        framework = (self.store.frameworks.get(evaluation.framework_id) if evaluation
                     else self.store.frameworks.for_year(year))
        if evaluation is not None and evaluation.approved("self"):
            raise ValidationError("Phần tự đánh giá đã được duyệt; hãy mở lại trước khi sửa.",
                                  "stage")
        if computed is None:
            computed = self.store.frameworks.compute(framework.criteria, year,
                                                     [group_id])[group_id]
        with self.store.action(f"Tự đánh giá năm {year}: {group.name}") as action:
            evaluation_id = self._ensure(group_id, year, framework.id, group.parent_id, action)
            for criterion in framework.criteria:
                if criterion.computed:
                    result: CriterionResult = computed[criterion.id]
                    answer = Answer(criterion.id, "self", result.passed, result.value,
                                    result.evidence)
                else:
                    given = (manual or {}).get(criterion.id)
                    old = evaluation.answers.get("self", {}).get(criterion.id) if evaluation \
                        else None
                    if given is None and old is not None:
                        continue
                    answer = Answer(criterion.id, "self", given[0] if given else None,
                                    note=nfc(given[1]) if given else "")
                self._write_answer(evaluation_id, answer, group.parent_id, action)
        return self._required(group_id, year)

    def review(self, group_id: str, year: int, stage: str,
               answers: Mapping[str, tuple[bool, str]], proposed: bool | None = None) -> Evaluation:
        """The ward ('ward') or the city ('city') confirms or corrects criteria.

        Criteria not named keep the previous stage's answer.
        """
        if stage not in ("ward", "city"):
            raise ValidationError("Chỉ phường/xã hoặc thành phố mới xét lại.", "stage")
        evaluation = self._required(group_id, year)
        previous = STAGES[STAGES.index(stage) - 1]
        if not evaluation.approved(previous):
            raise ValidationError(f"Bước '{STAGE_LABELS[previous]}' chưa được duyệt.", "stage")
        if evaluation.approved(stage):
            raise ValidationError(f"Bước '{STAGE_LABELS[stage]}' đã được duyệt; hãy mở lại"
                                  " trước khi sửa.", "stage")
        framework = self.store.frameworks.get(evaluation.framework_id)
        group = self.store.units.get(group_id)
        base = evaluation.final_answers()
        with self.store.action(f"{STAGE_LABELS[stage]} năm {year}: {group.name}") as action:
            for criterion in framework.criteria:
                before = base.get(criterion.id)
                if criterion.id in answers:
                    passed, note = answers[criterion.id]
                    answer = Answer(criterion.id, stage, passed,
                                    before.value if before else None,
                                    before.evidence if before else "", nfc(note))
                elif before is not None:
                    answer = Answer(criterion.id, stage, before.passed, before.value,
                                    before.evidence, before.note)
                else:
                    continue
                self._write_answer(evaluation.id, answer, self._owner(stage, group), action)
            if proposed is not None and stage == "ward":
                self.store.db.table("evaluations").update(
                    evaluation.id, {"proposed": int(proposed), **action.stamp})
                action.audit("evaluations", evaluation.id, "update", {"proposed": proposed})
        return self._required(group_id, year)

    def approve(self, group_id: str, year: int, stage: str, note: str = "") -> Evaluation:
        """Approve (lock) a stage; the evaluation moves on to the next stage."""
        evaluation = self._required(group_id, year)
        if stage not in STAGES:
            raise ValidationError("Bước không hợp lệ.", "stage")
        if evaluation.approved(stage):
            raise ValidationError(f"Bước '{STAGE_LABELS[stage]}' đã được duyệt.", "stage")
        if stage not in evaluation.answers:
            raise ValidationError(f"Bước '{STAGE_LABELS[stage]}' chưa có đánh giá.", "stage")
        framework = self.store.frameworks.get(evaluation.framework_id)
        unanswered = [c.code for c in framework.criteria
                      if evaluation.final_answers().get(c.id) is None
                      or evaluation.final_answers()[c.id].passed is None]
        if unanswered:
            raise ValidationError("Còn tiêu chí chưa đánh giá: " + ", ".join(unanswered) + ".",
                                  "answers")
        if stage != "self" and not evaluation.approved(STAGES[STAGES.index(stage) - 1]):
            raise ValidationError("Bước trước chưa được duyệt.", "stage")
        next_stage = STAGES[STAGES.index(stage) + 1] if stage != "city" else "city"
        self._approval(evaluation, stage, "approve", note, next_stage)
        return self._required(group_id, year)

    def reopen(self, group_id: str, year: int, stage: str, reason: str) -> Evaluation:
        """Unlock an approved stage (the reason is recorded); later stages reopen too."""
        evaluation = self._required(group_id, year)
        if not nfc(reason):
            raise ValidationError("Cần ghi lý do mở lại.", "note")
        if not evaluation.approved(stage):
            raise ValidationError(f"Bước '{STAGE_LABELS[stage]}' chưa được duyệt.", "stage")
        if evaluation.stage == "decided":
            raise ValidationError("Năm này đã có quyết định công nhận; không mở lại được.",
                                  "stage")
        self._approval(evaluation, stage, "reopen", reason, stage)
        return self._required(group_id, year)

    def decide(self, year: int, number: str, signed_on: str, signer_name: str,
               signer_title: str = "CHỦ TỊCH", issuing_body: str = "",
               unit_id: str | None = None) -> list[tuple[str, str]]:
        """Record the year's decision: every evaluation whose appraisal is approved ends here.

        Groups that pass are recognised ('maintained' if recognised the year before, else
        'new'); returns (group id, kind) of the recognised ones.
        """
        from storage.store import new_id

        if not nfc(number):
            raise ValidationError("Chưa nhập số quyết định.", "number")
        parse_date(signed_on)
        unit = self.store.units.get(unit_id) if unit_id else self.store.units.city()
        evaluations = (self.get(g.id, year) for g in self.store.units.groups_of(unit.id, year))
        ready = [e for e in evaluations
                 if e is not None and e.approved("city") and e.stage != "decided"]
        if not ready:
            raise ValidationError(f"Năm {year} không có phiếu nào đã thẩm định xong.", "year")
        previous = {r.group_id for r in self.store.cycle.recognitions(year - 1)}
        recognised: list[tuple[str, str]] = []
        with self.store.action(f"Quyết định công nhận năm {year}") as action:
            decision_id = new_id()
            decision = {"id": decision_id, "unit_id": unit.id, "year": year, "number": nfc(number),
                        "signed_on": signed_on, "signer_name": nfc(signer_name),
                        "signer_title": nfc(signer_title), "issuing_body": nfc(issuing_body)}
            self.store.db.table("decisions").insert({**decision, "owner_unit_id": unit.id,
                                                     **action.stamp})
            action.audit("decisions", decision_id, "insert", decision)
            for evaluation in ready:
                framework = self.store.frameworks.get(evaluation.framework_id)
                if framework_passes(framework, evaluation.final_answers()):
                    kind = "maintained" if evaluation.group_id in previous else "new"
                    recognition_id = new_id()
                    row = {"id": recognition_id, "group_id": evaluation.group_id, "year": year,
                           "decision_id": decision_id, "kind": kind}
                    self.store.db.table("recognitions").insert({**row, "owner_unit_id": unit.id,
                                                                **action.stamp})
                    action.audit("recognitions", recognition_id, "insert", row)
                    recognised.append((evaluation.group_id, kind))
                self.store.db.table("evaluations").update(evaluation.id,
                                                          {"stage": "decided", **action.stamp})
                action.audit("evaluations", evaluation.id, "update", {"stage": "decided"})
        return recognised

    # -- helpers ---------------------------------------------------------------------------

    def _group(self, group_id: str, year: int) -> Any:
        group = self.store.units.get(group_id)
        if group.level != "group" or not group.exists_in(year):
            raise ValidationError(f"{group.name} không phải tổ dân phố/bản của năm {year}.",
                                  "group_id")
        return group

    def _required(self, group_id: str, year: int) -> Evaluation:
        evaluation = self.get(group_id, year)
        if evaluation is None:
            raise NotFound(f"Chưa có phiếu đánh giá năm {year} của tổ này.")
        return evaluation

    def _owner(self, stage: str, group: Any) -> str | None:
        # The ward owns its groups' self-assessment and review; the city its appraisal.
        return self.store.units.city().id if stage == "city" else group.parent_id

    def _ensure(self, group_id: str, year: int, framework_id: str, owner: str | None,
                action: Any) -> str:
        from storage.store import new_id

        row = self.store.db.execute(
            "SELECT id FROM evaluations WHERE group_id = ? AND year = ? AND deleted_at IS NULL",
            [group_id, year]).fetchone()
        if row:
            return str(row[0])
        evaluation = {"id": new_id(), "group_id": group_id, "year": year,
                      "framework_id": framework_id, "stage": "self", "proposed": 0}
        self.store.db.table("evaluations").insert({**evaluation, "owner_unit_id": owner,
                                                   **action.stamp})
        action.audit("evaluations", evaluation["id"], "insert", evaluation)
        return str(evaluation["id"])

    def _write_answer(self, evaluation_id: str, answer: Answer, owner: str | None,
                      action: Any) -> None:
        from storage.store import new_id

        existing = self.store.db.execute(
            "SELECT id FROM evaluation_answers WHERE evaluation_id = ? AND criterion_id = ?"
            " AND stage = ?", [evaluation_id, answer.criterion_id, answer.stage]).fetchone()
        row = {"id": existing[0] if existing else new_id(), "evaluation_id": evaluation_id,
               "criterion_id": answer.criterion_id, "stage": answer.stage,
               "passed": None if answer.passed is None else int(answer.passed),
               "value": answer.value, "evidence": answer.evidence, "note": answer.note}
        self.store.upsert("evaluation_answers",
                          {**row, "owner_unit_id": owner, "deleted_at": None, **action.stamp},
                          ("id",))
        action.audit("evaluation_answers", row["id"], "update" if existing else "insert", row)

    def _approval(self, evaluation: Evaluation, stage: str, kind: str, note: str,
                  next_stage: str) -> None:
        from storage.store import new_id

        group = self.store.units.get(evaluation.group_id)
        label = "Duyệt" if kind == "approve" else "Mở lại"
        with self.store.action(f"{label} {STAGE_LABELS[stage]} năm {evaluation.year}:"
                               f" {group.name}") as action:
            row = {"id": new_id(), "evaluation_id": evaluation.id, "stage": stage,
                   "action": kind, "actor": self.store.actor, "at": action.now,
                   "note": nfc(note)}
            self.store.db.table("stage_approvals").insert(
                {**row, "owner_unit_id": self._owner(stage, group), **action.stamp})
            action.audit("stage_approvals", row["id"], "insert", row)
            if kind == "reopen":
                # Reopening a stage reopens the stages after it: they judged its answers.
                for later in STAGES[STAGES.index(stage) + 1:]:
                    if evaluation.approved(later):
                        later_row = {**row, "id": new_id(), "stage": later}
                        self.store.db.table("stage_approvals").insert(
                            {**later_row, "owner_unit_id": self._owner(later, group),
                             **action.stamp})
                        action.audit("stage_approvals", later_row["id"], "insert", later_row)
            self.store.db.table("evaluations").update(evaluation.id, {"stage": next_stage,
                                                                      **action.stamp})
