"""Signed heads of the audit chains: each machine vouches for the end of its own trail.

Every machine's audit trail is a hash chain (storage/store.py). A chain alone proves nothing
against someone who rewrites it whole: cut the tail, or edit an entry and recompute every hash
after it, and it verifies again. So each package carries its sender's *head*, the last hash of
its own chain with its action number, signed with the sender's signing key; an office that
relays its wards' entries upward relays their heads as they signed them. The receiver

- checks each head's signature (the registered key of a machine it knows; for a machine it
  does not know, the key the relaying office vouches for in its signed package);
- checks that the package's entries of each machine form one chain, that the chain continues
  from the last head kept here for that machine (so a cut or recomputed tail is refused), and
  that it ends at the signed head (so entries left out are refused);
- keeps the newest head per machine (table ``audit_heads``), which ``audit --verify`` and
  ``check`` compare with the entries held.

Pure functions over rows and dicts plus a few reads and writes of ``audit_heads``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from storage.sync_crypto import KeyPairs, b64, canonical_json, unb64

if TYPE_CHECKING:
    from storage.store import Store

GENESIS_HASH = "0" * 64
META_OWN_HEAD = "audit_head"
# The fields of an entry the chained hash covers (storage/store.py audit_hash).
ENTRY_FIELDS = ("id", "at", "site_id", "actor", "action", "change_seq", "table_name",
                "record_id", "operation", "changes")


@dataclass(frozen=True)
class SignedHead:
    """A machine's statement "my chain ends at ``hash`` after my action ``change_seq``"."""

    site_id: str
    change_seq: int
    hash: str
    signature: str
    signing_public: str

    def statement(self) -> bytes:
        """The bytes that are signed."""
        return canonical_json({"kind": "audit-head", "site_id": self.site_id,
                               "change_seq": self.change_seq, "hash": self.hash})

    def valid_for(self, signing_public: str) -> bool:
        """Whether the signature was made by the key ``signing_public``."""
        try:
            Ed25519PublicKey.from_public_bytes(unb64(signing_public)).verify(
                unb64(self.signature), self.statement())
        except (InvalidSignature, ValueError, TypeError):
            return False
        return True

    def as_json(self) -> dict[str, Any]:
        """The head as it travels in a manifest."""
        return {"site_id": self.site_id, "change_seq": self.change_seq, "hash": self.hash,
                "signature": self.signature, "signing_public": self.signing_public}

    @staticmethod
    def from_json(value: Any) -> SignedHead:
        """A head from a manifest; ValueError when it is not one."""
        if not isinstance(value, dict):
            raise ValueError("head")
        site_id, seq, digest = value.get("site_id"), value.get("change_seq"), value.get("hash")
        signature, public = value.get("signature"), value.get("signing_public")
        if not (isinstance(site_id, str) and 0 < len(site_id) <= 100
                and isinstance(seq, int) and not isinstance(seq, bool) and 0 <= seq <= 2**53
                and isinstance(digest, str) and len(digest) == 64
                and isinstance(signature, str) and len(signature) <= 200
                and isinstance(public, str) and len(public) <= 100):
            raise ValueError("head")
        return SignedHead(site_id, seq, digest, signature, public)


def sign_own_head(store: Store, keys: KeyPairs) -> SignedHead:
    """This machine's head now, signed with its key."""
    row = store.db.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    digest = row[0] if row else GENESIS_HASH
    unsigned = SignedHead(store.site_id, store.change_seq, digest, "", keys.signing_public)
    signature = b64(keys.signing_key().sign(unsigned.statement()))
    return SignedHead(unsigned.site_id, unsigned.change_seq, digest, signature,
                      keys.signing_public)


def stored_heads(store: Store) -> dict[str, SignedHead]:
    """The newest head kept here for each other machine."""
    return {row[0]: SignedHead(row[0], int(row[1]), row[2], row[3], row[4])
            for row in store.db.execute(
                "SELECT site_id, change_seq, hash, signature, signing_public FROM audit_heads")}


def keep_heads(store: Store, heads: Iterable[SignedHead], now: str) -> None:
    """Keep each head unless a newer one of the same machine is kept, or the kept one was
    signed with another key (a machine's key never changes) (inside a transaction)."""
    store.db.conn.executemany(
        "INSERT INTO audit_heads (site_id, change_seq, hash, head, signature, signing_public,"
        " received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(site_id) DO UPDATE SET"
        " change_seq = excluded.change_seq, hash = excluded.hash, head = excluded.head,"
        " signature = excluded.signature, received_at = excluded.received_at"
        " WHERE excluded.change_seq >= audit_heads.change_seq"
        " AND excluded.signing_public = audit_heads.signing_public",
        [(h.site_id, h.change_seq, h.hash, json.dumps(h.as_json()), h.signature,
          h.signing_public, now) for h in heads])


