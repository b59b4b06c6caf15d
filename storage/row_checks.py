"""Whether one row of a sync package holds values the forms and the store accept.

``row_problem(table, row)`` gives the reason a person reads in the import report ("Số nhân
khẩu: cần số nguyên, gặp chữ"), or None. Each column is held to its type, range, length, enum
and the normal form the store writes text in; then the rules between columns are the store's
own validators (validate_household, validate_member, validate_group_year, validate_rule), so
a package cannot bring in what a form would have refused. Pure functions: no database.

storage/package_checks.py checks the package's shape and re-exports ``row_problem``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from storage.criteria import OPERATORS, RULE_KINDS, Indicator, validate_rule
from storage.errors import ValidationError
from storage.ethnicity import ethnic_groups
from storage.groups import COUNT_FIELDS, FLAG_FIELDS, GroupYear, clean_text, validate_group_year
from storage.households import validate_household, validate_member
from storage.integrity import EARLIEST_BIRTH_YEAR
from storage.model import HOUSEHOLD_FLAGS, PARTY_CELL_RATINGS, Household, Member
from storage.sync_crypto import strict_json
from storage.text import format_int, parse_date

# The travelling tables, as in storage.sync.TABLES (a test keeps them equal; storage.sync
# imports these checks, so they cannot import it).
TABLE_NAMES = (
    "units", "lineage_events", "indicators", "frameworks", "standards", "criteria",
    "households", "household_members", "household_years", "group_years", "group_officers",
    "registrations", "evaluations", "evaluation_answers", "stage_approvals", "decisions",
    "recognitions", "certificates", "targets",
)

# Action numbers and counters: JSON readers elsewhere (and SQLite's json_extract) keep integers
# exact up to 2**53.
MAX_SEQ = 2**53
# Lengths of the texts people type (characters).
MAX_NAME_CHARS = 200  # people, units, roles, signers
MAX_TITLE_CHARS = 500  # frameworks, standards, criteria, issuing bodies, indicators
MAX_CODE_CHARS = 50
MAX_ADDRESS_CHARS = 500
MAX_NOTE_CHARS = 2_000  # notes, legal bases, evidence
MAX_LONG_TEXT_CHARS = 5_000  # the group profile's multi-line texts
MAX_KEY_CHARS = 50_000  # derived search and sort keys (a household's key holds its members)
MAX_EXTRA_CHARS = 20_000
MAX_EXTRA_KEYS = 200
# Numbers, as the forms bound them (gui/dialogs/household_dialog.py, gui/group_profile.py,
# gui/dialogs/framework_editor.py).
MAX_MEMBER_COUNT = 99
MAX_GROUP_COUNT = 99_999
MAX_POINTS = 1_000
MAX_THRESHOLD = 1_000_000
MIN_YEAR, MAX_YEAR = 1900, 2100  # years of records (statuses, profiles, decisions, units)
HEAD_MIN_AGE = 14  # as validate_household has it

# Record and machine ids: UUIDs in practice; any short token without spaces is harmless.
ID_TEXT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
# A UTC time as the store writes it.
STAMP_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")
# Control characters (C0, DEL, C1); \n is allowed only in multi-line texts.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# What nfc() (storage/text.py) takes out of a one-line text: outer or doubled whitespace, and
# whitespace other than the plain space. Given NFC, a text without these is its own nfc().
_BAD_SPACING = re.compile(r"^\s|\s$|\s\s|[^\S ]")

_TYPE_NAMES = {str: "chữ", int: "số nguyên", float: "số thực", bool: "đúng/sai",
               type(None): "giá trị rỗng", list: "danh sách", dict: "đối tượng"}


def kind_name(value: object) -> str:
    """A value's type in words; never the value itself (it may be 20 MB or nested 10⁵ deep)."""
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def shorten(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis: values shown in messages."""
    return text if len(text) <= limit else text[:limit] + "…"


# A field check returns the reason a value is refused, or None.
Check = Callable[[Any], "str | None"]


def _number(value: int) -> str:
    # Years read as years ("2900", not "2.900"); counts with dots between thousands.
    if abs(value) >= 10**18:
        return "một số quá lớn"
    return str(value) if abs(value) < 10_000 else format_int(value)


def _type_problem(value: object, wanted: str) -> str:
    return f"cần {wanted}, gặp {kind_name(value)}"


def _length_problem(value: str, max_chars: int) -> str | None:
    if len(value) > max_chars:
        return f"dài {format_int(len(value))} ký tự (tối đa {format_int(max_chars)})"
    return None


def _text_field(max_chars: int, *, empty: bool = True, form: str = "line") -> Check:
    """A text field. ``form``: 'line' (stored through nfc(): NFC, single spaces, no control
    characters), 'lines' (multi-line, stored through clean_text), 'plain' (NFC, no control
    characters; texts the program writes itself) or 'key' (a derived search or sort key)."""

    def check(value: Any) -> str | None:
        if type(value) is not str:
            return _type_problem(value, "chữ")
        if (problem := _length_problem(value, max_chars)) is not None:
            return problem
        if not value:
            return None if empty else "chưa nhập (không được để trống)"
        if form == "key":
            return None
        control = _CONTROL_BUT_NEWLINE if form == "lines" else CONTROL
        if control.search(value):
            return "có ký tự điều khiển"
        if not unicodedata.is_normalized("NFC", value):
            return "chữ không ở dạng Unicode chuẩn (NFC)"
        if form == "line" and _BAD_SPACING.search(value):
            return "có khoảng trắng thừa ở đầu, cuối hoặc giữa các chữ"
        if form == "lines" and clean_text(value) != value:
            return "có khoảng trắng thừa ở đầu hoặc cuối dòng"
        return None

    return check


def _int_field(low: int, high: int, *, null: bool = False) -> Check:
    """A whole number in ``low..high`` (a boolean is not one); None allowed with ``null``."""

    def check(value: Any) -> str | None:
        if value is None and null:
            return None
        if type(value) is not int:
            return _type_problem(value, "số nguyên")
        if not low <= value <= high:
            return f"{_number(value)} nằm ngoài khoảng {_number(low)}–{_number(high)}"
        return None

    return check


def _real_field(low: float, high: float, *, null: bool = False) -> Check:
    """A finite number in ``low..high`` (whole or not)."""

    def check(value: Any) -> str | None:
        if value is None and null:
            return None
        if type(value) not in (int, float):
            return _type_problem(value, "số")
        if not math.isfinite(value):
            return "số vô hạn hoặc NaN"
        if not low <= value <= high:
            return f"{value} nằm ngoài khoảng {format_int(int(low))}–{format_int(int(high))}"
        return None

    return check


def _choice_field(values: Sequence[Any], *, null: bool = False) -> Check:
    """One of ``values`` exactly (None too with ``null``)."""
    allowed = frozenset(values)
    # A short list is named in the reason; a long one (ethnic codes, columns) is not.
    shown = (" (chỉ nhận " + ", ".join(f"'{v}'" for v in values)
             + (" hoặc để trống" if null else "") + ")") if len(values) <= 6 else ""

    def check(value: Any) -> str | None:
        if value is None and null:
            return None
        # type() first: True == 1 and 1.0 == 1 would otherwise pass as a flag or a code.
        if type(value) not in (str, int) or value not in allowed:
            what = (f"'{shorten(value)}'" if type(value) is str
                    else _number(value) if type(value) is int else kind_name(value))
            return f"{what} không hợp lệ{shown}"
        return None

    return check


def _id_field(*, null: bool = False) -> Check:
    """The id of a record (a UUID in practice)."""

    def check(value: Any) -> str | None:
        if value is None and null:
            return None
        if type(value) is not str:
            return _type_problem(value, "mã bản ghi (chữ)")
        if not ID_TEXT.fullmatch(value):
            return f"'{shorten(value)}' không phải mã bản ghi"
        return None

    return check


def _stamp_field(*, null: bool = False) -> Check:
    """A UTC time as the store writes it: '2026-11-27T08:05:00.000Z'."""

    def check(value: Any) -> str | None:
        if value is None and null:
            return None
        if type(value) is not str:
            return _type_problem(value, "thời điểm (chữ)")
        if not STAMP_TEXT.fullmatch(value):
            return f"'{shorten(value)}' không phải thời điểm dạng 2026-11-27T08:05:00.000Z"
        if not real_moment(value[:19]):
            return f"'{value}' không phải thời điểm có thật"
        return None

    return check


@functools.lru_cache(maxsize=4096)
def real_moment(text: str) -> bool:
    """Whether 'yyyy-mm-ddThh:mm:ss' names a moment that exists (no 30 February, no 25 h).

    Cached: the rows one action wrote share its time, and a package holds a few actions'.
    """
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _date_field() -> Check:
    """A day as the forms accept it (parse_date: 'yyyy-mm-dd' or 'd/m/yyyy')."""

    def check(value: Any) -> str | None:
        if type(value) is not str:
            return _type_problem(value, "ngày (chữ)")
        if len(value) > 10:
            return f"'{shorten(value)}' không phải ngày"
        try:
            day = parse_date(value)
        except ValueError as error:
            return str(error)
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            return f"năm {day.year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}"
        return None

    return check


def _site_field() -> Check:
    """The machine that last wrote a row ('' for the built-in rows of a new database)."""

    def check(value: Any) -> str | None:
        if type(value) is not str:
            return _type_problem(value, "mã máy (chữ)")
        if value and not ID_TEXT.fullmatch(value):
            return f"'{shorten(value)}' không phải mã máy"
        return None

    return check


def _json_field() -> Check:
    """The ``extra`` column: JSON text of an object whose values are scalars."""

    def check(value: Any) -> str | None:
        if type(value) is not str:
            return _type_problem(value, "chữ JSON")
        if value == "{}":
            return None
        if (problem := _length_problem(value, MAX_EXTRA_CHARS)) is not None:
            return problem
        try:
            data = strict_json(value)
        except ValueError:
            return "không phải JSON hợp lệ"
        if type(data) is not dict:
            return f"cần một đối tượng JSON, gặp {kind_name(data)}"
        if len(data) > MAX_EXTRA_KEYS:
            return f"{format_int(len(data))} chỉ số, tối đa {MAX_EXTRA_KEYS}"
        for key, item in data.items():
            if len(key) > 64 or CONTROL.search(key):
                return f"tên chỉ số '{shorten(key)}' không hợp lệ"
            if type(item) in (list, dict):
                return f"chỉ số '{shorten(key)}' là {kind_name(item)}, cần một giá trị đơn"
            if type(item) is int and abs(item) > MAX_SEQ:
                return f"chỉ số '{shorten(key)}' có số quá lớn"
            if type(item) is str and len(item) > MAX_NOTE_CHARS:
                return f"chỉ số '{shorten(key)}' dài quá {format_int(MAX_NOTE_CHARS)} ký tự"
        return None

    return check


# Per kind of rule, the level of indicator it needs (validate_rule checks the pairing).
_RULE_LEVELS = {"household_share": "household", "household_count": "household",
                "below_ward_rate": "household", "group_value": "group",
                "consecutive_years": "group"}


def _rule_field() -> Check:
    """A criterion's rule: JSON text that validate_rule would store unchanged."""

    def check(value: Any) -> str | None:
        if type(value) is not str:
            return _type_problem(value, "chữ JSON")
        if (problem := _length_problem(value, MAX_NOTE_CHARS)) is not None:
            return problem
        try:
            data = strict_json(value)
        except ValueError:
            return "quy tắc không phải JSON hợp lệ"
        if type(data) is not dict:
            return f"quy tắc cần một đối tượng JSON, gặp {kind_name(data)}"
        kind, code = data.get("kind", "manual"), data.get("indicator")
        if type(kind) is not str or kind not in RULE_KINDS:
            return "loại quy tắc không hợp lệ"
        if kind != "manual" and (type(code) is not str or not code.isidentifier()
                                 or len(code) > 64):
            return "quy tắc không ghi mã chỉ số hợp lệ"
        # The indicator's existence is the receiver's business (it may come in the same
        # package); its level is assumed right here, so validate_rule judges the rest.
        indicators: dict[str, Indicator] = {}
        if kind != "manual" and type(code) is str:  # a str for every such kind, checked above
            indicators[code] = Indicator(code, code, _RULE_LEVELS[kind], "int", None)
        op = data.get("op", ">=")
        if kind in ("household_share", "household_count", "group_value") and (
                type(op) is not str or op not in OPERATORS
                or type(data.get("threshold", 0)) not in (int, float)):
            return "quy tắc có phép so sánh hoặc ngưỡng không hợp lệ"
        if "years" in data and type(data["years"]) is not int:
            return "số năm liên tục cần là số nguyên"
        try:
            cleaned = validate_rule(data, indicators)
        except ValidationError as error:
            return str(error).rstrip(".")
        except (TypeError, ValueError, OverflowError):
            return "quy tắc có giá trị sai kiểu"
        if abs(float(cleaned.get("threshold", 0))) > MAX_THRESHOLD:
            return f"ngưỡng vượt quá {format_int(MAX_THRESHOLD)}"
        if cleaned != data:
            return "quy tắc có trường thừa hoặc sai kiểu"
        return None

    return check


def _birth_year(this_year: int, youngest_age: int) -> Check:
    # The forms accept this_year - 120 .. this_year - age at the time of entry; the lower end
    # moves up every year, so a row entered years ago is held to the program's own limit of
    # an impossible year instead (EARLIEST_BIRTH_YEAR), and the sender's clock may be a year
    # ahead of this one.
    return _int_field(EARLIEST_BIRTH_YEAR, this_year + 1 - youngest_age, null=True)


_ID = _id_field()
_ID_OR_NONE = _id_field(null=True)
_YEAR = _int_field(MIN_YEAR, MAX_YEAR)
_YEAR_OR_NONE = _int_field(MIN_YEAR, MAX_YEAR, null=True)
_FLAG = _choice_field((0, 1))
_POSITION = _int_field(0, 100_000)
_DATE = _date_field()
_NOTE = _text_field(MAX_NOTE_CHARS)
_NAME = _text_field(MAX_NAME_CHARS, empty=False)
_NAME_OR_EMPTY = _text_field(MAX_NAME_CHARS)
_TITLE = _text_field(MAX_TITLE_CHARS, empty=False)
_CODE = _text_field(MAX_CODE_CHARS)
_KEY = _text_field(MAX_KEY_CHARS, form="key")
_LONG = _text_field(MAX_LONG_TEXT_CHARS, form="lines")
_GENDER = _choice_field(("nam", "nu"), null=True)
_STAGES = ("self", "ward", "city")
_ETHNICITY = _choice_field(tuple(group.code for group in ethnic_groups()), null=True)
# Built-in indicators read these columns (storage/criteria.py); a column name is SQL.
_INDICATOR_COLUMNS = {"household": frozenset(HOUSEHOLD_FLAGS),
                      "group": frozenset({*FLAG_FIELDS, *COUNT_FIELDS})}

_SYNC_CHECKS: dict[str, Check] = {
    "owner_unit_id": _ID_OR_NONE,
    "modified_at": _stamp_field(),
    "modified_site": _site_field(),
    "change_seq": _int_field(0, MAX_SEQ),
    "deleted_at": _stamp_field(null=True),
}


def _specs(this_year: int) -> dict[str, dict[str, Check]]:
    """Per table, every travelling column and its check (the sync columns are added after)."""
    return {
        "units": {
            "id": _ID, "parent_id": _ID_OR_NONE,
            "kind": _choice_field(("city", "phuong", "xa", "tdp", "ban")), "name": _NAME,
            "short_name": _NAME_OR_EMPTY, "code": _text_field(MAX_CODE_CHARS, form="plain"),
            "valid_from": _YEAR, "valid_to": _YEAR_OR_NONE, "name_key": _KEY, "sort_key": _KEY,
            "is_synthetic": _FLAG,
        },
        "lineage_events": {
            "id": _ID,
            "kind": _choice_field(("split", "merge", "rename", "move", "create", "dissolve")),
            "event_date": _DATE, "effective_year": _YEAR, "legal_basis": _NOTE, "note": _NOTE,
        },
        "indicators": {
            # add_indicator checks the code only; the name may be empty there.
            "code": _text_field(64, empty=False, form="plain"),
            "name": _text_field(MAX_TITLE_CHARS),
            "level": _choice_field(("household", "group")),
            "value_type": _choice_field(("bool", "int", "text")),
            "column_name": _choice_field(sorted(set().union(*_INDICATOR_COLUMNS.values())),
                                         null=True),
            "note": _NOTE,
        },
        "frameworks": {
            "id": _ID, "name": _TITLE, "version": _int_field(1, 10_000), "year_from": _YEAR,
            "year_to": _YEAR_OR_NONE, "legal_basis": _NOTE,
            "pass_rule": _choice_field(("all_required", "points")),
            "pass_mark": _real_field(0, MAX_THRESHOLD, null=True), "copied_from_id": _ID_OR_NONE,
        },
        "standards": {
            "id": _ID, "framework_id": _ID, "code": _CODE, "name": _TITLE, "position": _POSITION,
        },
        "criteria": {
            "id": _ID, "standard_id": _ID, "code": _CODE, "name": _TITLE, "position": _POSITION,
            "required": _FLAG, "points": _real_field(0, MAX_POINTS), "rule": _rule_field(),
        },
        "households": {
            "id": _ID, "group_id": _ID, "head_name": _NAME, "head_gender": _GENDER,
            "head_birth_year": _birth_year(this_year, HEAD_MIN_AGE), "ethnicity_code": _ETHNICITY,
            "address": _text_field(MAX_ADDRESS_CHARS), "phone": _text_field(20),
            "member_count": _int_field(1, MAX_MEMBER_COUNT), "note": _NOTE,
            "head_name_key": _KEY, "head_sort_key": _KEY, "search_key": _KEY,
            "address_sort_key": _KEY, "first_year": _YEAR_OR_NONE,
        },
        "household_members": {
            "id": _ID, "household_id": _ID, "full_name": _NAME, "relation": _text_field(100),
            "gender": _GENDER, "birth_year": _birth_year(this_year, 0),
            "ethnicity_code": _ETHNICITY, "name_key": _KEY, "position": _POSITION,
        },
        "household_years": {
            "household_id": _ID, "year": _YEAR, "group_id": _ID,
            **{flag: _FLAG for flag in HOUSEHOLD_FLAGS},
            "poverty": _choice_field(("", "poor", "near_poor")), "extra": _json_field(),
        },
        "group_years": {
            "group_id": _ID, "year": _YEAR,
            "party_cell_rating": _choice_field(tuple(PARTY_CELL_RATINGS)),
            **{flag: _FLAG for flag in FLAG_FIELDS},
            **{count: _int_field(0, MAX_GROUP_COUNT) for count in COUNT_FIELDS},
            "economic_models": _LONG, "ocop_products": _LONG, "extra": _json_field(),
        },
        "group_officers": {
            "id": _ID, "group_id": _ID, "year": _YEAR, "role": _NAME, "full_name": _NAME,
            "name_key": _KEY,
        },
        "registrations": {
            "id": _ID, "group_id": _ID, "year": _YEAR, "registered_on": _DATE, "note": _NOTE,
        },
        "evaluations": {
            "id": _ID, "group_id": _ID, "year": _YEAR, "framework_id": _ID_OR_NONE,
            "stage": _choice_field((*_STAGES, "decided")), "proposed": _FLAG,
        },
        "evaluation_answers": {
            "id": _ID, "evaluation_id": _ID, "criterion_id": _ID,
            "stage": _choice_field(_STAGES), "passed": _choice_field((0, 1), null=True),
            "value": _real_field(0, 10**9, null=True),
            "evidence": _text_field(MAX_NOTE_CHARS, form="plain"), "note": _NOTE,
        },
        "stage_approvals": {
            "id": _ID, "evaluation_id": _ID, "stage": _choice_field(_STAGES),
            "action": _choice_field(("approve", "reopen")),
            "actor": _text_field(MAX_NAME_CHARS, form="plain"), "at": _stamp_field(),
            "note": _NOTE,
        },
        "decisions": {
            "id": _ID, "unit_id": _ID, "year": _YEAR, "number": _text_field(100, empty=False),
            "signed_on": _DATE, "signer_name": _NAME_OR_EMPTY, "signer_title": _NAME_OR_EMPTY,
            "issuing_body": _text_field(MAX_TITLE_CHARS),
        },
        "recognitions": {
            "id": _ID, "group_id": _ID, "year": _YEAR, "decision_id": _ID_OR_NONE,
            "kind": _choice_field(("new", "maintained")),
        },
        "certificates": {
            "id": _ID, "recognition_id": _ID,
            "register_number": _text_field(100, empty=False, form="plain"),
            "issued_on": _DATE, "reprint_of_id": _ID_OR_NONE,
        },
        "targets": {
            "id": _ID, "unit_id": _ID, "kind": _choice_field(("year", "plan")),
            "year_from": _YEAR, "year_to": _YEAR, "recognised_groups": _int_field(0, 100_000),
            "note": _NOTE,
        },
    }


# Columns a row must carry: its key, the sync columns and what the schema needs a value for.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    name: (*columns, *_SYNC_CHECKS) for name, columns in {
        "units": ("id", "kind", "name", "valid_from"),
        "lineage_events": ("id", "kind", "event_date", "effective_year"),
        "indicators": ("code", "name", "level", "value_type"),
        "frameworks": ("id", "name", "year_from"),
        "standards": ("id", "framework_id", "code", "name"),
        "criteria": ("id", "standard_id", "code", "name"),
        "households": ("id", "group_id", "head_name"),
        "household_members": ("id", "household_id", "full_name"),
        "household_years": ("household_id", "year", "group_id"),
        "group_years": ("group_id", "year"),
        "group_officers": ("id", "group_id", "year", "role", "full_name"),
        "registrations": ("id", "group_id", "year", "registered_on"),
        "evaluations": ("id", "group_id", "year"),
        "evaluation_answers": ("id", "evaluation_id", "criterion_id", "stage"),
        "stage_approvals": ("id", "evaluation_id", "stage", "action", "at"),
        "decisions": ("id", "unit_id", "year", "number", "signed_on"),
        "recognitions": ("id", "group_id", "year", "kind"),
        "certificates": ("id", "recognition_id", "register_number", "issued_on"),
        "targets": ("id", "unit_id", "kind", "year_from", "year_to", "recognised_groups"),
    }.items()
}

