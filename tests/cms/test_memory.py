"""Web workers hand back the memory of a heavy request (cms/memory.py)."""

import pytest
from django.core.signals import request_finished, request_started

from cms import memory

pytestmark = pytest.mark.django_db
MiB = 1024 * 1024


class RecordingLibc:
    def __init__(self):
        self.calls = []

    def mallopt(self, parameter, value):
        self.calls.append(("mallopt", parameter, value))
        return 1

    def malloc_trim(self, pad):
        self.calls.append(("malloc_trim", pad))
        return 1


@pytest.fixture
def installed(monkeypatch):
    libc = RecordingLibc()
    monkeypatch.setattr(memory, "libc", libc)
    sizes = []
    monkeypatch.setattr(memory, "resident_bytes", lambda: sizes.pop(0) if sizes else 150 * MiB)
    assert memory.install()
    yield libc, sizes
    request_started.disconnect(dispatch_uid="cms.memory.start")
    request_finished.disconnect(dispatch_uid="cms.memory.finish")


def test_only_a_request_that_grew_the_worker_gives_memory_back(client, installed):
    libc, sizes = installed
    assert libc.calls == [("mallopt", memory.M_ARENA_MAX, memory.ARENAS)]

    sizes[:] = [150 * MiB, 153 * MiB]  # an ordinary page: a few pages more, kept
    assert client.get("/bg/").status_code == 200
    assert ("malloc_trim", 0) not in libc.calls

    sizes[:] = [153 * MiB, 217 * MiB]  # a page whose renditions were encoded
    assert client.get("/bg/").status_code == 200
    assert libc.calls.count(("malloc_trim", 0)) == 1


def test_only_production_workers_hand_memory_back(monkeypatch, settings):
    libc = RecordingLibc()
    monkeypatch.setattr(memory, "libc", libc)
    settings.TRIM_WORKER_MEMORY = False  # the threaded development server, the tests
    assert not memory.install_if_configured()
    assert libc.calls == []
    uids = [key[0] for key, *_rest in request_finished.receivers]
    assert "cms.memory.finish" not in uids


def test_without_glibc_nothing_is_changed(monkeypatch):
    monkeypatch.setattr(memory, "libc", None)
    assert not memory.install()
    uids = [key[0] for key, *_rest in request_finished.receivers]
    assert "cms.memory.finish" not in uids


def test_the_resident_size_is_read_from_the_system():
    size = memory.resident_bytes()
    assert 10 * MiB < size < 4096 * MiB
