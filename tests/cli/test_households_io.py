"""The command line's import-households and export-households."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pytest

import main
from storage.legacy_vietnamese import TCVN3, encode
from storage.store import Store

HEADER = ["STT", "Họ và tên chủ hộ", "Tổ dân phố", "Năm sinh", "Dân tộc", "GĐVH"]


@pytest.fixture
def db(tmp_path: Path, demo_path: Path) -> Path:
    copy = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, copy)
    return copy


def write_list(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH HỘ NĂM 2024"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def households(db: Path) -> int:
    with Store(db) as store:
        return store.db.execute(
            "SELECT COUNT(*) FROM households WHERE deleted_at IS NULL").fetchone()[0]


ROWS: list[list[object]] = [
    [1, "Lò Văn Dòng Lệnh", "Tổ dân phố số 5", 1970, "Thái", "x"],
    [2, "Lò Thị Dòng Lệnh", "TDP 8", "'82", "Kinh", ""],
    [3, "Lò Văn Dòng Lệnh", "Tổ dân phố số 5", 1971, "Thái", "x"],  # same as row 1
    [4, "Lò Văn Sai", "Tổ dân phố số 77", 1972, "Thái", ""],
]


def test_dry_run_prints_the_counts_and_writes_nothing(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_list(tmp_path / "ds_2024.xlsx", ROWS)
    before = households(db)
    rejected = tmp_path / "loai.xlsx"
    assert main.main(["import-households", "--db", str(db), str(path), "--ward", "tan phong",
                      "--dry-run", "--rejected", str(rejected)]) == 0
    out = capsys.readouterr().out
    assert "Năm 2024. Sẽ thêm mới: 2; cập nhật: 0; không đổi: 0; trùng: 1 (bỏ qua);" \
           " bị loại: 1." in out
    assert "Dòng 6 trùng: Tên chủ hộ giống dòng 4 trong tệp." in out
    assert "Dòng 7 bị loại: Không tìm thấy tổ dân phố, bản 'Tổ dân phố số 77'" in out
    assert "chưa ghi gì" in out
    assert households(db) == before
    sheet = openpyxl.load_workbook(rejected).active
    assert any(row[-1] and str(row[-1]).startswith("Dòng 7:")
               for row in sheet.iter_rows(values_only=True))


def test_import_writes_one_action_and_duplicates_follow_the_flag(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_list(tmp_path / "ds_2024.xlsx", ROWS)
    before = households(db)
    assert main.main(["import-households", "--db", str(db), str(path), "--ward", "tan phong",
                      "--duplicates", "add"]) == 0
    out = capsys.readouterr().out
    assert "Đã ghi: Nhập 3 hộ từ ds_2024.xlsx (thêm 3, cập nhật 0)." in out
    assert households(db) == before + 3
    with Store(db) as store:
        actions = store.query("SELECT DISTINCT change_seq FROM audit_log WHERE action = ?",
                              ["Nhập 3 hộ từ ds_2024.xlsx"])
        assert len(actions) == 1
        statuses = store.query(
            "SELECT COUNT(*) AS n FROM household_years hy JOIN households h"
            " ON h.id = hy.household_id WHERE h.head_name = ? AND hy.year = 2024",
            ["Lò Thị Dòng Lệnh"])
        assert statuses[0]["n"] == 1
    # The same file again: the households are there now, so the rows are duplicates (skipped).
    assert main.main(["import-households", "--db", str(db), str(path), "--ward",
                      "tan phong"]) == 0
    out = capsys.readouterr().out
    assert "Sẽ thêm mới: 0" in out and "Không có hộ nào" in out
    assert households(db) == before + 3


def test_export_then_import_changes_nothing(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "doan_ket.xlsx"
    assert main.main(["export-households", "--db", str(db), "--year", "2024", "--ward",
                      "doan ket", "-o", str(path)]) == 0
    out = capsys.readouterr().out
    count = int(out.split("Đã xuất ")[1].split(" hộ")[0].replace(".", ""))
    sheet = openpyxl.load_workbook(path, read_only=True).active
    assert sum(1 for _ in sheet.iter_rows()) == count + 4
    assert main.main(["import-households", "--db", str(db), str(path)]) == 0
    out = capsys.readouterr().out
    assert f"không đổi: {count:,}".replace(",", ".") in out
    assert "Sẽ thêm mới: 0; cập nhật: 0" in out


def test_mapping_presets_from_the_command_line(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_list(tmp_path / "ds.xlsx", ROWS[:1])
    assert main.main(["import-households", "--db", str(db), str(path), "--ward", "tan phong",
                      "--save-mapping", "Mẫu Tân Phong", "--dry-run"]) == 0
    assert "Đã lưu mẫu ghép cột" in capsys.readouterr().out
    assert main.main(["import-households", "--db", str(db), str(path), "--ward", "tan phong",
                      "--mapping", "mau tan phong", "--dry-run"]) == 0
    assert "Sẽ thêm mới: 1" in capsys.readouterr().out
    assert main.main(["import-households", "--db", str(db), str(path), "--mapping", "khác"]) == 1
    assert "Không có mẫu ghép cột 'khác'" in capsys.readouterr().err


def test_errors_are_reported_in_vietnamese(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["import-households", "--db", str(db), str(tmp_path / "none.xlsx")]) == 1
    assert "Không tìm thấy tệp" in capsys.readouterr().err
    no_names = tmp_path / "khong_ten.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Tổ dân phố", "Ghi chú"])
    workbook.active.append(["Tổ 5", "x"])
    workbook.save(no_names)
    assert main.main(["import-households", "--db", str(db), str(no_names)]) == 2
    assert "Chưa chọn cột Họ và tên chủ hộ" in capsys.readouterr().err
    assert main.main(["export-households", "--db", str(db), "--year", "2024", "-o",
                      str(tmp_path / "a.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_the_dry_run_lists_every_converted_value(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [f"Lò Văn Thử Phông {chr(65 + number)}" for number in range(20)]
    rows: list[list[object]] = [[number, encode(name, TCVN3), "Tổ dân phố số 5", 1970,
                                 encode("Thái", TCVN3), ""]
                                for number, name in enumerate(names, start=1)]
    rows.append([21, encode("Lý Minh Tú", TCVN3), "Tổ dân phố số 5", 1971, "Kinh", ""])
    path = write_list(tmp_path / "tcvn3.xlsx", rows)
    args = ["import-households", "--db", str(db), str(path), "--ward", "tan phong"]
    assert main.main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Cột B có 20 ô viết bằng phông TCVN3" in out
    for line, name in enumerate(names, start=4):
        assert f"  dòng {line}: \"{encode(name, TCVN3)}\" → \"{name}\"" in out
    # "Lý Minh Tó" reads as Unicode: kept, and named for the official to check.
    assert ("dòng 24: giữ nguyên \"Lý Minh Tó\" (đọc được như chữ Unicode; nếu là phông cũ"
            " thì là \"Lý Minh Tú\": hãy kiểm tra)") in out
    # A real run shows the first ones and sends to the dry run for the rest.
    assert main.main(args) == 0
    out = capsys.readouterr().out
    assert out.count(" → ") >= 15 and "giá trị khác (xem tất cả với --dry-run)" in out


def test_unicode_names_typed_decomposed_are_no_legacy_font(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows: list[list[object]] = [
        [1, unicodedata.normalize("NFD", "Lò Văn Páo"), "TDP19", 1970, "Thái", "x"],
        [2, "Giàng A Láo", "tổ 19", 1971, unicodedata.normalize("NFD", "Mông"), ""],
        [3, unicodedata.normalize("NFD", "Vàng Thị Dợ"), "to dan pho so 19", 1972, "Mông", ""],
    ]
    path = write_list(tmp_path / "nfd.xlsx", rows)
    assert main.main(["import-households", "--db", str(db), str(path), "--ward", "tan phong"]) == 0
    out = capsys.readouterr().out
    assert "phông" not in out and "thêm 3" in out
    with Store(db) as store:
        stored = {row["head_name"] for row in store.query(
            "SELECT head_name FROM households WHERE head_name IN (?, ?, ?)",
            ["Lò Văn Páo", "Giàng A Láo", "Vàng Thị Dợ"])}
    assert stored == {"Lò Văn Páo", "Giàng A Láo", "Vàng Thị Dợ"}
