"""The background queue in tests: the real database backend and the real worker command.

``run_worker`` drives ``db_worker --batch`` in the test's process, inside the test's
transaction. The worker calls ``close_old_connections()`` between tasks, as a request
would; Django's test client switches that off for requests, and so does this: inside a
test transaction it would close PostgreSQL's connection (SQLite's in-memory one survives).
"""

from unittest import mock

from django.core.management import call_command

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


def run_worker():
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker",
            "--batch",
            "--backend",
            "background",
            "--no-startup-delay",
            "--no-reload",
            verbosity=0,
        )
