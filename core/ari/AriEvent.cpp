#include "core/ari/AriEvent.h"

#include "core/ari/QtJsonRules.h"
#include "core/ari/model/Bridge.h"
#include "core/ari/model/Channel.h"
#include "core/ari/model/LiveRecording.h"
#include "core/ari/model/JsonObjectView.h"
#include "core/ari/model/Playback.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <rapidjson/document.h>

#include <array>
#include <cstring>
#include <cstdint>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

using NamedType = std::pair<AriEvent::Type, QLatin1StringView>;

// The names ARI uses on the wire for the types we know (events.json).
constexpr std::array s_typeNames{
    NamedType{AriEvent::Type::StasisStart, "StasisStart"_L1},
    NamedType{AriEvent::Type::StasisEnd, "StasisEnd"_L1},
    NamedType{AriEvent::Type::ChannelCreated, "ChannelCreated"_L1},
    NamedType{AriEvent::Type::ChannelDestroyed, "ChannelDestroyed"_L1},
    NamedType{AriEvent::Type::ChannelStateChange, "ChannelStateChange"_L1},
    NamedType{AriEvent::Type::ChannelHangupRequest, "ChannelHangupRequest"_L1},
    NamedType{AriEvent::Type::ChannelDtmfReceived, "ChannelDtmfReceived"_L1},
    NamedType{AriEvent::Type::ChannelVarset, "ChannelVarset"_L1},
    NamedType{AriEvent::Type::ChannelDialplan, "ChannelDialplan"_L1},
    NamedType{AriEvent::Type::ChannelEnteredBridge, "ChannelEnteredBridge"_L1},
    NamedType{AriEvent::Type::ChannelLeftBridge, "ChannelLeftBridge"_L1},
    NamedType{AriEvent::Type::Dial, "Dial"_L1},
    NamedType{AriEvent::Type::PlaybackStarted, "PlaybackStarted"_L1},
    NamedType{AriEvent::Type::PlaybackContinuing, "PlaybackContinuing"_L1},
    NamedType{AriEvent::Type::PlaybackFinished, "PlaybackFinished"_L1},
    NamedType{AriEvent::Type::RecordingStarted, "RecordingStarted"_L1},
    NamedType{AriEvent::Type::RecordingFinished, "RecordingFinished"_L1},
    NamedType{AriEvent::Type::RecordingFailed, "RecordingFailed"_L1},
    NamedType{AriEvent::Type::BridgeCreated, "BridgeCreated"_L1},
    NamedType{AriEvent::Type::BridgeDestroyed, "BridgeDestroyed"_L1},
    NamedType{AriEvent::Type::ApplicationReplaced, "ApplicationReplaced"_L1},
    NamedType{AriEvent::Type::DeviceStateChanged, "DeviceStateChanged"_L1},
    NamedType{AriEvent::Type::RestResponse, "RESTResponse"_L1},
};

const QHash<QString, AriEvent::Type> &typesByName()
{
    static const QHash<QString, AriEvent::Type> s_byName = [] {
        QHash<QString, AriEvent::Type> byName;
        byName.reserve(qsizetype(s_typeNames.size()));
        for (const auto &[type, name] : s_typeNames)
            byName.insert(QString(name), type);
        return byName;
    }();
    return s_byName;
}

AriEvent::Type typeOf(const QString &name)
{
    return typesByName().value(name, AriEvent::Type::Unknown);
}

// Builds the tree as rapidjson::Document does, refusing a nesting deeper than Qt's parser reads
// (which also bounds the parse's recursion).
class DepthLimitedBuilder
{
public:
    // `checkStrings` false: the text can hold no unpaired surrogate (see mayHoldSurrogate()).
    DepthLimitedBuilder(rapidjson::Document &document, bool checkStrings)
        : m_document(document)
        , m_checkStrings(checkStrings)
    {
    }
    bool Null() { return m_document.Null(); }
    bool Bool(bool value) { return m_document.Bool(value); }
    bool Int(int value) { return m_document.Int(value); }
    bool Uint(unsigned value) { return m_document.Uint(value); }
    bool Int64(int64_t value) { return m_document.Int64(value); }
    bool Uint64(uint64_t value) { return m_document.Uint64(value); }
    bool Double(double value) { return m_document.Double(value); }
    // Numbers come as their text (kParseNumbersAsStringsFlag) and are read as Qt reads them.
    bool RawNumber(const char *text, rapidjson::SizeType length, bool)
    {
        const std::optional<QtJsonRules::Number> number = QtJsonRules::readNumber(text, length);
        if (!number)
            return false; // beyond a double's range: Qt's parser has the word
        return number->integral ? m_document.Int64(number->integer) : m_document.Double(number->real);
    }
    bool String(const char *text, rapidjson::SizeType length, bool copy)
    {
        return !(m_checkStrings && holdsSurrogate(text, length)) && m_document.String(text, length, copy);
    }
    bool Key(const char *text, rapidjson::SizeType length, bool copy)
    {
        return !(m_checkStrings && holdsSurrogate(text, length)) && m_document.Key(text, length, copy);
    }
    bool StartObject() { return ++m_depth <= QtJsonRules::maxNesting && m_document.StartObject(); }
    bool EndObject(rapidjson::SizeType members)
    {
        --m_depth;
        return m_document.EndObject(members);
    }
    bool StartArray() { return ++m_depth <= QtJsonRules::maxNesting && m_document.StartArray(); }
    bool EndArray(rapidjson::SizeType elements)
    {
        --m_depth;
        return m_document.EndArray(elements);
    }

private:
    // An unpaired surrogate escape (RapidJSON 1.1 refuses a high one, writes a low one as the
    // three bytes ED B0..BF xx, which UTF-8 has no use for): the frame goes to Qt's parser, so
    // that both read alike.
    static bool holdsSurrogate(const char *text, rapidjson::SizeType length)
    {
        const char *end = text + length;
        for (const char *at = text; (at = static_cast<const char *>(std::memchr(at, 0xED, size_t(end - at))));
             ++at) {
            if (at + 1 < end && static_cast<unsigned char>(at[1]) >= 0xA0)
                return true;
        }
        return false;
    }

