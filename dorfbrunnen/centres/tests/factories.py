from datetime import time

from dorfbrunnen.centres.models import CentreIndexPage, CentrePage, Offer, OpeningHours


def offer(slug, name=None):
    return Offer.objects.get_or_create(slug=slug, defaults={"name": name or slug.title()})[0]


def centre(title, postcode, town="Ort", offers=(), hours=None, index=None, **fields):
    index = index or CentreIndexPage.objects.get()
    page = CentrePage(title=title, postcode=postcode, town=town, **fields)
    page.offers = [offer(slug) for slug in offers]
    page.opening_hours = [
        OpeningHours(weekday=day, opens=opens, closes=closes)
        for day, opens, closes in (
            hours if hours is not None else [(d, time(0, 0), time(23, 59)) for d in range(7)]
        )
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page
