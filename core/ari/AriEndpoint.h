#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

// Where and how to reach one Asterisk's ARI: the server's URL, the credentials, the TLS settings
// and the Stasis application names the event socket registers. The password never appears in a
// URL that is logged (see AriEndpoint::redactedUrl).
//
// The URL may name the server (http://pbx:8088, as the usual ARI client libraries take it) or ARI
// itself (http://pbx:8088/ari, or …/<prefix>/ari behind an http.conf prefix or a proxy): a URL
// with no path gets "/ari" (SPEC CN-4).
struct AriEndpoint
{
    // How REST requests travel (SPEC CN-1): on the event WebSocket when the server accepts them
    // there (Asterisk 22.4+, 21.9+, 20.14+), over HTTP otherwise; or always one of the two.
    // A stored recording's file is always downloaded over HTTP.
    enum class RestTransport { Auto, WebSocket, Http };

    QUrl baseUrl; // e.g. http://127.0.0.1:8088/ari or http://127.0.0.1:8088 (https for TLS)
    QString user;
    QString password;
    bool useApiKey = false; // send api_key=user:password instead of HTTP basic auth
    bool verifyPeer = true; // TLS certificate verification (https/wss)
    QString caFile; // PEM file of CAs trusted besides the system's (https/wss)
    int requestTimeoutMs = 10000;
    RestTransport restTransport = RestTransport::Auto;
    // Limits (SPEC CN-7): a larger event frame closes the socket without keeping the frame (then
    // reconnects); a larger REST answer body is abandoned and the call fails. Both are logged.
    qint64 maxEventFrameBytes = 16 * 1024 * 1024;
    qint64 maxBodyBytes = 256 * 1024 * 1024;
    QStringList applications;
    bool subscribeAll = false;

    // The REST base: baseUrl without credentials, query or trailing '/', "/ari" added to a URL
    // that has no path.
    QUrl restUrl() const;
    // The event socket URL: ws(s)://host:port/ari/events?app=a,b[&subscribeAll=true][&api_key=…]
    QUrl eventsUrl() const;
    // A URL safe to print: no credentials.
    QString redactedUrl() const;
    // What to tell the user when the server answers 404 where ARI should be: the URL forms to try.
    QString notFoundAdvice() const;

    // "auto", "websocket", "http"; parseRestTransport() returns false for anything else.
    static QString restTransportName(RestTransport transport);
    static bool parseRestTransport(const QString &name, RestTransport *transport);
};
