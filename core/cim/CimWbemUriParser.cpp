// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimWbemUriParser.h"

#include "core/cim/CimInstanceName.h"
#include "core/cim/CimIntegerLiteral.h"

#include <algorithm>
#include <limits>

namespace cimdiag {

namespace {

bool isIdentifierChar(QChar c)
{
    return c == u'_' || c.isLetterOrNumber();
}

bool isSchemeChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'+' || u == u'-'
        || u == u'.';
}

// RFC 3986 authority characters that hosts actually use: names, IPv4, [IPv6], port, user:password@.
bool isHostChar(QChar c)
{
    const char16_t u = c.unicode();
    return c.isLetterOrNumber() || u == u'.' || u == u'-' || u == u'_' || u == u':' || u == u'@' || u == u'['
        || u == u']' || u == u'%' || u == u'~';
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// DSP0004 realValue: [+-] *digit "." 1*digit [("e"/"E") [+-] 1*digit].
bool isRealValue(QStringView text)
{
    qsizetype i = 0;
    if (i < text.size() && (text[i] == u'+' || text[i] == u'-'))
        ++i;
    while (i < text.size() && isDigit(text[i]))
        ++i;
    if (i >= text.size() || text[i] != u'.')
        return false;
    ++i;
    const qsizetype fractionStart = i;
    while (i < text.size() && isDigit(text[i]))
        ++i;
    if (i == fractionStart)
        return false;
    if (i < text.size() && (text[i] == u'e' || text[i] == u'E')) {
        ++i;
        if (i < text.size() && (text[i] == u'+' || text[i] == u'-'))
            ++i;
        const qsizetype exponentStart = i;
        while (i < text.size() && isDigit(text[i]))
            ++i;
        if (i == exponentStart)
            return false;
    }
    return i == text.size();
}

} // namespace

CimWbemUriParser::CimWbemUriParser(QStringView uri)
    : m_uri(uri)
{ }

bool CimWbemUriParser::fail(const QString &what, qsizetype position)
{
    m_error = QStringLiteral("WBEM URI \"%1\": %2 at position %3").arg(m_uri, what).arg(position);
    return false;
}

QString CimWbemUriParser::escaped(QStringView text, QChar quote)
{
    QString out;
    out.reserve(text.size() + 2);
    for (QChar c : text) {
        if (c == u'\\' || c == quote)
            out += u'\\';
        out += c;
    }
    return out;
}

QString CimWbemUriParser::readIdentifier()
{
    const qsizetype start = m_pos;
    while (!atEnd() && isIdentifierChar(m_uri[m_pos]))
        ++m_pos;
    return m_uri.sliced(start, m_pos - start).toString();
}

bool CimWbemUriParser::parsePath(Path *path)
{
    // Scheme: only when "<scheme>:" is followed by '/'; "root:Class" has a namespace, not a scheme.
    qsizetype i = 0;
    while (i < m_uri.size() && isSchemeChar(m_uri[i]))
        ++i;
    bool hasScheme = false;
    if (i > 0 && m_uri[0].isLetter() && i + 1 < m_uri.size() && m_uri[i] == u':' && m_uri[i + 1] == u'/') {
        hasScheme = true;
        m_pos = i + 1;
    }

    if (m_uri.sliced(m_pos).startsWith(u"//")) {
        m_pos += 2;
        const qsizetype hostStart = m_pos;
        while (!atEnd() && m_uri[m_pos] != u'/') {
            if (!isHostChar(m_uri[m_pos]))
                return fail(QStringLiteral("invalid character '%1' in the host").arg(m_uri[m_pos]), m_pos);
            ++m_pos;
        }
        if (m_pos == hostStart)
            return fail(QStringLiteral("expected a host after '//'"), m_pos);
        if (atEnd())
            return fail(QStringLiteral("expected '/' after the host"), m_pos);
        path->host = m_uri.sliced(hostStart, m_pos - hostStart).toString();
        ++m_pos; // the '/' before the namespace
    } else if (peek() == u'/') {
        ++m_pos;
    } else if (hasScheme) {
        return fail(QStringLiteral("expected '/' after the scheme"), m_pos);
    }

    const qsizetype nameStart = m_pos;
    QString first = readIdentifier();
    bool multiSegment = false;
    while (peek() == u'/') {
        multiSegment = true;
        ++m_pos;
        if (readIdentifier().isEmpty())
            return fail(QStringLiteral("expected a namespace name after '/'"), m_pos);
    }
    if (peek() == u':') {
        path->nameSpace = m_uri.sliced(nameStart, m_pos - nameStart).toString();
        ++m_pos;
        path->className = readIdentifier();
    } else if (multiSegment) {
        return fail(QStringLiteral("expected ':' after the namespace"), m_pos);
    } else {
        path->className = std::move(first);
    }
    if (path->className.isEmpty())
        return fail(QStringLiteral("expected a class name"), m_pos);
    return true;
}

bool CimWbemUriParser::parseKeyBindings(CimNamedList<CimKeyBinding> *keyBindings)
{
    if (m_uri.sliced(m_pos) == u"=@")
        return true;
    if (peek() != u'.')
        return fail(atEnd() ? QStringLiteral("expected '.' and key bindings after the class name")
                            : QStringLiteral("expected '.' after the class name, not '%1'").arg(peek()),
            m_pos);
    ++m_pos;
    if (atEnd())
        return true; // keyless: "Class." as pywbem writes it
    while (true) {
        const qsizetype keyStart = m_pos;
        const QString key = readIdentifier();
        if (key.isEmpty())
            return fail(QStringLiteral("expected a key name"), m_pos);
        if (peek() != u'=')
            return fail(QStringLiteral("expected '=' after key name"), m_pos);
        ++m_pos;
        CimValue value;
        if (!parseKeyValue(key, &value))
            return false;
        if (keyBindings->contains(key))
            return fail(QStringLiteral("duplicate key \"%1\"").arg(key), keyStart);
        keyBindings->insert(CimKeyBinding(key, value));
        if (atEnd())
            return true;
        if (peek() != u',')
            return fail(QStringLiteral("expected ',' or the end after the value of key \"%1\"").arg(key), m_pos);
        ++m_pos;
    }
}

bool CimWbemUriParser::parseQuoted(QChar quote, QString *text)
{
    const qsizetype start = m_pos;
    ++m_pos;
    while (true) {
        if (atEnd())
            return fail(QStringLiteral("unterminated quoted value"), start);
        QChar c = m_uri[m_pos++];
        if (c == quote)
            return true;
        if (c == u'\\') {
            if (atEnd())
                return fail(QStringLiteral("unterminated quoted value"), start);
            c = m_uri[m_pos++]; // pywbem: a backslash takes the next character literally
        }
        *text += c;
    }
}

bool CimWbemUriParser::parseKeyValue(const QString &key, CimValue *value)
{
    const qsizetype start = m_pos;
    if (peek() == u'"') {
        QString text;
        if (!parseQuoted(u'"', &text))
            return false;
        // DSP0207 untyped URIs cannot tell a string key from a reference key; like pywbem we take a
        // quoted value that parses as an instance path as a reference. Unlike pywbem, a nested path
        // needs at least one key ("Linux." stays a string), and a value that looks like a datetime
        // stays a string: KEYVALUE VALUETYPE="string" carries both, so the string is what the server
        // compares.
        if (const auto nested = CimInstanceName::fromWbemUri(text); nested && !nested->keyBindings().isEmpty())
            *value = CimValue::reference(*nested);
        else
            *value = CimValue::string(text);
        return true;
    }
    if (peek() == u'\'') {
        QString text;
        if (!parseQuoted(u'\'', &text))
            return false;
        if (text.size() != 1)
            return fail(
                QStringLiteral("char16 value of key \"%1\" must be one character, not %2").arg(key).arg(text.size()),
                start);
        *value = CimValue::char16(text.front());
        return true;
    }
    while (!atEnd() && m_uri[m_pos] != u',')
        ++m_pos;
    const QStringView text = m_uri.sliced(start, m_pos - start);
    if (text.isEmpty())
        return fail(QStringLiteral("expected a value for key \"%1\"").arg(key), start);
    return classifyUnquoted(text, start, value);
}

bool CimWbemUriParser::classifyUnquoted(QStringView text, qsizetype start, CimValue *value)
{
    if (text.compare(u"true", Qt::CaseInsensitive) == 0 || text.compare(u"false", Qt::CaseInsensitive) == 0) {
        *value = CimValue::boolean(text.size() == 4);
        return true;
    }
    // Untyped URIs carry no integer width: sint64 for negative values, uint64 otherwise (as pywbem's
    // plain int); CimInstanceName compares integer keys by value, so uint32 5 matches.
    if (const auto integer = CimIntegerLiteral::parse(text)) {
        if (!integer->negative) {
            *value = CimValue::uint64(integer->magnitude);
            return true;
        }
        if (const auto v = integer->toSigned()) {
            *value = CimValue::sint64(*v);
            return true;
        }
        return fail(QStringLiteral("integer \"%1\" is out of range (below -2^63)").arg(text), start);
    }
    // Decimal digits that CimIntegerLiteral rejected: more than 64 bits.
    const QStringView digits = text.startsWith(u'-') || text.startsWith(u'+') ? text.sliced(1) : text;
    if (!digits.isEmpty() && std::all_of(digits.begin(), digits.end(), isDigit))
        return fail(QStringLiteral("integer \"%1\" is out of range (beyond 64 bits)").arg(text), start);
    if (isRealValue(text)) {
        *value = CimValue::real64(text.toDouble());
        return true;
    }
    // CIM-XML can carry INF and NaN, so pywbem accepts them in URIs although DSP0004 realValue does not.
    if (text.compare(u"INF", Qt::CaseInsensitive) == 0 || text.compare(u"+INF", Qt::CaseInsensitive) == 0) {
        *value = CimValue::real64(std::numeric_limits<double>::infinity());
        return true;
    }
    if (text.compare(u"-INF", Qt::CaseInsensitive) == 0) {
        *value = CimValue::real64(-std::numeric_limits<double>::infinity());
        return true;
    }
    if (text.compare(u"NaN", Qt::CaseInsensitive) == 0) {
        *value = CimValue::real64(std::numeric_limits<double>::quiet_NaN());
        return true;
    }
    // DSP0207 wants datetimes quoted; pywbem tolerates them bare, and so do we.
    if (const auto dateTime = CimDateTime::fromString(text)) {
        *value = CimValue::dateTime(*dateTime);
        return true;
    }
    return fail(QStringLiteral("invalid key value \"%1\" (strings must be in double quotes)").arg(text), start);
}

} // namespace cimdiag
