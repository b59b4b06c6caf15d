"""The import report saved beside a package names no person: counts and reasons stay, households
and people are named by reference, whatever the package holds or why a row was refused."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from storage.model import Household, HouseholdYear, Member
from storage.store import Store
from storage.sync import ImportPlan, Rejection, init_from_setup
from storage.sync_crypto import canonical_json, open_package, seal_package
from storage.sync_report import file_report, rejection_reference

HEADS = ["Nguyễn Văn Thành", "Lò Thị Pọm", "Giàng A Páo", "Sùng Thị Mỷ"]
MEMBERS = ["Lò Văn Con", "Giàng Thị Dính"]


@dataclass
class Pair:
    city: Store
    ward: Store
    folder: Path
    other_group: str  # a group of the other ward

    def close(self) -> None:
        self.city.close()
        self.ward.close()


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    city = Store(tmp_path / "city.sqlite", actor="city")
    root = city.units.add("city", "Thành phố Thử", None, 2020)
    ward = city.units.add("phuong", "Phường Đoàn Kết", root.id, 2020)
    other = city.units.add("xa", "Xã San Thàng", root.id, 2020)
    city.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
    other_group = city.units.add("ban", "Bản Xéo Xin Chải", other.id, 2020)
    setup = city.sync.create_setup_package(ward.id, tmp_path / "setup")
    ward_store = init_from_setup(tmp_path / "ward.sqlite", setup.path, setup.passphrase,
                                 actor="ward")
    group = ward_store.units.groups_of(ward.id, 2024)[0]
    for number, head in enumerate(HEADS):
        ward_store.households.add(
            Household(group_id=group.id, head_name=head, address=f"Số {number + 7}",
                      phone=f"0912 000 00{number}", member_count=3), 2024,
            members=[Member(name, "Con") for name in MEMBERS] if number == 0 else [],
            status=HouseholdYear("", 2024, group.id, poverty="poor"))
    pair = Pair(city, ward_store, tmp_path, other_group.id)
    try:
        yield pair
    finally:
        pair.close()


def export(pair: Pair) -> Path:
    upstream = pair.ward.sync.upstream()
    assert upstream is not None
    return pair.ward.sync.export(upstream.site_id, pair.folder / "out").path


def resealed(pair: Pair, package: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    """The ward's package changed and signed again with the ward's own key (a registered but
    misbehaving machine)."""
    sealed = open_package(package.read_bytes())
    content = json.loads(sealed.decrypt(pair.city.sync.keys()))
    edit(content)
    manifest = {k: v for k, v in sealed.manifest.items()
                if k not in ("encryption", "payload_sha256", "payload_size")}
    target = package.with_name("sua.tqgoi")
    target.write_bytes(seal_package(manifest, canonical_json(content), pair.ward.sync.keys(),
                                    pair.city.sync.keys().box_public))
    return target


def personal_texts() -> list[str]:
    texts = HEADS + MEMBERS
    # And each name's parts that are not common words: "Pọm", "Páo", "Mỷ", "Dính".
    return texts + [unicodedata.normalize("NFD", name) for name in texts]


def assert_names_absent(text: str) -> None:
    for name in personal_texts():
        assert name not in text, name
    for phone in ("0912 000 00",):
        assert phone not in text


def test_the_file_report_of_a_package_holds_counts_but_no_names(pair: Pair) -> None:
    plan = pair.city.sync.preview(export(pair))
    full = plan.report()
    text = file_report(plan, "Nhập vào máy thử")
    assert_names_absent(text)
    assert "Hộ gia đình" in text and "Nhân khẩu" in text
    assert plan.counts["households"].new == len(HEADS)
    line = next(row for row in text.splitlines() if row.startswith("Hộ gia đình"))
    assert line.split()[3] == str(len(HEADS))  # the count of new households is there
    assert full.splitlines()[0] in text  # the package's own line


def test_rejected_households_are_named_by_reference_and_their_reasons_kept(pair: Pair) -> None:
    def move_into_another_ward(content: dict[str, Any]) -> None:
        table = content["tables"]["households"]
        columns = table["columns"]
        for row in table["rows"]:
            row[columns.index("group_id")] = pair.other_group
        for name in ("household_members", "household_years"):
            rows = content["tables"].get(name)
            if rows and "group_id" in rows["columns"]:
                for row in rows["rows"]:
                    row[rows["columns"].index("group_id")] = pair.other_group

    plan = pair.city.sync.preview(resealed(pair, export(pair), move_into_another_ward))
    assert plan.rejections, "the forged rows must be refused"
    full = plan.report()
    assert any(head in full for head in HEADS)  # the full report names them
    text = file_report(plan)
    assert_names_absent(text)
    assert f"Bị từ chối ({len(plan.rejections)})" in text
    for rejection in plan.rejections:
        assert rejection.reason.split(";")[0].replace("'", "")[:20] in text.replace("…", "")


def test_a_reason_quoting_a_personal_value_loses_the_value_not_the_reason(pair: Pair) -> None:
    plan = pair.city.sync.preview(export(pair))
    plan.rejections = [
        Rejection("households", "Hộ Nguyễn Văn Thành (Tổ dân phố số 1)",
                  "họ tên 'Nguyễn Văn Thành' không đúng dạng"),
        Rejection("household_members", "Nhân khẩu năm 2024 của hộ Lò Thị Pọm",
                  "năm sinh 2900 nằm ngoài khoảng 1900–2026"),
        Rejection("household_years", "Tình trạng hộ theo năm năm 2024 của hộ Giàng A Páo",
                  "thuộc Xã San Thàng; máy gửi chỉ được sửa dữ liệu của Phường Đoàn Kết"),
        Rejection("units", "Đơn vị Bản Xéo Xin Chải", "đơn vị là việc của cấp trên"),
    ]
    text = file_report(plan)
    assert_names_absent(text)
    assert "họ tên … không đúng dạng" in text
    assert "năm sinh 2900 nằm ngoài khoảng 1900–2026" in text
    assert "thuộc Xã San Thàng; máy gửi chỉ được sửa dữ liệu của Phường Đoàn Kết" in text
    assert "Đơn vị Bản Xéo Xin Chải: đơn vị là việc của cấp trên" in text
    # A reference, when storage.sync gives one, names the record without its person.
    reference = rejection_reference(
        "households", {"id": "1a2b3c4d-0000", "group_id": pair.other_group},
        {pair.other_group: "Bản Xéo Xin Chải"})
    assert reference == "Hộ gia đình mã 1a2b3c4d, Bản Xéo Xin Chải"
    member = rejection_reference("household_members",
                                 {"id": "5e6f7a8b-1", "household_id": "1a2b3c4d-0"}, {})
    assert member == "Nhân khẩu mã 5e6f7a8b của hộ mã 1a2b3c4d"


def test_a_single_word_is_not_scrubbed_but_a_full_name_is_wherever_it_appears(
        pair: Pair) -> None:
    plan: ImportPlan = pair.city.sync.preview(export(pair))
    plan.writes.setdefault("households", []).append({"head_name": "An"})
    plan.rejections = [Rejection("units", "Đơn vị Phường An Toàn", "An toàn là việc khác"),
                       Rejection("units", "Đơn vị Tổ của Lò Thị Pọm", "Giàng A Páo đã chuyển")]
    text = file_report(plan)
    assert "Đơn vị Phường An Toàn: An toàn là việc khác" in text
    assert "Đơn vị Tổ của …: … đã chuyển" in text
