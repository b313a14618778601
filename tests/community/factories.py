"""Test data for the community of practice: accounts, members, and the community page of
each language (one of the sections every test starts from)."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from community.models import CommunityPage, Member
from home.roles import MODERATORS
from providers.models import District

SLUGS = {"bg": "obshtnost", "ro": "comunitate", "en": "community"}
PASSWORD = "long-enough-password-42"  # noqa: S105 - test accounts only


class UserFactory(DjangoModelFactory):
    """An account named after its e-mail address, its address verified (allauth), with the
    password PASSWORD."""

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    username = factory.LazyAttribute(lambda user: user.email.split("@")[0])
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True  # the hook adds a row of its own

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class MemberFactory(DjangoModelFactory):
    """An approved member: a social worker of Vidin municipality; ``user__email=…`` names
    the account."""

    user = factory.SubFactory(UserFactory)
    full_name = "Мария Петрова"
    organisation = "Община Видин"
    country = "BG"
    district = factory.LazyFunction(
        lambda: District.objects.filter(locale__language_code="bg", code="BG311").first()
    )
    role = Member.Role.SOCIAL_WORKER
    languages = factory.LazyFunction(lambda: ["bg", "ro"])
    language = "bg"
    status = Member.Status.APPROVED

    class Meta:
        model = Member


def moderator():
    """A member of the Moderators group."""
    user = UserFactory(username="marin", email="marin@example.org", first_name="Марин")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def community_pages():
    """The community page of each language tree, one of the sections ({language: page})."""
    pages = CommunityPage.objects.live().select_related("locale")
    return {page.locale.language_code: page for page in pages}
