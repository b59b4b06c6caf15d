"""Importing household lists from spreadsheets (.xlsx, .xls, .ods, .csv) in one undoable action.

The steps, each usable alone (the command line, the GUI wizard and the tests call the same):

1. ``read_file`` (storage.household_import_read): the file inspected within bounds first
   (storage.household_import_limits), then the cells of the first sheet (python-calamine), CSV
   in UTF-8, UTF-8 with a BOM or Windows-1258; cells in the legacy TCVN3/VNI fonts recognised
   one by one on evidence (``detections`` name their columns, to confirm; only the cells with
   evidence are converted, ``conversion_list`` shows every one); the header row found below a
   title block.
2. ``guess_mapping``: which column holds which household field, from the Vietnamese headers
   and, for columns whose header says nothing, from the values. A mapping can be saved as a
   named preset (``save_mapping_preset``) in the meta table.
3. ``check``: every row read, matched to a group of the year's unit tree (storage.
   household_import_groups: "TDP19" is "Tổ dân phố số 19") and checked, with a
   reason for each rejected row; duplicates inside the file and against the database found.
   The ``Preview`` counts what will be added and updated and keeps a decision per duplicate.
4. ``apply``: everything written in ONE store action; the returned ``ImportOutcome`` is what
   ``revert_import`` needs to take the whole import back as one step (and ``reapply_import`` to
   redo it). ``write_rejected`` saves the rejected rows, with a "Lý do" column, in the file's
   own column layout, so they import again once corrected (every text as text, storage.
   xlsx_writer).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from storage.errors import ValidationError
from storage.ethnicity import find_ethnic_group
from storage.household_import_groups import GroupMatch, GroupMatcher, _kind_of, group_key
from storage.household_import_read import (
    _HEADER_PATTERNS,
    _IGNORED_HEADERS,
    _UUID,
    SPREADSHEET_SUFFIXES,
    SUFFIXES,
    Conversion,
    ImportError_,
    ImportFile,
    _gc_paused,
    _header_key,
    cell_text,
    guess_field,
    read_file,
)
from storage.households import _PHONE, household_row, validate_household
from storage.model import HOUSEHOLD_FLAGS, Household, HouseholdYear
from storage.text import fold, format_int, nfc

if TYPE_CHECKING:
    from storage.store import Action, Store

Progress = Callable[[int, str], None]

# The names of the import, wherever they are defined (callers import them from here).
__all__ = [
    "DECISIONS", "DECISION_LABELS", "FIELD_LABELS", "LAYOUT", "PRESETS_KEY", "REASON_HEADER",
    "STATUS_FIELDS", "YES_NO_FIELDS", "Progress",
    "SPREADSHEET_SUFFIXES", "SUFFIXES", "Conversion", "GroupMatch", "GroupMatcher",
    "ImportError_", "ImportFile", "ImportOutcome", "Mapping", "Preview", "PreviewCounts",
    "RowCheck", "UpdatedHousehold", "apply", "cell_text", "check", "column_letter",
    "delete_mapping_preset", "group_key", "guess_field", "guess_mapping", "mapping_from_preset",
    "mapping_presets", "parse_gender", "parse_poverty", "parse_year", "parse_yes_no",
    "phone_digits", "read_file", "reapply_import", "revert_import", "save_mapping_preset",
    "write_rejected",
]

PRESETS_KEY = "import_mapping_presets"
REASON_HEADER = "Lý do"
_is_nfc = unicodedata.is_normalized

# The household fields a column can hold, with the header the export writes for each.
FIELD_LABELS: dict[str, str] = {
    "household_id": "Mã hộ",
    "ward": "Phường, xã",
    "group": "Tổ dân phố, bản",
    "head_name": "Họ và tên chủ hộ",
    "head_gender": "Giới tính",
    "head_birth_year": "Năm sinh",
    # Lists in the old paper layout split "Năm sinh" (or "Giới tính") into a "Nam" and a "Nữ"
    # column: the head's birth year (or an x) goes under the head's gender.
    "male_head": "Nam (năm sinh hoặc x)",
    "female_head": "Nữ (năm sinh hoặc x)",
    "ethnicity": "Dân tộc",
    "address": "Địa chỉ",
    "phone": "Số điện thoại",
    "member_count": "Số nhân khẩu",
    "poor": "Hộ nghèo",
    "near_poor": "Hộ cận nghèo",
    "poverty": "Nghèo, cận nghèo",
    **HOUSEHOLD_FLAGS,
    "note": "Ghi chú",
}
# The column order of the export (and so of the files that come back from it).
LAYOUT: tuple[str, ...] = (
    "household_id", "ward", "group", "head_name", "head_gender", "head_birth_year", "ethnicity",
    "address", "phone", "member_count", "poor", "near_poor", *HOUSEHOLD_FLAGS, "note",
)
# Fields whose value is a yes/no mark.
YES_NO_FIELDS: tuple[str, ...] = ("poor", "near_poor", *HOUSEHOLD_FLAGS)
STATUS_FIELDS: tuple[str, ...] = (*YES_NO_FIELDS, "poverty")

_YES = frozenset({"x", "co", "1", "✓", "✔", "v", "yes", "true", "dat", "c", "1.0", "☑", "☒"})
_NO = frozenset({"", "0", "khong", "k", "no", "false", "-", "chua", "0.0", "☐"})
_DIGITS = re.compile(r"[0-9]+")
_NOT_DIGIT = re.compile(r"\D")
# Rows per IN (...) list: well under SQLite's limit on bound parameters.
_BATCH = 500
# From this many new households the search index is rebuilt once instead of row by row.
_BULK_FROM = 1000
# Similar head names: the same threshold as Households.similar.
_SIMILARITY = 0.88

DECISIONS = ("skip", "update", "add")
DECISION_LABELS = {"skip": "Bỏ qua", "update": "Cập nhật hộ đã có", "add": "Vẫn thêm mới"}


# -- the mapping -----------------------------------------------------------------------------


@dataclass
class Mapping:
    """Which column (0-based) holds which field: ``columns`` is field → column."""

    columns: dict[str, int] = field(default_factory=dict)

    def column_of(self, name: str) -> int | None:
        """The column of a field, None when the file has none."""
        return self.columns.get(name)

    def field_of(self, column: int) -> str | None:
        """The field a column holds, None when it is not imported."""
        for name, index in self.columns.items():
            if index == column:
                return name
        return None

    def set(self, column: int, name: str | None) -> None:
        """Make ``column`` hold ``name`` (None: not imported); a field sits in one column."""
        for other, index in list(self.columns.items()):
            if index == column or other == name:
                del self.columns[other]
        if name is not None:
            if name not in FIELD_LABELS:
                raise ValidationError(f"Không có trường '{name}'.", "mapping")
            self.columns[name] = column

    def problems(self) -> list[str]:
        """What is missing for an import (empty when the mapping can be used)."""
        missing = []
        if "head_name" not in self.columns:
            missing.append("Chưa chọn cột Họ và tên chủ hộ.")
        if "group" not in self.columns:
            missing.append("Chưa chọn cột Tổ dân phố, bản.")
        return missing


def guess_mapping(imported: ImportFile, store: Store | None = None,
                  year: int | None = None) -> Mapping:
    """Guess the mapping from the headers, then from the values of the other columns.

    With ``store`` and ``year``, a column whose values are the names of the year's groups
    (or wards) is recognised even under an unhelpful header.
    """
    mapping = Mapping()
    scores: dict[str, int] = {}
    ignored = set()
    for column, header in enumerate(imported.headers):
        if _header_key(header) in _IGNORED_HEADERS:
            ignored.add(column)
            continue
        name = guess_field(header)
        if name is None:
            continue
        score = 2 if _header_key(header) in {p for p, _ in _HEADER_PATTERNS[name]} else 1
        if name not in mapping.columns or score > scores[name]:
            if name in mapping.columns:
                del mapping.columns[name]
            mapping.columns[name] = column
            scores[name] = score
    taken = set(mapping.columns.values()) | ignored
    group_keys: set[str] = set()
    ward_keys: set[str] = set()
    if store is not None:
        units = store.units.in_year(year or dt.date.today().year)
        group_keys = {group_key(u.name) for u in units if u.level == "group"}
        ward_keys = {group_key(u.name) for u in units if u.level == "ward"}
    for column in range(imported.width):
        if column in taken:
            continue
        values = _sample(imported, column, 60)
        if not values:
            continue
        name = _guess_from_values(values, group_keys, ward_keys, set(mapping.columns))
        if name is not None:
            mapping.columns[name] = column
    return mapping


def _sample(imported: ImportFile, column: int, limit: int) -> list[str]:
    values = []
    for row in imported.data_rows:
        text = imported.text(row, column)
        if text:
            values.append(text)
            if len(values) >= limit:
                break
    return values


def _share(values: Sequence[str], test: Callable[[str], bool]) -> float:
    return sum(1 for value in values if test(value)) / len(values)


def _guess_from_values(values: list[str], group_keys: set[str], ward_keys: set[str],
                       taken: set[str]) -> str | None:
    this_year = dt.date.today().year

    def year_like(value: str) -> bool:
        try:
            year = parse_year(value)
        except ValueError:
            return False
        return year is not None and 1900 <= year <= this_year

    def count_like(value: str) -> bool:
        return value.isdigit() and 1 <= int(value) <= 30

    def name_like(value: str) -> bool:
        words = value.split()
        return 2 <= len(words) <= 6 and all(word[:1].isupper() and word.isalpha()
                                            for word in words)

    numbers = [int(value) for value in values if value.isdigit()]
    sequence = len(numbers) == len(values) and numbers == list(
        range(numbers[0], numbers[0] + len(numbers))) if numbers else False
    tests: list[tuple[str, Callable[[str], bool], float]] = [
        ("household_id", lambda v: _UUID.fullmatch(v.lower()) is not None, 0.8),
        ("phone", lambda v: 9 <= len(phone_digits(v)) <= 11 and not year_like(v), 0.8),
        ("head_birth_year", year_like, 0.8),
        ("head_gender", lambda v: fold(v) in ("nam", "nu"), 0.8),
        ("ethnicity", lambda v: find_ethnic_group(v) is not None, 0.8),
    ]
    if group_keys:
        tests.append(("group", lambda v: group_key(v) in group_keys, 0.6))
    if ward_keys:
        tests.append(("ward", lambda v: group_key(v) in ward_keys, 0.6))
    if not sequence:
        tests.append(("member_count", count_like, 0.9))
    tests.append(("head_name", name_like, 0.8))
    for name, test, threshold in tests:
        if name not in taken and _share(values, test) >= threshold:
            return name
    return None


# -- presets ---------------------------------------------------------------------------------


def mapping_presets(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
    """The saved mappings: name → {field: {"header": folded header, "column": index}}."""
    raw = store.get_meta(PRESETS_KEY)
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def save_mapping_preset(store: Store, name: str, imported: ImportFile, mapping: Mapping) -> None:
    """Save ``mapping`` under ``name`` (replacing one of the same name), keyed by the headers
    so it applies to files whose columns are in another order."""
    name = nfc(name)
    if not name:
        raise ValidationError("Hãy đặt tên cho mẫu ghép cột.", "name")
    headers = imported.headers
    preset = {
        field_name: {"header": _header_key(headers[column]) if column < len(headers) else "",
                     "column": column}
        for field_name, column in mapping.columns.items()
    }
    presets = mapping_presets(store)
    presets[name] = preset
    with store.action(f"Lưu mẫu ghép cột {name}"):
        store.set_meta(PRESETS_KEY, json.dumps(presets, ensure_ascii=False, sort_keys=True))


def delete_mapping_preset(store: Store, name: str) -> None:
    """Remove a saved mapping (nothing happens when there is none of that name)."""
    presets = mapping_presets(store)
    if presets.pop(name, None) is None:
        return
    with store.action(f"Xóa mẫu ghép cột {name}"):
        store.set_meta(PRESETS_KEY, json.dumps(presets, ensure_ascii=False, sort_keys=True))


def mapping_from_preset(imported: ImportFile, store: Store, name: str) -> Mapping:
    """The saved mapping ``name`` applied to this file: columns found by their header, else by
    their saved position. Raises ValidationError when there is no such preset."""
    presets = mapping_presets(store)
    wanted = fold(name)
    preset = presets.get(name) or next(
        (value for key, value in presets.items() if fold(key) == wanted), None)
    if preset is None:
        known = ", ".join(sorted(presets)) or "chưa có mẫu nào"
        raise ValidationError(f"Không có mẫu ghép cột '{name}' ({known}).", "mapping")
    keys = [_header_key(header) for header in imported.headers]
    mapping = Mapping()
    for field_name, saved in preset.items():
        if field_name not in FIELD_LABELS:
            continue
        header = saved.get("header", "")
        if header and header in keys:
            mapping.set(keys.index(header), field_name)
        elif isinstance(saved.get("column"), int) and saved["column"] < imported.width:
            mapping.set(saved["column"], field_name)
    return mapping


# -- values ----------------------------------------------------------------------------------


def parse_yes_no(text: str) -> bool:
    """A yes/no mark: x, X, có, 1, ✓ … are yes; empty, 0, không … are no; ValueError else."""
    key = fold(text)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError(text)


def _is_no_mark(text: str) -> bool:
    """Whether a cell says "no" (0, -, không): not a value."""
    return fold(text) in _NO


def parse_year(text: str, this_year: int | None = None) -> int | None:
    """A birth year written 1985, '85, 85, 01/02/1985, 1985-02-01 (None when empty)."""
    text = text.strip().lstrip("'’`")
    if not text:
        return None
    if text.isdigit():
        if len(text) == 4:
            return int(text)
        if len(text) == 2:
            this_year = this_year or dt.date.today().year
            century = 2000 if 2000 + int(text) <= this_year - 14 else 1900
            return century + int(text)
        raise ValueError(text)
    parts = _DIGITS.findall(text)
    if len(parts) == 3 and ("/" in text or "-" in text or "." in text):
        year = next((part for part in (parts[2], parts[0]) if len(part) == 4), None)
        if year is not None:
            return int(year)
    raise ValueError(text)


