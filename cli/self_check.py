"""``--self-check``: does this copy of the program work? Headless, in a temporary folder.

Made for the packaged build (a missing font, translation or library shows up here, not in
front of an official) and for a support call ("start it with --self-check and read me the
last line"). It checks that the bundled files are there and readable, opens a new database,
builds a small demo city (the real demo builder, scaled down), exports its households to Excel
and reads them back through the import's checks, issues and prints one
recognition certificate, checks the PDF (TrueType fonts embedded, the Vietnamese text reads
back intact) and the certificate's signed QR text. It prints one line per step and "OK" with
exit code 0, or what failed with exit code 1. Nothing is written outside the temporary folder
except a line in the log.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A quarter of a percent of the demo city: every ward and group, a handful of households per
# group, the whole evaluation cycle — about 2–3 s instead of the full demo's 7 s.
DEMO_SCALE = 0.02
# Letters of every Vietnamese tone on every vowel shape the documents print; the bundled font
# must have a glyph for each (a missing one prints as a box).
VIETNAMESE_SAMPLE = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Giấy công nhận "
    "tổ dân phố số 10, phường Tân Phong; bản Nậm Loỏng, xã Sùng Phài; ủy ban nhân dân "
    "thành phố Lai Châu; đạt tiêu chuẩn tự quản, phát triển toàn diện năm 2024 "
    "àáảãạ ằắẳẵặ ầấẩẫậ èéẻẽẹ ềếểễệ ìíỉĩị òóỏõọ ồốổỗộ ờớởỡợ ùúủũụ ừứửữự ỳýỷỹỵ đ"
)
# A certificate smaller than this cannot hold embedded fonts and a QR code.
MIN_PDF_BYTES = 10_000

_log = logging.getLogger("tuquan.self_check")


class CheckFailed(Exception):
    """A step found something wrong; the message says what (Vietnamese)."""


@dataclass
class Context:
    """What the steps share: the temporary folder, the open store, the printed certificate."""

    folder: Path
    store: Any = None
    certificate: Any = None
    settings: Any = None
    pdf: Path | None = None


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def check_resources(_context: Context) -> str:
    """The files the build bundles: fonts, translations, ethnic groups, icon, user guide."""
    from reportlab.pdfbase.ttfonts import TTFont

    from docs import USER_GUIDE
    from gui.i18n import TRANSLATIONS_DIR
    from reports.fonts import BUNDLED, BUNDLED_DIR
    from resources.icons import ICON_ICO, ICON_PNG
    from storage.ethnicity import ethnic_groups

    needed = set(VIETNAMESE_SAMPLE + VIETNAMESE_SAMPLE.upper()) - {" "}
    for name in BUNDLED:
        path = BUNDLED_DIR / name
        _require(path.is_file(), f"thiếu phông chữ {path}")
        font = TTFont(f"SelfCheck-{name}", str(path))
        missing = sorted(c for c in needed if ord(c) not in font.face.charToGlyph)
        _require(not missing, f"phông {name} thiếu chữ: {''.join(missing)}")
    qm = TRANSLATIONS_DIR / "tuquan_en.qm"
    _require(qm.is_file() and qm.stat().st_size > 0, f"thiếu bản dịch {qm}")
    groups = ethnic_groups()
    _require(len(groups) >= 54, f"danh mục dân tộc chỉ có {len(groups)} mục")
    for icon in (ICON_PNG, ICON_ICO):
        _require(icon.is_file() and icon.stat().st_size > 0, f"thiếu biểu tượng {icon}")
    _require(USER_GUIDE.is_file(), f"thiếu hướng dẫn sử dụng {USER_GUIDE}")
    return f"{len(BUNDLED)} phông chữ, bản dịch, {len(groups)} dân tộc, biểu tượng, hướng dẫn"


def check_database(context: Context) -> str:
    """A new database in the temporary folder, with every migration applied."""
    from storage.store import Store

    context.store = Store(context.folder / "kiem-tra.sqlite", actor="self-check")
    version = context.store.schema_version
    _require(version > 0, "cơ sở dữ liệu mới không có lược đồ")
    return f"lược đồ phiên bản {version}"


def check_demo(context: Context) -> str:
    """The demo builder, scaled down, through the real evaluation cycle."""
    from storage.demo import DemoBuilder

    store = context.store
    counts = DemoBuilder(store, scale=DEMO_SCALE).build()
    year = store.cycle.latest_recognition_year()
    _require(year is not None, "dữ liệu mẫu không có tổ nào được công nhận")
    recognised = store.cycle.recognitions(year)
    _require(bool(recognised), f"năm {year} không có tổ nào được công nhận")
    return (f"{len(store.units.all())} đơn vị, {counts.get('households', 0)} hộ,"
            f" {len(recognised)} tổ được công nhận năm {year}")


def check_household_lists(context: Context) -> str:
    """A household list exported to Excel and read back: every row recognised, unchanged."""
    from storage import household_import
    from storage.household_export import export_households

    store = context.store
    year = store.cycle.latest_recognition_year()
    path = context.folder / "danh-sach-ho.xlsx"
    exported = export_households(store, year, path)
    imported = household_import.read_file(path)
    mapping = household_import.guess_mapping(imported, store, year)
    counts = household_import.check(store, imported, mapping, year).counts
    _require(counts.unchanged == exported and counts.written == counts.rejected == 0,
             f"đọc lại {exported} hộ vừa xuất: {counts}")
    return f"{exported} hộ xuất ra Excel, đọc lại không thay đổi"


def check_certificate(context: Context) -> str:
    """Issue the certificates of one ward and print the first one to PDF."""
    from reports.certificate import render_certificates
    from reports.data import certificate_data

    store = context.store
    year = store.cycle.latest_recognition_year()
    first = store.cycle.recognitions(year)[0]
    ward_id = store.units.get(first.group_id).parent_id
    issued = store.certificates.issue(year, ward_id)
    context.certificate = certificate_data(issued)[0]
    context.settings = store.certificates.settings(year)
    context.pdf = context.folder / "giay-cong-nhan.pdf"
    pages = render_certificates([context.certificate], context.settings, context.pdf)
    _require(pages == 1, f"in ra {pages} trang thay vì 1")
    return f"{context.certificate.register_number}: {context.certificate.recipient}"


def _collapse(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_text(path: Path) -> str:
    """The text of a PDF's pages as a reader extracts it (pypdfium2, which the app ships)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            texts.append(text_page.get_text_range())
            text_page.close()
            page.close()
        return "\n".join(texts)
    finally:
        document.close()


