"""A registered ward machine turned hostile: its own keys, valid signatures, forged contents.

Every package here is signed by Tân Phong's real key, so it passes every check of the file
itself. What it may change is decided by what the rows belong to on the city's machine, never
by what they claim (storage/ownership.py, storage/sync_judge.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storage.audit_heads import entry_hash
from storage.errors import PermissionDenied, ValidationError
from storage.store import Store
from storage.sync import AUDIT_COLUMNS, PackageRefused, init_from_setup
from storage.sync_crypto import canonical_json, open_package, seal_package
from storage.sync_report import file_report
from tests.files import file_digest
from tests.storage import test_sync
from tests.storage.test_sync import Network, add_household, machine_of, upstream_id

# The three machines of test_sync (built once per module).
network_files = test_sync.network_files
net = test_sync.net

FUTURE = "2099-01-01T00:00:00.000Z"


def forged_package(net: Network, edit: Callable[[dict[str, Any], dict[str, Any]], None]) -> Path:
    """A real changes package of Tân Phong's, its payload and manifest edited, signed again
    with the ward's own key."""
    ward, city = net.tan_phong, net.city
    add_household(ward, net.tan_phong_id, "Nguyễn Văn Thật")
    package = ward.sync.export(upstream_id(ward), net.folder).path
    sealed = open_package(package.read_bytes())
    payload = json.loads(sealed.decrypt(city.sync.keys()))
    manifest = {k: v for k, v in sealed.manifest.items()
                if k not in ("encryption", "payload_sha256", "payload_size")}
    edit(payload, manifest)
    target = package.with_name("forged.tqgoi")
    target.write_bytes(seal_package(manifest, canonical_json(payload), ward.sync.keys(),
                                    city.sync.keys().box_public))
    return target


def stamp(net: Network, manifest: dict[str, Any]) -> dict[str, Any]:
    """Sync columns as the ward's machine would write them inside the package's range."""
    site = net.tan_phong.site_id
    return {"modified_site": site, "change_seq": manifest["ranges"][site][1],
            "modified_at": FUTURE}


def add_rows(payload: dict[str, Any], table: str, rows: list[dict[str, Any]]) -> None:
    tables = payload.setdefault("tables", {})
    columns = list(rows[0])
    existing = tables.get(table)
    if existing:
        for row in rows:
            existing["rows"].append([row.get(c) for c in existing["columns"]])
    else:
        tables[table] = {"columns": columns, "rows": [[row[c] for c in columns] for row in rows]}


def city_row(city: Store, sql: str, *params: Any) -> dict[str, Any]:
    rows = city.query(sql, list(params))
    assert rows, sql
    return dict(rows[0])


def other_ward_household(net: Network) -> dict[str, Any]:
    return city_row(net.city, "SELECT h.* FROM households h JOIN units g ON g.id = h.group_id"
                    " WHERE g.parent_id = ? LIMIT 1", net.doan_ket_id)


def own_group(net: Network) -> str:
    return net.city.units.groups_of(net.tan_phong_id, 2024)[0].id


def table_rows(store: Store, table: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in store.db.execute(f"SELECT * FROM {table} ORDER BY 1")]


def rejected_and_unchanged(net: Network, package: Path, tables: list[str]) -> list[str]:
    """Import: the forged rows are rejected by name, the genuine household is applied, and the
    tables the forgery aimed at are as they were."""
    city = net.city
    before = {table: table_rows(city, table) for table in tables}
    plan = city.sync.preview(package)
    city.sync.apply(plan)
    assert plan.rejections, "the forged rows were not rejected"
    assert plan.counts["households"].new == 1  # the genuine part still lands
    genuine = {row["id"] for row in plan.writes.get("households", [])}
    for table in tables:
        after = table_rows(city, table)
        # Nothing that was there changed; the only new rows are the genuine household's.
        assert set(before[table]) <= set(after), table
        added = set(after) - set(before[table])
        assert all(genuine & set(row) for row in added), (table, added)
    return [f"{r.record}: {r.reason}" for r in plan.rejections]


# -- rows the ward does not own -------------------------------------------------------------------


