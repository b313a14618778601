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
