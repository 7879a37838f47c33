// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

namespace cimdiag {

/// A DSP0004 datetime: a timestamp "yyyymmddhhmmss.mmmmmmsutc" (UTC offset in minutes) or an
/// interval "ddddddddhhmmss.mmmmmm:000". Asterisks may replace digits from the least significant end
/// of the value part (DSP0004 5.2.4 "wildcards"): "20261121******.******+000" is a date only. They
/// replace whole fields, except in the microseconds, whose trailing digits may go one by one; interval
/// days are never wildcarded.
class CimDateTime final
{
public:
    CimDateTime() = default; ///< an invalid datetime

    /// Parses the 25-character DSP0004 form. On failure returns nullopt and says why in *error.
    static std::optional<CimDateTime> fromString(QStringView text, QString *error = nullptr);
    /// A timestamp with full precision; the offset is taken from dateTime.
    static CimDateTime fromDateTime(const QDateTime &dateTime);
    /// An interval; fields beyond their range are normalised (90 seconds = 1 minute 30 seconds).
    static CimDateTime fromInterval(quint32 days, int hours, int minutes, int seconds, int microseconds);

    bool isValid() const { return m_kind != Kind::Invalid; }
    bool isTimestamp() const { return m_kind == Kind::Timestamp; }
    bool isInterval() const { return m_kind == Kind::Interval; }
    /// Number of trailing digits replaced by '*' (0..20); 0 means full precision.
    int wildcardDigits() const { return m_wildcardDigits; }

    // Timestamp fields (fields covered by wildcards read as 0, day and month as 1).
    int year() const { return m_year; }
    int month() const { return m_month; }
    int day() const { return m_day; }
    int utcOffsetMinutes() const { return m_utcOffset; }
    // Interval field.
    quint32 days() const { return m_days; }
    // Both kinds.
    int hours() const { return m_hours; }
    int minutes() const { return m_minutes; }
    int seconds() const { return m_seconds; }
    int microseconds() const { return m_microseconds; }

    /// The timestamp as QDateTime with its UTC offset (invalid for intervals).
    QDateTime toDateTime() const;
    /// The interval in microseconds (0 for timestamps).
    qint64 totalMicroseconds() const;
    /// The 25-character DSP0004 form, with the wildcards it was parsed with.
    QString toString() const;

    friend bool operator==(const CimDateTime &, const CimDateTime &) = default;

private:
    enum class Kind : quint8 { Invalid, Timestamp, Interval };
    Kind m_kind = Kind::Invalid;
    quint8 m_wildcardDigits = 0;
    quint8 m_month = 0;
    quint8 m_day = 0;
    quint8 m_hours = 0;
    quint8 m_minutes = 0;
    quint8 m_seconds = 0;
    qint16 m_utcOffset = 0;
    quint16 m_year = 0;
    quint32 m_days = 0;
    quint32 m_microseconds = 0;
};

} // namespace cimdiag

Q_DECLARE_METATYPE(cimdiag::CimDateTime)
