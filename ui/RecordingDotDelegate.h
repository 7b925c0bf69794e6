#pragma once

#include <QColor>
#include <QIcon>
#include <QStyledItemDelegate>

// The recording column of the calls in progress (SPEC UX-3): a red dot before the text while the
// call is being recorded, a grey one while its recording is paused, none otherwise. Reads the
// model's recording state role.
class RecordingDotDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingDotDelegate)

public:
    explicit RecordingDotDelegate(int recordingStateRole, QObject *parent = nullptr);
    ~RecordingDotDelegate() override;

    // The dot's colour for the row of `index`; invalid: no dot.
    QColor dotColour(const QModelIndex &index) const;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_role;
    QIcon m_recording;
    QIcon m_paused;
};
