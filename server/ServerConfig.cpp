#include "ServerConfig.h"

#include <cstdlib>
#include <fstream>

namespace beraad::server {
namespace {

Result<long long> number(const std::string& key, const std::string& value, long long minimum,
                         long long maximum) {
    size_t used = 0;
    long long parsed = 0;
    try {
        parsed = std::stoll(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != value.size() || parsed < minimum || parsed > maximum) {
        return makeError(ErrorCode::InvalidInput,
                         key + " must be a whole number from " + std::to_string(minimum) + " to " +
                             std::to_string(maximum) + ", not '" + value + "'");
    }
    return parsed;
}

std::string trim(const std::string& text) {
    auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

}  // namespace

Result<void> applySetting(ServerConfig& config, const std::string& key, const std::string& value) {
    if (key == "bind") {
        if (value.empty())
            return makeError(ErrorCode::InvalidInput, "bind needs an address, e.g. 127.0.0.1");
        config.bind = value;
    } else if (key == "port") {
        auto port = number(key, value, 0, 65535);
        if (!port) return port.error();
        config.port = static_cast<unsigned short>(*port);
    } else if (key == "store") {
        config.store = value;
    } else if (key == "sleutelmap") {
        config.keyFolder = value;
    } else if (key == "installatie") {
        config.installation = value;
    } else if (key == "max-body-bytes") {
        auto bytes = number(key, value, 1024, 1LL << 30);
        if (!bytes) return bytes.error();
        config.maxBodyBytes = static_cast<std::size_t>(*bytes);
    } else if (key == "max-bundle-bytes") {
        auto bytes = number(key, value, 1024, 1LL << 32);
        if (!bytes) return bytes.error();
        config.maxBundleBytes = static_cast<std::size_t>(*bytes);
    } else if (key == "max-heavy-requests") {
        auto count = number(key, value, 1, 256);
        if (!count) return count.error();
        config.maxHeavyRequests = static_cast<int>(*count);
    } else if (key == "max-connections-per-client") {
        auto count = number(key, value, 1, 100000);
        if (!count) return count.error();
        config.maxConnectionsPerClient = static_cast<int>(*count);
    } else if (key == "request-timeout") {
        auto seconds = number(key, value, 1, 3600);
        if (!seconds) return seconds.error();
        config.requestTimeout = std::chrono::seconds(*seconds);
    } else if (key == "timer-interval") {
        auto seconds = number(key, value, 0, 86400);
        if (!seconds) return seconds.error();
        config.timerInterval = std::chrono::seconds(*seconds);
    } else if (key == "max-connections") {
        auto count = number(key, value, 1, 100000);
        if (!count) return count.error();
        config.maxConnections = static_cast<int>(*count);
    } else if (key == "threads") {
        auto count = number(key, value, 1, 1024);
        if (!count) return count.error();
        config.threads = static_cast<int>(*count);
    } else if (key == "achter-proxy") {
        if (value != "true" && value != "false" && value != "ja" && value != "nee") {
            return makeError(ErrorCode::InvalidInput,
                             "achter-proxy must be true or false, not '" + value + "'");
        }
        config.behindProxy = value == "true" || value == "ja";
    } else if (key == "log-level") {
        if (value != "info" && value != "warning") {
            return makeError(ErrorCode::InvalidInput,
                             "log-level must be info or warning, not '" + value + "'");
        }
        config.logLevel = value;
    } else {
        return makeError(ErrorCode::InvalidInput, "unknown setting '" + key + "'");
    }
    return {};
}

bool isLoopback(const std::string& address) {
    return address == "localhost" || address == "::1" || address == "[::1]" ||
           address.starts_with("127.");
}

Result<void> checkBind(const ServerConfig& config) {
    if (isLoopback(config.bind) || config.behindProxy) return {};
    return makeError(ErrorCode::InvalidInput,
                     "bind " + config.bind +
                         " is not a loopback address, and beraad-server speaks plain HTTP: "
                         "tokens and documents would cross the network unencrypted. Put a TLS "
                         "proxy in front of it and start it with --achter-proxy (achter-proxy = "
                         "true), or bind 127.0.0.1");
}

Result<void> applyConfigFile(ServerConfig& config, const std::string& path) {
    std::ifstream in(path);
    if (!in) return makeError(ErrorCode::InvalidInput, "cannot read configuration file " + path);
    std::vector<ErrorDetail> problems;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        auto hash = line.find('#');
        if (hash != std::string::npos) line.resize(hash);
        line = trim(line);
        if (line.empty()) continue;
        auto equals = line.find('=');
        if (equals == std::string::npos) {
            problems.push_back({"expected 'key = value'", number, path});
            continue;
        }
        auto applied =
            applySetting(config, trim(line.substr(0, equals)), trim(line.substr(equals + 1)));
        if (!applied) problems.push_back({applied.error().message, number, path});
    }
    if (!problems.empty()) {
        return makeError(ErrorCode::InvalidInput, "the configuration file " + path + " has errors",
                         std::move(problems));
    }
    return {};
}

Result<void> applyEnvironment(ServerConfig& config) {
    const char* keys[] = {"bind",
                          "port",
                          "sleutelmap",
                          "installatie",
                          "max-body-bytes",
                          "request-timeout",
                          "max-connections",
                          "threads",
                          "timer-interval",
                          "log-level",
                          "achter-proxy"};
    for (const char* key : keys) {
        std::string name = "BERAAD_SERVER_";
        for (const char* c = key; *c; ++c)
            name += *c == '-' ? '_' : static_cast<char>(std::toupper(*c));
        if (const char* value = std::getenv(name.c_str()); value && *value) {
            auto applied = applySetting(config, key, value);
            if (!applied)
                return makeError(ErrorCode::InvalidInput, name + ": " + applied.error().message);
        }
    }
    if (const char* store = std::getenv("BERAAD_STORE"); store && *store) config.store = store;
    return {};
}

}  // namespace beraad::server
