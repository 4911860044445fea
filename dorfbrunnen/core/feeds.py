"""A feed of a listing page's children (news, newsletter archive), on Django's syndication
framework: the listing's title with the association's name, its intro, each entry's title,
search description and address."""

from django.contrib.syndication.views import Feed

from .models import SiteSettings

FEED_LENGTH = 20


class PageFeed(Feed):
    def __init__(self, listing_page):
        super().__init__()
        self.listing_page = listing_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def entries(self):
        """The listing's pages, newest first."""
        raise NotImplementedError

    def title(self):
        name = SiteSettings.for_request(self.request).association_name
        return f"{self.listing_page.title} – {name}" if name else self.listing_page.title

    def link(self):
        return self.listing_page.get_url(self.request)

    def description(self):
        return self.listing_page.intro

    def items(self):
        return self.entries()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_meta_description()

    def item_link(self, item):
        return item.get_url(self.request)
