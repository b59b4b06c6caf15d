"""The evaluation sheet of one group: reading a decided year, and a whole 2025 cycle."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.dialogs.evaluation_sheet import STAGE_COLUMNS, EvaluationSheet, moment_text
from gui.i18n import extract
from storage.errors import ValidationError
from storage.evaluation import STAGE_LABELS
from storage.store import Store


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question the test did not expect answers "yes" instead of waiting for a click
    (tests replace the dialog's own ask methods where they mean to answer)."""
    monkeypatch.setattr("gui.dialogs.evaluation_sheet.ask", lambda *args, **kwargs: True)
    monkeypatch.setattr("gui.messages.ask", lambda *args, **kwargs: True)


@pytest.fixture
def writable_store(demo_path: Path, tmp_path: Path) -> Iterator[Store]:
    """A copy of the demo city that the test may change."""
    copy = tmp_path / "x.sqlite"
    shutil.copy(demo_path, copy)
    with Store(copy, actor="test") as opened:
        yield opened


def _group_id(store: Store, ward: str, group: str, year: int = 2024) -> str:
    ward_unit = store.units.find(ward, year, "ward")
    return next(g.id for g in store.units.groups_of(ward_unit.id, year) if g.name == group)


def _criterion_ids(store: Store, year: int) -> dict[str, str]:
    return {c.code: c.id for c in store.frameworks.for_year(year).criteria}


def _open(qtbot: QtBot, store: Store, group_id: str, year: int) -> EvaluationSheet:
    sheet = EvaluationSheet(store, group_id, year)
    qtbot.addWidget(sheet)
    sheet.show()
    return sheet


def _prepare_2025(store: Store, group_id: str) -> None:
    """Give the group its 2025 records: 2024's household statuses and group facts."""
    rows = store.query(
        "SELECT household_id FROM household_years WHERE year = 2024 AND group_id = ?"
        " AND deleted_at IS NULL", [group_id])
    assert rows
    for row in rows:
        status = store.households.copy_statuses_from(row["household_id"], 2025)
        assert status is not None
        store.households.set_year_status(status)
    store.groups.save_year(dataclasses.replace(store.groups.year(group_id, 2024), year=2025))


def test_a_decided_group_shows_every_criterion_read_only(
    qtbot: QtBot, demo_store: Store
) -> None:
    group_id = _group_id(demo_store, "Tân Phong", "Tổ dân phố số 10")
    sheet = _open(qtbot, demo_store, group_id, 2024)
    assert "Tổ dân phố số 10" in sheet.title.text() and "2024" in sheet.title.text()
    assert sheet.tree.topLevelItemCount() == 6
    children = [sheet.tree.topLevelItem(i).childCount() for i in range(6)]
    assert sum(children) == 17
    assert sheet.registration_label.text() == "Đã đăng ký phấn đấu năm 2024"
    assert not sheet.register_button.isVisibleTo(sheet)

    ids = _criterion_ids(demo_store, 2024)
    framework = demo_store.frameworks.for_year(2024)
    computed = demo_store.frameworks.compute(framework.criteria, 2024, [group_id])[group_id]
    item = sheet.criterion_items[ids["4.1"]]
    assert item.text(2) == computed[ids["4.1"]].evidence
    assert item.text(2).endswith("≥ 90%")
    assert item.text(0).startswith("4.1 ") and item.text(0).endswith("(bắt buộc)")
    assert item.font(0).bold()
    assert not sheet.criterion_items[ids["2.2"]].font(0).bold()

    # Decided: every stage locked, nothing to tick, nothing to reopen.
    assert sheet.current_stage() is None and sheet.editable_column() is None
    for criterion_id, row in sheet.criterion_items.items():
        assert not sheet.is_editable(criterion_id)
        for column in STAGE_COLUMNS.values():
            assert row.data(column, Qt.ItemDataRole.CheckStateRole) is None
    for button in (sheet.save_button, sheet.approve_button, sheet.reopen_button,
                   sheet.recompute_button):
        assert not button.isEnabled()
    assert sheet.stage_label.text() == "Đã có quyết định"
    for stage in ("self", "ward", "city"):
        assert sheet.stage_status[stage].text().startswith("Đã duyệt bởi demo lúc ")
    assert sheet.history.count() == 3
    assert sheet.stage_text(ids["6.3"], "city") == "Không đạt"
    assert sheet.stage_text(ids["4.1"], "self") == "Đạt"
    assert sheet.result_label.text().startswith("Đạt các tiêu chí bắt buộc")
    assert "6.3" in sheet.result_label.text()  # an optional criterion the group missed


