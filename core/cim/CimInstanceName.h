// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimKeyBinding.h"
#include "core/cim/CimName.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace cimdiag {

/// An instance path: class name, key bindings, and optionally namespace and host (pywbem's
/// CIMInstanceName). Class, key and namespace names compare case-insensitively, as does the host.
/// Key values compare by their DSP0201 KEYVALUE category, because untyped WBEM URIs lose the exact
/// type: integers by value whatever their width (uint64 5 from a URI equals uint32 5 from CIM-XML),
/// reals by value (at real32 precision when one side is real32), string, char16 and datetime by
/// their text, references as instance paths.
class CimInstanceName final
{
public:
    CimInstanceName() = default;
    explicit CimInstanceName(QString className, CimNamedList<CimKeyBinding> keyBindings = {},
                             QString nameSpace = {}, QString host = {});

    const QString &className() const { return m_className; }
    void setClassName(const QString &name) { m_className = name; }
    const QString &nameSpace() const { return m_nameSpace; } ///< without leading or trailing '/'
    void setNameSpace(const QString &nameSpace);             ///< strips leading and trailing '/'
    const QString &host() const { return m_host; }           ///< "host" or "host:port"; empty if local
    void setHost(const QString &host) { m_host = host; }

    const CimNamedList<CimKeyBinding> &keyBindings() const { return m_keyBindings; }
    CimNamedList<CimKeyBinding> &keyBindings() { return m_keyBindings; }
    /// The value of key name; an invalid CimValue when there is no such key.
    CimValue keyBinding(QStringView name) const;
    void setKeyBinding(const QString &name, const CimValue &value);

    bool isValid() const { return !m_className.isEmpty(); }

    /// DSP0207 WBEM URI forms (pywbem's "standard", "canonical", "cimobject" and "historical").
    enum class UriFormat : quint8 {
        Standard,  ///< //host/ns:Class.k1="v1",k2=2 (without host: /ns:Class...)
        Canonical, ///< as Standard with lower-cased names and keys sorted
        CimObject, ///< the CIMObject header form: ns:Class.k1="v1" (no host, no leading '/')
        Historical ///< //host/ns:Class.k1="v1" as older pywbem wrote it
    };
    QString toWbemUri(UriFormat format = UriFormat::Standard) const;
    /// Parses a WBEM URI (DSP0207, with an optional scheme such as https:// and the forms older
    /// tools wrote). On failure returns nullopt and says what and where (0-based character position)
    /// in *error. Untyped values become: "..." string, or reference when it is an instance path with
    /// keys; '.' char16; TRUE/FALSE boolean; integers uint64, or sint64 when negative; reals real64;
    /// an unquoted datetime datetime (a quoted one stays a string). "Class." and "Class=@" are keyless.
    static std::optional<CimInstanceName> fromWbemUri(QStringView uri, QString *error = nullptr);

    friend bool operator==(const CimInstanceName &a, const CimInstanceName &b);

private:
    QString m_className;
    QString m_nameSpace;
    QString m_host;
    CimNamedList<CimKeyBinding> m_keyBindings;
};

size_t qHash(const CimInstanceName &name, size_t seed = 0);

} // namespace cimdiag

Q_DECLARE_METATYPE(cimdiag::CimInstanceName)
