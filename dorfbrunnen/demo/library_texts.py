"""Demo texts of the Infopaket: chapters and documents, written for the demo (not the
association's real binder). The office replaces them with its own material."""

CHAPTERS = [
    {
        "key": "gruendung",
        "title": "Gründung und Rechtsform",
        "intro": "Vom ersten Treffen bis zum eingetragenen Verein: was eine Initiative braucht, "
        "um ein Zentrum auf sichere Füße zu stellen.",
        "body": "<p>Die meisten Mütterzentren und Mehrgenerationenhäuser haben als lose Gruppe "
        "angefangen: ein paar Familien, ein Raum, eine Idee. Spätestens wenn Miete, Förderung oder "
        "Angestellte dazukommen, braucht die Gruppe eine Rechtsform.</p><p>Fast immer ist das der "
        "eingetragene Verein. Er haftet mit seinem Vermögen, nicht mit dem der Mitglieder, und "
        "er kann als gemeinnützig anerkannt werden.</p>",
        "links": [
            (
                "Vereinsrecht im Bürgerlichen Gesetzbuch (§§ 21–79 BGB)",
                "https://www.gesetze-im-internet.de/bgb/",
                "Der Gesetzestext zum Nachlesen.",
            ),
        ],
        "children": [
            {
                "key": "verein",
                "title": "Der eingetragene Verein",
                "intro": "Satzung, Gründungsversammlung, Eintragung beim Amtsgericht.",
                "body": "<p>Für die Gründung braucht es sieben Mitglieder, eine Satzung und ein "
                "Protokoll der Gründungsversammlung. Der Vorstand meldet den Verein dann über ein "
                "Notariat beim Vereinsregister des Amtsgerichts an.</p><p>Planen Sie für die "
                "Eintragung einige Wochen ein. Bis dahin handelt der Vorstand als „Verein in "
                "Gründung“.</p>",
            },
            {
                "key": "gemeinnuetzigkeit",
                "title": "Gemeinnützigkeit",
                "intro": "Steuervorteile, Spendenquittungen und was das Finanzamt erwartet.",
                "body": "<p>Gemeinnützig ist ein Verein, wenn er nach seiner Satzung und in der "
                "Praxis selbstlos Zwecke wie die Förderung der Jugend- und Altenhilfe oder der "
                "Erziehung verfolgt. Das Finanzamt prüft die Satzung vorab und später alle drei "
                "Jahre die tatsächliche Arbeit.</p>",
            },
        ],
    },
    {
        "key": "finanzen",
        "title": "Finanzen und Förderung",
        "intro": "Haushaltsplan, Projektförderung, Spenden: wie ein Zentrum auf mehreren "
        "Beinen steht.",
        "body": "<p>Kaum ein Zentrum lebt von nur einer Geldquelle. Üblich ist eine Mischung aus "
        "kommunalen Zuschüssen, Landes- und Bundesprogrammen, Teilnahmebeiträgen, Spenden und "
        "Einnahmen aus dem Café.</p>",
        "children": [
            {
                "key": "haushalt",
                "title": "Der Haushaltsplan",
                "intro": "Ein Jahr in Zahlen – ehrlich geplant.",
                "body": "<p>Ein guter Haushaltsplan trennt feste Kosten (Miete, Personal, "
                "Versicherungen) von Projektkosten. Rechnen Sie Einnahmen vorsichtig und Ausgaben "
                "großzügig; eine Rücklage für drei Monatsmieten gibt Ruhe.</p>",
            },
            {
                "key": "projektfoerderung",
                "title": "Projektförderung",
                "intro": "Anträge stellen, Verwendungsnachweise schreiben.",
                "body": "<p>Projektmittel gibt es für Vorhaben mit Anfang und Ende. Lesen Sie die "
                "Förderrichtlinie zweimal, sprechen Sie vor dem Antrag mit der Förderstelle und "
                "planen Sie den Verwendungsnachweis gleich mit.</p>",
            },
            {
                "key": "fundraising",
                "title": "Spenden und Fundraising",
                "intro": "Menschen und Betriebe vor Ort für das Zentrum gewinnen.",
                "body": "<p>Die meisten Spenden kommen aus der Nachbarschaft. Erzählen Sie "
                "konkret, was mit dem Geld geschieht, und bedanken Sie sich zeitnah – "
                "persönlich, wenn es geht.</p>",
            },
        ],
    },
    {
        "key": "treff",
        "title": "Der offene Treff",
        "intro": "Das Herz des Zentrums: ein Café mit Gastgeberin, in das alle ohne Anmeldung "
        "kommen können.",
        "body": "<p>Im offenen Treff begegnen sich Menschen, die sich sonst nicht treffen würden. "
        "Eine Gastgeberin begrüßt, stellt vor und merkt, wer Unterstützung braucht. Sie ist "
        "keine Bedienung, sondern die Gastgeberin eines Wohnzimmers für den Stadtteil.</p>",
        "links": [
            (
                "Lebensmittelhygiene für Vereine und Ehrenamtliche",
                "https://www.verbraucherzentrale.nrw/",
                "Hinweise der Verbraucherzentrale NRW.",
            ),
        ],
    },
    {
        "key": "kinderbetreuung",
        "title": "Kinderbetreuung",
        "intro": "Betreuung während Kursen und Beratung: verlässlich, sicher, "
        "mit klaren Absprachen.",
        "body": "<p>Viele Eltern können Angebote nur nutzen, wenn ihre Kinder in der Zeit gut "
        "aufgehoben sind. Eine kurzzeitige Betreuung im Haus braucht geschulte Betreuungspersonen, "
        "ein erweitertes Führungszeugnis und eine schriftliche Vereinbarung mit den Eltern.</p>",
    },
    {
        "key": "beratung",
        "title": "Beratung und Begleitung",
        "intro": "Offene Sprechstunden, Lotsendienste und der Weg zu Fachstellen.",
        "body": "<p>Zentren beraten niedrigschwellig: beim Ausfüllen von Anträgen, bei Fragen zu "
        "Erziehung oder Pflege, beim Ankommen in einer neuen Stadt. Wichtig ist zu wissen, wo die "
        "eigene Beratung endet und an welche Fachstelle Sie weitervermitteln.</p>",
    },
    {
        "key": "ehrenamt",
        "title": "Ehrenamt",
        "intro": "Freiwillige gewinnen, begleiten und ihnen danken.",
        "body": "<p>Ehrenamtliche tragen die meisten Zentren. Sie brauchen eine feste "
        "Ansprechperson, klare Aufgaben und Anerkennung. Eine schriftliche Vereinbarung klärt "
        "Versicherung, Auslagenersatz und Verschwiegenheit.</p>",
    },
    {
        "key": "oeffentlichkeit",
        "title": "Öffentlichkeitsarbeit",
        "intro": "Presse, Aushang, soziale Netzwerke: zeigen, was im Zentrum los ist.",
        "body": "<p>Die beste Werbung sind zufriedene Besucherinnen und Besucher. Presse, "
        "Plakate und soziale Netzwerke helfen, dass auch die anderen davon erfahren. Legen Sie "
        "fest, wer im Namen des Zentrums spricht und schreibt.</p>",
    },
    {
        "key": "digital",
        "title": "Digitale Werkzeuge",
        "intro": "Kalender, Videokonferenz, Datenschutz: digitale Helfer für kleine Teams.",
        "body": "<p>Ein gemeinsamer Kalender, ein sicherer Ort für Dateien und ein Werkzeug für "
        "Videotreffen reichen den meisten Zentren. Wählen Sie Dienste mit Sitz in der EU und "
        "schließen Sie einen Vertrag zur Auftragsverarbeitung ab.</p>",
    },
    {
        "key": "intern",
        "title": "Für Mitglieder: Arbeitshilfen des Landesverbandes",
        "intro": "Interne Unterlagen für die Mitgliedszentren.",
        "body": "<p>In diesem Kapitel stellt der Landesverband seinen Mitgliedern Unterlagen "
        "zur Verfügung, die nicht öffentlich sind: Orientierungswerte für Honorare, Übersichten "
        "über Fördermittel des Verbandes und Leitfäden für die Vereinsführung.</p>",
        "members_only": True,
    },
]

