"""What a member edits about themselves: the profile, and the choice made when leaving.

The profile fields repeat the sign-up form's (community.account_forms) without the
account's e-mail and password; the district and the provider are chosen among the rows
of the page's language and stored as the default language's row, as sign-up stores them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import BIO_MAX, LANGUAGES, Member
from community.profile_fields import (
    PROFILE_FIELDS,
    PROFILE_PUBLIC_HELP,
    DistrictInCountry,
    in_default_language,
)
from home.countries import COUNTRIES
from providers.models import District, Provider

EMPTY = [("", "---------")]


class ProfileForm(DistrictInCountry, forms.ModelForm):
    provider = forms.TypedChoiceField(
        label=_("Your organisation on the provider map"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("If your organisation is on the map, choose it so members can find it."),
    )
    district = forms.ChoiceField(label=_("District"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Member
        fields = [
            "full_name",
            "organisation",
            "country",
            "role",
            "languages",
            "bio",
            "profile_public",
            "language",
        ]
        labels = {
            "full_name": _("Full name"),
            "organisation": _("Organisation"),
            "country": _("Country"),
            "role": _("Role"),
            "bio": _("About you"),
            "profile_public": _("Show my profile in the public member directory"),
            "language": _("Language of the e-mails we send you"),
        }
        help_texts = {
            "profile_public": PROFILE_PUBLIC_HELP,
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "bio": forms.Textarea(attrs={"rows": 6}),
        }

    field_order = [*PROFILE_FIELDS, "language"]

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bio"].help_text = _(
            "Your work and what you would like to share, in at most %(count)s characters."
        ) % {"count": BIO_MAX}
        self._choose_providers(locale)
        self._choose_districts(locale)

    def _choose_providers(self, locale):
        providers = list(
            Provider.objects.filter(locale=locale, live=True)
            .only("pk", "name", "settlement", "translation_key")
            .order_by("name")
        )
        self._providers = {provider.pk: provider for provider in providers}
        choices = [
            (provider.pk, f"{provider.name}, {provider.settlement}") for provider in providers
        ]
        current = self.instance.provider
        if current is not None:
            shown = next(
                (p for p in providers if p.translation_key == current.translation_key), None
            )
            if shown is None:  # not on this language's map (yet): kept, under its own name
                shown = current
                self._providers[current.pk] = current
                choices.insert(0, (current.pk, current.name))
            self.initial.setdefault("provider", shown.pk)
        self.fields["provider"].choices = [("", _("Not on the map"))] + choices

    def _choose_districts(self, locale):
        districts = list(District.objects.filter(locale=locale, live=True).order_by("name"))
        current = self.instance.district
        if current is not None and current.code not in {d.code for d in districts}:
            districts.append(current)
        self._districts = {district.code: district for district in districts}
        groups = {}
        for district in districts:
            groups.setdefault(district.country, []).append((district.code, district.name))
        self.fields["district"].choices = EMPTY + [
            (label, groups[code]) for code, label in COUNTRIES if code in groups
        ]
        if current is not None:
            self.initial.setdefault("district", current.code)

    def clean_full_name(self):
        return self.cleaned_data["full_name"].strip()

    def clean_organisation(self):
        return self.cleaned_data.get("organisation", "").strip()

    def clean_bio(self):
        return self.cleaned_data.get("bio", "").strip()

    def clean_provider(self):
        value = self.cleaned_data.get("provider")
        return self._providers.get(value) if value else None

    def clean_district(self):
        value = self.cleaned_data.get("district")
        return self._districts.get(value) if value else None

    def save(self, commit=True):
        member = super().save(commit=False)
        member.provider = in_default_language(self.cleaned_data.get("provider"))
        member.district = in_default_language(self.cleaned_data.get("district"))
        if commit:
            member.save()
        return member


class DeleteAccountForm(forms.Form):
    """Leaving: what happens to what the member shared, confirmed with the password."""

    REMOVE = "remove"
    ANONYMISE = "anonymise"

    contributions = forms.ChoiceField(
        label=_("What you shared"),
        choices=[
            (REMOVE, _("Remove my posts and resources")),
            (
                ANONYMISE,
                _("Keep my posts and resources, shown as written by “former member”"),
            ),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "If you remove them, the discussions you started stay when others have replied, "
            "without your name; those with only your posts are deleted."
        ),
    )
    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password
