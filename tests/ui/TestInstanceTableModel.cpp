// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "tests/ui/AccessibilityCheck.h"
#include "ui/widgets/InstanceTableModel.h"
#include "ui/widgets/InstanceTableView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QFont>
#include <QHeaderView>
#include <QSignalSpy>
#include <QTest>

using namespace cimdiag;

namespace {
CimValue strings(const QStringList &items)
{
    QList<CimValue> elements;
    for (const QString &item : items)
        elements << CimValue::string(item);
    return *CimValue::array(CimType::String, elements);
}

CimValue uint16s(const QList<quint16> &items, bool withNull = false)
{
    QList<CimValue> elements;
    for (quint16 item : items)
        elements << CimValue::uint16(item);
    if (withNull)
        elements << CimValue::null(CimType::UInt16);
    return *CimValue::array(CimType::UInt16, elements);
}

CimProperty declared(const QString &name, CimType type, bool isArray, const QList<CimQualifier> &qualifiers)
{
    CimProperty property(name, CimValue::null(type, isArray));
    for (const CimQualifier &q : qualifiers)
        property.qualifiers().insert(q);
    return property;
}

CimQualifier key()
{
    return CimQualifier(QStringLiteral("Key"), CimValue::boolean(true));
}

/// A class as CIM_ManagedSystemElement declares its status properties (CIM schema 2.x): HealthState
/// with ranges, OperationalStatus as an array, both with ValueMap/Values.
CimClass testClass()
{
    CimClass cls(QStringLiteral("Test_Element"));
    cls.properties().insert(declared(QStringLiteral("CreationClassName"), CimType::String, false, {key()}));
    cls.properties().insert(declared(QStringLiteral("Name"), CimType::String, false, {key()}));
    cls.properties().insert(declared(QStringLiteral("Caption"), CimType::String, false, {}));
    cls.properties().insert(declared(QStringLiteral("HealthState"), CimType::UInt16, false,
        {CimQualifier(QStringLiteral("ValueMap"),
             strings({QStringLiteral("0"), QStringLiteral("5"), QStringLiteral("10..15"), QStringLiteral("..")})),
            CimQualifier(QStringLiteral("Values"),
                strings({QStringLiteral("Unknown"), QStringLiteral("OK"), QStringLiteral("Degraded/Warning"),
                    QStringLiteral("DMTF Reserved")}))}));
    cls.properties().insert(declared(QStringLiteral("OperationalStatus"), CimType::UInt16, true,
        {CimQualifier(
             QStringLiteral("ValueMap"), strings({QStringLiteral("0"), QStringLiteral("2"), QStringLiteral("3")})),
            CimQualifier(QStringLiteral("Values"),
                strings({QStringLiteral("Unknown"), QStringLiteral("OK"), QStringLiteral("Degraded")}))}));
    // Values without ValueMap: 0, 1, 2... in order.
    cls.properties().insert(declared(QStringLiteral("EnabledDefault"), CimType::UInt8, false,
        {CimQualifier(QStringLiteral("Values"), strings({QStringLiteral("Off"), QStringLiteral("On")}))}));
    cls.properties().insert(declared(QStringLiteral("Count"), CimType::UInt32, false, {}));
    return cls;
}

/// Properties deliberately not in key-first order, and differently ordered per instance.
QList<CimInstance> testInstances()
{
    CimInstance first(QStringLiteral("Test_Element"));
    first.setProperty(CimProperty(QStringLiteral("Caption"), CimValue::string(QStringLiteral("first \"one\""))));
    first.setProperty(CimProperty(QStringLiteral("HealthState"), CimValue::uint16(5)));
    first.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(QStringLiteral("disk0"))));
    first.setProperty(CimProperty(QStringLiteral("OperationalStatus"), uint16s({2, 3})));
    first.setProperty(
        CimProperty(QStringLiteral("CreationClassName"), CimValue::string(QStringLiteral("Test_Element"))));
    first.setProperty(CimProperty(QStringLiteral("EnabledDefault"), CimValue::uint8(1)));
    first.setProperty(CimProperty(QStringLiteral("Count"), CimValue::uint32(10)));

    CimInstance second(QStringLiteral("Test_Element"));
    // Another spelling of a known name is the same column (DSP0004 5.1: names are case-insensitive).
    second.setProperty(CimProperty(QStringLiteral("NAME"), CimValue::string(QStringLiteral("disk1"))));
    second.setProperty(CimProperty(QStringLiteral("HealthState"), CimValue::uint16(12)));
    second.setProperty(CimProperty(QStringLiteral("OperationalStatus"), uint16s({0, 7}, true)));
    second.setProperty(CimProperty(QStringLiteral("Caption"), CimValue::null(CimType::String)));
    second.setProperty(CimProperty(QStringLiteral("Count"), CimValue::uint32(9)));
    // Not in the class (a subclass property): no mapping, its own column at the end.
    second.setProperty(
        CimProperty(QStringLiteral("VendorTags"), strings({QStringLiteral("a"), QStringLiteral("b, c")})));

    CimInstance third(QStringLiteral("Test_Element"));
    third.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(QStringLiteral("disk2"))));
    third.setProperty(CimProperty(QStringLiteral("HealthState"), CimValue::uint16(30))); // claimed by ".."
    third.setProperty(CimProperty(QStringLiteral("Count"), CimValue::uint32(100)));
    return {first, second, third};
}

