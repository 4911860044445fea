"""What a new installation needs of its own pages: the home page with the association's
text (replacing Wagtail's „Welcome“ placeholder as the site's root), Über uns, the
legally required pages – Impressum, Datenschutz, Barrierefreiheit – with first texts that
mark what only the association can fill in, and the start page of the Leichte-Sprache
section (BITV 2.0 § 4: what the site holds and how to use it, in Leichte Sprache)."""

from django.utils.html import escape
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from dorfbrunnen.core.setup import SetupContext, setup_step

from . import texts
from .models import EasyReadPage, HomePage, ImprintPage, PrivacyPage, StandardPage
from .seed import read_home_seed

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def _body(html: str):
    return [("paragraph", RichText(html))]


def _home(context: SetupContext) -> HomePage | None:
    def create():
        seed = read_home_seed(context.home_text) if context.home_text else read_home_seed()
        home = HomePage(
            title="Startseite",
            slug="startseite",
            seo_title=context.association,
            welcome_title=seed.welcome_title,
            welcome_text=_paragraphs(seed.welcome_paragraphs),
        )
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        return home

    home = context.once("page:home", lambda: HomePage.objects.first(), create)
    if home is None:
        return None
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk and context.mark("site-root:home"):
        placeholder = site.root_page.specific
        site.root_page = home
        site.save()
        # Wagtail's migration left a „Welcome“ page as the root: it goes.
        if (
            type(placeholder) is Page
            and placeholder.title == WAGTAIL_WELCOME_TITLE
            and not placeholder.get_children().exists()
        ):
            placeholder.delete()
    context.pages["home"] = home
    return home


@setup_step(order=20)
def pages_setup(context: SetupContext) -> None:
    home = _home(context)
    context.child_page(
        "about",
        home,
        StandardPage(
            title="Über uns",
            slug="ueber-uns",
            intro=texts.ABOUT_INTRO,
            body=_body(texts.ABOUT_BODY),
        ),
        main=10,
    )
    context.child_page(
        "imprint",
        home,
        ImprintPage(
            title="Impressum",
            slug="impressum",
            search_description="Angaben zum Anbieter dieser Webseite nach § 5 DDG: Anschrift, "
            "Vertretung, Registereintrag und Kontakt.",
            body=_body(texts.IMPRINT_BODY),
            show_in_menus=False,
        ),
        footer=20,
    )
    context.child_page(
        "privacy",
        home,
        PrivacyPage(
            title="Datenschutz",
            slug="datenschutz",
            intro=texts.PRIVACY_INTRO,
            body=_body(texts.PRIVACY_BODY),
        ),
        footer=30,
    )
    context.child_page(
        "accessibility",
        home,
        StandardPage(
            title="Barrierefreiheit",
            slug="barrierefreiheit",
            intro=texts.ACCESSIBILITY_INTRO,
            body=_body(texts.ACCESSIBILITY_BODY),
        ),
        footer=40,
    )
    # Linked from every page's header (base.html), so in no menu.
    context.child_page(
        "easy_read",
        home,
        EasyReadPage(
            title="Leichte Sprache",
            slug="leichte-sprache",
            intro=texts.EASY_READ_INTRO,
            body=_body(texts.easy_read_body(context.association)),
            show_in_menus=False,
        ),
    )


@setup_step(order=80)
def home_body(context: SetupContext) -> None:
    """The home page's teasers and sections from the association's text, once the pages
    they lead to exist."""
    home = context.pages.get("home")
    if home is None or home.body or not context.mark("home:body"):
        return
    seed = read_home_seed(context.home_text) if context.home_text else read_home_seed()
    teasers = [
        (seed.library_title, "", [seed.library_text], context.pages.get("library")),
        (
            seed.fachtag_title,
            seed.fachtag_subtitle,
            seed.fachtag_paragraphs,
            context.pages.get("events"),
        ),
    ]
    home.body = [
        *[
            (
                "teaser",
                {
                    "title": title,
                    "subtitle": subtitle,
                    # Every text given, even empty: wagtail-localize cannot translate a
                    # missing one (None).
                    "label": "",
                    "text": RichText(_paragraphs(paragraphs)),
                    "page": page,
                },
            )
            for title, subtitle, paragraphs, page in teasers
            if title and page is not None
        ],
        *[
            ("section", {"title": title, "text": RichText(_paragraphs([text]))})
            for title, text in seed.sections
        ],
    ]
    home.save_revision().publish()