def parse_gender(text: str) -> str | None:
    """'nam', 'nu' or None (empty); ValueError for anything else."""
    key = fold(text)
    if not key:
        return None
    if key in ("nam", "m", "male", "trai"):
        return "nam"
    if key in ("nu", "f", "female", "gai"):
        return "nu"
    raise ValueError(text)


def parse_poverty(text: str) -> str:
    """'poor', 'near_poor' or '' from a text such as "Hộ nghèo", "cận nghèo", "CN"."""
    key = fold(text)
    if key in ("", "khong", "0", "-"):
        return ""
    if "can ngheo" in key or key in ("cn", "hcn"):
        return "near_poor"
    if "ngheo" in key or key in ("n", "hn", "x"):
        return "poor"
    raise ValueError(text)


def phone_digits(text: str) -> str:
    """The digits of a phone number, "+84 912…" and "84912…" written as "0912…"."""
    digits = _NOT_DIGIT.sub("", text)
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def _phone_text(value: Any, text: str) -> str:
    # A phone typed into a number cell loses its leading zero (912345678 for 0912 345 678).
    if isinstance(value, (int, float)) and not isinstance(value, bool) and len(text) == 9:
        return "0" + text
    if text.startswith("+84"):
        return "0" + text[3:].lstrip()
    return text


