#include "sim/resources/SimMailboxesResource.h"

#include <QJsonArray>
#include <QJsonObject>

#include "sim/engine/SimEngine.h"
#include "sim/http/SimRouter.h"

using namespace Qt::StringLiterals;

namespace {

QJsonObject mailboxJson(const QString &name, SimEngine::MailboxCounts counts)
{
    return QJsonObject { { u"name"_s, name }, { u"old_messages"_s, counts.oldMessages },
        { u"new_messages"_s, counts.newMessages } };
}

} // namespace

SimMailboxesResource::SimMailboxesResource(SimEngine *engine)
    : m_engine(engine)
{
}

void SimMailboxesResource::registerRoutes(SimRouter &router)
{
    const SimRouter::Param name = SimRouter::pathParam(u"mailboxName"_s, u"Name of the mailbox"_s);
    const QList<SimRouter::ErrorDoc> notFound { { 404, u"Mailbox not found"_s } };

    router.add({ u"GET"_s, u"/mailboxes"_s, u"mailboxes"_s, u"list"_s, u"List all mailboxes."_s, u"List[Mailbox]"_s, {},
        {}, [this](const SimHttpRequest &) {
            QJsonArray result;
            const QList<QPair<QString, SimEngine::MailboxCounts>> mailboxes = m_engine->mailboxes();
            for (const auto &[mailbox, counts] : mailboxes)
                result.append(mailboxJson(mailbox, counts));
            return SimHttpResponse::json(200, result);
        } });
    router.add({ u"GET"_s, u"/mailboxes/{mailboxName}"_s, u"mailboxes"_s, u"get"_s,
        u"Retrieve the current state of a mailbox."_s, u"Mailbox"_s, { name }, notFound,
        [this](const SimHttpRequest &request) {
            const QString mailbox = request.pathParam(u"mailboxName"_s);
            const std::optional<SimEngine::MailboxCounts> counts = m_engine->mailbox(mailbox);
            if (!counts)
                return SimHttpResponse::error(404, u"Mailbox is does not exist"_s);
            return SimHttpResponse::json(200, mailboxJson(mailbox, *counts));
        } });
    router.add({ u"PUT"_s, u"/mailboxes/{mailboxName}"_s, u"mailboxes"_s, u"update"_s,
        u"Change the state of a mailbox. (Note - implicitly creates the mailbox)."_s, u"void"_s,
        { name, SimRouter::queryParam(u"oldMessages"_s, u"int"_s, true, u"Count of old messages in the mailbox"_s),
            SimRouter::queryParam(u"newMessages"_s, u"int"_s, true, u"Count of new messages in the mailbox"_s) },
        notFound, [this](const SimHttpRequest &request) {
            m_engine->updateMailbox(request.pathParam(u"mailboxName"_s),
                { request.intParam(u"oldMessages"_s), request.intParam(u"newMessages"_s) });
            return SimHttpResponse::noContent();
        } });
    router.add({ u"DELETE"_s, u"/mailboxes/{mailboxName}"_s, u"mailboxes"_s, u"delete"_s, u"Destroy a mailbox."_s,
        u"void"_s, { name }, notFound, [this](const SimHttpRequest &request) {
            if (!m_engine->deleteMailbox(request.pathParam(u"mailboxName"_s)))
                return SimHttpResponse::error(404, u"Mailbox does not exist"_s);
            return SimHttpResponse::noContent();
        } });
}
