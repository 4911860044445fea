"""On the national site, own centres go into the listings as they are published."""

from wagtail.signals import page_published, page_unpublished

from .models import aggregating


def _copy(sender, instance, **kwargs):
    if aggregating():
        from .services import listing_copy_own

        listing_copy_own(page=instance)


def register():
    from dorfbrunnen.centres.models import CentrePage

    page_published.connect(_copy, sender=CentrePage, dispatch_uid="federation-listing-published")
    page_unpublished.connect(
        _copy, sender=CentrePage, dispatch_uid="federation-listing-unpublished"
    )
