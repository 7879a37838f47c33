// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cim/CimClass.h"
#include "core/cim/CimInstance.h"
#include "core/cim/CimInstanceName.h"
#include "core/cim/CimParamValue.h"
#include "core/cim/CimQualifierDeclaration.h"
#include "core/cim/CimStatus.h"
#include "core/cimxml/CimRequestOptions.h"

#include <QList>
#include <QString>

namespace cimdiag {

/// CIM objects for the codec tests, built to exercise every corner of DSP0201: every property type,
/// arrays with NULL elements, NULL scalars and arrays, references in the three path forms, embedded
/// instances and classes, qualifiers with non-default flavors, methods with every parameter kind, and
/// text that needs escaping (markup characters, CR/LF/tab, non-ASCII beyond the BMP).
class CimSamples final
{
public:
    CimSamples() = delete;

    static QString nameSpace(); ///< "root/cimv2"
    static QString host(); ///< "cimom.example.com:5989"
    /// `<tag a="1" & 'b'> Grüße ☃ 𝄞` with CR LF and a tab: what a writer must escape and keep.
    static QString awkwardText();

    /// CIM_ComputerSystem.CreationClassName,Name, with namespace and/or host as asked.
    static CimInstanceName systemPath(bool withNamespace = true, bool withHost = true);
    /// An association path whose keys are references (KEYBINDING/VALUE.REFERENCE) and numbers.
    static CimInstanceName associationPath();

    /// One instance with every property kind; path systemPath().
    static CimInstance everyTypeInstance();
    /// A small instance with string, integer and boolean properties and a path in nameSpace()/host().
    static CimInstance smallInstance(int index);
    /// A CIM_IndicationFilter (WQL, SELECT * FROM CIM_AlertIndication) named name, watching sourceNamespace.
    static CimInstance indicationFilter(const QString &name, const QString &sourceNamespace);
    /// A class with qualifiers, every property kind, and methods with every parameter kind.
    static CimClass everyFeatureClass();
    static CimClass smallClass(const QString &name, const QString &superClass = {});
    static QList<CimQualifierDeclaration> qualifierDeclarations();
    /// A CIM_Error instance as a server attaches it to ERROR.
    static CimInstance errorInstance();
    static CimStatus errorStatus();
    /// InvokeMethod input (or output) parameters of every kind.
    static CimParamValueList methodParameters();
    /// Every option set, so each builder shows which ones it takes.
    static CimRequestOptions allOptions();
    /// An indication as ExportIndication carries it.
    static CimInstance indication();
};

} // namespace cimdiag
