#include "core/ari/AriTlsPolicy.h"

#include <QFile>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

using namespace Qt::StringLiterals;

namespace {
// A CA bundle is small; anything larger is not one.
constexpr qint64 s_maxCaFileBytes = 4 * 1024 * 1024;
} // namespace

AriTlsPolicy::AriTlsPolicy(const AriEndpoint &endpoint)
    : m_verifyPeer(endpoint.verifyPeer)
{
#if QT_CONFIG(ssl)
    m_configuration = QSslConfiguration::defaultConfiguration();
    if (!m_verifyPeer) {
        m_configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        return;
    }
    m_configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (endpoint.caFile.isEmpty())
        return;
    QList<QSslCertificate> certificates;
    if (readCaFile(endpoint.caFile, &certificates, &m_error))
        m_configuration.addCaCertificates(certificates);
#else
    if (!endpoint.caFile.isEmpty())
        m_error = u"this build has no TLS support, so the CA file %1 cannot be used"_s.arg(endpoint.caFile);
#endif
}

#if QT_CONFIG(ssl)
QString AriTlsPolicy::describe(const QList<QSslError> &errors)
{
    QStringList reasons;
    for (const QSslError &error : errors) {
        QString reason = error.errorString();
        if (!reason.isEmpty())
            reason[0] = reason.at(0).toLower();
        if (!reasons.contains(reason))
            reasons.append(reason);
    }
    return reasons.isEmpty() ? u"the certificate was refused"_s : reasons.join(u"; "_s);
}

QString AriTlsPolicy::advice()
{
    return u"set [ari] ca_file to the PEM file of the CA that signed the server's certificate, or "
           "insecure_tls=true to skip the check"_s;
}

bool AriTlsPolicy::readCaFile(const QString &path, QList<QSslCertificate> *certificates, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the CA file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    if (file.size() > s_maxCaFileBytes) {
        *error = u"the CA file %1 is too large to be a PEM certificate file"_s.arg(path);
        return false;
    }
    const QList<QSslCertificate> read = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    QList<QSslCertificate> usable;
    for (const QSslCertificate &certificate : read) {
        if (!certificate.isNull())
            usable.append(certificate);
    }
    if (usable.isEmpty()) {
        *error = u"the CA file %1 holds no PEM certificate (-----BEGIN CERTIFICATE-----)"_s.arg(path);
        return false;
    }
    *certificates = usable;
    return true;
}
#endif

QString AriTlsPolicy::checkCaFile(const QString &path)
{
#if QT_CONFIG(ssl)
    QList<QSslCertificate> certificates;
    QString error;
    if (!readCaFile(path, &certificates, &error))
        return error;
    return {};
#else
    return u"this build has no TLS support, so the CA file %1 cannot be used"_s.arg(path);
#endif
}
