// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/slp/SlpDiscovery.h"

#include "core/slp/SlpCodec.h"
#include "core/slp/SlpErrorCode.h"

#include <QHostInfo>
#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QSet>
#include <QUdpSocket>

#include <cerrno>
#include <sys/socket.h>

namespace cimdiag {

using namespace std::chrono_literals;

namespace {

/// Whether the connected socket's pending error is ECONNREFUSED: the ICMP port unreachable of a
/// host without an SLP agent [A1]. Asked with a 1-byte MSG_PEEK before Qt reads, because Qt 6.4's
/// own peek (hasPendingDatagrams) consumes the error and then reports UnknownSocketError.
bool socketRefused(const QUdpSocket *socket)
{
    char byte = 0;
    const ssize_t peeked = ::recv(int(socket->socketDescriptor()), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return peeked < 0 && errno == ECONNREFUSED;
}

} // namespace

struct SlpDiscovery::Request
{
    enum class Kind : quint8 { UnicastService, MulticastService, Attributes };
    Kind kind = Kind::UnicastService;
    QUdpSocket *socket = nullptr;
    QList<QHostAddress> targets; ///< empty on a connected socket
    quint16 port = 0;
    quint16 xid = 0;
    int unicastIndex = -1;
    std::unique_ptr<QTimer> timer = std::make_unique<QTimer>();
    QElapsedTimer clock;
    std::chrono::milliseconds wait {0};
    int sends = 0;
    qsizetype respondersAtLastSend = 0;
    bool done = false;
    WbemServiceAdvert advert; ///< Attributes: the advert being completed
    bool multicastAdvert = false;
};

QString SlpDiscovery::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Pending:
        return QStringLiteral("pending");
    case Outcome::Answered:
        return QStringLiteral("answered");
    case Outcome::ErrorReply:
        return QStringLiteral("error-reply");
    case Outcome::NoAnswer:
        return QStringLiteral("no-answer");
    case Outcome::PortUnreachable:
        return QStringLiteral("port-unreachable");
    case Outcome::HostNotFound:
        return QStringLiteral("host-not-found");
    case Outcome::SocketError:
        return QStringLiteral("socket-error");
    }
    return {};
}

SlpDiscovery::SlpDiscovery(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_xid(quint16(QRandomGenerator::global()->bounded(1, 0xFFFF)))
{
    m_overall.setSingleShot(true);
    connect(&m_overall, &QTimer::timeout, this, [this] {
        note(QStringLiteral("overall timeout of %1 ms reached").arg(m_options.timeout.count()));
        finishNow();
    });
}

SlpDiscovery::~SlpDiscovery()
{
    for (const int id : std::as_const(m_lookups))
        QHostInfo::abortHostLookup(id);
}

quint16 SlpDiscovery::nextXid()
{
    // XIDs are per request, kept across retransmissions (RFC 2608 section 6.3); 0 is avoided so a
    // zeroed reply never matches.
    if (++m_xid == 0)
        m_xid = 1;
    return m_xid;
}

void SlpDiscovery::note(const QString &text)
{
    if (m_notes.size() < 200)
        m_notes.append(text);
}

void SlpDiscovery::start()
{
    if (m_started)
        return;
    m_started = true;
    QMetaObject::invokeMethod(this, &SlpDiscovery::doStart, Qt::QueuedConnection);
}

void SlpDiscovery::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    finishNow();
}

void SlpDiscovery::doStart()
{
    if (m_finished)
        return;
    m_clock.start();
    m_overall.start(m_options.timeout);
    for (qsizetype i = 0; i < m_options.unicast.size(); ++i) {
        UnicastResult result;
        result.destination = m_options.unicast.at(i);
        m_unicast.append(result);
    }
    for (int i = 0; i < int(m_unicast.size()); ++i) {
        const QHostAddress literal(m_unicast.at(i).destination.host);
        if (!literal.isNull()) {
            startUnicast(i, literal);
            continue;
        }
        ++m_pendingLookups;
        m_lookups.append(QHostInfo::lookupHost(
            m_unicast.at(i).destination.host, this, [this, i](const QHostInfo &info) { onLookedUp(i, info); }));
    }
    if (m_options.multicast || m_options.broadcast)
        startMulticast();
    maybeFinish();
}