# -- checking --------------------------------------------------------------------------------


class RowCheck:
    """One data row of the file after checking.

    ``kind``: "add", "update" (its household id was found), "unchanged" (found and equal),
    "duplicate" (like an existing household or an earlier row: see ``duplicate_reason``) or
    "rejected" (see ``reason``). A new household's ``household`` and ``status`` are built from
    the checked columns when first asked for: a large file's preview needs only the counts.
    """

    __slots__ = ("line", "kind", "reason", "duplicate_of", "duplicate_line", "duplicate_reason",
                 "values", "_household", "_status", "_source", "_number")

    def __init__(self, line: int, kind: str, household: Household | None = None,
                 status: HouseholdYear | None = None, reason: str = "",
                 source: _Checker | None = None, number: int = 0) -> None:
        self.line = line  # the row number the official sees in the spreadsheet (1-based)
        self.kind = kind
        self.reason = reason
        self.duplicate_of: str | None = None  # an existing household's id
        self.duplicate_line: int | None = None  # an earlier row of the file
        self.duplicate_reason = ""
        # A duplicate's filled cells, for "update the existing household".
        self.values: dict[str, Any] | None = None
        self._household = household
        self._status = status
        self._source = source
        self._number = number

    def _build(self) -> None:
        if self._source is not None:
            self._household, self._status = self._source.build(self._number)
            self._source = None

    @property
    def household(self) -> Household | None:
        """The household the row describes (None for a rejected row)."""
        self._build()
        return self._household

    @property
    def status(self) -> HouseholdYear | None:
        """Its statuses of the year (None when the file says nothing about them)."""
        self._build()
        return self._status

    def __repr__(self) -> str:
        return f"RowCheck(line={self.line}, kind={self.kind!r}, reason={self.reason!r})"


@dataclass(frozen=True)
class PreviewCounts:
    """What an import will do."""

    add: int
    update: int
    unchanged: int
    duplicates: int
    rejected: int
    ignored: int

    @property
    def written(self) -> int:
        """Households written (added and updated) with the current decisions."""
        return self.add + self.update


@dataclass
class Preview:
    """The checked rows of a file and the decisions on its duplicates, ready for ``apply``."""

    file: ImportFile
    mapping: Mapping
    year: int
    ward_id: str | None
    rows: list[RowCheck]
    groups: list[GroupMatch]
    decisions: dict[int, str] = field(default_factory=dict)  # duplicate's line -> decision
    ignored: int = 0  # empty lines and lines with a single cell (notes under the table)
    existing: dict[str, tuple[Household, HouseholdYear | None]] = field(default_factory=dict)

    @property
    def duplicates(self) -> list[RowCheck]:
        """The rows that look like a household already there."""
        return [row for row in self.rows if row.kind == "duplicate"]

    @property
    def rejected(self) -> list[RowCheck]:
        """The rows that cannot be imported, each with its reason."""
        return [row for row in self.rows if row.kind == "rejected"]

    @property
    def uncertain_groups(self) -> list[GroupMatch]:
        """Group values the user must confirm (once per value, not per row)."""
        return [match for match in self.groups if match.uncertain]

    def decide(self, line: int, decision: str) -> None:
        """Decide what to do with the duplicate on ``line``: skip, update or add."""
        row = next((row for row in self.rows if row.line == line and row.kind == "duplicate"),
                   None)
        if row is None:
            raise ValidationError(f"Dòng {line} không phải dòng trùng.", "line")
        if decision not in DECISIONS:
            raise ValidationError(f"Không có cách xử lý '{decision}'.", "decision")
        if decision == "update" and row.duplicate_of is None:
            raise ValidationError(
                f"Dòng {line} trùng với một dòng khác trong tệp, không có hộ để cập nhật.",
                "decision")
        self.decisions[line] = decision

    def decide_all(self, decision: str) -> None:
        """The same decision for every duplicate ("update" only where a household exists)."""
        for row in self.duplicates:
            if decision == "update" and row.duplicate_of is None:
                self.decisions[row.line] = "skip"
            else:
                self.decisions[row.line] = decision

    def planned(self) -> tuple[list[RowCheck], list[tuple[RowCheck, str]]]:
        """(rows to add, (row, household id) to update) with the current decisions."""
        adds: list[RowCheck] = []
        updates: list[tuple[RowCheck, str]] = []
        for row in self.rows:
            if row.kind == "add":
                adds.append(row)
            elif row.kind == "update":
                assert row.household is not None
                updates.append((row, row.household.id))
            elif row.kind == "duplicate":
                decision = self.decisions.get(row.line, "skip")
                if decision == "add":
                    adds.append(row)
                elif decision == "update" and row.duplicate_of:
                    updates.append((row, row.duplicate_of))
        return adds, updates

    @property
    def counts(self) -> PreviewCounts:
        """The counts shown before applying (duplicates decided "add"/"update" count there)."""
        adds, updates = self.planned()
        kinds = [row.kind for row in self.rows]
        return PreviewCounts(
            add=len(adds), update=len(updates), unchanged=kinds.count("unchanged"),
            duplicates=kinds.count("duplicate"), rejected=kinds.count("rejected"),
            ignored=self.ignored)

    @property
    def action_name(self) -> str:
        """The name of the store action (and undo step): "Nhập 2.148 hộ từ danh_sach.xlsx"."""
        return f"Nhập {format_int(self.counts.written)} hộ từ {self.file.name}"


