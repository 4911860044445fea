"""The aggregator's fetch: every registered source, in parallel, into the listings.

`sources_fetch` downloads all active sources at once (threads, no database access: each
download only talks HTTP and writes temporary files) and imports each as soon as it is in,
one at a time, so at most one source's records are in memory. Per source: its index
(publisher, licence, the feeds), then each feed with the validators of the last good copy
(`If-None-Match`, `If-Modified-Since`). A feed that answers 304 stays as it is; a feed that
fails (error status, timeout, too large, not JSON, a redirect elsewhere, an internal
address) keeps its last good copy and the error is recorded (so does a failure no rule
foresaw; one source's failure never stops another); a feed that arrives replaces
the source's rows of that kind in one transaction – so what the source removed is gone
after the next fetch. Bad records are skipped and counted (`Source.report`).

Own centres are copied into the listings when published (`listing_copy_own`, called from
signal_handlers) and all at once before a fetch when they changed since the last
(`own_sync`).
"""

import codecs
import hashlib
import json
import logging
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from . import records, trust
from .models import FederatedEvent, FederatedOffer, Listing, Source

# feed name in the index → (model, record reader, key of the record list)
FEEDS = {
    "centres": (Listing, records.centre, "features"),
    "events": (FederatedEvent, records.event, "events"),
    "offers": (FederatedOffer, records.offer, "features"),
}
REPORT_EXAMPLES = 5

logger = logging.getLogger(__name__)


@dataclass
class Download:
    """What one source sent (made in a worker thread; no model objects)."""

    index: dict | None = None
    feeds: dict = field(default_factory=dict)  # name → (url, trust.Fetched)
    errors: list = field(default_factory=list)


def _read_json(body) -> object:
    try:
        return json.load(codecs.getreader("utf-8")(body))
    except (ValueError, UnicodeDecodeError) as error:
        raise trust.FetchError(_("Die Antwort ist kein gültiges JSON.")) from error
    except RecursionError as error:
        raise trust.FetchError(_("Das JSON der Antwort ist zu tief verschachtelt.")) from error
    finally:
        body.close()


def _download(index_url: str, validators: dict) -> Download:
    download = Download()
    try:
        index = _read_json(trust.fetch(index_url).body)
        if not isinstance(index, dict) or not isinstance(index.get("feeds"), list):
            raise trust.FetchError(_("Die Übersicht der Quelle hat keine Liste „feeds“."))
    except trust.FetchError as error:
        download.errors.append(f"{index_url}: {error}")
        return download
    download.index = index
    for entry in index["feeds"]:
        name = entry.get("name") if isinstance(entry, dict) else None
        url = entry.get("url") if isinstance(entry, dict) else None
        if not isinstance(name, str) or name not in FEEDS or not isinstance(url, str):
            continue
        if not trust.same_origin(url, index_url):
            # Only registered sources: a feed elsewhere is not fetched.
            download.errors.append(
                _("%(feed)s liegt auf einem anderen Server (%(url)s).") % {"feed": name, "url": url}
            )
            continue
        known = validators.get(name, {})
        same = known.get("url") == url
        try:
            fetched = trust.fetch(
                url,
                etag=known.get("etag", "") if same else "",
                last_modified=known.get("last_modified", "") if same else "",
            )
        except trust.FetchError as error:
            download.errors.append(f"{name}: {error}")
            continue
        download.feeds[name] = (url, fetched)
    return download


def _index_facts(index: dict) -> dict:
    licence = index.get("licence") if isinstance(index.get("licence"), dict) else {}

    def clean(value, length):
        try:
            return records.text(value, length)
        except records.Invalid:
            return ""

    facts = {
        "publisher": clean(index.get("publisher"), 200),
        "region": clean(index.get("region"), 100),
        "licence_name": clean(licence.get("name"), 100),
        "attribution": clean(licence.get("attribution"), 200),
    }
    for name, value in (("licence_url", licence.get("url")), ("site_url", index.get("site"))):
        value = clean(value, 200)
        facts[name] = value if value.startswith(("https://", "http://")) else ""
    return facts


