"""Roles are enforced by the store itself: whatever method writes, a role's limits hold."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from storage.accounts import CITY_ADMIN, CITY_OFFICER, VIEWER, WARD_OFFICER, Account
from storage.errors import PermissionDenied
from storage.model import Household, HouseholdYear, Member
from storage.store import Store

PASSWORD = "mat-khau-thu"


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a refused write must leave as it was."""
    tables = ("households", "household_members", "household_years", "frameworks",
              "standards", "criteria", "targets", "decisions", "accounts", "audit_log")
    return {table: [tuple(row) for row in store.db.execute(f"SELECT * FROM {table}")]
            for table in tables} | {"change_seq": store.change_seq}


def add_account(store: Store, username: str, role: str, unit_id: str | None = None) -> Account:
    return store.accounts.add(username, username, role, PASSWORD, unit_id)


@pytest.fixture
def setup(store: Store, city: dict[str, str]) -> dict[str, Any]:
    """Households in both wards, a framework, and one account per role."""
    own = store.households.add(Household(city["group_1"], "Nguyễn Văn Nhà"), year=2024,
                               members=[Member("Nguyễn Thị Con", "Con", "nu", 2005)])
    other = store.households.add(Household(city["group_3"], "Lò Văn Khác"), year=2024,
                                 members=[Member("Lò Thị Vợ", "Vợ", "nu", 1980)])
    framework = store.frameworks.create("Bộ tiêu chí thử", 2021, 2025)
    admin = store.accounts.create_first_admin("quantri", "Quản trị", PASSWORD)
    return {
        **city, "own": own, "other": other, "framework": framework, "admin": admin,
        "ward": add_account(store, "doanket", WARD_OFFICER, city["ward_a"]),
        "officer": add_account(store, "phongnoivu", CITY_OFFICER),
        "viewer": add_account(store, "nguoixem", VIEWER),
    }


def refused(store: Store, write: Callable[[], object], words: str = "") -> PermissionDenied:
    """Run ``write``: it must raise PermissionDenied and change nothing at all."""
    before = snapshot(store)
    with pytest.raises(PermissionDenied) as raised:
        write()
    assert snapshot(store) == before
    assert words in str(raised.value)
    return raised.value


def test_a_ward_officer_writes_their_ward_and_nothing_of_another(
    store: Store, setup: dict[str, Any]
) -> None:
    store.sign_in(setup["ward"])
    own, other = setup["own"], setup["other"]
    # Their own ward: add, edit, statuses, members, delete, restore.
    added = store.households.add(Household(setup["group_1"], "Hà Văn Mới"), year=2024)
    store.households.update(dataclasses.replace(own, address="Số 3"),
                            members=[Member("Nguyễn Thị Con", "Con", "nu", 2006)])
    store.households.set_year_status(HouseholdYear(own.id, 2024, own.group_id,
                                                   cultural_family=True))
    store.households.delete(added.id)
    store.households.restore(added.id)
    assert store.households.get(own.id).address == "Số 3"

    # Another ward's household, through every method that writes it.
    other_status = HouseholdYear(other.id, 2024, other.group_id, poverty="poor")
    for write in (
        lambda: store.households.add(Household(setup["group_3"], "Người Lạ")),
        lambda: store.households.update(dataclasses.replace(other, address="Sửa trộm")),
        lambda: store.households.update(other, members=[]),
        lambda: store.households.delete(other.id),
        lambda: store.households.set_year_status(other_status),
        lambda: store.households.set_status_many([own.id, other.id], 2024, "third_child", True),
        # Moving their own household into another ward gives it away: refused too.
        lambda: store.households.move(own.id, setup["group_3"], 2024),
    ):
        error = refused(store, write, "Phường Đoàn Kết")
        assert "hộ" in str(error) or "tình trạng" in str(error)
    assert store.households.get(other.id).address == ""
    assert store.households.year_status(other.id, 2024).poverty == ""  # type: ignore[union-attr]


