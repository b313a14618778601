"""Forms of the discussions: a new thread, a reply, a report of a post."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from community.models import LANGUAGES, POST_MAX, PostReport, Thread

REPORT_NOTE_MAX = 1000
# Each language by its own name, marked as written in it (for screen readers).
LANGUAGE_CHOICES = [
    (code, format_html('<span lang="{}">{}</span>', code, name)) for code, name in LANGUAGES
]


class DiscussionForm(forms.Form):
    """Labels without Django's trailing colon, as the site's other forms."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def message_field(label):
    return forms.CharField(
        label=label, max_length=POST_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )


def message_help():
    # Made when the form is, so that it speaks the request's language.
    return gettext(
        "Plain text. Web addresses (https://…) become links. At most %(max)d characters."
    ) % {"max": POST_MAX}


class ThreadForm(DiscussionForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=None, to_field_name="slug", empty_label=_("Choose a theme")
    )
    language = forms.ChoiceField(
        label=_("Language of the discussion"), choices=LANGUAGE_CHOICES, widget=forms.RadioSelect
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it"),
        choices=Thread.Visibility.choices,
        initial=Thread.Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )
    body = message_field(_("First message"))

    def __init__(self, *args, themes, **kwargs):
        """``themes``: the network's themes (library topics) in the page's language."""
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
        self.fields["body"].help_text = message_help()
        language = (get_language() or "").split("-")[0]
        if language in dict(LANGUAGES):
            self.fields["language"].initial = language


class ReplyForm(DiscussionForm):
    body = message_field(_("Your reply"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = message_help()


class ReportForm(DiscussionForm):
    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"),
        choices=PostReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=REPORT_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Left empty by people (the field is not shown to them); robots fill in every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = gettext("At most %(max)d characters.") % {
            "max": REPORT_NOTE_MAX
        }

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))
