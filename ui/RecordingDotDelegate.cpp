#include "ui/RecordingDotDelegate.h"

#include "core/queue/QueueRecordingState.h"

#include <QPainter>
#include <QPixmap>

namespace {

const QColor s_recordingColour(0xc6, 0x28, 0x28);
const QColor s_pausedColour(0x9e, 0x9e, 0x9e);

QIcon dot(const QColor &colour)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(3, 3, 10, 10));
    return QIcon(pixmap);
}

} // namespace

RecordingDotDelegate::RecordingDotDelegate(int recordingStateRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(recordingStateRole)
    , m_recording(dot(s_recordingColour))
    , m_paused(dot(s_pausedColour))
{
}

RecordingDotDelegate::~RecordingDotDelegate() = default;

QColor RecordingDotDelegate::dotColour(const QModelIndex &index) const
{
    switch (static_cast<QueueRecordingState>(index.data(m_role).toInt())) {
    case QueueRecordingState::Recording:
        return s_recordingColour;
    case QueueRecordingState::Paused:
        return s_pausedColour;
    case QueueRecordingState::None:
    case QueueRecordingState::Starting:
    case QueueRecordingState::Stopping:
        break;
    }
    return {};
}

void RecordingDotDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QColor colour = dotColour(index);
    if (!colour.isValid())
        return;
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->icon = colour == s_recordingColour ? m_recording : m_paused;
    option->decorationSize = QSize(16, 16);
}
