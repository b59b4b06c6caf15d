"""Matching the group names a household list gives to the groups of one year's unit tree.

People write "Tổ dân phố số 19" as "TDP19", "TDP 19", "tổ 19", "Tổ dân phố 19", "TDP số 19",
"to dan pho so 19" or "TDP-19", and "bản Nậm Loỏng 1" as "Nậm Loóng 1" or "Nam Loong1": the
key of a name (``group_key``) is the same for all of them, and differs between "Tổ 1" and
"Tổ 19". A name with no exact match is offered the close ones (never for bare numbers).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storage.model import Unit
from storage.text import fold
from storage.units import match_key

if TYPE_CHECKING:
    from storage.store import Store

_SEPARATORS = re.compile(r"[^\w]+|_")
_LETTERS_DIGITS = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
_LEADING_ZEROS = re.compile(r"\b0+(?=\d)")
# Short forms of "tổ dân phố" once letters stand apart ("T.D.P", "Tổ DP").
_SHORT_FORMS = ((" t d p ", " tdp "), (" to dp ", " tdp "))


def _spaced(text: str) -> str:
    """The folded words of a name: punctuation as spaces, letters and digits apart ("tdp19" →
    "tdp 19"), numbers without leading zeros ("05" → "5")."""
    words = _LETTERS_DIGITS.sub(" ", _SEPARATORS.sub(" ", fold(text)))
    spaced = f" {' '.join(_LEADING_ZEROS.sub('', words).split())} "
    for short, long in _SHORT_FORMS:
        spaced = spaced.replace(short, long)
    return spaced.strip()


def group_key(name: str) -> str:
    """The key a unit name is matched by: ``match_key`` (no accents, case, "số", "TDP",
    "bản", known spelling variants) of its spaced words. "TDP19" and "Tổ dân phố số 19" → "19".
    """
    return match_key(_spaced(name))


@dataclass
class GroupMatch:
    """One distinct group value of the file and the group it means.

    ``group_id`` is set when the match is certain (or confirmed); ``candidates`` lists the
    groups it may mean when it is not; neither: no such group.
    """

    key: str
    ward_text: str
    group_text: str
    rows: int = 0
    group_id: str | None = None
    candidates: list[tuple[str, str]] = field(default_factory=list)  # (group id, full name)
    problem: str = ""  # why no group can be chosen (unknown ward, other ward)

    @property
    def certain(self) -> bool:
        """Whether the group is known without asking."""
        return self.group_id is not None

    @property
    def uncertain(self) -> bool:
        """Whether the user must choose among candidates."""
        return self.group_id is None and bool(self.candidates)

    @property
    def shown(self) -> str:
        """The value as written in the file ("Tổ 5 — Tân Phong")."""
        return f"{self.group_text} — {self.ward_text}" if self.ward_text else self.group_text


class GroupMatcher:
    """Matches group names written by people to the groups of one year."""

    def __init__(self, store: Store, year: int, ward_id: str | None = None,
                 kind_hint: str | None = None) -> None:
        self.year = year
        self.ward_id = ward_id
        self.kind_hint = kind_hint
        units = store.units.in_year(year)
        self.wards = [u for u in units if u.level == "ward"]
        self.groups = [u for u in units if u.level == "group"]
        self.ward_names = {u.id: u.name for u in self.wards}
        self.by_ward: dict[str | None, list[Unit]] = {}
        for group in self.groups:
            self.by_ward.setdefault(group.parent_id, []).append(group)
        self.keys = {group.id: group_key(group.name) for group in self.groups}
        self.matches: dict[str, GroupMatch] = {}

    def full_name(self, group: Unit) -> str:
        """ "Tổ dân phố số 5, phường Tân Phong"."""
        ward = self.ward_names.get(group.parent_id or "", "")
        return f"{group.name}, {ward[:1].lower()}{ward[1:]}" if ward else group.name

    def match(self, ward_text: str, group_text: str) -> GroupMatch:
        """The match of one (ward, group) value; the same object for the same value."""
        key = f"{group_key(ward_text)}|{group_key(group_text)}|{_kind_of(group_text) or ''}"
        found = self.matches.get(key)
        if found is None:
            found = self._match(key, ward_text, group_text)
            self.matches[key] = found
        found.rows += 1
        return found

    def _match(self, key: str, ward_text: str, group_text: str) -> GroupMatch:
        result = GroupMatch(key, ward_text, group_text)
        wards: list[str | None]
        if ward_text:
            ward_key = group_key(ward_text)
            hits = [w for w in self.wards if group_key(w.name) == ward_key]
            if not hits:
                result.problem = f"Không tìm thấy phường, xã '{ward_text}' năm {self.year}."
                return result
            if self.ward_id and hits[0].id != self.ward_id:
                result.problem = (f"Hộ thuộc {hits[0].name}, không phải"
                                  f" {self.ward_names.get(self.ward_id, '')} đang nhập.")
                return result
            wards = [hits[0].id]
        elif self.ward_id:
            wards = [self.ward_id]
        else:
            wards = list(self.by_ward)
        groups = [g for ward in wards for g in self.by_ward.get(ward, [])]
        wanted = group_key(group_text)
        hits = [g for g in groups if self.keys[g.id] == wanted]
        if len(hits) > 1:
            kind = _kind_of(group_text) or self.kind_hint
            narrowed = [g for g in hits if g.kind == kind]
            hits = narrowed or hits
        if len(hits) == 1:
            result.group_id = hits[0].id
            return result
        if not hits and not wanted.isdigit():
            close = difflib.get_close_matches(
                wanted, sorted({self.keys[g.id] for g in groups}), n=3, cutoff=0.75)
            hits = [g for key in close for g in groups if self.keys[g.id] == key]
        result.candidates = [(g.id, self.full_name(g)) for g in hits]
        if not hits:
            where = f" của {self.ward_names[wards[0]]}" if len(wards) == 1 and wards[0] else ""
            result.problem = (f"Không tìm thấy tổ dân phố, bản '{group_text}'{where}"
                              f" năm {self.year}.")
        return result


def _kind_of(text: str) -> str | None:
    """'ban' or 'tdp' when the text says which kind of group it is."""
    words = f" {_spaced(text)} "
    if " ban " in words:
        return "ban"
    if any(f" {word} " in words for word in ("to", "tdp", "to dan pho", "khu pho")):
        return "tdp"
    return None