def check_pdf(context: Context) -> str:
    """Fonts embedded as TrueType (not Type 1: boxes for Vietnamese), Vietnamese text intact."""
    from reports import styles

    assert context.pdf is not None and context.certificate is not None
    data = context.pdf.read_bytes()
    _require(data.startswith(b"%PDF-"), "tệp in ra không phải PDF")
    _require(b"/FontFile2" in data, "PDF không nhúng phông TrueType")
    _require(re.search(rb"/Subtype\s*/Type1\b", data) is None,
             "PDF dùng phông Type 1 (chữ Việt sẽ in thành ô vuông)")
    _require(len(data) >= MIN_PDF_BYTES, f"tệp PDF quá nhỏ ({len(data)} byte)")
    text = _collapse(pdf_text(context.pdf))
    expected = [styles.NATIONAL_NAME, styles.MOTTO, context.settings.title.upper(),
                context.certificate.recipient, context.certificate.register_number]
    missing = [each for each in expected if _collapse(each) not in text]
    _require(not missing, "chữ trong PDF không đọc lại đúng: " + "; ".join(missing))
    return f"{len(data) // 1024} KB, chữ Việt đọc lại đúng"


def check_qr(context: Context) -> str:
    """The printed QR text: encodable, verified by the register, a changed one refused."""
    from reports.certificate import qr_modules

    store, certificate = context.store, context.certificate
    modules = qr_modules(certificate.qr_text)
    _require(len(modules) >= 21 and all(len(row) == len(modules) for row in modules),
             "không tạo được mã QR")
    result = store.certificates.verify(certificate.qr_text)
    _require(result.valid, f"mã QR không được xác nhận: {result.message}")
    forged = certificate.qr_text.replace(certificate.register_number, "999/2099/GCN")
    _require(not store.certificates.verify(forged).valid, "mã QR bị sửa vẫn được chấp nhận")
    return "chữ ký số hợp lệ, mã bị sửa bị từ chối"


STEPS: tuple[tuple[str, Callable[[Context], str]], ...] = (
    ("Tệp đi kèm", check_resources),
    ("Cơ sở dữ liệu", check_database),
    ("Dữ liệu mẫu", check_demo),
    ("Danh sách hộ", check_household_lists),
    ("Giấy công nhận", check_certificate),
    ("Nội dung PDF", check_pdf),
    ("Mã QR", check_qr),
)


def self_check(write: Callable[[str], None] = print) -> list[str]:
    """Run every step in a temporary folder; the failures ([] when all passed).

    A failed step stops the steps after it (they need what it makes).
    """
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tuquan-kiem-tra-",
                                     ignore_cleanup_errors=True) as folder:
        context = Context(Path(folder))
        try:
            for name, step in STEPS:
                started = time.perf_counter()
                try:
                    detail = step(context)
                except Exception as error:  # noqa: BLE001 - every failure is reported
                    _log.exception("Tự kiểm tra: bước %s lỗi", name)
                    message = str(error) or type(error).__name__
                    if not isinstance(error, CheckFailed):
                        message = f"{type(error).__name__}: {message}"
                    failures.append(f"{name}: {message}")
                    write(f"[LỖI] {name}: {message}")
                    break
                seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
                write(f"[đạt] {name}: {detail} ({seconds} s)")
        finally:
            if context.store is not None:
                context.store.close()
    return failures


def run(_args: argparse.Namespace) -> int:
    """The handler of ``--self-check``: 0 and "OK" when every step passed, else 1."""
    from storage.logs import setup_logging

    setup_logging()
    failures = self_check()
    if failures:
        _log.error("Tự kiểm tra không đạt: %s", "; ".join(failures))
        print("LỖI: tự kiểm tra không đạt / self-check failed", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    _log.info("Tự kiểm tra đạt")
    print("OK")
    return 0


def add_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--self-check`` to the top-level parser (it runs instead of opening the window)."""
    # Setting the handler (the top-level parser's default is the GUI) keeps main() unchanged.
    parser.add_argument(
        "--self-check", dest="handler", action="store_const", const=run,
        help="tự kiểm tra chương trình không cần màn hình (tạo dữ liệu mẫu nhỏ trong thư mục"
        " tạm, in thử một Giấy công nhận) rồi in OK, hoặc lỗi với mã thoát 1",
    )
