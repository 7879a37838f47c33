// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cimdiag {

/// Qualifier flavors (DSP0004 5.6.1.5) with the DSP0201 defaults: OVERRIDABLE true, TOSUBCLASS true,
/// TOINSTANCE false, TRANSLATABLE false.
struct CimFlavors final
{
    bool overridable = true;
    bool toSubclass = true;
    bool toInstance = false;
    bool translatable = false;

    friend bool operator==(const CimFlavors &, const CimFlavors &) = default;
};

} // namespace cimdiag
