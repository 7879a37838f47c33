// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimSlpOptions.h"
#include "core/sim/SimSlpRequest.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

class QUdpSocket;

namespace cimdiag {

/// The simulator's SLPv2 service agent: answers SrvRqst, AttrRqst and SrvTypeRqst for
/// service:wbem on one UDP port, as slpd does for a registered CIMOM.
///
/// Like a real agent (RFC 2608 section 6.3): a request whose PRList holds the responder's address
/// is not answered; a multicast request (R flag) that matches nothing or no scope is dropped
/// silently, a unicast one answered with an error (SCOPE_NOT_SUPPORTED [A5], PARSE_ERROR,
/// VER_NOT_SUPPORTED). Multicast is joined only when asked (a privileged port on a real network).
class SimSlpResponder final : public QObject
{
    Q_OBJECT

public:
    explicit SimSlpResponder(QObject *parent = nullptr);
    ~SimSlpResponder() override;
    Q_DISABLE_COPY_MOVE(SimSlpResponder)

    /// substitutions replace {name} in URLs and attribute values ({host}, {httpPort}, {httpsPort}).
    void setOptions(const SimSlpOptions &options, const QHash<QString, QString> &substitutions = {});
    /// Binds address:port (0 picks a free port). With joinMulticast, also joins 239.255.255.253
    /// (needs address Any and, for port 427, privileges); a failed join is only reported in
    /// multicastError(). False with errorString() when the port cannot be bound.
    bool listen(const QHostAddress &address, quint16 port, bool joinMulticast = false);
    void close();
    quint16 port() const;
    QString errorString() const { return m_errorString; }
    QString multicastError() const { return m_multicastError; }

    /// The advertised URLs after substitution.
    QStringList urls() const;
    /// The attribute list as sent in an AttrRply.
    QString attributeList() const;

    const QList<SimSlpRequest> &requests() const { return m_requests; }

Q_SIGNALS:
    void requestReceived();

private:
    void onReadyRead();
    QByteArray answer(const SlpMessage &request, const QHostAddress &from) const;
    QString substitute(QString text) const;

    QUdpSocket *m_socket = nullptr;
    SimSlpOptions m_options;
    QHash<QString, QString> m_substitutions;
    QList<SimSlpRequest> m_requests;
    QString m_errorString;
    QString m_multicastError;
};

} // namespace cimdiag
