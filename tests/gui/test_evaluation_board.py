"""The evaluation board, the failing-criteria page, the decision dialog and the bar chart."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF, QGuiApplication
from pytestqt.qtbot import QtBot

from gui.board_model import COLUMN_FAILED, COLUMN_PASSED, BoardModel, failed_text
from gui.dialogs.decision_dialog import DecisionDialog, default_issuing_body, readiness
from gui.evaluation_board import EvaluationBoardPage, counts_text
from gui.failing_page import FailingPage, merge_names
from gui.i18n import extract
from gui.main_window import MainWindow
from gui.widgets.bar_chart import BarChart, nice_step, wrap_text
from storage.criteria import CriterionResult
from storage.evaluation import RESULT_LABELS, STAGE_LABELS
from storage.store import Store

CODES = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3",
         "5.1", "5.2", "6.1", "6.2", "6.3"]


@pytest.fixture
def writable_store(demo_path: Path, tmp_path: Path) -> Iterator[Store]:
    """A copy of the demo city that the test may change."""
    copy = tmp_path / "demo-copy.sqlite"
    shutil.copy(demo_path, copy)
    with Store(copy, actor="test") as opened:
        yield opened


@pytest.fixture
def board(qtbot: QtBot, demo_store: Store) -> EvaluationBoardPage:
    page = EvaluationBoardPage()
    qtbot.addWidget(page)
    page.resize(1000, 650)
    page.show()
    page.show_year(demo_store, 2024, None)
    return page


def _group(store: Store, ward: str, name: str, year: int = 2024) -> str:
    ward_unit = store.units.find(ward, year, "ward")
    return next(g.id for g in store.units.groups_of(ward_unit.id, year) if g.name == name)


# -- the bar chart -------------------------------------------------------------------------------


def test_the_bar_chart_draws_bars_and_survives_no_data(qtbot: QtBot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(400, 260)
    empty = chart.grab().toImage()  # nothing set yet: must not raise
    assert not empty.isNull() and chart.bar_rects == []
    background = empty.pixelColor(2, 2)

    chart.set_data(["2021", "2022", "2023"],
                   [("Công nhận mới", [8, 9, 11], QColor("#2e8b57")),
                    ("Công nhận duy trì", [0, 8, 17], QColor("#4a7fc1"))],
                   stacked=True, target_line=[8, 15, 25], title="Tổ được công nhận")
    image = chart.grab().toImage()
    assert chart.totals() == [8, 17, 28]
    assert len(chart.bar_rects) == 5  # the zero segment of 2021 is not drawn
    for rect in chart.bar_rects:
        center = rect.center().toPoint()
        assert image.pixelColor(center) != background
    assert "Tổng: 28" in chart.tooltip_of(2) and "Chỉ tiêu: 25" in chart.tooltip_of(2)

    chart.set_data(["1.1", "1.2"], [("Tỷ lệ đạt", [100.0, 72.5], QColor("#4a7fc1"))],
                   percent=True)
    image = chart.grab().toImage()
    assert len(chart.bar_rects) == 2
    assert all(image.pixelColor(r.center().toPoint()) != background for r in chart.bar_rects)
    assert "72,5%" in chart.tooltip_of(1)

    chart.set_data([], [], title="Trống")
    assert chart.is_empty()
    chart.grab()
    assert chart.bar_rects == []
    chart.resize(10, 10)  # too small to draw anything: still no error
    chart.set_data(["a"], [("x", [1.0], QColor("red"))])
    chart.grab()


def test_chart_helpers() -> None:
    assert nice_step(35, integers=True) == 10
    assert nice_step(8, integers=True) == 2
    assert nice_step(0, integers=True) == 1
    assert nice_step(3, integers=True) == 1
    assert nice_step(1, integers=False) == 0.25
    metrics = QFontMetricsF(BarChart().font())
    lines = wrap_text("Phường Quyết Thắng", metrics, metrics.horizontalAdvance("Phường Quyết"))
    assert lines == ["Phường Quyết", "Thắng"]
    width = metrics.horizontalAdvance("Một hai")
    assert wrap_text("Một hai ba", metrics, width) == ["Một hai", "ba"]
    one = wrap_text("Một hai ba", metrics, width, max_lines=1)
    assert len(one) == 1 and one[0].endswith("…")
    assert wrap_text("", metrics, 60) == []


# -- the board -----------------------------------------------------------------------------------


def test_the_board_of_2024(board: EvaluationBoardPage) -> None:
    model = board.model
    assert model.rowCount() == 72
    board.set_filter("recognised")
    assert model.rowCount() == 35
    board.set_filter("failed_required")
    assert model.rowCount() == 5
    assert all(model.data(model.index(r, COLUMN_FAILED)) for r in range(5))
    board.set_filter("registered")
    assert model.rowCount() == 40
    board.set_filter("lost")
    assert model.rowCount() == 0
    board.set_filter("all")
    assert model.rowCount() == 72
    assert board.filter_combo.itemText(board.filter_combo.findData("recognised")) \
        == "Được công nhận (35)"

    counts = board.counts_label.text()
    assert "Đăng ký: 40" in counts and "Công nhận: 35 (mới 7, duy trì 28)" in counts
    assert "Chỉ tiêu năm 32: đạt 109,4%" in counts
    assert "Chỉ tiêu giai đoạn 26: đạt 134,6%" in counts
    assert "Thành phố Lai Châu" in board.title_label.text()

    years = board.years_chart
    assert years.categories == ["2021", "2022", "2023", "2024"]
    assert years.totals() == [8, 17, 28, 35]
    assert years.stacked and years.series[0][1][-1] == 7 and years.series[1][1][-1] == 28
    assert years.target_line == [8, 15, 25, 32]
    wards = board.wards_chart
    assert len(wards.categories) == 7 and "Tân Phong" in wards.categories
    assert sum(wards.series[0][1]) == 40 and sum(wards.series[1][1]) == 35
    criteria = board.criteria_chart
    assert criteria.categories == CODES and criteria.percent
    shares = dict(zip(criteria.categories, criteria.series[0][1], strict=True))
    assert shares["1.1"] == 100 and shares["6.1"] == pytest.approx(35 / 40 * 100)


def test_the_table_texts(board: EvaluationBoardPage, demo_store: Store) -> None:
    model = board.model
    first = model.row_at(0)
    assert first is not None
    texts = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert texts[0] == "Phường Đoàn Kết" and texts[1] == "Tổ dân phố số 1"
    assert texts[2] == "✓" and texts[3] == "Đã có quyết định"
    assert texts[COLUMN_PASSED] == "13/17" and texts[5] == "Công nhận duy trì"
    assert texts[COLUMN_FAILED] == "(2.2, 2.3, 5.1, 6.3)"
    tooltip = model.data(model.index(0, COLUMN_FAILED), Qt.ItemDataRole.ToolTipRole)
    assert "2.2 Không còn hộ nghèo" in tooltip
    board.set_filter("failed_required")
    row = model.row_at(0)
    assert row is not None and failed_text(row).startswith("6.1")
    # Not registered: empty cells, no result.
    board.set_filter("all")
    unregistered = next(r for r in range(model.rowCount()) if not model.row_at(r).registered)
    assert [model.data(model.index(unregistered, c)) for c in range(2, 7)] == [""] * 5


def test_a_group_shows_its_ward(board: EvaluationBoardPage, demo_store: Store) -> None:
    group_id = _group(demo_store, "Tân Phong", "Tổ dân phố số 5")
    board.show_year(demo_store, 2024, group_id)
    assert "Phường Tân Phong" in board.title_label.text()
    assert {board.model.row_at(r).ward_name for r in range(board.model.rowCount())} \
        == {"Phường Tân Phong"}
    assert board.model.rowCount() == 20
    assert board.counts_label.text().startswith("Đăng ký: 12 · Công nhận: 7")
    # The per-ward chart still compares every ward of the city.
    assert len(board.wards_chart.categories) == 7
    assert board.years_chart.totals()[-1] == 7


def test_the_board_of_a_year_without_evaluations(board: EvaluationBoardPage,
                                                 demo_store: Store) -> None:
    board.show_year(demo_store, 2026, None)
    assert board.model.rowCount() == 72
    assert board.model.count("registered") == 0
    assert board.wards_chart.is_empty() and board.criteria_chart.is_empty()
    assert board.years_chart.categories[-1] == "2026"
    assert board.years_chart.totals()[-2:] == [0, 0]
    board.grab()


def test_the_board_model_passes_the_model_tester(qtmodeltester: object,
                                                 demo_store: Store) -> None:
    model = BoardModel()
    model.set_rows(demo_store.evaluations.board(2024))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.sort(COLUMN_PASSED, Qt.SortOrder.DescendingOrder)
    top = model.row_at(0)
    assert top is not None and top.passed == top.total == 17
    model.set_filter("recognised")
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 35
    with pytest.raises(KeyError):
        model.set_filter("nonsense")


def test_double_click_and_enter_open_the_group(qtbot: QtBot, board: EvaluationBoardPage,
                                               demo_store: Store) -> None:
    group_id = _group(demo_store, "Tân Phong", "Tổ dân phố số 9")
    assert board.select_group(group_id)
    index = board.table.currentIndex()
    rect = board.table.visualRect(index)
    viewport = board.table.viewport()
    # A real double-click starts with a press: the view opens only the row pressed.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(board.open_group, timeout=1000) as blocker:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [group_id, 2024]

    board.set_filter("recognised")
    board.table.setFocus()
    board.table.setCurrentIndex(board.model.index(0, 1))
    first = board.model.row_at(0)
    assert first is not None
    with qtbot.waitSignal(board.open_group, timeout=1000) as blocker:
        qtbot.keyClick(board.table, Qt.Key.Key_Return)
    assert blocker.args == [first.group_id, 2024]


def test_counts_text_without_targets(demo_store: Store) -> None:
    ward = demo_store.units.find("Sùng Phài", 2024, "ward")
    summary = demo_store.cycle.summary(2024, ward.id)
    assert summary.year_target is None and summary.plan_target is None
    assert counts_text(summary) == (
        f"Đăng ký: {summary.registered} · Công nhận: {summary.recognised}"
        f" (mới {summary.recognised_new}, duy trì {summary.recognised_maintained})")


# -- failing criteria ----------------------------------------------------------------------------


def test_the_failing_page_of_2024(qtbot: QtBot, demo_store: Store) -> None:
    page = FailingPage()
    qtbot.addWidget(page)
    page.show_year(demo_store, 2024)
    assert page.ward_lines("3.2") == ["Bản Gia Khâu 1, Bản Sùng Chồ, Bản Sùng Phài xã Sùng Phài"]
    assert "Tổ dân phố số 5, 9, 15 phường Tân Phong" in page.ward_lines("2.2")
    assert page.ward_lines("1.1") == []  # every recognised group passes it
    assert page.criterion_item("1.1") is not None
    text = page.text()
    assert text.count("\n") == 6  # seven criteria with failing groups
    assert "Tiêu chí 3.2 (" in text and "Bản Sùng Chồ" in text

    page.copy_button.click()
    assert QGuiApplication.clipboard().text() == text
    assert page.copied_label.text()

    page.recognised_only.setChecked(False)  # the not recognised groups fail 6.1 (required)
    assert page.ward_lines("6.1") == ["Tổ dân phố số 1, 2, 3, 4, 6 phường Tân Phong"]
    assert "đã đăng ký" in page.title_label.text()


def test_merge_names() -> None:
    assert merge_names(["Tổ dân phố số 5", "Tổ dân phố số 9", "Tổ dân phố số 15"]) \
        == "Tổ dân phố số 5, 9, 15"
    assert merge_names(["Bản Nậm Loỏng 3", "Tổ dân phố số 9"]) == "Bản Nậm Loỏng 3, Tổ dân phố số 9"
    assert merge_names([]) == ""


# -- the decision --------------------------------------------------------------------------------


def _fill(dialog: DecisionDialog) -> None:
    dialog.number.setText("05/QĐ-UBND")
    dialog.signer_name.setText("Nguyễn Văn An")


def test_the_decision_is_refused_when_nothing_is_ready(qtbot: QtBot,
                                                       writable_store: Store) -> None:
    before = len(writable_store.cycle.decisions(2024))
    pending = writable_store.pending_changes()
    dialog = DecisionDialog(writable_store, 2024)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.signer_title.text() == "CHỦ TỊCH"
    assert dialog.issuing_body.text() == "ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU"
    assert dialog.signed_on.displayFormat() == "dd/MM/yyyy"
    assert "0 phiếu" in dialog.ready_label.text()

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no number yet
    assert dialog.error_label.text() == "Chưa nhập số quyết định."
    _fill(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "không có phiếu nào đã thẩm định xong" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.result() == 0
    assert len(writable_store.cycle.decisions(2024)) == before
    assert writable_store.pending_changes() == pending


def _prepare_2025(store: Store, group_id: str) -> None:
    """One evaluation of 2025 through every stage, approved by the city."""
    evaluations = store.evaluations
    framework = store.frameworks.for_year(2025)
    evaluations.register(group_id, 2025, "2025-03-01")
    computed = {c.id: CriterionResult(c.id, True, None, "") for c in framework.criteria
                if c.computed}
    manual = {c.id: (True, "") for c in framework.criteria if not c.computed}
    evaluations.self_assess(group_id, 2025, manual, computed)
    evaluations.approve(group_id, 2025, "self")
    evaluations.review(group_id, 2025, "ward", {})
    evaluations.approve(group_id, 2025, "ward")
    evaluations.review(group_id, 2025, "city", {})


def test_the_decision_recognises_the_appraised_groups(
    qtbot: QtBot, writable_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    group_id = _group(writable_store, "Tân Phong", "Tổ dân phố số 5", 2025)
    _prepare_2025(writable_store, group_id)
    assert readiness(writable_store, 2025) == (0, 1)  # appraised, not yet approved
    writable_store.evaluations.approve(group_id, 2025, "city")
    assert readiness(writable_store, 2025) == (1, 0)

    shown: list[str] = []
    monkeypatch.setattr(DecisionDialog, "show_result", lambda self, text: shown.append(text))
    dialog = DecisionDialog(writable_store, 2025)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "1 phiếu" in dialog.ready_label.text()
    _fill(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == ""
    assert shown == ["Công nhận 1 tổ: mới 0, duy trì 1."]
    assert dialog.result() == 1 and not dialog.isVisible()
    decision = writable_store.cycle.decisions(2025)[0]
    assert decision.number == "05/QĐ-UBND" and decision.signer_title == "CHỦ TỊCH"
    assert decision.issuing_body == default_issuing_body(writable_store)
    assert [r.group_id for r in writable_store.cycle.recognitions(2025)] == [group_id]


# -- in the main window --------------------------------------------------------------------------


def test_the_main_window_shows_the_evaluation_pages(qtbot: QtBot,
                                                    writable_store: Store) -> None:
    window = MainWindow(writable_store)
    qtbot.addWidget(window)
    window.show()
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs[-2:] == ["Đánh giá", "Tiêu chí chưa đạt"]
    assert window.evaluation_page.year == 0  # not loaded until shown
    window.tabs.setCurrentWidget(window.evaluation_page)
    assert window.evaluation_page.year == 2024
    assert window.evaluation_page.model.rowCount() == 72

    ward = writable_store.units.find("Tân Phong", 2024, "ward")
    assert window.select_unit(ward.id)
    assert window.evaluation_page.scope_id == ward.id
    assert window.evaluation_page.model.rowCount() == 20

    window.year_combo.setCurrentIndex(window.year_combo.findData(2023))
    assert window.evaluation_page.year == 2023
    assert window.evaluation_page.years_chart.totals()[-1] == 6
    assert window.failing_page.year == 0
    window.failing_action.trigger()
    assert window.tabs.currentWidget() is window.failing_page
    assert window.failing_page.year == 2023

    # The decision: prepared for 2025, recorded from the menu, and the pages follow.
    group_id = _group(writable_store, "Tân Phong", "Tổ dân phố số 5", 2025)
    _prepare_2025(writable_store, group_id)
    writable_store.evaluations.approve(group_id, 2025, "city")
    window.year_combo.setCurrentIndex(window.year_combo.findData(2025))
    window.tabs.setCurrentWidget(window.evaluation_page)
    assert window.evaluation_page.model.count("recognised") == 0
    assert window.decision_action.isEnabled()
    dialog = window.show_decision_dialog()
    dialog.show_result = lambda text: None  # type: ignore[method-assign]
    _fill(dialog)
    dialog.submit()
    assert window.evaluation_page.model.count("recognised") == 1
    assert window.summary_panel.text_of("recognised").startswith("1 ")


def test_storage_evaluation_labels_are_translatable() -> None:
    texts = set(extract())
    missing = [label for label in (*STAGE_LABELS.values(), *RESULT_LABELS.values())
               if label not in texts]
    assert missing == []


def test_the_board_keeps_the_selected_group_across_refreshes(
    board: EvaluationBoardPage, demo_store: Store
) -> None:
    group_id = _group(demo_store, "Tân Phong", "Tổ dân phố số 9")
    board.select_group(group_id)
    board.set_filter("recognised")
    assert board.current_group_id() == group_id
    board.show_year(demo_store, 2024, None)
    assert board.current_group_id() == group_id
    board.set_filter("lost")  # the group is not in this list
    assert board.current_group_id() is None


def test_the_board_opens_the_sheet_and_the_menu_opens_the_editor(
    qtbot: QtBot, demo_store: Store
) -> None:
    from gui.dialogs.evaluation_sheet import EvaluationSheet
    from gui.dialogs.framework_editor import FrameworkEditor
    from gui.main_window import MainWindow

    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    group = next(g for g in demo_store.units.in_year(2024, "group")
                 if g.name == "Bản Xéo Xin Chải")
    sheet = window.open_evaluation(group.id, 2024)
    assert isinstance(sheet, EvaluationSheet) and sheet.isVisible()
    sheet.close()
    window.framework_action.trigger()
    editors = [w for w in window.findChildren(FrameworkEditor) if w.isVisible()]
    assert len(editors) == 1
    editors[0].close()
