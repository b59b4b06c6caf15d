"""The printed documents: certificates, register, QR verification, summaries, Excel, CLI."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab import rl_config

from main import main
from reports.certificate import render_certificates
from reports.city_summary import city_tables, render_city_summary
from reports.data import certificate_data, city_summary_data, ward_summary_data
from reports.excel import write_tables
from reports.ward_summary import render_ward_summary, ward_tables
from storage.certificates import IssuerSettings
from storage.store import Store

REPORT_DATE = dt.date(2025, 1, 5)


@pytest.fixture(autouse=True)
def invariant_pdfs() -> Iterator[None]:
    """Repeatable PDFs: no creation date or random document id."""
    before = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = before


@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path) -> Iterator[Store]:
    """A writable copy of the demo city (issuing certificates writes the register)."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, path)
    with Store(path, actor="test") as opened:
        yield opened


def _text(pdf: bytes | Path) -> str:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _render_certificates(store: Store, **kwargs: object) -> tuple[bytes, list]:
    issued = store.certificates.issue(2024, **kwargs)  # type: ignore[arg-type]
    out = io.BytesIO()
    render_certificates(certificate_data(issued), store.certificates.settings(2024), out)
    return out.getvalue(), issued


def _fonts(pdf: bytes) -> list[dict]:
    reader = PdfReader(io.BytesIO(pdf))
    found = []
    for page in reader.pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            base = descendants[0].get_object() if descendants else font
            found.append({"name": str(font["/BaseFont"]), "subtype": str(font["/Subtype"]),
                          "descriptor": base.get("/FontDescriptor", {}).get_object()
                          if base.get("/FontDescriptor") else {}})
    return found


# -- certificates and register -----------------------------------------------------------------


def test_certificates_print_vietnamese_landscape_with_embedded_truetype(demo_copy: Store) -> None:
    start = time.perf_counter()
    pdf, issued = _render_certificates(demo_copy)
    assert time.perf_counter() - start < 10
    assert len(issued) == 35
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 35
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = _flat(_text(pdf))
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "GIẤY CÔNG NHẬN", "ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU",
                  "Tổ dân phố số 10, phường Tân Phong",
                  "Đạt tiêu chuẩn tổ dân phố, bản tự quản, phát triển toàn diện năm 2024",
                  "Lai Châu, ngày 13 tháng 01 năm 2025", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                  "Nguyễn Văn Minh", "Quyết định số 43/QĐ-UBND ngày 13/01/2025",
                  "Số vào sổ: 35/2024/GCN"):
        assert words in text
    assert "(duy trì từ năm 2021)" in text  # maintained since the first year of its run
    fonts = _fonts(pdf)
    assert fonts and all("/FontFile2" in font["descriptor"] for font in fonts)
    assert not any("Times-Roman" in font["name"] for font in fonts)


def test_certificate_pdf_is_repeatable(demo_copy: Store) -> None:
    issued = demo_copy.certificates.issue(2024, demo_copy.units.find("Tân Phong", 2024).id)
    data = certificate_data(issued)
    settings = demo_copy.certificates.settings(2024)
    first, second = io.BytesIO(), io.BytesIO()
    render_certificates(data, settings, first)
    render_certificates(data, settings, second)
    assert first.getvalue() == second.getvalue()


def test_register_numbers_are_sequential_and_reprints_recorded(demo_copy: Store) -> None:
    issued = demo_copy.certificates.issue(2024)
    assert [c.register_number for c in issued] == [f"{n}/2024/GCN" for n in range(1, 36)]
    assert all(c.reprint_of_id is None and c.reprint_number == 0 for c in issued)
    with pytest.raises(Exception, match="đã được cấp"):
        demo_copy.certificates.issue(2024)
    ward = demo_copy.units.find("Tân Phong", 2024, "ward")
    reprints = demo_copy.certificates.issue(2024, ward.id, reprint=True)
    originals = {c.recognition_id: c for c in issued}
    assert len(reprints) == 7
    for reprint in reprints:
        original = originals[reprint.recognition_id]
        assert reprint.reprint_of_id == original.id
        assert reprint.register_number == original.register_number
        assert reprint.reprint_number == 1
    # Each print is its own row of the register.
    assert len(demo_copy.certificates.for_year(2024)) == 42


