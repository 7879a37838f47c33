// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/diagnostics/DiagnosticRunner.h"
#include "core/diagnostics/Target.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <chrono>
#include <memory>
#include <vector>

namespace cimdiag {

class CertificateFactory;
class SimProcess;
class SimScenarioHost;

/// The fault soak of issue #10: every simulator scenario served at once (in-process, or by a
/// cimdiag-sim child for the legacy-crypto ones), and the real DiagnosticRunner run against all of
/// them concurrently, round after round, on one event loop. Per round it records whether every run
/// finished, each stage's duration against the runner's stage timeout, each scenario's verdict, and
/// the process's RSS, peak RSS and open file descriptors once the round's objects are gone.
///
/// A violation is: a run that did not finish by its hard deadline (stuck), a stage that ran into
/// or past the runner's safety limit, a scenario whose verdict differs between rounds (a flaky
/// diagnosis is a silent wrong answer), RSS growth between rounds 11-20 and the last ten, or more
/// file descriptors open after the last round than after the first.
class FaultSoak final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int rounds = 100;
        QRegularExpression scenarioFilter; ///< matched against scenario names; empty: all
        QString jsonPath; ///< empty: no JSON
        /// The limit of each network step (Target::timeout); the runner's stage timeout follows from it.
        std::chrono::milliseconds timeout {2000};
        /// How long the listener stage waits for an indication (indication-* scenarios).
        std::chrono::milliseconds listenerWait {3000};
        /// Slower than this, a sample enumerate warns (E8); the slow scenario answers after 1 s.
        std::chrono::milliseconds slowResponse {700};
    };

    explicit FaultSoak(Options options, QObject *parent = nullptr);
    ~FaultSoak() override;
    Q_DISABLE_COPY_MOVE(FaultSoak)

    /// Starts every selected scenario's simulator; false (and a message on stderr) when one fails.
    bool setUp();
    /// Runs the rounds (queued); finished() when done, then exitCode() is valid.
    void start();
    /// 0 without violations, 1 with.
    int exitCode() const { return m_violations.isEmpty() ? 0 : 1; }

Q_SIGNALS:
    void finished();

private:
    /// One scenario under soak: where its simulator listens and what its runs saw.
    struct Subject
    {
        QString scenario;
        Target target;
        std::unique_ptr<SimScenarioHost> host; ///< in-process simulator
        std::unique_ptr<SimProcess> child; ///< or a cimdiag-sim child (security level 0)
        // Per round: the running runner and when each of its stages started.
        std::unique_ptr<DiagnosticRunner> runner;
        QHash<DiagnosticStage, qint64> stageStartedMs;
        QElapsedTimer clock;
        bool done = false;
        // Over all rounds.
        int runs = 0;
        int stuck = 0;
        int overLimit = 0;
        QMap<QString, int> verdicts; ///< verdict signature -> rounds
        qint64 maxStageMs = 0;
        DiagnosticStage maxStage = DiagnosticStage::NameResolution;
        qint64 stageTimeoutMs = 0;
        qint64 maxRunMs = 0;
    };

    struct RoundFigures
    {
        int round = 0;
        qint64 wallMs = 0;
        qint64 rssKb = 0;
        qint64 peakKb = 0;
        int fds = 0;
    };

    std::unique_ptr<Subject> makeSubject(const QString &name);
    void startRound();
    void onRunFinished(Subject &subject);
    void onRunDeadline(Subject &subject);
    void recordStages(Subject &subject, bool finished);
    void endRoundIfDone();
    void sampleAndContinue();
    void finishSoak();
    void violation(const QString &text);
    QJsonObject toJson(qint64 wallMs) const;

    Options m_options;
    QTemporaryDir m_dir;
    std::shared_ptr<const CertificateFactory> m_ca;
    std::vector<std::unique_ptr<Subject>> m_subjects;
    std::vector<RoundFigures> m_figures;
    QStringList m_violations;
    QElapsedTimer m_wall;
    QElapsedTimer m_roundClock;
    int m_round = 0;
    int m_baselineFds = 0;
    qint64 m_setUpMs = 0;
};

} // namespace cimdiag
