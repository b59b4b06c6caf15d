"""The program's log: a rotating file in the per-user log folder, and uncaught errors in it.

An official who meets an error cannot read a traceback on a console (the Windows build has
none), so everything worth knowing goes to a file they can open from Help and send on. The
file rotates (1 MB, five old copies kept) so it never fills a disk. No Qt here: the GUI passes
in how to show an error to the user.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import threading
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_dir

from storage.paths import APP_NAME

LOG_NAME = "tuquan.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOGGER_NAME = "tuquan"
# The name our handler carries on the root logger, so a second setup finds and replaces it.
_HANDLER_NAME = "tuquan-file"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_log = logging.getLogger(LOGGER_NAME)


def log_dir() -> Path:
    """The per-user log folder; ``logs`` inside TUQUAN_DATA_DIR when that variable is set.

    With TUQUAN_DATA_DIR (a portable copy on a USB stick, tests) the log travels with the data
    instead of landing on whichever machine the stick is plugged into.
    """
    override = os.environ.get("TUQUAN_DATA_DIR")
    if override:
        return Path(override) / "logs"
    return Path(user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    """The current log file (older ones are beside it as ``tuquan.log.1`` … ``.5``)."""
    return log_dir() / LOG_NAME


def _our_handler() -> RotatingFileHandler | None:
    for handler in logging.getLogger().handlers:
        if handler.get_name() == _HANDLER_NAME and isinstance(handler, RotatingFileHandler):
            return handler
    return None


def setup_logging(version: str | None = None, path: Path | None = None,
                  level: int = logging.INFO) -> Path | None:
    """Send the program's log records to the rotating file ``path`` (default: log_path()).

    Safe to call again: the handler is replaced when the path changed, kept otherwise. Writes
    one line about the program and the machine. Returns the file, or None when the folder
    cannot be written (the program runs on without a log rather than not at all).
    """
    target = Path(path) if path is not None else log_path()
    existing = _our_handler()
    if existing is not None:
        if Path(existing.baseFilename) == target.absolute():
            return target
        teardown_logging()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                      encoding="utf-8")
    except OSError as error:
        _log.warning("Không ghi được nhật ký vào %s: %s", target, error)
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    # Python's own warnings (deprecations in a library) land in the file too.
    logging.captureWarnings(True)
    if version is None:
        try:
            version = package_version("tuquan")
        except PackageNotFoundError:
            version = "?"
    frozen = "bản đóng gói" if getattr(sys, "frozen", False) else "mã nguồn"
    _log.info("Tự Quản %s (%s), Python %s, %s", version, frozen,
              platform.python_version(), platform.platform())
    return target


def teardown_logging() -> None:
    """Close and remove the file handler of setup_logging (tests; switching files)."""
    handler = _our_handler()
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()


def log_exception(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None, where: str = "") -> None:
    """Write an uncaught exception with its traceback to the log."""
    _log.critical("Lỗi không mong muốn%s: %s", f" ({where})" if where else "", exc,
                  exc_info=(exc_type, exc, tb))


def install_excepthook(show: Callable[[BaseException], None]) -> None:
    """Log every uncaught exception, then call ``show`` so the user learns about it.

    For the GUI: an exception in a slot reaches ``sys.excepthook`` and would otherwise only be
    printed to a console the user does not have. Ctrl+C keeps its usual meaning. An error while
    showing is logged, never shown again (no loop of error boxes). Exceptions of other threads
    are logged too (their work is reported to the user by whoever started it).
    """
    previous = sys.excepthook
    showing = threading.Lock()

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        log_exception(exc_type, exc, tb)
        if not showing.acquire(blocking=False):
            return
        try:
            show(exc)
        except Exception as error:  # noqa: BLE001 - the hook must never raise
            log_exception(type(error), error, error.__traceback__, "khi báo lỗi")
        finally:
            showing.release()

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            name = args.thread.name if args.thread is not None else "?"
            log_exception(args.exc_type, args.exc_value, args.exc_traceback, f"luồng {name}")

    sys.excepthook = hook
    threading.excepthook = thread_hook
