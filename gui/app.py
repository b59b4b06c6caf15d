"""Starting the GUI: the application object, the database, the demo offer, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gui.background import run_in_background
from gui.i18n import N_, install_translator, saved_language, tr
from gui.main_window import MainWindow
from storage.demo import build_demo
from storage.errors import StoreError
from storage.store import Store

# The product's name, the same in every language (and the name of the settings file).
APP_NAME = "Tự Quản"
# QSettings() files are found by these names (e.g. ~/.config/TuQuan/Tự Quản.conf on Linux).
ORGANIZATION_NAME = "TuQuan"
DEMO_QUESTION = N_("Chưa có dữ liệu. Tạo dữ liệu mẫu thành phố Lai Châu (2020–2024)?")
DEMO_BUTTON = N_("Tạo dữ liệu mẫu")
EMPTY_BUTTON = N_("Bắt đầu với tệp trống")


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication (the existing one if there is one) with the names QSettings uses,
    speaking the language chosen in the settings."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    # After the names: QSettings finds the settings file by them. Before any window: widgets
    # take their texts when they are built.
    install_translator(app, saved_language())
    return app


def ask_build_demo(parent: QWidget | None) -> bool:
    """Ask whether to fill the empty database with the demo city; True for yes."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_NAME)
    box.setText(tr(DEMO_QUESTION))
    demo = box.addButton(tr(DEMO_BUTTON), QMessageBox.ButtonRole.AcceptRole)
    empty = box.addButton(tr(EMPTY_BUTTON), QMessageBox.ButtonRole.RejectRole)
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
        tr("Tạo dữ liệu mẫu thành phố Lai Châu"),
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
        # The store's messages say what happened and what to do, in Vietnamese first (storage/
        # has no translations).
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    try:
        return app.exec()
    finally:
        window.store.close()
