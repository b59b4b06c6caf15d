"""Legacy Vietnamese fonts: full tables, round trips, recognising a column's encoding."""

from __future__ import annotations

import unicodedata

import pytest

from storage.legacy_vietnamese import (
    LOWER_LETTERS,
    TCVN3,
    TCVN3_DECODE,
    UPPER_LETTERS,
    VNI,
    VNI_ENCODE,
    detect_column,
    detect_encoding,
    encode,
    has_legacy_evidence,
    to_nfc,
    to_unicode,
)

NAMES = [
    "Nguyễn Thị Ánh Tuyết", "Lò Văn Ấn", "Vàng Thị Ượng", "Đỗ Quốc Huỳnh", "Giàng A Dơ",
    "Hoàng Thị Ỷ", "Tẩn Láo Ủa", "Lý Ngọc Ẩn", "Phạm Văn Ổn", "Sùng Chồ", "Nậm Loỏng",
]


def test_the_tables_cover_all_134_letters() -> None:
    assert len(LOWER_LETTERS) == 67 and len(set(LOWER_LETTERS)) == 67
    assert len(UPPER_LETTERS) == 67 and set(UPPER_LETTERS).isdisjoint(LOWER_LETTERS)
    assert all(unicodedata.is_normalized("NFC", letter) for letter in LOWER_LETTERS)
    assert "đ" in LOWER_LETTERS and "Ự" in UPPER_LETTERS and "a" not in LOWER_LETTERS
    # Each lower-case letter has its own TCVN3 code; VNI gives all 134 their own spelling.
    assert len({encode(letter, TCVN3) for letter in LOWER_LETTERS}) == 67
    assert len({VNI_ENCODE[letter] for letter in (*LOWER_LETTERS, *UPPER_LETTERS)}) == 134
    assert all(len(code) == 1 for code in TCVN3_DECODE)


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_every_letter_round_trips(encoding: str) -> None:
    lower = " ".join(LOWER_LETTERS)
    upper = " ".join("Q" + letter + "NG" for letter in UPPER_LETTERS)  # words in capitals
    for text in (lower, upper, lower.upper() if encoding == VNI else upper):
        legacy = encode(text, encoding)
        assert legacy != text
        assert to_unicode(legacy, encoding) == text


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_names_in_title_case_and_capitals_round_trip(encoding: str) -> None:
    for name in NAMES:
        assert to_unicode(encode(name, encoding), encoding) == name
        assert to_unicode(encode(name.upper(), encoding), encoding) == name.upper()


def test_the_known_spellings_from_old_files() -> None:
    assert to_unicode("TiÕng ViÖt", TCVN3) == "Tiếng Việt"
    assert to_unicode("Tieáng Vieät", VNI) == "Tiếng Việt"
    assert to_unicode("Xin chaøo caùc baïn", VNI) == "Xin chào các bạn"
    assert to_unicode("B¶o Th¾ng", TCVN3) == "Bảo Thắng"
    assert to_unicode("M\u00adêng Kh\u00ad¬ng", TCVN3) == "Mường Khương"
    assert to_unicode("§oµn KÕt", TCVN3) == "Đoàn Kết"
    assert to_unicode("Ñoaøn Keát", VNI) == "Đoàn Kết"


def test_nfd_text_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert decomposed != "Nguyễn Thị Ánh"
    assert to_nfc(decomposed) == "Nguyễn Thị Ánh"
    assert to_nfc("plain") == "plain"


def test_recognises_a_column_and_shows_samples() -> None:
    for encoding in (TCVN3, VNI):
        values = [encode(name, encoding) for name in NAMES] + [1985, None, "Kinh"]
        detection = detect_column(4, values)
        assert detection is not None
        assert detection.column == 4 and detection.encoding == encoding
        assert detection.samples and all(
            to_unicode(before, encoding) == after for before, after in detection.samples)
        assert detection.samples[0] == (encode(NAMES[0], encoding), NAMES[0])


def test_unicode_and_plain_text_are_left_alone() -> None:
    assert detect_encoding(NAMES) is None
    assert detect_encoding(["Tổ dân phố số 5", "Hoà Bình", "Thuý", "Quý", "có", "x"]) is None
    assert detect_encoding(["Nguyen Van A", "1985"]) is None
    assert detect_column(0, ["Hoàng Văn Khoa", "Trần Thị Thu Hương"]) is None
    assert not has_legacy_evidence("Nguyễn Thị Ánh")
    assert has_legacy_evidence("Hä vµ tªn")


def test_tcvn3_and_vni_are_told_apart() -> None:
    for name in ("Nguyễn Văn Đức", "Lò Thị Hương", "Giàng A Tủa", "Hoàng Ngọc Tuyết"):
        assert detect_encoding([encode(name, TCVN3)]) == TCVN3
        assert detect_encoding([encode(name, VNI)]) == VNI
