"""Vietnamese text helpers: normalisation, search keys, sort keys and number/date formats.

Everything here is pure functions over ``str``, ``int``, ``float`` and ``datetime.date`` so the
store, the reports and the GUI format and order text the same way.
"""

import datetime
import functools
import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal

# Primary order for sort_key: space first (so "An" < "Anh" and word boundaries win), digits
# next, then the Vietnamese alphabet with f, j, w, z slotted in at their Latin positions.
_PRIMARY_ORDER = " 0123456789" + "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# One key character per unit, all from printable ASCII starting at "!", so every primary
# character is above the "\x01" separator and the keys stay readable when debugging.
_PRIMARY = {letter: chr(0x21 + index) for index, letter in enumerate(_PRIMARY_ORDER)}
# Any other character sorts after every letter: this marker (above all letter codes) followed
# by the character itself, so unknown characters still order among themselves by code point.
_OTHER = chr(0x21 + len(_PRIMARY_ORDER))
# Tone marks (combining characters after NFD) in dictionary order; "0" is "no tone".
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_SEPARATOR = "\x01"

_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def nfc(text: str) -> str:
    """Return ``text`` in NFC with outer whitespace stripped and inner runs made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Return the search key of ``text``: no diacritics, đ as d, case-folded, spaces collapsed.

    ``fold("Đoàn Kết") == "doan ket"``; NFC and NFD spellings of a text fold the same.
    """
    # Case-fold before decomposing: folding can itself produce combining marks (e.g. "İ"),
    # which must be dropped too for fold to be idempotent.
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold())
    without_marks = "".join(char for char in folded if not unicodedata.combining(char))
    # đ is a letter of its own in Unicode, not d plus a mark, so NFD leaves it alone.
    return " ".join(without_marks.replace("đ", "d").split())


@functools.cache
def _letter_weights(char: str) -> tuple[str, str, str] | None:
    """Return (primary, tone, case) key characters of one NFC character, None if no letter.

    A character counts as a letter when it is a digit, the space, or a letter of
    ``_PRIMARY_ORDER`` in either case carrying at most one tone mark. Cached: a text has few
    distinct characters, and keys are computed for every name of a 100.000-household import.
    """
    decomposed = unicodedata.normalize("NFD", char)
    tones = [mark for mark in decomposed if mark in _TONES]
    # The vowel marks (ă â ê ô ơ ư) stay: they make a different letter, not a tone.
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    lower = base.lower()
    if len(tones) > 1 or lower not in _PRIMARY:
        return None
    tone = _TONES[tones[0]] if tones else "0"
    # Lowercase first, as in the Unicode collation algorithm's default.
    case = "0" if base == lower else "1"
    return _PRIMARY[lower], tone, case


def sort_key(text: str) -> str:
    """Return a string whose binary order is Vietnamese dictionary order of ``text``.

    Letters decide first (case-insensitively, a ă â b c d đ e ê … y), then tones (none,
    huyền, hỏi, ngã, sắc, nặng), then case (lowercase first), then the NFC text itself, so
    distinct texts get distinct keys. Python ``<`` and SQLite's BINARY collation agree on it.
    """
    text = nfc(text)
    primary: list[str] = []
    tones: list[str] = []
    cases: list[str] = []
    for char in text:
        weights = _letter_weights(char)
        if weights is None:
            primary.append(_OTHER + char)
            tones.append("0")
            cases.append("0")
        else:
            primary.append(weights[0])
            tones.append(weights[1])
            cases.append(weights[2])
    # The separator is below every primary character, so a shorter word sorts before any
    # longer word it begins; tones and cases only count once the primary parts are equal.
    return _SEPARATOR.join(["".join(primary), "".join(tones), "".join(cases), text])


def person_sort_key(full_name: str) -> str:
    """Return the sort key of a Vietnamese full name: given name, then middle, then family.

    ``"Nguyễn Thị Bình"`` is keyed as ``"Bình Thị Nguyễn"``.
    """
    words = nfc(full_name).split(" ")
    if len(words) < 2:
        return sort_key(full_name)
    return sort_key(" ".join([words[-1], *words[1:-1], words[0]]))


def format_int(n: int) -> str:
    """Return ``n`` with dots between thousands: ``12460`` -> ``"12.460"``."""
    return f"{n:,}".replace(",", ".")


def _format_exact(value: Decimal, digits: int) -> str:
    """Return ``value`` rounded half away from zero to ``digits`` places, Vietnamese style."""
    # Enough precision for any float (up to ~1.8e308) so quantize never overflows.
    rounded = value.quantize(
        Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=Context(prec=400 + digits)
    )
    if rounded.is_zero():
        rounded = abs(rounded)  # -0.04 rounds to "-0,0"; show "0,0" instead
    # Python writes "1,234.5"; Vietnamese swaps the two separators: "1.234,5".
    return f"{rounded:,.{digits}f}".translate(str.maketrans(",.", ".,"))


def format_decimal(x: float, digits: int = 1) -> str:
    """Return ``x`` with ``digits`` decimals, decimal comma and dots between thousands.

    Rounds half away from zero on the shortest decimal spelling of ``x``, so ``109.375``
    gives ``"109,4"`` and ``0.05`` gives ``"0,1"``.
    """
    # repr() is the shortest text that reads back as x, i.e. what the user saw or typed;
    # Decimal(x) would expose binary noise (0.05 is 0.05000000000000000277...).
    return _format_exact(Decimal(repr(x)), digits)


def format_percent(part: float, whole: float | None = None, digits: int = 1) -> str:
    """Return a percentage such as ``"96,3%"``.

    With ``whole``, the percentage is ``part / whole * 100`` (``"–"`` when ``whole`` is 0);
    without it, ``part`` already is a percentage.
    """
    if whole is None:
        return format_decimal(part, digits) + "%"
    if whole == 0:
        return "–"
    # Divide in Decimal: in floats 204 / 320 * 100 is 63.74999..., which would round to 63,7.
    percent = Decimal(repr(part)) * 100 / Decimal(repr(whole))
    return _format_exact(percent, digits) + "%"


def format_date(d: datetime.date) -> str:
    """Return ``d`` as ``dd/mm/yyyy``, e.g. ``"05/01/2025"``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_date(text: str) -> datetime.date:
    """Read a date written ``d/m/yyyy`` (one or two digits) or ``yyyy-mm-dd``.

    Raises ``ValueError`` with a Vietnamese message for anything else or an impossible date.
    """
    stripped = text.strip()
    if match := _DMY.fullmatch(stripped):
        day, month, year = (int(group) for group in match.groups())
    elif match := _ISO.fullmatch(stripped):
        year, month, day = (int(group) for group in match.groups())
    else:
        raise ValueError(f"Ngày không hợp lệ: {text} (cần dạng ngày/tháng/năm, ví dụ 05/01/2025)")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"Ngày không hợp lệ: {text} (không có ngày này)") from None


def format_long_date(d: datetime.date) -> str:
    """Return ``d`` as written in documents: ``"ngày 05 tháng 01 năm 2026"``.

    Nghị định 30/2020/NĐ-CP: days below 10 and months 1 and 2 take a leading zero, other
    months do not (``"ngày 15 tháng 3 năm 2024"``).
    """
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def place_date_line(place: str, d: datetime.date) -> str:
    """Return the place-and-date line of a document: ``"Tân Phong, ngày 05 tháng 01 năm 2026"``."""
    return f"{nfc(place)}, {format_long_date(d)}"
