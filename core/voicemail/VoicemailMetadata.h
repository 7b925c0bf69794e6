#pragma once

#include <QHash>
#include <QString>

#include <memory>
#include <optional>

class QSqlQuery;

// What Asterisk does not keep about a voicemail message (SPEC VM-1): who called, when, how long,
// and whether it was heard. One row per stored recording, by recording name; a message in the
// trash has the row of its trash recording ("voicemail-trash/305/…") with the time of the delete.
struct VoicemailMetadataRow
{
    QString name; // the recording name ("voicemail/305/1796574506668")
    QString callerName;
    QString callerNumber;
    qint64 receivedMs = -1; // ms since the epoch; -1 unknown
    std::optional<int> durationSeconds;
    bool heard = false;
    qint64 deletedMs = -1; // when it was moved to the trash (SPEC VM-3); -1: not deleted

    friend bool operator==(const VoicemailMetadataRow &, const VoicemailMetadataRow &) = default;
};

// The voicemail metadata in an SQLite database (Qt SQL, driver QSQLITE). The schema is versioned:
// a table `schema_version` holds one row with the version of the file; open() upgrades an older
// file step by step, in one transaction per step, and refuses a newer one (it is never changed).
// Reads happen once (readAll() at start); each write is one statement on one row, made when a
// message changes, never per event; the two writing statements are prepared once, when the file
// opens (preparing one took two thirds of a write). Lives on one thread (a Qt SQL connection must).
class VoicemailMetadata final
{
    Q_DISABLE_COPY_MOVE(VoicemailMetadata)

public:
    // 1: messages; 2: messages.deleted_ms (the trash).
    static constexpr int s_schemaVersion = 2;
    // The database's name in the state directory (`[service] state_dir`).
    static QString fileName() { return QStringLiteral("voicemail.sqlite"); }

    VoicemailMetadata();
    ~VoicemailMetadata();

    // Opens (or creates) the database at `filePath`; an empty path keeps it in memory only.
    // False with a message in `error` when it cannot be opened or upgraded.
    bool open(const QString &filePath, QString *error);
    bool isOpen() const { return m_open; }
    QString filePath() const { return m_filePath; }
    int schemaVersion() const; // of the open file (s_schemaVersion once open() succeeded)

    QHash<QString, VoicemailMetadataRow> readAll() const;
    // Inserts or replaces the row of `row.name`. False (logged) on a database error.
    bool put(const VoicemailMetadataRow &row);
    bool remove(const QString &name);

private:
    bool migrate(QString *error);
    bool exec(const QString &statement, QString *error);
    static void prepareAgain(QSqlQuery &query, const QString &statement);

    QString m_connection; // the Qt SQL connection's name, unique per instance
    std::unique_ptr<QSqlQuery> m_put; // prepared on open(); gone before the connection closes
    std::unique_ptr<QSqlQuery> m_remove;
    QString m_filePath;
    bool m_open = false;
};
