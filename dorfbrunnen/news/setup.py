"""What a new installation needs of news: the „Aktuelles“ page with its feeds."""

from dorfbrunnen.core.setup import SetupContext, setup_step

from .models import NewsIndexPage


@setup_step(order=60)
def news_setup(context: SetupContext) -> None:
    context.child_page(
        "news",
        context.pages.get("home"),
        NewsIndexPage(
            title="Aktuelles",
            slug="aktuelles",
            intro="Neuigkeiten aus dem Verband und den Zentren.",
        ),
        main=50,
    )
