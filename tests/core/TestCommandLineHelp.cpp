// SPDX-License-Identifier: GPL-3.0-or-later
// Every program and every cimdiag-cli command answers --help and --version (and -h, -v) with exit
// status 0, the desktop app without a display; and each man page under packaging/man describes every
// option the program's --help lists, and every command cimdiag-cli lists, so the pages cannot fall
// behind the parsers. The desktop app's first run is recorded in the XDG config folder.
#include "tests/support/ProgramRun.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace cimdiag;

namespace {

/// The desktop app must not need a display for --help and --version: none is offered to any program.
ProgramRun run(const QString &program, const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name :
        {QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY"), QStringLiteral("QT_QPA_PLATFORM")})
        environment.remove(name);
    return runProgram(program, arguments, environment);
}

QString programPath(const char *variable)
{
    return qEnvironmentVariable(variable);
}

/// The commands the "Commands:" block of cimdiag-cli --help lists ("  check    diagnose ...").
QStringList cliCommands(const QString &help)
{
    QStringList commands;
    const qsizetype start = help.indexOf(QStringLiteral("Commands:\n"));
    if (start < 0)
        return commands;
    // One space is enough: "  discover find ..." has an eight-letter name in a nine-column field.
    static const QRegularExpression line(QStringLiteral("^  ([a-z][a-z0-9-]*)\\s+\\S"));
    for (const QString &text : help.mid(start).split(u'\n').mid(1)) {
        if (text.trimmed().isEmpty())
            break;
        const QRegularExpressionMatch match = line.match(text);
        if (match.hasMatch())
            commands.append(match.captured(1));
    }
    return commands;
}

/// The long options in the "Options:" block of a QCommandLineParser help text.
QStringList longOptions(const QString &help)
{
    QStringList options;
    const qsizetype start = help.indexOf(QStringLiteral("\nOptions:\n"));
    const qsizetype end = help.indexOf(QStringLiteral("\nArguments:\n"), start);
    static const QRegularExpression option(QStringLiteral("^  (?:-\\S+, )?--([a-z][a-z0-9-]*)"));
    for (const QString &text : help.mid(start, end < 0 ? -1 : end - start).split(u'\n')) {
        const QRegularExpressionMatch match = option.match(text);
        if (match.hasMatch())
            options.append(match.captured(1));
    }
    return options;
}

/// The man page's roff text with "\-" as "-"; with section, only that .SS subsection.
QString manText(const QString &page, const QString &section = {})
{
    QFile file(qEnvironmentVariable("CIMDIAG_SOURCE_DIR") + QStringLiteral("/packaging/man/") + page);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(file.readAll()).replace(QStringLiteral("\\-"), QStringLiteral("-"));
    if (section.isEmpty())
        return text;
    const qsizetype start = text.indexOf(QStringLiteral("\n.SS ") + section + u'\n');
    if (start < 0)
        return {};
    static const QRegularExpression next(QStringLiteral("\n\\.S[SH] "));
    const qsizetype end = text.indexOf(next, start + 1);
    return text.mid(start, end < 0 ? -1 : end - start);
}

} // namespace

class TestCommandLineHelp : public QObject
{
    Q_OBJECT

private slots:
    void helpAndVersion_data();
    void helpAndVersion();
    void manPageDescribesEveryOption_data();
    void manPageDescribesEveryOption();
    void manPageDescribesEveryCliCommand();
    void noCommandIsAUsageError();
    void desktopAppRecordsTheFirstRunInXdgConfig();

private:
    /// Rows: name, program, leading arguments (the command), man page, man subsection.
    void addRows();
};

void TestCommandLineHelp::addRows()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("manPage");
    QTest::addColumn<QString>("manSection");

    const QString cli = programPath("CIMDIAG_CLI");
    QVERIFY2(!cli.isEmpty() && QFile::exists(cli), "CIMDIAG_CLI names no program");
    QTest::newRow("cimdiag-cli") << cli << QStringList() << QStringLiteral("cimdiag-cli.1") << QString();
    const ProgramRun help = run(cli, {QStringLiteral("--help")});
    const QStringList commands = cliCommands(help.out);
    QVERIFY2(commands.contains(QStringLiteral("check")) && commands.contains(QStringLiteral("decode")),
        qPrintable(QStringLiteral("no Commands: block with check and decode in:\n") + help.out));
    for (const QString &command : commands) {
        QTest::addRow("cimdiag-cli %s", qPrintable(command))
            << cli << QStringList {command} << QStringLiteral("cimdiag-cli.1") << command;
    }
    const QString sim = programPath("CIMDIAG_SIM");
    QVERIFY2(!sim.isEmpty() && QFile::exists(sim), "CIMDIAG_SIM names no program");
    QTest::newRow("cimdiag-sim") << sim << QStringList() << QStringLiteral("cimdiag-sim.1") << QString();
    // Only configured when the desktop app is built (tests/CMakeLists.txt).
    const QString gui = programPath("CIMDIAG_GUI");
    if (!gui.isEmpty())
        QTest::newRow("cimdiag") << gui << QStringList() << QStringLiteral("cimdiag.1") << QString();
}

void TestCommandLineHelp::helpAndVersion_data()
{
    addRows();
}

