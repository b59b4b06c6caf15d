"""Starting the GUI: the application object, the database, the demo offer, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gui.background import run_in_background
from gui.main_window import MainWindow
from storage.demo import build_demo
from storage.errors import StoreError
from storage.store import Store

APP_NAME = "Tự Quản"
# QSettings() files are found by these names (e.g. ~/.config/TuQuan/Tự Quản.conf on Linux).
ORGANIZATION_NAME = "TuQuan"
DEMO_QUESTION = "Chưa có dữ liệu. Tạo dữ liệu mẫu thành phố Lai Châu (2020–2024)?"
DEMO_BUTTON = "Tạo dữ liệu mẫu"
EMPTY_BUTTON = "Bắt đầu với tệp trống"


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication (the existing one if there is one) with the names QSettings uses."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    return app


def ask_build_demo(parent: QWidget | None) -> bool:
    """Ask whether to fill the empty database with the demo city; True for yes."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_NAME)
    box.setText(DEMO_QUESTION)
    demo = box.addButton(DEMO_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    empty = box.addButton(EMPTY_BUTTON, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(demo)
    # Closing the box with Esc or the title bar means "no": nothing gets written.
    box.setEscapeButton(empty)
    box.exec()
    return box.clickedButton() is demo


def build_demo_in_background(window: MainWindow) -> None:
    """Build the demo city into the window's (empty) store, then show it."""
    store = window.store
    run_in_background(
        window,
        "Tạo dữ liệu mẫu thành phố Lai Châu",
        lambda progress: build_demo(store, progress),
        on_done=lambda _counts: window.reload(),
    )


def prepare_main_window(db_path: Path, *, offer_demo: bool) -> MainWindow:
    """Open the database and show the main window; offer the demo when the file is empty.

    The demo is built in the background after this returns, so the caller must run the event
    loop (``run_gui`` does; tests wait for the tree to fill). Raises StoreError when the file
    cannot be opened.
    """
    store = Store(db_path)
    window = MainWindow(store)
    window.show()
    if offer_demo and not store.units.all() and ask_build_demo(window):
        build_demo_in_background(window)
    else:
        window.offer_draft()
    return window


def run_gui(db_path: Path, *, offer_demo: bool) -> int:
    """Run the GUI on the database ``db_path`` until the main window closes; the exit code."""
    app = create_application(sys.argv)
    try:
        window = prepare_main_window(db_path, offer_demo=offer_demo)
    except StoreError as error:
        # The store's messages say what happened and what to do, in Vietnamese first.
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    try:
        return app.exec()
    finally:
        window.store.close()