def test_printed_qr_code_is_intact_and_clear_of_the_border(demo_copy: Store) -> None:
    # Every module of the code prints as it should (nothing of the border's ornaments falls
    # on it) and a blank margin of 4 modules surrounds it, as scanners need.
    import pypdfium2

    from reports.certificate import BOTTOM_LEFT_X, HEIGHT, QR_SIZE, qr_modules

    pdf, issued = _render_certificates(demo_copy)
    modules = qr_modules(issued[0].qr_text)
    scale = 300 / 72
    bitmap = pypdfium2.PdfDocument(pdf)[0].render(scale=scale, grayscale=True)
    image = bitmap.to_pil()
    count = len(modules)
    cell = QR_SIZE / count
    left, bottom = BOTTOM_LEFT_X, 20 * 72 / 25.4

    def shades(column: int, row: int) -> list[int]:
        """Grey levels at nine points inside module (column, row); rows count from the top."""
        return [int(image.getpixel((
            round((left + (column + dx) * cell) * scale),
            round((HEIGHT - bottom - QR_SIZE + (row + dy) * cell) * scale))))
            for dx in (0.25, 0.5, 0.75) for dy in (0.25, 0.5, 0.75)]

    # Dark modules black, light ones white: the gold of an ornament under a light module
    # (the code paints only its dark modules) is neither.
    wrong = [(row, column) for row in range(count) for column in range(count)
             if any(level >= 100 if modules[row][column] else level <= 200
                    for level in shades(column, row))]
    assert not wrong
    for step in range(1, 5):
        for k in range(-step, count + step):
            for column, row in ((k, -step), (k, count - 1 + step), (-step, k),
                                (count - 1 + step, k)):
                assert min(shades(column, row)) > 200, (column, row)


def test_settings_are_saved_and_printed(demo_copy: Store) -> None:
    demo_copy.certificates.save_settings(IssuerSettings(signer_name="Trần Thị Hoa",
                                                        title="Giấy khen"))
    settings = demo_copy.certificates.settings(2024)
    assert settings.signer_name == "Trần Thị Hoa"
    assert settings.authority == "ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU"  # still from the data
    pdf, _ = _render_certificates(demo_copy)
    assert "Trần Thị Hoa" in _text(pdf) and "GIẤY KHEN" in _text(pdf)


def test_verify_accepts_printed_code_and_refuses_tampered_or_unknown(demo_copy: Store) -> None:
    issued = demo_copy.certificates.issue(2024)
    code = issued[9].qr_text
    result = demo_copy.certificates.verify(code)
    assert result.valid and result.recipient == issued[9].recipient and result.year == 2024
    assert result.reprints == 0
    # One changed character anywhere: the signature no longer matches.
    position = code.index("|2024|") + 4
    tampered = code[:position] + "3" + code[position + 1:]
    assert not demo_copy.certificates.verify(tampered).valid
    for index, char in enumerate(code):
        changed = code[:index] + ("A" if char != "A" else "B") + code[index + 1:]
        assert not demo_copy.certificates.verify(changed).valid, index
    # A correctly signed code whose certificate is not in the register.
    unknown = demo_copy.certificates.qr_text("00000000-0000-0000-0000-000000000000",
                                             issued[9].group_id, 2024, "99/2024/GCN")
    outcome = demo_copy.certificates.verify(unknown)
    assert not outcome.valid and "sổ cấp" in outcome.message
    reprint = demo_copy.certificates.issue(2024, reprint=True)[9]
    again = demo_copy.certificates.verify(reprint.qr_text)
    assert again.valid and again.reprint_number == 1 and again.reprints == 1


# -- summaries -----------------------------------------------------------------------------------


def test_city_summary(demo_store: Store) -> None:
    data = city_summary_data(demo_store, 2024, REPORT_DATE)
    out = io.BytesIO()
    render_city_summary(data, out)
    pdf = out.getvalue()
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert float(box.width) < float(box.height)  # portrait
    text = _flat(_text(pdf))
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "Lai Châu, ngày 05 tháng 01 năm 2025", "/BC-UBND", "109,4%", "134,6%",
                  "12.460", "12.937", "96,3%", "Nơi nhận:", "- Lưu: VT, NV.",
                  "Tổ dân phố số 5, số 16 (phường Tân Phong)", "phường Tân Phong"):
        assert words in text, words
    # The appendix lists the 35 recognised groups of 2024 by full name and ward.
    names = [name for _, names in data.current.names_by_ward for name in names]
    assert len(names) == 35
    appendix = _flat(reader.pages[-1].extract_text())
    for index, (ward, name) in enumerate(
            ((w, n) for w, ns in data.current.names_by_ward for n in ns), 1):
        assert f"{index} {name} {ward}" in appendix
    # Footnotes 44–49: one paragraph per non-required criterion the recognised groups fail.
    assert data.failing and all(f.count for f in data.failing)
    for failing in data.failing:
        assert f"Tiêu chí {failing.code} ({failing.name})" in text
    # Page numbers from page 2, top centre; none on page 1.
    assert reader.pages[1].extract_text().split("\n")[0].strip() == "2"
    fonts = _fonts(pdf)
    assert all("/FontFile2" in font["descriptor"] for font in fonts)
    again = io.BytesIO()
    render_city_summary(data, again)
    assert again.getvalue() == pdf


