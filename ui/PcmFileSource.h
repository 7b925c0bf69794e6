#pragma once

#include <QFile>
#include <QIODevice>

// The samples of a WAV file as a device of their own: bytes [begin, begin + length) of the file,
// read from disk as they are played (a long message is never held in memory). Seekable, so that
// back, forward and restart move in the file.
class PcmFileSource final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PcmFileSource)

public:
    PcmFileSource(const QString &path, qint64 begin, qint64 length, QObject *parent = nullptr);
    ~PcmFileSource() override;

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 position) override;
    bool atEnd() const override;
    QString fileError() const { return m_file.errorString(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    QFile m_file;
    qint64 m_begin;
    qint64 m_length;
};
