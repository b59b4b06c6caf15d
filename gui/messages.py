"""Questions to the user with buttons that say what they do, in the interface's language.

Qt's standard Yes/No/Discard buttons come out in English (Qt ships no Vietnamese translation
of its own), so every question names its buttons itself: "Xóa" / "Không xóa", not Yes / No.
The same holds for the OK / Cancel of QInputDialog's static getText/getInt/getItem: the
ask_text, ask_int and ask_item here are used instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QMessageBox, QWidget

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


# Wide enough for a framework's name or a group's full name on one line.
INPUT_MIN_WIDTH = 420


def input_dialog(parent: QWidget | None, title: str, label: str,
                 accept: str = "") -> QInputDialog:
    """A QInputDialog whose buttons are in the interface's language (``accept`` names the
    first, "Đồng ý" by default; the other is "Hủy")."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOkButtonText(accept or tr("Đồng ý"))
    dialog.setCancelButtonText(tr("Hủy"))
    return dialog


def _accepted(dialog: QInputDialog) -> bool:
    """Show the dialog wide enough to read what is typed; True when accepted."""
    # QInputDialog sizes itself to its layout (a minimum width on the dialog is overridden):
    # the label, above the field and as wide as it, gives the layout its width.
    label = dialog.findChild(QLabel)
    if label is not None:
        label.setMinimumWidth(INPUT_MIN_WIDTH)
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "",
             accept: str = "") -> str | None:
    """A line of text typed by the user; None when cancelled."""
    dialog = input_dialog(parent, title, label, accept)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextValue(text)
    if not _accepted(dialog):
        return None
    return dialog.textValue()


def ask_int(parent: QWidget | None, title: str, label: str, value: int, minimum: int,
            maximum: int, accept: str = "") -> int | None:
    """A whole number between ``minimum`` and ``maximum``; None when cancelled."""
    dialog = input_dialog(parent, title, label, accept)
    dialog.setInputMode(QInputDialog.InputMode.IntInput)
    dialog.setIntRange(minimum, maximum)
    dialog.setIntValue(value)
    if not _accepted(dialog):
        return None
    return dialog.intValue()


def ask_item(parent: QWidget | None, title: str, label: str, items: Sequence[str],
             accept: str = "") -> str | None:
    """One of ``items`` (the first is proposed, none can be typed); None when cancelled."""
    dialog = input_dialog(parent, title, label, accept)
    dialog.setComboBoxItems(list(items))
    dialog.setComboBoxEditable(False)
    if items:
        dialog.setTextValue(items[0])
    if not _accepted(dialog):
        return None
    return dialog.textValue()
