# ruff: noqa: E501 – a table of translations reads best one language a line
"""The demo's pages in English, Turkish, Arabic, Ukrainian and Russian: home, centre finder,
calendar, two events with their registration forms, the Infopaket overview, contact, and
pointers to Impressum and Datenschutz (which stay German: the German text is binding).

Written for this project, not by native speakers: every translated page carries an open
comment „muss von Muttersprachler·innen geprüft werden“ in the editor until the office
resolves it (Wagtail's comments, in the page's edit view).

Made through wagtail-localize, as the office's „Übersetzen“ does, then given these words.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Comment, Locale, Page
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource

REVIEW_NOTE = "muss von Muttersprachler·innen geprüft werden"

# key → {language: {field: text}}; "pointer" pages get one paragraph linking the German page.
TEXTS = {
    "home": {
        "en": {
            "title": "Home",
            "welcome_title": "Welcome to the family centres in North Rhine-Westphalia",
            "welcome_text": "<p>Family centres are open houses for young and old: a café, "
            "childcare, advice and help from neighbours. Find a centre near you, see what "
            "is on and register for events – in your language.</p>",
        },
        "tr": {
            "title": "Ana sayfa",
            "welcome_title": "Kuzey Ren-Vestfalya aile merkezlerine hoş geldiniz",
            "welcome_text": "<p>Aile merkezleri gençlere ve yaşlılara açık evlerdir: kafe, "
            "çocuk bakımı, danışmanlık ve komşu yardımı. Size yakın bir merkez bulun, "
            "etkinliklere göz atın ve kendi dilinizde kaydolun.</p>",
        },
        "ar": {
            "title": "الصفحة الرئيسية",
            "welcome_title": "مرحبًا بكم في مراكز الأسرة في شمال الراين وستفاليا",
            "welcome_text": "<p>مراكز الأسرة بيوت مفتوحة للصغار والكبار: مقهى، ورعاية "
            "للأطفال، واستشارات، ومساعدة بين الجيران. ابحثوا عن مركز قريب منكم، وتعرّفوا "
            "على الفعاليات وسجّلوا فيها بلغتكم.</p>",
        },
        "uk": {
            "title": "Головна",
            "welcome_title": "Ласкаво просимо до сімейних центрів Північного Рейну-Вестфалії",
            "welcome_text": "<p>Сімейні центри – це відкриті будинки для молодих і старших: "
            "кафе, догляд за дітьми, консультації та сусідська допомога. Знайдіть центр "
            "поруч, перегляньте заходи та зареєструйтеся – вашою мовою.</p>",
        },
        "ru": {
            "title": "Главная",
            "welcome_title": "Добро пожаловать в семейные центры Северного Рейна-Вестфалии",
            "welcome_text": "<p>Семейные центры – открытые дома для молодых и пожилых: "
            "кафе, присмотр за детьми, консультации и соседская помощь. Найдите центр "
            "рядом, посмотрите мероприятия и зарегистрируйтесь – на вашем языке.</p>",
        },
    },
    "centres": {
        "en": {"title": "Find a centre", "intro": "Family centres near you, by postcode or town."},
        "tr": {"title": "Merkez bul", "intro": "Posta kodu veya şehre göre size yakın aile merkezleri."},
        "ar": {"title": "ابحث عن مركز", "intro": "مراكز الأسرة القريبة منك حسب الرمز البريدي أو المدينة."},
        "uk": {"title": "Знайти центр", "intro": "Сімейні центри поруч – за поштовим індексом або містом."},
        "ru": {"title": "Найти центр", "intro": "Семейные центры рядом – по почтовому индексу или городу."},
    },
    "events": {
        "en": {"title": "Events", "intro": "What is on in the centres and online."},
        "tr": {"title": "Etkinlikler", "intro": "Merkezlerde ve çevrimiçi neler var."},
        "ar": {"title": "الفعاليات", "intro": "ما يجري في المراكز وعبر الإنترنت."},
        "uk": {"title": "Заходи", "intro": "Що відбувається в центрах і онлайн."},
        "ru": {"title": "Мероприятия", "intro": "Что проходит в центрах и онлайн."},
    },
    "library": {
        "en": {"title": "Info pack", "intro": "Guides, templates and forms for the centres (in German)."},
        "tr": {"title": "Bilgi paketi", "intro": "Merkezler için kılavuzlar, şablonlar ve formlar (Almanca)."},
        "ar": {"title": "الحزمة المعلوماتية", "intro": "أدلة ونماذج واستمارات للمراكز (باللغة الألمانية)."},
        "uk": {"title": "Інформаційний пакет", "intro": "Посібники, шаблони та форми для центрів (німецькою)."},
        "ru": {"title": "Информационный пакет", "intro": "Руководства, шаблоны и формы для центров (на немецком)."},
    },
    "contact": {
        "en": {"title": "Contact", "intro": "Write to us – we will answer in German or English."},
        "tr": {"title": "İletişim", "intro": "Bize yazın – Almanca veya İngilizce yanıt veririz."},
        "ar": {"title": "اتصل بنا", "intro": "راسلونا – سنرد بالألمانية أو الإنجليزية."},
        "uk": {"title": "Контакт", "intro": "Напишіть нам – ми відповімо німецькою або англійською."},
        "ru": {"title": "Контакты", "intro": "Напишите нам – мы ответим на немецком или английском."},
    },
    "imprint": {
        "en": {"title": "Legal notice", "pointer": "The legal notice is binding in German:"},
        "tr": {"title": "Künye", "pointer": "Künye yalnızca Almanca olarak bağlayıcıdır:"},
        "ar": {"title": "بيانات الناشر", "pointer": "بيانات الناشر ملزمة باللغة الألمانية فقط:"},
        "uk": {"title": "Вихідні дані", "pointer": "Вихідні дані мають юридичну силу німецькою мовою:"},
        "ru": {"title": "Выходные данные", "pointer": "Выходные данные имеют юридическую силу на немецком языке:"},
    },
    "privacy": {
        "en": {"title": "Privacy", "pointer": "The privacy statement is binding in German:"},
        "tr": {"title": "Gizlilik", "pointer": "Gizlilik bildirimi yalnızca Almanca olarak bağlayıcıdır:"},
        "ar": {"title": "حماية البيانات", "pointer": "بيان حماية البيانات ملزم باللغة الألمانية فقط:"},
        "uk": {"title": "Захист даних", "pointer": "Положення про захист даних має юридичну силу німецькою мовою:"},
        "ru": {"title": "Защита данных", "pointer": "Положение о защите данных имеет юридическую силу на немецком языке:"},
    },
    "fachtag": {
        "en": {"title": "Family Day 2023: So lonely", "subtitle": "How our networks help against loneliness"},
        "tr": {"title": "Aile Günü 2023: So lonely", "subtitle": "Ağlarımız yalnızlığa karşı nasıl yardımcı olur"},
        "ar": {"title": "يوم الأسرة 2023: So lonely", "subtitle": "كيف تساعد شبكاتنا في مواجهة الوحدة"},
        "uk": {"title": "День родини 2023: So lonely", "subtitle": "Як наші мережі допомагають проти самотності"},
        "ru": {"title": "День семьи 2023: So lonely", "subtitle": "Как наши сети помогают против одиночества"},
    },
    "workshop": {
        "en": {"title": "Online workshop: finding and keeping volunteers", "subtitle": "Practical knowledge for the centres' staff"},
        "tr": {"title": "Çevrimiçi atölye: Gönüllü bulmak ve tutmak", "subtitle": "Merkez çalışanları için uygulamalı bilgi"},
        "ar": {"title": "ورشة عبر الإنترنت: كسب المتطوعين والحفاظ عليهم", "subtitle": "معرفة عملية للعاملين في المراكز"},
        "uk": {"title": "Онлайн-воркшоп: як залучити й утримати волонтерів", "subtitle": "Практичні знання для працівників центрів"},
        "ru": {"title": "Онлайн-семинар: как привлечь и удержать волонтёров", "subtitle": "Практические знания для сотрудников центров"},
    },
}  # fmt: skip


def translation_draft(page: Page, locale: Locale) -> Page:
    """`page` in `locale` as wagtail-localize's „Übersetzen“ makes it (its translation
    source, segments and parents), kept as a draft: wagtail-localize would publish its own
    revision after the commit, over the words given here."""
    page = page.specific
    source, _created = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    source.create_or_update_translation(
        locale, publish=False, copy_parent_pages=True, fallback=True
    )
    return page.get_translation(locale).specific


def _translation(page: Page, locale: Locale, fields: dict, reviewer) -> bool:
    """Translate `page` into `locale` once (False when it exists already)."""
    page = page.specific
    if page.get_translation_or_none(locale) is not None:
        return False
    translated = translation_draft(page, locale)
    pointer = fields.pop("pointer", None)
    for name, value in fields.items():
        setattr(translated, name, value)
    if pointer is not None:  # the binding German page, linked
        translated.intro = ""
        translated.body = [
            ("paragraph", RichText(f'<p>{pointer} <a href="{page.url}">{page.title}</a></p>'))
        ]
    if hasattr(translated, "welcome_text"):
        translated.body = []  # the association's own teasers stay German, on the German page
    translated.save_revision().publish()
    if reviewer is not None:
        Comment.objects.create(
            page=translated, user=reviewer, text=REVIEW_NOTE, contentpath="title"
        )
    return True


def demo_translations(pages: dict, fachtag: Page, workshop: Page | None) -> int:
    """The pages above in every further language; returns how many were made."""
    reviewer = get_user_model().objects.filter(username="redaktion").first()
    targets = {**pages, "fachtag": fachtag, "workshop": workshop}
    made = 0
    for locale in Locale.objects.exclude(language_code="de").order_by("language_code"):
        for key, languages in TEXTS.items():
            page = targets.get(key)
            fields = languages.get(locale.language_code)
            if page is None or fields is None:
                continue
            made += _translation(page, locale, dict(fields), reviewer)
    return made
