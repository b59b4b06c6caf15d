"""Importing household lists: reading, legacy fonts, mapping, checking, applying, undoing."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
import pytest

from storage import household_import as hi
from storage.errors import ValidationError
from storage.ethnicity import ethnic_code
from storage.household_search import HouseholdQuery, count_households
from storage.legacy_vietnamese import TCVN3, VNI, encode
from storage.model import HOUSEHOLD_FLAGS, Household
from storage.store import Store
from storage.text import fold

YEAR = 2024
HEADER = ["STT", "Họ và tên chủ hộ", "Phường/xã", "Tổ dân phố", "Năm sinh", "Giới tính",
          "Dân tộc", "Địa chỉ", "SĐT", "Số nhân khẩu", "Hộ nghèo", "Gia đình văn hóa"]
# (name, ward, group as written, year, gender, ethnicity, address, phone, members, poor, gdvh)
CLEAN = [
    ("Lò Văn Nhập Thượng", "Tân Phong", "Tổ dân phố số 5", 1975, "Nam", "Thái", "Số 3, ngõ 12",
     "0912 000 111", 5, "", "x"),
    ("Vàng Thị Nhập Dợ", "Quyết Thắng", "Nậm Loông 3", 1988, "Nữ", "H'Mông", "Bản Nậm Loỏng 3",
     "", 4, "x", ""),
    ("Nguyễn Quốc Nhập Khánh", "phuong doan ket", "TDP 1", 1969, "Nam", "Kinh",
     "Số 9, đường Lê Lợi", "0988 123 457", 3, "", "x"),
    ("Tẩn Láo Nhập Ủa", "Xã San Thành", "bản Xéo Xin Chải", 1990, "Nam", "Dao", "", "", 6, "",
     ""),
]
# Where each CLEAN row must land: (ward name, group name).
CLEAN_GROUPS = [("Phường Tân Phong", "Tổ dân phố số 5"),
                ("Phường Quyết Thắng", "Bản Nậm Loỏng 3"),
                ("Phường Đoàn Kết", "Tổ dân phố số 1"),
                ("Xã San Thàng", "Bản Xéo Xin Chải")]


@pytest.fixture
def demo(tmp_path: Path, demo_path: Path) -> Iterator[Store]:
    """A writable copy of the demo city."""
    copy = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, copy)
    with Store(copy, actor="test") as opened:
        yield opened


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], merges: Sequence[str] = ()) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for merge in merges:
        sheet.merge_cells(merge)
    workbook.save(path)
    return path


def write_ods(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    """A minimal OpenDocument spreadsheet, written by hand (no office suite needed)."""
    def cell(value: Any) -> str:
        if isinstance(value, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
                "</text:p></table:table-cell>")

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
                   for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Hộ">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2"><manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def write_xls(path: Path, rows: Sequence[Sequence[Any]],
              merges: Sequence[tuple[int, int, int, int]] = ()) -> Path:
    """An Excel 97-2003 file; ``merges`` are (first row, last row, first column, last column)
    spans whose text is the cell at their top left."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Danh sách")
    merged_cells = {(top, left) for top, _bottom, left, _right in merges}
    for top, bottom, left, right in merges:
        sheet.write_merge(top, bottom, left, right, rows[top][left])
    for row_number, row in enumerate(rows):
        for column, value in enumerate(row):
            if (row_number, column) not in merged_cells and value != "":
                sheet.write(row_number, column, value)
    workbook.save(str(path))
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_spelling(text: str) -> str:
    """``text`` as Windows-1258 spells it: letters it lacks as a base letter and a tone mark."""
    spelled = []
    for char in text:
        try:
            char.encode("cp1258")
            spelled.append(char)
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in TONE_MARKS))
            spelled.append(base + "".join(c for c in marks if c in TONE_MARKS))
    return "".join(spelled)


def clean_rows() -> list[list[Any]]:
    return [HEADER, *([number, *row] for number, row in enumerate(CLEAN, start=1))]


def prepare(store: Store, path: Path, ward: str | None = None, **options: Any) -> hi.Preview:
    imported = hi.read_file(path)
    mapping = hi.guess_mapping(imported, store, YEAR)
    ward_id = store.units.find(ward, YEAR, "ward").id if ward else None
    return hi.check(store, imported, mapping, YEAR, ward_id, **options)


def live_count(store: Store) -> int:
    return store.db.execute(
        "SELECT COUNT(*) FROM households WHERE deleted_at IS NULL").fetchone()[0]


def stored(store: Store, head_name: str) -> list[Any]:
    rows = store.query("SELECT id FROM households WHERE head_name_key = ? AND deleted_at IS NULL",
                       [fold(head_name)])
    return [store.households.get(row["id"]) for row in rows]


def snapshot(store: Store) -> dict[str, Any]:
    """Every live household with its fields and its statuses of YEAR."""
    households = {}
    for row in store.query("SELECT id FROM households WHERE deleted_at IS NULL"):
        household = store.households.get(row["id"])
        households[row["id"]] = (household, store.households.year_status(row["id"], YEAR))
    return households


