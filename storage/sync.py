"""Offline sync by files: signed, encrypted packages between ward machines and the city office.

The model:

- Every machine (a *site*) has an id, the unit whose records it may write (its ward, or the
  city), and two key pairs (storage/sync_crypto.py). The city registers its wards' machines as
  *downstream* peers; a ward machine knows the city as its *upstream* peer. A city office can be
  a ward of a higher office: it then has an upstream peer too and relays upward what it holds.
- Every travelling row carries ``modified_site`` and ``change_seq``: the machine that last wrote
  it and that machine's action number. Rows are never removed (tombstones), so the state of a
  row is all that travels. ``sync_progress`` says, per origin machine, up to which action number
  this database holds that machine's changes; ``peer_acks`` says what each peer told us it holds.
- A package to a peer carries, per origin, every row written by that origin after what the peer
  acknowledged ("since"), up to what we hold ("upto"); so packages overlap harmlessly and a
  package is refused only when its "since" is beyond what the receiver holds (a gap: the
  receiver lost data, or a package from another machine is missing).
- Ownership decides what a package may change: a ward machine only rows owned by its units; the
  office above only its own (frameworks, appraisals, decisions, the unit tree). Other rows are
  rejected by name and the rest is applied.
- Import = verify (nothing written) → preview (dry run, counts per table) → apply: after a backup,
  in one transaction with foreign keys checked at commit; the database is either untouched or
  fully updated.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.audit_heads import (
    SignedHead,
    chain_problem,
    keep_heads,
    sign_own_head,
    stored_heads,
)
from storage.errors import PermissionDenied, StoreError, ValidationError
from storage.package_checks import PackageInvalid, check_manifest, check_payload, row_problem
from storage.row_checks import shorten
from storage.store import Changes
from storage.sync_crypto import (
    MAX_PAYLOAD_BYTES,
    DecryptionError,
    KeyPairs,
    PackageFormatError,
    PayloadTooLarge,
    SealedPackage,
    canonical_json,
    new_passphrase,
    open_package,
    open_setup,
    seal_package,
    seal_setup,
    setup_header,
    strict_json,
    unb64,
)
from storage.sync_judge import Judge, sendable_tables
from storage.sync_report import rejection_reference
from storage.text import fold, format_int

if TYPE_CHECKING:
    from storage.store import Store

_log = logging.getLogger("tuquan.sync")

FORMAT_VERSION = 1
PACKAGE_SUFFIX = ".tqgoi"
SETUP_SUFFIX = ".tqthietlap"

META_ROLE = "role"  # 'city' (the default) or 'ward'
META_UNIT = "site_unit_id"
META_NAME = "site_name"
META_KEYS = "sync_keys"
META_ACKNOWLEDGED = "acknowledged_seq"
# Above this many households in one package, the search index is rebuilt once after writing.
BULK_HOUSEHOLDS = 5000
# A package file larger than this is refused before it is read (a province is about 11 MB).
MAX_PACKAGE_BYTES = 1024 * 2**20


class PackageRefused(StoreError):
    """A package refused as a whole; nothing was written. The message says why and what to do."""


@dataclass(frozen=True)
class TableSpec:
    """How one travelling table travels."""

    name: str
    label: str
    key: tuple[str, ...] = ("id",)
    # SQL giving the ward a row concerns (NULL: the whole city), with the row aliased as t.
    ward_sql: str = "NULL"
    # Rows entered at the ward: the office above may not change them.
    ward_entered: bool = False
    # Columns that stay on this machine.
    local_columns: tuple[str, ...] = ()


_GROUP_WARD = "(SELECT parent_id FROM units WHERE id = t.group_id)"
_EVALUATION_WARD = ("(SELECT u.parent_id FROM evaluations e JOIN units u ON u.id = e.group_id"
                    " WHERE e.id = t.evaluation_id)")

# In the order they are applied (a row's references come before it; foreign keys are checked at
# commit anyway, so the order only keeps the work simple).
TABLES: tuple[TableSpec, ...] = (
    TableSpec("units", "Đơn vị"),
    TableSpec("lineage_events", "Sự kiện chia tách, sáp nhập"),
    TableSpec("indicators", "Chỉ số", key=("code",)),
    TableSpec("frameworks", "Bộ tiêu chí"),
    TableSpec("standards", "Tiêu chuẩn"),
    TableSpec("criteria", "Tiêu chí"),
    TableSpec("households", "Hộ gia đình", ward_sql="t.owner_unit_id", ward_entered=True,
              local_columns=("num",)),
    TableSpec("household_members", "Nhân khẩu", ward_sql="t.owner_unit_id", ward_entered=True),
    TableSpec("household_years", "Tình trạng hộ theo năm", key=("household_id", "year"),
              ward_sql="t.owner_unit_id", ward_entered=True),
    TableSpec("group_years", "Số liệu tổ theo năm", key=("group_id", "year"),
              ward_sql=_GROUP_WARD, ward_entered=True),
    TableSpec("group_officers", "Cán bộ tổ", ward_sql=_GROUP_WARD, ward_entered=True),
    TableSpec("registrations", "Đăng ký", ward_sql=_GROUP_WARD, ward_entered=True),
    TableSpec("evaluations", "Phiếu đánh giá", ward_sql=_GROUP_WARD),
    TableSpec("evaluation_answers", "Kết quả tiêu chí", ward_sql=_EVALUATION_WARD,
              ward_entered=True),
    TableSpec("stage_approvals", "Duyệt, mở lại", ward_sql=_EVALUATION_WARD, ward_entered=True),
    TableSpec("decisions", "Quyết định"),
    TableSpec("recognitions", "Công nhận", ward_sql=_GROUP_WARD),
    TableSpec("certificates", "Giấy công nhận",
              ward_sql="(SELECT u.parent_id FROM recognitions r JOIN units u ON u.id = r.group_id"
                       " WHERE r.id = t.recognition_id)"),
    TableSpec("targets", "Chỉ tiêu",
              ward_sql="(SELECT CASE WHEN kind IN ('phuong', 'xa') THEN id"
                       " WHEN kind IN ('tdp', 'ban') THEN parent_id END"
                       " FROM units WHERE id = t.unit_id)"),
)
TABLE_BY_NAME = {spec.name: spec for spec in TABLES}
AUDIT_COLUMNS = ("id", "at", "site_id", "actor", "action", "change_seq", "table_name",
                 "record_id", "operation", "changes", "prev_hash", "hash")


@dataclass(frozen=True)
class Peer:
    """A machine this one exchanges packages with."""

    site_id: str
    name: str
    direction: str  # 'downstream' (a ward's machine) or 'upstream' (the office above)
    unit_id: str | None
    signing_public: str
    box_public: str
    registered_at: str
    revoked_at: str | None
    revoked_reason: str


@dataclass(frozen=True)
class PeerStatus:
    """What the sync page shows for one peer."""

    peer: Peer
    last_sent_at: str | None
    last_sent_file: str
    last_received_at: str | None
    last_received_file: str
    pending_actions: int  # this machine's actions the peer has not acknowledged
    # Action numbers of this machine: sent to the peer up to, acknowledged by it up to; and the
    # peer's own actions held here up to. sent > acknowledged after the peer's answer means a
    # package went missing on the way (export again, or --full).
    sent_upto: int = 0
    acknowledged_upto: int = 0
    received_upto: int = 0

    @property
    def unconfirmed(self) -> tuple[int, int] | None:
        """This machine's action numbers sent to the peer and not yet acknowledged, if any."""
        if self.sent_upto > self.acknowledged_upto:
            return (self.acknowledged_upto + 1, self.sent_upto)
        return None


@dataclass(frozen=True)
class ExportResult:
    """A package written to disk."""

    path: Path
    package_id: str
    peer: Peer
    counts: dict[str, int]
    audit_entries: int
    ranges: dict[str, list[int]]