def test_a_ward_officer_cannot_touch_the_citys_records(
    store: Store, setup: dict[str, Any]
) -> None:
    store.sign_in(setup["ward"])
    framework = setup["framework"]
    refused(store, lambda: store.frameworks.create("Bộ tiêu chí của phường", 2024),
            "bộ tiêu chí")
    refused(store, lambda: store.frameworks.add_standard(framework.id, "I", "Tiêu chuẩn"))
    refused(store, lambda: store.cycle.set_target(setup["city"], "year", 2024, 2024, 9))
    refused(store, lambda: store.units.add("phuong", "Phường Mới", setup["city"], 2024))
    # Targets are the office's to set, their own ward's too: the message says so, and does
    # not call the ward's own unit another unit's.
    error = refused(store, lambda: store.cycle.set_target(setup["ward_a"], "year", 2024, 2024,
                                                          3), "việc của cấp trên")
    assert "đơn vị khác" not in str(error)
    assert store.cycle.target(setup["ward_a"], 2024) is None


def test_any_sql_path_is_refused_not_only_the_store_methods(
    store: Store, setup: dict[str, Any]
) -> None:
    store.sign_in(setup["ward"])
    other = setup["other"]
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE households SET address = 'x' WHERE id = ?", [other.id])
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("DELETE FROM household_members WHERE household_id = ?", [other.id])
    # Replacing another ward's row with one claimed as one's own is a delete of that row.
    row = store.query("SELECT * FROM household_years WHERE household_id = ?", [other.id])[0]
    values = {**dict(row), "owner_unit_id": setup["ward_a"], "third_child": 1}
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(
            f"INSERT OR REPLACE INTO household_years ({', '.join(values)})"
            f" VALUES ({', '.join('?' * len(values))})", list(values.values()))
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        store.db.execute("UPDATE accounts SET role = 'city_admin'")
    assert store.query("SELECT third_child FROM household_years WHERE household_id = ?",
                       [other.id])[0][0] == 0