void SlpDiscovery::onLookedUp(int index, const QHostInfo &info)
{
    if (m_finished)
        return;
    --m_pendingLookups;
    m_lookups.removeOne(info.lookupId());
    QHostAddress chosen;
    for (const QHostAddress &address : info.addresses()) {
        // IPv4 first: SLP agents in the field (slpd on ESXi, OpenSLP) listen on IPv4.
        if (address.protocol() == QAbstractSocket::IPv4Protocol) {
            chosen = address;
            break;
        }
    }
    if (chosen.isNull() && !info.addresses().isEmpty())
        chosen = info.addresses().constFirst();
    if (chosen.isNull()) {
        UnicastResult &result = m_unicast[index];
        result.outcome = Outcome::HostNotFound;
        result.detail = info.errorString();
        maybeFinish();
        return;
    }
    startUnicast(index, chosen);
}

void SlpDiscovery::startUnicast(int index, const QHostAddress &address)
{
    UnicastResult &result = m_unicast[index];
    result.address = address;
    auto *socket = new QUdpSocket(this);
    connect(socket, &QUdpSocket::readyRead, this, [this, socket] { onDatagrams(socket); });
    connect(socket, &QUdpSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError error) {
        // Qt 6.4 reports a consumed or unmapped receive error as UnknownSocketError: not a verdict.
        if (error != QAbstractSocket::UnknownSocketError)
            onSocketError(socket);
    });
    // Connected, so the kernel hands back ICMP port unreachable as ECONNREFUSED [A1].
    socket->connectToHost(address, result.destination.port);

    auto request = std::make_unique<Request>();
    request->kind = Request::Kind::UnicastService;
    request->socket = socket;
    request->port = result.destination.port;
    request->xid = nextXid();
    request->unicastIndex = index;
    request->wait = m_options.unicastRetry;
    Request *raw = request.get();
    m_requests.push_back(std::move(request));
    connect(raw->timer.get(), &QTimer::timeout, this, [this, raw] { onRequestTimer(raw); });
    raw->timer->setSingleShot(true);
    raw->clock.start();
    Q_EMIT progress(tr("Asking %1 port %2 (unicast SrvRqst)").arg(address.toString()).arg(result.destination.port));
    send(*raw);
}

void SlpDiscovery::startMulticast()
{
    m_multicastSocket = new QUdpSocket(this);
    connect(m_multicastSocket, &QUdpSocket::readyRead, this, [this] { onDatagrams(m_multicastSocket); });
    if (!m_multicastSocket->bind(QHostAddress(QHostAddress::AnyIPv4), 0)) {
        m_multicastError = m_multicastSocket->errorString();
        return;
    }
    m_multicastSocket->setSocketOption(QAbstractSocket::MulticastTtlOption, m_options.multicastTtl);
    auto request = std::make_unique<Request>();
    request->kind = Request::Kind::MulticastService;
    request->socket = m_multicastSocket;
    if (m_options.multicast)
        request->targets.append(m_options.multicastGroup);
    if (m_options.broadcast)
        request->targets.append(QHostAddress(QHostAddress::Broadcast));
    request->port = m_options.multicastPort;
    request->xid = nextXid();
    request->wait = m_options.multicastWait;
    Request *raw = request.get();
    m_requests.push_back(std::move(request));
    connect(raw->timer.get(), &QTimer::timeout, this, [this, raw] { onRequestTimer(raw); });
    raw->timer->setSingleShot(true);
    raw->clock.start();
    Q_EMIT progress(m_options.multicast
            ? tr("Multicasting a SrvRqst for %1 to %2 port %3")
                  .arg(m_options.serviceType, m_options.multicastGroup.toString())
                  .arg(m_options.multicastPort)
            : tr("Broadcasting a SrvRqst for %1 to port %2").arg(m_options.serviceType).arg(m_options.multicastPort));
    send(*raw);
}

