#include "web/Pages.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <fstream>
#include <array>
#include <set>
#include <stdexcept>

#include "beraad/base/Clock.h"
#include "beraad/audit/BundleVerifier.h"
#include "beraad/content/Edit.h"
#include "beraad/audit/Export.h"
#include "beraad/present/Dutch.h"
#include "beraad/render/Preview.h"

namespace beraad::server {
namespace resources {
const std::map<std::string_view, std::string_view>& all();  // generated
}  // namespace resources

namespace web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;
using kainjow::mustache::mustache;
using kainjow::mustache::object;

std::string renderTemplate(const std::string& name, const data& context) {
    auto path = "server/web/templates/" + name + ".mustache";
    auto found = resources::all().find(path);
    if (found == resources::all().end()) throw std::logic_error(path + " is not compiled in");
    mustache page{std::string(found->second)};
    if (!page.is_valid()) throw std::logic_error(path + ": " + page.error_message());
    if (found->second.find("{{>") == std::string_view::npos || !context.is_object()) {
        return page.render(context);
    }
    // A template that includes others ({{> bewerken-veld}}) finds them among
    // the compiled templates; only those it names, for a partial is found
    // by name like any value.
    data withPartials = context;
    std::string_view text = found->second;
    for (auto at = text.find("{{>"); at != std::string_view::npos; at = text.find("{{>", at + 3)) {
        auto end = text.find("}}", at);
        if (end == std::string_view::npos) break;
        std::string name(text.substr(at + 3, end - at - 3));
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        auto partial = resources::all().find("server/web/templates/" + name + ".mustache");
        if (partial == resources::all().end()) {
            throw std::logic_error(path + " includes " + name + ", which is not compiled in");
        }
        std::string partialText(partial->second);
        withPartials.set(name, kainjow::mustache::partial([partialText] { return partialText; }));
    }
    return page.render(withPartials);
}

data userOf(const std::optional<WebSessionState>& session) {
    if (!session) return data(false);
    object user{
        {"naam", session->actor.name},
        {"rol", std::string(toString(session->actor.role))},
        {"bereik", session->actor.regionScope == "*" ? std::string("alle regio's")
                                                     : "regio " + session->actor.regionScope},
        {"csrf", session->csrfToken}};
    return data(user);
}

struct Fault {
    std::string text;
    std::string field;  // the id of the field it concerns, if any
    std::vector<std::string> details;
};

// A page in the layout: its title, its body, the user, errors and a notice.
ApiResponse page(int status, const std::string& title, const std::string& body,
                 const std::optional<WebSessionState>& session,
                 const std::vector<Fault>& faults = {}, const std::string& notice = "",
                 bool onStart = false) {
    list faultList;
    for (const auto& fault : faults) {
        object entry{{"tekst", fault.text}};
        if (!fault.field.empty()) entry["veld"] = fault.field;
        if (!fault.details.empty()) {
            list details;
            for (const auto& detail : fault.details)
                details.push_back(detail);
            entry["details"] = object{{"lijst", details}};
        }
        faultList.push_back(entry);
    }
    object context{{"titel", (faults.empty() ? "" : "Fout: ") + title},
                   {"gebruiker", userOf(session)},
                   {"opStart", onStart},
                   {"heeftFouten", !faults.empty()},
                   {"fouten", faultList},
                   {"pagina", body}};
    if (!notice.empty()) context["melding"] = notice;
    return ApiResponse::bytes(status, "text/html; charset=utf-8",
                              renderTemplate("layout", context));
}

std::optional<WebSessionState> sessionOf(const Actor& actor, const std::string& csrf) {
    return WebSessionState{actor, csrf};
}

int statusFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput:
            return 400;
        case ErrorCode::InvalidContent:
            return 422;
        case ErrorCode::NotFound:
            return 404;
        case ErrorCode::Conflict:
        case ErrorCode::Refused:
            return 409;
        case ErrorCode::Forbidden:
            return 403;
        case ErrorCode::Unauthenticated:
            return 401;
        case ErrorCode::Integrity:
            return 500;
        case ErrorCode::Storage:
            return 503;
    }
    return 500;
}

Fault faultOf(const Error& error) {
    auto dutch = present::inDutch(error);
    Fault fault{dutch.message, "", {}};
    if (error.code != ErrorCode::Storage) {
        for (const auto& detail : dutch.details)
            fault.details.push_back(detail.message);
    }
    return fault;
}

ApiResponse failurePage(const Error& error, const Actor& actor, const std::string& csrf) {
    static const std::map<ErrorCode, std::string> kHeadings{
        {ErrorCode::NotFound, "Niet gevonden"},
        {ErrorCode::Forbidden, "Niet toegestaan"},
        {ErrorCode::Storage, "Opslag niet beschikbaar"},
        {ErrorCode::Integrity, "De historie klopt niet"}};
    auto heading = kHeadings.count(error.code) ? kHeadings.at(error.code) : "Dat lukte niet";
    std::string text = error.code == ErrorCode::Storage
                           ? "De opslag is nu niet bereikbaar. Probeer het later opnieuw."
                           : present::inDutch(error.message);
    return errorPage(statusFor(error.code), heading, text, sessionOf(actor, csrf));
}

const std::array<const char*, 13> kMonths{
    "",     "januari",  "februari",  "maart",   "april",    "mei",     "juni",
    "juli", "augustus", "september", "oktober", "november", "december"};

// "2026-12-04" as "4 december 2026"; the text itself when it is no date.
std::string dutchDate(const std::string& iso) {
    if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
    int month = std::atoi(iso.substr(5, 2).c_str());
    int day = std::atoi(iso.substr(8, 2).c_str());
    if (month < 1 || month > 12 || day < 1) return iso;
    return std::to_string(day) + " " + kMonths[static_cast<std::size_t>(month)] + " " +
           iso.substr(0, 4);
}

// A UTC timestamp as people read it here: "4 december 2026, 16:21".
std::string dutchTime(const std::string& timestamp) {
    auto local = amsterdamTime(timestamp);  // "2026-12-04 16:21"
    if (local.size() < 16) return local;
    return dutchDate(local.substr(0, 10)) + ", " + local.substr(11, 5);
}

// A whole number of at most 9 digits, or nothing.
std::optional<std::int64_t> number(const std::optional<std::string>& text) {
    if (!text || text->empty() || text->size() > 9 ||
        text->find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    return std::stoll(*text);
}

// What an event is about, from its payload: who decided what, which step.
std::string eventSummary(const Event& event) {
    try {
        Poco::JSON::Parser parser;
        auto payload = parser.parse(event.payload).extract<Poco::JSON::Object::Ptr>();
        auto text = [&](const char* name) {
            return payload->has(name) ? payload->get(name).toString() : std::string();
        };
        if (payload->has("uitkomst") && payload->has("partner")) {
            return text("partner") + ": " + text("uitkomst") + " (versie " + text("versie") + ")";
        }
        if (payload->has("ondertekenaar")) {
            return text("partner") + ": getekend door " + text("ondertekenaar");
        }
        if (payload->has("naar")) {
            std::string reason = text("reden");
            return text("van") + " → " + text("naar") + (reason.empty() ? "" : " (" + reason + ")");
        }
        if (payload->has("bericht")) return text("bericht");
        if (payload->has("partner")) return text("partner");
    } catch (const std::exception&) {
    }
    return {};
}

std::string encode(const std::string& text) {
    std::string encoded;
    Poco::URI::encode(text, "&=?#/%+ ", encoded);
    return encoded;
}

// The roles that export history (the engine decides; this only hides what
// would be refused).
bool mayExport(const Actor& actor) {
    return actor.role == Role::Auditor || actor.role == Role::Beheerder ||
           actor.role == Role::Secretariaat;
}

// The fragment of a region: its documents, what is open, its deadlines.
std::string regionFragment(Engine& engine, const Actor& actor, const std::string& csrf,
                           const RegionOverview& region) {
    DocumentFilter filter;
    filter.region = region.region.code;
    auto documents = engine.listDocuments(actor, filter);
    list rows;
    if (documents) {
        for (const auto& document : *documents) {
            rows.push_back(object{{"id", document.id},
                                  {"titel", document.title},
                                  {"soort", document.kind},
                                  {"toestand", document.state},
                                  {"versie", std::to_string(document.latestVersion)},
                                  {"bijgewerkt", dutchTime(document.updatedAt)}});
        }
    }
    list kinds;
    for (const auto& status : region.kinds) {
        object entry{{"soortNaam", std::string(toString(status.kind))}, {"toestand", status.state}};
        if (status.documentId) entry["document"] = *status.documentId;
        if (status.nextStep) entry["volgendeStap"] = *status.nextStep;
        list blockers;
        for (const auto& blocker : status.blockers)
            blockers.push_back(present::inDutch(blocker));
        entry["heeftBlokkades"] = !status.blockers.empty();
        entry["blokkades"] = blockers;
        kinds.push_back(entry);
    }
    // Herinneringen: who still has to decide or sign (Engine::reminders).
    list decisions;
    list signatures;
    ReminderOptions reminderOptions;
    reminderOptions.region = region.region.code;
    std::string remindersProblem;
    auto reminders = engine.reminders(actor, reminderOptions);
    if (!reminders) remindersProblem = present::inDutch(reminders.error().message);
    if (reminders && !reminders->regions.empty()) {
        auto entries = [](const std::vector<Outstanding>& items) {
            list result;
            for (const auto& item : items) {
                // "Gemeente Enschede, UWV en SBB"
                std::string partners;
                for (std::size_t i = 0; i < item.partners.size(); ++i) {
                    const auto& partner = item.partners[i];
                    if (i > 0) partners += i + 1 == item.partners.size() ? " en " : ", ";
                    partners += partner.name.empty() ? partner.partner : partner.name;
                }
                object entry{{"document", item.documentId},
                             {"titel", item.title},
                             {"versie", std::to_string(item.version)},
                             {"aantal", std::to_string(item.partners.size())},
                             {"partners", partners}};
                if (item.partners.empty()) {
                    entry["onbekend"] = present::inDutch(item.explanation);
                }
                result.push_back(entry);
            }
            return result;
        };
        decisions = entries(reminders->regions.front().decisions);
        signatures = entries(reminders->regions.front().signatures);
    }
    list due;
    for (const auto& item : region.due) {
        object entry{
            {"omschrijving", present::inDutch(item.description)},
            {"datum", dutchDate(item.due)},
            {"telaat", item.overdue},
            {"dagen", item.overdue ? std::to_string(-item.daysLeft) +
                                         (item.daysLeft == -1 ? " dag te laat" : " dagen te laat")
                                   : "nog " + std::to_string(item.daysLeft) +
                                         (item.daysLeft == 1 ? " dag" : " dagen")}};
        if (item.documentId) entry["document"] = *item.documentId;
        due.push_back(entry);
    }
    object context{{"code", region.region.code},
                   {"naam", region.region.name},
                   {"heeftDocumenten", documents && !documents->empty()},
                   {"documenten", rows},
                   {"soorten", kinds},
                   {"heeftTermijnen", !region.due.empty()},
                   {"heeftBesluiten", !decisions.empty()},
                   {"besluiten", decisions},
                   {"heeftHandtekeningen", !signatures.empty()},
                   {"handtekeningen", signatures},
                   {"termijnen", due},
                   {"horizon", std::to_string(OverviewOptions{}.withinDays)},
                   {"magMaken", actor.role == Role::Kwartiermaker || actor.role == Role::Beheerder},
                   {"magToelaten", actor.role == Role::Secretariaat},
                   {"magExporteren", mayExport(actor)},
                   {"csrf", csrf}};
    if (!remindersProblem.empty()) context["herinneringenProbleem"] = remindersProblem;
    return renderTemplate("regio", context);
}

}  // namespace

