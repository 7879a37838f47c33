// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/slp/WbemServiceAdvert.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

class QUdpSocket;
class QHostInfo;

namespace cimdiag {

/// One SLPv2 user-agent query for WBEM servers (an async handle, STYLE.md): a SrvRqst by multicast
/// (or broadcast) and/or unicast, then an AttrRqst to every URL found, each answer mapped to a
/// WbemServiceAdvert.
///
/// Timers are RFC 2608's (section 13): a unicast request is retransmitted after CONFIG_RETRY
/// (2 s), doubling, and given up after CONFIG_RETRY_MAX (15 s); a multicast request is
/// retransmitted with the previous-responder list (PRList) after multicastWait, doubling, until a
/// retransmission brings no new responder (convergence, section 6.3) or CONFIG_MC_MAX (15 s).
/// options.timeout bounds the whole query. Replies whose XID matches no request are ignored.
///
/// Unicast uses a connected UDP socket per destination, so the ICMP port-unreachable of a host
/// without an SLP agent comes back as ECONNREFUSED [A1] and is told apart from silence.
///
/// serviceFound() fires once per (URL, responder) when its attributes are in (or failed);
/// finished() fires exactly once, never from inside start(); results are complete after it.
class SlpDiscovery final : public QObject
{
    Q_OBJECT

public:
    struct Destination
    {
        QString host; ///< a name or an address literal
        quint16 port = 427;
    };
    /// "host", "host:port", "[v6]:port", "v6" -> destination; nullopt for an empty host or a bad port.
    static std::optional<Destination> parseDestination(const QString &text);

    struct Options
    {
        QString serviceType = QStringLiteral("service:wbem");
        QStringList scopes = {QStringLiteral("DEFAULT")};
        QString predicate;
        QString languageTag = QStringLiteral("en");
        /// Multicast to group:port (RFC 2608: 239.255.255.253:427). Tests aim it at 127.0.0.1.
        bool multicast = true;
        QHostAddress multicastGroup = QHostAddress(QStringLiteral("239.255.255.253"));
        quint16 multicastPort = 427;
        int multicastTtl = 8;
        /// Broadcast to 255.255.255.255:multicastPort as well (networks without multicast).
        bool broadcast = false;
        QList<Destination> unicast;
        /// Ask every URL found for its attributes (AttrRqst).
        bool fetchAttributes = true;
        std::chrono::milliseconds timeout {15000};
        std::chrono::milliseconds unicastRetry {2000}; ///< CONFIG_RETRY
        std::chrono::milliseconds unicastRetryMax {15000}; ///< CONFIG_RETRY_MAX
        std::chrono::milliseconds multicastWait {1000}; ///< first wait; doubles
        std::chrono::milliseconds multicastMax {15000}; ///< CONFIG_MC_MAX
    };

    /// What one unicast destination did.
    enum class Outcome : quint8 {
        Pending,
        Answered, ///< a SrvRply with error code 0 (perhaps no URL)
        ErrorReply, ///< a SrvRply with an error code (errorCode)
        NoAnswer, ///< silence until CONFIG_RETRY_MAX or the timeout (firewall, host down) [A1]
        PortUnreachable, ///< ICMP port unreachable: ECONNREFUSED on the connected socket [A1]
        HostNotFound,
        SocketError,
    };
    static QString outcomeName(Outcome outcome); ///< "answered", "no-answer", "port-unreachable", ...

    struct UnicastResult
    {
        Destination destination;
        QHostAddress address;
        Outcome outcome = Outcome::Pending;
        quint16 errorCode = 0;
        int urlCount = 0;
        int requestsSent = 0;
        qint64 elapsedMs = 0;
        QString detail; ///< the socket's or resolver's words
    };

    explicit SlpDiscovery(Options options, QObject *parent = nullptr);
    ~SlpDiscovery() override;
    Q_DISABLE_COPY_MOVE(SlpDiscovery)

    const Options &options() const { return m_options; }
    void start();
    /// Stops everything; finished() follows at once (results so far kept). Nothing once finished.
    void cancel();
    bool isFinished() const { return m_finished; }
    bool wasCancelled() const { return m_cancelled; }

    const QList<WbemServiceAdvert> &services() const { return m_services; }
    const QList<UnicastResult> &unicastResults() const { return m_unicast; }
    /// Addresses that answered the multicast/broadcast SrvRqst (the final PRList).
    QList<QHostAddress> multicastResponders() const { return m_responders; }
    int multicastRequestsSent() const { return m_multicastSends; }
    /// Error codes of multicast SrvRply messages (agents should not send them, some do).
    const QList<std::pair<QHostAddress, quint16>> &multicastErrors() const { return m_multicastErrors; }
    /// Untranslated lines about datagrams that were ignored (malformed, XID mismatch, overflow).
    const QStringList &notes() const { return m_notes; }
    /// Why multicast was not sent (cannot bind, no route), empty otherwise.
    QString multicastError() const { return m_multicastError; }

Q_SIGNALS:
    void serviceFound(const cimdiag::WbemServiceAdvert &advert);
    /// A short progress line ("Asking 10.0.0.5:427").
    void progress(const QString &text);
    void finished();

private:
    struct Request;
    void doStart();
    void startUnicast(int index, const QHostAddress &address);
    void onLookedUp(int index, const QHostInfo &info);
    void startMulticast();
    void send(Request &request);
    void onRequestTimer(Request *request);
    void onDatagrams(QUdpSocket *socket);
    void onSocketError(QUdpSocket *socket);
    void handleReply(QUdpSocket *socket, const QByteArray &data, const QHostAddress &from, quint16 port);
    void requestAttributes(QUdpSocket *socket, const QHostAddress &to, quint16 port, const WbemServiceAdvert &advert);
    void completeAdvert(Request &request, const QString &attributeList, const QString &error);
    void finishRequest(Request &request);
    void maybeFinish();
    void finishNow();
    void note(const QString &text);
    quint16 nextXid();

    Options m_options;
    QList<UnicastResult> m_unicast;
    QList<WbemServiceAdvert> m_services;
    QList<QHostAddress> m_responders;
    QList<std::pair<QHostAddress, quint16>> m_multicastErrors;
    QStringList m_notes;
    QString m_multicastError;
    std::vector<std::unique_ptr<Request>> m_requests;
    QUdpSocket *m_multicastSocket = nullptr;
    QSet<const QUdpSocket *> m_refused;
    QList<int> m_lookups;
    QTimer m_overall;
    QElapsedTimer m_clock;
    quint16 m_xid = 0;
    int m_multicastSends = 0;
    int m_pendingLookups = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
};

} // namespace cimdiag