class _NameIndex:
    """Head names of one group's households, found again when nearly the same.

    Nearly the same: the same family name, and the rest one letter apart (a letter wrong,
    missing, added, or two letters swapped: an optimal-string-alignment distance of 1). The
    distances are computed by RapidFuzz, in compiled code, against the names of the same
    family only: a 100.000-row file costs a fraction of a second instead of seconds.
    """

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.exact: dict[str, str] = {}
        self.families: dict[str, tuple[list[str], list[str]]] = {}
        for household_id, name_key in names:
            self.exact.setdefault(name_key, household_id)
            keys, ids = self.families.setdefault(name_key.partition(" ")[0], ([], []))
            keys.append(name_key)
            ids.append(household_id)

    def find(self, name_key: str) -> str | None:
        """The id of a household whose head name is like ``name_key``, or None. One letter
        apart is similar enough from ten letters on; shorter names must also have a
        similarity of at least 0.88 (Households.similar's threshold)."""
        exact = self.exact.get(name_key)
        if exact is not None:
            return exact
        family = self.families.get(name_key.partition(" ")[0])
        if family is None:
            return None  # a different family name is a different family
        keys, ids = family
        if process.extractOne(name_key, keys, scorer=OSA.distance, score_cutoff=1) is None:
            return None  # the common case: nothing one letter apart
        for other, _distance, position in process.extract(
                name_key, keys, scorer=OSA.distance, score_cutoff=1, limit=None):
            if min(len(other), len(name_key)) >= 10 or difflib.SequenceMatcher(
                    None, name_key, other).ratio() >= _SIMILARITY:
                return ids[position]
        return None


def check(
    store: Store,
    imported: ImportFile,
    mapping: Mapping,
    year: int,
    ward_id: str | None = None,
    group_choices: dict[str, str | None] | None = None,
    default_decision: str = "skip",
    accept_group_guesses: bool = False,
    progress: Progress | None = None,
) -> Preview:
    """Check every data row of the file and build the preview.

    ``group_choices`` holds the user's answer per uncertain group value (GroupMatch.key →
    group id, or None for "do not import these rows"); ``accept_group_guesses`` takes the
    first candidate instead (the command line's option). Duplicates get ``default_decision``.

    A new row is a duplicate when its head name is like one of a household of the same group
    (see ``_NameIndex``) or its phone number is one a household has; inside the file, when an
    earlier row of the same group has the same head name (accents and case aside) or phone.
    """
    problems = mapping.problems()
    if problems:
        raise ImportError_(" ".join(problems))
    if default_decision not in DECISIONS:
        raise ValidationError(f"Không có cách xử lý '{default_decision}'.", "decision")
    checker = _Checker(store, imported, mapping, year, ward_id, group_choices or {},
                       accept_group_guesses)
    with _gc_paused():
        results, ignored = checker.check_rows(imported.data_rows, progress)
    preview = Preview(imported, mapping, year, ward_id, results,
                      sorted(checker.matcher.matches.values(), key=lambda m: m.shown),
                      ignored=ignored, existing=checker.existing)
    for row in preview.duplicates:
        decision = default_decision
        if decision == "update" and row.duplicate_of is None:
            decision = "skip"
        preview.decisions[row.line] = decision
    if progress is not None:
        progress(100, "")
    return preview