/// count instances of Test_Element with Name "prefix<i>" and Count i, in that order.
QList<CimInstance> numberedInstances(int count, const QString &prefix)
{
    QList<CimInstance> instances;
    instances.reserve(count);
    for (int i = 0; i < count; ++i) {
        CimInstance instance(QStringLiteral("Test_Element"));
        instance.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(prefix + QString::number(i))));
        instance.setProperty(CimProperty(QStringLiteral("Count"), CimValue::uint32(quint32(i))));
        instances << instance;
    }
    return instances;
}
} // namespace

class TestInstanceTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnsKeysFirst();
    void keysFromPathsWithoutClass();
    void display_data();
    void display();
    void tooltipShowsRawValueAndType();
    void missingPropertyAndNull();
    void sortRoleIsNumeric();
    void modelTester();
    void viewSortsCopiesAndIsNamed();
    void slicedLoadKeepsOrder();
    void secondSetInstancesCancelsSlicedLoad();
    void columnsMetInLaterSlices();
    void viewSizesColumnsInSlices();

private:
    static int column(const InstanceTableModel &model, const QString &name);
};

int TestInstanceTableModel::column(const InstanceTableModel &model, const QString &name)
{
    for (int c = 0; c < model.columnCount(); ++c) {
        if (model.propertyName(c) == name)
            return c;
    }
    return -1;
}

void TestInstanceTableModel::columnsKeysFirst()
{
    InstanceTableModel model;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setInstances(testInstances(), testClass());
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    QStringList names;
    for (int c = 0; c < model.columnCount(); ++c)
        names << model.headerData(c, Qt::Horizontal).toString();
    // Keys in first-seen order (Name before CreationClassName in the first instance), then the rest
    // in first-seen order; "NAME" of the second instance joined "Name".
    QCOMPARE(names,
        (QStringList {QStringLiteral("Name"), QStringLiteral("CreationClassName"), QStringLiteral("Caption"),
            QStringLiteral("HealthState"), QStringLiteral("OperationalStatus"), QStringLiteral("EnabledDefault"),
            QStringLiteral("Count"), QStringLiteral("VendorTags")}));
    QVERIFY(model.isKeyColumn(0));
    QVERIFY(model.isKeyColumn(1));
    QVERIFY(!model.isKeyColumn(2));
    QVERIFY(model.headerData(0, Qt::Horizontal, Qt::FontRole).value<QFont>().bold());
    QVERIFY(model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString().contains(QLatin1String("Key property")));
    QCOMPARE(model.data(model.index(1, 0)).toString(), QStringLiteral("disk1"));
}

void TestInstanceTableModel::keysFromPathsWithoutClass()
{
    // Without the class (GetClass failed or was not allowed), the instance paths tell the keys,
    // including a key that only the path carries.
    CimInstance instance(QStringLiteral("Test_Element"));
    instance.setProperty(CimProperty(QStringLiteral("Caption"), CimValue::string(QStringLiteral("c"))));
    instance.setProperty(CimProperty(QStringLiteral("Name"), CimValue::string(QStringLiteral("n"))));
    CimInstanceName path(QStringLiteral("Test_Element"));
    path.setKeyBinding(QStringLiteral("Name"), CimValue::string(QStringLiteral("n")));
    path.setKeyBinding(QStringLiteral("SystemName"), CimValue::string(QStringLiteral("host")));
    instance.setPath(path);

    InstanceTableModel model;
    model.setInstances({instance}, CimClass());
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.propertyName(0), QStringLiteral("Name"));
    QCOMPARE(model.propertyName(1), QStringLiteral("SystemName"));
    QCOMPARE(model.propertyName(2), QStringLiteral("Caption"));
    QVERIFY(model.isKeyColumn(0) && model.isKeyColumn(1) && !model.isKeyColumn(2));
    QCOMPARE(model.data(model.index(0, 1)).toString(), QStringLiteral("host"));
}

