#pragma once

#include <QObject>

// Something that occupies a channel's (or a bridge's) media path for a while: a playback or a
// recording. Asterisk runs them one after the other, in the order the requests came in; a
// SimMediaQueue does the same here.
class SimMediaTask : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimMediaTask)

public:
    explicit SimMediaTask(QObject *parent = nullptr);
    ~SimMediaTask() override;

    // It is this task's turn. May emit finished() before returning.
    virtual void begin() = 0;
    // The channel hung up (or the bridge was destroyed) while this task was running.
    virtual void abortRunning() = 0;
    // The channel hung up while this task was still waiting: it never runs.
    virtual void abortWaiting() = 0;

    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void finished();

protected:
    // Emits finished() once.
    void markFinished();

private:
    bool m_finished = false;
};
