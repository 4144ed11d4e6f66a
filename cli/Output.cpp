#include "Output.h"

#include <algorithm>
#include <ostream>

#include "beraad/history/CanonicalJson.h"

namespace beraad::cli {

void printJson(std::ostream& out, const Poco::Dynamic::Var& value) {
    if (value.type() == typeid(Poco::JSON::Object)) {
        value.extract<Poco::JSON::Object>().stringify(out, 2);
    } else if (value.type() == typeid(Poco::JSON::Array)) {
        const auto& array = value.extract<Poco::JSON::Array>();
        if (array.size() == 0) {
            out << "[]";
        } else {
            array.stringify(out, 2);
        }
    } else {
        out << canonicalJson(value);
    }
    out << '\n';
}

void printTable(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    std::vector<size_t> widths;
    auto displayWidth = [](const std::string& text) {
        // Count UTF-8 code points, not bytes, so Dutch names line up.
        return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }));
    };
    for (const auto& row : rows) {
        if (widths.size() < row.size()) widths.resize(row.size(), 0);
        for (size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(row[i]));
    }
    for (const auto& row : rows) {
        for (size_t i = 0; i < row.size(); ++i) {
            out << row[i];
            if (i + 1 < row.size()) out << std::string(widths[i] - displayWidth(row[i]) + 2, ' ');
        }
        out << '\n';
    }
}

}  // namespace beraad::cli