std::string formValue(const Form& form, const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
}

ApiResponse seeOther(const std::string& location) {
    auto response = ApiResponse::bytes(303, "text/plain; charset=utf-8", "");
    response.headers["Location"] = location;
    return response;
}

void addPageHeaders(ApiResponse& response) {
    auto type = response.headers.find("Content-Type");
    if (type == response.headers.end() || type->second.rfind("text/html", 0) != 0) return;
    response.headers["Content-Security-Policy"] =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
        "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    response.headers["Referrer-Policy"] = "same-origin";
}

ApiResponse script() {
    return ApiResponse::bytes(200, "text/javascript; charset=utf-8",
                              std::string(resources::all().at("server/web/static/beraad.js")));
}

ApiResponse stylesheet() {
    auto response =
        ApiResponse::bytes(200, "text/css; charset=utf-8",
                           std::string(resources::all().at("server/web/static/beraad.css")));
    return response;
}

namespace {

list hiddenFields(const Form& form, const std::string& prefix) {
    list fields;
    for (const auto& [name, value] : form) {
        fields.push_back(object{{"naam", prefix + name}, {"waarde", value}});
    }
    return fields;
}

}  // namespace

ApiResponse loginPage(const std::string& returnTo, const std::string& error, int status,
                      const Form* kept, const std::string& keptPath) {
    object context{{"terug", returnTo}};
    if (!error.empty()) context["tokenFout"] = error;
    if (kept) {
        context["bewaard"] = object{{"pad", keptPath}, {"velden", hiddenFields(*kept, "bewaard-")}};
    }
    std::vector<Fault> faults;
    if (!error.empty()) faults.push_back({error, "token", {}});
    return page(status, "Inloggen", renderTemplate("inloggen", context), std::nullopt, faults);
}

ApiResponse expiredFormPage(const std::string& path, const std::string& returnTo,
                            const Form* kept) {
    std::string notice =
        kept ? "Uw sessie was verlopen, dus er is niets opgeslagen. Uw invoer is bewaard: log "
               "opnieuw in, dan ziet u uw formulier terug om het te versturen."
             : "Uw sessie was verlopen, dus er is niets opgeslagen. Log opnieuw in; het bestand "
               "moet u daarna opnieuw kiezen.";
    object context{{"terug", returnTo}, {"verlopen", notice}};
    if (kept)
        context["bewaard"] = object{{"pad", path}, {"velden", hiddenFields(*kept, "bewaard-")}};
    return page(401, "Sessie verlopen", renderTemplate("inloggen", context), std::nullopt);
}

ApiResponse keptFormPage(const std::string& path, const Form& kept,
                         const WebSessionStart& session) {
    object context{{"pad", path}, {"csrf", session.csrfToken}, {"velden", hiddenFields(kept, "")}};
    list shown;
    for (const auto& [name, value] : kept) {
        if (value.empty() || name == "basis") continue;
        shown.push_back(object{{"naam", name}, {"waarde", value}});
    }
    context["heeftGetoond"] = !shown.empty();
    context["getoond"] = shown;
    return page(200, "Uw invoer is bewaard", renderTemplate("bewaard", context),
                WebSessionState{session.actor, session.csrfToken});
}

ApiResponse errorPage(int status, const std::string& heading, const std::string& text,
                      const std::optional<WebSessionState>& session) {
    object context{{"kop", heading}, {"tekst", text}};
    return page(status, heading, renderTemplate("fout", context), session);
}

