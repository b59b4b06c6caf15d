"""Exporting packages for the other machines: where to write them, for whom, what, and the result.

A ward machine sends to the city; the city sends to each ward's machine (and to the office above
when it has one). Each receiver gets its own file, encrypted to that machine's key, so the
folder may be a USB stick that travels, or a folder whose files are then sent by e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.background import Progress
from gui.dialogs.import_dialog import ERROR_STYLE, table_label
from gui.i18n import tr
from gui.widgets.background_dialog import BackgroundDialog, message_label
from gui.widgets.folder_picker import ChoosesFolder, FolderPicker
from storage.store import Store
from storage.sync import ExportResult, Peer
from storage.text import format_int

SETTINGS_EXPORT_FOLDER = "sync/export_folder"
HINT_STYLE = "color: #555555;"


def peer_kind(peer: Peer) -> str:
    """'cấp trên' (the office above) or 'phường/xã' (a ward's machine), translated."""
    return tr("cấp trên") if peer.direction == "upstream" else tr("phường/xã")


@dataclass
class ExportOutcome:
    """What one export run wrote, and what failed (one receiver's error does not stop others)."""

    folder: Path
    results: list[ExportResult]
    errors: list[tuple[Peer, str]]


def export_error_text(error: BaseException, folder: Path) -> str:
    """An export failure as the official reads it: what happened and what to do."""
    if isinstance(error, OSError):
        return tr("không ghi được vào thư mục {folder} ({error}). Hãy kiểm tra ổ USB đã cắm,"
                  " còn chỗ trống và không bị khóa ghi, hoặc chọn thư mục khác.").format(
            folder=folder, error=error.strerror or error)
    return str(error) or type(error).__name__


def result_lines(result: ExportResult) -> list[str]:
    """The lines describing one written package: its file and what it carries."""
    total = sum(result.counts.values())
    lines = [f"• {result.peer.name}: {result.path.name}"]
    if total:
        parts = ", ".join(f"{table_label(name)} {format_int(count)}"
                          for name, count in result.counts.items())
        lines.append("    " + tr("{n} bản ghi: {parts}").format(n=format_int(total), parts=parts))
    else:
        lines.append("    " + tr("không có thay đổi mới (gói vẫn báo cho máy nhận những gì máy"
                                   " này đã nhận)"))
    if result.audit_entries:
        lines.append("    " + tr("nhật ký thay đổi: {n} mục").format(
            n=format_int(result.audit_entries)))
    return lines


class ExportDialog(ChoosesFolder, BackgroundDialog):
    """The destination folder, the receivers, full or changes; then the packages written."""

    exported = Signal(object)  # the ExportOutcome

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.outcome: ExportOutcome | None = None
        self.setWindowTitle(tr("Xuất gói dữ liệu"))

        self.folder_picker = FolderPicker(SETTINGS_EXPORT_FOLDER, tr("Chọn thư mục lưu gói"))
        self.folder_edit = self.folder_picker.edit
        self.choose_button = self.folder_picker.button
        self.choose_button.clicked.connect(self.choose_folder)
        folder_hint = QLabel(tr("Ổ USB hiện ra như một thư mục. Cũng có thể lưu vào máy rồi gửi"
                                " tệp qua thư điện tử: gói đã được mã hóa cho máy nhận."))
        folder_hint.setWordWrap(True)
        folder_hint.setStyleSheet(HINT_STYLE)

        self.peer_boxes: dict[str, QCheckBox] = {}
        receivers = QGroupBox(tr("Gửi cho"))
        receivers_layout = QVBoxLayout(receivers)
        pending = {status.peer.site_id: status.pending_actions
                   for status in store.sync.status()}
        for peer in store.sync.peers(include_revoked=False):
            text = tr("{name} ({kind}) — {n} thay đổi chưa được xác nhận").format(
                name=peer.name, kind=peer_kind(peer),
                n=format_int(pending.get(peer.site_id, 0)))
            box = QCheckBox(text)
            box.setChecked(True)
            box.toggled.connect(self._update_buttons)
            self.peer_boxes[peer.site_id] = box
            receivers_layout.addWidget(box)
        self.no_peer_label = QLabel()
        self.no_peer_label.setWordWrap(True)
        if not self.peer_boxes:
            self.no_peer_label.setText(self._no_peer_text())
            receivers_layout.addWidget(self.no_peer_label)

        self.full_box = QCheckBox(tr("Toàn bộ dữ liệu"))
        full_hint = QLabel(tr("Gửi lại mọi dữ liệu, không chỉ các thay đổi: dùng khi liên lạc lần"
                              " đầu, hoặc khi máy nhận mất dữ liệu hay báo thiếu gói."))
        full_hint.setWordWrap(True)
        full_hint.setStyleSheet(HINT_STYLE)
        full_hint.setIndent(22)

        self.message_label = message_label(selectable=True)
        self.result_view = QPlainTextEdit()
        self.result_view.setReadOnly(True)
        self.result_view.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(tr("Xuất gói"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.open_folder_button = self.buttons.addButton(tr("Mở thư mục"),
                                                         QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_folder_button.setVisible(False)
        self.close_button = self.buttons.addButton(tr("Đóng"),
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Lưu gói vào thư mục:")))
        layout.addWidget(self.folder_picker)
        layout.addWidget(folder_hint)
        layout.addSpacing(6)
        layout.addWidget(receivers)
        layout.addWidget(self.full_box)
        layout.addWidget(full_hint)
        layout.addWidget(self.message_label)
        layout.addWidget(self.result_view, 1)
        layout.addWidget(self.buttons)
        self._update_buttons()
        # Compact until there is a result to show (then _done makes room for it).
        self.resize(640, self.sizeHint().height())

    def _no_peer_text(self) -> str:
        if self.store.sync.role == "city":
            return tr("Chưa có máy nhận nào. Hãy thiết lập máy cho các phường, xã trước (Tệp →"
                      " Trao đổi dữ liệu → Thiết lập máy cho phường/xã…).")
        return tr("Máy này chưa có máy nhận nào (chưa được thiết lập từ gói của thành phố).")

    @Slot()
    def _update_buttons(self) -> None:
        self.export_button.setEnabled(not self._busy and bool(self.chosen_peers()))

    def chosen_peers(self) -> list[str]:
        """The site ids of the receivers ticked."""
        return [site_id for site_id, box in self.peer_boxes.items() if box.isChecked()]

    def folder(self) -> Path:
        """The destination folder typed or chosen."""
        return self.folder_picker.folder()

    @Slot()
    def export(self) -> None:
        """Write one package per chosen receiver in the background, then show the result."""
        peers = self.chosen_peers()
        folder = self.folder()
        if not peers or self._busy:
            return
        if not self.folder_picker.text():
            self._show_error(tr("Hãy chọn thư mục lưu gói."))
            return
        if folder.exists() and not folder.is_dir():
            self._show_error(tr("{folder} là một tệp, không phải thư mục. Hãy chọn thư mục"
                                " khác.").format(folder=folder))
            return
        self.folder_picker.remember()
        full = self.full_box.isChecked()
        store = self.store
        names = {peer.site_id: peer for peer in store.sync.peers()}

        def work(progress: Progress) -> ExportOutcome:
            outcome = ExportOutcome(folder, [], [])
            for index, site_id in enumerate(peers):
                progress(int(100 * index / len(peers)), names[site_id].name)
                try:
                    outcome.results.append(store.sync.export(site_id, folder, full=full))
                except Exception as error:  # noqa: BLE001 - shown per receiver, others go on
                    outcome.errors.append((names[site_id], export_error_text(error, folder)))
            progress(100, "")
            return outcome

        self.message_label.clear()
        self.run_work(tr("Xuất gói dữ liệu"), work, self._done, self._failed)

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        self._update_buttons()

    def _done(self, outcome: ExportOutcome) -> None:
        self.outcome = outcome
        lines = [tr("Thư mục: {folder}").format(folder=outcome.folder), ""]
        for result in outcome.results:
            lines += result_lines(result)
        for peer, error in outcome.errors:
            lines.append("✗ " + tr("{name}: không xuất được gói: {error}").format(
                name=peer.name, error=error))
        self.result_view.setPlainText("\n".join(lines))
        self.result_view.setVisible(True)
        self.resize(self.width(), max(self.height(), 480))
        self.open_folder_button.setVisible(bool(outcome.results))
        if outcome.errors:
            self.message_label.setStyleSheet(ERROR_STYLE)
            self.message_label.setText(tr("Đã xuất {ok} gói; {failed} gói không xuất được"
                                          " (xem bên dưới).").format(
                ok=len(outcome.results), failed=len(outcome.errors)))
        else:
            self.message_label.setStyleSheet("color: #1B7F1B; font-weight: bold;")
            self.message_label.setText(tr("Đã xuất {n} gói. Hãy chép các tệp này cho máy nhận"
                                          " (ổ USB hoặc thư điện tử).").format(
                n=len(outcome.results)))
        self._update_buttons()
        self.close_button.setFocus()
        self.exported.emit(outcome)

    def _failed(self, error: BaseException) -> None:
        self._show_error(tr("Không xuất được gói: {error}").format(
            error=export_error_text(error, self.folder())))

    def _show_error(self, text: str) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setText(text)

    @Slot()
    def open_folder(self) -> None:
        """Show the folder with the packages in the system's file manager."""
        if self.outcome is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.outcome.folder)))
