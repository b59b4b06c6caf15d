"""The Store: one SQLite file, its pragmas, migrations, transactions and audit trail.

The domain lives in sub-objects (``store.units``, ``store.households``, ``store.cycle``) so the
GUI, the command line and the tests all call the same methods and never write SQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from storage import file_identity
from storage import migrations as schema
from storage.backup import backup_database, backup_path_for
from storage.errors import (
    DatabaseDamaged,
    PermissionDenied,
    SchemaTooNew,
    StoreError,
    storage_error,
)

if TYPE_CHECKING:
    from storage.accounts import Account, Guard

_log = logging.getLogger("tuquan.store")

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 5.0
GENESIS_HASH = "0" * 64
# The hash of the last entry of this machine's own audit chain (written with each action).
META_OWN_HEAD = "audit_head"


def utc_now() -> str:
    """The current UTC time as ISO 8601 with milliseconds and a Z."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def new_id() -> str:
    """A new random UUID as text: the identity of every travelling record."""
    return str(uuid.uuid4())


def _canonical(entry: dict[str, Any]) -> str:
    return json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """``{"field": [old, new]}`` for the fields of ``new`` whose value differs in ``old``."""
    return {name: [old.get(name), value] for name, value in new.items()
            if old.get(name) != value}


def audit_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    """The chained hash of an audit entry: sha256 over the previous hash and the entry."""
    return hashlib.sha256((prev_hash + _canonical(entry)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Changes:
    """What one committed write changed: per table, the ids of the records written.

    Every action announces one after its commit (``Store.listen``), and so does a package
    applied from another machine, so every view can decide from it what to read again instead
    of each edit having to know which views to tell.
    """

    name: str
    records: Mapping[str, frozenset[str]]

    @property
    def tables(self) -> frozenset[str]:
        """The tables written."""
        return frozenset(self.records)

    def touches(self, *tables: str) -> bool:
        """Whether any of ``tables`` was written."""
        return any(table in self.records for table in tables)


ChangeListener = Callable[[Changes], None]


@dataclass
class Action:
    """One user action: one transaction, one change sequence number, its audit entries."""

    store: Store
    name: str
    seq: int
    now: str
    _prev_hash: str
    changed_tables: set[str] = field(default_factory=set)
    # Per table, the ids of the records written (their audit entries name them).
    changed_records: dict[str, set[str]] = field(default_factory=dict)

    @property
    def changes(self) -> Changes:
        """What this action changed so far."""
        return Changes(self.name, {table: frozenset(ids)
                                   for table, ids in self.changed_records.items()})

    def tombstone(self, table: str, where: str, params: Sequence[Any] = ()) -> int:
        """Mark the live rows of ``table`` matching ``where`` deleted, with this action's stamp.

        Rows are never removed (the deletion has to travel): ``deleted_at`` and the three sync
        columns are written here, in one place. Returns how many rows were marked; the caller
        audits them.
        """
        return self.tombstone_many(table, where, [params])

    def tombstone_many(self, table: str, where: str, rows: Iterable[Sequence[Any]]) -> int:
        """``tombstone`` once per parameter row (one prepared statement)."""
        stamp = [self.now, self.now, self.seq, self.store.site_id]
        cursor = self.store.db.conn.executemany(
            f"UPDATE {table} SET deleted_at = ?, modified_at = ?, change_seq = ?,"
            f" modified_site = ? WHERE ({where}) AND deleted_at IS NULL",
            [[*stamp, *params] for params in rows])
        self.touched(table)
        return cursor.rowcount

    def touched(self, table: str, record_ids: Iterable[str] = ()) -> None:
        """Note a write that has no audit entry of its own (views are told about it too)."""
        self.changed_tables.add(table)
        self.changed_records.setdefault(table, set()).update(record_ids)

    @property
    def stamp(self) -> dict[str, Any]:
        """The sync columns every written row gets."""
        return {
            "modified_at": self.now,
            "change_seq": self.seq,
            "modified_site": self.store.site_id,
        }

    def audit(self, table: str, record_id: str, operation: str, changes: dict[str, Any]) -> None:
        """Append an audit entry for one changed record, chained to the previous entry."""
        self.audit_many(table, [(record_id, operation, changes)])

    def audit_update(self, table: str, record_id: str, old: Mapping[str, Any] | None,
                     new: Mapping[str, Any], operation: str | None = None) -> dict[str, Any]:
        """Audit a record's change as ``{"field": [old, new]}`` for the fields that changed.

        ``old`` None means a new record: the entry holds its values (operation "insert").
        Returns what was recorded; nothing is recorded when nothing changed.
        """
        if old is None:
            changes: dict[str, Any] = dict(new)
            operation = operation or "insert"
        else:
            changes = changed_fields(old, new)
            operation = operation or "update"
        if changes or operation != "update":
            self.audit(table, record_id, operation, changes)
        return changes

    def audit_many(self, table: str, entries: list[tuple[str, str, dict[str, Any]]]) -> None:
        """Append audit entries (record id, operation, changes) for many records at once."""
        rows = []
        for record_id, operation, changes in entries:
            entry = {
                "id": new_id(),
                "at": self.now,
                "site_id": self.store.site_id,
                "actor": self.store.actor,
                "action": self.name,
                "change_seq": self.seq,
                "table_name": table,
                "record_id": record_id,
                "operation": operation,
                "changes": _canonical(changes),
            }
            entry_hash = audit_hash(self._prev_hash, entry)
            rows.append({**entry, "prev_hash": self._prev_hash, "hash": entry_hash})
            self._prev_hash = entry_hash
        self.store.db.conn.executemany(
            "INSERT INTO audit_log (id, at, site_id, actor, action, change_seq, table_name,"
            " record_id, operation, changes, prev_hash, hash)"
            " VALUES (:id, :at, :site_id, :actor, :action, :change_seq, :table_name,"
            " :record_id, :operation, :changes, :prev_hash, :hash)",
            rows,
        )
        self.touched(table, (record_id for record_id, _operation, _changes in entries))


class Store:
    """An open database of the program.

    ``Store(path)`` creates the file when it does not exist, refuses a file that is not a
    database of this program or was written by a newer version, backs the file up and runs the
    pending migrations. ``actor`` names who makes the changes (the audit trail records it).
    """

    def __init__(self, path: str | Path, *, actor: str = "system") -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        self.actor = actor
        # The signed-in account (None: the machine's owner at the command line, tests, the
        # demo builder: no limits) and the limits of its role on the connection.
        self.account: Account | None = None
        self._guard: Guard | None = None
        self._owner_actor = actor
        self.backup_made: Path | None = None
        self._action: Action | None = None
        self._savepoints = 0
        self._listeners: list[ChangeListener] = []
        self._closed = False
        if self.path is not None:
            _check_header(self.path)
            if not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(
                str(self.path) if self.path else ":memory:",
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise StoreError(
                f"Không mở được tệp dữ liệu {self.path}: {error}. Kiểm tra đường dẫn và quyền"
                f" ghi. / Cannot open the database file."
            ) from error
        self.db = Database(conn)
        try:
            self._configure()
            self._migrate()
            self.site_id = self._ensure_meta()
        except sqlite3.DatabaseError as error:
            conn.close()
            # A read-only folder or a full disk is not a damaged file: say what it is.
            translated = storage_error(error, self.path)
            if translated is not None and not isinstance(translated, DatabaseDamaged):
                raise translated from error
            raise DatabaseDamaged(
                f"Tệp {self.path} bị hỏng hoặc không phải dữ liệu của Tự Quản ({error}). Hãy"
                " khôi phục từ bản sao lưu gần nhất. / The file is damaged or not a Tự Quản"
                " database."
            ) from error
        except StoreError:
            conn.close()
            raise
        from storage.accounts import Accounts
        from storage.audit import AuditTrail
        from storage.certificates import Certificates
        from storage.criteria import Frameworks
        from storage.cycle import Cycle
        from storage.evaluation import Evaluations
        from storage.groups import Groups
        from storage.households import Households
        from storage.sync import Sync
        from storage.units import Units

        self.units = Units(self)
        self.households = Households(self)
        self.groups = Groups(self)
        self.cycle = Cycle(self)
        self.frameworks = Frameworks(self)
        self.evaluations = Evaluations(self)
        self.certificates = Certificates(self)
        self.accounts = Accounts(self)
        self.audit_trail = AuditTrail(self)
        self.sync = Sync(self)
        # Keys an older file kept in plain text are sealed now, once (storage/keystore.py).
        from storage.keystore import convert_plaintext_keys

        convert_plaintext_keys(self)

    # -- opening ---------------------------------------------------------------------------

    def _configure(self) -> None:
        # Before anything writes (switching to WAL rewrites the header): another program's
        # database is refused as it is (file_identity).
        unmarked = file_identity.require_ours(self.db.conn, self.path)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        if self.path is not None:
            self.db.execute("PRAGMA journal_mode = WAL")
            # FULL: a saved record survives a power cut, at a small cost per transaction.
            self.db.execute("PRAGMA synchronous = FULL")
        if unmarked:  # a new file, or one made before files were marked
            file_identity.mark(self.db.conn)

    def _migrate(self) -> None:
        known = schema.known_names()
        applied = [m.name for m in schema.migrations.applied(self.db)]
        unknown = [name for name in applied if name not in known]
        user_version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if unknown or user_version > len(known):
            raise SchemaTooNew(
                f"Tệp {self.path} được ghi bởi phiên bản Tự Quản mới hơn (lược đồ"
                f" {max(user_version, len(applied))}, phiên bản này hiểu đến {len(known)})."
                " Hãy cập nhật chương trình. / The file was written by a newer version;"
                " please update the program."
            )
        pending = schema.migrations.pending(self.db)
        if not pending:
            return
        if applied and self.path is not None:
            target = backup_path_for(self.path, "before-migration")
            backup_database(self.db.conn, target)
            self.backup_made = target
        _log.info("migrating %s: %d pending (%s)%s", self.path or ":memory:", len(pending),
                  ", ".join(m.name for m in pending),
                  f", backup {self.backup_made}" if self.backup_made else "")
        schema.migrations.apply(self.db)
        self.db.execute(f"PRAGMA user_version = {len(known)}")

    def _ensure_meta(self) -> str:
        rows = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        if "site_id" in rows:
            return rows["site_id"]
        site_id = new_id()
        with self.db.atomic():
            self.db.table("meta").insert_all(
                [
                    {"key": "site_id", "value": site_id},
                    {"key": "created_at", "value": utc_now()},
                    {"key": "change_seq", "value": "0"},
                ],
                replace=True,
            )
        return site_id

    @property
    def schema_version(self) -> int:
        """The number of migrations applied to this file."""
        return len(schema.migrations.applied(self.db))

    @property
    def closed(self) -> bool:
        """Whether ``close`` was called (a notice delivered late must not read it)."""
        return self._closed

    def close(self) -> None:
        """Close the file (a WAL checkpoint runs so the .sqlite file alone is complete)."""
        self._closed = True
        self._listeners.clear()
        if self.path is not None:
            try:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass  # busy or read-only: the WAL file keeps the data safe
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- meta ------------------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """A value of the meta table (site identity, settings of the installation)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the meta table (inside the current action when there is one)."""
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    @property
    def change_seq(self) -> int:
        """The sequence number of the last local action that changed data."""
        return int(self.get_meta("change_seq", "0") or 0)

    def pending_changes(self, acknowledged: int | None = None) -> int:
        """How many local actions changed data since the last package the city acknowledged
        (or since the action number ``acknowledged``, for another peer)."""
        sent = (int(self.get_meta("acknowledged_seq", "0") or 0) if acknowledged is None
                else acknowledged)
        row = self.db.execute(
            "SELECT COUNT(DISTINCT change_seq) FROM audit_log WHERE change_seq > ?"
            " AND site_id = ?",
            [sent, self.site_id],
        ).fetchone()
        return int(row[0])

    # -- actions ---------------------------------------------------------------------------

    @contextmanager
    def action(self, name: str) -> Iterator[Action]:
        """Run one user action as one transaction with one change sequence number.

        Nested calls join the outer action, so a composite action stays one transaction.
        """
        if self._action is not None:
            yield self._action
            return
        if self._guard is not None:
            try:
                self._guard.check_action(name)
            except PermissionDenied:
                _log.warning("refused for %s: %s", self.actor, name)
                raise
        try:
            with self.transaction(name):
                seq = self.change_seq + 1
                self.set_meta("change_seq", str(seq))
                last = self.db.execute(
                    "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1"
                ).fetchone()
                start_hash = last[0] if last else GENESIS_HASH
                self._action = Action(self, name, seq, utc_now(), start_hash)
                yield self._action
                if self._action._prev_hash != start_hash:
                    # The chain's end, kept apart from the chain: cutting the tail off (or
                    # deleting the whole trail) no longer goes unseen by verify_audit_chain.
                    self.set_meta(META_OWN_HEAD, self._action._prev_hash)
                changes = self._action.changes
        finally:
            self._action = None
        if changes.records:
            self.announce(changes)

    def listen(self, listener: ChangeListener) -> Callable[[], None]:
        """Call ``listener`` with the Changes of every committed write from now on (on the
        thread that wrote); returns the function that stops it."""
        self._listeners.append(listener)

        def stop() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)
        return stop

    def announce(self, changes: Changes) -> None:
        """Tell every listener what a committed write changed. A listener that fails is
        logged: the data is saved whatever a view does with the notice."""
        for listener in list(self._listeners):
            try:
                listener(changes)
            except Exception:  # noqa: BLE001  (a view's fault must not undo a saved action)
                _log.exception("a change listener failed after %s", changes.name)

    @contextmanager
    def transaction(self, name_of_work: str = "thay đổi dữ liệu") -> Iterator[None]:
        """The one way the store's connection writes: a transaction, or a savepoint in one.

        Outside a transaction: BEGIN IMMEDIATE, COMMIT at the end, ROLLBACK on any error. Inside
        one (an action, a package being applied): a savepoint, released at the end or rolled
        back to on an error, so the outer transaction decides. A full disk, a read-only folder
        or a drive pulled out become StoreErrors that say so in words on every path that
        writes, and so does a write the signed-in role may not make (PermissionDenied naming
        ``name_of_work``).
        """
        conn = self.db.conn
        if conn.in_transaction:
            self._savepoints += 1
            name = f"tq_savepoint_{self._savepoints}"
            try:
                conn.execute(f"SAVEPOINT {name}")
                try:
                    yield
                    conn.execute(f"RELEASE {name}")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute(f"ROLLBACK TO {name}")
                        conn.execute(f"RELEASE {name}")
                    raise
            except sqlite3.Error as error:
                raise self._explained(error, name_of_work) from error
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass  # the drive is gone: the error says why; SQLite rolls back later
                raise
        except sqlite3.Error as error:
            raise self._explained(error, name_of_work) from error

    def _explained(self, error: sqlite3.Error, name_of_work: str) -> Exception:
        # A write the signed-in role may not make, or a failure of the disk or the file, in
        # words; anything else as it is.
        denied = self._guard.denial(error, name_of_work) if self._guard is not None else None
        if denied is not None:
            _log.warning("refused for %s: %s", self.actor, name_of_work)
            return denied
        return storage_error(error, self.path) or error

    @contextmanager
    def unrestricted(self) -> Iterator[None]:
        """Inside: writes are not checked against the signed-in account's rights.

        Only for applying data whose right to be written was checked another way (a verified
        sync package, where ownership is checked per record). The limits come back after the
        block, also when it raises.
        """
        if self._guard is None:
            yield
            return
        with self._guard.lifted():
            yield

    def sign_in(self, account: Account) -> None:
        """Work as ``account`` from now on: the audit trail names it and every write the
        role does not allow is refused with PermissionDenied, whatever method makes it.

        ``store.accounts.sign_in(name, password)`` checks the password first; this method
        trusts the caller (tests, the GUI after its login dialog).
        """
        from storage.accounts import Guard

        if account.disabled:
            raise PermissionDenied(f"Tài khoản {account.username} đã bị khóa. / Disabled.")
        self.sign_out()
        guard = Guard(self, account)
        guard.install()
        self._guard = guard
        self.account = account
        self.actor = account.username

    def sign_out(self) -> None:
        """Stop working as the signed-in account (the store is the owner's again)."""
        if self._guard is not None:
            self._guard.remove()
        self._guard = None
        self.account = None
        self.actor = self._owner_actor

    def bulk_insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Insert many rows of the same shape with one prepared statement (bulk builds)."""
        if not rows:
            return
        columns = list(rows[0])
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        self.db.conn.executemany(sql, [[row[c] for c in columns] for row in rows])

    @contextmanager
    def households_bulk(self) -> Iterator[None]:
        """Inside an action: insert many households with the search index rebuilt once.

        The per-row index trigger costs more than the rows themselves on a bulk build; it is
        dropped for the duration and restored from its own stored definition, in the same
        transaction, so a failure leaves it as it was.
        """
        name = "households_fts_insert"
        row = self.db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]
        ).fetchone()
        # The program's own schema change: no signed-in session may make one (the guard).
        with self.unrestricted():
            self.db.execute(f"DROP TRIGGER {name}")
        try:
            yield
        finally:
            with self.unrestricted():
                self.db.execute(row[0])
        self.db.execute("INSERT INTO households_fts(households_fts) VALUES ('rebuild')")

    def upsert(self, table: str, row: dict[str, Any], key: tuple[str, ...]) -> None:
        """Insert a row, or update the row with the same key columns (one statement)."""
        columns = list(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
        self.db.execute(
            f"INSERT INTO {table} ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})"
            f" ON CONFLICT({', '.join(key)}) DO UPDATE SET {updates}",
            [row[c] for c in columns],
        )

    def query(self, sql: str, params: Any = None) -> list[sqlite3.Row]:
        """Run a read-only query and return rows that index by column name (store use only)."""
        cursor = self.db.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params or []).fetchall()

    def backup(self, target: Path | None = None, reason: str = "manual") -> Path:
        """Copy the database with SQLite's online backup API and return the copy's path."""
        if self.path is None:
            raise StoreError("Cơ sở dữ liệu trong bộ nhớ không sao lưu được.")
        destination = target or backup_path_for(self.path, reason)
        backup_database(self.db.conn, destination)
        return destination

    def verify_audit_chain(self) -> list[str]:
        """Check the audit trail's hash chain; return the problems found (empty when intact)."""
        problems: list[str] = []
        prev = GENESIS_HASH
        for row in self.query("SELECT * FROM audit_log ORDER BY seq"):
            entry = {
                key: row[key]
                for key in (
                    "id",
                    "at",
                    "site_id",
                    "actor",
                    "action",
                    "change_seq",
                    "table_name",
                    "record_id",
                    "operation",
                    "changes",
                )
            }
            if row["prev_hash"] != prev:
                problems.append(f"Mục nhật ký {row['seq']}: mắt xích trước bị thiếu hoặc bị sửa")
            if audit_hash(row["prev_hash"], entry) != row["hash"]:
                problems.append(f"Mục nhật ký {row['seq']}: nội dung đã bị sửa")
            prev = row["hash"]
        own_head = self.get_meta(META_OWN_HEAD)
        if own_head is not None and own_head != prev:
            problems.append("Nhật ký thay đổi của máy này bị cắt bớt hoặc bị xóa: mục cuối không"
                            " còn là mục đã ghi sau cùng")
        # What other machines sent, against the heads they signed (storage/audit_heads.py).
        from storage.audit_heads import held_chain_problems

        return problems + held_chain_problems(self)


def _check_header(path: Path) -> None:
    if not path.exists():
        return
    if path.stat().st_size == 0:
        # An empty file that had data is not a new database to fill: its backups are offered.
        if file_identity.lost_empty_file(path):
            raise DatabaseDamaged(file_identity.lost_empty_file_message(path))
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseDamaged(
            f"Tệp {path} không phải là cơ sở dữ liệu SQLite (có thể đã hỏng). Hãy chọn đúng tệp"
            " hoặc khôi phục từ bản sao lưu. / The file is not an SQLite database."
        )
