"""The editors' own content check in Wagtail's checker (the Checks panel beside the page
editor, and the userbar on the site): German paragraphs whose sentences are too long to
read easily – more than 20 words on average, or one sentence over 30.

Wagtail runs Axe; a check is a rule (which elements) plus a check function (pass or fail).
The rule and the limits are configured here, the function is registered in the browser by
static/js/content-checks.js (`registerCheck` of Wagtail's userbar), which this userbar item
loads. Alt texts are checked already: the image block asks for a description unless the
image is marked „dekorativ“ (core.blocks.AccessibleImageBlock), and Wagtail's own
`alt-text-quality` rule flags file names used as alt text.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.userbar import ContentCheckerItem

RULE = "dorfbrunnen-sentence-length"
CHECK = "dorfbrunnen-check-sentence-length"
MAX_AVERAGE_WORDS = 20
MAX_SENTENCE_WORDS = 30


class ClearLanguageCheckerItem(ContentCheckerItem):
    class Media:
        js = ["js/content-checks.js"]

    def get_axe_run_only(self, request):
        return [*super().get_axe_run_only(request), RULE]

    def get_axe_custom_rules(self, request):
        return [
            *super().get_axe_custom_rules(request),
            {
                "id": RULE,
                "impact": "moderate",
                "selector": "main p",
                "tags": ["best-practice"],
                "any": [CHECK],
                "enabled": True,
            },
        ]

    def get_axe_custom_checks(self, request):
        return [
            *super().get_axe_custom_checks(request),
            {
                "id": CHECK,
                "options": {
                    "maxAverageWords": MAX_AVERAGE_WORDS,
                    "maxSentenceWords": MAX_SENTENCE_WORDS,
                },
            },
        ]

    def get_axe_messages(self, request):
        return {
            **super().get_axe_messages(request),
            RULE: {
                "error_name": _("Lange Sätze"),
                "help_text": _(
                    "Dieser Absatz ist schwer zu lesen: Seine Sätze haben im Schnitt mehr als "
                    "%(average)s Wörter, oder ein Satz hat mehr als %(longest)s. Teilen Sie "
                    "lange Sätze – eine Aussage pro Satz."
                )
                % {"average": MAX_AVERAGE_WORDS, "longest": MAX_SENTENCE_WORDS},
            },
        }


def with_clear_language_check(items: list) -> None:
    """Replace Wagtail's checker item in a userbar (or the editor's Checks panel) by ours."""
    items[:] = [
        ClearLanguageCheckerItem(in_editor=item.in_editor)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ClearLanguageCheckerItem)
        else item
        for item in items
    ]
