// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace cimdiag {

/// Turns SIGINT and SIGTERM into a Qt signal on the event loop (the self-pipe trick: a signal
/// handler may only write(2); a QSocketNotifier reads the other end), so Ctrl-C cancels the running
/// diagnosis and the command still prints what finished. While it exists it owns both signals; the
/// destructor restores the default actions. One at a time per process.
class CliInterruptWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit CliInterruptWatcher(QObject *parent = nullptr);
    ~CliInterruptWatcher() override;
    Q_DISABLE_COPY_MOVE(CliInterruptWatcher)

    /// False when the handlers could not be installed (the command then runs without them).
    bool isActive() const { return m_notifier != nullptr; }
    /// The first signal received, 0 while none was.
    int signalNumber() const { return m_signalNumber; }

Q_SIGNALS:
    /// Emitted once, for the first SIGINT or SIGTERM.
    void interrupted(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
    int m_signalNumber = 0;
};

} // namespace cimdiag
