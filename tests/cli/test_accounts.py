"""The ``account`` and ``audit`` subcommands."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

import main
from storage.model import Household
from storage.store import Store


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, str]:
    """A small file with one ward, one household edited once; returns (path, household id)."""
    path = tmp_path / "data.sqlite"
    with Store(path, actor="canbo") as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
        ward = store.units.add("phuong", "Phường Tân Phong", city.id, 2020)
        group = store.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
        household = store.households.add(Household(group.id, "Nguyễn Văn An",
                                                   head_birth_year=1980), year=2024)
        store.households.update(dataclasses.replace(household, head_birth_year=1981))
        store.actor = "khac"
        other = store.households.add(Household(group.id, "Lò Thị Bình"))
        store.households.delete(other.id)
    return path, household.id


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_accounts_are_added_listed_reset_and_disabled(
    db: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(db[0])
    code, _out, err = run(capsys, "account", "--db", path, "add", "xem", "--role", "viewer",
                          "--password", "mat-khau-1")
    assert code == 2 and "quản trị thành phố" in err  # the first one is the administrator
    assert run(capsys, "account", "--db", path, "add", "quantri", "--role", "city_admin",
               "--password", "mat-khau-1")[0] == 0
    code, out, _err = run(capsys, "account", "--db", path, "add", "tanphong", "--role",
                          "ward_officer", "--ward", "tan phong", "--full-name", "Lò Văn Tân",
                          "--password", "mat-khau-2")
    assert code == 0 and "Phường Tân Phong" in out
    code, _out, err = run(capsys, "account", "--db", path, "add", "ngan", "--role", "viewer",
                          "--password", "ngan")
    assert code == 1 and "ít nhất 8 ký tự" in err

    code, out, _err = run(capsys, "account", "--db", path, "list")
    lines = out.splitlines()
    assert code == 0 and [line.split()[0] for line in lines] == ["quantri", "tanphong"]
    assert "Lò Văn Tân" in lines[1] and "Phường Tân Phong" in lines[1]

    assert run(capsys, "account", "--db", path, "passwd", "TanPhong", "--password",
               "mat-khau-3")[0] == 0
    assert run(capsys, "account", "--db", path, "disable", "tanphong")[0] == 0
    assert "đã khóa" in run(capsys, "account", "--db", path, "list")[1]
    with Store(path) as store:
        account = store.accounts.find("tanphong")
        assert account is not None and account.disabled
        store.accounts.enable(account.id)
        assert store.accounts.authenticate("tanphong", "mat-khau-3").id == account.id
    code, _out, err = run(capsys, "account", "--db", path, "passwd", "khongco", "--password",
                          "mat-khau-4")
    assert code == 2 and "Không có tài khoản" in err


def test_a_password_is_asked_twice_without_echo(
    db: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["mat-khau-1", "mat-khau-khac"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(answers))
    code, _out, err = run(capsys, "account", "--db", str(db[0]), "add", "quantri", "--role",
                          "city_admin")
    assert code == 2 and "không giống nhau" in err
    answers = iter(["mat-khau-1", "mat-khau-1"])
    assert run(capsys, "account", "--db", str(db[0]), "add", "quantri", "--role",
               "city_admin")[0] == 0


def test_audit_prints_the_changes_newest_first_with_filters(
    db: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, household_id = str(db[0]), db[1]
    code, out, _err = run(capsys, "audit", "--db", path, "--record", household_id)
    assert code == 0
    assert "Năm sinh: 1980 → 1981" in out
    assert "Lò Thị Bình" not in out
    # Newest first: the edit before the creation.
    assert out.index("Sửa hộ Nguyễn Văn An") < out.index("Thêm hộ Nguyễn Văn An")
    assert "Tình trạng năm 2024 của hộ Nguyễn Văn An" in out  # its statuses belong to it

    code, out, _err = run(capsys, "audit", "--db", path, "--user", "khac")
    assert code == 0 and "Xóa hộ Lò Thị Bình" in out and "Nguyễn Văn An" not in out

    code, out, err = run(capsys, "audit", "--db", path, "--limit", "1")
    assert out.count("  khac  ") + out.count("  canbo  ") == 1
    assert "Hiện 1 trong" in err

    assert run(capsys, "audit", "--db", path, "--user", "khong-ai")[1].startswith("Không có")


def test_audit_verify_reports_a_tampered_trail(
    db: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = db[0]
    code, out, _err = run(capsys, "audit", "--db", str(path), "--verify")
    assert code == 0 and "nguyên vẹn" in out
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE audit_log SET actor = 'ke-gian' WHERE seq = 2")
    connection.close()
    code, out, _err = run(capsys, "audit", "--db", str(path), "--verify")
    assert code == 1 and "Mục nhật ký 2: nội dung đã bị sửa" in out
