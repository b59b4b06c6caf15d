"""The command line: demo, summary, errors, and the README documents every command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parent.parent.parent


def test_summary_prints_the_report_figures(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["summary", "--db", str(demo_path), "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "Thành phố Lai Châu, năm 2024" in out
    for expected in ("72", "35 (mới 7, duy trì 28)", "32, đạt 109,4%", "26, đạt 134,6%",
                     "12.937", "12.460 (96,3%)", "(1,5%)"):
        assert expected in out


def test_summary_json_for_a_ward_named_without_accents(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(
        ["summary", "--db", str(demo_path), "--year", "2021", "--ward", "dong phong", "--json"]
    ) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unit_name"] == "Phường Đông Phong"
    assert data["groups"] == 7 and data["recognised"] == 1
    assert data["recognised_names"] == ["Tổ dân phố số 25, phường Đông Phong"]


def test_errors_go_to_stderr_in_vietnamese_with_a_nonzero_code(
    tmp_path: Path, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["summary", "--db", str(tmp_path / "none.sqlite"), "--year", "2024"]) == 2
    assert "Không tìm thấy tệp dữ liệu" in capsys.readouterr().err
    assert main.main(["summary", "--db", str(demo_path), "--year", "2024", "--ward", "xyz"]) == 1
    assert "Không tìm thấy đơn vị" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


def test_demo_builds_a_file_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite"
    path.write_bytes(b"")
    assert main.main(["demo", str(path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert path.read_bytes() == b""
    assert main.main(["demo", str(path), "--force"]) == 0
    assert capsys.readouterr().out.strip() == str(path)
    assert main.main(["summary", "--db", str(path), "--year", "2023", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["recognised"], data["recognised_new"], data["groups"]) == (28, 11, 72)


def test_readme_documents_every_subcommand() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = main.build_parser()
    subcommands = next(
        action for action in parser._actions if action.dest == "command"
    ).choices
    for name in subcommands:
        assert re.search(rf"main\.py {name}\b", readme), f"README does not show '{name}'"


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main.main(["--version"])
    assert exited.value.code == 0
    assert "Tự Quản" in capsys.readouterr().out


def test_evaluate_prints_the_board(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["evaluate", "--db", str(demo_path), "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "đăng ký 33, công nhận 28 (mới 11, duy trì 17)" in out
    assert "Phường Đông Phong" in out and "Công nhận mới" in out
    assert main.main(["evaluate", "--db", str(demo_path), "--year", "2024", "--ward",
                      "san thang", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    results = {row["group_name"]: row["result"] for row in data["groups"]}
    assert results == {"Bản Xéo Xin Chải": "maintained", "Bản Thành Công": "new",
                       "Bản Mới": "new", "Bản Lò Suối Tùng": "new", "Bản San Thàng": ""}