class _Checker:
    """The state of one check: the file's columns, the database's households, what was seen.

    Values that repeat (groups, ethnic names, yes/no marks, years) are parsed once per
    distinct text: a 100.000-row file has a few hundred of them.
    """

    def __init__(self, store: Store, imported: ImportFile, mapping: Mapping, year: int,
                 ward_id: str | None, choices: dict[str, str | None],
                 accept_guesses: bool) -> None:
        self.imported = imported
        self.year = year
        self.this_year = dt.date.today().year
        self.choices = choices
        self.accept_guesses = accept_guesses
        columns = dict(mapping.columns)
        self.columns = columns
        headers = imported.headers
        group_column = columns["group"]
        kind_hint = _kind_of(headers[group_column]) if group_column < len(headers) else None
        self.matcher = GroupMatcher(store, year, ward_id, kind_hint)
        self.text_fields = [(name, column, imported.conversions.get(column))
                            for name, column in columns.items()]
        self.yes_no = [name for name in YES_NO_FIELDS if name in columns]
        self.gender_columns = "male_head" in columns or "female_head" in columns
        self.has_poverty = any(name in columns for name in ("poverty", "poor", "near_poor"))
        self.caches: dict[str, dict[str, Any]] = {
            name: {} for name in ("year", "gender", "ethnicity", "count", "yes_no", "poverty")}
        self.group_cache: dict[tuple[str, str], GroupMatch] = {}
        # What the database holds: the households the file's ids name, names and phones.
        ids = []
        id_column = columns.get("household_id")
        if id_column is not None:
            for index in imported.data_rows:
                cells = imported.rows[index]
                if id_column < len(cells) and isinstance(cells[id_column], str):
                    text = cells[id_column].strip().lower()
                    if _UUID.fullmatch(text):
                        ids.append(text)
        self.existing, self.deleted = _load_existing(store, ids, year)
        self.by_group: dict[str, list[tuple[str, str]]] = {}
        self.db_phones: dict[str, str] = {}
        for household_id, group_id, name_key, phone in store.db.execute(
            "SELECT id, group_id, head_name_key, phone FROM households"
            " WHERE deleted_at IS NULL"
        ).fetchall():
            self.by_group.setdefault(group_id, []).append((household_id, name_key))
            if phone:
                self.db_phones.setdefault(phone_digits(phone), household_id)
        self.db_index: dict[str, _NameIndex] = {}
        self.file_names: dict[tuple[str, str], int] = {}
        self.file_phones: dict[str, int] = {}
        self.seen_ids: dict[str, int] = {}

    def check_rows(self, indexes: Sequence[int],
                   progress: Progress | None = None) -> tuple[list[RowCheck], int]:
        """Check the rows ``indexes`` of the file: (their checks, the count of ignored lines).

        The work goes column by column where it can: each column's cells become text, and
        each distinct text is parsed once, so the loop over the rows only looks values up.
        A new household's objects are built when something asks for them (``RowCheck``).
        """
        rows = [self.imported.rows[index] for index in indexes]
        self.load_columns(rows)
        results: list[RowCheck] = []
        ignored = 0
        total = len(rows)
        filled_counts = [len(line) - line.count("")
                         for line in zip(*self.texts.values(), strict=True)]
        for number in range(total):
            if progress is not None and number % 5000 == 0:
                progress(int(number * 100 / max(total, 1)), "")
            filled = filled_counts[number]
            if filled < 2:
                ignored += filled  # a lone cell: a note under the table; nothing: an empty line
                continue
            results.append(self.row(number, indexes[number] + 1))
        return results, ignored

    def load_columns(self, rows: list[list[Any]]) -> None:
        """The text of each mapped column, and the parsed values of the columns that have
        them (a value, or the ValueError its text gave)."""
        count = len(rows)
        widest = max(self.columns.values(), default=-1)
        ragged = any(len(row) <= widest for row in rows)
        self.texts = {}
        self.raw_phones: list[Any] = []
        for name, column, encoding in self.text_fields:
            if ragged:
                cells = [row[column] if column < len(row) else "" for row in rows]
            else:
                cells = list(map(operator.itemgetter(column), rows))
            self.texts[name] = _column_texts(cells, encoding, self.imported)
            if name == "phone":
                self.raw_phones = cells
        self.count = count
        texts = self.texts
        self.years = (_parse_column(texts["head_birth_year"], self.parse_year)
                      if "head_birth_year" in texts else None)
        self.genders = (_parse_column(texts["head_gender"], parse_gender)
                        if "head_gender" in texts else None)
        self.ethnic_codes = (_parse_column(texts["ethnicity"], _ethnic_code)
                             if "ethnicity" in texts else None)
        self.member_counts = (_parse_column(texts["member_count"], _count)
                              if "member_count" in texts else None)
        self.flag_columns = [(name, _parse_column(texts[name], parse_yes_no))
                             for name in self.yes_no]
        self.poverties = (_parse_column(texts["poverty"], parse_poverty)
                          if "poverty" in texts else None)
        self.phones: list[tuple[str, bool, str]] | None = None
        if "phone" in texts:
            self.phones = self.phone_column(self.raw_phones, texts["phone"])
        self.name_keys = _fold_names(texts["head_name"])
        self.group_ids: list[str | None] = [None] * count

    def phone_column(self, cells: list[Any], texts: list[str]) -> list[tuple[str, bool, str]]:
        """Each row's phone as stored, whether the form would take it, and its digits."""
        def phone_of(cell: Any, text: str) -> tuple[str, bool, str]:
            phone = _phone_text(cell, text) if text else ""
            if not phone:
                return "", True, ""
            return phone, "  " not in phone and bool(_PHONE.match(phone)), phone_digits(phone)

        distinct = set(cells)
        # True and 1 are one key of a set (the first one met is kept): look at the types.
        if bool in set(map(type, cells)):
            return [phone_of(cell, text) for cell, text in zip(cells, texts, strict=True)]
        # The text is a function of the cell, so each distinct cell is worked out once.
        text_of = dict(zip(cells, texts, strict=True))
        phones = {cell: phone_of(cell, text_of[cell]) for cell in distinct}
        return list(map(phones.__getitem__, cells))

    def row(self, number: int, line: int) -> RowCheck:
        """The check of the ``number``-th row of ``load_columns`` (``line`` in the file)."""
        texts = self.texts
        reasons: list[str] = []
        head_name = texts["head_name"][number]
        group_text = texts["group"][number]
        group_id: str | None = None
        if not head_name:
            reasons.append("Thiếu họ tên chủ hộ.")
        if not group_text:
            reasons.append("Thiếu tổ dân phố, bản.")
        else:
            ward_text = texts["ward"][number] if "ward" in texts else ""
            match = self.group_cache.get((ward_text, group_text))
            if match is None:
                match = self.matcher.match(ward_text, group_text)
                self.group_cache[(ward_text, group_text)] = match
            else:
                match.rows += 1
            if match.group_id is not None:
                group_id = match.group_id
            elif match.key in self.choices:
                group_id = self.choices[match.key]
                if group_id is None:
                    reasons.append(f"Đã chọn không nhập các dòng của '{match.shown}'.")
            elif match.candidates and self.accept_guesses:
                group_id = match.candidates[0][0]
            elif match.candidates:
                names = "; ".join(name for _id, name in match.candidates)
                reasons.append(f"Chưa xác nhận '{match.shown}' là tổ nào (có thể là: {names}).")
            else:
                reasons.append(match.problem)
        self.group_ids[number] = group_id
        target: tuple[Household, HouseholdYear | None] | None = None
        if "household_id" in texts:
            raw_id = texts["household_id"][number].lower()
            if not raw_id:
                pass
            elif raw_id in self.deleted:
                reasons.append("Hộ có mã này đã bị xóa khỏi dữ liệu; hãy khôi phục hộ trước"
                               " hoặc xóa mã hộ ở dòng này để thêm mới.")
            elif raw_id in self.seen_ids:
                reasons.append(f"Mã hộ trùng với dòng {self.seen_ids[raw_id]}.")
            else:
                target = self.existing.get(raw_id)
                if target is not None:
                    self.seen_ids[raw_id] = line
        year = gender = None
        if self.years is not None:
            year = self.years[number]
            if year.__class__ is ValueError:
                reasons.append(f"Năm sinh '{texts['head_birth_year'][number]}' không đọc được"
                               " (ghi 1985, '85 hoặc 01/02/1985).")
                year = None
        if self.genders is not None:
            gender = self.genders[number]
            if gender.__class__ is ValueError:
                reasons.append(f"Giới tính '{texts['head_gender'][number]}' không hiểu (ghi Nam"
                               " hoặc Nữ).")
                gender = None
        if self.gender_columns:
            split_gender, split_year, problem = self.split_gender_columns(number)
            if problem:
                reasons.append(problem)
            gender = gender if gender is not None else split_gender
            year = year if year is not None else split_year
        if self.ethnic_codes is not None and self.ethnic_codes[number] is None:
            text = texts["ethnicity"][number]
            if text:
                reasons.append(f"Dân tộc '{text}' không có trong danh mục.")
        members = None
        if self.member_counts is not None and texts["member_count"][number]:
            members = self.member_counts[number]
            if members.__class__ is ValueError:
                reasons.append(f"Số nhân khẩu '{texts['member_count'][number]}' không phải"
                               " là số.")
                members = None
        poor = near_poor = False
        for name, column in self.flag_columns:
            value = column[number]
            if value.__class__ is ValueError:
                reasons.append(f"Cột '{FIELD_LABELS[name]}': '{texts[name][number]}' không hiểu"
                               " (đánh x hoặc để trống).")
            elif name == "poor":
                poor = value
            elif name == "near_poor":
                near_poor = value
        if self.poverties is not None and self.poverties[number].__class__ is ValueError:
            reasons.append(f"Nghèo, cận nghèo '{texts['poverty'][number]}' không hiểu (ghi Hộ"
                           " nghèo hoặc Cận nghèo).")
        if poor and near_poor:
            reasons.append("Một hộ không thể vừa là hộ nghèo vừa là hộ cận nghèo.")
        if reasons or group_id is None:
            return RowCheck(line, "rejected", reason=" ".join(reasons))
        if target is not None:
            return self.existing_row(number, line, target)
        # A new household: checked by the form's rules without building it.
        phone, phone_ok, digits = (self.phones[number] if self.phones is not None
                                   else ("", True, ""))
        if not phone_ok or (members is not None and members < 1) or (
                year is not None and not self.this_year - 120 <= year <= self.this_year - 14):
            household, _status = self.build(number)
            try:
                validate_household(household, self.this_year)
            except ValidationError as error:
                return RowCheck(line, "rejected", reason=str(error))
        row = RowCheck(line, "add", source=self, number=number)
        # Like a household already there, or like an earlier row?
        name_key = self.name_keys[number]
        similar = self.group_index(group_id).find(name_key)
        if similar is not None:
            row.duplicate_of = similar
            row.duplicate_reason = "Tên chủ hộ giống một hộ đã có trong cùng tổ."
        elif digits and digits in self.db_phones:
            row.duplicate_of = self.db_phones[digits]
            row.duplicate_reason = f"Số điện thoại {phone} đã có ở một hộ khác."
        elif (group_id, name_key) in self.file_names:
            row.duplicate_line = self.file_names[(group_id, name_key)]
            row.duplicate_reason = f"Tên chủ hộ giống dòng {row.duplicate_line} trong tệp."
        elif digits and digits in self.file_phones:
            row.duplicate_line = self.file_phones[digits]
            row.duplicate_reason = (f"Số điện thoại {phone} trùng với dòng"
                                    f" {row.duplicate_line} trong tệp.")
        self.file_names.setdefault((group_id, name_key), line)
        if digits:
            self.file_phones.setdefault(digits, line)
        if row.duplicate_reason:
            row.kind = "duplicate"
            row.values = {name: value for name, value in self.values(number).items()
                          if value is not None and value != ""}
        return row

    def values(self, number: int) -> dict[str, Any]:
        """The household fields the file gives for row ``number`` (only its columns)."""
        texts = self.texts
        values: dict[str, Any] = {}
        if self.years is not None:
            year = self.years[number]
            values["head_birth_year"] = None if year.__class__ is ValueError else year
        if self.genders is not None:
            gender = self.genders[number]
            values["head_gender"] = None if gender.__class__ is ValueError else gender
        if self.gender_columns:
            split_gender, split_year, _problem = self.split_gender_columns(number)
            if values.get("head_gender") is None and split_gender is not None:
                values["head_gender"] = split_gender
            if values.get("head_birth_year") is None and split_year is not None:
                values["head_birth_year"] = split_year
        if self.ethnic_codes is not None:
            values["ethnicity_code"] = self.ethnic_codes[number]
        if self.member_counts is not None and texts["member_count"][number]:
            values["member_count"] = self.member_counts[number]
        if self.phones is not None:
            values["phone"] = self.phones[number][0]
        if "address" in texts:
            values["address"] = texts["address"][number]
        if "note" in texts:
            values["note"] = texts["note"][number]
        return values

    def status_parts(self, number: int) -> tuple[dict[str, bool], str | None]:
        """The yes/no marks of row ``number`` and its poverty (None: no column says)."""
        flags = {name: column[number] for name, column in self.flag_columns}
        poverty = ""
        if self.poverties is not None:
            poverty = self.poverties[number]
        if flags.pop("poor", False):
            poverty = "poor"
        if flags.pop("near_poor", False):
            poverty = "near_poor"
        return flags, poverty if self.has_poverty else None

    def build(self, number: int,
              target: tuple[Household, HouseholdYear | None] | None = None
              ) -> tuple[Household, HouseholdYear | None]:
        """The household and statuses row ``number`` describes (its checks have passed)."""
        group_id = self.group_ids[number]
        assert group_id is not None
        head_name = self.texts["head_name"][number]
        values = self.values(number)
        if target is not None:
            household = _household_of(head_name, group_id, values, target, self.this_year)
        else:
            household = Household(group_id=group_id, head_name=head_name, **values)
        flags, poverty = self.status_parts(number)
        return household, _status_of(household, self.year, flags, poverty, target)

    def existing_row(self, number: int, line: int,
                     target: tuple[Household, HouseholdYear | None]) -> RowCheck:
        """The check of a row naming a household already there: an update, or no change."""
        try:
            household, status = self.build(number, target)
        except ValidationError as error:
            return RowCheck(line, "rejected", reason=str(error))
        unchanged = household == target[0] and status == target[1]
        return RowCheck(line, "unchanged" if unchanged else "update", household, status)

    def parse_year(self, text: str) -> int | None:
        """A birth year, two-digit years read against this year."""
        return parse_year(text, self.this_year)

    def split_gender_columns(self, number: int) -> tuple[str | None, int | None, str]:
        """The "Nam" / "Nữ" columns of row ``number``: (gender, birth year, problem). The
        filled one gives the gender, and the birth year unless it holds only a mark."""
        male = self.texts["male_head"][number] if "male_head" in self.texts else ""
        female = self.texts["female_head"][number] if "female_head" in self.texts else ""
        # A dash or a 0 under the other column says "not this one".
        male, female = (text if text and not _is_no_mark(text) else ""
                        for text in (male, female))
        if male and female:
            return None, None, (f"Cả cột Nam ('{male}') và cột Nữ ('{female}') đều có giá trị;"
                                " chỉ ghi vào cột đúng giới tính của chủ hộ.")
        text = male or female
        if not text:
            return None, None, ""
        gender = "nam" if male else "nu"
        if self.genders is not None and self.genders[number] not in (None, gender):
            stated = self.texts["head_gender"][number]
            return None, None, (f"Giới tính '{stated}' khác với cột {'Nam' if male else 'Nữ'}"
                                " đã ghi.")
        try:
            if self.parsed("yes_no", text, parse_yes_no):
                return gender, None, ""  # a mark: the gender only
        except ValueError:
            pass
        try:
            return gender, self.parsed("year", text, self.parse_year), ""
        except ValueError:
            return gender, None, (f"Cột {'Nam' if male else 'Nữ'}: '{text}' không phải năm sinh"
                                  " (ghi 1985, '85, 01/02/1985) hoặc dấu x.")

    def parsed(self, name: str, text: str, parse: Callable[[str], Any]) -> Any:
        """``parse(text)`` remembered per field and text; a ValueError is remembered too."""
        cache = self.caches[name]
        try:
            result = cache[text]
        except KeyError:
            try:
                result = parse(text)
            except ValueError as error:
                result = error
            cache[text] = result
        if result.__class__ is ValueError:
            raise result
        return result

    def group_index(self, group_id: str) -> _NameIndex:
        """The index of the group's head names, built when the group is first met."""
        index = self.db_index.get(group_id)
        if index is None:
            index = _NameIndex(self.by_group.get(group_id, ()))
            self.db_index[group_id] = index
        return index


