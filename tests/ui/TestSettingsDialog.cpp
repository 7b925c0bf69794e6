#include "core/config/ConnectionProfileStore.h"
#include "ui/SettingsDialog.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

// The settings dialog (SPEC UX-6) filled in as a user does, with the mouse and the keyboard:
// errors show under the field as it is typed, Save stays off until everything is right, and a
// saved profile is in QSettings with its password in a file only the user can read.
class TestSettingsDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void anAriProfileIsCheckedAndSaved();
    void aServiceProfileAndEditingKeepsThePassword();
    void waitThresholdsAreCheckedAndSaved();

private:
    template <typename T> T *child(const QString &name) const
    {
        T *found = m_dialog->findChild<T *>(name);
        if (!found)
            qWarning("no child %s", qPrintable(name));
        return found;
    }
    void openDialog();
    // Clicks into a field, selects what is there and types `text` over it.
    void typeInto(const QString &field, const QString &text);
    void click(const QString &name);
    bool errorShown(const QString &field) const;
    static int mode(const QString &path);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ConnectionProfileStore> m_store;
    std::unique_ptr<SettingsDialog> m_dialog;
};

void TestSettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(m_dir->filePath(u"settings.ini"_s), QSettings::IniFormat);
    m_store = std::make_unique<ConnectionProfileStore>(m_settings.get(), m_dir->filePath(u"passwords"_s));
    openDialog();
}

void TestSettingsDialog::cleanup()
{
    m_dialog.reset();
    m_store.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestSettingsDialog::openDialog()
{
    m_dialog = std::make_unique<SettingsDialog>(m_store.get());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    m_dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
}

void TestSettingsDialog::typeInto(const QString &field, const QString &text)
{
    auto *edit = child<QLineEdit>(field);
    QVERIFY(edit);
    QVERIFY2(edit->isVisible(), qPrintable(field));
    QTest::mouseClick(edit, Qt::LeftButton);
    QVERIFY(edit->hasFocus());
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
    QCOMPARE(edit->text(), text);
}

void TestSettingsDialog::click(const QString &name)
{
    auto *button = child<QAbstractButton>(name);
    QVERIFY(button);
    QVERIFY2(button->isEnabled(), qPrintable(name));
    QTest::mouseClick(button, Qt::LeftButton, {}, button->rect().center());
}

bool TestSettingsDialog::errorShown(const QString &field) const
{
    const auto *error = m_dialog->findChild<QLabel *>(field + u"Error"_s);
    return error && error->isVisible() && !error->text().isEmpty();
}

int TestSettingsDialog::mode(const QString &path)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
}

