#include "ui/CallCentreFigures.h"

#include "core/models/CallCentreSummary.h"
#include "core/models/PlaybacksModel.h"

#include <algorithm>

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

using Figure = CallCentreFigures::Figure;

struct FigureSpec
{
    Figure figure;
    const char *name;
    const char *caption;
    const char *headerCaption = nullptr; // shorter, for the strip; null: the caption
};

constexpr FigureSpec s_figures[] = {
    { Figure::CallersWaiting, "CallersWaiting", QT_TRANSLATE_NOOP("CallCentreFigures", "Waiting") },
    { Figure::LongestWait, "LongestWait", QT_TRANSLATE_NOOP("CallCentreFigures", "Longest wait"),
        QT_TRANSLATE_NOOP("CallCentreFigures", "Longest") },
    { Figure::AgentsFree, "AgentsFree", QT_TRANSLATE_NOOP("CallCentreFigures", "Agents free") },
    { Figure::AgentsBusy, "AgentsBusy", QT_TRANSLATE_NOOP("CallCentreFigures", "Agents busy") },
    { Figure::CallsInProgress, "CallsInProgress", QT_TRANSLATE_NOOP("CallCentreFigures", "Calls") },
    { Figure::Recordings, "Recordings", QT_TRANSLATE_NOOP("CallCentreFigures", "Recording") },
    { Figure::NewVoicemails, "NewVoicemails", QT_TRANSLATE_NOOP("CallCentreFigures", "New voicemails"),
        QT_TRANSLATE_NOOP("CallCentreFigures", "New VMs") },
    { Figure::AnsweredToday, "AnsweredToday", QT_TRANSLATE_NOOP("CallCentreFigures", "Answered today"),
        QT_TRANSLATE_NOOP("CallCentreFigures", "Answered") },
    { Figure::AbandonedToday, "AbandonedToday", QT_TRANSLATE_NOOP("CallCentreFigures", "Abandoned today"),
        QT_TRANSLATE_NOOP("CallCentreFigures", "Abandoned") },
};

QString levelColour(CallCentreSummary::WaitLevel level)
{
    switch (level) {
    case CallCentreSummary::WaitLevel::Alert:
        return u"#c62828"_s;
    case CallCentreSummary::WaitLevel::Warning:
        return u"#ef6c00"_s;
    case CallCentreSummary::WaitLevel::Normal:
        break;
    }
    return {};
}

} // namespace

CallCentreFigures::CallCentreFigures(CallCentreSummary *summary, Style style, QWidget *parent)
    : QWidget(parent)
    , m_summary(summary)
    , m_style(style)
{
    const bool header = m_style == Style::Header;
    const QString prefix = header ? u"header"_s : u"wallboard"_s;
    setObjectName(header ? u"callCentreHeader"_s : u"wallboardView"_s);
    setAccessibleName(header ? tr("Call centre at a glance") : tr("Wallboard"));

    auto *strip = header ? new QHBoxLayout(this) : nullptr;
    auto *grid = header ? nullptr : new QGridLayout(this);
    if (header) {
        strip->setContentsMargins(6, 2, 6, 2);
        strip->setSpacing(4);
    } else {
        grid->setContentsMargins(24, 24, 24, 24);
        grid->setSpacing(24);
    }
    int index = 0;
    for (const FigureSpec &spec : s_figures) {
        auto *value = new QLabel(this);
        value->setObjectName(prefix + QString::fromLatin1(spec.name));
        value->setTextFormat(Qt::PlainText);
        value->setAccessibleName(tr(spec.caption));
        const char *captionText = header && spec.headerCaption ? spec.headerCaption : spec.caption;
        auto *caption = new QLabel(tr(captionText) + (header ? u":"_s : QString()), this);
        if (captionText != spec.caption)
            value->setToolTip(tr(spec.caption));
        caption->setBuddy(value);
        m_values.insert(spec.figure, value);
        m_captions << caption;
        if (header) {
            if (index > 0)
                strip->addSpacing(2); // with the layout's spacing on both sides: 10 px between figures
            caption->setStyleSheet(u"color: palette(mid);"_s);
            strip->addWidget(caption);
            strip->addWidget(value);
            QFont bold = value->font();
            bold.setBold(true);
            value->setFont(bold);
        } else {
            value->setAlignment(Qt::AlignHCenter | Qt::AlignBottom);
            caption->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
            caption->setWordWrap(true); // long captions take two lines rather than the screen's width
            auto *tile = new QVBoxLayout;
            tile->addWidget(value, 1);
            tile->addWidget(caption);
            grid->addLayout(tile, index / 4, index % 4);
        }
        ++index;
    }
    if (header) {
        strip->addStretch(1);
    } else {
        auto *hint = new QLabel(tr("F11 or Esc: back to the window"), this);
        hint->setObjectName(u"wallboardHint"_s);
        hint->setAlignment(Qt::AlignCenter);
        hint->setStyleSheet(u"color: palette(mid);"_s);
        grid->addWidget(hint, (index + 3) / 4, 0, 1, 4);
    }

    connect(m_summary, &CallCentreSummary::changed, this, &CallCentreFigures::showFigures);
    connect(m_summary, &CallCentreSummary::ticked, this, &CallCentreFigures::showLongestWait);
    showFigures();
}

