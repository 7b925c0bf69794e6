#include "core/ari/AriOperations.h"
#include "core/playback/PlaybackTracker.h"

#include <QFile>
#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

// Checks every request builder against the ARI Swagger description, as recorded in
// tests/data/ari-operations.tsv (generated from the Swagger files by tools/gen-ari-operations.py).
class TestAriOperations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tableIsComplete();
    void builderMatchesSpec_data();
    void builderMatchesSpec();
    void everyTableOperationIsBuilt();
    void playbackTrackerReadsTheRequestsThatConcernPlaybacks_data();
    void playbackTrackerReadsTheRequestsThatConcernPlaybacks();
    void optionalParametersOnlyWhenGiven_data();
    void optionalParametersOnlyWhenGiven();
    void encodeSegment_data();
    void encodeSegment();
    void recordingNamesAreOneSegment_data();
    void recordingNamesAreOneSegment();
    void hostileIdsStayInTheirSegment();
    void mediaListIsOneParameter();
    void channelListIsOneParameter();
    void playChoosesPlayWithId();
    void originateVariablesGoInTheBody();
    void setChannelVarUsesQuery();
    void queryValuesRoundTrip_data();
    void queryValuesRoundTrip();
    void recordNameInQuery();
    void playbackOperationNames();
    void onlyTheFileDownloadIsBinary();
    void methodNames();

private:
    struct Operation
    {
        QString resource;
        QString nickname;
        QString method;
        QString path;
        QStringList queryRequired;
        QStringList queryOptional;
        QStringList queryMultiple;
        QStringList body;
        QHash<QString, QString> types;
        QHash<QString, QStringList> values;
    };

    const Operation *findOperation(const AriRequest &request) const;

    QList<Operation> m_operations;
};

