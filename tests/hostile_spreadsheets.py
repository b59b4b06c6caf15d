"""Hostile spreadsheets, built by hand, and a way to read one in a process of its own with a
memory limit, so a regression aborts that process and never the machine running the tests.

* ``write_far_cell``: a valid .xlsx of about 1.600 bytes with a cell at XFD1048576 (the
  reader used to build a grid of 2^34 cells for it: 512 GiB).
* ``write_zip_bomb``: a valid .xlsx whose one sheet inflates to 1,6 GB from about 1,6 MB
  (deflate blocks of one text or of millions of cells, each block flushed whole, so the file
  is written in a second); ``declared`` makes the zip lie about the inflated size.
* ``write_ods_repeats``: an .ods of a few hundred bytes whose repeats make 96 million cells.
* ``write_xls``: an Excel 97-2003 file (xlwt) whose DIMENSIONS record or a cell's position
  is then changed in place.
"""

from __future__ import annotations

import contextlib
import json
import resource
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>')
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets>'
    '</workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_START = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
               'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_END = "</sheetData></worksheet>"


def text_cell(reference: str, text: str) -> str:
    """An inline-string cell."""
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def write_sheet_xml(path: Path, sheet: str) -> Path:
    """A minimal .xlsx around one worksheet's XML (the <sheetData> content)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_START + sheet + SHEET_END)
    return path


def write_far_cell(path: Path, reference: str = "XFD1048576") -> Path:
    """A header and a name, and one more cell far away."""
    row = int("".join(char for char in reference if char.isdigit()))
    return write_sheet_xml(path, (
        f'<row r="1">{text_cell("A1", "Họ và tên chủ hộ")}{text_cell("B1", "Tổ")}</row>'
        f'<row r="2">{text_cell("A2", "Lò Văn Páo")}{text_cell("B2", "Tổ 5")}</row>'
        f'<row r="{row}">{text_cell(reference, "x")}</row>'))


def _local_header(name: bytes, crc: int, compressed: int, size: int) -> bytes:
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0, crc, compressed, size,
                       len(name), 0) + name


def write_zip_bomb(path: Path, gigabytes: float = 1.6, declared: int | None = None,
                   cells: bool = False) -> Path:
    """An .xlsx whose sheet is one cell with a text of ``gigabytes`` GB (or, with ``cells``,
    that many bytes of cells in row 1), deflated to about a thousandth of that. The zip is
    written by hand: its sizes are 32-bit fields, so the inflated size is declared as it is up
    to 4 GB, or as ``declared`` (a lie) when given."""
    if cells:
        cell = b'<c r="A1"><v>1</v></c>'
        block = cell * ((1 << 20) // len(cell))
        start = (SHEET_START + '<row r="1">').encode()
        end = ("</row>" + SHEET_END).encode()
    else:
        block = b"A" * (1 << 20)
        start = (SHEET_START + '<row r="1"><c r="A1" t="inlineStr"><is><t>').encode()
        end = ("</t></is></c></row>" + SHEET_END).encode()
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    flushed = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    blocks = int(gigabytes * 1024)
    head = compressor.compress(start) + compressor.flush(zlib.Z_FULL_FLUSH)
    # The same compressor state after every full flush: each block deflates to the same bytes.
    assert compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH) == flushed
    tail = compressor.compress(end) + compressor.flush()
    crc = zlib.crc32(start)
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(end, crc)
    size = len(start) + blocks * len(block) + len(end)
    compressed = len(head) + blocks * len(flushed) + len(tail)
    stated = declared if declared is not None else size
    parts: list[tuple[bytes, int, bytes, int, int, int]] = []
    with path.open("wb") as handle:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
                           ("xl/workbook.xml", WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)):
            raw = data.encode()
            deflated = zlib.compress(raw, 9)[2:-4]
            offset = handle.tell()
            entry = (name.encode(), zlib.crc32(raw), deflated, len(raw), offset, len(deflated))
            handle.write(_local_header(entry[0], entry[1], len(deflated), len(raw)) + deflated)
            parts.append(entry)
        offset = handle.tell()
        name = b"xl/worksheets/sheet1.xml"
        handle.write(_local_header(name, crc, compressed, stated))
        handle.write(head)
        for _ in range(blocks):
            handle.write(flushed)
        handle.write(tail)
        parts.append((name, crc, b"", stated, offset, compressed))
        directory = handle.tell()
        for name, part_crc, _data, part_size, part_offset, part_compressed in parts:
            handle.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0,
                                     part_crc, part_compressed, part_size, len(name), 0, 0, 0,
                                     0, 0, part_offset) + name)
        length = handle.tell() - directory
        handle.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), length,
                                 directory, 0))
    return path


def write_ods_repeats(path: Path, rows: int = 6000, columns: int = 16000) -> Path:
    """An .ods whose one row holds a value repeated ``columns`` times, the row repeated
    ``rows`` times: a few hundred bytes for rows × columns cells (96 million by default, just
    under the reader's own cap of 100 million, 3 GB of cells)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Hộ">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Họ và tên chủ'
        ' hộ</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>'
        'Tổ</text:p></table:table-cell></table:table-row>'
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell'
        f' table:number-columns-repeated="{columns}" office:value-type="float"'
        ' office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>")
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


def write_xls(path: Path, rows: list[list[object]],
              dimensions: tuple[int, int] | None = None,
              move: tuple[float, tuple[int, int]] | None = None, first_row: int = 0) -> Path:
    """An Excel 97-2003 file of ``rows`` (written by xlwt), then changed in place:
    ``dimensions`` (last row, last column) replaces its DIMENSIONS record (32-bit rows, from
    ``first_row``), ``move`` = (number, (row, column)) puts the NUMBER cell holding that
    number elsewhere."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Danh sách")
    for row_number, row in enumerate(rows):
        for column, value in enumerate(row):
            sheet.write(row_number, column, value)
    workbook.save(str(path))
    data = bytearray(path.read_bytes())
    if dimensions is not None:
        at = data.find(b"\x00\x02\x0e\x00")  # DIMENSIONS, 14 bytes
        assert at > 0
        data[at + 4:at + 18] = struct.pack("<IIHHH", first_row, dimensions[0], 0,
                                           dimensions[1], 0)
    if move is not None:
        number, (row, column) = move
        # NUMBER (0x0203, 14 bytes): row, column, format, the value. The number must not be
        # one xlwt writes as an RK record instead (use one with many decimals).
        at = data.find(struct.pack("<d", number))
        assert at > 0 and data[at - 10:at - 6] == struct.pack("<HH", 0x0203, 14)
        data[at - 6:at - 2] = struct.pack("<HH", row, column)
    path.write_bytes(bytes(data))
    return path


@contextlib.contextmanager
def memory_cap(extra_megabytes: int = 1536) -> Iterator[None]:
    """Cap this process's address space at its present size plus ``extra_megabytes`` for the
    block (a runaway allocation then fails here instead of exhausting the machine)."""
    status = Path("/proc/self/status").read_text()
    size_kb = int(next(line.split()[1] for line in status.splitlines()
                       if line.startswith("VmSize:")))
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = (size_kb << 10) + (extra_megabytes << 20)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


_READ = """
import json, resource, sys
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from storage.household_import import ImportError_, read_file
try:
    imported = read_file(sys.argv[1])
except ImportError_ as error:
    print(json.dumps({"refused": str(error)}))
else:
    print(json.dumps({"rows": len(imported.rows), "width": imported.width,
                      "headers": imported.headers}))
"""


_MUTATE = """
import collections, json, random, resource, sys
from pathlib import Path
limit = int(sys.argv[4])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from storage.household_import import ImportError_, read_file
source, count, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
data, chooser = source.read_bytes(), random.Random(seed)
target = source.with_name("damaged" + source.suffix)
outcomes = collections.Counter()
for _ in range(count):
    damaged = bytearray(data)
    for _ in range(chooser.randint(1, 8)):
        damaged[chooser.randrange(len(damaged))] = chooser.randrange(256)
    target.write_bytes(damaged)
    try:
        read_file(target)
        outcomes["read"] += 1
    except ImportError_:
        outcomes["refused"] += 1
    except BaseException as error:  # what must never happen: told by its type
        outcomes[type(error).__name__] += 1
print(json.dumps(outcomes))
"""


def read_damaged_copies(path: Path, count: int, seed: int, megabytes: int = 1536,
                        timeout: float = 300) -> tuple[int, dict[str, int], str]:
    """``count`` copies of ``path`` with a few bytes changed at random, each read in one
    child process capped at ``megabytes``: (exit code, outcome → count, error output)."""
    done = _limited(_MUTATE, [str(path), str(count), str(seed), str(megabytes << 20)],
                    megabytes, timeout)
    lines = done.stdout.strip().splitlines()
    return done.returncode, json.loads(lines[-1]) if lines else {}, done.stderr


_MAIN = """
import resource, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import main
sys.exit(main.main(sys.argv[2:]))
"""


def _limited(script: str, args: list[str], megabytes: int,
             timeout: float) -> subprocess.CompletedProcess[str]:
    limit = megabytes << 20
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    assert soft == resource.RLIM_INFINITY or soft >= limit
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


def read_in_limited_process(path: Path, megabytes: int = 1024,
                            timeout: float = 120) -> tuple[int, dict[str, object], str]:
    """``read_file(path)`` in a child process whose address space is capped at ``megabytes``:
    (exit code, what it printed, its error output). A reader that runs away dies there."""
    done = _limited(_READ, [str(path), str(megabytes << 20)], megabytes, timeout)
    lines = done.stdout.strip().splitlines()
    output = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    return done.returncode, output, done.stderr


def command_in_limited_process(args: list[str], megabytes: int = 1024,
                               timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The command line (main.main) with ``args`` in a child process capped at
    ``megabytes``."""
    return _limited(_MAIN, [str(megabytes << 20), *args], megabytes, timeout)
