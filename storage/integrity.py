"""Is the data sound? A quick check at start, a full check, and the repair of what is safe.

- ``check_at_start(path)``: before the program opens a file. SQLite's ``PRAGMA quick_check``
  inside a read transaction decides. A damaged file is never written to: it is set aside under
  a new name (``<name>.damaged-<time>``, never deleted), only while no other program has it
  open, and the newest good backup is named. An empty file that had data is treated alike.
- ``full_check(store)``: ``PRAGMA integrity_check`` and ``foreign_key_check``, the audit
  trail's hash chain, the full-text index against the households, and the program's own
  rules: no orphans (members or statuses of missing households, households outside a group),
  no impossible values (birth years in the future, fewer than one person in a household,
  evaluations without a framework…), derived keys that match the data they come from.
- ``repair(store)``: fixes only what is derived from other data and can be computed again
  (the search index, sort and search keys, a household's first year), after a backup, in one
  action. Running it again finds nothing to do and writes nothing.

Findings carry a Vietnamese message (shown as it is by the GUI and the command line), a
severity, and whether they were repaired. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.backup import (
    SIDE_SUFFIXES,
    BackupInfo,
    make_backup,
    newest_good_backup,
)
from storage.file_identity import (
    APPLICATION_ID,
    foreign_message,
    header_application_id,
    lost_empty_file,
    open_to_read,
)
from storage.instance_lock import alone_with
from storage.model import GROUP_KINDS, WARD_KINDS, Household
from storage.text import fold, person_sort_key

_log = logging.getLogger("tuquan.integrity")

if TYPE_CHECKING:
    from storage.store import Action, Store

Progress = Callable[[int, str], None]

ERROR = "error"
WARNING = "warning"
SEVERITY_LABELS = {ERROR: "Lỗi", WARNING: "Cảnh báo"}
# Birth years before this are not a person alive in the records' time.
EARLIEST_BIRTH_YEAR = 1850
# How many record ids a finding lists as examples.
EXAMPLES = 5


@dataclass(frozen=True)
class Finding:
    """One kind of problem found, with how many records have it."""

    code: str
    severity: str
    message: str
    count: int = 1
    repairable: bool = False
    repaired: bool = False
    examples: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The message with a few record ids, as printed by the command line."""
        if not self.examples:
            return self.message
        more = ", …" if self.count > len(self.examples) else ""
        return f"{self.message} (ví dụ: {', '.join(self.examples)}{more})"


def problems_remaining(findings: list[Finding]) -> list[Finding]:
    """The findings that were not repaired."""
    return [finding for finding in findings if not finding.repaired]


# -- the check at start ----------------------------------------------------------------------


@dataclass(frozen=True)
class StartCheck:
    """What the check at start found: ``problem`` is None for a sound (or new) file.

    For a damaged file, ``set_aside`` is where it now is (None when it was left in place, see
    ``in_use`` and ``foreign``) and ``backup`` the newest backup that passes the quick check
    (None when there is none).
    """

    path: Path
    problem: str | None = None
    set_aside: Path | None = None
    backup: BackupInfo | None = None
    # Damaged, but another program has it open: left in place (``set_aside`` is None).
    in_use: bool = False
    # Another program's file (its header carries another application id): left alone.
    foreign: bool = False

    @property
    def ok(self) -> bool:
        """Whether the file may be opened."""
        return self.problem is None


def quick_check_file(path: Path) -> str | None:
    """What SQLite says is wrong with the database file ``path``: None when it is sound, does
    not exist yet, is empty, or cannot be read for another reason than damage (busy, a drive
    error, a read-only folder: opening the store explains those). Nothing is written to it.

    Only SQLite decides, inside one read transaction (``BEGIN``, then ``PRAGMA
    quick_check``): it sees the file as one consistent snapshot, whatever another program is
    writing or checkpointing meanwhile. (Comparing the header's page count with the file's
    size outside such a lock took a checkpoint in progress for a truncated file; SQLite makes
    that comparison itself, under its lock, and reports a shortfall as damage.)
    """
    return _check_file(Path(path), partial_page=False)