ApiResponse startPage(Engine& engine, const Actor& actor, const std::string& csrf,
                      const std::string& search, bool onlyOpen) {
    auto overview = engine.overview(actor, OverviewOptions{});
    if (!overview) return failurePage(overview.error(), actor, csrf);
    bool national = actor.regionScope == "*";
    object context{
        {"kop", national ? std::string("Landelijk overzicht") : "Regio " + actor.regionScope},
        {"peildatum", dutchDate(overview->today)},
        {"streefdatum", dutchDate(overview->targetDate)},
        {"landelijk", national}};
    if (national) {
        list regions;
        auto lower = [](std::string text) {
            std::transform(text.begin(), text.end(), text.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return text;
        };
        std::size_t shown = 0;
        for (const auto& region : overview->regions) {
            if (!search.empty() &&
                lower(region.region.code + " " + region.region.name).find(lower(search)) ==
                    std::string::npos) {
                continue;
            }
            if (onlyOpen && region.targetMet) continue;
            ++shown;
            list kinds;
            for (const auto& status : region.kinds) {
                object entry{{"toestand", status.state}};
                if (status.documentId) entry["document"] = *status.documentId;
                kinds.push_back(entry);
            }
            regions.push_back(object{{"code", region.region.code},
                                     {"naam", region.region.name},
                                     {"soorten", kinds},
                                     {"gehaald", region.targetMet}});
        }
        context["regios"] = regions;
        context["zoek"] = search;
        context["alleenOpen"] = onlyOpen;
        context["getoond"] = std::to_string(shown);
        context["totaal"] = std::to_string(overview->regions.size());
    } else {
        for (const auto& region : overview->regions) {
            if (region.region.code == actor.regionScope) {
                context["regioHtml"] = regionFragment(engine, actor, csrf, region);
            }
        }
    }
    return page(200, national ? "Landelijk overzicht" : "Start", renderTemplate("start", context),
                sessionOf(actor, csrf), {}, "", true);
}

ApiResponse regionPage(Engine& engine, const Actor& actor, const std::string& csrf,
                       const std::string& code) {
    auto overview = engine.overview(actor, OverviewOptions{});
    if (!overview) return failurePage(overview.error(), actor, csrf);
    for (const auto& region : overview->regions) {
        if (region.region.code != code) continue;
        object context{{"kop", "Regio " + code + " " + region.region.name},
                       {"peildatum", dutchDate(overview->today)},
                       {"streefdatum", dutchDate(overview->targetDate)},
                       {"landelijk", false},
                       {"regioHtml", regionFragment(engine, actor, csrf, region)}};
        return page(200, "Regio " + code, renderTemplate("start", context), sessionOf(actor, csrf));
    }
    return failurePage(makeError(ErrorCode::NotFound, "region " + code + " does not exist"), actor,
                       csrf);
}

namespace {

struct DocumentView {
    object context;
    std::string title;
};

Result<DocumentView> documentView(Engine& engine, const Actor& actor, const std::string& csrf,
                                  const std::string& id) {
    auto status = engine.workflowStatus(actor, id);
    if (!status) return status.error();
    const auto& document = status->document;
    auto versions = engine.listVersions(actor, id);
    if (!versions) return versions.error();
    auto events = engine.history(actor, id);
    if (!events) return events.error();
    auto verification = engine.verifyDocument(actor, id);

    list transitions;
    for (const auto& option : status->transitions) {
        list guards;
        for (const auto& outcome : option.guards) {
            list details;
            auto dutch = present::inDutch(makeError(ErrorCode::Refused, "", outcome.details));
            for (const auto& detail : dutch.details) {
                details.push_back(detail.where.empty() ||
                                          detail.where.find('/') != std::string::npos
                                      ? detail.message
                                      : detail.where + ": " + detail.message);
            }
            guards.push_back(object{{"naam", outcome.guard},
                                    {"voldaan", outcome.passed},
                                    {"melding", present::inDutch(outcome.message)},
                                    {"heeftDetails", !outcome.details.empty()},
                                    {"details", details}});
        }
        object entry{{"naam", option.name},
                     {"naar", option.to},
                     {"voorwaarden", guards},
                     {"kan", option.possible()},
                     {"magNiet", !option.roleAllowed},
                     {"redenVerplicht", option.reasonRequired},
                     {"documentId", document.id},
                     {"basis", std::to_string(document.latestVersion)},
                     {"csrf", csrf}};
        if (!option.due.empty()) entry["automatisch"] = dutchTime(option.due);
        transitions.push_back(entry);
    }
    list versionRows;
    for (auto it = versions->rbegin(); it != versions->rend(); ++it) {
        versionRows.push_back(object{{"nummer", std::to_string(it->number)},
                                     {"auteur", it->author},
                                     {"tijd", dutchTime(it->time)},
                                     {"bericht", it->message},
                                     {"hash", it->contentHash},
                                     {"hashKort", it->contentHash.substr(0, 12)},
                                     {"documentId", document.id}});
    }
    list history;
    for (auto it = events->rbegin(); it != events->rend(); ++it) {
        history.push_back(object{{"tijd", dutchTime(it->time)},
                                 {"soort", it->kind},
                                 {"actor", it->actor},
                                 {"rol", it->role},
                                 {"wat", eventSummary(*it)}});
    }
    object context{
        {"id", document.id},
        {"titel", document.title},
        {"soort", document.kind},
        {"regio", document.region},
        {"toestand", document.state},
        {"versie", std::to_string(document.latestVersion)},
        {"workflow", status->definition + " versie " + std::to_string(status->definitionVersion)},
        {"eindtoestand", status->final},
        {"besluitvorming", document.state == "ter-besluitvorming"},
        {"bewerkbaar", status->editable},
        {"bewerkbaarMetFormulier", status->editable},
        {"ondertekening",
         document.state == "vastgesteld" &&
             document.kind == std::string(toString(DocumentKind::Samenwerkingsconvenant))},
        {"meerVersies", document.latestVersion > 1},
        {"magExporteren", mayExport(actor)},
        {"csrf", csrf},
        {"overgangen", transitions},
        {"versies", versionRows},
        {"gebeurtenissen", history},
        {"geverifieerd", verification && verification->intact()},
        {"verificatie", verification
                            ? (verification->problems.empty()
                                   ? std::string()
                                   : present::inDutch(verification->problems.front().message))
                            : present::inDutch(verification.error().message)}};
    if (document.periodStart && document.periodEnd) {
        context["periode"] =
            dutchDate(*document.periodStart) + " tot en met " + dutchDate(*document.periodEnd);
    }
    return DocumentView{context, document.title};
}

}  // namespace

ApiResponse documentPage(Engine& engine, const Actor& actor, const std::string& csrf,
                         const std::string& id, const std::optional<std::string>& step,
                         const std::optional<std::string>& version) {
    auto view = documentView(engine, actor, csrf, id);
    if (!view) return failurePage(view.error(), actor, csrf);
    std::string text;
    if (step && !step->empty()) text = "De stap " + *step + " is gezet.";
    if (auto saved = number(version)) text = "Versie " + std::to_string(*saved) + " is opgeslagen.";
    return page(200, view->title, renderTemplate("document", view->context), sessionOf(actor, csrf),
                {}, text);
}

ApiResponse fireTransition(Engine& engine, const Actor& actor, const std::string& csrf,
                           const std::string& id, const Form& form) {
    auto value = [&](const std::string& name) { return formValue(form, name); };
    TransitionRequest request{id, value("naam"), std::nullopt, value("reden")};
    auto base = value("basis");
    if (!base.empty() && base.size() < 10 &&
        base.find_first_not_of("0123456789") == std::string::npos) {
        request.baseVersion = std::stoll(base);
    }
    auto fired = engine.transition(actor, request);
    if (fired) {
        return seeOther("/documenten/" + id + "?melding=" + encode(request.transition));
    }
    auto view = documentView(engine, actor, csrf, id);
    if (!view) return failurePage(fired.error(), actor, csrf);
    return page(statusFor(fired.error().code), view->title,
                renderTemplate("document", view->context), sessionOf(actor, csrf),
                {faultOf(fired.error())});
}

namespace {

struct MeetingInput {
    std::string date, vergadering, agendapunt;
    std::map<std::string, std::string> verdicts, representatives, remarks, faults;
};

ApiResponse meeting(Engine& engine, const Actor& actor, const std::string& csrf,
                    const std::string& id, const MeetingInput* input,
                    const std::vector<Fault>& faults, const std::string& notice, int status) {
    auto document = engine.document(actor, id);
    if (!document) return failurePage(document.error(), actor, csrf);
    auto decisions = engine.decisionStatus(actor, id);
    if (!decisions) return failurePage(decisions.error(), actor, csrf);
    auto partners = engine.listPartners(actor, document->region);
    std::map<std::string, const Partner*> byKey;
    if (partners) {
        for (const auto& partner : *partners)
            byKey[partner.key] = &partner;
    }
    const auto& verdict = decisions->verdict;
    std::vector<std::string> members;
    for (const auto* group :
         {&verdict.inFavour, &verdict.against, &verdict.abstained, &verdict.missing}) {
        for (const auto& key : *group) {
            if (std::find(members.begin(), members.end(), key) == members.end())
                members.push_back(key);
        }
    }
    std::map<std::string, std::string> current;
    for (const auto& record : decisions->current) {
        if (record.status == "geldend") current[record.partner] = record.verdict;
    }
    std::string today = amsterdamDate(std::chrono::system_clock::now());
    static const std::array<std::pair<const char*, const char*>, 4> kChoices{
        {{"", "geen besluit"},
         {"akkoord", "akkoord"},
         {"niet-akkoord", "niet akkoord"},
         {"onthouding", "onthouding"}}};
    list rows;
    for (const auto& key : members) {
        const Partner* partner = byKey.count(key) ? byKey.at(key) : nullptr;
        std::string chosen = input && input->verdicts.count(key) ? input->verdicts.at(key) : "";
        list choices;
        for (const auto& [value, text] : kChoices) {
            choices.push_back(object{{"waarde", std::string(*value ? value : "geen")},
                                     {"tekst", std::string(text)},
                                     {"gekozen", chosen == value},
                                     {"sleutel", key}});
        }
        std::string representative =
            input ? (input->representatives.count(key) ? input->representatives.at(key) : "")
                  : (partner && !partner->representatives.empty()
                         ? partner->representatives.front().name
                         : "");
        object row{{"sleutel", key},
                   {"naam", partner ? partner->name : key},
                   {"keuzes", choices},
                   {"vertegenwoordiger", representative},
                   {"opmerking", input && input->remarks.count(key) ? input->remarks.at(key) : ""}};
        if (current.count(key)) row["huidig"] = current.at(key);
        if (input && input->faults.count(key)) row["fout"] = input->faults.at(key);
        rows.push_back(row);
    }
    list recorded;
    auto addRecords = [&](const std::vector<DecisionRecord>& records, bool stale) {
        for (const auto& record : records) {
            recorded.push_back(object{
                {"partner",
                 byKey.count(record.partner) ? byKey.at(record.partner)->name : record.partner},
                {"besluit", record.verdict},
                {"versie", std::to_string(record.version)},
                {"datum", dutchDate(record.date)},
                {"vertegenwoordiger", record.representative},
                {"status", stale ? std::string("verouderd (oudere versie)") : record.status}});
        }
    };
    addRecords(decisions->current, false);
    addRecords(decisions->stale, true);
    std::string missing;
    for (const auto& key : verdict.missing)
        missing += (missing.empty() ? "" : ", ") + (byKey.count(key) ? byKey.at(key)->name : key);
    object context{{"titel", document->title},
                   {"documentId", id},
                   {"versie", std::to_string(document->latestVersion)},
                   {"hash", document->latestContentHash},
                   {"voldaan", verdict.met},
                   {"regel", verdict.rule},
                   {"toelichting", present::inDutch(verdict.explanation)},
                   {"heeftOntbrekend", !verdict.missing.empty()},
                   {"ontbrekend", missing},
                   {"magVastleggen", document->state == "ter-besluitvorming"},
                   {"toestand", document->state},
                   {"csrf", csrf},
                   {"vandaag", today},
                   {"datum", input ? input->date : today},
                   {"vergadering", input ? input->vergadering : ""},
                   {"agendapunt", input ? input->agendapunt : ""},
                   {"partijen", rows},
                   {"besluiten", recorded},
                   {"heeftBesluiten", !decisions->current.empty() || !decisions->stale.empty()}};
    for (const auto& fault : faults) {
        if (fault.field == "datum") context["datumFout"] = fault.text;
    }
    return page(status, "Besluiten vastleggen", renderTemplate("besluitvorming", context),
                sessionOf(actor, csrf), faults, notice);
}

}  // namespace

ApiResponse meetingPage(Engine& engine, const Actor& actor, const std::string& csrf,
                        const std::string& id, const std::optional<std::string>& recorded) {
    std::string notice;
    if (recorded && !recorded->empty() && recorded->size() < 4 &&
        recorded->find_first_not_of("0123456789") == std::string::npos) {
        notice = *recorded == "1" ? "1 besluit is vastgelegd."
                                  : *recorded + " besluiten zijn vastgelegd.";
    }
    return meeting(engine, actor, csrf, id, nullptr, {}, notice, 200);
}

ApiResponse recordMeeting(Engine& engine, const Actor& actor, const std::string& csrf,
                          const std::string& id, const Form& form) {
    auto value = [&](const std::string& name) { return formValue(form, name); };
    MeetingInput input{value("datum"), value("vergadering"), value("agendapunt"), {}, {}, {}, {}};
    std::vector<DecisionRequest> requests;
    std::int64_t version = 0;
    auto versionText = value("versie");
    if (!versionText.empty() && versionText.size() < 10 &&
        versionText.find_first_not_of("0123456789") == std::string::npos) {
        version = std::stoll(versionText);
    }
    static const std::set<std::string> kVerdicts{"akkoord", "niet-akkoord", "onthouding"};
    for (const auto& [name, chosen] : form) {
        if (name.rfind("besluit-", 0) != 0) continue;
        std::string key = name.substr(8);
        input.representatives[key] = value("vertegenwoordiger-" + key);
        input.remarks[key] = value("opmerking-" + key);
        if (!kVerdicts.count(chosen)) continue;
        input.verdicts[key] = chosen;
        requests.push_back({id, version, value("hash"), key, chosen, input.representatives[key],
                            input.date, input.vergadering, input.agendapunt, input.remarks[key]});
    }
    if (requests.empty()) {
        return meeting(engine, actor, csrf, id, &input,
                       {{"Kies bij minstens één partij een besluit.", "", {}}}, "", 400);
    }
    auto recorded = engine.recordDecisions(actor, requests);
    if (recorded) {
        return seeOther("/documenten/" + id +
                        "/besluitvorming?vastgelegd=" + std::to_string(recorded->size()));
    }
    // Nothing was recorded: the form comes back with what was typed, each
    // refused partner marked at its row.
    const auto& error = recorded.error();
    auto dutch = present::inDutch(error);
    std::vector<Fault> faults;
    bool perPartner = false;
    for (std::size_t i = 0; i < error.details.size(); ++i) {
        const auto& where = error.details[i].where;
        if (input.verdicts.count(where)) {
            perPartner = true;
            input.faults[where] = dutch.details[i].message;
            faults.push_back({dutch.details[i].message, "partij-" + where, {}});
        } else if (where == "datum") {
            faults.push_back({dutch.details[i].message, "datum", {}});
        }
    }
    if (!perPartner && faults.empty()) faults.push_back(faultOf(error));
    if (perPartner) faults.insert(faults.begin(), {dutch.message, "", {}});
    return meeting(engine, actor, csrf, id, &input, faults, "", statusFor(error.code));
}

namespace {

std::string changeName(diff::ChangeKind kind) {
    return std::string(diff::toString(kind));  // toegevoegd, verwijderd, gewijzigd
}

ApiResponse attachment(const std::string& bytes, const std::string& type, const std::string& name) {
    auto response = ApiResponse::bytes(200, type, bytes);
    response.headers["Content-Disposition"] = "attachment; filename=\"" + name + "\"";
    return response;
}

}  // namespace

ApiResponse diffPage(Engine& engine, const Actor& actor, const std::string& csrf,
                     const std::string& id, const std::optional<std::string>& from,
                     const std::optional<std::string>& to) {
    auto document = engine.document(actor, id);
    if (!document) return failurePage(document.error(), actor, csrf);
    auto versions = engine.listVersions(actor, id);
    if (!versions) return failurePage(versions.error(), actor, csrf);
    std::int64_t latest = document->latestVersion;
    std::int64_t newer = number(to).value_or(latest);
    std::int64_t older = number(from).value_or(newer > 1 ? newer - 1 : 1);
    object context{{"titel", document->title}, {"documentId", id}};
    list numbers;
    for (const auto& version : *versions) {
        numbers.push_back(object{{"nummer", std::to_string(version.number)},
                                 {"isVan", version.number == older},
                                 {"isNaar", version.number == newer}});
    }
    context["versies"] = numbers;
    std::vector<Fault> faults;
    if (latest < 2) {
        faults.push_back({"Dit document heeft één versie; er is niets te vergelijken.", "", {}});
        context["vergeleken"] = false;
    } else {
        auto compared = engine.diffVersions(actor, id, older, newer);
        if (!compared) {
            faults.push_back(faultOf(compared.error()));
            context["vergeleken"] = false;
        } else {
            list changes;
            for (const auto& change : compared->diff.changes) {
                changes.push_back(object{{"label", change.label},
                                         {"soort", changeName(change.kind)},
                                         {"oud", change.oldValue.value_or("")},
                                         {"nieuw", change.newValue.value_or("")}});
            }
            list paragraphs;
            for (const auto& paragraph : compared->diff.paragraphs) {
                list words;
                if (paragraph.words.empty()) {
                    bool added = paragraph.kind == diff::ChangeKind::Added;
                    words.push_back(object{{"tekst", added ? paragraph.newText.value_or("")
                                                           : paragraph.oldText.value_or("")},
                                           {"gelijk", false},
                                           {"weg", !added},
                                           {"erbij", added}});
                }
                for (const auto& word : paragraph.words) {
                    using Op = diff::WordSegment::Op;
                    words.push_back(object{{"tekst", word.text},
                                           {"gelijk", word.op == Op::Equal},
                                           {"weg", word.op == Op::Deleted},
                                           {"erbij", word.op == Op::Inserted}});
                }
                paragraphs.push_back(object{{"label", paragraph.label},
                                            {"soort", changeName(paragraph.kind)},
                                            {"woorden", words}});
            }
            context["vergeleken"] = true;
            context["van"] = std::to_string(compared->from.number);
            context["naar"] = std::to_string(compared->to.number);
            context["vanAuteur"] = compared->from.author;
            context["naarAuteur"] = compared->to.author;
            context["vanTijd"] = dutchTime(compared->from.time);
            context["naarTijd"] = dutchTime(compared->to.time);
            context["leeg"] = compared->diff.empty();
            context["heeftWijzigingen"] = !compared->diff.changes.empty();
            context["wijzigingen"] = changes;
            context["heeftAlineas"] = !compared->diff.paragraphs.empty();
            context["alineas"] = paragraphs;
        }
    }
    return page(faults.empty() ? 200 : 400, "Verschillen " + document->title,
                renderTemplate("verschillen", context), sessionOf(actor, csrf), faults);
}

ApiResponse redline(Engine& engine, const Actor& actor, const std::string& csrf,
                    const std::string& id, const std::optional<std::string>& from,
                    const std::optional<std::string>& to, const std::string& format) {
    auto marked = engine.redlineVersions(
        actor, id, number(from), number(to),
        format == "odt" ? render::TemplateFormat::Odt : render::TemplateFormat::Docx);
    if (!marked) return failurePage(marked.error(), actor, csrf);
    return attachment(marked->rendered.bytes, marked->rendered.contentType,
                      marked->rendered.fileName);
}

ApiResponse exportHistory(Engine& engine, const Actor& actor, const std::string& csrf,
                          const std::string& id, const std::string& format) {
    return exportOf(engine, actor, csrf, id, std::nullopt, format);
}

ApiResponse exportOf(Engine& engine, const Actor& actor, const std::string& csrf,
                     const std::optional<std::string>& id, const std::optional<std::string>& region,
                     const std::string& format) {
    auto kind = parseExportFormat(format);
    if (!kind) {
        return failurePage(
            makeError(ErrorCode::InvalidInput, "formaat must be json, csv, csv-excel or zip"),
            actor, csrf);
    }
    ExportRequest request;
    request.documentId = id;
    request.region = region;
    request.format = *kind;
    // Spooled to a file, sent once complete: a failure half way is an error
    // page, never a truncated download.
    auto spooled = SpooledBody::create();
    std::ofstream out(spooled->path(), std::ios::binary | std::ios::trunc);
    auto summary = engine.exportHistory(actor, request, out);
    out.close();
    if (!summary) return failurePage(summary.error(), actor, csrf);
    if (!out) return failurePage(makeError(ErrorCode::Storage, "spooling failed"), actor, csrf);
    auto response = ApiResponse::bytes(200, summary->mediaType, {});
    response.spooled = std::move(spooled);
    response.headers["Content-Disposition"] = "attachment; filename=\"" + summary->fileName + "\"";
    return response;
}

namespace {

struct UploadInput {
    std::string message;
    std::string content;
    std::optional<std::int64_t> staleConfirmed;
};

ApiResponse uploadForm(const Actor& actor, const std::string& csrf, const Document& document,
                       const UploadInput* input, std::int64_t base,
                       const std::vector<Fault>& faults, bool conflict, int status,
                       std::size_t maximum) {
    object context{{"titel", document.title},
                   {"documentId", document.id},
                   {"csrf", csrf},
                   {"basis", std::to_string(base)},
                   {"laatste", std::to_string(document.latestVersion)},
                   {"bericht", input ? input->message : ""},
                   {"maximum", std::to_string(maximum / (1024 * 1024)) + " MiB"},
                   {"conflict", conflict},
                   {"ingediend", input ? input->content : ""}};
    if (input && input->staleConfirmed)
        context["vervallen"] = std::to_string(*input->staleConfirmed);
    for (const auto& fault : faults) {
        if (fault.field == "inhoudsbestand") context["bestandFout"] = fault.text;
        if (fault.field == "bericht") context["berichtFout"] = fault.text;
    }
    return page(status, "Nieuwe versie " + document.title, renderTemplate("nieuwe-versie", context),
                sessionOf(actor, csrf), faults);
}

}  // namespace

ApiResponse newVersionPage(Engine& engine, const Actor& actor, const std::string& csrf,
                           const std::string& id) {
    auto document = engine.document(actor, id);
    if (!document) return failurePage(document.error(), actor, csrf);
    return uploadForm(actor, csrf, *document, nullptr, document->latestVersion, {}, false, 200,
                      4 * 1024 * 1024);
}

ApiResponse uploadVersion(Engine& engine, const Actor& actor, const std::string& csrf,
                          const std::string& id, const Form& form, std::size_t maximum) {
    auto document = engine.document(actor, id);
    if (!document) return failurePage(document.error(), actor, csrf);
    auto value = [&](const std::string& name) { return formValue(form, name); };
    UploadInput input{value("bericht"), value("inhoud"), number(value("vervallen"))};
    auto base = number(value("basis")).value_or(document->latestVersion);
    std::vector<Fault> faults;
    if (input.content.empty())
        faults.push_back({"Kies het XML-bestand met de inhoud.", "inhoudsbestand", {}});
    if (input.message.empty()) {
        faults.push_back({"Schrijf in het bericht wat er veranderd is.", "bericht", {}});
    }
    if (!faults.empty()) {
        return uploadForm(actor, csrf, *document, &input, base, faults, false, 400, maximum);
    }
    auto added =
        engine.addVersion(actor, {id, base, input.content, input.message, input.staleConfirmed});
    if (added) {
        return seeOther("/documenten/" + id + "?versie=" + std::to_string(added->number));
    }
    const auto& error = added.error();
    Fault fault = faultOf(error);
    auto dutch = present::inDutch(error);
    if (error.code == ErrorCode::InvalidContent) {
        fault.field = "inhoudsbestand";
        fault.details.clear();
        for (const auto& detail : dutch.details) {
            fault.details.push_back(
                (detail.line ? "regel " + std::to_string(*detail.line) + ": " : "") +
                detail.message);
        }
    }
    return uploadForm(actor, csrf, *document, &input, base, {fault},
                      error.code == ErrorCode::Conflict, statusFor(error.code), maximum);
}

namespace {

struct SigningInput {
    std::string date, place;
    std::set<std::string> signed_;
    std::map<std::string, std::string> signatories, functions, faults;
};

ApiResponse signing(Engine& engine, const Actor& actor, const std::string& csrf,
                    const std::string& id, const SigningInput* input,
                    const std::vector<Fault>& faults, const std::string& notice, int status) {
    auto document = engine.document(actor, id);
    if (!document) return failurePage(document.error(), actor, csrf);
    auto signatures = engine.signatureStatus(actor, id);
    if (!signatures) return failurePage(signatures.error(), actor, csrf);
    auto partners = engine.listPartners(actor, document->region);
    std::map<std::string, const Partner*> byKey;
    if (partners) {
        for (const auto& partner : *partners)
            byKey[partner.key] = &partner;
    }
    auto nameOf = [&](const std::string& key) {
        return byKey.count(key) ? byKey.at(key)->name : key;
    };
    std::string today = amsterdamDate(std::chrono::system_clock::now());
    list rows;
    std::string missing;
    for (const auto& key : signatures->missing) {
        const Partner* partner = byKey.count(key) ? byKey.at(key) : nullptr;
        const Representative* first = partner && !partner->representatives.empty()
                                          ? &partner->representatives.front()
                                          : nullptr;
        object row{{"sleutel", key},
                   {"naam", nameOf(key)},
                   {"gekozen", input && input->signed_.count(key) > 0},
                   {"ondertekenaar",
                    input ? input->signatories.at(key) : (first ? first->name : std::string())},
                   {"functie",
                    input ? input->functions.at(key) : (first ? first->function : std::string())}};
        if (input && input->faults.count(key)) row["fout"] = input->faults.at(key);
        rows.push_back(row);
        missing += (missing.empty() ? "" : ", ") + nameOf(key);
    }
    list recorded;
    for (const auto* records : {&signatures->current, &signatures->stale}) {
        for (const auto& record : *records) {
            recorded.push_back(object{
                {"partner", nameOf(record.partner)},
                {"ondertekenaar", record.signatory},
                {"functie", record.function},
                {"plaats", record.place},
                {"datum", dutchDate(record.date)},
                {"status", records == &signatures->stale ? std::string("verouderd (oudere versie)")
                                                         : record.status}});
        }
    }
    object context{
        {"titel", document->title},
        {"documentId", id},
        {"versie", std::to_string(document->latestVersion)},
        {"hash", document->latestContentHash},
        {"heeftOntbrekend", !signatures->missing.empty()},
        {"ontbrekend", missing},
        {"magVastleggen", document->state == "vastgesteld" && !signatures->missing.empty()},
        {"csrf", csrf},
        {"vandaag", today},
        {"datum", input ? input->date : today},
        {"plaats", input ? input->place : std::string()},
        {"partijen", rows},
        {"ondertekeningen", recorded},
        {"heeftOndertekeningen", !signatures->current.empty() || !signatures->stale.empty()}};
    return page(status, "Ondertekeningen vastleggen", renderTemplate("ondertekening", context),
                sessionOf(actor, csrf), faults, notice);
}

}  // namespace

ApiResponse signingPage(Engine& engine, const Actor& actor, const std::string& csrf,
                        const std::string& id, const std::optional<std::string>& recorded) {
    std::string notice;
    if (auto count = number(recorded)) {
        notice = *count == 1 ? "1 ondertekening is vastgelegd."
                             : std::to_string(*count) + " ondertekeningen zijn vastgelegd.";
    }
    return signing(engine, actor, csrf, id, nullptr, {}, notice, 200);
}

ApiResponse recordSigning(Engine& engine, const Actor& actor, const std::string& csrf,
                          const std::string& id, const Form& form) {
    auto value = [&](const std::string& name) { return formValue(form, name); };
    auto status = engine.signatureStatus(actor, id);
    if (!status) return failurePage(status.error(), actor, csrf);
    SigningInput input{value("datum"), value("plaats"), {}, {}, {}, {}};
    std::vector<SignatureRequest> requests;
    for (const auto& key : status->missing) {
        input.signatories[key] = value("ondertekenaar-" + key);
        input.functions[key] = value("functie-" + key);
        if (value("getekend-" + key) != "ja") continue;
        input.signed_.insert(key);
        requests.push_back({id, number(value("versie")).value_or(0), value("hash"), key,
                            input.signatories[key], input.functions[key], input.place, input.date});
    }
    if (requests.empty()) {
        return signing(engine, actor, csrf, id, &input,
                       {{"Vink minstens één partij aan die heeft ondertekend.", "", {}}}, "", 400);
    }
    auto recorded = engine.recordSignatures(actor, requests);
    if (recorded) {
        return seeOther("/documenten/" + id +
                        "/ondertekening?vastgelegd=" + std::to_string(recorded->size()));
    }
    const auto& error = recorded.error();
    auto dutch = present::inDutch(error);
    std::vector<Fault> faults{{dutch.message, "", {}}};
    for (std::size_t i = 0; i < error.details.size(); ++i) {
        const auto& where = error.details[i].where;
        if (input.signed_.count(where)) {
            input.faults[where] = dutch.details[i].message;
            faults.push_back({dutch.details[i].message, "partij-" + where, {}});
        } else {
            faults.front().details.push_back(dutch.details[i].message);
        }
    }
    return signing(engine, actor, csrf, id, &input, faults, "", statusFor(error.code));
}

namespace {

ApiResponse newDocumentForm(const Actor& actor, const std::string& csrf, const std::string& region,
                            const Form* input, const std::vector<Fault>& faults, int status) {
    auto value = [&](const char* name) { return input ? formValue(*input, name) : std::string(); };
    std::string chosen = input ? value("soort") : "samenwerkingsconvenant";
    list kinds;
    for (const char* kind : {"samenwerkingsconvenant", "beleidsagenda", "uitvoeringsagenda"}) {
        kinds.push_back(object{{"waarde", std::string(kind)},
                               {"tekst", std::string(kind)},
                               {"gekozen", chosen == kind}});
    }
    object context{{"regio", region},
                   {"csrf", csrf},
                   {"soorten", kinds},
                   {"begin", value("begin")},
                   {"bericht", input ? value("bericht") : "Eerste concept uit het model"}};
    for (const auto& fault : faults) {
        if (fault.field == "begin") context["beginFout"] = fault.text;
    }
    return page(status, "Nieuw document", renderTemplate("nieuw-document", context),
                sessionOf(actor, csrf), faults);
}

}  // namespace

ApiResponse newDocumentPage(Engine& engine, const Actor& actor, const std::string& csrf,
                            const std::string& region) {
    auto found = engine.region(actor, region);
    if (!found) return failurePage(found.error(), actor, csrf);
    return newDocumentForm(actor, csrf, region, nullptr, {}, 200);
}

ApiResponse createDocument(Engine& engine, const Actor& actor, const std::string& csrf,
                           const std::string& region, const Form& form) {
    auto value = [&](const std::string& name) { return formValue(form, name); };
    auto kind = parseDocumentKind(value("soort"));
    if (!kind) {
        return newDocumentForm(actor, csrf, region, &form,
                               {{"Kies de soort document.", "soort-samenwerkingsconvenant", {}}},
                               400);
    }
    ModelDraftRequest request{*kind, region, std::nullopt, std::nullopt};
    if (!value("begin").empty()) request.begin = value("begin");
    auto draft = engine.modelDraft(actor, request);
    auto refuse = [&](const Error& error) {
        Fault fault = faultOf(error);
        for (const auto& detail : error.details) {
            if (detail.where == "begin") fault.field = "begin";
        }
        return newDocumentForm(actor, csrf, region, &form, {fault}, statusFor(error.code));
    };
    if (!draft) return refuse(draft.error());
    auto created = engine.createDocument(
        actor, {*kind, region, draft->content,
                value("bericht").empty() ? "Eerste concept uit het model" : value("bericht"),
                draft->beleidsagendaId});
    if (!created) return refuse(created.error());
    return seeOther("/documenten/" + created->id + "?versie=1");
}

ApiResponse historyPage(Engine& engine, const Actor& actor, const std::string& csrf,
                        const std::string& subject, bool region,
                        const std::optional<std::string>& kind,
                        const std::optional<std::string>& who) {
    auto events = region ? engine.regionHistory(actor, subject) : engine.history(actor, subject);
    if (!events) return failurePage(events.error(), actor, csrf);
    std::set<std::string> kinds, actors;
    for (const auto& event : *events) {
        kinds.insert(event.kind);
        actors.insert(event.actor);
    }
    auto options = [](const std::set<std::string>& values,
                      const std::optional<std::string>& chosen) {
        list entries;
        for (const auto& value : values)
            entries.push_back(object{{"waarde", value}, {"gekozen", chosen && *chosen == value}});
        return entries;
    };
    list rows;
    std::size_t shown = 0;
    for (auto it = events->rbegin(); it != events->rend(); ++it) {
        if (kind && !kind->empty() && it->kind != *kind) continue;
        if (who && !who->empty() && it->actor != *who) continue;
        ++shown;
        rows.push_back(object{{"nummer", std::to_string(it->sequence)},
                              {"tijd", dutchTime(it->time)},
                              {"soort", it->kind},
                              {"actor", it->actor},
                              {"rol", it->role},
                              {"wat", eventSummary(*it)},
                              {"hash", it->hash},
                              {"hashKort", it->hash.substr(0, 12)}});
    }
    std::string base = (region ? "/regios/" : "/documenten/") + subject;
    object context{{"onderwerp", region ? "regio " + subject : subject},
                   {"actie", base + "/historie"},
                   {"terug", base},
                   {"soorten", options(kinds, kind)},
                   {"actoren", options(actors, who)},
                   {"getoond", std::to_string(shown)},
                   {"totaal", std::to_string(events->size())},
                   {"gebeurtenissen", rows}};
    return page(200, "Historie " + subject, renderTemplate("historie", context),
                sessionOf(actor, csrf));
}

ApiResponse regionExport(Engine& engine, const Actor& actor, const std::string& csrf,
                         const std::string& code, const std::string& format) {
    return exportOf(engine, actor, csrf, std::nullopt, code, format);
}

namespace {

ApiResponse bundleForm(const Actor& actor, const std::string& csrf, const BundleReport* report,
                       const std::vector<Fault>& faults, int status) {
    object context{{"csrf", csrf}, {"uitslag", report != nullptr}};
    if (report) {
        list problems;
        for (const auto* group :
             {&report->problems, &report->authenticityProblems, &report->rewriteProblems}) {
            for (const auto& problem : *group) {
                auto dutch = present::inDutch(problem.message);
                problems.push_back(problem.where.empty() ? dutch : problem.where + ": " + dutch);
            }
        }
        context["intact"] = report->problems.empty() && report->rewriteProblems.empty();
        context["bestanden"] = std::to_string(report->filesChecked);
        context["stromen"] = std::to_string(report->streamsChecked);
        context["gebeurtenissen"] = std::to_string(report->eventsChecked);
        context["versies"] = std::to_string(report->versionsChecked);
        context["handtekening"] =
            report->signedBundle
                ? "ondertekend door " + report->signerName + " (sleutel " + report->signerKeyId +
                      ")"
                : (report->signaturePresent ? std::string("aanwezig, maar niet geldig")
                                            : std::string("de bundel is niet ondertekend"));
        context["heeftProblemen"] = !problems.empty();
        context["problemen"] = problems;
    }
    for (const auto& fault : faults) {
        if (fault.field == "bundelbestand") context["bestandFout"] = fault.text;
    }
    return page(status, "Bundel verifiëren", renderTemplate("bundelverificatie", context),
                sessionOf(actor, csrf), faults);
}

}  // namespace

ApiResponse bundlePage(Engine& engine, const Actor& actor, const std::string& csrf) {
    if (auto allowed = engine.permits(actor, Operation::VerifyBundle); !allowed) {
        return failurePage(allowed.error(), actor, csrf);
    }
    return bundleForm(actor, csrf, nullptr, {}, 200);
}

ApiResponse verifyBundleUpload(Engine& engine, const Actor& actor, const std::string& csrf,
                               const Form& form) {
    if (auto allowed = engine.permits(actor, Operation::VerifyBundle); !allowed) {
        return failurePage(allowed.error(), actor, csrf);
    }
    auto bundle = form.find("bundel");
    if (bundle == form.end() || bundle->second.empty()) {
        return bundleForm(actor, csrf, nullptr,
                          {{"Kies het ZIP-bestand van de bundel.", "bundelbestand", {}}}, 400);
    }
    auto report = verifyBundle(bundle->second);
    return bundleForm(actor, csrf, &report, {}, 200);
}

namespace {

struct EditInput {
    std::map<std::size_t, std::string> values;
    std::map<std::size_t, std::string> faults;
    std::map<std::pair<std::size_t, std::size_t>, std::string> partValues;
    std::map<std::size_t, std::string> partFaults;
    std::map<std::pair<std::size_t, std::size_t>, std::string> partFieldFaults;
    std::string message;
};

std::string fieldName(std::size_t index) {
    return "veld-" + std::to_string(index);
}

std::string partFieldName(std::size_t part, std::size_t field) {
    return "nieuw-" + std::to_string(part) + "-" + std::to_string(field);
}

list choicesOf(const std::vector<std::string>& choices, const std::string& chosen) {
    list options;
    for (const auto& choice : choices) {
        options.push_back(object{{"waarde", choice}, {"gekozen", choice == chosen}});
    }
    return options;
}

// One input of the form: its name, label, kind and value, its fault or the
// guard's note beside it.
object inputEntry(const std::string& name, const std::string& label, EditableField::Kind kind,
                  const std::vector<std::string>& choices, const std::string& value,
                  const std::string* fault, const std::string* note) {
    using Kind = EditableField::Kind;
    object entry{{"naam", name},
                 {"label", label},
                 {"waarde", value},
                 {"lang", kind == Kind::LongText},
                 {"tekst", kind == Kind::Text},
                 {"verwijder", kind == Kind::Remove},
                 {"aangevinkt", kind == Kind::Remove && value == "verwijderen"}};
    if (kind == Kind::Choice) entry["keuze"] = object{{"opties", choicesOf(choices, value)}};
    if (fault) entry["fout"] = *fault;
    if (note) entry["opmerking"] = *note;
    return entry;
}

ApiResponse editForm(Engine& engine, const Actor& actor, const std::string& csrf,
                     const Document& document, const Version& base, const EditInput* input,
                     const std::vector<Fault>& faults, bool conflict, int status,
                     const std::string& notice = "") {
    auto form = contentForm(document.kind, base.content);
    if (!form) return failurePage(form.error(), actor, csrf);
    const auto& fields = form->fields;
    // The guards' verdicts on the latest version, beside the fields they name.
    std::map<std::size_t, std::string> notes;
    std::map<std::string, std::string> groupNotes;
    if (auto status = engine.workflowStatus(actor, document.id)) {
        for (const auto& option : status->transitions) {
            for (const auto& outcome : option.guards) {
                if (outcome.passed) continue;
                for (const auto& detail : outcome.details) {
                    for (std::size_t i = 0; i < fields.size(); ++i) {
                        if (fields[i].kind != EditableField::Kind::Remove &&
                            !detail.where.empty() &&
                            fields[i].path.find("/" + detail.where) != std::string::npos) {
                            notes[i] = present::inDutch(detail.message);
                            groupNotes[fields[i].group] = present::inDutch(outcome.message);
                        }
                    }
                }
            }
        }
    }
    // The groups in the order of the form, each with its fields and, where
    // the engine places them, the parts that can be added.
    list groups;
    std::string current;
    list items;
    std::map<std::string, std::string> groupFaults;
    auto flush = [&] {
        if (current.empty()) return;
        object group{{"naam", current}, {"items", items}};
        if (groupNotes.count(current)) group["melding"] = groupNotes.at(current);
        if (groupFaults.count(current)) group["groepFout"] = groupFaults.at(current);
        groups.push_back(group);
        items = list{};
    };
    auto enter = [&](const std::string& group) {
        if (group == current) return;
        flush();
        current = group;
    };
    auto partsAt = [&](std::size_t position) {
        for (std::size_t p = 0; p < form->parts.size(); ++p) {
            const auto& part = form->parts[p];
            if (part.position != position) continue;
            enter(part.group);
            list partFields;
            for (std::size_t f = 0; f < part.fields.size(); ++f) {
                const auto& field = part.fields[f];
                if (field.fixed) continue;
                std::string value = field.value;
                if (input) {
                    auto typed = input->partValues.find({p, f});
                    if (typed != input->partValues.end()) value = typed->second;
                }
                const std::string* fault = nullptr;
                if (input && input->partFieldFaults.count({p, f}))
                    fault = &input->partFieldFaults.at({p, f});
                partFields.push_back(inputEntry(partFieldName(p, f), field.label, field.kind,
                                                field.choices, value, fault, nullptr));
            }
            const std::string* fault =
                input && input->partFaults.count(p) ? &input->partFaults.at(p) : nullptr;
            if (part.group == part.label) {
                // A part with a group of its own ("Nieuw artikel"): its
                // fields are the group's.
                if (fault) groupFaults[current] = *fault;
                for (const auto& field : partFields)
                    items.push_back(object{{"veld", field}});
                continue;
            }
            object entry{{"label", part.label}, {"velden", partFields}};
            if (fault) entry["onderdeelFout"] = *fault;
            items.push_back(object{{"onderdeel", entry}});
        }
    };
    for (std::size_t i = 0; i < fields.size(); ++i) {
        partsAt(i);
        const auto& field = fields[i];
        enter(field.group);
        std::string value = input && input->values.count(i) ? input->values.at(i) : field.value;
        const std::string* fault = input && input->faults.count(i) ? &input->faults.at(i) : nullptr;
        const std::string* note = notes.count(i) ? &notes.at(i) : nullptr;
        items.push_back(object{{"veld", inputEntry(fieldName(i), field.label, field.kind,
                                                   field.choices, value, fault, note)}});
    }
    partsAt(fields.size());
    flush();
    object context{{"titel", document.title},
                   {"documentId", document.id},
                   {"csrf", csrf},
                   {"basis", std::to_string(base.number)},
                   {"laatste", std::to_string(document.latestVersion)},
                   {"groepen", groups},
                   {"bericht", input ? input->message : ""},
                   {"conflict", conflict}};
    for (const auto& fault : faults) {
        if (fault.field == "bericht") context["berichtFout"] = fault.text;
    }
    return page(status, "Bewerken " + document.title, renderTemplate("bewerken", context),
                sessionOf(actor, csrf), faults, notice);
}

}  // namespace

ApiResponse editPage(Engine& engine, const Actor& actor, const std::string& csrf,
                     const std::string& id) {
    auto document = engine.document(actor, id);
    if (!document) return failurePage(document.error(), actor, csrf);
    auto base = engine.version(actor, id, document->latestVersion);
    if (!base) return failurePage(base.error(), actor, csrf);
    return editForm(engine, actor, csrf, *document, *base, nullptr, {}, false, 200);
}

namespace {

// The edit form as posted: saved as a new version (or shown again with its
// faults), or with `save` false only shown again with what was typed.
// A browser posts a textarea's line breaks as CRLF; content keeps LF.
Form withUnixLines(const Form& posted) {
    Form form;
    for (const auto& [name, value] : posted) {
        std::string text;
        text.reserve(value.size());
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n') continue;
            text += value[i];
        }
        form[name] = std::move(text);
    }
    return form;
}

ApiResponse submitEdit(Engine& engine, const Actor& actor, const std::string& csrf,
                       const std::string& id, const Form& typed, bool save) {
    const Form posted = withUnixLines(typed);
    auto value = [&](const std::string& name) { return formValue(posted, name); };
    auto document = engine.document(actor, id);
    if (!document) return failurePage(document.error(), actor, csrf);
    auto baseNumber = number(value("basis")).value_or(document->latestVersion);
    auto base = engine.version(actor, id, baseNumber);
    if (!base) return failurePage(base.error(), actor, csrf);
    auto form = contentForm(document->kind, base->content);
    if (!form) return failurePage(form.error(), actor, csrf);
    const auto& fields = form->fields;
    EditInput input{{}, {}, {}, {}, {}, value("bericht")};
    // What changed: the fields whose value differs, the parts ticked for
    // removal, the new parts with any field filled in.
    ContentChange change;
    std::vector<std::size_t> editedField;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        auto it = posted.find(fieldName(i));
        if (fields[i].kind == EditableField::Kind::Remove) {
            if (it == posted.end() || it->second != "verwijderen") continue;
            input.values[i] = it->second;
            change.removals.push_back({fields[i].path, fields[i].renumber});
            continue;
        }
        if (it == posted.end()) continue;
        input.values[i] = it->second;
        if (it->second == fields[i].value) continue;
        change.edits.push_back({fields[i].path, it->second});
        editedField.push_back(i);
    }
    std::vector<std::size_t> addedPart;
    for (std::size_t p = 0; p < form->parts.size(); ++p) {
        const auto& part = form->parts[p];
        ContentAddition addition{part, {}};
        bool filled = false;
        for (std::size_t f = 0; f < part.fields.size(); ++f) {
            if (part.fields[f].fixed) continue;
            auto it = posted.find(partFieldName(p, f));
            if (it == posted.end()) continue;
            input.partValues[{p, f}] = it->second;
            addition.values[part.fields[f].at] = it->second;
            filled = filled || it->second != part.fields[f].value;
        }
        if (!filled) continue;
        change.additions.push_back(std::move(addition));
        addedPart.push_back(p);
    }
    if (!save) {
        return editForm(engine, actor, csrf, *document, *base, &input, {}, false, 200,
                        "Uw sessie was verlopen, dus er is niets opgeslagen. Dit is wat u had "
                        "ingevuld: controleer het en kies Opslaan als nieuwe versie.");
    }
    std::vector<Fault> faults;
    if (change.edits.empty() && change.removals.empty() && change.additions.empty()) {
        faults.push_back({"Er is niets veranderd.", "", {}});
    }
    if (input.message.empty()) {
        faults.push_back({"Schrijf in het bericht wat er veranderd is.", "bericht", {}});
    }
    if (!faults.empty()) {
        return editForm(engine, actor, csrf, *document, *base, &input, faults, false, 400);
    }
    auto edited = changeContent(base->content, change);
    if (!edited) {
        return editForm(engine, actor, csrf, *document, *base, &input, {faultOf(edited.error())},
                        false, statusFor(edited.error().code));
    }
    auto added = engine.addVersion(actor, {id, baseNumber, edited->xml, input.message});
    if (added) {
        return seeOther("/documenten/" + id + "?versie=" + std::to_string(added->number));
    }
    // Each schema error beside the field on its line or the new part that
    // holds its line; the rest in the summary.
    const auto& error = added.error();
    auto dutch = present::inDutch(error);
    Fault summary{dutch.message, "", {}};
    std::vector<Fault> fieldFaults;
    for (const auto& detail : dutch.details) {
        bool placed = false;
        // The edited fields on the error's line; among attributes of one
        // element, the one the message names when it names one.
        std::vector<std::size_t> onLine;
        std::vector<std::size_t> named;
        for (std::size_t j = 0; j < editedField.size() && detail.line; ++j) {
            if (edited->lines[j] != *detail.line) continue;
            onLine.push_back(j);
            const auto& path = fields[editedField[j]].path;
            auto attribute = path.rfind("/@");
            if (attribute != std::string::npos &&
                detail.message.find("'" + path.substr(attribute + 2) + "'") != std::string::npos)
                named.push_back(j);
        }
        for (std::size_t j : named.empty() ? onLine : named) {
            std::size_t field = editedField[j];
            input.faults[field] = detail.message;
            fieldFaults.push_back(
                {fields[field].group + ", " + fields[field].label + ": " + detail.message,
                 fieldName(field),
                 {}});
            placed = true;
        }
        for (std::size_t j = 0; j < addedPart.size() && detail.line && !placed; ++j) {
            auto [first, last] = edited->partLines[j];
            if (first == 0 || *detail.line < first || *detail.line > last) continue;
            std::size_t p = addedPart[j];
            const auto& part = form->parts[p];
            // The field on the error's line; among the attributes of one
            // element, the one the message names.
            std::optional<std::size_t> at;
            for (std::size_t f = 0; f < part.fields.size(); ++f) {
                if (part.fields[f].fixed || edited->partFieldLines[j][f] != *detail.line) continue;
                const auto& relative = part.fields[f].at;
                auto attribute = relative.rfind('@');
                bool named = attribute != std::string::npos &&
                             detail.message.find("'" + relative.substr(attribute + 1) + "'") !=
                                 std::string::npos;
                bool element = attribute == std::string::npos;
                if (named || (!at && element)) at = f;
                if (named) break;
            }
            if (at) {
                input.partFieldFaults[{p, *at}] +=
                    (input.partFieldFaults.count({p, *at}) ? " " : "") + detail.message;
                fieldFaults.push_back(
                    {part.label + ", " + part.fields[*at].label + ": " + detail.message,
                     partFieldName(p, *at),
                     {}});
            } else {
                auto& text = input.partFaults[p];
                text += (text.empty() ? "" : " ") + detail.message;
                fieldFaults.push_back({part.label + ": " + detail.message, "", {}});
            }
            placed = true;
        }
        if (!placed) summary.details.push_back(detail.message);
    }
    std::vector<Fault> all{summary};
    all.insert(all.end(), fieldFaults.begin(), fieldFaults.end());
    return editForm(engine, actor, csrf, *document, *base, &input, all,
                    error.code == ErrorCode::Conflict, statusFor(error.code));
}

}  // namespace

