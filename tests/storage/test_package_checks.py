"""What a signed package may bring: its manifest, its payload's shape, each row's values.

The attack: hundreds of malformed manifests and payloads (wrong types, deep nesting, NaN and
Infinity, 10³⁰, booleans, 20 MB strings, missing and extra keys) must end in PackageInvalid,
never another exception; rows with values no form accepts must get a reason. The defence must
not refuse real data: every row of the demo city and every field of real packages between a
city and a ward machine pass.
"""

from __future__ import annotations

import copy
import json
import math
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage import sync
from storage.model import Household, HouseholdYear
from storage.package_checks import (
    AUDIT_COLUMNS,
    KNOWN_FORMAT_VERSION,
    REQUIRED_COLUMNS,
    TABLE_NAMES,
    PackageInvalid,
    check_manifest,
    check_payload,
    row_problem,
)
from storage.row_checks import row_specs
from storage.store import Store
from storage.sync import init_from_setup
from storage.sync_crypto import open_package, strict_json

THIS_YEAR = 2026
HUGE = "x" * 20_000_000  # a 20 MB name, as one package carried


def _deep(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


DEEP = _deep(10_000)
DEEP_DICT: dict[str, Any] = {}
for _ in range(10_000):
    DEEP_DICT = {"a": DEEP_DICT}
# Values no field of a manifest, no cell of a payload and no column of a row accepts.
NEVER_VALID = [HUGE, DEEP, DEEP_DICT, math.nan, math.inf, -math.inf, 10**30, -(10**30), True,
               False, [1, 2], {"a": 1}]
NEVER_VALID_IDS = ["20MB", "deep-list", "deep-dict", "nan", "inf", "-inf", "1e30", "-1e30",
                   "true", "false", "list", "dict"]
# Anything at all: what a hand-made package may hold anywhere.
ANY_VALUE = st.one_of(
    st.sampled_from(NEVER_VALID), st.none(), st.booleans(),
    st.integers(-(2**70), 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(["", "nhiều", "2900", "1", "changes", "full", "nam"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                         max_size=3),
)

U = [f"{n:08x}-0000-4000-8000-{n:012x}" for n in range(1, 40)]
SITE_CITY, SITE_WARD = U[0], U[1]
STAMP = "2026-11-27T08:05:00.000Z"


def _manifest() -> dict[str, Any]:
    """A manifest as Sync.export and seal_package write it."""
    return {
        "format_version": 1, "schema_version": 6, "frameworks": {U[2]: 1, U[3]: 2},
        "kind": "changes", "package_id": U[4], "created_at": STAMP,
        "sender": {"site_id": SITE_WARD, "name": "UBND Phường Tân Phong"},
        "receiver": {"site_id": SITE_CITY, "name": "Phòng Nội vụ Thành phố Lai Châu"},
        "ranges": {SITE_WARD: [3, 17], SITE_CITY: [1, 0]},
        "acknowledges": {SITE_CITY: 120, SITE_WARD: 17},
        "counts": {"households": 2, "household_years": 2},
        "audit_entries": 1,
        "encryption": {"scheme": "x25519-hkdf-sha256-chacha20poly1305",
                       "ephemeral_public": "q" * 43 + "=", "nonce": "AAAAAAAAAAAAAAAA"},
        "payload_sha256": "ab" * 32, "payload_size": 1234,
        "heads": {SITE_WARD: {"site_id": SITE_WARD, "change_seq": 17, "hash": "cd" * 32,
                              "signature": "A" * 86 + "==", "signing_public": "B" * 43 + "="}},
    }


# -- good rows of every table --------------------------------------------------------------------

SYNC = {"owner_unit_id": U[5], "modified_at": STAMP, "modified_site": SITE_WARD,
        "change_seq": 17, "deleted_at": None}
GOOD_ROWS: dict[str, dict[str, Any]] = {
    "units": {"id": U[6], "parent_id": U[5], "kind": "tdp", "name": "Tổ dân phố số 5",
              "short_name": "", "code": "", "valid_from": 2004, "valid_to": None,
              "name_key": "to dan pho so 5", "sort_key": "K4!\x01x", "is_synthetic": 0},
    "lineage_events": {"id": U[7], "kind": "split", "event_date": "2022-07-20",
                       "effective_year": 2022, "legal_basis": "Nghị quyết số 28/NQ-HĐND",
                       "note": ""},
    "indicators": {"code": "mediators", "name": "Hòa giải viên", "level": "group",
                   "value_type": "int", "column_name": "mediators", "note": ""},
    "frameworks": {"id": U[2], "name": "Bộ tiêu chí 2021–2025", "version": 1,
                   "year_from": 2021, "year_to": 2025, "legal_basis": "", "pass_rule": "points",
                   "pass_mark": 80.0, "copied_from_id": None},
    "standards": {"id": U[8], "framework_id": U[2], "code": "1", "name": "Tổ chức",
                  "position": 1},
    "criteria": {"id": U[9], "standard_id": U[8], "code": "1.1",
                 "name": "Có nhà văn hóa", "position": 1, "required": 1, "points": 10.0,
                 "rule": json.dumps({"indicator": "cultural_family", "kind": "household_share",
                                     "op": ">=", "threshold": 90.0}, sort_keys=True)},
    "households": {"id": U[10], "group_id": U[6], "head_name": "Lò Văn Hùng",
                   "head_gender": "nam", "head_birth_year": 1975, "ethnicity_code": "03",
                   "address": "Số 9, đường Trần Phú", "phone": "0912 345 678",
                   "member_count": 4, "note": "", "head_name_key": "lo van hung",
                   "head_sort_key": "k", "search_key": "lo van hung | so 9",
                   "address_sort_key": "k", "first_year": 2024},
    "household_members": {"id": U[11], "household_id": U[10], "full_name": "Lò Thị Mai",
                          "relation": "Vợ", "gender": "nu", "birth_year": 1978,
                          "ethnicity_code": "03", "name_key": "lo thi mai", "position": 1},
    "household_years": {"household_id": U[10], "year": 2024, "group_id": U[6],
                        "cultural_family": 1, "poverty": "near_poor", "learning_family": 0,
                        "clean_house": 1, "antt_commitment": 1, "urban_rules_commitment": 0,
                        "waste_container": 1, "third_child": 0, "extra": '{"ocop": true}'},
    "group_years": {"group_id": U[6], "year": 2024, "party_cell_rating": "tot",
                    "cultural_title": 1, "antt_safe_title": 0, "security_team_size": 3,
                    "mediators": 5, "mediation_received": 3, "mediation_settled": 2,
                    "civilised_streets": 1, "civilised_streets_failing": 0,
                    "clean_street_groups": 2, "mass_complaints": 0, "law_violations": 1,
                    "child_accident_deaths": 0, "economic_models": "Nuôi cá\nTrồng chè",
                    "ocop_products": "", "extra": "{}"},
    "group_officers": {"id": U[12], "group_id": U[6], "year": 2024, "role": "Bí thư chi bộ",
                       "full_name": "Tòng Văn Cường", "name_key": "tong van cuong"},
    "registrations": {"id": U[13], "group_id": U[6], "year": 2024,
                      "registered_on": "05/03/2024", "note": ""},
    "evaluations": {"id": U[14], "group_id": U[6], "year": 2024, "framework_id": U[2],
                    "stage": "city", "proposed": 1},
    "evaluation_answers": {"id": U[15], "evaluation_id": U[14], "criterion_id": U[9],
                           "stage": "self", "passed": 1, "value": 96.3,
                           "evidence": "210/218 hộ = 96,3% ≥ 90%", "note": ""},
    "stage_approvals": {"id": U[16], "evaluation_id": U[14], "stage": "self",
                        "action": "approve", "actor": "tanphong", "at": STAMP, "note": ""},
    "decisions": {"id": U[17], "unit_id": U[5], "year": 2024, "number": "05/QĐ-UBND",
                  "signed_on": "2025-01-05", "signer_name": "Nguyễn Văn Minh",
                  "signer_title": "CHỦ TỊCH", "issuing_body": "ỦY BAN NHÂN DÂN THÀNH PHỐ"},
    "recognitions": {"id": U[18], "group_id": U[6], "year": 2024, "decision_id": U[17],
                     "kind": "maintained"},
    "certificates": {"id": U[19], "recognition_id": U[18], "register_number": "35/2024/GCN",
                     "issued_on": "2025-01-10", "reprint_of_id": None},
    "targets": {"id": U[20], "unit_id": U[5], "kind": "plan", "year_from": 2021,
                "year_to": 2025, "recognised_groups": 26, "note": ""},
}
GOOD_ROWS = {table: {**row, **SYNC} for table, row in GOOD_ROWS.items()}


def _columns_here() -> dict[str, list[str]]:
    return {table: list(row) for table, row in GOOD_ROWS.items()}


def _payload() -> dict[str, Any]:
    """A payload as Sync.export writes it, with a row of every table."""
    return {
        "tables": {table: {"columns": list(row), "rows": [list(row.values())]}
                   for table, row in GOOD_ROWS.items()},
        "lineage_links": [[U[7], U[6], "result"], [U[7], U[21], "source"]],
        "audit": [[U[22], STAMP, SITE_WARD, "tanphong", "Thêm hộ Lò Văn Hùng", 17,
                   "households", U[10], "insert", '{"head_name": "Lò Văn Hùng"}', "0" * 64,
                   "ab" * 32]],
    }


def _problem(table: str, **changes: Any) -> str | None:
    return row_problem(table, {**GOOD_ROWS[table], **changes}, this_year=THIS_YEAR)


# -- the lists agree with the program --------------------------------------------------------------


def test_the_lists_are_those_of_the_sync_module() -> None:
    assert TABLE_NAMES == tuple(spec.name for spec in sync.TABLES)
    assert AUDIT_COLUMNS == sync.AUDIT_COLUMNS
    assert KNOWN_FORMAT_VERSION == sync.FORMAT_VERSION


def test_every_travelling_column_of_the_schema_has_a_check_and_the_required_ones_are_known(
        store: Store) -> None:
    # A new column in a migration fails here until it gets a check (a package could otherwise
    # bring any value in it, or be refused for an unknown column).
    specs = row_specs(THIS_YEAR)
    for spec in sync.TABLES:
        info = store.db.execute(f"PRAGMA table_info({spec.name})").fetchall()
        travelling = [row[1] for row in info if row[1] not in spec.local_columns]
        assert sorted(specs[spec.name]) == sorted(travelling), spec.name
        assert sorted(GOOD_ROWS[spec.name]) == sorted(travelling), spec.name
        needs_value = {row[1] for row in info if row[3] and row[4] is None
                       and row[1] not in spec.local_columns}
        assert needs_value | set(spec.key) <= set(REQUIRED_COLUMNS[spec.name]), spec.name


def test_the_good_rows_and_payload_here_are_good() -> None:
    for table, row in GOOD_ROWS.items():
        assert row_problem(table, row, this_year=THIS_YEAR) is None, table
    check_payload(_payload(), _columns_here())
    assert check_manifest(_manifest()) == _manifest()


# -- real data is never refused --------------------------------------------------------------------


def _snapshot(db: sqlite3.Connection) -> tuple[dict[str, Any], dict[str, list[str]]]:
    tables, columns_here = {}, {}
    for spec in sync.TABLES:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({spec.name})")
                   if row[1] not in spec.local_columns]
        columns_here[spec.name] = columns
        rows = [list(row) for row in db.execute(f"SELECT {', '.join(columns)} FROM {spec.name}")]
        tables[spec.name] = {"columns": columns, "rows": rows}
    links = [list(row) for row in db.execute("SELECT event_id, unit_id, role FROM lineage_links")]
    audit = [list(row) for row in db.execute(f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit_log")]
    return {"tables": tables, "lineage_links": links, "audit": audit}, columns_here


def _all_problems(payload: dict[str, Any]) -> list[tuple[str, str]]:
    problems = []
    for table, body in payload["tables"].items():
        for row in body["rows"]:
            problem = row_problem(table, dict(zip(body["columns"], row, strict=True)))
            if problem is not None:
                problems.append((table, problem))
    return problems


def test_every_row_of_the_demo_city_passes(demo_store: Store) -> None:
    payload, columns_here = _snapshot(demo_store.db.conn)
    rows = sum(len(body["rows"]) for body in payload["tables"].values())
    assert rows > 100_000
    assert _all_problems(payload)[:5] == []
    check_payload(payload, columns_here)


@dataclass
class Pair:
    city: Store
    ward: Store
    ward_id: str
    folder: Path


@pytest.fixture
def pair(demo_path: Path, tmp_path: Path) -> Iterator[Pair]:
    """The demo city's office with its certificates issued, and Tân Phong's new machine."""
    city_path = tmp_path / "city.sqlite"
    shutil.copy(demo_path, city_path)
    city = Store(city_path, actor="city")
    city.certificates.issue(2024)
    city.certificates.issue(2024, reprint=True)
    ward_unit = city.units.find("Tân Phong", 2024, "ward")
    setup = city.sync.create_setup_package(ward_unit.id, tmp_path)
    init_from_setup(tmp_path / "ward.sqlite", setup.path, setup.passphrase, actor="ward").close()
    ward = Store(tmp_path / "ward.sqlite", actor="ward")
    yield Pair(city, ward, ward_unit.id, tmp_path / "packages")
    ward.close()
    city.close()


def _opened(path: Path, receiver: Store) -> tuple[dict[str, Any], dict[str, Any]]:
    sealed = open_package(path.read_bytes())
    payload = strict_json(sealed.decrypt(receiver.sync.keys()))
    return sealed.manifest, payload


def _columns_of(store: Store) -> dict[str, list[str]]:
    return {spec.name: store.sync._columns(spec) for spec in sync.TABLES}


def test_real_packages_both_ways_pass_every_check(pair: Pair) -> None:
    city, ward = pair.city, pair.ward
    machine = city.sync.active_machine_of(pair.ward_id)
    upstream = ward.sync.upstream()
    assert machine is not None and upstream is not None
    # Down: everything the city sends a ward, certificates and their reprints included.
    down = city.sync.export(machine.site_id, pair.folder, full=True)
    manifest, payload = _opened(down.path, ward)
    assert check_manifest(manifest) == manifest
    check_payload(payload, _columns_of(ward))
    assert payload["tables"]["certificates"]["rows"]
    assert _all_problems(payload) == []
    # Up: the ward's everyday work, a deletion (a tombstone) and its audit trail.
    group = ward.units.groups_of(pair.ward_id, 2024)[0]
    added = ward.households.add(
        Household(group_id=group.id, head_name="  Lò   Văn Hùng ", member_count=4,
                  head_birth_year=1975, phone="0912 345 678"), 2024,
        status=HouseholdYear("", 2024, group.id, cultural_family=True, poverty="poor"))
    other = ward.households.add(Household(group_id=group.id, head_name="Quàng Thị Ơn"))
    ward.households.delete(other.id)
    up = ward.sync.export(upstream.site_id, pair.folder)
    manifest, payload = _opened(up.path, city)
    assert check_manifest(manifest) == manifest
    check_payload(payload, _columns_of(city))
    assert payload["audit"] and _all_problems(payload) == []
    names = {row[payload["tables"]["households"]["columns"].index("head_name")]
             for row in payload["tables"]["households"]["rows"]}
    assert names == {added.head_name, "Quàng Thị Ơn"} and added.head_name == "Lò Văn Hùng"


# -- the manifest --------------------------------------------------------------------------------


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a JSON value (dict keys and list indexes)."""
    places = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            places += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            places += _paths(item, (*prefix, index))
    return places


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    changed = copy.deepcopy(value)
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return changed


def _delete(value: Any, path: tuple[Any, ...]) -> Any:
    changed = copy.deepcopy(value)
    target = changed
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return changed


def _consume_manifest(manifest: dict[str, Any]) -> None:
    """What the import does with a manifest it accepted (storage/sync.py): none may fail."""
    int(manifest["format_version"]), int(manifest["schema_version"])
    str(manifest["sender"]["site_id"]), str(manifest["receiver"]["name"])
    manifest["package_id"].encode()
    for origin, (start, end) in manifest["ranges"].items():
        assert isinstance(origin, str) and int(start) <= int(end) + 1 <= 2**53 + 1
    for origin, seq in manifest["acknowledges"].items():
        assert isinstance(origin, str) and 0 <= int(seq) <= 2**53
    json.dumps(manifest["ranges"]), json.dumps(manifest["counts"])
    assert manifest["kind"] in ("changes", "full")


MANIFEST_PATHS = _paths(_manifest())
# Dicts whose keys are fixed (the others map machines or tables to values).
FIXED_KEY_DICTS = [(), ("sender",), ("receiver",), ("encryption",), ("heads", SITE_WARD)]
OPTIONAL_FIELDS = [("heads",)]
MAPS = [("ranges",), ("acknowledges",), ("counts",), ("frameworks",), ("heads",)]
# A small list or object is a valid (empty or one-entry) map.
NEVER_VALID_IN_MANIFEST = [value for value in NEVER_VALID if value not in ([1, 2], {"a": 1})]


@settings(max_examples=400, deadline=None)
@given(path=st.sampled_from(MANIFEST_PATHS), value=ANY_VALUE)
def test_any_value_anywhere_in_the_manifest_is_accepted_well_formed_or_package_invalid(
        path: tuple[Any, ...], value: Any) -> None:
    manifest = _replace(_manifest(), path, value)
    try:
        checked = check_manifest(manifest)
    except PackageInvalid as refused:
        assert "Không có gì được ghi" in str(refused)
        return
    _consume_manifest(checked)


@settings(max_examples=200, deadline=None)
@given(path=st.sampled_from(MANIFEST_PATHS),
       value=st.sampled_from([*NEVER_VALID_IN_MANIFEST, None]))
def test_a_never_valid_value_anywhere_in_the_manifest_is_package_invalid(
        path: tuple[Any, ...], value: Any) -> None:
    with pytest.raises(PackageInvalid):
        check_manifest(_replace(_manifest(), path, value))


@settings(max_examples=200, deadline=None)
@given(path=st.sampled_from(MANIFEST_PATHS), data=st.data())
def test_missing_and_extra_keys_in_the_manifest(path: tuple[Any, ...],
                                                data: st.DataObject) -> None:
    parent = path[:-1]
    if isinstance(path[-1], str):
        removed = _delete(_manifest(), path)
        if parent in FIXED_KEY_DICTS and path not in OPTIONAL_FIELDS:
            with pytest.raises(PackageInvalid) as refused:
                check_manifest(removed)
            assert "thiếu" in str(refused.value)
        else:
            # One origin or table fewer, or a field an older sender did not write.
            _consume_manifest(check_manifest(removed))
    key = data.draw(st.text(min_size=1, max_size=10).filter(lambda k: k not in str(path)))
    extended = _manifest()
    target = extended
    for step in parent:
        target = target[step]
    if isinstance(target, dict) and key not in target:
        target[key] = data.draw(ANY_VALUE)
        try:
            _consume_manifest(check_manifest(extended))
        except PackageInvalid:
            return
        assert parent not in FIXED_KEY_DICTS, "an unknown field was accepted"


@settings(max_examples=100, deadline=None)
@given(value=st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=30))
def test_any_json_at_all_as_a_manifest_is_package_invalid(value: Any) -> None:
    with pytest.raises(PackageInvalid):
        check_manifest(value)


@pytest.mark.parametrize(("change", "field"), [
    ({"ranges": {SITE_WARD: [1, 10**30]}}, "ranges"),
    ({"ranges": {SITE_WARD: [0, 5]}}, "ranges"),
    ({"ranges": {SITE_WARD: [9, 5]}}, "ranges"),
    ({"ranges": {SITE_WARD: [1, 2**53 + 1]}}, "ranges"),
    ({"ranges": {SITE_WARD: [1.0, 5]}}, "ranges"),
    ({"ranges": {SITE_WARD: [True, 5]}}, "ranges"),
    ({"ranges": {SITE_WARD: [1, 5, 7]}}, "ranges"),
    ({"ranges": {SITE_WARD: {"from": 1}}}, "ranges"),
    ({"ranges": {"có dấu cách": [1, 5]}}, "ranges"),
    ({"ranges": {f"site{n}": [1, 1] for n in range(10_001)}}, "ranges"),
    ({"ranges": [[SITE_WARD, 1, 5]]}, "ranges"),
    ({"acknowledges": {SITE_CITY: -1}}, "acknowledges"),
    ({"acknowledges": {SITE_CITY: math.inf}}, "acknowledges"),
    ({"counts": {"households": "2"}}, "counts"),
    ({"counts": {"accounts": 2}}, "counts"),
    ({"frameworks": {U[2]: 0}}, "frameworks"),
    ({"format_version": True}, "format_version"),
    ({"format_version": 1.0}, "format_version"),
    ({"schema_version": math.nan}, "schema_version"),
    ({"kind": "all"}, "kind"),
    ({"kind": "setup"}, "kind"),
    ({"package_id": "replayed-package"}, "package_id"),
    ({"package_id": "5A3C2A4E-8F0E-4C7E-9A43-0F5B8D1C2E77"}, "package_id"),
    ({"created_at": "2026-02-30T00:00:00.000Z"}, "created_at"),
    ({"created_at": "27/11/2026"}, "created_at"),
    ({"sender": {"site_id": SITE_WARD, "name": HUGE}}, "sender.name"),
    ({"sender": {"site_id": SITE_WARD, "name": "UBND", "unit_id": "x"}}, "sender.unit_id"),
    ({"receiver": {"site_id": 7, "name": "UBND"}}, "receiver.site_id"),
    ({"receiver": "city"}, "receiver"),
    ({"heads": {SITE_WARD: {"site_id": SITE_WARD, "change_seq": True, "hash": "cd" * 32,
                            "signature": "A" * 86 + "==", "signing_public": "B" * 43 + "="}}},
     "heads"),
    ({"heads": {SITE_WARD: "signed"}}, "heads"),
    ({"heads": [SITE_WARD]}, "heads"),
    ({"audit_entries": -3}, "audit_entries"),
    ({"encryption": {"scheme": "x", "ephemeral_public": "AAAA", "nonce": "AAAAAAAAAAAAAAAA"}},
     "encryption.ephemeral_public"),
    ({"payload_sha256": "AB" * 32}, "payload_sha256"),
    ({"payload_size": 10**30}, "payload_size"),
    ({"extra": 1}, "manifest.extra"),
])
def test_a_malformed_manifest_field_is_named_in_the_message(change: dict[str, Any],
                                                           field: str) -> None:
    with pytest.raises(PackageInvalid) as refused:
        check_manifest({**_manifest(), **change})
    assert refused.value.field == field
    message = str(refused.value)
    assert message.startswith(f"Gói có thông tin sai ở '{field}'")
    assert message.endswith("Không có gì được ghi. / Malformed package: " + field + ".")
    assert len(message) < 400  # a 20 MB value is never echoed


def test_a_manifest_of_a_newer_format_says_to_update_the_program() -> None:
    with pytest.raises(PackageInvalid) as refused:
        check_manifest({**_manifest(), "format_version": 2, "new_field": {"x": 1}})
    assert "phiên bản Tự Quản mới hơn" in str(refused.value)
    assert refused.value.field == "format_version"


def test_the_checked_manifest_is_a_new_dict_of_the_known_fields() -> None:
    original = _manifest()
    checked = check_manifest(original)
    checked["ranges"][SITE_WARD][1] = 99
    checked["sender"]["name"] = "khác"
    assert original == _manifest()


# -- the payload ---------------------------------------------------------------------------------


def _consume_payload(payload: dict[str, Any]) -> None:
    """What the import does with a payload it accepted: zip rows, links and audit entries."""
    for body in payload["tables"].values():
        for row in body["rows"]:
            record = dict(zip(body["columns"], row, strict=True))
            for value in record.values():
                assert value is None or type(value) in (str, int, float)
                json.dumps(value, allow_nan=False)
    for link in payload["lineage_links"]:
        dict(zip(("event_id", "unit_id", "role"), link, strict=True))
    ids = {dict(zip(AUDIT_COLUMNS, entry, strict=True))["id"] for entry in payload["audit"]}
    json.dumps(sorted(ids))


PAYLOAD_PATHS = _paths(_payload())
CELL_PATHS = [path for path in PAYLOAD_PATHS
              if len(path) == 5 and path[0] == "tables" and path[2] == "rows"]


@settings(max_examples=400, deadline=None)
@given(path=st.sampled_from(PAYLOAD_PATHS), value=ANY_VALUE)
def test_any_value_anywhere_in_the_payload_is_accepted_well_formed_or_package_invalid(
        path: tuple[Any, ...], value: Any) -> None:
    payload = _replace(_payload(), path, value)
    try:
        check_payload(payload, _columns_here())
    except PackageInvalid as refused:
        assert "Không có gì được ghi" in str(refused)
        return
    _consume_payload(payload)


@settings(max_examples=200, deadline=None)
@given(path=st.sampled_from(CELL_PATHS), value=st.sampled_from(NEVER_VALID))
def test_a_cell_that_is_no_scalar_or_out_of_bounds_is_package_invalid(
        path: tuple[Any, ...], value: Any) -> None:
    with pytest.raises(PackageInvalid) as refused:
        check_payload(_replace(_payload(), path, value), _columns_here())
    assert refused.value.field == f"tables.{path[1]}.rows"


@settings(max_examples=200, deadline=None)
@given(path=st.sampled_from([p for p in PAYLOAD_PATHS if isinstance(p[-1], str)
                             or p[0] != "tables"]), data=st.data())
def test_missing_and_extra_parts_of_the_payload(path: tuple[Any, ...],
                                                data: st.DataObject) -> None:
    removed = _delete(_payload(), path)
    try:
        check_payload(removed, _columns_here())
    except PackageInvalid:
        pass
    else:
        _consume_payload(removed)
        # Only whole tables, links and audit entries may go; a table's parts may not.
        assert len(path) == 2, path
    key = data.draw(st.text(min_size=1, max_size=10))
    extended = _payload()
    target = extended
    for step in path[:-1]:
        target = target[step]
    if isinstance(target, dict) and key not in target:
        target[key] = data.draw(ANY_VALUE)
        with pytest.raises(PackageInvalid):
            check_payload(extended, _columns_here())


@pytest.mark.parametrize(("change", "field"), [
    (lambda p: p.update(tables=[]), "tables"),
    (lambda p: p["tables"].update(accounts={"columns": ["id"], "rows": []}), "tables.accounts"),
    (lambda p: p["tables"]["households"]["columns"].append("num"), "tables.households.columns"),
    (lambda p: p["tables"]["households"]["columns"].__setitem__(1, "id"),
     "tables.households.columns"),
    (lambda p: p["tables"]["households"]["columns"].remove("head_name"),
     "tables.households.columns"),
    (lambda p: p["tables"]["households"]["columns"].remove("modified_site"),
     "tables.households.columns"),
    (lambda p: p["tables"]["households"]["rows"][0].pop(), "tables.households.rows"),
    (lambda p: p["tables"]["households"]["rows"].append("a row"), "tables.households.rows"),
    (lambda p: p["tables"]["households"].update(rows={"0": []}), "tables.households.rows"),
    (lambda p: p["tables"]["households"]["rows"][0].__setitem__(2, 2**63),
     "tables.households.rows"),
    (lambda p: p["lineage_links"].append([U[7], U[6]]), "lineage_links"),
    (lambda p: p["lineage_links"].append([U[7], U[6], "parent"]), "lineage_links"),
    (lambda p: p["audit"][0].__setitem__(8, "drop"), "audit.operation"),
    (lambda p: p["audit"][0].__setitem__(5, "17"), "audit.change_seq"),
    (lambda p: p["audit"][0].__setitem__(11, "not a hash"), "audit.hash"),
    (lambda p: p["audit"][0].pop(), "audit"),
    (lambda p: p.pop("audit"), "payload.audit"),
])
def test_a_malformed_payload_is_named_in_the_message(change: Any, field: str) -> None:
    payload = _payload()
    change(payload)
    with pytest.raises(PackageInvalid) as refused:
        check_payload(payload, _columns_here())
    assert refused.value.field == field, str(refused.value)


def test_a_table_of_an_older_sender_may_lack_columns_with_a_default() -> None:
    payload = _payload()
    body = payload["tables"]["households"]
    keep = [index for index, column in enumerate(body["columns"])
            if column not in ("note", "first_year", "search_key")]
    body["columns"] = [body["columns"][index] for index in keep]
    body["rows"] = [[row[index] for index in keep] for row in body["rows"]]
    check_payload(payload, _columns_here())


# -- one row's values ----------------------------------------------------------------------------

ROW_PLACES = [(table, column) for table, row in GOOD_ROWS.items() for column in row]


@settings(max_examples=500, deadline=None)
@given(place=st.sampled_from(ROW_PLACES), value=ANY_VALUE)
def test_any_value_in_any_column_gives_a_reason_or_none_never_an_error(
        place: tuple[str, str], value: Any) -> None:
    table, column = place
    problem = _problem(table, **{column: value})
    assert problem is None or (isinstance(problem, str) and len(problem) < 400)


@settings(max_examples=300, deadline=None)
@given(place=st.sampled_from(ROW_PLACES), value=st.sampled_from(NEVER_VALID))
def test_a_value_no_form_accepts_gives_a_reason_in_any_column(place: tuple[str, str],
                                                              value: Any) -> None:
    table, column = place
    problem = _problem(table, **{column: value})
    assert problem is not None, (table, column)
    assert len(problem) < 400


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False)
    | st.text(max_size=10) | st.sampled_from(["manual", "household_share", "group_value",
                                              "consecutive_years", ">=", "==", "poor"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
_RULE_LIKE = st.fixed_dictionaries({}, optional={
    "kind": _JSON, "indicator": _JSON, "op": _JSON, "threshold": _JSON, "years": _JSON})


@settings(max_examples=300, deadline=None)
@given(table_column=st.sampled_from([("criteria", "rule"), ("household_years", "extra"),
                                     ("group_years", "extra")]),
       document=st.one_of(_JSON, _RULE_LIKE))
def test_any_json_document_in_a_json_column_gives_a_reason_or_none(
        table_column: tuple[str, str], document: Any) -> None:
    table, column = table_column
    problem = _problem(table, **{column: json.dumps(document)})
    assert problem is None or (isinstance(problem, str) and len(problem) < 400)
    if problem is None and column == "rule":
        assert isinstance(document, dict) and document.get("kind", "manual") in (
            "manual", "household_share", "household_count", "group_value", "below_ward_rate",
            "consecutive_years")


@pytest.mark.parametrize(("table", "change", "words"), [
    ("households", {"head_name": HUGE}, "Họ tên chủ hộ: dài 20.000.000 ký tự (tối đa 200)"),
    ("households", {"member_count": "nhiều"}, "Số nhân khẩu: cần số nguyên, gặp chữ"),
    ("households", {"head_birth_year": 2900}, "Năm sinh chủ hộ: 2900 nằm ngoài khoảng"),
    ("households", {"head_birth_year": THIS_YEAR - 5}, "Năm sinh chủ hộ"),
    ("households", {"member_count": 10**15}, "Số nhân khẩu: 1.000.000.000.000.000 nằm ngoài"),
    ("households", {"member_count": 0}, "Số nhân khẩu"),
    ("households", {"member_count": 4.0}, "Số nhân khẩu: cần số nguyên, gặp số thực"),
    ("households", {"member_count": True}, "Số nhân khẩu: cần số nguyên, gặp đúng/sai"),
    ("households", {"head_gender": "x"}, "Giới tính chủ hộ: 'x' không hợp lệ"),
    ("households", {"head_name": ""}, "Họ tên chủ hộ: chưa nhập"),
    ("households", {"head_name": "Lò  Văn Hùng"}, "khoảng trắng thừa"),
    ("households", {"head_name": "Lo\u0300 Văn Hùng"}, "Unicode chuẩn (NFC)"),
    ("households", {"head_name": "Lò Văn\x00Hùng"}, "ký tự điều khiển"),
    ("households", {"phone": "abc-xyz"}, "Số điện thoại 'abc-xyz' không đúng dạng"),
    ("households", {"ethnicity_code": "99"}, "Dân tộc: '99' không hợp lệ"),
    ("households", {"note": "n" * 2001}, "Ghi chú: dài 2.001 ký tự (tối đa 2.000)"),
    ("household_members", {"birth_year": 2900}, "Năm sinh: 2900 nằm ngoài khoảng"),
    ("household_members", {"full_name": None}, "Họ tên: cần chữ, gặp giá trị rỗng"),
    ("household_years", {"poverty": "rich"}, "Nghèo/cận nghèo: 'rich' không hợp lệ"),
    ("household_years", {"cultural_family": 2}, "Gia đình văn hóa: 2 không"),
    ("household_years", {"extra": "[1, 2]"}, "Chỉ số khác: cần một đối tượng JSON"),
    ("household_years", {"extra": '{"a": [1]}'}, "Chỉ số khác: chỉ số 'a' là danh sách"),
    ("household_years", {"extra": '{"a": NaN}'}, "Chỉ số khác: không phải JSON hợp lệ"),
    ("household_years", {"year": 2900}, "Năm: 2900 nằm ngoài khoảng 1900–2100"),
    ("group_years", {"mediators": -1}, "Hòa giải viên: -1 nằm ngoài khoảng 0–99.999"),
    ("group_years", {"mediation_settled": 5, "mediation_received": 3},
     "Số vụ việc hòa giải thành (5) không được lớn hơn số vụ việc tiếp nhận (3)"),
    ("group_years", {"party_cell_rating": "gioi"}, "Xếp loại chi bộ: 'gioi' không hợp lệ"),
    ("group_years", {"economic_models": " Nuôi cá"}, "khoảng trắng thừa"),
    ("group_officers", {"role": ""}, "Chức danh: chưa nhập"),
    ("evaluations", {"stage": "final"}, "Bước: 'final' không hợp lệ"),
    ("evaluation_answers", {"value": math.inf}, "Giá trị: số vô hạn hoặc NaN"),
    ("evaluation_answers", {"passed": 2}, "Đạt: 2 không hợp lệ"),
    ("stage_approvals", {"at": "hôm qua"}, "Lúc: 'hôm qua' không phải thời điểm"),
    ("registrations", {"registered_on": "31/02/2024"}, "Ngày đăng ký: Ngày không hợp lệ"),
    ("decisions", {"number": ""}, "Số quyết định: chưa nhập"),
    ("units", {"kind": "city"}, "Thành phố không có đơn vị cấp trên"),
    ("units", {"parent_id": None}, "phải có đơn vị cấp trên"),
    ("units", {"valid_to": 2000}, "Năm kết thúc 2000 trước năm bắt đầu 2004"),
    ("frameworks", {"pass_mark": None}, "Cách xét theo điểm cần điểm chuẩn"),
    ("frameworks", {"pass_mark": 10**7}, "Điểm chuẩn"),
    ("criteria", {"points": math.nan}, "Điểm: số vô hạn hoặc NaN"),
    ("criteria", {"rule": '{"kind": "household_share", "indicator": "x", "op": ">=",'
                          ' "threshold": 150.0}'}, "Ngưỡng tỷ lệ phải từ 0 đến 100%"),
    ("criteria", {"rule": '{"kind": "magic"}'}, "Quy tắc: loại quy tắc không hợp lệ"),
    ("criteria", {"rule": '{"kind": "group_value", "indicator": "x", "op": "=>",'
                          ' "threshold": 1.0}'}, "phép so sánh"),
    ("criteria", {"rule": '{"kind": "manual", "sql": "DROP TABLE units"}'}, "trường thừa"),
    ("criteria", {"rule": '{"kind": "group_value", "indicator": "x\\"); DROP", "op": ">=",'
                          ' "threshold": 1.0}'}, "mã chỉ số"),
    ("indicators", {"column_name": "mediators; DROP TABLE units"}, "Cột"),
    ("indicators", {"column_name": "cultural_family"}, "không thuộc số liệu cấp group"),
    ("indicators", {"code": "có dấu"}, "Mã chỉ số chỉ gồm chữ không dấu"),
    ("targets", {"kind": "year"}, "Chỉ tiêu năm chỉ áp dụng cho một năm"),
    ("targets", {"recognised_groups": -1}, "Số tổ được công nhận"),
    ("certificates", {"issued_on": "ngày mai"}, "Ngày cấp: Ngày không hợp lệ"),
    ("lineage_events", {"kind": "explode"}, "Loại: 'explode' không hợp lệ"),
    ("recognitions", {"kind": "revoked"}, "Loại: 'revoked' không hợp lệ"),
    ("households", {"modified_at": "2026-02-30T00:00:00.000Z"}, "Thời điểm sửa"),
    ("households", {"deleted_at": "yesterday"}, "Thời điểm xóa"),
    ("households", {"change_seq": -1}, "Số thay đổi: -1 nằm ngoài"),
    ("households", {"change_seq": 2**60}, "Số thay đổi"),
    ("households", {"modified_site": "máy có dấu"}, "Máy sửa"),
    ("households", {"owner_unit_id": ["a"]}, "Đơn vị quản lý: cần mã bản ghi"),
    ("households", {"num": 5}, "cột 'num' không có ở máy này"),
])
def test_a_value_no_form_accepts_gives_its_reason(table: str, change: dict[str, Any],
                                                  words: str) -> None:
    problem = _problem(table, **change)
    assert problem is not None and words in problem, problem
    assert len(problem) < 400


def test_a_missing_column_and_an_unknown_table_give_a_reason() -> None:
    row = {k: v for k, v in GOOD_ROWS["households"].items() if k != "head_name"}
    assert row_problem("households", row) == "thiếu Họ tên chủ hộ"
    row = {k: v for k, v in GOOD_ROWS["households"].items() if k != "note"}
    assert row_problem("households", row, this_year=THIS_YEAR) is None  # it has a default
    assert row_problem("accounts", {"id": U[1]}) == "bảng 'accounts' không có ở máy này"


def test_birth_years_follow_the_form_at_the_young_end_and_the_program_at_the_old_end() -> None:
    assert _problem("households", head_birth_year=THIS_YEAR - 14) is None
    # The sender's clock may be in the next year already.
    assert _problem("households", head_birth_year=THIS_YEAR - 13) is None
    assert _problem("households", head_birth_year=THIS_YEAR - 12) is not None
    assert _problem("household_members", birth_year=THIS_YEAR + 1) is None
    assert _problem("household_members", birth_year=THIS_YEAR + 2) is not None
    # A head entered at 119 years old years ago stays acceptable; 1849 never was.
    assert _problem("households", head_birth_year=1900) is None
    assert _problem("households", head_birth_year=1849) is not None
    assert _problem("households", head_birth_year=None) is None


def test_every_row_of_a_thousand_is_checked_quickly() -> None:
    import time

    rows = [(table, row) for table, row in GOOD_ROWS.items()] * 1000
    started = time.perf_counter()
    assert all(row_problem(table, row) is None for table, row in rows)
    # About 10 µs a row: a province's 200.000 rows add a few seconds to a preview.
    assert time.perf_counter() - started < 19 * 1000 * 100e-6
