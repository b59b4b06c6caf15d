"""Local accounts, signing in, and the limits each role puts on what the store may write.

Accounts live in this machine's database only (they never travel in a sync package). A password
is kept as a scrypt hash (memory-hard) with its random salt and the KDF's parameters; a few
failed sign-ins make the next tries wait longer and longer.

The limits are enforced by SQLite itself on the store's connection, so no store method, present
or future, can write what the role may not (``Guard``): an authorizer refuses writes to whole
tables (a viewer's, or a city officer's to the criteria) and every change of the schema, and for
a ward officer TEMP triggers refuse any row that does not belong to their ward; for every
session, TEMP triggers keep the machine's identity, its action counter, the anchor of its audit
trail and the record of packages received to what the program itself writes. This protects
against the program's own mistakes, a wrong click and SQL typed on the store's connection; it is
not a protection against someone who copies the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import hmac
import json
import math
import re
import secrets
import sqlite3
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from storage.errors import NotFound, PermissionDenied, StoreError, ValidationError
from storage.ownership import RULES, outside_ward_sql
from storage.text import fold, nfc

if TYPE_CHECKING:
    from storage.store import Store

CITY_ADMIN = "city_admin"
CITY_OFFICER = "city_officer"
WARD_OFFICER = "ward_officer"
VIEWER = "viewer"
ROLE_LABELS = {
    CITY_ADMIN: "Quản trị thành phố",
    CITY_OFFICER: "Cán bộ thành phố",
    WARD_OFFICER: "Cán bộ phường, xã",
    VIEWER: "Chỉ xem và in",
}

# scrypt at n=2**14, r=8, p=1 takes 16 MiB and about 70 ms here: cheap for one sign-in, costly
# for someone trying millions of passwords on a stolen file.
KDF = "scrypt"
KDF_PARAMS = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
SALT_BYTES = 16
MIN_PASSWORD_LENGTH = 8
# After this many failed sign-ins in a row, each further failure makes the account wait:
# 5 s, 10 s, 20 s … up to 15 minutes. A correct password resets the count.
FREE_FAILURES = 3
FIRST_DELAY_SECONDS = 5
MAX_DELAY_SECONDS = 15 * 60
_USERNAME = re.compile(r"^[\w.@-]{2,40}$")

# What each record kind is called in a refusal ("không được sửa hộ gia đình").
TABLE_LABELS = {
    "units": "đơn vị hành chính",
    "lineage_events": "lịch sử chia tách, sáp nhập",
    "lineage_links": "lịch sử chia tách, sáp nhập",
    "households": "hộ gia đình",
    "household_members": "thành viên hộ",
    "household_years": "tình trạng hằng năm của hộ",
    "group_years": "hồ sơ tổ dân phố, bản",
    "group_officers": "cán bộ tổ dân phố, bản",
    "frameworks": "bộ tiêu chí",
    "standards": "tiêu chuẩn của bộ tiêu chí",
    "criteria": "tiêu chí",
    "indicators": "chỉ số của tiêu chí",
    "registrations": "đăng ký phấn đấu",
    "evaluations": "phiếu đánh giá",
    "evaluation_answers": "kết quả đánh giá tiêu chí",
    "stage_approvals": "việc duyệt các bước đánh giá",
    "decisions": "quyết định công nhận",
    "recognitions": "công nhận",
    "certificates": "giấy công nhận",
    "targets": "chỉ tiêu",
    "accounts": "tài khoản",
    "peers": "máy trao đổi dữ liệu",
    "meta": "thiết lập của máy",
    "audit_log": "nhật ký thay đổi",
    "audit_received": "nhật ký thay đổi của máy khác",
    "audit_heads": "dấu xác nhận nhật ký của các máy",
    "machine_keys": "khóa của máy",
    "attach": "tệp dữ liệu khác (ATTACH)",
    "pragma": "thiết lập của tệp dữ liệu (PRAGMA)",
    "guard": "giới hạn quyền của phiên làm việc",
    "certificate_settings": "thiết lập của Giấy công nhận (cơ quan, người ký)",
    "schema": "cấu trúc của tệp dữ liệu (bảng, bảng tạm, trigger, chỉ mục)",
    "function": "hàm nội bộ của SQLite",
    "sync_progress": "tiến độ nhận dữ liệu từ các máy",
    "peer_acks": "xác nhận đã nhận của các máy",
    "sync_packages": "sổ các gói đã gửi, đã nhận",
    "audit_search": "chỉ mục tìm kiếm nhật ký",
    "audit_search_progress": "chỉ mục tìm kiếm nhật ký",
}

# Tables a role may never write (besides what the ward triggers refuse row by row). What was
# received from each machine and what each peer acknowledged decide what travels: only the
# import writes them (with the limits lifted), and the administrator who registers machines.
_ADMIN_ONLY = frozenset({"accounts", "peers", "sync_progress", "peer_acks"})
_CRITERIA = frozenset({"frameworks", "standards", "criteria", "indicators"})
DENIED_TABLES: dict[str, frozenset[str]] = {
    CITY_ADMIN: frozenset(),
    # The city office appraises; the administrator keeps the criteria, the machines and the
    # recognition decisions.
    CITY_OFFICER: _ADMIN_ONLY | _CRITERIA | {"decisions"},
    # Rows of other wards and of the city are refused by the triggers; these tables have no
    # owner column, so they are refused whole.
    WARD_OFFICER: _ADMIN_ONLY | {"lineage_links"},
}
_WRITES = frozenset({sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE})
# Changes of the schema no signed-in session makes: every change of the file's schema (a
# trigger of the file would run later under whoever writes next, and the import and the
# sign-in bookkeeping write with the limits lifted), every trigger of the connection (a temp
# trigger on the file's tables could drop the audit entries of every action) and every
# virtual table. The program's own changes (the guard's triggers, the bulk import's search
# trigger) are made with the limits off.
_SCHEMA_CHANGES = frozenset({
    sqlite3.SQLITE_CREATE_INDEX, sqlite3.SQLITE_CREATE_TABLE, sqlite3.SQLITE_CREATE_TRIGGER,
    sqlite3.SQLITE_CREATE_VIEW, sqlite3.SQLITE_DROP_INDEX, sqlite3.SQLITE_DROP_TABLE,
    sqlite3.SQLITE_DROP_TRIGGER, sqlite3.SQLITE_DROP_VIEW, sqlite3.SQLITE_ALTER_TABLE,
    sqlite3.SQLITE_CREATE_VTABLE, sqlite3.SQLITE_DROP_VTABLE,
    sqlite3.SQLITE_CREATE_TEMP_TRIGGER, sqlite3.SQLITE_DROP_TEMP_TRIGGER,
})
# Temp tables, views and their indexes stay allowed (a screen's scratch table), unless one
# would be named like a table or view of the file: it is found first under that name, so a
# temp "meta" or "audit_log" would take the store's own writes.
_TEMP_OBJECTS = frozenset({
    sqlite3.SQLITE_CREATE_TEMP_TABLE, sqlite3.SQLITE_CREATE_TEMP_VIEW,
    sqlite3.SQLITE_CREATE_TEMP_INDEX,
})
# SQL functions that reach past the data: fts3_tokenizer() reads and sets a tokenizer's
# address in memory (where SQLite is built with it), load_extension() loads a library.
_UNSAFE_FUNCTIONS = frozenset({"fts3_tokenizer", "load_extension"})
_TRIGGER_PREFIX = "tq_guard_"
_REFUSAL = "tq-denied:"


class SignInFailed(StoreError):
    """Wrong name or password, a disabled account, or too many failures: ``retry_after``
    seconds to wait (None when the user may try again at once)."""

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclasses.dataclass(frozen=True)
class Account:
    """A person who signs in on this machine."""

    id: str
    username: str
    full_name: str
    role: str
    unit_id: str | None
    created_at: str
    disabled_at: str | None = None
    last_sign_in_at: str | None = None

    @property
    def disabled(self) -> bool:
        """Whether the account may no longer sign in."""
        return self.disabled_at is not None

    @property
    def role_label(self) -> str:
        """The role in Vietnamese."""
        return ROLE_LABELS.get(self.role, self.role)

    @property
    def can_write(self) -> bool:
        """Whether the role changes data at all (a viewer only reads and prints)."""
        return self.role != VIEWER

    @property
    def is_admin(self) -> bool:
        """Whether this is a city administrator (accounts, criteria, machines, decisions)."""
        return self.role == CITY_ADMIN


def utc_now() -> dt.datetime:
    """The current time (UTC, aware)."""
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _parse(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)


def hash_password(password: str, salt: bytes | None = None,
                  params: dict[str, int] | None = None) -> tuple[str, str, bytes, bytes]:
    """(kdf, parameters as JSON, salt, hash) of ``password`` (NFC, so any keyboard matches)."""
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    params = dict(params or KDF_PARAMS)
    digest = _scrypt(password, salt, params)
    return KDF, json.dumps(params, sort_keys=True), salt, digest


def _scrypt(password: str, salt: bytes, params: dict[str, int]) -> bytes:
    n, r, p = int(params["n"]), int(params["r"]), int(params["p"])
    # scrypt needs 128·n·r bytes; the default cap (32 MiB) would refuse stronger parameters.
    # NFC without touching spaces (a password's spaces count): the same password typed on
    # another keyboard (composed or decomposed accents) gives the same hash.
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, dklen=int(params.get("dklen", 32)),
                          maxmem=256 * n * r + 2**20)


@functools.lru_cache(maxsize=64)
def _cached_hash(password: str, salt: bytes) -> tuple[str, str, bytes, bytes]:
    return hash_password(password, salt)


def verify_password(password: str, kdf: str, params_json: str, salt: bytes,
                    expected: bytes) -> bool:
    """Whether ``password`` gives the stored hash (compared in constant time)."""
    if kdf != KDF:
        return False
    digest = _scrypt(password, bytes(salt), json.loads(params_json))
    return hmac.compare_digest(digest, bytes(expected))


def retry_delay(failed_count: int) -> int:
    """Seconds an account waits after ``failed_count`` failures in a row (0: no wait)."""
    if failed_count < FREE_FAILURES:
        return 0
    return min(FIRST_DELAY_SECONDS * 2 ** (failed_count - FREE_FAILURES), MAX_DELAY_SECONDS)


def _account(row: Any) -> Account:
    return Account(id=row["id"], username=row["username"], full_name=row["full_name"],
                   role=row["role"], unit_id=row["unit_id"], created_at=row["created_at"],
                   disabled_at=row["disabled_at"], last_sign_in_at=row["last_sign_in_at"])


class Accounts:
    """The accounts of this machine (``store.accounts``)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # Tests replace the clock to see the waiting time pass.
        self.clock: Callable[[], dt.datetime] = utc_now

    # -- reading ---------------------------------------------------------------------------

    def all(self, include_disabled: bool = True) -> list[Account]:
        """Every account, by name."""
        sql = "SELECT * FROM accounts"
        if not include_disabled:
            sql += " WHERE disabled_at IS NULL"
        return [_account(row) for row in self.store.query(sql + " ORDER BY username_key")]

    def count(self) -> int:
        """How many accounts exist (disabled ones included): 0 before the first start."""
        return int(self.store.db.execute("SELECT COUNT(*) FROM accounts").fetchone()[0])

    def get(self, account_id: str) -> Account:
        """The account with this id; NotFound when there is none."""
        rows = self.store.query("SELECT * FROM accounts WHERE id = ?", [account_id])
        if not rows:
            raise NotFound(f"Không tìm thấy tài khoản {account_id}")
        return _account(rows[0])

    def find(self, username: str) -> Account | None:
        """The account signing in as ``username`` (accents and case do not matter)."""
        rows = self.store.query("SELECT * FROM accounts WHERE username_key = ?",
                                [fold(username)])
        return _account(rows[0]) if rows else None

    # -- signing in ------------------------------------------------------------------------

    def authenticate(self, username: str, password: str) -> Account:
        """The account when ``password`` is right; SignInFailed otherwise.

        Failures are counted on the account; from the third in a row the account must wait
        before the next try (``SignInFailed.retry_after``), and a try during the wait is refused
        without looking at the password.
        """
        rows = self._with_secrets(username_key=fold(username))
        now = self.clock()
        if not rows:
            # The same work as a real check: the time taken does not tell which names exist.
            hash_password(password, b"\0" * SALT_BYTES)
            raise SignInFailed("Sai tên đăng nhập hoặc mật khẩu. / Wrong user name or password.")
        row = rows[0]
        if row["locked_until"] and now < _parse(row["locked_until"]):
            wait = math.ceil((_parse(row["locked_until"]) - now).total_seconds())
            raise SignInFailed(
                f"Đăng nhập sai nhiều lần: thử lại sau {wait} giây. / Too many failed sign-ins:"
                f" try again in {wait} seconds.", retry_after=wait)
        if not verify_password(password, row["password_kdf"], row["password_params"],
                               row["password_salt"], row["password_hash"]):
            failed = int(row["failed_count"]) + 1
            wait = retry_delay(failed)
            locked = _iso(now + dt.timedelta(seconds=wait)) if wait else None
            self._bookkeeping("UPDATE accounts SET failed_count = ?, locked_until = ?"
                              " WHERE id = ?", [failed, locked, row["id"]])
            message = "Sai tên đăng nhập hoặc mật khẩu."
            if wait:
                message += f" Đã sai {failed} lần liên tiếp: thử lại sau {wait} giây."
            raise SignInFailed(message + " / Wrong user name or password.",
                               retry_after=wait or None)
        if row["disabled_at"]:
            raise SignInFailed(
                f"Tài khoản {row['username']} đã bị khóa. Hãy liên hệ quản trị viên của thành"
                " phố. / The account is disabled.")
        self._bookkeeping("UPDATE accounts SET failed_count = 0, locked_until = NULL,"
                          " last_sign_in_at = ? WHERE id = ?", [_iso(now), row["id"]])
        return self.get(row["id"])

    def sign_in(self, username: str, password: str) -> Account:
        """Check the password and make the store work as this account from now on."""
        account = self.authenticate(username, password)
        self.store.sign_in(account)
        return account

    def _with_secrets(self, **where: str) -> list[Any]:
        # The hash, salt and parameters are read with the limits lifted: a session's own SQL
        # reads them as NULL (Guard).
        [(column, value)] = where.items()
        with self.store.unrestricted():
            return self.store.query(f"SELECT * FROM accounts WHERE {column} = ?", [value])

    def _bookkeeping(self, sql: str, params: list[Any]) -> None:
        # Failure counts and the last sign-in are not data changes: no action, no audit entry,
        # and allowed whatever the signed-in role (the lock screen of a viewer writes them).
        try:
            with self.store.unrestricted():
                self.store.db.execute(sql, params)
        except sqlite3.OperationalError:
            pass  # a read-only copy: signing in still works, the count is not kept

    # -- managing --------------------------------------------------------------------------

    def create_first_admin(self, username: str, full_name: str, password: str) -> Account:
        """Create the first city administrator of a machine that has no account yet."""
        if self.count():
            raise PermissionDenied(
                "Máy này đã có tài khoản; quản trị viên thêm tài khoản mới trong Cài đặt → Tài"
                " khoản. / Accounts already exist.")
        return self._create(username, full_name, CITY_ADMIN, password, None)

    def add(self, username: str, full_name: str, role: str, password: str,
            unit_id: str | None = None) -> Account:
        """Add an account (only a city administrator may)."""
        self._require_admin("thêm tài khoản")
        return self._create(username, full_name, role, password, unit_id)

    def add_unchecked(self, username: str, full_name: str, role: str, password: str,
                      unit_id: str | None = None, salt: bytes | None = None) -> Account:
        """Add an account without the password-length rule (the demo's documented accounts).

        A given ``salt`` makes the hash reproducible (a deterministic demo file); the hash of a
        (password, salt) pair is computed once per process.
        """
        return self._create(username, full_name, role, password, unit_id, check_policy=False,
                            salt=salt)

    def disable(self, account_id: str) -> Account:
        """Stop an account from signing in (only a city administrator; not the last one)."""
        self._require_admin("khóa tài khoản")
        account = self.get(account_id)
        if account.disabled:
            return account
        if self.store.account is not None and self.store.account.id == account_id:
            raise ValidationError("Không tự khóa tài khoản đang đăng nhập.", "account")
        if account.is_admin and self._active_admins() <= 1:
            raise ValidationError("Đây là quản trị viên cuối cùng; hãy thêm quản trị viên khác"
                                  " trước khi khóa.", "account")
        with self.store.action(f"Khóa tài khoản {account.username}") as action:
            self.store.db.execute("UPDATE accounts SET disabled_at = ? WHERE id = ?",
                                  [action.now, account_id])
            action.audit_update("accounts", account_id, {"disabled_at": None},
                                {"disabled_at": action.now})
        return self.get(account_id)

    def enable(self, account_id: str) -> Account:
        """Let a disabled account sign in again (only a city administrator)."""
        self._require_admin("mở khóa tài khoản")
        account = self.get(account_id)
        if not account.disabled:
            return account
        with self.store.action(f"Mở khóa tài khoản {account.username}") as action:
            self.store.db.execute("UPDATE accounts SET disabled_at = NULL, failed_count = 0,"
                                  " locked_until = NULL WHERE id = ?", [account_id])
            action.audit_update("accounts", account_id, {"disabled_at": account.disabled_at},
                                {"disabled_at": None})
        return self.get(account_id)

    def reset_password(self, account_id: str, new_password: str) -> None:
        """Give an account a new password (a city administrator, for someone who forgot it)."""
        self._require_admin("đặt lại mật khẩu")
        account = self.get(account_id)
        self._set_password(account, new_password, f"Đặt lại mật khẩu {account.username}")

    def change_password(self, account_id: str, old_password: str, new_password: str) -> None:
        """Change one's own password; the old one must be given."""
        account = self.get(account_id)
        own = self.store.account
        if own is not None and own.id != account_id:
            raise PermissionDenied("Chỉ đổi được mật khẩu của chính mình. / Only your own.")
        row = self._with_secrets(id=account_id)[0]
        if not verify_password(old_password, row["password_kdf"], row["password_params"],
                               row["password_salt"], row["password_hash"]):
            raise ValidationError("Mật khẩu hiện tại không đúng.", "old_password")
        # Anyone may change their own password, a viewer too: the limits are lifted for it.
        with self.store.unrestricted():
            self._set_password(account, new_password, f"Đổi mật khẩu {account.username}")

    # -- helpers ---------------------------------------------------------------------------

    def _require_admin(self, what: str) -> None:
        account = self.store.account
        if account is not None and not account.is_admin:
            raise PermissionDenied(
                f"Chỉ quản trị viên thành phố mới được {what}; tài khoản {account.username}"
                f" ({account.role_label.lower()}) không được. / Administrators only.")

    def _active_admins(self) -> int:
        return int(self.store.db.execute(
            "SELECT COUNT(*) FROM accounts WHERE role = ? AND disabled_at IS NULL",
            [CITY_ADMIN]).fetchone()[0])

    def _create(self, username: str, full_name: str, role: str, password: str,
                unit_id: str | None, check_policy: bool = True,
                salt: bytes | None = None) -> Account:
        from storage.store import new_id

        username = nfc(username)
        full_name = nfc(full_name)
        if not _USERNAME.match(username):
            raise ValidationError(
                "Tên đăng nhập gồm 2–40 chữ cái, chữ số hoặc dấu . _ - @, không có dấu cách.",
                "username")
        if self.find(username) is not None:
            raise ValidationError(f"Tên đăng nhập '{username}' đã có.", "username")
        if role not in ROLE_LABELS:
            raise ValidationError(f"Vai trò không hợp lệ: {role}", "role")
        if role == WARD_OFFICER:
            if not unit_id:
                raise ValidationError("Cán bộ phường, xã cần chọn phường, xã.", "unit_id")
            if self.store.units.get(unit_id).level != "ward":
                raise ValidationError("Đơn vị của cán bộ phải là một phường, xã.", "unit_id")
        else:
            unit_id = None
        if check_policy:
            _check_password(password)
        kdf, params, salt, digest = (_cached_hash(password, salt) if salt is not None
                                     else hash_password(password))
        account_id = new_id()
        row = {"id": account_id, "username": username, "username_key": fold(username),
               "full_name": full_name, "role": role, "unit_id": unit_id}
        with self.store.action(f"Thêm tài khoản {username}") as action:
            self.store.db.table("accounts").insert({
                **row, "password_kdf": kdf, "password_params": params, "password_salt": salt,
                "password_hash": digest, "password_changed_at": action.now,
                "created_at": action.now, "created_by": self.store.actor})
            # Never the password or its hash: the audit trail travels to the city.
            action.audit("accounts", account_id, "insert",
                         {k: v for k, v in row.items() if k != "username_key"})
        return self.get(account_id)

    def _set_password(self, account: Account, new_password: str, name: str) -> None:
        _check_password(new_password)
        kdf, params, salt, digest = hash_password(new_password)
        old = self.store.query("SELECT password_changed_at FROM accounts WHERE id = ?",
                               [account.id])[0]["password_changed_at"]
        with self.store.action(name) as action:
            self.store.db.execute(
                "UPDATE accounts SET password_kdf = ?, password_params = ?, password_salt = ?,"
                " password_hash = ?, password_changed_at = ?, failed_count = 0,"
                " locked_until = NULL WHERE id = ?",
                [kdf, params, salt, digest, action.now, account.id])
            action.audit_update("accounts", account.id, {"password_changed_at": old},
                                {"password_changed_at": action.now})


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.", "password")
    if not password.strip():
        raise ValidationError("Mật khẩu không được chỉ có dấu cách.", "password")


