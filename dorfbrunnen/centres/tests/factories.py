import math
from datetime import time

from django.contrib.auth import get_user_model

from dorfbrunnen.centres import geo
from dorfbrunnen.centres.models import CentreIndexPage, CentrePage, Offer, OpeningHours
from dorfbrunnen.centres.services import centre_setup_access

# Two halves per day, the second until midnight: open around the clock, without a gap.
ALWAYS_OPEN = [
    (day, opens, closes)
    for day in range(7)
    for opens, closes in ((time(0), time(12)), (time(12), time(0)))
]


def offer(slug, name=None):
    return Offer.objects.get_or_create(slug=slug, defaults={"name": name or slug.title()})[0]


def centre(title, postcode, town="Ort", offers=(), hours=None, index=None, **fields):
    """A published centre as the admin or the CSV import makes it: with its own editor
    group and collection. `hours`: [(weekday, opens, closes)]; without them the centre is
    open all the time, holidays included. Coordinates come from the postcode unless
    `latitude`/`longitude` are given."""
    index = index or CentreIndexPage.objects.get()
    if hours is None:
        hours = ALWAYS_OPEN
        fields.setdefault("closed_on_public_holidays", False)
    page = CentrePage(title=title, postcode=postcode, town=town, **fields)
    page.offers = [offer(slug) for slug in offers]
    page.opening_hours = [
        OpeningHours(weekday=day, opens=opens, closes=closes) for day, opens, closes in hours
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    centre_setup_access(centre=page)
    return page


def volunteer(centre, email="ehrenamt@example.org"):
    """An account in the centre's editor group (a volunteer who accepted the invitation)."""
    user = get_user_model().objects.create_user(
        username=email, email=email, password="Geheim-12345"
    )
    user.groups.add(centre.editor_group)
    return user


def km_north_of(place, km):
    """Coordinates (as centre fields) `km` kilometres due north of `place`: for centres at
    distances the test chooses."""
    return {
        "latitude": place.latitude + math.degrees(km / geo.EARTH_RADIUS_KM),
        "longitude": place.longitude,
    }


def saved_programme_item(centre, title, *, topic="kinderbetreuung", **fields):
    """An item saved directly, as the publish of a live centre saves its items – without a
    revision, for tests that need many."""
    from dorfbrunnen.centres.models import ProgrammeItem

    ProgrammeItem(page=centre, title=title, topic=offer(topic), **fields).save()


def programme_item(
    centre, title="Krabbelgruppe", *, topic="kinderbetreuung", publish=True, **fields
):
    """An item of the centre's weekly programme, published with the centre's page (as the
    office's approval does). Defaults: Tuesday 09:30–11:00, German, free, all ages."""
    from dorfbrunnen.centres.models import ProgrammeItem

    fields.setdefault("slots", "Di 09:30-11:00")
    fields.setdefault("languages", "de")
    page = CentrePage.objects.get(pk=centre.pk)  # a fresh copy: its items as they are live
    page.programme_items.add(ProgrammeItem(title=title, topic=offer(topic), **fields))
    revision = page.save_revision()
    if publish:
        revision.publish()
    return ProgrammeItem.objects.filter(page=centre, title=title).first()
