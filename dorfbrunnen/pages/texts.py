"""The first texts of a new installation's own pages (Über uns, Impressum, Datenschutz,
Barrierefreiheit, the start page of the Leichte-Sprache section). They describe what the
platform does; where only the association knows the facts, they say „[bitte ergänzen]“,
which the go-live checklist finds. The office edits every word in the admin; `setup_site`
never overwrites them.
"""

import re

from django.utils.html import escape

from dorfbrunnen.core.setup import TO_FILL

ABOUT_INTRO = f"Wer wir sind und was wir tun. {TO_FILL}"
ABOUT_BODY = f"""
<h2>Wer wir sind</h2>
<p>{TO_FILL}: Stellen Sie hier den Verband vor – seine Geschichte, seinen Vorstand und seine
Geschäftsstelle.</p>
<h2>Was unsere Zentren verbindet</h2>
<p>{TO_FILL}: Was macht ein Mütterzentrum, ein Mehrgenerationenhaus, einen offenen Treffpunkt
aus?</p>
<h2>Mitglied werden</h2>
<p>Ihr Zentrum möchte Mitglied werden? Schreiben Sie uns über das
<a href="/kontakt/">Kontaktformular</a>.</p>
"""

IMPRINT_BODY = """
<h2>Haftung für Links</h2>
<p>Unsere Seiten enthalten Links zu Webseiten anderer Anbieter. Für deren Inhalte sind die
jeweiligen Anbieter verantwortlich. Wird uns ein rechtswidriger Inhalt bekannt, entfernen wir
den Link umgehend.</p>
"""

PRIVACY_INTRO = "Wie wir mit Ihren Daten umgehen – kurz gesagt: so sparsam wie möglich."
PRIVACY_BODY = f"""
<h2>Besuch der Webseite</h2>
<p>Beim Aufruf einer Seite verarbeitet unser Server technisch notwendige Angaben (IP-Adresse,
Zeitpunkt, aufgerufene Adresse), um die Seite auszuliefern und vor Missbrauch zu schützen
(Art. 6 Abs. 1 lit. f DSGVO). Die Webseite wird betrieben von: {TO_FILL} (Hoster, Anschrift).
Wir binden keine Schriften, Karten, Videos oder Skripte fremder Anbieter ein und verwenden keine
Analyse- oder Werbedienste.</p>
<h2>Cookies</h2>
<p>Auf Seiten ohne Formular setzen wir keine Cookies. Seiten mit einem Formular setzen ein
technisch notwendiges Sicherheits-Cookie (Schutz vor gefälschten Anfragen); es enthält keine
Angaben zu Ihrer Person. Wer sich anmeldet (Mitglieder, Redaktion), bekommt für die Dauer der
Anmeldung ein Sitzungs-Cookie. Eine Einwilligung ist dafür nicht erforderlich.</p>
<h2>Kontaktformular und Hinweise zum Infopaket</h2>
<p>Wenn Sie uns über ein Formular schreiben, speichern wir Ihre Angaben, um Ihre Nachricht zu
bearbeiten (Art. 6 Abs. 1 lit. b und f DSGVO), und löschen sie spätestens nach einem Jahr.</p>
<h2>Anmeldung zu Veranstaltungen</h2>
<p>Für eine Anmeldung speichern wir Ihren Namen, Ihre E-Mail-Adresse, die Zahl der Plätze und
Ihre Antworten auf die Fragen im Formular, dazu den Zeitpunkt Ihrer Einwilligung und Ihrer
Bestätigung. Wir brauchen sie, um die Veranstaltung durchzuführen (Art. 6 Abs. 1 lit. b DSGVO).
90 Tage nach der Veranstaltung löschen wir die Angaben zu Ihrer Person; übrig bleibt nur die
Zahl der Plätze. Über den Link in Ihrer Bestätigungsmail können Sie Ihre Daten jederzeit
abrufen und sich abmelden.</p>
<h2>E-Mails</h2>
<p>Unsere E-Mails verschicken wir über unseren eigenen Mailserver, ohne Zählpixel und ohne
umgeleitete Links. Eine Kopie jeder E-Mail bewahren wir 90 Tage auf, damit wir Fragen zur
Zustellung beantworten können; persönliche Links entfernen wir daraus nach dem Versand.</p>
<h2>Ihre Rechte</h2>
<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der
Verarbeitung, auf Datenübertragbarkeit und auf Widerspruch. Schreiben Sie uns dazu einfach.
Sie können sich außerdem bei einer Datenschutz-Aufsichtsbehörde beschweren, zum Beispiel bei
der für uns zuständigen: {TO_FILL}.</p>
"""