_REQUIRED_SETS = {table: frozenset(columns) for table, columns in REQUIRED_COLUMNS.items()}
_SPEC_CACHE: dict[int, dict[str, dict[str, Check]]] = {}
_YEAR_CACHE: list[float] = [-1e9, 0]  # [monotonic time read, year]


def _this_year() -> int:
    # Today's year, read again after a minute at most: rows are checked by the hundred
    # thousand, and the date only matters to birth years.
    now = time.monotonic()
    if now - _YEAR_CACHE[0] > 60:
        _YEAR_CACHE[:] = [now, dt.date.today().year]
    return int(_YEAR_CACHE[1])


def row_specs(this_year: int | None = None) -> dict[str, dict[str, Check]]:
    """Per table, every column's check (sync columns included), for ``this_year``."""
    year = this_year or _this_year()
    if year not in _SPEC_CACHE:
        _SPEC_CACHE[year] = {table: {**columns, **_SYNC_CHECKS}
                             for table, columns in _specs(year).items()}
    return _SPEC_CACHE[year]


# What a person reads for a column in a reason ("Số nhân khẩu: 'nhiều' …").
LABELS: dict[str, str] = {
    "id": "Mã bản ghi", "parent_id": "Đơn vị cấp trên", "kind": "Loại", "name": "Tên",
    "short_name": "Tên ngắn", "code": "Mã", "valid_from": "Năm bắt đầu",
    "valid_to": "Năm kết thúc", "is_synthetic": "Dữ liệu mẫu", "event_date": "Ngày",
    "effective_year": "Năm hiệu lực", "legal_basis": "Căn cứ", "note": "Ghi chú",
    "level": "Cấp", "value_type": "Kiểu", "column_name": "Cột", "version": "Phiên bản",
    "year_from": "Từ năm", "year_to": "Đến năm", "pass_rule": "Cách xét đạt",
    "pass_mark": "Điểm chuẩn", "copied_from_id": "Sao chép từ", "framework_id": "Bộ tiêu chí",
    "standard_id": "Tiêu chuẩn", "position": "Thứ tự", "required": "Bắt buộc",
    "points": "Điểm", "rule": "Quy tắc", "group_id": "Tổ dân phố/bản",
    "head_name": "Họ tên chủ hộ", "head_gender": "Giới tính chủ hộ",
    "head_birth_year": "Năm sinh chủ hộ", "ethnicity_code": "Dân tộc", "address": "Địa chỉ",
    "phone": "Điện thoại", "member_count": "Số nhân khẩu", "first_year": "Năm đầu tiên",
    "household_id": "Hộ", "full_name": "Họ tên", "relation": "Quan hệ với chủ hộ",
    "gender": "Giới tính", "birth_year": "Năm sinh", "year": "Năm",
    "poverty": "Nghèo/cận nghèo", "extra": "Chỉ số khác", **HOUSEHOLD_FLAGS,
    "party_cell_rating": "Xếp loại chi bộ", **FLAG_FIELDS, **COUNT_FIELDS,
    "economic_models": "Mô hình phát triển kinh tế", "ocop_products": "Sản phẩm OCOP",
    "role": "Chức danh", "registered_on": "Ngày đăng ký", "stage": "Bước",
    "proposed": "Đề nghị công nhận", "evaluation_id": "Phiếu đánh giá",
    "criterion_id": "Tiêu chí", "passed": "Đạt", "value": "Giá trị", "evidence": "Căn cứ tính",
    "action": "Thao tác", "actor": "Người thực hiện", "at": "Lúc", "unit_id": "Đơn vị",
    "number": "Số quyết định", "signed_on": "Ngày ký", "signer_name": "Người ký",
    "signer_title": "Chức vụ người ký", "issuing_body": "Cơ quan ban hành",
    "decision_id": "Quyết định", "recognition_id": "Công nhận",
    "register_number": "Số vào sổ", "issued_on": "Ngày cấp", "reprint_of_id": "Bản gốc",
    "recognised_groups": "Số tổ được công nhận", "owner_unit_id": "Đơn vị quản lý",
    "modified_at": "Thời điểm sửa", "modified_site": "Máy sửa", "change_seq": "Số thay đổi",
    "deleted_at": "Thời điểm xóa",
}


