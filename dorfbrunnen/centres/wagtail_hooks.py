"""Admin integration for centres: editor group on creation, inviting volunteers, and the
„Mein Zentrum“ panel on the volunteers' dashboard."""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page, WorkflowState

from .models import CentrePage
from .services import centre_setup_access, centres_for_user, volunteer_invite


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-Mail-Adresse"))


def _can_invite(user, page) -> bool:
    return page.permissions_for_user(user).can_publish()


def invite_view(request, page_id):
    centre = get_object_or_404(CentrePage, pk=page_id)
    if not _can_invite(request.user, centre):
        raise PermissionDenied
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        volunteer_invite(
            centre=centre, email=form.cleaned_data["email"], name=form.cleaned_data["name"]
        )
        messages.success(
            request,
            _("Die Einladung an %(email)s ist unterwegs.") % {"email": form.cleaned_data["email"]},
        )
        return redirect("wagtailadmin_explore", centre.get_parent().pk)
    return TemplateResponse(
        request,
        "centres/admin/invite.html",
        {"centre": centre, "form": form, "page_title": _("Ehrenamtliche einladen")},
        status=400 if form.is_bound else 200,
    )


@hooks.register("register_admin_urls")
def register_centre_admin_urls():
    return [path("zentren/<int:page_id>/einladen/", invite_view, name="centres_invite")]


@hooks.register("register_page_header_buttons")
def invite_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, CentrePage) and _can_invite(user, page):
        yield Button(
            _("Ehrenamtliche einladen"),
            url=reverse("centres_invite", args=[page.pk]),
            icon_name="user",
            priority=80,
        )


@hooks.register("insert_editor_js")
def coordinates_tools():
    """„Koordinaten aus PLZ übernehmen“, and with a tile server a draggable pin."""
    scripts = []
    if settings.MAP_TILE_URL:
        config = json.dumps(
            {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}
        )
        scripts.append(
            format_html('<link rel="stylesheet" href="{}">', static("vendor/leaflet/leaflet.css"))
            + format_html('<script src="{}" defer></script>', static("vendor/leaflet/leaflet.js"))
            + format_html("<script>window.dorfbrunnenMap = {};</script>", mark_safe(config))  # noqa: S308
        )
    scripts.append(
        format_html('<script src="{}" defer></script>', static("js/admin-coordinates.js"))
    )
    return mark_safe("".join(scripts))  # noqa: S308


@hooks.register("after_create_page")
def setup_new_centre(request, page):
    if isinstance(page.specific, CentrePage):
        centre_setup_access(centre=page.specific)


class MyCentrePanel(Component):
    name = "my_centre"
    order = 50
    template_name = "centres/admin/my_centre_panel.html"

    def __init__(self, centres, user):
        self.centres = centres
        self.user = user

    def get_context_data(self, parent_context=None):
        awaiting = WorkflowState.objects.active().filter(
            base_content_type__model="page",
            object_id__in=[str(centre.pk) for centre in self.centres]
            + [
                str(pk)
                for centre in self.centres
                for pk in Page.objects.descendant_of(centre).values_list("pk", flat=True)
            ],
        )
        return {
            "entries": [
                (centre, centre.get_children().order_by("-latest_revision_created_at")[:5])
                for centre in self.centres
            ],
            "awaiting": awaiting,
        }


@hooks.register("construct_homepage_panels")
def add_my_centre_panel(request, panels):
    centres = list(centres_for_user(request.user))
    if centres:
        panels.insert(0, MyCentrePanel(centres, request.user))