def assert_lands_as_meant(store: Store, rows: Sequence[tuple[Any, ...]]) -> None:
    """Each row of CLEAN's shape is stored once, in its group, with every value as meant."""
    for row, (ward_name, group_name) in zip(rows, CLEAN_GROUPS, strict=True):
        name, _ward, _group, year, gender, ethnic, address, phone, members, poor, gdvh = row
        found = stored(store, name)
        assert len(found) == 1, name
        household = found[0]
        group = store.units.get(household.group_id)
        assert group.name == group_name
        assert store.units.get(group.parent_id).name == ward_name
        assert household.head_name == unicodedata.normalize("NFC", name)
        assert household.head_birth_year == year
        assert household.head_gender == {"Nam": "nam", "Nữ": "nu"}[gender]
        assert household.ethnicity_code == ethnic_code(ethnic)
        assert household.address == address and household.phone == phone
        assert household.member_count == members
        status = store.households.year_status(household.id, YEAR)
        assert status is not None and status.group_id == group.id
        assert status.poverty == ("poor" if poor else "")
        assert status.cultural_family == bool(gdvh)


# -- reading and mapping ---------------------------------------------------------------------


def test_a_clean_file_lands_as_meant(tmp_path: Path, demo: Store) -> None:
    path = write_xlsx(tmp_path / "danh_sach.xlsx", clean_rows())
    before = live_count(demo)
    preview = prepare(demo, path)
    assert preview.file.header_row == 0 and preview.file.detections == []
    assert set(preview.mapping.columns) == {
        "head_name", "ward", "group", "head_birth_year", "head_gender", "ethnicity", "address",
        "phone", "member_count", "poor", "cultural_family"}
    counts = preview.counts
    assert (counts.add, counts.update, counts.duplicates, counts.rejected) == (4, 0, 0, 0)
    assert preview.uncertain_groups == []
    outcome = hi.apply(demo, preview)
    assert outcome.name == "Nhập 4 hộ từ danh_sach.xlsx"
    assert live_count(demo) == before + 4
    assert_lands_as_meant(demo, CLEAN)
    entries = demo.query("SELECT DISTINCT change_seq, action FROM audit_log WHERE action = ?",
                         [outcome.name])
    assert len(entries) == 1  # one action
    assert demo.verify_audit_chain() == []
    # The search index knows the new households.
    assert count_households(demo, HouseholdQuery(YEAR, text="Tẩn Láo Nhập Ủa")) == 1