def _label(column: str) -> str:
    return LABELS.get(column, column)


def row_problem(table: str, row: Mapping[str, Any], *,
                this_year: int | None = None) -> str | None:
    """Why a row's values are not acceptable here, in Vietnamese; None for a good row.

    Each column is held to what the forms and the store accept (storage/households.py,
    groups.py, criteria.py, …): its type (a boolean is not a number), range, length, the
    values of an enum, the normal form of text, dates and times; then the rules between
    columns through the store's own validators (validate_household, validate_member,
    validate_group_year, validate_rule). A column the table does not have, or a required one
    missing, is a problem too. ``this_year`` (default: today's) bounds birth years.
    """
    year = this_year or _this_year()
    specs = row_specs(year).get(table)
    if specs is None:
        return f"bảng '{shorten(str(table))}' không có ở máy này"
    if not row.keys() <= specs.keys():
        unknown = next(column for column in row if column not in specs)
        return f"cột '{shorten(str(unknown))}' không có ở máy này"
    if not _REQUIRED_SETS[table] <= row.keys():
        missing = next(column for column in REQUIRED_COLUMNS[table] if column not in row)
        return f"thiếu {_label(missing)}"
    for column, value in row.items():
        problem = specs[column](value)
        if problem is not None:
            return f"{_label(column)}: {problem}"
    between = _BETWEEN.get(table)
    return between(row, year) if between is not None else None