void SlpDiscovery::send(Request &request)
{
    SlpMessage message;
    message.header.xid = request.xid;
    message.header.languageTag = m_options.languageTag;
    message.scopeList = m_options.scopes.join(u',');
    if (request.kind == Request::Kind::Attributes) {
        message.header.function = SlpFunction::AttrRqst;
        message.url = request.advert.serviceUrl;
    } else {
        message.header.function = SlpFunction::SrvRqst;
        message.serviceType = m_options.serviceType;
        message.predicate = m_options.predicate;
    }
    if (request.kind == Request::Kind::MulticastService) {
        message.header.flags = SlpHeader::kRequestMulticast;
        QStringList responders;
        for (const QHostAddress &address : std::as_const(m_responders))
            responders.append(address.toString());
        message.previousResponders = responders.join(u',');
        request.respondersAtLastSend = m_responders.size();
        ++m_multicastSends;
    }
    const QByteArray datagram = SlpCodec::encode(message);
    ++request.sends;
    if (request.unicastIndex >= 0)
        ++m_unicast[request.unicastIndex].requestsSent;
    bool sent = false;
    if (request.targets.isEmpty()) {
        sent = request.socket->write(datagram) == datagram.size();
    } else {
        for (const QHostAddress &target : std::as_const(request.targets))
            sent = request.socket->writeDatagram(datagram, target, request.port) == datagram.size() || sent;
    }
    if (!sent) {
        if (request.socket->error() == QAbstractSocket::ConnectionRefusedError) {
            onSocketError(request.socket);
            return;
        }
        if (request.kind == Request::Kind::MulticastService && request.sends == 1)
            m_multicastError = request.socket->errorString();
        note(QStringLiteral("%1 not sent: %2")
                 .arg(slpFunctionName(message.header.function), request.socket->errorString()));
    }
    request.timer->start(request.wait);
}

void SlpDiscovery::onRequestTimer(Request *request)
{
    if (m_finished || request->done)
        return;
    const auto elapsed = std::chrono::milliseconds(request->clock.elapsed());
    if (request->kind == Request::Kind::MulticastService) {
        // Convergence (RFC 2608 section 6.3): stop once a retransmission with the PRList brought
        // nobody new, or at CONFIG_MC_MAX.
        const bool converged = request->sends >= 2 && m_responders.size() == request->respondersAtLastSend;
        if (converged || elapsed + request->wait * 2 > m_options.multicastMax) {
            finishRequest(*request);
            maybeFinish(); // converged: done now, not at the overall timeout
            return;
        }
        request->wait *= 2;
        send(*request);
        return;
    }
    if (elapsed >= m_options.unicastRetryMax) {
        if (request->kind == Request::Kind::UnicastService) {
            UnicastResult &result = m_unicast[request->unicastIndex];
            result.outcome = Outcome::NoAnswer;
            result.elapsedMs = request->clock.elapsed();
            finishRequest(*request);
            maybeFinish();
        } else {
            completeAdvert(*request, {},
                QStringLiteral("AttrRqst unanswered after %1 tries (%2 ms)").arg(request->sends).arg(elapsed.count()));
        }
        return;
    }
    request->wait = std::min(request->wait * 2, m_options.unicastRetryMax - elapsed);
    send(*request);
}

void SlpDiscovery::onDatagrams(QUdpSocket *socket)
{
    if (m_finished)
        return;
    if (socket != m_multicastSocket && socketRefused(socket)) {
        m_refused.insert(socket);
        onSocketError(socket);
        return;
    }
    while (socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = socket->receiveDatagram(SlpCodec::kMaxLength);
        if (!datagram.isValid())
            break;
        // A connected socket's datagrams carry no sender: it is the peer.
        const QHostAddress from = datagram.senderAddress().isNull() ? socket->peerAddress() : datagram.senderAddress();
        const quint16 port = datagram.senderAddress().isNull() ? socket->peerPort() : quint16(datagram.senderPort());
        handleReply(socket, datagram.data(), from, port);
        if (m_finished)
            return;
    }
}

