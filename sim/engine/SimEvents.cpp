#include "sim/engine/SimEvents.h"

#include <QMetaEnum>

QString SimEvents::name(Type type)
{
    return QString::fromLatin1(QMetaEnum::fromType<Type>().valueToKey(type));
}

QList<SimEvents::Type> SimEvents::all()
{
    const QMetaEnum meta = QMetaEnum::fromType<Type>();
    QList<Type> result;
    result.reserve(meta.keyCount());
    for (int i = 0; i < meta.keyCount(); ++i)
        result.append(static_cast<Type>(meta.value(i)));
    return result;
}

QStringList SimEvents::names()
{
    QStringList result;
    const QList<Type> types = all();
    for (Type type : types)
        result.append(name(type));
    return result;
}
