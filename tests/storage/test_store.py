"""The Store: opening, pragmas, actions as transactions, migrations, the audit chain."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage import migrations as schema
from storage.errors import DatabaseDamaged, SchemaTooNew
from storage.model import Household
from storage.store import Store


def test_new_file_has_schema_pragmas_and_identity(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    with Store(path) as store:
        assert store.schema_version == len(schema.known_names())
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(schema.known_names())
        site_id = store.site_id
        assert store.backup_made is None  # nothing to back up on a new file
    with Store(path) as again:
        assert again.site_id == site_id


def test_action_is_one_transaction_with_one_sequence_number(
    store: Store, city: dict[str, str]
) -> None:
    before = store.change_seq
    with pytest.raises(RuntimeError):
        with store.action("Hai hộ rồi lỗi"):
            store.households.add(Household(city["group_1"], "Nguyễn Văn An"))
            store.households.add(Household(city["group_1"], "Trần Thị Bình"))
            raise RuntimeError("mất điện")
    assert store.change_seq == before
    assert store.households.count(2024) == 0
    assert store.db.execute("SELECT COUNT(*) FROM households").fetchone()[0] == 0

    with store.action("Hai hộ") as action:
        first = store.households.add(Household(city["group_1"], "Nguyễn Văn An"))
        second = store.households.add(Household(city["group_1"], "Trần Thị Bình"))
    assert store.change_seq == before + 1 == action.seq
    seqs = store.db.execute(
        "SELECT DISTINCT change_seq FROM households WHERE id IN (?, ?)", [first.id, second.id]
    ).fetchall()
    assert seqs == [(action.seq,)]
    actions = store.db.execute(
        "SELECT DISTINCT action FROM audit_log WHERE change_seq = ?", [action.seq]
    ).fetchall()
    assert actions == [("Hai hộ",)]


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        with store.action("Hộ mồ côi"):
            store.db.execute(
                "INSERT INTO households (id, group_id, head_name) VALUES ('x', 'no-group', 'A')"
            )


def test_audit_chain_detects_an_edited_and_a_deleted_entry(
    store: Store, city: dict[str, str]
) -> None:
    for name in ("Nguyễn Văn An", "Lò Thị Bình", "Giàng A Chứ"):
        store.households.add(Household(city["group_1"], name))
    assert store.verify_audit_chain() == []

    store.db.execute("UPDATE audit_log SET actor = 'kẻ gian' WHERE seq = 3")
    assert any("bị sửa" in problem for problem in store.verify_audit_chain())

    store.db.execute("UPDATE audit_log SET actor = 'test' WHERE seq = 3")
    assert store.verify_audit_chain() == []
    store.db.execute("DELETE FROM audit_log WHERE seq = 4")
    assert store.verify_audit_chain() != []


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "hong.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseDamaged, match="không phải"):
        Store(path)
    assert path.read_bytes() == before


def test_a_damaged_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hong.sqlite"
    with Store(path):
        pass
    data = bytearray(path.read_bytes())
    data[100:4096] = bytes(range(256)) * 15 + bytes(range(236))  # trash the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged):
        Store(path)


def test_a_file_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "moi.sqlite"
    with Store(path) as store:
        store.db["_sqlite_migrations"].insert(
            {"migration_set": schema.MIGRATION_SET, "name": "9999_from_the_future",
             "applied_at": "2030-01-01"}
        )
    with pytest.raises(SchemaTooNew, match="mới hơn"):
        Store(path)


def test_an_older_file_is_backed_up_then_upgraded_with_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cu.sqlite"
    with Store(path) as store:
        city = store.units.add("city", "Thành phố Cũ", None, 2020)
        ward = store.units.add("phuong", "Phường Một", city.id, 2020)
        group = store.units.add("tdp", "Tổ dân phố số 1", ward.id, 2020)
        household = store.households.add(Household(group.id, "Nguyễn Văn Cũ"), year=2024)

    # A newer program: one more migration that adds a column.
    def m9000_add_nickname(db: object) -> None:
        db.execute("ALTER TABLE households ADD COLUMN nickname TEXT NOT NULL DEFAULT ''")  # type: ignore[attr-defined]

    extended = list(schema.migrations._migrations)
    extended.append(schema.migrations._Migration("9000_add_nickname", m9000_add_nickname))
    monkeypatch.setattr(schema.migrations, "_migrations", extended)

    with Store(path) as upgraded:
        assert upgraded.backup_made is not None and upgraded.backup_made.exists()
        assert upgraded.households.get(household.id).head_name == "Nguyễn Văn Cũ"
        columns = {c.name for c in upgraded.db["households"].columns}
        assert "nickname" in columns
        assert upgraded.schema_version == len(extended)
    # The backup is the file as it was before: the old schema and the data.
    with sqlite3.connect(upgraded.backup_made) as old:
        names = {row[1] for row in old.execute("PRAGMA table_info(households)")}
        assert "nickname" not in names
        assert old.execute("SELECT head_name FROM households").fetchone()[0] == "Nguyễn Văn Cũ"


def test_a_failing_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "loi.sqlite"
    with Store(path) as store:
        store.units.add("city", "Thành phố", None, 2020)

    def m9001_broken(db: object) -> None:
        db.execute("ALTER TABLE units ADD COLUMN extra TEXT")  # type: ignore[attr-defined]
        raise RuntimeError("migration bug")

    extended = [*schema.migrations._migrations,
                schema.migrations._Migration("9001_broken", m9001_broken)]
    monkeypatch.setattr(schema.migrations, "_migrations", extended)
    with pytest.raises(RuntimeError):
        Store(path)
    monkeypatch.undo()
    with Store(path) as reopened:
        assert "extra" not in {c.name for c in reopened.db["units"].columns}
        assert reopened.units.city().name == "Thành phố"


def test_backup_copies_the_data(store: Store, city: dict[str, str], tmp_path: Path) -> None:
    store.households.add(Household(city["group_1"], "Nguyễn Văn An"), year=2024)
    copy = store.backup(tmp_path / "copy.sqlite")
    with Store(copy) as restored:
        assert restored.households.count(2024) == 1
