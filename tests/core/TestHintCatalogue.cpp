// SPDX-License-Identifier: GPL-3.0-or-later
// The embedded hint catalogue has every failure-mode id of shared/reference/failure-modes.md, in
// order, with non-empty texts; broken catalogue files are refused with the entry and the field.
#include "core/diagnostics/HintCatalogue.h"

#include <QRegularExpression>
#include <QTest>

using namespace cimdiag;

namespace {

/// The ids of shared/reference/failure-modes.md (outside the repository, so listed here), plus the
/// rows cimdiag adds (D20: credentials sent without encryption; E12: a reply that is not valid
/// CIM-XML). When a row is added, add it here and to resources/hints/hints.json.
QStringList expectedIds()
{
    QStringList ids;
    for (const auto &[section, count] : {std::pair {'A', 10}, std::pair {'B', 8}, std::pair {'C', 14},
             std::pair {'D', 20}, std::pair {'E', 12}, std::pair {'F', 11}}) {
        for (int i = 1; i <= count; ++i)
            ids.append(QLatin1Char(section) + QString::number(i));
    }
    return ids;
}

} // namespace

class TestHintCatalogue final : public QObject
{
    Q_OBJECT

private slots:
    void everyIdInOrder();
    void textsArePlainAndShort();
    void knownTexts();
    void unknownId();
    void fromJsonValid();
    void fromJsonErrors_data();
    void fromJsonErrors();
};

void TestHintCatalogue::everyIdInOrder()
{
    const HintCatalogue &catalogue = HintCatalogue::instance();
    QCOMPARE(expectedIds().size(), 75);
    QCOMPARE(catalogue.ids(), expectedIds());
    // instance() is loaded once: the same object every time.
    QCOMPARE(&HintCatalogue::instance(), &catalogue);
}

void TestHintCatalogue::textsArePlainAndShort()
{
    const HintCatalogue &catalogue = HintCatalogue::instance();
    static const QRegularExpression markdown(QStringLiteral("`|\\*\\*|^#|\\]\\("));
    for (const QString &id : catalogue.ids()) {
        const std::optional<Hint> hint = catalogue.hint(id);
        QVERIFY2(hint.has_value(), qPrintable(id));
        QCOMPARE(hint->id, id);
        QCOMPARE(hint->section, id.left(1));
        for (const QString &text : {hint->title, hint->cause, hint->remedy}) {
            QVERIFY2(!text.trimmed().isEmpty(), qPrintable(id));
            QVERIFY2(text.size() <= 400, qPrintable(id + QStringLiteral(": ") + text));
            QVERIFY2(!text.contains(QLatin1Char('\n')), qPrintable(id));
            QVERIFY2(!markdown.match(text).hasMatch(), qPrintable(id + QStringLiteral(": ") + text));
        }
    }
}

void TestHintCatalogue::knownTexts()
{
    // Spot checks that the remedies carry the concrete settings and commands of the catalogue.
    const HintCatalogue &catalogue = HintCatalogue::instance();
    QVERIFY(catalogue.hint(QStringLiteral("A2"))->remedy.contains(QStringLiteral("cimconfig -s slp=true -p")));
    QVERIFY(catalogue.hint(QStringLiteral("A10"))->cause.contains(QStringLiteral("CVE-2021-21974")));
    QVERIFY(catalogue.hint(QStringLiteral("B3"))
                ->remedy.contains(QStringLiteral("esxcli network firewall ruleset set -r CIMHttpsServer -e true")));
    // Without --permanent, firewalld forgets the rule at the next reload or reboot.
    QVERIFY(catalogue.hint(QStringLiteral("B3"))
                ->remedy.contains(QStringLiteral("firewall-cmd --permanent --add-service=wbem-https")));
    QVERIFY(catalogue.hint(QStringLiteral("B3"))->remedy.contains(QStringLiteral("firewall-cmd --reload")));
    // Debian's default SECLEVEL 2 refuses every RSA key under 2048 bits, not only 1024-bit ones.
    QVERIFY(catalogue.hint(QStringLiteral("C5"))->cause.contains(QStringLiteral("2048")));
    QVERIFY(!catalogue.hint(QStringLiteral("C5"))->cause.contains(QStringLiteral("1024 bits or less")));
    // C9 also covers the TLS stage's "expires within 30 days" warning.
    QVERIFY(catalogue.hint(QStringLiteral("C9"))->title.contains(QStringLiteral("about to expire")));
    QVERIFY(catalogue.hint(QStringLiteral("C9"))->cause.contains(QStringLiteral("30 days")));
    // Nothing in cimdiag retries another encoding: D7 must not promise it.
    QVERIFY(!catalogue.hint(QStringLiteral("D7"))->remedy.contains(QStringLiteral("retry")));
    QVERIFY(catalogue.hint(QStringLiteral("D7"))->remedy.contains(QStringLiteral("ASCII")));
    QVERIFY(catalogue.hint(QStringLiteral("D20"))->title.contains(QStringLiteral("without encryption")));
    QVERIFY(catalogue.hint(QStringLiteral("D20"))->remedy.contains(QStringLiteral("enableHttpConnection=false")));
    QVERIFY(catalogue.hint(QStringLiteral("D20"))->remedy.contains(QStringLiteral("CIMHttpServer")));
    QVERIFY(
        catalogue.hint(QStringLiteral("B5"))->remedy.contains(QStringLiteral("/etc/init.d/sfcbd-watchdog restart")));
    QVERIFY(catalogue.hint(QStringLiteral("D2"))->remedy.contains(QStringLiteral("Host.CIM.CIMInteraction")));
    QVERIFY(catalogue.hint(QStringLiteral("D4"))->remedy.contains(QStringLiteral("enableRemotePrivilegedUserAccess")));
    QCOMPARE(catalogue.hint(QStringLiteral("C7"))->section, QStringLiteral("C"));
}

