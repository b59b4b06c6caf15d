"""Choosing where files go or come from, starting in the folder chosen last time.

The exchange dialogs all ask for a folder (a USB stick, usually) or a file in one; the folder
is remembered in QSettings so that the next export or import opens where the stick was.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from gui.i18n import tr


def remembered_folder(settings_key: str) -> str:
    """The folder saved under ``settings_key``; the home folder the first time."""
    saved = QSettings().value(settings_key)
    return str(saved) if saved else str(Path.home())


def remember_folder(settings_key: str, folder: Path) -> None:
    """Save ``folder`` under ``settings_key`` for the next time."""
    QSettings().setValue(settings_key, str(folder))


def ask_open_file(parent: QWidget, title: str, file_filter: str,
                  settings_key: str) -> Path | None:
    """The file the official picks, starting in the remembered folder; None when cancelled."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, title, remembered_folder(settings_key), file_filter)
    return Path(path) if path else None


class FolderPicker(QWidget):
    """A folder line edit with a "Chọn thư mục…" button, starting at the remembered folder.

    The owning dialog connects ``button`` to its own slot so that tests can replace the
    dialog's ``ask_folder``; ``ask`` and ``set_folder`` do the work behind it.
    """

    def __init__(self, settings_key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings_key = settings_key
        self.title = title
        self.edit = QLineEdit(remembered_folder(settings_key))
        self.button = QPushButton(tr("Chọn thư mục…"))
        layout = QHBoxLayout(self)
        # No margins: the row lines up with the other fields as a bare layout did.
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)

    def text(self) -> str:
        """What is typed, without the spaces around it ('' when nothing is)."""
        return self.edit.text().strip()

    def folder(self) -> Path:
        """The folder typed or chosen, with ``~`` expanded."""
        return Path(os.path.expanduser(self.text()))

    def ask(self) -> Path | None:
        """The folder the official picks in the system's chooser, or None."""
        path = QFileDialog.getExistingDirectory(self.window(), self.title, str(self.folder()))
        return Path(path) if path else None

    def set_folder(self, folder: Path | None) -> None:
        """Show ``folder`` in the line edit (None: the chooser was cancelled, keep the text)."""
        if folder is not None:
            self.edit.setText(str(folder))

    def remember(self) -> None:
        """Save the folder for the next time the dialog opens."""
        remember_folder(self.settings_key, self.folder())


class ChoosesFolder:
    """The owning dialog's side of its ``folder_picker``: tests replace ``ask_folder`` on the
    dialog, so the button goes through the dialog's ``choose_folder``, not the picker's."""

    folder_picker: FolderPicker

    def ask_folder(self) -> Path | None:
        """The folder the official picks, or None (tests replace this)."""
        return self.folder_picker.ask()

    @Slot()
    def choose_folder(self) -> None:
        """Pick the folder and show it in the line edit."""
        self.folder_picker.set_folder(self.ask_folder())
