#pragma once

#include "core/config/ConnectionProfile.h"
#include "core/config/WaitThresholds.h"

#include <QDialog>
#include <QHash>

class ConnectionProfileStore;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;

// The settings a user changes (SPEC UX-6): connection profiles. A profile connects straight to
// Asterisk (ARI URL, user, password, application names) or attaches to a supervisor service (its
// URL, user, password). Every field is checked as it is typed, the problem shown under it, and
// Save stays off while anything is wrong. Profiles go to a ConnectionProfileStore (QSettings, the
// password in a file only the user can read); `--profile NAME` starts the program with one.
// Below them, the thresholds of a caller's wait (orange, then red and a desktop notification),
// saved in the store's QSettings.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(ConnectionProfileStore *store, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // The profile as the form has it now.
    ConnectionProfile formProfile() const;
    // The form's problems, as shown (empty: Save is on).
    QHash<ConnectionProfile::Field, QString> problems() const { return m_problems; }

Q_SIGNALS:
    void thresholdsSaved(const WaitThresholds &thresholds);

private:
    void buildForm();
    void showProfile(const QString &name);
    void newProfile();
    void saveProfile();
    void deleteProfile();
    void validate();
    void updateKind();
    void reloadList(const QString &select);
    QLayout *buildThresholds();
    WaitThresholds shownThresholds() const;
    void checkThresholds();
    void saveThresholds();

    ConnectionProfileStore *m_store;
    QFormLayout *m_form = nullptr;
    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QRadioButton *m_ari = nullptr;
    QRadioButton *m_service = nullptr;
    QLineEdit *m_ariUrl = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_vmRecord = nullptr;
    QLineEdit *m_vmPlayback = nullptr;
    QLineEdit *m_queue = nullptr;
    QLineEdit *m_serviceUrl = nullptr;
    QHash<ConnectionProfile::Field, QLabel *> m_errors;
    QList<QWidget *> m_ariRows;
    QList<QWidget *> m_serviceRows;
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_status = nullptr;
    QHash<ConnectionProfile::Field, QString> m_problems;
    QString m_loaded; // the profile shown ("" for a new one)
    QSpinBox *m_warning = nullptr;
    QSpinBox *m_alert = nullptr;
    QSpinBox *m_abandonedWarning = nullptr; // percent of the day's calls
    QSpinBox *m_abandonedAlert = nullptr;
    QLabel *m_thresholdsError = nullptr;
    QPushButton *m_saveThresholds = nullptr;
};
