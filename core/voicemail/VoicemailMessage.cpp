#include "core/voicemail/VoicemailMessage.h"

using namespace Qt::StringLiterals;

namespace {

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Compares two strings, runs of digits as numbers ("2" < "10").
int naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (isAsciiDigit(a[i]) && isAsciiDigit(b[j])) {
            qsizetype endA = i;
            while (endA < a.size() && isAsciiDigit(a[endA]))
                ++endA;
            qsizetype endB = j;
            while (endB < b.size() && isAsciiDigit(b[endB]))
                ++endB;
            QStringView runA = a.sliced(i, endA - i);
            QStringView runB = b.sliced(j, endB - j);
            while (runA.size() > 1 && runA.front() == u'0')
                runA = runA.sliced(1);
            while (runB.size() > 1 && runB.front() == u'0')
                runB = runB.sliced(1);
            if (runA.size() != runB.size())
                return runA.size() < runB.size() ? -1 : 1;
            if (const int c = runA.compare(runB); c != 0)
                return c;
            i = endA;
            j = endB;
            continue;
        }
        if (a[i] != b[j])
            return a[i] < b[j] ? -1 : 1;
        ++i;
        ++j;
    }
    if (a.size() - i == b.size() - j)
        return 0;
    return (a.size() - i) < (b.size() - j) ? -1 : 1;
}

} // namespace

QDateTime VoicemailMessage::received() const
{
    if (receivedMs < 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(receivedMs, Qt::UTC);
}

std::optional<VoicemailMessage> VoicemailMessage::fromRecording(const QString &name, const QString &format)
{
    static constexpr QLatin1StringView prefix("voicemail/");
    if (!name.startsWith(prefix))
        return std::nullopt;
    const QStringView rest = QStringView(name).sliced(prefix.size());
    const qsizetype slash = rest.indexOf(u'/');
    if (slash <= 0)
        return std::nullopt;
    const QStringView mailbox = rest.first(slash);
    const QStringView id = rest.sliced(slash + 1);
    if (!isValidMailbox(mailbox) || id.isEmpty() || id.contains(u'/'))
        return std::nullopt;
    VoicemailMessage message;
    message.name = name;
    message.mailbox = mailbox.toString();
    message.id = id.toString();
    message.format = format;
    message.receivedMs = timeFromId(id);
    return message;
}

namespace {
constexpr QLatin1StringView s_messagePrefix("voicemail/");
constexpr QLatin1StringView s_trashPrefix("voicemail-trash/");
} // namespace

std::optional<VoicemailMessage> VoicemailMessage::fromTrash(const QString &trashName, const QString &format)
{
    const QString original = originalNameOf(trashName);
    if (original.isEmpty())
        return std::nullopt;
    std::optional<VoicemailMessage> message = fromRecording(original, format);
    if (message)
        message->name = trashName;
    return message;
}

QString VoicemailMessage::trashNameOf(const QString &name)
{
    if (!name.startsWith(s_messagePrefix))
        return {};
    return s_trashPrefix + QStringView(name).sliced(s_messagePrefix.size());
}

QString VoicemailMessage::originalNameOf(const QString &trashName)
{
    if (!trashName.startsWith(s_trashPrefix))
        return {};
    return s_messagePrefix + QStringView(trashName).sliced(s_trashPrefix.size());
}

bool VoicemailMessage::isValidMailbox(QStringView mailbox)
{
    if (mailbox.isEmpty() || mailbox.size() > 64)
        return false;
    for (const QChar c : mailbox) {
        const bool ok
            = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || isAsciiDigit(c) || c == u'_' || c == u'-';
        if (!ok)
            return false;
    }
    return true;
}

QString VoicemailMessage::recordingPrefix(const QString &mailbox)
{
    return u"voicemail/"_s + mailbox + u'/';
}

qint64 VoicemailMessage::timeFromId(QStringView id)
{
    qsizetype digits = 0;
    while (digits < id.size() && isAsciiDigit(id[digits]))
        ++digits;
    // 9-11 digits: seconds (2001 … far future); 12-14: milliseconds. Anything else is no time.
    if (digits < 9 || digits > 14)
        return -1;
    bool ok = false;
    const qint64 value = id.first(digits).toLongLong(&ok);
    if (!ok)
        return -1;
    return digits <= 11 ? value * 1000 : value;
}

bool VoicemailMessage::lessInTime(const VoicemailMessage &a, const VoicemailMessage &b)
{
    if (a.receivedMs != b.receivedMs) {
        if (a.receivedMs < 0)
            return false;
        if (b.receivedMs < 0)
            return true;
        return a.receivedMs < b.receivedMs;
    }
    if (const int c = naturalCompare(a.id, b.id); c != 0)
        return c < 0;
    return a.name < b.name;
}
