// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the CIM-XML request decoder (CimXmlReader::forRequest), which reads IMETHODCALL,
// METHODCALL and EXPMETHODCALL messages: what the simulator and an indication listener receive from
// anyone who can reach their port. The input is the document, fed in one piece.
#include "core/cimxml/CimXmlReader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace cimdiag;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView document(reinterpret_cast<const char *>(data), qsizetype(size));
    CimXmlError error;
    if (const auto request = CimXmlReader::readRequest(document, &error)) {
        // The header values a server derives from the request must be computable for any decoded one.
        (void)request->cimMethodHeader();
        (void)request->cimObjectHeader();
    } else if (error.message.isEmpty()) {
        std::abort(); // a rejected document must say why: the diagnosis shows it to the user
    }
    return 0;
}
