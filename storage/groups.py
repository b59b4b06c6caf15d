"""The group profile (hồ sơ tổ dân phố, bản): a group's yearly facts, officers and indicators."""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storage.errors import ValidationError
from storage.model import PARTY_CELL_RATINGS, LineageEvent, Unit
from storage.sql import LIVE_STATUS_ROWS
from storage.text import fold, format_date, nfc, parse_date

if TYPE_CHECKING:
    from storage.store import Action, Store

# The count columns of group_years, with the labels the GUI and the messages use.
COUNT_FIELDS = {
    "security_team_size": "Thành viên tổ bảo vệ ANTT ở cơ sở",
    "mediators": "Hòa giải viên",
    "mediation_received": "Vụ việc hòa giải tiếp nhận",
    "mediation_settled": "Vụ việc hòa giải thành",
    "civilised_streets": "Tuyến phố văn minh",
    "civilised_streets_failing": "Tuyến phố chưa đạt văn minh",
    "clean_street_groups": "Tổ tự quản đường phố xanh, sạch, đẹp",
    "mass_complaints": "Vụ khiếu kiện đông người",
    "law_violations": "Vụ vi phạm pháp luật",
    "child_accident_deaths": "Trẻ em tử vong do tai nạn",
}
FLAG_FIELDS = {
    "cultural_title": "Đạt danh hiệu Tổ dân phố/Bản văn hóa",
    "antt_safe_title": "Đạt danh hiệu An toàn về an ninh, trật tự",
}
TEXT_FIELDS = {
    "economic_models": "Mô hình phát triển kinh tế",
    "ocop_products": "Sản phẩm OCOP",
}
# Every editable column of group_years, in the order of the form.
YEAR_FIELDS = ("party_cell_rating", *FLAG_FIELDS, *COUNT_FIELDS, *TEXT_FIELDS)

# What a lineage event did, as the first words of a sentence about a unit it started from.
LINEAGE_KIND_LABELS = {
    "split": "Chia tách",
    "merge": "Sáp nhập",
    "rename": "Đổi tên",
    "move": "Chuyển",
    "create": "Thành lập",
    "dissolve": "Giải thể",
}
# How a unit that resulted from an event came to be ("Thành lập ngày … do chia tách từ …").
_ORIGIN_PHRASES = {
    "split": "Thành lập ngày {date} do chia tách từ {units}",
    "merge": "Thành lập ngày {date} do sáp nhập {units}",
    "rename": "Đổi tên ngày {date} từ {units}",
    "move": "Chuyển về ngày {date} từ {units}",
    "create": "Thành lập ngày {date}",
    "dissolve": "Nhận các hộ của {units} (giải thể) ngày {date}",
}


@dataclass
class GroupYear:
    """The editable facts of one group in one year (a row of group_years)."""

    group_id: str
    year: int
    party_cell_rating: str = ""
    cultural_title: bool = False
    antt_safe_title: bool = False
    security_team_size: int = 0
    mediators: int = 0
    mediation_received: int = 0
    mediation_settled: int = 0
    civilised_streets: int = 0
    civilised_streets_failing: int = 0
    clean_street_groups: int = 0
    mass_complaints: int = 0
    law_violations: int = 0
    child_accident_deaths: int = 0
    economic_models: str = ""
    ocop_products: str = ""


@dataclass
class Officer:
    """A key person of a group in a year: a role (Bí thư chi bộ, Tổ trưởng …) and a name."""

    role: str
    full_name: str
    id: str = ""


@dataclass(frozen=True)
class GroupIndicators:
    """Household counts of a group in a year, computed from the households' yearly statuses."""

    households: int = 0
    cultural_families: int = 0
    poor: int = 0
    near_poor: int = 0
    antt_commitment: int = 0
    urban_rules_commitment: int = 0
    waste_container: int = 0
    clean_house: int = 0
    learning_family: int = 0
    third_child: int = 0

    def _share(self, part: int) -> float | None:
        return part / self.households * 100 if self.households else None

    @property
    def cultural_share(self) -> float | None:
        """Cultural families as a percentage of households (None without households)."""
        return self._share(self.cultural_families)

    @property
    def poor_share(self) -> float | None:
        """Poor households as a percentage of households."""
        return self._share(self.poor)

    @property
    def near_poor_share(self) -> float | None:
        """Near-poor households as a percentage of households."""
        return self._share(self.near_poor)

    @property
    def antt_share(self) -> float | None:
        """Households that signed the security (ANTT) commitment, as a percentage."""
        return self._share(self.antt_commitment)

    @property
    def urban_rules_share(self) -> float | None:
        """Households that signed the urban rules commitment, as a percentage."""
        return self._share(self.urban_rules_commitment)

    @property
    def waste_container_share(self) -> float | None:
        """Households with a waste container, as a percentage."""
        return self._share(self.waste_container)

    @property
    def clean_house_share(self) -> float | None:
        """Households with a clean house and garden, as a percentage."""
        return self._share(self.clean_house)

    @property
    def learning_family_share(self) -> float | None:
        """Learning families as a percentage of households."""
        return self._share(self.learning_family)


