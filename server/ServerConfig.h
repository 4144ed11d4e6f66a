#pragma once
// Configuration of beraad-server: built-in defaults, then a configuration
// file (key = value), then BERAAD_SERVER_* environment variables, then
// command-line flags; each later source overrides the earlier ones.

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "beraad/base/Result.h"

namespace beraad::server {

struct ServerConfig {
    std::string bind = "127.0.0.1";
    unsigned short port = 8080;
    std::string store;         // empty: the engine's default location
    std::string keyFolder;     // signing key folder; empty: beside the store
    std::string installation;  // name a new key signs with; empty: beraad-<host name>
    std::size_t maxBodyBytes = 4 * 1024 * 1024;     // a content upload
    std::size_t maxBundleBytes = 64 * 1024 * 1024;  // a bundle to verify
    // Renders, exports and verifications at a time; more wait up to 2 s, then 503.
    int maxHeavyRequests = std::thread::hardware_concurrency() > 0
                               ? static_cast<int>(std::thread::hardware_concurrency())
                               : 2;
    // Connections one client address may hold open (and queued) at once.
    int maxConnectionsPerClient = 32;
    std::chrono::seconds requestTimeout{30};
    int maxConnections = 64;  // queued connections beyond the worker threads
    int threads = static_cast<int>(
        std::thread::hardware_concurrency() * 2 > 0 ? std::thread::hardware_concurrency() * 2 : 4);
    // How often the server takes the timed transitions that are due
    // (docs/workflow.md); 0 turns the scheduler off (another server does it).
    std::chrono::seconds timerInterval{60};
    std::string logLevel = "info";  // "info" logs every request, "warning" only errors
    // The server speaks plain HTTP: a bind to an address other than loopback
    // is refused unless the operator says a TLS proxy is in front of it.
    bool behindProxy = false;
};

// Whether `address` is a loopback address (127.0.0.0/8, ::1, localhost).
bool isLoopback(const std::string& address);

// The bind refused when it is not loopback and not behind a TLS proxy.
Result<void> checkBind(const ServerConfig& config);

// Applies "key = value" lines of a configuration file (keys as the flags:
// bind, port, store, sleutelmap, installatie, max-body-bytes,
// max-bundle-bytes, max-heavy-requests, request-timeout, max-connections,
// max-connections-per-client, threads, timer-interval, log-level, achter-proxy; # starts a
// comment). Every bad line is reported.
Result<void> applyConfigFile(ServerConfig& config, const std::string& path);

// Applies BERAAD_SERVER_BIND, BERAAD_SERVER_PORT, ... (the keys upper-cased,
// '-' as '_') and BERAAD_STORE.
Result<void> applyEnvironment(ServerConfig& config);

// Sets one key; used by all three sources so they accept the same values.
Result<void> applySetting(ServerConfig& config, const std::string& key, const std::string& value);

}  // namespace beraad::server
