"""components.derived.StoreDerived over a real store: built once, rebuilt when ingest's stamp changes, checked at
most every refresh_seconds, one build for many threads."""
from __future__ import annotations

import threading

from components.derived import StoreDerived
from components.embedder import HashEmbedder
from components.store import ChunkStore
from core.settings import Settings


class Builds:
    def __init__(self, store):
        self.store, self.n = store, 0
        self.gate = threading.Event()

    def __call__(self):
        self.gate.wait(5)
        self.n += 1
        return (self.n, self.store.fingerprint())


def test_rebuilt_only_when_the_stamp_changes(tmp_path):
    store = ChunkStore(Settings(data_dir=tmp_path), HashEmbedder().name)
    build = Builds(store)
    build.gate.set()
    derived = StoreDerived(store, build, refresh_seconds=3600)
    assert derived.get() == (1, "") and derived.get() == (1, "")
    store.set_fingerprint("after-ingest")
    assert derived.get() == (1, "")  # not asked again within refresh_seconds
    derived.invalidate()
    assert derived.get() == (2, "after-ingest")
    derived.invalidate()
    assert derived.get() == (2, "after-ingest")  # same stamp: no rebuild


def test_another_instance_change_is_seen_after_refresh_seconds(tmp_path):
    store = ChunkStore(Settings(data_dir=tmp_path), HashEmbedder().name)
    other = ChunkStore(Settings(data_dir=tmp_path), HashEmbedder().name)  # e.g. a second page on a shared server
    build = Builds(store)
    build.gate.set()
    derived = StoreDerived(store, build, refresh_seconds=0.0)
    assert derived.get()[0] == 1
    other.set_fingerprint("changed-elsewhere")
    assert derived.get() == (2, "changed-elsewhere")


def test_many_readers_share_one_build(tmp_path):
    store = ChunkStore(Settings(data_dir=tmp_path), HashEmbedder().name)
    build = Builds(store)
    derived = StoreDerived(store, build, refresh_seconds=3600)
    results = []
    threads = [threading.Thread(target=lambda: results.append(derived.get())) for _ in range(8)]
    for t in threads:
        t.start()
    build.gate.set()  # let the first build finish while the others wait on the lock
    for t in threads:
        t.join(10)
    assert results == [(1, "")] * 8 and build.n == 1
