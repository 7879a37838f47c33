// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/wbem/WbemOperationRecorder.h"

#include <QPointer>
#include <QString>

#include <functional>

class QIODevice;

namespace cimdiag {

/// Writes operations as text to a sink (pywbem's LogOperationRecorder), on two channels:
/// - "operation": one line per operation when it finishes: "Request: Method(args)" and then
///   "Return: Method(summary)" or "Exception: Method(error)". Detail level Summary gives counts,
///   Full gives arguments as JSON and the decoded result as text; each message is cut at
///   maxOperationLength characters.
/// - "http": per exchange, the request line, headers and body, then the status line, headers and
///   body; bodies cut at maxHttpBodyLength characters ("... (N more characters)", or for a body
///   over 4x that "... (N more bytes)": only its head is decoded, and only that head, 4 bytes a
///   character, is asked of the connection, keptBodyBytes()).
/// Text is protocol output (English, untranslated); secrets arrive redacted.
class WbemLogRecorder final : public WbemOperationRecorder
{
public:
    enum class Channel : quint8 { Operation, Http };
    enum class Detail : quint8 { Summary, Full };
    using Sink = std::function<void(Channel, const QString &)>;

    explicit WbemLogRecorder(Sink sink);
    /// Writes "[operation] text" / "[http] text" lines to device (which must outlive nothing: a
    /// destroyed device is skipped).
    explicit WbemLogRecorder(QIODevice *device);

    static QString channelName(Channel channel);

    void setOperationChannelEnabled(bool enabled) { m_operationChannel = enabled; }
    void setHttpChannelEnabled(bool enabled) { m_httpChannel = enabled; }
    void setDetail(Detail detail) { m_detail = detail; }
    void setMaxOperationLength(qsizetype length) { m_maxOperationLength = length; }
    void setMaxHttpBodyLength(qsizetype length) { m_maxHttpBodyLength = length; }

    bool wantsReplyBody() const override { return m_httpChannel; }
    qsizetype keptBodyBytes() const override;
    void record(const WbemExchange &exchange) override;

private:
    void emitText(Channel channel, QString text) const;
    QString cut(const QString &text, qsizetype max) const;
    /// cut() of a UTF-8 body of which omitted more bytes were left out, decoding only what is kept.
    QString cutBody(const QByteArray &body, qsizetype omitted, qsizetype max) const;

    Sink m_sink;
    QPointer<QIODevice> m_device;
    bool m_operationChannel = true;
    bool m_httpChannel = true;
    Detail m_detail = Detail::Summary;
    qsizetype m_maxOperationLength = 1000;
    qsizetype m_maxHttpBodyLength = 4000;
};

} // namespace cimdiag
