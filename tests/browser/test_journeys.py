"""Editorial journeys in real Chromium: what editors, moderators and a Romanian translator
do in the admin, and what the public then sees (or must not see).

a. An editor writes a Bulgarian news item with an image and an event and submits it;
   a moderator approves it; it reaches the news list, the RSS and the iCalendar feeds.
b. The item is sent for translation into Romanian: nothing of it shows on /ro/ until
   the translator has translated it, marked it ready and a moderator has published it.
c. The Romanian translator can neither start, open nor save a Bulgarian translation.
d. Two editors save the same page: the second is told, and nothing is lost.
e. An editor clicks "Save draft" while autosave is still creating the page: one page.

Each journey works on content of its own (unique titles), so any order works; the demo
content the other browser checks look at is left as it was (new items aside).
"""

import html
import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .journeys import (
    EDITOR,
    MODERATOR,
    PERMISSION_DENIED,
    SECOND_EDITOR,
    TRANSLATOR_RO,
    csrf_token,
    expect_message,
    field,
    footer_actions,
    let_autosave_run,
    messages,
    open_tab,
    page_url,
    post_form,
    queue_row,
    queue_state,
    refused,
    save_draft,
    translate_every_segment,
    unfold_ical,
)

pytestmark = pytest.mark.browser

# Server round trips (publishing, search indexing) can take many seconds on a busy machine.
expect.set_options(timeout=30_000)


# Fixtures ------------------------------------------------------------------------------


def token() -> str:
    """Six digits that make a title unique and findable."""
    return f"{uuid.uuid4().int % 10**6:06d}"


def path_of(url: str) -> str:
    return unquote(urlsplit(url).path)


def present(texts: list[str], body: str) -> list[str]:
    return [text for text in texts if text and text in body]


# a. An editor writes a Bulgarian news item; a moderator publishes it -------------------


@dataclass
class NewsItem:
    page_id: int
    title: str
    lead: str
    body: str
    place: str
    token: str
    url: str = ""  # public path, once live


_published: dict[str, NewsItem] = {}


def write_and_submit_news(page: Page, site_url: str, image: Path) -> NewsItem:
    """The editor's part of journey a: write, attach an image, submit for moderation."""
    number = token()
    item = NewsItem(
        page_id=0,
        title=f"Трансгранична среща на социалните работници {number}",
        lead="Специалисти от Видин и Крайова обсъдиха общите услуги за възрастни хора.",
        body="Срещата събра двадесет участници от двата бряга на Дунав.",
        place="Видин, читалище „Цвят“",
        token=number,
    )
    page.goto(f"{site_url}/bg/novini/")
    userbar = page.locator("wagtail-userbar")
    userbar.locator("#wagtail-userbar-trigger").click()
    userbar.get_by_role("menuitem", name="Add a child page").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/news/newspage/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("News item")

    field(page, "Title").fill(item.title)
    field(page, "Lead").fill(item.lead)
    body = page.locator("#panel-child-content-body-section")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Text").click()
    paragraph = body.locator("[contenteditable=true]").first
    paragraph.click()
    paragraph.press_sequentially(item.body)
    for label, value in (("Event starts", "2027-03-18 10:00"), ("Event ends", "2027-03-18 16:30")):
        field(page, label).fill(value)
        field(page, label).press("Escape")  # closes the date picker
    field(page, "Place").fill(item.place)

    open_tab(page, "Promote")
    lists = page.locator("#panel-child-promote-lists_and_sharing-section")
    lists.get_by_role("button", name="Choose an image").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("tab", name="Upload").click()
    field(chooser, "Title").fill(f"Среща във Видин {number}")
    chooser.locator("input[type=file]").set_input_files(image)
    field(chooser, "Description").fill("Участниците в залата на читалището")
    chooser.get_by_role("button", name="Upload").click()
    expect(chooser).to_be_hidden()
    expect(lists).to_contain_text(f"Среща във Видин {number}")
    open_tab(page, "Content")

    # An editor cannot publish: the menu offers moderation, never "Publish".
    footer = footer_actions(page)
    submit = footer.get_by_role("button", name="Submit to Moderation — Български")
    expect(submit).to_be_visible()
    expect(footer.get_by_role("button", name=re.compile("Publish"))).to_have_count(0)
    # No waiting for autosave: a click while it is creating the page waits for it (e below).
    submit.click()
    expect_message(
        page,
        re.compile(
            rf"Page '{item.title}' (created and submitted|has been submitted) for moderation"
        ),
    )
    edit_link = messages(page).get_by_role("link", name="Edit")
    item.page_id = int(re.search(r"/pages/(\d+)/", edit_link.get_attribute("href")).group(1))

    # Their own view of it now: waiting in the workflow, still without a Publish button.
    edit_link.click()
    footer = footer_actions(page)
    expect(footer.get_by_role("button", name=re.compile("Publish"))).to_have_count(0)
    return item