namespace {

struct Built
{
    QString name;
    AriRequest request;
};

AriOperations::PlayOptions fullPlayOptions(bool withId)
{
    AriOperations::PlayOptions options;
    options.lang = u"en"_s;
    options.offsetms = 1500;
    options.skipms = 5000;
    if (withId)
        options.playbackId = u"pb-1"_s;
    return options;
}

AriOperations::RecordOptions fullRecordOptions()
{
    AriOperations::RecordOptions options;
    options.name = u"voicemail/305/1411503204"_s;
    options.format = u"wav"_s;
    options.maxDurationSeconds = 120;
    options.maxSilenceSeconds = 5;
    options.ifExists = u"fail"_s;
    options.beep = true;
    options.terminateOn = u"#"_s;
    return options;
}

AriOperations::OriginateOptions fullOriginateOptions()
{
    AriOperations::OriginateOptions options;
    options.endpoint = u"PJSIP/1001"_s;
    options.app = u"vm-playback"_s;
    options.appArgs = u"305,listen"_s;
    options.channelId = u"sup-1"_s;
    options.otherChannelId = u"sup-1-peer"_s;
    options.callerId = u"\"Supervisor\" <1001>"_s;
    options.timeout = 30;
    options.extension = u"1001"_s;
    options.context = u"default"_s;
    options.priority = 1;
    options.label = u"start"_s;
    options.originator = u"orig-1"_s;
    options.formats = u"ulaw,alaw"_s;
    options.variables = QJsonObject { { u"CALLERID(name)"_s, u"Supervisor"_s }, { u"X"_s, u"1"_s } };
    return options;
}

// Every builder of AriOperations, each with every optional parameter it takes.
QList<Built> everyBuilder()
{
    using namespace AriOperations;
    const QString channel = u"ch-1"_s;
    const QString bridge = u"br-1"_s;
    const QString recording = u"voicemail/305/1411503204"_s;
    DtmfOptions dtmf;
    dtmf.before = 100;
    dtmf.between = 100;
    dtmf.duration = 250;
    dtmf.after = 100;
    const QStringList media { u"sound:vm-message"_s, u"number:2"_s };

    return {
        { u"getInfo"_s, getInfo() },
        { u"getGlobalVariable"_s, getGlobalVariable(u"GLOBAL_X"_s) },
        { u"listApplications"_s, listApplications() },
        { u"getApplication"_s, getApplication(u"vm-record"_s) },
        { u"listSounds"_s, listSounds(u"en"_s, u"gsm"_s) },
        { u"getSound"_s, getSound(u"vm-intro"_s) },
        { u"listChannels"_s, listChannels() },
        { u"getChannel"_s, getChannel(channel) },
        { u"originate"_s, originate(fullOriginateOptions()) },
        { u"answer"_s, answer(channel) },
        { u"snoopChannel"_s,
            snoopChannel(
                channel, { u"both"_s, u"out"_s, u"ari-supervisor-queue"_s, u"monitor,br-1"_s, u"snoop-1"_s }) },
        { u"hangup"_s, hangup(channel, u"busy"_s) },
        { u"ring"_s, ring(channel) },
        { u"ringStop"_s, ringStop(channel) },
        { u"play"_s, play(channel, media, fullPlayOptions(false)) },
        { u"play with id"_s, play(channel, media, fullPlayOptions(true)) },
        { u"record"_s, record(channel, fullRecordOptions()) },
        { u"sendDTMF"_s, sendDTMF(channel, u"123#"_s, dtmf) },
        { u"startMoh"_s, startMoh(channel, u"default"_s) },
        { u"stopMoh"_s, stopMoh(channel) },
        { u"getChannelVar"_s, getChannelVar(channel, u"CHANNEL(language)"_s) },
        { u"setChannelVar"_s, setChannelVar(channel, u"VM_MAILBOX"_s, u"305"_s) },
        { u"listBridges"_s, listBridges() },
        { u"createBridge"_s, createBridge(u"mixing"_s, bridge, u"queue-call-1"_s) },
        { u"getBridge"_s, getBridge(bridge) },
        { u"destroyBridge"_s, destroyBridge(bridge) },
        { u"addChannel"_s, addChannel(bridge, { u"ch-1"_s, u"ch-2"_s }, u"participant"_s) },
        { u"removeChannel"_s, removeChannel(bridge, { u"ch-1"_s, u"ch-2"_s }) },
        { u"playOnBridge"_s, playOnBridge(bridge, media, fullPlayOptions(false)) },
        { u"playOnBridge with id"_s, playOnBridge(bridge, media, fullPlayOptions(true)) },
        { u"recordBridge"_s, recordBridge(bridge, fullRecordOptions()) },
        { u"startBridgeMoh"_s, startBridgeMoh(bridge, u"default"_s) },
        { u"stopBridgeMoh"_s, stopBridgeMoh(bridge) },
        { u"getPlayback"_s, getPlayback(u"pb-1"_s) },
        { u"stopPlayback"_s, stopPlayback(u"pb-1"_s) },
        { u"controlPlayback restart"_s, controlPlayback(u"pb-1"_s, PlaybackOperation::Restart) },
        { u"controlPlayback pause"_s, controlPlayback(u"pb-1"_s, PlaybackOperation::Pause) },
        { u"controlPlayback unpause"_s, controlPlayback(u"pb-1"_s, PlaybackOperation::Unpause) },
        { u"controlPlayback reverse"_s, controlPlayback(u"pb-1"_s, PlaybackOperation::Reverse) },
        { u"controlPlayback forward"_s, controlPlayback(u"pb-1"_s, PlaybackOperation::Forward) },
        { u"listStored"_s, listStored() },
        { u"getStored"_s, getStored(recording) },
        { u"deleteStored"_s, deleteStored(recording) },
        { u"copyStored"_s, copyStored(recording, u"voicemail/305/copy-1"_s) },
        { u"getStoredFile"_s, getStoredFile(recording) },
        { u"update"_s, updateMailbox(u"305@default"_s, 2, 1) },
        { u"getLive"_s, getLive(recording) },
        { u"stopLive"_s, stopLive(recording) },
        { u"cancelLive"_s, cancelLive(recording) },
        { u"pauseLive"_s, pauseLive(recording) },
        { u"unpauseLive"_s, unpauseLive(recording) },
        { u"muteLive"_s, muteLive(recording) },
        { u"unmuteLive"_s, unmuteLive(recording) },
    };
}

QStringList splitList(const QString &cell)
{
    return cell.isEmpty() ? QStringList() : cell.split(u',');
}

QRegularExpression templateExpression(const QString &pathTemplate)
{
    static const QRegularExpression s_parameter(u"\\{[A-Za-z_]+\\}"_s);
    QString pattern;
    qsizetype from = 0;
    auto match = s_parameter.globalMatch(pathTemplate);
    while (match.hasNext()) {
        const auto m = match.next();
        pattern += QRegularExpression::escape(pathTemplate.mid(from, m.capturedStart() - from));
        pattern += u"([^/]+)"_s;
        from = m.capturedEnd();
    }
    pattern += QRegularExpression::escape(pathTemplate.mid(from));
    return QRegularExpression(u'^' + pattern + u'$');
}

} // namespace

