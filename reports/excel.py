"""The report tables as an Excel workbook (openpyxl): one sheet per table, Vietnamese headers,
numbers as numbers (shares as fractions with a percent format), widths, frozen header row."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from reports.document import Percent, TableData

PERCENT_FORMAT = "0.0%"
INT_FORMAT = "#,##0"
# Excel column width is in characters; a millimetre is about half a character.
CHARS_PER_MM = 0.55
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def write_tables(tables: list[TableData], path: str | Path) -> None:
    """Write each table to its own sheet of a new workbook at ``path``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, table in enumerate(tables, 1):
        # Sheet names: at most 31 characters and unique.
        sheet = workbook.create_sheet((table.sheet or f"Bảng {index}")[:31])
        sheet.append([column.title for column in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = _BORDER
        rows = list(table.rows) + ([table.total] if table.total is not None else [])
        for row in rows:
            sheet.append([_value(value) for value in row])
            for column, cell in zip(table.columns, sheet[sheet.max_row], strict=True):
                cell.border = _BORDER
                if column.kind == "percent":
                    cell.number_format = PERCENT_FORMAT
                elif column.kind == "int":
                    cell.number_format = INT_FORMAT
                else:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        if table.total is not None:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        for position, column in enumerate(table.columns, 1):
            sheet.column_dimensions[get_column_letter(position)].width = max(
                8, column.width_mm * CHARS_PER_MM * 2)
        sheet.freeze_panes = "A2"
    workbook.save(str(path))


def _value(value: object) -> object:
    if isinstance(value, Percent):
        return value.fraction
    if value == "":
        return None
    return value
