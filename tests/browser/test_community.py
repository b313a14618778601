"""The community of practice in real Chromium, from a visitor's application to a member
leaving, with the moderator's part in the admin in between.

f. A Romanian social worker applies on /ro/, confirms her e-mail address and waits; a
   moderator approves her; she shares a guide, which nobody sees until a moderator has
   approved it; then it is in the library and in the Romanian search (not the Bulgarian:
   it is a Romanian text), and visitors download it.
g. She replies in a discussion; another member reports the reply; a moderator hides it.
h. She deletes her account, keeping her guide anonymised: the guide stays, her name goes,
   and she can no longer sign in.

The journeys share one applicant (module scope), so they run in this order.
"""

import email
import email.policy
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .journeys import MODERATOR, messages

pytestmark = pytest.mark.browser
expect.set_options(timeout=30_000)

DEMO_MEMBER = ("demo.member@example.org", "demo-member-2026")  # community/demo
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Applicant:
    token: str
    email: str
    password: str
    name: str
    guide: str = ""
    guide_url: str = ""
    reply: str = ""
    thread_url: str = ""


@pytest.fixture(scope="module")
def applicant() -> Applicant:
    token = f"{uuid.uuid4().int % 10**6:06d}"
    return Applicant(
        token=token,
        email=f"ana.{token}@example.org",
        password="Craiova-asistenta-2026",
        name=f"Ana Ionescu {token}",
    )


def mail_to(site_env: dict[str, str], address: str) -> list[email.message.EmailMessage]:
    """What the site has e-mailed to ``address`` (the file backend's messages), oldest first."""
    folder = Path(site_env["EMAIL_FILE_PATH"])
    found = []
    for path in sorted(folder.glob("*.log"), key=lambda item: item.stat().st_mtime):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                message = email.message_from_bytes(chunk.strip(), policy=email.policy.default)
                if address in str(message["To"]):
                    found.append(message)
    return found


