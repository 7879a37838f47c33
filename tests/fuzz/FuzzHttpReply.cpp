// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the HTTP/1.x reply parser (core/net/HttpReplyParser), which reads whatever the
// server (or something else on its port) sends. Input byte 0 picks how the bytes arrive (whole or in
// pieces, the head-scanning and chunked-body code paths differ) and the body limit (small, to reach
// truncation); the rest is what the peer sent before it closed the connection.
#include "core/net/HttpReplyParser.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace cimdiag;

namespace {
constexpr std::array<qsizetype, 8> kPieceSizes = {0, 1, 2, 5, 16, 100, 1000, 0};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype pieceSize = kPieceSizes[data[0] & 7];
    const qsizetype maxBody = (data[0] & 8) ? 64 : 64 * 1024;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);

    HttpReplyParser parser(maxBody);
    if (pieceSize == 0) {
        parser.feed(bytes);
    } else {
        for (qsizetype at = 0; at < bytes.size(); at += pieceSize) {
            const auto state = parser.feed(bytes.sliced(at, qMin(pieceSize, bytes.size() - at)));
            if (state == HttpReplyParser::State::Done || state == HttpReplyParser::State::Error)
                break;
        }
    }
    const auto state = parser.finishOnClose();
    // The bounds the parser promises (HttpReplyParser.h): a hostile peer cannot make it grow.
    if (parser.body().size() > maxBody || parser.headers().size() > HttpReplyParser::kMaxHeaderCount
        || parser.interimStatusLines().size() > HttpReplyParser::kMaxInterimReplies)
        std::abort();
    if (state == HttpReplyParser::State::Error && parser.errorText().isEmpty())
        std::abort();
    return 0;
}
