"""The Help menu: user guide, shortcuts, log file, About; the icon; uncaught errors shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from docs import USER_GUIDE
from gui import app as gui_app
from gui.dialogs import about_dialog
from gui.dialogs.guide_dialog import GuideDialog
from gui.main_window import MainWindow, program_version
from resources.icons import ICON_ICO, ICON_PNG
from storage import logs
from storage.store import Store


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "data"
    monkeypatch.setenv("TUQUAN_DATA_DIR", str(folder))
    yield folder
    logs.teardown_logging()


def _plain(text: str) -> str:
    """A menu text without its accelerator and ellipsis, spaces collapsed."""
    return " ".join(text.replace("&", "").replace("…", "").split())


def _menu(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        if _plain(action.text()) == title:
            menu = action.menu()
            assert isinstance(menu, QMenu)
            return menu
    raise AssertionError(f"no menu {title!r}")


def test_help_menu_lists_guide_shortcuts_log_and_about(window: MainWindow) -> None:
    texts = [_plain(a.text()) for a in _menu(window, "Trợ giúp").actions() if not a.isSeparator()]
    assert texts == ["Hướng dẫn sử dụng", "Phím tắt", "Mở tệp nhật ký", "Giới thiệu Tự Quản"]
    # F1 still shows the keyboard shortcuts.
    assert window.shortcuts_action.shortcut() == QKeySequence("F1")


def test_about_shows_version_database_schema_and_log(
    window: MainWindow, demo_store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    # QMessageBox.about is modal: replaced so the test cannot hang on it.
    monkeypatch.setattr(QMessageBox, "about",
                        lambda parent, title, text: shown.append((title, text)))
    window.about_action.trigger()
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Giới thiệu Tự Quản"
    assert f"phiên bản {program_version()}" in text
    assert f"Tệp dữ liệu: {demo_store.path}" in text
    assert f"Phiên bản lược đồ dữ liệu: {demo_store.schema_version}" in text
    assert demo_store.schema_version > 0
    assert f"Tệp nhật ký: {data_dir / 'logs' / 'tuquan.log'}" in text


def _markdown_headings(path: Path) -> list[str]:
    return [line.lstrip("#").strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")]


def test_the_guide_shows_every_heading_of_the_shipped_file(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.guide_action.trigger()
    dialogs = window.findChildren(GuideDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.isVisible() and not dialog.isModal()
    headings = dialog.headings()
    assert headings == _markdown_headings(USER_GUIDE)
    # The daily tasks the guide must cover.
    joined = " | ".join(headings).lower()
    for topic in ("nhập hộ gia đình", "đánh giá hằng năm", "in báo cáo",
                  "gửi dữ liệu lên thành phố", "nhập dữ liệu ở thành phố"):
        assert topic in joined, topic
    # The list on the left holds the sections; choosing one moves the text to it.
    sections = [dialog.sections.item(row).text() for row in range(dialog.sections.count())]
    assert sections == headings[1:]
    dialog.sections.setCurrentRow(3)
    block = dialog.browser.document().findBlock(dialog.browser.textCursor().position())
    assert block.text() == sections[3]
    dialog.close()


def test_a_missing_guide_says_where_it_was_looked_for(qtbot: QtBot, tmp_path: Path) -> None:
    missing = tmp_path / "huong-dan-su-dung.md"
    dialog = GuideDialog(None, missing)
    qtbot.addWidget(dialog)
    assert str(missing) in dialog.browser.toPlainText()


def test_every_menu_path_the_guide_names_exists(window: MainWindow) -> None:
    text = " ".join(USER_GUIDE.read_text(encoding="utf-8").split())
    titles = "|".join(re.escape(_plain(a.text())) for a in window.menuBar().actions())
    paths = re.findall(rf"\*\*({titles}) → ([^*]+)\*\*", text)
    assert len(paths) >= 8
    for menu_title, entry in paths:
        entries = [_plain(a.text()) for a in _menu(window, menu_title.strip()).actions()]
        assert _plain(entry) in entries, f"{menu_title} → {entry}"


def test_open_log_opens_the_file_or_its_folder(
    window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(QUrl(url).toLocalFile()) or True)
    informed: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text: informed.append(text))
    # No log yet: the user is told where it will be, nothing is opened.
    window.log_action.trigger()
    assert opened == [] and str(data_dir / "logs" / "tuquan.log") in informed[0]

    path = logs.setup_logging("test")
    assert path is not None
    window.log_action.trigger()
    assert opened == [str(path)]


def test_the_icon_loads_and_is_the_window_icon(window: MainWindow) -> None:
    image = QImage(str(ICON_PNG))
    assert (image.width(), image.height()) == (256, 256)
    # Not a blank square: the red tile and the white house are there.
    assert image.pixelColor(128, 230).red() > 150 and image.pixelColor(128, 230).green() < 80
    assert image.pixelColor(90, 180).lightness() > 240
    assert not QIcon(str(ICON_ICO)).isNull()
    assert ICON_ICO.read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert not window.windowIcon().isNull()
    assert window.windowTitle().startswith("Tự Quản — ")


def test_an_uncaught_error_is_shown_with_the_log_path(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text: shown.append(f"{title}: {text}"))
    gui_app.show_unexpected_error(ZeroDivisionError("chia cho 0"))
    assert len(shown) == 1
    assert shown[0].startswith("Tự Quản: Đã xảy ra lỗi không mong muốn: chia cho 0")
    assert str(data_dir / "logs" / "tuquan.log") in shown[0]
    assert "Trợ giúp → Mở tệp nhật ký" in shown[0]


def test_the_application_carries_the_icon(qtbot: QtBot) -> None:
    app = gui_app.create_application([])
    try:
        assert not app.windowIcon().isNull()
    finally:
        # The test session's names (isolated settings) stay as the GUI conftest set them.
        QApplication.setOrganizationName("TuQuanTest")
    assert about_dialog.about_title() == "Giới thiệu Tự Quản"


def test_a_build_check_closes_the_start_dialog_and_logs_it(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = logs.setup_logging("test")
    assert path is not None
    quits: list[bool] = []
    # The real quit would end the test session's application.
    monkeypatch.setattr(QApplication, "quit", lambda *_args: quits.append(True))
    dialog = QDialog()
    dialog.setWindowTitle("Đăng nhập — Tự Quản")
    qtbot.addWidget(dialog)
    dialog.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    timer = gui_app.quit_by_itself(app, 20)
    try:
        qtbot.waitUntil(lambda: bool(quits) and not dialog.isVisible(), timeout=5000)
    finally:
        timer.stop()
        timer.deleteLater()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert 'Tự đóng; cửa sổ đang mở: QDialog "Đăng nhập — Tự Quản"' in path.read_text(
        encoding="utf-8")
