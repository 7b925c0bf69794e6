#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

// Where and how to reach one Asterisk's ARI: the REST base URL (…/ari), the credentials and the
// Stasis application names the event socket registers. The password never appears in a URL that
// is logged (see AriEndpoint::redactedUrl).
struct AriEndpoint
{
    QUrl baseUrl; // e.g. http://127.0.0.1:8088/ari (https for TLS)
    QString user;
    QString password;
    bool useApiKey = false; // send api_key=user:password instead of HTTP basic auth
    bool verifyPeer = true; // TLS certificate verification (https/wss)
    int requestTimeoutMs = 10000;
    QStringList applications;
    bool subscribeAll = false;

    // The event socket URL: ws(s)://host:port/ari/events?app=a,b[&subscribeAll=true][&api_key=…]
    QUrl eventsUrl() const;
    // A URL safe to print: no credentials.
    QString redactedUrl() const;
};
