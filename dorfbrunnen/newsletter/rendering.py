"""An issue as a mail: HTML laid out for mail clients (one table, the CSS inlined into
`style` attributes by css-inline), a plain-text part generated from that HTML, and every link
and image absolute. No tracking pixel and no rewritten links: the links are the editor's.

The rendered mail holds nothing personal, so one copy per language serves every recipient.
Its only personal part, the unsubscribe link, stays the placeholder UNSUBSCRIBE until the
hand-off (`personalise`).
"""

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

UNSUBSCRIBE = "https://abmelden.invalid/newsletter"  # replaced per recipient

_inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_at_rules=True)
_RELATIVE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')


@dataclass
class RenderedMail:
    subject: str
    html: str
    text: str


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_links(html: str, base: str) -> str:
    """href="/…" and src="/…" (pages, images, documents) with the site's address in front:
    a mail has no address of its own to resolve them against."""
    return _RELATIVE.sub(lambda match: f'{match.group(1)}{base}{match.group(2)}"', html)


def _section_url(page, slug: str) -> str:
    site = page.get_site()
    found = site.root_page.get_children().live().filter(slug=slug).first() if site else None
    return base_url() + found.url if found and found.url else ""


def issue_render(page, *, language: str | None = None) -> RenderedMail:
    """The mail of `page` (an issue, in the language it is written in)."""
    from dorfbrunnen.core.models import SiteSettings

    language = language or page.locale.language_code
    site = page.get_site()
    facts = SiteSettings.for_site(site) if site else None
    sender = (
        [facts.association_name, facts.street, f"{facts.postcode} {facts.town}"] if facts else []
    )
    with translation.override(language):
        archive_url = ""
        if page.in_archive and page.url:
            archive_url = base_url() + page.url
        html = render_to_string(
            "newsletter/mail/issue.html",
            {
                "page": page,
                "language": language,
                "site_settings": facts,
                "sender": ", ".join(part.strip() for part in sender if part.strip()),
                "archive_url": archive_url,
                "imprint_url": _section_url(page, "impressum"),
                "privacy_url": _section_url(page, "datenschutz"),
                "unsubscribe_url": UNSUBSCRIBE,
            },
        )
    html = _inliner.inline(absolute_links(html, base_url()))
    return RenderedMail(page.mail_subject, html, html_to_text(html))


def personalise(text: str, unsubscribe_url: str) -> str:
    return text.replace(UNSUBSCRIBE, unsubscribe_url)


class _TextWriter(HTMLParser):
    """Plain text from the mail's HTML: paragraphs and headings as blocks, list items with a
    dash, links as „text <address>“, images by their alternative text."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "ul", "ol", "blockquote", "table", "tr"}
    SKIP = {"head", "style", "script", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.links: list[str] = []
        self.link_text: list[list[str]] = []

    def _write(self, text: str) -> None:
        if self.link_text:
            self.link_text[-1].append(text)
        self.parts.append(text)

    def _break(self, count: int = 2) -> None:
        self.parts.append("\n" * count)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.SKIP:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag in self.BLOCKS:
            self._break()
        elif tag == "li":
            self._break(1)
            self.parts.append("- ")
        elif tag == "br":
            self._break(1)
        elif tag == "a":
            self.links.append(attributes.get("href") or "")
            self.link_text.append([])
        elif tag == "img" and attributes.get("alt"):
            self._write(f"[{attributes['alt']}]")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif self.skipping:
            return
        elif tag == "a" and self.links:
            href = self.links.pop()
            text = " ".join("".join(self.link_text.pop()).split())
            if href and not href.startswith("mailto:") and href != text:
                self.parts.append(f" <{href}>")
        elif tag in self.BLOCKS:
            self._break()

    def handle_data(self, data):
        if not self.skipping:
            self._write(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        raw = unescape("".join(self.parts))
        lines = [" ".join(line.split()) for line in raw.splitlines()]
        text = "\n".join(lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def html_to_text(html: str) -> str:
    writer = _TextWriter()
    writer.feed(html)
    writer.close()
    return writer.text()
