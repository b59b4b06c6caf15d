"""What a household list may hold before it is handed to the spreadsheet reader.

The reader (python-calamine) trusts the file: one cell at XFD1048576 makes it build a grid of
1.048.576 × 16.384 cells (512 GiB) and the process aborts; a shared-strings count or an .xls
DIMENSIONS record of 10^12 is reserved as memory before a single cell is read; a zip of
1,5 MB may inflate to gigabytes. So every file is inspected here first, with bounded reads
only, and refused with a Vietnamese message that says why:

* .xlsx/.xlsm/.ods (zip): the number of parts, each part's and the total inflated size and
  ratio, measured while inflating (the sizes a zip declares may lie); the cells the sheets
  reach (cell references, rows, ODS repeats), the shared-strings count, the length of texts;
* .xls: the file size, the DIMENSIONS records and the cells of the BIFF records;
* .csv: the file size (its rows and columns are counted while it is read).

The grid the reader builds runs from A1 to the farthest cell, so that is what is bounded:
``MAX_ROWS`` rows, ``MAX_COLUMNS`` columns and ``MAX_CELLS`` cells in all. The cells are found
by their own references, as the reader places them; a sheet's declared ``<dimension ref>``
alone is no reason to refuse (the reader reserves room from it only below 100.000 cells, and
Excel leaves a stale one in files that are fine), nor is a formatted empty cell far away.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storage.errors import StoreError
from storage.text import format_int

MAX_ROWS = 1_000_000
MAX_COLUMNS = 200
# Rows × columns of the grid from A1 to the farthest cell (1.000.000 rows of 20 columns).
MAX_CELLS = 20_000_000
MAX_CELL_TEXT = 32_767  # Excel's own limit for one cell
MAX_FILE_BYTES = 256 << 20
MAX_INFLATED_BYTES = 1 << 30  # all the parts of a zip together
# A part may inflate this many times its stored size (sheets of text compress 5 to 30 times;
# a zip bomb a thousand times). Small parts are exempt: a few kilobytes prove nothing.
MAX_RATIO = 200
RATIO_FROM_BYTES = 4 << 20
MAX_PARTS = 10_000
_CHUNK = 1 << 20
# The longest run of text between two tags a cell of MAX_CELL_TEXT characters may need (three
# bytes a character in UTF-8, or an entity such as "&amp;"). Longer is refused unread.
_MAX_TEXT_RUN = 6 * MAX_CELL_TEXT


class RefusedFile(StoreError):
    """A file the reader must not be given: the message says why, in Vietnamese."""


def _mb(size: int) -> str:
    return format_int(round(size / (1 << 20))) if size >= 1 << 20 else "dưới 1"


def column_name(column: int) -> str:
    """The letters of a 1-based column number: 1 → A, 16384 → XFD."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """The 1-based number of a column's letters: A → 1, XFD → 16384 (five letters or more:
    26^5, past any sheet, without working out a number as long as the letters)."""
    if len(letters) > 4:
        return 26 ** 5
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _too_far(name: str, rows: int, columns: int, where: str = "") -> RefusedFile:
    """The refusal of a sheet whose farthest cell is at (rows, columns), 1-based."""
    ref = f"{column_name(columns)}{rows}"
    place = f" (trang tính {where})" if where else ""
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        return RefusedFile(
            f"Tệp {name}{place} có ô ở {ref}, vượt giới hạn {MAX_COLUMNS} cột"
            f" ({column_name(MAX_COLUMNS)}) và {format_int(MAX_ROWS)} dòng mà chương trình đọc"
            f" được; hãy xóa các ô thừa ở ngoài bảng danh sách (chọn các dòng, cột thừa rồi"
            f" xóa) rồi lưu lại. / The sheet has a cell at {ref}, beyond the limits.")
    return RefusedFile(
        f"Tệp {name}{place} trải từ A1 đến {ref} ({format_int(rows)} dòng × {columns} cột ="
        f" {format_int(rows * columns)} ô), vượt giới hạn {format_int(MAX_CELLS)} ô; hãy xóa"
        f" các ô thừa ở ngoài bảng danh sách, hoặc chia danh sách thành nhiều tệp. / The sheet"
        f" spans more than {MAX_CELLS} cells.")


def _too_many_kept(name: str, where: str) -> RefusedFile:
    """The refusal of an OpenDocument table whose rows hold more cells in all than a grid
    may (rows of empty cells written out one by one count too: the reader keeps them)."""
    place = f" (trang tính {where})" if where else ""
    return RefusedFile(
        f"Tệp {name}{place} có hơn {format_int(MAX_CELLS)} ô (kể cả ô trống được lưu từng ô),"
        " vượt giới hạn mà chương trình đọc được; hãy xóa các dòng, cột thừa ở ngoài bảng danh"
        " sách rồi lưu lại. / The sheet holds too many cells.")


@dataclass
class Extent:
    """How far a sheet's cells reach: the last row and column holding a cell (1-based), and
    the first cell seen beyond the rows or the columns, to name in the refusal."""

    rows: int = 0
    columns: int = 0
    far: tuple[int, int] | None = None

    def reach(self, rows: int, columns: int) -> None:
        """Extend to a cell at (rows, columns)."""
        if rows > self.rows:
            self.rows = rows
        if columns > self.columns:
            self.columns = columns
        if self.far is None and (rows > MAX_ROWS or columns > MAX_COLUMNS):
            self.far = (rows, columns)

    def check(self, name: str, where: str = "") -> None:
        """Refuse a grid beyond the limits."""
        if self.far is not None:
            raise _too_far(name, *self.far, where)
        if self.rows * self.columns > MAX_CELLS:
            raise _too_far(name, self.rows, self.columns, where)


def check_file(path: Path) -> None:
    """Refuse (RefusedFile) a file the reader could not read within the limits. Files that
    are not what their name says are left to the reader, which refuses them itself."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise RefusedFile(
            f"Tệp {path.name} nặng {_mb(size)} MB, vượt giới hạn {_mb(MAX_FILE_BYTES)} MB của"
            " một danh sách hộ; hãy chia danh sách thành nhiều tệp. / The file is too large.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".ods"):
        if zipfile.is_zipfile(path):
            _check_zip(path, ods=suffix == ".ods")
    elif suffix == ".xls":
        _check_xls(path)