void TestHintCatalogue::unknownId()
{
    const HintCatalogue &catalogue = HintCatalogue::instance();
    QVERIFY(!catalogue.hint(QStringLiteral("G1")).has_value());
    QVERIFY(!catalogue.hint(QStringLiteral("A11")).has_value());
    QVERIFY(!catalogue.contains(QStringLiteral("a1")));
    QVERIFY(catalogue.contains(QStringLiteral("F11")));
}

void TestHintCatalogue::fromJsonValid()
{
    QString error = QStringLiteral("stale");
    const HintCatalogue catalogue = HintCatalogue::fromJson(
        R"({"hints": [{"id": "B2", "title": "t2", "cause": "c2", "remedy": "r2"},
                      {"id": "A1", "title": "t1", "cause": "c1", "remedy": "r1"}]})",
        &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(catalogue.ids(), (QStringList {QStringLiteral("B2"), QStringLiteral("A1")})); // file order
    const std::optional<Hint> hint = catalogue.hint(QStringLiteral("B2"));
    QVERIFY(hint.has_value());
    QCOMPARE(hint->section, QStringLiteral("B"));
    QCOMPARE(hint->title, QStringLiteral("t2"));
    QCOMPARE(hint->cause, QStringLiteral("c2"));
    QCOMPARE(hint->remedy, QStringLiteral("r2"));
}

void TestHintCatalogue::fromJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("not json") << QByteArray("{\"hints\": [") << QStringLiteral("not valid JSON");
    QTest::newRow("no hints array") << QByteArray(R"({"hint": []})") << QStringLiteral("\"hints\" array");
    QTest::newRow("entry not object") << QByteArray(R"({"hints": [1]})")
                                      << QStringLiteral("hints[0]: must be an object");
    QTest::newRow("missing field") << QByteArray(R"({"hints": [{"id": "A1", "title": "t", "cause": "c", "remedy": "r"},
                                    {"id": "A2", "title": "t", "cause": "c"}]})")
                                   << QStringLiteral("hints[1] (A2): field 'remedy' is missing");
    QTest::newRow("empty field") << QByteArray(
        R"({"hints": [{"id": "A1", "title": " ", "cause": "c", "remedy": "r"}]})")
                                 << QStringLiteral("hints[0] (A1): field 'title' must be a non-empty string");
    QTest::newRow("missing id") << QByteArray(R"({"hints": [{"title": "t", "cause": "c", "remedy": "r"}]})")
                                << QStringLiteral("hints[0]: field 'id' is missing");
    QTest::newRow("bad id") << QByteArray(R"({"hints": [{"id": "Z9", "title": "t", "cause": "c", "remedy": "r"}]})")
                            << QStringLiteral("hints[0] (Z9): field 'id': 'Z9' is not a failure-mode id");
    QTest::newRow("three digits") << QByteArray(
        R"({"hints": [{"id": "A100", "title": "t", "cause": "c", "remedy": "r"}]})")
                                  << QStringLiteral("'A100' is not a failure-mode id");
    QTest::newRow("duplicate") << QByteArray(R"({"hints": [{"id": "C7", "title": "t", "cause": "c", "remedy": "r"},
                                    {"id": "C7", "title": "u", "cause": "d", "remedy": "s"}]})")
                               << QStringLiteral("hints[1] (C7): field 'id': duplicate id 'C7'");
    QTest::newRow("unknown field") << QByteArray(
        R"({"hints": [{"id": "A1", "title": "t", "cause": "c", "remedy": "r", "remmedy": "x"}]})")
                                   << QStringLiteral("hints[0]: unknown field 'remmedy'");
}

void TestHintCatalogue::fromJsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QString error;
    const HintCatalogue catalogue = HintCatalogue::fromJson(json, &error);
    QVERIFY(catalogue.ids().isEmpty());
    QVERIFY2(error.startsWith(QStringLiteral("hints.json: ")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestHintCatalogue)
#include "TestHintCatalogue.moc"
