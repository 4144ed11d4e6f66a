// Fuzz target: the REST API (server/api/Api.h) on a request made from the
// bytes as the server makes one: the head read by Poco's HTTPRequest::read
// and taken by readRequestHead, the rest of the bytes the body. Each input
// gets a fresh engine on a SQLite store in a temporary folder (a copy of one
// initialised once), so inputs do not depend on each other. Bearer tokens
// "beheerder", "kwartiermaker" (AM05), "secretariaat" (AM05) and "auditor"
// stand for actors of those roles; any other token is checked by the engine.

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

#include "FuzzSupport.h"
#include "RequestHead.h"
#include "api/Api.h"
#include "beraad/Engine.h"
#include "beraad/store/SqliteStore.h"

namespace {

using namespace beraad;

// The temporary folder of this process, removed when it ends, with a store
// whose reference data is loaded.
struct Scratch {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("beraad-fuzz-api-" + std::to_string(getpid()));
    std::filesystem::path initialised = dir / "initialised.sqlite";
    Scratch() {
        std::filesystem::create_directories(dir);
        Engine engine(openSqliteStore({initialised.string()}));
        if (!engine.initialize()) std::abort();
    }
    ~Scratch() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

Scratch& scratch() {
    static Scratch folder;
    return folder;
}

Result<Actor> authenticate(Engine& engine, const std::string& token) {
    if (token == "beheerder") return Actor{"Fuzz Beheerder", Role::Beheerder, "*", std::nullopt};
    if (token == "kwartiermaker") {
        return Actor{"Fuzz Kwartiermaker", Role::Kwartiermaker, "AM05", std::nullopt};
    }
    if (token == "secretariaat") {
        return Actor{"Fuzz Secretariaat", Role::Secretariaat, "AM05", std::nullopt};
    }
    if (token == "auditor") return Actor{"Fuzz Auditor", Role::Auditor, "*", std::nullopt};
    return engine.authenticate(token);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::istringstream bytes{std::string(fuzz::asText(data, size))};
    Poco::Net::HTTPRequest head;
    server::ApiRequest request;
    try {
        head.read(bytes);
        server::readRequestHead(head, request);
    } catch (const Poco::Exception&) {
        return 0;  // answered before the Api (http_request fuzzes that)
    }
    request.body.assign(std::istreambuf_iterator<char>(bytes), std::istreambuf_iterator<char>());
    request.requestId = "1";

    auto store = scratch().dir / "store.sqlite";
    for (const char* suffix : {"-wal", "-shm"})
        std::filesystem::remove(store.string() + suffix);
    std::filesystem::copy_file(scratch().initialised, store,
                               std::filesystem::copy_options::overwrite_existing);
    Engine engine(openSqliteStore({store.string()}));
    server::Api api(engine,
                    [&engine](const std::string& token) { return authenticate(engine, token); });
    api.handle(request);
    return 0;
}
