// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/soak/FaultSoak.h"

#include "core/net/CertificateFactory.h"
#include "core/sim/SimHttpServer.h"
#include "core/sim/SimScenario.h"
#include "core/sim/SimScenarioHost.h"
#include "core/sim/SimSlpResponder.h"
#include "tests/support/SimProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <malloc.h>

namespace cimdiag {

namespace {

using namespace std::chrono_literals;

/// Event-loop lag allowed on top of a limit before a late stage or run counts: all scenarios share
/// one thread on a loaded 2-core machine.
constexpr qint64 kMarginMs = 2000;
/// Time after a round's runners are destroyed before the figures are read: the simulators see the
/// client sockets close and drop their side, deferred deletions run.
constexpr int kSettleMs = 300;
/// The memory check compares two windows of ten rounds, the first after ten warm-up rounds.
constexpr int kWarmUpRounds = 10;
constexpr int kWindow = 10;
/// RSS growth allowed between the windows: heap fragmentation and Qt's and OpenSSL's caches that fill
/// on first use move RSS by a few MB without a leak; a leak of one small object per run (40 runs a
/// round, 80 rounds between the windows) grows it by far more than that.
constexpr double kGrowthRatio = 0.10;
constexpr qint64 kGrowthFloorKb = 8 * 1024;

void printErr(const QString &line)
{
    std::fputs(qPrintable(line), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

/// VmRSS and VmHWM of /proc/self/status in kB (Linux only: the soak is a Linux CI check).
std::pair<qint64, qint64> residentKb()
{
    QFile file(QStringLiteral("/proc/self/status"));
    qint64 rss = 0;
    qint64 peak = 0;
    if (!file.open(QIODevice::ReadOnly))
        return {0, 0};
    for (const QByteArray &line : file.readAll().split('\n')) {
        const auto value = [&line] { return line.mid(6).trimmed().split(' ').value(0).toLongLong(); };
        if (line.startsWith("VmRSS:"))
            rss = value();
        else if (line.startsWith("VmHWM:"))
            peak = value();
    }
    return {rss, peak};
}

int openFds()
{
    return int(
        QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size());
}

qint64 medianRss(const std::vector<qint64> &values)
{
    if (values.empty())
        return 0;
    std::vector<qint64> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    return sorted[sorted.size() / 2];
}

QString mb(qint64 kb)
{
    return QString::number(double(kb) / 1024.0, 'f', 1) + QStringLiteral(" MB");
}

/// What a run concluded, as one comparable string: the overall status, and the first stage that
/// warned or failed with its first catalogue id ("Failed tls C9").
QString verdictOf(const DiagnosticRun &run)
{
    QString verdict = checkStatusName(run.overallStatus());
    for (const CheckResult &result : run.results) {
        if (result.status == CheckStatus::Failed || result.status == CheckStatus::Warning) {
            verdict += u' ' + diagnosticStageId(result.stage) + u' ' + result.hintIds.value(0, QStringLiteral("-"));
            break;
        }
    }
    return verdict;
}

} // namespace

FaultSoak::FaultSoak(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{ }

FaultSoak::~FaultSoak() = default;

bool FaultSoak::setUp()
{
    if (!m_dir.isValid()) {
        printErr(QStringLiteral("cannot create a temporary directory"));
        return false;
    }
    QElapsedTimer clock;
    clock.start();
    // One CA for every in-process simulator: RSA key generation is most of the set-up time.
    QString error;
    std::optional<CertificateFactory> ca
        = CertificateFactory::create(QStringLiteral("cimdiag-soak CA"), QStringLiteral("cimdiag"), &error);
    if (!ca) {
        printErr(QStringLiteral("cannot make the CA: ") + error);
        return false;
    }
    m_ca = std::make_shared<const CertificateFactory>(std::move(*ca));
    // The scenario list comes from the simulator, so a new scenario is soaked without a change here.
    for (const QString &name : SimScenario::builtInNames()) {
        if (!m_options.scenarioFilter.pattern().isEmpty() && !m_options.scenarioFilter.match(name).hasMatch())
            continue;
        std::unique_ptr<Subject> subject = makeSubject(name);
        if (!subject)
            return false;
        m_subjects.push_back(std::move(subject));
    }
    if (m_subjects.empty()) {
        printErr(QStringLiteral("no scenario matches %1").arg(m_options.scenarioFilter.pattern()));
        return false;
    }
    m_setUpMs = clock.elapsed();
    printErr(QStringLiteral("%1 simulators started in %2 s")
                 .arg(m_subjects.size())
                 .arg(double(m_setUpMs) / 1000.0, 0, 'f', 1));
    return true;
}

std::unique_ptr<FaultSoak::Subject> FaultSoak::makeSubject(const QString &name)
{
    QString error;
    std::optional<SimScenario> scenario = SimScenario::load(name, &error);
    if (!scenario) {
        printErr(error);
        return nullptr;
    }
    auto subject = std::make_unique<Subject>();
    subject->scenario = name;
    // Short but realistic: E8 still shows (1 s answers against a 0.7 s limit, inside the 2 s read
    // timeout) and a round takes seconds, not the scenario's 5 s per answer.
    scenario->faultPlan.slowResponseMs = 1000;
    const bool listener = name.startsWith(QLatin1String("indication-"));
    // Only the delivery on creation (as TestDiagnosisMatrix): the verdict must not hang on a timer.
    if (listener)
        scenario->indications.intervalMs = 0;

    const QString caFile = m_dir.filePath(name + QStringLiteral("-ca.pem"));
    quint16 httpsPort = 0;
    if (scenario->needsSecurityLevel0()) {
        // Legacy TLS and weak certificates need the server's OpenSSL security level lowered before
        // OpenSSL starts, which this process (a client too) must not do: a cimdiag-sim child serves
        // them for the whole soak.
        subject->child = std::make_unique<SimProcess>();
        if (!subject->child->start(name, caFile)) {
            printErr(subject->child->errorString());
            return nullptr;
        }
        httpsPort = quint16(subject->child->httpsUrl().port());
    } else {
        // One simulator per scenario for the whole soak, as a real server diagnosed again and again:
        // what a run leaves on the server (the listener stage's subscriptions) would pile up and show.
        subject->host = std::make_unique<SimScenarioHost>();
        SimScenarioHost::Listen listen;
        listen.certificateAuthority = m_ca;
        if (!subject->host->start(*scenario, listen)) {
            printErr(name + QStringLiteral(": ") + subject->host->errorString());
            return nullptr;
        }
        if (!subject->host->certificateFactory()->writeCaCertificatePem(caFile, &error)) {
            printErr(error);
            return nullptr;
        }
        httpsPort = subject->host->server()->httpsPort();
        // The server keeps the last 256 requests for tests to inspect; filling that record (bodies
        // and all, 40 servers) would read as growth over the first rounds and hide a real leak.
        subject->host->server()->setMaxRecordedRequests(1);
    }

    Target &target = subject->target;
    target.scheme = QStringLiteral("https");
    target.host = QStringLiteral("127.0.0.1");
    target.port = httpsPort;
    target.tls.caFile = caFile;
    // The scenario's own account (pegasus-remote-root's first one is root: D4); a user who does not
    // know the password where the scenario is about exactly that (D1); some account where the
    // server asks for none.
    const SimAccount account = scenario->accounts.value(0, {QStringLiteral("cimuser"), QStringLiteral("cimpass")});
    const QString password = scenario->failureModes.contains(QLatin1String("D1"))
        ? QStringLiteral("not-") + account.password
        : account.password;
    target.credentials = WbemCredentials::basic(account.user, password);
    target.timeout = m_options.timeout;
    target.slowResponse = m_options.slowResponse;
    // The opt-in stages for the scenarios built for them: SLP by unicast to the scenario's agent
    // (loopback, so no multicast), the listener stage for the delivery faults.
    if (subject->host && subject->host->slpResponder()) {
        target.slp = true;
        target.slpPort = subject->host->slpResponder()->port();
    }
    if (listener) {
        target.listener.enabled = true;
        target.listener.wait = m_options.listenerWait;
        target.listener.pollInterval = 200ms;
    }
    return subject;
}

void FaultSoak::start()
{
    m_wall.start();
    QTimer::singleShot(0, this, &FaultSoak::startRound);
}

void FaultSoak::startRound()
{
    ++m_round;
    m_roundClock.start();
    for (const auto &owned : m_subjects) {
        Subject &subject = *owned;
        subject.done = false;
        subject.stageStartedMs.clear();
        subject.runner = std::make_unique<DiagnosticRunner>(subject.target);
        DiagnosticRunner *runner = subject.runner.get();
        subject.stageTimeoutMs = qint64(runner->stageTimeout().count());
        connect(runner, &DiagnosticRunner::stageStarted, this,
            [&subject](DiagnosticStage stage) { subject.stageStartedMs.insert(stage, subject.clock.elapsed()); });
        connect(runner, &DiagnosticRunner::finished, this, [this, &subject] { onRunFinished(subject); });
        // The hard deadline: every stage at its limit one after the other, and the margin.
        const qint64 deadline = qint64(runner->stages().size()) * subject.stageTimeoutMs + kMarginMs;
        QTimer::singleShot(std::chrono::milliseconds(deadline), runner, [this, &subject] { onRunDeadline(subject); });
        subject.clock.start();
        runner->start();
    }
}

void FaultSoak::onRunFinished(Subject &subject)
{
    if (subject.done)
        return;
    subject.done = true;
    ++subject.runs;
    recordStages(subject, true);
    ++subject.verdicts[verdictOf(subject.runner->run())];
    subject.maxRunMs = std::max(subject.maxRunMs, subject.clock.elapsed());
    endRoundIfDone();
}

void FaultSoak::onRunDeadline(Subject &subject)
{
    if (subject.done)
        return;
    subject.done = true;
    ++subject.runs;
    ++subject.stuck;
    ++subject.verdicts[QStringLiteral("stuck")];
    recordStages(subject, false);
    violation(QStringLiteral("round %1: %2: the run did not finish within %3 ms")
                  .arg(m_round)
                  .arg(subject.scenario)
                  .arg(subject.clock.elapsed()));
    subject.maxRunMs = std::max(subject.maxRunMs, subject.clock.elapsed());
    subject.runner->cancel();
    endRoundIfDone();
}

void FaultSoak::recordStages(Subject &subject, bool finished)
{
    const DiagnosticRun run = subject.runner->run();
    QHash<DiagnosticStage, qint64> durations;
    for (const CheckResult &result : run.results) {
        if (subject.stageStartedMs.contains(result.stage) && result.status != CheckStatus::Pending
            && result.status != CheckStatus::Running)
            durations.insert(result.stage, qint64(result.duration.count()));
    }
    // A stage still running when the run's deadline passed: its age so far.
    if (!finished) {
        for (auto it = subject.stageStartedMs.cbegin(); it != subject.stageStartedMs.cend(); ++it) {
            if (!durations.contains(it.key()))
                durations.insert(it.key(), subject.clock.elapsed() - it.value());
        }
    }
    for (auto it = durations.cbegin(); it != durations.cend(); ++it) {
        if (it.value() > subject.maxStageMs) {
            subject.maxStageMs = it.value();
            subject.maxStage = it.key();
        }
        // A check must end itself through its own network timeouts; reaching the runner's safety
        // limit means something in it did not (and past the limit plus the margin, the safety net
        // failed too).
        if (it.value() >= subject.stageTimeoutMs) {
            ++subject.overLimit;
            violation(QStringLiteral("round %1: %2: stage %3 ran %4 ms, its limit is %5 ms%6")
                          .arg(m_round)
                          .arg(subject.scenario, diagnosticStageId(it.key()))
                          .arg(it.value())
                          .arg(subject.stageTimeoutMs)
                          .arg(it.value() > subject.stageTimeoutMs + kMarginMs ? QStringLiteral(" (stuck past it)")
                                                                               : QString()));
        }
    }
}

void FaultSoak::endRoundIfDone()
{
    for (const auto &subject : m_subjects) {
        if (!subject->done)
            return;
    }
    const qint64 wallMs = m_roundClock.elapsed();
    // Not from inside the last runner's finished(): destroy the runners once it has returned.
    QTimer::singleShot(0, this, [this, wallMs] {
        for (const auto &subject : m_subjects)
            subject->runner.reset();
        RoundFigures figures;
        figures.round = m_round;
        figures.wallMs = wallMs;
        m_figures.push_back(figures);
        QTimer::singleShot(kSettleMs, this, &FaultSoak::sampleAndContinue);
    });
}

void FaultSoak::sampleAndContinue()
{
    RoundFigures &figures = m_figures.back();
    // Hand freed heap back to the kernel first (glibc), so RSS follows what is live rather than
    // how fragmented the heap happens to be: a slow leak then stands out sooner.
    malloc_trim(0);
    const auto [rss, peak] = residentKb();
    figures.rssKb = rss;
    figures.peakKb = peak;
    figures.fds = openFds();
    if (m_round == 1)
        m_baselineFds = figures.fds;
    printErr(QStringLiteral("round %1/%2: %3 s, RSS %4, peak %5, %6 fds")
                 .arg(m_round)
                 .arg(m_options.rounds)
                 .arg(double(figures.wallMs) / 1000.0, 0, 'f', 1)
                 .arg(mb(rss), mb(peak))
                 .arg(figures.fds));
    if (m_round < m_options.rounds)
        startRound();
    else
        finishSoak();
}

void FaultSoak::violation(const QString &text)
{
    m_violations.append(text);
    printErr(QStringLiteral("VIOLATION ") + text);
}

void FaultSoak::finishSoak()
{
    const qint64 wallMs = m_wall.elapsed();
    const RoundFigures &first = m_figures.front();
    const RoundFigures &last = m_figures.back();
    qint64 peak = 0;
    for (const RoundFigures &figures : m_figures)
        peak = std::max(peak, figures.peakKb);

    // A flaky diagnosis: the same server, a different answer.
    for (const auto &subject : m_subjects) {
        if (subject->verdicts.size() > 1) {
            QStringList seen;
            for (auto it = subject->verdicts.cbegin(); it != subject->verdicts.cend(); ++it)
                seen.append(QStringLiteral("%1 x%2").arg(it.key()).arg(it.value()));
            violation(QStringLiteral("%1: the verdict changed between rounds: %2")
                          .arg(subject->scenario, seen.join(QStringLiteral("; "))));
        }
    }
    QString memory = QStringLiteral("not checked (needs %1 rounds)").arg(kWarmUpRounds + 2 * kWindow);
    if (int(m_figures.size()) >= kWarmUpRounds + 2 * kWindow) {
        std::vector<qint64> early;
        std::vector<qint64> late;
        for (int i = kWarmUpRounds; i < kWarmUpRounds + kWindow; ++i)
            early.push_back(m_figures[size_t(i)].rssKb);
        for (size_t i = m_figures.size() - kWindow; i < m_figures.size(); ++i)
            late.push_back(m_figures[i].rssKb);
        const qint64 before = medianRss(early);
        const qint64 after = medianRss(late);
        const qint64 allowed = std::max(kGrowthFloorKb, qint64(double(before) * kGrowthRatio));
        memory = QStringLiteral("median RSS rounds %1-%2: %3, rounds %4-%5: %6 (growth %7, allowed %8)")
                     .arg(kWarmUpRounds + 1)
                     .arg(kWarmUpRounds + kWindow)
                     .arg(mb(before))
                     .arg(m_figures.size() - kWindow + 1)
                     .arg(m_figures.size())
                     .arg(mb(after), mb(after - before), mb(allowed));
        if (after - before > allowed)
            violation(QStringLiteral("memory grew: ") + memory);
    }
    if (last.fds > m_baselineFds)
        violation(QStringLiteral("%1 file descriptors open after the last round, %2 after the first")
                      .arg(last.fds)
                      .arg(m_baselineFds));

    QTextStream out(stdout);
    const auto row = [&out](const QString &a, const QString &b, const QString &c, const QString &d, const QString &e,
                         const QString &f, const QString &g) {
        out << QStringList {a, b, c, d, e, f, g}.join(QStringLiteral(" | ")).prepend(QStringLiteral("| "))
            << QStringLiteral(" |\n");
    };
    row(QStringLiteral("scenario"), QStringLiteral("runs"), QStringLiteral("verdict(s) seen"),
        QStringLiteral("slowest stage (ms / limit)"), QStringLiteral("slowest run (ms)"), QStringLiteral("stuck"),
        QStringLiteral("over limit"));
    row(QStringLiteral("---"), QStringLiteral("---:"), QStringLiteral("---"), QStringLiteral("---"),
        QStringLiteral("---:"), QStringLiteral("---:"), QStringLiteral("---:"));
    for (const auto &subject : m_subjects) {
        QStringList seen;
        for (auto it = subject->verdicts.cbegin(); it != subject->verdicts.cend(); ++it)
            seen.append(
                subject->verdicts.size() > 1 ? QStringLiteral("%1 x%2").arg(it.key()).arg(it.value()) : it.key());
        row(subject->scenario, QString::number(subject->runs), seen.join(QStringLiteral("; ")),
            QStringLiteral("%1 %2 / %3")
                .arg(diagnosticStageId(subject->maxStage))
                .arg(subject->maxStageMs)
                .arg(subject->stageTimeoutMs),
            QString::number(subject->maxRunMs), QString::number(subject->stuck), QString::number(subject->overLimit));
    }
    out << QStringLiteral("\n")
        << QStringLiteral("rounds: %1 over %2 scenarios, wall time %3 s (round: first %4 s, last %5 s)\n")
               .arg(m_figures.size())
               .arg(m_subjects.size())
               .arg(double(wallMs) / 1000.0, 0, 'f', 1)
               .arg(double(first.wallMs) / 1000.0, 0, 'f', 1)
               .arg(double(last.wallMs) / 1000.0, 0, 'f', 1)
        << QStringLiteral("RSS after round 1: %1, after round %2: %3, peak (VmHWM): %4\n")
               .arg(mb(first.rssKb))
               .arg(m_figures.size())
               .arg(mb(last.rssKb), mb(peak))
        << QStringLiteral("memory: ") << memory << QStringLiteral("\n")
        << QStringLiteral("open fds after round 1: %1, after round %2: %3\n")
               .arg(first.fds)
               .arg(m_figures.size())
               .arg(last.fds)
        << QStringLiteral("violations: %1\n").arg(m_violations.size());
    for (const QString &text : std::as_const(m_violations))
        out << QStringLiteral("  ") << text << QStringLiteral("\n");
    out.flush();

    if (!m_options.jsonPath.isEmpty()) {
        QFile file(m_options.jsonPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(QJsonDocument(toJson(wallMs)).toJson()) < 0) {
            violation(QStringLiteral("cannot write %1: %2").arg(m_options.jsonPath, file.errorString()));
        }
    }
    Q_EMIT finished();
}

QJsonObject FaultSoak::toJson(qint64 wallMs) const
{
    QJsonArray scenarios;
    for (const auto &subject : m_subjects) {
        QJsonObject verdicts;
        for (auto it = subject->verdicts.cbegin(); it != subject->verdicts.cend(); ++it)
            verdicts.insert(it.key(), it.value());
        scenarios.append(QJsonObject {
            {QStringLiteral("scenario"), subject->scenario},
            {QStringLiteral("runs"), subject->runs},
            {QStringLiteral("verdicts"), verdicts},
            {QStringLiteral("slowestStage"), diagnosticStageId(subject->maxStage)},
            {QStringLiteral("slowestStageMs"), subject->maxStageMs},
            {QStringLiteral("stageTimeoutMs"), subject->stageTimeoutMs},
            {QStringLiteral("slowestRunMs"), subject->maxRunMs},
            {QStringLiteral("stuck"), subject->stuck},
            {QStringLiteral("overLimit"), subject->overLimit},
        });
    }
    QJsonArray rounds;
    for (const RoundFigures &figures : m_figures) {
        rounds.append(QJsonObject {
            {QStringLiteral("round"), figures.round},
            {QStringLiteral("wallMs"), figures.wallMs},
            {QStringLiteral("rssKb"), figures.rssKb},
            {QStringLiteral("peakKb"), figures.peakKb},
            {QStringLiteral("fds"), figures.fds},
        });
    }
    return QJsonObject {
        {QStringLiteral("schema"), QStringLiteral("cimdiag-soak/1")},
        {QStringLiteral("wallMs"), wallMs},
        {QStringLiteral("scenarios"), scenarios},
        {QStringLiteral("rounds"), rounds},
        {QStringLiteral("violations"), QJsonArray::fromStringList(m_violations)},
    };
}

} // namespace cimdiag
