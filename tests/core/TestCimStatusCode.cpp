// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimStatus.h"
#include "core/cim/CimStatusCode.h"

#include <QSet>
#include <QTest>

using namespace cimdiag;

class TestCimStatusCode : public QObject
{
    Q_OBJECT

private slots:
    void knownCodes_data();
    void knownCodes();
    void descriptionsAreDistinct();
    void unknownCodes_data();
    void unknownCodes();
    void status_data();
    void status();
    void statusEquality();
};

void TestCimStatusCode::knownCodes_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<CimStatusCode>("enumerator");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("descriptionFragment");

    const auto row = [](int code, CimStatusCode e, const char *name, const char *fragment) {
        QTest::newRow(name) << code << e << QString::fromLatin1(name) << QString::fromLatin1(fragment);
    };
    row(0, CimStatusCode::Ok, "CIM_ERR_OK", "completed successfully");
    row(1, CimStatusCode::Failed, "CIM_ERR_FAILED", "general error");
    row(2, CimStatusCode::AccessDenied, "CIM_ERR_ACCESS_DENIED", "not available to the client");
    row(3, CimStatusCode::InvalidNamespace, "CIM_ERR_INVALID_NAMESPACE", "namespace does not exist");
    row(4, CimStatusCode::InvalidParameter, "CIM_ERR_INVALID_PARAMETER", "parameter values");
    row(5, CimStatusCode::InvalidClass, "CIM_ERR_INVALID_CLASS", "class does not exist");
    row(6, CimStatusCode::NotFound, "CIM_ERR_NOT_FOUND", "cannot be found");
    row(7, CimStatusCode::NotSupported, "CIM_ERR_NOT_SUPPORTED", "operation is not supported");
    row(8, CimStatusCode::ClassHasChildren, "CIM_ERR_CLASS_HAS_CHILDREN", "subclasses");
    row(9, CimStatusCode::ClassHasInstances, "CIM_ERR_CLASS_HAS_INSTANCES", "instances of this class exist");
    row(10, CimStatusCode::InvalidSuperclass, "CIM_ERR_INVALID_SUPERCLASS", "superclass does not exist");
    row(11, CimStatusCode::AlreadyExists, "CIM_ERR_ALREADY_EXISTS", "already exists");
    row(12, CimStatusCode::NoSuchProperty, "CIM_ERR_NO_SUCH_PROPERTY", "property does not exist");
    row(13, CimStatusCode::TypeMismatch, "CIM_ERR_TYPE_MISMATCH", "not compatible with the type");
    row(14, CimStatusCode::QueryLanguageNotSupported, "CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED", "query language");
    row(15, CimStatusCode::InvalidQuery, "CIM_ERR_INVALID_QUERY", "query is not valid");
    row(16, CimStatusCode::MethodNotAvailable, "CIM_ERR_METHOD_NOT_AVAILABLE", "cannot be invoked");
    row(17, CimStatusCode::MethodNotFound, "CIM_ERR_METHOD_NOT_FOUND", "method does not exist");
    row(18, CimStatusCode::UnexpectedResponse, "CIM_ERR_UNEXPECTED_RESPONSE", "not expected");
    row(19, CimStatusCode::InvalidResponseDestination, "CIM_ERR_INVALID_RESPONSE_DESTINATION", "destination");
    row(20, CimStatusCode::NamespaceNotEmpty, "CIM_ERR_NAMESPACE_NOT_EMPTY", "namespace is not empty");
    row(21, CimStatusCode::InvalidEnumerationContext, "CIM_ERR_INVALID_ENUMERATION_CONTEXT", "enumeration");
    row(22, CimStatusCode::InvalidOperationTimeout, "CIM_ERR_INVALID_OPERATION_TIMEOUT", "operation timeout");
    row(23, CimStatusCode::PullHasBeenAbandoned, "CIM_ERR_PULL_HAS_BEEN_ABANDONED", "CloseEnumeration");
    row(24, CimStatusCode::PullCannotBeAbandoned, "CIM_ERR_PULL_CANNOT_BE_ABANDONED", "abandon");
    row(25, CimStatusCode::FilteredEnumerationNotSupported, "CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED",
        "filter query");
    row(26, CimStatusCode::ContinuationOnErrorNotSupported, "CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED",
        "continuation on error");
    row(27, CimStatusCode::ServerLimitsExceeded, "CIM_ERR_SERVER_LIMITS_EXCEEDED", "server limits");
    row(28, CimStatusCode::ServerIsShuttingDown, "CIM_ERR_SERVER_IS_SHUTTING_DOWN", "shutting down");
    row(29, CimStatusCode::QueryFeatureNotSupported, "CIM_ERR_QUERY_FEATURE_NOT_SUPPORTED", "query");
}

