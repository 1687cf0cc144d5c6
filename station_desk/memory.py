"""The process's memory allocator, told to give large blocks back (issue #15: under 200 MB at every moment).

glibc's ``malloc`` serves a block of 128 KiB or more from its own ``mmap`` and unmaps it when it is freed — until
the first such block is freed: then it raises that limit to the block's size (up to 32 MiB), serves later blocks of
that size from its heap, and keeps what is freed there. One scrypt key (16 MiB: the backup passphrase's, a PIN's)
is enough: after a month-end backup the program kept ~15 MB it no longer used, and the next PIN check (another
16 MiB) came on top of it. Fixed limits keep the 1 MiB chunks of a backup's copy reusable in the heap and give the
big blocks back when they are freed.

Linux (glibc) only; Windows' heap gives large blocks back by itself, and elsewhere nothing is changed.
"""

from __future__ import annotations

import sys

#: blocks of this size or more get their own mapping, unmapped when freed (glibc's default starts at 128 KiB)
MMAP_THRESHOLD = 4 << 20
#: free memory at the top of the heap beyond this goes back to the system
TRIM_THRESHOLD = 4 << 20
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)


_glibc: list = []


def _libc():
    """glibc's ``mallopt`` and ``malloc_trim``, or None (not Linux, not glibc)."""
    if not _glibc:
        found = None
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                libc = ctypes.CDLL(None)
                found = (libc.mallopt, libc.malloc_trim)
            except (OSError, AttributeError):  # musl has neither
                found = None
        _glibc.append(found)
    return _glibc[0]


def tune_allocator() -> bool:
    """Set the fixed limits (once per process, before the database and the backups allocate). True if set."""
    libc = _libc()
    if libc is None:
        return False
    mallopt = libc[0]
    return (mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1) & (mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1)


def give_back() -> None:
    """After a large passing use (a backup: SQLite's pages, the copy's buffers, the key), return the free pages
    left between the heap's blocks to the system (``malloc_trim``; the next peak then starts lower)."""
    libc = _libc()
    if libc is not None:
        libc[1](0)


def freeze_long_lived() -> None:
    """Once start-up and the tabs' warm-up have made what lives as long as the process (modules, classes, Qt
    wrappers, the tables' mappers: a few hundred thousand objects), take it out of the cyclic garbage collector's
    sight (``gc.freeze``). A full collection otherwise walked all of it in the middle of a read: the overview's
    month part took 90 ms instead of 45 when one fell in it (issue #15). Only the young generations are collected
    first (the full pass would be a pause of its own); the little start-up garbage that only a full pass finds
    stays, frozen."""
    import gc

    gc.collect(1)
    gc.freeze()
