"""Admin screens of the core app: the outgoing mail queue, readable by the office, the
data-protection screen (Datenauskunft), the sign-language videos pages point to, the office's
dashboard (core.dashboard) and the menus without what a user cannot use.

Mails are written by the system. The office reads them and can send a failed one again by
setting its status back to „wartet“ (a sent one is not sent twice).
"""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import PublishMenuItem, SubmitForModerationMenuItem
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView, InspectView
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import GroupApprovalTask
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import golive_admin
from .admin_menu import PermissionMenuItem
from .dashboard import (
    ApprovalsPanel,
    QuickActionsPanel,
    approvals_for,
    dashboard_actions,
    recent_decisions,
)
from .mail import body_shown, mail_retry_now
from .models import OutboundMail, SignLanguageVideo
from .privacy import personal_data_erase, personal_data_find, personal_data_sources
from .scoping import sees_site_reports
from .users import SCOPED_USER_BULK_ACTIONS
from .video import validate_captions, validate_sign_video


class OutboundMailForm(WagtailAdminModelForm):
    """The one change the office makes: a failed mail back to „wartet“, to send it again.
    A sent mail is not sent twice – its links were taken out once it went (`redact`)."""

    class Meta:
        model = OutboundMail
        fields = ["status"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        offered = {self.instance.status}
        if self.instance.status == OutboundMail.Status.FAILED:
            offered.add(OutboundMail.Status.QUEUED)
        self.fields["status"].choices = [
            (value, label) for value, label in OutboundMail.Status.choices if value in offered
        ]


class OutboundMailEditView(EditView):
    def save_instance(self):
        mail = super().save_instance()
        if mail.status == OutboundMail.Status.QUEUED:
            mail_retry_now(mail=mail)
        return mail


def _addresses(addresses) -> str:
    return ", ".join(addresses) or "–"


class OutboundMailInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        if field_name in ("to", "reply_to"):
            return _addresses(getattr(self.object, field_name))
        if field_name == "body":
            return body_shown(self.object)
        value = super().get_field_display_value(field_name, field)
        return "–" if value is None or value == "" else value


class OutboundMailViewSet(ModelViewSet):
    model = OutboundMail
    icon = "mail"
    menu_label = _("Ausgehende E-Mails")
    menu_order = 900
    add_to_admin_menu = True
    list_display = [
        "subject_shown",
        Column("to", label=_("Empfänger"), accessor=lambda mail: _addresses(mail.to)),
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status"]
    search_fields = ["subject"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "to",
        "reply_to",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    edit_view_class = OutboundMailEditView
    inspect_view_class = OutboundMailInspectView
    copy_view_enabled = False  # mails are written by the system, not by hand

    def get_form_class(self, for_update=False):
        return OutboundMailForm


@hooks.register("register_admin_viewset")
def register_outbound_mail_viewset():
    return OutboundMailViewSet("outbound_mail")


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse der Person"))


class EraseForm(PersonalDataForm):
    confirm = forms.BooleanField(
        label=_("Ja, alle gefundenen Daten dieser Person endgültig löschen."),
        error_messages={"required": _("Bitte bestätigen Sie das Löschen.")},
    )


def personal_data_view(request):
    """Datenauskunft: find, export and erase everything stored for an e-mail address."""
    if not request.user.has_perm("core.manage_personal_data"):
        raise PermissionDenied
    if request.method == "POST":
        form = EraseForm(request.POST)
        if form.is_valid():
            erased = personal_data_erase(email=form.cleaned_data["email"], user=request.user)
            counts = ", ".join(
                f"{source.label}: {len(items)}" for source, items in erased.sections if items
            )
            messages.success(request, _("Gelöscht – %(counts)s.") % {"counts": counts or "0"})
            return redirect("personal_data")
        found = None
    else:
        form = PersonalDataForm(request.GET or None)
        found = (
            personal_data_find(email=form.cleaned_data["email"], user=request.user)
            if form.is_valid()
            else None
        )
        if found is not None and request.GET.get("format") == "json":
            response = HttpResponse(
                json.dumps(found.as_dict(), ensure_ascii=False, indent=2),
                content_type="application/json",
            )
            response["Content-Disposition"] = 'attachment; filename="datenauskunft.json"'
            return response
    return TemplateResponse(
        request,
        "core/admin/personal_data.html",
        {
            "form": form,
            "found": found,
            "sources": personal_data_sources(),
            "erase_form": EraseForm(initial={"email": found.email}) if found else None,
            "page_title": _("Datenauskunft"),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def translations_view(request):
    """„Übersetzungen“: per German page, which languages are missing or outdated."""
    from django.conf import settings
    from django.core.paginator import Paginator
    from wagtail.models import Page

    from .i18n import default_language, translation_states

    if not request.user.has_perm("wagtail_localize.submit_translation"):
        raise PermissionDenied
    german = (
        Page.objects.filter(depth__gt=1, locale__language_code=default_language())
        .live()
        .order_by("path")
    )
    page_obj = Paginator(german, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "core/admin/translations.html",
        {
            "rows": translation_states(page_obj.object_list),
            "languages": [(c, n) for c, n in settings.LANGUAGES if c != default_language()],
            "page_obj": page_obj,
            "paginator": page_obj.paginator,
            "page_title": _("Übersetzungen"),
        },
    )


@hooks.register("register_admin_urls")
def register_translations_url():
    return [path("uebersetzungen/", translations_view, name="translations")]


@hooks.register("register_settings_menu_item")
def register_translations_menu_item():
    return PermissionMenuItem(
        _("Übersetzungen"),
        reverse("translations"),
        icon_name="globe",
        order=20,
        permission="wagtail_localize.submit_translation",
    )


@hooks.register("register_admin_urls")
def register_personal_data_url():
    from .two_factor import manage_view, setup_view, verify_view

    return [
        path("datenauskunft/", personal_data_view, name="personal_data"),
        path("checkliste/", golive_admin.checklist_view, name="golive"),
        path("checkliste/test-mail/", golive_admin.test_mail_view, name="golive_test_mail"),
        path("2fa/", manage_view, name="two_factor_manage"),
        path("2fa/einrichten/", setup_view, name="two_factor_setup"),
        path("2fa/bestaetigen/", verify_view, name="two_factor_verify"),
    ]


@hooks.register("register_settings_menu_item")
def register_personal_data_menu_item():
    return PermissionMenuItem(
        _("Datenauskunft"),
        reverse("personal_data"),
        icon_name="user",
        order=900,
        permission="core.manage_personal_data",
    )


class ChecklistMenuItem(MenuItem):
    def is_shown(self, request):
        return golive_admin.may_see_checklist(request.user)


@hooks.register("register_settings_menu_item")
def register_checklist_menu_item():
    return ChecklistMenuItem(
        _("Checkliste für den Start"), reverse("golive"), icon_name="tasks", order=10
    )


@hooks.register("construct_homepage_panels")
def add_checklist_panel(request, panels):
    if golive_admin.may_see_checklist(request.user):
        panels.append(golive_admin.ChecklistPanel())


class SignLanguageVideoForm(WagtailAdminModelForm):
    """Checks a new upload by its content (core/video.py); an unchanged file is not read."""

    def clean_video(self):
        upload = self.cleaned_data.get("video")
        if upload and "video" in self.changed_data:
            validate_sign_video(upload)
        return upload

    def clean_captions(self):
        upload = self.cleaned_data.get("captions")
        if upload and "captions" in self.changed_data:
            validate_captions(upload)
        return upload


class SignLanguageVideoViewSet(SnippetViewSet):
    model = SignLanguageVideo
    icon = "media"
    menu_label = _("Gebärdensprache")
    url_prefix = "gebaerdensprache"
    list_display = ["title", "updated_at"]
    search_fields = ["title"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("video"),
            FieldPanel("captions"),
            FieldPanel("transcript"),
        ],
        base_form_class=SignLanguageVideoForm,
    )


register_snippet(SignLanguageVideoViewSet)


def _reviews_approvals(user) -> bool:
    return (
        user.is_superuser
        or GroupApprovalTask.objects.filter(active=True, groups__in=user.groups.all()).exists()
    )


@hooks.register("construct_homepage_panels")
def office_dashboard(request, panels):
    """Quick actions first; the approvals with their buttons in view instead of Wagtail's
    panel, which hides them in a menu."""
    panels[:] = [panel for panel in panels if not isinstance(panel, WorkflowObjectsToModeratePanel)]
    if actions := dashboard_actions(request):
        panels.append(QuickActionsPanel(actions))
    approvals = approvals_for(request.user)
    if approvals or _reviews_approvals(request.user):
        panels.append(ApprovalsPanel(approvals, list(recent_decisions(request.user))))


@hooks.register("insert_editor_js")
def keyboard_reachable_minimap():
    return format_html('<script src="{}" defer></script>', static("js/admin-keyboard.js"))


@hooks.register("construct_help_menu")
def help_menu_without_external_guides(request, menu_items):
    """Wagtail's guide and release notes are English pages on another host."""
    menu_items[:] = [item for item in menu_items if not item.url.startswith(("http:", "https:"))]


@hooks.register("construct_reports_menu")
def reports_for_those_who_publish(request, menu_items):
    if not sees_site_reports(request.user):
        menu_items.clear()


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor_manage"),
        "label": _("Anmeldung absichern"),
        "help_text": _("Code per E-Mail oder Authenticator-App: sehen und wechseln."),
    }


@hooks.register("construct_page_action_menu")
def submit_first_for_those_who_cannot_publish(menu_items, request, context):
    """Someone who cannot publish (a centre's volunteer) finishes with „Zur Freigabe an die
    Geschäftsstelle senden“: the big button, with „Entwurf speichern“ in its menu."""
    if any(isinstance(item, PublishMenuItem) for item in menu_items):
        return
    submit = [item for item in menu_items if isinstance(item, SubmitForModerationMenuItem)]
    if submit:
        menu_items.remove(submit[0])
        menu_items.insert(0, submit[0])


for _action in SCOPED_USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=100)  # after Wagtail's: replaces
