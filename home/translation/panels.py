from django.conf import settings
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from home.translation.permissions import user_languages
from home.translation.queue import STATES, queue

COLOURS = {
    "ready_for_review": "#2f6fb3",
    "out_of_date": "#c0392b",
    "in_progress": "#e0a800",
    "not_started": "#9e9e9e",
    "up_to_date": "#0b5d4b",
}


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
            bars, offset = [], 0
            for state in STATES:
                width = round(300 * counts[state] / len(items)) if items else 0
                bars.append((STATES[state], state, counts[state], width, offset, COLOURS[state]))
                offset += width
            rows.append(
                {
                    "language": locale.language_code,
                    "name": names.get(locale.language_code),
                    "counts": bars,
                    # A language everything is written in has nothing to translate:
                    # it is the source, not "0 % up to date".
                    "is_source": not items,
                    "done": round(100 * counts["up_to_date"] / len(items)) if items else None,
                }
            )
        return {"rows": rows}
