"""A second, hostile look at the trust fixes: what a signed-in session can still do with SQL on
the store's connection, and what a registered machine can still make another believe.

Each test names a way in that got past the first fixes; the store's guard
(storage/accounts.py) and the import's judgement (storage/sync.py, storage/sync_judge.py,
storage/ownership.py) must close it.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from storage.audit_heads import SignedHead, entry_hash, stored_heads
from storage.errors import PermissionDenied
from storage.store import Store, audit_hash
from storage.sync import AUDIT_COLUMNS, PackageRefused
from storage.sync_crypto import b64, canonical_json, open_package, seal_package
from tests.files import file_digest
from tests.storage import test_permissions, test_sync
from tests.storage.test_permissions import PASSWORD
from tests.storage.test_sync import Network, add_household, machine_of, upstream_id
from tests.storage.test_sync_attacks import city_row, forged_package

setup = test_permissions.setup  # households in two wards and one account per role
# The city and two ward machines of test_sync (built once per module, copied per test).
network_files = test_sync.network_files
net = test_sync.net

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



def test_the_ward_triggers_hold_whatever_the_statement(store: Store,
                                                       setup: dict[str, Any]) -> None:
    # Ways of writing a row that the first tests did not try: each must meet the same triggers.
    store.sign_in(setup["ward"])
    own, other = setup["own"], setup["other"]
    before = test_permissions.snapshot(store)
    for sql, params in (
        # An upsert of an own household that moves it to another ward on conflict.
        ("INSERT INTO households (id, group_id, head_name, owner_unit_id, modified_at,"
         " modified_site, change_seq) VALUES (?, ?, 'x', ?, 't', '', 0)"
         " ON CONFLICT(id) DO UPDATE SET group_id = ?",
         [own.id, own.group_id, setup["ward_a"], setup["group_3"]]),
        # A replace of another ward's household by one that claims an own group.
        ("INSERT OR REPLACE INTO households (id, group_id, head_name, owner_unit_id,"
         " modified_at, modified_site, change_seq) VALUES (?, ?, 'Thay Thế', ?, 't', '', 0)",
         [other.id, own.group_id, setup["ward_a"]]),
        # A recursive query choosing the rows to change.
        ("WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT u.id FROM units u JOIN tree"
         " ON u.parent_id = tree.id) UPDATE households SET address = 'x'"
         " WHERE group_id IN (SELECT id FROM tree)", [setup["city"]]),
        ("DELETE FROM household_years WHERE household_id = ?", [other.id]),
        ("UPDATE household_members SET household_id = ? WHERE household_id = ?",
         [other.id, own.id]),
        # Writing another file, or reading the keys another way.
        (f"VACUUM INTO '{store.path}.ban-sao'", []),
        ("SELECT quote(sealed) FROM (SELECT * FROM machine_keys)", []),
        ("PRAGMA temp.recursive_triggers = OFF", []),
    ):
        refused_sql(store, sql, params)
    assert test_permissions.snapshot(store) == before
    assert not Path(f"{store.path}.ban-sao").exists()



@pytest.mark.parametrize("role", [*WRITING_ROLES, "viewer"])
def test_no_session_reads_the_password_hashes(store: Store, setup: dict[str, Any],
                                              role: str) -> None:
    # A viewer with the administrator's salt and hash could try passwords offline, at leisure.
    secrets = {value for row in store.db.execute(
        "SELECT password_hash, password_salt FROM accounts") for value in row}
    secrets |= {value.hex().upper() for value in secrets}
    store.sign_in(setup[role])
    for sql in ("SELECT password_hash, password_salt FROM accounts",
                "SELECT * FROM accounts",
                "SELECT hex(password_hash), hex(password_salt) FROM (SELECT * FROM accounts)",
                "SELECT group_concat(hex(password_hash)) FROM accounts"):
        rows = store.db.execute(sql).fetchall()
        assert rows, sql
        assert not secrets & {value for row in rows for value in row}, sql
    # Signing in again (the idle lock) still checks the password, right and wrong.
    assert store.accounts.authenticate("quantri", PASSWORD).username == "quantri"
    with pytest.raises(Exception, match="Sai tên đăng nhập"):
        store.accounts.authenticate("quantri", "sai-mat-khau")


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



def test_a_ward_officer_does_not_sign_the_offices_certificates(store: Store,
                                                               setup: dict[str, Any]) -> None:
    # Who signs the certificates, and for which authority, is the office's setting: a ward
    # officer on the office's machine changes it neither through the store nor with SQL.
    from storage.certificates import IssuerSettings

    store.sign_in(setup["ward"])
    forged = IssuerSettings(authority="ỦY BAN GIẢ", signer_name="Người Ký Giả")
    refused = test_permissions.refused(store, lambda: store.certificates.save_settings(forged),
                                       "việc của cấp trên")
    assert "Giấy công nhận" in str(refused)
    refused_sql(store, "INSERT OR REPLACE INTO meta (key, value) VALUES"
                       " ('certificate_settings', '{\"signer_name\": \"Giả\"}')")
    assert store.certificates.stored_settings() == IssuerSettings()


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


# -- what a package's rows say about who wrote them ----------------------------------------------


def _tan_phong_household(city: Store, net: Network) -> dict[str, Any]:
    return city_row(city, "SELECT h.* FROM households h JOIN units g ON g.id = h.group_id"
                    " WHERE g.parent_id = ? ORDER BY h.num LIMIT 1", net.tan_phong_id)


@pytest.mark.parametrize("posing_as", ["receiver", "another ward"])
def test_a_ward_row_posing_as_the_receivers_or_another_machines_write(
        net: Network, posing_as: str) -> None:
    city = net.city
    if posing_as == "receiver":
        site, seq = city.site_id, 10**6
    else:
        # Đoàn Kết's machine has sent its first change: the city holds it up to 1.
        add_household(net.doan_ket, net.doan_ket_id, "Lò Văn Đã Gửi")
        city.sync.import_package(net.doan_ket.sync.export(upstream_id(net.doan_ket),
                                                          net.folder).path)
        site, seq = machine_of(city, net.doan_ket_id), 1
    victim = _tan_phong_household(city, net)

    def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        # A range for that machine that claims nothing new, so no head is asked for; the
        # row, the ward's own household, stamped as that machine's write.
        manifest["ranges"][site] = [1, seq]
        table = payload["tables"]["households"]
        row = {**victim, "note": "Sửa mạo danh", "modified_site": site, "change_seq": seq,
               "modified_at": "2026-12-20T00:00:00.000Z"}
        table["rows"].append([row.get(column) for column in table["columns"]])

    plan = city.sync.preview(forged_package(net, edit))
    assert [r.table for r in plan.rejections] == ["households"]
    assert "dấu của bản ghi" in plan.rejections[0].reason
    city.sync.apply(plan)
    after = city_row(city, "SELECT * FROM households WHERE id = ?", victim["id"])
    assert (after["note"], after["modified_site"]) == (victim["note"], victim["modified_site"])


def test_after_ordinary_exchanges_no_machine_reports_a_damaged_trail(net: Network) -> None:
    # The trails travel upward only: a ward keeps no head of a machine whose entries it never
    # receives, so its check does not call them deleted.
    city, ward, other = net.city, net.tan_phong, net.doan_ket
    add_household(other, net.doan_ket_id, "Lò Văn Một")
    city.sync.import_package(other.sync.export(upstream_id(other), net.folder).path)
    add_household(ward, net.tan_phong_id, "Lò Văn Hai")
    city.sync.import_package(ward.sync.export(upstream_id(ward), net.folder).path)
    city.cycle.set_target(net.tan_phong_id, "year", 2025, 2025, 4)
    for store, ward_id in ((ward, net.tan_phong_id), (other, net.doan_ket_id)):
        store.sync.import_package(city.sync.export(machine_of(city, ward_id), net.folder).path)
    for store in (city, ward, other):
        assert store.verify_audit_chain() == [], store.actor


# -- a city office under an office above: what it relays ------------------------------------------


@pytest.fixture
def upper(net: Network, demo_path: Path, tmp_path: Path) -> Iterator[Store]:
    """An office above the city, linked by identity cards, after first contact both ways."""
    path = tmp_path / "upper.sqlite"
    shutil.copy(demo_path, path)
    with Store(path) as store:
        store.db.execute("UPDATE meta SET value = 'upper-office-site' WHERE key = 'site_id'")
    store = Store(path, actor="upper")
    store.sync.register_peer(net.city.sync.identity_card(), "downstream")
    net.city.sync.register_peer(store.sync.identity_card(), "upstream")
    store.sync.import_package(net.city.sync.export(upstream_id(net.city), net.folder).path)
    net.city.sync.import_package(store.sync.export(net.city.site_id, net.folder).path)
    yield store
    store.close()


def relay_tan_phong(net: Network, upper: Store) -> None:
    """A change of Tân Phong's, relayed by the city to the office above, as it should be."""
    add_household(net.tan_phong, net.tan_phong_id, "Lò Văn Chuyển Tiếp")
    net.city.sync.import_package(
        net.tan_phong.sync.export(upstream_id(net.tan_phong), net.folder).path)
    upper.sync.import_package(net.city.sync.export(upstream_id(net.city), net.folder).path)


