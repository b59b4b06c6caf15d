"""Sync packages between the city and ward machines: round trips and every kind of bad package."""

from __future__ import annotations

import json
import shutil
import struct
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import main
from storage.keystore import copy_database_file, secret_path
from storage.model import Household, HouseholdYear
from storage.store import Store
from storage.sync import PackageRefused, Sync, init_from_setup
from storage.sync_crypto import (
    PACKAGE_MAGIC,
    KeyPairs,
    canonical_json,
    open_package,
    seal_package,
)
from tests.files import file_digest


@dataclass
class Network:
    """The demo city's office and two ward machines, each an open store on its own file."""

    city: Store
    tan_phong: Store
    doan_ket: Store
    tan_phong_id: str
    doan_ket_id: str
    folder: Path

    def close(self) -> None:
        for store in (self.city, self.tan_phong, self.doan_ket):
            store.close()


NAMES = ("city", "tan_phong", "doan_ket")


@pytest.fixture(scope="module")
def network_files(sync_network_files: dict[str, Path]) -> dict[str, Path]:
    """The three databases, set up once per session (tests/conftest.py); each test works on
    copies."""
    return sync_network_files


@pytest.fixture
def net(network_files: dict[str, Path], tmp_path: Path) -> Iterator[Network]:
    stores = {}
    for name in NAMES:
        copy_database_file(network_files[name], tmp_path / f"{name}.sqlite")
        stores[name] = Store(tmp_path / f"{name}.sqlite", actor=name)
    network = Network(
        stores["city"], stores["tan_phong"], stores["doan_ket"],
        stores["city"].units.find("Tân Phong", 2024, "ward").id,
        stores["city"].units.find("Đoàn Kết", 2024, "ward").id,
        tmp_path / "packages",
    )
    yield network
    network.close()


def upstream_id(store: Store) -> str:
    peer = store.sync.upstream()
    assert peer is not None
    return peer.site_id


def machine_of(city: Store, ward_id: str) -> str:
    peer = city.sync.active_machine_of(ward_id)
    assert peer is not None
    return peer.site_id


def add_household(store: Store, ward_id: str, name: str, group_index: int = 0) -> Household:
    group = store.units.groups_of(ward_id, 2024)[group_index]
    return store.households.add(
        Household(group_id=group.id, head_name=name, member_count=4), 2024,
        status=HouseholdYear("", 2024, group.id, cultural_family=True),
    )


def households(store: Store, ward_id: str) -> set[tuple[str, str, str | None, int]]:
    rows = store.query(
        "SELECT id, head_name, deleted_at, member_count FROM households WHERE owner_unit_id = ?",
        [ward_id])
    return {(r["id"], r["head_name"], r["deleted_at"], r["member_count"]) for r in rows}




# -- set-up ---------------------------------------------------------------------------------------


def test_a_ward_machine_starts_with_its_own_data_and_the_citys(net: Network) -> None:
    ward = net.tan_phong
    assert ward.sync.role == "ward"
    assert ward.sync.unit_id() == net.tan_phong_id
    assert households(ward, net.tan_phong_id) == households(net.city, net.tan_phong_id)
    # Nothing of another ward's households; the whole unit tree and the framework.
    assert not households(ward, net.doan_ket_id)
    assert ward.query("SELECT COUNT(*) FROM units")[0][0] == net.city.query(
        "SELECT COUNT(*) FROM units")[0][0]
    assert ward.query("SELECT COUNT(*) FROM criteria")[0][0] == 17
    assert ward.pending_changes() == 0


@pytest.mark.real_kdf
def test_the_setup_package_needs_its_passphrase(net: Network, tmp_path: Path) -> None:
    ward = net.city.units.find("San Thàng", 2024, "ward")
    setup = net.city.sync.create_setup_package(ward.id, tmp_path)
    with pytest.raises(Exception, match="Mật khẩu"):
        init_from_setup(tmp_path / "x.sqlite", setup.path, "WRONG-PASS")
    assert not (tmp_path / "x.sqlite").exists()
    # Typed back from paper: lower case and spaces instead of dashes.
    typed = setup.passphrase.lower().replace("-", " ")
    init_from_setup(tmp_path / "x.sqlite", setup.path, typed).close()