ApiResponse saveEdit(Engine& engine, const Actor& actor, const std::string& csrf,
                     const std::string& id, const Form& posted) {
    return submitEdit(engine, actor, csrf, id, posted, true);
}

ApiResponse restoredEdit(Engine& engine, const Actor& actor, const std::string& csrf,
                         const std::string& id, const Form& kept) {
    return submitEdit(engine, actor, csrf, id, kept, false);
}

namespace {

ApiResponse admissionForm(Engine& engine, const Actor& actor, const std::string& csrf,
                          const std::string& region, const AdmissionResult* result,
                          const Form* input, const std::vector<Fault>& faults, int status) {
    auto typed = [&](const std::string& name, const std::string& otherwise) {
        if (!input) return otherwise;
        auto it = input->find(name);
        return it == input->end() ? otherwise : it->second;
    };
    auto partners = engine.listPartners(actor, region);
    if (!partners) return failurePage(partners.error(), actor, csrf);
    list candidates, kernpartners;
    static const std::array<std::pair<const char*, const char*>, 3> kChoices{
        {{"akkoord", "akkoord"}, {"niet-akkoord", "niet akkoord"}, {"onthouding", "onthouding"}}};
    std::string today = amsterdamDate(std::chrono::system_clock::now());
    for (const auto& partner : *partners) {
        if (!partner.leftOn.empty()) continue;
        if (partner.role == "strategisch-partner") {
            candidates.push_back(object{{"sleutel", partner.key},
                                        {"naam", partner.name},
                                        {"gekozen", typed("partner", "") == partner.key}});
        } else if (partner.role == "kernpartner") {
            list choices;
            for (const auto& [value, text] : kChoices) {
                choices.push_back(object{
                    {"waarde", std::string(value)},
                    {"tekst", std::string(text)},
                    {"gekozen", typed("stem-" + partner.key, "akkoord") == std::string(value)},
                    {"sleutel", partner.key}});
            }
            kernpartners.push_back(
                object{{"sleutel", partner.key}, {"naam", partner.name}, {"keuzes", choices}});
        }
    }
    object context{{"regio", region},
                   {"csrf", csrf},
                   {"datum", typed("datum", today)},
                   {"vergadering", typed("vergadering", "")},
                   {"agendapunt", typed("agendapunt", "")},
                   {"kandidaten", candidates},
                   {"heeftKandidaten", !candidates.empty()},
                   {"kernpartners", kernpartners},
                   {"uitkomst", result != nullptr}};
    if (result) {
        context["partner"] = result->record.partner;
        context["toegelaten"] = result->record.admitted;
        context["toelichting"] = present::inDutch(result->verdict.explanation);
    }
    return page(status, "Toelating " + region, renderTemplate("toelating", context),
                sessionOf(actor, csrf), faults);
}

}  // namespace

