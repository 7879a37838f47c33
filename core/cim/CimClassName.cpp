// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/cim/CimClassName.h"

#include "core/cim/CimName.h"
#include "core/cim/CimWbemUriParser.h"

namespace cimdiag {

CimClassName::CimClassName(QString className, QString nameSpace, QString host)
    : m_className(std::move(className))
    , m_nameSpace(cimNamespaceWithoutSlashes(nameSpace))
    , m_host(std::move(host))
{ }

void CimClassName::setNameSpace(const QString &nameSpace)
{
    m_nameSpace = cimNamespaceWithoutSlashes(nameSpace);
}

QString CimClassName::toWbemUri(bool cimObjectForm) const
{
    // pywbem's CIMClassName.to_wbem_uri(): "standard" always has the '/' before the namespace and the
    // ':' before the class; "cimobject" (the CIMObject header, DSP0200) has neither host nor '/'.
    QString uri;
    if (!cimObjectForm) {
        if (!m_host.isEmpty())
            uri += QStringLiteral("//") + m_host;
        uri += u'/';
    }
    return uri + m_nameSpace + u':' + m_className;
}

std::optional<CimClassName> CimClassName::fromWbemUri(QStringView uri, QString *error)
{
    CimWbemUriParser parser(uri);
    CimWbemUriParser::Path path;
    bool ok = parser.parsePath(&path);
    if (ok && !parser.atEnd()) {
        ok = parser.fail(parser.peek() == u'.'
                ? QStringLiteral("unexpected '.' (key bindings make an instance path, not a class path)")
                : QStringLiteral("unexpected '%1' after the class name").arg(parser.peek()),
            parser.position());
    }
    if (!ok) {
        if (error)
            *error = parser.error();
        return std::nullopt;
    }
    return CimClassName(path.className, path.nameSpace, path.host);
}

bool operator==(const CimClassName &a, const CimClassName &b)
{
    return cimNamesEqual(a.m_className, b.m_className) && cimNamesEqual(a.m_nameSpace, b.m_nameSpace)
        && cimNamesEqual(a.m_host, b.m_host);
}

} // namespace cimdiag