def _check_file(path: Path, *, partial_page: bool) -> str | None:
    """quick_check_file(); with ``partial_page`` also a file cut inside its last page.

    SQLite reads a cut last page as if its missing end were zeros and reports nothing, so the
    size is looked at too, but only when the caller knows no program of its own writes the
    file: a write that extends the file can show a size between two pages for a moment. The
    size must then stay the same across the whole read transaction.
    """
    try:
        if path.stat().st_size == 0:
            return None
    except OSError:
        return None  # gone meanwhile (a new file), or unreadable: not evidence of damage
    try:
        connection = open_to_read(path)
    except sqlite3.Error as error:
        return _damage(error, path)
    try:
        connection.execute("BEGIN")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # the snapshot
        size_before = _size(path)
        rows = connection.execute("PRAGMA quick_check").fetchall()
        size_after = _size(path)
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        return _damage(error, path)
    finally:
        connection.close()
    # Values breaking a CHECK or NOT NULL rule are bad data (the full check names the
    # records), not a damaged file; a read-only connection does not even look for them.
    damage = [str(row[0]) for row in rows
              if row[0] != "ok" and not str(row[0]).startswith(_VALUE_PROBLEMS)]
    if damage:
        return ("kiểm tra nhanh của SQLite báo lỗi: " + "; ".join(damage[:3])
                + _truncation(path))
    if (partial_page and size_before == size_after and size_before is not None
            and page_size and size_before % page_size):
        return "tệp bị cắt cụt (độ dài không phải bội số của một trang)"
    return None


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _suspect_size(path: Path) -> bool:
    """Whether the file's size falls between two pages (a hint, proving nothing alone)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return False
    page_size = int.from_bytes(header[16:18], "big") if len(header) >= 18 else 0
    page_size = 65536 if page_size == 1 else page_size
    return page_size >= 512 and not page_size & (page_size - 1) and bool(size % page_size)


# How SQLite's checks begin a line about a value rather than about the file's structure.
_VALUE_PROBLEMS = ("CHECK constraint", "NULL value")
# SQLite's primary result codes that mean the file itself is damaged (SQLITE_CORRUPT and
# SQLITE_NOTADB); every other failure (busy, locked, I/O, cannot open) says nothing about it.
_DAMAGE_CODES = {11, 26}


def _damage(error: sqlite3.Error, path: Path) -> str | None:
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(code, int) or code & 0xFF not in _DAMAGE_CODES:
        return None
    if code & 0xFF == 26:
        return "không phải tệp cơ sở dữ liệu SQLite (phần đầu tệp bị hỏng)"
    return f"SQLite không đọc được tệp ({error}){_truncation(path)}"


def _truncation(path: Path) -> str:
    """"; tệp bị cắt cụt (…)" when the header names more pages than the file holds.

    Only a description of damage SQLite found: on its own it proves nothing (a checkpoint in
    progress makes the header run ahead of the file for a moment).
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return ""
    if len(header) < 100:
        return ""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return ""
    pages = int.from_bytes(header[28:32], "big")
    if header[92:96] == header[24:28] and pages * page_size > size:
        return f"; tệp bị cắt cụt (thiếu {-(-(pages * page_size - size) // page_size)} trang)"
    return ""


def _start_problem(path: Path, *, alone: bool) -> str | None:
    if lost_empty_file(path):
        return ("tệp rỗng (0 byte) dù bên cạnh đã có bản sao lưu hoặc thay đổi của nó: dữ liệu"
                " trong tệp đã mất")
    return _check_file(path, partial_page=alone)