# -- rules between the columns of a row ---------------------------------------------------------


def _validation(call: Callable[[], object]) -> str | None:
    try:
        call()
    except ValidationError as error:
        return str(error).rstrip(".")
    return None


def _years(row: Mapping[str, Any], first: str, last: str) -> str | None:
    if row.get(last) is not None and row.get(first) is not None and row[last] < row[first]:
        return f"{_label(last)} {row[last]} trước {_label(first).lower()} {row[first]}"
    return None


def _unit_rules(row: Mapping[str, Any], this_year: int) -> str | None:
    # The levels of the tree, as units.add places them (the parent's level is checked where
    # the tree is known, not here).
    if row["kind"] == "city" and row.get("parent_id") is not None:
        return "Thành phố không có đơn vị cấp trên"
    if row["kind"] != "city" and row.get("parent_id") is None:
        return "Phường, xã, tổ dân phố, bản phải có đơn vị cấp trên"
    return _years(row, "valid_from", "valid_to")


def _framework_rules(row: Mapping[str, Any], this_year: int) -> str | None:
    if row.get("pass_rule") == "points" and row.get("pass_mark") is None:
        return "Cách xét theo điểm cần điểm chuẩn"
    return _years(row, "year_from", "year_to")


def _target_rules(row: Mapping[str, Any], this_year: int) -> str | None:
    if row["kind"] == "year" and row["year_from"] != row["year_to"]:
        return "Chỉ tiêu năm chỉ áp dụng cho một năm"
    return _years(row, "year_from", "year_to")


