"""The year's evaluation board: figures and charts first, then every group's stage and result."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.board_model import (
    COLUMN_FAILED,
    COLUMN_GROUP,
    COLUMN_PASSED,
    COLUMN_REGISTERED,
    COLUMN_RESULT,
    COLUMN_STAGE,
    COLUMN_WARD,
    FILTERS,
    BoardModel,
)
from gui.i18n import tr
from gui.widgets.bar_chart import (
    MAINTAINED_COLOR,
    NEW_COLOR,
    PASS_COLOR,
    RECOGNISED_COLOR,
    REGISTERED_COLOR,
    BarChart,
)
from storage.criteria import Framework
from storage.errors import NotFound
from storage.evaluation import BoardRow
from storage.model import YearSummary
from storage.store import Store
from storage.text import format_int, format_percent

# How far back the per-year chart looks for the first recognitions.
YEARS_BACK = 20
SEPARATOR = " · "
_WARD_PREFIX = re.compile(r"^(Phường|Xã)\s+", re.IGNORECASE)


def short_ward_name(name: str) -> str:
    """ "Đoàn Kết" for "Phường Đoàn Kết": the chart says the categories are wards."""
    return _WARD_PREFIX.sub("", name) or name


def counts_text(summary: YearSummary) -> str:
    """ "Đăng ký: 40 · Công nhận: 35 (mới 7, duy trì 28) · Chỉ tiêu năm 32: đạt 109,4% · …"."""
    parts = [
        tr("Đăng ký: {n}").format(n=format_int(summary.registered)),
        tr("Công nhận: {total} (mới {new}, duy trì {maintained})").format(
            total=format_int(summary.recognised),
            new=format_int(summary.recognised_new),
            maintained=format_int(summary.recognised_maintained),
        ),
    ]
    if summary.year_target:
        parts.append(tr("Chỉ tiêu năm {target}: đạt {share}").format(
            target=format_int(summary.year_target),
            share=format_percent(summary.recognised, summary.year_target)))
    if summary.plan_target:
        parts.append(tr("Chỉ tiêu giai đoạn {target}: đạt {share}").format(
            target=format_int(summary.plan_target),
            share=format_percent(summary.recognised, summary.plan_target)))
    return SEPARATOR.join(parts)


class EvaluationBoardPage(QWidget):
    """Where the year's evaluation stands, for the city or one ward."""

    open_group = Signal(str, int)  # group id, year: open the group's evaluation sheet

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.year = 0
        self.scope_id: str | None = None  # the ward shown, None for the whole city
        self.setup_ui()

    def setup_ui(self) -> None:
        """Title and counts, the charts, the filter and the table."""
        self.title_label = QLabel()
        title_font = QFont(self.title_label.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        self.title_label.setFont(title_font)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.counts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.years_chart = BarChart()
        self.wards_chart = BarChart()
        self.criteria_chart = BarChart()
        self.charts = QSplitter(Qt.Orientation.Horizontal)
        self.charts.setChildrenCollapsible(False)
        for stretch, chart in enumerate((self.years_chart, self.wards_chart,
                                         self.criteria_chart), start=2):
            self.charts.addWidget(chart)
            self.charts.setStretchFactor(self.charts.indexOf(chart), stretch)

        self.filter_combo = QComboBox()
        for key, (label, _test) in FILTERS.items():
            self.filter_combo.addItem(tr(label), key)
        self.filter_combo.setToolTip(tr("Chọn nhóm tổ hiện trong bảng"))
        self.count_label = QLabel()
        filter_row = QHBoxLayout()
        filter_row.setContentsMargins(0, 0, 0, 0)
        filter_row.addWidget(QLabel(tr("Hiện:")))
        filter_row.addWidget(self.filter_combo)
        filter_row.addWidget(self.count_label)
        filter_row.addStretch(1)
        filter_row.addWidget(QLabel(tr("Nhấp đúp hoặc Enter để mở phiếu đánh giá")))

        self.model = BoardModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMN_WARD, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = {COLUMN_WARD: 140, COLUMN_GROUP: 150, COLUMN_REGISTERED: 80, COLUMN_STAGE: 150,
                  COLUMN_PASSED: 84, COLUMN_RESULT: 165, COLUMN_FAILED: 160}
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)

        self.open_action = QAction(tr("Mở phiếu đánh giá"), self)
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return),
                                       QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.open_action.triggered.connect(self.open_current)
        self.table.addAction(self.open_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        table_part = QWidget()
        table_layout = QVBoxLayout(table_part)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(filter_row)
        table_layout.addWidget(self.table, 1)

        # People would rather look than read: the charts come first.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.charts)
        self.splitter.addWidget(table_part)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, 330])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.splitter, 1)

        self.filter_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.table.doubleClicked.connect(self._on_double_clicked)

    # -- showing a year --------------------------------------------------------------------

    def show_year(self, store: Store, year: int, unit_id: str | None) -> None:
        """Show ``year`` for the city, or for a ward (a group shows its ward)."""
        self.store = store
        self.year = year
        selected = self.current_group_id()
        try:
            city = store.units.city()
            unit = store.units.get(unit_id) if unit_id else city
        except NotFound as error:
            self._show_message(str(error))
            return
        if unit.level == "group":
            unit = store.units.get(unit.parent_id) if unit.parent_id else city
        self.scope_id = unit.id if unit.level == "ward" else None
        scope = unit if unit.level == "ward" else city
        try:
            summary = store.cycle.summary(year, scope.id)
        except NotFound as error:
            self._show_message(str(error))
            return
        city_rows = store.evaluations.board(year)
        rows = [row for row in city_rows
                if self.scope_id is None or row.ward_id == self.scope_id]
        try:
            framework: Framework | None = store.frameworks.for_year(year)
        except NotFound:
            framework = None

        self.title_label.setText(
            tr("Đánh giá năm {year} — {unit}").format(year=year, unit=scope.name))
        self.counts_label.setText(counts_text(summary))
        self._show_years_chart(store, year, scope.id)
        self._show_wards_chart(store, year, city_rows)
        self._show_criteria_chart(year, rows, framework)
        names = {c.code: c.name for c in framework.criteria} if framework else {}
        self.model.set_rows(rows, names)
        self._update_filter_texts()
        if selected:
            self.select_group(selected)

    def _show_message(self, message: str) -> None:
        self.scope_id = None
        self.title_label.setText(message)
        self.counts_label.clear()
        for chart in (self.years_chart, self.wards_chart, self.criteria_chart):
            chart.clear()
        self.model.set_rows([])
        self._update_filter_texts()

    def _show_years_chart(self, store: Store, year: int, scope_id: str) -> None:
        """Recognised groups per year, new and maintained stacked, the yearly target dashed."""
        counts: dict[int, tuple[int, int]] = {}
        for each in range(year - YEARS_BACK, year + 1):
            recognitions = store.cycle.recognitions(each, scope_id)
            new = sum(r.kind == "new" for r in recognitions)
            counts[each] = (new, len(recognitions) - new)
        first = next((each for each, (new, kept) in counts.items() if new + kept), year)
        years = list(range(first, year + 1))
        targets: list[float | None] = []
        for each in years:
            target = store.cycle.target(scope_id, each, "year")
            targets.append(float(target[0]) if target else None)
        self.years_chart.set_data(
            [str(each) for each in years],
            [(tr("Công nhận mới"), [float(counts[each][0]) for each in years], NEW_COLOR),
             (tr("Công nhận duy trì"), [float(counts[each][1]) for each in years],
              MAINTAINED_COLOR)],
            stacked=True,
            target_line=targets if any(t is not None for t in targets) else None,
            title=tr("Tổ được công nhận qua các năm"),
            target_label=tr("Chỉ tiêu năm"),
            category_tips=[tr("Năm {year}").format(year=each) for each in years],
        )

    def _show_wards_chart(self, store: Store, year: int, rows: list[BoardRow]) -> None:
        """Per ward of the city: groups registered and groups recognised in ``year``."""
        wards = store.units.in_year(year, "ward")
        registered = [float(sum(r.registered for r in rows if r.ward_id == w.id)) for w in wards]
        recognised = [float(sum(r.result in ("new", "maintained")
                                for r in rows if r.ward_id == w.id)) for w in wards]
        if not any(registered) and not any(recognised):
            wards = []  # nothing to compare: say so rather than draw rows of zeros
        self.wards_chart.set_data(
            [short_ward_name(w.name) for w in wards],
            [(tr("Đăng ký"), registered, REGISTERED_COLOR),
             (tr("Công nhận"), recognised, RECOGNISED_COLOR)],
            title=tr("Theo phường/xã năm {year}").format(year=year),
            category_tips=[w.name for w in wards],
            empty_text=tr("Năm {year} chưa có tổ nào đăng ký.").format(year=year),
        )

    def _show_criteria_chart(self, year: int, rows: list[BoardRow],
                             framework: Framework | None) -> None:
        """The share of the evaluated groups that pass each criterion of the year."""
        evaluated = [row for row in rows if row.total]
        title = tr("Tỷ lệ tổ đạt từng tiêu chí ({n} tổ được đánh giá)").format(
            n=format_int(len(evaluated)))
        if framework is None or not evaluated:
            self.criteria_chart.set_data(
                [], [], title=title,
                empty_text=tr("Năm {year} chưa có tổ nào được đánh giá.").format(year=year)
                if framework else tr("Năm {year} chưa có bộ tiêu chí.").format(year=year))
            return
        criteria = framework.criteria
        shares = []
        for criterion in criteria:
            failing = sum(criterion.code in row.failed_required
                          or criterion.code in row.failed_other for row in evaluated)
            shares.append((len(evaluated) - failing) / len(evaluated) * 100)
        self.criteria_chart.set_data(
            [c.code for c in criteria],
            [(tr("Tỷ lệ tổ đạt"), shares, PASS_COLOR)],
            percent=True,
            title=title,
            category_tips=[
                f"{c.code} {c.name}" + (" " + tr("(bắt buộc)") if c.required else "")
                for c in criteria],
        )

    def _update_filter_texts(self) -> None:
        for position in range(self.filter_combo.count()):
            key = str(self.filter_combo.itemData(position))
            self.filter_combo.setItemText(position, tr("{label} ({count})").format(
                label=tr(FILTERS[key][0]), count=format_int(self.model.count(key))))
        self.count_label.setText(
            tr("{count} tổ").format(count=format_int(self.model.rowCount())))

    # -- the table -------------------------------------------------------------------------

    def set_filter(self, key: str) -> None:
        """Choose the filter ``key`` (a key of gui.board_model.FILTERS)."""
        self.filter_combo.setCurrentIndex(self.filter_combo.findData(key))

    @Slot(int)
    def _on_filter_changed(self, _position: int) -> None:
        key = self.filter_combo.currentData()
        if key is None:
            return
        selected = self.current_group_id()
        self.model.set_filter(str(key))
        self._update_filter_texts()
        if selected:
            self.select_group(selected)

    def current_group_id(self) -> str | None:
        """The group of the current row, if any."""
        row = self.model.row_at(self.table.currentIndex().row())
        return row.group_id if row else None

    def select_group(self, group_id: str) -> bool:
        """Make the group's row current; False when it is not shown."""
        for number, row in enumerate(self.model.rows):
            if row.group_id == group_id:
                index = self.model.index(number, COLUMN_GROUP)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        self._open_row(index.row())

    @Slot()
    def open_current(self) -> None:
        """Ask for the evaluation sheet of the current row's group."""
        self._open_row(self.table.currentIndex().row())

    def _open_row(self, number: int) -> None:
        row = self.model.row_at(number)
        if row is not None and self.year:
            self.open_group.emit(row.group_id, self.year)

