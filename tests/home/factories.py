"""Test data for the home app, made the quick way (factory_boy, wagtail-factories).

Pages go into the tree live, without a revision: nothing a visitor sees depends on one,
and publishing each (revision, search and reference indexes, cache purge) would make a
hundred pages cost seconds. Tests of publishing itself publish. With no publish signal,
the factory drops the cached lists and chrome itself, as publishing would.
"""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from home.caching import invalidate
from home.models import Partner, StandardPage


class LivePageFactory(wagtail_factories.PageFactory):
    """A live page added under ``parent``, without a revision; the site's caches dropped."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        invalidate()
        return page


class StandardPageFactory(LivePageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")

    class Meta:
        model = StandardPage


class PartnerFactory(DjangoModelFactory):
    """Give ``locale``: a partner belongs to one language tree."""

    name = factory.Sequence(lambda n: f"Partner {n}")
    role = "Partner"
    country = "BG"
    sort_order = factory.Sequence(lambda n: 100 + n)

    class Meta:
        model = Partner
