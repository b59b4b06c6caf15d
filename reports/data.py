"""Plain data for the documents, read from the store.

The renderers (certificate, ward and city summaries, Excel) take these dataclasses and never
the store, so they can be tested with hand-made data and run without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storage.certificates import Certificate, IssuerSettings
from storage.errors import NotFound
from storage.evaluation import RESULT_LABELS, STAGE_LABELS
from storage.text import parse_date
from storage.units import unit_sort_key

if TYPE_CHECKING:
    from storage.criteria import Criterion
    from storage.model import Unit
    from storage.store import Store

FIRST_PLAN_YEAR = 2021


@dataclass(frozen=True)
class CertificateData:
    """What one printed certificate shows."""

    certificate_id: str
    year: int
    recipient: str
    kind: str  # new / maintained
    maintained_since: int | None
    register_number: str
    reprint_number: int
    decision_number: str
    decision_date: dt.date | None
    qr_text: str


@dataclass(frozen=True)
class Header:
    """The two-column header of an administrative document and its signature block."""

    parent_body: str  # "ỦY BAN NHÂN DÂN" (upper line of the issuing body, may be empty)
    issuing_body: str  # "ỦY BAN NHÂN DÂN\nPHƯỜNG TÂN PHONG" (a line break where it is printed)
    number_suffix: str  # "BC-UBND"
    place: str  # "Tân Phong"
    date: dt.date
    signer_capacity: str = "TM. ỦY BAN NHÂN DÂN"
    signer_title: str = "CHỦ TỊCH"
    signer_name: str = ""
    recipients: tuple[str, ...] = ()
    archive: str = "VT"  # "- Lưu: VT, …."


@dataclass(frozen=True)
class YearCount:
    """Recognised groups of one year: new and maintained."""

    year: int
    new: int
    maintained: int

    @property
    def total(self) -> int:
        """New plus maintained."""
        return self.new + self.maintained


@dataclass(frozen=True)
class GroupLine:
    """A group in the ward summary: its cycle and its household indicators."""

    name: str
    stage: str
    passed: int
    total: int
    result: str
    failed: tuple[str, ...]
    households: int
    cultural_families: int
    poor: int
    near_poor: int
    antt: int


@dataclass(frozen=True)
class WardSummaryData:
    """The ward's yearly report."""

    year: int
    ward_name: str
    header: Header
    groups: list[GroupLine]
    history: list[YearCount]


@dataclass(frozen=True)
class WardLine:
    """A ward in the city summary."""

    name: str
    groups: int
    registered: int
    recognised_new: int
    recognised_maintained: int
    households: int
    cultural_families: int
    poor: int
    near_poor: int
    history: list[YearCount] = field(default_factory=list)


@dataclass(frozen=True)
class YearLine:
    """A year of the plan period in the city summary, with the recognised groups by ward."""

    year: int
    groups: int
    registered: int
    new: int
    maintained: int
    year_target: int | None
    names_by_ward: list[tuple[str, list[str]]]  # (ward name, group names)

    @property
    def recognised(self) -> int:
        """New plus maintained."""
        return self.new + self.maintained


@dataclass(frozen=True)
class FailingCriterion:
    """A non-required criterion and the recognised groups that still fail it, by ward."""

    code: str
    name: str
    groups_by_ward: list[tuple[str, list[str]]]

    @property
    def count(self) -> int:
        """How many groups fail it."""
        return sum(len(names) for _, names in self.groups_by_ward)


@dataclass(frozen=True)
class CitySummaryData:
    """The city's yearly report."""

    year: int
    city_name: str
    header: Header
    years: list[YearLine]
    year_target: int | None
    plan_target: int | None
    plan_period: tuple[int, int] | None
    wards: list[WardLine]
    failing: list[FailingCriterion]

    @property
    def current(self) -> YearLine:
        """The line of the report's year."""
        return self.years[-1]


# -- builders -----------------------------------------------------------------------------------


