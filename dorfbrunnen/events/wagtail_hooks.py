"""The office's (and a centre's editors') view of registrations in the Wagtail admin.

Everyone sees only registrations for events they may edit. Listing, filter, CSV/Excel
export, hand-entered registrations (e.g. taken by phone), status changes such as
„teilgenommen“, a mail to all confirmed participants and attendance certificates.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, ListingButton

from dorfbrunnen.core.dashboard import DashboardAction
from dorfbrunnen.core.exports import SafeSpreadsheetExportMixin
from dorfbrunnen.core.i18n import sources_only
from dorfbrunnen.core.scoping import ScopedIndexMixin, ScopedViewSetMixin

from . import services
from .certificates import certificate_pdf
from .models import EventIndexPage, EventPage, Registration
from .permissions import editable_events, event_for, offers_registrations, registration_for


def _events_in_filter(request):
    """The listing's event filter offers only the events whose registrations one may see."""
    return editable_events(request.user) if request else EventPage.objects.none()


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(queryset=_events_in_filter, label=_("Veranstaltung"))

    class Meta:
        model = Registration
        fields = ["status", "event"]


class RegistrationIndexView(ScopedIndexMixin, SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")


class OfficeRegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["event", "name", "email", "organisation", "adults", "children"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None:
            self.fields["event"].queryset = editable_events(for_user).filter(
                registration_enabled=True
            )


class OfficeRegistrationEditForm(forms.ModelForm):
    """The office sets what it decides (confirmed, waiting, cancelled, attended); pending
    and expired belong to the family's e-mail confirmation and are offered only where the
    registration stands now."""

    OFFICE_STATUSES = (
        Registration.Status.CONFIRMED,
        Registration.Status.WAITING,
        Registration.Status.CANCELLED,
        Registration.Status.ATTENDED,
    )

    class Meta:
        model = Registration
        fields = ["status", "name", "email", "phone", "organisation", "adults", "children"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        offered = {*self.OFFICE_STATUSES, self.instance.status}
        self.fields["status"].choices = [
            (value, label) for value, label in Registration.Status.choices if value in offered
        ]


def _not_enough_places(form, error):
    form.add_error(
        None,
        _("Dafür sind nicht genug Plätze frei (frei: %(free)s). Die Anmeldung ist unverändert.")
        % {"free": error.free},
    )


class RegistrationCreateView(CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.RegistrationClosed:
            from .desk_admin import CLOSED  # the desk's words for the same refusal

            form.add_error(None, CLOSED)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        """Hand-entered registrations obey the same capacity rules (waiting list when full)."""
        data = self.form.cleaned_data
        return services.registration_create(
            event=data["event"],
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            adults=data["adults"],
            children=data["children"],
            by_office=True,
        )


class RegistrationEditView(EditView):
    def save_instance(self):
        """Through the same service, lock and capacity as the public form."""
        data = self.form.cleaned_data
        return services.registration_update(
            registration=self.object,
            status=data["status"],
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            adults=data["adults"],
            children=data["children"],
            phone=data.get("phone"),
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.NotEnoughPlaces as error:
            _not_enough_places(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class RegistrationViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Anmeldungen")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    add_view_class = RegistrationCreateView
    edit_view_class = RegistrationEditView
    list_display = [
        "name",
        "email",
        "event",
        "status",
        Column("places", label=_("Plätze")),
        Column("language", label=_("Sprache"), accessor="get_language_display"),
        "created_at",
    ]
    filterset_class = RegistrationFilterSet
    # The cancellation code on a desk registration's paper finds it when the family calls.
    search_fields = ["name", "email", "organisation", "phone", "cancel_code"]
    list_export = [
        "event.title",
        "name",
        "email",
        "organisation",
        "adults",
        "children",
        "get_status_display",
        "created_at",
        "confirmed_at",
        "answers",
        "phone",
        "get_language_display",
    ]
    export_headings = {
        "event.title": _("Veranstaltung"),
        "name": _("Name"),
        "email": _("E-Mail"),
        "phone": _("Telefon"),
        "organisation": _("Organisation"),
        "adults": _("Erwachsene"),
        "children": _("Kinder"),
        "get_status_display": _("Status"),
        "created_at": _("Angemeldet am"),
        "confirmed_at": _("Bestätigt am"),
        "answers": _("Antworten"),
        "get_language_display": _("Sprache"),
    }
    export_filename = "anmeldungen"

    def get_form_class(self, for_update=False):
        return OfficeRegistrationEditForm if for_update else OfficeRegistrationForm


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Nachricht an alle bestätigten Teilnehmenden"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )


def participants_view(request, page_id):
    # Sending (the message to all, the certificates) changes registrations' state.
    event = event_for(request.user, page_id, "change" if request.method == "POST" else "view")
    if event.pk != page_id:  # a translation's: its German event's screen
        return redirect("events_participants", event.pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "certificates":
        attended = event.registrations.filter(status=Registration.Status.ATTENDED)
        for registration in attended:
            services.certificate_send(registration=registration)
        messages.success(
            request,
            _("%(count)s Bescheinigung(en) werden versendet.") % {"count": attended.count()},
        )
        return redirect("events_participants", page_id)
    if request.method == "POST" and form.is_valid():
        count = services.registrations_message(event=event, text=form.cleaned_data["text"])
        messages.success(
            request, _("Die Nachricht geht an %(count)s Teilnehmende.") % {"count": count}
        )
        return redirect("events_participants", page_id)
    counts = {
        label: event.registrations.filter(status=value).count()
        for value, label in Registration.Status.choices
    }
    return TemplateResponse(
        request,
        "events/admin/participants.html",
        {
            "event": event,
            "form": form,
            "counts": counts,
            "free": services.free_places(event),
            "registrations": event.registrations.order_by("status", "created_at"),
            "page_title": _("Teilnehmende"),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def certificate_view(request, pk):
    registration = registration_for(request.user, pk)
    response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="teilnahmebescheinigung-{pk}.pdf"'
    return response


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [
        path(
            "veranstaltungen/<int:page_id>/teilnehmende/",
            participants_view,
            name="events_participants",
        ),
        path("anmeldungen/<int:pk>/bescheinigung.pdf", certificate_view, name="events_certificate"),
    ]


@hooks.register("register_page_header_buttons")
def participants_button(page, user, view_name, next_url=None):
    if offers_registrations(user, page):
        yield Button(
            _("Teilnehmende"),
            url=reverse("events_participants", args=[page.pk]),
            icon_name="group",
            priority=75,
        )


@hooks.register("register_page_listing_buttons")
def participants_listing_button(page, user, next_url=None):
    """In view in the page listing, beside the „…“ menu (Wagtail's own buttons are in it)."""
    if offers_registrations(user, page):
        yield ListingButton(
            _("Teilnehmende"),
            url=reverse("events_participants", args=[page.pk]),
            icon_name="group",
            attrs={"aria-label": _("Teilnehmende von „%(title)s“") % {"title": page.title}},
            priority=40,
        )


@hooks.register("register_dashboard_actions")
def new_event(request):
    index = EventIndexPage.objects.order_by("path").first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        return []
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])
    return [DashboardAction(_("Neue Veranstaltung"), url, icon="date", order=20)]


UPCOMING_ON_DASHBOARD = 5


class UpcomingRegistrationsPanel(Component):
    """The next events with registration and their counts, each a click away from its
    participants."""

    name = "upcoming_registrations"
    order = 30
    template_name = "events/admin/upcoming_panel.html"

    def __init__(self, events):
        self.events = events

    def get_context_data(self, parent_context=None):
        return {
            "events": [(event, services.free_places(event)) for event in self.events],
        }


def upcoming_with_counts(user):
    Status = Registration.Status
    counted = {
        "confirmed": [Status.CONFIRMED, Status.ATTENDED],
        "waiting": [Status.WAITING],
        "pending": [Status.PENDING],
    }
    # Each event once: a translation's registrations are its German event's.
    return (
        sources_only(editable_events(user))
        .filter(registration_enabled=True)
        .upcoming()
        .annotate(
            **{
                name: Count("registrations", filter=Q(registrations__status__in=states))
                for name, states in counted.items()
            }
        )[:UPCOMING_ON_DASHBOARD]
    )


@hooks.register("construct_homepage_panels")
def add_upcoming_registrations(request, panels):
    if request.user.has_perm("events.view_registration"):
        panels.append(UpcomingRegistrationsPanel(list(upcoming_with_counts(request.user))))


@hooks.register("register_admin_urls")
def register_desk_admin_urls():
    """Registration at the desk or by phone, its printed confirmation, course attendance."""
    from .desk_admin import urls

    return urls
