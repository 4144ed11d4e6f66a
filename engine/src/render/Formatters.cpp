#include "render/Formatters.h"

#include "base/Dates.h"

#include <array>
#include <cctype>
#include <charconv>

namespace beraad::render {
namespace {

struct Date {
    int year, month, day;
};

bool isLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

std::optional<Date> parseDate(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (text.size() > 10 && text[10] != 'T' && text[10] != 'Z' && text[10] != '+' &&
        text[10] != '-' && !std::isspace(static_cast<unsigned char>(text[10]))) {
        return std::nullopt;
    }
    auto digits = [&](size_t at, size_t count, int& out) {
        auto result = std::from_chars(text.data() + at, text.data() + at + count, out);
        return result.ec == std::errc() && result.ptr == text.data() + at + count;
    };
    Date date{};
    if (!digits(0, 4, date.year) || !digits(5, 2, date.month) || !digits(8, 2, date.day)) {
        return std::nullopt;
    }
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (date.month < 1 || date.month > 12 || date.day < 1) return std::nullopt;
    int last = kDays[date.month - 1] + (date.month == 2 && isLeap(date.year) ? 1 : 0);
    if (date.day > last) return std::nullopt;
    return date;
}

// A decimal number as text: sign, integer digits, fraction digits.
struct Decimal {
    bool negative = false;
    std::string integer;   // no leading zeros, "0" for zero
    std::string fraction;  // as many digits as the input had
};

std::optional<Decimal> parseDecimal(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    Decimal d;
    size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) d.negative = text[i++] == '-';
    std::string digits;
    size_t pointAt = std::string::npos;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits.push_back(c);
        } else if (c == '.' && pointAt == std::string::npos) {
            pointAt = digits.size();
        } else {
            break;
        }
    }
    if (digits.empty()) return std::nullopt;
    if (pointAt == std::string::npos) pointAt = digits.size();
    if (i < text.size()) {
        if (text[i] != 'e' && text[i] != 'E') return std::nullopt;
        int exponent = 0;
        std::string_view rest = text.substr(i + 1);
        if (!rest.empty() && rest.front() == '+') rest.remove_prefix(1);
        auto result = std::from_chars(rest.data(), rest.data() + rest.size(), exponent);
        if (result.ec != std::errc() || result.ptr != rest.data() + rest.size() || exponent > 400 ||
            exponent < -400) {
            return std::nullopt;
        }
        long shifted = static_cast<long>(pointAt) + exponent;
        while (shifted < 0) {
            digits.insert(digits.begin(), '0');
            ++shifted;
        }
        while (static_cast<size_t>(shifted) > digits.size())
            digits.push_back('0');
        pointAt = static_cast<size_t>(shifted);
    }
    d.integer = digits.substr(0, pointAt);
    d.fraction = digits.substr(pointAt);
    size_t firstNonZero = d.integer.find_first_not_of('0');
    d.integer = firstNonZero == std::string::npos ? "0" : d.integer.substr(firstNonZero);
    return d;
}

// Rounds half away from zero to `decimals` places; decimals < 0 keeps the
// input's decimals without trailing zeros.
void round(Decimal& d, int decimals) {
    if (decimals < 0) {
        while (!d.fraction.empty() && d.fraction.back() == '0')
            d.fraction.pop_back();
        return;
    }
    auto places = static_cast<size_t>(decimals);
    if (d.fraction.size() <= places) {
        d.fraction.append(places - d.fraction.size(), '0');
        return;
    }
    bool up = d.fraction[places] >= '5';
    d.fraction.resize(places);
    if (!up) return;
    std::string all = d.integer + d.fraction;
    size_t i = all.size();
    while (i > 0) {
        --i;
        if (all[i] == '9') {
            all[i] = '0';
        } else {
            ++all[i];
            break;
        }
        if (i == 0) all.insert(all.begin(), '1');
    }
    d.integer = all.substr(0, all.size() - places);
    d.fraction = all.substr(all.size() - places);
}

std::string dutch(const Decimal& d) {
    std::string out;
    bool zero = d.integer == "0" && d.fraction.find_first_not_of('0') == std::string::npos;
    if (d.negative && !zero) out.push_back('-');
    size_t length = d.integer.size();
    for (size_t i = 0; i < length; ++i) {
        if (i > 0 && (length - i) % 3 == 0) out.push_back('.');
        out.push_back(d.integer[i]);
    }
    if (!d.fraction.empty()) {
        out.push_back(',');
        out += d.fraction;
    }
    return out;
}

std::optional<int> decimalsArgument(const FormatterCall& call, int fallback) {
    if (call.arguments.empty()) return fallback;
    int value = 0;
    const std::string& text = call.arguments.front();
    auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size() || value < 0 ||
        value > 20) {
        return std::nullopt;
    }
    return value;
}

// Simple case mapping for ASCII and Latin-1 letters (à..þ ↔ À..Þ).
std::string mapCase(std::string_view text, bool toUpper) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            out.push_back(static_cast<char>(toUpper ? std::toupper(byte) : std::tolower(byte)));
            continue;
        }
        if (byte == 0xC3 && i + 1 < text.size()) {
            auto next = static_cast<unsigned char>(text[i + 1]);
            bool isUpper = next >= 0x80 && next <= 0x9E && next != 0x97;
            bool isLower = next >= 0xA0 && next <= 0xBE && next != 0xB7;
            if (toUpper && isLower) next = static_cast<unsigned char>(next - 0x20);
            if (!toUpper && isUpper) next = static_cast<unsigned char>(next + 0x20);
            out.push_back(static_cast<char>(byte));
            out.push_back(static_cast<char>(next));
            ++i;
            continue;
        }
        out.push_back(static_cast<char>(byte));
    }
    return out;
}

