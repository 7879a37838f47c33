// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audit/AuditTrail.h"
#include "core/paths/AppPaths.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

namespace cimdiag {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AuditTrail", text);
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

/// Closes the descriptor (which drops the flock with it) however append() returns.
class FileDescriptor final
{
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd)
    { }
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Q_DISABLE_COPY_MOVE(FileDescriptor)
    int get() const { return m_fd; }

private:
    int m_fd;
};

bool readAt(int fd, qint64 offset, QByteArray &buffer)
{
    qsizetype done = 0;
    while (done < buffer.size()) {
        const ssize_t n = ::pread(fd, buffer.data() + done, size_t(buffer.size() - done), off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

struct Tail
{
    QByteArray lastLine; ///< the last complete line, without '\n'; empty for an empty file
    bool endsInNewline = true;
};

/// The last complete line of the file, read backwards in growing chunks (records are small, a
/// start-up snapshot a few kilobytes).
std::optional<Tail> readTail(int fd)
{
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0)
        return std::nullopt;
    const qint64 size = info.st_size;
    Tail tail;
    if (size == 0)
        return tail;
    qint64 chunk = 64 * 1024;
    for (;;) {
        const qint64 length = qMin(chunk, size);
        QByteArray buffer(length, Qt::Uninitialized);
        if (!readAt(fd, size - length, buffer))
            return std::nullopt;
        tail.endsInNewline = buffer.endsWith('\n');
        qsizetype end = buffer.size();
        if (tail.endsInNewline) {
            --end;
        } else {
            // A torn write (a crash mid-append): the fragment is not a record; the chain continues
            // from the last complete line and the verifier reports the fragment.
            end = buffer.lastIndexOf('\n');
            if (end < 0 && length == size)
                return tail;
        }
        if (end >= 0) {
            const qsizetype start = buffer.lastIndexOf('\n', end - 1);
            if (start >= 0 || length == size) {
                tail.lastLine = buffer.mid(start + 1, end - start - 1);
                return tail;
            }
        }
        if (length == size)
            return tail;
        chunk *= 4;
    }
}

void sendToSyslog(const AuditEvent &event, const QByteArray &line)
{
    static bool opened = false;
    if (!opened) {
        ::openlog("cimdiag", LOG_PID, LOG_USER);
        opened = true;
    }
    ::syslog((event.isWarning() ? LOG_WARNING : LOG_INFO) | LOG_USER, "audit: %s", line.constData());
}

} // namespace

AuditTrail::AuditTrail(QString path)
    : m_path(path.isEmpty() ? AppPaths::auditTrailFile() : std::move(path))
    , m_runId(newRunId())
{ }

AuditTrail::~AuditTrail() = default;

QString AuditTrail::localUserName()
{
    if (const passwd *entry = ::getpwuid(::geteuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    return qEnvironmentVariable("USER");
}

QString AuditTrail::newRunId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString AuditTrail::genesisHash()
{
    return QString(64, u'0');
}

QString AuditTrail::computeHash(QJsonObject record)
{
    record.remove(QStringLiteral("hash"));
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(record).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
            .toHex());
}

bool AuditTrail::append(AuditEvent event)
{
    m_error.clear();
    if (!m_enabled)
        return true;
    if (!event.time.isValid())
        event.time = QDateTime::currentDateTimeUtc();
    event.time = event.time.toUTC();
    if (event.localUser.isEmpty())
        event.localUser = localUserName();
    if (event.runId.isEmpty())
        event.runId = m_runId;

    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        m_error = tr("cannot create the directory %1").arg(info.absolutePath());
        return false;
    }
    // flock(2) rather than QLockFile: the kernel drops it when the process dies (no stale lock
    // files to break), and it locks the trail itself, not a side file another tool might ignore.
    FileDescriptor fd(::open(QFile::encodeName(m_path).constData(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC,
        S_IRUSR | S_IWUSR)); // 0600: it names servers and users
    if (fd.get() < 0) {
        m_error = tr("cannot open %1: %2").arg(m_path, errnoText());
        return false;
    }
    while (::flock(fd.get(), LOCK_EX) != 0) {
        if (errno != EINTR) {
            m_error = tr("cannot lock %1: %2").arg(m_path, errnoText());
            return false;
        }
    }
    const std::optional<Tail> tail = readTail(fd.get());
    if (!tail) {
        m_error = tr("cannot read %1: %2").arg(m_path, errnoText());
        return false;
    }
    event.sequence = 1;
    event.previousHash = genesisHash();
    if (!tail->lastLine.isEmpty()) {
        const QJsonObject last = QJsonDocument::fromJson(tail->lastLine).object();
        const QString lastHash = last.value(QStringLiteral("hash")).toString();
        // A damaged last line still gets a successor chained to its exact bytes; the verifier
        // reports the damage, the new record stays valid after it.
        event.previousHash = lastHash.isEmpty()
            ? QString::fromLatin1(QCryptographicHash::hash(tail->lastLine, QCryptographicHash::Sha256).toHex())
            : lastHash;
        event.sequence = last.value(QStringLiteral("seq")).toInteger() + 1;
    }
    event.hash = computeHash(event.toJson(false));
    const QByteArray line = QJsonDocument(event.toJson(true)).toJson(QJsonDocument::Compact);
    const QByteArray bytes = (tail->endsInNewline ? QByteArray() : QByteArray("\n")) + line + '\n';
    if (!writeAll(fd.get(), bytes) || ::fdatasync(fd.get()) != 0) {
        m_error = tr("cannot write %1: %2").arg(m_path, errnoText());
        return false;
    }
    if (m_syslog)
        sendToSyslog(event, line);
    return true;
}

QList<AuditEvent> AuditTrail::readAll(const QString &path, QString *error)
{
    QList<AuditEvent> events;
    QFile file(path);
    if (!file.exists())
        return events;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return events;
    }
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (!document.isObject())
            continue;
        if (auto event = AuditEvent::fromJson(document.object()))
            events.append(*event);
    }
    return events;
}

} // namespace cimdiag
