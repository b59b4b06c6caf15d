"""Plain dataclasses the store returns. The GUI and the reports read these, never SQL rows."""

from dataclasses import dataclass, field

GROUP_KINDS = ("tdp", "ban")
WARD_KINDS = ("phuong", "xa")

KIND_LABELS = {
    "city": "thành phố",
    "phuong": "phường",
    "xa": "xã",
    "tdp": "tổ dân phố",
    "ban": "bản",
}

# Household statuses kept as columns of household_years, with their Vietnamese labels.
HOUSEHOLD_FLAGS = {
    "cultural_family": "Gia đình văn hóa",
    "learning_family": "Gia đình học tập",
    "clean_house": "Nhà sạch, vườn đẹp",
    "antt_commitment": "Ký cam kết ANTT",
    "urban_rules_commitment": "Ký cam kết quy tắc đô thị",
    "waste_container": "Có thiết bị lưu chứa rác",
    "third_child": "Sinh con thứ ba",
}
POVERTY_LABELS = {"": "Không", "poor": "Hộ nghèo", "near_poor": "Hộ cận nghèo"}
PARTY_CELL_RATINGS = {
    "": "Chưa xếp loại",
    "xuat_sac": "Hoàn thành xuất sắc nhiệm vụ",
    "tot": "Hoàn thành tốt nhiệm vụ",
    "hoan_thanh": "Hoàn thành nhiệm vụ",
    "khong_hoan_thanh": "Không hoàn thành nhiệm vụ",
}
RECOGNITION_LABELS = {"new": "Công nhận mới", "maintained": "Công nhận duy trì"}


@dataclass(frozen=True)
class Unit:
    """An administrative unit: the city, a ward/commune or a residential group."""

    id: str
    parent_id: str | None
    kind: str
    name: str
    code: str
    valid_from: int
    valid_to: int | None
    is_synthetic: bool = False

    @property
    def level(self) -> str:
        """'city', 'ward' or 'group'."""
        if self.kind == "city":
            return "city"
        return "ward" if self.kind in WARD_KINDS else "group"

    def exists_in(self, year: int) -> bool:
        """Whether the unit existed in ``year``."""
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


@dataclass(frozen=True)
class UnitNode:
    """A unit in the tree of one year, with its figures for that year."""

    unit: Unit
    households: int
    groups: int
    recognised: int
    children: list["UnitNode"] = field(default_factory=list)
    recognition_kind: str | None = None  # for a group: 'new', 'maintained' or None


@dataclass(frozen=True)
class LineageEvent:
    """A split, merge, rename or move of units, with its legal basis."""

    id: str
    kind: str
    event_date: str
    effective_year: int
    legal_basis: str
    note: str
    source_ids: tuple[str, ...]
    result_ids: tuple[str, ...]


@dataclass
class Household:
    """A household and its head. ``id`` is empty for one not yet saved."""

    group_id: str
    head_name: str
    head_gender: str | None = None
    head_birth_year: int | None = None
    ethnicity_code: str | None = None
    address: str = ""
    phone: str = ""
    member_count: int = 1
    note: str = ""
    id: str = ""
    deleted: bool = False


@dataclass
class Member:
    """A member of a household (the head is the household's head_name, not a member row)."""

    full_name: str
    relation: str = ""
    gender: str | None = None
    birth_year: int | None = None
    ethnicity_code: str | None = None
    id: str = ""


@dataclass
class HouseholdYear:
    """The statuses of one household in one year."""

    household_id: str
    year: int
    group_id: str
    cultural_family: bool = False
    poverty: str = ""
    learning_family: bool = False
    clean_house: bool = False
    antt_commitment: bool = False
    urban_rules_commitment: bool = False
    waste_container: bool = False
    third_child: bool = False
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Recognition:
    """A group recognised in a year, 'new' or 'maintained'."""

    id: str
    group_id: str
    year: int
    kind: str
    decision_id: str | None


@dataclass(frozen=True)
class Decision:
    """A recognition decision (Quyết định số …/QĐ-UBND)."""

    id: str
    unit_id: str
    year: int
    number: str
    signed_on: str
    signer_name: str
    signer_title: str
    issuing_body: str


@dataclass(frozen=True)
class YearSummary:
    """The figures of one year for the city or one ward."""

    year: int
    unit_id: str
    unit_name: str
    groups: int
    registered: int
    recognised: int
    recognised_new: int
    recognised_maintained: int
    year_target: int | None
    plan_target: int | None
    plan_period: tuple[int, int] | None
    households: int
    cultural_families: int
    poor: int
    near_poor: int
    recognised_names: list[str] = field(default_factory=list)

    @property
    def year_achievement(self) -> float | None:
        """Recognised groups as a percentage of the yearly target."""
        return self.recognised / self.year_target * 100 if self.year_target else None

    @property
    def plan_achievement(self) -> float | None:
        """Recognised groups as a percentage of the plan-period target."""
        return self.recognised / self.plan_target * 100 if self.plan_target else None

    @property
    def cultural_share(self) -> float | None:
        """Cultural families as a percentage of households."""
        return self.cultural_families / self.households * 100 if self.households else None

    @property
    def poor_share(self) -> float | None:
        """Poor households as a percentage of households."""
        return self.poor / self.households * 100 if self.households else None

    @property
    def near_poor_share(self) -> float | None:
        """Near-poor households as a percentage of households."""
        return self.near_poor / self.households * 100 if self.households else None
