"""Bench: the Infopaket with 500 documents of 4 PDF pages each (2,000 pages).

The PDFs are written directly (a small PDF writer, so generating them takes seconds, not the
minutes WeasyPrint would need) with German words, then go through the real pipeline: text
extraction with pypdf, Wagtail's search index, chapters published in the binder. Measured:
binder search through the full Django request (target: under 100 ms), and the background
build of the whole binder as one printable PDF and one ZIP.
"""

import math
import random
import statistics
import time
from datetime import timedelta

from django.db import transaction
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale

from dorfbrunnen.demo.library import document_create
from dorfbrunnen.library.models import BinderBuild, ChapterDocument, ChapterPage, LibraryPage
from dorfbrunnen.library.setup import library_collections

DOCUMENTS = 500
PAGES_PER_DOCUMENT = 4
CHAPTERS = 20
# The description of every generated document (how the other benches count them).
GENERATED = "Erzeugt für die Messung."
WORDS = [
    "Familie",
    "Zentrum",
    "Ehrenamt",
    "Förderung",
    "Antrag",
    "Satzung",
    "Verein",
    "Vorstand",
    "Kinderbetreuung",
    "Beratung",
    "Nachbarschaft",
    "Begegnung",
    "Café",
    "Gastgeberin",
    "Haushalt",
    "Spende",
    "Stiftung",
    "Kommune",
    "Jugendamt",
    "Elterngeld",
    "Sprachkurs",
    "Hebamme",
    "Krabbelgruppe",
    "Mittagstisch",
    "Seniorinnen",
    "Pflege",
    "Demenz",
    "Integration",
    "Willkommen",
    "Patenschaft",
    "Qualifizierung",
    "Fortbildung",
    "Versicherung",
    "Datenschutz",
    "Einwilligung",
    "Protokoll",
    "Mitgliederversammlung",
    "Kassenprüfung",
    "Rücklage",
    "Miete",
    "Honorar",
    "Verwendungsnachweis",
    "Sachbericht",
    "Zuschuss",
    "Landesmittel",
    "Bundesprogramm",
    "Mehrgenerationenhaus",
    "Öffentlichkeitsarbeit",
    "Pressemitteilung",
    "Plakat",
    "Netzwerk",
    "Fachtag",
]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def simple_pdf(pages: list[list[str]]) -> bytes:
    """A valid PDF with one text column per page (Helvetica, WinAnsi for the umlauts)."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        None,  # the page tree, once the page objects are numbered
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for lines in pages:
        stream = (
            "BT /F1 11 Tf 14 TL 56 790 Td "
            + " ".join(f"({_escape(line)}) Tj T*" for line in lines)
            + " ET"
        )
        data = stream.encode("cp1252")
        objects.append(f"<< /Length {len(data)} >>\nstream\n{stream}\nendstream")
        content_number = len(objects)
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_number} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n{body}\nendobj\n".encode("cp1252")
    xref = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(output)


def _page_lines(rng: random.Random, marker: str) -> list[str]:
    lines = [" ".join(rng.choice(WORDS) for _ in range(9)) for _ in range(40)]
    lines[rng.randrange(len(lines))] += f" {marker}"
    return lines


def add_documents(
    binder: LibraryPage,
    count: int,
    rng: random.Random,
    *,
    pages_per_document: int = PAGES_PER_DOCUMENT,
    per_chapter: int = DOCUMENTS // CHAPTERS,
) -> tuple[list[str], list[ChapterPage]]:
    """Adds `count` generated PDF documents (German words, text extracted with pypdf) in new
    published chapters of `per_chapter` documents. Each document holds one word of its own
    (its marker). Returns the markers and the new chapters. Callable again on the same
    binder: chapter numbers continue."""
    collection = library_collections()[0]
    first = ChapterPage.objects.child_of(binder).filter(slug__startswith="messkapitel-").count()
    markers, chapters = [], []
    for chapter_number in range(first, first + math.ceil(count / per_chapter)):
        documents = []
        for index in range(min(per_chapter, count - len(markers))):
            marker = f"Prüfwort{chapter_number:02d}x{index:02d}"
            markers.append(marker)
            pages = [_page_lines(rng, marker) for _ in range(pages_per_document)]
            documents.append(
                document_create(
                    title=f"Arbeitshilfe {chapter_number + 1}.{index + 1}",
                    filename=f"arbeitshilfe-{chapter_number + 1}-{index + 1}.pdf",
                    data=simple_pdf(pages),
                    collection=collection,
                    description=GENERATED,
                )
            )
        chapter = ChapterPage(
            title=f"Messkapitel {chapter_number + 1}",
            slug=f"messkapitel-{chapter_number + 1}",
            body="<p>Ein Kapitel mit vielen Dokumenten für die Messung.</p>",
        )
        chapter.documents = [ChapterDocument(document=d) for d in documents]
        binder.add_child(instance=chapter)
        chapter.save_revision().publish()
        chapters.append(chapter)
    return markers, chapters


def _fill(binder: LibraryPage, rng: random.Random, committed: list) -> list[str]:
    # Runs first when the transaction commits, before the binder refresh it triggered.
    transaction.on_commit(lambda: committed.append(time.monotonic()))
    return add_documents(binder, DOCUMENTS, rng)[0]


def _ms(seconds: list[float]) -> str:
    p50 = statistics.median(seconds) * 1000
    p95 = statistics.quantiles(seconds, n=20)[18] * 1000
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms"


def run(*, stdout, samples: int = 60) -> bool:
    rng = random.Random(500)
    binder = LibraryPage.objects.live().filter(locale=Locale.get_default()).get()
    started = time.monotonic()
    committed: list[float] = []
    with transaction.atomic():
        markers = _fill(binder, rng, committed)
    finished = time.monotonic()
    stdout.write(
        f"  {DOCUMENTS} documents, {DOCUMENTS * PAGES_PER_DOCUMENT} PDF pages generated, "
        f"text extracted and indexed in {committed[0] - started:.1f} s"
    )
    stdout.write(
        f"  after the publish, the background refresh rebuilt ZIP and PDF for visitors and "
        f"for members in {finished - committed[0]:.1f} s:"
    )
    ok = True
    fresh = BinderBuild.objects.filter(
        scope=binder,
        created_at__gte=timezone.now() - timedelta(seconds=time.monotonic() - committed[0] + 1),
    )
    for build in fresh.order_by("audience", "kind"):
        pages = f", {build.page_count} pages" if build.page_count else ""
        stdout.write(
            f"    {build.kind.upper()} ({build.audience}): {build.seconds:.1f} s, "
            f"{build.size / 1_000_000:.1f} MB{pages}"
        )
        if build.kind == "pdf" and build.page_count < DOCUMENTS * PAGES_PER_DOCUMENT:
            stdout.write("  ERROR: the printable binder misses pages")
            ok = False
    client = Client()
    timings = {"a common word": [], "a word in one document": [], "two words": []}
    for _ in range(samples):
        queries = {
            "a common word": rng.choice(WORDS),
            "a word in one document": rng.choice(markers),
            "two words": f"{rng.choice(WORDS)} {rng.choice(WORDS)}",
        }
        for label, query in queries.items():
            start = time.perf_counter()
            response = client.get(f"{binder.url}suche/", {"q": query})
            timings[label].append(time.perf_counter() - start)
            if response.status_code != 200:
                stdout.write(f"  ERROR: search for {query!r} answered {response.status_code}")
                ok = False
            if label == "a word in one document" and "1 Dokument gefunden" not in (
                response.content.decode()
            ):
                stdout.write(f"  ERROR: {query!r} is in exactly one document, not found once")
                ok = False
    for label, seconds in timings.items():
        p95 = statistics.quantiles(seconds, n=20)[18]
        verdict = "met" if p95 < 0.1 else "MISSED"
        stdout.write(f"  search, {label}: {_ms(seconds)} (target p95 < 100 ms: {verdict})")

    return ok