void TestAriOperations::initTestCase()
{
    QFile file(QStringLiteral(SUPERVISOR_TEST_DATA_DIR "/ari-operations.tsv"));
    QVERIFY2(file.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(file.fileName()));
    bool headerSeen = false;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).chopped(1);
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList cells = line.split(u'\t');
        QCOMPARE(cells.size(), 10);
        if (!headerSeen) {
            QCOMPARE(cells.at(0), u"resource"_s);
            headerSeen = true;
            continue;
        }
        Operation operation;
        operation.resource = cells.at(0);
        operation.nickname = cells.at(1);
        operation.method = cells.at(2);
        operation.path = cells.at(3);
        operation.queryRequired = splitList(cells.at(4));
        operation.queryOptional = splitList(cells.at(5));
        operation.queryMultiple = splitList(cells.at(6));
        operation.body = splitList(cells.at(7));
        for (const QString &typed : splitList(cells.at(8)))
            operation.types.insert(typed.section(u':', 0, 0), typed.section(u':', 1));
        if (!cells.at(9).isEmpty()) {
            for (const QString &entry : cells.at(9).split(u';'))
                operation.values.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1).split(u'|'));
        }
        m_operations.append(operation);
    }
    QVERIFY(headerSeen);
}

const TestAriOperations::Operation *TestAriOperations::findOperation(const AriRequest &request) const
{
    for (const Operation &operation : m_operations) {
        if (operation.method == AriRequest::methodName(request.method) && operation.path == request.pathTemplate
            && operation.nickname == request.operation)
            return &operation;
    }
    return nullptr;
}

void TestAriOperations::tableIsComplete()
{
    // The table was generated from the Swagger files; a few facts of it are checked here so that a
    // broken regeneration cannot pass unnoticed.
    QCOMPARE(m_operations.size(), 49);
    AriRequest probe;
    probe.method = AriRequest::Method::Post;
    probe.operation = u"play"_s;
    probe.pathTemplate = u"/channels/{channelId}/play"_s;
    const Operation *play = findOperation(probe);
    QVERIFY(play);
    QCOMPARE(play->queryRequired, QStringList { u"media"_s });
    QVERIFY(play->queryMultiple.contains(u"media"_s));
    QCOMPARE(play->types.value(u"skipms"_s), u"int"_s);

    probe.operation = u"control"_s;
    probe.pathTemplate = u"/playbacks/{playbackId}/control"_s;
    const Operation *control = findOperation(probe);
    QVERIFY(control);
    QCOMPARE(control->values.value(u"operation"_s),
        (QStringList { u"restart"_s, u"pause"_s, u"unpause"_s, u"reverse"_s, u"forward"_s }));

    probe.operation = u"originate"_s;
    probe.pathTemplate = u"/channels"_s;
    const Operation *originate = findOperation(probe);
    QVERIFY(originate);
    QCOMPARE(originate->body, QStringList { u"variables"_s });
}

