"""Newsletter test data: lists and the consent text come from setup (as in production);
these add subscribers and issues."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify
from wagtail.rich_text import RichText

from dorfbrunnen.core.models import SetupRecord
from dorfbrunnen.newsletter.models import (
    Consent,
    ConsentText,
    NewsletterArchivePage,
    NewsletterIssuePage,
    NewsletterList,
    Subscriber,
)


def newsletter_list(slug="aktuelles") -> NewsletterList:
    """One of the lists setup made: "aktuelles", "veranstaltungen", "mitgliedszentren"."""
    return NewsletterList.objects.get(slug=slug)


def subscriber(email="sina@example.org", lists=("aktuelles",), *, language="de", **fields):
    """A confirmed subscription with its proof, as a confirmed double opt-in leaves it."""
    now = timezone.now()
    fields.setdefault("status", Subscriber.Status.CONFIRMED)
    fields.setdefault("confirmed_at", now)
    person = Subscriber.objects.create(email=email, language=language, **fields)
    chosen = [newsletter_list(slug) for slug in lists]
    person.lists.set(chosen)
    Consent.objects.create(
        subscriber=person,
        consent_text=ConsentText.current(),
        lists=[{"slug": item.slug, "name": item.name} for item in chosen],
        language=language,
        requested_at=now - timedelta(minutes=5),
        request_network="192.0.2.0/24",
        confirmed_at=now if person.status == Subscriber.Status.CONFIRMED else None,
        confirm_network="192.0.2.0/24",
    )
    return person


def subscribers(count, lists=("aktuelles",), prefix="leser"):
    """Many confirmed subscriptions at once (bulk, for sends to thousands)."""
    chosen = [newsletter_list(slug) for slug in lists]
    now = timezone.now()
    people = Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"{prefix}{number}@example.org",
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=now,
            )
            for number in range(count)
        ]
    )
    through = Subscriber.lists.through
    through.objects.bulk_create(
        [through(subscriber_id=p.pk, newsletterlist_id=item.pk) for p in people for item in chosen]
    )
    return people


def archive_page() -> NewsletterArchivePage:
    return SetupRecord.objects.get(key="page:newsletter-archive").target.specific


def issue(
    title="Newsletter März", slug=None, *, text="Neues aus den Zentren.", live=True, **fields
):
    page = NewsletterIssuePage(
        title=title,
        slug=slug or slugify(title),
        intro=fields.pop("intro", "Was im Verband los war."),
        body=[("paragraph", RichText(f"<p>{text}</p>"))],
        **fields,
    )
    archive_page().add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.live = False
        page.save(update_fields=["live"])
    return NewsletterIssuePage.objects.get(pk=page.pk)
