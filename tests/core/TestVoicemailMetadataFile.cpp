#include "core/voicemail/VoicemailMetadata.h"

#include <QSqlDatabase>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

VoicemailMetadataRow sampleRow(const QString &name)
{
    VoicemailMetadataRow row;
    row.name = name;
    row.callerName = u"Zoë O'Brien"_s; // quotes and non-ASCII survive
    row.callerNumber = u"+33 1 23 45 67 89"_s;
    row.receivedMs = 1796574506668;
    row.durationSeconds = 17;
    row.heard = true;
    row.deletedMs = 1796600000000;
    return row;
}

// Runs SQL on a file through a connection of its own (to build old files and look inside).
class RawFile
{
public:
    explicit RawFile(const QString &path)
        : m_name(u"raw-"_s + path)
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        database.setDatabaseName(path);
        m_open = database.open();
    }
    ~RawFile()
    {
        {
            QSqlDatabase database = QSqlDatabase::database(m_name, false);
            database.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawFile(const RawFile &) = delete;
    RawFile &operator=(const RawFile &) = delete;

    bool isOpen() const { return m_open; }
    bool exec(const QString &statement)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        return query.exec(statement);
    }
    QVariant value(const QString &statement)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(statement) || !query.next())
            return {};
        return query.value(0);
    }

private:
    QString m_name;
    bool m_open = false;
};

} // namespace

// The SQLite file of the voicemail metadata (SPEC VM-1): created with the current schema, rows
// written and read back (also by a later instance), a file of a newer schema refused untouched.
class TestVoicemailMetadataFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void createsTheCurrentSchema();
    void rowsSurviveReopening();
    void unknownDurationStaysUnknown();
    void removeDropsOneRow();
    void aFailedWriteDoesNotBreakTheNext();
    void upgradesVersion1KeepingItsRows();
    void newerSchemaIsRefusedUntouched();
    void inMemoryWithoutAPath();
    void unwritableLocationIsAnError();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
};

void TestVoicemailMetadataFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_file = m_dir->filePath(u"voicemail.sqlite"_s);
}

void TestVoicemailMetadataFile::createsTheCurrentSchema()
{
    VoicemailMetadata metadata;
    QString error;
    QVERIFY2(metadata.open(m_file, &error), qPrintable(error));
    QVERIFY(metadata.isOpen());
    QCOMPARE(metadata.schemaVersion(), VoicemailMetadata::s_schemaVersion);
    QVERIFY(metadata.readAll().isEmpty());
    RawFile raw(m_file);
    QVERIFY(raw.isOpen());
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM schema_version"_s).toInt(), 1);
}

void TestVoicemailMetadataFile::rowsSurviveReopening()
{
    const VoicemailMetadataRow row = sampleRow(u"voicemail/305/1796574506668"_s);
    {
        VoicemailMetadata metadata;
        QString error;
        QVERIFY2(metadata.open(m_file, &error), qPrintable(error));
        QVERIFY(metadata.put(row));
        VoicemailMetadataRow changed = row;
        changed.heard = false;
        QVERIFY(metadata.put(changed)); // replaces
        QVERIFY(metadata.put(row));
    }
    VoicemailMetadata again;
    QString error;
    QVERIFY2(again.open(m_file, &error), qPrintable(error));
    const QHash<QString, VoicemailMetadataRow> rows = again.readAll();
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.value(row.name) == row);
}

void TestVoicemailMetadataFile::unknownDurationStaysUnknown()
{
    VoicemailMetadata metadata;
    QString error;
    QVERIFY2(metadata.open(m_file, &error), qPrintable(error));
    VoicemailMetadataRow row = sampleRow(u"voicemail/305/1"_s);
    row.durationSeconds.reset();
    row.callerName.clear();
    row.callerNumber.clear();
    row.receivedMs = -1;
    row.heard = false;
    row.deletedMs = -1;
    QVERIFY(metadata.put(row));
    const VoicemailMetadataRow read = metadata.readAll().value(row.name);
    QVERIFY(!read.durationSeconds.has_value());
    QVERIFY(read == row);
}

void TestVoicemailMetadataFile::removeDropsOneRow()
{
    VoicemailMetadata metadata;
    QString error;
    QVERIFY2(metadata.open(m_file, &error), qPrintable(error));
    QVERIFY(metadata.put(sampleRow(u"voicemail/305/1"_s)));
    QVERIFY(metadata.put(sampleRow(u"voicemail/305/2"_s)));
    QVERIFY(metadata.remove(u"voicemail/305/1"_s));
    QVERIFY(metadata.remove(u"voicemail/305/404"_s)); // nothing to remove is no error
    QCOMPARE(metadata.readAll().keys(), QStringList { u"voicemail/305/2"_s });
}

