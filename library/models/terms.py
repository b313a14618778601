"""The library's vocabulary: topics (a translated snippet) and the kinds of act, their
status and the ELI and schema.org terms they map to."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models import Taxonomy


class Topic(Taxonomy):
    """A subject of the library (social services, child protection…), translated."""

    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in addresses such as ?topic=child-protection.")
    )

    class Meta(Taxonomy.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug")]


class Jurisdiction(models.TextChoices):
    BG = "BG", _("Bulgaria")
    RO = "RO", _("Romania")
    EU = "EU", _("European Union")


class ActType(models.TextChoices):
    LAW = "law", _("Law")
    CODE = "code", _("Code")
    REGULATION = "regulation", _("Regulation")
    ORDINANCE = "ordinance", _("Ordinance")
    EMERGENCY_ORDINANCE = "emergency_ordinance", _("Emergency ordinance")
    GOVERNMENT_DECISION = "government_decision", _("Government decision")
    IMPLEMENTING_RULES = "implementing_rules", _("Implementing rules")
    ORDER = "order", _("Order")
    STRATEGY = "strategy", _("Strategy")
    METHODOLOGY = "methodology", _("Methodology")
    DIRECTIVE = "directive", _("Directive")


class Status(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    PARTLY_IN_FORCE = "partly_in_force", _("Partly in force")
    REPEALED = "repealed", _("Repealed")


# The type segment of our ELI-shaped identifiers, in each jurisdiction's own terms.
ELI_TYPES = {
    "BG": {
        "law": "zakon",
        "code": "kodeks",
        "regulation": "pravilnik",
        "ordinance": "naredba",
        "government_decision": "reshenie",
        "implementing_rules": "pravilnik",
        "order": "zapoved",
        "strategy": "strategia",
        "methodology": "metodika",
    },
    "RO": {
        "law": "lege",
        "code": "cod",
        "regulation": "regulament",
        "ordinance": "og",
        "emergency_ordinance": "oug",
        "government_decision": "hg",
        "implementing_rules": "norme",
        "order": "ordin",
        "strategy": "strategie",
        "methodology": "metodologie",
    },
    "EU": {"directive": "dir", "regulation": "reg", "government_decision": "dec"},
}
ORIGINAL_LANGUAGE = {"BG": "bg", "RO": "ro", "EU": "en"}
LEGAL_FORCE = {
    "in_force": "https://schema.org/InForce",
    "partly_in_force": "https://schema.org/PartiallyInForce",
    "repealed": "https://schema.org/NotInForce",
}