ApiResponse admissionPage(Engine& engine, const Actor& actor, const std::string& csrf,
                          const std::string& region) {
    return admissionForm(engine, actor, csrf, region, nullptr, nullptr, {}, 200);
}

ApiResponse recordAdmission(Engine& engine, const Actor& actor, const std::string& csrf,
                            const std::string& region, const Form& form) {
    auto value = [&](const std::string& name) { return formValue(form, name); };
    AdmissionRequest request{
        region, value("partner"), value("vergadering"), value("agendapunt"), value("datum"), {}};
    for (const auto& [name, verdict] : form) {
        if (name.rfind("stem-", 0) == 0) request.votes[name.substr(5)] = verdict;
    }
    auto result = engine.admitStrategischPartner(actor, request);
    if (!result) {
        // Each problem at the field it names, the rest in the summary; what was typed stays.
        auto dutch = present::inDutch(result.error());
        std::vector<Fault> faults{{dutch.message, "", {}}};
        static const std::set<std::string> kFields{"datum", "vergadering", "agendapunt", "partner"};
        for (const auto& detail : dutch.details) {
            if (kFields.count(detail.where)) {
                faults.push_back({detail.message, detail.where, {}});
            } else {
                faults.front().details.push_back(detail.message);
            }
        }
        return admissionForm(engine, actor, csrf, region, nullptr, &form, faults,
                             statusFor(result.error().code));
    }
    return admissionForm(engine, actor, csrf, region, &*result, nullptr, {}, 200);
}

