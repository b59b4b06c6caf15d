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


def _tcvn3_decode(text: str) -> str:
    chars = []
    coded = []  # positions of letters whose case the code did not tell
    for char in text:
        letter = TCVN3_DECODE.get(char)
        if letter is None:
            chars.append(char)
            continue
        if letter.upper() not in _TCVN3_UPPER:  # ă â ê ô ơ ư đ have codes of both cases
            coded.append(len(chars))
        chars.append(letter)
    if not coded:
        return "".join(chars)
    return _restore_case("".join(chars), set(coded))


def _restore_case(text: str, coded: set[int]) -> str:
    """Upper-case the coded letters of words typed in capitals, and of capitalised names."""
    words = list(_WORD.finditer(text))
    # The letters whose case the file tells (not coded lower-case), per word.
    known = [[char for position, char in enumerate(match.group(), match.start())
              if position not in coded] for match in words]

    def in_capitals(letters: list[str], match: re.Match[str]) -> bool:
        upper = [char for char in letters if char.isupper()]
        if len(upper) != len(letters) or not upper:
            return False
        # One capital at the start only is a capitalised word ("Lò"), not one in capitals.
        return len(upper) >= 2 or match.start() in coded

    capitals = [in_capitals(letters, match) for letters, match in zip(known, words, strict=True)]
    lower_seen = any(char.islower() for letters in known for char in letters)
    text_in_capitals = any(capitals) and not lower_seen
    starts_upper = [match.start() not in coded and text[match.start()].isupper()
                    for match in words]
    result = list(text)
    for number, match in enumerate(words):
        positions = [p for p in range(match.start(), match.end()) if p in coded]
        if not positions:
            continue
        has_lower = any(char.islower() for char in known[number])
        if capitals[number] or (not has_lower and text_in_capitals):
            for position in positions:
                result[position] = result[position].upper()
            continue
        others = starts_upper[:number] + starts_upper[number + 1:]
        if match.start() in coded and others and all(others):
            # A name or title whose other words are capitalised: this one is too.
            result[match.start()] = result[match.start()].upper()
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

# Latin-1 letters and signs that Vietnamese in Unicode never uses: their presence is the
# evidence that a text is in a legacy encoding.
_FOREIGN = frozenset(
    chr(code) for code in range(0xA0, 0x100)
    if chr(code) not in VIETNAMESE_LETTERS and chr(code) not in "\u00a0°±×÷·«»§©®"
) | frozenset("«»§©®·×÷")
_INITIAL = "(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?"
# The vowel groups of Vietnamese syllables (tones left out): those ending in a glide (i, y, o,
# u) or in a, and the others, which may take a final consonant.
_OPEN_NUCLEI = (
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu oai oao oay oeo uây uôi uya"
    " uyu ươi ươu yêu"
).split()
_NUCLEI = "a ă â e ê i o ô ơ u ư y iê oa oă oe oo uâ uê uô uơ uy ươ uyê yê".split()
_FINAL = "(?:ng|nh|ch|[cmnpt])?"


def _alternatives(items: list[str]) -> str:
    return "(?:" + "|".join(sorted(items, key=len, reverse=True)) + ")"


_SYLLABLE = re.compile(
    f"{_INITIAL}(?:{_alternatives(_OPEN_NUCLEI)}|{_alternatives(_NUCLEI)}{_FINAL})")
_TONE_MARKS = frozenset(_TONES[1:])


def _syllable_ok(word: str) -> bool:
    """Whether a word is shaped like a Vietnamese syllable (with at most one tone)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for char in decomposed if char in _TONE_MARKS)
    if tones > 1:
        return False
    base = unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if char not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(base) is not None


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
    """A column found to be in a legacy encoding, with samples to show before converting."""

    column: int
    encoding: str
    samples: list[tuple[str, str]] = field(default_factory=list)  # (before, after)

    @property
    def label(self) -> str:
        """The encoding's Vietnamese name."""
        return ENCODING_LABELS[self.encoding]


def detect_encoding(values: Iterable[str],
                    candidates: Sequence[str] = (TCVN3, VNI)) -> str | None:
    """The legacy encoding the texts are in (TCVN3 or VNI), or None for Unicode text.

    Each reading is scored with ``vietnamese_score``; a legacy reading must beat the text as it
    is clearly: by characters Vietnamese never uses turning into letters, or by many words
    becoming syllables (VNI text such as "Leâ Thò" uses only letters Vietnamese has).
    """
    texts = [value for value in values if not value.isascii()]
    if not texts:
        return None
    scores = {"": sum(vietnamese_score(value) for value in texts)}
    for encoding in candidates:
        scores[encoding] = sum(vietnamese_score(to_unicode(value, encoding)) for value in texts)
    best = max(candidates, key=lambda encoding: scores[encoding])
    gain = scores[best] - scores[""]
    evidence = any(has_legacy_evidence(value) for value in texts)
    words = sum(1 for value in texts for word in _WORD.findall(value) if not word.isascii())
    if gain >= 2 and (evidence or gain >= max(3, words / 3)):
        return best
    return None


def detect_column(column: int, values: Sequence[object], samples: int = 3,
                  limit: int = 400, candidates: Sequence[str] = (TCVN3, VNI)
                  ) -> Detection | None:
    """Look at up to ``limit`` text cells of a column; a Detection when they are legacy text."""
    texts: list[str] = []
    for value in values:
        if isinstance(value, str) and not value.isascii():
            texts.append(value)
            if len(texts) >= limit:
                break
    encoding = detect_encoding(texts, candidates)
    if encoding is None:
        return None
    shown = []
    for text in texts:
        converted = to_unicode(text, encoding)
        if converted != text:
            shown.append((text, converted))
            if len(shown) >= samples:
                break
    return Detection(column, encoding, shown)
