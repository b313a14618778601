"""The moderators' forms: a reason for a refusal, and a resource's editable details."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from library.models import Topic

REASON_MAX = 2000


class ReasonForm(forms.Form):
    """Declining, suspending, hiding: the person concerned is told why."""

    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Sent to the member in the e-mail that tells them."),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the reason: it is sent to the member.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(self.fields["reason"].error_messages["required"])
        return reason


class ResourceDetailsForm(WagtailAdminModelForm):
    """The details a moderator may correct on a shared resource: never its file or author.

    Topics are offered in the language of the resource's current topic (the submission
    form offers those of the community page's language), else in the resource's language.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "topic" in self.fields:
            if self.instance.topic_id:
                topics = Topic.objects.filter(
                    Q(live=True, locale_id=self.instance.topic.locale_id)
                    | Q(pk=self.instance.topic_id)
                )
            else:
                language = self.instance.language or Locale.get_default().language_code
                topics = Topic.objects.filter(live=True, locale__language_code=language)
            self.fields["topic"].queryset = topics.order_by("name")
