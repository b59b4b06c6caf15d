"""A second, hostile look at the trust fixes: what a signed-in session can still do with SQL on
the store's connection, and what a registered machine can still make another believe.

Each test names a way in that got past the first fixes; the store's guard
(storage/accounts.py) and the import's judgement (storage/sync.py, storage/sync_judge.py,
storage/ownership.py) must close it.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import Any

import pytest

from storage.errors import PermissionDenied
from storage.store import Store, audit_hash
from tests.storage import test_permissions
from tests.storage.test_permissions import PASSWORD

setup = test_permissions.setup  # households in two wards and one account per role

WRITING_ROLES = ["ward", "officer", "admin"]


def schema(store: Store) -> list[tuple[Any, ...]]:
    """Every schema object of the file and of the connection's temp schema."""
    return [tuple(row) for row in store.db.execute(
        "SELECT 'main', type, name, sql FROM sqlite_master UNION ALL"
        " SELECT 'temp', type, name, sql FROM sqlite_temp_master ORDER BY 1, 3")]


def refused_sql(store: Store, sql: str, params: list[Any] | None = None) -> None:
    with pytest.raises(sqlite3.DatabaseError):
        store.db.execute(sql, params or [])


def audit_count(store: Store) -> int:
    return int(store.db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0])


# -- the schema: no session plants code that runs later with the limits lifted -------------------


@pytest.mark.parametrize("role", [*WRITING_ROLES, "viewer"])
def test_no_session_changes_the_schema(store: Store, setup: dict[str, Any], role: str) -> None:
    other = setup["other"]
    store.sign_in(setup[role])
    before_schema = schema(store)
    attacks = [
        # A trigger of the file runs under whoever writes next: the sign-in bookkeeping and a
        # package's import write with the limits lifted, so its body would run unchecked.
        "CREATE TRIGGER main.sua_tron AFTER UPDATE ON accounts BEGIN"
        f" UPDATE households SET head_name = 'Bị Sửa' WHERE id = '{other.id}';"
        " DELETE FROM audit_log; END",
        # A trigger of the connection that silently drops every audit entry.
        "CREATE TEMP TRIGGER im_lang BEFORE INSERT ON main.audit_log BEGIN"
        " SELECT RAISE(IGNORE); END",
        # Temp objects are found before the file's own under the same name.
        "CREATE TEMP TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
        "CREATE TEMP VIEW audit_log AS SELECT * FROM main.audit_log WHERE 0",
        "CREATE TEMP TABLE Households (x)",
        "CREATE TEMP TABLE sqlite_stat1 (x)",
        "CREATE VIRTUAL TABLE temp.tim USING fts5(x)",
        "CREATE VIEW main.xem AS SELECT 1",
        "CREATE INDEX main.chi_muc ON households(phone)",
        "DROP INDEX households_group",
        "DROP TRIGGER households_fts_insert",
        "DROP TRIGGER household_years_first_year_insert",
        "ALTER TABLE households ADD COLUMN them TEXT",
    ]
    for sql in attacks:
        refused_sql(store, sql)
    assert schema(store) == before_schema
    # A scratch table of the connection's own, named apart, is no harm.
    store.db.execute("CREATE TEMP TABLE nhap (x)")
    store.db.execute("DROP TABLE temp.nhap")
    # The next sign-in writes its bookkeeping as before, and nothing else changes.
    entries = audit_count(store)
    store.sign_out()
    account = store.accounts.sign_in(setup[role].username, PASSWORD)
    assert store.households.get(other.id).head_name == "Lò Văn Khác"
    assert audit_count(store) == entries
    if account.can_write:
        own = setup["own"]
        store.households.update(dataclasses.replace(own, address="Số 9"))
        assert audit_count(store) > entries  # the action's entry was written
    assert store.verify_audit_chain() == []


def test_a_ward_officers_large_import_still_rebuilds_the_search_index(
        store: Store, setup: dict[str, Any]) -> None:
    # The bulk path drops and restores the search trigger: the program's own schema change,
    # made with the limits lifted, not the session's.
    from storage.household_import import _BULK_FROM
    from storage.model import Household

    store.sign_in(setup["ward"])
    before_schema = schema(store)
    with store.action("Nhập nhiều hộ") as action, store.households_bulk():
        rows = [{"id": f"00000000-0000-4000-8000-{index:012d}", "group_id": setup["group_1"],
                 "head_name": f"Hộ Thử {index}", "owner_unit_id": setup["ward_a"],
                 **action.stamp} for index in range(_BULK_FROM)]
        store.bulk_insert("households", rows)
    assert schema(store) == before_schema
    assert store.households.get(rows[0]["id"]).head_name == "Hộ Thử 0"
    assert Household  # the model the rows stand for


# -- the machine's identity, counters and bookkeeping --------------------------------------------


def forged_entry(store: Store) -> dict[str, Any]:
    """An audit entry as the store would append it, in the administrator's name."""
    last = store.db.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    entry = {"id": "f0000000-0000-4000-8000-00000000a001", "at": "2026-12-01T08:00:00.000Z",
             "site_id": store.site_id, "actor": "quantri", "action": "Xóa hộ",
             "change_seq": store.change_seq, "table_name": "households",
             "record_id": "khong-co", "operation": "delete", "changes": "{}"}
    prev = last[0]
    return {**entry, "prev_hash": prev, "hash": audit_hash(prev, entry)}


