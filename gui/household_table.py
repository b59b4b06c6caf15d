"""The household table model: filters and sorts in SQL, fetches rows in batches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gui.i18n import N_, tr
from gui.session import Session, session_of
from storage.ethnicity import ethnic_name
from storage.household_search import (
    HouseholdQuery,
    HouseholdRow,
    count_households,
    list_households,
)
from storage.store import Store
from storage.text import format_int

BATCH_SIZE = 200
CHECK = "✓"

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """A column of the table: header, tooltip, the query's sort key (None: not sortable).

    Header and tooltip are Vietnamese, translated where shown (``headerData``).
    """

    header: str
    tooltip: str
    sort_key: str | None


COLUMNS: tuple[Column, ...] = (
    Column(N_("Chủ hộ"), N_("Họ và tên chủ hộ"), "head_name"),
    Column(N_("Tổ/Bản"), N_("Tổ dân phố hoặc bản của năm đang xem"), "group"),
    Column(N_("Địa chỉ"), N_("Địa chỉ"), "address"),
    Column(N_("NK"), N_("Số nhân khẩu"), "member_count"),
    Column(N_("Dân tộc"), N_("Dân tộc của chủ hộ"), "ethnicity"),
    Column(N_("Năm sinh"), N_("Năm sinh chủ hộ"), "head_birth_year"),
    Column(N_("Điện thoại"), N_("Số điện thoại"), "phone"),
    Column(N_("VH"), N_("Gia đình văn hóa"), None),
    Column(N_("Nghèo"), N_("N: hộ nghèo, CN: hộ cận nghèo"), None),
    Column(N_("ANTT"), N_("Đã ký cam kết an ninh trật tự"), None),
    Column(N_("Rác"), N_("Có thiết bị lưu chứa rác thải"), None),
    Column(N_("Con 3"), N_("Sinh con thứ ba trong năm"), None),
)
# The poverty column's short marks, explained by its tooltip.
POVERTY_MARKS = {"poor": N_("N"), "near_poor": N_("CN")}
FLAG_COLUMNS = {7: "cultural_family", 9: "antt_commitment", 10: "waste_container",
                11: "third_child"}
POVERTY_COLUMN = 8
NUMBER_COLUMNS = (3, 5)


class HouseholdTableModel(QAbstractTableModel):
    """The households a HouseholdQuery lists; rows arrive BATCH_SIZE at a time as you scroll."""

    def __init__(self, store: Session | Store, query: HouseholdQuery) -> None:
        super().__init__()
        self._session = session_of(store)
        self.query = query
        self.total = 0
        self.rows: list[HouseholdRow] = []
        # Views (and the model tester) may ask for more rows while rows are being inserted;
        # one batch at a time keeps the insert notifications consistent.
        self._fetching = False
        self._load(BATCH_SIZE)

    # -- loading ---------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The session's store now (a restore replaces it)."""
        return self._session.store

    def _load(self, wanted: int) -> None:
        if not self.query.year:  # no year chosen yet (the page before its first unit)
            self.total, self.rows = 0, []
            return
        self.total = count_households(self.store, self.query)
        self.rows = list_households(self.store, self.query, 0, max(wanted, BATCH_SIZE))

    def set_query(self, query: HouseholdQuery) -> None:
        """Show another query's households (from the top)."""
        self.beginResetModel()
        self.query = query
        self._load(BATCH_SIZE)
        self._end_reset()

    def refresh(self) -> None:
        """Read the same query again after a change, keeping as many rows as were loaded."""
        self.beginResetModel()
        self._load(len(self.rows))
        self._end_reset()

    def _end_reset(self) -> None:
        # Listeners of modelReset may ask for more rows; inserting inside the reset
        # notification would interleave two changes, so they wait for the next request.
        self._fetching = True
        try:
            self.endResetModel()
        finally:
            self._fetching = False

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fetching:
            return
        more = list_households(self.store, self.query, len(self.rows), BATCH_SIZE)
        if not more:
            self.total = len(self.rows)  # the data changed under us; stop asking
            return
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()
        finally:
            self._fetching = False

    # -- reading ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section].header)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr(COLUMNS[section].tooltip)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in NUMBER_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column >= 7:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column >= 7 and not row.has_status:
            return tr("Chưa nhập tình trạng của năm này")
        return None

    def _text(self, row: HouseholdRow, column: int) -> str:
        if column == 0:
            return row.head_name
        if column == 1:
            return row.group_name
        if column == 2:
            return row.address
        if column == 3:
            return format_int(row.member_count)
        if column == 4:
            return ethnic_name(row.ethnicity_code)
        if column == 5:
            return str(row.head_birth_year) if row.head_birth_year else ""
        if column == 6:
            return row.phone
        if not row.has_status:
            return "·"
        if column == POVERTY_COLUMN:
            mark = POVERTY_MARKS.get(row.poverty)
            return tr(mark) if mark else ""
        return CHECK if row.flags.get(FLAG_COLUMNS.get(column, ""), False) else ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort_key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = self.query.with_changes(order_by=COLUMNS[column].sort_key, descending=descending)
        # The view asks twice for one click (the header indicator, then the view itself).
        if query != self.query:
            self.set_query(query)

    # -- ids -------------------------------------------------------------------------------

    def id_at(self, row: int) -> str | None:
        """The household id shown in ``row``."""
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, household_id: str) -> int:
        """The row showing a household among the loaded rows, or -1."""
        for number, row in enumerate(self.rows):
            if row.id == household_id:
                return number
        return -1
