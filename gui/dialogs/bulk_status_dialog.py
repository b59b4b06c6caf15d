"""Set one status of the year on many households at once."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from storage.model import HOUSEHOLD_FLAGS

# (status name, value, label) choices: every flag set or cleared, and the poverty statuses.
CHOICES: list[tuple[str, bool | str, str]] = [
    *[(flag, True, f"{label}: có") for flag, label in HOUSEHOLD_FLAGS.items()],
    *[(flag, False, f"{label}: không") for flag, label in HOUSEHOLD_FLAGS.items()],
    ("poverty", "poor", "Hộ nghèo"),
    ("poverty", "near_poor", "Hộ cận nghèo"),
    ("poverty", "", "Không nghèo, không cận nghèo"),
]


class BulkStatusDialog(QDialog):
    """Choose which status to set on the selected households."""

    def __init__(self, count: int, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Đặt tình trạng năm {year}")
        self.choice = QComboBox()
        for _name, _value, label in CHOICES:
            self.choice.addItem(label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(f"Áp dụng cho {count} hộ")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(QLabel(f"Đã chọn {count} hộ. Tình trạng năm {year} sẽ đặt là:"))
        layout.addRow("Tình trạng:", self.choice)
        layout.addRow(buttons)
        self.choice.setFocus()

    def selected(self) -> tuple[str, bool | str, str]:
        """(status name, value, label) of the chosen line."""
        return CHOICES[self.choice.currentIndex()]
