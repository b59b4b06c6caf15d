"""Help → User guide: the Vietnamese guide shipped in docs/, with its headings to jump to.

Not modal, like the shortcuts list: an official keeps it open beside the main window while
doing what it describes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from docs import USER_GUIDE
from gui.i18n import tr


def read_guide(path: Path = USER_GUIDE) -> str:
    """The guide's Markdown; a short Markdown message naming the file when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return "# " + tr("Hướng dẫn sử dụng") + "\n\n" + tr(
            "Không tìm thấy tệp hướng dẫn {path}. Hãy cài lại chương trình.").format(path=path)


class GuideDialog(QDialog):
    """The guide in a text browser; the list on the left jumps to a section."""

    def __init__(self, parent: QWidget | None = None, path: Path = USER_GUIDE) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Hướng dẫn sử dụng"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(read_guide(path))
        self.sections = QListWidget()
        # Section titles are long sentences: wrapped, never cut or scrolled sideways.
        self.sections.setWordWrap(True)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.setSpacing(2)
        # Second-level headings are the sections; the title (level 1) is the document itself.
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2:
                item = QListWidgetItem(block.text())
                item.setData(Qt.ItemDataRole.UserRole, block.position())
                self.sections.addItem(item)
            block = block.next()
        self.sections.currentItemChanged.connect(self._go_to)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.sections)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 620])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(buttons)
        self.resize(880, 640)
        # Reading starts in the text: arrow keys and Page Down scroll it at once.
        self.browser.setFocus()

    def headings(self) -> list[str]:
        """Every heading of the guide as shown (all levels), top to bottom."""
        texts = []
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                texts.append(block.text())
            block = block.next()
        return texts

    def _go_to(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(int(item.data(Qt.ItemDataRole.UserRole)))
        # Scroll to the end first so the heading lands at the top of the view, not its bottom.
        self.browser.moveCursor(QTextCursor.MoveOperation.End)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
