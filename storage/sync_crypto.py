"""The cryptography of sync packages, from the ``cryptography`` library (nothing home-made).

- Every machine has an Ed25519 key pair (signing) and an X25519 key pair (encryption).
- A package is ``MAGIC | header length | header | signature | ciphertext``. The header is the
  manifest as canonical JSON; it carries the SHA-256 of the ciphertext, so the sender's Ed25519
  signature over the header covers the payload too. The payload is compressed, then encrypted
  with ChaCha20-Poly1305 under a key agreed between a one-off X25519 key and the receiver's
  X25519 key (HKDF-SHA256); only the receiver can read it, so a lost USB stick exposes nobody.
- A set-up package is encrypted under a key derived from a passphrase with scrypt.
- Reading is bounded: a header over ``MAX_HEADER_BYTES``, JSON with NaN/Infinity or nesting
  deeper than Python can parse, and a payload inflating beyond ``MAX_PAYLOAD_BYTES`` are
  refused with an error of this module, never a crash or gigabytes of memory.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

PACKAGE_MAGIC = b"TUQUAN-GOI\x00\x01"
SETUP_MAGIC = b"TUQUAN-THIETLAP\x00\x01"
SCHEME = "x25519-hkdf-sha256-chacha20poly1305"
SETUP_SCHEME = "scrypt-chacha20poly1305"
# scrypt cost for set-up packages: about a tenth of a second, once per machine set-up.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
# Passphrases are typed from paper: no 0/O, 1/I/L look-alikes.
PASSPHRASE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SIGNATURE_SIZE = 64
# A province's full package inflates to a few hundred MB at most; a small file inflating past
# this is a decompression bomb. The size is measured before anything is kept, so refusing one
# costs a few MB of memory, whatever it would inflate to.
MAX_PAYLOAD_BYTES = 512 * 1024 * 1024
# A manifest naming thousands of machines is well under a megabyte; the length is read from
# the file, so it is bounded before anything is sliced or parsed.
MAX_HEADER_BYTES = 4 * 1024 * 1024
_INFLATE_CHUNK = 4 * 1024 * 1024


class PackageFormatError(Exception):
    """The bytes are not a package of this program, or it is damaged."""


class DecryptionError(Exception):
    """The payload cannot be decrypted (wrong key or passphrase, or changed bytes)."""


class PayloadTooLarge(PackageFormatError, DecryptionError):
    """The payload would inflate beyond ``MAX_PAYLOAD_BYTES`` (a decompression bomb).

    A PackageFormatError and a DecryptionError both, so every caller that handles either
    refuses the file with a message instead of a traceback; ``str()`` says what happened.
    """


def inflate(compressed: bytes, limit: int = MAX_PAYLOAD_BYTES) -> bytes:
    """The bytes of a zlib stream, refused with PayloadTooLarge when they exceed ``limit``.

    Two passes: the first inflates in chunks that are thrown away, only to count (so a bomb
    is refused holding one chunk); the second inflates into a buffer of the size now known.
    Raises zlib.error for a damaged, truncated or over-long stream.
    """
    inflater = zlib.decompressobj()
    size = 0
    pending = compressed
    while not inflater.eof:
        piece = inflater.decompress(pending, _INFLATE_CHUNK)
        size += len(piece)
        if size > limit:
            raise PayloadTooLarge(
                f"Nội dung gói khi giải nén vượt quá {limit // (1024 * 1024)} MB: gói bị hỏng"
                " hoặc cố ý làm đầy bộ nhớ; không đọc tiếp. / The payload inflates beyond"
                f" {limit} bytes."
            )
        pending = inflater.unconsumed_tail
        if not piece and not pending:
            break
    if not inflater.eof:
        raise zlib.error("truncated stream")
    if inflater.unused_data:
        raise zlib.error("bytes after the end of the stream")
    return zlib.decompress(compressed, bufsize=max(size, 1))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"{text[:20]} is out of range")
    return value


def strict_json(data: bytes | str) -> Any:
    """Parse JSON as the program writes it: no NaN, Infinity or numbers that overflow a float.

    Raises ValueError (json.JSONDecodeError, UnicodeDecodeError and too deep nesting included)
    for anything else, so a caller handles one exception type.
    """
    try:
        return json.loads(data, parse_constant=_reject_constant, parse_float=_finite_float)
    except RecursionError as error:
        raise ValueError("JSON nested too deeply") from error


def b64(data: bytes) -> str:
    """Bytes as standard base64 text."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """The bytes of a base64 text."""
    return base64.b64decode(text.encode("ascii"), validate=True)


def canonical_json(value: Any) -> bytes:
    """JSON with sorted keys and no spaces: the same value always gives the same bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class KeyPairs:
    """A machine's private keys, as base64 of their raw bytes."""

    signing_private: str
    box_private: str

    @staticmethod
    def generate() -> KeyPairs:
        """Two fresh key pairs."""
        return KeyPairs(
            b64(Ed25519PrivateKey.generate().private_bytes_raw()),
            b64(X25519PrivateKey.generate().private_bytes_raw()),
        )

    def signing_key(self) -> Ed25519PrivateKey:
        """The Ed25519 private key."""
        return Ed25519PrivateKey.from_private_bytes(unb64(self.signing_private))

    def box_key(self) -> X25519PrivateKey:
        """The X25519 private key."""
        return X25519PrivateKey.from_private_bytes(unb64(self.box_private))

    @property
    def signing_public(self) -> str:
        """The Ed25519 public key (base64)."""
        return b64(self.signing_key().public_key().public_bytes_raw())

    @property
    def box_public(self) -> str:
        """The X25519 public key (base64)."""
        return b64(self.box_key().public_key().public_bytes_raw())


