"""The national site in a browser: the demo's own centres and three made-up associations'
in one finder, each federated result linking to its source, accessible (axe-core)."""

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import axe_violations

pytestmark = pytest.mark.browser


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def national_site(live_site, tmp_path):
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = live_site.sibling(
        "server-national.log", FEDERATION_MODE="aggregator", FEDERATION_ALLOW_LOOPBACK="true"
    )
    output = site.manage(
        "load_federation_demo",
        "--feeds",
        str(tmp_path),
        "--base-url",
        f"http://127.0.0.1:{server.server_address[1]}/",
    )
    assert output.count("(ok)") == 3, output
    yield site, server.server_address[1]
    site.stop()
    server.shutdown()
    server.server_close()


def test_the_national_finder_shows_own_and_federated_centres(browser, national_site):
    site, feeds_port = national_site
    context = browser.new_context(base_url=site.url, locale="de-DE")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto("/zentren/")
    page.get_by_label("Postleitzahl oder Ort").fill("Hannover")
    page.get_by_label("Umkreis").select_option("50")
    page.get_by_role("button", name="Zentren finden").click()
    cards = page.locator(".centre-list .centre-card")
    expect(cards.first).to_contain_text("Mütterzentrum Lindenhof (erfunden)")
    link = cards.first.get_by_role("link", name="Mütterzentrum Lindenhof (erfunden)")
    expect(link).to_have_attribute(
        "href", f"http://127.0.0.1:{feeds_port}/lv-nord/zentren/zentrum-1/"
    )
    expect(page.locator(".federation-credits")).to_contain_text(
        "Landesverband der Mütterzentren Nord (erfunden)"
    )
    expect(page.locator(".centre-map .leaflet-marker-icon")).to_have_count(cards.count())
    assert axe_violations(page) == []

    # Own centres (the demo's, in NRW) and federated ones in one distance order.
    page.goto("/zentren/?near=52.55,7.9&umkreis=100")  # between Münster and Oldenburg
    names = page.locator(".centre-list .centre-card .centre-card__link").all_inner_texts()
    assert any("(erfunden)" in name for name in names)
    assert any("(erfunden)" not in name for name in names)
    distances = [
        float(text.split()[0].replace(",", "."))
        for text in page.locator(".centre-card__distance").all_inner_texts()
    ]
    assert distances == sorted(distances)
    assert axe_violations(page) == []

    # The national calendar: the made-up associations' dates, linking to their sites.
    page.goto("/bundesweit/termine/?ort=München&umkreis=25")
    dates = page.locator(".national-event")
    expect(dates.first).to_contain_text("(erfunden)")
    expect(dates.first.get_by_role("link").first).to_have_attribute(
        "href", re.compile(rf"^http://127.0.0.1:{feeds_port}/lv-sued/")
    )
    assert axe_violations(page) == []
    assert errors == []
    context.close()
