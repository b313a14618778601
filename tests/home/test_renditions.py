"""Image renditions come from the cache on a page's second visit, and are not written back
(home.renditions, the upstream fix for Wagtail 8.0.1); a filter spec is parsed once."""

import inspect
from unittest import mock

import pytest
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import Filter
from wagtail_factories import ImageFactory

from publications.models import PublicationIndexPage
from tests.publications.factories import PublicationPageFactory

pytestmark = pytest.mark.django_db


def rendition_writes(calls):
    keys = []
    for call in calls:
        argument = call.args[0]
        keys.extend(argument if isinstance(argument, dict) else [argument])
    return [key for key in keys if str(key).startswith("wagtail-rendition-")]


def test_a_page_seen_again_reads_its_renditions_without_writing_them(client):
    index = PublicationIndexPage.objects.get(locale__language_code="en")
    url = PublicationPageFactory(parent=index, cover=ImageFactory(width=400, height=560)).url
    first = client.get(url)  # its cover, as a picture in three formats
    assert first.status_code == 200
    backend = get_image_model().get_rendition_model().cache_backend
    with (
        mock.patch.object(backend, "set_many", wraps=backend.set_many) as set_many,
        mock.patch.object(backend, "set", wraps=backend.set) as set_one,
        mock.patch.object(backend, "get_many", wraps=backend.get_many) as get_many,
    ):
        second = client.get(url)
    assert second.content == first.content
    assert "/media/images/" in second.content.decode()
    assert get_many.called, "renditions are looked up in the cache"
    assert rendition_writes(set_many.call_args_list + set_one.call_args_list) == []


def test_a_new_rendition_is_still_made_and_cached_once():
    image = get_image_model().objects.first()
    backend = image.get_rendition_model().cache_backend
    with mock.patch.object(backend, "set_many", wraps=backend.set_many) as set_many:
        made = image.get_rendition("width-123")
        again = image.get_rendition("width-123")
    assert made.width == again.width == min(123, image.width)
    assert len(rendition_writes(set_many.call_args_list)) == 1


def test_a_filter_spec_is_parsed_once_and_a_bad_one_is_still_refused():
    spec = "fill-321x123|format-webp"
    first = Filter(spec=spec).operations
    with mock.patch.object(inspect, "getcallargs", wraps=inspect.getcallargs) as checked:
        again = Filter(spec=spec).operations
    assert checked.call_count == 0
    assert [type(operation) for operation in again] == [type(op) for op in first]
    assert [operation.args for operation in again] == [("321x123",), ("webp",)]
    again.append("not shared")
    assert len(Filter(spec=spec).operations) == 2
    for bad in ("fill-wide", "nonsense-1"):
        with pytest.raises(InvalidFilterSpecError):
            Filter(spec=bad).operations  # noqa: B018 - parsing is what is tested
