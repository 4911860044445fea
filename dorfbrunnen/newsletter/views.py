"""The newsletter for visitors: the subscription form, the confirmation (one button; only
the POST confirms), the personal page (lists, unsubscribe), one-click unsubscribing (RFC 8058)
and the archive.

The form and the personal pages are never cached; the archive is cached like every page
and goes stale when a send begins (sending.issue_archive_update bumps the content version).
"""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Site

from dorfbrunnen.core.network import client_ip, form_flooded

from . import services
from .forms import ManageForm, SubscribeForm
from .models import Consent, ConsentText, Delivery, Subscriber


def _privacy_url(request) -> str:
    site = Site.find_for_request(request)
    page = site.root_page.get_children().filter(slug="datenschutz").first() if site else None
    return page.get_url(request) if page else "/datenschutz/"


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    # The token is in the address: never pass it on to another site.
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request, page):
    context = page.get_context(request)
    consent_text = ConsentText.current()
    if consent_text is None:  # the office removed every version: nothing to agree to
        context["unavailable"] = True
        return TemplateResponse(request, page.get_template(request), context, status=503)
    form = SubscribeForm(
        request.POST if request.method == "POST" else None,  # bound if sent, even empty
        user=request.user,
        consent_text=consent_text,
        privacy_url=_privacy_url(request),
    )
    status = 200
    if request.method == "POST":
        if form_flooded(request, form, "newsletter"):
            status = 429
        elif form.is_valid():
            if not form.is_spam:
                services.subscription_request(
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    lists=list(form.cleaned_data["lists"]),
                    consent_text=form.cleaned_data["consent_version"],
                    network=services.network_of(client_ip(request)),
                    language=get_language() or "de",
                )
            # The same answer for a new, a pending and a confirmed address.
            return TemplateResponse(request, "newsletter/subscribe_received.html", context)
        else:
            status = 400
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """Opening the link shows one button; only pressing it (a POST) confirms – mail scanners
    and link previews open every link in a mail."""
    consent = get_object_or_404(
        Consent.objects.select_related("subscriber"), token=token, source=Consent.Source.WEB
    )
    expired = consent.confirmed_at is None and timezone.now() > services.confirmation_expires(
        consent
    )
    if request.method == "POST" and not expired:
        try:
            subscriber = services.subscription_confirm(
                consent=consent, network=services.network_of(client_ip(request))
            )
        except services.ConfirmationExpired:
            expired = True
        else:
            return HttpResponseRedirect(
                reverse("newsletter:manage", kwargs={"token": subscriber.token}) + "?bestaetigt=1"
            )
    response = TemplateResponse(
        request,
        "newsletter/confirm.html",
        {"consent": consent, "expired": expired, "subscribe_url": _subscribe_url(request)},
        status=410 if expired else 200,
    )
    return _private(response)


def _subscribe_url(request) -> str:
    from .models import NewsletterPage

    page = NewsletterPage.objects.live().first()
    return page.get_url(request) if page else "/"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = get_object_or_404(Subscriber, token=token)
    if subscriber.status == Subscriber.Status.PENDING:
        raise Http404  # nothing confirmed yet: nothing to manage
    form = ManageForm(
        request.POST if request.method == "POST" else None,  # bound if sent, even empty
        user=request.user,
        subscriber=subscriber,
        initial={"lists": list(subscriber.lists.all())},
    )
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "unsubscribe":
            services.subscription_unsubscribe(subscriber=subscriber)
            return HttpResponseRedirect(request.path + "?abgemeldet=1")
        if form.is_valid():
            try:
                services.subscription_change(
                    subscriber=subscriber,
                    lists=list(form.cleaned_data["lists"]),
                    network=services.network_of(client_ip(request)),
                    consent_text=ConsentText.current(),
                )
            except services.NotSubscribed:
                status = 409  # the page says so and links to the form
            else:
                return HttpResponseRedirect(request.path + "?gespeichert=1")
        else:
            status = 400
    subscriber.refresh_from_db()
    response = TemplateResponse(
        request,
        "newsletter/manage.html",
        {
            "subscriber": subscriber,
            "form": form,
            "just_confirmed": request.GET.get("bestaetigt") == "1",
            "saved": request.GET.get("gespeichert") == "1",
            "unsubscribed": request.GET.get("abgemeldet") == "1",
            "subscribe_url": _subscribe_url(request),
        },
        status=status,
    )
    return _private(response)


@csrf_exempt  # the token in the address authenticates; mail programs post without a form
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """The address in every newsletter's List-Unsubscribe header and its visible link. A GET
    shows one button; a POST – that button, or a mail program's one-click request
    (`List-Unsubscribe=One-Click`, RFC 8058) – unsubscribes at once, without login."""
    delivery = get_object_or_404(Delivery.objects.select_related("subscriber"), token=token)
    subscriber = delivery.subscriber
    done = False
    if request.method == "POST":
        if subscriber is not None:
            services.subscription_unsubscribe(subscriber=subscriber)
        done = True
    elif subscriber is not None:
        done = subscriber.status == Subscriber.Status.UNSUBSCRIBED
    response = TemplateResponse(
        request,
        "newsletter/unsubscribe.html",
        {"subscriber": subscriber, "done": done, "subscribe_url": _subscribe_url(request)},
    )
    return _private(response)


@require_safe
def archive(request, page):
    context = page.get_context(request)
    context["issues"] = page.issues()
    return TemplateResponse(request, page.get_template(request), context)
