"""The archive's RSS feed: the issues visitors may read (never members' issues)."""

from django.contrib.syndication.views import Feed

from dorfbrunnen.core.models import SiteSettings

FEED_LENGTH = 20


class IssueFeed(Feed):
    def __init__(self, archive_page):
        super().__init__()
        self.archive_page = archive_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        name = SiteSettings.for_request(self.request).association_name
        return f"{self.archive_page.title} – {name}" if name else self.archive_page.title

    def link(self):
        return self.archive_page.get_url(self.request)

    def description(self):
        return self.archive_page.intro

    def items(self):
        return self.archive_page.issues()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_meta_description()

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_sent_at
