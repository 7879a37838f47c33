// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticCheck.h"

#include <QElapsedTimer>
#include <QPointer>

namespace cimdiag {

class CimClass;
class CimInstance;
class WbemConnection;
class WbemEnumeration;
class WbemOperation;

/// Stage 7, a sample enumerate [E3, E6-E11]: enumerates the chosen class (default
/// CIM_ComputerSystem) in the chosen namespace (default: root/cimv2 when the server lists it, else
/// the first listed namespace that is not interop) with pull where the server has it, and reads
/// the class at the same time for its ValueMap/Values. Reports the instance count, the round trip
/// and WBEMServerResponseTime, and a few instances with their values mapped. No instances is E7;
/// a round trip over Target::slowResponse is E8.
class SampleEnumerateCheck final : public DiagnosticCheck
{
    Q_OBJECT

public:
    explicit SampleEnumerateCheck(DiagnosticContext &context, QObject *parent = nullptr);

    QList<DiagnosticStage> prerequisites() const override { return {DiagnosticStage::ServerIdentity}; }

    /// How many instances the result describes.
    static constexpr int describedInstances = 3;
    /// How many instances the findings keep for data views (the rest are counted only).
    static constexpr int keptInstances = 1000;
    /// "Name=\"srv1\", OperationalStatus={2 (OK)}, EnabledState=2 (Enabled)": the instance's
    /// non-null scalar and array values (at most maxProperties), ValueMap values mapped with cls.
    static QString describeInstance(const CimInstance &instance, const CimClass &cls, int maxProperties = 6);

protected:
    void doStart() override;
    void doCancel() override;

private:
    /// WBEMServerResponseTime summed over the connection's operations other than GetClass.
    struct ServerTime
    {
        qint64 totalUs = 0;
        qint64 count = 0;
    };
    ServerTime enumerateServerTime() const;
    QString chooseNamespace() const;
    void onPartFinished();
    void finishWithResult();

    WbemConnection *m_connection = nullptr;
    QPointer<WbemEnumeration> m_enumeration;
    QPointer<WbemOperation> m_getClass;
    QElapsedTimer m_enumerateTime;
    qint64 m_enumerateMs = 0;
    QString m_nameSpace;
    QString m_className;
    ServerTime m_serverTimeBefore;
    int m_pending = 0;
};

} // namespace cimdiag
