#include "ui/SettingsDialog.h"

#include "core/config/ConnectionProfileStore.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using Field = ConnectionProfile::Field;

SettingsDialog::SettingsDialog(ConnectionProfileStore *store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));

    m_list = new QListWidget(this);
    m_list->setObjectName(u"profileList"_s);
    m_list->setAccessibleName(tr("Connection profiles"));
    auto *newButton = new QPushButton(tr("Ne&w profile"), this);
    newButton->setObjectName(u"newProfile"_s);
    m_delete = new QPushButton(tr("&Delete profile"), this);
    m_delete->setObjectName(u"deleteProfile"_s);
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Connection profiles:"), this));
    left->addWidget(m_list, 1);
    left->addWidget(newButton);
    left->addWidget(m_delete);

    auto *right = new QVBoxLayout;
    auto *form = new QFormLayout;
    buildForm();
    const auto row = [this, form](const QString &label, QLineEdit *edit, Field field) {
        auto *box = new QWidget(this);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(2);
        layout->addWidget(edit);
        auto *error = new QLabel(box);
        error->setObjectName(edit->objectName() + u"Error"_s);
        error->setTextFormat(Qt::PlainText);
        error->setWordWrap(true);
        error->setStyleSheet(u"color: #c62828;"_s);
        error->hide();
        layout->addWidget(error);
        m_errors.insert(field, error);
        auto *caption = new QLabel(label, this);
        caption->setBuddy(edit);
        form->addRow(caption, box);
        return box;
    };
    row(tr("&Name:"), m_name, Field::Name);
    auto *kinds = new QHBoxLayout;
    kinds->addWidget(m_ari);
    kinds->addWidget(m_service);
    form->addRow(tr("Connect to:"), kinds);
    m_ariRows << row(tr("AR&I URL:"), m_ariUrl, Field::AriUrl);
    m_serviceRows << row(tr("Service &URL:"), m_serviceUrl, Field::ServiceUrl);
    row(tr("Us&er:"), m_user, Field::User);
    auto *passwordCaption = new QLabel(tr("&Password:"), this);
    passwordCaption->setBuddy(m_password);
    form->addRow(passwordCaption, m_password);
    m_ariRows << row(tr("&Recording application:"), m_vmRecord, Field::VmRecordApp);
    m_ariRows << row(tr("&Listening application:"), m_vmPlayback, Field::VmPlaybackApp);
    m_ariRows << row(tr("&Queue application:"), m_queue, Field::QueueApp);
    m_form = form;
    right->addLayout(form);
    auto *note = new QLabel(tr("The password is kept in a file only you can read (this desktop offers no keyring to "
                               "the program). Start with --profile NAME to use a profile."),
        this);
    note->setWordWrap(true);
    note->setStyleSheet(u"color: palette(mid);"_s);
    right->addWidget(note);
    m_status = new QLabel(this);
    m_status->setObjectName(u"profileStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    right->addWidget(m_status);
    right->addStretch(1);
    m_save = new QPushButton(tr("&Save profile"), this);
    m_save->setObjectName(u"saveProfile"_s);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_save);
    right->addLayout(saveRow);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(u"settingsButtons"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addLayout(buildThresholds());
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(newButton, &QPushButton::clicked, this, &SettingsDialog::newProfile);
    connect(m_delete, &QPushButton::clicked, this, &SettingsDialog::deleteProfile);
    connect(m_save, &QPushButton::clicked, this, &SettingsDialog::saveProfile);
    connect(m_list, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (!name.isEmpty())
            showProfile(name);
    });
    for (QLineEdit *edit : { m_name, m_ariUrl, m_user, m_vmRecord, m_vmPlayback, m_queue, m_serviceUrl })
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_ari, &QRadioButton::toggled, this, &SettingsDialog::updateKind);

    reloadList({});
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        newProfile();
    resize(760, 480);
}

SettingsDialog::~SettingsDialog() = default;

