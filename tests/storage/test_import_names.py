"""An import never changes citizens' names: legacy fonts are converted cell by cell, on
evidence only, and group names match however they are written.

The corpus (tests/vietnamese_names.py) holds Kinh names and the names of the ethnic groups of
Lai Châu, every tone on every vowel, and names whose letters are legacy-font bytes too ("Lò"
is also the TCVN3 of "Lũ"); NFC and NFD are mixed in one column, as keyboards type them.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from storage import household_import as hi
from storage.ethnicity import ethnic_code
from storage.legacy_vietnamese import (
    TCVN3,
    VNI,
    ambiguous_reading,
    convert_cell,
    detect_column,
    encode,
    legacy_reading,
    reads_as_unicode,
    to_unicode,
)
from storage.model import Household
from storage.store import Store
from tests.vietnamese_names import (
    ETHNIC_NAMES,
    FAMILY,
    GIVEN,
    LEGACY_LOOKALIKES,
    MIDDLE,
    PLACES,
    TONES,
    VOWELS,
    every_tone_on_every_vowel,
    mixed_forms,
    names,
)

YEAR = 2024
NFC = "NFC"


def nfc(text: str) -> str:
    return unicodedata.normalize(NFC, text)


@pytest.fixture
def demo(tmp_path: Path, demo_path: Path) -> Iterator[Store]:
    copy = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, copy)
    with Store(copy, actor="test") as opened:
        yield opened


def group_of(store: Store, ward: str, name: str) -> str:
    """The id of the group ``name`` of ``ward`` in YEAR."""
    ward_id = store.units.find(ward, YEAR, "ward").id
    [group] = [g for g in store.units.groups_of(ward_id, YEAR) if g.name == name]
    return group.id


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def import_all(store: Store, path: Path, ward: str = "tan phong"
               ) -> tuple[hi.Preview, list[Household]]:
    """Import every row of ``path`` into ``ward`` (look-alike rows added too); the preview and
    the households stored, read back from the database."""
    imported = hi.read_file(path)
    mapping = hi.guess_mapping(imported, store, YEAR)
    ward_id = store.units.find(ward, YEAR, "ward").id
    preview = hi.check(store, imported, mapping, YEAR, ward_id, default_decision="add")
    outcome = hi.apply(store, preview)
    return preview, [store.households.get(household_id) for household_id in outcome.added_ids]


# -- the corpus, word by word and cell by cell ------------------------------------------------


def test_the_corpus_holds_every_tone_on_every_vowel() -> None:
    syllables = every_tone_on_every_vowel()
    for vowel in VOWELS:
        for tone in TONES:
            letter = nfc(vowel + tone)
            assert any(letter in syllable for syllable in syllables), letter
    letters = {char for name in names(3000) for char in name}
    # Letters that are also legacy bytes (TCVN3: ò is ũ, á is ỏ, ê is ờ; VNI: ò is ị …).
    assert set("òóáàâãèéêìíôõùúý") <= letters


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_no_word_of_the_corpus_is_ever_converted(encoding: str) -> None:
    words = {*FAMILY, *MIDDLE, *GIVEN, *LEGACY_LOOKALIKES, *every_tone_on_every_vowel(),
             *ETHNIC_NAMES, *PLACES}
    for word in sorted(words):
        for form in (word, word.upper(), word.lower()):
            for written in (form, unicodedata.normalize("NFD", form)):
                # "Hmông" is no standard syllable, and is still never converted.
                assert reads_as_unicode(written) or word == "Hmông", written
                assert legacy_reading(written, encoding) is None, written
                assert convert_cell(written, encoding) == nfc(form), written


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_no_name_is_converted_and_no_column_is_taken_for_a_legacy_one(encoding: str) -> None:
    column = mixed_forms(names(6000))
    assert sum(1 for text in column if not unicodedata.is_normalized(NFC, text)) > 2000
    for text in column:
        assert convert_cell(text, encoding) == nfc(text), text
    assert detect_column(0, column) is None
    assert detect_column(0, column, candidates=(encoding,)) is None


def test_the_reported_column_is_left_alone() -> None:
    """The list of the report: NFC and NFD names under "Họ và tên", taken for TCVN3."""
    column = ["Họ và tên", "Lò Văn Páo", unicodedata.normalize("NFD", "Giàng A Láo"),
              "Giàng A Láo", unicodedata.normalize("NFD", "Vàng Thị Dợ"), "Tẩn Láo Lở",
              unicodedata.normalize("NFD", "Lò Văn Páo"), "Sùng A Chứ", "Hờ A Dơ",
              "Phàn Văn Lùng", unicodedata.normalize("NFD", "Chẻo Mý Mẩy")]
    assert detect_column(0, column) is None
    for text in column:
        for encoding in (TCVN3, VNI):
            assert convert_cell(text, encoding) == nfc(text)
    # What the old reading made of them is what the fonts would: never applied now.
    assert to_unicode("Lò", TCVN3) == "Lũ" and to_unicode("Páo", TCVN3) == "Pỏo"
    assert to_unicode("Họ và tên", TCVN3) == "Họ và tờn"


# -- through the import: a file written, imported, the names read back -----------------------


def corpus_rows(count: int) -> tuple[list[list[Any]], list[str]]:
    """A household list in Unicode: a header in NFD, names NFC and NFD mixed, ethnic names,
    addresses with place names; and the names as they must be stored."""
    people = names(count, seed=11)
    written = mixed_forms(people, seed=3)
    header = [unicodedata.normalize("NFD", text) for text in
              ("STT", "Họ và tên chủ hộ", "Tổ dân phố", "Năm sinh", "Giới tính", "Dân tộc",
               "Địa chỉ")]
    rows: list[list[Any]] = [header]
    for number, name in enumerate(written, start=1):
        ethnic = ETHNIC_NAMES[number % len(ETHNIC_NAMES)]
        place = " ".join(PLACES[number % len(PLACES):number % len(PLACES) + 2])
        address = f"Số {number}, đường {place}"
        rows.append([number, name, f"Tổ dân phố số {1 + number % 20}", 1950 + number % 50,
                     "Nam" if number % 2 else "Nữ",
                     unicodedata.normalize("NFD", ethnic) if number % 3 else ethnic,
                     unicodedata.normalize("NFD", address) if number % 2 else address])
    return rows, [nfc(name) for name in people]


def test_every_name_is_stored_as_written_through_the_import(tmp_path: Path,
                                                            demo: Store) -> None:
    rows, expected = corpus_rows(3000)
    path = write_xlsx(tmp_path / "danh_sach.xlsx", rows)
    imported = hi.read_file(path)
    assert imported.detections == [] and imported.conversion_list() == []
    assert imported.headers[:3] == ["STT", "Họ và tên chủ hộ", "Tổ dân phố"]
    preview, stored = import_all(demo, path)
    assert preview.counts.rejected == 0 and len(stored) == len(expected)
    assert Counter(household.head_name for household in stored) == Counter(expected)
    # Addresses and ethnic groups too: every text as written, in NFC.
    assert Counter(household.address for household in stored) == Counter(
        nfc(row[6]) for row in rows[1:])
    assert Counter(household.ethnicity_code for household in stored) == Counter(
        ethnic_code(nfc(row[5])) for row in rows[1:])


def test_csv_names_are_stored_as_written_too(tmp_path: Path, demo: Store) -> None:
    rows, expected = corpus_rows(800)
    path = tmp_path / "danh_sach.csv"
    path.write_text("\n".join(";".join(str(cell) for cell in row) for row in rows),
                    encoding="utf-8")
    _preview, stored = import_all(demo, path)
    assert Counter(household.head_name for household in stored) == Counter(expected)


# -- genuine legacy text still converts ------------------------------------------------------


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_a_legacy_column_converts_and_what_stays_is_shown(tmp_path: Path, demo: Store,
                                                          encoding: str) -> None:
    people = names(1500, seed=5)
    rows: list[list[Any]] = [[encode("Họ và tên chủ hộ", encoding), encode("Tổ dân phố",
                                                                              encoding)]]
    rows += [[encode(name, encoding), encode(f"Tổ dân phố số {1 + number % 20}", encoding)]
             for number, name in enumerate(people)]
    path = write_xlsx(tmp_path / f"{encoding}.xlsx", rows)
    imported = hi.read_file(path)
    assert {d.column: d.encoding for d in imported.detections} == {0: encoding, 1: encoding}
    assert imported.headers == ["Họ và tên chủ hộ", "Tổ dân phố"]
    listed = imported.conversion_list()
    converted = {(c.column, c.before): c for c in listed if not c.kept}
    kept = {(c.column, c.before): c for c in listed if c.kept}
    # Every converted value is listed with its reading; the rows add up to the cells.
    for line, (name, legacy) in enumerate(zip(people, (row[0] for row in rows[1:]),
                                              strict=True), start=2):
        if legacy == name:  # "Tao Kim Dì" is the same in VNI
            continue
        if (0, legacy) in converted:
            assert converted[(0, legacy)].after == name
        else:
            # Kept because it reads as Unicode ("Lý Minh Tó" is TCVN3 for "Lý Minh Tú"):
            # shown beside the column with what the font would make of it.
            assert (0, legacy) in kept and kept[(0, legacy)].after == name, (line, legacy)
            assert reads_as_unicode(legacy)
    changed = sum(1 for name, row in zip(people, rows[1:], strict=True) if row[0] != name)
    assert sum(c.rows for c in listed if c.column == 0) == changed + 1  # and the header
    assert len(kept) < len(people) * 0.03
    preview, stored = import_all(demo, path)
    assert preview.counts.rejected == 0
    expected = [name if (0, legacy) in converted or legacy == name else legacy
                for name, legacy in zip(people, (row[0] for row in rows[1:]), strict=True)]
    assert Counter(household.head_name for household in stored) == Counter(expected)


def test_only_the_cells_with_evidence_convert_in_a_mixed_column(tmp_path: Path) -> None:
    """A list pasted together from an old and a new file: the old cells convert, the
    Unicode ones (NFC or NFD) stay as they are."""
    old = ["Lß V¨n Nhµ", "Gi\xb5ng A D\xac", "§oµn V¨n Th¾ng"]
    new = ["Lò Văn Páo", unicodedata.normalize("NFD", "Giàng A Láo"), "Hờ A Dơ", "Tẩn Láo Lở"]
    rows: list[list[Any]] = [["Họ và tên chủ hộ", "Tổ"], *[[text, "Tổ 5"] for text in
                                                             [*new[:2], *old, *new[2:]]]]
    imported = hi.read_file(write_xlsx(tmp_path / "tron.xlsx", rows))
    assert [d.column for d in imported.detections] == [0]
    texts = [imported.text(row, 0) for row in imported.data_rows]
    assert texts == [*(nfc(t) for t in new[:2]), "Lò Văn Nhà", "Giàng A Dơ", "Đoàn Văn Thắng",
                     *new[2:]]
    # Only the old cells are listed: "Lò Văn Páo" is no TCVN3 ("ă" is no byte of the font).
    assert [(c.before, c.after, c.kept) for c in imported.conversion_list()] == [
        ("Lß V¨n Nhµ", "Lò Văn Nhà", False), ("Gi\xb5ng A D\xac", "Giàng A Dơ", False),
        ("§oµn V¨n Th¾ng", "Đoàn Văn Thắng", False)]
    imported.use_conversions([])
    assert imported.text(3, 0) == "Lß V¨n Nhµ"


def test_headers_are_judged_like_every_cell(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["Hä vµ tªn chñ hé", "Tæ d©n phè", "Hé nghÌo", unicodedata.normalize("NFD", "Ghi chú")],
        ["Nguyen Van A", "To 5", "x", "Lò"],
    ]
    imported = hi.read_file(write_xlsx(tmp_path / "tieu_de.xlsx", rows))
    assert imported.headers == ["Họ và tên chủ hộ", "Tổ dân phố", "Hộ nghèo", "Ghi chú"]
    assert imported.text(1, 3) == "Lò"
    assert 3 not in {d.column for d in imported.detections}


def test_ambiguous_cells_are_named_not_changed() -> None:
    assert ambiguous_reading("Lý Minh Tó", TCVN3) == "Lý Minh Tú"
    assert ambiguous_reading("Thò", VNI) == "Thị"
    assert ambiguous_reading("Lò Văn Páo", TCVN3) is None  # "Văn" is no TCVN3
    assert ambiguous_reading("Lß V¨n", TCVN3) is None  # converted, not ambiguous


def test_legacy_signs_in_unicode_notes_are_not_read_as_a_font() -> None:
    for text in ("Diện tích 5×10m", "Diện tích 5m×10m", "Nhà «Ba» Lò", "Lò ×2",
                 "Nguyễn Văn A (½ suất)", "Müller Hmông", "Café «Lò»", "Nhiệt độ 37°C"):
        for encoding in (TCVN3, VNI):
            assert convert_cell(text, encoding) == text, (text, encoding)


# -- group names -----------------------------------------------------------------------------


@pytest.mark.parametrize("written", [
    "TDP19", "TDP 19", "tổ 19", "Tổ 19", "Tổ dân phố 19", "to dan pho so 19", "TDP số 19",
    "Tổ dân phố số 19", "TDP-19", "T.D.P 19", "Tổ DP 19", "TỔ DÂN PHỐ SỐ 19", "tdp.19",
    unicodedata.normalize("NFD", "Tổ dân phố số 19"),
])
def test_group_names_as_people_write_them(demo_store: Store, written: str) -> None:
    ward = demo_store.units.find("tan phong", YEAR, "ward")
    target = group_of(demo_store, "tan phong", "Tổ dân phố số 19")
    match = hi.GroupMatcher(demo_store, YEAR, ward.id).match("", written)
    assert match.group_id == target
    assert hi.GroupMatcher(demo_store, YEAR).match("Phường Tân Phong", written).group_id \
        == target


@pytest.mark.parametrize("written", ["bản Nậm Loỏng 1", "Nậm Loóng 1", "Nam Loong 1",
                                     "BẢN NẬM LOỎNG 1", "Nậm Loỏng1", "ban nam loong 1"])
def test_village_names_keep_matching(demo_store: Store, written: str) -> None:
    ward = demo_store.units.find("quyet thang", YEAR, "ward")
    target = group_of(demo_store, "quyet thang", "Bản Nậm Loỏng 1")
    assert hi.GroupMatcher(demo_store, YEAR, ward.id).match("", written).group_id == target
    assert hi.GroupMatcher(demo_store, YEAR).match("", written).group_id == target


def test_tổ_1_is_not_tổ_19(demo_store: Store) -> None:
    ward = demo_store.units.find("tan phong", YEAR, "ward")
    first = group_of(demo_store, "tan phong", "Tổ dân phố số 1")
    nineteenth = group_of(demo_store, "tan phong", "Tổ dân phố số 19")
    matcher = hi.GroupMatcher(demo_store, YEAR, ward.id)
    for written in ("Tổ 1", "TDP1", "TDP 01", "tổ dân phố số 1"):
        match = matcher.match("", written)
        assert match.group_id == first, written
        assert nineteenth not in {group_id for group_id, _name in match.candidates}
    assert hi.group_key("Tổ 1") != hi.group_key("Tổ 19")
    assert matcher.match("", "Tổ 119").group_id is None  # no such group, and no guess
    assert matcher.match("", "Tổ 119").candidates == []
