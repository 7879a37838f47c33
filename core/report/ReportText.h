// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/CheckStatus.h"
#include "core/report/DiagnosticReport.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace cimdiag {

/// The wording every report writer shares: headings, labels and the rows of the environment and
/// server tables, so JSON, HTML, Markdown, text and PDF say the same things the same way.
class ReportText final
{
    Q_DECLARE_TR_FUNCTIONS(ReportText)

public:
    ReportText() = delete;

    enum class Heading : quint8 { Report, Summary, Timeline, Stages, Tls, Server, Statistics, Environment, Log };
    /// "cimdiag report", "Summary", "Stage timeline", "Stages", "TLS certificate chain", "Server identity",
    /// "Operation statistics", "Environment", "Log".
    static QString heading(Heading heading);

    /// "https://host:5989: Failed".
    static QString verdict(const DiagnosticReport &report);
    /// "Started 2025-01-02T10:11:12Z, took 123 ms" (plus " (cancelled)").
    static QString startedLine(const DiagnosticReport &report);

    using Rows = QList<std::pair<QString, QString>>;
    /// Label / value rows: tool, OS, Qt, OpenSSL, trust store, environment overrides, target.
    static Rows environmentRows(const DiagnosticReport &report);
    /// Label / value rows of what the server said about itself; empty when nothing is known.
    static Rows serverRows(const DiagnosticReport &report);
    /// Label / value rows of the negotiated TLS parameters; empty without a TLS probe.
    static Rows tlsRows(const DiagnosticReport &report);
    /// Label / value rows of one certificate of the chain.
    static Rows certificateRows(const TlsCertificateInfo &certificate);
    /// The column titles of the statistics table and one row per operation.
    static QStringList statisticsHeader();
    static QStringList statisticsRow(const WbemOperationStatistic &statistic);

    enum class Label : quint8 { Stage, Status, Start, Duration, Summary, Details, Evidence, Hints, Cause, Remedy };
    /// "Stage", "Status", "Start (ms)", "Duration (ms)", "Summary", "Details", "Evidence", "Hints", "Cause", "Remedy".
    static QString label(Label label);
    /// One line per stage: title, a bar of '#' placed on columns proportional to start and
    /// duration, "+offset ms, duration ms" (the text and Markdown timelines).
    static QStringList timelineBars(const DiagnosticReport &report, int columns = 50);
    /// "14:02:03.123 [http] tls: text" (the time in UTC).
    static QString logLine(const LogEntry &entry);

    /// text with C0 controls but \n and \t, DEL and C1 controls written as \xNN: server-controlled
    /// bytes must not drive a terminal reading the text report or break the HTML/XML.
    static QString printable(const QString &text);
};

} // namespace cimdiag
