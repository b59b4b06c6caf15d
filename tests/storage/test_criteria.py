"""The rules engine, framework versions, and the yearly cycle through the store."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.criteria import Framework, describe_rule
from storage.errors import ValidationError
from storage.evaluation import framework_passes
from storage.model import Household, HouseholdYear
from storage.store import Store


def _framework(store: Store) -> Framework:
    frameworks = store.frameworks
    framework = frameworks.create("Bộ thử", 2020, None, "QĐ thử")
    standard = frameworks.add_standard(framework.id, "1", "Văn hóa, an ninh")
    frameworks.add_criterion(standard.id, "1.1", "Từ 90% gia đình văn hóa",
                             {"kind": "household_share", "indicator": "cultural_family",
                              "op": ">=", "threshold": 90})
    frameworks.add_criterion(standard.id, "1.2", "Không hộ nghèo",
                             {"kind": "household_count", "indicator": "poor", "op": "<=",
                              "threshold": 0}, required=False)
    frameworks.add_criterion(standard.id, "1.3", "Có quy ước", {"kind": "manual"})
    return frameworks.get(framework.id)


def _households(store: Store, group: str, year: int, flags: list[tuple[bool, str]]) -> None:
    with store.action("Hộ thử"):
        for number, (cultural, poverty) in enumerate(flags):
            household = store.households.add(Household(group, f"Hộ số {number}"))
            store.households.set_year_status(HouseholdYear(
                household.id, year, group, cultural_family=cultural, poverty=poverty))


def test_share_count_and_evidence(store: Store, city: dict[str, str]) -> None:
    framework = _framework(store)
    _households(store, city["group_1"], 2024,
                [(True, "")] * 48 + [(False, "poor")] * 2 + [(False, "")] * 2)
    results = store.frameworks.compute(framework.criteria, 2024, [city["group_1"]])
    share, poor = (results[city["group_1"]][c.id] for c in framework.criteria[:2])
    assert share.passed and share.evidence == "48/52 hộ = 92,3% ≥ 90%"
    assert not poor.passed and poor.value == 2 and "2 hộ" in poor.evidence
    assert framework.criteria[2].id not in results[city["group_1"]]  # manual: not computed


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flags=st.lists(st.booleans(), min_size=1, max_size=40),
       threshold=st.integers(min_value=0, max_value=100))
def test_computed_share_equals_a_direct_count(
    store: Store, city: dict[str, str], flags: list[bool], threshold: int
) -> None:
    year = 2000 + len(store.frameworks.all())  # a fresh year for every example
    framework = store.frameworks.create("Bộ", year, year)
    standard = store.frameworks.add_standard(framework.id, "1", "A")
    criterion = store.frameworks.add_criterion(
        standard.id, "1.1", "Văn hóa",
        {"kind": "household_share", "indicator": "cultural_family", "op": ">=",
         "threshold": threshold})
    store.units.add("tdp", f"Tổ {year}", city["ward_a"], year)
    group = store.units.find(f"Tổ {year}", year, "group")
    _households(store, group.id, year, [(flag, "") for flag in flags])
    result = store.frameworks.compute([criterion], year, [group.id])[group.id][criterion.id]
    direct = sum(flags) / len(flags) * 100
    assert result.value == pytest.approx(direct)
    assert result.passed == (sum(flags) * 100 >= threshold * len(flags))


def test_threshold_boundary_exactly_90(store: Store, city: dict[str, str]) -> None:
    framework = _framework(store)
    _households(store, city["group_1"], 2024, [(True, "")] * 9 + [(False, "")])
    result = store.frameworks.compute(framework.criteria, 2024, [city["group_1"]])
    assert result[city["group_1"]][framework.criteria[0].id].passed  # 90,0% ≥ 90%
    _households(store, city["group_1"], 2024, [(False, "")])
    result = store.frameworks.compute(framework.criteria, 2024, [city["group_1"]])
    assert not result[city["group_1"]][framework.criteria[0].id].passed  # 81,8%


def test_rules_are_checked_against_the_indicators(store: Store, city: dict[str, str]) -> None:
    framework = store.frameworks.create("Bộ", 2024)
    standard = store.frameworks.add_standard(framework.id, "1", "A")
    with pytest.raises(ValidationError, match="Chỉ số"):
        store.frameworks.add_criterion(standard.id, "1.1", "X",
                                       {"kind": "household_share", "indicator": "nope"})
    with pytest.raises(ValidationError, match="hộ gia đình"):
        store.frameworks.add_criterion(standard.id, "1.1", "X",
                                       {"kind": "household_share", "indicator": "mediators"})
    with pytest.raises(ValidationError, match="0 đến 100"):
        store.frameworks.add_criterion(
            standard.id, "1.1", "X",
            {"kind": "household_share", "indicator": "cultural_family", "threshold": 120})


def test_a_new_indicator_is_data_not_code(store: Store, city: dict[str, str]) -> None:
    store.frameworks.add_indicator("solar_panel", "Có pin mặt trời", "household")
    framework = store.frameworks.create("Bộ", 2024)
    standard = store.frameworks.add_standard(framework.id, "1", "Năng lượng")
    criterion = store.frameworks.add_criterion(
        standard.id, "1.1", "Từ 50% hộ có pin mặt trời",
        {"kind": "household_share", "indicator": "solar_panel", "op": ">=", "threshold": 50})
    with store.action("Hộ"):
        for number in range(4):
            household = store.households.add(Household(city["group_1"], f"Hộ {number}"))
            store.households.set_year_status(HouseholdYear(
                household.id, 2024, city["group_1"], extra={"solar_panel": int(number < 2)}))
    result = store.frameworks.compute([criterion], 2024, [city["group_1"]])
    assert result[city["group_1"]][criterion.id].evidence == "2/4 hộ = 50,0% ≥ 50%"
    assert describe_rule(criterion.rule, store.frameworks.indicators()) == (
        "Tỷ lệ hộ Có pin mặt trời ≥ 50%")


def test_a_year_keeps_the_version_it_was_evaluated_under(
    store: Store, city: dict[str, str]
) -> None:
    v1 = _framework(store)
    _households(store, city["group_1"], 2022, [(True, "")] * 10)
    store.evaluations.register(city["group_1"], 2022, "2022-03-01")
    manual = {v1.criteria[2].id: (True, "Có quy ước")}
    store.evaluations.self_assess(city["group_1"], 2022, manual)
    with pytest.raises(ValidationError, match="phiên bản mới"):
        store.frameworks.update_criterion(dataclasses.replace(v1.criteria[0], name="Đổi"))
    v2 = store.frameworks.copy(v1.id, "Bộ thử 2023", 2023)
    assert v2.version == 2 and v2.copied_from_id == v1.id
    changed = dataclasses.replace(v2.criteria[0], rule={**v2.criteria[0].rule, "threshold": 95})
    store.frameworks.update_criterion(changed)
    assert store.frameworks.for_year(2022).id == v1.id
    assert store.frameworks.for_year(2023).id == v2.id
    evaluation = store.evaluations.get(city["group_1"], 2022)
    assert evaluation is not None and evaluation.framework_id == v1.id
    assert store.frameworks.get(v1.id).criteria[0].rule["threshold"] == 90
    assert store.frameworks.get(v2.id).criteria[0].rule["threshold"] == 95


def test_the_cycle_locks_stages_and_records_reopen(store: Store, city: dict[str, str]) -> None:
    framework = _framework(store)
    group = city["group_1"]
    _households(store, group, 2023, [(True, "")] * 10)
    _households(store, group, 2024, [(True, "")] * 10)
    manual = {framework.criteria[2].id: (True, "")}
    with pytest.raises(ValidationError, match="chưa đăng ký"):
        store.evaluations.self_assess(group, 2024, manual)
    store.evaluations.register(group, 2024, "2024-03-01")
    evaluations = store.evaluations
    evaluations.self_assess(group, 2024, manual)
    with pytest.raises(ValidationError, match="chưa được duyệt"):
        evaluations.review(group, 2024, "ward", {})
    evaluations.approve(group, 2024, "self")
    with pytest.raises(ValidationError, match="mở lại"):
        evaluations.self_assess(group, 2024, manual)
    evaluations.review(group, 2024, "ward", {framework.criteria[2].id: (True, "Đã kiểm tra")},
                       proposed=True)
    evaluations.approve(group, 2024, "ward")
    reopened = evaluations.reopen(group, 2024, "self", "Sửa số liệu hộ")
    assert not reopened.approved("self") and not reopened.approved("ward")
    assert reopened.approvals[-1].action == "reopen" and reopened.approvals[-1].actor == "test"
    audit = store.db.execute(
        "SELECT COUNT(*) FROM audit_log WHERE table_name = 'stage_approvals'"
        " AND changes LIKE '%reopen%'").fetchone()[0]
    assert audit == 2  # the self stage and the ward stage after it
    for stage in ("self", "ward", "city"):
        if stage != "self":
            evaluations.review(group, 2024, stage, {})
        evaluations.approve(group, 2024, stage)
    recognised = evaluations.decide(2024, "05/QĐ-UBND", "2025-01-05", "Nguyễn Văn Minh")
    assert recognised == [(group, "new")]
    with pytest.raises(ValidationError, match="quyết định"):
        evaluations.reopen(group, 2024, "city", "muộn")


def test_maintained_when_recognised_the_year_before(store: Store, city: dict[str, str]) -> None:
    framework = _framework(store)
    group = city["group_1"]
    for year in (2023, 2024):
        _households(store, group, year, [(True, "")] * 10)
        store.evaluations.register(group, year, f"{year}-03-01")
        store.evaluations.self_assess(group, year, {framework.criteria[2].id: (True, "")})
        for stage in ("self", "ward", "city"):
            if stage != "self":
                store.evaluations.review(group, year, stage, {})
            store.evaluations.approve(group, year, stage)
        kinds = store.evaluations.decide(year, f"{year}/QĐ", f"{year}-12-20", "A")
        assert kinds == [(group, "new" if year == 2023 else "maintained")]


def test_the_city_can_overturn_a_criterion(store: Store, city: dict[str, str]) -> None:
    framework = _framework(store)
    group = city["group_1"]
    _households(store, group, 2024, [(True, "")] * 10)
    store.evaluations.register(group, 2024, "2024-03-01")
    store.evaluations.self_assess(group, 2024, {framework.criteria[2].id: (True, "")})
    store.evaluations.approve(group, 2024, "self")
    store.evaluations.review(group, 2024, "ward", {})
    store.evaluations.approve(group, 2024, "ward")
    store.evaluations.review(group, 2024, "city",
                             {framework.criteria[0].id: (False, "Số liệu chưa xác minh")})
    store.evaluations.approve(group, 2024, "city")
    evaluation = store.evaluations.get(group, 2024)
    assert evaluation is not None
    assert not framework_passes(framework, evaluation.final_answers())
    assert store.evaluations.decide(2024, "1/QĐ", "2024-12-20", "A") == []
    [row] = [r for r in store.evaluations.board(2024) if r.group_id == group]
    assert row.result == "not_recognised" and row.failed_required == ("1.1",)


def test_demo_board_and_failing_lists(demo_store: Store) -> None:
    board = demo_store.evaluations.board(2024)
    assert len(board) == 72
    assert sum(row.registered for row in board) == 40
    assert sum(row.result in ("new", "maintained") for row in board) == 35
    failing = demo_store.evaluations.failing(2024)

    def names(code: str) -> set[str]:
        return {demo_store.units.full_name(demo_store.units.get(g)) for g in failing[code]}

    # Footnote 49: the recognised groups still without waste containers everywhere.
    assert names("3.2") == {"Bản Sùng Chồ, xã Sùng Phài", "Bản Sùng Phài, xã Sùng Phài",
                            "Bản Gia Khâu 1, xã Sùng Phài"}
    # Footnote 48: civilised streets.
    assert "Tổ dân phố số 5, phường Tân Phong" in names("4.3")
    assert len(names("4.3")) == 7
    # Footnote 44: recognised groups with poor households remaining (11 named in the report).
    assert len(names("2.2")) == 11
