#include "beraad/history/CanonicalJson.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <cstdio>
#include <map>
#include <stdexcept>

namespace beraad {
namespace {

void appendString(std::string& out, const std::string& text) {
    out += '"';
    for (unsigned char c : text) {
        if (c == '"') {
            out += "\\\"";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
}

void append(std::string& out, const Poco::Dynamic::Var& value);

void appendObject(std::string& out, const Poco::JSON::Object& object) {
    std::map<std::string, Poco::Dynamic::Var> sorted;
    for (const auto& [key, member] : object)
        sorted.emplace(key, member);
    out += '{';
    bool first = true;
    for (const auto& [key, member] : sorted) {
        if (!first) out += ',';
        first = false;
        appendString(out, key);
        out += ':';
        append(out, member);
    }
    out += '}';
}

void appendArray(std::string& out, const Poco::JSON::Array& array) {
    out += '[';
    for (size_t i = 0; i < array.size(); ++i) {
        if (i > 0) out += ',';
        append(out, array.get(static_cast<unsigned>(i)));
    }
    out += ']';
}

void append(std::string& out, const Poco::Dynamic::Var& value) {
    if (value.isEmpty()) {
        out += "null";
    } else if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        appendObject(out, *value.extract<Poco::JSON::Object::Ptr>());
    } else if (value.type() == typeid(Poco::JSON::Object)) {
        appendObject(out, value.extract<Poco::JSON::Object>());
    } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        appendArray(out, *value.extract<Poco::JSON::Array::Ptr>());
    } else if (value.type() == typeid(Poco::JSON::Array)) {
        appendArray(out, value.extract<Poco::JSON::Array>());
    } else if (value.type() == typeid(bool)) {
        out += value.extract<bool>() ? "true" : "false";
    } else if (value.isInteger()) {
        out += value.isSigned() ? std::to_string(value.convert<Poco::Int64>())
                                : std::to_string(value.convert<Poco::UInt64>());
    } else if (value.isString()) {
        appendString(out, value.convert<std::string>());
    } else {
        throw std::invalid_argument(
            "canonical JSON holds strings, integers, booleans, "
            "arrays and objects only");
    }
}

}  // namespace

std::string canonicalJson(const Poco::Dynamic::Var& value) {
    std::string out;
    append(out, value);
    return out;
}

std::string canonicalJson(const Poco::JSON::Object& object) {
    std::string out;
    appendObject(out, object);
    return out;
}

Poco::JSON::Object::Ptr parseJsonObject(const std::string& text) {
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace beraad
