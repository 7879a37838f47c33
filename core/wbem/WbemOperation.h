// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cimxml/CimOperationRequest.h"
#include "core/cimxml/CimOperationResponse.h"
#include "core/wbem/WbemError.h"
#include "core/wbem/WbemExchange.h"
#include "core/wbem/WbemTlsInfo.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

class QNetworkReply;

namespace cimdiag {

class CimXmlReader;
class WbemConnection;

/// One CIM-XML operation in flight: the async handle WbemConnection::start() and its typed
/// conveniences return. It is a child of its connection; delete it (deleteLater()) once finished
/// when you no longer need the result, or it lives as long as the connection.
///
/// The request goes out from a queued call, so connecting to finished() right after start() is
/// always in time. finished() is emitted exactly once: on success, on any error, on timeout and on
/// cancel(). Before finished(), results are not valid; after it, error() is null on success and
/// response() holds the decoded reply (for a CIM error, error().kind is Cim and response().status
/// holds the same status).
class WbemOperation final : public QObject
{
    Q_OBJECT

public:
    ~WbemOperation() override;
    Q_DISABLE_COPY_MOVE(WbemOperation)

    const CimOperationRequest &request() const { return m_request; }
    /// A number unique within the connection; recorders use it to group exchanges.
    quint64 id() const { return m_id; }

    bool isFinished() const { return m_finished; }
    /// Valid after finished(): null on success.
    const WbemError &error() const { return m_error; }
    /// Valid after finished(); while running, the objects decoded so far.
    const CimOperationResponse &response() const;
    /// Moves the response out (after finished()).
    CimOperationResponse takeResponse();

    /// After finished(): the HTTP status of the final reply (0 when none arrived).
    int httpStatus() const { return m_status; }
    /// After finished(): the time from sending to the end of the reply, as the client saw it.
    std::chrono::microseconds clientTime() const { return m_clientTime; }
    /// After finished(): WBEMServerResponseTime, when the server sent it.
    std::optional<std::chrono::microseconds> serverTime() const { return m_serverTime; }
    qint64 requestSize() const { return m_requestBody.size(); }
    qint64 replySize() const { return m_replySize; }
    /// https only, after finished(): what the TLS handshake negotiated and the peer chain.
    const WbemTlsInfo &tlsInfo() const { return m_tlsInfo; }

public Q_SLOTS:
    /// Aborts the operation: finished() is emitted (before cancel() returns) with a Cancelled error.
    /// Does nothing once finished.
    void cancel();

Q_SIGNALS:
    /// Emitted exactly once, when the result (error() and response()) is valid.
    void finished();
    /// Emitted as reply bytes arrive (total so far), for progress display.
    void bytesReceived(qint64 total);

private:
    friend class WbemConnection;
    WbemOperation(WbemConnection *connection, quint64 id, CimOperationRequest request);

    void doStart();
    void sendAttempt();
    void onMetaData();
    /// readyRead: notes the activity (read timeout) and leaves the decoding to the drain.
    void onReplyReadyRead();
    /// Decodes the next slice (kDecodeSlice) of what the reply holds.
    void onReadyRead();
    /// Decodes the next slice of what the reply holds on the next event-loop pass (kDecodeSlice).
    void scheduleDrain();
    void onReplyFinished();
    void onTimeout();
    void onDeadline();
    void onSslErrors(const QList<QSslError> &errors);
    void onEncrypted();
    void onRequestSent();
    void captureTls();
    bool shouldRetryWithCredentials() const;
    void setError(WbemError error);
    void recordExchange(bool isFinal);
    void finish();
    /// Stops whatever is in flight and finishes with error (nothing once finished).
    void finishWith(WbemError error);
    WbemError timeoutError() const;
    /// Disconnects from the reply and stops reacting: the connection is going away.
    void abandon();

    QPointer<WbemConnection> m_connection;
    quint64 m_id = 0;
    CimOperationRequest m_request;
    QByteArray m_requestBody;

    QPointer<QNetworkReply> m_reply;
    std::unique_ptr<CimXmlReader> m_reader;
    QTimer m_timer;
    QTimer m_deadline; ///< totalTimeout
    QElapsedTimer m_elapsed;
    QDateTime m_startedAt;
    WbemExchange::HeaderList m_sentHeaders;
    WbemExchange::HeaderList m_lastReplyHeaders;

    int m_attempt = 0;
    bool m_sendAuthorization = false;
    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_timedOut = false;
    bool m_deadlinePassed = false;
    bool m_tooLarge = false;
    bool m_pinMismatch = false;
    bool m_headersChecked = false;
    bool m_decode = false;
    bool m_keepBody = false;
    /// A decode of the bytes already received is scheduled (scheduleDrain()).
    bool m_drainPending = false;
    /// The reply finished with bytes still to decode; onReplyFinished() runs again after them.
    bool m_replyFinishedPending = false;
    WbemError::TimeoutPhase m_phase = WbemError::TimeoutPhase::Connect;
    QList<QSslError> m_unacceptedSslErrors;

    int m_status = 0;
    QByteArray m_reason;
    QByteArray m_replyBody;
    bool m_replyBodyTruncated = false;
    qint64 m_replySize = 0;
    std::chrono::microseconds m_clientTime {0};
    std::optional<std::chrono::microseconds> m_serverTime;
    WbemTlsInfo m_tlsInfo;
    WbemError m_error;
    CimOperationResponse m_response;
};

} // namespace cimdiag
