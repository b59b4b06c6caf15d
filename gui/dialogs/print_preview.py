"""The print preview: a PDF made by reports/ shown page by page, printed or saved as a file.

Qt's own PDF module (QtPdf, QtPdfWidgets) is used when the installed PySide6 has it. The
PySide6 6.12 wheels for Linux do not ship it, so pages are then rendered with pypdfium2 and
shown in a scroll area. Printing paints the same rendered pages on the printer either way.

Neither PySide6-Essentials nor PySide6-Addons 6.12 for Linux contains QtPdf or QtPdfWidgets
(with both installed, ``from PySide6.QtPdf import QPdfDocument`` fails), so the program does
not require PySide6-Addons: pypdfium2, a requirement, is the renderer everywhere QtPdf is
missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt, Slot
from PySide6.QtGui import QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import tr

try:  # Qt's PDF module: part of some PySide6 builds only
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    HAVE_QTPDF = True
except ImportError:  # pragma: no cover - depends on the installed wheels
    HAVE_QTPDF = False

# Printing renders each page at this resolution at most (enough for text and the QR code).
PRINT_DPI = 300
POINTS_PER_INCH = 72


class PdfPages:
    """The pages of a PDF file: count, size in points, rendered images (QtPdf or pypdfium2)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.qt_document: Any = None
        self._pdfium: Any = None
        if HAVE_QTPDF:
            self.qt_document = QPdfDocument()
            self.qt_document.load(str(self.path))
        else:
            import pypdfium2

            self._pdfium = pypdfium2.PdfDocument(str(self.path))

    def page_count(self) -> int:
        """How many pages the file has (0 when it could not be read)."""
        if self.qt_document is not None:
            return int(self.qt_document.pageCount())
        return len(self._pdfium)

    def page_size(self, page: int) -> QSizeF:
        """The page's size in points (1/72 inch)."""
        if self.qt_document is not None:
            return QSizeF(self.qt_document.pagePointSize(page))
        width, height = self._pdfium[page].get_size()
        return QSizeF(width, height)

    def render(self, page: int, size: QSize) -> QImage:
        """The page as an image of ``size`` pixels."""
        if self.qt_document is not None:
            return QImage(self.qt_document.render(page, size))
        pdf_page = self._pdfium[page]
        width, _height = pdf_page.get_size()
        bitmap = pdf_page.render(scale=size.width() / width, prefer_bgrx=True,
                                 fill_color=(255, 255, 255, 255))
        # BGRx bytes are QImage's RGB32 on little-endian machines; copy() owns the pixels.
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGB32)
        return image.copy()

    def close(self) -> None:
        """Release the file."""
        if self.qt_document is not None:
            self.qt_document.close()
        elif self._pdfium is not None:
            self._pdfium.close()
            self._pdfium = None


class _PageListView(QScrollArea):
    """The pages one under the other, as wide as the view (without QtPdfWidgets)."""

    def __init__(self, pages: PdfPages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setStyleSheet("QScrollArea { background: #808080; }")
        container = QWidget()
        container.setStyleSheet("background: #808080;")
        self._layout = QVBoxLayout(container)
        self._layout.setSpacing(12)
        self.labels = [QLabel() for _ in range(pages.page_count())]
        for label in self.labels:
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(container)
        self._width = 0
        self._render(800)

    def _render(self, width: int) -> None:
        width = max(200, width)
        if abs(width - self._width) < 8:
            return
        self._width = width
        for page, label in enumerate(self.labels):
            points = self.pages.page_size(page)
            height = round(width * points.height() / max(1.0, points.width()))
            image = self.pages.render(page, QSize(width, height))
            label.setPixmap(QPixmap.fromImage(image))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render(self.viewport().width() - 40)


class PrintPreviewDialog(QDialog):
    """Shows one PDF file; "In…" prints it, "Lưu thành tệp…" copies it elsewhere."""

    def __init__(self, pdf_path: str | Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.setWindowTitle(title)
        self.pages = PdfPages(self.pdf_path)
        self.view: QWidget
        if HAVE_QTPDF:
            view = QPdfView(self)
            view.setDocument(self.pages.qt_document)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.view = view
        else:
            self.view = _PageListView(self.pages, self)
        self.info_label = QLabel(
            tr("{title} — {n} trang").format(title=title, n=self.pages.page_count()))

        buttons = QDialogButtonBox()
        self.print_button = QPushButton(tr("In…"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(tr("Lưu thành tệp…"))
        self.close_button = QPushButton(tr("Đóng"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button.clicked.connect(lambda: self.save_copy())
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.info_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(900, 760)
        self.finished.connect(lambda _result: self.pages.close())

    def page_count(self) -> int:
        """How many pages the previewed file has."""
        return self.pages.page_count()

    # -- printing ---------------------------------------------------------------------------

    @Slot()
    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Print every page; without ``printer`` the user chooses one. False when cancelled."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle(tr("In"))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        count = self.pages.page_count()
        if count == 0:
            return False
        first, last = 0, count - 1
        if printer.fromPage() > 0:
            first = printer.fromPage() - 1
            last = min(count, max(printer.toPage(), printer.fromPage())) - 1
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, tr("In"), tr("Không mở được máy in."))
            return False
        try:
            dpi = min(PRINT_DPI, printer.resolution())
            for page in range(first, last + 1):
                if page > first:
                    printer.newPage()
                target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
                target.moveTo(0, 0)
                points = self.pages.page_size(page)
                pixels = QSize(round(points.width() * dpi / POINTS_PER_INCH),
                               round(points.height() * dpi / POINTS_PER_INCH))
                image = self.pages.render(page, pixels)
                # Keep the page's proportions inside the printable area, centred.
                fitted = QSizeF(image.size()).scaled(QSizeF(target.size()),
                                                     Qt.AspectRatioMode.KeepAspectRatio)
                x = target.x() + (target.width() - fitted.width()) / 2
                y = target.y() + (target.height() - fitted.height()) / 2
                painter.drawImage(
                    QRectF(x, y, fitted.width(), fitted.height()), image)
        finally:
            painter.end()
        return True

    # -- saving -----------------------------------------------------------------------------

    def ask_save_path(self) -> str:
        """Ask where to save the PDF; "" when cancelled (tests replace this)."""
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Lưu thành tệp"), str(Path.home() / self.suggested_name()),
            tr("Tệp PDF (*.pdf)"))
        return path

    def suggested_name(self) -> str:
        """The file name offered when saving: the window title without unsafe characters."""
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in self.windowTitle())
        return f"{safe.strip() or 'tuquan'}.pdf"

    @Slot()
    def save_copy(self) -> str:
        """Copy the PDF where the user chooses; the path written, "" when cancelled."""
        path = self.ask_save_path()
        if not path:
            return ""
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            shutil.copyfile(self.pdf_path, path)
        except OSError as error:
            QMessageBox.warning(self, tr("Lưu thành tệp"),
                                tr("Không lưu được tệp {path}:\n{error}").format(
                                    path=path, error=error))
            return ""
        return path