def test_city_summary_years_match_the_year_summaries(demo_store: Store) -> None:
    # The years' lines are counted without the household figures; they must still be the
    # figures of store.cycle.summary, year by year.
    data = city_summary_data(demo_store, 2024, REPORT_DATE)
    assert [line.year for line in data.years] == [2021, 2022, 2023, 2024]
    for line in data.years:
        summary = demo_store.cycle.summary(line.year)
        assert (line.groups, line.registered, line.new, line.maintained, line.year_target) == (
            summary.groups, summary.registered, summary.recognised_new,
            summary.recognised_maintained, summary.year_target)
        names = [name for _ward, names in line.names_by_ward for name in names]
        assert len(names) == summary.recognised == line.recognised
    assert (data.year_target, data.plan_target) == (32, 26)


def test_ward_summary(demo_store: Store) -> None:
    ward = demo_store.units.find("Tân Phong", 2024, "ward")
    data = ward_summary_data(demo_store, 2024, ward.id, REPORT_DATE)
    out = io.BytesIO()
    render_ward_summary(data, out)
    text = _flat(_text(out.getvalue()))
    for words in ("ỦY BAN NHÂN DÂN PHƯỜNG TÂN PHONG", "Tân Phong, ngày 05 tháng 01 năm 2025",
                  "Tổ dân phố số 10", "Công nhận mới", "Công nhận duy trì",
                  "Chỉ số hộ gia đình", "Nơi nhận:"):
        assert words in text, words
    assert len(data.groups) == 20
    assert sum(c.total for c in data.history[-1:]) == 7


def test_the_signature_never_stands_alone_on_a_page(demo_store: Store) -> None:
    ward = demo_store.units.find("Tân Phong", 2024, "ward")
    out = io.BytesIO()
    render_ward_summary(ward_summary_data(demo_store, 2024, ward.id, REPORT_DATE), out)
    pages = [_flat(page.extract_text()) for page in PdfReader(io.BytesIO(out.getvalue())).pages]
    signed = [text for text in pages if "Nơi nhận:" in text]
    assert len(signed) == 1
    # The ward's chart, the end of the body, is on the page of the signature.
    assert "III. KẾT QUẢ CÔNG NHẬN QUA CÁC NĂM" in signed[0]
    data = city_summary_data(demo_store, 2024, REPORT_DATE)
    out = io.BytesIO()
    render_city_summary(data, out)
    pages = [_flat(page.extract_text()) for page in PdfReader(io.BytesIO(out.getvalue())).pages]
    signed = [text for text in pages if "Nơi nhận:" in text]
    assert len(signed) == 1 and data.wards[-1].name in signed[0]


def test_headings_and_captions_stay_with_their_tables(demo_store: Store) -> None:
    def after(pages: list[str], caption: str, first_row: str) -> None:
        """The page with ``caption`` also shows the table's first row, below the caption."""
        page = next(text for text in pages if caption in text)
        assert first_row in page[page.index(caption):], caption

    ward = demo_store.units.find("Tân Phong", 2024, "ward")
    out = io.BytesIO()
    render_ward_summary(ward_summary_data(demo_store, 2024, ward.id, REPORT_DATE), out)
    pages = [_flat(page.extract_text()) for page in PdfReader(io.BytesIO(out.getvalue())).pages]
    after(pages, "I. KẾT QUẢ ĐÁNH GIÁ, CÔNG NHẬN Bảng 1.", "1 Tổ dân phố số 1")
    after(pages, "II. CHỈ SỐ HỘ GIA ĐÌNH Bảng 2.", "1 Tổ dân phố số 1")
    # A long appendix (a province: hundreds of recognised groups) starts under its title.
    data = city_summary_data(demo_store, 2024, REPORT_DATE)
    many = [(f"Phường Số {n:02d}", [f"Tổ dân phố số {k}" for k in range(1, 13)])
            for n in range(1, 31)]
    current = type(data.current)(**{**data.current.__dict__, "names_by_ward": many})
    data = type(data)(**{**data.__dict__, "years": [*data.years[:-1], current]})
    out = io.BytesIO()
    render_city_summary(data, out)
    pages = [_flat(page.extract_text()) for page in PdfReader(io.BytesIO(out.getvalue())).pages]
    after(pages, "PHỤ LỤC Bảng 3.", "1 Tổ dân phố số 1 Phường Số 01")
    assert "360 Tổ dân phố số 12 Phường Số 30" in pages[-1]