void TestAriOperations::builderMatchesSpec_data()
{
    QTest::addColumn<int>("index");
    const QList<Built> built = everyBuilder();
    for (int i = 0; i < built.size(); ++i)
        QTest::newRow(qPrintable(built.at(i).name)) << i;
}

void TestAriOperations::builderMatchesSpec()
{
    QFETCH(int, index);
    const AriRequest request = everyBuilder().at(index).request;

    const Operation *operation = findOperation(request);
    QVERIFY2(operation,
        qPrintable(u"no operation %1 %2 (%3) in the Swagger table"_s.arg(
            AriRequest::methodName(request.method), request.pathTemplate, request.operation)));

    // The path is the template with every parameter filled in as one percent-encoded segment.
    const QRegularExpressionMatch pathMatch = templateExpression(operation->path).match(request.path);
    QVERIFY2(pathMatch.hasMatch(), qPrintable(request.path + u" does not fit "_s + operation->path));
    static const QRegularExpression s_encodedSegment(u"^[A-Za-z0-9._~%-]+$"_s);
    for (int i = 1; i <= pathMatch.lastCapturedIndex(); ++i)
        QVERIFY2(s_encodedSegment.match(pathMatch.captured(i)).hasMatch(), qPrintable(pathMatch.captured(i)));

    // Query: only names the operation accepts, each once, every required one present.
    const auto items = request.query.queryItems(QUrl::FullyDecoded);
    QSet<QString> seen;
    for (const auto &[key, value] : items) {
        QVERIFY2(operation->queryRequired.contains(key) || operation->queryOptional.contains(key),
            qPrintable(u"query parameter '%1' is not accepted by %2"_s.arg(key, operation->nickname)));
        QVERIFY2(!seen.contains(key), qPrintable(u"query parameter '%1' repeated"_s.arg(key)));
        seen.insert(key);

        const QString type = operation->types.value(key);
        if (type == u"int" || type == u"long") {
            bool ok = false;
            value.toLongLong(&ok);
            QVERIFY2(ok, qPrintable(key + u'=' + value));
        } else if (type == u"boolean") {
            QVERIFY2(value == u"true" || value == u"false", qPrintable(key + u'=' + value));
        } else {
            QVERIFY2(type.isEmpty(), qPrintable(u"unexpected type "_s + type));
        }
        if (operation->values.contains(key))
            QVERIFY2(operation->values.value(key).contains(value), qPrintable(key + u'=' + value));
    }
    for (const QString &required : operation->queryRequired)
        QVERIFY2(seen.contains(required), qPrintable(u"required query parameter '%1' missing"_s.arg(required)));

    // Body: only names the operation reads from the body.
    const QStringList bodyKeys = request.body.keys();
    for (const QString &key : bodyKeys)
        QVERIFY2(operation->body.contains(key), qPrintable(u"body parameter '%1' not accepted"_s.arg(key)));
}

void TestAriOperations::everyTableOperationIsBuilt()
{
    QSet<QString> built;
    for (const Built &entry : everyBuilder()) {
        const Operation *operation = findOperation(entry.request);
        QVERIFY(operation);
        built.insert(operation->method + u' ' + operation->path);
    }
    for (const Operation &operation : m_operations) {
        const QString key = operation.method + u' ' + operation.path;
        QVERIFY2(built.contains(key), qPrintable(u"no builder produces "_s + key));
    }
}

