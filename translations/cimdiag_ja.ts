<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AppPaths</name>
    <message>
        <source>%1 exists and is not a folder.</source>
        <translation>%1 は存在しますが、フォルダーではありません。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>フォルダー %1 を作成できません。</translation>
    </message>
</context>
<context>
    <name>AuditedSettings</name>
    <message>
        <source>%1 is a secret and is not stored</source>
        <translation>%1 は秘密情報のため保存されません</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Try &apos;%1 --help&apos; for more information.</source>
        <translation>詳しくは &apos;%1 --help&apos; を実行してください。</translation>
    </message>
    <message>
        <source>FILE is the response to operation NAME, e.g. EnumerateInstances, GetClass, InvokeMethod (case-insensitive).</source>
        <translation>FILE は操作 NAME (例: EnumerateInstances、GetClass、InvokeMethod、大文字と小文字を区別しない) への応答です。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>FILE is a request (intrinsic, extrinsic or export); its operation is read from it.</source>
        <translation>FILE は要求 (組み込み、外部、またはエクスポート) で、その操作は FILE から読み取られます。</translation>
    </message>
    <message>
        <source>Print JSON instead of MOF-like text.</source>
        <translation>MOF 風のテキストではなく JSON を出力します。</translation>
    </message>
    <message>
        <source>Decode a captured CIM-XML message.</source>
        <translation>キャプチャした CIM-XML メッセージをデコードします。</translation>
    </message>
    <message>
        <source>The captured message; - reads standard input.</source>
        <translation>キャプチャしたメッセージ。- で標準入力から読み取ります。</translation>
    </message>
    <message>
        <source>FILE is missing (give - to read standard input).</source>
        <translation>FILE がありません (標準入力から読み取るには - を指定してください)。</translation>
    </message>
    <message>
        <source>one FILE at a time, got %1: %2</source>
        <translation>FILE は一度に 1 つだけです。%1 個指定されました: %2</translation>
    </message>
    <message>
        <source>--request reads the operation from the document; leave out --operation.</source>
        <translation>--request は文書から操作を読み取ります。--operation は省略してください。</translation>
    </message>
    <message>
        <source>--operation NAME is required: a response does not say which operation it answers (or give --request to decode a request).</source>
        <translation>--operation NAME が必要です: 応答にはどの操作への応答かが書かれていません (要求をデコードするには --request を指定してください)。</translation>
    </message>
    <message>
        <source>unknown operation &quot;%1&quot;. Replies to extrinsic methods such as RequestStateChange are InvokeMethod. Valid operations:
%2</source>
        <translation>不明な操作 &quot;%1&quot; です。RequestStateChange などの外部メソッドへの応答は InvokeMethod です。有効な操作:
%2</translation>
    </message>
    <message>
        <source>Password: </source>
        <translation>パスワード: </translation>
    </message>
    <message>
        <source>CIM ticket: </source>
        <translation>CIM チケット: </translation>
    </message>
    <message>
        <source>cimdiag-cli: warning: cannot write the audit trail: %1</source>
        <translation>cimdiag-cli: 警告: 監査証跡を書き込めません: %1</translation>
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
        <translation>CIM/WBEM 接続診断ツール cimdiag のコマンドラインツールです。

コマンド:
  check    CIM サーバーへの接続をステージごとに診断
  decode   キャプチャした CIM-XML の応答または要求をデコードして表示
  listen   インジケーションリスナーを実行し、受信内容を表示
  audit    監査証跡の表示・検証、または記録の有効化・無効化
  discover SLP で自身を広告している WBEM サーバーを検索

各コマンドのオプションは &apos;cimdiag-cli COMMAND --help&apos; で表示されます。</translation>
    </message>
    <message>
        <source>The command to run: %1.</source>
        <translation>実行するコマンド: %1。</translation>
    </message>
    <message>
        <source>The command&apos;s options and arguments.</source>
        <translation>コマンドのオプションと引数。</translation>
    </message>
    <message>
        <source>no command given; the commands are: %1.</source>
        <translation>コマンドが指定されていません。コマンド: %1。</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; the commands are: %2.</source>
        <translation>不明なコマンド &quot;%1&quot; です。コマンド: %2。</translation>
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
        <translation>監査証跡 (%1) の表示、検証、切り替えを行います。

サブコマンド:
  show      レコードを表示 (--json: 保存形式のまま、1 行に 1 つの JSON オブジェクト)
  verify    ハッシュチェーンを検査。正常なら 0、異常なら最初の不正な行とともに 1 で終了
  enable    監査証跡を記録 (既定)。--syslog で syslog にもコピー
  disable   記録を停止 (最後のレコードにその旨が記録される)</translation>
    </message>
    <message>
        <source>show: print the records as stored.</source>
        <translation>show: レコードを保存形式のまま表示します。</translation>
    </message>
    <message>
        <source>show: only records at or after WHEN (ISO 8601 date or date-time, or 30m, 12h, 7d).</source>
        <translation>show: WHEN 以降のレコードのみ (ISO 8601 の日付または日時、または 30m、12h、7d)。</translation>
    </message>
    <message>
        <source>WHEN</source>
        <translation>WHEN</translation>
    </message>
    <message>
        <source>The trail to read (default: %1).</source>
        <translation>読み取る証跡 (既定: %1)。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>enable: also copy every record to syslog.</source>
        <translation>enable: すべてのレコードを syslog にもコピーします。</translation>
    </message>
    <message>
        <source>enable: stop copying to syslog.</source>
        <translation>enable: syslog へのコピーを停止します。</translation>
    </message>
    <message>
        <source>Work with the audit trail.</source>
        <translation>監査証跡を操作します。</translation>
    </message>
    <message>
        <source>show, verify, enable or disable.</source>
        <translation>show、verify、enable または disable。</translation>
    </message>
    <message>
        <source>Try &apos;cimdiag-cli audit --help&apos; for more information.</source>
        <translation>詳しくは &apos;cimdiag-cli audit --help&apos; を実行してください。</translation>
    </message>
    <message>
        <source>give one subcommand: show, verify, enable or disable.</source>
        <translation>サブコマンドを 1 つ指定してください: show、verify、enable または disable。</translation>
    </message>
    <message>
        <source>%1: no audit trail yet (nothing to verify)</source>
        <translation>%1: 監査証跡はまだありません (検証するものがありません)</translation>
    </message>
    <message>
        <source>%1: valid, %2 records in an intact chain</source>
        <translation>%1: 有効、%2 件のレコードのチェーンは損なわれていません</translation>
    </message>
    <message>
        <source>%1:%2: broken: %3</source>
        <translation>%1:%2: 破損: %3</translation>
    </message>
    <message>
        <source>Records before it in an intact chain: %1.</source>
        <translation>それより前の損なわれていないチェーンのレコード: %1。</translation>
    </message>
    <message>
        <source>--since: &quot;%1&quot; is neither a date, a date-time nor a span like 12h</source>
        <translation>--since: &quot;%1&quot; は日付、日時、12h のような期間のいずれでもありません</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>--syslog and --no-syslog exclude each other.</source>
        <translation>--syslog と --no-syslog は同時に指定できません。</translation>
    </message>
    <message>
        <source>The audit trail is on (%1).</source>
        <translation>監査証跡は有効です (%1)。</translation>
    </message>
    <message>
        <source>The audit trail is off.</source>
        <translation>監査証跡は無効です。</translation>
    </message>
    <message>
        <source>unknown subcommand &quot;%1&quot;; the subcommands are: show, verify, enable, disable.</source>
        <translation>不明なサブコマンド &quot;%1&quot; です。サブコマンド: show、verify、enable、disable。</translation>
    </message>
</context>
<context>
    <name>CliCheckCommand</name>
    <message>
        <source>cannot write the report %1: %2</source>
        <translation>レポート %1 を書き込めません: %2</translation>
    </message>
    <message numerus="yes">
        <source>Interop namespace %1: removed %n cimdiag object(s)
