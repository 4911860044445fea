"""Demo newsletter: a few subscribers (example.org addresses, so a send lands in var/mail/),
one issue that went out last month and is in the archive, and a next issue, published but
not yet sent, for the editor to try: „Newsletter versenden“ on its page."""

from datetime import timedelta

from django.utils import timezone
from wagtail.rich_text import RichText

from dorfbrunnen.newsletter.models import (
    Consent,
    ConsentText,
    NewsletterIssuePage,
    NewsletterList,
    NewsletterSend,
    Subscriber,
)
from dorfbrunnen.newsletter.sending import issue_archive_update

SUBSCRIBERS = [
    ("leonie.lehmann@example.org", "Leonie Lehmann", ["aktuelles", "veranstaltungen"]),
    ("familienzentrum.beispiel@example.org", "", ["aktuelles", "mitgliedszentren"]),
    ("presse.redaktion@example.org", "Redaktion Westfalenblick", ["aktuelles"]),
    ("ehrenamt.herne@example.org", "Jonas Öztürk", ["veranstaltungen"]),
]

SENT_ISSUE = {
    "title": "Rückblick auf den Fachtag Familie",
    "slug": "rueckblick-fachtag-familie",
    "intro": "Einsamkeit in Familien, neue Mitgliedszentren und ein Sommer voller Feste.",
    "body": """
<h2>Fachtag Familie: „So lonely“</h2>
<p>Über hundert Fachkräfte, Ehrenamtliche und Eltern haben beim Fachtag darüber gesprochen, wie
Einsamkeit in Familien entsteht – und was offene Treffpunkte dagegen tun können. Die
Dokumentation mit allen Folien steht im Infopaket.</p>
<h2>Willkommen, neue Mitgliedszentren</h2>
<p>Zwei Familientreffs aus dem Münsterland sind dem Verband beigetreten. Wir freuen uns auf den
Austausch und stellen beide Häuser im nächsten Newsletter ausführlicher vor.</p>
<h2>Sommerfeste in den Zentren</h2>
<p>Von der Kinderdisco bis zum Erzählcafé im Hinterhof: Die Zentren haben gefeiert. Schicken Sie
uns Ihre schönsten Fotos für die Webseite – mit dem Einverständnis der Abgebildeten.</p>
""",
}

NEXT_ISSUE = {
    "title": "Einladung zum Netzwerktreffen",
    "slug": "einladung-netzwerktreffen",
    "intro": "Neue Termine für Ehrenamtliche und ein Aufruf zum Mitmachen.",
    "body": """
<p>Im Herbst laden wir wieder zum Netzwerktreffen Ehrenamt ein. Melden Sie sich über den
Veranstaltungskalender an – die Plätze sind begrenzt.</p>
<p>Sie möchten im nächsten Newsletter von Ihrem Zentrum erzählen? Schreiben Sie uns über das
Kontaktformular.</p>
""",
}


def _subscribers(consent_text: ConsentText, now) -> list[Subscriber]:
    people = []
    for email, name, slugs in SUBSCRIBERS:
        person, created = Subscriber.objects.get_or_create(
            email=email,
            defaults={"name": name, "status": Subscriber.Status.CONFIRMED, "confirmed_at": now},
        )
        if created:
            lists = list(NewsletterList.objects.filter(slug__in=slugs))
            person.lists.set(lists)
            Consent.objects.create(
                subscriber=person,
                consent_text=consent_text,
                lists=[{"slug": item.slug, "name": item.name} for item in lists],
                name=name,
                requested_at=now - timedelta(days=60, minutes=4),
                request_network="198.51.100.0/24",
                confirmed_at=now - timedelta(days=60),
                confirm_network="198.51.100.0/24",
            )
        people.append(person)
    return people


def demo_newsletter(tree, archive) -> None:
    """Idempotent like the rest of the demo: what exists is kept."""
    if archive is None:
        return
    now = timezone.now()
    consent_text = ConsentText.current()
    if consent_text is not None:
        _subscribers(consent_text, now)
    issues = {}
    for spec in (SENT_ISSUE, NEXT_ISSUE):
        issues[spec["slug"]] = tree.ensure(
            archive,
            NewsletterIssuePage(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                body=[("paragraph", RichText(spec["body"]))],
            ),
        )
    sent = issues[SENT_ISSUE["slug"]]
    public = NewsletterList.objects.filter(slug="aktuelles").first()
    if public is not None and not NewsletterSend.objects.filter(issue=sent).exists():
        # Went out last month (the demo keeps no copies of it in anybody's mailbox).
        month_ago = now - timedelta(days=30)
        send = NewsletterSend.objects.create(
            issue=sent,
            send_at=month_ago,
            status=NewsletterSend.Status.DONE,
            started_at=month_ago,
            finished_at=month_ago,
            recipients=public.subscribers.count(),
        )
        send.lists.set([public])
        issue_archive_update(NewsletterIssuePage.objects.get(pk=sent.pk))
