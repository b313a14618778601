"""Apps declare what they add to the shared parts of the site (home.contributions); the
shared code names no feature app. A declaration that names nothing, or a translatable
snippet left out (translators could not work on it), fails here."""

import pytest
from django.apps import apps
from wagtail.snippets.models import get_snippet_models

from home import contributions
from home.models import TranslatableSnippet


def declared_labels():
    return [
        *contributions.sections(),
        *contributions.translated_pages(),
        *contributions.translatable_snippets(),
        *contributions.search_kinds(),
    ]


def test_every_declared_model_exists():
    for label in declared_labels():
        assert apps.get_model(label)._meta.label_lower == label


def test_every_translatable_snippet_is_declared():
    snippets = {
        model._meta.label_lower
        for model in get_snippet_models()
        if issubclass(model, TranslatableSnippet)
    }
    assert snippets == set(contributions.translatable_snippets())


@pytest.mark.django_db
def test_every_declared_permission_exists():
    from django.contrib.auth.models import Permission

    for codename in contributions.moderator_permissions():
        app_label, name = codename.split(".")
        assert Permission.objects.filter(content_type__app_label=app_label, codename=name).exists()


def test_the_demo_builds_in_dependency_order():
    order = [label for label, _build in contributions.demo_builders()]
    assert order[0] == "home"
    assert order.index("providers") < order.index("library")  # the statute links members
    assert order.index("library") < order.index("community")  # resources take its topics
    assert order[-2:] == ["visits", "search"]  # every page exists; then everything indexed
    assert all(callable(build) for _label, build in contributions.demo_builders())
