"""What the translators' tests translate: a page and a snippet in Bulgarian, each with
its Romanian and English translations made by wagtail-localize (tests/home/factories.py)."""

import pytest

from tests.home.factories import PartnerFactory, StandardPageFactory, localize


@pytest.fixture
def contacts(homes):
    """The contacts page, translated and published in three languages: {language: page}."""
    page = StandardPageFactory(
        parent=homes["bg"], title="Контакти", slug="kontakti", lead="Пишете ни."
    )
    return {
        "bg": page,
        "ro": localize(page, "ro", title="Contacte", slug="contact", lead="Scrieți-ne."),
        "en": localize(page, "en", title="Contacts", slug="contacts", lead="Write to us."),
    }


@pytest.fixture
def partners(db):
    """A partner in three languages: {language: partner}."""
    partner = PartnerFactory(locale=_locale("bg"), name="Фондация за деца и младежи")
    return {
        "bg": partner,
        "ro": localize(partner, "ro", name="Fundația pentru copii și tineret"),
        "en": localize(partner, "en", name="Foundation for Children and Youth"),
    }


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language)
