#include "support/ServiceRig.h"
#include "support/SimFixture.h"

#include "core/models/MailboxesModel.h"
#include "core/service/RemoteSupervisor.h"
#include "core/supervisor/SupervisorBackend.h"
#include "sim/SimServer.h"

#include <QDir>
#include <QTest>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace {

// One end of a TCP connection of this process, as the kernel has it.
struct TcpEnd
{
    quint16 localPort = 0;
    quint16 peerPort = 0;
    bool noDelay = false;
};

quint16 portOf(const sockaddr_storage &address)
{
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in &>(address).sin_port);
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 &>(address).sin6_port);
    return 0;
}

// Every connected TCP socket of this process (listening ones have no peer and are left out),
// read from its descriptors in /proc/self/fd (what is not a socket fails SO_TYPE and is skipped).
QList<TcpEnd> connectedTcpEnds()
{
    QList<TcpEnd> ends;
    const QFileInfoList entries = QDir(u"/proc/self/fd"_s).entryInfoList(QDir::Files | QDir::System);
    for (const QFileInfo &entry : entries) {
        bool isNumber = false;
        const int fd = entry.fileName().toInt(&isNumber);
        if (!isNumber)
            continue;
        sockaddr_storage local {};
        sockaddr_storage peer {};
        socklen_t localSize = sizeof local;
        socklen_t peerSize = sizeof peer;
        int type = 0;
        socklen_t typeSize = sizeof type;
        if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &typeSize) != 0 || type != SOCK_STREAM)
            continue;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localSize) != 0
            || ::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &peerSize) != 0)
            continue;
        if (local.ss_family != AF_INET && local.ss_family != AF_INET6)
            continue;
        int noDelay = 0;
        socklen_t noDelaySize = sizeof noDelay;
        if (::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, &noDelaySize) != 0)
            continue;
        ends.append({ portOf(local), portOf(peer), noDelay != 0 });
    }
    return ends;
}

} // namespace

// The event socket (with REST on it) and a desk's socket leave Nagle's algorithm off at both ends:
// their small frames are written as they happen and must not wait for the peer's delayed
// acknowledgement (up to 40 ms). The servers' ends are the simulator's and the service's doing;
// the clients' ends are QWebSocket's own, checked here all the same since the latency depends on
// them.
class TestLowDelaySockets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventSocketAndDeskSocketHaveNoDelayAtBothEnds();
};

void TestLowDelaySockets::eventSocketAndDeskSocketHaveNoDelayAtBothEnds()
{
    SimFixture sim;
    QVERIFY(sim.addMessage(u"voicemail/305/1411503204"_s, 4000));
    QVERIFY(sim.start());
    ServiceRig rig(&sim);
    QVERIFY(rig.start());
    QTRY_COMPARE(rig.backend()->mailboxes()->messageCount(), 1);
    auto desk = rig.attach(u"watcher"_s, u"look"_s);
    QTRY_COMPARE(desk->state(), RemoteSupervisor::State::Attached);

    const quint16 simPort = quint16(sim.server()->baseUrl().port());
    const quint16 servicePort = quint16(rig.url().port());
    const QList<TcpEnd> ends = connectedTcpEnds();

    // The event socket: the simulator's end has the option (set on every WebSocket it accepts;
    // its plain HTTP connections keep the default), and so has the client's end of it.
    int eventSockets = 0;
    for (const TcpEnd &simEnd : ends) {
        if (simEnd.localPort != simPort || !simEnd.noDelay)
            continue;
        ++eventSockets;
        bool clientEndFound = false;
        for (const TcpEnd &clientEnd : ends) {
            if (clientEnd.peerPort == simPort && clientEnd.localPort == simEnd.peerPort) {
                clientEndFound = true;
                QVERIFY2(clientEnd.noDelay, "the client's end of the event socket keeps Nagle's algorithm");
            }
        }
        QVERIFY(clientEndFound);
    }
    QCOMPARE(eventSockets, 1);

    // The desk's socket: both ends.
    int deskEnds = 0;
    for (const TcpEnd &end : ends) {
        if (end.localPort == servicePort || end.peerPort == servicePort) {
            ++deskEnds;
            QVERIFY2(end.noDelay,
                end.localPort == servicePort ? "the service's end of a desk keeps Nagle's algorithm"
                                             : "the desk's end keeps Nagle's algorithm");
        }
    }
    QCOMPARE(deskEnds, 2);
}

QTEST_MAIN(TestLowDelaySockets)
#include "TestLowDelaySockets.moc"
