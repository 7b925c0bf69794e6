#include "core/models/CallsModel.h"

using namespace Qt::StringLiterals;

CallsModel::CallsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

CallsModel::~CallsModel() = default;

void CallsModel::setPartyNames(const PartyNames &names)
{
    m_names = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, CallerColumn), index(m_rows.size() - 1, CallerColumn));
}

QString CallsModel::partyName(const QString &channelId) const
{
    const int row = m_rows.rowOf(channelId);
    if (row < 0)
        return {};
    const CallInfo &call = m_rows.at(row);
    return m_names.display(call.callerName, call.callerNumber, call.channelName);
}

int CallsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int CallsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const CallInfo &call = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ChannelColumn:
            return call.channelId;
        case NameColumn:
            return call.channelName;
        case CallerColumn:
            return m_names.display(call.callerName, call.callerNumber, call.channelName);
        case ApplicationColumn:
            return call.args.isEmpty() ? call.application
                                       : QString(call.application + u" ("_s + call.args.join(u',') + u')');
        case StateColumn:
            return call.state.isEmpty() ? tr("starting") : call.state;
        case SinceColumn:
            return call.started.isValid() ? call.started.toLocalTime().toString(u"HH:mm:ss"_s) : QString();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == CallerColumn || index.column() == NameColumn || index.column() == ChannelColumn)
            return tr("Channel %1 (%2)").arg(call.channelId, call.channelName);
        if (index.column() == StateColumn && call.stateSince.isValid())
            return tr("In this state since %1").arg(call.stateSince.toLocalTime().toString(u"HH:mm:ss.zzz"_s));
        if (index.column() == SinceColumn && call.started.isValid())
            return tr("Entered the application at %1").arg(call.started.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
        return {};
    case ChannelIdRole:
        return call.channelId;
    case ApplicationRole:
        return call.application;
    case StateRole:
        return call.state;
    case StartedRole:
        return call.started;
    case StateSinceRole:
        return call.stateSince;
    case SortRole:
        if (index.column() == SinceColumn)
            return call.started.isValid() ? call.started.toMSecsSinceEpoch() : qint64(0);
        return data(index, Qt::DisplayRole);
    default:
        return {};
    }
}

QVariant CallsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ChannelColumn:
        return tr("Channel");
    case NameColumn:
        return tr("Name");
    case CallerColumn:
        return tr("Caller");
    case ApplicationColumn:
        return tr("Application");
    case StateColumn:
        return tr("State");
    case SinceColumn:
        return tr("Since");
    default:
        return {};
    }
}

void CallsModel::addCall(const CallInfo &info)
{
    if (info.channelId.isEmpty())
        return;
    const int row = m_rows.rowOf(info.channelId);
    if (row >= 0) {
        m_rows.at(row) = info;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, m_rows.size(), m_rows.size());
    m_rows.append(info.channelId, info);
    endInsertRows();
}

void CallsModel::changeState(const CallTransition &transition)
{
    const int row = m_rows.rowOf(transition.channelId);
    if (row < 0)
        return;
    CallInfo &call = m_rows.at(row);
    call.state = transition.to;
    call.stateSince = transition.at;
    Q_EMIT dataChanged(index(row, StateColumn), index(row, StateColumn));
}

void CallsModel::removeCall(const CallInfo &info)
{
    removeChannel(info.channelId);
}

void CallsModel::removeChannel(const QString &channelId)
{
    const int row = m_rows.rowOf(channelId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void CallsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, m_rows.size() - 1);
    m_rows.clear();
    endRemoveRows();
}
