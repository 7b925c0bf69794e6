#pragma once

#include <QHash>
#include <QWidget>

class CallCentreSummary;
class QLabel;

// The call centre's figures (SPEC UX-3) as the CallCentreSummary computes them: callers waiting,
// longest wait (moving every second), agents free and busy, calls in progress, recordings running
// new voicemails, and the calls answered and abandoned today. Two looks: a strip over the tabs (Header), and large tiles for a wall screen
// (Wallboard). The longest wait and the callers waiting, and the calls abandoned today, take the
// summary's warning and alert colours.
class CallCentreFigures final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallCentreFigures)

public:
    enum class Style { Header, Wallboard };
    enum class Figure {
        CallersWaiting,
        LongestWait,
        AgentsFree,
        AgentsBusy,
        CallsInProgress,
        Recordings,
        NewVoicemails,
        AnsweredToday,
        AbandonedToday
    };

    CallCentreFigures(CallCentreSummary *summary, Style style, QWidget *parent = nullptr);
    ~CallCentreFigures() override;

    // The label that shows a figure's value (objectName "<prefix><Figure>", e.g. "headerLongestWait").
    QLabel *value(Figure figure) const { return m_values.value(figure); }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void showFigures();
    void showLongestWait();

    CallCentreSummary *m_summary;
    Style m_style;
    QHash<Figure, QLabel *> m_values;
    QList<QLabel *> m_captions;
};
