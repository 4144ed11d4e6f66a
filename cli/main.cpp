// beraad: the command line over the Beraad engine.
#include <cstdlib>
#include <iostream>
#include <map>

#include <unistd.h>

#include "Cli.h"
#include "beraad/store/SqliteStore.h"
#include "beraad/trust/KeyFolder.h"

namespace beraad::cli {
namespace {

std::vector<Command> allCommands() {
    std::vector<Command> commands;
    for (auto part :
         {regionCommands(), partnerCommands(), documentCommands(), historyCommands(),
          transitionCommands(), decisionCommands(), signatureCommands(), workflowCommands(),
          overviewCommands(), renderCommands(), diffCommands(), exportCommands(),
          templateCommands(), tokenCommands(), trustCommands(), timerCommands()}) {
        commands.insert(commands.end(), part.begin(), part.end());
    }
    return commands;
}

// The name an unnamed local user reads as; it never writes (NamedWriterStore).
constexpr const char* kAnonymousReader = "anoniem";

std::string envOr(const char* name, const std::string& fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

// Commands about a partner (decision record, signature record, partner admit)
// declare their own --partner; the global one then does not apply and the
// represented partner comes from BERAAD_PARTNER (or, for the partner role,
// the partner the command is about).
po::options_description globalOptions(bool withPartner) {
    po::options_description options("Global options");
    options.add_options()("help,h", "show help for the command")(
        "store", po::value<std::string>()->default_value(defaultStorePath()),
        "SQLite store file (env BERAAD_STORE); created with the reference data when missing")(
        "as", po::value<std::string>()->default_value(envOr("BERAAD_ACTOR", "")),
        "who you are: the name recorded in the history (env BERAAD_ACTOR); required for "
        "writes on a local store, which trusts whoever holds the file")(
        "role", po::value<std::string>()->default_value(envOr("BERAAD_ROLE", "kwartiermaker")),
        "role to act in: kwartiermaker, secretariaat, partner, auditor, beheerder (env "
        "BERAAD_ROLE)")("scope",
                        po::value<std::string>()->default_value(envOr("BERAAD_SCOPE", "*")),
                        "region the actor works for, e.g. AM05, or * for all (env BERAAD_SCOPE)")(
        "json", "print results as JSON")(
        "sleutelmap", po::value<std::string>(),
        "folder of the local store's signing key (env BERAAD_SLEUTELMAP; default: the store "
        "file's name with .sleutels); created with a new key when missing")(
        "installatie", po::value<std::string>(),
        "name a new signing key signs checkpoints with (env BERAAD_INSTALLATIE; default "
        "beraad-<host name>)")(
        "server", po::value<std::string>(),
        "use a beraad-server instead of the local store, e.g. http://127.0.0.1:8080 (env "
        "BERAAD_SERVER); you act as the token's person, role and region")(
        "ontvangstbewijzen", po::value<std::string>(),
        "folder the receipts of writes are kept in (env BERAAD_ONTVANGSTBEWIJZEN; default "
        "~/.local/share/beraad/ontvangstbewijzen)")(
        "token", po::value<std::string>(),
        "API token for --server (env BERAAD_TOKEN; prefer the environment: a flag shows in the "
        "process list)");
    if (withPartner) {
        options.add_options()("partner", po::value<std::string>(),
                              "partner you represent, for the partner role (env BERAAD_PARTNER)");
    }
    return options;
}

void printOverview(const std::vector<Command>& commands) {
    std::cout << "beraad - workflow and documents of the Regionaal Beraad\n\n"
                 "Usage: beraad <command> [options]\n\nCommands:\n";
    for (const auto& command : commands) {
        std::cout << "  " << command.name
                  << std::string(command.name.size() < 22 ? 22 - command.name.size() : 1, ' ')
                  << command.summary << '\n';
    }
    std::cout << "\nRun 'beraad <command> --help' for the options and an example of a command.\n"
                 "Exit codes: 0 success, 1 failure, 2 usage, 3 not found, 4 conflict, 5 refused by "
                 "a rule,\n"
                 "6 invalid input, 7 forbidden, 8 history does not verify, 9 store failure "
                 "(docs/cli.md).\n";
}

const Command* findCommand(const std::vector<Command>& commands, int argc, char** argv,
                           int& consumed) {
    std::vector<std::string> words;
    for (int i = 1; i < argc && words.size() < 2; ++i) {
        std::string word = argv[i];
        if (word.starts_with("-")) break;
        words.push_back(word);
    }
    for (size_t take = words.size(); take > 0; --take) {
        std::string name = words[0];
        for (size_t i = 1; i < take; ++i)
            name += " " + words[i];
        for (const auto& command : commands) {
            if (command.name == name) {
                consumed = static_cast<int>(take);
                return &command;
            }
        }
    }
    return nullptr;
}

int run(int argc, char** argv) {
    auto commands = allCommands();
    int consumed = 0;
    const Command* command = findCommand(commands, argc, argv, consumed);
    if (command == nullptr) {
        bool askedForHelp = argc == 1 || std::string(argv[1]) == "--help" ||
                            std::string(argv[1]) == "-h" || std::string(argv[1]) == "help";
        if (askedForHelp) {
            printOverview(commands);
            return kSuccess;
        }
        std::cerr << "beraad: unknown command '" << argv[1]
                  << "'; run 'beraad --help' for the list\n";
        return kUsage;
    }

    po::options_description own("Options");
    po::positional_options_description positional;
    if (command->declare) command->declare(own, positional);
    bool ownsPartner = own.find_nothrow("partner", false) != nullptr;
    po::options_description all;
    all.add(own).add(globalOptions(!ownsPartner));

    po::variables_map options;
    try {
        po::store(po::command_line_parser(argc - consumed, argv + consumed)
                      .options(all)
                      .positional(positional)
                      .run(),
                  options);
        if (options.count("help")) {
            std::cout << "beraad " << command->name << " - " << command->summary << "\n\n"
                      << all << "\nExample:\n"
                      << command->example << '\n';
            return kSuccess;
        }
        po::notify(options);
    } catch (const po::error& error) {
        std::cerr << "beraad " << command->name << ": " << error.what() << "\nrun 'beraad "
                  << command->name << " --help' for the options\n";
        return kUsage;
    }

    auto role = parseRole(options["role"].as<std::string>());
    if (!role || *role == Role::Systeem) {
        std::cerr << "beraad: unknown role '" << options["role"].as<std::string>()
                  << "'; use kwartiermaker, secretariaat, partner, auditor or beheerder\n";
        return kUsage;
    }
    std::string name = options["as"].as<std::string>();
    bool named = !name.empty();
    Actor actor{named ? name : std::string(kAnonymousReader), *role,
                options["scope"].as<std::string>(), std::nullopt};
    if (const char* partner = std::getenv("BERAAD_PARTNER"); partner && *partner)
        actor.partner = partner;
    if (options.count("partner") &&
        (!ownsPartner || (actor.role == Role::Partner && !actor.partner))) {
        actor.partner = options["partner"].as<std::string>();
    }
    Context context(options["store"].as<std::string>(), actor, options.count("json") > 0, std::cout,
                    std::cerr);
    context.actorNamed(named);
    context.showProgress(isatty(STDERR_FILENO) == 1);
    if (options.count("sleutelmap") || options.count("installatie")) {
        context.useKeyFolder(options.count("sleutelmap") ? options["sleutelmap"].as<std::string>()
                                                         : context.keyFolder(),
                             options.count("installatie") ? options["installatie"].as<std::string>()
                                                          : trust::defaultInstallationName());
    }
    std::string server =
        options.count("server") ? options["server"].as<std::string>() : envOr("BERAAD_SERVER", "");
    if (!server.empty()) {
        std::string token =
            options.count("token") ? options["token"].as<std::string>() : envOr("BERAAD_TOKEN", "");
        if (token.empty()) {
            std::cerr << "beraad: --server needs an API token: set BERAAD_TOKEN (or --token); a "
                         "beheerder issues one with 'beraad token create'\n";
            return kUsage;
        }
        context.useServer({server, token});
        for (const char* identity : {"as", "role", "scope", "store"}) {
            if (options.count(identity) && !options[identity].defaulted()) {
                std::cerr << "beraad: --" << identity
                          << " does not apply with --server: the token says who you are and the "
                             "server has the store\n";
            }
        }
    }
    if (options.count("ontvangstbewijzen"))
        context.useReceiptFolder(options["ontvangstbewijzen"].as<std::string>());
    try {
        int code = command->run(context, options);
        if (code == kSuccess) context.keepReceipt();
        return code;
    } catch (const po::error& error) {
        std::cerr << "beraad " << command->name << ": " << error.what() << '\n';
        return kUsage;
    } catch (const StoreError& failure) {
        std::cerr << "beraad: store failure: " << failure.what() << '\n';
        return kStorage;
    } catch (const std::exception& failure) {
        if (context.refusedAnonymousWrite()) return context.anonymousWrite();
        std::cerr << "beraad: " << failure.what() << '\n';
        return kFailure;
    }
}

}  // namespace
}  // namespace beraad::cli

int main(int argc, char** argv) {
    return beraad::cli::run(argc, argv);
}
