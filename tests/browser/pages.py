"""Pages checked by the browser quality checks: (test id, path). Extend as features land."""

PAGES: list[tuple[str, str]] = [
    ("home-bg", "/bg/"),
    ("home-ro", "/ro/"),
    ("home-en", "/en/"),
    ("standard-bg", "/bg/za-proekta/"),
    ("standard-ro", "/ro/despre-proiect/"),
    ("standard-en", "/en/about/"),
]
