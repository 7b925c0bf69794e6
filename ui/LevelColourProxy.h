#pragma once

#include <QIdentityProxyModel>

// Adds colours to the event log by level (the core's models have no colours: no Gui there).
class LevelColourProxy final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LevelColourProxy)

public:
    explicit LevelColourProxy(QObject *parent = nullptr);
    ~LevelColourProxy() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
};
