#pragma once

#include "core/ari/AriRestTransport.h"
#include "core/ari/AriTlsPolicy.h"

#include <QPointer>

#include <map>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QSaveFile;
class QNetworkReply;
class QNetworkRequest;

// REST over HTTP(S) through one QNetworkAccessManager (owned here): the fallback for servers
// that do not take requests on the event socket, and the way a stored recording's file is
// downloaded. Credentials go in an Authorization header (or api_key), never into a log line; a
// redirect is never followed. An answer body larger than the endpoint's maxBodyBytes is
// abandoned as soon as its size is known (or reached) and the call fails with NetworkError.
// A request with `saveTo` streams its answer into that file through a QSaveFile, with a bounded
// read buffer, and commits it when the answer is complete.
class AriHttpTransport final : public AriRestTransport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AriHttpTransport)

public:
    explicit AriHttpTransport(QObject *parent = nullptr);
    ~AriHttpTransport() override;

    QString name() const override;
    void send(quint64 serial, const AriRequest &request, const AriEndpoint &endpoint) override;
    void abandonAll() override;
    int inFlightCount() const override;

private:
    struct InFlight
    {
        QPointer<QNetworkReply> reply;
        bool binary = false;
        int timeoutMs = 0;
        qint64 maxBodyBytes = 0;
        bool oversized = false;
        QString tlsErrors; // why the server's certificate was refused
        QString savePath; // AriRequest::saveTo
        std::shared_ptr<QSaveFile> file; // opened with the first bytes of a 2xx answer
        QString fileError; // writing failed: the answer was abandoned
    };

    // What a saved request's reply holds at most in memory.
    static constexpr qint64 s_saveBufferBytes = 256 * 1024;

    // The TLS policy of `endpoint` (system CAs plus its caFile, or no check), read once per
    // distinct caFile / verifyPeer.
    const AriTlsPolicy &tlsPolicy(const AriEndpoint &endpoint);
    static QNetworkRequest networkRequest(const AriRequest &request, const AriEndpoint &endpoint,
                                          const AriTlsPolicy &tls);
    void checkSize(quint64 serial, qint64 size);
    // Moves what has arrived of a 2xx answer into its file.
    void saveArrived(quint64 serial);
    // The result of a saved request: its file committed, or discarded.
    static AriResult finishSave(InFlight &inFlight, const AriResult &answer);
    void onReplyFinished(quint64 serial);
    static AriResult mapResult(const InFlight &inFlight, QNetworkReply *reply);

    QNetworkAccessManager *m_network = nullptr; // child
    std::map<quint64, InFlight> m_inFlight;
    std::optional<AriTlsPolicy> m_tls;
    QString m_tlsCaFile;
    bool m_tlsVerifyPeer = true;
};