void TestAriOperations::optionalParametersOnlyWhenGiven_data()
{
    using namespace AriOperations;
    QTest::addColumn<AriRequest>("request");
    QTest::addColumn<QStringList>("expectedKeys");

    OriginateOptions originateOptions;
    originateOptions.endpoint = u"PJSIP/1001"_s;
    RecordOptions recordOptions;
    recordOptions.name = u"queue/rec-1"_s;

    QTest::newRow("listSounds") << listSounds() << QStringList();
    QTest::newRow("listSounds lang") << listSounds(u"en"_s) << QStringList { u"lang"_s };
    QTest::newRow("hangup") << hangup(u"c"_s) << QStringList();
    QTest::newRow("play") << play(u"c"_s, { u"sound:beep"_s }) << QStringList { u"media"_s };
    QTest::newRow("playOnBridge") << playOnBridge(u"b"_s, { u"sound:beep"_s }) << QStringList { u"media"_s };
    QTest::newRow("record") << record(u"c"_s, recordOptions) << QStringList { u"name"_s, u"format"_s };
    QTest::newRow("recordBridge") << recordBridge(u"b"_s, recordOptions) << QStringList { u"name"_s, u"format"_s };
    QTest::newRow("sendDTMF") << sendDTMF(u"c"_s, u"1"_s) << QStringList { u"dtmf"_s };
    QTest::newRow("startMoh") << startMoh(u"c"_s) << QStringList();
    QTest::newRow("startBridgeMoh") << startBridgeMoh(u"b"_s) << QStringList();
    QTest::newRow("createBridge type") << createBridge(u"mixing"_s) << QStringList { u"type"_s };
    QTest::newRow("createBridge nothing") << createBridge(QString()) << QStringList();
    QTest::newRow("addChannel") << addChannel(u"b"_s, { u"c"_s }) << QStringList { u"channel"_s };
    QTest::newRow("originate") << originate(originateOptions) << QStringList { u"endpoint"_s };
}

void TestAriOperations::optionalParametersOnlyWhenGiven()
{
    QFETCH(AriRequest, request);
    QFETCH(QStringList, expectedKeys);

    QStringList keys;
    for (const auto &[key, value] : request.query.queryItems(QUrl::FullyDecoded))
        keys.append(key);
    QCOMPARE(keys, expectedKeys);
    QVERIFY(request.body.isEmpty());
    QVERIFY(findOperation(request));
}

