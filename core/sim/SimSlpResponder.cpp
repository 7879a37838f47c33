// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/sim/SimSlpResponder.h"

#include "core/slp/SlpAttributeParser.h"
#include "core/slp/SlpCodec.h"
#include "core/slp/SlpErrorCode.h"

#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QRegularExpression>
#include <QUdpSocket>

namespace cimdiag {

namespace {

/// "service:wbem:https://h:5989" -> "service:wbem:https".
QString serviceTypeOf(const QString &url)
{
    const qsizetype separator = url.indexOf(QStringLiteral("://"));
    return separator < 0 ? url : url.left(separator);
}

/// An abstract type ("service:wbem") matches its concrete types ("service:wbem:https").
bool typeMatches(const QString &requested, const QString &offered)
{
    if (requested.compare(offered, Qt::CaseInsensitive) == 0)
        return true;
    return offered.startsWith(requested + u':', Qt::CaseInsensitive);
}

bool scopesIntersect(const QString &requested, const QStringList &offered)
{
    const QStringList asked = SlpCodec::splitList(requested);
    // An empty scope list means DEFAULT (RFC 2608 section 11.1... agents treat it as such).
    if (asked.isEmpty())
        return offered.contains(QStringLiteral("DEFAULT"), Qt::CaseInsensitive);
    for (const QString &scope : asked) {
        if (offered.contains(scope, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

SimSlpResponder::SimSlpResponder(QObject *parent)
    : QObject(parent)
{ }

SimSlpResponder::~SimSlpResponder() = default;

void SimSlpResponder::setOptions(const SimSlpOptions &options, const QHash<QString, QString> &substitutions)
{
    m_options = options;
    m_substitutions = substitutions;
}

QString SimSlpResponder::substitute(QString text) const
{
    for (auto it = m_substitutions.begin(); it != m_substitutions.end(); ++it)
        text.replace(u'{' + it.key() + u'}', it.value());
    return text;
}

QStringList SimSlpResponder::urls() const
{
    QStringList list;
    for (const QString &url : m_options.urls)
        list.append(substitute(url));
    return list;
}

QString SimSlpResponder::attributeList() const
{
    SlpAttributeList attributes
        = m_options.attributes.isEmpty() ? SimSlpOptions::defaultAttributes() : m_options.attributes;
    for (SlpAttribute &attribute : attributes) {
        for (QString &value : attribute.values)
            value = substitute(value);
    }
    QString list = SlpAttributeParser::format(attributes);
    if (!m_options.rawAttributes.isEmpty())
        list += (list.isEmpty() ? QString() : QStringLiteral(",")) + substitute(m_options.rawAttributes);
    return list;
}

bool SimSlpResponder::listen(const QHostAddress &address, quint16 port, bool joinMulticast)
{
    close();
    m_socket = new QUdpSocket(this);
    if (!m_socket->bind(address, port, QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint)) {
        m_errorString = QStringLiteral("cannot bind SLP port %1 on %2: %3")
                            .arg(port)
                            .arg(address.toString(), m_socket->errorString());
        delete m_socket;
        m_socket = nullptr;
        return false;
    }
    if (joinMulticast && !m_socket->joinMulticastGroup(QHostAddress(QStringLiteral("239.255.255.253"))))
        m_multicastError = m_socket->errorString();
    connect(m_socket, &QUdpSocket::readyRead, this, &SimSlpResponder::onReadyRead);
    return true;
}

void SimSlpResponder::close()
{
    if (m_socket) {
        m_socket->close();
        delete m_socket;
        m_socket = nullptr;
    }
}

quint16 SimSlpResponder::port() const
{
    return m_socket ? m_socket->localPort() : 0;
}

void SimSlpResponder::onReadyRead()
{
    while (m_socket && m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket->receiveDatagram();
        if (!datagram.isValid())
            break;
        SimSlpRequest record;
        record.from = datagram.senderAddress();
        record.port = quint16(datagram.senderPort());
        SlpParseError error;
        QByteArray reply;
        if (const std::optional<SlpMessage> message = SlpCodec::decode(datagram.data(), &error)) {
            record.message = *message;
            reply = answer(*message, record.from);
        } else {
            record.error = error.toString();
            // A request whose header is readable gets PARSE_ERROR (unicast only: an agent stays
            // silent on multicast); one that is not SLPv2 at all is dropped.
            const std::optional<SlpHeader> header = SlpCodec::decodeHeader(datagram.data());
            if (header && !header->requestMulticast()
                && (header->function == SlpFunction::SrvRqst || header->function == SlpFunction::AttrRqst)) {
                SlpMessage response;
                response.header.function
                    = header->function == SlpFunction::SrvRqst ? SlpFunction::SrvRply : SlpFunction::AttrRply;
                response.header.xid = header->xid;
                response.header.languageTag = header->languageTag;
                response.errorCode = quint16(SlpErrorCode::ParseError);
                reply = SlpCodec::encode(response);
            }
        }
        if (!reply.isEmpty()) {
            m_socket->writeDatagram(reply, record.from, record.port);
            record.answered = true;
        }
        m_requests.append(record);
        Q_EMIT requestReceived();
    }
}

QByteArray SimSlpResponder::answer(const SlpMessage &request, const QHostAddress &from) const
{
    Q_UNUSED(from)
    const bool multicast = request.header.requestMulticast();
    // Our own address in the PRList: we answered this query already (RFC 2608 section 6.3).
    QList<QHostAddress> own;
    if (m_socket->localAddress().isEqual(QHostAddress::AnyIPv4) || m_socket->localAddress() == QHostAddress::Any)
        own = QNetworkInterface::allAddresses();
    else
        own = {m_socket->localAddress()};
    for (const QString &responder : SlpCodec::splitList(request.previousResponders)) {
        if (own.contains(QHostAddress(responder)))
            return {};
    }

    SlpMessage reply;
    reply.header.xid = request.header.xid;
    reply.header.languageTag = request.header.languageTag;
    reply.scopeList.clear();
    const bool inScope = scopesIntersect(request.scopeList, m_options.scopes);
    switch (request.header.function) {
    case SlpFunction::SrvRqst: {
        reply.header.function = SlpFunction::SrvRply;
        if (request.serviceType.compare(QLatin1String("service:service-agent"), Qt::CaseInsensitive) == 0) {
            if (!inScope)
                return {};
            reply.header.function = SlpFunction::SAAdvert;
            reply.url = substitute(QStringLiteral("service:service-agent://{host}"));
            reply.scopeList = m_options.scopes.join(u',');
            return SlpCodec::encode(reply);
        }
        if (!inScope) {
            if (multicast)
                return {};
            reply.errorCode = quint16(SlpErrorCode::ScopeNotSupported);
            return SlpCodec::encode(reply);
        }
        if (m_options.errorCode) {
            if (multicast)
                return {};
            reply.errorCode = m_options.errorCode;
            return SlpCodec::encode(reply);
        }
        for (const QString &url : urls()) {
            if (typeMatches(request.serviceType, serviceTypeOf(url)))
                reply.urlEntries.append(SlpUrlEntry {m_options.lifetime, url, {}});
        }
        if (reply.urlEntries.isEmpty() && multicast)
            return {};
        return SlpCodec::encode(reply);
    }
    case SlpFunction::AttrRqst: {
        reply.header.function = SlpFunction::AttrRply;
        if (!inScope || m_options.errorCode) {
            if (multicast)
                return {};
            reply.errorCode = inScope ? m_options.errorCode : quint16(SlpErrorCode::ScopeNotSupported);
            return SlpCodec::encode(reply);
        }
        bool known = false;
        for (const QString &url : urls())
            known = known || url == request.url || typeMatches(request.url, serviceTypeOf(url));
        if (!known)
            return multicast ? QByteArray() : SlpCodec::encode(reply);
        const QStringList tags = SlpCodec::splitList(request.tagList);
        if (tags.isEmpty()) {
            reply.attributeList = attributeList();
        } else {
            SlpAttributeList selected;
            for (const SlpAttribute &attribute : SlpAttributeParser::parse(attributeList())) {
                for (const QString &tag : tags) {
                    const QRegularExpression pattern(QRegularExpression::wildcardToRegularExpression(tag),
                        QRegularExpression::CaseInsensitiveOption);
                    if (pattern.match(attribute.tag).hasMatch()) {
                        selected.append(attribute);
                        break;
                    }
                }
            }
            reply.attributeList = SlpAttributeParser::format(selected);
        }
        return SlpCodec::encode(reply);
    }
    case SlpFunction::SrvTypeRqst: {
        reply.header.function = SlpFunction::SrvTypeRply;
        if (!inScope) {
            if (multicast)
                return {};
            reply.errorCode = quint16(SlpErrorCode::ScopeNotSupported);
            return SlpCodec::encode(reply);
        }
        QStringList types;
        for (const QString &url : urls()) {
            if (!types.contains(serviceTypeOf(url)))
                types.append(serviceTypeOf(url));
        }
        reply.serviceTypeList = types.join(u',');
        return SlpCodec::encode(reply);
    }
    default:
        if (multicast)
            return {};
        reply.header.function = SlpFunction::SrvRply;
        reply.errorCode = quint16(SlpErrorCode::MsgNotSupported);
        return SlpCodec::encode(reply);
    }
}

} // namespace cimdiag
