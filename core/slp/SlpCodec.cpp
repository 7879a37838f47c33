// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/slp/SlpCodec.h"

#include <QtEndian>

namespace cimdiag {

namespace {

/// A bounded big-endian reader: every read checks what is left first and, on failure, records
/// the first error with the offset where the field starts.
class Reader
{
public:
    Reader(QByteArrayView data, QString context)
        : m_data(data)
        , m_context(std::move(context))
    { }

    bool ok() const { return m_error.message.isEmpty(); }
    const SlpParseError &error() const { return m_error; }
    qsizetype position() const { return m_position; }
    qsizetype left() const { return m_data.size() - m_position; }
    void setContext(QString context) { m_context = std::move(context); }

    bool fail(const QString &message, qsizetype at = -1)
    {
        if (ok()) {
            m_error.offset = at < 0 ? m_position : at;
            m_error.message = m_context.isEmpty() ? message : m_context + QStringLiteral(": ") + message;
        }
        return false;
    }

    bool need(qsizetype bytes, const char *what)
    {
        if (bytes <= left())
            return true;
        return fail(QStringLiteral("%1 needs %2 bytes, %3 left").arg(QLatin1StringView(what)).arg(bytes).arg(left()));
    }

    bool u8(quint8 *out, const char *what)
    {
        if (!need(1, what))
            return false;
        *out = quint8(m_data[m_position]);
        m_position += 1;
        return true;
    }
    bool u16(quint16 *out, const char *what)
    {
        if (!need(2, what))
            return false;
        *out = qFromBigEndian<quint16>(m_data.data() + m_position);
        m_position += 2;
        return true;
    }
    bool u24(quint32 *out, const char *what)
    {
        if (!need(3, what))
            return false;
        const auto *p = reinterpret_cast<const uchar *>(m_data.data() + m_position);
        *out = (quint32(p[0]) << 16) | (quint32(p[1]) << 8) | quint32(p[2]);
        m_position += 3;
        return true;
    }
    bool u32(quint32 *out, const char *what)
    {
        if (!need(4, what))
            return false;
        *out = qFromBigEndian<quint32>(m_data.data() + m_position);
        m_position += 4;
        return true;
    }
    bool bytes(qsizetype count, QByteArray *out)
    {
        if (count > left())
            return false;
        *out = m_data.sliced(m_position, count).toByteArray();
        m_position += count;
        return true;
    }
    /// A 16-bit length and that many UTF-8 bytes.
    bool string(QString *out, const char *what)
    {
        const qsizetype at = m_position;
        quint16 length = 0;
        if (!u16(&length, what))
            return false;
        if (length > left()) {
            return fail(QStringLiteral("%1 length %2 exceeds the %3 bytes left")
                            .arg(QLatin1StringView(what))
                            .arg(length)
                            .arg(left()),
                at);
        }
        *out = QString::fromUtf8(m_data.sliced(m_position, length));
        m_position += length;
        return true;
    }