def approve_and_publish(page: Page, site_url: str, item: NewsItem) -> None:
    """The moderator's part of journey a: from the dashboard to "Approve and Publish"."""
    page.goto(f"{site_url}/admin/")
    waiting = page.locator("#awaiting-review-section")
    expect(waiting).to_contain_text("Awaiting your review")
    row = waiting.locator("tr").filter(has_text=item.title)
    expect(row).to_contain_text(EDITOR.full_name)
    row.get_by_role("link", name=item.title).click()
    expect(page).to_have_url(f"{site_url}/admin/pages/{item.page_id}/edit/")
    footer_actions(page).get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(messages(page)).to_contain_text(item.title)
    expect(page.get_by_role("link", name=re.compile("Visit the live page")).first).to_be_visible()
    page.goto(f"{site_url}/admin/")
    reviewed = page.locator("#awaiting-review-section tr").filter(has_text=item.title)
    expect(reviewed).to_have_count(0)  # nothing left to review


def publish_bg_news(open_as, site_url: str, tmp_path: Path) -> NewsItem:
    from PIL import Image

    image = tmp_path / "sreshta-vidin.png"
    Image.new("RGB", (1200, 675), (uuid.uuid4().int % 200, 110, 160)).save(image)
    editor = open_as(EDITOR)
    item = write_and_submit_news(editor, site_url, image)

    visitor = open_as()
    visitor.goto(f"{site_url}/bg/novini/")
    expect(visitor.locator(".news-list")).not_to_contain_text(item.title)

    approve_and_publish(open_as(MODERATOR), site_url, item)
    _published["bg"] = item
    return item


@pytest.fixture
def bg_news_item(open_as, site_url, tmp_path) -> NewsItem:
    """The item journey a published, or a new one when journey b runs on its own."""
    return _published.get("bg") or publish_bg_news(open_as, site_url, tmp_path)