QLayout *SettingsDialog::buildThresholds()
{
    const WaitThresholds saved = WaitThresholds::load(*m_store->settings());
    const auto spin = [this](const QString &name, int value) {
        auto *box = new QSpinBox(this);
        box->setObjectName(name);
        box->setRange(1, 3600);
        box->setSuffix(tr(" s"));
        box->setValue(value);
        return box;
    };
    m_warning = spin(u"waitWarningSeconds"_s, saved.warningSeconds);
    m_alert = spin(u"waitAlertSeconds"_s, saved.alertSeconds);
    const auto percent = [this](const QString &name, int value) {
        auto *box = new QSpinBox(this);
        box->setObjectName(name);
        box->setRange(0, 100);
        box->setSuffix(tr(" %"));
        box->setValue(value);
        return box;
    };
    m_abandonedWarning = percent(u"abandonedWarningPercent"_s, saved.abandonedWarningPercent);
    m_abandonedAlert = percent(u"abandonedAlertPercent"_s, saved.abandonedAlertPercent);
    m_thresholdsError = new QLabel(this);
    m_thresholdsError->setObjectName(u"waitThresholdsError"_s);
    m_thresholdsError->setStyleSheet(u"color: #c62828;"_s);
    m_thresholdsError->hide();
    m_saveThresholds = new QPushButton(tr("Save &thresholds"), this);
    m_saveThresholds->setObjectName(u"saveThresholds"_s);
    auto *row = new QHBoxLayout;
    auto *warningCaption = new QLabel(tr("A caller's wait shows orange a&fter"), this);
    warningCaption->setBuddy(m_warning);
    row->addWidget(warningCaption);
    row->addWidget(m_warning);
    auto *alertCaption = new QLabel(tr("red, with a desktop notification, after"), this);
    alertCaption->setBuddy(m_alert);
    row->addWidget(alertCaption);
    row->addWidget(m_alert);
    row->addStretch();
    // The calls abandoned today, by their share of the day's calls (SPEC UX-3).
    auto *abandonedRow = new QHBoxLayout;
    auto *abandonedCaption = new QLabel(tr("Calls abandoned today show orange from"), this);
    abandonedCaption->setBuddy(m_abandonedWarning);
    abandonedRow->addWidget(abandonedCaption);
    abandonedRow->addWidget(m_abandonedWarning);
    auto *abandonedAlertCaption = new QLabel(tr("of the day's calls, red from"), this);
    abandonedAlertCaption->setBuddy(m_abandonedAlert);
    abandonedRow->addWidget(abandonedAlertCaption);
    abandonedRow->addWidget(m_abandonedAlert);
    abandonedRow->addWidget(m_thresholdsError, 1);
    abandonedRow->addStretch();
    abandonedRow->addWidget(m_saveThresholds);
    auto *rows = new QVBoxLayout;
    rows->addLayout(row);
    rows->addLayout(abandonedRow);
    for (QSpinBox *box : { m_warning, m_alert, m_abandonedWarning, m_abandonedAlert })
        connect(box, &QSpinBox::valueChanged, this, &SettingsDialog::checkThresholds);
    connect(m_saveThresholds, &QPushButton::clicked, this, &SettingsDialog::saveThresholds);
    return rows;
}

WaitThresholds SettingsDialog::shownThresholds() const
{
    return WaitThresholds { m_warning->value(), m_alert->value(), m_abandonedWarning->value(),
        m_abandonedAlert->value() };
}

void SettingsDialog::checkThresholds()
{
    const QString problem = shownThresholds().problem();
    m_thresholdsError->setText(problem);
    m_thresholdsError->setVisible(!problem.isEmpty());
    m_saveThresholds->setEnabled(problem.isEmpty());
}

void SettingsDialog::saveThresholds()
{
    const WaitThresholds thresholds = shownThresholds();
    if (!thresholds.problem().isEmpty())
        return;
    thresholds.save(*m_store->settings());
    m_status->setStyleSheet(QString());
    m_status->setText(
        tr("Saved: orange after %1 s, red after %2 s.").arg(thresholds.warningSeconds).arg(thresholds.alertSeconds));
    Q_EMIT thresholdsSaved(thresholds);
}

void SettingsDialog::buildForm()
{
    const auto edit = [this](const QString &name, const QString &placeholder) {
        auto *line = new QLineEdit(this);
        line->setObjectName(name);
        line->setPlaceholderText(placeholder);
        return line;
    };
    m_name = edit(u"profileName"_s, tr("e.g. Head office"));
    m_ari = new QRadioButton(tr("&Asterisk (ARI)"), this);
    m_ari->setObjectName(u"kindAri"_s);
    m_service = new QRadioButton(tr("Supervisor ser&vice"), this);
    m_service->setObjectName(u"kindService"_s);
    m_ari->setChecked(true);
    m_ariUrl = edit(u"ariUrl"_s, u"http://pbx.example:8088/ari"_s);
    m_serviceUrl = edit(u"serviceUrl"_s, u"wss://supervisor.example:8089"_s);
    m_user = edit(u"profileUser"_s, QString());
    m_password = edit(u"profilePassword"_s, QString());
    m_password->setEchoMode(QLineEdit::Password);
    m_vmRecord = edit(u"vmRecordApp"_s, u"vm-record"_s);
    m_vmPlayback = edit(u"vmPlaybackApp"_s, u"vm-playback"_s);
    m_queue = edit(u"queueApp"_s, u"queue"_s);
}

