from wagtail.models import Locale, Page
from dorfbrunnen.tests.sample import site_sample, section
from dorfbrunnen.tests.languages import translate, address_in

def test_explore(client, db):
    sample = site_sample()
    print(list(Locale.objects.values_list("language_code", flat=True)))
    home = section("home")
    for key in ("centre", "online_event", "chapter", "news", "standard"):
        obj = sample.objects[key]
        t = translate(obj, "tr", title=f"TR {obj.title}")
        print(key, t.url, t.live, t.get_parent().specific_class, t.get_parent().live)
        r = client.get(t.url)
        print(r.status_code, r.text.count("hreflang"))
    for p in Page.objects.filter(locale__language_code="tr"):
        print(p.url_path, p.live, type(p.specific).__name__)
    r = client.get(sample.urls["home"])
    print([l for l in r.text.splitlines() if "hreflang" in l or "language-switch" in l][:20])
