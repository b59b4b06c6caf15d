"""Reading a household list: the cells of a file, its legacy-font cells, its header row.

``read_file`` first has the file inspected within bounds (storage.household_import_limits:
a hostile or broken file is refused with its reason before the spreadsheet reader sees it),
then reads the first sheet with data (python-calamine) or the CSV text (UTF-8, UTF-8 with a
BOM or Windows-1258). Cells typed in the legacy TCVN3/VNI fonts are recognised cell by cell
on evidence (storage.legacy_vietnamese): a column is offered for conversion only when some of
its cells carry that evidence, and only those cells are converted; text that reads as
Vietnamese Unicode never is. ``ImportFile.conversion_list`` lists every value converted, for
the preview. The header row is found below a title block.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import gc
import io
import itertools
import operator
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage.errors import StoreError
from storage.household_import_limits import (
    MAX_CELL_TEXT,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    Extent,
    RefusedFile,
    check_file,
    column_name,
)
from storage.legacy_vietnamese import (
    Detection,
    ambiguous_reading,
    convert_cell,
    detect_column,
    detect_encoding,
    legacy_reading,
    to_nfc,
    to_unicode,
    vietnamese_score,
)
from storage.text import fold, format_int, nfc

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv", ".txt")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_YEAR_IN_TEXT = re.compile(r"\bnam\s+(20[0-9]{2}|19[0-9]{2})\b")
_YEAR_IN_NAME = re.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")
_PUNCTUATION = re.compile(r"[^\w]+")
# Where the header is looked for: the first lines of the sheet.
HEADER_SEARCH = 30

# Header phrases (folded, punctuation as spaces) per field; True: the header must be exactly
# the phrase (short words such as "bản" or "tổ" occur inside other headers).
_HEADER_PATTERNS: dict[str, tuple[tuple[str, bool], ...]] = {
    "household_id": (("ma ho", False), ("ma so ho", False), ("ma ho gia dinh", False),
                     ("id", True), ("ma", True)),
    "ward": (("phuong xa", False), ("xa phuong", False), ("phuong", True), ("xa", True),
             ("ten phuong", False), ("don vi", True)),
    "group": (("to dan pho", False), ("tdp", False), ("thon ban", False), ("to ban", False),
              ("ban to", False), ("ban", True), ("to", True), ("thon", True),
              ("khu pho", False), ("ten ban", False), ("ten to", False), ("to dp", False)),
    "head_name": (("ho va ten chu ho", False), ("ho ten chu ho", False), ("chu ho", False),
                  ("ten chu ho", False), ("ho va ten", False), ("ho ten", False)),
    "head_gender": (("gioi tinh", False), ("nam nu", False), ("gioi", True)),
    "head_birth_year": (("nam sinh", False), ("ngay sinh", False), ("ngay thang nam sinh",
                                                                       False)),
    # Only under a "Năm sinh" or "Giới tính" header: "Năm" alone folds to "nam" too.
    "male_head": (("nam sinh nam", False), ("gioi tinh nam", False)),
    "female_head": (("nam sinh nu", False), ("gioi tinh nu", False)),
    "ethnicity": (("dan toc", False),),
    "address": (("dia chi", False), ("so nha", False), ("noi o", False), ("cho o", False)),
    "phone": (("so dien thoai", False), ("dien thoai", False), ("sdt", False), ("dt", True),
              ("so dt", False)),
    "member_count": (("so nhan khau", False), ("nhan khau", False), ("so khau", False),
                     ("so nguoi", False), ("so thanh vien", False)),
    "poor": (("ho ngheo", False), ("ngheo", True)),
    "near_poor": (("ho can ngheo", False), ("can ngheo", False)),
    "poverty": (("ngheo can ngheo", False), ("ho ngheo can ngheo", False),
                ("phan loai ho", False)),
    "cultural_family": (("gia dinh van hoa", False), ("gdvh", False)),
    "learning_family": (("gia dinh hoc tap", False),),
    "clean_house": (("nha sach vuon dep", False), ("nha sach", False)),
    "antt_commitment": (("cam ket antt", False), ("cam ket an ninh", False), ("antt", False)),
    "urban_rules_commitment": (("quy tac do thi", False), ("cam ket do thi", False)),
    "waste_container": (("luu chua rac", False), ("thung rac", False), ("rac", True)),
    "third_child": (("con thu ba", False), ("con thu 3", False)),
    "note": (("ghi chu", False),),
}
# Headers of columns that hold nothing to import (row numbers, the reason column of a
# rejected-rows file).
_IGNORED_HEADERS = ("stt", "tt", "so tt", "so thu tu", "ly do")



class ImportError_(StoreError):  # noqa: N801 - "ImportError" is a Python builtin
    """The file cannot be imported as it is (unreadable, no header, no name column…)."""


# -- reading ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: a 100.000-row file is millions of cell objects,
    and each automatic collection would walk them all again (it tripled the checking time).
    None of them form cycles, so nothing is left uncollected."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class ImportFile:
    """The cells of a file, its legacy-font columns and where its header and data are.

    ``conversions`` (column → encoding) are applied when cells are read through ``text``;
    they start as every detected column and the caller may drop some (the user declined).
    """

    path: Path
    rows: list[list[Any]]
    sheet_names: list[str] = field(default_factory=list)
    sheet: str = ""
    text_encoding: str = ""  # CSV only: utf-8, utf-8-sig or cp1258
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    detections: list[Detection] = field(default_factory=list)
    conversions: dict[int, str] = field(default_factory=dict)
    header_row: int | None = None
    sub_header: bool = False  # the header has a second line (sub-headers under merged cells)
    first_data_row: int = 0
    title: str = ""
    _width: int = field(default=-1, repr=False)
    # What the legacy font reads in a cell, per (value, encoding): a list's values are judged
    # once, for the preview and for the check. And the preview's lists, per columns.
    _readings: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False)
    _listed: dict[tuple[int, ...], list[Conversion]] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        """The file's name (without folders)."""
        return self.path.name

    @property
    def width(self) -> int:
        """The number of columns."""
        if self._width < 0:
            self._width = max((len(row) for row in self.rows), default=0)
        return self._width

    def text(self, row: int, column: int) -> str:
        """A cell as text: legacy fonts converted, NFC, outer spaces stripped."""
        cells = self.rows[row]
        if column >= len(cells):
            return ""
        return self.cell_text(cells[column], self.conversions.get(column))

    def reading(self, value: str, encoding: str) -> str | None:
        """``legacy_reading`` of a cell value (None: kept as it is), remembered."""
        key = (value, encoding)
        try:
            return self._readings[key]
        except KeyError:
            result = self._readings[key] = legacy_reading(value, encoding)
            return result

    def cell_text(self, value: Any, encoding: str | None) -> str:
        """``cell_text`` of a value of this file, its legacy-font readings remembered."""
        if encoding and value.__class__ is str and not value.isascii():
            converted = self.reading(value, encoding)
            return cell_text(value if converted is None else converted)
        return cell_text(value, encoding)

    def header_text(self, row: int, column: int) -> str:
        """A cell above the data as text: judged as every cell is (a header in a legacy font
        carries its evidence, and its column is offered for conversion because of it)."""
        return self.text(row, column)

    @property
    def headers(self) -> list[str]:
        """The header texts (converted), "" for columns without one."""
        if self.header_row is None:
            return [""] * self.width
        headers = [self.header_text(self.header_row, column) for column in range(self.width)]
        if self.sub_header:
            # A second header line (sub-headers under a merged cell) completes the first.
            below = [self.header_text(self.header_row + 1, column)
                     for column in range(self.width)]
            parents = _header_parents(headers, below)
            headers = [" ".join(part for part in (top, sub) if part)
                       for top, sub in zip(parents, below, strict=True)]
        return headers

    @property
    def data_rows(self) -> range:
        """Indexes of the rows below the header."""
        return range(self.first_data_row, len(self.rows))

    @property
    def title_year(self) -> int | None:
        """A year named in the title block ("… năm 2024") or in the file name, else None."""
        match = _YEAR_IN_TEXT.search(fold(self.title))
        if match:
            return int(match.group(1))
        match = _YEAR_IN_NAME.search(self.path.stem)
        return int(match.group(1)) if match else None

    def use_conversions(self, columns: Iterable[int]) -> None:
        """Convert only these detected columns (the user confirmed them), then find the header
        again (its text may have been in the legacy font)."""
        wanted = set(columns)
        self.conversions = {d.column: d.encoding for d in self.detections if d.column in wanted}
        _find_header(self)

    def conversion_list(self, columns: Iterable[int] | None = None) -> list[Conversion]:
        """Every distinct value the legacy-font conversion changes in ``columns`` (by default
        the detected ones), with its rows; and, marked ``kept``, the values of those columns
        kept as they are because they read as Unicode although the font reads them otherwise.
        In column order, then in the order the values first appear."""
        wanted = tuple(sorted({d.column for d in self.detections} if columns is None else
                              set(columns)))
        if wanted in self._listed:
            return self._listed[wanted]
        encodings = {d.column: d.encoding for d in self.detections}
        found: dict[tuple[int, str], Conversion] = {}
        skipped: set[tuple[int, str]] = set()
        for column in wanted:
            encoding = encodings.get(column)
            if encoding is None:
                continue
            for index, cells in enumerate(self.rows):
                value = cells[column] if column < len(cells) else None
                if value.__class__ is not str or value.isascii():
                    continue
                key = (column, value)
                known = found.get(key)
                if known is not None:
                    known.rows += 1
                    continue
                if key in skipped:
                    continue
                after = self.reading(value, encoding)
                kept = after is None
                if after is None:
                    after = ambiguous_reading(value, encoding)
                    if after is None:
                        skipped.add(key)
                        continue
                found[key] = Conversion(column, encoding, to_nfc(value).strip(),
                                        nfc(after), index + 1, 1, kept)
        listed = self._listed[wanted] = list(found.values())
        return listed


