"""Questions that ask for a text, a number or a choice have Vietnamese buttons: Qt's own
QInputDialog.getText/getInt/getItem show "OK" / "Cancel" (Qt ships no Vietnamese), so the
program asks through gui.messages, never through them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton
from pytestqt.qtbot import QtBot

from gui.messages import INPUT_MIN_WIDTH, ask_int, ask_item, ask_text

GUI = Path(__file__).resolve().parents[2] / "gui"
STATIC_CALL = re.compile(r"QInputDialog\s*\.\s*get(Text|Int|Double|Item|MultiLineText)\b")


def test_no_part_of_the_interface_uses_qts_english_input_dialogs() -> None:
    found = [f"{path.relative_to(GUI.parent)}:{number}"
             for path in sorted(GUI.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if STATIC_CALL.search(line)]
    assert found == []


def answer(qtbot: QtBot, act: Callable[[QInputDialog], None], seen: dict[str, Any]) -> None:
    """When the input dialog shows: note its buttons and width, then ``act`` on it."""
    def look() -> None:
        dialog = next((widget for widget in QApplication.topLevelWidgets()
                       if isinstance(widget, QInputDialog) and widget.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(10, look)
            return
        if not dialog.isActiveWindow() and "waited" not in seen:
            seen["waited"] = True  # once: let it be laid out and sized first
            QTimer.singleShot(50, look)
            return
        seen["buttons"] = sorted(button.text() for button in dialog.findChildren(QPushButton)
                                 if button.isVisible())
        seen["width"] = dialog.width()
        act(dialog)
    QTimer.singleShot(0, look)


@pytest.mark.parametrize("accept, expected", [("", "Đồng ý"), ("Chuyển", "Chuyển")])
def test_a_text_is_asked_with_vietnamese_buttons(qtbot: QtBot, accept: str,
                                                  expected: str) -> None:
    seen: dict[str, Any] = {}

    def type_and_accept(dialog: QInputDialog) -> None:
        dialog.setTextValue("Bộ tiêu chí 2026")
        dialog.accept()

    answer(qtbot, type_and_accept, seen)
    assert ask_text(None, "Sao chép", "Tên phiên bản mới:", "cũ", accept=accept) == (
        "Bộ tiêu chí 2026")
    assert seen["buttons"] == sorted([expected, "Hủy"])
    assert "OK" not in seen["buttons"] and "Cancel" not in seen["buttons"]
    assert seen["width"] >= INPUT_MIN_WIDTH


def test_cancelling_gives_none_for_every_kind_of_question(qtbot: QtBot) -> None:
    asks: list[Callable[[], object]] = [
        lambda: ask_text(None, "Ghi chú", "Ghi chú:", "có sẵn"),
        lambda: ask_int(None, "Năm", "Áp dụng từ năm:", 2026, 2000, 2100),
        lambda: ask_item(None, "Chuyển hộ", "Sang tổ:", ["Tổ dân phố số 1", "Bản Mới"]),
    ]
    for ask in asks:
        seen: dict[str, Any] = {}
        answer(qtbot, lambda dialog: dialog.reject(), seen)
        assert ask() is None
        assert seen["buttons"] == ["Hủy", "Đồng ý"]


def test_a_number_stays_in_its_range_and_a_choice_is_one_of_the_items(qtbot: QtBot) -> None:
    seen: dict[str, Any] = {}

    def too_big(dialog: QInputDialog) -> None:
        dialog.setIntValue(5000)
        dialog.accept()

    answer(qtbot, too_big, seen)
    assert ask_int(None, "Năm", "Áp dụng từ năm:", 2026, 2000, 2100) == 2100

    def second(dialog: QInputDialog) -> None:
        dialog.setTextValue("Bản Mới")
        dialog.accept()

    answer(qtbot, second, seen)
    assert ask_item(None, "Chuyển hộ", "Sang tổ:", ["Tổ dân phố số 1", "Bản Mới"]) == "Bản Mới"
    answer(qtbot, lambda dialog: dialog.accept(), seen)
    assert ask_item(None, "Chuyển hộ", "Sang tổ:", ["Tổ dân phố số 1", "Bản Mới"]) == (
        "Tổ dân phố số 1")
