"""Everything that decides how a document looks: page geometry, paragraph and table styles,
and the named page templates. The report modules only choose among these.

Geometry and type sizes follow Nghị định 30/2020/NĐ-CP (administrative documents): A4, top and
bottom margins 20–25 mm, left 30–35 mm, right 15–20 mm, Times New Roman 13–14 pt body, page
numbers top centre from page 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, TableStyle

from reports import fonts

fonts.register_fonts()

# -- page geometry ----------------------------------------------------------------------------

PORTRAIT = portrait(A4)
LANDSCAPE = landscape(A4)
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
# Text width of a portrait page: the two header columns and the tables share it.
TEXT_WIDTH = PORTRAIT[0] - MARGIN_LEFT - MARGIN_RIGHT
HEADER_LEFT_WIDTH = 62 * mm
HEADER_RIGHT_WIDTH = TEXT_WIDTH - HEADER_LEFT_WIDTH
# The certificate has its own frame: a decorated border all round, so equal side margins.
CERTIFICATE_MARGIN = 12 * mm
PAGE_NUMBER_Y = PORTRAIT[1] - 12 * mm

# -- type ---------------------------------------------------------------------------------------

BODY_SIZE = 13
TABLE_SIZE = 11
BLACK = colors.black

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _style(name: str, size: float, *, font: str = fonts.REGULAR, align: int = TA_LEFT,
           leading: float | None = None, **extra: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.25,
                          alignment=align, textColor=BLACK, **extra)


HEADER_BODY = _style("header-body", 12.5, font=fonts.BOLD, align=TA_CENTER)
HEADER_PARENT = _style("header-parent", 12.5, align=TA_CENTER)
HEADER_NUMBER = _style("header-number", 13, align=TA_CENTER, spaceBefore=2)
HEADER_NATIONAL = _style("header-national", 12, font=fonts.BOLD, align=TA_CENTER)
HEADER_MOTTO = _style("header-motto", 13, font=fonts.BOLD, align=TA_CENTER)
PLACE_DATE = _style("place-date", 13, font=fonts.ITALIC, align=TA_CENTER, spaceBefore=4)
TITLE = _style("title", 14, font=fonts.BOLD, align=TA_CENTER, spaceBefore=14)
SUBTITLE = _style("subtitle", 14, font=fonts.BOLD, align=TA_CENTER, spaceAfter=12)
HEADING = _style("heading", BODY_SIZE, font=fonts.BOLD, align=TA_JUSTIFY, spaceBefore=8,
                 spaceAfter=4, firstLineIndent=10 * mm, keepWithNext=1)
BODY = _style("body", BODY_SIZE, align=TA_JUSTIFY, spaceAfter=6, firstLineIndent=10 * mm,
              leading=BODY_SIZE * 1.3)
NOTE = _style("note", TABLE_SIZE, font=fonts.ITALIC, align=TA_JUSTIFY, spaceAfter=4,
              leading=TABLE_SIZE * 1.25)
# Headings and captions never end a page: they travel with what follows them.
CAPTION = _style("caption", 12, font=fonts.BOLD, align=TA_CENTER, spaceBefore=6, spaceAfter=4,
                 keepWithNext=1)
# The caption of a table long enough to flow over pages (reports.document.pdf_table).
CAPTION_FLOWING = _style("caption-flowing", 12, font=fonts.BOLD, align=TA_CENTER,
                         spaceBefore=6, spaceAfter=4)
CELL = _style("cell", TABLE_SIZE, leading=TABLE_SIZE * 1.2)
CELL_CENTER = _style("cell-center", TABLE_SIZE, align=TA_CENTER, leading=TABLE_SIZE * 1.2)
CELL_RIGHT = _style("cell-right", TABLE_SIZE, align=2, leading=TABLE_SIZE * 1.2)
CELL_HEADER = _style("cell-header", TABLE_SIZE, font=fonts.BOLD, align=TA_CENTER,
                     leading=TABLE_SIZE * 1.2)
RECIPIENTS_TITLE = _style("recipients-title", 12, font=fonts.BOLD_ITALIC)
RECIPIENT = _style("recipient", 11, leading=13)
SIGNER_CAPACITY = _style("signer-capacity", 13, font=fonts.BOLD, align=TA_CENTER)
SIGNER_NAME = _style("signer-name", 13, font=fonts.BOLD, align=TA_CENTER, spaceBefore=60)

# Certificate styles: larger type, the authority and the title in the accent colour (set per
# certificate from the issuer settings, so these carry black as a neutral default).
CERT_NATIONAL = _style("cert-national", 14, font=fonts.BOLD, align=TA_CENTER)
CERT_MOTTO = _style("cert-motto", 14, font=fonts.BOLD, align=TA_CENTER)
CERT_AUTHORITY = _style("cert-authority", 16, font=fonts.BOLD, align=TA_CENTER)
CERT_TITLE = _style("cert-title", 34, font=fonts.BOLD, align=TA_CENTER, leading=40)
CERT_LEAD = _style("cert-lead", 15, font=fonts.ITALIC, align=TA_CENTER)
CERT_RECIPIENT = _style("cert-recipient", 22, font=fonts.BOLD, align=TA_CENTER, leading=27)
CERT_ACHIEVEMENT = _style("cert-achievement", 16, align=TA_CENTER, leading=21)
CERT_SMALL = _style("cert-small", 12, leading=15)
CERT_PLACE_DATE = _style("cert-place-date", 13, font=fonts.ITALIC, align=TA_CENTER)
CERT_SIGNER = _style("cert-signer", 13, font=fonts.BOLD, align=TA_CENTER, leading=16)

# -- tables -------------------------------------------------------------------------------------

_LAYOUT_TABLE = [
    # The table sets this font before each cell, even a Paragraph cell: never Helvetica.
    ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_SIZE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]
# The short rules under the issuing body and the motto are narrower than their column: a
# table places such a flowable by the cell's ALIGN (it ignores the rule's own hAlign), so the
# header centres its cells; otherwise both rules start at the column's left edge.
HEADER_TABLE = TableStyle([*_LAYOUT_TABLE, ("ALIGN", (0, 0), (-1, -1), "CENTER")])
DATA_TABLE = TableStyle([
    # The table sets this font before each cell, even a Paragraph cell: never Helvetica.
    ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_SIZE),
    ("GRID", (0, 0), (-1, -1), 0.5, BLACK),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
])
SIGNATURE_TABLE = TableStyle(_LAYOUT_TABLE)
CHARTS_TABLE = TableStyle([
    # The table sets this font before each cell, even a Paragraph cell: never Helvetica.
    ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_SIZE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
])
# Chart colours: new recognitions dark, maintained ones lighter, readable in grey print too.
CHART_NEW = colors.HexColor("#1F4E79")
CHART_MAINTAINED = colors.HexColor("#9DC3E6")

# -- page templates -----------------------------------------------------------------------------


def _no_decoration(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """First page of a report: Nghị định 30 prints no number on it."""


def _page_number(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """Later pages: the page number top centre (of the text area)."""
    canvas.saveState()
    canvas.setFont(fonts.REGULAR, BODY_SIZE)
    canvas.drawCentredString(MARGIN_LEFT + TEXT_WIDTH / 2, PAGE_NUMBER_Y, str(doc.page))
    canvas.restoreState()


def report_document(
    output: str | Path | IO[bytes], title: str, author: str = ""
) -> BaseDocTemplate:
    """A portrait A4 document with the page templates 'report-first' and 'report-later'."""
    doc = BaseDocTemplate(
        output if not isinstance(output, Path) else str(output),
        pagesize=PORTRAIT, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title, author=author,
        creator="Tự Quản",
        # Otherwise every page declares ReportLab's Helvetica (Type 1, no Vietnamese).
        initialFontName=fonts.REGULAR, initialFontSize=BODY_SIZE,
    )
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, TEXT_WIDTH,
                  PORTRAIT[1] - MARGIN_TOP - MARGIN_BOTTOM, id="text",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate("report-first", [frame], onPage=_no_decoration,
                     autoNextPageTemplate="report-later"),
        PageTemplate("report-later", [frame], onPage=_page_number),
    ])
    return doc


def certificate_canvas(output: str | Path | IO[bytes], title: str) -> Canvas:
    """The 'certificate' page template: a landscape A4 canvas, one certificate per page."""
    canvas = Canvas(output if not isinstance(output, Path) else str(output),
                    pagesize=LANDSCAPE, pageCompression=1, initialFontName=fonts.REGULAR,
                    initialFontSize=BODY_SIZE)
    canvas.setTitle(title)
    canvas.setCreator("Tự Quản")
    return canvas


PageDecorator = Callable[[Canvas, BaseDocTemplate], None]
