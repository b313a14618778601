"""Work done once per test run and shared by its processes (pytest and its xdist workers).

The first pytest process makes a folder for the run and passes it to the workers in
``TEST_RUN_FOLDER`` (tests/conftest.py). ``once(name, build)`` makes ``name`` in it the
first time any process asks, under a lock, and every later caller gets the same result.
"""

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV_VAR = "TEST_RUN_FOLDER"

# The production settings with the least they need (tests/cms/test_settings.py).
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "socialcohesion.example",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
    "PUBLIC_BASE_URL": "https://socialcohesion.example",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def start_run():
    """In the first pytest process: the run's folder, inherited by the workers."""
    if ENV_VAR not in os.environ:
        os.environ[ENV_VAR] = tempfile.mkdtemp(prefix="rnsc-test-run-")
        return True
    return False


def end_run():
    shutil.rmtree(os.environ.pop(ENV_VAR, ""), ignore_errors=True)


def once(name, build):
    """``run folder / name``, made by ``build(path)`` on the first call of the run."""
    if ENV_VAR not in os.environ:
        raise RuntimeError(f"{ENV_VAR} is not set: tests/conftest.py sets it for the run")
    folder = Path(os.environ[ENV_VAR])
    target = folder / name
    with (folder / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / ".done").exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            build(target)
            (target / ".done").touch()
    return target


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
    copies), made once per run: the settings test and the browser's production-static
    site both read it."""

    def collect(path):
        env = {**PRODUCTION_ENV, "STATIC_ROOT": str(path)}
        result = manage("collectstatic", "--noinput", env=env, low_priority=low_priority)
        if result.returncode:
            raise RuntimeError(
                f"collectstatic exited {result.returncode}:\n{result.stdout}{result.stderr}"
            )

    return once("static", collect)
