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


def tune_allocator() -> bool:
    """Set the fixed limits (once per process, before the database and the backups allocate). True if set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    return (mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1) & (mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1)
