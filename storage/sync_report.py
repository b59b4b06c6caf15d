"""The import report saved as a file beside a package: counts and reasons, no personal names.

The file lies on the USB stick or in the mail folder beside the package, unencrypted, so it
names households and people only by a non-personal reference (the record's table, the first
characters of its id, its group) and leaves out every value a person's row holds. The full
report, with names, stays inside the database (``sync_packages.report``) and in the dialog.

No Qt here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.sync import ImportPlan

# Tables whose rows are about a person (names, birth years, poverty, officers): a rejection of
# one of them is written by reference only. Every other travelling table is named as the full
# report names it (units, frameworks, evaluations, decisions: the public life of a group).
PERSONAL_TABLES = frozenset({"households", "household_members", "household_years",
                             "group_officers"})
# The columns of those tables that hold what a person is called or where they live; their
# values are scrubbed from every line of the file, whatever line quotes them.
PERSONAL_COLUMNS = ("head_name", "full_name", "phone")
REFERENCE_CHARS = 8
# Quoted values in a reason ('Nguyễn Văn An' không đúng dạng): the value goes, the reason stays.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|«[^»]*»|“[^”]*”")
_HIDDEN = "…"


def rejection_reference(table: str, row: Mapping[str, Any],
                        unit_names: Mapping[str, str]) -> str:
    """A non-personal name of a rejected row: what it is, its id's first characters, its group.

    ("Hộ gia đình mã 1a2b3c4d, Tổ dân phố số 3", "Nhân khẩu mã 5e6f7a8b của hộ mã 1a2b3c4d").
    For storage.sync to put beside the personal description of a rejection.
    """
    from storage.sync import TABLES

    label = next((spec.label for spec in TABLES if spec.name == table), table)
    parts = [label]
    if row.get("year"):
        parts[0] += f" năm {row['year']}"
    record_id = row.get("id")
    if record_id and table != "household_years":
        parts[0] += f" mã {_short_id(record_id)}"
    if row.get("household_id"):
        parts[0] += f" của hộ mã {_short_id(row['household_id'])}"
    group = unit_names.get(str(row.get("group_id") or ""))
    if group:
        parts.append(group)
    return ", ".join(parts)


def file_report(plan: ImportPlan, heading: str = "") -> str:
    """The report of ``plan`` for the file beside the package (see the module's docstring).

    ``heading`` (which machine imported it, when) comes first.
    """
    from storage.sync import TABLES

    lines = [heading] if heading else []
    lines += [
        "Báo cáo này không ghi tên người: hộ và nhân khẩu được gọi bằng mã. Báo cáo đầy đủ nằm"
        " trong chương trình (sổ các gói đã nhập).",
        "",
    ]
    lines += plan.summary_lines()
    if plan.rejections and not plan.already_imported_at:
        lines.append("")
        lines.append(f"Bị từ chối ({_format_int(len(plan.rejections))}):")
        labels = {spec.name: spec.label for spec in TABLES}
        ordinal: dict[str, int] = {}
        for rejection in plan.rejections:
            ordinal[rejection.table] = ordinal.get(rejection.table, 0) + 1
            lines.append(f"  - {_reference(rejection, labels, ordinal[rejection.table])}:"
                         f" {_reason(rejection)}")
    return _scrub("\n".join(lines), _personal_values(plan))


def _reference(rejection: Any, labels: Mapping[str, str], number: int) -> str:
    reference = str(getattr(rejection, "reference", "") or "")
    if reference:
        return reference
    if rejection.table in PERSONAL_TABLES:
        # No reference given: the place in the list is all that is said.
        return f"{labels.get(rejection.table, rejection.table)} thứ {number} bị từ chối"
    return str(rejection.record)


def _reason(rejection: Any) -> str:
    reason = str(rejection.reason)
    if rejection.table in PERSONAL_TABLES:
        reason = _QUOTED.sub(_HIDDEN, reason)
    return reason


def _personal_values(plan: ImportPlan) -> set[str]:
    """Every name and phone number the package brings (rows written), and the names in the
    personal descriptions of the rejected rows."""
    values: set[str] = set()
    for table, rows in plan.writes.items():
        if table not in PERSONAL_TABLES:
            continue
        for row in rows:
            for column in PERSONAL_COLUMNS:
                value = row.get(column)
                if isinstance(value, str) and _identifying(value):
                    values.add(value.strip())
    for rejection in plan.rejections:
        if rejection.table in PERSONAL_TABLES:
            values.update(name for name in _names_in_description(str(rejection.record))
                          if _identifying(name))
    return values


def _identifying(value: str) -> bool:
    # A full name has two words or more, a phone number digits; a single word ("An") is
    # also an ordinary word of a reason and is not scrubbed.
    value = value.strip()
    return len(value.split()) >= 2 or (len(value) >= 6 and any(ch.isdigit() for ch in value))


def _names_in_description(description: str) -> Iterable[str]:
    # storage.sync's descriptions: "Hộ NAME (GROUP)", "LABEL năm Y của hộ NAME".
    match = re.match(r"^Hộ (.+?) \(", description)
    if match:
        yield match.group(1)
    match = re.search(r"của hộ (.+)$", description)
    if match:
        yield match.group(1)


def _scrub(text: str, values: set[str]) -> str:
    # Longest first: a name inside a longer name goes with the longer one. Whole words only:
    # a short name ("An") does not eat "An toàn".
    for value in sorted(values, key=len, reverse=True):
        if value in text:
            text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", _HIDDEN, text)
    return text


def _short_id(value: object) -> str:
    return str(value)[:REFERENCE_CHARS]


def _local_time(utc_text: str) -> str:
    """'2026-11-27T08:05:00.000Z' as local 'dd/mm/yyyy hh:mm'."""
    try:
        moment = dt.datetime.strptime(utc_text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return utc_text
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def _format_int(number: int) -> str:
    from storage.text import format_int

    return format_int(number)
