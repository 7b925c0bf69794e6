#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

// The transition table of one kind of call (SPEC SM-1, SM-2): which event leads from which state
// to which. Built once per application and shared, read-only, by every call of that application;
// a call keeps only its current state. States are named; an event is a short name ("dtmf#",
// "hangup", "playbackFinished" …). A final state has no way out: the call waits there for its end.
class CallStateTable
{
public:
    struct Transition
    {
        QString from;
        QString event;
        QString to;
    };

    CallStateTable() = default;
    explicit CallStateTable(const QString &name);

    const QString &name() const { return m_name; }

    // Declares a state (optional: addTransition declares the states it names). States keep the
    // order in which they are first mentioned (the DOT output follows it).
    void addState(const QString &state);
    void addTransition(const QString &from, const QString &event, const QString &to);
    void setInitialState(const QString &state);
    void addFinalState(const QString &state);

    const QString &initialState() const { return m_initial; }
    const QStringList &states() const { return m_states; }
    const QList<Transition> &transitions() const { return m_transitions; }
    bool hasState(const QString &state) const { return m_stateSet.contains(state); }
    bool isFinal(const QString &state) const { return m_final.contains(state); }

    // The state `event` leads to from `state`; empty when the table has no such transition.
    QString next(const QString &state, const QString &event) const;
    // The events `state` reacts to, in table order.
    QStringList events(const QString &state) const;

    // Graphviz DOT text of the table: one node per state (the initial one marked by an arrow from
    // a point, final ones drawn with a double border), one edge per transition labelled with its
    // event.
    QString toDot() const;

private:
    QString m_name;
    QString m_initial;
    QStringList m_states;
    QSet<QString> m_stateSet;
    QSet<QString> m_final;
    QList<Transition> m_transitions;
    QHash<QPair<QString, QString>, QString> m_next;
};
