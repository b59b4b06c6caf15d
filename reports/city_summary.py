"""The city's yearly summary (báo cáo kết quả xây dựng tổ dân phố, bản tự quản, phát triển
toàn diện): A4 portrait in the Nghị định 30 layout.

Sections follow the seed report: recognition per year with the names by ward (its footnote 6),
achievement against the yearly and plan targets, the wards' figures and household indicators,
the recognised groups that still fail specific criteria (its footnotes 44–49), charts per ward.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Table

from reports import styles
from reports.data import CitySummaryData
from reports.document import (
    Cell,
    Column,
    Percent,
    TableData,
    bar_chart,
    closing_flowables,
    header_flowables,
    names_sentence,
    p,
    pdf_table,
)
from storage.text import format_int, format_percent


def city_tables(data: CitySummaryData) -> list[TableData]:
    """The report's tables (the PDF and the Excel file both show exactly these)."""
    years = TableData(
        caption=f"Bảng 1. Kết quả công nhận giai đoạn {data.years[0].year}–{data.year}",
        sheet="Theo năm",
        # An ordinal column: as a count the year would print with a thousands dot ("2.024").
        columns=(Column("Năm", "ordinal", 14), Column("Số tổ dân phố, bản", "int", 22),
                 Column("Đăng ký", "int", 18), Column("Được công nhận", "int", 22),
                 Column("Công nhận mới", "int", 20), Column("Công nhận duy trì", "int", 20),
                 Column("Chỉ tiêu năm", "int", 18), Column("Tỷ lệ đạt chỉ tiêu", "percent", 20)),
        rows=[(line.year, line.groups, line.registered, line.recognised, line.new,
               line.maintained, line.year_target,
               Percent(line.recognised, line.year_target) if line.year_target else None)
              for line in data.years],
    )
    wards = TableData(
        caption=f"Bảng 2. Kết quả năm {data.year} theo phường, xã",
        sheet="Theo phường, xã",
        # The name column is wide enough for "Phường Quyết Thắng" on one line; the figures'
        # headings wrap instead.
        columns=(Column("Phường, xã", "text", 37), Column("Số tổ dân phố, bản", "int", 18),
                 Column("Đăng ký", "int", 13), Column("Công nhận mới", "int", 16),
                 Column("Công nhận duy trì", "int", 16), Column("Số hộ", "int", 15),
                 Column("Gia đình văn hóa", "int", 17), Column("Tỷ lệ GĐVH", "percent", 16.5),
                 Column("Tỷ lệ hộ nghèo", "percent", 16.5)),
        rows=[(w.name, w.groups, w.registered, w.recognised_new, w.recognised_maintained,
               w.households, w.cultural_families, Percent(w.cultural_families, w.households),
               Percent(w.poor, w.households)) for w in data.wards],
        total=_ward_total(data),
    )
    current = data.current
    recognised = TableData(
        caption=f"Bảng 3. Danh sách tổ dân phố, bản được công nhận năm {data.year}",
        sheet="Danh sách công nhận",
        columns=(Column("STT", "ordinal", 10), Column("Tổ dân phố, bản", "text", 55),
                 Column("Phường, xã", "text", 50)),
        rows=[(index, name, ward) for index, (ward, name) in enumerate(
            ((ward, name) for ward, names in current.names_by_ward for name in names), 1)],
    )
    failing = TableData(
        caption=f"Bảng 4. Tổ dân phố, bản được công nhận năm {data.year} còn tiêu chí chưa đạt",
        sheet="Tiêu chí chưa đạt",
        columns=(Column("Tiêu chí", "text", 14), Column("Nội dung", "text", 60),
                 Column("Số tổ, bản", "int", 16), Column("Tổ dân phố, bản", "text", 80)),
        rows=[(f.code, f.name, f.count, names_sentence(f.groups_by_ward)) for f in data.failing],
    )
    return [years, wards, recognised, failing]


def _ward_total(data: CitySummaryData) -> tuple[Cell, ...]:
    households = sum(w.households for w in data.wards)
    cultural = sum(w.cultural_families for w in data.wards)
    poor = sum(w.poor for w in data.wards)
    return ("Toàn " + data.city_name[:1].lower() + data.city_name[1:],
            sum(w.groups for w in data.wards), sum(w.registered for w in data.wards),
            sum(w.recognised_new for w in data.wards),
            sum(w.recognised_maintained for w in data.wards), households, cultural,
            Percent(cultural, households), Percent(poor, households))


