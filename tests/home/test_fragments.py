"""Parts of pages rendered once and reused (``{% site_fragment %}``): a publish shows at
once, a preview always shows the draft, and lists keep one entry per filter and page."""

import pytest

from library.models import LibraryIndexPage

pytestmark = pytest.mark.django_db


def test_a_publish_shows_at_once_where_the_page_was_rendered_before(client, homes):
    home = homes["en"]
    assert home.lead not in ("", "A new lead")
    assert home.lead in client.get("/en/").content.decode()  # the fragment is made
    home.lead = "A new lead"
    home.save_revision().publish()
    assert "A new lead" in client.get("/en/").content.decode()


def test_a_preview_shows_the_draft_not_the_rendered_page(client, homes):
    home = homes["ro"]
    published = home.lead
    assert published in client.get("/ro/").content.decode()
    home.lead = "Un rezumat în lucru"
    preview = home.make_preview_request()
    assert "Un rezumat în lucru" in preview.content.decode()
    assert published not in preview.content.decode()
    assert published in client.get("/ro/").content.decode()  # the public page is unchanged


def test_each_filter_and_page_of_a_list_is_its_own_fragment(client):
    library = LibraryIndexPage.objects.get(locale__language_code="en").url
    romanian = client.get(f"{library}?jurisdiction=RO").context
    bulgarian = client.get(f"{library}?jurisdiction=BG").content.decode()
    for act in romanian["page_obj"].object_list:
        assert act.title not in bulgarian
    again = client.get(f"{library}?jurisdiction=RO").content.decode()
    assert all(act.title in again for act in romanian["page_obj"].object_list)