void TestInstanceTableModel::display_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("property");
    QTest::addColumn<QString>("display");

    QTest::newRow("single ValueMap entry") << 0 << "HealthState"
                                           << "5 (OK)";
    QTest::newRow("ValueMap range") << 1 << "HealthState"
                                    << "12 (Degraded/Warning)";
    QTest::newRow("unclaimed ..") << 2 << "HealthState"
                                  << "30 (DMTF Reserved)";
    QTest::newRow("array mapped") << 0 << "OperationalStatus"
                                  << "{2 (OK), 3 (Degraded)}";
    QTest::newRow("array unmapped element and NULL") << 1 << "OperationalStatus"
                                                     << "{0 (Unknown), 7, NULL}";
    QTest::newRow("Values without ValueMap") << 0 << "EnabledDefault"
                                             << "1 (On)";
    QTest::newRow("plain integer") << 0 << "Count"
                                   << "10";
    QTest::newRow("string unquoted") << 0 << "Caption"
                                     << "first \"one\"";
    QTest::newRow("NULL string") << 1 << "Caption"
                                 << "NULL";
    QTest::newRow("string array quoted") << 1 << "VendorTags"
                                         << "{\"a\", \"b, c\"}";
}

void TestInstanceTableModel::display()
{
    QFETCH(int, row);
    QFETCH(QString, property);
    QFETCH(QString, display);
    InstanceTableModel model;
    model.setInstances(testInstances(), testClass());
    const int c = column(model, property);
    QVERIFY(c >= 0);
    QCOMPARE(model.data(model.index(row, c)).toString(), display);
}

void TestInstanceTableModel::tooltipShowsRawValueAndType()
{
    InstanceTableModel model;
    model.setInstances(testInstances(), testClass());
    const QModelIndex health = model.index(0, column(model, QStringLiteral("HealthState")));
    QCOMPARE(health.data(Qt::ToolTipRole).toString(), QStringLiteral("Raw value: 5\nType: uint16"));
    QCOMPARE(health.data(InstanceTableModel::RawValueRole).toString(), QStringLiteral("5"));
    const QModelIndex status = model.index(0, column(model, QStringLiteral("OperationalStatus")));
    QCOMPARE(status.data(Qt::ToolTipRole).toString(), QStringLiteral("Raw value: {2, 3}\nType: uint16[]"));
    const QModelIndex caption = model.index(0, column(model, QStringLiteral("Caption")));
    QCOMPARE(caption.data(InstanceTableModel::RawValueRole).toString(), QStringLiteral("\"first \\\"one\\\"\""));
    QVERIFY(caption.data(Qt::ToolTipRole).toString().endsWith(QLatin1String("Type: string")));
    // The header says which columns are mapped.
    QVERIFY(model.headerData(health.column(), Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("ValueMap")));
}

void TestInstanceTableModel::missingPropertyAndNull()
{
    InstanceTableModel model;
    model.setInstances(testInstances(), testClass());
    // The third instance has no Caption at all: empty, and the tooltip says so.
    const QModelIndex missing = model.index(2, column(model, QStringLiteral("Caption")));
    QCOMPARE(missing.data().toString(), QString());
    QVERIFY(missing.data(Qt::ToolTipRole).toString().contains(QLatin1String("no property Caption")));
    QVERIFY(!missing.data(InstanceTableModel::RawValueRole).isValid());
    // The second has Caption = NULL: shown as NULL in italics.
    const QModelIndex null = model.index(1, column(model, QStringLiteral("Caption")));
    QCOMPARE(null.data(InstanceTableModel::RawValueRole).toString(), QStringLiteral("NULL"));
    QVERIFY(null.data(Qt::FontRole).value<QFont>().italic());
}

