"""The log: where it lives, that it rotates, and that uncaught errors land in it."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from platformdirs import user_log_dir

from storage import logs


@pytest.fixture(autouse=True)
def _no_file_handler_left() -> Iterator[None]:
    """Every test leaves the root logger as it found it (no handler on a deleted folder)."""
    root = logging.getLogger()
    level = root.level
    yield
    logs.teardown_logging()
    root.setLevel(level)


def _handlers() -> list[RotatingFileHandler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]


def test_the_log_follows_the_data_folder_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUQUAN_DATA_DIR", str(tmp_path))
    assert logs.log_path() == tmp_path / "logs" / "tuquan.log"
    monkeypatch.delenv("TUQUAN_DATA_DIR")
    assert logs.log_path() == Path(user_log_dir("TuQuan", appauthor=False)) / "tuquan.log"


def test_setup_writes_records_to_the_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUQUAN_DATA_DIR", str(tmp_path))
    path = logs.setup_logging("9.9.9")
    assert path == tmp_path / "logs" / "tuquan.log"
    # A second call (the GUI after the CLI set it up) keeps one handler, not two.
    assert logs.setup_logging("9.9.9") == path
    assert len(_handlers()) == 1
    logging.getLogger("tuquan.test").info("Đã mở cửa sổ chính: Phường Tân Phong")
    logging.getLogger("tuquan.test").debug("không ghi: dưới mức INFO")
    text = path.read_text(encoding="utf-8")
    assert "Tự Quản 9.9.9" in text
    assert "INFO tuquan.test [MainThread] Đã mở cửa sổ chính: Phường Tân Phong" in text
    assert "không ghi" not in text
    handler = _handlers()[0]
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 5)


def test_setup_moves_to_a_new_path(tmp_path: Path) -> None:
    first = logs.setup_logging(path=tmp_path / "a" / "tuquan.log")
    second = logs.setup_logging(path=tmp_path / "b" / "tuquan.log")
    assert first != second
    logging.getLogger("tuquan").warning("sau khi chuyển")
    assert len(_handlers()) == 1
    assert "sau khi chuyển" in second.read_text(encoding="utf-8")
    assert "sau khi chuyển" not in first.read_text(encoding="utf-8")


def test_the_file_rotates_and_keeps_five_old_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    path = logs.setup_logging(path=tmp_path / "tuquan.log")
    assert path is not None
    for number in range(200):
        logging.getLogger("tuquan").info("dòng %03d %s", number, "x" * 100)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["tuquan.log", *(f"tuquan.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= 2_000 for p in tmp_path.iterdir())
    # The newest record is in the current file, the oldest ones are gone.
    assert "dòng 199" in path.read_text(encoding="utf-8")
    assert not any("dòng 000" in p.read_text(encoding="utf-8") for p in tmp_path.iterdir())


def test_an_unwritable_folder_means_no_log_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    assert logs.setup_logging(path=blocker / "tuquan.log") is None
    assert _handlers() == []


def test_uncaught_exceptions_are_logged_then_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = logs.setup_logging(path=tmp_path / "tuquan.log")
    assert path is not None
    passed_on: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: passed_on.append(kind))
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown: list[BaseException] = []
    logs.install_excepthook(shown.append)

    try:
        raise ValueError("số nhân khẩu âm")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert [str(error) for error in shown] == ["số nhân khẩu âm"]
    text = path.read_text(encoding="utf-8")
    assert "CRITICAL" in text and "Traceback (most recent call last)" in text
    assert "ValueError: số nhân khẩu âm" in text

    # Ctrl+C keeps its meaning: handed to the previous hook, not shown as an error.
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert passed_on == [KeyboardInterrupt] and len(shown) == 1

    # An exception of another thread is logged (its starter reports it to the user).
    worker = threading.Thread(target=lambda: 1 / 0, name="xuất-gói")
    worker.start()
    worker.join()
    assert "luồng xuất-gói" in path.read_text(encoding="utf-8")
    assert len(shown) == 1


def test_an_error_while_showing_is_logged_not_raised(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = logs.setup_logging(path=tmp_path / "tuquan.log")
    assert path is not None
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)

    def broken_show(_error: BaseException) -> None:
        raise RuntimeError("hộp thoại không mở được")

    logs.install_excepthook(broken_show)
    error = OSError("đĩa đầy")
    sys.excepthook(OSError, error, None)
    text = path.read_text(encoding="utf-8")
    assert "OSError: đĩa đầy" in text
    assert "khi báo lỗi" in text and "RuntimeError: hộp thoại không mở được" in text
