"""What the sign-up form (community.account_forms) and the profile form
(community.member_forms) share about a member's profile."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

# The profile's fields in the order both forms ask for them (sign-up, then editing).
PROFILE_FIELDS = [
    "full_name",
    "organisation",
    "provider",
    "country",
    "district",
    "role",
    "languages",
    "bio",
    "profile_public",
]

PROFILE_PUBLIC_HELP = _(
    "If you tick this, anyone visiting the site can see your name, organisation, "
    "district, role, languages, the text about you and what you have published. "
    "Your e-mail address is never shown. Otherwise your profile page is seen by "
    "no one but you. You can change this at any time."
)


def in_default_language(row):
    """A translatable snippet's row in the default language, which profiles point at, so
    every member in the same district points at the same row (templates show .localized)."""
    if row is None:
        return None
    return row.get_translation_or_none(Locale.get_default()) or row


class DistrictInCountry:
    """Form mixin: the district chosen must lie in the country chosen."""

    def clean(self):
        cleaned_data = super().clean()
        district = cleaned_data.get("district")
        country = cleaned_data.get("country")
        if district and country and district.country != country:
            self.add_error("district", _("This district is in the other country."))
        return cleaned_data
