"""What each app adds to the site's shared parts, declared on its AppConfig (``apps.py``).

The shared code (the translation queue, the roles, the visit counter, search, the demo)
asks here instead of naming the feature apps, so an app is added by declaring its parts:

``section``
    ``Section(page, label)``: its top-level page type (a model name). A section of the
    visits report, and a suggestion on an empty search unless ``suggested=False``.
``translated_pages``
    The page types in the translators' queue filter (model names).
``translatable_snippets``
    Snippets every staff group edits and translators translate in their own language.
``search_kinds``
    ``{page model name: kind}``: what a search result of that page type is called.
``moderator_permissions``
    Permission codenames of the app that the Moderators group holds.
``demo``
    ``(order, "dotted.path.to.build")``: builds the app's demo content; lower runs first.
    A ``build_sections`` beside it, if any, builds only the app's part of the site's
    structure (its section page in each language, its reference data): an empty site.

Labels are "app_label.model_name", lower case, as ``Model._meta.label_lower``.
"""

from dataclasses import dataclass, replace
from functools import cache
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Section:
    page: str
    label: str
    suggested: bool = True
    name: str = ""  # the declaring app's label, filled in by sections()


def _declared(attribute):
    """(app config, value) for each installed app that declares ``attribute``, in
    INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        value = getattr(config, attribute, None)
        if value:
            yield config, value


@cache
def sections():
    """{"app_label.model": Section} by top-level page type; a section's name is its app's
    label ("news")."""
    return {
        f"{config.label}.{section.page}": replace(section, name=config.label)
        for config, section in _declared("section")
    }


@cache
def translated_pages():
    return [f"{c.label}.{model}" for c, models in _declared("translated_pages") for model in models]


@cache
def translatable_snippets():
    return [
        f"{c.label}.{model}" for c, models in _declared("translatable_snippets") for model in models
    ]


@cache
def search_kinds():
    return {
        f"{c.label}.{model}": kind
        for c, kinds in _declared("search_kinds")
        for model, kind in kinds.items()
    }


@cache
def moderator_permissions():
    return [
        f"{c.label}.{codename}"
        for c, codenames in _declared("moderator_permissions")
        for codename in codenames
    ]


def demo_builders(sections_only=False):
    """[(app label, build)] in their declared order; ``sections_only``: each app's
    ``build_sections``, for the apps that have one."""
    steps = sorted((order, c.label, path) for c, (order, path) in _declared("demo"))
    if not sections_only:
        return [(label, import_string(path)) for _order, label, path in steps]
    module_paths = [(label, path.rpartition(".")[0]) for _order, label, path in steps]
    return [
        (label, build)
        for label, module in module_paths
        if (build := getattr(import_module(module), "build_sections", None))
    ]