void TestSettingsDialog::anAriProfileIsCheckedAndSaved()
{
    auto *save = child<QPushButton>(u"saveProfile"_s);
    // An empty form: what is missing is said, and Save is off.
    QVERIFY(!save->isEnabled());
    QVERIFY(errorShown(u"profileName"_s));
    QVERIFY(errorShown(u"ariUrl"_s));

    typeInto(u"profileName"_s, u"Head office"_s);
    QVERIFY(!errorShown(u"profileName"_s));
    // Not a URL: said under the field as it is typed.
    typeInto(u"ariUrl"_s, u"pbx:8088"_s);
    QVERIFY(errorShown(u"ariUrl"_s));
    QVERIFY(!save->isEnabled());
    typeInto(u"ariUrl"_s, u"http://admin:pw@pbx.example:8088/ari"_s);
    QVERIFY(errorShown(u"ariUrl"_s)); // no credentials in the URL
    QVERIFY2(child<QLabel>(u"ariUrlError"_s)->text().contains(u"no user or password"_s),
        qPrintable(child<QLabel>(u"ariUrlError"_s)->text()));
    typeInto(u"ariUrl"_s, u"http://pbx.example:8088/ari"_s);
    QVERIFY(!errorShown(u"ariUrl"_s));
    typeInto(u"profileUser"_s, u"supervisor"_s);
    // Spaces around a password are part of it: the file gives it back exactly as typed.
    typeInto(u"profilePassword"_s, u" s3cr et! "_s);
    typeInto(u"queueApp"_s, u"my queue"_s);
    QVERIFY(errorShown(u"queueApp"_s));
    QVERIFY(!save->isEnabled());
    typeInto(u"queueApp"_s, u"my-queue"_s);
    QVERIFY(!errorShown(u"queueApp"_s));
    QVERIFY(save->isEnabled());
    click(u"saveProfile"_s);

    QVERIFY2(child<QLabel>(u"profileStatus"_s)->text().startsWith(u"Saved."_s),
        qPrintable(child<QLabel>(u"profileStatus"_s)->text()));
    QCOMPARE(m_store->names(), QStringList { u"Head office"_s });
    const std::optional<ConnectionProfile> saved = m_store->profile(u"Head office"_s);
    QVERIFY(saved);
    QCOMPARE(saved->kind, ConnectionProfile::Kind::Ari);
    QCOMPARE(saved->ariUrl, u"http://pbx.example:8088/ari"_s);
    QCOMPARE(saved->user, u"supervisor"_s);
    QCOMPARE(saved->vmRecordApp, u"vm-record"_s);
    QCOMPARE(saved->vmPlaybackApp, u"vm-playback"_s);
    QCOMPARE(saved->queueApp, u"my-queue"_s);
    // In the INI file as plain keys, and the password nowhere in it.
    QFile ini(m_settings->fileName());
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray iniText = ini.readAll();
    QVERIFY2(iniText.contains("queueApp=my-queue"), iniText.constData());
    QVERIFY(!iniText.contains("s3cr"));
    // The password: its own file, readable by the user only, in a directory only the user opens.
    const QString passwordFile = m_store->passwordFile(u"Head office"_s);
    QFile file(passwordFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray(" s3cr et! \n"));
    QCOMPARE(mode(passwordFile), 0600);
    QCOMPARE(mode(m_dir->filePath(u"passwords"_s)), 0700);
    QCOMPARE(m_store->password(u"Head office"_s), std::optional<QString>(u" s3cr et! "_s));
}

void TestSettingsDialog::aServiceProfileAndEditingKeepsThePassword()
{
    typeInto(u"profileName"_s, u"Office"_s);
    typeInto(u"ariUrl"_s, u"https://pbx.example:8089/ari"_s);
    typeInto(u"profileUser"_s, u"asterisk"_s);
    typeInto(u"profilePassword"_s, u"first"_s);
    click(u"saveProfile"_s);
    QCOMPARE(m_store->names(), QStringList { u"Office"_s });

    // A second profile, attached to a service: the ARI fields go, the service URL comes.
    click(u"newProfile"_s);
    QCOMPARE(child<QLineEdit>(u"profileName"_s)->text(), QString());
    typeInto(u"profileName"_s, u"Wallboard desk"_s);
    click(u"kindService"_s);
    QVERIFY(!child<QLineEdit>(u"ariUrl"_s)->isVisible());
    QVERIFY(!child<QLineEdit>(u"queueApp"_s)->isVisible());
    typeInto(u"serviceUrl"_s, u"http://supervisor.example:8089"_s);
    QVERIFY(errorShown(u"serviceUrl"_s)); // a service is reached over ws:// or wss://
    typeInto(u"serviceUrl"_s, u"wss://supervisor.example:8089"_s);
    QVERIFY(!errorShown(u"serviceUrl"_s));
    typeInto(u"profileUser"_s, u"boss"_s);
    typeInto(u"profilePassword"_s, u"desk-secret"_s);
    click(u"saveProfile"_s);
    QCOMPARE(m_store->names(), (QStringList { u"Office"_s, u"Wallboard desk"_s }));
    const std::optional<ConnectionProfile> desk = m_store->profile(u"Wallboard desk"_s);
    QVERIFY(desk);
    QCOMPARE(desk->kind, ConnectionProfile::Kind::Service);
    QCOMPARE(desk->serviceUrl, u"wss://supervisor.example:8089"_s);
    QCOMPARE(desk->user, u"boss"_s);
    QCOMPARE(mode(m_store->passwordFile(u"Wallboard desk"_s)), 0600);

    // Opened again: both listed; editing a field and saving keeps the stored password.
    openDialog();
    auto *list = child<QListWidget>(u"profileList"_s);
    QCOMPARE(list->count(), 2);
    const QList<QListWidgetItem *> office = list->findItems(u"Office"_s, Qt::MatchExactly);
    QCOMPARE(office.size(), 1);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(office.first()).center());
    QCOMPARE(child<QLineEdit>(u"ariUrl"_s)->text(), u"https://pbx.example:8089/ari"_s);
    QVERIFY(child<QLineEdit>(u"profilePassword"_s)->text().isEmpty());
    typeInto(u"profileUser"_s, u"asterisk2"_s);
    click(u"saveProfile"_s);
    QCOMPARE(m_store->profile(u"Office"_s)->user, u"asterisk2"_s);
    QCOMPARE(m_store->password(u"Office"_s), std::optional<QString>(u"first"_s));
    QCOMPARE(mode(m_store->passwordFile(u"Office"_s)), 0600);
}