def test_lists_inside_a_sentence_start_in_lower_case(demo_store: Store) -> None:
    from reports.document import names_sentence

    wards = [("Xã Sùng Phài", ["Bản Gia Khâu 1", "Bản Sùng Chồ"])]
    assert names_sentence(wards) == "Bản Gia Khâu 1, bản Sùng Chồ (xã Sùng Phài)."
    assert names_sentence(wards, sentence_start=False) == (
        "bản Gia Khâu 1, bản Sùng Chồ (xã Sùng Phài).")
    out = io.BytesIO()
    render_city_summary(city_summary_data(demo_store, 2024, REPORT_DATE), out)
    text = _flat(_text(out.getvalue()))
    assert "gồm bản Gia Khâu 1, bản Sùng Chồ, bản Sùng Phài (xã Sùng Phài)" in text
    assert "gồm Bản" not in text


def test_user_text_is_escaped(demo_store: Store) -> None:
    data = city_summary_data(demo_store, 2024, REPORT_DATE)
    ward = data.wards[0]
    odd = type(ward)(**{**ward.__dict__, "name": "Phường <A & B>"})
    data = type(data)(**{**data.__dict__, "wards": [odd, *data.wards[1:]]})
    out = io.BytesIO()
    render_city_summary(data, out)
    assert "Phường <A & B>" in _text(out.getvalue())


def test_excel_has_the_same_numbers(demo_store: Store, tmp_path: Path) -> None:
    data = city_summary_data(demo_store, 2024, REPORT_DATE)
    path = tmp_path / "city.xlsx"
    write_tables(city_tables(data), path)
    book = load_workbook(path)
    wards = book["Theo phường, xã"]
    assert wards.freeze_panes == "A2"
    assert wards["A1"].value == "Phường, xã"
    total = [cell.value for cell in wards[wards.max_row]]
    assert total[5] == 12937 and total[6] == 12460
    assert total[7] == pytest.approx(12460 / 12937)
    assert wards.cell(wards.max_row, 8).number_format == "0.0%"
    years = book["Theo năm"]
    last = [cell.value for cell in years[years.max_row]]
    # The year is a number (sortable, no "number stored as text"), shown without a dot.
    assert last[:4] == [2024, 72, 40, 35] and last[7] == pytest.approx(35 / 32)
    assert years.cell(years.max_row, 1).number_format == "0"
    assert book["Danh sách công nhận"].max_row == 36
    ward = demo_store.units.find("Tân Phong", 2024, "ward")
    write_tables(ward_tables(ward_summary_data(demo_store, 2024, ward.id)), tmp_path / "w.xlsx")
    sheet = load_workbook(tmp_path / "w.xlsx")["Chỉ số hộ"]
    assert sheet.max_row == 22 and isinstance(sheet["C2"].value, int)


