"""The evaluation sheet of one group in one year: every criterion at every stage.

The official sees what the records say (the evidence), what the group, the ward and the city
answered, ticks the stage being worked on, saves it, approves it (which locks it), or reopens
the last approved stage with a reason. Approved stages are read-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import N_, tr
from gui.messages import ask, ask_discard, ask_text
from storage.criteria import CriterionResult, Framework, describe_rule
from storage.errors import StoreError
from storage.evaluation import STAGE_LABELS, STAGES, Answer, Approval, Evaluation
from storage.store import Store

# storage.evaluation.STAGE_LABELS, translated where shown.
STAGE_TEXTS = (
    N_("Tự đánh giá"),
    N_("Phường/xã xét"),
    N_("Thành phố thẩm định"),
    N_("Đã có quyết định"),
)
COLUMNS = (
    N_("Tiêu chí"),
    N_("Quy tắc"),
    N_("Minh chứng"),
    N_("Tự đánh giá"),
    N_("Phường/xã"),
    N_("Thành phố"),
)
COLUMN_CRITERION = 0
COLUMN_RULE = 1
COLUMN_EVIDENCE = 2
STAGE_COLUMNS = {"self": 3, "ward": 4, "city": 5}
PASSED = N_("Đạt")
FAILED = N_("Không đạt")
UNANSWERED = "—"

CRITERION_ROLE = Qt.ItemDataRole.UserRole
NOTE_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_STYLE = "color: #b00020;"
PASS_STYLE = "color: #1b5e20; font-weight: bold;"
FAIL_STYLE = "color: #b00020; font-weight: bold;"
EDITABLE_BACKGROUND = QColor("#fff8d6")
SAVE_SHORTCUT = "Ctrl+S"


def moment_text(at: str) -> str:
    """A stored UTC timestamp ("2025-03-01T08:15:00.000Z") as local "01/03/2025 15:15"."""
    try:
        moment = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


def answer_text(passed: bool | None) -> str:
    """Đạt / Không đạt / — in the interface language."""
    if passed is None:
        return UNANSWERED
    return tr(PASSED) if passed else tr(FAILED)


def approval_text(approval: Approval) -> str:
    """One line of the approval history: who approved or reopened which stage, when, why."""
    label = STAGE_LABELS.get(approval.stage, approval.stage)
    stage = tr(label)
    at = moment_text(approval.at)
    if approval.action == "approve":
        return tr("{stage}: duyệt bởi {actor} lúc {at}").format(
            stage=stage, actor=approval.actor, at=at)
    return tr("{stage}: mở lại bởi {actor} lúc {at}; lý do: {reason}").format(
        stage=stage, actor=approval.actor, at=at, reason=approval.note)


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text in the column's current width (Qt's tree view does
    not give the delegate the column width, so long criterion names would be cut off)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self.tree.columnWidth(index.column())
        if index.column() == 0 and not index.parent().isValid():
            # A top-level row spans every column (a standard's title).
            width = self.tree.viewport().width() - self.tree.indentation()
        elif index.column() == 0:
            depth = 0
            parent = index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            width -= self.tree.indentation() * (depth + 1)
        opt.rect = QRect(0, 0, max(width, 20), 10_000)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        style = self.tree.style()
        return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(),
                                      self.tree)


def wrap_rows(tree: QTreeWidget) -> None:
    """Make ``tree`` wrap long texts and recompute row heights when a column is resized."""
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    tree.setTextElideMode(Qt.TextElideMode.ElideNone)
    tree.setItemDelegate(WrappingDelegate(tree))
    tree.header().sectionResized.connect(lambda *_args: tree.doItemsLayout())


class _SheetTree(QTreeWidget):
    """The criteria tree; Space ticks the current criterion of the stage being worked on."""

    toggle_requested = Signal(QTreeWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() == Qt.Key.Key_Space and item is not None:
            self.toggle_requested.emit(item)
            event.accept()
            return
        super().keyPressEvent(event)


class EvaluationSheet(QDialog):
    """The evaluation of one group in one year; ``changed`` after every write to the store."""

    changed = Signal()

    def __init__(self, store: Store, group_id: str, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.group_id = group_id
        self.year = year
        self.group = store.units.get(group_id)
        self.framework: Framework | None = None
        self.evaluation: Evaluation | None = None
        self.registered = False
        self.live: dict[str, CriterionResult] = {}
        self.criterion_items: dict[str, QTreeWidgetItem] = {}
        self._initial: dict[str, tuple[bool | None, str]] = {}
        self._initial_proposed = False
        self._loading = False
        self.setWindowTitle(tr("Phiếu đánh giá năm {year}").format(year=year))
        self._build()
        self.load()

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.framework_label = QLabel()
        self.framework_label.setWordWrap(True)

        self.registration_label = QLabel()
        self.register_button = QPushButton(tr("Đăng ký phấn đấu"))
        self.register_button.setToolTip(
            tr("Ghi nhận tổ đăng ký phấn đấu năm {year} với ngày hôm nay").format(year=self.year))
        registration = QHBoxLayout()
        registration.setContentsMargins(0, 0, 0, 0)
        registration.addWidget(self.registration_label)
        registration.addWidget(self.register_button)
        registration.addStretch(1)
        self.stage_label = QLabel()
        self.stage_status: dict[str, QLabel] = {}
        state_box = QGroupBox(tr("Tiến độ"))
        state_form = QFormLayout(state_box)
        state_form.setVerticalSpacing(2)
        state_form.addRow(tr("Đăng ký:"), registration)
        state_form.addRow(tr("Bước đang làm:"), self.stage_label)
        for stage in STAGES:
            label = QLabel()
            label.setWordWrap(True)
            self.stage_status[stage] = label
            state_form.addRow(tr(STAGE_LABELS[stage]) + ":", label)

        history_box = QGroupBox(tr("Lịch sử duyệt"))
        self.history = QListWidget()
        self.history.setMaximumHeight(self.history.fontMetrics().height() * 6)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history)

        top = QHBoxLayout()
        top.addWidget(state_box, 3)
        top.addWidget(history_box, 2)

        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)

        self.tree = _SheetTree()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([tr(column) for column in COLUMNS])
        wrap_rows(self.tree)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_CRITERION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COLUMN_RULE, 240), (COLUMN_EVIDENCE, 210)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(column, width)
        metrics = header.fontMetrics()
        for column in STAGE_COLUMNS.values():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = self.tree.headerItem().text(column)
            # Wide enough for the header in any language and for "☑ Không đạt".
            self.tree.setColumnWidth(column, max(100, metrics.horizontalAdvance(title) + 24))

        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.proposed_box = QCheckBox(tr("Đề nghị công nhận"))
        self.proposed_box.setToolTip(tr("Phường/xã đề nghị thành phố công nhận tổ này"))
        self.recompute_button = QPushButton(tr("Tính lại"))
        self.recompute_button.setToolTip(
            tr("Tính lại các tiêu chí tự động từ hồ sơ hộ và hồ sơ tổ hiện nay"))
        self.save_button = QPushButton(tr("Lưu"))
        self.save_button.setToolTip(tr("Lưu bước đang làm (Ctrl+S)"))
        self.approve_button = QPushButton(tr("Duyệt bước này"))
        self.approve_button.setToolTip(tr("Khóa bước đang làm và chuyển sang bước sau"))
        self.reopen_button = QPushButton(tr("Mở lại…"))
        self.reopen_button.setToolTip(tr("Mở khóa bước đã duyệt gần nhất (cần ghi lý do)"))
        self.close_button = QPushButton(tr("Đóng"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.proposed_box)
        buttons.addWidget(self.recompute_button)
        buttons.addStretch(1)
        for button in (self.save_button, self.approve_button, self.reopen_button,
                       self.close_button):
            buttons.addWidget(button)
        # Enter in the tree edits a note: it must never press a button of the dialog.
        for button in (self.register_button, self.recompute_button, self.save_button,
                       self.approve_button, self.reopen_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.framework_label)
        layout.addLayout(top)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(1100, 700)

        self.register_button.clicked.connect(self.register)
        self.recompute_button.clicked.connect(self.recompute)
        self.save_button.clicked.connect(self.save)
        self.approve_button.clicked.connect(self.approve_stage)
        self.reopen_button.clicked.connect(self.reopen_stage)
        self.close_button.clicked.connect(self.reject)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.tree.toggle_requested.connect(self._on_toggle_requested)
        QShortcut(QKeySequence(SAVE_SHORTCUT), self, activated=self.save)

    # -- reading the store -----------------------------------------------------------------

    def load(self, keep_edits: bool = False) -> None:
        """Read the group's evaluation again; ``keep_edits`` keeps unsaved ticks and notes."""
        pending = self.pending_answers() if keep_edits else {}
        proposed = self.proposed_box.isChecked() if keep_edits else None
        self._loading = True
        try:
            self._read()
            self._fill_header()
            self._fill_tree()
            if pending:
                for criterion_id, (passed, note) in pending.items():
                    if self.is_editable(criterion_id):
                        self.set_answer(criterion_id, passed, note)
            self._initial_proposed = bool(self.evaluation and self.evaluation.proposed)
            self.proposed_box.setChecked(
                self._initial_proposed if proposed is None else proposed)
        finally:
            self._loading = False
        self._update_buttons()
        self._update_result()

    def _read(self) -> None:
        store = self.store
        self.group = store.units.get(self.group_id)
        self.registered = self.group_id in store.cycle.registered_group_ids(self.year)
        self.evaluation = store.evaluations.get(self.group_id, self.year)
        self.framework = None
        self.live = {}
        try:
            self.framework = (store.frameworks.get(self.evaluation.framework_id)
                              if self.evaluation else store.frameworks.for_year(self.year))
        except StoreError as error:
            self.show_error(str(error))
            return
        if self.evaluation is None or "self" not in self.evaluation.answers:
            # Nothing saved yet: show what the records say now.
            results = store.frameworks.compute(self.framework.criteria, self.year,
                                               [self.group_id])
            self.live = results.get(self.group_id, {})

    def current_stage(self) -> str | None:
        """The stage being worked on (the first one not approved); None when none is open."""
        if not self.registered or self.framework is None:
            return None
        if self.evaluation is None:
            return "self"
        if self.evaluation.stage == "decided":
            return None
        return next((s for s in STAGES if not self.evaluation.approved(s)), None)

    def last_approved_stage(self) -> str | None:
        """The stage "Mở lại…" reopens; None when nothing may be reopened."""
        if self.evaluation is None or self.evaluation.stage == "decided":
            return None
        approved = [s for s in STAGES if self.evaluation.approved(s)]
        return approved[-1] if approved else None

    def _approved_by(self, stage: str) -> Approval | None:
        if self.evaluation is None or not self.evaluation.approved(stage):
            return None
        return next((a for a in reversed(self.evaluation.approvals)
                     if a.stage == stage and a.action == "approve"), None)

    def _fill_header(self) -> None:
        self.title.setText(tr("{group} — năm {year}").format(
            group=self.store.units.full_name(self.group), year=self.year))
        if self.framework is not None:
            self.framework_label.setText(tr("Bộ tiêu chí: {name} (phiên bản {version})").format(
                name=self.framework.name, version=self.framework.version))
        else:
            self.framework_label.setText("")
        if self.registered:
            self.registration_label.setText(
                tr("Đã đăng ký phấn đấu năm {year}").format(year=self.year))
        else:
            self.registration_label.setText(
                tr("Chưa đăng ký phấn đấu năm {year}").format(year=self.year))
        self.register_button.setVisible(not self.registered)

        current = self.current_stage()
        if self.evaluation is not None and self.evaluation.stage == "decided":
            self.stage_label.setText(tr(STAGE_LABELS["decided"]))
        elif current is not None:
            self.stage_label.setText(tr(STAGE_LABELS[current]))
        elif self.registered and self.framework is not None:
            self.stage_label.setText(tr("Đã thẩm định xong, chờ quyết định công nhận"))
        else:
            self.stage_label.setText(tr("Chưa bắt đầu"))
        header = self.tree.headerItem()
        for stage in STAGES:
            approval = self._approved_by(stage)
            if approval is not None:
                text = tr("Đã duyệt bởi {actor} lúc {at}").format(
                    actor=approval.actor, at=moment_text(approval.at))
            elif stage == current:
                text = tr("Đang làm")
            else:
                text = tr("Chưa đến bước này")
            self.stage_status[stage].setText(text)
            header.setToolTip(STAGE_COLUMNS[stage], text)

        self.history.clear()
        approvals = self.evaluation.approvals if self.evaluation else []
        for approval in approvals:
            self.history.addItem(approval_text(approval))
        if not approvals:
            self.history.addItem(tr("Chưa có bước nào được duyệt."))

        if current is None:
            self.hint_label.setText(tr("Các bước đã duyệt chỉ để xem; muốn sửa phải mở lại."))
        elif current == "self":
            self.hint_label.setText(tr(
                "Đang làm bước {stage}: đánh dấu các tiêu chí thủ công (Space), bấm đúp hoặc"
                " Enter để ghi chú. Tiêu chí tự động lấy từ hồ sơ; bấm \"Tính lại\" khi hồ sơ"
                " thay đổi.").format(stage=tr(STAGE_LABELS[current])))
        else:
            self.hint_label.setText(tr(
                "Đang làm bước {stage}: đánh dấu Đạt hoặc bỏ dấu để sửa kết quả (Space), bấm"
                " đúp hoặc Enter để ghi chú.").format(stage=tr(STAGE_LABELS[current])))

    def _fill_tree(self) -> None:
        self.tree.clear()
        self.criterion_items = {}
        self._initial = {}
        if self.framework is None:
            return
        indicators = self.store.frameworks.indicators()
        current = self.current_stage()
        answers: Mapping[str, Mapping[str, Answer]] = (
            self.evaluation.answers if self.evaluation else {})
        finals = self.evaluation.final_answers() if self.evaluation else {}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for standard in self.framework.standards:
            parent = QTreeWidgetItem([f"{standard.code}. {standard.name}"])
            parent.setFont(COLUMN_CRITERION, bold)
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(parent)
            parent.setFirstColumnSpanned(True)
            for criterion in standard.criteria:
                name = f"{criterion.code} {criterion.name}"
                if criterion.required:
                    name += " " + tr("(bắt buộc)")
                rule = describe_rule(criterion.rule, indicators)
                final = finals.get(criterion.id)
                live = self.live.get(criterion.id)
                evidence = final.evidence if final is not None and final.evidence else (
                    live.evidence if live is not None else "")
                item = QTreeWidgetItem(parent, [name, rule, evidence])
                item.setData(COLUMN_CRITERION, CRITERION_ROLE, criterion.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                for column, text in ((COLUMN_CRITERION, name), (COLUMN_RULE, rule),
                                     (COLUMN_EVIDENCE, evidence)):
                    item.setToolTip(column, text)
                if criterion.required:
                    item.setFont(COLUMN_CRITERION, bold)
                for stage, column in STAGE_COLUMNS.items():
                    answer = answers.get(stage, {}).get(criterion.id)
                    passed = answer.passed if answer else None
                    note = answer.note if answer else ""
                    if stage == "self" and answer is None and live is not None:
                        passed = live.passed  # not saved yet: what the records say now
                    if stage == current and stage != "self" and answer is None:
                        # A review starts from the answers of the stages before it.
                        before = self._previous_answer(stage, criterion.id)
                        passed = before.passed if before else None
                        note = before.note if before else ""
                    self._set_cell(item, column, passed, note)
                    editable = stage == current and (stage != "self" or not criterion.computed)
                    if editable:
                        self._make_editable(item, column, passed)
                        self._initial[criterion.id] = (passed, note)
                self.criterion_items[criterion.id] = item
        self.tree.expandAll()

    def _previous_answer(self, stage: str, criterion_id: str) -> Answer | None:
        assert self.evaluation is not None
        found: Answer | None = None
        for earlier in STAGES[: STAGES.index(stage)]:
            found = self.evaluation.answers.get(earlier, {}).get(criterion_id, found)
        return found

    def _set_cell(self, item: QTreeWidgetItem, column: int, passed: bool | None,
                  note: str) -> None:
        item.setText(column, answer_text(passed))
        item.setData(column, NOTE_ROLE, note)
        item.setToolTip(column, note)
        item.setTextAlignment(column, Qt.AlignmentFlag.AlignCenter)

    def _make_editable(self, item: QTreeWidgetItem, column: int, passed: bool | None) -> None:
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        # Not answered yet: partly checked, shown "—"; one click makes it "Đạt".
        state = (Qt.CheckState.PartiallyChecked if passed is None
                 else Qt.CheckState.Checked if passed else Qt.CheckState.Unchecked)
        item.setCheckState(column, state)
        item.setBackground(column, QBrush(EDITABLE_BACKGROUND))
        item.setTextAlignment(column, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    # -- the editable column ---------------------------------------------------------------

    def is_editable(self, criterion_id: str) -> bool:
        """Whether the criterion may be ticked in the stage being worked on."""
        return criterion_id in self._initial

    def editable_column(self) -> int | None:
        """The tree column of the stage being worked on (None when every stage is locked)."""
        stage = self.current_stage()
        return STAGE_COLUMNS[stage] if stage else None

    def answer(self, criterion_id: str) -> tuple[bool | None, str]:
        """The editable cell's (passed, note); passed None when not answered."""
        column = self.editable_column()
        item = self.criterion_items[criterion_id]
        assert column is not None
        state = item.checkState(column)
        passed = (None if state == Qt.CheckState.PartiallyChecked
                  else state == Qt.CheckState.Checked)
        return passed, str(item.data(column, NOTE_ROLE) or "")

    def set_answer(self, criterion_id: str, passed: bool | None, note: str | None = None) -> None:
        """Tick (or untick) a criterion of the stage being worked on, as a click does."""
        if not self.is_editable(criterion_id):
            return
        column = self.editable_column()
        assert column is not None
        item = self.criterion_items[criterion_id]
        if note is not None:
            item.setData(column, NOTE_ROLE, note)
            item.setToolTip(column, note)
        state = (Qt.CheckState.PartiallyChecked if passed is None
                 else Qt.CheckState.Checked if passed else Qt.CheckState.Unchecked)
        item.setCheckState(column, state)
        self._refresh_cell(item)

    def stage_text(self, criterion_id: str, stage: str) -> str:
        """The text shown for a criterion at a stage (Đạt / Không đạt / —)."""
        return self.criterion_items[criterion_id].text(STAGE_COLUMNS[stage])

    def pending_answers(self) -> dict[str, tuple[bool | None, str]]:
        """The editable cells that differ from what was loaded."""
        return {criterion_id: self.answer(criterion_id) for criterion_id in self._initial
                if self.answer(criterion_id) != self._initial[criterion_id]}

    def is_dirty(self) -> bool:
        """Whether there are ticks or notes not yet saved."""
        if self.pending_answers():
            return True
        return (self.current_stage() == "ward"
                and self.proposed_box.isChecked() != self._initial_proposed)

    def _refresh_cell(self, item: QTreeWidgetItem) -> None:
        column = self.editable_column()
        criterion_id = item.data(COLUMN_CRITERION, CRITERION_ROLE)
        if column is None or criterion_id not in self._initial:
            return
        passed, note = self.answer(criterion_id)
        self._loading = True
        try:
            item.setText(column, answer_text(passed))
            item.setToolTip(column, note)
        finally:
            self._loading = False
        self._update_result()

    @Slot(QTreeWidgetItem, int)
    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._loading and column == self.editable_column():
            self._refresh_cell(item)

    @Slot(QTreeWidgetItem)
    def _on_toggle_requested(self, item: QTreeWidgetItem) -> None:
        criterion_id = item.data(COLUMN_CRITERION, CRITERION_ROLE)
        if criterion_id and self.is_editable(criterion_id):
            passed, _note = self.answer(criterion_id)
            self.set_answer(criterion_id, not passed)

    @Slot(QTreeWidgetItem, int)
    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        criterion_id = item.data(COLUMN_CRITERION, CRITERION_ROLE)
        if criterion_id and self.is_editable(criterion_id):
            self.edit_note(criterion_id)

    def edit_note(self, criterion_id: str) -> bool:
        """Ask for the note of a criterion in the stage being worked on; True when changed."""
        if not self.is_editable(criterion_id) or self.framework is None:
            return False
        criterion = next(c for c in self.framework.criteria if c.id == criterion_id)
        passed, note = self.answer(criterion_id)
        new_note = self.ask_note(criterion.code, note)
        if new_note is None or new_note == note:
            return False
        self.set_answer(criterion_id, passed, new_note)
        return True

    # -- results ---------------------------------------------------------------------------

    def shown_answers(self) -> dict[str, Answer]:
        """Per criterion, the answer the sheet shows now (the latest stage, unsaved ticks too)."""
        answers: dict[str, Answer] = {}
        if self.framework is None:
            return answers
        finals = self.evaluation.final_answers() if self.evaluation else {}
        stage = self.current_stage() or "self"
        for criterion in self.framework.criteria:
            if criterion.id in self._initial:
                passed, note = self.answer(criterion.id)
                answers[criterion.id] = Answer(criterion.id, stage, passed, note=note)
            elif criterion.id in finals:
                answers[criterion.id] = finals[criterion.id]
            elif criterion.id in self.live:
                answers[criterion.id] = Answer(criterion.id, "self",
                                               self.live[criterion.id].passed)
        return answers

    def result_text(self) -> tuple[str, bool]:
        """The result line and whether the answers meet the framework."""
        if self.framework is None:
            return "", False
        answers = self.shown_answers()

        def state(criterion_id: str) -> bool | None:
            answer = answers.get(criterion_id)
            return answer.passed if answer else None

        criteria = self.framework.criteria
        failed = [c.code for c in criteria if c.required and state(c.id) is False]
        waiting = [c.code for c in criteria if c.required and state(c.id) is None]
        others = [c.code for c in criteria if not c.required and state(c.id) is False]
        if self.framework.pass_rule == "points":
            points = sum(c.points for c in criteria if state(c.id))
            mark = self.framework.pass_mark or 0
            passed = points >= mark
            text = (tr("Đủ điểm: {points}/{mark} điểm") if passed
                    else tr("Chưa đủ điểm: {points}/{mark} điểm")).format(
                points=f"{points:g}", mark=f"{mark:g}")
            return text, passed
        if not failed and not waiting:
            text = tr("Đạt các tiêu chí bắt buộc")
            if others:
                text += " " + tr("(tiêu chí khác chưa đạt: {codes})").format(
                    codes=", ".join(others))
            return text, True
        parts = []
        if failed:
            parts.append(tr("Chưa đạt: {codes}").format(codes=", ".join(failed)))
        if waiting:
            parts.append(tr("Chưa đánh giá: {codes}").format(codes=", ".join(waiting)))
        return "; ".join(parts), False

    def _update_result(self) -> None:
        text, passed = self.result_text()
        self.result_label.setText(text)
        self.result_label.setStyleSheet(PASS_STYLE if passed else FAIL_STYLE)

    def _update_buttons(self) -> None:
        current = self.current_stage()
        self.save_button.setEnabled(current is not None)
        self.approve_button.setEnabled(current is not None)
        self.recompute_button.setEnabled(current == "self")
        self.reopen_button.setEnabled(self.last_approved_stage() is not None)
        self.proposed_box.setEnabled(current == "ward")
        self.proposed_box.setVisible(current == "ward" or bool(
            self.evaluation and self.evaluation.approved("self")))
        self.register_button.setEnabled(not self.registered)

    # -- writing ---------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Show a refusal inline (empty: hide it)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _write_stage(self, stage: str) -> None:
        """Write the stage being worked on from the editable column (raises StoreError)."""
        answers: dict[str, tuple[bool, str]] = {}
        for criterion_id in self._initial:
            passed, note = self.answer(criterion_id)
            if passed is not None:  # "—": not answered yet, left as it is
                answers[criterion_id] = (passed, note)
        evaluations = self.store.evaluations
        if stage == "self":
            evaluations.self_assess(self.group_id, self.year, answers)
        else:
            # Every answer the column shows, so what is saved is what the official saw.
            proposed = self.proposed_box.isChecked() if stage == "ward" else None
            evaluations.review(self.group_id, self.year, stage, answers, proposed)

    def _write(self, step: Callable[[], object], keep_edits: bool = False) -> bool:
        """Run one store write; show a refusal in red, else reload and tell the window."""
        try:
            step()
        except StoreError as error:
            self.show_error(str(error))
            return False
        self.show_error("")
        self.load(keep_edits=keep_edits)
        self.changed.emit()
        return True

    @Slot()
    def save(self) -> bool:
        """Lưu: write the stage being worked on."""
        stage = self.current_stage()
        if stage is None:
            return False
        return self._write(lambda: self._write_stage(stage))

    @Slot()
    def recompute(self) -> bool:
        """Tính lại: refresh the computed criteria of the self-assessment from the records."""
        if self.current_stage() != "self":
            return False
        # Manual answers keep what was saved; unsaved ticks stay on the sheet.
        return self._write(
            lambda: self.store.evaluations.self_assess(self.group_id, self.year, None),
            keep_edits=True)

    @Slot()
    def approve_stage(self) -> bool:
        """Duyệt bước này: save what is pending, then lock the stage being worked on."""
        stage = self.current_stage()
        if stage is None:
            return False
        label = tr(STAGE_LABELS[stage])
        if not self.confirm(tr("Duyệt bước \"{stage}\"? Sau khi duyệt, bước này bị khóa; muốn"
                               " sửa phải mở lại và ghi lý do.").format(stage=label)):
            return False
        wrote = False
        try:
            if (self.is_dirty() or self.evaluation is None
                    or stage not in self.evaluation.answers):
                self._write_stage(stage)
                wrote = True
            self.store.evaluations.approve(self.group_id, self.year, stage)
        except StoreError as error:
            if wrote:
                self.load(keep_edits=True)
                self.changed.emit()
            self.show_error(str(error))
            return False
        self.show_error("")
        self.load()
        self.changed.emit()
        return True

    @Slot()
    def reopen_stage(self) -> bool:
        """Mở lại…: unlock the last approved stage, with a reason."""
        stage = self.last_approved_stage()
        if stage is None:
            return False
        if self.is_dirty() and not self.ask_discard():
            return False
        reason = self.ask_reason(tr(STAGE_LABELS[stage]))
        if reason is None:
            return False
        return self._write(
            lambda: self.store.evaluations.reopen(self.group_id, self.year, stage, reason))

    @Slot()
    def register(self) -> bool:
        """Đăng ký phấn đấu: record the group's registration with today's date."""
        return self._write(lambda: self.store.evaluations.register(
            self.group_id, self.year, dt.date.today().isoformat()))

    # -- questions (tests replace these) ----------------------------------------------------

    def confirm(self, text: str) -> bool:
        """Ask before approving."""
        return ask(self, tr("Duyệt bước"), text, tr("Duyệt"), tr("Không duyệt"))

    def ask_reason(self, stage: str) -> str | None:
        """The reason to reopen ``stage`` (a label); None when cancelled."""
        return ask_text(self, tr("Mở lại bước"),
                        tr("Lý do mở lại bước \"{stage}\" (bắt buộc):").format(stage=stage))

    def ask_note(self, code: str, note: str) -> str | None:
        """The note of criterion ``code``; None when cancelled."""
        return ask_text(self, tr("Ghi chú"), tr("Ghi chú cho tiêu chí {code}:").format(code=code),
                        note)

    def ask_discard(self) -> bool:
        """Ask whether unsaved ticks may be thrown away (tests replace this)."""
        return ask_discard(self)

    def reject(self) -> None:
        if self.is_dirty() and not self.ask_discard():
            return
        super().reject()