# Letters of Vietnamese names folded by a translation table: the same result as
# storage.text.fold for them, several times faster on a 100.000-row file.
_FOLD_TABLE = str.maketrans({
    char: fold(char) for char in (
        *(chr(code) for code in range(0xC0, 0x250)),
        *(chr(code) for code in range(0x1EA0, 0x1F00)),
    ) if len(fold(char)) == 1 and fold(char).isascii()
})


def _cell_text_of(value: Any, encoding: str | None, imported: ImportFile | None = None) -> str:
    """``cell_text`` with the common cases first (plain text, whole numbers); a legacy-font
    cell's reading remembered by ``imported``."""
    if value.__class__ is str and encoding is None:
        if value.isascii() or _is_nfc("NFC", value):
            if "  " not in value and "\n" not in value:
                return value.strip()
            return " ".join(value.split())
        return nfc(value)
    if value is None or value == "":
        return ""
    if value.__class__ is float and value.is_integer():
        return str(int(value))
    if imported is not None:
        return imported.cell_text(value, encoding)
    return cell_text(value, encoding)


def _column_texts(cells: list[Any], encoding: str | None,
                  imported: ImportFile | None = None) -> list[str]:
    """The text of each cell of a column, each distinct value converted once."""
    if encoding is None and set(map(type, cells)) == {str}:
        # A column of plain text already in NFC with single spaces (the usual case) needs
        # only its outer spaces stripped: checked and done in compiled code, all at once.
        joined = "\x00".join(cells)
        if ((joined.isascii() or _is_nfc("NFC", joined)) and "  " not in joined
                and "\n" not in joined):
            return list(map(str.strip, cells))
    distinct = set(cells)
    if bool in set(map(type, cells)):
        # True, 1 and 1.0 are one key of a set and a dict but not one text: cell by cell.
        return [_cell_text_of(value, encoding, imported) for value in cells]
    texts = {value: _cell_text_of(value, encoding, imported) for value in distinct}
    return list(map(texts.__getitem__, cells))