void SlpDiscovery::onSocketError(QUdpSocket *socket)
{
    if (m_finished)
        return;
    const bool refused = m_refused.contains(socket) || socket->error() == QAbstractSocket::ConnectionRefusedError;
    for (auto &request : m_requests) {
        if (request->done || request->socket != socket)
            continue;
        if (request->kind == Request::Kind::UnicastService) {
            UnicastResult &result = m_unicast[request->unicastIndex];
            result.outcome = refused ? Outcome::PortUnreachable : Outcome::SocketError;
            result.detail = refused ? QStringLiteral("ECONNREFUSED") : socket->errorString();
            result.elapsedMs = request->clock.elapsed();
            finishRequest(*request);
        } else if (request->kind == Request::Kind::Attributes) {
            completeAdvert(*request, {}, QStringLiteral("AttrRqst failed: %1").arg(socket->errorString()));
        } else if (!refused) {
            note(QStringLiteral("multicast socket: %1").arg(socket->errorString()));
        }
    }
    maybeFinish();
}

void SlpDiscovery::handleReply(QUdpSocket *socket, const QByteArray &data, const QHostAddress &from, quint16 port)
{
    SlpParseError error;
    const std::optional<SlpMessage> message = SlpCodec::decode(data, &error);
    if (!message) {
        note(QStringLiteral("malformed datagram from %1 port %2 ignored: %3")
                 .arg(from.toString())
                 .arg(port)
                 .arg(error.toString()));
        return;
    }
    Request *request = nullptr;
    for (auto &candidate : m_requests) {
        if (candidate->socket == socket && candidate->xid == message->header.xid) {
            request = candidate.get();
            break;
        }
    }
    const SlpFunction expected
        = request && request->kind == Request::Kind::Attributes ? SlpFunction::AttrRply : SlpFunction::SrvRply;
    if (!request || message->header.function != expected) {
        note(QStringLiteral("%1 from %2 with XID %3 matches no request: ignored")
                 .arg(slpFunctionName(message->header.function), from.toString())
                 .arg(message->header.xid));
        return;
    }
    if (message->header.overflow()) {
        // RFC 2608 section 6.1 would repeat the request over TCP; the entries that did fit are used.
        note(QStringLiteral("%1 from %2 has the overflow flag: the reply was cut to fit a datagram")
                 .arg(slpFunctionName(message->header.function), from.toString()));
    }

    if (request->kind == Request::Kind::Attributes) {
        if (request->done)
            return; // an answer to a retransmission
        completeAdvert(*request, message->attributeList,
            message->errorCode ? QStringLiteral("AttrRply error %1").arg(slpErrorText(message->errorCode)) : QString());
        return;
    }

    const bool multicast = request->kind == Request::Kind::MulticastService;
    if (multicast) {
        if (m_responders.contains(from))
            return; // answered a retransmission despite the PRList
        m_responders.append(from);
        if (message->errorCode) {
            m_multicastErrors.append({from, message->errorCode});
            return;
        }
    } else {
        if (request->done)
            return;
        UnicastResult &result = m_unicast[request->unicastIndex];
        result.outcome = message->errorCode ? Outcome::ErrorReply : Outcome::Answered;
        result.errorCode = message->errorCode;
        result.urlCount = int(message->urlEntries.size());
        result.elapsedMs = request->clock.elapsed();
        finishRequest(*request);
    }
    for (const SlpUrlEntry &entry : message->urlEntries) {
        bool known = false;
        for (const WbemServiceAdvert &service : std::as_const(m_services))
            known = known || (service.serviceUrl == entry.url && service.source == from);
        for (const auto &pending : m_requests) {
            known = known
                || (pending->kind == Request::Kind::Attributes && pending->advert.serviceUrl == entry.url
                    && pending->advert.source == from);
        }
        if (known)
            continue;
        WbemServiceAdvert advert = WbemServiceAdvert::fromSlp(entry.url, SlpAttributeList {});
        advert.lifetime = entry.lifetime;
        advert.source = from;
        advert.sourcePort = port;
        advert.viaMulticast = multicast;
        if (m_options.fetchAttributes) {
            requestAttributes(socket, multicast ? from : QHostAddress(), port, advert);
        } else {
            m_services.append(advert);
            Q_EMIT serviceFound(advert);
        }
    }
    maybeFinish();
}

