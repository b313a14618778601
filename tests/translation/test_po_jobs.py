"""Uploads of many PO files leave the request: a job in the database queue, a worker, a job page."""

import io
import zipfile
from datetime import timedelta

import polib
import pytest
from django.contrib.auth.models import Group
from django_tasks_db.models import DBTaskResult
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation

from home.roles import TRANSLATOR_GROUPS
from home.translation.jobs import IN_REQUEST_FILES
from home.translation.models import POUploadJob, SourceChange
from tests.worker import DATABASE_QUEUE, run_worker

pytestmark = pytest.mark.django_db
URL = "/admin/translations/"
MARK = "RO-job "


def make_translator(django_user_model, username, language):
    user = django_user_model.objects.create_user(username, password="long-enough-password")
    user.groups.add(Group.objects.get(name=TRANSLATOR_GROUPS[language]))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def translator(client, django_user_model):
    user = make_translator(django_user_model, "ioana", "ro")
    client.force_login(user)
    return user


def out_of_date(count):
    """``count`` Romanian translations whose source changed since their last sync."""
    translations = list(
        Translation.objects.filter(target_locale__language_code="ro", enabled=True)
        .select_related("source")
        .order_by("pk")[:count]
    )
    assert len(translations) == count
    for translation in translations:
        SourceChange.objects.update_or_create(
            translation_key=translation.source.object_id,
            locale_id=translation.source.locale_id,
            defaults={"changed_at": translation.source.last_updated_at + timedelta(days=1)},
        )
    return translations


def exported_and_filled(client, count):
    """The queue's export for Romanian, every string translated, as (name, PO text)."""
    response = client.get(f"{URL}export/", {"language": "ro"})
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert len(names) == count
    files = []
    for name in names:
        po = polib.pofile(archive.read(name).decode())
        for entry in po:
            entry.msgstr = MARK + entry.msgid
        files.append((name, str(po)))
    return files


def zip_of(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files:
            archive.writestr(name, text)
    return buffer.getvalue()


def upload(client, name, content):
    file = io.BytesIO(content)
    file.name = name
    return client.post(f"{URL}upload/", {"file": file, "next": URL})


def foreign_po():
    po = polib.POFile()
    po.metadata = {"X-WagtailLocalize-TranslationID": "00000000-0000-0000-0000-000000000000"}
    po.append(polib.POEntry(msgid="a", msgstr="b"))
    return str(po)


def marked(translation):
    return StringTranslation.objects.filter(
        locale=translation.target_locale,
        context__object_id=translation.source.object_id,
        data__startswith=MARK,
    )


def test_many_files_wait_for_the_worker_then_show_what_was_updated(client, translator, settings):
    settings.TASKS = DATABASE_QUEUE
    translations = out_of_date(25)
    files = exported_and_filled(client, 25)
    assert len(files) > IN_REQUEST_FILES

    response = upload(client, "translations-ro.zip", zip_of(files))
    job = POUploadJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{URL}uploads/{job.pk}/"
    assert job.user == translator and job.languages == ["ro"] and job.total_files == 25
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for the worker" in page and 'http-equiv="refresh"' in page
    assert not any(marked(translation).exists() for translation in translations)
    queue = client.get(URL).content.decode()
    assert "translations-ro.zip" in queue and "Waiting for the worker" in queue

    run_worker()

    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "SUCCESSFUL"
    assert task.return_value == {"status": "succeeded", "updated": 25}
    job.refresh_from_db()
    assert job.content == b"" and job.processed_files == job.total_files == 25
    assert job.finished_at and job.message == ""
    page = client.get(response["Location"]).content.decode()
    assert "25 translations updated from the uploaded file." in page
    assert 'http-equiv="refresh"' not in page
    for translation in translations:
        assert marked(translation).exists()
        assert f"{URL}{translation.pk}/edit/" in page
    assert page.count("<td>Română</td>") == 25
    assert ">Done<" in client.get(URL).content.decode()


def test_one_foreign_file_among_many_changes_nothing(client, translator):
    translations = out_of_date(25)
    files = exported_and_filled(client, 25)
    files[-1] = ("foreign.po", foreign_po())
    # The test settings' queue runs the job at once.
    response = upload(client, "translations-ro.zip", zip_of(files))
    job = POUploadJob.objects.get()
    assert response["Location"] == f"{URL}uploads/{job.pk}/"
    assert job.status == POUploadJob.Status.FAILED and job.content == b""
    assert job.updated == [] and job.processed_files == 24  # stopped at the foreign file
    page = client.get(response["Location"]).content.decode()
    assert "Nothing was changed" in page
    assert "foreign.po was not exported from this site&#x27;s translation queue." in page
    assert not any(marked(translation).exists() for translation in translations)


def test_a_small_upload_is_still_applied_within_the_request(client, translator):
    translations = out_of_date(3)
    files = exported_and_filled(client, 3)
    response = upload(client, "translations-ro.zip", zip_of(files))
    assert response.status_code == 302 and response["Location"] == URL
    assert not POUploadJob.objects.exists()
    assert all(marked(translation).exists() for translation in translations)
    assert "3 translations updated from the uploaded file." in client.get(URL).content.decode()


def test_a_bad_archive_is_refused_at_once(client, translator):
    crowd = zip_of([(f"f{number}.po", "") for number in range(501)])
    response = upload(client, "crowd.zip", crowd)
    assert response.status_code == 302 and not POUploadJob.objects.exists()
    page = client.get(URL).content.decode()
    assert "The archive holds 501 files; at most 500 are accepted." in page


def test_jobs_are_shown_to_their_uploader_and_translators_of_their_languages(
    client, translator, django_user_model, admin_user
):
    job = POUploadJob.objects.create(
        user=translator, file_name="theirs.zip", content=b"", languages=["ro"], total_files=30
    )
    url = f"{URL}uploads/{job.pk}/"
    assert "theirs.zip" in client.get(url).content.decode()

    colleague = make_translator(django_user_model, "radu", "ro")
    client.force_login(colleague)
    assert "theirs.zip" in client.get(url).content.decode()
    assert "theirs.zip" not in client.get(URL).content.decode()  # the queue lists one's own

    client.force_login(admin_user)  # every language
    assert client.get(url).status_code == 200

    other = make_translator(django_user_model, "ivan", "bg")
    client.force_login(other)
    response = client.get(url)  # Wagtail turns the refusal into a redirect to the dashboard
    assert response.status_code in (302, 403) and b"theirs.zip" not in response.content
    assert b"theirs.zip" not in client.get(url, follow=True).content
    assert b"theirs.zip" not in client.get(URL).content


def test_a_running_job_shows_the_files_checked_then_the_indeterminate_apply(client, translator):
    job = POUploadJob.objects.create(
        user=translator,
        file_name="many.zip",
        content=b"x",
        languages=["ro"],
        status=POUploadJob.Status.RUNNING,
        total_files=30,
        processed_files=12,
    )
    page = client.get(f"{URL}uploads/{job.pk}/").content.decode()
    assert "Checking the files. Files checked: 12 of 30" in page and 'value="12"' in page
    assert 'http-equiv="refresh"' in page
    POUploadJob.objects.filter(pk=job.pk).update(processed_files=30)
    page = client.get(f"{URL}uploads/{job.pk}/").content.decode()
    assert "Every file is applied in one transaction: all or nothing." in page
    assert "<progress>" in page
