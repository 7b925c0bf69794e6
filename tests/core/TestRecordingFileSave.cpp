// Saving a stored recording to a file (SPEC RB-3: "the whole recording is held in memory on
// Save"): AriRequest::saveTo streams a 2xx answer's body into the file as it arrives, with a
// bounded read buffer, and the file appears only once the answer is complete. An answer cut
// midway, an error answer or a file that cannot be written leave no partial file and keep what
// was there before. The server is a raw socket, so the test decides when each byte goes.
#include "core/ari/AriEndpoint.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Larger than the transport's read buffer (256 KiB) and than a desk's file frame (64 KiB).
QByteArray recordingBytes(int size)
{
    QByteArray bytes("RIFF....WAVEfmt ");
    bytes.reserve(size);
    for (int i = bytes.size(); i < size; ++i)
        bytes.append(char((i * 131 + i / 977) & 0xff));
    return bytes;
}

AriEndpoint endpointFor(quint16 port)
{
    AriEndpoint endpoint;
    endpoint.baseUrl = QUrl(u"http://127.0.0.1:%1/ari"_s.arg(port));
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    endpoint.requestTimeoutMs = 60000;
    endpoint.applications = { u"vm-record"_s };
    return endpoint;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestRecordingFileSave final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void savedAsItArrives();
    void answerCutMidwayLeavesNoFile_data();
    void answerCutMidwayLeavesNoFile();
    void errorAnswerWritesNothing();
    void unwritableFileFailsTheSave();

private:
    // Waits for the client's request and answers it with `head` (status line and headers);
    // the socket stays open for the test to write the body.
    QTcpSocket *acceptRequest();
    // Sends the save; `m_result` holds its result once `m_done`.
    void save(const QString &path);

    QTcpServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AriRestClient> m_client;
    bool m_done = false;
    AriResult m_result;
};

void TestRecordingFileSave::init()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    m_client = std::make_unique<AriRestClient>(endpointFor(m_server.serverPort()));
}

void TestRecordingFileSave::cleanup()
{
    m_client.reset();
    m_server.close();
    for (const QString &name : QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden))
        QFile::remove(m_dir.filePath(name));
}

QTcpSocket *TestRecordingFileSave::acceptRequest()
{
    if (!m_server.hasPendingConnections() && !m_server.waitForNewConnection(0)) {
        QSignalSpy connected(&m_server, &QTcpServer::newConnection);
        if (!connected.wait(30000))
            return nullptr;
    }
    QTcpSocket *socket = m_server.nextPendingConnection();
    socket->setParent(this);
    QByteArray request;
    while (!request.contains("\r\n\r\n")) {
        if (!socket->bytesAvailable() && !socket->waitForReadyRead(30000))
            return nullptr;
        request += socket->readAll();
    }
    if (!request.startsWith("GET /ari/recordings/stored/voicemail%2F305%2F1/file "))
        return nullptr;
    return socket;
}

void TestRecordingFileSave::save(const QString &path)
{
    m_done = false;
    AriRequest request = AriOperations::getStoredFile(u"voicemail/305/1"_s);
    request.saveTo = path;
    m_client->send(request)->then(this, [this](const AriResult &result) {
        m_result = result;
        m_done = true;
    });
}

void TestRecordingFileSave::savedAsItArrives()
{
    const QByteArray recording = recordingBytes(3 * 1024 * 1024 + 123);
    const QString path = m_dir.filePath(u"message.wav"_s);
    save(path);
    QTcpSocket *socket = acceptRequest();
    QVERIFY(socket);
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: audio/wav\r\nContent-Length: "
        + QByteArray::number(recording.size()) + "\r\n\r\n");
    const qsizetype half = recording.size() / 2;
    socket->write(recording.left(half));
    // Half of it sent: the save goes on, nothing is at the path yet.
    QTRY_VERIFY_WITH_TIMEOUT(socket->bytesToWrite() == 0, 30000);
    QVERIFY(!m_done);
    QVERIFY(!QFileInfo::exists(path));
    socket->write(recording.mid(half));
    QTRY_VERIFY_WITH_TIMEOUT(m_done, 60000);
    const AriResult result = m_result;
    QVERIFY2(result.isOk(), qPrintable(result.describe()));
    QVERIFY(result.body().isEmpty()); // the bytes went to the file, not into the result
    QCOMPARE(readFile(path).size(), recording.size());
    QVERIFY(readFile(path) == recording);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { u"message.wav"_s });
}

void TestRecordingFileSave::answerCutMidwayLeavesNoFile_data()
{
    QTest::addColumn<bool>("fileThere");
    QTest::newRow("new file") << false;
    QTest::newRow("file replaced") << true;
}

void TestRecordingFileSave::answerCutMidwayLeavesNoFile()
{
    QFETCH(bool, fileThere);
    const QString path = m_dir.filePath(u"message.wav"_s);
    if (fileThere) {
        QFile before(path);
        QVERIFY(before.open(QIODevice::WriteOnly));
        before.write("saved earlier");
    }
    const QByteArray recording = recordingBytes(2 * 1024 * 1024);
    save(path);
    QTcpSocket *socket = acceptRequest();
    QVERIFY(socket);
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: audio/wav\r\nContent-Length: "
        + QByteArray::number(recording.size()) + "\r\n\r\n");
    socket->write(recording.left(700 * 1024));
    QTRY_VERIFY_WITH_TIMEOUT(socket->bytesToWrite() == 0, 30000);
    socket->abort(); // the server goes away with two thirds of the file unsent
    QTRY_VERIFY_WITH_TIMEOUT(m_done, 60000);
    const AriResult result = m_result;
    QVERIFY(!result.isOk());
    QCOMPARE(result.status(), AriResult::Status::NetworkError);
    if (fileThere) {
        QCOMPARE(readFile(path), QByteArray("saved earlier"));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { u"message.wav"_s });
    } else {
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }
}

void TestRecordingFileSave::errorAnswerWritesNothing()
{
    const QString path = m_dir.filePath(u"message.wav"_s);
    save(path);
    QTcpSocket *socket = acceptRequest();
    QVERIFY(socket);
    const QByteArray body = R"({"message":"Recording not found"})";
    socket->write("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QTRY_VERIFY_WITH_TIMEOUT(m_done, 60000);
    const AriResult result = m_result;
    QCOMPARE(result.status(), AriResult::Status::HttpError);
    QCOMPARE(result.httpStatus(), 404);
    QCOMPARE(result.message(), u"Recording not found"_s);
    QVERIFY(!QFileInfo::exists(path));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

void TestRecordingFileSave::unwritableFileFailsTheSave()
{
    const QString path = m_dir.filePath(u"no-such-folder/message.wav"_s);
    save(path);
    QTcpSocket *socket = acceptRequest();
    QVERIFY(socket);
    const QByteArray recording = recordingBytes(1024 * 1024);
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: audio/wav\r\nContent-Length: "
        + QByteArray::number(recording.size()) + "\r\n\r\n" + recording);
    QTRY_VERIFY_WITH_TIMEOUT(m_done, 60000);
    const AriResult result = m_result;
    QVERIFY(!result.isOk());
    QVERIFY2(result.message().startsWith(u"cannot write "_s + path), qPrintable(result.describe()));
    QVERIFY(!QFileInfo::exists(path));
}

QTEST_GUILESS_MAIN(TestRecordingFileSave)
#include "TestRecordingFileSave.moc"
