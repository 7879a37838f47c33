<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AppPaths</name>
    <message>
        <source>%1 exists and is not a folder.</source>
        <translation>%1 existe et n&apos;est pas un dossier.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
</context>
<context>
    <name>AuditedSettings</name>
    <message>
        <source>%1 is a secret and is not stored</source>
        <translation>%1 est un secret et n&apos;est pas enregistré</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Try &apos;%1 --help&apos; for more information.</source>
        <translation>Essayez «&#xa0;%1 --help&#xa0;» pour plus d&apos;informations.</translation>
    </message>
    <message>
        <source>FILE is the response to operation NAME, e.g. EnumerateInstances, GetClass, InvokeMethod (case-insensitive).</source>
        <translation>FICHIER est la réponse à l&apos;opération NOM, p. ex. EnumerateInstances, GetClass, InvokeMethod (insensible à la casse).</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <source>FILE is a request (intrinsic, extrinsic or export); its operation is read from it.</source>
        <translation>FICHIER est une requête (intrinsèque, extrinsèque ou export)&#xa0;; son opération y est lue.</translation>
    </message>
    <message>
        <source>Print JSON instead of MOF-like text.</source>
        <translation>Afficher du JSON au lieu d&apos;un texte de type MOF.</translation>
    </message>
    <message>
        <source>Decode a captured CIM-XML message.</source>
        <translation>Décoder un message CIM-XML capturé.</translation>
    </message>
    <message>
        <source>The captured message; - reads standard input.</source>
        <translation>Le message capturé&#xa0;; - lit l&apos;entrée standard.</translation>
    </message>
    <message>
        <source>FILE is missing (give - to read standard input).</source>
        <translation>FICHIER manquant (indiquez - pour lire l&apos;entrée standard).</translation>
    </message>
    <message>
        <source>one FILE at a time, got %1: %2</source>
        <translation>un seul FICHIER à la fois, reçu %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>--request reads the operation from the document; leave out --operation.</source>
        <translation>--request lit l&apos;opération dans le document&#xa0;; omettez --operation.</translation>
    </message>
    <message>
        <source>--operation NAME is required: a response does not say which operation it answers (or give --request to decode a request).</source>
        <translation>--operation NOM est requis&#xa0;: une réponse n&apos;indique pas à quelle opération elle répond (ou indiquez --request pour décoder une requête).</translation>
    </message>
    <message>
        <source>unknown operation &quot;%1&quot;. Replies to extrinsic methods such as RequestStateChange are InvokeMethod. Valid operations:
%2</source>
        <translation>opération «&#xa0;%1&#xa0;» inconnue. Les réponses aux méthodes extrinsèques telles que RequestStateChange sont des InvokeMethod. Opérations valides&#xa0;:
%2</translation>
    </message>
    <message>
        <source>Password: </source>
        <translation>Mot de passe&#xa0;: </translation>
    </message>
    <message>
        <source>CIM ticket: </source>
        <translation>Ticket CIM&#xa0;: </translation>
    </message>
    <message>
        <source>cimdiag-cli: warning: cannot write the audit trail: %1</source>
        <translation>cimdiag-cli&#xa0;: avertissement&#xa0;: impossible d&apos;écrire la piste d&apos;audit&#xa0;: %1</translation>
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
        <translation>Outils en ligne de commande de cimdiag, le diagnostic des connexions CIM/WBEM.

Commandes&#xa0;:
  check    diagnostiquer la connexion à un serveur CIM, étape par étape
  decode   décoder et afficher une réponse ou requête CIM-XML capturée
  listen   lancer un écouteur d&apos;indications et afficher ce qui arrive
  audit    afficher ou vérifier la piste d&apos;audit, ou l&apos;activer/désactiver
  discover trouver les serveurs WBEM qui s&apos;annoncent via SLP

Exécutez «&#xa0;cimdiag-cli COMMANDE --help&#xa0;» pour les options d&apos;une commande.</translation>
    </message>
    <message>
        <source>The command to run: %1.</source>
        <translation>La commande à exécuter&#xa0;: %1.</translation>
    </message>
    <message>
        <source>The command&apos;s options and arguments.</source>
        <translation>Les options et arguments de la commande.</translation>
    </message>
    <message>
        <source>no command given; the commands are: %1.</source>
        <translation>aucune commande indiquée&#xa0;; les commandes sont&#xa0;: %1.</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; the commands are: %2.</source>
        <translation>commande «&#xa0;%1&#xa0;» inconnue&#xa0;; les commandes sont&#xa0;: %2.</translation>
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
        <translation>Afficher, vérifier et activer/désactiver la piste d&apos;audit (%1).