def _import_feed(source: Source, name: str, url: str, fetched, site: str) -> tuple[bool, str]:
    """Replaces the source's rows of this feed, unless what they hold is unchanged (a feed
    answers anew for what is not imported, e.g. its centres' „open now“); returns whether
    they changed and the report line ("" for none)."""
    model, read, key = FEEDS[name]
    data = _read_json(fetched.body)
    rows = data.get(key) if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise trust.FetchError(_("Die Antwort hat keine Liste „%(key)s“.") % {"key": key})
    made, seen, skipped = [], set(), Counter()
    for row in rows:
        try:
            fields = read(row, site)
        except records.Invalid as error:
            skipped[str(error)] += 1
            continue
        if fields["key"] in seen:
            skipped[_("doppelter Eintrag")] += 1
            continue
        seen.add(fields["key"])
        made.append(model(source=source, **fields))
    del rows, data  # the parsed document can go before the rows are written
    digest = _digest(made)
    changed = digest != source.validators.get(name, {}).get("digest")
    if changed:
        with transaction.atomic():
            model.objects.filter(source=source).delete()
            model.objects.bulk_create(made, batch_size=1000)
    headers = {k.lower(): v for k, v in fetched.headers.items()}
    source.validators[name] = {
        "url": url,
        "etag": headers.get("etag", ""),
        "last_modified": headers.get("last-modified", ""),
        "digest": digest,
    }
    if not skipped:
        return changed, ""
    reasons = "; ".join(
        f"{count} × {reason}" for reason, count in skipped.most_common(REPORT_EXAMPLES)
    )
    return changed, _("%(feed)s: %(count)s Einträge übersprungen (%(reasons)s)") % {
        "feed": name,
        "count": sum(skipped.values()),
        "reasons": reasons,
    }


def _digest(rows) -> str:
    """What the imported rows hold, in one string: equal rows, equal digest."""
    fields = [
        {
            field.attname: getattr(row, field.attname)
            for field in row._meta.concrete_fields
            if not field.primary_key
        }
        for row in rows
    ]
    text = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def source_import(*, source: Source, download: Download, now=None) -> Source:
    """Stores what `_download` brought for `source`. Every failure keeps the last good
    copy of that feed; the source counts as reached only when nothing failed."""
    now = now or timezone.now()
    errors = list(download.errors)
    report = []
    shown_before = _shown(source)
    imported = False
    if download.index is not None:
        facts = _index_facts(download.index)
        if facts["site_url"] and not trust.same_origin(facts["site_url"], source.index_url):
            # Its records' links are checked against its site: only the registered server.
            errors.append(
                _(
                    "Die Übersicht nennt als Webseite einen anderen Server (%(url)s); "
                    "angenommen werden nur Links zum Server der Quelle."
                )
                % {"url": facts["site_url"]}
            )
            facts["site_url"] = ""
        for name, value in facts.items():
            setattr(source, name, value)
        if not source.name and source.publisher:
            source.name = source.publisher
        site = source.site_url or source.index_url
        for name, (url, fetched) in download.feeds.items():
            if fetched.status == 304:
                continue
            try:
                changed, line = _import_feed(source, name, url, fetched, site)
            except trust.FetchError as error:
                errors.append(f"{name}: {error}")
                continue
            except Exception as error:  # the feed keeps its last good copy
                errors.append(f"{name}: {_unexpected(source, error)}")
                continue
            imported = imported or changed
            if line:
                report.append(line)
        if imported:
            source.report = "\n".join(report)
    source.last_attempt_at = now
    source.last_error = "\n".join(errors)
    if not errors:
        source.last_success_at = now
    if imported or _shown(source) != shown_before:
        source.save()  # shown_everywhere: the pages showing its entries go stale
    else:
        Source.objects.filter(pk=source.pk).update(
            last_attempt_at=source.last_attempt_at,
            last_success_at=source.last_success_at,
            last_error=source.last_error,
            validators=source.validators,  # the new ETag, for the next conditional request
        )
    return source


def _unexpected(source: Source, error: Exception) -> str:
    """A failure no rule foresaw: logged in full, named to the office in one line."""
    logger.exception("Fetching %s failed", source.index_url)
    detail = f"{type(error).__name__}: {error}"[:300]
    return _("Unerwarteter Fehler (%(error)s).") % {"error": detail}


def _source_failed(source: Source, error: Exception, now=None) -> Source:
    """Records a failure of the whole source as its error; its last good copy stays."""
    source.last_attempt_at = now or timezone.now()
    source.last_error = _unexpected(source, error)
    Source.objects.filter(pk=source.pk).update(
        last_attempt_at=source.last_attempt_at, last_error=source.last_error
    )
    return source


