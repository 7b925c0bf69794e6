#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

// One ARI REST operation, built by the functions in AriOperations.h and sent by AriRestClient.
// `pathTemplate` is the Swagger path (e.g. "/channels/{channelId}/play/{playbackId}") and `path`
// the same with the parameters filled in and percent-encoded (a recording name's '/' is sent as
// %2F, as Asterisk requires). The query holds only parameters that were given.
struct AriRequest
{
    enum class Method { Get, Post, Put, Delete };

    Method method = Method::Get;
    QString operation;    // the Swagger nickname, e.g. "playWithId"
    QString pathTemplate; // "/channels/{channelId}/play/{playbackId}"
    QString path;         // "/channels/abc/play/pb-1" (encoded, relative to the base URL)
    QUrlQuery query;
    QJsonObject body;     // sent as JSON when not empty (originate's "variables", setVariable …)
    bool binary = false;  // the response is a file (recordings/stored/{name}/file)
    // With `binary`: a 2xx answer's body goes to this file as it arrives, never whole into memory.
    // The file appears (or is replaced) only once the answer is complete; a failure midway leaves
    // what was there before. The result's body is then empty.
    QString saveTo;

    static QString methodName(Method method);

    // The query exactly as it goes on the wire: every key and value fully percent-encoded
    // (only A-Z a-z 0-9 - . _ ~ stay as they are), in the order the items were added.
    QString encodedQuery() const;
    // `path` plus `?` and encodedQuery() when there is a query.
    QString target() const;
    // "POST /channels/abc/play?media=sound%3Abeep": for logs (a request carries no credentials).
    QString describe() const;
};
