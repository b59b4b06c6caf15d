"""storage/ and reports/ must work without a screen: they never import Qt or gui/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "shiboken6", "gui")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_domain_layers_do_not_import_qt_or_gui() -> None:
    offenders = []
    for package in ("storage", "reports"):
        for path in sorted((ROOT / package).rglob("*.py")):
            bad = _imports(path) & set(FORBIDDEN)
            if bad:
                offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []


def test_the_check_itself_sees_an_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from PySide6.QtCore import QObject\nimport gui.app\n", encoding="utf-8")
    assert _imports(module) >= {"PySide6", "gui"}