def _parse_column(texts: list[str], parse: Callable[[str], Any]) -> list[Any]:
    """``parse`` of each text, each distinct text parsed once; a ValueError stands for a
    text that could not be parsed."""
    parsed: dict[str, Any] = {}
    for text in set(texts):
        try:
            parsed[text] = parse(text)
        except ValueError as error:
            parsed[text] = error
    return list(map(parsed.__getitem__, texts))


def _fold_names(texts: list[str]) -> list[str]:
    """``_fold_name`` of each text; most are folded by the table alone, in compiled code."""
    folded = list(map(operator.methodcaller("translate", _FOLD_TABLE), map(str.lower, texts)))
    for position, key in enumerate(folded):
        if not key.isascii():
            folded[position] = fold(texts[position])
    return folded


def _fold_name(text: str) -> str:
    """``fold(text)`` for a name already in NFC with single spaces."""
    folded = text.lower().translate(_FOLD_TABLE)
    return folded if folded.isascii() else fold(text)


def _ethnic_code(text: str) -> str | None:
    if not text:
        return None
    group = find_ethnic_group(text)
    return group.code if group else None


def _count(text: str) -> int:
    number = float(text.replace(",", "."))
    if not number.is_integer():
        raise ValueError(text)
    return int(number)


def _load_existing(store: Store, ids: list[str], year: int) -> tuple[
        dict[str, tuple[Household, HouseholdYear | None]], set[str]]:
    """The households (and statuses of ``year``) the file's ids name; the deleted ids apart."""
    from storage.households import _HOUSEHOLD_FIELDS, _status_from_row

    found: dict[str, tuple[Household, HouseholdYear | None]] = {}
    deleted: set[str] = set()
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        marks = ",".join("?" * len(chunk))
        statuses = {row["household_id"]: _status_from_row(row) for row in store.query(
            f"SELECT * FROM household_years WHERE year = ? AND deleted_at IS NULL"
            f" AND household_id IN ({marks})", [year, *chunk])}
        for row in store.query(f"SELECT * FROM households WHERE id IN ({marks})", chunk):
            if row["deleted_at"] is not None:
                deleted.add(row["id"])
                continue
            household = Household(**{name: row[name] for name in _HOUSEHOLD_FIELDS},
                                  id=row["id"])
            found[row["id"]] = (household, statuses.get(row["id"]))
    return found, deleted


def _household_of(head_name: str, group_id: str, values: dict[str, Any],
                  target: tuple[Household, HouseholdYear | None] | None,
                  this_year: int) -> Household:
    """The household a row describes: the existing one with the file's columns laid over it,
    or a new one; checked by the rules of ``validate_household`` (which ``apply`` runs again),
    without its copying, on text the reading already normalised."""
    if target is not None:
        base = target[0]
        household = Household(
            group_id=group_id, head_name=head_name,
            head_gender=values.get("head_gender", base.head_gender),
            head_birth_year=values.get("head_birth_year", base.head_birth_year),
            ethnicity_code=values.get("ethnicity_code", base.ethnicity_code),
            address=values.get("address", base.address), phone=values.get("phone", base.phone),
            member_count=values.get("member_count", base.member_count),
            note=values.get("note", base.note), id=base.id)
    else:
        household = Household(group_id=group_id, head_name=head_name, **values)
    year = household.head_birth_year
    phone = household.phone
    if (year is not None and not this_year - 120 <= year <= this_year - 14) or (
            household.member_count < 1) or (phone and (
                "  " in phone or not _PHONE.match(phone))):
        return validate_household(household, this_year)  # raises with the form's message
    return household


def _status_of(household: Household, year: int, flags: dict[str, bool], poverty: str | None,
               target: tuple[Household, HouseholdYear | None] | None) -> HouseholdYear | None:
    """The statuses of the year: the existing ones with the file's columns laid over them."""
    before = target[1] if target is not None else None
    if target is not None and before is None and not any(flags.values()) and not poverty:
        return None  # the file says nothing about the year: leave the year without a row
    if before is None:
        fields: dict[str, Any] = dict(flags)
        return HouseholdYear(household.id, year, household.group_id, poverty=poverty or "",
                             **fields)
    changes: dict[str, Any] = dict(flags)
    if poverty is not None:
        changes["poverty"] = poverty
    return dataclasses.replace(before, group_id=household.group_id, **changes)


# -- applying and undoing --------------------------------------------------------------------


@dataclass
class UpdatedHousehold:
    """A household an import changed: as it was, and as the import left it."""

    before: Household
    before_status: HouseholdYear | None
    after: Household
    after_status: HouseholdYear | None


@dataclass
class ImportOutcome:
    """What an import wrote: enough to take it back (and to redo it) as one step."""

    name: str
    year: int
    added_ids: list[str]
    updated: list[UpdatedHousehold]
    skipped: int = 0
    rejected: int = 0

    @property
    def written(self) -> int:
        """Households added or updated."""
        return len(self.added_ids) + len(self.updated)


def apply(store: Store, preview: Preview, progress: Progress | None = None) -> ImportOutcome:
    """Write the preview's households in ONE store action named ``preview.action_name``.

    New households get a status row of the preview's year; updated ones get the file's values
    over their own. A failure anywhere leaves the database as it was. Returns what
    ``revert_import`` needs to undo the import.
    """
    from storage.store import new_id

    adds, updates = preview.planned()
    if not adds and not updates:
        raise ImportError_("Không có hộ nào để nhập hoặc cập nhật. / Nothing to import.")
    year = preview.year
    owners = dict(store.db.execute(
        "SELECT id, parent_id FROM units WHERE kind IN ('tdp', 'ban')").fetchall())
    new_rows: list[dict[str, Any]] = []
    audits: list[tuple[str, str, dict[str, Any]]] = []
    statuses: list[HouseholdYear] = []
    added_ids: list[str] = []
    updated: list[UpdatedHousehold] = []
    if progress is not None:
        progress(5, "")
    for row in adds:
        assert row.household is not None and row.status is not None
        # Checked already; validated again as the form does, so nothing unchecked is written.
        household = validate_household(dataclasses.replace(row.household, id=new_id()))
        data = household_row(household)
        audits.append((household.id, "insert", data))
        new_rows.append({**data, "owner_unit_id": owners.get(household.group_id)})
        statuses.append(dataclasses.replace(row.status, household_id=household.id,
                                            group_id=household.group_id))
        added_ids.append(household.id)
    targets = _current(store, [household_id for _row, household_id in updates], year)
    for row, household_id in updates:
        assert row.household is not None
        before, before_status = targets[household_id]
        after = dataclasses.replace(row.household, id=household_id)
        if row.kind == "duplicate":
            # "Update the existing household": the row's values over the one it resembles.
            after = _merge_over(before, row)
        after_status = row.status
        if after_status is not None:
            base = before_status or HouseholdYear(household_id, year, after.group_id)
            if row.kind == "duplicate":
                after_status = _merge_status(base, after_status, preview.mapping)
            after_status = dataclasses.replace(after_status, household_id=household_id,
                                               group_id=after.group_id)
        updated.append(UpdatedHousehold(before, before_status, after, after_status))
    counts = preview.counts
    outcome = ImportOutcome(preview.action_name, year, added_ids, updated,
                            skipped=counts.duplicates - sum(
                                1 for d in preview.decisions.values() if d != "skip"),
                            rejected=counts.rejected)
    with store.action(outcome.name) as action:
        if new_rows:
            stamped = [{**row, **action.stamp} for row in new_rows]
            if len(stamped) >= _BULK_FROM:
                with store.households_bulk():
                    store.bulk_insert("households", stamped)
            else:
                store.bulk_insert("households", stamped)
            action.audit_many("households", audits)
        if progress is not None:
            progress(50, "")
        _write_households(store, [(u.before, u.after) for u in updated], action)
        store.households._write_years(  # noqa: SLF001 - the batch writer of the same layer
            [*statuses, *(u.after_status for u in updated if u.after_status is not None)],
            action)
        _remove_years(store, [(u.after.id, year) for u in updated
                              if u.after_status is None and u.before_status is not None],
                      action)
        if progress is not None:
            progress(95, "")
    return outcome


