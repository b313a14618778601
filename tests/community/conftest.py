"""Fixtures shared by the community tests (made by tests/community/factories.py): the
community page in each language, members, a moderator."""

import pytest

from community.models import Member
from tests.community import factories


@pytest.fixture
def community_pages(db):
    """The community page of each language tree."""
    return factories.community_pages()


@pytest.fixture
def community(community_pages):
    """The Bulgarian community page."""
    return community_pages["bg"]


@pytest.fixture
def make_member(db):
    """``make_member(email, status=approved, **profile)``: an account with a verified
    e-mail address and its Member profile. Password: factories.PASSWORD."""

    def make(email="maria@example.org", status=Member.Status.APPROVED, **profile):
        return factories.MemberFactory(user__email=email, status=status, **profile)

    return make


@pytest.fixture
def moderator(db):
    return factories.moderator()
