// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/diagnostics/SampleEnumerateCheck.h"

#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimValueMapping.h"
#include "core/diagnostics/DiagnosticContext.h"
#include "core/diagnostics/WbemErrorDiagnosis.h"
#include "core/wbem/WbemConnection.h"
#include "core/wbem/WbemEnumeration.h"
#include "core/wbem/WbemOperation.h"

namespace cimdiag {

namespace {
const QString defaultClass = QStringLiteral("CIM_ComputerSystem");
const QString defaultNamespace = QStringLiteral("root/cimv2");

QString mappedValue(const CimValue &value, const std::optional<CimValueMapping> &mapping)
{
    if (!mapping || !isIntegerType(value.type()))
        return value.toMof();
    auto one = [&mapping](const CimValue &element) -> QString {
        const std::optional<QString> values = mapping->toValues(element.toSigned());
        return element.toMof() + (values ? QStringLiteral(" (") + *values + u')' : QString());
    };
    if (!value.isArray())
        return one(value);
    QStringList parts;
    for (const CimValue &element : value.elements())
        parts.append(one(element));
    return u'{' + parts.join(QStringLiteral(", ")) + u'}';
}

QString milliseconds(qint64 microseconds)
{
    return QString::number(double(microseconds) / 1000.0, 'f', 1);
}
} // namespace

SampleEnumerateCheck::SampleEnumerateCheck(DiagnosticContext &context, QObject *parent)
    : DiagnosticCheck(DiagnosticStage::SampleEnumerate, context, parent)
{ }

QString SampleEnumerateCheck::describeInstance(const CimInstance &instance, const CimClass &cls, int maxProperties)
{
    QStringList parts;
    for (const CimProperty &property : instance.properties()) {
        if (property.value().isNull() || property.value().embeddedKind() != CimEmbeddedKind::None
            || property.type() == CimType::Reference)
            continue;
        const std::optional<CimValueMapping> mapping
            = cls.className().isEmpty() ? std::nullopt : CimValueMapping::forProperty(cls, property.name());
        parts.append(property.name() + u'=' + mappedValue(property.value(), mapping));
        if (parts.size() == maxProperties)
            break;
    }
    return parts.join(QStringLiteral(", "));
}

SampleEnumerateCheck::ServerTime SampleEnumerateCheck::enumerateServerTime() const
{
    ServerTime time;
    for (const WbemOperationStatistic &statistic : m_connection->statistics().snapshot()) {
        if (statistic.name == QLatin1String("GetClass"))
            continue;
        time.totalUs += statistic.serverTimeTotalUs;
        time.count += statistic.serverTimeCount;
    }
    return time;
}

QString SampleEnumerateCheck::chooseNamespace() const
{
    const Target &target = context().target();
    if (!target.nameSpace.isEmpty())
        return target.nameSpace;
    const DiagnosticFindings &findings = context().findings();
    if (findings.namespaces.isEmpty() || findings.namespaces.contains(defaultNamespace, Qt::CaseInsensitive))
        return defaultNamespace;
    for (const QString &nameSpace : findings.namespaces) {
        if (nameSpace.compare(findings.interopNamespace, Qt::CaseInsensitive) != 0
            && !target.interopNamespaces.contains(nameSpace, Qt::CaseInsensitive))
            return nameSpace;
    }
    return defaultNamespace;
}

void SampleEnumerateCheck::doStart()
{
    m_nameSpace = chooseNamespace();
    m_className = context().target().className.isEmpty() ? defaultClass : context().target().className;
    reportProgress(tr("Enumerating %1 in %2").arg(m_className, m_nameSpace));
    m_connection = context().sharedConnection(stage());
    if (const std::optional<bool> pull = context().findings().pullSupported)
        m_connection->setServerSupportsPull(pull);
    m_serverTimeBefore = enumerateServerTime();
    CimRequestOptions classOptions;
    classOptions.localOnly = false;
    classOptions.includeQualifiers = true;
    m_getClass = m_connection->getClass(m_className, classOptions, m_nameSpace);
    m_enumeration = m_connection->iterEnumerateInstances(m_className, {}, m_nameSpace);
    m_enumerateTime.start();
    m_pending = 2;
    connect(m_getClass, &WbemOperation::finished, this, &SampleEnumerateCheck::onPartFinished);
    connect(m_enumeration, &WbemEnumeration::finished, this, [this] {
        m_enumerateMs = m_enumerateTime.elapsed();
        onPartFinished();
    });
}

void SampleEnumerateCheck::doCancel()
{
    if (m_enumeration)
        m_enumeration->cancel();
    if (m_getClass)
        m_getClass->cancel();
}

void SampleEnumerateCheck::onPartFinished()
{
    if (--m_pending == 0 && !isStopping())
        finishWithResult();
}

void SampleEnumerateCheck::finishWithResult()
{
    const QString what = tr("%1 in %2").arg(m_className, m_nameSpace);
    if (!m_enumeration->error().isNull()) {
        CheckResult result = WbemErrorDiagnosis::failed(tr("Enumerating %1 failed").arg(what), m_enumeration->error());
        if (m_enumeration->error().kind == WbemError::Kind::Cim
            && m_enumeration->error().cimStatus.code() == int(CimStatusCode::InvalidClass)) {
            result.addDetail(tr("Vendor classes often live in vendor namespaces (root/ibm, root/ontap, "
                                "root/hpq); the registered profiles of the identity stage point at them. Choose "
                                "them with --namespace and --class."));
        }
        finish(result);
        return;
    }

    const QList<CimInstance> &instances = m_enumeration->response().instances;
    const CimClass cls = m_getClass->error().isNull() && !m_getClass->response().classes.isEmpty()
        ? m_getClass->response().classes.constFirst()
        : CimClass();
    DiagnosticFindings &findings = context().findings();
    findings.sampleNamespace = m_nameSpace;
    findings.sampleClassName = m_className;
    findings.sampleInstances = instances.mid(0, keptInstances);
    findings.sampleClass = cls;
    // The connection is shared with the earlier stages: only what the enumerate added counts.
    const ServerTime after = enumerateServerTime();
    const qint64 serverUs = after.totalUs - m_serverTimeBefore.totalUs;
    const qint64 serverCount = after.count - m_serverTimeBefore.count;

    QStringList details;
    details.append(tr("%n instance(s) of %1 in %2 ms, %3 request(s) (%4)", nullptr, int(instances.size()))
                       .arg(what)
                       .arg(m_enumerateMs)
                       .arg(m_enumeration->requestCount())
                       .arg(m_enumeration->usedPull() ? tr("pull operations") : QStringLiteral("EnumerateInstances")));
    //: WBEMServerResponseTime is the name of a CIM-XML HTTP header (DSP0200): keep it as it is.
    details.append(serverCount > 0 ? tr("WBEMServerResponseTime: %1 ms in total").arg(milliseconds(serverUs))
                                   //: WBEMServerResponseTime is the name of an HTTP header: keep it.
                                   : tr("The server sent no WBEMServerResponseTime"));
    if (!m_getClass->error().isNull())
        details.append(tr("GetClass failed (%1): values are shown unmapped")
                           .arg(WbemErrorDiagnosis::describe(m_getClass->error())));
    for (qsizetype i = 0; i < qMin<qsizetype>(describedInstances, instances.size()); ++i)
        details.append(
            instances.at(i).path().toWbemUri() + QStringLiteral(": ") + describeInstance(instances.at(i), cls));

    CheckResult result;
    const bool slow = m_enumerateMs > context().target().slowResponse.count();
    if (instances.isEmpty()) {
        result = CheckResult::warning(tr("%1 has no instances").arg(what), {QStringLiteral("E7")});
    } else if (slow) {
        result
            = CheckResult::warning(tr("%n instance(s) of %1, but the server took %2 ms", nullptr, int(instances.size()))
                                       .arg(what)
                                       .arg(m_enumerateMs),
                {QStringLiteral("E8")});
    } else {
        result = CheckResult::passed(
            tr("%n instance(s) of %1 in %2 ms", nullptr, int(instances.size())).arg(what).arg(m_enumerateMs));
    }
    result.details = details;
    result.addEvidence(QStringLiteral("cim.instances"), QString::number(instances.size()));
    result.addEvidence(QStringLiteral("cim.roundTripMs"), QString::number(m_enumerateMs));
    if (serverCount > 0)
        result.addEvidence(QStringLiteral("cim.serverTimeMs"), milliseconds(serverUs));
    finish(result);
}

} // namespace cimdiag
