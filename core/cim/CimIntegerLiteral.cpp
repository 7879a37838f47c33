// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimIntegerLiteral.h"

#include <limits>

namespace cimdiag {

namespace {
int digitIn(QChar c, int base)
{
    const char16_t u = c.unicode();
    int d = -1;
    if (u >= u'0' && u <= u'9')
        d = u - u'0';
    else if (u >= u'a' && u <= u'f')
        d = u - u'a' + 10;
    else if (u >= u'A' && u <= u'F')
        d = u - u'A' + 10;
    return d >= 0 && d < base ? d : -1;
}

std::optional<quint64> accumulate(QStringView digits, int base)
{
    if (digits.isEmpty())
        return std::nullopt;
    quint64 value = 0;
    for (QChar c : digits) {
        const int d = digitIn(c, base);
        if (d < 0)
            return std::nullopt;
        const auto b = static_cast<quint64>(base);
        if (value > (std::numeric_limits<quint64>::max() - static_cast<quint64>(d)) / b)
            return std::nullopt;
        value = value * b + static_cast<quint64>(d);
    }
    return value;
}
} // namespace

std::optional<CimIntegerLiteral> CimIntegerLiteral::parse(QStringView text)
{
    CimIntegerLiteral result;
    QStringView body = text;
    if (!body.isEmpty() && (body.front() == u'+' || body.front() == u'-')) {
        result.negative = body.front() == u'-';
        body = body.sliced(1);
    }
    if (body.isEmpty())
        return std::nullopt;
    std::optional<quint64> magnitude;
    // Hexadecimal first: "0x1b" ends in 'b' but is not binary. "0" alone is decimal, "0b" binary zero.
    if (body.size() >= 3 && body[0] == u'0' && (body[1] == u'x' || body[1] == u'X')) {
        magnitude = accumulate(body.sliced(2), 16);
    } else if (body.size() >= 2 && (body.back() == u'b' || body.back() == u'B')) {
        magnitude = accumulate(body.chopped(1), 2);
    } else if (body.size() >= 2 && body[0] == u'0') {
        magnitude = accumulate(body.sliced(1), 8);
    } else {
        magnitude = accumulate(body, 10);
    }
    if (!magnitude)
        return std::nullopt;
    result.magnitude = *magnitude;
    if (result.magnitude == 0)
        result.negative = false;
    return result;
}

std::optional<qint64> CimIntegerLiteral::toSigned() const
{
    constexpr auto kMax = static_cast<quint64>(std::numeric_limits<qint64>::max());
    if (!negative)
        return magnitude <= kMax ? std::optional<qint64>(static_cast<qint64>(magnitude)) : std::nullopt;
    if (magnitude <= kMax)
        return -static_cast<qint64>(magnitude);
    if (magnitude == kMax + 1)
        return std::numeric_limits<qint64>::min();
    return std::nullopt;
}

} // namespace cimdiag
