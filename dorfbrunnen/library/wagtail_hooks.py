"""The office's view of the Infopaket in the admin: visitors' suggestions, and which
documents could not be read for search (encrypted, damaged, scans)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from .models import ChapterSuggestion, LibraryDocument


class SuggestionViewSet(ModelViewSet):
    model = ChapterSuggestion
    icon = "help"
    menu_label = _("Hinweise zum Infopaket")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "infopaket-hinweise"
    copy_view_enabled = False  # suggestions come from visitors, not from copies
    form_fields = ["done", "kind", "message", "url", "name", "email"]
    list_display = ["chapter", "kind", "message", "created_at", "done"]
    list_filter = ["done", "kind"]
    search_fields = ["message", "url", "name"]


@hooks.register("register_admin_viewset")
def register_suggestion_viewset():
    return SuggestionViewSet("library_suggestions")


def document_status_view(request):
    policy = policy_registry.get_by_type(LibraryDocument)
    if not policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    show_all = request.GET.get("alle") == "1"
    # The documents of the collections this user may change (a centre's volunteer: their
    # own centre's), as the document listing itself shows them.
    documents = policy.instances_user_has_permission_for(request.user, "change")
    documents = documents.select_related("collection").defer("text")
    if not show_all:
        documents = documents.exclude(text_status=LibraryDocument.TextStatus.OK)
    return TemplateResponse(
        request,
        "library/admin/document_status.html",
        {
            "documents": documents.order_by("text_status", "title")[:500],
            "show_all": show_all,
            "page_title": _("Durchsuchbarkeit der Dokumente"),
        },
    )


@hooks.register("register_admin_urls")
def register_document_status_url():
    return [path("infopaket-dokumente/", document_status_view, name="library_document_status")]


@hooks.register("register_reports_menu_item")
def register_document_status_menu_item():
    return MenuItem(
        _("Durchsuchbarkeit der Dokumente"),
        reverse("library_document_status"),
        icon_name="doc-full",
        order=800,
    )
