// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace cimdiag {

/// A user the simulator accepts with HTTP Basic authentication.
struct SimAccount final
{
    QString user;
    QString password;

    friend bool operator==(const SimAccount &, const SimAccount &) = default;
};

using SimAccountList = QList<SimAccount>;

} // namespace cimdiag
