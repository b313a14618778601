"""E-mails to members, in the member's own language, as plain text."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def send_to_member(member, template, context=None):
    """Send ``community/email/<template>_subject.txt`` and ``…_body.txt`` to the member.

    Rendered with the member's language active, so {% translate %} and dates speak it.
    Returns the number of messages sent (0 when the member has no e-mail address).
    """
    if not member.user.email:
        return 0
    context = {"member": member, **(context or {})}
    with translation.override(member.language):
        subject = render_to_string(f"community/email/{template}_subject.txt", context)
        body = render_to_string(f"community/email/{template}_body.txt", context)
    return send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [member.user.email],
    )