def test_a_second_machine_for_a_ward_replaces_and_revokes_the_first(net: Network,
                                                                  tmp_path: Path) -> None:
    old = machine_of(net.city, net.tan_phong_id)
    with pytest.raises(Exception, match="đã có máy"):
        net.city.sync.create_setup_package(net.tan_phong_id, tmp_path)
    result = net.city.sync.create_setup_package(net.tan_phong_id, tmp_path, replace=True)
    assert result.replaced == (old,)
    revoked = net.city.sync.peer(old)
    assert revoked is not None and revoked.revoked_at
    assert machine_of(net.city, net.tan_phong_id) == result.site_id


# -- round trips ----------------------------------------------------------------------------------


def test_round_trip_ward_to_city_to_ward(net: Network) -> None:
    ward, city = net.tan_phong, net.city
    added = add_household(ward, net.tan_phong_id, "Lò Văn Đồng Bộ")
    victim_id, kept_id = [r["id"] for r in ward.query(
        "SELECT id FROM households WHERE owner_unit_id = ? AND deleted_at IS NULL"
        " ORDER BY num LIMIT 2", [net.tan_phong_id])]
    kept = ward.households.get(kept_id)
    ward.households.update(Household(**{**kept.__dict__, "member_count": kept.member_count + 1}))
    ward.households.delete(victim_id)
    assert ward.pending_changes() == 3

    package = ward.sync.export(upstream_id(ward), net.folder)
    plan = city.sync.preview(package.path)
    assert plan.counts["households"].new == 1
    assert plan.counts["households"].changed == 1
    assert plan.counts["households"].deleted == 1
    assert not plan.rejections
    assert plan.audit_new >= 3
    city.sync.apply(plan)
    assert households(city, net.tan_phong_id) == households(ward, net.tan_phong_id)
    assert city.query("SELECT COUNT(*) FROM audit_received WHERE record_id = ?",
                      [added.id])[0][0] >= 1

    # The city's answer: a target for the ward, and the acknowledgement.
    city.cycle.set_target(net.tan_phong_id, "year", 2025, 2025, 9)
    answer = city.sync.export(machine_of(city, net.tan_phong_id), net.folder)
    assert answer.counts.get("targets") == 1
    assert "households" not in answer.counts  # the ward's own rows are not sent back
    report = ward.sync.import_package(answer.path)
    assert report.counts["targets"].new == 1
    assert ward.query("SELECT recognised_groups FROM targets WHERE year_from = 2025")[0][0] == 9
    assert ward.pending_changes() == 0  # the city acknowledged everything

    # The next ward package only carries what changed since.
    add_household(ward, net.tan_phong_id, "Tòng Thị Sau")
    second = ward.sync.export(upstream_id(ward), net.folder)
    assert second.counts == {"households": 1, "household_years": 1}


def test_another_wards_data_is_never_sent_down(net: Network) -> None:
    add_household(net.doan_ket, net.doan_ket_id, "Hà Văn Khác")
    net.city.sync.import_package(
        net.doan_ket.sync.export(upstream_id(net.doan_ket), net.folder).path)
    package = net.city.sync.export(machine_of(net.city, net.tan_phong_id), net.folder, full=True)
    net.tan_phong.sync.import_package(package.path)
    assert not households(net.tan_phong, net.doan_ket_id)


def test_a_package_imported_twice_changes_nothing_the_second_time(net: Network) -> None:
    add_household(net.tan_phong, net.tan_phong_id, "Lò Thị Hai Lần")
    package = net.tan_phong.sync.export(upstream_id(net.tan_phong), net.folder)
    net.city.sync.import_package(package.path)
    before = households(net.city, net.tan_phong_id)
    again = net.city.sync.preview(package.path)
    assert again.already_imported_at is not None
    assert "đã nhập ngày" in again.report()
    net.city.sync.apply(again)
    assert households(net.city, net.tan_phong_id) == before


def test_overlapping_and_late_packages_are_harmless(net: Network) -> None:
    ward, city = net.tan_phong, net.city
    add_household(ward, net.tan_phong_id, "Gói Một")
    first = ward.sync.export(upstream_id(ward), net.folder)
    add_household(ward, net.tan_phong_id, "Gói Hai")
    second = ward.sync.export(upstream_id(ward), net.folder)  # overlaps the first
    city.sync.import_package(second.path)
    late = city.sync.preview(first.path)  # the older one arrives last
    assert late.total_writes == 0
    city.sync.apply(late)
    names = {name for _i, name, _d, _m in households(city, net.tan_phong_id)}
    assert {"Gói Một", "Gói Hai"} <= names


