// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/slp/SlpAttributeParser.h"

namespace cimdiag {

namespace {

int hexValue(QChar c)
{
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c.unicode() - u'A' + 10;
    return -1;
}

/// Splits at commas outside parentheses.
QStringList splitTopLevel(const QString &list)
{
    QStringList items;
    int depth = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QChar c = list.at(i);
        if (c == u'(')
            ++depth;
        else if (c == u')' && depth > 0)
            --depth;
        else if (c == u',' && depth == 0) {
            items.append(list.mid(start, i - start));
            start = i + 1;
        }
    }
    items.append(list.mid(start));
    return items;
}

} // namespace

QString SlpAttributeParser::unescape(QStringView text)
{
    if (!text.contains(u'\\'))
        return text.toString();
    QByteArray bytes;
    // Text between escapes is converted as a run, not one QChar at a time: a character outside the
    // BMP is two QChars, and either half alone is not UTF-8.
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'\\' && i + 2 < text.size() && hexValue(text.at(i + 1)) >= 0
            && hexValue(text.at(i + 2)) >= 0) {
            bytes.append(text.sliced(runStart, i - runStart).toUtf8());
            bytes.append(char(hexValue(text.at(i + 1)) * 16 + hexValue(text.at(i + 2))));
            i += 2;
            runStart = i + 1;
        }
    }
    bytes.append(text.sliced(runStart).toUtf8());
    return QString::fromUtf8(bytes);
}

QString SlpAttributeParser::escape(const QString &text)
{
    static const QString reserved = QStringLiteral("(),\\!<=>~");
    const auto escaped = [](const QByteArray &utf8) {
        QString out;
        for (const char byte : utf8)
            out += QStringLiteral("\\%1").arg(uint(uchar(byte)), 2, 16, QLatin1Char('0')).toUpper();
        return out;
    };
    // parse() drops blanks around tags and values (vendors pad them [A6]), so blanks that belong to
    // the text are escaped at either end, or they would be lost on the way (found by FuzzSlpMessage).
    qsizetype first = 0;
    while (first < text.size() && text.at(first).isSpace())
        ++first;
    qsizetype last = text.size();
    while (last > first && text.at(last - 1).isSpace())
        --last;
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (reserved.contains(c) || c.unicode() < 0x20 || c.unicode() == 0x7F || i < first || i >= last)
            out += escaped(QString(c).toUtf8());
        else
            out += c;
    }
    return out;
}

QString SlpAttributeParser::format(const SlpAttributeList &attributes)
{
    QStringList items;
    for (const SlpAttribute &attribute : attributes) {
        if (attribute.keyword) {
            items.append(escape(attribute.tag));
            continue;
        }
        QStringList values;
        for (const QString &value : attribute.values)
            values.append(escape(value));
        items.append(u'(' + escape(attribute.tag) + u'=' + values.join(u',') + u')');
    }
    return items.join(u',');
}

SlpAttributeList SlpAttributeParser::parse(const QString &list, QStringList *notes)
{
    auto note = [notes](const QString &text) {
        if (notes && !notes->contains(text))
            notes->append(text);
    };
    SlpAttributeList attributes;
    for (const QString &rawItem : splitTopLevel(list)) {
        QString item = rawItem.trimmed();
        if (item.isEmpty())
            continue;
        bool parenthesised = item.startsWith(u'(');
        if (parenthesised) {
            if (item.endsWith(u')')) {
                item = item.mid(1, item.size() - 2);
            } else {
                note(QStringLiteral("unbalanced parenthesis in \"%1\"").arg(rawItem.trimmed().left(60)));
                item = item.mid(1);
            }
        }
        const qsizetype equals = item.indexOf(u'=');
        SlpAttribute attribute;
        if (equals < 0) {
            attribute.tag = unescape(item.trimmed());
            attribute.keyword = true;
            if (parenthesised)
                note(QStringLiteral("keyword \"%1\" in parentheses").arg(attribute.tag));
        } else {
            attribute.tag = unescape(item.left(equals).trimmed());
            if (!parenthesised)
                note(QStringLiteral("attribute \"%1\" without parentheses").arg(attribute.tag));
            // Inside parentheses the commas separate values; without them (the deviation) only
            // the one value up to the next top-level comma belongs to the tag.
            for (const QString &value : item.mid(equals + 1).split(u','))
                attribute.values.append(unescape(value.trimmed()));
        }
        if (attribute.tag.isEmpty()) {
            note(QStringLiteral("attribute without a tag: \"%1\"").arg(rawItem.trimmed().left(60)));
            continue;
        }
        attributes.append(attribute);
    }
    return attributes;
}

} // namespace cimdiag
