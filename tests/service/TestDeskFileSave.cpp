// A desk saving a recording through the service (SPEC RB-3: no whole file in memory; SV-2): the
// file's binary frames are written to the file as they come, and the file appears only when every
// byte announced has arrived. A service that goes away midway, or sends more than it announced,
// leaves no partial file and keeps what was there before. The service here is a bare WebSocket
// server that speaks the protocol's few messages, so the test decides when each frame goes.
#include "core/service/RemoteSupervisor.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype s_frameBytes = 64 * 1024;

QByteArray recordingBytes(qsizetype size)
{
    QByteArray bytes("RIFF....WAVEfmt ");
    for (qsizetype i = bytes.size(); i < size; ++i)
        bytes.append(char((i * 131 + i / 977) & 0xff));
    return bytes;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestDeskFileSave final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void framesGoToTheFileAsTheyCome();
    void serviceGoneMidwayLeavesNoFile_data();
    void serviceGoneMidwayLeavesNoFile();
    void moreThanAnnouncedIsRefused();
    void deskPlaysByTheServicesSkipAndHeardShare();

private:
    // Attaches a desk to the bare server and answers its save request with `size`; returns the
    // service's side of the socket.
    void attachAndSave(const QString &path, qsizetype size);
    void sendFrames(const QByteArray &bytes);

    QTemporaryDir m_dir;
    QWebSocketServer m_server { u"fake service"_s, QWebSocketServer::NonSecureMode };
    QPointer<QWebSocket> m_socket;
    QList<QJsonObject> m_received;
    std::unique_ptr<RemoteSupervisor> m_desk;
    std::unique_ptr<QSignalSpy> m_finished;
};

void TestDeskFileSave::init()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
        m_socket = m_server.nextPendingConnection();
        m_socket->setParent(this);
        connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
            m_received.append(message);
            if (message.value("type"_L1).toString() == u"hello"_s) {
                m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(
                    QJsonObject { { u"type"_s, u"welcome"_s }, { u"version"_s, 1 }, { u"role"_s, u"viewer"_s },
                        { u"clockRate"_s, 1 }, { u"now"_s, 0 }, { u"logCapacity"_s, 100 }, { u"heardPercent"_s, 70 },
                        { u"skipMs"_s, 3000 } }).toJson(QJsonDocument::Compact)));
                m_socket->sendTextMessage(uR"({"type":"snapshot","seq":0,"connection":{"state":"connected"}})"_s);
            }
        });
    });
    RemoteSupervisor::Options options;
    options.url = QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server.serverPort()));
    options.user = u"carol"_s;
    options.password = u"look"_s;
    m_desk = std::make_unique<RemoteSupervisor>(options);
    m_finished = std::make_unique<QSignalSpy>(m_desk.get(), &SupervisorAccess::operationFinished);
}

void TestDeskFileSave::cleanup()
{
    m_finished.reset();
    m_desk.reset();
    delete m_socket;
    disconnect(&m_server, nullptr, this, nullptr);
    m_server.close();
    m_received.clear();
    for (const QString &name : QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden))
        QFile::remove(m_dir.filePath(name));
}

void TestDeskFileSave::attachAndSave(const QString &path, qsizetype size)
{
    m_desk->open();
    QTRY_VERIFY_WITH_TIMEOUT(m_desk->state() == RemoteSupervisor::State::Attached, 30000);
    m_desk->saveRecording(u"voicemail/305/1"_s, path);
    const auto isSave
        = [this] { return !m_received.isEmpty() && m_received.constLast().value("action"_L1).toString() == u"save"_s; };
    QTRY_VERIFY_WITH_TIMEOUT(isSave(), 30000);
    const QJsonObject request = m_received.constLast();
    QCOMPARE(request.value("recording"_L1).toString(), u"voicemail/305/1"_s);
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(
        QJsonObject { { u"type"_s, u"result"_s }, { u"id"_s, request.value("id"_L1) }, { u"ok"_s, true },
            { u"size"_s, double(size) } }).toJson(QJsonDocument::Compact)));
}

