"""The import dialog's report file beside a package is the report without personal names."""

from __future__ import annotations

from gui.dialogs.import_dialog import report_path_for, save_report
from tests.storage.test_sync_report import (  # noqa: F401  (the fixture)
    HEADS,
    MEMBERS,
    Pair,
    export,
    pair,
)


def test_the_report_saved_beside_the_package_names_no_household(pair: Pair) -> None:  # noqa: F811
    package = export(pair)
    plan = pair.city.sync.apply(pair.city.sync.preview(package))
    saved = save_report(plan, pair.city)
    assert saved == report_path_for(package)
    text = saved.read_text(encoding="utf-8-sig")
    assert package.name in text and "Hộ gia đình" in text
    for name in HEADS + MEMBERS:
        assert name not in text
    # The full report, with the names, stays in the database.
    stored = pair.city.db.execute(
        "SELECT report FROM sync_packages WHERE direction = 'in'").fetchone()[0]
    assert stored == plan.report()
