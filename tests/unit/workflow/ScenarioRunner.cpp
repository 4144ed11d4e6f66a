#include "ScenarioRunner.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <thread>

#include "beraad/present/Dutch.h"
#include "beraad/store/SqliteStore.h"

namespace beraad::testing {

namespace {

struct Token {
    std::string text;
    bool quoted = false;
};

// Words separated by blanks; '...' or "..." quote a word (the other quote may
// appear inside); '#' outside quotes starts a comment.
std::vector<Token> tokenize(const std::string& line) {
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < line.size()) {
        char c = line[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
        } else if (c == '#') {
            break;
        } else if (c == '\'' || c == '"') {
            size_t end = line.find(c, i + 1);
            if (end == std::string::npos) throw std::runtime_error("unterminated quote");
            tokens.push_back({line.substr(i + 1, end - i - 1), true});
            i = end + 1;
        } else {
            size_t end = line.find_first_of(" \t\r", i);
            if (end == std::string::npos) end = line.size();
            tokens.push_back({line.substr(i, end - i), false});
            i = end;
        }
    }
    return tokens;
}

Actor parseActor(const std::string& spec) {
    auto at = spec.find('@');
    if (at == std::string::npos) throw std::runtime_error("actor '" + spec + "' needs @region");
    std::string who = spec.substr(0, at);
    std::string region = spec.substr(at + 1);
    if (who.starts_with("partner:")) {
        std::string key = who.substr(8);
        return Actor{"Vertegenwoordiger " + key, Role::Partner, region, key};
    }
    auto role = parseRole(who);
    if (!role) throw std::runtime_error("unknown role '" + who + "'");
    static const std::map<Role, std::string> names{{Role::Kwartiermaker, "Kim Kwartier"},
                                                   {Role::Secretariaat, "Sam Secretaris"},
                                                   {Role::Auditor, "Ad Auditor"},
                                                   {Role::Beheerder, "Bea Beheer"},
                                                   {Role::Systeem, "beraad"},
                                                   {Role::Partner, "Pim Partner"}};
    return Actor{names.at(*role), *role, region, std::nullopt};
}

std::string scenarioDir() {
    return sourcePath("tests/scenarios");
}

std::string failure(const std::string& where, const std::string& message) {
    return where + ": " + message;
}

}  // namespace

std::chrono::system_clock::time_point ScenarioClock::now() const {
    return std::chrono::system_clock::time_point(std::chrono::seconds(base_.load() + offset_++));
}

void ScenarioClock::setDate(const std::string& isoDate, const std::string& utcTime) {
    std::tm tm{};
    std::istringstream in(isoDate + " " + utcTime);
    in >> std::get_time(&tm, "%Y-%m-%d %H:%M");
    if (in.fail())
        throw std::runtime_error("clock: '" + isoDate + " " + utcTime + "' is not a date and time");
    base_ = static_cast<std::int64_t>(timegm(&tm));
    offset_ = 0;
}

ScenarioRunner::ScenarioRunner()
    : storePath_(dir_.file("beraad.sqlite")), clock_(std::make_shared<ScenarioClock>()) {
    store_ = openSqliteStore({storePath_});
    engine_ = std::make_unique<Engine>(store_, clock_);
    auto initialized = engine_->initialize();
    if (!initialized) throw std::runtime_error(initialized.error().describe());
}

