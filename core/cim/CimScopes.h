// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cimdiag {

/// Where a qualifier may be used (DSP0004 5.6.1.3; DSP0201 SCOPE element). All false means "none";
/// all true is MOF's "any".
struct CimScopes final
{
    bool classScope = false;
    bool association = false;
    bool reference = false;
    bool property = false;
    bool method = false;
    bool parameter = false;
    bool indication = false;

    static CimScopes any() { return {true, true, true, true, true, true, true}; }
    bool isAny() const { return *this == any(); }
    bool isNone() const { return *this == CimScopes{}; }

    friend bool operator==(const CimScopes &, const CimScopes &) = default;
};

} // namespace cimdiag
