// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimQualifier.h"

#include <QString>

namespace cimdiag {

class CimClass;
class CimInstance;
class CimQualifierDeclaration;
class CimValue;

/// Renders CIM objects as DSP0004 MOF text, laid out like pywbem's tomof() with a 4-space indent.
/// String values stay on one line however long they are (pywbem folds them at 80 columns).
class CimMof final
{
public:
    CimMof() = delete;

    /// A MOF literal: "text" with the DSP0004 escapes (\" \' \\ \b \t \n \f \r, \xHHHH for other
    /// control characters), 'c' for char16, TRUE/FALSE, integers in decimal, reals in shortest
    /// round-trip form with a '.', datetimes and references (standard WBEM URI) quoted, {a, b} for
    /// arrays, NULL. Embedded instances and classes are their MOF text as a quoted string, as pywbem
    /// writes them.
    static QString value(const CimValue &value);
    /// "[Key, Description (\"x\")]"; empty for an empty list.
    static QString qualifierList(const CimQualifierList &qualifiers);
    /// One qualifier as inside [ ]: "Key" (boolean TRUE), "Key (FALSE)", "Description (\"x\")",
    /// "ValueMap {\"0\", \"1\"}", followed by " : DisableOverride Restricted ..." for flavors that
    /// differ from the DSP0201 defaults.
    static QString qualifier(const CimQualifier &qualifier);
    /// "Qualifier Name : type[] = default,\n    Scope(class, property),\n    Flavor(EnableOverride,
    /// ToSubclass, Translatable);\n" (the default is left out when NULL).
    static QString qualifierDeclaration(const CimQualifierDeclaration &declaration);
    /// "instance of Class {\n    Prop = value;\n};\n"
    static QString instance(const CimInstance &instance);
    /// A class declaration with its qualifiers, properties (with types, array sizes and defaults),
    /// references ("Class REF name") and methods with their parameters.
    static QString cls(const CimClass &cls);
};

} // namespace cimdiag