def test_excel_sheets_print_and_wrap_like_the_report(demo_store: Store, tmp_path: Path) -> None:
    ward = demo_store.units.find("Tân Phong", 2024, "ward")
    tables = ward_tables(ward_summary_data(demo_store, 2024, ward.id))
    write_tables(tables, tmp_path / "w.xlsx")
    sheet = load_workbook(tmp_path / "w.xlsx")["Kết quả"]
    # Header row: bold in the workbook's font (not a nameless font), repeated on every page,
    # filtered over the groups; the caption is the printed page header.
    assert sheet["A1"].font.b and sheet["A1"].font.name
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.auto_filter.ref == "A1:F21"
    assert sheet.oddHeader.center.text == tables[0].caption
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    # The note follows the table under a blank row.
    assert sheet.cell(23, 1).value == tables[0].notes[0]
    assert sheet.cell(22, 1).value is None
    for column in "ABCDEF":
        assert 6 <= sheet.column_dimensions[column].width <= 60
    # The long lists of the city's failing criteria wrap in a column of at most 60 characters,
    # on landscape pages; each such row is as tall as its lines (spreadsheet programs do not
    # grow a row for wrapped text themselves: it would spill over the rows below).
    write_tables(city_tables(city_summary_data(demo_store, 2024, REPORT_DATE)),
                 tmp_path / "c.xlsx")
    lists = load_workbook(tmp_path / "c.xlsx")["Tiêu chí chưa đạt"]
    assert lists.page_setup.orientation == "landscape"
    width = lists.column_dimensions["D"].width
    assert width == 60
    wrapped = 0
    for row in range(2, lists.max_row + 1):
        text = lists.cell(row, 4).value
        lines = -(-len(text) // int(width))  # at least this many, whatever the wrapping
        if lines > 1:
            wrapped += 1
            assert lists.row_dimensions[row].height >= 15 * lines
    assert wrapped >= 3


def _sheets_as_csv(xlsx: Path, folder: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``xlsx`` as LibreOffice reads it (raw values, UTF-8 CSV)."""
    import csv
    import subprocess

    folder.mkdir()
    # Filter options: comma, double quote, UTF-8, …, values not as shown, -1 = every sheet.
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,"
                    "false,false,false,-1", "--outdir", str(folder), str(xlsx)],
                   check=True, capture_output=True, timeout=120)
    sheets = {}
    for path in folder.glob(f"{xlsx.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem[len(xlsx.stem) + 1:]] = list(csv.reader(handle))
    return sheets


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_excel_files(demo_path: Path, tmp_path: Path) -> None:
    # The files the command line writes, opened by another program than the one that wrote
    # them: valid, every sheet there, the numbers as numbers and the same as in the PDF.
    for scope, extra in (("city", []), ("ward", ["--ward", "tan phong"])):
        assert main(["report", scope, "--db", str(demo_path), "--year", "2024", *extra,
                     "-o", str(tmp_path / f"{scope}.pdf"),
                     "--xlsx", str(tmp_path / f"{scope}.xlsx")]) == 0
    city = _sheets_as_csv(tmp_path / "city.xlsx", tmp_path / "city-csv")
    assert set(city) == {"Theo năm", "Theo phường, xã", "Danh sách công nhận",
                         "Tiêu chí chưa đạt"}
    total = city["Theo phường, xã"][-1]
    assert total[0] == "Toàn thành phố Lai Châu"
    assert total[5:7] == ["12937", "12460"]
    assert float(total[7].rstrip("%")) == pytest.approx(12460 / 12937 * 100)
    assert city["Theo năm"][-1][:4] == ["2024", "72", "40", "35"]
    assert float(city["Theo năm"][-1][7].rstrip("%")) == pytest.approx(109.375)
    listed = city["Danh sách công nhận"][1:]
    assert len(listed) == 35 and [row[0] for row in listed] == [str(n) for n in range(1, 36)]
    assert ["25", "Tổ dân phố số 10", "Phường Tân Phong"] in listed
    ward = _sheets_as_csv(tmp_path / "ward.xlsx", tmp_path / "ward-csv")
    assert set(ward) == {"Kết quả", "Chỉ số hộ"}
    households = ward["Chỉ số hộ"]
    assert len(households) == 22 and households[-1][1:3] == ["Cộng", "3959"]
    assert sum(int(row[2]) for row in households[1:-1]) == 3959


# -- command line --------------------------------------------------------------------------------


def test_cli_end_to_end(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, db)
    certificates = tmp_path / "gcn.pdf"
    assert main(["certificates", "--db", str(db), "--year", "2024", "-o", str(certificates)]) == 0
    assert len(PdfReader(certificates).pages) == 35
    assert main(["certificates", "--db", str(db), "--year", "2024", "-o",
                 str(certificates)]) == 1
    assert "--reprint" in capsys.readouterr().err
    assert main(["certificates", "--db", str(db), "--year", "2024", "--ward", "tan phong",
                 "-o", str(certificates), "--reprint"]) == 0
    assert len(PdfReader(certificates).pages) == 7
    assert main(["report", "city", "--db", str(db), "--year", "2024", "-o",
                 str(tmp_path / "city.pdf"), "--xlsx", str(tmp_path / "city.xlsx")]) == 0
    assert "109,4%" in _text(tmp_path / "city.pdf")
    assert load_workbook(tmp_path / "city.xlsx").sheetnames
    assert main(["report", "ward", "--db", str(db), "--year", "2024", "--ward", "tan phong",
                 "-o", str(tmp_path / "ward.pdf"), "--xlsx", str(tmp_path / "ward.xlsx")]) == 0
    assert main(["report", "ward", "--db", str(db), "--year", "2024", "-o",
                 str(tmp_path / "ward.pdf")]) == 2
    with Store(db) as store:
        code = store.certificates.for_year(2024)[0].qr_text
    capsys.readouterr()
    assert main(["verify", "--db", str(db), code]) == 0
    assert "Hợp lệ" in capsys.readouterr().out
    assert main(["verify", "--db", str(db), re.sub(r"\|2024\|", "|2023|", code)]) == 1
    assert "Không hợp lệ" in capsys.readouterr().err