def test_a_viewer_writes_nothing(store: Store, setup: dict[str, Any]) -> None:
    store.sign_in(setup["viewer"])
    own = setup["own"]
    for write in (
        lambda: store.households.add(Household(setup["group_1"], "Người Mới")),
        lambda: store.households.update(dataclasses.replace(own, address="Sửa")),
        lambda: store.households.delete(own.id),
        lambda: store.frameworks.create("Bộ mới", 2024),
        lambda: store.cycle.set_target(setup["ward_a"], "year", 2024, 2024, 3),
    ):
        refused(store, write, "chỉ được xem và in")
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        store.db.execute("UPDATE households SET address = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        store.db.execute("DROP INDEX households_sort")
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        store.db.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
    # Reading, and temporary tables of the screens, still work.
    assert store.households.get(own.id).head_name == "Nguyễn Văn Nhà"
    store.db.execute("CREATE TEMP TABLE scratch (x)")
    store.db.execute("INSERT INTO scratch VALUES (1)")


def test_a_city_officer_appraises_but_does_not_change_the_criteria(
    store: Store, setup: dict[str, Any]
) -> None:
    store.sign_in(setup["officer"])
    framework = setup["framework"]
    refused(store, lambda: store.frameworks.create("Bộ mới", 2024), "bộ tiêu chí")
    refused(store, lambda: store.frameworks.add_standard(framework.id, "I", "Tiêu chuẩn"),
            "tiêu chuẩn")
    refused(store, lambda: store.accounts.add("them", "Thêm", VIEWER, PASSWORD))
    # Data of any ward is the city office's to correct.
    store.households.update(dataclasses.replace(setup["other"], address="Bản 3"))
    store.cycle.set_target(setup["city"], "year", 2024, 2024, 9)
    assert store.households.get(setup["other"].id).address == "Bản 3"


def test_the_administrator_may_do_everything(store: Store, setup: dict[str, Any]) -> None:
    store.sign_in(setup["admin"])
    standard = store.frameworks.add_standard(setup["framework"].id, "I", "Tiêu chuẩn I")
    store.households.delete(setup["other"].id)
    store.accounts.add("them", "Thêm", VIEWER, PASSWORD)
    assert standard.code == "I" and store.accounts.find("them") is not None


def test_unrestricted_lifts_the_limits_inside_only(store: Store, setup: dict[str, Any]) -> None:
    store.sign_in(setup["ward"])
    other = setup["other"]
    sql = "UPDATE households SET note = ? WHERE id = ?"
    with store.unrestricted():
        store.db.execute(sql, ["từ gói đã kiểm tra", other.id])
        with store.unrestricted():  # nested: still lifted after the inner block
            pass
        store.db.execute(sql, ["lần hai", other.id])
    # The same statement (cached by sqlite3) is checked again afterwards.
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(sql, ["lần ba", other.id])
    with pytest.raises(RuntimeError), store.unrestricted():
        raise RuntimeError("lỗi giữa chừng")
    refused(store, lambda: store.households.delete(other.id))
    store.sign_in(setup["viewer"])
    with store.unrestricted():
        store.households.update(dataclasses.replace(other, address="Gói"))
    refused(store, lambda: store.households.update(dataclasses.replace(other, address="Không")))
    assert store.households.get(other.id).address == "Gói"


def test_signing_out_gives_the_store_back_to_its_owner(
    store: Store, setup: dict[str, Any]
) -> None:
    store.sign_in(setup["viewer"])
    assert store.actor == "nguoixem"
    store.sign_out()
    assert store.account is None and store.actor == "test"
    store.households.delete(setup["other"].id)
    entry = store.query("SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    assert entry["actor"] == "test"


def test_the_audit_trail_names_the_signed_in_account(
    store: Store, setup: dict[str, Any]
) -> None:
    store.accounts.sign_in("DoanKet", PASSWORD)
    store.households.update(dataclasses.replace(setup["own"], phone="0912 345 678"))
    entry = store.query("SELECT actor, action FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    assert tuple(entry) == ("doanket", "Sửa hộ Nguyễn Văn Nhà")


@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path) -> Iterator[Store]:
    """A private copy of the demo city (tests here write to it)."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_path, path)
    with Store(path, actor="test") as opened:
        yield opened


def test_the_demo_ward_officer_of_tan_phong(demo_copy: Store) -> None:
    store = demo_copy
    ward = {unit.name: unit for unit in store.units.in_year(2024, "ward")}
    tan_phong, dong_phong = ward["Phường Tân Phong"], ward["Phường Đông Phong"]

    def first_household(ward_id: str) -> Household:
        household_id = store.query(
            "SELECT id FROM households WHERE owner_unit_id = ? AND deleted_at IS NULL"
            " ORDER BY num LIMIT 1", [ward_id])[0][0]
        return store.households.get(household_id)

    mine, theirs = first_household(tan_phong.id), first_household(dong_phong.id)
    account = store.accounts.sign_in("tanphong", "tanphong")
    assert (account.role, account.unit_id) == (WARD_OFFICER, tan_phong.id)

    group = store.units.groups_of(tan_phong.id, 2024)[0]
    added = store.households.add(Household(group.id, "Giàng A Mới"), year=2024)
    store.households.update(dataclasses.replace(mine, note="Đã kiểm tra"))
    assert store.households.get(added.id).group_id == group.id
    assert store.households.get(mine.id).note == "Đã kiểm tra"

    dong_phong_group = store.units.groups_of(dong_phong.id, 2024)[0]
    refused(store, lambda: store.households.add(Household(dong_phong_group.id, "Người Lạ")),
            "Phường Tân Phong")
    refused(store, lambda: store.households.update(dataclasses.replace(theirs, note="Sửa")))
    refused(store, lambda: store.households.delete(theirs.id))
    assert store.households.get(theirs.id) == theirs

    # The other demo roles.
    store.accounts.sign_in("xem", "xem")
    refused(store, lambda: store.households.delete(mine.id), "chỉ được xem")
    store.accounts.sign_in("canbo", "canbo")
    refused(store, lambda: store.frameworks.create("Bộ mới", 2026), "bộ tiêu chí")
    store.accounts.sign_in("admin", "admin")
    assert store.account is not None and store.account.role == CITY_ADMIN
    store.households.delete(theirs.id)