    rapidjson::Document &m_document;
    bool m_checkStrings;
    int m_depth = 0;
};

// Whether a string of `text` could end up holding the bytes of a surrogate: only from a byte 0xED
// in the text or from a \u escape of D800 to DFFF. Most frames have neither (no backslash at
// all), and then none of their strings needs looking at.
bool mayHoldSurrogate(QByteArrayView text)
{
    if (text.isEmpty())
        return false; // (and the view of an empty array may have no data at all)
    const char *begin = text.data();
    const char *end = begin + text.size();
    if (std::memchr(begin, 0xED, size_t(text.size())))
        return true;
    for (const char *at = begin; (at = static_cast<const char *>(std::memchr(at, '\\', size_t(end - at))));
         at += 2) {
        if (end - at >= 3 && at[1] == 'u' && (at[2] == 'd' || at[2] == 'D'))
            return true;
        if (end - at < 2)
            break;
    }
    return false;
}

} // namespace

std::atomic<quint64> AriEvent::s_framesReadByQt { 0 };

// A parsed frame: its text, unescaped in place (the tree's strings point into it), and the tree,
// whose first block of values lives in the object itself. For the frames of a call (events of 300
// to 1,000 bytes, answers) that makes three allocations of at most 1 KiB each, the sizes the
// allocator serves fastest, one of them freed at the end of the parse.
class AriEvent::Tree
{
public:
    Tree()
        : m_pool(m_firstBlock, sizeof m_firstBlock, s_blockBytes)
        , m_document(&m_pool, s_parseStackBytes)
    {
    }
    Q_DISABLE_COPY_MOVE(Tree)

    // False when the text is not JSON as rapidjson reads it, is nested too deep, or holds a NUL
    // byte. Strings are not checked for UTF-8: the event stream's frames are UTF-8 written by Qt,
    // and elsewhere an invalid sequence reads as U+FFFD, as QString::fromUtf8 reads it.
    bool parse(const QByteArray &text)
    {
        // In place, the parse ends at the first NUL: a frame holding one is left to Qt's parser.
        if (std::memchr(text.constData(), 0, size_t(text.size())))
            return false;
        m_text = text;
        char *begin = m_text.data(); // a copy of its own: the caller's bytes are never written
        bool parsed = false;
        const auto build = [&](rapidjson::Document &document) {
            rapidjson::InsituStringStream input(begin);
            rapidjson::Reader reader;
            DepthLimitedBuilder builder(document, mayHoldSurrogate(text));
            parsed = !reader.Parse<rapidjson::kParseInsituFlag | rapidjson::kParseNumbersAsStringsFlag>(input, builder)
                          .IsError();
            return parsed;
        };
        m_document.Populate(build);
        return parsed;
    }
    // The tree of what Qt's parser read (nested no deeper than it reads); an unpaired surrogate
    // in a string is written "?", as QString::toUtf8 writes it.
    void adopt(const QJsonValue &value) { static_cast<rapidjson::Value &>(m_document) = treeOf(value); }
    JsonObjectView root() const { return JsonObjectView::ofTreeNode(static_cast<const rapidjson::Value *>(&m_document)); }
    bool isObject() const { return m_document.IsObject(); }

private:
    rapidjson::Value treeOf(const QJsonValue &value)
    {
        rapidjson::Value node;
        switch (value.type()) {
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            break;
        case QJsonValue::Bool:
            node.SetBool(value.toBool());
            break;
        case QJsonValue::Double:
            if (value.toVariant().typeId() == QMetaType::LongLong)
                node.SetInt64(value.toInteger());
            else
                node.SetDouble(value.toDouble());
            break;
        case QJsonValue::String: {
            const QByteArray text = value.toString().toUtf8();
            node.SetString(text.constData(), rapidjson::SizeType(text.size()), m_pool);
            break;
        }
        case QJsonValue::Array: {
            node.SetArray();
            const QJsonArray array = value.toArray();
            for (const QJsonValue &entry : array)
                node.PushBack(treeOf(entry), m_pool);
            break;
        }
        case QJsonValue::Object: {
            node.SetObject();
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                const QByteArray name = it.key().toUtf8();
                rapidjson::Value key(name.constData(), rapidjson::SizeType(name.size()), m_pool);
                node.AddMember(key, treeOf(it.value()), m_pool);
            }
            break;
        }
        }
        return node;
    }

    static constexpr size_t s_firstBlockBytes = 640;
    static constexpr size_t s_blockBytes = 1000;
    static constexpr size_t s_parseStackBytes = 512;

    alignas(8) char m_firstBlock[s_firstBlockBytes];
    QByteArray m_text;
    rapidjson::MemoryPoolAllocator<> m_pool;
    rapidjson::Document m_document;
};