struct Spec {
    std::string_view name;
    size_t minArguments;
    size_t maxArguments;
    bool numericArgument;
};

constexpr std::array<Spec, 9> kSpecs = {{
    {"long-date", 0, 0, false},
    {"short-date", 0, 0, false},
    {"euro", 0, 0, false},
    {"whole-euro", 0, 0, false},
    {"percent", 0, 1, true},
    {"number", 0, 1, true},
    {"upper", 0, 0, false},
    {"lower", 0, 0, false},
    {"join", 0, 2, false},
}};

const Spec* find(std::string_view name) {
    for (const Spec& spec : kSpecs) {
        if (spec.name == name) return &spec;
    }
    return nullptr;
}

FormatterError badInput(const FormatterCall& call, const std::string& value, const char* what) {
    return FormatterError{"formatter-input",
                          "'" + call.name + "' needs " + what + ", not '" + value + "'"};
}

}  // namespace

const std::string& Value::first() const {
    static const std::string empty;
    return items.empty() ? empty : items.front();
}

std::vector<std::string_view> Formatters::names() {
    std::vector<std::string_view> out;
    for (const Spec& spec : kSpecs)
        out.push_back(spec.name);
    return out;
}

std::optional<FormatterError> Formatters::check(const FormatterCall& call) {
    const Spec* spec = find(call.name);
    if (spec == nullptr) {
        std::string known;
        for (const Spec& s : kSpecs)
            known += (known.empty() ? "" : ", ") + std::string(s.name);
        return FormatterError{"unknown-formatter",
                              "unknown formatter '" + call.name + "' (known: " + known + ")"};
    }
    if (call.arguments.size() < spec->minArguments || call.arguments.size() > spec->maxArguments) {
        return FormatterError{"formatter-arguments", "'" + call.name + "' takes at most " +
                                                         std::to_string(spec->maxArguments) +
                                                         " argument(s)"};
    }
    if (spec->numericArgument && !decimalsArgument(call, 0)) {
        return FormatterError{"formatter-arguments",
                              "'" + call.name + "' takes a number of decimals from 0 to 20"};
    }
    return std::nullopt;
}

bool Formatters::takesList(const FormatterCall& call) {
    return call.name == "join";
}

std::optional<FormatterError> Formatters::apply(const FormatterCall& call, Value& value) {
    if (call.name == "join") {
        std::string separator = call.arguments.empty() ? ", " : call.arguments[0];
        std::string last = call.arguments.size() > 1 ? call.arguments[1] : separator;
        std::string joined;
        for (size_t i = 0; i < value.items.size(); ++i) {
            if (i > 0) joined += (i + 1 == value.items.size()) ? last : separator;
            joined += value.items[i];
        }
        value.items = {std::move(joined)};
        value.list = false;
        return std::nullopt;
    }
    const std::string input = value.first();
    std::optional<std::string> result;
    if (call.name == "long-date") {
        result = longDate(input);
        if (!result) return badInput(call, input, "a date (YYYY-MM-DD)");
    } else if (call.name == "short-date") {
        result = shortDate(input);
        if (!result) return badInput(call, input, "a date (YYYY-MM-DD)");
    } else if (call.name == "euro" || call.name == "whole-euro") {
        result = euro(input, call.name == "whole-euro");
        if (!result) return badInput(call, input, "an amount such as 1234.56");
    } else if (call.name == "percent") {
        result = percent(input, *decimalsArgument(call, -1));
        if (!result) return badInput(call, input, "a number such as 12.5");
    } else if (call.name == "number") {
        result = number(input, *decimalsArgument(call, -1));
        if (!result) return badInput(call, input, "a number such as 1234.5");
    } else if (call.name == "upper") {
        result = upper(input);
    } else if (call.name == "lower") {
        result = lower(input);
    } else {
        return FormatterError{"unknown-formatter", "unknown formatter '" + call.name + "'"};
    }
    value.items = {std::move(*result)};
    value.list = false;
    return std::nullopt;
}

std::optional<std::string> Formatters::longDate(std::string_view isoDate) {
    auto date = parseDate(isoDate);
    if (!date) return std::nullopt;
    return dates::dutch(std::chrono::year_month_day{
        std::chrono::year{date->year}, std::chrono::month{static_cast<unsigned>(date->month)},
        std::chrono::day{static_cast<unsigned>(date->day)}});
}

std::optional<std::string> Formatters::shortDate(std::string_view isoDate) {
    auto date = parseDate(isoDate);
    if (!date) return std::nullopt;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d-%02d-%04d", date->day, date->month, date->year);
    return std::string(buffer);
}

std::optional<std::string> Formatters::number(std::string_view decimal, int decimals) {
    auto d = parseDecimal(decimal);
    if (!d) return std::nullopt;
    round(*d, decimals);
    return dutch(*d);
}

std::optional<std::string> Formatters::euro(std::string_view decimal, bool wholeEuros) {
    auto amount = number(decimal, wholeEuros ? 0 : 2);
    if (!amount) return std::nullopt;
    return "€ " + *amount;
}

std::optional<std::string> Formatters::percent(std::string_view decimal, int decimals) {
    auto amount = number(decimal, decimals);
    if (!amount) return std::nullopt;
    return *amount + "%";
}

std::string Formatters::upper(std::string_view text) {
    return mapCase(text, true);
}
std::string Formatters::lower(std::string_view text) {
    return mapCase(text, false);
}

}  // namespace beraad::render
