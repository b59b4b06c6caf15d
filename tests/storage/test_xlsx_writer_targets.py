"""A text workbook keeps its strings as text wherever it is saved and whatever its sheets hold.

``TextWorkbook.save`` takes what openpyxl's ``Workbook.save`` takes: a path (written whole or
not at all) or an open binary file (written as it is). Either way, and on a sheet with merged
cells (whose placeholders hold no value), a string that looks like a formula or an error is
read back as that string.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from storage.xlsx_writer import new_workbook, text_cell

TEXTS = ["=HYPERLINK(\"http://x\",\"Bấm\")", "=1+1", "+84 912", "-5", "@SUM(A1)", "#N/A",
         "#REF!", "_x0041_ là A", "Lò \x07 Văn"]


def _fill(write_only: bool) -> openpyxl.Workbook:
    workbook = new_workbook(write_only=write_only)
    sheet = workbook.create_sheet("Danh sách") if write_only else workbook.active
    sheet.append(["Tiêu đề", None])
    for text in TEXTS:
        sheet.append([text, text_cell(sheet, text)])
    if not write_only:
        sheet.merge_cells("A1:B1")  # B1 becomes a MergedCell, which has no value of its own
        # Set after the rows: a value given to a cell directly is text as well.
        sheet.cell(row=len(TEXTS) + 2, column=1).value = "=SUM(A1:A3)"
    return workbook


def _texts(source: Path | io.BytesIO) -> list[tuple[object, str]]:
    """Every value below the title with its type, the format's escapes read back (openpyxl
    leaves them in, Excel and LibreOffice do not)."""
    sheet = openpyxl.load_workbook(source).worksheets[0]
    return [(unescape(cell.value) if isinstance(cell.value, str) else cell.value,
             cell.data_type)
            for row in sheet.iter_rows(min_row=2) for cell in row if cell.value is not None]


def _expected(write_only: bool) -> list[tuple[object, str]]:
    cells = [(text, "s") for text in TEXTS for _ in range(2)]
    return cells if write_only else [*cells, ("=SUM(A1:A3)", "s")]


@pytest.mark.parametrize("write_only", [False, True])
def test_saved_to_an_open_file_strings_stay_text(write_only: bool) -> None:
    stream = io.BytesIO()
    _fill(write_only).save(stream)
    stream.seek(0)
    assert _texts(stream) == _expected(write_only)


@pytest.mark.parametrize("write_only", [False, True])
def test_saved_to_a_path_strings_stay_text_and_no_temporary_is_left(
        tmp_path: Path, write_only: bool) -> None:
    target = tmp_path / "danh-sach.xlsx"
    _fill(write_only).save(target)
    assert _texts(target) == _expected(write_only)
    assert [p.name for p in tmp_path.iterdir()] == ["danh-sach.xlsx"]


def test_an_open_file_and_a_path_get_the_same_workbook(tmp_path: Path) -> None:
    stream = io.BytesIO()
    _fill(False).save(stream)
    _fill(False).save(tmp_path / "a.xlsx")
    stream.seek(0)
    on_disk = openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[0]
    in_memory = openpyxl.load_workbook(stream).worksheets[0]
    assert [[c.value for c in row] for row in in_memory.iter_rows()] == \
        [[c.value for c in row] for row in on_disk.iter_rows()]
    assert [str(r) for r in in_memory.merged_cells.ranges] == ["A1:B1"]
