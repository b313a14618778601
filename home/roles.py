"""The staff roles: groups, their permissions and a moderation workflow per language.

Pages: editors and moderators work on every language tree; each translator group
may edit only its own language's tree and cannot publish, so its changes go through
the moderation workflow of that tree. Translatable snippets: translators may change
those in their own language only (home.translation.permissions).
"""

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.contributions import moderator_permissions, translatable_snippets

EDITORS = "Editors"
MODERATORS = "Moderators"
# One translators' group per language of the site, named in English ("Translators — Romanian").
TRANSLATOR_GROUPS = {
    code: f"Translators — {LANG_INFO[code]['name']}" for code, _name in settings.LANGUAGES
}
MODERATION_TASK = "Moderators approval"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}
COLLECTION_PERMISSIONS = {
    EDITORS: [
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
    MODERATORS: [
        "add_image",
        "change_image",
        "delete_image",
        "choose_image",
        "add_document",
        "change_document",
        "delete_document",
        "choose_document",
    ],
    "translators": ["choose_image", "choose_document"],
}
PROMOTIONS = [
    f"wagtailsearchpromotions.{action}_searchpromotion" for action in ("add", "change", "delete")
]
# Editors and moderators read the site's visit counts (the home.visits report).
VISITS_REPORT = "visits.view_dailyvisits"


def _snippet_permissions(*actions):
    """Translatable snippets (declared by each app, home.contributions): every group works
    on them, translators in their language only (home.translation.permissions)."""
    return [
        f"{app_label}.{action}_{model}"
        for app_label, model in (label.split(".") for label in translatable_snippets())
        for action in actions
    ]


def model_permissions():
    """The model permissions of each group, by group (translators: of each language)."""
    return {
        EDITORS: [
            "wagtail_localize.submit_translation",
            *PROMOTIONS,
            *_snippet_permissions("add", "change", "publish"),
            VISITS_REPORT,
        ],
        MODERATORS: [
            "wagtail_localize.submit_translation",
            *PROMOTIONS,
            "home.change_sitesettings",
            *_snippet_permissions("add", "change", "publish", "delete"),
            *moderator_permissions(),  # the apps' own, e.g. the community's moderation
            VISITS_REPORT,
        ],
        # Translators start translations into their own language (the "Translate" form
        # offers them only that language: home.translation.views).
        "translators": [
            "wagtail_localize.submit_translation",
            *_snippet_permissions("view", "change"),
        ],
    }


def permission(codename):
    app_label, name = codename.split(".") if "." in codename else ("wagtailcore", codename)
    return Permission.objects.get(content_type__app_label=app_label, codename=name)


def _page_permission(name):
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename=name
    )


def _collection_permission(name):
    model = name.split("_", 1)[1]
    app_label = "wagtailimages" if model == "image" else "wagtaildocs"
    return Permission.objects.get(content_type__app_label=app_label, codename=name)


def language_homes():
    """Each language's home page (the default site's root page and its translations)."""
    root = Site.objects.get(is_default_site=True).root_page
    return {
        page.locale.language_code: page
        for page in root.get_translations(inclusive=True).select_related("locale")
    }


def _grant(group, pages, collections, models):
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(admin, *[permission(codename) for codename in models])
    root_collection = Collection.get_first_root_node()
    for name in collections:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_collection_permission(name)
        )
    for page, names in pages:
        for name in names:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_page_permission(name)
            )


def _workflows(homes):
    moderators = Group.objects.get(name=MODERATORS)
    task = GroupApprovalTask.objects.filter(name=MODERATION_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=MODERATION_TASK)
    task.groups.add(moderators)
    names = dict(settings.LANGUAGES)
    for code, home in homes.items():
        workflow, _ = Workflow.objects.get_or_create(name=f"Moderation — {names.get(code, code)}")
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


@transaction.atomic
def setup_roles():
    """Create or update the groups and workflows; safe to run any number of times."""
    homes = language_homes()
    root = Page.get_first_root_node()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, MODERATORS)}
    permissions = model_permissions()
    for name, group in groups.items():
        _grant(
            group,
            [(root, PAGE_PERMISSIONS[name])],
            COLLECTION_PERMISSIONS[name],
            permissions[name],
        )
    for code, name in TRANSLATOR_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        pages = [(homes[code], ["change_page"])] if code in homes else []
        _grant(group, pages, COLLECTION_PERMISSIONS["translators"], permissions["translators"])
    _workflows(homes)
    return groups
