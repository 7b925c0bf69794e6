#include "ui/LevelColourProxy.h"

#include "core/models/EventLogEntry.h"
#include "core/models/EventLogModel.h"

#include <QBrush>
#include <QColor>

LevelColourProxy::LevelColourProxy(QObject *parent)
    : QIdentityProxyModel(parent)
{
}

LevelColourProxy::~LevelColourProxy() = default;

QVariant LevelColourProxy::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (role != Qt::ForegroundRole)
        return QIdentityProxyModel::data(index, role);
    const auto level = static_cast<EventLogEntry::Level>(QIdentityProxyModel::data(index, EventLogModel::LevelRole).toInt());
    switch (level) {
    case EventLogEntry::Level::Error:
        return QBrush(QColor(0xc6, 0x28, 0x28));
    case EventLogEntry::Level::Warning:
        return QBrush(QColor(0xb2, 0x6a, 0x00));
    case EventLogEntry::Level::Debug:
        return QBrush(QColor(0x75, 0x75, 0x75));
    case EventLogEntry::Level::Info:
        break;
    }
    return {};
}