void TestSettingsDialog::waitThresholdsAreCheckedAndSaved()
{
    auto *warning = child<QSpinBox>(u"waitWarningSeconds"_s);
    auto *alert = child<QSpinBox>(u"waitAlertSeconds"_s);
    QVERIFY(warning && alert);
    QCOMPARE(warning->value(), 60);
    QCOMPARE(alert->value(), 120);
    QSignalSpy saved(m_dialog.get(), &SettingsDialog::thresholdsSaved);
    // Typed over, as a user does: an alert before the warning is refused on the spot.
    const auto typeSeconds = [](QSpinBox *box, const QString &seconds) {
        QTest::mouseClick(box, Qt::LeftButton);
        QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(box, seconds);
        QTest::keyClick(box, Qt::Key_Tab);
    };
    typeSeconds(warning, u"150"_s);
    QCOMPARE(warning->value(), 150);
    QVERIFY(errorShown(u"waitThresholds"_s));
    QVERIFY(!child<QPushButton>(u"saveThresholds"_s)->isEnabled());
    typeSeconds(alert, u"180"_s);
    QCOMPARE(alert->value(), 180);
    QVERIFY(!errorShown(u"waitThresholds"_s));
    click(u"saveThresholds"_s);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.at(0).at(0).value<WaitThresholds>(), (WaitThresholds { 150, 180 }));
    QCOMPARE(WaitThresholds::load(*m_settings), (WaitThresholds { 150, 180 }));
    // Shown again as saved.
    openDialog();
    QCOMPARE(child<QSpinBox>(u"waitWarningSeconds"_s)->value(), 150);
    QCOMPARE(child<QSpinBox>(u"waitAlertSeconds"_s)->value(), 180);

    // The shares of abandoned calls (SPEC UX-3): the alert at or after the warning.
    auto *abandonedWarning = child<QSpinBox>(u"abandonedWarningPercent"_s);
    auto *abandonedAlert = child<QSpinBox>(u"abandonedAlertPercent"_s);
    QVERIFY(abandonedWarning && abandonedAlert);
    QSignalSpy savedAgain(m_dialog.get(), &SettingsDialog::thresholdsSaved);
    QCOMPARE(abandonedWarning->value(), 10);
    QCOMPARE(abandonedAlert->value(), 20);
    typeSeconds(abandonedWarning, u"30"_s);
    QVERIFY(errorShown(u"waitThresholds"_s));
    QVERIFY(!child<QPushButton>(u"saveThresholds"_s)->isEnabled());
    typeSeconds(abandonedAlert, u"40"_s);
    QVERIFY(!errorShown(u"waitThresholds"_s));
    click(u"saveThresholds"_s);
    QCOMPARE(WaitThresholds::load(*m_settings), (WaitThresholds { 150, 180, 30, 40 }));
    QCOMPARE(savedAgain.size(), 1);
    QCOMPARE(savedAgain.at(0).at(0).value<WaitThresholds>(), (WaitThresholds { 150, 180, 30, 40 }));
}

QTEST_MAIN(TestSettingsDialog)
#include "TestSettingsDialog.moc"