void TestAriOperations::encodeSegment_data()
{
    QTest::addColumn<QString>("segment");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"pb-1.a_b~c"_s << u"pb-1.a_b~c"_s;
    QTest::newRow("recording name") << u"voicemail/305/1"_s << u"voicemail%2F305%2F1"_s;
    QTest::newRow("local channel") << u"Local/305@vm-record-00000001;2"_s << u"Local%2F305%40vm-record-00000001%3B2"_s;
    QTest::newRow("query and fragment marks") << u"a?b#c&d=e"_s << u"a%3Fb%23c%26d%3De"_s;
    QTest::newRow("percent") << u"100%"_s << u"100%25"_s;
    QTest::newRow("space and plus") << u"a b+c"_s << u"a%20b%2Bc"_s;
    QTest::newRow("traversal") << u"../x"_s << u"..%2Fx"_s;
    QTest::newRow("utf-8") << u"caf\u00e9"_s << u"caf%C3%A9"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestAriOperations::encodeSegment()
{
    QFETCH(QString, segment);
    QFETCH(QString, expected);
    QCOMPARE(AriOperations::encodeSegment(segment), expected);
}

void TestAriOperations::recordingNamesAreOneSegment_data()
{
    using namespace AriOperations;
    QTest::addColumn<AriRequest>("request");
    QTest::addColumn<QString>("expectedPath");

    const QString name = u"voicemail/305/1"_s;
    QTest::newRow("getStored") << getStored(name) << u"/recordings/stored/voicemail%2F305%2F1"_s;
    QTest::newRow("deleteStored") << deleteStored(name) << u"/recordings/stored/voicemail%2F305%2F1"_s;
    QTest::newRow("copyStored") << copyStored(name, u"x/y"_s) << u"/recordings/stored/voicemail%2F305%2F1/copy"_s;
    QTest::newRow("getStoredFile") << getStoredFile(name) << u"/recordings/stored/voicemail%2F305%2F1/file"_s;
    QTest::newRow("getLive") << getLive(name) << u"/recordings/live/voicemail%2F305%2F1"_s;
    QTest::newRow("stopLive") << stopLive(name) << u"/recordings/live/voicemail%2F305%2F1/stop"_s;
    QTest::newRow("cancelLive") << cancelLive(name) << u"/recordings/live/voicemail%2F305%2F1"_s;
    QTest::newRow("pauseLive") << pauseLive(name) << u"/recordings/live/voicemail%2F305%2F1/pause"_s;
    QTest::newRow("unpauseLive") << unpauseLive(name) << u"/recordings/live/voicemail%2F305%2F1/pause"_s;
    QTest::newRow("muteLive") << muteLive(name) << u"/recordings/live/voicemail%2F305%2F1/mute"_s;
    QTest::newRow("unmuteLive") << unmuteLive(name) << u"/recordings/live/voicemail%2F305%2F1/mute"_s;
}

void TestAriOperations::recordingNamesAreOneSegment()
{
    QFETCH(AriRequest, request);
    QFETCH(QString, expectedPath);
    QCOMPARE(request.path, expectedPath);
}

void TestAriOperations::hostileIdsStayInTheirSegment()
{
    using namespace AriOperations;
    const AriRequest answerRequest = answer(u"../bridges/x?y=1#"_s);
    QCOMPARE(answerRequest.path, u"/channels/..%2Fbridges%2Fx%3Fy%3D1%23/answer"_s);
    QVERIFY(answerRequest.query.isEmpty());

    const AriRequest playRequest
        = play(u"ch 1"_s, { u"sound:beep"_s }, { .lang = {}, .offsetms = {}, .skipms = {}, .playbackId = u"pb/1"_s });
    QCOMPARE(playRequest.path, u"/channels/ch%201/play/pb%2F1"_s);
    QCOMPARE(playRequest.pathTemplate, u"/channels/{channelId}/play/{playbackId}"_s);
}

void TestAriOperations::mediaListIsOneParameter()
{
    const AriRequest request
        = AriOperations::play(u"c"_s, { u"sound:vm-message"_s, u"number:2"_s, u"recording:voicemail/305/1"_s });
    const auto items = request.query.queryItems(QUrl::FullyDecoded);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).first, u"media"_s);
    QCOMPARE(items.at(0).second, u"sound:vm-message,number:2,recording:voicemail/305/1"_s);
    QCOMPARE(request.encodedQuery(), u"media=sound%3Avm-message%2Cnumber%3A2%2Crecording%3Avoicemail%2F305%2F1"_s);

    const AriRequest bridgeRequest = AriOperations::playOnBridge(u"b"_s, { u"sound:beep"_s, u"digits:12"_s });
    QCOMPARE(bridgeRequest.query.allQueryItemValues(u"media"_s, QUrl::FullyDecoded),
        QStringList { u"sound:beep,digits:12"_s });
}

void TestAriOperations::channelListIsOneParameter()
{
    const AriRequest add = AriOperations::addChannel(u"b"_s, { u"c-1"_s, u"c-2"_s });
    QCOMPARE(add.query.allQueryItemValues(u"channel"_s, QUrl::FullyDecoded), QStringList { u"c-1,c-2"_s });
    const AriRequest remove = AriOperations::removeChannel(u"b"_s, { u"c-1"_s, u"c-2"_s });
    QCOMPARE(remove.query.allQueryItemValues(u"channel"_s, QUrl::FullyDecoded), QStringList { u"c-1,c-2"_s });
}

