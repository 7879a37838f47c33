// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimScenario.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <initializer_list>
#include <utility>

namespace cimdiag {

namespace {

/// Collects the first error with its location so the caller can stop at once.
class Validator
{
public:
    explicit Validator(QString source)
        : m_source(std::move(source))
    { }

    bool fail(const QString &field, const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = field.isEmpty()
                ? QString(m_source + QStringLiteral(": ") + message)
                : QString(m_source + QStringLiteral(": field '") + field + QStringLiteral("': ") + message);
        }
        return false;
    }
    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    bool onlyKeys(const QJsonObject &object, const QString &prefix, std::initializer_list<const char *> allowed)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool known = false;
            for (const char *key : allowed)
                known = known || it.key() == QLatin1StringView(key);
            if (!known)
                return fail(prefix + it.key(), QStringLiteral("unknown key"));
        }
        return true;
    }

    bool string(const QJsonObject &object, const char *key, const QString &field, QString *out, bool required = false)
    {
        const QJsonValue value = object.value(QLatin1StringView(key));
        if (value.isUndefined())
            return required ? fail(field, QStringLiteral("missing")) : true;
        if (!value.isString())
            return fail(field, QStringLiteral("must be a string"));
        *out = value.toString();
        if (required && out->trimmed().isEmpty())
            return fail(field, QStringLiteral("must not be empty"));
        return true;
    }

    bool integer(const QJsonObject &object, const char *key, const QString &field, int *out, int min, int max)
    {
        const QJsonValue value = object.value(QLatin1StringView(key));
        if (value.isUndefined())
            return true;
        const double number = value.toDouble(-1e300);
        if (!value.isDouble() || number != static_cast<double>(static_cast<qint64>(number)))
            return fail(field, QStringLiteral("must be an integer"));
        if (number < min || number > max)
            return fail(field, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        *out = static_cast<int>(number);
        return true;
    }

    template<typename Enum>
    bool enumeration(const QJsonObject &object, const char *key, const QString &field, Enum *out,
        std::initializer_list<std::pair<const char *, Enum>> names)
    {
        const QJsonValue value = object.value(QLatin1StringView(key));
        if (value.isUndefined())
            return true;
        QStringList known;
        for (const auto &[name, enumValue] : names) {
            if (value.toString().compare(QLatin1StringView(name), Qt::CaseInsensitive) == 0) {
                *out = enumValue;
                return true;
            }
            known.append(QString::fromLatin1(name));
        }
        return fail(field,
            QStringLiteral("unknown value '%1' (expected one of %2)")
                .arg(value.toVariant().toString(), known.join(QStringLiteral(", "))));
    }

private:
    QString m_source;
    QString m_error;
};

bool readModel(Validator &v, const QJsonObject &root, SimModelOptions *model)
{
    const QJsonValue value = root.value(QLatin1StringView("model"));
    if (value.isUndefined())
        return true;
    if (!value.isObject())
        return v.fail(QStringLiteral("model"), QStringLiteral("must be an object"));
    const QJsonObject object = value.toObject();
    const QJsonValue computerSystems = object.value(QLatin1StringView("computerSystems"));
    if (!computerSystems.isUndefined() && !computerSystems.isBool())
        return v.fail(QStringLiteral("model.computerSystems"), QStringLiteral("must be true or false"));
    model->computerSystems = computerSystems.toBool(true);
    return v.onlyKeys(object, QStringLiteral("model."),
               {"interopNamespace", "managedNamespace", "logRecordCount", "bulkInstanceCount", "computerSystems"})
        && v.string(object, "interopNamespace", QStringLiteral("model.interopNamespace"), &model->interopNamespace)
        && v.string(object, "managedNamespace", QStringLiteral("model.managedNamespace"), &model->managedNamespace)
        && v.integer(
            object, "logRecordCount", QStringLiteral("model.logRecordCount"), &model->logRecordCount, 0, 1000000)
        && v.integer(object, "bulkInstanceCount", QStringLiteral("model.bulkInstanceCount"), &model->bulkInstanceCount,
            0, 10000000);
}

