#include "ui/PcmFileSource.h"

#include <algorithm>

PcmFileSource::PcmFileSource(const QString &path, qint64 begin, qint64 length, QObject *parent)
    : QIODevice(parent)
    , m_file(path)
    , m_begin(begin)
    , m_length(length)
{
}

PcmFileSource::~PcmFileSource() = default;

bool PcmFileSource::open(OpenMode mode)
{
    if ((mode & WriteOnly) || !m_file.open(QIODevice::ReadOnly) || !m_file.seek(m_begin))
        return false;
    return QIODevice::open(mode | Unbuffered);
}

void PcmFileSource::close()
{
    QIODevice::close();
    m_file.close();
}

bool PcmFileSource::seek(qint64 position)
{
    if (position < 0 || position > m_length || !m_file.seek(m_begin + position))
        return false;
    return QIODevice::seek(position);
}

bool PcmFileSource::atEnd() const
{
    return !isOpen() || pos() >= m_length;
}

qint64 PcmFileSource::readData(char *data, qint64 maxSize)
{
    const qint64 wanted = std::min(maxSize, m_length - pos());
    if (wanted <= 0)
        return 0; // the end; -1 would mean an error
    return m_file.read(data, wanted);
}

qint64 PcmFileSource::writeData(const char *, qint64)
{
    return -1;
}
