"""The audit trail: field-level entries, a household's history, filters, the hash chain."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from storage.audit import AuditEntry, AuditFilter, utc_bound
from storage.model import Household, HouseholdYear, Member
from storage.store import Store


def entries_of(store: Store, record_id: str) -> list[dict[str, Any]]:
    rows = store.query("SELECT * FROM audit_log WHERE record_id = ? ORDER BY seq", [record_id])
    return [{**dict(row), "changes": json.loads(row["changes"])} for row in rows]


@pytest.fixture
def household(store: Store, city: dict[str, str]) -> Household:
    return store.households.add(
        Household(city["group_1"], "Nguyễn Văn An", "nam", 1980), year=2024,
        members=[Member("Trần Thị Bình", "Vợ", "nu", 1982),
                 Member("Nguyễn Văn Cường", "Con", "nam", 2008)])


def test_audit_update_records_only_the_changed_fields(store: Store) -> None:
    with store.action("Thử") as action:
        recorded = action.audit_update("x", "1", {"a": 1, "b": "c"}, {"a": 2, "b": "c"})
        nothing = action.audit_update("x", "2", {"a": 1}, {"a": 1})
        new = action.audit_update("x", "3", None, {"a": 5})
    assert recorded == {"a": [1, 2]} and nothing == {} and new == {"a": 5}
    rows = store.query("SELECT record_id, operation, changes FROM audit_log ORDER BY seq")
    assert [tuple(row) for row in rows] == [("1", "update", '{"a":[1,2]}'),
                                            ("3", "insert", '{"a":5}')]


def test_editing_a_household_records_each_record_it_changed(
    store: Store, household: Household
) -> None:
    members = store.households.members(household.id)
    wife, son = members
    store.households.update(
        dataclasses.replace(household, head_birth_year=1981, phone="0912 345 678"),
        members=[dataclasses.replace(wife, birth_year=1983), Member("Nguyễn Thị Dung", "Con")],
        status=HouseholdYear(household.id, 2024, household.group_id, cultural_family=True))
    seq = store.change_seq

    head = entries_of(store, household.id)[-1]
    assert head["change_seq"] == seq and head["operation"] == "update"
    assert head["changes"] == {"head_birth_year": [1980, 1981], "phone": ["", "0912 345 678"]}
    assert entries_of(store, wife.id)[-1]["changes"] == {"birth_year": [1982, 1983]}
    removed = entries_of(store, son.id)[-1]
    assert removed["operation"] == "delete" and removed["changes"]["deleted_at"][0] is None
    new_member = store.households.members(household.id)[1]
    added = entries_of(store, new_member.id)
    assert [e["operation"] for e in added] == ["insert"]
    assert added[0]["changes"]["full_name"] == "Nguyễn Thị Dung"
    status = entries_of(store, f"{household.id}/2024")[-1]
    assert status["changes"] == {"cultural_family": [0, 1]}
    assert {e["change_seq"] for e in (head, removed, status)} == {seq}


def test_move_delete_and_restore_record_old_and_new(
    store: Store, city: dict[str, str], household: Household
) -> None:
    store.households.move(household.id, city["group_2"], 2024)
    store.households.delete(household.id)
    store.households.restore(household.id)
    entries = entries_of(store, household.id)
    move, delete, restore = entries[-3:]
    assert move["changes"] == {"group_id": [city["group_1"], city["group_2"]]}
    assert delete["operation"] == "delete"
    deleted_at = delete["changes"]["deleted_at"][1]
    assert delete["changes"] == {"deleted_at": [None, deleted_at]}
    assert restore["operation"] == "restore"
    assert restore["changes"] == {"deleted_at": [deleted_at, None]}
    assert entries_of(store, f"{household.id}/2024")[-1]["changes"] == {
        "group_id": [city["group_1"], city["group_2"]]}


def test_a_bulk_status_records_only_the_households_it_changed(
    store: Store, city: dict[str, str], household: Household
) -> None:
    other = store.households.add(Household(city["group_1"], "Lò Văn Bảo"))
    store.households.set_year_status(HouseholdYear(household.id, 2024, city["group_1"],
                                                   third_child=True))
    before = store.db.execute("SELECT MAX(seq) FROM audit_log").fetchone()[0]
    store.households.set_status_many([household.id, other.id], 2024, "third_child", True)
    rows = store.query("SELECT record_id, operation, changes FROM audit_log WHERE seq > ?",
                       [before])
    # The first already had it; the second had no row for 2024: a new row with its values.
    assert [(row["record_id"], row["operation"]) for row in rows] == [
        (f"{other.id}/2024", "insert")]
    assert json.loads(rows[0]["changes"])["third_child"] == 1


def test_the_history_of_a_household_with_readable_descriptions(
    store: Store, city: dict[str, str], household: Household
) -> None:
    other = store.households.add(Household(city["group_1"], "Hà Thị Khác"))
    wife = store.households.members(household.id)[0]
    store.households.update(dataclasses.replace(household, head_birth_year=1981),
                            members=[dataclasses.replace(wife, full_name="Trần Thị Bích"),
                                     *store.households.members(household.id)[1:]])
    store.households.update(dataclasses.replace(other, address="Số 9"))
    trail = store.audit_trail
    history = trail.household_history(household.id)
    assert other.id not in {entry.record_id for entry in history}
    assert {entry.record_id for entry in history} == set(
        trail.household_record_ids(household.id))
    newest = history[0]
    assert newest.action == "Sửa hộ Nguyễn Văn An"
    texts = {trail.summary(entry) for entry in history if entry.action.startswith("Sửa")}
    assert "Năm sinh: 1980 → 1981" in texts
    assert "Họ tên: Trần Thị Bình → Trần Thị Bích" in texts
    labels = {trail.record_label(entry) for entry in history}
    assert {"Hộ Nguyễn Văn An", "Thành viên Trần Thị Bích",
            "Tình trạng năm 2024 của hộ Nguyễn Văn An"} <= labels
    # Oldest last: the household was added before anything was changed.
    assert history[-1].operation == "insert"
    assert [entry.at for entry in history] == sorted((entry.at for entry in history),
                                                     reverse=True)


def test_values_are_described_in_words(store: Store, city: dict[str, str]) -> None:
    trail = store.audit_trail

    def entry(operation: str, changes: dict[str, Any], table: str = "households") -> str:
        return trail.summary(AuditEntry("e", "2024-01-01T00:00:00.000Z", "s", "a", "x", 1,
                                        table, "r", operation, changes))

    assert entry("update", {"head_gender": ["nam", "nu"]}) == "Giới tính: Nam → Nữ"
    assert entry("update", {"poverty": ["", "poor"]}) == "Nghèo/cận nghèo: Không → Hộ nghèo"
    assert entry("update", {"cultural_family": [0, 1]}) == "Gia đình văn hóa: không → có"
    assert entry("update", {"group_id": [city["group_1"], city["group_3"]]}) == (
        "Tổ dân phố/bản: Tổ dân phố số 1 → Bản Nậm Loỏng 3")
    assert entry("update", {"ethnicity_code": [None, "01"]}) == "Dân tộc: (trống) → Kinh"
    assert entry("insert", {"head_name": "Lò Văn A", "third_child": 0}) == (
        "Họ tên chủ hộ: Lò Văn A")
    assert entry("delete", {"deleted_at": [None, "2024-01-01T00:00:00.000Z"]}) == "Xóa bản ghi"


def test_filters_by_user_table_text_and_date_page_newest_first(
    store: Store, city: dict[str, str]
) -> None:
    for number in range(5):
        store.households.add(Household(city["group_1"], f"Nguyễn Văn Số {number}"))
    store.actor = "canbo2"
    store.households.add(Household(city["group_3"], "Lò Thị Ánh"))
    trail = store.audit_trail

    assert trail.count(AuditFilter(user="canbo2")) == 1
    assert [e.actor for e in trail.entries(AuditFilter(user="canbo2"))] == ["canbo2"]
    assert "canbo2" in trail.actors() and "test" in trail.actors()
    found = trail.entries(AuditFilter(text="lo thi anh"))  # no accents, any case
    assert [e.action for e in found] == ["Thêm hộ Lò Thị Ánh"]
    assert trail.count(AuditFilter(table="households")) == 6
    assert trail.count(AuditFilter(text="100%")) == 0  # LIKE's wildcards are plain text

    everything = trail.entries(AuditFilter(table="households"), limit=None)
    pages = [trail.entries(AuditFilter(table="households"), limit=4, offset=offset)
             for offset in (0, 4)]
    assert [e.id for e in pages[0] + pages[1]] == [e.id for e in everything]
    assert everything[0].action == "Thêm hộ Lò Thị Ánh"

    today = dt.date.today()
    assert trail.count(AuditFilter(since=utc_bound(today - dt.timedelta(days=1)),
                                   until=utc_bound(today, end=True))) == trail.count()
    assert trail.count(AuditFilter(until=utc_bound(today - dt.timedelta(days=1)))) == 0


def test_entries_received_from_other_machines_are_listed_with_ours(
    store: Store, household: Household
) -> None:
    store.db.execute(
        "INSERT INTO audit_received (id, at, site_id, actor, action, change_seq, table_name,"
        " record_id, operation, changes, prev_hash, hash, received_at)"
        " VALUES ('r1', '2099-01-01T00:00:00.000Z', 'may-phuong', 'tanphong', 'Sửa hộ',"
        " 7, 'households', ?, 'update', '{\"address\":[\"\",\"Bản 2\"]}', 'p', 'h',"
        " '2099-01-02T00:00:00.000Z')", [household.id])
    trail = store.audit_trail
    history = trail.household_history(household.id)
    assert history[0].received and history[0].actor == "tanphong"
    assert trail.summary(history[0]) == "Địa chỉ: (trống) → Bản 2"
    assert not history[1].received
    assert trail.count(AuditFilter(user="tanphong")) == 1
    assert trail.count(AuditFilter(user="tanphong", include_received=False)) == 0


def _tamper(path: Path, sql: str) -> None:
    """Change the file behind the program's back, as someone with the file could."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(sql)
    connection.close()