bool readFaults(Validator &v, const QJsonObject &root, SimFaultPlan *plan)
{
    const QJsonValue value = root.value(QLatin1StringView("faults"));
    if (!value.isUndefined()) {
        if (!value.isArray())
            return v.fail(QStringLiteral("faults"), QStringLiteral("must be an array of fault names"));
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString field = QStringLiteral("faults[%1]").arg(i);
            const std::optional<SimFault> fault = simFaultFromName(array.at(i).toString());
            if (!array.at(i).isString() || !fault) {
                QStringList known;
                for (SimFault each : allSimFaults())
                    known.append(simFaultName(each));
                return v.fail(field,
                    QStringLiteral("unknown fault '%1' (expected one of %2)")
                        .arg(array.at(i).toVariant().toString(), known.join(QStringLiteral(", "))));
            }
            plan->faults |= *fault;
        }
    }
    if (!v.integer(root, "slowResponseMs", QStringLiteral("slowResponseMs"), &plan->slowResponseMs, 0, 3600000)
        || !v.integer(root, "cimErrorStatus", QStringLiteral("cimErrorStatus"), &plan->cimErrorStatus, 400, 599)
        || !v.string(root, "cimErrorValue", QStringLiteral("cimErrorValue"), &plan->cimErrorValue))
        return false;
    // DSP0200 7.3 lists the CIMError values; anything else is not what a CIM server sends.
    static const QStringList cimErrorValues {QStringLiteral("unsupported-protocol-version"),
        QStringLiteral("multiple-requests-unsupported"), QStringLiteral("unsupported-cim-version"),
        QStringLiteral("unsupported-dtd-version"), QStringLiteral("request-not-valid"),
        QStringLiteral("request-not-well-formed"), QStringLiteral("request-not-loosely-valid"),
        QStringLiteral("header-mismatch"), QStringLiteral("unsupported-operation")};
    if (!cimErrorValues.contains(plan->cimErrorValue))
        return v.fail(QStringLiteral("cimErrorValue"),
            QStringLiteral("'%1' is not a DSP0200 CIMError value").arg(plan->cimErrorValue));
    return true;
}

bool readTls(Validator &v, const QJsonObject &root, SimTlsOptions *tls)
{
    const QJsonValue value = root.value(QLatin1StringView("tls"));
    if (value.isUndefined())
        return true;
    if (!value.isObject())
        return v.fail(QStringLiteral("tls"), QStringLiteral("must be an object"));
    const QJsonObject object = value.toObject();
    return v.onlyKeys(object, QStringLiteral("tls."),
               {"certificate", "protocols", "clientCertificate", "cipherString", "certificateFile", "keyFile",
                   "dhParameterBits"})
        && v.enumeration(object, "certificate", QStringLiteral("tls.certificate"), &tls->certificate.fault,
            {{"None", SimCertificateFault::None}, {"Expired", SimCertificateFault::Expired},
                {"NotYetValid", SimCertificateFault::NotYetValid}, {"WrongHost", SimCertificateFault::WrongHost},
                {"SelfSigned", SimCertificateFault::SelfSigned}, {"WeakKey", SimCertificateFault::WeakKey},
                {"Sha1Signature", SimCertificateFault::Sha1Signature}})
        && v.enumeration(object, "protocols", QStringLiteral("tls.protocols"), &tls->protocols,
            {{"Default", SimTlsProtocols::Default}, {"LegacyOnly", SimTlsProtocols::LegacyOnly},
                {"Tls12Only", SimTlsProtocols::Tls12Only}, {"Tls13Only", SimTlsProtocols::Tls13Only}})
        && v.enumeration(object, "clientCertificate", QStringLiteral("tls.clientCertificate"), &tls->clientCertificates,
            {{"None", SimClientCertificatePolicy::None}, {"Optional", SimClientCertificatePolicy::Optional},
                {"Required", SimClientCertificatePolicy::Required}})
        && v.string(object, "cipherString", QStringLiteral("tls.cipherString"), &tls->cipherString)
        && v.string(object, "certificateFile", QStringLiteral("tls.certificateFile"), &tls->certificateFile)
        && v.string(object, "keyFile", QStringLiteral("tls.keyFile"), &tls->keyFile)
        && v.integer(object, "dhParameterBits", QStringLiteral("tls.dhParameterBits"), &tls->dhParameterBits, 0, 1024)
        && (tls->dhParameterBits == 0 || tls->dhParameterBits == 1024
            || v.fail(QStringLiteral("tls.dhParameterBits"), QStringLiteral("must be 0 or 1024")));
}