bool AriEvent::parse(const QByteArray &frame, AriEvent *event, QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        if (event)
            *event = AriEvent();
        return false;
    };
    if (!event)
        return fail(u"no event to fill"_s);

    auto tree = std::make_shared<Tree>();
    if (!tree->parse(frame)) {
        s_framesReadByQt.fetch_add(1, std::memory_order_relaxed);
        // Qt's parser has the last word on what is JSON: it also takes what this one refuses
        // (an escaped lone surrogate, read as "?"), and its messages say what is wrong.
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(u"not valid JSON: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset));
        tree = std::make_shared<Tree>();
        tree->adopt(document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()));
    }
    if (!tree->isObject())
        return fail(u"not a JSON object"_s);
    event->m_tree = std::move(tree);
    event->readKeys();
    if (event->m_typeName.isEmpty()) {
        const bool emptyType = event->members().value("type"_L1).isString();
        return fail(emptyType ? u"empty \"type\" in the event"_s : u"no \"type\" string in the event"_s);
    }
    if (error)
        error->clear();
    return true;
}

AriEvent AriEvent::fromJson(const QJsonObject &object)
{
    auto tree = std::make_shared<Tree>();
    tree->adopt(object);
    AriEvent event;
    event.m_tree = std::move(tree);
    event.readKeys();
    return event;
}

JsonObjectView AriEvent::members() const
{
    return m_tree ? m_tree->root() : JsonObjectView();
}

void AriEvent::readKeys()
{
    const JsonObjectView root = members();
    m_typeName = root.string("type"_L1);
    m_type = typeOf(m_typeName);

    // Dial names the channel being dialled "peer" (the channel the application created or
    // originated); every other event names its channel "channel".
    m_channelId = root.object(m_type == Type::Dial ? "peer"_L1 : "channel"_L1).string("id"_L1);
    m_playbackId = root.object("playback"_L1).string("id"_L1);
    m_bridgeId = root.object("bridge"_L1).string("id"_L1);
    m_recordingName = root.object("recording"_L1).string("name"_L1);
}

AriEvent::Type AriEvent::typeFromName(QStringView name)
{
    return typeOf(name.toString());
}

QString AriEvent::typeName(Type type)
{
    for (const auto &[known, name] : s_typeNames) {
        if (known == type)
            return QString(name);
    }
    return u"Unknown"_s;
}

QJsonObject AriEvent::raw() const
{
    return members().toObject();
}

QString AriEvent::application() const
{
    return members().string("application"_L1);
}

QDateTime AriEvent::timestamp() const
{
    return members().dateTime("timestamp"_L1);
}

Channel AriEvent::channel() const
{
    return Channel::read(members().object(m_type == Type::Dial ? "peer"_L1 : "channel"_L1));
}

Channel AriEvent::dialCaller() const
{
    return Channel::read(members().object("caller"_L1));
}

QString AriEvent::dialStatus() const
{
    return members().string("dialstatus"_L1);
}

Bridge AriEvent::bridge() const
{
    return Bridge::read(members().object("bridge"_L1));
}

Playback AriEvent::playback() const
{
    return Playback::read(members().object("playback"_L1));
}

LiveRecording AriEvent::recording() const
{
    return LiveRecording::read(members().object("recording"_L1));
}

QStringList AriEvent::args() const
{
    return members().stringList("args"_L1);
}

QString AriEvent::digit() const
{
    return members().string("digit"_L1);
}

int AriEvent::durationMs() const
{
    return members().toInt("duration_ms"_L1);
}

int AriEvent::cause() const
{
    return members().toInt("cause"_L1);
}

QString AriEvent::causeText() const
{
    return members().string("cause_txt"_L1);
}

bool AriEvent::soft() const
{
    return members().toBool("soft"_L1);
}

QString AriEvent::variable() const
{
    return members().string("variable"_L1);
}

QString AriEvent::value() const
{
    return members().string("value"_L1);
}
