"""Demo weekly programmes: five items for every demo centre (70 over the 14), with varied
ages, languages (de, tr, ar, uk, ru, en, fa, gsg), topics and weekdays; two whole courses;
one family registered at the desk. Idempotent: a centre that has a programme keeps it."""

from datetime import timedelta
from decimal import Decimal

from wagtail.rich_text import RichText

from dorfbrunnen.centres.models import CentrePage, Offer, ProgrammeItem
from dorfbrunnen.events.models import EventPage, Registration
from dorfbrunnen.events.services import registration_create

ITEMS_PER_CENTRE = 5

# title, topic, age_min, age_max, languages, slots, cost, amount, registration, summary
CATALOGUE = [
    (
        "Krabbelgruppe",
        "kinderbetreuung",
        0,
        3,
        "de",
        "Di 09:00-11:00",
        "free",
        None,
        False,
        "Für Eltern mit Kindern, die krabbeln und laufen lernen. Kaffee und Tee inklusive.",
    ),
    (
        "Babytreff",
        "kinderbetreuung",
        0,
        "1.5",
        "de, tr",
        "Mo 10:00-11:30",
        "free",
        None,
        False,
        "Eltern mit Babys treffen sich zum Spielen, Stillen und Reden.",
    ),
    (
        "Sprachcafé Deutsch",
        "sprachcafe",
        16,
        None,
        "de, ar, fa, uk",
        "Do 15:00-17:00",
        "free",
        None,
        False,
        "Deutsch sprechen üben bei Tee und Gebäck – alle Niveaus.",
    ),
    (
        "Offenes Frühstück",
        "offener-treff",
        None,
        None,
        "de",
        "Mi 09:00-11:00",
        "ask",
        None,
        False,
        "Ein langer Tisch für alle Generationen. Jede und jeder bringt etwas mit.",
    ),
    (
        "Türkischsprachiges Elterncafé",
        "familienbildung",
        18,
        None,
        "tr, de",
        "Fr 09:30-11:30",
        "free",
        None,
        False,
        "Austausch über Erziehung, Schule und Alltag – auf Türkisch und Deutsch.",
    ),
    (
        "Arabisch-deutsche Spielgruppe",
        "kinderbetreuung",
        1,
        4,
        "ar, de",
        "Mo 15:00-16:30",
        "free",
        None,
        False,
        "Singen, spielen und basteln in zwei Sprachen.",
    ),
    (
        "Ukrainischer Müttertreff",
        "offener-treff",
        18,
        None,
        "uk, ru",
        "Sa 10:00-12:00",
        "free",
        None,
        False,
        "Ankommen, Fragen klären, Kontakte knüpfen.",
    ),
    (
        "Erziehungsberatung",
        "beratung",
        18,
        None,
        "de, en",
        "Di 14:00-16:00",
        "free",
        None,
        True,
        "Vertrauliche Beratung bei Fragen rund um Erziehung und Familie. Bitte vorher anrufen.",
    ),
    (
        "Persisch-deutsches Frauencafé",
        "offener-treff",
        18,
        None,
        "fa, de",
        "Do 10:00-12:00",
        "free",
        None,
        False,
        "Ein Treffpunkt für Frauen, mit Kinderbetreuung nebenan.",
    ),
    (
        "Hausaufgabenhilfe",
        "familienbildung",
        6,
        12,
        "de",
        "Mo 14:00-16:00; Mi 14:00-16:00",
        "free",
        None,
        True,
        "Ehrenamtliche helfen bei den Hausaufgaben.",
    ),
    (
        "Kleiderstube",
        "second-hand",
        None,
        None,
        "de, ru",
        "Fr 15:00-18:00",
        "free",
        None,
        False,
        "Kinderkleidung und Spielzeug aus zweiter Hand, gegen eine kleine Spende.",
    ),
    (
        "Erzählcafé",
        "mehrgenerationenhaus",
        60,
        None,
        "de",
        "Mi 15:00-17:00",
        "amount",
        "2.00",
        False,
        "Ältere erzählen aus ihrem Leben, Jüngere hören zu und fragen.",
    ),
    (
        "Eltern-Kind-Turnen",
        "familienbildung",
        "1.5",
        4,
        "de, en",
        "Fr 16:00-17:00",
        "amount",
        "3.00",
        True,
        "Bewegung für die Kleinen, mit Mama, Papa, Oma oder Opa.",
    ),
    (
        "Migrationsberatung",
        "beratung",
        18,
        None,
        "ar, fa, ru, uk, en",
        "Do 09:00-12:00",
        "free",
        None,
        True,
        "Hilfe bei Anträgen, Behörden und Aufenthaltsfragen.",
    ),
    (
        "Spielkreis",
        "kinderbetreuung",
        2,
        6,
        "de, tr",
        "Di 15:00-17:00; Do 15:00-17:00",
        "amount",
        "1.00",
        False,
        "Freies Spiel in kleinen Gruppen, Eltern trinken nebenan Kaffee.",
    ),
    (
        "Nähcafé",
        "haushaltsnahe-dienste",
        14,
        None,
        "de, tr, ar",
        "Sa 10:00-13:00",
        "ask",
        None,
        False,
        "Nähmaschinen, Stoffreste und Hilfe beim Flicken und Nähen.",
    ),
    (
        "Englische Spielgruppe",
        "kinderbetreuung",
        3,
        6,
        "en, de",
        "Mi 16:00-17:00",
        "amount",
        "2.50",
        False,
        "Lieder und Spiele auf Englisch.",
    ),
    (
        "Café in Gebärdensprache",
        "offener-treff",
        None,
        None,
        "gsg, de",
        "So 14:00-16:00",
        "free",
        None,
        False,
        "Für gehörlose und hörende Familien; Gebärdensprachdolmetschung vor Ort.",
    ),
]


