"""The form a member fills in to share a resource with the community."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community.models import LANGUAGES, Resource
from home.countries import COUNTRIES
from home.forms import check_uploaded_document
from library.models import Topic


class ResourceForm(forms.ModelForm):
    """A file or a link, described well enough for a colleague to decide to open it."""

    language = forms.ChoiceField(label=_("Language of the resource"), choices=LANGUAGES)
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("", _("Both countries")), *COUNTRIES],
        required=False,
        help_text=_("The country the resource is about, if it is about only one."),
    )
    link = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_(
            "The address of a web page (https://…). Give either a file or a link, not both."
        ),
    )

    class Meta:
        model = Resource
        fields = ["title", "summary", "language", "topic", "country", "kind", "file", "link"]
        fields += ["visibility"]
        widgets = {"visibility": forms.RadioSelect}
        help_texts = {
            "summary": _("What it is and who it helps, in plain words (at most 1000 characters)."),
            "kind": _("For a web page or a document on another site, choose “Link”."),
            "visibility": _("Members-only resources are hidden from visitors and search."),
        }

    def __init__(self, *args, locale, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(locale=locale, live=True).order_by(
            "name"
        )
        self.fields["topic"].empty_label = _("Choose a topic")
        self.fields["kind"].label = _("Type")
        self.fields["kind"].choices = [("", _("Choose a type")), *Resource.Kind.choices]
        self.fields["file"].help_text = gettext(
            "%(types)s, up to %(limit)s. Leave it empty when you share a link."
        ) % {
            "types": ", ".join(ext.upper() for ext in settings.WAGTAILDOCS_EXTENSIONS),
            "limit": filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE),
        }
        self.fields["language"].initial = language
        self.fields["visibility"].choices = Resource.Visibility.choices
        self.fields["summary"].widget.attrs["rows"] = 6
        self.fields["link"].widget.attrs["placeholder"] = "https://"

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "content_type"):
            check_uploaded_document(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        kind, uploaded, link = cleaned.get("kind"), cleaned.get("file"), cleaned.get("link")
        if "file" in self.errors or "link" in self.errors or not kind:
            return cleaned
        if kind == Resource.Kind.LINK:
            if uploaded:
                self.add_error(
                    "file",
                    gettext("A link shares no file: remove the file or choose another type."),
                )
            elif not link:
                self.add_error("link", gettext("Give the address of the page you are sharing."))
        elif uploaded and link:
            self.add_error("link", gettext("Give either a file or a link, not both."))
        elif not uploaded and not link:
            self.add_error("file", gettext("Choose a file to upload, or give a link instead."))
        return cleaned
