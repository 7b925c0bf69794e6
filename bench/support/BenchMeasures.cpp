#include "BenchMeasures.h"

#include <QDir>
#include <QFile>
#include <QList>

#include <chrono>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace BenchMeasures {

qint64 nowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

qint64 cpuNs(clockid_t clock)
{
    timespec time {};
    clock_gettime(clock, &time);
    return static_cast<qint64>(time.tv_sec) * 1000000000 + time.tv_nsec;
}

qint64 statusKb(QByteArrayView field)
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field) && line.size() > field.size() && line.at(field.size()) == ':') {
            QByteArray value = line.mid(field.size() + 1).trimmed();
            if (value.endsWith("kB"))
                value.chop(2);
            bool ok = false;
            const qint64 kb = value.trimmed().toLongLong(&ok);
            return ok ? kb : -1;
        }
    }
    return -1;
}

QMap<int, ThreadCpu> threadCpu()
{
    QMap<int, ThreadCpu> threads;
    const double msPerTick = 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
    const QStringList tids = QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        QFile stat(u"/proc/self/task/%1/stat"_s.arg(tid));
        QFile comm(u"/proc/self/task/%1/comm"_s.arg(tid));
        if (!stat.open(QIODevice::ReadOnly) || !comm.open(QIODevice::ReadOnly))
            continue;
        // After the name in parentheses: state is field 3, utime field 14, stime field 15.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 13)
            continue;
        ThreadCpu thread;
        thread.name = QString::fromUtf8(comm.readAll().trimmed());
        thread.cpuMs = static_cast<double>(fields.at(11).toLongLong() + fields.at(12).toLongLong()) * msPerTick;
        threads.insert(tid.toInt(), thread);
    }
    return threads;
}

double loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    bool ok = false;
    const double load = file.readLine().split(' ').value(0).toDouble(&ok);
    return ok ? load : -1;
}

double ms(qint64 ns)
{
    return static_cast<double>(ns) / 1e6;
}

double perSecond(qint64 count, qint64 ns)
{
    return ns > 0 ? static_cast<double>(count) * 1e9 / static_cast<double>(ns) : 0.0;
}

double usPer(qint64 ns, qint64 count)
{
    return count > 0 ? static_cast<double>(ns) / 1e3 / static_cast<double>(count) : 0.0;
}

} // namespace BenchMeasures
