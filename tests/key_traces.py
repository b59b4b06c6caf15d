"""Looking for private key material in files: raw bytes, base64 and hex, in the file's bytes
and in every text or blob value of a database (a value may be stored compressed or escaped
in a way the raw bytes would not show)."""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path

from storage.keystore import CERTIFICATE_KEY, machine_secret, unseal
from storage.store import Store
from storage.sync_crypto import unb64


def key_secrets(store: Store) -> dict[str, bytes]:
    """The raw private key bytes of ``store``'s machine, by name, and its machine secret."""
    secrets: dict[str, bytes] = {}
    keys = store.sync.keys()
    secrets["signing_private"] = unb64(keys.signing_private)
    secrets["box_private"] = unb64(keys.box_private)
    row = store.db.execute("SELECT sealed FROM machine_keys WHERE name = ?",
                           [CERTIFICATE_KEY]).fetchone()
    secret = machine_secret(store)
    if row is not None and secret is not None:
        secrets["certificate"] = unseal(secret, CERTIFICATE_KEY, bytes(row[0]))
    if secret is not None:
        secrets["machine_secret"] = secret
    return secrets


def forms(raw: bytes) -> list[bytes]:
    """The ways ``raw`` may be written down: raw, base64 (standard and URL-safe), hex."""
    encoded = base64.b64encode(raw)
    return [raw, encoded, encoded.rstrip(b"="), base64.urlsafe_b64encode(raw).rstrip(b"="),
            raw.hex().encode(), raw.hex().upper().encode()]


def traces_in_bytes(data: bytes, secrets: dict[str, bytes]) -> list[str]:
    """The names of the secrets found in ``data`` in any of their forms."""
    return sorted({name for name, raw in secrets.items()
                   if any(form in data for form in forms(raw))})


def traces_in_file(path: Path, secrets: dict[str, bytes]) -> list[str]:
    """Secrets found in the file ``path`` and its -wal/-journal side files."""
    found: set[str] = set()
    for suffix in ("", "-wal", "-journal"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            found.update(traces_in_bytes(side.read_bytes(), secrets))
    return sorted(found)


def traces_in_values(path: Path, secrets: dict[str, bytes]) -> list[str]:
    """Secrets found in any value of any table of the database file ``path``."""
    found: set[str] = set()
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        found.update(traces_in_bytes(value.encode(), secrets))
                    elif isinstance(value, bytes):
                        found.update(traces_in_bytes(value, secrets))
    finally:
        connection.close()
    return sorted(found)