# -- zip files (.xlsx, .ods) ------------------------------------------------------------------


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """The inflated bytes of one part, in chunks, never more than it declares (a part that
    inflates beyond its declared size is refused: the reader would believe the stream)."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise RefusedFile(
            f"Tệp {name} nén phần {info.filename} theo cách Excel và LibreOffice không dùng;"
            " hãy mở bằng Excel rồi lưu lại. / Unsupported compression.")
    handle = archive.fp
    assert handle is not None
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(info.filename)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(info.header_offset + 30 + name_length + extra_length)
    left = info.compress_size
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    produced = 0
    while left > 0 or (inflater is not None and inflater.unconsumed_tail):
        if inflater is not None and inflater.unconsumed_tail:
            data = inflater.unconsumed_tail
        else:
            data = handle.read(min(_CHUNK, left))
            if not data:
                raise zipfile.BadZipFile(info.filename)
            left -= len(data)
        if inflater is not None:
            # At most one chunk out of each call: a bomb never fills memory here.
            data = inflater.decompress(data, _CHUNK)
        produced += len(data)
        if produced > info.file_size:
            raise RefusedFile(
                f"Tệp {name} có phần {info.filename} giải nén ra nhiều hơn kích thước khai báo"
                f" ({format_int(info.file_size)} byte): tệp bị hỏng hoặc bị làm giả. / A part"
                " inflates beyond its declared size.")
        if data:
            yield data
        if inflater is not None and inflater.eof:
            break


def _check_zip(path: Path, ods: bool) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                raise RefusedFile(
                    f"Tệp {name} có {format_int(len(parts))} phần, nhiều bất thường cho một"
                    " bảng tính. / Too many parts.")
            total = sum(info.file_size for info in parts)
            if total > MAX_INFLATED_BYTES:
                raise RefusedFile(
                    f"Tệp {name} giải nén ra {_mb(total)} MB, vượt giới hạn"
                    f" {_mb(MAX_INFLATED_BYTES)} MB; tệp có thể bị hỏng hoặc cố ý làm hại máy."
                    " / The file inflates beyond the limit.")
            for info in parts:
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
                    raise RefusedFile(
                        f"Tệp {name} có phần {info.filename} nén {format_int(round(ratio))}"
                        f" lần ({_mb(info.compress_size)} MB thành {_mb(info.file_size)} MB),"
                        " bất thường cho một bảng tính: tệp có thể cố ý làm hại máy. / A part"
                        " is compressed abnormally (a zip bomb).")
            targets = _workbook_targets(archive, name) if not ods else {}
            for info in parts:
                part = info.filename
                chunks = _inflate(archive, info, name)
                if ods:
                    if part == "content.xml":  # the only part the reader takes cells from
                        _OdsScan(name).run(chunks)
                    else:
                        for _chunk in chunks:  # inflated to the end: its size is as declared
                            pass
                    continue
                # The workbook's relationships say which parts are sheets and shared strings,
                # and may name any part: every part is scanned for cells, and the XML ones
                # (and those the workbook names) for texts longer than a cell may hold.
                xml = part.lower().endswith((".xml", ".rels")) or part in targets
                _SheetScan(name, targets.get(part, ""), xml).run(chunks)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, struct.error, ValueError,
            NotImplementedError) as error:  # a damaged zip (offsets outside the file…)
        raise RefusedFile(
            f"Tệp {name} bị hỏng ({error}); hãy mở bằng Excel hoặc LibreOffice rồi lưu lại."
            " / The file is damaged.") from error


def _workbook_targets(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """The parts the workbook's relationships name → the sheet's name ("" for the other
    parts), from the workbook and its relationships (small parts, read with a bound)."""
    def small(part: str) -> str:
        try:
            info = archive.getinfo(part)
        except KeyError:
            return ""
        if info.file_size > 4 << 20:
            return ""
        return b"".join(_inflate(archive, info, name)).decode("utf-8", "replace")

    workbook = small("xl/workbook.xml")
    relations = small("xl/_rels/workbook.xml.rels")
    targets = {}
    for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", relations):
        ident = re.search(r'\bId="([^"]*)"', tag)
        target = re.search(r'\bTarget="([^"]*)"', tag)
        if ident and target:
            path = target.group(1)
            # A target is relative to the workbook's folder, or absolute from the zip's root.
            targets[ident.group(1)] = (path.lstrip("/") if path.startswith("/")
                                       else posixpath.normpath(f"xl/{path}"))
    names = dict.fromkeys(targets.values(), "")
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        sheet = re.search(r'\bname="([^"]*)"', tag)
        ident = re.search(r'\br:id="([^"]*)"', tag) or re.search(r'\bid="([^"]*)"', tag)
        if sheet and ident and ident.group(1) in targets:
            names[targets[ident.group(1)]] = _unescape(sheet.group(1))
    return names


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def _too_long(name: str) -> RefusedFile:
    return RefusedFile(
        f"Tệp {name} có ô dài hơn {format_int(MAX_CELL_TEXT)} ký tự, quá giới hạn của một ô"
        " bảng tính; hãy xóa hoặc rút ngắn ô đó. / A cell holds too much text.")


class _Tags:
    """Cuts a stream of XML into pieces that end before a tag begins, so no tag is split
    between two pieces; a run of text longer than a cell may hold is refused (unless
    ``runs`` is False: an image has long runs without a "<")."""

    def __init__(self, name: str, runs: bool = True) -> None:
        self.name = name
        self.runs = runs
        self.tail = b""

    def pieces(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        """Whole-tag pieces of the stream, its end included."""
        for chunk in chunks:
            data = self.tail + chunk
            cut = data.rfind(b"<")
            if cut <= 0:
                self.tail = data
                if len(data) > _MAX_TEXT_RUN + 4096:
                    if self.runs:
                        raise _too_long(self.name)
                    self.tail = b""  # no tag in it: nothing to count
                continue
            piece, self.tail = data[:cut], data[cut:]
            self.check_runs(piece)
            yield piece
        if self.tail:
            self.check_runs(self.tail)
            yield self.tail

    def check_runs(self, piece: bytes) -> None:
        """Refuse a run of text without a tag longer than ``_MAX_TEXT_RUN``. Such a run holds
        a whole block of half that length, aligned on a multiple of it: only blocks without a
        "<" are measured (a dozen searches a megabyte instead of a regular expression)."""
        if not self.runs:
            return
        step = _MAX_TEXT_RUN // 2
        for start in range(0, len(piece), step):
            if piece.find(b"<", start, start + step) >= 0 or start + step > len(piece):
                continue
            begin = piece.rfind(b"<", 0, start) + 1
            finish = piece.find(b"<", start + step)
            if (len(piece) if finish < 0 else finish) - begin > _MAX_TEXT_RUN:
                raise _too_long(self.name)


def _greater(value: str, digits: bool) -> str:
    """A regular expression for the numbers greater than ``value``, written as ``value`` is:
    decimal digits (a row) or letters (a column: A … Z, AA …, where a longer name is always a
    greater number)."""
    symbols = _DIGITS if digits else _UPPER
    lead, any_symbol = ("[1-9]", "[0-9]") if digits else ("[A-Za-z]", "[A-Za-z]")
    options = [f"{lead}{any_symbol}{{{len(value)},}}"]
    for position, char in enumerate(value):
        higher = symbols[symbols.index(char) + 1:]
        if not higher:
            continue
        rest = len(value) - position - 1
        pool = f"{higher[0]}-{higher[-1]}" + ("" if digits else
                                               f"{higher[0].lower()}-{higher[-1].lower()}")
        prefix = "".join(char if digits else f"[{char}{char.lower()}]"
                         for char in value[:position])
        options.append(f"{prefix}[{pool}]" + (f"{any_symbol}{{{rest}}}" if rest else ""))
    return "(?:" + "|".join(options) + ")"


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"
_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
# The attributes of a tag, quoted values kept whole (a ">" may stand inside one).
# (XML allows no "<" in a value: excluded, so an unclosed quote costs no more than its tag.)
_ATTRIBUTES = rb"(?:[^>\"'<]|\"[^\"<]*\"|'[^'<]*')*"
_Q = rb"[\"']"


def _attribute(name: bytes, value: bytes) -> bytes:
    """A pattern for ``name="value"`` among the attributes of a tag (either quotes)."""
    return rb"(?:[^>\"'<]|\"[^\"<]*\"|'[^'<]*')*?\s" + name + rb"\s*=\s*" + _Q + value + _Q


_TAG_END = _ATTRIBUTES + rb"(?<!/)>"  # the rest of a tag that is not "<c/>"
_CELL_REFS = re.compile(rb"<" + _PREFIX + rb"c" + _attribute(rb"r", rb"([A-Za-z]+)0*(\d+)")
                        + _TAG_END)
_TOKENS = re.compile(rb"<(/?)" + _PREFIX + rb"(row|c)(?=[\s/>])(" + _ATTRIBUTES + rb")>")
_R_ATTR = re.compile(rb"\sr\s*=\s*[\"']([A-Za-z]*)0*(\d+)[\"']")


# Cells written the way Excel, LibreOffice and openpyxl write them: the reference first.
_PLAIN_CELL = b'<c r="'
_CELL_STARTS = (b"<c ", b"<c>", b"<c/", b"<c\t", b"<c\n", b"<c\r")
_PREFIXED = re.compile(rb"<[A-Za-z_][\w.-]*:(?:row|c)(?=[\s/>])")
_LAST_REF = re.compile(rb'<c r="([A-Za-z]+)0*(\d+)"' + _TAG_END)


class _SheetScan:
    """How far the cells of one worksheet reach, read from its XML as a stream.

    The common case is checked with a few fast searches a piece: when every cell tag begins
    with its reference (``<c r="C7"``), the last cell of the piece gives the row reached, and
    one regular expression finds any cell beyond the rows and columns reached so far; only
    then are the piece's references read one by one. Anything else (cells or rows without a
    reference, references after other attributes, prefixed tags) is counted tag by tag, as
    the reader places the cells.
    """

    def __init__(self, name: str, sheet: str, xml: bool = True) -> None:
        self.name = name
        self.sheet = sheet
        self.xml = xml
        self.extent = Extent()
        self.exact = False
        self.row_index = 0  # the reader's position (0-based) for tags without a reference
        self.col_index = 0
        self._beyond: re.Pattern[bytes] | None = None
        self._beyond_key: tuple[int, int] = (-1, -1)

    def run(self, chunks: Iterator[bytes]) -> None:
        """Scan the whole part, then refuse a sheet beyond the limits."""
        first = True
        for piece in _Tags(self.name, runs=self.xml).pieces(chunks):
            if first:
                _check_shared_strings(self.name, piece)
                first = False
            if not self.exact and not self.plain(piece):
                self.exact = True
            if self.exact:
                self.count(piece)
            else:
                self.quick(piece)
            self.extent.check(self.name, self.sheet)

    @staticmethod
    def plain(piece: bytes) -> bool:
        """Whether every cell tag of the piece begins with its reference and no tag has a
        prefix (rows need no look: cells placed by their reference ignore them)."""
        plain = piece.count(_PLAIN_CELL)
        # "<c" also begins "<col", "<cfRule"…: only when the counts differ are cells told apart.
        if piece.count(b"<c") != plain and sum(map(piece.count, _CELL_STARTS)) != plain:
            return False
        return _PREFIXED.search(piece) is None

    def beyond(self) -> re.Pattern[bytes]:
        """Cells past the rows and columns reached so far."""
        key = (self.extent.rows, self.extent.columns)
        if self._beyond is None or key != self._beyond_key:
            columns = (_greater(column_name(self.extent.columns), digits=False)
                       if self.extent.columns else "[A-Za-z]+")
            rows = _greater(str(self.extent.rows), digits=True) if self.extent.rows else r"\d+"
            self._beyond = re.compile(_PLAIN_CELL + b"(?:" + columns.encode()
                                      + rb"0*\d|[A-Za-z]+0*" + rows.encode() + b'")')
            self._beyond_key = key
        return self._beyond

    def quick(self, piece: bytes) -> None:
        # The last cell of the piece gives the row reached (rows come in order in the files
        # of every program; any cell out of order is found by ``beyond`` just after).
        last = _LAST_REF.match(piece, max(piece.rfind(_PLAIN_CELL), 0))
        if last is not None:
            self.extent.reach(int(last.group(2)), column_number(last.group(1).decode()))
            if self.extent.far is not None:
                return  # refused after the piece: no pattern built for such a number
        if last is None or self.beyond().search(piece):
            for letters, row in _CELL_REFS.findall(piece):
                self.extent.reach(int(row), column_number(letters.decode()))

    def count(self, piece: bytes) -> None:
        for closing, tag, attributes in _TOKENS.findall(piece):
            empty = attributes.endswith(b"/")
            reference = _R_ATTR.search(attributes)
            if tag == b"row":
                if not closing and reference is not None:
                    self.row_index = int(reference.group(2)) - 1
                if closing or empty:  # "<row/>" ends at once
                    self.row_index += 1
                    self.col_index = 0
                continue
            if closing or empty:
                continue
            if reference is not None and reference.group(1):
                column = column_number(reference.group(1).decode())
                self.col_index = column - 1
                self.extent.reach(int(reference.group(2)), column)
            else:
                self.extent.reach(self.row_index + 1, self.col_index + 1)
            self.col_index += 1


_UNIQUE_COUNT = re.compile(rb"<" + _PREFIX + rb"sst" + _attribute(rb"uniqueCount", rb"0*(\d+)"))


def _check_shared_strings(name: str, piece: bytes) -> None:
    """The reader reserves room for the count the shared strings declare (in the first tag
    of their part): bound it, as a cell holds one string at most."""
    match = _UNIQUE_COUNT.search(piece)
    if match is not None and int(match.group(1)) > MAX_CELLS:
        raise RefusedFile(
            f"Tệp {name} khai báo {format_int(int(match.group(1)))} chuỗi chữ, nhiều hơn số ô"
            f" một danh sách có thể có ({format_int(MAX_CELLS)}): tệp bị hỏng hoặc bị làm giả."
            " / The shared strings count is beyond the limit.")


_ODS_TOKENS = re.compile(
    rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])(" + _ATTRIBUTES
    + rb")>")
_ODS_ROWS_REPEATED = re.compile(rb"\stable:number-rows-repeated\s*=\s*[\"']0*(\d+)[\"']")
_ODS_COLUMNS_REPEATED = re.compile(rb"\stable:number-columns-repeated\s*=\s*[\"']0*(\d+)[\"']")
_ODS_VALUE = re.compile(rb"\s(?:office:[\w-]*value|table:formula)\s*=")
_ODS_NAME = re.compile(rb"\stable:name\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ROW_START = b"<table:table-row"
_LONGEST_ROW = 16 << 20  # a row longer than that is not kept whole to be counted at once
# The reader's own caps on repeats (LibreOffice writes the empty rest of a sheet as one row
# repeated a million times, with cells repeated a thousand times).
_ODS_READER_ROWS = 1_048_576
_ODS_READER_COLUMNS = 16_384


def _plain_row(row: bytes) -> bool:
    """Whether a row (what follows "<table:table-row") is whole, without repeats, and no
    table begins or ends in it: then its cells can simply be counted."""
    if b"repeated" in row or b"<table:table " in row or b"<table:table>" in row \
            or b"</table:table>" in row:
        return False
    return b"</table:table-row>" in row or row.split(b">", 1)[0].endswith(b"/")


class _OdsScan:
    """How far the cells of each table of an OpenDocument spreadsheet reach, with repeats.

    As the reader counts them: within a row, cells repeated N times count N times, except a
    last run of empty cells; a row holding a value and repeated N times is N rows; empty rows
    count only above a row that holds a value. A cell holds a value when it has a value or a
    formula attribute, or any content at all (an empty cell is written "<table:table-cell/>").
    The cells the reader keeps before it expands the rows are bounded too.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.table = ""
        self.extent = Extent()
        self.row_at = 0  # rows of the table so far, repeats counted
        self.kept = 0
        self.in_row = False
        self.row_repeats = 1
        self.width = self.pending = self.last_value = 0
        self.cell_open = False

    def run(self, chunks: Iterator[bytes]) -> None:
        """Scan content.xml; refuse a table beyond the limits. The stream is cut before a
        row begins, so that rows without repeats are counted whole (their cells counted, in
        compiled code); the rest is read tag by tag."""
        tags = _Tags(self.name)
        tail = b""
        for chunk in chunks:
            data = tail + chunk
            cut = data.rfind(_ROW_START)
            if cut <= 0:
                if len(data) < _LONGEST_ROW:
                    tail = data
                    continue
                cut = max(data.rfind(b"<"), 1)  # a row longer than that: tag by tag
            piece, tail = data[:cut], data[cut:]
            tags.check_runs(piece)
            self.scan(piece)
        if tail:
            tags.check_runs(tail)
            self.scan(tail)

    def scan(self, piece: bytes) -> None:
        """One piece: what comes before its first row tag by tag (a table's beginning, the
        end of a row cut short), then row by row."""
        first = piece.find(_ROW_START)
        if first != 0:
            self.tokens(piece if first < 0 else piece[:first])
            if first < 0:
                return
        rows = piece[first:].split(_ROW_START)
        for row in rows[1:]:
            if not _plain_row(row):
                self.tokens(_ROW_START + row)
                continue
            # A whole row without repeats: as many columns as cells (an empty one counted
            # too, which only errs on the safe side).
            cells = row.count(b"<table:table-cell") + row.count(b"<table:covered-table-cell")
            self.row_at += 1
            if cells:
                self.kept += cells
                self.extent.reach(self.row_at, min(cells, _ODS_READER_COLUMNS))
                if self.kept > MAX_CELLS:
                    raise _too_many_kept(self.name, self.table)
                self.extent.check(self.name, self.table)

    def tokens(self, piece: bytes) -> None:
        """Count the rows and cells of a piece tag by tag, as the reader does."""
        for closing, tag, attributes in _ODS_TOKENS.findall(piece):
                empty = attributes.endswith(b"/")
                if tag == b"table":
                    if not closing:
                        found = _ODS_NAME.search(attributes)
                        self.table = (found.group(1) or found.group(2)).decode(
                            "utf-8", "replace") if found else ""
                        self.extent, self.row_at, self.kept = Extent(), 0, 0
                elif tag == b"table-row":
                    if not closing:
                        self.start_row(attributes)
                    if closing or empty:
                        self.end_row()
                elif self.in_row and not closing:
                    self.cell(attributes, empty)

    def start_row(self, attributes: bytes) -> None:
        found = _ODS_ROWS_REPEATED.search(attributes)
        self.row_repeats = min(int(found.group(1)) if found else 1,
                               max(_ODS_READER_ROWS - self.row_at, 0))
        self.in_row = True
        self.width = self.pending = self.last_value = 0
        self.cell_open = False

    def close_cell(self) -> None:
        if self.cell_open:  # a cell with content holds a value
            self.width += self.pending
            self.last_value = self.width
            self.pending = 0
            self.cell_open = False

    def cell(self, attributes: bytes, empty: bool) -> None:
        self.close_cell()
        found = _ODS_COLUMNS_REPEATED.search(attributes)
        self.width += self.pending  # the reader writes out the empty cells before this one
        self.pending = 0
        repeats = min(int(found.group(1)) if found else 1,
                      max(_ODS_READER_COLUMNS - self.width, 0))
        if _ODS_VALUE.search(attributes):
            self.width += repeats
            self.last_value = self.width
        else:
            self.pending = repeats
            self.cell_open = not empty

    def end_row(self) -> None:
        if not self.in_row:
            return
        self.close_cell()
        self.kept += self.width
        if self.last_value:
            self.extent.reach(self.row_at + self.row_repeats, self.last_value)
        self.row_at += self.row_repeats
        self.in_row = False
        if self.kept > MAX_CELLS:
            # Rows of empty cells the reader still keeps: bounded like the grid.
            raise _too_many_kept(self.name, self.table)
        self.extent.check(self.name, self.table)


