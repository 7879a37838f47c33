// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the SLPv2 codec (core/slp/SlpCodec), which reads every datagram that answers
// cimdiag's multicast SrvRqst on the LAN (SrvRply, AttrRply, SrvTypeRply, DAAdvert, SAAdvert) and the
// requests the simulator's SLP responder reads (SrvRqst, AttrRqst, SrvTypeRqst); then the DSP0206
// mapping of what a reply advertises (WbemServiceAdvert, SlpAttributeParser), untrusted text too.
// The input is one datagram; the same bytes, as UTF-8, are also read as an attribute list.
//
// Promises checked (SlpCodec.h, SlpParseError.h, SlpAttributeParser.h):
// - a refused datagram has an error message and an offset inside it (0..size: size is "the field
//   that should start here is missing"); decodeHeader() refuses exactly when decode() refuses in
//   the header, with the same error;
// - a decoded message re-encodes (without its extensions: cimdiag sends none) to a datagram that
//   decodes to the same message, and encoding that again gives the same bytes;
// - an attribute list that parse() read, written by format(), parses back to the same attributes.
#include "core/slp/SlpAttributeParser.h"
#include "core/slp/SlpCodec.h"
#include "core/slp/WbemServiceAdvert.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace cimdiag;

namespace {

void checkAdvert(const QString &serviceUrl, const QString &attributeList)
{
    const WbemServiceAdvert advert = WbemServiceAdvert::fromSlp(serviceUrl, attributeList);
    if (advert.url.isValid()) {
        // What the diagnosis connects to: an http(s) URL with a host and a port.
        if ((advert.url.scheme() != QLatin1String("http") && advert.url.scheme() != QLatin1String("https"))
            || advert.url.host().isEmpty() || advert.url.port() < 0)
            std::abort();
    }
    (void)advert.toJson();
    (void)advert.attributeRows();
    (void)advert.displayName();
}

void checkAttributes(const QString &list)
{
    QStringList notes;
    const SlpAttributeList attributes = SlpAttributeParser::parse(list, &notes);
    for (const SlpAttribute &attribute : attributes) {
        if (attribute.tag.isEmpty() || (attribute.keyword && !attribute.values.isEmpty()))
            std::abort();
    }
    // The simulator advertises with format() and cimdiag reads with parse(): nothing may change.
    const QString formatted = SlpAttributeParser::format(attributes);
    QStringList notesAgain;
    if (SlpAttributeParser::parse(formatted, &notesAgain) != attributes || !notesAgain.isEmpty())
        std::abort();
}

void checkRefusal(const SlpParseError &error, QByteArrayView datagram)
{
    if (error.message.isEmpty() || error.offset < 0 || error.offset > datagram.size())
        std::abort();
}

void checkMessage(const SlpMessage &message, QByteArrayView datagram)
{
    SlpParseError headerError;
    const std::optional<SlpHeader> header = SlpCodec::decodeHeader(datagram, &headerError);
    if (!header || !(*header == message.header))
        std::abort();
    // The extension chain must lie inside the message, after the body, in increasing order.
    if (!message.extensionIds.isEmpty() && message.header.nextExtensionOffset == 0)
        std::abort();

    SlpMessage plain = message;
    plain.header.nextExtensionOffset = 0;
    // Not clear(): Qt 6.4's QList<quint16>::operator== passes a null pointer to memcmp when an
    // emptied list (capacity kept) meets a never-filled one (UBSan reports it; the size is 0).
    plain.extensionIds = QList<quint16>();
    const QByteArray encoded = SlpCodec::encode(plain);
    SlpParseError error;
    const std::optional<SlpMessage> again = SlpCodec::decode(encoded, &error);
    if (!again)
        std::abort();
    plain.header.length = quint32(encoded.size());
    if (!(*again == plain) || SlpCodec::encode(*again) != encoded)
        std::abort();

    switch (message.header.function) {
    case SlpFunction::SrvRply:
        for (const SlpUrlEntry &entry : message.urlEntries)
            checkAdvert(entry.url, {});
        break;
    case SlpFunction::AttrRply:
    case SlpFunction::DAAdvert:
    case SlpFunction::SAAdvert:
        checkAdvert(
            message.url.isEmpty() ? QStringLiteral("service:wbem:https://h") : message.url, message.attributeList);
        checkAttributes(message.attributeList);
        break;
    default:
        break;
    }
    (void)SlpCodec::splitList(message.scopeList);
    (void)SlpCodec::splitList(message.serviceTypeList);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView datagram(reinterpret_cast<const char *>(data), qsizetype(size));
    SlpParseError error;
    if (const std::optional<SlpMessage> message = SlpCodec::decode(datagram, &error)) {
        checkMessage(*message, datagram);
    } else {
        checkRefusal(error, datagram);
        SlpParseError headerError;
        if (!SlpCodec::decodeHeader(datagram, &headerError)) {
            checkRefusal(headerError, datagram);
            if (headerError.offset != error.offset || headerError.message != error.message)
                std::abort();
        }
    }

    const QString text = QString::fromUtf8(datagram);
    checkAttributes(text);
    checkAdvert(text, text);
    return 0;
}
