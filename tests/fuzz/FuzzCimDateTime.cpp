// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the DSP0004 datetime parser (core/cim/CimDateTime::fromString), which reads
// datetime property values and keys from server replies. The input is UTF-8. A value that parses
// must print back in the form it was read and convert without overflow.
#include "core/cim/CimDateTime.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace cimdiag;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto dateTime = CimDateTime::fromString(text, &error);
    if (!dateTime) {
        if (error.isEmpty())
            std::abort();
        return 0;
    }
    const QString printed = dateTime->toString();
    const auto again = CimDateTime::fromString(printed);
    if (!again || !(*again == *dateTime) || printed.size() != 25)
        std::abort();
    (void)dateTime->toDateTime();
    (void)dateTime->totalMicroseconds();
    return 0;
}