# -- Excel 97-2003 (.xls) ---------------------------------------------------------------------

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
# BIFF records that begin with the row and the column of a cell (LabelSst, Number, Label,
# RString, BoolErr, Rk, Formula), and those that list a row's cells (MulRk, MulBlank).
_CELL_RECORDS = frozenset((0x00FD, 0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x0006))
_MULTI_RECORDS = frozenset((0x00BD,))
_DIMENSIONS = 0x0200
_BOUND_SHEET = 0x0085  # a sheet's name and the position of its records in the stream
_EOF = 0x000A


def _check_xls(path: Path) -> None:
    """The .xls reader reserves the grid a DIMENSIONS record declares, then places every
    cell record: both are bounded."""
    data = path.read_bytes()
    if data[:8] != _CFB_SIGNATURE:
        return  # the reader takes only this container: it refuses anything else itself
    try:
        stream = _cfb_stream(data, ("Workbook", "Book"))
    except (ValueError, IndexError, struct.error) as error:
        raise RefusedFile(
            f"Tệp {path.name} bị hỏng ({error}); hãy mở bằng Excel rồi lưu lại dạng .xlsx."
            " / The file is damaged.") from error
    if stream is None:
        return  # not a workbook: the reader says so
    # The records in order, and those of each sheet from where the workbook says the sheet
    # begins, as the reader takes them (a sheet could begin inside another record).
    sheets = [struct.unpack_from("<I", record)[0] for kind, record in _records(stream, 0)
              if kind == _BOUND_SHEET and len(record) >= 4]
    if any(position >= len(stream) for position in sheets):
        raise RefusedFile(
            f"Tệp {path.name} bị hỏng (một trang tính bắt đầu ở ngoài tệp); hãy mở bằng Excel"
            " rồi lưu lại dạng .xlsx. / The file is damaged.")
    for start, to_end in ((0, False), *((position, True) for position in sheets)):
        extent = Extent()
        for kind, record in _records(stream, start, to_end):
            if kind == _DIMENSIONS and len(record) in (10, 14):
                _check_dimensions(path.name, record)
            elif kind in _CELL_RECORDS and len(record) >= 4:
                row, column = struct.unpack_from("<HH", record)
                extent.reach(row + 1, column + 1)
            elif kind in _MULTI_RECORDS and len(record) >= 6:
                row, _first = struct.unpack_from("<HH", record)
                (last,) = struct.unpack_from("<H", record, len(record) - 2)
                extent.reach(row + 1, last + 1)
            if extent.far is not None or extent.rows * extent.columns > MAX_CELLS:
                extent.check(path.name)


