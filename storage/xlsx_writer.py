"""Writing .xlsx files in which every text is text, exactly as the data holds it.

Every .xlsx the program writes (household exports, the rejected rows of an import, report
tables) goes through ``new_workbook``. Its cells take any text as a text cell:

* openpyxl stores a string beginning with "=" as a live formula, and "#N/A" as an error: a
  name "=HYPERLINK(…)" became a link that leaks other cells. Here a string is always of type
  string (``data_type = "s"``), whatever it begins with ("=", "+", "-", "@", a tab, a line
  break), never prefixed with a quote, which would change the data;
* the characters XML cannot hold (control characters), a carriage return (which XML turns
  into a line feed) and text that looks like the format's own escape (``_x0041_``) are
  written as that escape, which Excel, LibreOffice and the importer read back as the exact
  original text;
* a text longer than a cell can hold (32.767 characters) is refused with a message instead
  of being cut short silently.

``TextWorkbook.save`` looks at every cell once more before writing and turns a formula or an
error that a string became into text again: no writer can emit a formula from data.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from inspect import isgenerator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from storage.errors import ValidationError
from storage.text import format_int

if TYPE_CHECKING:
    # The stubs' names for a sheet title that is not a str and for where a workbook is saved.
    from openpyxl import _Decodable, _ZipFileFileWriteProtocol

MAX_CELL_TEXT = 32_767
# XML 1.0 has no place for these; a CR is read back as a line feed unless escaped. Text that
# already looks like an escape gets its "_" escaped ("_x005F_"), as Excel does.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


def _escape(match: re.Match[str]) -> str:
    return f"_x{ord(match.group()):04X}_"


def text_value(text: str) -> str:
    """``text`` as a spreadsheet cell stores it (escapes only where the format needs them);
    reading the cell gives ``text`` back. Raises ValidationError for a text a cell cannot
    hold whole."""
    escaped = _UNWRITABLE.sub(_escape, text)
    if len(escaped) > MAX_CELL_TEXT:
        raise ValidationError(
            f"Ô bắt đầu bằng \"{text[:40]}…\" dài {format_int(len(text))} ký tự, quá"
            f" {format_int(MAX_CELL_TEXT)} ký tự một ô bảng tính chứa được; hãy rút ngắn nội"
            " dung đó rồi xuất lại. / A text is too long for a spreadsheet cell.")
    return escaped


class TextCell(Cell):
    """A cell in which a string is always text (see the module's docstring)."""

    __slots__ = ()

    # openpyxl's stubs leave out Cell._bind_value, through which every value is set.
    def _bind_value(self, value: Any) -> None:
        if isinstance(value, str):
            super()._bind_value(text_value(value))  # type: ignore[misc]
            self.data_type = "s"
        else:
            super()._bind_value(value)  # type: ignore[misc]


def _as_text_cell(cell: Cell) -> Cell:
    """A cell made elsewhere (openpyxl's WriteOnlyCell) with its string made text."""
    if type(cell) is not TextCell and isinstance(cell.value, str):
        # The value itself, not re-checked; openpyxl's stubs leave out Cell._value.
        cell._value = text_value(cell.value)  # type: ignore[attr-defined]  # noqa: SLF001
        cell.data_type = "s"
    return cell


def _text_content(sheet: Worksheet | WriteOnlyWorksheet, content: Any) -> Cell:
    """``content`` of a row as a cell whose string is text; the sheet's append gives it its
    row and column (1, 1 until then: openpyxl's stubs do not let them be left out)."""
    if isinstance(content, Cell):
        return _as_text_cell(content)
    return TextCell(sheet, row=1, column=1, value=content)


class _TextWorksheet(Worksheet):
    """A worksheet whose new cells are TextCells, however they are made."""

    _current_row: int  # openpyxl's count of rows written, which its stubs leave out

    def _get_cell(self, row: int, column: int) -> Cell | MergedCell:
        if not 0 < row < 1048577:
            raise ValueError(f"Row numbers must be between 1 and 1048576, not {row}")
        coordinate = (row, column)
        if coordinate not in self._cells:
            # openpyxl's stubs leave out Worksheet._add_cell.
            self._add_cell(TextCell(self, row=row, column=column))  # type: ignore[attr-defined]
        return self._cells[coordinate]

    def append(self, iterable: Any) -> None:
        """Append a row of values (a list, tuple, range, generator or a dict of columns)."""
        if isinstance(iterable, dict):
            row = self._current_row + 1
            for column, content in iterable.items():
                index = column_index_from_string(column) if isinstance(column, str) else column
                self._cells[(row, index)] = (
                    _as_text_cell(content) if isinstance(content, Cell)
                    else TextCell(self, row=row, column=index, value=content))
            self._current_row = row
            return
        if isinstance(iterable, (list, tuple, range)) or isgenerator(iterable):
            iterable = [_text_content(self, content) for content in iterable]
        super().append(iterable)


class _TextWriteOnlyWorksheet(WriteOnlyWorksheet):
    """A write-only worksheet (rows streamed out) whose cells are TextCells."""

    def _values_to_row(self, values: Iterable[Any], row_idx: int) -> Iterator[Cell]:
        cell: Cell = TextCell(self, row=1, column=1)  # placed below, before it is yielded
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = _as_text_cell(value)
            else:
                cell.value = value
            cell.column = col_idx
            cell.row = row_idx
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            yield cell
            if cell.has_style or cell.hyperlink or isinstance(value, Cell):
                cell = TextCell(self, row=1, column=1)


class TextWorkbook(Workbook):
    """An openpyxl workbook whose sheets hold text as text (see the module's docstring)."""

    def __init__(self, write_only: bool = False) -> None:
        super().__init__(write_only=write_only)
        if not write_only:
            self._sheets = [_TextWorksheet(self)]

    def create_sheet(self, title: str | _Decodable | None = None,
                     index: int | None = None) -> Any:
        """A new sheet (write-only in a write-only workbook), at ``index`` or last."""
        sheet = (_TextWriteOnlyWorksheet(parent=self, title=title) if self.write_only
                 else _TextWorksheet(parent=self, title=title))
        self._add_sheet(sheet=sheet, index=index)  # type: ignore[attr-defined]  # not in stubs
        return sheet

    def save(self, filename: _ZipFileFileWriteProtocol) -> None:
        """Write the workbook to ``filename`` whole or not at all (a temporary file renamed
        over it), every string cell of type string. An open binary file is written as it is:
        the caller owns it."""
        for sheet in self._sheets:
            if isinstance(sheet, Worksheet):
                for cell in sheet._cells.values():  # noqa: SLF001 - every cell, once
                    if (isinstance(cell, Cell) and isinstance(cell.value, str)
                            and cell.data_type != "s"):
                        _as_text_cell(cell).data_type = "s"
        if not isinstance(filename, (str, os.PathLike)):
            super().save(filename)
            return
        target = Path(filename)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".xlsx",
                                             dir=target.parent)
        os.close(handle)
        try:
            super().save(temporary)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


def new_workbook(write_only: bool = False) -> TextWorkbook:
    """A workbook to write: the only way the program makes one."""
    return TextWorkbook(write_only=write_only)


def text_cell(sheet: Any, value: Any = None) -> TextCell:
    """A cell to style before appending it to a write-only sheet (openpyxl's WriteOnlyCell)."""
    return TextCell(sheet, column=1, row=1, value=value)