ApiResponse previewPage(Engine& engine, const Actor& actor, const std::string& csrf,
                        const std::string& id, std::int64_t number) {
    auto document = engine.document(actor, id);
    if (!document) return failurePage(document.error(), actor, csrf);
    auto version = engine.version(actor, id, number);
    if (!version) return failurePage(version.error(), actor, csrf);
    auto rendered = engine.renderVersion(actor, id, number, render::TemplateFormat::Odt);
    if (!rendered) return failurePage(rendered.error(), actor, csrf);
    auto preview = render::previewOdt(rendered->bytes);
    if (!preview) return failurePage(preview.error(), actor, csrf);
    object context{{"titel", document->title},
                   {"documentId", id},
                   {"nummer", std::to_string(number)},
                   {"auteur", version->author},
                   {"tijd", dutchTime(version->time)},
                   // Written by libxml2's HTML serializer from a tree
                   // (render/Preview.h): every text in it is escaped.
                   {"voorbeeld", preview->html}};
    if (number > 1) context["vorige"] = std::to_string(number - 1);
    if (number < document->latestVersion) context["volgende"] = std::to_string(number + 1);
    return page(200, "Voorbeeld " + document->title + " versie " + std::to_string(number),
                renderTemplate("voorbeeld", context), sessionOf(actor, csrf));
}

