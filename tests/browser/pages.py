"""Pages checked by the browser quality checks: (test id, path). Extend as features land."""

PAGES: list[tuple[str, str]] = [
    ("home-bg", "/bg/"),
    ("home-ro", "/ro/"),
    ("home-en", "/en/"),
    ("standard-bg", "/bg/za-proekta/"),
    ("standard-ro", "/ro/despre-proiect/"),
    ("standard-en", "/en/about/"),
    ("news-index-bg", "/bg/novini/"),
    ("news-index-ro", "/ro/stiri/?category=events"),
    ("news-index-en", "/en/news/?year=2019"),
    ("news-event-bg", "/bg/novini/koordinatsionna-sreshta-v-dobrich/"),
    ("news-event-ro", "/ro/stiri/intalnire-de-coordonare-la-dobrici/"),
    ("news-event-en", "/en/news/coordination-meeting-in-dobrich/"),
]

PAGES += [
    ("library-index-bg", "/bg/biblioteka/"),
    ("library-index-ro", "/ro/biblioteca/?jurisdiction=RO&sort=title"),
    ("library-index-en", "/en/library/?status=repealed"),
    ("act-bg", "/bg/biblioteka/zakon-292-2011-za-sotsialnoto-podpomagane-rumaniya/"),
    ("act-ro", "/ro/biblioteca/legea-asistentei-sociale-292-2011/"),
    ("act-en", "/en/library/romania-social-assistance-law-292-2011/"),
    (
        "act-side-by-side-bg",
        "/bg/biblioteka/zakon-292-2011-za-sotsialnoto-podpomagane-rumaniya/compare/",
    ),
    ("act-side-by-side-en", "/en/library/romania-social-assistance-law-292-2011/compare/"),
    ("same-subject-ro", "/ro/biblioteca/compare/"),
    ("practice-bg", "/bg/biblioteka/resursen-tsentar-razgrad/"),
    ("practice-ro", "/ro/biblioteca/centru-de-resurse-razgrad/"),
    ("practice-en", "/en/library/razgrad-resource-centre/"),
    ("statute-bg", "/bg/biblioteka/ustav/"),
    ("statute-ro", "/ro/biblioteca/statut/"),
    ("statute-en", "/en/library/statute/"),
]

PAGES += [
    ("publications-bg", "/bg/publikatsii/"),
    ("publications-ro", "/ro/publicatii/"),
    ("publications-en", "/en/publications/"),
    ("publication-bg", "/bg/publikatsii/sbornik-za-spetsialisti/"),
    ("publication-ro", "/ro/publicatii/brosura-pentru-public/"),
    ("publication-en", "/en/publications/compendium-for-specialists/"),
]

PAGES += [
    ("providers-bg", "/bg/dostavchitsi/"),
    ("providers-ro", "/ro/furnizori/?country=RO"),
    ("providers-en", "/en/providers/?service=child-protection"),
    ("provider-bg", "/bg/dostavchitsi/p/bg-fyc-vidin/"),
    ("provider-ro", "/ro/furnizori/p/ro-vasiliada-craiova/"),
    ("provider-en", "/en/providers/p/bg-zhaneta-razgrad/"),
]

PAGES += [
    ("search-results-bg", "/bg/search/?q=sotsialni+uslugi"),
    ("search-results-ro", "/ro/search/?q=asistenta+sociala&type=legislation"),
    ("search-results-en", "/en/search/?q=children"),
    ("search-empty-bg", "/bg/search/?q=%D0%BA%D1%81%D0%B8%D0%BB%D0%BE%D1%84%D0%BE%D0%BD"),
    ("search-empty-ro", "/ro/search/?q=xilofon"),
    ("search-empty-en", "/en/search/?q=xylophone&type=news"),
]

# The community of practice (community/demo: resource 2 is Romanian, 3 English, 1 Bulgarian;
# thread 1 Bulgarian, 2 Romanian, 3 English; member 6 a public Romanian profile).
PAGES += [
    ("community-bg", "/bg/obshtnost/"),
    ("community-ro", "/ro/comunitate/"),
    ("community-en", "/en/community/"),
    ("resources-bg", "/bg/obshtnost/resources/"),
    ("resources-ro", "/ro/comunitate/resources/?language=ro"),
    ("resources-en", "/en/community/resources/?type=methodology"),
    ("resource-bg", "/bg/obshtnost/resources/1/"),
    ("resource-ro", "/ro/comunitate/resources/2/"),
    ("resource-en", "/en/community/resources/3/"),
    ("discussions-bg", "/bg/obshtnost/discussions/"),
    ("discussions-ro", "/ro/comunitate/discussions/"),
    ("discussions-en", "/en/community/discussions/"),
    ("thread-bg", "/bg/obshtnost/discussions/1/"),
    ("thread-ro", "/ro/comunitate/discussions/2/"),
    ("thread-en", "/en/community/discussions/3/"),
    ("members-bg", "/bg/obshtnost/members/"),
    ("members-ro", "/ro/comunitate/members/?country=RO"),
    ("members-en", "/en/community/members/"),
    ("member-ro", "/ro/comunitate/members/6/"),
    ("signup-bg", "/bg/account/signup/"),
    ("signup-ro", "/ro/account/signup/"),
    ("signup-en", "/en/account/signup/"),
    ("login-bg", "/bg/account/login/"),
    ("login-ro", "/ro/account/login/"),
    ("login-en", "/en/account/login/"),
    ("password-reset-ro", "/ro/account/password/reset/"),
]


def one_of_each_type(pages: list[tuple[str, str]] = PAGES) -> list[tuple[str, str]]:
    """One page of each type (its id without the language), the languages taken in turn,
    so that each language's chrome is checked on about a third of the types."""
    types: dict[str, list[tuple[str, str]]] = {}
    for name, path in pages:
        types.setdefault(name.rsplit("-", 1)[0], []).append((name, path))
    return [versions[number % len(versions)] for number, versions in enumerate(types.values())]