class Guard:
    """The limits of a signed-in account on the store's connection (see the module docstring).

    ``install`` puts them on, ``remove`` takes them off, ``lifted`` suspends them for a block.
    """

    def __init__(self, store: Store, account: Account) -> None:
        self.store = store
        self.account = account
        self.denied = DENIED_TABLES.get(account.role, frozenset())
        self.ward_name = ""
        self._lifted = 0
        self._last_denied: str | None = None
        self._triggers: list[str] = []
        self._file_names: frozenset[str] = frozenset()

    @property
    def active(self) -> bool:
        """Whether the limits apply now (not inside ``lifted``)."""
        return self._lifted == 0

    def install(self) -> None:
        """Put the limits on the connection."""
        conn = self.store.db.conn
        conn.create_function("tq_restricted", 0, lambda: int(self._lifted == 0))
        # Whether the store is inside one of its actions: only an action appends to the trail.
        conn.create_function("tq_in_action", 0,
                             lambda: int(getattr(self.store, "_action", None) is not None))
        # INSERT OR REPLACE removes the conflicting row without a DELETE trigger unless
        # recursive triggers are on: with them, replacing a row the guard keeps is refused too.
        conn.execute("PRAGMA recursive_triggers = ON")
        # No session changes the file's schema, so its names are read once.
        self._file_names = frozenset(row[0].lower() for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"))
        self._create_machine_triggers()
        ward_id = self.account.unit_id if self.account.role == WARD_OFFICER else None
        if self.store.sync.role == "ward":
            # A ward's machine writes its ward's records only, whoever signs in (even its
            # administrator): the city would reject anything else anyway.
            ward_id = self.store.sync.unit_id()
        if ward_id:
            self.ward_name = self.store.units.get(ward_id).name
            self._create_ward_triggers(ward_id)
        # Every signed-in session, the administrator's too, is kept from removing its own
        # limits, rewriting the audit trail, reading the key material or reaching other files.
        conn.set_authorizer(self._authorize)

    def remove(self) -> None:
        """Take the limits off the connection."""
        conn = self.store.db.conn
        # Setting an authorizer (not None) expires every prepared statement: none compiled
        # under the limits (a hidden column read as NULL) is run again without them.
        conn.set_authorizer(_allow_all)
        conn.set_authorizer(None)
        for name in self._triggers:
            conn.execute(f"DROP TRIGGER IF EXISTS temp.{name}")
        conn.execute("PRAGMA recursive_triggers = OFF")
        self._triggers = []

    @contextmanager
    def lifted(self) -> Iterator[None]:
        """Inside: no limits (restored after, also on error)."""
        conn = self.store.db.conn
        self._lifted += 1
        if self._lifted == 1:
            # Not None: that would keep the statements compiled under the limits (a hidden
            # column read as NULL); an authorizer that allows all expires them.
            conn.set_authorizer(_allow_all)
        try:
            yield
        finally:
            self._lifted -= 1
            if self._lifted == 0:
                # Setting an authorizer expires every prepared statement, so a statement
                # prepared while lifted is checked again before it runs again.
                conn.set_authorizer(self._authorize)

    def check_action(self, name: str) -> None:
        """Refuse a whole action before it starts when the role changes nothing (a viewer)."""
        if self.active and not self.account.can_write:
            raise PermissionDenied(
                f"Tài khoản {self.account.username} chỉ được xem và in, không được thay đổi dữ"
                f" liệu ({name}). / Permission denied: a read-only account.")

    def denial(self, error: BaseException, action_name: str) -> PermissionDenied | None:
        """The PermissionDenied that ``error`` (raised by SQLite) stands for, or None."""
        if not isinstance(error, sqlite3.DatabaseError):
            return None
        text = str(error)
        who = f"Tài khoản {self.account.username} ({self.account.role_label.lower()})"
        if text.startswith(_REFUSAL):
            why, _, table = text[len(_REFUSAL):].partition(":")
            label = TABLE_LABELS.get(table, table)
            if why == "machine":
                return PermissionDenied(
                    f"{who} không được tự sửa {label} bằng lệnh riêng ({action_name}): chỉ"
                    " chương trình ghi các mục này. Dữ liệu không thay đổi. / Permission"
                    " denied: the program keeps these records.")
            if why == "office":
                return PermissionDenied(
                    f"{who} không được sửa {label}: đó là việc của cấp trên (phòng Nội vụ,"
                    f" UBND cấp trên) ({action_name}). Dữ liệu không thay đổi. Hãy đề nghị cấp"
                    " trên sửa. / Permission denied: the office above keeps these records.")
            return PermissionDenied(
                f"{who} chỉ được sửa dữ liệu của {self.ward_name}; {label} này thuộc đơn vị"
                f" khác ({action_name}). Dữ liệu không thay đổi. Nếu cần sửa, hãy nhờ cán bộ của"
                " đơn vị đó hoặc quản trị viên thành phố. / Permission denied: another unit's"
                " record.")
        if "not authorized" in text and self._last_denied:
            label = TABLE_LABELS.get(self._last_denied, self._last_denied)
            return PermissionDenied(
                f"{who} không được sửa {label} ({action_name}). Dữ liệu không thay đổi."
                " / Permission denied.")
        return None

    def _authorize(self, action: int, arg1: str | None, arg2: str | None,
                   database: str | None, _source: str | None) -> int:
        # Called when SQLite prepares a statement (not per row), so it costs nothing per row.
        if action == sqlite3.SQLITE_READ and (arg1, arg2) in _HIDDEN_COLUMNS:
            return sqlite3.SQLITE_IGNORE  # read as NULL: SELECT * of accounts still works
        refusal = _protected(action, arg1, arg2, self._file_names)
        if refusal is not None:
            self._last_denied = refusal
            return sqlite3.SQLITE_DENY
        if database != "main":
            return sqlite3.SQLITE_OK  # the guard's own triggers, a screen's scratch tables
        if action in _WRITES and (not self.account.can_write or arg1 in self.denied):
            self._last_denied = arg1
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    def _create_ward_triggers(self, ward_id: str) -> None:
        # The rules of storage/ownership.py as SQL: a row is refused when it is the office's
        # work or one of its anchors (its group, its household's group, its evaluation's
        # group…) does not reach this ward, before the write (NEW) and after it (OLD). The
        # row's own owner_unit_id column is never believed.
        ward = "'" + ward_id.replace("'", "''") + "'"
        for rule in RULES:
            # Two refusals, so the message says which: the office's work, or another unit's.
            if rule.work == "office":
                for operation in ("insert", "update", "delete"):
                    self._refusal_trigger(rule.table, operation, "1", "office")
                continue
            office_new, office_old = rule.office_work_sql("NEW"), rule.office_work_sql("OLD")
            for operation, condition in {"insert": office_new,
                                         "update": f"({office_old} OR {office_new})",
                                         "delete": office_old}.items():
                if condition not in ("0", "(0 OR 0)"):
                    self._refusal_trigger(rule.table, operation, condition, "office")
            outside_new = outside_ward_sql(rule, "NEW", ward)
            outside_old = outside_ward_sql(rule, "OLD", ward)
            for operation, condition in {"insert": outside_new,
                                         "update": f"({outside_old} OR {outside_new})",
                                         "delete": outside_old}.items():
                self._refusal_trigger(rule.table, operation, condition, "unit")
        # The links of the tree's history have no anchor of their own: the office's work.
        for operation in ("insert", "update", "delete"):
            self._refusal_trigger("lineage_links", operation, "1", "office")
        # So is what the office's certificates say and who signs them (a setting in meta).
        from storage.certificates import SETTINGS_KEY

        key = _sql_list((SETTINGS_KEY,))
        for operation, condition in {"insert": f"NEW.key = {key}",
                                     "update": f"(OLD.key = {key} OR NEW.key = {key})",
                                     "delete": f"OLD.key = {key}"}.items():
            self._refusal_trigger("meta", operation, condition, "office", SETTINGS_KEY)

    def _create_machine_triggers(self) -> None:
        # What no session writes with SQL of its own, whatever its role: the machine's
        # identity and role (a ward's machine made the city's would lift its limits at the next
        # sign-in), the settings the program keeps for itself, the action counter (only ever
        # one up: turned back, new changes would never travel), the anchor of the trail (only
        # the hash of its last entry), the trail itself (appended by the store's actions only)
        # and the record of packages received (a package marked imported would be skipped).
        from storage.keystore import LEGACY_META_KEYS
        from storage.sealed_backup import BACKUP_KEY_META
        from storage.store import META_OWN_HEAD
        from storage.sync import META_ACKNOWLEDGED, META_NAME, META_ROLE, META_UNIT

        kept = ("site_id", "created_at", META_ROLE, META_UNIT, META_NAME, META_ACKNOWLEDGED,
                BACKUP_KEY_META, *LEGACY_META_KEYS)
        guarded = _sql_list((*kept, "change_seq", META_OWN_HEAD))
        next_seq = ("CAST(NEW.value AS INTEGER) = 1 + COALESCE((SELECT CAST(value AS INTEGER)"
                    " FROM main.meta WHERE key = 'change_seq'), 0)"
                    " AND CAST(CAST(NEW.value AS INTEGER) AS TEXT) = NEW.value")
        last_hash = "NEW.value IS (SELECT hash FROM main.audit_log ORDER BY seq DESC LIMIT 1)"
        wrong_new = (f"(NEW.key IN ({_sql_list(kept)})"
                     f" OR (NEW.key = 'change_seq' AND NOT ({next_seq}))"
                     f" OR (NEW.key = '{META_OWN_HEAD}' AND NOT ({last_hash})))")
        for operation, condition in {
                "insert": wrong_new,
                "update": f"((OLD.key IN ({guarded}) AND OLD.key IS NOT NEW.key) OR {wrong_new})",
                "delete": f"OLD.key IN ({guarded})"}.items():
            self._refusal_trigger("meta", operation, condition, "machine")
        self._refusal_trigger("audit_log", "insert", "NOT tq_in_action()", "machine")
        self._refusal_trigger("sync_packages", "insert", "NEW.direction IS NOT 'out'", "machine")
        for operation in ("update", "delete"):
            self._refusal_trigger("sync_packages", operation, "1", "machine")

    def _refusal_trigger(self, table: str, operation: str, condition: str, why: str,
                         what: str | None = None) -> None:
        # ``what`` names the records in the refusal (TABLE_LABELS) when it is not the table.
        name = f"{_TRIGGER_PREFIX}{table}_{operation}_{why}"
        self.store.db.conn.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS {name} BEFORE {operation.upper()}"
            f" ON main.{table} WHEN tq_restricted() AND {condition}"
            f" BEGIN SELECT RAISE(ABORT, '{_REFUSAL}{why}:{what or table}'); END")
        self._triggers.append(name)


