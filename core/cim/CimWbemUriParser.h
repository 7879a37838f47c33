// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimKeyBinding.h"
#include "core/cim/CimName.h"

#include <QString>
#include <QStringView>

namespace cimdiag {

/// The DSP0207 WBEM URI scanner shared by CimClassName and CimInstanceName (internal to core/cim).
/// Accepts what pywbem's from_wbem_uri() accepts: an optional scheme ("https:", "cimxml.wbem:"...),
/// "//authority", the leading '/' (optional without authority, for the cimobject and historical forms),
/// "namespace:" (the ':' optional when there is no namespace), the class name, and for instance paths
/// '.' and key bindings. Errors say what was expected and the 0-based character position.
class CimWbemUriParser final
{
public:
    explicit CimWbemUriParser(QStringView uri);

    struct Path
    {
        QString host;
        QString nameSpace;
        QString className;
    };

    /// Parses up to and including the class name; position() is then just after it.
    bool parsePath(Path *path);
    /// Parses what follows the class name of an instance path: ".k1=v1,k2=v2", "." (keyless, as pywbem
    /// writes singletons) or "=@" (the WMI singleton form), up to the end of the URI.
    bool parseKeyBindings(CimNamedList<CimKeyBinding> *keyBindings);

    bool atEnd() const { return m_pos >= m_uri.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_uri[m_pos]; }
    qsizetype position() const { return m_pos; }
    /// Records "WBEM URI \"<uri>\": <what> at position <position>" and returns false.
    bool fail(const QString &what, qsizetype position);
    const QString &error() const { return m_error; }

    /// Backslash-escapes backslashes and quote for a quoted key value (DSP0207 / pywbem).
    static QString escaped(QStringView text, QChar quote);

private:
    QString readIdentifier();
    bool parseKeyValue(const QString &key, CimValue *value);
    bool parseQuoted(QChar quote, QString *text);
    bool classifyUnquoted(QStringView text, qsizetype start, CimValue *value);

    QStringView m_uri;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace cimdiag
