// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/DiagnosticStage.h"

#include <QCoreApplication>

namespace cimdiag {

namespace {
struct Stage
{
    Q_DECLARE_TR_FUNCTIONS(cimdiag::DiagnosticStage)
};
} // namespace

QList<DiagnosticStage> allDiagnosticStages()
{
    return {DiagnosticStage::Slp, DiagnosticStage::NameResolution, DiagnosticStage::Tcp, DiagnosticStage::Tls,
        DiagnosticStage::Http, DiagnosticStage::Authentication, DiagnosticStage::ServerIdentity,
        DiagnosticStage::SampleEnumerate, DiagnosticStage::Listener};
}

QList<DiagnosticStage> defaultDiagnosticStages()
{
    QList<DiagnosticStage> stages = allDiagnosticStages();
    stages.removeAll(DiagnosticStage::Slp);
    stages.removeAll(DiagnosticStage::Listener);
    return stages;
}

QString diagnosticStageId(DiagnosticStage stage)
{
    switch (stage) {
    case DiagnosticStage::Slp:
        return QStringLiteral("slp");
    case DiagnosticStage::NameResolution:
        return QStringLiteral("dns");
    case DiagnosticStage::Tcp:
        return QStringLiteral("tcp");
    case DiagnosticStage::Tls:
        return QStringLiteral("tls");
    case DiagnosticStage::Http:
        return QStringLiteral("http");
    case DiagnosticStage::Authentication:
        return QStringLiteral("auth");
    case DiagnosticStage::ServerIdentity:
        return QStringLiteral("identity");
    case DiagnosticStage::SampleEnumerate:
        return QStringLiteral("enumerate");
    case DiagnosticStage::Listener:
        return QStringLiteral("listener");
    }
    return {};
}

std::optional<DiagnosticStage> diagnosticStageFromId(QStringView id)
{
    for (const DiagnosticStage stage : allDiagnosticStages()) {
        if (id.compare(diagnosticStageId(stage), Qt::CaseInsensitive) == 0)
            return stage;
    }
    return std::nullopt;
}

QString diagnosticStageTitle(DiagnosticStage stage)
{
    switch (stage) {
    case DiagnosticStage::Slp:
        return Stage::tr("SLP discovery");
    case DiagnosticStage::NameResolution:
        return Stage::tr("Name resolution");
    case DiagnosticStage::Tcp:
        return Stage::tr("TCP reachability");
    case DiagnosticStage::Tls:
        return Stage::tr("TLS handshake and certificate");
    case DiagnosticStage::Http:
        return Stage::tr("HTTP and CIM-XML");
    case DiagnosticStage::Authentication:
        return Stage::tr("Authentication");
    case DiagnosticStage::ServerIdentity:
        return Stage::tr("Server identity and interop namespace");
    case DiagnosticStage::SampleEnumerate:
        return Stage::tr("Sample enumerate");
    case DiagnosticStage::Listener:
        return Stage::tr("Indication listener");
    }
    return {};
}

} // namespace cimdiag
