"""Legacy Vietnamese text (TCVN3/ABC and VNI fonts) recognised and converted to Unicode NFC.

Spreadsheets typed before Unicode keep Vietnamese in font encodings: with the ".VnTime" font
(TCVN3, also called ABC) "Tiếng Việt" is stored as "TiÕng ViÖt"; with "VNI-Times" it is
stored as "Tieáng Vieät". The file holds ordinary Latin-1 characters, so only the text itself
tells which it is. ``detect_column`` looks at the cells of one column, tries each encoding and
keeps the one whose result reads as Vietnamese syllables; ``to_unicode`` converts.

TCVN3 has codes for the 67 lower-case letters but only for seven upper-case ones (Ă Â Ê Ô Ơ Ư
Đ): upper-case letters with a tone were typed with the lower-case code in the all-capitals font
".VnTimeH". The conversion gives them back their case from the word around them (a word typed
in capitals, a name whose other words are capitalised).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

TCVN3 = "tcvn3"
VNI = "vni"
ENCODING_LABELS = {TCVN3: "TCVN3 (ABC, phông .VnTime)", VNI: "VNI (phông VNI-Times)"}

# The 12 vowels' base letters and the tone marks, in the order used to build every table.
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, huyền, sắc, hỏi, ngã, nặng
_VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")


def _letters() -> list[str]:
    """Every lower-case Vietnamese letter that is not plain ASCII (67), in a fixed order."""
    letters = []
    for vowel in _VOWELS:
        for tone in _TONES:
            letter = unicodedata.normalize("NFC", vowel + tone)
            if not letter.isascii():
                letters.append(letter)
    letters.append("đ")
    return letters


LOWER_LETTERS: tuple[str, ...] = tuple(_letters())
UPPER_LETTERS: tuple[str, ...] = tuple(letter.upper() for letter in LOWER_LETTERS)
# The 134 letters with a diacritic: what every table must cover.
VIETNAMESE_LETTERS: frozenset[str] = frozenset(LOWER_LETTERS + UPPER_LETTERS)

# -- TCVN3 (TCVN 5712:1993, VN3) --------------------------------------------------------------

# Unicode letter -> its one-byte code (as the Latin-1 character a spreadsheet stores).
_TCVN3_LOWER = {
    "à": "µ", "á": "¸", "ả": "¶", "ã": "·", "ạ": "¹",
    "ă": "¨", "ằ": "»", "ắ": "¾", "ẳ": "¼", "ẵ": "½", "ặ": "Æ",
    "â": "©", "ầ": "Ç", "ấ": "Ê", "ẩ": "È", "ẫ": "É", "ậ": "Ë",
    "è": "Ì", "é": "Ð", "ẻ": "Î", "ẽ": "Ï", "ẹ": "Ñ",
    "ê": "ª", "ề": "Ò", "ế": "Õ", "ể": "Ó", "ễ": "Ô", "ệ": "Ö",
    "ì": "×", "í": "Ý", "ỉ": "Ø", "ĩ": "Ü", "ị": "Þ",
    "ò": "ß", "ó": "ã", "ỏ": "á", "õ": "â", "ọ": "ä",
    "ô": "«", "ồ": "å", "ố": "è", "ổ": "æ", "ỗ": "ç", "ộ": "é",
    "ơ": "¬", "ờ": "ê", "ớ": "í", "ở": "ë", "ỡ": "ì", "ợ": "î",
    "ù": "ï", "ú": "ó", "ủ": "ñ", "ũ": "ò", "ụ": "ô",
    "ư": "\u00ad", "ừ": "õ", "ứ": "ø", "ử": "ö", "ữ": "÷", "ự": "ù",
    "ỳ": "ú", "ý": "ý", "ỷ": "û", "ỹ": "ü", "ỵ": "þ",
    "đ": "®",
}
# The only upper-case letters with a code of their own.
_TCVN3_UPPER = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}


def _tcvn3_encode_table() -> dict[str, str]:
    table = dict(_TCVN3_LOWER)
    table.update(_TCVN3_UPPER)
    for lower, code in _TCVN3_LOWER.items():
        # Upper-case toned letters: the lower-case code, shown in capitals by .VnTimeH.
        table.setdefault(lower.upper(), code)
    return table


TCVN3_ENCODE: dict[str, str] = _tcvn3_encode_table()
TCVN3_DECODE: dict[str, str] = {
    **{code: letter for letter, code in _TCVN3_LOWER.items()},
    **{code: letter for letter, code in _TCVN3_UPPER.items()},
}

# -- VNI (VNI-Windows) ------------------------------------------------------------------------

# A vowel is typed as its base letter followed by a mark character; the lower-case marks below,
# upper-case words use the mark's upper-case form. (modifier of the vowel, tone) -> mark.
_VNI_MARKS = {
    ("", "\u0300"): "ø", ("", "\u0301"): "ù", ("", "\u0309"): "û", ("", "\u0303"): "õ",
    ("", "\u0323"): "ï",
    ("\u0302", ""): "â", ("\u0302", "\u0300"): "à", ("\u0302", "\u0301"): "á",
    ("\u0302", "\u0309"): "å", ("\u0302", "\u0303"): "ã", ("\u0302", "\u0323"): "ä",
    ("\u0306", ""): "ê", ("\u0306", "\u0300"): "è", ("\u0306", "\u0301"): "é",
    ("\u0306", "\u0309"): "ú", ("\u0306", "\u0303"): "ü", ("\u0306", "\u0323"): "ë",
}
# Letters with a code of their own (the base letter is not typed): ơ, ư, đ and some of i, y.
_VNI_SINGLE = {
    "ơ": "ô", "ư": "ö", "đ": "ñ",
    "ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î",
}


def _vni_encode_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for letter in LOWER_LETTERS:
        if letter in _VNI_SINGLE:
            table[letter] = _VNI_SINGLE[letter]
            continue
        decomposed = unicodedata.normalize("NFD", letter)
        base = decomposed[0]
        marks = decomposed[1:]
        tone = next((mark for mark in marks if mark in _TONES[1:]), "")
        modifier = next((mark for mark in marks if mark in ("\u0302", "\u0306", "\u031b")), "")
        if modifier == "\u031b":  # ơ, ư with a tone: the code of ơ/ư, then the tone mark
            table[letter] = _VNI_SINGLE[unicodedata.normalize("NFC", base + modifier)] + \
                _VNI_MARKS[("", tone)]
        else:
            table[letter] = base + _VNI_MARKS[(modifier, tone)]
    for letter in LOWER_LETTERS:
        table[letter.upper()] = table[letter].upper()
    return table


VNI_ENCODE: dict[str, str] = _vni_encode_table()
# Two-character sequences first (base + mark), then single codes; a mark in the other case
# than its base letter still counts (typed with Shift held on the vowel only).
_VNI_PAIRS: dict[str, str] = {}
_VNI_SINGLES: dict[str, str] = {}
for _letter, _code in VNI_ENCODE.items():
    if len(_code) == 2:
        _VNI_PAIRS[_code] = _letter
        for _variant in (_code[0] + _code[1].lower(), _code[0] + _code[1].upper()):
            _VNI_PAIRS.setdefault(_variant, _letter)
    elif _code != _letter:
        _VNI_SINGLES[_code] = _letter
VNI_DECODE: dict[str, str] = {**_VNI_PAIRS, **_VNI_SINGLES}
_VNI_PATTERN = re.compile(
    "|".join(re.escape(code) for code in sorted(VNI_DECODE, key=len, reverse=True))
)

# -- converting -------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")


def encode(text: str, encoding: str) -> str:
    """``text`` (Unicode) written in a legacy encoding: what an old file would hold.

    Used to test the conversion and to build sample files; TCVN3 loses the case of upper-case
    letters with a tone (see the module docstring).
    """
    table = TCVN3_ENCODE if encoding == TCVN3 else VNI_ENCODE
    return "".join(table.get(char, char) for char in unicodedata.normalize("NFC", text))


_TCVN3_TABLE = str.maketrans(TCVN3_DECODE)
# Codes of letters whose case the code does not tell (ă â ê ô ơ ư đ have codes of both cases).
_CASELESS = re.compile("[" + re.escape("".join(sorted(
    code for code, letter in TCVN3_DECODE.items() if letter.upper() not in _TCVN3_UPPER)))
    + "]")


def _tcvn3_decode(text: str) -> str:
    decoded = text.translate(_TCVN3_TABLE)  # one letter for one code: positions are kept
    coded = {match.start() for match in _CASELESS.finditer(text)}
    if not coded:
        return decoded
    # The common case: every such letter follows a small letter of its word ("Lß", "V¨n"),
    # so it is small too; only the others need the words around them.
    if all(position and position - 1 not in coded and decoded[position - 1].islower()
           for position in coded):
        return decoded
    return _restore_case(decoded, coded)


def _restore_case(text: str, coded: set[int]) -> str:
    """Upper-case the coded letters of words typed in capitals, and of capitalised names."""
    words = [(match.start(), match.end()) for match in _WORD.finditer(text)]
    # Per word, from the letters whose case the file tells (not coded lower-case): whether
    # it is typed in capitals, whether it has a small letter, whether it begins with a capital
    # (None when its first letter's case is unknown).
    capitals: list[bool] = []
    has_lower: list[bool] = []
    starts_upper: list[bool | None] = []
    for start, end in words:
        known = upper = lower = 0
        for position in range(start, end):
            if position in coded:
                continue
            known += 1
            char = text[position]
            if char.isupper():
                upper += 1
            elif char.islower():
                lower += 1
        # One capital at the start only is a capitalised word ("Lò"), not one in capitals.
        capitals.append(upper == known and upper > 0 and (upper >= 2 or start in coded))
        has_lower.append(lower > 0)
        starts_upper.append(None if start in coded else text[start].isupper())
    text_in_capitals = any(capitals) and not any(has_lower)
    result = list(text)
    for number, (start, end) in enumerate(words):
        positions = [position for position in coded if start <= position < end]
        if not positions:
            continue
        if capitals[number] or (not has_lower[number] and text_in_capitals):
            for position in positions:
                result[position] = result[position].upper()
            continue
        others = [upper for other, upper in enumerate(starts_upper)
                  if other != number and upper is not None]
        if start in coded and others and all(others):
            # A name or title whose other words are capitalised: this one is too.
            result[start] = result[start].upper()
    return "".join(result)


def to_unicode(text: str, encoding: str) -> str:
    """Convert text stored in a legacy encoding (TCVN3 or VNI) to Unicode NFC."""
    if encoding == TCVN3:
        converted = _tcvn3_decode(text)
    elif encoding == VNI:
        converted = _VNI_PATTERN.sub(lambda match: VNI_DECODE[match.group()], text)
    else:
        raise ValueError(f"Unknown legacy encoding: {encoding}")
    return unicodedata.normalize("NFC", converted)


def to_nfc(text: str) -> str:
    """``text`` in NFC (files from some keyboards and Macs hold decomposed NFD text)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