@pytest.mark.parametrize("role", WRITING_ROLES)
def test_no_session_rewrites_the_machines_identity_counters_or_trail(
        store: Store, setup: dict[str, Any], role: str) -> None:
    store.sign_in(setup[role])
    if role != "officer":
        store.households.update(dataclasses.replace(setup["own"], address="Số 1"))
    meta = dict(store.db.execute("SELECT key, value FROM meta").fetchall())
    entry = forged_entry(store)
    columns = ", ".join(entry)
    attacks: list[tuple[str, list[Any]]] = [
        # A ward's machine made the city's at the next sign-in, or another ward's.
        ("INSERT OR REPLACE INTO meta (key, value) VALUES ('role', 'city')", []),
        ("INSERT INTO meta (key, value) VALUES ('site_unit_id', ?)", [setup["ward_b"]]),
        ("UPDATE meta SET value = 'may-khac' WHERE key = 'site_id'", []),
        ("INSERT OR REPLACE INTO meta (key, value) VALUES ('site_name', 'Máy Giả')", []),
        # Action numbers turned back: new changes would never travel.
        ("UPDATE meta SET value = '0' WHERE key = 'change_seq'", []),
        ("UPDATE meta SET value = CAST(value AS INTEGER) + 1000 WHERE key = 'change_seq'", []),
        ("INSERT OR REPLACE INTO meta (key, value) VALUES ('acknowledged_seq', '99')", []),
        # The anchor of the trail, moved to a forged entry or away.
        ("UPDATE meta SET value = ? WHERE key = 'audit_head'", [entry["hash"]]),
        ("DELETE FROM meta WHERE key = 'audit_head'", []),
        # Key material and the key the encrypted copies are sealed to.
        ("INSERT INTO meta (key, value) VALUES ('certificate_signing_key', 'AAAA')", []),
        ("INSERT OR REPLACE INTO meta (key, value) VALUES ('backup_encryption', '{}')", []),
        # An entry appended in another person's name, chained and hashed as the store does.
        (f"INSERT INTO audit_log ({columns}) VALUES ({', '.join('?' * len(entry))})",
         list(entry.values())),
    ]
    for sql, params in attacks:
        refused_sql(store, sql, params)
    assert dict(store.db.execute("SELECT key, value FROM meta").fetchall()) == meta
    # The store's own actions still count and anchor the trail.
    if role != "officer":
        seq = store.change_seq
        store.households.update(dataclasses.replace(setup["own"], address="Số 2"))
        assert store.change_seq == seq + 1
    assert store.verify_audit_chain() == []


@pytest.mark.parametrize("role", ["ward", "officer"])
def test_no_officer_rewrites_what_the_machine_has_received_or_sent(
        store: Store, setup: dict[str, Any], role: str) -> None:
    store.sign_in(setup[role])
    with store.unrestricted():  # as the import records a package
        store.db.execute(
            "INSERT INTO sync_packages (package_id, direction, peer_site, kind, created_at,"
            " processed_at) VALUES ('goi-da-nhan', 'in', 'may-phuong', 'changes', 't', 't')")
    tables = ("sync_progress", "peer_acks", "sync_packages", "audit_search",
              "audit_search_progress")
    before = {table: store.db.execute(f"SELECT * FROM {table}").fetchall() for table in tables}
    for sql in (
        # Progress pushed beyond what arrived: that ward's changes stop travelling.
        "INSERT INTO sync_progress (origin_site, seq) VALUES ('may-phuong', 1000000000)",
        # An acknowledgement that was never given: this machine's changes stop being sent.
        "INSERT INTO peer_acks (peer_site, origin_site, seq) VALUES ('may-phuong', 'x', 9)",
        # A package marked as imported before it is: its import would be skipped.
        "INSERT INTO sync_packages (package_id, direction, peer_site, kind, created_at,"
        " processed_at) VALUES ('goi-sap-den', 'in', 'may-phuong', 'changes', 't', 't')",
        # The record of a package received, taken away or replaced: it could be imported again.
        "DELETE FROM sync_packages",
        "UPDATE sync_packages SET package_id = 'khac'",
        "INSERT OR REPLACE INTO sync_packages (package_id, direction, peer_site, kind,"
        " created_at, processed_at) VALUES ('goi-da-nhan', 'out', 'may-phuong', 'changes', 't',"
        " 't')",
        # Entries hidden from the audit view's search.
        "INSERT INTO audit_search (source, ord, key) VALUES (0, 1, 'khac')",
        "INSERT INTO audit_search_progress (source, last) VALUES ('audit_log', 1000000)",
    ):
        refused_sql(store, sql)
    assert {table: store.db.execute(f"SELECT * FROM {table}").fetchall()
            for table in tables} == before


@pytest.mark.parametrize("role", [*WRITING_ROLES, "viewer"])
def test_no_session_reaches_sqlites_pointers(store: Store, setup: dict[str, Any],
                                             role: str) -> None:
    # fts3_tokenizer() gives a tokenizer's address, and with two arguments sets it: a way to
    # read and write the process's memory from SQL where SQLite is built with it.
    store.sign_in(setup[role])
    for sql in ("SELECT fts3_tokenizer('simple')",
                "SELECT fts3_tokenizer('simple', x'0000000000000000')",
                "SELECT load_extension('khong-co')"):
        refused_sql(store, sql)


def test_the_refusal_of_a_schema_change_is_in_words(store: Store,
                                                    setup: dict[str, Any]) -> None:
    store.sign_in(setup["ward"])
    with pytest.raises(PermissionDenied, match="cấu trúc"), store.transaction("thử"):
        store.db.execute("CREATE TEMP TABLE meta (key, value)")

