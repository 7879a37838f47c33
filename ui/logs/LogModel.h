// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/log/DiagnosticLog.h"
#include "core/log/LogEntry.h"
#include "core/log/LogRedactor.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QPalette>
#include <QPointer>
#include <QTimer>

#include <array>
#include <deque>
#include <vector>

namespace cimdiag {

/// The live log as a table (time, severity, source, text) for LogView. Holds at most capacity()
/// lines: when full, the oldest rows are removed before new ones are inserted, so a million-line
/// run keeps the newest lines and bounded memory. Entries are buffered and inserted in batches at
/// most every batchInterval() ms, so a burst of 100,000 lines a second costs the view a few row
/// insertions a second instead of one per line.
///
/// Multi-line or long texts (HTTP bodies) are folded in Qt::DisplayRole to their first line and a
/// note of what was left out; the full text, cut at fullTextLimit() characters, is in FullTextRole
/// and, up to kToolTipLines lines, in Qt::ToolTipRole.
class LogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, SeverityColumn, SourceColumn, TextColumn, ColumnCount };
    enum Role {
        FullTextRole = Qt::UserRole + 1, ///< QString: the whole (cut at fullTextLimit()) text
        SeverityRole, ///< int: LogSeverity
        ChannelRole, ///< int: LogChannel
        TimeRole, ///< QDateTime as the entry has it (UTC from DiagnosticLog)
    };

    static constexpr qsizetype kDefaultCapacity = 1000000;
    static constexpr int kDefaultBatchIntervalMs = 50;
    /// What Qt::DisplayRole shows of one text at most; longer ones end in a note of what was cut.
    static constexpr qsizetype kDisplayLimit = 400;
    /// A 50 MB enumeration reply logged as one HTTP body must not cost 100 MB of UTF-16 here.
    static constexpr qsizetype kDefaultFullTextLimit = 64 * 1024;
    /// Qt::ToolTipRole shows the full text up to this many lines / characters (a tooltip must fit
    /// on the screen); FullTextRole and Copy always give all of it.
    static constexpr int kToolTipLines = 40;
    static constexpr qsizetype kToolTipLimit = 4000;

    explicit LogModel(QObject *parent = nullptr);
    ~LogModel() override;
    Q_DISABLE_COPY_MOVE(LogModel)

    /// Shows log's entries (those it holds now, then every one it adds); nullptr detaches. The model
    /// does not own log and stops listening when it is destroyed.
    void setLog(DiagnosticLog *log);
    DiagnosticLog *log() const { return m_log; }

    /// Buffers entries for the next batch (see batchInterval()).
    void appendEntry(const LogEntry &entry);
    void appendEntries(const QList<LogEntry> &entries);
    /// Inserts what is buffered now instead of at the next batch.
    void flush();
    qsizetype pendingCount() const { return qsizetype(m_pending.size()); }
    /// Removes every row and what is buffered (droppedCount() restarts at 0).
    void clear();

    qsizetype capacity() const { return m_capacity; }
    /// Removes the oldest rows at once when there are more than capacity (at least 1).
    void setCapacity(qsizetype capacity);
    /// Rows removed (or never inserted) because the model was full.
    qsizetype droppedCount() const { return m_dropped; }

    int batchInterval() const { return m_batchTimer.interval(); }
    void setBatchInterval(int milliseconds);

    qsizetype fullTextLimit() const { return m_fullTextLimit; }
    /// Applies to entries added from now on.
    void setFullTextLimit(qsizetype characters);

    /// Applied to every entry added from now on. DiagnosticLog has redacted them already; this is a
    /// second line of defence for entries that come from elsewhere (appendEntries()).
    void setRedactor(const LogRedactor &redactor) { m_redactor = redactor; }
    const LogRedactor &redactor() const { return m_redactor; }

    /// The palette the severity colours are derived from (LogView passes its own on every change);
    /// initially the application's.
    void setPalette(const QPalette &palette);
    /// The foreground of a severity's rows: readable (WCAG contrast >= 4.5) on the palette's Base.
    QColor severityColor(LogSeverity severity) const { return m_severityColors.at(size_t(severity)); }

    /// One stored line, a value: copies share the texts, so a snapshot of many rows is cheap and may
    /// be formatted on another thread (LogView's background save).
    struct Row
    {
        QDateTime time;
        QString source;
        QString text;
        /// UTF-8 size of the text as it arrived (before any cut); 0 unless folded.
        qint64 bytes = 0;
        /// Lines after the first; 0 unless folded.
        qint32 moreLines = 0;
        LogChannel channel = LogChannel::Check;
        LogSeverity severity = LogSeverity::Info;
        bool folded = false;
        bool cut = false;
    };

    // Cheap per-row access for LogFilterProxy and LogView (row in this model's rows, no checks).
    LogChannel channelAt(int row) const { return m_rows[size_t(row)].channel; }
    LogSeverity severityAt(int row) const { return m_rows[size_t(row)].severity; }
    const QString &sourceAt(int row) const { return m_rows[size_t(row)].source; }
    /// The stored text: the entry's, redacted, cut at fullTextLimit().
    const QString &textAt(int row) const { return m_rows[size_t(row)].text; }
    const Row &rowAt(int row) const { return m_rows[size_t(row)]; }
    /// "time<TAB>severity<TAB>source<TAB>full text", as Copy and Save write a row. Thread-safe.
    static QString exportLine(const Row &row);
    QString exportLine(int row) const { return exportLine(rowAt(row)); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString severityText(LogSeverity severity);

private:
    Row makeRow(const LogEntry &entry) const;
    QString displayText(const Row &row) const;
    static QString fullText(const Row &row);
    static QString toolTipText(const Row &row);
    void scheduleFlush();
    void removeOldest(qsizetype count);

    std::deque<Row> m_rows;
    std::vector<LogEntry> m_pending;
    QTimer m_batchTimer;
    QPointer<DiagnosticLog> m_log;
    QMetaObject::Connection m_logConnection;
    LogRedactor m_redactor;
    std::array<QColor, 4> m_severityColors;
    qsizetype m_capacity = kDefaultCapacity;
    qsizetype m_fullTextLimit = kDefaultFullTextLimit;
    qsizetype m_dropped = 0;
};

} // namespace cimdiag
