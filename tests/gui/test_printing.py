"""Printing: the PDF preview (view, save, print) and checking a certificate's QR code."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCursor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMenu, QToolBar
from pytestqt.qtbot import QtBot

from gui.dialogs.print_preview import PrintPreviewDialog
from gui.dialogs.verify_dialog import INVALID_STYLE, VALID_STYLE, VerifyDialog
from gui.main_window import MainWindow
from reports.city_summary import render_city_summary
from reports.data import city_summary_data
from storage.store import Store


@pytest.fixture
def writable_store(demo_path: Path, tmp_path: Path) -> Iterator[Store]:
    """A copy of the demo city that the test may change (issuing certificates writes)."""
    copy = tmp_path / "demo-copy.sqlite"
    shutil.copy(demo_path, copy)
    with Store(copy, actor="test") as opened:
        yield opened


@pytest.fixture
def city_pdf(demo_store: Store, tmp_path: Path) -> Path:
    path = tmp_path / "city-2024.pdf"
    render_city_summary(city_summary_data(demo_store, 2024), path)
    return path


@pytest.fixture
def preview(qtbot: QtBot, city_pdf: Path) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(city_pdf, "Báo cáo tổng hợp thành phố năm 2024")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_preview_shows_every_page_of_the_city_summary(preview: PrintPreviewDialog) -> None:
    assert preview.page_count() > 1
    assert "trang" in preview.info_label.text()
    image = preview.pages.render(0, preview.pages.page_size(0).toSize())
    assert not image.isNull() and image.width() > 100


def test_save_copies_the_pdf(preview: PrintPreviewDialog, city_pdf: Path, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "saved" / "bao-cao"
    target.parent.mkdir()
    monkeypatch.setattr(preview, "ask_save_path", lambda: str(target))
    assert preview.save_copy() == f"{target}.pdf"
    assert Path(f"{target}.pdf").read_bytes() == city_pdf.read_bytes()
    monkeypatch.setattr(preview, "ask_save_path", lambda: "")
    assert preview.save_copy() == ""


def test_print_to_a_pdf_printer(preview: PrintPreviewDialog, tmp_path: Path) -> None:
    output = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))
    assert preview.print_document(printer)
    assert output.stat().st_size > 1000
    from pypdf import PdfReader

    assert len(PdfReader(output).pages) == preview.page_count()


def test_verify_dialog_accepts_a_real_code_and_rejects_a_changed_one(
        qtbot: QtBot, writable_store: Store) -> None:
    issued = writable_store.certificates.issue(2024)
    certificate = issued[3]
    code = writable_store.certificates.qr_text(
        certificate.id, certificate.group_id, certificate.year, certificate.register_number)
    dialog = VerifyDialog(writable_store)
    qtbot.addWidget(dialog)
    dialog.show()

    dialog.code_edit.setText(code)
    qtbot.keyClick(dialog.code_edit, "\r")  # Enter checks, as a scanner ends its text
    assert dialog.result is not None and dialog.result.valid
    text = dialog.result_label.text()
    assert text.startswith("Hợp lệ") and certificate.register_number in text
    assert certificate.recipient in text and "2024" in text
    assert dialog.result_label.styleSheet() == VALID_STYLE

    tampered = code.replace("|2024|", "|2023|")
    dialog.code_edit.setText(tampered)
    dialog.check_button.click()
    assert dialog.result is not None and not dialog.result.valid
    assert dialog.result_label.text().startswith("Không hợp lệ")
    assert dialog.result_label.styleSheet() == INVALID_STYLE


def test_print_action_is_enabled_and_offers_the_selection(
        qtbot: QtBot, writable_store: Store) -> None:
    window = MainWindow(writable_store)
    qtbot.addWidget(window)
    window.show()
    assert window.print_action.isEnabled()
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    index = window.year_combo.findData(2024)
    window.year_combo.setCurrentIndex(index)
    ward = writable_store.units.find("Tân Phong", 2024, "ward")
    group = writable_store.units.groups_of(ward.id, 2024)[0]
    assert window.select_unit(group.id)
    kinds = {kind: ward_id for kind, _label, ward_id in window.print_choices()}
    assert kinds == {"city": None, "ward": ward.id, "certificates": ward.id}


def test_ctrl_p_opens_the_print_menu_under_the_print_button(
        qtbot: QtBot, writable_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # A blocking menu would hang the test: the menu must open with popup(), not exec().
    monkeypatch.setattr(QMenu, "exec", lambda *args: pytest.fail("modal print menu"))
    window = MainWindow(writable_store)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.year_combo.setCurrentIndex(window.year_combo.findData(2024))
    ward = writable_store.units.find("Tân Phong", 2024, "ward")
    assert window.select_unit(writable_store.units.groups_of(ward.id, 2024)[0].id)
    window.tree_view.setFocus()
    # The mouse pointer is elsewhere (the official is typing): the menu must not go there.
    QCursor.setPos(window.mapToGlobal(window.rect().bottomRight()) + QPoint(300, 300))

    qtbot.keyClick(window.tree_view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    menu = window.print_menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    assert [action.text() for action in menu.actions()] == [
        label for _kind, label, _ward in window.print_choices()]
    toolbar = window.findChild(QToolBar, "main_toolbar")
    button = toolbar.widgetForAction(window.print_action)
    below = button.mapToGlobal(button.rect().bottomLeft())

    def under_the_button() -> bool:
        # Right under the button; moved left only as far as the screen's edge requires.
        return (abs(menu.pos().y() - below.y()) <= 2 and menu.pos().x() <= below.x()
                and menu.geometry().right() >= below.x() + button.width())

    assert under_the_button()
    # The ward's report is chosen: Enter prints it (preview of that report).
    assert menu.activeAction() is menu.actions()[1]
    assert ward.name in menu.activeAction().text()
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.preview_dialog is not None, timeout=20000)
    dialog = window.preview_dialog
    assert dialog is not None and ward.name in dialog.windowTitle()
    assert dialog.page_count() >= 2
    dialog.close()
    qtbot.waitUntil(lambda: window.preview_dialog is None)
    assert not menu.isVisible()

    # The toolbar button opens the same menu at the same place; Escape closes it.
    button.click()
    qtbot.waitUntil(menu.isVisible)
    assert under_the_button()
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.isVisible())


def test_ward_certificates_print_then_reprint(qtbot: QtBot, writable_store: Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(writable_store)
    qtbot.addWidget(window)
    window.show()
    window.year_combo.setCurrentIndex(window.year_combo.findData(2024))
    ward = writable_store.units.find("Tân Phong", 2024, "ward")
    recognised = len(writable_store.cycle.recognitions(2024, ward.id))
    assert window.print_document("certificates", ward.id)
    qtbot.waitUntil(lambda: window.preview_dialog is not None, timeout=20000)
    dialog = window.preview_dialog
    assert dialog is not None and dialog.page_count() == recognised
    dialog.close()
    qtbot.waitUntil(lambda: window.preview_dialog is None)

    asked: list[int] = []
    monkeypatch.setattr(window, "ask_reprint", lambda year: asked.append(year) or False)
    assert not window.print_document("certificates", ward.id)
    assert asked == [2024]
    monkeypatch.setattr(window, "ask_reprint", lambda year: True)
    assert window.print_document("certificates", ward.id)
    qtbot.waitUntil(lambda: window.preview_dialog is not None, timeout=20000)
    reprints = [c for c in writable_store.certificates.for_year(2024, ward.id)
                if c.reprint_of_id]
    assert len(reprints) == recognised
    assert window.preview_dialog is not None
    window.preview_dialog.close()
