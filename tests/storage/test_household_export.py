"""Exporting households to Excel in the import's layout: export → edit → import round-trips."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from storage import household_import as hi
from storage.ethnicity import ethnic_name
from storage.household_export import export_households, export_rows
from storage.model import HOUSEHOLD_FLAGS
from storage.store import Store

YEAR = 2024


@pytest.fixture
def demo(tmp_path: Path, demo_path: Path) -> Iterator[Store]:
    copy = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, copy)
    with Store(copy, actor="test") as opened:
        yield opened


def sheet_rows(path: Path) -> list[list[object]]:
    sheet = openpyxl.load_workbook(path, read_only=True).active
    return [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]


def test_the_file_has_the_import_layout_and_the_year_statuses(tmp_path: Path,
                                                             demo_store: Store) -> None:
    ward = demo_store.units.find("dong phong", YEAR, "ward")
    path = tmp_path / "dong_phong.xlsx"
    count = export_households(demo_store, YEAR, path, ward.id)
    assert count == demo_store.households.count(YEAR, ward.id) > 0
    rows = sheet_rows(path)
    assert rows[0][0] == f"DANH SÁCH HỘ GIA ĐÌNH NĂM {YEAR}" and rows[1][0] == ward.name
    header = rows[3]
    assert header[0] == "STT"
    assert list(header[1:]) == [hi.FIELD_LABELS[name] for name in hi.LAYOUT]
    assert [hi.guess_field(str(text)) for text in header[1:]] == list(hi.LAYOUT)
    body = rows[4:]
    assert len(body) == count and [row[0] for row in body[:3]] == [1, 2, 3]
    column = {name: index + 1 for index, name in enumerate(hi.LAYOUT)}
    # One household, cell by cell, against the database.
    row = body[len(body) // 2]
    household = demo_store.households.get(str(row[column["household_id"]]))
    status = demo_store.households.year_status(household.id, YEAR)
    assert status is not None
    group = demo_store.units.get(status.group_id)
    assert row[column["group"]] == group.name and row[column["ward"]] == ward.name
    assert row[column["head_name"]] == household.head_name
    assert row[column["head_birth_year"]] == household.head_birth_year
    assert row[column["ethnicity"]] == (ethnic_name(household.ethnicity_code) or None)
    assert (row[column["phone"]] or "") == household.phone
    assert row[column["member_count"]] == household.member_count
    for flag in HOUSEHOLD_FLAGS:
        assert (row[column[flag]] == "x") == getattr(status, flag), flag
    assert (row[column["poor"]] == "x") == (status.poverty == "poor")
    # Every household of the ward once, in group order.
    ids = [str(r[column["household_id"]]) for r in body]
    assert len(set(ids)) == count
    assert ids == [r["household_id"] for r in export_rows(demo_store, YEAR, ward.id)]


def test_export_edit_import_updates_the_same_households(tmp_path: Path, demo: Store) -> None:
    ward = demo.units.find("quyet tien", YEAR, "ward")
    path = tmp_path / "quyet_tien.xlsx"
    count = export_households(demo, YEAR, path, ward.id)
    before = demo.db.execute(
        "SELECT COUNT(*) FROM households WHERE deleted_at IS NULL").fetchone()[0]
    # Imported unchanged: nothing to do.
    untouched = hi.read_file(path)
    assert untouched.title_year == YEAR
    preview = hi.check(demo, untouched, hi.guess_mapping(untouched, demo, YEAR), YEAR)
    assert (preview.counts.unchanged, preview.counts.add, preview.counts.update,
            preview.counts.rejected) == (count, 0, 0, 0)
    # The official edits two rows in Excel and adds one household at the end.
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    column = {name: index + 2 for index, name in enumerate(hi.LAYOUT)}
    first_id = sheet.cell(5, column["household_id"]).value
    second_id = sheet.cell(6, column["household_id"]).value
    sheet.cell(5, column["head_birth_year"]).value = 1961
    sheet.cell(5, column["cultural_family"]).value = None
    sheet.cell(6, column["near_poor"]).value = "x"
    sheet.cell(6, column["poor"]).value = None
    new_row = sheet.max_row + 1
    sheet.cell(new_row, column["ward"]).value = ward.name
    sheet.cell(new_row, column["group"]).value = sheet.cell(5, column["group"]).value
    sheet.cell(new_row, column["head_name"]).value = "Hoàng Văn Xuất Nhập"
    sheet.cell(new_row, column["cultural_family"]).value = "x"
    workbook.save(path)
    edited = hi.read_file(path)
    preview = hi.check(demo, edited, hi.guess_mapping(edited, demo, YEAR), YEAR)
    assert (preview.counts.unchanged, preview.counts.update, preview.counts.add) == (
        count - 2, 2, 1)
    hi.apply(demo, preview)
    after = demo.db.execute(
        "SELECT COUNT(*) FROM households WHERE deleted_at IS NULL").fetchone()[0]
    assert after == before + 1
    first = demo.households.get(str(first_id))
    assert first.head_birth_year == 1961
    first_status = demo.households.year_status(first.id, YEAR)
    assert first_status is not None and not first_status.cultural_family
    second_status = demo.households.year_status(str(second_id), YEAR)
    assert second_status is not None and second_status.poverty == "near_poor"
    # Exported again, the file shows the edits.
    again = export_rows(demo, YEAR, ward.id)
    assert len(again) == count + 1
    assert next(r for r in again if r["household_id"] == first_id)["head_birth_year"] == 1961
