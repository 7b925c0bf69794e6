#include "core/apps/StateMachineCatalog.h"

#include "core/apps/QueueApp.h"
#include "core/apps/VoicemailPlaybackApp.h"
#include "core/apps/VoicemailRecordApp.h"

#include <array>

namespace {

struct Entry
{
    QString (*name)();
    CallStateTable (*build)();
};

// One line per application kind.
constexpr std::array s_entries {
    Entry { &VoicemailRecordApp::kindName, &VoicemailRecordApp::buildStateTable },
    Entry { &VoicemailPlaybackApp::kindName, &VoicemailPlaybackApp::buildStateTable },
    Entry { &QueueApp::kindName, &QueueApp::buildStateTable },
};

} // namespace

namespace StateMachineCatalog {

QStringList names()
{
    QStringList result;
    for (const Entry &entry : s_entries)
        result.append(entry.name());
    return result;
}

std::optional<CallStateTable> table(const QString &name)
{
    for (const Entry &entry : s_entries) {
        if (entry.name() == name)
            return entry.build();
    }
    return std::nullopt;
}

QString dot(const QString &name)
{
    const std::optional<CallStateTable> found = table(name);
    return found ? found->toDot() : QString();
}

} // namespace StateMachineCatalog

QString stateMachineDot(const QString &appName)
{
    return StateMachineCatalog::dot(appName);
}
