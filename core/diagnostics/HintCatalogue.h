// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace cimdiag {

/// One row of the failure-mode catalogue as an admin reads it (a value): the id, a short title,
/// the cause in plain words and the remedy, with concrete commands where there are some.
struct Hint final
{
    QString id; ///< "C7"
    QString section; ///< "C"
    QString title; ///< "Self-signed server certificate"
    QString cause;
    QString remedy;
};

/// The hint catalogue, keyed by failure-mode id: every id of the catalogue
/// (shared/reference/failure-modes.md, A1 to F11) plus cimdiag's extensions D20 (credentials sent
/// without encryption) and E12 (a reply that is not valid CIM-XML), each with its cause and remedy. The English text
/// lives in resources/hints/hints.json (embedded as :/hints/hints.json); lookups return it translated through
/// QCoreApplication::translate("cimdiag::Hint", ...), so a loaded translation applies.
class HintCatalogue final
{
public:
    /// The embedded catalogue (loaded once, thread-safe).
    static const HintCatalogue &instance();
    /// Parses a catalogue file; on error returns an empty catalogue and sets *error (file, id, field).
    static HintCatalogue fromJson(const QByteArray &json, QString *error = nullptr);

    std::optional<Hint> hint(const QString &id) const;
    bool contains(const QString &id) const { return m_hints.contains(id); }
    /// Every id in catalogue order (A1, A2, ..., D19, D20, E1, ..., E12, F1, ..., F11).
    QStringList ids() const { return m_order; }

private:
    QHash<QString, Hint> m_hints;
    QStringList m_order;
};

} // namespace cimdiag
