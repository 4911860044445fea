from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify
from wagtail.rich_text import RichText

from dorfbrunnen.news.models import NewsIndexPage, NewsPage


def news(title, *, days_ago=0, intro="", body="", publish=True, index=None) -> NewsPage:
    """A news item dated `days_ago` days back, published unless `publish=False` (then it is
    a saved draft)."""
    page = NewsPage(
        title=title,
        slug=slugify(title),
        intro=intro,
        date=timezone.localdate() - timedelta(days=days_ago),
        body=[("paragraph", RichText(body))] if body else [],
        live=publish,
    )
    (index or NewsIndexPage.objects.get()).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page
