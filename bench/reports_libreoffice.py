"""Our certificate renderer side by side with LibreOffice on an equivalent 72-page document.

    python -m bench.reports_libreoffice [DB] [--runs 3] [--keep DIR]

DB is a city file (default: the demo city, built into a temporary folder first). The document
is one recognition certificate for each group of 2024 (72 in the demo city): the recognised
groups with their real register rows, the others with made-up register numbers, every page
with its signed QR code. It is made twice:

- by ``reports.certificate.render_certificates`` from the certificates' data (what the
  program does when it prints; the time includes encoding and drawing the 72 QR codes);
- by LibreOffice, ``soffice --headless --convert-to pdf`` of a flat OpenDocument text file
  (.fodt) holding the same 72 pages: same text, fonts (Liberation Serif), sizes, colours,
  page size and margins, a double page border, and each page's QR code as a PNG image. The
  .fodt is written before the clock starts; only the conversion is timed, from the start of
  the ``soffice`` process to its end. The first conversion uses a new LibreOffice profile
  (what the first use on a machine costs); the later ones reuse it. The corner ornaments of
  our border are left out of the LibreOffice file.

Both PDFs are checked to have 72 pages. Figures: wall-clock time, median (and min–max) of
``--runs`` runs, and the CPU time (user + system) of the same runs, which depends less on what
else the machine is doing (for LibreOffice, of the ``soffice`` processes). Without ``soffice``
on the PATH the LibreOffice half is skipped with a message.
"""

from __future__ import annotations

import argparse
import base64
import io
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

from reports.certificate import achievement_text, qr_modules, render_certificates
from reports.data import CertificateData, certificate_data
from storage.certificates import IssuerSettings
from storage.store import Store
from storage.text import format_date, place_date_line
from storage.units import unit_sort_key

YEAR = 2024
QR_PIXELS_PER_MODULE = 8


def certificate_pages(store: Store, year: int) -> list[CertificateData]:
    """One certificate per group of ``year``: the issued ones, then one for each other group."""
    issued = certificate_data(store.certificates.issue(year))
    printed = {certificate.recipient for certificate in issued}
    first = issued[0] if issued else None
    pages = list(issued)
    units = store.units
    others = []
    for group in units.in_year(year, "group"):
        ward = units.get(group.parent_id) if group.parent_id else None
        recipient = (f"{group.name}, {ward.name[:1].lower()}{ward.name[1:]}" if ward
                     else group.name)
        if recipient not in printed:
            others.append((unit_sort_key(ward.name if ward else ""), unit_sort_key(group.name),
                           group.id, recipient))
    for number, (_ward_key, _group_key, group_id, recipient) in enumerate(
            sorted(others), len(issued) + 1):
        certificate_id = str(uuid.uuid4())
        register_number = f"{number}/{year}/GCN"
        pages.append(CertificateData(
            certificate_id=certificate_id, year=year, recipient=recipient, kind="new",
            maintained_since=None, register_number=register_number, reprint_number=0,
            decision_number=first.decision_number if first else "",
            decision_date=first.decision_date if first else None,
            qr_text=store.certificates.qr_text(certificate_id, group_id, year,
                                               register_number)))
    return pages