def certificate_data(certificates: list[Certificate]) -> list[CertificateData]:
    """The printable data of register rows (from ``store.certificates.issue``)."""
    return [
        CertificateData(
            certificate_id=c.id,
            year=c.year,
            recipient=c.recipient,
            kind=c.kind,
            maintained_since=c.maintained_since,
            register_number=c.register_number,
            reprint_number=c.reprint_number,
            decision_number=c.decision_number,
            decision_date=parse_date(c.decision_signed_on) if c.decision_signed_on else None,
            qr_text=c.qr_text,
        )
        for c in certificates
    ]


def issuer_settings(store: Store, year: int) -> IssuerSettings:
    """The certificate settings of ``year`` (saved values, the rest from the data)."""
    return store.certificates.settings(year)


def _lower_generic(name: str) -> str:
    """ "Phường Tân Phong" -> "phường Tân Phong" (generic noun in lower case inside a text)."""
    return name[:1].lower() + name[1:]


def _place(name: str) -> str:
    """The place of a place-and-date line: the unit name without its generic noun."""
    for generic in ("Thành phố ", "Phường ", "Xã ", "Thị trấn ", "Thị xã ", "Tỉnh "):
        if name.startswith(generic):
            return name[len(generic):]
    return name


def _histories(store: Store, year: int) -> dict[str, list[YearCount]]:
    """Ward id -> recognised groups per year from the plan's first year to ``year``.

    Counted from the recognitions alone (one query per year): the year summaries would also
    count every ward's households, which a chart does not need.
    """
    units = {unit.id: unit for unit in store.units.all()}
    counts: dict[str, dict[int, list[int]]] = {}
    for y in range(FIRST_PLAN_YEAR, year + 1):
        for recognition in store.cycle.recognitions(y):
            group = units.get(recognition.group_id)
            if group is None or group.parent_id is None:
                continue
            per_year = counts.setdefault(group.parent_id, {}).setdefault(y, [0, 0])
            per_year[0 if recognition.kind == "new" else 1] += 1
    return {
        ward_id: [YearCount(y, *per_year.get(y, [0, 0]))
                  for y in range(FIRST_PLAN_YEAR, year + 1)]
        for ward_id, per_year in counts.items()
    }


def _history(store: Store, unit_id: str, year: int) -> list[YearCount]:
    """Recognised groups per year of one ward."""
    empty = [YearCount(y, 0, 0) for y in range(FIRST_PLAN_YEAR, year + 1)]
    return _histories(store, year).get(unit_id, empty)


def _names_by_ward(store: Store, group_ids: list[str], year: int) -> list[tuple[str, list[str]]]:
    """Group names by ward, wards and groups in Vietnamese order (the report's footnotes)."""
    units = store.units
    by_ward: dict[str, list[Unit]] = {}
    wards: dict[str, Unit] = {}
    for group_id in group_ids:
        group = units.get(group_id)
        ward = units.get(group.parent_id) if group.parent_id else group
        wards[ward.id] = ward
        by_ward.setdefault(ward.id, []).append(group)
    ordered = sorted(wards.values(), key=lambda w: unit_sort_key(w.name))
    return [
        (ward.name, [g.name for g in sorted(by_ward[ward.id], key=lambda g: unit_sort_key(g.name))])
        for ward in ordered
    ]


def ward_summary_data(store: Store, year: int, ward_id: str,
                      date: dt.date | None = None) -> WardSummaryData:
    """The ward report's data for ``year``."""
    ward = store.units.get(ward_id)
    city = store.units.city()
    lines = []
    for row in store.evaluations.board(year, ward_id):
        indicators = store.groups.indicators(row.group_id, year)
        # As the status board shows them: required criteria plain, the others in brackets.
        failed = (*row.failed_required, *(f"({code})" for code in row.failed_other))
        lines.append(GroupLine(
            name=row.group_name,
            stage=STAGE_LABELS.get(row.stage or "", "Chưa đánh giá"),
            passed=row.passed,
            total=row.total,
            result=RESULT_LABELS.get(row.result, "Không đăng ký"),
            failed=failed,
            households=indicators.households,
            cultural_families=indicators.cultural_families,
            poor=indicators.poor,
            near_poor=indicators.near_poor,
            antt=indicators.antt_commitment,
        ))
    header = Header(
        parent_body="",
        issuing_body=f"ỦY BAN NHÂN DÂN\n{ward.name.upper()}",
        number_suffix="BC-UBND",
        place=_place(ward.name),
        date=date or dt.date.today(),
        recipients=(f"UBND {_lower_generic(city.name)}", "Phòng Nội vụ thành phố",
                    "Đảng ủy, HĐND " + _lower_generic(ward.name)),
        archive="VT, VP",
    )
    return WardSummaryData(year, ward.name, header, lines, _history(store, ward_id, year))