# -- recognising ------------------------------------------------------------------------------
#
# A cell is converted only on evidence. Both legacy fonts store their letters as Latin-1
# characters, and two dozen of those are Vietnamese letters too (TCVN3 writes "ũ" as "ò", VNI
# writes "ị" as "ò"): a Unicode "Lò" is also a TCVN3 "Lũ". So the decision is taken per cell,
# on its NFC text, and a cell is converted only when
#   * it does not read as Vietnamese Unicode: a Latin-1 sign or letter Vietnamese never uses
#     stands next to a letter ("Th¸i", "Hm«ng"), or a word is not shaped like a Vietnamese
#     syllable ("Leâ", "ngâ", "Tèt", "nghÌo");
#   * every letter beyond ASCII is one the font stores letters as (a Unicode "ă", "ơ" or
#     "ạ" proves the text was never typed in it);
#   * what carries that evidence changes in the conversion; and
#   * every word the conversion changes becomes a Vietnamese syllable.
# Text that reads as Vietnamese Unicode is never converted, whatever its column holds.

# Latin-1 letters and signs that Vietnamese in Unicode never uses: the legacy fonts' codes
# for the letters Latin-1 lacks ("¸" is "á" in TCVN3, "ø" the grave accent in VNI).
_FOREIGN = frozenset(
    chr(code) for code in range(0xA0, 0x100)
    if chr(code) not in VIETNAMESE_LETTERS and chr(code) not in "\u00a0°±"
)
_INITIAL = "(?P<initial>ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?"
# The rhymes of Vietnamese syllables (tones left out): those that end in a glide and take no
# final consonant; the vowels that may take one; and those that must ("ăn" but no "ă", "tiên"
# but no "tiê", "ngõ" but no "ngâ").
_OPEN_NUCLEI = (
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu oai oao oay oeo uây uôi uya"
    " uyu ươi ươu yêu"
).split()
_NUCLEI = "a e ê i o ô ơ u ư y oa oe uê uơ uy".split()
_BOUND_NUCLEI = "ă â iê yê uyê uô ươ oă uâ oo".split()
# "nh" and "ch" end only the front vowels and "a" ("anh", "ếch", "tính", "Huỳnh", "oách").
_PALATAL_NUCLEI = "a ê i y oa uê uy".split()
_FINAL = "(?:ng|[cmnpt])"


