"""Checking a certificate: paste (or scan) the text of its QR code, see whether it is genuine."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import N_, tr
from storage.certificates import VerifyResult
from storage.store import Store

VALID_STYLE = "color: #1B7F1B; font-weight: bold;"
INVALID_STYLE = "color: #C0161B; font-weight: bold;"

# The reasons storage.certificates.Certificates.verify gives for a code it rejects.
INVALID_REASONS = (
    N_("Mã không phải của Giấy công nhận do Tự Quản in."),
    N_("Chữ ký số không đúng: mã đã bị sửa hoặc không do cơ quan này cấp."),
    N_("Chữ ký đúng nhưng sổ cấp không có giấy này (đã hủy hoặc dữ liệu khác)."),
    N_("Nội dung mã không khớp với sổ cấp."),
)


def result_text(result: VerifyResult) -> str:
    """What the dialog says about a checked code, in the interface language."""
    if not result.valid:
        # storage's reasons (Vietnamese) are listed in INVALID_REASONS for the translation.
        return tr("Không hợp lệ: {reason}").format(reason=tr(result.message))
    copy = (tr("bản in lại lần {n}").format(n=result.reprint_number) if result.reprint_number
            else tr("bản gốc"))
    return tr("Hợp lệ: Giấy công nhận số {number} ({copy}) cấp cho {recipient}, năm {year};"
              " sổ cấp ghi {reprints} lần in lại.").format(
        number=result.register_number, copy=copy, recipient=result.recipient,
        year=result.year, reprints=result.reprints)


class VerifyDialog(QDialog):
    """A text box for the QR code's text and the register's answer (green or red)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.result: VerifyResult | None = None
        self.setWindowTitle(tr("Kiểm tra giấy công nhận"))
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(
            tr("Dán hoặc quét nội dung mã QR trên giấy công nhận"))
        self.code_edit.setClearButtonEnabled(True)
        self.check_button = QPushButton(tr("Kiểm tra"))
        self.check_button.setDefault(True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setMinimumHeight(60)

        self.code_edit.returnPressed.connect(self.check)
        self.check_button.clicked.connect(self.check)
        buttons = QDialogButtonBox()
        close = buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Nội dung mã QR:")))
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(640, 220)

    @Slot()
    def check(self) -> VerifyResult | None:
        """Check the code in the text box and show the answer."""
        text = self.code_edit.text().strip()
        if not text:
            self.result = None
            self.result_label.setStyleSheet("")
            self.result_label.setText(tr("Chưa có nội dung mã để kiểm tra."))
            return None
        self.result = self.store.certificates.verify(text)
        self.result_label.setStyleSheet(VALID_STYLE if self.result.valid else INVALID_STYLE)
        self.result_label.setText(result_text(self.result))
        self.code_edit.selectAll()  # the next scan replaces this code
        return self.result