void SlpDiscovery::requestAttributes(
    QUdpSocket *socket, const QHostAddress &to, quint16 port, const WbemServiceAdvert &advert)
{
    auto request = std::make_unique<Request>();
    request->kind = Request::Kind::Attributes;
    request->socket = socket;
    if (!to.isNull())
        request->targets = {to};
    request->port = port;
    request->xid = nextXid();
    request->wait = m_options.unicastRetry;
    request->advert = advert;
    Request *raw = request.get();
    m_requests.push_back(std::move(request));
    connect(raw->timer.get(), &QTimer::timeout, this, [this, raw] { onRequestTimer(raw); });
    raw->timer->setSingleShot(true);
    raw->clock.start();
    send(*raw);
}

void SlpDiscovery::completeAdvert(Request &request, const QString &attributeList, const QString &error)
{
    WbemServiceAdvert advert = WbemServiceAdvert::fromSlp(request.advert.serviceUrl, attributeList);
    advert.lifetime = request.advert.lifetime;
    advert.source = request.advert.source;
    advert.sourcePort = request.advert.sourcePort;
    advert.viaMulticast = request.advert.viaMulticast;
    advert.attributesFetched = error.isEmpty();
    advert.attributeError = error;
    finishRequest(request);
    m_services.append(advert);
    Q_EMIT serviceFound(advert);
    maybeFinish();
}

void SlpDiscovery::finishRequest(Request &request)
{
    request.done = true;
    request.timer->stop();
}

void SlpDiscovery::maybeFinish()
{
    if (m_finished || !m_started || !m_clock.isValid() || m_pendingLookups > 0)
        return;
    for (const auto &request : m_requests) {
        if (!request->done)
            return;
    }
    finishNow();
}

void SlpDiscovery::finishNow()
{
    if (m_finished)
        return;
    m_finished = true;
    m_overall.stop();
    for (const int id : std::as_const(m_lookups))
        QHostInfo::abortHostLookup(id);
    m_lookups.clear();
    for (auto &request : m_requests) {
        if (request->done)
            continue;
        request->timer->stop();
        request->done = true;
        if (request->kind == Request::Kind::UnicastService) {
            UnicastResult &result = m_unicast[request->unicastIndex];
            result.outcome = Outcome::NoAnswer;
            result.elapsedMs = request->clock.elapsed();
        } else if (request->kind == Request::Kind::Attributes && !m_cancelled) {
            WbemServiceAdvert advert = request->advert;
            advert.attributeError = QStringLiteral("AttrRqst unanswered before the timeout");
            m_services.append(advert);
            Q_EMIT serviceFound(advert);
        }
    }
    for (UnicastResult &result : m_unicast) {
        if (result.outcome == Outcome::Pending) {
            result.outcome = Outcome::NoAnswer;
            result.detail = QStringLiteral("not asked before the timeout");
        }
    }
    // Sockets go with this object; closing now stops late datagrams from arriving.
    for (QUdpSocket *socket : findChildren<QUdpSocket *>())
        socket->close();
    Q_EMIT finished();
}

std::optional<SlpDiscovery::Destination> SlpDiscovery::parseDestination(const QString &text)
{
    SlpDiscovery::Destination destination;
    QString host = text.trimmed();
    QString port;
    if (host.startsWith(u'[')) {
        const qsizetype close = host.indexOf(u']');
        if (close < 0)
            return std::nullopt;
        const QString rest = host.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':'))
            return std::nullopt;
        port = rest.mid(1);
        host = host.mid(1, close - 1);
        if (rest == QStringLiteral(":"))
            return std::nullopt;
    } else if (host.count(u':') == 1) {
        port = host.section(u':', 1);
        host = host.section(u':', 0, 0);
        if (port.isEmpty())
            return std::nullopt;
    }
    if (host.isEmpty())
        return std::nullopt;
    destination.host = host;
    if (!port.isEmpty()) {
        bool ok = false;
        const uint number = port.toUInt(&ok);
        if (!ok || number == 0 || number > 65535)
            return std::nullopt;
        destination.port = quint16(number);
    }
    return destination;
}

} // namespace cimdiag
