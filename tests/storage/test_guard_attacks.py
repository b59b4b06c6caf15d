"""The store's guard cannot be taken apart by the session it guards, and it follows what a row
belongs to, not what the row says about itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from storage.errors import PermissionDenied
from storage.model import HouseholdYear
from storage.store import Store
from tests.storage import test_permissions
from tests.storage.test_permissions import refused, snapshot

setup = test_permissions.setup  # households in two wards and one account per role


def test_a_status_written_with_an_own_group_into_another_wards_household(
        store: Store, setup: dict[str, Any]) -> None:
    store.sign_in(setup["ward"])
    other = setup["other"]
    # The officer's own group on the status: the household still belongs to another ward.
    sneaky = HouseholdYear(other.id, 2024, setup["own"].group_id, poverty="poor")
    refused(store, lambda: store.households.set_year_status(sneaky), "Phường Đoàn Kết")


def test_a_framework_claimed_as_the_wards_own_is_refused(
        store: Store, setup: dict[str, Any]) -> None:
    store.sign_in(setup["ward"])
    refused(store, lambda: store.frameworks.create("Bộ tiêu chí của phường", 2026,
                                                   owner_unit_id=setup["ward_a"]),
            "việc của cấp trên")
    assert not store.query("SELECT 1 FROM frameworks WHERE name = ?", ["Bộ tiêu chí của phường"])


@pytest.mark.parametrize("role", ["ward", "viewer", "officer", "admin"])
def test_no_session_can_remove_its_limits_or_rewrite_the_trail(
        store: Store, setup: dict[str, Any], role: str) -> None:
    store.sign_in(setup[role])
    before = snapshot(store)
    guard_triggers = [row[0] for row in store.db.execute(
        "SELECT name FROM sqlite_temp_master WHERE type = 'trigger'")]
    attacks = [
        "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)",
        "UPDATE audit_log SET actor = 'ai-do'",
        "DROP TABLE audit_log",
        "PRAGMA user_version = 999",
        "PRAGMA application_id = 1",
        "PRAGMA writable_schema = 1",
        "PRAGMA foreign_keys = OFF",
        "PRAGMA recursive_triggers = OFF",
        "PRAGMA trusted_schema = 1",
        "PRAGMA journal_mode = DELETE",
        "SELECT * FROM machine_keys",
        "INSERT INTO audit_received SELECT *, 'x' FROM audit_log",
        "DELETE FROM audit_heads",
        f"ATTACH DATABASE '{Path(str(store.path)).with_name('khac.sqlite')}' AS khac",
    ] + [f"DROP TRIGGER temp.{name}" for name in guard_triggers]
    for sql in attacks:
        with pytest.raises(sqlite3.DatabaseError):
            store.db.execute(sql)
    assert snapshot(store) == before
    assert store.db.execute("PRAGMA user_version").fetchone()[0] > 0
    assert not Path(str(store.path)).with_name("khac.sqlite").exists()
    # The limits are still there: another ward's household is still refused.
    if role == "ward":
        with pytest.raises(sqlite3.DatabaseError):
            store.db.execute("UPDATE households SET head_name = 'Sửa Trộm' WHERE id = ?",
                             [setup["other"].id])
        assert store.households.get(setup["other"].id).head_name == "Lò Văn Khác"
    if role == "viewer":
        with pytest.raises(PermissionDenied):
            store.households.delete(setup["own"].id)


def test_the_file_still_opens_and_its_trail_verifies_after_the_attacks(
        store: Store, setup: dict[str, Any]) -> None:
    store.sign_in(setup["viewer"])
    for sql in ("PRAGMA user_version = 999", "DELETE FROM audit_log"):
        with pytest.raises(sqlite3.DatabaseError):
            store.db.execute(sql)
    path = store.path
    store.close()
    with Store(path) as reopened:  # type: ignore[arg-type]
        assert reopened.verify_audit_chain() == []


def test_the_owner_cutting_the_trail_by_hand_is_found(store: Store,
                                                      setup: dict[str, Any]) -> None:
    # No guard at all (the machine's owner at the command line): the cut is still seen.
    assert store.verify_audit_chain() == []
    store.db.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    assert any("cắt bớt" in problem for problem in store.verify_audit_chain())
    store.db.execute("DELETE FROM audit_log")
    assert any("cắt bớt" in problem for problem in store.verify_audit_chain())