def achievement_sentence(data: CitySummaryData) -> str:
    """ "Năm 2024 có 35 … đạt 109,4% chỉ tiêu năm (32) và 134,6% chỉ tiêu giai đoạn …" """
    current = data.current
    text = (f"Năm {data.year} có {format_int(current.recognised)} tổ dân phố, bản được công nhận"
            f" ({format_int(current.new)} công nhận mới, {format_int(current.maintained)} công"
            " nhận duy trì)")
    targets = []
    if data.year_target:
        targets.append(f"đạt {format_percent(current.recognised, data.year_target)} chỉ tiêu"
                       f" năm {data.year} ({format_int(data.year_target)} tổ dân phố, bản)")
    if data.plan_target:
        period = (f" giai đoạn {data.plan_period[0]}–{data.plan_period[1]}"
                  if data.plan_period else "")
        targets.append(f"đạt {format_percent(current.recognised, data.plan_target)} chỉ tiêu"
                       f"{period} ({format_int(data.plan_target)} tổ dân phố, bản)")
    return text + (", " + " và ".join(targets) if targets else "") + "."


def render_city_summary(data: CitySummaryData, output: str | Path | IO[bytes]) -> None:
    """Write the city summary PDF."""
    doc = styles.report_document(output, f"Báo cáo kết quả năm {data.year}",
                                 data.header.issuing_body)
    tables = city_tables(data)
    story: list[Flowable] = [*header_flowables(data.header)]
    story.append(p("BÁO CÁO", styles.TITLE))
    story.append(p("Kết quả xây dựng tổ dân phố, bản tự quản, phát triển toàn diện"
                   f" năm {data.year}", styles.SUBTITLE))
    story.append(p("I. KẾT QUẢ CÔNG NHẬN", styles.HEADING))
    story.append(p(achievement_sentence(data), styles.BODY))
    households = sum(w.households for w in data.wards)
    cultural = sum(w.cultural_families for w in data.wards)
    story.append(p(f"Toàn {data.city_name[:1].lower()}{data.city_name[1:]} có"
                   f" {format_int(households)} hộ gia đình, trong đó {format_int(cultural)} hộ"
                   f" đạt danh hiệu Gia đình văn hóa ({format_percent(cultural, households)}).",
                   styles.BODY))
    story += pdf_table(tables[0])
    for line in data.years:
        story.append(p(f"Năm {line.year} ({format_int(line.recognised)} tổ dân phố, bản): "
                       f"{names_sentence(line.names_by_ward)}", styles.NOTE))
    story += pdf_table(tables[1])
    story.append(p("II. TỔ DÂN PHỐ, BẢN ĐƯỢC CÔNG NHẬN CÒN TIÊU CHÍ CHƯA ĐẠT", styles.HEADING))
    if not data.failing:
        story.append(p("Các tổ dân phố, bản được công nhận đều đạt tất cả các tiêu chí.",
                       styles.BODY))
    for failing in data.failing:
        story.append(p(f"- Tiêu chí {failing.code} ({failing.name}): còn"
                       f" {format_int(failing.count)} tổ dân phố, bản chưa đạt, gồm"
                       f" {names_sentence(failing.groups_by_ward, sentence_start=False)}",
                       styles.BODY))
    story.append(p("III. BIỂU ĐỒ KẾT QUẢ CÔNG NHẬN THEO PHƯỜNG, XÃ", styles.HEADING))
    charts = _ward_charts(data)
    # The last row of charts goes with the signature, which never stands alone on a page.
    story += charts[:-1]
    story += closing_flowables(data.header, charts[-1:])
    # The full list is an appendix after the signature, as official reports attach lists.
    story.append(PageBreak())
    story.append(p("PHỤ LỤC", styles.TITLE))
    story += pdf_table(tables[2])
    doc.build(story)


def _ward_charts(data: CitySummaryData) -> list[Flowable]:
    """One small chart per ward, two per row."""
    width = styles.TEXT_WIDTH / 2 - 2 * mm
    charts = [bar_chart(ward.history, ward.name, width, 58 * mm) for ward in data.wards]
    rows = [charts[i:i + 2] + [""] * (2 - len(charts[i:i + 2])) for i in range(0, len(charts), 2)]
    if not rows:
        return []
    return [KeepTogether(Table(rows[i:i + 1], colWidths=[width + 2 * mm] * 2,
                               style=styles.CHARTS_TABLE)) for i in range(len(rows))]
