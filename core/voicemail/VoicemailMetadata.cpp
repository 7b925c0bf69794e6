#include "core/voicemail/VoicemailMetadata.h"

#include "core/voicemail/VoicemailStore.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {

const QString s_putStatement = QStringLiteral("INSERT OR REPLACE INTO messages (name, caller_name, caller_number, "
                                              "received_ms, duration_s, heard, deleted_ms) VALUES (?, ?, ?, ?, ?, ?, ?)");
const QString s_removeStatement = QStringLiteral("DELETE FROM messages WHERE name = ?");

QAtomicInteger<quint64> s_nextConnection { 1 };

// Each step takes the schema from version N - 1 to N (index N - 1). Version 1 creates the tables.
const QStringList &migrationStep(int toVersion)
{
    static const QList<QStringList> steps {
        {
            u"CREATE TABLE messages ("
            "name TEXT PRIMARY KEY NOT NULL, "
            "caller_name TEXT NOT NULL DEFAULT '', "
            "caller_number TEXT NOT NULL DEFAULT '', "
            "received_ms INTEGER NOT NULL DEFAULT -1, "
            "duration_s INTEGER, "
            "heard INTEGER NOT NULL DEFAULT 0)"_s,
        },
        {
            u"ALTER TABLE messages ADD COLUMN deleted_ms INTEGER"_s,
        },
    };
    return steps.at(toVersion - 1);
}

} // namespace

VoicemailMetadata::VoicemailMetadata()
    : m_connection(u"voicemail-metadata-%1"_s.arg(s_nextConnection.fetchAndAddRelaxed(1)))
{
}

VoicemailMetadata::~VoicemailMetadata()
{
    m_put.reset();
    m_remove.reset();
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase database = QSqlDatabase::database(m_connection, false);
            database.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool VoicemailMetadata::open(const QString &filePath, QString *error)
{
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s)) {
        *error = u"the Qt SQL driver for SQLite (QSQLITE, Debian package libqt6sql6-sqlite) is not installed"_s;
        return false;
    }
    m_filePath = filePath;
    QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    database.setDatabaseName(filePath.isEmpty() ? u":memory:"_s : filePath);
    if (!database.open()) {
        *error = u"cannot open %1: %2"_s.arg(filePath, database.lastError().text());
        return false;
    }
    if (!migrate(error)) {
        database.close();
        return false;
    }
    m_put = std::make_unique<QSqlQuery>(database);
    m_remove = std::make_unique<QSqlQuery>(database);
    if (!m_put->prepare(s_putStatement) || !m_remove->prepare(s_removeStatement)) {
        *error = u"cannot prepare the statements of %1: %2"_s.arg(
            filePath, (m_put->lastError().isValid() ? m_put->lastError() : m_remove->lastError()).text());
        m_put.reset();
        m_remove.reset();
        database.close();
        return false;
    }
    m_open = true;
    return true;
}

// A statement that failed may have been finalized by the driver (a value that could not be bound,
// a statement that could not be reset): prepared anew, the next write does not inherit the failure.
void VoicemailMetadata::prepareAgain(QSqlQuery &query, const QString &statement)
{
    if (!query.prepare(statement))
        qCWarning(lcVoicemail).noquote() << "preparing a metadata statement again failed:" << query.lastError().text();
}

bool VoicemailMetadata::exec(const QString &statement, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (query.exec(statement))
        return true;
    *error = query.lastError().text();
    return false;
}

int VoicemailMetadata::schemaVersion() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(u"SELECT version FROM schema_version"_s) || !query.next())
        return 0;
    return query.value(0).toInt();
}

bool VoicemailMetadata::migrate(QString *error)
{
    QString failure;
    if (!exec(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s, &failure)) {
        *error = u"cannot create the schema table in %1: %2"_s.arg(m_filePath, failure);
        return false;
    }
    const int found = schemaVersion();
    if (found > s_schemaVersion) {
        *error = u"%1 has schema version %2, newer than this program's %3: it is left untouched"_s.arg(
            m_filePath, QString::number(found), QString::number(s_schemaVersion));
        return false;
    }
    QSqlDatabase database = QSqlDatabase::database(m_connection, false);
    for (int version = found + 1; version <= s_schemaVersion; ++version) {
        database.transaction();
        bool ok = true;
        for (const QString &statement : migrationStep(version)) {
            if (!exec(statement, &failure)) {
                ok = false;
                break;
            }
        }
        if (ok) {
            ok = exec(version == 1 ? u"INSERT INTO schema_version (version) VALUES (1)"_s
                                   : u"UPDATE schema_version SET version = %1"_s.arg(version),
                &failure);
        }
        if (!ok) {
            database.rollback();
            *error
                = u"upgrading %1 to schema version %2 failed: %3"_s.arg(m_filePath, QString::number(version), failure);
            return false;
        }
        database.commit();
        if (found > 0)
            qCInfo(lcVoicemail).noquote()
                << "voicemail metadata" << m_filePath << "upgraded to schema version" << version;
    }
    return true;
}

QHash<QString, VoicemailMetadataRow> VoicemailMetadata::readAll() const
{
    QHash<QString, VoicemailMetadataRow> rows;
    if (!m_open)
        return rows;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT name, caller_name, caller_number, received_ms, duration_s, heard, deleted_ms FROM messages"_s)) {
        qCWarning(lcVoicemail).noquote() << "reading the voicemail metadata failed:" << query.lastError().text();
        return rows;
    }
    while (query.next()) {
        VoicemailMetadataRow row;
        row.name = query.value(0).toString();
        row.callerName = query.value(1).toString();
        row.callerNumber = query.value(2).toString();
        row.receivedMs = query.value(3).toLongLong();
        if (!query.isNull(4))
            row.durationSeconds = query.value(4).toInt();
        row.heard = query.value(5).toInt() != 0;
        if (!query.isNull(6))
            row.deletedMs = query.value(6).toLongLong();
        rows.insert(row.name, row);
    }
    return rows;
}

bool VoicemailMetadata::put(const VoicemailMetadataRow &row)
{
    if (!m_open)
        return false;
    QSqlQuery &query = *m_put;
    query.bindValue(0, row.name);
    query.bindValue(1, row.callerName);
    query.bindValue(2, row.callerNumber);
    query.bindValue(3, row.receivedMs);
    query.bindValue(4, row.durationSeconds ? QVariant(*row.durationSeconds) : QVariant(QMetaType::fromType<int>()));
    query.bindValue(5, row.heard ? 1 : 0);
    query.bindValue(6, row.deletedMs >= 0 ? QVariant(row.deletedMs) : QVariant(QMetaType::fromType<qint64>()));
    const bool written = query.exec();
    if (!written) {
        qCWarning(lcVoicemail).noquote() << "writing the metadata of" << row.name << "failed:" << query.lastError().text();
        prepareAgain(query, s_putStatement);
    }
    query.finish();
    return written;
}

bool VoicemailMetadata::remove(const QString &name)
{
    if (!m_open)
        return false;
    QSqlQuery &query = *m_remove;
    query.bindValue(0, name);
    const bool removed = query.exec();
    if (!removed) {
        qCWarning(lcVoicemail).noquote() << "removing the metadata of" << name << "failed:" << query.lastError().text();
        prepareAgain(query, s_removeStatement);
    }
    query.finish();
    return removed;
}