def set_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm) to ``<name>.damaged-<time>``; never delete.

    The -wal keeps its place beside the renamed file (``<name>.damaged-<time>-wal``) so the
    pair can still be opened together for a rescue.
    """
    path = Path(path)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    for suffix in SIDE_SUFFIXES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            side.replace(f"{target}{suffix}")
    path.replace(target)
    return target


def check_at_start(path: Path, now: dt.datetime | None = None) -> StartCheck:
    """Check ``path`` before opening it; a damaged file is set aside (see StartCheck).

    A file is set aside only when SQLite says it is damaged (or it is an empty file that had
    data, see ``lost_empty_file``), checked again while no other program can have it open:
    this process holds its instance lock, or takes it for the moment. While another program
    (the app) has it open nothing is renamed: ``in_use`` says so. Another program's damaged
    file is never renamed either (``foreign``).
    """
    path = Path(path)
    # Without a lock first: a sound file (nearly always) needs no lock file made beside it.
    if _start_problem(path, alone=False) is None and not _suspect_size(path):
        return StartCheck(path)
    if header_application_id(path) not in (None, 0, APPLICATION_ID):
        # The header still says whose it is: another program's file, damaged or not.
        return StartCheck(path, foreign_message(path), foreign=True)
    with alone_with(path) as alone:
        # Again, now that nothing of the program's can write it meanwhile (or knowing that
        # the program has it open: then nothing is renamed).
        problem = _start_problem(path, alone=alone)
        if problem is None:
            return StartCheck(path)
        if not alone:
            return StartCheck(path, problem, backup=newest_good_backup(path), in_use=True)
        moved = set_aside(path, now)
    return StartCheck(path, problem, moved, newest_good_backup(path))


def damaged_message(result: StartCheck) -> str:
    """The command line's explanation of a damaged file: what happened and what to type."""
    if result.foreign:
        return str(result.problem)
    lines = [f"Tệp dữ liệu {result.path} bị hỏng: {result.problem}."]
    if result.set_aside is not None:
        lines.append(f"Tệp hỏng đã được để riêng (không xóa, không ghi đè): {result.set_aside}")
    else:
        lines.append("Tệp đang được mở trong chương trình Tự Quản nên chưa được để riêng (không"
                     " đổi tên, không ghi). Hãy đóng chương trình rồi chạy lại lệnh.")
    if result.backup is not None:
        lines += [
            "Bản sao lưu tốt gần nhất: "
            f"{result.backup.path} ({result.backup.made_at:%d/%m/%Y %H:%M}).",
            "Khôi phục bằng lệnh:",
            f'  python main.py restore --db "{result.path}" "{result.backup.path}"',
        ]
    else:
        lines.append("Không tìm thấy bản sao lưu nào còn tốt bên cạnh tệp này.")
    if result.set_aside is not None:
        lines.append("/ The database file is damaged; it was set aside.")
    else:
        lines.append("/ The database file is damaged; it is open in Tự Quản, so it was left"
                     " in place.")
    return "\n".join(lines)


# -- the full check --------------------------------------------------------------------------