def _alternatives(items: list[str]) -> str:
    return "(?:" + "|".join(sorted(items, key=len, reverse=True)) + ")"


def _rhyme(bound: list[str]) -> str:
    return (f"(?:{_alternatives(_OPEN_NUCLEI)}"
            f"|{_alternatives(_NUCLEI)}(?P<free>{_FINAL})?"
            f"|{_alternatives(bound)}(?P<bound>{_FINAL})"
            f"|{_alternatives(_PALATAL_NUCLEI)}(?P<palatal>nh|ch))")


_SYLLABLE = re.compile(_INITIAL + _rhyme(_BOUND_NUCLEI))
# What a word of a legacy font may become when a sign of the font stood in its cell: a
# Vietnamese rhyme after any cluster of consonants ("Hm«ng" → "Hmông"), "oô" included
# ("Lo«ng" → "Loông", a place name's own spelling), or an abbreviation in capitals without
# vowels ("S§T" → "SĐT").
_LOOSE_SYLLABLE = re.compile("(?P<initial>[bcdđfghjklmnpqrstvwxz]*)"
                             + _rhyme([*_BOUND_NUCLEI, "oô"]))
_RHYME = re.compile(_rhyme(_BOUND_NUCLEI))
_ABBREVIATION = re.compile("[BCDĐFGHJKLMNPQRSTVWXZ]+")
_TONE_MARKS = frozenset(_TONES[1:])
# A syllable closed by c, ch, p or t carries the sắc or the nặng tone ("Đức", "Ngọc"; no "Tèt").
_STOP_TONES = frozenset(("\u0301", "\u0323"))


