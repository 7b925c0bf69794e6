#include "sim/media/SimMediaQueue.h"

#include "sim/media/SimMediaTask.h"

SimMediaQueue::SimMediaQueue(QObject *parent)
    : QObject(parent)
{
}

void SimMediaQueue::enqueue(SimMediaTask *task)
{
    if (!task || m_aborting)
        return;
    connect(task, &SimMediaTask::finished, this, [this, task] { onTaskFinished(task); });
    m_waiting.append(task);
    advance();
}

SimMediaTask *SimMediaQueue::current() const
{
    return m_current.data();
}

bool SimMediaQueue::isIdle() const
{
    return !m_current && m_waiting.isEmpty();
}

int SimMediaQueue::waitingCount() const
{
    return static_cast<int>(m_waiting.size());
}

void SimMediaQueue::advance()
{
    if (m_advancing || m_aborting)
        return;
    m_advancing = true;
    while (!m_current && !m_waiting.isEmpty()) {
        QPointer<SimMediaTask> next = m_waiting.takeFirst();
        if (!next || next->isFinished())
            continue;
        m_current = next;
        next->begin(); // may finish at once: onTaskFinished() clears m_current and the loop goes on
    }
    m_advancing = false;
}

void SimMediaQueue::onTaskFinished(SimMediaTask *task)
{
    disconnect(task, &SimMediaTask::finished, this, nullptr);
    if (m_current == task) {
        m_current = nullptr;
        advance();
        return;
    }
    m_waiting.removeAll(QPointer<SimMediaTask>(task));
}

void SimMediaQueue::abortAll()
{
    m_aborting = true;
    const QList<QPointer<SimMediaTask>> waiting = m_waiting;
    m_waiting.clear();
    if (SimMediaTask *running = m_current.data()) {
        m_current = nullptr;
        running->abortRunning();
    }
    for (const QPointer<SimMediaTask> &task : waiting) {
        if (task)
            task->abortWaiting();
    }
    m_aborting = false;
}