void TestCimStatusCode::knownCodes()
{
    QFETCH(int, code);
    QFETCH(CimStatusCode, enumerator);
    QFETCH(QString, name);
    QFETCH(QString, descriptionFragment);

    QCOMPARE(static_cast<int>(enumerator), code);
    QVERIFY(isKnownCimStatus(code));
    QCOMPARE(cimStatusName(code), name);
    const QString description = cimStatusDescription(code);
    QVERIFY(!description.isEmpty());
    QVERIFY2(description.contains(descriptionFragment), qPrintable(description));
    QVERIFY(description.endsWith(u'.'));
    QCOMPARE(CimStatus(code, QString()).statusCode(), enumerator);
    QCOMPARE(CimStatus(code, QString()).codeName(), name);
}

void TestCimStatusCode::descriptionsAreDistinct()
{
    QSet<QString> names;
    QSet<QString> descriptions;
    for (int code = 0; code <= 29; ++code) {
        names.insert(cimStatusName(code));
        descriptions.insert(cimStatusDescription(code));
    }
    QCOMPARE(names.size(), 30);
    QCOMPARE(descriptions.size(), 30);
}

void TestCimStatusCode::unknownCodes_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("name");

    QTest::newRow("-1") << -1 << QStringLiteral("CIM_ERR_UNKNOWN(-1)");
    QTest::newRow("30") << 30 << QStringLiteral("CIM_ERR_UNKNOWN(30)");
    QTest::newRow("42") << 42 << QStringLiteral("CIM_ERR_UNKNOWN(42)");
    QTest::newRow("1000") << 1000 << QStringLiteral("CIM_ERR_UNKNOWN(1000)");
}

void TestCimStatusCode::unknownCodes()
{
    QFETCH(int, code);
    QFETCH(QString, name);

    QVERIFY(!isKnownCimStatus(code));
    QCOMPARE(cimStatusName(code), name);
    QVERIFY(cimStatusDescription(code).contains(QString::number(code)));
}

void TestCimStatusCode::status_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("text");

    QTest::newRow("server description") << 6 << QStringLiteral("Instance ACME_Disk.Id=3 not found")
                                        << QStringLiteral("CIM_ERR_NOT_FOUND (6): Instance ACME_Disk.Id=3 not found");
    QTest::newRow("empty description") << 6 << QString()
                                       << QStringLiteral(
                                              "CIM_ERR_NOT_FOUND (6): The requested object cannot be found.");
    QTest::newRow("percent signs stay") << 1 << QStringLiteral("disk at 100%1 %2")
                                        << QStringLiteral("CIM_ERR_FAILED (1): disk at 100%1 %2");
    QTest::newRow("unknown code") << 77 << QStringLiteral("vendor")
                                  << QStringLiteral("CIM_ERR_UNKNOWN(77) (77): vendor");
    QTest::newRow("success") << 0 << QString()
                             << QStringLiteral("CIM_ERR_OK (0): The operation completed successfully.");
}

void TestCimStatusCode::status()
{
    QFETCH(int, code);
    QFETCH(QString, description);
    QFETCH(QString, text);

    const CimStatus status(code, description);
    QCOMPARE(status.toString(), text);
    QCOMPARE(status.code(), code);
    QCOMPARE(status.description(), description);
    QCOMPARE(status.isOk(), code == 0);
}

void TestCimStatusCode::statusEquality()
{
    QVERIFY(CimStatus().isOk());
    QCOMPARE(CimStatus().code(), 0);
    QVERIFY(CimStatus().errorInstances().isEmpty());
    CimInstance error(QStringLiteral("CIM_Error"));
    error.setProperty(CimProperty(QStringLiteral("CIMStatusCode"), CimValue::uint32(6)));
    const CimStatus withError(6, QStringLiteral("x"), {error});
    QCOMPARE(withError.errorInstances().size(), 1);
    QVERIFY(withError == CimStatus(6, QStringLiteral("x"), {error}));
    QVERIFY(!(withError == CimStatus(6, QStringLiteral("x"))));
    QVERIFY(!(withError == CimStatus(7, QStringLiteral("x"), {error})));
}

QTEST_GUILESS_MAIN(TestCimStatusCode)
#include "TestCimStatusCode.moc"
