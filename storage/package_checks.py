"""What an incoming sync package may contain, checked before anything in it is believed.

A package is signed by a registered machine, but a signature only says who sent it, not that
its contents are sane: a damaged program, a hand-edited file or a stolen laptop can sign a
20 MB name, "nhiều" as a member count or a range of 10³⁰. Three pure functions (no database)
decide, in the order the import needs them:

- ``check_manifest``: the readable, signed header; the shape of every field the import reads.
- ``check_payload``: the decrypted payload's shape (tables, columns, rows of scalar cells,
  lineage links, audit entries) against the receiver's columns.
- ``row_problem`` (storage/row_checks.py): whether one row's values are what the forms and
  the store accept, as a reason a person can read; None for a good row.

The first two raise PackageInvalid: a malformed package is refused whole. A row with a bad
value is refused alone, like a row its sender may not change, and the rest is applied.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from storage.errors import StoreError
from storage.row_checks import (
    CONTROL,
    ID_TEXT,
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    MAX_SEQ,
    REQUIRED_COLUMNS,
    STAMP_TEXT,
    TABLE_NAMES,
    kind_name,
    row_problem,
    shorten,
)
from storage.text import format_int

__all__ = ["AUDIT_COLUMNS", "KNOWN_FORMAT_VERSION", "REQUIRED_COLUMNS", "TABLE_NAMES",
           "PackageInvalid", "check_manifest", "check_payload", "row_problem"]

# The package format this version writes (storage.sync.FORMAT_VERSION; a test keeps them equal:
# storage.sync imports this module, so it cannot import storage.sync).
KNOWN_FORMAT_VERSION = 1
# The columns of an audit entry in a package (storage.sync.AUDIT_COLUMNS).
AUDIT_COLUMNS = ("id", "at", "site_id", "actor", "action", "change_seq", "table_name",
                 "record_id", "operation", "changes", "prev_hash", "hash")

MAX_ORIGINS = 10_000  # machines named in one manifest
MAX_FRAMEWORKS = 10_000
MAX_ROWS = 20_000_000  # rows of one table (the payload's byte bound comes first in practice)
MAX_LINKS = 1_000_000
MAX_AUDIT = 20_000_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 100_000  # any text cell; the fields' own limits (row_checks) are far smaller
MAX_AUDIT_CHANGES_CHARS = 1_000_000
SQLITE_MAX_INT = 2**63 - 1

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HASH = re.compile(r"[0-9a-f]{64}")


class PackageInvalid(StoreError):
    """A package whose manifest or payload is not what Tự Quản writes; nothing was written.

    ``field`` names the offending place ("ranges", "tables.households.rows").
    """

    def __init__(self, field: str, problem: str, message: str | None = None) -> None:
        super().__init__(message or (
            f"Gói có thông tin sai ở '{field}' ({problem}); gói bị hỏng hoặc không do Tự Quản"
            f" tạo. Không có gì được ghi. / Malformed package: {field}."))
        self.field = field
        self.problem = problem


def _place(*parts: object) -> str:
    return ".".join(shorten(part) if type(part) is str else kind_name(part) for part in parts)


# -- the manifest ------------------------------------------------------------------------------

_MANIFEST_KEYS = frozenset({
    "format_version", "schema_version", "kind", "package_id", "created_at", "sender",
    "receiver", "ranges", "acknowledges", "counts", "audit_entries", "frameworks",
    "encryption", "payload_sha256", "payload_size",
})
_PEER_KEYS = frozenset({"site_id", "name"})
_ENCRYPTION_KEYS = frozenset({"scheme", "ephemeral_public", "nonce"})
# Fields an older sender may not write (the import decides what their absence means).
_OPTIONAL_MANIFEST_KEYS = frozenset({"heads"})
_HEAD_KEYS = frozenset({"site_id", "change_seq", "hash", "signature", "signing_public"})


def _dict(value: object, field: str, keys: frozenset[str] | None = None,
          max_items: int | None = None,
          optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    if type(value) is not dict:
        raise PackageInvalid(field, f"cần một đối tượng, gặp {kind_name(value)}")
    if max_items is not None and len(value) > max_items:
        raise PackageInvalid(field, f"{format_int(len(value))} mục, tối đa"
                                    f" {format_int(max_items)}")
    if keys is not None:
        for key in value:
            if key not in keys and key not in optional:
                raise PackageInvalid(_place(field, key), "trường không có trong gói Tự Quản")
        for key in sorted(keys):
            if key not in value:
                raise PackageInvalid(_place(field, key), "thiếu trường bắt buộc")
    return value


def _map(value: object, field: str, max_items: int,
         key_pattern: re.Pattern[str] = ID_TEXT) -> list[tuple[str, Any]]:
    """The entries of a map keyed by machine (or table) ids, keys checked."""
    entries = list(_dict(value, field, max_items=max_items).items())
    for key, _item in entries:
        if type(key) is not str or not key_pattern.fullmatch(key):
            shown = f"'{shorten(key)}'" if type(key) is str else kind_name(key)
            raise PackageInvalid(field, f"{shown} không phải mã máy hay mã bản ghi")
    return entries


@contextmanager
def _entry(field: str, key: str) -> Iterator[None]:
    # A problem inside one entry of a map is reported under the map, naming the entry.
    try:
        yield
    except PackageInvalid as error:
        raise PackageInvalid(field, f"mục '{shorten(key, 13)}': {error.problem}") from None


def _integer(value: object, field: str, low: int, high: int) -> int:
    # bool is an int in Python, but a package never holds true where a number belongs.
    if type(value) is not int:
        raise PackageInvalid(field, f"cần số nguyên, gặp {kind_name(value)}")
    if not low <= value <= high:
        shown = format_int(value) if abs(value) < 10**18 else "một số quá lớn"
        raise PackageInvalid(field, f"{shown} nằm ngoài khoảng {format_int(low)}"
                                    f"–{format_int(high)}")
    return value


def _text(value: object, field: str, max_chars: int, pattern: re.Pattern[str] | None = None,
          empty: bool = False) -> str:
    if type(value) is not str:
        raise PackageInvalid(field, f"cần chữ, gặp {kind_name(value)}")
    if len(value) > max_chars:
        raise PackageInvalid(field, f"dài {format_int(len(value))} ký tự, tối đa"
                                    f" {format_int(max_chars)}")
    if not value and not empty:
        raise PackageInvalid(field, "để trống")
    if pattern is not None and value and not pattern.fullmatch(value):
        raise PackageInvalid(field, f"'{shorten(value)}' không đúng dạng")
    if pattern is None and CONTROL.search(value):
        raise PackageInvalid(field, "có ký tự điều khiển")
    return value


def _stamp(value: object, field: str) -> str:
    text = _text(value, field, 32, STAMP_TEXT)
    try:
        dt.datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        raise PackageInvalid(field, f"'{text}' không phải thời điểm có thật") from None
    return text


def _base64(value: object, field: str, size: int) -> str:
    text = _text(value, field, 4 * size)
    try:
        if len(base64.b64decode(text.encode("ascii"), validate=True)) != size:
            raise ValueError(field)
    except (ValueError, binascii.Error, UnicodeEncodeError):
        raise PackageInvalid(field, f"cần {size} byte mã base64") from None
    return text


def _peer(value: object, field: str) -> dict[str, str]:
    peer = _dict(value, field, _PEER_KEYS)
    return {"site_id": _text(peer["site_id"], _place(field, "site_id"), 64, ID_TEXT),
            "name": _text(peer["name"], _place(field, "name"), MAX_NAME_CHARS)}


def check_manifest(manifest: object) -> dict[str, Any]:
    """The manifest of a package checked field by field, as a new dict; PackageInvalid if not.

    Every field the import reads must be present with its type and within its range: ids of
    machines and packages, the sender and receiver, the action ranges per origin machine
    (``1 <= start <= end + 1``, ``end <= 2**53``), acknowledgements, counts per table, the
    framework versions, the signed audit heads and the encryption fields. Booleans are not
    numbers; floats, NaN and Infinity are refused; an unknown field too (a newer format says
    so instead). The result holds the same values, in new dicts and lists.
    """
    top = _dict(manifest, "manifest")
    if "format_version" not in top:
        raise PackageInvalid("format_version", "thiếu trường bắt buộc")
    version = _integer(top["format_version"], "format_version", 1, 1_000)
    if version > KNOWN_FORMAT_VERSION:
        raise PackageInvalid(
            "format_version", "phiên bản mới hơn",
            f"Gói được tạo bằng phiên bản Tự Quản mới hơn (định dạng {version}, máy này đọc"
            f" được đến {KNOWN_FORMAT_VERSION}). Hãy cập nhật chương trình rồi nhập lại. Không"
            " có gì được ghi. / The package comes from a newer version.")
    _dict(top, "manifest", _MANIFEST_KEYS, optional=_OPTIONAL_MANIFEST_KEYS)
    kind = top["kind"]
    if type(kind) is not str or kind not in ("changes", "full"):
        raise PackageInvalid("kind", "cần 'changes' hoặc 'full'")
    ranges: dict[str, list[int]] = {}
    for origin, span in _map(top["ranges"], "ranges", MAX_ORIGINS):
        with _entry("ranges", origin):
            if type(span) is not list or len(span) != 2:
                raise PackageInvalid("ranges", f"cần [từ số, đến số], gặp {kind_name(span)}")
            start = _integer(span[0], "ranges", 1, MAX_SEQ + 1)
            end = _integer(span[1], "ranges", 0, MAX_SEQ)
            if start > end + 1:
                raise PackageInvalid("ranges", f"từ số {format_int(start)} lớn hơn đến số"
                                               f" {format_int(end)}")
        ranges[origin] = [start, end]
    acknowledges: dict[str, int] = {}
    for origin, seq in _map(top["acknowledges"], "acknowledges", MAX_ORIGINS):
        with _entry("acknowledges", origin):
            acknowledges[origin] = _integer(seq, "acknowledges", 0, MAX_SEQ)
    counts: dict[str, int] = {}
    for table, count in _map(top["counts"], "counts", len(TABLE_NAMES), ID_TEXT):
        with _entry("counts", table):
            if table not in TABLE_NAMES:
                raise PackageInvalid("counts", "bảng không có trong gói Tự Quản")
            counts[table] = _integer(count, "counts", 0, MAX_ROWS)
    frameworks: dict[str, int] = {}
    for key, number in _map(top["frameworks"], "frameworks", MAX_FRAMEWORKS):
        with _entry("frameworks", key):
            frameworks[key] = _integer(number, "frameworks", 1, 1_000_000)
    encryption = _dict(top["encryption"], "encryption", _ENCRYPTION_KEYS)
    checked: dict[str, Any] = {
        "format_version": version,
        "schema_version": _integer(top["schema_version"], "schema_version", 1, 100_000),
        "kind": kind,
        "package_id": _text(top["package_id"], "package_id", 36, _UUID),
        "created_at": _stamp(top["created_at"], "created_at"),
        "sender": _peer(top["sender"], "sender"),
        "receiver": _peer(top["receiver"], "receiver"),
        "ranges": ranges,
        "acknowledges": acknowledges,
        "counts": counts,
        "audit_entries": _integer(top["audit_entries"], "audit_entries", 0, MAX_AUDIT),
        "frameworks": frameworks,
        "encryption": {
            "scheme": _text(encryption["scheme"], "encryption.scheme", 100),
            "ephemeral_public": _base64(encryption["ephemeral_public"],
                                        "encryption.ephemeral_public", 32),
            "nonce": _base64(encryption["nonce"], "encryption.nonce", 12),
        },
        "payload_sha256": _text(top["payload_sha256"], "payload_sha256", 64, _HASH),
        "payload_size": _integer(top["payload_size"], "payload_size", 0, MAX_SEQ),
    }
    if "heads" in top:
        checked["heads"] = _heads(top["heads"])
    return checked


def _heads(value: object) -> dict[str, dict[str, Any]]:
    """The signed audit heads (storage/audit_heads.py): per machine, where its chain ends.

    Their signatures are the import's to verify; here only their shape.
    """
    heads: dict[str, dict[str, Any]] = {}
    for origin, head in _map(value, "heads", MAX_ORIGINS):
        with _entry("heads", origin):
            fields = _dict(head, "heads", _HEAD_KEYS)
            heads[origin] = {
                "site_id": _text(fields["site_id"], "heads", 64, ID_TEXT),
                "change_seq": _integer(fields["change_seq"], "heads", 0, MAX_SEQ),
                "hash": _text(fields["hash"], "heads", 64, _HASH),
                "signature": _base64(fields["signature"], "heads", 64),
                "signing_public": _base64(fields["signing_public"], "heads", 32),
            }
    return heads


# -- the payload -------------------------------------------------------------------------------

_PAYLOAD_KEYS = frozenset({"tables", "lineage_links", "audit"})
_TABLE_KEYS = frozenset({"columns", "rows"})
_SYNC_COLUMNS = ("owner_unit_id", "modified_at", "modified_site", "change_seq", "deleted_at")


def _cells(row: object, width: int, field: str, max_chars: int) -> None:
    """One row: a list of ``width`` scalars SQLite can store, each within bounds."""
    if type(row) is not list:
        raise PackageInvalid(field, f"cần một dòng (danh sách), gặp {kind_name(row)}")
    if len(row) != width:
        raise PackageInvalid(field, f"dòng có {format_int(len(row))} ô, cần {width}")
    for cell in row:
        kind = type(cell)
        if kind is str:
            if len(cell) > max_chars:
                raise PackageInvalid(field, f"một ô dài {format_int(len(cell))} ký tự, tối đa"
                                            f" {format_int(max_chars)}")
        elif kind is int:
            if not -SQLITE_MAX_INT <= cell <= SQLITE_MAX_INT:
                raise PackageInvalid(field, "một ô có số quá lớn")
        elif kind is float:
            if not math.isfinite(cell):
                raise PackageInvalid(field, "một ô có số vô hạn hoặc NaN")
        elif cell is not None:
            raise PackageInvalid(field, f"một ô là {kind_name(cell)}, cần chữ, số hoặc rỗng")


def _list(value: object, field: str, max_items: int) -> list[Any]:
    if type(value) is not list:
        raise PackageInvalid(field, f"cần một danh sách, gặp {kind_name(value)}")
    if len(value) > max_items:
        raise PackageInvalid(field, f"{format_int(len(value))} mục, tối đa"
                                    f" {format_int(max_items)}")
    return value


def check_payload(payload: object, columns_here: Mapping[str, Sequence[str]]) -> None:
    """Raise PackageInvalid unless ``payload`` has the shape of a package Tự Quản writes.

    ``columns_here``: per travelling table, the receiver's columns that travel. A table the
    receiver does not know, a column list with an unknown, doubled or missing required column,
    a row of the wrong length, a cell that is a list, an object, a boolean, NaN, Infinity or
    a number SQLite cannot hold, a lineage link or audit entry of the wrong shape: each is a
    malformed package. Sizes are bounded. The values themselves are ``row_problem``'s.
    """
    top = _dict(payload, "payload", _PAYLOAD_KEYS)
    # Room for a few unknown tables, so that one is refused by name.
    tables = _dict(top["tables"], "tables", max_items=2 * len(TABLE_NAMES))
    for name, table in tables.items():
        if name not in columns_here or name not in REQUIRED_COLUMNS:
            raise PackageInvalid(_place("tables", name), "bảng không có ở máy này")
        place = _place("tables", name)
        body = _dict(table, place, _TABLE_KEYS)
        columns = _list(body["columns"], _place(place, "columns"), MAX_COLUMNS)
        known = set(columns_here[name])
        seen: set[str] = set()
        for column in columns:
            if type(column) is not str or column not in known:
                shown = shorten(column) if type(column) is str else kind_name(column)
                raise PackageInvalid(_place(place, "columns"), f"cột '{shown}' không có ở máy"
                                                               " này")
            if column in seen:
                raise PackageInvalid(_place(place, "columns"), f"cột '{column}' có hai lần")
            seen.add(column)
        for column in REQUIRED_COLUMNS[name]:
            if column in known and column not in seen:
                raise PackageInvalid(_place(place, "columns"), f"thiếu cột '{column}'")
        width = len(columns)
        rows_place = _place(place, "rows")
        for row in _list(body["rows"], rows_place, MAX_ROWS):
            _cells(row, width, rows_place, MAX_CELL_CHARS)
    for link in _list(top["lineage_links"], "lineage_links", MAX_LINKS):
        if type(link) is not list or len(link) != 3:
            raise PackageInvalid("lineage_links", f"cần [sự kiện, đơn vị, vai trò], gặp"
                                                  f" {kind_name(link)}")
        _text(link[0], "lineage_links", 64, ID_TEXT)
        _text(link[1], "lineage_links", 64, ID_TEXT)
        if link[2] not in ("source", "result"):
            raise PackageInvalid("lineage_links", "vai trò cần là 'source' hoặc 'result'")
    for entry in _list(top["audit"], "audit", MAX_AUDIT):
        _audit_entry(entry)


def _audit_entry(entry: object) -> None:
    if type(entry) is not list or len(entry) != len(AUDIT_COLUMNS):
        raise PackageInvalid("audit", f"cần {len(AUDIT_COLUMNS)} giá trị, gặp {kind_name(entry)}"
                             + (f" {len(entry)} giá trị" if type(entry) is list else ""))
    (entry_id, at, site_id, actor, action, change_seq, table_name, record_id, operation,
     changes, prev_hash, entry_hash) = entry
    _text(entry_id, "audit.id", 64, ID_TEXT)
    _stamp(at, "audit.at")
    _text(site_id, "audit.site_id", 64, ID_TEXT)
    _text(actor, "audit.actor", MAX_NAME_CHARS, empty=True)
    _text(action, "audit.action", MAX_NOTE_CHARS, empty=True)
    _integer(change_seq, "audit.change_seq", 0, MAX_SEQ)
    # A table's name, or '*' for an action over many tables (the demo's build).
    _text(table_name, "audit.table_name", 64)
    _text(record_id, "audit.record_id", 200, empty=True)
    if operation not in ("insert", "update", "delete", "restore"):
        raise PackageInvalid("audit.operation", "cần insert, update, delete hoặc restore")
    # The changes are JSON text kept as it came (its hash is in the chain): a bounded string.
    if type(changes) is not str or len(changes) > MAX_AUDIT_CHANGES_CHARS:
        raise PackageInvalid("audit.changes", f"cần chữ dưới {format_int(MAX_AUDIT_CHANGES_CHARS)}"
                                              " ký tự")
    _text(prev_hash, "audit.prev_hash", 64, _HASH)
    _text(entry_hash, "audit.hash", 64, _HASH)
