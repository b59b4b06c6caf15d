"""The ward's yearly summary: each group's cycle and result, its household indicators, and a
chart of the ward's recognised groups per year. A4 portrait in the Nghị định 30 layout."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from reportlab.platypus import Flowable

from reports import styles
from reports.data import WardSummaryData
from reports.document import (
    Column,
    Percent,
    TableData,
    bar_chart,
    closing_flowables,
    header_flowables,
    p,
    pdf_table,
)
from storage.text import format_int


def ward_tables(data: WardSummaryData) -> list[TableData]:
    """The report's tables (the PDF and the Excel file both show exactly these)."""
    results = TableData(
        caption=f"Bảng 1. Kết quả đánh giá, công nhận năm {data.year}",
        sheet="Kết quả",
        columns=(Column("STT", "ordinal", 10), Column("Tổ dân phố, bản", "text", 36),
                 Column("Giai đoạn", "text", 30), Column("Tiêu chí đạt", "text", 14),
                 Column("Kết quả", "text", 33), Column("Tiêu chí chưa đạt", "text", 40)),
        rows=[(index, g.name, g.stage, f"{g.passed}/{g.total}" if g.total else None, g.result,
               ", ".join(g.failed) or None) for index, g in enumerate(data.groups, 1)],
        notes=["Tiêu chí chưa đạt: tiêu chí bắt buộc ghi thường, tiêu chí khác ghi trong"
               " ngoặc đơn."],
    )
    total = [sum(getattr(g, name) for g in data.groups)
             for name in ("households", "cultural_families", "poor", "near_poor", "antt")]
    indicators = TableData(
        caption=f"Bảng 2. Chỉ số hộ gia đình năm {data.year}",
        sheet="Chỉ số hộ",
        columns=(Column("STT", "ordinal", 10), Column("Tổ dân phố, bản", "text", 40),
                 Column("Số hộ", "int", 18), Column("Gia đình văn hóa", "percent", 24),
                 Column("Hộ nghèo", "percent", 20), Column("Hộ cận nghèo", "percent", 20),
                 Column("Ký cam kết ANTT", "percent", 24)),
        rows=[(index, g.name, g.households, Percent(g.cultural_families, g.households),
               Percent(g.poor, g.households), Percent(g.near_poor, g.households),
               Percent(g.antt, g.households)) for index, g in enumerate(data.groups, 1)],
        total=("", "Cộng", total[0], Percent(total[1], total[0]), Percent(total[2], total[0]),
               Percent(total[3], total[0]), Percent(total[4], total[0])),
    )
    return [results, indicators]


def render_ward_summary(data: WardSummaryData, output: str | Path | IO[bytes]) -> None:
    """Write the ward summary PDF."""
    doc = styles.report_document(output, f"Báo cáo kết quả năm {data.year} - {data.ward_name}",
                                 data.header.issuing_body.replace("\n", " "))
    results, indicators = ward_tables(data)
    recognised = [g for g in data.groups if g.result.startswith("Công nhận")]
    new = sum(g.result == "Công nhận mới" for g in data.groups)
    story: list[Flowable] = [*header_flowables(data.header)]
    story.append(p("BÁO CÁO", styles.TITLE))
    story.append(p("Kết quả xây dựng tổ dân phố, bản tự quản, phát triển toàn diện"
                   f" năm {data.year}", styles.SUBTITLE))
    ward = data.ward_name[:1].lower() + data.ward_name[1:]
    story.append(p(f"Năm {data.year}, {ward} có {format_int(len(data.groups))} tổ dân phố,"
                   f" bản; {format_int(len(recognised))} tổ dân phố, bản được công nhận"
                   f" ({format_int(new)} công nhận mới, {format_int(len(recognised) - new)}"
                   " công nhận duy trì).", styles.BODY))
    story += pdf_table(results, p("I. KẾT QUẢ ĐÁNH GIÁ, CÔNG NHẬN", styles.HEADING))
    story += pdf_table(indicators, p("II. CHỈ SỐ HỘ GIA ĐÌNH", styles.HEADING))
    # The heading stays with its chart (never alone at the foot of a page), and the chart with
    # the signature (never alone on a page of its own).
    story += closing_flowables(data.header, [
        p("III. KẾT QUẢ CÔNG NHẬN QUA CÁC NĂM", styles.HEADING),
        bar_chart(data.history, f"Số tổ dân phố, bản được công nhận - {data.ward_name}"),
    ])
    doc.build(story)