def _package_key(shared: bytes, package_id: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None,
        info=b"tuquan package v1 " + package_id.encode(),
    ).derive(shared)


def seal_package(manifest: dict[str, Any], payload: bytes, keys: KeyPairs,
                 receiver_box_public: str) -> bytes:
    """The package file's bytes: ``manifest`` (completed here) signed, ``payload`` encrypted."""
    return seal_compressed(manifest, zlib.compress(payload, 6), keys, receiver_box_public)


def seal_compressed(manifest: dict[str, Any], compressed: bytes, keys: KeyPairs,
                    receiver_box_public: str) -> bytes:
    """``seal_package`` of a payload already compressed with zlib (tests build bombs so)."""
    ephemeral = X25519PrivateKey.generate()
    receiver = X25519PublicKey.from_public_bytes(unb64(receiver_box_public))
    key = _package_key(ephemeral.exchange(receiver), manifest["package_id"])
    nonce = os.urandom(12)
    ciphertext = ChaCha20Poly1305(key).encrypt(nonce, compressed, manifest["package_id"].encode())
    manifest = {
        **manifest,
        "encryption": {
            "scheme": SCHEME,
            "ephemeral_public": b64(ephemeral.public_key().public_bytes_raw()),
            "nonce": b64(nonce),
        },
        "payload_sha256": hashlib.sha256(ciphertext).hexdigest(),
        "payload_size": len(ciphertext),
    }
    header = canonical_json(manifest)
    signature = keys.signing_key().sign(header)
    return PACKAGE_MAGIC + struct.pack(">I", len(header)) + header + signature + ciphertext


@dataclass(frozen=True)
class SealedPackage:
    """A package file taken apart, nothing verified yet."""

    manifest: dict[str, Any]
    header: bytes
    signature: bytes
    ciphertext: bytes

    def signature_valid(self, signing_public: str) -> bool:
        """Whether the header was signed by the key ``signing_public``."""
        try:
            Ed25519PublicKey.from_public_bytes(unb64(signing_public)).verify(
                self.signature, self.header
            )
        except (InvalidSignature, ValueError):
            return False
        return True

    def payload_intact(self) -> bool:
        """Whether the ciphertext is the one the (signed) header names."""
        return (
            len(self.ciphertext) == self.manifest.get("payload_size")
            and hashlib.sha256(self.ciphertext).hexdigest() == self.manifest.get("payload_sha256")
        )

    def decrypt(self, keys: KeyPairs) -> bytes:
        """The plain payload, with the receiver's private key."""
        try:
            encryption = self.manifest["encryption"]
            if encryption["scheme"] != SCHEME:
                raise DecryptionError(f"unknown scheme {encryption['scheme']}")
            ephemeral = X25519PublicKey.from_public_bytes(unb64(encryption["ephemeral_public"]))
            key = _package_key(keys.box_key().exchange(ephemeral), self.manifest["package_id"])
            compressed = ChaCha20Poly1305(key).decrypt(
                unb64(encryption["nonce"]), self.ciphertext, self.manifest["package_id"].encode()
            )
            return inflate(compressed)
        # PayloadTooLarge passes through as itself. AttributeError: a manifest field of the
        # wrong type (a number where text belongs).
        except (InvalidTag, KeyError, ValueError, TypeError, AttributeError,
                zlib.error) as error:
            raise DecryptionError(str(error) or type(error).__name__) from error


