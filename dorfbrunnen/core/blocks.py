"""StreamField blocks shared by every page type."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def _localized(page):
    from .i18n import localized  # i18n needs the models, which need these blocks

    return localized(page)


class LinkValue(blocks.StructValue):
    """`translated`: the page in the visitor's language when the caller looked it up
    already (a menu finds all its links' translations at once: `i18n.localized_each`)."""

    def url(self, translated=None):
        page = self.get("page")
        return (translated or _localized(page)).url if page else self.get("external_url")

    def text(self, translated=None):
        page = self.get("page")
        translated = (translated or _localized(page)) if page is not None else None
        if translated is not None and translated.pk != page.pk:
            return translated.title  # the translator's words, not the German label
        return self.get("title") or (page.title if page else self.get("external_url"))


class LinkBlock(blocks.StructBlock):
    """A menu or teaser link: to a page of the site or to an external address."""

    page = blocks.PageChooserBlock(label=_("Seite"), required=False)
    external_url = blocks.URLBlock(label=_("oder externe Adresse"), required=False)
    title = blocks.CharBlock(
        label=_("Beschriftung"),
        required=False,
        help_text=_("Leer lassen, um den Titel der gewählten Seite zu verwenden."),
    )

    class Meta:
        icon = "link"
        value_class = LinkValue
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            message = _("Bitte entweder eine Seite wählen oder eine externe Adresse eintragen.")
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        if value.get("external_url") and not value.get("title"):
            raise StructBlockValidationError(
                block_errors={
                    "title": ValidationError(_("Externe Links brauchen eine Beschriftung."))
                }
            )
        return value


class TeaserBlock(blocks.StructBlock):
    """A highlighted box on the home page pointing to a section of the site."""

    label = blocks.CharBlock(
        label=_("Kennzeichnung"),
        required=False,
        max_length=40,
        help_text=_("Steht klein über der Überschrift, z. B. „Rückblick“ oder „Neu“."),
    )
    title = blocks.CharBlock(label=_("Überschrift"))
    subtitle = blocks.CharBlock(label=_("Unterzeile"), required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])
    page = blocks.PageChooserBlock(
        label=_("Verlinkte Seite"), help_text=_("Die Überschrift führt auf diese Seite.")
    )

    class Meta:
        icon = "pick"
        label = _("Teaser")
        template = "components/teaser_block.html"


class SectionBlock(blocks.StructBlock):
    """One of the association's pillars: a short titled text."""

    title = blocks.CharBlock(label=_("Überschrift"))
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "doc-full"
        label = _("Abschnitt")
        template = "components/section_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Zitat"))
    source = blocks.CharBlock(label=_("Quelle"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = "components/quote_block.html"


class AccessibleImageBlock(ImageBlock):
    """Wagtail's image block, in the editors' words: an image that carries meaning needs a
    description (its alt text); only one marked „dekorativ“ may go without, and then screen
    readers skip it. Stored exactly like Wagtail's ImageBlock."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        decorative = self.child_blocks["decorative"]
        decorative.label = _("dekorativ")
        decorative.field.help_text = _(
            "Ankreuzen, wenn das Bild nur schmückt und nichts zeigt, was zum Verständnis "
            "nötig ist. Screenreader überspringen es dann."
        )
        alt_text = self.child_blocks["alt_text"]
        alt_text.label = _("Bildbeschreibung (Alternativtext)")
        alt_text.field.help_text = _(
            "Was zeigt das Bild? Ein kurzer Satz für Menschen, die es nicht sehen können, "
            "z. B. „Kinder malen im Garten des Zentrums“."
        )

    def clean(self, value):
        try:
            return super().clean(value)
        except StructBlockValidationError as error:
            if "alt_text" in error.block_errors:
                error.block_errors["alt_text"] = ValidationError(ALT_TEXT_MISSING)
            raise


ALT_TEXT_MISSING = _(
    "Bitte beschreiben Sie, was auf dem Bild zu sehen ist – oder kreuzen Sie „dekorativ“ an, "
    "wenn es nur schmückt."
)


class BodyBlock(blocks.StreamBlock):
    """The body of ordinary content pages."""

    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    image = AccessibleImageBlock(label=_("Bild"), template="components/image_block.html")
    quote = QuoteBlock()

    class Meta:
        label = _("Inhalt")


class HomeBlock(blocks.StreamBlock):
    teaser = TeaserBlock()
    section = SectionBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        label = _("Inhalt der Startseite")
