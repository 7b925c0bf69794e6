#include "ui/ConnectionStatusBar.h"

#include "core/models/ConnectionStatus.h"

#include <QHBoxLayout>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace {

QLabel *makeValue(QWidget *parent, const QString &name, const QString &accessibleName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setAccessibleName(accessibleName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::PlainText); // server-supplied text is never read as markup
    return label;
}

QLabel *makeCaption(QWidget *parent, const QString &text, QLabel *buddy)
{
    auto *caption = new QLabel(text, parent);
    caption->setBuddy(buddy);
    caption->setStyleSheet(u"color: palette(mid);"_s);
    return caption;
}

QString stateColour(ConnectionStatus::State state)
{
    switch (state) {
    case ConnectionStatus::State::Connected:
        return u"#2e7d32"_s;
    case ConnectionStatus::State::Connecting:
    case ConnectionStatus::State::Reconnecting:
        return u"#ef6c00"_s;
    case ConnectionStatus::State::Failed:
        return u"#c62828"_s;
    case ConnectionStatus::State::Disconnected:
        break;
    }
    return u"#757575"_s;
}

} // namespace

ConnectionStatusBar::ConnectionStatusBar(ConnectionStatus *status, QWidget *parent)
    : QWidget(parent)
    , m_status(status)
{
    setObjectName(u"connectionStatus"_s);
    setAccessibleName(tr("Connection status"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_state = makeValue(this, u"connectionState"_s, tr("Connection state"));
    m_state->setTextFormat(Qt::RichText); // our own markup around an escaped state text
    m_server = makeValue(this, u"connectionServer"_s, tr("Server"));
    m_version = makeValue(this, u"asteriskVersion"_s, tr("Asterisk version"));
    m_error = makeValue(this, u"connectionError"_s, tr("Last error"));
    m_error->setWordWrap(false);
    m_error->setStyleSheet(u"color: #c62828;"_s);
    m_error->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    layout->addWidget(m_state);
    layout->addSpacing(12);
    layout->addWidget(makeCaption(this, tr("Server:"), m_server));
    layout->addWidget(m_server);
    layout->addSpacing(12);
    layout->addWidget(makeCaption(this, tr("Asterisk:"), m_version));
    layout->addWidget(m_version);
    layout->addSpacing(12);
    layout->addWidget(m_error, 1);

    connect(m_status, &ConnectionStatus::changed, this, &ConnectionStatusBar::update);
    update();
}

ConnectionStatusBar::~ConnectionStatusBar() = default;

void ConnectionStatusBar::update()
{
    const ConnectionStatus::State state = m_status->state();
    m_state->setText(u"<span style=\"color:%1\">●</span> <b>%2</b>"_s.arg(
        stateColour(state), m_status->stateText().toHtmlEscaped()));
    m_state->setAccessibleDescription(m_status->stateText());
    m_server->setText(m_status->server());
    m_version->setText(m_status->asteriskVersion().isEmpty() ? tr("unknown") : m_status->asteriskVersion());
    const QString error = m_status->lastError();
    m_error->setText(error.isEmpty() ? QString() : tr("Last error: %1").arg(error));
    m_error->setToolTip(error);
}