void TestCommandLineHelp::helpAndVersion()
{
    QFETCH(QString, program);
    QFETCH(QStringList, command);
    const QString name = QFileInfo(program).fileName();

    for (const QString &flag : {QStringLiteral("--help"), QStringLiteral("-h")}) {
        const ProgramRun help = run(program, command + QStringList {flag});
        QVERIFY2(help.exitCode == 0,
            qPrintable(flag + QStringLiteral(": exit ") + QString::number(help.exitCode) + QStringLiteral(", stderr: ")
                + help.err));
        QVERIFY2(help.out.startsWith(QStringLiteral("Usage: ")), qPrintable(help.out));
        const QString usageLine = help.out.section(u'\n', 0, 0);
        QVERIFY2(usageLine.contains(name), qPrintable(usageLine));
        if (!command.isEmpty())
            QVERIFY2(usageLine.contains(command.constFirst()), qPrintable(usageLine));
        QVERIFY2(help.out.contains(QStringLiteral("--version")), qPrintable(help.out));
    }
    for (const QString &flag : {QStringLiteral("--version"), QStringLiteral("-v")}) {
        const ProgramRun version = run(program, command + QStringList {flag});
        QVERIFY2(version.exitCode == 0,
            qPrintable(flag + QStringLiteral(": exit ") + QString::number(version.exitCode)
                + QStringLiteral(", stderr: ") + version.err));
        QCOMPARE(version.out, name + u' ' + QStringLiteral(CIMDIAG_VERSION) + u'\n');
    }
}

void TestCommandLineHelp::manPageDescribesEveryOption_data()
{
    addRows();
}

void TestCommandLineHelp::manPageDescribesEveryOption()
{
    QFETCH(QString, program);
    QFETCH(QStringList, command);
    QFETCH(QString, manPage);
    QFETCH(QString, manSection);

    const ProgramRun help = run(program, command + QStringList {QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    const QStringList options = longOptions(help.out);
    QVERIFY2(
        options.contains(QStringLiteral("help")) && options.contains(QStringLiteral("version")), qPrintable(help.out));
    const QString text = manText(manPage, manSection);
    QVERIFY2(
        !text.isEmpty(), qPrintable(QStringLiteral("packaging/man/%1 has no section %2").arg(manPage, manSection)));
    QStringList missing;
    for (const QString &option : options) {
        // A word of its own: --ca must not be satisfied by --ca-file.
        const QRegularExpression described(QStringLiteral("--%1(?![a-z0-9-])").arg(QRegularExpression::escape(option)));
        if (!text.contains(described))
            missing.append(QStringLiteral("--") + option);
    }
    QVERIFY2(missing.isEmpty(),
        qPrintable(QStringLiteral("packaging/man/%1%2 does not describe %3")
                       .arg(manPage, manSection.isEmpty() ? QString() : QStringLiteral(" (.SS ") + manSection + u')',
                           missing.join(QStringLiteral(", ")))));
}

void TestCommandLineHelp::manPageDescribesEveryCliCommand()
{
    const ProgramRun help = run(programPath("CIMDIAG_CLI"), {QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    const QString page = manText(QStringLiteral("cimdiag-cli.1"));
    QVERIFY(!page.isEmpty());
    for (const QString &command : cliCommands(help.out)) {
        QVERIFY2(page.contains(QStringLiteral("\n.SS ") + command + u'\n'),
            qPrintable(QStringLiteral("packaging/man/cimdiag-cli.1 has no '.SS %1' subsection").arg(command)));
        QVERIFY2(page.contains(QStringLiteral(".B cimdiag-cli ") + command),
            qPrintable(QStringLiteral("cimdiag-cli.1's SYNOPSIS does not show %1").arg(command)));
    }
}

void TestCommandLineHelp::noCommandIsAUsageError()
{
    // The counterpart of exit 0: a wrong invocation is not mistaken for help.
    const ProgramRun bare = run(programPath("CIMDIAG_CLI"), {});
    QCOMPARE(bare.exitCode, 64);
    QVERIFY2(bare.err.contains(QStringLiteral("--help")), qPrintable(bare.err));
    const ProgramRun unknown = run(programPath("CIMDIAG_SIM"), {QStringLiteral("--no-such-option")});
    QVERIFY2(unknown.exitCode != 0, qPrintable(unknown.out));
}

void TestCommandLineHelp::desktopAppRecordsTheFirstRunInXdgConfig()
{
    const QString gui = programPath("CIMDIAG_GUI");
    if (gui.isEmpty())
        QSKIP("the desktop app is not built");
    QTemporaryDir config;
    QVERIFY(config.isValid());
    const QString settings = config.filePath(QStringLiteral("cimdiag/cimdiag.conf"));

    // --version is answered before any settings are read or written.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess version;
    version.setProcessEnvironment(environment);
    version.start(gui, {QStringLiteral("--version")});
    QVERIFY(version.waitForFinished(60000));
    QVERIFY(!QFile::exists(settings));

    // The first real start offers the demo and records that in $XDG_CONFIG_HOME/cimdiag/cimdiag.conf.
    QProcess app;
    app.setProcessEnvironment(environment);
    app.start(gui, {});
    QVERIFY(app.waitForStarted(30000));
    const auto recorded = [&settings] {
        return QSettings(settings, QSettings::IniFormat).value(QStringLiteral("firstRun/demoOffered")).toBool();
    };
    QTRY_VERIFY_WITH_TIMEOUT(recorded(), 60000);
    QCOMPARE(app.state(), QProcess::Running);
    app.kill();
    QVERIFY(app.waitForFinished(30000));
}

QTEST_GUILESS_MAIN(TestCommandLineHelp)
#include "TestCommandLineHelp.moc"