def test_title_block_merged_cells_and_odd_headers(tmp_path: Path, demo: Store) -> None:
    rows: list[list[Any]] = [
        ["UBND PHƯỜNG TÂN PHONG", "", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["DANH SÁCH HỘ GIA ĐÌNH NĂM 2024"],
        [],
        ["TT", "Họ và tên\nchủ hộ", "Năm sinh chủ hộ", "Thôn/Bản", "Dân tộc",
         "Nghèo/cận nghèo", "GĐVH", "Ký cam kết ANTT", "Số NK", "Điện thoại"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"],
        [1, "Sùng A Nhập Páo", "'85", "Nậm Loóng 3", "H'Mông", "Hộ nghèo", "✓", "X", 5, 912345678],
        [2, "Lò Thị  Nhập Ơn", "01/02/1985", "bản Nậm Loỏng 3", "Thái", "cận nghèo", "có", "1", 2,
         ""],
        [3, "Đèo Văn Nhập Ót", 1985.0, "Nậm Lương 3", "Hmông", "", "", "", 1, "+84 987 654 321"],
        [],
        ["", "Người lập biểu"],
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows, merges=("A1:D1", "E1:J1", "A2:J2"))
    imported = hi.read_file(path)
    assert imported.header_row == 3 and imported.first_data_row == 5
    assert imported.title_year == 2024
    mapping = hi.guess_mapping(imported, demo, YEAR)
    assert mapping.columns == {"head_name": 1, "head_birth_year": 2, "group": 3,
                               "ethnicity": 4, "poverty": 5, "cultural_family": 6,
                               "antt_commitment": 7, "member_count": 8, "phone": 9}
    ward = demo.units.find("quyet thang", YEAR, "ward")
    preview = hi.check(demo, imported, mapping, YEAR, ward.id)
    assert preview.ignored == 1  # "Người lập biểu"
    assert [row.kind for row in preview.rows] == ["add", "add", "rejected"]
    # "Nậm Lương 3" is close to a group but not the same: confirmed once, then imported.
    [uncertain] = preview.uncertain_groups
    assert uncertain.group_text == "Nậm Lương 3" and uncertain.rows == 1
    group = demo.units.find("Bản Nậm Loỏng 3", YEAR, "group")
    assert uncertain.candidates[0][0] == group.id
    preview = hi.check(demo, imported, mapping, YEAR, ward.id,
                       group_choices={uncertain.key: group.id})
    assert preview.counts.add == 3 and preview.counts.rejected == 0
    hi.apply(demo, preview)
    [pao] = stored(demo, "Sùng A Nhập Páo")
    assert (pao.head_birth_year, pao.ethnicity_code, pao.phone, pao.member_count) == (
        1985, ethnic_code("Mông"), "0912345678", 5)
    status = demo.households.year_status(pao.id, YEAR)
    assert status and status.poverty == "poor" and status.cultural_family
    assert status.antt_commitment and not status.learning_family
    [on] = stored(demo, "Lò Thị Nhập Ơn")
    assert on.head_name == "Lò Thị Nhập Ơn" and on.head_birth_year == 1985
    on_status = demo.households.year_status(on.id, YEAR)
    assert on_status and on_status.poverty == "near_poor" and on_status.antt_commitment
    [ot] = stored(demo, "Đèo Văn Nhập Ót")
    assert ot.group_id == group.id and ot.phone == "0987 654 321"
    ot_status = demo.households.year_status(ot.id, YEAR)
    assert ot_status and ot_status.poverty == "" and not ot_status.cultural_family


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_a_file_in_a_legacy_font_is_converted(tmp_path: Path, demo: Store,
                                              encoding: str) -> None:
    rows = [[encode(cell, encoding) if isinstance(cell, str) else cell for cell in row]
            for row in clean_rows()]
    path = write_xlsx(tmp_path / f"{encoding}.xlsx", rows)
    imported = hi.read_file(path)
    found = {d.column: d.encoding for d in imported.detections}
    # Names, wards, groups, ethnic names and addresses are text in the font.
    assert {1, 2, 3, 6, 7} <= set(found) and set(found.values()) == {encoding}
    name_detection = next(d for d in imported.detections if d.column == 1)
    assert (encode(CLEAN[0][0], encoding), CLEAN[0][0]) in name_detection.samples
    assert imported.header_row == 0 and imported.headers[1] == "Họ và tên chủ hộ"
    preview = prepare(demo, path)
    assert preview.counts.add == 4 and preview.counts.rejected == 0
    hi.apply(demo, preview)
    assert_lands_as_meant(demo, CLEAN)


def test_declining_the_conversion_keeps_the_text_as_it_is(tmp_path: Path) -> None:
    rows = [[encode(c, TCVN3) if isinstance(c, str) else c for c in row] for row in clean_rows()]
    imported = hi.read_file(write_xlsx(tmp_path / "tcvn3.xlsx", rows))
    assert imported.text(1, 1) == "Lò Văn Nhập Thượng"
    imported.use_conversions([])
    assert imported.text(1, 1) == encode("Lò Văn Nhập Thượng", TCVN3)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
def test_csv_in_the_three_encodings(tmp_path: Path, demo: Store, encoding: str) -> None:
    rows = clean_rows()
    if encoding == "cp1258":
        # Windows-1258 writes most tones as combining marks: what Vietnamese Windows produces.
        rows = [[cp1258_spelling(c) if isinstance(c, str) else c for c in row] for row in rows]
    path = write_csv(tmp_path / "ds.csv", rows, encoding)
    imported = hi.read_file(path)
    assert imported.text_encoding == encoding
    preview = prepare(demo, path)
    assert preview.counts.add == 4 and preview.counts.rejected == 0
    hi.apply(demo, preview)
    assert_lands_as_meant(demo, CLEAN)


def test_nfd_text_is_stored_as_nfc(tmp_path: Path, demo: Store) -> None:
    rows = [[unicodedata.normalize("NFD", c) if isinstance(c, str) else c for c in row]
            for row in clean_rows()]
    path = write_xlsx(tmp_path / "nfd.xlsx", rows)
    preview = prepare(demo, path)
    assert preview.counts.add == 4
    hi.apply(demo, preview)
    assert_lands_as_meant(demo, CLEAN)
    assert demo.db.execute(
        "SELECT COUNT(*) FROM households WHERE head_name = ?",
        [unicodedata.normalize("NFD", "Lò Văn Nhập Thượng")]).fetchone()[0] == 0


def test_an_ods_file_is_read(tmp_path: Path, demo: Store) -> None:
    path = write_ods(tmp_path / "ds.ods", clean_rows())
    preview = prepare(demo, path)
    assert preview.counts.add == 4
    hi.apply(demo, preview)
    assert_lands_as_meant(demo, CLEAN)


def test_an_xls_file_with_a_merged_title_is_read(tmp_path: Path, demo: Store) -> None:
    rows = [["DANH SÁCH HỘ GIA ĐÌNH NĂM 2024", *[""] * (len(HEADER) - 1)], *clean_rows()]
    path = write_xls(tmp_path / "ds.xls", rows, merges=[(0, 0, 0, len(HEADER) - 1)])
    imported = hi.read_file(path)
    assert imported.sheet == "Danh sách" and imported.header_row == 1
    assert imported.title_year == 2024
    preview = prepare(demo, path)
    assert preview.counts.add == 4 and preview.counts.rejected == 0
    hi.apply(demo, preview)
    assert_lands_as_meant(demo, CLEAN)


def test_birth_years_under_nam_and_nu_give_the_gender(tmp_path: Path, demo: Store) -> None:
    # The old paper layout: "Năm sinh" merged over a "Nam" and a "Nữ" column.
    rows: list[list[Any]] = [
        ["TT", "Họ và tên chủ hộ", "Năm sinh", "", "Tổ dân phố", "Dân tộc"],
        ["", "", "Nam", "Nữ", "", ""],
        [1, "Lò Văn Nhập Nam", 1975, "", "Tổ dân phố số 5", "Thái"],
        [2, "Lò Thị Nhập Nữ", "", "'88", "Tổ dân phố số 5", "Thái"],
        [3, "Lò Thị Nhập Dấu", "", "x", "Tổ dân phố số 5", "Thái"],
        [4, "Lò Văn Nhập Cả Hai", 1970, 1971, "Tổ dân phố số 5", "Thái"],
        [5, "Lò Văn Nhập Sai", "năm ngoái", "", "Tổ dân phố số 5", "Thái"],
        [6, "Lò Văn Nhập Gạch", 1966, "-", "Tổ dân phố số 5", "Thái"],  # "-": not this one
    ]
    path = write_xlsx(tmp_path / "nam_nu.xlsx", rows, merges=("C1:D1",))
    imported = hi.read_file(path)
    assert imported.header_row == 0 and imported.sub_header and imported.first_data_row == 2
    assert imported.headers[2:4] == ["Năm sinh Nam", "Năm sinh Nữ"]
    mapping = hi.guess_mapping(imported, demo, YEAR)
    assert mapping.columns == {"head_name": 1, "male_head": 2, "female_head": 3, "group": 4,
                               "ethnicity": 5}
    preview = hi.check(demo, imported, mapping, YEAR, demo.units.find("Tân Phong", YEAR,
                                                                       "ward").id)
    kinds = {row.line: row.kind for row in preview.rows}
    assert kinds == {3: "add", 4: "add", 5: "add", 6: "rejected", 7: "rejected", 8: "add"}
    reasons = {row.line: row.reason for row in preview.rejected}
    assert "Cả cột Nam" in reasons[6] and "không phải năm sinh" in reasons[7]
    hi.apply(demo, preview)
    found = {name: stored(demo, name)[0] for name in
             ("Lò Văn Nhập Nam", "Lò Thị Nhập Nữ", "Lò Thị Nhập Dấu", "Lò Văn Nhập Gạch")}
    assert [(h.head_gender, h.head_birth_year) for h in found.values()] == [
        ("nam", 1975), ("nu", 1988), ("nu", None), ("nam", 1966)]


def test_nam_and_nu_only_narrow_a_birth_year_or_gender_header(tmp_path: Path,
                                                              demo: Store) -> None:
    # "Năm" alone is a year, not "Nam"; "Số nhân khẩu" over "Nam" | "Nữ" counts people.
    rows: list[list[Any]] = [
        ["Họ và tên chủ hộ", "Tổ dân phố", "Năm", "Giới tính", "Nam", ""],
        ["Lò Văn Nhập Năm", "Tổ dân phố số 5", 1970, "Nam", "", ""],
        ["Lò Thị Nhập Trái", "Tổ dân phố số 5", 1971, "Nữ", "x", ""],
    ]
    imported = hi.read_file(write_xlsx(tmp_path / "nam.xlsx", rows))
    assert not imported.sub_header
    mapping = hi.guess_mapping(imported, demo, YEAR)
    assert mapping.column_of("head_birth_year") == 2
    assert mapping.column_of("male_head") is None and mapping.column_of("female_head") is None
    counts = [["Họ và tên chủ hộ", "Tổ dân phố", "Số nhân khẩu", ""],
              ["", "", "Nam", "Nữ"],
              ["Lò Văn Nhập Khẩu", "Tổ dân phố số 5", 2, 3]]
    imported = hi.read_file(write_xlsx(tmp_path / "khau.xlsx", counts, merges=("C1:D1",)))
    mapping = hi.guess_mapping(imported, demo, YEAR)
    assert "male_head" not in mapping.columns and "female_head" not in mapping.columns

    # A gender column and an x under the other gender contradict each other.
    path = write_xlsx(tmp_path / "trai.xlsx", [
        ["Họ và tên chủ hộ", "Tổ dân phố", "Giới tính", "Năm sinh", ""],
        ["", "", "", "Nam", "Nữ"],
        ["Lò Thị Nhập Trái", "Tổ dân phố số 5", "Nữ", "x", ""],
    ], merges=("D1:E1",))
    [row] = prepare(demo, path, ward="tan phong").rows
    assert row.kind == "rejected" and "khác với cột Nam" in row.reason


def test_cells_of_every_type_read_as_the_official_sees_them(tmp_path: Path,
                                                            demo: Store) -> None:
    # A date for the birth year, a phone typed as a number (its 0 lost), ticks stored as
    # TRUE, and a TRUE where a number belongs next to a 1 (equal keys to Python, not here).
    rows = [["Họ và tên chủ hộ", "Tổ dân phố", "Phường", "Năm sinh", "SĐT", "Gia đình văn hóa",
             "Số nhân khẩu"],
            ["Lò Văn Ngày", "Tổ dân phố số 5", "Tân Phong", dt.datetime(1980, 2, 3), 912345678,
             True, 1],
            ["Lò Văn Đúng", "Tổ dân phố số 5", "Tân Phong", 1981.0, "0912 345 999", 1, True],
            ["Lò Văn Không", "Tổ dân phố số 5", "Tân Phong", "1982", "", False, 0]]
    preview = prepare(demo, write_xlsx(tmp_path / "kieu.xlsx", rows))
    by_line = {row.line: row for row in preview.rows}
    first = by_line[2].household
    assert by_line[2].kind == "add" and first is not None
    assert (first.head_birth_year, first.phone, first.member_count) == (1980, "0912345678", 1)
    assert by_line[2].status is not None and by_line[2].status.cultural_family
    assert by_line[3].kind == "rejected" and "Số nhân khẩu 'x'" in by_line[3].reason
    assert by_line[4].kind == "rejected" and "từ 1 trở lên" in by_line[4].reason


def test_unreadable_files_are_refused_with_a_reason(tmp_path: Path) -> None:
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a spreadsheet")
    with pytest.raises(hi.ImportError_, match="Không đọc được tệp hong.xlsx"):
        hi.read_file(broken)
    (tmp_path / "a.pdf").write_text("x")
    with pytest.raises(hi.ImportError_, match="chỉ nhận Excel"):
        hi.read_file(tmp_path / "a.pdf")
    with pytest.raises(hi.ImportError_, match="Không tìm thấy tệp"):
        hi.read_file(tmp_path / "none.xlsx")


def test_guessing_fields_from_headers_and_values(tmp_path: Path, demo: Store) -> None:
    assert hi.guess_field("Họ và tên chủ hộ") == "head_name"
    assert hi.guess_field("Chủ hộ") == "head_name"
    assert hi.guess_field("Năm sinh chủ hộ") == "head_birth_year"
    assert hi.guess_field("Hộ cận nghèo") == "near_poor"
    assert hi.guess_field("Hộ nghèo") == "poor"
    assert hi.guess_field("Hộ nghèo/cận nghèo") == "poverty"
    assert hi.guess_field("Bản") == "group" and hi.guess_field("TDP") == "group"
    assert hi.guess_field("Tổ dân phố/Bản") == "group"
    assert hi.guess_field("Gia đình văn hóa") == "cultural_family"
    assert hi.guess_field("Số điện thoại") == "phone" and hi.guess_field("SĐT") == "phone"
    assert hi.guess_field("STT") is None and hi.guess_field("Lý do") is None
    assert hi.guess_field("Bản đồ số") is None
    # Columns without a useful header are recognised by their values.
    rows = [["A", "B", "C", "D", "E"],
            ["Lò Văn Một", "Tổ dân phố số 5", 1980, "0912 111 222", "Thái"],
            ["Lò Văn Hai", "Tổ dân phố số 8", 1981, "0912 111 223", "Kinh"],
            ["Lò Văn Ba", "Tổ dân phố số 9", 1982, "0912 111 224", "Mông"]]
    imported = hi.read_file(write_xlsx(tmp_path / "values.xlsx", rows))
    imported.header_row, imported.first_data_row = 0, 1
    mapping = hi.guess_mapping(imported, demo, YEAR)
    assert mapping.columns == {"head_name": 0, "group": 1, "head_birth_year": 2, "phone": 3,
                               "ethnicity": 4}


def test_mapping_presets_are_saved_and_reused(tmp_path: Path, demo: Store) -> None:
    rows = [["Chủ hộ gia đình", "Khu", "Sinh năm"], ["Lò Văn Một", "Tổ dân phố số 5", 1980]]
    first = hi.read_file(write_xlsx(tmp_path / "a.xlsx", rows))
    first.header_row, first.first_data_row = 0, 1
    mapping = hi.Mapping()
    mapping.set(0, "head_name")
    mapping.set(1, "group")
    mapping.set(2, "head_birth_year")
    hi.save_mapping_preset(demo, "Mẫu phường", first, mapping)
    saved = json.loads(demo.get_meta(hi.PRESETS_KEY) or "{}")
    assert saved["Mẫu phường"]["group"] == {"header": "khu", "column": 1}
    # Another file, columns in another order: found by their headers.
    other = [["Sinh năm", "Ghi chú", "Khu", "Chủ hộ gia đình"], [1979, "", "Tổ 5", "Lò Văn Hai"]]
    second = hi.read_file(write_xlsx(tmp_path / "b.xlsx", other))
    second.header_row, second.first_data_row = 0, 1
    reused = hi.mapping_from_preset(second, demo, "mau phuong")
    assert reused.columns == {"head_birth_year": 0, "group": 2, "head_name": 3}
    with pytest.raises(ValidationError, match="Không có mẫu ghép cột"):
        hi.mapping_from_preset(second, demo, "khác")
    hi.delete_mapping_preset(demo, "Mẫu phường")
    assert hi.mapping_presets(demo) == {}


# -- values and groups -----------------------------------------------------------------------


def test_yes_no_and_year_values() -> None:
    for mark in ("x", "X", "có", "Có", "1", "✓", 1.0):
        assert hi.parse_yes_no(hi.cell_text(mark)) is True
    for mark in ("", "0", "không", "-"):
        assert hi.parse_yes_no(mark) is False
    with pytest.raises(ValueError):
        hi.parse_yes_no("chắc là có")
    assert hi.parse_year("1985") == 1985 and hi.parse_year("'85") == 1985
    assert hi.parse_year("01/02/1985") == 1985 and hi.parse_year("1985-02-01") == 1985
    assert hi.parse_year(hi.cell_text(1985.0)) == 1985 and hi.parse_year("") is None
    assert hi.parse_year("05", this_year=2026) == 2005
    assert hi.parse_year("15", this_year=2026) == 1915
    with pytest.raises(ValueError):
        hi.parse_year("19x5")


def test_groups_are_matched_ignoring_accents_words_and_variants(demo: Store) -> None:
    matcher = hi.GroupMatcher(demo, YEAR)
    target = demo.units.find("Bản Nậm Loỏng 3", YEAR, "group")
    for written in ("Nậm Loóng 3", "nam loong 3", "Bản Nậm Loông 3", "BẢN NẬM LOỎNG 3"):
        assert matcher.match("", written).group_id == target.id, written
    # "Tổ dân phố số 5" exists in several wards: the ward decides.
    ambiguous = matcher.match("", "Tổ dân phố số 5")
    assert ambiguous.uncertain and len(ambiguous.candidates) == 4
    tan_phong = demo.units.find("tan phong", YEAR, "ward")
    in_ward = matcher.match("Phường Tân Phong", "TDP số 5")
    assert in_ward.certain and demo.units.get(in_ward.group_id or "").parent_id == tan_phong.id
    assert hi.GroupMatcher(demo, YEAR, tan_phong.id).match("", "Tổ 5").certain
    assert matcher.match("Xã San Thành", "Bản San Thàng").certain
    unknown = matcher.match("Phường Tân Phong", "Tổ dân phố số 99")
    assert not unknown.certain and not unknown.uncertain and "số 99" in unknown.problem
    other = hi.GroupMatcher(demo, YEAR, tan_phong.id).match("Đoàn Kết", "Tổ 5")
    assert "không phải" in other.problem
    # The same value is matched once, however many rows carry it.
    again = matcher.match("", "nam loong 3")
    assert again is matcher.match("", "nam loong 3") and again.rows >= 2


# -- duplicates and rejected rows ------------------------------------------------------------


def test_duplicates_and_bad_rows(tmp_path: Path, demo: Store) -> None:
    group = demo.units.find("Bản Nậm Loỏng 3", YEAR, "group")
    existing = demo.households.get(demo.query(
        "SELECT id FROM households WHERE group_id = ? AND phone <> '' AND deleted_at IS NULL"
        " ORDER BY head_sort_key LIMIT 1", [group.id])[0]["id"])
    other_phone = demo.query(
        "SELECT phone FROM households WHERE group_id <> ? AND phone <> '' AND deleted_at IS NULL"
        " LIMIT 1", [group.id])[0]["phone"]
    header = ["Họ và tên chủ hộ", "Bản", "Năm sinh", "Dân tộc", "SĐT", "GĐVH", "Hộ nghèo",
              "Hộ cận nghèo"]
    body = [
        [existing.head_name.upper(), "Nậm Loỏng 3", 1970, "Thái", "", "x", "", ""],  # 2 similar
        ["Hà Văn Mới", "Nậm Loỏng 3", 1971, "Thái", other_phone, "", "", ""],  # 3 same phone
        ["Hà Văn Trùng", "Nậm Loỏng 3", 1972, "Thái", "", "", "", ""],  # 4 new
        ["Hà Văn Trùng", "Nậm Loỏng 3", 1973, "Thái", "", "", "", ""],  # 5 = row 4
        ["Hà Văn Sai", "Nậm Loỏng 3", "19x5", "Thái", "", "", "", ""],  # 6 bad year
        ["Hà Văn Lạ", "Nậm Loỏng 3", 1975, "Tây Ban Nha", "", "", "", ""],  # 7 ethnicity
        ["Hà Văn Xa", "Nậm Loỏng 99", 1976, "Thái", "", "", "", ""],  # 8 no such group
        ["", "Nậm Loỏng 3", 1977, "Thái", "", "", "", ""],  # 9 no name
        ["Hà Văn Dấu", "Nậm Loỏng 3", 1978, "Thái", "", "chắc thế", "", ""],  # 10 bad mark
        ["Hà Văn Hai", "Nậm Loỏng 3", 1979, "Thái", "", "", "x", "x"],  # 11 both
        ["Hà Văn Trẻ", "Nậm Loỏng 3", 2020, "Thái", "", "", "", ""],  # 12 too young
        ["Hà Văn Phôn", "Nậm Loỏng 3", 1980, "Thái", "12ab", "", "", ""],  # 13 bad phone
    ]
    path = write_xlsx(tmp_path / "trung.xlsx", [header, *body])
    preview = prepare(demo, path, ward="quyet thang")
    by_line = {row.line: row for row in preview.rows}
    assert by_line[2].kind == "duplicate" and by_line[2].duplicate_of == existing.id
    assert by_line[3].kind == "duplicate" and "Số điện thoại" in by_line[3].duplicate_reason
    assert by_line[4].kind == "add"
    assert by_line[5].kind == "duplicate" and by_line[5].duplicate_line == 4
    reasons = {line: by_line[line].reason for line in range(6, 14)}
    assert "Năm sinh '19x5'" in reasons[6]
    assert "Dân tộc 'Tây Ban Nha'" in reasons[7]
    assert "Nậm Loỏng 99" in reasons[8]
    assert "Thiếu họ tên chủ hộ" in reasons[9]
    assert "'chắc thế' không hiểu" in reasons[10]
    assert "vừa là hộ nghèo vừa là hộ cận nghèo" in reasons[11]
    assert "Năm sinh chủ hộ 2020 không hợp lý" in reasons[12]
    assert "12ab" in reasons[13]
    counts = preview.counts
    assert (counts.add, counts.update, counts.duplicates, counts.rejected) == (1, 0, 3, 8)
    # Decisions per duplicate: update the similar one, add the in-file one anyway.
    preview.decide(2, "update")
    preview.decide(5, "add")
    with pytest.raises(ValidationError):
        preview.decide(5, "update")  # like another row of the file: nothing to update
    assert (preview.counts.add, preview.counts.update) == (2, 1)
    assert preview.action_name == "Nhập 3 hộ từ trung.xlsx"
    before = live_count(demo)
    hi.apply(demo, preview)
    assert live_count(demo) == before + 2
    updated = demo.households.get(existing.id)
    assert updated.head_birth_year == 1970 and updated.head_name == existing.head_name.upper()
    assert updated.phone == existing.phone  # an empty cell does not erase what was there
    status = demo.households.year_status(existing.id, YEAR)
    assert status is not None and status.cultural_family
    assert len(stored(demo, "Hà Văn Trùng")) == 2 and stored(demo, "Hà Văn Mới") == []


def test_near_duplicate_names_one_letter_apart_in_the_same_family(tmp_path: Path,
                                                                   demo: Store) -> None:
    group = demo.units.find("Bản Nậm Loỏng 3", YEAR, "group")
    existing = [demo.households.add(Household(group.id, name), year=YEAR) for name in (
        "Lường Văn Thanh Bình", "Lò Thị Nga", "Lò Văn A")]
    body = [
        ["Lường Văn Thanh Bìh", "Nậm Loỏng 3"],  # 2 a letter missing
        ["Lường Văn Thahn Bình", "Nậm Loỏng 3"],  # 3 two letters swapped
        ["Lường Văn Thinh Bình", "Nậm Loỏng 3"],  # 4 a letter wrong
        ["Quàng Văn Thanh Bình", "Nậm Loỏng 3"],  # 5 another family: another household
        ["Lường Văn Thanh Bính Anh", "Nậm Loỏng 3"],  # 6 more than a letter apart
        ["Lò Thị Ngà", "Nậm Loỏng 3"],  # 7 the same once accents are set aside
        ["Lò Văn O", "Nậm Loỏng 3"],  # 8 short: one letter is too much (0,875 alike)
        ["Lường Văn Thanh Bìh", "Nậm Loỏng 1"],  # 9 another group
        ["Lò Thị Na", "Nậm Loỏng 3"],  # 10 short, a letter missing: 0,95 alike
    ]
    path = write_xlsx(tmp_path / "gan_giong.xlsx", [["Họ và tên chủ hộ", "Bản"], *body])
    preview = prepare(demo, path, ward="quyet thang")
    by_line = {row.line: row for row in preview.rows}
    similar = {line: row.duplicate_of for line, row in by_line.items() if row.duplicate_of}
    assert similar == {2: existing[0].id, 3: existing[0].id, 4: existing[0].id,
                       7: existing[1].id, 10: existing[1].id}
    assert [by_line[line].kind for line in (5, 6, 8, 9)] == ["add"] * 4


def test_rejected_rows_file_imports_again_after_correction(tmp_path: Path, demo: Store) -> None:
    header = ["STT", "Họ và tên chủ hộ", "Tổ dân phố", "Năm sinh", "GĐVH"]
    rows = [["DANH SÁCH HỘ NĂM 2024"], [], header,
            [1, "Lò Văn Đúng", "Tổ dân phố số 5", 1980, "x"],
            [2, "Lò Văn Sai Tổ", "Tổ dân phố số 55", 1981, ""],
            [3, "Lò Văn Sai Năm", "Tổ dân phố số 5", "một chín tám hai", "x"]]
    source = write_xlsx(tmp_path / "goc.xlsx", rows)
    preview = prepare(demo, source, ward="tan phong")
    assert preview.counts.add == 1 and preview.counts.rejected == 2
    hi.apply(demo, preview)
    rejected = tmp_path / "chua_nhap.xlsx"
    assert hi.write_rejected(preview, rejected) == 2
    sheet = openpyxl.load_workbook(rejected).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header_row = next(i for i, row in enumerate(values) if row[:5] == header)
    assert values[header_row][5] == hi.REASON_HEADER
    assert values[header_row + 1][1] == "Lò Văn Sai Tổ"
    assert values[header_row + 1][5].startswith("Dòng 5: ")
    assert "Dòng 6: Năm sinh" in values[header_row + 2][5]
    # The official corrects the two rows in Excel and imports the file again.
    sheet.cell(header_row + 2, 3).value = "Tổ dân phố số 5"
    sheet.cell(header_row + 3, 4).value = 1982
    sheet.parent.save(rejected)
    again = prepare(demo, rejected, ward="tan phong")
    assert again.file.title_year == YEAR
    assert "ly do" not in {hi._header_key(h) for h in  # noqa: SLF001
                           [again.file.headers[c] for c in again.mapping.columns.values()]}
    assert (again.counts.add, again.counts.rejected) == (2, 0)
    hi.apply(demo, again)
    for name, year in (("Lò Văn Sai Tổ", 1981), ("Lò Văn Sai Năm", 1982)):
        [household] = stored(demo, name)
        assert household.head_birth_year == year
        assert demo.units.get(household.group_id).name == "Tổ dân phố số 5"


# -- one action, all or nothing, undone as one step ------------------------------------------


def big_file(tmp_path: Path, count: int) -> Path:
    rows: list[list[Any]] = [["Họ và tên chủ hộ", "Phường", "Tổ dân phố", "Năm sinh", "GĐVH"]]
    for number in range(count):
        rows.append([f"Giàng A Nhập {number:05d}", "Tân Phong", f"Tổ dân phố số {number % 9 + 1}",
                     1950 + number % 50, "x" if number % 3 else ""])
    return write_xlsx(tmp_path / "lon.xlsx", rows)


def index_state(store: Store) -> tuple[int, int, int, int, int, bool]:
    return (
        live_count(store),
        store.db.execute("SELECT COUNT(*) FROM households_fts").fetchone()[0],
        count_households(store, HouseholdQuery(YEAR, text="giang a nhap")),
        store.db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0],
        store.change_seq,
        store.db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"
                         " AND name = 'households_fts_insert'").fetchone()[0] == 1,
    )


