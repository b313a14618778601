"""Per-language permissions for translatable snippets.

Django's model permissions cannot say "Romanian only", so translator groups get
``view`` and ``change`` on the translatable snippets and this policy narrows every
instance check and listing to the languages of the user's translator groups.
Editors, moderators and administrators keep every language.

Two places in the admin check only the model permission and are guarded here too:
Wagtail's snippet edit view (which wagtail-localize turns into its translation
editor) through ``before_edit_snippet``, and wagtail-localize's editing endpoints
(``/admin/localize/…/<translation_id>/…``) through ``TranslationLanguageMiddleware``.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.contributions import translatable_snippets
from home.roles import TRANSLATOR_GROUPS


def user_languages(user):
    """The language codes a user may work on (cached on the user for the request)."""
    if not hasattr(user, "_translation_languages"):
        every = [code for code, _name in settings.LANGUAGES]
        if not user.is_active:
            languages = []
        elif user.is_superuser:
            languages = every
        else:
            names = set(user.groups.values_list("name", flat=True))
            if names - set(TRANSLATOR_GROUPS.values()):
                languages = every
            else:
                languages = [code for code, name in TRANSLATOR_GROUPS.items() if name in names]
        user._translation_languages = languages
    return user._translation_languages


def may_work_on(user, locale):
    return locale.language_code in user_languages(user)


class LanguagePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, limited to the user's languages for each instance."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and may_work_on(user, instance.locale)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and may_work_on(user, instance.locale)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        return instances.filter(locale__language_code__in=user_languages(user))


def register_policies():
    for label in translatable_snippets():
        model = apps.get_model(label)
        register_permission_policy(model, LanguagePermissionPolicy(model))


def check_snippet(user, instance):
    """Refuse to open a snippet in a language the user does not work on."""
    locale = getattr(instance, "locale", None)
    if (
        instance._meta.label_lower in translatable_snippets()
        and locale is not None
        and not may_work_on(user, locale)
    ):
        raise PermissionDenied


class TranslationLanguageMiddleware:
    """Guard wagtail-localize's per-translation endpoints by the target language.

    wagtail-localize checks only the model permission for snippets, which would let a
    Romanian translator change an English snippet translation through its API.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        translation_id = view_kwargs.get("translation_id")
        match = getattr(request, "resolver_match", None)
        if (
            match is not None
            and match.view_name == "wagtail_localize:convert_to_alias"
            and request.user.is_authenticated
        ):
            # Turning a translation back into an alias discards it: only those who may
            # publish the page may do that, never a translator by accident.
            from wagtail.models import Page

            page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
            if page is not None and not page.permissions_for_user(request.user).can_publish():
                raise PermissionDenied
        if (
            translation_id is None
            or match is None
            or "wagtail_localize" not in match.namespaces
            or not request.user.is_authenticated
        ):
            return None
        from wagtail_localize.models import Translation

        translation = (
            Translation.objects.filter(pk=translation_id).select_related("target_locale").first()
        )
        if translation is not None and not may_work_on(request.user, translation.target_locale):
            raise PermissionDenied
        return None
