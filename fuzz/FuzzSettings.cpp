// libFuzzer target: the INI settings file (--config). Each input is written to the same file and
// loaded as the program loads it at start and on SIGHUP. QSettings keeps parsed files in a cache
// that it refreshes when a file's time or size changes: every input gets a time of its own, so
// every input is read (and the cache does not grow, which keeps the leak checks quiet and fast).
#include "core/config/SupervisorSettings.h"

#include <QByteArray>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

namespace {

QString iniPath()
{
    static QTemporaryDir s_directory(QDir(QStringLiteral("/dev/shm")).exists()
            ? QStringLiteral("/dev/shm/ari-supervisor-fuzz-XXXXXX")
            : QDir::tempPath() + QStringLiteral("/ari-supervisor-fuzz-XXXXXX"));
    if (!s_directory.isValid())
        __builtin_trap();
    return s_directory.filePath(QStringLiteral("settings.ini"));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static qint64 s_serial = 0;
    const QString path = iniPath();
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            __builtin_trap();
        file.write(reinterpret_cast<const char *>(data), qint64(size));
        file.flush(); // before the time is set, or writing the buffer would change it again
        file.setFileTime(QDateTime::fromSecsSinceEpoch(++s_serial, Qt::UTC), QFileDevice::FileModificationTime);
    }

    QProcessEnvironment environment;
    environment.insert(QStringLiteral("ARI_PASSWORD"), QStringLiteral("from-the-environment"));
    SupervisorSettings settings;
    QString error;
    if (settings.load(path, environment, {}, &error)) {
        if (!error.isEmpty())
            __builtin_trap();
        (void)settings.endpoint().eventsUrl();
    } else if (error.isEmpty()) {
        __builtin_trap(); // a refused file always says why
    }
    return 0;
}
