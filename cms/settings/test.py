"""Test settings: fast hasher, local memory cache, immediate tasks, no network."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Synthetic data for the scale tests comes from the benchmarks' commands.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if os.environ.get("EMAIL_FILE_PATH"):  # the browser checks' server: mail its tests can read
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # Long jobs run at once too; tests/providers/test_import_jobs.py uses the database queue.
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# The test client's host; the browser checks' server passes the address it serves.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://localhost").rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL

# Tests keep their own uploaded files, apart from the development site's media: each test
# process (each pytest-xdist worker) starts with a fresh folder, removed when it ends.
if os.environ.get("MEDIA_ROOT"):
    MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
else:
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="rnsc-test-media-"))
    atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
SERVE_IMAGES = True  # the browser checks' site has no proxy in front

# Map tiles come from a blank, transparent local tile in tests: the tile code path runs with
# no network, and the site's own base layer shows through as it does with no tiles at all.
MAP_TILE_URL = "/static/providers/blank-tile.png?{z}/{x}/{y}"
MAP_TILE_ATTRIBUTION = ""
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILE_URL
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = ["'self'", "data:"]  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A test database is thrown away: no waiting for the disk on each commit.
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL"
    )

# Tests change data inside transactions that never commit, so nothing would purge the
# page cache: it is on where commits are real (the browser checks' served site, and the
# page cache's own tests, which turn it on).
PAGE_CACHE["ENABLED"] = os.environ.get("PAGE_CACHE", "off") == "on"  # noqa: F405
