import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, text",
    [
        ("bg", 'lang="bg"'),
        ("ro", 'lang="ro"'),
        ("en", 'lang="en"'),
    ],
)
def test_admin_is_usable_in_each_language(client, admin_user, language, text):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert text in response.content.decode()


def test_admin_offers_bulgarian(client, admin_user):
    assert ("bg", "Български") in settings.WAGTAILADMIN_PERMITTED_LANGUAGES
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert 'value="bg"' in html
