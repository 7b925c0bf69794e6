#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

// What a test sees of one HTTP exchange with the simulator: status, headers, raw body and,
// when the body is JSON, the parsed document.
struct RestReply
{
    int status = 0;                 // HTTP status; 0 when no HTTP answer arrived
    QString networkError;           // set when the request did not complete at transport level
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased, in arrival order
    QByteArray body;
    QJsonDocument json;             // null when the body is not JSON
    bool timedOut = false;

    bool isJson() const { return !json.isNull(); }
    QJsonObject object() const { return json.object(); }
    QJsonArray array() const { return json.array(); }
    // The "message" field of an ARI error body ({"message": "..."}).
    QString message() const;
    // Header value by (case-insensitive) name; empty when absent.
    QByteArray header(const QByteArray &name) const;
    // One line for diagnostics: "<status> <body>".
    QByteArray describe() const;
};
