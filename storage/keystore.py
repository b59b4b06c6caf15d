"""This machine's private keys, sealed under a secret that is not in the database file.

The keys (the sync key pairs, the certificate signing key) are rows of ``machine_keys``, each
encrypted with ChaCha20-Poly1305 under a random 32-byte *machine secret*. The secret lives in a
small file beside the database (``tuquan.sqlite.tqkhoa``, readable by its owner only), never in
the database itself, so every copy of the database file (the backups folder, a file copied by
hand) carries only sealed keys: whoever has the copy can read it but cannot sign or decrypt
packages or certificates as this machine. The encrypted copies that leave the data folder
(storage/sealed_backup.py) carry the secret too, under the backup passphrase, so a restore on a
new computer brings working keys.

An in-memory store keeps its secret in the process. Reads of ``machine_keys`` go through this
module only: they run inside ``store.unrestricted()`` because the role guard refuses SQL reads
of that table to signed-in sessions.

Databases written before the keys had a table of their own kept them as plain JSON in ``meta``;
``convert_plaintext_keys`` (run when the store opens) seals them and scrubs the plain text from
the file (``secure_delete``, then ``VACUUM``).
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import secrets
import shutil
import sqlite3
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from storage.errors import StorageUnavailable, StoreError
from storage.sync_crypto import KeyPairs

if TYPE_CHECKING:
    from storage.store import Store

SECRET_SUFFIX = ".tqkhoa"
SECRET_MAGIC = b"TUQUAN-KHOA\x00\x01"
SECRET_SIZE = 32
# Names of the sealed rows.
SYNC_KEYS = "sync"  # KeyPairs as JSON
CERTIFICATE_KEY = "certificate"  # raw Ed25519 private key bytes
# Where databases written before schema 0005 kept the keys in plain text (meta key → name).
LEGACY_META_KEYS = {"sync_keys": SYNC_KEYS, "certificate_signing_key": CERTIFICATE_KEY}

_SEAL_VERSION = 1
_NONCE_SIZE = 12
_AAD_PREFIX = b"tuquan machine key v1\x00"
# The secrets of in-memory stores (and nothing else): they end with the store.
_memory_secrets: weakref.WeakKeyDictionary[Store, bytes] = weakref.WeakKeyDictionary()

_log = logging.getLogger("tuquan.keystore")


class MachineKeysUnavailable(StoreError):
    """The sealed keys of this database cannot be opened here (its secret file is missing or
    belongs to another database). Households and reports still work; signing does not."""


# -- the machine secret ----------------------------------------------------------------------


def secret_path(database: Path) -> Path:
    """The file holding the machine secret of the database file ``database`` (beside it)."""
    database = Path(database)
    return database.with_name(database.name + SECRET_SUFFIX)


def read_secret_file(path: Path) -> bytes | None:
    """The secret held in the file ``path``; None when there is no such file.

    Raises MachineKeysUnavailable when the file is there but is not a secret file.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise MachineKeysUnavailable(
            f"Không đọc được tệp khóa {path} ({error.strerror or error}). / The key file"
            " cannot be read.") from error
    if len(data) != len(SECRET_MAGIC) + SECRET_SIZE or not data.startswith(SECRET_MAGIC):
        raise MachineKeysUnavailable(
            f"Tệp khóa {path} bị hỏng hoặc không phải tệp khóa của Tự Quản. / The key file is"
            " damaged.")
    return data[len(SECRET_MAGIC):]


