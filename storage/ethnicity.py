"""The coded list of Vietnam's 54 ethnic groups (plus foreigners) with spelling aliases."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from storage.errors import ValidationError
from storage.text import fold

DATA_FILE = Path(__file__).resolve().parent.parent / "resources" / "data" / "ethnic_groups.json"


@dataclass(frozen=True)
class EthnicGroup:
    """One entry of the list: the official two-digit code, the name, known aliases."""

    code: str
    name: str
    aliases: tuple[str, ...]


@cache
def ethnic_groups() -> tuple[EthnicGroup, ...]:
    """The whole list in code order."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return tuple(
        EthnicGroup(item["code"], item["name"], tuple(item["aliases"])) for item in data["groups"]
    )


@cache
def _by_key() -> dict[str, EthnicGroup]:
    table: dict[str, EthnicGroup] = {}
    for group in ethnic_groups():
        for spelling in (group.name, *group.aliases):
            for key in {
                fold(spelling),
                fold(spelling).replace("-", " "),
                fold(spelling).replace("-", "").replace("'", "").replace(" ", ""),
            }:
                table.setdefault(key, group)
    return table


def find_ethnic_group(text: str) -> EthnicGroup | None:
    """The group a written name or alias means ("H'Mông" → Mông), or None."""
    key = fold(text)
    table = _by_key()
    for candidate in (
        key,
        key.replace("-", " "),
        key.replace("-", "").replace("'", "").replace(" ", ""),
    ):
        if candidate in table:
            return table[candidate]
    return None


def ethnic_code(text: str) -> str:
    """The code of a written ethnic name; ValidationError when it is not on the list."""
    group = find_ethnic_group(text)
    if group is None:
        raise ValidationError(f"Dân tộc '{text}' không có trong danh mục.", "ethnicity_code")
    return group.code


def ethnic_name(code: str | None) -> str:
    """The name of a code ('' for None or an unknown code)."""
    for group in ethnic_groups():
        if group.code == code:
            return group.name
    return ""