@dataclass
class Rejection:
    """A record of a package that was not applied, and why."""

    table: str
    record: str  # a name a person recognises ("Hộ Nguyễn Văn An, Tổ dân phố số 3")
    reason: str
    # The same record without personal data ("Hộ gia đình mã 1a2b3c4d, Tổ dân phố số 3"), for
    # the report saved beside the package (storage/sync_report.py).
    reference: str = ""


@dataclass
class TableCounts:
    """Per table: what applying the package does."""

    new: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass
class ImportPlan:
    """A verified package and what applying it would do (the preview)."""

    path: Path
    manifest: dict[str, Any]
    sender: Peer
    already_imported_at: str | None
    counts: dict[str, TableCounts] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    audit_new: int = 0
    # Rows to write, per table (already filtered: accepted and newer than what is here).
    writes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    lineage_links: list[dict[str, Any]] = field(default_factory=list)
    # The verified signed audit heads of the package, kept here when it is applied.
    heads: list[SignedHead] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)

    @property
    def package_id(self) -> str:
        """The package's id."""
        return str(self.manifest["package_id"])

    @property
    def total_writes(self) -> int:
        """How many rows applying writes."""
        return sum(len(rows) for rows in self.writes.values())

    def report(self) -> str:
        """The import report as text (shown, printed by the CLI and kept in the database)."""
        lines = self.summary_lines()
        if self.rejections and not self.already_imported_at:
            lines.append("")
            lines.append(f"Bị từ chối ({format_int(len(self.rejections))}):")
            lines += [f"  - {r.record}: {r.reason}" for r in self.rejections]
        return "\n".join(lines)

    def summary_lines(self) -> list[str]:
        """The report's lines without the rejected records: the package, and per kind of record
        what applying it does (shared with the report saved beside the package)."""
        lines = [
            f"Gói {self.path.name}",
            f"Từ: {self.sender.name} — tạo lúc {_local_time(str(self.manifest['created_at']))}",
            f"Loại: {'toàn bộ dữ liệu' if self.manifest.get('kind') == 'full' else 'thay đổi'}",
        ]
        if self.already_imported_at:
            lines.append(f"Gói này đã nhập ngày {_local_time(self.already_imported_at)}; không"
                         " có gì thay đổi.")
            return lines
        lines.append("")
        lines.append(f"{'Loại dữ liệu':<30}{'mới':>8}{'sửa':>8}{'xóa':>8}{'giữ nguyên':>12}"
                     f"{'từ chối':>9}")
        for spec in TABLES:
            counts = self.counts.get(spec.name)
            if counts is None or not any(vars(counts).values()):
                continue
            lines.append(f"{spec.label:<30}{counts.new:>8}{counts.changed:>8}{counts.deleted:>8}"
                         f"{counts.unchanged:>12}{counts.rejected:>9}")
        lines.append(f"Nhật ký thay đổi của máy gửi: {format_int(self.audit_new)} mục mới")
        return lines


@dataclass(frozen=True)
class SetupResult:
    """A set-up package written for a ward's machine."""

    path: Path
    passphrase: str
    site_id: str
    ward_name: str
    replaced: tuple[str, ...]


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _local_time(utc_text: str) -> str:
    """'2026-11-27T08:05:00.000Z' as local 'dd/mm/yyyy hh:mm'."""
    try:
        moment = dt.datetime.strptime(utc_text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return utc_text
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:40] or "may"