def _records(stream: bytes, start: int, to_end: bool = False) -> Iterator[tuple[int, bytes]]:
    """The BIFF records of ``stream`` from ``start`` (kind, data); with ``to_end``, up to
    the first EOF record, where the reader stops reading a sheet."""
    position = start
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        yield kind, stream[position + 4:position + 4 + length]
        position += 4 + length
        if to_end and kind == _EOF:
            return


def _check_dimensions(name: str, record: bytes) -> None:
    """A DIMENSIONS record: the reader reserves room for (last − first + 1) rows × columns,
    in 32-bit arithmetic that wraps (a first row after the last asks for 4 billion rows), as
    computed here. The last row and column are one past the used range."""
    if len(record) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", record)
    else:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", record)
    if first_col > 0xFF or last_col < first_col:
        first_col = 0  # as the reader corrects it
    if last_row >= 1 and last_col >= 1:
        end_row, end_col = last_row - 1, last_col - 1
    else:
        end_row, end_col = first_row, first_col
    rows = (end_row - first_row + 1) & 0xFFFFFFFF
    columns = (end_col - first_col + 1) & 0xFFFFFFFF
    if (last_row > MAX_ROWS or last_col > MAX_COLUMNS or rows > MAX_ROWS
            or columns > MAX_COLUMNS or rows * columns > MAX_CELLS):
        ref = f"{column_name(max(last_col, 1))}{last_row}"
        raise RefusedFile(
            f"Tệp {name} khai báo vùng dữ liệu từ {column_name(first_col + 1)}{first_row + 1}"
            f" đến {ref}, vượt giới hạn {MAX_COLUMNS} cột, {format_int(MAX_ROWS)} dòng và"
            f" {format_int(MAX_CELLS)} ô mà chương trình đọc được (hoặc sai: dòng đầu sau dòng"
            " cuối); hãy mở bằng Excel, xóa các ô thừa ở ngoài bảng danh sách rồi lưu lại. /"
            f" The file declares a sheet up to {ref}, beyond the limits.")