def forged_upward(net: Network, upper: Store,
                  edit: Callable[[dict[str, Any], dict[str, Any]], None]) -> Path:
    """A real package of the city's to the office above, edited and signed again with the
    city's own key."""
    city = net.city
    city.cycle.set_target(net.tan_phong_id, "year", 2026, 2026, 5)  # something to send
    package = city.sync.export(upstream_id(city), net.folder).path
    sealed = open_package(package.read_bytes())
    payload = json.loads(sealed.decrypt(upper.sync.keys()))
    manifest = {k: v for k, v in sealed.manifest.items()
                if k not in ("encryption", "payload_sha256", "payload_size")}
    edit(payload, manifest)
    target = package.with_name("forged-upward.tqgoi")
    target.write_bytes(seal_package(manifest, canonical_json(payload), city.sync.keys(),
                                    upper.sync.keys().box_public))
    return target


def test_a_relayed_trail_is_held_to_the_key_it_first_came_with(net: Network,
                                                                upper: Store) -> None:
    relay_tan_phong(net, upper)
    ward_site = net.tan_phong.site_id
    kept = stored_heads(upper)[ward_site]
    assert kept.signing_public == net.tan_phong.sync.keys().signing_public
    before = upper.query("SELECT * FROM audit_received WHERE site_id = ?", [ward_site])

    def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        # An entry in the ward's name after its last signed head, and a head for it signed
        # with a key the city makes up and vouches for.
        seq = kept.change_seq + 1
        entry = {"id": "f0000000-0000-4000-8000-00000000b001", "at": "2026-12-01T08:00:00.000Z",
                 "site_id": ward_site, "actor": "admin", "action": "Xóa hộ", "change_seq": seq,
                 "table_name": "households", "record_id": "khong-co", "operation": "delete",
                 "changes": "{}", "prev_hash": kept.hash}
        entry["hash"] = entry_hash(entry)
        payload["audit"].append([entry[column] for column in AUDIT_COLUMNS])
        manifest["audit_entries"] += 1
        key = Ed25519PrivateKey.generate()
        public = b64(key.public_key().public_bytes_raw())
        unsigned = SignedHead(ward_site, seq, entry["hash"], "", public)
        manifest["heads"][ward_site] = SignedHead(
            ward_site, seq, entry["hash"], b64(key.sign(unsigned.statement())),
            public).as_json()
        # The package may repeat the entries relayed before (not yet acknowledged): the new
        # one follows them.
        manifest["ranges"][ward_site] = [manifest["ranges"].get(ward_site, [seq])[0], seq]

    package = forged_upward(net, upper, edit)
    assert upper.path is not None
    digest = file_digest(upper.path)
    with pytest.raises(PackageRefused, match="khóa"):
        upper.sync.preview(package)
    assert file_digest(upper.path) == digest
    assert upper.query("SELECT * FROM audit_received WHERE site_id = ?", [ward_site]) == before


