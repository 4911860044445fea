"""Admin screens of the core app: the outgoing mail queue, readable by the office, the
data-protection screen (Datenauskunft), and the sign-language videos pages point to.

Mails are written by the system. The office reads them and can send a failed one again by
setting its status back to „wartet“.
"""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import golive_admin
from .mail import mail_retry_now
from .models import OutboundMail, SignLanguageVideo
from .privacy import personal_data_erase, personal_data_find, personal_data_sources
from .video import validate_captions, validate_sign_video


class OutboundMailEditView(EditView):
    def save_instance(self):
        mail = super().save_instance()
        if mail.status == OutboundMail.Status.QUEUED:
            mail_retry_now(mail=mail)
        return mail


class OutboundMailViewSet(ModelViewSet):
    model = OutboundMail
    icon = "mail"
    menu_label = _("Ausgehende E-Mails")
    menu_order = 900
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at"]
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
    form_fields = ["status"]
    edit_view_class = OutboundMailEditView
    copy_view_enabled = False  # mails are written by the system, not by hand


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
            erased = personal_data_erase(email=form.cleaned_data["email"])
            counts = ", ".join(
                f"{source.label}: {len(items)}" for source, items in erased.sections if items
            )
            messages.success(request, _("Gelöscht – %(counts)s.") % {"counts": counts or "0"})
            return redirect("personal_data")
        found = None
    else:
        form = PersonalDataForm(request.GET or None)
        found = personal_data_find(email=form.cleaned_data["email"]) if form.is_valid() else None
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


@hooks.register("register_admin_urls")
def register_personal_data_url():
    from .two_factor import setup_view, verify_view

    return [
        path("datenauskunft/", personal_data_view, name="personal_data"),
        path("checkliste/", golive_admin.checklist_view, name="golive"),
        path("checkliste/test-mail/", golive_admin.test_mail_view, name="golive_test_mail"),
        path("2fa/einrichten/", setup_view, name="two_factor_setup"),
        path("2fa/bestaetigen/", verify_view, name="two_factor_verify"),
    ]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("core.manage_personal_data")


@hooks.register("register_settings_menu_item")
def register_personal_data_menu_item():
    return PersonalDataMenuItem(
        _("Datenauskunft"), reverse("personal_data"), icon_name="user", order=900
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