def test_the_chain_detects_an_edited_and_a_deleted_entry_in_the_file(
    tmp_path: Path, city: dict[str, str], store: Store
) -> None:
    for name in ("Nguyễn Văn An", "Lò Thị Bình", "Giàng A Chứ"):
        store.households.add(Household(city["group_1"], name))
    path = store.path
    assert path is not None and store.verify_audit_chain() == []
    last = store.db.execute("SELECT MAX(seq) FROM audit_log").fetchone()[0]
    store.close()
    edited, deleted = tmp_path / "edited.sqlite", tmp_path / "deleted.sqlite"
    shutil.copy(path, edited)
    shutil.copy(path, deleted)

    # Edited: someone rewrites what a change changed.
    _tamper(edited, f"UPDATE audit_log SET changes = '{{}}' WHERE seq = {last - 1}")
    with Store(edited) as reopened:
        assert reopened.verify_audit_chain() == [f"Mục nhật ký {last - 1}: nội dung đã bị sửa"]

    # Deleted: the next entry's link to its predecessor is broken.
    _tamper(deleted, f"DELETE FROM audit_log WHERE seq = {last - 2}")
    with Store(deleted) as reopened:
        problems = reopened.verify_audit_chain()
    assert problems == [f"Mục nhật ký {last - 1}: mắt xích trước bị thiếu hoặc bị sửa"]

    with Store(path) as untouched:
        assert untouched.verify_audit_chain() == []


