"""Generators for the speed benches (issue 14): many events, news pages and documents,
written directly to the database for speed, then put into the search index as a publish
would. Centres come from bench/centres.py, documents from bench/library.py.

While generating, background tasks are switched off (`quiet_tasks`): in the bench's test
settings they would run at once – the search index per object (done here in bulk instead)
and the Infopaket's ZIP/PDF rebuild after each publish, which the speed benches do not need
(bench/library.py measures it).
"""

import contextlib
import random
from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from dorfbrunnen.centres.models import CentrePage
from dorfbrunnen.events.models import EventIndexPage, EventPage
from dorfbrunnen.library.models import LibraryDocument, LibraryPage
from dorfbrunnen.news.models import NewsIndexPage, NewsPage

from . import library
from .centres import _nrw_postcodes, generate_centres

# Words of news texts and site-search queries: the binder's words and more everyday ones.
WORDS = [
    *library.WORDS,
    *"""Ausflug Basteln Bewegung Bildung Bücherei Chor Computerkurs Eltern Elterncafé
    Erziehung Ernährung Ferien Flohmarkt Frauenfrühstück Freizeit Frühstück Garten Geburt
    Gesundheit Großeltern Gruppe Handarbeit Hausaufgaben Kinder Kochen Kleiderbörse Krabbeln
    Kunst Lesen Märchen Musik Nähen Nachhilfe Ostern Picknick Reparatur Rückbildung Schule
    Sommerfest Spielgruppe Sport Stadtteil Tanz Theater Trauer Treffpunkt Vater Vorlesen
    Wandern Weihnachten Werkstatt Yoga Zeitung Zuhören Alleinerziehende Babymassage Beruf
    Digitalisierung Einkaufshilfe Erzählcafé Familienbildung Gedächtnistraining Generationen
    Hilfe Kindergarten Kita Klimaschutz Lernpaten Medien Mütter Nachbarn Notfall Ruhestand
    Smartphone Spielplatz Sprachcafé Stillgruppe Tagespflege Wohnen""".split(),  # noqa: SIM905
]


DUMMY_TASKS = "django.tasks.backends.dummy.DummyBackend"


@contextlib.contextmanager
def quiet_tasks():
    """Background tasks are stored, not run, while generating (see the module docstring)."""
    with override_settings(TASKS={"default": {"BACKEND": DUMMY_TASKS}}):
        yield


def index_objects(model, objects) -> None:
    """What publishing does per object, in bulk: add them to the site-search index."""
    backend = get_search_backend()
    objects = list(objects)
    for start in range(0, len(objects), 500):
        backend.add_bulk(model, objects[start : start + 500])


def analyze() -> None:
    """Fresh planner statistics after a bulk insert, as autovacuum would gather them on a
    running site (PostgreSQL; inside a transaction it sees the transaction's own rows)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _child_pages(parent: Page, model, titles: list[str], prefix: str) -> list[Page]:
    """Published Page rows below `parent` (bulk, as bench/centres.py does); the model's own
    rows are written by the caller."""
    parent.refresh_from_db()
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    start = parent.numchild
    now = timezone.now()
    pages = []
    for number, title in enumerate(titles, start=start):
        slug = f"{prefix}-{number}"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, number + 1),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                live=True,
                locale=locale,
                first_published_at=now,
                last_published_at=now,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=1000)
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(titles))
    if created and created[0].pk is None:  # databases that return no keys
        paths = [page.path for page in pages]
        created = list(Page.objects.filter(path__in=paths).order_by("path"))
    return created


def _specific_rows(model, pages: list[Page], fields: list[dict]) -> list:
    """The model's own rows for existing Page rows, inserted in batches (what bulk_create
    does, which Django refuses for multi-table inheritance); no signals – indexed in bulk."""
    objects = []
    for page, values in zip(pages, fields, strict=True):
        specific = model(page_ptr=page, **values)
        specific.__dict__.update({f.attname: getattr(page, f.attname) for f in Page._meta.fields})
        objects.append(specific)
    own = model._meta.local_concrete_fields
    for start in range(0, len(objects), 500):
        model._base_manager._insert(objects[start : start + 500], fields=own)
    return objects


def _month_start(now: datetime, offset: int) -> datetime:
    local = timezone.localtime(now)
    year, month = local.year + (local.month - 1 + offset) // 12, (local.month - 1 + offset) % 12 + 1
    return datetime(year, month, 1, tzinfo=local.tzinfo)


def coming_months(count: int = 12) -> list[str]:
    """The calendar's month filter values (`monat=2026-12`) from this month on."""
    return [f"{m:%Y-%m}" for m in (_month_start(timezone.now(), i) for i in range(count))]


# Every REPEAT_EVERY-th event is a weekly group of REPEATS dates (Krabbelgruppe dienstags).
REPEAT_EVERY = 20
REPEATS = 8


def generated_event_dates() -> int:
    """Coming dates of the generated events (a weekly group counts once per date)."""
    events = EventPage.objects.filter(slug__startswith="messtermin-")
    return events.filter(recurrence="").count() + REPEATS * events.exclude(recurrence="").count()


