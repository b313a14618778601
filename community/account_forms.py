"""The application form: an allauth sign-up (e-mail, password) plus the member's profile."""

from allauth.account import app_settings as allauth_settings
from allauth.account.forms import SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from community.models import BIO_MAX, LANGUAGES, Member
from community.profile_fields import (
    PROFILE_FIELDS,
    PROFILE_PUBLIC_HELP,
    DistrictInCountry,
    in_default_language,
)
from home.countries import COUNTRIES
from providers.models import District, Provider


class MemberSignupForm(DistrictInCountry, SignupForm):
    """Sign-up for the community of practice (settings.ACCOUNT_FORMS["signup"])."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    provider = forms.ModelChoiceField(
        label=_("Your organisation on the provider map"),
        queryset=Provider.objects.none(),
        required=False,
        empty_label=_("Not on the map"),
        help_text=_("If your organisation is on the map, choose it so members can find it."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=[("", "---------"), *COUNTRIES])
    district = forms.ChoiceField(label=_("District"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[("", "---------"), *Member.Role.choices])
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    bio = forms.CharField(
        label=_("About you"),
        max_length=BIO_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    profile_public = forms.BooleanField(
        label=_("Show my profile in the public member directory"),
        required=False,
        initial=False,
        help_text=PROFILE_PUBLIC_HELP,
    )

    account_fields = ["email", "password1", "password2"]
    field_order = [*account_fields, *PROFILE_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bio"].help_text = _(
            "Your work and what you would like to share, in at most %(count)s characters."
        ) % {"count": BIO_MAX}
        locale = Locale.get_active()
        self.fields["provider"].queryset = (
            Provider.objects.filter(locale=locale, live=True).only("pk", "name").order_by("name")
        )
        districts = District.objects.filter(locale=locale, live=True).order_by("name")
        groups = {code: [] for code, _name in COUNTRIES}
        for district in districts:
            groups.setdefault(district.country, []).append((str(district.pk), district.name))
        self.fields["district"].choices = [("", "---------")] + [
            (label, groups[code]) for code, label in COUNTRIES if groups[code]
        ]
        self._districts = {str(district.pk): district for district in districts}
        # allauth hides its honeypot with an inline style, which the site's CSP refuses;
        # the template puts it in a `hidden` block instead (no CSS needed, never focused).
        self.honeypot_name = allauth_settings.SIGNUP_FORM_HONEYPOT_FIELD
        if self.honeypot_name in self.fields:
            self.fields[self.honeypot_name].label = _("Leave this empty")
            self.fields[self.honeypot_name].widget.attrs = {
                "tabindex": "-1",
                "autocomplete": "off",
            }

    def account_bound_fields(self):
        return [self[name] for name in self.account_fields if name in self.fields]

    def profile_bound_fields(self):
        skip = {*self.account_fields, self.honeypot_name}
        return [field for field in self.visible_fields() if field.name not in skip]

    def honeypot_field(self):
        return self[self.honeypot_name] if self.honeypot_name in self.fields else None

    def clean_district(self):
        value = self.cleaned_data.get("district")
        return self._districts.get(value) if value else None

    def profile_data(self):
        """The Member fields this form fills in (community.adapter creates the row)."""
        data = self.cleaned_data
        return {
            "full_name": data["full_name"].strip(),
            "organisation": data.get("organisation", "").strip(),
            "provider": in_default_language(data.get("provider")),
            "country": data["country"],
            "district": in_default_language(data.get("district")),
            "role": data["role"],
            "languages": list(data.get("languages", [])),
            "bio": data.get("bio", "").strip(),
            "profile_public": bool(data.get("profile_public")),
        }