# Tables no signed-in session writes with SQL of its own: the audit trail (entries are only
# appended, by the store's action), what other machines' entries and chain heads say, the key
# material (read and written by storage/keystore.py with the limits lifted), the schema itself.
_APPEND_ONLY = frozenset({"audit_log"})
# The audit view's search index is the program's too: a row taken out of it hides an entry.
_UNTOUCHABLE = frozenset({"audit_received", "audit_heads", "machine_keys", "sqlite_sequence",
                          "audit_search", "audit_search_progress"})
_UNREADABLE = frozenset({"machine_keys"})
# Columns a session reads as NULL: with an account's salt and hash, passwords can be tried
# offline at leisure (sign-in reads them with the limits lifted).
_HIDDEN_COLUMNS = frozenset({("accounts", "password_hash"), ("accounts", "password_salt"),
                             ("accounts", "password_params")})
# PRAGMAs a session may run: reading ones (with or without an argument naming a table), and the
# few settings that only make the connection stricter or safer.
_READING_PRAGMAS = frozenset({
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
    "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check", "user_version",
    "application_id", "data_version", "page_count", "page_size", "freelist_count",
    "schema_version", "journal_mode", "foreign_keys", "recursive_triggers", "busy_timeout",
    "compile_options", "database_list", "function_list", "pragma_list", "collation_list",
    "encoding", "synchronous", "defer_foreign_keys", "secure_delete", "query_only",
    "wal_checkpoint",
})
_SETTABLE_PRAGMAS = {"query_only": {"1", "on", "true"}, "secure_delete": {"1", "on", "true"},
                     "foreign_keys": {"1", "on", "true"},
                     "defer_foreign_keys": {"1", "on", "true"}}
