"""Running slow work (building the demo, later imports and reports) off the GUI thread.

The store's SQLite connection is opened with ``check_same_thread=False`` so a worker thread may
use it, but SQLite connections are not safe for two threads at once. So while a job runs, the
window that started it is disabled: the user cannot click anything that reads the store until
the job has finished and its result has been delivered on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from gui.i18n import tr

T = TypeVar("T")

Progress = Callable[[int, str], None]

# The product's name, untranslated: the title of the progress and error boxes.
APP_TITLE = "Tự Quản"
# A progress dialog only for jobs that take noticeably long; quick ones finish unseen.
DIALOG_DELAY_MS = 400

# Jobs still running. Without a Python reference the QThread could be garbage-collected while
# its thread runs, which crashes the program.
_running_jobs: set[_BackgroundJob] = set()


class _BackgroundJob(QThread):
    """One job: ``work`` runs in ``run()`` (the worker thread), everything else on the GUI thread.

    The QThread object itself lives on the GUI thread, so the signals emitted from ``run()``
    reach its slots through queued connections, i.e. on the GUI thread.
    """

    progressed = Signal(int, str)

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self._parent = parent
        self._title = title
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self._result: Any = None
        self._error: BaseException | None = None
        # The whole window, not just the widget: menus and toolbars must not reach the store.
        self._window = parent.window() if parent is not None else None
        if self._window is not None:
            self._window.setEnabled(False)
        # Created after disabling the window: a child window created later stays enabled.
        self._dialog = QProgressDialog(title, "", 0, 100, parent)
        self._dialog.setWindowTitle(APP_TITLE)
        self._dialog.setCancelButton(None)  # the work cannot be interrupted safely
        self._dialog.setWindowModality(
            Qt.WindowModality.WindowModal
            if parent is not None
            else Qt.WindowModality.ApplicationModal
        )
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._dialog.setMinimumDuration(DIALOG_DELAY_MS)
        self._dialog.setEnabled(True)
        # setValue(0) starts the timer that shows the dialog once the delay has passed.
        self._dialog.setValue(0)
        self.progressed.connect(self._show_progress)
        self.finished.connect(self._deliver)

    def run(self) -> None:
        """The worker thread: run the work, keep its result or error for ``_deliver``."""
        try:
            self._result = self._work(self.progressed.emit)
        except BaseException as error:  # every failure must reach the GUI, not end the thread
            self._error = error

    @Slot(int, str)
    def _show_progress(self, percent: int, text: str) -> None:
        self._dialog.setValue(max(0, min(100, percent)))
        if text:
            self._dialog.setLabelText(f"{self._title}\n{text}")

    @Slot()
    def _deliver(self) -> None:
        # ``finished`` is emitted while the worker thread still tidies up inside this QThread
        # object; wait for the thread to end for good, or deleting the object later could free
        # memory the thread still touches (a crash seen on a busy machine).
        self.wait()
        # The thread has ended: the store is free again before any callback reads it.
        self._dialog.close()
        self._dialog.deleteLater()
        if self._window is not None:
            self._window.setEnabled(True)
        # The last Python reference goes on the next turn of the event loop, not inside this
        # slot: the QThread must not be deleted while Qt is still delivering its signal.
        QTimer.singleShot(0, lambda: _running_jobs.discard(self))
        if self._error is not None:
            if self._on_error is not None:
                self._on_error(self._error)
            else:
                QMessageBox.critical(
                    self._parent,
                    APP_TITLE,
                    tr("{title} không thành công.\n\n{error}").format(
                        title=self._title, error=self._error
                    ),
                )
            return
        self._on_done(self._result)


def jobs_running() -> bool:
    """Whether a background job is using the store now (timers must leave it alone)."""
    return any(not job.isFinished() for job in _running_jobs)


def run_in_background(
    parent: QWidget | None,
    title: str,
    work: Callable[[Progress], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``work(progress)`` in a worker thread while ``parent``'s window is disabled.

    ``progress(percent, text)`` may be called from the worker; it updates a progress dialog
    that appears after a short delay. ``on_done(result)`` or ``on_error(error)`` is called on
    the GUI thread once the work has ended; without ``on_error`` the error is shown in a
    message box. ``work`` must not touch widgets: only the GUI thread may.
    """
    job = _BackgroundJob(parent, title, work, on_done, on_error)
    _running_jobs.add(job)
    job.start()