_MODIFIED_VOWELS = frozenset("ăâêôơư")
# Open rhymes of two vowels whose tone either vowel may carry ("hòa" and "hoà", "thùy" and
# "thuỳ": the older and the newer spelling).
_EITHER_TONE = frozenset(("oa", "oe", "uy"))


def _tone_placed(vowels: str, position: int, closed: bool) -> bool:
    """Whether the tone stands on the vowel of the rhyme Vietnamese spelling puts it on: the
    last of ă â ê ô ơ ư if there is one; else the last vowel before a final consonant; else
    the first of two vowels (the middle of three), either one in oa, oe, uy."""
    if not 0 <= position < len(vowels):
        return False
    modified = [index for index, char in enumerate(vowels) if char in _MODIFIED_VOWELS]
    if modified:
        return position == modified[-1]
    if closed or len(vowels) == 1:
        return position == len(vowels) - 1
    if len(vowels) == 2:
        return position == 0 or vowels in _EITHER_TONE
    return position == 1


def _shaped_like(word: str, pattern: re.Pattern[str], spelling: bool = True) -> bool:
    if any(earlier.islower() and later.isupper()
           for earlier, later in zip(word, word[1:], strict=False)):
        return False
    tones: list[tuple[str, int]] = []
    letters: list[str] = []
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in _TONE_MARKS:
            tones.append((char, len(letters) - 1))  # the letter the tone stands on
        elif unicodedata.combining(char) and letters:
            letters[-1] += char
        else:
            letters.append(char)
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(letters))
    match = pattern.fullmatch(base)
    if match is None:
        return False
    final = match.group("free") or match.group("bound") or match.group("palatal") or ""
    if final in ("c", "ch", "p", "t") and not (tones and tones[0][0] in _STOP_TONES):
        return False
    if not tones or not spelling:
        return True
    position = tones[0][1]
    start = len(match.group("initial") or "")
    vowels = base[start:len(base) - len(final)]
    if _tone_placed(vowels, position - start, bool(final)):
        return True
    # "gi" is an initial ("già") or g before the vowel i ("gìa", "gìn"): try the other one.
    if match.group("initial") == "gi" and _RHYME.fullmatch(base[1:]) is not None:
        return _tone_placed(base[1:len(base) - len(final)], position - 1, bool(final))
    return False