_ARGUMENT_PRAGMAS = frozenset({
    "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list",
    "foreign_key_check", "integrity_check", "quick_check", "wal_checkpoint",
})


def _allow_all(_action: int, _arg1: str | None, _arg2: str | None, _database: str | None,
               _source: str | None) -> int:
    """An authorizer that allows everything (the limits lifted)."""
    return sqlite3.SQLITE_OK


def _sql_list(values: tuple[str, ...]) -> str:
    """Texts as a list of SQL literals."""
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def _protected(action: int, arg1: str | None, arg2: str | None,
               file_names: frozenset[str] = frozenset()) -> str | None:
    """What ``action`` would break of the guard itself (a name for the refusal), or None.

    ``file_names``: the tables and views of the file, in lower case (a temp object may not
    take one of their names)."""
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return "attach"
    if action == sqlite3.SQLITE_PRAGMA:
        name = (arg1 or "").lower()
        if name not in _READING_PRAGMAS:
            return "pragma"
        if arg2 is not None and name not in _ARGUMENT_PRAGMAS:
            if arg2.strip().lower() not in _SETTABLE_PRAGMAS.get(name, set()):
                return "pragma"
        return None
    if action in (sqlite3.SQLITE_DROP_TEMP_TRIGGER, sqlite3.SQLITE_DROP_TRIGGER) and (
            arg1 or "").lower().startswith(_TRIGGER_PREFIX):
        return "guard"
    if action in _SCHEMA_CHANGES:
        return "schema"
    if action in _TEMP_OBJECTS:
        # A temp index is named apart from its (temp) table: the table is the second name.
        temp_name = (arg2 if action == sqlite3.SQLITE_CREATE_TEMP_INDEX else arg1) or ""
        if temp_name.lower() in file_names or temp_name.lower().startswith("sqlite_"):
            return "schema"
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in _UNSAFE_FUNCTIONS:
        return "function"
    if action in (sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE) and arg1 in _APPEND_ONLY:
        return arg1
    if action in _WRITES and arg1 in _UNTOUCHABLE:
        return arg1
    if action == sqlite3.SQLITE_READ and arg1 in _UNREADABLE:
        return arg1
    return None