def write_secret_file(path: Path, secret: bytes, replace: bool = False) -> bytes:
    """Write ``secret`` to the file ``path`` (owner-only, complete on disk before it has its
    name) and return the secret the file holds afterwards.

    Without ``replace`` an existing file is kept (two processes creating the secret at once
    agree on the first one) and its secret is returned.
    """
    if len(secret) != SECRET_SIZE:
        raise ValueError("a machine secret is 32 bytes")
    path = Path(path)
    partial = path.with_name(f"{path.name}.{secrets.token_hex(4)}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                             | getattr(os, "O_BINARY", 0), 0o600)
        try:
            os.write(descriptor, SECRET_MAGIC + secret)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if replace:
            os.replace(partial, path)
        else:
            try:
                os.link(partial, path)  # fails when the file exists: never overwrite a secret
            except FileExistsError:
                pass
            except OSError:
                # A file system without hard links (FAT): one writer holds the instance lock.
                if not path.exists():
                    os.replace(partial, path)
        _fsync_folder(path.parent)
    except OSError as error:
        raise StorageUnavailable(
            f"Không ghi được tệp khóa {path} ({error.strerror or error}). Kiểm tra quyền ghi"
            " của thư mục dữ liệu. / The key file cannot be written.") from error
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    held = read_secret_file(path)
    assert held is not None
    return held


def machine_secret(store: Store, create: bool = False) -> bytes | None:
    """The machine secret of ``store`` (None when there is none and ``create`` is False)."""
    if store.path is None:
        secret = _memory_secrets.get(store)
        if secret is None and create:
            secret = _memory_secrets.setdefault(store, secrets.token_bytes(SECRET_SIZE))
        return secret
    path = secret_path(store.path)
    secret = read_secret_file(path)
    if secret is None and create:
        secret = write_secret_file(path, secrets.token_bytes(SECRET_SIZE))
    return secret


# -- sealing ---------------------------------------------------------------------------------


def seal(secret: bytes, name: str, material: bytes) -> bytes:
    """``material`` encrypted under ``secret``, bound to the row ``name``."""
    nonce = os.urandom(_NONCE_SIZE)
    return (bytes([_SEAL_VERSION]) + nonce
            + ChaCha20Poly1305(secret).encrypt(nonce, material, _AAD_PREFIX + name.encode()))


def unseal(secret: bytes, name: str, sealed: bytes) -> bytes:
    """The material of a sealed row; raises InvalidTag when ``secret`` is not its secret."""
    if len(sealed) < 1 + _NONCE_SIZE + 16 or sealed[0] != _SEAL_VERSION:
        raise InvalidTag()
    nonce, body = sealed[1:1 + _NONCE_SIZE], sealed[1 + _NONCE_SIZE:]
    return ChaCha20Poly1305(secret).decrypt(nonce, body, _AAD_PREFIX + name.encode())


def _missing_secret(store: Store) -> MachineKeysUnavailable:
    path = secret_path(store.path) if store.path is not None else "(bộ nhớ)"
    return MachineKeysUnavailable(
        f"Không mở được khóa của máy này: tệp khóa {path} không có bên cạnh tệp dữ liệu. Nếu"
        " đây là bản sao lưu chuyển sang máy khác, hãy khôi phục từ bản sao lưu mã hóa (có mật"
        " khẩu, tệp .tqsaoluu) để có lại khóa; nếu không, hãy nhờ cấp trên thiết lập lại máy."
        " Hộ gia đình và báo cáo vẫn dùng được; chỉ gửi, nhận gói và ký Giấy công nhận cần khóa."
        " / This machine's keys cannot be opened: the key file is not beside the database.")


def _wrong_secret(store: Store) -> MachineKeysUnavailable:
    path = secret_path(store.path) if store.path is not None else "(bộ nhớ)"
    return MachineKeysUnavailable(
        f"Không mở được khóa của máy này: tệp khóa {path} không phải của tệp dữ liệu này (có"
        " thể tệp dữ liệu được chép từ máy khác). Hãy khôi phục từ bản sao lưu mã hóa (có mật"
        " khẩu, tệp .tqsaoluu). Hộ gia đình và báo cáo vẫn dùng được; chỉ gửi, nhận gói và ký"
        " Giấy công nhận cần khóa. / The key file does not belong to this database.")


# -- reading and writing keys ------------------------------------------------------------------


def has_key(store: Store, name: str) -> bool:
    """Whether the database holds the sealed key ``name`` (its secret is not needed)."""
    return _sealed_row(store, name) is not None


def load_key(store: Store, name: str) -> bytes | None:
    """The key material ``name`` of this machine; None when the machine has none yet.

    Raises MachineKeysUnavailable when the key exists but its secret is missing or wrong.
    """
    sealed = _sealed_row(store, name)
    if sealed is None:
        legacy = _legacy_material(store, name)
        if legacy is not None:
            # Not converted at open (a read-only folder?): the plain value is all there is.
            return legacy
        return None
    secret = machine_secret(store)
    if secret is None:
        raise _missing_secret(store)
    try:
        return unseal(secret, name, sealed)
    except InvalidTag:
        raise _wrong_secret(store) from None


def save_key(store: Store, name: str, material: bytes) -> None:
    """Seal and save the key material ``name`` (replacing what was there).

    Joins the current action or transaction when there is one (the key is then saved with
    it, or not at all); otherwise it is one short transaction of its own.
    """
    secret = machine_secret(store, create=True)
    assert secret is not None
    sealed = seal(secret, name, material)
    with _writing(store):
        store.db.execute(
            "INSERT INTO machine_keys (name, sealed, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT(name) DO UPDATE SET sealed = excluded.sealed,"
            " created_at = excluded.created_at",
            [name, sealed, _utc_now()])


def load_keys(store: Store) -> KeyPairs | None:
    """This machine's sync key pairs; None when it has none yet.

    Raises MachineKeysUnavailable (a StoreError with the message to show) when the keys are
    in the file but cannot be opened here.
    """
    material = load_key(store, SYNC_KEYS)
    if material is None:
        return None
    data = json.loads(material)
    return KeyPairs(data["signing_private"], data["box_private"])


def save_keys(store: Store, keys: KeyPairs) -> None:
    """Seal and save this machine's sync key pairs (see ``save_key`` for the transaction)."""
    save_key(store, SYNC_KEYS, _keys_material(keys))


def _keys_material(keys: KeyPairs) -> bytes:
    return json.dumps({"signing_private": keys.signing_private,
                       "box_private": keys.box_private}, sort_keys=True).encode()


# -- converting plain keys of older files ------------------------------------------------------


def convert_plaintext_keys(store: Store) -> list[str]:
    """Seal the keys an older database kept in plain text in ``meta`` and scrub them.

    Returns the names converted (none for a current file). The meta rows are deleted with
    ``secure_delete`` on, and the file is vacuumed and its WAL truncated, so the plain keys
    are not left in free pages or in stale copies of a page. A failure (a read-only folder)
    leaves the file as it was; the keys are then read from ``meta`` as before.
    """
    legacy = _legacy_rows(store)
    if not legacy:
        return []
    try:
        secret = machine_secret(store, create=True)
        assert secret is not None
        converted = []
        with _writing(store):
            for meta_key, value in legacy:
                name = LEGACY_META_KEYS[meta_key]
                material = _from_legacy(name, value)
                if material is None:
                    continue  # unreadable: left as it is rather than lost
                if _sealed_row(store, name) is None:
                    store.db.execute(
                        "INSERT INTO machine_keys (name, sealed, created_at) VALUES (?, ?, ?)",
                        [name, seal(secret, name, material), _utc_now()])
                store.db.execute("DELETE FROM meta WHERE key = ?", [meta_key])
                converted.append(name)
    except (sqlite3.Error, StoreError) as error:
        _log.warning("Chưa niêm phong được khóa của máy trong %s: %s", store.path, error)
        return []
    if converted and not store.db.conn.in_transaction:
        _scrub(store)
    return converted


def _scrub(store: Store) -> None:
    # VACUUM rewrites every page: no stale copy of a meta page (from an earlier defragment)
    # keeps the old text; the truncated WAL drops frames that held it.
    with _secure_delete(store), contextlib.suppress(sqlite3.Error):
        store.db.execute("VACUUM")
        if store.path is not None:
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _legacy_rows(store: Store) -> list[tuple[str, str]]:
    with store.unrestricted():
        return [(row[0], row[1]) for row in store.db.execute(
            "SELECT key, value FROM meta WHERE key IN (SELECT value FROM json_each(?))",
            [json.dumps(list(LEGACY_META_KEYS))])]


def _legacy_material(store: Store, name: str) -> bytes | None:
    for meta_key, value in _legacy_rows(store):
        if LEGACY_META_KEYS[meta_key] == name:
            return _from_legacy(name, value)
    return None


def _from_legacy(name: str, value: str) -> bytes | None:
    try:
        if name == SYNC_KEYS:
            data = json.loads(value)
            return _keys_material(KeyPairs(str(data["signing_private"]),
                                           str(data["box_private"])))
        return base64.b64decode(value, validate=True)
    except (ValueError, KeyError, TypeError):
        return None


# -- re-sealing a restored file ----------------------------------------------------------------


def reseal_file(database: Path, old_secret: bytes, new_secret: bytes) -> int:
    """Seal the keys of the (closed) database file ``database`` under ``new_secret`` instead
    of ``old_secret``; returns how many were re-sealed.

    Used when a restored copy brings keys sealed under another machine secret than the one
    already beside the database: the existing secret file is never replaced (the backups
    made here are sealed under it). Raises MachineKeysUnavailable when ``old_secret`` does
    not open them.
    """
    connection = sqlite3.connect(str(database), isolation_level=None)
    try:
        connection.execute("PRAGMA secure_delete = ON")
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "machine_keys" not in tables:
            return 0
        connection.execute("BEGIN IMMEDIATE")
        try:
            rows = connection.execute("SELECT name, sealed FROM machine_keys").fetchall()
            for name, sealed in rows:
                try:
                    material = unseal(old_secret, name, bytes(sealed))
                except InvalidTag:
                    raise MachineKeysUnavailable(
                        "Khóa trong bản sao lưu không mở được bằng tệp khóa đi kèm; bản sao"
                        " có thể đã bị sửa. / The copy's keys do not open.") from None
                connection.execute("UPDATE machine_keys SET sealed = ? WHERE name = ?",
                                   [seal(new_secret, name, material), name])
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        return len(rows)
    finally:
        connection.close()


def copy_database_file(source: Path, target: Path) -> None:
    """Copy a closed database file together with its secret file (tests, benchmarks, a move
    to another folder of the same machine): the copy opens with working keys."""
    shutil.copy(source, target)
    secret = read_secret_file(secret_path(source))
    if secret is not None:
        write_secret_file(secret_path(target), secret, replace=True)
    else:
        secret_path(target).unlink(missing_ok=True)


# -- helpers ---------------------------------------------------------------------------------


def _sealed_row(store: Store, name: str) -> bytes | None:
    with store.unrestricted():
        row = store.db.execute("SELECT sealed FROM machine_keys WHERE name = ?",
                               [name]).fetchone()
    return bytes(row[0]) if row else None


@contextlib.contextmanager
def _secure_delete(store: Store) -> Iterator[None]:
    # Overwritten and deleted key material is zeroed on the page, not left as free space.
    previous = store.db.execute("PRAGMA secure_delete").fetchone()[0]
    store.db.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        store.db.execute(f"PRAGMA secure_delete = {int(previous)}")


@contextlib.contextmanager
def _writing(store: Store) -> Iterator[None]:
    """Inside: writes to machine_keys and meta, joining the open transaction if any."""
    with store.unrestricted(), _secure_delete(store), store.transaction():
        yield


def _utc_now() -> str:
    from storage.store import utc_now

    return utc_now()


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