@functools.lru_cache(maxsize=131072)
def _syllable_ok(word: str) -> bool:
    """Whether a word is shaped like a Vietnamese syllable: one tone at most, initial + rhyme,
    no capital after a small letter ("nghÌo" is TCVN3), a closed syllable's tone sắc or nặng,
    the tone on the vowel spelling puts it on ("Xaù" is VNI)."""
    return _shaped_like(word, _SYLLABLE)


@functools.lru_cache(maxsize=65536)
def _loose_word(word: str) -> bool:
    """A word that is no standard syllable but reads letter by letter (see _LOOSE_SYLLABLE),
    in small letters after an optional capital or all in capitals; its tone anywhere."""
    return _ABBREVIATION.fullmatch(word) is not None or _shaped_like(
        word, _LOOSE_SYLLABLE, spelling=False)


def _words_ok(text: str, loose: bool = False) -> bool:
    return all(word.isascii() or _syllable_ok(word) or (loose and _loose_word(word))
               for word in _WORD.findall(text))


_FOREIGN_PATTERN = re.compile("[" + re.escape("".join(sorted(_FOREIGN))) + "]")


def _foreign_by_letters(text: str) -> bool:
    """Whether a sign or letter Vietnamese never uses stands next to a letter (or another such
    sign): the shape of legacy-font text ("Th¸i", "§oµn"). A "×" between digits or a "½"
    alone is not read as a legacy font."""
    for match in _FOREIGN_PATTERN.finditer(text):
        position = match.start()
        before = text[position - 1:position]
        after = text[position + 1:position + 2]
        if any(near.isalpha() or near in _FOREIGN for near in (before, after)):
            return True
    return False


def _token_reads_as_unicode(token: str) -> bool:
    return token.isascii() or (not _foreign_by_letters(token) and _words_ok(token))


def reads_as_unicode(text: str) -> bool:
    """Whether ``text`` (after NFC) reads as Vietnamese in Unicode: no sign of a legacy font
    next to its letters, every word with a letter beyond ASCII shaped like a syllable. Such
    text is never converted."""
    text = to_nfc(text)
    return text.isascii() or all(map(_token_reads_as_unicode, text.split()))


# The characters each font stores letters as: all of Latin-1. A letter outside (ă, đ, ơ, ư,
# ạ, ấ … in Unicode) proves a text was not typed in the font at all.
_FONT_LETTERS = {
    encoding: frozenset(char for code in table.values() for char in code if not char.isascii())
    for encoding, table in ((TCVN3, TCVN3_ENCODE), (VNI, VNI_ENCODE))
}


_ASCII = frozenset(map(chr, range(128)))
_FONT_CHARS = {encoding: _ASCII | letters for encoding, letters in _FONT_LETTERS.items()}


def _font_letters_only(text: str, encoding: str) -> bool:
    """Whether every letter beyond ASCII is one the font stores letters as."""
    return not any(char.isalpha() for char in set(text).difference(_FONT_CHARS[encoding]))


def legacy_reading(text: str, encoding: str) -> str | None:
    """The Unicode text of a cell typed in ``encoding``, or None when the cell carries no
    evidence of that font (see the comment above): then it is kept as it is.

    The cell is taken whole, in NFC. Its words are compared with their converted form: a word
    the conversion changes must become a Vietnamese syllable (in a cell where a sign of the
    font stands among letters, such as "Hm«ng", a looser one: "Hmông"), and at least one
    changed word must have read wrong before.
    """
    text = to_nfc(text)
    if text.isascii() or not _font_letters_only(text, encoding):
        return None
    converted = to_unicode(text, encoding)
    if converted == text:
        return None
    before, after = text.split(), converted.split()
    if len(before) != len(after):
        return None  # the fonts never touch spaces: this is no legacy text
    changed = [(raw, new) for raw, new in zip(before, after, strict=True) if raw != new]
    # A sign of the font among the letters of a changed word is strong evidence: the changed
    # words may then become looser syllables ("Naäm Looâng" → "Nậm Loông").
    signs = [_foreign_by_letters(raw) for raw, _new in changed]
    strong = any(signs)
    if not strong and all(_words_ok(raw) for raw, _new in changed):
        return None  # what changes read well before: the evidence is elsewhere, or none
    for _raw, new in changed:
        if _FOREIGN_PATTERN.search(new) or not _words_ok(new, loose=strong):
            return None
    return converted


