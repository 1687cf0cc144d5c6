"""Encrypted backup files (SPEC §10: a month-end USB stick can be lost, so its copy of the books is encrypted).

Format (``.sdbk``)::

    MAGIC (8 bytes) | header length (4 bytes, big-endian) | header JSON | chunk* 

The header carries the scrypt parameters, the salt and a random 8-byte nonce prefix. The key is
``scrypt(passphrase, salt, n=2**15, r=8, p=1)``. The plaintext (the SQLite backup) is cut into 1 MiB chunks, each
sealed with AES-256-GCM (``cryptography``); chunk *i*'s nonce is ``prefix || i`` and its associated data is
``header || i || last-flag``, so chunks cannot be reordered, dropped, or the file truncated at a chunk boundary
without the tag check failing (the STREAM construction). A wrong passphrase fails on the first chunk.

There is no way back from a lost passphrase: the program never stores the passphrase, only a scrypt verifier of it
(to catch typing mistakes before a backup is sealed with a mistyped one).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import struct
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from station_desk.errors import DomainError

MAGIC = b"SDBK\x00v1\n"
CHUNK = 1 << 20
TAG = 16
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 6


def derive_key(passphrase: str, salt: bytes, n: int | None = None, r: int | None = None,
               p: int | None = None) -> bytes:
    n, r, p = n or SCRYPT_N, r or SCRYPT_R, p or SCRYPT_P
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=128 * n * r * p + (1 << 20),
                          dklen=32)


def check_passphrase_strength(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise DomainError("backup.passphrase_too_short", min=MIN_PASSPHRASE)


def make_verifier(passphrase: str) -> str:
    """A stored check of the passphrase (never the passphrase): ``scrypt$n$r$p$salt$digest``."""
    check_passphrase_strength(passphrase)
    salt = secrets.token_bytes(16)
    digest = derive_key(passphrase, salt)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verifier_matches(passphrase: str, verifier: str) -> bool:
    try:
        _scheme, n, r, p, salt_hex, digest_hex = verifier.split("$")
        digest = derive_key(passphrase or "", bytes.fromhex(salt_hex), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">I?", index, last)


def is_encrypted_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def encrypt_file(src: Path, out: BinaryIO, passphrase: str, *,
                 progress: Callable[[int, int], None] | None = None) -> None:
    """Encrypt ``src`` into the open binary file ``out`` (the caller fsyncs and renames)."""
    salt = secrets.token_bytes(16)
    prefix = secrets.token_bytes(8)
    header = json.dumps({"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt.hex(),
                         "cipher": "AES-256-GCM", "chunk": CHUNK, "nonce_prefix": prefix.hex()},
                        sort_keys=True).encode("ascii")
    aes = AESGCM(derive_key(passphrase, salt))
    out.write(MAGIC + struct.pack(">I", len(header)) + header)
    total = Path(src).stat().st_size
    done = 0
    with open(src, "rb") as fh:
        index = 0
        chunk = fh.read(CHUNK)
        while True:
            following = fh.read(CHUNK) if chunk else b""
            last = not following
            out.write(aes.encrypt(_nonce(prefix, index), chunk, _aad(header, index, last)))
            done += len(chunk)
            if progress:
                progress(done, total)
            if last:
                break
            chunk = following
            index += 1


def _read_header(fh: BinaryIO) -> tuple[bytes, dict]:
    if fh.read(len(MAGIC)) != MAGIC:
        raise DomainError("backup.not_encrypted_format")
    raw_len = fh.read(4)
    if len(raw_len) != 4:
        raise DomainError("backup.truncated")
    (length,) = struct.unpack(">I", raw_len)
    if length > 4096:
        raise DomainError("backup.corrupt", detail="加密文件头无效")
    header = fh.read(length)
    try:
        meta = json.loads(header)
    except ValueError:
        raise DomainError("backup.corrupt", detail="加密文件头无效") from None
    return header, meta


def decrypt_file(src: Path, dest: Path, passphrase: str, *,
                 progress: Callable[[int, int], None] | None = None) -> None:
    """Decrypt ``src`` into ``dest``. Raises ``backup.wrong_passphrase`` if the first chunk does not open,
    ``backup.corrupt`` if a later one does not (the file was changed or cut)."""
    total = Path(src).stat().st_size
    with open(src, "rb") as fh, open(dest, "wb") as out:
        header, meta = _read_header(fh)
        try:
            salt = bytes.fromhex(meta["salt"])
            prefix = bytes.fromhex(meta["nonce_prefix"])
            chunk_size = int(meta["chunk"])
            key = derive_key(passphrase or "", salt, int(meta["n"]), int(meta["r"]), int(meta["p"]))
        except (KeyError, ValueError, TypeError):
            raise DomainError("backup.corrupt", detail="加密文件头无效") from None
        aes = AESGCM(key)
        index = 0
        sealed = fh.read(chunk_size + TAG)
        while True:
            following = fh.read(chunk_size + TAG)
            last = not following
            try:
                out.write(aes.decrypt(_nonce(prefix, index), sealed, _aad(header, index, last)))
            except InvalidTag:
                if index == 0:
                    raise DomainError("backup.wrong_passphrase") from None
                raise DomainError("backup.corrupt", detail=f"第 {index + 1} 段数据校验失败") from None
            if progress:
                progress(fh.tell(), total)
            if last:
                break
            sealed = following
            index += 1
        out.flush()
