"""Fixtures shared by the community tests: the community page in each language, members,
a moderator."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from wagtail.models import Locale

from community.models import CommunityPage, Member
from home.roles import MODERATORS
from providers.models import District

SLUGS = {"bg": "obshtnost", "ro": "comunitate", "en": "community"}
PASSWORD = "long-enough-password-42"  # noqa: S105 - test accounts only


@pytest.fixture
def community_pages(homes):
    """The community page of each language tree (made here if the demo has none yet)."""
    pages = {}
    for language, home in homes.items():
        existing = CommunityPage.objects.child_of(home).first()
        if existing is None:
            existing = CommunityPage(
                title={"bg": "Общност", "ro": "Comunitate", "en": "Community"}[language],
                slug=SLUGS[language],
                locale=Locale.objects.get(language_code=language),
            )
            home.add_child(instance=existing)
            existing.save_revision().publish()
        pages[language] = existing
    return pages


@pytest.fixture
def community(community_pages):
    """The Bulgarian community page."""
    return community_pages["bg"]


@pytest.fixture
def make_member(django_user_model):
    """``make_member(email, status=approved, **profile)``: an account with a verified
    e-mail address and its Member profile. Password: PASSWORD."""

    def make(email="maria@example.org", status=Member.Status.APPROVED, **profile):
        user = django_user_model.objects.create_user(
            username=email.split("@")[0], email=email, password=PASSWORD
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        district = District.objects.filter(locale__language_code="bg", code="BG311").first()
        fields = {
            "full_name": "Мария Петрова",
            "organisation": "Община Видин",
            "country": "BG",
            "district": district,
            "role": Member.Role.SOCIAL_WORKER,
            "languages": ["bg", "ro"],
            "language": "bg",
            "status": status,
            **profile,
        }
        return Member.objects.create(user=user, **fields)

    return make


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user(
        "marin", email="marin@example.org", password=PASSWORD, first_name="Марин"
    )
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user
