#pragma once
// The beraad command line: a table of commands over the engine facade.
// Each command declares its options, a one-line summary and a worked
// example (shown by --help), and returns an exit code.

#include <boost/program_options.hpp>

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "Backend.h"
#include "beraad/base/Actor.h"
#include "beraad/content/Content.h"
#include "beraad/Engine.h"
#include "beraad/base/Error.h"

namespace beraad::cli {

namespace po = boost::program_options;

// Documented in docs/cli.md; scripts depend on them, so never renumber.
enum ExitCode : int {
    kSuccess = 0,
    kFailure = 1,
    kUsage = 2,
    kNotFound = 3,
    kConflict = 4,
    kRefused = 5,
    kInvalid = 6,
    kForbidden = 7,
    kIntegrity = 8,
    kStorage = 9,
};

int exitCodeFor(ErrorCode code);

// A command that has no REST counterpart, asked for with --server: a usage
// error (exit 2) that says so.
class NotAvailableRemotely : public po::error {
  public:
    NotAvailableRemotely()
        : po::error(
              "not available with --server: beraad-server offers no resource for it; "
              "run it on the server's store without --server") {}
};

class NamedWriterStore;

class Context {
  public:
    Context(std::string storePath, Actor actor, bool json, std::ostream& out, std::ostream& err);
    ~Context();

    // Where the local store's signing key lives and the name it signs with
    // (--sleutelmap, --installatie); by default beside the store.
    void useKeyFolder(std::string path, std::string installation) {
        keyFolder_ = std::move(path);
        installation_ = std::move(installation);
    }
    const std::string& keyFolder() const { return keyFolder_; }
    const std::string& installation() const { return installation_; }

    // Where receipts of writes are kept (--ontvangstbewijzen; env
    // BERAAD_ONTVANGSTBEWIJZEN; default $XDG_DATA_HOME/beraad/ontvangstbewijzen).
    void useReceiptFolder(std::string path) { receiptFolder_ = std::move(path); }
    const std::string& receiptFolder() const { return receiptFolder_; }
    // Writes the receipt of the command's write, if it made one, into the
    // receipt folder and says where on stderr. Never fails the command: a
    // receipt that cannot be kept is a note.
    void keepReceipt();

    // Talk to a beraad-server instead of the local store (--server).
    void useServer(ServerAddress address) { server_ = std::move(address); }
    bool remote() const { return server_.has_value(); }
    // Show progress lines on err() (a terminal, and not --json).
    void showProgress(bool show) { progress_ = show && !json_; }
    bool showsProgress() const { return progress_; }

    // The use cases, on the local store or the server.
    Backend& backend();
    // The local engine, opening the store (creating and seeding it when new)
    // on first use. With --server it throws NotAvailableRemotely: commands
    // that call it directly are local-only.
    Engine& engine();
    const Actor& actor() const { return actor_; }
    bool json() const { return json_; }
    std::ostream& out() { return out_; }
    std::ostream& err() { return err_; }
    const std::string& storePath() const { return storePath_; }

    // Prints an engine error to stderr (or as JSON to stdout with --json)
    // and returns its exit code.
    int fail(const Error& error);

    // Whether the actor was named (--as, BERAAD_ACTOR); on a local store only
    // a named actor writes.
    void actorNamed(bool named) { actorNamed_ = named; }
    // Says how to name the actor and returns the usage exit code.
    int anonymousWrite();
    bool refusedAnonymousWrite() const;

  private:
    std::string storePath_;
    std::string keyFolder_;
    std::string installation_;
    std::string receiptFolder_;
    Actor actor_;
    bool json_;
    std::ostream& out_;
    std::ostream& err_;
    std::optional<ServerAddress> server_;
    bool progress_ = false;
    bool actorNamed_ = true;
    std::shared_ptr<NamedWriterStore> store_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<Backend> backend_;
};

struct Command {
    std::string name;     // "document create"
    std::string summary;  // one line
    std::string example;  // a worked example, shown by --help
    std::function<void(po::options_description&, po::positional_options_description&)> declare;
    std::function<int(Context&, const po::variables_map&)> run;
};

// Commands by area; each returns its part of the table.
std::vector<Command> regionCommands();
std::vector<Command> partnerCommands();
std::vector<Command> documentCommands();
std::vector<Command> historyCommands();
std::vector<Command> tokenCommands();
std::vector<Command> transitionCommands();
std::vector<Command> decisionCommands();
std::vector<Command> signatureCommands();
std::vector<Command> workflowCommands();
std::vector<Command> overviewCommands();
std::vector<Command> renderCommands();
std::vector<Command> diffCommands();
std::vector<Command> exportCommands();
std::vector<Command> templateCommands();
std::vector<Command> trustCommands();
std::vector<Command> timerCommands();
// verify ID --checkpoint FILE / --getuigen FILE --quorum K (TrustCommands.cpp).
void declareTrustVerify(po::options_description& options);
int verifyTrust(Context& context, const po::variables_map& options);
// --sleutel KEY|FILE (repeatable): installation keys the caller pins.
void declarePinnedKeys(po::options_description& options);
std::vector<trust::VerifierKey> pinnedKeys(const po::variables_map& options);

// The positional document id ("beraad document show AM05-convenant-1").
void documentIdArgument(po::options_description& options,
                        po::positional_options_description& positional);

// The version a decision or signature binds to: --versie N, or the latest.
Result<Version> chosenVersion(Context& context, const po::variables_map& options);

// The value of an option without a default, or nothing when not given.
std::optional<std::string> optionalText(const po::variables_map& options, const char* name);

// How a decision or signature counts, for a table: "geldend",
// "vervangen", "gerectificeerd door 5", "geldend, rectificeert 3".
template <typename Record>
std::string statusText(const Record& record) {
    std::string text = record.status;
    if (record.rectifiedBy != 0) text += " door " + std::to_string(record.rectifiedBy);
    if (record.rectifies != 0) text += ", rectificeert " + std::to_string(record.rectifies);
    return text;
}

// --formaat odt|docx; prints the problem and returns nothing when unknown.
std::optional<render::TemplateFormat> chosenFormat(Context& context,
                                                   const po::variables_map& options);

// "key=value" entries of a repeatable option (--mapping, --stem); throws
// po::error (exit 2) naming an entry without '='.
std::map<std::string, std::string> parseKeyValues(const std::vector<std::string>& entries,
                                                  const std::string& option);

// The most bytes the CLI reads of a file it is given: content (as the engine
// accepts it), a workflow definition, a bundle to verify (a zip that may
// inflate to 512 MB at most).
inline constexpr std::size_t kMaxContentFileBytes = kMaxContentBytes;
inline constexpr std::size_t kMaxDefinitionFileBytes = 1024 * 1024;
inline constexpr std::size_t kMaxBundleFileBytes = 1024ull * 1024 * 1024;

// Reads a whole file ("-" is standard input), at most `limit` bytes; throws
// std::runtime_error naming the file (as `what`) when it cannot be read or
// is larger.
std::string readInput(const std::string& path, std::size_t limit, const std::string& what);
void writeOutput(const std::string& path, const std::string& bytes);

}  // namespace beraad::cli
