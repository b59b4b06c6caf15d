"""Starting the program on a file that is not what it seems: another program's database is
refused before anything (not even a lock file beside it); an empty file with backups beside it
takes the damaged file's path and its newest good backup is restored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from gui import app as gui_app
from gui.dialogs import check_dialog
from gui.dialogs.check_dialog import check_file_at_start
from storage.backup import make_backup
from storage.store import Store
from tests.files import file_digest


def test_another_programs_database_is_refused_at_start_and_left_as_it_was(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notes.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("INSERT INTO notes (body) VALUES ('Sổ tay')")
    connection.commit()
    connection.close()
    digest = file_digest(path)
    shown: list[str] = []
    monkeypatch.setattr(gui_app.QMessageBox, "critical",
                        lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(gui_app, "install_excepthook", lambda _hook: None)

    assert gui_app.run_gui(path, offer_demo=False) == 1

    assert len(shown) == 1 and "chương trình khác" in shown[0] and str(path) in shown[0]
    assert file_digest(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_an_empty_file_with_a_backup_beside_it_offers_that_backup(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        store.units.add("city", "Thành phố Thử", None, 2020)
        backup = make_backup(store, "manual")
    path.write_bytes(b"")  # a copy that failed half-way, a sync tool, a full disk
    questions: list[str] = []
    monkeypatch.setattr(check_dialog, "ask_damaged_file",
                        lambda text, offered: questions.append(text) or (
                            check_dialog.RESTORE if offered and offered.path == backup
                            else check_dialog.QUIT))

    assert check_file_at_start(path)

    assert len(questions) == 1 and "rỗng" in questions[0] and backup.name in questions[0]
    with Store(path) as restored:
        assert [unit.name for unit in restored.units.all()] == ["Thành phố Thử"]
    aside = list(tmp_path.glob("office.sqlite.damaged-*"))
    assert len(aside) == 1 and aside[0].stat().st_size == 0  # kept, never deleted