</source>
        <translation>
            <numerusform>interop 名前空間 %1: cimdiag のオブジェクトを %n 個削除しました
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CliCheckOptions</name>
    <message>
        <source>--password is not accepted: a password given as an argument shows in the process list, the shell history and audit logs. Use --password-stdin (reads one line from standard input) or --password-env VAR (reads the environment variable VAR).</source>
        <translation>--password は受け付けません: 引数で指定したパスワードは、プロセス一覧、シェル履歴、監査ログに表示されます。--password-stdin (標準入力から 1 行読み取る) または --password-env VAR (環境変数 VAR を読み取る) を使用してください。</translation>
    </message>
    <message>
        <source>The user for HTTP Basic authentication.</source>
        <translation>HTTP Basic 認証のユーザー。</translation>
    </message>
    <message>
        <source>USER</source>
        <translation>USER</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation>標準入力の最初の行からパスワードを読み取ります。</translation>
    </message>
    <message>
        <source>Read the password from environment variable VAR.</source>
        <translation>環境変数 VAR からパスワードを読み取ります。</translation>
    </message>
    <message>
        <source>VAR</source>
        <translation>VAR</translation>
    </message>
    <message>
        <source>Read a VMware ESXi CIM ticket (AcquireCimServicesTicket) from the first line of standard input.</source>
        <translation>標準入力の最初の行から VMware ESXi の CIM チケット (AcquireCimServicesTicket) を読み取ります。</translation>
    </message>
    <message>
        <source>Read an ESXi CIM ticket from environment variable VAR.</source>
        <translation>環境変数 VAR から ESXi の CIM チケットを読み取ります。</translation>
    </message>
    <message>
        <source>Trust the CA certificates in PATH (a PEM file, or a directory of them) instead of the system store.</source>
        <translation>システムのストアの代わりに PATH 内の CA 証明書 (PEM ファイル、またはそのディレクトリ) を信頼します。</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PATH</translation>
    </message>
    <message>
        <source>2-way TLS: the client certificate (PEM).</source>
        <translation>双方向 TLS: クライアント証明書 (PEM)。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>2-way TLS: the client certificate&apos;s private key (PEM).</source>
        <translation>双方向 TLS: クライアント証明書の秘密鍵 (PEM)。</translation>
    </message>
    <message>
        <source>Continue past this certificate verification error (repeatable): %1.</source>
        <translation>この証明書検証エラーを無視して続行します (複数指定可): %1。</translation>
    </message>
    <message>
        <source>ERR</source>
        <translation>ERR</translation>
    </message>
    <message>
        <source>Accept the server certificate whose SHA-256 fingerprint is HEX (64 hex digits, colons allowed), whatever verification says; any other certificate fails.</source>
        <translation>SHA-256 フィンガープリントが HEX (16 進数 64 桁、コロン可) のサーバー証明書を、検証結果にかかわらず受け付けます。他の証明書は失敗します。</translation>
    </message>
    <message>
        <source>HEX</source>
        <translation>HEX</translation>
    </message>
    <message>
        <source>Do not check that the certificate names the host.</source>
        <translation>証明書がホスト名を含むかをチェックしません。</translation>
    </message>
    <message>
        <source>Namespace of the sample enumerate (default: chosen from the server&apos;s namespaces).</source>
        <translation>サンプル列挙の名前空間 (既定: サーバーの名前空間から選択)。</translation>
    </message>
    <message>
        <source>NS</source>
        <translation>NS</translation>
    </message>
    <message>
        <source>Class of the sample enumerate (default: CIM_ComputerSystem).</source>
        <translation>サンプル列挙のクラス (既定: CIM_ComputerSystem)。</translation>
    </message>
    <message>
        <source>CLASS</source>
        <translation>CLASS</translation>
    </message>
    <message>
        <source>Probe this interop namespace (repeatable; replaces the default list %1).</source>
        <translation>この interop 名前空間を調べます (複数指定可。既定の一覧 %1 を置き換えます)。</translation>
    </message>
    <message>
        <source>Limit of each network step (TCP connect, TLS handshake, one HTTP exchange) in seconds; decimals allowed (default 10).</source>
        <translation>各ネットワークステップ (TCP 接続、TLS ハンドシェイク、1 回の HTTP 交換) の制限時間 (秒、小数可、既定 10)。</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDS</translation>
    </message>
    <message>
        <source>Run only this stage (repeatable or comma-separated): %1.</source>
        <translation>このステージのみ実行します (複数指定またはカンマ区切り): %1。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Print the results as JSON (docs/check-json-schema.md) and nothing else on standard output.</source>
        <translation>結果を JSON (docs/check-json-schema.md) で出力し、標準出力には他に何も出力しません。</translation>
    </message>
    <message>
        <source>Also write a report to FILE, in the format its extension names: .json (docs/report-json.md), .html or .htm, .md, .txt.</source>
        <translation>レポートを FILE にも書き込みます。形式は拡張子で決まります: .json (docs/report-json.md)、.html または .htm、.md、.txt。</translation>
    </message>
    <message>
        <source>Stream these log channels to standard error as they happen: ops, http, check (comma-separated).</source>
        <translation>これらのログチャネルを発生時に標準エラー出力へ流します: ops、http、check (カンマ区切り)。</translation>
    </message>
    <message>
        <source>CHANNELS</source>
        <translation>CHANNELS</translation>
    </message>
    <message>
        <source>No progress and no per-stage lines: only the summary.</source>
        <translation>進行状況とステージごとの行を表示せず、概要のみ表示します。</translation>
    </message>
    <message>
        <source>The summary shows the details and evidence of every stage.</source>
        <translation>概要にすべてのステージの詳細と証拠を表示します。</translation>
    </message>
    <message>
        <source>No colours on a terminal (the NO_COLOR variable does the same).</source>
        <translation>端末で色を使用しません (NO_COLOR 変数でも同じ)。</translation>
    </message>
    <message>
        <source>Check every target in FILE (one URL or host[:port] a line; # comments) and print one JSON line per target as it finishes.</source>
        <translation>FILE 内のすべての接続先 (1 行に 1 つの URL または host[:port]、# でコメント) をチェックし、完了するごとに接続先ごとに 1 行の JSON を出力します。</translation>
    </message>
    <message>
        <source>With --hosts: how many targets to check at once (1-%1, default %2).</source>
        <translation>--hosts 使用時: 同時にチェックする接続先の数 (1-%1、既定 %2)。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Also run the SLP discovery stage: ask the target&apos;s SLP agent (UDP 427) for service:wbem and, unless the target is on loopback, multicast the query (--stage slp does the same).</source>
        <translation>SLP 検出ステージも実行します: 接続先の SLP エージェント (UDP 427) に service:wbem を問い合わせ、接続先がループバックでなければマルチキャストでも問い合わせます (--stage slp も同じ)。</translation>
    </message>
    <message>
        <source>The target&apos;s SLP port for --slp (default 427; another port turns the multicast query off).</source>
        <translation>--slp で使う接続先の SLP ポート (既定 427。他のポートではマルチキャスト問い合わせは無効)。</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORT</translation>
    </message>
    <message>
        <source>Diagnose the connection to a CIM server.</source>
        <translation>CIM サーバーへの接続を診断します。</translation>
    </message>
    <message>
        <source>https://host:5989, http://host:5988, host:port or host (https, port 5989).</source>
        <translation>https://host:5989、http://host:5988、host:port または host (https、ポート 5989)。</translation>
    </message>
    <message>
        <source>--hosts needs a FILE.</source>
        <translation>--hosts には FILE が必要です。</translation>
    </message>
    <message>
        <source>give either a TARGET or --hosts FILE, not both (got %1).</source>
        <translation>TARGET と --hosts FILE のどちらか一方を指定してください (%1 が指定されました)。</translation>
    </message>
    <message>
        <source>--hosts %1: not a readable file.</source>
        <translation>--hosts %1: 読み取り可能なファイルではありません。</translation>
    </message>
    <message>
        <source>--report writes one target&apos;s results; with --hosts every result is a JSON line on standard output.</source>
        <translation>--report は 1 つの接続先の結果を書き込みます。--hosts ではすべての結果が標準出力に JSON 行として出力されます。</translation>
    </message>
    <message>
        <source>TARGET is missing: give https://host:5989, host:port or host (or --hosts FILE).</source>
        <translation>TARGET がありません: https://host:5989、host:port または host (または --hosts FILE) を指定してください。</translation>
    </message>
    <message>
        <source>one TARGET at a time, got %1: %2 (use --hosts FILE for many).</source>
        <translation>TARGET は一度に 1 つだけです。%1 個指定されました: %2 (多数の場合は --hosts FILE を使用してください)。</translation>
    </message>
    <message>
        <source>--parallel only applies to --hosts FILE.</source>
        <translation>--parallel は --hosts FILE にのみ適用されます。</translation>
    </message>
    <message>
        <source>--parallel must be a number from 1 to %1, got &quot;%2&quot;.</source>
        <translation>--parallel は 1 から %1 までの数値にしてください (&quot;%2&quot; が指定されました)。</translation>
    </message>
    <message>
        <source>give one password source: --password-stdin or --password-env, not both.</source>
        <translation>パスワードの入力元は 1 つだけ指定してください: --password-stdin または --password-env。</translation>
    </message>
    <message>
        <source>give one ticket source: --ticket-stdin or --ticket-env, not both.</source>
        <translation>チケットの入力元は 1 つだけ指定してください: --ticket-stdin または --ticket-env。</translation>
    </message>
    <message>
        <source>a CIM ticket replaces user and password: give either a password or a ticket.</source>
        <translation>CIM チケットはユーザーとパスワードの代わりになります: パスワードまたはチケットのどちらかを指定してください。</translation>
    </message>
    <message>
        <source>a CIM ticket is sent as its own user name: leave out --user.</source>
        <translation>CIM チケットはそれ自体がユーザー名として送信されます: --user は省略してください。</translation>
    </message>
    <message>
        <source>--user needs a password: --password-stdin or --password-env VAR.</source>
        <translation>--user にはパスワードが必要です: --password-stdin または --password-env VAR。</translation>
    </message>
    <message>
        <source>a password needs --user USER.</source>
        <translation>パスワードには --user USER が必要です。</translation>
    </message>
    <message>
        <source>standard input is empty: --%1-stdin reads the %1 from its first line.</source>
        <translation>標準入力が空です: --%1-stdin は最初の行から %1 を読み取ります。</translation>
    </message>
    <message>
        <source>the first line of standard input is empty: --%1-stdin reads the %1 from it.</source>
        <translation>標準入力の最初の行が空です: --%1-stdin はそこから %1 を読み取ります。</translation>
    </message>
    <message>
        <source>--%1-env needs the name of an environment variable.</source>
        <translation>--%1-env には環境変数名が必要です。</translation>
    </message>
    <message>
        <source>environment variable %1 (from --%2-env) is not set.</source>
        <translation>環境変数 %1 (--%2-env で指定) が設定されていません。</translation>
    </message>
    <message>
        <source>environment variable %1 (from --%2-env) is empty.</source>
        <translation>環境変数 %1 (--%2-env で指定) が空です。</translation>
    </message>
    <message>
        <source>--user needs a user name.</source>
        <translation>--user にはユーザー名が必要です。</translation>
    </message>
    <message>
        <source>--ca %1: no such readable file or directory.</source>
        <translation>--ca %1: 読み取り可能なファイルまたはディレクトリがありません。</translation>
    </message>
    <message>
        <source>2-way TLS needs both --client-cert FILE and --client-key FILE.</source>
        <translation>双方向 TLS には --client-cert FILE と --client-key FILE の両方が必要です。</translation>
    </message>
    <message>
        <source>--%1 %2: not a readable file.</source>
        <translation>--%1 %2: 読み取り可能なファイルではありません。</translation>
    </message>
    <message>
        <source>unknown --accept-tls-error &quot;%1&quot;; the names are: %2.</source>
        <translation>不明な --accept-tls-error &quot;%1&quot; です。有効な名前: %2。</translation>
    </message>
    <message>
        <source>--pin must be a SHA-256 fingerprint: 64 hex digits, colons allowed (as `openssl x509 -noout -fingerprint -sha256` prints it), got &quot;%1&quot;.</source>
        <translation>--pin は SHA-256 フィンガープリント (16 進数 64 桁、コロン可。`openssl x509 -noout -fingerprint -sha256` の出力形式) にしてください (&quot;%1&quot; が指定されました)。</translation>
    </message>
    <message>
        <source>--interop needs a namespace name.</source>
        <translation>--interop には名前空間名が必要です。</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds above 0 and at most 3600 (e.g. 2.5), got &quot;%1&quot;.</source>
        <translation>--timeout は 0 より大きく 3600 以下の秒数 (例: 2.5) にしてください (&quot;%1&quot; が指定されました)。</translation>
    </message>
    <message>
        <source>unknown --stage &quot;%1&quot;; the stages are: %2.</source>
        <translation>不明な --stage &quot;%1&quot; です。ステージ: %2。</translation>
    </message>
    <message>
        <source>--slp-port must be a port number from 1 to 65535, got &quot;%1&quot;.</source>
        <translation>--slp-port は 1 から 65535 までのポート番号にしてください (&quot;%1&quot; が指定されました)。</translation>
    </message>
    <message>
        <source>--report needs a FILE.</source>
        <translation>--report には FILE が必要です。</translation>
    </message>
    <message>
        <source>unknown --log channel &quot;%1&quot;; the channels are: ops, http, check.</source>
        <translation>不明な --log チャネル &quot;%1&quot; です。チャネル: ops、http、check。</translation>
    </message>
    <message>
        <source>Add the indication listener stage: listen here, subscribe on the server (names cimdiag:..., removed afterwards) and wait for an indication.</source>
        <translation>インジケーションリスナーのステージを追加します: このマシンで待ち受け、サーバーにサブスクリプションを作成し (名前は cimdiag:...、終了後に削除)、インジケーションを待ちます。</translation>
    </message>
    <message>
        <source>The listener&apos;s port (default 0: a free one; give a fixed port for a firewall rule).</source>
        <translation>リスナーのポート (既定 0: 空いているポート。ファイアウォールのルール用には固定ポートを指定してください)。</translation>
    </message>
    <message>
        <source>The address or name the server delivers to (default: the local address of the connection to the server).</source>
        <translation>サーバーの配信先のアドレスまたは名前 (既定: サーバーへの接続のローカルアドレス)。</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADDRESS</translation>
    </message>
    <message>
        <source>How long to wait for an indication, in seconds (default 15).</source>
        <translation>インジケーションを待つ時間 (秒、既定 15)。</translation>
    </message>
    <message>
        <source>Do not diagnose: remove the filters, destinations and subscriptions named cimdiag: that earlier runs left on the server.</source>
        <translation>診断は行いません: 以前の実行がサーバーに残した、cimdiag: という名前のフィルター、宛先、サブスクリプションを削除します。</translation>
    </message>
    <message>
        <source>--listener-port must be a number from 0 to 65535, got &quot;%1&quot;.</source>
        <translation>--listener-port は 0 から 65535 までの数値にしてください (&quot;%1&quot; が指定されました)。</translation>
    </message>
    <message>
        <source>--listener-wait must be a number of seconds above 0 and at most 3600, got &quot;%1&quot;.</source>
        <translation>--listener-wait は 0 より大きく 3600 以下の秒数にしてください (&quot;%1&quot; が指定されました)。</translation>
    </message>
    <message>
        <source>--listener-cleanup runs alone against one TARGET (no --listener, no --hosts).</source>
        <translation>--listener-cleanup は 1 つの TARGET に対して単独で実行します (--listener と --hosts は指定できません)。</translation>
    </message>
    <message>
        <source>http (default) or https: the listener&apos;s scheme. https serves a self-signed certificate made for this run; a server that verifies listener certificates rejects it (F4).</source>
        <translation>http (既定) または https: リスナーのスキーム。https ではこの実行用に作成した自己署名証明書を使用します。リスナー証明書を検証するサーバーはこれを拒否します (F4)。</translation>
    </message>
    <message>
        <source>SCHEME</source>
        <translation>SCHEME</translation>
    </message>
    <message>
        <source>--listener-scheme must be http or https, got &quot;%1&quot;.</source>
        <translation>--listener-scheme は http または https にしてください (&quot;%1&quot; が指定されました)。</translation>
    </message>
    <message>
        <source>With --listener-scheme https: serve the PEM certificate (chain) in FILE instead of one made for this run, so the server can be told to trust it for good (F4). Goes with --listener-key.</source>
        <translation>--listener-scheme https の場合: この実行用に作成した証明書の代わりに FILE 内の PEM 証明書 (チェーン) を使用します。これにより、サーバーがこの証明書を恒久的に信頼するよう設定できます (F4)。--listener-key と一緒に指定してください。</translation>
    </message>
    <message>
        <source>With --listener-cert: the certificate&apos;s unencrypted PEM private key.</source>
        <translation>--listener-cert 用: 証明書の暗号化されていない PEM 秘密鍵。</translation>
    </message>
    <message>
        <source>--listener-port, --listener-address, --listener-scheme, --listener-cert, --listener-key and --listener-wait go with --listener.</source>
        <translation>--listener-port、--listener-address、--listener-scheme、--listener-cert、--listener-key、--listener-wait は --listener と一緒に指定してください。</translation>
    </message>
    <message>
        <source>--listener-cert FILE and --listener-key FILE go together.</source>
        <translation>--listener-cert FILE と --listener-key FILE は一緒に指定してください。</translation>
    </message>
    <message>
        <source>--listener-cert and --listener-key go with --listener-scheme https.</source>
        <translation>--listener-cert と --listener-key は --listener-scheme https と一緒に指定してください。</translation>
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
        <translation>CIM クライアントが CIM サーバーと通信できない理由を診断します: 名前解決、TCP、TLS、HTTP、
認証、サーバーの識別、サンプル列挙の各ステージについて、判定、証拠、問題があればその
原因と対処を示します。

端末では各ステージが実行中に表示されます。--json を指定すると代わりに結果を JSON で出力
します (スキーマは docs/check-json-schema.md)。パスワードは引数では受け付けません:
--password-stdin または --password-env VAR を使用してください。

--listener はインジケーションリスナーのステージを追加します: このマシンで待ち受け、サーバーに
サブスクリプション (cimdiag:&lt;run id&gt; という名前の一時的なフィルター、宛先、サブスクリプション)
を作成し、インジケーションを待ってから、作成したものを削除します (中断された場合も削除します)。
--listener-scheme https では、その実行用に作成した自己署名証明書で待ち受けます。
--listener-cert FILE と --listener-key FILE を指定した場合は、サーバーが信頼するよう設定できる
証明書で待ち受けます。
--listener-cleanup は以前の実行が残したものを削除します。

--hosts FILE は多数の接続先を同じ資格情報と TLS オプションで同時に (--parallel N) チェックし、
完了するごとに接続先ごとに 1 行の JSON を出力します。&quot;line&quot; は FILE 内の行番号です。
接続先でない行には &quot;error&quot; を含む JSON 行が出力されます。

終了ステータス:
  0    すべてのステージが成功した
  1    警告あり、失敗なし
  2    ステージが失敗した (--hosts の場合: いずれかの接続先が失敗したか、接続先でない行がある)
  64   使用法エラー: 不正なオプションまたは値、パスワードの入力元がない
  64   --report FILE の拡張子が .json、.html、.htm、.md、.txt 以外の場合も同様
  74   --report のファイルを書き込めなかった
  130  中断された (SIGINT または SIGTERM)。完了した分は出力される</translation>
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
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>PASSED</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>PASSED WITH WARNINGS</source>
        <translation>成功 (警告あり)</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>%1 passed</source>
        <translation>成功 %1</translation>
    </message>
    <message>
        <source>%1 with warnings</source>
        <translation>警告 %1</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>失敗 %1</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>スキップ %1</translation>
    </message>
    <message>
        <source>Result: %1 (%2) in %3 ms, %4</source>
        <translation>結果: %1 (%2)、%3 ms、%4</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>証拠:</translation>
    </message>
    <message>
        <source>(not in the hint catalogue)</source>
        <translation>(ヒントカタログにありません)</translation>
    </message>
    <message>
        <source>Cause: %1</source>
        <translation>原因: %1</translation>
    </message>
    <message>
        <source>Remedy: %1</source>
        <translation>対処: %1</translation>
    </message>
    <message>
        <source>To trust exactly this certificate, once its fingerprint matches the one the server shows, add:</source>
        <translation>この証明書だけを信頼するには、フィンガープリントがサーバーに表示されるものと一致することを確認した上で、次を追加してください:</translation>
    </message>
    <message>
        <source>The passed stages&apos; details: --verbose, or --json / --report FILE.</source>
        <translation>成功したステージの詳細: --verbose、または --json / --report FILE。</translation>
    </message>
    <message>
        <source>Checking %1</source>
        <translation>%1 をチェックしています</translation>
    </message>
    <message>
        <source>as %1</source>
        <translation>ユーザー %1 として</translation>
    </message>
    <message>
        <source>with a CIM ticket</source>
        <translation>CIM チケットを使用</translation>
    </message>
</context>
<context>
    <name>CliDecodeCommand</name>
    <message>
        <source>standard input</source>
        <translation>標準入力</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 は空です</translation>
    </message>
    <message>
        <source>a CIM-XML request</source>
        <translation>CIM-XML 要求</translation>
    </message>
    <message>
        <source>a CIM-XML %1 response</source>
        <translation>CIM-XML %1 応答</translation>
    </message>
    <message>
        <source>%1 is not %2: %3</source>
        <translation>%1 は %2 ではありません: %3</translation>
    </message>
    <message>
        <source>cannot write the output: %1</source>
        <translation>出力を書き込めません: %1</translation>
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
        <translation>キャプチャした CIM-XML メッセージをデコードし、その内容を表示します。

FILE は、--operation で指定した操作に対する CIM-XML 応答の本文 (例えば EnumerateInstances に
対してサーバーが返したもの)、または --request を指定した場合は CIM-XML 要求 (IMETHODCALL、
METHODCALL、またはインジケーション配信などの EXPMETHODCALL) です。&quot;-&quot; で標準入力から
読み取ります。応答はその操作に照らして検査されます: インスタンスを含む
EnumerateInstanceNames の応答は、空の結果ではなくエラーになります。

出力は MOF 風のテキストです: &quot;//&quot; 行はメッセージの説明、インスタンス、クラス、修飾子宣言は
MOF、インスタンス名は WBEM URI、戻り値、パラメーター、引数は &quot;type Name = value;&quot; の形式です。
--json は JSON オブジェクトを出力します。

CIM エラーを報告する応答も有効な文書です: &quot;CIM error: CIM_ERR_NAME (code): description&quot; と、
サーバーが添付した CIM_Error インスタンスを出力し、0 で終了します。スクリプトでは --json で
判定できます: .status.ok が false になります。

終了ステータス:
  0   文書をデコードした (CIM エラーを報告する応答を含む)
  2   文書がその操作に対する有効な CIM-XML ではない。標準エラー出力のエラーに
      行、列、要素パスが示される
  64  使用法エラー: 不明なオプションまたは操作、FILE がない
  66  FILE を開けない
  74  FILE の読み取りまたは出力の書き込みに失敗した</translation>
    </message>
</context>
<context>
    <name>CliDiscoverCommand</name>
    <message>
        <source>Find WBEM servers that advertise service:wbem over SLP (RFC 2608, DSP0206) and show their attributes.

Exit status: 0 a server was found, 1 none, 64 usage error.</source>
        <translation>SLP (RFC 2608、DSP0206) で service:wbem を広告している WBEM サーバーを検索し、その属性を表示します。

終了ステータス: 0 サーバーが見つかった、1 見つからない、64 使用法エラー。</translation>
    </message>
    <message>
        <source>Ask the SLP agent on HOST (port 427 or PORT) directly instead of multicasting (repeatable).</source>
        <translation>マルチキャストの代わりに HOST (ポート 427 または PORT) の SLP エージェントに直接問い合わせます (複数指定可)。</translation>
    </message>
    <message>
        <source>HOST[:PORT]</source>
        <translation>HOST[:PORT]</translation>
    </message>
    <message>
        <source>The SLP scope to ask in (repeatable; default DEFAULT).</source>
        <translation>問い合わせる SLP スコープ (複数指定可。既定 DEFAULT)。</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>How long to wait for answers in seconds; decimals allowed (default 5).</source>
        <translation>応答を待つ秒数 (小数可、既定 5)。</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDS</translation>
    </message>
    <message>
        <source>Broadcast the query instead of multicasting it (networks without multicast).</source>
        <translation>マルチキャストの代わりにブロードキャストで問い合わせます (マルチキャストのないネットワーク用)。</translation>
    </message>
    <message>
        <source>Multicast TTL: how many routers the query may cross (1-255, default 8).</source>
        <translation>マルチキャスト TTL: 問い合わせが越えられるルーターの数 (1-255、既定 8)。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation>結果を JSON で出力します。</translation>
    </message>
    <message>
        <source>Find WBEM servers over SLP.</source>
        <translation>SLP で WBEM サーバーを検索します。</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;.</source>
        <translation>予期しない引数 &quot;%1&quot; です。</translation>
    </message>
    <message>
        <source>--unicast wants HOST, HOST:PORT or [IPv6]:PORT, got &quot;%1&quot;.</source>
        <translation>--unicast には HOST、HOST:PORT または [IPv6]:PORT を指定してください (&quot;%1&quot; が指定されました)。</translation>
    </message>
    <message>
        <source>--scope wants one scope name, got &quot;%1&quot;.</source>
        <translation>--scope にはスコープ名を 1 つ指定してください (&quot;%1&quot; が指定されました)。</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds above 0 and at most 600, got &quot;%1&quot;.</source>
        <translation>--timeout は 0 より大きく 600 以下の秒数にしてください (&quot;%1&quot; が指定されました)。</translation>
    </message>
    <message>
        <source>--ttl must be from 1 to 255, got &quot;%1&quot;.</source>
        <translation>--ttl は 1 から 255 までにしてください (&quot;%1&quot; が指定されました)。</translation>
    </message>
    <message>
        <source>%1: no SLP agent (ICMP port unreachable)</source>
        <translation>%1: SLP エージェントがありません (ICMP ポート到達不能)</translation>
    </message>
    <message>
        <source>%1: no answer after %2 request(s) (filtered, or the host is down)</source>
        <translation>%1: %2 回の要求に応答がありません (フィルタリングされているか、ホストが停止しています)</translation>
    </message>
    <message>
        <source>%1: SLP error %2</source>
        <translation>%1: SLP エラー %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n service URL(s)</source>
        <translation>
            <numerusform>%1: サービス URL %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Multicast: %1 request(s), %n responder(s)</source>
        <translation>
            <numerusform>マルチキャスト: 要求 %1 回、応答者 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Multicast not sent: %1</source>
        <translation>マルチキャストを送信できませんでした: %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>%1 から</translation>
    </message>
    <message>
        <source>deviation from DSP0206: %1</source>
        <translation>DSP0206 からの逸脱: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n WBEM server URL(s) found.</source>
        <translation>
            <numerusform>%n 件の WBEM サーバー URL が見つかりました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CliListenCommand</name>
    <message>
        <source>Listen on PORT (default 0: a free one).</source>
        <translation>PORT で待ち受けます (既定 0: 空いているポート)。</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORT</translation>
    </message>
    <message>
        <source>Listen on ADDRESS (default: every IPv4 address).</source>
        <translation>ADDRESS で待ち受けます (既定: すべての IPv4 アドレス)。</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>ADDRESS</translation>
    </message>
    <message>
        <source>PEM certificate (chain) for --https.</source>
        <translation>--https 用の PEM 証明書 (チェーン)。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>PEM private key for --https.</source>
        <translation>--https 用の PEM 秘密鍵。</translation>
    </message>
    <message>
        <source>Print one JSON object per line.</source>
        <translation>1 行に 1 つの JSON オブジェクトを出力します。</translation>
    </message>
    <message>
        <source>Stop after N indications.</source>
        <translation>N 件のインジケーションの後に停止します。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Stop after S seconds.</source>
        <translation>S 秒後に停止します。</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Run an indication listener.</source>
        <translation>インジケーションリスナーを実行します。</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>予期しない引数 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--port must be a number from 0 to 65535</source>
        <translation>--port は 0 から 65535 までの数値にしてください</translation>
    </message>
    <message>
        <source>--address &quot;%1&quot; is not an IP address</source>
        <translation>--address &quot;%1&quot; は IP アドレスではありません</translation>
    </message>
    <message>
        <source>--cert and --key go with --https</source>
        <translation>--cert と --key は --https と一緒に指定してください</translation>
    </message>
    <message>
        <source>--count must be a positive number</source>
        <translation>--count は正の数にしてください</translation>
    </message>
    <message>
        <source>--timeout must be a positive number of seconds</source>
        <translation>--timeout は正の秒数にしてください</translation>
    </message>
    <message>
        <source>listening on %1
</source>
        <translation>%1 で待ち受けています
</translation>
    </message>
    <message>
        <source>refused a request from %1: %2 %3 %4
</source>
        <translation>%1 からの要求を拒否しました: %2 %3 %4
</translation>
    </message>
    <message>
        <source>Listen with TLS: with --cert and --key, or a self-signed certificate made at start (its SHA-256 fingerprint is printed).</source>
        <translation>TLS で待ち受けます: --cert と --key を使用するか、起動時に作成した自己署名証明書を使用します (その SHA-256 フィンガープリントを表示します)。</translation>
    </message>
    <message>
        <source>--cert FILE and --key FILE go together</source>
        <translation>--cert FILE と --key FILE は一緒に指定してください</translation>
    </message>
    <message>
        <source>cimdiag-cli listen: cannot make a certificate: %1
</source>
        <translation>cimdiag-cli listen: 証明書を作成できません: %1
</translation>
    </message>
    <message>
        <source>self-signed certificate, SHA-256 %1
</source>
        <translation>自己署名証明書、SHA-256 %1
</translation>
    </message>
    <message>
        <source>Run a CIM-XML indication listener (DSP0200 export: POST and M-POST) and print every indication it receives. The listening URL is printed to standard error first; use it as the Destination of a CIM_ListenerDestinationCIMXML.

Exit status: 0 done, 1 --timeout before --count indications, 64 usage, 66 unusable certificate or key (unreadable, not PEM, not a pair, expired), 69 cannot listen.</source>
        <translation>CIM-XML インジケーションリスナー (DSP0200 エクスポート: POST と M-POST) を実行し、受信したすべてのインジケーションを表示します。待ち受け URL は最初に標準エラー出力に表示されます。CIM_ListenerDestinationCIMXML の Destination として使用してください。

終了ステータス: 0 完了、1 --count 件のインジケーションの前に --timeout、64 使用法、66 証明書または鍵を使用できない (読み取れない、PEM でない、ペアでない、期限切れ)、69 待ち受けできない。</translation>
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
        <translation>%1 の証明書、SHA-256 %2
</translation>
    </message>
</context>
<context>
    <name>GuiMain</name>
    <message>
        <source>Finds out why a CIM client cannot talk to a CIM server.</source>
        <translation>CIM クライアントが CIM サーバーと通信できない原因を調べます。</translation>
    </message>
    <message>
        <source>Start the built-in simulator with SCENARIO (default: healthy) on 127.0.0.1 and fill in its target.</source>
        <translation>組み込みシミュレーターを SCENARIO (既定: healthy) で 127.0.0.1 上に起動し、その接続先を入力します。</translation>
    </message>
    <message>
        <source>List the simulator scenarios and exit.</source>
        <translation>シミュレーターのシナリオを一覧表示して終了します。</translation>
    </message>
    <message>
        <source>With --demo, the scenario; otherwise the server to fill in (https://host:5989, host:port or host).</source>
        <translation>--demo の場合はシナリオ、それ以外は入力するサーバー (https://host:5989、host:port または host)。</translation>
    </message>
    <message>
        <source>CIM Diagnostics</source>
        <translation>CIM 診断</translation>
    </message>
    <message>
        <source>Give one scenario (with --demo) or one target.</source>
        <translation>シナリオ (--demo 指定時) または接続先を 1 つ指定してください。</translation>
    </message>
    <message>
        <source>cimdiag: %1</source>
        <translation>cimdiag: %1</translation>
    </message>
    <message>
        <source>cimdiag: cannot write the audit trail: %1</source>
        <translation>cimdiag: 監査証跡を書き込めません: %1</translation>
    </message>
    <message>
        <source>Demo simulator running: %1</source>
        <translation>デモシミュレーター実行中: %1</translation>
    </message>
    <message>
        <source>cimdiag: demo simulator at %1 (%2)</source>
        <translation>cimdiag: デモシミュレーター %1 (%2)</translation>
    </message>
    <message>
        <source>Demo simulator failed.</source>
        <translation>デモシミュレーターが失敗しました。</translation>
    </message>
    <message>
        <source>cimdiag: demo simulator failed: %1</source>
        <translation>cimdiag: デモシミュレーターが失敗しました: %1</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>デモ</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>デモ(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Start demo scenario…</source>
        <translation>デモシナリオを開始(&amp;S)…</translation>
    </message>
    <message>
        <source>Simulator scenario:</source>
        <translation>シミュレーターのシナリオ:</translation>
    </message>
    <message>
        <source>S&amp;top demo simulator</source>
        <translation>デモシミュレーターを停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>監査証跡(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>cimdiag will use %1 the next time it starts.</source>
        <translation>cimdiag は次回の起動時から %1 を使用します。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Usage: %1</source>
        <translation>使用法: %1</translation>
    </message>
</context>
<context>
    <name>ReportText</name>
    <message>
        <source>Certificate %1</source>
        <translation>証明書 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier line(s) not included.</source>
        <translation>
            <numerusform>それ以前の %n 行は含まれていません。</numerusform>
        </translation>
    </message>
    <message>
        <source>No log lines.</source>
        <translation>ログ行はありません。</translation>
    </message>
    <message numerus="yes">
        <source>%1 channel: %n line(s)</source>
        <translation>
            <numerusform>%1 チャネル: %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>cimdiag report</source>
        <translation>cimdiag レポート</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Stage timeline</source>
        <translation>ステージのタイムライン</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>ステージ</translation>
    </message>
    <message>
        <source>TLS certificate chain</source>
        <translation>TLS 証明書チェーン</translation>
    </message>
    <message>
        <source>Server identity</source>
        <translation>サーバーの識別</translation>
    </message>
    <message>
        <source>Operation statistics</source>
        <translation>操作の統計</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>環境</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>ステージ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Start (ms)</source>
        <translation>開始 (ms)</translation>
    </message>
    <message>
        <source>Duration (ms)</source>
        <translation>所要時間 (ms)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>証拠</translation>
    </message>
    <message>
        <source>Hints</source>
        <translation>ヒント</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>対処</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Started %1, took %2 ms</source>
        <translation>開始 %1、所要時間 %2 ms</translation>
    </message>
    <message>
        <source>(cancelled)</source>
        <translation>(キャンセル)</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>ツール</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>オペレーティングシステム</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>%1 (built with %2), TLS backend %3</source>
        <translation>%1 (ビルド時 %2)、TLS バックエンド %3</translation>
    </message>
    <message>
        <source>OpenSSL</source>
        <translation>OpenSSL</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1 (ビルド時 %2)</translation>
    </message>
    <message>
        <source>Trust store</source>
        <translation>トラストストア</translation>
    </message>
    <message>
        <source>Trust store environment</source>
        <translation>トラストストアの環境</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>接続先</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Basic, user %1</source>
        <translation>Basic、ユーザー %1</translation>
    </message>
    <message>
        <source>CIM ticket</source>
        <translation>CIM チケット</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>資格情報</translation>
    </message>
    <message>
        <source>host name verified</source>
        <translation>ホスト名を検証済み</translation>
    </message>
    <message>
        <source>host name not verified</source>
        <translation>ホスト名は未検証</translation>
    </message>
    <message numerus="yes">
        <source>%n verification error(s) accepted</source>
        <translation>
            <numerusform>%n 件の検証エラーを許容</numerusform>
        </translation>
    </message>
    <message>
        <source>pinned SHA-256 %1</source>
        <translation>ピン留め SHA-256 %1</translation>
    </message>
    <message>
        <source>client certificate %1</source>
        <translation>クライアント証明書 %1</translation>
    </message>
    <message>
        <source>TLS options</source>
        <translation>TLS オプション</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>タイムアウト</translation>
    </message>
    <message>
        <source>%1 ms per network step</source>
        <translation>ネットワークステップごとに %1 ms</translation>
    </message>
    <message>
        <source>Report generated</source>
        <translation>レポート生成日時</translation>
    </message>
    <message>
        <source>Server header</source>
        <translation>Server ヘッダー</translation>
    </message>
    <message>
        <source>Speaks CIM-XML</source>
        <translation>CIM-XML 対応</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Authentication required</source>
        <translation>認証が必要</translation>
    </message>
    <message>
        <source>Realm</source>
        <translation>レルム</translation>
    </message>
    <message>
        <source>Challenge schemes</source>
        <translation>チャレンジ方式</translation>
    </message>
    <message>
        <source>Credentials accepted</source>
        <translation>資格情報の受け入れ</translation>
    </message>
    <message>
        <source>Interop namespace</source>
        <translation>interop 名前空間</translation>
    </message>
    <message>
        <source>Namespaces</source>
        <translation>名前空間</translation>
    </message>
    <message>
        <source>Registered profiles</source>
        <translation>登録済みプロファイル</translation>
    </message>
    <message>
        <source>Object manager</source>
        <translation>オブジェクトマネージャー</translation>
    </message>
    <message>
        <source>Pull operations</source>
        <translation>プル操作</translation>
    </message>
    <message>
        <source>supported</source>
        <translation>サポートあり</translation>
    </message>
    <message>
        <source>not supported</source>
        <translation>サポートなし</translation>
    </message>
    <message>
        <source>Sample enumerate</source>
        <translation>サンプル列挙</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2</source>
        <translation>
            <numerusform>%2 の %1 のインスタンス %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Cipher</source>
        <translation>暗号</translation>
    </message>
    <message>
        <source>%1 (%2 bits)</source>
        <translation>%1 (%2 ビット)</translation>
    </message>
    <message>
        <source>Key exchange</source>
        <translation>鍵交換</translation>
    </message>
    <message>
        <source>Handshake</source>
        <translation>ハンドシェイク</translation>
    </message>
    <message>
        <source>not completed</source>
        <translation>未完了</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>Name checked</source>
        <translation>チェックした名前</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>does not match</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>サブジェクト</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>発行者</translation>
    </message>
    <message>
        <source>Subject alternative names</source>
        <translation>サブジェクト代替名</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有効期間</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 から %2</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>鍵</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Verification errors</source>
        <translation>検証エラー</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>回数</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Client avg ms</source>
        <translation>クライアント平均 ms</translation>
    </message>
    <message>
        <source>Client max ms</source>
        <translation>クライアント最大 ms</translation>
    </message>
    <message>
        <source>Server avg ms</source>
        <translation>サーバー平均 ms</translation>
    </message>
    <message>
        <source>Request avg bytes</source>
        <translation>要求平均バイト数</translation>
    </message>
    <message>
        <source>Reply avg bytes</source>
        <translation>応答平均バイト数</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <source>cannot write the report %1: %2</source>
        <translation>レポート %1 を書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Findings</source>
        <translation>検出事項</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>レポートをエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the report to a file</source>
        <translation>レポートをファイルにエクスポート</translation>
    </message>
    <message>
        <source>Save the whole diagnosis as HTML, PDF, JSON, Markdown or text; passwords and tickets are left out.</source>
        <translation>診断全体を HTML、PDF、JSON、Markdown またはテキストとして保存します。パスワードとチケットは含まれません。</translation>
    </message>
    <message>
        <source>C&amp;opy summary</source>
        <translation>概要をコピー(&amp;O)</translation>
    </message>
    <message>
        <source>Copy the summary to the clipboard</source>
        <translation>概要をクリップボードにコピー</translation>
    </message>
    <message>
        <source>Report export status</source>
        <translation>レポートのエクスポート状況</translation>
    </message>
    <message>
        <source>&amp;Re-run with the pin</source>
        <translation>ピン留めして再実行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the diagnosis again with the pinned certificate</source>
        <translation>ピン留めした証明書で診断を再実行</translation>
    </message>
    <message>
        <source>Result views</source>
        <translation>結果ビュー</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>検出事項(&amp;F)</translation>
    </message>
    <message>
        <source>Findings of the failed and warned stages</source>
        <translation>失敗または警告となったステージの検出事項</translation>
    </message>
    <message>
        <source>C&amp;ertificate</source>
        <translation>証明書(&amp;E)</translation>
    </message>
    <message>
        <source>No certificate: the TLS stage did not run or saw none.</source>
        <translation>証明書なし: TLS ステージが実行されなかったか、証明書を受信しませんでした。</translation>
    </message>
    <message>
        <source>&amp;Instances</source>
        <translation>インスタンス(&amp;I)</translation>
    </message>
    <message>
        <source>Sample instances</source>
        <translation>サンプルインスタンス</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>統計(&amp;S)</translation>
    </message>
    <message>
        <source>Operation statistics</source>
        <translation>操作の統計</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Diagnosing</source>
        <translation>診断中</translation>
    </message>
    <message>
        <source>&amp;Re-run stage</source>
        <translation>ステージを再実行(&amp;R)</translation>
    </message>
    <message>
        <source>Re-run the selected stage</source>
        <translation>選択したステージを再実行</translation>
    </message>
    <message>
        <source>Runs the selected stage again, then the stages it held up (Ctrl+R in the stage list)</source>
        <translation>選択したステージを再実行し、続いてそのステージで止まっていたステージを実行します (ステージ一覧で Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>実行をキャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel the diagnosis</source>
        <translation>診断をキャンセル</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>ステージ</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>ステージ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Stage timeline</source>
        <translation>ステージのタイムライン</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>ログ</translation>
    </message>
</context>
<context>
    <name>ServerCertificateFiles</name>
    <message>
        <source>%1: cannot read the certificate file: %2</source>
        <translation>%1: 証明書ファイルを読み取れません: %2</translation>
    </message>
    <message>
        <source>larger than a certificate chain</source>
        <translation>証明書チェーンにしては大きすぎます</translation>
    </message>
    <message>
        <source>%1: holds no PEM certificate (-----BEGIN CERTIFICATE-----)</source>
        <translation>%1: PEM 証明書 (-----BEGIN CERTIFICATE-----) が含まれていません</translation>
    </message>
    <message>
        <source>%1: cannot read the key file: %2</source>
        <translation>%1: 鍵ファイルを読み取れません: %2</translation>
    </message>
    <message>
        <source>larger than a private key</source>
        <translation>秘密鍵にしては大きすぎます</translation>
    </message>
    <message>
        <source>%1: the private key is encrypted; give an unencrypted PEM key</source>
        <translation>%1: 秘密鍵が暗号化されています。暗号化されていない PEM 鍵を指定してください</translation>
    </message>
    <message>
        <source>%1: holds no PEM private key (-----BEGIN PRIVATE KEY-----)</source>
        <translation>%1: PEM 秘密鍵 (-----BEGIN PRIVATE KEY-----) が含まれていません</translation>
    </message>
    <message>
        <source>%1: a %2 key; the listener takes RSA or EC keys</source>
        <translation>%1: %2 鍵です。リスナーが受け付けるのは RSA 鍵または EC 鍵です</translation>
    </message>
    <message>
        <source>%1: the private key does not belong to the certificate in %2</source>
        <translation>%1: 秘密鍵が %2 の証明書に対応していません</translation>
    </message>
    <message>
        <source>%1: Qt cannot use this private key</source>
        <translation>%1: Qt はこの秘密鍵を使用できません</translation>
    </message>
    <message>
        <source>%1: the certificate is not valid before %2</source>
        <translation>%1: 証明書は %2 より前は有効ではありません</translation>
    </message>
    <message>
        <source>%1: the certificate expired on %2</source>
        <translation>%1: 証明書は %2 に期限切れになりました</translation>
    </message>
</context>
<context>
    <name>SimMain</name>
    <message>
        <source>A CIM-XML server (DSP0200) on loopback that can misbehave as the cimdiag failure-mode catalogue describes.</source>
        <translation>cimdiag の障害モードカタログに記載された異常動作を再現できる、ループバック上の CIM-XML サーバー (DSP0200)。</translation>
    </message>
    <message>
        <source>Scenario name (see --list-scenarios) or a .json file.</source>
        <translation>シナリオ名 (--list-scenarios を参照) または .json ファイル。</translation>
    </message>
    <message>
        <source>List the scenarios and exit.</source>
        <translation>シナリオを一覧表示して終了します。</translation>
    </message>
    <message>
        <source>HTTP port (0 picks a free one; default 0).</source>
        <translation>HTTP ポート (0 で空きポートを選択、既定 0)。</translation>
    </message>
    <message>
        <source>HTTPS port (0 picks a free one; default 0).</source>
        <translation>HTTPS ポート (0 で空きポートを選択、既定 0)。</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation>待ち受けるアドレス (既定 127.0.0.1)。</translation>
    </message>
    <message>
        <source>Where to write the CA certificate (PEM) clients should trust (default: a file in the temporary directory, removed at exit).</source>
        <translation>クライアントが信頼すべき CA 証明書 (PEM) の書き込み先 (既定: 一時ディレクトリ内のファイル、終了時に削除)。</translation>
    </message>
    <message>
        <source>Answer every request from a session file a cimdiag session recorder wrote, instead of the scenario&apos;s model (the scenario still sets the listeners, TLS and connection faults).</source>
        <translation>シナリオのモデルの代わりに、cimdiag のセッションレコーダーが書き出したセッションファイルからすべての要求に応答します (リスナー、TLS、接続障害は引き続きシナリオで設定されます)。</translation>
    </message>
    <message>
        <source>Serve this PEM certificate (leaf first, then its chain) on HTTPS instead of one the simulator issues.</source>
        <translation>シミュレーターが発行する証明書の代わりに、この PEM 証明書 (リーフ、続いてチェーン) を HTTPS で使用します。</translation>
    </message>
    <message>
        <source>The PEM private key for --certificate (default: the same file).</source>
        <translation>--certificate 用の PEM 秘密鍵 (既定: 同じファイル)。</translation>
    </message>
    <message>
        <source>Answer SLP (service:wbem) on this UDP port; 0 picks a free one. On 427 the multicast group 239.255.255.253 is joined as well. Default: only for scenarios with an &quot;slp&quot; section, on a free port.</source>
        <translation>この UDP ポートで SLP (service:wbem) に応答します。0 で空きポートを選択します。427 の場合はマルチキャストグループ 239.255.255.253 にも参加します。既定: &quot;slp&quot; セクションのあるシナリオでのみ、空きポートで応答します。</translation>
    </message>
    <message>
        <source>cimdiag-sim: bad --http-port, --https-port or --address</source>
        <translation>cimdiag-sim: --http-port、--https-port または --address が不正です</translation>
    </message>
    <message>
        <source>cimdiag-sim: cannot install the signal handlers</source>
        <translation>cimdiag-sim: シグナルハンドラーをインストールできません</translation>
    </message>
    <message>
        <source>cimdiag-sim: cannot write %1: %2</source>
        <translation>cimdiag-sim: %1 を書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>SlpDiagnosis</name>
    <message>
        <source>No SLP agent on %1: ICMP port unreachable (the SLP service is stopped)</source>
        <translation>%1 に SLP エージェントがありません: ICMP ポート到達不能 (SLP サービスが停止しています)</translation>
    </message>
    <message>
        <source>The host is up and rejected the SLP request: nothing listens on UDP port %1. Discovery cannot find this server; connect to it by address and port.</source>
        <translation>ホストは稼働しており、SLP 要求を拒否しました: UDP ポート %1 で何も待ち受けていません。検出ではこのサーバーを見つけられません。アドレスとポートで接続してください。</translation>
    </message>
    <message>
        <source>No answer to SLP from %1 within %2 ms (%3 request(s))</source>
        <translation>%2 ms 以内に %1 から SLP の応答がありません (要求 %3 回)</translation>
    </message>
    <message>
        <source>Silence rather than ICMP port unreachable: a firewall drops SLP on the way there, or the reply on the way back, or the host is down.</source>
        <translation>ICMP ポート到達不能ではなく無応答です: 往路で SLP を、または復路で応答をファイアウォールが破棄しているか、ホストが停止しています。</translation>
    </message>
    <message>
        <source>SLP not asked: %1 has no address (%2)</source>
        <translation>SLP は問い合わせていません: %1 にアドレスがありません (%2)</translation>
    </message>
    <message>
        <source>SLP request to %1 failed: %2</source>
        <translation>%1 への SLP 要求が失敗しました: %2</translation>
    </message>
    <message>
        <source>The SLP agent on %1 does not serve scope %2 (SCOPE_NOT_SUPPORTED)</source>
        <translation>%1 の SLP エージェントはスコープ %2 を扱いません (SCOPE_NOT_SUPPORTED)</translation>
    </message>
    <message>
        <source>The SLP agent on %1 answered with error %2</source>
        <translation>%1 の SLP エージェントはエラー %2 で応答しました</translation>
    </message>
    <message>
        <source>The SLP agent on %1 answers but advertises no service:wbem</source>
        <translation>%1 の SLP エージェントは応答しますが、service:wbem を広告していません</translation>
    </message>
    <message>
        <source>The CIM server does not register with the SLP agent (OpenPegasus slp=false, SFCB enableSlp, or not yet: SFCB refreshes every slpRefreshInterval).</source>
        <translation>CIM サーバーが SLP エージェントに登録していません (OpenPegasus の slp=false、SFCB の enableSlp、またはまだ登録されていない: SFCB は slpRefreshInterval ごとに更新します)。</translation>
    </message>
    <message>
        <source>The advertised URL %1 is not a WBEM URL.</source>
        <translation>広告された URL %1 は WBEM URL ではありません。</translation>
    </message>
    <message>
        <source>%1 advertises %2, but its reply came from %3: the advert names another address (another interface, or NAT); re-test with %3 on ports 5989 and 5988.</source>
        <translation>%1 は %2 を広告していますが、応答は %3 から来ました: 広告は別のアドレス (別のインターフェイスまたは NAT) を示しています。%3 でポート 5989 と 5988 を再テストしてください。</translation>
    </message>
    <message>
        <source>The SLP advert of %1 does not point at the target %2</source>
        <translation>%1 の SLP 広告は接続先 %2 を指していません</translation>
    </message>
    <message>
        <source>%1 advertises %2 over SLP; an answering SLP agent is an exposure</source>
        <translation>%1 は SLP で %2 を広告しています。応答する SLP エージェントは露出のリスクです</translation>
    </message>
    <message>
        <source>Found %1 (%2), lifetime %3 s</source>
        <translation>%1 (%2) を検出、有効期間 %3 秒</translation>
    </message>
    <message>
        <source>Attributes not read: %1</source>
        <translation>属性を読み取れませんでした: %1</translation>
    </message>
    <message>
        <source>The advert deviates from DSP0206: %1</source>
        <translation>広告が DSP0206 から逸脱しています: %1</translation>
    </message>
    <message>
        <source>The target answers unicast SLP but not the multicast query: multicast is not routed to it (another VLAN?).</source>
        <translation>接続先はユニキャストの SLP には応答しますが、マルチキャストの問い合わせには応答しません: マルチキャストが接続先までルーティングされていません (別の VLAN?)。</translation>
    </message>
    <message>
        <source>Multicast not sent: %1</source>
        <translation>マルチキャストを送信できませんでした: %1</translation>
    </message>
    <message>
        <source>No multicast query: SLP is asked on port %1, multicast goes to port 427 only.</source>
        <translation>マルチキャスト問い合わせなし: SLP はポート %1 で問い合わせていますが、マルチキャストはポート 427 にのみ送信されます。</translation>
    </message>
    <message>
        <source>No multicast query for this target (loopback, or turned off).</source>
        <translation>この接続先へのマルチキャスト問い合わせはありません (ループバック、または無効)。</translation>
    </message>
</context>
<context>
    <name>TargetPage</name>
    <message>
        <source>Which CIM server?</source>
        <translation>どの CIM サーバーですか?</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address and the credentials your CIM client uses.</source>
        <translation>サーバーのアドレスと、CIM クライアントが使用する資格情報を入力してください。</translation>
    </message>
    <message>
        <source>Pro&amp;file:</source>
        <translation>プロファイル(&amp;F):</translation>
    </message>
    <message>
        <source>Saved connection profile</source>
        <translation>保存済みの接続プロファイル</translation>
    </message>
    <message>
        <source>Choosing a profile fills in the fields; its password comes from the system keychain</source>
        <translation>プロファイルを選択するとフィールドに入力されます。パスワードはシステムのキーチェーンから取得されます</translation>
    </message>
    <message>
        <source>Sa&amp;ve profile…</source>
        <translation>プロファイルを保存(&amp;V)…</translation>
    </message>
    <message>
        <source>Save the input as a connection profile</source>
        <translation>入力内容を接続プロファイルとして保存</translation>
    </message>
    <message>
        <source>&amp;Delete profile</source>
        <translation>プロファイルを削除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the chosen connection profile</source>
        <translation>選択した接続プロファイルを削除</translation>
    </message>
    <message>
        <source>Re&amp;member the password in the system keychain</source>
        <translation>パスワードをシステムのキーチェーンに記憶(&amp;M)</translation>
    </message>
    <message>
        <source>Remember the password in the system keychain when saving the profile</source>
        <translation>プロファイルの保存時にパスワードをシステムのキーチェーンに記憶します</translation>
    </message>
    <message>
        <source>The password or ticket is kept only in the system keychain, never in a settings file</source>
        <translation>パスワードやチケットはシステムのキーチェーンにのみ保存され、設定ファイルには保存されません</translation>
    </message>
    <message>
        <source>Profile status</source>
        <translation>プロファイルの状態</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>サーバー URL(&amp;U):</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>サーバー URL</translation>
    </message>
    <message>
        <source>Input problem</source>
        <translation>入力の問題</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>認証(&amp;A):</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>認証</translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation>ユーザー(&amp;S):</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>CA ファイル(&amp;C):</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA ファイル</translation>
    </message>
    <message>
        <source>System trust store</source>
        <translation>システムのトラストストア</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Choose CA file</source>
        <translation>CA ファイルを選択</translation>
    </message>
    <message>
        <source>Client c&amp;ertificate:</source>
        <translation>クライアント証明書(&amp;E):</translation>
    </message>
    <message>
        <source>Client certificate file</source>
        <translation>クライアント証明書ファイル</translation>
    </message>
    <message>
        <source>Optional (2-way TLS)</source>
        <translation>省略可 (双方向 TLS)</translation>
    </message>
    <message>
        <source>Choose client certificate file</source>
        <translation>クライアント証明書ファイルを選択</translation>
    </message>
    <message>
        <source>Client &amp;key:</source>
        <translation>クライアント鍵(&amp;K):</translation>
    </message>
    <message>
        <source>Client key file</source>
        <translation>クライアント鍵ファイル</translation>
    </message>
    <message>
        <source>Choose client key file</source>
        <translation>クライアント鍵ファイルを選択</translation>
    </message>
    <message>
        <source>P&amp;inned certificate:</source>
        <translation>ピン留めした証明書(&amp;I):</translation>
    </message>
    <message>
        <source>Pinned certificate SHA-256 fingerprint</source>
        <translation>ピン留めした証明書の SHA-256 フィンガープリント</translation>
    </message>
    <message>
        <source>Optional SHA-256 fingerprint (AB:CD:…)</source>
        <translation>省略可: SHA-256 フィンガープリント (AB:CD:…)</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>タイムアウト(&amp;T):</translation>
    </message>
    <message>
        <source>Timeout per network step in seconds</source>
        <translation>ネットワークステップごとのタイムアウト (秒)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation>名前空間(&amp;N):</translation>
    </message>
    <message>
        <source>Namespace of the sample enumerate</source>
        <translation>サンプル列挙の名前空間</translation>
    </message>
    <message>
        <source>Optional, e.g. root/cimv2</source>
        <translation>省略可 (例: root/cimv2)</translation>
    </message>
    <message>
        <source>C&amp;lass:</source>
        <translation>クラス(&amp;L):</translation>
    </message>
    <message>
        <source>Class of the sample enumerate</source>
        <translation>サンプル列挙のクラス</translation>
    </message>
    <message>
        <source>Optional, e.g. CIM_ComputerSystem</source>
        <translation>省略可 (例: CIM_ComputerSystem)</translation>
    </message>
    <message>
        <source>Disc&amp;over servers…</source>
        <translation>サーバーを検索(&amp;O)…</translation>
    </message>
    <message>
        <source>Discover WBEM servers over SLP</source>
        <translation>SLP で WBEM サーバーを検索</translation>
    </message>
    <message>
        <source>Find servers that advertise service:wbem over SLP and pick one as the target</source>
        <translation>SLP で service:wbem を広告しているサーバーを検索し、1 つを接続先として選択します</translation>
    </message>
    <message>
        <source>SLP:</source>
        <translation>SLP:</translation>
    </message>
    <message>
        <source>&amp;Run the SLP discovery stage</source>
        <translation>SLP 検出ステージを実行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the SLP discovery stage</source>
        <translation>SLP 検出ステージを実行</translation>
    </message>
    <message>
        <source>Ask the server&apos;s SLP agent whether it advertises service:wbem (UDP; multicast as well on port 427 unless the server is on loopback)</source>
        <translation>サーバーの SLP エージェントに service:wbem を広告しているかを問い合わせます (UDP。サーバーがループバックでなければポート 427 へのマルチキャストでも問い合わせます)</translation>
    </message>
    <message>
        <source>UDP port:</source>
        <translation>UDP ポート:</translation>
    </message>
    <message>
        <source>SLP port</source>
        <translation>SLP ポート</translation>
    </message>
    <message>
        <source>The server&apos;s SLP port; another port than 427 turns the multicast query off</source>
        <translation>サーバーの SLP ポート。427 以外のポートではマルチキャスト問い合わせは無効になります</translation>
    </message>
</context>
<context>
    <name>TlsDiagnosis</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 時間</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n 日</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルされました</translation>
    </message>
    <message>
        <source>The TLS probe could not connect to port %1 in time</source>
        <translation>TLS プローブは時間内にポート %1 に接続できませんでした</translation>
    </message>
    <message>
        <source>The TLS probe could not connect to port %1: %2</source>
        <translation>TLS プローブはポート %1 に接続できませんでした: %2</translation>
    </message>
    <message>
        <source>Port %1 speaks plain HTTP, not TLS: use http:// for it, or port 5989 for https</source>
        <translation>ポート %1 は TLS ではなくプレーン HTTP を使用しています: このポートには http:// を使用するか、https にはポート 5989 を使用してください</translation>
    </message>
    <message>
        <source>The server accepted the connection but did not complete a TLS handshake within %1</source>
        <translation>サーバーは接続を受け付けましたが、%1 以内に TLS ハンドシェイクを完了しませんでした</translation>
    </message>
    <message>
        <source>The server rejected the client certificate (alert %1)</source>
        <translation>サーバーはクライアント証明書を拒否しました (アラート %1)</translation>
    </message>
    <message>
        <source>The server&apos;s Diffie-Hellman group is too small (%1 bits; at least 2048 needed)</source>
        <translation>サーバーの Diffie-Hellman グループが小さすぎます (%1 ビット。2048 以上が必要)</translation>
    </message>
    <message>
        <source>The server only speaks %1, which this machine&apos;s OpenSSL refuses</source>
        <translation>サーバーは %1 しか使用しておらず、このマシンの OpenSSL はそれを拒否します</translation>
    </message>
    <message>
        <source>No TLS protocol version in common: the server only speaks old versions</source>
        <translation>共通の TLS プロトコルバージョンがありません: サーバーは古いバージョンしか使用していません</translation>
    </message>
    <message>
        <source>The server certificate&apos;s key is too small (%1 %2 bits)</source>
        <translation>サーバー証明書の鍵が小さすぎます (%1 %2 ビット)</translation>
    </message>
    <message>
        <source>The server certificate is signed with a weak digest (%1)</source>
        <translation>サーバー証明書は脆弱なダイジェスト (%1) で署名されています</translation>
    </message>
    <message>
        <source>The server does not support secure renegotiation (RFC 5746)</source>
        <translation>サーバーはセキュアな再ネゴシエーション (RFC 5746) をサポートしていません</translation>
    </message>
    <message>
        <source>The server requires a client certificate and none was given</source>
        <translation>サーバーはクライアント証明書を要求していますが、指定されていません</translation>
    </message>
    <message>
        <source>The server&apos;s TLS settings are below this machine&apos;s OpenSSL security level</source>
        <translation>サーバーの TLS 設定が、このマシンの OpenSSL のセキュリティレベルを下回っています</translation>
    </message>
    <message>
        <source>The server refused the handshake (alert 40 handshake failure): no cipher or group in common</source>
        <translation>サーバーはハンドシェイクを拒否しました (アラート 40 handshake failure): 共通の暗号またはグループがありません</translation>
    </message>
    <message>
        <source>The server reset the connection before sending a byte</source>
        <translation>サーバーは 1 バイトも送信せずに接続をリセットしました</translation>
    </message>
    <message>
        <source>The server closed the connection before sending a byte</source>
        <translation>サーバーは 1 バイトも送信せずに接続を閉じました</translation>
    </message>
    <message>
        <source>The TLS library on this machine failed during the handshake</source>
        <translation>このマシンの TLS ライブラリがハンドシェイク中に失敗しました</translation>
    </message>
    <message>
        <source>The TLS library on this machine failed during the handshake: %1</source>
        <translation>このマシンの TLS ライブラリがハンドシェイク中に失敗しました: %1</translation>
    </message>
    <message>
        <source>The TLS handshake failed for a reason cimdiag does not recognise</source>
        <translation>cimdiag が認識できない理由で TLS ハンドシェイクが失敗しました</translation>
    </message>
    <message>
        <source>The TLS handshake failed for a reason cimdiag does not recognise: %1</source>
        <translation>cimdiag が認識できない理由で TLS ハンドシェイクが失敗しました: %1</translation>
    </message>
    <message>
        <source>The evidence below (OpenSSL reason, alerts, first bytes) is what there is to go on.</source>
        <translation>手掛かりは以下の証拠 (OpenSSL の理由、アラート、先頭のバイト列) だけです。</translation>
    </message>
    <message>
        <source>The server closed the connection right after the handshake: it most likely rejected the client certificate</source>
        <translation>サーバーはハンドシェイク直後に接続を閉じました: クライアント証明書を拒否した可能性が高いです</translation>
    </message>
    <message>
        <source>Check that the server trusts the CA that issued the client certificate.</source>
        <translation>クライアント証明書を発行した CA をサーバーが信頼していることを確認してください。</translation>
    </message>
    <message>
        <source>The server rejected the client certificate after the handshake (alert %1)</source>
        <translation>サーバーはハンドシェイク後にクライアント証明書を拒否しました (アラート %1)</translation>
    </message>
    <message>
        <source>The handshake completed, then the server ended the connection with alert %1, a reason cimdiag does not recognise</source>
        <translation>ハンドシェイクは完了しましたが、その後サーバーは cimdiag が認識できない理由のアラート %1 で接続を終了しました</translation>
    </message>
    <message>
        <source>%1 handshake OK; certificate verified (host name not checked)</source>
        <translation>%1 ハンドシェイク成功、証明書を検証済み (ホスト名は未チェック)</translation>
    </message>
    <message>
        <source>%1 handshake OK; certificate verified for %2</source>
        <translation>%1 ハンドシェイク成功、%2 について証明書を検証済み</translation>
    </message>
    <message>
        <source>The server certificate does not match the pinned SHA-256 fingerprint</source>
        <translation>サーバー証明書がピン留めした SHA-256 フィンガープリントと一致しません</translation>
    </message>
    <message>
        <source>Pinned: %1</source>
        <translation>ピン留め: %1</translation>
    </message>
    <message>
        <source>%1; accepted because it matches the pinned SHA-256 fingerprint</source>
        <translation>%1。ピン留めした SHA-256 フィンガープリントと一致するため受け付けました</translation>
    </message>
    <message>
        <source>%1; accepted because the target ignores this error by explicit choice</source>
        <translation>%1。接続先の明示的な選択によりこのエラーを無視するため受け付けました</translation>
    </message>
    <message>
        <source>Verification was bypassed by explicit choice; the WBEM connection will go on.</source>
        <translation>明示的な選択により検証はバイパスされました。WBEM 接続は続行されます。</translation>
    </message>
    <message>
        <source>Certificate is self-signed (verify code %1)</source>
        <translation>証明書は自己署名です (検証コード %1)</translation>
    </message>
    <message>
        <source>The chain ends in a CA that the trust store does not know (verify code %1)</source>
        <translation>チェーンがトラストストアにない CA で終わっています (検証コード %1)</translation>
    </message>
    <message>
        <source>The certificate&apos;s issuer is not in the trust store and the server did not send it (verify code %1)</source>
        <translation>証明書の発行者がトラストストアになく、サーバーからも送信されていません (検証コード %1)</translation>
    </message>
    <message>
        <source>Certificate expired on %1 (verify code %2)</source>
        <translation>証明書は %1 に期限切れになりました (検証コード %2)</translation>
    </message>
    <message>
        <source>Certificate is not valid before %1 (verify code %2)</source>
        <translation>証明書は %1 より前は有効ではありません (検証コード %2)</translation>
    </message>
    <message>
        <source>Certificate is not valid for %1 (verify code %2)</source>
        <translation>証明書は %1 に対して有効ではありません (検証コード %2)</translation>
    </message>
    <message>
        <source>Certificate key is too small (%1 bits, verify code %2)</source>
        <translation>証明書の鍵が小さすぎます (%1 ビット、検証コード %2)</translation>
    </message>
    <message>
        <source>Certificate is signed with a weak digest (%1, verify code %2)</source>
        <translation>証明書は脆弱なダイジェストで署名されています (%1、検証コード %2)</translation>
    </message>
    <message>
        <source>Certificate verification failed: %1 (verify code %2)</source>
        <translation>証明書の検証に失敗しました: %1 (検証コード %2)</translation>
    </message>
    <message>
        <source>The certificate becomes valid in %1 (at %2, local clock %3): a server clock ahead of this one (or this clock behind) would explain it; check NTP on both</source>
        <translation>証明書は %1 後に有効になります (%2、ローカル時計 %3): サーバーの時計が進んでいる (またはこちらの時計が遅れている) 可能性があります。両方の NTP を確認してください</translation>
    </message>
    <message>
        <source>The certificate becomes valid in %1 (at %2, local clock %3)</source>
        <translation>証明書は %1 後に有効になります (%2、ローカル時計 %3)</translation>
    </message>
    <message>
        <source>The certificate expired %1 ago (at %2, local clock %3)</source>
        <translation>証明書は %1 前に期限切れになりました (%2、ローカル時計 %3)</translation>
    </message>
    <message>
        <source>no subject alternative names; subject %1</source>
        <translation>サブジェクト代替名なし、サブジェクト %1</translation>
    </message>
    <message>
        <source>The certificate names: %1; the name checked: %2</source>
        <translation>証明書に記載された名前: %1、チェックした名前: %2</translation>
    </message>
    <message>
        <source>Connected by IP address: the certificate must list it as IP:%1, or connect by a name it lists</source>
        <translation>IP アドレスで接続しました: 証明書に IP:%1 として記載されている必要があります。または証明書に記載された名前で接続してください</translation>
    </message>
    <message>
        <source>Further verification errors: %1</source>
        <translation>その他の検証エラー: %1</translation>
    </message>
    <message>
        <source>certificate expires in %1 (%2)</source>
        <translation>証明書は %1 後に期限切れになります (%2)</translation>
    </message>
    <message>
        <source>ephemeral DH group of only %1 bits</source>
        <translation>一時 DH グループがわずか %1 ビット</translation>
    </message>
    <message>
        <source>no secure renegotiation (RFC 5746)</source>
        <translation>セキュアな再ネゴシエーションなし (RFC 5746)</translation>
    </message>
    <message>
        <source>outdated protocol %1</source>
        <translation>古いプロトコル %1</translation>
    </message>
    <message>
        <source>Negotiated %1, cipher %2 (%3 bits)</source>
        <translation>%1 をネゴシエート、暗号 %2 (%3 ビット)</translation>
    </message>
    <message>
        <source>, key exchange %1 (%2 bits)</source>
        <translation>、鍵交換 %1 (%2 ビット)</translation>
    </message>
    <message>
        <source>[%1] %2; issuer %3; valid %4 to %5; %6 %7 bits; %8; SHA-256 %9</source>
        <translation>[%1] %2、発行者 %3、有効期間 %4 から %5、%6 %7 ビット、%8、SHA-256 %9</translation>
    </message>
    <message>
        <source>    [%1] verify error %2: %3</source>
        <translation>    [%1] 検証エラー %2: %3</translation>
    </message>
    <message>
        <source>Trust store: %1</source>
        <translation>トラストストア: %1</translation>
    </message>
    <message>
        <source>The server asked for a client certificate; one was sent</source>
        <translation>サーバーはクライアント証明書を要求し、証明書が送信されました</translation>
    </message>
    <message>
        <source>The server asked for a client certificate; none was sent</source>
        <translation>サーバーはクライアント証明書を要求しましたが、証明書は送信されませんでした</translation>
    </message>
    <message>
        <source>HTTP over TLS answered: %1</source>
        <translation>TLS 上の HTTP の応答: %1</translation>
    </message>
    <message>
        <source>Relaxed probe %1: handshake OK with %2</source>
        <translation>緩和したプローブ %1: %2 でハンドシェイク成功</translation>
    </message>
    <message>
        <source>Relaxed probe %1: timed out</source>
        <translation>緩和したプローブ %1: タイムアウト</translation>
    </message>
    <message>
        <source>Relaxed probe %1: still fails (%2)</source>
        <translation>緩和したプローブ %1: 依然として失敗 (%2)</translation>
    </message>
    <message>
        <source>no OpenSSL reason</source>
        <translation>OpenSSL の理由なし</translation>
    </message>
    <message>
        <source>Only the relaxation %1 makes the handshake work; it was used for this diagnosis only, never for credentials</source>
        <translation>緩和 %1 を使った場合のみハンドシェイクが成功します。これはこの診断にのみ使用し、資格情報の送信には使用していません</translation>
    </message>
</context>
<context>
    <name>cimdiag::AppTranslator</name>
    <message>
        <source>There is no %1 translation.</source>
        <translation>%1 の翻訳はありません。</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuditTrail</name>
    <message>
        <source>cannot create the directory %1</source>
        <translation>ディレクトリ %1 を作成できません</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>cannot lock %1: %2</source>
        <translation>%1 をロックできません: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuditTrailDialog</name>
    <message>
        <source>Event type</source>
        <translation>イベントの種類</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>フィルターテキスト</translation>
    </message>
    <message>
        <source>Audit records</source>
        <translation>監査レコード</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>チェーンを検証(&amp;V)</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>チェーンを検証</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>再読み込み(&amp;R)</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <source>Audit Trail</source>
        <translation>監査証跡</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>すべての結果</translation>
    </message>
    <message>
        <source>Filter: server, user, class, path…</source>
        <translation>フィルター: サーバー、ユーザー、クラス、パス…</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Subtype</source>
        <translation>サブタイプ</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>検証結果</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>ファイル: %1</translation>
    </message>
    <message>
        <source>Audit trail file</source>
        <translation>監査証跡ファイル</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>&amp;Record the audit trail</source>
        <translation>監査証跡を記録(&amp;R)</translation>
    </message>
    <message>
        <source>Record the audit trail</source>
        <translation>監査証跡を記録</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s).</source>
        <translation>
            <numerusform>%n 件のレコード。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot read the trail: %1</source>
        <translation>証跡を読み取れません: %1</translation>
    </message>
    <message>
        <source>Valid: %1 records, the hash chain is intact.</source>
        <translation>有効: %1 件のレコード、ハッシュチェーンは損なわれていません。</translation>
    </message>
    <message>
        <source>Broken at line %1: %2 (%3 records before it are intact)</source>
        <translation>%1 行目で破損: %2 (それより前の %3 件のレコードは損なわれていません)</translation>
    </message>
    <message>
        <source>Cannot change the setting: %1</source>
        <translation>設定を変更できません: %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuditVerifier</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>the last line is incomplete (no line end): the file was cut or a write was torn</source>
        <translation>最後の行が不完全です (行末がありません): ファイルが切り詰められたか、書き込みが中断されました</translation>
    </message>
    <message>
        <source>empty line</source>
        <translation>空行</translation>
    </message>
    <message>
        <source>not a JSON record: %1 at column %2</source>
        <translation>JSON レコードではありません: %1 (列 %2)</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>JSON オブジェクトではありません</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is missing or invalid</source>
        <translation>フィールド &quot;%1&quot; がないか無効です</translation>
    </message>
    <message>
        <source>the record was changed: its content does not match its hash</source>
        <translation>レコードが変更されています: 内容がハッシュと一致しません</translation>
    </message>
    <message>
        <source>the first record does not start the chain (a record before it was deleted?)</source>
        <translation>最初のレコードがチェーンの先頭ではありません (その前のレコードが削除された?)</translation>
    </message>
    <message>
        <source>the chain is broken: &quot;prev&quot; is not the hash of line %1 (a record was deleted, inserted or moved)</source>
        <translation>チェーンが壊れています: &quot;prev&quot; が %1 行目のハッシュではありません (レコードが削除、挿入、または移動されました)</translation>
    </message>
    <message>
        <source>sequence number %1 where %2 was expected</source>
        <translation>シーケンス番号 %2 のはずが %1 です</translation>
    </message>
</context>
<context>
    <name>cimdiag::AuthenticationCheck</name>
    <message>
        <source>Sending a CIM request without credentials</source>
        <translation>資格情報なしで CIM 要求を送信しています</translation>
    </message>
    <message>
        <source>Without credentials the server answers 401 and offers: %1 (realm &quot;%2&quot;)</source>
        <translation>資格情報なしではサーバーは 401 を返し、次を提示します: %1 (レルム &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>The server does not offer HTTP Basic authentication (offers %1)</source>
        <translation>サーバーは HTTP Basic 認証を提示していません (提示: %1)</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>The server requires credentials (Basic, realm &quot;%1&quot;) and none were given</source>
        <translation>サーバーは資格情報 (Basic、レルム &quot;%1&quot;) を要求していますが、指定されていません</translation>
    </message>
    <message>
        <source>Sending the same request with the CIM ticket</source>
        <translation>CIM チケットを付けて同じ要求を送信しています</translation>
    </message>
    <message>
        <source>Sending the same request with the credentials of user &quot;%1&quot;</source>
        <translation>ユーザー &quot;%1&quot; の資格情報を付けて同じ要求を送信しています</translation>
    </message>
    <message>
        <source>The server answers CIM requests without asking for credentials</source>
        <translation>サーバーは資格情報を求めずに CIM 要求に応答します</translation>
    </message>
    <message>
        <source>A request without an Authorization header was processed (%1).</source>
        <translation>Authorization ヘッダーのない要求が処理されました (%1)。</translation>
    </message>
    <message>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>The credentials given were not needed.</source>
        <translation>指定された資格情報は必要ありませんでした。</translation>
    </message>
    <message>
        <source>The request without credentials failed</source>
        <translation>資格情報なしの要求が失敗しました</translation>
    </message>
    <message>
        <source>the CIM ticket</source>
        <translation>CIM チケット</translation>
    </message>
    <message>
        <source>user &quot;%1&quot;</source>
        <translation>ユーザー &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Credentials accepted for %1 (Basic, realm &quot;%2&quot;)</source>
        <translation>%1 の資格情報が受け付けられました (Basic、レルム &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>Credentials accepted for %1, but they crossed the network unencrypted (http://)</source>
        <translation>%1 の資格情報が受け付けられましたが、暗号化されずにネットワークを通過しました (http://)</translation>
    </message>
    <message>
        <source>The probe operation itself answered %1; the next stages look at that.</source>
        <translation>プローブ操作自体は %1 を返しました。これは次のステージで調べます。</translation>
    </message>
    <message>
        <source>The server rejected the Authorization header as malformed</source>
        <translation>サーバーは Authorization ヘッダーを不正として拒否しました</translation>
    </message>
    <message>
        <source>With credentials, the CIM request itself failed</source>
        <translation>資格情報を付けた場合、CIM 要求自体が失敗しました</translation>
    </message>
    <message>
        <source>OpenPegasus refuses remote logins of privileged users such as &quot;%1&quot;</source>
        <translation>OpenPegasus は &quot;%1&quot; などの特権ユーザーのリモートログインを拒否します</translation>
    </message>
    <message>
        <source>The CIM ticket was rejected (expired, used already, or issued for another host)</source>
        <translation>CIM チケットが拒否されました (期限切れ、使用済み、または別のホスト用に発行されたもの)</translation>
    </message>
    <message>
        <source>ESXi rejected root: lockdown mode, or a wrong password</source>
        <translation>ESXi が root を拒否しました: ロックダウンモード、またはパスワードの誤り</translation>
    </message>
    <message>
        <source>ESXi rejected user &quot;%1&quot;: missing CIM privilege, lockdown mode, or a wrong password</source>
        <translation>ESXi がユーザー &quot;%1&quot; を拒否しました: CIM 権限の不足、ロックダウンモード、またはパスワードの誤り</translation>
    </message>
    <message>
        <source>The server rejected the credentials of user &quot;%1&quot; (realm &quot;%2&quot;)</source>
        <translation>サーバーはユーザー &quot;%1&quot; の資格情報を拒否しました (レルム &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>With the credentials sent, the server still answers 401.</source>
        <translation>資格情報を送信しても、サーバーは依然として 401 を返します。</translation>
    </message>
</context>
<context>
    <name>cimdiag::CertificateChainView</name>
    <message>
        <source>Certificate chain</source>
        <translation>証明書チェーン</translation>
    </message>
    <message>
        <source>Verification summary</source>
        <translation>検証の概要</translation>
    </message>
    <message>
        <source>Certificates sent by the server, server certificate first</source>
        <translation>サーバーが送信した証明書 (サーバー証明書が先頭)</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>証明書</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>サブジェクト</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>発行者</translation>
    </message>
    <message>
        <source>Subject alternative names</source>
        <translation>サブジェクト代替名</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>有効期間</translation>
    </message>
    <message>
        <source>Validity state</source>
        <translation>有効期間の状態</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>公開鍵</translation>
    </message>
    <message>
        <source>Signature algorithm</source>
        <translation>署名アルゴリズム</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 フィンガープリント</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the SHA-256 fingerprint</source>
        <translation>SHA-256 フィンガープリントをコピー</translation>
    </message>
    <message>
        <source>Copy the SHA-256 fingerprint to the clipboard</source>
        <translation>SHA-256 フィンガープリントをクリップボードにコピー</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>検証結果</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate…</source>
        <translation>この証明書を信頼(&amp;T)…</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>この証明書を信頼</translation>
    </message>
    <message>
        <source>Pins the server&apos;s certificate: only this exact certificate is accepted from then on</source>
        <translation>サーバーの証明書をピン留めします: 以後はこの証明書だけが受け付けられます</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>サブジェクト:</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>発行者:</translation>
    </message>
    <message>
        <source>Alternative names:</source>
        <translation>代替名:</translation>
    </message>
    <message>
        <source>Validity:</source>
        <translation>有効期間:</translation>
    </message>
    <message>
        <source>Public key:</source>
        <translation>公開鍵:</translation>
    </message>
    <message>
        <source>Signature algorithm:</source>
        <translation>署名アルゴリズム:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 フィンガープリント:</translation>
    </message>
    <message>
        <source>Verification:</source>
        <translation>検証:</translation>
    </message>
    <message>
        <source>Details of the selected certificate</source>
        <translation>選択した証明書の詳細</translation>
    </message>
    <message>
        <source>Trusting this certificate pins it: from now on only this exact certificate is accepted for this server, whatever the trust store says, and any other certificate (also a renewed one) is refused.

Do this only after comparing the fingerprint below with the one the server shows you through another channel (its console, its administrator). If they differ, someone may be intercepting the connection.

SHA-256 fingerprint:
%1</source>
        <translation>この証明書を信頼すると、証明書がピン留めされます。以後、トラストストアの内容にかかわらず、このサーバーについてはこの証明書だけが受け付けられ、他の証明書 (更新された証明書も含む) はすべて拒否されます。

必ず、下のフィンガープリントを、別の経路 (サーバーのコンソールや管理者) で示されたものと比較してから行ってください。一致しない場合は、誰かが接続を傍受している可能性があります。

SHA-256 フィンガープリント:
%1</translation>
    </message>
    <message>
        <source>Trust this certificate?</source>
        <translation>この証明書を信頼しますか?</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>この証明書を信頼(&amp;T)</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>検証済み</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 件のエラー</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>from %1 until %2 (UTC)</source>
        <translation>%1 から %2 まで (UTC)</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n bit(s)</source>
        <translation>
            <numerusform>%1、%n ビット</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the server&apos;s own certificate (the first in the chain) can be trusted</source>
        <translation>信頼できるのはサーバー自身の証明書 (チェーンの先頭) だけです</translation>
    </message>
    <message>
        <source>Accept exactly this certificate from this server from now on</source>
        <translation>以後、このサーバーからはこの証明書だけを受け付けます</translation>
    </message>
    <message>
        <source>No TLS result yet.</source>
        <translation>TLS の結果はまだありません。</translation>
    </message>
    <message>
        <source>No connection: %1</source>
        <translation>接続なし: %1</translation>
    </message>
    <message>
        <source>The server sent no certificate.</source>
        <translation>サーバーは証明書を送信しませんでした。</translation>
    </message>
    <message>
        <source>The chain was verified.</source>
        <translation>チェーンは検証されました。</translation>
    </message>
    <message>
        <source>The chain was verified against %1.</source>
        <translation>チェーンは %1 に対して検証されました。</translation>
    </message>
    <message>
        <source>Verification failed: %1 (code %2).</source>
        <translation>検証に失敗しました: %1 (コード %2)。</translation>
    </message>
    <message>
        <source>The server certificate matches the name %1.</source>
        <translation>サーバー証明書は名前 %1 と一致します。</translation>
    </message>
    <message>
        <source>The server certificate does not match the name %1.</source>
        <translation>サーバー証明書は名前 %1 と一致しません。</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>有効期間前</translation>
    </message>
    <message>
        <source>Currently valid</source>
        <translation>現在有効</translation>
    </message>
    <message>
        <source>Server (self-signed)</source>
        <translation>サーバー (自己署名)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Root CA</source>
        <translation>ルート CA</translation>
    </message>
    <message>
        <source>Intermediate CA</source>
        <translation>中間 CA</translation>
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
        <translation>保留中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>スキップ</translation>
    </message>
</context>
<context>
    <name>cimdiag::CliHostsRunner</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読み取れません: %2</translation>
    </message>
    <message>
        <source>the line is longer than %1 bytes</source>
        <translation>行が %1 バイトを超えています</translation>
    </message>
    <message>
        <source>%1 checked, %2 running</source>
        <translation>チェック済み %1、実行中 %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::ConnectionProfileStore</name>
    <message>
        <source>the system keychain: %1</source>
        <translation>システムのキーチェーン: %1</translation>
    </message>
    <message>
        <source>error %1</source>
        <translation>エラー %1</translation>
    </message>
    <message>
        <source>A profile needs a name.</source>
        <translation>プロファイルには名前が必要です。</translation>
    </message>
    <message>
        <source>The profile could not be written to %1.</source>
        <translation>プロファイルを %1 に書き込めませんでした。</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; was saved without its password: %2 could not store it.</source>
        <translation>プロファイル &quot;%1&quot; はパスワードなしで保存されました: %2 にパスワードを保存できませんでした。</translation>
    </message>
    <message>
        <source>The password of &quot;%1&quot; could not be removed from %2.</source>
        <translation>&quot;%1&quot; のパスワードを %2 から削除できませんでした。</translation>
    </message>
    <message>
        <source>There is no profile &quot;%1&quot;.</source>
        <translation>プロファイル &quot;%1&quot; はありません。</translation>
    </message>
    <message>
        <source>The password of &quot;%1&quot; could not be read from %2.</source>
        <translation>&quot;%1&quot; のパスワードを %2 から読み取れませんでした。</translation>
    </message>
</context>
<context>
    <name>cimdiag::DemoSimulator</name>
    <message>
        <source>cimdiag-sim did not report ready within %1 s.</source>
        <translation>cimdiag-sim が %1 秒以内に準備完了を報告しませんでした。</translation>
    </message>
    <message>
        <source>Cannot create a temporary directory: %1</source>
        <translation>一時ディレクトリを作成できません: %1</translation>
    </message>
    <message>
        <source>Scenario %1 needs the server&apos;s OpenSSL security level lowered, which only a process of its own can do: run cimdiag-sim --scenario %1 (cimdiag-sim was not found next to cimdiag).</source>
        <translation>シナリオ %1 ではサーバーの OpenSSL セキュリティレベルを下げる必要があり、これは専用のプロセスでしか行えません: cimdiag-sim --scenario %1 を実行してください (cimdiag と同じ場所に cimdiag-sim が見つかりませんでした)。</translation>
    </message>
    <message>
        <source>cimdiag-sim: %1</source>
        <translation>cimdiag-sim: %1</translation>
    </message>
    <message>
        <source>cimdiag-sim exited (status %1): %2</source>
        <translation>cimdiag-sim が終了しました (ステータス %1): %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosisWizard</name>
    <message>
        <source>CIM diagnosis</source>
        <translation>CIM 診断</translation>
    </message>
    <message>
        <source>&amp;New diagnosis</source>
        <translation>新しい診断(&amp;N)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>New diagnosis</source>
        <translation>新しい診断</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>ヘルプ</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>確定</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosticCheck</name>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルされました</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosticRunner</name>
    <message>
        <source>Diagnosing %1</source>
        <translation>%1 を診断しています</translation>
    </message>
    <message>
        <source>Re-running %1</source>
        <translation>%1 を再実行しています</translation>
    </message>
    <message>
        <source>Cancelled by the user</source>
        <translation>ユーザーによってキャンセルされました</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルされました</translation>
    </message>
    <message>
        <source>Not run: needs %1, which %2</source>
        <translation>未実行: %1 が必要ですが、%2</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗しました</translation>
    </message>
    <message>
        <source>did not run</source>
        <translation>実行されませんでした</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 s and was stopped</source>
        <translation>%1 は %2 秒以内に完了しなかったため停止されました</translation>
    </message>
    <message>
        <source>Diagnosis finished in %1 ms: %2</source>
        <translation>診断は %1 ms で完了しました: %2</translation>
    </message>
</context>
<context>
    <name>cimdiag::DiagnosticStage</name>
    <message>
        <source>SLP discovery</source>
        <translation>SLP 検出</translation>
    </message>
    <message>
        <source>Name resolution</source>
        <translation>名前解決</translation>
    </message>
    <message>
        <source>TCP reachability</source>
        <translation>TCP 到達性</translation>
    </message>
    <message>
        <source>TLS handshake and certificate</source>
        <translation>TLS ハンドシェイクと証明書</translation>
    </message>
    <message>
        <source>HTTP and CIM-XML</source>
        <translation>HTTP と CIM-XML</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>認証</translation>
    </message>
    <message>
        <source>Server identity and interop namespace</source>
        <translation>サーバーの識別と interop 名前空間</translation>
    </message>
    <message>
        <source>Sample enumerate</source>
        <translation>サンプル列挙</translation>
    </message>
    <message>
        <source>Indication listener</source>
        <translation>インジケーションリスナー</translation>
    </message>
</context>
<context>
    <name>cimdiag::Hint</name>
    <message>
        <source>SLP discovery switched off on ESXi</source>
        <extracomment>Failure mode A1, title</extracomment>
        <translation>ESXi で SLP 検出が無効</translation>
    </message>
    <message>
        <source>The host does not answer SLP: slpd is stopped or the CIMSLP firewall ruleset is off, which is the default since ESXi 7.0U2c and 8.0. The CIM server itself (TCP 5989) can still work.</source>
        <extracomment>Failure mode A1, cause</extracomment>
        <translation>ホストが SLP に応答しません。slpd が停止しているか、CIMSLP ファイアウォールルールセットが無効です (ESXi 7.0U2c および 8.0 以降の既定)。CIM サーバー自体 (TCP 5989) は動作している可能性があります。</translation>
    </message>
    <message>
        <source>Enter the host name or IP and port 5989 directly instead of discovering it. Re-enable SLP only if your security policy allows it: slpd had serious vulnerabilities (CVE-2021-21974).</source>
        <extracomment>Failure mode A1, remedy</extracomment>
        <translation>検出を使わずに、ホスト名または IP とポート 5989 を直接入力してください。SLP を再度有効にするのは、セキュリティポリシーが許す場合だけにしてください。slpd には深刻な脆弱性 (CVE-2021-21974) がありました。</translation>
    </message>
    <message>
        <source>OpenPegasus does not register with SLP</source>
        <extracomment>Failure mode A2, title</extracomment>
        <translation>OpenPegasus が SLP に登録されていない</translation>
    </message>
    <message>
        <source>OpenPegasus ships with SLP registration off (slp=false), so SLP queries find nothing even when an SLP daemon runs on the host.</source>
        <extracomment>Failure mode A2, cause</extracomment>
        <translation>OpenPegasus は SLP 登録が無効 (slp=false) の状態で出荷されるため、ホストで SLP デーモンが動作していても SLP 問い合わせでは何も見つかりません。</translation>
    </message>
    <message>
        <source>On the server run cimconfig -s slp=true -p and restart cimserver, or simply connect to the host and port directly.</source>
        <extracomment>Failure mode A2, remedy</extracomment>
        <translation>サーバーで cimconfig -s slp=true -p を実行して cimserver を再起動するか、ホストとポートに直接接続してください。</translation>
    </message>
    <message>
        <source>SFCB does not advertise via SLP (yet)</source>
        <extracomment>Failure mode A3, title</extracomment>
        <translation>SFCB が SLP で (まだ) 広告していない</translation>
    </message>
    <message>
        <source>SFCB advertises only when built with SLP support and enableSlp is on in sfcb.cfg, and it refreshes its advert only every slpRefreshInterval (600 s by default), so the advert can be missing or late.</source>
        <extracomment>Failure mode A3, cause</extracomment>
        <translation>SFCB は SLP サポート付きでビルドされ、sfcb.cfg で enableSlp が有効な場合にのみ広告します。また広告の更新は slpRefreshInterval (既定 600 秒) ごとにしか行われないため、広告がない、または遅れることがあります。</translation>
    </message>
    <message>
        <source>Wait up to the refresh interval or restart sfcbd. Check enableSlp and slpRefreshInterval in sfcb.cfg, or connect to the host directly.</source>
        <extracomment>Failure mode A3, remedy</extracomment>
        <translation>更新間隔まで待つか、sfcbd を再起動してください。sfcb.cfg の enableSlp と slpRefreshInterval を確認するか、ホストに直接接続してください。</translation>
    </message>
    <message>
        <source>SLP multicast does not reach the server</source>
        <extracomment>Failure mode A4, title</extracomment>
        <translation>SLP マルチキャストがサーバーに届かない</translation>
    </message>
    <message>
        <source>Multicast SLP requests (239.255.255.253) are usually not routed between VLANs or subnets, so servers elsewhere stay silent while a direct unicast query to their address works.</source>
        <extracomment>Failure mode A4, cause</extracomment>
        <translation>マルチキャストの SLP 要求 (239.255.255.253) は通常 VLAN やサブネットの間でルーティングされないため、他のネットワークのサーバーは応答しません。一方、そのアドレスへの直接のユニキャスト問い合わせは動作します。</translation>
    </message>
    <message>
        <source>Query the server&apos;s IP directly (unicast), for example with slptool unicastfindsrvs IP service:wbem, or use an SLP Directory Agent that both networks can reach.</source>
        <extracomment>Failure mode A4, remedy</extracomment>
        <translation>サーバーの IP に直接 (ユニキャストで) 問い合わせてください (例: slptool unicastfindsrvs IP service:wbem)。または、両方のネットワークから到達できる SLP ディレクトリエージェントを使用してください。</translation>
    </message>
    <message>
        <source>SLP scope mismatch</source>
        <extracomment>Failure mode A5, title</extracomment>
        <translation>SLP スコープの不一致</translation>
    </message>
    <message>
        <source>The server answers only for its own SLP scopes. A unicast query for another scope gets error 4 (SCOPE_NOT_SUPPORTED) and multicast queries stay unanswered.</source>
        <extracomment>Failure mode A5, cause</extracomment>
        <translation>サーバーは自身の SLP スコープについてのみ応答します。別のスコープに対するユニキャスト問い合わせはエラー 4 (SCOPE_NOT_SUPPORTED) となり、マルチキャスト問い合わせには応答がありません。</translation>
    </message>
    <message>
        <source>Query with the scope the server is configured for (often DEFAULT), or add your scope to the server&apos;s SLP configuration.</source>
        <extracomment>Failure mode A5, remedy</extracomment>
        <translation>サーバーに設定されたスコープ (多くは DEFAULT) で問い合わせるか、サーバーの SLP 設定にお使いのスコープを追加してください。</translation>
    </message>
    <message>
        <source>Non-standard SLP attributes</source>
        <extracomment>Failure mode A6, title</extracomment>
        <translation>非標準の SLP 属性</translation>
    </message>
    <message>
        <source>Some servers spell the DSP0206 WBEM attributes differently, for example an interop namespace with a leading slash (/interop) or AuthenticationMechanismSupported without the final s. Strict parsers then miss the values.</source>
        <extracomment>Failure mode A6, cause</extracomment>
        <translation>一部のサーバーは DSP0206 の WBEM 属性を異なる綴りで返します。例えば先頭にスラッシュの付いた interop 名前空間 (/interop) や、末尾の s がない AuthenticationMechanismSupported です。厳密なパーサーではこれらの値を読み取れません。</translation>
    </message>
    <message>
        <source>Nothing to fix on your side; cimdiag reads these attributes tolerantly. Report the deviation to the vendor if other tools fail.</source>
        <extracomment>Failure mode A6, remedy</extracomment>
        <translation>こちら側で修正することはありません。cimdiag はこれらの属性を寛容に読み取ります。他のツールが失敗する場合は、この逸脱をベンダーに報告してください。</translation>
    </message>
    <message>
        <source>Advertised service URL is unusable</source>
        <extracomment>Failure mode A7, title</extracomment>
        <translation>広告されたサービス URL が使用できない</translation>
    </message>
    <message>
        <source>The URL in the SLP advert does not work: it names the wrong network interface, a host name that does not resolve, or http while only https is enabled.</source>
        <extracomment>Failure mode A7, cause</extracomment>
        <translation>SLP 広告の URL が機能しません。誤ったネットワークインターフェイス、名前解決できないホスト名、または https のみが有効なのに http を示しています。</translation>
    </message>
    <message>
        <source>Connect using the address the SLP reply came from and try both ports 5988 and 5989. On SFCB check which addresses are advertised (slpHostnameLib in sfcb.cfg).</source>
        <extracomment>Failure mode A7, remedy</extracomment>
        <translation>SLP 応答の送信元アドレスを使って接続し、ポート 5988 と 5989 の両方を試してください。SFCB では、どのアドレスが広告されているかを確認してください (sfcb.cfg の slpHostnameLib)。</translation>
    </message>
    <message>
        <source>Stale SLP advertisement</source>
        <extracomment>Failure mode A8, title</extracomment>
        <translation>古い SLP 広告</translation>
    </message>
    <message>
        <source>A service is still listed (for example from a Directory Agent cache or a long advert lifetime) but nothing answers on its address any more; the server is gone or moved.</source>
        <extracomment>Failure mode A8, cause</extracomment>
        <translation>サービスはまだ一覧に載っていますが (例えばディレクトリエージェントのキャッシュや長い広告有効期間のため)、そのアドレスではもう何も応答しません。サーバーは撤去されたか移動しています。</translation>
    </message>
    <message>
        <source>Treat the entry as stale: check the host is still in service, and remove or refresh it in the Directory Agent.</source>
        <extracomment>Failure mode A8, remedy</extracomment>
        <translation>このエントリは古いものとして扱ってください。ホストがまだ稼働中か確認し、ディレクトリエージェントでエントリを削除または更新してください。</translation>
    </message>
    <message>
        <source>SLP replies are blocked on this computer</source>
        <extracomment>Failure mode A9, title</extracomment>
        <translation>このコンピューターで SLP 応答がブロックされている</translation>
    </message>
    <message>
        <source>The server sends its unicast SLP reply, but a firewall on this computer drops incoming UDP packets from port 427, so discovery looks silent.</source>
        <extracomment>Failure mode A9, cause</extracomment>
        <translation>サーバーはユニキャストの SLP 応答を送信していますが、このコンピューターのファイアウォールがポート 427 からの受信 UDP パケットを破棄しているため、検出に応答がないように見えます。</translation>
    </message>
    <message>
        <source>Allow incoming UDP from source port 427 in the local firewall while discovering, or enter the server&apos;s address directly.</source>
        <extracomment>Failure mode A9, remedy</extracomment>
        <translation>検出中はローカルファイアウォールで送信元ポート 427 からの受信 UDP を許可するか、サーバーのアドレスを直接入力してください。</translation>
    </message>
    <message>
        <source>SLP service exposed (security risk)</source>
        <extracomment>Failure mode A10, title</extracomment>
        <translation>SLP サービスが公開されている (セキュリティリスク)</translation>
    </message>
    <message>
        <source>The host answers SLP. On ESXi, slpd had several critical remote-code-execution flaws (CVE-2019-5544, CVE-2020-3992, CVE-2021-21974; VMSA-2021-0002) exploited by ransomware such as ESXiArgs.</source>
        <extracomment>Failure mode A10, cause</extracomment>
        <translation>ホストが SLP に応答します。ESXi の slpd には、ESXiArgs などのランサムウェアに悪用された重大なリモートコード実行の脆弱性が複数ありました (CVE-2019-5544、CVE-2020-3992、CVE-2021-21974、VMSA-2021-0002)。</translation>
    </message>
    <message>
        <source>Patch ESXi. Unless you need SLP, turn it off as VMware KB 76372 describes: /etc/init.d/slpd stop, esxcli network firewall ruleset set -r CIMSLP -e 0, chkconfig slpd off. Keep SLP off untrusted networks.</source>
        <extracomment>Failure mode A10, remedy</extracomment>
        <translation>ESXi にパッチを適用してください。SLP が不要であれば、VMware KB 76372 の手順で無効にしてください: /etc/init.d/slpd stop、esxcli network firewall ruleset set -r CIMSLP -e 0、chkconfig slpd off。信頼できないネットワークでは SLP を無効のままにしてください。</translation>
    </message>
    <message>
        <source>Host name does not resolve</source>
        <extracomment>Failure mode B1, title</extracomment>
        <translation>ホスト名を解決できない</translation>
    </message>
    <message>
        <source>DNS (or the hosts file) has no address for the server name you entered, so no connection can be attempted.</source>
        <extracomment>Failure mode B1, cause</extracomment>
        <translation>入力したサーバー名のアドレスが DNS (または hosts ファイル) にないため、接続を試行できません。</translation>
    </message>
    <message>
        <source>Check the spelling, use the server&apos;s IP address, or fix the DNS entry.</source>
        <extracomment>Failure mode B1, remedy</extracomment>
        <translation>綴りを確認するか、サーバーの IP アドレスを使用するか、DNS エントリを修正してください。</translation>
    </message>
    <message>
        <source>Port closed on the server</source>
        <extracomment>Failure mode B2, title</extracomment>
        <translation>サーバーのポートが閉じている</translation>
    </message>
    <message>
        <source>The host is up but nothing listens on the port, so the connection is refused. Typical: the ESXi CIM service is off (it starts only with a vendor CIM VIB), OpenPegasus with enableHttpConnection=false (5988 closed), or SFCB with enableHttps=false.</source>
        <extracomment>Failure mode B2, cause</extracomment>
        <translation>ホストは稼働していますが、ポートで何も待ち受けていないため、接続が拒否されます。典型例: ESXi の CIM サービスが無効 (ベンダーの CIM VIB がある場合にのみ起動)、OpenPegasus で enableHttpConnection=false (5988 が閉じている)、SFCB で enableHttps=false。</translation>
    </message>
    <message>
        <source>Start or enable the CIM service and the port on the server, or try the other port (5988 http, 5989 https).</source>
        <extracomment>Failure mode B2, remedy</extracomment>
        <translation>サーバーで CIM サービスとポートを起動または有効にするか、もう一方のポート (5988 は http、5989 は https) を試してください。</translation>
    </message>
    <message>
        <source>Connection silently filtered</source>
        <extracomment>Failure mode B3, title</extracomment>
        <translation>接続が黙って遮断されている</translation>
    </message>
    <message>
        <source>The connection attempt gets no answer at all until it times out, which is what a firewall that drops packets does: the ESXi CIMHttpsServer or CIMHttpServer ruleset or its allowed-IP list, a network ACL, or firewalld without the wbem services.</source>
        <extracomment>Failure mode B3, cause</extracomment>
        <translation>接続試行にタイムアウトまでまったく応答がありません。これはパケットを破棄するファイアウォールの動作です: ESXi の CIMHttpsServer または CIMHttpServer ルールセットやその許可 IP リスト、ネットワーク ACL、または wbem サービスのない firewalld。</translation>
    </message>
    <message>
        <source>Open the port on the way: on ESXi esxcli network firewall ruleset set -r CIMHttpsServer -e true (and check its allowed IPs); on firewalld firewall-cmd --permanent --add-service=wbem-https, then firewall-cmd --reload (without --permanent the rule is lost at the next reload or reboot); and check network ACLs.</source>
        <extracomment>Failure mode B3, remedy</extracomment>
        <translation>経路上のポートを開いてください。ESXi では esxcli network firewall ruleset set -r CIMHttpsServer -e true (許可 IP も確認)、firewalld では firewall-cmd --permanent --add-service=wbem-https の後に firewall-cmd --reload (--permanent なしではルールは次回のリロードまたは再起動で失われます)。ネットワーク ACL も確認してください。</translation>
    </message>
    <message>
        <source>Connection rejected by a router or firewall</source>
        <extracomment>Failure mode B4, title</extracomment>
        <translation>ルーターまたはファイアウォールが接続を拒否した</translation>
    </message>
    <message>
        <source>A device on the path answered with an ICMP error (host or network unreachable, or administratively prohibited), so the connection failed at once without reaching the server.</source>
        <extracomment>Failure mode B4, cause</extracomment>
        <translation>経路上の機器が ICMP エラー (ホストまたはネットワーク到達不能、または管理上の禁止) で応答したため、接続はサーバーに届かずに直ちに失敗しました。</translation>
    </message>
    <message>
        <source>Look at which device sent the rejection (the diagnosis shows its address) and ask its administrator to allow the traffic, or fix the route.</source>
        <extracomment>Failure mode B4, remedy</extracomment>
        <translation>どの機器が拒否を送ったかを確認し (診断にそのアドレスが表示されます)、その管理者に通信の許可を依頼するか、経路を修正してください。</translation>
    </message>
    <message>
        <source>Connection reset without an answer</source>
        <extracomment>Failure mode B5, title</extracomment>
        <translation>応答なしで接続がリセットされた</translation>
    </message>
    <message>
        <source>The server accepted the connection and then closed or reset it without sending anything. Typical for a crashed or hung CIM server process, for example sfcbd on ESXi 6.7.</source>
        <extracomment>Failure mode B5, cause</extracomment>
        <translation>サーバーは接続を受け付けた後、何も送信せずに接続を閉じるかリセットしました。CIM サーバープロセスのクラッシュやハングでよく見られます (例: ESXi 6.7 の sfcbd)。</translation>
    </message>
    <message>
        <source>Restart the CIM service; on ESXi run /etc/init.d/sfcbd-watchdog restart. If it recurs, check the host&apos;s logs and vendor provider VIBs.</source>
        <extracomment>Failure mode B5, remedy</extracomment>
        <translation>CIM サービスを再起動してください。ESXi では /etc/init.d/sfcbd-watchdog restart を実行します。再発する場合は、ホストのログとベンダーのプロバイダー VIB を確認してください。</translation>
    </message>
    <message>
        <source>Server accepts but never answers</source>
        <extracomment>Failure mode B6, title</extracomment>
        <translation>サーバーが接続を受け付けるが応答しない</translation>
    </message>
    <message>
        <source>TCP (and TLS) work, but no HTTP answer comes before the timeout. Usually a CIM provider hangs the server, for example a faulty vendor provider VIB on ESXi.</source>
        <extracomment>Failure mode B6, cause</extracomment>
        <translation>TCP (および TLS) は動作していますが、タイムアウトまでに HTTP の応答がありません。通常は CIM プロバイダーがサーバーをハングさせています (例: ESXi 上の不具合のあるベンダープロバイダー VIB)。</translation>
    </message>
    <message>
        <source>Restart the CIM service (/etc/init.d/sfcbd-watchdog restart on ESXi) and update or remove the faulty vendor VIB or provider.</source>
        <extracomment>Failure mode B6, remedy</extracomment>
        <translation>CIM サービスを再起動し (ESXi では /etc/init.d/sfcbd-watchdog restart)、不具合のあるベンダー VIB またはプロバイダーを更新または削除してください。</translation>
    </message>
    <message>
        <source>Works over one IP version only</source>
        <extracomment>Failure mode B7, title</extracomment>
        <translation>一方の IP バージョンでのみ動作する</translation>
    </message>
    <message>
        <source>The name resolves to IPv4 and IPv6 addresses but the CIM server listens on only one family (SFCB ip4AddrList/ip6AddrList, OpenPegasus listenAddress), so one of them fails.</source>
        <extracomment>Failure mode B7, cause</extracomment>
        <translation>名前は IPv4 と IPv6 の両方のアドレスに解決されますが、CIM サーバーは一方のアドレスファミリでしか待ち受けていないため (SFCB の ip4AddrList/ip6AddrList、OpenPegasus の listenAddress)、片方が失敗します。</translation>
    </message>
    <message>
        <source>Connect using the address family that works, or configure the server to listen on both.</source>
        <extracomment>Failure mode B7, remedy</extracomment>
        <translation>動作するアドレスファミリで接続するか、両方で待ち受けるようにサーバーを設定してください。</translation>
    </message>
    <message>
        <source>A proxy is in the way</source>
        <extracomment>Failure mode B8, title</extracomment>
        <translation>プロキシが介在している</translation>
    </message>
    <message>
        <source>The request went through an HTTP proxy: it asked for proxy authentication (407), added a Via header, or presented a certificate issued by a proxy CA instead of the server&apos;s.</source>
        <extracomment>Failure mode B8, cause</extracomment>
        <translation>要求が HTTP プロキシを経由しました。プロキシ認証を要求された (407)、Via ヘッダーが追加された、またはサーバーではなくプロキシ CA が発行した証明書が提示されました。</translation>
    </message>
    <message>
        <source>Bypass the proxy for the CIM server (add it to the NoProxy / no_proxy list) or provide the proxy credentials.</source>
        <extracomment>Failure mode B8, remedy</extracomment>
        <translation>CIM サーバーについてはプロキシをバイパスするか (NoProxy / no_proxy リストに追加)、プロキシの資格情報を指定してください。</translation>
    </message>
    <message>
        <source>TLS sent to a plain HTTP port</source>
        <extracomment>Failure mode C1, title</extracomment>
        <translation>プレーン HTTP ポートに TLS を送信した</translation>
    </message>
    <message>
        <source>The client spoke TLS (https) to a port that speaks plain HTTP, typically 5988; the server answered in clear text, which shows as a wrong version number error.</source>
        <extracomment>Failure mode C1, cause</extracomment>
        <translation>クライアントがプレーン HTTP を使うポート (通常 5988) に TLS (https) で通信しました。サーバーが平文で応答したため、wrong version number エラーとして表示されます。</translation>
    </message>
    <message>
        <source>Use https with port 5989, or http:// with port 5988.</source>
        <extracomment>Failure mode C1, remedy</extracomment>
        <translation>ポート 5989 で https を使用するか、ポート 5988 で http:// を使用してください。</translation>
    </message>
    <message>
        <source>Plain HTTP sent to a TLS port</source>
        <extracomment>Failure mode C2, title</extracomment>
        <translation>TLS ポートにプレーン HTTP を送信した</translation>
    </message>
    <message>
        <source>The client sent plain HTTP to a port that expects TLS, typically 5989; the server answered with an empty reply, a reset or TLS bytes.</source>
        <extracomment>Failure mode C2, cause</extracomment>
        <translation>クライアントが TLS を期待するポート (通常 5989) にプレーン HTTP を送信しました。サーバーは空の応答、リセット、または TLS のバイト列で応答しました。</translation>
    </message>
    <message>
        <source>Use https:// for port 5989, or port 5988 for plain http.</source>
        <extracomment>Failure mode C2, remedy</extracomment>
        <translation>ポート 5989 には https:// を使用するか、プレーン http にはポート 5988 を使用してください。</translation>
    </message>
    <message>
        <source>Server supports only old TLS versions</source>
        <extracomment>Failure mode C3, title</extracomment>
        <translation>サーバーが古い TLS バージョンのみをサポート</translation>
    </message>
    <message>
        <source>The server offers only SSLv3, TLS 1.0 or 1.1, common on old BMC and storage firmware. Current OpenSSL refuses these by default, so the handshake fails with a protocol version error.</source>
        <extracomment>Failure mode C3, cause</extracomment>
        <translation>サーバーは SSLv3、TLS 1.0 または 1.1 しか提供していません。古い BMC やストレージのファームウェアでよく見られます。現在の OpenSSL は既定でこれらを拒否するため、ハンドシェイクはプロトコルバージョンエラーで失敗します。</translation>
    </message>
    <message>
        <source>Update the server or BMC firmware, or enable TLS 1.2 on it (OpenPegasus: check sslBackwardCompatibility). cimdiag can re-probe with old protocols allowed for diagnosis only and says so.</source>
        <extracomment>Failure mode C3, remedy</extracomment>
        <translation>サーバーまたは BMC のファームウェアを更新するか、TLS 1.2 を有効にしてください (OpenPegasus: sslBackwardCompatibility を確認)。cimdiag は診断目的に限り、古いプロトコルを許可して再検査でき、その旨を表示します。</translation>
    </message>
    <message>
        <source>Server uses weak Diffie-Hellman parameters</source>
        <extracomment>Failure mode C4, title</extracomment>
        <translation>サーバーが脆弱な Diffie-Hellman パラメーターを使用</translation>
    </message>
    <message>
        <source>The server offers DHE key exchange with parameters shorter than 2048 bits, which OpenSSL rejects with dh key too small.</source>
        <extracomment>Failure mode C4, cause</extracomment>
        <translation>サーバーは 2048 ビット未満のパラメーターで DHE 鍵交換を提示しており、OpenSSL は dh key too small で拒否します。</translation>
    </message>
    <message>
        <source>On the server configure 2048-bit or larger DH parameters or prefer ECDHE ciphers. As a client-side workaround exclude DHE ciphers.</source>
        <extracomment>Failure mode C4, remedy</extracomment>
        <translation>サーバーで 2048 ビット以上の DH パラメーターを設定するか、ECDHE 暗号を優先してください。クライアント側の回避策としては、DHE 暗号を除外してください。</translation>
    </message>
    <message>
        <source>Server certificate key is too short</source>
        <extracomment>Failure mode C5, title</extracomment>
        <translation>サーバー証明書の鍵が短すぎる</translation>
    </message>
    <message>
        <source>The server certificate has an RSA key shorter than 2048 bits. OpenSSL at security level 2, the default on Debian and other current distributions, refuses every such key (ee key too small).</source>
        <extracomment>Failure mode C5, cause</extracomment>
        <translation>サーバー証明書の RSA 鍵が 2048 ビット未満です。Debian などの現在のディストリビューションの既定であるセキュリティレベル 2 の OpenSSL は、このような鍵をすべて拒否します (ee key too small)。</translation>
    </message>
    <message>
        <source>Issue a new server certificate with an RSA key of at least 2048 bits (or an EC key) and install it on the server.</source>
        <extracomment>Failure mode C5, remedy</extracomment>
        <translation>2048 ビット以上の RSA 鍵 (または EC 鍵) で新しいサーバー証明書を発行し、サーバーにインストールしてください。</translation>
    </message>
    <message>
        <source>Certificate signed with SHA-1 or MD5</source>
        <extracomment>Failure mode C6, title</extracomment>
        <translation>SHA-1 または MD5 で署名された証明書</translation>
    </message>
    <message>
        <source>The server certificate or its chain is signed with SHA-1 or MD5, which current OpenSSL treats as too weak (ca md too weak).</source>
        <extracomment>Failure mode C6, cause</extracomment>
        <translation>サーバー証明書またはそのチェーンが SHA-1 または MD5 で署名されており、現在の OpenSSL はこれを弱すぎるとみなします (ca md too weak)。</translation>
    </message>
    <message>
        <source>Re-issue the certificate with a SHA-256 signature and install it on the server.</source>
        <extracomment>Failure mode C6, remedy</extracomment>
        <translation>SHA-256 署名で証明書を再発行し、サーバーにインストールしてください。</translation>
    </message>
    <message>
        <source>Self-signed server certificate</source>
        <extracomment>Failure mode C7, title</extracomment>
        <translation>自己署名のサーバー証明書</translation>
    </message>
    <message>
        <source>The server uses a self-signed certificate, the default of SFCB, OpenPegasus and standalone ESXi, so no trusted CA vouches for it.</source>
        <extracomment>Failure mode C7, cause</extracomment>
        <translation>サーバーは自己署名証明書 (SFCB、OpenPegasus、スタンドアロン ESXi の既定) を使用しているため、信頼された CA による保証がありません。</translation>
    </message>
    <message>
        <source>Compare the SHA-256 fingerprint with the one shown on the server and trust it (pin it), or import the issuing CA (the VMCA root for vCenter-managed ESXi). Better: install a CA-signed certificate.</source>
        <extracomment>Failure mode C7, remedy</extracomment>
        <translation>SHA-256 フィンガープリントをサーバーに表示されているものと比較して信頼する (ピン留めする) か、発行元 CA (vCenter 管理下の ESXi では VMCA ルート) をインポートしてください。推奨: CA 署名の証明書をインストールしてください。</translation>
    </message>
    <message>
        <source>Certificate chain incomplete</source>
        <extracomment>Failure mode C8, title</extracomment>
        <translation>証明書チェーンが不完全</translation>
    </message>
    <message>
        <source>The server sends its certificate without the intermediate CA certificate(s), so the chain cannot be built up to a trusted root.</source>
        <extracomment>Failure mode C8, cause</extracomment>
        <translation>サーバーが中間 CA 証明書なしで自身の証明書を送信しているため、信頼されたルートまでチェーンを構築できません。</translation>
    </message>
    <message>
        <source>Configure the server to send the full chain (leaf plus intermediates), or import the intermediate CA on the client.</source>
        <extracomment>Failure mode C8, remedy</extracomment>
        <translation>完全なチェーン (リーフと中間証明書) を送信するようにサーバーを設定するか、クライアントに中間 CA をインポートしてください。</translation>
    </message>
    <message>
        <source>Certificate expired, not yet valid or about to expire</source>
        <extracomment>Failure mode C9, title</extracomment>
        <translation>証明書の有効期限切れ、有効期間前、または期限間近</translation>
    </message>
    <message>
        <source>The server certificate is outside its validity dates or its end date is close (cimdiag warns 30 days ahead). Often it really expired or nobody renewed it in time; sometimes a clock is wrong, for example a BMC with a drifted clock makes a new certificate look not yet valid.</source>
        <extracomment>Failure mode C9, cause</extracomment>
        <translation>サーバー証明書が有効期間外であるか、終了日が近づいています (cimdiag は 30 日前に警告します)。実際に期限が切れた、または誰も期限内に更新しなかったことが多いですが、時計がずれていることもあります。例えば BMC の時計がずれていると、新しい証明書がまだ有効でないように見えます。</translation>
    </message>
    <message>
        <source>Renew the server certificate before its end date (at once if it has expired). Compare both clocks with the dates shown and configure NTP on the server or BMC.</source>
        <extracomment>Failure mode C9, remedy</extracomment>
        <translation>終了日より前にサーバー証明書を更新してください (期限切れの場合は直ちに)。表示された日付と両方の時計を比較し、サーバーまたは BMC で NTP を設定してください。</translation>
    </message>
    <message>
        <source>Certificate does not match the host name</source>
        <extracomment>Failure mode C10, title</extracomment>
        <translation>証明書がホスト名と一致しない</translation>
    </message>
    <message>
        <source>The name or IP you connected to is not in the certificate, for example CN localhost.localdomain, a host renamed after the certificate was made, or a connection by IP while the certificate lists only names.</source>
        <extracomment>Failure mode C10, cause</extracomment>
        <translation>接続先の名前または IP が証明書に含まれていません。例えば CN が localhost.localdomain の場合、証明書作成後にホスト名が変更された場合、証明書には名前しかないのに IP で接続した場合です。</translation>
    </message>
    <message>
        <source>Connect using a name listed in the certificate, regenerate the certificate after a rename, or pin the certificate fingerprint.</source>
        <extracomment>Failure mode C10, remedy</extracomment>
        <translation>証明書に記載された名前で接続するか、名前変更後に証明書を再生成するか、証明書のフィンガープリントをピン留めしてください。</translation>
    </message>
    <message>
        <source>Server lacks secure renegotiation</source>
        <extracomment>Failure mode C11, title</extracomment>
        <translation>サーバーがセキュアな再ネゴシエーションに未対応</translation>
    </message>
    <message>
        <source>The server does not support RFC 5746 secure renegotiation, so OpenSSL 3 refuses the handshake (unsafe legacy renegotiation disabled). Typical of old embedded TLS stacks.</source>
        <extracomment>Failure mode C11, cause</extracomment>
        <translation>サーバーが RFC 5746 のセキュアな再ネゴシエーションをサポートしていないため、OpenSSL 3 はハンドシェイクを拒否します (unsafe legacy renegotiation disabled)。古い組み込み TLS スタックでよく見られます。</translation>
    </message>
    <message>
        <source>Update the server firmware or TLS library. For diagnosis only, OpenSSL can be told to allow it (UnsafeLegacyServerConnect); do not keep that setting.</source>
        <extracomment>Failure mode C11, remedy</extracomment>
        <translation>サーバーのファームウェアまたは TLS ライブラリを更新してください。診断目的に限り、OpenSSL で許可することもできます (UnsafeLegacyServerConnect)。この設定は残さないでください。</translation>
    </message>
    <message>
        <source>No common TLS cipher or curve</source>
        <extracomment>Failure mode C12, title</extracomment>
        <translation>共通の TLS 暗号または曲線がない</translation>
    </message>
    <message>
        <source>Client and server share no cipher suite or key-exchange group, so the handshake fails with handshake_failure. SFCB&apos;s default sslEcDhCurveName=secp224r1 is one known risk.</source>
        <extracomment>Failure mode C12, cause</extracomment>
        <translation>クライアントとサーバーに共通の暗号スイートや鍵交換グループがないため、ハンドシェイクは handshake_failure で失敗します。SFCB の既定値 sslEcDhCurveName=secp224r1 は既知のリスクの一つです。</translation>
    </message>
    <message>
        <source>Compare the lists cimdiag shows and enable a modern cipher and curve on the server (on SFCB set sslCiphers and sslEcDhCurveName, for example to prime256v1, in sfcb.cfg).</source>
        <extracomment>Failure mode C12, remedy</extracomment>
        <translation>cimdiag が表示する一覧を比較し、サーバーで最新の暗号と曲線を有効にしてください (SFCB では sfcb.cfg の sslCiphers と sslEcDhCurveName を、例えば prime256v1 に設定)。</translation>
    </message>
    <message>
        <source>Server requires a client certificate</source>
        <extracomment>Failure mode C13, title</extracomment>
        <translation>サーバーがクライアント証明書を要求</translation>
    </message>
    <message>
        <source>The server demands a TLS client certificate and closes the handshake without one (SFCB sslClientCertificate=require, OpenPegasus sslClientVerificationMode=required).</source>
        <extracomment>Failure mode C13, cause</extracomment>
        <translation>サーバーは TLS クライアント証明書を要求し、証明書がないとハンドシェイクを終了します (SFCB の sslClientCertificate=require、OpenPegasus の sslClientVerificationMode=required)。</translation>
    </message>
    <message>
        <source>Provide a client certificate the server trusts, or relax the setting on the server (sslClientCertificate=ignore or accept in sfcb.cfg, sslClientVerificationMode=disabled or optional in OpenPegasus).</source>
        <extracomment>Failure mode C13, remedy</extracomment>
        <translation>サーバーが信頼するクライアント証明書を用意するか、サーバーの設定を緩和してください (sfcb.cfg で sslClientCertificate=ignore または accept、OpenPegasus で sslClientVerificationMode=disabled または optional)。</translation>
    </message>
    <message>
        <source>Outdated TLS library on the client</source>
        <extracomment>Failure mode C14, title</extracomment>
        <translation>クライアントの TLS ライブラリが古い</translation>
    </message>
    <message>
        <source>The client&apos;s OpenSSL is too old for the server&apos;s TLS settings and fails with internal errors such as EC lib.</source>
        <extracomment>Failure mode C14, cause</extracomment>
        <translation>クライアントの OpenSSL がサーバーの TLS 設定に対して古すぎ、EC lib などの内部エラーで失敗します。</translation>
    </message>
    <message>
        <source>Update OpenSSL (or the client tool that bundles it) on the computer running the client.</source>
        <extracomment>Failure mode C14, remedy</extracomment>
        <translation>クライアントを実行しているコンピューターの OpenSSL (またはそれを同梱するクライアントツール) を更新してください。</translation>
    </message>
    <message>
        <source>Wrong user name or password</source>
        <extracomment>Failure mode D1, title</extracomment>
        <translation>ユーザー名またはパスワードが誤っている</translation>
    </message>
    <message>
        <source>The server rejected the credentials: it answered 401 again after the user name and password were sent.</source>
        <extracomment>Failure mode D1, cause</extracomment>
        <translation>サーバーは資格情報を拒否しました。ユーザー名とパスワードを送信した後も再び 401 を返しました。</translation>
    </message>
    <message>
        <source>Re-enter the user name and password. On a command line, quote passwords containing $ ! ? or spaces, because the shell changes them.</source>
        <extracomment>Failure mode D1, remedy</extracomment>
        <translation>ユーザー名とパスワードを入力し直してください。コマンドラインでは、$ ! ? や空白を含むパスワードはシェルによって変更されるため、引用符で囲んでください。</translation>
    </message>
    <message>
        <source>User lacks the CIM privilege on ESXi</source>
        <extracomment>Failure mode D2, title</extracomment>
        <translation>ESXi でユーザーに CIM 権限がない</translation>
    </message>
    <message>
        <source>ESXi accepts the password but only root or users whose role has the CIM privilege may use CIM, so the server answers 401 for other accounts.</source>
        <extracomment>Failure mode D2, cause</extracomment>
        <translation>ESXi はパスワードを受け付けますが、CIM を使用できるのは root または CIM 権限を持つロールのユーザーだけであるため、他のアカウントには 401 を返します。</translation>
    </message>
    <message>
        <source>Give the user a role with Host.CIM.CIMInteraction (plus Host.Config.SystemManagement for changes), or use a CIM ticket from vCenter.</source>
        <extracomment>Failure mode D2, remedy</extracomment>
        <translation>ユーザーに Host.CIM.CIMInteraction (変更には Host.Config.SystemManagement も) を持つロールを付与するか、vCenter の CIM チケットを使用してください。</translation>
    </message>
    <message>
        <source>ESXi lockdown mode rejects logins</source>
        <extracomment>Failure mode D3, title</extracomment>
        <translation>ESXi のロックダウンモードがログインを拒否</translation>
    </message>
    <message>
        <source>The ESXi host is in lockdown mode, so it refuses every local account with 401, root included.</source>
        <extracomment>Failure mode D3, cause</extracomment>
        <translation>ESXi ホストがロックダウンモードになっているため、root を含むすべてのローカルアカウントを 401 で拒否します。</translation>
    </message>
    <message>
        <source>Get a CIM ticket from vCenter (AcquireCimServicesTicket) and use its session ID as both user name and password within 2 minutes, or take the host out of lockdown mode if policy allows.</source>
        <extracomment>Failure mode D3, remedy</extracomment>
        <translation>vCenter から CIM チケットを取得し (AcquireCimServicesTicket)、2 分以内にそのセッション ID をユーザー名とパスワードの両方として使用してください。ポリシーが許す場合は、ホストのロックダウンモードを解除してください。</translation>
    </message>
    <message>
        <source>OpenPegasus refuses remote root</source>
        <extracomment>Failure mode D4, title</extracomment>
        <translation>OpenPegasus がリモートの root を拒否</translation>
    </message>
    <message>
        <source>OpenPegasus does not allow privileged users such as root to log in over the network unless enableRemotePrivilegedUserAccess is true; it answers 401 with the detail Remote privileged user access is not enabled.</source>
        <extracomment>Failure mode D4, cause</extracomment>
        <translation>OpenPegasus は、enableRemotePrivilegedUserAccess が true でない限り、root などの特権ユーザーのネットワーク経由のログインを許可しません。詳細 Remote privileged user access is not enabled を付けて 401 を返します。</translation>
    </message>
    <message>
        <source>Use a non-root account, or on the server run cimconfig -s enableRemotePrivilegedUserAccess=true -p and restart cimserver.</source>
        <extracomment>Failure mode D4, remedy</extracomment>
        <translation>root 以外のアカウントを使用するか、サーバーで cimconfig -s enableRemotePrivilegedUserAccess=true -p を実行して cimserver を再起動してください。</translation>
    </message>
    <message>
        <source>No authentication method in common</source>
        <extracomment>Failure mode D5, title</extracomment>
        <translation>共通の認証方式がない</translation>
    </message>
    <message>
        <source>The server&apos;s 401 challenge offers no method the client speaks, for example only Negotiate (Kerberos) and no Basic, so no credentials can work.</source>
        <extracomment>Failure mode D5, cause</extracomment>
        <translation>サーバーの 401 チャレンジに、クライアントが対応する方式がありません (例えば Negotiate (Kerberos) のみで Basic がない)。そのため、どの資格情報でも認証できません。</translation>
    </message>
    <message>
        <source>Enable Basic authentication over HTTPS on the server, or use a client that supports the offered method. The diagnosis lists the methods offered.</source>
        <extracomment>Failure mode D5, remedy</extracomment>
        <translation>サーバーで HTTPS 経由の Basic 認証を有効にするか、提示された方式に対応したクライアントを使用してください。提示された方式は診断に一覧表示されます。</translation>
    </message>
    <message>
        <source>Server requires no authentication</source>
        <extracomment>Failure mode D6, title</extracomment>
        <translation>サーバーが認証を要求しない</translation>
    </message>
    <message>
        <source>The server answered without asking for credentials, so anyone who reaches the port can use it; SFCB does this with doBasicAuth=false.</source>
        <extracomment>Failure mode D6, cause</extracomment>
        <translation>サーバーは資格情報を求めずに応答したため、ポートに到達できる誰もが使用できます。SFCB は doBasicAuth=false のときにこのように動作します。</translation>
    </message>
    <message>
        <source>Security finding: enable authentication on the server (doBasicAuth=true in sfcb.cfg, enableAuthentication=true in OpenPegasus) and restrict access to the port.</source>
        <extracomment>Failure mode D6, remedy</extracomment>
        <translation>セキュリティ上の指摘: サーバーで認証を有効にし (sfcb.cfg で doBasicAuth=true、OpenPegasus で enableAuthentication=true)、ポートへのアクセスを制限してください。</translation>
    </message>
    <message>
        <source>Password with non-ASCII characters</source>
        <extracomment>Failure mode D7, title</extracomment>
        <translation>ASCII 以外の文字を含むパスワード</translation>
    </message>
    <message>
        <source>Basic authentication does not fix how non-ASCII characters are encoded, so client and server may encode the password differently (UTF-8 or Latin-1) and it is rejected.</source>
        <extracomment>Failure mode D7, cause</extracomment>
        <translation>Basic 認証では ASCII 以外の文字のエンコード方法が定められていないため、クライアントとサーバーでパスワードのエンコード (UTF-8 または Latin-1) が異なり、拒否されることがあります。</translation>
    </message>
    <message>
        <source>Try a password made of ASCII characters only to confirm; if it works, keep an ASCII-only password or use a client that encodes the password as the server expects (UTF-8 or Latin-1).</source>
        <extracomment>Failure mode D7, remedy</extracomment>
        <translation>確認のため ASCII 文字だけのパスワードを試してください。それで動作する場合は、ASCII のみのパスワードを使い続けるか、サーバーが期待する方式 (UTF-8 または Latin-1) でパスワードをエンコードするクライアントを使用してください。</translation>
    </message>
    <message>
        <source>Malformed Authorization header</source>
        <extracomment>Failure mode D8, title</extracomment>
        <translation>不正な Authorization ヘッダー</translation>
    </message>
    <message>
        <source>The server could not read the client&apos;s Authorization header and answered 400 (Authorization header error). This is a client bug.</source>
        <extracomment>Failure mode D8, cause</extracomment>
        <translation>サーバーはクライアントの Authorization ヘッダーを読み取れず、400 (Authorization header error) を返しました。これはクライアントのバグです。</translation>
    </message>
    <message>
        <source>Update or report the client software; check for stray characters in the user name or password settings.</source>
        <extracomment>Failure mode D8, remedy</extracomment>
        <translation>クライアントソフトウェアを更新するか報告してください。ユーザー名またはパスワードの設定に余分な文字が含まれていないか確認してください。</translation>
    </message>
    <message>
        <source>Access forbidden (403)</source>
        <extracomment>Failure mode D9, title</extracomment>
        <translation>アクセス禁止 (403)</translation>
    </message>
    <message>
        <source>The answer was 403 Forbidden. OpenPegasus and SFCB do not send this for CIM requests, so another program answers on the port: a proxy, a web interface or a vendor front end.</source>
        <extracomment>Failure mode D9, cause</extracomment>
        <translation>応答は 403 Forbidden でした。OpenPegasus と SFCB は CIM 要求に対してこれを返さないため、別のプログラム (プロキシ、Web インターフェイス、ベンダーのフロントエンド) がポートで応答しています。</translation>
    </message>
    <message>
        <source>Check that the port really belongs to the CIM server (see the server identification) and whether a proxy or front end blocks you.</source>
        <extracomment>Failure mode D9, remedy</extracomment>
        <translation>ポートが本当に CIM サーバーのものか確認し (サーバーの識別を参照)、プロキシやフロントエンドがブロックしていないか確認してください。</translation>
    </message>
    <message>
        <source>Expect: 100-continue rejected</source>
        <extracomment>Failure mode D10, title</extracomment>
        <translation>Expect: 100-continue が拒否された</translation>
    </message>
    <message>
        <source>The client sent an Expect: 100-continue header and SFCB answered 417 Expectation Failed, because it does not support it.</source>
        <extracomment>Failure mode D10, cause</extracomment>
        <translation>クライアントが Expect: 100-continue ヘッダーを送信し、SFCB はこれをサポートしていないため 417 Expectation Failed を返しました。</translation>
    </message>
    <message>
        <source>Configure the client not to send Expect: 100-continue (many HTTP libraries add it for large bodies).</source>
        <extracomment>Failure mode D10, remedy</extracomment>
        <translation>Expect: 100-continue を送信しないようにクライアントを設定してください (多くの HTTP ライブラリは大きな本文に対してこれを追加します)。</translation>
    </message>
    <message>
        <source>Chunked request body rejected</source>
        <extracomment>Failure mode D11, title</extracomment>
        <translation>チャンク形式の要求本文が拒否された</translation>
    </message>
    <message>
        <source>The client sent the request body in chunks without a length, and SFCB answered 411 Length Required.</source>
        <extracomment>Failure mode D11, cause</extracomment>
        <translation>クライアントが長さを指定せずに要求本文をチャンクで送信し、SFCB は 411 Length Required を返しました。</translation>
    </message>
    <message>
        <source>Configure the client to send a Content-Length header instead of chunked transfer encoding.</source>
        <extracomment>Failure mode D11, remedy</extracomment>
        <translation>チャンク転送エンコーディングではなく Content-Length ヘッダーを送信するようにクライアントを設定してください。</translation>
    </message>
    <message>
        <source>Request rejected as malformed (plain 400)</source>
        <extracomment>Failure mode D12, title</extracomment>
        <translation>要求が不正として拒否された (単純な 400)</translation>
    </message>
    <message>
        <source>The server answered 400 without a CIM error: a required HTTP header was missing or wrong, such as Host, a Content-Type other than application/xml or text/xml with charset utf-8, or the CIMOperation header.</source>
        <extracomment>Failure mode D12, cause</extracomment>
        <translation>サーバーは CIM エラーなしで 400 を返しました。必要な HTTP ヘッダーがないか誤っています。例えば Host、application/xml または text/xml (charset utf-8) 以外の Content-Type、CIMOperation ヘッダーなどです。</translation>
    </message>
    <message>
        <source>A client problem: update or report the client; the diagnosis shows the headers sent.</source>
        <extracomment>Failure mode D12, remedy</extracomment>
        <translation>クライアントの問題です。クライアントを更新するか報告してください。送信したヘッダーは診断に表示されます。</translation>
    </message>
    <message>
        <source>CIM operation header not accepted</source>
        <extracomment>Failure mode D13, title</extracomment>
        <translation>CIM 操作ヘッダーが受け付けられない</translation>
    </message>
    <message>
        <source>The server answered 400 with CIMError unsupported-operation: the CIMOperation header did not say MethodCall.</source>
        <extracomment>Failure mode D13, cause</extracomment>
        <translation>サーバーは CIMError unsupported-operation を付けて 400 を返しました。CIMOperation ヘッダーが MethodCall になっていませんでした。</translation>
    </message>
    <message>
        <source>A client bug: update or report the client.</source>
        <extracomment>Failure mode D13, remedy</extracomment>
        <translation>クライアントのバグです。クライアントを更新するか報告してください。</translation>
    </message>
    <message>
        <source>CIM headers do not match the request</source>
        <extracomment>Failure mode D14, title</extracomment>
        <translation>CIM ヘッダーが要求と一致しない</translation>
    </message>
    <message>
        <source>The server answered 400 with CIMError header-mismatch: CIMMethod or CIMObject is missing or differs from the XML body, or the protocol versions disagree.</source>
        <extracomment>Failure mode D14, cause</extracomment>
        <translation>サーバーは CIMError header-mismatch を付けて 400 を返しました。CIMMethod または CIMObject がないか XML 本文と異なる、またはプロトコルバージョンが一致しません。</translation>
    </message>
    <message>
        <source>A client bug: compare the headers with the body (the diagnosis shows both) and report it to the client&apos;s maintainer.</source>
        <extracomment>Failure mode D14, remedy</extracomment>
        <translation>クライアントのバグです。ヘッダーと本文を比較し (診断に両方が表示されます)、クライアントの保守者に報告してください。</translation>
    </message>
    <message>
        <source>Request body not valid CIM-XML</source>
        <extracomment>Failure mode D15, title</extracomment>
        <translation>要求本文が有効な CIM-XML ではない</translation>
    </message>
    <message>
        <source>The server answered 400 with CIMError request-not-valid or request-not-well-formed: the XML is broken or not valid CIM-XML, for example a namespace written with a leading slash.</source>
        <extracomment>Failure mode D15, cause</extracomment>
        <translation>サーバーは CIMError request-not-valid または request-not-well-formed を付けて 400 を返しました。XML が壊れているか有効な CIM-XML ではありません。例えば先頭にスラッシュの付いた名前空間です。</translation>
    </message>
    <message>
        <source>Write namespaces without leading or trailing slashes (root/cimv2); otherwise update or report the client.</source>
        <extracomment>Failure mode D15, remedy</extracomment>
        <translation>名前空間は先頭や末尾にスラッシュを付けずに記述してください (root/cimv2)。それ以外の場合は、クライアントを更新するか報告してください。</translation>
    </message>
    <message>
        <source>Protocol or version not supported</source>
        <extracomment>Failure mode D16, title</extracomment>
        <translation>プロトコルまたはバージョンがサポートされていない</translation>
    </message>
    <message>
        <source>The server answered 501 with a CIMError such as unsupported-protocol-version, unsupported-cim-version, unsupported-dtd-version or multiple-requests-unsupported.</source>
        <extracomment>Failure mode D16, cause</extracomment>
        <translation>サーバーは unsupported-protocol-version、unsupported-cim-version、unsupported-dtd-version、multiple-requests-unsupported などの CIMError を付けて 501 を返しました。</translation>
    </message>
    <message>
        <source>Use a client that sends CIMVERSION 2.0, DTDVERSION 2.0, PROTOCOLVERSION 1.0 and one request per message (no batching).</source>
        <extracomment>Failure mode D16, remedy</extracomment>
        <translation>CIMVERSION 2.0、DTDVERSION 2.0、PROTOCOLVERSION 1.0 を送信し、1 メッセージに 1 要求 (バッチなし) を送るクライアントを使用してください。</translation>
    </message>
    <message>
        <source>M-POST not accepted</source>
        <extracomment>Failure mode D17, title</extracomment>
        <translation>M-POST が受け付けられない</translation>
    </message>
    <message>
        <source>The server rejected the M-POST method (501, 510 or 405). Some servers accept only POST.</source>
        <extracomment>Failure mode D17, cause</extracomment>
        <translation>サーバーは M-POST メソッドを拒否しました (501、510 または 405)。POST しか受け付けないサーバーもあります。</translation>
    </message>
    <message>
        <source>Send the request with POST; most clients fall back automatically.</source>
        <extracomment>Failure mode D17, remedy</extracomment>
        <translation>POST で要求を送信してください。ほとんどのクライアントは自動的にフォールバックします。</translation>
    </message>
    <message>
        <source>Not a CIM server on this port</source>
        <extracomment>Failure mode D18, title</extracomment>
        <translation>このポートは CIM サーバーではない</translation>
    </message>
    <message>
        <source>Something answers on the port but it is not a CIM server: the reply is a web page or lacks the CIMOperation: MethodResponse header.</source>
        <extracomment>Failure mode D18, cause</extracomment>
        <translation>ポートで何かが応答していますが、CIM サーバーではありません。応答が Web ページであるか、CIMOperation: MethodResponse ヘッダーがありません。</translation>
    </message>
    <message>
        <source>Check the port number and which service listens there; CIM-XML normally uses 5988 (http) and 5989 (https).</source>
        <extracomment>Failure mode D18, remedy</extracomment>
        <translation>ポート番号と、そこで待ち受けているサービスを確認してください。CIM-XML は通常 5988 (http) と 5989 (https) を使用します。</translation>
    </message>
    <message>
        <source>CIM server unavailable</source>
        <extracomment>Failure mode D19, title</extracomment>
        <translation>CIM サーバーが利用できない</translation>
    </message>
    <message>
        <source>The server answered 503 Service Unavailable or CIM status 28: it is shutting down, starting up or overloaded.</source>
        <extracomment>Failure mode D19, cause</extracomment>
        <translation>サーバーは 503 Service Unavailable または CIM ステータス 28 を返しました。シャットダウン中、起動中、または過負荷です。</translation>
    </message>
    <message>
        <source>Wait and retry later (respect Retry-After when given); if it persists, check or restart the CIM service.</source>
        <extracomment>Failure mode D19, remedy</extracomment>
        <translation>しばらく待ってから再試行してください (Retry-After が指定されていればそれに従ってください)。解決しない場合は、CIM サービスを確認または再起動してください。</translation>
    </message>
    <message>
        <source>Credentials sent without encryption</source>
        <extracomment>Failure mode D20, title</extracomment>
        <translation>資格情報が暗号化されずに送信された</translation>
    </message>
    <message>
        <source>With http:// the Basic credentials cross the network only base64-encoded, so anyone on the path can read the user name and password. cimdiag extends the catalogue with this id.</source>
        <extracomment>Failure mode D20, cause</extracomment>
        <translation>http:// では Basic 認証の資格情報が base64 エンコードされただけでネットワークを通過するため、経路上の誰でもユーザー名とパスワードを読み取れます。cimdiag はこの ID でカタログを拡張しています。</translation>
    </message>
    <message>
        <source>Use https on port 5989. Then close the plain port: on OpenPegasus cimconfig -s enableHttpConnection=false -p, on ESXi turn the CIMHttpServer firewall ruleset off (esxcli network firewall ruleset set -r CIMHttpServer -e false).</source>
        <extracomment>Failure mode D20, remedy</extracomment>
        <translation>ポート 5989 で https を使用してください。その後、平文のポートを閉じてください。OpenPegasus では cimconfig -s enableHttpConnection=false -p、ESXi では CIMHttpServer ファイアウォールルールセットを無効にします (esxcli network firewall ruleset set -r CIMHttpServer -e false)。</translation>
    </message>
    <message>
        <source>Wrong interop namespace</source>
        <extracomment>Failure mode E1, title</extracomment>
        <translation>interop 名前空間が誤っている</translation>
    </message>
    <message>
        <source>The server does not know the interop namespace that was asked for (CIM_ERR_INVALID_NAMESPACE). Servers use different names: interop, root/interop (SFCB, ESXi) or root/PG_InterOp (OpenPegasus).</source>
        <extracomment>Failure mode E1, cause</extracomment>
        <translation>サーバーは要求された interop 名前空間を認識していません (CIM_ERR_INVALID_NAMESPACE)。サーバーによって名前が異なります: interop、root/interop (SFCB、ESXi)、root/PG_InterOp (OpenPegasus)。</translation>
    </message>
    <message>
        <source>Use the interop namespace cimdiag discovered, spelled as the server reports it.</source>
        <extracomment>Failure mode E1, remedy</extracomment>
        <translation>cimdiag が検出した interop 名前空間を、サーバーが報告するとおりの綴りで使用してください。</translation>
    </message>
    <message>
        <source>Namespace not listed by the server</source>
        <extracomment>Failure mode E2, title</extracomment>
        <translation>サーバーが一覧に含めていない名前空間</translation>
    </message>
    <message>
        <source>The namespace works but does not appear in the server&apos;s CIM_Namespace list, a harmless inconsistency of some servers.</source>
        <extracomment>Failure mode E2, cause</extracomment>
        <translation>名前空間は動作しますが、サーバーの CIM_Namespace 一覧に表示されません。一部のサーバーに見られる無害な不整合です。</translation>
    </message>
    <message>
        <source>Nothing to fix; use the namespace directly. Report it to the vendor if tools depend on the list.</source>
        <extracomment>Failure mode E2, remedy</extracomment>
        <translation>修正は不要です。名前空間を直接使用してください。ツールがこの一覧に依存している場合は、ベンダーに報告してください。</translation>
    </message>
    <message>
        <source>Class not found in the namespace</source>
        <extracomment>Failure mode E3, title</extracomment>
        <translation>名前空間にクラスが見つからない</translation>
    </message>
    <message>
        <source>The server answered CIM_ERR_INVALID_CLASS: the class does not exist in this namespace. Vendor classes often live in vendor namespaces such as root/ibm or root/ontap, or the provider is not installed.</source>
        <extracomment>Failure mode E3, cause</extracomment>
        <translation>サーバーは CIM_ERR_INVALID_CLASS を返しました。このクラスはこの名前空間に存在しません。ベンダークラスは root/ibm や root/ontap などのベンダー名前空間にあることが多く、またはプロバイダーがインストールされていません。</translation>
    </message>
    <message>
        <source>Find the right namespace through the registered profiles (CIM_RegisteredProfile in the interop namespace), or install the vendor provider.</source>
        <extracomment>Failure mode E3, remedy</extracomment>
        <translation>登録済みプロファイル (interop 名前空間の CIM_RegisteredProfile) から正しい名前空間を見つけるか、ベンダープロバイダーをインストールしてください。</translation>
    </message>
    <message>
        <source>Operation not supported</source>
        <extracomment>Failure mode E4, title</extracomment>
        <translation>操作がサポートされていない</translation>
    </message>
    <message>
        <source>The server answered CIM_ERR_NOT_SUPPORTED, for example for pull operations (OpenEnumerateInstances) on older servers.</source>
        <extracomment>Failure mode E4, cause</extracomment>
        <translation>サーバーは CIM_ERR_NOT_SUPPORTED を返しました。例えば古いサーバーでのプル操作 (OpenEnumerateInstances) です。</translation>
    </message>
    <message>
        <source>Use the traditional operation instead (EnumerateInstances instead of the pull operations); most clients fall back automatically.</source>
        <extracomment>Failure mode E4, remedy</extracomment>
        <translation>代わりに従来の操作 (プル操作の代わりに EnumerateInstances) を使用してください。ほとんどのクライアントは自動的にフォールバックします。</translation>
    </message>
    <message>
        <source>Old SFCB misreports pull operations</source>
        <extracomment>Failure mode E5, title</extracomment>
        <translation>古い SFCB がプル操作のエラーを誤って報告</translation>
    </message>
    <message>
        <source>SFCB before 1.4.5 answers pull operations with CIM_ERR_FAILED instead of CIM_ERR_NOT_SUPPORTED, so clients do not know they should fall back.</source>
        <extracomment>Failure mode E5, cause</extracomment>
        <translation>1.4.5 より前の SFCB は、プル操作に CIM_ERR_NOT_SUPPORTED ではなく CIM_ERR_FAILED を返すため、クライアントはフォールバックすべきことがわかりません。</translation>
    </message>
    <message>
        <source>Use the traditional operations with this server, or update SFCB.</source>
        <extracomment>Failure mode E5, remedy</extracomment>
        <translation>このサーバーでは従来の操作を使用するか、SFCB を更新してください。</translation>
    </message>
    <message>
        <source>Access denied to the data</source>
        <extracomment>Failure mode E6, title</extracomment>
        <translation>データへのアクセスが拒否された</translation>
    </message>
    <message>
        <source>The login worked but the server answered CIM_ERR_ACCESS_DENIED: the account has no rights on this namespace or class.</source>
        <extracomment>Failure mode E6, cause</extracomment>
        <translation>ログインは成功しましたが、サーバーは CIM_ERR_ACCESS_DENIED を返しました。アカウントにこの名前空間またはクラスに対する権限がありません。</translation>
    </message>
    <message>
        <source>Grant the user rights on the namespace (OpenPegasus: cimauth -a -u USER -n NAMESPACE -R -W), or use an account that has them.</source>
        <extracomment>Failure mode E6, remedy</extracomment>
        <translation>ユーザーに名前空間の権限を付与するか (OpenPegasus: cimauth -a -u USER -n NAMESPACE -R -W)、権限のあるアカウントを使用してください。</translation>
    </message>
    <message>
        <source>No data returned</source>
        <extracomment>Failure mode E7, title</extracomment>
        <translation>データが返されない</translation>
    </message>
    <message>
        <source>The request succeeded but returned no instances. Usually the vendor provider or VIB that supplies the data is missing, or the account may not see it.</source>
        <extracomment>Failure mode E7, cause</extracomment>
        <translation>要求は成功しましたが、インスタンスが返されませんでした。通常は、データを提供するベンダープロバイダーまたは VIB がないか、アカウントにそのデータを参照する権限がありません。</translation>
    </message>
    <message>
        <source>Install the vendor&apos;s CIM provider (on ESXi the vendor VIB) and check the account&apos;s rights.</source>
        <extracomment>Failure mode E7, remedy</extracomment>
        <translation>ベンダーの CIM プロバイダー (ESXi ではベンダー VIB) をインストールし、アカウントの権限を確認してください。</translation>
    </message>
    <message>
        <source>Server answers too slowly</source>
        <extracomment>Failure mode E8, title</extracomment>
        <translation>サーバーの応答が遅すぎる</translation>
    </message>
    <message>
        <source>The server needs longer than the client&apos;s timeout, usually because a provider is slow; compare WBEMServerResponseTime with the round trip.</source>
        <extracomment>Failure mode E8, cause</extracomment>
        <translation>サーバーの処理がクライアントのタイムアウトより長くかかっています。通常はプロバイダーが遅いことが原因です。WBEMServerResponseTime と往復時間を比較してください。</translation>
    </message>
    <message>
        <source>Raise the client timeout, ask for fewer properties (property lists), or use pull operations to get the data in pieces.</source>
        <extracomment>Failure mode E8, remedy</extracomment>
        <translation>クライアントのタイムアウトを延ばすか、要求するプロパティを減らす (プロパティリスト) か、プル操作を使ってデータを分割して取得してください。</translation>
    </message>
    <message>
        <source>Response too large for the server</source>
        <extracomment>Failure mode E9, title</extracomment>
        <translation>応答がサーバーにとって大きすぎる</translation>
    </message>
    <message>
        <source>The server refused because the answer would exceed its limits (CIM_ERR_SERVER_LIMITS_EXCEEDED), for example OpenPegasus pullOperationsMaxObjectCount or SFCB maxMsgLen.</source>
        <extracomment>Failure mode E9, cause</extracomment>
        <translation>応答がサーバーの制限を超えるため、サーバーは拒否しました (CIM_ERR_SERVER_LIMITS_EXCEEDED)。例えば OpenPegasus の pullOperationsMaxObjectCount や SFCB の maxMsgLen です。</translation>
    </message>
    <message>
        <source>Use pull operations with a smaller MaxObjectCount, or narrow the request; administrators can raise the limit on the server.</source>
        <extracomment>Failure mode E9, remedy</extracomment>
        <translation>MaxObjectCount を小さくしてプル操作を使用するか、要求を絞り込んでください。管理者はサーバーで制限を引き上げることができます。</translation>
    </message>
    <message>
        <source>Error reported in the middle of the reply</source>
        <extracomment>Failure mode E10, title</extracomment>
        <translation>応答の途中でエラーが報告された</translation>
    </message>
    <message>
        <source>The server started a successful chunked reply and reported a CIM error at the end, in HTTP trailers (CIMStatusCode), which clients that ignore trailers miss.</source>
        <extracomment>Failure mode E10, cause</extracomment>
        <translation>サーバーはチャンク形式の成功応答を開始し、最後に HTTP トレーラー (CIMStatusCode) で CIM エラーを報告しました。トレーラーを無視するクライアントはこれを見逃します。</translation>
    </message>
    <message>
        <source>Use a client that reads HTTP trailers, or one that does not send TE: trailers so the server reports errors up front.</source>
        <extracomment>Failure mode E10, remedy</extracomment>
        <translation>HTTP トレーラーを読み取るクライアントを使用するか、TE: trailers を送信しないクライアントを使用して、サーバーがエラーを最初に報告するようにしてください。</translation>
    </message>
    <message>
        <source>Unstable ESXi CIM service</source>
        <extracomment>Failure mode E11, title</extracomment>
        <translation>ESXi の CIM サービスが不安定</translation>
    </message>
    <message>
        <source>The ESXi CIM service (sfcbd) resets connections, hangs or returns stale data. CIM is deprecated on ESXi 8.0U3 and will be removed.</source>
        <extracomment>Failure mode E11, cause</extracomment>
        <translation>ESXi の CIM サービス (sfcbd) が接続をリセットする、ハングする、または古いデータを返します。ESXi 8.0U3 では CIM は非推奨となり、今後削除されます。</translation>
    </message>
    <message>
        <source>Restart it with /etc/init.d/sfcbd-watchdog restart, clear a full IPMI event log (localcli hardware ipmi sel clear), and plan a move to another management interface.</source>
        <extracomment>Failure mode E11, remedy</extracomment>
        <translation>/etc/init.d/sfcbd-watchdog restart で再起動し、満杯の IPMI イベントログを消去し (localcli hardware ipmi sel clear)、別の管理インターフェイスへの移行を計画してください。</translation>
    </message>
    <message>
        <source>Reply is not valid CIM-XML</source>
        <extracomment>Failure mode E12, title</extracomment>
        <translation>応答が有効な CIM-XML ではない</translation>
    </message>
    <message>
        <source>The server answered, but the body is not valid CIM-XML: an unescaped character, invalid UTF-8, an undefined entity or a wrong element, usually written by one provider for one class. cimdiag extends the catalogue with this id.</source>
        <extracomment>Failure mode E12, cause</extracomment>
        <translation>サーバーは応答しましたが、本文が有効な CIM-XML ではありません。エスケープされていない文字、無効な UTF-8、未定義のエンティティ、誤った要素などで、通常は特定のクラスについて特定のプロバイダーが書き出したものです。cimdiag はこの ID でカタログを拡張しています。</translation>
    </message>
    <message>
        <source>The error names the element path, line and column. Enumerate narrower classes or with a property list to find the provider, update or disable it, and send the capture (cimdiag-cli decode shows the same error) to the vendor.</source>
        <extracomment>Failure mode E12, remedy</extracomment>
        <translation>エラーには要素パス、行、列が示されます。より狭いクラスで、またはプロパティリストを指定して列挙してプロバイダーを特定し、更新または無効化してください。キャプチャ (cimdiag-cli decode で同じエラーが表示されます) をベンダーに送付してください。</translation>
    </message>
    <message>
        <source>Firewall blocks indications to this computer</source>
        <extracomment>Failure mode F1, title</extracomment>
        <translation>ファイアウォールがこのコンピューターへのインジケーションをブロック</translation>
    </message>
    <message>
        <source>The subscription was created but no indication ever arrives, because a firewall in front of this computer blocks the incoming connection.</source>
        <extracomment>Failure mode F1, cause</extracomment>
        <translation>サブスクリプションは作成されましたが、このコンピューターの手前のファイアウォールが着信接続をブロックしているため、インジケーションが一切届きません。</translation>
    </message>
    <message>
        <source>Allow incoming TCP on the listener port in the local (and network) firewall.</source>
        <extracomment>Failure mode F1, remedy</extracomment>
        <translation>ローカル (およびネットワーク) ファイアウォールで、リスナーポートへの受信 TCP を許可してください。</translation>
    </message>
    <message>
        <source>Server firewall blocks outgoing indications</source>
        <extracomment>Failure mode F2, title</extracomment>
        <translation>サーバーのファイアウォールが送信インジケーションをブロック</translation>
    </message>
    <message>
        <source>The server cannot connect out to the listener: the ESXi firewall blocks outgoing connections by default and the CIM server opens the port only for its subscriptions.</source>
        <extracomment>Failure mode F2, cause</extracomment>
        <translation>サーバーからリスナーへ接続できません。ESXi のファイアウォールは既定で送信接続をブロックし、CIM サーバーは自身のサブスクリプションに対してのみポートを開きます。</translation>
    </message>
    <message>
        <source>Check the server&apos;s outgoing rules; on ESXi look at esxcli network firewall ruleset list and allow the listener port.</source>
        <extracomment>Failure mode F2, remedy</extracomment>
        <translation>サーバーの送信ルールを確認してください。ESXi では esxcli network firewall ruleset list を確認し、リスナーポートを許可してください。</translation>
    </message>
    <message>
        <source>Listener address unreachable from the server</source>
        <extracomment>Failure mode F3, title</extracomment>
        <translation>サーバーからリスナーのアドレスに到達できない</translation>
    </message>
    <message>
        <source>The listener address in the subscription does not work from the server: a name it cannot resolve, a private address behind NAT or VPN, the wrong network interface, or localhost.</source>
        <extracomment>Failure mode F3, cause</extracomment>
        <translation>サブスクリプション内のリスナーアドレスがサーバーから機能しません。サーバーが解決できない名前、NAT や VPN の背後のプライベートアドレス、誤ったネットワークインターフェイス、または localhost です。</translation>
    </message>
    <message>
        <source>Use an address of this computer that the server can reach, such as the local address of the connection to the server; avoid NAT and private addresses the server cannot route to.</source>
        <extracomment>Failure mode F3, remedy</extracomment>
        <translation>このコンピューターのアドレスのうち、サーバーから到達できるもの (サーバーへの接続のローカルアドレスなど) を使用してください。NAT や、サーバーからルーティングできないプライベートアドレスは避けてください。</translation>
    </message>
    <message>
        <source>Server rejects the listener&apos;s certificate</source>
        <extracomment>Failure mode F4, title</extracomment>
        <translation>サーバーがリスナーの証明書を拒否</translation>
    </message>
    <message>
        <source>The server delivers to an HTTPS listener only if it trusts the listener&apos;s certificate (SFCB sslIndicationReceiverCert=verify), so deliveries are dropped.</source>
        <extracomment>Failure mode F4, cause</extracomment>
        <translation>サーバーは、リスナーの証明書を信頼する場合にのみ HTTPS リスナーに配信するため (SFCB の sslIndicationReceiverCert=verify)、配信が破棄されます。</translation>
    </message>
    <message>
        <source>Use an http listener for the test, or add the listener&apos;s certificate or CA to the server&apos;s trust store.</source>
        <extracomment>Failure mode F4, remedy</extracomment>
        <translation>テストには http リスナーを使用するか、リスナーの証明書または CA をサーバーのトラストストアに追加してください。</translation>
    </message>
    <message>
        <source>Listener rejects the delivered indication</source>
        <extracomment>Failure mode F5, title</extracomment>
        <translation>リスナーが配信されたインジケーションを拒否</translation>
    </message>
    <message>
        <source>The indication reached the listener but was refused as malformed or unsupported (405, 406, 400 or 501), for example an M-POST or an unexpected content type.</source>
        <extracomment>Failure mode F5, cause</extracomment>
        <translation>インジケーションはリスナーに届きましたが、不正またはサポート外として拒否されました (405、406、400 または 501)。例えば M-POST や想定外のコンテンツタイプです。</translation>
    </message>
    <message>
        <source>Use a listener that accepts POST and M-POST with text/xml and application/xml, or report the mismatch to the server vendor.</source>
        <extracomment>Failure mode F5, remedy</extracomment>
        <translation>text/xml と application/xml の POST と M-POST を受け付けるリスナーを使用するか、不一致をサーバーのベンダーに報告してください。</translation>
    </message>
    <message>
        <source>Subscription disabled after failed deliveries</source>
        <extracomment>Failure mode F6, title</extracomment>
        <translation>配信失敗後にサブスクリプションが無効化された</translation>
    </message>
    <message>
        <source>After delivery failures the server disabled or removed the subscription, depending on its OnFatalErrorPolicy; SFCB, for example, retries three times 20 seconds apart.</source>
        <extracomment>Failure mode F6, cause</extracomment>
        <translation>配信に失敗した後、サーバーは OnFatalErrorPolicy に従ってサブスクリプションを無効化または削除しました。例えば SFCB は 20 秒間隔で 3 回再試行します。</translation>
    </message>
    <message>
        <source>Fix the delivery problem, then re-enable or re-create the subscription; check its SubscriptionState.</source>
        <extracomment>Failure mode F6, remedy</extracomment>
        <translation>配信の問題を修正してから、サブスクリプションを再度有効にするか作成し直してください。SubscriptionState を確認してください。</translation>
    </message>
    <message>
        <source>Subscription could not be created</source>
        <extracomment>Failure mode F7, title</extracomment>
        <translation>サブスクリプションを作成できなかった</translation>
    </message>
    <message>
        <source>The server refused to create the filter, destination or subscription: its limits are reached (SFCB allows 100 by default), the user is not privileged (OpenPegasus), the filter query is invalid, or the namespace is wrong.</source>
        <extracomment>Failure mode F7, cause</extracomment>
        <translation>サーバーはフィルター、宛先、またはサブスクリプションの作成を拒否しました。上限に達している (SFCB の既定は 100)、ユーザーに特権がない (OpenPegasus)、フィルタークエリが無効、または名前空間が誤っています。</translation>
    </message>
    <message>
        <source>Remove leftover subscriptions, use a privileged account, check the query, and create them in the interop namespace.</source>
        <extracomment>Failure mode F7, remedy</extracomment>
        <translation>残っているサブスクリプションを削除し、特権アカウントを使用し、クエリを確認して、interop 名前空間に作成してください。</translation>
    </message>
    <message>
        <source>Nothing to deliver</source>
        <extracomment>Failure mode F8, title</extracomment>
        <translation>配信するものがない</translation>
    </message>
    <message>
        <source>The subscription works but the server produces no indications. ESXi hardware alerts come from IPMI event log (SEL) entries, and a full SEL stops them.</source>
        <extracomment>Failure mode F8, cause</extracomment>
        <translation>サブスクリプションは動作していますが、サーバーがインジケーションを生成しません。ESXi のハードウェアアラートは IPMI イベントログ (SEL) のエントリから生成され、SEL が満杯になると停止します。</translation>
    </message>
    <message>
        <source>Clear the IPMI event log on ESXi with localcli hardware ipmi sel clear, and check that the vendor provider generates alerts.</source>
        <extracomment>Failure mode F8, remedy</extracomment>
        <translation>ESXi で localcli hardware ipmi sel clear を実行して IPMI イベントログを消去し、ベンダープロバイダーがアラートを生成することを確認してください。</translation>
    </message>
    <message>
        <source>No standard test indication</source>
        <extracomment>Failure mode F9, title</extracomment>
        <translation>標準のテストインジケーションがない</translation>
    </message>
    <message>
        <source>CIM has no standard way to make a server send a test indication; OpenPegasus offers one only in test builds.</source>
        <extracomment>Failure mode F9, cause</extracomment>
        <translation>CIM には、サーバーにテストインジケーションを送信させる標準の方法がありません。OpenPegasus はテストビルドでのみこれを提供しています。</translation>
    </message>
    <message>
        <source>Use a test mechanism the server offers; otherwise cimdiag proves the path with a listener self-test and a reachability check.</source>
        <extracomment>Failure mode F9, remedy</extracomment>
        <translation>サーバーが提供するテスト機構を使用してください。それがない場合、cimdiag はリスナーの自己テストと到達性チェックで経路を確認します。</translation>
    </message>
    <message>
        <source>Indication listener overloaded</source>
        <extracomment>Failure mode F10, title</extracomment>
        <translation>インジケーションリスナーが過負荷</translation>
    </message>
    <message>
        <source>Indications arrive faster than the listener processes them and its queue is full, so some are dropped.</source>
        <extracomment>Failure mode F10, cause</extracomment>
        <translation>インジケーションがリスナーの処理速度より速く届き、キューが満杯になっているため、一部が破棄されています。</translation>
    </message>
    <message>
        <source>Process indications faster or in a separate worker, or narrow the subscription filters.</source>
        <extracomment>Failure mode F10, remedy</extracomment>
        <translation>インジケーションをより速く、または別のワーカーで処理するか、サブスクリプションのフィルターを絞り込んでください。</translation>
    </message>
    <message>
        <source>Stale subscriptions use up the server&apos;s limits</source>
        <extracomment>Failure mode F11, title</extracomment>
        <translation>古いサブスクリプションがサーバーの上限を消費している</translation>
    </message>
    <message>
        <source>Old subscriptions from other tools point to listeners that no longer exist; they keep failing and count against the server&apos;s subscription limits.</source>
        <extracomment>Failure mode F11, cause</extracomment>
        <translation>他のツールによる古いサブスクリプションが、もう存在しないリスナーを指しています。それらは失敗し続け、サーバーのサブスクリプション上限に数えられます。</translation>
    </message>
    <message>
        <source>List the subscriptions and remove the stale ones (only ones you own or are sure are dead).</source>
        <extracomment>Failure mode F11, remedy</extracomment>
        <translation>サブスクリプションを一覧表示し、古いものを削除してください (自分が所有するもの、または確実に無効なものだけ)。</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpCheck</name>
    <message>
        <source>Sending an unauthenticated CIM-XML request to %1 (%2)</source>
        <translation>認証なしの CIM-XML 要求を %1 (%2) に送信しています</translation>
    </message>
    <message>
        <source>Request (a)</source>
        <translation>要求 (a)</translation>
    </message>
    <message>
        <source>Request (b), with Expect: 100-continue</source>
        <extracomment>&quot;Expect: 100-continue&quot; is an HTTP header line: keep it as it is.</extracomment>
        <translation>要求 (b)、Expect: 100-continue 付き</translation>
    </message>
    <message>
        <source>Reply to (a)</source>
        <translation>(a) への応答</translation>
    </message>
    <message>
        <source>Reply to (b)</source>
        <translation>(b) への応答</translation>
    </message>
    <message>
        <source>no connection: %1 (%2)</source>
        <translation>接続なし: %1 (%2)</translation>
    </message>
    <message>
        <source>TLS error: %1</source>
        <translation>TLS エラー: %1</translation>
    </message>
    <message>
        <source>no reply within %1 ms</source>
        <translation>%1 ms 以内に応答なし</translation>
    </message>
    <message>
        <source>connection closed before a reply (%1)</source>
        <translation>応答の前に接続が閉じられました (%1)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>no HTTP reply</source>
        <translation>HTTP 応答なし</translation>
    </message>
    <message>
        <source>
first bytes: %1</source>
        <translation>
先頭のバイト列: %1</translation>
    </message>
    <message>
        <source>
(first byte after %1 ms, total %2 ms)</source>
        <translation>
(最初のバイトまで %1 ms、合計 %2 ms)</translation>
    </message>
    <message>
        <source>
client certificate not sent: %1</source>
        <translation>
クライアント証明書は送信されませんでした: %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpDiagnosis</name>
    <message>
        <source>Could not connect to port %1 for the HTTP request: %2</source>
        <translation>HTTP 要求のためにポート %1 に接続できませんでした: %2</translation>
    </message>
    <message>
        <source>The TCP stage could connect a moment ago; the server or a firewall changed its mind.</source>
        <translation>少し前には TCP ステージで接続できました。サーバーまたはファイアウォールの動作が変わりました。</translation>
    </message>
    <message>
        <source>TLS failed for the HTTP request: %1</source>
        <translation>HTTP 要求で TLS が失敗しました: %1</translation>
    </message>
    <message>
        <source>The client certificate was not sent: %1</source>
        <translation>クライアント証明書は送信されませんでした: %1</translation>
    </message>
    <message>
        <source>The TLS stage reports the handshake in detail.</source>
        <translation>ハンドシェイクの詳細は TLS ステージで報告されます。</translation>
    </message>
    <message>
        <source>Port %1 speaks TLS, not plain HTTP: use %2</source>
        <translation>ポート %1 はプレーン HTTP ではなく TLS を使用しています: %2 を使用してください</translation>
    </message>
    <message>
        <source>The reply to the plain HTTP request starts with a TLS record header.</source>
        <translation>プレーン HTTP 要求への応答が TLS レコードヘッダーで始まっています。</translation>
    </message>
    <message>
        <source>Port %1 closed the connection without a reply to plain HTTP (%2): it probably speaks TLS; try %3</source>
        <translation>ポート %1 はプレーン HTTP に応答せずに接続を閉じました (%2): おそらく TLS を使用しています。%3 を試してください</translation>
    </message>
    <message>
        <source>If https:// fails too, the CIM server accepts connections and then drops them (B5): restart it.</source>
        <translation>https:// でも失敗する場合、CIM サーバーは接続を受け付けてから切断しています (B5): 再起動してください。</translation>
    </message>
    <message>
        <source>The server accepted the request, then closed the connection without a byte (%1)</source>
        <translation>サーバーは要求を受け付けた後、1 バイトも送信せずに接続を閉じました (%1)</translation>
    </message>
    <message>
        <source>Port %1 connects but never answers: a hung provider or CIMOM</source>
        <translation>ポート %1 は接続できますが応答しません: プロバイダーまたは CIMOM がハングしています</translation>
    </message>
    <message>
        <source>Part of a reply arrived, then nothing more.</source>
        <translation>応答の一部が届いた後、何も届かなくなりました。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルされました</translation>
    </message>
    <message>
        <source>Port %1 answers with HTTP, but the reply is broken: %2</source>
        <translation>ポート %1 は HTTP で応答しますが、応答が壊れています: %2</translation>
    </message>
    <message>
        <source>The server does not follow HTTP/1.1; a CIM client cannot talk to it either.</source>
        <translation>サーバーは HTTP/1.1 に準拠していません。CIM クライアントも通信できません。</translation>
    </message>
    <message>
        <source>Port %1 answers, but not with HTTP: it is another service</source>
        <translation>ポート %1 は応答しますが HTTP ではありません: 別のサービスです</translation>
    </message>
    <message>
        <source>The server closed the connection in the middle of its reply head (%1)</source>
        <translation>サーバーは応答ヘッダーの途中で接続を閉じました (%1)</translation>
    </message>
    <message>
        <source>No HTTP reply from port %1</source>
        <translation>ポート %1 から HTTP 応答がありません</translation>
    </message>
    <message>
        <source>The HTTP server answers and asks for authentication (401)</source>
        <translation>HTTP サーバーは応答し、認証を要求しています (401)</translation>
    </message>
    <message>
        <source>The port speaks CIM-XML: 200 with &quot;CIMOperation: MethodResponse&quot;</source>
        <translation>ポートは CIM-XML を使用しています: &quot;CIMOperation: MethodResponse&quot; 付きの 200</translation>
    </message>
    <message>
        <source>The server answered without asking for credentials.</source>
        <translation>サーバーは資格情報を求めずに応答しました。</translation>
    </message>
    <message>
        <source>Port %1 answers, but it is another service: 200 without &quot;CIMOperation: MethodResponse&quot; (%2)</source>
        <translation>ポート %1 は応答しますが、別のサービスです: &quot;CIMOperation: MethodResponse&quot; のない 200 (%2)</translation>
    </message>
    <message>
        <source>no Content-Type</source>
        <extracomment>Content-Type is an HTTP header name: keep it.</extracomment>
        <translation>Content-Type なし</translation>
    </message>
    <message>
        <source>A proxy between here and the server asks for authentication (407)</source>
        <translation>ここからサーバーまでの間のプロキシが認証を要求しています (407)</translation>
    </message>
    <message>
        <source>The server refuses the request (403 Forbidden): CIM servers do not answer 403, so a proxy, web UI or vendor front end probably does</source>
        <translation>サーバーは要求を拒否しました (403 Forbidden): CIM サーバーは 403 を返さないため、おそらくプロキシ、Web UI、またはベンダーのフロントエンドが応答しています</translation>
    </message>
    <message>
        <source>The server wants a Content-Length (411)</source>
        <translation>サーバーは Content-Length を要求しています (411)</translation>
    </message>
    <message>
        <source>The server refuses the request&apos;s Expect header (417)</source>
        <translation>サーバーは要求の Expect ヘッダーを拒否しました (417)</translation>
    </message>
    <message>
        <source>The server is unavailable or shutting down (503)</source>
        <translation>サーバーは利用できないか、シャットダウン中です (503)</translation>
    </message>
    <message>
        <source>The CIM server rejects the request: %1 with CIMError: %2</source>
        <translation>CIM サーバーは要求を拒否しました: %1、CIMError: %2</translation>
    </message>
    <message>
        <source>The server rejects the request&apos;s headers (400 without CIMError)</source>
        <translation>サーバーは要求のヘッダーを拒否しました (CIMError なしの 400)</translation>
    </message>
    <message>
        <source>The server does not accept the request method (%1)</source>
        <translation>サーバーは要求メソッドを受け付けません (%1)</translation>
    </message>
    <message>
        <source>Unexpected HTTP reply: %1</source>
        <translation>予期しない HTTP 応答: %1</translation>
    </message>
    <message>
        <source>A proxy is in the path (Via: %1); if it gets in the way, bypass it (NoProxy).</source>
        <translation>経路上にプロキシがあります (Via: %1)。妨げになる場合はバイパスしてください (NoProxy)。</translation>
    </message>
    <message>
        <source>The reply was not quite HTTP: %1</source>
        <translation>応答は完全な HTTP ではありませんでした: %1</translation>
    </message>
    <message>
        <source>%1, but it refuses &quot;Expect: 100-continue&quot; (417)</source>
        <translation>%1。ただし &quot;Expect: 100-continue&quot; を拒否します (417)</translation>
    </message>
    <message>
        <source>Clients that send Expect (curl with request bodies over 1 KiB, some Java clients) fail against this server; cimdiag and pywbem do not send it.</source>
        <translation>Expect を送信するクライアント (1 KiB を超える要求本文を送る curl、一部の Java クライアント) はこのサーバーに対して失敗します。cimdiag と pywbem は送信しません。</translation>
    </message>
    <message>
        <source>The request with &quot;Expect: 100-continue&quot; drew %1.</source>
        <translation>&quot;Expect: 100-continue&quot; 付きの要求への応答は %1 でした。</translation>
    </message>
    <message>
        <source>The request with &quot;Expect: 100-continue&quot; got no HTTP reply.</source>
        <translation>&quot;Expect: 100-continue&quot; 付きの要求には HTTP 応答がありませんでした。</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpProbe</name>
    <message>
        <source>No connection within %1 ms</source>
        <translation>%1 ms 以内に接続できませんでした</translation>
    </message>
    <message>
        <source>The TLS handshake did not finish within %1 ms</source>
        <translation>TLS ハンドシェイクが %1 ms 以内に完了しませんでした</translation>
    </message>
</context>
<context>
    <name>cimdiag::HttpReplyParser</name>
    <message>
        <source>The reply is not HTTP: it does not start with &quot;HTTP/&quot;</source>
        <translation>応答は HTTP ではありません: &quot;HTTP/&quot; で始まっていません</translation>
    </message>
    <message>
        <source>The reply head is larger than 64 KiB</source>
        <translation>応答ヘッダーが 64 KiB を超えています</translation>
    </message>
    <message>
        <source>The server sent too many interim 1xx replies (%1, %2 bytes) and no final reply</source>
        <translation>サーバーが 1xx の中間応答を多数送信し (%1 件、%2 バイト)、最終応答がありません</translation>
    </message>
    <message>
        <source>The reply has an invalid Content-Length</source>
        <translation>応答の Content-Length が無効です</translation>
    </message>
    <message>
        <source>The reply uses an HTTP version other than 1.x</source>
        <translation>応答は 1.x 以外の HTTP バージョンを使用しています</translation>
    </message>
    <message>
        <source>The reply&apos;s status line is malformed</source>
        <translation>応答のステータス行が不正です</translation>
    </message>
    <message>
        <source>The reply&apos;s status line has no three-digit status code</source>
        <translation>応答のステータス行に 3 桁のステータスコードがありません</translation>
    </message>
    <message>
        <source>The reply head has a continuation line before any header</source>
        <translation>応答ヘッダーで、どのヘッダーよりも前に継続行があります</translation>
    </message>
    <message>
        <source>The reply head has a line that is not a header: &quot;%1&quot;</source>
        <translation>応答ヘッダーにヘッダーではない行があります: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>The reply has more than %1 header lines</source>
        <translation>応答のヘッダー行が %1 行を超えています</translation>
    </message>
    <message>
        <source>The reply&apos;s chunked body has an overlong chunk-size line</source>
        <translation>応答のチャンク形式の本文に長すぎる chunk-size 行があります</translation>
    </message>
    <message>
        <source>The reply&apos;s chunked body has an invalid chunk size</source>
        <translation>応答のチャンク形式の本文のチャンクサイズが無効です</translation>
    </message>
    <message>
        <source>The reply&apos;s chunked body has chunk data not followed by CRLF</source>
        <translation>応答のチャンク形式の本文で、チャンクデータの後に CRLF がありません</translation>
    </message>
    <message>
        <source>The reply&apos;s trailer is larger than 64 KiB</source>
        <translation>応答のトレーラーが 64 KiB を超えています</translation>
    </message>
    <message>
        <source>The reply has more than %1 trailer lines</source>
        <translation>応答のトレーラー行が %1 行を超えています</translation>
    </message>
</context>
<context>
    <name>cimdiag::IndicationListener</name>
    <message>
        <source>HTTPS needs the private key of the listener certificate</source>
        <translation>HTTPS にはリスナー証明書の秘密鍵が必要です</translation>
    </message>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation>%1 のポート %2 で待ち受けできません: %3</translation>
    </message>
    <message>
        <source>no TLS handshake within %1 ms</source>
        <translation>%1 ms 以内に TLS ハンドシェイクがありません</translation>
    </message>
</context>
<context>
    <name>cimdiag::InstanceTableModel</name>
    <message>
        <source>This instance has no property %1</source>
        <translation>このインスタンスにはプロパティ %1 がありません</translation>
    </message>
    <message>
        <source>Raw value: %1
Type: %2</source>
        <translation>生の値: %1
型: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Key property</source>
        <translation>キープロパティ</translation>
    </message>
    <message>
        <source>Values mapped through ValueMap/Values; hover a cell for the raw value</source>
        <translation>値は ValueMap/Values で変換されています。生の値はセルにカーソルを合わせると表示されます</translation>
    </message>
</context>
<context>
    <name>cimdiag::InstanceTableView</name>
    <message>
        <source>Instances of the sample enumeration</source>
        <translation>サンプル列挙のインスタンス</translation>
    </message>
</context>
<context>
    <name>cimdiag::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation>システムの既定(&amp;S)</translation>
    </message>
    <message>
        <source>the system language</source>
        <translation>システムの言語</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerCheck</name>
    <message>
        <source>Not enabled: the listener test creates a subscription on the server (--listener)</source>
        <translation>無効: リスナーのテストはサーバーにサブスクリプションを作成します (--listener)</translation>
    </message>
    <message>
        <source>Finding the local address of a connection to %1 port %2</source>
        <translation>%1 のポート %2 への接続のローカルアドレスを調べています</translation>
    </message>
    <message>
        <source>Listener address %1, as given</source>
        <translation>リスナーのアドレス %1 (指定どおり)</translation>
    </message>
    <message>
        <source>Listener address %1, as given (the connection to the server leaves from %2)</source>
        <translation>リスナーのアドレス %1 (指定どおり。サーバーへの接続の送信元は %2)</translation>
    </message>
    <message>
        <source>Cannot tell which local address the server could reach: %1</source>
        <translation>サーバーが到達できるローカルアドレスを特定できません: %1</translation>
    </message>
    <message>
        <source>Give the listener address yourself (--listener-address).</source>
        <translation>リスナーのアドレスを自分で指定してください (--listener-address)。</translation>
    </message>
    <message>
        <source>Listener address %1: the local address of the connection to the server %2</source>
        <translation>リスナーのアドレス %1: サーバー %2 への接続のローカルアドレス</translation>
    </message>
    <message>
        <source>%1 is a loopback address: fine for a server on this machine; a remote server could not reach it [F3].</source>
        <translation>%1 はループバックアドレスです: このマシン上のサーバーには問題ありませんが、リモートのサーバーからは到達できません [F3]。</translation>
    </message>
    <message>
        <source>%1 is not an address of this machine; listening on every address</source>
        <translation>%1 はこのマシンのアドレスではありません。すべてのアドレスで待ち受けます</translation>
    </message>
    <message>
        <source>Cannot listen on port %1: %2</source>
        <translation>ポート %1 で待ち受けできません: %2</translation>
    </message>
    <message>
        <source>Listening on port %1; testing it over %2</source>
        <translation>ポート %1 で待ち受けています。%2 でテストしています</translation>
    </message>
    <message>
        <source>The listener did not answer its own test over %1: %2</source>
        <translation>リスナーは %1 での自己テストに応答しませんでした: %2</translation>
    </message>
    <message>
        <source>A local firewall blocks port %1, or %2 is not an address of this machine.</source>
        <translation>ローカルのファイアウォールがポート %1 をブロックしているか、%2 がこのマシンのアドレスではありません。</translation>
    </message>
    <message>
        <source>Self-test: an ExportIndication posted to %1 was accepted</source>
        <translation>自己テスト: %1 に送信した ExportIndication は受け付けられました</translation>
    </message>
    <message>
        <source>Listing the destinations and subscriptions in %1</source>
        <translation>%1 の宛先とサブスクリプションを一覧表示しています</translation>
    </message>
    <message>
        <source>Listing %1 failed: %2</source>
        <translation>%1 の一覧表示に失敗しました: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n subscription(s) on the server before this test</source>
        <translation>
            <numerusform>このテストの前にサーバーにあったサブスクリプション: %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n listener destination(s) on the server before this test</source>
        <translation>
            <numerusform>このテストの前にサーバーにあったリスナー宛先: %n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them left by an earlier cimdiag run: clean up leftovers removes them</source>
        <translation>
            <numerusform>そのうち %n 個は以前の cimdiag の実行が残したものです: [残存オブジェクトを削除] で削除できます</numerusform>
        </translation>
    </message>
    <message>
        <source>Destination %1 is not reachable from here (%2) [F11]</source>
        <translation>宛先 %1 にはここから到達できません (%2) [F11]</translation>
    </message>
    <message>
        <source>Only the first %1 destinations were probed</source>
        <translation>最初の %1 個の宛先のみを調べました</translation>
    </message>
    <message>
        <source>not a URL</source>
        <translation>URL ではありません</translation>
    </message>
    <message>
        <source>Subscribing %1 to CIM_AlertIndication</source>
        <translation>%1 宛てに CIM_AlertIndication のサブスクリプションを作成しています</translation>
    </message>
    <message>
        <source>Creating %1 returned no instance name</source>
        <translation>%1 を作成しましたが、インスタンス名が返されませんでした</translation>
    </message>
    <message>
        <source>Creating %1 failed</source>
        <translation>%1 の作成に失敗しました</translation>
    </message>
    <message>
        <source>Waiting up to %1 s for an indication</source>
        <translation>インジケーションを最大 %1 秒待っています</translation>
    </message>
    <message>
        <source>Received %1 from %2</source>
        <translation>%2 から %1 を受信しました</translation>
    </message>
    <message>
        <source>Removing what this test created</source>
        <translation>このテストで作成したものを削除しています</translation>
    </message>
    <message>
        <source>An indication reached the listener at %1</source>
        <translation>インジケーションが %1 のリスナーに届きました</translation>
    </message>
    <message>
        <source>An indication reached the listener at %1, but a remote server may not</source>
        <translation>インジケーションが %1 のリスナーに届きましたが、リモートのサーバーからは届かない可能性があります</translation>
    </message>
    <message>
        <source>No indication arrived and the server removed the subscription after failed deliveries</source>
        <translation>インジケーションが届かず、配信失敗の後にサーバーがサブスクリプションを削除しました</translation>
    </message>
    <message>
        <source>No indication arrived and the server disabled the subscription after failed deliveries</source>
        <translation>インジケーションが届かず、配信失敗の後にサーバーがサブスクリプションを無効化しました</translation>
    </message>
    <message>
        <source>No indication arrived within %1 s; the server may not reach %2</source>
        <translation>%1 秒以内にインジケーションが届きませんでした。サーバーが %2 に到達できない可能性があります</translation>
    </message>
    <message>
        <source>No indication arrived within %1 s, though the listener answers on %2</source>
        <translation>%1 秒以内にインジケーションが届きませんでした。ただし、リスナーは %2 で応答しています</translation>
    </message>
    <message>
        <source>SubscriptionState 3 (Enabled Degraded): the server tried and failed to deliver</source>
        <translation>SubscriptionState 3 (Enabled Degraded): サーバーは配信を試みましたが失敗しました</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>%1 を削除しました</translation>
    </message>
    <message>
        <source>Not removed: %1</source>
        <translation>削除されませんでした: %1</translation>
    </message>
    <message>
        <source>Stopped: removing what this test created</source>
        <translation>停止: このテストで作成したものを削除しています</translation>
    </message>
    <message>
        <source>Indication listener</source>
        <translation>インジケーションリスナー</translation>
    </message>
    <message>
        <source>Received %1 from %2 at %3</source>
        <translation>%3 に %2 から %1 を受信しました</translation>
    </message>
    <message>
        <source>Making a self-signed certificate for %1</source>
        <translation>%1 用の自己署名証明書を作成しています</translation>
    </message>
    <message>
        <source>Cannot make a certificate for the HTTPS listener: %1</source>
        <translation>HTTPS リスナー用の証明書を作成できません: %1</translation>
    </message>
    <message>
        <source>HTTPS: a self-signed certificate for %1 was made for this run (SHA-256 %2)</source>
        <translation>HTTPS: この実行用に %1 の自己署名証明書を作成しました (SHA-256 %2)</translation>
    </message>
    <message>
        <source>Self-test: an ExportIndication posted over HTTPS to %1 was accepted; the certificate verified</source>
        <translation>自己テスト: HTTPS で %1 に送信した ExportIndication は受け付けられ、証明書の検証に成功しました</translation>
    </message>
    <message>
        <source>The server connected and rejected the listener&apos;s certificate: %1</source>
        <translation>サーバーは接続しましたが、リスナーの証明書を拒否しました: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n TLS handshake(s) ended with the server&apos;s alert, first: %1</source>
        <translation>
            <numerusform>%n 回の TLS ハンドシェイクがサーバーのアラートで終了しました。最初: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No indication arrived within %1 s; the server still reports the subscription Enabled and no connection reached the listener</source>
        <translation>%1 秒以内にインジケーションが届きませんでした。サーバーはサブスクリプションを引き続き Enabled と報告しており、リスナーに届いた接続はありません</translation>
    </message>
    <message>
        <source>The server may not have tried yet: run again with a longer wait (--listener-wait) before looking at firewalls.</source>
        <translation>サーバーはまだ配信を試みていない可能性があります: ファイアウォールを調べる前に、より長い待ち時間 (--listener-wait) で再実行してください。</translation>
    </message>
    <message numerus="yes">
        <source>%n TLS handshake(s) with the listener failed, last: %1</source>
        <translation>
            <numerusform>リスナーとの TLS ハンドシェイクが %n 回失敗しました。最後: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>An indication reached the listener at %1, but only after %2 s</source>
        <translation>インジケーションが %1 のリスナーに届きましたが、届くまでに %2 秒かかりました</translation>
    </message>
    <message>
        <source>A healthy server delivers within a second; this one queues indications or delivered only on a retry. Give it time (--listener-wait) before concluding.</source>
        <translation>正常なサーバーは 1 秒以内に配信します。このサーバーはインジケーションをキューに溜めているか、再試行時にのみ配信しました。結論を出す前に時間を置いてください (--listener-wait)。</translation>
    </message>
    <message>
        <source>Delivered %1 s after the subscription was created</source>
        <translation>サブスクリプションの作成から %1 秒後に配信されました</translation>
    </message>
    <message>
        <source>TLS handshake from %1 at %2: the server rejected the listener&apos;s certificate (%3)</source>
        <translation>%1 からの TLS ハンドシェイク (%2): サーバーはリスナーの証明書を拒否しました (%3)</translation>
    </message>
    <message>
        <source>Cannot use the listener&apos;s certificate: %1</source>
        <translation>リスナーの証明書を使用できません: %1</translation>
    </message>
    <message>
        <source>Give a PEM certificate (chain, the listener&apos;s certificate first) and its unencrypted PEM private key, or leave both out for a certificate made for this run.</source>
        <translation>PEM 証明書 (チェーンの場合はリスナーの証明書を先頭に) と、その暗号化されていない PEM 秘密鍵を指定してください。どちらも省略すると、この実行用に作成した証明書を使用します。</translation>
    </message>
    <message>
        <source>HTTPS: the certificate in %1 (SHA-256 %2, valid until %3)</source>
        <translation>HTTPS: %1 の証明書 (SHA-256 %2、有効期限 %3)</translation>
    </message>
    <message>
        <source>The certificate in %1 does not name %2, the address the server is told (it names %3): a server that checks names rejects it even when it trusts it [F4].</source>
        <translation>%1 の証明書には、サーバーに伝えるアドレス %2 が含まれていません (含まれているのは %3): 名前をチェックするサーバーは、この証明書を信頼していても拒否します [F4]。</translation>
    </message>
    <message>
        <source>The listener&apos;s HTTPS self-test over %1 did not accept the listener&apos;s own certificate: %2</source>
        <translation>%1 でのリスナーの HTTPS 自己テストで、リスナー自身の証明書が受け付けられませんでした: %2</translation>
    </message>
    <message>
        <source>Make the server trust the listener&apos;s certificate in %1, SHA-256 %2 (sfcb: sslIndicationReceiverCert=verify checks it against sslClientTrustStore), or use an http listener for the test (--listener-scheme http).</source>
        <translation>サーバーが %1 のリスナー証明書 (SHA-256 %2) を信頼するようにするか (sfcb: sslIndicationReceiverCert=verify では sslClientTrustStore に照らして検証されます)、テストには http リスナーを使用してください (--listener-scheme http)。</translation>
    </message>
    <message>
        <source>Use an http listener for the test (--listener-scheme http), or give the listener a certificate to keep (--listener-cert FILE --listener-key FILE, or the certificate fields of the listener panel) and make the server trust that one (sfcb: sslIndicationReceiverCert=verify checks it against sslClientTrustStore). This run&apos;s certificate, SHA-256 %1, was made for this run only.</source>
        <translation>テストには http リスナーを使用するか (--listener-scheme http)、リスナーに継続して使う証明書を指定し (--listener-cert FILE --listener-key FILE、またはリスナーパネルの証明書欄)、サーバーがその証明書を信頼するようにしてください (sfcb: sslIndicationReceiverCert=verify では sslClientTrustStore に照らして検証されます)。この実行の証明書 (SHA-256 %1) はこの実行専用に作成されたものです。</translation>
    </message>
    <message>
        <source>The server reached the listener, which refused its export request: HTTP %1, %2</source>
        <translation>サーバーはリスナーに到達しましたが、リスナーはそのエクスポート要求を拒否しました: HTTP %1、%2</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) refused, first from %1: %2</source>
        <translation>
            <numerusform>%n 件の要求を拒否しました。最初は %1 から: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>(no complete request line)</source>
        <translation>(完全な要求行がありません)</translation>
    </message>
    <message numerus="yes">
        <source>No indication arrived within %1 s, though the server connected to the listener %n time(s)</source>
        <translation>
            <numerusform>%1 秒以内にインジケーションが届きませんでした。ただし、サーバーはリスナーに %n 回接続しています</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerCheckAddress</name>
    <message>
        <source>No connection to %1 port %2 within %3 ms</source>
        <translation>%3 ms 以内に %1 のポート %2 に接続できませんでした</translation>
    </message>
    <message>
        <source>Cannot connect to %1 port %2: %3</source>
        <translation>%1 のポート %2 に接続できません: %3</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセルされました</translation>
    </message>
    <message>
        <source>The server must resolve the name %1 itself; a name only this network or this machine knows makes every delivery fail [F3].</source>
        <translation>サーバー自身が名前 %1 を解決する必要があります。このネットワークやこのマシンでしか通用しない名前では、すべての配信が失敗します [F3]。</translation>
    </message>
    <message>
        <source>%1 is a loopback address: only a server on this machine can deliver to it [F3].</source>
        <translation>%1 はループバックアドレスです: このマシン上のサーバーしか配信できません [F3]。</translation>
    </message>
    <message>
        <source>%1 is a private address but the server %2 is not: with NAT or a VPN between, the server cannot reach %1 [F3].</source>
        <translation>%1 はプライベートアドレスですが、サーバー %2 はそうではありません: 間に NAT や VPN があると、サーバーは %1 に到達できません [F3]。</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerCheckCleanup</name>
    <message>
        <source>No interop namespace answered</source>
        <translation>どの interop 名前空間も応答しませんでした</translation>
    </message>
    <message>
        <source>Enumerating %1 in %2 failed: %3</source>
        <translation>%2 での %1 の列挙に失敗しました: %3</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerIndicationModel</name>
    <message>
        <source>Received</source>
        <translation>受信日時</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>送信元</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>クラス</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>プロパティ</translation>
    </message>
</context>
<context>
    <name>cimdiag::ListenerPanel</name>
    <message>
        <source>&amp;Test indication delivery (creates a subscription on the server for a moment)</source>
        <translation>インジケーションの配信をテスト (サーバーに一時的にサブスクリプションを作成します)(&amp;T)</translation>
    </message>
    <message>
        <source>Test indication delivery</source>
        <translation>インジケーションの配信をテスト</translation>
    </message>
    <message>
        <source>Listener scheme</source>
        <translation>リスナーのスキーム</translation>
    </message>
    <message>
        <source>Listener schemes</source>
        <translation>リスナーのスキーム一覧</translation>
    </message>
    <message>
        <source>Sc&amp;heme:</source>
        <translation>スキーム(&amp;H):</translation>
    </message>
    <message>
        <source>Listener port</source>
        <translation>リスナーのポート</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>空いている任意のポート</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>ポート(&amp;O):</translation>
    </message>
    <message>
        <source>Listener address</source>
        <translation>リスナーのアドレス</translation>
    </message>
    <message>
        <source>Detected automatically</source>
        <translation>自動検出</translation>
    </message>
    <message>
        <source>Listener addresses</source>
        <translation>リスナーのアドレス一覧</translation>
    </message>
    <message>
        <source>&amp;Detect</source>
        <translation>検出(&amp;D)</translation>
    </message>
    <message>
        <source>Detect the listener address</source>
        <translation>リスナーのアドレスを検出</translation>
    </message>
    <message>
        <source>Addr&amp;ess:</source>
        <translation>アドレス(&amp;E):</translation>
    </message>
    <message>
        <source>Listener address warnings</source>
        <translation>リスナーのアドレスに関する警告</translation>
    </message>
    <message>
        <source>C&amp;lean up leftovers</source>
        <translation>残存オブジェクトを削除(&amp;L)</translation>
    </message>
    <message>
        <source>Clean up leftovers</source>
        <translation>残存オブジェクトを削除</translation>
    </message>
    <message>
        <source>Removes the filters, destinations and subscriptions named cimdiag: that earlier runs left on the server</source>
        <translation>以前の実行がサーバーに残した、cimdiag: という名前のフィルター、宛先、サブスクリプションを削除します</translation>
    </message>
    <message>
        <source>Enter the server first.</source>
        <translation>先にサーバーを入力してください。</translation>
    </message>
    <message>
        <source>Removing cimdiag: objects…</source>
        <translation>cimdiag: のオブジェクトを削除しています…</translation>
    </message>
    <message>
        <source>No interop namespace answered.</source>
        <translation>どの interop 名前空間も応答しませんでした。</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n object(s) from %1.</source>
        <translation>
            <numerusform>%1 からオブジェクトを %n 個削除しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Listener certificate</source>
        <translation>リスナー証明書</translation>
    </message>
    <message>
        <source>Last run&apos;s certificate: SHA-256 %1</source>
        <translation>前回の実行の証明書: SHA-256 %1</translation>
    </message>
    <message>
        <source>Listener certificate file</source>
        <translation>リスナー証明書ファイル</translation>
    </message>
    <message>
        <source>Choose listener certificate file</source>
        <translation>リスナー証明書ファイルを選択</translation>
    </message>
    <message>
        <source>Listener certificate (PEM)</source>
        <translation>リスナー証明書 (PEM)</translation>
    </message>
    <message>
        <source>Optional: made for each run</source>
        <translation>省略可: 実行ごとに作成</translation>
    </message>
    <message>
        <source>Certificate &amp;file:</source>
        <translation>証明書ファイル(&amp;F):</translation>
    </message>
    <message>
        <source>Listener key file</source>
        <translation>リスナー鍵ファイル</translation>
    </message>
    <message>
        <source>Choose listener key file</source>
        <translation>リスナー鍵ファイルを選択</translation>
    </message>
    <message>
        <source>Listener private key (PEM)</source>
        <translation>リスナー秘密鍵 (PEM)</translation>
    </message>
    <message>
        <source>With the certificate file</source>
        <translation>証明書ファイルと一緒に指定</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>鍵ファイル(&amp;K):</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM ファイル (*.pem *.crt *.cer *.key);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>The listener serves the certificate in %1. A server that verifies listener certificates must trust it [F4].</source>
        <translation>リスナーは %1 の証明書を使用します。リスナー証明書を検証するサーバーは、この証明書を信頼している必要があります [F4]。</translation>
    </message>
    <message>
        <source>A self-signed certificate is made for the listener address at each run. A server that verifies listener certificates rejects it [F4]: use http, or choose a certificate and key file below and make the server trust that certificate.</source>
        <translation>実行のたびにリスナーのアドレス用の自己署名証明書を作成します。リスナー証明書を検証するサーバーはこれを拒否します [F4]: http を使用するか、下で証明書ファイルと鍵ファイルを選択し、サーバーがその証明書を信頼するようにしてください。</translation>
    </message>
</context>
<context>
    <name>cimdiag::LogChannelViews</name>
    <message>
        <source>Logs</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Log channels</source>
        <translation>ログチャネル</translation>
    </message>
    <message>
        <source>&amp;Operations</source>
        <translation>操作(&amp;O)</translation>
    </message>
    <message>
        <source>Operation log</source>
        <translation>操作ログ</translation>
    </message>
    <message>
        <source>&amp;HTTP</source>
        <translation>HTTP(&amp;H)</translation>
    </message>
    <message>
        <source>HTTP log</source>
        <translation>HTTP ログ</translation>
    </message>
    <message>
        <source>Chec&amp;ks</source>
        <translation>チェック(&amp;K)</translation>
    </message>
    <message>
        <source>Check log</source>
        <translation>チェックログ</translation>
    </message>
</context>
<context>
    <name>cimdiag::LogModel</name>
    <message numerus="yes">
        <source>… (%n more line(s), %1 bytes)</source>
        <translation>
            <numerusform>… (さらに %n 行、%1 バイト)</numerusform>
        </translation>
    </message>
    <message>
        <source>… (%1 bytes)</source>
        <translation>… (%1 バイト)</translation>
    </message>
    <message>
        <source>[cut: the first %1 characters of %2 bytes are shown]</source>
        <translation>[省略: %2 バイトのうち先頭 %1 文字を表示しています]</translation>
    </message>
    <message>
        <source>… Copy (Ctrl+C) gives the whole text.</source>
        <translation>… コピー (Ctrl+C) で全文を取得できます。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>ステージ</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>デバッグ</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>情報</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
</context>
<context>
    <name>cimdiag::LogView</name>
    <message>
        <source>Minimum severity</source>
        <translation>最小の重大度</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>すべての重大度</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>情報以上</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告とエラー</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>エラーのみ</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>フィルターテキスト</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>フィルター (Ctrl+F)</translation>
    </message>
    <message>
        <source>Regular e&amp;xpression</source>
        <translation>正規表現(&amp;X)</translation>
    </message>
    <message>
        <source>Filter is a regular expression</source>
        <translation>フィルターは正規表現です</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy selected lines</source>
        <translation>選択した行をコピー</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Save shown lines to a file</source>
        <translation>表示中の行をファイルに保存</translation>
    </message>
    <message>
        <source>F&amp;ollow</source>
        <translation>追従(&amp;O)</translation>
    </message>
    <message>
        <source>Follow the newest line</source>
        <translation>最新の行に追従</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>ログ行</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>フィルターをクリア</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Invalid regular expression</source>
        <translation>無効な正規表現</translation>
    </message>
    <message>
        <source>Filtering…</source>
        <translation>フィルター処理中…</translation>
    </message>
    <message>
        <source>%1 of %2 lines</source>
        <translation>%2 行中 %1 行</translation>
    </message>
    <message>
        <source>Save log</source>
        <translation>ログを保存</translation>
    </message>
    <message>
        <source>Could not save the log to %1: %2</source>
        <translation>ログを %1 に保存できませんでした: %2</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>ログファイル (*.log *.txt);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>cimdiag::NameResolutionCheck</name>
    <message>
        <source>Looking up %1 (A and AAAA)</source>
        <translation>%1 を検索しています (A と AAAA)</translation>
    </message>
</context>
<context>
    <name>cimdiag::NameResolutionDiagnosis</name>
    <message>
        <source>%1 is an IP address: no lookup needed</source>
        <translation>%1 は IP アドレスです: 名前解決は不要です</translation>
    </message>
    <message>
        <source>no A or AAAA records</source>
        <translation>A または AAAA レコードがありません</translation>
    </message>
    <message>
        <source>%1 does not resolve: %2 (%3)</source>
        <translation>%1 を解決できません: %2 (%3)</translation>
    </message>
    <message>
        <source>Use the server&apos;s IP address, or fix its DNS entry (or /etc/hosts).</source>
        <translation>サーバーの IP アドレスを使用するか、DNS エントリ (または /etc/hosts) を修正してください。</translation>
    </message>
    <message>
        <source>%1 resolves to %2 IPv4 and %3 IPv6 address(es)</source>
        <translation>%1 は IPv4 アドレス %2 個と IPv6 アドレス %3 個に解決されます</translation>
    </message>
    <message>
        <source>%1 resolves to %2</source>
        <translation>%1 は %2 に解決されます</translation>
    </message>
    <message>
        <source>%1 resolves to %2 (IPv6 only)</source>
        <translation>%1 は %2 に解決されます (IPv6 のみ)</translation>
    </message>
    <message>
        <source>A (IPv4): %1</source>
        <translation>A (IPv4): %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>AAAA (IPv6): %1</source>
        <translation>AAAA (IPv6): %1</translation>
    </message>
    <message>
        <source>Only IPv6 answers: clients without IPv6 connectivity cannot reach it.</source>
        <translation>IPv6 の応答のみです: IPv6 接続のないクライアントは到達できません。</translation>
    </message>
    <message>
        <source>Only IPv4 answers: that is fine.</source>
        <translation>IPv4 の応答のみです: 問題ありません。</translation>
    </message>
    <message>
        <source>The next stages try the addresses in the resolver&apos;s order: %1</source>
        <translation>次のステージはリゾルバーの順序でアドレスを試行します: %1</translation>
    </message>
    <message>
        <source>No answer from the resolver for %1 within %2 ms</source>
        <translation>%2 ms 以内にリゾルバーから %1 の応答がありません</translation>
    </message>
    <message>
        <source>The DNS server is slow or unreachable; use the server&apos;s IP address or fix the resolver.</source>
        <translation>DNS サーバーが遅いか到達できません。サーバーの IP アドレスを使用するか、リゾルバーを修正してください。</translation>
    </message>
</context>
<context>
    <name>cimdiag::ReportExporter</name>
    <message>
        <source>HTML report (*.html *.htm)</source>
        <translation>HTML レポート (*.html *.htm)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文書 (*.pdf)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Markdown for tickets (*.md)</source>
        <translation>チケット用 Markdown (*.md)</translation>
    </message>
    <message>
        <source>Plain text (*.txt)</source>
        <translation>プレーンテキスト (*.txt)</translation>
    </message>
    <message>
        <source>another report is being written</source>
        <translation>別のレポートを書き込み中です</translation>
    </message>
    <message>
        <source>cannot render the report %1</source>
        <translation>レポート %1 をレンダリングできません</translation>
    </message>
</context>
<context>
    <name>cimdiag::ReportFormat</name>
    <message>
        <source> or </source>
        <translation> または </translation>
    </message>
    <message>
        <source>unknown report format &apos;%1&apos;: the file name must end in %2</source>
        <translation>不明なレポート形式 &apos;%1&apos; です: ファイル名の末尾は %2 にしてください</translation>
    </message>
</context>
<context>
    <name>cimdiag::ResultsPage</name>
    <message>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No sample enumerate ran.</source>
        <translation>サンプル列挙は実行されませんでした。</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2 (the first ones the server returned).</source>
        <translation>
            <numerusform>%2 の %1 のインスタンス %n 件 (サーバーが最初に返したもの)。</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>証拠</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>対処</translation>
    </message>
    <message>
        <source>The run was cancelled before any stage failed.</source>
        <translation>どのステージも失敗する前に実行がキャンセルされました。</translation>
    </message>
    <message>
        <source>Every stage that ran passed.</source>
        <translation>実行されたすべてのステージが成功しました。</translation>
    </message>
    <message>
        <source>cimdiag diagnosis of %1: %2</source>
        <translation>%1 の cimdiag 診断: %2</translation>
    </message>
    <message>
        <source>Started %1, took %2 ms%3</source>
        <translation>開始 %1、所要時間 %2 ms%3</translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation> (キャンセル)</translation>
    </message>
    <message>
        <source>Writing the report to %1…</source>
        <translation>レポートを %1 に書き込んでいます…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>レポートをエクスポート</translation>
    </message>
    <message>
        <source>Report written to %1.</source>
        <translation>レポートを %1 に書き込みました。</translation>
    </message>
    <message>
        <source>The target now trusts exactly this certificate (SHA-256 %1). Run the diagnosis again to check the connection with the pin.</source>
        <translation>接続先はこの証明書 (SHA-256 %1) だけを信頼するようになりました。診断を再実行して、ピン留めした状態で接続を確認してください。</translation>
    </message>
</context>
<context>
    <name>cimdiag::RunPage</name>
    <message>
        <source>&amp;Re-run this stage</source>
        <translation>このステージを再実行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Re-run %1</source>
        <translation>%1 を再実行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Re-run stage</source>
        <translation>ステージを再実行(&amp;R)</translation>
    </message>
    <message>
        <source>Re-running %1…</source>
        <translation>%1 を再実行しています…</translation>
    </message>
    <message>
        <source>Checking %1, stage by stage.</source>
        <translation>%1 をステージごとにチェックしています。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Cancelled after %1 ms.</source>
        <translation>%1 ms 後にキャンセルされました。</translation>
    </message>
    <message>
        <source>Finished in %1 ms: %2. Press Next for the findings.</source>
        <translation>%1 ms で完了: %2。検出事項を見るには [次へ] を押してください。</translation>
    </message>
    <message>
        <source>Indications received by the listener stage</source>
        <translation>リスナーのステージで受信したインジケーション</translation>
    </message>
</context>
<context>
    <name>cimdiag::SampleEnumerateCheck</name>
    <message>
        <source>Enumerating %1 in %2</source>
        <translation>%2 の %1 を列挙しています</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2 の %1</translation>
    </message>
    <message>
        <source>Enumerating %1 failed</source>
        <translation>%1 の列挙に失敗しました</translation>
    </message>
    <message>
        <source>Vendor classes often live in vendor namespaces (root/ibm, root/ontap, root/hpq); the registered profiles of the identity stage point at them. Choose them with --namespace and --class.</source>
        <translation>ベンダークラスは多くの場合ベンダー名前空間 (root/ibm、root/ontap、root/hpq) にあります。識別ステージの登録済みプロファイルがそれらを示しています。--namespace と --class で選択してください。</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2 ms, %3 request(s) (%4)</source>
        <translation>
            <numerusform>%1 のインスタンス %n 件、%2 ms、要求 %3 回 (%4)</numerusform>
        </translation>
    </message>
    <message>
        <source>pull operations</source>
        <translation>プル操作</translation>
    </message>
    <message>
        <source>WBEMServerResponseTime: %1 ms in total</source>
        <extracomment>WBEMServerResponseTime is the name of a CIM-XML HTTP header (DSP0200): keep it as it is.</extracomment>
        <translation>WBEMServerResponseTime: 合計 %1 ms</translation>
    </message>
    <message>
        <source>The server sent no WBEMServerResponseTime</source>
        <translation>サーバーは WBEMServerResponseTime を送信しませんでした</translation>
    </message>
    <message>
        <source>GetClass failed (%1): values are shown unmapped</source>
        <translation>GetClass が失敗しました (%1): 値は変換せずに表示されます</translation>
    </message>
    <message>
        <source>%1 has no instances</source>
        <translation>%1 にはインスタンスがありません</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1, but the server took %2 ms</source>
        <translation>
            <numerusform>%1 のインスタンス %n 件。ただしサーバーの処理に %2 ms かかりました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of %1 in %2 ms</source>
        <translation>
            <numerusform>%1 のインスタンス %n 件、%2 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cimdiag::ServerIdentityCheck</name>
    <message>
        <source>Probing interop namespaces: %1</source>
        <translation>interop 名前空間を調べています: %1</translation>
    </message>
    <message>
        <source>No interop namespace to probe was given</source>
        <translation>調べる interop 名前空間が指定されていません</translation>
    </message>
    <message>
        <source>exists</source>
        <translation>存在します</translation>
    </message>
    <message>
        <source>The interop namespace probe failed</source>
        <translation>interop 名前空間の調査に失敗しました</translation>
    </message>
    <message>
        <source>None of the interop namespaces exists on this server</source>
        <translation>このサーバーにはどの interop 名前空間も存在しません</translation>
    </message>
    <message>
        <source>Reading CIM_ObjectManager, registered profiles and pull support in %1</source>
        <translation>%1 で CIM_ObjectManager、登録済みプロファイル、プル操作のサポートを読み取っています</translation>
    </message>
    <message>
        <source>Interop namespace: %1</source>
        <translation>interop 名前空間: %1</translation>
    </message>
    <message>
        <source>Object manager: %1 (%2)</source>
        <translation>オブジェクトマネージャー: %1 (%2)</translation>
    </message>
    <message>
        <source>CIM_ObjectManager: %1</source>
        <extracomment>CIM_ObjectManager is a CIM class name: keep it as it is.</extracomment>
        <translation>CIM_ObjectManager: %1</translation>
    </message>
    <message>
        <source>no instance</source>
        <translation>インスタンスなし</translation>
    </message>
    <message>
        <source>Namespaces: %1</source>
        <translation>名前空間: %1</translation>
    </message>
    <message>
        <source>The interop namespace itself is not listed in CIM_Namespace (E2); cimdiag found it by probing.</source>
        <translation>interop 名前空間自体が CIM_Namespace に記載されていません (E2)。cimdiag は調査によって見つけました。</translation>
    </message>
    <message>
        <source>Registered profiles: none</source>
        <translation>登録済みプロファイル: なし</translation>
    </message>
    <message>
        <source>Registered profiles: %1</source>
        <translation>登録済みプロファイル: %1</translation>
    </message>
    <message>
        <source>Pull operations: supported</source>
        <translation>プル操作: サポートあり</translation>
    </message>
    <message>
        <source>Pull operations: %1; clients fall back to the traditional operations</source>
        <translation>プル操作: %1。クライアントは従来の操作にフォールバックします</translation>
    </message>
    <message>
        <source>Pull operations: not determined (%1)</source>
        <translation>プル操作: 判定できません (%1)</translation>
    </message>
    <message>
        <source>a CIM server</source>
        <translation>CIM サーバー</translation>
    </message>
    <message>
        <source>%1, interop namespace %2</source>
        <translation>%1、interop 名前空間 %2</translation>
    </message>
    <message>
        <source>%1, interop namespace %2, but reading it is denied</source>
        <translation>%1、interop 名前空間 %2。ただし読み取りは拒否されています</translation>
    </message>
    <message>
        <source>%1, interop namespace %2; the pull operations do not work</source>
        <translation>%1、interop 名前空間 %2。プル操作は動作しません</translation>
    </message>
</context>
<context>
    <name>cimdiag::SlpCheck</name>
    <message>
        <source>SLP discovery not requested</source>
        <translation>SLP 検出は要求されていません</translation>
    </message>
</context>
<context>
    <name>cimdiag::SlpDiscovery</name>
    <message>
        <source>Asking %1 port %2 (unicast SrvRqst)</source>
        <translation>%1 のポート %2 に問い合わせています (ユニキャスト SrvRqst)</translation>
    </message>
    <message>
        <source>Multicasting a SrvRqst for %1 to %2 port %3</source>
        <translation>%1 の SrvRqst を %2 のポート %3 にマルチキャストしています</translation>
    </message>
    <message>
        <source>Broadcasting a SrvRqst for %1 to port %2</source>
        <translation>%1 の SrvRqst をポート %2 にブロードキャストしています</translation>
    </message>
</context>
<context>
    <name>cimdiag::SlpDiscoveryDialog</name>
    <message>
        <source>Find WBEM servers (SLP)</source>
        <translation>WBEM サーバーの検索 (SLP)</translation>
    </message>
    <message>
        <source>Ask host</source>
        <translation>問い合わせ先ホスト</translation>
    </message>
    <message>
        <source>empty: multicast; or HOST[:PORT] to ask one SLP agent</source>
        <translation>空欄: マルチキャスト。または HOST[:PORT] で 1 つの SLP エージェントに問い合わせ</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>スコープ</translation>
    </message>
    <message>
        <source>Multicast to the local network (239.255.255.253)</source>
        <translation>ローカルネットワークへのマルチキャスト (239.255.255.253)</translation>
    </message>
    <message>
        <source>Multicast</source>
        <translation>マルチキャスト</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>検索(&amp;S)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Servers found</source>
        <translation>見つかったサーバー</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Answered from</source>
        <translation>応答元</translation>
    </message>
    <message>
        <source>Attributes of the selected server</source>
        <translation>選択したサーバーの属性</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>&amp;Use as target</source>
        <translation>接続先として使用(&amp;U)</translation>
    </message>
    <message>
        <source>Use as target</source>
        <translation>接続先として使用</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Ask &amp;host:</source>
        <translation>問い合わせ先ホスト(&amp;H):</translation>
    </message>
    <message>
        <source>S&amp;cope:</source>
        <translation>スコープ(&amp;C):</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not HOST, HOST:PORT or [IPv6]:PORT.</source>
        <translation>&quot;%1&quot; は HOST、HOST:PORT、[IPv6]:PORT のいずれでもありません。</translation>
    </message>
    <message>
        <source>Enter a host or turn multicast on.</source>
        <translation>ホストを入力するか、マルチキャストを有効にしてください。</translation>
    </message>
    <message>
        <source>Searching...</source>
        <translation>検索中...</translation>
    </message>
    <message>
        <source>Not a WBEM URL: it cannot be used as a target.</source>
        <translation>WBEM URL ではないため、接続先として使用できません。</translation>
    </message>
    <message>
        <source>%1: no SLP agent (ICMP port unreachable). Enter the server&apos;s address and port directly.</source>
        <translation>%1: SLP エージェントがありません (ICMP ポート到達不能)。サーバーのアドレスとポートを直接入力してください。</translation>
    </message>
    <message>
        <source>%1: no answer (filtered, or the host is down).</source>
        <translation>%1: 応答がありません (フィルタリングされているか、ホストが停止しています)。</translation>
    </message>
    <message>
        <source>%1: SLP error %2.</source>
        <translation>%1: SLP エラー %2。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Multicast not sent: %1</source>
        <translation>マルチキャストを送信できませんでした: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n server URL(s) found.</source>
        <translation>
            <numerusform>%n 件のサーバー URL が見つかりました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Service URL</source>
        <translation>サービス URL</translation>
    </message>
    <message>
        <source>Lifetime</source>
        <translation>有効期間</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Deviation from DSP0206</source>
        <translation>DSP0206 からの逸脱</translation>
    </message>
    <message>
        <source>&amp;Search again</source>
        <translation>再検索(&amp;S)</translation>
    </message>
</context>
<context>
    <name>cimdiag::StageTimelineWidget</name>
    <message>
        <source>Stage timeline</source>
        <translation>ステージのタイムライン</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, %2 (from %3)</source>
        <translation>%1、%2 (%3 から)</translation>
    </message>
</context>
<context>
    <name>cimdiag::StatisticsModel</name>
    <message numerus="yes">
        <source>%n of %1 replies carried WBEMServerResponseTime</source>
        <translation>
            <numerusform>%1 件の応答のうち %n 件に WBEMServerResponseTime が含まれていました</numerusform>
        </translation>
    </message>
    <message>
        <source>The server sent no WBEMServerResponseTime header</source>
        <translation>サーバーは WBEMServerResponseTime ヘッダーを送信しませんでした</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>回数</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Client avg (ms)</source>
        <translation>クライアント平均 (ms)</translation>
    </message>
    <message>
        <source>Client min (ms)</source>
        <translation>クライアント最小 (ms)</translation>
    </message>
    <message>
        <source>Client max (ms)</source>
        <translation>クライアント最大 (ms)</translation>
    </message>
    <message>
        <source>Server avg (ms)</source>
        <translation>サーバー平均 (ms)</translation>
    </message>
    <message>
        <source>Server min (ms)</source>
        <translation>サーバー最小 (ms)</translation>
    </message>
    <message>
        <source>Server max (ms)</source>
        <translation>サーバー最大 (ms)</translation>
    </message>
    <message>
        <source>Request avg (bytes)</source>
        <translation>要求平均 (バイト)</translation>
    </message>
    <message>
        <source>Request min (bytes)</source>
        <translation>要求最小 (バイト)</translation>
    </message>
    <message>
        <source>Request max (bytes)</source>
        <translation>要求最大 (バイト)</translation>
    </message>
    <message>
        <source>Reply avg (bytes)</source>
        <translation>応答平均 (バイト)</translation>
    </message>
    <message>
        <source>Reply min (bytes)</source>
        <translation>応答最小 (バイト)</translation>
    </message>
    <message>
        <source>Reply max (bytes)</source>
        <translation>応答最大 (バイト)</translation>
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
        <translation>接続先が空です: ホスト名、アドレス、または URL を指定してください</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL: %2</source>
        <translation>&quot;%1&quot; は有効な URL ではありません: %2</translation>
    </message>
    <message>
        <source>unsupported scheme &quot;%1&quot; in &quot;%2&quot;: use https:// (port 5989) or http:// (port 5988)</source>
        <translation>&quot;%2&quot; のスキーム &quot;%1&quot; はサポートされていません: https:// (ポート 5989) または http:// (ポート 5988) を使用してください</translation>
    </message>
    <message>
        <source>credentials in the URL are not accepted: give the user with --user and the password with --password-stdin or --password-env</source>
        <translation>URL 内の資格情報は受け付けません: ユーザーは --user で、パスワードは --password-stdin または --password-env で指定してください</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no host name</source>
        <translation>&quot;%1&quot; にホスト名がありません</translation>
    </message>
    <message>
        <source>port 0 in &quot;%1&quot; is not a port a server listens on</source>
        <translation>&quot;%1&quot; のポート 0 はサーバーが待ち受けるポートではありません</translation>
    </message>
</context>
<context>
    <name>cimdiag::TargetPage</name>
    <message>
        <source>Basic (user and password)</source>
        <translation>Basic (ユーザーとパスワード)</translation>
    </message>
    <message>
        <source>CIM ticket (VMware ESXi)</source>
        <translation>CIM チケット (VMware ESXi)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>CA certificates (PEM)</source>
        <translation>CA 証明書 (PEM)</translation>
    </message>
    <message>
        <source>Client certificate (PEM)</source>
        <translation>クライアント証明書 (PEM)</translation>
    </message>
    <message>
        <source>Client private key (PEM)</source>
        <translation>クライアント秘密鍵 (PEM)</translation>
    </message>
    <message>
        <source>&amp;Ticket:</source>
        <translation>チケット(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>CIM ticket</source>
        <translation>CIM チケット</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Enter the user name, or choose &quot;None&quot; as authentication.</source>
        <translation>ユーザー名を入力するか、認証として &quot;なし&quot; を選択してください。</translation>
    </message>
    <message>
        <source>Enter the CIM ticket (from AcquireCimServicesTicket).</source>
        <translation>CIM チケット (AcquireCimServicesTicket で取得) を入力してください。</translation>
    </message>
    <message>
        <source>A client certificate needs its private key, and the other way round.</source>
        <translation>クライアント証明書にはその秘密鍵が必要です。また、その逆も同様です。</translation>
    </message>
    <message>
        <source>The pinned certificate must be a SHA-256 fingerprint: 64 hex digits, colons allowed.</source>
        <translation>ピン留めする証明書は SHA-256 フィンガープリント (16 進数 64 桁、コロン可) で指定してください。</translation>
    </message>
    <message>
        <source>(no saved profile)</source>
        <translation>(保存済みプロファイルなし)</translation>
    </message>
    <message>
        <source>Save connection profile</source>
        <translation>接続プロファイルを保存</translation>
    </message>
    <message>
        <source>Profile name (an existing profile of that name is replaced):</source>
        <translation>プロファイル名 (同じ名前の既存のプロファイルは置き換えられます):</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>プロファイル名</translation>
    </message>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>プロファイルは保存されませんでした: %1</translation>
    </message>
    <message>
        <source>it needs a name.</source>
        <translation>名前が必要です。</translation>
    </message>
    <message>
        <source>Saving &quot;%1&quot;, the password in the system keychain…</source>
        <translation>&quot;%1&quot; を保存し、パスワードをシステムのキーチェーンに保存しています…</translation>
    </message>
    <message>
        <source>Saving &quot;%1&quot;…</source>
        <translation>&quot;%1&quot; を保存しています…</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; saved, without a password.</source>
        <translation>プロファイル &quot;%1&quot; をパスワードなしで保存しました。</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; saved; the password is in the system keychain.</source>
        <translation>プロファイル &quot;%1&quot; を保存しました。パスワードはシステムのキーチェーンにあります。</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; cannot be used: %2</source>
        <translation>プロファイル &quot;%1&quot; は使用できません: %2</translation>
    </message>
    <message>
        <source>There is no profile &quot;%1&quot;.</source>
        <translation>プロファイル &quot;%1&quot; はありません。</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; loaded.</source>
        <translation>プロファイル &quot;%1&quot; を読み込みました。</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; loaded; reading its password from the system keychain…</source>
        <translation>プロファイル &quot;%1&quot; を読み込みました。システムのキーチェーンからパスワードを読み取っています…</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; loaded with its password from the system keychain.</source>
        <translation>プロファイル &quot;%1&quot; をシステムのキーチェーンのパスワードとともに読み込みました。</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; deleted.</source>
        <translation>プロファイル &quot;%1&quot; を削除しました。</translation>
    </message>
    <message>
        <source>Find WBEM servers (SLP)</source>
        <translation>WBEM サーバーの検索 (SLP)</translation>
    </message>
</context>
<context>
    <name>cimdiag::TcpCheck</name>
    <message>
        <source>Looking up %1 (A and AAAA)</source>
        <translation>%1 を検索しています (A と AAAA)</translation>
    </message>
    <message>
        <source>No address to connect to: %1</source>
        <translation>接続するアドレスがありません: %1</translation>
    </message>
    <message>
        <source>Connecting to ports %1 and %2 on %3 address(es)</source>
        <translation>%3 個のアドレスのポート %1 と %2 に接続しています</translation>
    </message>
    <message>
        <source>Connecting to port %1 on %2 address(es)</source>
        <translation>%2 個のアドレスのポート %1 に接続しています</translation>
    </message>
</context>
<context>
    <name>cimdiag::TcpDiagnosis</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>no answer within %1 (filtered?)</source>
        <translation>%1 以内に応答なし (フィルタリング?)</translation>
    </message>
    <message>
        <source>open (connected in %1)</source>
        <translation>開いている (%1 で接続)</translation>
    </message>
    <message>
        <source>refused (%1)</source>
        <translation>拒否 (%1)</translation>
    </message>
    <message>
        <source>no answer within %1 (filtered)</source>
        <translation>%1 以内に応答なし (フィルタリング)</translation>
    </message>
    <message>
        <source>unreachable (%1)</source>
        <translation>到達不能 (%1)</translation>
    </message>
    <message>
        <source>accepted, then closed at once (EOF)</source>
        <translation>受け付け後、直ちに切断 (EOF)</translation>
    </message>
    <message>
        <source>accepted, then reset (%1)</source>
        <translation>受け付け後、リセット (%1)</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>No answer within %1; not waited for longer</source>
        <translation>%1 以内に応答なし。それ以上は待機しませんでした</translation>
    </message>
    <message>
        <source>No address to connect to</source>
        <translation>接続するアドレスがありません</translation>
    </message>
    <message>
        <source>Port %1 is open on %2 (connected in %3)</source>
        <translation>ポート %1 は %2 で開いています (%3 で接続)</translation>
    </message>
    <message>
        <source>Port %1 is open on all %2 addresses (fastest connect %3)</source>
        <translation>ポート %1 は %2 個のすべてのアドレスで開いています (最速の接続 %3)</translation>
    </message>
    <message>
        <source>Port %1 is open over %2 but not over %3: %4 on %5</source>
        <translation>ポート %1 は %2 では開いていますが %3 では開いていません: %5 で %4</translation>
    </message>
    <message>
        <source>A client that tries %1 first fails or waits; connect to %2 explicitly, or make the server listen on both families.</source>
        <translation>%1 を先に試すクライアントは失敗するか待たされます。%2 で明示的に接続するか、サーバーが両方のアドレスファミリで待ち受けるようにしてください。</translation>
    </message>
    <message>
        <source>Port %1 is open on %2 but not on %3: %4</source>
        <translation>ポート %1 は %2 では開いていますが %3 では開いていません: %4</translation>
    </message>
    <message>
        <source>Port %1 refused the connection (%2)</source>
        <translation>ポート %1 は接続を拒否しました (%2)</translation>
    </message>
    <message>
        <source>Port %1 did not answer within %2: the connection attempts are silently dropped</source>
        <translation>ポート %1 は %2 以内に応答しませんでした: 接続試行は黙って破棄されています</translation>
    </message>
    <message>
        <source>Port %1 is unreachable (%2): a router or firewall rejects the connection</source>
        <translation>ポート %1 に到達できません (%2): ルーターまたはファイアウォールが接続を拒否しています</translation>
    </message>
    <message>
        <source>Port %1 accepted the connection, then closed it without a byte (EOF)</source>
        <translation>ポート %1 は接続を受け付けた後、1 バイトも送信せずに閉じました (EOF)</translation>
    </message>
    <message>
        <source>Port %1 accepted the connection, then reset it (%2)</source>
        <translation>ポート %1 は接続を受け付けた後、リセットしました (%2)</translation>
    </message>
    <message>
        <source>Connecting to port %1 failed: %2</source>
        <translation>ポート %1 への接続に失敗しました: %2</translation>
    </message>
    <message>
        <source>; port %1 (%2) is open: try %3</source>
        <translation>。ポート %1 (%2) は開いています: %3 を試してください</translation>
    </message>
    <message>
        <source>&quot;Refused&quot; means a TCP reset from the host, or an ICMP port-unreachable from a firewall (Linux reports both as ECONNREFUSED).</source>
        <translation>&quot;拒否&quot; は、ホストからの TCP リセット、またはファイアウォールからの ICMP ポート到達不能を意味します (Linux はどちらも ECONNREFUSED として報告します)。</translation>
    </message>
    <message>
        <source>%1 port %2: %3</source>
        <translation>%1 ポート %2: %3</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>The other CIM port %1 (%2): %3</source>
        <translation>もう一方の CIM ポート %1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>cimdiag::TcpProbe</name>
    <message>
        <source>No answer to the connection attempt within %1 ms</source>
        <translation>%1 ms 以内に接続試行への応答がありません</translation>
    </message>
</context>
<context>
    <name>cimdiag::TlsCheck</name>
    <message>
        <source>plain http: no TLS to check</source>
        <translation>プレーン http: チェックする TLS がありません</translation>
    </message>
    <message>
        <source>TLS handshake with %1</source>
        <translation>%1 との TLS ハンドシェイク</translation>
    </message>
    <message>
        <source>Default handshake failed; trying one relaxation at a time</source>
        <translation>既定のハンドシェイクが失敗しました。緩和を 1 つずつ試しています</translation>
    </message>
</context>
<context>
    <name>cimdiag::TlsProbe</name>
    <message numerus="yes">
        <source>CA file %1 (%n certificate(s))</source>
        <translation>
            <numerusform>CA ファイル %1 (証明書 %n 件)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CA directory %1 (%n certificate(s))</source>
        <translation>
            <numerusform>CA ディレクトリ %1 (証明書 %n 件)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>system (Qt system store, %n certificate(s))</source>
        <translation>
            <numerusform>システム (Qt システムストア、証明書 %n 件)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1=%2 is set in the environment (not used for this verification)</source>
        <translation>環境変数 %1=%2 が設定されています (この検証には使用していません)</translation>
    </message>
    <message>
        <source>no client certificate in %1</source>
        <translation>%1 にクライアント証明書がありません</translation>
    </message>
    <message>
        <source>no usable private key in %1</source>
        <translation>%1 に使用可能な秘密鍵がありません</translation>
    </message>
    <message>
        <source>Connection timed out</source>
        <translation>接続がタイムアウトしました</translation>
    </message>
</context>
<context>
    <name>cimdiag::WbemErrorDiagnosis</name>
    <message>
        <source>no connection within the timeout</source>
        <translation>タイムアウトまでに接続できませんでした</translation>
    </message>
    <message>
        <source>no complete reply within the timeout</source>
        <translation>タイムアウトまでに完全な応答がありませんでした</translation>
    </message>
    <message>
        <source>the operation ran over its total time limit</source>
        <translation>操作が合計制限時間を超えました</translation>
    </message>
    <message>
        <source>the reply is not valid CIM-XML: %1</source>
        <translation>応答が有効な CIM-XML ではありません: %1</translation>
    </message>
</context>
<context>
    <name>cimdiag::WelcomePrompt</name>
    <message>
        <source>Welcome to CIM Diagnostics</source>
        <translation>CIM 診断へようこそ</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>ようこそ</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;New to cimdiag?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;The demo starts the built-in CIM server simulator on this computer (127.0.0.1) and diagnoses the connection to it, stage by stage, so you can see what a diagnosis looks like before you point cimdiag at a real server.&lt;/p&gt;&lt;p&gt;The Demo menu starts it again, with any failure scenario.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;cimdiag は初めてですか?&lt;/b&gt;&lt;/p&gt;&lt;p&gt;デモでは、このコンピューター (127.0.0.1) で組み込みの CIM サーバーシミュレーターを起動し、そこへの接続をステージごとに診断します。実際のサーバーに cimdiag を使う前に、診断がどのようなものかを確認できます。&lt;/p&gt;&lt;p&gt;[デモ] メニューから、任意の障害シナリオで再度起動できます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Run the demo diagnosis</source>
        <translation>デモ診断を実行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the demo diagnosis</source>
        <translation>デモ診断を実行</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>後で(&amp;N)</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>後で</translation>
    </message>
</context>
</TS>
