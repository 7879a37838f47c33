// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/logs/LogModel.h"

#include "core/log/DiagnosticLog.h"

#include <QGuiApplication>
#include <QLocale>

#include <cmath>

namespace cimdiag {

namespace {

// Qt has no way to ask for a string's UTF-8 size without encoding it; a 64 KiB body would be encoded
// once per entry only to be counted, so count the code units instead (same rules as QUtf8).
qint64 utf8Size(QStringView text)
{
    qint64 bytes = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x80)
            bytes += 1;
        else if (u < 0x800)
            bytes += 2;
        else if (QChar::isSurrogate(u))
            bytes += 2; // a pair is 4 bytes; a lone surrogate becomes U+FFFD (3), close enough
        else
            bytes += 3;
    }
    return bytes;
}

// WCAG 2.x relative luminance and contrast ratio: the usual measure of "readable on this background".
double relativeLuminance(const QColor &color)
{
    const auto channel = [](float value) {
        const double v = value;
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

// A colour of the given hue that reads on the palette's Base: start at mid lightness and move toward
// the palette's own Text (lighter in a dark palette, darker in a light one) until the contrast is
// enough. Falls back to Text itself, which the palette's author made readable.
QColor readableColor(const QPalette &palette, float hue, float saturation)
{
    constexpr double kMinContrast = 4.5; // WCAG AA for normal text
    const QColor base = palette.color(QPalette::Active, QPalette::Base);
    const QColor text = palette.color(QPalette::Active, QPalette::Text);
    const float step = text.lightnessF() >= base.lightnessF() ? 0.02F : -0.02F;
    for (float lightness = 0.5F; lightness >= 0.0F && lightness <= 1.0F; lightness += step) {
        const QColor candidate = QColor::fromHslF(hue, saturation, lightness);
        if (contrastRatio(candidate, base) >= kMinContrast)
            return candidate;
    }
    return text;
}

} // namespace

LogModel::LogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(kDefaultBatchIntervalMs);
    connect(&m_batchTimer, &QTimer::timeout, this, &LogModel::flush);
    setPalette(QGuiApplication::palette());
}

LogModel::~LogModel() = default;

void LogModel::setLog(DiagnosticLog *log)
{
    if (m_logConnection)
        disconnect(m_logConnection);
    m_log = log;
    if (log == nullptr)
        return;
    appendEntries(log->entries());
    // `this` as the context: the connection goes when the model does, whichever dies first.
    m_logConnection = connect(log, &DiagnosticLog::entryAdded, this, &LogModel::appendEntry);
}

void LogModel::appendEntry(const LogEntry &entry)
{
    m_pending.push_back(entry);
    scheduleFlush();
}

void LogModel::appendEntries(const QList<LogEntry> &entries)
{
    if (entries.isEmpty())
        return;
    m_pending.insert(m_pending.end(), entries.cbegin(), entries.cend());
    scheduleFlush();
}

void LogModel::scheduleFlush()
{
    // Single shot, started by the first entry of a batch: a steady stream gets one insertion per
    // interval, a lone entry shows up within one interval.
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void LogModel::flush()
{
    m_batchTimer.stop();
    if (m_pending.empty())
        return;
    // Of a burst larger than the whole model only the newest capacity() entries can stay.
    const auto total = qsizetype(m_pending.size());
    const qsizetype skipped = qMax<qsizetype>(0, total - m_capacity);
    const qsizetype count = total - skipped;
    m_dropped += skipped;

    // Remove before insert (STYLE.md): the view never sees more than capacity() rows.
    const qsizetype overflow = qsizetype(m_rows.size()) + count - m_capacity;
    if (overflow > 0)
        removeOldest(overflow);

    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(count) - 1);
    for (auto it = m_pending.cbegin() + skipped; it != m_pending.cend(); ++it)
        m_rows.push_back(makeRow(*it));
    endInsertRows();
    m_pending.clear();
    // A burst leaves a large buffer behind; give it back rather than hold it for the next one.
    if (m_pending.capacity() > 65536)
        m_pending.shrink_to_fit();
}

void LogModel::removeOldest(qsizetype count)
{
    count = qMin(count, qsizetype(m_rows.size()));
    if (count <= 0)
        return;
    beginRemoveRows(QModelIndex(), 0, int(count) - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + count);
    endRemoveRows();
    m_dropped += count;
}

void LogModel::clear()
{
    m_batchTimer.stop();
    m_pending.clear();
    beginResetModel();
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_dropped = 0;
    endResetModel();
}

void LogModel::setCapacity(qsizetype capacity)
{
    m_capacity = qMax<qsizetype>(1, capacity);
    removeOldest(qsizetype(m_rows.size()) - m_capacity);
}

void LogModel::setBatchInterval(int milliseconds)
{
    m_batchTimer.setInterval(qMax(0, milliseconds));
}

void LogModel::setFullTextLimit(qsizetype characters)
{
    m_fullTextLimit = qMax<qsizetype>(kDisplayLimit, characters);
}

