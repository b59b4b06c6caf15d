"""The criteria framework editor of the city office: standards, criteria and their rules.

A framework already used by an evaluation is read-only (the evaluations keep the rules they
were judged by): the office copies it to a new version and edits that. While a rule is being
edited, a live preview says how many groups of a year would pass it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.evaluation_sheet import wrap_rows
from gui.i18n import N_, tr
from gui.messages import ask, ask_discard, ask_int, ask_text
from storage.criteria import (
    OPERATOR_TEXT,
    OPERATORS,
    RULE_KINDS,
    Criterion,
    Framework,
    Indicator,
    describe_rule,
    validate_rule,
)
from storage.errors import StoreError, ValidationError
from storage.store import Store

# storage.criteria.RULE_KINDS, translated where shown.
RULE_KIND_TEXTS = (
    N_("Đánh giá thủ công (có/không)"),
    N_("Tỷ lệ hộ đạt"),
    N_("Số hộ"),
    N_("Giá trị của tổ"),
    N_("Thấp hơn tỷ lệ chung của phường/xã"),
    N_("Đạt liên tục nhiều năm"),
)
USED_NOTE = N_("Bộ tiêu chí đã dùng để đánh giá; hãy sao chép thành phiên bản mới để sửa.")
HOUSEHOLD_KINDS = ("household_share", "household_count", "below_ward_rate")
GROUP_KINDS = ("group_value", "consecutive_years")
THRESHOLD_KINDS = ("household_share", "household_count", "group_value")
KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: #8a5300; font-weight: bold;"
SAVE_SHORTCUT = "Ctrl+S"


def indicator_level(kind: str) -> str | None:
    """The level of the indicators a rule kind reads: household, group, or None (manual)."""
    if kind in HOUSEHOLD_KINDS:
        return "household"
    if kind in GROUP_KINDS:
        return "group"
    return None


def framework_title(framework: Framework) -> str:
    """A framework as the selector lists it: name, version, years."""
    return tr("{name} — phiên bản {version} ({years})").format(
        name=framework.name, version=framework.version, years=years_text(framework))


def years_text(framework: Framework) -> str:
    """2021–2025, or "từ 2026" when open-ended."""
    if framework.year_to is None:
        return tr("từ {year}").format(year=framework.year_from)
    return f"{framework.year_from}–{framework.year_to}"


def framework_used(store: Store, framework: Framework) -> bool:
    """Whether an evaluation uses the framework (its criteria may no longer change)."""
    return store.frameworks.used_count(framework.id) > 0


class _StandardDialog(QDialog):
    """Asks the code and name of a new standard."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Thêm tiêu chuẩn"))
        self.code = QLineEdit(code)
        self.name = QLineEdit()
        form = QFormLayout(self)
        form.addRow(tr("Mã:"), self.code)
        form.addRow(tr("Tên tiêu chuẩn:"), self.name)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("Thêm"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.name.setFocus()
        self.resize(420, self.sizeHint().height())


class FrameworkEditor(QDialog):
    """Edit the criteria frameworks; ``changed`` after every write to the store."""

    changed = Signal()

    def __init__(self, store: Store, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.year = year
        self.framework: Framework | None = None
        self.criterion: Criterion | None = None  # the criterion in the editor, as saved
        self.used = False
        self.indicators: dict[str, Indicator] = store.frameworks.indicators()
        self._loading = False
        self._framework_index = -1
        self.setWindowTitle(tr("Bộ tiêu chí đánh giá"))
        self._build()
        self.load_frameworks()
        default = None
        try:
            default = store.frameworks.for_year(year).id
        except StoreError:
            pass
        self.select_framework(default)

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.framework_combo = QComboBox()
        self.framework_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.framework_combo.setMinimumContentsLength(40)
        selector = QHBoxLayout()
        selector_label = QLabel(tr("&Bộ tiêu chí:"))
        selector_label.setBuddy(self.framework_combo)
        selector.addWidget(selector_label)
        selector.addWidget(self.framework_combo, 1)

        self.name_label = QLabel()
        self.name_label.setWordWrap(True)
        self.years_label = QLabel()
        self.basis_label = QLabel()
        self.basis_label.setWordWrap(True)
        info = QFormLayout()
        info.setVerticalSpacing(2)
        info.addRow(tr("Tên:"), self.name_label)
        info.addRow(tr("Năm áp dụng:"), self.years_label)
        info.addRow(tr("Căn cứ:"), self.basis_label)
        self.used_label = QLabel(tr(USED_NOTE))
        self.used_label.setStyleSheet(NOTE_STYLE)
        self.used_label.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("Tiêu chuẩn, tiêu chí"), tr("Quy tắc")])
        wrap_rows(self.tree)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(1, 200)
        self.add_standard_button = QPushButton(tr("Thêm tiêu chuẩn"))
        self.add_criterion_button = QPushButton(tr("Thêm tiêu chí"))
        self.remove_criterion_button = QPushButton(tr("Xóa tiêu chí"))
        tree_buttons = QHBoxLayout()
        for button in (self.add_standard_button, self.add_criterion_button,
                       self.remove_criterion_button):
            tree_buttons.addWidget(button)
        tree_buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(tree_buttons)

        self.editor = QGroupBox(tr("Tiêu chí"))
        self.code_edit = QLineEdit()
        self.code_edit.setMaximumWidth(100)
        self.name_edit = QLineEdit()
        self.required_box = QCheckBox(tr("Bắt buộc (không đạt thì không được công nhận)"))
        self.points_spin = QDoubleSpinBox()
        self.points_spin.setRange(0, 1000)
        self.points_spin.setDecimals(1)
        self.kind_combo = QComboBox()
        for kind, label in RULE_KINDS.items():
            self.kind_combo.addItem(tr(label), kind)
        self.indicator_combo = QComboBox()
        self.op_combo = QComboBox()
        for op in OPERATORS:
            self.op_combo.addItem(OPERATOR_TEXT[op], op)
        self.threshold_spin = QDoubleSpinBox()
        # Wider than any valid threshold: out-of-range values get the rule's own message.
        self.threshold_spin.setRange(0, 1_000_000)
        self.threshold_spin.setDecimals(1)
        # Numbers as Vietnamese write them (90,5), like the evidence texts.
        vietnamese = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
        for spin in (self.points_spin, self.threshold_spin):
            spin.setLocale(vietnamese)
        self.years_spin = QSpinBox()
        self.years_spin.setRange(0, 99)
        self.preview_year_spin = QSpinBox()
        self.preview_year_spin.setRange(2000, 2100)
        self.preview_year_spin.setValue(self.year)
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.save_criterion_button = QPushButton(tr("Lưu tiêu chí"))
        self.save_criterion_button.setToolTip(tr("Lưu tiêu chí đang sửa (Ctrl+S)"))
        self.form = QFormLayout(self.editor)
        self.form.addRow(tr("Mã:"), self.code_edit)
        self.form.addRow(tr("Tên tiêu chí:"), self.name_edit)
        self.form.addRow("", self.required_box)
        self.form.addRow(tr("Điểm:"), self.points_spin)
        self.form.addRow(tr("Loại quy tắc:"), self.kind_combo)
        self.form.addRow(tr("Chỉ số:"), self.indicator_combo)
        self.form.addRow(tr("Phép so sánh:"), self.op_combo)
        self.form.addRow(tr("Ngưỡng:"), self.threshold_spin)
        self.form.addRow(tr("Số năm liên tục:"), self.years_spin)
        self.form.addRow(tr("Xem trước với số liệu năm:"), self.preview_year_spin)
        self.form.addRow(self.preview_label)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_criterion_button)
        self.form.addRow(save_row)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([620, 440])

        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.copy_button = QPushButton(tr("Sao chép thành phiên bản mới…"))
        self.close_button = QPushButton(tr("Đóng"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.copy_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        for button in (self.add_standard_button, self.add_criterion_button,
                       self.remove_criterion_button, self.save_criterion_button,
                       self.copy_button, self.close_button):
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(selector)
        layout.addLayout(info)
        layout.addWidget(self.used_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)
        self.resize(1100, 700)

        self.framework_combo.currentIndexChanged.connect(self._on_framework_chosen)
        self.tree.currentItemChanged.connect(self._on_current_item_changed)
        self.add_standard_button.clicked.connect(self.add_standard)
        self.add_criterion_button.clicked.connect(self.add_criterion)
        self.remove_criterion_button.clicked.connect(self.remove_criterion)
        self.save_criterion_button.clicked.connect(self.save_criterion)
        self.copy_button.clicked.connect(self.copy_framework)
        self.close_button.clicked.connect(self.reject)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        for signal in (self.indicator_combo.currentIndexChanged,
                       self.op_combo.currentIndexChanged, self.threshold_spin.valueChanged,
                       self.years_spin.valueChanged, self.preview_year_spin.valueChanged,
                       self.code_edit.textEdited, self.name_edit.textEdited,
                       self.required_box.toggled, self.points_spin.valueChanged):
            signal.connect(self._on_edited)
        QShortcut(QKeySequence(SAVE_SHORTCUT), self, activated=self.save_criterion)

    # -- frameworks ------------------------------------------------------------------------

    def load_frameworks(self) -> None:
        """Fill the selector from the store (newest first)."""
        self._loading = True
        try:
            self.framework_combo.clear()
            for framework in self.store.frameworks.all():
                self.framework_combo.addItem(framework_title(framework), framework.id)
        finally:
            self._loading = False

    def select_framework(self, framework_id: str | None) -> None:
        """Show a framework (the first one when ``framework_id`` is None or unknown)."""
        index = self.framework_combo.findData(framework_id) if framework_id else -1
        index = max(index, 0) if self.framework_combo.count() else -1
        self._loading = True
        try:
            self.framework_combo.setCurrentIndex(index)
        finally:
            self._loading = False
        self._framework_index = index
        self._show_framework(self.framework_combo.itemData(index) if index >= 0 else None)

    @Slot(int)
    def _on_framework_chosen(self, index: int) -> None:
        if self._loading or index == self._framework_index:
            return
        if self.is_dirty() and not self.ask_discard():
            self._loading = True
            self.framework_combo.setCurrentIndex(self._framework_index)
            self._loading = False
            return
        self._framework_index = index
        self._show_framework(self.framework_combo.itemData(index))

    def _show_framework(self, framework_id: str | None, criterion_id: str | None = None) -> None:
        self.show_error("")
        self.framework = self.store.frameworks.get(framework_id) if framework_id else None
        framework = self.framework
        self.used = framework is not None and framework_used(self.store, framework)
        self.name_label.setText(framework.name if framework else tr("Chưa có bộ tiêu chí nào."))
        self.years_label.setText(years_text(framework) if framework else "")
        self.basis_label.setText(framework.legal_basis if framework else "")
        self.used_label.setVisible(self.used)
        self._fill_tree(criterion_id)

    def _fill_tree(self, criterion_id: str | None = None) -> None:
        self._loading = True
        try:
            self.tree.clear()
            bold = QFont(self.tree.font())
            bold.setBold(True)
            current: QTreeWidgetItem | None = None
            if self.framework is not None:
                for standard in self.framework.standards:
                    parent = QTreeWidgetItem([f"{standard.code}. {standard.name}"])
                    parent.setData(0, KIND_ROLE, "standard")
                    parent.setData(0, ID_ROLE, standard.id)
                    parent.setFont(0, bold)
                    self.tree.addTopLevelItem(parent)
                    parent.setFirstColumnSpanned(True)
                    for criterion in standard.criteria:
                        text = f"{criterion.code} {criterion.name}"
                        if criterion.required:
                            text += " " + tr("(bắt buộc)")
                        rule = describe_rule(criterion.rule, self.indicators)
                        item = QTreeWidgetItem(parent, [text, rule])
                        item.setData(0, KIND_ROLE, "criterion")
                        item.setData(0, ID_ROLE, criterion.id)
                        item.setToolTip(0, text)
                        item.setToolTip(1, rule)
                        if criterion.required:
                            item.setFont(0, bold)
                        if criterion.id == criterion_id:
                            current = item
            self.tree.expandAll()
            if current is not None:
                self.tree.setCurrentItem(current)
        finally:
            self._loading = False
        self._load_criterion(self.criterion_by_id(criterion_id) if current else None)

    def criterion_by_id(self, criterion_id: str | None) -> Criterion | None:
        """A criterion of the framework shown."""
        if self.framework is None or criterion_id is None:
            return None
        return next((c for c in self.framework.criteria if c.id == criterion_id), None)

    def criterion_codes(self) -> list[str]:
        """The codes of the criteria in the tree, in order."""
        codes = []
        for index in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(index)
            for child in range(parent.childCount()):
                criterion = self.criterion_by_id(parent.child(child).data(0, ID_ROLE))
                if criterion is not None:
                    codes.append(criterion.code)
        return codes

    def select_criterion(self, code: str) -> bool:
        """Select the criterion with ``code`` (as clicking it does); False when not found."""
        for index in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(index)
            for child in range(parent.childCount()):
                item = parent.child(child)
                criterion = self.criterion_by_id(item.data(0, ID_ROLE))
                if criterion is not None and criterion.code == code:
                    self.tree.setCurrentItem(item)
                    return self.criterion is not None and self.criterion.code == code
        return False

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_current_item_changed(self, current: QTreeWidgetItem | None,
                                 previous: QTreeWidgetItem | None) -> None:
        if self._loading:
            return
        if self.is_dirty() and not self.ask_discard():
            self._loading = True
            self.tree.setCurrentItem(previous)
            self._loading = False
            return
        criterion = None
        if current is not None and current.data(0, KIND_ROLE) == "criterion":
            criterion = self.criterion_by_id(current.data(0, ID_ROLE))
        self.show_error("")
        self._load_criterion(criterion)

    def _selected_standard_id(self) -> str | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        if item.data(0, KIND_ROLE) == "criterion":
            item = item.parent()
        return str(item.data(0, ID_ROLE)) if item is not None else None

    # -- the criterion editor --------------------------------------------------------------

    def _load_criterion(self, criterion: Criterion | None) -> None:
        self.criterion = criterion
        self._loading = True
        try:
            rule: dict[str, Any] = criterion.rule if criterion else {"kind": "manual"}
            self.code_edit.setText(criterion.code if criterion else "")
            self.name_edit.setText(criterion.name if criterion else "")
            self.required_box.setChecked(criterion.required if criterion else False)
            self.points_spin.setValue(criterion.points if criterion else 0)
            self.kind_combo.setCurrentIndex(
                max(0, self.kind_combo.findData(rule.get("kind", "manual"))))
            self._fill_indicators(rule.get("indicator"))
            self.op_combo.setCurrentIndex(max(0, self.op_combo.findData(rule.get("op", ">="))))
            self.threshold_spin.setValue(float(rule.get("threshold", 0)))
            self.years_spin.setValue(int(rule.get("years", 2)))
        finally:
            self._loading = False
        self._update_state()

    def _fill_indicators(self, keep: str | None) -> None:
        level = indicator_level(str(self.kind_combo.currentData()))
        self.indicator_combo.blockSignals(True)
        try:
            self.indicator_combo.clear()
            for indicator in self.indicators.values():
                if indicator.level == level:
                    self.indicator_combo.addItem(indicator.name, indicator.code)
            index = self.indicator_combo.findData(keep) if keep else -1
            self.indicator_combo.setCurrentIndex(max(index, 0) if self.indicator_combo.count()
                                                 else -1)
        finally:
            self.indicator_combo.blockSignals(False)

    def rule(self) -> dict[str, Any]:
        """The rule the editor's fields describe (not yet checked)."""
        kind = str(self.kind_combo.currentData())
        rule: dict[str, Any] = {"kind": kind}
        if kind == "manual":
            return rule
        rule["indicator"] = self.indicator_combo.currentData()
        if kind in THRESHOLD_KINDS:
            rule["op"] = self.op_combo.currentData()
            rule["threshold"] = self.threshold_spin.value()
        if kind == "consecutive_years":
            rule["years"] = self.years_spin.value()
        return rule

    def candidate(self) -> Criterion | None:
        """The criterion as edited (unsaved), or None when no criterion is selected."""
        if self.criterion is None:
            return None
        return dataclasses.replace(
            self.criterion, code=self.code_edit.text(), name=self.name_edit.text(),
            required=self.required_box.isChecked(), points=self.points_spin.value(),
            rule=self.rule())

    def is_dirty(self) -> bool:
        """Whether the editor holds changes not saved."""
        candidate = self.candidate()
        if candidate is None or self.criterion is None or self.used:
            return False
        saved = self.criterion
        if (candidate.code.strip(), candidate.name.strip(), candidate.required,
                candidate.points) != (saved.code, saved.name, saved.required, saved.points):
            return True
        try:
            return (validate_rule(candidate.rule, self.indicators)
                    != validate_rule(saved.rule, self.indicators))
        except ValidationError:
            return True

    def preview_text(self) -> tuple[str, bool]:
        """The live preview line and whether the rule is valid."""
        candidate = self.candidate()
        if candidate is None:
            return tr("Chọn một tiêu chí để xem và sửa."), True
        try:
            rule = validate_rule(candidate.rule, self.indicators)
        except ValidationError as error:
            return tr("Quy tắc chưa hợp lệ: {message}").format(message=str(error)), False
        if rule["kind"] == "manual":
            return tr("Tiêu chí thủ công: tổ tự đánh giá, phường/xã và thành phố xét."), True
        year = self.preview_year_spin.value()
        passing, total = self.store.frameworks.preview(
            dataclasses.replace(candidate, rule=rule), year)
        return tr("Năm {year}: {passing}/{total} tổ đạt").format(
            year=year, passing=passing, total=total), True

    def _update_preview(self) -> None:
        text, valid = self.preview_text()
        self.preview_label.setText(text)
        self.preview_label.setStyleSheet("" if valid else ERROR_STYLE)

    def _update_state(self) -> None:
        kind = str(self.kind_combo.currentData())
        self.form.setRowVisible(self.indicator_combo, kind != "manual")
        self.form.setRowVisible(self.op_combo, kind in THRESHOLD_KINDS)
        self.form.setRowVisible(self.threshold_spin, kind in THRESHOLD_KINDS)
        self.form.setRowVisible(self.years_spin, kind == "consecutive_years")
        self.threshold_spin.setSuffix(" %" if kind == "household_share" else "")
        has_criterion = self.criterion is not None
        editable = has_criterion and not self.used
        for widget in (self.code_edit, self.name_edit, self.required_box, self.points_spin,
                       self.kind_combo, self.indicator_combo, self.op_combo,
                       self.threshold_spin, self.years_spin, self.save_criterion_button):
            widget.setEnabled(editable)
        self.preview_year_spin.setEnabled(has_criterion)
        framework_open = self.framework is not None and not self.used
        self.add_standard_button.setEnabled(framework_open)
        self.add_criterion_button.setEnabled(
            framework_open and self._selected_standard_id() is not None)
        self.remove_criterion_button.setEnabled(editable)
        self.copy_button.setEnabled(self.framework is not None)
        self._update_preview()

    @Slot()
    def _on_kind_changed(self) -> None:
        if self._loading:
            return
        self._fill_indicators(self.indicator_combo.currentData())
        self._update_state()

    @Slot()
    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self._update_preview()

    # -- writing ---------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Show a refusal inline (empty: hide it)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _after_write(self, criterion_id: str | None) -> None:
        framework_id = self.framework.id if self.framework else None
        self._show_framework(framework_id, criterion_id)
        self.changed.emit()

    @Slot()
    def save_criterion(self) -> bool:
        """Lưu tiêu chí: save the criterion in the editor."""
        candidate = self.candidate()
        if candidate is None or self.used:
            return False
        try:
            validate_rule(candidate.rule, self.indicators)
            saved = self.store.frameworks.update_criterion(candidate)
        except StoreError as error:
            self.show_error(str(error))
            return False
        self._after_write(saved.id)
        return True

    @Slot()
    def add_standard(self) -> bool:
        """Thêm tiêu chuẩn: append a standard to the framework."""
        if self.framework is None or self.used:
            return False
        answer = self.ask_standard(str(len(self.framework.standards) + 1))
        if answer is None:
            return False
        code, name = answer
        try:
            standard = self.store.frameworks.add_standard(self.framework.id, code, name)
        except StoreError as error:
            self.show_error(str(error))
            return False
        self._after_write(None)
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item.data(0, ID_ROLE) == standard.id:
                self.tree.setCurrentItem(item)
        return True

    @Slot()
    def add_criterion(self) -> bool:
        """Thêm tiêu chí: append a manual criterion to the selected standard, then edit it."""
        if self.framework is None or self.used:
            return False
        if self.is_dirty() and not self.ask_discard():
            return False
        standard_id = self._selected_standard_id()
        standard = next((s for s in self.framework.standards if s.id == standard_id), None)
        if standard is None:
            self.show_error(tr("Chọn tiêu chuẩn sẽ chứa tiêu chí mới."))
            return False
        code = f"{standard.code}.{len(standard.criteria) + 1}"
        try:
            criterion = self.store.frameworks.add_criterion(
                standard.id, code, tr("Tiêu chí mới"), {"kind": "manual"}, False)
        except StoreError as error:
            self.show_error(str(error))
            return False
        self.criterion = None  # the new one replaces whatever was in the editor
        self._after_write(criterion.id)
        self.name_edit.setFocus()
        self.name_edit.selectAll()
        return True

    @Slot()
    def remove_criterion(self) -> bool:
        """Xóa tiêu chí: remove the selected criterion (after asking)."""
        if self.criterion is None or self.used:
            return False
        if not self.confirm(tr("Xóa tiêu chí {code} {name}?").format(
                code=self.criterion.code, name=self.criterion.name)):
            return False
        try:
            self.store.frameworks.remove_criterion(self.criterion.id)
        except StoreError as error:
            self.show_error(str(error))
            return False
        self.criterion = None
        self._after_write(None)
        return True

    @Slot()
    def copy_framework(self) -> bool:
        """Sao chép thành phiên bản mới…: copy the framework and show the copy."""
        source = self.framework
        if source is None:
            return False
        if self.is_dirty() and not self.ask_discard():
            return False
        name = self.ask_copy_name(source.name)
        if name is None:
            return False
        first_year = self.ask_copy_year(
            source.year_to + 1 if source.year_to is not None else self.year + 1)
        if first_year is None:
            return False
        try:
            copy = self.store.frameworks.copy(source.id, name, first_year)
        except StoreError as error:
            self.show_error(str(error))
            return False
        self.criterion = None
        self.load_frameworks()
        self.select_framework(copy.id)
        self.changed.emit()
        return True

    # -- questions (tests replace these) ----------------------------------------------------

    def ask_copy_name(self, name: str) -> str | None:
        """The name of the new version; None when cancelled."""
        return ask_text(self, tr("Sao chép bộ tiêu chí"), tr("Tên phiên bản mới:"), name)

    def ask_copy_year(self, year: int) -> int | None:
        """The first year of the new version; None when cancelled."""
        return ask_int(self, tr("Sao chép bộ tiêu chí"), tr("Áp dụng từ năm:"), year, 2000,
                       2100)

    def ask_standard(self, code: str) -> tuple[str, str] | None:
        """The (code, name) of a new standard; None when cancelled."""
        dialog = _StandardDialog(code, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.code.text(), dialog.name.text()

    def confirm(self, text: str) -> bool:
        """Ask before removing."""
        return ask(self, tr("Xóa tiêu chí"), text, tr("Xóa"), tr("Không xóa"))

    def ask_discard(self) -> bool:
        """Ask whether unsaved edits of a criterion may be thrown away (tests replace this)."""
        return ask_discard(self)

    def reject(self) -> None:
        if self.is_dirty() and not self.ask_discard():
            return
        super().reject()
