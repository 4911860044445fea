"""Languages: the locales a new installation gets, and the rules translated page trees follow.

German is the source. A translation (wagtail-localize) is a page of its own in its
language's tree (`/en/…`), with the same `translation_key` as its German source. The data
stays single:

- listings (finder, calendar, API, kalender.ics, search, the home page's next event) show
  each item once – in the visitor's language where a live translation exists, else the
  German one (`each_once`);
- what belongs to the thing rather than to its text (registrations, places, their cache
  stamp) belongs to the German source page (`source_page`).
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import translation

from .setup import SetupContext, setup_step


def default_language() -> str:
    return settings.LANGUAGE_CODE


def active_language() -> str:
    """The active content language (one of LANGUAGES; the default outside a request)."""
    language = translation.get_language() or default_language()
    codes = {code for code, _name in settings.LANGUAGES}
    if language in codes:
        return language
    language = language.split("-")[0]
    return language if language in codes else default_language()


def each_once(queryset):
    """`queryset` (pages) with each item once: its version in the active language where
    one is in the queryset, else its German one. Pages only in another language are left
    out. One query, no per-row lookup (a correlated EXISTS). Each row carries
    `source_page_id`, its German source's id, outside German (calendar UIDs stay single)."""
    language, default = active_language(), default_language()
    # Locale ids, not a join on the locale table: the planner then knows how many rows a
    # language has (a join made it guess, and scan every page to rank 1,000 centres).
    locales = locale_ids()
    own_locale, default_locale = locales.get(language), locales.get(default)
    if language == default or own_locale is None:
        return queryset.filter(locale_id=default_locale)
    own = queryset.filter(locale_id=own_locale, translation_key=OuterRef("translation_key"))
    source = queryset.model.objects.filter(
        locale_id=default_locale, translation_key=OuterRef("translation_key")
    ).values("pk")[:1]
    return queryset.filter(
        Q(locale_id=own_locale) | (Q(locale_id=default_locale) & ~Exists(own))
    ).annotate(source_page_id=Subquery(source))


def each_once_searchable(queryset):
    """`each_once` in the filters a search backend understands (locale, id): the German
    pages that have a live version in the visitor's language are left out by id."""
    from .content_cache import cached

    language, default = active_language(), default_language()
    # Both kept per content version (a publish changes them): no query per search.
    locales = locale_ids()
    if language == default or language not in locales:
        return queryset.filter(locale_id=locales.get(default))
    model = queryset.model

    def german_replaced():
        translated = model.objects.live().filter(locale_id=locales[language])
        return list(
            model.objects.filter(
                locale_id=locales[default],
                translation_key__in=translated.values("translation_key"),
            ).values_list("pk", flat=True)
        )

    replaced = cached(f"replaced:{model._meta.label}:{language}", german_replaced)
    return queryset.filter(locale_id__in=[locales[language], locales[default]]).exclude(
        id__in=replaced
    )


def root_paths(site) -> list[str]:
    """The tree paths of the site's home page in every language (the roots of the
    translated trees), kept per content version."""
    from wagtail.models import Page

    from .content_cache import cached

    def build():
        return list(
            Page.objects.filter(
                translation_key=site.root_page.translation_key, depth=site.root_page.depth
            ).values_list("path", flat=True)
        )

    return cached(f"home-paths:{site.pk}", build)


def source_page(page):
    """The German source of a translated page (itself if it is German, or if the source is
    gone). Registrations, capacity and the places stamp live there."""
    if page is None or page.locale.language_code == default_language():
        return page
    model = type(page)
    source = (
        model.objects.filter(
            translation_key=page.translation_key, locale__language_code=default_language()
        )
        .select_related("locale")
        .first()
    )
    return source or page


def source_page_id(page) -> int:
    """The id of `source_page(page)`, kept per content version (no query on a render)."""
    from .content_cache import cached

    if page.locale_id == locale_ids().get(default_language()):
        return page.pk
    return cached(f"source-page:{page.pk}", lambda: source_page(page).pk)


def is_source(page) -> bool:
    """Whether `page` is its own `source_page` (German, or its German page is gone): where
    what belongs to the thing lives (an event's registrations and places). Row by row, as
    `sources_only` asks it of a queryset; no query for a German page."""
    return source_page_id(page) == page.pk