bool readIndications(Validator &v, const QJsonObject &root, SimIndicationOptions *options)
{
    const QJsonValue value = root.value(QLatin1StringView("indications"));
    if (value.isUndefined())
        return true;
    if (!value.isObject())
        return v.fail(QStringLiteral("indications"), QStringLiteral("must be an object"));
    const QJsonObject object = value.toObject();
    const QJsonValue onCreate = object.value(QLatin1StringView("deliverOnCreate"));
    if (!onCreate.isUndefined() && !onCreate.isBool())
        return v.fail(QStringLiteral("indications.deliverOnCreate"), QStringLiteral("must be true or false"));
    options->deliverOnCreate = onCreate.toBool(true);
    const QJsonValue verify = object.value(QLatin1StringView("verifyListenerCertificate"));
    if (!verify.isUndefined() && !verify.isBool())
        return v.fail(QStringLiteral("indications.verifyListenerCertificate"), QStringLiteral("must be true or false"));
    options->verifyListenerCertificate = verify.toBool(false);
    using Egress = SimIndicationOptions::Egress;
    using Policy = SimIndicationOptions::FatalErrorPolicy;
    return v.onlyKeys(object, QStringLiteral("indications."),
               {"intervalMs", "egress", "deliveryDelayMs", "deliveryTimeoutMs", "deliveryRetryAttempts",
                   "deliveryRetryIntervalMs", "fatalErrorPolicy", "deliverOnCreate", "verifyListenerCertificate"})
        && v.integer(object, "intervalMs", QStringLiteral("indications.intervalMs"), &options->intervalMs, 0, 86400000)
        && v.enumeration(object, "egress", QStringLiteral("indications.egress"), &options->egress,
            {{"Open", Egress::Open}, {"Blocked", Egress::Blocked}, {"Unresolvable", Egress::Unresolvable}})
        && v.integer(object, "deliveryDelayMs", QStringLiteral("indications.deliveryDelayMs"),
            &options->deliveryDelayMs, 0, 3600000)
        && v.integer(object, "deliveryTimeoutMs", QStringLiteral("indications.deliveryTimeoutMs"),
            &options->deliveryTimeoutMs, 1, 3600000)
        && v.integer(object, "deliveryRetryAttempts", QStringLiteral("indications.deliveryRetryAttempts"),
            &options->deliveryRetryAttempts, 0, 100)
        && v.integer(object, "deliveryRetryIntervalMs", QStringLiteral("indications.deliveryRetryIntervalMs"),
            &options->deliveryRetryIntervalMs, 0, 3600000)
        && v.enumeration(object, "fatalErrorPolicy", QStringLiteral("indications.fatalErrorPolicy"),
            &options->fatalErrorPolicy,
            {{"FromSubscription", Policy::FromSubscription}, {"Ignore", Policy::Ignore}, {"Disable", Policy::Disable},
                {"Remove", Policy::Remove}});
}

bool readAccounts(Validator &v, const QJsonObject &root, SimAccountList *accounts)
{
    const QJsonValue value = root.value(QLatin1StringView("accounts"));
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return v.fail(QStringLiteral("accounts"), QStringLiteral("must be an array"));
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString field = QStringLiteral("accounts[%1]").arg(i);
        if (!array.at(i).isObject())
            return v.fail(field, QStringLiteral("must be an object"));
        const QJsonObject object = array.at(i).toObject();
        SimAccount account;
        if (!v.onlyKeys(object, field + QLatin1Char('.'), {"user", "password"})
            || !v.string(object, "user", field + QStringLiteral(".user"), &account.user, true)
            || !v.string(object, "password", field + QStringLiteral(".password"), &account.password))
            return false;
        // RFC 7617: the user-id of Basic authentication cannot contain a colon.
        if (account.user.contains(QLatin1Char(':')))
            return v.fail(field + QStringLiteral(".user"), QStringLiteral("must not contain ':' (RFC 7617)"));
        accounts->append(account);
    }
    return true;
}

bool readOperationFailures(Validator &v, const QJsonObject &root, QList<SimOperationFailure> *failures)
{
    const QJsonValue value = root.value(QLatin1StringView("operationFailures"));
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return v.fail(QStringLiteral("operationFailures"), QStringLiteral("must be an array"));
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString field = QStringLiteral("operationFailures[%1]").arg(i);
        if (!array.at(i).isObject())
            return v.fail(field, QStringLiteral("must be an object"));
        const QJsonObject object = array.at(i).toObject();
        QString operationName;
        QString description;
        QString className;
        int code = 0;
        if (!v.onlyKeys(object, field + QLatin1Char('.'), {"operation", "code", "description", "className"})
            || !v.string(object, "operation", field + QStringLiteral(".operation"), &operationName, true)
            || !v.integer(object, "code", field + QStringLiteral(".code"), &code, 1, 29)
            || !v.string(object, "description", field + QStringLiteral(".description"), &description)
            || !v.string(object, "className", field + QStringLiteral(".className"), &className))
            return false;
        if (object.contains(QLatin1StringView("className")) && className.trimmed().isEmpty())
            return v.fail(field + QStringLiteral(".className"), QStringLiteral("must not be empty"));
        if (!object.contains(QLatin1StringView("code")))
            return v.fail(field + QStringLiteral(".code"), QStringLiteral("missing"));
        const std::optional<CimOperation> operation = cimOperationFromName(operationName);
        if (!operation)
            return v.fail(field + QStringLiteral(".operation"),
                QStringLiteral("'%1' is not a DSP0200 operation").arg(operationName));
        failures->append({*operation, CimStatus(code, description), className.trimmed()});
    }
    return true;
}