std::vector<std::string> scenarioFiles() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(scenarioDir())) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") {
            files.push_back(entry.path().filename().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::string> ScenarioRunner::runFile(const std::string& path) {
    std::vector<std::string> failures;
    runLines(path, failures, 0);
    return failures;
}

std::string ScenarioRunner::documentId(const std::string& alias) const {
    auto found = aliases_.find(alias);
    if (found == aliases_.end()) throw std::runtime_error("unknown document alias '" + alias + "'");
    return found->second;
}

void ScenarioRunner::runLines(const std::string& path, std::vector<std::string>& failures,
                              int depth) {
    if (depth > 5) throw std::runtime_error("include nesting too deep at " + path);
    std::ifstream in(scenarioDir() + "/" + path);
    if (!in) throw std::runtime_error("cannot read scenario " + path);
    std::string text;
    int number = 0;
    while (std::getline(in, text)) {
        ++number;
        std::string where = path + ":" + std::to_string(number);
        std::vector<Token> tokens;
        try {
            tokens = tokenize(text);
        } catch (const std::exception& problem) {
            failures.push_back(failure(where, problem.what()));
            continue;
        }
        if (tokens.empty()) continue;
        if (tokens[0].text == "include" && tokens.size() == 2) {
            runLines(tokens[1].text, failures, depth + 1);
            continue;
        }
        Line line;
        line.file = path;
        line.number = number;
        try {
            for (size_t i = 0; i < tokens.size(); ++i) {
                const Token& token = tokens[i];
                if (!token.quoted && token.text == "with") {
                    continue;  // reads well before replacement pairs; carries no meaning
                }
                if (!token.quoted && token.text == "as" && i + 1 < tokens.size()) {
                    line.actor = parseActor(tokens[++i].text);
                } else if (!token.quoted && token.text == "=>" && i + 1 < tokens.size()) {
                    line.expectedError = tokens[++i].text;
                    if (i + 1 < tokens.size() && tokens[i + 1].quoted)
                        line.expectedText = tokens[++i].text;
                } else if (!token.quoted && (token.text == "reason" || token.text == "remark") &&
                           i + 1 < tokens.size()) {
                    line.options[token.text] = tokens[++i].text;
                } else if (!token.quoted && token.text.find('=') != std::string::npos && i > 1) {
                    auto eq = token.text.find('=');
                    line.options[token.text.substr(0, eq)] = token.text.substr(eq + 1);
                } else {
                    line.words.push_back(token.text);
                }
            }
            if (auto problem = step(line)) failures.push_back(failure(where, *problem));
        } catch (const std::exception& problem) {
            failures.push_back(failure(where, std::string("cannot run: ") + problem.what()));
        }
    }
}

namespace {

// Every error a scenario meets reaches REST clients too, in Dutch: its
// message and details must be in engine/data/meldingen.txt.
std::optional<std::string> untranslated(const Error& error) {
    auto dutch = present::inDutch(error);
    std::string problems;
    auto check = [&](const std::string& english, const std::string& text) {
        auto words = englishWords(text);
        if (!words.empty()) problems += "\n  " + english;
    };
    check(error.message, dutch.message);
    for (std::size_t i = 0; i < error.details.size(); ++i)
        check(error.details[i].message, dutch.details[i].message);
    if (problems.empty()) return std::nullopt;
    return "engine/data/meldingen.txt has no Dutch text for:" + problems;
}

}  // namespace

std::optional<std::string> ScenarioRunner::step(const Line& line) {
    if (line.words[0] == "expect") return expectation(line);
    std::optional<Error> error;
    if (auto problem = action(line, error)) return problem;
    if (error) {
        if (auto missing = untranslated(*error)) return missing;
    }
    if (line.expectedError) {
        if (!error) return "expected error " + *line.expectedError + " but the step succeeded";
        if (toString(error->code) != *line.expectedError) {
            return "expected error " + *line.expectedError + " but got " +
                   std::string(toString(error->code)) + ": " + error->describe();
        }
        if (line.expectedText && error->describe().find(*line.expectedText) == std::string::npos) {
            return "the error does not mention '" + *line.expectedText + "':\n" + error->describe();
        }
        return std::nullopt;
    }
    if (error)
        return "unexpected error " + std::string(toString(error->code)) + ": " + error->describe();
    return std::nullopt;
}

std::string ScenarioRunner::content(const std::string& file,
                                    const std::vector<std::string>& replacements) {
    std::string text = file.empty() ? "" : readFile(scenarioDir() + "/content/" + file);
    for (size_t i = 0; i + 1 < replacements.size(); i += 2) {
        text = replaceOnce(text, replacements[i], replacements[i + 1]);
    }
    return text;
}

template <typename T>
void ScenarioRunner::remember(const Line& line, const Result<T>& recorded) {
    if (recorded && line.options.count("label")) labels_[line.options.at("label")] = recorded->id;
}

std::int64_t ScenarioRunner::labelled(const std::string& label) const {
    auto found = labels_.find(label);
    if (found == labels_.end())
        throw std::runtime_error("no decision or signature labelled " + label);
    return found->second;
}

Document ScenarioRunner::doc(const std::string& alias) {
    auto found = engine_->document(auditor(), documentId(alias));
    if (!found) throw std::runtime_error(found.error().describe());
    return found.value();
}

Version ScenarioRunner::latest(const std::string& alias) {
    auto found = engine_->version(auditor(), documentId(alias), std::nullopt);
    if (!found) throw std::runtime_error(found.error().describe());
    return found.value();
}

namespace {

template <typename T>
void keep(const Result<T>& result, std::optional<Error>& error) {
    if (!result) error = result.error();
}

std::vector<std::string> after(const std::vector<std::string>& words, size_t from) {
    return from < words.size()
               ? std::vector<std::string>(words.begin() + static_cast<long>(from), words.end())
               : std::vector<std::string>{};
}

const char* kTwentePartners[][3] = {
    {"gemeente-enschede", "Gemeente Enschede", "centrumgemeente"},
    {"gemeente-hengelo", "Gemeente Hengelo", "gemeente"},
    {"uwv", "UWV", "uwv"},
    {"sbb", "SBB", "sbb"},
    {"vno-ncw-midden", "VNO-NCW Midden", "werkgeversorganisatie"},
    {"fnv", "FNV Twente", "werknemersorganisatie"},
    {"roc-van-twente", "ROC van Twente", "contactschool"},
};

}  // namespace

std::optional<std::string> ScenarioRunner::action(const Line& line, std::optional<Error>& error) {
    const auto& w = line.words;
    const std::string& command = w[0];
    auto actor = [&]() -> const Actor& {
        if (!line.actor) throw std::runtime_error(command + " needs 'as <actor>'");
        return *line.actor;
    };
    auto need = [&](size_t count) {
        if (w.size() < count)
            throw std::runtime_error(command + " needs " + std::to_string(count - 1) +
                                     " argument(s)");
    };

    if (command == "clock") {
        need(2);
        clock_->setDate(w[1], w.size() > 2 ? w[2] : "09:00");
    } else if (command == "timers") {
        bool report = w.size() > 1 && w[1] == "report";
        auto run = engine_->runTimers(line.actor.value_or(beheerder()), !report);
        if (!run) {
            error = run.error();
            return std::nullopt;
        }
        std::map<std::string, size_t> counts{{"fired", run->fired.size()},
                                             {"refused", run->refused.size()},
                                             {"upcoming", run->upcoming.size()}};
        for (const auto& [name, count] : counts) {
            auto wanted = line.options.find(name);
            if (wanted != line.options.end() && wanted->second != std::to_string(count)) {
                std::string refusals;
                for (const auto& step : run->refused)
                    refusals += "; " + step.document + ": " + step.refused;
                return "timers: " + name + "=" + std::to_string(count) + ", expected " +
                       wanted->second + refusals;
            }
        }
    } else if (command == "partners") {
        need(2);
        for (const auto& row : kTwentePartners) {
            Partner partner{w[1],   row[0],        row[1],
                            row[2], "kernpartner", {{"Vertegenwoordiger", "bestuurder", ""}}};
            keep(engine_->registerPartner(beheerder(), partner), error);
            if (error) return std::nullopt;
        }
    } else if (command == "partner") {
        need(5);
        keep(engine_->registerPartner(line.actor.value_or(beheerder()),
                                      Partner{w[1], w[2], "Partner " + w[2], w[3], w[4], {}}),
             error);
    } else if (command == "partner-update") {
        need(3);
        PartnerChange change{w[1], w[2]};
        if (line.options.count("kind")) change.kind = line.options.at("kind");
        if (line.options.count("role")) change.role = line.options.at("role");
        if (line.options.count("name")) change.name = line.options.at("name");
        keep(engine_->updatePartner(line.actor.value_or(beheerder()), change), error);
    } else if (command == "leave") {
        need(4);
        std::string reason = line.options.count("reason") ? line.options.at("reason") : "opgezegd";
        keep(engine_->recordLeave(line.actor.value_or(beheerder()), {w[1], w[2], w[3], reason}),
             error);
    } else if (command == "create") {
        need(4);
        NewDocument request;
        request.kind = *parseDocumentKind(w[2]);
        request.region = actor().regionScope;
        if (line.options.count("region")) request.region = line.options.at("region");
        request.content = content(w[3], after(w, 4));
        request.message = "eerste versie";
        if (line.options.count("beleidsagenda"))
            request.beleidsagendaId = documentId(line.options.at("beleidsagenda"));
        if (line.options.count("replaces"))
            request.replaces = documentId(line.options.at("replaces"));
        if (line.options.count("reason")) request.replaceReason = line.options.at("reason");
        auto created = engine_->createDocument(actor(), request);
        keep(created, error);
        if (created) {
            aliases_[w[1]] = created->id;
            warnings_ = created->warnings;
        }
    } else if (command == "edit") {
        need(4);
        Version base = latest(w[1]);
        std::string text = base.content;
        for (size_t i = 2; i + 1 < w.size(); i += 2)
            text = replaceOnce(text, w[i], w[i + 1]);
        NewVersion request{documentId(w[1]), base.number, text, "bewerkt"};
        if (line.options.count("stale"))
            request.confirmStaleDecisions = std::stoll(line.options.at("stale"));
        auto saved = engine_->addVersion(actor(), request);
        keep(saved, error);
        if (saved) warnings_ = saved->warnings;
    } else if (command == "fire") {
        need(3);
        TransitionRequest request{documentId(w[1]), w[2], std::nullopt, ""};
        if (line.options.count("reason")) request.reason = line.options.at("reason");
        if (line.options.count("base")) request.baseVersion = std::stoll(line.options.at("base"));
        keep(engine_->transition(actor(), request), error);
    } else if (command == "decide") {
        need(4);
        Version subject = latest(w[1]);
        if (line.options.count("version")) {
            auto older = engine_->version(auditor(), documentId(w[1]),
                                          std::stoll(line.options.at("version")));
            if (!older) throw std::runtime_error(older.error().describe());
            subject = older.value();
        }
        DecisionRequest request{documentId(w[1]),
                                subject.number,
                                subject.contentHash,
                                w[2],
                                w[3],
                                "Vertegenwoordiger " + w[2],
                                amsterdamDate(clock_->now()),
                                "Regionaal Beraad 5 januari 2026",
                                "4",
                                line.options.count("remark") ? line.options.at("remark") : ""};
        if (line.options.count("date")) request.date = line.options.at("date");
        auto recorded = engine_->recordDecision(actor(), request);
        remember(line, recorded);
        keep(recorded, error);
    } else if (command == "decide-all") {
        need(3);
        auto status = engine_->decisionStatus(auditor(), documentId(w[1]));
        if (!status) {
            error = status.error();
            return std::nullopt;
        }
        Version subject = latest(w[1]);
        const auto& verdict = status->verdict;
        for (const auto* group :
             {&verdict.missing, &verdict.inFavour, &verdict.against, &verdict.abstained}) {
            for (const auto& partner : *group) {
                DecisionRequest request{documentId(w[1]),
                                        subject.number,
                                        subject.contentHash,
                                        partner,
                                        w[2],
                                        "Vertegenwoordiger " + partner,
                                        amsterdamDate(clock_->now()),
                                        "Regionaal Beraad",
                                        "4",
                                        ""};
                keep(engine_->recordDecision(actor(), request), error);
                if (error) return std::nullopt;
            }
        }
    } else if (command == "decide-concurrently") {
        need(2);
        return decideAllConcurrently(line);
    } else if (command == "sign") {
        need(3);
        Version subject = latest(w[1]);
        auto recorded = engine_->recordSignature(
            actor(),
            {documentId(w[1]), subject.number, subject.contentHash, w[2], "Ondertekenaar " + w[2],
             "bestuurder", "Enschede",
             line.options.count("date") ? line.options.at("date") : amsterdamDate(clock_->now())});
        remember(line, recorded);
        keep(recorded, error);
    } else if (command == "rectify-decision") {
        // rectify-decision <alias> <label> reason '…' [date=] [verdict=] [label=] as <actor>
        need(3);
        DecisionRectification request{
            documentId(w[1]), labelled(w[2]),
            line.options.count("reason") ? line.options.at("reason") : ""};
        if (line.options.count("date")) request.date = line.options.at("date");
        if (line.options.count("verdict")) request.verdict = line.options.at("verdict");
        auto recorded = engine_->rectifyDecision(actor(), request);
        remember(line, recorded);
        keep(recorded, error);
    } else if (command == "rectify-signature") {
        need(3);
        SignatureRectification request{
            documentId(w[1]), labelled(w[2]),
            line.options.count("reason") ? line.options.at("reason") : ""};
        if (line.options.count("date")) request.date = line.options.at("date");
        auto recorded = engine_->rectifySignature(actor(), request);
        remember(line, recorded);
        keep(recorded, error);
    } else if (command == "sign-all") {
        need(2);
        auto status = engine_->signatureStatus(auditor(), documentId(w[1]));
        if (!status) {
            error = status.error();
            return std::nullopt;
        }
        Version subject = latest(w[1]);
        for (const auto& partner : status->missing) {
            keep(engine_->recordSignature(
                     actor(), {documentId(w[1]), subject.number, subject.contentHash, partner,
                               "Ondertekenaar " + partner, "bestuurder", "Enschede",
                               amsterdamDate(clock_->now())}),
                 error);
            if (error) return std::nullopt;
        }
    } else if (command == "amend") {
        need(4);
        auto created =
            engine_->startAmendment(actor(), {documentId(w[3]), "wijziging van het convenant"});
        keep(created, error);
        if (created) aliases_[w[1]] = created->id;
    } else if (command == "admit" || command == "admit-all") {
        need(3);
        AdmissionRequest request{w[1], w[2], "Regionaal Beraad", "7", "2026-01-05", {}};
        if (command == "admit") {
            request.votes = line.options;
        } else {
            need(4);
            auto partners = engine_->listPartners(auditor(), w[1]);
            if (!partners) throw std::runtime_error(partners.error().describe());
            for (const auto& partner : partners.value()) {
                if (partner.role == "kernpartner") request.votes[partner.key] = w[3];
            }
        }
        keep(engine_->admitStrategischPartner(actor(), request), error);
    } else if (command == "register-definition") {
        need(2);
        std::string text = readFile(scenarioDir() + "/" + w[1]);
        auto replacements = after(w, 2);
        for (size_t i = 0; i + 1 < replacements.size(); i += 2) {
            text = replaceOnce(text, replacements[i], replacements[i + 1]);
        }
        keep(engine_->registerWorkflowDefinition(actor(), text), error);
    } else if (command == "migrate") {
        need(3);
        MigrationRequest request{
            documentId(w[1]), std::stoi(w[2]), {}, line.options.count("dry-run") > 0};
        if (std::find(w.begin(), w.end(), "dry-run") != w.end()) request.dryRun = true;
        if (line.options.count("map")) {
            std::istringstream pairs(line.options.at("map"));
            for (std::string pair; std::getline(pairs, pair, ',');) {
                auto colon = pair.find(':');
                request.stateMapping[pair.substr(0, colon)] = pair.substr(colon + 1);
            }
        }
        keep(engine_->migrateWorkflow(actor(), request), error);
    } else {
        throw std::runtime_error("unknown command '" + command + "'");
    }
    return std::nullopt;
}

std::optional<std::string> ScenarioRunner::decideAllConcurrently(const Line& line) {
    if (!line.actor) throw std::runtime_error("decide-concurrently needs 'as <actor>'");
    std::string id = documentId(line.words[1]);
    auto status = engine_->decisionStatus(auditor(), id);
    if (!status) return "decision status: " + status.error().describe();
    Version subject = latest(line.words[1]);
    std::vector<std::string> partners = status->verdict.missing;
    std::vector<std::string> problems(partners.size());
    std::vector<std::thread> threads;
    for (size_t i = 0; i < partners.size(); ++i) {
        threads.emplace_back([&, i] {
            try {
                // Each thread opens the same SQLite file through its own store.
                std::shared_ptr<Store> store = openSqliteStore({storePath_});
                auto threadClock = std::make_shared<ScenarioClock>();
                threadClock->setDate(formatDate(clock_->now()));
                Engine engine(store, threadClock);
                Actor actor = *line.actor;
                if (actor.role == Role::Partner) actor.partner = partners[i];
                DecisionRequest request{id,
                                        subject.number,
                                        subject.contentHash,
                                        partners[i],
                                        "akkoord",
                                        "Vertegenwoordiger " + partners[i],
                                        amsterdamDate(clock_->now()),
                                        "Regionaal Beraad",
                                        "4",
                                        "gelijktijdig"};
                auto recorded = engine.recordDecision(actor, request);
                if (!recorded) problems[i] = partners[i] + ": " + recorded.error().describe();
            } catch (const std::exception& failure) {
                problems[i] = partners[i] + ": " + failure.what();
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    std::string combined;
    for (const auto& problem : problems) {
        if (!problem.empty()) combined += problem + "\n";
    }
    if (!combined.empty()) return "concurrent decisions failed:\n" + combined;
    return std::nullopt;
}

std::optional<std::string> ScenarioRunner::expectation(const Line& line) {
    const auto& w = line.words;
    if (w.size() < 3) throw std::runtime_error("expect needs what and a document");
    const std::string& what = w[1];
    auto expectEqual = [](const std::string& label, const std::string& actual,
                          const std::string& wanted) -> std::optional<std::string> {
        if (actual == wanted) return std::nullopt;
        return label + ": expected '" + wanted + "', found '" + actual + "'";
    };
    if (what == "state") return expectEqual("state of " + w[2], doc(w[2]).state, w.at(3));
    if (what == "workflow-version") {
        return expectEqual("workflow version of " + w[2], std::to_string(doc(w[2]).workflowVersion),
                           w.at(3));
    }
    if (what == "version")
        return expectEqual("latest version of " + w[2], std::to_string(doc(w[2]).latestVersion),
                           w.at(3));
    if (what == "rule") {
        auto status = engine_->decisionStatus(auditor(), documentId(w[2]));
        if (!status) return "decision status: " + status.error().describe();
        std::string met = status->verdict.met ? "met" : "not-met";
        if (met != w.at(3))
            return "rule of " + w[2] + " is " + met + ": " + status->verdict.explanation;
        if (w.size() > 4 && status->verdict.explanation.find(w[4]) == std::string::npos) {
            return "the explanation does not mention '" + w[4] +
                   "': " + status->verdict.explanation;
        }
        return std::nullopt;
    }
    if (what == "decisions") {
        auto status = engine_->decisionStatus(auditor(), documentId(w[2]));
        if (!status) return "decision status: " + status.error().describe();
        std::string counts = "current=" + std::to_string(status->current.size()) +
                             " stale=" + std::to_string(status->stale.size());
        std::string wanted =
            "current=" + line.options.at("current") + " stale=" + line.options.at("stale");
        return expectEqual("decisions of " + w[2], counts, wanted);
    }
    if (what == "decision" || what == "signature") {
        // expect decision|signature <alias> <label> <status> [counted]
        std::int64_t id = labelled(w.at(3));
        std::string status;
        std::optional<std::string> problem;
        auto find = [&](const auto& lists) {
            for (const auto* list : lists) {
                for (const auto& record : *list) {
                    if (record.id == id) status = record.status;
                }
            }
        };
        if (what == "decision") {
            auto decisions = engine_->decisionStatus(auditor(), documentId(w[2]));
            if (!decisions) return "decision status: " + decisions.error().describe();
            find(std::vector{&decisions->current, &decisions->stale});
        } else {
            auto signatures = engine_->signatureStatus(auditor(), documentId(w[2]));
            if (!signatures) return "signature status: " + signatures.error().describe();
            find(std::vector{&signatures->current, &signatures->stale});
        }
        return expectEqual(what + " " + w[3] + " of " + w[2], status, w.at(4));
    }
    if (what == "signatures") {
        auto status = engine_->signatureStatus(auditor(), documentId(w[2]));
        if (!status) return "signature status: " + status.error().describe();
        std::string counts = "current=" + std::to_string(status->current.size()) +
                             " missing=" + std::to_string(status->missing.size());
        std::string wanted =
            "current=" + line.options.at("current") + " missing=" + line.options.at("missing");
        return expectEqual("signatures of " + w[2], counts, wanted);
    }
    if (what == "guard") {
        // expect guard <doc> <transition> <guard> pass|fail ['text']
        auto status = engine_->workflowStatus(auditor(), documentId(w[2]));
        if (!status) return "workflow status: " + status.error().describe();
        for (const auto& option : status->transitions) {
            for (const auto& outcome : option.guards) {
                auto missing =
                    untranslated(makeError(ErrorCode::Refused, outcome.message, outcome.details));
                if (missing) return "guard " + outcome.guard + ": " + *missing;
            }
        }
        for (const auto& option : status->transitions) {
            if (option.name != w.at(3)) continue;
            for (const auto& outcome : option.guards) {
                if (outcome.guard != w.at(4)) continue;
                std::string verdict = outcome.passed ? "pass" : "fail";
                std::string all = outcome.message;
                for (const auto& detail : outcome.details)
                    all += "\n  " + detail.where + ": " + detail.message;
                if (verdict != w.at(5)) return "guard " + w[4] + " should " + w[5] + " but: " + all;
                if (w.size() > 6 && all.find(w[6]) == std::string::npos) {
                    return "guard " + w[4] + " does not mention '" + w[6] + "': " + all;
                }
                return std::nullopt;
            }
            return "transition " + w[3] + " has no guard " + w[4];
        }
        return "no transition " + w.at(3) + " from state " + status->document.state;
    }
    if (what == "history") {
        // expect history <doc> <event-kind> [count=N] [actor='name'] [role=r]
        auto events = engine_->history(auditor(), documentId(w[2]));
        if (!events) return "history: " + events.error().describe();
        long count = 0;
        const Event* last = nullptr;
        for (const auto& event : events.value()) {
            if (event.kind == w.at(3)) {
                ++count;
                last = &event;
            }
        }
        if (line.options.count("count")) {
            return expectEqual("number of " + w[3] + " events", std::to_string(count),
                               line.options.at("count"));
        }
        if (!last) return "no event " + w[3] + " in the history of " + w[2];
        if (line.options.count("role") && last->role != line.options.at("role")) {
            return "the last " + w[3] + " event was by role " + last->role;
        }
        if (w.size() > 4 && last->payload.find(w[4]) == std::string::npos) {
            return "the last " + w[3] + " event does not mention '" + w[4] + "': " + last->payload;
        }
        return std::nullopt;
    }
    if (what == "warnings") {
        // expect warnings <n> ['text']: the last create or edit warned n times;
        // the text occurs exactly once in its warnings, none of which holds an XPath.
        std::string joined;
        for (const auto& warning : warnings_) {
            if (warning.find("[@") != std::string::npos)
                return "a warning holds an XPath: " + warning;
            joined += warning + "\n";
        }
        if (auto count = expectEqual("number of warnings", std::to_string(warnings_.size()), w[2]))
            return *count + ":\n" + joined;
        if (w.size() > 3) {
            auto first = joined.find(w[3]);
            if (first == std::string::npos) return "no warning mentions '" + w[3] + "':\n" + joined;
            if (joined.find(w[3], first + 1) != std::string::npos)
                return "the warnings mention '" + w[3] + "' more than once:\n" + joined;
        }
        return std::nullopt;
    }
    if (what == "verify") {
        auto report = engine_->verifyDocument(auditor(), documentId(w[2]));
        if (!report) return "verify: " + report.error().describe();
        if (!report->intact())
            return "the history of " + w[2] +
                   " does not verify: " + report->problems.front().message;
        return std::nullopt;
    }
    if (what == "partner-left") {
        // expect partner-left <region> <key> <date>|no
        auto partners = engine_->listPartners(auditor(), w[2]);
        if (!partners) return partners.error().describe();
        for (const auto& partner : partners.value()) {
            if (partner.key == w.at(3)) {
                return expectEqual("uittreding of " + w[3],
                                   partner.leftOn.empty() ? "no" : partner.leftOn, w.at(4));
            }
        }
        return "no partner " + w.at(3);
    }
    if (what == "partner-role") {
        // expect partner-role <region> <key> <role>
        auto partners = engine_->listPartners(auditor(), w[2]);
        if (!partners) return partners.error().describe();
        for (const auto& partner : partners.value()) {
            if (partner.key == w.at(3))
                return expectEqual("role of " + w[3], partner.role, w.at(4));
        }
        return "no partner " + w.at(3);
    }
    throw std::runtime_error("unknown expectation '" + what + "'");
}

}  // namespace beraad::testing
