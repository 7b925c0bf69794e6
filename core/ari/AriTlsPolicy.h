#pragma once

#include "core/ari/AriEndpoint.h"

#include <QList>
#include <QString>
#include <QtNetwork/qtnetworkglobal.h>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#endif

// How the REST client and the event socket check the server's TLS certificate (SPEC CN-3), made
// once from an endpoint and applied to both: the system's trusted CAs plus the endpoint's
// `caFile` (PEM, one or more certificates), or no check at all when `verifyPeer` is off.
// A CA file that cannot be read or holds no certificate makes the policy invalid (error() says
// why): nothing is then sent to a https/wss URL, since the server could not be checked.
class AriTlsPolicy
{
public:
    explicit AriTlsPolicy(const AriEndpoint &endpoint);

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    bool verifiesPeer() const { return m_verifyPeer; }

#if QT_CONFIG(ssl)
    // For a QNetworkRequest or QWebSocket::setSslConfiguration (the only setting QWebSocket
    // honours in Qt 6.4; the request's own configuration is ignored by QWebSocket::open).
    QSslConfiguration configuration() const
    {
        return m_configuration;
    }

    // "the certificate is self-signed, and untrusted; the host name did not match …": the
    // reasons, for a log line and the connection status.
    static QString describe(const QList<QSslError> &errors);
    // What to do about a refused certificate, appended to the reasons.
    static QString advice();

    // Reads a PEM file of CA certificates. false and *error when unreadable, not PEM or empty.
    static bool readCaFile(const QString &path, QList<QSslCertificate> *certificates, QString *error);
#endif
    // Checks a CA file the way the policy will read it (for the settings): "" when usable.
    static QString checkCaFile(const QString &path);

private:
    bool m_verifyPeer = true;
    QString m_error;
#if QT_CONFIG(ssl)
    QSslConfiguration m_configuration;
#endif
};