/// The "slp" section: its presence turns the SLP responder on.
bool readSlp(Validator &v, const QJsonObject &root, SimSlpOptions *slp)
{
    const QJsonValue value = root.value(QLatin1StringView("slp"));
    if (value.isUndefined())
        return true;
    if (!value.isObject())
        return v.fail(QStringLiteral("slp"), QStringLiteral("must be an object"));
    const QJsonObject object = value.toObject();
    if (!v.onlyKeys(
            object, QStringLiteral("slp."), {"urls", "scopes", "attributes", "rawAttributes", "errorCode", "lifetime"}))
        return false;
    slp->enabled = true;
    auto stringList = [&v, &object](const char *key, QStringList *out) {
        const QJsonValue list = object.value(QLatin1StringView(key));
        if (list.isUndefined())
            return true;
        const QString field = QStringLiteral("slp.") + QLatin1StringView(key);
        if (!list.isArray() || list.toArray().isEmpty())
            return v.fail(field, QStringLiteral("must be a non-empty array of strings"));
        out->clear();
        for (const QJsonValue &item : list.toArray()) {
            if (!item.isString() || item.toString().isEmpty())
                return v.fail(field, QStringLiteral("must be a non-empty array of strings"));
            out->append(item.toString());
        }
        return true;
    };
    if (!stringList("urls", &slp->urls) || !stringList("scopes", &slp->scopes))
        return false;
    const QJsonValue attributes = object.value(QLatin1StringView("attributes"));
    if (!attributes.isUndefined()) {
        if (!attributes.isObject())
            return v.fail(QStringLiteral("slp.attributes"),
                QStringLiteral("must be an object of tag: string, array of strings or true (a keyword)"));
        const QJsonObject map = attributes.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            const QString field = QStringLiteral("slp.attributes.") + it.key();
            SlpAttribute attribute;
            attribute.tag = it.key();
            if (it->isString()) {
                attribute.values = {it->toString()};
            } else if (it->isBool() && it->toBool()) {
                attribute.keyword = true;
            } else if (it->isArray()) {
                for (const QJsonValue &item : it->toArray()) {
                    if (!item.isString())
                        return v.fail(field, QStringLiteral("array items must be strings"));
                    attribute.values.append(item.toString());
                }
            } else {
                return v.fail(field, QStringLiteral("must be a string, an array of strings or true"));
            }
            slp->attributes.append(attribute);
        }
    }
    int errorCode = 0;
    int lifetime = slp->lifetime;
    if (!v.string(object, "rawAttributes", QStringLiteral("slp.rawAttributes"), &slp->rawAttributes)
        || !v.integer(object, "errorCode", QStringLiteral("slp.errorCode"), &errorCode, 0, 15)
        || !v.integer(object, "lifetime", QStringLiteral("slp.lifetime"), &lifetime, 0, 65535))
        return false;
    slp->errorCode = quint16(errorCode);
    slp->lifetime = quint16(lifetime);
    return true;
}

} // namespace

