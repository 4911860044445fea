from django import template
from django.utils.translation import get_language
from wagtail.models import Site

from ..content_cache import cached
from ..models import NavigationSettings

register = template.Library()


def _menu_links(site, which) -> list[dict]:
    def build():
        try:
            links = getattr(NavigationSettings.for_site(site), which)
        except NavigationSettings.DoesNotExist:
            return []
        items = []
        for block in links:
            url = block.value.url()
            if url:
                items.append({"url": url, "text": str(block.value.text())})
        return items

    return cached(f"menu:{site.pk}:{which}:{get_language()}", build)


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
