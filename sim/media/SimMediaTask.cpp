#include "sim/media/SimMediaTask.h"

SimMediaTask::SimMediaTask(QObject *parent)
    : QObject(parent)
{
}

SimMediaTask::~SimMediaTask() = default;

void SimMediaTask::markFinished()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
}
