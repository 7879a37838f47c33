// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimDateTime.h"

#include <QDate>
#include <QTime>

namespace cimdiag {

namespace {
constexpr qsizetype kLength = 25;
constexpr qsizetype kDot = 14;
constexpr qsizetype kSign = 21;
// Positions of the 20 value digits in the 25-character form (the '.' at 14 is skipped).
constexpr int kValueDigits = 20;

int digitPosition(int digitIndex)
{
    return digitIndex < kDot ? digitIndex : digitIndex + 1;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// Reads a field of count digits at pos; digits at or beyond firstWildcard count as 0.
int field(QStringView text, int pos, int count)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text[pos + i];
        value = value * 10 + (c == u'*' ? 0 : c.unicode() - u'0'); // digits were checked to be ASCII
    }
    return value;
}

// True when every digit of the field [pos, pos+count) lies before the wildcard run.
bool fieldKnown(int pos, int count, int firstWildcardPos)
{
    return pos + count <= firstWildcardPos;
}
} // namespace

std::optional<CimDateTime> CimDateTime::fromString(QStringView text, QString *error)
{
    if (text.size() != kLength) {
        fail(error, QStringLiteral("datetime must have 25 characters, not %1: \"%2\"").arg(text.size()).arg(text));
        return std::nullopt;
    }
    if (text[kDot] != u'.') {
        fail(error, QStringLiteral("datetime \"%1\": character 15 must be '.'").arg(text));
        return std::nullopt;
    }
    const QChar sign = text[kSign];
    CimDateTime result;
    if (sign == u':') {
        result.m_kind = Kind::Interval;
        if (text.sliced(22) != u"000") {
            fail(error, QStringLiteral("interval \"%1\" must end in \":000\"").arg(text));
            return std::nullopt;
        }
    } else if (sign == u'+' || sign == u'-') {
        result.m_kind = Kind::Timestamp;
        for (qsizetype i = 22; i < kLength; ++i) {
            if (!text[i].isDigit() || text[i].unicode() > u'9') {
                fail(error, QStringLiteral("datetime \"%1\": the UTC offset must be three digits").arg(text));
                return std::nullopt;
            }
        }
    } else {
        fail(error, QStringLiteral("datetime \"%1\": character 22 must be '+', '-' (timestamp) or ':' (interval)")
                        .arg(text));
        return std::nullopt;
    }

    // DSP0004: asterisks replace a run of digits that ends at the least significant digit.
    int wildcards = 0;
    for (int d = kValueDigits - 1; d >= 0 && text[digitPosition(d)] == u'*'; --d)
        ++wildcards;
    for (int d = 0; d < kValueDigits - wildcards; ++d) {
        const QChar c = text[digitPosition(d)];
        if (c < u'0' || c > u'9') {
            fail(error, QStringLiteral("datetime \"%1\": character %2 must be a digit%3")
                            .arg(text)
                            .arg(digitPosition(d) + 1)
                            .arg(c == u'*' ? QStringLiteral(" (asterisks may only end the value)") : QString()));
            return std::nullopt;
        }
    }
    // DSP0004 5.2.4: only the microseconds may be partly wildcarded (their trailing digits set the
    // precision); every other field is either all digits or all asterisks. 2026112112****.******+000
    // is valid, 202611211*****.******+000 is not.
    constexpr int kMicrosecondDigits = 6;
    if (wildcards > kMicrosecondDigits) {
        static constexpr int kFieldStarts[] = {0, 4, 6, 8, 10, 12}; // yyyy mm dd hh mm ss, in digit indexes
        const int firstWildcard = kValueDigits - wildcards;
        bool onBoundary = false;
        for (int start : kFieldStarts)
            onBoundary = onBoundary || start == firstWildcard;
        if (!onBoundary) {
            fail(error, QStringLiteral("datetime \"%1\": asterisks must replace whole fields (only the microseconds "
                                       "may be partly replaced)")
                            .arg(text));
            return std::nullopt;
        }
    }
    const int firstWildcardPos = digitPosition(kValueDigits - wildcards);
    result.m_wildcardDigits = static_cast<quint8>(wildcards);

    auto checkRange = [&](const char *name, int pos, int count, int low, int high) {
        if (!fieldKnown(pos, count, firstWildcardPos))
            return true;
        const int value = field(text, pos, count);
        if (value >= low && value <= high)
            return true;
        return fail(error, QStringLiteral("datetime \"%1\": %2 %3 is out of range %4..%5")
                               .arg(text, QLatin1String(name))
                               .arg(value)
                               .arg(low)
                               .arg(high));
    };

    if (result.m_kind == Kind::Interval) {
        if (!fieldKnown(0, 8, firstWildcardPos)) {
            fail(error, QStringLiteral("interval \"%1\": the days may not be wildcarded").arg(text));
            return std::nullopt;
        }
        result.m_days = static_cast<quint32>(text.sliced(0, 8).toUInt());
        if (!checkRange("hours", 8, 2, 0, 23) || !checkRange("minutes", 10, 2, 0, 59)
            || !checkRange("seconds", 12, 2, 0, 59))
            return std::nullopt;
    } else {
        if (!checkRange("month", 4, 2, 1, 12) || !checkRange("day", 6, 2, 1, 31) || !checkRange("hours", 8, 2, 0, 23)
            || !checkRange("minutes", 10, 2, 0, 59) || !checkRange("seconds", 12, 2, 0, 59))
            return std::nullopt;
        result.m_year = static_cast<quint16>(field(text, 0, 4));
        result.m_month = static_cast<quint8>(fieldKnown(4, 2, firstWildcardPos) ? field(text, 4, 2) : 1);
        result.m_day = static_cast<quint8>(fieldKnown(6, 2, firstWildcardPos) ? field(text, 6, 2) : 1);
        if (fieldKnown(0, 8, firstWildcardPos) && !QDate(result.m_year, result.m_month, result.m_day).isValid()) {
            fail(error, QStringLiteral("datetime \"%1\": %2-%3-%4 is not a calendar date")
                            .arg(text)
                            .arg(result.m_year)
                            .arg(result.m_month)
                            .arg(result.m_day));
            return std::nullopt;
        }
        const int offset = text.sliced(22, 3).toInt();
        result.m_utcOffset = static_cast<qint16>(sign == u'-' ? -offset : offset);
    }
    result.m_hours = static_cast<quint8>(field(text, 8, 2));
    result.m_minutes = static_cast<quint8>(field(text, 10, 2));
    result.m_seconds = static_cast<quint8>(field(text, 12, 2));
    result.m_microseconds = static_cast<quint32>(field(text, 15, 6));
    return result;
}

