"""Encrypted copies of the database for outside the data folder (a USB stick, ``backup --to``).

A copy that leaves the data folder is a ``.tqsaoluu`` file; nobody without the backup
passphrase can read a household in it or use the machine's keys. The layout::

    MAGIC | u32 header length | header (canonical JSON) | chunk | chunk | ...   (chunk = u32
    length | ChaCha20-Poly1305 ciphertext)

- The database (an online-backup snapshot) is encrypted in chunks of 1 MiB under a random file
  key, each with the nonce (chunk number, last-chunk flag) and the header's SHA-256 as
  associated data: a changed header, a changed, removed, reordered or added chunk, or a file
  cut short all fail to decrypt. Memory stays bounded whatever the size.
- The file key and the machine secret (storage/keystore.py: the copy brings working keys to a
  new computer) are encrypted to the *backup key*, an X25519 key pair of this machine (a
  one-off X25519 key, HKDF-SHA256). Its public half is in ``meta``, so the automatic extra copy
  runs without asking anything; its private half is kept only encrypted under the passphrase
  (scrypt), in ``meta`` and in every copy's header, so a copy is self-contained: restoring it
  asks for the passphrase only.
- The administrator sets the passphrase once (``set_passphrase``); setting it again makes a
  new backup key: later copies need the new passphrase, earlier ones keep theirs (the header
  says on which day it was set).

No Qt here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from storage import keystore
from storage.errors import DatabaseDamaged, PermissionDenied, StoreError, ValidationError
from storage.sync_crypto import b64, canonical_json, unb64

if TYPE_CHECKING:
    from storage.backup import RestoreResult
    from storage.store import Store

SEALED_SUFFIX = ".tqsaoluu"
MAGIC = b"TUQUAN-SAOLUU\x00\x01"
FORMAT = "tuquan-sao-luu"
VERSION = 1
# meta key of the backup key (public key, and the private key under the passphrase).
BACKUP_KEY_META = "backup_encryption"
CHUNK_SIZE = 1 << 20
MIN_PASSPHRASE_LENGTH = 10
# scrypt cost of the passphrase: about 0,4 s and 128 MiB, once per copy restored.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_TAG_SIZE = 16
_MAX_HEADER = 64 * 1024
_WRAP_AAD = b"tuquan backup wrap v1 "
_PRIVATE_AAD = b"tuquan backup key v1 "


class PassphraseMissing(StoreError):
    """No passphrase was set for copies that leave the data folder."""


class PassphraseRequired(ValidationError):
    """The copy is encrypted and no passphrase was given."""


class WrongPassphrase(ValidationError):
    """The passphrase does not open the copy (or the key in it was changed)."""


class SealedCopyDamaged(DatabaseDamaged):
    """The encrypted copy is damaged, cut short, or not a copy of this program."""


# -- the passphrase and the backup key ---------------------------------------------------------


def normalise_passphrase(passphrase: str) -> bytes:
    """The bytes a passphrase stands for: NFC (keyboards type Vietnamese in NFC or NFD),
    without the spaces around it."""
    return unicodedata.normalize("NFC", passphrase).strip().encode("utf-8")


def passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` is too weak to protect everyone's personal data (None when it is not)."""
    text = unicodedata.normalize("NFC", passphrase).strip()
    if len(text) < MIN_PASSPHRASE_LENGTH:
        return (f"Mật khẩu cần ít nhất {MIN_PASSPHRASE_LENGTH} ký tự (nên là một câu dễ nhớ"
                " hoặc mật khẩu ngẫu nhiên ghi ra giấy). / At least"
                f" {MIN_PASSPHRASE_LENGTH} characters.")
    if len(set(text)) < 4:
        return "Mật khẩu quá đơn giản (quá ít ký tự khác nhau). / Too simple."
    return None


def has_passphrase(store: Store) -> bool:
    """Whether the administrator has set the passphrase of the copies that leave the folder."""
    return _backup_key(store) is not None


def passphrase_set_at(store: Store) -> str | None:
    """When the passphrase was set (UTC ISO text), None when it was not."""
    record = _backup_key(store)
    return str(record["set_at"]) if record else None


