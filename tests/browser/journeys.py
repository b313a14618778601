"""Staff and helpers for the editorial journeys in Chromium (test_journeys.py).

The site runs in a subprocess (conftest.site_url); these helpers create its staff
through ``manage.py shell``, log them in through the real admin form and drive the
admin as they would: Wagtail's page editor and wagtail-localize's translation editor.
"""

import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
PERMISSION_DENIED = "Sorry, you do not have permission to access this area."


@dataclass(frozen=True)
class StaffUser:
    username: str
    first_name: str
    last_name: str
    email: str
    password: str
    group: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


EDITOR = StaffUser(
    "elena.petrova", "Elena", "Petrova", "elena.petrova@example.org",
    "Dunav-redaktsiya-2017", "Editors",
)  # fmt: skip
SECOND_EDITOR = StaffUser(
    "georgi.ivanov", "Georgi", "Ivanov", "georgi.ivanov@example.org",
    "Vidin-Krayova-most-2019", "Editors",
)  # fmt: skip
MODERATOR = StaffUser(
    "maria.dimitrova", "Maria", "Dimitrova", "maria.dimitrova@example.org",
    "Moderatsiya-Ruse-2018", "Moderators",
)  # fmt: skip
TRANSLATOR_RO = StaffUser(
    "ioana.popescu", "Ioana", "Popescu", "ioana.popescu@example.org",
    "Traducere-Craiova-2018", "Translators — Romanian",
)  # fmt: skip
STAFF = (EDITOR, SECOND_EDITOR, MODERATOR, TRANSLATOR_RO)

# Run by ``manage.py shell -c`` in the site's environment: the roles and workflows
# (setup_roles), then the staff; the admin speaks English to everyone
# (UserProfile.preferred_language), whatever language they work on.
CREATE_STAFF = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.users.models import UserProfile

call_command("setup_roles")
for data in json.loads({users!r}):
    group = Group.objects.get(name=data.pop("group"))
    password = data.pop("password")
    user, _ = get_user_model().objects.update_or_create(
        username=data.pop("username"), defaults={{**data, "is_active": True}}
    )
    user.set_password(password)
    user.save()
    user.groups.set([group])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
