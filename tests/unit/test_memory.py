"""station_desk.memory: after a 16 MiB scrypt key (the backup passphrase's, a PIN's), the program does not keep the
16 MiB resident (glibc's growing mmap threshold did: ~15 MB after a month-end backup, issue #15)."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")

CODE = """
import hashlib, sys
from station_desk.memory import tune_allocator

def anon_mb():
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith("RssAnon:")) / 1024

if sys.argv[1] == "tuned":
    assert tune_allocator()
base = anon_mb()
for _ in range(3):  # the first key is unmapped when freed either way; the next ones are what glibc keeps
    hashlib.scrypt(b"passphrase", salt=b"s" * 16, n=2**14, r=8, p=1, maxmem=32 << 20)
print(anon_mb() - base)
"""


def _kept_mb(mode: str) -> float:
    out = subprocess.run([sys.executable, "-c", CODE, mode], capture_output=True, text=True, check=True).stdout
    return float(out)


def test_scrypt_keys_are_given_back_when_tuned():
    assert _kept_mb("tuned") < 4


def test_glibc_keeps_them_otherwise():
    """The cost this removes is real (if a glibc stops keeping them, this fails and the tuning can go)."""
    assert _kept_mb("plain") > 12