def demo_programme() -> int:
    """Five items for each demo centre that has none yet. Returns how many were made."""
    offers = {offer.slug: offer for offer in Offer.objects.all()}
    made = 0
    centres = CentrePage.objects.live().order_by("path")
    for number, listed in enumerate(centres):
        if ProgrammeItem.objects.filter(page=listed).exists():
            continue
        centre = CentrePage.objects.get(pk=listed.pk)
        for position in range(ITEMS_PER_CENTRE):
            entry = CATALOGUE[(number * ITEMS_PER_CENTRE + position) % len(CATALOGUE)]
            title, topic, age_min, age_max, languages, slots, cost, amount, needs, summary = entry
            if topic not in offers:
                continue
            centre.programme_items.add(
                ProgrammeItem(
                    title=title,
                    summary=summary,
                    topic=offers[topic],
                    age_min=Decimal(str(age_min)) if age_min is not None else None,
                    age_max=Decimal(str(age_max)) if age_max is not None else None,
                    languages=languages,
                    slots=slots,
                    cost=cost,
                    cost_amount=Decimal(amount) if amount else None,
                    registration_required=needs,
                )
            )
            made += 1
        centre.save_revision().publish()
    return made


def demo_courses(tree, today, berlin) -> None:
    """Two whole courses at member centres, and one family registered at the desk."""
    dortmund = CentrePage.objects.filter(slug__startswith="muetterzentrum-dortmund").first()
    second = CentrePage.objects.live().exclude(pk=getattr(dortmund, "pk", None)).order_by("path")
    second = second.first()
    if dortmund is None or second is None:
        return
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    massage = tree.ensure(
        dortmund,
        EventPage(
            title="Kurs: Babymassage",
            slug="babymassage",
            subtitle="Sechs Dienstage, jeweils von 9 bis 11 Uhr",
            intro="Sanfte Berührung für Babys von 6 Wochen bis 6 Monaten – ein Kurs mit "
            "festen Plätzen für alle sechs Termine.",
            centre=dortmund,
            organiser_centre=dortmund,
            start=berlin(tuesday.year, tuesday.month, tuesday.day, 9),
            end=berlin(tuesday.year, tuesday.month, tuesday.day, 11),
            recurrence=EventPage.Recurrence.WEEKLY,
            recurrence_until=tuesday + timedelta(weeks=5),
            is_course=True,
            event_format=EventPage.Format.IN_PERSON,
            registration_enabled=True,
            capacity=8,
            max_places_per_registration=2,
            bring_along="Ein großes Handtuch, eine Decke und etwas Öl ohne Duftstoffe.",
            body=[("paragraph", RichText("<p>Eine Hebamme leitet den Kurs.</p>"))],
        ),
    )
    thursday = today + timedelta(days=(3 - today.weekday()) % 7 or 7)
    tree.ensure(
        second,
        EventPage(
            title="Kurs: Deutsch für Eltern",
            slug="deutsch-fuer-eltern",
            subtitle="Acht Donnerstage, mit Kinderbetreuung",
            intro="Alltagsdeutsch für Kita, Schule und Arztbesuch – ein Kurs für acht Wochen.",
            centre=second,
            organiser_centre=second,
            start=berlin(thursday.year, thursday.month, thursday.day, 9, 30),
            end=berlin(thursday.year, thursday.month, thursday.day, 11, 30),
            recurrence=EventPage.Recurrence.WEEKLY,
            recurrence_until=thursday + timedelta(weeks=7),
            is_course=True,
            event_format=EventPage.Format.IN_PERSON,
            registration_enabled=True,
            capacity=12,
            bring_along="Einen Stift und ein Heft.",
        ),
    )
    if not Registration.objects.filter(event=massage, source="desk").exists():
        registration_create(
            event=massage,
            name="Familie Demir (Demo)",
            email="",
            phone="0231 000000",
            adults=1,
            children=1,
            source="desk",
        )