def sources_only(queryset):
    """The pages of `queryset` that are their own `source_page`: the German ones, and a
    translation whose German page is gone – where a page's translations are not things of
    their own (an event's registrations are its source's)."""
    german = locale_ids().get(default_language())
    german_version = queryset.model.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=german
    )
    return queryset.filter(Q(locale_id=german) | ~Exists(german_version))


def locale_ids() -> dict[str, int]:
    """Language code → Wagtail locale id, kept until a locale changes."""
    from wagtail.models import Locale

    from .content_cache import cached

    return cached(
        "locales", lambda: dict(Locale.objects.values_list("language_code", "pk")), shared=True
    )


def language_of(page) -> str:
    """The language code of `page`'s locale, from the kept locale ids (no query)."""
    return next(
        (code for code, pk in locale_ids().items() if pk == page.locale_id), default_language()
    )


def localized(page):
    """`page` in the visitor's language where a live translation exists, else `page`
    (Wagtail's `localized`). A page already in that language is answered from the kept
    locale ids: Wagtail looks the active locale up with a query on every call, and a menu
    asks for each of its links twice."""
    if page is None:
        return page
    # One query where Wagtail makes two (the active locale, then the translation); the
    # translation of the page's own type.
    return localized_each([page], model=type(page))[page.pk]


def localized_each(pages, model=None) -> dict[int, object]:
    """{page id: `localized(page)`} for many pages, the translations (as `model`, plain
    pages by default) read in one query – a menu's links, which asked Wagtail twice per
    link, a query each time."""
    from wagtail.models import Page

    model = model or Page
    found = {page.pk: page for page in pages}
    active = locale_ids().get(active_language())
    keys = defaultdict(list)  # translation key -> ids of the pages linked
    for page in pages:
        if page.locale_id != active:
            keys[page.translation_key].append(page.pk)
    if keys and active is not None and settings.WAGTAIL_I18N_ENABLED:
        # Only a live translation: Wagtail's `localized` keeps a draft's source too.
        for translation in model.objects.filter(
            translation_key__in=list(keys), locale_id=active, live=True
        ):
            for pk in keys[translation.translation_key]:
                found[pk] = translation
    return found


def translations_of(page):
    """Every language version of `page` (the page itself included), German first."""
    model = type(page)
    return list(model.objects.filter(translation_key=page.translation_key).select_related("locale"))


@setup_step(order=6)
def locales_ensure(context: SetupContext) -> None:
    """One Wagtail locale per language in LANGUAGES, so the office can translate into it
    (Einstellungen → Sprachen). German, the default, exists from Wagtail's migrations."""
    from wagtail.models import Locale

    for code, _name in settings.LANGUAGES:
        context.once(
            f"locale:{code}",
            lambda code=code: Locale.objects.filter(language_code=code).first(),
            lambda code=code: Locale.objects.create(language_code=code),
        )


def synchronised_fields(model, *names: str) -> None:
    """Fields of `model` that are facts or the office's, not words – which wagtail-localize
    takes for text to translate because they are text columns: a contact form's recipient
    address (a translator could send its messages, personal data, elsewhere), an event's
    postcode (the place filter). They become synchronised fields that no translation
    overrides; with `translations_follow` each German publish brings them along. Call from
    an app's `ready`, when the model's relations are known."""
    from wagtail_localize.fields import SynchronizedField, get_translatable_fields

    model.translatable_fields = [
        SynchronizedField(field.field_name, overridable=False)
        if field.field_name in names
        else field
        for field in get_translatable_fields(model)
    ]


def translations_follow(model) -> None:
    """What belongs to the thing rather than to its text – the fields a `model` marks as
    synchronised (wagtail-localize's SynchronizedField: an event's date and places, a
    centre's opening hours and closures), and the choices from shared lists (an event's
    target groups, a centre's offers) – is the German page's: when it is published, its live
    translations take those fields over and are published too; their words stay theirs.
    Otherwise a visitor in another language would see last month's hours."""
    from wagtail.signals import page_published

    page_published.connect(
        _translations_follow, sender=model, dispatch_uid=f"translations-follow:{model._meta.label}"
    )