def test_an_office_below_cannot_pose_as_the_office_above(net: Network, upper: Store) -> None:
    victim = _tan_phong_household(upper, net)

    def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        manifest["ranges"][upper.site_id] = [1, 10**6]
        row = {**victim, "note": "Cấp trên sửa (giả)", "modified_site": upper.site_id,
               "change_seq": 10**6, "modified_at": "2026-12-20T00:00:00.000Z"}
        columns = [c for c in row if c != "num"]
        payload["tables"]["households"] = {"columns": columns,
                                           "rows": [[row[c] for c in columns]]}

    plan = upper.sync.preview(forged_upward(net, upper, edit))
    assert [r.table for r in plan.rejections] == ["households"]
    upper.sync.apply(plan)
    assert city_row(upper, "SELECT note FROM households WHERE id = ?",
                    victim["id"])["note"] == victim["note"]


# -- a group's records belong to a group -----------------------------------------------------------


def test_a_wards_package_cannot_hang_a_groups_records_on_the_ward_itself(net: Network) -> None:
    city = net.city
    template = _tan_phong_household(city, net)
    profile = city_row(city, "SELECT * FROM group_years LIMIT 1")

    def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        site = net.tan_phong.site_id
        stamp = {"modified_site": site, "change_seq": manifest["ranges"][site][1],
                 "modified_at": "2026-12-20T00:00:00.000Z"}
        # The form refuses a household outside a group ("Hộ phải thuộc một tổ dân phố hoặc
        # bản"); the ward itself is no group, though it is the sender's.
        household = {**{k: v for k, v in template.items() if k != "num"},
                     "id": "f0000000-0000-4000-8000-00000000c001", "group_id": net.tan_phong_id,
                     **stamp}
        table = payload["tables"]["households"]
        table["rows"].append([household.get(c) for c in table["columns"]])
        group_year = {**profile, "group_id": net.tan_phong_id, "year": 2026, **stamp}
        payload["tables"]["group_years"] = {"columns": list(group_year),
                                            "rows": [list(group_year.values())]}

    plan = city.sync.preview(forged_package(net, edit))
    assert sorted(r.table for r in plan.rejections) == ["group_years", "households"]
    assert all("không phải tổ dân phố, bản" in r.reason for r in plan.rejections)
    city.sync.apply(plan)
    assert not city.query("SELECT 1 FROM households WHERE group_id = ?", [net.tan_phong_id])
    assert not city.query("SELECT 1 FROM group_years WHERE group_id = ?", [net.tan_phong_id])


