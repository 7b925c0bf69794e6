#include "core/config/ConnectionProfileStore.h"

#include "core/config/PasswordFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

constexpr QLatin1StringView s_group("connectionProfiles");
constexpr auto s_fileMode = QFile::ReadOwner | QFile::WriteOwner;
constexpr auto s_directoryMode = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

QString kindName(ConnectionProfile::Kind kind)
{
    return kind == ConnectionProfile::Kind::Service ? u"service"_s : u"ari"_s;
}

} // namespace

ConnectionProfileStore::ConnectionProfileStore(QSettings *settings, const QString &passwordDirectory)
    : m_settings(settings)
    , m_passwordDirectory(passwordDirectory)
{
}

QString ConnectionProfileStore::defaultPasswordDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/passwords"_s;
}

QStringList ConnectionProfileStore::names() const
{
    m_settings->beginGroup(s_group);
    QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    names.sort(Qt::CaseInsensitive);
    return names;
}

std::optional<ConnectionProfile> ConnectionProfileStore::profile(const QString &name) const
{
    if (!names().contains(name))
        return std::nullopt;
    m_settings->beginGroup(s_group + u'/' + name);
    ConnectionProfile profile;
    profile.name = name;
    profile.kind = m_settings->value(u"kind"_s).toString() == "service"_L1 ? ConnectionProfile::Kind::Service
                                                                           : ConnectionProfile::Kind::Ari;
    profile.ariUrl = m_settings->value(u"ariUrl"_s).toString();
    profile.user = m_settings->value(u"user"_s).toString();
    profile.vmRecordApp = m_settings->value(u"vmRecordApp"_s, profile.vmRecordApp).toString();
    profile.vmPlaybackApp = m_settings->value(u"vmPlaybackApp"_s, profile.vmPlaybackApp).toString();
    profile.queueApp = m_settings->value(u"queueApp"_s, profile.queueApp).toString();
    profile.serviceUrl = m_settings->value(u"serviceUrl"_s).toString();
    m_settings->endGroup();
    return profile;
}

bool ConnectionProfileStore::save(
    const ConnectionProfile &profile, const std::optional<QString> &password, QString *error)
{
    const auto problems = profile.validate();
    if (!problems.isEmpty()) {
        *error = problems.cbegin().value();
        return false;
    }
    if (password && !writePassword(profile.name, *password, error))
        return false;
    m_settings->beginGroup(s_group + u'/' + profile.name);
    m_settings->remove(QString()); // fields of the other kind go
    m_settings->setValue(u"kind"_s, kindName(profile.kind));
    m_settings->setValue(u"user"_s, profile.user);
    if (profile.kind == ConnectionProfile::Kind::Ari) {
        m_settings->setValue(u"ariUrl"_s, profile.ariUrl.trimmed());
        m_settings->setValue(u"vmRecordApp"_s, profile.vmRecordApp);
        m_settings->setValue(u"vmPlaybackApp"_s, profile.vmPlaybackApp);
        m_settings->setValue(u"queueApp"_s, profile.queueApp);
    } else {
        m_settings->setValue(u"serviceUrl"_s, profile.serviceUrl.trimmed());
    }
    m_settings->endGroup();
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        *error = QObject::tr("The profile could not be written to %1.").arg(m_settings->fileName());
        return false;
    }
    return true;
}

bool ConnectionProfileStore::remove(const QString &name, QString *error)
{
    m_settings->remove(s_group + u'/' + name);
    m_settings->sync();
    QFile file(passwordFile(name));
    if (file.exists() && !file.remove()) {
        *error = QObject::tr("The password file %1 could not be removed: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

QString ConnectionProfileStore::passwordFile(const QString &name) const
{
    // Named after the profile's name in hex: any name gives a plain, distinct file name.
    return m_passwordDirectory + u'/' + QString::fromLatin1(name.toUtf8().toHex()) + u".password"_s;
}

bool ConnectionProfileStore::hasPassword(const QString &name) const
{
    return QFileInfo::exists(passwordFile(name));
}

std::optional<QString> ConnectionProfileStore::password(const QString &name) const
{
    // Read as every password file is (PasswordFile): the first line exactly as written.
    QString password;
    QString error;
    if (!PasswordFile::read(passwordFile(name), &password, &error))
        return std::nullopt;
    return password;
}

bool ConnectionProfileStore::writePassword(const QString &name, const QString &password, QString *error) const
{
    if (password.contains(u'\n') || password.contains(u'\r')) {
        *error = QObject::tr("A password cannot contain a line break.");
        return false;
    }
    if (password.toUtf8().size() > PasswordFile::s_maxBytes) {
        *error = QObject::tr("A password is at most %1 bytes long.").arg(PasswordFile::s_maxBytes);
        return false;
    }
    QDir directory(m_passwordDirectory);
    if (!directory.exists() && !QDir().mkpath(m_passwordDirectory)) {
        *error = QObject::tr("The directory %1 could not be made.").arg(m_passwordDirectory);
        return false;
    }
    QFile::setPermissions(m_passwordDirectory, s_directoryMode);
    // Written to a new file made with mode 0600 from the start, then moved over the old one: the
    // password is never in a file others can read, and a failed write leaves the old one whole.
    const QString target = passwordFile(name);
    QFile file(target + u".new"_s);
    file.remove();
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, s_fileMode)) {
        *error = QObject::tr("The password file %1 could not be written: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    const QByteArray bytes = password.toUtf8() + '\n';
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        *error = QObject::tr("The password file %1 could not be written: %2").arg(file.fileName(), file.errorString());
        file.remove();
        return false;
    }
    file.close();
    QFile::remove(target);
    if (!file.rename(target)) {
        *error = QObject::tr("The password file %1 could not be written: %2").arg(target, file.errorString());
        file.remove();
        return false;
    }
    return true;
}