void TestAriOperations::playChoosesPlayWithId()
{
    using namespace AriOperations;
    PlayOptions options;
    options.playbackId = u"pb-7"_s;
    const AriRequest withId = play(u"c"_s, { u"sound:beep"_s }, options);
    QCOMPARE(withId.operation, u"playWithId"_s);
    QCOMPARE(withId.path, u"/channels/c/play/pb-7"_s);
    QVERIFY(!withId.query.hasQueryItem(u"playbackId"_s));

    const AriRequest withoutId = play(u"c"_s, { u"sound:beep"_s });
    QCOMPARE(withoutId.operation, u"play"_s);
    QCOMPARE(withoutId.path, u"/channels/c/play"_s);

    const AriRequest bridgeWithId = playOnBridge(u"b"_s, { u"sound:beep"_s }, options);
    QCOMPARE(bridgeWithId.operation, u"playWithId"_s);
    QCOMPARE(bridgeWithId.path, u"/bridges/b/play/pb-7"_s);
    QCOMPARE(bridgeWithId.pathTemplate, u"/bridges/{bridgeId}/play/{playbackId}"_s);
}

void TestAriOperations::originateVariablesGoInTheBody()
{
    const AriRequest request = AriOperations::originate(fullOriginateOptions());
    QCOMPARE(request.body,
        (QJsonObject {
            { u"variables"_s, QJsonObject { { u"CALLERID(name)"_s, u"Supervisor"_s }, { u"X"_s, u"1"_s } } } }));
    QVERIFY(!request.query.hasQueryItem(u"variables"_s));
    QCOMPARE(request.query.queryItemValue(u"channelId"_s), u"sup-1"_s);
    QCOMPARE(request.query.queryItemValue(u"appArgs"_s, QUrl::FullyDecoded), u"305,listen"_s);
    QCOMPARE(request.query.queryItemValue(u"callerId"_s, QUrl::FullyDecoded), u"\"Supervisor\" <1001>"_s);
    QCOMPARE(request.query.queryItemValue(u"priority"_s), u"1"_s);
}

void TestAriOperations::setChannelVarUsesQuery()
{
    const AriRequest request = AriOperations::setChannelVar(u"c"_s, u"CHANNEL(language)"_s, u"fr"_s);
    QCOMPARE(request.method, AriRequest::Method::Post);
    QCOMPARE(request.path, u"/channels/c/variable"_s);
    QCOMPARE(request.encodedQuery(), u"variable=CHANNEL%28language%29&value=fr"_s);
    QVERIFY(request.body.isEmpty());

    const AriRequest empty = AriOperations::setChannelVar(u"c"_s, u"X"_s, QString());
    QCOMPARE(empty.encodedQuery(), u"variable=X&value="_s);
}

void TestAriOperations::queryValuesRoundTrip_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("encoded");

    QTest::newRow("percent escape lookalike") << u"a%41"_s << u"a%2541"_s;
    QTest::newRow("lone percent") << u"50%"_s << u"50%25"_s;
    QTest::newRow("plus") << u"+15551234"_s << u"%2B15551234"_s;
    QTest::newRow("delimiters") << u"a&b=c#d?e"_s << u"a%26b%3Dc%23d%3Fe"_s;
    QTest::newRow("space") << u"Agent Smith"_s << u"Agent%20Smith"_s;
    QTest::newRow("utf-8") << u"J\u00f6rg"_s << u"J%C3%B6rg"_s;
}

void TestAriOperations::queryValuesRoundTrip()
{
    QFETCH(QString, value);
    QFETCH(QString, encoded);

    AriOperations::OriginateOptions options;
    options.endpoint = u"PJSIP/1"_s;
    options.callerId = value;
    const AriRequest request = AriOperations::originate(options);
    QCOMPARE(request.query.queryItemValue(u"callerId"_s, QUrl::FullyDecoded), value);
    QCOMPARE(request.encodedQuery(), u"endpoint=PJSIP%2F1&callerId="_s + encoded);
}