CimDateTime CimDateTime::fromDateTime(const QDateTime &dateTime)
{
    CimDateTime result;
    if (!dateTime.isValid())
        return result;
    const QDate date = dateTime.date();
    const QTime time = dateTime.time();
    result.m_kind = Kind::Timestamp;
    result.m_year = static_cast<quint16>(date.year());
    result.m_month = static_cast<quint8>(date.month());
    result.m_day = static_cast<quint8>(date.day());
    result.m_hours = static_cast<quint8>(time.hour());
    result.m_minutes = static_cast<quint8>(time.minute());
    result.m_seconds = static_cast<quint8>(time.second());
    result.m_microseconds = static_cast<quint32>(time.msec()) * 1000U;
    result.m_utcOffset = static_cast<qint16>(dateTime.offsetFromUtc() / 60);
    return result;
}

CimDateTime CimDateTime::fromInterval(quint32 days, int hours, int minutes, int seconds, int microseconds)
{
    // Normalise the sub-day fields into days first: with int inputs this part stays below 2^63, and
    // the day count then cannot overflow either. Beyond the 8-digit day field the interval saturates.
    constexpr qint64 kMicrosPerDay = 86400LL * 1000000LL;
    constexpr qint64 kMaxDays = 99999999;
    const qint64 subDay = ((static_cast<qint64>(hours) * 60 + minutes) * 60 + seconds) * 1000000LL + microseconds;
    qint64 totalDays = static_cast<qint64>(days) + subDay / kMicrosPerDay;
    qint64 remainder = subDay % kMicrosPerDay;
    if (remainder < 0) {
        remainder += kMicrosPerDay;
        --totalDays;
    }
    if (totalDays < 0) {
        totalDays = 0;
        remainder = 0;
    } else if (totalDays > kMaxDays) {
        totalDays = kMaxDays;
        remainder = kMicrosPerDay - 1;
    }
    CimDateTime result;
    result.m_kind = Kind::Interval;
    result.m_days = static_cast<quint32>(totalDays);
    result.m_microseconds = static_cast<quint32>(remainder % 1000000);
    remainder /= 1000000;
    result.m_seconds = static_cast<quint8>(remainder % 60);
    remainder /= 60;
    result.m_minutes = static_cast<quint8>(remainder % 60);
    result.m_hours = static_cast<quint8>(remainder / 60);
    return result;
}

QDateTime CimDateTime::toDateTime() const
{
    if (m_kind != Kind::Timestamp)
        return {};
    // Qt::OffsetFromUTC rather than QTimeZone(int): the zone constructor rejects offsets beyond 14 hours,
    // DSP0004 allows 999 minutes. (QTimeZone::fromSecondsAheadOfUtc is Qt 6.5, and we build with 6.4.)
    return QDateTime(QDate(m_year, m_month, m_day),
                     QTime(m_hours, m_minutes, m_seconds, static_cast<int>(m_microseconds / 1000)),
                     Qt::OffsetFromUTC, m_utcOffset * 60);
}

qint64 CimDateTime::totalMicroseconds() const
{
    if (m_kind != Kind::Interval)
        return 0;
    return ((((static_cast<qint64>(m_days) * 24 + m_hours) * 60 + m_minutes) * 60 + m_seconds) * 1000000LL)
        + m_microseconds;
}

QString CimDateTime::toString() const
{
    if (m_kind == Kind::Invalid)
        return {};
    QString text;
    if (m_kind == Kind::Interval) {
        text = QStringLiteral("%1%2%3%4.%5:000")
                   .arg(m_days, 8, 10, QLatin1Char('0'))
                   .arg(m_hours, 2, 10, QLatin1Char('0'))
                   .arg(m_minutes, 2, 10, QLatin1Char('0'))
                   .arg(m_seconds, 2, 10, QLatin1Char('0'))
                   .arg(m_microseconds, 6, 10, QLatin1Char('0'));
    } else {
        text = QStringLiteral("%1%2%3%4%5%6.%7%8%9")
                   .arg(m_year, 4, 10, QLatin1Char('0'))
                   .arg(m_month, 2, 10, QLatin1Char('0'))
                   .arg(m_day, 2, 10, QLatin1Char('0'))
                   .arg(m_hours, 2, 10, QLatin1Char('0'))
                   .arg(m_minutes, 2, 10, QLatin1Char('0'))
                   .arg(m_seconds, 2, 10, QLatin1Char('0'))
                   .arg(m_microseconds, 6, 10, QLatin1Char('0'))
                   .arg(m_utcOffset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
                   .arg(std::abs(m_utcOffset), 3, 10, QLatin1Char('0'));
    }
    for (int d = kValueDigits - m_wildcardDigits; d < kValueDigits; ++d)
        text[digitPosition(d)] = u'*';
    return text;
}

} // namespace cimdiag