void TestInstanceTableModel::sortRoleIsNumeric()
{
    InstanceTableModel model;
    model.setInstances(testInstances(), testClass());
    const int count = column(model, QStringLiteral("Count"));
    // Numbers, not text, so a sort puts 9 before 10 before 100 ("10" < "100" < "9" as text).
    for (int row = 0; row < 3; ++row) {
        const QVariant v = model.index(row, count).data(InstanceTableModel::SortRole);
        QCOMPARE(v.metaType(), QMetaType::fromType<quint64>());
    }
    QCOMPARE(model.index(1, count).data(InstanceTableModel::SortRole).toULongLong(), 9ULL);
    // Non-numbers sort by their text.
    const int name = column(model, QStringLiteral("Name"));
    QCOMPARE(model.index(0, name).data(InstanceTableModel::SortRole).toString(), QStringLiteral("disk0"));
}

void TestInstanceTableModel::modelTester()
{
    InstanceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setInstances(testInstances(), testClass());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 0);
    model.setInstances(testInstances(), CimClass());
}

void TestInstanceTableModel::viewSortsCopiesAndIsNamed()
{
    InstanceTableView view;
    view.setInstances(testInstances(), testClass());
    QVERIFY(AccessibilityCheck::unnamedInteractiveWidgets(&view).isEmpty());
    QCOMPARE(view.objectName(), QStringLiteral("instanceTable"));

    // Sorting by Count sorts numerically.
    const int count = column(*view.instanceModel(), QStringLiteral("Count"));
    view.sortByColumn(count, Qt::AscendingOrder);
    QCOMPARE(view.model()->index(0, count).data().toString(), QStringLiteral("9"));
    QCOMPARE(view.model()->index(1, count).data().toString(), QStringLiteral("10"));
    QCOMPARE(view.model()->index(2, count).data().toString(), QStringLiteral("100"));

    // Keyboard: Ctrl+C copies the selected cells; the current cell's raw value is its description.
    const int name = 0;
    view.selectionModel()->select(QItemSelection(view.model()->index(0, name), view.model()->index(1, name)),
        QItemSelectionModel::ClearAndSelect);
    view.setCurrentIndex(view.model()->index(0, count));
    QCOMPARE(view.accessibleDescription(), QStringLiteral("Raw value: 9\nType: uint32"));
    view.selectionModel()->select(QItemSelection(view.model()->index(0, name), view.model()->index(1, name)),
        QItemSelectionModel::ClearAndSelect);
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("disk1\ndisk0"));
}

void TestInstanceTableModel::slicedLoadKeepsOrder()
{
    InstanceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&model, &InstanceTableModel::loadingFinished);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const int total = 2 * InstanceTableModel::kSliceRows + 123;
    model.setInstances(numberedInstances(total, QStringLiteral("e")), testClass());
    // The first slice is there at once, the rest comes from the event loop.
    QVERIFY(model.rowCount() > 0);
    QVERIFY(model.rowCount() <= InstanceTableModel::kSliceRows);
    QVERIFY(model.isLoading());
    QCOMPARE(model.instances().size(), total);
    const int firstSlice = model.rowCount();
    QCOMPARE(finished.count(), 0);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QVERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), total);
    QVERIFY(inserted.count() >= 2);
    // Each slice appends right after the rows before it.
    int next = firstSlice;
    for (const QList<QVariant> &arguments : std::as_const(inserted)) {
        QCOMPARE(arguments.at(1).toInt(), next);
        next = arguments.at(2).toInt() + 1;
    }
    QCOMPARE(next, total);
    QCOMPARE(model.columnCount(), 2);
    const int name = column(model, QStringLiteral("Name"));
    const int count = column(model, QStringLiteral("Count"));
    QCOMPARE(name, 0); // the key first
    for (int row = 0; row < total; ++row) {
        QCOMPARE(model.index(row, count).data(InstanceTableModel::SortRole).toULongLong(), quint64(row));
        QCOMPARE(model.index(row, name).data().toString(), QStringLiteral("e%1").arg(row));
    }
    // A list that fits the first slice finishes at once.
    model.setInstances(testInstances(), testClass());
    QCOMPARE(finished.count(), 2);
    QVERIFY(!model.isLoading());
}