def qr_png(text: str) -> bytes:
    """The QR code of ``text`` as a black-and-white PNG (8 pixels a module, 4 modules margin)."""
    from PIL import Image

    modules = qr_modules(text)
    count = len(modules) + 8
    image = Image.new("1", (count, count), 1)
    for row, line in enumerate(modules):
        for column, dark in enumerate(line):
            if dark:
                image.putpixel((column + 4, row + 4), 0)
    image = image.resize((count * QR_PIXELS_PER_MODULE,) * 2, Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


# -- the OpenDocument file ----------------------------------------------------------------------

_NAMESPACES = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in (
    ("office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
    ("style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
    ("text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
    ("table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
    ("draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"),
    ("fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
    ("svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
    ("xlink", "http://www.w3.org/1999/xlink"),
))


def _paragraph_style(name: str, size: float, *, bold: bool = False, italic: bool = False,
                     color: str = "#000000", align: str = "center", above: float = 0,
                     underline: bool = False, page_break: bool = False) -> str:
    text = (f'fo:font-size="{size}pt" fo:color="{color}"'
            + (' fo:font-weight="bold"' if bold else "")
            + (' fo:font-style="italic"' if italic else "")
            + (' style:text-underline-style="solid" style:text-underline-width="auto"'
               ' style:text-underline-color="font-color"' if underline else ""))
    paragraph = (f'fo:text-align="{align}" fo:margin-top="{above}mm" fo:margin-bottom="0mm"'
                 + (' fo:break-before="page"' if page_break else ""))
    return (f'<style:style style:name="{name}" style:family="paragraph">'
            f"<style:paragraph-properties {paragraph}/>"
            f"<style:text-properties {text}/></style:style>")


def fodt_document(pages: list[CertificateData], settings: IssuerSettings) -> str:
    """The certificates as one flat OpenDocument text: the layout of our certificate page."""
    accent, border = settings.accent_color, settings.border_color
    styles = "".join([
        _paragraph_style("National", 14, bold=True, above=12),
        _paragraph_style("NationalFirst", 14, bold=True, above=12, page_break=True),
        _paragraph_style("Motto", 14, bold=True, underline=True, above=1),
        _paragraph_style("Authority", 16, bold=True, color=accent, above=9),
        _paragraph_style("Title", 36, bold=True, color=accent, above=3),
        _paragraph_style("Recipient", 22, bold=True, above=8),
        _paragraph_style("Achievement", 16, above=3),
        _paragraph_style("Small", 12, align="start"),
        _paragraph_style("PlaceDate", 13, italic=True),
        _paragraph_style("Signer", 13, bold=True),
        _paragraph_style("SignerName", 14, bold=True, above=30),
        _paragraph_style("Spacer", 6, above=14),
    ])
    body = []
    for index, page in enumerate(pages):
        lines = []
        if page.decision_number:
            decided = f" ngày {format_date(page.decision_date)}" if page.decision_date else ""
            lines.append(f"Quyết định số {page.decision_number}{decided}")
        lines.append(f"Số vào sổ: {page.register_number}")
        if page.reprint_number:
            lines.append(f"Bản cấp lại lần {page.reprint_number}")
        achievement = [settings.achievement.format(year=page.year)]
        full = achievement_text(page, settings)
        if full != achievement[0]:
            achievement.append(full[len(achievement[0]):].strip())
        signature = [
            f'<text:p text:style-name="PlaceDate">'
            f"{escape(place_date_line(settings.place, page.decision_date))}</text:p>"
            if page.decision_date and settings.place else "",
            *(f'<text:p text:style-name="Signer">{escape(line.upper())}</text:p>'
              for line in (settings.signer_capacity, settings.signer_title) if line),
            f'<text:p text:style-name="SignerName">{escape(settings.signer_name)}</text:p>',
        ]
        qr = base64.b64encode(qr_png(page.qr_text)).decode("ascii")
        body.append("".join([
            f'<text:p text:style-name="{"NationalFirst" if index else "National"}">'
            f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text:p>",
            '<text:p text:style-name="Motto">Độc lập - Tự do - Hạnh phúc</text:p>',
            f'<text:p text:style-name="Authority">{escape(settings.authority.upper())}</text:p>',
            f'<text:p text:style-name="Title">{escape(settings.title.upper())}</text:p>',
            f'<text:p text:style-name="Recipient">{escape(page.recipient)}</text:p>',
            *(f'<text:p text:style-name="Achievement">{escape(line)}</text:p>'
              for line in achievement),
            '<text:p text:style-name="Spacer"/>',
            f'<table:table table:name="T{index + 1}" table:style-name="Bottom">'
            '<table:table-column table:style-name="Left"/>'
            '<table:table-column table:style-name="Right"/><table:table-row>'
            '<table:table-cell office:value-type="string">',
            *(f'<text:p text:style-name="Small">{escape(line)}</text:p>' for line in lines),
            f'<text:p text:style-name="Small"><draw:frame draw:name="QR{index + 1}"'
            ' text:anchor-type="as-char" svg:width="30mm" svg:height="30mm">'
            f"<draw:image><office:binary-data>{qr}</office:binary-data></draw:image>"
            "</draw:frame></text:p>",
            '</table:table-cell><table:table-cell office:value-type="string">',
            *signature,
            "</table:table-cell></table:table-row></table:table>",
        ]))
    return "".join([
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {_NAMESPACES}'
        ' office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">',
        "<office:font-face-decls><style:font-face style:name=\"Liberation Serif\""
        " svg:font-family=\"'Liberation Serif'\" style:font-family-generic=\"roman\"/>"
        "</office:font-face-decls>",
        "<office:styles><style:default-style style:family=\"paragraph\">"
        "<style:text-properties style:font-name=\"Liberation Serif\" fo:font-size=\"12pt\""
        ' fo:language="vi" fo:country="VN"/></style:default-style>',
        styles, "</office:styles>",
        "<office:automatic-styles>",
        # Our border: a double frame 9 mm and 13 mm from the paper's edges.
        '<style:page-layout style:name="Certificate"><style:page-layout-properties'
        ' fo:page-width="297mm" fo:page-height="210mm" style:print-orientation="landscape"'
        ' fo:margin-top="9mm" fo:margin-bottom="9mm" fo:margin-left="9mm"'
        f' fo:margin-right="9mm" fo:border="4pt double {border}"'
        ' style:border-line-width="2.4pt 0.8pt 0.8pt" fo:padding="8mm"/>'
        "</style:page-layout>",
        '<style:style style:name="Bottom" style:family="table"><style:table-properties'
        ' style:width="247mm" table:align="center"/></style:style>',
        '<style:style style:name="Left" style:family="table-column">'
        '<style:table-column-properties style:column-width="130mm"/></style:style>',
        '<style:style style:name="Right" style:family="table-column">'
        '<style:table-column-properties style:column-width="117mm"/></style:style>',
        "</office:automatic-styles>",
        '<office:master-styles><style:master-page style:name="Standard"'
        ' style:page-layout-name="Certificate"/></office:master-styles>',
        "<office:body><office:text>", *body, "</office:text></office:body></office:document>",
    ])


# -- measuring ----------------------------------------------------------------------------------


def _page_count(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _convert(soffice: str, source: Path, out_dir: Path, profile: Path) -> tuple[float, float]:
    """Run one ``soffice --convert-to pdf``; its wall-clock and CPU seconds."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True, timeout=600)
    return time.perf_counter() - start, _children_cpu() - cpu


def _figure(times: list[float], cpu: list[float]) -> str:
    return (f"{statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f},"
            f" {len(times)} runs); CPU {statistics.median(cpu):.2f} s")


def main() -> None:
    """Measure both renderers and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, nargs="?",
                        help="city file (default: the demo city, built first)")
    parser.add_argument("--year", type=int, default=YEAR)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the PDFs and the .fodt in DIR")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        db = work / "bench.sqlite"
        if args.db:
            shutil.copy(args.db, db)
            store = Store(db, actor="bench")
        else:
            from storage.demo import build_demo

            print("building the demo city…", flush=True)
            store = Store(db, actor="bench")
            build_demo(store)
        with store:
            pages = certificate_pages(store, args.year)
            settings = store.certificates.settings(args.year)
        print(f"document: {len(pages)} certificates of {args.year}, one a page (A4 landscape)")

        ours = work / "ours.pdf"
        times, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            render_certificates(pages, settings, ours)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        assert _page_count(ours) == len(pages), "our PDF has the wrong page count"
        print(f"reports.certificate: {_figure(times, cpu)}, {ours.stat().st_size / 1e6:.2f} MB")

        source = work / "certificates.fodt"
        source.write_text(fodt_document(pages, settings), encoding="utf-8")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        theirs = work / "certificates.pdf"
        if soffice is None:
            print("LibreOffice: skipped (no soffice on the PATH; install LibreOffice Writer"
                  " to compare)")
        else:
            version = subprocess.run([soffice, "--version"], capture_output=True, text=True,
                                     timeout=120).stdout.strip()
            profile = work / "lo-profile"
            first, first_cpu = _convert(soffice, source, work, profile)
            runs = [_convert(soffice, source, work, profile) for _ in range(args.runs)]
            later, later_cpu = [wall for wall, _ in runs], [used for _, used in runs]
            count = _page_count(theirs)
            print(f"LibreOffice ({version or 'soffice'}), .fodt {source.stat().st_size / 1e6:.2f}"
                  f" MB -> PDF {theirs.stat().st_size / 1e6:.2f} MB, {count} pages")
            print(f"  first conversion, new profile: {first:.2f} s; CPU {first_cpu:.2f} s")
            print(f"  later conversions: {_figure(later, later_cpu)}")
            print(f"  ratio (later conversions / ours, medians): wall"
                  f" {statistics.median(later) / statistics.median(times):.1f}x, CPU"
                  f" {statistics.median(later_cpu) / statistics.median(cpu):.1f}x")
            assert count == len(pages), "the LibreOffice PDF has the wrong page count"
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for path in (ours, source, theirs):
                if path.exists():
                    shutil.copy(path, args.keep / path.name)


if __name__ == "__main__":
    main()
