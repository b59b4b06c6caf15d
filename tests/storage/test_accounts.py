"""Accounts: the first administrator, hashed passwords, slowed retries, managing accounts."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from storage.accounts import (
    CITY_ADMIN,
    KDF_PARAMS,
    MAX_DELAY_SECONDS,
    VIEWER,
    WARD_OFFICER,
    Account,
    SignInFailed,
    retry_delay,
)
from storage.errors import NotFound, PermissionDenied, ValidationError
from storage.store import Store

PASSWORD = "mật khẩu 2024"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(store: Store) -> Clock:
    """The store's accounts read this clock."""
    fake = Clock()
    store.accounts.clock = fake
    return fake


@pytest.fixture
def admin(store: Store) -> Account:
    """The first administrator of the store."""
    return store.accounts.create_first_admin("quantri", "Nguyễn Văn Quản", PASSWORD)


def test_the_first_administrator_is_created_once(store: Store) -> None:
    assert store.accounts.count() == 0
    admin = store.accounts.create_first_admin("quantri", "Nguyễn Văn Quản", PASSWORD)
    assert admin.role == CITY_ADMIN and admin.is_admin and admin.unit_id is None
    with pytest.raises(PermissionDenied):
        store.accounts.create_first_admin("khac", "Người Khác", PASSWORD)
    assert [a.username for a in store.accounts.all()] == ["quantri"]


@pytest.mark.real_kdf
def test_the_password_is_stored_as_a_salted_scrypt_hash_with_its_parameters(
    store: Store, admin: Account
) -> None:
    store.accounts.add("canbo1", "Lò Thị Bình", VIEWER, PASSWORD)
    rows = store.query("SELECT * FROM accounts ORDER BY username")
    for row in rows:
        assert row["password_kdf"] == "scrypt"
        params = json.loads(row["password_params"])
        assert params["n"] >= 2**14 and params["r"] >= 8 and params["p"] >= 1
        assert PASSWORD.encode() not in bytes(row["password_hash"])
        assert len(bytes(row["password_salt"])) >= 16
    # The same password gives different hashes: each account has its own salt.
    assert rows[0]["password_salt"] != rows[1]["password_salt"]
    assert rows[0]["password_hash"] != rows[1]["password_hash"]
    assert json.loads(rows[0]["password_params"]) == KDF_PARAMS


def test_sign_in_ignores_case_and_accents_of_the_name_but_not_of_the_password(
    store: Store, admin: Account
) -> None:
    assert store.accounts.authenticate("QUANTRI", PASSWORD).id == admin.id
    store.accounts.add("hùng", "Vũ Văn Hùng", VIEWER, PASSWORD)
    assert store.accounts.authenticate("hung", PASSWORD).username == "hùng"
    with pytest.raises(SignInFailed):
        store.accounts.authenticate("quantri", "MẬT KHẨU 2024")
    with pytest.raises(SignInFailed):
        store.accounts.authenticate("quantri", "mat khau 2024")


def test_an_unknown_name_and_a_wrong_password_get_the_same_message(
    store: Store, admin: Account
) -> None:
    with pytest.raises(SignInFailed) as unknown:
        store.accounts.authenticate("khongco", PASSWORD)
    with pytest.raises(SignInFailed) as wrong:
        store.accounts.authenticate("quantri", "sai mật khẩu")
    assert str(unknown.value) == str(wrong.value)
    assert "Sai tên đăng nhập hoặc mật khẩu" in str(wrong.value)


def test_failed_sign_ins_make_the_next_tries_wait_longer_and_longer(
    store: Store, admin: Account, clock: Clock
) -> None:
    for _ in range(2):
        with pytest.raises(SignInFailed) as failed:
            store.accounts.authenticate("quantri", "sai")
        assert failed.value.retry_after is None
    with pytest.raises(SignInFailed) as third:
        store.accounts.authenticate("quantri", "sai")
    assert third.value.retry_after == 5
    assert "thử lại sau 5 giây" in str(third.value)
    # During the wait even the right password is refused, and the wait is shown.
    clock.advance(2)
    with pytest.raises(SignInFailed) as waiting:
        store.accounts.authenticate("quantri", PASSWORD)
    assert waiting.value.retry_after == 3 and "thử lại sau 3 giây" in str(waiting.value)
    clock.advance(3)
    with pytest.raises(SignInFailed) as fourth:
        store.accounts.authenticate("quantri", "sai")
    assert fourth.value.retry_after == 10
    # Recorded in the file: a restart does not reset the wait.
    row = store.query("SELECT failed_count, locked_until FROM accounts")[0]
    assert row["failed_count"] == 4 and row["locked_until"].startswith("2024-05-01T08:00:15")
    clock.advance(10)
    assert store.accounts.authenticate("quantri", PASSWORD).id == admin.id
    row = store.query("SELECT failed_count, locked_until, last_sign_in_at FROM accounts")[0]
    assert (row["failed_count"], row["locked_until"]) == (0, None)
    assert row["last_sign_in_at"].startswith("2024-05-01T08:00:15")


def test_the_delay_grows_to_a_ceiling() -> None:
    assert [retry_delay(n) for n in range(1, 7)] == [0, 0, 5, 10, 20, 40]
    assert retry_delay(40) == MAX_DELAY_SECONDS