def _merge_over(before: Household, row: RowCheck) -> Household:
    """The existing household with the row's name, group and filled cells laid over it (an
    empty cell of a look-alike row does not erase what the household has)."""
    assert row.household is not None
    return validate_household(dataclasses.replace(
        before, head_name=row.household.head_name, group_id=row.household.group_id,
        **(row.values or {})))


def _merge_status(base: HouseholdYear, row: HouseholdYear, mapping: Mapping) -> HouseholdYear:
    changes: dict[str, Any] = {name: getattr(row, name) for name in HOUSEHOLD_FLAGS
                               if name in mapping.columns}
    if any(name in mapping.columns for name in ("poverty", "poor", "near_poor")):
        changes["poverty"] = row.poverty
    return dataclasses.replace(base, **changes)


def _current(store: Store, ids: list[str], year: int) -> dict[
        str, tuple[Household, HouseholdYear | None]]:
    found, _deleted = _load_existing(store, list(dict.fromkeys(ids)), year)
    return found


def _member_names(store: Store, ids: Sequence[str]) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = list(ids[start:start + _BATCH])
        for household_id, full_name in store.db.execute(
            f"SELECT household_id, full_name FROM household_members WHERE deleted_at IS NULL"
            f" AND household_id IN ({','.join('?' * len(chunk))}) ORDER BY position", chunk
        ).fetchall():
            names.setdefault(household_id, []).append(full_name)
    return names


def _write_households(store: Store, changes: Sequence[tuple[Household, Household]],
                      action: Action) -> None:
    """Overwrite households (old, new) with the new values, auditing the fields that changed."""
    if not changes:
        return
    owners = dict(store.db.execute(
        "SELECT id, parent_id FROM units WHERE kind IN ('tdp', 'ban')").fetchall())
    members = _member_names(store, [new.id for _old, new in changes])
    audits = []
    for old, new in changes:
        differences = {name: [getattr(old, name), getattr(new, name)]
                       for name in ("group_id", "head_name", "head_gender", "head_birth_year",
                                    "ethnicity_code", "address", "phone", "member_count",
                                    "note")
                       if getattr(old, name) != getattr(new, name)}
        if not differences:
            continue
        row = household_row(new, members.get(new.id, []))
        values = {**row, "owner_unit_id": owners.get(new.group_id), **action.stamp}
        store.households._update_row(new.id, values)  # noqa: SLF001 - same layer
        audits.append((new.id, "update", differences))
    action.audit_many("households", audits)


def _remove_years(store: Store, keys: Sequence[tuple[str, int]], action: Action) -> None:
    """Tombstone status rows (a year that had no row before the import)."""
    if not keys:
        return
    store.db.conn.executemany(
        "UPDATE household_years SET deleted_at = ?, modified_at = ?, change_seq = ?,"
        " modified_site = ? WHERE household_id = ? AND year = ?",
        [[action.now, action.now, action.seq, store.site_id, household_id, year]
         for household_id, year in keys])
    action.audit_many("household_years",
                      [(f"{household_id}/{year}", "delete", {}) for household_id, year in keys])


def _set_deleted(store: Store, ids: Sequence[str], deleted: bool, action: Action) -> None:
    store.db.conn.executemany(
        "UPDATE households SET deleted_at = ?, modified_at = ?, change_seq = ?,"
        " modified_site = ? WHERE id = ?",
        [[action.now if deleted else None, action.now, action.seq, store.site_id, household_id]
         for household_id in ids])
    action.audit_many("households", [(household_id, "delete" if deleted else "restore", {})
                                     for household_id in ids])


def revert_import(store: Store, outcome: ImportOutcome) -> None:
    """Take an import back in one action: its new households deleted (tombstones that travel),
    the households it updated given back their values and statuses of the year."""
    _set_imported(store, outcome, f"Hoàn tác: {outcome.name}", imported=False)


def reapply_import(store: Store, outcome: ImportOutcome) -> None:
    """Do an import again after ``revert_import`` (redo), in one action."""
    _set_imported(store, outcome, outcome.name, imported=True)


def _set_imported(store: Store, outcome: ImportOutcome, name: str, imported: bool) -> None:
    """Leave the households as the import made them (``imported``) or as they were before."""
    with store.action(name) as action:
        _set_deleted(store, outcome.added_ids, not imported, action)
        _write_households(store, [(u.before, u.after) if imported else (u.after, u.before)
                                  for u in outcome.updated], action)
        wanted = [(u.after_status, u.before_status) if imported
                  else (u.before_status, u.after_status) for u in outcome.updated]
        store.households._write_years(  # noqa: SLF001 - same layer
            [status for status, _other in wanted if status is not None], action)
        _remove_years(store, [(u.after.id, outcome.year)
                              for u, (status, other) in zip(outcome.updated, wanted, strict=True)
                              if status is None and other is not None], action)


# -- the rejected rows -----------------------------------------------------------------------


def write_rejected(preview: Preview, path: str | Path) -> int:
    """Save the rejected rows as .xlsx: the file's title and header, the rows as they were
    (legacy fonts converted) and a "Lý do" column. Returns the number of rows written. Every
    text is written as text (storage.xlsx_writer), so the file imports back as it was."""
    from openpyxl.styles import Alignment, Font

    from storage.xlsx_writer import new_workbook

    imported = preview.file
    rejected = preview.rejected
    headers = imported.headers
    width = max(imported.width, len(headers))
    workbook = new_workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Chưa nhập"
    sheet.append([f"CÁC DÒNG CHƯA NHẬP ĐƯỢC TỪ {imported.name} — NĂM {preview.year}"])
    sheet.cell(1, 1).font = Font(bold=True)
    sheet.append(["Sửa các dòng theo cột Lý do rồi nhập lại tệp này."])
    sheet.append([])
    sheet.append([*headers[:width], REASON_HEADER])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rejected:
        cells = imported.rows[row.line - 1]
        values: list[Any] = []
        for column in range(width):
            value = cells[column] if column < len(cells) else ""
            if isinstance(value, str) or column in imported.conversions:
                value = imported.text(row.line - 1, column)
            values.append(value)
        sheet.append([*values, f"Dòng {row.line}: {row.reason}"])
    sheet.column_dimensions[column_letter(width)].width = 60
    path = Path(path)
    workbook.save(path)
    return len(rejected)


def column_letter(column: int) -> str:
    """The spreadsheet's name of a 0-based column: 0 → A, 27 → AB."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(column + 1)
