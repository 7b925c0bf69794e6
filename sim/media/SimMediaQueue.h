#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class SimMediaTask;

// Runs media tasks (playbacks, recordings) one at a time in arrival order. A task that finishes
// synchronously inside begin() lets the next one start without recursion.
class SimMediaQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimMediaQueue)

public:
    explicit SimMediaQueue(QObject *parent = nullptr);

    // Starts the task at once when the queue is idle.
    void enqueue(SimMediaTask *task);
    SimMediaTask *current() const;
    bool isIdle() const;
    int waitingCount() const;
    // The target goes away: the running task is aborted, the waiting ones never run.
    void abortAll();

private:
    void advance();
    void onTaskFinished(SimMediaTask *task);

    QPointer<SimMediaTask> m_current;
    QList<QPointer<SimMediaTask>> m_waiting;
    bool m_advancing = false;
    bool m_aborting = false;
};