def convert_cell(text: str, encoding: str | None) -> str:
    """A cell's text in NFC, converted from ``encoding`` when it carries that font's evidence."""
    text = to_nfc(text)
    if encoding is None or text.isascii():
        return text
    converted = legacy_reading(text, encoding)
    return text if converted is None else converted


def vietnamese_score(text: str) -> int:
    """How much ``text`` reads as Vietnamese: syllable-shaped words with a diacritic count up,
    characters Vietnamese never uses count down (three each)."""
    score = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        score += 1 if _syllable_ok(word) else -1
    score -= 3 * sum(1 for char in text if char in _FOREIGN)
    return score


def has_legacy_evidence(text: str) -> bool:
    """Whether ``text`` holds a character Unicode Vietnamese never uses (a legacy-font sign)."""
    return not text.isascii() and any(char in _FOREIGN for char in text)


@dataclass
class Detection:
    """A column whose cells carry the evidence of a legacy font: only those cells convert.

    ``samples`` are a few (before, after) pairs to show; ``converted`` counts the distinct
    texts of the sample that convert.
    """

    column: int
    encoding: str
    samples: list[tuple[str, str]] = field(default_factory=list)  # (before, after)
    converted: int = 0

    @property
    def label(self) -> str:
        """The encoding's Vietnamese name."""
        return ENCODING_LABELS[self.encoding]


def _evidence_counts(texts: Sequence[str], candidates: Sequence[str]) -> dict[str, int]:
    return {encoding: sum(1 for text in texts if legacy_reading(text, encoding) is not None)
            for encoding in candidates}


def detect_encoding(values: Iterable[str],
                    candidates: Sequence[str] = (TCVN3, VNI)) -> str | None:
    """The legacy encoding whose evidence the most texts carry, or None when none carries any
    (Unicode text, however it is composed, carries none)."""
    texts = list(dict.fromkeys(value for value in values if not value.isascii()))
    if not texts:
        return None
    counts = _evidence_counts(texts, candidates)
    best = max(candidates, key=lambda encoding: counts[encoding])
    if counts[best] == 0:
        return None
    tied = [encoding for encoding in candidates if counts[encoding] == counts[best]]
    if len(tied) > 1:
        # Both fonts read the texts as Vietnamese: the reading with more syllables wins.
        best = max(tied, key=lambda encoding: sum(
            vietnamese_score(to_unicode(text, encoding)) for text in texts))
    return best


def detect_column(column: int, values: Sequence[object], samples: int = 3,
                  limit: int = 400, candidates: Sequence[str] = (TCVN3, VNI)
                  ) -> Detection | None:
    """Look at up to ``limit`` distinct text cells of a column; a Detection when some carry
    the evidence of a legacy font (only those cells are converted)."""
    texts: list[str] = []
    seen: set[str] = set()
    for value in values:
        if isinstance(value, str) and not value.isascii() and value not in seen:
            seen.add(value)
            texts.append(value)
            if len(texts) >= limit:
                break
    encoding = detect_encoding(texts, candidates)
    if encoding is None:
        return None
    detection = Detection(column, encoding)
    for text in texts:
        converted = legacy_reading(text, encoding)
        if converted is not None:
            detection.converted += 1
            if len(detection.samples) < samples:
                detection.samples.append((text, converted))
    return detection


def ambiguous_reading(text: str, encoding: str) -> str | None:
    """What ``encoding`` would read in a cell that is kept because it reads as Unicode
    ("Có" is also the TCVN3 of "Cú"), when that reading is Vietnamese too; else None. Shown
    to the user beside a legacy-font column, never applied."""
    text = to_nfc(text)
    if (text.isascii() or not _font_letters_only(text, encoding)
            or legacy_reading(text, encoding) is not None):
        return None
    reading = to_unicode(text, encoding)
    if reading == text or any(char in _FOREIGN for char in reading) or not _words_ok(reading):
        return None
    return reading