void TestDeskFileSave::sendFrames(const QByteArray &bytes)
{
    for (qsizetype offset = 0; offset < bytes.size(); offset += s_frameBytes)
        m_socket->sendBinaryMessage(bytes.mid(offset, s_frameBytes));
    m_socket->flush();
}

void TestDeskFileSave::framesGoToTheFileAsTheyCome()
{
    const QByteArray recording = recordingBytes(5 * s_frameBytes + 1234);
    const QString path = m_dir.filePath(u"message.wav"_s);
    attachAndSave(path, recording.size());
    QVERIFY(!QTest::currentTestFailed());
    sendFrames(recording.left(3 * s_frameBytes));
    QTest::qWait(100); // (nothing to wait for: the desk must not report or write the file yet)
    QVERIFY(m_finished->isEmpty());
    QVERIFY(!QFileInfo::exists(path));
    sendFrames(recording.mid(3 * s_frameBytes));
    QTRY_COMPARE_WITH_TIMEOUT(m_finished->size(), 1, 30000);
    QCOMPARE(m_finished->at(0).at(0).toString(), u"save"_s);
    QVERIFY2(m_finished->at(0).at(2).toBool(), qPrintable(m_finished->at(0).at(3).toString()));
    QVERIFY(readFile(path) == recording);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { u"message.wav"_s });
}

void TestDeskFileSave::serviceGoneMidwayLeavesNoFile_data()
{
    QTest::addColumn<bool>("fileThere");
    QTest::newRow("new file") << false;
    QTest::newRow("file replaced") << true;
}

void TestDeskFileSave::serviceGoneMidwayLeavesNoFile()
{
    QFETCH(bool, fileThere);
    const QString path = m_dir.filePath(u"message.wav"_s);
    if (fileThere) {
        QFile before(path);
        QVERIFY(before.open(QIODevice::WriteOnly));
        before.write("saved earlier");
    }
    const QByteArray recording = recordingBytes(5 * s_frameBytes);
    attachAndSave(path, recording.size());
    QVERIFY(!QTest::currentTestFailed());
    sendFrames(recording.left(2 * s_frameBytes));
    m_socket->close(); // the service goes away with three frames unsent
    QTRY_COMPARE_WITH_TIMEOUT(m_finished->size(), 1, 30000);
    QVERIFY(!m_finished->at(0).at(2).toBool());
    QCOMPARE(m_finished->at(0).at(3).toString(), u"the service went away"_s);
    if (fileThere) {
        QCOMPARE(readFile(path), QByteArray("saved earlier"));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { u"message.wav"_s });
    } else {
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }
}

// Play here on a desk skips and counts a message heard as the service's phones do: by the
// service's [voicemail] skip_ms and heard_percent, from its welcome (defaults when it says none).
void TestDeskFileSave::deskPlaysByTheServicesSkipAndHeardShare()
{
    QCOMPARE(m_desk->skipMs(), 5000);
    QCOMPARE(m_desk->heardPercent(), 100);
    m_desk->open();
    QTRY_VERIFY_WITH_TIMEOUT(m_desk->state() == RemoteSupervisor::State::Attached, 30000);
    QCOMPARE(m_desk->skipMs(), 3000);
    QCOMPARE(m_desk->heardPercent(), 70);
}

void TestDeskFileSave::moreThanAnnouncedIsRefused()
{
    const QString path = m_dir.filePath(u"message.wav"_s);
    const QByteArray recording = recordingBytes(2 * s_frameBytes);
    attachAndSave(path, recording.size() - 10);
    QVERIFY(!QTest::currentTestFailed());
    sendFrames(recording);
    QTRY_COMPARE_WITH_TIMEOUT(m_finished->size(), 1, 30000);
    QVERIFY(!m_finished->at(0).at(2).toBool());
    QVERIFY2(m_finished->at(0).at(3).toString().contains(u"more than the"_s),
        qPrintable(m_finished->at(0).at(3).toString()));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

QTEST_MAIN(TestDeskFileSave)
#include "TestDeskFileSave.moc"