def _translations_follow(sender, instance, **kwargs):
    if instance.locale.language_code != default_language():
        return
    from wagtail_localize.fields import copy_synchronised_fields

    translations = sender.objects.live().filter(translation_key=instance.translation_key)
    for translation_page in translations.exclude(pk=instance.pk):
        copy_synchronised_fields(instance, translation_page)
        _choices_follow(instance, translation_page)
        _german_words_stand_in(instance, translation_page)
        translation_page.save_revision().publish()


def _choices_follow(source, translation_page) -> None:
    """The choices from shared lists (an event's target groups, a centre's offers):
    wagtail-localize leaves many-to-many fields out of what it synchronises."""
    from modelcluster.fields import ParentalManyToManyField
    from wagtail.models import TranslatableMixin

    for field in type(source)._meta.get_fields():
        if isinstance(field, ParentalManyToManyField) and not issubclass(
            field.related_model, TranslatableMixin
        ):
            setattr(translation_page, field.name, list(getattr(source, field.name).all()))


def _german_words_stand_in(source, translation_page) -> None:
    """Where the translation's words no longer fit the new facts – a new photo that has no
    description in that language yet – the German words stand in until the translator
    writes theirs: the German page's publishing must not fail over them."""
    from django.core.exceptions import ValidationError

    try:
        translation_page.full_clean()
    except ValidationError as error:
        for name in getattr(error, "error_dict", {}):
            if hasattr(source, name):
                setattr(translation_page, name, getattr(source, name))


def _language_home_published(sender, instance, **kwargs):
    """A language's home page is published: its translators' group exists from now on, for
    the office to add people to (Einstellungen → Benutzer)."""
    if instance.depth == 2 and instance.locale.language_code != default_language():
        translator_group(instance.locale.language_code)


def roles_declare() -> None:
    """The office adds languages and starts translations; a translator gets a group of
    their own per language (`translator_grant`)."""
    from wagtail.signals import page_published

    from .roles import OFFICE, role_grant

    page_published.connect(_language_home_published, dispatch_uid="translator-group")

    role_grant(
        OFFICE,
        "wagtailcore.add_locale",
        "wagtailcore.change_locale",
        "wagtail_localize.submit_translation",
    )


def translator_group(language_code: str):
    """The group „Übersetzung <Sprache>“: may edit (not publish) the pages of that
    language's tree only – its page permissions sit on the language's home page, a sibling
    of the German one, so the German tree and the other languages are outside them. The
    office publishes what a translator saved. None while the language has no home page
    yet (the office translates the home page first)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    names = dict(settings.LANGUAGES)
    home = (
        Page.objects.filter(depth=2, locale__language_code=language_code).order_by("path").first()
    )
    if language_code not in names or language_code == default_language() or home is None:
        return None
    group, _created = Group.objects.get_or_create(name=f"Übersetzung {names[language_code]}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return group


def translator_grant(*, user, language_code: str) -> bool:
    """Make `user` a translator for one language. False when that language has no home
    page to translate under yet."""
    group = translator_group(language_code)
    if group is None:
        return False
    user.groups.add(group)
    return True


MISSING, OUTDATED, CURRENT = "missing", "outdated", "current"


def translation_states(pages) -> list[dict]:
    """For each German page: per further language whether its translation is missing,
    outdated (the German page was published after it) or current – the office's
    „Übersetzungen“ screen. One query for all the pages' translations."""
    from wagtail.models import Page

    pages = list(pages)
    versions = {}
    rows = (
        Page.objects.filter(translation_key__in=[page.translation_key for page in pages])
        .exclude(locale__language_code=default_language())
        .values_list("translation_key", "locale__language_code", "last_published_at", "pk")
    )
    for key, code, published, pk in rows:
        versions[key, code] = (published, pk)
    further = [(code, name) for code, name in settings.LANGUAGES if code != default_language()]
    states = []
    for page in pages:
        languages = []
        for code, name in further:
            published, pk = versions.get((page.translation_key, code), (None, None))
            if pk is None:
                state = MISSING
            elif published is None or (
                page.last_published_at and page.last_published_at > published
            ):
                state = OUTDATED
            else:
                state = CURRENT
            languages.append({"code": code, "name": name, "state": state, "pk": pk})
        states.append({"page": page, "languages": languages})
    return states
