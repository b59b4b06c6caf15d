"""Hostile spreadsheets are refused with their reason before the reader sees them.

Every file that could make the reader run away is read in a child process with its address
space capped (tests/hostile_spreadsheets.py): a regression aborts that process, never the
machine. The same cap lets normal files through.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from storage import household_import as hi
from storage.household_import_limits import (
    MAX_CELL_TEXT,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    RefusedFile,
    check_file,
)
from tests.hostile_spreadsheets import (
    CONTENT_TYPES,
    PACKAGE_RELS,
    SHEET_END,
    SHEET_START,
    WORKBOOK,
    WORKBOOK_RELS,
    command_in_limited_process,
    read_damaged_copies,
    read_in_limited_process,
    text_cell,
    write_far_cell,
    write_ods_repeats,
    write_sheet_xml,
    write_xls,
    write_zip_bomb,
)
from tests.storage.test_household_import import write_ods

HEADER = f'<row r="1">{text_cell("A1", "Họ và tên chủ hộ")}{text_cell("B1", "Tổ")}</row>'


def refused(path: Path) -> str:
    """The reason ``read_file`` refuses ``path``, read in a capped child process."""
    code, output, errors = read_in_limited_process(path)
    assert code == 0, errors[-2000:]
    assert "refused" in output, output
    return str(output["refused"])


# -- the reported files ----------------------------------------------------------------------


def test_one_cell_at_xfd1048576_is_refused_with_its_reason(tmp_path: Path) -> None:
    path = write_far_cell(tmp_path / "o_xa.xlsx")
    assert path.stat().st_size < 2000
    reason = refused(path)
    assert "có ô ở XFD1048576" in reason and "hãy xóa các ô thừa" in reason
    assert f"{MAX_COLUMNS} cột" in reason and "1.000.000 dòng" in reason
    assert "trang tính Danh sách" in reason


@pytest.mark.parametrize("reference", ["A1048576", "XFD1", "GS2", "A1000001"])
def test_a_far_row_or_column_alone_is_refused(tmp_path: Path, reference: str) -> None:
    reason = refused(write_far_cell(tmp_path / "xa.xlsx", reference))
    assert f"có ô ở {reference}" in reason


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    path = write_zip_bomb(tmp_path / "bom.xlsx")
    assert path.stat().st_size < 2 << 20
    started = time.monotonic()
    reason = refused(path)
    assert "giải nén ra 1.638 MB" in reason and "vượt giới hạn 1.024 MB" in reason
    assert time.monotonic() - started < 30


def test_a_bomb_of_cells_under_the_total_is_refused_by_its_ratio(tmp_path: Path) -> None:
    path = write_zip_bomb(tmp_path / "bom_o.xlsx", gigabytes=0.5, cells=True)
    reason = refused(path)
    assert "nén" in reason and "lần" in reason and "bất thường" in reason


@pytest.mark.parametrize("cells", [False, True])
def test_a_zip_that_lies_about_its_size_is_refused(tmp_path: Path, cells: bool) -> None:
    """Declared 10 MB, so neither the total nor the ratio gives it away: it is refused while
    inflating, at the first byte past what it declared (or at the first endless text)."""
    path = write_zip_bomb(tmp_path / "gia.xlsx", declared=10 << 20, cells=cells)
    reason = refused(path)
    assert ("nhiều hơn kích thước khai báo" in reason) if cells else (
        f"dài hơn {MAX_CELL_TEXT:,} ký tự".replace(",", ".") in reason)


def test_ods_repeats_of_96_million_cells_are_refused(tmp_path: Path) -> None:
    path = write_ods_repeats(tmp_path / "lap.ods")
    assert path.stat().st_size < 2000
    reason = refused(path)
    assert "trang tính Hộ" in reason and "vượt giới hạn" in reason


def test_ods_repeats_within_the_limits_are_read(tmp_path: Path) -> None:
    code, output, errors = read_in_limited_process(
        write_ods_repeats(tmp_path / "lap.ods", rows=3000, columns=20))
    assert code == 0, errors
    assert output["rows"] == 3001 and output["width"] == 20


@pytest.mark.parametrize(("columns", "repeated", "refused"), [
    (MAX_COLUMNS, False, False), (MAX_COLUMNS + 1, False, True),
    (MAX_COLUMNS, True, False), (MAX_COLUMNS + 1, True, True),
])
def test_ods_columns_are_counted_with_and_without_repeats(
        tmp_path: Path, columns: int, repeated: bool, refused: bool) -> None:
    cell = ('<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>'
            "</table:table-cell>")
    wide = (cell.replace("<table:table-cell", f'<table:table-cell table:number-columns-repeated='
                         f'"{columns}"') if repeated else cell * columns)
    rows = [["Họ và tên chủ hộ", "Tổ"], ["Lò Văn Páo", "Tổ 5"]]
    path = write_ods(tmp_path / "cot.ods", rows)
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    content = content.replace("</table:table>", f"<table:table-row>{wide}</table:table-row>"
                              "</table:table>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    if refused:
        with pytest.raises(RefusedFile, match=f"có ô ở {'GS' if columns > 200 else ''}3"):
            check_file(path)
    else:
        check_file(path)


@pytest.mark.parametrize(("dimensions", "move", "where"), [
    # The reader reserved rows × columns for what the record declares.
    ((4_000_000_000, 255), None, "khai báo vùng dữ liệu từ A1 đến IU4000000000"),
    ((65_536, 256), None, "khai báo vùng dữ liệu từ A1 đến IV65536"),
    (None, (65_535, 255), "có ô ở IV65536"),  # one cell moved to the last cell of the sheet
])
def test_xls_dimensions_and_far_cells_are_refused(
        tmp_path: Path, dimensions: tuple[int, int] | None, move: tuple[int, int] | None,
        where: str) -> None:
    rows: list[list[object]] = [["Họ và tên chủ hộ", "Tổ"], ["Lò Văn Páo", "Tổ 5"],
                                [0.1234567891, 1]]
    path = write_xls(tmp_path / "cu.xls", rows, dimensions=dimensions,
                     move=(0.1234567891, move) if move else None)
    assert where in refused(path)


def test_xls_dimensions_whose_first_row_is_after_the_last_are_refused(tmp_path: Path) -> None:
    """The reader computes last − first + 1 rows in 32 bits: 4 billion rows to reserve."""
    rows: list[list[object]] = [["Họ và tên chủ hộ", "Tổ"], ["Lò Văn Páo", "Tổ 5"]]
    path = write_xls(tmp_path / "nguoc.xls", rows, dimensions=(31, 3), first_row=227)
    assert "dòng đầu sau dòng cuối" in refused(path)


def test_the_command_line_refuses_with_the_reason(tmp_path: Path, demo_path: Path) -> None:
    path = write_far_cell(tmp_path / "o_xa.xlsx")
    done = command_in_limited_process(
        ["import-households", "--db", str(demo_path), str(path), "--dry-run"])
    assert done.returncode == 1, done.stderr[-2000:]
    assert "có ô ở XFD1048576" in done.stderr and "hãy xóa các ô thừa" in done.stderr
    assert "Traceback" not in done.stderr


# -- normal files pass, under the same cap ----------------------------------------------------


def test_normal_files_of_every_kind_still_read_under_the_cap(tmp_path: Path) -> None:
    rows: list[list[object]] = [["STT", "Họ và tên chủ hộ", "Tổ dân phố", "Năm sinh"]]
    rows += [[number, f"Lò Văn Páo {number}", f"Tổ {number % 20 + 1}", 1970 + number % 40]
             for number in range(1, 20001)]
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    for row in rows:
        sheet.append(row)
    workbook.save(tmp_path / "ds.xlsx")
    csv = tmp_path / "ds.csv"
    csv.write_text("\n".join(";".join(map(str, row)) for row in rows), encoding="utf-8")
    small = rows[:200]
    write_ods(tmp_path / "ds.ods", small)
    write_xls(tmp_path / "ds.xls", small)
    for name, count in (("ds.xlsx", len(rows)), ("ds.csv", len(rows)), ("ds.ods", len(small)),
                        ("ds.xls", len(small))):
        code, output, errors = read_in_limited_process(tmp_path / name)
        assert code == 0, errors
        assert output["rows"] == count and output["width"] == 4, name
        assert output["headers"] == ["STT", "Họ và tên chủ hộ", "Tổ dân phố", "Năm sinh"]


def test_an_excel_file_with_formatted_empty_cells_far_away_is_read(tmp_path: Path) -> None:
    """Excel writes a formatted empty cell as "<c r=… s=…/>": the reader leaves it out, so
    it is no reason to refuse the file."""
    path = write_sheet_xml(tmp_path / "dinh_dang.xlsx", HEADER + (
        f'<row r="2">{text_cell("A2", "Lò Văn Páo")}{text_cell("B2", "Tổ 5")}</row>'
        '<row r="1048576"><c r="XFD1048576" s="1"/></row>'))
    check_file(path)
    assert hi.read_file(path).rows[1] == ["Lò Văn Páo", "Tổ 5"]


# -- how the cells are found: every way XML can write a reference ------------------------------


@pytest.mark.parametrize("sheet", [
    '<row r="2"><c r="xfd2"><v>1</v></c></row>',  # the reader takes small letters too
    "<row r='2'><c r='XFD2'><v>1</v></c></row>",  # single quotes
    '<row r="2"><c s="0" r="XFD2"><v>1</v></c></row>',  # the reference after another one
    '<row r="2"><c t="s>" r="XFD2"><v>1</v></c></row>',  # a ">" inside a quoted value
    '<row r="2"><c r = "XFD2" ><v>1</v></c></row>',  # spaces around "="
    '<x:row r="2"><x:c r="XFD2"><x:v>1</x:v></x:c></x:row>',  # a prefix
    '<row r="1048576"><c><v>1</v></c></row>',  # a cell placed by its row
    '<row r="1000000"></row><row><c><v>1</v></c></row>',  # … by the row after a row
    '<row r="3">' + "<c><v>1</v></c>" * (MAX_COLUMNS + 1) + "</row>",  # … by counting
    '<row r="3"><c r="GR3"><v>1</v></c><c><v>1</v></c></row>',  # … after a reference
    '<row r="2"><c r="A2"><v>1</v></c></row>' * 2 + '<row r="2"><c r="A0001000001"><v>1'
    "</v></c></row>",  # out of order, with zeros in front
])
def test_every_way_of_writing_a_far_cell_is_seen(tmp_path: Path, sheet: str) -> None:
    path = write_sheet_xml(tmp_path / "cach_viet.xlsx", HEADER + sheet)
    with pytest.raises(RefusedFile, match="vượt giới hạn"):
        check_file(path)


def test_a_grid_too_large_in_all_is_refused(tmp_path: Path) -> None:
    """Within the rows and within the columns, but not within the cells."""
    rows = MAX_CELLS // 150 + 1
    path = write_sheet_xml(tmp_path / "rong.xlsx", HEADER + (
        f'<row r="2"><c r="EU2"><v>1</v></c></row><row r="{rows}"><c r="A{rows}"><v>1</v>'
        "</c></row>"))
    assert rows <= MAX_ROWS
    with pytest.raises(RefusedFile, match="20.000.000 ô"):
        check_file(path)


def test_a_shared_strings_count_beyond_any_sheet_is_refused(tmp_path: Path) -> None:
    path = write_sheet_xml(tmp_path / "chuoi.xlsx", HEADER)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.'
            'org/spreadsheetml/2006/main" count="1" uniqueCount="999999999999"><si><t>x</t>'
            "</si></sst>"))
    with pytest.raises(RefusedFile, match="999.999.999.999 chuỗi"):
        check_file(path)


def test_a_cell_longer_than_a_cell_may_be_is_refused(tmp_path: Path) -> None:
    long_text = "Lò Văn Páo " * 4000
    path = write_sheet_xml(tmp_path / "dai.xlsx", HEADER + (
        f'<row r="2">{text_cell("A2", long_text)}</row>'))
    with pytest.raises(hi.ImportError_, match="dài hơn 32.767 ký tự"):
        hi.read_file(path)
    csv = tmp_path / "dai.csv"
    csv.write_text(f"Họ và tên chủ hộ;Tổ\n{long_text};Tổ 5\n", encoding="utf-8")
    with pytest.raises(hi.ImportError_, match="Ô A2 dài hơn 32.767 ký tự"):
        hi.read_file(csv)


def test_csv_files_are_bounded_while_they_are_read(tmp_path: Path) -> None:
    wide = tmp_path / "rong.csv"
    line = ";".join(["x"] * MAX_COLUMNS)
    wide.write_text(f"Họ và tên chủ hộ;{line}\n{line};x\n", encoding="utf-8")
    with pytest.raises(hi.ImportError_, match="có ô ở GS1"):
        hi.read_file(wide)
    long = tmp_path / "dai.csv"
    long.write_text("Họ và tên chủ hộ;Tổ\n" + "x;1\n" * MAX_ROWS, encoding="utf-8")
    with pytest.raises(hi.ImportError_, match=r"có ô ở B1000001"):
        hi.read_file(long)
    field = tmp_path / "o.csv"
    field.write_text('Họ và tên chủ hộ;Tổ\n"' + "x" * 200_000 + '";1\n', encoding="utf-8")
    with pytest.raises(hi.ImportError_, match="Không đọc được tệp o.csv ở dòng 2"):
        hi.read_file(field)


def test_a_merge_down_the_whole_sheet_costs_nothing(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH HỘ"])
    sheet.append(["Họ và tên chủ hộ", "Tổ"])
    sheet.append(["Lò Văn Páo", "Tổ 5"])
    workbook.save(tmp_path / "gop.xlsx")
    imported = hi.read_file(tmp_path / "gop.xlsx")
    imported.merged = [((3, 0), (1_048_575, 5))] * 1000
    started = time.monotonic()
    hi.ImportFile.use_conversions(imported, [])
    assert time.monotonic() - started < 2
    assert imported.header_row == 1


def test_the_grid_is_bounded_again_before_it_is_handed_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the inspection might miss, the grid is checked once more before the reader
    turns it into Python rows (the largest part of what a read costs)."""
    from storage import household_import_read

    monkeypatch.setattr(household_import_read, "check_file", lambda path: None)
    path = write_sheet_xml(tmp_path / "ngoai.xlsx", HEADER + (
        '<row r="2"><c r="GS2" t="inlineStr"><is><t>x</t></is></c></row>'))
    with pytest.raises(hi.ImportError_, match="có ô ở GS2"):
        hi.read_file(path)


