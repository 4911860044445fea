from django.contrib.auth import get_user_model
from wagtail.models import Page, Revision, Site

from dorfbrunnen.core.demo import demo_load
from dorfbrunnen.pages.models import HomePage


def test_demo_load_is_idempotent_and_keeps_the_generated_password(demo):
    first, credentials = demo, demo.credentials_file
    counts = (Page.objects.count(), Revision.objects.count(), get_user_model().objects.count())
    second = demo_load(credentials_file=credentials)
    assert first.created_pages > 10
    assert second.created_pages == 0
    assert (Page.objects.count(), Revision.objects.count(), get_user_model().objects.count()) == (
        counts
    )
    assert second.password == first.password
    assert first.password in credentials.read_text()


def test_demo_password_is_generated_not_fixed(demo, tmp_path):
    get_user_model().objects.all().delete()
    other = demo_load(credentials_file=tmp_path / "b.txt").password
    assert demo.password != other and len(other) >= 16


def test_demo_home_page_is_the_site_root(demo):
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_demo_editor_can_log_in_to_the_admin_and_edit_pages(client, demo):
    assert client.login(username=demo.username, password=demo.password)
    response = client.get("/admin/")
    assert response.status_code == 200
    home = HomePage.objects.get()
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
