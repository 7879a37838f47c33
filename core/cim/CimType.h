// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace cimdiag {

/// The intrinsic data types of DSP0004, plus Reference. Embedded objects are strings in DSP0004;
/// here they are tagged with CimEmbeddedKind on the value, as pywbem does.
enum class CimType : quint8 {
    Invalid,
    Boolean,
    String,
    Char16,
    UInt8,
    SInt8,
    UInt16,
    SInt16,
    UInt32,
    SInt32,
    UInt64,
    SInt64,
    Real32,
    Real64,
    DateTime,
    Reference,
};

/// DSP0004 EmbeddedObject / EmbeddedInstance qualifiers (DSP0201 EmbeddedObject attribute).
enum class CimEmbeddedKind : quint8 { None, Object, Instance };

/// The DSP0201 TYPE attribute spelling: "uint8", "datetime", "reference"... Empty for Invalid.
QString cimTypeName(CimType type);
/// Parses a TYPE attribute; case-insensitive because some servers send "Uint32". nullopt when unknown.
std::optional<CimType> cimTypeFromName(QStringView name);

bool isIntegerType(CimType type);
bool isSignedIntegerType(CimType type);
bool isRealType(CimType type);
/// Smallest and largest value of an integer type (0 and 0 for non-integers).
qint64 cimIntegerMinimum(CimType type);
quint64 cimIntegerMaximum(CimType type);

QString cimEmbeddedKindName(CimEmbeddedKind kind); ///< "object", "instance" or empty

} // namespace cimdiag