void LogModel::setPalette(const QPalette &palette)
{
    m_severityColors[size_t(LogSeverity::Debug)] = readableColor(palette, 0.0F, 0.0F);
    m_severityColors[size_t(LogSeverity::Info)] = palette.color(QPalette::Active, QPalette::Text);
    m_severityColors[size_t(LogSeverity::Warning)] = readableColor(palette, 35.0F / 360.0F, 1.0F);
    m_severityColors[size_t(LogSeverity::Error)] = readableColor(palette, 0.0F, 0.85F);
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::ForegroundRole});
}

LogModel::Row LogModel::makeRow(const LogEntry &entry) const
{
    Row row;
    row.time = entry.time;
    row.source = entry.source;
    row.channel = entry.channel;
    row.severity = entry.severity;
    row.text = m_redactor.isEmpty() ? entry.text : m_redactor.redact(entry.text);

    // "HTTP/1.1 200 OK\r\n" and bodies ending in a newline: the trailing line break says nothing.
    qsizetype end = row.text.size();
    while (end > 0 && (row.text.at(end - 1) == u'\n' || row.text.at(end - 1) == u'\r'))
        --end;
    if (end != row.text.size())
        row.text.truncate(end);

    const qsizetype newline = row.text.indexOf(u'\n');
    if (newline >= 0 || row.text.size() > kDisplayLimit) {
        row.folded = true;
        row.bytes = utf8Size(row.text);
        row.moreLines = newline >= 0 ? qint32(QStringView(row.text).mid(newline).count(u'\n')) : 0;
    }
    if (row.text.size() > m_fullTextLimit) {
        qsizetype cut = m_fullTextLimit;
        if (row.text.at(cut - 1).isHighSurrogate())
            --cut; // never leave half a surrogate pair behind
        row.text.truncate(cut);
        row.text.squeeze();
        row.cut = true;
    }
    return row;
}

QString LogModel::displayText(const Row &row) const
{
    if (!row.folded)
        return row.text;
    QStringView first(row.text);
    if (const qsizetype newline = first.indexOf(u'\n'); newline >= 0)
        first = first.left(newline);
    if (first.endsWith(u'\r'))
        first.chop(1);
    if (first.size() > kDisplayLimit)
        first = first.left(kDisplayLimit);
    const QString bytes = QLocale().toString(row.bytes);
    const QString note = row.moreLines > 0 ? tr("… (%n more line(s), %1 bytes)", nullptr, row.moreLines).arg(bytes)
                                           : tr("… (%1 bytes)").arg(bytes);
    return first % u' ' % note;
}

QString LogModel::fullText(const Row &row)
{
    if (!row.cut)
        return row.text;
    return row.text % u'\n'
        % tr("[cut: the first %1 characters of %2 bytes are shown]")
              .arg(QLocale().toString(row.text.size()), QLocale().toString(row.bytes));
}

QString LogModel::toolTipText(const Row &row)
{
    // A tooltip taller than the screen helps nobody: the head of the text, and where to get the rest.
    qsizetype end = 0;
    int lines = 0;
    while (end < row.text.size() && end < kToolTipLimit && lines < kToolTipLines) {
        const qsizetype newline = row.text.indexOf(u'\n', end);
        if (newline < 0) {
            end = row.text.size();
            break;
        }
        end = newline + 1;
        ++lines;
    }
    end = qMin(end, kToolTipLimit);
    if (end >= row.text.size())
        return fullText(row);
    return QStringView(row.text).left(end) % u'\n' % tr("… Copy (Ctrl+C) gives the whole text.");
}

QString LogModel::exportLine(const Row &r)
{
    return r.time.toString(Qt::ISODateWithMs) % u'\t' % LogEntry::severityName(r.severity) % u'\t' % r.source % u'\t'
        % fullText(r);
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return row.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case SeverityColumn:
            return severityText(row.severity);
        case SourceColumn:
            return row.source;
        case TextColumn:
            return displayText(row);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return row.time.toLocalTime().toString(Qt::ISODateWithMs);
        // Escaped into HTML on purpose: QToolTip would take an XML body for rich text and drop its
        // tags. pre-wrap keeps line breaks and indentation (Qt::convertFromPlainText's WhiteSpacePre
        // turns spaces into no-break spaces, so the text could not be searched or copied as is).
        case TextColumn:
            if (!row.folded)
                return {};
            return QString(
                u"<p style=\"white-space:pre-wrap\">" % toolTipText(row).remove(u'\r').toHtmlEscaped() % u"</p>");
        default:
            return {};
        }
    case Qt::ForegroundRole:
        return m_severityColors.at(size_t(row.severity));
    case FullTextRole:
        return fullText(row);
    case SeverityRole:
        return int(row.severity);
    case ChannelRole:
        return int(row.channel);
    case TimeRole:
        return row.time;
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SeverityColumn:
        return tr("Severity");
    case SourceColumn:
        return tr("Stage");
    case TextColumn:
        return tr("Text");
    default:
        return {};
    }
}

QString LogModel::severityText(LogSeverity severity)
{
    switch (severity) {
    case LogSeverity::Debug:
        return tr("Debug");
    case LogSeverity::Info:
        return tr("Info");
    case LogSeverity::Warning:
        return tr("Warning");
    case LogSeverity::Error:
        return tr("Error");
    }
    return {};
}

} // namespace cimdiag
