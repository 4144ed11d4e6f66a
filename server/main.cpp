// beraad-server: the REST API (/api/v1) over the Beraad engine.
#include <boost/program_options.hpp>

#include <csignal>
#include <iostream>

#include "PocoServer.h"
#include "ServerConfig.h"
#include "TimerScheduler.h"
#include "web/Web.h"
#include "api/Api.h"
#include "beraad/store/SqliteStore.h"
#include "beraad/trust/KeyFolder.h"

namespace po = boost::program_options;
using namespace beraad;
using namespace beraad::server;

namespace {

int fail(const std::string& message) {
    std::cerr << "beraad-server: " << message << '\n';
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    po::options_description options(
        "beraad-server options (each also as BERAAD_SERVER_<NAME> and in --config)");
    options.add_options()("help,h", "show this help")(
        "config", po::value<std::string>(), "configuration file with 'key = value' lines")(
        "bind", po::value<std::string>(), "address to listen on (default 127.0.0.1)")(
        "port", po::value<std::string>(), "port (default 8080; 0 picks a free port and prints it)")(
        "store", po::value<std::string>(),
        "SQLite store file (default: $BERAAD_STORE or the user's data folder)")(
        "sleutelmap", po::value<std::string>(),
        "folder of the signing key checkpoints are signed with (default: the store file's name "
        "with .sleutels); created with a new key when missing; keep it off the store's disk")(
        "installatie", po::value<std::string>(),
        "name a new signing key signs with (default beraad-<host name>)")(
        "max-body-bytes", po::value<std::string>(),
        "largest content upload accepted (default 4194304; JSON bodies: 65536)")(
        "max-bundle-bytes", po::value<std::string>(),
        "largest bundle POST /bundel-verificaties accepts (default 67108864)")(
        "max-heavy-requests", po::value<std::string>(),
        "renders, exports and verifications at a time; more wait 2 s, then 503 (default: the "
        "cores)")("max-connections-per-client", po::value<std::string>(),
                  "connections one client address may hold at once; more get 503 (default 32)")(
        "request-timeout", po::value<std::string>(),
        "seconds a client may take to send (default 30)")(
        "max-connections", po::value<std::string>(),
        "connections queued beyond the worker threads (default 64)")(
        "threads", po::value<std::string>(), "worker threads (default: twice the cores)")(
        "timer-interval", po::value<std::string>(),
        "seconds between runs of the timed transitions, such as in-werking-treden on the start "
        "date (default 60; 0: off, another server takes them)")(
        "log-level", po::value<std::string>(), "info (every request) or warning (errors only)")(
        "achter-proxy",
        "a TLS proxy is in front of the server: allow a bind other than loopback (the server "
        "itself speaks plain HTTP)");
    po::variables_map flags;
    try {
        po::store(po::parse_command_line(argc, argv, options), flags);
        po::notify(flags);
    } catch (const po::error& error) {
        return fail(std::string(error.what()) + "; see --help");
    }
    if (flags.count("help")) {
        std::cout
            << "beraad-server - the Beraad REST API (/api/v1)\n\n"
            << options
            << "\nExample:\n  beraad-server --port 8080 --store /var/lib/beraad/beraad.sqlite\n"
               "Tokens: create them with 'beraad token create --role beheerder ...' on the same "
               "store.\n";
        return 0;
    }

    ServerConfig config;
    if (flags.count("config")) {
        auto applied = applyConfigFile(config, flags["config"].as<std::string>());
        if (!applied) return fail(applied.error().describe());
    }
    if (auto applied = applyEnvironment(config); !applied) return fail(applied.error().describe());
    for (const char* key :
         {"bind", "port", "store", "sleutelmap", "installatie", "max-body-bytes",
          "max-bundle-bytes", "max-heavy-requests", "request-timeout", "max-connections",
          "max-connections-per-client", "threads", "timer-interval", "log-level"}) {
        if (!flags.count(key)) continue;
        auto applied = applySetting(config, key, flags[key].as<std::string>());
        if (!applied) return fail("--" + std::string(key) + ": " + applied.error().message);
    }
    if (flags.count("achter-proxy")) config.behindProxy = true;
    if (auto bind = checkBind(config); !bind) return fail(bind.error().describe());
    if (config.store.empty()) config.store = defaultStorePath();

    // Block the stop signals in every thread; the main thread waits for them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    try {
        Engine engine(openSqliteStore({config.store}));
        std::string keyFolder =
            config.keyFolder.empty() ? trust::defaultKeyFolder(config.store) : config.keyFolder;
        auto keys = trust::KeyFolder::open(keyFolder, config.installation.empty()
                                                          ? trust::defaultInstallationName()
                                                          : config.installation);
        auto adopted = engine.useSigningKeys(keys);
        if (!adopted) return fail(adopted.error().describe());
        // After the key: a new store's first event is signed like every other.
        if (auto initialised = engine.initialize(); !initialised)
            return fail(initialised.error().describe());
        if (keys->created()) {
            std::cout << "beraad-server: created signing key "
                      << trust::formatVerifierKey(keys->activeKey()) << " in " << keyFolder
                      << " (signed " << adopted.value() << " existing streams)" << std::endl;
        }
        ApiLimits limits;
        limits.maxContentBytes = config.maxBodyBytes;
        limits.maxBundleBytes = config.maxBundleBytes;
        limits.heavySlots = config.maxHeavyRequests;
        Api api(
            engine, [&engine](const std::string& token) { return engine.authenticate(token); },
            limits);
        Web web(engine, WebConfig{config.behindProxy,
                                  {},
                                  64 * 1024,
                                  config.maxBodyBytes + 64 * 1024,
                                  config.maxBundleBytes + 64 * 1024});
        api.serveWeb(&web);
        PocoServer server(api, config, std::clog);
        server.start();
        TimerScheduler timers(engine, config.timerInterval, std::clog);
        timers.start();
        std::cout << "beraad-server: listening on http://" << config.bind << ":" << server.port()
                  << "/api/v1 (store " << config.store << ", " << config.threads << " threads)"
                  << std::endl;
        std::cout << "beraad-server: web front end on http://" << config.bind << ":"
                  << server.port() << "/" << std::endl;
        int received = 0;
        sigwait(&stopSignals, &received);
        std::cout << "beraad-server: " << (received == SIGTERM ? "SIGTERM" : "SIGINT")
                  << " received; finishing requests in flight" << std::endl;
        timers.stop();
        server.stop();
        std::cout << "beraad-server: stopped" << std::endl;
    } catch (const StoreError& error) {
        return fail(std::string("store: ") + error.what());
    } catch (const Poco::Exception& error) {
        return fail(error.displayText());
    } catch (const std::exception& error) {
        return fail(error.what());
    }
    return 0;
}
