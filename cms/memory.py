"""A web worker gives back the memory a heavy request used for a moment.

glibc keeps what a process frees for its next allocations, in one heap ("arena") per
thread that ever allocated, up to eight per core. A request that encodes image renditions
(the AVIF encoder runs threads) left a worker 60 MiB larger for good, above the 200 MiB a
worker may hold, though Python had freed it all. So, in production's web workers
(``TRIM_WORKER_MEMORY``, installed by cms/wsgi.py; not under the threaded development
server):

- at most two arenas, for the encoders' threads as for everything else;
- after a request that grew the worker by more than ``TRIM_ABOVE_BYTES``,
  ``malloc_trim(0)`` hands the free pages back to the system. It runs on
  ``request_finished``, once the response has been sent; other requests cost two reads
  of ``/proc/self/statm``.

Measured on a worker serving the demo: 153 MiB, 217 MiB after rendering the home and
news pages' 102 renditions, 174 MiB once trimmed. Elsewhere than Linux with glibc,
nothing is done.
"""

import ctypes
import ctypes.util
import os

from django.conf import settings
from django.core.signals import request_finished, request_started

M_ARENA_MAX = -8  # mallopt's parameter number (malloc.h)
ARENAS = 2
TRIM_ABOVE_BYTES = 8 * 1024 * 1024
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _glibc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None


libc = _glibc()


def resident_bytes():
    """The process's resident memory, or None where /proc is not there."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return None


_started_at = None


def _note_start(**kwargs):
    global _started_at
    _started_at = resident_bytes()


def _trim_if_grown(**kwargs):
    now = resident_bytes()
    if _started_at is not None and now is not None and now - _started_at > TRIM_ABOVE_BYTES:
        libc.malloc_trim(0)


def install_if_configured():
    return settings.TRIM_WORKER_MEMORY and install()


def install():
    """Limit the arenas and trim after heavy requests; True if this system allows it."""
    if libc is None or resident_bytes() is None:
        return False
    libc.mallopt(M_ARENA_MAX, ARENAS)
    request_started.connect(_note_start, dispatch_uid="cms.memory.start")
    request_finished.connect(_trim_if_grown, dispatch_uid="cms.memory.finish")
    return True
