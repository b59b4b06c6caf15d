"""Tests of storage.text: normalisation, search and sort keys, number and date formats."""

import datetime
import random
import sqlite3
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.text import (
    fold,
    format_date,
    format_decimal,
    format_int,
    format_long_date,
    format_percent,
    nfc,
    parse_date,
    person_sort_key,
    place_date_line,
    sort_key,
)

# The reference order, written independently of the module: space, digits, then letters.
UNITS = " 0123456789" + "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
VOWELS = "aăâeêioôơuưy"
TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # none, huyền … nặng


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def by_sort_key(texts: list[str]) -> list[str]:
    return sorted(texts, key=sort_key)


@st.composite
def vietnamese_text(draw: st.DrawFn) -> tuple[str, tuple[list[int], list[int], list[int]]]:
    """A text of 0-3 words over the alphabet with tones and case, and its reference weights."""
    primary: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    words: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        if words:  # the single space between words
            primary.append(0)
            tones.append(0)
            cases.append(0)
        word = ""
        for _ in range(draw(st.integers(1, 4))):
            unit = draw(st.integers(1, len(UNITS) - 1))
            char = UNITS[unit]
            tone = draw(st.integers(0, 5)) if char in VOWELS else 0
            upper = draw(st.booleans()) if char.isalpha() else False
            char = unicodedata.normalize("NFC", char + TONE_MARKS[tone])
            word += char.upper() if upper else char
            primary.append(unit)
            tones.append(tone)
            cases.append(int(upper))
        words.append(word)
    return " ".join(words), (primary, tones, cases)


def test_nfc() -> None:
    assert nfc("  Nguye\u0302\u0303n \t Văn\n An ") == "Nguyễn Văn An"
    assert nfc("") == ""


def test_fold_examples() -> None:
    assert fold("Đoàn Kết") == "doan ket"
    assert fold("NGUYỄN Văn  An") == "nguyen van an"
    assert fold(nfd(" Phường Tân Phong ")) == "phuong tan phong"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_ignores_normal_form_and_leaves_no_marks(text: str) -> None:
    folded = fold(text)
    assert fold(nfd(text)) == folded
    assert not any(unicodedata.combining(char) for char in folded)
    assert "đ" not in folded and "Đ" not in folded


def test_sort_key_alphabet_and_tones() -> None:
    expected = ["an", "ăn", "ân", "ba", "bà", "da", "đa", "e", "ê"]
    assert by_sort_key(["an", "ăn", "ân", "bà", "ba", "đa", "da", "e", "ê"]) == expected
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert by_sort_key(random.Random(1).sample(tones, len(tones))) == tones
    assert sort_key("Anh") < sort_key("Ánh") < sort_key("Ănh")
    assert sort_key("Mông") < sort_key("Mường")
    # Letters outrank tones: every "ba…" before "bac", whatever the tone.
    assert sort_key("bạ") < sort_key("bac")
    # f j w z at their Latin places, digits before letters, space first, others last.
    latin = ["ê", "f", "g", "i", "j", "k", "v", "w", "x", "y", "z"]
    assert by_sort_key(random.Random(2).sample(latin, len(latin))) == latin
    assert by_sort_key(["a", "9", "-", "z"]) == ["9", "a", "z", "-"]
    assert sort_key("An") < sort_key("Anh") and sort_key("an b") < sort_key("anb")


def test_sort_key_case_and_distinctness() -> None:
    assert by_sort_key(["AN", "An", "an", "Ân", "ân"]) == ["an", "An", "AN", "ân", "Ân"]
    # Case only counts after tones: "An" before "àn".
    assert sort_key("An") < sort_key("àn")
    texts = ["a", "A", "á", "Á", "ä", "a-", "a b", "ab", "ç", "", "ｂ"]
    assert len({sort_key(text) for text in texts}) == len(texts)
    assert sort_key(" Ánh  ") == sort_key("Ánh")


@given(vietnamese_text(), vietnamese_text())
def test_sort_key_matches_reference(
    first: tuple[str, tuple[list[int], list[int], list[int]]],
    second: tuple[str, tuple[list[int], list[int], list[int]]],
) -> None:
    (text_a, ref_a), (text_b, ref_b) = first, second
    assert (sort_key(text_a) < sort_key(text_b)) == (ref_a < ref_b)
    assert (sort_key(text_a) == sort_key(text_b)) == (ref_a == ref_b)


@given(st.lists(vietnamese_text()))
def test_sort_key_sorts_like_reference(items: list[tuple[str, tuple]]) -> None:
    texts = [text for text, _ in items]
    reference = [text for text, _ in sorted(items, key=lambda item: item[1])]
    assert by_sort_key(texts) == reference


