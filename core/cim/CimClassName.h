// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

namespace cimdiag {

/// A class path: class name and optionally namespace and host (pywbem's CIMClassName).
class CimClassName final
{
public:
    CimClassName() = default;
    explicit CimClassName(QString className, QString nameSpace = {}, QString host = {});

    const QString &className() const { return m_className; }
    void setClassName(const QString &name) { m_className = name; }
    const QString &nameSpace() const { return m_nameSpace; }
    void setNameSpace(const QString &nameSpace); ///< strips leading and trailing '/'
    const QString &host() const { return m_host; }
    void setHost(const QString &host) { m_host = host; }
    bool isValid() const { return !m_className.isEmpty(); }

    /// DSP0207: //host/ns:Class, /ns:Class or ns:Class without host and leading slash (cimobject).
    QString toWbemUri(bool cimObjectForm = false) const;
    static std::optional<CimClassName> fromWbemUri(QStringView uri, QString *error = nullptr);

    friend bool operator==(const CimClassName &a, const CimClassName &b);

private:
    QString m_className;
    QString m_nameSpace;
    QString m_host;
};

} // namespace cimdiag

Q_DECLARE_METATYPE(cimdiag::CimClassName)