def _shown(source: Source) -> tuple:
    """What visitors see of a source (its name, its licence, whether it is silent)."""
    return (
        source.name,
        source.publisher,
        source.attribution,
        source.licence_name,
        source.licence_url,
        source.site_url,
        source.silent,
    )


def sources_fetch(*, sources=None, now=None) -> list[Source]:
    """Fetches every active source (or `sources`) in parallel; returns them updated. A
    source that fails in a way no rule foresaw gets that as its error; the others go on."""
    sources = list(sources if sources is not None else Source.objects.filter(active=True))
    if not sources:
        return []
    own_sync()
    done = []
    workers = max(1, min(settings.FEDERATION_PARALLEL, len(sources)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(_download, source.index_url, dict(source.validators)): source
            for source in sources
        }
        for future in as_completed(futures):
            source = futures[future]
            try:
                done.append(source_import(source=source, download=future.result(), now=now))
            except Exception as error:  # one source's failure stops no other
                done.append(_source_failed(source, error, now))
    return done


# Own centres

OWN_STATE_KEY = "dorfbrunnen:federation:own-state"


def _own_state() -> tuple:
    """What the copies of own centres and events depend on: how many are live and when
    the latest was published (a publish, an unpublish or a deletion changes it)."""
    from dorfbrunnen.centres.models import CentrePage
    from dorfbrunnen.events.models import EventPage

    counted = [
        tuple(model.objects.live().aggregate(Count("pk"), Max("last_published_at")).values())
        for model in (CentrePage, EventPage)
    ]
    return (*counted, timezone.localdate())  # the coming dates move on each day


def own_sync() -> bool:
    """Before a fetch: the own centres and events copied again (`listings_sync_own`,
    `events_sync_own`) – only when they changed since the last fetch, so that a fetch
    that finds nothing new stays cheap however many own centres there are. Returns
    whether it copied."""
    state = _own_state()
    if cache.get(OWN_STATE_KEY) == state:
        return False
    listings_sync_own()
    events_sync_own()
    cache.set(OWN_STATE_KEY, state, None)
    return True


def _own_fields(page) -> dict:
    """A page's fields within the listing's columns (a page's title and e-mail may be longer;
    an address cut short would be a wrong one, so it is left out)."""
    name_length = Listing._meta.get_field("name").max_length
    email_length = Listing._meta.get_field("email").max_length
    return {
        "key": f"page-{page.pk}",
        "name": page.title[:name_length],
        "url": page.get_full_url() or "",
        "street": page.street,
        "postcode": page.postcode,
        "town": page.town,
        "phone": page.phone,
        "email": page.email if len(page.email) <= email_length else "",
        "website": page.website,
        "offers": records.joined(
            [offer.slug for offer in page.offers.all()],
            Listing._meta.get_field("offers").max_length,
        ),
        "latitude": page.latitude,
        "longitude": page.longitude,
    }


def listing_copy_own(*, page) -> None:
    """Copies a published centre into the listings (or removes it once not public)."""
    from dorfbrunnen.centres.selectors import published_centres

    if not published_centres().filter(pk=page.pk).exists():
        Listing.objects.filter(page_id=page.pk).delete()
        return
    Listing.objects.update_or_create(page_id=page.pk, defaults=_own_fields(page))


@transaction.atomic
def listings_sync_own() -> int:
    """All own published centres into the listings, the others out; returns how many."""
    from dorfbrunnen.centres.models import CentrePage
    from dorfbrunnen.centres.selectors import published_centres

    ids = set(published_centres().values_list("pk", flat=True))
    Listing.objects.filter(source__isnull=True).exclude(page_id__in=ids).delete()
    for page in CentrePage.objects.filter(pk__in=ids).prefetch_related("offers"):
        Listing.objects.update_or_create(page_id=page.pk, defaults=_own_fields(page))
    return len(ids)


@transaction.atomic
def events_sync_own() -> int:
    """The site's own coming event dates into the national calendar's table (replaced
    whole: at most a few thousand rows); returns how many."""
    from wagtail.models import Site

    from dorfbrunnen.events.api import event_records

    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url + "/" if site else ""
    rows, seen = [], set()
    for record in event_records(None):
        try:
            fields = records.event(record, root)
        except records.Invalid:
            continue  # an own event without a full URL (no site configured)
        if fields["key"] not in seen:
            seen.add(fields["key"])
            rows.append(FederatedEvent(source=None, **fields))
    FederatedEvent.objects.filter(source__isnull=True).delete()
    FederatedEvent.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