ConnectionProfile SettingsDialog::formProfile() const
{
    ConnectionProfile profile;
    profile.name = m_name->text();
    profile.kind = m_service->isChecked() ? ConnectionProfile::Kind::Service : ConnectionProfile::Kind::Ari;
    profile.ariUrl = m_ariUrl->text();
    profile.user = m_user->text();
    profile.vmRecordApp = m_vmRecord->text();
    profile.vmPlaybackApp = m_vmPlayback->text();
    profile.queueApp = m_queue->text();
    profile.serviceUrl = m_serviceUrl->text();
    return profile;
}

void SettingsDialog::validate()
{
    m_problems = formProfile().validate();
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        const QString problem = m_problems.value(it.key());
        it.value()->setText(problem);
        it.value()->setVisible(!problem.isEmpty());
    }
    m_save->setEnabled(m_problems.isEmpty());
}

void SettingsDialog::updateKind()
{
    const bool ari = m_ari->isChecked();
    for (QWidget *row : std::as_const(m_ariRows))
        m_form->setRowVisible(row, ari);
    for (QWidget *row : std::as_const(m_serviceRows))
        m_form->setRowVisible(row, !ari);
    validate();
}

void SettingsDialog::reloadList(const QString &select)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    m_list->addItems(m_store->names());
    const QList<QListWidgetItem *> found = m_list->findItems(select, Qt::MatchExactly);
    if (!found.isEmpty())
        m_list->setCurrentItem(found.first());
    m_delete->setEnabled(!m_store->names().isEmpty() && m_list->currentItem() != nullptr);
}

void SettingsDialog::showProfile(const QString &name)
{
    const std::optional<ConnectionProfile> profile = m_store->profile(name);
    if (!profile)
        return;
    m_loaded = name;
    m_name->setText(profile->name);
    (profile->kind == ConnectionProfile::Kind::Service ? m_service : m_ari)->setChecked(true);
    m_ariUrl->setText(profile->ariUrl);
    m_serviceUrl->setText(profile->serviceUrl);
    m_user->setText(profile->user);
    m_vmRecord->setText(profile->vmRecordApp);
    m_vmPlayback->setText(profile->vmPlaybackApp);
    m_queue->setText(profile->queueApp);
    m_password->clear();
    m_password->setPlaceholderText(m_store->hasPassword(name) ? tr("unchanged (type to replace)") : tr("none stored"));
    m_status->clear();
    m_delete->setEnabled(true);
    updateKind();
}

void SettingsDialog::newProfile()
{
    const QSignalBlocker blocker(m_list);
    m_list->clearSelection();
    m_list->setCurrentItem(nullptr);
    m_loaded.clear();
    const ConnectionProfile defaults;
    m_name->clear();
    m_ari->setChecked(true);
    m_ariUrl->clear();
    m_serviceUrl->clear();
    m_user->clear();
    m_password->clear();
    m_password->setPlaceholderText(QString());
    m_vmRecord->setText(defaults.vmRecordApp);
    m_vmPlayback->setText(defaults.vmPlaybackApp);
    m_queue->setText(defaults.queueApp);
    m_status->clear();
    m_delete->setEnabled(false);
    updateKind();
    m_name->setFocus();
}

void SettingsDialog::saveProfile()
{
    validate();
    if (!m_problems.isEmpty())
        return;
    const ConnectionProfile profile = formProfile();
    // An empty password field keeps the stored password (moved along when the profile is renamed).
    std::optional<QString> password;
    if (!m_password->text().isEmpty())
        password = m_password->text();
    else if (!m_loaded.isEmpty() && m_loaded != profile.name)
        password = m_store->password(m_loaded);
    QString error;
    if (!m_store->save(profile, password, &error)) {
        m_status->setStyleSheet(u"color: #c62828;"_s);
        m_status->setText(error);
        return;
    }
    if (!m_loaded.isEmpty() && m_loaded != profile.name) // renamed: the old one goes
        m_store->remove(m_loaded, &error);
    reloadList(profile.name);
    showProfile(profile.name);
    m_status->setStyleSheet(QString());
    m_status->setText(
        tr("Saved. The password is in %1, readable by you only.").arg(m_store->passwordFile(profile.name)));
}

void SettingsDialog::deleteProfile()
{
    if (m_loaded.isEmpty())
        return;
    const auto answer = QMessageBox::question(this, tr("Delete profile"),
        tr("Delete the profile %1 and its stored password?").arg(m_loaded), QMessageBox::Yes | QMessageBox::Cancel,
        QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    QString error;
    if (!m_store->remove(m_loaded, &error)) {
        m_status->setText(error);
        return;
    }
    reloadList({});
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        newProfile();
}