def open_package(data: bytes) -> SealedPackage:
    """Take a package file's bytes apart; raises PackageFormatError when it is not one."""
    if not data.startswith(PACKAGE_MAGIC):
        raise PackageFormatError("not a package")
    offset = len(PACKAGE_MAGIC)
    try:
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        offset += 4
        if length > MAX_HEADER_BYTES:
            raise PackageFormatError("header too large")
        header = data[offset:offset + length]
        if len(header) != length:
            raise PackageFormatError("truncated header")
        manifest = strict_json(header.decode("utf-8"))
        if not isinstance(manifest, dict):
            raise PackageFormatError("bad manifest")
    except (struct.error, ValueError) as error:
        raise PackageFormatError(str(error)) from error
    offset += length
    signature = data[offset:offset + SIGNATURE_SIZE]
    if len(signature) != SIGNATURE_SIZE:
        raise PackageFormatError("truncated signature")
    return SealedPackage(manifest, header, signature, data[offset + SIGNATURE_SIZE:])


def new_passphrase(groups: int = 6) -> str:
    """A random passphrase to write on paper: six groups of four characters (~118 bits)."""
    return "-".join(
        "".join(secrets.choice(PASSPHRASE_ALPHABET) for _ in range(4)) for _ in range(groups)
    )


def _normalise_passphrase(passphrase: str) -> bytes:
    # Typed back from paper: case, spaces and dashes must not matter.
    return "".join(ch for ch in passphrase.upper() if ch.isalnum()).encode("ascii", "ignore")


def _passphrase_key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(
        _normalise_passphrase(passphrase)
    )


def seal_setup(header: dict[str, Any], payload: bytes, passphrase: str) -> bytes:
    """A set-up package: ``payload`` encrypted under ``passphrase``; ``header`` stays readable."""
    return seal_setup_compressed(header, zlib.compress(payload, 6), passphrase)


def seal_setup_compressed(header: dict[str, Any], compressed: bytes, passphrase: str) -> bytes:
    """``seal_setup`` of a payload already compressed with zlib."""
    salt = os.urandom(16)
    nonce = os.urandom(12)
    header = {**header, "scheme": SETUP_SCHEME, "salt": b64(salt), "nonce": b64(nonce),
              "scrypt": [SCRYPT_N, SCRYPT_R, SCRYPT_P]}
    header_bytes = canonical_json(header)
    ciphertext = ChaCha20Poly1305(_passphrase_key(passphrase, salt)).encrypt(
        nonce, compressed, header_bytes
    )
    return SETUP_MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes + ciphertext


def setup_header(data: bytes) -> dict[str, Any]:
    """The readable header of a set-up package (ward, sender, time), without the passphrase."""
    if not data.startswith(SETUP_MAGIC):
        raise PackageFormatError("not a set-up package")
    offset = len(SETUP_MAGIC)
    try:
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        if length > MAX_HEADER_BYTES:
            raise PackageFormatError("header too large")
        header = strict_json(data[offset + 4:offset + 4 + length].decode("utf-8"))
    except (struct.error, ValueError) as error:
        raise PackageFormatError(str(error)) from error
    if not isinstance(header, dict):
        raise PackageFormatError("bad header")
    return header


def open_setup(data: bytes, passphrase: str) -> tuple[dict[str, Any], bytes]:
    """The header and plain payload of a set-up package.

    Raises PackageFormatError when the bytes are not one, DecryptionError when the passphrase is
    wrong or the file was changed.
    """
    if not data.startswith(SETUP_MAGIC):
        raise PackageFormatError("not a set-up package")
    offset = len(SETUP_MAGIC)
    try:
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        if length > MAX_HEADER_BYTES:
            raise PackageFormatError("header too large")
        header_bytes = data[offset + 4:offset + 4 + length]
        header = strict_json(header_bytes.decode("utf-8"))
        if not isinstance(header, dict):
            raise PackageFormatError("bad header")
        salt, nonce = unb64(header["salt"]), unb64(header["nonce"])
    except (struct.error, KeyError, TypeError, AttributeError, ValueError) as error:
        raise PackageFormatError(str(error)) from error
    ciphertext = data[offset + 4 + length:]
    try:
        compressed = ChaCha20Poly1305(_passphrase_key(passphrase, salt)).decrypt(
            nonce, ciphertext, header_bytes
        )
        return header, inflate(compressed)
    except (InvalidTag, ValueError, zlib.error) as error:
        raise DecryptionError("wrong passphrase or damaged file") from error
