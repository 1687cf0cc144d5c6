"""Encrypted backup files (SPEC §10: a month-end USB stick can be lost, so its copy of the books is encrypted).

Format v2 (``.sdbk``, written since issue #18)::

    MAGIC2 (8) | header length (4, big-endian) | header JSON | key check (32) | header digest (32) | chunk*

The header carries the scrypt parameters, the salt, the chunk size and a random 8-byte nonce prefix. scrypt
(``n=2**13, r=8, p=22`` ≈ 0.4 s, 8 MiB; files of issue #18 used ``n=2**17, p=1`` and later ones ``n=2**14, p=8``,
read as written) gives 64 bytes: the first 32 are the AES-256-GCM key, the last 32 key the
*key check* ``HMAC-SHA256(check key, header)``. The *header digest* is ``SHA-256`` of everything before it. So:

- damage in the header or the key check → the digest differs → "the file is damaged" (no passphrase needed);
- the digest matches but the key check does not → "wrong passphrase";
- both match but a chunk does not open → "the file is damaged" (that chunk).

The KDF parameters and the chunk size are checked against caps before anything is derived or allocated (a crafted
header must not make the program allocate gigabytes). The plaintext is cut into 1 MiB chunks, each sealed with
AES-256-GCM; chunk *i*'s nonce is ``prefix || i`` and its associated data ``header || i || last-flag``, so chunks
cannot be reordered, dropped, or the file truncated at a chunk boundary (the STREAM construction).

Format v1 files (no key check, a wrong passphrase and a damaged first chunk look alike) are still read.

There is no way back from a lost passphrase: the program never stores the passphrase, only a scrypt verifier of it
(to catch typing mistakes before a backup is sealed with a mistyped one). A passphrase must be at least
:data:`MIN_PASSPHRASE` characters and score at least :data:`MIN_SCORE` in the ``zxcvbn`` strength estimate.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import struct
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from station_desk.errors import DomainError

MAGIC = b"SDBK\x00v1\n"
MAGIC2 = b"SDBK\x00v2\n"
CHUNK = 1 << 20
TAG = 16
DIGEST = 32
#: scrypt N=2^13, r=8, p=22: as long per guess as N=2^17, p=1 (measured 0.41 s each on the development machine)
#: in 8 MiB instead of 128 MiB, so the program stays under 200 MB during a month-end backup with every tab open
#: (issue #15; OWASP lists N=2^13, r=8, p=10 as equivalent to N=2^17, p=1 — this is twice that work). The
#: passphrase itself must be strong (:func:`check_passphrase_strength`): its guessing, not the key's memory, is
#: what protects a lost stick. Files and verifiers written with other parameters carry them and are still read.
PRODUCTION_SCRYPT_N = 2**13  # (tests lower SCRYPT_N)
SCRYPT_N, SCRYPT_R, SCRYPT_P = PRODUCTION_SCRYPT_N, 8, 22
#: the most a file's header (or a stored verifier) may ask for: 2^20·8·128 B = 1 GiB would be refused
MAX_N, MAX_R, MAX_P, MAX_CHUNK = 2**18, 16, 32, 16 << 20
MAX_WORK = 2**18 * 16 * 4  # n·r·p: at most 16 × the production work (~8 s), whatever the split
MAX_KDF_MEMORY = 256 << 20
MIN_PASSPHRASE = 10
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable: moderate protection from offline slow-hash scenario"


def _check_cost(n: int, r: int, p: int) -> None:
    if not (2 <= n <= MAX_N and n & (n - 1) == 0 and 1 <= r <= MAX_R and 1 <= p <= MAX_P
            and 128 * n * r <= MAX_KDF_MEMORY and n * r * p <= MAX_WORK):
        raise DomainError("backup.corrupt", detail="加密文件头中的密钥参数超出允许范围")


def derive_key(passphrase: str, salt: bytes, n: int | None = None, r: int | None = None,
               p: int | None = None, *, length: int = 32) -> bytes:
    n, r, p = n or SCRYPT_N, r or SCRYPT_R, p or SCRYPT_P
    _check_cost(n, r, p)
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=129 * n * r * p + (1 << 20), dklen=length)


def check_passphrase_strength(passphrase: str) -> None:
    """Refuse a weak passphrase: too short, or guessable by the zxcvbn estimate (``111111``, ``password1234``,
    keyboard rows, dates, common words)."""
    passphrase = passphrase or ""
    if len(passphrase) < MIN_PASSPHRASE:
        raise DomainError("backup.passphrase_too_short", min=MIN_PASSPHRASE)
    from zxcvbn import zxcvbn

    if zxcvbn(passphrase[:100])["score"] < MIN_SCORE:
        raise DomainError("backup.passphrase_weak")


def make_verifier(passphrase: str) -> str:
    """A stored check of the passphrase (never the passphrase): ``scrypt$n$r$p$salt$digest``."""
    check_passphrase_strength(passphrase)
    return remake_verifier(passphrase)


def verifier_is_current(verifier: str) -> bool:
    """True when ``verifier`` was made with today's parameters (else it is re-made at the next right passphrase)."""
    try:
        _scheme, n, r, p, _salt, _digest = verifier.split("$")
        return (int(n), int(r), int(p)) == (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    except ValueError:
        return False


def remake_verifier(passphrase: str) -> str:
    """A verifier of a passphrase already checked (right, and strong when it was set): today's parameters."""
    salt = secrets.token_bytes(16)
    digest = derive_key(passphrase, salt)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verifier_matches(passphrase: str, verifier: str) -> bool:
    try:
        _scheme, n, r, p, salt_hex, digest_hex = verifier.split("$")
        digest = derive_key(passphrase or "", bytes.fromhex(salt_hex), int(n), int(r), int(p))
    except (ValueError, TypeError, DomainError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">I?", index, last)


def _key_check(check_key: bytes, header: bytes) -> bytes:
    return hmac.new(check_key, b"station_desk key check\n" + header, hashlib.sha256).digest()


def is_encrypted_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) in (MAGIC, MAGIC2)
    except OSError:
        return False


