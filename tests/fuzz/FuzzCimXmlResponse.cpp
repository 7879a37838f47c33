// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the CIM-XML response decoder (core/cimxml/CimXmlReader), which reads what a server
// sends back. Input byte 0 picks the operation the reply answers (byte % operation count, so every
// reply shape is reached) and how the document is fed (byte / operation count: whole, or in pieces, as
// HTTP delivers it); the rest is the document.
#include "core/cimxml/CimXmlReader.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace cimdiag;

namespace {
constexpr int kOperationCount = int(CimOperation::ExportIndication) + 1;
// 0 is "all at once"; the others cut tags, attribute values and UTF-8 sequences apart.
constexpr std::array<qsizetype, 7> kPieceSizes = {0, 1, 3, 17, 64, 509, 4096};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const auto operation = CimOperation(data[0] % kOperationCount);
    const qsizetype pieceSize = kPieceSizes[size_t(data[0] / kOperationCount) % kPieceSizes.size()];
    const QByteArrayView document(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);

    CimXmlReader reader(operation);
    if (pieceSize == 0) {
        reader.feed(document);
    } else {
        for (qsizetype at = 0; at < document.size(); at += pieceSize) {
            if (!reader.feed(document.sliced(at, qMin(pieceSize, document.size() - at))))
                break;
        }
    }
    if (reader.finish()) {
        if (reader.takeResponse().operation != operation)
            std::abort();
    } else if (reader.error().message.isEmpty()) {
        std::abort(); // a rejected document must say why: the diagnosis shows it to the user
    }
    return 0;
}
