"""The first texts of a new installation's own pages (Über uns, Impressum, Datenschutz,
Barrierefreiheit). They describe what the platform does; where only the association knows
the facts, they say „[bitte ergänzen]“, which the go-live checklist finds. The office
edits every word in the admin; `setup_site` never overwrites them.
"""

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
<h2>Feedback und Kontakt</h2>
<p>Sind Ihnen Barrieren aufgefallen? Dann schreiben Sie uns über das
<a href="/kontakt/">Kontaktformular</a> oder per E-Mail (Adresse im
<a href="/impressum/">Impressum</a>).</p>
<h2>Schlichtungsverfahren</h2>
<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an
die Schlichtungsstelle nach § 16 des Behindertengleichstellungsgesetzes wenden
(<a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a>).</p>
"""