def entry_hash(entry: Mapping[str, Any]) -> str:
    """The chained hash of an entry as its machine computed it."""
    from storage.store import audit_hash

    return audit_hash(str(entry.get("prev_hash")), {name: entry.get(name)
                                                     for name in ENTRY_FIELDS})


def chain_problem(entries: Sequence[Mapping[str, Any]], head: SignedHead | None,
                  kept: SignedHead | None, known_hashes: set[str]) -> str | None:
    """Why one machine's entries in a package cannot be its genuine trail, or None.

    ``entries`` in the machine's order; ``head`` its signed head in the package; ``kept`` the
    head kept here from earlier packages; ``known_hashes`` the hashes of its entries held here.
    A machine keeps its key for good: a head signed with another key than the kept one's is
    not its head (for a machine known here only through the office relaying its trail, the key
    it first came with is the one it is held to, whoever vouches for another later).
    """
    if head is not None and kept is not None and head.signing_public != kept.signing_public:
        return ("dấu xác nhận nhật ký được ký bằng khóa khác với khóa đã nhận trước đây của máy"
                " đó")
    if not entries:
        if head is not None and kept is not None and head.change_seq >= kept.change_seq \
                and head.hash != kept.hash:
            return "gói thiếu các mục nhật ký đến dấu xác nhận của máy"
        return None
    previous = None
    for entry in entries:
        if entry_hash(entry) != entry.get("hash"):
            return f"mục nhật ký {str(entry.get('id'))[:8]} đã bị sửa (mã băm không khớp)"
        if previous is not None and entry.get("prev_hash") != previous:
            return "các mục nhật ký không nối thành một chuỗi"
        previous = entry.get("hash")
    first_prev = entries[0].get("prev_hash")
    hashes = {entry.get("hash") for entry in entries}
    if kept is not None and head is not None and head.change_seq < kept.change_seq:
        # An older package arriving late: it may only repeat what is held already.
        if hashes <= known_hashes:
            return None
        return "nhật ký khác với phần đã nhận trước đây (đã bị sửa hoặc tính lại)"
    if kept is not None and first_prev != kept.hash and kept.hash not in hashes:
        return ("nhật ký không nối tiếp phần đã nhận trước đây (đã bị cắt bớt, xóa hoặc tính"
                " lại)")
    if first_prev != GENESIS_HASH and first_prev not in known_hashes and (
            kept is None or first_prev != kept.hash):
        return "nhật ký thiếu các mục trước đó"
    if head is None:
        return "gói không có dấu xác nhận nhật ký của máy"
    if previous != head.hash:
        return "nhật ký không kết thúc ở dấu xác nhận đã ký của máy"
    return None


def held_chain_problems(store: Store) -> list[str]:
    """What is wrong with the received trails held here, against the heads kept (``check``).

    Each other machine's entries, in the order they came, must chain and reach the kept head.
    """
    problems: list[str] = []
    names = {row[0]: row[1] for row in store.db.execute("SELECT site_id, name FROM peers")}
    for site_id, head in stored_heads(store).items():
        entries = [dict(row) for row in store.query(
            "SELECT * FROM audit_received WHERE site_id = ? ORDER BY rowid", [site_id])]
        who = names.get(site_id, f"máy {site_id[:8]}")
        if not entries and head.hash != GENESIS_HASH:
            problems.append(f"Nhật ký nhận từ {who} đã bị xóa (dấu xác nhận có, các mục"
                            " không còn)")
            continue
        if entries and head.hash not in {entry["hash"] for entry in entries}:
            problems.append(f"Nhật ký nhận từ {who} bị cắt bớt: không còn đến dấu xác nhận"
                            " đã ký")
        for previous, entry in zip(entries, entries[1:], strict=False):
            if entry["prev_hash"] != previous["hash"]:
                problems.append(f"Nhật ký nhận từ {who}: mắt xích trước mục"
                                f" {entry['id'][:8]} bị thiếu hoặc bị sửa")
                break
        for entry in entries:
            if entry_hash(entry) != entry["hash"]:
                problems.append(f"Nhật ký nhận từ {who}: mục {entry['id'][:8]} đã bị sửa")
                break
    return problems
