from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from home import page_cache
from home.viewsets import FundingNoticeViewSet, PartnerViewSet

register_snippet(PartnerViewSet)
register_snippet(FundingNoticeViewSet)


@hooks.register("insert_editor_js")
def submit_after_autosave_js():
    """A Save/Submit/Publish click waits for an autosave under way (see the script)."""
    return format_html('<script src="{}"></script>', static("home/submit-after-autosave.js"))


@hooks.register("before_serve_page")
def page_cache_listing(page, request, serve_args, serve_kwargs):
    """A page lists what lies below it (home.page_cache): publishing there purges it."""
    page_cache.depends_on(f"tree:{page.pk}")
