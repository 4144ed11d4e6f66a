// Fuzz target: the REST API (server/api/Api.h) on a request made from the
// bytes as the server makes one: the head read by Poco's HTTPRequest::read
// and taken by readRequestHead, the rest of the bytes the body. Each input
// gets a fresh engine on a SQLite store in a temporary folder, a copy of one
// made once that holds the reference data, the partner uwv of AM05 and the
// beleidsagenda AM05-beleidsagenda-1 (templates/voorbeelden/twente), so
// inputs do not depend on each other. Bearer tokens "beheerder",
// "kwartiermaker" (AM05), "secretariaat" (AM05) and "auditor" stand for
// actors of those roles; any other token is checked by the engine.

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "FuzzSupport.h"
#include "RequestHead.h"
#include "api/Api.h"
#include "beraad/Engine.h"
#include "beraad/store/SqliteStore.h"

namespace {

using namespace beraad;

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

// The request the server makes of `bytes`; none when Poco refuses its head
// (answered before the Api; http_request fuzzes that).
std::optional<server::ApiRequest> requestOf(std::string_view bytes) {
    std::istringstream in{std::string(bytes)};
    Poco::Net::HTTPRequest head;
    server::ApiRequest request;
    try {
        head.read(in);
        server::readRequestHead(head, request);
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
    request.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    request.requestId = "1";
    return request;
}

server::ApiResponse handle(const std::filesystem::path& store, std::string_view bytes) {
    Engine engine(openSqliteStore({store.string()}));
    if (!engine.initialize()) std::abort();
    server::Api api(engine,
                    [&engine](const std::string& token) { return authenticate(engine, token); });
    auto request = requestOf(bytes);
    if (!request) return {};
    return api.handle(*request);
}

// The temporary folder of this process, removed when it ends, and the
// store every input starts from.
struct Scratch {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("beraad-fuzz-api-" + std::to_string(getpid()));
    std::filesystem::path initial = dir / "initial.sqlite";

    Scratch() {
        std::filesystem::create_directories(dir);
        setUp(
            "PUT /api/v1/regios/AM05/partners/uwv HTTP/1.1\r\n"
            "Authorization: Bearer secretariaat\r\nIf-None-Match: *\r\n\r\n"
            "{\"naam\":\"UWV\",\"soort\":\"uwv\",\"vertegenwoordigers\":"
            "[{\"naam\":\"M. Jansen\",\"functie\":\"regiomanager\",\"email\":\"\"}]}");
        setUp(
            "POST /api/v1/documenten?bericht=concept HTTP/1.1\r\n"
            "Authorization: Bearer kwartiermaker\r\nContent-Type: application/xml\r\n"
            "If-Match: *\r\n\r\n" +
            fuzz::readSourceFile("templates/voorbeelden/twente/beleidsagenda.xml"));
    }
    ~Scratch() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }

    void setUp(const std::string& bytes) const {
        auto response = handle(initial, bytes);
        if (response.status / 100 == 2) return;
        std::fprintf(stderr, "api: setting up the store failed: %d %s\n", response.status,
                     response.body.c_str());
        std::abort();
    }
};

const Scratch& scratch() {
    static const Scratch folder;
    return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto store = scratch().dir / "store.sqlite";
    for (const char* suffix : {"-wal", "-shm"})
        std::filesystem::remove(store.string() + suffix);
    std::filesystem::copy_file(scratch().initial, store,
                               std::filesystem::copy_options::overwrite_existing);
    handle(store, fuzz::asText(data, size));
    return 0;
}
