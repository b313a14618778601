"""The test databases, built once per tree and copied for every process that needs them.

Two SQLite templates (database and media), each built with the real commands in a
subprocess:

``sections``
    The site's structure and nothing more: the home page and each section's page in
    three languages, the districts, categories and topics, the roles
    (``load_demo --sections-only``, ``setup_roles``). Every test starts from it and makes
    what it needs with the factories in ``tests/<app>/factories.py``. Built in seconds.
``demo``
    The whole demo in three languages (``load_demo`` on the sections), for the demo's own
    checks in tests/demo/ (marked ``pytest.mark.demo``: tests/conftest.py swaps their
    database) and for the site that the browser checks serve. It takes about a minute, so
    a run starts it in the background as soon as a collected test needs it.

Each is kept in ``.test-cache/`` under a key made from every source file that it
depends on (code, migrations, demo data; not the tests), so a second run on an
unchanged tree starts at once and any change to the product builds it anew. The migrated
database is kept too, under a key of what decides it (migrations, settings, apps, pinned
packages): a change to a view or a template then rebuilds on it and skips the
15 seconds of migrations. One process builds a template while the others wait for it.

PostgreSQL runs (``DATABASE_URL=postgres://…``) build the same in their test databases
(tests/conftest.py).
"""

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".test-cache"
# Each kind: the template it starts from (None: the migrated database) and the commands.
KINDS = {
    # prerender_pages makes the renditions the pages show (the home page's picture) once
    # here, not in every test that renders a page.
    "sections": (None, [["load_demo", "--sections-only"], ["setup_roles"], ["prerender_pages"]]),
    # The rest of the demo on the sections (load_demo keeps what is there, as on a site),
    # and the renditions of its pages.
    "demo": ("sections", [["load_demo"], ["prerender_pages"]]),
}
# What the demo is made of; tests, tools and generated folders are not.
SOURCE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".html", ".svg", ".css", ".po"}
SKIPPED = {"tests", "node_modules", "media", "staticfiles", "backups", "scripts"}
STALE_AFTER = 3600  # seconds: what an earlier tree kept goes once no run can still read it


BUILD_SCRIPT = """
import json
import os
import shutil

import django
from django.core.management import call_command
from django.db import connections

django.setup()
print("manage.py migrate", flush=True)
call_command("migrate", "--noinput")  # nothing to apply on a kept migrated database
if os.environ.get("SAVE_MIGRATED"):
    connections.close_all()
    shutil.copyfile(os.environ["BUILD_DATABASE"], os.environ["SAVE_MIGRATED"])
for command in json.loads(os.environ["BUILD_COMMANDS"]):
    print("manage.py", *command, flush=True)
    call_command(*command)
connections.close_all()  # the write-ahead log goes into the file that is copied
"""
# What the migrated database depends on, beside the migrations themselves.
MIGRATION_INPUTS = (
    "pyproject.toml",
    "requirements/constraints.txt",
    "cms/settings/*.py",
    "*/apps.py",
)


def uses_sqlite():
    return not os.environ.get("DATABASE_URL", "sqlite").startswith(("postgres", "pgsql"))


def source_key():
    """The product's sources and the templates' build commands."""
    return files_key(_sources(), also=json.dumps(KINDS))


def migrated_key():
    paths = {path for pattern in MIGRATION_INPUTS for path in ROOT.glob(pattern)}
    paths |= {path for folder in _product_folders() for path in folder.glob("**/migrations/*.py")}
    return files_key(paths)


def files_key(paths, also=""):
    """A short digest of the files' names and contents, of ``also`` and of this Python."""
    digest = hashlib.sha256(also.encode())
    for path in sorted(set(paths)):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def _product_folders():
    return [
        path
        for path in ROOT.iterdir()
        if path.is_dir() and not path.name.startswith(".") and path.name not in SKIPPED
    ]


def _sources():
    yield from (
        path
        for path in ROOT.iterdir()
        if path.is_file() and path.suffix in SOURCE_SUFFIXES and not path.name.startswith(".")
    )
    for folder in _product_folders():
        yield from (
            item
            for item in folder.rglob("*")
            if item.suffix in SOURCE_SUFFIXES and "__pycache__" not in item.parts
        )


def ensure_template(kind, report=print):
    """The ``kind`` template's folder (``demo.sqlite3`` and ``media/``), built if it is
    not cached; a process that finds another building it waits for it."""
    folder = CACHE / f"{kind}-{source_key()}"
    if (folder / "ready").exists():
        return folder
    CACHE.mkdir(exist_ok=True)
    with (CACHE / f"{kind}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "ready").exists():
            _build(kind, folder, report)
    return folder


def _build(kind, folder, report):
    base, commands = KINDS[kind]
    base_folder = ensure_template(base, report) if base else None
    migrated = CACHE / f"migrated-{migrated_key()}.sqlite3"
    _remove_stale_templates(keep=migrated)
    building = CACHE / f"building-{kind}-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    database = building / "demo.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "BUILD_DATABASE": str(database),
        "BUILD_COMMANDS": json.dumps(commands),
        "MEDIA_ROOT": str(building / "media"),
    }
    if base_folder:
        copy_template(base_folder, database, building / "media")
    elif migrated.exists():
        shutil.copyfile(migrated, database)
    else:
        env["SAVE_MIGRATED"] = str(building / "migrated.sqlite3")
    started = time.monotonic()
    # One process runs the real commands in turn (one Django start-up, not several).
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-c", BUILD_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        shutil.rmtree(building, ignore_errors=True)
        raise RuntimeError(
            f"building the {kind} template exited {result.returncode}\n"
            f"{result.stdout}\n{result.stderr}"
        )
    if "SAVE_MIGRATED" in env:
        os.replace(env["SAVE_MIGRATED"], migrated)
    (building / "ready").touch()
    building.rename(folder)
    report(f"{kind} template built in {time.monotonic() - started:.0f} s: {folder}")


def _remove_stale_templates(keep, max_age=STALE_AFTER):
    """Templates of earlier trees, once no run can still be copying them, and migrated
    databases of earlier migrations."""
    current = source_key()
    for old in [*CACHE.glob("demo-*"), *CACHE.glob("sections-*"), *CACHE.glob("building-*")]:
        if not old.name.endswith(current) and time.time() - old.stat().st_mtime > max_age:
            shutil.rmtree(old, ignore_errors=True)
    for old in CACHE.glob("migrated-*"):
        if old != keep and time.time() - old.stat().st_mtime > max_age:
            old.unlink(missing_ok=True)


def copy_template(template, database, media):
    """A private copy of the template's database for one process, and its media files
    added to the process's media folder."""
    database = Path(database)
    database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(template) / "demo.sqlite3", database)
    shutil.copytree(Path(template) / "media", media, dirs_exist_ok=True)