def body_of(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def sign_in(page: Page, site_url: str, language: str, address: str, password: str) -> None:
    page.goto(f"{site_url}/{language}/account/login/")
    page.locator("input[name=login]").fill(address)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()


def test_f_a_specialist_joins_and_shares_a_guide(open_as, site_url, site_env, applicant, tmp_path):
    visitor = open_as()
    visitor.goto(f"{site_url}/ro/comunitate/")
    visitor.locator("main").get_by_role(
        "link", name=re.compile("Alătura|Aplica", re.I)
    ).first.click()
    expect(visitor).to_have_url(re.compile(r"/ro/account/signup/"))

    # The application: account and profile, in Romanian.
    form = visitor.locator("form.account-form")
    form.locator("input[name=email]").fill(applicant.email)
    form.locator("input[name=password1]").fill(applicant.password)
    form.locator("input[name=password2]").fill(applicant.password)
    form.locator("input[name=full_name]").fill(applicant.name)
    form.locator("input[name=organisation]").fill("Direcția Generală de Asistență Socială Dolj")
    form.locator("select[name=country]").select_option("RO")
    form.locator("select[name=district]").select_option(label="Dolj")
    form.locator("select[name=role]").select_option("social_worker")
    form.locator("input[name=languages][value=ro]").check()
    form.locator("input[name=languages][value=bg]").check()
    form.locator("textarea[name=bio]").fill("Lucrez cu vârstnici din satele de pe malul Dunării.")
    form.locator("input[name=profile_public]").check()
    expect(form.locator("input[name=website]")).to_be_hidden()  # the honeypot
    form.locator("button[type=submit]").click()
    expect(visitor).to_have_url(re.compile(r"/ro/account/confirm-email/$"))

    # The confirmation e-mail, in Romanian, and its link.
    (confirmation,) = mail_to(site_env, applicant.email)
    text = body_of(confirmation)
    assert "confirma" in text and "Rețea Regională pentru Coeziune Socială" in text, text
    link = re.search(r"https?://\S+/ro/account/confirm-email/\S+/", text).group(0)
    visitor.goto(link)
    visitor.locator("main form button[type=submit]").click()

    # Signed in, she waits for a moderator; nobody sees her yet.
    sign_in(visitor, site_url, "ro", applicant.email, applicant.password)
    expect(visitor).to_have_url(re.compile(r"/ro/comunitate/my-profile/$"))
    expect(visitor.locator(".member-status--pending")).to_be_visible()
    visitor.goto(f"{site_url}/ro/comunitate/resources/share/")
    expect(visitor.locator("main")).not_to_contain_text("Trimite moderatorilor")
    directory = open_as()
    directory.goto(f"{site_url}/ro/comunitate/members/")
    expect(directory.locator("main")).not_to_contain_text(applicant.name)

    # The moderator approves the application in the admin.
    moderator = open_as(MODERATOR)
    moderator.goto(f"{site_url}/admin/community/members/?status=pending")
    moderator.get_by_role("link", name=applicant.name).first.click()
    expect(moderator.locator("main")).to_contain_text(applicant.email)
    expect(moderator.locator("main")).to_contain_text("verified")
    moderator.get_by_role("button", name="Approve the application").click()
    expect(messages(moderator)).to_contain_text(applicant.name)
    approved = mail_to(site_env, applicant.email)[-1]
    assert "/ro/comunitate/" in body_of(approved)
    directory.reload()
    expect(directory.locator("main")).to_contain_text(applicant.name)

    # She shares a guide; it waits for the moderators.
    applicant.guide = f"Ghid pentru lucrul cu vârstnicii singuri {applicant.token}"
    pdf = tmp_path / "ghid-varstnici.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    visitor.goto(f"{site_url}/ro/comunitate/resources/share/")
    share = visitor.locator("main form")
    share.locator("input[name=title]").fill(applicant.guide)
    share.locator("textarea[name=summary]").fill(
        "Pași simpli pentru vizitele la domiciliu, testați în comunele din Dolj."
    )
    share.locator("select[name=language]").select_option("ro")
    share.locator("select[name=topic]").select_option(index=1)
    share.locator("select[name=kind]").select_option("methodology")
    share.locator("input[name=file]").set_input_files(pdf)
    share.locator("button[type=submit]").click()
    expect(visitor.locator(".resource-waiting")).to_contain_text(applicant.guide)

    library = open_as()
    library.goto(f"{site_url}/ro/comunitate/resources/")
    expect(library.locator("main")).not_to_contain_text(applicant.guide)
    library.goto(f"{site_url}/ro/search/?q={applicant.token}")
    expect(library.locator("main")).not_to_contain_text(applicant.guide)

    # The moderator approves it.
    moderator.goto(f"{site_url}/admin/community/resources/")
    moderator.get_by_role("link", name=applicant.guide).first.click()
    moderator.get_by_role("button", name="Approve and publish").click()
    expect(messages(moderator)).to_contain_text(applicant.guide)
    published = mail_to(site_env, applicant.email)[-1]
    applicant.guide_url = re.search(
        r"https?://\S+/ro/comunitate/resources/\d+/", body_of(published)
    ).group(0)

    # Now everyone finds it: library, Romanian search; not the Bulgarian search.
    library.goto(f"{site_url}/ro/comunitate/resources/")
    library.get_by_role("link", name=applicant.guide).click()
    expect(library.get_by_role("heading", level=1)).to_have_text(applicant.guide)
    expect(library.locator("main")).to_contain_text(applicant.name)
    with library.expect_download() as download:
        library.locator("main a[href$='/download/']").first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes() == MINIMAL_PDF
    library.goto(f"{site_url}/ro/search/?q={applicant.token}")
    expect(library.locator("main")).to_contain_text(applicant.guide)
    library.goto(f"{site_url}/bg/search/?q={applicant.token}")
    expect(library.locator("main")).not_to_contain_text(applicant.guide)


def test_g_a_reply_is_reported_and_hidden(open_as, site_url, applicant):
    member = open_as()
    sign_in(member, site_url, "ro", applicant.email, applicant.password)
    member.goto(f"{site_url}/ro/comunitate/discussions/")
    member.locator(".thread-row__title a[lang=ro]").first.click()
    applicant.thread_url = member.url
    applicant.reply = (
        f"La noi, în Băilești, vizitele în pereche au funcționat bine. {applicant.token}"
    )
    member.locator("textarea[name=body]").fill(applicant.reply)
    member.locator("form:has(textarea[name=body]) button[type=submit]").click()
    expect(member.locator("main")).to_contain_text(applicant.reply)

    # Another member reports it.
    other = open_as()
    sign_in(other, site_url, "en", *DEMO_MEMBER)
    other.goto(applicant.thread_url)
    post = other.locator("article").filter(has_text=applicant.reply)
    post.locator("a[href*='/report/']").click()
    other.locator("main form select[name=reason], main form input[name=reason]").first.wait_for()
    if other.locator("select[name=reason]").count():
        other.locator("select[name=reason]").select_option("personal_data")
    else:
        other.locator("input[name=reason][value=personal_data]").check()
    other.locator("textarea[name=note]").fill("Names a village and a family.")
    other.locator("main form button[type=submit]").click()
    expect(other.locator("main p[role=status]")).to_contain_text("moderator")  # thanked
    expect(other.locator("textarea[name=note]")).to_have_count(0)

    # The moderator hides it; readers see that it was hidden, not what it said.
    moderator = open_as(MODERATOR)
    moderator.goto(f"{site_url}/admin/community/posts/")
    moderator.locator("main").get_by_role("link").filter(has_text=applicant.token).first.click()
    expect(moderator.locator("main")).to_contain_text("Names a village and a family.")
    moderator.locator("textarea[name$=reason]").fill("It could identify a family.")
    moderator.get_by_role("button", name="Hide", exact=True).click()
    reader = open_as()
    reader.goto(applicant.thread_url)
    expect(reader.locator("main")).not_to_contain_text(applicant.reply)


def test_h_a_member_leaves_and_her_guide_stays_anonymised(open_as, site_url, applicant):
    member = open_as()
    sign_in(member, site_url, "ro", applicant.email, applicant.password)
    member.goto(f"{site_url}/ro/comunitate/my-profile/")
    member.locator("main a[href$='/my-profile/delete/']").click()
    member.locator("input[name=contributions][value=anonymise]").check()
    member.locator("input[name=password]").fill(applicant.password)
    member.locator("main form button[type=submit]").click()
    expect(member).to_have_url(re.compile(r"/ro/$"))
    expect(member.locator(".site-messages")).to_be_visible()

    visitor = open_as()
    visitor.goto(applicant.guide_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(applicant.guide)
    expect(visitor.locator("main")).not_to_contain_text(applicant.name)
    visitor.goto(f"{site_url}/ro/comunitate/members/")
    expect(visitor.locator("main")).not_to_contain_text(applicant.name)

    sign_in(visitor, site_url, "ro", applicant.email, applicant.password)
    expect(visitor).to_have_url(re.compile(r"/ro/account/login/"))
