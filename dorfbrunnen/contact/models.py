"""The contact page: Wagtail's form builder with a honeypot, a rate limit and queued mail."""

from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from dorfbrunnen.core.mail import mail_queue
from dorfbrunnen.core.models import BasePage, SiteSettings
from dorfbrunnen.core.network import form_flooded

from .forms import HONEYPOT_FIELD, ContactFormBase

# The field whose answer becomes the subject of the office's mail.
SUBJECT_LABELS = {"betreff", "thema"}
# The thanks after a message, on the page's own address: `?gesendet`.
SENT = "gesendet"


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


# One-line fields that ask for the sender's name: the browser may fill them in.
NAME_LABELS = {"name", "ihr name", "vor- und nachname"}


class ContactFormBuilder(FormBuilder):
    """The office's fields, with the hints that let a phone fill in the sender's name and
    address (WCAG 1.3.5)."""

    def get_form_class(self):
        return type("ContactForm", (ContactFormBase,), self.formfields)

    def create_email_field(self, field, options):
        email = super().create_email_field(field, options)
        email.widget.attrs["autocomplete"] = "email"
        return email

    def create_singleline_field(self, field, options):
        line = super().create_singleline_field(field, options)
        if field.label.strip().casefold() in NAME_LABELS:
            line.widget.attrs["autocomplete"] = "name"
        return line


class ContactPage(AbstractEmailForm, BasePage):
    thank_you_text = RichTextField(
        _("Dankeschön-Text"),
        features=["bold", "italic", "link"],
        help_text=_("Erscheint nach dem Absenden."),
    )
    privacy_note = RichTextField(
        _("Hinweis zum Datenschutz"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Erscheint über dem Absende-Knopf, z. B. mit einem Link zur Datenschutzseite."),
    )

    form_builder = ContactFormBuilder
    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Formularfelder")),
        FieldPanel("privacy_note"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("subject")],
            heading=_("E-Mail an die Geschäftsstelle"),
        ),
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Kontaktformular")

    def get_submissions_list_view_class(self):
        # Imported here, as Wagtail does: admin views cannot load while models are loading.
        from .views import ContactSubmissionsListView

        return ContactSubmissionsListView

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            form = self.get_form(request.POST, page=self, user=request.user)
            # Counted per form in all its languages: each translation is no fresh allowance.
            if form_flooded(request, form, f"contact:{self.translation_key}"):
                context = self.get_context(request)
                context["form"] = form
                return TemplateResponse(request, self.get_template(request), context, status=429)
        elif SENT in request.GET:
            return self.render_landing_page(request)
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        form = context.get("form") if request.method == "POST" else None
        if form is not None and form.errors:
            # The form came back with errors: say so to caches and to scripts.
            response.status_code = 400
        return response

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        if request.method != "POST" or getattr(request, "is_preview", False):
            return super().render_landing_page(request, form_submission, *args, **kwargs)
        # A message sent leads on (303) to the thanks at an address of its own: reloading
        # it shows the thanks again and sends the office nothing twice.
        return HttpResponseRedirect(f"{self.get_url(request)}?{SENT}", status=303)

    def process_form_submission(self, form):
        if form.is_spam:
            return None  # answer like a success, keep nothing
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        submission = self.get_submission_class().objects.create(
            form_data=form.cleaned_data, page=self
        )
        self.send_mail(form)
        return submission

    def send_mail(self, form):
        recipients = [a.strip() for a in self.to_address.split(",") if a.strip()]
        if not recipients:
            office = SiteSettings.for_site(self.get_site()).email
            recipients = [office] if office else []
        if not recipients:
            return
        email_fields = [f.clean_name for f in self.get_form_fields() if f.field_type == "email"]
        reply_to = [form.cleaned_data[n] for n in email_fields if form.cleaned_data.get(n)]
        subject = self.subject or _("Nachricht über das Kontaktformular")
        if sender_subject := self.sender_subject(form):
            # What the sender wrote first, so that the office's inbox shows it.
            subject = f"{sender_subject} – {subject}"
        mail_queue(
            to=recipients,
            subject=subject,
            body=self.render_email(form),
            reply_to=reply_to[:1],
        )

    def sender_subject(self, form) -> str:
        """The sender's own subject: the form's field „Betreff“ (or „Thema“), one line."""
        for field in self.get_form_fields():
            if field.label.strip().casefold() in SUBJECT_LABELS:
                return " ".join(str(form.cleaned_data.get(field.clean_name) or "").split())
        return ""
