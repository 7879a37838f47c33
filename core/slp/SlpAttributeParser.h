// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/slp/SlpAttribute.h"

#include <QStringList>

namespace cimdiag {

/// Reads and writes SLP attribute lists: "(tag=v1,v2),(tag2=v),keyword".
///
/// parse() is tolerant, because vendors deviate [A6]: blanks around tags, values and separators
/// are dropped; a "tag=value" item without parentheses is accepted; an unbalanced parenthesis
/// ends the item at the end of the list; \xx escapes (two hex digits) are decoded in tags and
/// values, an invalid escape is kept as written. Each deviation it had to accept is added to
/// *notes (untranslated protocol text), so the report can say the server is not conformant.
class SlpAttributeParser final
{
public:
    SlpAttributeParser() = delete;

    static SlpAttributeList parse(const QString &list, QStringList *notes = nullptr);
    /// Decodes \xx escapes (as UTF-8 bytes); invalid escapes stay as written.
    static QString unescape(QStringView text);
    /// Escapes the reserved characters of RFC 2608 section 5: ( ) , \ ! < = > ~ and controls, and
    /// blanks at either end (parse() trims those), so parse(format(list)) gives list back.
    static QString escape(const QString &text);
    /// The wire form of attributes: "(tag=v1,v2),keyword", values escaped.
    static QString format(const SlpAttributeList &attributes);
};

} // namespace cimdiag
