"""Questions to the user with buttons that say what they do, in the interface's language.

Qt's standard Yes/No/Discard buttons come out in English (Qt ships no Vietnamese translation
of its own), so every question names its buttons itself: "Xóa" / "Không xóa", not Yes / No.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from gui.i18n import tr


def ask(parent: QWidget | None, title: str, text: str, accept: str, reject: str,
        default_accept: bool = False) -> bool:
    """Ask a question; True when the user chose ``accept``. Esc means ``reject``."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(reject, QMessageBox.ButtonRole.RejectRole)
    # Destructive answers are not the default: Enter on a surprise question keeps the data.
    box.setDefaultButton(yes if default_accept else no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def ask_discard(parent: QWidget | None) -> bool:
    """Ask whether a form's unsaved edits may be thrown away (every form asks the same)."""
    return ask(parent, tr("Bỏ thay đổi?"), tr("Các thay đổi chưa được lưu. Bỏ các thay đổi này?"),
               tr("Bỏ thay đổi"), tr("Tiếp tục sửa"))
