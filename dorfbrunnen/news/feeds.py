"""RSS and Atom feeds of the news, built with Django's syndication framework."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from dorfbrunnen.core.feeds import PageFeed


class NewsRssFeed(PageFeed):
    def entries(self):
        return self.listing_page.news_items()

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9)))

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = PageFeed.description