CallCentreFigures::~CallCentreFigures() = default;

void CallCentreFigures::showFigures()
{
    m_values[Figure::CallersWaiting]->setText(QString::number(m_summary->callersWaiting()));
    m_values[Figure::AgentsFree]->setText(QString::number(m_summary->agentsFree()));
    m_values[Figure::AgentsBusy]->setText(QString::number(m_summary->agentsBusy()));
    m_values[Figure::CallsInProgress]->setText(QString::number(m_summary->callsInProgress()));
    const int recordings = m_summary->recordingsRunning();
    QLabel *recording = m_values[Figure::Recordings];
    recording->setText(recordings > 0 ? u"\u25CF "_s + QString::number(recordings) : QString::number(recordings));
    recording->setStyleSheet(recordings > 0 ? u"color: #c62828;"_s : QString());
    m_values[Figure::NewVoicemails]->setText(QString::number(m_summary->unheardVoicemails()));
    m_values[Figure::AnsweredToday]->setText(QString::number(m_summary->answeredToday()));
    QLabel *abandoned = m_values[Figure::AbandonedToday];
    abandoned->setText(QString::number(m_summary->abandonedToday()));
    const QString abandonedColour = levelColour(m_summary->abandonedLevel());
    abandoned->setStyleSheet(
        abandonedColour.isEmpty() ? QString() : u"color: %1; font-weight: bold;"_s.arg(abandonedColour));
    showLongestWait();
}

void CallCentreFigures::showLongestWait()
{
    const qint64 waited = m_summary->longestWaitMs();
    QLabel *longest = m_values[Figure::LongestWait];
    longest->setText(m_summary->callersWaiting() == 0 ? u"\u2013"_s : PlaybacksModel::formatDuration(waited));
    const QString colour = levelColour(m_summary->waitLevel());
    const QString style = colour.isEmpty() ? QString() : u"color: %1; font-weight: bold;"_s.arg(colour);
    longest->setStyleSheet(style);
    m_values[Figure::CallersWaiting]->setStyleSheet(style);
}

void CallCentreFigures::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_style != Style::Wallboard)
        return;
    // Figures as large as three rows of tiles allow, captions a third of that.
    const int pixels = std::max(12, std::min(event->size().height() / 9, event->size().width() / 12));
    QFont valueFont = font();
    valueFont.setPixelSize(pixels);
    valueFont.setBold(true);
    QFont captionFont = font();
    captionFont.setPixelSize(std::max(10, pixels / 3));
    for (QLabel *value : std::as_const(m_values))
        value->setFont(valueFont);
    for (QLabel *caption : std::as_const(m_captions))
        caption->setFont(captionFont);
}
