#pragma once

#include "core/ari/AriRestTransport.h"
#include "core/ari/AriTlsPolicy.h"

#include <QPointer>

#include <map>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

// REST over HTTP(S) through one QNetworkAccessManager (owned here): the fallback for servers
// that do not take requests on the event socket, and the way a stored recording's file is
// downloaded. Credentials go in an Authorization header (or api_key), never into a log line; a
// redirect is never followed. An answer body larger than the endpoint's maxBodyBytes is
// abandoned as soon as its size is known (or reached) and the call fails with NetworkError.
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
    };

    // The TLS policy of `endpoint` (system CAs plus its caFile, or no check), read once per
    // distinct caFile / verifyPeer.
    const AriTlsPolicy &tlsPolicy(const AriEndpoint &endpoint);
    static QNetworkRequest networkRequest(const AriRequest &request, const AriEndpoint &endpoint,
                                          const AriTlsPolicy &tls);
    void checkSize(quint64 serial, qint64 size);
    void onReplyFinished(quint64 serial);
    static AriResult mapResult(const InFlight &inFlight, QNetworkReply *reply);

    QNetworkAccessManager *m_network = nullptr; // child
    std::map<quint64, InFlight> m_inFlight;
    std::optional<AriTlsPolicy> m_tls;
    QString m_tlsCaFile;
    bool m_tlsVerifyPeer = true;
};