namespace {

std::string dutchSize(std::uint64_t bytes) {
    auto oneDecimal = [](double value) {
        std::string text = std::to_string(static_cast<long long>(value * 10 + 0.5));
        if (text.size() < 2) text.insert(0, "0");
        return text.substr(0, text.size() - 1) + "," + text.substr(text.size() - 1);
    };
    if (bytes < 1024) return std::to_string(bytes) + " bytes";
    if (bytes < 1024 * 1024) return oneDecimal(static_cast<double>(bytes) / 1024) + " KiB";
    return oneDecimal(static_cast<double>(bytes) / (1024.0 * 1024.0)) + " MiB";
}

}  // namespace

ApiResponse startExport(ExportJobs& jobs, Engine& engine, const Actor& actor,
                        const std::string& csrf, const Form& form) {
    auto kind = parseExportFormat(formValue(form, "formaat"));
    std::string region = formValue(form, "regio");
    std::string document = formValue(form, "document");
    if (!kind || region.empty() == document.empty()) {
        return failurePage(makeError(ErrorCode::InvalidInput,
                                     "an export names one regio or one document and a formaat "
                                     "(json, csv, csv-excel or zip)"),
                           actor, csrf);
    }
    // Refused now, not in the background: a role that may not export, a
    // region or document that does not exist or is not the person's to see.
    if (!mayExport(actor)) {
        return failurePage(
            makeError(ErrorCode::Forbidden,
                      "the role " + std::string(toString(actor.role)) + " may not export history"),
            actor, csrf);
    }
    if (!region.empty()) {
        if (auto found = engine.region(actor, region); !found) {
            return failurePage(found.error(), actor, csrf);
        }
    } else if (auto found = engine.document(actor, document); !found) {
        return failurePage(found.error(), actor, csrf);
    }
    ExportRequest request;
    if (!region.empty()) request.region = region;
    if (!document.empty()) request.documentId = document;
    request.format = *kind;
    auto started = jobs.start(actor, std::move(request));
    if (!started) {
        return errorPage(503, "Server bezet", present::inDutch(started.error().message),
                         sessionOf(actor, csrf));
    }
    return seeOther("/exporten/" + *started);
}

