#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <map>

// The waits of every call of an application (an announcement due in 20 s, a recording's end to
// check again, a request to send again), kept in order of their deadlines behind one QTimer. Qt
// keeps a thread's timers in a list that it searches from one end when a timer starts or stops:
// with a timer of its own for each of thousands of calls, every timer of the thread, however
// short, cost a walk over all of them. Here a wait costs an insertion into a tree, and the thread
// holds one timer more.
class CallTimers final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallTimers)

public:
    explicit CallTimers(QObject *parent = nullptr);
    ~CallTimers() override;

    // Runs `work` on this object's thread once `milliseconds` have passed (0 or less: on a later
    // turn of the event loop, never within this call). Works due at the same moment run in the
    // order they were given. Work still waiting when this object goes is dropped. Called on this
    // object's thread only (it starts a timer).
    void after(int milliseconds, std::function<void()> work);

    int waitingCount() const { return static_cast<int>(m_due.size()); }

private:
    void onTimeout();
    void arm();

    QElapsedTimer m_clock;
    QTimer m_timer;
    std::multimap<qint64, std::function<void()>> m_due; // deadline (ns of m_clock) → work
    qint64 m_armedFor = -1; // the deadline m_timer waits for, or -1
};
