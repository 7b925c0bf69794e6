#pragma once

#include <QByteArrayView>
#include <QMap>
#include <QString>
#include <QtGlobal>

#include <ctime>

// What the benchmarks read of the clock, the kernel's CPU counters and memory, and how they turn
// nanoseconds into the figures they print.
namespace BenchMeasures {

// The steady clock, in ns.
qint64 nowNs();
// A CPU clock (CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID, …), in ns.
qint64 cpuNs(clockid_t clock);
// A "VmRSS" / "VmHWM" line of /proc/self/status, in kB; -1 when unreadable.
qint64 statusKb(QByteArrayView field);

// CPU time of every thread of this process (/proc/self/task), in ms, by thread id.
struct ThreadCpu
{
    QString name;
    double cpuMs = 0;
};
QMap<int, ThreadCpu> threadCpu();

// The 1-minute load average (/proc/loadavg): other work on the machine skews every figure.
double loadAverage();

double ms(qint64 ns);
double perSecond(qint64 count, qint64 ns);
double usPer(qint64 ns, qint64 count);

} // namespace BenchMeasures
