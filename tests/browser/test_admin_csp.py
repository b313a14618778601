"""The admin's Content-Security-Policy, measured in Chromium: an administrator works
through a representative set of admin screens (page editor with its preview, the
provider map widget, uploads, the translation editor, users, search) and the browser
reports no violation of the policy; every admin page it loads carries that policy.

The policy itself is ADMIN_CONTENT_SECURITY_POLICY in cms/settings/base.py.
"""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import keep_local
from .journeys import manage

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "radu.ionescu", "Politica-de-securitate-2025"  # noqa: S105 - test only

# Run by ``manage.py shell -c`` in the site's environment: a superuser (admin in English)
# and the addresses of the screens to visit, from the demo content.
SETUP = """
import json
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.users.models import UserProfile
from home.models import StandardPage
from providers.models import Provider
from publications.models import PublicationPage

user, _ = get_user_model().objects.update_or_create(
    username={username!r},
    defaults={{"email": "radu.ionescu@example.org", "is_active": True, "is_staff": True,
               "is_superuser": True, "first_name": "Radu", "last_name": "Ionescu"}},
)
user.set_password({password!r})
user.save()
profile = UserProfile.get_for_user(user)
profile.preferred_language = "en"
profile.save()

def edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])

home = Page.objects.get(depth=2, locale__language_code="bg")
provider = Provider.objects.filter(locale__language_code="bg").order_by("pk").first()
viewset = Provider.snippet_viewset
print("SCREENS=" + json.dumps({{
    "standard page": edit(StandardPage.objects.filter(locale__language_code="bg").first()),
    "publication page": edit(PublicationPage.objects.filter(locale__language_code="bg").first()),
    "translation editor": edit(StandardPage.objects.filter(locale__language_code="ro").first()),
    "page explorer": reverse("wagtailadmin_explore", args=[home.pk]),
    "provider list": reverse(viewset.get_url_name("list")),
    "provider": reverse(viewset.get_url_name("edit"), args=[provider.pk]),
    "image": reverse("wagtailimages:edit", args=[get_image_model().objects.first().pk]),
    "document": reverse("wagtaildocs:edit", args=[get_document_model().objects.first().pk]),
}}))
"""

# Collects every violation, in the page and in its frames (the preview), with where it
# happened. Init scripts are not subject to the page's policy.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    sample: event.sample,
    source: `${event.sourceFile}:${event.lineNumber}`,
    page: location.href,
  });
}, true);
"""


def harmless(report: dict) -> bool:
    """Jcrop (the image focal-point editor) probes for touch support by putting an inline
    event handler on a detached element; refusing it changes nothing."""
    return report["directive"] == "script-src-attr" and "/jquery.Jcrop.min.js:" in report["source"]


@pytest.fixture(scope="module")
def screens(site_url, site_env) -> dict[str, str]:
    output = manage(
        site_env, "shell", "--no-imports", "-c", SETUP.format(username=USERNAME, password=PASSWORD)
    )
    return json.loads(re.search(r"^SCREENS=(.*)$", output, re.MULTILINE).group(1))


def test_admin_screens_keep_to_the_admin_policy(browser, site_url, screens, tmp_path: Path):
    from PIL import Image

    violations, documents, outside = [], [], []
    context = keep_local(browser.new_context(locale="en-GB"), outside)
    context.expose_binding("reportCspViolation", lambda _source, report: violations.append(report))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.on("response", lambda r: r.request.resource_type == "document" and documents.append(r))

    def visit(path: str) -> Page:
        page.goto(site_url + path)
        expect(page.locator("main").first).to_be_visible()
        return page

    def look_at_preview() -> None:
        """Open the editor's preview panel, see the page in it, close it again (the
        editor remembers an open panel)."""
        toggle = page.locator("[data-side-panel-toggle=preview]")
        toggle.click()
        expect(page.frame_locator("#w-preview-iframe").locator("main h1")).to_be_visible()
        toggle.click()
        expect(page.locator("#w-preview-iframe")).to_be_hidden()

    # The login form, then the dashboard.
    page.goto(f"{site_url}/admin/login/")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{site_url}/admin/")

    visit(screens["page explorer"])
    for name in ("standard page", "publication page"):
        visit(screens[name])
        look_at_preview()  # an iframe of /admin/pages/…/preview/ inside the editor
    visit(screens["translation editor"])
    expect(page.locator(".js-translation-editor").get_by_role("tab").first).to_be_visible()

    visit(screens["provider list"])
    visit(screens["provider"])
    expect(page.locator(".leaflet-container").first).to_be_visible()
    page.locator(".leaflet-container").first.click()  # places the point

    visit("/admin/images/")
    visit(screens["image"])
    visit("/admin/images/multiple/add/")
    image = tmp_path / "politica-csp.png"
    Image.new("RGB", (320, 200), (30, 90, 150)).save(image)
    page.locator("#fileupload").set_input_files(image)
    uploaded = page.locator("#upload-list .upload-success")
    expect(uploaded.locator(".thumb canvas, .thumb img").first).to_be_visible()  # blob: preview
    visit("/admin/documents/")
    visit(screens["document"])
    visit("/admin/documents/multiple/add/")
    visit("/admin/users/")
    visit("/admin/pages/search/?q=Видин")
    visit("/django-admin/")
    page.wait_for_timeout(500)  # violation reports are queued tasks: let the last arrive
    context.close()

    violations = [report for report in violations if not harmless(report)]
    assert not violations, "CSP violations in the admin:\n" + "\n".join(
        json.dumps(report, ensure_ascii=False) for report in violations
    )
    admin = re.compile(rf"{re.escape(site_url)}/(django-)?admin/")
    admin_pages = [response for response in documents if admin.match(response.url)]
    assert len(admin_pages) >= 18, [response.url for response in admin_pages]
    for response in admin_pages:
        policy = response.headers.get("content-security-policy", "")
        assert "script-src-attr 'none'" in policy, f"{response.url}: {policy!r}"
        framed = "/preview/" in response.url  # the editor's preview panel
        ancestors = "'self'" if framed else "'none'"
        assert f"frame-ancestors {ancestors}" in policy, f"{response.url}: {policy!r}"
    assert sum("/preview/" in response.url for response in admin_pages) >= 2
    assert not outside, outside
