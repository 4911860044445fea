"""Choice widgets are kept once rendered (core_tags.field_widget): what a visitor chose and
what the field offers must still show, whatever was rendered before."""

from bs4 import BeautifulSoup
from django import forms
from django.template import Context, Template


class DayForm(forms.Form):
    tag = forms.ChoiceField(choices=[("1", "Montag"), ("2", "Dienstag")], required=False)


def rendered(form):
    html = Template("{% load core_tags %}{% field_widget form.tag %}").render(
        Context({"form": form})
    )
    return BeautifulSoup(html, "html.parser")


def test_the_chosen_value_is_selected_each_time(db):
    assert rendered(DayForm({"tag": "1"})).select_one("option[selected]")["value"] == "1"
    assert rendered(DayForm({"tag": "2"})).select_one("option[selected]")["value"] == "2"
    assert rendered(DayForm()).select_one("option[selected]") is None


def test_changed_choices_are_shown(db):
    form = DayForm({"tag": "1"})
    rendered(form)
    other = DayForm({"tag": "1"})
    other.fields["tag"].choices = [("1", "Montag"), ("3", "Mittwoch")]
    assert [o.get_text() for o in rendered(other).select("option")] == ["Montag", "Mittwoch"]


def test_a_field_with_an_error_is_rendered_with_its_mark(db):
    form = DayForm({"tag": "9"})
    assert not form.is_valid()
    form.fields["tag"].widget.attrs["aria-invalid"] = "true"
    assert rendered(form).select_one("select")["aria-invalid"] == "true"


class Everything(forms.Form):
    """One field of each plain input type, required or not, with help text."""

    name = forms.CharField(max_length=20, help_text="Vor- und Nachname")
    email = forms.EmailField(required=False)
    age = forms.DecimalField(min_value=0, max_value=150, required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    agree = forms.BooleanField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput)
    near = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.URLField(required=False, widget=forms.URLInput(attrs={"readonly": True}))


def test_plain_inputs_are_the_html_djangos_templates_write(db):
    from django.forms.renderers import DjangoTemplates

    for data in (
        None,
        {"name": 'Anna "Ann" <Müller>', "email": "a@example.org", "age": "3.5", "agree": "on"},
        {"name": "", "age": "-1", "email": "kein", "near": "45127"},  # with errors
    ):
        ours, djangos = Everything(data), Everything(data, renderer=DjangoTemplates())
        for field in ours:
            mine = BeautifulSoup(str(field), "html.parser").find("input")
            theirs = BeautifulSoup(str(djangos[field.name]), "html.parser").find("input")
            assert mine.attrs == theirs.attrs, field.name
