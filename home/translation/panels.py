from django.conf import settings
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from home.translation.permissions import user_languages
from home.translation.queue import STATES, queue


class TranslationProgressPanel(Component):
    name = "translation_progress"
    template_name = "translation/dashboard_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        names = dict(settings.LANGUAGES)
        rows = []
        codes = user_languages(self.request.user)
        for locale in Locale.objects.filter(language_code__in=codes):
            items = queue(locale)
            counts = {state: sum(1 for item in items if item.state == state) for state in STATES}
            total = len(items) or 1
            bars, offset = [], 0
            for state in STATES:
                width = round(300 * counts[state] / total)
                bars.append((STATES[state], state, counts[state], width, offset))
                offset += width
            rows.append(
                {
                    "language": locale.language_code,
                    "name": names.get(locale.language_code),
                    "counts": bars,
                    "done": round(100 * counts["up_to_date"] / total),
                }
            )
        return {"rows": rows}
