"""The command line and files that are not what they seem: every command that writes takes the
app's one-writer lock and does nothing while the app has the file open; the commands that only
read run beside the app and change nothing; another program's database is refused by every
command and stays byte for byte as it was; ``backup`` beside the app saving never sets the
file aside."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import main
from storage.model import Household
from storage.store import Store
from tests.files import file_digest, table_contents
from tests.other_process import Writer, app_holding


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A small database: a city, a ward, a group, one household, an administrator."""
    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
        ward = store.units.add("phuong", "Phường Đoàn Kết", city.id, 2020)
        group = store.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
        store.households.add(Household(group_id=group.id, head_name="Nguyễn Văn An"), year=2024)
        store.accounts.add("admin", "Quản trị", "city_admin", "mật khẩu dài 123")
    return path


def _inputs(tmp_path: Path) -> dict[str, str]:
    """The other files the commands are given (none of them is reached while refused)."""
    households = tmp_path / "ho.csv"
    households.write_text("Họ và tên chủ hộ,Tổ dân phố\nLò Văn Pọm,Tổ dân phố số 1\n",
                          encoding="utf-8")
    card = tmp_path / "card.json"
    card.write_text(json.dumps({"site_id": "x", "name": "Tỉnh", "unit_id": "u",
                                "signing_public": "", "box_public": ""}), encoding="utf-8")
    backup = tmp_path / "elsewhere" / "office-20240101-000000-000000-manual.sqlite"
    backup.parent.mkdir()
    return {"out": str(tmp_path / "out"), "csv": str(households), "card": str(card),
            "backup": str(backup), "package": str(tmp_path / "goi.tqgoi")}


# Every subcommand (and account action) writes or reads only; a new one must be put in one
# of the two lists, so it cannot slip past the lock unnoticed.
WRITERS: dict[str, list[str]] = {
    "demo": ["demo", "{db}", "--force"],
    "evaluate": ["evaluate", "--db", "{db}", "--year", "2024"],
    "certificates": ["certificates", "--db", "{db}", "--year", "2024", "-o", "{out}.pdf"],
    "setup-ward": ["setup-ward", "--db", "{db}", "--ward", "doan ket", "-o", "{out}"],
    "init": ["init", "--db", "{db}", "--from-setup", "{package}", "--passphrase", "x"],
    "export": ["export", "--db", "{db}", "--to", "{out}"],
    "import": ["import", "--db", "{db}", "{package}"],
    "revoke": ["revoke", "--db", "{db}", "abc"],
    "identity": ["identity", "--db", "{db}", "-o", "{out}.json"],
    "link": ["link", "--db", "{db}", "--card", "{card}", "--upstream"],
    "import-households": ["import-households", "--db", "{db}", "{csv}"],
    "import-households --dry-run": ["import-households", "--db", "{db}", "{csv}", "--dry-run"],
    "restore": ["restore", "--db", "{db}", "{backup}"],
    "check --repair": ["check", "--db", "{db}", "--repair"],
    "account add": ["account", "--db", "{db}", "add", "an", "--role", "viewer", "--password",
                    "mật khẩu dài 456"],
    "account passwd": ["account", "--db", "{db}", "passwd", "admin", "--password",
                       "mật khẩu dài 789"],
    "account disable": ["account", "--db", "{db}", "disable", "admin"],
    "account enable": ["account", "--db", "{db}", "enable", "admin"],
}
READERS: dict[str, list[str]] = {
    "summary": ["summary", "--db", "{db}", "--year", "2024"],
    "report": ["report", "city", "--db", "{db}", "--year", "2024", "-o", "{out}.pdf"],
    "verify": ["verify", "--db", "{db}", "không phải mã"],
    "machines": ["machines", "--db", "{db}"],
    "export-households": ["export-households", "--db", "{db}", "--year", "2024", "-o",
                          "{out}.xlsx"],
    "backup": ["backup", "--db", "{db}"],
    "check": ["check", "--db", "{db}"],
    "account list": ["account", "--db", "{db}", "list"],
    "audit": ["audit", "--db", "{db}"],
}