def _household_rules(row: Mapping[str, Any], this_year: int) -> str | None:
    # The birth year is judged above (its lower end does not move with the years here).
    household = Household(
        group_id=row["group_id"], head_name=row["head_name"],
        head_gender=row.get("head_gender"), ethnicity_code=row.get("ethnicity_code"),
        address=row.get("address", ""), phone=row.get("phone", ""),
        member_count=row.get("member_count", 1), note=row.get("note", ""), id=row["id"])
    return _validation(lambda: validate_household(household, this_year))


def _member_rules(row: Mapping[str, Any], this_year: int) -> str | None:
    member = Member(row["full_name"], row.get("relation", ""), row.get("gender"), None,
                    row.get("ethnicity_code"), row["id"])
    return _validation(lambda: validate_member(member, this_year))


def _group_year_rules(row: Mapping[str, Any], this_year: int) -> str | None:
    values = {name: row[name] for name in GroupYear.__dataclass_fields__ if name in row}
    return _validation(lambda: validate_group_year(GroupYear(**values)))


def _indicator_rules(row: Mapping[str, Any], this_year: int) -> str | None:
    if not str(row["code"]).isidentifier():
        return "Mã chỉ số chỉ gồm chữ không dấu, số và dấu gạch dưới"
    column = row.get("column_name")
    if column is not None and column not in _INDICATOR_COLUMNS[row["level"]]:
        return f"Cột '{column}' không thuộc số liệu cấp {row['level']}"
    return None


_BETWEEN: dict[str, Callable[[Mapping[str, Any], int], str | None]] = {
    "units": _unit_rules,
    "frameworks": _framework_rules,
    "targets": _target_rules,
    "households": _household_rules,
    "household_members": _member_rules,
    "group_years": _group_year_rules,
    "indicators": _indicator_rules,
}
