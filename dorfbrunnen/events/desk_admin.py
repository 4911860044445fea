"""Admin screens for registration at the desk and by phone, the printed confirmation, and a
course's attendance per date. They call the same services as everything else
(`services.registration_create`, `courses.attendance_record`); who may use them is decided
by `permissions.event_for`, as on the participants screen."""

from datetime import date

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import courses, desk, services
from .forms import MAX_ANSWER_LENGTH
from .permissions import event_for, registration_for


class DeskRegistrationForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Wie meldet sich die Familie an?"),
        choices=[("desk", _("vor Ort")), ("phone", _("am Telefon"))],
        widget=forms.RadioSelect,
        initial="desk",
    )
    name = forms.CharField(label=_("Name"), max_length=150)
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=40,
        required=False,
        help_text=_("Damit das Zentrum anrufen kann, wenn ein Platz frei wird. Leer: keines."),
    )
    email = forms.EmailField(
        label=_("E-Mail"), required=False, help_text=_("Nur wenn die Familie eine hat.")
    )
    # A group, a class: far more than a family, far less than the column holds.
    adults = forms.IntegerField(label=_("Erwachsene"), min_value=0, max_value=999, initial=1)
    children = forms.IntegerField(label=_("Kinder"), min_value=0, max_value=999, initial=0)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.question_fields = []
        for number, block in enumerate(event.questions):
            name, value = f"frage_{number}", block.value
            if block.block_type == "choice":
                field = forms.ChoiceField(
                    label=value["label"],
                    choices=[("", "–"), *((o, o) for o in value["options"])],
                    required=False,  # asked aloud: the desk may not know every answer
                )
            else:
                field = forms.CharField(
                    label=value["label"], required=False, max_length=MAX_ANSWER_LENGTH
                )
            self.fields[name] = field
            self.question_fields.append((name, value["label"]))

    def clean(self):
        data = super().clean()
        if (data.get("adults") or 0) + (data.get("children") or 0) < 1:
            raise forms.ValidationError(_("Bitte mindestens einen Platz angeben."))
        return data

    def answers(self) -> dict:
        return {label: self.cleaned_data.get(name, "") for name, label in self.question_fields}


CLOSED = _("Die Veranstaltung ist abgesagt: keine Anmeldung mehr.")


def desk_registration_view(request, page_id):
    event = event_for(request.user, page_id, "add")
    if not event.registration_enabled:
        raise Http404
    form = DeskRegistrationForm(request.POST or None, event=event)
    closed = not event.takes_office_registrations()
    if not closed and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                event=event,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                adults=data["adults"],
                children=data["children"],
                answers=form.answers(),
                source=data["source"],
            )
        except services.RegistrationClosed:  # cancelled while the form was open
            form.add_error(None, CLOSED)
        else:
            return redirect("events_desk_done", registration.pk)
    return TemplateResponse(
        request,
        "events/admin/desk_form.html",
        {
            "event": event,
            "form": form,
            "free": services.free_places(event),
            "closed": CLOSED if closed else "",
            "page_title": _("Anmeldung vor Ort oder am Telefon"),
        },
        status=400 if form.is_bound or closed else 200,
    )


def desk_done_view(request, pk):
    registration = registration_for(request.user, pk)
    return TemplateResponse(
        request,
        "events/admin/desk_done.html",
        {
            "registration": registration,
            "event": registration.event,
            "page_title": _("Angemeldet"),
        },
    )


def desk_pdf_view(request, pk):
    registration = registration_for(request.user, pk)
    if not registration.cancel_code:
        raise Http404
    size = "a6" if request.GET.get("format") == "a6" else "a4"
    response = HttpResponse(
        desk.confirmation_pdf(registration, size), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="anmeldung-{registration.cancel_code}-{size}.pdf"'
    )
    return response


def attendance_view(request, page_id):
    event = event_for(request.user, page_id, "change")
    dates = courses.course_date_list(event)
    try:
        day = date.fromisoformat(request.GET.get("datum", "")) if request.GET.get("datum") else None
    except ValueError:
        day = None
    if day is not None and day not in dates:
        raise Http404
    if day is not None and request.method == "POST":
        count = courses.attendance_record(
            event=event, day=day, present_ids=request.POST.getlist("anwesend")
        )
        messages.success(request, _("Gespeichert: %(count)s anwesend.") % {"count": count})
        return redirect(f"{request.path}?datum={day.isoformat()}")
    context = {
        "event": event,
        "dates": dates,
        "day": day,
        "rows": courses.attendance_list(event, day) if day else [],
        "page_title": _("Anwesenheitsliste"),
    }
    if day is not None and request.GET.get("pdf"):
        from weasyprint import HTML

        html = render_to_string("events/attendance_print.html", context)
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="anwesenheit-{day.isoformat()}.pdf"'
        return response
    return TemplateResponse(request, "events/admin/attendance.html", context)


urls = [
    path(
        "veranstaltungen/<int:page_id>/vor-ort/",
        desk_registration_view,
        name="events_desk_register",
    ),
    path("anmeldungen/<int:pk>/vor-ort/", desk_done_view, name="events_desk_done"),
    path("anmeldungen/<int:pk>/bestaetigung.pdf", desk_pdf_view, name="events_desk_pdf"),
    path(
        "veranstaltungen/<int:page_id>/anwesenheit/",
        attendance_view,
        name="events_attendance",
    ),
]
