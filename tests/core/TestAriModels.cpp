#include "core/ari/model/Application.h"
#include "core/ari/model/AsteriskInfo.h"
#include "core/ari/model/Bridge.h"
#include "core/ari/model/Channel.h"
#include "core/ari/model/LiveRecording.h"
#include "core/ari/model/Playback.h"
#include "core/ari/model/Sound.h"
#include "core/ari/model/StoredRecording.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

// Fixtures in tests/data/models/ are REST bodies captured from Asterisk 22.10.1.
class TestAriModels final : public QObject
{
    Q_OBJECT

private:
    static QJsonDocument fixture(const QString &name)
    {
        QFile file(QStringLiteral(SUPERVISOR_TEST_DATA_DIR) + "/models/"_L1 + name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("missing fixture %s", qPrintable(file.fileName()));
        return QJsonDocument::fromJson(file.readAll());
    }

    static Sound soundWith(const QList<std::pair<QString, QString>> &formatLanguages)
    {
        Sound sound;
        sound.id = u"vm-intro"_s;
        for (const auto &[format, language] : formatLanguages)
            sound.formats.append(FormatLang{format, language});
        return sound;
    }

private Q_SLOTS:
    void channel()
    {
        const Channel channel = Channel::fromJson(fixture(u"channel.json"_s).object());
        QVERIFY(channel.isValid());
        QCOMPARE(channel.id, u"agent-200"_s);
        QCOMPARE(channel.name, u"Local/wait@wait-00000017;1"_s);
        QCOMPARE(channel.state, u"Up"_s);
        QCOMPARE(channel.callerName, u"Agent 200"_s);
        QCOMPARE(channel.callerNumber, u"200"_s);
        QCOMPARE(channel.connectedName, u"Agent Smith"_s);
        QCOMPARE(channel.connectedNumber, u"200"_s);
        QCOMPARE(channel.accountcode, QString());
        QCOMPARE(channel.dialplanContext, u"wait"_s);
        QCOMPARE(channel.dialplanExten, u"wait"_s);
        QCOMPARE(channel.dialplanPriority, 1);
        QCOMPARE(channel.creationtime, QDateTime(QDate(2026, 11, 26), QTime(7, 1, 46, 462), Qt::UTC));
        QCOMPARE(channel.language, u"en"_s);
    }

    void channelCreationTimeFormats_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("asterisk") << u"2026-01-01T10:00:00.000+0000"_s
                                  << QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC);
        QTest::newRow("offset") << u"2026-01-01T10:00:00.250+0130"_s
                                << QDateTime(QDate(2026, 1, 1), QTime(8, 30, 0, 250), Qt::UTC);
        QTest::newRow("no milliseconds") << u"2026-01-01T10:00:00+0000"_s
                                         << QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC);
        QTest::newRow("garbage") << u"yesterday"_s << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
    }

    void channelCreationTimeFormats()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        QJsonObject object{{u"id"_s, u"c1"_s}, {u"creationtime"_s, text}};
        const Channel channel = Channel::fromJson(object);
        QCOMPARE(channel.creationtime.isValid(), expected.isValid());
        if (expected.isValid())
            QCOMPARE(channel.creationtime.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
    }

    void emptyObjects()
    {
        QVERIFY(!Channel::fromJson({}).isValid());
        QVERIFY(!Bridge::fromJson({}).isValid());
        QVERIFY(!Playback::fromJson({}).isValid());
        QVERIFY(!LiveRecording::fromJson({}).isValid());
        QCOMPARE(Channel::fromJson({}).dialplanPriority, 0);
        QVERIFY(Sound::fromJson({}).formats.isEmpty());
        QVERIFY(AsteriskInfo::fromJson({}).version.isEmpty());
        // Wrong types where objects are expected read as empty, not as a crash.
        const QJsonObject odd{{u"id"_s, 5}, {u"caller"_s, u"x"_s}, {u"dialplan"_s, QJsonArray{1}},
                              {u"channels"_s, u"a"_s}, {u"formats"_s, QJsonObject()}};
        QVERIFY(!Channel::fromJson(odd).isValid());
        QVERIFY(Bridge::fromJson(odd).channels.isEmpty());
        QVERIFY(Sound::fromJson(odd).formats.isEmpty());
    }

    void bridge()
    {
        const Bridge bridge = Bridge::fromJson(fixture(u"bridge.json"_s).object());
        QCOMPARE(bridge.id, u"queue-bridge-1"_s);
        QCOMPARE(bridge.technology, u"simple_bridge"_s);
        QCOMPARE(bridge.bridgeType, u"mixing"_s);
        QCOMPARE(bridge.bridgeClass, u"stasis"_s);
        QCOMPARE(bridge.creator, u"Stasis"_s);
        QCOMPARE(bridge.name, u"queue-call-1"_s);
        QCOMPARE(bridge.channels,
                 (QStringList{u"ari-acceptance-1795676484.32"_s, u"ari-acceptance-1795676484.34"_s}));
    }

    void playback()
    {
        const Playback playback = Playback::fromJson(fixture(u"playback.json"_s).object());
        QCOMPARE(playback.id, u"pb-vmintro-1"_s);
        QCOMPARE(playback.mediaUri, u"sound:vm-intro"_s);
        QCOMPARE(playback.nextMediaUri, QString());
        QCOMPARE(playback.targetUri, u"channel:ari-acceptance-1795676337.3"_s);
        QCOMPARE(playback.language, u"en"_s);
        QCOMPARE(playback.state, u"playing"_s);
    }

    void liveRecording()
    {
        const LiveRecording recording = LiveRecording::fromJson(fixture(u"live-recording.json"_s).object());
        QCOMPARE(recording.name, u"test/live-4"_s);
        QCOMPARE(recording.format, u"wav"_s);
        QCOMPARE(recording.state, u"done"_s);
        QCOMPARE(recording.targetUri, u"channel:ari-acceptance-1795676430.13"_s);
        QCOMPARE(recording.duration, std::optional<int>(1));
        QCOMPARE(recording.talkingDuration, std::optional<int>(1));
        QCOMPARE(recording.silenceDuration, std::optional<int>(0)); // present and zero, not absent
        QCOMPARE(recording.cause, QString());

        const LiveRecording failed = LiveRecording::fromJson(
            QJsonObject{{u"name"_s, u"x"_s}, {u"state"_s, u"failed"_s}, {u"cause"_s, u"disk full"_s}});
        QCOMPARE(failed.cause, u"disk full"_s);
        QVERIFY(!failed.duration.has_value());
    }

    void storedRecordings()
    {
        const QList<StoredRecording> list = StoredRecording::listFromJson(fixture(u"stored-recordings.json"_s).array());
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).name, u"voicemail/305/1411503204"_s);
        QCOMPARE(list.at(0).format, u"wav"_s);
        QCOMPARE(list.at(1).name, u"voicemail/305/copy-1"_s);
        // Entries that are not objects are skipped.
        QCOMPARE(StoredRecording::listFromJson(QJsonArray{1, u"x"_s, QJsonObject{{u"name"_s, u"a"_s}}}).size(), 1);
    }

    void sound()
    {
        const Sound sound = Sound::fromJson(fixture(u"sound-vm-intro.json"_s).object());
        QCOMPARE(sound.id, u"vm-intro"_s);
        QCOMPARE(sound.formats.size(), 2);
        QCOMPARE(sound.formats.at(0).format, u"gsm"_s);
        QCOMPARE(sound.formats.at(0).language, u"en"_s);
        QCOMPARE(sound.formats.at(1).format, u"slin"_s);
        QCOMPARE(Sound::listFromJson(QJsonArray{fixture(u"sound-vm-intro.json"_s).object()}).size(), 1);
    }

    void asteriskInfo()
    {
        const QJsonObject object = fixture(u"asterisk-info.json"_s).object();
        const AsteriskInfo info = AsteriskInfo::fromJson(object);
        QCOMPARE(info.version, u"22.10.1"_s);
        QCOMPARE(info.entityId, u"02:fc:00:00:00:01"_s);
        QCOMPARE(info.systemName, u"ari-acceptance"_s);
        QCOMPARE(info.buildOs, u"Linux"_s);
        QCOMPARE(info.raw, object);
    }

    void applications()
    {
        const QList<Application> apps = Application::listFromJson(fixture(u"applications.json"_s).array());
        QCOMPARE(apps.size(), 6);
        QCOMPARE(apps.at(0).name, u"app-a"_s);
        QVERIFY(apps.at(0).channelIds.isEmpty());
        QCOMPARE(apps.at(2).name, u"driver"_s);
        QCOMPARE(apps.at(2).channelIds,
                 (QStringList{u"ari-acceptance-1795676500.43"_s, u"ari-acceptance-1795676500.44"_s}));
        QCOMPARE(apps.at(3).name, u"monitor"_s);
        QCOMPARE(apps.at(3).bridgeIds, QStringList{u"__AST_BRIDGE_ALL_TOPIC"_s});
        QCOMPARE(apps.at(3).endpointIds, QStringList{u"__AST_ENDPOINT_ALL_TOPIC"_s});
        QCOMPARE(apps.at(3).deviceNames, QStringList{u"__AST_DEVICE_STATE_ALL_TOPIC"_s});
    }

    void playableLanguage_data()
    {
        QTest::addColumn<QStringList>("soundLanguages");
        QTest::addColumn<QString>("channelLanguage");
        QTest::addColumn<QString>("expected");
        const QStringList englishOnly{u"en"_s, u"en"_s}; // gsm and slin, as Asterisk lists them
        QTest::newRow("en on en") << englishOnly << u"en"_s << u"en"_s;
        QTest::newRow("en_US falls back to en") << englishOnly << u"en_US"_s << u"en"_s;
        QTest::newRow("en_US exact wins") << QStringList{u"en"_s, u"en_US"_s} << u"en_US"_s << u"en_US"_s;
        QTest::newRow("fr missing") << englishOnly << u"fr"_s << QString();
        QTest::newRow("fr_CA, no fr") << englishOnly << u"fr_CA"_s << QString();
        QTest::newRow("fr_CA falls back to fr") << QStringList{u"en"_s, u"fr"_s} << u"fr_CA"_s << u"fr"_s;
        QTest::newRow("en does not take en_GB") << QStringList{u"en_GB"_s} << u"en"_s << QString();
        QTest::newRow("no formats") << QStringList() << u"en"_s << QString();
        QTest::newRow("empty channel language") << englishOnly << QString() << QString();
        QTest::newRow("case matters") << englishOnly << u"EN"_s << QString();
    }

    void playableLanguage()
    {
        QFETCH(QStringList, soundLanguages);
        QFETCH(QString, channelLanguage);
        QFETCH(QString, expected);
        QList<std::pair<QString, QString>> formats;
        for (const QString &language : soundLanguages)
            formats.append({u"gsm"_s, language});
        QCOMPARE(soundWith(formats).playableLanguageFor(channelLanguage), expected);
    }

    void playableLanguageOfTheCapturedSound()
    {
        const Sound sound = Sound::fromJson(fixture(u"sound-vm-intro.json"_s).object());
        QCOMPARE(sound.playableLanguageFor(u"en"_s), u"en"_s);
        QCOMPARE(sound.playableLanguageFor(u"en_US"_s), u"en"_s);
        QCOMPARE(sound.playableLanguageFor(u"fr"_s), QString());
    }
};

QTEST_GUILESS_MAIN(TestAriModels)
#include "TestAriModels.moc"