def _cfb_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """A stream of a compound file (the container of .xls), found by name; None if absent.
    Every chain is walked with a bound: a loop in a damaged file ends in an error."""
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if not 7 <= sector_shift <= 16 or mini_shift > sector_shift:
        raise ValueError("sector size")
    size = 1 << sector_shift
    mini_size = 1 << mini_shift
    fat_sectors, first_directory = struct.unpack_from("<II", data, 0x2C)
    (mini_cutoff, first_mini_fat, mini_fat_sectors, first_difat, difat_sectors) = \
        struct.unpack_from("<IIIII", data, 0x38)
    sectors = max((len(data) - 512) // size, 0) if size == 512 else max(len(data) // size - 1,
                                                                         0)

    def sector(number: int) -> bytes:
        if number >= sectors:
            raise ValueError("sector outside the file")
        start = (number + 1) * size
        return data[start:start + size]

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    following = first_difat
    for _ in range(min(difat_sectors, sectors)):
        if following in (_FREE, _END_OF_CHAIN):
            break
        block = sector(following)
        pointers = struct.unpack(f"<{size // 4}I", block)
        difat.extend(pointers[:-1])
        following = pointers[-1]
    fat: list[int] = []
    for number in difat[:fat_sectors]:
        if number in (_FREE, _END_OF_CHAIN):
            continue
        fat.extend(struct.unpack(f"<{size // 4}I", sector(number)))

    def chain(start: int, table: list[int], limit: int) -> Iterator[int]:
        current = start
        for _ in range(limit + 1):
            if current in (_FREE, _END_OF_CHAIN):
                return
            if current >= len(table):
                raise ValueError("chain outside the table")
            yield current
            current = table[current]
        raise ValueError("a chain that loops")

    directory = b"".join(sector(n) for n in chain(first_directory, fat, sectors))
    entries = [directory[offset:offset + 128] for offset in range(0, len(directory) - 127, 128)]
    if not entries:
        raise ValueError("no directory")
    root_start = struct.unpack_from("<I", entries[0], 116)[0]
    for entry in entries:
        length = struct.unpack_from("<H", entry, 64)[0]
        name = entry[:max(length - 2, 0)].decode("utf-16-le", "replace")
        if entry[66] != 2 or name not in names:
            continue
        start, stream_size = struct.unpack_from("<IQ", entry, 116)
        stream_size &= 0xFFFFFFFF if size == 512 else (1 << 64) - 1
        if stream_size > len(data) * 2:
            raise ValueError("a stream larger than the file")
        if stream_size >= mini_cutoff:
            stream = b"".join(sector(n) for n in chain(start, fat, sectors))
            return stream[:stream_size]
        mini_fat: list[int] = []
        for number in chain(first_mini_fat, fat, min(mini_fat_sectors, sectors) or sectors):
            mini_fat.extend(struct.unpack(f"<{size // 4}I", sector(number)))
        mini_stream = b"".join(sector(n) for n in chain(root_start, fat, sectors))
        pieces = []
        for number in chain(start, mini_fat, len(mini_fat)):
            pieces.append(mini_stream[number * mini_size:(number + 1) * mini_size])
        return b"".join(pieces)[:stream_size]
    return None