std::optional<SimScenario> SimScenario::fromJson(QByteArrayView json, const QString &source, QString *error)
{
    Validator v(source);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        v.fail(QString(),
            QStringLiteral("not valid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    } else if (!document.isObject()) {
        v.fail(QString(), QStringLiteral("the top level must be an object"));
    }
    SimScenario scenario;
    if (v.ok()) {
        const QJsonObject root = document.object();
        if (v.onlyKeys(root, QString(),
                {"name", "description", "failureModes", "model", "faults", "slowResponseMs", "cimErrorStatus",
                    "cimErrorValue", "tls", "accounts", "realm", "operationFailures", "pullSupported", "serverName",
                    "indications", "slp"})
            && v.string(root, "name", QStringLiteral("name"), &scenario.name, true)
            && v.string(root, "description", QStringLiteral("description"), &scenario.description, true)
            && v.string(root, "realm", QStringLiteral("realm"), &scenario.realm)) {
            if (root.contains(QLatin1StringView("serverName"))) {
                QString serverName;
                // An HTTP header value: no line breaks, nothing outside printable ASCII.
                static const QRegularExpression headerValue(QStringLiteral("^[\\x20-\\x7e]*$"));
                if (v.string(root, "serverName", QStringLiteral("serverName"), &serverName)) {
                    if (!headerValue.match(serverName).hasMatch())
                        v.fail(QStringLiteral("serverName"), QStringLiteral("must be printable ASCII"));
                    scenario.serverName = serverName;
                }
            }
            static const QRegularExpression namePattern(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
            static const QRegularExpression modePattern(QStringLiteral("^[A-F][0-9]{1,2}$"));
            if (!namePattern.match(scenario.name).hasMatch())
                v.fail(QStringLiteral("name"), QStringLiteral("must be lower-case letters, digits and '-'"));
            if (scenario.description.contains(QLatin1Char('\n')))
                v.fail(QStringLiteral("description"), QStringLiteral("must be one line"));
            const QJsonValue modes = root.value(QLatin1StringView("failureModes"));
            if (!modes.isUndefined() && !modes.isArray())
                v.fail(QStringLiteral("failureModes"), QStringLiteral("must be an array of catalogue ids"));
            const QJsonArray modeArray = modes.toArray();
            for (qsizetype i = 0; v.ok() && i < modeArray.size(); ++i) {
                const QString mode = modeArray.at(i).toString();
                if (!modePattern.match(mode).hasMatch())
                    v.fail(QStringLiteral("failureModes[%1]").arg(i),
                        QStringLiteral("'%1' is not a failure-mode id like C9")
                            .arg(modeArray.at(i).toVariant().toString()));
                scenario.failureModes.append(mode);
            }
            const QJsonValue pull = root.value(QLatin1StringView("pullSupported"));
            if (!pull.isUndefined() && !pull.isBool())
                v.fail(QStringLiteral("pullSupported"), QStringLiteral("must be true or false"));
            scenario.pullSupported = pull.toBool(true);
            if (v.ok()) {
                readModel(v, root, &scenario.model) && readFaults(v, root, &scenario.faultPlan)
                    && readTls(v, root, &scenario.tls) && readAccounts(v, root, &scenario.accounts)
                    && readOperationFailures(v, root, &scenario.operationFailures)
                    && readIndications(v, root, &scenario.indications) && readSlp(v, root, &scenario.slp);
            }
        }
    }
    if (!v.ok()) {
        if (error)
            *error = v.error();
        return std::nullopt;
    }
    return scenario;
}

std::optional<SimScenario> SimScenario::fromFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = path + QStringLiteral(": ") + file.errorString();
        return std::nullopt;
    }
    std::optional<SimScenario> scenario = fromJson(file.readAll(), path, error);
    // A file's name must match its scenario name so --scenario NAME finds what --list-scenarios shows.
    if (scenario && QFileInfo(path).completeBaseName() != scenario->name) {
        if (error)
            *error = path + QStringLiteral(": field 'name': '%1' does not match the file name").arg(scenario->name);
        return std::nullopt;
    }
    return scenario;
}

QStringList SimScenario::builtInNames()
{
    QStringList names;
    const QStringList files
        = QDir(QStringLiteral(":/scenarios")).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        names.append(QFileInfo(file).completeBaseName());
    return names;
}

QString SimScenario::builtInPath(const QString &name)
{
    return QStringLiteral(":/scenarios/") + name + QStringLiteral(".json");
}

std::optional<SimScenario> SimScenario::load(const QString &nameOrPath, QString *error)
{
    if (nameOrPath.contains(QLatin1Char('/')) || nameOrPath.endsWith(QStringLiteral(".json")))
        return fromFile(nameOrPath, error);
    if (!builtInNames().contains(nameOrPath)) {
        if (error)
            *error = QStringLiteral("no scenario called '%1' (known: %2)")
                         .arg(nameOrPath, builtInNames().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    return fromFile(builtInPath(nameOrPath), error);
}

bool SimScenario::needsSecurityLevel0() const
{
    const SimCertificateFault fault = tls.certificate.fault;
    return fault == SimCertificateFault::WeakKey || fault == SimCertificateFault::Sha1Signature
        || tls.protocols == SimTlsProtocols::LegacyOnly || tls.dhParameterBits != 0;
}

} // namespace cimdiag