def test_only_an_administrator_adds_accounts(store: Store, admin: Account,
                                             city: dict[str, str]) -> None:
    officer = store.accounts.add("doanket", "Cán bộ Đoàn Kết", WARD_OFFICER, PASSWORD,
                                 city["ward_a"])
    viewer = store.accounts.add("xem", "Người xem", VIEWER, PASSWORD)
    for account in (officer, viewer):
        store.sign_in(account)
        with pytest.raises(PermissionDenied) as refused:
            store.accounts.add("moi", "Người Mới", CITY_ADMIN, PASSWORD)
        assert "quản trị viên" in str(refused.value)
        with pytest.raises(PermissionDenied):
            store.accounts.reset_password(admin.id, "mat-khau-moi")
        with pytest.raises(PermissionDenied):
            store.accounts.disable(admin.id)
    store.sign_in(admin)
    assert store.accounts.add("moi", "Người Mới", CITY_ADMIN, PASSWORD).is_admin
    assert store.accounts.find("moi") is not None


def test_account_values_are_checked(store: Store, admin: Account, city: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as short:
        store.accounts.add("ngan", "Mật Khẩu Ngắn", VIEWER, "1234567")
    assert short.value.field == "password"
    with pytest.raises(ValidationError) as taken:
        store.accounts.add("QuanTri", "Trùng Tên", VIEWER, PASSWORD)
    assert taken.value.field == "username"
    with pytest.raises(ValidationError) as spaces:
        store.accounts.add("hai tu", "Có Dấu Cách", VIEWER, PASSWORD)
    assert spaces.value.field == "username"
    with pytest.raises(ValidationError) as no_ward:
        store.accounts.add("phuong", "Không Có Phường", WARD_OFFICER, PASSWORD)
    assert no_ward.value.field == "unit_id"
    with pytest.raises(ValidationError):
        store.accounts.add("to", "Tổ Không Phải Phường", WARD_OFFICER, PASSWORD,
                           city["group_1"])
    with pytest.raises(ValidationError):
        store.accounts.add("vaitro", "Vai Trò Lạ", "superuser", PASSWORD)
    assert store.accounts.count() == 1


def test_a_disabled_account_cannot_sign_in_and_the_last_administrator_stays(
    store: Store, admin: Account
) -> None:
    viewer = store.accounts.add("xem", "Người xem", VIEWER, PASSWORD)
    with pytest.raises(ValidationError):
        store.accounts.disable(admin.id)  # the last administrator
    store.accounts.disable(viewer.id)
    with pytest.raises(SignInFailed) as refused:
        store.accounts.authenticate("xem", PASSWORD)
    assert "bị khóa" in str(refused.value)
    with pytest.raises(PermissionDenied):
        store.sign_in(store.accounts.get(viewer.id))
    store.accounts.enable(viewer.id)
    assert store.accounts.authenticate("xem", PASSWORD).id == viewer.id
    store.sign_in(admin)
    with pytest.raises(ValidationError):
        store.accounts.disable(admin.id)  # not oneself


def test_passwords_change_with_the_old_one_and_reset_by_the_administrator(
    store: Store, admin: Account
) -> None:
    viewer = store.accounts.add("xem", "Người xem", VIEWER, PASSWORD)
    store.sign_in(viewer)
    with pytest.raises(ValidationError):
        store.accounts.change_password(viewer.id, "sai mật khẩu", "mat-khau-moi-1")
    # A viewer changes nothing else, but their own password.
    store.accounts.change_password(viewer.id, PASSWORD, "mat-khau-moi-1")
    with pytest.raises(PermissionDenied):
        store.accounts.change_password(admin.id, PASSWORD, "mat-khau-moi-2")
    with pytest.raises(SignInFailed):
        store.accounts.authenticate("xem", PASSWORD)
    assert store.accounts.authenticate("xem", "mat-khau-moi-1").id == viewer.id
    store.sign_in(admin)
    store.accounts.reset_password(viewer.id, "dat-lai-mat-khau")
    assert store.accounts.authenticate("xem", "dat-lai-mat-khau").id == viewer.id


def test_the_audit_trail_names_the_accounts_never_their_secrets(
    store: Store, admin: Account
) -> None:
    viewer = store.accounts.add("xem", "Người xem", VIEWER, PASSWORD)
    store.accounts.reset_password(viewer.id, "dat-lai-mat-khau")
    store.accounts.disable(viewer.id)
    rows = store.query("SELECT * FROM audit_log WHERE table_name = 'accounts' ORDER BY seq")
    assert [row["operation"] for row in rows] == ["insert", "insert", "update", "update"]
    assert {row["record_id"] for row in rows} == {admin.id, viewer.id}
    hashes = [bytes(row["password_hash"]).hex() for row in store.query(
        "SELECT password_hash FROM accounts")]
    for row in rows:
        assert "password_hash" not in row["changes"] and PASSWORD not in row["changes"]
        assert all(digest not in row["changes"] for digest in hashes)
    assert set(json.loads(rows[-1]["changes"])) == {"disabled_at"}
    assert store.verify_audit_chain() == []


def test_get_of_a_missing_account(store: Store) -> None:
    with pytest.raises(NotFound):
        store.accounts.get("khong-co")
    assert store.accounts.find("khongco") is None
