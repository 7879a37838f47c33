// SPDX-License-Identifier: GPL-3.0-or-later
// cimdiag-soak: the fault soak of issue #10 (FaultSoak). Prints a table per scenario and a summary;
// exits 0 only without violations. docs/robustness.md records a 100-round run.
#include "tests/soak/FaultSoak.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace cimdiag;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cimdiag-soak"));
    // The legacy-crypto scenarios run in a cimdiag-sim child (SimProcess reads $CIMDIAG_SIM); the one
    // built with this program unless the environment names another.
    if (qEnvironmentVariableIsEmpty("CIMDIAG_SIM"))
        qputenv("CIMDIAG_SIM", CIMDIAG_SOAK_SIM);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the diagnosis against every simulator scenario, all at once, round after round, and checks "
        "that every run finishes, no stage reaches its time limit, every verdict stays the same and "
        "memory and file descriptors do not grow."));
    parser.addHelpOption();
    const QCommandLineOption rounds(QStringLiteral("rounds"), QStringLiteral("Rounds to run (default 100)."),
        QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
        QStringLiteral("Only the scenarios whose name matches this regular expression."), QStringLiteral("REGEX"));
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("Also write the figures as JSON to FILE."), QStringLiteral("FILE"));
    parser.addOptions({rounds, scenario, json});
    parser.process(app);

    FaultSoak::Options options;
    bool ok = false;
    options.rounds = parser.value(rounds).toInt(&ok);
    if (!ok || options.rounds < 1) {
        std::fputs("cimdiag-soak: --rounds needs a positive number\n", stderr);
        return 2;
    }
    options.scenarioFilter = QRegularExpression(parser.value(scenario));
    if (!options.scenarioFilter.isValid()) {
        std::fprintf(stderr, "cimdiag-soak: --scenario: %s\n", qPrintable(options.scenarioFilter.errorString()));
        return 2;
    }
    options.jsonPath = parser.value(json);

    FaultSoak soak(options);
    if (!soak.setUp())
        return 2;
    QObject::connect(&soak, &FaultSoak::finished, &app, [&soak] { QCoreApplication::exit(soak.exitCode()); });
    soak.start();
    return QCoreApplication::exec();
}
