"""Administrative units (city, wards/communes, groups) and their lineage."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storage.errors import NotFound, ValidationError
from storage.model import GROUP_KINDS, WARD_KINDS, LineageEvent, Unit, UnitNode
from storage.sql import LIVE_STATUS_ROWS
from storage.text import fold, nfc, sort_key

if TYPE_CHECKING:
    from storage.store import Store

# Words dropped when a typed or imported unit name is matched to the tree.
_GENERIC_WORDS = ("to dan pho", "tdp", "to", "ban", "phuong", "xa", "thanh pho", "tp", "so")
# Spelling variants seen in real documents that folding alone does not join (Nậm Loỏng,
# Nậm Loóng and Nậm Loông already fold alike), folded: variant -> canonical.
SPELLING_VARIANTS = {
    "san thanh": "san thang",
}


def match_key(name: str) -> str:
    """A key for matching unit names typed by people: no accents, case, 'số', 'TDP', 'bản'.

    "Tổ dân phố số 5" → "5"; "TDP 5" → "5"; "bản Nậm Loóng 3" → "nam loong 3";
    "xã San Thành" → "san thang" (known variant).
    """
    key = " " + fold(name).replace(".", " ").replace(",", " ") + " "
    for word in sorted(_GENERIC_WORDS, key=len, reverse=True):
        key = key.replace(f" {word} ", " ")
    key = " ".join(key.split())
    return SPELLING_VARIANTS.get(key, key)


def _unit(row: object) -> Unit:
    return Unit(
        id=row["id"],  # type: ignore[index]
        parent_id=row["parent_id"],  # type: ignore[index]
        kind=row["kind"],  # type: ignore[index]
        name=row["name"],  # type: ignore[index]
        code=row["code"],  # type: ignore[index]
        valid_from=row["valid_from"],  # type: ignore[index]
        valid_to=row["valid_to"],  # type: ignore[index]
        is_synthetic=bool(row["is_synthetic"]),  # type: ignore[index]
    )


class Units:
    """The unit tree of every year and the lineage events between units."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(
        self,
        kind: str,
        name: str,
        parent_id: str | None,
        valid_from: int,
        valid_to: int | None = None,
        code: str = "",
        is_synthetic: bool = False,
        unit_id: str | None = None,
    ) -> Unit:
        """Create a unit; a group must sit under a ward, a ward under the city."""
        from storage.store import new_id

        name = nfc(name)
        if not name:
            raise ValidationError("Tên đơn vị không được để trống.", "name")
        if kind not in ("city", *WARD_KINDS, *GROUP_KINDS):
            raise ValidationError(f"Loại đơn vị không hợp lệ: {kind}", "kind")
        if valid_to is not None and valid_to < valid_from:
            raise ValidationError("Năm kết thúc phải sau năm bắt đầu.", "valid_to")
        parent = self.get(parent_id) if parent_id else None
        expected_parent = {"city": None, "phuong": "city", "xa": "city"}.get(kind, "ward")
        if (parent.level if parent else None) != expected_parent:
            raise ValidationError(f"Đơn vị '{name}' đặt sai cấp trong cây đơn vị.", "parent_id")
        unit_id = unit_id or new_id()
        row = {
            "id": unit_id,
            "parent_id": parent_id,
            "kind": kind,
            "name": name,
            "code": code,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "name_key": fold(name),
            "sort_key": unit_sort_key(name),
            "is_synthetic": int(is_synthetic),
        }
        with self.store.action(f"Thêm đơn vị {name}") as action:
            owner = _owner_of(parent) if parent else unit_id
            self.store.db.table("units").insert({**row, "owner_unit_id": owner, **action.stamp})
            action.audit("units", unit_id, "insert", row)
        return self.get(unit_id)

    def get(self, unit_id: str) -> Unit:
        """The unit with this id; NotFound when there is none."""
        rows = self.store.query(
            "SELECT * FROM units WHERE id = ? AND deleted_at IS NULL", [unit_id]
        )
        if not rows:
            raise NotFound(f"Không tìm thấy đơn vị {unit_id}. / No such unit.")
        return _unit(rows[0])

    def all(self) -> list[Unit]:
        """Every unit of every year, in tree order (parent before children, by name)."""
        rows = self.store.query(
            "SELECT * FROM units WHERE deleted_at IS NULL ORDER BY sort_key, valid_from"
        )
        return [_unit(row) for row in rows]

    def in_year(self, year: int, level: str | None = None) -> list[Unit]:
        """The units that existed in ``year`` (optionally of one level), sorted by name."""
        kinds = {
            None: ("city", *WARD_KINDS, *GROUP_KINDS),
            "city": ("city",),
            "ward": WARD_KINDS,
            "group": GROUP_KINDS,
        }[level]
        marks = ",".join("?" * len(kinds))
        rows = self.store.query(
            f"SELECT * FROM units WHERE deleted_at IS NULL AND kind IN ({marks})"
            " AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)",
            [*kinds, year, year],
        )
        units = [_unit(row) for row in rows]
        return sorted(units, key=lambda unit: unit_sort_key(unit.name))

    def city(self) -> Unit:
        """The top unit (the city)."""
        rows = self.store.query(
            "SELECT * FROM units WHERE kind = 'city' AND deleted_at IS NULL ORDER BY valid_from"
        )
        if not rows:
            raise NotFound("Chưa có đơn vị cấp thành phố. Hãy tạo dữ liệu mẫu hoặc thiết lập.")
        return _unit(rows[-1])

    def groups_of(self, unit_id: str, year: int) -> list[Unit]:
        """The groups under a unit (itself when it is a group) in ``year``."""
        unit = self.get(unit_id)
        if unit.level == "group":
            return [unit]
        if unit.level == "city":
            return self.in_year(year, "group")
        rows = self.store.query(
            "SELECT * FROM units WHERE parent_id = ? AND kind IN ('tdp', 'ban')"
            " AND deleted_at IS NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)"
            " ORDER BY sort_key",
            [unit.id, year, year],
        )
        return [_unit(row) for row in rows]

    def find(self, name: str, year: int | None = None, level: str | None = None) -> Unit:
        """The unit whose name matches ``name`` ignoring accents, case and generic words.

        Raises NotFound, or ValidationError when the name is ambiguous.
        """
        wanted = match_key(name)
        candidates = self.in_year(year, level) if year is not None else self.all()
        if level and year is None:
            candidates = [unit for unit in candidates if unit.level == level]
        hits = [unit for unit in candidates if match_key(unit.name) == wanted]
        if not hits:
            hits = [unit for unit in candidates if fold(unit.name) == fold(name)]
        if not hits:
            raise NotFound(f"Không tìm thấy đơn vị '{name}'. Hãy kiểm tra tên (có thể gõ không"
                           f" dấu) và năm. / No unit named '{name}'.")
        if len({unit.id for unit in hits}) > 1:
            names = ", ".join(self.full_name(unit) for unit in hits)
            raise ValidationError(f"Tên '{name}' khớp với nhiều đơn vị: {names}.", "name")
        return hits[0]

    def full_name(self, unit: Unit) -> str:
        """ "Tổ dân phố số 10, phường Tân Phong" for a group; the name itself otherwise."""
        if unit.level == "group" and unit.parent_id:
            parent = self.get(unit.parent_id)
            return f"{unit.name}, {parent.name[0].lower()}{parent.name[1:]}"
        return unit.name

    def tree(self, year: int) -> UnitNode:
        """The unit tree of ``year`` with households and recognised groups counted per node."""
        units = self.in_year(year)
        households = dict(
            self.store.db.execute(
                "SELECT hy.group_id, COUNT(*) FROM household_years hy"
                                " WHERE hy.year = ? AND hy.deleted_at IS NULL"
            f" AND {LIVE_STATUS_ROWS}"
                " GROUP BY hy.group_id",
                [year],
            ).fetchall()
        )
        recognised = dict(
            self.store.db.execute(
                "SELECT group_id, kind FROM recognitions WHERE year = ? AND deleted_at IS NULL",
                [year],
            ).fetchall()
        )
        children: dict[str | None, list[Unit]] = {}
        for unit in units:
            children.setdefault(unit.parent_id, []).append(unit)

        def build(unit: Unit) -> UnitNode:
            if unit.level == "group":
                kind = recognised.get(unit.id)
                return UnitNode(
                    unit,
                    households.get(unit.id, 0),
                    1,
                    int(kind is not None),
                    recognition_kind=kind,
                )
            nodes = [build(child) for child in children.get(unit.id, [])]
            return UnitNode(
                unit,
                sum(node.households for node in nodes),
                sum(node.groups for node in nodes),
                sum(node.recognised for node in nodes),
                nodes,
            )

        roots = [unit for unit in units if unit.level == "city"]
        if not roots:
            raise NotFound(f"Năm {year} chưa có cây đơn vị.")
        return build(roots[0])

    # -- lineage ---------------------------------------------------------------------------

    def record_lineage(
        self,
        kind: str,
        event_date: str,
        effective_year: int,
        source_ids: list[str],
        result_ids: list[str],
        legal_basis: str = "",
        note: str = "",
    ) -> LineageEvent:
        """Record a split, merge, rename or move between existing units."""
        from storage.store import new_id

        if not source_ids or not result_ids:
            raise ValidationError("Sự kiện cần ít nhất một đơn vị nguồn và một đơn vị kết quả.")
        for unit_id in (*source_ids, *result_ids):
            self.get(unit_id)
        event_id = new_id()
        with self.store.action(f"Ghi nhận {kind} đơn vị") as action:
            row = {
                "id": event_id,
                "kind": kind,
                "event_date": event_date,
                "effective_year": effective_year,
                "legal_basis": nfc(legal_basis),
                "note": nfc(note),
            }
            self.store.db.table("lineage_events").insert({**row, **action.stamp})
            links = [{"event_id": event_id, "unit_id": u, "role": "source"} for u in source_ids]
            links += [{"event_id": event_id, "unit_id": u, "role": "result"} for u in result_ids]
            self.store.db.table("lineage_links").insert_all(links)
            action.audit("lineage_events", event_id, "insert", {**row, "links": links})
        return self.lineage_event(event_id)

    def lineage_event(self, event_id: str) -> LineageEvent:
        """One lineage event with its source and result units."""
        rows = self.store.query("SELECT * FROM lineage_events WHERE id = ?", [event_id])
        if not rows:
            raise NotFound(f"Không tìm thấy sự kiện {event_id}")
        links = self.store.query(
            "SELECT unit_id, role FROM lineage_links WHERE event_id = ? ORDER BY rowid", [event_id]
        )
        row = rows[0]
        return LineageEvent(
            id=row["id"],
            kind=row["kind"],
            event_date=row["event_date"],
            effective_year=row["effective_year"],
            legal_basis=row["legal_basis"],
            note=row["note"],
            source_ids=tuple(link["unit_id"] for link in links if link["role"] == "source"),
            result_ids=tuple(link["unit_id"] for link in links if link["role"] == "result"),
        )

    def lineage_of(self, unit_id: str) -> list[LineageEvent]:
        """The lineage events a unit took part in, oldest first."""
        rows = self.store.query(
            "SELECT DISTINCT e.id, e.event_date FROM lineage_events e"
            " JOIN lineage_links l ON l.event_id = e.id"
            " WHERE l.unit_id = ? AND e.deleted_at IS NULL ORDER BY e.event_date",
            [unit_id],
        )
        return [self.lineage_event(row["id"]) for row in rows]


def _owner_of(parent: Unit) -> str:
    # A group belongs to its ward's office; a ward and the city to the city office. The
    # caller passes the parent; for a group the parent is the ward.
    return parent.id


def unit_sort_key(name: str) -> str:
    """Sort key of unit names: Vietnamese order, numbers by value ("số 9" before "số 10")."""
    return sort_key(re.sub(r"[0-9]+", lambda match: match.group().zfill(6), name))
