"""Building blocks shared by the ward and city reports: tables as data, the Nghị định 30
header, the closing (recipients and signature), bar charts, and the names-by-ward sentence.

A table is described once (:class:`TableData`) and rendered to PDF here and to Excel in
``reports.excel``, so both files always hold the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, Spacer, Table

from reports import fonts, styles
from reports.data import Header, YearCount
from storage.text import format_int, format_percent, place_date_line

SHORT_TABLE_ROWS = 15


@dataclass(frozen=True)
class Percent:
    """A share kept as its two counts, so it is rounded exactly once, where it is shown."""

    part: int
    whole: int

    @property
    def fraction(self) -> float | None:
        """part / whole (None when whole is 0): what a spreadsheet stores."""
        return self.part / self.whole if self.whole else None


Cell = str | int | Percent | None


@dataclass(frozen=True)
class Column:
    """A table column: its heading, kind ('text', 'int' or 'percent') and width in mm."""

    title: str
    kind: str = "text"
    width_mm: float = 20


@dataclass(frozen=True)
class TableData:
    """A table of a report: caption, columns, rows and an optional total row."""

    caption: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]
    total: tuple[Cell, ...] | None = None
    sheet: str = ""  # the worksheet name in the Excel file (≤ 31 characters)
    notes: list[str] = field(default_factory=list)


def cell_text(value: Cell) -> str:
    """A cell as printed: "12.460", "96,3%", "–" for nothing."""
    if value is None:
        return "–"
    if isinstance(value, Percent):
        return format_percent(value.part, value.whole)
    if isinstance(value, int):
        return format_int(value)
    return value


def p(text: str, style: object) -> Paragraph:
    """A paragraph of plain (user) text: escaped, so "<", "&" print as themselves."""
    return Paragraph(escape(text), style)


def pdf_table(table: TableData) -> list[Flowable]:
    """The caption and the table as flowables (header row repeated on every page)."""
    header = [p(column.title, styles.CELL_HEADER) for column in table.columns]
    body = []
    for row in table.rows:
        body.append([
            p(cell_text(value), styles.CELL if column.kind == "text" else styles.CELL_RIGHT)
            for column, value in zip(table.columns, row, strict=True)
        ])
    if table.total is not None:
        body.append([
            Paragraph(f"<b>{escape(cell_text(value))}</b>",
                      styles.CELL if column.kind == "text" else styles.CELL_RIGHT)
            for column, value in zip(table.columns, table.total, strict=True)
        ])
    widths = _fit([column.width_mm * mm for column in table.columns])
    flow = Table([header, *body], colWidths=widths, repeatRows=1, style=styles.DATA_TABLE)
    out: list[Flowable] = [p(table.caption, styles.CAPTION), flow]
    out += [p(note, styles.NOTE) for note in table.notes]
    # A short table stays on one page with its caption; a long one flows, header repeated.
    if len(table.rows) <= SHORT_TABLE_ROWS:
        out = [KeepTogether(out)]
    out.append(Spacer(1, 4 * mm))
    return out


def _fit(widths: list[float]) -> list[float]:
    """Scale column widths so the table fills the text width exactly."""
    scale = styles.TEXT_WIDTH / sum(widths)
    return [width * scale for width in widths]


def header_flowables(header: Header, number_prefix: str = "") -> list[Flowable]:
    """The two-column header of Nghị định 30 (issuing body and number | national name, motto,
    place and date)."""
    left: list[Flowable] = []
    if header.parent_body:
        left.append(p(header.parent_body, styles.HEADER_PARENT))
    left.append(Paragraph("<br/>".join(escape(line) for line in header.issuing_body.split("\n")),
                          styles.HEADER_BODY))
    body_width = max(stringWidth(line, fonts.BOLD, styles.HEADER_BODY.fontSize)
                     for line in header.issuing_body.split("\n"))
    # The short rule under the issuing body: about a third of its name, centred.
    left.append(HRFlowable(width=max(body_width / 3, 20 * mm), thickness=0.6, color="black",
                           spaceBefore=1, spaceAfter=4, hAlign="CENTER"))
    # The number is left blank for the office's clerk to write in when the report is signed.
    left.append(Paragraph(f"Số: {number_prefix or '&nbsp;' * 8}/{escape(header.number_suffix)}",
                          styles.HEADER_NUMBER))
    motto_width = stringWidth(styles.MOTTO, fonts.BOLD, styles.HEADER_MOTTO.fontSize)
    right: list[Flowable] = [
        p(styles.NATIONAL_NAME, styles.HEADER_NATIONAL),
        p(styles.MOTTO, styles.HEADER_MOTTO),
        HRFlowable(width=motto_width, thickness=0.6, color="black", spaceBefore=1,
                   spaceAfter=2, hAlign="CENTER"),
        p(place_date_line(header.place, header.date), styles.PLACE_DATE),
    ]
    return [Table([[left, right]], colWidths=[styles.HEADER_LEFT_WIDTH,
                                              styles.HEADER_RIGHT_WIDTH],
                  style=styles.HEADER_TABLE)]


def closing_flowables(header: Header) -> list[Flowable]:
    """ "Nơi nhận:" on the left, the signature block on the right."""
    recipients: list[Flowable] = [p("Nơi nhận:", styles.RECIPIENTS_TITLE)]
    recipients += [p(f"- {name};", styles.RECIPIENT) for name in header.recipients]
    recipients.append(p(f"- Lưu: {header.archive}.", styles.RECIPIENT))
    signature: list[Flowable] = [
        p(line.upper(), styles.SIGNER_CAPACITY)
        for line in (header.signer_capacity, header.signer_title) if line
    ]
    # The space above the name is for the signature and the seal.
    signature.append(p(header.signer_name or " ", styles.SIGNER_NAME))
    table = Table([[recipients, signature]],
                  colWidths=[styles.TEXT_WIDTH * 0.45, styles.TEXT_WIDTH * 0.55],
                  style=styles.SIGNATURE_TABLE)
    return [Spacer(1, 6 * mm), table]


def names_sentence(names_by_ward: list[tuple[str, list[str]]]) -> str:
    """ "Tổ dân phố số 5, số 16 (phường Tân Phong); bản Sùng Chồ (xã Sùng Phài)." """
    parts = []
    for ward, names in names_by_ward:
        items: list[str] = []
        previous_tdp = False
        for name in names:
            is_tdp = name.startswith("Tổ dân phố số ")
            if is_tdp and previous_tdp:
                items.append(name[len("Tổ dân phố "):])  # "số 16" after "Tổ dân phố số 5"
            elif parts or items:
                items.append(name[:1].lower() + name[1:] if name.startswith("Bản ") else name)
            else:
                items.append(name)
            previous_tdp = is_tdp
        parts.append(f"{', '.join(items)} ({ward[:1].lower()}{ward[1:]})")
    return "; ".join(parts) + "." if parts else ""


def bar_chart(history: list[YearCount], title: str, width: float = 150 * mm,
              height: float = 65 * mm) -> Drawing:
    """A stacked bar chart of recognised groups per year: new at the bottom, maintained above."""
    drawing = Drawing(width, height)
    drawing.add(String(width / 2, height - 11, title, fontName=fonts.BOLD, fontSize=10,
                       textAnchor="middle"))
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 14 * mm
    chart.width, chart.height = width - 16 * mm, height - 14 * mm - 16
    chart.data = [[c.new for c in history], [c.maintained for c in history]]
    chart.categoryAxis.categoryNames = [str(c.year) for c in history]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 9
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 9
    chart.valueAxis.valueMin = 0
    top = max((c.total for c in history), default=0)
    chart.valueAxis.valueMax = max(top + 1, 4)
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    chart.bars[0].fillColor = styles.CHART_NEW
    chart.bars[1].fillColor = styles.CHART_MAINTAINED
    chart.bars.strokeWidth = 0.3
    chart.barLabelFormat = lambda value: str(int(value)) if value else ""
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = 8
    chart.barLabels.boxTarget = "mid"
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 12 * mm, 5 * mm
    legend.dx = legend.dy = 7
    legend.fontName = fonts.REGULAR
    legend.fontSize = 9
    legend.columnMaximum = 1
    legend.deltax = 35 * mm
    legend.alignment = "right"
    legend.colorNamePairs = [(styles.CHART_NEW, "Công nhận mới"),
                             (styles.CHART_MAINTAINED, "Công nhận duy trì")]
    drawing.add(legend)
    return drawing
