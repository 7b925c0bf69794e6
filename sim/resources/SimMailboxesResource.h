#pragma once

class SimEngine;
class SimRouter;

// /ari/mailboxes: the message counts of mailboxes that ARI controls (Asterisk's res_mwi_external,
// what lights a phone's message lamp), with Asterisk 22's answers: list; get (404 "Mailbox is does
// not exist", Asterisk's own wording); PUT with oldMessages and newMessages creates or updates it
// (204; the counts are read like Asterisk reads them, atoi: a missing or non-numeric count is 0);
// DELETE (204, or 404 "Mailbox does not exist").
class SimMailboxesResource
{
public:
    explicit SimMailboxesResource(SimEngine *engine);
    void registerRoutes(SimRouter &router);

private:
    SimEngine *m_engine = nullptr;
};