ACCESSIBILITY_INTRO = (
    "Wir möchten, dass alle Menschen unsere Webseite nutzen können – unabhängig von "
    "Behinderung, Alter, Gerät oder Sprachkenntnissen."
)
ACCESSIBILITY_BODY = f"""
<h2>Stand der Vereinbarkeit</h2>
<p>Diese Webseite soll die Anforderungen der Barrierefreie-Informationstechnik-Verordnung
(BITV 2.0) und der WCAG 2.1 auf Stufe AA erfüllen. Jede Seitenart wird bei jeder Änderung der
Software automatisch in einem echten Browser auf Barrieren geprüft; die Bedienung mit der
Tastatur wird mitgetestet.</p>
<h2>Noch nicht barrierefreie Inhalte</h2>
<p>{TO_FILL}: Welche Inhalte sind noch nicht barrierefrei (zum Beispiel ältere PDF-Dokumente),
und wie bekommt man sie in zugänglicher Form?</p>
<h2>Erstellung dieser Erklärung</h2>
<p>Diese Erklärung wurde am {TO_FILL} erstellt und beruht auf einer Selbstbewertung.</p>
<h2>Leichte Sprache, Gebärdensprache und Vorlesen</h2>
<p>Wichtige Inhalte erklären wir im Bereich <a href="/leichte-sprache/">Leichte Sprache</a>;
Seiten mit einer Fassung in Leichter Sprache oder einem Video in Gebärdensprache zeigen das
oben an. Mit dem Knopf „Vorlesen“ liest Ihr Browser eine Seite mit seiner eigenen Stimme vor –
der Text verlässt dabei Ihr Gerät nicht. Der Knopf erscheint nur, wenn Ihr Gerät eine solche
Stimme für Deutsch hat.</p>
<h2>Feedback und Kontakt</h2>
<p>Sind Ihnen Barrieren aufgefallen? Dann <a href="/barriere-melden/">melden Sie uns die
Barriere</a> – der Link „Barriere melden“ steht auch unten auf jeder Seite. Sie können uns
auch über das <a href="/kontakt/">Kontaktformular</a>, per E-Mail oder am Telefon schreiben
(Angaben im <a href="/impressum/">Impressum</a>). Wir antworten innerhalb eines Monats.</p>
<h2>Schlichtungsverfahren</h2>
<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an
die Schlichtungsstelle nach § 16 des Behindertengleichstellungsgesetzes wenden
(<a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a>).</p>
"""

EASY_READ_INTRO = "Hier erklären wir unsere Internet·seite in Leichter Sprache."


