"""The newsletter in the Wagtail admin: menu „Newsletter“ with the subscriptions (and their
proof, export, import), lists, consent texts and every send; on an issue's page the button
„Newsletter versenden“.

Subscriptions are written by the people themselves (form, personal page) or by the import;
the office may correct a name, unsubscribe someone who asked by phone, or resume a paused
address – through the same services as the public pages."""

from django import forms
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, HeaderButton

from dorfbrunnen.core.admin_menu import PermissionMenuItem
from dorfbrunnen.core.exports import SafeSpreadsheetExportMixin
from dorfbrunnen.core.scoping import ScopedIndexMixin, ScopedViewSetMixin

from . import admin_views, services
from .models import ConsentText, NewsletterIssuePage, NewsletterList, Subscriber


class SubscriberForm(forms.ModelForm):
    """The office changes a state only the way the rules allow: unsubscribe anyone, take a
    paused address back. Confirming for somebody is not possible – that is theirs alone."""

    class Meta:
        model = Subscriber
        fields = ["name", "status"]

    def clean_status(self):
        new = self.cleaned_data["status"]
        old = self.instance.status
        allowed = {old, Subscriber.Status.UNSUBSCRIBED}
        if old == Subscriber.Status.PAUSED:
            allowed.add(Subscriber.Status.CONFIRMED)
        if new not in allowed:
            raise forms.ValidationError(
                _(
                    "Diesen Status kann nur die Person selbst herbeiführen (über den Link in "
                    "ihrer E-Mail). Möglich ist hier: abmelden, oder eine pausierte Adresse "
                    "wieder anmelden."
                )
            )
        return new


class SubscriberEditView(EditView):
    def save_instance(self):
        old = Subscriber.objects.get(pk=self.object.pk)
        subscriber = self.form.instance
        Subscriber.objects.filter(pk=subscriber.pk).update(name=subscriber.name)
        if subscriber.status != old.status:
            if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
                services.subscription_unsubscribe(subscriber=subscriber)
            elif subscriber.status == Subscriber.Status.CONFIRMED:
                services.subscription_resume(subscriber=subscriber)
        subscriber.refresh_from_db()
        return subscriber


class SubscriberIndexView(ScopedIndexMixin, SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("lists")

    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("newsletter.change_subscriber"):
            buttons.append(
                HeaderButton(_("Importieren"), url=reverse("newsletter_import"), icon_name="upload")
            )
        return buttons


class SubscriberInspectView(InspectView):
    def get_field_label(self, field_name, field):
        if field_name == "proof":
            return _("Nachweis der Einwilligung")
        return super().get_field_label(field_name, field)

    def get_proof_display_value(self):
        consents = self.object.consents.select_related("consent_text")
        if not consents:
            return "-"
        rows = []
        for consent in consents:
            parts = [
                consent.get_source_display(),
                _("angefragt %(when)s aus %(network)s")
                % {
                    "when": f"{consent.requested_at:%d.%m.%Y %H:%M}",
                    "network": consent.request_network or "–",
                },
                _("Einwilligungstext Fassung %(version)s")
                % {"version": consent.consent_text.version}
                if consent.consent_text
                else "",
                _("Verteiler: %(lists)s") % {"lists": consent.list_names},
                _("bestätigt %(when)s aus %(network)s")
                % {
                    "when": f"{consent.confirmed_at:%d.%m.%Y %H:%M}",
                    "network": consent.confirm_network or "–",
                }
                if consent.confirmed_at
                else _("nicht bestätigt"),
                _("ursprünglich %(date)s, %(source)s")
                % {
                    "date": f"{consent.original_consent_on:%d.%m.%Y}",
                    "source": consent.original_source,
                }
                if consent.original_consent_on
                else "",
                _("widerrufen %(when)s") % {"when": f"{consent.withdrawn_at:%d.%m.%Y %H:%M}"}
                if consent.withdrawn_at
                else "",
            ]
            rows.append((" · ".join(str(part) for part in parts if part),))
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", rows))


class SubscriberViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Subscriber
    icon = "mail"
    add_to_admin_menu = False
    index_view_class = SubscriberIndexView
    edit_view_class = SubscriberEditView
    inspect_view_class = SubscriberInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "name",
        "status",
        "lists",
        "language",
        "imported",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "rejections",
        "last_rejection",
        "proof",
    ]
    form_fields = ["name", "status"]
    list_display = ["email", "name", "status", "list_names", "imported", "created_at"]
    list_filter = ["status", "lists", "imported"]
    search_fields = ["email", "name"]
    list_export = [
        "email",
        "name",
        "get_status_display",
        "list_names",
        "language",
        "imported",
        "created_at",
        "confirmed_at",
    ]
    export_headings = {
        "email": _("E-Mail"),
        "name": _("Name"),
        "get_status_display": _("Status"),
        "list_names": _("Verteiler"),
        "language": _("Sprache"),
        "imported": _("Importiert"),
        "created_at": _("Eingetragen am"),
        "confirmed_at": _("Bestätigt am"),
    }
    export_filename = "newsletter-abonnements"

    def get_form_class(self, for_update=False):
        return SubscriberForm