@given(st.text())
def test_sort_key_ignores_normal_form(text: str) -> None:
    assert sort_key(nfd(text)) == sort_key(text)


@given(st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"]))))
def test_sqlite_binary_order_agrees(texts: list[str]) -> None:
    with sqlite3.connect(":memory:") as connection:
        connection.execute("CREATE TABLE t (k TEXT)")
        connection.executemany("INSERT INTO t VALUES (?)", [(sort_key(t),) for t in texts])
        stored = [row[0] for row in connection.execute("SELECT k FROM t ORDER BY k")]
    connection.close()
    assert stored == sorted(sort_key(text) for text in texts)


def test_person_sort_key() -> None:
    names = ["Lê Văn Bình", "Nguyễn Thị Bình", "Trần Văn An"]
    assert sorted(names, key=person_sort_key) == ["Trần Văn An", "Nguyễn Thị Bình", "Lê Văn Bình"]
    assert sorted(["Lý Anh", "Lê An"], key=person_sort_key) == ["Lê An", "Lý Anh"]
    assert person_sort_key(" Bình ") == sort_key("Bình")
    assert person_sort_key("") == sort_key("")


def test_format_numbers() -> None:
    assert format_int(12460) == "12.460"
    assert format_int(-1234) == "-1.234"
    assert format_int(0) == "0"
    assert format_int(1_000_000) == "1.000.000"
    assert format_decimal(96.3) == "96,3"
    assert format_decimal(1234.5) == "1.234,5"
    assert format_decimal(109.375) == "109,4"
    assert format_decimal(0.05) == "0,1"
    assert format_decimal(-0.05) == "-0,1"
    assert format_decimal(-0.04) == "0,0"
    assert format_decimal(1234567.891, 2) == "1.234.567,89"
    assert format_decimal(2.5, 0) == "3"


def test_format_percent() -> None:
    assert format_percent(12460, 12937) == "96,3%"
    assert format_percent(35, 32) == "109,4%"
    assert format_percent(35, 26) == "134,6%"
    assert format_percent(204, 320) == "63,8%"  # 63.75 exactly, though not in floats
    assert format_percent(96.25) == "96,3%"
    assert format_percent(5, 0) == "–"
    assert format_percent(1, 3, digits=2) == "33,33%"


@given(st.integers())
def test_format_int_round_trips(n: int) -> None:
    assert int(format_int(n).replace(".", "")) == n


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(0, 4))
def test_format_decimal_round_trips(x: float, digits: int) -> None:
    text = format_decimal(x, digits)
    back = Decimal(text.replace(".", "").replace(",", "."))
    assert abs(back - Decimal(repr(x))) <= Decimal(5).scaleb(-digits - 1)


def test_dates() -> None:
    assert format_date(datetime.date(2026, 11, 27)) == "27/11/2026"
    assert format_date(datetime.date(2025, 1, 5)) == "05/01/2025"
    for text in ("05/01/2025", "5/1/2025", "2025-01-05", " 5/01/2025 "):
        assert parse_date(text) == datetime.date(2025, 1, 5)
    for text in ("", "31/02/2025", "2025/01/05", "5-1-2025", "05/01/25", "hôm nay", "1/13/2025"):
        with pytest.raises(ValueError, match="Ngày không hợp lệ"):
            parse_date(text)


@given(st.dates())
def test_parse_date_reads_format_date(d: datetime.date) -> None:
    assert parse_date(format_date(d)) == d


def test_format_long_date() -> None:
    assert format_long_date(datetime.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert format_long_date(datetime.date(2026, 11, 27)) == "ngày 27 tháng 11 năm 2026"
    assert format_long_date(datetime.date(2024, 3, 15)) == "ngày 15 tháng 3 năm 2024"
    assert format_long_date(datetime.date(2024, 2, 5)) == "ngày 05 tháng 02 năm 2024"
    d = datetime.date(2024, 1, 1)
    while d.year == 2024:  # a leap year: every day and month
        day = f"0{d.day}" if d.day < 10 else str(d.day)
        month = f"0{d.month}" if d.month in (1, 2) else str(d.month)
        assert format_long_date(d) == f"ngày {day} tháng {month} năm 2024"
        d += datetime.timedelta(days=1)


def test_place_date_line() -> None:
    line = place_date_line("Tân Phong", datetime.date(2026, 1, 5))
    assert line == "Tân Phong, ngày 05 tháng 01 năm 2026"
