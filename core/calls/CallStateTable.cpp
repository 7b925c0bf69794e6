#include "core/calls/CallStateTable.h"

#include "core/calls/CallStateMachine.h"

using namespace Qt::StringLiterals;

namespace {

QString dotQuoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s);
    escaped.replace(u'"', u"\\\""_s);
    return u'"' + escaped + u'"';
}

} // namespace

CallStateTable::CallStateTable(const QString &name)
    : m_name(name)
{
}

void CallStateTable::addState(const QString &state)
{
    if (m_stateSet.contains(state))
        return;
    m_stateSet.insert(state);
    m_states.append(state);
}

void CallStateTable::addTransition(const QString &from, const QString &event, const QString &to)
{
    addState(from);
    addState(to);
    const QPair<QString, QString> key(from, event);
    if (m_next.contains(key)) {
        qCWarning(lcCalls).noquote() << "state table" << m_name << ": transition" << from << "--" << event
                                     << "defined twice; keeping the first (to" << m_next.value(key) << ')';
        return;
    }
    m_next.insert(key, to);
    m_transitions.append(Transition { from, event, to });
}

void CallStateTable::setInitialState(const QString &state)
{
    addState(state);
    m_initial = state;
}

void CallStateTable::addFinalState(const QString &state)
{
    addState(state);
    m_final.insert(state);
}

QString CallStateTable::next(const QString &state, const QString &event) const
{
    return m_next.value(QPair<QString, QString>(state, event));
}

QStringList CallStateTable::events(const QString &state) const
{
    QStringList result;
    for (const Transition &transition : m_transitions) {
        if (transition.from == state)
            result.append(transition.event);
    }
    return result;
}

QString CallStateTable::toDot() const
{
    QString dot;
    dot += u"digraph "_s + dotQuoted(m_name) + u" {\n"_s;
    dot += u"    rankdir=LR;\n"_s;
    dot += u"    node [shape=box, style=rounded];\n"_s;
    if (!m_initial.isEmpty()) {
        dot += u"    \"__start\" [shape=point, label=\"\"];\n"_s;
        dot += u"    \"__start\" -> "_s + dotQuoted(m_initial) + u";\n"_s;
    }
    for (const QString &state : m_states) {
        dot += u"    "_s + dotQuoted(state);
        if (m_final.contains(state))
            dot += u" [peripheries=2]"_s;
        dot += u";\n"_s;
    }
    for (const Transition &transition : m_transitions) {
        dot += u"    "_s + dotQuoted(transition.from) + u" -> "_s + dotQuoted(transition.to) + u" [label="_s
            + dotQuoted(transition.event) + u"];\n"_s;
    }
    dot += u"}\n"_s;
    return dot;
}