def encrypt_file(src: Path, out: BinaryIO, passphrase: str, *,
                 progress: Callable[[int, int], None] | None = None) -> None:
    """Encrypt ``src`` into the open binary file ``out`` (the caller fsyncs and renames)."""
    total = Path(src).stat().st_size
    with open(src, "rb") as fh:
        encrypt_chunks(iter(lambda: fh.read(CHUNK), b""), total, out, passphrase, progress=progress)


def encrypt_chunks(chunks: Iterable[bytes], total: int, out: BinaryIO, passphrase: str, *,
                   progress: Callable[[int, int], None] | None = None) -> None:
    """Encrypt the plaintext given as ``CHUNK``-sized pieces (the last may be shorter) into ``out``."""
    salt = secrets.token_bytes(16)
    prefix = secrets.token_bytes(8)
    header = json.dumps({"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt.hex(),
                         "cipher": "AES-256-GCM", "chunk": CHUNK, "nonce_prefix": prefix.hex()},
                        sort_keys=True).encode("ascii")
    master = derive_key(passphrase, salt, length=64)
    aes = AESGCM(master[:32])
    head = MAGIC2 + struct.pack(">I", len(header)) + header + _key_check(master[32:], header)
    out.write(head + hashlib.sha256(head).digest())
    done = 0
    pieces = iter(chunks)
    chunk = next(pieces, b"")
    index = 0
    while True:
        following = next(pieces, b"") if chunk else b""
        last = not following
        out.write(aes.encrypt(_nonce(prefix, index), chunk, _aad(header, index, last)))
        done += len(chunk)
        if progress:
            progress(done, total)
        if last:
            break
        chunk = following
        index += 1


def _damaged_header() -> DomainError:
    return DomainError("backup.corrupt", detail="加密文件头已损坏")


def _read_header(fh: BinaryIO) -> tuple[int, bytes, dict]:
    """(format version, header bytes, header fields), with the v2 header digest checked and the parameters
    capped; nothing is derived yet."""
    magic = fh.read(len(MAGIC))
    if magic not in (MAGIC, MAGIC2):
        raise DomainError("backup.not_encrypted_format")
    raw_len = fh.read(4)
    if len(raw_len) != 4:
        raise DomainError("backup.corrupt", detail="文件太短，加密文件头不完整")
    (length,) = struct.unpack(">I", raw_len)
    if length > 4096:
        raise _damaged_header()
    header = fh.read(length)
    version = 2 if magic == MAGIC2 else 1
    if version == 2:
        check = fh.read(DIGEST)
        digest = fh.read(DIGEST)
        if hashlib.sha256(magic + raw_len + header + check).digest() != digest:
            raise _damaged_header()
        header_fields = _fields(header)
        header_fields["_key_check"] = check
    else:
        header_fields = _fields(header)
    return version, header, header_fields


def _fields(header: bytes) -> dict:
    try:
        meta = json.loads(header)
        fields = {"salt": bytes.fromhex(meta["salt"]), "prefix": bytes.fromhex(meta["nonce_prefix"]),
                  "chunk": int(meta["chunk"]), "n": int(meta["n"]), "r": int(meta["r"]), "p": int(meta["p"])}
    except (KeyError, ValueError, TypeError, AttributeError):
        raise _damaged_header() from None
    _check_cost(fields["n"], fields["r"], fields["p"])
    if not 1 <= fields["chunk"] <= MAX_CHUNK or len(fields["prefix"]) != 8:
        raise DomainError("backup.corrupt", detail="加密文件头中的分段大小超出允许范围")
    return fields


def _open_key(version: int, header: bytes, meta: dict, passphrase: str) -> AESGCM:
    if version == 1:
        return AESGCM(derive_key(passphrase or "", meta["salt"], meta["n"], meta["r"], meta["p"]))
    master = derive_key(passphrase or "", meta["salt"], meta["n"], meta["r"], meta["p"], length=64)
    if not hmac.compare_digest(_key_check(master[32:], header), meta["_key_check"]):
        raise DomainError("backup.wrong_passphrase")
    return AESGCM(master[:32])


def decrypt_file(src: Path, dest: Path, passphrase: str, *,
                 progress: Callable[[int, int], None] | None = None) -> None:
    """Decrypt ``src`` into ``dest``. Raises ``backup.wrong_passphrase`` only when the passphrase is wrong
    (v2: the key check), ``backup.corrupt`` when the header or a chunk is damaged."""
    total = Path(src).stat().st_size
    with open(src, "rb") as fh, open(dest, "wb") as out:
        version, header, meta = _read_header(fh)
        aes = _open_key(version, header, meta, passphrase)
        index = 0
        sealed = fh.read(meta["chunk"] + TAG)
        while True:
            following = fh.read(meta["chunk"] + TAG)
            last = not following
            try:
                out.write(aes.decrypt(_nonce(meta["prefix"], index), sealed, _aad(header, index, last)))
            except InvalidTag:
                if index == 0 and version == 1:
                    raise DomainError("backup.wrong_passphrase") from None
                raise DomainError("backup.corrupt", detail=f"第 {index + 1} 段数据校验失败") from None
            if progress:
                progress(fh.tell(), total)
            if last:
                break
            sealed = following
            index += 1
        out.flush()