def easy_read_body(association: str) -> str:
    """The section's start page in Leichte Sprache: short sentences, one statement each,
    hard words explained, numbers as digits, long words split with the Mediopunkt. Each
    sentence starts a new line."""
    return one_sentence_a_line(f"""
<h2>Wer sind wir?</h2>
<p>Wir sind ein Verein.</p>
<p>Unser Name ist: {escape(association)}</p>
<p>Ein Verein ist eine Gruppe von Menschen.
Die Menschen haben ein gemeinsames Ziel.</p>
<p>In unserem Verein sind viele Mütter·zentren.
Wir helfen den Mütter·zentren bei ihrer Arbeit.</p>
<h2>Was ist ein Mütter·zentrum?</h2>
<p>Ein Mütter·zentrum ist ein Treff·punkt.
Dort treffen sich Familien.
Dort treffen sich auch junge und alte Menschen.
Alle Menschen sind willkommen.</p>
<p>In einem Mütter·zentrum gibt es oft ein Café.
Dort können Sie Kaffee trinken und mit anderen reden.
Es gibt Angebote für Kinder.
Und es gibt Beratung.
Beratung heißt: Jemand hört Ihnen zu.
Und jemand hilft Ihnen bei Ihren Fragen.</p>
<h2>Was finden Sie auf dieser Internet·seite?</h2>
<ul>
<li>Die Adressen von Mütter·zentren.</li>
<li>Veranstaltungen.
Eine Veranstaltung ist ein Treffen.
Zum Beispiel ein Fest oder ein Kurs.</li>
<li>Das Info·paket.
Das sind Texte für die Menschen in den Mütter·zentren.</li>
<li>Neuigkeiten von uns.</li>
</ul>
<h2>So finden Sie ein Mütter·zentrum in Ihrer Nähe</h2>
<p>Gehen Sie auf die Seite <a href="/zentren/">Zentren</a>.</p>
<p>Schreiben Sie Ihre Post·leit·zahl in das Feld.
Die Post·leit·zahl hat 5 Ziffern.
Sie steht in Ihrer Adresse.</p>
<p>Klicken Sie auf den Knopf: Zentren finden.
Dann sehen Sie eine Liste.
Oben in der Liste steht das Zentrum mit dem kürzesten Weg zu Ihnen.</p>
<h2>So machen Sie bei einer Veranstaltung mit</h2>
<p>Gehen Sie auf die Seite <a href="/veranstaltungen/">Veranstaltungen</a>.
Dort stehen alle Veranstaltungen.</p>
<p>Klicken Sie auf eine Veranstaltung.
Dann lesen Sie mehr darüber.</p>
<p>Für manche Veranstaltungen müssen Sie sich anmelden.
Anmelden heißt: Sie sagen uns vorher Bescheid.
Klicken Sie dazu auf: Jetzt anmelden.
Schreiben Sie Ihren Namen und Ihre E-Mail-Adresse in das Formular.
Sie bekommen dann eine E-Mail von uns.
Klicken Sie auf den Link in der E-Mail.
Dann ist Ihr Platz sicher.</p>
<h2>So finden Sie sich auf dieser Internet·seite zurecht</h2>
<p>Oben auf jeder Seite ist das Menü.
Im Menü stehen die wichtigsten Seiten.
Klicken Sie auf ein Wort im Menü.
Dann kommen Sie auf diese Seite.</p>
<p>Auf dem Handy ist das Menü zu.
Klicken Sie dann auf den Knopf: Menü.</p>
<p>Neben dem Menü ist ein Such·feld.
Schreiben Sie ein Wort hinein.
Dann sehen Sie alle Seiten mit diesem Wort.</p>
<p>Oben auf vielen Seiten ist der Knopf: Vorlesen.
Dann liest Ihr Computer oder Ihr Handy den Text laut vor.</p>
<h2>Barriere·freiheit</h2>
<p>Barriere·freiheit heißt: Alle Menschen können die Internet·seite benutzen.
Auch Menschen mit Behinderung.</p>
<p>Das wollen wir.
Wir erklären es auf der Seite <a href="/barrierefreiheit/">Barriere·freiheit</a>.
Diese Seite ist in schwerer Sprache.</p>
<p>Etwas geht nicht?
Zum Beispiel: Sie können einen Text nicht lesen.
Dann sagen Sie es uns.
Unten auf jeder Seite steht: Barriere melden.
Klicken Sie darauf.
Schreiben Sie uns, was nicht geht.
Wir antworten Ihnen in 1 Monat.</p>
""")


def one_sentence_a_line(html: str) -> str:
    """Line breaks inside a paragraph or list item become <br/> (Leichte Sprache puts each
    sentence on a line of its own)."""
    return re.sub(
        r"<(p|li)>(.*?)</\1>",
        lambda match: f"<{match[1]}>{match[2].strip().replace(chr(10), '<br/>')}</{match[1]}>",
        html,
        flags=re.DOTALL,
    )
