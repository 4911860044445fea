"""The second factor of an admin login: a code by e-mail or from an authenticator app.

With REQUIRE_ADMIN_2FA (on in production) every admin request of a logged-in user must come
from a session verified with a one-time code. Someone without a factor is led to set one
up, someone with one is asked for the current code.

Which factor: the office – anyone who may publish or manage accounts – uses an
authenticator app (TOTP): its mailbox alone must not open the whole site, and a password
reset already goes to the mailbox. A centre's volunteers get a code by e-mail by default
(django-otp's e-mail device, delivered by our mail queue), because that needs nothing new;
they may switch to an app on the page „Anmeldung absichern“ (/admin/2fa/). A code by
e-mail is sent when the page asking for it is opened and no code is still valid, so a
reload sends no second mail; „Neuen Code schicken“ sends another (django-otp's cooldown).
"""

import base64
import io
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.permission_policies.pages import PagePermissionPolicy

from .mail import mail_queue, render_text

EXEMPT_PREFIXES = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/2fa/einrichten/",
    "/admin/2fa/bestaetigen/",
    "/admin/password_reset/",
    # What the code pages themselves load: the translations for the admin's scripts and
    # the icons (fetched by script and put into the page – a redirect would put the code
    # page in a second time).
    "/admin/jsi18n/",
    "/admin/sprite/",
)
EMAIL, APP = "email", "app"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, method=APP, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].label = (
            _("Code aus der E-Mail") if method == EMAIL else _("Code aus der Authenticator-App")
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
            target = "two_factor_verify" if usable_devices(request.user) else "two_factor_setup"
            return redirect(_with_next(target, request.get_full_path()))
        return self.get_response(request)


def _with_next(view_name: str, next_url: str) -> str:
    """The address of a step with where to go afterwards, encoded whole (an `&` in it
    would otherwise cut it short)."""
    return f"{reverse(view_name)}?{urlencode({'next': next_url})}"


def next_step(user) -> str:
    """What the admin asks of `user` after her password – what the password page announces:
    "" (nothing: REQUIRE_ADMIN_2FA off, or a member, who never enters the admin), "app" or
    "email" (a code from the device she has), "setup-app" or "setup-email" (none yet: the
    app for those who can change the whole site, `needs_app`)."""
    if not (settings.REQUIRE_ADMIN_2FA and user.has_perm("wagtailadmin.access_admin")):
        return ""
    devices = usable_devices(user)
    if any(not isinstance(device, EmailDevice) for device in devices):
        return "app"
    if devices:
        return "email"
    return "setup-app" if needs_app(user) else "setup-email"


def needs_app(user) -> bool:
    """Accounts that can change the whole site use an authenticator app, not e-mail."""
    return (
        user.is_superuser
        or user.has_perm("auth.change_user")
        or PagePermissionPolicy().user_has_permission(user, "publish")
    )


def usable_devices(user, *, for_verify: bool = False) -> list:
    """The confirmed second factors that open this account now: an account that needs the
    app (`needs_app`) is not opened by a code by e-mail it set up before it got those
    rights – a mailbox alone would open the whole site. Such an account sets up the app."""
    devices = list(devices_for_user(user, confirmed=True, for_verify=for_verify))
    if needs_app(user):
        devices = [device for device in devices if not isinstance(device, EmailDevice)]
    return devices


def email_code_send(*, device: EmailDevice) -> bool:
    """Make a new code and queue it to the device's address; False while the last one was
    sent less than OTP_EMAIL_COOLDOWN_DURATION seconds ago."""
    allowed, _reason = device.generate_is_allowed()
    if not allowed:
        return False
    device.cooldown_set(commit=False)
    device.generate_token(valid_secs=settings.OTP_EMAIL_TOKEN_VALIDITY, commit=True)
    minutes = max(settings.OTP_EMAIL_TOKEN_VALIDITY // 60, 1)
    mail_queue(
        to=[device.email or device.user.email],
        subject=gettext("Ihr Code für die Anmeldung"),
        body=render_text("core/mail/login_code.txt", {"code": device.token, "minutes": minutes}),
    )
    return True


def _code_outstanding(device: EmailDevice) -> bool:
    return bool(device.token) and device.valid_until > timezone.now()


def _next_url(request) -> str:
    candidate = request.GET.get("next") or request.POST.get("next") or reverse("wagtailadmin_home")
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return reverse("wagtailadmin_home")


def _qr_data_uri(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url).save(buffer, kind="svg", scale=5, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _render(request, context, form):
    context = {
        "form": form,
        "next": _next_url(request),
        "email": request.user.email,
        "needs_app": needs_app(request.user),
        "page_title": _("Anmeldung absichern"),
        **context,
    }
    status = 400 if form.is_bound and form.errors else 200
    return TemplateResponse(request, "core/admin/two_factor.html", context, status=status)


def _chosen_method(request) -> str:
    if needs_app(request.user):
        return APP
    return APP if request.GET.get("methode") == APP else EMAIL


def _finish_setup(request, device):
    """The new factor is confirmed: it replaces any earlier one, the session is verified."""
    for old in devices_for_user(request.user, confirmed=None):
        if old != device:
            old.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)


def setup_view(request):
    """Set up the second factor – the first time, or (from a verified session) a new one
    in place of the old: a code by e-mail or an authenticator app."""
    user = request.user
    if not user.is_authenticated:
        return redirect("wagtailadmin_login")
    if usable_devices(user) and not user.is_verified():
        return redirect(_with_next("two_factor_verify", _next_url(request)))
    method = _chosen_method(request)
    form = TokenForm(request.POST if "token" in request.POST else None, method=method)
    if method == EMAIL:
        device = EmailDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = EmailDevice.objects.create(user=user, name=gettext("E-Mail"), confirmed=False)
        if request.POST.get("action") == "resend":
            _resend(request, device)
            return redirect(request.get_full_path())
        if not _code_outstanding(device):
            email_code_send(device=device)
    else:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    if form.is_bound and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            _finish_setup(request, device)
            messages.success(request, _("Ihre Anmeldung ist jetzt abgesichert."))
            return redirect(_next_url(request))
        form.add_error("token", _("Der Code stimmt nicht. Bitte geben Sie den neuesten Code ein."))
    context = {"setup": True, "method": method}
    if method == APP:
        key = base64.b32encode(device.bin_key).decode().rstrip("=")
        context.update(
            qr=_qr_data_uri(device.config_url),
            key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        )
    return _render(request, context, form)


def _resend(request, device: EmailDevice) -> None:
    if email_code_send(device=device):
        messages.success(request, _("Ein neuer Code ist unterwegs."))
    else:
        messages.warning(
            request, _("Gerade erst ist ein Code verschickt worden. Bitte warten Sie eine Minute.")
        )


def verify_view(request):
    """Ask for the code of the factor the user has (the app first, if both)."""
    user = request.user
    if not user.is_authenticated:
        return redirect("wagtailadmin_login")
    devices = usable_devices(user)
    if not devices:
        return redirect(_with_next("two_factor_setup", _next_url(request)))
    app = any(isinstance(device, TOTPDevice) for device in devices)
    email_device = next((d for d in devices if isinstance(d, EmailDevice)), None)
    method = EMAIL if email_device and (not app or request.GET.get("methode") == EMAIL) else APP
    form = TokenForm(request.POST if "token" in request.POST else None, method=method)
    if method == EMAIL:
        if request.POST.get("action") == "resend":
            _resend(request, email_device)
            return redirect(request.get_full_path())
        if not _code_outstanding(email_device):
            email_code_send(device=email_device)
    if form.is_bound and form.is_valid():
        token = form.cleaned_data["token"].strip()
        with transaction.atomic():  # as django_otp's match_token: the devices locked
            device = next(
                (d for d in usable_devices(user, for_verify=True) if d.verify_token(token)),
                None,
            )
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("Der Code stimmt nicht. Bitte geben Sie den neuesten Code ein."))
    context = {"setup": False, "method": method, "also_email": bool(app and email_device)}
    return _render(request, context, form)


def manage_view(request):
    """„Anmeldung absichern“: which factor the user has, and a switch to the other."""
    devices = [
        (EMAIL if isinstance(device, EmailDevice) else APP, device)
        for device in devices_for_user(request.user, confirmed=True)
    ]
    return TemplateResponse(
        request,
        "core/admin/two_factor_manage.html",
        {
            "devices": devices,
            "email": request.user.email,
            "needs_app": needs_app(request.user),
            "required": settings.REQUIRE_ADMIN_2FA,
            "page_title": _("Anmeldung absichern"),
        },
    )
