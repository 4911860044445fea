"""News in the admin: „Neue Nachricht“ on the office's dashboard."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from dorfbrunnen.core.dashboard import DashboardAction

from .models import NewsIndexPage


@hooks.register("register_dashboard_actions")
def new_news_item(request):
    index = NewsIndexPage.objects.order_by("path").first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        return []
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    return [DashboardAction(_("Neue Nachricht"), url, icon="doc-full", order=10)]
