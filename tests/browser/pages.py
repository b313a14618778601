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
