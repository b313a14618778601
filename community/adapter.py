"""How allauth treats the community's accounts (settings.ACCOUNT_ADAPTER).

An applicant's account is an ordinary user, never staff, in no group; the sign-up form's
profile becomes a pending ``Member``. Every e-mail allauth sends speaks the recipient's
language and links to the public address.
"""

from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from community.access import member_of
from community.models import LANGUAGES, CommunityPage, Member
from home.utils import public_url

LANGUAGE_CODES = [code for code, _name in LANGUAGES]


def site_language(code=None):
    """``code`` (or the active language) as one of the site's languages."""
    code = (code or translation.get_language() or "")[:2]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def my_profile_url(request=None):
    """The "my profile" route of the community page in the active language, or None."""
    page = CommunityPage.objects.live().filter(locale=Locale.get_active()).first()
    if page is None:
        return None
    url = page.get_url(request)
    if url is None:
        return None
    return url + page.reverse_subpage("my_profile_route")


def recipient_language(email):
    """The language a member chose for e-mails, else the language of the request."""
    language = (
        Member.objects.filter(
            Q(user__email__iexact=email) | Q(user__emailaddress__email__iexact=email)
        )
        .values_list("language", flat=True)
        .first()
    )
    return site_language(language)


def user_display(user):
    """How allauth names an account in messages and e-mails (settings.ACCOUNT_USER_DISPLAY)."""
    member = member_of(user)
    return member.full_name if member else (user.get_full_name() or user.email)


def axes_username(request, credentials=None):
    """What axes counts failures against (settings.AXES_USERNAME_CALLABLE).

    allauth authenticates with ``email=…`` and its form calls the field ``login``; the admin
    and Wagtail's login send ``username``. On a successful sign-in axes passes the user's
    username only, so the typed address comes first: the failures it counted are reset.
    """
    credentials = credentials or {}
    data = getattr(request, "POST", None) or {}
    value = (
        credentials.get("email")
        or data.get("login")
        or credentials.get(settings.AXES_USERNAME_FORM_FIELD)
        or data.get(settings.AXES_USERNAME_FORM_FIELD)
        or ""
    )
    value = str(value).strip()
    return value.lower() if "@" in value else value


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        # Whatever a form or a signal says, a member's account gets no admin rights.
        user.is_staff = False
        user.is_superuser = False
        if commit:
            user.save()
            profile = getattr(form, "profile_data", None)
            if profile is not None:
                Member.objects.create(
                    user=user,
                    language=site_language(),
                    status=Member.Status.PENDING,
                    **profile(),
                )
        return user

    def get_login_redirect_url(self, request):
        if member_of(request.user) is not None:
            url = my_profile_url(request)
            if url:
                return url
        return f"/{site_language()}/"

    def get_logout_redirect_url(self, request):
        return f"/{site_language()}/"

    def get_email_confirmation_url(self, request, emailconfirmation):
        member = member_of(emailconfirmation.email_address.user)
        with translation.override(site_language(member.language if member else None)):
            path = reverse("account_confirm_email", args=[emailconfirmation.key])
        return public_url(path)

    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return public_url(path.replace("UID-KEY", quote(key)))

    def format_email_subject(self, subject):
        return f"[{gettext('Regional Network for Social Cohesion')}] {subject}"

    def send_mail(self, template_prefix, email, context):
        # Rendered (subject, body, dates) in the recipient's language, not the request's.
        with translation.override(recipient_language(email)):
            context = {
                "site_name": gettext("Regional Network for Social Cohesion"),
                "site_url": public_url(f"/{translation.get_language()}/"),
                **context,
            }
            super().send_mail(template_prefix, email, context)
