"""The contact form: the fields the office configured, plus the shared honeypot."""

from wagtail.contrib.forms.forms import BaseForm

from dorfbrunnen.core.forms import HONEYPOT_FIELD, HoneypotMixin

__all__ = ["HONEYPOT_FIELD", "ContactFormBase"]


class ContactFormBase(HoneypotMixin, BaseForm):
    pass
