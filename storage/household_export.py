"""Exporting a year's households (with that year's statuses) to Excel, in the import's layout.

The file has a title block naming the year and the unit, a header row with the headers the
importer recognises (storage.household_import.LAYOUT) and one row per household, including the
household's id ("Mã hộ"): an official edits the file in Excel and imports it again, and the
import updates the same households instead of adding them twice. Every text is written as
text (storage.xlsx_writer): a name or a note beginning with "=" is no formula, and comes back
from the import exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.ethnicity import ethnic_groups
from storage.household_import import FIELD_LABELS, LAYOUT
from storage.model import HOUSEHOLD_FLAGS
from storage.units import unit_sort_key

if TYPE_CHECKING:
    from storage.store import Store

Progress = Callable[[int, str], None]

# Rows per IN (...) list: well under SQLite's limit on bound parameters.
_BATCH = 500
# Columns as wide as their usual content (characters), by field.
_WIDTHS = {"household_id": 38, "ward": 20, "group": 22, "head_name": 28, "address": 34,
           "phone": 14, "ethnicity": 12, "note": 24}


def export_rows(store: Store, year: int, ward_id: str | None = None) -> list[dict[str, Any]]:
    """The households listed in ``year`` (the city's, or one ward's) as rows of field → value,
    in group order then head-name order. The group is the one of that year's status row."""
    units = {unit.id: unit for unit in store.units.in_year(year)}
    if ward_id is not None:
        group_ids = [group.id for group in store.units.groups_of(ward_id, year)]
    else:
        group_ids = [unit_id for unit_id, unit in units.items() if unit.level == "group"]
    wanted = set(group_ids)
    statuses = {row["household_id"]: row for row in store.query(
        "SELECT * FROM household_years WHERE year = ? AND deleted_at IS NULL", [year])}
    ethnic = {group.code: group.name for group in ethnic_groups()}
    rows = []
    for household in store.query(
        "SELECT id, group_id, head_name, head_gender, head_birth_year, ethnicity_code, address,"
        " phone, member_count, note, head_sort_key FROM households"
        " WHERE deleted_at IS NULL AND (first_year IS NULL OR first_year <= ?)", [year]
    ):
        status = statuses.get(household["id"])
        group_id = status["group_id"] if status is not None else household["group_id"]
        if group_id not in wanted:
            continue
        group = units[group_id]
        ward = units.get(group.parent_id or "")
        row: dict[str, Any] = {
            "household_id": household["id"],
            "ward": ward.name if ward else "",
            "group": group.name,
            "head_name": household["head_name"],
            "head_gender": {"nam": "Nam", "nu": "Nữ"}.get(household["head_gender"] or "", ""),
            "head_birth_year": household["head_birth_year"],
            "ethnicity": ethnic.get(household["ethnicity_code"] or "", ""),
            "address": household["address"],
            "phone": household["phone"],
            "member_count": household["member_count"],
            "poor": _mark(status is not None and status["poverty"] == "poor"),
            "near_poor": _mark(status is not None and status["poverty"] == "near_poor"),
            **{flag: _mark(status is not None and bool(status[flag]))
               for flag in HOUSEHOLD_FLAGS},
            "note": household["note"],
            "_order": (ward.name if ward else "", unit_sort_key(group.name),
                       household["head_sort_key"]),
        }
        rows.append(row)
    rows.sort(key=lambda row: row["_order"])
    for row in rows:
        del row["_order"]
    return rows


def _mark(value: bool) -> str:
    return "x" if value else ""


def export_households(store: Store, year: int, path: str | Path, ward_id: str | None = None,
                      progress: Progress | None = None) -> int:
    """Write the year's households (city, or one ward) to ``path`` (.xlsx); returns how many.

    Written in write-only mode: a city's 100.000 households stream out without the whole
    sheet held in memory.
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from storage.xlsx_writer import new_workbook, text_cell

    if progress is not None:
        progress(5, "")
    scope = store.units.get(ward_id).name if ward_id else store.units.city().name
    rows = export_rows(store, year, ward_id)
    if progress is not None:
        progress(40, "")
    workbook = new_workbook(write_only=True)
    sheet = workbook.create_sheet("Hộ gia đình")
    columns = ["STT", *(FIELD_LABELS[name] for name in LAYOUT)]
    widths = [6, *(_WIDTHS.get(name, 11) for name in LAYOUT)]
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "C5"
    bold = Font(bold=True)
    title = text_cell(sheet, f"DANH SÁCH HỘ GIA ĐÌNH NĂM {year}")
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    sheet.append([scope])
    sheet.append([])
    header = []
    for text in columns:
        cell = text_cell(sheet, text)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        header.append(cell)
    sheet.append(header)
    total = len(rows)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *(row[name] for name in LAYOUT)])
        if progress is not None and number % 5000 == 0:
            progress(40 + int(55 * number / total), "")
    path = Path(path)
    workbook.save(path)
    if progress is not None:
        progress(100, "")
    return total
