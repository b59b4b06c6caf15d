"""Building blocks shared by the ward and city reports: tables as data, the Nghị định 30
header, the closing (recipients and signature), bar charts, and the names-by-ward sentence.

A table is described once (:class:`TableData`) and rendered to PDF here and to Excel in
``reports.excel``, so both files always hold the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from reports import fonts, styles
from reports.data import Header, YearCount
from storage.text import format_int, format_percent, place_date_line

SHORT_TABLE_ROWS = 15
# A long table starts at the foot of a page only if its header and this many rows fit there.
LONG_TABLE_FIRST_ROWS = 3


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
    """A table column: its heading, kind and width in mm.

    Kinds: 'text'; 'int' (a count: "12.460", right-aligned); 'percent' (a :class:`Percent`);
    'ordinal' (a number shown as it is and centred: a year or a row number, "2024" and not
    "2.024", yet a number in a spreadsheet).
    """

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


def cell_text(value: Cell, kind: str = "int") -> str:
    """A cell as printed: "12.460", "96,3%", "–" for nothing; ``kind`` is its column's."""
    if value is None:
        return "–"
    if isinstance(value, Percent):
        return format_percent(value.part, value.whole)
    if isinstance(value, int):
        return str(value) if kind == "ordinal" else format_int(value)
    return value


_CELL_STYLES = {"text": styles.CELL, "ordinal": styles.CELL_CENTER}


def p(text: str, style: object) -> Paragraph:
    """A paragraph of plain (user) text: escaped, so "<", "&" print as themselves."""
    return Paragraph(escape(text), style)


def pdf_table(table: TableData, heading: Flowable | None = None) -> list[Flowable]:
    """The caption and the table as flowables (header row repeated on every page).

    ``heading``: the section heading just above, which must not end a page on its own.
    """
    header = [p(column.title, styles.CELL_HEADER) for column in table.columns]
    body = []
    for row in table.rows:
        body.append([
            p(cell_text(value, column.kind), _CELL_STYLES.get(column.kind, styles.CELL_RIGHT))
            for column, value in zip(table.columns, row, strict=True)
        ])
    if table.total is not None:
        body.append([
            Paragraph(f"<b>{escape(cell_text(value, column.kind))}</b>",
                      _CELL_STYLES.get(column.kind, styles.CELL_RIGHT))
            for column, value in zip(table.columns, table.total, strict=True)
        ])
    widths = _fit([column.width_mm * mm for column in table.columns])
    flow = Table([header, *body], colWidths=widths, repeatRows=1, style=styles.DATA_TABLE)
    notes = [p(note, styles.NOTE) for note in table.notes]
    top: list[Flowable] = [heading] if heading is not None else []
    if len(table.rows) <= SHORT_TABLE_ROWS:
        # A short table stays on one page with its heading and caption.
        out: list[Flowable] = [KeepTogether([*top, p(table.caption, styles.CAPTION), flow,
                                             *notes])]
    else:
        # A long table flows over the pages, header row repeated. It starts here when the page
        # has room for the heading, the caption, the header row and the first rows, else on
        # the next page (CondPageBreak with exactly that height). Not through keepWithNext:
        # that ties the heading and caption to the whole table, which then always starts a
        # new page and leaves the heading (or the appendix's title) alone on the previous one.
        for flowable in top:
            flowable.__dict__["keepWithNext"] = 0
        caption = Paragraph(escape(table.caption), styles.CAPTION_FLOWING)
        flow.wrap(styles.TEXT_WIDTH, styles.PORTRAIT[1])
        rows = flow._rowHeights[:1 + LONG_TABLE_FIRST_ROWS]  # known once wrapped
        needed = sum(_height(flowable) for flowable in (*top, caption)) + sum(rows) + 2 * mm
        out = [CondPageBreak(needed), *top, caption, flow, *notes]
    out.append(Spacer(1, 4 * mm))
    return out


def _height(flowable: Flowable) -> float:
    """The height a flowable takes in the text column, its space before and after included."""
    _width, height = flowable.wrap(styles.TEXT_WIDTH, styles.PORTRAIT[1])
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


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
                           spaceBefore=3, spaceAfter=4, hAlign="CENTER"))
    # The number is left blank for the office's clerk to write in when the report is signed.
    left.append(Paragraph(f"Số: {number_prefix or '&nbsp;' * 8}/{escape(header.number_suffix)}",
                          styles.HEADER_NUMBER))
    motto_width = stringWidth(styles.MOTTO, fonts.BOLD, styles.HEADER_MOTTO.fontSize)
    right: list[Flowable] = [
        p(styles.NATIONAL_NAME, styles.HEADER_NATIONAL),
        p(styles.MOTTO, styles.HEADER_MOTTO),
        HRFlowable(width=motto_width, thickness=0.6, color="black", spaceBefore=3,
                   spaceAfter=2, hAlign="CENTER"),
        p(place_date_line(header.place, header.date), styles.PLACE_DATE),
    ]
    return [Table([[left, right]], colWidths=[styles.HEADER_LEFT_WIDTH,
                                              styles.HEADER_RIGHT_WIDTH],
                  style=styles.HEADER_TABLE)]


def closing_flowables(header: Header, keep_with: Sequence[Flowable] = ()) -> list[Flowable]:
    """ "Nơi nhận:" on the left, the signature block on the right.

    ``keep_with``: the end of the body (a last paragraph, a chart) kept on the same page, so
    the signature never stands alone on a page of its own.
    """
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
    return [KeepTogether([*keep_with, Spacer(1, 6 * mm), table])]


def names_sentence(names_by_ward: list[tuple[str, list[str]]],
                   sentence_start: bool = True) -> str:
    """ "Tổ dân phố số 5, số 16 (phường Tân Phong); bản Sùng Chồ (xã Sùng Phài)."

    With ``sentence_start`` False the list continues a sentence ("… gồm bản Gia Khâu 1"), so
    even its first "Bản" is written in lower case.
    """
    parts: list[str] = []
    for ward, names in names_by_ward:
        items: list[str] = []
        previous_tdp = False
        for name in names:
            is_tdp = name.startswith("Tổ dân phố số ")
            if is_tdp and previous_tdp:
                items.append(name[len("Tổ dân phố "):])  # "số 16" after "Tổ dân phố số 5"
            elif parts or items or not sentence_start:
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
    drawing.hAlign = "CENTER"
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
    # Black figures are unreadable on the dark bars of new recognitions.
    chart.barLabels[0].fillColor = colors.white
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
