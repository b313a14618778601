"""The national policy library: legislation, good practices and the network's statute.

By concern: ``terms`` (topics and the kinds of act), ``index`` (the filtered library),
``legislation`` (an act and its relations), ``network`` (practices and the statute).
"""

from .index import LibraryIndexPage
from .legislation import LegislationPage, LegislationRelation
from .network import PracticePage, StatuteMember, StatutePage
from .terms import (
    ELI_TYPES,
    LEGAL_FORCE,
    ORIGINAL_LANGUAGE,
    ActType,
    Jurisdiction,
    Status,
    Topic,
)

__all__ = [
    "ELI_TYPES",
    "LEGAL_FORCE",
    "ORIGINAL_LANGUAGE",
    "ActType",
    "Jurisdiction",
    "LegislationPage",
    "LegislationRelation",
    "LibraryIndexPage",
    "PracticePage",
    "StatuteMember",
    "StatutePage",
    "Status",
    "Topic",
]