def clean_text(text: str) -> str:
    """A multi-line text in NFC, each line's outer spaces and the empty first/last lines gone."""
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines()]
    return "\n".join(lines).strip("\n")


def validate_group_year(group_year: GroupYear) -> GroupYear:
    """Return a normalised copy of ``group_year`` or raise ValidationError naming the field."""
    if group_year.party_cell_rating not in PARTY_CELL_RATINGS:
        raise ValidationError(
            f"Xếp loại chi bộ '{group_year.party_cell_rating}' không hợp lệ.", "party_cell_rating"
        )
    for name, label in COUNT_FIELDS.items():
        value = getattr(group_year, name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{label}: cần một số nguyên.", name)
        if value < 0:
            raise ValidationError(f"{label} không được là số âm ({value}).", name)
    if group_year.mediation_settled > group_year.mediation_received:
        raise ValidationError(
            f"Số vụ việc hòa giải thành ({group_year.mediation_settled}) không được lớn hơn số"
            f" vụ việc tiếp nhận ({group_year.mediation_received}).",
            "mediation_settled",
        )
    # TEXT_FIELDS names str fields; mypy cannot match names taken from a dict to the fields.
    texts: dict[str, Any] = {name: clean_text(getattr(group_year, name)) for name in TEXT_FIELDS}
    return dataclasses.replace(
        group_year,
        cultural_title=bool(group_year.cultural_title),
        antt_safe_title=bool(group_year.antt_safe_title),
        **texts,
    )


def validate_officers(officers: list[Officer]) -> list[Officer]:
    """Return the officers with names and roles in NFC; a row missing either is refused."""
    cleaned = [
        dataclasses.replace(officer, role=nfc(officer.role), full_name=nfc(officer.full_name))
        for officer in officers
    ]
    for number, officer in enumerate(cleaned, start=1):
        if not officer.role:
            raise ValidationError(f"Dòng cán bộ thứ {number}: chưa nhập chức danh.", "officers")
        if not officer.full_name:
            raise ValidationError(
                f"Dòng cán bộ thứ {number} ({officer.role}): chưa nhập họ và tên.", "officers"
            )
    return cleaned


def find_double_roles(officers: list[Officer]) -> list[tuple[str, list[str]]]:
    """People holding two or more roles: (name as first written, [roles]), in list order.

    Names are compared folded (no accents, case or extra spaces), so "Lò Văn Hùng" and
    "lò văn  hùng" are one person; the same role written twice counts once.
    """
    people: dict[str, tuple[str, list[str]]] = {}
    for officer in officers:
        key = fold(officer.full_name)
        if not key:
            continue
        name, roles = people.setdefault(key, (nfc(officer.full_name), []))
        role = nfc(officer.role)
        if role and fold(role) not in {fold(r) for r in roles}:
            roles.append(role)
    return [(name, roles) for name, roles in people.values() if len(roles) >= 2]


def _join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def _year_from_row(row: Any) -> GroupYear:
    values: dict[str, Any] = {name: row[name] for name in YEAR_FIELDS}
    for name in FLAG_FIELDS:
        values[name] = bool(values[name])
    return GroupYear(group_id=row["group_id"], year=row["year"], **values)


class Groups:
    """Reading and writing group profiles; every write is one audited action."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading ---------------------------------------------------------------------------

    def year(self, group_id: str, year: int) -> GroupYear:
        """The group's facts of ``year``; the defaults (zeros, unrated) when none were saved."""
        rows = self.store.query(
            "SELECT * FROM group_years WHERE group_id = ? AND year = ? AND deleted_at IS NULL",
            [group_id, year],
        )
        return _year_from_row(rows[0]) if rows else GroupYear(group_id, year)

    def officers(self, group_id: str, year: int) -> list[Officer]:
        """The group's officers of ``year`` in the order they were entered."""
        rows = self.store.query(
            "SELECT id, role, full_name FROM group_officers"
            " WHERE group_id = ? AND year = ? AND deleted_at IS NULL ORDER BY rowid",
            [group_id, year],
        )
        return [Officer(row["role"], row["full_name"], row["id"]) for row in rows]

    def double_roles(self, group_id: str, year: int) -> list[tuple[str, list[str]]]:
        """People holding two or more roles in the group in ``year``: (name, [roles])."""
        return find_double_roles(self.officers(group_id, year))

    def indicators(self, group_id: str, year: int) -> GroupIndicators:
        """The household counts of the group in ``year`` (households not deleted)."""
        row = self.store.query(
            "SELECT COUNT(*) AS households,"
            " COALESCE(SUM(hy.cultural_family), 0) AS cultural_families,"
            " COALESCE(SUM(hy.poverty = 'poor'), 0) AS poor,"
            " COALESCE(SUM(hy.poverty = 'near_poor'), 0) AS near_poor,"
            " COALESCE(SUM(hy.antt_commitment), 0) AS antt_commitment,"
            " COALESCE(SUM(hy.urban_rules_commitment), 0) AS urban_rules_commitment,"
            " COALESCE(SUM(hy.waste_container), 0) AS waste_container,"
            " COALESCE(SUM(hy.clean_house), 0) AS clean_house,"
            " COALESCE(SUM(hy.learning_family), 0) AS learning_family,"
            " COALESCE(SUM(hy.third_child), 0) AS third_child"
            " FROM household_years hy"
            " WHERE hy.group_id = ? AND hy.year = ?"
            " AND hy.deleted_at IS NULL"
            f" AND {LIVE_STATUS_ROWS}",
            [group_id, year],
        )[0]
        return GroupIndicators(**{key: int(row[key]) for key in row.keys()})

    def lineage_sentences(self, group_id: str) -> list[str]:
        """One sentence per lineage event of the group, oldest first.

        A group created by an event: "Thành lập ngày 20/07/2022 do chia tách từ Tổ dân phố số
        22, căn cứ Nghị quyết …". A group an event started from: "Chia tách ngày 20/07/2022
        thành Tổ dân phố số 22 và Tổ dân phố số 27, căn cứ …". When an event has several
        sources (or results), only those whose households moved to (or from) this group are
        named; all of them when the households tell nothing.
        """
        unit = self.store.units.get(group_id)
        return [
            self._lineage_sentence(unit, event) for event in self.store.units.lineage_of(group_id)
        ]

    def _lineage_sentence(self, unit: Unit, event: LineageEvent) -> str:
        try:
            date = format_date(parse_date(event.event_date))
        except ValueError:
            date = event.event_date
        if unit.id in event.result_ids and unit.id not in event.source_ids:
            sources = self._related(unit.id, event.source_ids, event.effective_year, "from")
            sentence = _ORIGIN_PHRASES.get(event.kind, _ORIGIN_PHRASES["split"]).format(
                date=date, units=_join_names(self._names(unit, sources))
            )
        else:
            results = self._related(unit.id, event.result_ids, event.effective_year, "to")
            label = LINEAGE_KIND_LABELS.get(event.kind, event.kind)
            sentence = f"{label} ngày {date}"
            if results and event.kind != "dissolve":
                sentence += f" thành {_join_names(self._names(unit, results))}"
        if event.legal_basis:
            sentence += f", căn cứ {event.legal_basis}"
        return sentence + "."

    def _related(self, group_id: str, others: tuple[str, ...], year: int, way: str) -> list[str]:
        """The units of ``others`` that households moved between with this group in ``year``."""
        if len(others) <= 1:
            return list(others)
        marks = ",".join("?" * len(others))
        this, other = ("cur", "prev") if way == "from" else ("prev", "cur")
        rows = self.store.query(
            f"SELECT DISTINCT {other}.group_id AS unit_id FROM household_years cur"
            " JOIN household_years prev ON prev.household_id = cur.household_id"
            " AND prev.year = cur.year - 1 AND prev.deleted_at IS NULL"
            f" WHERE cur.year = ? AND cur.deleted_at IS NULL AND {this}.group_id = ?"
            f" AND {other}.group_id IN ({marks})",
            [year, group_id, *others],
        )
        found = {row["unit_id"] for row in rows}
        related = [unit_id for unit_id in others if unit_id in found]
        return related or list(others)

    def _names(self, unit: Unit, unit_ids: list[str]) -> list[str]:
        names = []
        for unit_id in unit_ids:
            other = self.store.units.get(unit_id)
            same_parent = other.parent_id == unit.parent_id
            names.append(other.name if same_parent else self.store.units.full_name(other))
        return names

    # -- writing ---------------------------------------------------------------------------

    def save_year(self, group_year: GroupYear, officers: list[Officer] | None = None) -> None:
        """Save a group's facts of a year (and its officers, when given) as one action.

        Officers given replace the year's officers (the old rows get a tombstone). The audit
        entry of group_years lists the changed fields as [old, new]; the one of
        group_officers lists the officers before and after. Nothing is written when nothing
        changed. Raises ValidationError (naming the field) without writing anything.
        """
        group_year = validate_group_year(group_year)
        new_officers = validate_officers(officers) if officers is not None else None
        group = self.store.units.get(group_year.group_id)
        if group.level != "group":
            raise ValidationError("Hồ sơ chỉ lập cho tổ dân phố hoặc bản.", "group_id")
        if not group.exists_in(group_year.year):
            raise ValidationError(
                f"Năm {group_year.year} {group.name} chưa thành lập hoặc đã thôi tồn tại.", "year"
            )
        old = self.year(group_year.group_id, group_year.year)
        had_row = bool(
            self.store.query(
                "SELECT 1 FROM group_years WHERE group_id = ? AND year = ? AND deleted_at IS NULL",
                [group_year.group_id, group_year.year],
            )
        )
        changes = {
            name: [getattr(old, name), getattr(group_year, name)]
            for name in YEAR_FIELDS
            if getattr(old, name) != getattr(group_year, name)
        }
        old_officers = self.officers(group_year.group_id, group_year.year)
        officers_changed = new_officers is not None and _pairs(new_officers) != _pairs(old_officers)
        if not changes and not officers_changed:
            return
        with self.store.action(f"Cập nhật hồ sơ {group.name} năm {group_year.year}") as action:
            if changes:
                self._write_year(group_year, group, had_row, changes, action)
            if officers_changed and new_officers is not None:
                self._write_officers(group_year, group, old_officers, new_officers, action)

    def _write_year(
        self,
        group_year: GroupYear,
        group: Unit,
        had_row: bool,
        changes: dict[str, list[Any]],
        action: Action,
    ) -> None:
        row = {
            "group_id": group_year.group_id,
            "year": group_year.year,
            **{name: getattr(group_year, name) for name in YEAR_FIELDS},
        }
        for name in FLAG_FIELDS:
            row[name] = int(row[name])
        self.store.db.table("group_years").upsert(
            {**row, "owner_unit_id": group.parent_id, "deleted_at": None, **action.stamp},
            pk=("group_id", "year"),
        )
        action.audit(
            "group_years",
            f"{group_year.group_id}/{group_year.year}",
            "update" if had_row else "insert",
            changes,
        )

    def _write_officers(
        self,
        group_year: GroupYear,
        group: Unit,
        old: list[Officer],
        new: list[Officer],
        action: Action,
    ) -> None:
        from storage.store import new_id

        action.tombstone("group_officers", "group_id = ? AND year = ?",
                         [group_year.group_id, group_year.year])
        rows = [
            {
                "id": new_id(),
                "group_id": group_year.group_id,
                "year": group_year.year,
                "role": officer.role,
                "full_name": officer.full_name,
                "name_key": fold(officer.full_name),
                "owner_unit_id": group.parent_id,
                **action.stamp,
            }
            for officer in new
        ]
        if rows:
            self.store.db.table("group_officers").insert_all(rows)
        action.audit(
            "group_officers",
            f"{group_year.group_id}/{group_year.year}",
            "update",
            {"officers": [_labels(old), _labels(new)]},
        )


def _pairs(officers: list[Officer]) -> list[tuple[str, str]]:
    return [(officer.role, officer.full_name) for officer in officers]


def _labels(officers: list[Officer]) -> list[str]:
    return [f"{officer.role}: {officer.full_name}" for officer in officers]
