"""Response headers and language selection for every request."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy everywhere (and X-Robots-Tag while the site is not yet public,
    SITE_NOINDEX) and gives the Wagtail admin its own, looser CSP.
    What a logged-in person sees (members-only chapters, the editors' bar) is theirs alone:
    `Cache-Control: private`, so no shared cache keeps it; the files they open also
    `no-store`.

    Sits inside Django's CSP middleware, so the policy chosen here is the one sent.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if settings.SITE_NOINDEX:
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
            if _serves_a_document(request):
                # A file opened with one's login (a members-only document) must not stay in
                # the browser after logging out: on a centre's shared computer the next
                # person would open it from there.
                patch_cache_control(response, no_store=True)
        # Wagtail renders a page's preview through the middleware again, with a dummy
        # request for the page's own address; the admin frames it, so it is admin's too.
        if request.path_info.startswith("/admin/") or getattr(request, "is_dummy", False):
            response._csp_config = settings.ADMIN_CSP
            # Wagtail's live preview shows the page in a same-origin frame.
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response


def _serves_a_document(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "wagtaildocs_serve"


class SiteReportsMiddleware:
    """Wagtail's reports by their address, for those who see them (`scoping.
    sees_site_reports`): Wagtail lets anyone who may add or change a page open them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/reports/") and request.user.is_authenticated:
            from .scoping import sees_site_reports

            if not sees_site_reports(request.user):
                raise PermissionDenied
        return self.get_response(request)


class PathLocaleMiddleware:
    """Chooses the language from the URL prefix only, never from the browser.

    German pages have no prefix; a further language gets /<code>/. Not guessing keeps
    anonymous pages identical for every visitor, hence cacheable without Vary.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class RejectNulMiddleware:
    """A NUL character in the address, the query or a cookie is never legitimate, and
    PostgreSQL refuses it in text (a session key with one broke the session lookup): answer
    400 before it reaches the session or a view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or any(
                "\x00" in value
                for values in request.GET.lists()
                for value in [values[0], *values[1]]
            )
            or any("\x00" in value for value in request.COOKIES.values())
        ):
            message = _("Die Adresse enthält ungültige Zeichen.")
            if request.path_info.startswith("/api/"):  # the API answers errors in JSON
                return JsonResponse(
                    {"error": message}, status=400, json_dumps_params={"ensure_ascii": False}
                )
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
