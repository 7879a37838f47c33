// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/cimxml/CimOperation.h"
#include "core/cimxml/CimOperationResponse.h"

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <vector>

namespace cimdiag {

/// What more than one benchmark measures the same way: a chunked decode and the process's memory.
class BenchTools final
{
public:
    BenchTools() = delete;

    /// What the CLI and a network reader feed CimXmlReader at a time.
    static constexpr qsizetype kChunkSize = 64 * 1024;
    static constexpr double kMegabyte = 1e6; ///< MB/s in SI megabytes, as throughput figures usually are

    /// Feeds document to a CimXmlReader in kChunkSize chunks up to a successful finish() and returns
    /// the seconds that took; the decoded response goes to *response (its destruction is not timed).
    /// Negative, with the reader's error in *error, when decoding fails.
    static double decodeInChunks(
        const QByteArray &document, CimOperation operation, CimOperationResponse *response, QString *error);

    /// A "VmHWM"-style field of /proc/<pid>/status (0: this process) in KiB; -1 when unreadable.
    static qint64 procStatusKib(const char *field, qint64 pid = 0);
    /// Resets VmHWM to the current RSS (Linux 4.0+: writing 5 to /proc/self/clear_refs).
    static bool resetPeakRss();

    static double megabytesPerSecond(qint64 bytes, double seconds)
    {
        return static_cast<double>(bytes) / kMegabyte / seconds;
    }
    /// The times of repeated runs of one pass.
    struct Series
    {
        std::vector<double> seconds;
        double best() const { return *std::min_element(seconds.begin(), seconds.end()); }
        double median() const
        {
            std::vector<double> sorted = seconds;
            std::sort(sorted.begin(), sorted.end());
            const size_t n = sorted.size();
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    };

    /// 12345678 -> "12,345,678".
    static QByteArray grouped(qint64 value);
};

} // namespace cimdiag
