"""Any query, type or page value gives a page, never a 500 (hypothesis)."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

NASTY = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(['"', "*", "OR", "NEAR(", "a NEAR(b", "' OR 1=1 --", "\\", "%", "^", ":", "-"]),
    st.builds(lambda n: "я" * n, st.integers(min_value=1000, max_value=10_000)),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(language=st.sampled_from(["bg", "ro", "en"]), q=NASTY, kind=NASTY, page=NASTY)
@example(language="bg", q="\x00\x1f\x7f", kind="news", page="2")
@example(language="ro", q='"*" OR NEAR(asistență, 5)', kind="", page="-1")
@example(language="en", q="x" * 10_240, kind="provider\x00", page="9" * 40)
def test_any_parameters_give_a_page(client, language, q, kind, page):
    response = client.get(f"/{language}/search/", {"q": q, "type": kind, "page": page})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "raw", ["q=%FF%FE%FD", "q=%C3%28", "q=%ED%A0%80", "q=%00", "type=%FF&page=%FF", "q=%E2%82"]
)
def test_invalid_utf8_escapes_give_a_page(client, raw):
    response = client.get(f"/bg/search/?{raw}")
    assert response.status_code == 200
