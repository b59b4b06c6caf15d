"""A corpus of Vietnamese names for tests: Kinh names and the names of the ethnic groups of
Lai Châu (Thái, Mông, Dao, Giáy, Hà Nhì, Lự, Khơ Mú…), every tone on every vowel, and names
whose letters are also legacy-font bytes (TCVN3 stores "ũ" as "ò", VNI stores "ị" as "ò").

Everything is generated from fixed lists with a seeded random generator: the same corpus on
every run.
"""

from __future__ import annotations

import itertools
import random
import unicodedata

TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # none, huyền, sắc, hỏi, ngã, nặng
VOWELS = "a ă â e ê i o ô ơ u ư y".split()
STOP_TONES = ("\u0301", "\u0323")  # the only tones of a syllable closed by c, ch, p, t

FAMILY = (
    # Kinh
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Đoàn"
    " Lương Mai Cao Tạ Lại Hà Kiều Chu Quách Thái Âu Ông Ưng Ứng Ninh Khúc Mạc Tô Lã Văn"
    # Thái, Lự, Giáy, Khơ Mú
    " Lò Lường Cầm Điêu Quàng Tòng Lừ Vì Lù Khằm Bạc Mè Đèo Hà Tao Lồ Sần Ly Chang Pờ Ló"
    # Mông
    " Giàng Sùng Vàng Thào Lầu Mùa Hạng Vừ Hờ Chá Tráng Cứ Hầu Lử Lý Mã Sình Chảo"
    # Dao
    " Tẩn Phàn Triệu Bàn Chẻo Phùng Đặng Lý Sằn Làn Dền"
    # Hà Nhì
    " Pờ Chu Lỳ Phù Sừ Hù Lù Chừ Ma"
).split()
MIDDLE = (
    "Văn Thị A Seo Mí Láo Sử Mý Ngọc Quốc Đức Hữu Xuân Thu Kim Minh Thanh Ánh Bảo Gia Hoài"
    " Khánh Mạnh Chí Sành Vần Chản Phủ Chà Sì Cà Xá Gò Lả Dờ Pó"
).split()
GIVEN = (
    "Páo Láo Lở Dợ Chứ Dơ Lùng Mẩy Ơn Ót Ọi Ểng Tơi Ún Ẻn Ó Sềnh Pử Kẻ Dìa Tủa Pó Chơ Sà"
    " Lềnh Ù Xá Chản Sình Ớn Ín Ỏn Ủn Ỷ Ởi Ếch Ú Ỳ Ụ Ẹ Pờ Chò Phượng Dếnh Xí Phử Sẻng Mỷ"
    " Chiêu Dùng Quẩy Nhừ Diến Nhất Hùng Tuyết Ánh Hương Khoa Thu Hoa Lan Mai Đức Dũng"
    " Nhung Quỳnh Huỳnh Ngọc Thủy Thúy Hoà Hòa Khuê Tuấn Khuyến Nguyệt Oanh Xoan Loan Toàn"
    " Thoại Ngoãn Khoẻ Ưởng Ượng Ừng Ửng Ựa Ước Ương Yên Yến Uyên Oách Huệ Quế Thuế Tuệ"
    " Lò Mò Tò Chá Hà Mé Cà Sì Lù Ý Ê Thò Có Mý Lý Hè Pó Vù Phù Ché Sú Tú Dì Lèo Xòm Ngò"
    " Nàng Én Ân Âu Ôn Ông Ầu Ấn Ẩn Ẫn Ậu Ồn Ổi Ỗ Ộ Ờ Ớ Ỡ Ợ Ờn Ừ Ữ Ự Ỹ Ỵ Ễ Ề Ệ"
).split()
# Words whose every letter is a legacy-font byte too: a Unicode "Lò" is also TCVN3 "Lũ", a
# Unicode "Thò" is also VNI "Thị", "Páo" is TCVN3 "Pỏo".
LEGACY_LOOKALIKES = (
    "Lò Páo Láo Chá Hà Mé Cà Sì Lù Ý Ê Thò Có Mý Lý Hè Mò Pó Vù Phù Ché Sú Tú Dì Chò Lèo Xòm"
    " Ngò Nàng Én Ánh Ân Âu Ôn Ông Hòa Hoà Thúy Thuý Tùng Sùng Vàng Giàng Tòng Cầm Mùa Lầu"
    " Tẩn Chẻo Mẩy Lở Dợ Chứ Hờ Dơ"
).split()
ETHNIC_NAMES = ("Kinh|Thái|Mông|H'Mông|Hmông|Dao|Giáy|Hà Nhì|Lự|Khơ Mú|La Hủ|Si La|Mảng|Kháng"
                "|Cống|Phù Lá|Lào").split("|")
PLACES = (
    "Nậm Loỏng Nậm Loóng Sùng Phài Lản Nhì Thàng San Thàng Sáo Làn Than Tả Xin Chải Xéo Xin"
    " Chải Lò Suối Tùng Gia Khâu Sùng Chồ Nùng Nàng Bản Giang Quyết Thắng Tân Phong Đoàn Kết"
    " Đông Phong Pa Ủ Mù Cả Pắc Ta Sìn Hồ Huổi Luông Mồ Sì San Khổng Lào Hoang Thèn"
).split()


def _toned(rhyme: str, tone: str) -> str:
    """``rhyme`` with ``tone`` on its main vowel (the modern placement)."""
    vowels = [index for index, char in enumerate(rhyme) if char in "aăâeêioôơuưy"]
    marked = [index for index in vowels if rhyme[index] in "ăâêôơư"]
    if marked:
        position = marked[-1]
    elif len(vowels) >= 2 and vowels[-1] == len(rhyme) - 1:
        position = vowels[-2]
    elif len(vowels) >= 2:
        position = vowels[-1]
    else:
        position = vowels[0]
    return unicodedata.normalize("NFC", rhyme[:position + 1] + tone + rhyme[position + 1:])


def every_tone_on_every_vowel() -> list[str]:
    """A syllable for each of the 12 vowels with each of the 6 tones, open where Vietnamese
    allows it, closed by n (or, for a stop, by c with sắc or nặng) where it needs a final."""
    syllables = []
    for vowel, tone in itertools.product(VOWELS, TONES):
        rhyme = vowel + ("n" if vowel in "ăâ" else "")
        syllables.append("L" + _toned(rhyme, tone))
        syllables.append("Kh" + _toned(vowel + "ng" if vowel not in "iyê" else vowel + "nh",
                                       tone))
        if tone in STOP_TONES:
            syllables.append("T" + _toned(vowel + "c" if vowel not in "iyê" else vowel + "ch",
                                          tone))
    return syllables


def names(count: int, seed: int = 2024) -> list[str]:
    """``count`` full names (family, one or two middle names, given name), in NFC."""
    chooser = random.Random(seed)
    given = [*GIVEN, *LEGACY_LOOKALIKES, *every_tone_on_every_vowel()]
    result = []
    for number in range(count):
        middle = chooser.sample(MIDDLE, 2 if number % 3 == 0 else 1)
        result.append(" ".join([chooser.choice(FAMILY), *middle, chooser.choice(given)]))
    return result


def mixed_forms(texts: list[str], seed: int = 7) -> list[str]:
    """The texts with about half of them decomposed (NFD), as some keyboards and Macs type."""
    chooser = random.Random(seed)
    return [unicodedata.normalize("NFD", text) if chooser.random() < 0.5 else text
            for text in texts]