class NewsletterListViewSet(ModelViewSet):
    model = NewsletterList
    icon = "list-ul"
    add_to_admin_menu = False
    form_fields = ["name", "slug", "description", "members_only", "sort_order"]
    list_display = ["name", "slug", "members_only", "sort_order"]
    copy_view_enabled = False


class ConsentTextViewSet(ModelViewSet):
    model = ConsentText
    icon = "doc-full"
    add_to_admin_menu = False
    form_fields = ["text"]
    list_display = ["version", Column("text", label=_("Text")), "created_at"]
    copy_view_enabled = False


subscriber_viewset = SubscriberViewSet("newsletter_subscribers")
list_viewset = NewsletterListViewSet("newsletter_lists")
consent_text_viewset = ConsentTextViewSet("newsletter_consent_texts")


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return [subscriber_viewset, list_viewset, consent_text_viewset]


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [
        path(
            "newsletter/ausgabe/<int:page_id>/",
            admin_views.issue_sending_view,
            name="newsletter_issue_sending",
        ),
        path(
            "newsletter/ausgabe/<int:page_id>/vorschau/",
            admin_views.issue_mail_preview_view,
            name="newsletter_issue_preview",
        ),
        path("newsletter/versand/", admin_views.sends_view, name="newsletter_sends"),
        path("newsletter/import/", admin_views.import_view, name="newsletter_import"),
    ]


@hooks.register("register_admin_menu_item")
def register_newsletter_menu():
    items = [
        PermissionMenuItem(
            _("Abonnements"),
            reverse("newsletter_subscribers:index"),
            icon_name="group",
            order=10,
            permission="newsletter.view_subscriber",
        ),
        PermissionMenuItem(
            _("Versand"),
            reverse("newsletter_sends"),
            icon_name="mail",
            order=20,
            permission="newsletter.view_newslettersend",
        ),
        PermissionMenuItem(
            _("Verteiler"),
            reverse("newsletter_lists:index"),
            icon_name="list-ul",
            order=30,
            permission="newsletter.change_newsletterlist",
        ),
        PermissionMenuItem(
            _("Einwilligungstexte"),
            reverse("newsletter_consent_texts:index"),
            icon_name="doc-full",
            order=40,
            permission="newsletter.view_consenttext",
        ),
    ]
    return SubmenuMenuItem(_("Newsletter"), Menu(items=items), icon_name="mail", order=260)


@hooks.register("register_page_header_buttons")
def sending_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, NewsletterIssuePage) and user.has_perm(
        admin_views.SEND_PERMISSION
    ):
        yield Button(
            _("Newsletter versenden"),
            url=reverse("newsletter_issue_sending", args=[page.pk]),
            icon_name="mail",
            priority=75,
        )