    bool authBlocks(SlpAuthBlockList *out, const char *what)
    {
        quint8 count = 0;
        if (!u8(&count, what))
            return false;
        for (int i = 0; i < count; ++i) {
            const qsizetype at = m_position;
            SlpAuthBlock block;
            quint16 length = 0;
            if (!u16(&block.blockStructureDescriptor, "auth block BSD") || !u16(&length, "auth block length"))
                return false;
            // BSD, length, timestamp and SPI length: 10 bytes before the SPI string.
            if (length < 10)
                return fail(
                    QStringLiteral("auth block %1: length %2 is below the 10-byte minimum").arg(i + 1).arg(length),
                    at + 2);
            if (qsizetype(length) - 4 > left()) {
                return fail(QStringLiteral("auth block %1: length %2 exceeds the %3 bytes left")
                                .arg(i + 1)
                                .arg(length)
                                .arg(left() + 4),
                    at + 2);
            }
            const qsizetype end = at + length;
            if (!u32(&block.timestamp, "auth block timestamp") || !string(&block.spi, "auth block SPI"))
                return false;
            if (m_position > end)
                return fail(QStringLiteral("auth block %1: SPI runs past the block's length %2").arg(i + 1).arg(length),
                    at + 2);
            bytes(end - m_position, &block.signature);
            out->append(block);
        }
        return true;
    }

private:
    QByteArrayView m_data;
    QString m_context;
    qsizetype m_position = 0;
    SlpParseError m_error;
};

class Writer
{
public:
    void u8(quint8 value) { m_data.append(char(value)); }
    void u16(quint16 value)
    {
        u8(quint8(value >> 8));
        u8(quint8(value));
    }
    void u24(quint32 value)
    {
        u8(quint8(value >> 16));
        u16(quint16(value));
    }
    void u32(quint32 value)
    {
        u16(quint16(value >> 16));
        u16(quint16(value));
    }
    void string(const QString &text)
    {
        QByteArray utf8 = text.toUtf8();
        if (utf8.size() > 0xFFFF)
            utf8.truncate(0xFFFF);
        u16(quint16(utf8.size()));
        m_data.append(utf8);
    }
    void authBlocks(const SlpAuthBlockList &blocks)
    {
        u8(quint8(qMin<qsizetype>(blocks.size(), 255)));
        for (qsizetype i = 0; i < qMin<qsizetype>(blocks.size(), 255); ++i) {
            const SlpAuthBlock &block = blocks.at(i);
            const QByteArray spi = block.spi.toUtf8();
            u16(block.blockStructureDescriptor);
            u16(quint16(10 + spi.size() + block.signature.size()));
            u32(block.timestamp);
            string(block.spi);
            m_data.append(block.signature);
        }
    }
    QByteArray &data() { return m_data; }

private:
    QByteArray m_data;
};

std::optional<SlpHeader> readHeader(Reader &reader, qsizetype datagramSize)
{
    SlpHeader header;
    quint8 function = 0;
    if (!reader.u8(&header.version, "version"))
        return std::nullopt;
    if (header.version != SlpHeader::kVersion) {
        reader.fail(QStringLiteral("version %1 is not SLPv2").arg(header.version), 0);
        return std::nullopt;
    }
    if (!reader.u8(&function, "function id"))
        return std::nullopt;
    const std::optional<SlpFunction> known = slpFunctionFromId(function);
    if (!known) {
        reader.fail(QStringLiteral("unknown function id %1").arg(function), 1);
        return std::nullopt;
    }
    header.function = *known;
    reader.setContext(slpFunctionName(function));
    if (!reader.u24(&header.length, "length") || !reader.u16(&header.flags, "flags")
        || !reader.u24(&header.nextExtensionOffset, "next extension offset") || !reader.u16(&header.xid, "XID"))
        return std::nullopt;
    if (qsizetype(header.length) != datagramSize) {
        reader.fail(
            QStringLiteral("length field says %1 bytes, the datagram has %2").arg(header.length).arg(datagramSize), 2);
        return std::nullopt;
    }
    if (!reader.string(&header.languageTag, "language tag"))
        return std::nullopt;
    return header;
}

bool readBody(Reader &reader, SlpMessage &m)
{
    switch (m.header.function) {
    case SlpFunction::SrvRqst:
        return reader.string(&m.previousResponders, "PRList") && reader.string(&m.serviceType, "service type")
            && reader.string(&m.scopeList, "scope list") && reader.string(&m.predicate, "predicate")
            && reader.string(&m.spi, "SLP SPI");
    case SlpFunction::SrvRply: {
        quint16 count = 0;
        if (!reader.u16(&m.errorCode, "error code") || !reader.u16(&count, "URL entry count"))
            return false;
        // A URL entry takes at least 6 bytes: refuse a count the message cannot hold before looping.
        if (qsizetype(count) * 6 > reader.left()) {
            return reader.fail(QStringLiteral("URL entry count %1 needs at least %2 bytes, %3 left")
                                   .arg(count)
                                   .arg(qsizetype(count) * 6)
                                   .arg(reader.left()),
                reader.position() - 2);
        }
        for (int i = 0; i < count; ++i) {
            reader.setContext(QStringLiteral("SrvRply URL entry %1").arg(i + 1));
            SlpUrlEntry entry;
            quint8 reserved = 0;
            if (!reader.u8(&reserved, "reserved") || !reader.u16(&entry.lifetime, "lifetime")
                || !reader.string(&entry.url, "URL") || !reader.authBlocks(&entry.authBlocks, "URL auth count"))
                return false;
            m.urlEntries.append(entry);
        }
        reader.setContext(QStringLiteral("SrvRply"));
        return true;
    }
    case SlpFunction::AttrRqst:
        return reader.string(&m.previousResponders, "PRList") && reader.string(&m.url, "URL")
            && reader.string(&m.scopeList, "scope list") && reader.string(&m.tagList, "tag list")
            && reader.string(&m.spi, "SLP SPI");
    case SlpFunction::AttrRply:
        return reader.u16(&m.errorCode, "error code") && reader.string(&m.attributeList, "attribute list")
            && reader.authBlocks(&m.authBlocks, "attribute auth count");
    case SlpFunction::DAAdvert:
        return reader.u16(&m.errorCode, "error code") && reader.u32(&m.bootTimestamp, "boot timestamp")
            && reader.string(&m.url, "URL") && reader.string(&m.scopeList, "scope list")
            && reader.string(&m.attributeList, "attribute list") && reader.string(&m.spiList, "SLP SPI list")
            && reader.authBlocks(&m.authBlocks, "auth count");
    case SlpFunction::SrvTypeRqst: {
        quint16 length = 0;
        const qsizetype at = reader.position();
        if (!reader.string(&m.previousResponders, "PRList") || !reader.u16(&length, "naming authority length"))
            return false;
        Q_UNUSED(at)
        // 0xFFFF: every naming authority, and no string follows.
        m.allNamingAuthorities = length == 0xFFFF;
        if (!m.allNamingAuthorities) {
            if (length > reader.left()) {
                return reader.fail(QStringLiteral("naming authority length %1 exceeds the %2 bytes left")
                                       .arg(length)
                                       .arg(reader.left()),
                    reader.position() - 2);
            }
            QByteArray authority;
            reader.bytes(length, &authority);
            m.namingAuthority = QString::fromUtf8(authority);
        }
        return reader.string(&m.scopeList, "scope list");
    }
    case SlpFunction::SrvTypeRply:
        return reader.u16(&m.errorCode, "error code") && reader.string(&m.serviceTypeList, "service type list");
    case SlpFunction::SAAdvert:
        return reader.string(&m.url, "URL") && reader.string(&m.scopeList, "scope list")
            && reader.string(&m.attributeList, "attribute list") && reader.authBlocks(&m.authBlocks, "auth count");
    case SlpFunction::SrvReg:
    case SlpFunction::SrvDeReg:
    case SlpFunction::SrvAck:
        return reader.fail(QStringLiteral("a directory-agent registration message, not handled by a user agent"), 1);
    }
    return reader.fail(QStringLiteral("unhandled function"), 1);
}

/// The extension chain (RFC 2608 section 9.1): each extension is a 2-byte id, a 3-byte offset of the
/// next one (0 ends) and data. Offsets must lie after the body, inside the message and increase.
bool readExtensions(Reader &reader, QByteArrayView datagram, SlpMessage &m)
{
    quint32 offset = m.header.nextExtensionOffset;
    qsizetype minimum = reader.position();
    while (offset != 0) {
        if (qsizetype(offset) < minimum || qsizetype(offset) + 5 > datagram.size()) {
            return reader.fail(QStringLiteral("extension offset %1 lies outside %2..%3")
                                   .arg(offset)
                                   .arg(minimum)
                                   .arg(datagram.size() - 5),
                offset == m.header.nextExtensionOffset ? 7 : minimum);
        }
        const auto *p = reinterpret_cast<const uchar *>(datagram.data() + offset);
        m.extensionIds.append(quint16((p[0] << 8) | p[1]));
        minimum = qsizetype(offset) + 5;
        offset = (quint32(p[2]) << 16) | (quint32(p[3]) << 8) | quint32(p[4]);
    }
    return true;
}

} // namespace

std::optional<SlpHeader> SlpCodec::decodeHeader(QByteArrayView datagram, SlpParseError *error)
{
    Reader reader(datagram, {});
    std::optional<SlpHeader> header = readHeader(reader, datagram.size());
    if (!header && error)
        *error = reader.error();
    return header;
}

std::optional<SlpMessage> SlpCodec::decode(QByteArrayView datagram, SlpParseError *error)
{
    Reader reader(datagram, {});
    SlpMessage message;
    message.scopeList.clear();
    std::optional<SlpHeader> header = readHeader(reader, datagram.size());
    bool ok = header.has_value();
    if (ok) {
        message.header = *header;
        ok = readBody(reader, message);
    }
    // Without extensions the body must fill the message exactly; with them, the chain says where
    // the rest goes.
    if (ok && message.header.nextExtensionOffset == 0 && reader.left() > 0) {
        ok = reader.fail(QStringLiteral("%1 bytes after the end of the body").arg(reader.left()));
    }
    if (ok)
        ok = readExtensions(reader, datagram, message);
    if (!ok) {
        if (error)
            *error = reader.error();
        return std::nullopt;
    }
    return message;
}

QByteArray SlpCodec::encode(const SlpMessage &m)
{
    Writer w;
    w.u8(m.header.version);
    w.u8(quint8(m.header.function));
    w.u24(0); // length, filled in below
    w.u16(m.header.flags);
    w.u24(m.header.nextExtensionOffset);
    w.u16(m.header.xid);
    w.string(m.header.languageTag);
    switch (m.header.function) {
    case SlpFunction::SrvRqst:
        w.string(m.previousResponders);
        w.string(m.serviceType);
        w.string(m.scopeList);
        w.string(m.predicate);
        w.string(m.spi);
        break;
    case SlpFunction::SrvRply:
        w.u16(m.errorCode);
        w.u16(quint16(m.urlEntries.size()));
        for (const SlpUrlEntry &entry : m.urlEntries) {
            w.u8(0);
            w.u16(entry.lifetime);
            w.string(entry.url);
            w.authBlocks(entry.authBlocks);
        }
        break;
    case SlpFunction::AttrRqst:
        w.string(m.previousResponders);
        w.string(m.url);
        w.string(m.scopeList);
        w.string(m.tagList);
        w.string(m.spi);
        break;
    case SlpFunction::AttrRply:
        w.u16(m.errorCode);
        w.string(m.attributeList);
        w.authBlocks(m.authBlocks);
        break;
    case SlpFunction::DAAdvert:
        w.u16(m.errorCode);
        w.u32(m.bootTimestamp);
        w.string(m.url);
        w.string(m.scopeList);
        w.string(m.attributeList);
        w.string(m.spiList);
        w.authBlocks(m.authBlocks);
        break;
    case SlpFunction::SrvTypeRqst:
        w.string(m.previousResponders);
        if (m.allNamingAuthorities) {
            w.u16(0xFFFF);
        } else {
            const QByteArray authority = m.namingAuthority.toUtf8().left(0xFFFE);
            w.u16(quint16(authority.size()));
            w.data().append(authority);
        }
        w.string(m.scopeList);
        break;
    case SlpFunction::SrvTypeRply:
        w.u16(m.errorCode);
        w.string(m.serviceTypeList);
        break;
    case SlpFunction::SAAdvert:
        w.string(m.url);
        w.string(m.scopeList);
        w.string(m.attributeList);
        w.authBlocks(m.authBlocks);
        break;
    case SlpFunction::SrvReg:
    case SlpFunction::SrvDeReg:
    case SlpFunction::SrvAck:
        break;
    }
    QByteArray &data = w.data();
    const auto length = quint32(qMin<qsizetype>(data.size(), kMaxLength));
    data[2] = char(length >> 16);
    data[3] = char(length >> 8);
    data[4] = char(length);
    return data;
}

QStringList SlpCodec::splitList(const QString &list)
{
    QStringList items;
    for (const QString &item : list.split(u','))
        if (const QString trimmed = item.trimmed(); !trimmed.isEmpty())
            items.append(trimmed);
    return items;
}

} // namespace cimdiag
