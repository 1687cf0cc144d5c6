"""Encrypted backup files (issue #18 §6): damage and a wrong passphrase are told apart, the KDF parameters of a
file are capped before anything is derived, weak passphrases are refused."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import time

import pytest

from station_desk.backup import crypto
from station_desk.errors import DomainError

PASS = "Yellow-Kite-Harbour-42"


@pytest.fixture
def sealed(tmp_path):
    plain = tmp_path / "plain.sqlite"
    plain.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    out = io.BytesIO()
    crypto.encrypt_file(plain, out, PASS)
    path = tmp_path / "sealed.sdbk"
    path.write_bytes(out.getvalue())
    return path, plain.read_bytes()


def _flip(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def _header_end(path) -> int:
    data = path.read_bytes()
    (length,) = struct.unpack(">I", data[8:12])
    return 12 + length


def _open(path, tmp_path, passphrase=PASS) -> DomainError | None:
    try:
        crypto.decrypt_file(path, tmp_path / "out.sqlite", passphrase)
    except DomainError as exc:
        return exc
    return None


def test_roundtrip_and_wrong_passphrase(sealed, tmp_path):
    path, plain = sealed
    assert _open(path, tmp_path) is None and (tmp_path / "out.sqlite").read_bytes() == plain
    assert _open(path, tmp_path, "Not-The-Right-One-99").code == "backup.wrong_passphrase"


@pytest.mark.parametrize("where", ["header", "key_check", "digest", "first_chunk", "last_byte"])
def test_damage_is_reported_as_damage_not_as_a_wrong_passphrase(sealed, tmp_path, where):
    path, _plain = sealed
    end = _header_end(path)
    offset = {"header": end - 5, "key_check": end + 3, "digest": end + 40, "first_chunk": end + 64 + 10,
              "last_byte": path.stat().st_size - 1}[where]
    _flip(path, offset)
    err = _open(path, tmp_path)
    print(f"\n  damaged {where}: {err.message}")
    assert err.code == "backup.corrupt", err.message
    assert "密码" not in err.message


def test_a_crafted_header_cannot_make_the_program_allocate_or_spend(tmp_path, monkeypatch):
    """The issue's crafted header (1 GB, 16 s): refused from the header alone, scrypt never runs."""
    header = json.dumps({"kdf": "scrypt", "n": 2**20, "r": 8, "p": 1, "salt": "00" * 16, "cipher": "AES-256-GCM",
                         "chunk": 1 << 20, "nonce_prefix": "00" * 8}, sort_keys=True).encode()
    for magic in (crypto.MAGIC, crypto.MAGIC2):
        head = magic + struct.pack(">I", len(header)) + header
        if magic == crypto.MAGIC2:
            head += b"\0" * 32
            head += hashlib.sha256(head).digest()
        path = tmp_path / "crafted.sdbk"
        path.write_bytes(head + b"\0" * 64)
        monkeypatch.setattr(crypto.hashlib, "scrypt", lambda *a, **k: pytest.fail("scrypt ran"))
        started = time.perf_counter()
        err = _open(path, tmp_path)
        assert err.code == "backup.corrupt" and "超出" in err.message
        assert time.perf_counter() - started < 1
    assert crypto.verifier_matches(PASS, f"scrypt${2**24}$8$1${'00' * 16}${'00' * 32}") is False


@pytest.mark.parametrize("weak", ["111111", "1111111111", "password1234", "qwertyuiop12", "2026-11-30abc"])
def test_weak_passphrases_are_refused(weak):
    with pytest.raises(DomainError) as e:
        crypto.check_passphrase_strength(weak)
    assert e.value.code in ("backup.passphrase_too_short", "backup.passphrase_weak")


@pytest.mark.parametrize("strong", [PASS, "站里月末备份口令要长一点", "correct horse battery"])
def test_strong_passphrases_are_accepted(strong):
    crypto.check_passphrase_strength(strong)


def test_production_backup_kdf_cost():
    # the work of N=2^17, r=8, p=1 (the suite runs with SCRYPT_N = 2**10) …
    assert crypto.PRODUCTION_SCRYPT_N * crypto.SCRYPT_R * crypto.SCRYPT_P >= 2**17 * 8
    # … in at most 8 MiB, so a month-end backup with every tab open keeps the program under 200 MB (issue #15)
    assert 128 * crypto.PRODUCTION_SCRYPT_N * crypto.SCRYPT_R <= 8 << 20
    crypto._check_cost(crypto.PRODUCTION_SCRYPT_N, crypto.SCRYPT_R, crypto.SCRYPT_P)  # inside the caps
