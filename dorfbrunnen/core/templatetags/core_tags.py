from django import template

from ..models import NavigationSettings

register = template.Library()


@register.inclusion_tag("includes/menu.html", takes_context=True)
def menu(context, which, css_class):
    """Renders the main or footer menu edited under Einstellungen → Menüs."""
    request = context["request"]
    try:
        links = [block.value for block in getattr(NavigationSettings.for_request(request), which)]
    except NavigationSettings.DoesNotExist:  # no site configured yet
        links = []
    current_path = request.path
    items = []
    for link in links:
        url = link.url()
        if not url:
            continue
        active = url == current_path or (url != "/" and current_path.startswith(url))
        items.append({"url": url, "text": link.text(), "active": active})
    return {"items": items, "css_class": css_class, "which": which}
