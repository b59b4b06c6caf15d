"""The data exchange page: this machine's peers, the packages sent and received, and the actions.

Each peer shows its kind, whether it is in use or revoked, the last package sent and received,
and how many of this machine's changes it has not acknowledged yet. The city office also sets up
and revokes its wards' machines here. The page lives in a dialog opened from the File menu (a
tab would sit beside the pages of the selected unit, which it has nothing to do with).
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.export_dialog import ExportDialog, peer_kind
from gui.dialogs.import_dialog import ERROR_STYLE, ImportDialog, local_time
from gui.dialogs.setup_ward_dialog import SetupWardDialog
from gui.i18n import N_, tr
from storage.errors import StoreError
from storage.store import Store
from storage.sync import Peer, PeerStatus
from storage.text import format_int

REVOKED_COLOR = "#C0161B"

PEER_COLUMNS = (
    N_("Máy"),
    N_("Loại"),
    N_("Trạng thái"),
    N_("Gửi gần nhất"),
    N_("Nhận gần nhất"),
    N_("Thay đổi chưa được xác nhận"),
    N_("Số thứ tự thay đổi"),
)
HISTORY_COLUMNS = (
    N_("Thời gian"),
    N_("Chiều"),
    N_("Máy"),
    N_("Loại gói"),
    N_("Số bản ghi"),
    N_("Tệp"),
)
KIND_LABELS = {
    "changes": N_("thay đổi"),
    "full": N_("toàn bộ dữ liệu"),
    "setup": N_("thiết lập máy"),
}


def peer_state(peer: Peer) -> str:
    """'đang dùng', or 'thu hồi' with the date and the reason."""
    if not peer.revoked_at:
        return tr("đang dùng")
    return tr("thu hồi {date}: {reason}").format(date=local_time(peer.revoked_at),
                                                 reason=peer.revoked_reason)


def package_record_count(entry: dict[str, Any]) -> int:
    """How many records a logged package carried (sent) or wrote (received)."""
    try:
        counts = json.loads(entry.get("counts") or "{}")
    except json.JSONDecodeError:
        return 0
    total = 0
    for value in counts.values():
        if isinstance(value, dict):  # received: per table new/changed/deleted/…
            total += sum(int(value.get(key, 0)) for key in ("new", "changed", "deleted"))
        else:
            total += int(value)
    return total


def _item(text: str, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _read_only_table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels([tr(column) for column in columns])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table



def sequence_text(status: PeerStatus) -> str:
    """Where the exchange with a peer stands, in action numbers (gaps show here)."""
    text = tr("gửi đến số {sent}, máy kia xác nhận đến số {acked}; nhận đến số {received}").format(
        sent=status.sent_upto, acked=status.acknowledged_upto, received=status.received_upto)
    if status.unconfirmed is not None:
        text += tr(" — chưa xác nhận {first}–{last}").format(
            first=status.unconfirmed[0], last=status.unconfirmed[1])
    return text

class SyncPage(QWidget):
    """Peers, package history and the exchange actions over one store.

    ``imported`` is emitted after a package was applied (the window reloads its views).
    """

    imported = Signal(object)  # the ImportPlan
    exported = Signal(object)  # the ExportOutcome

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.statuses: list[PeerStatus] = []
        self.dialog: QDialog | None = None  # the last dialog opened (tests read it)

        self.identity_label = QLabel()
        font = QFont(self.identity_label.font())
        font.setBold(True)
        self.identity_label.setFont(font)
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.peers_table = _read_only_table(PEER_COLUMNS)
        # Every column as wide as its text, the machine's name too: a stretched name column
        # got no room once the action numbers were long, and showed "U… P…". A long state (a
        # revocation's reason) scrolls sideways and is in the tooltip.
        self.peers_table.horizontalHeader().setStretchLastSection(False)
        self.peers_table.itemSelectionChanged.connect(self._update_buttons)
        self.history_table = _read_only_table(HISTORY_COLUMNS)
        self.history_table.setWordWrap(False)
        self.history_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)

        self.export_button = QPushButton(tr("Xuất gói…"))
        self.export_button.clicked.connect(self.show_export_dialog)
        self.import_button = QPushButton(tr("Nhập gói…"))
        self.import_button.clicked.connect(self.show_import_dialog)
        self.setup_button = QPushButton(tr("Thiết lập máy cho phường/xã…"))
        self.setup_button.clicked.connect(self.show_setup_ward_dialog)
        self.revoke_button = QPushButton(tr("Thu hồi máy…"))
        self.revoke_button.clicked.connect(self.revoke_selected)

        buttons = QHBoxLayout()
        for button in (self.export_button, self.import_button, self.setup_button,
                       self.revoke_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.identity_label)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(tr("Các máy trao đổi dữ liệu với máy này:")))
        layout.addWidget(self.peers_table, 2)
        layout.addWidget(self.message_label)
        layout.addWidget(QLabel(tr("Các gói đã gửi và đã nhận (mới nhất trước):")))
        layout.addWidget(self.history_table, 3)
        self.refresh()

    @property
    def is_city(self) -> bool:
        """Whether this machine is a city office (it registers and revokes wards' machines)."""
        return self.store.sync.role == "city"

    def refresh(self) -> None:
        """Read the peers and the package log again."""
        sync = self.store.sync
        role = tr("thành phố") if self.is_city else tr("phường/xã")
        self.identity_label.setText(tr("Máy này: {name} ({role}) — mã máy {site}").format(
            name=sync.site_name(), role=role, site=self.store.site_id[:8]))
        selected = self.selected_peer()
        self.statuses = sync.status()
        table = self.peers_table
        table.setRowCount(len(self.statuses))
        for row, status in enumerate(self.statuses):
            peer = status.peer
            sent = local_time(status.last_sent_at) or "–"
            received = local_time(status.last_received_at) or "–"
            items = [
                _item(peer.name), _item(peer_kind(peer)), _item(peer_state(peer)),
                _item(sent), _item(received),
                _item(format_int(status.pending_actions), align_right=True),
                _item(sequence_text(status)),
            ]
            if status.unconfirmed is not None:
                items[-1].setForeground(Qt.GlobalColor.darkRed)
                items[-1].setToolTip(tr(
                    "Máy kia chưa xác nhận các thay đổi số {first}–{last}. Nếu máy kia đã nhập"
                    " hết các gói, gói chứa chúng có thể đã thất lạc: hãy xuất gói lại.").format(
                        first=status.unconfirmed[0], last=status.unconfirmed[1]))
            items[0].setToolTip(peer.name)
            items[2].setToolTip(items[2].text())
            items[3].setToolTip(status.last_sent_file)
            items[4].setToolTip(status.last_received_file)
            if peer.revoked_at:
                for item in items:
                    item.setForeground(Qt.GlobalColor.darkGray)
                items[2].setForeground(Qt.GlobalColor.red)
            items[0].setData(Qt.ItemDataRole.UserRole, peer.site_id)
            for column, item in enumerate(items):
                table.setItem(row, column, item)
            if selected is not None and peer.site_id == selected.site_id:
                table.selectRow(row)
        self.message_label.setStyleSheet("")
        if not self.statuses:
            self.message_label.setText(
                tr("Chưa có máy nào. Hãy thiết lập máy cho các phường, xã.") if self.is_city
                else tr("Máy này chưa được thiết lập để trao đổi dữ liệu."))
        else:
            self.message_label.clear()
        self._fill_history()
        self.setup_button.setVisible(self.is_city)
        self.revoke_button.setVisible(self.is_city)
        self._update_buttons()

    def _fill_history(self) -> None:
        history = self.store.sync.history()
        table = self.history_table
        table.setRowCount(len(history))
        for row, entry in enumerate(history):
            direction = tr("gửi") if entry["direction"] == "out" else tr("nhận")
            kind = KIND_LABELS.get(str(entry["kind"]))
            items = [
                _item(local_time(entry["processed_at"])), _item(direction),
                _item(str(entry["peer_name"])), _item(tr(kind) if kind else str(entry["kind"])),
                _item(format_int(package_record_count(entry)), align_right=True),
                _item(str(entry["file_name"])),
            ]
            if entry.get("report"):
                items[5].setToolTip(str(entry["report"]))
            for column, item in enumerate(items):
                table.setItem(row, column, item)

    def selected_peer(self) -> Peer | None:
        """The peer of the selected row, if any."""
        rows = self.peers_table.selectionModel().selectedRows()
        if not rows or not self.statuses:
            return None
        item = self.peers_table.item(rows[0].row(), 0)
        site_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((s.peer for s in self.statuses if s.peer.site_id == site_id), None)

    def select_peer(self, site_id: str) -> bool:
        """Select a peer's row; False when it is not listed."""
        for row in range(self.peers_table.rowCount()):
            item = self.peers_table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == site_id:
                self.peers_table.selectRow(row)
                return True
        return False

    def row_texts(self, site_id: str) -> list[str]:
        """The texts of a peer's row (empty when it is not listed)."""
        for row in range(self.peers_table.rowCount()):
            item = self.peers_table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == site_id:
                return [self.peers_table.item(row, c).text()
                        for c in range(self.peers_table.columnCount())]
        return []

    @Slot()
    def _update_buttons(self) -> None:
        peer = self.selected_peer()
        self.revoke_button.setEnabled(peer is not None and peer.direction == "downstream"
                                      and not peer.revoked_at)
        self.export_button.setEnabled(any(not s.peer.revoked_at for s in self.statuses))

    # -- the actions -------------------------------------------------------------------------

    def _refresh_after(self, *_signal_arguments: object) -> None:
        self.refresh()

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A bound method, not a lambda holding this page (see MainWindow._update_status_after).
        dialog.finished.connect(self._refresh_after)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def show_export_dialog(self) -> ExportDialog:
        """The export dialog; the page is read again when it closes."""
        dialog = ExportDialog(self.store, self)
        dialog.exported.connect(self.exported)
        self._open(dialog)
        return dialog

    @Slot()
    def show_import_dialog(self) -> ImportDialog:
        """The import dialog; ``imported`` is emitted when a package is applied."""
        dialog = ImportDialog(self.store, self)
        dialog.applied.connect(self.imported)
        self._open(dialog)
        return dialog

    @Slot()
    def show_setup_ward_dialog(self) -> SetupWardDialog:
        """Set up a ward's machine (city office)."""
        peer = self.selected_peer()
        ward_id = peer.unit_id if peer is not None and peer.direction == "downstream" else None
        dialog = SetupWardDialog(self.store, self, ward_id)
        self._open(dialog)
        return dialog

    def ask_revoke_reason(self, peer: Peer) -> str | None:
        """Confirm the revocation and ask why; None when the official does not revoke (tests
        replace this)."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(tr("Thu hồi máy"))
        dialog.setLabelText(tr("Thu hồi máy \"{name}\"? Từ nay mọi gói của máy này đều bị từ"
                               " chối và không gửi gói cho máy này nữa. Việc này không hoàn tác"
                               " được; phường, xã cần một máy mới (Thiết lập máy cho"
                               " phường/xã… → Thay máy).\n\nLý do:").format(name=peer.name))
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(tr("Máy bị mất"))
        dialog.setOkButtonText(tr("Thu hồi máy"))
        dialog.setCancelButtonText(tr("Không thu hồi"))
        dialog.resize(520, dialog.sizeHint().height())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()

    @Slot()
    def revoke_selected(self) -> bool:
        """Revoke the selected ward machine after confirmation; True when revoked."""
        peer = self.selected_peer()
        if peer is None or peer.direction != "downstream" or peer.revoked_at:
            return False
        reason = self.ask_revoke_reason(peer)
        if reason is None:
            return False
        try:
            self.store.sync.revoke(peer.site_id, reason)
        except StoreError as error:
            self.message_label.setStyleSheet(ERROR_STYLE)
            self.message_label.setText(str(error))
            return False
        self.refresh()
        self.message_label.setText(tr("Đã thu hồi máy {name}.").format(name=peer.name))
        return True


class SyncDialog(QDialog):
    """The exchange page in its own window, opened from the File menu."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Trao đổi dữ liệu"))
        self.page = SyncPage(store, self)
        buttons = QDialogButtonBox()
        close = buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        self.resize(980, 600)
