"""The demo city reproduces the figures of the city's 2024 report."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.demo import NEWLY_RECOGNISED, DemoBuilder
from storage.store import Store
from storage.text import format_percent

# Footnote 6 of the report, by ward: the groups recognised in 2024 (35).
RECOGNISED_2024 = {
    "Phường Tân Phong": ["Tổ dân phố số 5", "Tổ dân phố số 8", "Tổ dân phố số 9",
                         "Tổ dân phố số 10", "Tổ dân phố số 15", "Tổ dân phố số 16",
                         "Tổ dân phố số 19"],
    "Phường Đoàn Kết": ["Tổ dân phố số 1", "Tổ dân phố số 2", "Tổ dân phố số 5",
                        "Tổ dân phố số 6", "Tổ dân phố số 9", "Tổ dân phố số 12"],
    "Phường Quyết Thắng": ["Tổ dân phố số 9", "Bản Nậm Loỏng 3", "Bản Sáo Làn Than"],
    "Phường Quyết Tiến": ["Tổ dân phố số 3", "Tổ dân phố số 5", "Tổ dân phố số 6",
                          "Tổ dân phố số 7", "Tổ dân phố số 8"],
    "Phường Đông Phong": ["Tổ dân phố số 22", "Tổ dân phố số 23", "Tổ dân phố số 25",
                          "Tổ dân phố số 26", "Tổ dân phố số 27", "Tổ dân phố số 28",
                          "Bản Tả Xin Chải"],
    "Xã San Thàng": ["Bản Xéo Xin Chải", "Bản Thành Công", "Bản Mới", "Bản Lò Suối Tùng"],
    "Xã Sùng Phài": ["Bản Sùng Chồ", "Bản Gia Khâu 1", "Bản Sùng Phài"],
}


def _recognised_by_ward(store: Store, year: int) -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for recognition in store.cycle.recognitions(year):
        group = store.units.get(recognition.group_id)
        ward = store.units.get(group.parent_id or "")
        result.setdefault(ward.name, {})[group.name] = recognition.kind
    return result


def test_the_35_groups_of_2024_by_name(demo_store: Store) -> None:
    recognised = _recognised_by_ward(demo_store, 2024)
    assert {ward: sorted(groups) for ward, groups in recognised.items()} == {
        ward: sorted(groups) for ward, groups in RECOGNISED_2024.items()
    }
    assert sum(len(groups) for groups in recognised.values()) == 35


@pytest.mark.parametrize(("year", "total", "new"), [(2021, 8, 8), (2022, 17, 9), (2023, 28, 11),
                                                     (2024, 35, 7)])
def test_recognition_history_new_and_maintained(
    demo_store: Store, year: int, total: int, new: int
) -> None:
    summary = demo_store.cycle.summary(year)
    assert (summary.recognised, summary.recognised_new) == (total, new)
    assert summary.recognised_maintained == total - new
    recognised = _recognised_by_ward(demo_store, year)
    newly = {(ward, group) for ward, groups in recognised.items()
             for group, kind in groups.items() if kind == "new"}
    expected = {(("Phường " if ward not in ("San Thàng", "Sùng Phài") else "Xã ") + ward, group)
                for ward, group in NEWLY_RECOGNISED[year]}
    assert newly == expected


def test_targets_and_achievement_as_in_the_report(demo_store: Store) -> None:
    summary = demo_store.cycle.summary(2024)
    assert summary.year_target == 32 and summary.plan_target == 26
    assert summary.plan_period == (2021, 2025)
    assert format_percent(summary.year_achievement or 0) == "109,4%"
    assert format_percent(summary.plan_achievement or 0) == "134,6%"


def test_households_and_cultural_families_2024(demo_store: Store) -> None:
    summary = demo_store.cycle.summary(2024)
    assert summary.households == 12_937
    assert summary.cultural_families == 12_460
    assert format_percent(summary.cultural_families, summary.households) == "96,3%"


def test_poverty_falls_from_2_02_to_1_5_percent(demo_store: Store) -> None:
    assert format_percent(demo_store.cycle.summary(2021).poor_share or 0, digits=2) == "2,02%"
    assert format_percent(demo_store.cycle.summary(2024).poor_share or 0) == "1,5%"


def test_70_groups_until_the_2022_split_then_72(demo_store: Store) -> None:
    assert len(demo_store.units.in_year(2021, "group")) == 70
    assert len(demo_store.units.in_year(2022, "group")) == 72
    assert len(demo_store.units.in_year(2024, "ward")) == 7
    tdp_27 = demo_store.units.find("TDP 27", 2024, "group")
    [event] = demo_store.units.lineage_of(tdp_27.id)
    assert event.kind == "split" and event.event_date == "2022-07-20"
    assert "28/NQ-HĐND" in event.legal_basis
    sources = {demo_store.units.get(unit_id).name for unit_id in event.source_ids}
    assert sources == {"Tổ dân phố số 22", "Tổ dân phố số 23"}


def test_households_of_a_split_group_counted_in_the_old_group_before_the_split(
    demo_store: Store,
) -> None:
    tdp_22 = demo_store.units.find("TDP 22", 2021, "group")
    tdp_27 = demo_store.units.find("TDP 27", 2024, "group")
    assert demo_store.households.count(2021, tdp_27.id) == 0
    before = demo_store.households.count(2021, tdp_22.id)
    after = demo_store.households.count(2024, tdp_22.id) + demo_store.households.count(
        2024, tdp_27.id
    )
    assert before > demo_store.households.count(2024, tdp_22.id)
    assert after >= before


def test_group_facts_of_the_report(demo_store: Store) -> None:
    db = demo_store.db
    security, mediators = db.execute(
        "SELECT SUM(security_team_size), SUM(mediators) FROM group_years WHERE year = 2024"
    ).fetchone()
    assert (security, mediators) == (216, 333)
    received, settled = db.execute(
        "SELECT SUM(mediation_received), SUM(mediation_settled) FROM group_years"
        " WHERE year BETWEEN 2021 AND 2024"
    ).fetchone()
    assert (received, settled) == (159, 139)
    assert format_percent(settled, received) == "87,4%"
    cultural_titles = db.execute(
        "SELECT year, SUM(cultural_title), COUNT(*) FROM group_years GROUP BY year"
    ).fetchall()
    assert {year: (titled, total) for year, titled, total in cultural_titles if year >= 2021} == {
        2021: (69, 70), 2022: (71, 72), 2023: (72, 72), 2024: (72, 72)}


def test_the_demo_is_deterministic(tmp_path: Path) -> None:
    def build(name: str) -> list[tuple[str, ...]]:
        with Store(tmp_path / name) as store:
            DemoBuilder(store, scale=0.05).build()
            return store.db.execute(
                "SELECT id, head_name, group_id FROM households ORDER BY id"
            ).fetchall()

    assert build("a.sqlite") == build("b.sqlite")
