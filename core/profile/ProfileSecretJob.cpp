// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/profile/ProfileSecretJob.h"

#include <QTimer>

namespace cimdiag {

ProfileSecretJob::ProfileSecretJob(Kind kind, const QString &profileName, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_profileName(profileName)
{ }

ProfileSecretJob::~ProfileSecretJob() = default;

void ProfileSecretJob::finishLater(const QString &errorString)
{
    QTimer::singleShot(0, this, [this, errorString] { finish(errorString); });
}

void ProfileSecretJob::finish(const QString &errorString)
{
    if (m_finished)
        return;
    m_finished = true;
    m_errorString = errorString;
    Q_EMIT finished();
}

} // namespace cimdiag