def _argv(template: list[str], db: Path, inputs: dict[str, str]) -> list[str]:
    return [part.format(db=db, **inputs) for part in template]


def test_every_command_is_known_to_write_or_only_read() -> None:
    commands = set()
    for action in main.build_parser()._subparsers._group_actions:  # type: ignore[union-attr]
        for name, parser in action.choices.items():
            if name == "account":
                actions = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
                commands |= {f"account {sub}" for sub in actions}
            else:
                commands.add(name)
    listed = {name.split(" --")[0] for name in (*WRITERS, *READERS)}
    assert listed == commands


def _backups(db: Path) -> list[str]:
    folder = db.parent / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize("name", WRITERS)
def test_a_command_that_writes_does_nothing_while_the_app_has_the_file_open(
    name: str, office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = _inputs(tmp_path)
    Path(inputs["backup"]).write_bytes(office.read_bytes())
    db = tmp_path / "new.sqlite" if name == "init" else office
    digest = file_digest(office)
    backups = _backups(office)
    capsys.readouterr()

    with app_holding(db):
        code = main.main(_argv(WRITERS[name], db, inputs))

    err = capsys.readouterr().err
    assert code == 1, err
    assert "đang được mở trong chương trình Tự Quản" in err
    assert "hãy đóng chương trình rồi chạy lại lệnh" in err.lower()
    assert file_digest(office) == digest  # not a byte written
    assert _backups(office) == backups  # not even a backup made
    assert not (tmp_path / "new.sqlite").exists()
    assert not Path(inputs["out"]).exists() and not Path(inputs["out"] + ".json").exists()


@pytest.mark.parametrize("name", READERS)
def test_a_command_that_only_reads_runs_beside_the_app_and_changes_nothing(
    name: str, office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = _inputs(tmp_path)
    before = table_contents(office)
    capsys.readouterr()

    with app_holding(office):
        code = main.main(_argv(READERS[name], office, inputs))

    err = capsys.readouterr().err
    assert code == (1 if name == "verify" else 0), err  # the text is not a genuine code
    assert "đang được mở" not in err
    assert table_contents(office) == before
    assert office.exists() and not list(tmp_path.glob("office.sqlite.damaged-*"))


def test_the_lock_is_given_back_after_a_command(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for number in range(2):  # the second run would be refused by a lock left held
        assert main.main(["account", "--db", str(office), "passwd", "admin", "--password",
                          f"mật khẩu mới số {number}"]) == 0
    with app_holding(office):
        pass  # another process can take it: nothing of this one is left holding it
    assert capsys.readouterr().out.count("Đã đặt mật khẩu mới") == 2


def test_backup_beside_the_app_saving_never_sets_the_file_aside(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The app (holding the lock) writes and checkpoints all along; "backup" is documented
    # as safe meanwhile.
    writer = Writer(office, lock=True)
    codes = []
    try:
        for _ in range(25):
            codes.append(main.main(["backup", "--db", str(office)]))
            assert office.exists() and not list(office.parent.glob("office.sqlite.damaged-*"))
    finally:
        writer.stop()
    err = capsys.readouterr().err
    assert codes == [0] * 25, err
    assert writer.checkpoints > 10


# -- another program's database --------------------------------------------------------------


def _notes(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("INSERT INTO notes (body) VALUES ('Danh bạ của nhà thuốc')")
    connection.commit()
    connection.close()


@pytest.mark.parametrize("name", [*WRITERS, *READERS])
def test_every_command_refuses_another_programs_database_and_leaves_it_as_it_was(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.sqlite"
    _notes(notes)
    inputs = _inputs(tmp_path)
    if name == "restore":  # another program's file as the backup, too
        _notes(Path(inputs["backup"]))
    digest = file_digest(notes)
    capsys.readouterr()

    code = main.main(_argv({**WRITERS, **READERS}[name], notes, inputs))

    err = capsys.readouterr().err
    assert code != 0
    assert "chương trình khác" in err, err
    assert file_digest(notes) == digest
    beside = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("notes.sqlite"))
    assert beside == ["notes.sqlite"]  # no -wal, -shm, lock file or damaged copy
