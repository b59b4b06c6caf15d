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

from gui.i18n import tr
from storage.model import HOUSEHOLD_FLAGS, POVERTY_LABELS


def status_choices() -> list[tuple[str, bool | str, str]]:
    """(status name, value, label) choices: every flag set or cleared, the poverty statuses.

    Built when asked, not at import, so the labels are in the interface language.
    """
    # storage's labels are translated through gui.i18n.STORAGE_LABELS.
    return [
        *[(flag, True, tr("{label}: có").format(label=tr(label)))
          for flag, label in HOUSEHOLD_FLAGS.items()],
        *[(flag, False, tr("{label}: không").format(label=tr(label)))
          for flag, label in HOUSEHOLD_FLAGS.items()],
        ("poverty", "poor", tr(POVERTY_LABELS["poor"])),
        ("poverty", "near_poor", tr(POVERTY_LABELS["near_poor"])),
        ("poverty", "", tr("Không nghèo, không cận nghèo")),
    ]


class BulkStatusDialog(QDialog):
    """Choose which status to set on the selected households."""

    def __init__(self, count: int, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Đặt tình trạng năm {year}").format(year=year))
        self.choices = status_choices()
        self.choice = QComboBox()
        for _name, _value, label in self.choices:
            self.choice.addItem(label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("Áp dụng cho {count} hộ").format(count=count)
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(QLabel(
            tr("Đã chọn {count} hộ. Tình trạng năm {year} sẽ đặt là:").format(
                count=count, year=year)
        ))
        layout.addRow(tr("Tình trạng:"), self.choice)
        layout.addRow(buttons)
        self.choice.setFocus()

    def selected(self) -> tuple[str, bool | str, str]:
        """(status name, value, label) of the chosen line; the label is shown as is."""
        return self.choices[self.choice.currentIndex()]
