// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/sim/SimHttpServer.h"
#include "core/sim/SimRawReply.h"
#include "core/sim/SimReceivedRequest.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace cimdiag {

/// Answers requests from a session a WbemSessionRecorder wrote (its header documents the format),
/// at the HTTP level: the recorded status, reason, headers and raw body, so 401 challenges, CIMError
/// 400s and invalid XML replay exactly as they were received. Install it with
/// `server->setRawResponder(replay->responder())`; it then answers every request itself.
///
/// Matching, for each incoming request (CIMMethod and CIMObject read from the headers, NN- prefixed
/// for an M-POST; CIMMethod compared case-insensitively, CIMObject percent-decoded and compared
/// case-insensitively as CIM names are; bodies compared byte for byte after the MESSAGE ID attribute
/// value is blanked in both):
/// 1. the first unanswered recorded exchange with the same CIMMethod, CIMObject and body, preferring
///    one whose Authorization scheme (or absence) is the same, so a challenge/retry pair replays
///    in order;
/// 2. else the first unanswered exchange with the same CIMMethod and CIMObject (the arguments
///    differ, e.g. another key value);
/// 3. else, when every exchange with the same CIMMethod, CIMObject and body was answered already, the
///    least often replayed of them again (the same Authorization scheme first, then recorded order):
///    a repeated identical request gets an answer it got before, and running the whole session
///    again replays it in the recorded order again;
/// 4. else no match: HTTP 200 with a CIM-XML error CIM_ERR_FAILED "no recorded exchange matches
///    <CIMMethod> on <CIMObject> ..." when the body is a CIM-XML request (every CIM client shows a
///    CIM error's description, while a bare 404 says nothing about the cause), or 400 with
///    `CIMError: request-not-valid` and the same text as a text/plain body when it is not.
/// Credentials are not checked: a recorded 401 replays as 401 whatever the client sends now.
///
/// The reply's MESSAGE ID is rewritten to the incoming request's (DSP0201: a response echoes its
/// request's ID). Content-Length is recomputed; Connection, Keep-Alive, Transfer-Encoding and
/// Content-Encoding are dropped (the body was recorded decoded and is sent unchunked), and a recorded
/// `Connection: close` closes the connection again. An exchange recorded without a reply (the
/// connection failed or timed out) replays as a connection closed without an answer.
///
/// Not thread-safe; it lives on the server's thread and must outlive the responder it hands out.
class SimSessionReplay final
{
    Q_DISABLE_COPY_MOVE(SimSessionReplay)

public:
    /// One recorded exchange as the replay uses it.
    struct Exchange
    {
        int line = 0; ///< 1-based line in the file
        qint64 seq = 0; ///< the recorder's sequence number
        QByteArray cimMethod;
        QString cimObject; ///< percent-decoded
        QByteArray authScheme; ///< "basic", or empty when the request had no Authorization
        QByteArray normalizedBody;
        SimRawReply reply; ///< dropConnection when no reply was recorded
        int answered = 0; ///< how often it was replayed
    };

    /// Parses a recorded session; on bad input returns nullptr and sets error to
    /// "SOURCE:LINE: what is wrong".
    static std::unique_ptr<SimSessionReplay> fromData(
        QByteArrayView data, const QString &source, QString *error = nullptr);
    static std::unique_ptr<SimSessionReplay> fromFile(const QString &path, QString *error = nullptr);

    /// Answers one request by the rules above (and counts it).
    SimRawReply answer(const SimReceivedRequest &request);
    /// answer() for SimHttpServer::setRawResponder(); holds a pointer to this.
    SimHttpServer::RawResponder responder();
    /// Marks every exchange unanswered again.
    void rewind();

    QString source() const { return m_source; }
    const QList<Exchange> &exchanges() const { return m_exchanges; }
    /// The recorder's seq of the exchange each request was answered with, in arrival order; 0 for
    /// a request no exchange matched.
    const QList<qint64> &answeredSequence() const { return m_answeredSequence; }
    qsizetype unansweredCount() const;

    /// The MESSAGE ID attribute value of a CIM-XML body; empty when there is none.
    static QByteArray messageId(const QByteArray &body);
    /// body with the MESSAGE ID attribute value replaced by id (unchanged when there is none).
    static QByteArray withMessageId(const QByteArray &body, const QByteArray &id);

private:
    SimSessionReplay() = default;
    SimRawReply unmatched(const SimReceivedRequest &request, const QByteArray &cimMethod, const QString &cimObject);

    QString m_source;
    QList<Exchange> m_exchanges;
    QList<qint64> m_answeredSequence;
};

} // namespace cimdiag
