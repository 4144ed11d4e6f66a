#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "Cli.h"
#include "NamedWriterStore.h"
#include "Output.h"
#include "Receipts.h"
#include "beraad/store/SqliteStore.h"
#include "beraad/trust/KeyFolder.h"

namespace beraad::cli {

int exitCodeFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput:
        case ErrorCode::InvalidContent:
            return kInvalid;
        case ErrorCode::NotFound:
            return kNotFound;
        case ErrorCode::Conflict:
            return kConflict;
        case ErrorCode::Unauthenticated:
        case ErrorCode::Forbidden:
            return kForbidden;
        case ErrorCode::Refused:
            return kRefused;
        case ErrorCode::Integrity:
            return kIntegrity;
        case ErrorCode::Storage:
            return kStorage;
    }
    return kFailure;
}

Context::Context(std::string storePath, Actor actor, bool json, std::ostream& out,
                 std::ostream& err)
    : storePath_(std::move(storePath)),
      actor_(std::move(actor)),
      json_(json),
      out_(out),
      err_(err) {
    keyFolder_ = trust::defaultKeyFolder(storePath_);
    installation_ = trust::defaultInstallationName();
    receiptFolder_ = defaultReceiptFolder();
}

void Context::keepReceipt() {
    if (!backend_) return;
    auto receipt = backend_->takeReceipt();
    if (!receipt) return;
    try {
        std::string file = writeReceipt(receiptFolder_, *receipt);
        err_ << "beraad: receipt of event " << receipt->event.sequence << " of "
             << receipt->event.stream << " kept in " << file << '\n';
    } catch (const std::exception& failure) {
        err_ << "beraad: note: the receipt was not kept: " << failure.what() << '\n';
    }
}

Context::~Context() = default;

bool Context::refusedAnonymousWrite() const {
    return store_ && store_->refusedAWrite();
}

int Context::anonymousWrite() {
    err_ << "beraad: " << namedActorRequired() << '\n';
    return kUsage;
}

Backend& Context::backend() {
    if (!backend_)
        backend_ = server_ ? remoteBackend(*server_) : localBackend(engine(), actor_, err_);
    return *backend_;
}

Engine& Context::engine() {
    if (server_) throw NotAvailableRemotely();
    if (engine_) return *engine_;
    auto store = std::make_shared<NamedWriterStore>(openSqliteStore({storePath_}));
    store_ = store;
    engine_ = std::make_unique<Engine>(store);
    // The key first, so a new store's first event (the reference data) is
    // signed like every other; an existing key never adopts unsigned streams.
    auto keys = trust::KeyFolder::open(keyFolder_, installation_);
    auto adopted = engine_->useSigningKeys(keys);
    if (!adopted) throw std::runtime_error(adopted.error().describe());
    auto initialised = engine_->initialize();
    if (!initialised) throw std::runtime_error(initialised.error().describe());
    if (initialised.value() && !json_) {
        err_ << "beraad: created store " << storePath_ << " with the 35 arbeidsmarktregio's\n";
    }
    store->allowWrites(actorNamed_);
    if (keys->created() && !json_) {
        err_ << "beraad: created signing key " << trust::formatVerifierKey(keys->activeKey())
             << " in " << keyFolder_;
        if (adopted.value() > 0) err_ << "; signed the " << adopted.value() << " existing streams";
        err_ << '\n';
    }
    return *engine_;
}

int Context::fail(const Error& error) {
    if (refusedAnonymousWrite()) return anonymousWrite();
    if (json_) {
        Poco::JSON::Object wrapper;
        wrapper.set("fout", toJson(error));
        printJson(out_, wrapper);
    }
    err_ << "beraad: " << toString(error.code) << ": " << error.describe() << '\n';
    return exitCodeFor(error.code);
}

void documentIdArgument(po::options_description& options,
                        po::positional_options_description& positional) {
    options.add_options()("id", po::value<std::string>()->required(),
                          "document id, e.g. AM05-convenant-1");
    positional.add("id", 1);
}

std::optional<std::string> optionalText(const po::variables_map& options, const char* name) {
    if (!options.count(name)) return std::nullopt;
    return options[name].as<std::string>();
}

Result<Version> chosenVersion(Context& context, const po::variables_map& options) {
    std::optional<std::int64_t> number;
    if (options.count("versie")) number = options["versie"].as<std::int64_t>();
    return context.backend().version(options["id"].as<std::string>(), number);
}

std::map<std::string, std::string> parseKeyValues(const std::vector<std::string>& entries,
                                                  const std::string& option) {
    std::map<std::string, std::string> pairs;
    for (const auto& entry : entries) {
        auto equals = entry.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == entry.size()) {
            throw po::error("--" + option + " '" + entry + "' is not of the form key=value");
        }
        pairs[entry.substr(0, equals)] = entry.substr(equals + 1);
    }
    return pairs;
}

std::string readInput(const std::string& path, std::size_t limit, const std::string& what) {
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) throw std::runtime_error("cannot read " + what + " '" + path + "'");
    }
    std::istream& in = path == "-" ? std::cin : file;
    // Read in blocks up to one byte past the limit: a larger input is
    // refused without being held whole.
    std::string text;
    char block[64 * 1024];
    while (text.size() <= limit && in.read(block, sizeof block).gcount() > 0) {
        text.append(block, static_cast<std::size_t>(in.gcount()));
    }
    if (text.size() > limit) {
        throw std::runtime_error(what + " '" + path + "' is larger than the " +
                                 std::to_string(limit) + " bytes it may be");
    }
    return text;
}

void writeOutput(const std::string& path, const std::string& bytes) {
    if (path == "-") {
        std::cout << bytes;
        return;
    }
    std::string temporary = path + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write file '" + path + "'");
        out << bytes;
        out.flush();
        if (!out) throw std::runtime_error("writing '" + path + "' failed");
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        throw std::runtime_error("cannot move '" + temporary + "' to '" + path + "'");
    }
}

}  // namespace beraad::cli
