"""The members' area: login, logout, account, password change and reset."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from dorfbrunnen.core.account_views import PasswordForgotView
from dorfbrunnen.core.i18n import localized
from dorfbrunnen.library.models import LibraryPage

from .forms import MemberLoginForm

LOGIN_URL = reverse_lazy("members:login")


class MemberLoginView(auth_views.LoginView):
    template_name = "members/login.html"
    authentication_form = MemberLoginForm
    next_page = reverse_lazy("members:account")


logout = auth_views.LogoutView.as_view(next_page="/")


@never_cache
@login_required(login_url=LOGIN_URL)
def account(request):
    # The Infopaket in the member's language, where it is translated.
    binder = LibraryPage.objects.live().filter(locale=Locale.get_default()).first()
    return TemplateResponse(request, "members/account.html", {"binder": localized(binder)})


password_change = login_required(
    auth_views.PasswordChangeView.as_view(
        template_name="members/form_page.html",
        success_url=reverse_lazy("members:password_change_done"),
        extra_context={"title": _("Passwort ändern"), "button": _("Passwort ändern")},
    ),
    login_url=LOGIN_URL,
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="members/message.html",
    extra_context={"title": _("Ihr Passwort ist geändert"), "message_key": "changed"},
)


# The staff's own form (rate limit, 400 on bad input, never cached) with the members' pages.
password_reset = PasswordForgotView.as_view(
    template_name="members/form_page.html",
    email_template_name="members/mail/password_reset.txt",
    subject_template_name="members/mail/password_reset_subject.txt",
    success_url=reverse_lazy("members:password_reset_done"),
    extra_context={"title": _("Passwort vergessen?"), "button": _("Link zuschicken")},
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="members/message.html",
    extra_context={"title": _("Schauen Sie in Ihr Postfach"), "message_key": "reset_sent"},
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="members/form_page.html",
    success_url=reverse_lazy("members:password_reset_complete"),
    extra_context={"title": _("Neues Passwort festlegen"), "button": _("Passwort speichern")},
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="members/message.html",
    extra_context={"title": _("Ihr neues Passwort gilt"), "message_key": "reset_done"},
)
