"""The shared block library: every page type builds its body from these blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Subsection heading"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading that also appears in the page outline")
        preview_value = {"text": "Thematic forums", "level": "h2"}

    def get_searchable_content(self, value):
        """The heading's words only: the name of its level ("Section heading", in whatever
        language was active when the page was indexed) is not content."""
        return self.child_blocks["text"].get_searchable_content(value["text"])


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"
        label = _("Image")
        description = _("An image with required alternative text and an optional caption")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A quotation with the name of who said it")
        preview_value = {
            "text": "Services work best when neighbours learn from each other.",
            "attribution": "Forum participant, Ruse",
        }


class LinkStructValue(blocks.StructValue):
    def url(self):
        page = self.get("page")
        if page:
            return page.localized.url
        return self.get("external_url") or ""


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    external_url = blocks.URLBlock(label=_("External address"), required=False)

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A highlighted invitation with one button")
        value_class = LinkStructValue
        preview_value = {
            "title": "Join the network",
            "text": "Social service providers from the border region are welcome.",
            "button_label": "Contact us",
            "external_url": "https://fyc-vidin.org/",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("external_url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": blocks.BlockValidationError(
                        _("Choose a page or give an external address.")
                    )
                }
            )
        return value


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Link text"), max_length=200)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        label = _("Document link")
        description = _("A link to a document with its format and size")


class TableBlock(blocks.StructBlock):
    """A simple data table whose every cell is translatable (Wagtail's TableBlock is not)."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=200)
    header = blocks.ListBlock(blocks.CharBlock(label=_("Column heading")), label=_("Header row"))
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("Cell"), required=False), label=_("Row")),
        label=_("Rows"),
    )

    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        label = _("Table")
        description = _("A table with a caption, column headings and rows")
        preview_value = {
            "caption": "Budget",
            "header": ["Source", "EUR"],
            "rows": [["ERDF", "300 293,71"]],
        }


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Question or title"), max_length=200)
    body = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion_block.html"
        label = _("Accordion / FAQ")
        description = _("Questions and answers that open one at a time; works without JavaScript")
        preview_value = {
            "heading": "Questions",
            "items": [{"title": "Who can join?", "body": "<p>Providers from both countries.</p>"}],
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Text"),
        template="blocks/rich_text_block.html",
        description=_("Paragraphs, lists and links"),
    )
    image = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    table = TableBlock()
    accordion = AccordionBlock()


# Home page: the project at a glance


class ActivityBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    start = blocks.DateBlock(label=_("Start"))
    end = blocks.DateBlock(label=_("End"), required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "date"
        template = "blocks/activity_block.html"
        label = _("Activity")
        description = _("One dated step of the project timeline")
        preview_value = {
            "title": "Thematic forums",
            "start": "2017-11-01",
            "end": "2018-06-30",
            "description": "Ten two-day meetings, five in each country.",
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("end") and value["end"] < value["start"]:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "end": blocks.BlockValidationError(
                        _("The end date cannot be before the start date.")
                    )
                }
            )
        return value


class ResultValue(blocks.StructValue):
    def percent(self):
        target, achieved = self.get("target"), self.get("achieved")
        if achieved is None or not target:
            return None
        return min(100, round(100 * achieved / target))


class ResultBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Result"), max_length=200)
    target = blocks.IntegerBlock(label=_("Target"), min_value=0, required=False)
    achieved = blocks.IntegerBlock(label=_("Achieved"), min_value=0, required=False)
    unit = blocks.CharBlock(label=_("Unit"), max_length=60, required=False)

    class Meta:
        icon = "tick-inverse"
        template = "blocks/result_block.html"
        label = _("Expected result")
        description = _("An expected result with its target and the figure achieved so far")
        preview_value = {
            "label": "Specialists trained",
            "target": 300,
            "achieved": 120,
            "unit": "experts",
        }
        value_class = ResultValue


class FundingSourceBlock(blocks.StructBlock):
    source = blocks.CharBlock(label=_("Source"), max_length=200)
    amount = blocks.DecimalBlock(label=_("Amount (EUR)"), min_value=0, decimal_places=2)

    class Meta:
        icon = "form"
        label = _("Funding source")
