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

CENTRES_INTRO = (
    "Mütterzentren und offene Häuser für Jung & Alt gibt es in ganz Nordrhein-Westfalen. "
    "Hier finden Sie die Mitgliedszentren mit Adresse, Öffnungszeiten und Angeboten."
)
CENTRES_BODY = """
<p>Ein Mütterzentrum ist ein Ort zum Ankommen: Sie können ohne Anmeldung vorbeikommen, einen
Kaffee trinken, andere Eltern kennenlernen und Ihre Kinder in guten Händen wissen. Viele
Zentren bieten außerdem Beratung, Kurse, Second-Hand-Läden und Hilfe im Alltag an.</p>
<p>Geben Sie oben Ihre Postleitzahl oder Ihren Ort ein, um die Zentren in Ihrer Nähe zu
finden. Sie finden kein Zentrum in Ihrer Nähe? Die Geschäftsstelle hilft Ihnen gern weiter.</p>
"""

EVENTS_INTRO = (
    "Fachtage, Workshops und Treffen des Landesverbandes und seiner Mitgliedszentren – "
    "vor Ort und online."
)

LIBRARY_INTRO = (
    "Das Infopaket ist unser digitaler Ordner für alle, die ein Zentrum gründen oder führen: "
    "Wissen aus vielen Jahren Praxis, übersichtlich nach Kapiteln geordnet."
)
LIBRARY_BODY = """
<p>Früher haben wir dieses Wissen als dicke Ordner verschickt. Heute finden Sie hier Kapitel zu
Gründung und Rechtsform, Finanzen und Förderung, dem offenen Treff, Kinderbetreuung,
Beratung, Ehrenamt und Öffentlichkeitsarbeit – mit Erklärungen, Links und Vorlagen zum
Herunterladen.</p>
<p>Einige Unterlagen sind nur für Mitgliedszentren bestimmt. Dafür erhalten Mitglieder einen
eigenen Zugang.</p>
"""

NEWS_INTRO = "Neuigkeiten aus dem Landesverband und den Zentren."
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

FACHTAG_BODY = """
<h2>Programm</h2>
<ul>
<li>10:00 Uhr – Begrüßung durch den Vorstand des Landesverbandes</li>
<li>10:15 Uhr – Impuls: Einsamkeit in der Familienphase</li>
<li>10:45 Uhr – Gespräch mit Fachleuten und Besucherinnen aus den Zentren</li>
<li>11:30 Uhr – Ihre Fragen an das Podium</li>
<li>12:00 Uhr – Ende</li>
</ul>
<p>Die Veranstaltung fand online über Zoom statt. Die Zugangsdaten erhielten die angemeldeten
Teilnehmenden per E-Mail.</p>
"""

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

CONTACT_INTRO = (
    "Sie haben eine Frage an den Landesverband, möchten ein Zentrum gründen oder Mitglied "
    "werden? Schreiben Sie uns – wir antworten in der Regel innerhalb weniger Werktage."
)
CONTACT_PRIVACY = (
    "<p>Wir verwenden Ihre Angaben nur, um Ihre Nachricht zu beantworten. Mehr dazu in "
    'unserer <a href="/datenschutz/">Datenschutzerklärung</a>.</p>'
)
CONTACT_THANKS = (
    "<p>Ihre Nachricht ist bei uns angekommen. Wir melden uns so bald wie möglich bei Ihnen.</p>"
)

IMPRINT_BODY = """
<h2>Hinweis zu den Demo-Daten</h2>
<p>Anschrift, Telefonnummer und Registerangaben auf dieser Seite sind Platzhalter der
Demo-Inhalte. Die Geschäftsstelle trägt die echten Angaben unter Einstellungen → Angaben zum
Verein ein.</p>
<h2>Haftung für Links</h2>
<p>Unsere Seiten enthalten Links zu Webseiten anderer Anbieter. Für deren Inhalte sind die
jeweiligen Anbieter verantwortlich. Wird uns ein rechtswidriger Inhalt bekannt, entfernen wir
den Link umgehend.</p>
"""

PRIVACY_INTRO = "Wie wir mit Ihren Daten umgehen – kurz gesagt: so sparsam wie möglich."
PRIVACY_BODY = """
<h2>Verantwortliche Stelle</h2>
<p>Verantwortlich für die Verarbeitung personenbezogener Daten auf dieser Webseite ist der
Landesverband; die Anschrift finden Sie im Impressum.</p>
<h2>Besuch der Webseite</h2>
<p>Beim Aufruf einer Seite verarbeitet unser Server technisch notwendige Angaben (IP-Adresse,
Zeitpunkt, aufgerufene Adresse), um die Seite auszuliefern und vor Missbrauch zu schützen.
Wir binden keine Schriften, Karten, Videos oder Skripte fremder Anbieter ein und verwenden
keine Analyse- oder Werbedienste.</p>
<h2>Cookies</h2>
<p>Auf Seiten ohne Formular setzen wir keine Cookies. Seiten mit einem Formular setzen ein
technisch notwendiges Sicherheits-Cookie (Schutz vor gefälschten Anfragen); es enthält keine
Angaben zu Ihrer Person. Eine Einwilligung ist dafür nicht erforderlich.</p>
<h2>Kontaktformular</h2>
<p>Wenn Sie uns über das Kontaktformular schreiben, speichern wir Ihre Angaben, um Ihre
Anfrage zu bearbeiten (Art. 6 Abs. 1 lit. b DSGVO), und löschen sie, wenn sie dafür nicht
mehr gebraucht werden.</p>
<h2>Ihre Rechte</h2>
<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der
Verarbeitung, auf Datenübertragbarkeit und auf Widerspruch. Sie können sich außerdem bei der
Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen beschweren.</p>
"""

ACCESSIBILITY_INTRO = (
    "Wir möchten, dass alle Menschen unsere Webseite nutzen können – unabhängig von "
    "Behinderung, Alter, Gerät oder Sprachkenntnissen."
)
ACCESSIBILITY_BODY = """
<h2>Stand der Vereinbarkeit</h2>
<p>Diese Webseite soll die Anforderungen der Barrierefreie-Informationstechnik-Verordnung
(BITV 2.0) und der WCAG 2.1 auf Stufe AA erfüllen. Jede Seitenart wird bei jeder Änderung
automatisch in einem echten Browser auf Barrieren geprüft; die Bedienung mit der Tastatur wird
mitgetestet.</p>
<h2>Noch nicht barrierefreie Inhalte</h2>
<p>Ältere PDF-Dokumente im Infopaket sind teilweise nicht barrierefrei. Wir überarbeiten sie
nach und nach. Wenn Sie ein Dokument in einer zugänglichen Form benötigen, schicken wir es
Ihnen gern zu.</p>
<h2>Erstellung dieser Erklärung</h2>
<p>Diese Erklärung beruht auf einer Selbstbewertung und wird regelmäßig überprüft.</p>
<h2>Feedback und Kontakt</h2>
<p>Sind Ihnen Barrieren aufgefallen? Dann schreiben Sie uns über das
<a href="/kontakt/">Kontaktformular</a> oder per E-Mail an die Geschäftsstelle (Adresse im
Impressum). Wir antworten innerhalb von zwei Wochen.</p>
<h2>Schlichtungsverfahren</h2>
<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an
die Schlichtungsstelle nach dem Behindertengleichstellungsgesetz wenden.</p>
"""

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
