"""Database out of reach: an honest, localized 503; static files still served; recovery."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


def refuse(self, *args, **kwargs):
    raise OperationalError('could not connect to server: Connection refused (host "db-host")')


@pytest.mark.parametrize(
    "language, text",
    [
        ("bg", "Сайтът временно не е достъпен"),
        ("ro", "Site-ul este temporar indisponibil"),
        ("en", "The site is temporarily unavailable"),
    ],
)
def test_a_database_outage_is_a_localized_503_and_the_site_recovers(monkeypatch, language, text):
    browser = Client(raise_request_exception=False, HTTP_HOST="localhost")
    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
        response = browser.get(f"/{language}/")
        page = response.content.decode()
        assert response.status_code == 503
        assert response["Retry-After"] == "60"
        assert f'<html lang="{language}"' in page and text in page
        assert "Traceback" not in page and "db-host" not in page
        assert browser.get("/static/css/site.css").status_code == 200
    assert browser.get(f"/{language}/").status_code == 200  # no restart needed


def test_other_errors_stay_500(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    browser = Client(raise_request_exception=False, HTTP_HOST="localhost")
    monkeypatch.setattr("cms.views.route_for_request", broken)
    response = browser.get("/en/")
    assert response.status_code == 500 and "Retry-After" not in response
