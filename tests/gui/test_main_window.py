"""The main window on the demo city, the background helper and the start-up demo offer."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMessageBox, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from gui import app as gui_app
from gui import background
from gui.background import jobs_running, run_in_background
from gui.main_window import SETTINGS_GEOMETRY, MainWindow, available_years, program_version
from gui.unit_tree import COLUMN_NAME, UnitTreeModel
from storage.store import Store

WARDS = [
    "Phường Đoàn Kết",
    "Phường Đông Phong",
    "Phường Quyết Thắng",
    "Phường Quyết Tiến",
    "Phường Tân Phong",
    "Xã San Thàng",
    "Xã Sùng Phài",
]


# -- helpers -------------------------------------------------------------------------------


def set_year(window: MainWindow, year: int) -> None:
    index = window.year_combo.findData(year)
    assert index >= 0, f"năm {year} không có trong danh sách"
    window.year_combo.setCurrentIndex(index)


def row_texts(model: UnitTreeModel, index: QModelIndex) -> list[str]:
    return [model.index(index.row(), column, index.parent()).data() for column in range(3)]


def children(model: UnitTreeModel, parent: QModelIndex) -> dict[str, QModelIndex]:
    rows = (model.index(row, COLUMN_NAME, parent) for row in range(model.rowCount(parent)))
    return {index.data(): index for index in rows}


def count_groups(model: UnitTreeModel, parent: QModelIndex) -> int:
    # Groups are the leaves (the city and every ward have children in the demo).
    kids = children(model, parent).values()
    return sum(count_groups(model, kid) if model.rowCount(kid) else 1 for kid in kids)


def city(window: MainWindow) -> QModelIndex:
    return window.tree_model.index(0, COLUMN_NAME)


def select(window: MainWindow, *path: str) -> QModelIndex:
    index = city(window)
    for name in path:
        index = children(window.tree_model, index)[name]
    window.tree_view.setCurrentIndex(index)
    return index


# -- the main window -------------------------------------------------------------------------


def test_opens_on_the_demo_city_in_its_last_recognition_year(
    window: MainWindow, demo_store: Store
) -> None:
    assert window.windowTitle() == "Tự Quản — Thành phố Lai Châu"
    assert window.selected_year == 2024  # later years have no recognitions yet
    years = [window.year_combo.itemData(i) for i in range(window.year_combo.count())]
    assert years == list(range(2020, datetime.date.today().year + 1))
    assert window.path_label.text() == f"Tệp dữ liệu: {demo_store.path}"
    model = window.tree_model
    assert model.rowCount() == 1
    assert city(window).data() == "Thành phố Lai Châu"
    assert list(children(model, city(window))) == WARDS
    assert window.tree_view.currentIndex() == city(window)


def test_city_row_of_2024(window: MainWindow) -> None:
    assert row_texts(window.tree_model, city(window)) == ["Thành phố Lai Châu", "12.937", "35/72"]
    assert count_groups(window.tree_model, city(window)) == 72


def test_switching_to_2021_shows_the_70_groups_of_that_year(window: MainWindow) -> None:
    set_year(window, 2021)
    assert window.selected_year == 2021
    assert row_texts(window.tree_model, city(window))[2] == "8/70"
    assert count_groups(window.tree_model, city(window)) == 70
    assert window.summary_panel.text_of("title") == "Thành phố Lai Châu — năm 2021"


def test_changing_the_year_keeps_the_column_layout(window: MainWindow) -> None:
    # Reloading the tree once dropped the columns and with them the name column's stretch.
    set_year(window, 2021)
    header = window.tree_view.header()
    assert header.sectionResizeMode(COLUMN_NAME) == QHeaderView.ResizeMode.Stretch
    assert window.tree_model.columnCount() == 3
    assert window.tree_model.headerData(1, Qt.Orientation.Horizontal) == "Số hộ"


def test_group_rows_show_the_kind_of_recognition(window: MainWindow) -> None:
    ward = children(window.tree_model, city(window))["Phường Đông Phong"]
    groups = children(window.tree_model, ward)
    # 2024: Bản Tả Xin Chải recognised for the first time, Tổ 27 again (first in 2023).
    assert row_texts(window.tree_model, groups["Bản Tả Xin Chải"])[2] == "Mới"
    assert row_texts(window.tree_model, groups["Tổ dân phố số 27"])[2] == "Duy trì"
    assert row_texts(window.tree_model, groups["Tổ dân phố số 21"])[2] == ""


def test_dong_phong_before_and_after_the_2022_split(window: MainWindow) -> None:
    select(window, "Phường Đông Phong")
    assert "Tổ dân phố số 27" in children(window.tree_model, window.tree_view.currentIndex())

    set_year(window, 2021)
    # The ward stays selected across the change of year.
    current = window.tree_view.currentIndex()
    assert current.data() == "Phường Đông Phong"
    assert "Tổ dân phố số 27" not in children(window.tree_model, current)
    assert window.summary_panel.text_of("title") == "Phường Đông Phong — năm 2021"

    set_year(window, 2024)
    current = window.tree_view.currentIndex()
    assert current.data() == "Phường Đông Phong"
    assert "Tổ dân phố số 27" in children(window.tree_model, current)


def test_a_group_missing_in_the_new_year_falls_back_to_its_ward(window: MainWindow) -> None:
    select(window, "Phường Đông Phong", "Tổ dân phố số 27")
    assert window.summary_panel.text_of("title") == "Tổ dân phố số 27 — năm 2024"
    set_year(window, 2021)
    assert window.tree_view.currentIndex().data() == "Phường Đông Phong"


def test_summary_of_the_city_in_2024(window: MainWindow) -> None:
    panel = window.summary_panel
    assert panel.text_of("title") == "Thành phố Lai Châu — năm 2024"
    assert panel.text_of("groups") == "72"
    assert panel.text_of("recognised") == "35 (mới 7, duy trì 28)"
    assert "109,4%" in panel.text_of("year_target")
    assert "134,6%" in panel.text_of("plan_target")
    assert "2021–2025" in panel.text_of("plan_target")
    assert panel.text_of("households") == "12.937"
    assert panel.text_of("cultural") == "12.460 (96,3%)"
    assert panel.text_of("poor").endswith("(1,5%)")


def test_summary_follows_the_selection(window: MainWindow) -> None:
    select(window, "Phường Đông Phong", "Bản Tả Xin Chải")
    panel = window.summary_panel
    assert panel.text_of("groups") == "1"
    assert panel.text_of("recognised") == "1 (mới 1, duy trì 0)"
    assert panel.text_of("year_target") == "Chưa đặt chỉ tiêu"


def test_tree_model_passes_the_model_tester(window: MainWindow, qtmodeltester: object) -> None:
    qtmodeltester.check(window.tree_model)  # type: ignore[attr-defined]
    set_year(window, 2021)
    qtmodeltester.check(window.tree_model)  # type: ignore[attr-defined]


def test_about_box_shows_version_path_and_schema(
    window: MainWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    # QMessageBox.about is modal: replaced so the test cannot hang on it.
    monkeypatch.setattr(
        QMessageBox, "about", lambda parent, title, text: shown.append((title, text))
    )
    window.about_action.trigger()
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Giới thiệu Tự Quản"
    assert f"phiên bản {program_version()}" in text
    assert str(demo_store.path) in text
    assert f"lược đồ dữ liệu: {demo_store.schema_version}" in text


def test_geometry_is_saved_in_the_test_settings(
    window: MainWindow, isolated_settings: Path
) -> None:
    window.show()
    window.close()
    settings = QSettings()
    assert Path(settings.fileName()).is_relative_to(isolated_settings)
    assert isinstance(settings.value(SETTINGS_GEOMETRY), QByteArray)


def test_available_years_start_in_2020_and_end_this_year(demo_store: Store) -> None:
    assert available_years(demo_store.units.all(), 2026) == list(range(2020, 2027))
    assert available_years([], 2026) == [2026]


# -- the background helper -------------------------------------------------------------------


def test_background_job_reports_progress_and_delivers_on_the_gui_thread(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    results: list[tuple[int, int]] = []
    errors: list[BaseException] = []

    def work(progress: Callable[[int, str], None]) -> int:
        progress(50, "Nửa chặng")
        if not release.wait(10):
            raise TimeoutError("test never released the job")
        return threading.get_ident()

    run_in_background(
        parent,
        "Thử việc chạy nền",
        work,
        on_done=lambda worker: results.append((worker, threading.get_ident())),
        on_error=errors.append,
    )
    # The window is locked while the job may use the store.
    assert not parent.isEnabled()
    dialogs = parent.findChildren(QProgressDialog)
    assert len(dialogs) == 1
    # The dialog appears after its short delay and shows the progress text.
    qtbot.waitUntil(lambda: dialogs[0].isVisible() and dialogs[0].value() == 50, timeout=5000)
    assert "Nửa chặng" in dialogs[0].labelText()

    release.set()
    qtbot.waitUntil(lambda: bool(results or errors), timeout=10000)
    assert errors == []
    worker_thread, delivered_on = results[0]
    assert worker_thread != threading.get_ident()
    assert delivered_on == threading.get_ident()
    assert parent.isEnabled()


def test_background_job_error_reaches_on_error(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def work(progress: Callable[[int, str], None]) -> None:
        raise ValueError("hỏng")

    run_in_background(None, "Thử lỗi", work, on_done=lambda _: None, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert isinstance(errors[0], ValueError)
    assert str(errors[0]) == "hỏng"


def test_a_job_has_ended_for_good_before_its_result_is_delivered(qtbot: QtBot) -> None:
    # The worker thread still tidies up inside the QThread after signalling "finished"; the
    # result must only arrive once it has ended, or freeing the job could crash the program.
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[bool] = []
    for number in range(25):
        run_in_background(parent, "Thử nhiều việc", lambda _progress, n=number: n,
                          on_done=lambda _n: seen.append(jobs_running()))
        assert jobs_running()
        qtbot.waitUntil(lambda n=number: len(seen) == n + 1, timeout=10000)
    assert seen == [False] * 25
    # Every finished job is let go on the next turn of the event loop.
    qtbot.waitUntil(lambda: not background._running_jobs, timeout=5000)
    assert parent.isEnabled()


# -- starting up -------------------------------------------------------------------------------


def answer_demo_question(
    monkeypatch: pytest.MonkeyPatch, button_text: str, asked: list[str]
) -> None:
    """Make QMessageBox.exec click ``button_text`` instead of waiting for a person."""

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        next(button for button in box.buttons() if button.text() == button_text).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)


@pytest.mark.slow
def test_start_on_an_empty_file_builds_the_demo_when_asked(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer_demo_question(monkeypatch, gui_app.DEMO_BUTTON, asked)
    window = gui_app.prepare_main_window(tmp_path / "new.sqlite", offer_demo=True)
    qtbot.addWidget(window)
    try:
        assert asked == [gui_app.DEMO_QUESTION]
        qtbot.waitUntil(lambda: window.tree_model.rowCount() == 1, timeout=60000)
        assert window.isEnabled()
        assert window.windowTitle() == "Tự Quản — Thành phố Lai Châu"
        assert window.selected_year == 2024
        assert list(children(window.tree_model, city(window))) == WARDS
        assert row_texts(window.tree_model, city(window))[1:] == ["12.937", "35/72"]
    finally:
        window.store.close()


def test_start_on_an_empty_file_can_decline_the_demo(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer_demo_question(monkeypatch, gui_app.EMPTY_BUTTON, asked)
    window = gui_app.prepare_main_window(tmp_path / "new.sqlite", offer_demo=True)
    qtbot.addWidget(window)
    try:
        assert asked == [gui_app.DEMO_QUESTION]
        assert window.windowTitle() == "Tự Quản"
        assert window.tree_model.rowCount() == 0
        assert window.store.units.all() == []
        assert window.summary_panel.text_of("title").startswith("Năm ")
    finally:
        window.store.close()


def test_without_offer_demo_nothing_is_asked(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer_demo_question(monkeypatch, gui_app.DEMO_BUTTON, asked)
    window = gui_app.prepare_main_window(tmp_path / "new.sqlite", offer_demo=False)
    qtbot.addWidget(window)
    try:
        assert asked == []
        assert window.store.units.all() == []
    finally:
        window.store.close()
