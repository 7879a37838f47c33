// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/cimxml/CimOperationResponse.h"

#include <QString>

namespace cimdiag {

class SimRepository;

/// The benchmark class of issue #2, CIMDIAG_BenchElement: 10 properties (a string key, a string with
/// `<&>"` and non-ASCII text, uint64 beyond 2^53, sint32, real64, boolean, datetime, uint16[],
/// string[] and a NULL string), with the value of every property of instance i. bench_decode writes
/// them as bytes, bench_operations has the simulator serve them; both check decoded instances here.
class BenchElements final
{
public:
    BenchElements() = delete;

    static QString className(); ///< "CIMDIAG_BenchElement"
    static QString nameSpace(); ///< "root/bench": where the benchmarks keep the instances
    static QString instanceId(int i);
    static QString elementName(int i);
    static quint64 capacity(int i);
    static qint32 temperature(int i);
    static double ratio(int i);
    static bool enabled(int i);
    static QString installDate(int i);
    static quint16 lastStatus(int i);
    static QString stressedText();

    /// The class: no superclass, InstanceID the Key, properties in the order above.
    static CimClass declaration();
    /// Instance i with its local path.
    static CimInstance instance(int i);
    /// Declares the class in nameSpace (added when missing) and stores instances 0 .. count-1.
    static void addTo(SimRepository &repository, const QString &nameSpace, int count);

    /// Empty when instance holds what instance(i) holds; else what differs.
    static QString check(const CimInstance &instance, int i);
    /// Empty when response holds count instances and 6 of them (first, last and some between) pass
    /// check(); else the first difference.
    static QString checkEnumeration(const CimOperationResponse &response, int count);
};

} // namespace cimdiag