def test_a_full_export_from_the_ward_recovers_the_city(net: Network) -> None:
    add_household(net.tan_phong, net.tan_phong_id, "Lò Văn Toàn Bộ")
    package = net.tan_phong.sync.export(upstream_id(net.tan_phong), net.folder, full=True)
    net.city.sync.import_package(package.path)
    assert households(net.city, net.tan_phong_id) == households(net.tan_phong, net.tan_phong_id)


# -- ownership ------------------------------------------------------------------------------------


def test_a_ward_package_touching_another_wards_households_is_partly_rejected(
        net: Network) -> None:
    ward, city = net.tan_phong, net.city
    # Written on Tân Phong's machine into a group of Đoàn Kết and claimed as Tân Phong's (a
    # machine whose file was edited by hand): the export sends it, the city must refuse it.
    intruder = add_household(ward, net.doan_ket_id, "Đinh Văn Lấn Sân")
    for table, key in (("households", "id"), ("household_years", "household_id")):
        ward.db.execute(f"UPDATE {table} SET owner_unit_id = ? WHERE {key} = ?",
                        [net.tan_phong_id, intruder.id])
    own = add_household(ward, net.tan_phong_id, "Lò Văn Hợp Lệ")
    plan = city.sync.preview(ward.sync.export(upstream_id(ward), net.folder).path)
    rejected = {r.record: r.reason for r in plan.rejections}
    assert any("Đinh Văn Lấn Sân" in record for record in rejected)
    assert all("Đoàn Kết" in reason for reason in rejected.values())
    assert plan.counts["households"].new == 1 and plan.counts["households"].rejected == 1
    assert plan.counts["household_years"].rejected == 1
    city.sync.apply(plan)
    ids = {row["id"] for row in city.query("SELECT id FROM households")}
    assert own.id in ids and intruder.id not in ids
    assert "Bị từ chối" in plan.report() and "Đinh Văn Lấn Sân" in plan.report()


def test_a_ward_cannot_change_the_citys_records(net: Network, ward_package: Path) -> None:
    ward, city = net.tan_phong, net.city
    target = city.query("SELECT * FROM targets WHERE unit_id = ?", [city.units.city().id])[0]
    # A package signed by the ward's real key that carries a changed city target.
    row = {**dict(target), "recognised_groups": 99, "modified_site": ward.site_id,
           "change_seq": 1, "modified_at": "2099-01-01T00:00:00.000Z"}

    def add_target(payload: dict[str, Any]) -> None:
        payload["tables"]["targets"] = {"columns": list(row), "rows": [list(row.values())]}

    forged = _resealed(ward, city, ward_package, edit=add_target)
    plan = city.sync.preview(forged)
    assert plan.counts["targets"].rejected == 1
    assert ("chỉ tiêu là việc của cấp trên; máy của Phường Tân Phong không được gửi"
            in plan.rejections[0].reason)
    city.sync.apply(plan)
    assert city.query("SELECT recognised_groups FROM targets WHERE id = ?",
                      [target["id"]])[0][0] == target["recognised_groups"]
    assert plan.counts["households"].new == 1  # the rest of the package was applied


def test_the_city_cannot_change_households_entered_at_the_ward(net: Network) -> None:
    ward, city = net.tan_phong, net.city
    household_id = city.query("SELECT id FROM households WHERE owner_unit_id = ? LIMIT 1",
                              [net.tan_phong_id])[0][0]
    household = city.households.get(household_id)
    city.households.update(Household(**{**household.__dict__, "head_name": "Sửa Ở Thành Phố"}))
    plan = ward.sync.preview(city.sync.export(machine_of(city, net.tan_phong_id),
                                              net.folder).path)
    assert [r.table for r in plan.rejections] == ["households"]
    assert "phường, xã nhập" in plan.rejections[0].reason
    ward.sync.apply(plan)
    assert ward.households.get(household_id).head_name == household.head_name


# -- refused packages: the database stays byte-for-byte as it was ---------------------------------


@pytest.fixture
def ward_package(net: Network) -> Path:
    add_household(net.tan_phong, net.tan_phong_id, "Nguyễn Văn Gói")
    return net.tan_phong.sync.export(upstream_id(net.tan_phong), net.folder).path