def test_the_word_search_index_follows_new_entries_and_is_not_required(
    store: Store, city: dict[str, str]
) -> None:
    trail = store.audit_trail
    store.households.add(Household(city["group_1"], "Đặng Thị Đào"))
    assert trail.count(AuditFilter(text="dang thi dao")) == 1
    indexed = store.db.execute("SELECT COUNT(*) FROM audit_search").fetchone()[0]
    assert indexed == store.db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    # Entries written after a search are found by the next one (the index catches up).
    store.households.add(Household(city["group_1"], "Đặng Văn Đông"))
    assert [e.action for e in trail.entries(AuditFilter(text="DANG VAN DONG"))] == [
        "Thêm hộ Đặng Văn Đông"]
    # A viewer's search keeps the index too (bookkeeping, not a data change).
    viewer = store.accounts.create_first_admin("quantri", "Quản Trị", "mat-khau-thu")
    store.sign_in(store.accounts.add("xem", "Xem", "viewer", "mat-khau-thu"))
    assert viewer.is_admin and trail.count(AuditFilter(text="tai khoan xem")) == 1
    # Without the index (a file it cannot be written to), the search folds as it goes.
    store.sign_out()
    store.db.execute("DROP TABLE audit_search")
    store.households.add(Household(city["group_1"], "Đỗ Văn Đức"))
    assert trail.update_search_index() is False
    assert trail.count(AuditFilter(text="dang van dong")) == 1
    assert trail.count(AuditFilter(text="do van duc")) == 1
