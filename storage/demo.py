"""The demo city: Lai Châu, 2020–2024, built from the city's 2024 report.

What is real (from the report): the 7 wards and communes, the 72 groups of 2024 (70 until the
2022 split in Đông Phong), the names of the groups the report names, the recognition history of
its footnote 6 (8 / 17 / 28 / 35, new and maintained, by name), the 2024 target (32) and the
2021–2025 plan target (26), the 2024 household totals (12.937 households, 12.460 cultural
families), the poverty rate (2,02% in 2021, 1,5% in 2024), 216 security-team members, 333
mediators, 159 mediation cases of which 139 settled, Bí thư also Tổ trưởng in 27 groups, and the
groups its footnotes 44–49 list as still falling short.

What is synthetic (marked ``is_synthetic`` or described here): groups the report does not name,
every household and person, the targets of 2021–2023, decision numbers and signers. The build is
deterministic: the same seed gives the same file.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypedDict

from storage.criteria import Framework
from storage.households import household_row
from storage.model import Household
from storage.store import Store
from storage.text import fold, nfc
from storage.units import unit_sort_key

SEED = 2024
# The demo's accounts besides one ward officer per ward ("tanphong", "doanket", …); each one's
# password is its user name. Listed in the README and on the demo's sign-in screen.
DEMO_ACCOUNTS = (
    ("admin", "Quản trị thành phố (mẫu)", "city_admin"),
    ("canbo", "Cán bộ Phòng Nội vụ (mẫu)", "city_officer"),
    ("xem", "Người xem (mẫu)", "viewer"),
)
YEARS = tuple(range(2020, 2025))
SPLIT_YEAR = 2022


# ward name, ward kind, [(group kind, group name, synthetic?, valid_from)]
def _tdp(numbers: range | list[int], named: set[int], since: int = 2020) -> list[tuple]:
    return [("tdp", f"Tổ dân phố số {n}", n not in named, since) for n in numbers]


WARDS: list[tuple[str, str, list[tuple]]] = [
    ("Phường Tân Phong", "phuong", _tdp(range(1, 21), {5, 8, 9, 10, 15, 16, 19})),
    ("Phường Đoàn Kết", "phuong", _tdp(range(1, 13), {1, 2, 5, 6, 9, 10, 12})),
    (
        "Phường Quyết Thắng",
        "phuong",
        _tdp(range(1, 10), {9})
        + [("ban", f"Bản Nậm Loỏng {n}", False, 2020) for n in (1, 2, 3)]
        + [("ban", "Bản Sáo Làn Than", False, 2020)],
    ),
    ("Phường Quyết Tiến", "phuong", _tdp(range(1, 9), {3, 5, 6, 7, 8})),
    (
        "Phường Đông Phong",
        "phuong",
        _tdp(range(21, 27), {22, 23, 25, 26})
        + _tdp([27, 28], {27, 28}, since=SPLIT_YEAR)
        + [("ban", "Bản Tả Xin Chải", False, 2020)],
    ),
    (
        "Xã San Thàng",
        "xa",
        [
            ("ban", f"Bản {name}", False, 2020)
            for name in ("Xéo Xin Chải", "Thành Công", "Mới", "Lò Suối Tùng", "San Thàng")
        ],
    ),
    (
        "Xã Sùng Phài",
        "xa",
        [("ban", f"Bản {name}", False, 2020) for name in ("Sùng Chồ", "Gia Khâu 1", "Sùng Phài")]
        + [("ban", f"Bản số {n}", True, 2020) for n in (4, 5)],
    ),
]


class _Split(TypedDict):
    """The 2022 split of two Đông Phong groups: its legal basis, date and parts."""

    legal_basis: str
    date: str
    parts: dict[str, str]


SPLIT: _Split = {
    "legal_basis": "Nghị quyết số 28/NQ-HĐND ngày 20/7/2022 của HĐND tỉnh Lai Châu",
    "date": "2022-07-20",
    # source group -> the new group that took part of its households
    "parts": {"Tổ dân phố số 22": "Tổ dân phố số 27", "Tổ dân phố số 23": "Tổ dân phố số 28"},
}

# Footnote 6: the groups recognised for the first time each year, by ward (short ward name).
NEWLY_RECOGNISED: dict[int, list[tuple[str, str]]] = {
    2021: [
        ("Tân Phong", "Tổ dân phố số 5"),
        ("Tân Phong", "Tổ dân phố số 16"),
        ("Quyết Thắng", "Tổ dân phố số 9"),
        ("Đoàn Kết", "Tổ dân phố số 1"),
        ("Đoàn Kết", "Tổ dân phố số 2"),
        ("Đông Phong", "Tổ dân phố số 25"),
        ("San Thàng", "Bản Xéo Xin Chải"),
        ("Sùng Phài", "Bản Sùng Chồ"),
    ],
    2022: [
        ("Tân Phong", "Tổ dân phố số 8"),
        ("Tân Phong", "Tổ dân phố số 9"),
        ("Đoàn Kết", "Tổ dân phố số 5"),
        ("Quyết Tiến", "Tổ dân phố số 3"),
        ("Quyết Tiến", "Tổ dân phố số 6"),
        ("Quyết Tiến", "Tổ dân phố số 7"),
        ("Quyết Tiến", "Tổ dân phố số 8"),
        ("Quyết Thắng", "Bản Nậm Loỏng 3"),
        ("Đông Phong", "Tổ dân phố số 22"),
    ],
    2023: [
        ("Tân Phong", "Tổ dân phố số 15"),
        ("Tân Phong", "Tổ dân phố số 19"),
        ("Đoàn Kết", "Tổ dân phố số 6"),
        ("Đoàn Kết", "Tổ dân phố số 9"),
        ("Đông Phong", "Tổ dân phố số 26"),
        ("Đông Phong", "Tổ dân phố số 23"),
        ("Đông Phong", "Tổ dân phố số 27"),
        ("Đông Phong", "Tổ dân phố số 28"),
        ("Quyết Thắng", "Bản Sáo Làn Than"),
        ("Sùng Phài", "Bản Gia Khâu 1"),
        ("Sùng Phài", "Bản Sùng Phài"),
    ],
    2024: [
        ("Tân Phong", "Tổ dân phố số 10"),
        ("Đoàn Kết", "Tổ dân phố số 12"),
        ("Đông Phong", "Bản Tả Xin Chải"),
        ("Quyết Tiến", "Tổ dân phố số 5"),
        ("San Thàng", "Bản Thành Công"),
        ("San Thàng", "Bản Mới"),
        ("San Thàng", "Bản Lò Suối Tùng"),
    ],
}

# Footnotes 44–49: recognised groups that still fall short on a criterion in 2024.
STILL_POOR = [
    ("Tân Phong", "Tổ dân phố số 5"),
    ("Tân Phong", "Tổ dân phố số 9"),
    ("Tân Phong", "Tổ dân phố số 15"),
    ("Đông Phong", "Tổ dân phố số 26"),
    ("Quyết Thắng", "Bản Nậm Loỏng 3"),
    ("Quyết Thắng", "Bản Sáo Làn Than"),
    ("Quyết Tiến", "Tổ dân phố số 6"),
    ("Đoàn Kết", "Tổ dân phố số 1"),
    ("Sùng Phài", "Bản Sùng Chồ"),
    ("Sùng Phài", "Bản Gia Khâu 1"),
    ("Sùng Phài", "Bản Sùng Phài"),
]
THIRD_CHILD = (
    [("Quyết Tiến", f"Tổ dân phố số {n}") for n in (3, 7, 8, 5)]
    + [("Đoàn Kết", f"Tổ dân phố số {n}") for n in (1, 6, 12)]
    + [
        ("Tân Phong", "Tổ dân phố số 9"),
        ("Đông Phong", "Tổ dân phố số 23"),
        ("Đông Phong", "Tổ dân phố số 25"),
        ("Đông Phong", "Tổ dân phố số 28"),
        ("Đông Phong", "Bản Tả Xin Chải"),
        ("Quyết Thắng", "Tổ dân phố số 9"),
        ("Quyết Thắng", "Bản Nậm Loỏng 3"),
        ("San Thàng", "Bản Lò Suối Tùng"),
        ("San Thàng", "Bản Mới"),
        ("Sùng Phài", "Bản Sùng Chồ"),
        ("Sùng Phài", "Bản Gia Khâu 1"),
    ]
)
# (ward, group, year): 4 of the 6 child accident deaths were in recognised groups.
CHILD_ACCIDENTS = [
    ("Tân Phong", "Tổ dân phố số 15", 2022),
    ("Tân Phong", "Tổ dân phố số 16", 2023),
    ("Đoàn Kết", "Tổ dân phố số 12", 2024),
    ("Đông Phong", "Tổ dân phố số 26", 2023),
    ("Sùng Phài", "Bản số 4", 2021),
    ("Sùng Phài", "Bản số 5", 2022),
]
LAW_VIOLATIONS = (
    [("Đoàn Kết", f"Tổ dân phố số {n}") for n in (1, 2, 6, 9, 10, 12)]
    + [("Đông Phong", f"Tổ dân phố số {n}") for n in (23, 26, 28)]
    + [("Tân Phong", f"Tổ dân phố số {n}") for n in (5, 10, 15, 16, 19)]
    + [
        ("San Thàng", "Bản Thành Công"),
        ("San Thàng", "Bản Mới"),
        ("Quyết Thắng", "Bản Sáo Làn Than"),
    ]
)
CIVILISED_STREET_FAILING = [
    ("Tân Phong", "Tổ dân phố số 5"),
    ("Tân Phong", "Tổ dân phố số 9"),
    *[("Đông Phong", f"Tổ dân phố số {n}") for n in (23, 26, 27, 28)],
    ("Quyết Thắng", "Bản Sáo Làn Than"),
]
NO_WASTE_CONTAINER = [
    ("Sùng Phài", "Bản Sùng Chồ"),
    ("Sùng Phài", "Bản Sùng Phài"),
    ("Sùng Phài", "Bản Gia Khâu 1"),
]

# Households per year (2024 from the report; earlier years synthetic but plausible).
HOUSEHOLDS_PER_YEAR = {2020: 12_184, 2021: 12_342, 2022: 12_561, 2023: 12_748, 2024: 12_937}
CULTURAL_FAMILIES_2024 = 12_460
POOR_SHARE = {2020: 0.0221, 2021: 0.0202, 2022: 0.0185, 2023: 0.0168, 2024: 0.015}
NEAR_POOR_SHARE = 0.024
# Registered groups per year (recognised ones plus some that fell short): synthetic.
EXTRA_REGISTERED = {2020: 0, 2021: 4, 2022: 5, 2023: 5, 2024: 5}
YEAR_TARGETS = {2021: 8, 2022: 15, 2023: 25, 2024: 32}  # 2024 from the report
PLAN_TARGET = (2021, 2025, 26)
MEDIATION_CASES = {2021: 45, 2022: 40, 2023: 38, 2024: 36}  # 159 in all
MEDIATION_SETTLED = 139
RECOGNISED_MEDIATION = (77, 74)  # received / settled in recognised groups (96,1%)
MEDIATORS_2024 = 333
BI_THU_ALSO_TO_TRUONG_2024 = 27

CITY_NAME = "Thành phố Lai Châu"

# The demo framework: (code, standard, [(code, criterion, rule, required)]).
DEMO_FRAMEWORK: list[tuple[str, str, list[tuple[str, str, dict[str, Any], bool]]]] = [
    ("1", "Tổ chức, cán bộ của tổ dân phố, bản", [
        ("1.1", "Chi bộ được xếp loại hoàn thành tốt nhiệm vụ trở lên",
         {"kind": "group_value", "indicator": "party_cell_good", "op": ">=", "threshold": 1},
         True),
        ("1.2", "Có tổ bảo vệ an ninh, trật tự ở cơ sở từ 3 thành viên",
         {"kind": "group_value", "indicator": "security_team_size", "op": ">=",
          "threshold": 3}, True),
        ("1.3", "Tổ hòa giải có từ 3 hòa giải viên",
         {"kind": "group_value", "indicator": "mediators", "op": ">=", "threshold": 3}, True),
        ("1.4", "Thực hiện tốt quy chế dân chủ ở cơ sở", {"kind": "manual"}, True),
    ]),
    ("2", "Phát triển kinh tế, giảm nghèo bền vững", [
        ("2.1", "Có mô hình phát triển kinh tế hiệu quả", {"kind": "manual"}, True),
        ("2.2", "Không còn hộ nghèo",
         {"kind": "household_count", "indicator": "poor", "op": "<=", "threshold": 0}, False),
        ("2.3", "Tỷ lệ hộ nghèo thấp hơn tỷ lệ chung của phường, xã",
         {"kind": "below_ward_rate", "indicator": "poor"}, False),
    ]),
    ("3", "Trật tự đô thị, xây dựng, đất đai, môi trường", [
        ("3.1", "Từ 80% hộ ký cam kết thực hiện quy tắc ứng xử nơi đô thị",
         {"kind": "household_share", "indicator": "urban_rules_commitment", "op": ">=",
          "threshold": 80}, False),
        ("3.2", "100% hộ có thiết bị lưu chứa rác thải, đổ rác đúng giờ, đúng nơi",
         {"kind": "household_share", "indicator": "waste_container", "op": ">=",
          "threshold": 100}, False),
    ]),
    ("4", "Sáng - xanh - sạch - đẹp, văn hóa", [
        ("4.1", "Từ 90% hộ đạt danh hiệu Gia đình văn hóa",
         {"kind": "household_share", "indicator": "cultural_family", "op": ">=",
          "threshold": 90}, True),
        ("4.2", "Được công nhận Tổ dân phố, bản văn hóa",
         {"kind": "group_value", "indicator": "cultural_title", "op": ">=", "threshold": 1},
         True),
        ("4.3", "Các tuyến phố đạt chuẩn văn minh đô thị",
         {"kind": "group_value", "indicator": "civilised_streets_failing", "op": "<=",
          "threshold": 0}, False),
    ]),
    ("5", "Giáo dục, y tế, an sinh xã hội", [
        ("5.1", "Không có hộ sinh con thứ ba trở lên",
         {"kind": "household_count", "indicator": "third_child", "op": "<=", "threshold": 0},
         False),
        ("5.2", "Không có trẻ em tử vong do tai nạn thương tích",
         {"kind": "group_value", "indicator": "child_accident_deaths", "op": "<=",
          "threshold": 0}, False),
    ]),
    ("6", "Quốc phòng, an ninh", [
        ("6.1", "100% hộ ký cam kết bảo đảm an ninh, trật tự",
         {"kind": "household_share", "indicator": "antt_commitment", "op": ">=",
          "threshold": 100}, True),
        ("6.2", "Không có khiếu kiện đông người",
         {"kind": "group_value", "indicator": "mass_complaints", "op": "<=", "threshold": 0},
         True),
        ("6.3", "Không có vi phạm pháp luật",
         {"kind": "group_value", "indicator": "law_violations", "op": "<=", "threshold": 0},
         False),
    ]),
]
OFFICER_ROLES = [
    "Bí thư chi bộ",
    "Tổ trưởng",
    "Tổ phó",
    "Trưởng ban công tác Mặt trận",
    "Chi hội trưởng Phụ nữ",
    "Chi hội trưởng Nông dân",
    "Chi hội trưởng Cựu chiến binh",
    "Bí thư chi đoàn",
    "Chi hội trưởng Người cao tuổi",
    "Công an viên",
]

FAMILY_NAMES = {
    "01": [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Vũ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Ngô",
        "Dương",
        "Đinh",
        "Đoàn",
        "Hà",
        "Phan",
        "Trịnh",
        "Lương",
    ],
    "03": ["Lò", "Lường", "Tòng", "Điêu", "Cầm", "Quàng", "Lù", "Vì", "Hoàng"],
    "08": ["Giàng", "Sùng", "Vàng", "Thào", "Lý", "Mùa", "Hầu", "Chang"],
    "09": ["Tẩn", "Chảo", "Lý", "Phàn", "Triệu", "Đặng"],
    "25": ["Hoàng", "Lò", "Vàng", "Lù", "Sầm"],
    "35": ["Lỳ", "Chu", "Pờ", "Lò", "Phu"],
    "42": ["Lò", "Tao", "Chẩu", "Tẩn"],
    "02": ["Hoàng", "Nông", "Lục", "Ma"],
}
MIDDLE_NAMES = {
    "nam": ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Văn"],
    "nu": ["Thị", "Thị", "Ngọc", "Thu", "Thanh", "Thị"],
}
GIVEN_NAMES = {
    "nam": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Giang",
        "Hải",
        "Hùng",
        "Khánh",
        "Long",
        "Mạnh",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Tài",
        "Thắng",
        "Toàn",
        "Tuấn",
        "Việt",
        "Vinh",
        "Chứ",
        "Páo",
        "Sính",
        "Dơ",
        "Lả",
        "Pử",
        "Khoa",
    ],
    "nu": [
        "Anh",
        "Bích",
        "Châu",
        "Dung",
        "Hà",
        "Hằng",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Nhung",
        "Phương",
        "Thảo",
        "Trang",
        "Vân",
        "Yến",
        "Mỷ",
        "Sua",
        "Dợ",
        "Xuân",
    ],
}
STREETS = [
    "Trần Hưng Đạo",
    "Lê Duẩn",
    "Trường Chinh",
    "Nguyễn Chí Thanh",
    "Hoàng Văn Thụ",
    "Võ Nguyên Giáp",
    "Lê Lợi",
    "Nguyễn Hữu Thọ",
    "Điện Biên Phủ",
    "Trần Phú",
]
ETHNIC_MIX = {
    "tdp": {"01": 70, "03": 12, "25": 5, "08": 4, "09": 3, "02": 3, "35": 1, "42": 2},
    "ban": {"08": 38, "09": 18, "03": 22, "25": 10, "01": 6, "35": 4, "42": 2},
}


@dataclass
class _Group:
    id: str
    ward: str  # short ward name ("Tân Phong")
    name: str
    kind: str
    valid_from: int


class DemoBuilder:
    """Builds the demo city into an empty store (one transaction)."""

    def __init__(self, store: Store, seed: int = SEED, scale: float = 1.0) -> None:
        self.store = store
        self.random = random.Random(seed)
        self.scale = scale
        self.groups: dict[tuple[str, str], _Group] = {}
        self.counts: dict[str, int] = {}

    def new_id(self) -> str:
        """A deterministic UUID4 from the builder's random generator."""
        return str(uuid.UUID(int=self.random.getrandbits(128), version=4))

    def build(self, progress: Callable[[int, str], None] | None = None) -> dict[str, int]:
        """Write the whole demo city; return the number of rows written per table."""
        report = progress or (lambda percent, text: None)
        if self.store.db.execute("SELECT COUNT(*) FROM units").fetchone()[0]:
            raise ValueError("Cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ tạo trên tệp trống.")
        with self.store.action("Tạo dữ liệu mẫu thành phố Lai Châu") as action:
            self.action = action
            report(5, "Đơn vị hành chính")
            self._units()
            report(15, "Công nhận các năm")
            recognised = self._recognitions()
            report(25, "Hộ gia đình")
            with self.store.households_bulk():
                self._households(recognised)
            report(70, "Thông tin tổ dân phố, bản")
            self._group_years(recognised)
            report(80, "Đánh giá, công nhận 2021–2024")
            self._run_cycle(recognised)
            report(95, "Tài khoản mẫu")
            self._accounts()
            self.store.set_meta("demo", json.dumps({"seed": SEED, "scale": self.scale}))
            self.store.set_meta("city_name", CITY_NAME)
            # The demo stands for data the city office already holds: nothing to send.
            self.store.set_meta("acknowledged_seq", str(action.seq))
            action.audit("*", "demo", "insert", {"rows": self.counts})
        report(100, "Xong")
        return dict(self.counts)

    def _accounts(self) -> None:
        """The demo's documented accounts (README): the password is the user name."""
        accounts: list[tuple[str, str, str, str | None]] = [
            (name, full_name, role, None) for name, full_name, role in DEMO_ACCOUNTS]
        accounts += [(fold(short).replace(" ", ""), f"Cán bộ {short}", "ward_officer", ward_id)
                     for short, ward_id in self.ward_ids.items()]
        for username, full_name, role, unit_id in accounts:
            # Seeded salts: the same file every time, and the hashes are computed once.
            salt = self.random.getrandbits(128).to_bytes(16, "big")
            if self.store.accounts.find(username) is not None:
                continue  # a file whose administrator was made before the demo was built
            self.store.accounts.add_unchecked(username, full_name, role, username, unit_id,
                                              salt=salt)
        self.counts["accounts"] = len(accounts)

    # -- writing helpers -------------------------------------------------------------------

    def _insert(self, table: str, rows: list[dict[str, Any]], owner: str | None = None) -> None:
        stamp = self.action.stamp
        prepared = [{"owner_unit_id": owner, **row, **stamp} for row in rows]
        if table in ("lineage_links",):
            prepared = rows
        self.store.bulk_insert(table, prepared)
        self.counts[table] = self.counts.get(table, 0) + len(rows)

    def _unit_row(
        self, kind: str, name: str, parent: str | None, valid_from: int, synthetic: bool
    ) -> dict[str, Any]:
        return {
            "id": self.new_id(),
            "parent_id": parent,
            "kind": kind,
            "name": name,
            "code": "",
            "valid_from": valid_from,
            "valid_to": None,
            "name_key": fold(name),
            "sort_key": unit_sort_key(name),
            "is_synthetic": int(synthetic),
        }

    # -- parts -----------------------------------------------------------------------------

    def _units(self) -> None:
        city = self._unit_row("city", CITY_NAME, None, 2004, False)
        city["code"] = "105"
        self.city_id = city["id"]
        self._insert("units", [city], city["id"])
        self.ward_ids: dict[str, str] = {}
        for ward_name, ward_kind, groups in WARDS:
            ward = self._unit_row(ward_kind, ward_name, city["id"], 2004, False)
            short = ward_name.split(" ", 1)[1]
            self.ward_ids[short] = ward["id"]
            self._insert("units", [ward], city["id"])
            rows = []
            for kind, name, synthetic, since in groups:
                row = self._unit_row(kind, name, ward["id"], since, synthetic)
                rows.append(row)
                self.groups[(short, name)] = _Group(row["id"], short, name, kind, since)
            self._insert("units", rows, ward["id"])
        event_id = self.new_id()
        self._insert(
            "lineage_events",
            [
                {
                    "id": event_id,
                    "kind": "split",
                    "event_date": SPLIT["date"],
                    "effective_year": SPLIT_YEAR,
                    "legal_basis": SPLIT["legal_basis"],
                    "note": "Chia tách TDP 22 và 23 thành TDP 22, 23, 27, 28",
                }
            ],
            self.city_id,
        )
        links = []
        for source, result in SPLIT["parts"].items():
            links.append(
                {
                    "event_id": event_id,
                    "unit_id": self.groups[("Đông Phong", source)].id,
                    "role": "source",
                }
            )
            for name in (source, result):
                links.append(
                    {
                        "event_id": event_id,
                        "unit_id": self.groups[("Đông Phong", name)].id,
                        "role": "result",
                    }
                )
        self._insert("lineage_links", links)

    def _recognitions(self) -> dict[int, dict[str, str]]:
        """Write registrations and targets; return year -> group id -> kind the report gives.

        The recognitions themselves come from running the yearly cycle (``_run_cycle``).
        """
        recognised: dict[int, dict[str, str]] = {2020: {}}
        registration_rows: list[dict[str, Any]] = []
        target_rows: list[dict[str, Any]] = []
        for year in range(2021, 2025):
            previous = recognised[year - 1]
            current = {group_id: "maintained" for group_id in previous}
            for key in NEWLY_RECOGNISED[year]:
                current[self.groups[key].id] = "new"
            recognised[year] = current
            registered = list(current)
            others = [
                g.id for g in self.groups.values() if g.id not in current and g.valid_from <= year
            ]
            # Groups recognised later are the likeliest to have registered and fallen short.
            later = [
                self.groups[key].id
                for y in range(year + 1, 2025)
                for key in NEWLY_RECOGNISED[y]
                if self.groups[key].valid_from <= year
            ]
            pool = later + [g for g in others if g not in later]
            registered += pool[: EXTRA_REGISTERED[year]]
            for group_id in registered:
                registration_rows.append(
                    {
                        "id": self.new_id(),
                        "group_id": group_id,
                        "year": year,
                        "registered_on": f"{year}-03-{self.random.randint(1, 28):02d}",
                    }
                )
            target_rows.append(
                {
                    "id": self.new_id(),
                    "unit_id": self.city_id,
                    "kind": "year",
                    "year_from": year,
                    "year_to": year,
                    "recognised_groups": YEAR_TARGETS[year],
                    "note": "" if year == 2024 else "Số liệu mẫu",
                }
            )
        target_rows.append(
            {
                "id": self.new_id(),
                "unit_id": self.city_id,
                "kind": "plan",
                "year_from": PLAN_TARGET[0],
                "year_to": PLAN_TARGET[1],
                "recognised_groups": PLAN_TARGET[2],
                "note": "Mục tiêu Nghị quyết 02-NQ/ThU giai đoạn 2021 - 2025",
            }
        )
        self._insert("targets", target_rows, self.city_id)
        owners = {g.id: self.ward_ids[g.ward] for g in self.groups.values()}
        for row in registration_rows:
            self._insert("registrations", [row], owners[row["group_id"]])
        self.registered = {(r["group_id"], r["year"]) for r in registration_rows}
        return recognised

    def _run_cycle(self, expected: dict[int, dict[str, str]]) -> None:
        """Evaluate every registered group of 2021–2024 through the real cycle and decide.

        The demo framework and data are made so the outcome is the report's; a difference is
        a defect of the demo, so it stops the build.
        """
        framework = build_demo_framework(self.store)
        evaluations = self.store.evaluations
        manual = [c.id for c in framework.criteria if not c.computed]
        for year in range(2021, 2025):
            group_ids = sorted(g for g, y in self.registered if y == year)
            results = self.store.frameworks.compute(framework.criteria, year, group_ids)
            for group_id in group_ids:
                evaluations.self_assess(group_id, year, {c: (True, "") for c in manual},
                                        results[group_id])
                evaluations.approve(group_id, year, "self")
                evaluations.review(group_id, year, "ward", {}, proposed=True)
                evaluations.approve(group_id, year, "ward")
                evaluations.review(group_id, year, "city", {})
                evaluations.approve(group_id, year, "city")
            outcome = dict(evaluations.decide(
                year, f"{self.random.randint(10, 60):02d}/QĐ-UBND",
                f"{year + 1}-01-{self.random.randint(5, 20):02d}", "Nguyễn Văn Minh", "CHỦ TỊCH",
                "ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU"))
            # A scaled-down demo (tests of determinism) has groups of a handful of households,
            # where one household decides a share; only the full demo must match the report.
            if self.scale == 1.0 and outcome != expected[year]:
                raise RuntimeError(f"Dữ liệu mẫu năm {year} không cho kết quả như báo cáo.")

    def _households(self, recognised: dict[int, dict[str, str]]) -> None:
        rng = self.random
        groups_2024 = [g for g in self.groups.values()]
        weights = [
            (1.0 if g.kind == "tdp" else 0.62) * rng.uniform(0.75, 1.25) for g in groups_2024
        ]
        total = round(HOUSEHOLDS_PER_YEAR[2024] * self.scale)
        sizes = _apportion(total, weights)
        per_year = {y: round(n * self.scale) for y, n in HOUSEHOLDS_PER_YEAR.items()}
        split_from = {
            self.groups[("Đông Phong", new)].id: self.groups[("Đông Phong", old)].id
            for old, new in SPLIT["parts"].items()
        }

        people: list[dict[str, Any]] = []  # one per household, with its yearly data
        for group_2024, size in zip(groups_2024, sizes, strict=True):
            for _ in range(size):
                people.append({"group": group_2024})
        rng.shuffle(people)
        # Start years so that each year's total is exact: the first N(2020) existed in 2020...
        boundaries = sorted(per_year.items())
        for index, person in enumerate(people):
            person["start"] = next(y for y, n in boundaries if index < n)

        household_rows: list[dict[str, Any]] = []
        member_rows: list[dict[str, Any]] = []
        year_rows: list[dict[str, Any]] = []
        for person in people:
            group: _Group = person["group"]
            ethnicity = _weighted(rng, ETHNIC_MIX[group.kind])
            gender = "nam" if rng.random() < 0.78 else "nu"
            head = self._name(ethnicity, gender)
            members = rng.choices([1, 2, 3, 4, 5, 6, 7], [6, 14, 22, 28, 17, 8, 5])[0]
            household = Household(
                group_id=group.id,
                head_name=head,
                head_gender=gender,
                head_birth_year=rng.randint(1940, 2000),
                ethnicity_code=ethnicity,
                address=self._address(group, rng),
                phone=self._phone(rng),
                member_count=members,
                id=self.new_id(),
            )
            member_names = [head]
            head_birth = household.head_birth_year or 1970
            for position in range(1, members):
                spouse = position == 1 and gender == "nam" and rng.random() < 0.85
                member_gender = "nu" if spouse else rng.choice(["nam", "nu"])
                given = self._name(ethnicity, member_gender).split(" ", 1)[1]
                # A wife keeps her own family name; children take the head's.
                family = self._name(ethnicity, "nu").split()[0] if spouse else head.split()[0]
                name = f"{family} {given}"
                member_names.append(name)
                member_rows.append(
                    {
                        "id": self.new_id(),
                        "household_id": household.id,
                        "full_name": name,
                        "relation": "Vợ" if spouse else "Con",
                        "gender": member_gender,
                        "birth_year": (head_birth + rng.randint(-3, 6) if spouse
                                       else min(2024, head_birth + rng.randint(20, 40))),
                        "ethnicity_code": ethnicity,
                        "name_key": fold(name),
                        "position": position,
                        "_owner": self.ward_ids[group.ward],
                    }
                )
            row = household_row(household)
            row["search_key"] = " | ".join(
                [fold(n) for n in member_names] + [fold(household.address), household.phone]
            )
            row["_owner"] = self.ward_ids[group.ward]
            row["first_year"] = person["start"]
            household_rows.append(row)
            person["id"] = household.id
        self._plan_statuses(people, recognised, year_rows, split_from)
        for table, rows in (
            ("households", household_rows),
            ("household_members", member_rows),
            ("household_years", year_rows),
        ):
            by_owner: dict[str, list[dict[str, Any]]] = {}
            for row in rows:
                by_owner.setdefault(row.pop("_owner"), []).append(row)
            for owner, owned in by_owner.items():
                self._insert(table, owned, owner)

    def _plan_statuses(
        self,
        people: list[dict[str, Any]],
        recognised: dict[int, dict[str, str]],
        year_rows: list[dict[str, Any]],
        split_from: dict[str, str],
    ) -> None:
        rng = self.random
        poor_groups = {self.groups[key].id for key in STILL_POOR}
        third_child_groups = {self.groups[key].id for key in THIRD_CHILD}
        no_container_groups = {self.groups[key].id for key in NO_WASTE_CONTAINER}
        poor: dict[int, set[str]] = {}
        # Poverty backwards from 2024, so that most households poor in a year were poor before.
        following: set[str] = set()
        for year in sorted(YEARS, reverse=True):
            alive = [p for p in people if p["start"] <= year]
            eligible = [
                p["id"]
                for p in alive
                if p["group"].id not in recognised.get(year, {}) or p["group"].id in poor_groups
            ]
            wanted = round(len(alive) * POOR_SHARE[year])
            eligible_set = set(eligible)
            chosen = sorted(pid for pid in following if pid in eligible_set)[:wanted]
            chosen_set = set(chosen)
            rest = [pid for pid in eligible if pid not in chosen_set]
            chosen += rng.sample(rest, wanted - len(chosen))
            poor[year] = set(chosen)
            following = poor[year]
        # Cultural families in 2024: exactly the report's figure, the misses mostly outside
        # recognised groups.
        alive_2024 = [p for p in people if p["start"] <= 2024]
        misses = len(alive_2024) - round(CULTURAL_FAMILIES_2024 * self.scale)
        outside = [p["id"] for p in alive_2024 if p["group"].id not in recognised[2024]]
        not_cultural_2024 = set(rng.sample(outside, min(misses, len(outside))))
        for person in people:
            group: _Group = person["group"]
            for year in YEARS:
                if person["start"] > year:
                    continue
                group_id = group.id
                if year < SPLIT_YEAR and group_id in split_from:
                    group_id = split_from[group_id]
                recognised_now = group_id in recognised.get(year, {})
                registered = (group_id, year) in self.registered
                poverty = (
                    "poor"
                    if person["id"] in poor[year]
                    else ("near_poor" if rng.random() < NEAR_POOR_SHARE else "")
                )
                if year == 2024:
                    cultural = person["id"] not in not_cultural_2024
                else:
                    cultural = rng.random() < (0.985 if recognised_now else 0.955)
                # A registered group that fell short missed the ANTT commitment somewhere.
                antt = recognised_now or rng.random() < (0.97 if registered else 0.985)
                container = rng.random() < (
                    0.88
                    if group_id in no_container_groups and year == 2024
                    else 1.0
                    if recognised_now
                    else 0.95
                )
                third = (
                    year == 2024 and group_id in third_child_groups and rng.random() < 0.012
                ) or (not recognised_now and rng.random() < 0.004)
                year_rows.append(
                    {
                        "household_id": person["id"],
                        "year": year,
                        "group_id": group_id,
                        "cultural_family": int(cultural),
                        "poverty": poverty,
                        "learning_family": int(rng.random() < 0.7),
                        "clean_house": int(rng.random() < (0.75 if recognised_now else 0.55)),
                        "antt_commitment": int(antt),
                        "urban_rules_commitment": int(
                            rng.random() < (0.96 if group.kind == "tdp" else 0.82)
                        ),
                        "waste_container": int(container),
                        "third_child": int(third),
                        "extra": "{}",
                        "_owner": self.ward_ids[group.ward],
                    }
                )
        # Every listed group shows its shortfall in 2024, whatever the dice said.
        rows_2024: dict[str, list[dict[str, Any]]] = {}
        for row in year_rows:
            if row["year"] == 2024:
                rows_2024.setdefault(row["group_id"], []).append(row)
        for group_id in third_child_groups:
            if not any(r["third_child"] for r in rows_2024[group_id]):
                rows_2024[group_id][0]["third_child"] = 1
        for group_id in no_container_groups:
            if all(r["waste_container"] for r in rows_2024[group_id]):
                rows_2024[group_id][0]["waste_container"] = 0
        # A group that registered and was not recognised fell short on the ANTT commitment.
        by_group_year: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for row in year_rows:
            by_group_year.setdefault((row["group_id"], row["year"]), []).append(row)
        for (group_id, year), rows in by_group_year.items():
            registered = (group_id, year) in self.registered
            if registered and group_id not in recognised.get(year, {}):
                if all(r["antt_commitment"] for r in rows):
                    rows[0]["antt_commitment"] = 0

    def _group_years(self, recognised: dict[int, dict[str, str]]) -> None:
        rng = self.random
        rows: list[dict[str, Any]] = []
        officers: list[dict[str, Any]] = []
        accidents = {(self.groups[(w, g)].id, y): 1 for w, g, y in CHILD_ACCIDENTS}
        violators = {self.groups[key].id for key in LAW_VIOLATIONS}
        street_failing = {self.groups[key].id for key in CIVILISED_STREET_FAILING}
        cases = self._mediation(recognised)
        mediators = _apportion(MEDIATORS_2024, [1.0] * len(self.groups))
        double_role = set(
            rng.sample(sorted(g.id for g in self.groups.values()), BI_THU_ALSO_TO_TRUONG_2024)
        )
        for year in YEARS:
            groups = [g for g in self.groups.values() if g.valid_from <= year]
            not_cultural = set(
                rng.sample(
                    [g.id for g in groups if g.id not in recognised[year]],
                    {2020: 2, 2021: 1, 2022: 1}.get(year, 0),
                )
            )
            excellent = set(rng.sample([g.id for g in groups], 11 if year == 2021 else 12))
            weak = set(
                rng.sample(
                    [
                        g.id
                        for g in groups
                        if g.id not in recognised[year] and g.id not in excellent
                    ],
                    1 if year <= 2021 else 0,
                )
            )
            for index, group in enumerate(groups):
                recognised_now = group.id in recognised[year]
                received, settled = cases.get((group.id, year), (0, 0))
                rating = (
                    "xuat_sac"
                    if group.id in excellent
                    else "hoan_thanh"
                    if group.id in weak
                    else "tot"
                )
                rows.append(
                    {
                        "group_id": group.id,
                        "year": year,
                        "party_cell_rating": rating,
                        "cultural_title": int(group.id not in not_cultural),
                        "antt_safe_title": int(recognised_now or rng.random() < 0.85),
                        "security_team_size": 3,
                        "mediators": mediators[index] if year == 2024 else rng.randint(3, 6),
                        "mediation_received": received,
                        "mediation_settled": settled,
                        "civilised_streets": (rng.randint(1, 3) if group.kind == "tdp" else 0),
                        "civilised_streets_failing": int(
                            year == 2024 and group.id in street_failing
                        ),
                        "clean_street_groups": rng.randint(0, 4),
                        "mass_complaints": 0 if recognised_now else int(rng.random() < 0.05),
                        "law_violations": (
                            rng.randint(1, 3)
                            if year == 2024 and group.id in violators
                            else 0
                            if recognised_now
                            else int(rng.random() < 0.2)
                        ),
                        "child_accident_deaths": accidents.get((group.id, year), 0),
                        "economic_models": "",
                        "ocop_products": "",
                        "extra": "{}",
                        "_owner": self.ward_ids[group.ward],
                    }
                )
                if year == 2024:
                    officers += self._officers(group, group.id in double_role)
        for table, table_rows in (("group_years", rows), ("group_officers", officers)):
            by_owner: dict[str, list[dict[str, Any]]] = {}
            for row in table_rows:
                by_owner.setdefault(row.pop("_owner"), []).append(row)
            for owner, owned in by_owner.items():
                self._insert(table, owned, owner)

    def _mediation(
        self, recognised: dict[int, dict[str, str]]
    ) -> dict[tuple[str, int], tuple[int, int]]:
        """Spread the report's mediation cases over groups and years, totals exact."""
        rng = self.random
        inside: list[tuple[str, int]] = []
        outside: list[tuple[str, int]] = []
        for year in MEDIATION_CASES:
            for group in self.groups.values():
                if group.valid_from <= year:
                    (inside if group.id in recognised[year] else outside).append((group.id, year))
        total_cases = sum(MEDIATION_CASES.values())
        received_in, settled_in = RECOGNISED_MEDIATION
        plan = [
            (inside, received_in, settled_in),
            (outside, total_cases - received_in, MEDIATION_SETTLED - settled_in),
        ]
        result: dict[tuple[str, int], list[int]] = {}
        for slots, received, settled in plan:
            picks = [rng.choice(slots) for _ in range(received)]
            outcomes = [1] * settled + [0] * (received - settled)
            rng.shuffle(outcomes)
            for slot, ok in zip(picks, outcomes, strict=True):
                entry = result.setdefault(slot, [0, 0])
                entry[0] += 1
                entry[1] += ok
        return {slot: (entry[0], entry[1]) for slot, entry in result.items()}

    def _officers(self, group: _Group, double_role: bool) -> list[dict[str, Any]]:
        rng = self.random
        ethnicity = _weighted(rng, ETHNIC_MIX[group.kind])
        roles = [
            role.replace("Tổ trưởng", "Trưởng bản").replace("Tổ phó", "Phó bản")
            if group.kind == "ban"
            else role
            for role in OFFICER_ROLES
        ]
        names = {role: self._name(ethnicity, rng.choice(["nam", "nam", "nu"])) for role in roles}
        if double_role:
            names[roles[1]] = names[roles[0]]
        return [
            {
                "id": self.new_id(),
                "group_id": group.id,
                "year": 2024,
                "role": role,
                "full_name": name,
                "name_key": fold(name),
                "_owner": self.ward_ids[group.ward],
            }
            for role, name in names.items()
        ]

    def _name(self, ethnicity: str, gender: str) -> str:
        rng = self.random
        family = rng.choice(FAMILY_NAMES.get(ethnicity, FAMILY_NAMES["01"]))
        middle = rng.choice(MIDDLE_NAMES[gender])
        if ethnicity in ("08", "09") and gender == "nam":
            middle = rng.choice(["A", "Seo", "Văn", "A"])
        given = rng.choice(GIVEN_NAMES[gender])
        return nfc(f"{family} {middle} {given}")

    def _address(self, group: _Group, rng: random.Random) -> str:
        if group.kind == "tdp":
            return f"Số {rng.randint(1, 250)}, đường {rng.choice(STREETS)}"
        return group.name

    def _phone(self, rng: random.Random) -> str:
        if rng.random() < 0.35:
            return ""
        return rng.choice(["09", "03", "08", "07"]) + "".join(
            str(rng.randint(0, 9)) for _ in range(8)
        )


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` that add up exactly."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def build_demo_framework(store: Store) -> Framework:
    """The demo framework: the resolution's six task areas as standards (synthetic criteria).

    Required criteria decide recognition; the others are the shortfalls the report lists for
    recognised groups (footnotes 44–49).
    """
    frameworks = store.frameworks
    framework = frameworks.create(
        "Bộ tiêu chí tổ dân phố, bản tự quản, phát triển toàn diện (mẫu)", 2021, 2025,
        "Nghị quyết số 02-NQ/ThU ngày 22/9/2020 của Ban Chấp hành Đảng bộ thành phố (bộ tiêu"
        " chí mẫu)")
    for code, name, criteria in DEMO_FRAMEWORK:
        standard = frameworks.add_standard(framework.id, code, name)
        for criterion_code, criterion_name, rule, required in criteria:
            frameworks.add_criterion(standard.id, criterion_code, criterion_name, rule, required)
    return frameworks.get(framework.id)


def build_demo(store: Store, progress: Callable[[int, str], None] | None = None) -> dict[str, int]:
    """Build the demo city of Lai Châu (2020–2024) into an empty store; return row counts."""
    return DemoBuilder(store).build(progress)
