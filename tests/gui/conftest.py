"""Fixtures of the GUI tests.

The demo database comes from ``tests/conftest.py`` (``demo_path``, built once per session, and
``demo_store``, opened per test), so the GUI and storage tests share one ~5 s build.

QSettings isolation: the main window saves its geometry through ``QSettings()``. So that tests
never read or overwrite an official's real settings (~/.config/TuQuan/…), the whole session
uses the organization name "TuQuanTest" and INI files under a temporary folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from storage.store import Store


@pytest.fixture(scope="session", autouse=True)
def isolated_settings(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Point every ``QSettings()`` of the session at a temporary INI file; return its folder."""
    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("TuQuanTest")
    QCoreApplication.setApplicationName("Tự Quản")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def fresh_settings(isolated_settings: Path) -> None:
    """Each test starts like a first start: nothing remembered from the previous test."""
    QSettings().clear()


@pytest.fixture(autouse=True)
def closed_widgets_deleted() -> Iterator[None]:
    """The widgets a test leaves are deleted when it ends, before the next test runs.

    pytest-qt closes them and asks for their deletion, which Qt carries out only once an event
    loop gets back to it: until then their timers still fire, into the next test and on a store
    already closed (a search typed just before a test ended ran its query during the next
    test's set-up). Torn down after the test's other fixtures, with no event processed between.
    """
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(qtbot: QtBot, demo_store: Store) -> MainWindow:
    """The main window on the demo city, closed by qtbot after the test."""
    main_window = MainWindow(demo_store)
    qtbot.addWidget(main_window)
    return main_window

