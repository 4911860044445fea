"""Two-factor authentication (TOTP) for the Wagtail admin.

With REQUIRE_ADMIN_2FA (on in production) every admin request of a logged-in user must come
from a session verified with a one-time code. A user without a device is led to set one up
(QR code for an authenticator app), a user with one is asked for the current code. Local
development (`make run`, its demo editor) runs without it.
"""

import base64
import io

import segno
from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

EXEMPT_PREFIXES = ("/admin/login/", "/admin/logout/", "/admin/2fa/", "/admin/password_reset/")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code aus der Authenticator-App"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class AdminTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.REQUIRE_ADMIN_2FA
            and request.path_info.startswith("/admin/")
            and not request.path_info.startswith(EXEMPT_PREFIXES)
            and request.user.is_authenticated
            and not request.user.is_verified()
        ):
            target = "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


def _next_url(request) -> str:
    candidate = request.GET.get("next") or request.POST.get("next") or "/admin/"
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return "/admin/"


def _qr_data_uri(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url).save(buffer, kind="svg", scale=5, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def setup_view(request):
    """Register an authenticator app: show the key, confirm it with one code."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    if user_has_device(request.user):
        return redirect("two_factor_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("Der Code stimmt nicht. Bitte den aktuellen Code eingeben."))
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return TemplateResponse(
        request,
        "core/admin/two_factor.html",
        {
            "form": form,
            "setup": True,
            "qr": _qr_data_uri(device.config_url),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            "next": _next_url(request),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def verify_view(request):
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip())
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("Der Code stimmt nicht. Bitte den aktuellen Code eingeben."))
    return TemplateResponse(
        request,
        "core/admin/two_factor.html",
        {"form": form, "setup": False, "next": _next_url(request)},
        status=400 if form.is_bound and form.errors else 200,
    )
