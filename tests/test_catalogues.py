"""Every UI string is in the bg and ro catalogues, translated and not fuzzy."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ["bg", "ro"]
SOURCES = [
    "cms",
    "home",
    "search",
    "templates",
    "locale",
    "manage.py",
    "news",
    "library",
    "providers",
    "publications",
    "community",
    "bench",  # installed by the test settings (synthetic data)
]


def catalogue(language, root=ROOT):
    return polib.pofile(str(root / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    po = catalogue(language)
    untranslated = [entry.msgid for entry in po if not entry.translated()]
    fuzzy = [entry.msgid for entry in po if "fuzzy" in entry.flags]
    assert not untranslated, f"untranslated in {language}: {untranslated}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy}"


def test_romanian_uses_comma_below_letters():
    bad = [entry.msgstr for entry in catalogue("ro") if re.search("[şţŞŢ]", entry.msgstr)]
    assert not bad


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """The catalogues makemessages would write from the code as it is now."""
    copy = tmp_path_factory.mktemp("messages")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, copy / name)
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "makemessages",
            *[f"--locale={code}" for code in LANGUAGES],
            "--no-obsolete",
            "-v0",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=120,
        env={
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(copy),
        },
    )
    return copy


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_in_the_catalogue(fresh_catalogues, language):
    committed = {(entry.msgctxt, entry.msgid) for entry in catalogue(language)}
    current = {(entry.msgctxt, entry.msgid) for entry in catalogue(language, fresh_catalogues)}
    missing = sorted(msgid for _ctx, msgid in current - committed)
    assert not missing, f"run `make messages` and translate: {missing}"
