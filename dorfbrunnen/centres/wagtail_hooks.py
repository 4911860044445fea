"""Admin integration for centres: editor group on creation, the office's screen of each
centre's volunteers (invite, „Zugang entziehen“), and the „Mein Zentrum“ panel on the
volunteers' dashboard."""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.home import UserObjectsInWorkflowModerationPanel
from wagtail.admin.widgets import Button
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from dorfbrunnen.core.accounts import invitable
from dorfbrunnen.core.dashboard import DashboardAction

from .models import CentrePage
from .services import (
    centre_setup_access,
    centre_volunteers,
    centres_for_user,
    volunteer_invite,
    volunteer_remove,
)


def managed_centres(user):
    """The centres whose volunteers `user` may invite and remove: those they may publish
    (the office)."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["publish"])
    return CentrePage.objects.filter(pk__in=pages.values("pk")).order_by("title")


def may_manage_volunteers(user) -> bool:
    return PagePermissionPolicy().user_has_permission(user, "publish")


def _managed_centre(request, page_id) -> CentrePage:
    centre = get_object_or_404(CentrePage, pk=page_id)
    if not _can_invite(request.user, centre):
        raise PermissionDenied
    return centre


def _can_invite(user, page) -> bool:
    return page.permissions_for_user(user).can_publish()


class InviteForm(forms.Form):
    centre = forms.ModelChoiceField(
        label=_("Zentrum"), queryset=CentrePage.objects.none(), empty_label=_("Bitte wählen")
    )
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-Mail-Adresse"))

    def __init__(self, *args, centres, user, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if centre is not None:
            del self.fields["centre"]  # the centre's own screen: it is given
        else:
            self.fields["centre"].queryset = centres

    def clean_email(self):
        email = self.cleaned_data["email"]
        if not invitable(self.user, email):
            raise forms.ValidationError(
                _(
                    "Zu dieser Adresse gehört ein Konto, das Sie nicht verwalten. Bitte "
                    "wenden Sie sich an die Administration."
                )
            )
        return email


def invite_view(request, page_id=None):
    """Invite a volunteer: from a centre's page (its centre) or from the dashboard and the
    screen „Ehrenamtliche“ (the office picks the centre)."""
    centre = _managed_centre(request, page_id) if page_id else None
    if centre is None and not may_manage_volunteers(request.user):
        raise PermissionDenied
    form = InviteForm(
        request.POST or None,
        centres=managed_centres(request.user),
        user=request.user,
        centre=centre,
    )
    if request.method == "POST" and form.is_valid():
        chosen = centre or form.cleaned_data["centre"]
        volunteer_invite(
            centre=chosen, email=form.cleaned_data["email"], name=form.cleaned_data["name"]
        )
        messages.success(
            request,
            _("Die Einladung an %(email)s ist unterwegs.") % {"email": form.cleaned_data["email"]},
        )
        return redirect("centres_volunteers_of", chosen.pk)
    return TemplateResponse(
        request,
        "centres/admin/invite.html",
        {"centre": centre, "form": form, "page_title": _("Ehrenamtliche einladen")},
        status=400 if form.is_bound else 200,
    )


VOLUNTEER_PAGE_SIZE = 50


def volunteers_view(request, page_id=None):
    """„Ehrenamtliche“: who may edit which centre, with „Zugang entziehen“. All centres
    that have volunteers, or one centre (with an empty list when it has none)."""
    if page_id:
        centres = [_managed_centre(request, page_id)]
        page = None
    else:
        if not may_manage_volunteers(request.user):
            raise PermissionDenied
        with_volunteers = (
            managed_centres(request.user).filter(editor_group__user__isnull=False).distinct()
        )
        page = Paginator(with_volunteers, VOLUNTEER_PAGE_SIZE).get_page(request.GET.get("p"))
        centres = list(page)
    return TemplateResponse(
        request,
        "centres/admin/volunteers.html",
        {
            "entries": [
                (centre, list(centre_volunteers(centre, seen_by=request.user)))
                for centre in centres
            ],
            "centre": centres[0] if page_id else None,
            "page_obj": page,
            "page_title": _("Ehrenamtliche"),
        },
    )


def volunteer_remove_view(request, page_id, user_id):
    """„Zugang entziehen“: a page that says what happens, one button; only POST acts."""
    centre = _managed_centre(request, page_id)
    person = get_object_or_404(centre_volunteers(centre, seen_by=request.user), pk=user_id)
    if request.method == "POST":
        deleted = volunteer_remove(centre=centre, user=person)
        name = person.get_full_name() or person.email or person.get_username()
        if deleted:
            text = _("%(name)s hat keinen Zugang mehr; das Konto ist gelöscht.")
        else:
            text = _("%(name)s kann „%(centre)s“ nicht mehr bearbeiten.")
        messages.success(request, text % {"name": name, "centre": centre.title})
        return redirect("centres_volunteers_of", centre.pk)
    other_groups = person.groups.exclude(pk=centre.editor_group_id)
    return TemplateResponse(
        request,
        "centres/admin/volunteer_remove.html",
        {
            "centre": centre,
            "person": person,
            "keeps_account": person.is_superuser or other_groups.exists(),
            "page_title": _("Zugang entziehen"),
        },
    )


@hooks.register("register_admin_urls")
def register_centre_admin_urls():
    return [
        path("zentren/<int:page_id>/einladen/", invite_view, name="centres_invite"),
        path("ehrenamtliche/", volunteers_view, name="centres_volunteers"),
        path("ehrenamtliche/einladen/", invite_view, name="centres_invite_any"),
        path(
            "zentren/<int:page_id>/ehrenamtliche/",
            volunteers_view,
            name="centres_volunteers_of",
        ),
        path(
            "zentren/<int:page_id>/ehrenamtliche/<int:user_id>/entziehen/",
            volunteer_remove_view,
            name="centres_volunteer_remove",
        ),
    ]


@hooks.register("register_dashboard_actions")
def invite_from_dashboard(request):
    if not may_manage_volunteers(request.user):
        return []
    return [
        DashboardAction(
            _("Ehrenamtliche einladen"), reverse("centres_invite_any"), icon="user", order=40
        )
    ]


class VolunteersMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage_volunteers(request.user)


@hooks.register("register_admin_menu_item")
def register_volunteers_menu_item():
    return VolunteersMenuItem(
        _("Ehrenamtliche"), reverse("centres_volunteers"), icon_name="group", order=270
    )


@hooks.register("register_page_header_buttons")
def invite_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, CentrePage) and _can_invite(user, page):
        yield Button(
            _("Ehrenamtliche"),
            url=reverse("centres_volunteers_of", args=[page.pk]),
            icon_name="group",
            priority=79,
        )
        yield Button(
            _("Ehrenamtliche einladen"),
            url=reverse("centres_invite", args=[page.pk]),
            icon_name="user",
            priority=80,
        )


@hooks.register("insert_editor_js")
def coordinates_tools():
    """„Position aus der Adresse“ (the coordinates folded away), and with a tile server a
    draggable pin."""
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
        # „Mein Zentrum“ lists what awaits approval; Wagtail's panel of the same says
        # „Workflow“ and „Schnipsel“.
        panels[:] = [p for p in panels if not isinstance(p, UserObjectsInWorkflowModerationPanel)]
        panels.insert(0, MyCentrePanel(centres, request.user))
