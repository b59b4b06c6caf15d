"""The report tables as an Excel workbook (openpyxl): one sheet per table, Vietnamese headers,
numbers as numbers (shares as fractions with a percent format), widths, frozen header row.

Row 1 of every sheet is the header (frozen, repeated on printed pages, with a filter); then
the rows, the total row in bold, and the table's notes under a blank row. The table's caption
is the printed page header, so a sheet prints like the report's table. Every text is written
as text (storage.xlsx_writer): a group or a note beginning with "=" is no formula.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.document import Cell, Column, Percent, TableData, cell_text
from storage.xlsx_writer import new_workbook

PERCENT_FORMAT = "0.0%"
INT_FORMAT = "#,##0"
ORDINAL_FORMAT = "0"
# Column widths are in characters of the default font. Text wraps beyond MAX_WIDTH; headings
# wrap onto at most about two lines.
MIN_WIDTH = 6
MAX_WIDTH = 60
# A wide table is printed on landscape pages (the sum of its widths, in characters).
LANDSCAPE_FROM = 110
# Height of one line of the default font (points). Spreadsheet programs do not grow a row for
# wrapped text in a file written by a library (LibreOffice and Excel keep the default height,
# and the text spills over the next rows), so the rows get their height here.
LINE_HEIGHT = 15
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# openpyxl's Font(bold=True) alone has no name or size, which some programs then show in
# their own default font: the bold cells keep the workbook's font.
_BOLD = Font(name=DEFAULT_FONT.name, sz=DEFAULT_FONT.sz, bold=True)
_NOTE = Font(name=DEFAULT_FONT.name, sz=DEFAULT_FONT.sz, italic=True)
_FORMATS = {"percent": PERCENT_FORMAT, "int": INT_FORMAT, "ordinal": ORDINAL_FORMAT}


def write_tables(tables: list[TableData], path: str | Path) -> None:
    """Write each table to its own sheet of a new workbook at ``path``."""
    workbook = new_workbook()
    first = workbook.active
    assert first is not None  # a new workbook opens with one empty sheet
    workbook.remove(first)
    used: set[str] = set()
    for index, table in enumerate(tables, 1):
        _write_sheet(workbook.create_sheet(_sheet_name(table.sheet or f"Bảng {index}", used)),
                     table)
    workbook.save(str(path))


def _sheet_name(wanted: str, used: set[str]) -> str:
    """At most 31 characters, none of []:*?/\\, and unique in the workbook (Excel's rules)."""
    name = "".join(" " if c in "[]:*?/\\" else c for c in wanted)[:31].strip() or "Bảng"
    candidate, number = name, 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate, number = name[:31 - len(suffix)] + suffix, number + 1
    used.add(candidate.lower())
    return candidate


def _write_sheet(sheet: Worksheet, table: TableData) -> None:
    sheet.append([column.title for column in table.columns])
    for cell in sheet[1]:
        cell.font = _BOLD
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    for row in table.rows:
        _append_row(sheet, table.columns, row)
    last_data_row = sheet.max_row
    if table.total is not None:
        _append_row(sheet, table.columns, table.total)
        for cell in sheet[sheet.max_row]:
            cell.font = _BOLD
    widths = [_width(position, table) for position in range(len(table.columns))]
    for position, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    _row_heights(sheet, widths)
    sheet.freeze_panes = "A2"
    last_column = get_column_letter(len(table.columns))
    # The filter covers the groups, not the total row, which stays last whatever is sorted.
    sheet.auto_filter.ref = f"A1:{last_column}{last_data_row}"
    if table.notes:
        sheet.append([])
        for note in table.notes:
            sheet.append([note])
            sheet.cell(sheet.max_row, 1).font = _NOTE
    _page_setup(sheet, table)


def _append_row(sheet: Worksheet, columns: tuple[Column, ...], row: tuple[Cell, ...]) -> None:
    sheet.append([_value(value) for value in row])
    for column, cell in zip(columns, sheet[sheet.max_row], strict=True):
        cell.border = _BORDER
        if column.kind in _FORMATS:
            cell.number_format = _FORMATS[column.kind]
            if column.kind == "ordinal":
                cell.alignment = Alignment(horizontal="center", vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")
        else:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _width(position: int, table: TableData) -> float:
    """Wide enough for the longest cell (up to MAX_WIDTH, then text wraps) and for the
    heading on about two lines (never narrower than its longest word)."""
    column = table.columns[position]
    rows = list(table.rows) + ([table.total] if table.total is not None else [])
    # As printed in the PDF: "12.460" and "96,3%" are as long as Excel's own display.
    longest = max((len(cell_text(row[position], column.kind)) for row in rows
                   if row[position] is not None and row[position] != ""), default=0)
    words = column.title.split()
    heading = max(max((len(word) for word in words), default=0),
                  math.ceil(len(column.title) / 2))
    # Bold headings are wider than the character count says: one more character of room.
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2, heading + 3)))


def _lines(text: str, width: float, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped in a column ``width`` characters wide."""
    room = max(1, int(width - (3 if bold else 2)))
    return max(1, len(textwrap.wrap(text, room)))


def _row_heights(sheet: Worksheet, widths: list[float]) -> None:
    """Give every row that wraps the height of its tallest cell."""
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=sheet.max_row), start=1):
        lines = 1
        for cell, width in zip(row, widths, strict=False):
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                lines = max(lines, _lines(cell.value, width, bool(cell.font.b)))
        if lines > 1:
            sheet.row_dimensions[number].height = lines * LINE_HEIGHT


def _page_setup(sheet: Worksheet, table: TableData) -> None:
    """A4, one page wide, the header row on every page, the caption as the page header."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    total_width = sum(sheet.column_dimensions[get_column_letter(i)].width
                      for i in range(1, len(table.columns) + 1))
    sheet.page_setup.orientation = "landscape" if total_width > LANDSCAPE_FROM else "portrait"
    # openpyxl gives every sheet its page setup properties, header and footer, and their parts.
    setup_properties, odd_header, odd_footer = (
        sheet.sheet_properties.pageSetUpPr, sheet.oddHeader, sheet.oddFooter)
    assert setup_properties is not None and odd_header is not None and odd_footer is not None
    header, footer = odd_header.center, odd_footer.center
    assert header is not None and footer is not None
    setup_properties.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.print_title_rows = "1:1"
    # "&" starts a header code in Excel: a caption's own "&" is written "&&".
    header.text = table.caption.replace("&", "&&")
    header.font = f"{DEFAULT_FONT.name},Bold"
    footer.text = "&P/&N"


def _value(value: object) -> object:
    if isinstance(value, Percent):
        return value.fraction
    if value == "":
        return None
    return value
