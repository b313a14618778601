from wagtail.snippets.models import register_snippet

from home.viewsets import FundingNoticeViewSet, PartnerViewSet

register_snippet(PartnerViewSet)
register_snippet(FundingNoticeViewSet)
