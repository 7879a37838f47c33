// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace cimdiag {

/// One SLP attribute (RFC 2608 section 5): a tag with its values, escapes decoded; a keyword
/// attribute (a bare tag) has no values.
struct SlpAttribute final
{
    QString tag;
    QStringList values;
    bool keyword = false;

    friend bool operator==(const SlpAttribute &, const SlpAttribute &) = default;
};

using SlpAttributeList = QList<SlpAttribute>;

} // namespace cimdiag
