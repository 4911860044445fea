"""Bench: nearest-centre search with many centres (target: < 50 ms server time, a
constant number of queries). Generates centres directly in the database for speed."""

import random
import statistics
import time

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from dorfbrunnen.centres import geo
from dorfbrunnen.centres.models import CentreIndexPage, CentrePage, Offer, OpeningHours

TARGET_MS = 50
MAX_QUERIES = 12


def _nrw_postcodes() -> list[str]:
    postcodes = geo._index()[0]
    return sorted(code for code in postcodes if "40000" <= code <= "59999")


@transaction.atomic
def publish_one_centre() -> None:
    """A volunteer's change to one centre goes live, as the office's approval publishes it:
    what is kept per centre (cards, programme items, their HTML) stays for all others."""
    centre = CentrePage.objects.live().order_by("pk").first().specific
    centre.save_revision().publish()


def generate_centres(count: int, seed: int = 7) -> int:
    """Adds `count` published centres below the centres index, spread over NRW postcodes."""
    rng = random.Random(seed)
    index = CentreIndexPage.objects.filter(locale=Locale.get_default()).get()
    content_type = ContentType.objects.get_for_model(CentrePage)
    locale = Locale.get_default()
    offers = list(Offer.objects.all())
    postcodes = _nrw_postcodes()
    start = index.numchild
    pages = []
    for number in range(count):
        slug = f"bench-{start + number}"
        path = Page._get_path(index.path, index.depth + 1, start + number + 1)
        pages.append(
            Page(
                title=f"Bench-Zentrum {start + number}",
                slug=slug,
                path=path,
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                live=True,
                locale=locale,
                draft_title=f"Bench-Zentrum {start + number}",
            )
        )
    if not pages:
        return 0
    Page.objects.bulk_create(pages, batch_size=1000)
    # Only the pages just added (children of the index after the existing ones): called
    # again to grow the data, it must not touch the centres of an earlier call.
    created = Page.objects.filter(
        path__startswith=index.path, depth=index.depth + 1, path__gte=pages[0].path
    ).order_by("pk")
    offers_field = CentrePage._meta.get_field("offers")
    through = offers_field.remote_field.through
    centre_key, offer_key = offers_field.m2m_column_name(), offers_field.m2m_reverse_name()
    centres, links, hours = [], [], []
    for page in created.iterator():
        postcode = rng.choice(postcodes)
        lat, lon = geo.postcode_point(postcode)
        centre = CentrePage(
            page_ptr=page,
            postcode=postcode,
            town="Bench",
            latitude=lat + rng.uniform(-0.01, 0.01),
            longitude=lon + rng.uniform(-0.01, 0.01),
            intro="",
            body=[],
        )
        centre.__dict__.update({f.attname: getattr(page, f.attname) for f in Page._meta.fields})
        centres.append(centre)
        links.extend(
            through(**{centre_key: page.pk, offer_key: offer.pk})
            for offer in rng.sample(offers, k=min(3, len(offers)))
        )
        hours.extend(
            OpeningHours(
                page_id=page.pk, weekday=day, opens="09:00", closes="13:00", sort_order=day
            )
            for day in range(5)
        )
    # The centres' own rows in batches: what bulk_create does, which Django refuses for
    # multi-table inheritance (the Page rows exist already); no signals, as with raw saves.
    for first in range(0, len(centres), 500):
        CentrePage._base_manager._insert(
            centres[first : first + 500], fields=CentrePage._meta.local_concrete_fields
        )
    through.objects.bulk_create(links, batch_size=2000)
    OpeningHours.objects.bulk_create(hours, batch_size=2000)
    Page.objects.filter(pk=index.pk).update(numchild=start + count)
    return count


def run(*, count: int, samples: int, stdout) -> bool:
    """Returns False on an error or when a search needs more than MAX_QUERIES queries. The
    count varies with what is kept (a card built on its first showing), never with the
    number of results shown."""
    existing = CentrePage.objects.count()
    if existing < count:
        started = time.perf_counter()
        generate_centres(count - existing)
        stdout.write(
            f"  generated {count - existing} centres in {time.perf_counter() - started:.1f} s"
        )
    total = CentrePage.objects.count()
    client = Client()
    rng = random.Random(11)
    postcodes = rng.sample(_nrw_postcodes(), samples)
    client.get("/zentren/", {"ort": postcodes[0]})  # warm up: postcode table, templates
    timings, queries, results = [], set(), []
    for postcode in postcodes:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/zentren/", {"ort": postcode, "umkreis": 25})
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            stdout.write(f"  ERROR: {postcode} answered {response.status_code}")
            return False
        queries.add(len(captured.captured_queries))
        results.append(response.content.count(b'class="card centre-card"'))
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    stdout.write(
        f"  centres: {total}; searches: {samples} postcodes, radius 25 km, "
        f"{statistics.mean(results):.0f} results on average"
    )
    stdout.write(f"  server time per search (full request): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    stdout.write(f"  queries per search: {sorted(queries)} (at most {MAX_QUERIES})")
    if p95 > TARGET_MS:
        stdout.write(f"  TARGET MISSED: p95 {p95:.1f} ms > {TARGET_MS} ms")
    else:
        stdout.write(f"  target met: p95 ≤ {TARGET_MS} ms")
    if max(queries) > MAX_QUERIES:
        stdout.write(f"  ERROR: a search made {max(queries)} queries")
        return False
    return True