def test_a_editor_writes_news_moderator_publishes(open_as, site_url, tmp_path, outside_requests):
    item = publish_bg_news(open_as, site_url, tmp_path)

    visitor = open_as()
    visitor.goto(f"{site_url}/bg/novini/")
    card = visitor.locator(".news-list > li").filter(has_text=item.title)
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Видин")  # the event's place
    image = card.locator("img")
    expect(image).to_have_count(1)
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0, "the uploaded image does not load"

    card.get_by_role("link", name=item.title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(item.title)
    expect(visitor.locator("main")).to_contain_text(item.body)
    item.url = path_of(visitor.url)

    rss = visitor.request.get(f"{site_url}/bg/novini/rss/")
    assert rss.ok, rss.status
    assert item.title in rss.text(), "the news item is not in the RSS feed"
    calendar = visitor.request.get(f"{site_url}/bg/novini/calendar/")
    assert calendar.ok, calendar.status
    events = unfold_ical(calendar.text())
    assert f"SUMMARY:{item.title}" in events, "the event is not in the iCalendar feed"
    assert "DTSTART;TZID=Europe/Sofia:20270318T100000" in events
    assert not outside_requests["public"], outside_requests["public"]


# b. Translation into Romanian: invisible until a moderator publishes it ---------------


RO_TITLE = "Întâlnire transfrontalieră a asistenților sociali {token}"
RO_TEXTS = {
    "Lead": "Specialiști din Vidin și Craiova au discutat serviciile comune pentru vârstnici.",
    "Text": "Întâlnirea a reunit douăzeci de participanți de pe ambele maluri ale Dunării.",
    "Place": "Vidin, căminul cultural „Tsvyat”",
}


def public_ro_traces(visitor: Page, site_url: str, item: NewsItem, ro_path: str) -> list[str]:
    """Everywhere on /ro/ (and the sitemap) that would show the Romanian version."""
    found = []
    pages = {
        "/ro/stiri/": "html",
        "/ro/": "html",
        "/ro/stiri/rss/": "xml",
        "/ro/stiri/calendar/": "ical",
        "/sitemap.xml": "xml",
        f"/ro/search/?q={item.token}": "html",
    }
    for path, kind in pages.items():
        response = visitor.request.get(site_url + path)
        assert response.ok, f"GET {path}: {response.status}"
        raw = unquote(unfold_ical(response.text()) if kind == "ical" else response.text())
        # Titles as read (search highlights words with <mark>), addresses as linked.
        plain = " ".join(html.unescape(re.sub(r"<[^>]+>", "", raw)).split())
        found += [f"{path} shows {text!r}" for text in present([item.title, item.lead], plain)]
        found += [f"{path} links {text!r}" for text in present([ro_path], raw)]
    response = visitor.request.get(site_url + ro_path)
    if response.status != 404:
        found.append(f"{ro_path} answers {response.status}, not 404")
    return found


def test_b_translation_stays_unpublished_until_moderated(
    open_as, site_url, bg_news_item, outside_requests
):
    item = bg_news_item
    ro_title = RO_TITLE.format(token=item.token)

    # The editor sends it for translation with wagtail-localize's "Translate" action.
    editor = open_as(EDITOR)
    editor.goto(f"{site_url}/admin/pages/{item.page_id}/edit/")
    editor.get_by_role("button", name="Actions", exact=True).click()
    editor.get_by_role("link", name="Translate this page").click()
    expect(editor).to_have_url(f"{site_url}/admin/localize/submit/page/{item.page_id}/")
    editor.get_by_label("Română").check()
    editor.get_by_role("button", name="Submit").click()
    expect(messages(editor)).to_contain_text(
        f"The page '{item.title}' was successfully submitted for translation into Română"
    )
    ro_page_id = int(re.search(r"/admin/pages/(\d+)/edit/", editor.url).group(1))

    # Nothing of it on /ro/ yet.
    ro_path = path_of(page_url(editor, site_url, ro_page_id))
    assert ro_path.startswith("/ro/"), ro_path
    visitor = open_as()
    traces = public_ro_traces(visitor, site_url, item, ro_path)
    assert not traces, "An unpublished translation shows on the public site:\n" + "\n".join(traces)
    bg_url = item.url or path_of(page_url(editor, site_url, item.page_id))
    assert bg_url.startswith("/bg/"), bg_url
    visitor.goto(site_url + bg_url)
    expect(visitor.locator("link[rel=alternate][hreflang=ro]")).to_have_count(0)
    to_ro = visitor.locator(".language-switcher a[hreflang=ro]")
    assert path_of(urljoin(visitor.url, to_ro.get_attribute("href"))) == "/ro/", (
        "the language switcher should lead to the Romanian home page, not to a draft"
    )
    expect(to_ro).to_have_attribute("href", re.compile(r"untranslated=1"))

    # The translator finds it first in their queue and translates every segment.
    translator = open_as(TRANSLATOR_RO)
    translator.goto(f"{site_url}/admin/")
    translator.get_by_role("link", name="Translation queue").first.click()
    expect(translator).to_have_url(f"{site_url}/admin/translations/")
    first_row = queue_row(translator)
    expect(first_row).to_contain_text(item.title)
    expect(queue_state(first_row)).to_have_text("In progress")
    first_row.get_by_role("link", name=item.title).click()
    expect(translator).to_have_url(f"{site_url}/admin/pages/{ro_page_id}/edit/")

    texts = {**RO_TEXTS, "Title": ro_title, "Slug": f"intalnire-asistenti-sociali-{item.token}"}
    saved = translate_every_segment(
        translator, lambda field, source: texts.get(field, "RO: " + source)
    )
    assert saved >= 5, f"only {saved} segments to translate"

    # They cannot publish: no Publish button, and a forged "publish" is refused.
    footer = footer_actions(translator)
    expect(footer.get_by_role("button", name=re.compile("Publish"))).to_have_count(0)
    response = post_form(translator, translator.url, {"action": "publish"})
    assert refused(response), f"a translator's publish answered {response.status} {response.url}"

    # Ready for review, from the queue row (at 100 %: no confirmation page).
    translator.goto(f"{site_url}/admin/translations/")
    row = queue_row(translator, item.title)
    expect(row).to_contain_text("(100 %)")
    row.get_by_role("button", name="Ready for review").click()
    # (below 100 % a confirmation page listing the missed texts would answer instead)
    expect(translator).to_have_url(f"{site_url}/admin/translations/")
    expect(messages(translator)).to_contain_text(f"“{item.title}” is ready for review")
    expect(queue_state(row)).to_have_text("Ready for review")
    assert not public_ro_traces(visitor, site_url, item, ro_path), "shown before moderation"

    # A moderator opens the Romanian queue and publishes from the translation editor.
    moderator = open_as(MODERATOR)
    moderator.goto(f"{site_url}/admin/translations/")
    moderator.locator("select[name=language]").select_option(label="Română")
    moderator.get_by_role("button", name="Show").click()
    row = queue_row(moderator, item.title)
    expect(queue_state(row)).to_have_text("Ready for review")
    row.get_by_role("link", name=item.title).click()
    moderator.locator("footer").get_by_role("button", name="Publish in Română").click()
    expect(messages(moderator)).to_contain_text(f"Published '{ro_title}' in Română.")

    # Now /ro/ has it, in Romanian.
    visitor.goto(f"{site_url}/ro/stiri/")
    card = visitor.locator(".news-list > li").filter(has_text=ro_title)
    expect(card).to_have_count(1)
    expect(visitor.locator("main")).not_to_contain_text(item.title)
    card.get_by_role("link", name=ro_title).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(ro_title)
    expect(visitor.locator("main")).to_contain_text(RO_TEXTS["Text"])
    expect(visitor.locator("main")).to_contain_text(RO_TEXTS["Lead"])
    ro_live = path_of(visitor.url)
    visitor.goto(f"{site_url}/ro/search/?q={item.token}")  # the same search finds it now
    expect(visitor.locator("main").get_by_role("link", name=ro_title)).to_have_count(1)

    # The language switcher leads from the Bulgarian page to the Romanian one and back.
    visitor.goto(site_url + bg_url)
    alternate = visitor.locator("link[rel=alternate][hreflang=ro]")
    expect(alternate).to_have_count(1)
    assert path_of(alternate.get_attribute("href")) == ro_live
    visitor.locator(".language-switcher").get_by_role("link", name="Română").click()
    expect(visitor).to_have_url(re.compile(re.escape(urljoin(site_url, ro_live)) + "$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(ro_title)
    visitor.locator(".language-switcher").get_by_role("link", name="Български").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(item.title)
    assert path_of(visitor.url) == bg_url
    assert not outside_requests["public"], outside_requests["public"]


# c. The Romanian translator cannot touch a Bulgarian translation -----------------------


def write_draft_news(page: Page, index_url: str, title: str, lead: str) -> int:
    """An editor saves a short news item as a draft under a news index; returns its id."""
    page.goto(index_url)
    userbar = page.locator("wagtail-userbar")
    userbar.locator("#wagtail-userbar-trigger").click()
    userbar.get_by_role("menuitem", name="Add a child page").click()
    field(page, "Title").fill(title)
    field(page, "Lead").fill(lead)
    save_draft(page)
    expect_message(page, re.compile(rf"Page '{title}' (created|has been updated)"))
    return int(re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1))


def test_c_romanian_translator_cannot_translate_into_bulgarian(open_as, site_url):
    number = token()
    ro_title = f"Vizită de schimb la Călărași {number}"

    # Content written in Romanian, waiting to be translated into Bulgarian, and a Bulgarian
    # draft not yet started in Romanian (so the translator's queue has a not-started row).
    editor = open_as(EDITOR)
    ro_id = write_draft_news(
        editor,
        f"{site_url}/ro/stiri/",
        ro_title,
        "Asistenți sociali din Silistra vizitează centrele din Călărași.",
    )
    write_draft_news(
        editor,
        f"{site_url}/bg/novini/",
        f"Покана за обменно посещение в Силистра {number}",
        "Социални работници от Калъраш посещават центровете в Силистра.",
    )
    editor.goto(f"{site_url}/admin/localize/submit/page/{ro_id}/")
    bulgarian = editor.get_by_label("Български")
    bg_locale_id = bulgarian.get_attribute("value")

    translator = open_as(TRANSLATOR_RO)
    translator.goto(f"{site_url}/admin/translations/")
    # The queue offers Romanian only, and a Bulgarian address shows Romanian anyway.
    expect(translator.locator("select[name=language]").locator("option")).to_have_text(["Română"])
    translator.goto(f"{site_url}/admin/translations/?language=bg")
    expect(translator.locator("select[name=language]")).to_have_value("ro")
    expect(translator.locator("main table caption")).to_have_text("Translations into Română")

    # The "Translate" form offers no Bulgarian, and a forged request creates nothing.
    translator.goto(f"{site_url}/admin/localize/submit/page/{ro_id}/")
    expect(translator.get_by_label("Български")).to_have_count(0)
    response = post_form(translator, translator.url, {"locales": [bg_locale_id]})
    assert refused(response) or "Select a valid choice" in response.text(), response.status

    # The queue's "Start translation" on a not-started row opens that same form: Română
    # chosen, nothing else on offer.
    translator.goto(f"{site_url}/admin/translations/?state=not_started")
    row = queue_row(translator)
    expect(queue_state(row)).to_have_text("Not started")
    row.get_by_role("link", name="Start translation").click()
    expect(translator).to_have_url(
        re.compile(r"/admin/localize/submit/(page|snippet)/.+select_locale=ro")
    )
    expect(translator.get_by_label("Română")).to_be_checked()
    expect(translator.get_by_label("Български")).to_have_count(0)
    expect(translator.get_by_label("English")).to_have_count(0)

    # The Bulgarian queue (as the editor sees it) still has it as not started.
    editor.goto(f"{site_url}/admin/translations/?language=bg&state=all")
    expect(queue_state(queue_row(editor, ro_title))).to_have_text("Not started")

    # Now the editor starts it; the translator cannot open or save it.
    editor.goto(f"{site_url}/admin/localize/submit/page/{ro_id}/")
    editor.get_by_label("Български").check()
    editor.get_by_role("button", name="Submit").click()
    expect(messages(editor)).to_contain_text(
        "successfully submitted for translation into Български"
    )
    bg_id = int(re.search(r"/admin/pages/(\d+)/edit/", editor.url).group(1))
    props = json.loads(editor.locator(".js-translation-editor").get_attribute("data-props"))
    segment_url = next(s["editUrl"] for s in props["segments"] if s["type"] == "string")
    editor.goto(f"{site_url}/admin/translations/?language=bg")
    row = queue_row(editor, ro_title)
    expect(queue_state(row)).to_have_text("In progress")
    queue_link = urljoin(editor.url, row.get_by_role("link", name=ro_title).get_attribute("href"))
    ready_form = row.locator("form").filter(
        has=editor.get_by_role("button", name="Ready for review")
    )
    ready_url = urljoin(editor.url, ready_form.get_attribute("action"))

    for url in (queue_link, f"{site_url}/admin/pages/{bg_id}/edit/"):
        response = translator.goto(url)
        assert response.status == 403 or PERMISSION_DENIED in translator.content(), (
            f"a Romanian translator opened {url}"
        )
        expect(translator.locator(".js-translation-editor")).to_have_count(0)
    translator.goto(f"{site_url}/admin/translations/")
    response = post_form(translator, ready_url, {})
    assert refused(response), f"ready for review into bg answered {response.status}"
    response = translator.request.put(
        site_url + segment_url,
        multipart={"value": "Превод от румънския преводач"},
        headers={"X-CSRFToken": csrf_token(translator)},
    )
    assert response.status == 403, f"a segment of the bg translation answered {response.status}"
    editor.goto(f"{site_url}/admin/translations/?language=bg")
    row = queue_row(editor, ro_title)
    expect(row).to_contain_text(re.compile(r"\b0/\d+ \(0 %\)"))

    # Snippets too: a Bulgarian partner is refused, its Romanian translation opens.
    editor.goto(f"{site_url}/admin/snippets/home/partner/?locale=bg")
    bg_partner = urljoin(
        editor.url,
        editor.locator("main table tbody tr a[href*='/edit/']").first.get_attribute("href"),
    )
    editor.goto(f"{site_url}/admin/snippets/home/partner/?locale=ro")
    ro_partner = urljoin(
        editor.url,
        editor.locator("main table tbody tr a[href*='/edit/']").first.get_attribute("href"),
    )
    translator.goto(bg_partner)
    expect(translator).to_have_url(f"{site_url}/admin/")
    expect(messages(translator)).to_contain_text(PERMISSION_DENIED)
    translator.goto(ro_partner)
    expect(translator).to_have_url(ro_partner)
    expect(
        translator.get_by_role("heading", name=re.compile(r"^\s*Editing partner"))
    ).to_be_attached()


# d. Two editors save the same page --------------------------------------------------------


def test_d_concurrent_edits_lose_nothing(open_as, site_url):
    number = token()
    lead_by_first = f"Проектът свързва специалисти от двата бряга на Дунав ({number})."
    title_by_second = f"За проекта – обновено {number}"

    first, second = open_as(EDITOR), open_as(SECOND_EDITOR)
    # Find the page as an editor would: its "Edit this page" link on the public site.
    first.goto(f"{site_url}/bg/za-proekta/")
    first.locator("wagtail-userbar #wagtail-userbar-trigger").click()
    first.locator("wagtail-userbar").get_by_role("menuitem", name="Edit this page").click()
    expect(first).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    edit_url = first.url
    page_id = int(re.search(r"/pages/(\d+)/", edit_url).group(1))
    second.goto(edit_url)
    original_title = field(second, "Title").input_value()

    field(first, "Lead").fill(lead_by_first)
    assert save_draft(first) == ""
    expect(messages(first)).to_contain_text("has been updated")

    field(second, "Title").fill(title_by_second)
    warning = save_draft(second)
    # Wagtail's own notice (its editing-sessions dialog) names editor 1 before the save...
    assert not warning or EDITOR.full_name in warning, warning
    # ...and the save itself is refused with a message naming editor 1.
    expect(messages(second)).to_contain_text(EDITOR.full_name)
    expect(messages(second)).not_to_contain_text("has been updated")

    # Nothing lost: editor 1's lead is in the latest revision, editor 2's title in their form
    # (while editor 2 reads the message, their editor must not save over editor 1's version).
    expect(field(second, "Title")).to_have_value(title_by_second)
    let_autosave_run(second)
    latest = open_as(EDITOR)
    latest.goto(edit_url)
    expect(
        field(latest, "Lead"), "editor 1's lead is no longer in the latest revision"
    ).to_have_value(lead_by_first)
    expect(field(latest, "Title")).to_have_value(original_title)
    latest.close()

    # Saving again (now knowingly) succeeds; editor 1's version stays in the history.
    save_draft(second)
    expect(messages(second)).to_contain_text("has been updated")
    latest = open_as(EDITOR)
    latest.goto(edit_url)
    expect(field(latest, "Title")).to_have_value(title_by_second)

    second.goto(f"{site_url}/admin/pages/{page_id}/history/")
    history = second.locator("main table")
    expect(history).to_contain_text(EDITOR.full_name)
    expect(history).to_contain_text(SECOND_EDITOR.full_name)


# e. A click while autosave is creating the page ----------------------------------------


def test_e_save_while_autosave_creates_the_page(open_as, site_url):
    """Autosave's first answer is held back, so the editor's click falls exactly in the
    window where the page exists on the server but the form still points at "add"."""
    page = open_as(EDITOR)
    held = []

    def hold_first_autosave(route):
        request = route.request
        autosave = request.method == "POST" and "application/json" in (
            request.headers.get("accept") or ""
        )
        if autosave and not held:
            held.append((route, route.fetch()))  # the server has created the page now
        else:
            route.continue_()

    page.route("**/admin/pages/add/**", hold_first_autosave)
    page.add_init_script(
        """document.addEventListener("w-unsaved:watch-edits",
            () => { document.documentElement.dataset.watchingEdits = "1"; })"""
    )
    page.goto(f"{site_url}/bg/novini/")
    userbar = page.locator("wagtail-userbar")
    userbar.locator("#wagtail-userbar-trigger").click()
    userbar.get_by_role("menuitem", name="Add a child page").click()
    title = f"Работна среща в Русе {token()}"
    # Wagtail notes the form as it was 2 s after it opened; changes count from then on.
    page.wait_for_selector("html[data-watching-edits]", state="attached")
    field(page, "Title").fill(title)
    field(page, "Lead").fill("Кратка бележка, записана набързо.")
    field(page, "Lead").blur()
    for _tick in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "autosave never posted the new page"

    page.locator("footer").get_by_role("button", name="Save draft", exact=True).click()
    page.wait_for_timeout(500)  # the click must wait: still on the add form, nothing posted
    assert "/add/" in page.url
    route, response = held[0]
    route.fulfill(response=response)

    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect_message(page, f"Page '{title}' has been updated")
    page.goto(f"{site_url}/admin/pages/search/?q={title.rsplit(' ', 1)[1]}")
    expect(page.locator("main table tbody tr").filter(has_text=title)).to_have_count(1)