def test_a_member_and_a_status_inside_another_wards_household(net: Network) -> None:
    other = other_ward_household(net)

    def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        # Claimed as Tân Phong's, and the status even names Tân Phong's group.
        add_rows(payload, "household_members", [{
            "id": "f0000000-0000-4000-8000-000000000001", "household_id": other["id"],
            "full_name": "Người Cài Vào", "relation": "Con", "gender": "nam",
            "birth_year": 2001, "ethnicity_code": None, "name_key": "nguoi cai vao",
            "position": 9, "owner_unit_id": net.tan_phong_id, "deleted_at": None,
            **stamp(net, manifest)}])
        status = city_row(net.city, "SELECT * FROM household_years WHERE household_id = ?"
                          " ORDER BY year DESC", other["id"])
        add_rows(payload, "household_years", [{**status, "poverty": "poor",
                                               "group_id": own_group(net),
                                               "owner_unit_id": net.tan_phong_id,
                                               **stamp(net, manifest)}])

    reasons = rejected_and_unchanged(net, forged_package(net, edit),
                                     ["household_members", "household_years"])
    assert len(reasons) == 2
    assert all("Đoàn Kết" in reason for reason in reasons)


def test_taking_another_wards_household_into_an_own_group(net: Network) -> None:
    other = other_ward_household(net)

    def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        add_rows(payload, "households", [{**other, "group_id": own_group(net),
                                          "owner_unit_id": net.tan_phong_id,
                                          **stamp(net, manifest)}])

    package = forged_package(net, edit)
    plan = net.city.sync.preview(package)
    assert [r.table for r in plan.rejections] == ["households"]
    assert "bản ghi ở đây thuộc Phường Đoàn Kết" in plan.rejections[0].reason
    # The report saved beside the package names the record without the person's name.
    saved = file_report(plan)
    assert other["head_name"] not in saved and other["id"][:8] in saved
    net.city.sync.apply(plan)
    assert net.city.households.get(other["id"]).group_id == other["group_id"]


def test_the_offices_work_is_refused_for_own_and_other_groups(net: Network) -> None:
    city = net.city
    evaluation = city_row(city, "SELECT e.* FROM evaluations e JOIN units g ON g.id = e.group_id"
                          " WHERE g.parent_id = ? ORDER BY e.year DESC LIMIT 1", net.tan_phong_id)
    other_group = city.units.groups_of(net.doan_ket_id, 2024)[0].id
    target = city_row(city, "SELECT * FROM targets WHERE unit_id = ?", city.units.city().id)
    framework = city_row(city, "SELECT * FROM frameworks LIMIT 1")
    indicator = city_row(city, "SELECT * FROM indicators LIMIT 1")

    def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        s = stamp(net, manifest)
        add_rows(payload, "stage_approvals", [{
            "id": "f0000000-0000-4000-8000-000000000010", "evaluation_id": evaluation["id"],
            "stage": "city", "action": "approve", "actor": "admin", "at": FUTURE, "note": "",
            "owner_unit_id": net.tan_phong_id, "deleted_at": None, **s}])
        add_rows(payload, "evaluations", [{**evaluation, "stage": "decided", **s}])
        add_rows(payload, "decisions", [{
            "id": "f0000000-0000-4000-8000-000000000011", "unit_id": net.tan_phong_id,
            "year": 2026, "number": "999/QĐ-GIẢ", "signed_on": "2026-12-01",
            "signer_name": "Giả", "signer_title": "Chủ tịch", "issuing_body": "UBND",
            "owner_unit_id": net.tan_phong_id, "deleted_at": None, **s}])
        add_rows(payload, "recognitions", [
            {"id": f"f0000000-0000-4000-8000-00000000002{i}", "group_id": group, "year": 2026,
             "decision_id": "f0000000-0000-4000-8000-000000000011", "kind": "new",
             "owner_unit_id": net.tan_phong_id, "deleted_at": None, **s}
            for i, group in enumerate((own_group(net), other_group))])
        add_rows(payload, "targets", [{**target, "recognised_groups": 99, **s}])
        add_rows(payload, "frameworks", [{**framework, "id": "f0000000-0000-4000-8000-00000000003",
                                          "name": "Bộ tiêu chí giả", "year_from": 2026,
                                          "year_to": None, "owner_unit_id": net.tan_phong_id,
                                          **s}])
        add_rows(payload, "indicators", [{**indicator, "name": "Chỉ số giả", **s}])

    reasons = rejected_and_unchanged(
        net, forged_package(net, edit),
        ["stage_approvals", "evaluations", "decisions", "recognitions", "targets",
         "frameworks", "indicators"])
    assert len(reasons) == 8
    assert all("là việc của cấp trên" in reason for reason in reasons)
    assert city.cycle.recognitions(2026) == []


