#pragma once

#include <QHash>
#include <QString>

// The one name a person on a call goes by in every view and on every desk (SPEC UX-2): a name
// configured for their number ([names] in the INI file: `8436 = Alice`), else the caller id
// name, followed by the number ("Alice (8436)"); the number alone; the channel's name as a last
// resort. Configured names are also found by the endpoint of a channel ("PJSIP/1001-0000002a"
// → 1001), so the supervisor's own phone has a name too. A value: every model holds a copy.
class PartyNames
{
public:
    PartyNames() = default;
    explicit PartyNames(QHash<QString, QString> namesByNumber);

    // The configured name for a caller id number or a channel's endpoint; empty if none.
    QString configuredName(const QString &number, const QString &channelName = {}) const;
    QString display(const QString &callerName, const QString &number, const QString &channelName) const;
    // "1001" from "PJSIP/1001-0000002a", "agent" from "Local/agent@queue-00000000;2".
    static QString endpointResource(const QString &channelName);

    const QHash<QString, QString> &namesByNumber() const { return m_names; }

private:
    QHash<QString, QString> m_names;
};