def refused_unchanged(store: Store, package: Path, match: str) -> None:
    """Import through the command line: exit 1, the message, and the file not touched."""
    path = store.path
    assert path is not None
    store.close()
    before = file_digest(path)
    code = main.main(["import", "--db", str(path), str(package)])
    assert code == 1
    assert file_digest(path) == before
    reopened = Store(path)
    with pytest.raises(PackageRefused, match=match):
        reopened.sync.preview(package)
    reopened.close()


def test_a_flipped_byte_in_the_payload_is_refused(net: Network, ward_package: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    data = bytearray(ward_package.read_bytes())
    data[-10] ^= 0x01
    ward_package.write_bytes(bytes(data))
    refused_unchanged(net.city, ward_package, "không khớp với chữ ký")
    assert "Từ chối gói" in capsys.readouterr().err


def test_a_flipped_byte_in_the_manifest_is_refused(net: Network, ward_package: Path) -> None:
    data = ward_package.read_bytes()
    changed = data.replace(b'"kind":"changes"', b'"kind":"chbnges"', 1)
    assert changed != data
    ward_package.write_bytes(changed)
    refused_unchanged(net.city, ward_package, "Chữ ký")


def test_a_truncated_package_is_refused(net: Network, ward_package: Path) -> None:
    data = ward_package.read_bytes()
    ward_package.write_bytes(data[: len(data) // 2])
    refused_unchanged(net.city, ward_package, "không khớp|hỏng")
    ward_package.write_bytes(data[:40])
    refused_unchanged(net.city, ward_package, "hỏng")


def test_a_file_that_is_not_a_package_is_refused(net: Network, tmp_path: Path) -> None:
    other = tmp_path / "danh_sach.tqgoi"
    other.write_bytes(b"PK\x03\x04 not a package at all")
    refused_unchanged(net.city, other, "không phải gói")


def test_a_package_for_another_machine_is_refused(net: Network) -> None:
    package = net.city.sync.export(machine_of(net.city, net.tan_phong_id), net.folder)
    refused_unchanged(net.doan_ket, package.path, "không phải cho máy này")


def test_a_package_from_an_unknown_machine_is_refused(net: Network, ward_package: Path) -> None:
    # Đoàn Kết's machine knows only the city.
    refused_unchanged(net.doan_ket, ward_package, "chưa được đăng ký")


def test_a_package_from_a_revoked_machine_is_refused(net: Network, ward_package: Path) -> None:
    net.city.sync.revoke(machine_of(net.city, net.tan_phong_id), "Máy bị mất cắp")
    refused_unchanged(net.city, ward_package, "thu hồi.*Máy bị mất cắp")


def test_a_package_signed_with_another_key_is_refused(net: Network, ward_package: Path) -> None:
    sealed = open_package(ward_package.read_bytes())
    forged = Ed25519PrivateKey.generate().sign(sealed.header)
    ward_package.write_bytes(PACKAGE_MAGIC + struct.pack(">I", len(sealed.header))
                             + sealed.header + forged + sealed.ciphertext)
    refused_unchanged(net.city, ward_package, "Chữ ký")


def _resealed(ward: Store, city: Store, package: Path,
              edit: Callable[[dict[str, Any]], None] | None = None, **changes: object) -> Path:
    """The same package re-signed with the ward's real key, with manifest fields changed."""
    sealed = open_package(package.read_bytes())
    payload = sealed.decrypt(_keys_of(city))
    if edit is not None:
        content = json.loads(payload)
        edit(content)
        payload = canonical_json(content)
    manifest = {k: v for k, v in sealed.manifest.items()
                if k not in ("encryption", "payload_sha256", "payload_size")}
    manifest.update(changes)
    city_box = city.sync.keys().box_public
    target = package.with_name("resealed.tqgoi")
    target.write_bytes(seal_package(manifest, payload, ward.sync.keys(), city_box))
    return target


def _keys_of(store: Store) -> KeyPairs:
    return store.sync.keys()


def test_a_package_from_a_newer_schema_is_refused(net: Network, ward_package: Path) -> None:
    newer = _resealed(net.tan_phong, net.city, ward_package,
                      schema_version=net.city.schema_version + 1)
    refused_unchanged(net.city, newer, "phiên bản Tự Quản mới hơn")


def test_a_replayed_package_with_a_new_id_changes_nothing(net: Network,
                                                        ward_package: Path) -> None:
    net.city.sync.import_package(ward_package)
    replay = _resealed(net.tan_phong, net.city, ward_package, package_id=str(uuid.uuid4()))
    before = households(net.city, net.tan_phong_id)
    plan = net.city.sync.preview(replay)
    assert plan.total_writes == 0
    net.city.sync.apply(plan)
    assert households(net.city, net.tan_phong_id) == before


def test_a_gap_is_refused_with_the_missing_range_and_a_full_export_fills_it(
        net: Network, tmp_path: Path) -> None:
    ward, city = net.tan_phong, net.city
    assert city.path is not None
    old_city = tmp_path / "city-before.sqlite"
    city.backup(old_city)
    shutil.copy(secret_path(city.path), secret_path(old_city))  # the machine's key file
    add_household(ward, net.tan_phong_id, "Thay Đổi Một")
    city.sync.import_package(ward.sync.export(upstream_id(ward), net.folder).path)
    ward.sync.import_package(city.sync.export(machine_of(city, net.tan_phong_id),
                                              net.folder).path)
    add_household(ward, net.tan_phong_id, "Thay Đổi Hai")
    second = ward.sync.export(upstream_id(ward), net.folder)
    assert second.ranges[ward.site_id] == [2, 2]
    # The city's disk died and it went back to a copy from before the first package.
    with Store(old_city) as restored:
        with pytest.raises(PackageRefused, match=r"thiếu các thay đổi số 1–1.*xuất lại"):
            restored.sync.preview(second.path)
        full = ward.sync.export(upstream_id(ward), net.folder, full=True)
        restored.sync.import_package(full.path)
        names = {name for _i, name, _d, _m in households(restored, net.tan_phong_id)}
        assert {"Thay Đổi Một", "Thay Đổi Hai"} <= names


def test_a_failure_in_the_middle_of_an_import_leaves_nothing(net: Network, ward_package: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    before = households(net.city, net.tan_phong_id)
    packages_before = net.city.query("SELECT COUNT(*) FROM sync_packages")[0][0]
    plan = net.city.sync.preview(ward_package)
    original = Sync._write_rows
    calls = []

    def failing(self: Sync, spec: object, rows: list[dict[str, object]]) -> None:
        calls.append(spec)
        original(self, spec, rows)  # type: ignore[arg-type]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Sync, "_write_rows", failing)
    with pytest.raises(OSError):
        net.city.sync.apply(plan)
    assert calls
    assert households(net.city, net.tan_phong_id) == before
    assert net.city.query("SELECT COUNT(*) FROM sync_packages")[0][0] == packages_before
    monkeypatch.setattr(Sync, "_write_rows", original)
    net.city.sync.apply(net.city.sync.preview(ward_package))
    assert households(net.city, net.tan_phong_id) != before


def test_the_package_is_unreadable_without_the_receivers_key(net: Network,
                                                             ward_package: Path) -> None:
    data = ward_package.read_bytes()
    assert "Nguyễn Văn Gói".encode() not in data
    assert b"Nguy" not in data
    sealed = open_package(data)
    with pytest.raises(Exception):  # noqa: B017 - any decryption failure
        sealed.decrypt(net.doan_ket.sync.keys())
    manifest = json.loads(sealed.header)
    assert manifest["counts"] == {"households": 1, "household_years": 1}
    assert canonical_json(manifest) == sealed.header


# -- command line ---------------------------------------------------------------------------------


def test_the_sync_commands_end_to_end(demo_path: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    city_db = tmp_path / "city.sqlite"
    shutil.copy(demo_path, city_db)
    setup = tmp_path / "tan_phong.tqthietlap"
    assert main.main(["setup-ward", "--db", str(city_db), "--ward", "tan phong",
                      "-o", str(setup)]) == 0
    out = capsys.readouterr().out
    passphrase = out.strip().splitlines()[-1].split(": ")[-1]
    ward_db = tmp_path / "ward.sqlite"
    assert main.main(["init", "--db", str(ward_db), "--from-setup", str(setup),
                      "--passphrase", passphrase]) == 0
    assert "UBND Phường Tân Phong" in capsys.readouterr().out
    with Store(ward_db) as ward:
        add_household(ward, ward.sync.unit_id(), "Lường Văn Dòng Lệnh")
    assert main.main(["export", "--db", str(ward_db), "--to", str(tmp_path / "out")]) == 0
    package = Path(capsys.readouterr().out.strip())
    assert package.suffix == ".tqgoi" and package.exists()
    assert main.main(["import", "--db", str(city_db), str(package), "--dry-run"]) == 0
    assert "Chạy thử" in capsys.readouterr().out
    assert main.main(["import", "--db", str(city_db), str(package)]) == 0
    assert "Hộ gia đình" in capsys.readouterr().out
    assert main.main(["import", "--db", str(city_db), str(package)]) == 0
    assert "đã nhập ngày" in capsys.readouterr().out
    assert main.main(["machines", "--db", str(city_db)]) == 0
    listing = capsys.readouterr().out
    assert "UBND Phường Tân Phong" in listing and "đang dùng" in listing


# -- a city office that is itself the ward of a higher office -------------------------------------


def test_the_city_relays_its_wards_changes_to_the_office_above(net: Network, demo_path: Path,
                                                                tmp_path: Path) -> None:
    upper_path = tmp_path / "upper.sqlite"
    shutil.copy(demo_path, upper_path)
    with Store(upper_path) as upper:
        # A different machine holding the same city data (as after a first full package).
        upper.db.execute("UPDATE meta SET value = 'upper-office-site' WHERE key = 'site_id'")
    with Store(upper_path, actor="upper") as upper:
        upper.sync.register_peer(net.city.sync.identity_card(), "downstream")
        net.city.sync.register_peer(upper.sync.identity_card(), "upstream")
        with pytest.raises(Exception, match="đã có cấp trên"):
            net.city.sync.register_peer(upper.sync.identity_card(), "upstream")

        # First contact: the office above has acknowledged nothing, so it gets everything.
        first = upper.sync.import_package(
            net.city.sync.export(upstream_id(net.city), net.folder).path)
        assert first.counts["households"].unchanged == 12937
        # Its answer tells the city what it now holds.
        net.city.sync.import_package(upper.sync.export(net.city.site_id, net.folder).path)

        added = add_household(net.tan_phong, net.tan_phong_id, "Lò Văn Chuyển Tiếp")
        net.city.sync.import_package(
            net.tan_phong.sync.export(upstream_id(net.tan_phong), net.folder).path)
        upward = net.city.sync.export(upstream_id(net.city), net.folder)
        # The ward's change and its audit entries travel on, signed by the city.
        assert upward.counts == {"households": 1, "household_years": 1}
        assert upward.audit_entries >= 1
        assert net.tan_phong.site_id in upward.ranges
        upper.sync.import_package(upward.path)
        assert upper.households.get(added.id).head_name == "Lò Văn Chuyển Tiếp"
        assert upper.query("SELECT COUNT(*) FROM audit_received WHERE site_id = ?",
                           [net.tan_phong.site_id])[0][0] >= 1


def test_a_ward_machine_writes_only_its_wards_records_whoever_signs_in(net: Network) -> None:
    from storage.errors import PermissionDenied

    ward = net.tan_phong
    admin = ward.accounts.create_first_admin("quantri", "Quản trị máy phường", "mat-khau-dai")
    ward.sign_in(admin)
    add_household(ward, net.tan_phong_id, "Lò Văn Được Phép")
    before = households(ward, net.doan_ket_id)
    with pytest.raises(PermissionDenied, match="Phường Tân Phong"):
        add_household(ward, net.doan_ket_id, "Đinh Văn Không Được")
    assert households(ward, net.doan_ket_id) == before
    # Applying a verified package from the city still works (ownership is checked per record).
    net.city.cycle.set_target(net.tan_phong_id, "year", 2025, 2025, 7)
    ward.sync.import_package(
        net.city.sync.export(machine_of(net.city, net.tan_phong_id), net.folder).path)
    assert ward.query("SELECT COUNT(*) FROM targets WHERE year_from = 2025")[0][0] == 1


def test_the_status_shows_what_was_sent_and_not_yet_acknowledged(net: Network) -> None:
    ward, city = net.tan_phong, net.city
    add_household(ward, net.tan_phong_id, "Gói Đi Đường")
    package = ward.sync.export(upstream_id(ward), net.folder)
    [status] = ward.sync.status()
    assert (status.sent_upto, status.acknowledged_upto) == (1, 0)
    assert status.unconfirmed == (1, 1)
    city.sync.import_package(package.path)
    [city_view] = [s for s in city.sync.status() if s.peer.unit_id == net.tan_phong_id]
    assert city_view.received_upto == 1
    ward.sync.import_package(
        city.sync.export(machine_of(city, net.tan_phong_id), net.folder).path)
    [status] = ward.sync.status()
    assert status.acknowledged_upto == 1 and status.unconfirmed is None
