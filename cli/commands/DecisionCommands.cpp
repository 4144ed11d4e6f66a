// beraad decision ...: the partners' decisions on a document and its decision rule.
#include "Cli.h"
#include "Output.h"

namespace beraad::cli {
namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text.empty() ? "-" : text;
}

void printDecisions(std::ostream& out, const std::vector<DecisionRecord>& decisions) {
    std::vector<std::vector<std::string>> rows{{"ID", "PARTNER", "BESLUIT", "STATUS", "VERSIE",
                                                "HASH", "DATUM", "VERGADERING", "AGENDAPUNT",
                                                "VERTEGENWOORDIGER"}};
    for (const auto& decision : decisions) {
        rows.push_back({std::to_string(decision.id), decision.partner, decision.verdict,
                        statusText(decision), std::to_string(decision.version),
                        decision.contentHash.substr(0, 12), decision.date, decision.vergadering,
                        decision.agendapunt, decision.representative});
    }
    printTable(out, rows);
}

void printVerdict(std::ostream& out, const workflow::RuleVerdict& verdict) {
    out << "rule " << verdict.rule << ": " << (verdict.met ? "met" : "NOT met") << "\n"
        << "  " << verdict.explanation << "\n"
        << "  akkoord:      " << joined(verdict.inFavour) << "\n"
        << "  niet-akkoord: " << joined(verdict.against) << "\n"
        << "  onthouding:   " << joined(verdict.abstained) << "\n"
        << "  not decided:  " << joined(verdict.missing) << "\n";
}

int recordDecision(Context& context, const po::variables_map& options) {
    auto version = chosenVersion(context, options);
    if (!version) return context.fail(version.error());
    DecisionRequest request{version->documentId,
                            version->number,
                            version->contentHash,
                            options["partner"].as<std::string>(),
                            options["besluit"].as<std::string>(),
                            options["vertegenwoordiger"].as<std::string>(),
                            options["datum"].as<std::string>(),
                            options["vergadering"].as<std::string>(),
                            options["agendapunt"].as<std::string>(),
                            options["opmerking"].as<std::string>()};
    auto recorded = context.backend().recordDecision(request);
    if (!recorded) return context.fail(recorded.error());
    if (context.json()) {
        printJson(context.out(), toJson(*recorded));
        return kSuccess;
    }
    context.out() << "recorded " << recorded->partner << ": " << recorded->verdict << " on version "
                  << recorded->version << " of " << recorded->documentId << " ("
                  << recorded->contentHash.substr(0, 12) << ")\n";
    return kSuccess;
}

int rectifyDecision(Context& context, const po::variables_map& options) {
    DecisionRectification request{options["id"].as<std::string>(),
                                  options["rectificeert"].as<std::int64_t>(),
                                  options["reden"].as<std::string>()};
    request.verdict = optionalText(options, "besluit");
    request.representative = optionalText(options, "vertegenwoordiger");
    request.date = optionalText(options, "datum");
    request.vergadering = optionalText(options, "vergadering");
    request.agendapunt = optionalText(options, "agendapunt");
    request.remark = optionalText(options, "opmerking");
    auto recorded = context.backend().rectifyDecision(request);
    if (!recorded) return context.fail(recorded.error());
    if (context.json()) {
        printJson(context.out(), toJson(*recorded));
        return kSuccess;
    }
    context.out() << "recorded decision " << recorded->id << " (" << recorded->partner << ": "
                  << recorded->verdict << ", " << recorded->date << "), rectifying decision "
                  << recorded->rectifies << " of " << recorded->documentId << "\n";
    return kSuccess;
}

int listDecisions(Context& context, const po::variables_map& options) {
    auto status = context.backend().decisionStatus(options["id"].as<std::string>());
    if (!status) return context.fail(status.error());
    if (context.json()) {
        printJson(context.out(), toJson(*status));
        return kSuccess;
    }
    auto& out = context.out();
    out << "Decisions on the current content (version " << status->version << ", "
        << status->contentHash.substr(0, 12) << "):\n";
    printDecisions(out, status->current);
    if (!status->stale.empty()) {
        out << "\nStale decisions (on older content; kept, never counted):\n";
        printDecisions(out, status->stale);
    }
    return kSuccess;
}