void TestInstanceTableModel::secondSetInstancesCancelsSlicedLoad()
{
    InstanceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&model, &InstanceTableModel::loadingFinished);
    const int total = 3 * InstanceTableModel::kSliceRows;
    model.setInstances(numberedInstances(total, QStringLiteral("first")), testClass());
    // Cancelled after its second slice arrived, mid-load.
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > InstanceTableModel::kSliceRows || !model.isLoading(), 10000);
    QVERIFY(model.isLoading());
    model.setInstances(numberedInstances(total, QStringLiteral("second")), testClass());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1); // the first load never finishes
    QCOMPARE(model.rowCount(), total);
    for (int row = 0; row < total; ++row)
        QCOMPARE(model.index(row, 0).data().toString(), QStringLiteral("second%1").arg(row));

    // A short list during a sliced load: nothing of the long one follows it.
    model.setInstances(numberedInstances(total, QStringLiteral("third")), testClass());
    QVERIFY(model.isLoading());
    model.setInstances(testInstances(), testClass());
    QCOMPARE(finished.count(), 2);
    // As many event-loop passes as the long load needed (one slice each), and some more.
    for (int pass = 0; pass < 20; ++pass)
        QCoreApplication::processEvents();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(finished.count(), 2);
    QCOMPARE(model.index(0, column(model, QStringLiteral("Name"))).data().toString(), QStringLiteral("disk0"));
}

void TestInstanceTableModel::columnsMetInLaterSlices()
{
    // Without the class: the first slice has Name and Count; a later instance brings a property of
    // its own (a new column at the end) and a path key (a new key column among the keys), and
    // names Count as a path key (an existing column that moves among the keys).
    QList<CimInstance> instances = numberedInstances(InstanceTableModel::kSliceRows + 10, QStringLiteral("e"));
    CimInstance &late = instances.last();
    late.setProperty(CimProperty(QStringLiteral("VendorTags"), CimValue::string(QStringLiteral("late"))));
    late.setPath(CimInstanceName(QStringLiteral("Test_Element"),
        {{QStringLiteral("Slot"), CimValue::uint8(7)}, {QStringLiteral("count"), CimValue::uint32(99)}}));
    InstanceTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&model, &InstanceTableModel::loadingFinished);
    model.setInstances(instances, CimClass());
    QCOMPARE(model.columnCount(), 2);
    QVERIFY(finished.wait(10000));
    QCOMPARE(model.rowCount(), instances.size());
    QStringList names;
    QList<bool> keys;
    for (int c = 0; c < model.columnCount(); ++c) {
        names << model.propertyName(c);
        keys << model.isKeyColumn(c);
    }
    // Keys first, in the order they turned out to be keys: Slot inserted, then Count moved in; the
    // first spelling of a name wins.
    QCOMPARE(names,
        QStringList(
            {QStringLiteral("Slot"), QStringLiteral("Count"), QStringLiteral("Name"), QStringLiteral("VendorTags")}));
    QCOMPARE(keys, QList<bool>({true, true, false, false}));
    const int last = model.rowCount() - 1;
    QCOMPARE(model.index(last, 0).data().toString(), QStringLiteral("7")); // from the path
    QCOMPARE(model.index(last, 3).data().toString(), QStringLiteral("late"));
    QCOMPARE(model.index(0, 3).data(InstanceTableModel::RawValueRole), QVariant());
    QCOMPARE(model.index(5, 1).data().toString(), QStringLiteral("5"));
    QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::FontRole).value<QFont>().bold(), true);
}

void TestInstanceTableModel::viewSizesColumnsInSlices()
{
    // Many columns with long values: sized a few per event-loop pass, each capped at 40 characters.
    QList<CimInstance> instances;
    const int columns = 40;
    for (int row = 0; row < 50; ++row) {
        CimInstance instance(QStringLiteral("Test_Wide"));
        for (int c = 0; c < columns; ++c) {
            instance.setProperty(CimProperty(QStringLiteral("P%1").arg(c, 2, 10, QChar(u'0')),
                CimValue::string(c % 2 ? QStringLiteral("x") : QString(200, u'W'))));
        }
        instances << instance;
    }
    InstanceTableView view;
    view.resize(600, 400);
    view.show();
    view.setInstances(instances, CimClass());
    QCOMPARE(view.model()->columnCount(), columns);
    const int limit = view.fontMetrics().averageCharWidth() * 40;
    // Long values reach the cap, short ones shrink below the default section size.
    QTRY_VERIFY_WITH_TIMEOUT(view.columnWidth(columns - 2) == limit && view.columnWidth(columns - 1) < limit, 10000);
    for (int c = 0; c < columns; ++c) {
        if (c % 2)
            QVERIFY2(
                view.columnWidth(c) < view.horizontalHeader()->defaultSectionSize(), qPrintable(QString::number(c)));
        else
            QCOMPARE(view.columnWidth(c), limit);
    }
}

QTEST_MAIN(TestInstanceTableModel)
#include "TestInstanceTableModel.moc"
