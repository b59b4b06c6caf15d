"""``--version`` and ``--self-check`` through main.main, as the packaged program runs them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from reportlab.pdfgen.canvas import Canvas

import main
from cli import self_check
from reports import fonts, styles
from storage import logs


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder of the test's own (the self-check writes its log line there)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TUQUAN_DATA_DIR", str(folder))
    yield folder
    logs.teardown_logging()


def test_version_prints_the_program_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"Tự Quản {main.__version__}"


def test_the_option_sets_the_handler_instead_of_the_window() -> None:
    parser = main.build_parser()
    assert parser.parse_args(["--self-check"]).handler is self_check.run
    assert parser.parse_args([]).handler is main.cmd_gui


def test_self_check_passes_and_prints_ok(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["--self-check"]) == 0
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert lines[-1] == "OK"
    # One line per step, each passed, in order.
    assert [line.split(":")[0] for line in lines[:-1]] == [
        f"[đạt] {name}" for name, _step in self_check.STEPS]
    assert "chữ Việt đọc lại đúng" in out
    assert "chữ ký số hợp lệ, mã bị sửa bị từ chối" in out
    # Nothing but the log lands in the data folder: the check works in a temporary one.
    assert sorted(p.name for p in data_dir.iterdir()) == ["logs"]
    log = (data_dir / "logs" / "tuquan.log").read_text(encoding="utf-8")
    assert "Tự kiểm tra đạt" in log


def test_a_missing_font_fails_with_exit_code_1(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    # A build that forgot resources/fonts.
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setattr(fonts, "BUNDLED_DIR", empty)
    assert main.main(["--self-check"]) == 1
    captured = capsys.readouterr()
    assert "OK" not in captured.out.split()
    assert "[LỖI] Tệp đi kèm: thiếu phông chữ" in captured.out
    assert "LỖI: tự kiểm tra không đạt" in captured.err
    assert f"thiếu phông chữ {empty / fonts.BUNDLED[0]}" in captured.err
    # The steps after a failed one do not run (they need what it makes).
    assert "Cơ sở dữ liệu" not in captured.out
    assert "Tự kiểm tra không đạt" in (data_dir / "logs" / "tuquan.log").read_text(
        encoding="utf-8")


def _certificate_like(tmp_path: Path, font: str) -> self_check.Context:
    """A one-page landscape PDF with the certificate's heading, written with ``font``."""
    recipient = "Tổ dân phố số 10, phường Tân Phong"
    path = tmp_path / f"{font}.pdf"
    canvas = Canvas(str(path), pagesize=styles.LANDSCAPE, initialFontName=font)
    canvas.setFont(font, 14)
    for y, text in ((500, styles.NATIONAL_NAME), (480, styles.MOTTO),
                    (440, "GIẤY CÔNG NHẬN"), (400, recipient), (360, "Số vào sổ: 1/2024/GCN")):
        canvas.drawString(60, y, text)
    canvas.showPage()
    canvas.save()
    context = self_check.Context(tmp_path)
    context.pdf = path
    context.certificate = SimpleNamespace(recipient=recipient, register_number="1/2024/GCN")
    context.settings = SimpleNamespace(title="Giấy công nhận")
    return context


def test_the_pdf_check_refuses_a_type1_font(tmp_path: Path) -> None:
    # Helvetica is a built-in Type 1 font without Vietnamese glyphs: boxes on paper.
    with pytest.raises(self_check.CheckFailed, match="Type 1|TrueType"):
        self_check.check_pdf(_certificate_like(tmp_path, "Helvetica"))


def test_the_pdf_check_reads_back_vietnamese_from_the_document_font(tmp_path: Path) -> None:
    fonts.register_fonts()
    detail = self_check.check_pdf(_certificate_like(tmp_path, fonts.REGULAR))
    assert "chữ Việt đọc lại đúng" in detail
    text = self_check.pdf_text(tmp_path / f"{fonts.REGULAR}.pdf")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