def test_a_sheet_the_workbook_names_anywhere_is_scanned(tmp_path: Path) -> None:
    """The workbook's relationships may name any part as a sheet ("xl/media/image1.png"):
    every part is scanned for cells, and a part the workbook names for long texts too."""
    path = tmp_path / "lech.xlsx"
    sheet = SHEET_START + HEADER + '<row r="2"><c r="XFD2"><v>1</v></c></row>' + SHEET_END
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.replace(
            "worksheets/sheet1.xml", "../media/anh.png"))
        archive.writestr("media/anh.png", sheet)
    with pytest.raises(RefusedFile, match="có ô ở XFD2"):
        check_file(path)
    # An image with long runs and no tags is no reason to refuse.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_START + HEADER + SHEET_END)
        archive.writestr("xl/media/image1.bmp", b"\xff" * (3 << 20))
    check_file(path)


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".xls"])
def test_damaged_files_are_refused_with_a_message_never_a_crash(tmp_path: Path,
                                                                suffix: str) -> None:
    """Hundreds of copies of a good list with a few bytes changed: each is read or refused
    with a message; none escapes as another error, none aborts the (capped) process."""
    rows: list[list[object]] = [["STT", "Họ và tên chủ hộ", "Tổ"],
                                *[[number, f"Lò Văn Páo {number}", "Tổ 5"]
                                  for number in range(1, 31)]]
    path = tmp_path / f"ds{suffix}"
    if suffix == ".xlsx":
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        workbook.save(path)
    elif suffix == ".ods":
        write_ods(path, rows)
    else:
        write_xls(path, rows)
    code, outcomes, errors = read_damaged_copies(path, 400, seed=2024)
    assert code == 0, errors[-3000:]
    assert set(outcomes) <= {"read", "refused"}, outcomes
    assert outcomes.get("refused", 0) > 0 and sum(outcomes.values()) == 400


