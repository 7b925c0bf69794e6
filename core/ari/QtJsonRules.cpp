#include "core/ari/QtJsonRules.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

std::optional<QtJsonRules::Number> QtJsonRules::readNumber(const char *text, std::size_t length)
{
    const char *end = text + length;
    Number number;
    if (std::none_of(text, end, [](char c) { return c == '.' || c == 'e' || c == 'E'; })) {
        std::int64_t integer = 0;
        const auto [at, error] = std::from_chars(text, end, integer);
        if (error == std::errc() && at == end) {
            number.integral = true;
            number.integer = integer;
            return number;
        }
    }
    double real = 0;
    const auto [at, error] = std::from_chars(text, end, real);
    if (error != std::errc() || at != end)
        return std::nullopt;
    if (real == std::trunc(real) && real >= -0x1p63 && real < 0x1p63) {
        number.integral = true;
        number.integer = std::int64_t(real);
        return number;
    }
    number.real = real;
    return number;
}