def test_the_tree_and_its_history_are_the_offices(net: Network) -> None:
    city = net.city
    city_unit = city_row(city, "SELECT * FROM units WHERE kind = 'city'")
    group = city_row(city, "SELECT * FROM units WHERE id = ?", own_group(net))
    event = city_row(city, "SELECT * FROM lineage_events LIMIT 1")
    other_group = city.units.groups_of(net.doan_ket_id, 2024)[0].id

    def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        s = stamp(net, manifest)
        add_rows(payload, "units", [
            {**city_unit, "name": "Thành phố GIẢ MẠO", **s},
            {**city_unit, "id": "f0000000-0000-4000-8000-000000000040", "kind": "phuong",
             "parent_id": city_unit["id"], "name": "Phường Giả", **s},
            {**group, "parent_id": net.doan_ket_id, **s},
        ])
        add_rows(payload, "lineage_events", [{**event, "note": "Giả", **s}])
        payload["lineage_links"] = [[event["id"], other_group, "source"]]

    before_links = table_rows(city, "lineage_links")
    reasons = rejected_and_unchanged(net, forged_package(net, edit),
                                     ["units", "lineage_events"])
    assert len(reasons) == 5
    assert table_rows(city, "lineage_links") == before_links
    assert city.units.city().name == city_unit["name"]


def test_a_row_posing_as_another_machines_write_is_rejected(net: Network) -> None:
    city = net.city

    def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        table = payload["tables"]["households"]
        index = table["columns"].index("modified_site")
        table["rows"][0][index] = city.site_id

    plan = city.sync.preview(forged_package(net, edit))
    # The household, and its status, which now belongs to nothing the city has.
    assert [r.table for r in plan.rejections] == ["households", "household_years"]
    assert "không khớp với phạm vi" in plan.rejections[0].reason


# -- claims about progress and about the audit trail ---------------------------------------------


def refused_whole(net: Network, package: Path, words: str) -> None:
    city = net.city
    assert city.path is not None
    before = file_digest(city.path)
    with pytest.raises(PackageRefused, match=words):
        city.sync.preview(package)
    assert file_digest(city.path) == before


