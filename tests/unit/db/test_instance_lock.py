"""One program per station file (issue #18 §5): the lock is taken on the resolved real path, so a symlink (or a
path spelled differently) to the same file does not bypass it."""

from __future__ import annotations

import os

import pytest

from station_desk.db.lock import InstanceLock
from station_desk.errors import DomainError


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_a_symlink_to_the_same_file_is_locked_out(tmp_path):
    real = tmp_path / "data" / "station.db"
    real.parent.mkdir()
    real.write_bytes(b"")
    link = tmp_path / "link.db"
    link.symlink_to(real)
    dir_link = tmp_path / "data-link"
    dir_link.symlink_to(real.parent, target_is_directory=True)
    with InstanceLock(real):
        for other in (link, dir_link / "station.db", tmp_path / "data" / ".." / "data" / "station.db"):
            with pytest.raises(DomainError) as e:
                InstanceLock(other).acquire()
            assert e.value.code == "db.locked_by_other"
    with InstanceLock(link) as held:  # released: the symlink may take it now
        assert held.held
    assert not (tmp_path / "link.db.lock").exists()
