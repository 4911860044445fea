"""German demo texts for the pages of the demo tree (the home page uses the customer's seed).

Everything here is sample content written for the demo; the office replaces it in the admin.
Addresses and numbers are placeholders and marked as such.
"""

ABOUT_INTRO = (
    "Wir sind der Zusammenschluss der Mütterzentren und offenen Häuser für Jung & Alt in "
    "Nordrhein-Westfalen: rund dreißig Treffpunkte, die von Familien für Familien gestaltet werden."
)
ABOUT_BODY = """
<h2>Wer wir sind</h2>
<p>Der Landesverband vertritt die Interessen seiner Mitgliedszentren gegenüber Land,
Kommunen, Verbänden und Öffentlichkeit. Eine kleine Geschäftsstelle und ein ehrenamtlicher
Vorstand halten die Fäden zusammen: Wir beraten beim Aufbau neuer Zentren, organisieren
Austausch und Fortbildung und machen sichtbar, was in den Häusern jeden Tag geleistet wird.</p>
<h2>Was uns verbindet</h2>
<p>Jedes Zentrum ist anders – ein Café mit Kinderecke in der Innenstadt, ein Mehrgenerationenhaus
am Stadtrand, ein Familientreff im Dorf. Gemeinsam ist allen der offene Treffpunkt, an dem
niemand etwas leisten oder erklären muss, um dazuzugehören. Wer kommt, bringt mit, was er kann,
und nimmt mit, was er braucht.</p>
<ul>
<li>Offene Treffpunkte mit Café und Kinderbetreuung</li>
<li>Beratung und Begleitung in Familienfragen</li>
<li>Angebote für alle Generationen, von der Krabbelgruppe bis zum Erzählcafé</li>
<li>Bürgerschaftliches Engagement und Selbsthilfe</li>
</ul>
<h2>Mitglied werden</h2>
<p>Ihr Zentrum möchte Mitglied werden oder Sie planen, einen offenen Treffpunkt zu gründen?
Schreiben Sie uns über das Kontaktformular – wir melden uns gern.</p>
"""

NEWS_ITEMS = [
    {
        "slug": "neue-webseite",
        "title": "Unsere neue Webseite ist online",
        "days_ago": 3,
        "intro": "Zentren finden, Veranstaltungen entdecken, das Infopaket digital nutzen: "
        "Unsere Webseite ist neu aufgebaut – barrierearm und ohne Tracking.",
        "body": "<p>Wir haben die Webseite des Landesverbandes von Grund auf neu gestaltet. "
        "Sie funktioniert auf dem Handy genauso gut wie am Schreibtisch, lässt sich mit der "
        "Tastatur bedienen und lädt keine Inhalte von fremden Servern. Cookies setzen wir nur "
        "dort, wo ein Formular sie braucht.</p><p>Schreiben Sie uns, was Ihnen fehlt oder "
        "was wir besser machen können – über das Kontaktformular oder per E-Mail.</p>",
    },
    {
        "slug": "rueckblick-fachtag-2023",
        "title": "Rückblick: Fachtag Familie „So lonely“",
        "days_ago": 40,
        "intro": "Fachleute und Besucherinnen der Zentren haben mit uns darüber gesprochen, "
        "wie offene Treffpunkte gegen Einsamkeit wirken.",
        "body": "<p>Beim Fachtag Familie ging es um eine Erfahrung, die viele Mütter und "
        "pflegende Angehörige kennen: allein zu sein, obwohl ständig jemand etwas von einem "
        "will. Fachleute und Besucherinnen aus unseren Zentren haben berichtet, wie ein "
        "Kaffee am offenen Tisch, eine Krabbelgruppe oder ein Ehrenamt aus dieser Lage "
        "heraushelfen können.</p><p>Die Unterlagen zum Fachtag finden Sie auf der Seite der "
        "Veranstaltung.</p>",
    },
    {
        "slug": "ehrenamt-staerken",
        "title": "Ehrenamt stärken: Fortbildungsreihe für Zentren",
        "days_ago": 75,
        "intro": "Wie gewinnen, begleiten und halten wir Ehrenamtliche? Eine Fortbildungsreihe "
        "für Mitarbeitende der Mitgliedszentren.",
        "body": "<p>Ohne Ehrenamt gäbe es keine Mütterzentren. In vier Online-Terminen "
        "tauschen sich Mitarbeitende der Zentren über Gewinnung, Einarbeitung und Anerkennung "
        "von Ehrenamtlichen aus. Die Termine stehen im Veranstaltungskalender.</p>",
    },
]

NETWORK_MEETING = {
    "slug": "netzwerktreffen-ehrenamt",
    "title": "Netzwerktreffen Ehrenamt",
    "subtitle": "Erfahrungen austauschen, voneinander lernen",
    "intro": "Ehrenamtliche und Mitarbeitende aus den Mitgliedszentren treffen sich zum "
    "Austausch über Gewinnung, Begleitung und Anerkennung im Ehrenamt.",
    "body": "<p>Bringen Sie Ihre Fragen und Ideen mit. Für Kaffee und Kuchen ist gesorgt, "
    "Kinder sind willkommen – eine Betreuung ist vor Ort.</p>",
    "location": "Mütterzentrum Dortmund, Hospitalstraße 6, 44149 Dortmund",
    "days_ahead": 21,
}

FACHTAG_AGENDA = [
    {"time": "10:00", "title": "Begrüßung durch den Vorstand", "description": ""},
    {"time": "10:15", "title": "Impuls: Einsamkeit in der Familienphase", "description": ""},
    {
        "time": "10:45",
        "title": "Gespräch mit Fachleuten und Besucherinnen der Zentren",
        "description": "",
    },
    {"time": "11:30", "title": "Ihre Fragen an das Podium", "description": ""},
    {"time": "12:00", "title": "Ende", "description": ""},
]
FACHTAG_DOCUMENTATION_HTML = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Dokumentation Fachtag Familie 2023</title></head><body style="font-family: sans-serif">
<h1>Fachtag Familie 2023: So lonely</h1>
<p>Demo-Dokument. Zusammenfassung der Beiträge: Offene Treffpunkte bieten Gelegenheiten zur
Begegnung ohne Voraussetzungen. Mütter und pflegende Angehörige berichteten, wie ihnen ein
fester Wochentermin im Zentrum aus der Vereinzelung geholfen hat. Die Fachleute empfahlen,
niedrigschwellige Angebote zu sichern und Ehrenamtliche für den Empfang neuer Gäste zu
schulen.</p></body></html>"""
WORKSHOP_INTRO = (
    "Wie finden Zentren Menschen, die sich engagieren wollen – und wie bleiben sie dabei? "
    "Ein Abend mit Beispielen aus der Praxis und viel Zeit für Fragen."
)
WORKSHOP_BODY = """<p>Wir sammeln erprobte Wege, Ehrenamtliche anzusprechen, gut einzuarbeiten und
ihnen Anerkennung zu zeigen. Bringen Sie Ihre Erfahrungen mit! Die Zugangsdaten erhalten Sie
nach der Anmeldung per E-Mail.</p>"""
TODDLERS_INTRO = (
    "Eltern mit Kindern bis drei Jahre treffen sich zum Spielen, Singen und Austauschen. "
    "Ohne Anmeldung, einfach vorbeikommen."
)
TODDLERS_BODY = """<p>Die Krabbelgruppe ist ein offenes Angebot: Kommen Sie, wann es passt.
Für die Eltern gibt es Kaffee und Tee, für die Kinder Platz zum Krabbeln und Entdecken.</p>"""