def test_a_whole_2025_cycle(
    qtbot: QtBot, writable_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = writable_store
    group_id = _group_id(store, "Tân Phong", "Tổ dân phố số 10")
    _prepare_2025(store, group_id)
    ids = _criterion_ids(store, 2025)
    sheet = _open(qtbot, store, group_id, 2025)
    changes: list[None] = []
    sheet.changed.connect(lambda: changes.append(None))
    monkeypatch.setattr(sheet, "confirm", lambda text: True)

    # Not registered: only the registration is possible.
    assert sheet.registration_label.text() == "Chưa đăng ký phấn đấu năm 2025"
    assert sheet.register_button.isVisibleTo(sheet)
    assert sheet.current_stage() is None and not sheet.save_button.isEnabled()
    qtbot.mouseClick(sheet.register_button, Qt.MouseButton.LeftButton)
    assert group_id in store.cycle.registered_group_ids(2025)
    assert not sheet.register_button.isVisibleTo(sheet) and len(changes) == 1

    # Self-assessment: the manual criteria are ticked, the computed ones come from records.
    assert sheet.current_stage() == "self"
    assert {code for code, cid in ids.items() if sheet.is_editable(cid)} == {"1.4", "2.1"}
    assert sheet.stage_text(ids["4.1"], "self") == "Đạt"  # from the copied statuses
    assert sheet.stage_text(ids["1.4"], "self") == "—"
    assert sheet.result_label.text() == "Chưa đánh giá: 1.4, 2.1"
    item = sheet.criterion_items[ids["1.4"]]
    sheet.tree.setCurrentItem(item)
    qtbot.keyClick(sheet.tree, Qt.Key.Key_Space)
    assert sheet.answer(ids["1.4"]) == (True, "")
    assert sheet.stage_text(ids["1.4"], "self") == "Đạt"
    monkeypatch.setattr(sheet, "ask_note", lambda code, note: "Họp dân 4 lần/năm")
    qtbot.keyClick(sheet.tree, Qt.Key.Key_Return)  # Enter edits the note
    assert sheet.answer(ids["1.4"]) == (True, "Họp dân 4 lần/năm")
    assert item.toolTip(STAGE_COLUMNS["self"]) == "Họp dân 4 lần/năm"
    assert sheet.is_dirty()

    # Approving with 2.1 unanswered saves what is there and says what is missing, in red.
    qtbot.mouseClick(sheet.approve_button, Qt.MouseButton.LeftButton)
    assert sheet.error_label.isVisibleTo(sheet)
    assert sheet.error_label.text() == "Còn tiêu chí chưa đánh giá: 2.1."
    evaluation = store.evaluations.get(group_id, 2025)
    assert evaluation is not None and not evaluation.approved("self")
    assert evaluation.answers["self"][ids["1.4"]].note == "Họp dân 4 lần/năm"

    sheet.set_answer(ids["2.1"], True)
    qtbot.mouseClick(sheet.save_button, Qt.MouseButton.LeftButton)
    assert not sheet.error_label.isVisibleTo(sheet)
    assert not sheet.is_dirty()
    evaluation = store.evaluations.get(group_id, 2025)
    assert evaluation is not None and evaluation.answers["self"][ids["2.1"]].passed is True
    assert sheet.result_label.text().startswith("Đạt các tiêu chí bắt buộc")
    qtbot.mouseClick(sheet.approve_button, Qt.MouseButton.LeftButton)
    assert store.evaluations.get(group_id, 2025).approved("self")  # type: ignore[union-attr]

    # Ward review: the self column is locked, the ward may overturn any criterion.
    assert sheet.current_stage() == "ward"
    self_column = STAGE_COLUMNS["self"]
    assert all(row.data(self_column, Qt.ItemDataRole.CheckStateRole) is None
               for row in sheet.criterion_items.values())
    assert sheet.stage_status["self"].text().startswith("Đã duyệt bởi test lúc ")
    assert all(sheet.is_editable(cid) for cid in ids.values())
    assert sheet.stage_text(ids["6.3"], "ward") == sheet.stage_text(ids["6.3"], "self")
    assert sheet.proposed_box.isEnabled() and not sheet.proposed_box.isChecked()
    sheet.set_answer(ids["6.3"], True, "Vụ vi phạm đã xử lý xong")
    sheet.proposed_box.setChecked(True)
    qtbot.mouseClick(sheet.save_button, Qt.MouseButton.LeftButton)
    evaluation = store.evaluations.get(group_id, 2025)
    assert evaluation is not None and evaluation.proposed
    assert evaluation.answers["ward"][ids["6.3"]].passed is True
    assert evaluation.answers["ward"][ids["6.3"]].note == "Vụ vi phạm đã xử lý xong"
    assert sheet.stage_text(ids["6.3"], "ward") == "Đạt"
    qtbot.mouseClick(sheet.approve_button, Qt.MouseButton.LeftButton)

    # City: approved straight away (the ward's answers stand).
    assert sheet.current_stage() == "city"
    qtbot.mouseClick(sheet.approve_button, Qt.MouseButton.LeftButton)
    evaluation = store.evaluations.get(group_id, 2025)
    assert evaluation is not None and evaluation.approved("city")
    assert sheet.current_stage() is None
    assert sheet.stage_label.text() == "Đã thẩm định xong, chờ quyết định công nhận"
    assert sheet.history.count() == 3

    # A locked stage refuses edits: no cell to tick, Space does nothing, storage refuses.
    sheet.tree.setCurrentItem(sheet.criterion_items[ids["1.4"]])
    qtbot.keyClick(sheet.tree, Qt.Key.Key_Space)
    assert not sheet.is_dirty() and not sheet.save_button.isEnabled()
    with pytest.raises(ValidationError):
        store.evaluations.review(group_id, 2025, "city", {ids["1.4"]: (False, "")})

    # Reopening needs a reason; the history names who reopened and why.
    monkeypatch.setattr(sheet, "ask_reason", lambda stage: "  ")
    qtbot.mouseClick(sheet.reopen_button, Qt.MouseButton.LeftButton)
    assert sheet.error_label.text() == "Cần ghi lý do mở lại."
    monkeypatch.setattr(sheet, "ask_reason", lambda stage: "Kiểm tra lại tiêu chí 6.3")
    before = len(changes)
    qtbot.mouseClick(sheet.reopen_button, Qt.MouseButton.LeftButton)
    assert len(changes) == before + 1
    evaluation = store.evaluations.get(group_id, 2025)
    assert evaluation is not None and not evaluation.approved("city")
    assert evaluation.approved("ward")
    last = sheet.history.item(sheet.history.count() - 1).text()
    assert last.startswith("Thành phố thẩm định: mở lại bởi test lúc ")
    assert last.endswith("lý do: Kiểm tra lại tiêu chí 6.3")
    assert sheet.current_stage() == "city" and sheet.save_button.isEnabled()
    assert sheet.stage_status["city"].text() == "Đang làm"


def test_the_sheet_asks_before_dropping_ticks_and_recomputes(
    qtbot: QtBot, writable_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = writable_store
    group_id = _group_id(store, "Tân Phong", "Tổ dân phố số 10")
    _prepare_2025(store, group_id)
    store.evaluations.register(group_id, 2025, "2025-01-10")
    ids = _criterion_ids(store, 2025)
    sheet = _open(qtbot, store, group_id, 2025)
    sheet.set_answer(ids["2.1"], False, "Chưa có mô hình")
    asked: list[bool] = []
    monkeypatch.setattr(sheet, "ask_discard", lambda: asked.append(True) or False)
    qtbot.keyClick(sheet, Qt.Key.Key_Escape)
    assert asked and sheet.isVisible()

    # "Tính lại" refreshes the computed criteria from the records, keeping unsaved ticks.
    households = store.query(
        "SELECT household_id FROM household_years WHERE year = 2025 AND group_id = ?",
        [group_id])
    store.households.set_status_many([r["household_id"] for r in households[:40]], 2025,
                                     "cultural_family", False)
    assert sheet.stage_text(ids["4.1"], "self") == "Đạt"  # what the sheet read at opening
    qtbot.mouseClick(sheet.recompute_button, Qt.MouseButton.LeftButton)
    assert sheet.stage_text(ids["4.1"], "self") == "Không đạt"
    assert "không đạt" in sheet.criterion_items[ids["4.1"]].text(2)
    assert sheet.answer(ids["2.1"]) == (False, "Chưa có mô hình")
    assert sheet.result_label.text() == "Chưa đạt: 2.1, 4.1; Chưa đánh giá: 1.4"
    evaluation = store.evaluations.get(group_id, 2025)
    assert evaluation is not None and evaluation.answers["self"][ids["4.1"]].passed is False
    assert evaluation.answers["self"][ids["2.1"]].passed is None  # the tick is not saved yet


def test_moments_are_shown_in_local_time() -> None:
    assert moment_text("not a time") == "not a time"
    assert len(moment_text("2025-03-01T08:15:00.000Z")) == len("01/03/2025 15:15")


def test_storage_labels_shown_by_the_sheet_are_translatable() -> None:
    assert set(STAGE_LABELS.values()) <= set(extract())
