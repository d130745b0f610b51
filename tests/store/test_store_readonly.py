"""A store in a folder (or on a disk) that cannot be written is still read: the commands that
read open it read-only, without the ``-shm`` file SQLite in WAL mode wants beside it, and write
nothing there (issue 16, item 13)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.store import Store
from newsgraph.store import documents as doc_store
from newsgraph.store.store import writable
from tests.store.test_store import hand_built

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def stored(tmp_path: Path) -> Path:
    """A store of the hand-built records, closed (its -wal and -shm gone), in a folder of its own."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    db = folder / "s.db"
    with Store.open(db) as s:
        s.save(hand_built())
    return db


def beside(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir())


@pytest.mark.parametrize("unused", [None])
def test_a_store_opened_read_only_is_read_and_nothing_is_made_beside_it(stored: Path, unused: None) -> None:
    before, data = beside(stored), stored.read_bytes()
    with Store.open(stored, create=False, read_only=True) as s:
        assert doc_store.count_documents(s.engine) == 1
        assert "mode=ro" in str(s.engine.url) and "immutable=1" in str(s.engine.url)
    assert beside(stored) == before == ["s.db"]
    assert stored.read_bytes() == data


@pytest.mark.parametrize("unused", [None])
def test_a_writable_store_is_opened_as_before(stored: Path, unused: None) -> None:
    assert writable(stored)
    with Store.open(stored, create=False) as s:
        assert "mode=ro" not in str(s.engine.url)


@pytest.fixture()
def read_only_folder(stored: Path) -> Iterator[Path]:
    """The store's folder made read-only for this (unprivileged) process."""
    if os.geteuid() == 0:
        pytest.skip("root writes through a folder's permissions; see the read-only mount test")
    stored.parent.chmod(0o555)
    try:
        yield stored
    finally:
        stored.parent.chmod(0o755)


@pytest.mark.parametrize("unused", [None])
def test_a_store_in_a_read_only_folder_is_read(read_only_folder: Path, unused: None) -> None:
    assert not writable(read_only_folder)
    with Store.open(read_only_folder, create=False) as s:
        assert doc_store.count_documents(s.engine) == 1
    assert beside(read_only_folder) == ["s.db"]


READ = (
    "import sys; from newsgraph.store import Store; from newsgraph.store import documents as d; "
    "from newsgraph.store.store import writable; from pathlib import Path; p = Path(sys.argv[1]); "
    "s = Store.open(p, create=False); print(writable(p), d.count_documents(s.engine))"
)


@pytest.mark.parametrize("unused", [None])
def test_a_store_on_a_read_only_mount_is_read(stored: Path, unused: None) -> None:
    """As root, a read-only bind mount of the folder, in a mount namespace of the child's own."""
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or unshare is None:
        pytest.skip("needs root and unshare(1) for a private read-only mount")
    folder = stored.parent
    mount = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} {folder}"
    probe = subprocess.run([unshare, "-m", "sh", "-c", f"{mount} && ! touch {folder}/x"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"no private read-only mount here: {probe.stderr.decode(errors='replace').strip()}")
    run = subprocess.run(
        [unshare, "-m", "sh", "-c", f'{mount} && exec "$0" -c "$1" "$2"', sys.executable, READ, str(stored)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["False", "1"]
    assert beside(stored) == ["s.db"]
