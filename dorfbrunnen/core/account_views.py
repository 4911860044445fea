"""The pages where people with an admin account set their password – after an invitation
and when they forgot it – in the site's look, not the admin's: an invited volunteer's first
contact with the site is a plain page that says what to do.

Wagtail's own pages for a forgotten password (/admin/password_reset/…) lead here, so that
links in older mails keep working. After a password is set the person is logged in and goes
on to the admin, which asks for the second factor (core.two_factor).
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from . import two_factor
from .forms import QueuedPasswordResetForm
from .network import form_flooded


@method_decorator(never_cache, name="dispatch")
class PasswordSetView(auth_views.PasswordResetConfirmView):
    template_name = "core/account/password_set.html"
    post_reset_login = True
    post_reset_login_backend = "dorfbrunnen.core.authentication.EmailOrUsernameBackend"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invited = self.user is not None and not self.user.has_usable_password()
        context["first_time"] = invited
        context["next_step"] = two_factor.next_step(self.user) if self.user is not None else ""
        context["title"] = _("Passwort festlegen") if invited else _("Neues Passwort festlegen")
        return context

    def get_success_url(self):
        if self.user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return "/"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Ihr Passwort ist gespeichert."))
        return response


@method_decorator(never_cache, name="dispatch")
class PasswordForgotView(auth_views.PasswordResetView):
    """Rate-limited like every public form: the mails go to real people."""

    template_name = "core/account/password_forgot.html"
    form_class = QueuedPasswordResetForm
    email_template_name = "core/account/mail/password_reset.txt"
    subject_template_name = "core/account/mail/password_reset_subject.txt"
    success_url = reverse_lazy("account:password_forgot_sent")

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form_flooded(request, form, "password-reset"):
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@method_decorator(never_cache, name="dispatch")
class PasswordForgotSentView(auth_views.PasswordResetDoneView):
    template_name = "core/account/password_forgot_sent.html"
