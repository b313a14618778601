from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import RICH_TEXT_FEATURES


class ArticleNumberBlock(blocks.CharBlock):
    """An article number is part of the citation and the permalink: never translated."""

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class ArticleValue(blocks.StructValue):
    def anchor(self):
        number = "".join(ch if ch.isalnum() else "-" for ch in str(self.get("number", "")))
        return f"art-{number.strip('-').lower()}"


class ArticleBlock(blocks.StructBlock):
    number = ArticleNumberBlock(
        label=_("Article number"),
        max_length=20,
        help_text=_("As in the act, e.g. 15 or 15a; it makes the permalink #art-15."),
    )
    heading = blocks.CharBlock(label=_("Heading"), max_length=255, required=False)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ol"
        template = "library/blocks/article_block.html"
        label = _("Article")
        description = _("One numbered article with its own permalink")
        value_class = ArticleValue
        preview_value = {
            "number": "1",
            "heading": "Subject",
            "body": "<p>This act regulates social services.</p>",
        }
