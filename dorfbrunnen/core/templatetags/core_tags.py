import hashlib
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.forms.widgets import ChoiceWidget
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language, gettext
from wagtail.models import Page, Site

from ..content_cache import LocalMemory, cached, content_version
from ..i18n import localized_each
from ..models import NavigationSettings

register = template.Library()


@register.simple_tag
def field_widget(field):
    """`{{ field }}`; for a choice field without errors kept per content version: its HTML
    depends only on the field, its choices, attributes and the value chosen, and Django
    renders every option of a select or radio list through templates of its own – on a
    search form that cost more than the rest of the page."""
    widget, choices = field.field.widget, getattr(field.field, "choices", None)
    if field.errors or not isinstance(widget, ChoiceWidget):
        return str(field)
    if not isinstance(choices, list | tuple):  # e.g. a model's rows: read each time
        return str(field)
    described = [
        [(str(value), str(label)) for value, label in choices],
        sorted((name, str(value)) for name, value in widget.attrs.items()),
        field.value(),
    ]
    digest = hashlib.sha256(repr(described).encode()).hexdigest()
    key = f"widget:{type(field.form).__qualname__}:{field.auto_id}:{get_language()}:{digest}"
    return cached(key, lambda: str(field))


MENUS = ("main_menu", "footer_menu")


def _menu_links(site, which) -> list[dict]:
    # Both menus built together: the settings row is read once after each publish.
    def build():
        try:
            navigation = NavigationSettings.for_site(site)
        except NavigationSettings.DoesNotExist:
            return {}
        links = {name: [block.value for block in getattr(navigation, name)] for name in MENUS}
        pages = [link["page"] for each in links.values() for link in each if link["page"]]
        translated = localized_each(pages)
        menus = {}
        for name, each in links.items():
            menus[name] = []
            for link in each:
                page = translated.get(link["page"].pk) if link["page"] else None
                if url := link.url(page):
                    menus[name].append({"url": url, "text": str(link.text(page))})
        return menus

    return cached(f"menus:{site.pk}:{get_language()}", build).get(which, [])


@register.inclusion_tag("includes/menu.html", takes_context=True)
def menu(context, which, css_class):
    """Renders the main or footer menu edited under Einstellungen → Menüs."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = _menu_links(site, which) if site else []
    path = request.path
    return {
        "items": [
            {
                **item,
                "active": item["url"] == path
                or (item["url"] != "/" and path.startswith(item["url"])),
            }
            for item in items
        ],
        "css_class": css_class,
        "which": which,
    }


@register.tag
def published_fragment(parser, token):
    """{% published_fragment "name" page.pk %}…{% endpublished_fragment %}: the enclosed
    HTML is rendered once per content version, language and the given values, for markup
    that shows only published content (a page's body). Previews always render afresh."""
    vary = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endpublished_fragment",))
    parser.delete_first_token()
    return PublishedFragmentNode(nodelist, vary)


class PublishedFragmentNode(template.Node):
    def __init__(self, nodelist, vary):
        self.nodelist = nodelist
        self.vary = vary

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = [str(value.resolve(context)) for value in self.vary]
        name = f"fragment:{':'.join(parts)}:{get_language()}"
        return cached(name, lambda: self.nodelist.render(context))


@register.tag
def page_frame(parser, token):
    """{% page_frame "name" %}…{% endpage_frame %}: part of the frame around a page (header,
    menus, language switch, footer), rendered once per content version, site, address and
    language and kept in this process's memory only. Only around a Wagtail page at a fixed
    address (a routable page's sub-addresses too, unless they carry a value such as a
    token), whose frame depends on its address alone – not on search results' queries, nor
    on a visitor: the frame holds no form token and nothing of the signed-in user.
    Previews always render afresh."""
    name = parser.compile_filter(token.split_contents()[1])
    nodelist = parser.parse(("endpage_frame",))
    parser.delete_first_token()
    return PageFrameNode(nodelist, name)


# One header and one footer per address: kept apart from what every page needs.
_frames = LocalMemory(size=1024)


class PageFrameNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        request = context.get("request")
        if not _fixed_page_address(request, context.get("page")):
            return self.nodelist.render(context)
        address = f"{request.get_host()}{request.path}"
        key = (self.name.resolve(context), address, get_language(), content_version())
        html = _frames.get(key)
        if html is None:
            html = self.nodelist.render(context)
            _frames.put(key, html)
        return html


def _fixed_page_address(request, page) -> bool:
    if request is None or not isinstance(page, Page) or getattr(request, "is_preview", False):
        return False
    route = getattr(request, "routable_resolver_match", None)
    return route is None or not (route.args or route.kwargs)


def _page_versions(page) -> dict[str, str]:
    """Language code → address of each live language version of `page`."""

    def build():
        pages = (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
        )
        return {version.locale.language_code: version.get_url() for version in pages}

    return cached(f"translations:{page.translation_key}", build)


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """The language switcher's entries, one per language: the same page in that language,
    or – where it is not translated – that language's home page (`translated` False), or
    for pages outside Wagtail's tree (search, forms) the same address with the language's
    prefix. Also what `<link rel="alternate" hreflang>` lists (the translated ones only)."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    current = get_language()
    versions = homes = {}
    if isinstance(page, Page) and page.pk and page.translation_key:
        versions = _page_versions(page)
        site = Site.find_for_request(request)
        homes = _page_versions(site.root_page) if site else {}
    suffix = ""
    own = versions.get(current)
    if own:  # a sub-address of a routable page (…/anmelden/): kept in every language
        own_path = urlsplit(own).path
        if request.path.startswith(own_path):
            suffix = request.path[len(own_path) :]
    entries = []
    for code, name in settings.LANGUAGES:
        if page is not None and versions:
            translated = code in versions
            url = versions.get(code) or homes.get(code)
            if url is None:
                continue  # nothing at all in that language yet
            if translated:
                url += suffix
        else:
            translated = True
            url = translate_url(request.get_full_path(), code)
        with translation.override(code):
            hint = (
                "" if translated else gettext("Startseite – diese Seite ist noch nicht übersetzt")
            )
        entries.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "full_url": request.build_absolute_uri(url),  # for hreflang
                "translated": translated,
                "current": code == current,
                "hint": hint,
                "bidi": translation.get_language_info(code)["bidi"],
            }
        )
    return entries if len(entries) > 1 else []


@register.simple_tag(takes_context=True)
def reported_path(context) -> str:
    """The page's address for „Barriere melden“ – none on a page whose address is a
    personal key (a registration's page, a newsletter's or a password link: every such
    route names a `token`), which would otherwise go to the office with the report."""
    request = context.get("request")
    if request is None:
        return ""
    for match in (
        getattr(request, "resolver_match", None),
        getattr(request, "routable_resolver_match", None),
    ):
        if match is not None and "token" in match.kwargs:
            return ""
    return request.path
