#include "beraad/present/Dutch.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

#include "beraad/base/Resources.h"

namespace beraad::present {
namespace {

constexpr std::string_view kCatalogue = "engine/data/meldingen.txt";
constexpr int kMaxDepth = 3;  // a message quoting a message quoting a message

// A pattern cut at its values: literal 0, value, literal 1, value, ...
struct Compiled {
    std::vector<std::string> literals;  // one more than there are values
    const Melding* melding = nullptr;
    std::size_t literalLength = 0;
};

std::vector<std::string> splitPattern(std::string_view pattern) {
    std::vector<std::string> literals{std::string()};
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern.compare(i, 2, "{}") == 0) {
            literals.emplace_back();
            ++i;
        } else {
            literals.back() += pattern[i];
        }
    }
    return literals;
}

// The {n} references of a Dutch text, in order, or nullopt for a malformed
// one ("{x}", "{0}", an unclosed brace).
std::optional<std::vector<int>> references(std::string_view dutch) {
    std::vector<int> found;
    for (std::size_t i = 0; i < dutch.size(); ++i) {
        if (dutch[i] != '{') continue;
        auto close = dutch.find('}', i);
        if (close == std::string_view::npos || close == i + 1 || close - i > 3) return std::nullopt;
        int number = 0;
        for (auto c : dutch.substr(i + 1, close - i - 1)) {
            if (c < '0' || c > '9') return std::nullopt;
            number = number * 10 + (c - '0');
        }
        if (number == 0) return std::nullopt;
        found.push_back(number);
        i = close;
    }
    return found;
}

std::string checkPair(const Melding& melding) {
    auto literals = splitPattern(melding.english);
    int values = static_cast<int>(literals.size()) - 1;
    for (std::size_t i = 1; i + 1 < literals.size(); ++i) {
        if (literals[i].empty()) return "two values follow each other without text between them";
    }
    if (values == 1 && literals.front().empty() && literals.back().empty()) {
        return "the pattern is a value only";
    }
    auto used = references(melding.dutch);
    if (!used) return "the Dutch text has a malformed {n}";
    std::vector<int> counts(static_cast<std::size_t>(values) + 1, 0);
    for (int number : *used) {
        if (number > values) {
            return "the Dutch text names {" + std::to_string(number) + "}, the pattern has " +
                   std::to_string(values) + " value(s)";
        }
        ++counts[static_cast<std::size_t>(number)];
    }
    for (int number = 1; number <= values; ++number) {
        if (counts[static_cast<std::size_t>(number)] != 1) {
            return "the Dutch text must use {" + std::to_string(number) + "} exactly once";
        }
    }
    return {};
}

// Matches text against the literals from index `at` on, the text from `from`
// on; the values found so far are in `values`. Tries the shortest value
// (the empty one) first, then longer ones.
bool matchFrom(const std::vector<std::string>& literals, std::size_t at, std::string_view text,
               std::size_t from, std::vector<std::string_view>& values) {
    const auto& next = literals[at];
    if (at + 1 == literals.size()) {
        // The last literal closes the text, after a value (empty too: a
        // schema names the value '' a person left empty).
        if (text.size() < from + next.size()) return false;
        if (text.compare(text.size() - next.size(), next.size(), next) != 0) return false;
        values.push_back(text.substr(from, text.size() - next.size() - from));
        return true;
    }
    for (auto found = text.find(next, from); found != std::string_view::npos;
         found = text.find(next, found + 1)) {
        values.push_back(text.substr(from, found - from));
        if (matchFrom(literals, at + 1, text, found + next.size(), values)) return true;
        values.pop_back();
    }
    return false;
}

std::optional<std::vector<std::string_view>> match(const Compiled& pattern, std::string_view text) {
    const auto& first = pattern.literals.front();
    if (text.compare(0, first.size(), first) != 0) return std::nullopt;
    std::vector<std::string_view> values;
    if (pattern.literals.size() == 1) {
        if (text.size() != first.size()) return std::nullopt;
        return values;
    }
    if (!matchFrom(pattern.literals, 1, text, first.size(), values)) return std::nullopt;
    return values;
}

const std::vector<Compiled>& compiled() {
    static const std::vector<Compiled> patterns = [] {
        std::vector<Compiled> result;
        for (const auto& melding : meldingen()) {
            Compiled pattern{splitPattern(melding.english), &melding, 0};
            for (const auto& literal : pattern.literals)
                pattern.literalLength += literal.size();
            result.push_back(std::move(pattern));
        }
        // The most specific first: "x is {}; y" before "x is {}".
        std::stable_sort(result.begin(), result.end(), [](const Compiled& a, const Compiled& b) {
            return a.literalLength > b.literalLength;
        });
        return result;
    }();
    return patterns;
}

std::string translate(std::string_view message, int depth);

