"""Content-Security-Policy headers: the strict public policy and the admin's own
(ADMIN_CONTENT_SECURITY_POLICY). tests/browser/test_admin_csp.py measures the admin
policy in Chromium; these check the headers themselves, quickly."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {words[0]: sorted(words[1:]) for words in directives if words}


def test_public_pages_get_the_strict_policy(client, homes):
    page = StandardPageFactory(parent=homes["en"], slug="about")
    csp = policy(client.get(page.url))
    assert csp["script-src"] == csp["style-src"] == ["'self'"]
    assert csp["object-src"] == csp["base-uri"] == csp["frame-ancestors"] == ["'none'"]
    assert "connect-src" not in csp and "frame-src" not in csp  # default-src 'self'


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/admin/", "/admin/pages/", "/django-admin/login/"]
)
def test_admin_pages_get_the_admin_policy(client, admin_user, path):
    client.force_login(admin_user)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["script-src-attr"] == ["'none'"]  # no onclick=…
    assert csp["img-src"][:3] == ["'self'", "blob:", "data:"]
    assert csp["connect-src"][0] == "'self'"
    assert csp["frame-src"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert csp["object-src"] == csp["base-uri"] == csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_preview_may_be_framed_by_the_editor_only(client, admin_user, homes):
    page = StandardPageFactory(parent=homes["bg"])
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{page.pk}/edit/preview/", {"in_preview_panel": "true"})
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(response)["frame-ancestors"] == ["'self'"]
    assert policy(response)["script-src-attr"] == ["'none'"]  # the admin's policy


def test_a_previewed_page_leaves_the_policy_to_the_admin_request(admin_user, homes):
    """Wagtail renders a preview through the middleware again, with a dummy request for
    the page's public address: that pass must not set the public policy (whose
    frame-ancestors 'none' would blank the editor's preview panel)."""
    page = StandardPageFactory(parent=homes["bg"])
    request = RequestFactory().get(f"/admin/pages/{page.pk}/edit/preview/", HTTP_HOST="localhost")
    request.user = admin_user
    response = page.make_preview_request(request, page.default_preview_mode)
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_map_tiles_and_geocoder_are_allowed_where_configured():
    code = (
        "import json, cms.settings.base as s; "
        "print(json.dumps([s.CONTENT_SECURITY_POLICY, s.ADMIN_CONTENT_SECURITY_POLICY]))"
    )
    env = {
        **os.environ,
        "MAP_TILE_URL": "https://tiles.example.org/{z}/{x}/{y}.png",
        "MAP_GEOCODER": "nominatim",
    }
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    public, admin = (item["DIRECTIVES"] for item in json.loads(result.stdout))
    assert "https://tiles.example.org" in public["img-src"]
    assert "https://tiles.example.org" in admin["img-src"]
    assert admin["connect-src"] == ["'self'", "https://nominatim.openstreetmap.org"]
    assert "connect-src" not in public  # the public map needs no geocoder