int explainDecisions(Context& context, const po::variables_map& options) {
    auto status = context.backend().decisionStatus(options["id"].as<std::string>());
    if (!status) return context.fail(status.error());
    if (context.json()) {
        printJson(context.out(), toJson(status->verdict));
        return kSuccess;
    }
    context.out() << status->documentId << " version " << status->version << " ("
                  << status->contentHash.substr(0, 12) << "), decided by the rule of "
                  << status->ruleSource << "\n";
    printVerdict(context.out(), status->verdict);
    if (!status->stale.empty()) {
        context.out() << "  " << status->stale.size()
                      << " stale decision(s) on older content do not count; record them again\n";
    }
    return kSuccess;
}

}  // namespace

std::vector<Command> decisionCommands() {
    return {
        {"decision record", "record a partner's decision on the latest version (or --versie N)",
         "  beraad decision record AM05-convenant-1 --role secretariaat --partner uwv --besluit "
         "akkoord \\\n"
         "      --vertegenwoordiger \"M. Jansen\" --datum 2026-03-12 --vergadering \"RB Twente 12 "
         "maart 2026\" \\\n"
         "      --agendapunt 4",
         [](po::options_description& options, po::positional_options_description& positional) {
             documentIdArgument(options, positional);
             options.add_options()("partner", po::value<std::string>()->required(),
                                   "key of the partner that decided, e.g. uwv")(
                 "besluit", po::value<std::string>()->required(),
                 "akkoord, niet-akkoord or onthouding")("vertegenwoordiger",
                                                        po::value<std::string>()->required(),
                                                        "who decided for the partner")(
                 "datum", po::value<std::string>()->required(), "date of the meeting, YYYY-MM-DD")(
                 "vergadering", po::value<std::string>()->required(), "the meeting")(
                 "agendapunt", po::value<std::string>()->required(), "the agenda item")(
                 "opmerking", po::value<std::string>()->default_value(""),
                 "a remark, kept with the decision")(
                 "versie", po::value<std::int64_t>(),
                 "the version decided on (default: the latest); refused as a conflict when not the "
                 "latest");
         },
         recordDecision},
        {"decision rectify",
         "secretariaat: correct a recorded decision; the original stays in the history as "
         "gerectificeerd",
         "  beraad decision rectify AM05-convenant-1 --role secretariaat --rectificeert 3 \\\n"
         "      --reden \"datum verkeerd overgenomen\" --datum 2026-03-12",
         [](po::options_description& options, po::positional_options_description& positional) {
             documentIdArgument(options, positional);
             options.add_options()("rectificeert", po::value<std::int64_t>()->required(),
                                   "the id of the decision corrected (beraad decision list)")(
                 "reden", po::value<std::string>()->required(), "why it is corrected")(
                 "besluit", po::value<std::string>(),
                 "corrected: akkoord, niet-akkoord, onthouding")(
                 "vertegenwoordiger", po::value<std::string>(), "corrected representative")(
                 "datum", po::value<std::string>(), "corrected meeting date, YYYY-MM-DD")(
                 "vergadering", po::value<std::string>(), "corrected meeting")(
                 "agendapunt", po::value<std::string>(), "corrected agenda item")(
                 "opmerking", po::value<std::string>(), "corrected remark");
         },
         rectifyDecision},
        {"decision list",
         "the decisions on the current content, and the stale ones on older content",
         "  beraad decision list AM05-convenant-1", documentIdArgument, listDecisions},
        {"decision explain",
         "whether the decision rule is met, and why (who is missing, against, abstaining)",
         "  beraad decision explain AM05-convenant-1", documentIdArgument, explainDecisions},
    };
}

}  // namespace beraad::cli
