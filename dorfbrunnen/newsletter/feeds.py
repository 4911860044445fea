"""The archive's RSS feed: the issues visitors may read (never members' issues)."""

from dorfbrunnen.core.feeds import PageFeed


class IssueFeed(PageFeed):
    def entries(self):
        return self.listing_page.issues()

    def item_pubdate(self, item):
        return item.first_sent_at