def set_passphrase(store: Store, passphrase: str) -> None:
    """Set (or change) the passphrase of encrypted copies: a new backup key pair, its private
    half kept only under ``passphrase``. Administrators only (or the machine's owner at the
    command line). Copies made before keep the passphrase they were made with.
    """
    account = getattr(store, "account", None)
    if account is not None and not account.is_admin:
        raise PermissionDenied(
            f"Chỉ quản trị viên mới đặt được mật khẩu cho bản sao lưu; tài khoản"
            f" {account.username} không được. / Administrators only.")
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise ValidationError(problem, "passphrase")
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes_raw()
    key_id = hashlib.sha256(public).hexdigest()[:16]
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = ChaCha20Poly1305(_passphrase_key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
                              ).encrypt(nonce, private.private_bytes_raw(),
                                        _PRIVATE_AAD + key_id.encode())
    from storage.store import utc_now

    record = {
        "version": VERSION, "key_id": key_id, "public": b64(public), "set_at": utc_now(),
        "private_sealed": {"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                           "salt": b64(salt), "nonce": b64(nonce), "ciphertext": b64(sealed)},
    }
    # A setting of this machine (meta does not travel), written outside any action.
    with store.unrestricted(), store.transaction():
        store.set_meta(BACKUP_KEY_META, json.dumps(record, sort_keys=True))


def check_passphrase(store: Store, passphrase: str) -> bool:
    """Whether ``passphrase`` is the one set for this machine's encrypted copies."""
    record = _backup_key(store)
    if record is None:
        return False
    try:
        _open_private(record, passphrase)
    except WrongPassphrase:
        return False
    return True


def _backup_key(store: Store) -> dict[str, Any] | None:
    raw = store.get_meta(BACKUP_KEY_META)
    if not raw:
        return None
    try:
        record = json.loads(raw)
        unb64(record["public"])
        return record if isinstance(record.get("private_sealed"), dict) else None
    except (ValueError, KeyError, TypeError):
        return None


def _passphrase_key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(normalise_passphrase(passphrase))


def _open_private(record: dict[str, Any], passphrase: str) -> X25519PrivateKey:
    """The backup private key of ``record`` (meta's, or a copy's header)."""
    try:
        sealed = record["private_sealed"]
        n, r, p = int(sealed["n"]), int(sealed["r"]), int(sealed["p"])
        if sealed.get("kdf") != "scrypt" or not (2**10 <= n <= 2**20 and 1 <= r <= 16
                                                 and 1 <= p <= 4):
            raise ValueError("kdf")
        key = _passphrase_key(passphrase, unb64(sealed["salt"]), n, r, p)
        raw = ChaCha20Poly1305(key).decrypt(unb64(sealed["nonce"]), unb64(sealed["ciphertext"]),
                                            _PRIVATE_AAD + str(record["key_id"]).encode())
        private = X25519PrivateKey.from_private_bytes(raw)
    except InvalidTag:
        raise WrongPassphrase(_wrong_passphrase_text(record), "passphrase") from None
    except (KeyError, TypeError, ValueError) as error:
        raise SealedCopyDamaged("Phần đầu của bản sao lưu mã hóa bị hỏng; không khôi phục từ"
                                " bản này. Không có gì bị thay đổi. / The header is damaged;"
                                " nothing was changed.") from error
    if b64(private.public_key().public_bytes_raw()) != record.get("public"):
        raise WrongPassphrase(_wrong_passphrase_text(record), "passphrase")
    return private


def _wrong_passphrase_text(record: dict[str, Any]) -> str:
    when = _local_day(str(record.get("set_at", "")))
    since = f" (mật khẩu đặt ngày {when})" if when else ""
    return (f"Mật khẩu không đúng{since}, hoặc tệp đã bị sửa. Không có gì bị thay đổi; hãy gõ"
            " lại đúng mật khẩu của bản sao lưu này. / Wrong passphrase; nothing was changed.")


# -- writing a copy ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SealedHeader:
    """What an encrypted copy says about itself without the passphrase."""

    created_at: str
    source: str
    key_id: str
    passphrase_set_at: str
    header: dict[str, Any]
    header_bytes: bytes  # MAGIC, length and header: the chunks' associated data hashes these


def is_sealed_copy(path: Path) -> bool:
    """Whether ``path`` starts like an encrypted copy of this program."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def write_sealed_copy(store: Store, destination: Path) -> Path:
    """Write an encrypted copy of ``store`` to ``destination`` and return its path.

    A snapshot is taken with the online backup API into the backups folder beside the
    database (the plain bytes never leave the data folder), encrypted to ``destination``
    (complete and read back before it gets its name), then removed. Raises PassphraseMissing
    when no passphrase was set.
    """
    from storage.backup import _backup_error, backup_database, backup_folder, backup_name

    record = _backup_key(store)
    if record is None:
        raise PassphraseMissing(
            "Chưa đặt mật khẩu cho bản sao mang ra ngoài thư mục dữ liệu, nên chưa chép được"
            " bản sao lưu mã hóa. Quản trị viên hãy đặt ở Tệp → Sao lưu và khôi phục → Đặt mật"
            " khẩu cho bản sao mang ra ngoài (hoặc lệnh backup --to lần đầu). / No backup"
            " passphrase was set.")
    if store.path is None:
        raise StoreError("Cơ sở dữ liệu trong bộ nhớ không sao lưu được. / In-memory store.")
    destination = Path(destination)
    snapshot = backup_folder(store.path) / (backup_name(store.path, "sealing") + ".partial")
    backup_database(store.db.conn, snapshot)
    try:
        secret = _secret_for_copy(store)
        seal_file(snapshot, destination, record, secret, store.path.name)
    except OSError as error:
        raise _backup_error(error, destination) from error
    finally:
        with contextlib.suppress(OSError):
            snapshot.unlink(missing_ok=True)
    return destination


def _secret_for_copy(store: Store) -> bytes | None:
    # Only a secret that opens the keys travels: a copy never carries a wrong one.
    secret = keystore.machine_secret(store)
    if secret is None:
        return None
    for name in (keystore.SYNC_KEYS, keystore.CERTIFICATE_KEY):
        if keystore.has_key(store, name):
            try:
                keystore.load_key(store, name)
            except keystore.MachineKeysUnavailable:
                return None
    return secret


def seal_file(plain: Path, destination: Path, record: dict[str, Any], secret: bytes | None,
              source_name: str) -> None:
    """Encrypt the database file ``plain`` to ``destination`` for the backup key ``record``.

    Written to ``destination.partial``, flushed to disk, read back and compared, then renamed:
    an interrupted or unreadable copy never has the name of a copy.
    """
    from storage.backup import _fsync_folder
    from storage.store import utc_now

    file_key = ChaCha20Poly1305.generate_key()
    ephemeral = X25519PrivateKey.generate()
    key_id = str(record["key_id"])
    receiver = X25519PublicKey.from_public_bytes(unb64(record["public"]))
    wrap_nonce = os.urandom(12)
    wrapped = ChaCha20Poly1305(_wrap_key(ephemeral.exchange(receiver), key_id)).encrypt(
        wrap_nonce, canonical_json({"file_key": b64(file_key),
                                    "machine_secret": b64(secret) if secret else None}),
        _WRAP_AAD + key_id.encode())
    header = {
        "format": FORMAT, "version": VERSION, "created_at": utc_now(), "source": source_name,
        "key_id": key_id, "backup_public": record["public"],
        "passphrase_set_at": record.get("set_at", ""),
        "private_sealed": record["private_sealed"],
        "wrap": {"ephemeral_public": b64(ephemeral.public_key().public_bytes_raw()),
                 "nonce": b64(wrap_nonce), "ciphertext": b64(wrapped)},
        "cipher": "chacha20poly1305", "chunk_size": CHUNK_SIZE,
    }
    header_json = canonical_json(header)
    prefix = MAGIC + struct.pack(">I", len(header_json)) + header_json
    aad = hashlib.sha256(prefix).digest()
    cipher = ChaCha20Poly1305(file_key)
    partial = destination.with_name(destination.name + ".partial")
    digest = hashlib.sha256()
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        with plain.open("rb") as source, partial.open("wb") as out:
            out.write(prefix)
            for index, chunk, final in _chunks(source):
                digest.update(chunk)
                sealed = cipher.encrypt(_nonce(index, final), chunk, aad)
                out.write(struct.pack(">I", len(sealed)) + sealed)
            out.flush()
            os.fsync(out.fileno())
        # Read back what the stick holds: a failing stick is found now, not at restore time.
        check = hashlib.sha256()
        with partial.open("rb") as written:
            parsed = _read_header(written, partial)
            for chunk in _decrypted_chunks(written, parsed, file_key, partial):
                check.update(chunk)
        if check.digest() != digest.digest():
            raise OSError(5, "the copy read back differs")  # EIO
        partial.replace(destination)
        _fsync_folder(destination.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


def _chunks(source: IO[bytes]) -> Iterator[tuple[int, bytes, bool]]:
    """(number, bytes, is last) of the chunks of ``source``; at least one, maybe empty."""
    index = 0
    current = source.read(CHUNK_SIZE)
    while True:
        following = source.read(CHUNK_SIZE) if len(current) == CHUNK_SIZE else b""
        yield index, current, not following
        if not following:
            return
        index += 1
        current = following


def _nonce(index: int, final: bool) -> bytes:
    return struct.pack(">QB3x", index, 1 if final else 0)


def _wrap_key(shared: bytes, key_id: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"tuquan backup v1 " + key_id.encode()).derive(shared)


# -- reading a copy ----------------------------------------------------------------------------


def read_header(path: Path) -> SealedHeader:
    """The readable header of the encrypted copy ``path`` (no passphrase needed)."""
    try:
        with Path(path).open("rb") as handle:
            return _read_header(handle, Path(path))
    except OSError as error:
        raise StoreError(f"Không đọc được tệp {path}: {error.strerror or error}. / The file"
                         " cannot be read.") from error


def _read_header(handle: IO[bytes], path: Path) -> SealedHeader:
    if handle.read(len(MAGIC)) != MAGIC:
        raise SealedCopyDamaged(f"Tệp {Path(path).name} không phải bản sao lưu mã hóa của Tự"
                                " Quản (hoặc đã bị hỏng). Không có gì bị thay đổi. / Not an"
                                " encrypted copy; nothing was changed.")
    try:
        (length,) = struct.unpack(">I", handle.read(4))
        if length > _MAX_HEADER:
            raise ValueError("header too long")
        header_json = handle.read(length)
        if len(header_json) != length:
            raise ValueError("truncated header")
        header = json.loads(header_json.decode("utf-8"))
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError("not a copy")
        if int(header.get("version", 0)) > VERSION:
            raise SealedCopyDamaged(
                f"Bản sao lưu {Path(path).name} được tạo bằng phiên bản Tự Quản mới hơn; hãy cập"
                " nhật chương trình. Không có gì bị thay đổi. / Made by a newer version; nothing"
                " was changed.")
        if header.get("chunk_size") != CHUNK_SIZE or header.get("cipher") != "chacha20poly1305":
            raise ValueError("unknown layout")
        parsed = SealedHeader(str(header["created_at"]), str(header["source"]),
                              str(header["key_id"]), str(header.get("passphrase_set_at", "")),
                              header, MAGIC + struct.pack(">I", length) + header_json)
    except SealedCopyDamaged:
        raise
    except (struct.error, ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise SealedCopyDamaged(_damaged_text(path, "phần đầu tệp")) from error
    return parsed


@dataclass(frozen=True)
class Unlocked:
    """What the passphrase opens in a copy: its file key and the machine secret it carries."""

    header: SealedHeader
    file_key: bytes
    machine_secret: bytes | None


def unlock(path: Path, passphrase: str) -> Unlocked:
    """Open the encrypted copy ``path`` with ``passphrase`` (the data is not read yet).

    Raises WrongPassphrase, or SealedCopyDamaged when the file is not a sound copy.
    """
    parsed = read_header(path)
    header = parsed.header
    record = {"key_id": header.get("key_id"), "public": header.get("backup_public"),
              "private_sealed": header.get("private_sealed"),
              "set_at": header.get("passphrase_set_at", "")}
    private = _open_private(record, passphrase)
    try:
        wrap = header["wrap"]
        ephemeral = X25519PublicKey.from_public_bytes(unb64(wrap["ephemeral_public"]))
        opened = json.loads(ChaCha20Poly1305(
            _wrap_key(private.exchange(ephemeral), parsed.key_id)).decrypt(
                unb64(wrap["nonce"]), unb64(wrap["ciphertext"]),
                _WRAP_AAD + parsed.key_id.encode()))
        file_key = unb64(opened["file_key"])
        secret = unb64(opened["machine_secret"]) if opened.get("machine_secret") else None
        if len(file_key) != 32 or (secret is not None and len(secret) != 32):
            raise ValueError("key length")
    except (InvalidTag, KeyError, TypeError, ValueError) as error:
        raise SealedCopyDamaged(_damaged_text(path, "phần khóa")) from error
    return Unlocked(parsed, file_key, secret)


def decrypt_to(path: Path, unlocked: Unlocked, target: Path) -> None:
    """Decrypt the copy ``path`` into the new file ``target`` (removed again on any failure)."""
    try:
        with Path(path).open("rb") as handle, Path(target).open("wb") as out:
            parsed = _read_header(handle, path)
            if parsed.header_bytes != unlocked.header.header_bytes:
                raise SealedCopyDamaged(_damaged_text(path, "phần đầu tệp"))
            for chunk in _decrypted_chunks(handle, parsed, unlocked.file_key, path):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            Path(target).unlink(missing_ok=True)
        raise


def _decrypted_chunks(handle: IO[bytes], parsed: SealedHeader, file_key: bytes,
                      path: Path) -> Iterator[bytes]:
    cipher = ChaCha20Poly1305(file_key)
    aad = hashlib.sha256(parsed.header_bytes).digest()
    index = 0
    length_bytes = handle.read(4)
    if len(length_bytes) != 4:
        raise SealedCopyDamaged(_damaged_text(path, "không có phần dữ liệu, tệp bị cắt cụt"))
    while True:
        (length,) = struct.unpack(">I", length_bytes)
        if length > CHUNK_SIZE + _TAG_SIZE or length < _TAG_SIZE:
            raise SealedCopyDamaged(_damaged_text(path, f"đoạn thứ {index + 1}"))
        sealed = handle.read(length)
        if len(sealed) != length:
            raise SealedCopyDamaged(_damaged_text(path, f"đoạn thứ {index + 1} bị cắt cụt"))
        length_bytes = handle.read(4)
        final = not length_bytes
        if length_bytes and len(length_bytes) != 4:
            raise SealedCopyDamaged(_damaged_text(path, "phần cuối tệp bị cắt cụt"))
        try:
            yield cipher.decrypt(_nonce(index, final), sealed, aad)
        except InvalidTag:
            where = f"đoạn thứ {index + 1}"
            if final:
                where += ", hoặc tệp bị cắt cụt (chưa chép hết)"
            raise SealedCopyDamaged(_damaged_text(path, where)) from None
        if final:
            return
        index += 1


def _damaged_text(path: Path, where: str) -> str:
    return (f"Bản sao lưu mã hóa {Path(path).name} bị hỏng hoặc không trọn vẹn: {where}. Không"
            " khôi phục từ bản này; hãy chọn một bản khác. Không có gì bị thay đổi. / The"
            " encrypted copy is damaged or incomplete; nothing was changed.")


# -- restoring ---------------------------------------------------------------------------------


def restore_sealed(database: Path, copy: Path, passphrase: str) -> RestoreResult:
    """Restore the encrypted copy ``copy`` over the (closed) database file ``database``.

    The copy is decrypted beside the database, checked with ``PRAGMA integrity_check``, and
    put in place by ``storage.backup.restore_backup`` (the current state is backed up first).
    The machine secret it carries is written beside the database when there is none there;
    when there is one, the restored keys are sealed again under it (the secret of a machine
    is never replaced: its backups are sealed under it). A wrong passphrase, a damaged or cut
    short copy changes nothing. Returns the RestoreResult.
    """
    from storage.backup import RestoreResult, _remove_database_files, restore_backup, verify_backup

    database, copy = Path(database), Path(copy)
    if not copy.is_file():
        raise StoreError(f"Không tìm thấy bản sao lưu {copy}. / No such backup.")
    unlocked = unlock(copy, passphrase)
    database.parent.mkdir(parents=True, exist_ok=True)
    decrypted = database.with_name(database.name + ".giaima")
    _remove_database_files(decrypted)
    try:
        decrypt_to(copy, unlocked, decrypted)
        problem = verify_backup(decrypted, full=True)
        if problem is not None:
            raise SealedCopyDamaged(_damaged_text(
                copy, f"dữ liệu giải mã không toàn vẹn ({problem})"))
        secret_file = keystore.secret_path(database)
        local = keystore.read_secret_file(secret_file)
        if unlocked.machine_secret is not None and local is not None \
                and local != unlocked.machine_secret:
            keystore.reseal_file(decrypted, unlocked.machine_secret, local)
        result = restore_backup(database, decrypted)
        if unlocked.machine_secret is not None and local is None:
            keystore.write_secret_file(secret_file, unlocked.machine_secret)
    finally:
        _remove_database_files(decrypted)
    return RestoreResult(copy, result.saved_current)


def local_time(utc_text: str) -> str:
    """A stored UTC time as local 'dd/mm/yyyy hh:mm' (the text itself when unreadable)."""
    try:
        moment = dt.datetime.strptime(utc_text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return utc_text
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def _local_day(utc_text: str) -> str:
    try:
        moment = dt.datetime.strptime(utc_text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return ""
    return moment.astimezone().strftime("%d/%m/%Y")