std::string fill(const std::string& dutch, const std::vector<std::string_view>& values, int depth) {
    std::string out;
    for (std::size_t i = 0; i < dutch.size(); ++i) {
        if (dutch[i] == '{') {
            auto close = dutch.find('}', i);
            auto number = std::stoul(dutch.substr(i + 1, close - i - 1));
            out += translate(values[number - 1], depth + 1);
            i = close;
        } else {
            out += dutch[i];
        }
    }
    return out;
}

std::string translate(std::string_view message, int depth) {
    if (depth <= kMaxDepth) {
        for (const auto& pattern : compiled()) {
            if (auto values = match(pattern, message)) {
                return fill(pattern.melding->dutch, *values, depth);
            }
        }
    }
    return std::string(message);
}

bool carriesHumanText(const std::string& member) {
    static const std::array<std::string_view, 7> kMembers{
        "melding",   "toelichting", "waarschuwingen", "gevolgen",
        "geweigerd", "blokkades",   "omschrijving"};
    return std::find(kMembers.begin(), kMembers.end(), member) != kMembers.end();
}

void translateValue(Poco::Dynamic::Var& value, bool humanText);

void translateArray(Poco::JSON::Array& array, bool humanText) {
    for (std::size_t i = 0; i < array.size(); ++i) {
        // A copy: an object or array held by value, or a string, is written back.
        Poco::Dynamic::Var item = array.get(static_cast<unsigned int>(i));
        translateValue(item, humanText);
        array.set(static_cast<unsigned int>(i), item);
    }
}

void translateValue(Poco::Dynamic::Var& value, bool humanText) {
    if (value.isEmpty()) return;
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        Poco::JSON::Object::Ptr object = value.extract<Poco::JSON::Object::Ptr>();
        translateHumanText(*object);
    } else if (value.type() == typeid(Poco::JSON::Object)) {
        auto object = value.extract<Poco::JSON::Object>();
        translateHumanText(object);
        value = object;
    } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        Poco::JSON::Array::Ptr array = value.extract<Poco::JSON::Array::Ptr>();
        translateArray(*array, humanText);
    } else if (value.type() == typeid(Poco::JSON::Array)) {
        auto array = value.extract<Poco::JSON::Array>();
        translateArray(array, humanText);
        value = array;
    } else if (humanText && value.isString()) {
        value = inDutch(value.extract<std::string>());
    }
}

}  // namespace

std::vector<Melding> parseMeldingen(std::string_view text, std::vector<std::string>& problems) {
    std::vector<Melding> result;
    std::optional<Melding> open;
    int number = 0;
    auto problem = [&](int line, const std::string& what) {
        problems.push_back(std::string(kCatalogue) + ":" + std::to_string(line) + ": " + what);
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++number;
        if (line.empty() || line.front() == '#') {
            if (end == text.size()) break;
            continue;
        }
        if (line.rfind("en: ", 0) == 0) {
            if (open) problem(open->line, "an en: line without its nl: line");
            open = Melding{std::string(line.substr(4)), {}, number};
        } else if (line.rfind("nl: ", 0) == 0) {
            if (!open) {
                problem(number, "an nl: line without an en: line before it");
            } else {
                open->dutch = std::string(line.substr(4));
                auto twice = std::find_if(result.begin(), result.end(), [&](const Melding& m) {
                    return m.english == open->english;
                });
                if (auto wrong = checkPair(*open); !wrong.empty()) {
                    problem(open->line, wrong);
                } else if (twice != result.end()) {
                    problem(open->line, "the pattern is in the catalogue already, at line " +
                                            std::to_string(twice->line));
                } else {
                    result.push_back(*open);
                }
                open.reset();
            }
        } else {
            problem(number, "a line must start with 'en: ', 'nl: ' or '#'");
        }
        if (end == text.size()) break;
    }
    if (open) problem(open->line, "an en: line without its nl: line");
    return result;
}

const std::vector<Melding>& meldingen() {
    static const std::vector<Melding> catalogue = [] {
        auto text = resources::find(kCatalogue);
        if (!text) throw std::logic_error(std::string(kCatalogue) + " is not compiled in");
        std::vector<std::string> problems;
        auto parsed = parseMeldingen(*text, problems);
        if (!problems.empty()) throw std::logic_error(problems.front());
        return parsed;
    }();
    return catalogue;
}

std::string inDutch(std::string_view message) {
    return translate(message, 0);
}

Error inDutch(Error error) {
    error.message = inDutch(error.message);
    for (auto& detail : error.details)
        detail.message = inDutch(detail.message);
    return error;
}

void translateHumanText(Poco::JSON::Object& object) {
    for (auto& [member, value] : object) {
        translateValue(value, carriesHumanText(member));
    }
}

}  // namespace beraad::present