def generate_event_dates(dates: int, *, index: bool = True, seed: int = 3) -> int:
    """Adds published events with about `dates` coming dates, spread over the coming 12
    months (from tomorrow), most of them one-off, some weekly groups of 8 dates; in person
    at an NRW postcode, online or hybrid; `index`: into the site search, as a publish
    would. Returns the number of new event pages."""
    rng = random.Random(seed + generated_event_dates())
    index = EventIndexPage.objects.filter(locale=Locale.get_default()).get()
    postcodes = _nrw_postcodes()
    now = timezone.now()
    horizon = (_month_start(now, 12) - now).days - REPEATS * 7 - 2
    plans, planned = [], 0
    while planned < dates:
        repeating = len(plans) % REPEAT_EVERY == REPEAT_EVERY - 1 and dates - planned >= REPEATS
        day = timezone.localdate(now) + timedelta(days=rng.randint(1, horizon))
        start = timezone.make_aware(datetime.combine(day, time(rng.choice([9, 10, 15, 18]))))
        plans.append((start, repeating))
        planned += REPEATS if repeating else 1
    words = rng.sample(WORDS, k=len(WORDS))
    titles = [f"{words[n % len(words)]}: Termin {n}" for n in range(len(plans))]
    formats = [EventPage.Format.IN_PERSON] * 6 + [EventPage.Format.ONLINE, EventPage.Format.HYBRID]
    with quiet_tasks(), transaction.atomic():
        # Not "bench-…": bench/centres.py takes those below an index for its centres.
        pages = _child_pages(index, EventPage, titles, "messtermin")
        rows = []
        for start, repeating in plans:
            event_format = rng.choice(formats)
            fields = {
                "start": start,
                "end": start + timedelta(hours=2),
                "event_format": event_format,
                "intro": " ".join(rng.choices(WORDS, k=12)),
            }
            if event_format != EventPage.Format.ONLINE:
                postcode = rng.choice(postcodes)
                fields.update(postcode=postcode, location=f"Bench-Treff, {postcode} Bench")
            if repeating:
                fields.update(
                    recurrence=EventPage.Recurrence.WEEKLY,
                    recurrence_until=timezone.localdate(start) + timedelta(weeks=REPEATS - 1),
                )
            rows.append(fields)
        events = _specific_rows(EventPage, pages, rows)
        if index:
            index_objects(EventPage, events)
    return len(events)


def generated_news_pages() -> int:
    return NewsPage.objects.live().filter(slug__startswith="messnachricht-").count()


def generate_news_pages(count: int, *, seed: int = 5) -> int:
    """Adds `count` published news pages with German text (a few paragraphs of the WORDS,
    common words more often than rare ones) and puts them into the site-search index."""
    if count <= 0:
        return 0
    index = NewsIndexPage.objects.filter(locale=Locale.get_default()).get()
    rng = random.Random(seed + index.numchild)
    weights = [1 / (rank + 1) for rank in range(len(WORDS))]  # Zipf-like
    order = rng.sample(WORDS, k=len(WORDS))

    def sentence(length):
        return " ".join(rng.choices(order, weights=weights, k=length)) + "."

    titles = [f"Neues aus dem Netzwerk: {sentence(3)[:-1]}" for _ in range(count)]
    with quiet_tasks(), transaction.atomic():
        pages = _child_pages(index, NewsPage, titles, "messnachricht")
        rows = []
        for _page in pages:
            paragraphs = [
                {
                    "type": "paragraph",
                    "value": "<p>" + " ".join(sentence(12) for _ in range(5)) + "</p>",
                }
                for _ in range(3)
            ]
            rows.append(
                {
                    "date": timezone.localdate() - timedelta(days=rng.randint(0, 900)),
                    "intro": sentence(20),
                    "body": paragraphs,
                }
            )
        news = _specific_rows(NewsPage, pages, rows)
        index_objects(NewsPage, news)
    return count


def generated_documents() -> int:
    return LibraryDocument.objects.filter(description=library.GENERATED).count()


def generate_documents(count: int, *, pages_per_document: int, seed: int = 9) -> list[str]:
    """Adds `count` PDF documents to the binder through bench/library.py (text extracted,
    chapters published), then indexes them and their chapters. Returns their markers (one
    word in exactly one document each)."""
    if count <= 0:
        return []
    binder = LibraryPage.objects.live().filter(locale=Locale.get_default()).get()
    rng = random.Random(seed + generated_documents())
    with quiet_tasks(), transaction.atomic():
        markers, chapters = library.add_documents(
            binder, count, rng, pages_per_document=pages_per_document
        )
        index_objects(
            LibraryDocument,
            LibraryDocument.objects.filter(chapter_links__chapter__in=chapters),
        )
        index_objects(type(chapters[0]), chapters)
    return markers


def generate_centres_to(total: int, *, index: bool = True) -> int:
    """Published centres up to `total` (bench/centres.py's generator); `index`: the new
    ones into the site search, as a publish would. Returns how many were added."""
    existing = CentrePage.objects.count()
    if existing >= total:
        return 0
    with quiet_tasks():
        generate_centres(total - existing, seed=7 + existing)
        if index:
            new = CentrePage.objects.filter(slug__startswith="bench-").order_by("-pk")
            index_objects(CentrePage, new[: total - existing])
    return total - existing
