<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppPaths</name>
    <message>
        <source>%1 exists and is not a folder.</source>
        <translation>%1 existiert und ist kein Ordner.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>AuditedSettings</name>
    <message>
        <source>%1 is a secret and is not stored</source>
        <translation>%1 ist geheim und wird nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Try &apos;%1 --help&apos; for more information.</source>
        <translation>Weitere Informationen mit &apos;%1 --help&apos;.</translation>
    </message>
    <message>
        <source>FILE is the response to operation NAME, e.g. EnumerateInstances, GetClass, InvokeMethod (case-insensitive).</source>
        <translation>FILE ist die Antwort auf die Operation NAME, z. B. EnumerateInstances, GetClass, InvokeMethod (ohne Beachtung der Groß-/Kleinschreibung).</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>FILE is a request (intrinsic, extrinsic or export); its operation is read from it.</source>
        <translation>FILE ist eine Anfrage (intrinsisch, extrinsisch oder Export); ihre Operation wird daraus gelesen.</translation>
    </message>
    <message>
        <source>Print JSON instead of MOF-like text.</source>
        <translation>JSON statt MOF-ähnlichem Text ausgeben.</translation>
    </message>
    <message>
        <source>Decode a captured CIM-XML message.</source>
        <translation>Eine mitgeschnittene CIM-XML-Nachricht dekodieren.</translation>
    </message>
    <message>
        <source>The captured message; - reads standard input.</source>
        <translation>Die mitgeschnittene Nachricht; - liest die Standardeingabe.</translation>
    </message>
    <message>
        <source>FILE is missing (give - to read standard input).</source>
        <translation>FILE fehlt (geben Sie - an, um die Standardeingabe zu lesen).</translation>
    </message>
    <message>
        <source>one FILE at a time, got %1: %2</source>
        <translation>nur eine FILE auf einmal, erhalten %1: %2</translation>
    </message>
    <message>
        <source>--request reads the operation from the document; leave out --operation.</source>
        <translation>--request liest die Operation aus dem Dokument; lassen Sie --operation weg.</translation>
    </message>
    <message>
        <source>--operation NAME is required: a response does not say which operation it answers (or give --request to decode a request).</source>
        <translation>--operation NAME ist erforderlich: Eine Antwort sagt nicht, auf welche Operation sie antwortet (oder geben Sie --request an, um eine Anfrage zu dekodieren).</translation>
    </message>
    <message>
        <source>unknown operation &quot;%1&quot;. Replies to extrinsic methods such as RequestStateChange are InvokeMethod. Valid operations:
%2</source>
        <translation>unbekannte Operation „%1“. Antworten auf extrinsische Methoden wie RequestStateChange sind InvokeMethod. Gültige Operationen:
%2</translation>
    </message>
    <message>
        <source>Password: </source>
        <translation>Passwort: </translation>
    </message>
    <message>
        <source>CIM ticket: </source>
        <translation>CIM-Ticket: </translation>
    </message>
    <message>
        <source>cimdiag-cli: warning: cannot write the audit trail: %1</source>
        <translation>cimdiag-cli: Warnung: Audit-Trail kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Command-line tools of cimdiag, the CIM/WBEM connection diagnostics.

Commands:
  check    diagnose the connection to a CIM server, stage by stage
  decode   decode a captured CIM-XML response or request and print it
  listen   run an indication listener and print what arrives
  audit    show or verify the audit trail, or switch it on or off
  discover find WBEM servers that advertise themselves over SLP

Run &apos;cimdiag-cli COMMAND --help&apos; for a command&apos;s options.</source>
        <translation>Kommandozeilenwerkzeuge von cimdiag, der Diagnose für CIM/WBEM-Verbindungen.

Befehle:
  check    die Verbindung zu einem CIM-Server Stufe für Stufe diagnostizieren
  decode   eine mitgeschnittene CIM-XML-Antwort oder -Anfrage dekodieren und ausgeben
  listen   einen Indication-Listener betreiben und Eingehendes ausgeben
  audit    den Audit-Trail anzeigen, prüfen oder ein- und ausschalten
  discover WBEM-Server finden, die sich über SLP ankündigen

&apos;cimdiag-cli COMMAND --help&apos; zeigt die Optionen eines Befehls.</translation>
    </message>
    <message>
        <source>The command to run: %1.</source>
        <translation>Der auszuführende Befehl: %1.</translation>
    </message>
    <message>
        <source>The command&apos;s options and arguments.</source>
        <translation>Optionen und Argumente des Befehls.</translation>
    </message>
    <message>
        <source>no command given; the commands are: %1.</source>
        <translation>kein Befehl angegeben; die Befehle sind: %1.</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; the commands are: %2.</source>
        <translation>unbekannter Befehl „%1“; die Befehle sind: %2.</translation>
    </message>
</context>
<context>
    <name>CliAuditCommand</name>
    <message>
        <source>Show, verify and switch the audit trail (%1).

Subcommands:
  show      print the records (--json: as stored, one JSON object per line)
  verify    check the hash chain; exit 0 when intact, 1 with the first bad line
  enable    record the audit trail (the default); --syslog also copies it to syslog
  disable   stop recording (the last record says so)</source>
        <translation>Den Audit-Trail anzeigen, prüfen und schalten (%1).

Unterbefehle:
  show      die Einträge ausgeben (--json: wie gespeichert, ein JSON-Objekt pro Zeile)
  verify    die Hash-Kette prüfen; Exit 0, wenn intakt, 1 mit der ersten fehlerhaften Zeile
  enable    den Audit-Trail aufzeichnen (Vorgabe); --syslog kopiert ihn auch ins Syslog
  disable   die Aufzeichnung beenden (der letzte Eintrag vermerkt das)</translation>
    </message>
    <message>
        <source>show: print the records as stored.</source>
        <translation>show: die Einträge wie gespeichert ausgeben.</translation>
    </message>
    <message>
        <source>show: only records at or after WHEN (ISO 8601 date or date-time, or 30m, 12h, 7d).</source>
        <translation>show: nur Einträge ab WHEN (ISO-8601-Datum oder -Zeitpunkt, oder 30m, 12h, 7d).</translation>
    </message>
    <message>
        <source>WHEN</source>
        <translation>WHEN</translation>
    </message>
    <message>
        <source>The trail to read (default: %1).</source>
        <translation>Der zu lesende Audit-Trail (Vorgabe: %1).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>enable: also copy every record to syslog.</source>
        <translation>enable: zusätzlich jeden Eintrag ins Syslog kopieren.</translation>
    </message>
    <message>
        <source>enable: stop copying to syslog.</source>
        <translation>enable: das Kopieren ins Syslog beenden.</translation>
    </message>
    <message>
        <source>Work with the audit trail.</source>
        <translation>Mit dem Audit-Trail arbeiten.</translation>
    </message>
    <message>
        <source>show, verify, enable or disable.</source>
        <translation>show, verify, enable oder disable.</translation>
    </message>
    <message>
        <source>Try &apos;cimdiag-cli audit --help&apos; for more information.</source>
        <translation>Weitere Informationen mit &apos;cimdiag-cli audit --help&apos;.</translation>
    </message>
    <message>
        <source>give one subcommand: show, verify, enable or disable.</source>
        <translation>geben Sie einen Unterbefehl an: show, verify, enable oder disable.</translation>
    </message>
    <message>
        <source>%1: no audit trail yet (nothing to verify)</source>
        <translation>%1: noch kein Audit-Trail (nichts zu prüfen)</translation>
    </message>
    <message>
        <source>%1: valid, %2 records in an intact chain</source>
        <translation>%1: gültig, %2 Einträge in einer intakten Kette</translation>
    </message>
    <message>
        <source>%1:%2: broken: %3</source>
        <translation>%1:%2: unterbrochen: %3</translation>
    </message>
    <message>
        <source>Records before it in an intact chain: %1.</source>
        <translation>Einträge davor in intakter Kette: %1.</translation>
    </message>
    <message>
        <source>--since: &quot;%1&quot; is neither a date, a date-time nor a span like 12h</source>
        <translation>--since: „%1“ ist weder ein Datum noch ein Zeitpunkt noch eine Spanne wie 12h</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>--syslog and --no-syslog exclude each other.</source>
        <translation>--syslog und --no-syslog schließen sich gegenseitig aus.</translation>
    </message>
    <message>
        <source>The audit trail is on (%1).</source>
        <translation>Der Audit-Trail ist eingeschaltet (%1).</translation>
    </message>
    <message>
        <source>The audit trail is off.</source>
        <translation>Der Audit-Trail ist ausgeschaltet.</translation>
    </message>
    <message>
        <source>unknown subcommand &quot;%1&quot;; the subcommands are: show, verify, enable, disable.</source>
        <translation>unbekannter Unterbefehl „%1“; die Unterbefehle sind: show, verify, enable, disable.</translation>
    </message>
</context>
<context>
    <name>CliCheckCommand</name>
    <message>
        <source>cannot write the report %1: %2</source>
        <translation>der Bericht %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Interop namespace %1: removed %n cimdiag object(s)
</source>
        <translation>
            <numerusform>Interop-Namensraum %1: %n cimdiag-Objekt entfernt
