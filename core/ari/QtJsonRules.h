#pragma once

#include <QtGlobal>

#include <cstddef>
#include <optional>

// How Qt's JSON parser reads JSON, for the faster RapidJSON readers that must take exactly what it
// takes (AriEvent's frames, AriResult's bodies): whatever they refuse goes to Qt's parser, which
// has the last word.
class QtJsonRules
{
public:
    // Qt's parser refuses JSON nested deeper than this.
    static constexpr int maxNesting = 1024;

    // A number as Qt's parser reads its text: an integer that fits in 64 bits stays one, so does a
    // double with an integral value that fits (3.0, 1e18); anything else is a double.
    struct Number
    {
        bool integral = false;
        qint64 integer = 0;
        double real = 0;
    };
    // None when the text is beyond a double's range, or a number other than zero too small for
    // one: Qt's parser refuses both. The standard
    // library's conversion is exact, as Qt's is (RapidJSON's own rounds, or in its exact form
    // reads out of bounds on long digit strings, 1.1.0).
    static std::optional<Number> readNumber(const char *text, std::size_t length);
};