@dataclass
class Conversion:
    """One distinct value of a legacy-font column and its Unicode reading.

    ``kept``: the value reads as Unicode and is kept as it is; ``after`` is only what the
    font would have made of it, shown so the user can check it by hand.
    """

    column: int
    encoding: str
    before: str
    after: str
    first_line: int  # the line the official sees in the spreadsheet (1-based)
    rows: int = 1
    kept: bool = False


def cell_text(value: Any, encoding: str | None = None) -> str:
    """The text of a cell value: numbers without ".0", dates as dd/mm/yyyy, NFC text; with
    ``encoding``, converted from that legacy font when the cell carries its evidence."""
    if isinstance(value, str):
        if not value:
            return ""
        value = convert_cell(value, encoding) if encoding else to_nfc(value)
        return value.strip() if "  " not in value and "\n" not in value else nfc(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return str(value).strip()


def read_file(path: str | Path, sheet: str | None = None) -> ImportFile:
    """Read a spreadsheet or CSV file: cells, legacy-font columns, header row, title block.

    ``sheet`` names the sheet to read; by default the first sheet that holds data. Raises
    ImportError_ with a Vietnamese message when the file cannot be read.
    """
    path = Path(path)
    if not path.exists():
        raise ImportError_(f"Không tìm thấy tệp {path}. / No such file.")
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        try:
            check_file(path)
        except RefusedFile as refused:
            raise ImportError_(str(refused)) from None
    if suffix in (".csv", ".txt"):
        rows, encoding = _read_csv(path)
        imported = ImportFile(path, rows, text_encoding=encoding)
    elif suffix in SPREADSHEET_SUFFIXES:
        imported = _read_spreadsheet(path, sheet)
    else:
        raise ImportError_(
            f"Không đọc được tệp {path.name}: chỉ nhận Excel (.xlsx, .xls), LibreOffice (.ods)"
            " hoặc CSV. / Unsupported file type."
        )
    imported.detections = _detect_legacy(imported.rows)
    imported.conversions = {d.column: d.encoding for d in imported.detections}
    _find_header(imported)
    return imported


def _read_spreadsheet(path: Path, sheet: str | None) -> ImportFile:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
        chosen = None
        if sheet is not None:
            if sheet not in names:
                raise ImportError_(f"Tệp {path.name} không có trang tính '{sheet}'.")
            chosen = workbook.get_sheet_by_name(sheet)
        else:
            for name in names:
                candidate = workbook.get_sheet_by_name(name)
                if candidate.height > 0 and candidate.width > 0:
                    chosen = candidate
                    break
        if chosen is None:
            raise ImportError_(f"Tệp {path.name} không có dữ liệu. / The file is empty.")
        # The grid handed over runs from A1: bounded again, whatever the inspection missed.
        end_row, end_column = chosen.end or (0, 0)
        extent = Extent()
        extent.reach(end_row + 1, end_column + 1)
        extent.check(path.name, chosen.name)
        # The empty area above and left of the data is kept so row and column numbers are the
        # ones the official sees in Excel.
        with _gc_paused():
            rows = chosen.to_python(skip_empty_area=False)
        merged = list(chosen.merged_cell_ranges or [])
        workbook.close()
    except ImportError_:
        raise
    except RefusedFile as refused:
        raise ImportError_(str(refused)) from None
    except Exception as error:  # calamine raises its own types; any of them means unreadable
        raise ImportError_(
            f"Không đọc được tệp {path.name} ({error}). Tệp có thể bị hỏng hoặc đặt mật khẩu;"
            " hãy mở bằng Excel rồi lưu lại. / The file cannot be read."
        ) from error
    except BaseException as error:
        # A failure inside the reader's compiled code reaches Python as a PanicException,
        # which is no Exception: a damaged file too, not a reason to stop the program.
        if type(error).__name__ != "PanicException":
            raise
        raise ImportError_(
            f"Không đọc được tệp {path.name}: tệp bị hỏng ({error}); hãy mở bằng Excel rồi"
            " lưu lại. / The file cannot be read."
        ) from error
    return ImportFile(path, rows, sheet_names=names, sheet=chosen.name, merged=merged)


def _read_csv(path: Path) -> tuple[list[list[Any]], str]:
    """Rows of a CSV file and the encoding it was in (UTF-8, UTF-8 with BOM, Windows-1258)."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            # Windows-1258 (Vietnamese Windows) or a legacy font saved through Windows-1252:
            # the reading that looks more like Vietnamese wins (legacy fonts are converted
            # later, column by column).
            as_1258 = to_nfc(data.decode("cp1258", errors="replace"))
            as_1252 = data.decode("cp1252", errors="replace")
            sample = slice(0, 20000)
            if vietnamese_score(as_1258[sample]) >= _legacy_score(as_1252[sample]):
                text, encoding = as_1258, "cp1258"
            else:
                text, encoding = as_1252, "cp1252"
    head = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(head, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    width = 0
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            if len(row) > width:
                width = len(row)
                if width > MAX_COLUMNS:
                    raise ImportError_(_csv_too_far(path, len(rows) + 1, width))
            rows.append(row)
            if len(rows) > MAX_ROWS or len(rows) * width > MAX_CELLS:
                raise ImportError_(_csv_too_far(path, len(rows), width))
    except csv.Error as error:  # a field beyond the csv module's limit, a stray quote…
        raise ImportError_(
            f"Không đọc được tệp {path.name} ở dòng {format_int(len(rows) + 1)} ({error});"
            " hãy mở bằng Excel rồi lưu lại. / The CSV file cannot be read.") from error
    # Every row as wide as the widest, as a spreadsheet's are: the columns can then be taken
    # out whole (title lines and notes are shorter).
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    return rows, encoding


def _csv_too_far(path: Path, rows: int, width: int) -> str:
    ref = f"{column_name(width)}{rows}"
    return (f"Tệp {path.name} có ô ở {ref}, vượt giới hạn {MAX_COLUMNS} cột, {format_int(MAX_ROWS)}"
            f" dòng và {format_int(MAX_CELLS)} ô mà chương trình đọc được; hãy xóa các cột,"
            " dòng thừa hoặc chia danh sách thành nhiều tệp. / The file is beyond the limits.")


def _legacy_score(text: str) -> int:
    lines = text.splitlines()
    encoding = detect_encoding(lines)
    return vietnamese_score(to_unicode(text, encoding)) if encoding else vietnamese_score(text)


def _detect_legacy(rows: list[list[Any]]) -> list[Detection]:
    width = max(map(len, rows), default=0)
    uniform = min(map(len, rows), default=0) == width
    samples = []
    for column in range(width):
        cells = (list(map(operator.itemgetter(column), rows)) if uniform
                 else [row[column] for row in rows if column < len(row)])
        texts = (cells if set(map(type, cells)) == {str}
                 else [value for value in cells if value.__class__ is str])
        if texts and max(map(len, texts)) > MAX_CELL_TEXT:
            line = next(number for number, row in enumerate(rows, 1) if column < len(row)
                        and isinstance(row[column], str) and len(row[column]) > MAX_CELL_TEXT)
            raise ImportError_(
                f"Ô {column_name(column + 1)}{line} dài hơn {format_int(MAX_CELL_TEXT)} ký tự,"
                " quá giới hạn của một ô bảng tính; hãy xóa hoặc rút ngắn ô đó. / A cell holds"
                " too much text.")
        # The first 400 texts with letters beyond ASCII (where a legacy font shows itself).
        samples.append(list(itertools.islice(itertools.filterfalse(str.isascii, texts), 400)))
    found = [detection for column in range(width)
             if (detection := detect_column(column, samples[column])) is not None]
    encodings = {detection.encoding for detection in found}
    if len(encodings) > 1:
        # A file is typed in one font: columns with little text (a header, "Nữ") may look like
        # the other one. The font of most columns decides; the others are read again in it.
        counts = Counter(detection.encoding for detection in found)
        font = counts.most_common(1)[0][0]
        found = [detection for detection in (
            d if d.encoding == font else detect_column(d.column, samples[d.column],
                                                       candidates=(font,))
            for d in found) if detection is not None]
    return found


# -- the header ------------------------------------------------------------------------------


def _header_key(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


def guess_field(header: str) -> str | None:
    """The household field a header names ("Họ và tên chủ hộ" → "head_name"), or None."""
    key = _header_key(header)
    if not key or key in _IGNORED_HEADERS:
        return None
    padded = f" {key} "
    best: tuple[int, str] | None = None
    for name, patterns in _HEADER_PATTERNS.items():
        for phrase, exact in patterns:
            if key == phrase:
                score = 1000 + len(phrase)
            elif not exact and f" {phrase} " in padded:
                score = len(phrase)
            else:
                continue
            if best is None or score > best[0]:
                best = (score, name)
    return best[1] if best else None


def _merged_title_rows(imported: ImportFile, search: int = HEADER_SEARCH) -> set[int]:
    """Rows among the first ``search`` whose text sits in cells merged across several columns
    (title lines); a merge down a whole sheet costs no more than one down the title block."""
    rows: set[int] = set()
    for (top, left), (bottom, right) in imported.merged:
        if right > left and top < search:
            rows.update(range(top, min(bottom, search - 1) + 1))
    return rows


def _find_header(imported: ImportFile, search: int = HEADER_SEARCH) -> None:
    """Find the header row: the line among the first ones whose cells name the most fields."""
    merged_rows = _merged_title_rows(imported, search)
    best_row, best_score = None, 1
    for index in range(min(search, len(imported.rows))):
        texts = [imported.header_text(index, column)
                 for column in range(len(imported.rows[index]))]
        filled = [text for text in texts if text]
        if len(filled) < 2:
            continue  # a title line, or nothing
        if index in merged_rows and len(filled) < 3:
            continue
        score = sum(1 for text in filled if guess_field(text) is not None)
        if score > best_score:
            best_row, best_score = index, score
    imported.header_row = best_row
    if best_row is None:
        imported.first_data_row = 0
        imported.title = ""
        return
    first = best_row + 1
    imported.sub_header = first < len(imported.rows) and _is_sub_header(imported, best_row,
                                                                          first)
    if imported.sub_header:
        first += 1
    if first < len(imported.rows) and _is_column_numbers(imported, first):
        first += 1
    imported.first_data_row = first
    imported.title = "\n".join(
        " ".join(text for column in range(len(imported.rows[index]))
                 if (text := imported.header_text(index, column)))
        for index in range(best_row)
    ).strip()


def _header_parents(tops: list[str], below: list[str]) -> list[str]:
    """The header above each sub-header: a merged header ("Năm sinh" over "Nam" | "Nữ") is
    written in its first column only, so an empty one takes the text on its left."""
    parents = []
    carried = ""
    for top, sub in zip(tops, below, strict=True):
        if top:
            carried = top
        parents.append(top or (carried if sub else ""))
    return parents


def _is_sub_header(imported: ImportFile, header: int, below: int) -> bool:
    """A second header line: it names fields where the line above has gaps, or narrows the
    header above to another field ("Năm sinh" + "Nam"); no names, no numbers."""
    width = len(imported.rows[below])
    tops = [imported.header_text(header, column) if column < len(imported.rows[header]) else ""
            for column in range(width)]
    subs = [imported.header_text(below, column) for column in range(width)]
    hits = 0
    for top, parent, text in zip(tops, _header_parents(tops, subs), subs, strict=True):
        if not text:
            continue
        if _UUID.fullmatch(text) or any(ch.isdigit() for ch in text):
            return False
        narrowed = guess_field(f"{parent} {text}") if parent else None
        if narrowed is not None and narrowed != guess_field(parent):
            hits += 1
        elif guess_field(text) is not None or not top:
            hits += guess_field(text) is not None
        else:
            return False
    return hits >= 1


def _is_column_numbers(imported: ImportFile, index: int) -> bool:
    """A line numbering the columns under the header: "1 2 3 …" or "(1) (2) (3) …"."""
    texts = [imported.text(index, column) for column in range(len(imported.rows[index]))]
    numbers = [text.strip("()") for text in texts if text]
    if len(numbers) < 3 or not all(number.isdigit() for number in numbers):
        return False
    values = [int(number) for number in numbers]
    return values == list(range(values[0], values[0] + len(values)))