</numerusform>
            <numerusform>Interop-Namensraum %1: %n cimdiag-Objekte entfernt
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CliCheckOptions</name>
    <message>
        <source>--password is not accepted: a password given as an argument shows in the process list, the shell history and audit logs. Use --password-stdin (reads one line from standard input) or --password-env VAR (reads the environment variable VAR).</source>
        <translation>--password wird nicht akzeptiert: Ein als Argument übergebenes Passwort erscheint in der Prozessliste, im Shell-Verlauf und in Audit-Protokollen. Verwenden Sie --password-stdin (liest eine Zeile von der Standardeingabe) oder --password-env VAR (liest die Umgebungsvariable VAR).</translation>
    </message>
    <message>
        <source>The user for HTTP Basic authentication.</source>
        <translation>Der Benutzer für HTTP-Basic-Authentifizierung.</translation>
    </message>
    <message>
        <source>USER</source>
        <translation>USER</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation>Das Passwort aus der ersten Zeile der Standardeingabe lesen.</translation>
    </message>
    <message>
        <source>Read the password from environment variable VAR.</source>
        <translation>Das Passwort aus der Umgebungsvariable VAR lesen.</translation>
    </message>
    <message>
        <source>VAR</source>
        <translation>VAR</translation>
    </message>
    <message>
        <source>Read a VMware ESXi CIM ticket (AcquireCimServicesTicket) from the first line of standard input.</source>
        <translation>Ein VMware-ESXi-CIM-Ticket (AcquireCimServicesTicket) aus der ersten Zeile der Standardeingabe lesen.</translation>
    </message>
    <message>
        <source>Read an ESXi CIM ticket from environment variable VAR.</source>
        <translation>Ein ESXi-CIM-Ticket aus der Umgebungsvariable VAR lesen.</translation>
    </message>
    <message>
        <source>Trust the CA certificates in PATH (a PEM file, or a directory of them) instead of the system store.</source>
        <translation>Den CA-Zertifikaten in PATH (eine PEM-Datei oder ein Verzeichnis davon) statt dem Systemspeicher vertrauen.</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PATH</translation>
    </message>
    <message>
        <source>2-way TLS: the client certificate (PEM).</source>
        <translation>2-Wege-TLS: das Client-Zertifikat (PEM).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>2-way TLS: the client certificate&apos;s private key (PEM).</source>
        <translation>2-Wege-TLS: der private Schlüssel des Client-Zertifikats (PEM).</translation>
    </message>
    <message>
        <source>Continue past this certificate verification error (repeatable): %1.</source>
        <translation>Trotz dieses Zertifikatsprüfungsfehlers fortfahren (wiederholbar): %1.</translation>
    </message>
    <message>
        <source>ERR</source>
        <translation>ERR</translation>
    </message>
    <message>
        <source>Accept the server certificate whose SHA-256 fingerprint is HEX (64 hex digits, colons allowed), whatever verification says; any other certificate fails.</source>
        <translation>Das Serverzertifikat mit dem SHA-256-Fingerabdruck HEX (64 Hexziffern, Doppelpunkte erlaubt) unabhängig vom Prüfergebnis akzeptieren; jedes andere Zertifikat scheitert.</translation>
    </message>
    <message>
        <source>HEX</source>
        <translation>HEX</translation>
    </message>
    <message>
        <source>Do not check that the certificate names the host.</source>
        <translation>Nicht prüfen, ob das Zertifikat den Host nennt.</translation>
    </message>
    <message>
        <source>Namespace of the sample enumerate (default: chosen from the server&apos;s namespaces).</source>
        <translation>Namensraum der Beispielenumeration (Vorgabe: aus den Namensräumen des Servers gewählt).</translation>
    </message>
    <message>
        <source>NS</source>
        <translation>NS</translation>
    </message>
    <message>
        <source>Class of the sample enumerate (default: CIM_ComputerSystem).</source>
        <translation>Klasse der Beispielenumeration (Vorgabe: CIM_ComputerSystem).</translation>
    </message>
    <message>
        <source>CLASS</source>
        <translation>CLASS</translation>
    </message>
    <message>
        <source>Probe this interop namespace (repeatable; replaces the default list %1).</source>
        <translation>Diesen Interop-Namensraum testen (wiederholbar; ersetzt die Standardliste %1).</translation>
    </message>
    <message>
        <source>Limit of each network step (TCP connect, TLS handshake, one HTTP exchange) in seconds; decimals allowed (default 10).</source>
        <translation>Grenze jedes Netzwerkschritts (TCP-Verbindung, TLS-Handshake, ein HTTP-Austausch) in Sekunden; Dezimalzahlen erlaubt (Vorgabe 10).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDS</translation>
    </message>
    <message>
        <source>Run only this stage (repeatable or comma-separated): %1.</source>
        <translation>Nur diese Stufe ausführen (wiederholbar oder kommagetrennt): %1.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Print the results as JSON (docs/check-json-schema.md) and nothing else on standard output.</source>
        <translation>Die Ergebnisse als JSON (docs/check-json-schema.md) und sonst nichts auf der Standardausgabe ausgeben.</translation>
    </message>
    <message>
        <source>Also write a report to FILE, in the format its extension names: .json (docs/report-json.md), .html or .htm, .md, .txt.</source>
        <translation>Zusätzlich einen Bericht in FILE schreiben, im Format der Dateiendung: .json (docs/report-json.md), .html oder .htm, .md, .txt.</translation>
    </message>
    <message>
        <source>Stream these log channels to standard error as they happen: ops, http, check (comma-separated).</source>
        <translation>Diese Protokollkanäle laufend auf die Standardfehlerausgabe schreiben: ops, http, check (kommagetrennt).</translation>
    </message>
    <message>
        <source>CHANNELS</source>
        <translation>CHANNELS</translation>
    </message>
    <message>
        <source>No progress and no per-stage lines: only the summary.</source>
        <translation>Kein Fortschritt und keine Zeilen pro Stufe: nur die Zusammenfassung.</translation>
    </message>
    <message>
        <source>The summary shows the details and evidence of every stage.</source>
        <translation>Die Zusammenfassung zeigt Details und Belege jeder Stufe.</translation>
    </message>
    <message>
        <source>No colours on a terminal (the NO_COLOR variable does the same).</source>
        <translation>Keine Farben im Terminal (die Variable NO_COLOR bewirkt dasselbe).</translation>
    </message>
    <message>
        <source>Check every target in FILE (one URL or host[:port] a line; # comments) and print one JSON line per target as it finishes.</source>
        <translation>Jedes Ziel in FILE prüfen (eine URL oder host[:port] pro Zeile; #-Kommentare) und pro Ziel nach Abschluss eine JSON-Zeile ausgeben.</translation>
    </message>
    <message>
        <source>With --hosts: how many targets to check at once (1-%1, default %2).</source>
        <translation>Mit --hosts: wie viele Ziele gleichzeitig geprüft werden (1-%1, Vorgabe %2).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Also run the SLP discovery stage: ask the target&apos;s SLP agent (UDP 427) for service:wbem and, unless the target is on loopback, multicast the query (--stage slp does the same).</source>
        <translation>Auch die SLP-Suchstufe ausführen: den SLP-Agenten des Ziels (UDP 427) nach service:wbem fragen und, sofern das Ziel nicht auf Loopback liegt, die Abfrage per Multicast senden (--stage slp tut dasselbe).</translation>
    </message>
    <message>
        <source>The target&apos;s SLP port for --slp (default 427; another port turns the multicast query off).</source>
        <translation>Der SLP-Port des Ziels für --slp (Vorgabe 427; ein anderer Port schaltet die Multicast-Abfrage ab).</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORT</translation>
    </message>
    <message>
        <source>Diagnose the connection to a CIM server.</source>
        <translation>Die Verbindung zu einem CIM-Server diagnostizieren.</translation>
    </message>
    <message>
        <source>https://host:5989, http://host:5988, host:port or host (https, port 5989).</source>
        <translation>https://host:5989, http://host:5988, host:port oder host (https, Port 5989).</translation>
    </message>
    <message>
        <source>--hosts needs a FILE.</source>
        <translation>--hosts braucht eine FILE.</translation>
    </message>
    <message>
        <source>give either a TARGET or --hosts FILE, not both (got %1).</source>
        <translation>geben Sie entweder ein TARGET oder --hosts FILE an, nicht beides (erhalten: %1).</translation>
    </message>
    <message>
        <source>--hosts %1: not a readable file.</source>
        <translation>--hosts %1: keine lesbare Datei.</translation>
    </message>
    <message>
        <source>--report writes one target&apos;s results; with --hosts every result is a JSON line on standard output.</source>
        <translation>--report schreibt die Ergebnisse eines Ziels; mit --hosts ist jedes Ergebnis eine JSON-Zeile auf der Standardausgabe.</translation>
    </message>
    <message>
        <source>TARGET is missing: give https://host:5989, host:port or host (or --hosts FILE).</source>
        <translation>TARGET fehlt: Geben Sie https://host:5989, host:port oder host an (oder --hosts FILE).</translation>
    </message>
    <message>
        <source>one TARGET at a time, got %1: %2 (use --hosts FILE for many).</source>
        <translation>nur ein TARGET auf einmal, erhalten %1: %2 (verwenden Sie --hosts FILE für viele).</translation>
    </message>
    <message>
        <source>--parallel only applies to --hosts FILE.</source>
        <translation>--parallel gilt nur für --hosts FILE.</translation>
    </message>
    <message>
        <source>--parallel must be a number from 1 to %1, got &quot;%2&quot;.</source>
        <translation>--parallel muss eine Zahl von 1 bis %1 sein, erhalten: „%2“.</translation>
    </message>
    <message>
        <source>give one password source: --password-stdin or --password-env, not both.</source>
        <translation>geben Sie eine Passwortquelle an: --password-stdin oder --password-env, nicht beide.</translation>
    </message>
    <message>
        <source>give one ticket source: --ticket-stdin or --ticket-env, not both.</source>
        <translation>geben Sie eine Ticketquelle an: --ticket-stdin oder --ticket-env, nicht beide.</translation>
    </message>
    <message>
        <source>a CIM ticket replaces user and password: give either a password or a ticket.</source>
        <translation>ein CIM-Ticket ersetzt Benutzer und Passwort: Geben Sie entweder ein Passwort oder ein Ticket an.</translation>
    </message>
    <message>
        <source>a CIM ticket is sent as its own user name: leave out --user.</source>
        <translation>ein CIM-Ticket wird als eigener Benutzername gesendet: Lassen Sie --user weg.</translation>
    </message>
    <message>
        <source>--user needs a password: --password-stdin or --password-env VAR.</source>
        <translation>--user braucht ein Passwort: --password-stdin oder --password-env VAR.</translation>
    </message>
    <message>
        <source>a password needs --user USER.</source>
        <translation>ein Passwort braucht --user USER.</translation>
    </message>
    <message>
        <source>standard input is empty: --%1-stdin reads the %1 from its first line.</source>
        <translation>die Standardeingabe ist leer: --%1-stdin liest %1 aus ihrer ersten Zeile.</translation>
    </message>
    <message>
        <source>the first line of standard input is empty: --%1-stdin reads the %1 from it.</source>
        <translation>die erste Zeile der Standardeingabe ist leer: --%1-stdin liest %1 daraus.</translation>
    </message>
    <message>
        <source>--%1-env needs the name of an environment variable.</source>
        <translation>--%1-env braucht den Namen einer Umgebungsvariable.</translation>
    </message>
    <message>
        <source>environment variable %1 (from --%2-env) is not set.</source>
        <translation>Umgebungsvariable %1 (aus --%2-env) ist nicht gesetzt.</translation>
    </message>
    <message>
        <source>environment variable %1 (from --%2-env) is empty.</source>
        <translation>Umgebungsvariable %1 (aus --%2-env) ist leer.</translation>
    </message>
    <message>
        <source>--user needs a user name.</source>
        <translation>--user braucht einen Benutzernamen.</translation>
    </message>
    <message>
        <source>--ca %1: no such readable file or directory.</source>
        <translation>--ca %1: keine lesbare Datei und kein lesbares Verzeichnis.</translation>
    </message>
    <message>
        <source>2-way TLS needs both --client-cert FILE and --client-key FILE.</source>
        <translation>2-Wege-TLS braucht sowohl --client-cert FILE als auch --client-key FILE.</translation>
    </message>
    <message>
        <source>--%1 %2: not a readable file.</source>
        <translation>--%1 %2: keine lesbare Datei.</translation>
    </message>
    <message>
        <source>unknown --accept-tls-error &quot;%1&quot;; the names are: %2.</source>
        <translation>unbekannter --accept-tls-error „%1“; die Namen sind: %2.</translation>
    </message>
    <message>
        <source>--pin must be a SHA-256 fingerprint: 64 hex digits, colons allowed (as `openssl x509 -noout -fingerprint -sha256` prints it), got &quot;%1&quot;.</source>
        <translation>--pin muss ein SHA-256-Fingerabdruck sein: 64 Hexziffern, Doppelpunkte erlaubt (wie `openssl x509 -noout -fingerprint -sha256` ihn ausgibt), erhalten: „%1“.</translation>
    </message>
    <message>
        <source>--interop needs a namespace name.</source>
        <translation>--interop braucht einen Namensraumnamen.</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds above 0 and at most 3600 (e.g. 2.5), got &quot;%1&quot;.</source>
        <translation>--timeout muss eine Sekundenzahl über 0 und höchstens 3600 sein (z. B. 2.5), erhalten: „%1“.</translation>
    </message>
    <message>
        <source>unknown --stage &quot;%1&quot;; the stages are: %2.</source>
        <translation>unbekannte --stage „%1“; die Stufen sind: %2.</translation>
    </message>
    <message>
        <source>--slp-port must be a port number from 1 to 65535, got &quot;%1&quot;.</source>
        <translation>--slp-port muss eine Portnummer von 1 bis 65535 sein, erhalten: „%1“.</translation>
    </message>
    <message>
        <source>--report needs a FILE.</source>
        <translation>--report braucht eine FILE.</translation>
    </message>
    <message>
        <source>unknown --log channel &quot;%1&quot;; the channels are: ops, http, check.</source>
        <translation>unbekannter --log-Kanal „%1“; die Kanäle sind: ops, http, check.</translation>
    </message>
    <message>
        <source>Add the indication listener stage: listen here, subscribe on the server (names cimdiag:..., removed afterwards) and wait for an indication.</source>
        <translation>Die Indication-Listener-Stufe hinzufügen: hier lauschen, auf dem Server abonnieren (Namen cimdiag:..., danach entfernt) und auf eine Indication warten.</translation>
    </message>
    <message>
        <source>The listener&apos;s port (default 0: a free one; give a fixed port for a firewall rule).</source>
        <translation>Der Port des Listeners (Vorgabe 0: ein freier Port; geben Sie für eine Firewall-Regel einen festen Port an).</translation>
    </message>
    <message>
        <source>The address or name the server delivers to (default: the local address of the connection to the server).</source>
        <translation>Die Adresse oder der Name, an die der Server zustellt (Vorgabe: die lokale Adresse der Verbindung zum Server).</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADDRESS</translation>
    </message>
    <message>
        <source>How long to wait for an indication, in seconds (default 15).</source>
        <translation>Wie lange auf eine Indication gewartet wird, in Sekunden (Vorgabe 15).</translation>
    </message>
    <message>
        <source>Do not diagnose: remove the filters, destinations and subscriptions named cimdiag: that earlier runs left on the server.</source>
        <translation>Nicht diagnostizieren: die Filter, Ziele und Abonnements namens cimdiag: entfernen, die frühere Läufe auf dem Server hinterlassen haben.</translation>
    </message>
    <message>
        <source>--listener-port must be a number from 0 to 65535, got &quot;%1&quot;.</source>
        <translation>--listener-port muss eine Zahl von 0 bis 65535 sein, erhalten: „%1“.</translation>
    </message>
    <message>
        <source>--listener-wait must be a number of seconds above 0 and at most 3600, got &quot;%1&quot;.</source>
        <translation>--listener-wait muss eine Sekundenzahl über 0 und höchstens 3600 sein, erhalten: „%1“.</translation>
    </message>
    <message>
        <source>--listener-cleanup runs alone against one TARGET (no --listener, no --hosts).</source>
        <translation>--listener-cleanup läuft allein gegen ein TARGET (kein --listener, kein --hosts).</translation>
    </message>
    <message>
        <source>http (default) or https: the listener&apos;s scheme. https serves a self-signed certificate made for this run; a server that verifies listener certificates rejects it (F4).</source>
        <translation>http (Vorgabe) oder https: das Schema des Listeners. https verwendet ein für diesen Lauf erzeugtes selbstsigniertes Zertifikat; ein Server, der Listener-Zertifikate prüft, lehnt es ab (F4).</translation>
    </message>
    <message>
        <source>SCHEME</source>
        <translation>SCHEME</translation>
    </message>
    <message>
        <source>--listener-scheme must be http or https, got &quot;%1&quot;.</source>
        <translation>--listener-scheme muss http oder https sein, erhalten: „%1“.</translation>
    </message>
    <message>
        <source>With --listener-scheme https: serve the PEM certificate (chain) in FILE instead of one made for this run, so the server can be told to trust it for good (F4). Goes with --listener-key.</source>
        <translation>Mit --listener-scheme https: das PEM-Zertifikat (-kette) aus FILE statt eines für diesen Lauf erzeugten verwenden, damit der Server dauerhaft so eingerichtet werden kann, dass er ihm vertraut (F4). Gehört zu --listener-key.</translation>
    </message>
    <message>
        <source>With --listener-cert: the certificate&apos;s unencrypted PEM private key.</source>
        <translation>Zu --listener-cert: der unverschlüsselte private PEM-Schlüssel des Zertifikats.</translation>
    </message>
    <message>
        <source>--listener-port, --listener-address, --listener-scheme, --listener-cert, --listener-key and --listener-wait go with --listener.</source>
        <translation>--listener-port, --listener-address, --listener-scheme, --listener-cert, --listener-key und --listener-wait gehören zu --listener.</translation>
    </message>
    <message>
        <source>--listener-cert FILE and --listener-key FILE go together.</source>
        <translation>--listener-cert FILE und --listener-key FILE gehören zusammen.</translation>
    </message>
    <message>
        <source>--listener-cert and --listener-key go with --listener-scheme https.</source>
        <translation>--listener-cert und --listener-key gehören zu --listener-scheme https.</translation>
    </message>
    <message>
        <source>Diagnoses why a CIM client cannot talk to a CIM server: name resolution, TCP, TLS, HTTP,
authentication, server identity and a sample enumerate, each stage with its verdict, the
evidence and, for problems, the cause and the remedy.

On a terminal each stage shows while it runs; --json prints the results as JSON instead
(schema in docs/check-json-schema.md). A password is never taken as an argument: use
--password-stdin or --password-env VAR.

--listener adds the indication listener stage: it listens on this machine, subscribes on the
server (a filter, a destination and a subscription named cimdiag:&lt;run id&gt;, transient), waits
for an indication and removes what it created, also when interrupted. --listener-scheme https
listens with a self-signed certificate made for the run, or with --listener-cert FILE and
--listener-key FILE with one the server can be told to trust. --listener-cleanup removes what
earlier runs left.

--hosts FILE checks many targets at once (--parallel N) with the same credentials and
TLS options and prints one JSON line per target as it finishes, with &quot;line&quot; its line
in FILE; a line that is not a target gives a JSON line with &quot;error&quot;.

Exit status:
  0    every stage passed
  1    warnings, no failures
  2    a stage failed (with --hosts: some target failed or a line is not a target)
  64   usage error: bad option or value, missing password source
  64   also: --report FILE with an extension other than .json, .html, .htm, .md, .txt
  74   the --report file could not be written
  130  interrupted (SIGINT or SIGTERM); what finished is printed</source>
        <translation>Diagnostiziert, warum ein CIM-Client nicht mit einem CIM-Server kommunizieren kann:
Namensauflösung, TCP, TLS, HTTP, Authentifizierung, Serveridentität und eine
Beispielenumeration, jede Stufe mit ihrem Urteil, den Belegen und bei Problemen mit
Ursache und Abhilfe.

Im Terminal wird jede Stufe während der Ausführung angezeigt; --json gibt die Ergebnisse
stattdessen als JSON aus (Schema in docs/check-json-schema.md). Ein Passwort wird nie als
Argument angenommen: Verwenden Sie --password-stdin oder --password-env VAR.

--listener fügt die Indication-Listener-Stufe hinzu: Sie lauscht auf diesem Computer,
abonniert auf dem Server (ein Filter, ein Ziel und ein Abonnement namens cimdiag:&lt;run id&gt;,
transient), wartet auf eine Indication und entfernt, was sie angelegt hat, auch bei einer
Unterbrechung. --listener-scheme https lauscht mit einem selbstsignierten Zertifikat, das für
den Lauf erzeugt wird, oder mit --listener-cert FILE und --listener-key FILE mit einem
Zertifikat, das sich auf dem Server als vertrauenswürdig hinterlegen lässt. --listener-cleanup
entfernt, was frühere Läufe hinterlassen haben.

--hosts FILE prüft viele Ziele gleichzeitig (--parallel N) mit denselben Anmeldedaten und
TLS-Optionen und gibt pro Ziel nach Abschluss eine JSON-Zeile aus, mit &quot;line&quot; als seiner
Zeile in FILE; eine Zeile, die kein Ziel ist, ergibt eine JSON-Zeile mit &quot;error&quot;.

Exit-Status:
  0    alle Stufen bestanden
  1    Warnungen, keine Fehlschläge
  2    eine Stufe ist fehlgeschlagen (mit --hosts: ein Ziel ist fehlgeschlagen oder eine Zeile ist kein Ziel)
  64   Aufruffehler: falsche Option oder falscher Wert, fehlende Passwortquelle
  64   außerdem: --report FILE mit einer anderen Endung als .json, .html, .htm, .md, .txt
  74   die --report-Datei konnte nicht geschrieben werden
  130  unterbrochen (SIGINT oder SIGTERM); Abgeschlossenes wird ausgegeben</translation>
    </message>
</context>
<context>
    <name>CliCheckPrinter</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>ABGEBROCHEN</translation>
    </message>
    <message>
        <source>PASSED</source>
        <translation>BESTANDEN</translation>
    </message>
    <message>
        <source>PASSED WITH WARNINGS</source>
        <translation>BESTANDEN MIT WARNUNGEN</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>%1 passed</source>
        <translation>%1 bestanden</translation>
    </message>
    <message>
        <source>%1 with warnings</source>
        <translation>%1 mit Warnungen</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>%1 übersprungen</translation>
    </message>
    <message>
        <source>Result: %1 (%2) in %3 ms, %4</source>
        <translation>Ergebnis: %1 (%2) in %3 ms, %4</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>Belege:</translation>
    </message>
    <message>
        <source>(not in the hint catalogue)</source>
        <translation>(nicht im Hinweiskatalog)</translation>
    </message>
    <message>
        <source>Cause: %1</source>
        <translation>Ursache: %1</translation>
    </message>
    <message>
        <source>Remedy: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>To trust exactly this certificate, once its fingerprint matches the one the server shows, add:</source>
        <translation>Um genau diesem Zertifikat zu vertrauen, sobald sein Fingerabdruck mit dem vom Server angezeigten übereinstimmt, fügen Sie hinzu:</translation>
    </message>
    <message>
        <source>The passed stages&apos; details: --verbose, or --json / --report FILE.</source>
        <translation>Details der bestandenen Stufen: --verbose, oder --json / --report FILE.</translation>
    </message>
    <message>
        <source>Checking %1</source>
        <translation>Prüfe %1</translation>
    </message>
    <message>
        <source>as %1</source>
        <translation>als %1</translation>
    </message>
    <message>
        <source>with a CIM ticket</source>
        <translation>mit einem CIM-Ticket</translation>
    </message>
</context>
<context>
    <name>CliDecodeCommand</name>
    <message>
        <source>standard input</source>
        <translation>Standardeingabe</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 ist leer</translation>
    </message>
    <message>
        <source>a CIM-XML request</source>
        <translation>eine CIM-XML-Anfrage</translation>
    </message>
    <message>
        <source>a CIM-XML %1 response</source>
        <translation>eine CIM-XML-Antwort auf %1</translation>
    </message>
    <message>
        <source>%1 is not %2: %3</source>
        <translation>%1 ist nicht %2: %3</translation>
    </message>
    <message>
        <source>cannot write the output: %1</source>
        <translation>die Ausgabe kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Decodes a captured CIM-XML message and prints what it holds.

FILE is the body of a CIM-XML response to the operation --operation names (what a
server returned for EnumerateInstances, say), or with --request a CIM-XML request
(IMETHODCALL, METHODCALL, or an EXPMETHODCALL such as an indication delivery); &quot;-&quot;
reads standard input. A response is checked against its operation: an
EnumerateInstanceNames reply holding instances is an error, not an empty result.

The output is MOF-like text: &quot;//&quot; lines describe the message, instances, classes and
qualifier declarations are MOF, instance names are WBEM URIs, return values,
parameters and arguments read &quot;type Name = value;&quot;. --json prints a JSON object.

A response that reports a CIM error is still a valid document: it prints
&quot;CIM error: CIM_ERR_NAME (code): description&quot; and any CIM_Error instances the server
attached, and exits 0. Scripts test for it with --json: .status.ok is false.

Exit status:
  0   the document was decoded, including a response that reports a CIM error
  2   the document is not valid CIM-XML for the operation; the error on standard
      error gives its line, column and element path
  64  usage error: unknown option or operation, FILE missing
  66  FILE cannot be opened
  74  reading FILE or writing the output failed</source>
        <translation>Dekodiert eine mitgeschnittene CIM-XML-Nachricht und gibt ihren Inhalt aus.

FILE ist der Body einer CIM-XML-Antwort auf die mit --operation genannte Operation (etwa
das, was ein Server auf EnumerateInstances zurückgab), oder mit --request eine CIM-XML-Anfrage
(IMETHODCALL, METHODCALL oder ein EXPMETHODCALL wie eine Indication-Zustellung); &quot;-&quot;
liest die Standardeingabe. Eine Antwort wird gegen ihre Operation geprüft: Eine
EnumerateInstanceNames-Antwort mit Instanzen ist ein Fehler, kein leeres Ergebnis.

Die Ausgabe ist MOF-ähnlicher Text: &quot;//&quot;-Zeilen beschreiben die Nachricht, Instanzen, Klassen
und Qualifier-Deklarationen sind MOF, Instanznamen sind WBEM-URIs, Rückgabewerte,
Parameter und Argumente lauten &quot;type Name = value;&quot;. --json gibt ein JSON-Objekt aus.

Eine Antwort, die einen CIM-Fehler meldet, ist dennoch ein gültiges Dokument: Ausgegeben wird
&quot;CIM error: CIM_ERR_NAME (code): description&quot; sowie alle CIM_Error-Instanzen, die der Server
angehängt hat; der Exit-Status ist 0. Skripte prüfen das mit --json: .status.ok ist false.

Exit-Status:
  0   das Dokument wurde dekodiert, auch eine Antwort, die einen CIM-Fehler meldet
  2   das Dokument ist kein gültiges CIM-XML für die Operation; der Fehler auf der
      Standardfehlerausgabe nennt Zeile, Spalte und Elementpfad
  64  Aufruffehler: unbekannte Option oder Operation, FILE fehlt
  66  FILE kann nicht geöffnet werden
  74  Lesen von FILE oder Schreiben der Ausgabe fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>CliDiscoverCommand</name>
    <message>
        <source>Find WBEM servers that advertise service:wbem over SLP (RFC 2608, DSP0206) and show their attributes.

Exit status: 0 a server was found, 1 none, 64 usage error.</source>
        <translation>WBEM-Server finden, die service:wbem über SLP (RFC 2608, DSP0206) ankündigen, und ihre Attribute anzeigen.

Exit-Status: 0 ein Server wurde gefunden, 1 keiner, 64 Aufruffehler.</translation>
    </message>
    <message>
        <source>Ask the SLP agent on HOST (port 427 or PORT) directly instead of multicasting (repeatable).</source>
        <translation>Den SLP-Agenten auf HOST (Port 427 oder PORT) direkt fragen statt per Multicast (wiederholbar).</translation>
    </message>
    <message>
        <source>HOST[:PORT]</source>
        <translation>HOST[:PORT]</translation>
    </message>
    <message>
        <source>The SLP scope to ask in (repeatable; default DEFAULT).</source>
        <translation>Der abzufragende SLP-Scope (wiederholbar; Vorgabe DEFAULT).</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>How long to wait for answers in seconds; decimals allowed (default 5).</source>
        <translation>Wartezeit auf Antworten in Sekunden; Dezimalzahlen erlaubt (Vorgabe 5).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDS</translation>
    </message>
    <message>
        <source>Broadcast the query instead of multicasting it (networks without multicast).</source>
        <translation>Die Abfrage per Broadcast statt Multicast senden (Netze ohne Multicast).</translation>
    </message>
    <message>
        <source>Multicast TTL: how many routers the query may cross (1-255, default 8).</source>
        <translation>Multicast-TTL: wie viele Router die Abfrage passieren darf (1-255, Vorgabe 8).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation>Das Ergebnis als JSON ausgeben.</translation>
    </message>
    <message>
        <source>Find WBEM servers over SLP.</source>
        <translation>WBEM-Server über SLP finden.</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;.</source>
        <translation>unerwartetes Argument „%1“.</translation>
    </message>
    <message>
        <source>--unicast wants HOST, HOST:PORT or [IPv6]:PORT, got &quot;%1&quot;.</source>
        <translation>--unicast erwartet HOST, HOST:PORT oder [IPv6]:PORT, erhalten: „%1“.</translation>
    </message>
    <message>
        <source>--scope wants one scope name, got &quot;%1&quot;.</source>
        <translation>--scope erwartet einen Scope-Namen, erhalten: „%1“.</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds above 0 and at most 600, got &quot;%1&quot;.</source>
        <translation>--timeout muss eine Sekundenzahl über 0 und höchstens 600 sein, erhalten: „%1“.</translation>
    </message>
    <message>
        <source>--ttl must be from 1 to 255, got &quot;%1&quot;.</source>
        <translation>--ttl muss zwischen 1 und 255 liegen, erhalten: „%1“.</translation>
    </message>
    <message>
        <source>%1: no SLP agent (ICMP port unreachable)</source>
        <translation>%1: kein SLP-Agent (ICMP Port nicht erreichbar)</translation>
    </message>
    <message>
        <source>%1: no answer after %2 request(s) (filtered, or the host is down)</source>
        <translation>%1: keine Antwort nach %2 Anfrage(n) (gefiltert, oder der Host ist nicht erreichbar)</translation>
    </message>
    <message>
        <source>%1: SLP error %2</source>
        <translation>%1: SLP-Fehler %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n service URL(s)</source>
        <translation>
            <numerusform>%1: %n Dienst-URL</numerusform>
            <numerusform>%1: %n Dienst-URLs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Multicast: %1 request(s), %n responder(s)</source>
        <translation>
            <numerusform>Multicast: %1 Anfrage(n), %n Antwortender</numerusform>
            <numerusform>Multicast: %1 Anfrage(n), %n Antwortende</numerusform>
        </translation>
    </message>
    <message>
        <source>Multicast not sent: %1</source>
        <translation>Multicast nicht gesendet: %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>deviation from DSP0206: %1</source>
        <translation>Abweichung von DSP0206: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n WBEM server URL(s) found.</source>
        <translation>
            <numerusform>%n WBEM-Server-URL gefunden.</numerusform>
            <numerusform>%n WBEM-Server-URLs gefunden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CliListenCommand</name>
    <message>
        <source>Listen on PORT (default 0: a free one).</source>
        <translation>Auf PORT lauschen (Vorgabe 0: ein freier Port).</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORT</translation>
    </message>
    <message>
        <source>Listen on ADDRESS (default: every IPv4 address).</source>
        <translation>Auf ADDRESS lauschen (Vorgabe: jede IPv4-Adresse).</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADDRESS</translation>
    </message>
    <message>
        <source>PEM certificate (chain) for --https.</source>
        <translation>PEM-Zertifikat (-kette) für --https.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>PEM private key for --https.</source>
        <translation>Privater PEM-Schlüssel für --https.</translation>
    </message>
    <message>
        <source>Print one JSON object per line.</source>
        <translation>Ein JSON-Objekt pro Zeile ausgeben.</translation>
    </message>
    <message>
        <source>Stop after N indications.</source>
        <translation>Nach N Indications beenden.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Stop after S seconds.</source>
        <translation>Nach S Sekunden beenden.</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Run an indication listener.</source>
        <translation>Einen Indication-Listener betreiben.</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>unerwartetes Argument „%1“</translation>
    </message>
    <message>
        <source>--port must be a number from 0 to 65535</source>
        <translation>--port muss eine Zahl von 0 bis 65535 sein</translation>
    </message>
    <message>
        <source>--address &quot;%1&quot; is not an IP address</source>
        <translation>--address „%1“ ist keine IP-Adresse</translation>
    </message>
    <message>
        <source>--cert and --key go with --https</source>
        <translation>--cert und --key gehören zu --https</translation>
    </message>
    <message>
        <source>--count must be a positive number</source>
        <translation>--count muss eine positive Zahl sein</translation>
    </message>
    <message>
        <source>--timeout must be a positive number of seconds</source>
        <translation>--timeout muss eine positive Sekundenzahl sein</translation>
    </message>
    <message>
        <source>listening on %1
</source>
        <translation>lausche auf %1
</translation>
    </message>
    <message>
        <source>refused a request from %1: %2 %3 %4
</source>
        <translation>Anfrage von %1 abgewiesen: %2 %3 %4
</translation>
    </message>
    <message>
        <source>Listen with TLS: with --cert and --key, or a self-signed certificate made at start (its SHA-256 fingerprint is printed).</source>
        <translation>Mit TLS lauschen: mit --cert und --key oder mit einem beim Start erzeugten selbstsignierten Zertifikat (sein SHA-256-Fingerabdruck wird ausgegeben).</translation>
    </message>
    <message>
        <source>--cert FILE and --key FILE go together</source>
        <translation>--cert FILE und --key FILE gehören zusammen</translation>
    </message>
    <message>
        <source>cimdiag-cli listen: cannot make a certificate: %1
</source>
        <translation>cimdiag-cli listen: Zertifikat kann nicht erzeugt werden: %1
</translation>
    </message>
    <message>
        <source>self-signed certificate, SHA-256 %1
</source>
        <translation>selbstsigniertes Zertifikat, SHA-256 %1
</translation>
    </message>
    <message>
        <source>Run a CIM-XML indication listener (DSP0200 export: POST and M-POST) and print every indication it receives. The listening URL is printed to standard error first; use it as the Destination of a CIM_ListenerDestinationCIMXML.

Exit status: 0 done, 1 --timeout before --count indications, 64 usage, 66 unusable certificate or key (unreadable, not PEM, not a pair, expired), 69 cannot listen.</source>
        <translation>Einen CIM-XML-Indication-Listener betreiben (DSP0200-Export: POST und M-POST) und jede empfangene Indication ausgeben. Die Listener-URL wird zuerst auf die Standardfehlerausgabe geschrieben; verwenden Sie sie als Destination einer CIM_ListenerDestinationCIMXML.

Exit-Status: 0 fertig, 1 --timeout vor --count Indications, 64 Aufruffehler, 66 unbrauchbares Zertifikat oder unbrauchbarer Schlüssel (nicht lesbar, kein PEM, kein Paar, abgelaufen), 69 Lauschen nicht möglich.</translation>
    </message>
    <message>
        <source>cimdiag-cli listen: %1
</source>
        <translation>cimdiag-cli listen: %1
</translation>
    </message>
    <message>
        <source>certificate from %1, SHA-256 %2
</source>
        <translation>Zertifikat aus %1, SHA-256 %2
</translation>
    </message>
</context>
<context>
    <name>GuiMain</name>
    <message>
        <source>Finds out why a CIM client cannot talk to a CIM server.</source>
        <translation>Findet heraus, warum ein CIM-Client nicht mit einem CIM-Server kommunizieren kann.</translation>
    </message>
    <message>
        <source>Start the built-in simulator with SCENARIO (default: healthy) on 127.0.0.1 and fill in its target.</source>
        <translation>Den eingebauten Simulator mit SCENARIO (Vorgabe: healthy) auf 127.0.0.1 starten und sein Ziel eintragen.</translation>
    </message>
    <message>
        <source>List the simulator scenarios and exit.</source>
        <translation>Die Simulator-Szenarien auflisten und beenden.</translation>
    </message>
    <message>
        <source>With --demo, the scenario; otherwise the server to fill in (https://host:5989, host:port or host).</source>
        <translation>Mit --demo das Szenario, sonst der einzutragende Server (https://host:5989, host:port oder host).</translation>
    </message>
    <message>
        <source>CIM Diagnostics</source>
        <translation>CIM-Diagnose</translation>
    </message>
    <message>
        <source>Give one scenario (with --demo) or one target.</source>
        <translation>Geben Sie ein Szenario (mit --demo) oder ein Ziel an.</translation>
    </message>
    <message>
        <source>cimdiag: %1</source>
        <translation>cimdiag: %1</translation>
    </message>
    <message>
        <source>cimdiag: cannot write the audit trail: %1</source>
        <translation>cimdiag: Audit-Trail kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Demo simulator running: %1</source>
        <translation>Demo-Simulator läuft: %1</translation>
    </message>
    <message>
        <source>cimdiag: demo simulator at %1 (%2)</source>
        <translation>cimdiag: Demo-Simulator unter %1 (%2)</translation>
    </message>
    <message>
        <source>Demo simulator failed.</source>
        <translation>Demo-Simulator fehlgeschlagen.</translation>
    </message>
    <message>
        <source>cimdiag: demo simulator failed: %1</source>
        <translation>cimdiag: Demo-Simulator fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>&amp;Demo</translation>
    </message>
    <message>
        <source>&amp;Start demo scenario…</source>
        <translation>Demo-Szenario &amp;starten…</translation>
    </message>
    <message>
        <source>Simulator scenario:</source>
        <translation>Simulator-Szenario:</translation>
    </message>
    <message>
        <source>S&amp;top demo simulator</source>
        <translation>Demo-Simulator &amp;beenden</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>&amp;Audit-Trail…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>cimdiag will use %1 the next time it starts.</source>
        <translation>cimdiag verwendet beim nächsten Start %1.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Usage: %1</source>
        <translation>Aufruf: %1</translation>
    </message>
</context>
<context>
    <name>ReportText</name>
    <message>
        <source>Certificate %1</source>
        <translation>Zertifikat %1</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier line(s) not included.</source>
        <translation>
            <numerusform>%n frühere Zeile nicht enthalten.</numerusform>
            <numerusform>%n frühere Zeilen nicht enthalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>No log lines.</source>
        <translation>Keine Protokollzeilen.</translation>
    </message>
    <message numerus="yes">
        <source>%1 channel: %n line(s)</source>
        <translation>
            <numerusform>Kanal %1: %n Zeile</numerusform>
            <numerusform>Kanal %1: %n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>cimdiag report</source>
        <translation>cimdiag-Bericht</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Stage timeline</source>
        <translation>Zeitleiste der Stufen</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Stufen</translation>
    </message>
    <message>
        <source>TLS certificate chain</source>
        <translation>TLS-Zertifikatskette</translation>
    </message>
    <message>
        <source>Server identity</source>
        <translation>Serveridentität</translation>
    </message>
    <message>
        <source>Operation statistics</source>
        <translation>Operationsstatistik</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Start (ms)</source>
        <translation>Start (ms)</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Dauer (ms)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Belege</translation>
    </message>
    <message>
        <source>Hints</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>Abhilfe</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Started %1, took %2 ms</source>
        <translation>Gestartet %1, Dauer %2 ms</translation>
    </message>
    <message>
        <source>(cancelled)</source>
        <translation>(abgebrochen)</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>%1 (built with %2), TLS backend %3</source>
        <translation>%1 (gebaut mit %2), TLS-Backend %3</translation>
    </message>
    <message>
        <source>OpenSSL</source>
        <translation>OpenSSL</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1 (gebaut mit %2)</translation>
    </message>
    <message>
        <source>Trust store</source>
        <translation>Truststore</translation>
    </message>
    <message>
        <source>Trust store environment</source>
        <translation>Truststore-Umgebung</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Basic, user %1</source>
        <translation>Basic, Benutzer %1</translation>
    </message>
    <message>
        <source>CIM ticket</source>
        <translation>CIM-Ticket</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Anmeldedaten</translation>
    </message>
    <message>
        <source>host name verified</source>
        <translation>Hostname geprüft</translation>
    </message>
    <message>
        <source>host name not verified</source>
        <translation>Hostname nicht geprüft</translation>
    </message>
    <message numerus="yes">
        <source>%n verification error(s) accepted</source>
        <translation>
            <numerusform>%n Prüffehler akzeptiert</numerusform>
            <numerusform>%n Prüffehler akzeptiert</numerusform>
        </translation>
    </message>
    <message>
        <source>pinned SHA-256 %1</source>
        <translation>gepinnt SHA-256 %1</translation>
    </message>
    <message>
        <source>client certificate %1</source>
        <translation>Client-Zertifikat %1</translation>
    </message>
    <message>
        <source>TLS options</source>
        <translation>TLS-Optionen</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>%1 ms per network step</source>
        <translation>%1 ms pro Netzwerkschritt</translation>
    </message>
    <message>
        <source>Report generated</source>
        <translation>Bericht erstellt</translation>
    </message>
    <message>
        <source>Server header</source>
        <translation>Server-Header</translation>
    </message>
    <message>
        <source>Speaks CIM-XML</source>
        <translation>Spricht CIM-XML</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Authentication required</source>
        <translation>Authentifizierung erforderlich</translation>
    </message>
    <message>
        <source>Realm</source>
        <translation>Realm</translation>
    </message>
    <message>
        <source>Challenge schemes</source>
        <translation>Challenge-Schemata</translation>
    </message>
    <message>
        <source>Credentials accepted</source>
        <translation>Anmeldedaten akzeptiert</translation>
    </message>
    <message>
        <source>Interop namespace</source>
        <translation>Interop-Namensraum</translation>
    </message>
    <message>
        <source>Namespaces</source>
        <translation>Namensräume</translation>
    </message>
    <message>
        <source>Registered profiles</source>
        <translation>Registrierte Profile</translation>
    </message>
    <message>
        <source>Object manager</source>
        <translation>Object Manager</translation>
    </message>
    <message>
        <source>Pull operations</source>
        <translation>Pull-Operationen</translation>
    </message>
    <message>
        <source>supported</source>
        <translation>unterstützt</translation>
    </message>
    <message>
        <source>not supported</source>
        <translation>nicht unterstützt</translation>
    </message>
    <message>
        <source>Sample enumerate</source>
        <translation>Beispielenumeration</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2</source>
        <translation>
            <numerusform>%n Instanz von %1 in %2</numerusform>
            <numerusform>%n Instanzen von %1 in %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Cipher</source>
        <translation>Cipher</translation>
    </message>
    <message>
        <source>%1 (%2 bits)</source>
        <translation>%1 (%2 Bit)</translation>
    </message>
    <message>
        <source>Key exchange</source>
        <translation>Schlüsselaustausch</translation>
    </message>
    <message>
        <source>Handshake</source>
        <translation>Handshake</translation>
    </message>
    <message>
        <source>not completed</source>
        <translation>nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Name checked</source>
        <translation>Geprüfter Name</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>passt</translation>
    </message>
    <message>
        <source>does not match</source>
        <translation>passt nicht</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Antragsteller</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Subject alternative names</source>
        <translation>Alternative Antragstellernamen</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Verification errors</source>
        <translation>Prüffehler</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Client avg ms</source>
        <translation>Client Ø ms</translation>
    </message>
    <message>
        <source>Client max ms</source>
        <translation>Client max. ms</translation>
    </message>
    <message>
        <source>Server avg ms</source>
        <translation>Server Ø ms</translation>
    </message>
    <message>
        <source>Request avg bytes</source>
        <translation>Anfrage Ø Bytes</translation>
    </message>
    <message>
        <source>Reply avg bytes</source>
        <translation>Antwort Ø Bytes</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <source>cannot write the report %1: %2</source>
        <translation>der Bericht %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>Bericht &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export the report to a file</source>
        <translation>Den Bericht in eine Datei exportieren</translation>
    </message>
    <message>
        <source>Save the whole diagnosis as HTML, PDF, JSON, Markdown or text; passwords and tickets are left out.</source>
        <translation>Die gesamte Diagnose als HTML, PDF, JSON, Markdown oder Text speichern; Passwörter und Tickets werden weggelassen.</translation>
    </message>
    <message>
        <source>C&amp;opy summary</source>
        <translation>Zusammenfassung k&amp;opieren</translation>
    </message>
    <message>
        <source>Copy the summary to the clipboard</source>
        <translation>Die Zusammenfassung in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Report export status</source>
        <translation>Status des Berichtsexports</translation>
    </message>
    <message>
        <source>&amp;Re-run with the pin</source>
        <translation>Mit dem Pin e&amp;rneut ausführen</translation>
    </message>
    <message>
        <source>Run the diagnosis again with the pinned certificate</source>
        <translation>Die Diagnose mit dem gepinnten Zertifikat erneut ausführen</translation>
    </message>
    <message>
        <source>Result views</source>
        <translation>Ergebnisansichten</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>&amp;Befunde</translation>
    </message>
    <message>
        <source>Findings of the failed and warned stages</source>
        <translation>Befunde der fehlgeschlagenen Stufen und der Stufen mit Warnungen</translation>
    </message>
    <message>
        <source>C&amp;ertificate</source>
        <translation>&amp;Zertifikat</translation>
    </message>
    <message>
        <source>No certificate: the TLS stage did not run or saw none.</source>
        <translation>Kein Zertifikat: Die TLS-Stufe lief nicht oder hat keines gesehen.</translation>
    </message>
    <message>
        <source>&amp;Instances</source>
        <translation>&amp;Instanzen</translation>
    </message>
    <message>
        <source>Sample instances</source>
        <translation>Beispielinstanzen</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>&amp;Statistik</translation>
    </message>
    <message>
        <source>Operation statistics</source>
        <translation>Operationsstatistik</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Diagnosing</source>
        <translation>Diagnose läuft</translation>
    </message>
    <message>
        <source>&amp;Re-run stage</source>
        <translation>Stufe &amp;wiederholen</translation>
    </message>
    <message>
        <source>Re-run the selected stage</source>
        <translation>Die ausgewählte Stufe erneut ausführen</translation>
    </message>
    <message>
        <source>Runs the selected stage again, then the stages it held up (Ctrl+R in the stage list)</source>
        <translation>Führt die ausgewählte Stufe erneut aus, danach die von ihr aufgehaltenen Stufen (Strg+R in der Stufenliste)</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>Lauf a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Cancel the diagnosis</source>
        <translation>Die Diagnose abbrechen</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Stufen</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Stage timeline</source>
        <translation>Zeitleiste der Stufen</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Protokolle</translation>
    </message>
</context>
<context>
    <name>ServerCertificateFiles</name>
    <message>
        <source>%1: cannot read the certificate file: %2</source>
        <translation>%1: Die Zertifikatsdatei kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>larger than a certificate chain</source>
        <translation>größer als eine Zertifikatskette</translation>
    </message>
    <message>
        <source>%1: holds no PEM certificate (-----BEGIN CERTIFICATE-----)</source>
        <translation>%1: enthält kein PEM-Zertifikat (-----BEGIN CERTIFICATE-----)</translation>
    </message>
    <message>
        <source>%1: cannot read the key file: %2</source>
        <translation>%1: Die Schlüsseldatei kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>larger than a private key</source>
        <translation>größer als ein privater Schlüssel</translation>
    </message>
    <message>
        <source>%1: the private key is encrypted; give an unencrypted PEM key</source>
        <translation>%1: Der private Schlüssel ist verschlüsselt; geben Sie einen unverschlüsselten PEM-Schlüssel an</translation>
    </message>
    <message>
        <source>%1: holds no PEM private key (-----BEGIN PRIVATE KEY-----)</source>
        <translation>%1: enthält keinen privaten PEM-Schlüssel (-----BEGIN PRIVATE KEY-----)</translation>
    </message>
    <message>
        <source>%1: a %2 key; the listener takes RSA or EC keys</source>
        <translation>%1: ein %2-Schlüssel; der Listener akzeptiert RSA- oder EC-Schlüssel</translation>
    </message>
    <message>
        <source>%1: the private key does not belong to the certificate in %2</source>
        <translation>%1: Der private Schlüssel gehört nicht zum Zertifikat in %2</translation>
    </message>
    <message>
        <source>%1: Qt cannot use this private key</source>
        <translation>%1: Qt kann diesen privaten Schlüssel nicht verwenden</translation>
    </message>
    <message>
        <source>%1: the certificate is not valid before %2</source>
        <translation>%1: Das Zertifikat ist nicht vor %2 gültig</translation>
    </message>
    <message>
        <source>%1: the certificate expired on %2</source>
        <translation>%1: Das Zertifikat ist am %2 abgelaufen</translation>
    </message>
</context>
<context>
    <name>SimMain</name>
    <message>
        <source>A CIM-XML server (DSP0200) on loopback that can misbehave as the cimdiag failure-mode catalogue describes.</source>
        <translation>Ein CIM-XML-Server (DSP0200) auf Loopback, der sich wie im Fehlerkatalog von cimdiag beschrieben fehlerhaft verhalten kann.</translation>
    </message>
    <message>
        <source>Scenario name (see --list-scenarios) or a .json file.</source>
        <translation>Szenarioname (siehe --list-scenarios) oder eine .json-Datei.</translation>
    </message>
    <message>
        <source>List the scenarios and exit.</source>
        <translation>Die Szenarien auflisten und beenden.</translation>
    </message>
    <message>
        <source>HTTP port (0 picks a free one; default 0).</source>
        <translation>HTTP-Port (0 wählt einen freien; Vorgabe 0).</translation>
    </message>
    <message>
        <source>HTTPS port (0 picks a free one; default 0).</source>
        <translation>HTTPS-Port (0 wählt einen freien; Vorgabe 0).</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation>Adresse, auf der gelauscht wird (Vorgabe 127.0.0.1).</translation>
    </message>
    <message>
        <source>Where to write the CA certificate (PEM) clients should trust (default: a file in the temporary directory, removed at exit).</source>
        <translation>Wohin das CA-Zertifikat (PEM) geschrieben wird, dem Clients vertrauen sollen (Vorgabe: eine Datei im temporären Verzeichnis, beim Beenden entfernt).</translation>
    </message>
    <message>
        <source>Answer every request from a session file a cimdiag session recorder wrote, instead of the scenario&apos;s model (the scenario still sets the listeners, TLS and connection faults).</source>
        <translation>Jede Anfrage aus einer von einem cimdiag-Sitzungsrekorder geschriebenen Sitzungsdatei beantworten statt aus dem Modell des Szenarios (das Szenario legt weiterhin Listener, TLS und Verbindungsfehler fest).</translation>
    </message>
    <message>
        <source>Serve this PEM certificate (leaf first, then its chain) on HTTPS instead of one the simulator issues.</source>
        <translation>Dieses PEM-Zertifikat (Endzertifikat zuerst, dann seine Kette) auf HTTPS ausliefern statt eines vom Simulator ausgestellten.</translation>
    </message>
    <message>
        <source>The PEM private key for --certificate (default: the same file).</source>
        <translation>Der private PEM-Schlüssel für --certificate (Vorgabe: dieselbe Datei).</translation>
    </message>
    <message>
        <source>Answer SLP (service:wbem) on this UDP port; 0 picks a free one. On 427 the multicast group 239.255.255.253 is joined as well. Default: only for scenarios with an &quot;slp&quot; section, on a free port.</source>
        <translation>SLP (service:wbem) auf diesem UDP-Port beantworten; 0 wählt einen freien. Auf 427 wird zusätzlich der Multicast-Gruppe 239.255.255.253 beigetreten. Vorgabe: nur für Szenarien mit einem Abschnitt &quot;slp&quot;, auf einem freien Port.</translation>
    </message>
    <message>
        <source>cimdiag-sim: bad --http-port, --https-port or --address</source>
        <translation>cimdiag-sim: ungültiger Wert für --http-port, --https-port oder --address</translation>
    </message>
    <message>
        <source>cimdiag-sim: cannot install the signal handlers</source>
        <translation>cimdiag-sim: die Signal-Handler können nicht installiert werden</translation>
    </message>
    <message>
        <source>cimdiag-sim: cannot write %1: %2</source>
        <translation>cimdiag-sim: %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>SlpDiagnosis</name>
    <message>
        <source>No SLP agent on %1: ICMP port unreachable (the SLP service is stopped)</source>
        <translation>Kein SLP-Agent auf %1: ICMP Port nicht erreichbar (der SLP-Dienst ist gestoppt)</translation>
    </message>
    <message>
        <source>The host is up and rejected the SLP request: nothing listens on UDP port %1. Discovery cannot find this server; connect to it by address and port.</source>
        <translation>Der Host ist erreichbar und hat die SLP-Anfrage abgewiesen: Auf UDP-Port %1 lauscht nichts. Die Suche kann diesen Server nicht finden; verbinden Sie sich über Adresse und Port.</translation>
    </message>
    <message>
        <source>No answer to SLP from %1 within %2 ms (%3 request(s))</source>
        <translation>Keine SLP-Antwort von %1 innerhalb von %2 ms (%3 Anfrage(n))</translation>
    </message>
    <message>
        <source>Silence rather than ICMP port unreachable: a firewall drops SLP on the way there, or the reply on the way back, or the host is down.</source>
        <translation>Stille statt ICMP Port nicht erreichbar: Eine Firewall verwirft SLP auf dem Hinweg oder die Antwort auf dem Rückweg, oder der Host ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>SLP not asked: %1 has no address (%2)</source>
        <translation>SLP nicht abgefragt: %1 hat keine Adresse (%2)</translation>
    </message>
    <message>
        <source>SLP request to %1 failed: %2</source>
        <translation>SLP-Anfrage an %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The SLP agent on %1 does not serve scope %2 (SCOPE_NOT_SUPPORTED)</source>
        <translation>Der SLP-Agent auf %1 bedient Scope %2 nicht (SCOPE_NOT_SUPPORTED)</translation>
    </message>
    <message>
        <source>The SLP agent on %1 answered with error %2</source>
        <translation>Der SLP-Agent auf %1 antwortete mit Fehler %2</translation>
    </message>
    <message>
        <source>The SLP agent on %1 answers but advertises no service:wbem</source>
        <translation>Der SLP-Agent auf %1 antwortet, kündigt aber kein service:wbem an</translation>
    </message>
    <message>
        <source>The CIM server does not register with the SLP agent (OpenPegasus slp=false, SFCB enableSlp, or not yet: SFCB refreshes every slpRefreshInterval).</source>
        <translation>Der CIM-Server registriert sich nicht beim SLP-Agenten (OpenPegasus slp=false, SFCB enableSlp, oder noch nicht: SFCB erneuert alle slpRefreshInterval).</translation>
    </message>
    <message>
        <source>The advertised URL %1 is not a WBEM URL.</source>
        <translation>Die angekündigte URL %1 ist keine WBEM-URL.</translation>
    </message>
    <message>
        <source>%1 advertises %2, but its reply came from %3: the advert names another address (another interface, or NAT); re-test with %3 on ports 5989 and 5988.</source>
        <translation>%1 kündigt %2 an, aber die Antwort kam von %3: Die Ankündigung nennt eine andere Adresse (andere Schnittstelle oder NAT); testen Sie erneut mit %3 auf den Ports 5989 und 5988.</translation>
    </message>
    <message>
        <source>The SLP advert of %1 does not point at the target %2</source>
        <translation>Die SLP-Ankündigung von %1 verweist nicht auf das Ziel %2</translation>
    </message>
    <message>
        <source>%1 advertises %2 over SLP; an answering SLP agent is an exposure</source>
        <translation>%1 kündigt %2 über SLP an; ein antwortender SLP-Agent ist eine Angriffsfläche</translation>
    </message>
    <message>
        <source>Found %1 (%2), lifetime %3 s</source>
        <translation>%1 gefunden (%2), Lebensdauer %3 s</translation>
    </message>
    <message>
        <source>Attributes not read: %1</source>
        <translation>Attribute nicht gelesen: %1</translation>
    </message>
    <message>
        <source>The advert deviates from DSP0206: %1</source>
        <translation>Die Ankündigung weicht von DSP0206 ab: %1</translation>
    </message>
    <message>
        <source>The target answers unicast SLP but not the multicast query: multicast is not routed to it (another VLAN?).</source>
        <translation>Das Ziel beantwortet Unicast-SLP, aber nicht die Multicast-Abfrage: Multicast wird nicht zu ihm geroutet (anderes VLAN?).</translation>
    </message>
    <message>
        <source>Multicast not sent: %1</source>
        <translation>Multicast nicht gesendet: %1</translation>
    </message>
    <message>
        <source>No multicast query: SLP is asked on port %1, multicast goes to port 427 only.</source>
        <translation>Keine Multicast-Abfrage: SLP wird auf Port %1 abgefragt, Multicast geht nur an Port 427.</translation>
    </message>
    <message>
        <source>No multicast query for this target (loopback, or turned off).</source>
        <translation>Keine Multicast-Abfrage für dieses Ziel (Loopback oder abgeschaltet).</translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <source>Which CIM server?</source>
        <translation>Welcher CIM-Server?</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address and the credentials your CIM client uses.</source>
        <translation>Geben Sie die Adresse des Servers und die Anmeldedaten ein, die Ihr CIM-Client verwendet.</translation>
    </message>
    <message>
        <source>Pro&amp;file:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>Saved connection profile</source>
        <translation>Gespeichertes Verbindungsprofil</translation>
    </message>
    <message>
        <source>Choosing a profile fills in the fields; its password comes from the system keychain</source>
        <translation>Die Auswahl eines Profils füllt die Felder aus; sein Passwort kommt aus dem Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>Sa&amp;ve profile…</source>
        <translation>Profil &amp;speichern…</translation>
    </message>
    <message>
        <source>Save the input as a connection profile</source>
        <translation>Die Eingaben als Verbindungsprofil speichern</translation>
    </message>
    <message>
        <source>&amp;Delete profile</source>
        <translation>Profil &amp;löschen</translation>
    </message>
    <message>
        <source>Delete the chosen connection profile</source>
        <translation>Das gewählte Verbindungsprofil löschen</translation>
    </message>
    <message>
        <source>Re&amp;member the password in the system keychain</source>
        <translation>Passwort im Schlüsselbund des Systems &amp;merken</translation>
    </message>
    <message>
        <source>Remember the password in the system keychain when saving the profile</source>
        <translation>Das Passwort beim Speichern des Profils im Schlüsselbund des Systems merken</translation>
    </message>
    <message>
        <source>The password or ticket is kept only in the system keychain, never in a settings file</source>
        <translation>Das Passwort oder Ticket wird nur im Schlüsselbund des Systems aufbewahrt, nie in einer Einstellungsdatei</translation>
    </message>
    <message>
        <source>Profile status</source>
        <translation>Profilstatus</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <source>Input problem</source>
        <translation>Eingabeproblem</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Authentifizierung:</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA-Datei</translation>
    </message>
    <message>
        <source>System trust store</source>
        <translation>Truststore des Systems</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose CA file</source>
        <translation>CA-Datei auswählen</translation>
    </message>
    <message>
        <source>Client c&amp;ertificate:</source>
        <translation>Client-&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>Client certificate file</source>
        <translation>Client-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>Optional (2-way TLS)</source>
        <translation>Optional (2-Wege-TLS)</translation>
    </message>
    <message>
        <source>Choose client certificate file</source>
        <translation>Client-Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation>Client-Sc&amp;hlüssel:</translation>
    </message>
    <message>
        <source>Client key file</source>
        <translation>Client-Schlüsseldatei</translation>
    </message>
    <message>
        <source>Choose client key file</source>
        <translation>Client-Schlüsseldatei auswählen</translation>
    </message>
    <message>
        <source>P&amp;inned certificate:</source>
        <translation>&amp;Gepinntes Zertifikat:</translation>
    </message>
    <message>
        <source>Pinned certificate SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck des gepinnten Zertifikats</translation>
    </message>
    <message>
        <source>Optional SHA-256 fingerprint (AB:CD:…)</source>
        <translation>Optionaler SHA-256-Fingerabdruck (AB:CD:…)</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>Ze&amp;itüberschreitung:</translation>
    </message>
    <message>
        <source>Timeout per network step in seconds</source>
        <translation>Zeitüberschreitung pro Netzwerkschritt in Sekunden</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation>&amp;Namensraum:</translation>
    </message>
    <message>
        <source>Namespace of the sample enumerate</source>
        <translation>Namensraum der Beispielenumeration</translation>
    </message>
    <message>
        <source>Optional, e.g. root/cimv2</source>
        <translation>Optional, z. B. root/cimv2</translation>
    </message>
    <message>
        <source>C&amp;lass:</source>
        <translation>&amp;Klasse:</translation>
    </message>
    <message>
        <source>Class of the sample enumerate</source>
        <translation>Klasse der Beispielenumeration</translation>
    </message>
    <message>
        <source>Optional, e.g. CIM_ComputerSystem</source>
        <translation>Optional, z. B. CIM_ComputerSystem</translation>
    </message>
    <message>
        <source>Disc&amp;over servers…</source>
        <translation>Ser&amp;ver suchen…</translation>
    </message>
    <message>
        <source>Discover WBEM servers over SLP</source>
        <translation>WBEM-Server über SLP suchen</translation>
    </message>
    <message>
        <source>Find servers that advertise service:wbem over SLP and pick one as the target</source>
        <translation>Server suchen, die service:wbem über SLP ankündigen, und einen davon als Ziel wählen</translation>
    </message>
    <message>
        <source>SLP:</source>
        <translation>SLP:</translation>
    </message>
    <message>
        <source>&amp;Run the SLP discovery stage</source>
        <translation>SLP-Suchstufe aus&amp;führen</translation>
    </message>
    <message>
        <source>Run the SLP discovery stage</source>
        <translation>Die SLP-Suchstufe ausführen</translation>
    </message>
    <message>
        <source>Ask the server&apos;s SLP agent whether it advertises service:wbem (UDP; multicast as well on port 427 unless the server is on loopback)</source>
        <translation>Den SLP-Agenten des Servers fragen, ob er service:wbem ankündigt (UDP; auf Port 427 zusätzlich per Multicast, sofern der Server nicht auf Loopback liegt)</translation>
    </message>
    <message>
        <source>UDP port:</source>
        <translation>UDP-Port:</translation>
    </message>
    <message>
        <source>SLP port</source>
        <translation>SLP-Port</translation>
    </message>
    <message>
        <source>The server&apos;s SLP port; another port than 427 turns the multicast query off</source>
        <translation>Der SLP-Port des Servers; ein anderer Port als 427 schaltet die Multicast-Abfrage ab</translation>
    </message>
</context>
<context>
    <name>TlsDiagnosis</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>The TLS probe could not connect to port %1 in time</source>
        <translation>Der TLS-Test konnte sich nicht rechtzeitig mit Port %1 verbinden</translation>
    </message>
    <message>
        <source>The TLS probe could not connect to port %1: %2</source>
        <translation>Der TLS-Test konnte sich nicht mit Port %1 verbinden: %2</translation>
    </message>
    <message>
        <source>Port %1 speaks plain HTTP, not TLS: use http:// for it, or port 5989 for https</source>
        <translation>Port %1 spricht reines HTTP, kein TLS: Verwenden Sie dafür http://, oder Port 5989 für https</translation>
    </message>
    <message>
        <source>The server accepted the connection but did not complete a TLS handshake within %1</source>
        <translation>Der Server nahm die Verbindung an, schloss aber innerhalb von %1 keinen TLS-Handshake ab</translation>
    </message>
    <message>
        <source>The server rejected the client certificate (alert %1)</source>
        <translation>Der Server hat das Client-Zertifikat abgelehnt (Alert %1)</translation>
    </message>
    <message>
        <source>The server&apos;s Diffie-Hellman group is too small (%1 bits; at least 2048 needed)</source>
        <translation>Die Diffie-Hellman-Gruppe des Servers ist zu klein (%1 Bit; mindestens 2048 nötig)</translation>
    </message>
    <message>
        <source>The server only speaks %1, which this machine&apos;s OpenSSL refuses</source>
        <translation>Der Server spricht nur %1, was das OpenSSL dieses Rechners ablehnt</translation>
    </message>
    <message>
        <source>No TLS protocol version in common: the server only speaks old versions</source>
        <translation>Keine gemeinsame TLS-Protokollversion: Der Server spricht nur alte Versionen</translation>
    </message>
    <message>
        <source>The server certificate&apos;s key is too small (%1 %2 bits)</source>
        <translation>Der Schlüssel des Serverzertifikats ist zu klein (%1 %2 Bit)</translation>
    </message>
    <message>
        <source>The server certificate is signed with a weak digest (%1)</source>
        <translation>Das Serverzertifikat ist mit einem schwachen Hashverfahren signiert (%1)</translation>
    </message>
    <message>
        <source>The server does not support secure renegotiation (RFC 5746)</source>
        <translation>Der Server unterstützt keine sichere Neuverhandlung (RFC 5746)</translation>
    </message>
    <message>
        <source>The server requires a client certificate and none was given</source>
        <translation>Der Server verlangt ein Client-Zertifikat, und es wurde keines angegeben</translation>
    </message>
    <message>
        <source>The server&apos;s TLS settings are below this machine&apos;s OpenSSL security level</source>
        <translation>Die TLS-Einstellungen des Servers liegen unter der OpenSSL-Sicherheitsstufe dieses Rechners</translation>
    </message>
    <message>
        <source>The server refused the handshake (alert 40 handshake failure): no cipher or group in common</source>
        <translation>Der Server hat den Handshake abgelehnt (Alert 40 handshake failure): kein gemeinsamer Cipher und keine gemeinsame Gruppe</translation>
    </message>
    <message>
        <source>The server reset the connection before sending a byte</source>
        <translation>Der Server hat die Verbindung zurückgesetzt, bevor er ein Byte sendete</translation>
    </message>
    <message>
        <source>The server closed the connection before sending a byte</source>
        <translation>Der Server hat die Verbindung geschlossen, bevor er ein Byte sendete</translation>
    </message>
    <message>
        <source>The TLS library on this machine failed during the handshake</source>
        <translation>Die TLS-Bibliothek dieses Rechners ist während des Handshakes gescheitert</translation>
    </message>
    <message>
        <source>The TLS library on this machine failed during the handshake: %1</source>
        <translation>Die TLS-Bibliothek dieses Rechners ist während des Handshakes gescheitert: %1</translation>
    </message>
    <message>
        <source>The TLS handshake failed for a reason cimdiag does not recognise</source>
        <translation>Der TLS-Handshake ist aus einem Grund gescheitert, den cimdiag nicht erkennt</translation>
    </message>
    <message>
        <source>The TLS handshake failed for a reason cimdiag does not recognise: %1</source>
        <translation>Der TLS-Handshake ist aus einem Grund gescheitert, den cimdiag nicht erkennt: %1</translation>
    </message>
    <message>
        <source>The evidence below (OpenSSL reason, alerts, first bytes) is what there is to go on.</source>
        <translation>Die Belege unten (OpenSSL-Grund, Alerts, erste Bytes) sind alles, worauf man sich stützen kann.</translation>
    </message>
    <message>
        <source>The server closed the connection right after the handshake: it most likely rejected the client certificate</source>
        <translation>Der Server hat die Verbindung direkt nach dem Handshake geschlossen: Höchstwahrscheinlich hat er das Client-Zertifikat abgelehnt</translation>
    </message>
    <message>
        <source>Check that the server trusts the CA that issued the client certificate.</source>
        <translation>Prüfen Sie, ob der Server der Zertifizierungsstelle vertraut, die das Client-Zertifikat ausgestellt hat.</translation>
    </message>
    <message>
        <source>The server rejected the client certificate after the handshake (alert %1)</source>
        <translation>Der Server hat das Client-Zertifikat nach dem Handshake abgelehnt (Alert %1)</translation>
    </message>
    <message>
        <source>The handshake completed, then the server ended the connection with alert %1, a reason cimdiag does not recognise</source>
        <translation>Der Handshake wurde abgeschlossen, dann beendete der Server die Verbindung mit Alert %1, einem Grund, den cimdiag nicht erkennt</translation>
    </message>
    <message>
        <source>%1 handshake OK; certificate verified (host name not checked)</source>
        <translation>%1-Handshake OK; Zertifikat geprüft (Hostname nicht geprüft)</translation>
    </message>
    <message>
        <source>%1 handshake OK; certificate verified for %2</source>
        <translation>%1-Handshake OK; Zertifikat für %2 geprüft</translation>
    </message>
    <message>
        <source>The server certificate does not match the pinned SHA-256 fingerprint</source>
        <translation>Das Serverzertifikat passt nicht zum gepinnten SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <source>Pinned: %1</source>
        <translation>Gepinnt: %1</translation>
    </message>
    <message>
        <source>%1; accepted because it matches the pinned SHA-256 fingerprint</source>
        <translation>%1; akzeptiert, weil es zum gepinnten SHA-256-Fingerabdruck passt</translation>
    </message>
    <message>
        <source>%1; accepted because the target ignores this error by explicit choice</source>
        <translation>%1; akzeptiert, weil das Ziel diesen Fehler ausdrücklich ignoriert</translation>
    </message>
    <message>
        <source>Verification was bypassed by explicit choice; the WBEM connection will go on.</source>
        <translation>Die Prüfung wurde ausdrücklich umgangen; die WBEM-Verbindung wird fortgesetzt.</translation>
    </message>
    <message>
        <source>Certificate is self-signed (verify code %1)</source>
        <translation>Zertifikat ist selbstsigniert (Prüfcode %1)</translation>
    </message>
    <message>
        <source>The chain ends in a CA that the trust store does not know (verify code %1)</source>
        <translation>Die Kette endet bei einer Zertifizierungsstelle, die der Truststore nicht kennt (Prüfcode %1)</translation>
    </message>
    <message>
        <source>The certificate&apos;s issuer is not in the trust store and the server did not send it (verify code %1)</source>
        <translation>Der Aussteller des Zertifikats ist nicht im Truststore, und der Server hat ihn nicht gesendet (Prüfcode %1)</translation>
    </message>
    <message>
        <source>Certificate expired on %1 (verify code %2)</source>
        <translation>Zertifikat ist am %1 abgelaufen (Prüfcode %2)</translation>
    </message>
    <message>
        <source>Certificate is not valid before %1 (verify code %2)</source>
        <translation>Zertifikat ist nicht vor %1 gültig (Prüfcode %2)</translation>
    </message>
    <message>
        <source>Certificate is not valid for %1 (verify code %2)</source>
        <translation>Zertifikat ist nicht für %1 gültig (Prüfcode %2)</translation>
    </message>
    <message>
        <source>Certificate key is too small (%1 bits, verify code %2)</source>
        <translation>Zertifikatsschlüssel ist zu klein (%1 Bit, Prüfcode %2)</translation>
    </message>
    <message>
        <source>Certificate is signed with a weak digest (%1, verify code %2)</source>
        <translation>Zertifikat ist mit einem schwachen Hashverfahren signiert (%1, Prüfcode %2)</translation>
    </message>
    <message>
        <source>Certificate verification failed: %1 (verify code %2)</source>
        <translation>Zertifikatsprüfung fehlgeschlagen: %1 (Prüfcode %2)</translation>
    </message>
    <message>
        <source>The certificate becomes valid in %1 (at %2, local clock %3): a server clock ahead of this one (or this clock behind) would explain it; check NTP on both</source>
        <translation>Das Zertifikat wird gültig in %1 (um %2, lokale Uhr %3): Eine vorgehende Serveruhr (oder eine nachgehende Uhr hier) würde das erklären; prüfen Sie NTP auf beiden Seiten</translation>
    </message>
    <message>
        <source>The certificate becomes valid in %1 (at %2, local clock %3)</source>
        <translation>Das Zertifikat wird gültig in %1 (um %2, lokale Uhr %3)</translation>
    </message>
    <message>
        <source>The certificate expired %1 ago (at %2, local clock %3)</source>
        <translation>Das Zertifikat ist seit %1 abgelaufen (um %2, lokale Uhr %3)</translation>
    </message>
    <message>
        <source>no subject alternative names; subject %1</source>
        <translation>keine alternativen Antragstellernamen; Antragsteller %1</translation>
    </message>
    <message>
        <source>The certificate names: %1; the name checked: %2</source>
        <translation>Das Zertifikat nennt: %1; geprüfter Name: %2</translation>
    </message>
    <message>
        <source>Connected by IP address: the certificate must list it as IP:%1, or connect by a name it lists</source>
        <translation>Verbindung per IP-Adresse: Das Zertifikat muss sie als IP:%1 aufführen, oder verbinden Sie sich über einen darin aufgeführten Namen</translation>
    </message>
    <message>
        <source>Further verification errors: %1</source>
        <translation>Weitere Prüffehler: %1</translation>
    </message>
    <message>
        <source>certificate expires in %1 (%2)</source>
        <translation>Zertifikat läuft in %1 ab (%2)</translation>
    </message>
    <message>
        <source>ephemeral DH group of only %1 bits</source>
        <translation>ephemere DH-Gruppe mit nur %1 Bit</translation>
    </message>
    <message>
        <source>no secure renegotiation (RFC 5746)</source>
        <translation>keine sichere Neuverhandlung (RFC 5746)</translation>
    </message>
    <message>
        <source>outdated protocol %1</source>
        <translation>veraltetes Protokoll %1</translation>
    </message>
    <message>
        <source>Negotiated %1, cipher %2 (%3 bits)</source>
        <translation>Ausgehandelt: %1, Cipher %2 (%3 Bit)</translation>
    </message>
    <message>
        <source>, key exchange %1 (%2 bits)</source>
        <translation>, Schlüsselaustausch %1 (%2 Bit)</translation>
    </message>
    <message>
        <source>[%1] %2; issuer %3; valid %4 to %5; %6 %7 bits; %8; SHA-256 %9</source>
        <translation>[%1] %2; Aussteller %3; gültig %4 bis %5; %6 %7 Bit; %8; SHA-256 %9</translation>
    </message>
    <message>
        <source>    [%1] verify error %2: %3</source>
        <translation>    [%1] Prüffehler %2: %3</translation>
    </message>
    <message>
        <source>Trust store: %1</source>
        <translation>Truststore: %1</translation>
    </message>
    <message>
        <source>The server asked for a client certificate; one was sent</source>
        <translation>Der Server hat ein Client-Zertifikat angefordert; eines wurde gesendet</translation>
    </message>
    <message>
        <source>The server asked for a client certificate; none was sent</source>
        <translation>Der Server hat ein Client-Zertifikat angefordert; keines wurde gesendet</translation>
    </message>
    <message>
        <source>HTTP over TLS answered: %1</source>
        <translation>HTTP über TLS antwortete: %1</translation>
    </message>
    <message>
        <source>Relaxed probe %1: handshake OK with %2</source>
        <translation>Gelockerter Test %1: Handshake OK mit %2</translation>
    </message>
    <message>
        <source>Relaxed probe %1: timed out</source>
        <translation>Gelockerter Test %1: Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Relaxed probe %1: still fails (%2)</source>
        <translation>Gelockerter Test %1: scheitert weiterhin (%2)</translation>
    </message>
    <message>
        <source>no OpenSSL reason</source>
        <translation>kein OpenSSL-Grund</translation>
    </message>
    <message>
        <source>Only the relaxation %1 makes the handshake work; it was used for this diagnosis only, never for credentials</source>
        <translation>Nur die Lockerung %1 lässt den Handshake gelingen; sie wurde nur für diese Diagnose verwendet, nie für Anmeldedaten</translation>
    </message>
</context>
<context>
    <name>cimdiag::AppTranslator</name>
    <message>
        <source>There is no %1 translation.</source>
        <translation>Es gibt keine Übersetzung für %1.</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuditTrail</name>
    <message>
        <source>cannot create the directory %1</source>
        <translation>das Verzeichnis %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>cannot lock %1: %2</source>
        <translation>%1 kann nicht gesperrt werden: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuditTrailDialog</name>
    <message>
        <source>Event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>Filtertext</translation>
    </message>
    <message>
        <source>Audit records</source>
        <translation>Audit-Einträge</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>Kette &amp;prüfen</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>Kette prüfen</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Audit Trail</source>
        <translation>Audit-Trail</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <source>Filter: server, user, class, path…</source>
        <translation>Filter: Server, Benutzer, Klasse, Pfad…</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Subtype</source>
        <translation>Untertyp</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Prüfergebnis</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>Audit trail file</source>
        <translation>Audit-Trail-Datei</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>&amp;Record the audit trail</source>
        <translation>Audit-Trail &amp;aufzeichnen</translation>
    </message>
    <message>
        <source>Record the audit trail</source>
        <translation>Audit-Trail aufzeichnen</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s).</source>
        <translation>
            <numerusform>%n Eintrag.</numerusform>
            <numerusform>%n Einträge.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the trail: %1</source>
        <translation>Audit-Trail kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Valid: %1 records, the hash chain is intact.</source>
        <translation>Gültig: %1 Einträge, die Hash-Kette ist intakt.</translation>
    </message>
    <message>
        <source>Broken at line %1: %2 (%3 records before it are intact)</source>
        <translation>Unterbrochen in Zeile %1: %2 (die %3 Einträge davor sind intakt)</translation>
    </message>
    <message>
        <source>Cannot change the setting: %1</source>
        <translation>Die Einstellung kann nicht geändert werden: %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuditVerifier</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the last line is incomplete (no line end): the file was cut or a write was torn</source>
        <translation>die letzte Zeile ist unvollständig (kein Zeilenende): Die Datei wurde abgeschnitten oder ein Schreibvorgang unterbrochen</translation>
    </message>
    <message>
        <source>empty line</source>
        <translation>leere Zeile</translation>
    </message>
    <message>
        <source>not a JSON record: %1 at column %2</source>
        <translation>kein JSON-Eintrag: %1 in Spalte %2</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is missing or invalid</source>
        <translation>Feld &quot;%1&quot; fehlt oder ist ungültig</translation>
    </message>
    <message>
        <source>the record was changed: its content does not match its hash</source>
        <translation>der Eintrag wurde verändert: Sein Inhalt passt nicht zu seinem Hash</translation>
    </message>
    <message>
        <source>the first record does not start the chain (a record before it was deleted?)</source>
        <translation>der erste Eintrag beginnt die Kette nicht (wurde ein Eintrag davor gelöscht?)</translation>
    </message>
    <message>
        <source>the chain is broken: &quot;prev&quot; is not the hash of line %1 (a record was deleted, inserted or moved)</source>
        <translation>die Kette ist unterbrochen: &quot;prev&quot; ist nicht der Hash von Zeile %1 (ein Eintrag wurde gelöscht, eingefügt oder verschoben)</translation>
    </message>
    <message>
        <source>sequence number %1 where %2 was expected</source>
        <translation>Sequenznummer %1, erwartet war %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuthenticationCheck</name>
    <message>
        <source>Sending a CIM request without credentials</source>
        <translation>Sende eine CIM-Anfrage ohne Anmeldedaten</translation>
    </message>
    <message>
        <source>Without credentials the server answers 401 and offers: %1 (realm &quot;%2&quot;)</source>
        <translation>Ohne Anmeldedaten antwortet der Server mit 401 und bietet an: %1 (Realm &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>The server does not offer HTTP Basic authentication (offers %1)</source>
        <translation>Der Server bietet keine HTTP-Basic-Authentifizierung an (bietet %1)</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>The server requires credentials (Basic, realm &quot;%1&quot;) and none were given</source>
        <translation>Der Server verlangt Anmeldedaten (Basic, Realm &quot;%1&quot;), und es wurden keine angegeben</translation>
    </message>
    <message>
        <source>Sending the same request with the CIM ticket</source>
        <translation>Sende dieselbe Anfrage mit dem CIM-Ticket</translation>
    </message>
    <message>
        <source>Sending the same request with the credentials of user &quot;%1&quot;</source>
        <translation>Sende dieselbe Anfrage mit den Anmeldedaten von Benutzer „%1“</translation>
    </message>
    <message>
        <source>The server answers CIM requests without asking for credentials</source>
        <translation>Der Server beantwortet CIM-Anfragen, ohne Anmeldedaten zu verlangen</translation>
    </message>
    <message>
        <source>A request without an Authorization header was processed (%1).</source>
        <translation>Eine Anfrage ohne Authorization-Header wurde verarbeitet (%1).</translation>
    </message>
    <message>
        <source>success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>The credentials given were not needed.</source>
        <translation>Die angegebenen Anmeldedaten wurden nicht benötigt.</translation>
    </message>
    <message>
        <source>The request without credentials failed</source>
        <translation>Die Anfrage ohne Anmeldedaten ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>the CIM ticket</source>
        <translation>das CIM-Ticket</translation>
    </message>
    <message>
        <source>user &quot;%1&quot;</source>
        <translation>Benutzer „%1“</translation>
    </message>
    <message>
        <source>Credentials accepted for %1 (Basic, realm &quot;%2&quot;)</source>
        <translation>Anmeldedaten für %1 akzeptiert (Basic, Realm &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>Credentials accepted for %1, but they crossed the network unencrypted (http://)</source>
        <translation>Anmeldedaten für %1 akzeptiert, aber sie gingen unverschlüsselt über das Netz (http://)</translation>
    </message>
    <message>
        <source>The probe operation itself answered %1; the next stages look at that.</source>
        <translation>Die Testoperation selbst antwortete %1; die nächsten Stufen untersuchen das.</translation>
    </message>
    <message>
        <source>The server rejected the Authorization header as malformed</source>
        <translation>Der Server hat den Authorization-Header als fehlerhaft abgelehnt</translation>
    </message>
    <message>
        <source>With credentials, the CIM request itself failed</source>
        <translation>Mit Anmeldedaten ist die CIM-Anfrage selbst fehlgeschlagen</translation>
    </message>
    <message>
        <source>OpenPegasus refuses remote logins of privileged users such as &quot;%1&quot;</source>
        <translation>OpenPegasus verweigert Remote-Anmeldungen privilegierter Benutzer wie „%1“</translation>
    </message>
    <message>
        <source>The CIM ticket was rejected (expired, used already, or issued for another host)</source>
        <translation>Das CIM-Ticket wurde abgelehnt (abgelaufen, bereits verwendet oder für einen anderen Host ausgestellt)</translation>
    </message>
    <message>
        <source>ESXi rejected root: lockdown mode, or a wrong password</source>
        <translation>ESXi hat root abgelehnt: Sperrmodus oder falsches Passwort</translation>
    </message>
    <message>
        <source>ESXi rejected user &quot;%1&quot;: missing CIM privilege, lockdown mode, or a wrong password</source>
        <translation>ESXi hat Benutzer „%1“ abgelehnt: fehlende CIM-Berechtigung, Sperrmodus oder falsches Passwort</translation>
    </message>
    <message>
        <source>The server rejected the credentials of user &quot;%1&quot; (realm &quot;%2&quot;)</source>
        <translation>Der Server hat die Anmeldedaten von Benutzer „%1“ abgelehnt (Realm &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>With the credentials sent, the server still answers 401.</source>
        <translation>Mit den gesendeten Anmeldedaten antwortet der Server weiterhin mit 401.</translation>
    </message>
</context>
<context>
    <name>cimdiag::CertificateChainView</name>
    <message>
        <source>Certificate chain</source>
        <translation>Zertifikatskette</translation>
    </message>
    <message>
        <source>Verification summary</source>
        <translation>Zusammenfassung der Prüfung</translation>
    </message>
    <message>
        <source>Certificates sent by the server, server certificate first</source>
        <translation>Vom Server gesendete Zertifikate, Serverzertifikat zuerst</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Antragsteller</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Subject alternative names</source>
        <translation>Alternative Antragstellernamen</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>Gültigkeit</translation>
    </message>
    <message>
        <source>Validity state</source>
        <translation>Gültigkeitsstatus</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Öffentlicher Schlüssel</translation>
    </message>
    <message>
        <source>Signature algorithm</source>
        <translation>Signaturalgorithmus</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck kopieren</translation>
    </message>
    <message>
        <source>Copy the SHA-256 fingerprint to the clipboard</source>
        <translation>Den SHA-256-Fingerabdruck in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Prüfergebnis</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate…</source>
        <translation>Diesem Zertifikat &amp;vertrauen…</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Diesem Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>Pins the server&apos;s certificate: only this exact certificate is accepted from then on</source>
        <translation>Pinnt das Serverzertifikat: Von da an wird nur genau dieses Zertifikat akzeptiert</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Antragsteller:</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <source>Alternative names:</source>
        <translation>Alternative Namen:</translation>
    </message>
    <message>
        <source>Validity:</source>
        <translation>Gültigkeit:</translation>
    </message>
    <message>
        <source>Public key:</source>
        <translation>Öffentlicher Schlüssel:</translation>
    </message>
    <message>
        <source>Signature algorithm:</source>
        <translation>Signaturalgorithmus:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <source>Verification:</source>
        <translation>Prüfung:</translation>
    </message>
    <message>
        <source>Details of the selected certificate</source>
        <translation>Details des ausgewählten Zertifikats</translation>
    </message>
    <message>
        <source>Trusting this certificate pins it: from now on only this exact certificate is accepted for this server, whatever the trust store says, and any other certificate (also a renewed one) is refused.

Do this only after comparing the fingerprint below with the one the server shows you through another channel (its console, its administrator). If they differ, someone may be intercepting the connection.

SHA-256 fingerprint:
%1</source>
        <translation>Wenn Sie diesem Zertifikat vertrauen, wird es gepinnt: Ab jetzt wird für diesen Server nur genau dieses Zertifikat akzeptiert, unabhängig vom Truststore, und jedes andere Zertifikat (auch ein erneuertes) wird abgelehnt.

Tun Sie dies nur, nachdem Sie den Fingerabdruck unten mit dem verglichen haben, den der Server Ihnen über einen anderen Kanal zeigt (seine Konsole, sein Administrator). Weichen sie ab, fängt möglicherweise jemand die Verbindung ab.

SHA-256-Fingerabdruck:
%1</translation>
    </message>
    <message>
        <source>Trust this certificate?</source>
        <translation>Diesem Zertifikat vertrauen?</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>Diesem Zertifikat &amp;vertrauen</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Geprüft</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>from %1 until %2 (UTC)</source>
        <translation>von %1 bis %2 (UTC)</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n bit(s)</source>
        <translation>
            <numerusform>%1, %n Bit</numerusform>
            <numerusform>%1, %n Bit</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the server&apos;s own certificate (the first in the chain) can be trusted</source>
        <translation>Nur dem eigenen Zertifikat des Servers (dem ersten in der Kette) kann vertraut werden</translation>
    </message>
    <message>
        <source>Accept exactly this certificate from this server from now on</source>
        <translation>Ab jetzt genau dieses Zertifikat von diesem Server akzeptieren</translation>
    </message>
    <message>
        <source>No TLS result yet.</source>
        <translation>Noch kein TLS-Ergebnis.</translation>
    </message>
    <message>
        <source>No connection: %1</source>
        <translation>Keine Verbindung: %1</translation>
    </message>
    <message>
        <source>The server sent no certificate.</source>
        <translation>Der Server hat kein Zertifikat gesendet.</translation>
    </message>
    <message>
        <source>The chain was verified.</source>
        <translation>Die Kette wurde erfolgreich geprüft.</translation>
    </message>
    <message>
        <source>The chain was verified against %1.</source>
        <translation>Die Kette wurde gegen %1 erfolgreich geprüft.</translation>
    </message>
    <message>
        <source>Verification failed: %1 (code %2).</source>
        <translation>Prüfung fehlgeschlagen: %1 (Code %2).</translation>
    </message>
    <message>
        <source>The server certificate matches the name %1.</source>
        <translation>Das Serverzertifikat passt zum Namen %1.</translation>
    </message>
    <message>
        <source>The server certificate does not match the name %1.</source>
        <translation>Das Serverzertifikat passt nicht zum Namen %1.</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>Noch nicht gültig</translation>
    </message>
    <message>
        <source>Currently valid</source>
        <translation>Derzeit gültig</translation>
    </message>
    <message>
        <source>Server (self-signed)</source>
        <translation>Server (selbstsigniert)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Root CA</source>
        <translation>Stammzertifizierungsstelle</translation>
    </message>
    <message>
        <source>Intermediate CA</source>
        <translation>Zwischenzertifizierungsstelle</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::CheckStatus</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
</context>
<context>
    <name>cimdiag::CliHostsRunner</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the line is longer than %1 bytes</source>
        <translation>die Zeile ist länger als %1 Bytes</translation>
    </message>
    <message>
        <source>%1 checked, %2 running</source>
        <translation>%1 geprüft, %2 laufen</translation>
    </message>
</context>
<context>
    <name>cimdiag::ConnectionProfileStore</name>
    <message>
        <source>the system keychain: %1</source>
        <translation>der Schlüsselbund des Systems: %1</translation>
    </message>
    <message>
        <source>error %1</source>
        <translation>Fehler %1</translation>
    </message>
    <message>
        <source>A profile needs a name.</source>
        <translation>Ein Profil braucht einen Namen.</translation>
    </message>
    <message>
        <source>The profile could not be written to %1.</source>
        <translation>Das Profil konnte nicht nach %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; was saved without its password: %2 could not store it.</source>
        <translation>Das Profil „%1“ wurde ohne Passwort gespeichert: %2 konnte es nicht speichern.</translation>
    </message>
    <message>
        <source>The password of &quot;%1&quot; could not be removed from %2.</source>
        <translation>Das Passwort von „%1“ konnte nicht aus %2 entfernt werden.</translation>
    </message>
    <message>
        <source>There is no profile &quot;%1&quot;.</source>
        <translation>Es gibt kein Profil „%1“.</translation>
    </message>
    <message>
        <source>The password of &quot;%1&quot; could not be read from %2.</source>
        <translation>Das Passwort von „%1“ konnte nicht aus %2 gelesen werden.</translation>
    </message>
</context>
<context>
    <name>cimdiag::DemoSimulator</name>
    <message>
        <source>cimdiag-sim did not report ready within %1 s.</source>
        <translation>cimdiag-sim hat sich nicht innerhalb von %1 s bereit gemeldet.</translation>
    </message>
    <message>
        <source>Cannot create a temporary directory: %1</source>
        <translation>Ein temporäres Verzeichnis kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>Scenario %1 needs the server&apos;s OpenSSL security level lowered, which only a process of its own can do: run cimdiag-sim --scenario %1 (cimdiag-sim was not found next to cimdiag).</source>
        <translation>Szenario %1 erfordert eine gesenkte OpenSSL-Sicherheitsstufe auf dem Server, was nur ein eigener Prozess kann: Führen Sie cimdiag-sim --scenario %1 aus (cimdiag-sim wurde nicht neben cimdiag gefunden).</translation>
    </message>
    <message>
        <source>cimdiag-sim: %1</source>
        <translation>cimdiag-sim: %1</translation>
    </message>
    <message>
        <source>cimdiag-sim exited (status %1): %2</source>
        <translation>cimdiag-sim wurde beendet (Status %1): %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosisWizard</name>
    <message>
        <source>CIM diagnosis</source>
        <translation>CIM-Diagnose</translation>
    </message>
    <message>
        <source>&amp;New diagnosis</source>
        <translation>&amp;Neue Diagnose</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fertigstellen</translation>
    </message>
    <message>
        <source>New diagnosis</source>
        <translation>Neue Diagnose</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Übernehmen</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosticCheck</name>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosticRunner</name>
    <message>
        <source>Diagnosing %1</source>
        <translation>Diagnose von %1</translation>
    </message>
    <message>
        <source>Re-running %1</source>
        <translation>%1 wird wiederholt</translation>
    </message>
    <message>
        <source>Cancelled by the user</source>
        <translation>Vom Benutzer abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Not run: needs %1, which %2</source>
        <translation>Nicht ausgeführt: benötigt %1 (Stufe %2)</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>did not run</source>
        <translation>nicht ausgeführt</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 s and was stopped</source>
        <translation>%1 wurde nicht innerhalb von %2 s fertig und wurde angehalten</translation>
    </message>
    <message>
        <source>Diagnosis finished in %1 ms: %2</source>
        <translation>Diagnose nach %1 ms abgeschlossen: %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosticStage</name>
    <message>
        <source>SLP discovery</source>
        <translation>SLP-Suche</translation>
    </message>
    <message>
        <source>Name resolution</source>
        <translation>Namensauflösung</translation>
    </message>
    <message>
        <source>TCP reachability</source>
        <translation>TCP-Erreichbarkeit</translation>
    </message>
    <message>
        <source>TLS handshake and certificate</source>
        <translation>TLS-Handshake und Zertifikat</translation>
    </message>
    <message>
        <source>HTTP and CIM-XML</source>
        <translation>HTTP und CIM-XML</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>Server identity and interop namespace</source>
        <translation>Serveridentität und Interop-Namensraum</translation>
    </message>
    <message>
        <source>Sample enumerate</source>
        <translation>Beispielenumeration</translation>
    </message>
    <message>
        <source>Indication listener</source>
        <translation>Indication-Listener</translation>
    </message>
</context>
<context>
    <name>cimdiag::Hint</name>
    <message>
        <source>SLP discovery switched off on ESXi</source>
        <extracomment>Failure mode A1, title</extracomment>
        <translation>SLP-Suche auf ESXi abgeschaltet</translation>
    </message>
    <message>
        <source>The host does not answer SLP: slpd is stopped or the CIMSLP firewall ruleset is off, which is the default since ESXi 7.0U2c and 8.0. The CIM server itself (TCP 5989) can still work.</source>
        <extracomment>Failure mode A1, cause</extracomment>
        <translation>Der Host beantwortet kein SLP: slpd ist gestoppt oder der Firewall-Regelsatz CIMSLP ist deaktiviert, was seit ESXi 7.0U2c und 8.0 die Vorgabe ist. Der CIM-Server selbst (TCP 5989) kann trotzdem funktionieren.</translation>
    </message>
    <message>
        <source>Enter the host name or IP and port 5989 directly instead of discovering it. Re-enable SLP only if your security policy allows it: slpd had serious vulnerabilities (CVE-2021-21974).</source>
        <extracomment>Failure mode A1, remedy</extracomment>
        <translation>Geben Sie Hostname oder IP-Adresse und Port 5989 direkt ein, statt den Server zu suchen. Aktivieren Sie SLP nur wieder, wenn Ihre Sicherheitsrichtlinie es erlaubt: slpd hatte schwere Sicherheitslücken (CVE-2021-21974).</translation>
    </message>
    <message>
        <source>OpenPegasus does not register with SLP</source>
        <extracomment>Failure mode A2, title</extracomment>
        <translation>OpenPegasus registriert sich nicht bei SLP</translation>
    </message>
    <message>
        <source>OpenPegasus ships with SLP registration off (slp=false), so SLP queries find nothing even when an SLP daemon runs on the host.</source>
        <extracomment>Failure mode A2, cause</extracomment>
        <translation>OpenPegasus wird mit abgeschalteter SLP-Registrierung ausgeliefert (slp=false), daher finden SLP-Abfragen nichts, selbst wenn auf dem Host ein SLP-Daemon läuft.</translation>
    </message>
    <message>
        <source>On the server run cimconfig -s slp=true -p and restart cimserver, or simply connect to the host and port directly.</source>
        <extracomment>Failure mode A2, remedy</extracomment>
        <translation>Führen Sie auf dem Server cimconfig -s slp=true -p aus und starten Sie cimserver neu, oder verbinden Sie sich einfach direkt mit Host und Port.</translation>
    </message>
    <message>
        <source>SFCB does not advertise via SLP (yet)</source>
        <extracomment>Failure mode A3, title</extracomment>
        <translation>SFCB kündigt sich (noch) nicht über SLP an</translation>
    </message>
    <message>
        <source>SFCB advertises only when built with SLP support and enableSlp is on in sfcb.cfg, and it refreshes its advert only every slpRefreshInterval (600 s by default), so the advert can be missing or late.</source>
        <extracomment>Failure mode A3, cause</extracomment>
        <translation>SFCB kündigt sich nur an, wenn es mit SLP-Unterstützung gebaut wurde und enableSlp in sfcb.cfg aktiv ist, und es erneuert die Ankündigung nur alle slpRefreshInterval (standardmäßig 600 s); die Ankündigung kann daher fehlen oder verspätet sein.</translation>
    </message>
    <message>
        <source>Wait up to the refresh interval or restart sfcbd. Check enableSlp and slpRefreshInterval in sfcb.cfg, or connect to the host directly.</source>
        <extracomment>Failure mode A3, remedy</extracomment>
        <translation>Warten Sie bis zu einem Aktualisierungsintervall oder starten Sie sfcbd neu. Prüfen Sie enableSlp und slpRefreshInterval in sfcb.cfg, oder verbinden Sie sich direkt mit dem Host.</translation>
    </message>
    <message>
        <source>SLP multicast does not reach the server</source>
        <extracomment>Failure mode A4, title</extracomment>
        <translation>SLP-Multicast erreicht den Server nicht</translation>
    </message>
    <message>
        <source>Multicast SLP requests (239.255.255.253) are usually not routed between VLANs or subnets, so servers elsewhere stay silent while a direct unicast query to their address works.</source>
        <extracomment>Failure mode A4, cause</extracomment>
        <translation>Multicast-SLP-Anfragen (239.255.255.253) werden meist nicht zwischen VLANs oder Subnetzen geroutet; Server anderswo bleiben daher stumm, während eine direkte Unicast-Abfrage an ihre Adresse funktioniert.</translation>
    </message>
    <message>
        <source>Query the server&apos;s IP directly (unicast), for example with slptool unicastfindsrvs IP service:wbem, or use an SLP Directory Agent that both networks can reach.</source>
        <extracomment>Failure mode A4, remedy</extracomment>
        <translation>Fragen Sie die IP-Adresse des Servers direkt ab (Unicast), zum Beispiel mit slptool unicastfindsrvs IP service:wbem, oder verwenden Sie einen SLP Directory Agent, den beide Netze erreichen.</translation>
    </message>
    <message>
        <source>SLP scope mismatch</source>
        <extracomment>Failure mode A5, title</extracomment>
        <translation>SLP-Scope stimmt nicht überein</translation>
    </message>
    <message>
        <source>The server answers only for its own SLP scopes. A unicast query for another scope gets error 4 (SCOPE_NOT_SUPPORTED) and multicast queries stay unanswered.</source>
        <extracomment>Failure mode A5, cause</extracomment>
        <translation>Der Server antwortet nur für seine eigenen SLP-Scopes. Eine Unicast-Abfrage für einen anderen Scope erhält Fehler 4 (SCOPE_NOT_SUPPORTED), Multicast-Abfragen bleiben unbeantwortet.</translation>
    </message>
    <message>
        <source>Query with the scope the server is configured for (often DEFAULT), or add your scope to the server&apos;s SLP configuration.</source>
        <extracomment>Failure mode A5, remedy</extracomment>
        <translation>Fragen Sie mit dem Scope ab, für den der Server konfiguriert ist (oft DEFAULT), oder fügen Sie Ihren Scope der SLP-Konfiguration des Servers hinzu.</translation>
    </message>
    <message>
        <source>Non-standard SLP attributes</source>
        <extracomment>Failure mode A6, title</extracomment>
        <translation>Nicht standardkonforme SLP-Attribute</translation>
    </message>
    <message>
        <source>Some servers spell the DSP0206 WBEM attributes differently, for example an interop namespace with a leading slash (/interop) or AuthenticationMechanismSupported without the final s. Strict parsers then miss the values.</source>
        <extracomment>Failure mode A6, cause</extracomment>
        <translation>Manche Server schreiben die WBEM-Attribute aus DSP0206 anders, zum Beispiel einen Interop-Namensraum mit führendem Schrägstrich (/interop) oder AuthenticationMechanismSupported ohne das abschließende s. Strenge Parser übersehen dann die Werte.</translation>
    </message>
    <message>
        <source>Nothing to fix on your side; cimdiag reads these attributes tolerantly. Report the deviation to the vendor if other tools fail.</source>
        <extracomment>Failure mode A6, remedy</extracomment>
        <translation>Auf Ihrer Seite ist nichts zu beheben; cimdiag liest diese Attribute tolerant. Melden Sie die Abweichung dem Hersteller, falls andere Werkzeuge scheitern.</translation>
    </message>
    <message>
        <source>Advertised service URL is unusable</source>
        <extracomment>Failure mode A7, title</extracomment>
        <translation>Angekündigte Dienst-URL ist unbrauchbar</translation>
    </message>
    <message>
        <source>The URL in the SLP advert does not work: it names the wrong network interface, a host name that does not resolve, or http while only https is enabled.</source>
        <extracomment>Failure mode A7, cause</extracomment>
        <translation>Die URL in der SLP-Ankündigung funktioniert nicht: Sie nennt die falsche Netzwerkschnittstelle, einen nicht auflösbaren Hostnamen oder http, obwohl nur https aktiviert ist.</translation>
    </message>
    <message>
        <source>Connect using the address the SLP reply came from and try both ports 5988 and 5989. On SFCB check which addresses are advertised (slpHostnameLib in sfcb.cfg).</source>
        <extracomment>Failure mode A7, remedy</extracomment>
        <translation>Verbinden Sie sich über die Adresse, von der die SLP-Antwort kam, und versuchen Sie beide Ports 5988 und 5989. Prüfen Sie bei SFCB, welche Adressen angekündigt werden (slpHostnameLib in sfcb.cfg).</translation>
    </message>
    <message>
        <source>Stale SLP advertisement</source>
        <extracomment>Failure mode A8, title</extracomment>
        <translation>Veraltete SLP-Ankündigung</translation>
    </message>
    <message>
        <source>A service is still listed (for example from a Directory Agent cache or a long advert lifetime) but nothing answers on its address any more; the server is gone or moved.</source>
        <extracomment>Failure mode A8, cause</extracomment>
        <translation>Ein Dienst ist noch aufgeführt (zum Beispiel aus dem Cache eines Directory Agent oder wegen einer langen Lebensdauer der Ankündigung), aber unter seiner Adresse antwortet nichts mehr; der Server ist weg oder umgezogen.</translation>
    </message>
    <message>
        <source>Treat the entry as stale: check the host is still in service, and remove or refresh it in the Directory Agent.</source>
        <extracomment>Failure mode A8, remedy</extracomment>
        <translation>Behandeln Sie den Eintrag als veraltet: Prüfen Sie, ob der Host noch in Betrieb ist, und entfernen oder aktualisieren Sie ihn im Directory Agent.</translation>
    </message>
    <message>
        <source>SLP replies are blocked on this computer</source>
        <extracomment>Failure mode A9, title</extracomment>
        <translation>SLP-Antworten werden auf diesem Computer blockiert</translation>
    </message>
    <message>
        <source>The server sends its unicast SLP reply, but a firewall on this computer drops incoming UDP packets from port 427, so discovery looks silent.</source>
        <extracomment>Failure mode A9, cause</extracomment>
        <translation>Der Server sendet seine Unicast-SLP-Antwort, aber eine Firewall auf diesem Computer verwirft eingehende UDP-Pakete von Port 427, sodass die Suche stumm bleibt.</translation>
    </message>
    <message>
        <source>Allow incoming UDP from source port 427 in the local firewall while discovering, or enter the server&apos;s address directly.</source>
        <extracomment>Failure mode A9, remedy</extracomment>
        <translation>Erlauben Sie während der Suche in der lokalen Firewall eingehendes UDP von Quellport 427, oder geben Sie die Adresse des Servers direkt ein.</translation>
    </message>
    <message>
        <source>SLP service exposed (security risk)</source>
        <extracomment>Failure mode A10, title</extracomment>
        <translation>SLP-Dienst erreichbar (Sicherheitsrisiko)</translation>
    </message>
    <message>
        <source>The host answers SLP. On ESXi, slpd had several critical remote-code-execution flaws (CVE-2019-5544, CVE-2020-3992, CVE-2021-21974; VMSA-2021-0002) exploited by ransomware such as ESXiArgs.</source>
        <extracomment>Failure mode A10, cause</extracomment>
        <translation>Der Host beantwortet SLP. Unter ESXi hatte slpd mehrere kritische Lücken zur Remote-Codeausführung (CVE-2019-5544, CVE-2020-3992, CVE-2021-21974; VMSA-2021-0002), die von Ransomware wie ESXiArgs ausgenutzt wurden.</translation>
    </message>
    <message>
        <source>Patch ESXi. Unless you need SLP, turn it off as VMware KB 76372 describes: /etc/init.d/slpd stop, esxcli network firewall ruleset set -r CIMSLP -e 0, chkconfig slpd off. Keep SLP off untrusted networks.</source>
        <extracomment>Failure mode A10, remedy</extracomment>
        <translation>Patchen Sie ESXi. Wenn Sie SLP nicht brauchen, schalten Sie es wie in VMware KB 76372 beschrieben ab: /etc/init.d/slpd stop, esxcli network firewall ruleset set -r CIMSLP -e 0, chkconfig slpd off. Halten Sie SLP von nicht vertrauenswürdigen Netzen fern.</translation>
    </message>
    <message>
        <source>Host name does not resolve</source>
        <extracomment>Failure mode B1, title</extracomment>
        <translation>Hostname lässt sich nicht auflösen</translation>
    </message>
    <message>
        <source>DNS (or the hosts file) has no address for the server name you entered, so no connection can be attempted.</source>
        <extracomment>Failure mode B1, cause</extracomment>
        <translation>DNS (oder die hosts-Datei) kennt keine Adresse für den eingegebenen Servernamen, daher kann keine Verbindung versucht werden.</translation>
    </message>
    <message>
        <source>Check the spelling, use the server&apos;s IP address, or fix the DNS entry.</source>
        <extracomment>Failure mode B1, remedy</extracomment>
        <translation>Prüfen Sie die Schreibweise, verwenden Sie die IP-Adresse des Servers oder korrigieren Sie den DNS-Eintrag.</translation>
    </message>
    <message>
        <source>Port closed on the server</source>
        <extracomment>Failure mode B2, title</extracomment>
        <translation>Port auf dem Server geschlossen</translation>
    </message>
    <message>
        <source>The host is up but nothing listens on the port, so the connection is refused. Typical: the ESXi CIM service is off (it starts only with a vendor CIM VIB), OpenPegasus with enableHttpConnection=false (5988 closed), or SFCB with enableHttps=false.</source>
        <extracomment>Failure mode B2, cause</extracomment>
        <translation>Der Host ist erreichbar, aber auf dem Port lauscht nichts, daher wird die Verbindung abgewiesen. Typisch: Der ESXi-CIM-Dienst ist aus (er startet nur mit einem CIM-VIB des Herstellers), OpenPegasus mit enableHttpConnection=false (5988 geschlossen) oder SFCB mit enableHttps=false.</translation>
    </message>
    <message>
        <source>Start or enable the CIM service and the port on the server, or try the other port (5988 http, 5989 https).</source>
        <extracomment>Failure mode B2, remedy</extracomment>
        <translation>Starten oder aktivieren Sie den CIM-Dienst und den Port auf dem Server, oder versuchen Sie den anderen Port (5988 http, 5989 https).</translation>
    </message>
    <message>
        <source>Connection silently filtered</source>
        <extracomment>Failure mode B3, title</extracomment>
        <translation>Verbindung wird stillschweigend gefiltert</translation>
    </message>
    <message>
        <source>The connection attempt gets no answer at all until it times out, which is what a firewall that drops packets does: the ESXi CIMHttpsServer or CIMHttpServer ruleset or its allowed-IP list, a network ACL, or firewalld without the wbem services.</source>
        <extracomment>Failure mode B3, cause</extracomment>
        <translation>Der Verbindungsversuch erhält bis zur Zeitüberschreitung überhaupt keine Antwort; so verhält sich eine Firewall, die Pakete verwirft: der ESXi-Regelsatz CIMHttpsServer oder CIMHttpServer bzw. dessen Liste erlaubter IPs, eine Netzwerk-ACL oder firewalld ohne die wbem-Dienste.</translation>
    </message>
    <message>
        <source>Open the port on the way: on ESXi esxcli network firewall ruleset set -r CIMHttpsServer -e true (and check its allowed IPs); on firewalld firewall-cmd --permanent --add-service=wbem-https, then firewall-cmd --reload (without --permanent the rule is lost at the next reload or reboot); and check network ACLs.</source>
        <extracomment>Failure mode B3, remedy</extracomment>
        <translation>Öffnen Sie den Port auf dem Weg: unter ESXi esxcli network firewall ruleset set -r CIMHttpsServer -e true (und prüfen Sie die erlaubten IPs); bei firewalld firewall-cmd --permanent --add-service=wbem-https, danach firewall-cmd --reload (ohne --permanent geht die Regel beim nächsten Reload oder Neustart verloren); prüfen Sie außerdem Netzwerk-ACLs.</translation>
    </message>
    <message>
        <source>Connection rejected by a router or firewall</source>
        <extracomment>Failure mode B4, title</extracomment>
        <translation>Verbindung von Router oder Firewall abgewiesen</translation>
    </message>
    <message>
        <source>A device on the path answered with an ICMP error (host or network unreachable, or administratively prohibited), so the connection failed at once without reaching the server.</source>
        <extracomment>Failure mode B4, cause</extracomment>
        <translation>Ein Gerät auf dem Weg antwortete mit einem ICMP-Fehler (Host oder Netz nicht erreichbar oder administrativ verboten), daher schlug die Verbindung sofort fehl, ohne den Server zu erreichen.</translation>
    </message>
    <message>
        <source>Look at which device sent the rejection (the diagnosis shows its address) and ask its administrator to allow the traffic, or fix the route.</source>
        <extracomment>Failure mode B4, remedy</extracomment>
        <translation>Stellen Sie fest, welches Gerät die Abweisung gesendet hat (die Diagnose zeigt seine Adresse), und bitten Sie dessen Administrator, den Verkehr zuzulassen, oder korrigieren Sie die Route.</translation>
    </message>
    <message>
        <source>Connection reset without an answer</source>
        <extracomment>Failure mode B5, title</extracomment>
        <translation>Verbindung ohne Antwort zurückgesetzt</translation>
    </message>
    <message>
        <source>The server accepted the connection and then closed or reset it without sending anything. Typical for a crashed or hung CIM server process, for example sfcbd on ESXi 6.7.</source>
        <extracomment>Failure mode B5, cause</extracomment>
        <translation>Der Server nahm die Verbindung an und schloss oder setzte sie dann zurück, ohne etwas zu senden. Typisch für einen abgestürzten oder hängenden CIM-Serverprozess, zum Beispiel sfcbd auf ESXi 6.7.</translation>
    </message>
    <message>
        <source>Restart the CIM service; on ESXi run /etc/init.d/sfcbd-watchdog restart. If it recurs, check the host&apos;s logs and vendor provider VIBs.</source>
        <extracomment>Failure mode B5, remedy</extracomment>
        <translation>Starten Sie den CIM-Dienst neu; unter ESXi mit /etc/init.d/sfcbd-watchdog restart. Tritt es erneut auf, prüfen Sie die Protokolle des Hosts und die Provider-VIBs des Herstellers.</translation>
    </message>
    <message>
        <source>Server accepts but never answers</source>
        <extracomment>Failure mode B6, title</extracomment>
        <translation>Server nimmt an, antwortet aber nie</translation>
    </message>
    <message>
        <source>TCP (and TLS) work, but no HTTP answer comes before the timeout. Usually a CIM provider hangs the server, for example a faulty vendor provider VIB on ESXi.</source>
        <extracomment>Failure mode B6, cause</extracomment>
        <translation>TCP (und TLS) funktionieren, aber vor der Zeitüberschreitung kommt keine HTTP-Antwort. Meist blockiert ein CIM-Provider den Server, zum Beispiel ein fehlerhaftes Provider-VIB eines Herstellers auf ESXi.</translation>
    </message>
    <message>
        <source>Restart the CIM service (/etc/init.d/sfcbd-watchdog restart on ESXi) and update or remove the faulty vendor VIB or provider.</source>
        <extracomment>Failure mode B6, remedy</extracomment>
        <translation>Starten Sie den CIM-Dienst neu (/etc/init.d/sfcbd-watchdog restart unter ESXi) und aktualisieren oder entfernen Sie das fehlerhafte Hersteller-VIB bzw. den Provider.</translation>
    </message>
    <message>
        <source>Works over one IP version only</source>
        <extracomment>Failure mode B7, title</extracomment>
        <translation>Funktioniert nur über eine IP-Version</translation>
    </message>
    <message>
        <source>The name resolves to IPv4 and IPv6 addresses but the CIM server listens on only one family (SFCB ip4AddrList/ip6AddrList, OpenPegasus listenAddress), so one of them fails.</source>
        <extracomment>Failure mode B7, cause</extracomment>
        <translation>Der Name wird in IPv4- und IPv6-Adressen aufgelöst, aber der CIM-Server lauscht nur auf einer Adressfamilie (SFCB ip4AddrList/ip6AddrList, OpenPegasus listenAddress), daher schlägt eine davon fehl.</translation>
    </message>
    <message>
        <source>Connect using the address family that works, or configure the server to listen on both.</source>
        <extracomment>Failure mode B7, remedy</extracomment>
        <translation>Verbinden Sie sich über die funktionierende Adressfamilie, oder konfigurieren Sie den Server so, dass er auf beiden lauscht.</translation>
    </message>
    <message>
        <source>A proxy is in the way</source>
        <extracomment>Failure mode B8, title</extracomment>
        <translation>Ein Proxy ist im Weg</translation>
    </message>
    <message>
        <source>The request went through an HTTP proxy: it asked for proxy authentication (407), added a Via header, or presented a certificate issued by a proxy CA instead of the server&apos;s.</source>
        <extracomment>Failure mode B8, cause</extracomment>
        <translation>Die Anfrage lief über einen HTTP-Proxy: Er verlangte Proxy-Authentifizierung (407), fügte einen Via-Header hinzu oder legte ein von einer Proxy-CA ausgestelltes Zertifikat statt des Serverzertifikats vor.</translation>
    </message>
    <message>
        <source>Bypass the proxy for the CIM server (add it to the NoProxy / no_proxy list) or provide the proxy credentials.</source>
        <extracomment>Failure mode B8, remedy</extracomment>
        <translation>Umgehen Sie den Proxy für den CIM-Server (tragen Sie ihn in die Liste NoProxy / no_proxy ein) oder geben Sie die Anmeldedaten für den Proxy an.</translation>
    </message>
    <message>
        <source>TLS sent to a plain HTTP port</source>
        <extracomment>Failure mode C1, title</extracomment>
        <translation>TLS an einen reinen HTTP-Port gesendet</translation>
    </message>
    <message>
        <source>The client spoke TLS (https) to a port that speaks plain HTTP, typically 5988; the server answered in clear text, which shows as a wrong version number error.</source>
        <extracomment>Failure mode C1, cause</extracomment>
        <translation>Der Client sprach TLS (https) mit einem Port, der reines HTTP spricht, typischerweise 5988; der Server antwortete im Klartext, was als Fehler „wrong version number“ erscheint.</translation>
    </message>
    <message>
        <source>Use https with port 5989, or http:// with port 5988.</source>
        <extracomment>Failure mode C1, remedy</extracomment>
        <translation>Verwenden Sie https mit Port 5989 oder http:// mit Port 5988.</translation>
    </message>
    <message>
        <source>Plain HTTP sent to a TLS port</source>
        <extracomment>Failure mode C2, title</extracomment>
        <translation>Reines HTTP an einen TLS-Port gesendet</translation>
    </message>
    <message>
        <source>The client sent plain HTTP to a port that expects TLS, typically 5989; the server answered with an empty reply, a reset or TLS bytes.</source>
        <extracomment>Failure mode C2, cause</extracomment>
        <translation>Der Client sendete reines HTTP an einen Port, der TLS erwartet, typischerweise 5989; der Server antwortete mit einer leeren Antwort, einem Reset oder TLS-Bytes.</translation>
    </message>
    <message>
        <source>Use https:// for port 5989, or port 5988 for plain http.</source>
        <extracomment>Failure mode C2, remedy</extracomment>
        <translation>Verwenden Sie https:// für Port 5989 oder Port 5988 für reines http.</translation>
    </message>
    <message>
        <source>Server supports only old TLS versions</source>
        <extracomment>Failure mode C3, title</extracomment>
        <translation>Server unterstützt nur alte TLS-Versionen</translation>
    </message>
    <message>
        <source>The server offers only SSLv3, TLS 1.0 or 1.1, common on old BMC and storage firmware. Current OpenSSL refuses these by default, so the handshake fails with a protocol version error.</source>
        <extracomment>Failure mode C3, cause</extracomment>
        <translation>Der Server bietet nur SSLv3, TLS 1.0 oder 1.1 an, häufig bei alter BMC- und Storage-Firmware. Aktuelles OpenSSL lehnt diese standardmäßig ab, daher scheitert der Handshake mit einem Protokollversionsfehler.</translation>
    </message>
    <message>
        <source>Update the server or BMC firmware, or enable TLS 1.2 on it (OpenPegasus: check sslBackwardCompatibility). cimdiag can re-probe with old protocols allowed for diagnosis only and says so.</source>
        <extracomment>Failure mode C3, remedy</extracomment>
        <translation>Aktualisieren Sie die Firmware von Server oder BMC, oder aktivieren Sie dort TLS 1.2 (OpenPegasus: sslBackwardCompatibility prüfen). cimdiag kann nur zu Diagnosezwecken erneut mit erlaubten alten Protokollen testen und weist darauf hin.</translation>
    </message>
    <message>
        <source>Server uses weak Diffie-Hellman parameters</source>
        <extracomment>Failure mode C4, title</extracomment>
        <translation>Server verwendet schwache Diffie-Hellman-Parameter</translation>
    </message>
    <message>
        <source>The server offers DHE key exchange with parameters shorter than 2048 bits, which OpenSSL rejects with dh key too small.</source>
        <extracomment>Failure mode C4, cause</extracomment>
        <translation>Der Server bietet DHE-Schlüsselaustausch mit Parametern unter 2048 Bit an, die OpenSSL mit „dh key too small“ ablehnt.</translation>
    </message>
    <message>
        <source>On the server configure 2048-bit or larger DH parameters or prefer ECDHE ciphers. As a client-side workaround exclude DHE ciphers.</source>
        <extracomment>Failure mode C4, remedy</extracomment>
        <translation>Konfigurieren Sie auf dem Server DH-Parameter mit 2048 Bit oder mehr oder bevorzugen Sie ECDHE-Cipher. Als Umgehung auf Clientseite schließen Sie DHE-Cipher aus.</translation>
    </message>
    <message>
        <source>Server certificate key is too short</source>
        <extracomment>Failure mode C5, title</extracomment>
        <translation>Schlüssel des Serverzertifikats ist zu kurz</translation>
    </message>
    <message>
        <source>The server certificate has an RSA key shorter than 2048 bits. OpenSSL at security level 2, the default on Debian and other current distributions, refuses every such key (ee key too small).</source>
        <extracomment>Failure mode C5, cause</extracomment>
        <translation>Das Serverzertifikat hat einen RSA-Schlüssel unter 2048 Bit. OpenSSL lehnt auf Sicherheitsstufe 2, der Vorgabe unter Debian und anderen aktuellen Distributionen, jeden solchen Schlüssel ab (ee key too small).</translation>
    </message>
    <message>
        <source>Issue a new server certificate with an RSA key of at least 2048 bits (or an EC key) and install it on the server.</source>
        <extracomment>Failure mode C5, remedy</extracomment>
        <translation>Stellen Sie ein neues Serverzertifikat mit einem RSA-Schlüssel von mindestens 2048 Bit (oder einem EC-Schlüssel) aus und installieren Sie es auf dem Server.</translation>
    </message>
    <message>
        <source>Certificate signed with SHA-1 or MD5</source>
        <extracomment>Failure mode C6, title</extracomment>
        <translation>Zertifikat mit SHA-1 oder MD5 signiert</translation>
    </message>
    <message>
        <source>The server certificate or its chain is signed with SHA-1 or MD5, which current OpenSSL treats as too weak (ca md too weak).</source>
        <extracomment>Failure mode C6, cause</extracomment>
        <translation>Das Serverzertifikat oder seine Kette ist mit SHA-1 oder MD5 signiert, was aktuelles OpenSSL als zu schwach einstuft (ca md too weak).</translation>
    </message>
    <message>
        <source>Re-issue the certificate with a SHA-256 signature and install it on the server.</source>
        <extracomment>Failure mode C6, remedy</extracomment>
        <translation>Stellen Sie das Zertifikat mit einer SHA-256-Signatur neu aus und installieren Sie es auf dem Server.</translation>
    </message>
    <message>
        <source>Self-signed server certificate</source>
        <extracomment>Failure mode C7, title</extracomment>
        <translation>Selbstsigniertes Serverzertifikat</translation>
    </message>
    <message>
        <source>The server uses a self-signed certificate, the default of SFCB, OpenPegasus and standalone ESXi, so no trusted CA vouches for it.</source>
        <extracomment>Failure mode C7, cause</extracomment>
        <translation>Der Server verwendet ein selbstsigniertes Zertifikat, die Vorgabe bei SFCB, OpenPegasus und eigenständigem ESXi; daher bürgt keine vertrauenswürdige Zertifizierungsstelle dafür.</translation>
    </message>
    <message>
        <source>Compare the SHA-256 fingerprint with the one shown on the server and trust it (pin it), or import the issuing CA (the VMCA root for vCenter-managed ESXi). Better: install a CA-signed certificate.</source>
        <extracomment>Failure mode C7, remedy</extracomment>
        <translation>Vergleichen Sie den SHA-256-Fingerabdruck mit dem auf dem Server angezeigten und vertrauen Sie ihm (Pinning), oder importieren Sie die ausstellende Zertifizierungsstelle (das VMCA-Stammzertifikat bei von vCenter verwaltetem ESXi). Besser: Installieren Sie ein von einer Zertifizierungsstelle signiertes Zertifikat.</translation>
    </message>
    <message>
        <source>Certificate chain incomplete</source>
        <extracomment>Failure mode C8, title</extracomment>
        <translation>Zertifikatskette unvollständig</translation>
    </message>
    <message>
        <source>The server sends its certificate without the intermediate CA certificate(s), so the chain cannot be built up to a trusted root.</source>
        <extracomment>Failure mode C8, cause</extracomment>
        <translation>Der Server sendet sein Zertifikat ohne das bzw. die Zwischenzertifikate, daher lässt sich die Kette nicht bis zu einem vertrauenswürdigen Stammzertifikat aufbauen.</translation>
    </message>
    <message>
        <source>Configure the server to send the full chain (leaf plus intermediates), or import the intermediate CA on the client.</source>
        <extracomment>Failure mode C8, remedy</extracomment>
        <translation>Konfigurieren Sie den Server so, dass er die vollständige Kette sendet (Endzertifikat plus Zwischenzertifikate), oder importieren Sie die Zwischenzertifizierungsstelle auf dem Client.</translation>
    </message>
    <message>
        <source>Certificate expired, not yet valid or about to expire</source>
        <extracomment>Failure mode C9, title</extracomment>
        <translation>Zertifikat abgelaufen, noch nicht gültig oder läuft bald ab</translation>
    </message>
    <message>
        <source>The server certificate is outside its validity dates or its end date is close (cimdiag warns 30 days ahead). Often it really expired or nobody renewed it in time; sometimes a clock is wrong, for example a BMC with a drifted clock makes a new certificate look not yet valid.</source>
        <extracomment>Failure mode C9, cause</extracomment>
        <translation>Das Serverzertifikat liegt außerhalb seines Gültigkeitszeitraums oder sein Ablaufdatum ist nahe (cimdiag warnt 30 Tage vorher). Oft ist es tatsächlich abgelaufen oder wurde nicht rechtzeitig erneuert; manchmal geht eine Uhr falsch, zum Beispiel lässt ein BMC mit abgedrifteter Uhr ein neues Zertifikat als noch nicht gültig erscheinen.</translation>
    </message>
    <message>
        <source>Renew the server certificate before its end date (at once if it has expired). Compare both clocks with the dates shown and configure NTP on the server or BMC.</source>
        <extracomment>Failure mode C9, remedy</extracomment>
        <translation>Erneuern Sie das Serverzertifikat vor seinem Ablaufdatum (sofort, wenn es abgelaufen ist). Vergleichen Sie beide Uhren mit den angezeigten Daten und konfigurieren Sie NTP auf dem Server bzw. BMC.</translation>
    </message>
    <message>
        <source>Certificate does not match the host name</source>
        <extracomment>Failure mode C10, title</extracomment>
        <translation>Zertifikat passt nicht zum Hostnamen</translation>
    </message>
    <message>
        <source>The name or IP you connected to is not in the certificate, for example CN localhost.localdomain, a host renamed after the certificate was made, or a connection by IP while the certificate lists only names.</source>
        <extracomment>Failure mode C10, cause</extracomment>
        <translation>Der Name oder die IP-Adresse, mit der Sie sich verbunden haben, steht nicht im Zertifikat, zum Beispiel CN localhost.localdomain, ein nach der Zertifikatserstellung umbenannter Host oder eine Verbindung per IP, während das Zertifikat nur Namen enthält.</translation>
    </message>
    <message>
        <source>Connect using a name listed in the certificate, regenerate the certificate after a rename, or pin the certificate fingerprint.</source>
        <extracomment>Failure mode C10, remedy</extracomment>
        <translation>Verbinden Sie sich über einen im Zertifikat aufgeführten Namen, erzeugen Sie das Zertifikat nach einer Umbenennung neu oder pinnen Sie den Fingerabdruck des Zertifikats.</translation>
    </message>
    <message>
        <source>Server lacks secure renegotiation</source>
        <extracomment>Failure mode C11, title</extracomment>
        <translation>Server fehlt sichere Neuverhandlung</translation>
    </message>
    <message>
        <source>The server does not support RFC 5746 secure renegotiation, so OpenSSL 3 refuses the handshake (unsafe legacy renegotiation disabled). Typical of old embedded TLS stacks.</source>
        <extracomment>Failure mode C11, cause</extracomment>
        <translation>Der Server unterstützt keine sichere Neuverhandlung nach RFC 5746, daher lehnt OpenSSL 3 den Handshake ab (unsafe legacy renegotiation disabled). Typisch für alte eingebettete TLS-Stacks.</translation>
    </message>
    <message>
        <source>Update the server firmware or TLS library. For diagnosis only, OpenSSL can be told to allow it (UnsafeLegacyServerConnect); do not keep that setting.</source>
        <extracomment>Failure mode C11, remedy</extracomment>
        <translation>Aktualisieren Sie die Server-Firmware oder die TLS-Bibliothek. Nur zur Diagnose kann man OpenSSL anweisen, es zu erlauben (UnsafeLegacyServerConnect); behalten Sie diese Einstellung nicht bei.</translation>
    </message>
    <message>
        <source>No common TLS cipher or curve</source>
        <extracomment>Failure mode C12, title</extracomment>
        <translation>Kein gemeinsamer TLS-Cipher oder keine gemeinsame Kurve</translation>
    </message>
    <message>
        <source>Client and server share no cipher suite or key-exchange group, so the handshake fails with handshake_failure. SFCB&apos;s default sslEcDhCurveName=secp224r1 is one known risk.</source>
        <extracomment>Failure mode C12, cause</extracomment>
        <translation>Client und Server haben keine gemeinsame Cipher-Suite oder Schlüsselaustauschgruppe, daher scheitert der Handshake mit handshake_failure. Die SFCB-Vorgabe sslEcDhCurveName=secp224r1 ist ein bekanntes Risiko.</translation>
    </message>
    <message>
        <source>Compare the lists cimdiag shows and enable a modern cipher and curve on the server (on SFCB set sslCiphers and sslEcDhCurveName, for example to prime256v1, in sfcb.cfg).</source>
        <extracomment>Failure mode C12, remedy</extracomment>
        <translation>Vergleichen Sie die von cimdiag angezeigten Listen und aktivieren Sie auf dem Server einen modernen Cipher und eine moderne Kurve (bei SFCB sslCiphers und sslEcDhCurveName in sfcb.cfg setzen, zum Beispiel auf prime256v1).</translation>
    </message>
    <message>
        <source>Server requires a client certificate</source>
        <extracomment>Failure mode C13, title</extracomment>
        <translation>Server verlangt ein Client-Zertifikat</translation>
    </message>
    <message>
        <source>The server demands a TLS client certificate and closes the handshake without one (SFCB sslClientCertificate=require, OpenPegasus sslClientVerificationMode=required).</source>
        <extracomment>Failure mode C13, cause</extracomment>
        <translation>Der Server verlangt ein TLS-Client-Zertifikat und beendet den Handshake ohne eines (SFCB sslClientCertificate=require, OpenPegasus sslClientVerificationMode=required).</translation>
    </message>
    <message>
        <source>Provide a client certificate the server trusts, or relax the setting on the server (sslClientCertificate=ignore or accept in sfcb.cfg, sslClientVerificationMode=disabled or optional in OpenPegasus).</source>
        <extracomment>Failure mode C13, remedy</extracomment>
        <translation>Stellen Sie ein Client-Zertifikat bereit, dem der Server vertraut, oder lockern Sie die Einstellung auf dem Server (sslClientCertificate=ignore oder accept in sfcb.cfg, sslClientVerificationMode=disabled oder optional in OpenPegasus).</translation>
    </message>
    <message>
        <source>Outdated TLS library on the client</source>
        <extracomment>Failure mode C14, title</extracomment>
        <translation>Veraltete TLS-Bibliothek auf dem Client</translation>
    </message>
    <message>
        <source>The client&apos;s OpenSSL is too old for the server&apos;s TLS settings and fails with internal errors such as EC lib.</source>
        <extracomment>Failure mode C14, cause</extracomment>
        <translation>Das OpenSSL des Clients ist zu alt für die TLS-Einstellungen des Servers und scheitert mit internen Fehlern wie EC lib.</translation>
    </message>
    <message>
        <source>Update OpenSSL (or the client tool that bundles it) on the computer running the client.</source>
        <extracomment>Failure mode C14, remedy</extracomment>
        <translation>Aktualisieren Sie OpenSSL (oder das Client-Werkzeug, das es mitbringt) auf dem Computer, auf dem der Client läuft.</translation>
    </message>
    <message>
        <source>Wrong user name or password</source>
        <extracomment>Failure mode D1, title</extracomment>
        <translation>Falscher Benutzername oder falsches Passwort</translation>
    </message>
    <message>
        <source>The server rejected the credentials: it answered 401 again after the user name and password were sent.</source>
        <extracomment>Failure mode D1, cause</extracomment>
        <translation>Der Server hat die Anmeldedaten abgelehnt: Er antwortete erneut mit 401, nachdem Benutzername und Passwort gesendet wurden.</translation>
    </message>
    <message>
        <source>Re-enter the user name and password. On a command line, quote passwords containing $ ! ? or spaces, because the shell changes them.</source>
        <extracomment>Failure mode D1, remedy</extracomment>
        <translation>Geben Sie Benutzername und Passwort erneut ein. Setzen Sie auf der Kommandozeile Passwörter mit $ ! ? oder Leerzeichen in Anführungszeichen, weil die Shell sie sonst verändert.</translation>
    </message>
    <message>
        <source>User lacks the CIM privilege on ESXi</source>
        <extracomment>Failure mode D2, title</extracomment>
        <translation>Benutzer fehlt die CIM-Berechtigung auf ESXi</translation>
    </message>
    <message>
        <source>ESXi accepts the password but only root or users whose role has the CIM privilege may use CIM, so the server answers 401 for other accounts.</source>
        <extracomment>Failure mode D2, cause</extracomment>
        <translation>ESXi akzeptiert das Passwort, aber nur root oder Benutzer, deren Rolle die CIM-Berechtigung hat, dürfen CIM verwenden; für andere Konten antwortet der Server mit 401.</translation>
    </message>
    <message>
        <source>Give the user a role with Host.CIM.CIMInteraction (plus Host.Config.SystemManagement for changes), or use a CIM ticket from vCenter.</source>
        <extracomment>Failure mode D2, remedy</extracomment>
        <translation>Geben Sie dem Benutzer eine Rolle mit Host.CIM.CIMInteraction (plus Host.Config.SystemManagement für Änderungen), oder verwenden Sie ein CIM-Ticket von vCenter.</translation>
    </message>
    <message>
        <source>ESXi lockdown mode rejects logins</source>
        <extracomment>Failure mode D3, title</extracomment>
        <translation>ESXi-Sperrmodus weist Anmeldungen ab</translation>
    </message>
    <message>
        <source>The ESXi host is in lockdown mode, so it refuses every local account with 401, root included.</source>
        <extracomment>Failure mode D3, cause</extracomment>
        <translation>Der ESXi-Host ist im Sperrmodus (Lockdown) und weist daher jedes lokale Konto mit 401 ab, auch root.</translation>
    </message>
    <message>
        <source>Get a CIM ticket from vCenter (AcquireCimServicesTicket) and use its session ID as both user name and password within 2 minutes, or take the host out of lockdown mode if policy allows.</source>
        <extracomment>Failure mode D3, remedy</extracomment>
        <translation>Holen Sie ein CIM-Ticket von vCenter (AcquireCimServicesTicket) und verwenden Sie dessen Sitzungs-ID innerhalb von 2 Minuten als Benutzername und Passwort, oder nehmen Sie den Host aus dem Sperrmodus, falls die Richtlinie es erlaubt.</translation>
    </message>
    <message>
        <source>OpenPegasus refuses remote root</source>
        <extracomment>Failure mode D4, title</extracomment>
        <translation>OpenPegasus weist Remote-root ab</translation>
    </message>
    <message>
        <source>OpenPegasus does not allow privileged users such as root to log in over the network unless enableRemotePrivilegedUserAccess is true; it answers 401 with the detail Remote privileged user access is not enabled.</source>
        <extracomment>Failure mode D4, cause</extracomment>
        <translation>OpenPegasus erlaubt privilegierten Benutzern wie root keine Anmeldung über das Netzwerk, sofern enableRemotePrivilegedUserAccess nicht true ist; es antwortet mit 401 und dem Detail Remote privileged user access is not enabled.</translation>
    </message>
    <message>
        <source>Use a non-root account, or on the server run cimconfig -s enableRemotePrivilegedUserAccess=true -p and restart cimserver.</source>
        <extracomment>Failure mode D4, remedy</extracomment>
        <translation>Verwenden Sie ein Konto außer root, oder führen Sie auf dem Server cimconfig -s enableRemotePrivilegedUserAccess=true -p aus und starten Sie cimserver neu.</translation>
    </message>
    <message>
        <source>No authentication method in common</source>
        <extracomment>Failure mode D5, title</extracomment>
        <translation>Keine gemeinsame Authentifizierungsmethode</translation>
    </message>
    <message>
        <source>The server&apos;s 401 challenge offers no method the client speaks, for example only Negotiate (Kerberos) and no Basic, so no credentials can work.</source>
        <extracomment>Failure mode D5, cause</extracomment>
        <translation>Die 401-Aufforderung des Servers bietet keine Methode an, die der Client beherrscht, zum Beispiel nur Negotiate (Kerberos) und kein Basic; daher können keine Anmeldedaten funktionieren.</translation>
    </message>
    <message>
        <source>Enable Basic authentication over HTTPS on the server, or use a client that supports the offered method. The diagnosis lists the methods offered.</source>
        <extracomment>Failure mode D5, remedy</extracomment>
        <translation>Aktivieren Sie Basic-Authentifizierung über HTTPS auf dem Server, oder verwenden Sie einen Client, der die angebotene Methode unterstützt. Die Diagnose listet die angebotenen Methoden auf.</translation>
    </message>
    <message>
        <source>Server requires no authentication</source>
        <extracomment>Failure mode D6, title</extracomment>
        <translation>Server verlangt keine Authentifizierung</translation>
    </message>
    <message>
        <source>The server answered without asking for credentials, so anyone who reaches the port can use it; SFCB does this with doBasicAuth=false.</source>
        <extracomment>Failure mode D6, cause</extracomment>
        <translation>Der Server antwortete, ohne Anmeldedaten zu verlangen; jeder, der den Port erreicht, kann ihn also nutzen. SFCB tut das mit doBasicAuth=false.</translation>
    </message>
    <message>
        <source>Security finding: enable authentication on the server (doBasicAuth=true in sfcb.cfg, enableAuthentication=true in OpenPegasus) and restrict access to the port.</source>
        <extracomment>Failure mode D6, remedy</extracomment>
        <translation>Sicherheitsbefund: Aktivieren Sie die Authentifizierung auf dem Server (doBasicAuth=true in sfcb.cfg, enableAuthentication=true in OpenPegasus) und beschränken Sie den Zugang zum Port.</translation>
    </message>
    <message>
        <source>Password with non-ASCII characters</source>
        <extracomment>Failure mode D7, title</extracomment>
        <translation>Passwort mit Nicht-ASCII-Zeichen</translation>
    </message>
    <message>
        <source>Basic authentication does not fix how non-ASCII characters are encoded, so client and server may encode the password differently (UTF-8 or Latin-1) and it is rejected.</source>
        <extracomment>Failure mode D7, cause</extracomment>
        <translation>Basic-Authentifizierung legt nicht fest, wie Nicht-ASCII-Zeichen kodiert werden; Client und Server kodieren das Passwort daher womöglich unterschiedlich (UTF-8 oder Latin-1), und es wird abgelehnt.</translation>
    </message>
    <message>
        <source>Try a password made of ASCII characters only to confirm; if it works, keep an ASCII-only password or use a client that encodes the password as the server expects (UTF-8 or Latin-1).</source>
        <extracomment>Failure mode D7, remedy</extracomment>
        <translation>Versuchen Sie zur Bestätigung ein Passwort nur aus ASCII-Zeichen; funktioniert es, behalten Sie ein reines ASCII-Passwort oder verwenden Sie einen Client, der das Passwort so kodiert, wie der Server es erwartet (UTF-8 oder Latin-1).</translation>
    </message>
    <message>
        <source>Malformed Authorization header</source>
        <extracomment>Failure mode D8, title</extracomment>
        <translation>Fehlerhafter Authorization-Header</translation>
    </message>
    <message>
        <source>The server could not read the client&apos;s Authorization header and answered 400 (Authorization header error). This is a client bug.</source>
        <extracomment>Failure mode D8, cause</extracomment>
        <translation>Der Server konnte den Authorization-Header des Clients nicht lesen und antwortete mit 400 (Authorization header error). Das ist ein Fehler des Clients.</translation>
    </message>
    <message>
        <source>Update or report the client software; check for stray characters in the user name or password settings.</source>
        <extracomment>Failure mode D8, remedy</extracomment>
        <translation>Aktualisieren Sie die Client-Software oder melden Sie den Fehler; prüfen Sie Benutzername und Passwort in den Einstellungen auf überflüssige Zeichen.</translation>
    </message>
    <message>
        <source>Access forbidden (403)</source>
        <extracomment>Failure mode D9, title</extracomment>
        <translation>Zugriff verboten (403)</translation>
    </message>
    <message>
        <source>The answer was 403 Forbidden. OpenPegasus and SFCB do not send this for CIM requests, so another program answers on the port: a proxy, a web interface or a vendor front end.</source>
        <extracomment>Failure mode D9, cause</extracomment>
        <translation>Die Antwort war 403 Forbidden. OpenPegasus und SFCB senden dies nicht für CIM-Anfragen, also antwortet ein anderes Programm auf dem Port: ein Proxy, eine Weboberfläche oder ein Hersteller-Frontend.</translation>
    </message>
    <message>
        <source>Check that the port really belongs to the CIM server (see the server identification) and whether a proxy or front end blocks you.</source>
        <extracomment>Failure mode D9, remedy</extracomment>
        <translation>Prüfen Sie, ob der Port wirklich zum CIM-Server gehört (siehe Server-Identifikation) und ob ein Proxy oder Frontend Sie blockiert.</translation>
    </message>
    <message>
        <source>Expect: 100-continue rejected</source>
        <extracomment>Failure mode D10, title</extracomment>
        <translation>Expect: 100-continue abgelehnt</translation>
    </message>
    <message>
        <source>The client sent an Expect: 100-continue header and SFCB answered 417 Expectation Failed, because it does not support it.</source>
        <extracomment>Failure mode D10, cause</extracomment>
        <translation>Der Client sendete einen Header Expect: 100-continue, und SFCB antwortete mit 417 Expectation Failed, weil es dies nicht unterstützt.</translation>
    </message>
    <message>
        <source>Configure the client not to send Expect: 100-continue (many HTTP libraries add it for large bodies).</source>
        <extracomment>Failure mode D10, remedy</extracomment>
        <translation>Konfigurieren Sie den Client so, dass er kein Expect: 100-continue sendet (viele HTTP-Bibliotheken fügen es bei großen Bodys hinzu).</translation>
    </message>
    <message>
        <source>Chunked request body rejected</source>
        <extracomment>Failure mode D11, title</extracomment>
        <translation>Request-Body in Chunks abgelehnt</translation>
    </message>
    <message>
        <source>The client sent the request body in chunks without a length, and SFCB answered 411 Length Required.</source>
        <extracomment>Failure mode D11, cause</extracomment>
        <translation>Der Client sendete den Request-Body in Chunks ohne Längenangabe, und SFCB antwortete mit 411 Length Required.</translation>
    </message>
    <message>
        <source>Configure the client to send a Content-Length header instead of chunked transfer encoding.</source>
        <extracomment>Failure mode D11, remedy</extracomment>
        <translation>Konfigurieren Sie den Client so, dass er einen Content-Length-Header statt Chunked Transfer-Encoding sendet.</translation>
    </message>
    <message>
        <source>Request rejected as malformed (plain 400)</source>
        <extracomment>Failure mode D12, title</extracomment>
        <translation>Anfrage als fehlerhaft abgelehnt (reines 400)</translation>
    </message>
    <message>
        <source>The server answered 400 without a CIM error: a required HTTP header was missing or wrong, such as Host, a Content-Type other than application/xml or text/xml with charset utf-8, or the CIMOperation header.</source>
        <extracomment>Failure mode D12, cause</extracomment>
        <translation>Der Server antwortete mit 400 ohne CIM-Fehler: Ein erforderlicher HTTP-Header fehlte oder war falsch, etwa Host, ein anderer Content-Type als application/xml oder text/xml mit charset utf-8, oder der CIMOperation-Header.</translation>
    </message>
    <message>
        <source>A client problem: update or report the client; the diagnosis shows the headers sent.</source>
        <extracomment>Failure mode D12, remedy</extracomment>
        <translation>Ein Client-Problem: Aktualisieren Sie den Client oder melden Sie den Fehler; die Diagnose zeigt die gesendeten Header.</translation>
    </message>
    <message>
        <source>CIM operation header not accepted</source>
        <extracomment>Failure mode D13, title</extracomment>
        <translation>CIM-Operation-Header nicht akzeptiert</translation>
    </message>
    <message>
        <source>The server answered 400 with CIMError unsupported-operation: the CIMOperation header did not say MethodCall.</source>
        <extracomment>Failure mode D13, cause</extracomment>
        <translation>Der Server antwortete mit 400 und CIMError unsupported-operation: Der CIMOperation-Header lautete nicht MethodCall.</translation>
    </message>
    <message>
        <source>A client bug: update or report the client.</source>
        <extracomment>Failure mode D13, remedy</extracomment>
        <translation>Ein Client-Fehler: Aktualisieren Sie den Client oder melden Sie den Fehler.</translation>
    </message>
    <message>
        <source>CIM headers do not match the request</source>
        <extracomment>Failure mode D14, title</extracomment>
        <translation>CIM-Header passen nicht zur Anfrage</translation>
    </message>
    <message>
        <source>The server answered 400 with CIMError header-mismatch: CIMMethod or CIMObject is missing or differs from the XML body, or the protocol versions disagree.</source>
        <extracomment>Failure mode D14, cause</extracomment>
        <translation>Der Server antwortete mit 400 und CIMError header-mismatch: CIMMethod oder CIMObject fehlt oder weicht vom XML-Body ab, oder die Protokollversionen stimmen nicht überein.</translation>
    </message>
    <message>
        <source>A client bug: compare the headers with the body (the diagnosis shows both) and report it to the client&apos;s maintainer.</source>
        <extracomment>Failure mode D14, remedy</extracomment>
        <translation>Ein Client-Fehler: Vergleichen Sie die Header mit dem Body (die Diagnose zeigt beides) und melden Sie es dem Betreuer des Clients.</translation>
    </message>
    <message>
        <source>Request body not valid CIM-XML</source>
        <extracomment>Failure mode D15, title</extracomment>
        <translation>Request-Body ist kein gültiges CIM-XML</translation>
    </message>
    <message>
        <source>The server answered 400 with CIMError request-not-valid or request-not-well-formed: the XML is broken or not valid CIM-XML, for example a namespace written with a leading slash.</source>
        <extracomment>Failure mode D15, cause</extracomment>
        <translation>Der Server antwortete mit 400 und CIMError request-not-valid oder request-not-well-formed: Das XML ist defekt oder kein gültiges CIM-XML, zum Beispiel ein mit führendem Schrägstrich geschriebener Namensraum.</translation>
    </message>
    <message>
        <source>Write namespaces without leading or trailing slashes (root/cimv2); otherwise update or report the client.</source>
        <extracomment>Failure mode D15, remedy</extracomment>
        <translation>Schreiben Sie Namensräume ohne führende oder abschließende Schrägstriche (root/cimv2); andernfalls aktualisieren Sie den Client oder melden den Fehler.</translation>
    </message>
    <message>
        <source>Protocol or version not supported</source>
        <extracomment>Failure mode D16, title</extracomment>
        <translation>Protokoll oder Version nicht unterstützt</translation>
    </message>
    <message>
        <source>The server answered 501 with a CIMError such as unsupported-protocol-version, unsupported-cim-version, unsupported-dtd-version or multiple-requests-unsupported.</source>
        <extracomment>Failure mode D16, cause</extracomment>
        <translation>Der Server antwortete mit 501 und einem CIMError wie unsupported-protocol-version, unsupported-cim-version, unsupported-dtd-version oder multiple-requests-unsupported.</translation>
    </message>
    <message>
        <source>Use a client that sends CIMVERSION 2.0, DTDVERSION 2.0, PROTOCOLVERSION 1.0 and one request per message (no batching).</source>
        <extracomment>Failure mode D16, remedy</extracomment>
        <translation>Verwenden Sie einen Client, der CIMVERSION 2.0, DTDVERSION 2.0, PROTOCOLVERSION 1.0 und eine Anfrage pro Nachricht sendet (kein Batching).</translation>
    </message>
    <message>
        <source>M-POST not accepted</source>
        <extracomment>Failure mode D17, title</extracomment>
        <translation>M-POST nicht akzeptiert</translation>
    </message>
    <message>
        <source>The server rejected the M-POST method (501, 510 or 405). Some servers accept only POST.</source>
        <extracomment>Failure mode D17, cause</extracomment>
        <translation>Der Server lehnte die Methode M-POST ab (501, 510 oder 405). Manche Server akzeptieren nur POST.</translation>
    </message>
    <message>
        <source>Send the request with POST; most clients fall back automatically.</source>
        <extracomment>Failure mode D17, remedy</extracomment>
        <translation>Senden Sie die Anfrage mit POST; die meisten Clients weichen automatisch darauf aus.</translation>
    </message>
    <message>
        <source>Not a CIM server on this port</source>
        <extracomment>Failure mode D18, title</extracomment>
        <translation>Kein CIM-Server auf diesem Port</translation>
    </message>
    <message>
        <source>Something answers on the port but it is not a CIM server: the reply is a web page or lacks the CIMOperation: MethodResponse header.</source>
        <extracomment>Failure mode D18, cause</extracomment>
        <translation>Auf dem Port antwortet etwas, aber kein CIM-Server: Die Antwort ist eine Webseite oder ihr fehlt der Header CIMOperation: MethodResponse.</translation>
    </message>
    <message>
        <source>Check the port number and which service listens there; CIM-XML normally uses 5988 (http) and 5989 (https).</source>
        <extracomment>Failure mode D18, remedy</extracomment>
        <translation>Prüfen Sie die Portnummer und welcher Dienst dort lauscht; CIM-XML verwendet normalerweise 5988 (http) und 5989 (https).</translation>
    </message>
    <message>
        <source>CIM server unavailable</source>
        <extracomment>Failure mode D19, title</extracomment>
        <translation>CIM-Server nicht verfügbar</translation>
    </message>
    <message>
        <source>The server answered 503 Service Unavailable or CIM status 28: it is shutting down, starting up or overloaded.</source>
        <extracomment>Failure mode D19, cause</extracomment>
        <translation>Der Server antwortete mit 503 Service Unavailable oder CIM-Status 28: Er fährt herunter, startet gerade oder ist überlastet.</translation>
    </message>
    <message>
        <source>Wait and retry later (respect Retry-After when given); if it persists, check or restart the CIM service.</source>
        <extracomment>Failure mode D19, remedy</extracomment>
        <translation>Warten Sie und versuchen Sie es später erneut (beachten Sie Retry-After, falls angegeben); hält es an, prüfen Sie den CIM-Dienst oder starten Sie ihn neu.</translation>
    </message>
    <message>
        <source>Credentials sent without encryption</source>
        <extracomment>Failure mode D20, title</extracomment>
        <translation>Anmeldedaten unverschlüsselt gesendet</translation>
    </message>
    <message>
        <source>With http:// the Basic credentials cross the network only base64-encoded, so anyone on the path can read the user name and password. cimdiag extends the catalogue with this id.</source>
        <extracomment>Failure mode D20, cause</extracomment>
        <translation>Mit http:// gehen die Basic-Anmeldedaten nur Base64-kodiert über das Netz, daher kann jeder auf dem Weg Benutzername und Passwort lesen. cimdiag erweitert den Katalog um diese ID.</translation>
    </message>
    <message>
        <source>Use https on port 5989. Then close the plain port: on OpenPegasus cimconfig -s enableHttpConnection=false -p, on ESXi turn the CIMHttpServer firewall ruleset off (esxcli network firewall ruleset set -r CIMHttpServer -e false).</source>
        <extracomment>Failure mode D20, remedy</extracomment>
        <translation>Verwenden Sie https auf Port 5989. Schließen Sie dann den unverschlüsselten Port: bei OpenPegasus cimconfig -s enableHttpConnection=false -p, unter ESXi den Firewall-Regelsatz CIMHttpServer abschalten (esxcli network firewall ruleset set -r CIMHttpServer -e false).</translation>
    </message>
    <message>
        <source>Wrong interop namespace</source>
        <extracomment>Failure mode E1, title</extracomment>
        <translation>Falscher Interop-Namensraum</translation>
    </message>
    <message>
        <source>The server does not know the interop namespace that was asked for (CIM_ERR_INVALID_NAMESPACE). Servers use different names: interop, root/interop (SFCB, ESXi) or root/PG_InterOp (OpenPegasus).</source>
        <extracomment>Failure mode E1, cause</extracomment>
        <translation>Der Server kennt den angefragten Interop-Namensraum nicht (CIM_ERR_INVALID_NAMESPACE). Server verwenden unterschiedliche Namen: interop, root/interop (SFCB, ESXi) oder root/PG_InterOp (OpenPegasus).</translation>
    </message>
    <message>
        <source>Use the interop namespace cimdiag discovered, spelled as the server reports it.</source>
        <extracomment>Failure mode E1, remedy</extracomment>
        <translation>Verwenden Sie den von cimdiag ermittelten Interop-Namensraum in der Schreibweise, die der Server meldet.</translation>
    </message>
    <message>
        <source>Namespace not listed by the server</source>
        <extracomment>Failure mode E2, title</extracomment>
        <translation>Namensraum vom Server nicht aufgeführt</translation>
    </message>
    <message>
        <source>The namespace works but does not appear in the server&apos;s CIM_Namespace list, a harmless inconsistency of some servers.</source>
        <extracomment>Failure mode E2, cause</extracomment>
        <translation>Der Namensraum funktioniert, erscheint aber nicht in der CIM_Namespace-Liste des Servers – eine harmlose Inkonsistenz mancher Server.</translation>
    </message>
    <message>
        <source>Nothing to fix; use the namespace directly. Report it to the vendor if tools depend on the list.</source>
        <extracomment>Failure mode E2, remedy</extracomment>
        <translation>Nichts zu beheben; verwenden Sie den Namensraum direkt. Melden Sie es dem Hersteller, falls Werkzeuge von der Liste abhängen.</translation>
    </message>
    <message>
        <source>Class not found in the namespace</source>
        <extracomment>Failure mode E3, title</extracomment>
        <translation>Klasse im Namensraum nicht gefunden</translation>
    </message>
    <message>
        <source>The server answered CIM_ERR_INVALID_CLASS: the class does not exist in this namespace. Vendor classes often live in vendor namespaces such as root/ibm or root/ontap, or the provider is not installed.</source>
        <extracomment>Failure mode E3, cause</extracomment>
        <translation>Der Server antwortete mit CIM_ERR_INVALID_CLASS: Die Klasse existiert in diesem Namensraum nicht. Herstellerklassen liegen oft in eigenen Namensräumen wie root/ibm oder root/ontap, oder der Provider ist nicht installiert.</translation>
    </message>
    <message>
        <source>Find the right namespace through the registered profiles (CIM_RegisteredProfile in the interop namespace), or install the vendor provider.</source>
        <extracomment>Failure mode E3, remedy</extracomment>
        <translation>Finden Sie den richtigen Namensraum über die registrierten Profile (CIM_RegisteredProfile im Interop-Namensraum), oder installieren Sie den Provider des Herstellers.</translation>
    </message>
    <message>
        <source>Operation not supported</source>
        <extracomment>Failure mode E4, title</extracomment>
        <translation>Operation nicht unterstützt</translation>
    </message>
    <message>
        <source>The server answered CIM_ERR_NOT_SUPPORTED, for example for pull operations (OpenEnumerateInstances) on older servers.</source>
        <extracomment>Failure mode E4, cause</extracomment>
        <translation>Der Server antwortete mit CIM_ERR_NOT_SUPPORTED, zum Beispiel bei Pull-Operationen (OpenEnumerateInstances) auf älteren Servern.</translation>
    </message>
    <message>
        <source>Use the traditional operation instead (EnumerateInstances instead of the pull operations); most clients fall back automatically.</source>
        <extracomment>Failure mode E4, remedy</extracomment>
        <translation>Verwenden Sie stattdessen die herkömmliche Operation (EnumerateInstances statt der Pull-Operationen); die meisten Clients weichen automatisch darauf aus.</translation>
    </message>
    <message>
        <source>Old SFCB misreports pull operations</source>
        <extracomment>Failure mode E5, title</extracomment>
        <translation>Altes SFCB meldet Pull-Operationen falsch</translation>
    </message>
    <message>
        <source>SFCB before 1.4.5 answers pull operations with CIM_ERR_FAILED instead of CIM_ERR_NOT_SUPPORTED, so clients do not know they should fall back.</source>
        <extracomment>Failure mode E5, cause</extracomment>
        <translation>SFCB vor 1.4.5 beantwortet Pull-Operationen mit CIM_ERR_FAILED statt CIM_ERR_NOT_SUPPORTED, daher wissen Clients nicht, dass sie ausweichen sollten.</translation>
    </message>
    <message>
        <source>Use the traditional operations with this server, or update SFCB.</source>
        <extracomment>Failure mode E5, remedy</extracomment>
        <translation>Verwenden Sie bei diesem Server die herkömmlichen Operationen, oder aktualisieren Sie SFCB.</translation>
    </message>
    <message>
        <source>Access denied to the data</source>
        <extracomment>Failure mode E6, title</extracomment>
        <translation>Zugriff auf die Daten verweigert</translation>
    </message>
    <message>
        <source>The login worked but the server answered CIM_ERR_ACCESS_DENIED: the account has no rights on this namespace or class.</source>
        <extracomment>Failure mode E6, cause</extracomment>
        <translation>Die Anmeldung gelang, aber der Server antwortete mit CIM_ERR_ACCESS_DENIED: Das Konto hat keine Rechte auf diesen Namensraum oder diese Klasse.</translation>
    </message>
    <message>
        <source>Grant the user rights on the namespace (OpenPegasus: cimauth -a -u USER -n NAMESPACE -R -W), or use an account that has them.</source>
        <extracomment>Failure mode E6, remedy</extracomment>
        <translation>Erteilen Sie dem Benutzer Rechte auf den Namensraum (OpenPegasus: cimauth -a -u USER -n NAMESPACE -R -W), oder verwenden Sie ein Konto, das diese Rechte hat.</translation>
    </message>
    <message>
        <source>No data returned</source>
        <extracomment>Failure mode E7, title</extracomment>
        <translation>Keine Daten zurückgegeben</translation>
    </message>
    <message>
        <source>The request succeeded but returned no instances. Usually the vendor provider or VIB that supplies the data is missing, or the account may not see it.</source>
        <extracomment>Failure mode E7, cause</extracomment>
        <translation>Die Anfrage war erfolgreich, lieferte aber keine Instanzen. Meist fehlt der Provider oder das VIB des Herstellers, das die Daten liefert, oder das Konto darf sie nicht sehen.</translation>
    </message>
    <message>
        <source>Install the vendor&apos;s CIM provider (on ESXi the vendor VIB) and check the account&apos;s rights.</source>
        <extracomment>Failure mode E7, remedy</extracomment>
        <translation>Installieren Sie den CIM-Provider des Herstellers (unter ESXi das Hersteller-VIB) und prüfen Sie die Rechte des Kontos.</translation>
    </message>
    <message>
        <source>Server answers too slowly</source>
        <extracomment>Failure mode E8, title</extracomment>
        <translation>Server antwortet zu langsam</translation>
    </message>
    <message>
        <source>The server needs longer than the client&apos;s timeout, usually because a provider is slow; compare WBEMServerResponseTime with the round trip.</source>
        <extracomment>Failure mode E8, cause</extracomment>
        <translation>Der Server braucht länger als die Zeitüberschreitung des Clients, meist weil ein Provider langsam ist; vergleichen Sie WBEMServerResponseTime mit der Umlaufzeit.</translation>
    </message>
    <message>
        <source>Raise the client timeout, ask for fewer properties (property lists), or use pull operations to get the data in pieces.</source>
        <extracomment>Failure mode E8, remedy</extracomment>
        <translation>Erhöhen Sie die Zeitüberschreitung des Clients, fragen Sie weniger Eigenschaften ab (Eigenschaftslisten) oder verwenden Sie Pull-Operationen, um die Daten in Teilen zu holen.</translation>
    </message>
    <message>
        <source>Response too large for the server</source>
        <extracomment>Failure mode E9, title</extracomment>
        <translation>Antwort zu groß für den Server</translation>
    </message>
    <message>
        <source>The server refused because the answer would exceed its limits (CIM_ERR_SERVER_LIMITS_EXCEEDED), for example OpenPegasus pullOperationsMaxObjectCount or SFCB maxMsgLen.</source>
        <extracomment>Failure mode E9, cause</extracomment>
        <translation>Der Server lehnte ab, weil die Antwort seine Grenzen überschreiten würde (CIM_ERR_SERVER_LIMITS_EXCEEDED), zum Beispiel OpenPegasus pullOperationsMaxObjectCount oder SFCB maxMsgLen.</translation>
    </message>
    <message>
        <source>Use pull operations with a smaller MaxObjectCount, or narrow the request; administrators can raise the limit on the server.</source>
        <extracomment>Failure mode E9, remedy</extracomment>
        <translation>Verwenden Sie Pull-Operationen mit kleinerem MaxObjectCount oder grenzen Sie die Anfrage ein; Administratoren können die Grenze auf dem Server erhöhen.</translation>
    </message>
    <message>
        <source>Error reported in the middle of the reply</source>
        <extracomment>Failure mode E10, title</extracomment>
        <translation>Fehler mitten in der Antwort gemeldet</translation>
    </message>
    <message>
        <source>The server started a successful chunked reply and reported a CIM error at the end, in HTTP trailers (CIMStatusCode), which clients that ignore trailers miss.</source>
        <extracomment>Failure mode E10, cause</extracomment>
        <translation>Der Server begann eine erfolgreiche Antwort in Chunks und meldete am Ende einen CIM-Fehler in HTTP-Trailern (CIMStatusCode), den Clients übersehen, die Trailer ignorieren.</translation>
    </message>
    <message>
        <source>Use a client that reads HTTP trailers, or one that does not send TE: trailers so the server reports errors up front.</source>
        <extracomment>Failure mode E10, remedy</extracomment>
        <translation>Verwenden Sie einen Client, der HTTP-Trailer liest, oder einen, der kein TE: trailers sendet, damit der Server Fehler gleich am Anfang meldet.</translation>
    </message>
    <message>
        <source>Unstable ESXi CIM service</source>
        <extracomment>Failure mode E11, title</extracomment>
        <translation>Instabiler ESXi-CIM-Dienst</translation>
    </message>
    <message>
        <source>The ESXi CIM service (sfcbd) resets connections, hangs or returns stale data. CIM is deprecated on ESXi 8.0U3 and will be removed.</source>
        <extracomment>Failure mode E11, cause</extracomment>
        <translation>Der ESXi-CIM-Dienst (sfcbd) setzt Verbindungen zurück, hängt oder liefert veraltete Daten. CIM ist ab ESXi 8.0U3 abgekündigt und wird entfernt.</translation>
    </message>
    <message>
        <source>Restart it with /etc/init.d/sfcbd-watchdog restart, clear a full IPMI event log (localcli hardware ipmi sel clear), and plan a move to another management interface.</source>
        <extracomment>Failure mode E11, remedy</extracomment>
        <translation>Starten Sie ihn mit /etc/init.d/sfcbd-watchdog restart neu, leeren Sie ein volles IPMI-Ereignisprotokoll (localcli hardware ipmi sel clear) und planen Sie den Umstieg auf eine andere Verwaltungsschnittstelle.</translation>
    </message>
    <message>
        <source>Reply is not valid CIM-XML</source>
        <extracomment>Failure mode E12, title</extracomment>
        <translation>Antwort ist kein gültiges CIM-XML</translation>
    </message>
    <message>
        <source>The server answered, but the body is not valid CIM-XML: an unescaped character, invalid UTF-8, an undefined entity or a wrong element, usually written by one provider for one class. cimdiag extends the catalogue with this id.</source>
        <extracomment>Failure mode E12, cause</extracomment>
        <translation>Der Server antwortete, aber der Body ist kein gültiges CIM-XML: ein nicht maskiertes Zeichen, ungültiges UTF-8, eine undefinierte Entität oder ein falsches Element, meist von einem Provider für eine Klasse erzeugt. cimdiag erweitert den Katalog um diese ID.</translation>
    </message>
    <message>
        <source>The error names the element path, line and column. Enumerate narrower classes or with a property list to find the provider, update or disable it, and send the capture (cimdiag-cli decode shows the same error) to the vendor.</source>
        <extracomment>Failure mode E12, remedy</extracomment>
        <translation>Der Fehler nennt Elementpfad, Zeile und Spalte. Enumerieren Sie engere Klassen oder mit einer Eigenschaftsliste, um den Provider zu finden, aktualisieren oder deaktivieren Sie ihn und senden Sie den Mitschnitt (cimdiag-cli decode zeigt denselben Fehler) an den Hersteller.</translation>
    </message>
    <message>
        <source>Firewall blocks indications to this computer</source>
        <extracomment>Failure mode F1, title</extracomment>
        <translation>Firewall blockiert Indications an diesen Computer</translation>
    </message>
    <message>
        <source>The subscription was created but no indication ever arrives, because a firewall in front of this computer blocks the incoming connection.</source>
        <extracomment>Failure mode F1, cause</extracomment>
        <translation>Das Abonnement wurde angelegt, aber es kommt nie eine Indication an, weil eine Firewall vor diesem Computer die eingehende Verbindung blockiert.</translation>
    </message>
    <message>
        <source>Allow incoming TCP on the listener port in the local (and network) firewall.</source>
        <extracomment>Failure mode F1, remedy</extracomment>
        <translation>Erlauben Sie eingehendes TCP auf dem Listener-Port in der lokalen (und der Netzwerk-)Firewall.</translation>
    </message>
    <message>
        <source>Server firewall blocks outgoing indications</source>
        <extracomment>Failure mode F2, title</extracomment>
        <translation>Server-Firewall blockiert ausgehende Indications</translation>
    </message>
    <message>
        <source>The server cannot connect out to the listener: the ESXi firewall blocks outgoing connections by default and the CIM server opens the port only for its subscriptions.</source>
        <extracomment>Failure mode F2, cause</extracomment>
        <translation>Der Server kann keine ausgehende Verbindung zum Listener aufbauen: Die ESXi-Firewall blockiert ausgehende Verbindungen standardmäßig, und der CIM-Server öffnet den Port nur für seine eigenen Abonnements.</translation>
    </message>
    <message>
        <source>Check the server&apos;s outgoing rules; on ESXi look at esxcli network firewall ruleset list and allow the listener port.</source>
        <extracomment>Failure mode F2, remedy</extracomment>
        <translation>Prüfen Sie die ausgehenden Regeln des Servers; unter ESXi sehen Sie sich esxcli network firewall ruleset list an und erlauben Sie den Listener-Port.</translation>
    </message>
    <message>
        <source>Listener address unreachable from the server</source>
        <extracomment>Failure mode F3, title</extracomment>
        <translation>Listener-Adresse vom Server aus nicht erreichbar</translation>
    </message>
    <message>
        <source>The listener address in the subscription does not work from the server: a name it cannot resolve, a private address behind NAT or VPN, the wrong network interface, or localhost.</source>
        <extracomment>Failure mode F3, cause</extracomment>
        <translation>Die Listener-Adresse im Abonnement funktioniert vom Server aus nicht: ein Name, den er nicht auflösen kann, eine private Adresse hinter NAT oder VPN, die falsche Netzwerkschnittstelle oder localhost.</translation>
    </message>
    <message>
        <source>Use an address of this computer that the server can reach, such as the local address of the connection to the server; avoid NAT and private addresses the server cannot route to.</source>
        <extracomment>Failure mode F3, remedy</extracomment>
        <translation>Verwenden Sie eine Adresse dieses Computers, die der Server erreichen kann, etwa die lokale Adresse der Verbindung zum Server; vermeiden Sie NAT und private Adressen, zu denen der Server nicht routen kann.</translation>
    </message>
    <message>
        <source>Server rejects the listener&apos;s certificate</source>
        <extracomment>Failure mode F4, title</extracomment>
        <translation>Server lehnt das Zertifikat des Listeners ab</translation>
    </message>
    <message>
        <source>The server delivers to an HTTPS listener only if it trusts the listener&apos;s certificate (SFCB sslIndicationReceiverCert=verify), so deliveries are dropped.</source>
        <extracomment>Failure mode F4, cause</extracomment>
        <translation>Der Server liefert an einen HTTPS-Listener nur, wenn er dessen Zertifikat vertraut (SFCB sslIndicationReceiverCert=verify), daher werden Zustellungen verworfen.</translation>
    </message>
    <message>
        <source>Use an http listener for the test, or add the listener&apos;s certificate or CA to the server&apos;s trust store.</source>
        <extracomment>Failure mode F4, remedy</extracomment>
        <translation>Verwenden Sie für den Test einen http-Listener, oder fügen Sie das Zertifikat des Listeners bzw. seine Zertifizierungsstelle dem Truststore des Servers hinzu.</translation>
    </message>
    <message>
        <source>Listener rejects the delivered indication</source>
        <extracomment>Failure mode F5, title</extracomment>
        <translation>Listener weist die zugestellte Indication ab</translation>
    </message>
    <message>
        <source>The indication reached the listener but was refused as malformed or unsupported (405, 406, 400 or 501), for example an M-POST or an unexpected content type.</source>
        <extracomment>Failure mode F5, cause</extracomment>
        <translation>Die Indication erreichte den Listener, wurde aber als fehlerhaft oder nicht unterstützt abgewiesen (405, 406, 400 oder 501), zum Beispiel ein M-POST oder ein unerwarteter Content-Type.</translation>
    </message>
    <message>
        <source>Use a listener that accepts POST and M-POST with text/xml and application/xml, or report the mismatch to the server vendor.</source>
        <extracomment>Failure mode F5, remedy</extracomment>
        <translation>Verwenden Sie einen Listener, der POST und M-POST mit text/xml und application/xml akzeptiert, oder melden Sie die Abweichung dem Hersteller des Servers.</translation>
    </message>
    <message>
        <source>Subscription disabled after failed deliveries</source>
        <extracomment>Failure mode F6, title</extracomment>
        <translation>Abonnement nach fehlgeschlagenen Zustellungen deaktiviert</translation>
    </message>
    <message>
        <source>After delivery failures the server disabled or removed the subscription, depending on its OnFatalErrorPolicy; SFCB, for example, retries three times 20 seconds apart.</source>
        <extracomment>Failure mode F6, cause</extracomment>
        <translation>Nach Zustellfehlern hat der Server das Abonnement je nach OnFatalErrorPolicy deaktiviert oder entfernt; SFCB zum Beispiel versucht es dreimal im Abstand von 20 Sekunden.</translation>
    </message>
    <message>
        <source>Fix the delivery problem, then re-enable or re-create the subscription; check its SubscriptionState.</source>
        <extracomment>Failure mode F6, remedy</extracomment>
        <translation>Beheben Sie das Zustellproblem und aktivieren Sie das Abonnement dann wieder oder legen Sie es neu an; prüfen Sie seinen SubscriptionState.</translation>
    </message>
    <message>
        <source>Subscription could not be created</source>
        <extracomment>Failure mode F7, title</extracomment>
        <translation>Abonnement konnte nicht angelegt werden</translation>
    </message>
    <message>
        <source>The server refused to create the filter, destination or subscription: its limits are reached (SFCB allows 100 by default), the user is not privileged (OpenPegasus), the filter query is invalid, or the namespace is wrong.</source>
        <extracomment>Failure mode F7, cause</extracomment>
        <translation>Der Server verweigerte das Anlegen von Filter, Ziel oder Abonnement: Seine Grenzen sind erreicht (SFCB erlaubt standardmäßig 100), der Benutzer ist nicht privilegiert (OpenPegasus), die Filterabfrage ist ungültig oder der Namensraum ist falsch.</translation>
    </message>
    <message>
        <source>Remove leftover subscriptions, use a privileged account, check the query, and create them in the interop namespace.</source>
        <extracomment>Failure mode F7, remedy</extracomment>
        <translation>Entfernen Sie übrig gebliebene Abonnements, verwenden Sie ein privilegiertes Konto, prüfen Sie die Abfrage und legen Sie sie im Interop-Namensraum an.</translation>
    </message>
    <message>
        <source>Nothing to deliver</source>
        <extracomment>Failure mode F8, title</extracomment>
        <translation>Nichts zuzustellen</translation>
    </message>
    <message>
        <source>The subscription works but the server produces no indications. ESXi hardware alerts come from IPMI event log (SEL) entries, and a full SEL stops them.</source>
        <extracomment>Failure mode F8, cause</extracomment>
        <translation>Das Abonnement funktioniert, aber der Server erzeugt keine Indications. ESXi-Hardwarewarnungen stammen aus Einträgen im IPMI-Ereignisprotokoll (SEL), und ein volles SEL stoppt sie.</translation>
    </message>
    <message>
        <source>Clear the IPMI event log on ESXi with localcli hardware ipmi sel clear, and check that the vendor provider generates alerts.</source>
        <extracomment>Failure mode F8, remedy</extracomment>
        <translation>Leeren Sie das IPMI-Ereignisprotokoll unter ESXi mit localcli hardware ipmi sel clear und prüfen Sie, ob der Provider des Herstellers Warnungen erzeugt.</translation>
    </message>
    <message>
        <source>No standard test indication</source>
        <extracomment>Failure mode F9, title</extracomment>
        <translation>Keine Standard-Test-Indication</translation>
    </message>
    <message>
        <source>CIM has no standard way to make a server send a test indication; OpenPegasus offers one only in test builds.</source>
        <extracomment>Failure mode F9, cause</extracomment>
        <translation>CIM bietet keinen Standardweg, einen Server eine Test-Indication senden zu lassen; OpenPegasus bietet dies nur in Test-Builds.</translation>
    </message>
    <message>
        <source>Use a test mechanism the server offers; otherwise cimdiag proves the path with a listener self-test and a reachability check.</source>
        <extracomment>Failure mode F9, remedy</extracomment>
        <translation>Verwenden Sie einen Testmechanismus des Servers; andernfalls weist cimdiag den Weg mit einem Listener-Selbsttest und einer Erreichbarkeitsprüfung nach.</translation>
    </message>
    <message>
        <source>Indication listener overloaded</source>
        <extracomment>Failure mode F10, title</extracomment>
        <translation>Indication-Listener überlastet</translation>
    </message>
    <message>
        <source>Indications arrive faster than the listener processes them and its queue is full, so some are dropped.</source>
        <extracomment>Failure mode F10, cause</extracomment>
        <translation>Indications kommen schneller an, als der Listener sie verarbeitet, und seine Warteschlange ist voll, daher gehen einige verloren.</translation>
    </message>
    <message>
        <source>Process indications faster or in a separate worker, or narrow the subscription filters.</source>
        <extracomment>Failure mode F10, remedy</extracomment>
        <translation>Verarbeiten Sie Indications schneller oder in einem separaten Worker, oder grenzen Sie die Abonnementfilter ein.</translation>
    </message>
    <message>
        <source>Stale subscriptions use up the server&apos;s limits</source>
        <extracomment>Failure mode F11, title</extracomment>
        <translation>Veraltete Abonnements schöpfen die Grenzen des Servers aus</translation>
    </message>
    <message>
        <source>Old subscriptions from other tools point to listeners that no longer exist; they keep failing and count against the server&apos;s subscription limits.</source>
        <extracomment>Failure mode F11, cause</extracomment>
        <translation>Alte Abonnements anderer Werkzeuge verweisen auf Listener, die es nicht mehr gibt; sie schlagen ständig fehl und zählen gegen die Abonnementgrenzen des Servers.</translation>
    </message>
    <message>
        <source>List the subscriptions and remove the stale ones (only ones you own or are sure are dead).</source>
        <extracomment>Failure mode F11, remedy</extracomment>
        <translation>Listen Sie die Abonnements auf und entfernen Sie die veralteten (nur eigene oder solche, die sicher tot sind).</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpCheck</name>
    <message>
        <source>Sending an unauthenticated CIM-XML request to %1 (%2)</source>
        <translation>Sende eine nicht authentifizierte CIM-XML-Anfrage an %1 (%2)</translation>
    </message>
    <message>
        <source>Request (a)</source>
        <translation>Anfrage (a)</translation>
    </message>
    <message>
        <source>Request (b), with Expect: 100-continue</source>
        <extracomment>&quot;Expect: 100-continue&quot; is an HTTP header line: keep it as it is.</extracomment>
        <translation>Anfrage (b), mit Expect: 100-continue</translation>
    </message>
    <message>
        <source>Reply to (a)</source>
        <translation>Antwort auf (a)</translation>
    </message>
    <message>
        <source>Reply to (b)</source>
        <translation>Antwort auf (b)</translation>
    </message>
    <message>
        <source>no connection: %1 (%2)</source>
        <translation>keine Verbindung: %1 (%2)</translation>
    </message>
    <message>
        <source>TLS error: %1</source>
        <translation>TLS-Fehler: %1</translation>
    </message>
    <message>
        <source>no reply within %1 ms</source>
        <translation>keine Antwort innerhalb von %1 ms</translation>
    </message>
    <message>
        <source>connection closed before a reply (%1)</source>
        <translation>Verbindung vor einer Antwort geschlossen (%1)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>no HTTP reply</source>
        <translation>keine HTTP-Antwort</translation>
    </message>
    <message>
        <source>
first bytes: %1</source>
        <translation>
erste Bytes: %1</translation>
    </message>
    <message>
        <source>
(first byte after %1 ms, total %2 ms)</source>
        <translation>
(erstes Byte nach %1 ms, insgesamt %2 ms)</translation>
    </message>
    <message>
        <source>
client certificate not sent: %1</source>
        <translation>
Client-Zertifikat nicht gesendet: %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpDiagnosis</name>
    <message>
        <source>Could not connect to port %1 for the HTTP request: %2</source>
        <translation>Verbindung zu Port %1 für die HTTP-Anfrage fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The TCP stage could connect a moment ago; the server or a firewall changed its mind.</source>
        <translation>Die TCP-Stufe konnte sich eben noch verbinden; der Server oder eine Firewall hat es sich anders überlegt.</translation>
    </message>
    <message>
        <source>TLS failed for the HTTP request: %1</source>
        <translation>TLS für die HTTP-Anfrage fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The client certificate was not sent: %1</source>
        <translation>Das Client-Zertifikat wurde nicht gesendet: %1</translation>
    </message>
    <message>
        <source>The TLS stage reports the handshake in detail.</source>
        <translation>Die TLS-Stufe beschreibt den Handshake im Detail.</translation>
    </message>
    <message>
        <source>Port %1 speaks TLS, not plain HTTP: use %2</source>
        <translation>Port %1 spricht TLS, kein reines HTTP: Verwenden Sie %2</translation>
    </message>
    <message>
        <source>The reply to the plain HTTP request starts with a TLS record header.</source>
        <translation>Die Antwort auf die reine HTTP-Anfrage beginnt mit einem TLS-Record-Header.</translation>
    </message>
    <message>
        <source>Port %1 closed the connection without a reply to plain HTTP (%2): it probably speaks TLS; try %3</source>
        <translation>Port %1 hat die Verbindung ohne Antwort auf reines HTTP geschlossen (%2): Er spricht vermutlich TLS; versuchen Sie %3</translation>
    </message>
    <message>
        <source>If https:// fails too, the CIM server accepts connections and then drops them (B5): restart it.</source>
        <translation>Scheitert auch https://, nimmt der CIM-Server Verbindungen an und verwirft sie dann (B5): Starten Sie ihn neu.</translation>
    </message>
    <message>
        <source>The server accepted the request, then closed the connection without a byte (%1)</source>
        <translation>Der Server nahm die Anfrage an und schloss die Verbindung dann ohne ein Byte (%1)</translation>
    </message>
    <message>
        <source>Port %1 connects but never answers: a hung provider or CIMOM</source>
        <translation>Port %1 nimmt Verbindungen an, antwortet aber nie: ein hängender Provider oder CIMOM</translation>
    </message>
    <message>
        <source>Part of a reply arrived, then nothing more.</source>
        <translation>Ein Teil einer Antwort kam an, danach nichts mehr.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Port %1 answers with HTTP, but the reply is broken: %2</source>
        <translation>Port %1 antwortet mit HTTP, aber die Antwort ist defekt: %2</translation>
    </message>
    <message>
        <source>The server does not follow HTTP/1.1; a CIM client cannot talk to it either.</source>
        <translation>Der Server hält sich nicht an HTTP/1.1; auch ein CIM-Client kann nicht mit ihm kommunizieren.</translation>
    </message>
    <message>
        <source>Port %1 answers, but not with HTTP: it is another service</source>
        <translation>Port %1 antwortet, aber nicht mit HTTP: Es ist ein anderer Dienst</translation>
    </message>
    <message>
        <source>The server closed the connection in the middle of its reply head (%1)</source>
        <translation>Der Server hat die Verbindung mitten im Kopf seiner Antwort geschlossen (%1)</translation>
    </message>
    <message>
        <source>No HTTP reply from port %1</source>
        <translation>Keine HTTP-Antwort von Port %1</translation>
    </message>
    <message>
        <source>The HTTP server answers and asks for authentication (401)</source>
        <translation>Der HTTP-Server antwortet und verlangt Authentifizierung (401)</translation>
    </message>
    <message>
        <source>The port speaks CIM-XML: 200 with &quot;CIMOperation: MethodResponse&quot;</source>
        <translation>Der Port spricht CIM-XML: 200 mit &quot;CIMOperation: MethodResponse&quot;</translation>
    </message>
    <message>
        <source>The server answered without asking for credentials.</source>
        <translation>Der Server antwortete, ohne Anmeldedaten zu verlangen.</translation>
    </message>
    <message>
        <source>Port %1 answers, but it is another service: 200 without &quot;CIMOperation: MethodResponse&quot; (%2)</source>
        <translation>Port %1 antwortet, aber es ist ein anderer Dienst: 200 ohne &quot;CIMOperation: MethodResponse&quot; (%2)</translation>
    </message>
    <message>
        <source>no Content-Type</source>
        <extracomment>Content-Type is an HTTP header name: keep it.</extracomment>
        <translation>kein Content-Type</translation>
    </message>
    <message>
        <source>A proxy between here and the server asks for authentication (407)</source>
        <translation>Ein Proxy zwischen hier und dem Server verlangt Authentifizierung (407)</translation>
    </message>
    <message>
        <source>The server refuses the request (403 Forbidden): CIM servers do not answer 403, so a proxy, web UI or vendor front end probably does</source>
        <translation>Der Server verweigert die Anfrage (403 Forbidden): CIM-Server antworten nicht mit 403, vermutlich tut es also ein Proxy, eine Weboberfläche oder ein Hersteller-Frontend</translation>
    </message>
    <message>
        <source>The server wants a Content-Length (411)</source>
        <translation>Der Server verlangt eine Content-Length (411)</translation>
    </message>
    <message>
        <source>The server refuses the request&apos;s Expect header (417)</source>
        <translation>Der Server lehnt den Expect-Header der Anfrage ab (417)</translation>
    </message>
    <message>
        <source>The server is unavailable or shutting down (503)</source>
        <translation>Der Server ist nicht verfügbar oder fährt herunter (503)</translation>
    </message>
    <message>
        <source>The CIM server rejects the request: %1 with CIMError: %2</source>
        <translation>Der CIM-Server weist die Anfrage ab: %1 mit CIMError: %2</translation>
    </message>
    <message>
        <source>The server rejects the request&apos;s headers (400 without CIMError)</source>
        <translation>Der Server weist die Header der Anfrage ab (400 ohne CIMError)</translation>
    </message>
    <message>
        <source>The server does not accept the request method (%1)</source>
        <translation>Der Server akzeptiert die Anfragemethode nicht (%1)</translation>
    </message>
    <message>
        <source>Unexpected HTTP reply: %1</source>
        <translation>Unerwartete HTTP-Antwort: %1</translation>
    </message>
    <message>
        <source>A proxy is in the path (Via: %1); if it gets in the way, bypass it (NoProxy).</source>
        <translation>Ein Proxy liegt auf dem Weg (Via: %1); stört er, umgehen Sie ihn (NoProxy).</translation>
    </message>
    <message>
        <source>The reply was not quite HTTP: %1</source>
        <translation>Die Antwort war nicht ganz HTTP: %1</translation>
    </message>
    <message>
        <source>%1, but it refuses &quot;Expect: 100-continue&quot; (417)</source>
        <translation>%1, aber er lehnt &quot;Expect: 100-continue&quot; ab (417)</translation>
    </message>
    <message>
        <source>Clients that send Expect (curl with request bodies over 1 KiB, some Java clients) fail against this server; cimdiag and pywbem do not send it.</source>
        <translation>Clients, die Expect senden (curl bei Request-Bodys über 1 KiB, manche Java-Clients), scheitern an diesem Server; cimdiag und pywbem senden es nicht.</translation>
    </message>
    <message>
        <source>The request with &quot;Expect: 100-continue&quot; drew %1.</source>
        <translation>Die Anfrage mit &quot;Expect: 100-continue&quot; ergab %1.</translation>
    </message>
    <message>
        <source>The request with &quot;Expect: 100-continue&quot; got no HTTP reply.</source>
        <translation>Die Anfrage mit &quot;Expect: 100-continue&quot; erhielt keine HTTP-Antwort.</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpProbe</name>
    <message>
        <source>No connection within %1 ms</source>
        <translation>Keine Verbindung innerhalb von %1 ms</translation>
    </message>
    <message>
        <source>The TLS handshake did not finish within %1 ms</source>
        <translation>Der TLS-Handshake wurde nicht innerhalb von %1 ms abgeschlossen</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpReplyParser</name>
    <message>
        <source>The reply is not HTTP: it does not start with &quot;HTTP/&quot;</source>
        <translation>Die Antwort ist kein HTTP: Sie beginnt nicht mit &quot;HTTP/&quot;</translation>
    </message>
    <message>
        <source>The reply head is larger than 64 KiB</source>
        <translation>Der Antwortkopf ist größer als 64 KiB</translation>
    </message>
    <message>
        <source>The server sent too many interim 1xx replies (%1, %2 bytes) and no final reply</source>
        <translation>Der Server sandte zu viele 1xx-Zwischenantworten (%1, %2 Bytes) und keine endgültige Antwort</translation>
    </message>
    <message>
        <source>The reply has an invalid Content-Length</source>
        <translation>Die Antwort hat eine ungültige Content-Length</translation>
    </message>
    <message>
        <source>The reply uses an HTTP version other than 1.x</source>
        <translation>Die Antwort verwendet eine andere HTTP-Version als 1.x</translation>
    </message>
    <message>
        <source>The reply&apos;s status line is malformed</source>
        <translation>Die Statuszeile der Antwort ist fehlerhaft</translation>
    </message>
    <message>
        <source>The reply&apos;s status line has no three-digit status code</source>
        <translation>Die Statuszeile der Antwort hat keinen dreistelligen Statuscode</translation>
    </message>
    <message>
        <source>The reply head has a continuation line before any header</source>
        <translation>Der Antwortkopf hat eine Fortsetzungszeile vor dem ersten Header</translation>
    </message>
    <message>
        <source>The reply head has a line that is not a header: &quot;%1&quot;</source>
        <translation>Der Antwortkopf enthält eine Zeile, die kein Header ist: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>The reply has more than %1 header lines</source>
        <translation>Die Antwort hat mehr als %1 Header-Zeilen</translation>
    </message>
    <message>
        <source>The reply&apos;s chunked body has an overlong chunk-size line</source>
        <translation>Der Chunked-Body der Antwort hat eine überlange Chunk-Size-Zeile</translation>
    </message>
    <message>
        <source>The reply&apos;s chunked body has an invalid chunk size</source>
        <translation>Der Chunked-Body der Antwort hat eine ungültige Chunk-Größe</translation>
    </message>
    <message>
        <source>The reply&apos;s chunked body has chunk data not followed by CRLF</source>
        <translation>Im Chunked-Body der Antwort folgt auf Chunk-Daten kein CRLF</translation>
    </message>
    <message>
        <source>The reply&apos;s trailer is larger than 64 KiB</source>
        <translation>Der Trailer der Antwort ist größer als 64 KiB</translation>
    </message>
    <message>
        <source>The reply has more than %1 trailer lines</source>
        <translation>Die Antwort hat mehr als %1 Trailer-Zeilen</translation>
    </message>
</context>
<context>
    <name>cimdiag::IndicationListener</name>
    <message>
        <source>HTTPS needs the private key of the listener certificate</source>
        <translation>HTTPS braucht den privaten Schlüssel des Listener-Zertifikats</translation>
    </message>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation>Lauschen auf %1 Port %2 nicht möglich: %3</translation>
    </message>
    <message>
        <source>no TLS handshake within %1 ms</source>
        <translation>kein TLS-Handshake innerhalb von %1 ms</translation>
    </message>
</context>
<context>
    <name>cimdiag::InstanceTableModel</name>
    <message>
        <source>This instance has no property %1</source>
        <translation>Diese Instanz hat keine Eigenschaft %1</translation>
    </message>
    <message>
        <source>Raw value: %1
Type: %2</source>
        <translation>Rohwert: %1
Typ: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Key property</source>
        <translation>Schlüsseleigenschaft</translation>
    </message>
    <message>
        <source>Values mapped through ValueMap/Values; hover a cell for the raw value</source>
        <translation>Werte über ValueMap/Values abgebildet; zeigen Sie mit der Maus auf eine Zelle, um den Rohwert zu sehen</translation>
    </message>
</context>
<context>
    <name>cimdiag::InstanceTableView</name>
    <message>
        <source>Instances of the sample enumeration</source>
        <translation>Instanzen der Beispielenumeration</translation>
    </message>
</context>
<context>
    <name>cimdiag::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation>&amp;Systemvorgabe</translation>
    </message>
    <message>
        <source>the system language</source>
        <translation>die Systemsprache</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerCheck</name>
    <message>
        <source>Not enabled: the listener test creates a subscription on the server (--listener)</source>
        <translation>Nicht aktiviert: Der Listener-Test legt ein Abonnement auf dem Server an (--listener)</translation>
    </message>
    <message>
        <source>Finding the local address of a connection to %1 port %2</source>
        <translation>Ermittle die lokale Adresse einer Verbindung zu %1 Port %2</translation>
    </message>
    <message>
        <source>Listener address %1, as given</source>
        <translation>Listener-Adresse %1, wie angegeben</translation>
    </message>
    <message>
        <source>Listener address %1, as given (the connection to the server leaves from %2)</source>
        <translation>Listener-Adresse %1, wie angegeben (die Verbindung zum Server geht von %2 aus)</translation>
    </message>
    <message>
        <source>Cannot tell which local address the server could reach: %1</source>
        <translation>Es lässt sich nicht feststellen, welche lokale Adresse der Server erreichen könnte: %1</translation>
    </message>
    <message>
        <source>Give the listener address yourself (--listener-address).</source>
        <translation>Geben Sie die Listener-Adresse selbst an (--listener-address).</translation>
    </message>
    <message>
        <source>Listener address %1: the local address of the connection to the server %2</source>
        <translation>Listener-Adresse %1: die lokale Adresse der Verbindung zum Server %2</translation>
    </message>
    <message>
        <source>%1 is a loopback address: fine for a server on this machine; a remote server could not reach it [F3].</source>
        <translation>%1 ist eine Loopback-Adresse: in Ordnung für einen Server auf diesem Computer; ein entfernter Server könnte sie nicht erreichen [F3].</translation>
    </message>
    <message>
        <source>%1 is not an address of this machine; listening on every address</source>
        <translation>%1 ist keine Adresse dieses Computers; es wird auf allen Adressen gelauscht</translation>
    </message>
    <message>
        <source>Cannot listen on port %1: %2</source>
        <translation>Lauschen auf Port %1 nicht möglich: %2</translation>
    </message>
    <message>
        <source>Listening on port %1; testing it over %2</source>
        <translation>Lausche auf Port %1; teste ihn über %2</translation>
    </message>
    <message>
        <source>The listener did not answer its own test over %1: %2</source>
        <translation>Der Listener hat auf seinen eigenen Test über %1 nicht geantwortet: %2</translation>
    </message>
    <message>
        <source>A local firewall blocks port %1, or %2 is not an address of this machine.</source>
        <translation>Eine lokale Firewall blockiert Port %1, oder %2 ist keine Adresse dieses Computers.</translation>
    </message>
    <message>
        <source>Self-test: an ExportIndication posted to %1 was accepted</source>
        <translation>Selbsttest: Ein an %1 gesendeter ExportIndication-Aufruf wurde angenommen</translation>
    </message>
    <message>
        <source>Listing the destinations and subscriptions in %1</source>
        <translation>Liste die Ziele und Abonnements in %1 auf</translation>
    </message>
    <message>
        <source>Listing %1 failed: %2</source>
        <translation>Auflisten von %1 fehlgeschlagen: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n subscription(s) on the server before this test</source>
        <translation>
            <numerusform>Vor diesem Test %n Abonnement auf dem Server</numerusform>
            <numerusform>Vor diesem Test %n Abonnements auf dem Server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n listener destination(s) on the server before this test</source>
        <translation>
            <numerusform>Vor diesem Test %n Listener-Ziel auf dem Server</numerusform>
            <numerusform>Vor diesem Test %n Listener-Ziele auf dem Server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them left by an earlier cimdiag run: clean up leftovers removes them</source>
        <translation>
            <numerusform>%n davon stammt aus einem früheren cimdiag-Lauf: „Übrig gebliebene Objekte entfernen“ entfernt es</numerusform>
            <numerusform>%n davon stammen aus einem früheren cimdiag-Lauf: „Übrig gebliebene Objekte entfernen“ entfernt sie</numerusform>
        </translation>
    </message>
    <message>
        <source>Destination %1 is not reachable from here (%2) [F11]</source>
        <translation>Ziel %1 ist von hier aus nicht erreichbar (%2) [F11]</translation>
    </message>
    <message>
        <source>Only the first %1 destinations were probed</source>
        <translation>Nur die ersten %1 Ziele wurden getestet</translation>
    </message>
    <message>
        <source>not a URL</source>
        <translation>keine URL</translation>
    </message>
    <message>
        <source>Subscribing %1 to CIM_AlertIndication</source>
        <translation>Abonniere CIM_AlertIndication für %1</translation>
    </message>
    <message>
        <source>Creating %1 returned no instance name</source>
        <translation>Anlegen von %1 lieferte keinen Instanznamen</translation>
    </message>
    <message>
        <source>Creating %1 failed</source>
        <translation>Anlegen von %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Waiting up to %1 s for an indication</source>
        <translation>Warte bis zu %1 s auf eine Indication</translation>
    </message>
    <message>
        <source>Received %1 from %2</source>
        <translation>%1 von %2 empfangen</translation>
    </message>
    <message>
        <source>Removing what this test created</source>
        <translation>Entferne, was dieser Test angelegt hat</translation>
    </message>
    <message>
        <source>An indication reached the listener at %1</source>
        <translation>Eine Indication hat den Listener unter %1 erreicht</translation>
    </message>
    <message>
        <source>An indication reached the listener at %1, but a remote server may not</source>
        <translation>Eine Indication hat den Listener unter %1 erreicht, ein entfernter Server erreicht ihn aber womöglich nicht</translation>
    </message>
    <message>
        <source>No indication arrived and the server removed the subscription after failed deliveries</source>
        <translation>Keine Indication angekommen, und der Server hat das Abonnement nach fehlgeschlagenen Zustellungen entfernt</translation>
    </message>
    <message>
        <source>No indication arrived and the server disabled the subscription after failed deliveries</source>
        <translation>Keine Indication angekommen, und der Server hat das Abonnement nach fehlgeschlagenen Zustellungen deaktiviert</translation>
    </message>
    <message>
        <source>No indication arrived within %1 s; the server may not reach %2</source>
        <translation>Innerhalb von %1 s kam keine Indication an; der Server erreicht %2 möglicherweise nicht</translation>
    </message>
    <message>
        <source>No indication arrived within %1 s, though the listener answers on %2</source>
        <translation>Innerhalb von %1 s kam keine Indication an, obwohl der Listener unter %2 antwortet</translation>
    </message>
    <message>
        <source>SubscriptionState 3 (Enabled Degraded): the server tried and failed to deliver</source>
        <translation>SubscriptionState 3 (Enabled Degraded): Der Server hat vergeblich versucht zuzustellen</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>%1 entfernt</translation>
    </message>
    <message>
        <source>Not removed: %1</source>
        <translation>Nicht entfernt: %1</translation>
    </message>
    <message>
        <source>Stopped: removing what this test created</source>
        <translation>Angehalten: Entferne, was dieser Test angelegt hat</translation>
    </message>
    <message>
        <source>Indication listener</source>
        <translation>Indication-Listener</translation>
    </message>
    <message>
        <source>Received %1 from %2 at %3</source>
        <translation>%1 um %3 von %2 empfangen</translation>
    </message>
    <message>
        <source>Making a self-signed certificate for %1</source>
        <translation>Erzeuge ein selbstsigniertes Zertifikat für %1</translation>
    </message>
    <message>
        <source>Cannot make a certificate for the HTTPS listener: %1</source>
        <translation>Für den HTTPS-Listener kann kein Zertifikat erzeugt werden: %1</translation>
    </message>
    <message>
        <source>HTTPS: a self-signed certificate for %1 was made for this run (SHA-256 %2)</source>
        <translation>HTTPS: Für diesen Lauf wurde ein selbstsigniertes Zertifikat für %1 erzeugt (SHA-256 %2)</translation>
    </message>
    <message>
        <source>Self-test: an ExportIndication posted over HTTPS to %1 was accepted; the certificate verified</source>
        <translation>Selbsttest: Ein über HTTPS an %1 gesendeter ExportIndication-Aufruf wurde angenommen; das Zertifikat wurde erfolgreich geprüft</translation>
    </message>
    <message>
        <source>The server connected and rejected the listener&apos;s certificate: %1</source>
        <translation>Der Server hat sich verbunden und das Zertifikat des Listeners abgelehnt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n TLS handshake(s) ended with the server&apos;s alert, first: %1</source>
        <translation>
            <numerusform>%n TLS-Handshake endete mit einem Alert des Servers, erster: %1</numerusform>
            <numerusform>%n TLS-Handshakes endeten mit einem Alert des Servers, erster: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No indication arrived within %1 s; the server still reports the subscription Enabled and no connection reached the listener</source>
        <translation>Innerhalb von %1 s kam keine Indication an; der Server meldet das Abonnement weiterhin als Enabled, und keine Verbindung hat den Listener erreicht</translation>
    </message>
    <message>
        <source>The server may not have tried yet: run again with a longer wait (--listener-wait) before looking at firewalls.</source>
        <translation>Möglicherweise hat der Server es noch nicht versucht: Führen Sie den Test mit einer längeren Wartezeit (--listener-wait) erneut aus, bevor Sie Firewalls untersuchen.</translation>
    </message>
    <message numerus="yes">
        <source>%n TLS handshake(s) with the listener failed, last: %1</source>
        <translation>
            <numerusform>%n TLS-Handshake mit dem Listener ist fehlgeschlagen, letzter: %1</numerusform>
            <numerusform>%n TLS-Handshakes mit dem Listener sind fehlgeschlagen, letzter: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>An indication reached the listener at %1, but only after %2 s</source>
        <translation>Eine Indication hat den Listener unter %1 erreicht, aber erst nach %2 s</translation>
    </message>
    <message>
        <source>A healthy server delivers within a second; this one queues indications or delivered only on a retry. Give it time (--listener-wait) before concluding.</source>
        <translation>Ein fehlerfreier Server stellt innerhalb einer Sekunde zu; dieser hält Indications in einer Warteschlange zurück oder hat erst bei einem erneuten Versuch zugestellt. Geben Sie ihm Zeit (--listener-wait), bevor Sie Schlüsse ziehen.</translation>
    </message>
    <message>
        <source>Delivered %1 s after the subscription was created</source>
        <translation>%1 s nach dem Anlegen des Abonnements zugestellt</translation>
    </message>
    <message>
        <source>TLS handshake from %1 at %2: the server rejected the listener&apos;s certificate (%3)</source>
        <translation>TLS-Handshake von %1 um %2: Der Server hat das Zertifikat des Listeners abgelehnt (%3)</translation>
    </message>
    <message>
        <source>Cannot use the listener&apos;s certificate: %1</source>
        <translation>Das Zertifikat des Listeners kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Give a PEM certificate (chain, the listener&apos;s certificate first) and its unencrypted PEM private key, or leave both out for a certificate made for this run.</source>
        <translation>Geben Sie ein PEM-Zertifikat (Kette, das Zertifikat des Listeners zuerst) und seinen unverschlüsselten privaten PEM-Schlüssel an, oder lassen Sie beides weg, um ein für diesen Lauf erzeugtes Zertifikat zu verwenden.</translation>
    </message>
    <message>
        <source>HTTPS: the certificate in %1 (SHA-256 %2, valid until %3)</source>
        <translation>HTTPS: das Zertifikat in %1 (SHA-256 %2, gültig bis %3)</translation>
    </message>
    <message>
        <source>The certificate in %1 does not name %2, the address the server is told (it names %3): a server that checks names rejects it even when it trusts it [F4].</source>
        <translation>Das Zertifikat in %1 nennt nicht %2, die dem Server mitgeteilte Adresse (es nennt %3): Ein Server, der Namen prüft, lehnt es ab, auch wenn er ihm vertraut [F4].</translation>
    </message>
    <message>
        <source>The listener&apos;s HTTPS self-test over %1 did not accept the listener&apos;s own certificate: %2</source>
        <translation>Der HTTPS-Selbsttest des Listeners über %1 hat das eigene Zertifikat des Listeners nicht akzeptiert: %2</translation>
    </message>
    <message>
        <source>Make the server trust the listener&apos;s certificate in %1, SHA-256 %2 (sfcb: sslIndicationReceiverCert=verify checks it against sslClientTrustStore), or use an http listener for the test (--listener-scheme http).</source>
        <translation>Sorgen Sie dafür, dass der Server dem Zertifikat des Listeners in %1 vertraut, SHA-256 %2 (sfcb: sslIndicationReceiverCert=verify prüft es gegen sslClientTrustStore), oder verwenden Sie für den Test einen http-Listener (--listener-scheme http).</translation>
    </message>
    <message>
        <source>Use an http listener for the test (--listener-scheme http), or give the listener a certificate to keep (--listener-cert FILE --listener-key FILE, or the certificate fields of the listener panel) and make the server trust that one (sfcb: sslIndicationReceiverCert=verify checks it against sslClientTrustStore). This run&apos;s certificate, SHA-256 %1, was made for this run only.</source>
        <translation>Verwenden Sie für den Test einen http-Listener (--listener-scheme http), oder geben Sie dem Listener ein dauerhaftes Zertifikat (--listener-cert FILE --listener-key FILE oder die Zertifikatsfelder des Listener-Bereichs) und sorgen Sie dafür, dass der Server diesem vertraut (sfcb: sslIndicationReceiverCert=verify prüft es gegen sslClientTrustStore). Das Zertifikat dieses Laufs, SHA-256 %1, wurde nur für diesen Lauf erzeugt.</translation>
    </message>
    <message>
        <source>The server reached the listener, which refused its export request: HTTP %1, %2</source>
        <translation>Der Server hat den Listener erreicht, der seine Export-Anfrage abgewiesen hat: HTTP %1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) refused, first from %1: %2</source>
        <translation>
            <numerusform>%n Anfrage abgewiesen, erste von %1: %2</numerusform>
            <numerusform>%n Anfragen abgewiesen, erste von %1: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>(no complete request line)</source>
        <translation>(keine vollständige Anfragezeile)</translation>
    </message>
    <message numerus="yes">
        <source>No indication arrived within %1 s, though the server connected to the listener %n time(s)</source>
        <translation>
            <numerusform>Innerhalb von %1 s kam keine Indication an, obwohl sich der Server %n Mal mit dem Listener verbunden hat</numerusform>
            <numerusform>Innerhalb von %1 s kam keine Indication an, obwohl sich der Server %n Mal mit dem Listener verbunden hat</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerCheckAddress</name>
    <message>
        <source>No connection to %1 port %2 within %3 ms</source>
        <translation>Keine Verbindung zu %1 Port %2 innerhalb von %3 ms</translation>
    </message>
    <message>
        <source>Cannot connect to %1 port %2: %3</source>
        <translation>Verbindung zu %1 Port %2 nicht möglich: %3</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>The server must resolve the name %1 itself; a name only this network or this machine knows makes every delivery fail [F3].</source>
        <translation>Der Server muss den Namen %1 selbst auflösen; ein Name, den nur dieses Netz oder dieser Computer kennt, lässt jede Zustellung fehlschlagen [F3].</translation>
    </message>
    <message>
        <source>%1 is a loopback address: only a server on this machine can deliver to it [F3].</source>
        <translation>%1 ist eine Loopback-Adresse: Nur ein Server auf diesem Computer kann dorthin zustellen [F3].</translation>
    </message>
    <message>
        <source>%1 is a private address but the server %2 is not: with NAT or a VPN between, the server cannot reach %1 [F3].</source>
        <translation>%1 ist eine private Adresse, der Server %2 aber nicht: Mit NAT oder einem VPN dazwischen kann der Server %1 nicht erreichen [F3].</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerCheckCleanup</name>
    <message>
        <source>No interop namespace answered</source>
        <translation>Kein Interop-Namensraum hat geantwortet</translation>
    </message>
    <message>
        <source>Enumerating %1 in %2 failed: %3</source>
        <translation>Enumeration von %1 in %2 fehlgeschlagen: %3</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerIndicationModel</name>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Eigenschaften</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerPanel</name>
    <message>
        <source>&amp;Test indication delivery (creates a subscription on the server for a moment)</source>
        <translation>In&amp;dication-Zustellung testen (legt kurz ein Abonnement auf dem Server an)</translation>
    </message>
    <message>
        <source>Test indication delivery</source>
        <translation>Indication-Zustellung testen</translation>
    </message>
    <message>
        <source>Listener scheme</source>
        <translation>Listener-Schema</translation>
    </message>
    <message>
        <source>Listener schemes</source>
        <translation>Listener-Schemata</translation>
    </message>
    <message>
        <source>Sc&amp;heme:</source>
        <translation>Sc&amp;hema:</translation>
    </message>
    <message>
        <source>Listener port</source>
        <translation>Listener-Port</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>Listener address</source>
        <translation>Listener-Adresse</translation>
    </message>
    <message>
        <source>Detected automatically</source>
        <translation>Automatisch ermittelt</translation>
    </message>
    <message>
        <source>Listener addresses</source>
        <translation>Listener-Adressen</translation>
    </message>
    <message>
        <source>&amp;Detect</source>
        <translation>E&amp;rmitteln</translation>
    </message>
    <message>
        <source>Detect the listener address</source>
        <translation>Die Listener-Adresse ermitteln</translation>
    </message>
    <message>
        <source>Addr&amp;ess:</source>
        <translation>Adr&amp;esse:</translation>
    </message>
    <message>
        <source>Listener address warnings</source>
        <translation>Warnungen zur Listener-Adresse</translation>
    </message>
    <message>
        <source>C&amp;lean up leftovers</source>
        <translation>Übrig gebliebene Ob&amp;jekte entfernen</translation>
    </message>
    <message>
        <source>Clean up leftovers</source>
        <translation>Übrig gebliebene Objekte entfernen</translation>
    </message>
    <message>
        <source>Removes the filters, destinations and subscriptions named cimdiag: that earlier runs left on the server</source>
        <translation>Entfernt die Filter, Ziele und Abonnements namens cimdiag:, die frühere Läufe auf dem Server hinterlassen haben</translation>
    </message>
    <message>
        <source>Enter the server first.</source>
        <translation>Geben Sie zuerst den Server ein.</translation>
    </message>
    <message>
        <source>Removing cimdiag: objects…</source>
        <translation>cimdiag:-Objekte werden entfernt…</translation>
    </message>
    <message>
        <source>No interop namespace answered.</source>
        <translation>Kein Interop-Namensraum hat geantwortet.</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n object(s) from %1.</source>
        <translation>
            <numerusform>%n Objekt aus %1 entfernt.</numerusform>
            <numerusform>%n Objekte aus %1 entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Listener certificate</source>
        <translation>Listener-Zertifikat</translation>
    </message>
    <message>
        <source>Last run&apos;s certificate: SHA-256 %1</source>
        <translation>Zertifikat des letzten Laufs: SHA-256 %1</translation>
    </message>
    <message>
        <source>Listener certificate file</source>
        <translation>Listener-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>Choose listener certificate file</source>
        <translation>Listener-Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <source>Listener certificate (PEM)</source>
        <translation>Listener-Zertifikat (PEM)</translation>
    </message>
    <message>
        <source>Optional: made for each run</source>
        <translation>Optional: wird für jeden Lauf erzeugt</translation>
    </message>
    <message>
        <source>Certificate &amp;file:</source>
        <translation>&amp;Zertifikatsdatei:</translation>
    </message>
    <message>
        <source>Listener key file</source>
        <translation>Listener-Schlüsseldatei</translation>
    </message>
    <message>
        <source>Choose listener key file</source>
        <translation>Listener-Schlüsseldatei auswählen</translation>
    </message>
    <message>
        <source>Listener private key (PEM)</source>
        <translation>Privater Listener-Schlüssel (PEM)</translation>
    </message>
    <message>
        <source>With the certificate file</source>
        <translation>Zusammen mit der Zertifikatsdatei</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>&amp;Schlüsseldatei:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.cer *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The listener serves the certificate in %1. A server that verifies listener certificates must trust it [F4].</source>
        <translation>Der Listener verwendet das Zertifikat in %1. Ein Server, der Listener-Zertifikate prüft, muss ihm vertrauen [F4].</translation>
    </message>
    <message>
        <source>A self-signed certificate is made for the listener address at each run. A server that verifies listener certificates rejects it [F4]: use http, or choose a certificate and key file below and make the server trust that certificate.</source>
        <translation>Bei jedem Lauf wird ein selbstsigniertes Zertifikat für die Listener-Adresse erzeugt. Ein Server, der Listener-Zertifikate prüft, lehnt es ab [F4]: Verwenden Sie http, oder wählen Sie unten eine Zertifikats- und eine Schlüsseldatei und sorgen Sie dafür, dass der Server diesem Zertifikat vertraut.</translation>
    </message>
</context>
<context>
    <name>cimdiag::LogChannelViews</name>
    <message>
        <source>Logs</source>
        <translation>Protokolle</translation>
    </message>
    <message>
        <source>Log channels</source>
        <translation>Protokollkanäle</translation>
    </message>
    <message>
        <source>&amp;Operations</source>
        <translation>&amp;Operationen</translation>
    </message>
    <message>
        <source>Operation log</source>
        <translation>Operationsprotokoll</translation>
    </message>
    <message>
        <source>&amp;HTTP</source>
        <translation>&amp;HTTP</translation>
    </message>
    <message>
        <source>HTTP log</source>
        <translation>HTTP-Protokoll</translation>
    </message>
    <message>
        <source>Chec&amp;ks</source>
        <translation>&amp;Prüfungen</translation>
    </message>
    <message>
        <source>Check log</source>
        <translation>Prüfprotokoll</translation>
    </message>
</context>
<context>
    <name>cimdiag::LogModel</name>
    <message numerus="yes">
        <source>… (%n more line(s), %1 bytes)</source>
        <translation>
            <numerusform>… (%n weitere Zeile, %1 Bytes)</numerusform>
            <numerusform>… (%n weitere Zeilen, %1 Bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>… (%1 bytes)</source>
        <translation>… (%1 Bytes)</translation>
    </message>
    <message>
        <source>[cut: the first %1 characters of %2 bytes are shown]</source>
        <translation>[gekürzt: die ersten %1 Zeichen von %2 Bytes werden angezeigt]</translation>
    </message>
    <message>
        <source>… Copy (Ctrl+C) gives the whole text.</source>
        <translation>… Kopieren (Strg+C) liefert den vollständigen Text.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>cimdiag::LogView</name>
    <message>
        <source>Minimum severity</source>
        <translation>Mindestschweregrad</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>Alle Schweregrade</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>Filtertext</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>Filter (Strg+F)</translation>
    </message>
    <message>
        <source>Regular e&amp;xpression</source>
        <translation>Regulärer &amp;Ausdruck</translation>
    </message>
    <message>
        <source>Filter is a regular expression</source>
        <translation>Filter ist ein regulärer Ausdruck</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy selected lines</source>
        <translation>Ausgewählte Zeilen kopieren</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern…</translation>
    </message>
    <message>
        <source>Save shown lines to a file</source>
        <translation>Angezeigte Zeilen in eine Datei speichern</translation>
    </message>
    <message>
        <source>F&amp;ollow</source>
        <translation>&amp;Mitlaufen</translation>
    </message>
    <message>
        <source>Follow the newest line</source>
        <translation>Der neuesten Zeile folgen</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>Protokollzeilen</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Filter löschen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Invalid regular expression</source>
        <translation>Ungültiger regulärer Ausdruck</translation>
    </message>
    <message>
        <source>Filtering…</source>
        <translation>Filtern…</translation>
    </message>
    <message>
        <source>%1 of %2 lines</source>
        <translation>%1 von %2 Zeilen</translation>
    </message>
    <message>
        <source>Save log</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <source>Could not save the log to %1: %2</source>
        <translation>Das Protokoll konnte nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>Protokolldateien (*.log *.txt);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>cimdiag::NameResolutionCheck</name>
    <message>
        <source>Looking up %1 (A and AAAA)</source>
        <translation>Löse %1 auf (A und AAAA)</translation>
    </message>
</context>
<context>
    <name>cimdiag::NameResolutionDiagnosis</name>
    <message>
        <source>%1 is an IP address: no lookup needed</source>
        <translation>%1 ist eine IP-Adresse: keine Auflösung nötig</translation>
    </message>
    <message>
        <source>no A or AAAA records</source>
        <translation>keine A- oder AAAA-Einträge</translation>
    </message>
    <message>
        <source>%1 does not resolve: %2 (%3)</source>
        <translation>%1 lässt sich nicht auflösen: %2 (%3)</translation>
    </message>
    <message>
        <source>Use the server&apos;s IP address, or fix its DNS entry (or /etc/hosts).</source>
        <translation>Verwenden Sie die IP-Adresse des Servers oder korrigieren Sie seinen DNS-Eintrag (oder /etc/hosts).</translation>
    </message>
    <message>
        <source>%1 resolves to %2 IPv4 and %3 IPv6 address(es)</source>
        <translation>%1 wird in %2 IPv4- und %3 IPv6-Adresse(n) aufgelöst</translation>
    </message>
    <message>
        <source>%1 resolves to %2</source>
        <translation>%1 wird in %2 aufgelöst</translation>
    </message>
    <message>
        <source>%1 resolves to %2 (IPv6 only)</source>
        <translation>%1 wird in %2 aufgelöst (nur IPv6)</translation>
    </message>
    <message>
        <source>A (IPv4): %1</source>
        <translation>A (IPv4): %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>AAAA (IPv6): %1</source>
        <translation>AAAA (IPv6): %1</translation>
    </message>
    <message>
        <source>Only IPv6 answers: clients without IPv6 connectivity cannot reach it.</source>
        <translation>Nur IPv6-Antworten: Clients ohne IPv6-Konnektivität können ihn nicht erreichen.</translation>
    </message>
    <message>
        <source>Only IPv4 answers: that is fine.</source>
        <translation>Nur IPv4-Antworten: Das ist in Ordnung.</translation>
    </message>
    <message>
        <source>The next stages try the addresses in the resolver&apos;s order: %1</source>
        <translation>Die nächsten Stufen versuchen die Adressen in der Reihenfolge des Resolvers: %1</translation>
    </message>
    <message>
        <source>No answer from the resolver for %1 within %2 ms</source>
        <translation>Keine Antwort des Resolvers für %1 innerhalb von %2 ms</translation>
    </message>
    <message>
        <source>The DNS server is slow or unreachable; use the server&apos;s IP address or fix the resolver.</source>
        <translation>Der DNS-Server ist langsam oder nicht erreichbar; verwenden Sie die IP-Adresse des Servers oder korrigieren Sie den Resolver.</translation>
    </message>
</context>
<context>
    <name>cimdiag::ReportExporter</name>
    <message>
        <source>HTML report (*.html *.htm)</source>
        <translation>HTML-Bericht (*.html *.htm)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Markdown for tickets (*.md)</source>
        <translation>Markdown für Tickets (*.md)</translation>
    </message>
    <message>
        <source>Plain text (*.txt)</source>
        <translation>Reiner Text (*.txt)</translation>
    </message>
    <message>
        <source>another report is being written</source>
        <translation>ein anderer Bericht wird gerade geschrieben</translation>
    </message>
    <message>
        <source>cannot render the report %1</source>
        <translation>der Bericht %1 kann nicht erzeugt werden</translation>
    </message>
</context>
<context>
    <name>cimdiag::ReportFormat</name>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>unknown report format &apos;%1&apos;: the file name must end in %2</source>
        <translation>unbekanntes Berichtsformat &apos;%1&apos;: Der Dateiname muss auf %2 enden</translation>
    </message>
</context>
<context>
    <name>cimdiag::ResultsPage</name>
    <message>
        <source>Verdict</source>
        <translation>Urteil</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No sample enumerate ran.</source>
        <translation>Es lief keine Beispielenumeration.</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2 (the first ones the server returned).</source>
        <translation>
            <numerusform>%n Instanz von %1 in %2 (die erste, die der Server zurückgab).</numerusform>
            <numerusform>%n Instanzen von %1 in %2 (die ersten, die der Server zurückgab).</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Belege</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>Abhilfe</translation>
    </message>
    <message>
        <source>The run was cancelled before any stage failed.</source>
        <translation>Der Lauf wurde abgebrochen, bevor eine Stufe fehlschlug.</translation>
    </message>
    <message>
        <source>Every stage that ran passed.</source>
        <translation>Jede ausgeführte Stufe war erfolgreich.</translation>
    </message>
    <message>
        <source>cimdiag diagnosis of %1: %2</source>
        <translation>cimdiag-Diagnose von %1: %2</translation>
    </message>
    <message>
        <source>Started %1, took %2 ms%3</source>
        <translation>Gestartet %1, Dauer %2 ms%3</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (abgebrochen)</translation>
    </message>
    <message>
        <source>Writing the report to %1…</source>
        <translation>Bericht wird nach %1 geschrieben…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Bericht nach %1 geschrieben.</translation>
    </message>
    <message>
        <source>The target now trusts exactly this certificate (SHA-256 %1). Run the diagnosis again to check the connection with the pin.</source>
        <translation>Das Ziel vertraut jetzt genau diesem Zertifikat (SHA-256 %1). Führen Sie die Diagnose erneut aus, um die Verbindung mit dem Pin zu prüfen.</translation>
    </message>
</context>
<context>
    <name>cimdiag::RunPage</name>
    <message>
        <source>&amp;Re-run this stage</source>
        <translation>Diese Stufe &amp;wiederholen</translation>
    </message>
    <message>
        <source>&amp;Re-run %1</source>
        <translation>%1 &amp;wiederholen</translation>
    </message>
    <message>
        <source>&amp;Re-run stage</source>
        <translation>Stufe &amp;wiederholen</translation>
    </message>
    <message>
        <source>Re-running %1…</source>
        <translation>%1 wird wiederholt…</translation>
    </message>
    <message>
        <source>Checking %1, stage by stage.</source>
        <translation>%1 wird Stufe für Stufe geprüft.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Cancelled after %1 ms.</source>
        <translation>Nach %1 ms abgebrochen.</translation>
    </message>
    <message>
        <source>Finished in %1 ms: %2. Press Next for the findings.</source>
        <translation>Fertig nach %1 ms: %2. Klicken Sie auf Weiter, um die Befunde zu sehen.</translation>
    </message>
    <message>
        <source>Indications received by the listener stage</source>
        <translation>Von der Listener-Stufe empfangene Indications</translation>
    </message>
</context>
<context>
    <name>cimdiag::SampleEnumerateCheck</name>
    <message>
        <source>Enumerating %1 in %2</source>
        <translation>Enumeriere %1 in %2</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>Enumerating %1 failed</source>
        <translation>Enumeration von %1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Vendor classes often live in vendor namespaces (root/ibm, root/ontap, root/hpq); the registered profiles of the identity stage point at them. Choose them with --namespace and --class.</source>
        <translation>Herstellerklassen liegen oft in eigenen Namensräumen (root/ibm, root/ontap, root/hpq); die registrierten Profile der Identitätsstufe verweisen darauf. Wählen Sie sie mit --namespace und --class.</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2 ms, %3 request(s) (%4)</source>
        <translation>
            <numerusform>%n Instanz von %1 in %2 ms, %3 Anfrage(n) (%4)</numerusform>
            <numerusform>%n Instanzen von %1 in %2 ms, %3 Anfrage(n) (%4)</numerusform>
        </translation>
    </message>
    <message>
        <source>pull operations</source>
        <translation>Pull-Operationen</translation>
    </message>
    <message>
        <source>WBEMServerResponseTime: %1 ms in total</source>
        <extracomment>WBEMServerResponseTime is the name of a CIM-XML HTTP header (DSP0200): keep it as it is.</extracomment>
        <translation>WBEMServerResponseTime: insgesamt %1 ms</translation>
    </message>
    <message>
        <source>The server sent no WBEMServerResponseTime</source>
        <translation>Der Server hat kein WBEMServerResponseTime gesendet</translation>
    </message>
    <message>
        <source>GetClass failed (%1): values are shown unmapped</source>
        <translation>GetClass fehlgeschlagen (%1): Werte werden nicht abgebildet angezeigt</translation>
    </message>
    <message>
        <source>%1 has no instances</source>
        <translation>%1 hat keine Instanzen</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1, but the server took %2 ms</source>
        <translation>
            <numerusform>%n Instanz von %1, aber der Server brauchte %2 ms</numerusform>
            <numerusform>%n Instanzen von %1, aber der Server brauchte %2 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2 ms</source>
        <translation>
            <numerusform>%n Instanz von %1 in %2 ms</numerusform>
            <numerusform>%n Instanzen von %1 in %2 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cimdiag::ServerIdentityCheck</name>
    <message>
        <source>Probing interop namespaces: %1</source>
        <translation>Teste Interop-Namensräume: %1</translation>
    </message>
    <message>
        <source>No interop namespace to probe was given</source>
        <translation>Es wurde kein zu testender Interop-Namensraum angegeben</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>existiert</translation>
    </message>
    <message>
        <source>The interop namespace probe failed</source>
        <translation>Der Test der Interop-Namensräume ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>None of the interop namespaces exists on this server</source>
        <translation>Keiner der Interop-Namensräume existiert auf diesem Server</translation>
    </message>
    <message>
        <source>Reading CIM_ObjectManager, registered profiles and pull support in %1</source>
        <translation>Lese CIM_ObjectManager, registrierte Profile und Pull-Unterstützung in %1</translation>
    </message>
    <message>
        <source>Interop namespace: %1</source>
        <translation>Interop-Namensraum: %1</translation>
    </message>
    <message>
        <source>Object manager: %1 (%2)</source>
        <translation>Object Manager: %1 (%2)</translation>
    </message>
    <message>
        <source>CIM_ObjectManager: %1</source>
        <extracomment>CIM_ObjectManager is a CIM class name: keep it as it is.</extracomment>
        <translation>CIM_ObjectManager: %1</translation>
    </message>
    <message>
        <source>no instance</source>
        <translation>keine Instanz</translation>
    </message>
    <message>
        <source>Namespaces: %1</source>
        <translation>Namensräume: %1</translation>
    </message>
    <message>
        <source>The interop namespace itself is not listed in CIM_Namespace (E2); cimdiag found it by probing.</source>
        <translation>Der Interop-Namensraum selbst ist nicht in CIM_Namespace aufgeführt (E2); cimdiag hat ihn durch Testen gefunden.</translation>
    </message>
    <message>
        <source>Registered profiles: none</source>
        <translation>Registrierte Profile: keine</translation>
    </message>
    <message>
        <source>Registered profiles: %1</source>
        <translation>Registrierte Profile: %1</translation>
    </message>
    <message>
        <source>Pull operations: supported</source>
        <translation>Pull-Operationen: unterstützt</translation>
    </message>
    <message>
        <source>Pull operations: %1; clients fall back to the traditional operations</source>
        <translation>Pull-Operationen: %1; Clients weichen auf die herkömmlichen Operationen aus</translation>
    </message>
    <message>
        <source>Pull operations: not determined (%1)</source>
        <translation>Pull-Operationen: nicht ermittelt (%1)</translation>
    </message>
    <message>
        <source>a CIM server</source>
        <translation>ein CIM-Server</translation>
    </message>
    <message>
        <source>%1, interop namespace %2</source>
        <translation>%1, Interop-Namensraum %2</translation>
    </message>
    <message>
        <source>%1, interop namespace %2, but reading it is denied</source>
        <translation>%1, Interop-Namensraum %2, aber das Lesen wird verweigert</translation>
    </message>
    <message>
        <source>%1, interop namespace %2; the pull operations do not work</source>
        <translation>%1, Interop-Namensraum %2; die Pull-Operationen funktionieren nicht</translation>
    </message>
</context>
<context>
    <name>cimdiag::SlpCheck</name>
    <message>
        <source>SLP discovery not requested</source>
        <translation>SLP-Suche nicht angefordert</translation>
    </message>
</context>
<context>
    <name>cimdiag::SlpDiscovery</name>
    <message>
        <source>Asking %1 port %2 (unicast SrvRqst)</source>
        <translation>Frage %1 Port %2 (Unicast-SrvRqst)</translation>
    </message>
    <message>
        <source>Multicasting a SrvRqst for %1 to %2 port %3</source>
        <translation>Sende SrvRqst für %1 per Multicast an %2 Port %3</translation>
    </message>
    <message>
        <source>Broadcasting a SrvRqst for %1 to port %2</source>
        <translation>Sende SrvRqst für %1 per Broadcast an Port %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::SlpDiscoveryDialog</name>
    <message>
        <source>Find WBEM servers (SLP)</source>
        <translation>WBEM-Server suchen (SLP)</translation>
    </message>
    <message>
        <source>Ask host</source>
        <translation>Host abfragen</translation>
    </message>
    <message>
        <source>empty: multicast; or HOST[:PORT] to ask one SLP agent</source>
        <translation>leer: Multicast; oder HOST[:PORT], um einen SLP-Agenten abzufragen</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>Multicast to the local network (239.255.255.253)</source>
        <translation>Multicast ins lokale Netz (239.255.255.253)</translation>
    </message>
    <message>
        <source>Multicast</source>
        <translation>Multicast</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Servers found</source>
        <translation>Gefundene Server</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Answered from</source>
        <translation>Antwort von</translation>
    </message>
    <message>
        <source>Attributes of the selected server</source>
        <translation>Attribute des ausgewählten Servers</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>&amp;Use as target</source>
        <translation>Als &amp;Ziel verwenden</translation>
    </message>
    <message>
        <source>Use as target</source>
        <translation>Als Ziel verwenden</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Ask &amp;host:</source>
        <translation>&amp;Host abfragen:</translation>
    </message>
    <message>
        <source>S&amp;cope:</source>
        <translation>S&amp;cope:</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not HOST, HOST:PORT or [IPv6]:PORT.</source>
        <translation>„%1“ ist nicht HOST, HOST:PORT oder [IPv6]:PORT.</translation>
    </message>
    <message>
        <source>Enter a host or turn multicast on.</source>
        <translation>Geben Sie einen Host ein oder schalten Sie Multicast ein.</translation>
    </message>
    <message>
        <source>Searching...</source>
        <translation>Suche läuft...</translation>
    </message>
    <message>
        <source>Not a WBEM URL: it cannot be used as a target.</source>
        <translation>Keine WBEM-URL: Sie kann nicht als Ziel verwendet werden.</translation>
    </message>
    <message>
        <source>%1: no SLP agent (ICMP port unreachable). Enter the server&apos;s address and port directly.</source>
        <translation>%1: kein SLP-Agent (ICMP Port nicht erreichbar). Geben Sie Adresse und Port des Servers direkt ein.</translation>
    </message>
    <message>
        <source>%1: no answer (filtered, or the host is down).</source>
        <translation>%1: keine Antwort (gefiltert, oder der Host ist nicht erreichbar).</translation>
    </message>
    <message>
        <source>%1: SLP error %2.</source>
        <translation>%1: SLP-Fehler %2.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Multicast not sent: %1</source>
        <translation>Multicast nicht gesendet: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n server URL(s) found.</source>
        <translation>
            <numerusform>%n Server-URL gefunden.</numerusform>
            <numerusform>%n Server-URLs gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Service URL</source>
        <translation>Dienst-URL</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>Lebensdauer</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <source>Deviation from DSP0206</source>
        <translation>Abweichung von DSP0206</translation>
    </message>
    <message>
        <source>&amp;Search again</source>
        <translation>&amp;Erneut suchen</translation>
    </message>
</context>
<context>
    <name>cimdiag::StageTimelineWidget</name>
    <message>
        <source>Stage timeline</source>
        <translation>Zeitleiste der Stufen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, %2 (from %3)</source>
        <translation>%1, %2 (ab %3)</translation>
    </message>
</context>
<context>
    <name>cimdiag::StatisticsModel</name>
    <message numerus="yes">
        <source>%n of %1 replies carried WBEMServerResponseTime</source>
        <translation>
            <numerusform>%n von %1 Antworten enthielt WBEMServerResponseTime</numerusform>
            <numerusform>%n von %1 Antworten enthielten WBEMServerResponseTime</numerusform>
        </translation>
    </message>
    <message>
        <source>The server sent no WBEMServerResponseTime header</source>
        <translation>Der Server hat keinen WBEMServerResponseTime-Header gesendet</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Client avg (ms)</source>
        <translation>Client Ø (ms)</translation>
    </message>
    <message>
        <source>Client min (ms)</source>
        <translation>Client min. (ms)</translation>
    </message>
    <message>
        <source>Client max (ms)</source>
        <translation>Client max. (ms)</translation>
    </message>
    <message>
        <source>Server avg (ms)</source>
        <translation>Server Ø (ms)</translation>
    </message>
    <message>
        <source>Server min (ms)</source>
        <translation>Server min. (ms)</translation>
    </message>
    <message>
        <source>Server max (ms)</source>
        <translation>Server max. (ms)</translation>
    </message>
    <message>
        <source>Request avg (bytes)</source>
        <translation>Anfrage Ø (Bytes)</translation>
    </message>
    <message>
        <source>Request min (bytes)</source>
        <translation>Anfrage min. (Bytes)</translation>
    </message>
    <message>
        <source>Request max (bytes)</source>
        <translation>Anfrage max. (Bytes)</translation>
    </message>
    <message>
        <source>Reply avg (bytes)</source>
        <translation>Antwort Ø (Bytes)</translation>
    </message>
    <message>
        <source>Reply min (bytes)</source>
        <translation>Antwort min. (Bytes)</translation>
    </message>
    <message>
        <source>Reply max (bytes)</source>
        <translation>Antwort max. (Bytes)</translation>
    </message>
    <message>
        <source>pywbem: %1</source>
        <translation>pywbem: %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::Target</name>
    <message>
        <source>the target is empty: give a host name, an address or a URL</source>
        <translation>das Ziel ist leer: Geben Sie einen Hostnamen, eine Adresse oder eine URL an</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL: %2</source>
        <translation>„%1“ ist keine gültige URL: %2</translation>
    </message>
    <message>
        <source>unsupported scheme &quot;%1&quot; in &quot;%2&quot;: use https:// (port 5989) or http:// (port 5988)</source>
        <translation>nicht unterstütztes Schema „%1“ in „%2“: Verwenden Sie https:// (Port 5989) oder http:// (Port 5988)</translation>
    </message>
    <message>
        <source>credentials in the URL are not accepted: give the user with --user and the password with --password-stdin or --password-env</source>
        <translation>Anmeldedaten in der URL werden nicht akzeptiert: Geben Sie den Benutzer mit --user und das Passwort mit --password-stdin oder --password-env an</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no host name</source>
        <translation>„%1“ hat keinen Hostnamen</translation>
    </message>
    <message>
        <source>port 0 in &quot;%1&quot; is not a port a server listens on</source>
        <translation>Port 0 in „%1“ ist kein Port, auf dem ein Server lauscht</translation>
    </message>
</context>
<context>
    <name>cimdiag::TargetPage</name>
    <message>
        <source>Basic (user and password)</source>
        <translation>Basic (Benutzer und Passwort)</translation>
    </message>
    <message>
        <source>CIM ticket (VMware ESXi)</source>
        <translation>CIM-Ticket (VMware ESXi)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>CA certificates (PEM)</source>
        <translation>CA-Zertifikate (PEM)</translation>
    </message>
    <message>
        <source>Client certificate (PEM)</source>
        <translation>Client-Zertifikat (PEM)</translation>
    </message>
    <message>
        <source>Client private key (PEM)</source>
        <translation>Privater Client-Schlüssel (PEM)</translation>
    </message>
    <message>
        <source>&amp;Ticket:</source>
        <translation>&amp;Ticket:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>CIM ticket</source>
        <translation>CIM-Ticket</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Enter the user name, or choose &quot;None&quot; as authentication.</source>
        <translation>Geben Sie den Benutzernamen ein oder wählen Sie „Keine“ als Authentifizierung.</translation>
    </message>
    <message>
        <source>Enter the CIM ticket (from AcquireCimServicesTicket).</source>
        <translation>Geben Sie das CIM-Ticket ein (von AcquireCimServicesTicket).</translation>
    </message>
    <message>
        <source>A client certificate needs its private key, and the other way round.</source>
        <translation>Ein Client-Zertifikat braucht seinen privaten Schlüssel und umgekehrt.</translation>
    </message>
    <message>
        <source>The pinned certificate must be a SHA-256 fingerprint: 64 hex digits, colons allowed.</source>
        <translation>Das gepinnte Zertifikat muss ein SHA-256-Fingerabdruck sein: 64 Hexadezimalziffern, Doppelpunkte erlaubt.</translation>
    </message>
    <message>
        <source>(no saved profile)</source>
        <translation>(kein gespeichertes Profil)</translation>
    </message>
    <message>
        <source>Save connection profile</source>
        <translation>Verbindungsprofil speichern</translation>
    </message>
    <message>
        <source>Profile name (an existing profile of that name is replaced):</source>
        <translation>Profilname (ein vorhandenes Profil dieses Namens wird ersetzt):</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Profilname</translation>
    </message>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>Das Profil wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>it needs a name.</source>
        <translation>Es braucht einen Namen.</translation>
    </message>
    <message>
        <source>Saving &quot;%1&quot;, the password in the system keychain…</source>
        <translation>„%1“ wird gespeichert, das Passwort im Schlüsselbund des Systems…</translation>
    </message>
    <message>
        <source>Saving &quot;%1&quot;…</source>
        <translation>„%1“ wird gespeichert…</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; saved, without a password.</source>
        <translation>Profil „%1“ ohne Passwort gespeichert.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; saved; the password is in the system keychain.</source>
        <translation>Profil „%1“ gespeichert; das Passwort liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; cannot be used: %2</source>
        <translation>Das Profil „%1“ kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <source>There is no profile &quot;%1&quot;.</source>
        <translation>Es gibt kein Profil „%1“.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; loaded.</source>
        <translation>Profil „%1“ geladen.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; loaded; reading its password from the system keychain…</source>
        <translation>Profil „%1“ geladen; sein Passwort wird aus dem Schlüsselbund des Systems gelesen…</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; loaded with its password from the system keychain.</source>
        <translation>Profil „%1“ mit seinem Passwort aus dem Schlüsselbund des Systems geladen.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; deleted.</source>
        <translation>Profil „%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Find WBEM servers (SLP)</source>
        <translation>WBEM-Server suchen (SLP)</translation>
    </message>
</context>
<context>
    <name>cimdiag::TcpCheck</name>
    <message>
        <source>Looking up %1 (A and AAAA)</source>
        <translation>Löse %1 auf (A und AAAA)</translation>
    </message>
    <message>
        <source>No address to connect to: %1</source>
        <translation>Keine Adresse zum Verbinden: %1</translation>
    </message>
    <message>
        <source>Connecting to ports %1 and %2 on %3 address(es)</source>
        <translation>Verbinde mit den Ports %1 und %2 auf %3 Adresse(n)</translation>
    </message>
    <message>
        <source>Connecting to port %1 on %2 address(es)</source>
        <translation>Verbinde mit Port %1 auf %2 Adresse(n)</translation>
    </message>
</context>
<context>
    <name>cimdiag::TcpDiagnosis</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>no answer within %1 (filtered?)</source>
        <translation>keine Antwort innerhalb von %1 (gefiltert?)</translation>
    </message>
    <message>
        <source>open (connected in %1)</source>
        <translation>offen (verbunden in %1)</translation>
    </message>
    <message>
        <source>refused (%1)</source>
        <translation>abgewiesen (%1)</translation>
    </message>
    <message>
        <source>no answer within %1 (filtered)</source>
        <translation>keine Antwort innerhalb von %1 (gefiltert)</translation>
    </message>
    <message>
        <source>unreachable (%1)</source>
        <translation>nicht erreichbar (%1)</translation>
    </message>
    <message>
        <source>accepted, then closed at once (EOF)</source>
        <translation>angenommen, dann sofort geschlossen (EOF)</translation>
    </message>
    <message>
        <source>accepted, then reset (%1)</source>
        <translation>angenommen, dann zurückgesetzt (%1)</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>No answer within %1; not waited for longer</source>
        <translation>Keine Antwort innerhalb von %1; nicht länger gewartet</translation>
    </message>
    <message>
        <source>No address to connect to</source>
        <translation>Keine Adresse zum Verbinden</translation>
    </message>
    <message>
        <source>Port %1 is open on %2 (connected in %3)</source>
        <translation>Port %1 ist offen auf %2 (verbunden in %3)</translation>
    </message>
    <message>
        <source>Port %1 is open on all %2 addresses (fastest connect %3)</source>
        <translation>Port %1 ist auf allen %2 Adressen offen (schnellster Verbindungsaufbau %3)</translation>
    </message>
    <message>
        <source>Port %1 is open over %2 but not over %3: %4 on %5</source>
        <translation>Port %1 ist über %2 offen, aber nicht über %3: %4 auf %5</translation>
    </message>
    <message>
        <source>A client that tries %1 first fails or waits; connect to %2 explicitly, or make the server listen on both families.</source>
        <translation>Ein Client, der zuerst %1 versucht, scheitert oder wartet; verbinden Sie sich ausdrücklich mit %2, oder lassen Sie den Server auf beiden Adressfamilien lauschen.</translation>
    </message>
    <message>
        <source>Port %1 is open on %2 but not on %3: %4</source>
        <translation>Port %1 ist offen auf %2, aber nicht auf %3: %4</translation>
    </message>
    <message>
        <source>Port %1 refused the connection (%2)</source>
        <translation>Port %1 hat die Verbindung abgewiesen (%2)</translation>
    </message>
    <message>
        <source>Port %1 did not answer within %2: the connection attempts are silently dropped</source>
        <translation>Port %1 hat nicht innerhalb von %2 geantwortet: Die Verbindungsversuche werden stillschweigend verworfen</translation>
    </message>
    <message>
        <source>Port %1 is unreachable (%2): a router or firewall rejects the connection</source>
        <translation>Port %1 ist nicht erreichbar (%2): Ein Router oder eine Firewall weist die Verbindung ab</translation>
    </message>
    <message>
        <source>Port %1 accepted the connection, then closed it without a byte (EOF)</source>
        <translation>Port %1 nahm die Verbindung an und schloss sie dann ohne ein Byte (EOF)</translation>
    </message>
    <message>
        <source>Port %1 accepted the connection, then reset it (%2)</source>
        <translation>Port %1 nahm die Verbindung an und setzte sie dann zurück (%2)</translation>
    </message>
    <message>
        <source>Connecting to port %1 failed: %2</source>
        <translation>Verbindung mit Port %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>; port %1 (%2) is open: try %3</source>
        <translation>; Port %1 (%2) ist offen: Versuchen Sie %3</translation>
    </message>
    <message>
        <source>&quot;Refused&quot; means a TCP reset from the host, or an ICMP port-unreachable from a firewall (Linux reports both as ECONNREFUSED).</source>
        <translation>„Abgewiesen“ bedeutet ein TCP-Reset vom Host oder ein ICMP Port Unreachable von einer Firewall (Linux meldet beides als ECONNREFUSED).</translation>
    </message>
    <message>
        <source>%1 port %2: %3</source>
        <translation>%1 Port %2: %3</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>The other CIM port %1 (%2): %3</source>
        <translation>Der andere CIM-Port %1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>cimdiag::TcpProbe</name>
    <message>
        <source>No answer to the connection attempt within %1 ms</source>
        <translation>Keine Antwort auf den Verbindungsversuch innerhalb von %1 ms</translation>
    </message>
</context>
<context>
    <name>cimdiag::TlsCheck</name>
    <message>
        <source>plain http: no TLS to check</source>
        <translation>reines http: kein TLS zu prüfen</translation>
    </message>
    <message>
        <source>TLS handshake with %1</source>
        <translation>TLS-Handshake mit %1</translation>
    </message>
    <message>
        <source>Default handshake failed; trying one relaxation at a time</source>
        <translation>Standard-Handshake fehlgeschlagen; versuche jeweils eine Lockerung</translation>
    </message>
</context>
<context>
    <name>cimdiag::TlsProbe</name>
    <message numerus="yes">
        <source>CA file %1 (%n certificate(s))</source>
        <translation>
            <numerusform>CA-Datei %1 (%n Zertifikat)</numerusform>
            <numerusform>CA-Datei %1 (%n Zertifikate)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CA directory %1 (%n certificate(s))</source>
        <translation>
            <numerusform>CA-Verzeichnis %1 (%n Zertifikat)</numerusform>
            <numerusform>CA-Verzeichnis %1 (%n Zertifikate)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>system (Qt system store, %n certificate(s))</source>
        <translation>
            <numerusform>System (Qt-Systemspeicher, %n Zertifikat)</numerusform>
            <numerusform>System (Qt-Systemspeicher, %n Zertifikate)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1=%2 is set in the environment (not used for this verification)</source>
        <translation>%1=%2 ist in der Umgebung gesetzt (für diese Prüfung nicht verwendet)</translation>
    </message>
    <message>
        <source>no client certificate in %1</source>
        <translation>kein Client-Zertifikat in %1</translation>
    </message>
    <message>
        <source>no usable private key in %1</source>
        <translation>kein verwendbarer privater Schlüssel in %1</translation>
    </message>
    <message>
        <source>Connection timed out</source>
        <translation>Zeitüberschreitung der Verbindung</translation>
    </message>
</context>
<context>
    <name>cimdiag::WbemErrorDiagnosis</name>
    <message>
        <source>no connection within the timeout</source>
        <translation>keine Verbindung innerhalb der Zeitüberschreitung</translation>
    </message>
    <message>
        <source>no complete reply within the timeout</source>
        <translation>keine vollständige Antwort innerhalb der Zeitüberschreitung</translation>
    </message>
    <message>
        <source>the operation ran over its total time limit</source>
        <translation>die Operation hat ihr Gesamtzeitlimit überschritten</translation>
    </message>
    <message>
        <source>the reply is not valid CIM-XML: %1</source>
        <translation>die Antwort ist kein gültiges CIM-XML: %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::WelcomePrompt</name>
    <message>
        <source>Welcome to CIM Diagnostics</source>
        <translation>Willkommen bei CIM-Diagnose</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;New to cimdiag?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;The demo starts the built-in CIM server simulator on this computer (127.0.0.1) and diagnoses the connection to it, stage by stage, so you can see what a diagnosis looks like before you point cimdiag at a real server.&lt;/p&gt;&lt;p&gt;The Demo menu starts it again, with any failure scenario.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Neu bei cimdiag?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Die Demo startet den eingebauten CIM-Server-Simulator auf diesem Computer (127.0.0.1) und diagnostiziert die Verbindung dorthin Stufe für Stufe. So sehen Sie, wie eine Diagnose aussieht, bevor Sie cimdiag auf einen echten Server richten.&lt;/p&gt;&lt;p&gt;Über das Menü Demo starten Sie sie erneut, auch mit einem beliebigen Fehlerszenario.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Run the demo diagnosis</source>
        <translation>Demo-Diagnose &amp;ausführen</translation>
    </message>
    <message>
        <source>Run the demo diagnosis</source>
        <translation>Demo-Diagnose ausführen</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>&amp;Nicht jetzt</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
</context>
</TS>
