"""What tests of the production set-up share: its environment, ``manage.py`` in a
subprocess, and production's collected static files (made once, kept between runs)."""

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.demo_template import CACHE, STALE_AFTER, files_key

ROOT = Path(__file__).resolve().parents[1]
# What production's collectstatic reads: the site's and its apps' static folders, the storage
# and the settings; the pinned packages bring the rest (Wagtail's admin, Leaflet).
STATIC_INPUTS = (
    "static/**/*",
    "*/static/**/*",
    "cms/storage.py",
    "cms/settings/*.py",
    "pyproject.toml",
    "requirements/constraints.txt",
)

# The production settings with the least they need (tests/cms/test_settings.py).
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "socialcohesion.example",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
    "PUBLIC_BASE_URL": "https://socialcohesion.example",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def manage(*args, env, timeout=300, low_priority=False):
    """``manage.py args`` in a subprocess with ``env`` over this process's environment
    (the production variables replaced, not merged); ``low_priority``: at the lowest CPU
    priority, on what other work leaves idle."""
    base = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(  # noqa: S603 - fixed argv, no shell
        ["nice", "-n", "19", *command] if low_priority else command,
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def collected_static(low_priority=False):
    """STATIC_ROOT as production's ``collectstatic`` fills it (hashed names, compressed
    copies): the settings test and the browser's production-static site both read it.

    Kept in ``.test-cache/`` under a key of what it is made from (``STATIC_INPUTS``), as the
    database templates are (tests/demo_template.py): a run collects again only after a
    change to a static file, the storage, the settings or a pinned package."""
    inputs = {
        path
        for pattern in STATIC_INPUTS
        for path in ROOT.glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }
    folder = CACHE / f"static-{files_key(inputs)}"
    if (folder / "ready").exists():
        return folder
    CACHE.mkdir(exist_ok=True)
    with (CACHE / "static.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "ready").exists():
            for old in CACHE.glob("static-*"):  # earlier trees', once no run can read them
                if time.time() - old.stat().st_mtime > STALE_AFTER:
                    shutil.rmtree(old, ignore_errors=True)
            building = CACHE / f"building-static-{os.getpid()}"
            shutil.rmtree(building, ignore_errors=True)
            env = {**PRODUCTION_ENV, "STATIC_ROOT": str(building)}
            result = manage("collectstatic", "--noinput", env=env, low_priority=low_priority)
            if result.returncode:
                shutil.rmtree(building, ignore_errors=True)
                raise RuntimeError(
                    f"collectstatic exited {result.returncode}:\n{result.stdout}{result.stderr}"
                )
            (building / "ready").touch()
            building.rename(folder)
    return folder