# kind: pdf (default), docx or odt. The PDFs are generated from these paragraphs.
DOCUMENTS = [
    {
        "chapter": "verein",
        "title": "Mustersatzung für einen Mütterzentrum e.V.",
        "filename": "mustersatzung-muetterzentrum.pdf",
        "category": "law",
        "description": "Eine Satzung zum Anpassen, mit den Zwecken, die das Finanzamt für "
        "die Gemeinnützigkeit erwartet.",
        "paragraphs": [
            "§ 1 Name und Sitz. Der Verein führt den Namen „Mütterzentrum Musterstadt“. Er soll "
            "in das Vereinsregister eingetragen werden; danach lautet der Name "
            "„Mütterzentrum Musterstadt e.V.“.",
            "§ 2 Zweck. Zweck des Vereins ist die Förderung der Jugend- und Altenhilfe, der "
            "Erziehung und des bürgerschaftlichen Engagements. Der Satzungszweck wird "
            "verwirklicht insbesondere durch einen offenen Treffpunkt für alle Generationen, "
            "Kinderbetreuung, Beratung und Bildungsangebote.",
            "§ 3 Selbstlosigkeit. Der Verein ist selbstlos tätig; er verfolgt nicht in erster "
            "Linie eigenwirtschaftliche Zwecke. Mittel des Vereins dürfen nur für die "
            "satzungsmäßigen Zwecke verwendet werden.",
            "§ 4 Mitgliedschaft. Mitglied kann jede natürliche und juristische Person werden, "
            "die die Ziele des Vereins unterstützt. Über den Aufnahmeantrag entscheidet der "
            "Vorstand.",
            "§ 5 Organe. Organe des Vereins sind die Mitgliederversammlung und der Vorstand.",
        ],
        "pages": 2,
    },
    {
        "chapter": "verein",
        "title": "Checkliste Vereinsgründung",
        "filename": "checkliste-vereinsgruendung.pdf",
        "category": "checklist",
        "description": "Schritt für Schritt von der Idee bis zur Eintragung.",
        "paragraphs": [
            "1. Mindestens sieben Gründungsmitglieder finden.",
            "2. Satzung entwerfen und vom Finanzamt vorab prüfen lassen.",
            "3. Zur Gründungsversammlung schriftlich einladen.",
            "4. Gründungsversammlung abhalten, Satzung beschließen, Vorstand wählen, Protokoll "
            "unterschreiben lassen.",
            "5. Anmeldung zum Vereinsregister notariell beglaubigen lassen und einreichen.",
            "6. Bankkonto eröffnen, Freistellungsbescheid beim Finanzamt beantragen.",
        ],
    },
    {
        "chapter": "verein",
        "title": "Vorlage: Einladung zur Mitgliederversammlung",
        "filename": "einladung-mitgliederversammlung.docx",
        "kind": "docx",
        "category": "template",
        "description": "Zum Bearbeiten in Word oder LibreOffice: Einladung mit Tagesordnung.",
        "paragraphs": [
            "Einladung zur ordentlichen Mitgliederversammlung",
            "Liebe Mitglieder, hiermit laden wir Sie herzlich zur Mitgliederversammlung ein.",
            "Tagesordnung: Begrüßung, Bericht des Vorstands, Kassenbericht, Bericht der "
            "Kassenprüferinnen, Entlastung des Vorstands, Wahlen, Verschiedenes.",
            "Anträge zur Tagesordnung senden Sie bitte bis eine Woche vorher an den Vorstand.",
        ],
    },
    {
        "chapter": "verein",
        "title": "Vorlage: Protokoll einer Vorstandssitzung",
        "filename": "protokoll-vorstandssitzung.odt",
        "kind": "odt",
        "category": "template",
        "description": "Protokollvorlage im OpenDocument-Format mit Feldern für Beschlüsse.",
        "paragraphs": [
            "Protokoll der Vorstandssitzung",
            "Datum, Ort, Beginn und Ende der Sitzung. Anwesend. Entschuldigt.",
            "Beschlüsse: Wortlaut des Beschlusses, Abstimmungsergebnis (dafür, dagegen, "
            "Enthaltungen).",
            "Protokollführung und Sitzungsleitung unterschreiben das Protokoll.",
        ],
    },
    {
        "chapter": "gemeinnuetzigkeit",
        "title": "Merkblatt Gemeinnützigkeit",
        "filename": "merkblatt-gemeinnuetzigkeit.pdf",
        "category": "guide",
        "description": "Was gemeinnützige Vereine dürfen, was sie müssen und was sie gefährdet.",
        "paragraphs": [
            "Gemeinnützige Vereine müssen ihre Mittel zeitnah verwenden, in der Regel bis zum "
            "Ende des übernächsten Jahres nach dem Zufluss.",
            "Zuwendungsbestätigungen dürfen nur für Spenden und Mitgliedsbeiträge ausgestellt "
            "werden, nicht für Kursgebühren oder Eintrittsgelder.",
            "Ein wirtschaftlicher Geschäftsbetrieb wie das Café ist erlaubt; bis zu einer "
            "Umsatzgrenze bleibt er steuerfrei.",
        ],
    },
    {
        "chapter": "haushalt",
        "title": "Beispiel-Haushaltsplan für ein Zentrum",
        "filename": "beispiel-haushaltsplan.pdf",
        "category": "template",
        "description": "Ein Jahresplan mit typischen Einnahmen und Ausgaben eines mittelgroßen "
        "Zentrums.",
        "paragraphs": [
            "Einnahmen: Zuschuss der Kommune, Landesförderung Familienzentrum, Teilnahmebeiträge, "
            "Café-Umsätze, Spenden und Mitgliedsbeiträge.",
            "Ausgaben: Miete und Nebenkosten, Personalkosten der Koordination, Honorare für "
            "Kursleitungen, Aufwandsentschädigungen, Versicherungen, Material.",
            "Tipp: Legen Sie jeden Monat einen festen Betrag für die Instandhaltungsrücklage "
            "zurück.",
        ],
    },
    {
        "chapter": "projektfoerderung",
        "title": "Förderwegweiser für Familienzentren in NRW",
        "filename": "foerderwegweiser-nrw.pdf",
        "category": "guide",
        "description": "Welche Förderstellen es gibt und wie ein Antrag aufgebaut ist.",
        "paragraphs": [
            "Ein Antrag beschreibt die Ausgangslage, die Ziele, die Zielgruppe, die Maßnahmen, "
            "den Zeitplan und den Finanzierungsplan.",
            "Der Verwendungsnachweis besteht aus einem Sachbericht und einem zahlenmäßigen "
            "Nachweis; bewahren Sie alle Belege zehn Jahre auf.",
            "Stiftungen fördern oft kleinere Vorhaben unbürokratisch; fragen Sie bei "
            "Bürgerstiftungen in Ihrer Stadt nach.",
        ],
        "pages": 2,
    },
    {
        "chapter": "projektfoerderung",
        "title": "Fördermittel des Landesverbandes 2026",
        "filename": "verbandsmittel-2026.pdf",
        "category": "report",
        "description": "Übersicht über die Mittel, die der Landesverband an Mitgliedszentren "
        "weitergibt.",
        "paragraphs": [
            "Der Landesverband gibt in diesem Jahr Mittel für Ehrenamtsqualifizierung und "
            "digitale Ausstattung an die Mitgliedszentren weiter.",
            "Anträge sind formlos bis zum 31. März an die Geschäftsstelle zu richten; die "
            "Weiterleitungsquote liegt bei höchstens 3.000 Euro je Zentrum.",
        ],
        "members_only": True,
    },
    {
        "chapter": "fundraising",
        "title": "Leitfaden: Spendenbriefe, die ankommen",
        "filename": "leitfaden-spendenbriefe.pdf",
        "category": "guide",
        "description": "Aufbau, Ton und Zeitpunkt eines Spendenbriefs – mit Beispiel.",
        "paragraphs": [
            "Ein guter Spendenbrief erzählt von einem Menschen, nicht von einer Einrichtung.",
            "Nennen Sie einen konkreten Betrag und was er bewirkt: 25 Euro bezahlen einen "
            "Nachmittag Kinderbetreuung während des Sprachkurses.",
            "Die beste Zeit für Spendenbriefe ist der Herbst; danken Sie jeder Spenderin "
            "innerhalb von zwei Wochen.",
        ],
    },
    {
        "chapter": "treff",
        "title": "Gastgeberin im offenen Treff",
        "filename": "leitfaden-gastgeberin.pdf",
        "category": "guide",
        "description": "Die Rolle der Gastgeberin: begrüßen, verbinden, weitervermitteln.",
        "paragraphs": [
            "Die Gastgeberin ist die erste Ansprechperson für alle, die zum ersten Mal kommen. "
            "Sie begrüßt, erklärt das Haus und stellt Menschen einander vor.",
            "Sie achtet darauf, dass niemand allein am Tisch sitzt, der es nicht möchte.",
            "Fragen, die sie nicht beantworten kann, gibt sie an die Beratung weiter.",
        ],
    },
    {
        "chapter": "treff",
        "title": "Hygiene-Checkliste für das Café",
        "filename": "hygiene-checkliste-cafe.pdf",
        "category": "checklist",
        "description": "Was täglich, wöchentlich und monatlich zu tun ist.",
        "paragraphs": [
            "Täglich: Arbeitsflächen reinigen, Geschirr bei mindestens 60 Grad spülen, "
            "die Kühlschranktemperatur ablesen und eintragen (höchstens 7 Grad).",
            "Wöchentlich: Vorräte auf Haltbarkeit prüfen, Lappen und Handtücher wechseln.",
            "Mitgebrachte Kuchen nur ohne rohe Eier annehmen und mit Zutaten beschriften.",
        ],
    },
    {
        "chapter": "kinderbetreuung",
        "title": "Vereinbarung zur Kinderbetreuung",
        "filename": "vereinbarung-kinderbetreuung.pdf",
        "category": "form",
        "description": "Formular für Eltern: Abholberechtigte, Allergien, Notfallnummer.",
        "paragraphs": [
            "Name des Kindes, Geburtsdatum, Name der Eltern und eine Telefonnummer, unter der "
            "sie während der Betreuung erreichbar sind.",
            "Wer darf das Kind abholen? Gibt es Allergien oder Unverträglichkeiten?",
            "Die Eltern bleiben während des Angebots im Haus und sind bei Bedarf sofort "
            "erreichbar.",
        ],
    },
    {
        "chapter": "beratung",
        "title": "Datenschutz in der Beratung",
        "filename": "datenschutz-beratung.pdf",
        "category": "guide",
        "description": "Welche Daten Sie aufschreiben dürfen und wie Sie sie schützen.",
        "paragraphs": [
            "Notieren Sie nur, was Sie für die Beratung brauchen. Für Gesundheitsdaten "
            "brauchen Sie eine ausdrückliche Einwilligung.",
            "Unterlagen gehören in einen abschließbaren Schrank; digitale Notizen auf ein "
            "verschlüsseltes Gerät.",
            "Löschen Sie Aufzeichnungen, wenn die Beratung abgeschlossen ist und keine "
            "Aufbewahrungspflicht besteht.",
        ],
    },
    {
        "chapter": "ehrenamt",
        "title": "Muster: Vereinbarung mit Ehrenamtlichen",
        "filename": "ehrenamtsvereinbarung.pdf",
        "category": "template",
        "description": "Aufgaben, Ansprechperson, Versicherung und Auslagen schriftlich "
        "festhalten.",
        "paragraphs": [
            "Frau/Herr … engagiert sich ehrenamtlich im Zentrum, und zwar in folgendem Bereich: …",
            "Ansprechperson im Zentrum ist … Ehrenamtliche sind über die Sammelversicherung "
            "des Landes unfall- und haftpflichtversichert.",
            "Auslagen werden gegen Beleg erstattet. Die Vereinbarung kann jederzeit beendet "
            "werden.",
        ],
    },
    {
        "chapter": "oeffentlichkeit",
        "title": "Eine Pressemitteilung schreiben",
        "filename": "pressemitteilung-schreiben.pdf",
        "category": "guide",
        "description": "Die W-Fragen, eine starke Überschrift und ein Foto mit Bildrechten.",
        "paragraphs": [
            "Beantworten Sie im ersten Absatz: Wer, was, wann, wo, warum?",
            "Schreiben Sie kurze Sätze und zitieren Sie eine Person aus dem Zentrum.",
            "Schicken Sie die Mitteilung eine Woche vor dem Termin an die Lokalredaktion und "
            "rufen Sie zwei Tage vorher noch einmal an.",
        ],
    },
    {
        "chapter": "intern",
        "title": "Orientierungswerte für Honorare 2026",
        "filename": "honorare-2026.pdf",
        "category": "report",
        "description": "Empfehlungen des Landesverbandes für Honorare von Kursleitungen und "
        "Referentinnen.",
        "paragraphs": [
            "Für Kursleitungen empfiehlt der Landesverband einen Stundensatz zwischen 30 und "
            "45 Euro, je nach Qualifikation und Vorbereitungsaufwand.",
            "Für Vorträge und Fachtage gilt eine Honorarobergrenze von 600 Euro je Tag "
            "zuzüglich Reisekosten.",
        ],
        "members_only": True,
    },
    {
        "chapter": "intern",
        "title": "Leitfaden Kassenprüfung",
        "filename": "leitfaden-kassenpruefung.pdf",
        "category": "guide",
        "description": "Was Kassenprüferinnen prüfen und wie sie berichten.",
        "paragraphs": [
            "Die Kassenprüfung umfasst die Vollständigkeit der Belege, die rechnerische "
            "Richtigkeit und die satzungsgemäße Verwendung der Mittel.",
            "Der Prüfbericht wird der Mitgliederversammlung vorgetragen und ist Grundlage "
            "für die Entlastung des Vorstands.",
        ],
        "members_only": True,
    },
]
