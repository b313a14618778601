"""Who may do what in the community: visitors, applicants, members, moderators."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _

from community.models import Member


def member_of(user):
    """The user's Member profile, or None (visitors, staff without a profile)."""
    if not user.is_authenticated:
        return None
    try:
        return user.member
    except Member.DoesNotExist:
        return None


def is_active_member(user):
    member = member_of(user)
    return bool(member and member.is_active_member)


def may_moderate(user):
    """Moderators (and administrators) review applications, resources and reports."""
    return user.is_authenticated and user.has_perm("community.change_member")


def refuse(request, page, message, status=403):
    """A page in the site's chrome that says why the request is refused (never a bare 403)."""
    return render(
        request,
        "community/refused.html",
        {"page": page, "self": page, "message": message},
        status=status,
    )


def members_only(view):
    """For routes only approved members may use: visitors are sent to sign in; applicants
    and suspended members are told where they stand."""

    @wraps(view)
    def wrapped(request, page, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        member = member_of(request.user)
        if member is None:
            return refuse(
                request, page, _("This part of the site is for members of the community.")
            )
        if member.status == Member.Status.PENDING:
            return refuse(
                request,
                page,
                _("Your application is waiting for a moderator; you will get an e-mail."),
            )
        if not member.is_active_member:
            return refuse(request, page, _("Your membership is not active."))
        return view(request, page, *args, **kwargs)

    return wrapped
