"""Remembered routes (core.routing) must never outlive what they point at, and never skip
Wagtail's privacy check."""

from django.test import Client

from dorfbrunnen.pages.models import StandardPage

MEMBERS_CHAPTER = "/infopaket/intern/"  # the demo's members-only chapter


def test_an_unpublished_page_is_gone_although_its_route_was_remembered(client, demo):
    assert client.get("/ueber-uns/").status_code == 200
    StandardPage.objects.get(slug="ueber-uns").unpublish()
    assert client.get("/ueber-uns/").status_code == 404


def test_a_new_address_serves_the_page_and_the_old_one_no_longer_does(client, demo):
    assert client.get("/ueber-uns/").status_code == 200
    page = StandardPage.objects.get(slug="ueber-uns")
    page.slug = "wer-wir-sind"
    page.save_revision().publish()
    assert client.get("/wer-wir-sind/").status_code == 200
    old = client.get("/ueber-uns/")
    assert old.status_code != 200  # a 404, or Wagtail's automatic redirect to the new one
    assert old.get("Location", "/wer-wir-sind/") == "/wer-wir-sind/"


def test_a_members_only_page_refuses_visitors_after_a_member_opened_it(
    client, demo, django_user_model
):
    member = Client()
    member.force_login(django_user_model.objects.get(username=demo.member_username))
    assert member.get(MEMBERS_CHAPTER).status_code == 200
    response = client.get(MEMBERS_CHAPTER)
    assert response.status_code == 302
    assert response["Location"].startswith("/mitglieder/anmelden/")


def test_an_address_that_leads_nowhere_stays_a_404(client, demo):
    assert client.get("/ueber-uns/gibt-es-nicht/").status_code == 404
    assert client.get("/ueber-uns/gibt-es-nicht/").status_code == 404