ApiResponse exportJobPage(const ExportJobs& jobs, const Actor& actor, const std::string& csrf,
                          const std::string& id) {
    auto status = jobs.status(id, actor);
    if (!status) {
        return errorPage(404, "Export niet gevonden",
                         "Deze export bestaat niet (meer): een export blijft een half uur na "
                         "afloop bewaard, alleen voor wie hem startte, en alleen op de server "
                         "die hem maakte. Start hem opnieuw vanaf het document of de regio.",
                         sessionOf(actor, csrf));
    }
    using State = ExportJobStatus::State;
    bool region = status->subject.size() == 4;
    std::int64_t percent = status->total > 0 ? status->done * 100 / status->total : 0;
    const char* state = status->state == State::Waiting   ? "wachtend"
                        : status->state == State::Running ? "bezig"
                        : status->state == State::Done    ? "klaar"
                                                          : "mislukt";
    object context{{"id", id},
                   {"onderwerp", (region ? "regio " : "") + status->subject},
                   {"terug", (region ? "/regios/" : "/documenten/") + status->subject},
                   {"soort", status->format == "zip" ? "Een ZIP-bundel met MDTO, de inhoud en "
                                                       "de ODT en DOCX van elke versie."
                                                     : "Een export als " + status->format + "."},
                   {"toestand", std::string(state)},
                   {"wachtend", status->state == State::Waiting},
                   {"bezig", status->state == State::Running},
                   {"klaar", status->state == State::Done},
                   {"mislukt", status->state == State::Failed},
                   {"gedaan", std::to_string(status->done)},
                   {"totaal", status->total > 0 ? std::to_string(status->total) : "?"},
                   {"max", std::to_string(std::max<std::int64_t>(status->total, 1))},
                   {"procent", std::to_string(percent)},
                   {"bestandsnaam", status->fileName},
                   {"grootte", dutchSize(status->bytes)},
                   {"probleem", status->problem}};
    return page(200, "Export van " + status->subject, renderTemplate("export", context),
                sessionOf(actor, csrf));
}

ApiResponse exportJobFile(const ExportJobs& jobs, const Actor& actor, const std::string& csrf,
                          const std::string& id) {
    auto status = jobs.status(id, actor);
    auto file = jobs.file(id, actor);
    if (!status || !file) return exportJobPage(jobs, actor, csrf, id);
    auto response = ApiResponse::bytes(200, status->mediaType, {});
    response.spooled = std::move(file);
    response.headers["Content-Disposition"] = "attachment; filename=\"" + status->fileName + "\"";
    return response;
}

ApiResponse download(Engine& engine, const Actor& actor, const std::string& id,
                     std::int64_t version, const std::string& format) {
    auto rendered = engine.renderVersion(
        actor, id, version,
        format == "docx" ? render::TemplateFormat::Docx : render::TemplateFormat::Odt);
    if (!rendered) return failurePage(rendered.error(), actor, "");
    auto response = ApiResponse::bytes(200, rendered->contentType, rendered->bytes);
    response.headers["Content-Disposition"] = "attachment; filename=\"" + rendered->fileName + "\"";
    return response;
}

}  // namespace web
}  // namespace beraad::server
