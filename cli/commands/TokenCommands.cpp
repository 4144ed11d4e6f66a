// beraad token ...: API tokens for beraad-server (beheerder only).
#include <Poco/JSON/Array.h>

#include "Cli.h"
#include "Output.h"

namespace beraad::cli {
namespace {

// A time of the token as people read it (Europe/Amsterdam), or `none`.
std::string local(const std::optional<std::string>& time, const std::string& none) {
    return time ? amsterdamTime(*time) : none;
}

Poco::JSON::Object tokenJson(const ApiToken& token) {
    Poco::JSON::Object object;
    object.set("id", token.id);
    object.set("persoon", token.person);
    object.set("rol", token.role);
    object.set("scope", token.regionScope);
    if (token.partner) object.set("partner", *token.partner);
    object.set("aangemaaktOp", token.createdAt);
    object.set("aangemaaktDoor", token.createdBy);
    if (token.revokedAt) object.set("ingetrokkenOp", *token.revokedAt);
    if (token.expiresAt) object.set("verlooptOp", *token.expiresAt);
    if (token.lastUsedAt) object.set("laatstGebruiktOp", *token.lastUsedAt);
    return object;
}

int createToken(Context& context, const po::variables_map& options) {
    auto role = parseRole(options["rol"].as<std::string>());
    if (!role) {
        context.err() << "beraad: unknown role '" << options["rol"].as<std::string>()
                      << "'; use kwartiermaker, secretariaat, partner, auditor or beheerder\n";
        return kUsage;
    }
    TokenRequest request{options["persoon"].as<std::string>(), *role,
                         options["regio"].as<std::string>(), std::nullopt};
    if (options.count("partner-sleutel"))
        request.partner = options["partner-sleutel"].as<std::string>();
    if (options.count("geldig-dagen")) request.validDays = options["geldig-dagen"].as<int>();
    auto issued = context.engine().createToken(context.actor(), request);
    if (!issued) return context.fail(issued.error());
    if (context.json()) {
        auto object = tokenJson(issued->token);
        object.set("geheim", issued->secret);
        printJson(context.out(), object);
    } else {
        context.out() << issued->secret << "\n";
        context.err() << "token " << issued->token.id << " for " << issued->token.person << " ("
                      << issued->token.role << ", " << issued->token.regionScope
                      << "): the secret above is shown only now; Beraad keeps only its SHA-256\n";
    }
    return kSuccess;
}

int listTokens(Context& context, const po::variables_map&) {
    auto tokens = context.engine().listTokens(context.actor());
    if (!tokens) return context.fail(tokens.error());
    if (context.json()) {
        Poco::JSON::Array array;
        for (const auto& token : *tokens)
            array.add(tokenJson(token));
        printJson(context.out(), array);
        return kSuccess;
    }
    std::vector<std::vector<std::string>> rows{{"ID", "PERSOON", "ROL", "SCOPE", "PARTNER",
                                                "AANGEMAAKT", "VERLOOPT", "LAATST GEBRUIKT",
                                                "INGETROKKEN"}};
    for (const auto& token : *tokens) {
        rows.push_back({token.id, token.person, token.role, token.regionScope,
                        token.partner.value_or(""), amsterdamTime(token.createdAt),
                        local(token.expiresAt, ""), local(token.lastUsedAt, "nooit"),
                        local(token.revokedAt, "")});
    }
    printTable(context.out(), rows);
    return kSuccess;
}

int revokeToken(Context& context, const po::variables_map& options) {
    auto revoked = context.engine().revokeToken(context.actor(), options["id"].as<std::string>());
    if (!revoked) return context.fail(revoked.error());
    if (context.json()) {
        printJson(context.out(), tokenJson(*revoked));
    } else {
        context.out() << "revoked " << revoked->id << " (" << revoked->person << ")\n";
    }
    return kSuccess;
}

}  // namespace

std::vector<Command> tokenCommands() {
    return {
        {"token create", "issue an API token for beraad-server; prints the secret once (beheerder)",
         "  beraad token create --role beheerder --persoon \"Sanne Secretariaat\" --rol "
         "secretariaat --regio AM05\n"
         "  beraad token create --role beheerder --persoon \"M. Jansen\" --rol partner --regio "
         "AM05 \\\n"
         "      --partner-sleutel uwv",
         [](po::options_description& options, po::positional_options_description&) {
             options.add_options()("persoon", po::value<std::string>()->required(),
                                   "the person who will use the token")(
                 "rol", po::value<std::string>()->required(),
                 "the token's role: kwartiermaker, secretariaat, partner, auditor, beheerder")(
                 "regio", po::value<std::string>()->default_value("*"),
                 "region scope: a code such as AM05, or *")(
                 "partner-sleutel", po::value<std::string>(),
                 "for the partner role: the partner it acts for")(
                 "geldig-dagen", po::value<int>(),
                 "the token expires this many days from now (1 to 3650; default: never)");
         },
         createToken},
        {"token list", "list API tokens (never their secrets) (beheerder)",
         "  beraad token list --role beheerder", nullptr, listTokens},
        {"token revoke", "revoke an API token at once (beheerder)",
         "  beraad token revoke tok-3f9a1c2b4d5e --role beheerder",
         [](po::options_description& options, po::positional_options_description& positional) {
             options.add_options()("id", po::value<std::string>()->required(),
                                   "token id (tok-...)");
             positional.add("id", 1);
         },
         revokeToken},
    };
}

}  // namespace beraad::cli
