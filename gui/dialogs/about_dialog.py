"""Help → About and Help → Open the log file: what a support call needs to know.

The About box is Qt's own (QMessageBox.about: the application icon, the text, one button), so
it looks like every other program's. Its text names the version, the database file, the
schema version and the log file: the four things someone helping over the phone asks first.
"""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from gui.i18n import tr
from storage.logs import log_path
from storage.store import Store

# The product's name, the same in every language.
APP_TITLE = "Tự Quản"


def about_title() -> str:
    """The About box's title (also the Help menu's entry, without the accelerator)."""
    return tr("Giới thiệu {app}").format(app=APP_TITLE)


def about_text(store: Store, version: str) -> str:
    """The About box's text: version, database file, schema version, log file."""
    path = str(store.path) if store.path is not None else tr("trong bộ nhớ")
    lines = (
        tr("{app} — phiên bản {version}").format(app=APP_TITLE, version=version),
        tr("Hồ sơ tổ dân phố, bản tự quản, phát triển toàn diện."),
        "",
        tr("Tệp dữ liệu: {path}").format(path=path),
        tr("Phiên bản lược đồ dữ liệu: {version}").format(version=store.schema_version),
        tr("Tệp nhật ký: {path}").format(path=log_path()),
        "",
        tr("Python {python}, Qt {qt}").format(python=platform.python_version(),
                                              qt=pyside_version),
    )
    return "\n".join(lines)


def show_about(parent: QWidget | None, store: Store, version: str) -> None:
    """Show the About box (modal, like every About box)."""
    QMessageBox.about(parent, about_title(), about_text(store, version))


def open_log(parent: QWidget | None) -> bool:
    """Open the log file in the system's text viewer (its folder if there is no file yet).

    False, after telling the user where the log is, when nothing could be opened.
    """
    path = log_path()
    target = path if path.is_file() else path.parent
    if not target.exists():
        QMessageBox.information(parent, tr("Tệp nhật ký"), tr(
            "Chưa có tệp nhật ký. Chương trình sẽ ghi nhật ký vào:\n{path}").format(path=path))
        return False
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
        return True
    QMessageBox.warning(parent, tr("Tệp nhật ký"), tr(
        "Không mở được tệp nhật ký. Hãy mở bằng tay tệp:\n{path}").format(path=path))
    return False
