"""Starting the GUI: the application object, the database, the demo offer, the main window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from gui.auto_backup import AutoBackup, backup_on_exit
from gui.background import run_in_background
from gui.dialogs import setup_from_package_dialog
from gui.dialogs.check_dialog import prepare_database_file
from gui.dialogs.login_dialog import SignInCancelled, ask_sign_in
from gui.i18n import N_, install_translator, saved_language, tr
from gui.main_window import MainWindow
from resources.icons import ICON_PNG
from storage.demo import build_demo
from storage.errors import StoreError
from storage.file_identity import refuse_foreign_file
from storage.logs import install_excepthook, log_path
from storage.store import Store

# The product's name, the same in every language (and the name of the settings file).
APP_NAME = "Tự Quản"
# QSettings() files are found by these names (e.g. ~/.config/TuQuan/Tự Quản.conf on Linux).
ORGANIZATION_NAME = "TuQuan"
DEMO_QUESTION = N_("Chưa có dữ liệu. Tạo dữ liệu mẫu thành phố Lai Châu (2020–2024)?")
DEMO_BUTTON = N_("Tạo dữ liệu mẫu")
EMPTY_BUTTON = N_("Bắt đầu với tệp trống")
SETUP_BUTTON = N_("Thiết lập từ gói của thành phố")
SETUP_HINT = N_("Máy của phường, xã: chọn \"Thiết lập từ gói của thành phố\" nếu đã nhận gói"
                " thiết lập và mật khẩu từ Phòng Nội vụ thành phố.")
# The answers of the first-start question.
FIRST_START_DEMO, FIRST_START_EMPTY, FIRST_START_SETUP = "demo", "empty", "setup"


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication (the existing one if there is one) with the names QSettings uses,
    speaking the language chosen in the settings."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setWindowIcon(QIcon(str(ICON_PNG)))
    # After the names: QSettings finds the settings file by them. Before any window: widgets
    # take their texts when they are built.
    install_translator(app, saved_language())
    return app


def ask_first_start(parent: QWidget | None, *, offer_setup: bool = True) -> str:
    """Ask how to start without data: FIRST_START_DEMO, FIRST_START_EMPTY or FIRST_START_SETUP
    (a ward machine set up from the city's package)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_NAME)
    box.setText(tr(DEMO_QUESTION))
    demo = box.addButton(tr(DEMO_BUTTON), QMessageBox.ButtonRole.AcceptRole)
    setup = None
    if offer_setup:
        box.setInformativeText(tr(SETUP_HINT))
        setup = box.addButton(tr(SETUP_BUTTON), QMessageBox.ButtonRole.ActionRole)
    empty = box.addButton(tr(EMPTY_BUTTON), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(demo)
    # Closing the box with Esc or the title bar means "no": nothing gets written.
    box.setEscapeButton(empty)
    box.exec()
    clicked = box.clickedButton()
    if clicked is demo:
        return FIRST_START_DEMO
    return FIRST_START_SETUP if setup is not None and clicked is setup else FIRST_START_EMPTY


def ask_build_demo(parent: QWidget | None) -> bool:
    """Ask whether to fill the empty database with the demo city; True for yes."""
    return ask_first_start(parent, offer_setup=False) == FIRST_START_DEMO


def build_demo_in_background(window: MainWindow,
                             sign_in: Callable[[Store], bool] | None = None) -> None:
    """Build the demo city into the window's (empty) store, then show it (after signing in
    with one of the demo's accounts, when ``sign_in`` is given)."""
    store = window.store

    def done(_counts: object) -> None:
        if sign_in is not None and store.account is None and not sign_in(store):
            window.close()
            return
        window.reload()

    run_in_background(
        window,
        tr("Tạo dữ liệu mẫu thành phố Lai Châu"),
        lambda progress: build_demo(store, progress),
        on_done=done,
    )


def prepare_main_window(db_path: Path, *, offer_demo: bool,
                        sign_in: Callable[[Store], bool] | None = None) -> MainWindow:
    """Open the database and show the main window; offer the demo (or, for a ward's machine,
    the set-up from the city's package) when there is no database yet.

    The demo is built in the background after this returns, so the caller must run the event
    loop (``run_gui`` does; tests wait for the tree to fill). Raises StoreError when the file
    cannot be opened.

    ``sign_in`` (``run_gui`` passes the login dialog) signs the store in before any data is
    shown, or creates the first administrator of a file without accounts; SignInCancelled
    when the user gives up. Without it the store works as the owner's (tests).
    """
    store: Store | None = None
    choice = ""
    if offer_demo and not db_path.exists():
        # A ward machine's database is made from the city's set-up package, into a file that
        # must not exist yet: ask before opening anything. Going back asks again.
        while store is None:
            choice = ask_first_start(None)
            if choice != FIRST_START_SETUP:
                break
            store = setup_from_package_dialog.setup_from_package(db_path)
    if store is None:
        store = Store(db_path)
    if sign_in is not None and store.units.all() and not sign_in(store):
        store.close()
        raise SignInCancelled
    window = MainWindow(store)
    AutoBackup(window)  # a child of the window: backs up every 30 minutes while data changes
    window.show()
    if choice == FIRST_START_DEMO or (
            not choice and offer_demo and not store.units.all() and ask_build_demo(window)):
        build_demo_in_background(window, sign_in)
    else:
        # An empty file: its first administrator is created now, before anything is entered.
        if sign_in is not None and store.account is None:
            if not sign_in(store):
                window.close()
                store.close()
                raise SignInCancelled
            window.reload()  # the status bar and the actions follow the new account
        window.offer_draft()
    return window


def unexpected_error_text(error: BaseException) -> str:
    """What the user reads about an error nobody foresaw (its details are in the log)."""
    return tr("Đã xảy ra lỗi không mong muốn: {error}\n\nDữ liệu đã lưu không bị ảnh hưởng;"
              " thao tác vừa làm có thể chưa được thực hiện. Chi tiết lỗi đã được ghi vào tệp"
              " nhật ký:\n{path}\n\nNếu lỗi lặp lại, hãy gửi tệp này cho cán bộ kỹ thuật"
              " (Trợ giúp → Mở tệp nhật ký).").format(
                  error=str(error) or type(error).__name__, path=log_path())


def show_unexpected_error(error: BaseException) -> None:
    """Tell the user about an uncaught exception instead of failing silently."""
    QMessageBox.critical(QApplication.activeWindow(), APP_NAME, unexpected_error_text(error))


def quit_by_itself(app: QApplication, milliseconds: int) -> QTimer:
    """Every ``milliseconds``: log the windows on screen, close the dialogs, quit the loop.

    Repeating, because a dialog at start (sign-in, first start) runs its own loop before the
    main one; quit() alone would not end it.
    """
    def quit_now() -> None:
        shown = [f'{type(w).__name__} "{w.windowTitle()}"' for w in app.topLevelWidgets()
                 if w.isVisible()]
        logging.getLogger("tuquan").info("Tự đóng; cửa sổ đang mở: %s",
                                         ", ".join(shown) or "không có")
        for widget in app.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        app.quit()

    timer = QTimer(app)
    timer.timeout.connect(quit_now)
    timer.start(milliseconds)
    return timer


def run_gui(db_path: Path, *, offer_demo: bool) -> int:
    """Run the GUI on the database ``db_path`` until the main window closes; the exit code."""
    app = create_application(sys.argv)
    # Logged, then shown: an error in a slot must not pass unnoticed (no console on Windows).
    install_excepthook(show_unexpected_error)
    # A check of a packaged build (packaging/build.py --check) lets the program quit by itself.
    quit_after = os.environ.get("TUQUAN_QUIT_AFTER_MS", "")
    if quit_after.isdigit():
        quit_by_itself(app, int(quit_after))
    # Another program's database is refused before anything, not even a lock file beside it.
    try:
        refuse_foreign_file(db_path)
    except StoreError as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    # One program per database file; a damaged file is set aside before anything opens it.
    lock = prepare_database_file(db_path)
    if lock is None:
        return 1
    try:
        window = prepare_main_window(db_path, offer_demo=offer_demo, sign_in=ask_sign_in)
    except SignInCancelled:
        lock.release()
        return 0
    except StoreError as error:
        # The store's messages say what happened and what to do, in Vietnamese first (storage/
        # has no translations).
        QMessageBox.critical(None, APP_NAME, str(error))
        lock.release()
        return 1
    logging.getLogger("tuquan").info("Đã mở cửa sổ chính trên %s", db_path)
    try:
        return app.exec()
    finally:
        backup_on_exit(window)
        window.store.close()
        lock.release()
