"""The machine's private keys are sealed under a secret kept beside the database, never in it:
a copy of the file carries no usable key, a file without its secret says so and still works
for everything but signing, and keys an older file kept in plain text are sealed and scrubbed
when it opens."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from storage import keystore
from storage.errors import StoreError
from storage.keystore import (
    CERTIFICATE_KEY,
    SYNC_KEYS,
    MachineKeysUnavailable,
    copy_database_file,
    load_keys,
    save_keys,
    secret_path,
)
from storage.model import Household
from storage.store import Store
from storage.sync_crypto import KeyPairs, b64, unb64
from tests.key_traces import key_secrets, traces_in_file, traces_in_values


def make_machine(path: Path) -> dict[str, bytes]:
    """A database with sync keys and a certificate key; returns the raw key bytes."""
    with Store(path, actor="test") as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
        ward = store.units.add("phuong", "Phường Đoàn Kết", city.id, 2020)
        group = store.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
        store.households.add(Household(group_id=group.id, head_name="Nguyễn Văn An"))
        store.sync.keys()
        store.certificates._signing_key()
        return key_secrets(store)


def test_keys_are_sealed_and_no_form_of_them_is_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    secrets = make_machine(path)
    assert set(secrets) == {"signing_private", "box_private", "certificate", "machine_secret"}
    assert traces_in_file(path, secrets) == []
    assert traces_in_values(path, secrets) == []
    connection = sqlite3.connect(path)
    try:
        names = sorted(row[0] for row in connection.execute("SELECT name FROM machine_keys"))
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    finally:
        connection.close()
    assert names == [CERTIFICATE_KEY, SYNC_KEYS]
    assert not set(meta) & set(keystore.LEGACY_META_KEYS)
    # The secret is beside the database, for its owner only.
    secret_file = secret_path(path)
    assert secret_file == tmp_path / "office.sqlite.tqkhoa"
    assert secret_file.read_bytes().endswith(secrets["machine_secret"])
    if os.name == "posix":
        assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.partial"))


def test_the_same_keys_come_back_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    secrets = make_machine(path)
    with Store(path) as store:
        again = key_secrets(store)
    assert again == secrets


def test_a_copy_without_its_secret_file_works_for_everything_but_signing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "office.sqlite"
    make_machine(path)
    other_computer = tmp_path / "other"
    other_computer.mkdir()
    copy = other_computer / path.name
    shutil.copy(path, copy)
    with Store(copy, actor="test") as store:
        # Households and reports work.
        group = store.units.find("Tổ dân phố số 1", 2024)
        store.households.add(Household(group_id=group.id, head_name="Lò Văn Pọm"))
        heads = {row[0] for row in store.db.execute("SELECT head_name FROM households")}
        assert heads == {"Nguyễn Văn An", "Lò Văn Pọm"}
        assert store.cycle.summary(2024) is not None
        # Signing does not, and says why and what to do; no new keys are made silently.
        for use in (store.sync.keys, store.certificates._signing_key, store.sync.identity_card):
            with pytest.raises(MachineKeysUnavailable) as raised:
                use()
            text = str(raised.value)
            assert "không có bên cạnh tệp dữ liệu" in text and "bản sao lưu mã hóa" in text
            assert isinstance(raised.value, StoreError)
        assert not secret_path(copy).exists()
        sealed = store.db.execute("SELECT COUNT(*) FROM machine_keys").fetchone()[0]
        assert sealed == 2


def test_a_secret_file_of_another_database_is_refused_not_used(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "office.sqlite", tmp_path / "b" / "office.sqlite"
    first.parent.mkdir()
    second.parent.mkdir()
    make_machine(first)
    make_machine(second)
    shutil.copy(secret_path(second), secret_path(first))
    with Store(first) as store, pytest.raises(MachineKeysUnavailable, match="không phải của"):
        store.sync.keys()


def test_a_damaged_secret_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    make_machine(path)
    secret_path(path).write_bytes(b"not a key file")
    with Store(path) as store, pytest.raises(MachineKeysUnavailable, match="bị hỏng"):
        store.sync.keys()


def test_copy_database_file_brings_the_secret_along(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    secrets = make_machine(path)
    target = tmp_path / "moved" / "office.sqlite"
    target.parent.mkdir()
    copy_database_file(path, target)
    with Store(target) as store:
        assert key_secrets(store) == secrets


def test_saving_keys_joins_the_transaction_and_leaves_with_its_rollback(store: Store) -> None:
    keys = KeyPairs.generate()
    with pytest.raises(RuntimeError), store.action("Thử"):
        save_keys(store, keys)
        raise RuntimeError("undone")
    assert load_keys(store) is None
    save_keys(store, keys)  # its own transaction
    assert load_keys(store) == keys
    assert not store.db.conn.in_transaction


def test_an_in_memory_store_keeps_its_secret_in_the_process(tmp_path: Path) -> None:
    with Store(":memory:") as store:
        keys = store.sync.keys()
        assert store.sync.keys() == keys
        assert keystore.machine_secret(store) is not None
    assert not list(tmp_path.iterdir())


def test_a_signed_in_session_uses_the_keys_through_the_keystore(store: Store) -> None:
    keys = store.sync.keys()
    admin = store.accounts.create_first_admin("quantri", "Quản trị", "mat-khau-thu")
    viewer = store.accounts.add("nguoixem", "Người xem", "viewer", "mat-khau-thu")
    for account in (admin, viewer):
        store.sign_in(account)
        assert store.sync.keys() == keys
        store.sign_out()


# -- files written before the keys were sealed ---------------------------------------------------


@pytest.fixture
def no_secure_delete(monkeypatch: pytest.MonkeyPatch) -> None:
    """Connections start with secure_delete off, as in SQLite builds without it (Windows'
    Python): deleted text then stays in the page unless the store scrubs it."""
    connect = sqlite3.connect

    def connect_without(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)  # type: ignore[arg-type]
        connection.execute("PRAGMA secure_delete = OFF")
        return connection

    monkeypatch.setattr(sqlite3, "connect", connect_without)


def write_legacy_keys(path: Path) -> tuple[KeyPairs, bytes]:
    """Put keys into ``meta`` as older versions did (plain JSON / base64), among busy rows."""
    keys = KeyPairs.generate()
    certificate = os.urandom(32)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA secure_delete = OFF")
        connection.execute("DELETE FROM machine_keys")
        connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           ["sync_keys", json.dumps(vars(keys))])
        connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           ["certificate_signing_key", b64(certificate)])
        # Rewrites of the same page, as every action's change number makes: old copies of a
        # cell may stay in a page's free space.
        for number in range(200):
            connection.execute("UPDATE meta SET value = ? WHERE key = 'change_seq'",
                               [str(number) * (number % 7 + 1)])
    finally:
        connection.close()
    return keys, certificate


def test_plain_keys_of_an_older_file_are_sealed_on_open_and_gone_from_its_bytes(
    tmp_path: Path, no_secure_delete: None
) -> None:
    path = tmp_path / "old.sqlite"
    with Store(path) as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
    keys, certificate = write_legacy_keys(path)
    plain = {"signing_private": unb64(keys.signing_private),
             "box_private": unb64(keys.box_private), "certificate": certificate}
    assert traces_in_file(path, plain)  # the old file holds them in the clear

    with Store(path) as store:
        assert store.sync.keys() == keys
        assert store.certificates._signing_key().private_bytes_raw() == certificate
        assert store.get_meta("sync_keys") is None
        assert store.get_meta("certificate_signing_key") is None
        assert store.units.city().id == city.id
    assert traces_in_file(path, plain) == []
    assert traces_in_values(path, plain) == []
    # Once: opening again changes nothing more.
    with Store(path) as store:
        assert keystore.convert_plaintext_keys(store) == []
        assert store.sync.keys() == keys


def test_a_conversion_that_cannot_write_leaves_the_keys_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite"
    Store(path).close()
    keys, _certificate = write_legacy_keys(path)

    def unwritable(*_args: object, **_kwargs: object) -> bytes:
        raise keystore.StorageUnavailable("read-only")

    monkeypatch.setattr(keystore, "write_secret_file", unwritable)
    with Store(path) as store:
        assert store.get_meta("sync_keys") is not None  # left as it was
        assert store.sync.keys() == keys
