"""The unit tree of one year (city → wards/communes → groups) as a Qt item model."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from gui.i18n import N_, tr
from storage.model import UnitNode
from storage.text import format_int

# The unit id of a row, on every column so any clicked cell leads to its unit.
UNIT_ID_ROLE = Qt.ItemDataRole.UserRole

COLUMN_NAME, COLUMN_HOUSEHOLDS, COLUMN_RECOGNISED = range(3)
# Vietnamese, translated where shown (the model is built after the translator is installed).
HEADERS = (N_("Đơn vị"), N_("Số hộ"), N_("Công nhận"))
RECOGNITION_TEXT = {"new": N_("Mới"), "maintained": N_("Duy trì")}


def recognition_text(node: UnitNode) -> str:
    """ "35/72" for the city or a ward; "Mới", "Duy trì" (translated) or "" for a group."""
    if node.unit.level == "group":
        kind = RECOGNITION_TEXT.get(node.recognition_kind or "")
        return tr(kind) if kind else ""
    return f"{node.recognised}/{node.groups}"


class UnitTreeModel(QStandardItemModel):
    """Rows of units with their households and recognitions in the loaded year.

    The model object stays the same when another year is loaded, so views and selection
    models attached to it keep working.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalHeaderLabels([tr(header) for header in HEADERS])

    def load(self, root: UnitNode | None) -> None:
        """Show the tree ``root`` (None: no units, an empty model)."""
        # Rows only: clear() would also drop the columns, and with them the views' per-column
        # header settings (stretch, resize to contents).
        self.removeRows(0, self.rowCount())
        if root is not None:
            self.appendRow(self._row(root))

    def _row(self, node: UnitNode) -> list[QStandardItem]:
        name = QStandardItem(node.unit.name)
        households = QStandardItem(format_int(node.households))
        recognised = QStandardItem(recognition_text(node))
        households.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        recognised.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        row = [name, households, recognised]
        for item in row:
            item.setEditable(False)
            item.setData(node.unit.id, UNIT_ID_ROLE)
        if node.unit.level != "group":
            # Bold for the levels that add up groups, so totals stand out from the groups.
            font = QFont()
            font.setBold(True)
            name.setFont(font)
        for child in node.children:
            name.appendRow(self._row(child))
        return row

    def index_of_unit(self, unit_id: str) -> QModelIndex:
        """The first-column index of the unit, or an invalid index when it is not shown."""
        if self.rowCount() == 0:
            return QModelIndex()
        matches = self.match(
            self.index(0, COLUMN_NAME),
            UNIT_ID_ROLE,
            unit_id,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        return matches[0] if matches else QModelIndex()

    def unit_id_at(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        """The id of the unit of the row of ``index`` (None for an invalid index)."""
        if not index.isValid():
            return None
        value = index.data(UNIT_ID_ROLE)
        return str(value) if value is not None else None
