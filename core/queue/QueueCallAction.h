#pragma once

#include <QChar>
#include <QObject>
#include <QString>

class QueueCallActions;

// One action on a bridged queue call (SPEC ): what a supervisor's button binds to.
// `enabled` says whether triggering it now would do something; trigger() does exactly what the
// agent's key does (the same QueueCallActions carries out both). Lives on the core's thread:
// a view on another thread connects its button's clicked() to trigger() (queued automatically)
// and enabledChanged() to the button's setEnabled().
class QueueCallAction final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueCallAction)
    Q_PROPERTY(bool enabled READ isEnabled NOTIFY enabledChanged)
    Q_PROPERTY(QString text READ text CONSTANT)

public:
    enum class Kind { Record, Pause, Resume, Stop, Discard, EndCall, Announce };
    Q_ENUM(Kind)

    // "record", "pause", "resume", "stop", "discard", "end-call", "announce".
    static QString kindName(Kind kind);
    // The button text: "Record", "Pause", "Resume", "Stop", "Discard", "End call", "Announce".
    static QString textFor(Kind kind);
    // The agent's key that does the same (SPEC Q-5: 0, 5, 7, 9, #; Pause and Resume share 5);
    // a null QChar for Announce, which has no key.
    static QChar keyFor(Kind kind);

    QueueCallAction(Kind kind, QueueCallActions *owner);
    ~QueueCallAction() override;

    Kind kind() const { return m_kind; }
    QString text() const { return textFor(m_kind); }
    QChar key() const { return keyFor(m_kind); }
    bool isEnabled() const { return m_enabled; }

public Q_SLOTS:
    // The supervisor's click: queued behind any operation of the call in progress, and carried out
    // if it still makes sense then (otherwise logged and ignored).
    void trigger();

Q_SIGNALS:
    void enabledChanged(bool enabled);

private:
    friend class QueueCallActions;
    void setEnabled(bool enabled);

    QueueCallActions *m_owner = nullptr;
    Kind m_kind;
    bool m_enabled = false;
};