def city_summary_data(store: Store, year: int, date: dt.date | None = None) -> CitySummaryData:
    """The city report's data for ``year``: the plan period so far, wards, failing criteria."""
    city = store.units.city()
    current = store.cycle.summary(year)
    years = [line for y in range(FIRST_PLAN_YEAR, year + 1)
             if (line := _year_line(store, city, y)) is not None]
    wards = []
    histories = _histories(store, year)
    empty = [YearCount(y, 0, 0) for y in range(FIRST_PLAN_YEAR, year + 1)]
    for ward in store.units.in_year(year, "ward"):
        figures = store.cycle.summary(year, ward.id)
        wards.append(WardLine(ward.name, figures.groups, figures.registered,
                              figures.recognised_new, figures.recognised_maintained,
                              figures.households, figures.cultural_families, figures.poor,
                              figures.near_poor, histories.get(ward.id, empty)))
    criteria = {c.code: c for c in _criteria(store, year)}
    failing = []
    for code, group_ids in store.evaluations.failing(year).items():
        criterion = criteria.get(code)
        if criterion is None or criterion.required:
            continue  # a recognised group passes every required criterion
        failing.append(FailingCriterion(code, criterion.name,
                                        _names_by_ward(store, group_ids, year)))
    failing.sort(key=lambda f: [int(p) if p.isdigit() else p for p in f.code.split(".")])
    decisions = store.cycle.decisions(year)
    signer = decisions[-1] if decisions else None
    header = Header(
        parent_body="",
        issuing_body=f"ỦY BAN NHÂN DÂN\n{city.name.upper()}",
        number_suffix="BC-UBND",
        place=_place(city.name),
        date=date or dt.date.today(),
        signer_title=signer.signer_title if signer and signer.signer_title else "CHỦ TỊCH",
        signer_name=signer.signer_name if signer else "",
        recipients=("Thường trực Thành ủy", "Thường trực HĐND thành phố",
                    "Chủ tịch, các PCT UBND thành phố", "UBND các phường, xã"),
        archive="VT, NV",
    )
    return CitySummaryData(year, city.name, header, years, current.year_target,
                           current.plan_target, current.plan_period, wards, failing)


def _year_line(store: Store, city: Unit, year: int) -> YearLine | None:
    """A year's line of the city summary; None when the city did not exist that year.

    The figures ``store.cycle.summary`` gives, without its household counts: those read every
    household's status row of the year (about a second a year for 100.000 households) and
    this line does not show them.
    """
    if not city.exists_in(year):
        return None
    cycle = store.cycle
    group_ids = {group.id for group in store.units.groups_of(city.id, year)}
    recognitions = [r for r in cycle.recognitions(year) if r.group_id in group_ids]
    target = cycle.target(city.id, year, "year")
    return YearLine(
        year, len(group_ids), len(cycle.registered_group_ids(year) & group_ids),
        sum(r.kind == "new" for r in recognitions),
        sum(r.kind == "maintained" for r in recognitions),
        target[0] if target else None,
        _names_by_ward(store, [r.group_id for r in recognitions], year))


def _criteria(store: Store, year: int) -> list[Criterion]:
    try:
        return store.frameworks.for_year(year).criteria
    except NotFound:
        return []
