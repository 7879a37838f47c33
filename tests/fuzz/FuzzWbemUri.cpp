// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the DSP0207 WBEM URI parser (core/cim/CimWbemUriParser) through its two users,
// CimClassName::fromWbemUri and CimInstanceName::fromWbemUri. URIs arrive from the command line, from
// saved profiles and from servers (a reference value, a CIMObject header). The input is UTF-8.
// A path that parses must write a URI that parses again to the same path (the CLI and reports print
// paths users paste back in).
#include "core/cim/CimClassName.h"
#include "core/cim/CimInstanceName.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace cimdiag;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString uri = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    if (const auto className = CimClassName::fromWbemUri(uri, &error)) {
        const auto again = CimClassName::fromWbemUri(className->toWbemUri());
        if (!again || !(*again == *className))
            std::abort();
    } else if (error.isEmpty()) {
        std::abort();
    }
    error.clear();
    if (const auto instanceName = CimInstanceName::fromWbemUri(uri, &error)) {
        const auto again = CimInstanceName::fromWbemUri(instanceName->toWbemUri());
        if (!again || !(*again == *instanceName))
            std::abort();
        if (!CimInstanceName::fromWbemUri(instanceName->toWbemUri(CimInstanceName::UriFormat::Canonical)))
            std::abort();
    } else if (error.isEmpty()) {
        std::abort();
    }
    return 0;
}