def full_check(store: Store, progress: Progress | None = None) -> list[Finding]:
    """Every check on an open store; an empty list when the data is sound."""
    report = progress or (lambda _percent, _text: None)
    findings: list[Finding] = []
    steps = _CHECKS
    for number, (label, check) in enumerate(steps):
        report(number * 100 // len(steps), label)
        try:
            findings += check(store)
        except sqlite3.DatabaseError as error:
            # A damaged page can make any query fail: say which check could not run.
            findings.append(Finding("check_failed", ERROR,
                                    f"Không kiểm tra được ({label.lower()}): {error}"))
    report(100, "")
    return findings


def repair(store: Store, progress: Progress | None = None) -> list[Finding]:
    """Check, then repair what is safe, in one action after a backup ("before-repair").

    Returns the findings with ``repaired`` set on those fixed. When nothing is repairable
    nothing is written at all (no backup, no action, no change number).
    """
    report = progress or (lambda _percent, _text: None)
    findings = full_check(store, lambda percent, text: report(percent * 8 // 10, text))
    # The search index last: it is rebuilt from the keys repaired before it.
    codes = [code for code in _REPAIRS if any(f.code == code and f.repairable
                                              for f in findings)]
    if not codes:
        report(100, "")
        _log.info("repaired %s: nothing repairable (%d findings)", store.path, len(findings))
        return findings
    report(80, "Sao lưu trước khi sửa")
    if store.path is not None:
        make_backup(store, "before-repair")
    report(90, "Sửa lỗi")
    fixed: set[str] = set()
    with store.action("Sửa lỗi dữ liệu (kiểm tra dữ liệu)") as action:
        for code in codes:
            if _REPAIRS[code](store, action):
                fixed.add(code)
    report(100, "")
    _log.info("repaired %s: %s", store.path, ", ".join(sorted(fixed)) or "nothing")
    return [replace(f, repaired=True) if f.code in fixed else f for f in findings]


# -- SQLite's own checks ---------------------------------------------------------------------


def _sqlite_integrity(store: Store) -> list[Finding]:
    rows = [row[0] for row in store.db.execute("PRAGMA integrity_check(100)").fetchall()]
    if rows == ["ok"]:
        return []
    # integrity_check also reports values breaking a CHECK or NOT NULL rule: bad data, not a
    # damaged file (the program's own checks below say which records).
    values = [row for row in rows if row.startswith(_VALUE_PROBLEMS)]
    damage = [row for row in rows if row not in values]
    findings = []
    if damage:
        findings.append(Finding(
            "sqlite_integrity", ERROR, "Cấu trúc tệp dữ liệu bị hỏng (PRAGMA integrity_check)."
            " Hãy khôi phục từ bản sao lưu gần nhất.", len(damage),
            examples=tuple(damage[:EXAMPLES])))
    if values:
        findings.append(Finding(
            "constraint_values", ERROR, f"{len(values)} dòng có giá trị trái với ràng buộc của"
            " dữ liệu (ghi bởi công cụ khác ngoài chương trình).", len(values),
            examples=tuple(values[:EXAMPLES])))
    return findings


# References that the program's own checks below explain better than a bare foreign key.
_EXPLAINED_REFERENCES = {("household_members", "households"), ("household_years", "households"),
                         ("households", "units"), ("household_years", "units"),
                         ("evaluations", "frameworks")}


def _foreign_keys(store: Store) -> list[Finding]:
    counts: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in store.db.execute("PRAGMA foreign_key_check").fetchall():
        counts[(table, parent)] = counts.get((table, parent), 0) + 1
    return [
        Finding("foreign_key", ERROR,
                f"{count} dòng của bảng {table} trỏ tới bản ghi không có trong bảng {parent}.",
                count)
        for (table, parent), count in sorted(counts.items())
        if (table, parent) not in _EXPLAINED_REFERENCES
    ]


def _audit_chain(store: Store) -> list[Finding]:
    problems = store.verify_audit_chain()
    if not problems:
        return []
    return [Finding("audit_chain", ERROR,
                    "Nhật ký thay đổi bị sửa hoặc bị xóa mục (chuỗi băm không khớp). Không sửa"
                    " tự động được: hãy báo cho quản trị và so với bản sao lưu.",
                    len(problems), examples=tuple(problems[:EXAMPLES]))]


_SEARCH_TRIGGERS = ("households_fts_insert", "households_fts_delete", "households_fts_update")


def _search_index(store: Store) -> list[Finding]:
    present = {row[0] for row in store.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    missing = [name for name in _SEARCH_TRIGGERS if name not in present]
    findings = []
    if missing:
        findings.append(Finding(
            "search_triggers", ERROR,
            "Thiếu phần tự cập nhật chỉ mục tìm kiếm hộ: hộ thêm hoặc sửa sau này sẽ không tìm"
            " thấy được. Hãy khôi phục từ bản sao lưu hoặc báo cho quản trị.", len(missing),
            examples=tuple(missing)))
    try:
        # rank 1: also compare the index with its content table (households). The command is
        # written as an INSERT but changes nothing, so an account that may not write runs it.
        with store.unrestricted():
            store.db.execute(
                "INSERT INTO households_fts(households_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as error:
        if "malformed" not in str(error) and "corrupt" not in str(error):
            raise
        findings.append(Finding(
            "search_index", WARNING,
            "Chỉ mục tìm kiếm hộ không khớp với danh sách hộ (tìm kiếm có thể sót hoặc thừa kết"
            " quả). Sửa được: dựng lại chỉ mục.", repairable=True))
    return findings


def _repair_search_index(store: Store, action: Action) -> bool:
    store.db.execute("INSERT INTO households_fts(households_fts) VALUES ('rebuild')")
    action.audit("households_fts", "households_fts", "update", {"rebuilt": True})
    return True


# -- the program's own rules: orphans --------------------------------------------------------


def _count_and_examples(store: Store, sql: str, params: list[Any] | None = None
                        ) -> tuple[int, tuple[str, ...]]:
    rows = store.db.execute(sql, params or []).fetchall()
    return len(rows), tuple(str(row[0]) for row in rows[:EXAMPLES])


def _finding(store: Store, code: str, severity: str, message: str, sql: str,
             params: list[Any] | None = None) -> list[Finding]:
    count, examples = _count_and_examples(store, sql, params)
    if not count:
        return []
    return [Finding(code, severity, message.format(count=count), count, examples=examples)]


def _orphans(store: Store) -> list[Finding]:
    groups = ", ".join(f"'{kind}'" for kind in GROUP_KINDS)
    wards = ", ".join(f"'{kind}'" for kind in WARD_KINDS)
    return [
        *_finding(store, "orphan_members", ERROR,
                  "{count} thành viên thuộc về hộ không còn trong dữ liệu.",
                  "SELECT m.id FROM household_members m LEFT JOIN households h"
                  " ON h.id = m.household_id WHERE h.id IS NULL"),
        *_finding(store, "orphan_statuses", ERROR,
                  "{count} dòng tình trạng hằng năm thuộc về hộ không còn trong dữ liệu.",
                  "SELECT hy.household_id || '/' || hy.year FROM household_years hy"
                  " LEFT JOIN households h ON h.id = hy.household_id WHERE h.id IS NULL"),
        *_finding(store, "household_not_in_group", ERROR,
                  "{count} hộ không thuộc một tổ dân phố hay bản (đơn vị không có, đã xóa"
                  " hoặc không phải tổ, bản).",
                  "SELECT h.id FROM households h LEFT JOIN units u ON u.id = h.group_id"
                  f" WHERE h.deleted_at IS NULL AND (u.id IS NULL OR u.kind NOT IN ({groups})"
                  " OR u.deleted_at IS NOT NULL)"),
        *_finding(store, "status_group_of_year", WARNING,
                  "{count} dòng tình trạng hằng năm ghi một tổ, bản không tồn tại trong năm đó.",
                  "SELECT hy.household_id || '/' || hy.year FROM household_years hy"
                  " LEFT JOIN units u ON u.id = hy.group_id"
                  " WHERE hy.deleted_at IS NULL AND (u.id IS NULL"
                  f" OR u.kind NOT IN ({groups}) OR u.valid_from > hy.year"
                  " OR (u.valid_to IS NOT NULL AND u.valid_to < hy.year))"),
        *_finding(store, "unit_parent", ERROR,
                  "{count} đơn vị đặt sai cấp (tổ, bản không nằm dưới phường, xã; phường, xã"
                  " không nằm dưới thành phố).",
                  "SELECT u.id FROM units u LEFT JOIN units p ON p.id = u.parent_id"
                  " WHERE u.deleted_at IS NULL AND ("
                  f" (u.kind IN ({groups}) AND (p.id IS NULL OR p.kind NOT IN ({wards})))"
                  f" OR (u.kind IN ({wards}) AND (p.id IS NULL OR p.kind <> 'city')))"),
        *_finding(store, "evaluation_framework", ERROR,
                  "{count} phiếu đánh giá không có bộ tiêu chí (hoặc bộ tiêu chí đã bị xóa).",
                  "SELECT e.id FROM evaluations e LEFT JOIN frameworks f"
                  " ON f.id = e.framework_id WHERE e.deleted_at IS NULL"
                  " AND (f.id IS NULL OR f.deleted_at IS NOT NULL)"),
    ]


# -- the program's own rules: impossible values ----------------------------------------------


def _impossible_values(store: Store) -> list[Finding]:
    this_year = dt.date.today().year
    born = [EARLIEST_BIRTH_YEAR, this_year]
    return [
        *_finding(store, "head_birth_year", WARNING,
                  f"{{count}} chủ hộ có năm sinh không thể có (sau năm {this_year} hoặc trước"
                  f" {EARLIEST_BIRTH_YEAR}).",
                  "SELECT id FROM households WHERE deleted_at IS NULL AND head_birth_year"
                  " IS NOT NULL AND (head_birth_year < ? OR head_birth_year > ?)", born),
        *_finding(store, "member_birth_year", WARNING,
                  f"{{count}} thành viên có năm sinh không thể có (sau năm {this_year} hoặc"
                  f" trước {EARLIEST_BIRTH_YEAR}).",
                  "SELECT id FROM household_members WHERE deleted_at IS NULL AND birth_year"
                  " IS NOT NULL AND (birth_year < ? OR birth_year > ?)", born),
        *_finding(store, "member_count", ERROR,
                  "{count} hộ có số nhân khẩu nhỏ hơn 1.",
                  "SELECT id FROM households WHERE member_count IS NULL OR member_count < 1"),
        *_finding(store, "status_year", WARNING,
                  f"{{count}} dòng tình trạng hằng năm ghi năm không hợp lý (trước 1945 hoặc"
                  f" sau {this_year + 1}).",
                  "SELECT household_id || '/' || year FROM household_years"
                  " WHERE deleted_at IS NULL AND (year < 1945 OR year > ?)", [this_year + 1]),
        *_finding(store, "group_year_values", WARNING,
                  "{count} hồ sơ tổ có số liệu âm hoặc số vụ hòa giải thành lớn hơn số vụ"
                  " tiếp nhận.",
                  "SELECT group_id || '/' || year FROM group_years WHERE deleted_at IS NULL"
                  " AND (mediation_settled > mediation_received OR security_team_size < 0"
                  " OR mediators < 0 OR mediation_received < 0 OR mediation_settled < 0"
                  " OR civilised_streets < 0 OR civilised_streets_failing < 0"
                  " OR clean_street_groups < 0 OR mass_complaints < 0 OR law_violations < 0"
                  " OR child_accident_deaths < 0)"),
        *_finding(store, "unit_years", ERROR,
                  "{count} đơn vị có năm kết thúc trước năm bắt đầu.",
                  "SELECT id FROM units WHERE valid_to IS NOT NULL AND valid_to < valid_from"),
        *_finding(store, "change_counter", ERROR,
                  "Bộ đếm thay đổi của máy này nhỏ hơn số thay đổi đã ghi trong nhật ký ({count}"
                  " mục): thay đổi mới có thể không được gửi đi. Hãy báo cho quản trị.",
                  "SELECT id FROM audit_log WHERE site_id = ? AND change_seq > ?",
                  [store.site_id, store.change_seq]),
    ]


# -- the program's own rules: derived values (repairable) ------------------------------------


def _key_parts(key: str) -> list[str]:
    # Empty parts make no difference to a search ("a | | b" finds what "a | b" finds).
    return [part.strip() for part in key.split("|") if part.strip()]


def _members_by_household(store: Store) -> Iterator[tuple[str, list[str]]]:
    cursor = store.db.conn.execute(
        "SELECT household_id, full_name FROM household_members WHERE deleted_at IS NULL"
        " ORDER BY household_id, position")
    current: str | None = None
    names: list[str] = []
    for household_id, name in cursor:
        if household_id != current:
            if current is not None:
                yield current, names
            current, names = household_id, []
        names.append(name)
    if current is not None:
        yield current, names


def _household_key_changes(store: Store) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(id, new values, old values) of households whose derived keys do not match."""
    from storage.households import address_sort_key, search_key

    members = _members_by_household(store)
    pending = next(members, None)
    changes = []
    cursor = store.db.conn.execute(
        "SELECT id, group_id, head_name, address, phone, head_name_key, head_sort_key,"
        " search_key, address_sort_key FROM households ORDER BY id")
    for (household_id, group_id, head, address, phone, name_key, sort_key_, key,
         address_key) in cursor:
        while pending is not None and pending[0] < household_id:
            pending = next(members, None)
        names = pending[1] if pending is not None and pending[0] == household_id else []
        household = Household(group_id=group_id, head_name=head, address=address, phone=phone)
        wanted = {"head_name_key": fold(head), "head_sort_key": person_sort_key(head),
                  "address_sort_key": address_sort_key(address)}
        old = {"head_name_key": name_key, "head_sort_key": sort_key_,
               "address_sort_key": address_key}
        new = {name: value for name, value in wanted.items() if old[name] != value}
        canonical = search_key(household, names)
        if _key_parts(key) != _key_parts(canonical):
            new["search_key"] = canonical
        if new:
            changes.append((household_id, new, {name: (old | {"search_key": key})[name]
                                                for name in new}))
    return changes


def _name_key_changes(store: Store, table: str, name_column: str
                      ) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    from storage.units import unit_sort_key

    units = table == "units"
    columns = "id, name, name_key, sort_key" if units else f"id, {name_column}, name_key"
    changes = []
    for row in store.db.execute(f"SELECT {columns} FROM {table}"):
        wanted = {"name_key": fold(row[1])}
        old = {"name_key": row[2]}
        if units:
            wanted["sort_key"] = unit_sort_key(row[1])
            old["sort_key"] = row[3]
        new = {name: value for name, value in wanted.items() if old[name] != value}
        if new:
            changes.append((row[0], new, {name: old[name] for name in new}))
    return changes


_KEY_TABLES = (("households", "head_name"), ("household_members", "full_name"),
               ("group_officers", "full_name"), ("units", "name"))


def _all_key_changes(store: Store) -> dict[str, list[tuple[str, dict[str, Any], dict[str, Any]]]]:
    return {
        table: (_household_key_changes(store) if table == "households"
                else _name_key_changes(store, table, column))
        for table, column in _KEY_TABLES
    }


def _derived_keys(store: Store) -> list[Finding]:
    changes = _all_key_changes(store)
    count = sum(len(rows) for rows in changes.values())
    if not count:
        return []
    examples = tuple(row[0] for rows in changes.values() for row in rows)[:EXAMPLES]
    return [Finding("derived_keys", WARNING,
                    f"{count} bản ghi có khóa sắp xếp hoặc khóa tìm kiếm không khớp với tên,"
                    " địa chỉ (danh sách có thể sai thứ tự, tìm kiếm có thể sót). Sửa được:"
                    " tính lại các khóa.", count, repairable=True, examples=examples)]


def _repair_derived_keys(store: Store, action: Action) -> bool:
    changed = False
    for table, rows in _all_key_changes(store).items():
        if not rows:
            continue
        # Derived values are not the users' data: the rows keep their sync stamps (nothing
        # to send), the audit trail still records each change.
        for record_id, new, _old in rows:
            assignments = ", ".join(f"{name} = ?" for name in new)
            store.db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?",
                             [*new.values(), record_id])
        action.audit_many(table, [
            (record_id, "update", {name: [old[name], new[name]] for name in new})
            for record_id, new, old in rows
        ])
        changed = True
    return changed


_FIRST_YEAR_SQL = (
    "SELECT h.id, h.first_year, s.first FROM households h"
    " JOIN (SELECT household_id, MIN(year) AS first FROM household_years"
    "       WHERE deleted_at IS NULL GROUP BY household_id) s ON s.household_id = h.id"
    " WHERE h.first_year IS NULL OR h.first_year > s.first"
)


def _first_years(store: Store) -> list[Finding]:
    count, examples = _count_and_examples(store, _FIRST_YEAR_SQL)
    if not count:
        return []
    return [Finding("first_year", WARNING,
                    f"{count} hộ bị ẩn khỏi danh sách của những năm đã có tình trạng (năm đầu"
                    " tiên ghi sai). Sửa được: tính lại năm đầu tiên.", count, repairable=True,
                    examples=examples)]


def _repair_first_years(store: Store, action: Action) -> bool:
    rows = store.db.execute(_FIRST_YEAR_SQL).fetchall()
    store.db.conn.executemany("UPDATE households SET first_year = ? WHERE id = ?",
                              [[first, household_id] for household_id, _old, first in rows])
    action.audit_many("households", [
        (household_id, "update", {"first_year": [old, first]})
        for household_id, old, first in rows
    ])
    return bool(rows)


_CHECKS: list[tuple[str, Callable[[Store], list[Finding]]]] = [
    ("Kiểm tra cấu trúc tệp", _sqlite_integrity),
    ("Kiểm tra liên kết giữa các bảng", _foreign_keys),
    ("Kiểm tra nhật ký thay đổi", _audit_chain),
    ("Kiểm tra chỉ mục tìm kiếm", _search_index),
    ("Kiểm tra bản ghi mồ côi", _orphans),
    ("Kiểm tra giá trị không hợp lý", _impossible_values),
    ("Kiểm tra khóa sắp xếp, tìm kiếm", _derived_keys),
    ("Kiểm tra năm đầu tiên của hộ", _first_years),
]

# In the order they run.
_REPAIRS: dict[str, Callable[[Store, Action], bool]] = {
    "derived_keys": _repair_derived_keys,
    "first_year": _repair_first_years,
    "search_index": _repair_search_index,
}

