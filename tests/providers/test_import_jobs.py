"""Large imports leave the request: a job in the database queue, a worker, a job page."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db.models.signals import post_save
from django.utils.translation import override
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.users.models import UserProfile

from providers.contract import NAMES
from providers.importer import Importer, read_rows
from providers.jobs import IN_REQUEST_ROWS
from providers.models import District, ImportJob, Provider, ServiceType
from search.models import SearchDocument
from tests.providers.factories import ProviderFactory, translate_provider
from tests.worker import DATABASE_QUEUE, run_worker

pytestmark = pytest.mark.django_db


def csv_file(rows, name="providers.csv"):
    lines = [",".join(NAMES)] + [",".join(row.get(c, "") for c in NAMES) for row in rows]
    upload = io.BytesIO("\n".join(lines).encode())
    upload.name = name
    return upload


def synthetic_rows(count, prefix="job"):
    districts = list(
        District.objects.filter(locale__language_code="ro", country="RO").values_list(
            "code", flat=True
        )
    )
    return [
        {
            "external_id": f"{prefix}-{number}",
            "name": f"Centrul {number}",
            "legal_form": "ngo",
            "country": "RO",
            "district": districts[number % len(districts)],
            "settlement": "Craiova",
            "latitude": "44.3302",
            "longitude": "23.7949",
            "service_types": "day-care",
        }
        for number in range(count)
    ]


@pytest.fixture
def staff(admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    return admin_user


@pytest.fixture
def romanian():
    return Locale.objects.get(language_code="ro")


def upload(client, rows, locale, dry_run=False):
    data = {"file": csv_file(rows), "language": locale.pk}
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/admin/providers/import/", data)


def test_a_big_file_waits_for_the_worker_then_shows_the_result(client, staff, romanian, settings):
    settings.TASKS = DATABASE_QUEUE
    client.force_login(staff)
    rows = synthetic_rows(IN_REQUEST_ROWS + 50)
    response = upload(client, rows, romanian)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/providers/import/jobs/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for the worker" in page and 'http-equiv="refresh"' in page
    assert not Provider.objects.filter(external_id__startswith="job-").exists()

    run_worker()

    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "SUCCESSFUL"
    assert task.return_value == {"status": "succeeded", "created": 350, "updated": 0, "errors": 0}
    page = client.get(response["Location"]).content.decode()
    assert "Imported: 350 new, 0 updated." in page and 'http-equiv="refresh"' not in page
    imported = Provider.objects.filter(external_id__startswith="job-", locale=romanian)
    assert imported.count() == 350
    provider = imported.get(external_id="job-7")
    assert [s.slug for s in provider.service_types.all()] == ["day-care"]
    # The indexes were brought up to date after the commit.
    assert SearchDocument.objects.filter(provider__in=imported).count() == 350
    found = get_search_backend().search("Centrul", Provider.objects.filter(locale=romanian))
    assert found.count() >= 350
    job.refresh_from_db()
    assert job.content == b"" and job.processed_rows == job.total_rows == 350
    # The import page lists the job.
    assert "providers.csv" in client.get("/admin/providers/import/").content.decode()


@override("en")
def test_twenty_thousand_rows_with_one_bad_line_import_nothing(client, staff, romanian):
    rows = [
        {
            "external_id": f"big-{number}",
            "name": f"C{number}",
            "legal_form": "ngo",
            "country": "RO",
            "district": "RO411",
            "settlement": "Craiova",
        }
        for number in range(20_000)
    ]
    rows[-1]["district"] = "XX999"
    client.force_login(staff)
    response = upload(client, rows, romanian)  # the test settings' queue runs at once
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == ImportJob.Status.FAILED
    assert job.errors == [
        {"line": 20_001, "column": "district", "message": "unknown district “XX999”"}
    ]
    assert not Provider.objects.filter(external_id__startswith="big-").exists()
    page = client.get(response["Location"]).content.decode()
    assert "1 error: nothing was imported." in page
    assert "<td>20001</td><td>district</td><td>unknown district “XX999”</td>" in page


def test_a_big_dry_run_writes_nothing(client, staff, romanian, settings):
    settings.TASKS = DATABASE_QUEUE
    client.force_login(staff)
    response = upload(client, synthetic_rows(IN_REQUEST_ROWS + 1), romanian, dry_run=True)
    run_worker()
    page = client.get(response["Location"]).content.decode()
    assert "The file is valid: 301 providers would be created and 0 updated." in page
    assert not Provider.objects.filter(external_id__startswith="job-").exists()


def test_a_small_file_is_still_imported_within_the_request(client, staff, romanian):
    client.force_login(staff)
    response = upload(client, synthetic_rows(3), romanian)
    assert response.status_code == 302 and "/admin/snippets/" in response["Location"]
    assert not ImportJob.objects.exists()
    assert Provider.objects.filter(external_id__startswith="job-").count() == 3


def test_jobs_are_for_users_who_may_add_providers(client, staff, romanian, django_user_model):
    job = ImportJob.objects.create(
        user=staff, locale=romanian, file_name="theirs.csv", content=b"", total_rows=400
    )
    colleague = django_user_model.objects.create_user("colleague", password="x" * 12)
    colleague.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_provider"),
    )
    client.force_login(colleague)
    # A colleague with the permission sees every import (one shared directory).
    assert "theirs.csv" in client.get(f"/admin/providers/import/jobs/{job.pk}/").content.decode()
    outsider = django_user_model.objects.create_user("outsider", password="x" * 12)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    for url in (f"/admin/providers/import/jobs/{job.pk}/", "/admin/providers/import/"):
        response = client.get(url)
        assert response.status_code in (302, 403) and b"theirs.csv" not in response.content
    response = client.post("/admin/providers/import/", {"file": csv_file([]), "language": 1})
    assert response.status_code in (302, 403) and ImportJob.objects.count() == 1


def test_the_bulk_import_updates_every_language_version(romanian):
    source = ProviderFactory(
        external_id="bg-fyc-vidin", service_types=["information-and-counselling"]
    )
    vidin = {"bg": source}
    for language in ("ro", "en"):
        vidin[language] = translate_provider(source, language, name=f"FYC Vidin ({language})")
    row = {
        "external_id": source.external_id,
        "name": source.name,
        "legal_form": source.legal_form,
        "country": source.country,
        "district": source.district.code,
        "settlement": source.settlement,
        "latitude": "43.990000",
        "longitude": "22.870000",
        "phone": "+359 94 000 000",
        "service_types": "day-care",
    }
    rows = list(read_rows("x.csv", csv_file([row]).getvalue()))
    result = Importer(source.locale).run(rows)
    assert result.ok and result.updated == 1
    for language in ("ro", "en"):
        other = Provider.objects.get(pk=vidin[language].pk)
        assert other.phone == "+359 94 000 000" and str(other.latitude) == "43.990000"
        assert other.district.locale_id == other.locale_id  # its own language's district
        terms = list(other.service_types.all())
        assert [t.slug for t in terms] == ["day-care"]
        expected = ServiceType.objects.filter(slug="day-care", locale=other.locale).first()
        assert terms[0] == (
            expected or ServiceType.objects.get(slug="day-care", locale=source.locale)
        )
        assert other.name == vidin[language].name  # the texts stay in their language


def test_the_bulk_write_reproduces_every_provider_save_receiver():
    """The importer writes without post_save, doing each receiver's work itself
    (providers.importer.write_all and reindex). A new receiver must be added there too."""
    receivers = {
        f"{receiver.__module__}.{receiver.__qualname__}"
        for receiver in post_save._live_receivers(Provider)[0]
    }
    assert receivers == {
        "home.translation.signals.on_snippet_saved",  # record_changes
        "home.translation.review.on_snippet_saved",  # no-op for draft-state snippets
        "home.caching.invalidate",  # reindex: invalidate()
        "providers.signals.on_provider_saved",  # new rows have no translations yet
        "providers.signals.on_provider_facts_saved",  # share_in_bulk
        "search.signals.on_provider_saved",  # providers_saved_in_bulk → index_providers
        "wagtail.signal_handlers.update_reference_index_on_save",  # index_references
        "modelsearch.signal_handlers.post_save_signal_handler",  # backend.add_bulk
    }


def test_a_search_rebuild_can_be_queued_for_the_worker(settings):
    settings.TASKS = DATABASE_QUEUE
    SearchDocument.objects.all().delete()
    call_command("rebuild_search", "--background", stdout=io.StringIO())
    assert not SearchDocument.objects.exists()  # queued, not run
    run_worker()
    task = DBTaskResult.objects.get(task_path="search.tasks.rebuild_search_task")
    assert task.status == "SUCCESSFUL"
    assert task.return_value["documents"] == SearchDocument.objects.count() > 0
