"""The city office records the year's recognition decision (quyết định công nhận)."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import tr
from storage.errors import NotFound, StoreError
from storage.store import Store
from storage.text import format_int, nfc

DEFAULT_SIGNER_TITLE = "CHỦ TỊCH"
ISSUING_BODY_PREFIX = "ỦY BAN NHÂN DÂN"
ERROR_STYLE = "color: #b03a2e;"


def default_issuing_body(store: Store) -> str:
    """ "ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU": the city's People's Committee, in capitals."""
    try:
        city = store.units.city().name
    except NotFound:
        return ISSUING_BODY_PREFIX
    return f"{ISSUING_BODY_PREFIX} {nfc(city).upper()}"


def readiness(store: Store, year: int) -> tuple[int, int]:
    """(evaluations approved by the city and not decided, evaluations still in appraisal).

    The board's stage is 'city' both while the city appraises and after it approved (approving
    the last stage keeps it), so each such evaluation is asked whether it is approved.
    """
    ready = in_appraisal = 0
    for row in store.evaluations.board(year):
        if row.stage != "city":
            continue
        evaluation = store.evaluations.get(row.group_id, year)
        if evaluation is not None and evaluation.approved("city"):
            ready += 1
        else:
            in_appraisal += 1
    return ready, in_appraisal


class DecisionDialog(QDialog):
    """Number, date and signer of the decision; OK records it and recognises the groups."""

    def __init__(self, store: Store, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.year = year
        # (group id, 'new' or 'maintained') of the groups the decision recognised.
        self.recognised: list[tuple[str, str]] = []
        self.result_text = ""
        self.setWindowTitle(tr("Ra quyết định công nhận năm {year}").format(year=year))

        self.ready, self.in_appraisal = readiness(store, year)
        self.ready_label = QLabel(self._ready_text())
        self.ready_label.setWordWrap(True)
        self.number = QLineEdit()
        self.number.setPlaceholderText(tr("ví dụ 05/QĐ-UBND"))
        self.signed_on = QDateEdit()
        self.signed_on.setDisplayFormat("dd/MM/yyyy")
        self.signed_on.setCalendarPopup(True)
        self.signed_on.setDate(QDate.currentDate())
        self.signer_name = QLineEdit()
        self.signer_name.setPlaceholderText(tr("Họ và tên người ký"))
        self.signer_title = QLineEdit(DEFAULT_SIGNER_TITLE)
        self.issuing_body = QLineEdit(default_issuing_body(store))
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Ra quyết định"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Hủy"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(tr("Số quyết định:"), self.number)
        form.addRow(tr("Ngày ký:"), self.signed_on)
        form.addRow(tr("Người ký:"), self.signer_name)
        form.addRow(tr("Chức vụ:"), self.signer_title)
        form.addRow(tr("Cơ quan ban hành:"), self.issuing_body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.ready_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.number.setFocus()

    def _ready_text(self) -> str:
        text = tr("Năm {year}: {n} phiếu đã được thành phố thẩm định xong, chờ quyết định.").format(
            year=self.year, n=format_int(self.ready))
        if self.in_appraisal:
            text += " " + tr("{n} phiếu còn đang thẩm định sẽ chưa được xét.").format(
                n=format_int(self.in_appraisal))
        return text

    def show_error(self, message: str) -> None:
        """Show ``message`` in red under the form (no message box)."""
        self.error_label.setText(message)

    def signed_on_iso(self) -> str:
        """The signing date as 'YYYY-MM-DD'."""
        day = self.signed_on.date()
        return datetime.date(day.year(), day.month(), day.day()).isoformat()

    @Slot()
    def submit(self) -> None:
        """Record the decision; an error stays in the dialog, success closes it."""
        self.error_label.clear()
        if not nfc(self.number.text()):
            self.show_error(tr("Chưa nhập số quyết định."))
            self.number.setFocus()
            return
        if not nfc(self.signer_name.text()):
            self.show_error(tr("Chưa nhập người ký."))
            self.signer_name.setFocus()
            return
        try:
            self.recognised = self.store.evaluations.decide(
                self.year,
                self.number.text(),
                self.signed_on_iso(),
                self.signer_name.text(),
                self.signer_title.text(),
                self.issuing_body.text(),
            )
        except (StoreError, ValueError) as error:
            self.show_error(str(error))
            if getattr(error, "field", None) == "number":
                self.number.setFocus()
            return
        new = sum(kind == "new" for _group, kind in self.recognised)
        self.result_text = tr("Công nhận {n} tổ: mới {new}, duy trì {maintained}.").format(
            n=format_int(len(self.recognised)), new=format_int(new),
            maintained=format_int(len(self.recognised) - new))
        self.show_result(self.result_text)
        self.accept()

    def show_result(self, text: str) -> None:
        """Tell the official what the decision recognised (tests replace this)."""
        QMessageBox.information(self, tr("Đã ra quyết định"), text)
