"""The table of the year's evaluation board: one row per group, filtered by what is asked."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from gui.i18n import N_, tr
from storage.evaluation import RESULT_LABELS, STAGE_LABELS, BoardRow
from storage.units import unit_sort_key

Index = QModelIndex | QPersistentModelIndex

CHECK = "✓"
RECOGNISED = ("new", "maintained")

# storage.evaluation's labels, marked here for the extractor (they are translated where shown;
# "Công nhận mới" and "Công nhận duy trì" are in gui.i18n.STORAGE_LABELS already).
EVALUATION_LABELS = (
    N_("Tự đánh giá"),
    N_("Phường/xã xét"),
    N_("Thành phố thẩm định"),
    N_("Đã có quyết định"),
    N_("Không công nhận"),
    N_("Chưa xét xong"),
)

COLUMN_WARD, COLUMN_GROUP, COLUMN_REGISTERED, COLUMN_STAGE, COLUMN_PASSED, COLUMN_RESULT, \
    COLUMN_FAILED = range(7)
HEADERS = (
    (N_("Phường/xã"), N_("Phường hoặc xã của tổ")),
    (N_("Tổ/Bản"), N_("Tổ dân phố hoặc bản")),
    (N_("Đăng ký"), N_("Đã đăng ký phấn đấu trong năm")),
    (N_("Bước"), N_("Bước đánh giá đang làm")),
    (N_("Tiêu chí đạt"), N_("Số tiêu chí đạt / tổng số tiêu chí")),
    (N_("Kết quả"), N_("Kết quả công nhận của năm")),
    (N_("Chưa đạt"),
     N_("Các tiêu chí chưa đạt: bắt buộc viết thường, không bắt buộc trong ngoặc")),
)
CENTERED = (COLUMN_REGISTERED, COLUMN_PASSED)

RESULT_COLORS = {
    "new": QColor("#1e7b45"),
    "maintained": QColor("#1e5fa8"),
    "not_recognised": QColor("#b03a2e"),
}
FAILED_REQUIRED_COLOR = QColor("#b03a2e")


def _recognised(row: BoardRow) -> bool:
    return row.result in RECOGNISED


# key → (label, test of a row), in the order of the filter combo.
FILTERS: dict[str, tuple[str, Callable[[BoardRow], bool]]] = {
    "all": (N_("Tất cả"), lambda row: True),
    "registered": (N_("Đã đăng ký"), lambda row: row.registered),
    "failed_required": (
        N_("Đăng ký nhưng chưa đạt tiêu chí bắt buộc"),
        lambda row: row.registered and bool(row.failed_required),
    ),
    "lost": (
        N_("Năm trước được công nhận nhưng nay chưa đạt"),
        lambda row: row.recognised_last_year and not _recognised(row),
    ),
    "recognised": (N_("Được công nhận"), _recognised),
}

STAGE_ORDER = {None: 0, "self": 1, "ward": 2, "city": 3, "decided": 4}
RESULT_ORDER = {"": 0, "pending": 1, "not_recognised": 2, "new": 3, "maintained": 4}


def failed_text(row: BoardRow) -> str:
    """The failed criteria: required codes plain, the others after them in brackets."""
    required = ", ".join(row.failed_required)
    other = f"({', '.join(row.failed_other)})" if row.failed_other else ""
    return " ".join(part for part in (required, other) if part)


def passed_text(row: BoardRow) -> str:
    """ "15/17", or "" before any evaluation."""
    return f"{row.passed}/{row.total}" if row.total else ""


def stage_text(row: BoardRow) -> str:
    """The stage in the interface language ("" before any evaluation)."""
    return tr(STAGE_LABELS[row.stage]) if row.stage in STAGE_LABELS else ""


def result_text(row: BoardRow) -> str:
    """The result in the interface language ("" when the group did not register)."""
    return tr(RESULT_LABELS[row.result]) if row.result in RESULT_LABELS else ""


class BoardModel(QAbstractTableModel):
    """The board rows that pass the chosen filter; ``set_rows`` loads a new year or scope."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.all_rows: list[BoardRow] = []
        self.rows: list[BoardRow] = []
        self.filter_key = "all"
        self.criterion_names: dict[str, str] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- loading ---------------------------------------------------------------------------

    def set_rows(self, rows: list[BoardRow],
                 criterion_names: Mapping[str, str] | None = None) -> None:
        """Show ``rows`` (in board order) under the current filter and sort."""
        self.beginResetModel()
        self.all_rows = list(rows)
        self.criterion_names = dict(criterion_names or {})
        self._apply()
        self.endResetModel()

    def set_filter(self, key: str) -> None:
        """Show only the rows of the filter ``key`` (a key of FILTERS)."""
        if key not in FILTERS:
            raise KeyError(key)
        self.beginResetModel()
        self.filter_key = key
        self._apply()
        self.endResetModel()

    def count(self, key: str) -> int:
        """How many of all rows pass the filter ``key``."""
        test = FILTERS[key][1]
        return sum(1 for row in self.all_rows if test(row))

    def _apply(self) -> None:
        test = FILTERS[self.filter_key][1]
        self.rows = [row for row in self.all_rows if test(row)]
        if self._sort is not None:
            column, order = self._sort
            self.rows.sort(key=lambda row: self._sort_key(row, column),
                           reverse=order == Qt.SortOrder.DescendingOrder)

    # -- reading ---------------------------------------------------------------------------

    def row_at(self, row: int) -> BoardRow | None:
        """The board row shown at ``row``."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADERS[section][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr(HEADERS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.group_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in CENTERED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COLUMN_RESULT and row.result in RESULT_COLORS:
                return RESULT_COLORS[row.result]
            if column == COLUMN_FAILED and row.failed_required:
                return FAILED_REQUIRED_COLOR
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _text(self, row: BoardRow, column: int) -> str:
        texts = {
            COLUMN_WARD: lambda: row.ward_name,
            COLUMN_GROUP: lambda: row.group_name,
            COLUMN_REGISTERED: lambda: CHECK if row.registered else "",
            COLUMN_STAGE: lambda: stage_text(row),
            COLUMN_PASSED: lambda: passed_text(row),
            COLUMN_RESULT: lambda: result_text(row),
            COLUMN_FAILED: lambda: failed_text(row),
        }
        return texts[column]() if column in texts else ""

    def _tooltip(self, row: BoardRow, column: int) -> str | None:
        if column == COLUMN_FAILED and (row.failed_required or row.failed_other):
            lines = [tr("Bắt buộc:")] if row.failed_required else []
            lines += [f"  {code} {self.criterion_names.get(code, '')}".rstrip()
                      for code in row.failed_required]
            if row.failed_other:
                lines.append(tr("Không bắt buộc:"))
                lines += [f"  {code} {self.criterion_names.get(code, '')}".rstrip()
                          for code in row.failed_other]
            return "\n".join(lines)
        if column == COLUMN_GROUP and row.recognised_last_year:
            return tr("Năm trước được công nhận")
        return None

    # -- sorting ---------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [self.rows[index.row()] if 0 <= index.row() < len(self.rows) else None
                    for index in old]
        self._sort = (column, order)
        self._apply()
        positions = {id(row): number for number, row in enumerate(self.rows)}
        for index, row in zip(old, old_rows, strict=True):
            new_row = positions.get(id(row)) if row is not None else None
            self.changePersistentIndex(
                index,
                self.index(new_row, index.column()) if new_row is not None else QModelIndex())
        self.layoutChanged.emit()

    @staticmethod
    def _sort_key(row: BoardRow, column: int) -> tuple[Any, ...]:
        place = (unit_sort_key(row.ward_name), unit_sort_key(row.group_name))
        keys: dict[int, tuple[Any, ...]] = {
            COLUMN_WARD: place,
            COLUMN_GROUP: (unit_sort_key(row.group_name), place),
            COLUMN_REGISTERED: (row.registered, place),
            COLUMN_STAGE: (STAGE_ORDER.get(row.stage, 0), place),
            COLUMN_PASSED: (row.passed / row.total if row.total else -1.0, place),
            COLUMN_RESULT: (RESULT_ORDER.get(row.result, 0), place),
            COLUMN_FAILED: (len(row.failed_required), len(row.failed_other), place),
        }
        return keys[column]