def test_progress_claimed_for_another_wards_machine_is_refused(net: Network) -> None:
    city = net.city
    other_machine = machine_of(city, net.doan_ket_id)

    def edit(_payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        manifest["ranges"][other_machine] = [1, 10**9]

    refused_whole(net, forged_package(net, edit), "khai thay tiến độ")
    # Đoàn Kết's changes still travel.
    add_household(net.doan_ket, net.doan_ket_id, "Lò Văn Vẫn Đi")
    assert net.doan_ket.sync.export(upstream_id(net.doan_ket), net.folder).counts


def test_acknowledging_more_than_was_sent_is_held_to_what_was_sent(net: Network) -> None:
    city = net.city
    other_machine = machine_of(city, net.doan_ket_id)

    def edit(_payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        manifest["acknowledges"] = {**manifest["acknowledges"], city.site_id: 10**9,
                                    other_machine: 10**9}

    city.sync.import_package(forged_package(net, edit))
    acks = {row[0]: row[1] for row in city.db.execute(
        "SELECT origin_site, seq FROM peer_acks WHERE peer_site = ?",
        [machine_of(city, net.tan_phong_id)])}
    assert acks[city.site_id] <= city.change_seq
    assert acks.get(other_machine, 0) < 10**9


def _audit_rows(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(zip(AUDIT_COLUMNS, row, strict=True)) for row in payload["audit"]]


def test_audit_entries_in_another_machines_name_are_refused(net: Network) -> None:
    other_machine = machine_of(net.city, net.doan_ket_id)

    def edit(payload: dict[str, Any], _manifest: dict[str, Any]) -> None:
        entries = _audit_rows(payload)
        for entry in entries:
            entry["site_id"], entry["actor"] = other_machine, "admin"
            entry["hash"] = entry_hash(entry)
        payload["audit"] = [[e[c] for c in AUDIT_COLUMNS] for e in entries]

    refused_whole(net, forged_package(net, edit), "nhật ký")


def test_an_edited_and_recomputed_trail_is_refused(net: Network) -> None:
    ward, city = net.tan_phong, net.city
    # The city holds the ward's trail up to a signed head.
    add_household(ward, net.tan_phong_id, "Lần Một")
    city.sync.import_package(ward.sync.export(upstream_id(ward), net.folder).path)

    def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
        # Rewritten from the start, as someone with the file would: every hash recomputed.
        previous = "0" * 64
        entries = []
        for entry in ward.query("SELECT * FROM audit_log ORDER BY seq"):
            record = {c: entry[c] for c in AUDIT_COLUMNS}
            record["actor"] = "nguoi-khac"
            record["prev_hash"] = previous
            record["hash"] = entry_hash(record)
            previous = record["hash"]
            entries.append(record)
        payload["audit"] = [[e[c] for c in AUDIT_COLUMNS] for e in entries]
        site = ward.site_id
        manifest["ranges"][site] = [1, manifest["ranges"][site][1]]

    refused_whole(net, forged_package(net, edit), "nhật ký")


def test_a_cut_trail_is_found_by_the_check(net: Network) -> None:
    ward, city = net.tan_phong, net.city
    add_household(ward, net.tan_phong_id, "Được Ghi")
    city.sync.import_package(ward.sync.export(upstream_id(ward), net.folder).path)
    assert city.verify_audit_chain() == []
    # The received tail removed by hand on the city's file.
    city.db.execute("DELETE FROM audit_received WHERE rowid = (SELECT max(rowid) FROM"
                    " audit_received)")
    assert any("cắt bớt" in problem for problem in city.verify_audit_chain())
    # The ward's own tail removed on the ward's file.
    ward.db.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    assert any("cắt bớt" in problem for problem in ward.verify_audit_chain())


# -- values and shapes: refused with a message, never a traceback --------------------------------


def test_values_the_forms_refuse_are_rejected_by_name(net: Network) -> None:
    def edit(payload: dict[str, Any], _manifest: dict[str, Any]) -> None:
        table = payload["tables"]["households"]
        template = dict(zip(table["columns"], table["rows"][0], strict=True))
        bad = [{"head_name": "A" * 20_000}, {"member_count": "nhiều"},
               {"head_birth_year": 2900}, {"member_count": 10**15}, {"head_gender": "x"}]
        for index, change in enumerate(bad):
            row = {**template, **change, "id": f"f0000000-0000-4000-8000-0000000001{index:02d}"}
            table["rows"].append([row[c] for c in table["columns"]])

    city = net.city
    plan = city.sync.preview(forged_package(net, edit))
    assert plan.counts["households"].rejected == 5
    assert len(plan.report()) < 10_000  # a long name is not copied into the report whole
    city.sync.apply(plan)
    assert not city.query("SELECT 1 FROM households WHERE length(head_name) > 1000"
                          " OR head_birth_year > 2100 OR member_count > 1000")


def test_a_twenty_megabyte_name_refuses_the_package(net: Network) -> None:
    def edit(payload: dict[str, Any], _manifest: dict[str, Any]) -> None:
        table = payload["tables"]["households"]
        table["rows"][0][table["columns"].index("head_name")] = "A" * 20_000_000

    refused_whole(net, forged_package(net, edit), "tối đa")


def _malformations() -> list[Callable[[dict[str, Any], dict[str, Any]], None]]:
    """Ways a signed package can be malformed: each edits the payload or the manifest."""
    def setter(where: str, key: str, value: Any) -> Callable[[dict[str, Any], dict[str, Any]],
                                                               None]:
        def edit(payload: dict[str, Any], manifest: dict[str, Any]) -> None:
            (payload if where == "payload" else manifest)[key] = value
        return edit

    def cell(value: Any) -> Callable[[dict[str, Any], dict[str, Any]], None]:
        def edit(payload: dict[str, Any], _manifest: dict[str, Any]) -> None:
            table = payload["tables"]["households"]
            table["rows"][0][table["columns"].index("member_count")] = value
        return edit

    def ranges(value: Any) -> Callable[[dict[str, Any], dict[str, Any]], None]:
        def edit(_payload: dict[str, Any], manifest: dict[str, Any]) -> None:
            site = next(iter(manifest["ranges"]))
            manifest["ranges"][site] = value
        return edit

    nested: Any = []
    for _ in range(60):
        nested = [nested]
    values = [None, True, 1.5, "x", [], {}, [1], {"a": 1}, 10**30, -1, nested]
    edits = [setter("payload", key, value) for key in ("tables", "lineage_links", "audit")
             for value in values]
    edits += [setter("manifest", key, value)
              for key in ("ranges", "acknowledges", "counts", "kind", "package_id", "heads",
                          "created_at", "audit_entries", "frameworks")
              for value in values]
    edits += [cell(value) for value in ([1, 2], {"a": 1}, nested, 10**30)]
    edits += [ranges(value) for value in ([1, 10**30], [5, 1], [1], "1-5", [True, 3],
                                          [1.0, 2.0], None)]
    edits.append(setter("payload", "tables", {"households": {"columns": ["id"] * 3,
                                                             "rows": [[1, 2, 3]]}}))
    edits.append(setter("payload", "tables", {"khong_co": {"columns": ["id"], "rows": [["a"]]}}))
    edits.append(setter("payload", "extra", 1))
    return edits


def test_malformed_signed_packages_get_a_message_never_a_traceback(net: Network) -> None:
    city = net.city
    assert city.path is not None
    ward = net.tan_phong
    add_household(ward, net.tan_phong_id, "Nguyễn Văn Mẫu")
    base = ward.sync.export(upstream_id(ward), net.folder).path
    sealed = open_package(base.read_bytes())
    original = sealed.decrypt(city.sync.keys())
    manifest_base = {k: v for k, v in sealed.manifest.items()
                     if k not in ("encryption", "payload_sha256", "payload_size")}
    before = file_digest(city.path)
    outcomes = {"refused": 0, "partly": 0}
    edits = _malformations()
    assert len(edits) > 140
    for index, edit in enumerate(edits):
        payload, manifest = json.loads(original), json.loads(json.dumps(manifest_base))
        edit(payload, manifest)
        target = net.folder / f"malformed-{index}.tqgoi"
        try:
            data = seal_package(manifest, canonical_json(payload), ward.sync.keys(),
                                city.sync.keys().box_public)
        except (AttributeError, TypeError, ValueError):
            continue  # not even the sealing accepts it (a package id that is not text)
        target.write_bytes(data)
        try:
            plan = city.sync.preview(target)
        except PackageRefused as error:
            assert "/" in str(error)  # Vietnamese, then English
            outcomes["refused"] += 1
            continue
        # An empty table list or a harmless shape: previewed, and nothing was written.
        outcomes["partly"] += 1
        assert plan.package_id
    assert file_digest(city.path) == before
    assert outcomes["refused"] > 100


# -- who may do the office's bookkeeping ---------------------------------------------------------


def test_a_ward_officer_on_the_city_machine_sets_up_no_machine_and_leaves_no_file(
        net: Network, tmp_path: Path) -> None:
    city = net.city
    officer = city.accounts.find("tanphong")
    assert officer is not None
    city.sign_in(officer)
    folder = tmp_path / "thiet-lap"
    with pytest.raises(PermissionDenied, match="quản trị viên"):
        city.sync.create_setup_package(net.doan_ket_id, folder, replace=True)
    assert not folder.exists() or not list(folder.iterdir())
    # Bookkeeping written outside an action is refused in words too, not "not authorized".
    machine = city.sync.active_machine_of(net.doan_ket_id)
    assert machine is not None
    with pytest.raises(PermissionDenied, match="máy trao đổi dữ liệu"):
        city.sync.revoke(machine.site_id, "thử")
    assert city.sync.peer(machine.site_id).revoked_at is None  # type: ignore[union-attr]


# -- one set-up package, one machine -------------------------------------------------------------


def test_a_set_up_package_sets_up_one_machine_only(net: Network, tmp_path: Path) -> None:
    city = net.city
    setup = city.sync.create_setup_package(net.doan_ket_id, tmp_path / "goi", replace=True)
    spare = tmp_path / "ban-sao.tqthietlap"
    spare.write_bytes(setup.path.read_bytes())  # copied before it was used
    first = init_from_setup(tmp_path / "may-1.sqlite", setup.path, setup.passphrase)
    with pytest.raises(ValidationError, match="đã được dùng"):
        init_from_setup(tmp_path / "may-2.sqlite", setup.path, setup.passphrase)
    assert not (tmp_path / "may-2.sqlite").exists()
    # The copy sets up a second machine with the same identity: the city finds out from the
    # two trails, which do not continue each other, and refuses the second one's packages.
    second = init_from_setup(tmp_path / "may-3.sqlite", spare, setup.passphrase)
    try:
        add_household(first, net.doan_ket_id, "Hộ Ở Máy Một")
        add_household(second, net.doan_ket_id, "Hộ Ở Máy Hai")
        city.sync.import_package(first.sync.export(upstream_id(first), net.folder).path)
        with pytest.raises(PackageRefused, match="cùng một gói thiết lập"):
            city.sync.preview(second.sync.export(upstream_id(second), net.folder).path)
    finally:
        first.close()
        second.close()
