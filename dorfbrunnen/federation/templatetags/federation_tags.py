from django import template

register = template.Library()


@register.simple_tag
def sources_of(shown) -> list:
    """The sources of the federated entries among `shown` (hits or centres), once each –
    for the attribution each source's licence asks for."""
    sources = {}
    for item in shown or ():
        item = getattr(item, "centre", item)  # a finder hit
        source = getattr(item, "source", None)
        if source is not None:
            sources[source.pk] = source
    return sorted(sources.values(), key=str)
