import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest
from django.utils.translation import override
from wagtail_localize.models import Translation

pytestmark = pytest.mark.django_db
URL = "/admin/translations/"


@pytest.fixture
def admin(client, admin_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    return client


def waiting_page(page):
    """The contacts page, edited in Bulgarian and synced: its translations now wait."""
    from wagtail_localize.models import TranslationSource

    page.lead = "Пишете ни на адреса по-долу."
    page.save_revision().publish()
    TranslationSource.update_or_create_from_instance(page)
    return page


def upload(client, name, content):
    file = io.BytesIO(content)
    file.name = name
    return client.post(f"{URL}upload/", {"file": file, "next": URL}, follow=True)


def test_po_round_trip_in_bulk(admin, contacts, django_capture_on_commit_callbacks):
    page = waiting_page(contacts["bg"])
    response = admin.get(f"{URL}export/", {"language": "ro"})
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names and all(name.endswith("-ro.po") for name in names)

    filled = io.BytesIO()
    with zipfile.ZipFile(filled, "w") as out:
        for name in names:
            po = polib.pofile(archive.read(name).decode())
            for entry in po:
                if not entry.msgstr:
                    entry.msgstr = (
                        "Scrieți-ne la adresa de mai jos."
                        if entry.msgid == page.lead
                        else f"RO {entry.msgid}"
                    )
            out.writestr(name, str(po))
    html = upload(admin, "translations-ro.zip", filled.getvalue()).content.decode()
    assert "translations updated from the uploaded file" in html

    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="ro"
    )
    total, done = translation.get_progress()
    assert total == done
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    romanian = page.get_translation(translation.target_locale)
    assert "Scrieți-ne la adresa de mai jos." in admin.get(romanian.url).content.decode()


def test_malformed_or_foreign_po_files_change_nothing(admin, contacts):
    page = waiting_page(contacts["bg"])
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="ro"
    )
    before = translation.get_progress()
    with override("en"):
        html = upload(admin, "x.po", b"\xff\xfe not a po").content.decode()
        assert "is not a valid PO file" in html
        foreign = polib.POFile()
        foreign.metadata = {
            "X-WagtailLocalize-TranslationID": "00000000-0000-0000-0000-000000000000"
        }
        foreign.append(polib.POEntry(msgid="a", msgstr="b"))
        html = upload(admin, "foreign.po", str(foreign).encode()).content.decode()
        assert "was not exported from this site" in html
        assert "Upload a .po file" in upload(admin, "x.txt", b"x").content.decode()
    assert translation.get_progress() == before


def test_dashboard_shows_progress_per_language(admin):
    html = admin.get("/admin/").content.decode()
    assert 'id="translation-progress-heading"' in html
    for language in ("Български", "Română", "English"):
        assert language in html
    assert "% up to date" in html


@pytest.mark.parametrize(
    "translator, expected",
    [
        ("", None),
        ("deepl", "wagtail_localize.machine_translators.deepl.DeepLTranslator"),
        ("libretranslate", "wagtail_localize.machine_translators.libretranslate.LibreTranslator"),
    ],
)
@pytest.mark.parametrize("module", ["cms.settings.base", "cms.settings.dev", "cms.settings.test"])
def test_machine_translator_comes_from_the_environment(translator, expected, module):
    """In every environment, the translation editor offers machine translation only
    when a service is named in the environment."""
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "MACHINE_TRANSLATOR": translator,
        "DEEPL_AUTH_KEY": "k",
        "LIBRETRANSLATE_URL": "http://127.0.0.1:5000",
        "DJANGO_SETTINGS_MODULE": module,
    }
    code = (
        "from django.conf import settings; "
        "print(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', {}).get('CLASS'))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and settings)
        [sys.executable, "-c", code],
        cwd=root,
        env=env,  # noqa: S603
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.strip() == str(expected)


def zip_of(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_archives_are_measured_before_they_are_opened(admin, monkeypatch):
    import polib as polib_module

    bomb = zip_of([("bomb.po", b"\0" * (60 * 2**20))])
    assert len(bomb) < 200 * 1024  # a small upload that unpacks to 60 MB
    crowd = zip_of([(f"f{n}.po", b"") for n in range(501)])

    def must_not_parse(*args, **kwargs):
        raise AssertionError("a refused archive was opened")

    monkeypatch.setattr(polib_module, "pofile", must_not_parse)
    with override("en"):
        html = upload(admin, "bomb.zip", bomb).content.decode()
        assert "The archive unpacks to 60 MB; at most 50 MB are accepted." in html
        html = upload(admin, "crowd.zip", crowd).content.decode()
        assert "The archive holds 501 files; at most 500 are accepted." in html
