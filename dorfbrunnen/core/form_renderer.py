"""The forms' renderer: Django's, except that a plain <input> is written directly.

Django renders every input through two templates (the widget's own, which only includes
input.html, and attrs.html) – on a search form with a few inputs that was a tenth of the
page's time. The HTML is the templates' HTML; only the attributes may come in another order.
"""

from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import format_html

# Django's widget templates that consist of `{% include "django/forms/widgets/input.html" %}`.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name not in INPUT_TEMPLATES:
            return super().render(template_name, context, request)
        widget = context["widget"]
        value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            value,
            flatatt(widget["attrs"]),
        )