@pytest.mark.parametrize("count", [30, hi._BULK_FROM + 10])  # noqa: SLF001
def test_a_failure_in_the_middle_leaves_nothing_behind(
    tmp_path: Path, demo: Store, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    preview = prepare(demo, big_file(tmp_path, count))
    assert preview.counts.add == count
    before = index_state(demo)

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("disk full")

    # The households are written; writing their statuses fails.
    monkeypatch.setattr(demo.households, "_write_years", broken)
    with pytest.raises(RuntimeError):
        hi.apply(demo, preview)
    assert index_state(demo) == before
    monkeypatch.undo()
    hi.apply(demo, preview)
    after = index_state(demo)
    assert after[0] == before[0] + count and after[2] == count and after[5]


def test_undo_removes_exactly_the_import_and_redo_puts_it_back(
    tmp_path: Path, demo: Store
) -> None:
    ward = demo.units.find("tan phong", YEAR, "ward")
    existing = [demo.households.get(row["id"]) for row in demo.query(
        "SELECT h.id FROM households h JOIN units g ON g.id = h.group_id"
        " WHERE g.parent_id = ? AND h.deleted_at IS NULL ORDER BY h.num LIMIT 2", [ward.id])]
    no_status = demo.households.add(
        Household(group_id=existing[0].group_id, head_name="Lù Văn Chưa Có Năm"))
    header = ["Mã hộ", "Họ và tên chủ hộ", "Tổ dân phố", "Năm sinh", "GĐVH", "Hộ nghèo"]
    group_name = demo.units.get(existing[0].group_id).name
    rows = [header,
            [existing[0].id, existing[0].head_name, group_name, 1950, "x", "x"],
            [existing[1].id, existing[1].head_name + " Sửa",
             demo.units.get(existing[1].group_id).name, existing[1].head_birth_year, "", ""],
            [no_status.id, no_status.head_name, group_name, 1960, "x", ""],
            ["", "Cà Văn Mới Một", group_name, 1990, "x", ""],
            ["", "Cà Văn Mới Hai", group_name, 1991, "", "x"]]
    before = snapshot(demo)
    preview = prepare(demo, write_xlsx(tmp_path / "sua.xlsx", rows), ward="tan phong")
    assert (preview.counts.add, preview.counts.update) == (2, 3)
    outcome = hi.apply(demo, preview)
    imported = snapshot(demo)
    assert len(imported) == len(before) + 2
    assert imported[existing[0].id][0].head_birth_year == 1950
    assert imported[existing[0].id][1].poverty == "poor"  # type: ignore[union-attr]
    assert imported[no_status.id][1] is not None and before[no_status.id][1] is None
    hi.revert_import(demo, outcome)
    assert snapshot(demo) == before
    hi.reapply_import(demo, outcome)
    assert snapshot(demo) == imported
    assert demo.verify_audit_chain() == []


def test_nothing_to_import_is_refused(tmp_path: Path, demo: Store) -> None:
    path = write_xlsx(tmp_path / "rong.xlsx", [["Họ và tên chủ hộ", "Tổ dân phố"],
                                               ["", "Tổ 99"], ["Ai đó", "Tổ 99"]])
    preview = prepare(demo, path, ward="tan phong")
    assert preview.counts.written == 0
    with pytest.raises(hi.ImportError_):
        hi.apply(demo, preview)
    with pytest.raises(hi.ImportError_, match="Họ và tên chủ hộ"):
        hi.check(demo, preview.file, hi.Mapping({"group": 1}), YEAR)


def test_checking_uses_the_flags_of_the_model() -> None:
    # Every yes/no status of the model has a header the importer recognises.
    for flag, label in HOUSEHOLD_FLAGS.items():
        assert hi.guess_field(label) == flag
