#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal on the event loop (self-pipe), so the program can shut
// down cleanly: close the event socket, finish logging, return from main(). After watchReload(),
// SIGHUP becomes reloadRequested() (the service re-reads its settings) instead of ending the program.
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignalWatcher)

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

    void watchReload();

Q_SIGNALS:
    void terminationRequested(int signalNumber);
    void reloadRequested();

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr; // child
};