class Sync:
    """``store.sync``: this machine's identity, its peers, packages out and in."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- identity --------------------------------------------------------------------------

    @property
    def role(self) -> str:
        """'city' (the office that registers machines; the default) or 'ward'."""
        return self.store.get_meta(META_ROLE, "city") or "city"

    def unit_id(self) -> str:
        """The unit whose records this machine may write (its ward, or the city)."""
        unit_id = self.store.get_meta(META_UNIT)
        return unit_id or self.store.units.city().id

    def site_name(self) -> str:
        """This machine's name as peers see it ("UBND phường Tân Phong")."""
        name = self.store.get_meta(META_NAME)
        if name:
            return name
        unit = self.store.units.get(self.unit_id())
        return ("Phòng Nội vụ " if unit.kind == "city" else "UBND ") + unit.name

    def keys(self) -> KeyPairs:
        """This machine's key pairs (made and saved the first time they are needed)."""
        from storage import keystore

        keys = keystore.load_keys(self.store)
        if keys is None:
            keys = KeyPairs.generate()
            keystore.save_keys(self.store, keys)
        return keys

    def _transaction(self) -> AbstractContextManager[None]:
        # Bookkeeping of several rows is one transaction (the store's one primitive).
        return self.store.transaction()

    def _write_meta(self, values: dict[str, str]) -> None:
        # Settings of the installation: not a data change, so no action number.
        with self._transaction():
            for key, value in values.items():
                self.store.set_meta(key, value)

    # -- peers -----------------------------------------------------------------------------

    def peers(self, include_revoked: bool = True) -> list[Peer]:
        """The registered peers: the office above first, then the wards' machines by name."""
        rows = self.store.query(
            "SELECT * FROM peers ORDER BY direction = 'downstream', revoked_at IS NOT NULL, name,"
            " registered_at"
        )
        peers = [_peer(row) for row in rows]
        return [p for p in peers if include_revoked or p.revoked_at is None]

    def peer(self, site_id: str) -> Peer | None:
        """The peer with this site id, or None."""
        rows = self.store.query("SELECT * FROM peers WHERE site_id = ?", [site_id])
        return _peer(rows[0]) if rows else None

    def upstream(self) -> Peer | None:
        """The office above (the city, for a ward machine), if this machine has one."""
        for peer in self.peers(include_revoked=False):
            if peer.direction == "upstream":
                return peer
        return None

    def active_machine_of(self, unit_id: str) -> Peer | None:
        """The ward's registered machine that is not revoked, if any."""
        for peer in self.peers(include_revoked=False):
            if peer.direction == "downstream" and peer.unit_id == unit_id:
                return peer
        return None

    def identity_card(self) -> dict[str, str]:
        """This machine's public identity, to link it with an office above or below by hand.

        Used when a city office is itself the ward of a higher office: each side registers
        the other's card (``register_peer``). Holds public keys only.
        """
        keys = self.keys()
        return {"site_id": self.store.site_id, "name": self.site_name(),
                "unit_id": self.unit_id(), "signing_public": keys.signing_public,
                "box_public": keys.box_public}

    def register_peer(self, card: dict[str, str], direction: str) -> Peer:
        """Register another machine from its identity card as 'upstream' or 'downstream'."""
        if direction not in ("upstream", "downstream"):
            raise ValidationError("Chiều phải là 'upstream' hoặc 'downstream'.")
        try:
            site_id, name = str(card["site_id"]), str(card["name"])
            unit_id = str(card["unit_id"])
            if len(unb64(card["signing_public"])) != 32 or len(unb64(card["box_public"])) != 32:
                raise ValueError("key length")
        except (KeyError, TypeError, ValueError) as error:
            raise ValidationError("Thẻ định danh không hợp lệ (thiếu mã máy, tên, đơn vị hoặc"
                                  " khóa). / Invalid identity card.") from error
        if site_id == self.store.site_id:
            raise ValidationError("Đây là thẻ của chính máy này. / This machine's own card.")
        if direction == "upstream" and self.upstream() is not None:
            raise ValidationError("Máy này đã có cấp trên. / An upstream peer exists already.")
        if direction == "downstream" and unit_id not in self._subtree(self.unit_id()):
            raise ValidationError("Đơn vị của máy đó không thuộc đơn vị của máy này."
                                  " / The unit is not below this machine's unit.")
        with self._transaction():
            self.store.db.execute(
                "INSERT INTO peers (site_id, name, direction, unit_id, signing_public,"
                " box_public, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(site_id) DO UPDATE SET name = excluded.name,"
                " direction = excluded.direction, unit_id = excluded.unit_id,"
                " signing_public = excluded.signing_public, box_public = excluded.box_public",
                [site_id, name, direction, unit_id if unit_id in self._subtree(
                    self.store.units.city().id) else None, card["signing_public"],
                 card["box_public"], _utc_now()])
        peer = self.peer(site_id)
        assert peer is not None
        return peer

    def revoke(self, site_id: str, reason: str) -> Peer:
        """Revoke a ward's machine (a stolen laptop): its packages are refused from now on."""
        peer = self.peer(site_id)
        if peer is None:
            raise ValidationError("Không có máy này trong danh sách. / No such machine.")
        if peer.revoked_at:
            return peer
        with self._transaction():
            self.store.db.execute(
                "UPDATE peers SET revoked_at = ?, revoked_reason = ? WHERE site_id = ?",
                [_utc_now(), reason.strip() or "Thu hồi", site_id],
            )
        revoked = self.peer(site_id)
        assert revoked is not None
        return revoked

    def status(self) -> list[PeerStatus]:
        """Per peer: last package sent and received, and this machine's unacknowledged actions."""
        result = []
        held = self._vector()
        for peer in self.peers():
            sent = self.store.query(
                "SELECT processed_at, file_name FROM sync_packages WHERE peer_site = ?"
                " AND direction = 'out' ORDER BY processed_at DESC LIMIT 1", [peer.site_id])
            received = self.store.query(
                "SELECT processed_at, file_name FROM sync_packages WHERE peer_site = ?"
                " AND direction = 'in' ORDER BY processed_at DESC LIMIT 1", [peer.site_id])
            acked = self._acks(peer.site_id).get(self.store.site_id, 0)
            pending = self.store.pending_changes(acked)
            sent_upto = 0
            for (ranges,) in self.store.db.execute(
                    "SELECT ranges FROM sync_packages WHERE peer_site = ? AND direction = 'out'",
                    [peer.site_id]):
                own = json.loads(ranges).get(self.store.site_id)
                # A changes package records [from, to]; a set-up package what it held (to).
                if own:
                    sent_upto = max(sent_upto, int(own[1] if isinstance(own, list) else own))
            result.append(PeerStatus(
                peer,
                sent[0]["processed_at"] if sent else None, sent[0]["file_name"] if sent else "",
                received[0]["processed_at"] if received else None,
                received[0]["file_name"] if received else "",
                pending, sent_upto, acked, held.get(peer.site_id, 0),
            ))
        return result

    def history(self, limit: int = 200) -> list[dict[str, Any]]:
        """The packages written and read here, newest first."""
        rows = self.store.query(
            "SELECT p.*, COALESCE(peers.name, p.peer_site) AS peer_name FROM sync_packages p"
            " LEFT JOIN peers ON peers.site_id = p.peer_site"
            " ORDER BY p.processed_at DESC LIMIT ?", [limit])
        return [dict(row) for row in rows]

    # -- set-up of a ward's machine ------------------------------------------------------------

    def create_setup_package(self, ward_id: str, target: Path, *,
                             replace: bool = False) -> SetupResult:
        """Register a new machine for a ward and write its set-up package (city office only).

        The package holds the new machine's identity and keys, this office's public keys, the
        unit tree, the frameworks and the ward's data; it is written to ``target`` (a file named
        *.tqthietlap, or a folder) and encrypted under a passphrase that
        is returned once, to be written down. A ward that already has a machine needs
        ``replace=True``: the old machine is revoked.
        """
        if self.role != "city":
            raise ValidationError("Chỉ máy của thành phố mới tạo được gói thiết lập cho phường,"
                                  " xã. / Only the city office sets up ward machines.")
        account = self.store.account
        if account is not None and not account.is_admin:
            # Before anything is written: a set-up package holds a ward's personal data.
            raise PermissionDenied(
                f"Tài khoản {account.username} ({account.role_label.lower()}) không được thiết"
                " lập máy cho phường, xã; việc này do quản trị viên của thành phố làm. Không có"
                " gì được ghi. / Only an administrator sets up ward machines.")
        ward = self.store.units.get(ward_id)
        if ward.kind not in ("phuong", "xa"):
            raise ValidationError(f"{ward.name} không phải phường, xã. / Not a ward.")
        existing = self.active_machine_of(ward_id)
        if existing is not None and not replace:
            raise ValidationError(
                f"{ward.name} đã có máy được đăng ký ({existing.name}, ngày"
                f" {_local_time(existing.registered_at)}). Nếu máy đó bị mất hoặc hỏng, hãy chọn"
                " thay máy (máy cũ sẽ bị thu hồi). / The ward already has a machine; use replace.")
        from storage.store import new_id

        me = self.keys()
        ward_keys = KeyPairs.generate()
        site_id = new_id()
        now = _utc_now()
        name = f"UBND {ward.name}"
        snapshot, vector = self._snapshot_for(ward_id)
        payload = {
            "format_version": FORMAT_VERSION,
            "schema_version": self.store.schema_version,
            "site": {"site_id": site_id, "unit_id": ward_id, "name": name,
                     "keys": vars(ward_keys)},
            "upstream": {"site_id": self.store.site_id, "name": self.site_name(),
                         "unit_id": self.unit_id(), "signing_public": me.signing_public,
                         "box_public": me.box_public},
            "meta": {key: self.store.get_meta(key) for key in ("city_name",)
                     if self.store.get_meta(key) is not None},
            "progress": vector,
            "tables": snapshot["tables"],
            "lineage_links": snapshot["lineage_links"],
        }
        passphrase = new_passphrase()
        header = {"kind": "setup", "format_version": FORMAT_VERSION, "created_at": now,
                  "ward": ward.name, "from": self.site_name(), "package_id": new_id()}
        data = seal_setup(header, canonical_json(payload), passphrase)
        target = Path(target)
        if target.suffix == SETUP_SUFFIX:
            path = target
        else:
            path = target / f"TuQuan_thiet-lap_{_slug(ward.name)}_{now[:10]}{SETUP_SUFFIX}"
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, data)
        replaced: list[str] = []
        try:
            self._register_setup(existing, site_id, ward_id, name, ward_keys, now, vector,
                                 header, path, snapshot, replaced)
        except BaseException:
            # Not registered: the package must not stay on disk with the ward's data in it.
            path.unlink(missing_ok=True)
            raise
        return SetupResult(path, passphrase, site_id, ward.name, tuple(replaced))

    def _register_setup(self, existing: Peer | None, site_id: str, ward_id: str, name: str,
                        ward_keys: KeyPairs, now: str, vector: dict[str, int],
                        header: dict[str, Any], path: Path, snapshot: dict[str, Any],
                        replaced: list[str]) -> None:
        with self._transaction():
            if existing is not None:
                self.store.db.execute(
                    "UPDATE peers SET revoked_at = ?, revoked_reason = ? WHERE site_id = ?",
                    [now, "Thay bằng máy mới", existing.site_id])
                replaced.append(existing.site_id)
            self.store.db.execute(
                "INSERT INTO peers (site_id, name, direction, unit_id, signing_public,"
                " box_public, registered_at, replaces_site_id)"
                " VALUES (?, ?, 'downstream', ?, ?, ?, ?, ?)",
                [site_id, name, ward_id, ward_keys.signing_public, ward_keys.box_public, now,
                 existing.site_id if existing else None])
            # The new machine starts with what the set-up package holds.
            for origin, seq in vector.items():
                self._raise_ack(site_id, origin, seq)
            self.store.db.execute(
                "INSERT INTO sync_packages (package_id, direction, peer_site, kind, created_at,"
                " processed_at, file_name, ranges, counts) VALUES (?, 'out', ?, 'setup', ?, ?, ?,"
                " ?, ?)",
                [header["package_id"], site_id, now, now, path.name, json.dumps(vector),
                 json.dumps({t: len(v["rows"]) for t, v in snapshot["tables"].items()})])

    def _snapshot_for(self, ward_id: str) -> tuple[dict[str, Any], dict[str, int]]:
        """Every row a ward's machine holds: the city's and the ward's. And the progress vector."""
        subtree = self._subtree(ward_id)
        tables: dict[str, Any] = {}
        for spec in TABLES:
            columns = self._columns(spec)
            sql = (f"SELECT {', '.join('t.' + c for c in columns)} FROM {spec.name} t"
                   f" WHERE ({spec.ward_sql}) IS NULL OR ({spec.ward_sql}) IN"
                   f" (SELECT value FROM json_each(?))")
            rows = self.store.db.execute(sql, [json.dumps(sorted(subtree))]).fetchall()
            tables[spec.name] = {"columns": columns, "rows": [list(row) for row in rows]}
        links = self.store.db.execute(
            "SELECT event_id, unit_id, role FROM lineage_links").fetchall()
        return ({"tables": tables, "lineage_links": [list(row) for row in links]},
                self._vector())

    # -- export ------------------------------------------------------------------------------

    def export(self, peer_site_id: str, directory: Path, *, full: bool = False) -> ExportResult:
        """Write the package for a peer into ``directory`` and record it.

        A changes package holds every row written after what the peer acknowledged; ``full``
        holds everything the peer may receive (first contact, recovery). Both carry this
        machine's acknowledgements of what it has received.
        """
        from storage.store import new_id

        peer = self.peer(peer_site_id)
        if peer is None:
            raise ValidationError("Không có máy nhận này. / Unknown receiver.")
        if peer.revoked_at:
            raise ValidationError(f"Máy {peer.name} đã bị thu hồi; không gửi gói cho máy này."
                                  " / The receiver was revoked.")
        acks = {} if full else self._acks(peer.site_id)
        vector = self._vector()
        scope_sql, scope_params = self._scope(peer)
        ranges: dict[str, list[int]] = {}
        tables: dict[str, Any] = {}
        counts: dict[str, int] = {}
        # A ward's machine vouches only for its own changes: upward it sends its own range
        # (what it received from the office above, the office has).
        own_only = peer.direction == "upstream" and sendable_tables(
            self.store, self.unit_id()) is not None
        for origin, upto in vector.items():
            if own_only and origin != self.store.site_id:
                continue
            since = acks.get(origin, 0)
            if since < upto or full:
                ranges[origin] = [since + 1, upto]
        origin_filter = self._origin_filter(ranges)
        # Upward, a ward's machine sends only the tables a ward writes (storage/ownership.py).
        sendable = sendable_tables(self.store, self.unit_id()) if (
            peer.direction == "upstream") else None
        for spec in TABLES:
            if sendable is not None and spec.name not in sendable:
                continue
            columns = self._columns(spec)
            sql = (f"SELECT {', '.join('t.' + c for c in columns)} FROM {spec.name} t"
                   f" WHERE ({scope_sql.format(ward=spec.ward_sql)}) AND {origin_filter}")
            rows = self.store.db.execute(sql, [*scope_params, json.dumps(ranges)]).fetchall()
            if rows:
                tables[spec.name] = {"columns": columns, "rows": [list(row) for row in rows]}
                counts[spec.name] = len(rows)
        event_ids = [row[0] for row in tables.get("lineage_events", {}).get("rows", [])]
        links = self.store.db.execute(
            "SELECT event_id, unit_id, role FROM lineage_links WHERE event_id IN"
            " (SELECT value FROM json_each(?))", [json.dumps(event_ids)]).fetchall()
        audit = self._audit_for(peer, ranges)
        now = _utc_now()
        package_id = new_id()
        manifest = {
            "format_version": FORMAT_VERSION,
            "schema_version": self.store.schema_version,
            "frameworks": self._framework_versions(),
            "kind": "full" if full else "changes",
            "package_id": package_id,
            "created_at": now,
            "sender": {"site_id": self.store.site_id, "name": self.site_name()},
            "receiver": {"site_id": peer.site_id, "name": peer.name},
            "ranges": ranges,
            "acknowledges": vector,
            "counts": counts,
            "audit_entries": len(audit),
            "heads": self._heads_for(ranges),
        }
        payload = {"tables": tables, "lineage_links": [list(row) for row in links],
                   "audit": audit}
        data = seal_package(manifest, canonical_json(payload), self.keys(), peer.box_public)
        directory.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = directory / (f"TuQuan_{_slug(self.site_name())}_gui_{_slug(peer.name)}_{stamp}_"
                            f"{package_id[:8]}{PACKAGE_SUFFIX}")
        _write_atomically(path, data)
        with self._transaction():
            self.store.db.execute(
                "INSERT INTO sync_packages (package_id, direction, peer_site, kind, created_at,"
                " processed_at, file_name, ranges, counts) VALUES (?, 'out', ?, ?, ?, ?, ?, ?, ?)",
                [package_id, peer.site_id, manifest["kind"], now, now, path.name,
                 json.dumps(ranges), json.dumps(counts)])
        return ExportResult(path, package_id, peer, counts, len(audit), ranges)

    def export_all(self, directory: Path, *, full: bool = False) -> list[ExportResult]:
        """One package for every peer that is not revoked."""
        return [self.export(peer.site_id, directory, full=full)
                for peer in self.peers(include_revoked=False)]

    def _scope(self, peer: Peer) -> tuple[str, list[Any]]:
        """SQL (with {ward} for the table's ward expression) choosing the rows a peer receives."""
        if peer.direction == "upstream":
            # Upward: everything this office is responsible for, whoever wrote it.
            return ("t.owner_unit_id IN (SELECT value FROM json_each(?))",
                    [json.dumps(sorted(self._subtree(self.unit_id())))])
        # Downward: the city's rows and the ward's own (for a recovery); not other wards'.
        return ("({ward}) IS NULL OR ({ward}) IN (SELECT value FROM json_each(?))",
                [json.dumps(sorted(self._subtree(peer.unit_id or "")))])

    @staticmethod
    def _origin_filter(ranges: dict[str, list[int]]) -> str:
        # json_each over {"origin": [from, to]}: key is the origin, value the range.
        return ("EXISTS (SELECT 1 FROM json_each(?) r WHERE r.key = t.modified_site"
                " AND t.change_seq BETWEEN json_extract(r.value, '$[0]')"
                " AND json_extract(r.value, '$[1]'))")

    def _audit_for(self, peer: Peer, ranges: dict[str, list[int]]) -> list[list[Any]]:
        # The audit trail travels upward only: the city sees who changed what at the ward.
        if peer.direction != "upstream":
            return []
        columns = ", ".join(AUDIT_COLUMNS)
        rows: list[list[Any]] = []
        for origin, (start, end) in ranges.items():
            table = "audit_log" if origin == self.store.site_id else "audit_received"
            # Each machine's entries in the order of its chain (received: as they came).
            order = "seq" if table == "audit_log" else "rowid"
            rows += [list(row) for row in self.store.db.execute(
                f"SELECT {columns} FROM {table} WHERE site_id = ? AND change_seq BETWEEN ? AND ?"
                f" ORDER BY {order}", [origin, start, end])]
        return rows

    def _framework_versions(self) -> dict[str, int]:
        return {row[0]: row[1] for row in self.store.db.execute(
            "SELECT id, version FROM frameworks WHERE deleted_at IS NULL")}

    # -- import ------------------------------------------------------------------------------

    def preview(self, path: Path) -> ImportPlan:
        """Verify a package and work out what applying it would do; nothing is written.

        Raises PackageRefused (with the reason and what to do) when the package cannot be
        applied at all. A refusal is written to the log with its reason (which names machines
        and files, never a person).
        """
        try:
            plan = self._preview(Path(path))
        except PackageRefused as error:
            _log.warning("package refused: %s: %s", Path(path).name, error)
            raise
        _log.info("package previewed: %s from %s: %d rows to write, %d rejected%s",
                  plan.path.name, plan.sender.name, plan.total_writes, len(plan.rejections),
                  " (already imported)" if plan.already_imported_at else "")
        return plan

    def _preview(self, path: Path) -> ImportPlan:
        path = Path(path)
        try:
            if path.stat().st_size > MAX_PACKAGE_BYTES:
                raise PackageRefused(
                    f"Tệp {path.name} lớn hơn {MAX_PACKAGE_BYTES // 2**20} MB: không phải gói do"
                    " Tự Quản tạo. Không có gì được ghi. / The file is too large for a package.")
            data = path.read_bytes()
        except OSError as error:
            raise PackageRefused(f"Không đọc được tệp {path}: {error.strerror or error}."
                                 " / Cannot read the file.") from error
        try:
            sealed = open_package(data)
        except PackageFormatError as error:
            raise PackageRefused(
                f"Tệp {path.name} không phải gói dữ liệu Tự Quản hoặc đã bị hỏng (thiếu, sai"
                " nội dung). Hãy chép lại tệp từ máy gửi. / Not a package, or damaged."
            ) from error
        manifest = sealed.manifest
        sender = self._verify(sealed, path)
        try:
            # Signed by a machine registered here; now every field the import reads, with its
            # type and range, before any is used.
            check_manifest(manifest)
        except PackageInvalid as error:
            raise PackageRefused(f"Gói {path.name}: {error}") from error
        imported = self.store.db.execute(
            "SELECT processed_at FROM sync_packages WHERE package_id = ? AND direction = 'in'",
            [manifest["package_id"]]).fetchone()
        plan = ImportPlan(path, manifest, sender, imported[0] if imported else None)
        if plan.already_imported_at:
            return plan
        self._check_gaps(manifest, sender)
        heads = self._check_claims(manifest, sender, path)
        try:
            payload = strict_json(sealed.decrypt(self.keys()))
            check_payload(payload, {spec.name: self._columns(spec) for spec in TABLES})
        except PayloadTooLarge as error:
            raise PackageRefused(
                f"Gói {path.name} giải nén ra quá lớn (hơn {MAX_PAYLOAD_BYTES // 2**20} MB): gói"
                " bị hỏng hoặc bị làm giả. Không có gì được ghi. / The package inflates beyond"
                " the limit.") from error
        except PackageInvalid as error:
            raise PackageRefused(f"Gói {path.name}: {error}") from error
        except (DecryptionError, ValueError, UnicodeDecodeError) as error:
            raise PackageRefused(
                f"Không giải mã được gói {path.name}: gói không dành cho khóa của máy này hoặc"
                " đã bị sửa. Hãy đề nghị máy gửi xuất lại. / Cannot decrypt the package."
            ) from error
        self._plan(plan, payload)
        # Trails travel upward only, each with the changes it records: a head is kept only for
        # a machine whose entries this package may carry (else `check` would find a kept head
        # and no entries, and call the trail deleted).
        plan.heads = [head for origin, head in heads.items()
                      if sender.direction == "downstream" and origin in manifest["ranges"]]
        self._check_audit(plan, heads)
        return plan

    def _verify(self, sealed: SealedPackage, path: Path) -> Peer:
        manifest = sealed.manifest
        try:
            format_version = int(manifest["format_version"])
            schema_version = int(manifest["schema_version"])
            sender_id = str(manifest["sender"]["site_id"])
            receiver_id = str(manifest["receiver"]["site_id"])
            sender_name = str(manifest["sender"]["name"])
            receiver_name = str(manifest["receiver"]["name"])
            str(manifest["package_id"])
            dict(manifest["ranges"])
        except (KeyError, TypeError, ValueError) as error:
            raise PackageRefused(f"Gói {path.name} thiếu thông tin bắt buộc (đã bị hỏng)."
                                 " / The manifest is incomplete.") from error
        peer = self.peer(sender_id)
        if peer is None:
            raise PackageRefused(
                f"Gói {path.name} từ máy \"{sender_name}\" chưa được đăng ký với máy này."
                " Chỉ nhận gói từ các máy do thành phố thiết lập. / Unknown sender.")
        if peer.revoked_at:
            raise PackageRefused(
                f"Máy gửi \"{peer.name}\" đã bị thu hồi ngày {_local_time(peer.revoked_at)}"
                f" ({peer.revoked_reason}); gói của máy này không được nhận. / The sender was"
                " revoked.")
        if not sealed.signature_valid(peer.signing_public):
            raise PackageRefused(
                f"Chữ ký của gói {path.name} không đúng với khóa của \"{peer.name}\": gói đã bị"
                " sửa hoặc giả mạo. Không nhận gói này; hãy đề nghị máy gửi xuất lại."
                " / Invalid signature.")
        if not sealed.payload_intact():
            raise PackageRefused(
                f"Nội dung gói {path.name} không khớp với chữ ký (tệp bị hỏng hoặc chép thiếu)."
                " Hãy chép lại tệp từ máy gửi. / The payload is damaged.")
        if receiver_id != self.store.site_id:
            raise PackageRefused(
                f"Gói {path.name} gửi cho \"{receiver_name}\", không phải cho máy này"
                f" ({self.site_name()}). / The package is for another machine.")
        if format_version > FORMAT_VERSION or schema_version > self.store.schema_version:
            raise PackageRefused(
                f"Gói {path.name} được tạo bằng phiên bản Tự Quản mới hơn (lược đồ"
                f" {schema_version}, máy này {self.store.schema_version}). Hãy cập nhật chương"
                " trình rồi nhập lại. / The package comes from a newer version.")
        return peer

    def _check_gaps(self, manifest: dict[str, Any], sender: Peer) -> None:
        progress = self._vector()
        names = {p.site_id: p.name for p in self.peers()}
        for origin, (start, _end) in manifest["ranges"].items():
            if origin == self.store.site_id:
                continue
            have = progress.get(origin, 0)
            if int(start) > have + 1:
                who = names.get(origin, f"máy {origin[:8]}")
                raise PackageRefused(
                    f"Gói thiếu các thay đổi số {have + 1}–{int(start) - 1} của {who}: máy này"
                    f" mới có đến số {have}. Hãy đề nghị {sender.name} xuất lại gói toàn bộ dữ"
                    " liệu (Xuất gói → Toàn bộ) rồi nhập gói đó. / Gap: changes"
                    f" {have + 1}-{int(start) - 1} are missing; ask the sender for a full export.")

    def _heads_for(self, ranges: dict[str, list[int]]) -> dict[str, dict[str, Any]]:
        """This machine's signed head, and the heads of the machines it relays as they signed
        them (storage/audit_heads.py)."""
        heads = {self.store.site_id: sign_own_head(self.store, self.keys()).as_json()}
        kept = stored_heads(self.store)
        for origin in ranges:
            if origin in kept and origin != self.store.site_id:
                heads[origin] = kept[origin].as_json()
        return heads

    def _check_claims(self, manifest: dict[str, Any], sender: Peer,
                      path: Path) -> dict[str, SignedHead]:
        """Refuse a package that claims progress it cannot vouch for; return its heads.

        Each machine's signed head must verify with that machine's key (registered here, or
        for a machine unknown here, the key the relaying office vouches for). Only the sender
        itself, or an office relaying a machine below it up to that machine's signed head, may
        advance what this machine holds of a machine; a ward's package cannot.
        """
        def refuse(why: str) -> PackageRefused:
            return PackageRefused(
                f"Gói {path.name} từ {sender.name} không được nhận: {why}. Không có gì được"
                " ghi. Nếu máy gửi dùng phiên bản cũ, hãy cập nhật rồi xuất lại; nếu không, gói"
                " có thể đã bị làm giả. / Refused: the package claims what it cannot vouch for.")

        ward_sender = sender.direction == "downstream" and self.store.db.execute(
            "SELECT kind IN ('phuong', 'xa') FROM units WHERE id = ?",
            [sender.unit_id or ""]).fetchone() == (1,)
        subtree = self._subtree(sender.unit_id or "") if sender.direction == "downstream" \
            else set()
        heads: dict[str, SignedHead] = {}
        raw_heads = manifest.get("heads")
        if not isinstance(raw_heads, dict) or sender.site_id not in raw_heads:
            raise refuse("gói không có dấu xác nhận nhật ký đã ký của máy gửi")
        for origin, raw in raw_heads.items():
            try:
                head = SignedHead.from_json(raw)
            except ValueError as error:
                raise refuse("dấu xác nhận nhật ký sai dạng") from error
            if head.site_id != origin or origin == self.store.site_id:
                continue
            known = self.peer(origin)
            if origin == sender.site_id:
                key = sender.signing_public
            elif known is not None:
                if sender.direction == "downstream" and known.unit_id not in subtree:
                    raise refuse(f"gói mang dấu xác nhận của {known.name}, không thuộc máy gửi")
                key = known.signing_public
            elif ward_sender:
                raise refuse("máy của phường, xã chỉ gửi dấu xác nhận của chính nó")
            else:
                key = head.signing_public
            if not head.valid_for(key):
                raise refuse(f"chữ ký trên dấu xác nhận nhật ký của máy {origin[:8]} không đúng")
            heads[origin] = head
        held = self._vector()
        for origin, (_start, end) in manifest["ranges"].items():
            if origin == self.store.site_id:
                continue
            end = int(end)
            if end <= held.get(origin, 0):
                continue  # nothing new claimed
            claimed = heads.get(origin)
            if origin != sender.site_id and ward_sender:
                raise refuse(f"máy của phường, xã khai thay tiến độ của máy {origin[:8]}")
            if sender.direction == "downstream" and (claimed is None or end > claimed.change_seq):
                raise refuse(f"tiến độ khai cho máy {origin[:8]} ({end}) vượt dấu xác nhận đã"
                             " ký của máy đó")
        return heads

    @staticmethod
    def _stamp_problem(row: dict[str, Any], plan: ImportPlan) -> str | None:
        """From below, a row must be stamped by a machine the package speaks for, with an
        action number inside the range it declares (a row cannot pose as another's write)."""
        if plan.sender.direction != "downstream":
            return None
        span = plan.manifest["ranges"].get(row.get("modified_site"))
        seq = row.get("change_seq")
        if span is None or not isinstance(seq, int) or not int(span[0]) <= seq <= int(span[1]):
            return "dấu của bản ghi (máy ghi, số thay đổi) không khớp với phạm vi gói khai"
        return None

    def _check_audit(self, plan: ImportPlan, heads: dict[str, SignedHead]) -> None:
        """Refuse a package whose audit entries are not their machines' genuine trails."""
        if plan.sender.direction != "downstream":
            return  # the trail travels upward only
        ranges = plan.manifest["ranges"]
        by_origin: dict[str, list[dict[str, Any]]] = {}
        for entry in self._package_audit:
            by_origin.setdefault(str(entry.get("site_id")), []).append(entry)
        kept = stored_heads(self.store)
        for origin in set(by_origin) | (set(heads) & set(ranges)):
            if origin == self.store.site_id:
                continue
            entries = by_origin.get(origin, [])
            span = ranges.get(origin)
            if entries and (span is None or any(
                    not int(span[0]) <= int(e.get("change_seq") or 0) <= int(span[1])
                    for e in entries)):
                why = "mục nhật ký ngoài phạm vi gói khai"
            else:
                known = {row[0] for row in self.store.db.execute(
                    "SELECT hash FROM audit_received WHERE site_id = ?", [origin])}
                why = chain_problem(entries, heads.get(origin), kept.get(origin), known) or ""
            if why:
                names = {p.site_id: p.name for p in self.peers()}
                raise PackageRefused(
                    f"Gói {plan.path.name}: nhật ký thay đổi của"
                    f" {names.get(origin, 'máy ' + origin[:8])} không được nhận: {why}. Không có"
                    " gì được ghi. Hãy báo cấp trên; máy gửi cần được kiểm tra. Nếu hai máy đã"
                    " được thiết lập từ cùng một gói thiết lập, hãy thu hồi một máy và thiết lập"
                    " lại máy đó bằng gói mới (Thay máy). / Refused: the audit trail in the"
                    " package is not genuine (or two machines share one identity).")

    def _plan(self, plan: ImportPlan, payload: dict[str, Any]) -> None:
        sender = plan.sender
        judge = Judge(self.store, sender, payload, self.unit_id())
        unit_names = judge.names
        known_frameworks = {row[0] for row in self.store.db.execute("SELECT id FROM frameworks")}
        household_names = self._household_names(payload)
        for spec in TABLES:
            table = payload.get("tables", {}).get(spec.name)
            counts = plan.counts.setdefault(spec.name, TableCounts())
            if not table:
                continue
            columns = [c for c in table["columns"] if c not in spec.local_columns]
            known_columns = set(self._columns(spec))
            rows = [dict(zip(table["columns"], row, strict=True)) for row in table["rows"]]
            local = self._local_rows(spec, rows)
            writes: list[dict[str, Any]] = []
            for row in rows:
                key = tuple(row.get(k) for k in spec.key)
                existing = local.get(key)
                if existing is not None and not _newer(row, existing):
                    # Already here (an overlapping or repeated package): nothing to judge.
                    counts.unchanged += 1
                    continue
                # Values as the forms accept them, then who may write the row.
                reason = (self._stamp_problem(row, plan) or row_problem(spec.name, row)
                          or judge.reason(spec.name, row, existing))
                if spec.name == "evaluations" and reason is None:
                    framework = row.get("framework_id")
                    if framework and framework not in known_frameworks and framework not in {
                            r[0] for r in payload["tables"].get("frameworks", {}).get("rows", [])}:
                        reason = ("dùng bộ tiêu chí máy này chưa có; hãy nhập gói của thành phố"
                                  " trước")
                if reason is not None:
                    counts.rejected += 1
                    plan.rejections.append(Rejection(
                        spec.name, _describe(spec, row, unit_names, household_names), reason,
                        rejection_reference(spec.name, row, unit_names)))
                    continue
                if existing is None:
                    counts.new += 1
                elif row.get("deleted_at") and not existing["deleted_at"]:
                    counts.deleted += 1
                else:
                    counts.changed += 1
                writes.append({c: row[c] for c in {*columns, "owner_unit_id"}
                               if c in known_columns})
            if writes:
                plan.writes[spec.name] = writes
        for link in payload.get("lineage_links", []):
            record = dict(zip(("event_id", "unit_id", "role"), link, strict=True))
            reason = judge.link_reason(record)
            if reason is None:
                plan.lineage_links.append(record)
            else:
                counts = plan.counts.setdefault("lineage_events", TableCounts())
                counts.rejected += 1
                plan.rejections.append(Rejection(
                    "lineage_events",
                    f"Lịch sử của {unit_names.get(record['unit_id'], 'đơn vị lạ')}", reason))
        audit = [dict(zip(AUDIT_COLUMNS, row, strict=True)) for row in payload.get("audit", [])]
        self._package_audit = audit
        if audit:
            present = {row[0] for row in self.store.db.execute(
                "SELECT id FROM audit_received WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps([entry["id"] for entry in audit])])}
            plan.audit = [entry for entry in audit if entry["id"] not in present
                          and entry["site_id"] != self.store.site_id]
        plan.audit_new = len(plan.audit)

    def _household_names(self, payload: dict[str, Any]) -> dict[str, str]:
        names: dict[str, str] = {}
        table = payload.get("tables", {}).get("households")
        ids: list[str] = []
        for name in ("household_years", "household_members"):
            other = payload.get("tables", {}).get(name)
            if other:
                index = other["columns"].index("household_id")
                ids += [row[index] for row in other["rows"]]
        if table:
            for row in table["rows"]:
                record = dict(zip(table["columns"], row, strict=True))
                names[record["id"]] = record["head_name"]
        missing = [i for i in set(ids) if i not in names]
        if missing:
            names.update({row[0]: row[1] for row in self.store.db.execute(
                "SELECT id, head_name FROM households WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(missing)])})
        return names

    def _local_rows(self, spec: TableSpec,
                    rows: list[dict[str, Any]]) -> dict[tuple[Any, ...], sqlite3.Row]:
        if not rows:
            return {}
        keys = [[row.get(k) for k in spec.key] for row in rows]
        match = " AND ".join(f"t.{k} = json_extract(j.value, '$[{i}]')"
                             for i, k in enumerate(spec.key))
        sql = f"SELECT t.* FROM json_each(?) j JOIN {spec.name} t ON {match}"
        cursor = self.store.db.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return {tuple(row[k] for k in spec.key): row
                for row in cursor.execute(sql, [json.dumps(keys)])}

    def apply(self, plan: ImportPlan) -> ImportPlan:
        """Apply a previewed package: backup, then one transaction; returns the plan (report).

        The database is either untouched (on any error, including a reference to data this
        machine does not have) or holds the whole package.
        """
        if plan.already_imported_at:
            return plan
        if self.store.path is not None:
            self.store.backup(reason="before-import")
        db = self.store.db
        now = _utc_now()
        try:
            with self.store.transaction():
                # A package's rows may refer to each other in any order: check at commit.
                db.execute("PRAGMA defer_foreign_keys = ON")
                with self.store.unrestricted():
                    # Thousands of new households: the search index is rebuilt once instead of
                    # row by row (about a third of the time of a province-sized package).
                    many = len(plan.writes.get("households", [])) > BULK_HOUSEHOLDS
                    with self.store.households_bulk() if many else nullcontext():
                        for spec in TABLES:
                            rows = plan.writes.get(spec.name)
                            if rows:
                                self._write_rows(spec, rows)
                    if plan.lineage_links:
                        db.conn.executemany(
                            "INSERT OR IGNORE INTO lineage_links (event_id, unit_id, role)"
                            " VALUES (:event_id, :unit_id, :role)", plan.lineage_links)
                    if plan.audit:
                        db.conn.executemany(
                            f"INSERT OR IGNORE INTO audit_received ({', '.join(AUDIT_COLUMNS)},"
                            f" received_at) VALUES ({', '.join(':' + c for c in AUDIT_COLUMNS)},"
                            " :received_at)",
                            [{**entry, "received_at": now} for entry in plan.audit])
                    for origin, (_start, end) in plan.manifest["ranges"].items():
                        if origin != self.store.site_id:
                            db.execute(
                                "INSERT INTO sync_progress (origin_site, seq) VALUES (?, ?)"
                                " ON CONFLICT(origin_site) DO UPDATE"
                                " SET seq = max(seq, excluded.seq)",
                                [origin, int(end)])
                    # What the sender says it holds: never more than this machine could have
                    # sent it (what is held here now), except of the sender's own changes.
                    held = self._vector()
                    for origin, seq in plan.manifest.get("acknowledges", {}).items():
                        if origin != plan.sender.site_id:
                            seq = min(int(seq), held.get(origin, 0))
                        self._raise_ack(plan.sender.site_id, origin, int(seq))
                    keep_heads(self.store, plan.heads, now)
                    if plan.sender.direction == "upstream":
                        acked = self._acks(plan.sender.site_id).get(self.store.site_id, 0)
                        self.store.set_meta(META_ACKNOWLEDGED, str(acked))
                    db.execute(
                        "INSERT INTO sync_packages (package_id, direction, peer_site, kind,"
                        " created_at, processed_at, file_name, ranges, counts, report)"
                        " VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, ?)",
                        [plan.package_id, plan.sender.site_id, plan.manifest.get("kind", "changes"),
                         plan.manifest["created_at"], now, plan.path.name,
                         json.dumps(plan.manifest["ranges"]),
                         json.dumps({t: vars(c) for t, c in plan.counts.items()}), plan.report()])
            # Every view learns what the package changed, as after an action.
            self.store.announce(Changes(f"Nhập gói {plan.path.name}", {
                table: frozenset(str(row.get("id") or row.get("household_id")
                                     or row.get("group_id")) for row in rows)
                for table, rows in plan.writes.items() if rows}))
            _log.info("package applied: %s from %s: %s", plan.path.name, plan.sender.name,
                      ", ".join(f"{label} {count}" for label, count in rows_by_table(plan))
                      or "nothing new")
        except sqlite3.IntegrityError as error:
            _log.warning("package refused at commit: %s: %s", plan.path.name, error)
            raise PackageRefused(
                f"Gói {plan.path.name} tham chiếu dữ liệu máy này chưa có ({error}); không có gì"
                " được ghi. Hãy nhập các gói trước đó, hoặc đề nghị máy gửi xuất gói toàn bộ."
                " / The package refers to records this machine does not have.") from error
        return plan

    def import_package(self, path: Path) -> ImportPlan:
        """Preview and apply in one call (the command line's ``import``)."""
        return self.apply(self.preview(path))

    def _write_rows(self, spec: TableSpec, rows: list[dict[str, Any]]) -> None:
        columns = list(rows[0])
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in spec.key)
        sql = (f"INSERT INTO {spec.name} ({', '.join(columns)})"
               f" VALUES ({', '.join(':' + c for c in columns)})"
               f" ON CONFLICT({', '.join(spec.key)}) DO UPDATE SET {updates}")
        self.store.db.conn.executemany(sql, rows)

    # -- helpers -------------------------------------------------------------------------------

    def _columns(self, spec: TableSpec) -> list[str]:
        cache = self.__dict__.setdefault("_column_cache", {})
        if spec.name not in cache:
            cache[spec.name] = [row[1] for row in self.store.db.execute(
                f"PRAGMA table_info({spec.name})") if row[1] not in spec.local_columns]
        return list(cache[spec.name])

    def _vector(self) -> dict[str, int]:
        """What this database holds: per origin machine, up to which action number."""
        vector = {row[0]: int(row[1]) for row in self.store.db.execute(
            "SELECT origin_site, seq FROM sync_progress")}
        vector[self.store.site_id] = self.store.change_seq
        return vector

    def _acks(self, peer_site: str) -> dict[str, int]:
        return {row[0]: int(row[1]) for row in self.store.db.execute(
            "SELECT origin_site, seq FROM peer_acks WHERE peer_site = ?", [peer_site])}

    def _raise_ack(self, peer_site: str, origin: str, seq: int) -> None:
        self.store.db.execute(
            "INSERT INTO peer_acks (peer_site, origin_site, seq) VALUES (?, ?, ?)"
            " ON CONFLICT(peer_site, origin_site) DO UPDATE SET seq = max(seq, excluded.seq)",
            [peer_site, origin, seq])

    def _subtree(self, unit_id: str) -> set[str]:
        rows = self.store.db.execute(
            "WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT u.id FROM units u"
            " JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub", [unit_id]).fetchall()
        return {row[0] for row in rows}


def _newer(row: dict[str, Any], existing: sqlite3.Row) -> bool:
    """Whether an incoming row is newer than the one here (same origin: its action number)."""
    if row.get("modified_site") == existing["modified_site"]:
        return int(row.get("change_seq") or 0) > int(existing["change_seq"] or 0)
    return str(row.get("modified_at") or "") > str(existing["modified_at"] or "")


def _describe(spec: TableSpec, row: dict[str, Any], units: dict[str, str],
              households: dict[str, str]) -> str:
    """A record's name as a person reads it in an import report."""
    if spec.name == "households":
        return (f"Hộ {shorten(str(row.get('head_name')))}"
                f" ({units.get(str(row.get('group_id') or ''), '?')})")
    if "household_id" in row:
        head = households.get(row["household_id"], "?")
        year = f" năm {row['year']}" if row.get("year") else ""
        return f"{spec.label}{year} của hộ {head}"
    if spec.name == "units":
        return f"Đơn vị {shorten(str(row.get('name')))}"
    if row.get("group_id"):
        year = f" năm {row['year']}" if row.get("year") else ""
        return f"{spec.label}{year} của {units.get(row['group_id'], '?')}"
    if row.get("name"):
        return f"{spec.label} {shorten(str(row['name']))}"
    return f"{spec.label} {str(row.get(spec.key[0]))[:8]}"


def _peer(row: sqlite3.Row) -> Peer:
    return Peer(row["site_id"], row["name"], row["direction"], row["unit_id"],
                row["signing_public"], row["box_public"], row["registered_at"],
                row["revoked_at"], row["revoked_reason"])


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)


# -- a new machine from a set-up package ------------------------------------------------------

def read_setup(path: Path, passphrase: str) -> dict[str, Any]:
    """The contents of a set-up package; raises ValidationError with a clear message."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ValidationError(f"Không đọc được tệp {path}: {error.strerror or error}.") from error
    try:
        _header, payload = open_setup(data, passphrase)
    except PayloadTooLarge as error:
        raise ValidationError(f"Gói thiết lập {Path(path).name} giải nén ra quá lớn: gói bị hỏng"
                              " hoặc bị làm giả. / The set-up package inflates beyond the limit."
                              ) from error
    except PackageFormatError as error:
        raise ValidationError(f"Tệp {Path(path).name} không phải gói thiết lập của Tự Quản hoặc"
                              " đã bị hỏng. / Not a set-up package.") from error
    except DecryptionError as error:
        raise ValidationError(
            "Mật khẩu của gói thiết lập không đúng (hoặc tệp đã bị sửa). Hãy gõ lại đúng mật"
            " khẩu thành phố đã đưa. / Wrong passphrase.") from error
    try:
        contents = strict_json(payload)
        if not isinstance(contents, dict) or not isinstance(contents.get("tables"), dict):
            raise ValueError("shape")
    except ValueError as error:
        raise ValidationError(f"Tệp {Path(path).name} không phải gói thiết lập của Tự Quản hoặc"
                              " đã bị hỏng. / Not a set-up package.") from error
    return contents


def describe_setup(path: Path) -> str:
    """One line naming what a set-up package is for ("Phường Tân Phong, từ …, tạo ngày …").

    Readable without the passphrase (the header is not secret); raises ValidationError when
    the file is not a set-up package.
    """
    try:
        header = setup_header(Path(path).read_bytes())
    except (OSError, PackageFormatError) as error:
        raise ValidationError(f"Tệp {Path(path).name} không phải gói thiết lập của Tự Quản hoặc"
                              " đã bị hỏng. / Not a set-up package.") from error
    return (f"{header.get('ward', '?')}, từ {header.get('from', '?')}, tạo lúc"
            f" {_local_time(str(header.get('created_at', '')))}")


def init_from_setup(database: Path, setup_file: Path, passphrase: str,
                    actor: str = "system") -> Store:
    """Create this machine's database from the city's set-up package and return it open.

    The database file must not exist yet (an existing database is never overwritten).
    """
    from storage import keystore
    from storage.store import Store

    database = Path(database)
    if database.exists() and database.stat().st_size > 0:
        raise ValidationError(f"Tệp {database} đã có; thiết lập chỉ tạo tệp dữ liệu mới."
                              " / The database already exists.")
    used = _setup_use(setup_file)
    if used is not None:
        raise ValidationError(
            f"Gói thiết lập {Path(setup_file).name} đã được dùng để thiết lập một máy lúc"
            f" {_local_time(str(used.get('used_at', '')))}. Dùng lại sẽ tạo hai máy cùng một"
            " định danh, và thay đổi của hai máy sẽ lẫn vào nhau. Nếu máy trước bị hỏng hoặc"
            " mất, hãy đề nghị thành phố tạo gói mới (Thay máy). / This set-up package was"
            " used already; ask the city office for a new one.")
    contents = read_setup(setup_file, passphrase)
    if int(contents.get("format_version", 0)) > FORMAT_VERSION:
        raise ValidationError("Gói thiết lập được tạo bằng phiên bản Tự Quản mới hơn; hãy cập"
                              " nhật chương trình. / The package comes from a newer version.")
    site = contents["site"]
    upstream = contents["upstream"]
    store = Store(database, actor=actor)
    try:
        db = store.db
        with store.transaction():
            db.execute("PRAGMA defer_foreign_keys = ON")
            keystore.save_keys(store, KeyPairs(**site["keys"]))  # sealed, in this transaction
            for key, value in {
                "site_id": site["site_id"], META_ROLE: "ward", META_UNIT: site["unit_id"],
                META_NAME: site["name"],
                **contents.get("meta", {}),
            }.items():
                store.set_meta(key, value)
            for spec in TABLES:
                table = contents["tables"].get(spec.name)
                if table and table["rows"]:
                    # Upsert: a new database already holds the built-in indicators.
                    store.sync._write_rows(spec, [dict(zip(table["columns"], row, strict=True))
                                                  for row in table["rows"]])
            db.conn.executemany(
                "INSERT OR IGNORE INTO lineage_links (event_id, unit_id, role) VALUES (?, ?, ?)",
                contents["lineage_links"])
            for origin, seq in contents["progress"].items():
                db.execute("INSERT INTO sync_progress (origin_site, seq) VALUES (?, ?)",
                           [origin, int(seq)])
                # The city holds everything it put in the package: not to be sent back.
                store.sync._raise_ack(upstream["site_id"], origin, int(seq))
            db.execute(
                "INSERT INTO peers (site_id, name, direction, unit_id, signing_public,"
                " box_public, registered_at) VALUES (?, ?, 'upstream', ?, ?, ?, ?)",
                [upstream["site_id"], upstream["name"], upstream["unit_id"],
                 upstream["signing_public"], upstream["box_public"], _utc_now()])
    except BaseException:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        raise
    store.close()
    _mark_setup_used(setup_file, site["site_id"])
    return Store(database, actor=actor)


SETUP_USED_SUFFIX = ".da-dung"


def _setup_use(setup_file: Path) -> dict[str, Any] | None:
    """What the mark beside a set-up package says of its use, or None when it was not used."""
    mark = Path(f"{setup_file}{SETUP_USED_SUFFIX}")
    if not mark.exists():
        return None
    try:
        value = json.loads(mark.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        value = {}
    return value if isinstance(value, dict) else {}


def _mark_setup_used(setup_file: Path, site_id: str) -> None:
    # Beside the package (on the stick it came on): a second use of the same file is refused.
    # A copy of the file made before is caught by the city instead: the two machines' audit
    # trails do not continue each other, so the second machine's packages are refused.
    mark = Path(f"{setup_file}{SETUP_USED_SUFFIX}")
    try:
        _write_atomically(mark, json.dumps({"used_at": _utc_now(), "site_id": site_id})
                          .encode("utf-8"))
    except OSError as error:
        _log.warning("set-up package %s: could not mark it used (%s)", Path(setup_file).name,
                     error)


def rows_by_table(plan: ImportPlan) -> Iterable[tuple[str, int]]:
    """(table label, rows written) of a plan, for short summaries."""
    for spec in TABLES:
        if spec.name in plan.writes:
            yield spec.label, len(plan.writes[spec.name])
