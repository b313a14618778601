"""SQLite, as `make run` and the browser checks' served site use it: requests are answered
in threads and the task worker is another process, so two of them may write at once."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Another writer holds the write lock for half a second; meanwhile a transaction reads and then
# writes, as saving a page does (the tree, then the revision).
TWO_WRITERS = """
import json, threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE note (text TEXT)")
held = threading.Event()

def other_writer():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO note VALUES ('theirs')")
        held.set()
        time.sleep(0.5)
    connection.close()

thread = threading.Thread(target=other_writer)
thread.start()
held.wait()
started = time.monotonic()
error = ""
try:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM note")
        cursor.execute("INSERT INTO note VALUES ('mine')")
except Exception as exc:
    error = str(exc)
waited = time.monotonic() - started
thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT text FROM note ORDER BY rowid")
    notes = [row[0] for row in cursor.fetchall()]
print(json.dumps({"error": error, "notes": notes, "waited": waited}))
"""


@pytest.mark.parametrize("settings_module", ["cms.settings.dev", "cms.settings.test"])
def test_a_write_waits_for_another_writer_instead_of_failing(tmp_path, settings_module):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", TWO_WRITERS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    outcome = json.loads(result.stdout.splitlines()[-1])
    assert outcome["error"] == ""  # not "database is locked"
    assert outcome["notes"] == ["theirs", "mine"]
    assert outcome["waited"] >= 0.3  # it waited for the other writer's commit
