"""The command line's backup, restore and check."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

import main
from cli import trust
from storage.instance_lock import InstanceLock
from storage.model import Household
from storage.sealed_backup import check_passphrase
from storage.store import Store
from tests.files import file_digest

PASSPHRASE = "Hoa ban nở trắng núi rừng"


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A small database file: a city, a ward, a group and one household."""
    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
        ward = store.units.add("phuong", "Phường Đoàn Kết", city.id, 2020)
        group = store.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
        household = store.households.add(Household(group_id=group.id, head_name="Nguyễn Văn An"))
    return path, {"group": group.id, "household": household.id}


def names(path: Path) -> list[str]:
    with Store(path) as store:
        return sorted(row["head_name"] for row in store.query(
            "SELECT head_name FROM households WHERE deleted_at IS NULL"))


def test_backup_prints_the_copy_and_restore_brings_it_back(
    office: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = office
    assert main.main(["backup", "--db", str(path)]) == 0
    backup = Path(capsys.readouterr().out.strip())
    assert backup.parent == path.parent / "backups" and backup.name.endswith("-manual.sqlite")
    with Store(path) as store:
        store.households.add(Household(group_id=ids["group"], head_name="Lò Văn Pọm"))
    assert names(path) == ["Lò Văn Pọm", "Nguyễn Văn An"]

    assert main.main(["restore", "--db", str(path), str(backup)]) == 0

    out = capsys.readouterr().out
    assert names(path) == ["Nguyễn Văn An"]
    saved = next((path.parent / "backups").glob("*-before-restore.sqlite"))
    assert str(saved) in out
    assert names(saved) == ["Lò Văn Pọm", "Nguyễn Văn An"]


def test_backup_to_a_folder(office: tuple[Path, dict[str, str]], tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    path, _ids = office
    stick = tmp_path / "usb"
    stick.mkdir()
    assert main.main(["backup", "--db", str(path), "--to", str(stick),
                      "--passphrase", PASSPHRASE]) == 0
    copy = Path(capsys.readouterr().out.strip())
    assert copy.parent == stick and copy.name.endswith("-extra.tqsaoluu")
    assert "Nguyễn Văn An".encode() not in copy.read_bytes()
    # Once set, the passphrase is not needed for the next copy.
    assert main.main(["backup", "--db", str(path), "--to", str(stick)]) == 0
    capsys.readouterr()
    restored = tmp_path / "new-computer" / "office.sqlite"
    assert main.main(["restore", "--db", str(restored), str(copy),
                      "--passphrase", PASSPHRASE]) == 0
    assert names(restored) == ["Nguyễn Văn An"]
    assert main.main(["backup", "--db", str(path), "--to", str(tmp_path / "none")]) == 1
    assert "Không tìm thấy thư mục" in capsys.readouterr().err


def test_the_first_copy_to_a_folder_asks_for_the_passphrase_twice_without_echo(
    office: tuple[Path, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ids = office
    stick = tmp_path / "usb"
    stick.mkdir()
    # Not at a terminal and no --passphrase: refused, nothing set or copied.
    monkeypatch.setattr(trust, "_interactive", lambda: False)
    assert main.main(["backup", "--db", str(path), "--to", str(stick)]) == 2
    assert "--passphrase" in capsys.readouterr().err
    assert list(stick.iterdir()) == []
    # At a terminal: too short, then two different entries, then right.
    typed = iter(["ngắn", PASSPHRASE, PASSPHRASE + "x", PASSPHRASE, PASSPHRASE])
    prompts: list[str] = []

    def prompt(text: str) -> str:
        prompts.append(text)
        return next(typed)

    monkeypatch.setattr(trust, "_interactive", lambda: True)
    monkeypatch.setattr(trust, "_prompt", prompt)
    assert main.main(["backup", "--db", str(path), "--to", str(stick)]) == 0
    assert len(prompts) == 5
    err = capsys.readouterr().err
    assert "ít nhất" in err and "không giống nhau" in err and "Đã đặt mật khẩu" in err
    with Store(path) as store:
        assert check_passphrase(store, PASSPHRASE)
    # A script giving another passphrase later is told so, and nothing is copied.
    copies = sorted(stick.iterdir())
    assert main.main(["backup", "--db", str(path), "--to", str(stick),
                      "--passphrase", "một mật khẩu khác hẳn"]) == 2
    assert "không phải mật khẩu đã đặt" in capsys.readouterr().err
    assert sorted(stick.iterdir()) == copies


def test_restoring_an_encrypted_copy_asks_for_its_passphrase_and_a_wrong_one_changes_nothing(
    office: tuple[Path, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    path, ids = office
    stick = tmp_path / "usb"
    stick.mkdir()
    assert main.main(["backup", "--db", str(path), "--to", str(stick),
                      "--passphrase", PASSPHRASE]) == 0
    copy = capsys.readouterr().out.strip()
    with Store(path) as store:
        store.households.add(Household(group_id=ids["group"], head_name="Lò Văn Pọm"))

    def files() -> dict[str, str]:  # the lock file is rewritten by every command that writes
        return {p.name: file_digest(p) for p in path.parent.rglob("*")
                if p.is_file() and not p.name.endswith(".lock")}

    before = files()

    monkeypatch.setattr(trust, "_interactive", lambda: False)
    assert main.main(["restore", "--db", str(path), copy]) == 2
    assert "--passphrase" in capsys.readouterr().err
    assert main.main(["restore", "--db", str(path), copy, "--passphrase", "sai mật khẩu rồi"]) == 1
    assert "Mật khẩu không đúng" in capsys.readouterr().err
    assert files() == before

    monkeypatch.setattr(trust, "_interactive", lambda: True)
    monkeypatch.setattr(trust, "_prompt", lambda text: PASSPHRASE)
    assert main.main(["restore", "--db", str(path), copy]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    assert names(path) == ["Nguyễn Văn An"]


def test_restore_is_refused_while_the_program_has_the_file_open(
    office: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ids = office
    assert main.main(["backup", "--db", str(path)]) == 0
    backup = capsys.readouterr().out.strip()
    with InstanceLock(path):
        assert main.main(["restore", "--db", str(path), backup]) == 1
    assert "đang được mở" in capsys.readouterr().err
    assert main.main(["restore", "--db", str(path), str(path.parent / "nothing.sqlite")]) == 2


def test_check_exits_0_when_clean_and_1_when_problems_remain(
    office: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = office
    assert main.main(["check", "--db", str(path)]) == 0
    assert "Không phát hiện vấn đề nào" in capsys.readouterr().out

    with Store(path) as store:
        store.db.execute("UPDATE households SET head_sort_key = 'x', first_year = NULL")
    assert main.main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Cảnh báo:" in out and "--repair" in out

    assert main.main(["check", "--db", str(path), "--repair"]) == 0
    assert "[đã sửa]" in capsys.readouterr().out
    assert main.main(["check", "--db", str(path)]) == 0
    capsys.readouterr()

    with Store(path) as store:  # a problem no repair may touch
        store.db.execute("PRAGMA ignore_check_constraints = ON")
        store.db.execute("UPDATE households SET member_count = 0 WHERE id = ?",
                         [ids["household"]])
    assert main.main(["check", "--db", str(path), "--repair"]) == 1
    captured = capsys.readouterr()
    assert "Lỗi:" in captured.out and "nhân khẩu" in captured.out
    assert "chưa sửa" in captured.err


def test_a_damaged_file_is_set_aside_and_the_backup_to_restore_named(
    office: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ids = office
    assert main.main(["backup", "--db", str(path)]) == 0
    backup = capsys.readouterr().out.strip()
    damaged = bytearray(path.read_bytes())
    damaged[4096:8192] = random.Random(3).randbytes(4096)  # page 2 overwritten
    path.write_bytes(bytes(damaged))

    assert main.main(["check", "--db", str(path)]) == 1

    err = capsys.readouterr().err
    assert "bị hỏng" in err and backup in err
    assert f'python main.py restore --db "{path}" "{backup}"' in err
    aside = next(p for p in path.parent.glob("office.sqlite.damaged-*")
                 if not p.name.endswith(("-wal", "-shm")))
    assert aside.read_bytes() == bytes(damaged) and not path.exists()
    # The command it names works.
    assert main.main(["restore", "--db", str(path), backup]) == 0
    assert names(path) == ["Nguyễn Văn An"]
    assert aside.exists()


def test_backup_of_a_missing_file_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["backup", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "Không tìm thấy tệp dữ liệu" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)
