"""A form dialog on screen that shows what is wrong grows to fit it: the red line never takes
its height from the wrapped texts above it (a clipped explanation hides what to do)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout
from pytestqt.qtbot import QtBot

from gui.dialogs.passphrase_dialog import NewPassphraseDialog, PassphrasePrompt
from gui.widgets.form_dialog import FormDialog

LONG_ERROR = ("Mật khẩu cần ít nhất 10 ký tự (nên là một câu dễ nhớ hoặc mật khẩu ngẫu nhiên"
              " ghi ra giấy). / At least 10 characters. ") * 3


def clipped_labels(dialog: FormDialog) -> list[str]:
    """The shown wrapped labels lower than the height their text needs at their width."""
    return [label.text()[:40] for label in dialog.findChildren(QLabel)
            if label.isVisible() and label.wordWrap() and label.text()
            and label.height() < label.heightForWidth(label.width())]


def shown(qtbot: QtBot, dialog: FormDialog) -> FormDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert clipped_labels(dialog) == []
    return dialog


def test_new_passphrase_refused_keeps_the_explanation_whole(qtbot: QtBot) -> None:
    dialog = shown(qtbot, NewPassphraseDialog())
    height = dialog.height()
    dialog.first_edit.setText("short")
    dialog.second_edit.setText("short")
    assert dialog.check_and_accept() is False
    qtbot.wait(10)
    assert dialog.error_label.isVisible()
    assert dialog.height() > height
    assert clipped_labels(dialog) == []


def test_every_error_line_fits_a_shown_dialog(qtbot: QtBot) -> None:
    plain = FormDialog()
    layout = QVBoxLayout(plain)
    intro = QLabel("Giải thích dài về việc cần làm trước khi bấm nút. " * 6)
    intro.setWordWrap(True)
    layout.addWidget(intro)
    layout.addWidget(plain.error_label)
    for dialog in (shown(qtbot, plain), shown(qtbot, PassphrasePrompt("Gõ mật khẩu " * 20)),
                   shown(qtbot, NewPassphraseDialog(replacing=True))):
        for message in ("Sai mật khẩu.", LONG_ERROR, "Mật khẩu không đúng; hãy gõ lại."):
            dialog.show_error(message)
            qtbot.wait(10)
            assert clipped_labels(dialog) == [], message
        dialog.show_error("")
        assert not dialog.error_label.isVisible()


def test_error_before_showing_changes_no_size(qtbot: QtBot) -> None:
    dialog = NewPassphraseDialog()
    qtbot.addWidget(dialog)
    size = dialog.size()
    dialog.show_error(LONG_ERROR)
    assert dialog.size() == size
    dialog.show()
    qtbot.waitExposed(dialog)
    assert clipped_labels(dialog) == []


def test_the_passphrase_prompt_shows_a_copys_name_on_one_line(qtbot: QtBot) -> None:
    name = "demo-20261204-191843-423555-extra.tqsaoluu"
    dialog = shown(qtbot, PassphrasePrompt(
        f"Bản sao lưu {name} (tạo lúc 04/12/2026 19:18) được mã hóa. Gõ mật khẩu của bản sao"
        " mang ra ngoài:"))
    label = next(label for label in dialog.findChildren(QLabel) if name in label.text())
    assert label.width() >= label.fontMetrics().horizontalAdvance(f"Bản sao lưu {name}")