// The writing statements are prepared once and used again: a write the database refuses (here a row
// without a name, against its NOT NULL) must leave them usable for the writes after it.
void TestVoicemailMetadataFile::aFailedWriteDoesNotBreakTheNext()
{
    VoicemailMetadata metadata;
    QString error;
    QVERIFY2(metadata.open(m_file, &error), qPrintable(error));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^writing the metadata of .* failed"_s));
    QVERIFY(!metadata.put(sampleRow(QString())));
    QVERIFY(metadata.put(sampleRow(u"voicemail/305/1"_s)));
    QVERIFY(metadata.put(sampleRow(u"voicemail/305/2"_s)));
    QVERIFY(metadata.remove(u"voicemail/305/1"_s));
    QCOMPARE(metadata.readAll().keys(), QStringList { u"voicemail/305/2"_s });
}

void TestVoicemailMetadataFile::upgradesVersion1KeepingItsRows()
{
    {
        // A file as the first version wrote it.
        RawFile raw(m_file);
        QVERIFY(raw.isOpen());
        QVERIFY(raw.exec(u"CREATE TABLE schema_version (version INTEGER NOT NULL)"_s));
        QVERIFY(raw.exec(u"INSERT INTO schema_version (version) VALUES (1)"_s));
        QVERIFY(raw.exec(u"CREATE TABLE messages (name TEXT PRIMARY KEY NOT NULL, caller_name TEXT NOT NULL DEFAULT '', "
                         "caller_number TEXT NOT NULL DEFAULT '', received_ms INTEGER NOT NULL DEFAULT -1, "
                         "duration_s INTEGER, heard INTEGER NOT NULL DEFAULT 0)"_s));
        QVERIFY(raw.exec(u"INSERT INTO messages VALUES ('voicemail/305/1796574506668', 'Alice', '2001', "
                         "1796574506668, 12, 1)"_s));
    }
    VoicemailMetadata metadata;
    QString error;
    QVERIFY2(metadata.open(m_file, &error), qPrintable(error));
    QCOMPARE(metadata.schemaVersion(), 2);
    const QHash<QString, VoicemailMetadataRow> rows = metadata.readAll();
    QCOMPARE(rows.size(), 1);
    const VoicemailMetadataRow row = rows.value(u"voicemail/305/1796574506668"_s);
    QCOMPARE(row.callerName, u"Alice"_s);
    QCOMPARE(row.callerNumber, u"2001"_s);
    QCOMPARE(row.receivedMs, 1796574506668);
    QCOMPARE(row.durationSeconds, std::optional<int>(12));
    QVERIFY(row.heard);
    QCOMPARE(row.deletedMs, -1); // not in the trash
    // The new column is usable.
    VoicemailMetadataRow trashed = row;
    trashed.name = u"voicemail-trash/305/1796574506668"_s;
    trashed.deletedMs = 1796600000000;
    QVERIFY(metadata.put(trashed));
    QCOMPARE(metadata.readAll().value(trashed.name).deletedMs, 1796600000000);
    RawFile raw(m_file);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM schema_version"_s).toInt(), 1);
}

void TestVoicemailMetadataFile::newerSchemaIsRefusedUntouched()
{
    {
        RawFile raw(m_file);
        QVERIFY(raw.isOpen());
        QVERIFY(raw.exec(u"CREATE TABLE schema_version (version INTEGER NOT NULL)"_s));
        QVERIFY(raw.exec(
            u"INSERT INTO schema_version (version) VALUES (%1)"_s.arg(VoicemailMetadata::s_schemaVersion + 1)));
        QVERIFY(raw.exec(u"CREATE TABLE future (x INTEGER)"_s));
    }
    VoicemailMetadata metadata;
    QString error;
    QVERIFY(!metadata.open(m_file, &error));
    QVERIFY(!metadata.isOpen());
    QVERIFY2(error.contains(u"newer"_s), qPrintable(error));
    QVERIFY(!metadata.put(sampleRow(u"voicemail/305/1"_s)));
    RawFile raw(m_file);
    QCOMPARE(raw.value(u"SELECT version FROM schema_version"_s).toInt(), VoicemailMetadata::s_schemaVersion + 1);
    QVERIFY(!raw.value(u"SELECT COUNT(*) FROM messages"_s).isValid()); // no table was added
}

void TestVoicemailMetadataFile::inMemoryWithoutAPath()
{
    VoicemailMetadata metadata;
    QString error;
    QVERIFY2(metadata.open(QString(), &error), qPrintable(error));
    QVERIFY(metadata.put(sampleRow(u"voicemail/305/1"_s)));
    QCOMPARE(metadata.readAll().size(), 1);
    VoicemailMetadata other; // another in-memory database: shares nothing
    QVERIFY2(other.open(QString(), &error), qPrintable(error));
    QVERIFY(other.readAll().isEmpty());
}

void TestVoicemailMetadataFile::unwritableLocationIsAnError()
{
    VoicemailMetadata metadata;
    QString error;
    QVERIFY(!metadata.open(m_dir->filePath(u"missing/directory/voicemail.sqlite"_s), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!metadata.isOpen());
}

QTEST_GUILESS_MAIN(TestVoicemailMetadataFile)
#include "TestVoicemailMetadataFile.moc"
