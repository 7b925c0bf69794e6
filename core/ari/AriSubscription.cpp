#include "core/ari/AriSubscription.h"

#include "core/ari/AriEventRouter.h"

AriSubscription::AriSubscription(AriEventRouter *router, Scope scope, const QString &key, quint64 id)
    : m_router(router)
    , m_scope(scope)
    , m_key(key)
    , m_id(id)
{
}

AriSubscription::~AriSubscription()
{
    if (m_router)
        m_router->unsubscribe(m_scope, m_key, m_id);
}
