"""A certificate whose recognition was withdrawn must not verify as valid.

The QR code's signature only proves the office printed the certificate once; whether it is
still worth anything depends on the register row, its recognition and the decision, any of
which may have been withdrawn (a tombstone) since.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import main
from storage.certificates import Certificate
from storage.store import Store

YEAR = 2024


@dataclass(frozen=True)
class Issued:
    path: Path
    original: Certificate
    reprint: Certificate


def _recognised_group(store: Store) -> str:
    """A small city whose one group went through the whole cycle of ``YEAR`` and passed."""
    city = store.units.add("city", "Thành phố Thử", None, 2020)
    ward = store.units.add("phuong", "Phường Đoàn Kết", city.id, 2020)
    group = store.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
    framework = store.frameworks.create("Bộ tiêu chí thử", 2020)
    standard = store.frameworks.add_standard(framework.id, "1", "Tổ chức")
    criterion = store.frameworks.add_criterion(standard.id, "1.1", "Có nhà văn hóa")
    evaluations = store.evaluations
    evaluations.register(group.id, YEAR, "2024-03-01")
    evaluations.self_assess(group.id, YEAR, {criterion.id: (True, "")})
    evaluations.approve(group.id, YEAR, "self")
    evaluations.review(group.id, YEAR, "ward", {}, proposed=True)
    evaluations.approve(group.id, YEAR, "ward")
    evaluations.review(group.id, YEAR, "city", {})
    evaluations.approve(group.id, YEAR, "city")
    assert evaluations.decide(YEAR, "05/QĐ-UBND", "2025-01-05", "Nguyễn Văn Minh") == [
        (group.id, "new")]
    return group.id


@pytest.fixture
def issued(tmp_path: Path) -> Iterator[Issued]:
    path = tmp_path / "city.sqlite"
    with Store(path, actor="test") as store:
        _recognised_group(store)
        (original,) = store.certificates.issue(YEAR, issued_on="2025-01-10")
        (reprint,) = store.certificates.issue(YEAR, reprint=True, issued_on="2025-02-01")
    yield Issued(path, original, reprint)


def _tombstone(path: Path, table: str, record_id: str, deleted: bool = True) -> None:
    """Withdraw (or put back) a record the way the store deletes: a tombstone in an action."""
    with Store(path, actor="test") as store, store.action(f"Hủy {table}") as action:
        store.db.execute(
            f"UPDATE {table} SET deleted_at = ?, modified_at = ?, change_seq = ?,"
            " modified_site = ? WHERE id = ?",
            [action.now if deleted else None, action.now, action.seq, store.site_id,
             record_id])
        action.audit(table, record_id, "delete" if deleted else "restore",
                     {"deleted_at": [None, action.now] if deleted else [action.now, None]})


def _record_ids(path: Path, certificate: Certificate) -> dict[str, str]:
    with Store(path, actor="test") as store:
        decision_id = store.db.execute(
            "SELECT decision_id FROM recognitions WHERE id = ?",
            [certificate.recognition_id]).fetchone()[0]
    return {"certificates": certificate.id, "recognitions": certificate.recognition_id,
            "decisions": decision_id}


def _verify(path: Path, code: str) -> tuple[bool, str]:
    with Store(path, actor="test") as store:
        result = store.certificates.verify(code)
    return result.valid, result.message


def test_a_certificate_of_a_standing_recognition_is_genuine(issued: Issued) -> None:
    for certificate in (issued.original, issued.reprint):
        valid, message = _verify(issued.path, certificate.qr_text)
        assert valid, message
        assert "Tổ dân phố số 1, phường Đoàn Kết" in message


@pytest.mark.parametrize("copy", ["original", "reprint"])
@pytest.mark.parametrize(("table", "words"), [
    pytest.param("recognitions", "Công nhận năm 2024 của Tổ dân phố số 1 đã bị hủy/thu hồi ngày",
                 id="recognition"),
    pytest.param("decisions", "Quyết định công nhận 05/QĐ-UBND đã bị hủy/thu hồi ngày",
                 id="decision"),
])
def test_a_withdrawn_recognition_or_decision_makes_every_copy_invalid(
        issued: Issued, table: str, words: str, copy: str) -> None:
    certificate = getattr(issued, copy)
    _tombstone(issued.path, table, _record_ids(issued.path, certificate)[table])
    valid, message = _verify(issued.path, certificate.qr_text)
    assert not valid
    assert words in message and "không còn giá trị" in message


def test_a_cancelled_register_row_is_invalid_and_the_other_copy_stays_valid(
        issued: Issued) -> None:
    _tombstone(issued.path, "certificates", issued.reprint.id)
    valid, message = _verify(issued.path, issued.reprint.qr_text)
    assert not valid and "đã bị hủy trong sổ cấp ngày" in message
    assert _verify(issued.path, issued.original.qr_text)[0]


def test_a_recognition_put_back_makes_the_certificate_valid_again(issued: Issued) -> None:
    recognition = issued.original.recognition_id
    _tombstone(issued.path, "recognitions", recognition)
    assert not _verify(issued.path, issued.original.qr_text)[0]
    _tombstone(issued.path, "recognitions", recognition, deleted=False)
    assert _verify(issued.path, issued.original.qr_text)[0]


def test_the_verify_command_exits_1_with_the_reason_once_the_recognition_is_withdrawn(
        issued: Issued, capsys: pytest.CaptureFixture[str]) -> None:
    code = issued.original.qr_text
    assert main.main(["verify", "--db", str(issued.path), code]) == 0
    assert "Hợp lệ" in capsys.readouterr().out
    _tombstone(issued.path, "recognitions", issued.original.recognition_id)
    assert main.main(["verify", "--db", str(issued.path), code]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Không hợp lệ: Công nhận năm 2024")
    assert "đã bị hủy/thu hồi" in captured.err