Sous-commandes&#xa0;:
  show      afficher les enregistrements (--json&#xa0;: tels quels, un objet JSON par ligne)
  verify    vérifier la chaîne de hachage&#xa0;; sortie 0 si intacte, 1 avec la 1re ligne erronée
  enable    enregistrer la piste d&apos;audit (par défaut)&#xa0;; --syslog la copie aussi dans syslog
  disable   arrêter l&apos;enregistrement (le dernier enregistrement l&apos;indique)</translation>
    </message>
    <message>
        <source>show: print the records as stored.</source>
        <translation>show&#xa0;: afficher les enregistrements tels quels.</translation>
    </message>
    <message>
        <source>show: only records at or after WHEN (ISO 8601 date or date-time, or 30m, 12h, 7d).</source>
        <translation>show&#xa0;: seulement les enregistrements à partir de QUAND (date ou date-heure ISO 8601, ou 30m, 12h, 7d).</translation>
    </message>
    <message>
        <source>WHEN</source>
        <translation>QUAND</translation>
    </message>
    <message>
        <source>The trail to read (default: %1).</source>
        <translation>La piste à lire (par défaut&#xa0;: %1).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>enable: also copy every record to syslog.</source>
        <translation>enable&#xa0;: copier aussi chaque enregistrement dans syslog.</translation>
    </message>
    <message>
        <source>enable: stop copying to syslog.</source>
        <translation>enable&#xa0;: arrêter la copie dans syslog.</translation>
    </message>
    <message>
        <source>Work with the audit trail.</source>
        <translation>Gérer la piste d&apos;audit.</translation>
    </message>
    <message>
        <source>show, verify, enable or disable.</source>
        <translation>show, verify, enable ou disable.</translation>
    </message>
    <message>
        <source>Try &apos;cimdiag-cli audit --help&apos; for more information.</source>
        <translation>Essayez «&#xa0;cimdiag-cli audit --help&#xa0;» pour plus d&apos;informations.</translation>
    </message>
    <message>
        <source>give one subcommand: show, verify, enable or disable.</source>
        <translation>indiquez une sous-commande&#xa0;: show, verify, enable ou disable.</translation>
    </message>
    <message>
        <source>%1: no audit trail yet (nothing to verify)</source>
        <translation>%1&#xa0;: pas encore de piste d&apos;audit (rien à vérifier)</translation>
    </message>
    <message>
        <source>%1: valid, %2 records in an intact chain</source>
        <translation>%1&#xa0;: valide, %2 enregistrements dans une chaîne intacte</translation>
    </message>
    <message>
        <source>%1:%2: broken: %3</source>
        <translation>%1:%2&#xa0;: rompue&#xa0;: %3</translation>
    </message>
    <message>
        <source>Records before it in an intact chain: %1.</source>
        <translation>Enregistrements précédents dans une chaîne intacte&#xa0;: %1.</translation>
    </message>
    <message>
        <source>--since: &quot;%1&quot; is neither a date, a date-time nor a span like 12h</source>
        <translation>--since&#xa0;: «&#xa0;%1&#xa0;» n&apos;est ni une date, ni une date-heure, ni une durée comme 12h</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>--syslog and --no-syslog exclude each other.</source>
        <translation>--syslog et --no-syslog s&apos;excluent mutuellement.</translation>
    </message>
    <message>
        <source>The audit trail is on (%1).</source>
        <translation>La piste d&apos;audit est activée (%1).</translation>
    </message>
    <message>
        <source>The audit trail is off.</source>
        <translation>La piste d&apos;audit est désactivée.</translation>
    </message>
    <message>
        <source>unknown subcommand &quot;%1&quot;; the subcommands are: show, verify, enable, disable.</source>
        <translation>sous-commande «&#xa0;%1&#xa0;» inconnue&#xa0;; les sous-commandes sont&#xa0;: show, verify, enable, disable.</translation>
    </message>
</context>
<context>
    <name>CliCheckCommand</name>
    <message>
        <source>cannot write the report %1: %2</source>
        <translation>impossible d&apos;écrire le rapport %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>Interop namespace %1: removed %n cimdiag object(s)
</source>
        <translation>
            <numerusform>Espace de noms interop %1&#xa0;: %n objet cimdiag supprimé
</numerusform>
            <numerusform>Espace de noms interop %1&#xa0;: %n objets cimdiag supprimés
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CliCheckOptions</name>
    <message>
        <source>--password is not accepted: a password given as an argument shows in the process list, the shell history and audit logs. Use --password-stdin (reads one line from standard input) or --password-env VAR (reads the environment variable VAR).</source>
        <translation>--password n&apos;est pas accepté&#xa0;: un mot de passe passé en argument apparaît dans la liste des processus, l&apos;historique du shell et les journaux d&apos;audit. Utilisez --password-stdin (lit une ligne de l&apos;entrée standard) ou --password-env VAR (lit la variable d&apos;environnement VAR).</translation>
    </message>
    <message>
        <source>The user for HTTP Basic authentication.</source>
        <translation>L&apos;utilisateur pour l&apos;authentification HTTP Basic.</translation>
    </message>
    <message>
        <source>USER</source>
        <translation>UTILISATEUR</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation>Lire le mot de passe dans la première ligne de l&apos;entrée standard.</translation>
    </message>
    <message>
        <source>Read the password from environment variable VAR.</source>
        <translation>Lire le mot de passe dans la variable d&apos;environnement VAR.</translation>
    </message>
    <message>
        <source>VAR</source>
        <translation>VAR</translation>
    </message>
    <message>
        <source>Read a VMware ESXi CIM ticket (AcquireCimServicesTicket) from the first line of standard input.</source>
        <translation>Lire un ticket CIM VMware ESXi (AcquireCimServicesTicket) dans la première ligne de l&apos;entrée standard.</translation>
    </message>
    <message>
        <source>Read an ESXi CIM ticket from environment variable VAR.</source>
        <translation>Lire un ticket CIM ESXi dans la variable d&apos;environnement VAR.</translation>
    </message>
    <message>
        <source>Trust the CA certificates in PATH (a PEM file, or a directory of them) instead of the system store.</source>
        <translation>Faire confiance aux certificats d&apos;AC de CHEMIN (un fichier PEM ou un répertoire de fichiers PEM) au lieu du magasin système.</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>CHEMIN</translation>
    </message>
    <message>
        <source>2-way TLS: the client certificate (PEM).</source>
        <translation>TLS mutuel&#xa0;: le certificat client (PEM).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>2-way TLS: the client certificate&apos;s private key (PEM).</source>
        <translation>TLS mutuel&#xa0;: la clé privée du certificat client (PEM).</translation>
    </message>
    <message>
        <source>Continue past this certificate verification error (repeatable): %1.</source>
        <translation>Continuer malgré cette erreur de vérification de certificat (répétable)&#xa0;: %1.</translation>
    </message>
    <message>
        <source>ERR</source>
        <translation>ERR</translation>
    </message>
    <message>
        <source>Accept the server certificate whose SHA-256 fingerprint is HEX (64 hex digits, colons allowed), whatever verification says; any other certificate fails.</source>
        <translation>Accepter le certificat du serveur dont l&apos;empreinte SHA-256 est HEX (64 chiffres hexadécimaux, deux-points autorisés), quoi que dise la vérification&#xa0;; tout autre certificat échoue.</translation>
    </message>
    <message>
        <source>HEX</source>
        <translation>HEX</translation>
    </message>
    <message>
        <source>Do not check that the certificate names the host.</source>
        <translation>Ne pas vérifier que le certificat nomme l&apos;hôte.</translation>
    </message>
    <message>
        <source>Namespace of the sample enumerate (default: chosen from the server&apos;s namespaces).</source>
        <translation>Espace de noms de l&apos;énumération d&apos;exemple (par défaut&#xa0;: choisi parmi ceux du serveur).</translation>
    </message>
    <message>
        <source>NS</source>
        <translation>NS</translation>
    </message>
    <message>
        <source>Class of the sample enumerate (default: CIM_ComputerSystem).</source>
        <translation>Classe de l&apos;énumération d&apos;exemple (par défaut&#xa0;: CIM_ComputerSystem).</translation>
    </message>
    <message>
        <source>CLASS</source>
        <translation>CLASSE</translation>
    </message>
    <message>
        <source>Probe this interop namespace (repeatable; replaces the default list %1).</source>
        <translation>Sonder cet espace de noms interop (répétable&#xa0;; remplace la liste par défaut %1).</translation>
    </message>
    <message>
        <source>Limit of each network step (TCP connect, TLS handshake, one HTTP exchange) in seconds; decimals allowed (default 10).</source>
        <translation>Limite de chaque étape réseau (connexion TCP, négociation TLS, un échange HTTP) en secondes&#xa0;; décimales autorisées (10 par défaut).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDES</translation>
    </message>
    <message>
        <source>Run only this stage (repeatable or comma-separated): %1.</source>
        <translation>N&apos;exécuter que cette étape (répétable ou séparé par des virgules)&#xa0;: %1.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Print the results as JSON (docs/check-json-schema.md) and nothing else on standard output.</source>
        <translation>Afficher les résultats en JSON (docs/check-json-schema.md) et rien d&apos;autre sur la sortie standard.</translation>
    </message>
    <message>
        <source>Also write a report to FILE, in the format its extension names: .json (docs/report-json.md), .html or .htm, .md, .txt.</source>
        <translation>Écrire aussi un rapport dans FICHIER, au format donné par son extension&#xa0;: .json (docs/report-json.md), .html ou .htm, .md, .txt.</translation>
    </message>
    <message>
        <source>Stream these log channels to standard error as they happen: ops, http, check (comma-separated).</source>
        <translation>Diffuser ces canaux de journalisation sur la sortie d&apos;erreur au fil de l&apos;eau&#xa0;: ops, http, check (séparés par des virgules).</translation>
    </message>
    <message>
        <source>CHANNELS</source>
        <translation>CANAUX</translation>
    </message>
    <message>
        <source>No progress and no per-stage lines: only the summary.</source>
        <translation>Ni progression ni lignes par étape&#xa0;: seulement le résumé.</translation>
    </message>
    <message>
        <source>The summary shows the details and evidence of every stage.</source>
        <translation>Le résumé affiche les détails et éléments probants de chaque étape.</translation>
    </message>
    <message>
        <source>No colours on a terminal (the NO_COLOR variable does the same).</source>
        <translation>Pas de couleurs dans un terminal (la variable NO_COLOR a le même effet).</translation>
    </message>
    <message>
        <source>Check every target in FILE (one URL or host[:port] a line; # comments) and print one JSON line per target as it finishes.</source>
        <translation>Vérifier chaque cible de FICHIER (une URL ou host[:port] par ligne&#xa0;; commentaires #) et afficher une ligne JSON par cible dès qu&apos;elle est terminée.</translation>
    </message>
    <message>
        <source>With --hosts: how many targets to check at once (1-%1, default %2).</source>
        <translation>Avec --hosts&#xa0;: nombre de cibles vérifiées simultanément (1-%1, %2 par défaut).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Also run the SLP discovery stage: ask the target&apos;s SLP agent (UDP 427) for service:wbem and, unless the target is on loopback, multicast the query (--stage slp does the same).</source>
        <translation>Exécuter aussi l&apos;étape de découverte SLP&#xa0;: demander service:wbem à l&apos;agent SLP de la cible (UDP 427) et, sauf si la cible est en boucle locale, envoyer la requête en multidiffusion (--stage slp fait de même).</translation>
    </message>
    <message>
        <source>The target&apos;s SLP port for --slp (default 427; another port turns the multicast query off).</source>
        <translation>Port SLP de la cible pour --slp (427 par défaut&#xa0;; un autre port désactive la requête en multidiffusion).</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORT</translation>
    </message>
    <message>
        <source>Diagnose the connection to a CIM server.</source>
        <translation>Diagnostiquer la connexion à un serveur CIM.</translation>
    </message>
    <message>
        <source>https://host:5989, http://host:5988, host:port or host (https, port 5989).</source>
        <translation>https://host:5989, http://host:5988, host:port ou host (https, port 5989).</translation>
    </message>
    <message>
        <source>--hosts needs a FILE.</source>
        <translation>--hosts nécessite un FICHIER.</translation>
    </message>
    <message>
        <source>give either a TARGET or --hosts FILE, not both (got %1).</source>
        <translation>indiquez soit une CIBLE, soit --hosts FICHIER, pas les deux (reçu %1).</translation>
    </message>
    <message>
        <source>--hosts %1: not a readable file.</source>
        <translation>--hosts %1&#xa0;: fichier illisible.</translation>
    </message>
    <message>
        <source>--report writes one target&apos;s results; with --hosts every result is a JSON line on standard output.</source>
        <translation>--report écrit les résultats d&apos;une seule cible&#xa0;; avec --hosts, chaque résultat est une ligne JSON sur la sortie standard.</translation>
    </message>
    <message>
        <source>TARGET is missing: give https://host:5989, host:port or host (or --hosts FILE).</source>
        <translation>CIBLE manquante&#xa0;: indiquez https://host:5989, host:port ou host (ou --hosts FICHIER).</translation>
    </message>
    <message>
        <source>one TARGET at a time, got %1: %2 (use --hosts FILE for many).</source>
        <translation>une seule CIBLE à la fois, reçu %1&#xa0;: %2 (utilisez --hosts FICHIER pour plusieurs).</translation>
    </message>
    <message>
        <source>--parallel only applies to --hosts FILE.</source>
        <translation>--parallel ne s&apos;applique qu&apos;à --hosts FICHIER.</translation>
    </message>
    <message>
        <source>--parallel must be a number from 1 to %1, got &quot;%2&quot;.</source>
        <translation>--parallel doit être un nombre de 1 à %1, reçu «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>give one password source: --password-stdin or --password-env, not both.</source>
        <translation>indiquez une seule source de mot de passe&#xa0;: --password-stdin ou --password-env, pas les deux.</translation>
    </message>
    <message>
        <source>give one ticket source: --ticket-stdin or --ticket-env, not both.</source>
        <translation>indiquez une seule source de ticket&#xa0;: --ticket-stdin ou --ticket-env, pas les deux.</translation>
    </message>
    <message>
        <source>a CIM ticket replaces user and password: give either a password or a ticket.</source>
        <translation>un ticket CIM remplace l&apos;utilisateur et le mot de passe&#xa0;: indiquez soit un mot de passe, soit un ticket.</translation>
    </message>
    <message>
        <source>a CIM ticket is sent as its own user name: leave out --user.</source>
        <translation>un ticket CIM est envoyé comme son propre nom d&apos;utilisateur&#xa0;: omettez --user.</translation>
    </message>
    <message>
        <source>--user needs a password: --password-stdin or --password-env VAR.</source>
        <translation>--user nécessite un mot de passe&#xa0;: --password-stdin ou --password-env VAR.</translation>
    </message>
    <message>
        <source>a password needs --user USER.</source>
        <translation>un mot de passe nécessite --user UTILISATEUR.</translation>
    </message>
    <message>
        <source>standard input is empty: --%1-stdin reads the %1 from its first line.</source>
        <translation>l&apos;entrée standard est vide&#xa0;: --%1-stdin lit le %1 dans sa première ligne.</translation>
    </message>
    <message>
        <source>the first line of standard input is empty: --%1-stdin reads the %1 from it.</source>
        <translation>la première ligne de l&apos;entrée standard est vide&#xa0;: --%1-stdin y lit le %1.</translation>
    </message>
    <message>
        <source>--%1-env needs the name of an environment variable.</source>
        <translation>--%1-env nécessite le nom d&apos;une variable d&apos;environnement.</translation>
    </message>
    <message>
        <source>environment variable %1 (from --%2-env) is not set.</source>
        <translation>la variable d&apos;environnement %1 (de --%2-env) n&apos;est pas définie.</translation>
    </message>
    <message>
        <source>environment variable %1 (from --%2-env) is empty.</source>
        <translation>la variable d&apos;environnement %1 (de --%2-env) est vide.</translation>
    </message>
    <message>
        <source>--user needs a user name.</source>
        <translation>--user nécessite un nom d&apos;utilisateur.</translation>
    </message>
    <message>
        <source>--ca %1: no such readable file or directory.</source>
        <translation>--ca %1&#xa0;: aucun fichier ou répertoire lisible de ce nom.</translation>
    </message>
    <message>
        <source>2-way TLS needs both --client-cert FILE and --client-key FILE.</source>
        <translation>le TLS mutuel nécessite --client-cert FICHIER et --client-key FICHIER.</translation>
    </message>
    <message>
        <source>--%1 %2: not a readable file.</source>
        <translation>--%1 %2&#xa0;: fichier illisible.</translation>
    </message>
    <message>
        <source>unknown --accept-tls-error &quot;%1&quot;; the names are: %2.</source>
        <translation>--accept-tls-error «&#xa0;%1&#xa0;» inconnu&#xa0;; les noms sont&#xa0;: %2.</translation>
    </message>
    <message>
        <source>--pin must be a SHA-256 fingerprint: 64 hex digits, colons allowed (as `openssl x509 -noout -fingerprint -sha256` prints it), got &quot;%1&quot;.</source>
        <translation>--pin doit être une empreinte SHA-256&#xa0;: 64 chiffres hexadécimaux, deux-points autorisés (comme l&apos;affiche `openssl x509 -noout -fingerprint -sha256`), reçu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--interop needs a namespace name.</source>
        <translation>--interop nécessite un nom d&apos;espace de noms.</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds above 0 and at most 3600 (e.g. 2.5), got &quot;%1&quot;.</source>
        <translation>--timeout doit être un nombre de secondes supérieur à 0 et au plus 3600 (p. ex. 2.5), reçu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>unknown --stage &quot;%1&quot;; the stages are: %2.</source>
        <translation>--stage «&#xa0;%1&#xa0;» inconnu&#xa0;; les étapes sont&#xa0;: %2.</translation>
    </message>
    <message>
        <source>--slp-port must be a port number from 1 to 65535, got &quot;%1&quot;.</source>
        <translation>--slp-port doit être un numéro de port de 1 à 65535, reçu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--report needs a FILE.</source>
        <translation>--report nécessite un FICHIER.</translation>
    </message>
    <message>
        <source>unknown --log channel &quot;%1&quot;; the channels are: ops, http, check.</source>
        <translation>canal --log «&#xa0;%1&#xa0;» inconnu&#xa0;; les canaux sont&#xa0;: ops, http, check.</translation>
    </message>
    <message>
        <source>Add the indication listener stage: listen here, subscribe on the server (names cimdiag:..., removed afterwards) and wait for an indication.</source>
        <translation>Ajouter l&apos;étape de l&apos;écouteur d&apos;indications&#xa0;: écouter ici, s&apos;abonner sur le serveur (noms cimdiag:..., supprimés ensuite) et attendre une indication.</translation>
    </message>
    <message>
        <source>The listener&apos;s port (default 0: a free one; give a fixed port for a firewall rule).</source>
        <translation>Port de l&apos;écouteur (0 par défaut&#xa0;: un port libre&#xa0;; indiquez un port fixe pour une règle de pare-feu).</translation>
    </message>
    <message>
        <source>The address or name the server delivers to (default: the local address of the connection to the server).</source>
        <translation>Adresse ou nom auquel le serveur livre les indications (par défaut&#xa0;: l&apos;adresse locale de la connexion au serveur).</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADRESSE</translation>
    </message>
    <message>
        <source>How long to wait for an indication, in seconds (default 15).</source>
        <translation>Durée d&apos;attente d&apos;une indication, en secondes (15 par défaut).</translation>
    </message>
    <message>
        <source>Do not diagnose: remove the filters, destinations and subscriptions named cimdiag: that earlier runs left on the server.</source>
        <translation>Ne pas diagnostiquer&#xa0;: supprimer les filtres, destinations et abonnements nommés cimdiag: que des exécutions précédentes ont laissés sur le serveur.</translation>
    </message>
    <message>
        <source>--listener-port must be a number from 0 to 65535, got &quot;%1&quot;.</source>
        <translation>--listener-port doit être un nombre de 0 à 65535, reçu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--listener-wait must be a number of seconds above 0 and at most 3600, got &quot;%1&quot;.</source>
        <translation>--listener-wait doit être un nombre de secondes supérieur à 0 et au plus 3600, reçu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--listener-cleanup runs alone against one TARGET (no --listener, no --hosts).</source>
        <translation>--listener-cleanup s&apos;exécute seul sur une seule CIBLE (sans --listener ni --hosts).</translation>
    </message>
    <message>
        <source>http (default) or https: the listener&apos;s scheme. https serves a self-signed certificate made for this run; a server that verifies listener certificates rejects it (F4).</source>
        <translation>http (par défaut) ou https&#xa0;: le schéma de l&apos;écouteur. https présente un certificat auto-signé créé pour cette exécution&#xa0;; un serveur qui vérifie les certificats des écouteurs le rejette (F4).</translation>
    </message>
    <message>
        <source>SCHEME</source>
        <translation>SCHÉMA</translation>
    </message>
    <message>
        <source>--listener-scheme must be http or https, got &quot;%1&quot;.</source>
        <translation>--listener-scheme doit être http ou https, reçu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>With --listener-scheme https: serve the PEM certificate (chain) in FILE instead of one made for this run, so the server can be told to trust it for good (F4). Goes with --listener-key.</source>
        <translation>Avec --listener-scheme https&#xa0;: présenter le certificat PEM (chaîne) de FICHIER au lieu d&apos;un certificat créé pour cette exécution, afin que le serveur puisse être configuré pour lui faire confiance durablement (F4). S&apos;utilise avec --listener-key.</translation>
    </message>
    <message>
        <source>With --listener-cert: the certificate&apos;s unencrypted PEM private key.</source>
        <translation>Avec --listener-cert&#xa0;: la clé privée PEM non chiffrée du certificat.</translation>
    </message>
    <message>
        <source>--listener-port, --listener-address, --listener-scheme, --listener-cert, --listener-key and --listener-wait go with --listener.</source>
        <translation>--listener-port, --listener-address, --listener-scheme, --listener-cert, --listener-key et --listener-wait s&apos;utilisent avec --listener.</translation>
    </message>
    <message>
        <source>--listener-cert FILE and --listener-key FILE go together.</source>
        <translation>--listener-cert FICHIER et --listener-key FICHIER vont ensemble.</translation>
    </message>
    <message>
        <source>--listener-cert and --listener-key go with --listener-scheme https.</source>
        <translation>--listener-cert et --listener-key vont avec --listener-scheme https.</translation>
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
        <translation>Diagnostique pourquoi un client CIM ne peut pas communiquer avec un serveur CIM&#xa0;: résolution de noms,
TCP, TLS, HTTP, authentification, identité du serveur et énumération d&apos;exemple&#xa0;; chaque étape
donne son verdict, les éléments probants et, en cas de problème, la cause et la solution.

Dans un terminal, chaque étape s&apos;affiche pendant son exécution&#xa0;; --json affiche plutôt les
résultats en JSON (schéma dans docs/check-json-schema.md). Un mot de passe n&apos;est jamais
accepté en argument&#xa0;: utilisez --password-stdin ou --password-env VAR.

--listener ajoute l&apos;étape de l&apos;écouteur d&apos;indications&#xa0;: elle écoute sur cette machine, s&apos;abonne
sur le serveur (un filtre, une destination et un abonnement nommés cimdiag:&lt;id d&apos;exécution&gt;,
temporaires), attend une indication et supprime ce qu&apos;elle a créé, y compris en cas
d&apos;interruption. --listener-scheme https écoute avec un certificat auto-signé créé pour
l&apos;exécution, ou, avec --listener-cert FICHIER et --listener-key FICHIER, avec un certificat
auquel le serveur peut être configuré pour faire confiance. --listener-cleanup supprime ce
que des exécutions précédentes ont laissé.

--hosts FICHIER vérifie plusieurs cibles à la fois (--parallel N) avec les mêmes identifiants
et options TLS, et affiche une ligne JSON par cible dès qu&apos;elle est terminée, avec &quot;line&quot; son
numéro de ligne dans FICHIER&#xa0;; une ligne qui n&apos;est pas une cible donne une ligne JSON avec &quot;error&quot;.

Code de sortie&#xa0;:
  0    toutes les étapes ont réussi
  1    avertissements, aucun échec
  2    une étape a échoué (avec --hosts&#xa0;: une cible a échoué ou une ligne n&apos;est pas une cible)
  64   erreur d&apos;utilisation&#xa0;: option ou valeur incorrecte, source de mot de passe manquante
  64   aussi&#xa0;: --report FICHIER avec une extension autre que .json, .html, .htm, .md, .txt
  74   le fichier --report n&apos;a pas pu être écrit
  130  interrompu (SIGINT ou SIGTERM)&#xa0;; ce qui est terminé est affiché</translation>
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
        <translation>ANNULÉ</translation>
    </message>
    <message>
        <source>PASSED</source>
        <translation>RÉUSSI</translation>
    </message>
    <message>
        <source>PASSED WITH WARNINGS</source>
        <translation>RÉUSSI AVEC AVERTISSEMENTS</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>%1 passed</source>
        <translation>%1 réussie(s)</translation>
    </message>
    <message>
        <source>%1 with warnings</source>
        <translation>%1 avec avertissements</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 en échec</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>%1 ignorée(s)</translation>
    </message>
    <message>
        <source>Result: %1 (%2) in %3 ms, %4</source>
        <translation>Résultat&#xa0;: %1 (%2) en %3 ms, %4</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>Éléments probants&#xa0;:</translation>
    </message>
    <message>
        <source>(not in the hint catalogue)</source>
        <translation>(absent du catalogue de conseils)</translation>
    </message>
    <message>
        <source>Cause: %1</source>
        <translation>Cause&#xa0;: %1</translation>
    </message>
    <message>
        <source>Remedy: %1</source>
        <translation>Solution&#xa0;: %1</translation>
    </message>
    <message>
        <source>To trust exactly this certificate, once its fingerprint matches the one the server shows, add:</source>
        <translation>Pour faire confiance exactement à ce certificat, une fois que son empreinte correspond à celle affichée par le serveur, ajoutez&#xa0;:</translation>
    </message>
    <message>
        <source>The passed stages&apos; details: --verbose, or --json / --report FILE.</source>
        <translation>Détails des étapes réussies&#xa0;: --verbose, ou --json / --report FICHIER.</translation>
    </message>
    <message>
        <source>Checking %1</source>
        <translation>Vérification de %1</translation>
    </message>
    <message>
        <source>as %1</source>
        <translation>en tant que %1</translation>
    </message>
    <message>
        <source>with a CIM ticket</source>
        <translation>avec un ticket CIM</translation>
    </message>
</context>
<context>
    <name>CliDecodeCommand</name>
    <message>
        <source>standard input</source>
        <translation>entrée standard</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>impossible d&apos;ouvrir %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 est vide</translation>
    </message>
    <message>
        <source>a CIM-XML request</source>
        <translation>une requête CIM-XML</translation>
    </message>
    <message>
        <source>a CIM-XML %1 response</source>
        <translation>une réponse CIM-XML %1</translation>
    </message>
    <message>
        <source>%1 is not %2: %3</source>
        <translation>%1 n&apos;est pas %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>cannot write the output: %1</source>
        <translation>impossible d&apos;écrire la sortie&#xa0;: %1</translation>
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
        <translation>Décode un message CIM-XML capturé et affiche son contenu.

FICHIER est le corps d&apos;une réponse CIM-XML à l&apos;opération indiquée par --operation (ce qu&apos;un
serveur a renvoyé pour EnumerateInstances, par exemple), ou avec --request une requête CIM-XML
(IMETHODCALL, METHODCALL, ou un EXPMETHODCALL tel qu&apos;une livraison d&apos;indication)&#xa0;; «&#xa0;-&#xa0;»
lit l&apos;entrée standard. Une réponse est vérifiée par rapport à son opération&#xa0;: une réponse
EnumerateInstanceNames contenant des instances est une erreur, pas un résultat vide.

La sortie est un texte de type MOF&#xa0;: les lignes «&#xa0;//&#xa0;» décrivent le message, les instances,
classes et déclarations de qualificatifs sont en MOF, les noms d&apos;instances sont des URI WBEM,
les valeurs de retour, paramètres et arguments se lisent «&#xa0;type Name = value;&#xa0;». --json
affiche un objet JSON.

Une réponse qui signale une erreur CIM reste un document valide&#xa0;: elle affiche
«&#xa0;CIM error: CIM_ERR_NAME (code): description&#xa0;» et les éventuelles instances CIM_Error
jointes par le serveur, et sort avec 0. Les scripts la détectent avec --json&#xa0;: .status.ok vaut false.

Code de sortie&#xa0;:
  0   le document a été décodé, y compris une réponse qui signale une erreur CIM
  2   le document n&apos;est pas du CIM-XML valide pour l&apos;opération&#xa0;; l&apos;erreur sur la sortie
      d&apos;erreur indique sa ligne, sa colonne et le chemin de l&apos;élément
  64  erreur d&apos;utilisation&#xa0;: option ou opération inconnue, FICHIER manquant
  66  FICHIER ne peut pas être ouvert
  74  la lecture de FICHIER ou l&apos;écriture de la sortie a échoué</translation>
    </message>
</context>
<context>
    <name>CliDiscoverCommand</name>
    <message>
        <source>Find WBEM servers that advertise service:wbem over SLP (RFC 2608, DSP0206) and show their attributes.

Exit status: 0 a server was found, 1 none, 64 usage error.</source>
        <translation>Trouve les serveurs WBEM qui annoncent service:wbem via SLP (RFC 2608, DSP0206) et affiche leurs attributs.

Code de sortie&#xa0;: 0 un serveur trouvé, 1 aucun, 64 erreur d&apos;utilisation.</translation>
    </message>
    <message>
        <source>Ask the SLP agent on HOST (port 427 or PORT) directly instead of multicasting (repeatable).</source>
        <translation>Interroger directement l&apos;agent SLP de HOST (port 427 ou PORT) au lieu de la multidiffusion (répétable).</translation>
    </message>
    <message>
        <source>HOST[:PORT]</source>
        <translation>HOST[:PORT]</translation>
    </message>
    <message>
        <source>The SLP scope to ask in (repeatable; default DEFAULT).</source>
        <translation>La portée SLP à interroger (répétable&#xa0;; DEFAULT par défaut).</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>How long to wait for answers in seconds; decimals allowed (default 5).</source>
        <translation>Durée d&apos;attente des réponses en secondes&#xa0;; décimales autorisées (5 par défaut).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDES</translation>
    </message>
    <message>
        <source>Broadcast the query instead of multicasting it (networks without multicast).</source>
        <translation>Diffuser la requête en broadcast au lieu de la multidiffusion (réseaux sans multidiffusion).</translation>
    </message>
    <message>
        <source>Multicast TTL: how many routers the query may cross (1-255, default 8).</source>
        <translation>TTL de multidiffusion&#xa0;: nombre de routeurs que la requête peut traverser (1-255, 8 par défaut).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation>Afficher le résultat en JSON.</translation>
    </message>
    <message>
        <source>Find WBEM servers over SLP.</source>
        <translation>Trouver des serveurs WBEM via SLP.</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;.</source>
        <translation>argument inattendu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--unicast wants HOST, HOST:PORT or [IPv6]:PORT, got &quot;%1&quot;.</source>
        <translation>--unicast attend HOST, HOST:PORT ou [IPv6]:PORT, reçu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--scope wants one scope name, got &quot;%1&quot;.</source>
        <translation>--scope attend un seul nom de portée, reçu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds above 0 and at most 600, got &quot;%1&quot;.</source>
        <translation>--timeout doit être un nombre de secondes supérieur à 0 et au plus 600, reçu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--ttl must be from 1 to 255, got &quot;%1&quot;.</source>
        <translation>--ttl doit être compris entre 1 et 255, reçu «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>%1: no SLP agent (ICMP port unreachable)</source>
        <translation>%1&#xa0;: aucun agent SLP (ICMP port unreachable)</translation>
    </message>
    <message>
        <source>%1: no answer after %2 request(s) (filtered, or the host is down)</source>
        <translation>%1&#xa0;: aucune réponse après %2 requête(s) (filtré, ou l&apos;hôte est éteint)</translation>
    </message>
    <message>
        <source>%1: SLP error %2</source>
        <translation>%1&#xa0;: erreur SLP %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n service URL(s)</source>
        <translation>
            <numerusform>%1&#xa0;: %n URL de service</numerusform>
            <numerusform>%1&#xa0;: %n URL de service</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Multicast: %1 request(s), %n responder(s)</source>
        <translation>
            <numerusform>Multidiffusion&#xa0;: %1 requête(s), %n répondant</numerusform>
            <numerusform>Multidiffusion&#xa0;: %1 requête(s), %n répondants</numerusform>
        </translation>
    </message>
    <message>
        <source>Multicast not sent: %1</source>
        <translation>Multidiffusion non envoyée&#xa0;: %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>depuis %1</translation>
    </message>
    <message>
        <source>deviation from DSP0206: %1</source>
        <translation>écart par rapport à DSP0206&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n WBEM server URL(s) found.</source>
        <translation>
            <numerusform>%n URL de serveur WBEM trouvée.</numerusform>
            <numerusform>%n URL de serveur WBEM trouvées.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CliListenCommand</name>
    <message>
        <source>Listen on PORT (default 0: a free one).</source>
        <translation>Écouter sur PORT (0 par défaut&#xa0;: un port libre).</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORT</translation>
    </message>
    <message>
        <source>Listen on ADDRESS (default: every IPv4 address).</source>
        <translation>Écouter sur ADRESSE (par défaut&#xa0;: toutes les adresses IPv4).</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADRESSE</translation>
    </message>
    <message>
        <source>PEM certificate (chain) for --https.</source>
        <translation>Certificat PEM (chaîne) pour --https.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <source>PEM private key for --https.</source>
        <translation>Clé privée PEM pour --https.</translation>
    </message>
    <message>
        <source>Print one JSON object per line.</source>
        <translation>Afficher un objet JSON par ligne.</translation>
    </message>
    <message>
        <source>Stop after N indications.</source>
        <translation>S&apos;arrêter après N indications.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Stop after S seconds.</source>
        <translation>S&apos;arrêter après S secondes.</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Run an indication listener.</source>
        <translation>Lancer un écouteur d&apos;indications.</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>argument inattendu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>--port must be a number from 0 to 65535</source>
        <translation>--port doit être un nombre de 0 à 65535</translation>
    </message>
    <message>
        <source>--address &quot;%1&quot; is not an IP address</source>
        <translation>--address «&#xa0;%1&#xa0;» n&apos;est pas une adresse IP</translation>
    </message>
    <message>
        <source>--cert and --key go with --https</source>
        <translation>--cert et --key vont avec --https</translation>
    </message>
    <message>
        <source>--count must be a positive number</source>
        <translation>--count doit être un nombre positif</translation>
    </message>
    <message>
        <source>--timeout must be a positive number of seconds</source>
        <translation>--timeout doit être un nombre positif de secondes</translation>
    </message>
    <message>
        <source>listening on %1
</source>
        <translation>écoute sur %1
</translation>
    </message>
    <message>
        <source>refused a request from %1: %2 %3 %4
</source>
        <translation>requête de %1 refusée&#xa0;: %2 %3 %4
</translation>
    </message>
    <message>
        <source>Listen with TLS: with --cert and --key, or a self-signed certificate made at start (its SHA-256 fingerprint is printed).</source>
        <translation>Écouter avec TLS&#xa0;: avec --cert et --key, ou avec un certificat auto-signé créé au démarrage (son empreinte SHA-256 est affichée).</translation>
    </message>
    <message>
        <source>--cert FILE and --key FILE go together</source>
        <translation>--cert FICHIER et --key FICHIER vont ensemble</translation>
    </message>
    <message>
        <source>cimdiag-cli listen: cannot make a certificate: %1
</source>
        <translation>cimdiag-cli listen&#xa0;: impossible de créer un certificat&#xa0;: %1
</translation>
    </message>
    <message>
        <source>self-signed certificate, SHA-256 %1
</source>
        <translation>certificat auto-signé, SHA-256 %1
</translation>
    </message>
    <message>
        <source>Run a CIM-XML indication listener (DSP0200 export: POST and M-POST) and print every indication it receives. The listening URL is printed to standard error first; use it as the Destination of a CIM_ListenerDestinationCIMXML.

Exit status: 0 done, 1 --timeout before --count indications, 64 usage, 66 unusable certificate or key (unreadable, not PEM, not a pair, expired), 69 cannot listen.</source>
        <translation>Lance un écouteur d&apos;indications CIM-XML (export DSP0200&#xa0;: POST et M-POST) et affiche chaque indication reçue. L&apos;URL d&apos;écoute est d&apos;abord affichée sur la sortie d&apos;erreur&#xa0;; utilisez-la comme Destination d&apos;un CIM_ListenerDestinationCIMXML.

Code de sortie&#xa0;: 0 terminé, 1 --timeout avant --count indications, 64 utilisation, 66 certificat ou clé inutilisable (illisible, pas au format PEM, pas une paire, expiré), 69 écoute impossible.</translation>
    </message>
    <message>
        <source>cimdiag-cli listen: %1
</source>
        <translation>cimdiag-cli listen&#xa0;: %1
</translation>
    </message>
    <message>
        <source>certificate from %1, SHA-256 %2
</source>
        <translation>certificat provenant de %1, SHA-256 %2
</translation>
    </message>
</context>
<context>
    <name>GuiMain</name>
    <message>
        <source>Finds out why a CIM client cannot talk to a CIM server.</source>
        <translation>Trouve pourquoi un client CIM ne peut pas communiquer avec un serveur CIM.</translation>
    </message>
    <message>
        <source>Start the built-in simulator with SCENARIO (default: healthy) on 127.0.0.1 and fill in its target.</source>
        <translation>Démarre le simulateur intégré avec SCENARIO (par défaut&#xa0;: healthy) sur 127.0.0.1 et remplit sa cible.</translation>
    </message>
    <message>
        <source>List the simulator scenarios and exit.</source>
        <translation>Liste les scénarios du simulateur et quitte.</translation>
    </message>
    <message>
        <source>With --demo, the scenario; otherwise the server to fill in (https://host:5989, host:port or host).</source>
        <translation>Avec --demo, le scénario&#xa0;; sinon le serveur à renseigner (https://host:5989, host:port ou host).</translation>
    </message>
    <message>
        <source>CIM Diagnostics</source>
        <translation>Diagnostic CIM</translation>
    </message>
    <message>
        <source>Give one scenario (with --demo) or one target.</source>
        <translation>Indiquez un scénario (avec --demo) ou une cible.</translation>
    </message>
    <message>
        <source>cimdiag: %1</source>
        <translation>cimdiag&#xa0;: %1</translation>
    </message>
    <message>
        <source>cimdiag: cannot write the audit trail: %1</source>
        <translation>cimdiag&#xa0;: impossible d&apos;écrire la piste d&apos;audit&#xa0;: %1</translation>
    </message>
    <message>
        <source>Demo simulator running: %1</source>
        <translation>Simulateur de démo en cours d&apos;exécution&#xa0;: %1</translation>
    </message>
    <message>
        <source>cimdiag: demo simulator at %1 (%2)</source>
        <translation>cimdiag&#xa0;: simulateur de démo sur %1 (%2)</translation>
    </message>
    <message>
        <source>Demo simulator failed.</source>
        <translation>Échec du simulateur de démo.</translation>
    </message>
    <message>
        <source>cimdiag: demo simulator failed: %1</source>
        <translation>cimdiag&#xa0;: échec du simulateur de démo&#xa0;: %1</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Démo</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>&amp;Démo</translation>
    </message>
    <message>
        <source>&amp;Start demo scenario…</source>
        <translation>Dé&amp;marrer un scénario de démo…</translation>
    </message>
    <message>
        <source>Simulator scenario:</source>
        <translation>Scénario du simulateur&#xa0;:</translation>
    </message>
    <message>
        <source>S&amp;top demo simulator</source>
        <translation>&amp;Arrêter le simulateur de démo</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>&amp;Piste d&apos;audit…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>cimdiag will use %1 the next time it starts.</source>
        <translation>cimdiag utilisera %1 au prochain démarrage.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Usage: %1</source>
        <translation>Utilisation&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ReportText</name>
    <message>
        <source>Certificate %1</source>
        <translation>Certificat %1</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier line(s) not included.</source>
        <translation>
            <numerusform>%n ligne antérieure non incluse.</numerusform>
            <numerusform>%n lignes antérieures non incluses.</numerusform>
        </translation>
    </message>
    <message>
        <source>No log lines.</source>
        <translation>Aucune ligne de journal.</translation>
    </message>
    <message numerus="yes">
        <source>%1 channel: %n line(s)</source>
        <translation>
            <numerusform>Canal %1&#xa0;: %n ligne</numerusform>
            <numerusform>Canal %1&#xa0;: %n lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>cimdiag report</source>
        <translation>Rapport cimdiag</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Stage timeline</source>
        <translation>Chronologie des étapes</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>TLS certificate chain</source>
        <translation>Chaîne de certificats TLS</translation>
    </message>
    <message>
        <source>Server identity</source>
        <translation>Identité du serveur</translation>
    </message>
    <message>
        <source>Operation statistics</source>
        <translation>Statistiques des opérations</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Start (ms)</source>
        <translation>Début (ms)</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>Durée (ms)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Éléments probants</translation>
    </message>
    <message>
        <source>Hints</source>
        <translation>Conseils</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>Solution</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Started %1, took %2 ms</source>
        <translation>Démarré le %1, durée %2 ms</translation>
    </message>
    <message>
        <source>(cancelled)</source>
        <translation>(annulé)</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Outil</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Système d&apos;exploitation</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>%1 (built with %2), TLS backend %3</source>
        <translation>%1 (compilé avec %2), moteur TLS %3</translation>
    </message>
    <message>
        <source>OpenSSL</source>
        <translation>OpenSSL</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1 (compilé avec %2)</translation>
    </message>
    <message>
        <source>Trust store</source>
        <translation>Magasin de confiance</translation>
    </message>
    <message>
        <source>Trust store environment</source>
        <translation>Environnement du magasin de confiance</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Basic, user %1</source>
        <translation>Basic, utilisateur %1</translation>
    </message>
    <message>
        <source>CIM ticket</source>
        <translation>Ticket CIM</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>host name verified</source>
        <translation>nom d&apos;hôte vérifié</translation>
    </message>
    <message>
        <source>host name not verified</source>
        <translation>nom d&apos;hôte non vérifié</translation>
    </message>
    <message numerus="yes">
        <source>%n verification error(s) accepted</source>
        <translation>
            <numerusform>%n erreur de vérification acceptée</numerusform>
            <numerusform>%n erreurs de vérification acceptées</numerusform>
        </translation>
    </message>
    <message>
        <source>pinned SHA-256 %1</source>
        <translation>SHA-256 épinglé %1</translation>
    </message>
    <message>
        <source>client certificate %1</source>
        <translation>certificat client %1</translation>
    </message>
    <message>
        <source>TLS options</source>
        <translation>Options TLS</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Délai d&apos;attente</translation>
    </message>
    <message>
        <source>%1 ms per network step</source>
        <translation>%1 ms par étape réseau</translation>
    </message>
    <message>
        <source>Report generated</source>
        <translation>Rapport généré</translation>
    </message>
    <message>
        <source>Server header</source>
        <translation>En-tête Server</translation>
    </message>
    <message>
        <source>Speaks CIM-XML</source>
        <translation>Parle CIM-XML</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Authentication required</source>
        <translation>Authentification requise</translation>
    </message>
    <message>
        <source>Realm</source>
        <translation>Domaine (realm)</translation>
    </message>
    <message>
        <source>Challenge schemes</source>
        <translation>Schémas du défi</translation>
    </message>
    <message>
        <source>Credentials accepted</source>
        <translation>Identifiants acceptés</translation>
    </message>
    <message>
        <source>Interop namespace</source>
        <translation>Espace de noms interop</translation>
    </message>
    <message>
        <source>Namespaces</source>
        <translation>Espaces de noms</translation>
    </message>
    <message>
        <source>Registered profiles</source>
        <translation>Profils enregistrés</translation>
    </message>
    <message>
        <source>Object manager</source>
        <translation>Gestionnaire d&apos;objets</translation>
    </message>
    <message>
        <source>Pull operations</source>
        <translation>Opérations pull</translation>
    </message>
    <message>
        <source>supported</source>
        <translation>prises en charge</translation>
    </message>
    <message>
        <source>not supported</source>
        <translation>non prises en charge</translation>
    </message>
    <message>
        <source>Sample enumerate</source>
        <translation>Énumération d&apos;exemple</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2</source>
        <translation>
            <numerusform>%n instance de %1 dans %2</numerusform>
            <numerusform>%n instances de %1 dans %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Cipher</source>
        <translation>Suite de chiffrement</translation>
    </message>
    <message>
        <source>%1 (%2 bits)</source>
        <translation>%1 (%2 bits)</translation>
    </message>
    <message>
        <source>Key exchange</source>
        <translation>Échange de clés</translation>
    </message>
    <message>
        <source>Handshake</source>
        <translation>Négociation</translation>
    </message>
    <message>
        <source>not completed</source>
        <translation>non terminée</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Name checked</source>
        <translation>Nom vérifié</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>correspond</translation>
    </message>
    <message>
        <source>does not match</source>
        <translation>ne correspond pas</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Émetteur</translation>
    </message>
    <message>
        <source>Subject alternative names</source>
        <translation>Noms alternatifs du sujet</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Validité</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>du %1 au %2</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Verification errors</source>
        <translation>Erreurs de vérification</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Client avg ms</source>
        <translation>Client moy. ms</translation>
    </message>
    <message>
        <source>Client max ms</source>
        <translation>Client max. ms</translation>
    </message>
    <message>
        <source>Server avg ms</source>
        <translation>Serveur moy. ms</translation>
    </message>
    <message>
        <source>Request avg bytes</source>
        <translation>Requête moy. octets</translation>
    </message>
    <message>
        <source>Reply avg bytes</source>
        <translation>Réponse moy. octets</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <source>cannot write the report %1: %2</source>
        <translation>impossible d&apos;écrire le rapport %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>&amp;Exporter le rapport…</translation>
    </message>
    <message>
        <source>Export the report to a file</source>
        <translation>Exporter le rapport dans un fichier</translation>
    </message>
    <message>
        <source>Save the whole diagnosis as HTML, PDF, JSON, Markdown or text; passwords and tickets are left out.</source>
        <translation>Enregistre tout le diagnostic en HTML, PDF, JSON, Markdown ou texte&#xa0;; les mots de passe et les tickets sont omis.</translation>
    </message>
    <message>
        <source>C&amp;opy summary</source>
        <translation>C&amp;opier le résumé</translation>
    </message>
    <message>
        <source>Copy the summary to the clipboard</source>
        <translation>Copier le résumé dans le presse-papiers</translation>
    </message>
    <message>
        <source>Report export status</source>
        <translation>État de l&apos;export du rapport</translation>
    </message>
    <message>
        <source>&amp;Re-run with the pin</source>
        <translation>&amp;Relancer avec l&apos;épinglage</translation>
    </message>
    <message>
        <source>Run the diagnosis again with the pinned certificate</source>
        <translation>Relancer le diagnostic avec le certificat épinglé</translation>
    </message>
    <message>
        <source>Result views</source>
        <translation>Vues des résultats</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>&amp;Constats</translation>
    </message>
    <message>
        <source>Findings of the failed and warned stages</source>
        <translation>Constats des étapes en échec ou en avertissement</translation>
    </message>
    <message>
        <source>C&amp;ertificate</source>
        <translation>Cer&amp;tificat</translation>
    </message>
    <message>
        <source>No certificate: the TLS stage did not run or saw none.</source>
        <translation>Aucun certificat&#xa0;: l&apos;étape TLS ne s&apos;est pas exécutée ou n&apos;en a vu aucun.</translation>
    </message>
    <message>
        <source>&amp;Instances</source>
        <translation>&amp;Instances</translation>
    </message>
    <message>
        <source>Sample instances</source>
        <translation>Exemples d&apos;instances</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>&amp;Statistiques</translation>
    </message>
    <message>
        <source>Operation statistics</source>
        <translation>Statistiques des opérations</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Diagnosing</source>
        <translation>Diagnostic en cours</translation>
    </message>
    <message>
        <source>&amp;Re-run stage</source>
        <translation>&amp;Relancer l&apos;étape</translation>
    </message>
    <message>
        <source>Re-run the selected stage</source>
        <translation>Relancer l&apos;étape sélectionnée</translation>
    </message>
    <message>
        <source>Runs the selected stage again, then the stages it held up (Ctrl+R in the stage list)</source>
        <translation>Relance l&apos;étape sélectionnée, puis les étapes qu&apos;elle bloquait (Ctrl+R dans la liste des étapes)</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>&amp;Annuler l&apos;exécution</translation>
    </message>
    <message>
        <source>Cancel the diagnosis</source>
        <translation>Annuler le diagnostic</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Stage timeline</source>
        <translation>Chronologie des étapes</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Journaux</translation>
    </message>
</context>
<context>
    <name>ServerCertificateFiles</name>
    <message>
        <source>%1: cannot read the certificate file: %2</source>
        <translation>%1&#xa0;: impossible de lire le fichier du certificat&#xa0;: %2</translation>
    </message>
    <message>
        <source>larger than a certificate chain</source>
        <translation>plus volumineux qu&apos;une chaîne de certificats</translation>
    </message>
    <message>
        <source>%1: holds no PEM certificate (-----BEGIN CERTIFICATE-----)</source>
        <translation>%1&#xa0;: ne contient aucun certificat PEM (-----BEGIN CERTIFICATE-----)</translation>
    </message>
    <message>
        <source>%1: cannot read the key file: %2</source>
        <translation>%1&#xa0;: impossible de lire le fichier de la clé&#xa0;: %2</translation>
    </message>
    <message>
        <source>larger than a private key</source>
        <translation>plus volumineux qu&apos;une clé privée</translation>
    </message>
    <message>
        <source>%1: the private key is encrypted; give an unencrypted PEM key</source>
        <translation>%1&#xa0;: la clé privée est chiffrée&#xa0;; indiquez une clé PEM non chiffrée</translation>
    </message>
    <message>
        <source>%1: holds no PEM private key (-----BEGIN PRIVATE KEY-----)</source>
        <translation>%1&#xa0;: ne contient aucune clé privée PEM (-----BEGIN PRIVATE KEY-----)</translation>
    </message>
    <message>
        <source>%1: a %2 key; the listener takes RSA or EC keys</source>
        <translation>%1&#xa0;: une clé %2&#xa0;; l&apos;écouteur accepte les clés RSA ou EC</translation>
    </message>
    <message>
        <source>%1: the private key does not belong to the certificate in %2</source>
        <translation>%1&#xa0;: la clé privée ne correspond pas au certificat de %2</translation>
    </message>
    <message>
        <source>%1: Qt cannot use this private key</source>
        <translation>%1&#xa0;: Qt ne peut pas utiliser cette clé privée</translation>
    </message>
    <message>
        <source>%1: the certificate is not valid before %2</source>
        <translation>%1&#xa0;: le certificat n&apos;est pas valide avant le %2</translation>
    </message>
    <message>
        <source>%1: the certificate expired on %2</source>
        <translation>%1&#xa0;: le certificat a expiré le %2</translation>
    </message>
</context>
<context>
    <name>SimMain</name>
    <message>
        <source>A CIM-XML server (DSP0200) on loopback that can misbehave as the cimdiag failure-mode catalogue describes.</source>
        <translation>Un serveur CIM-XML (DSP0200) en boucle locale qui peut se comporter mal comme le décrit le catalogue des modes de panne de cimdiag.</translation>
    </message>
    <message>
        <source>Scenario name (see --list-scenarios) or a .json file.</source>
        <translation>Nom du scénario (voir --list-scenarios) ou fichier .json.</translation>
    </message>
    <message>
        <source>List the scenarios and exit.</source>
        <translation>Lister les scénarios et quitter.</translation>
    </message>
    <message>
        <source>HTTP port (0 picks a free one; default 0).</source>
        <translation>Port HTTP (0 choisit un port libre&#xa0;; 0 par défaut).</translation>
    </message>
    <message>
        <source>HTTPS port (0 picks a free one; default 0).</source>
        <translation>Port HTTPS (0 choisit un port libre&#xa0;; 0 par défaut).</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation>Adresse d&apos;écoute (127.0.0.1 par défaut).</translation>
    </message>
    <message>
        <source>Where to write the CA certificate (PEM) clients should trust (default: a file in the temporary directory, removed at exit).</source>
        <translation>Où écrire le certificat d&apos;AC (PEM) auquel les clients doivent faire confiance (par défaut&#xa0;: un fichier du répertoire temporaire, supprimé à la sortie).</translation>
    </message>
    <message>
        <source>Answer every request from a session file a cimdiag session recorder wrote, instead of the scenario&apos;s model (the scenario still sets the listeners, TLS and connection faults).</source>
        <translation>Répondre à chaque requête à partir d&apos;un fichier de session écrit par un enregistreur de session cimdiag, au lieu du modèle du scénario (le scénario définit toujours les écouteurs, TLS et les pannes de connexion).</translation>
    </message>
    <message>
        <source>Serve this PEM certificate (leaf first, then its chain) on HTTPS instead of one the simulator issues.</source>
        <translation>Servir ce certificat PEM (certificat final d&apos;abord, puis sa chaîne) en HTTPS au lieu d&apos;un certificat émis par le simulateur.</translation>
    </message>
    <message>
        <source>The PEM private key for --certificate (default: the same file).</source>
        <translation>La clé privée PEM pour --certificate (par défaut&#xa0;: le même fichier).</translation>
    </message>
    <message>
        <source>Answer SLP (service:wbem) on this UDP port; 0 picks a free one. On 427 the multicast group 239.255.255.253 is joined as well. Default: only for scenarios with an &quot;slp&quot; section, on a free port.</source>
        <translation>Répondre à SLP (service:wbem) sur ce port UDP&#xa0;; 0 choisit un port libre. Sur 427, le groupe de multidiffusion 239.255.255.253 est aussi rejoint. Par défaut&#xa0;: seulement pour les scénarios avec une section &quot;slp&quot;, sur un port libre.</translation>
    </message>
    <message>
        <source>cimdiag-sim: bad --http-port, --https-port or --address</source>
        <translation>cimdiag-sim&#xa0;: --http-port, --https-port ou --address incorrect</translation>
    </message>
    <message>
        <source>cimdiag-sim: cannot install the signal handlers</source>
        <translation>cimdiag-sim&#xa0;: impossible d&apos;installer les gestionnaires de signaux</translation>
    </message>
    <message>
        <source>cimdiag-sim: cannot write %1: %2</source>
        <translation>cimdiag-sim&#xa0;: impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>SlpDiagnosis</name>
    <message>
        <source>No SLP agent on %1: ICMP port unreachable (the SLP service is stopped)</source>
        <translation>Aucun agent SLP sur %1&#xa0;: ICMP port unreachable (le service SLP est arrêté)</translation>
    </message>
    <message>
        <source>The host is up and rejected the SLP request: nothing listens on UDP port %1. Discovery cannot find this server; connect to it by address and port.</source>
        <translation>L&apos;hôte est actif et a rejeté la requête SLP&#xa0;: rien n&apos;écoute sur le port UDP %1. La découverte ne peut pas trouver ce serveur&#xa0;; connectez-vous par adresse et port.</translation>
    </message>
    <message>
        <source>No answer to SLP from %1 within %2 ms (%3 request(s))</source>
        <translation>Aucune réponse SLP de %1 en %2 ms (%3 requête(s))</translation>
    </message>
    <message>
        <source>Silence rather than ICMP port unreachable: a firewall drops SLP on the way there, or the reply on the way back, or the host is down.</source>
        <translation>Un silence plutôt qu&apos;un ICMP port unreachable&#xa0;: un pare-feu rejette SLP à l&apos;aller, ou la réponse au retour, ou l&apos;hôte est éteint.</translation>
    </message>
    <message>
        <source>SLP not asked: %1 has no address (%2)</source>
        <translation>SLP non interrogé&#xa0;: %1 n&apos;a pas d&apos;adresse (%2)</translation>
    </message>
    <message>
        <source>SLP request to %1 failed: %2</source>
        <translation>Échec de la requête SLP vers %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The SLP agent on %1 does not serve scope %2 (SCOPE_NOT_SUPPORTED)</source>
        <translation>L&apos;agent SLP de %1 ne sert pas la portée %2 (SCOPE_NOT_SUPPORTED)</translation>
    </message>
    <message>
        <source>The SLP agent on %1 answered with error %2</source>
        <translation>L&apos;agent SLP de %1 a répondu par l&apos;erreur %2</translation>
    </message>
    <message>
        <source>The SLP agent on %1 answers but advertises no service:wbem</source>
        <translation>L&apos;agent SLP de %1 répond mais n&apos;annonce aucun service:wbem</translation>
    </message>
    <message>
        <source>The CIM server does not register with the SLP agent (OpenPegasus slp=false, SFCB enableSlp, or not yet: SFCB refreshes every slpRefreshInterval).</source>
        <translation>Le serveur CIM ne s&apos;enregistre pas auprès de l&apos;agent SLP (OpenPegasus slp=false, SFCB enableSlp, ou pas encore&#xa0;: SFCB rafraîchit toutes les slpRefreshInterval).</translation>
    </message>
    <message>
        <source>The advertised URL %1 is not a WBEM URL.</source>
        <translation>L&apos;URL annoncée %1 n&apos;est pas une URL WBEM.</translation>
    </message>
    <message>
        <source>%1 advertises %2, but its reply came from %3: the advert names another address (another interface, or NAT); re-test with %3 on ports 5989 and 5988.</source>
        <translation>%1 annonce %2, mais sa réponse provient de %3&#xa0;: l&apos;annonce désigne une autre adresse (autre interface, ou NAT)&#xa0;; refaites le test avec %3 sur les ports 5989 et 5988.</translation>
    </message>
    <message>
        <source>The SLP advert of %1 does not point at the target %2</source>
        <translation>L&apos;annonce SLP de %1 ne pointe pas vers la cible %2</translation>
    </message>
    <message>
        <source>%1 advertises %2 over SLP; an answering SLP agent is an exposure</source>
        <translation>%1 annonce %2 via SLP&#xa0;; un agent SLP qui répond constitue une exposition</translation>
    </message>
    <message>
        <source>Found %1 (%2), lifetime %3 s</source>
        <translation>Trouvé %1 (%2), durée de vie %3 s</translation>
    </message>
    <message>
        <source>Attributes not read: %1</source>
        <translation>Attributs non lus&#xa0;: %1</translation>
    </message>
    <message>
        <source>The advert deviates from DSP0206: %1</source>
        <translation>L&apos;annonce s&apos;écarte de DSP0206&#xa0;: %1</translation>
    </message>
    <message>
        <source>The target answers unicast SLP but not the multicast query: multicast is not routed to it (another VLAN?).</source>
        <translation>La cible répond au SLP unicast mais pas à la requête en multidiffusion&#xa0;: la multidiffusion ne lui est pas routée (autre VLAN ?).</translation>
    </message>
    <message>
        <source>Multicast not sent: %1</source>
        <translation>Multidiffusion non envoyée&#xa0;: %1</translation>
    </message>
    <message>
        <source>No multicast query: SLP is asked on port %1, multicast goes to port 427 only.</source>
        <translation>Pas de requête en multidiffusion&#xa0;: SLP est interrogé sur le port %1, la multidiffusion ne va que vers le port 427.</translation>
    </message>
    <message>
        <source>No multicast query for this target (loopback, or turned off).</source>
        <translation>Pas de requête en multidiffusion pour cette cible (boucle locale, ou désactivée).</translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <source>Which CIM server?</source>
        <translation>Quel serveur CIM&#xa0;?</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address and the credentials your CIM client uses.</source>
        <translation>Saisissez l&apos;adresse du serveur et les identifiants qu&apos;utilise votre client CIM.</translation>
    </message>
    <message>
        <source>Pro&amp;file:</source>
        <translation>Pro&amp;fil&#xa0;:</translation>
    </message>
    <message>
        <source>Saved connection profile</source>
        <translation>Profil de connexion enregistré</translation>
    </message>
    <message>
        <source>Choosing a profile fills in the fields; its password comes from the system keychain</source>
        <translation>Choisir un profil remplit les champs&#xa0;; son mot de passe provient du trousseau système</translation>
    </message>
    <message>
        <source>Sa&amp;ve profile…</source>
        <translation>Enre&amp;gistrer le profil…</translation>
    </message>
    <message>
        <source>Save the input as a connection profile</source>
        <translation>Enregistrer la saisie comme profil de connexion</translation>
    </message>
    <message>
        <source>&amp;Delete profile</source>
        <translation>Supprimer le p&amp;rofil</translation>
    </message>
    <message>
        <source>Delete the chosen connection profile</source>
        <translation>Supprimer le profil de connexion choisi</translation>
    </message>
    <message>
        <source>Re&amp;member the password in the system keychain</source>
        <translation>&amp;Mémoriser le mot de passe dans le trousseau système</translation>
    </message>
    <message>
        <source>Remember the password in the system keychain when saving the profile</source>
        <translation>Mémoriser le mot de passe dans le trousseau système lors de l&apos;enregistrement du profil</translation>
    </message>
    <message>
        <source>The password or ticket is kept only in the system keychain, never in a settings file</source>
        <translation>Le mot de passe ou le ticket est conservé uniquement dans le trousseau système, jamais dans un fichier de paramètres</translation>
    </message>
    <message>
        <source>Profile status</source>
        <translation>État du profil</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>&amp;URL du serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>URL du serveur</translation>
    </message>
    <message>
        <source>Input problem</source>
        <translation>Problème de saisie</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Authentification&#xa0;:</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation>Utili&amp;sateur&#xa0;:</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe&#xa0;:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>Fichier &amp;d&apos;AC&#xa0;:</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>Fichier d&apos;AC</translation>
    </message>
    <message>
        <source>System trust store</source>
        <translation>Magasin de confiance du système</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Choose CA file</source>
        <translation>Choisir le fichier d&apos;AC</translation>
    </message>
    <message>
        <source>Client c&amp;ertificate:</source>
        <translation>Certificat &amp;client&#xa0;:</translation>
    </message>
    <message>
        <source>Client certificate file</source>
        <translation>Fichier du certificat client</translation>
    </message>
    <message>
        <source>Optional (2-way TLS)</source>
        <translation>Facultatif (TLS mutuel)</translation>
    </message>
    <message>
        <source>Choose client certificate file</source>
        <translation>Choisir le fichier du certificat client</translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation>Clé clie&amp;nt&#xa0;:</translation>
    </message>
    <message>
        <source>Client key file</source>
        <translation>Fichier de la clé client</translation>
    </message>
    <message>
        <source>Choose client key file</source>
        <translation>Choisir le fichier de la clé client</translation>
    </message>
    <message>
        <source>P&amp;inned certificate:</source>
        <translation>Certificat ép&amp;inglé&#xa0;:</translation>
    </message>
    <message>
        <source>Pinned certificate SHA-256 fingerprint</source>
        <translation>Empreinte SHA-256 du certificat épinglé</translation>
    </message>
    <message>
        <source>Optional SHA-256 fingerprint (AB:CD:…)</source>
        <translation>Empreinte SHA-256 facultative (AB:CD:…)</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>Délai d&apos;a&amp;ttente&#xa0;:</translation>
    </message>
    <message>
        <source>Timeout per network step in seconds</source>
        <translation>Délai d&apos;attente par étape réseau, en secondes</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation>Espace de n&amp;oms&#xa0;:</translation>
    </message>
    <message>
        <source>Namespace of the sample enumerate</source>
        <translation>Espace de noms de l&apos;énumération d&apos;exemple</translation>
    </message>
    <message>
        <source>Optional, e.g. root/cimv2</source>
        <translation>Facultatif, p. ex. root/cimv2</translation>
    </message>
    <message>
        <source>C&amp;lass:</source>
        <translation>C&amp;lasse&#xa0;:</translation>
    </message>
    <message>
        <source>Class of the sample enumerate</source>
        <translation>Classe de l&apos;énumération d&apos;exemple</translation>
    </message>
    <message>
        <source>Optional, e.g. CIM_ComputerSystem</source>
        <translation>Facultatif, p. ex. CIM_ComputerSystem</translation>
    </message>
    <message>
        <source>Disc&amp;over servers…</source>
        <translation>Découvrir des ser&amp;veurs…</translation>
    </message>
    <message>
        <source>Discover WBEM servers over SLP</source>
        <translation>Découvrir des serveurs WBEM via SLP</translation>
    </message>
    <message>
        <source>Find servers that advertise service:wbem over SLP and pick one as the target</source>
        <translation>Trouver les serveurs qui annoncent service:wbem via SLP et en choisir un comme cible</translation>
    </message>
    <message>
        <source>SLP:</source>
        <translation>SLP&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Run the SLP discovery stage</source>
        <translation>E&amp;xécuter l&apos;étape de découverte SLP</translation>
    </message>
    <message>
        <source>Run the SLP discovery stage</source>
        <translation>Exécuter l&apos;étape de découverte SLP</translation>
    </message>
    <message>
        <source>Ask the server&apos;s SLP agent whether it advertises service:wbem (UDP; multicast as well on port 427 unless the server is on loopback)</source>
        <translation>Demander à l&apos;agent SLP du serveur s&apos;il annonce service:wbem (UDP&#xa0;; également en multidiffusion sur le port 427, sauf si le serveur est en boucle locale)</translation>
    </message>
    <message>
        <source>UDP port:</source>
        <translation>Port UDP&#xa0;:</translation>
    </message>
    <message>
        <source>SLP port</source>
        <translation>Port SLP</translation>
    </message>
    <message>
        <source>The server&apos;s SLP port; another port than 427 turns the multicast query off</source>
        <translation>Port SLP du serveur&#xa0;; un port autre que 427 désactive la requête en multidiffusion</translation>
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
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>The TLS probe could not connect to port %1 in time</source>
        <translation>La sonde TLS n&apos;a pas pu se connecter au port %1 à temps</translation>
    </message>
    <message>
        <source>The TLS probe could not connect to port %1: %2</source>
        <translation>La sonde TLS n&apos;a pas pu se connecter au port %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Port %1 speaks plain HTTP, not TLS: use http:// for it, or port 5989 for https</source>
        <translation>Le port %1 parle HTTP simple, pas TLS&#xa0;: utilisez http:// pour ce port, ou le port 5989 pour https</translation>
    </message>
    <message>
        <source>The server accepted the connection but did not complete a TLS handshake within %1</source>
        <translation>Le serveur a accepté la connexion mais n&apos;a pas terminé de négociation TLS en %1</translation>
    </message>
    <message>
        <source>The server rejected the client certificate (alert %1)</source>
        <translation>Le serveur a rejeté le certificat client (alerte %1)</translation>
    </message>
    <message>
        <source>The server&apos;s Diffie-Hellman group is too small (%1 bits; at least 2048 needed)</source>
        <translation>Le groupe Diffie-Hellman du serveur est trop petit (%1 bits&#xa0;; au moins 2048 requis)</translation>
    </message>
    <message>
        <source>The server only speaks %1, which this machine&apos;s OpenSSL refuses</source>
        <translation>Le serveur ne parle que %1, que l&apos;OpenSSL de cette machine refuse</translation>
    </message>
    <message>
        <source>No TLS protocol version in common: the server only speaks old versions</source>
        <translation>Aucune version de protocole TLS commune&#xa0;: le serveur ne parle que d&apos;anciennes versions</translation>
    </message>
    <message>
        <source>The server certificate&apos;s key is too small (%1 %2 bits)</source>
        <translation>La clé du certificat du serveur est trop petite (%1 %2 bits)</translation>
    </message>
    <message>
        <source>The server certificate is signed with a weak digest (%1)</source>
        <translation>Le certificat du serveur est signé avec un condensat faible (%1)</translation>
    </message>
    <message>
        <source>The server does not support secure renegotiation (RFC 5746)</source>
        <translation>Le serveur ne prend pas en charge la renégociation sécurisée (RFC 5746)</translation>
    </message>
    <message>
        <source>The server requires a client certificate and none was given</source>
        <translation>Le serveur exige un certificat client et aucun n&apos;a été fourni</translation>
    </message>
    <message>
        <source>The server&apos;s TLS settings are below this machine&apos;s OpenSSL security level</source>
        <translation>Les réglages TLS du serveur sont inférieurs au niveau de sécurité de l&apos;OpenSSL de cette machine</translation>
    </message>
    <message>
        <source>The server refused the handshake (alert 40 handshake failure): no cipher or group in common</source>
        <translation>Le serveur a refusé la négociation (alerte 40 handshake failure)&#xa0;: aucune suite de chiffrement ni aucun groupe commun</translation>
    </message>
    <message>
        <source>The server reset the connection before sending a byte</source>
        <translation>Le serveur a réinitialisé la connexion avant d&apos;envoyer un octet</translation>
    </message>
    <message>
        <source>The server closed the connection before sending a byte</source>
        <translation>Le serveur a fermé la connexion avant d&apos;envoyer un octet</translation>
    </message>
    <message>
        <source>The TLS library on this machine failed during the handshake</source>
        <translation>La bibliothèque TLS de cette machine a échoué pendant la négociation</translation>
    </message>
    <message>
        <source>The TLS library on this machine failed during the handshake: %1</source>
        <translation>La bibliothèque TLS de cette machine a échoué pendant la négociation&#xa0;: %1</translation>
    </message>
    <message>
        <source>The TLS handshake failed for a reason cimdiag does not recognise</source>
        <translation>La négociation TLS a échoué pour une raison que cimdiag ne reconnaît pas</translation>
    </message>
    <message>
        <source>The TLS handshake failed for a reason cimdiag does not recognise: %1</source>
        <translation>La négociation TLS a échoué pour une raison que cimdiag ne reconnaît pas&#xa0;: %1</translation>
    </message>
    <message>
        <source>The evidence below (OpenSSL reason, alerts, first bytes) is what there is to go on.</source>
        <translation>Les éléments ci-dessous (raison OpenSSL, alertes, premiers octets) sont les seuls indices disponibles.</translation>
    </message>
    <message>
        <source>The server closed the connection right after the handshake: it most likely rejected the client certificate</source>
        <translation>Le serveur a fermé la connexion juste après la négociation&#xa0;: il a très probablement rejeté le certificat client</translation>
    </message>
    <message>
        <source>Check that the server trusts the CA that issued the client certificate.</source>
        <translation>Vérifiez que le serveur fait confiance à l&apos;autorité de certification qui a émis le certificat client.</translation>
    </message>
    <message>
        <source>The server rejected the client certificate after the handshake (alert %1)</source>
        <translation>Le serveur a rejeté le certificat client après la négociation (alerte %1)</translation>
    </message>
    <message>
        <source>The handshake completed, then the server ended the connection with alert %1, a reason cimdiag does not recognise</source>
        <translation>La négociation a abouti, puis le serveur a mis fin à la connexion avec l&apos;alerte %1, une raison que cimdiag ne reconnaît pas</translation>
    </message>
    <message>
        <source>%1 handshake OK; certificate verified (host name not checked)</source>
        <translation>Négociation %1 OK&#xa0;; certificat vérifié (nom d&apos;hôte non vérifié)</translation>
    </message>
    <message>
        <source>%1 handshake OK; certificate verified for %2</source>
        <translation>Négociation %1 OK&#xa0;; certificat vérifié pour %2</translation>
    </message>
    <message>
        <source>The server certificate does not match the pinned SHA-256 fingerprint</source>
        <translation>Le certificat du serveur ne correspond pas à l&apos;empreinte SHA-256 épinglée</translation>
    </message>
    <message>
        <source>Pinned: %1</source>
        <translation>Épinglé&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1; accepted because it matches the pinned SHA-256 fingerprint</source>
        <translation>%1&#xa0;; accepté car il correspond à l&apos;empreinte SHA-256 épinglée</translation>
    </message>
    <message>
        <source>%1; accepted because the target ignores this error by explicit choice</source>
        <translation>%1&#xa0;; accepté car la cible ignore cette erreur par choix explicite</translation>
    </message>
    <message>
        <source>Verification was bypassed by explicit choice; the WBEM connection will go on.</source>
        <translation>La vérification a été contournée par choix explicite&#xa0;; la connexion WBEM se poursuit.</translation>
    </message>
    <message>
        <source>Certificate is self-signed (verify code %1)</source>
        <translation>Le certificat est auto-signé (code de vérification %1)</translation>
    </message>
    <message>
        <source>The chain ends in a CA that the trust store does not know (verify code %1)</source>
        <translation>La chaîne se termine par une autorité de certification que le magasin de confiance ne connaît pas (code de vérification %1)</translation>
    </message>
    <message>
        <source>The certificate&apos;s issuer is not in the trust store and the server did not send it (verify code %1)</source>
        <translation>L&apos;émetteur du certificat n&apos;est pas dans le magasin de confiance et le serveur ne l&apos;a pas envoyé (code de vérification %1)</translation>
    </message>
    <message>
        <source>Certificate expired on %1 (verify code %2)</source>
        <translation>Le certificat a expiré le %1 (code de vérification %2)</translation>
    </message>
    <message>
        <source>Certificate is not valid before %1 (verify code %2)</source>
        <translation>Le certificat n&apos;est pas valide avant le %1 (code de vérification %2)</translation>
    </message>
    <message>
        <source>Certificate is not valid for %1 (verify code %2)</source>
        <translation>Le certificat n&apos;est pas valide pour %1 (code de vérification %2)</translation>
    </message>
    <message>
        <source>Certificate key is too small (%1 bits, verify code %2)</source>
        <translation>La clé du certificat est trop petite (%1 bits, code de vérification %2)</translation>
    </message>
    <message>
        <source>Certificate is signed with a weak digest (%1, verify code %2)</source>
        <translation>Le certificat est signé avec un condensat faible (%1, code de vérification %2)</translation>
    </message>
    <message>
        <source>Certificate verification failed: %1 (verify code %2)</source>
        <translation>Échec de la vérification du certificat&#xa0;: %1 (code de vérification %2)</translation>
    </message>
    <message>
        <source>The certificate becomes valid in %1 (at %2, local clock %3): a server clock ahead of this one (or this clock behind) would explain it; check NTP on both</source>
        <translation>Le certificat devient valide dans %1 (le %2, horloge locale %3)&#xa0;: une horloge du serveur en avance sur celle-ci (ou cette horloge en retard) l&apos;expliquerait&#xa0;; vérifiez NTP des deux côtés</translation>
    </message>
    <message>
        <source>The certificate becomes valid in %1 (at %2, local clock %3)</source>
        <translation>Le certificat devient valide dans %1 (le %2, horloge locale %3)</translation>
    </message>
    <message>
        <source>The certificate expired %1 ago (at %2, local clock %3)</source>
        <translation>Le certificat a expiré il y a %1 (le %2, horloge locale %3)</translation>
    </message>
    <message>
        <source>no subject alternative names; subject %1</source>
        <translation>aucun nom alternatif du sujet&#xa0;; sujet %1</translation>
    </message>
    <message>
        <source>The certificate names: %1; the name checked: %2</source>
        <translation>Noms du certificat&#xa0;: %1&#xa0;; nom vérifié&#xa0;: %2</translation>
    </message>
    <message>
        <source>Connected by IP address: the certificate must list it as IP:%1, or connect by a name it lists</source>
        <translation>Connexion par adresse IP&#xa0;: le certificat doit la lister sous la forme IP:%1, ou connectez-vous avec un nom qu&apos;il liste</translation>
    </message>
    <message>
        <source>Further verification errors: %1</source>
        <translation>Autres erreurs de vérification&#xa0;: %1</translation>
    </message>
    <message>
        <source>certificate expires in %1 (%2)</source>
        <translation>le certificat expire dans %1 (%2)</translation>
    </message>
    <message>
        <source>ephemeral DH group of only %1 bits</source>
        <translation>groupe DH éphémère de seulement %1 bits</translation>
    </message>
    <message>
        <source>no secure renegotiation (RFC 5746)</source>
        <translation>pas de renégociation sécurisée (RFC 5746)</translation>
    </message>
    <message>
        <source>outdated protocol %1</source>
        <translation>protocole obsolète %1</translation>
    </message>
    <message>
        <source>Negotiated %1, cipher %2 (%3 bits)</source>
        <translation>%1 négocié, suite de chiffrement %2 (%3 bits)</translation>
    </message>
    <message>
        <source>, key exchange %1 (%2 bits)</source>
        <translation>, échange de clés %1 (%2 bits)</translation>
    </message>
    <message>
        <source>[%1] %2; issuer %3; valid %4 to %5; %6 %7 bits; %8; SHA-256 %9</source>
        <translation>[%1] %2&#xa0;; émetteur %3&#xa0;; valide du %4 au %5&#xa0;; %6 %7 bits&#xa0;; %8&#xa0;; SHA-256 %9</translation>
    </message>
    <message>
        <source>    [%1] verify error %2: %3</source>
        <translation>    [%1] erreur de vérification %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Trust store: %1</source>
        <translation>Magasin de confiance&#xa0;: %1</translation>
    </message>
    <message>
        <source>The server asked for a client certificate; one was sent</source>
        <translation>Le serveur a demandé un certificat client&#xa0;; un certificat a été envoyé</translation>
    </message>
    <message>
        <source>The server asked for a client certificate; none was sent</source>
        <translation>Le serveur a demandé un certificat client&#xa0;; aucun n&apos;a été envoyé</translation>
    </message>
    <message>
        <source>HTTP over TLS answered: %1</source>
        <translation>HTTP sur TLS a répondu&#xa0;: %1</translation>
    </message>
    <message>
        <source>Relaxed probe %1: handshake OK with %2</source>
        <translation>Sonde assouplie %1&#xa0;: négociation OK avec %2</translation>
    </message>
    <message>
        <source>Relaxed probe %1: timed out</source>
        <translation>Sonde assouplie %1&#xa0;: délai d&apos;attente dépassé</translation>
    </message>
    <message>
        <source>Relaxed probe %1: still fails (%2)</source>
        <translation>Sonde assouplie %1&#xa0;: échoue toujours (%2)</translation>
    </message>
    <message>
        <source>no OpenSSL reason</source>
        <translation>aucune raison OpenSSL</translation>
    </message>
    <message>
        <source>Only the relaxation %1 makes the handshake work; it was used for this diagnosis only, never for credentials</source>
        <translation>Seul l&apos;assouplissement %1 permet la négociation&#xa0;; il n&apos;a servi qu&apos;à ce diagnostic, jamais pour des identifiants</translation>
    </message>
</context>
<context>
    <name>cimdiag::AppTranslator</name>
    <message>
        <source>There is no %1 translation.</source>
        <translation>Il n&apos;existe pas de traduction %1.</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuditTrail</name>
    <message>
        <source>cannot create the directory %1</source>
        <translation>impossible de créer le répertoire %1</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>impossible d&apos;ouvrir %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>cannot lock %1: %2</source>
        <translation>impossible de verrouiller %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuditTrailDialog</name>
    <message>
        <source>Event type</source>
        <translation>Type d&apos;événement</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>Texte du filtre</translation>
    </message>
    <message>
        <source>Audit records</source>
        <translation>Enregistrements d&apos;audit</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Vérifier la chaîne</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>Vérifier la chaîne</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>Audit Trail</source>
        <translation>Piste d&apos;audit</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Tous les résultats</translation>
    </message>
    <message>
        <source>Filter: server, user, class, path…</source>
        <translation>Filtre&#xa0;: serveur, utilisateur, classe, chemin…</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Subtype</source>
        <translation>Sous-type</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Résultat de la vérification</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Fichier&#xa0;: %1</translation>
    </message>
    <message>
        <source>Audit trail file</source>
        <translation>Fichier de la piste d&apos;audit</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>&amp;Record the audit trail</source>
        <translation>&amp;Enregistrer la piste d&apos;audit</translation>
    </message>
    <message>
        <source>Record the audit trail</source>
        <translation>Enregistrer la piste d&apos;audit</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s).</source>
        <translation>
            <numerusform>%n enregistrement.</numerusform>
            <numerusform>%n enregistrements.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the trail: %1</source>
        <translation>Impossible de lire la piste&#xa0;: %1</translation>
    </message>
    <message>
        <source>Valid: %1 records, the hash chain is intact.</source>
        <translation>Valide&#xa0;: %1 enregistrements, la chaîne de hachage est intacte.</translation>
    </message>
    <message>
        <source>Broken at line %1: %2 (%3 records before it are intact)</source>
        <translation>Rompue à la ligne %1&#xa0;: %2 (les %3 enregistrements précédents sont intacts)</translation>
    </message>
    <message>
        <source>Cannot change the setting: %1</source>
        <translation>Impossible de modifier le paramètre&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuditVerifier</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>the last line is incomplete (no line end): the file was cut or a write was torn</source>
        <translation>la dernière ligne est incomplète (pas de fin de ligne)&#xa0;: le fichier a été tronqué ou une écriture interrompue</translation>
    </message>
    <message>
        <source>empty line</source>
        <translation>ligne vide</translation>
    </message>
    <message>
        <source>not a JSON record: %1 at column %2</source>
        <translation>pas un enregistrement JSON&#xa0;: %1 à la colonne %2</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>pas un objet JSON</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is missing or invalid</source>
        <translation>le champ &quot;%1&quot; est absent ou invalide</translation>
    </message>
    <message>
        <source>the record was changed: its content does not match its hash</source>
        <translation>l&apos;enregistrement a été modifié&#xa0;: son contenu ne correspond pas à son hachage</translation>
    </message>
    <message>
        <source>the first record does not start the chain (a record before it was deleted?)</source>
        <translation>le premier enregistrement ne commence pas la chaîne (un enregistrement précédent a-t-il été supprimé ?)</translation>
    </message>
    <message>
        <source>the chain is broken: &quot;prev&quot; is not the hash of line %1 (a record was deleted, inserted or moved)</source>
        <translation>la chaîne est rompue&#xa0;: &quot;prev&quot; n&apos;est pas le hachage de la ligne %1 (un enregistrement a été supprimé, inséré ou déplacé)</translation>
    </message>
    <message>
        <source>sequence number %1 where %2 was expected</source>
        <translation>numéro de séquence %1 alors que %2 était attendu</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuthenticationCheck</name>
    <message>
        <source>Sending a CIM request without credentials</source>
        <translation>Envoi d&apos;une requête CIM sans identifiants</translation>
    </message>
    <message>
        <source>Without credentials the server answers 401 and offers: %1 (realm &quot;%2&quot;)</source>
        <translation>Sans identifiants, le serveur répond 401 et propose&#xa0;: %1 (realm «&#xa0;%2&#xa0;»)</translation>
    </message>
    <message>
        <source>The server does not offer HTTP Basic authentication (offers %1)</source>
        <translation>Le serveur ne propose pas l&apos;authentification HTTP Basic (il propose %1)</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>The server requires credentials (Basic, realm &quot;%1&quot;) and none were given</source>
        <translation>Le serveur exige des identifiants (Basic, realm «&#xa0;%1&#xa0;») et aucun n&apos;a été fourni</translation>
    </message>
    <message>
        <source>Sending the same request with the CIM ticket</source>
        <translation>Envoi de la même requête avec le ticket CIM</translation>
    </message>
    <message>
        <source>Sending the same request with the credentials of user &quot;%1&quot;</source>
        <translation>Envoi de la même requête avec les identifiants de l&apos;utilisateur «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>The server answers CIM requests without asking for credentials</source>
        <translation>Le serveur répond aux requêtes CIM sans demander d&apos;identifiants</translation>
    </message>
    <message>
        <source>A request without an Authorization header was processed (%1).</source>
        <translation>Une requête sans en-tête Authorization a été traitée (%1).</translation>
    </message>
    <message>
        <source>success</source>
        <translation>succès</translation>
    </message>
    <message>
        <source>The credentials given were not needed.</source>
        <translation>Les identifiants fournis n&apos;étaient pas nécessaires.</translation>
    </message>
    <message>
        <source>The request without credentials failed</source>
        <translation>La requête sans identifiants a échoué</translation>
    </message>
    <message>
        <source>the CIM ticket</source>
        <translation>le ticket CIM</translation>
    </message>
    <message>
        <source>user &quot;%1&quot;</source>
        <translation>l&apos;utilisateur «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Credentials accepted for %1 (Basic, realm &quot;%2&quot;)</source>
        <translation>Identifiants acceptés pour %1 (Basic, realm «&#xa0;%2&#xa0;»)</translation>
    </message>
    <message>
        <source>Credentials accepted for %1, but they crossed the network unencrypted (http://)</source>
        <translation>Identifiants acceptés pour %1, mais ils ont traversé le réseau sans chiffrement (http://)</translation>
    </message>
    <message>
        <source>The probe operation itself answered %1; the next stages look at that.</source>
        <translation>L&apos;opération de sondage elle-même a répondu %1&#xa0;; les étapes suivantes l&apos;examinent.</translation>
    </message>
    <message>
        <source>The server rejected the Authorization header as malformed</source>
        <translation>Le serveur a rejeté l&apos;en-tête Authorization comme mal formé</translation>
    </message>
    <message>
        <source>With credentials, the CIM request itself failed</source>
        <translation>Avec les identifiants, la requête CIM elle-même a échoué</translation>
    </message>
    <message>
        <source>OpenPegasus refuses remote logins of privileged users such as &quot;%1&quot;</source>
        <translation>OpenPegasus refuse les connexions à distance des utilisateurs privilégiés tels que «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>The CIM ticket was rejected (expired, used already, or issued for another host)</source>
        <translation>Le ticket CIM a été rejeté (expiré, déjà utilisé ou émis pour un autre hôte)</translation>
    </message>
    <message>
        <source>ESXi rejected root: lockdown mode, or a wrong password</source>
        <translation>ESXi a rejeté root&#xa0;: mode verrouillage, ou mot de passe incorrect</translation>
    </message>
    <message>
        <source>ESXi rejected user &quot;%1&quot;: missing CIM privilege, lockdown mode, or a wrong password</source>
        <translation>ESXi a rejeté l&apos;utilisateur «&#xa0;%1&#xa0;»&#xa0;: privilège CIM manquant, mode verrouillage, ou mot de passe incorrect</translation>
    </message>
    <message>
        <source>The server rejected the credentials of user &quot;%1&quot; (realm &quot;%2&quot;)</source>
        <translation>Le serveur a rejeté les identifiants de l&apos;utilisateur «&#xa0;%1&#xa0;» (realm «&#xa0;%2&#xa0;»)</translation>
    </message>
    <message>
        <source>With the credentials sent, the server still answers 401.</source>
        <translation>Avec les identifiants envoyés, le serveur répond toujours 401.</translation>
    </message>
</context>
<context>
    <name>cimdiag::CertificateChainView</name>
    <message>
        <source>Certificate chain</source>
        <translation>Chaîne de certificats</translation>
    </message>
    <message>
        <source>Verification summary</source>
        <translation>Résumé de la vérification</translation>
    </message>
    <message>
        <source>Certificates sent by the server, server certificate first</source>
        <translation>Certificats envoyés par le serveur, certificat du serveur en premier</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificat</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Émetteur</translation>
    </message>
    <message>
        <source>Subject alternative names</source>
        <translation>Noms alternatifs du sujet</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>Validité</translation>
    </message>
    <message>
        <source>Validity state</source>
        <translation>État de validité</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Clé publique</translation>
    </message>
    <message>
        <source>Signature algorithm</source>
        <translation>Algorithme de signature</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>Empreinte SHA-256</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy the SHA-256 fingerprint</source>
        <translation>Copier l&apos;empreinte SHA-256</translation>
    </message>
    <message>
        <source>Copy the SHA-256 fingerprint to the clipboard</source>
        <translation>Copier l&apos;empreinte SHA-256 dans le presse-papiers</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Résultat de la vérification</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate…</source>
        <translation>&amp;Faire confiance à ce certificat…</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Faire confiance à ce certificat</translation>
    </message>
    <message>
        <source>Pins the server&apos;s certificate: only this exact certificate is accepted from then on</source>
        <translation>Épingle le certificat du serveur&#xa0;: seul ce certificat exact sera accepté désormais</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Sujet&#xa0;:</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Émetteur&#xa0;:</translation>
    </message>
    <message>
        <source>Alternative names:</source>
        <translation>Noms alternatifs&#xa0;:</translation>
    </message>
    <message>
        <source>Validity:</source>
        <translation>Validité&#xa0;:</translation>
    </message>
    <message>
        <source>Public key:</source>
        <translation>Clé publique&#xa0;:</translation>
    </message>
    <message>
        <source>Signature algorithm:</source>
        <translation>Algorithme de signature&#xa0;:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Empreinte SHA-256&#xa0;:</translation>
    </message>
    <message>
        <source>Verification:</source>
        <translation>Vérification&#xa0;:</translation>
    </message>
    <message>
        <source>Details of the selected certificate</source>
        <translation>Détails du certificat sélectionné</translation>
    </message>
    <message>
        <source>Trusting this certificate pins it: from now on only this exact certificate is accepted for this server, whatever the trust store says, and any other certificate (also a renewed one) is refused.

Do this only after comparing the fingerprint below with the one the server shows you through another channel (its console, its administrator). If they differ, someone may be intercepting the connection.

SHA-256 fingerprint:
%1</source>
        <translation>Faire confiance à ce certificat l&apos;épingle&#xa0;: désormais, seul ce certificat exact est accepté pour ce serveur, quoi qu&apos;indique le magasin de confiance, et tout autre certificat (y compris un certificat renouvelé) est refusé.

Ne le faites qu&apos;après avoir comparé l&apos;empreinte ci-dessous avec celle que le serveur vous montre par un autre canal (sa console, son administrateur). Si elles diffèrent, quelqu&apos;un intercepte peut-être la connexion.

Empreinte SHA-256&#xa0;:
%1</translation>
    </message>
    <message>
        <source>Trust this certificate?</source>
        <translation>Faire confiance à ce certificat&#xa0;?</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>&amp;Faire confiance à ce certificat</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Vérifié</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n erreur</numerusform>
            <numerusform>%n erreurs</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>from %1 until %2 (UTC)</source>
        <translation>du %1 au %2 (UTC)</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n bit(s)</source>
        <translation>
            <numerusform>%1, %n bit</numerusform>
            <numerusform>%1, %n bits</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the server&apos;s own certificate (the first in the chain) can be trusted</source>
        <translation>Seul le certificat propre du serveur (le premier de la chaîne) peut recevoir la confiance</translation>
    </message>
    <message>
        <source>Accept exactly this certificate from this server from now on</source>
        <translation>Accepter désormais exactement ce certificat de ce serveur</translation>
    </message>
    <message>
        <source>No TLS result yet.</source>
        <translation>Pas encore de résultat TLS.</translation>
    </message>
    <message>
        <source>No connection: %1</source>
        <translation>Pas de connexion&#xa0;: %1</translation>
    </message>
    <message>
        <source>The server sent no certificate.</source>
        <translation>Le serveur n&apos;a envoyé aucun certificat.</translation>
    </message>
    <message>
        <source>The chain was verified.</source>
        <translation>La chaîne a été vérifiée.</translation>
    </message>
    <message>
        <source>The chain was verified against %1.</source>
        <translation>La chaîne a été vérifiée par rapport à %1.</translation>
    </message>
    <message>
        <source>Verification failed: %1 (code %2).</source>
        <translation>Échec de la vérification&#xa0;: %1 (code %2).</translation>
    </message>
    <message>
        <source>The server certificate matches the name %1.</source>
        <translation>Le certificat du serveur correspond au nom %1.</translation>
    </message>
    <message>
        <source>The server certificate does not match the name %1.</source>
        <translation>Le certificat du serveur ne correspond pas au nom %1.</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>Pas encore valide</translation>
    </message>
    <message>
        <source>Currently valid</source>
        <translation>Actuellement valide</translation>
    </message>
    <message>
        <source>Server (self-signed)</source>
        <translation>Serveur (auto-signé)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Root CA</source>
        <translation>AC racine</translation>
    </message>
    <message>
        <source>Intermediate CA</source>
        <translation>AC intermédiaire</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::CheckStatus</name>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Ignoré</translation>
    </message>
</context>
<context>
    <name>cimdiag::CliHostsRunner</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>the line is longer than %1 bytes</source>
        <translation>la ligne dépasse %1 octets</translation>
    </message>
    <message>
        <source>%1 checked, %2 running</source>
        <translation>%1 vérifiée(s), %2 en cours</translation>
    </message>
</context>
<context>
    <name>cimdiag::ConnectionProfileStore</name>
    <message>
        <source>the system keychain: %1</source>
        <translation>le trousseau système&#xa0;: %1</translation>
    </message>
    <message>
        <source>error %1</source>
        <translation>erreur %1</translation>
    </message>
    <message>
        <source>A profile needs a name.</source>
        <translation>Un profil doit avoir un nom.</translation>
    </message>
    <message>
        <source>The profile could not be written to %1.</source>
        <translation>Le profil n&apos;a pas pu être écrit dans %1.</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; was saved without its password: %2 could not store it.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» a été enregistré sans son mot de passe&#xa0;: %2 n&apos;a pas pu le stocker.</translation>
    </message>
    <message>
        <source>The password of &quot;%1&quot; could not be removed from %2.</source>
        <translation>Le mot de passe de «&#xa0;%1&#xa0;» n&apos;a pas pu être supprimé de %2.</translation>
    </message>
    <message>
        <source>There is no profile &quot;%1&quot;.</source>
        <translation>Il n&apos;existe pas de profil «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The password of &quot;%1&quot; could not be read from %2.</source>
        <translation>Le mot de passe de «&#xa0;%1&#xa0;» n&apos;a pas pu être lu dans %2.</translation>
    </message>
</context>
<context>
    <name>cimdiag::DemoSimulator</name>
    <message>
        <source>cimdiag-sim did not report ready within %1 s.</source>
        <translation>cimdiag-sim ne s&apos;est pas déclaré prêt en %1 s.</translation>
    </message>
    <message>
        <source>Cannot create a temporary directory: %1</source>
        <translation>Impossible de créer un répertoire temporaire&#xa0;: %1</translation>
    </message>
    <message>
        <source>Scenario %1 needs the server&apos;s OpenSSL security level lowered, which only a process of its own can do: run cimdiag-sim --scenario %1 (cimdiag-sim was not found next to cimdiag).</source>
        <translation>Le scénario %1 nécessite d&apos;abaisser le niveau de sécurité OpenSSL du serveur, ce que seul un processus dédié peut faire&#xa0;: exécutez cimdiag-sim --scenario %1 (cimdiag-sim est introuvable à côté de cimdiag).</translation>
    </message>
    <message>
        <source>cimdiag-sim: %1</source>
        <translation>cimdiag-sim&#xa0;: %1</translation>
    </message>
    <message>
        <source>cimdiag-sim exited (status %1): %2</source>
        <translation>cimdiag-sim s&apos;est terminé (état %1)&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosisWizard</name>
    <message>
        <source>CIM diagnosis</source>
        <translation>Diagnostic CIM</translation>
    </message>
    <message>
        <source>&amp;New diagnosis</source>
        <translation>&amp;Nouveau diagnostic</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <source>New diagnosis</source>
        <translation>Nouveau diagnostic</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Valider</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosticCheck</name>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosticRunner</name>
    <message>
        <source>Diagnosing %1</source>
        <translation>Diagnostic de %1</translation>
    </message>
    <message>
        <source>Re-running %1</source>
        <translation>Nouvelle exécution de %1</translation>
    </message>
    <message>
        <source>Cancelled by the user</source>
        <translation>Annulé par l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Not run: needs %1, which %2</source>
        <translation>Non exécuté&#xa0;: nécessite %1, qui %2</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>a échoué</translation>
    </message>
    <message>
        <source>did not run</source>
        <translation>ne s&apos;est pas exécutée</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 s and was stopped</source>
        <translation>%1 ne s&apos;est pas terminé en %2 s et a été arrêté</translation>
    </message>
    <message>
        <source>Diagnosis finished in %1 ms: %2</source>
        <translation>Diagnostic terminé en %1 ms&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosticStage</name>
    <message>
        <source>SLP discovery</source>
        <translation>Découverte SLP</translation>
    </message>
    <message>
        <source>Name resolution</source>
        <translation>Résolution de noms</translation>
    </message>
    <message>
        <source>TCP reachability</source>
        <translation>Accessibilité TCP</translation>
    </message>
    <message>
        <source>TLS handshake and certificate</source>
        <translation>Négociation TLS et certificat</translation>
    </message>
    <message>
        <source>HTTP and CIM-XML</source>
        <translation>HTTP et CIM-XML</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <source>Server identity and interop namespace</source>
        <translation>Identité du serveur et espace de noms interop</translation>
    </message>
    <message>
        <source>Sample enumerate</source>
        <translation>Énumération d&apos;exemple</translation>
    </message>
    <message>
        <source>Indication listener</source>
        <translation>Écouteur d&apos;indications</translation>
    </message>
</context>
<context>
    <name>cimdiag::Hint</name>
    <message>
        <source>SLP discovery switched off on ESXi</source>
        <extracomment>Failure mode A1, title</extracomment>
        <translation>Découverte SLP désactivée sur ESXi</translation>
    </message>
    <message>
        <source>The host does not answer SLP: slpd is stopped or the CIMSLP firewall ruleset is off, which is the default since ESXi 7.0U2c and 8.0. The CIM server itself (TCP 5989) can still work.</source>
        <extracomment>Failure mode A1, cause</extracomment>
        <translation>L&apos;hôte ne répond pas à SLP&#xa0;: slpd est arrêté ou le jeu de règles de pare-feu CIMSLP est désactivé, ce qui est le cas par défaut depuis ESXi 7.0U2c et 8.0. Le serveur CIM lui-même (TCP 5989) peut quand même fonctionner.</translation>
    </message>
    <message>
        <source>Enter the host name or IP and port 5989 directly instead of discovering it. Re-enable SLP only if your security policy allows it: slpd had serious vulnerabilities (CVE-2021-21974).</source>
        <extracomment>Failure mode A1, remedy</extracomment>
        <translation>Saisissez directement le nom d&apos;hôte ou l&apos;IP et le port 5989 au lieu de le découvrir. Ne réactivez SLP que si votre politique de sécurité le permet&#xa0;: slpd a eu de graves vulnérabilités (CVE-2021-21974).</translation>
    </message>
    <message>
        <source>OpenPegasus does not register with SLP</source>
        <extracomment>Failure mode A2, title</extracomment>
        <translation>OpenPegasus ne s&apos;enregistre pas auprès de SLP</translation>
    </message>
    <message>
        <source>OpenPegasus ships with SLP registration off (slp=false), so SLP queries find nothing even when an SLP daemon runs on the host.</source>
        <extracomment>Failure mode A2, cause</extracomment>
        <translation>OpenPegasus est livré avec l&apos;enregistrement SLP désactivé (slp=false)&#xa0;; les requêtes SLP ne trouvent donc rien, même si un démon SLP tourne sur l&apos;hôte.</translation>
    </message>
    <message>
        <source>On the server run cimconfig -s slp=true -p and restart cimserver, or simply connect to the host and port directly.</source>
        <extracomment>Failure mode A2, remedy</extracomment>
        <translation>Sur le serveur, exécutez cimconfig -s slp=true -p et redémarrez cimserver, ou connectez-vous simplement à l&apos;hôte et au port directement.</translation>
    </message>
    <message>
        <source>SFCB does not advertise via SLP (yet)</source>
        <extracomment>Failure mode A3, title</extracomment>
        <translation>SFCB ne s&apos;annonce pas (encore) via SLP</translation>
    </message>
    <message>
        <source>SFCB advertises only when built with SLP support and enableSlp is on in sfcb.cfg, and it refreshes its advert only every slpRefreshInterval (600 s by default), so the advert can be missing or late.</source>
        <extracomment>Failure mode A3, cause</extracomment>
        <translation>SFCB ne s&apos;annonce que s&apos;il est compilé avec la prise en charge de SLP et si enableSlp est activé dans sfcb.cfg, et il ne rafraîchit son annonce que toutes les slpRefreshInterval (600 s par défaut)&#xa0;; l&apos;annonce peut donc manquer ou arriver en retard.</translation>
    </message>
    <message>
        <source>Wait up to the refresh interval or restart sfcbd. Check enableSlp and slpRefreshInterval in sfcb.cfg, or connect to the host directly.</source>
        <extracomment>Failure mode A3, remedy</extracomment>
        <translation>Attendez jusqu&apos;à l&apos;intervalle de rafraîchissement ou redémarrez sfcbd. Vérifiez enableSlp et slpRefreshInterval dans sfcb.cfg, ou connectez-vous directement à l&apos;hôte.</translation>
    </message>
    <message>
        <source>SLP multicast does not reach the server</source>
        <extracomment>Failure mode A4, title</extracomment>
        <translation>La multidiffusion SLP n&apos;atteint pas le serveur</translation>
    </message>
    <message>
        <source>Multicast SLP requests (239.255.255.253) are usually not routed between VLANs or subnets, so servers elsewhere stay silent while a direct unicast query to their address works.</source>
        <extracomment>Failure mode A4, cause</extracomment>
        <translation>Les requêtes SLP en multidiffusion (239.255.255.253) ne sont généralement pas routées entre VLAN ou sous-réseaux&#xa0;: les serveurs situés ailleurs restent muets alors qu&apos;une requête unicast directe vers leur adresse fonctionne.</translation>
    </message>
    <message>
        <source>Query the server&apos;s IP directly (unicast), for example with slptool unicastfindsrvs IP service:wbem, or use an SLP Directory Agent that both networks can reach.</source>
        <extracomment>Failure mode A4, remedy</extracomment>
        <translation>Interrogez directement l&apos;IP du serveur (unicast), par exemple avec slptool unicastfindsrvs IP service:wbem, ou utilisez un Directory Agent SLP accessible depuis les deux réseaux.</translation>
    </message>
    <message>
        <source>SLP scope mismatch</source>
        <extracomment>Failure mode A5, title</extracomment>
        <translation>Portée SLP non concordante</translation>
    </message>
    <message>
        <source>The server answers only for its own SLP scopes. A unicast query for another scope gets error 4 (SCOPE_NOT_SUPPORTED) and multicast queries stay unanswered.</source>
        <extracomment>Failure mode A5, cause</extracomment>
        <translation>Le serveur ne répond que pour ses propres portées SLP. Une requête unicast pour une autre portée reçoit l&apos;erreur 4 (SCOPE_NOT_SUPPORTED) et les requêtes en multidiffusion restent sans réponse.</translation>
    </message>
    <message>
        <source>Query with the scope the server is configured for (often DEFAULT), or add your scope to the server&apos;s SLP configuration.</source>
        <extracomment>Failure mode A5, remedy</extracomment>
        <translation>Interrogez avec la portée configurée sur le serveur (souvent DEFAULT), ou ajoutez votre portée à la configuration SLP du serveur.</translation>
    </message>
    <message>
        <source>Non-standard SLP attributes</source>
        <extracomment>Failure mode A6, title</extracomment>
        <translation>Attributs SLP non standard</translation>
    </message>
    <message>
        <source>Some servers spell the DSP0206 WBEM attributes differently, for example an interop namespace with a leading slash (/interop) or AuthenticationMechanismSupported without the final s. Strict parsers then miss the values.</source>
        <extracomment>Failure mode A6, cause</extracomment>
        <translation>Certains serveurs écrivent les attributs WBEM de DSP0206 différemment, par exemple un espace de noms interop avec une barre oblique initiale (/interop) ou AuthenticationMechanismSupported sans le s final. Les analyseurs stricts manquent alors ces valeurs.</translation>
    </message>
    <message>
        <source>Nothing to fix on your side; cimdiag reads these attributes tolerantly. Report the deviation to the vendor if other tools fail.</source>
        <extracomment>Failure mode A6, remedy</extracomment>
        <translation>Rien à corriger de votre côté&#xa0;; cimdiag lit ces attributs avec tolérance. Signalez l&apos;écart au fournisseur si d&apos;autres outils échouent.</translation>
    </message>
    <message>
        <source>Advertised service URL is unusable</source>
        <extracomment>Failure mode A7, title</extracomment>
        <translation>L&apos;URL de service annoncée est inutilisable</translation>
    </message>
    <message>
        <source>The URL in the SLP advert does not work: it names the wrong network interface, a host name that does not resolve, or http while only https is enabled.</source>
        <extracomment>Failure mode A7, cause</extracomment>
        <translation>L&apos;URL de l&apos;annonce SLP ne fonctionne pas&#xa0;: elle désigne la mauvaise interface réseau, un nom d&apos;hôte qui ne se résout pas, ou http alors que seul https est activé.</translation>
    </message>
    <message>
        <source>Connect using the address the SLP reply came from and try both ports 5988 and 5989. On SFCB check which addresses are advertised (slpHostnameLib in sfcb.cfg).</source>
        <extracomment>Failure mode A7, remedy</extracomment>
        <translation>Connectez-vous avec l&apos;adresse d&apos;où provient la réponse SLP et essayez les deux ports 5988 et 5989. Sur SFCB, vérifiez quelles adresses sont annoncées (slpHostnameLib dans sfcb.cfg).</translation>
    </message>
    <message>
        <source>Stale SLP advertisement</source>
        <extracomment>Failure mode A8, title</extracomment>
        <translation>Annonce SLP périmée</translation>
    </message>
    <message>
        <source>A service is still listed (for example from a Directory Agent cache or a long advert lifetime) but nothing answers on its address any more; the server is gone or moved.</source>
        <extracomment>Failure mode A8, cause</extracomment>
        <translation>Un service est toujours listé (par exemple depuis le cache d&apos;un Directory Agent ou à cause d&apos;une longue durée de vie de l&apos;annonce), mais plus rien ne répond à son adresse&#xa0;; le serveur a disparu ou a été déplacé.</translation>
    </message>
    <message>
        <source>Treat the entry as stale: check the host is still in service, and remove or refresh it in the Directory Agent.</source>
        <extracomment>Failure mode A8, remedy</extracomment>
        <translation>Considérez l&apos;entrée comme périmée&#xa0;: vérifiez que l&apos;hôte est toujours en service, puis supprimez-la ou rafraîchissez-la dans le Directory Agent.</translation>
    </message>
    <message>
        <source>SLP replies are blocked on this computer</source>
        <extracomment>Failure mode A9, title</extracomment>
        <translation>Les réponses SLP sont bloquées sur cet ordinateur</translation>
    </message>
    <message>
        <source>The server sends its unicast SLP reply, but a firewall on this computer drops incoming UDP packets from port 427, so discovery looks silent.</source>
        <extracomment>Failure mode A9, cause</extracomment>
        <translation>Le serveur envoie sa réponse SLP unicast, mais un pare-feu sur cet ordinateur rejette les paquets UDP entrants provenant du port 427&#xa0;; la découverte semble donc muette.</translation>
    </message>
    <message>
        <source>Allow incoming UDP from source port 427 in the local firewall while discovering, or enter the server&apos;s address directly.</source>
        <extracomment>Failure mode A9, remedy</extracomment>
        <translation>Autorisez l&apos;UDP entrant depuis le port source 427 dans le pare-feu local pendant la découverte, ou saisissez directement l&apos;adresse du serveur.</translation>
    </message>
    <message>
        <source>SLP service exposed (security risk)</source>
        <extracomment>Failure mode A10, title</extracomment>
        <translation>Service SLP exposé (risque de sécurité)</translation>
    </message>
    <message>
        <source>The host answers SLP. On ESXi, slpd had several critical remote-code-execution flaws (CVE-2019-5544, CVE-2020-3992, CVE-2021-21974; VMSA-2021-0002) exploited by ransomware such as ESXiArgs.</source>
        <extracomment>Failure mode A10, cause</extracomment>
        <translation>L&apos;hôte répond à SLP. Sur ESXi, slpd a eu plusieurs failles critiques d&apos;exécution de code à distance (CVE-2019-5544, CVE-2020-3992, CVE-2021-21974&#xa0;; VMSA-2021-0002) exploitées par des rançongiciels tels qu&apos;ESXiArgs.</translation>
    </message>
    <message>
        <source>Patch ESXi. Unless you need SLP, turn it off as VMware KB 76372 describes: /etc/init.d/slpd stop, esxcli network firewall ruleset set -r CIMSLP -e 0, chkconfig slpd off. Keep SLP off untrusted networks.</source>
        <extracomment>Failure mode A10, remedy</extracomment>
        <translation>Appliquez les correctifs ESXi. Si vous n&apos;avez pas besoin de SLP, désactivez-le comme l&apos;indique la KB VMware 76372&#xa0;: /etc/init.d/slpd stop, esxcli network firewall ruleset set -r CIMSLP -e 0, chkconfig slpd off. N&apos;exposez pas SLP aux réseaux non fiables.</translation>
    </message>
    <message>
        <source>Host name does not resolve</source>
        <extracomment>Failure mode B1, title</extracomment>
        <translation>Le nom d&apos;hôte ne se résout pas</translation>
    </message>
    <message>
        <source>DNS (or the hosts file) has no address for the server name you entered, so no connection can be attempted.</source>
        <extracomment>Failure mode B1, cause</extracomment>
        <translation>Le DNS (ou le fichier hosts) n&apos;a aucune adresse pour le nom de serveur saisi&#xa0;; aucune connexion ne peut donc être tentée.</translation>
    </message>
    <message>
        <source>Check the spelling, use the server&apos;s IP address, or fix the DNS entry.</source>
        <extracomment>Failure mode B1, remedy</extracomment>
        <translation>Vérifiez l&apos;orthographe, utilisez l&apos;adresse IP du serveur ou corrigez l&apos;entrée DNS.</translation>
    </message>
    <message>
        <source>Port closed on the server</source>
        <extracomment>Failure mode B2, title</extracomment>
        <translation>Port fermé sur le serveur</translation>
    </message>
    <message>
        <source>The host is up but nothing listens on the port, so the connection is refused. Typical: the ESXi CIM service is off (it starts only with a vendor CIM VIB), OpenPegasus with enableHttpConnection=false (5988 closed), or SFCB with enableHttps=false.</source>
        <extracomment>Failure mode B2, cause</extracomment>
        <translation>L&apos;hôte est actif mais rien n&apos;écoute sur le port&#xa0;; la connexion est donc refusée. Cas typiques&#xa0;: le service CIM d&apos;ESXi est désactivé (il ne démarre qu&apos;avec un VIB CIM d&apos;un fournisseur), OpenPegasus avec enableHttpConnection=false (5988 fermé) ou SFCB avec enableHttps=false.</translation>
    </message>
    <message>
        <source>Start or enable the CIM service and the port on the server, or try the other port (5988 http, 5989 https).</source>
        <extracomment>Failure mode B2, remedy</extracomment>
        <translation>Démarrez ou activez le service CIM et le port sur le serveur, ou essayez l&apos;autre port (5988 http, 5989 https).</translation>
    </message>
    <message>
        <source>Connection silently filtered</source>
        <extracomment>Failure mode B3, title</extracomment>
        <translation>Connexion filtrée silencieusement</translation>
    </message>
    <message>
        <source>The connection attempt gets no answer at all until it times out, which is what a firewall that drops packets does: the ESXi CIMHttpsServer or CIMHttpServer ruleset or its allowed-IP list, a network ACL, or firewalld without the wbem services.</source>
        <extracomment>Failure mode B3, cause</extracomment>
        <translation>La tentative de connexion ne reçoit aucune réponse jusqu&apos;au dépassement du délai d&apos;attente, ce que fait un pare-feu qui rejette les paquets&#xa0;: le jeu de règles ESXi CIMHttpsServer ou CIMHttpServer ou sa liste d&apos;IP autorisées, une ACL réseau, ou firewalld sans les services wbem.</translation>
    </message>
    <message>
        <source>Open the port on the way: on ESXi esxcli network firewall ruleset set -r CIMHttpsServer -e true (and check its allowed IPs); on firewalld firewall-cmd --permanent --add-service=wbem-https, then firewall-cmd --reload (without --permanent the rule is lost at the next reload or reboot); and check network ACLs.</source>
        <extracomment>Failure mode B3, remedy</extracomment>
        <translation>Ouvrez le port sur le chemin&#xa0;: sur ESXi, esxcli network firewall ruleset set -r CIMHttpsServer -e true (et vérifiez ses IP autorisées)&#xa0;; avec firewalld, firewall-cmd --permanent --add-service=wbem-https, puis firewall-cmd --reload (sans --permanent, la règle est perdue au prochain rechargement ou redémarrage)&#xa0;; et vérifiez les ACL réseau.</translation>
    </message>
    <message>
        <source>Connection rejected by a router or firewall</source>
        <extracomment>Failure mode B4, title</extracomment>
        <translation>Connexion rejetée par un routeur ou un pare-feu</translation>
    </message>
    <message>
        <source>A device on the path answered with an ICMP error (host or network unreachable, or administratively prohibited), so the connection failed at once without reaching the server.</source>
        <extracomment>Failure mode B4, cause</extracomment>
        <translation>Un équipement sur le chemin a répondu par une erreur ICMP (hôte ou réseau inaccessible, ou interdit administrativement)&#xa0;; la connexion a donc échoué immédiatement sans atteindre le serveur.</translation>
    </message>
    <message>
        <source>Look at which device sent the rejection (the diagnosis shows its address) and ask its administrator to allow the traffic, or fix the route.</source>
        <extracomment>Failure mode B4, remedy</extracomment>
        <translation>Regardez quel équipement a envoyé le rejet (le diagnostic affiche son adresse) et demandez à son administrateur d&apos;autoriser le trafic, ou corrigez la route.</translation>
    </message>
    <message>
        <source>Connection reset without an answer</source>
        <extracomment>Failure mode B5, title</extracomment>
        <translation>Connexion réinitialisée sans réponse</translation>
    </message>
    <message>
        <source>The server accepted the connection and then closed or reset it without sending anything. Typical for a crashed or hung CIM server process, for example sfcbd on ESXi 6.7.</source>
        <extracomment>Failure mode B5, cause</extracomment>
        <translation>Le serveur a accepté la connexion puis l&apos;a fermée ou réinitialisée sans rien envoyer. Typique d&apos;un processus de serveur CIM planté ou bloqué, par exemple sfcbd sur ESXi 6.7.</translation>
    </message>
    <message>
        <source>Restart the CIM service; on ESXi run /etc/init.d/sfcbd-watchdog restart. If it recurs, check the host&apos;s logs and vendor provider VIBs.</source>
        <extracomment>Failure mode B5, remedy</extracomment>
        <translation>Redémarrez le service CIM&#xa0;; sur ESXi, exécutez /etc/init.d/sfcbd-watchdog restart. Si le problème se reproduit, consultez les journaux de l&apos;hôte et les VIB de fournisseurs.</translation>
    </message>
    <message>
        <source>Server accepts but never answers</source>
        <extracomment>Failure mode B6, title</extracomment>
        <translation>Le serveur accepte mais ne répond jamais</translation>
    </message>
    <message>
        <source>TCP (and TLS) work, but no HTTP answer comes before the timeout. Usually a CIM provider hangs the server, for example a faulty vendor provider VIB on ESXi.</source>
        <extracomment>Failure mode B6, cause</extracomment>
        <translation>TCP (et TLS) fonctionnent, mais aucune réponse HTTP n&apos;arrive avant le délai d&apos;attente. En général, un fournisseur CIM bloque le serveur, par exemple un VIB de fournisseur défectueux sur ESXi.</translation>
    </message>
    <message>
        <source>Restart the CIM service (/etc/init.d/sfcbd-watchdog restart on ESXi) and update or remove the faulty vendor VIB or provider.</source>
        <extracomment>Failure mode B6, remedy</extracomment>
        <translation>Redémarrez le service CIM (/etc/init.d/sfcbd-watchdog restart sur ESXi) et mettez à jour ou supprimez le VIB ou le fournisseur défectueux.</translation>
    </message>
    <message>
        <source>Works over one IP version only</source>
        <extracomment>Failure mode B7, title</extracomment>
        <translation>Fonctionne sur une seule version d&apos;IP</translation>
    </message>
    <message>
        <source>The name resolves to IPv4 and IPv6 addresses but the CIM server listens on only one family (SFCB ip4AddrList/ip6AddrList, OpenPegasus listenAddress), so one of them fails.</source>
        <extracomment>Failure mode B7, cause</extracomment>
        <translation>Le nom se résout en adresses IPv4 et IPv6, mais le serveur CIM n&apos;écoute que sur une famille (SFCB ip4AddrList/ip6AddrList, OpenPegasus listenAddress)&#xa0;; l&apos;une des deux échoue donc.</translation>
    </message>
    <message>
        <source>Connect using the address family that works, or configure the server to listen on both.</source>
        <extracomment>Failure mode B7, remedy</extracomment>
        <translation>Connectez-vous avec la famille d&apos;adresses qui fonctionne, ou configurez le serveur pour écouter sur les deux.</translation>
    </message>
    <message>
        <source>A proxy is in the way</source>
        <extracomment>Failure mode B8, title</extracomment>
        <translation>Un proxy fait obstacle</translation>
    </message>
    <message>
        <source>The request went through an HTTP proxy: it asked for proxy authentication (407), added a Via header, or presented a certificate issued by a proxy CA instead of the server&apos;s.</source>
        <extracomment>Failure mode B8, cause</extracomment>
        <translation>La requête est passée par un proxy HTTP&#xa0;: il a demandé une authentification proxy (407), ajouté un en-tête Via ou présenté un certificat émis par une autorité de certification de proxy au lieu de celui du serveur.</translation>
    </message>
    <message>
        <source>Bypass the proxy for the CIM server (add it to the NoProxy / no_proxy list) or provide the proxy credentials.</source>
        <extracomment>Failure mode B8, remedy</extracomment>
        <translation>Contournez le proxy pour le serveur CIM (ajoutez-le à la liste NoProxy / no_proxy) ou fournissez les identifiants du proxy.</translation>
    </message>
    <message>
        <source>TLS sent to a plain HTTP port</source>
        <extracomment>Failure mode C1, title</extracomment>
        <translation>TLS envoyé à un port HTTP simple</translation>
    </message>
    <message>
        <source>The client spoke TLS (https) to a port that speaks plain HTTP, typically 5988; the server answered in clear text, which shows as a wrong version number error.</source>
        <extracomment>Failure mode C1, cause</extracomment>
        <translation>Le client a parlé TLS (https) à un port qui parle HTTP simple, typiquement 5988&#xa0;; le serveur a répondu en clair, ce qui apparaît comme une erreur wrong version number.</translation>
    </message>
    <message>
        <source>Use https with port 5989, or http:// with port 5988.</source>
        <extracomment>Failure mode C1, remedy</extracomment>
        <translation>Utilisez https avec le port 5989, ou http:// avec le port 5988.</translation>
    </message>
    <message>
        <source>Plain HTTP sent to a TLS port</source>
        <extracomment>Failure mode C2, title</extracomment>
        <translation>HTTP simple envoyé à un port TLS</translation>
    </message>
    <message>
        <source>The client sent plain HTTP to a port that expects TLS, typically 5989; the server answered with an empty reply, a reset or TLS bytes.</source>
        <extracomment>Failure mode C2, cause</extracomment>
        <translation>Le client a envoyé du HTTP simple à un port qui attend TLS, typiquement 5989&#xa0;; le serveur a répondu par une réponse vide, une réinitialisation ou des octets TLS.</translation>
    </message>
    <message>
        <source>Use https:// for port 5989, or port 5988 for plain http.</source>
        <extracomment>Failure mode C2, remedy</extracomment>
        <translation>Utilisez https:// pour le port 5989, ou le port 5988 pour http simple.</translation>
    </message>
    <message>
        <source>Server supports only old TLS versions</source>
        <extracomment>Failure mode C3, title</extracomment>
        <translation>Le serveur ne prend en charge que d&apos;anciennes versions de TLS</translation>
    </message>
    <message>
        <source>The server offers only SSLv3, TLS 1.0 or 1.1, common on old BMC and storage firmware. Current OpenSSL refuses these by default, so the handshake fails with a protocol version error.</source>
        <extracomment>Failure mode C3, cause</extracomment>
        <translation>Le serveur ne propose que SSLv3, TLS 1.0 ou 1.1, courants sur les anciens micrologiciels de BMC et de stockage. Les versions actuelles d&apos;OpenSSL les refusent par défaut&#xa0;; la négociation échoue donc avec une erreur de version de protocole.</translation>
    </message>
    <message>
        <source>Update the server or BMC firmware, or enable TLS 1.2 on it (OpenPegasus: check sslBackwardCompatibility). cimdiag can re-probe with old protocols allowed for diagnosis only and says so.</source>
        <extracomment>Failure mode C3, remedy</extracomment>
        <translation>Mettez à jour le serveur ou le micrologiciel du BMC, ou activez TLS 1.2 dessus (OpenPegasus&#xa0;: vérifiez sslBackwardCompatibility). cimdiag peut refaire un sondage en autorisant les anciens protocoles, pour le diagnostic uniquement, et le signale.</translation>
    </message>
    <message>
        <source>Server uses weak Diffie-Hellman parameters</source>
        <extracomment>Failure mode C4, title</extracomment>
        <translation>Le serveur utilise des paramètres Diffie-Hellman faibles</translation>
    </message>
    <message>
        <source>The server offers DHE key exchange with parameters shorter than 2048 bits, which OpenSSL rejects with dh key too small.</source>
        <extracomment>Failure mode C4, cause</extracomment>
        <translation>Le serveur propose un échange de clés DHE avec des paramètres de moins de 2048 bits, qu&apos;OpenSSL rejette avec dh key too small.</translation>
    </message>
    <message>
        <source>On the server configure 2048-bit or larger DH parameters or prefer ECDHE ciphers. As a client-side workaround exclude DHE ciphers.</source>
        <extracomment>Failure mode C4, remedy</extracomment>
        <translation>Sur le serveur, configurez des paramètres DH de 2048 bits ou plus, ou privilégiez les suites ECDHE. Comme contournement côté client, excluez les suites DHE.</translation>
    </message>
    <message>
        <source>Server certificate key is too short</source>
        <extracomment>Failure mode C5, title</extracomment>
        <translation>La clé du certificat du serveur est trop courte</translation>
    </message>
    <message>
        <source>The server certificate has an RSA key shorter than 2048 bits. OpenSSL at security level 2, the default on Debian and other current distributions, refuses every such key (ee key too small).</source>
        <extracomment>Failure mode C5, cause</extracomment>
        <translation>Le certificat du serveur a une clé RSA de moins de 2048 bits. OpenSSL au niveau de sécurité 2, le niveau par défaut sur Debian et d&apos;autres distributions actuelles, refuse toute clé de ce type (ee key too small).</translation>
    </message>
    <message>
        <source>Issue a new server certificate with an RSA key of at least 2048 bits (or an EC key) and install it on the server.</source>
        <extracomment>Failure mode C5, remedy</extracomment>
        <translation>Émettez un nouveau certificat de serveur avec une clé RSA d&apos;au moins 2048 bits (ou une clé EC) et installez-le sur le serveur.</translation>
    </message>
    <message>
        <source>Certificate signed with SHA-1 or MD5</source>
        <extracomment>Failure mode C6, title</extracomment>
        <translation>Certificat signé avec SHA-1 ou MD5</translation>
    </message>
    <message>
        <source>The server certificate or its chain is signed with SHA-1 or MD5, which current OpenSSL treats as too weak (ca md too weak).</source>
        <extracomment>Failure mode C6, cause</extracomment>
        <translation>Le certificat du serveur ou sa chaîne est signé avec SHA-1 ou MD5, qu&apos;OpenSSL actuel considère comme trop faible (ca md too weak).</translation>
    </message>
    <message>
        <source>Re-issue the certificate with a SHA-256 signature and install it on the server.</source>
        <extracomment>Failure mode C6, remedy</extracomment>
        <translation>Réémettez le certificat avec une signature SHA-256 et installez-le sur le serveur.</translation>
    </message>
    <message>
        <source>Self-signed server certificate</source>
        <extracomment>Failure mode C7, title</extracomment>
        <translation>Certificat de serveur auto-signé</translation>
    </message>
    <message>
        <source>The server uses a self-signed certificate, the default of SFCB, OpenPegasus and standalone ESXi, so no trusted CA vouches for it.</source>
        <extracomment>Failure mode C7, cause</extracomment>
        <translation>Le serveur utilise un certificat auto-signé, le réglage par défaut de SFCB, d&apos;OpenPegasus et d&apos;ESXi autonome&#xa0;; aucune autorité de certification de confiance ne s&apos;en porte garante.</translation>
    </message>
    <message>
        <source>Compare the SHA-256 fingerprint with the one shown on the server and trust it (pin it), or import the issuing CA (the VMCA root for vCenter-managed ESXi). Better: install a CA-signed certificate.</source>
        <extracomment>Failure mode C7, remedy</extracomment>
        <translation>Comparez l&apos;empreinte SHA-256 avec celle affichée sur le serveur et faites-lui confiance (épinglez-la), ou importez l&apos;autorité de certification émettrice (la racine VMCA pour un ESXi géré par vCenter). Mieux&#xa0;: installez un certificat signé par une autorité de certification.</translation>
    </message>
    <message>
        <source>Certificate chain incomplete</source>
        <extracomment>Failure mode C8, title</extracomment>
        <translation>Chaîne de certificats incomplète</translation>
    </message>
    <message>
        <source>The server sends its certificate without the intermediate CA certificate(s), so the chain cannot be built up to a trusted root.</source>
        <extracomment>Failure mode C8, cause</extracomment>
        <translation>Le serveur envoie son certificat sans le ou les certificats d&apos;autorité intermédiaire&#xa0;; la chaîne ne peut donc pas être construite jusqu&apos;à une racine de confiance.</translation>
    </message>
    <message>
        <source>Configure the server to send the full chain (leaf plus intermediates), or import the intermediate CA on the client.</source>
        <extracomment>Failure mode C8, remedy</extracomment>
        <translation>Configurez le serveur pour envoyer la chaîne complète (certificat final et intermédiaires), ou importez l&apos;autorité intermédiaire sur le client.</translation>
    </message>
    <message>
        <source>Certificate expired, not yet valid or about to expire</source>
        <extracomment>Failure mode C9, title</extracomment>
        <translation>Certificat expiré, pas encore valide ou proche de l&apos;expiration</translation>
    </message>
    <message>
        <source>The server certificate is outside its validity dates or its end date is close (cimdiag warns 30 days ahead). Often it really expired or nobody renewed it in time; sometimes a clock is wrong, for example a BMC with a drifted clock makes a new certificate look not yet valid.</source>
        <extracomment>Failure mode C9, cause</extracomment>
        <translation>Le certificat du serveur est hors de ses dates de validité ou sa date de fin est proche (cimdiag avertit 30 jours avant). Souvent il a réellement expiré ou personne ne l&apos;a renouvelé à temps&#xa0;; parfois une horloge est fausse, par exemple un BMC dont l&apos;horloge a dérivé fait paraître un nouveau certificat comme pas encore valide.</translation>
    </message>
    <message>
        <source>Renew the server certificate before its end date (at once if it has expired). Compare both clocks with the dates shown and configure NTP on the server or BMC.</source>
        <extracomment>Failure mode C9, remedy</extracomment>
        <translation>Renouvelez le certificat du serveur avant sa date de fin (immédiatement s&apos;il a expiré). Comparez les deux horloges avec les dates affichées et configurez NTP sur le serveur ou le BMC.</translation>
    </message>
    <message>
        <source>Certificate does not match the host name</source>
        <extracomment>Failure mode C10, title</extracomment>
        <translation>Le certificat ne correspond pas au nom d&apos;hôte</translation>
    </message>
    <message>
        <source>The name or IP you connected to is not in the certificate, for example CN localhost.localdomain, a host renamed after the certificate was made, or a connection by IP while the certificate lists only names.</source>
        <extracomment>Failure mode C10, cause</extracomment>
        <translation>Le nom ou l&apos;IP auquel vous vous êtes connecté ne figure pas dans le certificat, par exemple CN localhost.localdomain, un hôte renommé après la création du certificat, ou une connexion par IP alors que le certificat ne liste que des noms.</translation>
    </message>
    <message>
        <source>Connect using a name listed in the certificate, regenerate the certificate after a rename, or pin the certificate fingerprint.</source>
        <extracomment>Failure mode C10, remedy</extracomment>
        <translation>Connectez-vous avec un nom listé dans le certificat, régénérez le certificat après un renommage, ou épinglez l&apos;empreinte du certificat.</translation>
    </message>
    <message>
        <source>Server lacks secure renegotiation</source>
        <extracomment>Failure mode C11, title</extracomment>
        <translation>Le serveur ne prend pas en charge la renégociation sécurisée</translation>
    </message>
    <message>
        <source>The server does not support RFC 5746 secure renegotiation, so OpenSSL 3 refuses the handshake (unsafe legacy renegotiation disabled). Typical of old embedded TLS stacks.</source>
        <extracomment>Failure mode C11, cause</extracomment>
        <translation>Le serveur ne prend pas en charge la renégociation sécurisée RFC 5746&#xa0;; OpenSSL 3 refuse donc la négociation (unsafe legacy renegotiation disabled). Typique des anciennes piles TLS embarquées.</translation>
    </message>
    <message>
        <source>Update the server firmware or TLS library. For diagnosis only, OpenSSL can be told to allow it (UnsafeLegacyServerConnect); do not keep that setting.</source>
        <extracomment>Failure mode C11, remedy</extracomment>
        <translation>Mettez à jour le micrologiciel du serveur ou la bibliothèque TLS. Pour le diagnostic uniquement, OpenSSL peut être configuré pour l&apos;autoriser (UnsafeLegacyServerConnect)&#xa0;; ne conservez pas ce réglage.</translation>
    </message>
    <message>
        <source>No common TLS cipher or curve</source>
        <extracomment>Failure mode C12, title</extracomment>
        <translation>Aucune suite de chiffrement ou courbe TLS commune</translation>
    </message>
    <message>
        <source>Client and server share no cipher suite or key-exchange group, so the handshake fails with handshake_failure. SFCB&apos;s default sslEcDhCurveName=secp224r1 is one known risk.</source>
        <extracomment>Failure mode C12, cause</extracomment>
        <translation>Le client et le serveur n&apos;ont aucune suite de chiffrement ni aucun groupe d&apos;échange de clés en commun&#xa0;; la négociation échoue donc avec handshake_failure. La valeur par défaut de SFCB sslEcDhCurveName=secp224r1 est un risque connu.</translation>
    </message>
    <message>
        <source>Compare the lists cimdiag shows and enable a modern cipher and curve on the server (on SFCB set sslCiphers and sslEcDhCurveName, for example to prime256v1, in sfcb.cfg).</source>
        <extracomment>Failure mode C12, remedy</extracomment>
        <translation>Comparez les listes affichées par cimdiag et activez une suite de chiffrement et une courbe modernes sur le serveur (sur SFCB, définissez sslCiphers et sslEcDhCurveName, par exemple à prime256v1, dans sfcb.cfg).</translation>
    </message>
    <message>
        <source>Server requires a client certificate</source>
        <extracomment>Failure mode C13, title</extracomment>
        <translation>Le serveur exige un certificat client</translation>
    </message>
    <message>
        <source>The server demands a TLS client certificate and closes the handshake without one (SFCB sslClientCertificate=require, OpenPegasus sslClientVerificationMode=required).</source>
        <extracomment>Failure mode C13, cause</extracomment>
        <translation>Le serveur exige un certificat client TLS et interrompt la négociation sans celui-ci (SFCB sslClientCertificate=require, OpenPegasus sslClientVerificationMode=required).</translation>
    </message>
    <message>
        <source>Provide a client certificate the server trusts, or relax the setting on the server (sslClientCertificate=ignore or accept in sfcb.cfg, sslClientVerificationMode=disabled or optional in OpenPegasus).</source>
        <extracomment>Failure mode C13, remedy</extracomment>
        <translation>Fournissez un certificat client auquel le serveur fait confiance, ou assouplissez le réglage sur le serveur (sslClientCertificate=ignore ou accept dans sfcb.cfg, sslClientVerificationMode=disabled ou optional dans OpenPegasus).</translation>
    </message>
    <message>
        <source>Outdated TLS library on the client</source>
        <extracomment>Failure mode C14, title</extracomment>
        <translation>Bibliothèque TLS obsolète sur le client</translation>
    </message>
    <message>
        <source>The client&apos;s OpenSSL is too old for the server&apos;s TLS settings and fails with internal errors such as EC lib.</source>
        <extracomment>Failure mode C14, cause</extracomment>
        <translation>L&apos;OpenSSL du client est trop ancien pour les réglages TLS du serveur et échoue avec des erreurs internes telles que EC lib.</translation>
    </message>
    <message>
        <source>Update OpenSSL (or the client tool that bundles it) on the computer running the client.</source>
        <extracomment>Failure mode C14, remedy</extracomment>
        <translation>Mettez à jour OpenSSL (ou l&apos;outil client qui l&apos;embarque) sur l&apos;ordinateur qui exécute le client.</translation>
    </message>
    <message>
        <source>Wrong user name or password</source>
        <extracomment>Failure mode D1, title</extracomment>
        <translation>Nom d&apos;utilisateur ou mot de passe incorrect</translation>
    </message>
    <message>
        <source>The server rejected the credentials: it answered 401 again after the user name and password were sent.</source>
        <extracomment>Failure mode D1, cause</extracomment>
        <translation>Le serveur a rejeté les identifiants&#xa0;: il a de nouveau répondu 401 après l&apos;envoi du nom d&apos;utilisateur et du mot de passe.</translation>
    </message>
    <message>
        <source>Re-enter the user name and password. On a command line, quote passwords containing $ ! ? or spaces, because the shell changes them.</source>
        <extracomment>Failure mode D1, remedy</extracomment>
        <translation>Saisissez à nouveau le nom d&apos;utilisateur et le mot de passe. En ligne de commande, mettez entre guillemets les mots de passe contenant $ ! ? ou des espaces, car le shell les modifie.</translation>
    </message>
    <message>
        <source>User lacks the CIM privilege on ESXi</source>
        <extracomment>Failure mode D2, title</extracomment>
        <translation>L&apos;utilisateur n&apos;a pas le privilège CIM sur ESXi</translation>
    </message>
    <message>
        <source>ESXi accepts the password but only root or users whose role has the CIM privilege may use CIM, so the server answers 401 for other accounts.</source>
        <extracomment>Failure mode D2, cause</extracomment>
        <translation>ESXi accepte le mot de passe, mais seuls root et les utilisateurs dont le rôle a le privilège CIM peuvent utiliser CIM&#xa0;; le serveur répond donc 401 pour les autres comptes.</translation>
    </message>
    <message>
        <source>Give the user a role with Host.CIM.CIMInteraction (plus Host.Config.SystemManagement for changes), or use a CIM ticket from vCenter.</source>
        <extracomment>Failure mode D2, remedy</extracomment>
        <translation>Donnez à l&apos;utilisateur un rôle avec Host.CIM.CIMInteraction (plus Host.Config.SystemManagement pour les modifications), ou utilisez un ticket CIM de vCenter.</translation>
    </message>
    <message>
        <source>ESXi lockdown mode rejects logins</source>
        <extracomment>Failure mode D3, title</extracomment>
        <translation>Le mode verrouillage d&apos;ESXi rejette les connexions</translation>
    </message>
    <message>
        <source>The ESXi host is in lockdown mode, so it refuses every local account with 401, root included.</source>
        <extracomment>Failure mode D3, cause</extracomment>
        <translation>L&apos;hôte ESXi est en mode verrouillage&#xa0;: il refuse donc tout compte local avec 401, root compris.</translation>
    </message>
    <message>
        <source>Get a CIM ticket from vCenter (AcquireCimServicesTicket) and use its session ID as both user name and password within 2 minutes, or take the host out of lockdown mode if policy allows.</source>
        <extracomment>Failure mode D3, remedy</extracomment>
        <translation>Obtenez un ticket CIM de vCenter (AcquireCimServicesTicket) et utilisez son ID de session comme nom d&apos;utilisateur et comme mot de passe dans les 2 minutes, ou sortez l&apos;hôte du mode verrouillage si la politique le permet.</translation>
    </message>
    <message>
        <source>OpenPegasus refuses remote root</source>
        <extracomment>Failure mode D4, title</extracomment>
        <translation>OpenPegasus refuse root à distance</translation>
    </message>
    <message>
        <source>OpenPegasus does not allow privileged users such as root to log in over the network unless enableRemotePrivilegedUserAccess is true; it answers 401 with the detail Remote privileged user access is not enabled.</source>
        <extracomment>Failure mode D4, cause</extracomment>
        <translation>OpenPegasus n&apos;autorise pas les utilisateurs privilégiés tels que root à se connecter par le réseau, sauf si enableRemotePrivilegedUserAccess vaut true&#xa0;; il répond 401 avec le détail Remote privileged user access is not enabled.</translation>
    </message>
    <message>
        <source>Use a non-root account, or on the server run cimconfig -s enableRemotePrivilegedUserAccess=true -p and restart cimserver.</source>
        <extracomment>Failure mode D4, remedy</extracomment>
        <translation>Utilisez un compte autre que root, ou sur le serveur exécutez cimconfig -s enableRemotePrivilegedUserAccess=true -p et redémarrez cimserver.</translation>
    </message>
    <message>
        <source>No authentication method in common</source>
        <extracomment>Failure mode D5, title</extracomment>
        <translation>Aucune méthode d&apos;authentification commune</translation>
    </message>
    <message>
        <source>The server&apos;s 401 challenge offers no method the client speaks, for example only Negotiate (Kerberos) and no Basic, so no credentials can work.</source>
        <extracomment>Failure mode D5, cause</extracomment>
        <translation>Le défi 401 du serveur ne propose aucune méthode que le client sait utiliser, par exemple seulement Negotiate (Kerberos) et pas Basic&#xa0;; aucun identifiant ne peut donc fonctionner.</translation>
    </message>
    <message>
        <source>Enable Basic authentication over HTTPS on the server, or use a client that supports the offered method. The diagnosis lists the methods offered.</source>
        <extracomment>Failure mode D5, remedy</extracomment>
        <translation>Activez l&apos;authentification Basic sur HTTPS sur le serveur, ou utilisez un client qui prend en charge la méthode proposée. Le diagnostic liste les méthodes proposées.</translation>
    </message>
    <message>
        <source>Server requires no authentication</source>
        <extracomment>Failure mode D6, title</extracomment>
        <translation>Le serveur n&apos;exige aucune authentification</translation>
    </message>
    <message>
        <source>The server answered without asking for credentials, so anyone who reaches the port can use it; SFCB does this with doBasicAuth=false.</source>
        <extracomment>Failure mode D6, cause</extracomment>
        <translation>Le serveur a répondu sans demander d&apos;identifiants&#xa0;: quiconque atteint le port peut donc l&apos;utiliser&#xa0;; SFCB fait cela avec doBasicAuth=false.</translation>
    </message>
    <message>
        <source>Security finding: enable authentication on the server (doBasicAuth=true in sfcb.cfg, enableAuthentication=true in OpenPegasus) and restrict access to the port.</source>
        <extracomment>Failure mode D6, remedy</extracomment>
        <translation>Constat de sécurité&#xa0;: activez l&apos;authentification sur le serveur (doBasicAuth=true dans sfcb.cfg, enableAuthentication=true dans OpenPegasus) et restreignez l&apos;accès au port.</translation>
    </message>
    <message>
        <source>Password with non-ASCII characters</source>
        <extracomment>Failure mode D7, title</extracomment>
        <translation>Mot de passe avec des caractères non ASCII</translation>
    </message>
    <message>
        <source>Basic authentication does not fix how non-ASCII characters are encoded, so client and server may encode the password differently (UTF-8 or Latin-1) and it is rejected.</source>
        <extracomment>Failure mode D7, cause</extracomment>
        <translation>L&apos;authentification Basic ne fixe pas l&apos;encodage des caractères non ASCII&#xa0;; le client et le serveur peuvent donc encoder le mot de passe différemment (UTF-8 ou Latin-1), et il est rejeté.</translation>
    </message>
    <message>
        <source>Try a password made of ASCII characters only to confirm; if it works, keep an ASCII-only password or use a client that encodes the password as the server expects (UTF-8 or Latin-1).</source>
        <extracomment>Failure mode D7, remedy</extracomment>
        <translation>Essayez un mot de passe composé uniquement de caractères ASCII pour confirmer&#xa0;; si cela fonctionne, gardez un mot de passe uniquement ASCII ou utilisez un client qui encode le mot de passe comme le serveur l&apos;attend (UTF-8 ou Latin-1).</translation>
    </message>
    <message>
        <source>Malformed Authorization header</source>
        <extracomment>Failure mode D8, title</extracomment>
        <translation>En-tête Authorization mal formé</translation>
    </message>
    <message>
        <source>The server could not read the client&apos;s Authorization header and answered 400 (Authorization header error). This is a client bug.</source>
        <extracomment>Failure mode D8, cause</extracomment>
        <translation>Le serveur n&apos;a pas pu lire l&apos;en-tête Authorization du client et a répondu 400 (Authorization header error). Il s&apos;agit d&apos;un bogue du client.</translation>
    </message>
    <message>
        <source>Update or report the client software; check for stray characters in the user name or password settings.</source>
        <extracomment>Failure mode D8, remedy</extracomment>
        <translation>Mettez à jour ou signalez le logiciel client&#xa0;; vérifiez l&apos;absence de caractères parasites dans les réglages du nom d&apos;utilisateur ou du mot de passe.</translation>
    </message>
    <message>
        <source>Access forbidden (403)</source>
        <extracomment>Failure mode D9, title</extracomment>
        <translation>Accès interdit (403)</translation>
    </message>
    <message>
        <source>The answer was 403 Forbidden. OpenPegasus and SFCB do not send this for CIM requests, so another program answers on the port: a proxy, a web interface or a vendor front end.</source>
        <extracomment>Failure mode D9, cause</extracomment>
        <translation>La réponse était 403 Forbidden. OpenPegasus et SFCB n&apos;envoient pas ce code pour les requêtes CIM&#xa0;; un autre programme répond donc sur le port&#xa0;: un proxy, une interface web ou un frontal du fournisseur.</translation>
    </message>
    <message>
        <source>Check that the port really belongs to the CIM server (see the server identification) and whether a proxy or front end blocks you.</source>
        <extracomment>Failure mode D9, remedy</extracomment>
        <translation>Vérifiez que le port appartient bien au serveur CIM (voir l&apos;identification du serveur) et si un proxy ou un frontal vous bloque.</translation>
    </message>
    <message>
        <source>Expect: 100-continue rejected</source>
        <extracomment>Failure mode D10, title</extracomment>
        <translation>Expect: 100-continue rejeté</translation>
    </message>
    <message>
        <source>The client sent an Expect: 100-continue header and SFCB answered 417 Expectation Failed, because it does not support it.</source>
        <extracomment>Failure mode D10, cause</extracomment>
        <translation>Le client a envoyé un en-tête Expect: 100-continue et SFCB a répondu 417 Expectation Failed, car il ne le prend pas en charge.</translation>
    </message>
    <message>
        <source>Configure the client not to send Expect: 100-continue (many HTTP libraries add it for large bodies).</source>
        <extracomment>Failure mode D10, remedy</extracomment>
        <translation>Configurez le client pour qu&apos;il n&apos;envoie pas Expect: 100-continue (de nombreuses bibliothèques HTTP l&apos;ajoutent pour les corps volumineux).</translation>
    </message>
    <message>
        <source>Chunked request body rejected</source>
        <extracomment>Failure mode D11, title</extracomment>
        <translation>Corps de requête fragmenté (chunked) rejeté</translation>
    </message>
    <message>
        <source>The client sent the request body in chunks without a length, and SFCB answered 411 Length Required.</source>
        <extracomment>Failure mode D11, cause</extracomment>
        <translation>Le client a envoyé le corps de la requête par fragments sans longueur, et SFCB a répondu 411 Length Required.</translation>
    </message>
    <message>
        <source>Configure the client to send a Content-Length header instead of chunked transfer encoding.</source>
        <extracomment>Failure mode D11, remedy</extracomment>
        <translation>Configurez le client pour qu&apos;il envoie un en-tête Content-Length au lieu d&apos;un encodage de transfert chunked.</translation>
    </message>
    <message>
        <source>Request rejected as malformed (plain 400)</source>
        <extracomment>Failure mode D12, title</extracomment>
        <translation>Requête rejetée comme mal formée (400 simple)</translation>
    </message>
    <message>
        <source>The server answered 400 without a CIM error: a required HTTP header was missing or wrong, such as Host, a Content-Type other than application/xml or text/xml with charset utf-8, or the CIMOperation header.</source>
        <extracomment>Failure mode D12, cause</extracomment>
        <translation>Le serveur a répondu 400 sans erreur CIM&#xa0;: un en-tête HTTP requis manquait ou était incorrect, comme Host, un Content-Type autre que application/xml ou text/xml avec charset utf-8, ou l&apos;en-tête CIMOperation.</translation>
    </message>
    <message>
        <source>A client problem: update or report the client; the diagnosis shows the headers sent.</source>
        <extracomment>Failure mode D12, remedy</extracomment>
        <translation>Problème du client&#xa0;: mettez à jour ou signalez le client&#xa0;; le diagnostic affiche les en-têtes envoyés.</translation>
    </message>
    <message>
        <source>CIM operation header not accepted</source>
        <extracomment>Failure mode D13, title</extracomment>
        <translation>En-tête d&apos;opération CIM non accepté</translation>
    </message>
    <message>
        <source>The server answered 400 with CIMError unsupported-operation: the CIMOperation header did not say MethodCall.</source>
        <extracomment>Failure mode D13, cause</extracomment>
        <translation>Le serveur a répondu 400 avec CIMError unsupported-operation&#xa0;: l&apos;en-tête CIMOperation n&apos;indiquait pas MethodCall.</translation>
    </message>
    <message>
        <source>A client bug: update or report the client.</source>
        <extracomment>Failure mode D13, remedy</extracomment>
        <translation>Bogue du client&#xa0;: mettez à jour ou signalez le client.</translation>
    </message>
    <message>
        <source>CIM headers do not match the request</source>
        <extracomment>Failure mode D14, title</extracomment>
        <translation>Les en-têtes CIM ne correspondent pas à la requête</translation>
    </message>
    <message>
        <source>The server answered 400 with CIMError header-mismatch: CIMMethod or CIMObject is missing or differs from the XML body, or the protocol versions disagree.</source>
        <extracomment>Failure mode D14, cause</extracomment>
        <translation>Le serveur a répondu 400 avec CIMError header-mismatch&#xa0;: CIMMethod ou CIMObject manque ou diffère du corps XML, ou les versions de protocole ne concordent pas.</translation>
    </message>
    <message>
        <source>A client bug: compare the headers with the body (the diagnosis shows both) and report it to the client&apos;s maintainer.</source>
        <extracomment>Failure mode D14, remedy</extracomment>
        <translation>Bogue du client&#xa0;: comparez les en-têtes avec le corps (le diagnostic affiche les deux) et signalez-le au mainteneur du client.</translation>
    </message>
    <message>
        <source>Request body not valid CIM-XML</source>
        <extracomment>Failure mode D15, title</extracomment>
        <translation>Le corps de la requête n&apos;est pas du CIM-XML valide</translation>
    </message>
    <message>
        <source>The server answered 400 with CIMError request-not-valid or request-not-well-formed: the XML is broken or not valid CIM-XML, for example a namespace written with a leading slash.</source>
        <extracomment>Failure mode D15, cause</extracomment>
        <translation>Le serveur a répondu 400 avec CIMError request-not-valid ou request-not-well-formed&#xa0;: le XML est cassé ou n&apos;est pas du CIM-XML valide, par exemple un espace de noms écrit avec une barre oblique initiale.</translation>
    </message>
    <message>
        <source>Write namespaces without leading or trailing slashes (root/cimv2); otherwise update or report the client.</source>
        <extracomment>Failure mode D15, remedy</extracomment>
        <translation>Écrivez les espaces de noms sans barre oblique initiale ni finale (root/cimv2)&#xa0;; sinon, mettez à jour ou signalez le client.</translation>
    </message>
    <message>
        <source>Protocol or version not supported</source>
        <extracomment>Failure mode D16, title</extracomment>
        <translation>Protocole ou version non pris en charge</translation>
    </message>
    <message>
        <source>The server answered 501 with a CIMError such as unsupported-protocol-version, unsupported-cim-version, unsupported-dtd-version or multiple-requests-unsupported.</source>
        <extracomment>Failure mode D16, cause</extracomment>
        <translation>Le serveur a répondu 501 avec une CIMError telle que unsupported-protocol-version, unsupported-cim-version, unsupported-dtd-version ou multiple-requests-unsupported.</translation>
    </message>
    <message>
        <source>Use a client that sends CIMVERSION 2.0, DTDVERSION 2.0, PROTOCOLVERSION 1.0 and one request per message (no batching).</source>
        <extracomment>Failure mode D16, remedy</extracomment>
        <translation>Utilisez un client qui envoie CIMVERSION 2.0, DTDVERSION 2.0, PROTOCOLVERSION 1.0 et une requête par message (pas de regroupement).</translation>
    </message>
    <message>
        <source>M-POST not accepted</source>
        <extracomment>Failure mode D17, title</extracomment>
        <translation>M-POST non accepté</translation>
    </message>
    <message>
        <source>The server rejected the M-POST method (501, 510 or 405). Some servers accept only POST.</source>
        <extracomment>Failure mode D17, cause</extracomment>
        <translation>Le serveur a rejeté la méthode M-POST (501, 510 ou 405). Certains serveurs n&apos;acceptent que POST.</translation>
    </message>
    <message>
        <source>Send the request with POST; most clients fall back automatically.</source>
        <extracomment>Failure mode D17, remedy</extracomment>
        <translation>Envoyez la requête avec POST&#xa0;; la plupart des clients se replient automatiquement.</translation>
    </message>
    <message>
        <source>Not a CIM server on this port</source>
        <extracomment>Failure mode D18, title</extracomment>
        <translation>Pas de serveur CIM sur ce port</translation>
    </message>
    <message>
        <source>Something answers on the port but it is not a CIM server: the reply is a web page or lacks the CIMOperation: MethodResponse header.</source>
        <extracomment>Failure mode D18, cause</extracomment>
        <translation>Quelque chose répond sur le port, mais ce n&apos;est pas un serveur CIM&#xa0;: la réponse est une page web ou l&apos;en-tête CIMOperation: MethodResponse est absent.</translation>
    </message>
    <message>
        <source>Check the port number and which service listens there; CIM-XML normally uses 5988 (http) and 5989 (https).</source>
        <extracomment>Failure mode D18, remedy</extracomment>
        <translation>Vérifiez le numéro de port et le service qui y écoute&#xa0;; CIM-XML utilise normalement 5988 (http) et 5989 (https).</translation>
    </message>
    <message>
        <source>CIM server unavailable</source>
        <extracomment>Failure mode D19, title</extracomment>
        <translation>Serveur CIM indisponible</translation>
    </message>
    <message>
        <source>The server answered 503 Service Unavailable or CIM status 28: it is shutting down, starting up or overloaded.</source>
        <extracomment>Failure mode D19, cause</extracomment>
        <translation>Le serveur a répondu 503 Service Unavailable ou le statut CIM 28&#xa0;: il est en cours d&apos;arrêt, de démarrage ou surchargé.</translation>
    </message>
    <message>
        <source>Wait and retry later (respect Retry-After when given); if it persists, check or restart the CIM service.</source>
        <extracomment>Failure mode D19, remedy</extracomment>
        <translation>Patientez et réessayez plus tard (respectez Retry-After s&apos;il est fourni)&#xa0;; si le problème persiste, vérifiez ou redémarrez le service CIM.</translation>
    </message>
    <message>
        <source>Credentials sent without encryption</source>
        <extracomment>Failure mode D20, title</extracomment>
        <translation>Identifiants envoyés sans chiffrement</translation>
    </message>
    <message>
        <source>With http:// the Basic credentials cross the network only base64-encoded, so anyone on the path can read the user name and password. cimdiag extends the catalogue with this id.</source>
        <extracomment>Failure mode D20, cause</extracomment>
        <translation>Avec http://, les identifiants Basic traversent le réseau simplement encodés en base64&#xa0;: quiconque se trouve sur le chemin peut lire le nom d&apos;utilisateur et le mot de passe. cimdiag ajoute cet identifiant au catalogue.</translation>
    </message>
    <message>
        <source>Use https on port 5989. Then close the plain port: on OpenPegasus cimconfig -s enableHttpConnection=false -p, on ESXi turn the CIMHttpServer firewall ruleset off (esxcli network firewall ruleset set -r CIMHttpServer -e false).</source>
        <extracomment>Failure mode D20, remedy</extracomment>
        <translation>Utilisez https sur le port 5989. Fermez ensuite le port non chiffré&#xa0;: sur OpenPegasus, cimconfig -s enableHttpConnection=false -p&#xa0;; sur ESXi, désactivez le jeu de règles de pare-feu CIMHttpServer (esxcli network firewall ruleset set -r CIMHttpServer -e false).</translation>
    </message>
    <message>
        <source>Wrong interop namespace</source>
        <extracomment>Failure mode E1, title</extracomment>
        <translation>Espace de noms interop incorrect</translation>
    </message>
    <message>
        <source>The server does not know the interop namespace that was asked for (CIM_ERR_INVALID_NAMESPACE). Servers use different names: interop, root/interop (SFCB, ESXi) or root/PG_InterOp (OpenPegasus).</source>
        <extracomment>Failure mode E1, cause</extracomment>
        <translation>Le serveur ne connaît pas l&apos;espace de noms interop demandé (CIM_ERR_INVALID_NAMESPACE). Les serveurs utilisent des noms différents&#xa0;: interop, root/interop (SFCB, ESXi) ou root/PG_InterOp (OpenPegasus).</translation>
    </message>
    <message>
        <source>Use the interop namespace cimdiag discovered, spelled as the server reports it.</source>
        <extracomment>Failure mode E1, remedy</extracomment>
        <translation>Utilisez l&apos;espace de noms interop découvert par cimdiag, écrit comme le serveur l&apos;indique.</translation>
    </message>
    <message>
        <source>Namespace not listed by the server</source>
        <extracomment>Failure mode E2, title</extracomment>
        <translation>Espace de noms non listé par le serveur</translation>
    </message>
    <message>
        <source>The namespace works but does not appear in the server&apos;s CIM_Namespace list, a harmless inconsistency of some servers.</source>
        <extracomment>Failure mode E2, cause</extracomment>
        <translation>L&apos;espace de noms fonctionne mais n&apos;apparaît pas dans la liste CIM_Namespace du serveur, une incohérence sans gravité de certains serveurs.</translation>
    </message>
    <message>
        <source>Nothing to fix; use the namespace directly. Report it to the vendor if tools depend on the list.</source>
        <extracomment>Failure mode E2, remedy</extracomment>
        <translation>Rien à corriger&#xa0;; utilisez directement l&apos;espace de noms. Signalez-le au fournisseur si des outils dépendent de la liste.</translation>
    </message>
    <message>
        <source>Class not found in the namespace</source>
        <extracomment>Failure mode E3, title</extracomment>
        <translation>Classe introuvable dans l&apos;espace de noms</translation>
    </message>
    <message>
        <source>The server answered CIM_ERR_INVALID_CLASS: the class does not exist in this namespace. Vendor classes often live in vendor namespaces such as root/ibm or root/ontap, or the provider is not installed.</source>
        <extracomment>Failure mode E3, cause</extracomment>
        <translation>Le serveur a répondu CIM_ERR_INVALID_CLASS&#xa0;: la classe n&apos;existe pas dans cet espace de noms. Les classes des fournisseurs se trouvent souvent dans des espaces de noms propres comme root/ibm ou root/ontap, ou le fournisseur n&apos;est pas installé.</translation>
    </message>
    <message>
        <source>Find the right namespace through the registered profiles (CIM_RegisteredProfile in the interop namespace), or install the vendor provider.</source>
        <extracomment>Failure mode E3, remedy</extracomment>
        <translation>Trouvez le bon espace de noms via les profils enregistrés (CIM_RegisteredProfile dans l&apos;espace de noms interop), ou installez le fournisseur du constructeur.</translation>
    </message>
    <message>
        <source>Operation not supported</source>
        <extracomment>Failure mode E4, title</extracomment>
        <translation>Opération non prise en charge</translation>
    </message>
    <message>
        <source>The server answered CIM_ERR_NOT_SUPPORTED, for example for pull operations (OpenEnumerateInstances) on older servers.</source>
        <extracomment>Failure mode E4, cause</extracomment>
        <translation>Le serveur a répondu CIM_ERR_NOT_SUPPORTED, par exemple pour les opérations pull (OpenEnumerateInstances) sur les serveurs anciens.</translation>
    </message>
    <message>
        <source>Use the traditional operation instead (EnumerateInstances instead of the pull operations); most clients fall back automatically.</source>
        <extracomment>Failure mode E4, remedy</extracomment>
        <translation>Utilisez plutôt l&apos;opération traditionnelle (EnumerateInstances au lieu des opérations pull)&#xa0;; la plupart des clients se replient automatiquement.</translation>
    </message>
    <message>
        <source>Old SFCB misreports pull operations</source>
        <extracomment>Failure mode E5, title</extracomment>
        <translation>Les anciens SFCB signalent mal les opérations pull</translation>
    </message>
    <message>
        <source>SFCB before 1.4.5 answers pull operations with CIM_ERR_FAILED instead of CIM_ERR_NOT_SUPPORTED, so clients do not know they should fall back.</source>
        <extracomment>Failure mode E5, cause</extracomment>
        <translation>SFCB avant 1.4.5 répond aux opérations pull par CIM_ERR_FAILED au lieu de CIM_ERR_NOT_SUPPORTED&#xa0;; les clients ne savent donc pas qu&apos;ils doivent se replier.</translation>
    </message>
    <message>
        <source>Use the traditional operations with this server, or update SFCB.</source>
        <extracomment>Failure mode E5, remedy</extracomment>
        <translation>Utilisez les opérations traditionnelles avec ce serveur, ou mettez à jour SFCB.</translation>
    </message>
    <message>
        <source>Access denied to the data</source>
        <extracomment>Failure mode E6, title</extracomment>
        <translation>Accès aux données refusé</translation>
    </message>
    <message>
        <source>The login worked but the server answered CIM_ERR_ACCESS_DENIED: the account has no rights on this namespace or class.</source>
        <extracomment>Failure mode E6, cause</extracomment>
        <translation>La connexion a réussi, mais le serveur a répondu CIM_ERR_ACCESS_DENIED&#xa0;: le compte n&apos;a pas de droits sur cet espace de noms ou cette classe.</translation>
    </message>
    <message>
        <source>Grant the user rights on the namespace (OpenPegasus: cimauth -a -u USER -n NAMESPACE -R -W), or use an account that has them.</source>
        <extracomment>Failure mode E6, remedy</extracomment>
        <translation>Accordez à l&apos;utilisateur des droits sur l&apos;espace de noms (OpenPegasus&#xa0;: cimauth -a -u USER -n NAMESPACE -R -W), ou utilisez un compte qui les possède.</translation>
    </message>
    <message>
        <source>No data returned</source>
        <extracomment>Failure mode E7, title</extracomment>
        <translation>Aucune donnée renvoyée</translation>
    </message>
    <message>
        <source>The request succeeded but returned no instances. Usually the vendor provider or VIB that supplies the data is missing, or the account may not see it.</source>
        <extracomment>Failure mode E7, cause</extracomment>
        <translation>La requête a réussi mais n&apos;a renvoyé aucune instance. En général, le fournisseur ou le VIB qui fournit les données manque, ou le compte n&apos;a pas le droit de les voir.</translation>
    </message>
    <message>
        <source>Install the vendor&apos;s CIM provider (on ESXi the vendor VIB) and check the account&apos;s rights.</source>
        <extracomment>Failure mode E7, remedy</extracomment>
        <translation>Installez le fournisseur CIM du constructeur (sur ESXi, le VIB du constructeur) et vérifiez les droits du compte.</translation>
    </message>
    <message>
        <source>Server answers too slowly</source>
        <extracomment>Failure mode E8, title</extracomment>
        <translation>Le serveur répond trop lentement</translation>
    </message>
    <message>
        <source>The server needs longer than the client&apos;s timeout, usually because a provider is slow; compare WBEMServerResponseTime with the round trip.</source>
        <extracomment>Failure mode E8, cause</extracomment>
        <translation>Le serveur met plus de temps que le délai d&apos;attente du client, généralement parce qu&apos;un fournisseur est lent&#xa0;; comparez WBEMServerResponseTime avec l&apos;aller-retour.</translation>
    </message>
    <message>
        <source>Raise the client timeout, ask for fewer properties (property lists), or use pull operations to get the data in pieces.</source>
        <extracomment>Failure mode E8, remedy</extracomment>
        <translation>Augmentez le délai d&apos;attente du client, demandez moins de propriétés (listes de propriétés), ou utilisez les opérations pull pour obtenir les données par morceaux.</translation>
    </message>
    <message>
        <source>Response too large for the server</source>
        <extracomment>Failure mode E9, title</extracomment>
        <translation>Réponse trop volumineuse pour le serveur</translation>
    </message>
    <message>
        <source>The server refused because the answer would exceed its limits (CIM_ERR_SERVER_LIMITS_EXCEEDED), for example OpenPegasus pullOperationsMaxObjectCount or SFCB maxMsgLen.</source>
        <extracomment>Failure mode E9, cause</extracomment>
        <translation>Le serveur a refusé car la réponse dépasserait ses limites (CIM_ERR_SERVER_LIMITS_EXCEEDED), par exemple OpenPegasus pullOperationsMaxObjectCount ou SFCB maxMsgLen.</translation>
    </message>
    <message>
        <source>Use pull operations with a smaller MaxObjectCount, or narrow the request; administrators can raise the limit on the server.</source>
        <extracomment>Failure mode E9, remedy</extracomment>
        <translation>Utilisez les opérations pull avec un MaxObjectCount plus petit, ou restreignez la requête&#xa0;; les administrateurs peuvent relever la limite sur le serveur.</translation>
    </message>
    <message>
        <source>Error reported in the middle of the reply</source>
        <extracomment>Failure mode E10, title</extracomment>
        <translation>Erreur signalée au milieu de la réponse</translation>
    </message>
    <message>
        <source>The server started a successful chunked reply and reported a CIM error at the end, in HTTP trailers (CIMStatusCode), which clients that ignore trailers miss.</source>
        <extracomment>Failure mode E10, cause</extracomment>
        <translation>Le serveur a commencé une réponse chunked réussie et a signalé une erreur CIM à la fin, dans les trailers HTTP (CIMStatusCode), ce que manquent les clients qui ignorent les trailers.</translation>
    </message>
    <message>
        <source>Use a client that reads HTTP trailers, or one that does not send TE: trailers so the server reports errors up front.</source>
        <extracomment>Failure mode E10, remedy</extracomment>
        <translation>Utilisez un client qui lit les trailers HTTP, ou un client qui n&apos;envoie pas TE: trailers afin que le serveur signale les erreurs d&apos;emblée.</translation>
    </message>
    <message>
        <source>Unstable ESXi CIM service</source>
        <extracomment>Failure mode E11, title</extracomment>
        <translation>Service CIM d&apos;ESXi instable</translation>
    </message>
    <message>
        <source>The ESXi CIM service (sfcbd) resets connections, hangs or returns stale data. CIM is deprecated on ESXi 8.0U3 and will be removed.</source>
        <extracomment>Failure mode E11, cause</extracomment>
        <translation>Le service CIM d&apos;ESXi (sfcbd) réinitialise les connexions, se bloque ou renvoie des données périmées. CIM est déprécié sur ESXi 8.0U3 et sera supprimé.</translation>
    </message>
    <message>
        <source>Restart it with /etc/init.d/sfcbd-watchdog restart, clear a full IPMI event log (localcli hardware ipmi sel clear), and plan a move to another management interface.</source>
        <extracomment>Failure mode E11, remedy</extracomment>
        <translation>Redémarrez-le avec /etc/init.d/sfcbd-watchdog restart, videz un journal d&apos;événements IPMI plein (localcli hardware ipmi sel clear) et prévoyez de passer à une autre interface de gestion.</translation>
    </message>
    <message>
        <source>Reply is not valid CIM-XML</source>
        <extracomment>Failure mode E12, title</extracomment>
        <translation>La réponse n&apos;est pas du CIM-XML valide</translation>
    </message>
    <message>
        <source>The server answered, but the body is not valid CIM-XML: an unescaped character, invalid UTF-8, an undefined entity or a wrong element, usually written by one provider for one class. cimdiag extends the catalogue with this id.</source>
        <extracomment>Failure mode E12, cause</extracomment>
        <translation>Le serveur a répondu, mais le corps n&apos;est pas du CIM-XML valide&#xa0;: un caractère non échappé, de l&apos;UTF-8 invalide, une entité non définie ou un élément incorrect, généralement écrit par un fournisseur pour une classe. cimdiag ajoute cet identifiant au catalogue.</translation>
    </message>
    <message>
        <source>The error names the element path, line and column. Enumerate narrower classes or with a property list to find the provider, update or disable it, and send the capture (cimdiag-cli decode shows the same error) to the vendor.</source>
        <extracomment>Failure mode E12, remedy</extracomment>
        <translation>L&apos;erreur indique le chemin de l&apos;élément, la ligne et la colonne. Énumérez des classes plus restreintes ou avec une liste de propriétés pour trouver le fournisseur, mettez-le à jour ou désactivez-le, et envoyez la capture (cimdiag-cli decode affiche la même erreur) au fournisseur.</translation>
    </message>
    <message>
        <source>Firewall blocks indications to this computer</source>
        <extracomment>Failure mode F1, title</extracomment>
        <translation>Un pare-feu bloque les indications vers cet ordinateur</translation>
    </message>
    <message>
        <source>The subscription was created but no indication ever arrives, because a firewall in front of this computer blocks the incoming connection.</source>
        <extracomment>Failure mode F1, cause</extracomment>
        <translation>L&apos;abonnement a été créé mais aucune indication n&apos;arrive, car un pare-feu devant cet ordinateur bloque la connexion entrante.</translation>
    </message>
    <message>
        <source>Allow incoming TCP on the listener port in the local (and network) firewall.</source>
        <extracomment>Failure mode F1, remedy</extracomment>
        <translation>Autorisez le TCP entrant sur le port de l&apos;écouteur dans le pare-feu local (et réseau).</translation>
    </message>
    <message>
        <source>Server firewall blocks outgoing indications</source>
        <extracomment>Failure mode F2, title</extracomment>
        <translation>Le pare-feu du serveur bloque les indications sortantes</translation>
    </message>
    <message>
        <source>The server cannot connect out to the listener: the ESXi firewall blocks outgoing connections by default and the CIM server opens the port only for its subscriptions.</source>
        <extracomment>Failure mode F2, cause</extracomment>
        <translation>Le serveur ne peut pas se connecter à l&apos;écouteur&#xa0;: le pare-feu d&apos;ESXi bloque les connexions sortantes par défaut et le serveur CIM n&apos;ouvre le port que pour ses abonnements.</translation>
    </message>
    <message>
        <source>Check the server&apos;s outgoing rules; on ESXi look at esxcli network firewall ruleset list and allow the listener port.</source>
        <extracomment>Failure mode F2, remedy</extracomment>
        <translation>Vérifiez les règles sortantes du serveur&#xa0;; sur ESXi, consultez esxcli network firewall ruleset list et autorisez le port de l&apos;écouteur.</translation>
    </message>
    <message>
        <source>Listener address unreachable from the server</source>
        <extracomment>Failure mode F3, title</extracomment>
        <translation>Adresse de l&apos;écouteur inaccessible depuis le serveur</translation>
    </message>
    <message>
        <source>The listener address in the subscription does not work from the server: a name it cannot resolve, a private address behind NAT or VPN, the wrong network interface, or localhost.</source>
        <extracomment>Failure mode F3, cause</extracomment>
        <translation>L&apos;adresse de l&apos;écouteur dans l&apos;abonnement ne fonctionne pas depuis le serveur&#xa0;: un nom qu&apos;il ne peut pas résoudre, une adresse privée derrière un NAT ou un VPN, la mauvaise interface réseau, ou localhost.</translation>
    </message>
    <message>
        <source>Use an address of this computer that the server can reach, such as the local address of the connection to the server; avoid NAT and private addresses the server cannot route to.</source>
        <extracomment>Failure mode F3, remedy</extracomment>
        <translation>Utilisez une adresse de cet ordinateur que le serveur peut atteindre, comme l&apos;adresse locale de la connexion au serveur&#xa0;; évitez le NAT et les adresses privées que le serveur ne peut pas router.</translation>
    </message>
    <message>
        <source>Server rejects the listener&apos;s certificate</source>
        <extracomment>Failure mode F4, title</extracomment>
        <translation>Le serveur rejette le certificat de l&apos;écouteur</translation>
    </message>
    <message>
        <source>The server delivers to an HTTPS listener only if it trusts the listener&apos;s certificate (SFCB sslIndicationReceiverCert=verify), so deliveries are dropped.</source>
        <extracomment>Failure mode F4, cause</extracomment>
        <translation>Le serveur ne livre à un écouteur HTTPS que s&apos;il fait confiance au certificat de l&apos;écouteur (SFCB sslIndicationReceiverCert=verify)&#xa0;; les livraisons sont donc abandonnées.</translation>
    </message>
    <message>
        <source>Use an http listener for the test, or add the listener&apos;s certificate or CA to the server&apos;s trust store.</source>
        <extracomment>Failure mode F4, remedy</extracomment>
        <translation>Utilisez un écouteur http pour le test, ou ajoutez le certificat de l&apos;écouteur ou son autorité de certification au magasin de confiance du serveur.</translation>
    </message>
    <message>
        <source>Listener rejects the delivered indication</source>
        <extracomment>Failure mode F5, title</extracomment>
        <translation>L&apos;écouteur rejette l&apos;indication livrée</translation>
    </message>
    <message>
        <source>The indication reached the listener but was refused as malformed or unsupported (405, 406, 400 or 501), for example an M-POST or an unexpected content type.</source>
        <extracomment>Failure mode F5, cause</extracomment>
        <translation>L&apos;indication a atteint l&apos;écouteur mais a été refusée comme mal formée ou non prise en charge (405, 406, 400 ou 501), par exemple un M-POST ou un type de contenu inattendu.</translation>
    </message>
    <message>
        <source>Use a listener that accepts POST and M-POST with text/xml and application/xml, or report the mismatch to the server vendor.</source>
        <extracomment>Failure mode F5, remedy</extracomment>
        <translation>Utilisez un écouteur qui accepte POST et M-POST avec text/xml et application/xml, ou signalez l&apos;incompatibilité au fournisseur du serveur.</translation>
    </message>
    <message>
        <source>Subscription disabled after failed deliveries</source>
        <extracomment>Failure mode F6, title</extracomment>
        <translation>Abonnement désactivé après des échecs de livraison</translation>
    </message>
    <message>
        <source>After delivery failures the server disabled or removed the subscription, depending on its OnFatalErrorPolicy; SFCB, for example, retries three times 20 seconds apart.</source>
        <extracomment>Failure mode F6, cause</extracomment>
        <translation>Après des échecs de livraison, le serveur a désactivé ou supprimé l&apos;abonnement, selon son OnFatalErrorPolicy&#xa0;; SFCB, par exemple, réessaie trois fois à 20 secondes d&apos;intervalle.</translation>
    </message>
    <message>
        <source>Fix the delivery problem, then re-enable or re-create the subscription; check its SubscriptionState.</source>
        <extracomment>Failure mode F6, remedy</extracomment>
        <translation>Corrigez le problème de livraison, puis réactivez ou recréez l&apos;abonnement&#xa0;; vérifiez son SubscriptionState.</translation>
    </message>
    <message>
        <source>Subscription could not be created</source>
        <extracomment>Failure mode F7, title</extracomment>
        <translation>Impossible de créer l&apos;abonnement</translation>
    </message>
    <message>
        <source>The server refused to create the filter, destination or subscription: its limits are reached (SFCB allows 100 by default), the user is not privileged (OpenPegasus), the filter query is invalid, or the namespace is wrong.</source>
        <extracomment>Failure mode F7, cause</extracomment>
        <translation>Le serveur a refusé de créer le filtre, la destination ou l&apos;abonnement&#xa0;: ses limites sont atteintes (SFCB en autorise 100 par défaut), l&apos;utilisateur n&apos;est pas privilégié (OpenPegasus), la requête du filtre est invalide ou l&apos;espace de noms est incorrect.</translation>
    </message>
    <message>
        <source>Remove leftover subscriptions, use a privileged account, check the query, and create them in the interop namespace.</source>
        <extracomment>Failure mode F7, remedy</extracomment>
        <translation>Supprimez les abonnements résiduels, utilisez un compte privilégié, vérifiez la requête et créez-les dans l&apos;espace de noms interop.</translation>
    </message>
    <message>
        <source>Nothing to deliver</source>
        <extracomment>Failure mode F8, title</extracomment>
        <translation>Rien à livrer</translation>
    </message>
    <message>
        <source>The subscription works but the server produces no indications. ESXi hardware alerts come from IPMI event log (SEL) entries, and a full SEL stops them.</source>
        <extracomment>Failure mode F8, cause</extracomment>
        <translation>L&apos;abonnement fonctionne mais le serveur ne produit aucune indication. Les alertes matérielles d&apos;ESXi proviennent des entrées du journal d&apos;événements IPMI (SEL), et un SEL plein les arrête.</translation>
    </message>
    <message>
        <source>Clear the IPMI event log on ESXi with localcli hardware ipmi sel clear, and check that the vendor provider generates alerts.</source>
        <extracomment>Failure mode F8, remedy</extracomment>
        <translation>Videz le journal d&apos;événements IPMI sur ESXi avec localcli hardware ipmi sel clear, et vérifiez que le fournisseur du constructeur génère des alertes.</translation>
    </message>
    <message>
        <source>No standard test indication</source>
        <extracomment>Failure mode F9, title</extracomment>
        <translation>Pas d&apos;indication de test standard</translation>
    </message>
    <message>
        <source>CIM has no standard way to make a server send a test indication; OpenPegasus offers one only in test builds.</source>
        <extracomment>Failure mode F9, cause</extracomment>
        <translation>CIM n&apos;offre aucun moyen standard de faire envoyer une indication de test par un serveur&#xa0;; OpenPegasus n&apos;en propose une que dans les versions de test.</translation>
    </message>
    <message>
        <source>Use a test mechanism the server offers; otherwise cimdiag proves the path with a listener self-test and a reachability check.</source>
        <extracomment>Failure mode F9, remedy</extracomment>
        <translation>Utilisez un mécanisme de test proposé par le serveur&#xa0;; sinon, cimdiag prouve le chemin avec un autotest de l&apos;écouteur et une vérification d&apos;accessibilité.</translation>
    </message>
    <message>
        <source>Indication listener overloaded</source>
        <extracomment>Failure mode F10, title</extracomment>
        <translation>Écouteur d&apos;indications surchargé</translation>
    </message>
    <message>
        <source>Indications arrive faster than the listener processes them and its queue is full, so some are dropped.</source>
        <extracomment>Failure mode F10, cause</extracomment>
        <translation>Les indications arrivent plus vite que l&apos;écouteur ne les traite et sa file d&apos;attente est pleine&#xa0;; certaines sont donc abandonnées.</translation>
    </message>
    <message>
        <source>Process indications faster or in a separate worker, or narrow the subscription filters.</source>
        <extracomment>Failure mode F10, remedy</extracomment>
        <translation>Traitez les indications plus vite ou dans un processus de travail séparé, ou restreignez les filtres d&apos;abonnement.</translation>
    </message>
    <message>
        <source>Stale subscriptions use up the server&apos;s limits</source>
        <extracomment>Failure mode F11, title</extracomment>
        <translation>Des abonnements périmés épuisent les limites du serveur</translation>
    </message>
    <message>
        <source>Old subscriptions from other tools point to listeners that no longer exist; they keep failing and count against the server&apos;s subscription limits.</source>
        <extracomment>Failure mode F11, cause</extracomment>
        <translation>D&apos;anciens abonnements d&apos;autres outils pointent vers des écouteurs qui n&apos;existent plus&#xa0;; ils échouent sans cesse et comptent dans les limites d&apos;abonnements du serveur.</translation>
    </message>
    <message>
        <source>List the subscriptions and remove the stale ones (only ones you own or are sure are dead).</source>
        <extracomment>Failure mode F11, remedy</extracomment>
        <translation>Listez les abonnements et supprimez les abonnements périmés (uniquement ceux qui vous appartiennent ou dont vous êtes sûr qu&apos;ils sont morts).</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpCheck</name>
    <message>
        <source>Sending an unauthenticated CIM-XML request to %1 (%2)</source>
        <translation>Envoi d&apos;une requête CIM-XML non authentifiée à %1 (%2)</translation>
    </message>
    <message>
        <source>Request (a)</source>
        <translation>Requête (a)</translation>
    </message>
    <message>
        <source>Request (b), with Expect: 100-continue</source>
        <extracomment>&quot;Expect: 100-continue&quot; is an HTTP header line: keep it as it is.</extracomment>
        <translation>Requête (b), avec Expect: 100-continue</translation>
    </message>
    <message>
        <source>Reply to (a)</source>
        <translation>Réponse à (a)</translation>
    </message>
    <message>
        <source>Reply to (b)</source>
        <translation>Réponse à (b)</translation>
    </message>
    <message>
        <source>no connection: %1 (%2)</source>
        <translation>pas de connexion&#xa0;: %1 (%2)</translation>
    </message>
    <message>
        <source>TLS error: %1</source>
        <translation>erreur TLS&#xa0;: %1</translation>
    </message>
    <message>
        <source>no reply within %1 ms</source>
        <translation>aucune réponse en %1 ms</translation>
    </message>
    <message>
        <source>connection closed before a reply (%1)</source>
        <translation>connexion fermée avant une réponse (%1)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>no HTTP reply</source>
        <translation>aucune réponse HTTP</translation>
    </message>
    <message>
        <source>
first bytes: %1</source>
        <translation>
premiers octets&#xa0;: %1</translation>
    </message>
    <message>
        <source>
(first byte after %1 ms, total %2 ms)</source>
        <translation>
(premier octet après %1 ms, total %2 ms)</translation>
    </message>
    <message>
        <source>
client certificate not sent: %1</source>
        <translation>
certificat client non envoyé&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpDiagnosis</name>
    <message>
        <source>Could not connect to port %1 for the HTTP request: %2</source>
        <translation>Impossible de se connecter au port %1 pour la requête HTTP&#xa0;: %2</translation>
    </message>
    <message>
        <source>The TCP stage could connect a moment ago; the server or a firewall changed its mind.</source>
        <translation>L&apos;étape TCP a pu se connecter il y a un instant&#xa0;; le serveur ou un pare-feu a changé d&apos;avis.</translation>
    </message>
    <message>
        <source>TLS failed for the HTTP request: %1</source>
        <translation>Échec de TLS pour la requête HTTP&#xa0;: %1</translation>
    </message>
    <message>
        <source>The client certificate was not sent: %1</source>
        <translation>Le certificat client n&apos;a pas été envoyé&#xa0;: %1</translation>
    </message>
    <message>
        <source>The TLS stage reports the handshake in detail.</source>
        <translation>L&apos;étape TLS détaille la négociation.</translation>
    </message>
    <message>
        <source>Port %1 speaks TLS, not plain HTTP: use %2</source>
        <translation>Le port %1 parle TLS, pas HTTP simple&#xa0;: utilisez %2</translation>
    </message>
    <message>
        <source>The reply to the plain HTTP request starts with a TLS record header.</source>
        <translation>La réponse à la requête HTTP simple commence par un en-tête d&apos;enregistrement TLS.</translation>
    </message>
    <message>
        <source>Port %1 closed the connection without a reply to plain HTTP (%2): it probably speaks TLS; try %3</source>
        <translation>Le port %1 a fermé la connexion sans répondre au HTTP simple (%2)&#xa0;: il parle probablement TLS&#xa0;; essayez %3</translation>
    </message>
    <message>
        <source>If https:// fails too, the CIM server accepts connections and then drops them (B5): restart it.</source>
        <translation>Si https:// échoue aussi, le serveur CIM accepte les connexions puis les abandonne (B5)&#xa0;: redémarrez-le.</translation>
    </message>
    <message>
        <source>The server accepted the request, then closed the connection without a byte (%1)</source>
        <translation>Le serveur a accepté la requête, puis a fermé la connexion sans envoyer un octet (%1)</translation>
    </message>
    <message>
        <source>Port %1 connects but never answers: a hung provider or CIMOM</source>
        <translation>Le port %1 accepte la connexion mais ne répond jamais&#xa0;: fournisseur ou CIMOM bloqué</translation>
    </message>
    <message>
        <source>Part of a reply arrived, then nothing more.</source>
        <translation>Une partie de réponse est arrivée, puis plus rien.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Port %1 answers with HTTP, but the reply is broken: %2</source>
        <translation>Le port %1 répond en HTTP, mais la réponse est défectueuse&#xa0;: %2</translation>
    </message>
    <message>
        <source>The server does not follow HTTP/1.1; a CIM client cannot talk to it either.</source>
        <translation>Le serveur ne respecte pas HTTP/1.1&#xa0;; un client CIM ne peut pas non plus communiquer avec lui.</translation>
    </message>
    <message>
        <source>Port %1 answers, but not with HTTP: it is another service</source>
        <translation>Le port %1 répond, mais pas en HTTP&#xa0;: c&apos;est un autre service</translation>
    </message>
    <message>
        <source>The server closed the connection in the middle of its reply head (%1)</source>
        <translation>Le serveur a fermé la connexion au milieu de l&apos;en-tête de sa réponse (%1)</translation>
    </message>
    <message>
        <source>No HTTP reply from port %1</source>
        <translation>Aucune réponse HTTP du port %1</translation>
    </message>
    <message>
        <source>The HTTP server answers and asks for authentication (401)</source>
        <translation>Le serveur HTTP répond et demande une authentification (401)</translation>
    </message>
    <message>
        <source>The port speaks CIM-XML: 200 with &quot;CIMOperation: MethodResponse&quot;</source>
        <translation>Le port parle CIM-XML&#xa0;: 200 avec «&#xa0;CIMOperation: MethodResponse&#xa0;»</translation>
    </message>
    <message>
        <source>The server answered without asking for credentials.</source>
        <translation>Le serveur a répondu sans demander d&apos;identifiants.</translation>
    </message>
    <message>
        <source>Port %1 answers, but it is another service: 200 without &quot;CIMOperation: MethodResponse&quot; (%2)</source>
        <translation>Le port %1 répond, mais c&apos;est un autre service&#xa0;: 200 sans «&#xa0;CIMOperation: MethodResponse&#xa0;» (%2)</translation>
    </message>
    <message>
        <source>no Content-Type</source>
        <extracomment>Content-Type is an HTTP header name: keep it.</extracomment>
        <translation>pas de Content-Type</translation>
    </message>
    <message>
        <source>A proxy between here and the server asks for authentication (407)</source>
        <translation>Un proxy entre ici et le serveur demande une authentification (407)</translation>
    </message>
    <message>
        <source>The server refuses the request (403 Forbidden): CIM servers do not answer 403, so a proxy, web UI or vendor front end probably does</source>
        <translation>Le serveur refuse la requête (403 Forbidden)&#xa0;: les serveurs CIM ne répondent pas 403, c&apos;est donc probablement un proxy, une interface web ou un frontal du fournisseur</translation>
    </message>
    <message>
        <source>The server wants a Content-Length (411)</source>
        <translation>Le serveur exige un Content-Length (411)</translation>
    </message>
    <message>
        <source>The server refuses the request&apos;s Expect header (417)</source>
        <translation>Le serveur refuse l&apos;en-tête Expect de la requête (417)</translation>
    </message>
    <message>
        <source>The server is unavailable or shutting down (503)</source>
        <translation>Le serveur est indisponible ou en cours d&apos;arrêt (503)</translation>
    </message>
    <message>
        <source>The CIM server rejects the request: %1 with CIMError: %2</source>
        <translation>Le serveur CIM rejette la requête&#xa0;: %1 avec CIMError&#xa0;: %2</translation>
    </message>
    <message>
        <source>The server rejects the request&apos;s headers (400 without CIMError)</source>
        <translation>Le serveur rejette les en-têtes de la requête (400 sans CIMError)</translation>
    </message>
    <message>
        <source>The server does not accept the request method (%1)</source>
        <translation>Le serveur n&apos;accepte pas la méthode de la requête (%1)</translation>
    </message>
    <message>
        <source>Unexpected HTTP reply: %1</source>
        <translation>Réponse HTTP inattendue&#xa0;: %1</translation>
    </message>
    <message>
        <source>A proxy is in the path (Via: %1); if it gets in the way, bypass it (NoProxy).</source>
        <translation>Un proxy se trouve sur le chemin (Via&#xa0;: %1)&#xa0;; s&apos;il gêne, contournez-le (NoProxy).</translation>
    </message>
    <message>
        <source>The reply was not quite HTTP: %1</source>
        <translation>La réponse n&apos;était pas tout à fait du HTTP&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1, but it refuses &quot;Expect: 100-continue&quot; (417)</source>
        <translation>%1, mais il refuse «&#xa0;Expect: 100-continue&#xa0;» (417)</translation>
    </message>
    <message>
        <source>Clients that send Expect (curl with request bodies over 1 KiB, some Java clients) fail against this server; cimdiag and pywbem do not send it.</source>
        <translation>Les clients qui envoient Expect (curl avec des corps de requête de plus de 1 Kio, certains clients Java) échouent avec ce serveur&#xa0;; cimdiag et pywbem ne l&apos;envoient pas.</translation>
    </message>
    <message>
        <source>The request with &quot;Expect: 100-continue&quot; drew %1.</source>
        <translation>La requête avec «&#xa0;Expect: 100-continue&#xa0;» a obtenu %1.</translation>
    </message>
    <message>
        <source>The request with &quot;Expect: 100-continue&quot; got no HTTP reply.</source>
        <translation>La requête avec «&#xa0;Expect: 100-continue&#xa0;» n&apos;a obtenu aucune réponse HTTP.</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpProbe</name>
    <message>
        <source>No connection within %1 ms</source>
        <translation>Pas de connexion en %1 ms</translation>
    </message>
    <message>
        <source>The TLS handshake did not finish within %1 ms</source>
        <translation>La négociation TLS ne s&apos;est pas terminée en %1 ms</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpReplyParser</name>
    <message>
        <source>The reply is not HTTP: it does not start with &quot;HTTP/&quot;</source>
        <translation>La réponse n&apos;est pas du HTTP&#xa0;: elle ne commence pas par «&#xa0;HTTP/&#xa0;»</translation>
    </message>
    <message>
        <source>The reply head is larger than 64 KiB</source>
        <translation>L&apos;en-tête de la réponse dépasse 64 Kio</translation>
    </message>
    <message>
        <source>The server sent too many interim 1xx replies (%1, %2 bytes) and no final reply</source>
        <translation>Le serveur a envoyé trop de réponses intermédiaires 1xx (%1, %2 octets) et aucune réponse finale</translation>
    </message>
    <message>
        <source>The reply has an invalid Content-Length</source>
        <translation>La réponse a un Content-Length invalide</translation>
    </message>
    <message>
        <source>The reply uses an HTTP version other than 1.x</source>
        <translation>La réponse utilise une version HTTP autre que 1.x</translation>
    </message>
    <message>
        <source>The reply&apos;s status line is malformed</source>
        <translation>La ligne d&apos;état de la réponse est mal formée</translation>
    </message>
    <message>
        <source>The reply&apos;s status line has no three-digit status code</source>
        <translation>La ligne d&apos;état de la réponse n&apos;a pas de code d&apos;état à trois chiffres</translation>
    </message>
    <message>
        <source>The reply head has a continuation line before any header</source>
        <translation>L&apos;en-tête de la réponse a une ligne de continuation avant tout champ d&apos;en-tête</translation>
    </message>
    <message>
        <source>The reply head has a line that is not a header: &quot;%1&quot;</source>
        <translation>L&apos;en-tête de la réponse contient une ligne qui n&apos;est pas un champ d&apos;en-tête&#xa0;: «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>The reply has more than %1 header lines</source>
        <translation>La réponse a plus de %1 lignes d&apos;en-tête</translation>
    </message>
    <message>
        <source>The reply&apos;s chunked body has an overlong chunk-size line</source>
        <translation>Le corps chunked de la réponse a une ligne chunk-size trop longue</translation>
    </message>
    <message>
        <source>The reply&apos;s chunked body has an invalid chunk size</source>
        <translation>Le corps chunked de la réponse a une taille de chunk invalide</translation>
    </message>
    <message>
        <source>The reply&apos;s chunked body has chunk data not followed by CRLF</source>
        <translation>Le corps chunked de la réponse a des données de chunk non suivies de CRLF</translation>
    </message>
    <message>
        <source>The reply&apos;s trailer is larger than 64 KiB</source>
        <translation>Le trailer de la réponse dépasse 64 Kio</translation>
    </message>
    <message>
        <source>The reply has more than %1 trailer lines</source>
        <translation>La réponse a plus de %1 lignes de trailer</translation>
    </message>
</context>
<context>
    <name>cimdiag::IndicationListener</name>
    <message>
        <source>HTTPS needs the private key of the listener certificate</source>
        <translation>HTTPS nécessite la clé privée du certificat de l&apos;écouteur</translation>
    </message>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation>impossible d&apos;écouter sur %1 port %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>no TLS handshake within %1 ms</source>
        <translation>aucune négociation TLS en %1 ms</translation>
    </message>
</context>
<context>
    <name>cimdiag::InstanceTableModel</name>
    <message>
        <source>This instance has no property %1</source>
        <translation>Cette instance n&apos;a pas de propriété %1</translation>
    </message>
    <message>
        <source>Raw value: %1
Type: %2</source>
        <translation>Valeur brute&#xa0;: %1
Type&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Key property</source>
        <translation>Propriété clé</translation>
    </message>
    <message>
        <source>Values mapped through ValueMap/Values; hover a cell for the raw value</source>
        <translation>Valeurs converties via ValueMap/Values&#xa0;; survolez une cellule pour voir la valeur brute</translation>
    </message>
</context>
<context>
    <name>cimdiag::InstanceTableView</name>
    <message>
        <source>Instances of the sample enumeration</source>
        <translation>Instances de l&apos;énumération d&apos;exemple</translation>
    </message>
</context>
<context>
    <name>cimdiag::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation>Valeur par défaut du &amp;système</translation>
    </message>
    <message>
        <source>the system language</source>
        <translation>la langue du système</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerCheck</name>
    <message>
        <source>Not enabled: the listener test creates a subscription on the server (--listener)</source>
        <translation>Non activé&#xa0;: le test de l&apos;écouteur crée un abonnement sur le serveur (--listener)</translation>
    </message>
    <message>
        <source>Finding the local address of a connection to %1 port %2</source>
        <translation>Recherche de l&apos;adresse locale d&apos;une connexion à %1 port %2</translation>
    </message>
    <message>
        <source>Listener address %1, as given</source>
        <translation>Adresse de l&apos;écouteur %1, telle qu&apos;indiquée</translation>
    </message>
    <message>
        <source>Listener address %1, as given (the connection to the server leaves from %2)</source>
        <translation>Adresse de l&apos;écouteur %1, telle qu&apos;indiquée (la connexion au serveur part de %2)</translation>
    </message>
    <message>
        <source>Cannot tell which local address the server could reach: %1</source>
        <translation>Impossible de déterminer quelle adresse locale le serveur pourrait atteindre&#xa0;: %1</translation>
    </message>
    <message>
        <source>Give the listener address yourself (--listener-address).</source>
        <translation>Indiquez vous-même l&apos;adresse de l&apos;écouteur (--listener-address).</translation>
    </message>
    <message>
        <source>Listener address %1: the local address of the connection to the server %2</source>
        <translation>Adresse de l&apos;écouteur %1&#xa0;: l&apos;adresse locale de la connexion au serveur %2</translation>
    </message>
    <message>
        <source>%1 is a loopback address: fine for a server on this machine; a remote server could not reach it [F3].</source>
        <translation>%1 est une adresse de boucle locale&#xa0;: elle convient pour un serveur sur cette machine&#xa0;; un serveur distant ne pourrait pas l&apos;atteindre [F3].</translation>
    </message>
    <message>
        <source>%1 is not an address of this machine; listening on every address</source>
        <translation>%1 n&apos;est pas une adresse de cette machine&#xa0;; écoute sur toutes les adresses</translation>
    </message>
    <message>
        <source>Cannot listen on port %1: %2</source>
        <translation>Impossible d&apos;écouter sur le port %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Listening on port %1; testing it over %2</source>
        <translation>Écoute sur le port %1&#xa0;; test via %2</translation>
    </message>
    <message>
        <source>The listener did not answer its own test over %1: %2</source>
        <translation>L&apos;écouteur n&apos;a pas répondu à son propre test via %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>A local firewall blocks port %1, or %2 is not an address of this machine.</source>
        <translation>Un pare-feu local bloque le port %1, ou %2 n&apos;est pas une adresse de cette machine.</translation>
    </message>
    <message>
        <source>Self-test: an ExportIndication posted to %1 was accepted</source>
        <translation>Autotest&#xa0;: un ExportIndication envoyé à %1 a été accepté</translation>
    </message>
    <message>
        <source>Listing the destinations and subscriptions in %1</source>
        <translation>Listage des destinations et des abonnements dans %1</translation>
    </message>
    <message>
        <source>Listing %1 failed: %2</source>
        <translation>Impossible de lister %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n subscription(s) on the server before this test</source>
        <translation>
            <numerusform>%n abonnement sur le serveur avant ce test</numerusform>
            <numerusform>%n abonnements sur le serveur avant ce test</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n listener destination(s) on the server before this test</source>
        <translation>
            <numerusform>%n destination d&apos;écouteur sur le serveur avant ce test</numerusform>
            <numerusform>%n destinations d&apos;écouteur sur le serveur avant ce test</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them left by an earlier cimdiag run: clean up leftovers removes them</source>
        <translation>
            <numerusform>%n d&apos;entre elles a été laissée par une exécution précédente de cimdiag&#xa0;: «&#xa0;Nettoyer les objets résiduels&#xa0;» la supprime</numerusform>
            <numerusform>%n d&apos;entre elles ont été laissées par des exécutions précédentes de cimdiag&#xa0;: «&#xa0;Nettoyer les objets résiduels&#xa0;» les supprime</numerusform>
        </translation>
    </message>
    <message>
        <source>Destination %1 is not reachable from here (%2) [F11]</source>
        <translation>La destination %1 n&apos;est pas accessible d&apos;ici (%2) [F11]</translation>
    </message>
    <message>
        <source>Only the first %1 destinations were probed</source>
        <translation>Seules les %1 premières destinations ont été sondées</translation>
    </message>
    <message>
        <source>not a URL</source>
        <translation>pas une URL</translation>
    </message>
    <message>
        <source>Subscribing %1 to CIM_AlertIndication</source>
        <translation>Abonnement de %1 à CIM_AlertIndication</translation>
    </message>
    <message>
        <source>Creating %1 returned no instance name</source>
        <translation>La création de %1 n&apos;a renvoyé aucun nom d&apos;instance</translation>
    </message>
    <message>
        <source>Creating %1 failed</source>
        <translation>Échec de la création de %1</translation>
    </message>
    <message>
        <source>Waiting up to %1 s for an indication</source>
        <translation>Attente d&apos;une indication pendant %1 s au maximum</translation>
    </message>
    <message>
        <source>Received %1 from %2</source>
        <translation>%1 reçu de %2</translation>
    </message>
    <message>
        <source>Removing what this test created</source>
        <translation>Suppression de ce que ce test a créé</translation>
    </message>
    <message>
        <source>An indication reached the listener at %1</source>
        <translation>Une indication a atteint l&apos;écouteur sur %1</translation>
    </message>
    <message>
        <source>An indication reached the listener at %1, but a remote server may not</source>
        <translation>Une indication a atteint l&apos;écouteur sur %1, mais un serveur distant pourrait ne pas y parvenir</translation>
    </message>
    <message>
        <source>No indication arrived and the server removed the subscription after failed deliveries</source>
        <translation>Aucune indication n&apos;est arrivée et le serveur a supprimé l&apos;abonnement après des échecs de livraison</translation>
    </message>
    <message>
        <source>No indication arrived and the server disabled the subscription after failed deliveries</source>
        <translation>Aucune indication n&apos;est arrivée et le serveur a désactivé l&apos;abonnement après des échecs de livraison</translation>
    </message>
    <message>
        <source>No indication arrived within %1 s; the server may not reach %2</source>
        <translation>Aucune indication n&apos;est arrivée en %1 s&#xa0;; le serveur ne parvient peut-être pas à atteindre %2</translation>
    </message>
    <message>
        <source>No indication arrived within %1 s, though the listener answers on %2</source>
        <translation>Aucune indication n&apos;est arrivée en %1 s, bien que l&apos;écouteur réponde sur %2</translation>
    </message>
    <message>
        <source>SubscriptionState 3 (Enabled Degraded): the server tried and failed to deliver</source>
        <translation>SubscriptionState 3 (Enabled Degraded)&#xa0;: le serveur a tenté de livrer et a échoué</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>Supprimé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not removed: %1</source>
        <translation>Non supprimé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Stopped: removing what this test created</source>
        <translation>Arrêté&#xa0;: suppression de ce que ce test a créé</translation>
    </message>
    <message>
        <source>Indication listener</source>
        <translation>Écouteur d&apos;indications</translation>
    </message>
    <message>
        <source>Received %1 from %2 at %3</source>
        <translation>%1 reçu de %2 à %3</translation>
    </message>
    <message>
        <source>Making a self-signed certificate for %1</source>
        <translation>Création d&apos;un certificat auto-signé pour %1</translation>
    </message>
    <message>
        <source>Cannot make a certificate for the HTTPS listener: %1</source>
        <translation>Impossible de créer un certificat pour l&apos;écouteur HTTPS&#xa0;: %1</translation>
    </message>
    <message>
        <source>HTTPS: a self-signed certificate for %1 was made for this run (SHA-256 %2)</source>
        <translation>HTTPS&#xa0;: un certificat auto-signé pour %1 a été créé pour cette exécution (SHA-256 %2)</translation>
    </message>
    <message>
        <source>Self-test: an ExportIndication posted over HTTPS to %1 was accepted; the certificate verified</source>
        <translation>Autotest&#xa0;: un ExportIndication envoyé via HTTPS à %1 a été accepté&#xa0;; le certificat a été vérifié</translation>
    </message>
    <message>
        <source>The server connected and rejected the listener&apos;s certificate: %1</source>
        <translation>Le serveur s&apos;est connecté et a rejeté le certificat de l&apos;écouteur&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n TLS handshake(s) ended with the server&apos;s alert, first: %1</source>
        <translation>
            <numerusform>%n négociation TLS s&apos;est terminée par une alerte du serveur, première&#xa0;: %1</numerusform>
            <numerusform>%n négociations TLS se sont terminées par une alerte du serveur, première&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No indication arrived within %1 s; the server still reports the subscription Enabled and no connection reached the listener</source>
        <translation>Aucune indication n&apos;est arrivée en %1 s&#xa0;; le serveur indique toujours l&apos;abonnement comme Enabled et aucune connexion n&apos;a atteint l&apos;écouteur</translation>
    </message>
    <message>
        <source>The server may not have tried yet: run again with a longer wait (--listener-wait) before looking at firewalls.</source>
        <translation>Le serveur n&apos;a peut-être pas encore essayé&#xa0;: relancez avec une attente plus longue (--listener-wait) avant d&apos;examiner les pare-feu.</translation>
    </message>
    <message numerus="yes">
        <source>%n TLS handshake(s) with the listener failed, last: %1</source>
        <translation>
            <numerusform>%n négociation TLS avec l&apos;écouteur a échoué, dernière&#xa0;: %1</numerusform>
            <numerusform>%n négociations TLS avec l&apos;écouteur ont échoué, dernière&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>An indication reached the listener at %1, but only after %2 s</source>
        <translation>Une indication a atteint l&apos;écouteur sur %1, mais seulement après %2 s</translation>
    </message>
    <message>
        <source>A healthy server delivers within a second; this one queues indications or delivered only on a retry. Give it time (--listener-wait) before concluding.</source>
        <translation>Un serveur en bon état livre en moins d&apos;une seconde&#xa0;; celui-ci met les indications en file d&apos;attente ou n&apos;a livré que lors d&apos;une nouvelle tentative. Laissez-lui du temps (--listener-wait) avant de conclure.</translation>
    </message>
    <message>
        <source>Delivered %1 s after the subscription was created</source>
        <translation>Livraison %1 s après la création de l&apos;abonnement</translation>
    </message>
    <message>
        <source>TLS handshake from %1 at %2: the server rejected the listener&apos;s certificate (%3)</source>
        <translation>Négociation TLS de %1 à %2&#xa0;: le serveur a rejeté le certificat de l&apos;écouteur (%3)</translation>
    </message>
    <message>
        <source>Cannot use the listener&apos;s certificate: %1</source>
        <translation>Impossible d&apos;utiliser le certificat de l&apos;écouteur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Give a PEM certificate (chain, the listener&apos;s certificate first) and its unencrypted PEM private key, or leave both out for a certificate made for this run.</source>
        <translation>Indiquez un certificat PEM (chaîne, le certificat de l&apos;écouteur en premier) et sa clé privée PEM non chiffrée, ou omettez les deux pour utiliser un certificat créé pour cette exécution.</translation>
    </message>
    <message>
        <source>HTTPS: the certificate in %1 (SHA-256 %2, valid until %3)</source>
        <translation>HTTPS&#xa0;: le certificat de %1 (SHA-256 %2, valide jusqu&apos;au %3)</translation>
    </message>
    <message>
        <source>The certificate in %1 does not name %2, the address the server is told (it names %3): a server that checks names rejects it even when it trusts it [F4].</source>
        <translation>Le certificat de %1 ne nomme pas %2, l&apos;adresse indiquée au serveur (il nomme %3)&#xa0;: un serveur qui vérifie les noms le rejette même s&apos;il lui fait confiance [F4].</translation>
    </message>
    <message>
        <source>The listener&apos;s HTTPS self-test over %1 did not accept the listener&apos;s own certificate: %2</source>
        <translation>L&apos;autotest HTTPS de l&apos;écouteur via %1 n&apos;a pas accepté le propre certificat de l&apos;écouteur&#xa0;: %2</translation>
    </message>
    <message>
        <source>Make the server trust the listener&apos;s certificate in %1, SHA-256 %2 (sfcb: sslIndicationReceiverCert=verify checks it against sslClientTrustStore), or use an http listener for the test (--listener-scheme http).</source>
        <translation>Faites en sorte que le serveur fasse confiance au certificat de l&apos;écouteur de %1, SHA-256 %2 (sfcb&#xa0;: sslIndicationReceiverCert=verify le vérifie par rapport à sslClientTrustStore), ou utilisez un écouteur http pour le test (--listener-scheme http).</translation>
    </message>
    <message>
        <source>Use an http listener for the test (--listener-scheme http), or give the listener a certificate to keep (--listener-cert FILE --listener-key FILE, or the certificate fields of the listener panel) and make the server trust that one (sfcb: sslIndicationReceiverCert=verify checks it against sslClientTrustStore). This run&apos;s certificate, SHA-256 %1, was made for this run only.</source>
        <translation>Utilisez un écouteur http pour le test (--listener-scheme http), ou donnez à l&apos;écouteur un certificat à conserver (--listener-cert FICHIER --listener-key FICHIER, ou les champs de certificat du panneau de l&apos;écouteur) et faites en sorte que le serveur fasse confiance à celui-ci (sfcb&#xa0;: sslIndicationReceiverCert=verify le vérifie par rapport à sslClientTrustStore). Le certificat de cette exécution, SHA-256 %1, a été créé pour cette exécution uniquement.</translation>
    </message>
    <message>
        <source>The server reached the listener, which refused its export request: HTTP %1, %2</source>
        <translation>Le serveur a atteint l&apos;écouteur, qui a refusé sa requête d&apos;export&#xa0;: HTTP %1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) refused, first from %1: %2</source>
        <translation>
            <numerusform>%n requête refusée, première de %1&#xa0;: %2</numerusform>
            <numerusform>%n requêtes refusées, première de %1&#xa0;: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>(no complete request line)</source>
        <translation>(aucune ligne de requête complète)</translation>
    </message>
    <message numerus="yes">
        <source>No indication arrived within %1 s, though the server connected to the listener %n time(s)</source>
        <translation>
            <numerusform>Aucune indication n&apos;est arrivée en %1 s, bien que le serveur se soit connecté %n fois à l&apos;écouteur</numerusform>
            <numerusform>Aucune indication n&apos;est arrivée en %1 s, bien que le serveur se soit connecté %n fois à l&apos;écouteur</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerCheckAddress</name>
    <message>
        <source>No connection to %1 port %2 within %3 ms</source>
        <translation>Aucune connexion à %1 port %2 en %3 ms</translation>
    </message>
    <message>
        <source>Cannot connect to %1 port %2: %3</source>
        <translation>Impossible de se connecter à %1 port %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>The server must resolve the name %1 itself; a name only this network or this machine knows makes every delivery fail [F3].</source>
        <translation>Le serveur doit résoudre lui-même le nom %1&#xa0;; un nom que seuls ce réseau ou cette machine connaissent fait échouer chaque livraison [F3].</translation>
    </message>
    <message>
        <source>%1 is a loopback address: only a server on this machine can deliver to it [F3].</source>
        <translation>%1 est une adresse de boucle locale&#xa0;: seul un serveur sur cette machine peut y livrer [F3].</translation>
    </message>
    <message>
        <source>%1 is a private address but the server %2 is not: with NAT or a VPN between, the server cannot reach %1 [F3].</source>
        <translation>%1 est une adresse privée, mais celle du serveur %2 ne l&apos;est pas&#xa0;: avec un NAT ou un VPN entre les deux, le serveur ne peut pas atteindre %1 [F3].</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerCheckCleanup</name>
    <message>
        <source>No interop namespace answered</source>
        <translation>Aucun espace de noms interop n&apos;a répondu</translation>
    </message>
    <message>
        <source>Enumerating %1 in %2 failed: %3</source>
        <translation>Échec de l&apos;énumération de %1 dans %2&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerIndicationModel</name>
    <message>
        <source>Received</source>
        <translation>Réception</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Propriétés</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerPanel</name>
    <message>
        <source>&amp;Test indication delivery (creates a subscription on the server for a moment)</source>
        <translation>&amp;Tester la livraison des indications (crée un abonnement sur le serveur pendant un instant)</translation>
    </message>
    <message>
        <source>Test indication delivery</source>
        <translation>Tester la livraison des indications</translation>
    </message>
    <message>
        <source>Listener scheme</source>
        <translation>Schéma de l&apos;écouteur</translation>
    </message>
    <message>
        <source>Listener schemes</source>
        <translation>Schémas de l&apos;écouteur</translation>
    </message>
    <message>
        <source>Sc&amp;heme:</source>
        <translation>Sc&amp;héma&#xa0;:</translation>
    </message>
    <message>
        <source>Listener port</source>
        <translation>Port de l&apos;écouteur</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>n&apos;importe quel port libre</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort&#xa0;:</translation>
    </message>
    <message>
        <source>Listener address</source>
        <translation>Adresse de l&apos;écouteur</translation>
    </message>
    <message>
        <source>Detected automatically</source>
        <translation>Détectée automatiquement</translation>
    </message>
    <message>
        <source>Listener addresses</source>
        <translation>Adresses de l&apos;écouteur</translation>
    </message>
    <message>
        <source>&amp;Detect</source>
        <translation>&amp;Détecter</translation>
    </message>
    <message>
        <source>Detect the listener address</source>
        <translation>Détecter l&apos;adresse de l&apos;écouteur</translation>
    </message>
    <message>
        <source>Addr&amp;ess:</source>
        <translation>Adr&amp;esse&#xa0;:</translation>
    </message>
    <message>
        <source>Listener address warnings</source>
        <translation>Avertissements sur l&apos;adresse de l&apos;écouteur</translation>
    </message>
    <message>
        <source>C&amp;lean up leftovers</source>
        <translation>Nettoyer les o&amp;bjets résiduels</translation>
    </message>
    <message>
        <source>Clean up leftovers</source>
        <translation>Nettoyer les objets résiduels</translation>
    </message>
    <message>
        <source>Removes the filters, destinations and subscriptions named cimdiag: that earlier runs left on the server</source>
        <translation>Supprime les filtres, destinations et abonnements nommés cimdiag: que des exécutions précédentes ont laissés sur le serveur</translation>
    </message>
    <message>
        <source>Enter the server first.</source>
        <translation>Saisissez d&apos;abord le serveur.</translation>
    </message>
    <message>
        <source>Removing cimdiag: objects…</source>
        <translation>Suppression des objets cimdiag:…</translation>
    </message>
    <message>
        <source>No interop namespace answered.</source>
        <translation>Aucun espace de noms interop n&apos;a répondu.</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n object(s) from %1.</source>
        <translation>
            <numerusform>%n objet supprimé de %1.</numerusform>
            <numerusform>%n objets supprimés de %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Listener certificate</source>
        <translation>Certificat de l&apos;écouteur</translation>
    </message>
    <message>
        <source>Last run&apos;s certificate: SHA-256 %1</source>
        <translation>Certificat de la dernière exécution&#xa0;: SHA-256 %1</translation>
    </message>
    <message>
        <source>Listener certificate file</source>
        <translation>Fichier du certificat de l&apos;écouteur</translation>
    </message>
    <message>
        <source>Choose listener certificate file</source>
        <translation>Choisir le fichier du certificat de l&apos;écouteur</translation>
    </message>
    <message>
        <source>Listener certificate (PEM)</source>
        <translation>Certificat de l&apos;écouteur (PEM)</translation>
    </message>
    <message>
        <source>Optional: made for each run</source>
        <translation>Facultatif&#xa0;: créé à chaque exécution</translation>
    </message>
    <message>
        <source>Certificate &amp;file:</source>
        <translation>&amp;Fichier du certificat&#xa0;:</translation>
    </message>
    <message>
        <source>Listener key file</source>
        <translation>Fichier de la clé de l&apos;écouteur</translation>
    </message>
    <message>
        <source>Choose listener key file</source>
        <translation>Choisir le fichier de la clé de l&apos;écouteur</translation>
    </message>
    <message>
        <source>Listener private key (PEM)</source>
        <translation>Clé privée de l&apos;écouteur (PEM)</translation>
    </message>
    <message>
        <source>With the certificate file</source>
        <translation>Avec le fichier du certificat</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>Fichier de la &amp;clé&#xa0;:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>Fichiers PEM (*.pem *.crt *.cer *.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The listener serves the certificate in %1. A server that verifies listener certificates must trust it [F4].</source>
        <translation>L&apos;écouteur présente le certificat de %1. Un serveur qui vérifie les certificats des écouteurs doit lui faire confiance [F4].</translation>
    </message>
    <message>
        <source>A self-signed certificate is made for the listener address at each run. A server that verifies listener certificates rejects it [F4]: use http, or choose a certificate and key file below and make the server trust that certificate.</source>
        <translation>Un certificat auto-signé est créé pour l&apos;adresse de l&apos;écouteur à chaque exécution. Un serveur qui vérifie les certificats des écouteurs le rejette [F4]&#xa0;: utilisez http, ou choisissez ci-dessous un fichier de certificat et un fichier de clé, et faites en sorte que le serveur fasse confiance à ce certificat.</translation>
    </message>
</context>
<context>
    <name>cimdiag::LogChannelViews</name>
    <message>
        <source>Logs</source>
        <translation>Journaux</translation>
    </message>
    <message>
        <source>Log channels</source>
        <translation>Canaux de journalisation</translation>
    </message>
    <message>
        <source>&amp;Operations</source>
        <translation>&amp;Opérations</translation>
    </message>
    <message>
        <source>Operation log</source>
        <translation>Journal des opérations</translation>
    </message>
    <message>
        <source>&amp;HTTP</source>
        <translation>&amp;HTTP</translation>
    </message>
    <message>
        <source>HTTP log</source>
        <translation>Journal HTTP</translation>
    </message>
    <message>
        <source>Chec&amp;ks</source>
        <translation>&amp;Vérifications</translation>
    </message>
    <message>
        <source>Check log</source>
        <translation>Journal des vérifications</translation>
    </message>
</context>
<context>
    <name>cimdiag::LogModel</name>
    <message numerus="yes">
        <source>… (%n more line(s), %1 bytes)</source>
        <translation>
            <numerusform>… (%n ligne de plus, %1 octets)</numerusform>
            <numerusform>… (%n lignes de plus, %1 octets)</numerusform>
        </translation>
    </message>
    <message>
        <source>… (%1 bytes)</source>
        <translation>… (%1 octets)</translation>
    </message>
    <message>
        <source>[cut: the first %1 characters of %2 bytes are shown]</source>
        <translation>[tronqué&#xa0;: les %1 premiers caractères sur %2 octets sont affichés]</translation>
    </message>
    <message>
        <source>… Copy (Ctrl+C) gives the whole text.</source>
        <translation>… Copier (Ctrl+C) donne le texte complet.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Débogage</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>cimdiag::LogView</name>
    <message>
        <source>Minimum severity</source>
        <translation>Gravité minimale</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>Toutes les gravités</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info et plus</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Erreurs uniquement</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>Texte du filtre</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>Filtre (Ctrl+F)</translation>
    </message>
    <message>
        <source>Regular e&amp;xpression</source>
        <translation>E&amp;xpression régulière</translation>
    </message>
    <message>
        <source>Filter is a regular expression</source>
        <translation>Le filtre est une expression régulière</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy selected lines</source>
        <translation>Copier les lignes sélectionnées</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Enregistrer…</translation>
    </message>
    <message>
        <source>Save shown lines to a file</source>
        <translation>Enregistrer les lignes affichées dans un fichier</translation>
    </message>
    <message>
        <source>F&amp;ollow</source>
        <translation>&amp;Suivre</translation>
    </message>
    <message>
        <source>Follow the newest line</source>
        <translation>Suivre la ligne la plus récente</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>Lignes du journal</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Effacer le filtre</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Invalid regular expression</source>
        <translation>Expression régulière invalide</translation>
    </message>
    <message>
        <source>Filtering…</source>
        <translation>Filtrage…</translation>
    </message>
    <message>
        <source>%1 of %2 lines</source>
        <translation>%1 lignes sur %2</translation>
    </message>
    <message>
        <source>Save log</source>
        <translation>Enregistrer le journal</translation>
    </message>
    <message>
        <source>Could not save the log to %1: %2</source>
        <translation>Impossible d&apos;enregistrer le journal dans %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>Fichiers journaux (*.log *.txt);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>cimdiag::NameResolutionCheck</name>
    <message>
        <source>Looking up %1 (A and AAAA)</source>
        <translation>Résolution de %1 (A et AAAA)</translation>
    </message>
</context>
<context>
    <name>cimdiag::NameResolutionDiagnosis</name>
    <message>
        <source>%1 is an IP address: no lookup needed</source>
        <translation>%1 est une adresse IP&#xa0;: aucune résolution nécessaire</translation>
    </message>
    <message>
        <source>no A or AAAA records</source>
        <translation>aucun enregistrement A ni AAAA</translation>
    </message>
    <message>
        <source>%1 does not resolve: %2 (%3)</source>
        <translation>%1 ne se résout pas&#xa0;: %2 (%3)</translation>
    </message>
    <message>
        <source>Use the server&apos;s IP address, or fix its DNS entry (or /etc/hosts).</source>
        <translation>Utilisez l&apos;adresse IP du serveur, ou corrigez son entrée DNS (ou /etc/hosts).</translation>
    </message>
    <message>
        <source>%1 resolves to %2 IPv4 and %3 IPv6 address(es)</source>
        <translation>%1 se résout en %2 adresse(s) IPv4 et %3 adresse(s) IPv6</translation>
    </message>
    <message>
        <source>%1 resolves to %2</source>
        <translation>%1 se résout en %2</translation>
    </message>
    <message>
        <source>%1 resolves to %2 (IPv6 only)</source>
        <translation>%1 se résout en %2 (IPv6 uniquement)</translation>
    </message>
    <message>
        <source>A (IPv4): %1</source>
        <translation>A (IPv4)&#xa0;: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>AAAA (IPv6): %1</source>
        <translation>AAAA (IPv6)&#xa0;: %1</translation>
    </message>
    <message>
        <source>Only IPv6 answers: clients without IPv6 connectivity cannot reach it.</source>
        <translation>Seul IPv6 répond&#xa0;: les clients sans connectivité IPv6 ne peuvent pas l&apos;atteindre.</translation>
    </message>
    <message>
        <source>Only IPv4 answers: that is fine.</source>
        <translation>Seul IPv4 répond&#xa0;: cela ne pose pas de problème.</translation>
    </message>
    <message>
        <source>The next stages try the addresses in the resolver&apos;s order: %1</source>
        <translation>Les étapes suivantes essaient les adresses dans l&apos;ordre du résolveur&#xa0;: %1</translation>
    </message>
    <message>
        <source>No answer from the resolver for %1 within %2 ms</source>
        <translation>Aucune réponse du résolveur pour %1 en %2 ms</translation>
    </message>
    <message>
        <source>The DNS server is slow or unreachable; use the server&apos;s IP address or fix the resolver.</source>
        <translation>Le serveur DNS est lent ou injoignable&#xa0;; utilisez l&apos;adresse IP du serveur ou corrigez le résolveur.</translation>
    </message>
</context>
<context>
    <name>cimdiag::ReportExporter</name>
    <message>
        <source>HTML report (*.html *.htm)</source>
        <translation>Rapport HTML (*.html *.htm)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Markdown for tickets (*.md)</source>
        <translation>Markdown pour tickets (*.md)</translation>
    </message>
    <message>
        <source>Plain text (*.txt)</source>
        <translation>Texte brut (*.txt)</translation>
    </message>
    <message>
        <source>another report is being written</source>
        <translation>un autre rapport est en cours d&apos;écriture</translation>
    </message>
    <message>
        <source>cannot render the report %1</source>
        <translation>impossible de produire le rapport %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::ReportFormat</name>
    <message>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <source>unknown report format &apos;%1&apos;: the file name must end in %2</source>
        <translation>format de rapport «&#xa0;%1&#xa0;» inconnu&#xa0;: le nom de fichier doit se terminer par %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::ResultsPage</name>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>No sample enumerate ran.</source>
        <translation>Aucune énumération d&apos;exemple n&apos;a été exécutée.</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2 (the first ones the server returned).</source>
        <translation>
            <numerusform>%n instance de %1 dans %2 (la première renvoyée par le serveur).</numerusform>
            <numerusform>%n instances de %1 dans %2 (les premières renvoyées par le serveur).</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Éléments probants</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>Solution</translation>
    </message>
    <message>
        <source>The run was cancelled before any stage failed.</source>
        <translation>L&apos;exécution a été annulée avant l&apos;échec d&apos;une étape.</translation>
    </message>
    <message>
        <source>Every stage that ran passed.</source>
        <translation>Toutes les étapes exécutées ont réussi.</translation>
    </message>
    <message>
        <source>cimdiag diagnosis of %1: %2</source>
        <translation>Diagnostic cimdiag de %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Started %1, took %2 ms%3</source>
        <translation>Démarré le %1, durée %2 ms%3</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (annulé)</translation>
    </message>
    <message>
        <source>Writing the report to %1…</source>
        <translation>Écriture du rapport dans %1…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>Rapport écrit dans %1.</translation>
    </message>
    <message>
        <source>The target now trusts exactly this certificate (SHA-256 %1). Run the diagnosis again to check the connection with the pin.</source>
        <translation>La cible fait désormais confiance exactement à ce certificat (SHA-256 %1). Relancez le diagnostic pour vérifier la connexion avec l&apos;épinglage.</translation>
    </message>
</context>
<context>
    <name>cimdiag::RunPage</name>
    <message>
        <source>&amp;Re-run this stage</source>
        <translation>&amp;Relancer cette étape</translation>
    </message>
    <message>
        <source>&amp;Re-run %1</source>
        <translation>&amp;Relancer %1</translation>
    </message>
    <message>
        <source>&amp;Re-run stage</source>
        <translation>&amp;Relancer l&apos;étape</translation>
    </message>
    <message>
        <source>Re-running %1…</source>
        <translation>Nouvelle exécution de %1…</translation>
    </message>
    <message>
        <source>Checking %1, stage by stage.</source>
        <translation>Vérification de %1, étape par étape.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Exécution…</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Cancelled after %1 ms.</source>
        <translation>Annulé après %1 ms.</translation>
    </message>
    <message>
        <source>Finished in %1 ms: %2. Press Next for the findings.</source>
        <translation>Terminé en %1 ms&#xa0;: %2. Cliquez sur Suivant pour voir les constats.</translation>
    </message>
    <message>
        <source>Indications received by the listener stage</source>
        <translation>Indications reçues par l&apos;étape de l&apos;écouteur</translation>
    </message>
</context>
<context>
    <name>cimdiag::SampleEnumerateCheck</name>
    <message>
        <source>Enumerating %1 in %2</source>
        <translation>Énumération de %1 dans %2</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 dans %2</translation>
    </message>
    <message>
        <source>Enumerating %1 failed</source>
        <translation>Échec de l&apos;énumération de %1</translation>
    </message>
    <message>
        <source>Vendor classes often live in vendor namespaces (root/ibm, root/ontap, root/hpq); the registered profiles of the identity stage point at them. Choose them with --namespace and --class.</source>
        <translation>Les classes des constructeurs se trouvent souvent dans leurs propres espaces de noms (root/ibm, root/ontap, root/hpq)&#xa0;; les profils enregistrés de l&apos;étape d&apos;identité y renvoient. Choisissez-les avec --namespace et --class.</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2 ms, %3 request(s) (%4)</source>
        <translation>
            <numerusform>%n instance de %1 en %2 ms, %3 requête(s) (%4)</numerusform>
            <numerusform>%n instances de %1 en %2 ms, %3 requête(s) (%4)</numerusform>
        </translation>
    </message>
    <message>
        <source>pull operations</source>
        <translation>opérations pull</translation>
    </message>
    <message>
        <source>WBEMServerResponseTime: %1 ms in total</source>
        <extracomment>WBEMServerResponseTime is the name of a CIM-XML HTTP header (DSP0200): keep it as it is.</extracomment>
        <translation>WBEMServerResponseTime&#xa0;: %1 ms au total</translation>
    </message>
    <message>
        <source>The server sent no WBEMServerResponseTime</source>
        <translation>Le serveur n&apos;a pas envoyé de WBEMServerResponseTime</translation>
    </message>
    <message>
        <source>GetClass failed (%1): values are shown unmapped</source>
        <translation>Échec de GetClass (%1)&#xa0;: les valeurs sont affichées sans conversion</translation>
    </message>
    <message>
        <source>%1 has no instances</source>
        <translation>%1 n&apos;a aucune instance</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1, but the server took %2 ms</source>
        <translation>
            <numerusform>%n instance de %1, mais le serveur a mis %2 ms</numerusform>
            <numerusform>%n instances de %1, mais le serveur a mis %2 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2 ms</source>
        <translation>
            <numerusform>%n instance de %1 en %2 ms</numerusform>
            <numerusform>%n instances de %1 en %2 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cimdiag::ServerIdentityCheck</name>
    <message>
        <source>Probing interop namespaces: %1</source>
        <translation>Sondage des espaces de noms interop&#xa0;: %1</translation>
    </message>
    <message>
        <source>No interop namespace to probe was given</source>
        <translation>Aucun espace de noms interop à sonder n&apos;a été indiqué</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>existe</translation>
    </message>
    <message>
        <source>The interop namespace probe failed</source>
        <translation>Échec du sondage de l&apos;espace de noms interop</translation>
    </message>
    <message>
        <source>None of the interop namespaces exists on this server</source>
        <translation>Aucun des espaces de noms interop n&apos;existe sur ce serveur</translation>
    </message>
    <message>
        <source>Reading CIM_ObjectManager, registered profiles and pull support in %1</source>
        <translation>Lecture de CIM_ObjectManager, des profils enregistrés et de la prise en charge des opérations pull dans %1</translation>
    </message>
    <message>
        <source>Interop namespace: %1</source>
        <translation>Espace de noms interop&#xa0;: %1</translation>
    </message>
    <message>
        <source>Object manager: %1 (%2)</source>
        <translation>Gestionnaire d&apos;objets&#xa0;: %1 (%2)</translation>
    </message>
    <message>
        <source>CIM_ObjectManager: %1</source>
        <extracomment>CIM_ObjectManager is a CIM class name: keep it as it is.</extracomment>
        <translation>CIM_ObjectManager&#xa0;: %1</translation>
    </message>
    <message>
        <source>no instance</source>
        <translation>aucune instance</translation>
    </message>
    <message>
        <source>Namespaces: %1</source>
        <translation>Espaces de noms&#xa0;: %1</translation>
    </message>
    <message>
        <source>The interop namespace itself is not listed in CIM_Namespace (E2); cimdiag found it by probing.</source>
        <translation>L&apos;espace de noms interop lui-même n&apos;est pas listé dans CIM_Namespace (E2)&#xa0;; cimdiag l&apos;a trouvé par sondage.</translation>
    </message>
    <message>
        <source>Registered profiles: none</source>
        <translation>Profils enregistrés&#xa0;: aucun</translation>
    </message>
    <message>
        <source>Registered profiles: %1</source>
        <translation>Profils enregistrés&#xa0;: %1</translation>
    </message>
    <message>
        <source>Pull operations: supported</source>
        <translation>Opérations pull&#xa0;: prises en charge</translation>
    </message>
    <message>
        <source>Pull operations: %1; clients fall back to the traditional operations</source>
        <translation>Opérations pull&#xa0;: %1&#xa0;; les clients se replient sur les opérations traditionnelles</translation>
    </message>
    <message>
        <source>Pull operations: not determined (%1)</source>
        <translation>Opérations pull&#xa0;: non déterminé (%1)</translation>
    </message>
    <message>
        <source>a CIM server</source>
        <translation>un serveur CIM</translation>
    </message>
    <message>
        <source>%1, interop namespace %2</source>
        <translation>%1, espace de noms interop %2</translation>
    </message>
    <message>
        <source>%1, interop namespace %2, but reading it is denied</source>
        <translation>%1, espace de noms interop %2, mais sa lecture est refusée</translation>
    </message>
    <message>
        <source>%1, interop namespace %2; the pull operations do not work</source>
        <translation>%1, espace de noms interop %2&#xa0;; les opérations pull ne fonctionnent pas</translation>
    </message>
</context>
<context>
    <name>cimdiag::SlpCheck</name>
    <message>
        <source>SLP discovery not requested</source>
        <translation>Découverte SLP non demandée</translation>
    </message>
</context>
<context>
    <name>cimdiag::SlpDiscovery</name>
    <message>
        <source>Asking %1 port %2 (unicast SrvRqst)</source>
        <translation>Interrogation de %1 port %2 (SrvRqst unicast)</translation>
    </message>
    <message>
        <source>Multicasting a SrvRqst for %1 to %2 port %3</source>
        <translation>Envoi en multidiffusion d&apos;un SrvRqst pour %1 à %2 port %3</translation>
    </message>
    <message>
        <source>Broadcasting a SrvRqst for %1 to port %2</source>
        <translation>Envoi en broadcast d&apos;un SrvRqst pour %1 au port %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::SlpDiscoveryDialog</name>
    <message>
        <source>Find WBEM servers (SLP)</source>
        <translation>Rechercher des serveurs WBEM (SLP)</translation>
    </message>
    <message>
        <source>Ask host</source>
        <translation>Interroger l&apos;hôte</translation>
    </message>
    <message>
        <source>empty: multicast; or HOST[:PORT] to ask one SLP agent</source>
        <translation>vide&#xa0;: multidiffusion&#xa0;; ou HOST[:PORT] pour interroger un agent SLP</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Portée</translation>
    </message>
    <message>
        <source>Multicast to the local network (239.255.255.253)</source>
        <translation>Multidiffusion sur le réseau local (239.255.255.253)</translation>
    </message>
    <message>
        <source>Multicast</source>
        <translation>Multidiffusion</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Servers found</source>
        <translation>Serveurs trouvés</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Answered from</source>
        <translation>Réponse de</translation>
    </message>
    <message>
        <source>Attributes of the selected server</source>
        <translation>Attributs du serveur sélectionné</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>&amp;Use as target</source>
        <translation>&amp;Utiliser comme cible</translation>
    </message>
    <message>
        <source>Use as target</source>
        <translation>Utiliser comme cible</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Ask &amp;host:</source>
        <translation>Interroger l&apos;&amp;hôte&#xa0;:</translation>
    </message>
    <message>
        <source>S&amp;cope:</source>
        <translation>&amp;Portée&#xa0;:</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not HOST, HOST:PORT or [IPv6]:PORT.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas de la forme HOST, HOST:PORT ou [IPv6]:PORT.</translation>
    </message>
    <message>
        <source>Enter a host or turn multicast on.</source>
        <translation>Saisissez un hôte ou activez la multidiffusion.</translation>
    </message>
    <message>
        <source>Searching...</source>
        <translation>Recherche...</translation>
    </message>
    <message>
        <source>Not a WBEM URL: it cannot be used as a target.</source>
        <translation>Ce n&apos;est pas une URL WBEM&#xa0;: elle ne peut pas servir de cible.</translation>
    </message>
    <message>
        <source>%1: no SLP agent (ICMP port unreachable). Enter the server&apos;s address and port directly.</source>
        <translation>%1&#xa0;: aucun agent SLP (ICMP port unreachable). Saisissez directement l&apos;adresse et le port du serveur.</translation>
    </message>
    <message>
        <source>%1: no answer (filtered, or the host is down).</source>
        <translation>%1&#xa0;: aucune réponse (filtré, ou l&apos;hôte est éteint).</translation>
    </message>
    <message>
        <source>%1: SLP error %2.</source>
        <translation>%1&#xa0;: erreur SLP %2.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Multicast not sent: %1</source>
        <translation>Multidiffusion non envoyée&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n server URL(s) found.</source>
        <translation>
            <numerusform>%n URL de serveur trouvée.</numerusform>
            <numerusform>%n URL de serveur trouvées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Service URL</source>
        <translation>URL de service</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>Durée de vie</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attributs</translation>
    </message>
    <message>
        <source>Deviation from DSP0206</source>
        <translation>Écart par rapport à DSP0206</translation>
    </message>
    <message>
        <source>&amp;Search again</source>
        <translation>&amp;Rechercher à nouveau</translation>
    </message>
</context>
<context>
    <name>cimdiag::StageTimelineWidget</name>
    <message>
        <source>Stage timeline</source>
        <translation>Chronologie des étapes</translation>
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
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1, %2 (from %3)</source>
        <translation>%1, %2 (depuis %3)</translation>
    </message>
</context>
<context>
    <name>cimdiag::StatisticsModel</name>
    <message numerus="yes">
        <source>%n of %1 replies carried WBEMServerResponseTime</source>
        <translation>
            <numerusform>%n réponse sur %1 contenait WBEMServerResponseTime</numerusform>
            <numerusform>%n réponses sur %1 contenaient WBEMServerResponseTime</numerusform>
        </translation>
    </message>
    <message>
        <source>The server sent no WBEMServerResponseTime header</source>
        <translation>Le serveur n&apos;a envoyé aucun en-tête WBEMServerResponseTime</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Client avg (ms)</source>
        <translation>Client moy. (ms)</translation>
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
        <translation>Serveur moy. (ms)</translation>
    </message>
    <message>
        <source>Server min (ms)</source>
        <translation>Serveur min. (ms)</translation>
    </message>
    <message>
        <source>Server max (ms)</source>
        <translation>Serveur max. (ms)</translation>
    </message>
    <message>
        <source>Request avg (bytes)</source>
        <translation>Requête moy. (octets)</translation>
    </message>
    <message>
        <source>Request min (bytes)</source>
        <translation>Requête min. (octets)</translation>
    </message>
    <message>
        <source>Request max (bytes)</source>
        <translation>Requête max. (octets)</translation>
    </message>
    <message>
        <source>Reply avg (bytes)</source>
        <translation>Réponse moy. (octets)</translation>
    </message>
    <message>
        <source>Reply min (bytes)</source>
        <translation>Réponse min. (octets)</translation>
    </message>
    <message>
        <source>Reply max (bytes)</source>
        <translation>Réponse max. (octets)</translation>
    </message>
    <message>
        <source>pywbem: %1</source>
        <translation>pywbem&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::Target</name>
    <message>
        <source>the target is empty: give a host name, an address or a URL</source>
        <translation>la cible est vide&#xa0;: indiquez un nom d&apos;hôte, une adresse ou une URL</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL: %2</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une URL valide&#xa0;: %2</translation>
    </message>
    <message>
        <source>unsupported scheme &quot;%1&quot; in &quot;%2&quot;: use https:// (port 5989) or http:// (port 5988)</source>
        <translation>schéma «&#xa0;%1&#xa0;» non pris en charge dans «&#xa0;%2&#xa0;»&#xa0;: utilisez https:// (port 5989) ou http:// (port 5988)</translation>
    </message>
    <message>
        <source>credentials in the URL are not accepted: give the user with --user and the password with --password-stdin or --password-env</source>
        <translation>les identifiants dans l&apos;URL ne sont pas acceptés&#xa0;: indiquez l&apos;utilisateur avec --user et le mot de passe avec --password-stdin ou --password-env</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no host name</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas de nom d&apos;hôte</translation>
    </message>
    <message>
        <source>port 0 in &quot;%1&quot; is not a port a server listens on</source>
        <translation>le port 0 dans «&#xa0;%1&#xa0;» n&apos;est pas un port sur lequel un serveur écoute</translation>
    </message>
</context>
<context>
    <name>cimdiag::TargetPage</name>
    <message>
        <source>Basic (user and password)</source>
        <translation>Basic (utilisateur et mot de passe)</translation>
    </message>
    <message>
        <source>CIM ticket (VMware ESXi)</source>
        <translation>Ticket CIM (VMware ESXi)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>CA certificates (PEM)</source>
        <translation>Certificats d&apos;AC (PEM)</translation>
    </message>
    <message>
        <source>Client certificate (PEM)</source>
        <translation>Certificat client (PEM)</translation>
    </message>
    <message>
        <source>Client private key (PEM)</source>
        <translation>Clé privée du client (PEM)</translation>
    </message>
    <message>
        <source>&amp;Ticket:</source>
        <translation>&amp;Ticket&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe&#xa0;:</translation>
    </message>
    <message>
        <source>CIM ticket</source>
        <translation>Ticket CIM</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Enter the user name, or choose &quot;None&quot; as authentication.</source>
        <translation>Saisissez le nom d&apos;utilisateur, ou choisissez «&#xa0;Aucune&#xa0;» comme authentification.</translation>
    </message>
    <message>
        <source>Enter the CIM ticket (from AcquireCimServicesTicket).</source>
        <translation>Saisissez le ticket CIM (issu de AcquireCimServicesTicket).</translation>
    </message>
    <message>
        <source>A client certificate needs its private key, and the other way round.</source>
        <translation>Un certificat client nécessite sa clé privée, et inversement.</translation>
    </message>
    <message>
        <source>The pinned certificate must be a SHA-256 fingerprint: 64 hex digits, colons allowed.</source>
        <translation>Le certificat épinglé doit être une empreinte SHA-256&#xa0;: 64 chiffres hexadécimaux, deux-points autorisés.</translation>
    </message>
    <message>
        <source>(no saved profile)</source>
        <translation>(aucun profil enregistré)</translation>
    </message>
    <message>
        <source>Save connection profile</source>
        <translation>Enregistrer le profil de connexion</translation>
    </message>
    <message>
        <source>Profile name (an existing profile of that name is replaced):</source>
        <translation>Nom du profil (un profil existant portant ce nom est remplacé)&#xa0;:</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Nom du profil</translation>
    </message>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>Le profil n&apos;a pas été enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>it needs a name.</source>
        <translation>il lui faut un nom.</translation>
    </message>
    <message>
        <source>Saving &quot;%1&quot;, the password in the system keychain…</source>
        <translation>Enregistrement de «&#xa0;%1&#xa0;», le mot de passe dans le trousseau système…</translation>
    </message>
    <message>
        <source>Saving &quot;%1&quot;…</source>
        <translation>Enregistrement de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; saved, without a password.</source>
        <translation>Profil «&#xa0;%1&#xa0;» enregistré, sans mot de passe.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; saved; the password is in the system keychain.</source>
        <translation>Profil «&#xa0;%1&#xa0;» enregistré&#xa0;; le mot de passe est dans le trousseau système.</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; cannot be used: %2</source>
        <translation>Le profil «&#xa0;%1&#xa0;» ne peut pas être utilisé&#xa0;: %2</translation>
    </message>
    <message>
        <source>There is no profile &quot;%1&quot;.</source>
        <translation>Il n&apos;existe pas de profil «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; loaded.</source>
        <translation>Profil «&#xa0;%1&#xa0;» chargé.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; loaded; reading its password from the system keychain…</source>
        <translation>Profil «&#xa0;%1&#xa0;» chargé&#xa0;; lecture de son mot de passe dans le trousseau système…</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; loaded with its password from the system keychain.</source>
        <translation>Profil «&#xa0;%1&#xa0;» chargé avec son mot de passe du trousseau système.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; deleted.</source>
        <translation>Profil «&#xa0;%1&#xa0;» supprimé.</translation>
    </message>
    <message>
        <source>Find WBEM servers (SLP)</source>
        <translation>Rechercher des serveurs WBEM (SLP)</translation>
    </message>
</context>
<context>
    <name>cimdiag::TcpCheck</name>
    <message>
        <source>Looking up %1 (A and AAAA)</source>
        <translation>Résolution de %1 (A et AAAA)</translation>
    </message>
    <message>
        <source>No address to connect to: %1</source>
        <translation>Aucune adresse à laquelle se connecter&#xa0;: %1</translation>
    </message>
    <message>
        <source>Connecting to ports %1 and %2 on %3 address(es)</source>
        <translation>Connexion aux ports %1 et %2 sur %3 adresse(s)</translation>
    </message>
    <message>
        <source>Connecting to port %1 on %2 address(es)</source>
        <translation>Connexion au port %1 sur %2 adresse(s)</translation>
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
        <translation>aucune réponse en %1 (filtré ?)</translation>
    </message>
    <message>
        <source>open (connected in %1)</source>
        <translation>ouvert (connecté en %1)</translation>
    </message>
    <message>
        <source>refused (%1)</source>
        <translation>refusé (%1)</translation>
    </message>
    <message>
        <source>no answer within %1 (filtered)</source>
        <translation>aucune réponse en %1 (filtré)</translation>
    </message>
    <message>
        <source>unreachable (%1)</source>
        <translation>inaccessible (%1)</translation>
    </message>
    <message>
        <source>accepted, then closed at once (EOF)</source>
        <translation>accepté, puis fermé aussitôt (EOF)</translation>
    </message>
    <message>
        <source>accepted, then reset (%1)</source>
        <translation>accepté, puis réinitialisé (%1)</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>échec&#xa0;: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>No answer within %1; not waited for longer</source>
        <translation>Aucune réponse en %1&#xa0;; pas d&apos;attente supplémentaire</translation>
    </message>
    <message>
        <source>No address to connect to</source>
        <translation>Aucune adresse à laquelle se connecter</translation>
    </message>
    <message>
        <source>Port %1 is open on %2 (connected in %3)</source>
        <translation>Le port %1 est ouvert sur %2 (connecté en %3)</translation>
    </message>
    <message>
        <source>Port %1 is open on all %2 addresses (fastest connect %3)</source>
        <translation>Le port %1 est ouvert sur les %2 adresses (connexion la plus rapide %3)</translation>
    </message>
    <message>
        <source>Port %1 is open over %2 but not over %3: %4 on %5</source>
        <translation>Le port %1 est ouvert en %2 mais pas en %3&#xa0;: %4 sur %5</translation>
    </message>
    <message>
        <source>A client that tries %1 first fails or waits; connect to %2 explicitly, or make the server listen on both families.</source>
        <translation>Un client qui essaie %1 en premier échoue ou attend&#xa0;; connectez-vous explicitement à %2, ou faites écouter le serveur sur les deux familles.</translation>
    </message>
    <message>
        <source>Port %1 is open on %2 but not on %3: %4</source>
        <translation>Le port %1 est ouvert sur %2 mais pas sur %3&#xa0;: %4</translation>
    </message>
    <message>
        <source>Port %1 refused the connection (%2)</source>
        <translation>Le port %1 a refusé la connexion (%2)</translation>
    </message>
    <message>
        <source>Port %1 did not answer within %2: the connection attempts are silently dropped</source>
        <translation>Le port %1 n&apos;a pas répondu en %2&#xa0;: les tentatives de connexion sont rejetées silencieusement</translation>
    </message>
    <message>
        <source>Port %1 is unreachable (%2): a router or firewall rejects the connection</source>
        <translation>Le port %1 est inaccessible (%2)&#xa0;: un routeur ou un pare-feu rejette la connexion</translation>
    </message>
    <message>
        <source>Port %1 accepted the connection, then closed it without a byte (EOF)</source>
        <translation>Le port %1 a accepté la connexion, puis l&apos;a fermée sans envoyer un octet (EOF)</translation>
    </message>
    <message>
        <source>Port %1 accepted the connection, then reset it (%2)</source>
        <translation>Le port %1 a accepté la connexion, puis l&apos;a réinitialisée (%2)</translation>
    </message>
    <message>
        <source>Connecting to port %1 failed: %2</source>
        <translation>Échec de la connexion au port %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>; port %1 (%2) is open: try %3</source>
        <translation>; le port %1 (%2) est ouvert&#xa0;: essayez %3</translation>
    </message>
    <message>
        <source>&quot;Refused&quot; means a TCP reset from the host, or an ICMP port-unreachable from a firewall (Linux reports both as ECONNREFUSED).</source>
        <translation>«&#xa0;Refusé&#xa0;» signifie un reset TCP de l&apos;hôte, ou un ICMP port-unreachable d&apos;un pare-feu (Linux signale les deux comme ECONNREFUSED).</translation>
    </message>
    <message>
        <source>%1 port %2: %3</source>
        <translation>%1 port %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>The other CIM port %1 (%2): %3</source>
        <translation>L&apos;autre port CIM %1 (%2)&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>cimdiag::TcpProbe</name>
    <message>
        <source>No answer to the connection attempt within %1 ms</source>
        <translation>Aucune réponse à la tentative de connexion en %1 ms</translation>
    </message>
</context>
<context>
    <name>cimdiag::TlsCheck</name>
    <message>
        <source>plain http: no TLS to check</source>
        <translation>http simple&#xa0;: aucun TLS à vérifier</translation>
    </message>
    <message>
        <source>TLS handshake with %1</source>
        <translation>Négociation TLS avec %1</translation>
    </message>
    <message>
        <source>Default handshake failed; trying one relaxation at a time</source>
        <translation>La négociation par défaut a échoué&#xa0;; essai des assouplissements un par un</translation>
    </message>
</context>
<context>
    <name>cimdiag::TlsProbe</name>
    <message numerus="yes">
        <source>CA file %1 (%n certificate(s))</source>
        <translation>
            <numerusform>Fichier d&apos;AC %1 (%n certificat)</numerusform>
            <numerusform>Fichier d&apos;AC %1 (%n certificats)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CA directory %1 (%n certificate(s))</source>
        <translation>
            <numerusform>Répertoire d&apos;AC %1 (%n certificat)</numerusform>
            <numerusform>Répertoire d&apos;AC %1 (%n certificats)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>system (Qt system store, %n certificate(s))</source>
        <translation>
            <numerusform>système (magasin système de Qt, %n certificat)</numerusform>
            <numerusform>système (magasin système de Qt, %n certificats)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1=%2 is set in the environment (not used for this verification)</source>
        <translation>%1=%2 est défini dans l&apos;environnement (non utilisé pour cette vérification)</translation>
    </message>
    <message>
        <source>no client certificate in %1</source>
        <translation>aucun certificat client dans %1</translation>
    </message>
    <message>
        <source>no usable private key in %1</source>
        <translation>aucune clé privée utilisable dans %1</translation>
    </message>
    <message>
        <source>Connection timed out</source>
        <translation>Délai de connexion dépassé</translation>
    </message>
</context>
<context>
    <name>cimdiag::WbemErrorDiagnosis</name>
    <message>
        <source>no connection within the timeout</source>
        <translation>pas de connexion avant l&apos;expiration du délai d&apos;attente</translation>
    </message>
    <message>
        <source>no complete reply within the timeout</source>
        <translation>pas de réponse complète avant l&apos;expiration du délai d&apos;attente</translation>
    </message>
    <message>
        <source>the operation ran over its total time limit</source>
        <translation>l&apos;opération a dépassé son délai total</translation>
    </message>
    <message>
        <source>the reply is not valid CIM-XML: %1</source>
        <translation>la réponse n&apos;est pas du CIM-XML valide&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::WelcomePrompt</name>
    <message>
        <source>Welcome to CIM Diagnostics</source>
        <translation>Bienvenue dans Diagnostic CIM</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;New to cimdiag?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;The demo starts the built-in CIM server simulator on this computer (127.0.0.1) and diagnoses the connection to it, stage by stage, so you can see what a diagnosis looks like before you point cimdiag at a real server.&lt;/p&gt;&lt;p&gt;The Demo menu starts it again, with any failure scenario.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Vous découvrez cimdiag ?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;La démo démarre le simulateur de serveur CIM intégré sur cet ordinateur (127.0.0.1) et diagnostique la connexion à celui-ci, étape par étape, pour que vous voyiez à quoi ressemble un diagnostic avant de pointer cimdiag vers un vrai serveur.&lt;/p&gt;&lt;p&gt;Le menu Démo la relance, avec n&apos;importe quel scénario de panne.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Run the demo diagnosis</source>
        <translation>&amp;Lancer le diagnostic de démo</translation>
    </message>
    <message>
        <source>Run the demo diagnosis</source>
        <translation>Lancer le diagnostic de démo</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>&amp;Pas maintenant</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Pas maintenant</translation>
    </message>
</context>
</TS>