print("staff ready")
"""


def manage(env: dict[str, str], *args: str) -> str:
    """Run a manage.py command against the served site's database; return its output."""
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode:
        raise AssertionError(
            f"manage.py {args[0]} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def create_staff(env: dict[str, str]) -> None:
    users = json.dumps([asdict(user) for user in STAFF], ensure_ascii=False)
    manage(env, "shell", "--no-imports", "-c", CREATE_STAFF.format(users=users))


def page_url(staff_page: Page, site_url: str, page_id: int) -> str:
    """A page's address, live or not (where the public would find it once published),
    as the admin's own API gives it to a signed-in editor."""
    response = staff_page.request.get(f"{site_url}/admin/api/main/pages/{page_id}/")
    assert response.ok, f"admin API: {response.status} for page {page_id}"
    return response.json()["meta"]["html_url"]


def log_in(page: Page, site_url: str, user: StaffUser) -> None:
    """Sign in through the admin's login form and land on the dashboard."""
    page.goto(f"{site_url}/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{site_url}/admin/")
    expect(page.locator("#wagtail-sidebar")).to_contain_text(user.first_name)


def field(scope: Page | Locator, label: str) -> Locator:
    """A text field by its label, with or without the required mark ("Lead*")."""
    return scope.get_by_role("textbox", name=re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def open_tab(page: Page, name: str) -> None:
    """Switch the editor to a tab. Leaving a field can start an autosave that re-renders
    a new page's form as its edit form, on its first tab: then click again, as anyone would."""
    tab = page.get_by_role("tab", name=name, exact=True)
    for _attempt in range(3):
        tab.click()
        try:
            expect(tab).to_have_attribute("aria-selected", "true", timeout=3_000)
        except AssertionError:
            continue
        return
    expect(tab).to_have_attribute("aria-selected", "true")


def messages(page: Page) -> Locator:
    """The admin's flash messages (success, warning, error)."""
    return page.locator(".messages")


def expect_message(page: Page, text: str | re.Pattern) -> None:
    """The admin's answer to a save says ``text``. If the form came back with validation
    errors instead, the failure names each field in error and what it says."""
    try:
        expect(messages(page)).to_contain_text(text)
    except AssertionError as error:
        fields = [" ".join(f.split()) for f in page.locator(".w-field--error").all_inner_texts()]
        raise AssertionError(f"{error}\nFields in error: {fields or 'none'}") from None


def footer_actions(page: Page) -> Locator:
    """Open the editor's action menu (the arrow next to the main button); return the footer."""
    footer = page.locator("footer")
    toggle = footer.get_by_role("button", name="More actions")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    return footer


def queue_row(page: Page, title: str | None = None) -> Locator:
    """A row of the translation queue: the one for ``title``, or the first."""
    rows = page.locator("main table tbody tr")
    return rows.filter(has_text=title) if title else rows.first


def queue_state(row: Locator) -> Locator:
    """The State cell of a translation-queue row (found by its column heading)."""
    row.wait_for()
    headings = row.locator("xpath=ancestor::table[1]/thead//th").all_inner_texts()
    return row.locator("td").nth([text.strip() for text in headings].index("State"))


def csrf_token(page: Page) -> str:
    return page.locator("input[name=csrfmiddlewaretoken]").first.input_value()


def post_form(page: Page, url: str, data: dict[str, str | list[str]]):
    """POST as the page's user would, outside the forms the page offers (a forged request)."""
    fields = [("csrfmiddlewaretoken", csrf_token(page))]
    for name, value in data.items():
        fields += [(name, item) for item in (value if isinstance(value, list) else [value])]
    return page.request.post(
        url,
        data=urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": page.url},
    )


def refused(response) -> bool:
    """A refused admin request: 403, or Wagtail's redirect to the dashboard with its notice."""
    return response.status == 403 or (
        response.ok
        and urlsplit(response.url).path == "/admin/"
        and PERMISSION_DENIED in response.text()
    )


def unfold_ical(text: str) -> str:
    """iCalendar folds lines at 75 octets; join them back before looking for a title."""
    return re.sub(r"\r?\n[ \t]", "", text)


def translate_every_segment(page: Page, translate: Callable[[str, str], str]) -> int:
    """In wagtail-localize's editor, translate each untranslated segment on every tab.

    ``translate(field_label, source_text)`` gives the translation. Returns how many
    segments were saved; each is confirmed by the editor ("Edit" replaces "Save").
    """
    editor = page.locator(".js-translation-editor")
    expect(editor.get_by_role("tab").first).to_be_visible()
    saved = 0
    for index in range(editor.get_by_role("tab").count()):
        editor.get_by_role("tab").nth(index).click()
        segments = editor.locator("li.incomplete:visible, li.complete:visible")
        for position in range(segments.count()):
            segment = segments.nth(position)
            if "incomplete" not in (segment.get_attribute("class") or ""):
                continue
            field = segment.locator("xpath=ancestor::li[1]/h3").inner_text().strip()
            source = segment.locator("p").first.inner_text()
            segment.get_by_role("button", name="Translate").click()
            segment.locator("textarea").fill(translate(field, source))
            segment.get_by_role("button", name="Save").click()
            expect(segment.get_by_role("button", name="Edit")).to_be_visible()
            saved += 1
    expect(editor.get_by_text("Saving...")).to_have_count(0)
    expect(editor.locator("li.incomplete")).to_have_count(0)
    return saved


def let_autosave_run(page: Page, timeout: float = 3_000) -> None:
    """Give the editor's autosave the time a person takes to read a message: return at its
    next answer, or after ``timeout`` ms if none comes (Wagtail autosaves 0.5 s after a
    change; what it saves in the meantime is what the next reader of the page gets)."""

    def is_autosave(response) -> bool:
        request = response.request
        return request.method == "POST" and "application/json" in request.headers.get("accept", "")

    try:
        with page.expect_response(is_autosave, timeout=timeout):
            pass
    except PlaywrightTimeoutError:
        pass


def save_draft(page: Page) -> str:
    """Press "Save draft". If Wagtail warns that someone else saved meanwhile, read the
    warning and go ahead, as a hurried editor would. Returns the warning ('' if none)."""
    page.evaluate("document.body.dataset.beforeSave = '1'")
    page.locator("footer").get_by_role("button", name="Save draft", exact=True).click()
    dialog = page.locator("#w-save-confirmation-dialog")
    confirm = dialog.get_by_role("button", name="Save draft", exact=True)
    answer = page.locator("body:not([data-before-save]) .messages li")
    confirm.or_(answer).first.wait_for()
    if not confirm.is_visible():
        return ""
    warning = dialog.inner_text()
    with page.expect_navigation():
        confirm.click()
    return warning