def test_a_ward_officer_cannot_hang_a_groups_records_on_the_ward_itself(
        store: Store, setup: dict[str, Any]) -> None:
    store.sign_in(setup["ward"])
    own, ward = setup["own"], setup["ward_a"]
    refused_sql(store, "UPDATE households SET group_id = ? WHERE id = ?", [ward, own.id])
    refused_sql(store, "INSERT INTO registrations (id, group_id, year, registered_on,"
                       " owner_unit_id, modified_at, modified_site, change_seq) VALUES"
                       " ('dk-phuong', ?, 2024, '2024-01-15', ?, 't', '', 0)", [ward, ward])
    assert store.households.get(own.id).group_id == setup["group_1"]
    # Its own groups still take them.
    store.db.execute("INSERT INTO registrations (id, group_id, year, registered_on,"
                     " owner_unit_id, modified_at, modified_site, change_seq) VALUES"
                     " ('dk-to', ?, 2024, '2024-01-15', ?, 't', '', 0)", [setup["group_1"], ward])


# -- what is left open (xfail: each names what it would take) ------------------------------------


@pytest.mark.xfail(strict=True, reason=(
    "a row's version across machines is decided by its modified_at, which the sending machine"
    " writes: a ward's row dated in the future wins over every later write of the office at"
    " every machine it is relayed to. Refusing future times would lose the rows of a laptop"
    " whose clock is wrong; a fix needs a version that does not come from a clock (per row,"
    " the origin's action numbers it has seen), a change of the package format"))
def test_a_wards_row_dated_in_the_future_does_not_outlive_the_offices_decision(
        net: Network, upper: Store) -> None:
    city = net.city
    group = city.units.groups_of(net.tan_phong_id, 2024)[0].id
    framework = city_row(city, "SELECT id FROM frameworks LIMIT 1")["id"]
    evaluation = "f0000000-0000-4000-8000-00000000d001"

    def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        site = net.tan_phong.site_id
        row = {"id": evaluation, "group_id": group, "year": 2026, "framework_id": framework,
               "stage": "city", "proposed": 1, "owner_unit_id": net.tan_phong_id,
               "deleted_at": None, "modified_site": site,
               "change_seq": manifest["ranges"][site][1],
               "modified_at": "2099-01-01T00:00:00.000Z"}
        payload["tables"]["evaluations"] = {"columns": list(row), "rows": [list(row.values())]}

    city.sync.import_package(forged_package(net, edit))
    upper.sync.import_package(city.sync.export(upstream_id(city), net.folder).path)
    # The city decides; the decision travels up as the city's write.
    with city.action("Quyết định công nhận") as action:
        city.db.execute("UPDATE evaluations SET stage = 'decided', modified_at = ?,"
                        " modified_site = ?, change_seq = ? WHERE id = ?",
                        [action.now, city.site_id, action.seq, evaluation])
        action.audit("evaluations", evaluation, "update", {"stage": ["city", "decided"]})
    upper.sync.import_package(city.sync.export(upstream_id(city), net.folder).path)
    assert city_row(upper, "SELECT stage FROM evaluations WHERE id = ?",
                    evaluation)["stage"] == "decided"
