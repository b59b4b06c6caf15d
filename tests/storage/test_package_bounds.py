"""Reading a package is bounded: decompression bombs, hostile JSON and wrong manifest types.

A package is opened before anything about it is trusted, so every way of making the reader
crash or eat memory must end in PackageFormatError or DecryptionError (which the import turns
into a message), never in a traceback or gigabytes of memory.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.sync_crypto import (
    MAX_HEADER_BYTES,
    MAX_PAYLOAD_BYTES,
    PACKAGE_MAGIC,
    SETUP_MAGIC,
    DecryptionError,
    KeyPairs,
    PackageFormatError,
    PayloadTooLarge,
    canonical_json,
    inflate,
    open_package,
    open_setup,
    seal_package,
    seal_setup,
    setup_header,
    strict_json,
)

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGE_ID = "5a3c2a4e-8f0e-4c7e-9a43-0f5b8d1c2e77"


def _manifest() -> dict[str, Any]:
    return {"format_version": 1, "package_id": PACKAGE_ID, "kind": "changes"}


# -- inflate ------------------------------------------------------------------------------------


def test_inflate_gives_the_bytes_back_up_to_the_limit_and_refuses_one_byte_more() -> None:
    data = os.urandom(3000) + b"x" * 50_000
    compressed = zlib.compress(data, 6)
    assert inflate(compressed) == data
    assert inflate(compressed, limit=len(data)) == data
    with pytest.raises(PayloadTooLarge) as refused:
        inflate(compressed, limit=len(data) - 1)
    assert "giải nén vượt quá" in str(refused.value)
    assert inflate(zlib.compress(b"")) == b""


def test_inflate_refuses_truncated_trailing_and_garbage_streams() -> None:
    compressed = zlib.compress("Tổ dân phố số 5".encode() * 1000)
    for damaged in (compressed[:-5], compressed[: len(compressed) // 2], compressed + b"tail",
                    b"not zlib at all", b""):
        with pytest.raises(zlib.error):
            inflate(damaged)


def test_payload_too_large_is_caught_by_both_handlers_of_the_import() -> None:
    # The import catches DecryptionError around decrypt and PackageFormatError around the
    # set-up package: either catches the bomb.
    assert issubclass(PayloadTooLarge, PackageFormatError)
    assert issubclass(PayloadTooLarge, DecryptionError)


# -- bombs, in a process of their own so the memory figure is this test's ---------------------


_BOMB_SCRIPT = textwrap.dedent("""
    import json, resource, sys, time, tracemalloc, zlib
    from storage.sync_crypto import (KeyPairs, PayloadTooLarge, open_package, open_setup,
                                     seal_compressed, seal_setup_compressed)

    def bomb(total, chunk=1 << 20):
        # 1 GB of zeros compressed a megabyte at a time: the test never holds the gigabyte.
        packer = zlib.compressobj(9)
        zeros = bytes(chunk)
        parts = [packer.compress(zeros) for _ in range(total // chunk)]
        return b"".join(parts) + packer.flush()

    compressed = bomb(1 << 30)
    sender, receiver = KeyPairs.generate(), KeyPairs.generate()
    manifest = {"format_version": 1, "package_id": "5a3c2a4e-8f0e-4c7e-9a43-0f5b8d1c2e77"}
    package = seal_compressed(manifest, compressed, sender, receiver.box_public)
    setup = seal_setup_compressed({"kind": "setup"}, compressed, "ABCD-EFGH")
    results = {"compressed": len(compressed), "file": len(package)}
    for name, attempt in (("package", lambda: open_package(package).decrypt(receiver)),
                          ("setup", lambda: open_setup(setup, "ABCD-EFGH"))):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        started = time.perf_counter()
        try:
            attempt()
            outcome = "accepted"
        except PayloadTooLarge as error:
            outcome = "refused: " + str(error)
        seconds = time.perf_counter() - started
        traced_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        results[name] = {
            "outcome": outcome,
            "seconds": seconds,
            # Python's and zlib's allocations during the attempt (both go through tracemalloc).
            "traced_peak_mb": traced_peak / 2**20,
            # ru_maxrss is the process's peak so far in kB: its growth bounds the attempt's.
            "peak_growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
                              / 1024,
        }
    print(json.dumps(results))
""")


@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage is POSIX only")
def test_a_one_megabyte_package_inflating_to_a_gigabyte_is_refused_quickly_in_little_memory(
) -> None:
    done = subprocess.run([sys.executable, "-c", _BOMB_SCRIPT], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=True)
    results = json.loads(done.stdout)
    assert results["compressed"] < 1.1 * 1024 * 1024  # a 1 MB file …
    for name in ("package", "setup"):
        attempt = results[name]
        assert attempt["outcome"].startswith("refused: Nội dung gói khi giải nén vượt quá"), name
        # … that would inflate to 1 GB: refused holding a few chunks, far below the bound
        # (512 MB) and the 2,1 GB the old reader took.
        assert attempt["traced_peak_mb"] < 64, (name, attempt)
        assert attempt["peak_growth_mb"] < 64, (name, attempt)
        assert attempt["seconds"] < 30, (name, attempt)


def test_the_bound_leaves_room_for_a_province() -> None:
    # A province-sized full package inflates to a few hundred MB; the bound is above that and
    # well below what a ward's laptop can hold twice (the JSON parse needs about as much).
    assert 256 * 1024 * 1024 <= MAX_PAYLOAD_BYTES <= 1024 * 1024 * 1024


def test_a_package_and_a_setup_package_within_the_bound_still_open() -> None:
    sender, receiver = KeyPairs.generate(), KeyPairs.generate()
    payload = canonical_json({"tables": {"households": {"columns": ["id"], "rows": [["a"]]}}})
    sealed = open_package(seal_package(_manifest(), payload, sender, receiver.box_public))
    assert sealed.decrypt(receiver) == payload
    header, opened = open_setup(seal_setup({"kind": "setup"}, payload, "ABCD-EFGH"), "abcd efgh")
    assert opened == payload and header["kind"] == "setup"


# -- hostile JSON in the readable header --------------------------------------------------------


def _package_with_header(header: bytes) -> bytes:
    return PACKAGE_MAGIC + struct.pack(">I", len(header)) + header + bytes(64) + b"cipher"


def _setup_with_header(header: bytes) -> bytes:
    return SETUP_MAGIC + struct.pack(">I", len(header)) + header + b"cipher"


HOSTILE_HEADERS = [
    b'{"format_version": NaN}',
    b'{"format_version": Infinity}',
    b'{"format_version": -Infinity}',
    b'{"ranges": {"a": [1, 1e999]}}',
    b'{"ranges": {"a": [1, -1e400]}}',
    b'{"n": ' + b"9" * 5000 + b"}",  # beyond Python's digits limit for int()
    b'{"deep": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"deep": ' + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"}",
    b"[1, 2, 3]",
    b'"text"',
    b"\xff\xfe not utf-8",
    b'{"unterminated": "',
]


@pytest.mark.parametrize("header", HOSTILE_HEADERS, ids=range(len(HOSTILE_HEADERS)))
def test_a_hostile_header_is_a_format_error(header: bytes) -> None:
    with pytest.raises(PackageFormatError):
        open_package(_package_with_header(header))
    with pytest.raises(PackageFormatError):
        setup_header(_setup_with_header(header))
    with pytest.raises(PackageFormatError):
        open_setup(_setup_with_header(header), "ABCD")


def test_a_header_longer_than_the_bound_is_refused_before_it_is_parsed() -> None:
    data = PACKAGE_MAGIC + struct.pack(">I", MAX_HEADER_BYTES + 1) + b"{" * 100
    with pytest.raises(PackageFormatError, match="too large"):
        open_package(data)
    data = SETUP_MAGIC + struct.pack(">I", MAX_HEADER_BYTES + 1) + b"{" * 100
    with pytest.raises(PackageFormatError, match="too large"):
        setup_header(data)


def test_strict_json_reads_what_the_program_writes() -> None:
    value = {"a": [1, 2.5, -0.0, None, True, "Đoàn Kết"], "b": {"c": 10**18}}
    assert strict_json(canonical_json(value)) == value
    for text in ("NaN", "[Infinity]", "[1e309]", "[" * 100_000):
        with pytest.raises(ValueError):
            strict_json(text)


# -- manifest fields of the wrong type reach decrypt ---------------------------------------------


_ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(field=st.sampled_from(["encryption", "package_id", "scheme", "ephemeral_public",
                              "nonce"]),
       value=_ANY_JSON)
def test_any_wrong_manifest_value_makes_decrypt_say_decryption_error(field: str,
                                                                     value: Any) -> None:
    sender, receiver = KeyPairs.generate(), KeyPairs.generate()
    sealed = open_package(seal_package(_manifest(), b"{}", sender, receiver.box_public))
    manifest = json.loads(json.dumps(sealed.manifest))
    if field in ("encryption", "package_id"):
        manifest[field] = value
    else:
        manifest["encryption"][field] = value
    broken = type(sealed)(manifest, sealed.header, sealed.signature, sealed.ciphertext)
    with pytest.raises(DecryptionError):
        broken.decrypt(receiver)