void TestAriOperations::recordNameInQuery()
{
    const AriRequest request = AriOperations::record(u"c"_s, fullRecordOptions());
    QCOMPARE(request.encodedQuery(),
        u"name=voicemail%2F305%2F1411503204&format=wav&maxDurationSeconds=120&maxSilenceSeconds=5"
        "&ifExists=fail&beep=true&terminateOn=%23"_s);

    AriOperations::RecordOptions noBeep;
    noBeep.name = u"q/1"_s;
    noBeep.beep = false;
    QCOMPARE(AriOperations::recordBridge(u"b"_s, noBeep).query.queryItemValue(u"beep"_s), u"false"_s);
}

void TestAriOperations::playbackOperationNames()
{
    using AriOperations::PlaybackOperation;
    QCOMPARE(AriOperations::playbackOperationName(PlaybackOperation::Restart), u"restart"_s);
    QCOMPARE(AriOperations::playbackOperationName(PlaybackOperation::Pause), u"pause"_s);
    QCOMPARE(AriOperations::playbackOperationName(PlaybackOperation::Unpause), u"unpause"_s);
    QCOMPARE(AriOperations::playbackOperationName(PlaybackOperation::Reverse), u"reverse"_s);
    QCOMPARE(AriOperations::playbackOperationName(PlaybackOperation::Forward), u"forward"_s);
    const AriRequest request = AriOperations::controlPlayback(u"pb"_s, PlaybackOperation::Forward);
    QCOMPARE(request.encodedQuery(), u"operation=forward"_s);
}

void TestAriOperations::onlyTheFileDownloadIsBinary()
{
    for (const Built &entry : everyBuilder())
        QCOMPARE(entry.request.binary, entry.request.operation == u"getStoredFile");
}

void TestAriOperations::methodNames()
{
    QCOMPARE(AriRequest::methodName(AriRequest::Method::Get), u"GET"_s);
    QCOMPARE(AriRequest::methodName(AriRequest::Method::Post), u"POST"_s);
    QCOMPARE(AriRequest::methodName(AriRequest::Method::Put), u"PUT"_s);
    QCOMPARE(AriRequest::methodName(AriRequest::Method::Delete), u"DELETE"_s);
    const AriRequest request = AriOperations::hangup(u"c 1"_s, u"busy"_s);
    QCOMPARE(request.target(), u"/channels/c%201?reason=busy"_s);
    QCOMPARE(request.describe(), u"DELETE /channels/c%201?reason=busy"_s);
}

QTEST_GUILESS_MAIN(TestAriOperations)
void TestAriOperations::playbackTrackerReadsTheRequestsThatConcernPlaybacks_data()
{
    builderMatchesSpec_data();
}

// The playback tracker skips requests by operation name (PlaybackTracker::mayConcernPlaybacks):
// every request whose path it acts on (a play on a channel or a bridge, a playback's control, a
// stored recording deleted or copied) must be among those it reads, and the rest not.
void TestAriOperations::playbackTrackerReadsTheRequestsThatConcernPlaybacks()
{
    QFETCH(int, index);
    const AriRequest request = everyBuilder().at(index).request;
    static const QSet<QString> concerning { u"POST /channels/{channelId}/play"_s,
        u"POST /channels/{channelId}/play/{playbackId}"_s, u"POST /bridges/{bridgeId}/play"_s,
        u"POST /bridges/{bridgeId}/play/{playbackId}"_s, u"POST /playbacks/{playbackId}/control"_s,
        u"DELETE /recordings/stored/{recordingName}"_s, u"POST /recordings/stored/{recordingName}/copy"_s };
    const QString key = AriRequest::methodName(request.method) + u' ' + request.pathTemplate;
    QCOMPARE(PlaybackTracker::mayConcernPlaybacks(request), concerning.contains(key));
}

#include "TestAriOperations.moc"