def test_ods_rows_of_empty_cells_written_out_are_bounded(tmp_path: Path) -> None:
    """Empty cells the reader keeps (a run of them followed by another cell) cost memory
    though they widen nothing: 2.000 such rows of 16.000 cells are refused."""
    rows = [["Họ và tên chủ hộ", "Tổ"], ["Lò Văn Páo", "Tổ 5"]]
    path = write_ods(tmp_path / "trong.ods", rows)
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    empty = ('<table:table-row><table:table-cell table:number-columns-repeated="16000"/>'
             "<table:table-cell/></table:table-row>")
    content = content.replace("</table:table>", empty * 2000 + "</table:table>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    with pytest.raises(RefusedFile, match="có hơn 20.000.000 ô"):
        check_file(path)


@pytest.mark.parametrize("filler", [
    b'<c r="A1" t="' * 400_000,
    b"<x:c><x:v>1</x:v></x:c>" * 400_000,
    b'<c r="' + b"A" * 3_000_000 + b'1"><v>1</v></c>',
    b'<row r="1"><c r="A1" s="1" t="n"><v>1</v></c></row>' * 200_000,
], ids=["quotes that never close", "prefixed cells counted one by one",
        "a reference as long as a book", "many ordinary cells"])
def test_pathological_sheets_are_scanned_in_bounded_time(tmp_path: Path, filler: bytes) -> None:
    """Patterns that make a careless regular expression backtrack over the whole part."""
    path = tmp_path / "kho.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_START.encode() + filler
                         + SHEET_END.encode())
    started = time.monotonic()
    try:
        check_file(path)
    except RefusedFile:
        pass
    assert time.monotonic() - started < 30
