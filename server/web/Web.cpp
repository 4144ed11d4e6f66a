#include "web/Web.h"

#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>

#include "beraad/base/Clock.h"
#include "beraad/present/Dutch.h"
#include "web/Pages.h"

namespace beraad::server {

namespace {

using web::Form;

std::string decode(const std::string& text) {
    std::string spaced = text;
    std::replace(spaced.begin(), spaced.end(), '+', ' ');
    std::string decoded;
    try {
        Poco::URI::decode(spaced, decoded);
    } catch (const std::exception&) {
        return {};
    }
    return decoded;
}

// application/x-www-form-urlencoded: the last value of a repeated name wins.
Form parseForm(const std::string& body) {
    Form form;
    std::stringstream pairs(body);
    std::string pair;
    while (std::getline(pairs, pair, '&')) {
        if (pair.empty()) continue;
        auto equals = pair.find('=');
        std::string name = decode(pair.substr(0, equals));
        std::string value = equals == std::string::npos ? "" : decode(pair.substr(equals + 1));
        form[name] = value;
    }
    return form;
}

// multipart/form-data (a file upload): every part by its name, a file's
// bytes as they came; nothing when the body is not such a form.
std::optional<Form> parseMultipart(const std::string& contentType, const std::string& body) {
    std::string value;
    Poco::Net::NameValueCollection parameters;
    Poco::Net::MessageHeader::splitParameters(contentType, value, parameters);
    if (value != "multipart/form-data" || !parameters.has("boundary")) return std::nullopt;
    Form form;
    try {
        std::istringstream in(body);
        Poco::Net::MultipartReader reader(in, parameters.get("boundary"));
        while (reader.hasNextPart()) {
            Poco::Net::MessageHeader header;
            reader.nextPart(header);
            std::string disposition;
            Poco::Net::NameValueCollection names;
            Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""),
                                                      disposition, names);
            std::string bytes{std::istreambuf_iterator<char>(reader.stream()),
                              std::istreambuf_iterator<char>()};
            if (names.has("name")) form[names.get("name")] = bytes;
        }
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
    return form;
}

std::optional<std::string> cookie(const ApiRequest& request, const std::string& name) {
    auto header = request.header("Cookie");
    if (!header) return std::nullopt;
    std::stringstream parts(*header);
    std::string part;
    while (std::getline(parts, part, ';')) {
        auto first = part.find_first_not_of(' ');
        if (first == std::string::npos) continue;
        part = part.substr(first);
        if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    }
    return std::nullopt;
}

// Compares without an early exit, so the time taken tells nothing.
bool sameSecret(const std::string& a, const std::string& b) {
    if (a.size() != b.size() || a.empty()) return false;
    unsigned char difference = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

// The origin of an absolute URL ("http://127.0.0.1:8080/x" gives
// "http://127.0.0.1:8080"), lower-cased.
std::string originOf(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return {};
    auto end = url.find('/', scheme + 3);
    std::string origin = url.substr(0, end);
    std::transform(origin.begin(), origin.end(), origin.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return origin;
}

// A path the login page may send the user back to: a page of ours.
std::string safeReturn(const std::string& path) {
    static const std::regex kOwnPath(R"(/[A-Za-z0-9/_\-]*)");
    if (path.empty() || path.rfind("//", 0) == 0 || !std::regex_match(path, kOwnPath)) return "/";
    return path;
}

}  // namespace

struct Web::Visit {
    ApiRequest& request;
    std::optional<WebSessionState> session;
    std::string secret;
    Form form;
    bool multipart = false;
};

namespace {

// The fields of a form posted after its session ended, kept (as hidden
// fields "bewaard-<name>") through the login page, so nothing typed is lost;
// never the CSRF token of the old session or the token typed at login.
constexpr std::string_view kKept = "bewaard-";

web::Form keptFields(const web::Form& form, bool fromLogin) {
    web::Form kept;
    for (const auto& [name, value] : form) {
        if (fromLogin) {
            if (name.rfind(kKept, 0) == 0) kept[name.substr(kKept.size())] = value;
        } else if (name != "csrf") {
            kept[name] = value;
        }
    }
    return kept;
}

}  // namespace

Web::Web(Engine& engine, WebConfig config)
    : engine_(engine), config_(config), exports_(engine, {}) {}

bool Web::owns(const std::string& path) {
    return !(path == "/api" || path.rfind("/api/", 0) == 0);
}

ApiResponse Web::handle(ApiRequest& request, const BodyReader& readBody) {
    AnswerLanguage language(Language::Dutch);
    ApiResponse response;
    try {
        Visit visit{request, std::nullopt, "", {}};
        if (auto secret = cookie(request, kCookie)) {
            auto session = engine_.resumeWebSession(*secret, config_.sessions);
            if (session) {
                visit.session = *session;
                visit.secret = *secret;
                request.actor = session->actor;
            }
        }
        if (request.method == "POST") {
            bool upload = request.path.ends_with("/versies");
            bool bundle = request.path == "/bundel-verificatie";
            bool login = request.path == "/inloggen";  // may carry a kept form
            std::size_t limit = bundle   ? config_.maxBundleBytes
                                : upload ? config_.maxUploadBytes
                                : login  ? 2 * config_.maxFormBytes
                                         : config_.maxFormBytes;
            if (readBody) {
                if (auto refused = readBody(request, limit)) {
                    response = std::move(*refused);
                    addCommonHeaders(response);
                    return response;
                }
            } else if (request.body.size() > limit) {
                response = api::bodyTooLarge(limit, request);
                addCommonHeaders(response);
                return response;
            }
            auto type = request.header("Content-Type").value_or("");
            auto multipart = parseMultipart(type, request.body);
            visit.multipart = multipart.has_value();
            visit.form = multipart ? *multipart : parseForm(request.body);
            // Same origin: the Origin a browser sends with a form, else the
            // Referer's; a cross-site or unmarked POST changes nothing.
            std::string own = std::string(config_.secureCookies ? "https://" : "http://") +
                              request.header("Host").value_or("");
            std::transform(own.begin(), own.end(), own.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            auto origin = request.header("Origin");
            std::string claimed = origin && *origin != "null"
                                      ? originOf(*origin + "/")
                                      : originOf(request.header("Referer").value_or(""));
            if (claimed != own) {
                response =
                    web::errorPage(403, "Niet toegestaan",
                                   "Dit formulier kwam niet van deze website; er is niets "
                                   "gewijzigd. Open de pagina opnieuw en probeer het nog eens.",
                                   visit.session);
                addCommonHeaders(response);
                web::addPageHeaders(response);
                return response;
            }
        }
        // Renders, exports and verifications share the API's heavy slots.
        static const std::regex kHeavy(
            R"(/documenten/[A-Za-z0-9\-]+/(versies/[0-9]+/(odt|docx|voorbeeld)|redline|export)|/regios/[A-Z]{2}[0-9]{2}/export)");
        bool heavy = heavy_ != nullptr && visit.session &&
                     ((request.method == "GET" && std::regex_match(request.path, kHeavy)) ||
                      (request.method == "POST" && request.path == "/bundel-verificatie"));
        if (heavy && !heavy_->acquire()) {
            response =
                web::errorPage(503, "Server bezet",
                               "Er lopen al zoveel renderingen, exports en verificaties "
                               "als de server tegelijk doet. Probeer het zo dadelijk opnieuw.",
                               visit.session);
            response.headers["Retry-After"] = "2";
        } else if (heavy) {
            WorkSlots::Held slot(*heavy_);
            response = route(visit);
        } else {
            response = route(visit);
        }
    } catch (const std::exception& failure) {
        response = web::errorPage(500, "Er ging iets mis",
                                  "De pagina kon niet worden gemaakt door een storing aan de kant "
                                  "van de server. Probeer het later opnieuw.",
                                  std::nullopt);
        response.logDetail = failure.what();
    }
    if (request.actor) response.actorName = request.actor->name;
    addCommonHeaders(response);
    web::addPageHeaders(response);
    return response;
}

ApiResponse Web::route(Visit& visit) {
    const auto& request = visit.request;
    const auto& path = request.path;
    const bool post = request.method == "POST";
    if (request.method != "GET" && !post && request.method != "HEAD") {
        auto response = web::errorPage(405, "Methode niet toegestaan",
                                       "Deze pagina kan alleen worden opgevraagd.", visit.session);
        response.headers["Allow"] = "GET, POST";
        return response;
    }
    if (path == "/static/beraad.css") return web::stylesheet();
    if (path == "/static/beraad.js") return web::script();

    if (path == "/inloggen") {
        if (!post) {
            return web::loginPage(safeReturn(request.queryValue("terug").value_or("/")), "", 200);
        }
        auto started = engine_.startWebSession(visit.form["token"], config_.sessions);
        auto kept = keptFields(visit.form, true);
        std::string keptPath = safeReturn(visit.form["bewaardPad"]);
        if (!started) {
            return web::loginPage(safeReturn(visit.form["terug"]),
                                  started.error().code == ErrorCode::Unauthenticated
                                      ? "Dit token is onbekend, ingetrokken of verlopen."
                                      : present::inDutch(started.error().message),
                                  started.error().code == ErrorCode::Unauthenticated ? 401 : 503,
                                  kept.empty() ? nullptr : &kept, keptPath);
        }
        // A form kept through the login: shown again to send with the new
        // session's CSRF token, after a look, by the person's own click.
        static const std::regex kEdited(R"(/documenten/([A-Za-z0-9\-]+)/bewerken)");
        std::smatch edited;
        ApiResponse response;
        if (kept.empty() || keptPath == "/") {
            response = web::seeOther(safeReturn(visit.form["terug"]));
        } else if (std::regex_match(keptPath, edited, kEdited)) {
            // The edit form itself, filled in as it was.
            response =
                web::restoredEdit(engine_, started->actor, started->csrfToken, edited[1], kept);
        } else {
            response = web::keptFormPage(keptPath, kept, *started);
        }
        response.headers["Set-Cookie"] =
            std::string(kCookie) + "=" + started->secret + "; Path=/; HttpOnly; SameSite=Strict" +
            (config_.secureCookies ? "; Secure" : "") +
            "; Max-Age=" + std::to_string(config_.sessions.absolute.count());
        return response;
    }

    // Every other page needs a session; a form also its CSRF token.
    if (!visit.session) {
        if (post && path != "/uitloggen") {
            // A form sent after the session ended: the login page keeps
            // what was typed (a chosen file cannot be kept; the page says so).
            auto kept = keptFields(visit.form, false);
            // An upload's own page is its form's (…/versies/nieuw).
            std::string page = path.ends_with("/versies") ? path + "/nieuw" : path;
            return web::expiredFormPage(safeReturn(path), safeReturn(page),
                                        visit.multipart ? nullptr : &kept);
        }
        return web::seeOther("/inloggen?terug=" + (post ? std::string("/") : safeReturn(path)));
    }
    if (post && !sameSecret(visit.form["csrf"], visit.session->csrfToken)) {
        return web::errorPage(403, "Niet toegestaan",
                              "Het formulier is verlopen of niet van deze sessie; er is niets "
                              "gewijzigd. Open de pagina opnieuw en probeer het nog eens.",
                              visit.session);
    }
    const Actor& actor = visit.session->actor;
    const std::string& csrf = visit.session->csrfToken;

    if (path == "/uitloggen" && post) {
        (void)engine_.endWebSession(visit.secret);
        auto response = web::seeOther("/inloggen");
        response.headers["Set-Cookie"] = std::string(kCookie) +
                                         "=; Path=/; HttpOnly; SameSite=Strict" +
                                         (config_.secureCookies ? "; Secure" : "") + "; Max-Age=0";
        return response;
    }
    if (path == "/" && !post) {
        return web::startPage(engine_, actor, csrf, request.queryValue("zoek").value_or(""),
                              request.queryValue("open").value_or("") == "ja");
    }

    static const std::regex kRegion(R"(/regios/([A-Z]{2}[0-9]{2}))");
    static const std::regex kDocument(R"(/documenten/([A-Za-z0-9\-]+))");
    static const std::regex kTransition(R"(/documenten/([A-Za-z0-9\-]+)/transities)");
    static const std::regex kMeeting(R"(/documenten/([A-Za-z0-9\-]+)/besluitvorming)");
    static const std::regex kRegionHistory(R"(/regios/([A-Z]{2}[0-9]{2})/historie)");
    static const std::regex kRegionExport(R"(/regios/([A-Z]{2}[0-9]{2})/export)");
    static const std::regex kHistory(R"(/documenten/([A-Za-z0-9\-]+)/historie)");
    static const std::regex kAdmission(R"(/regios/([A-Z]{2}[0-9]{2})/toelating)");
    static const std::regex kNewDocument(R"(/regios/([A-Z]{2}[0-9]{2})/documenten/nieuw)");
    static const std::regex kDocuments(R"(/regios/([A-Z]{2}[0-9]{2})/documenten)");
    static const std::regex kEdit(R"(/documenten/([A-Za-z0-9\-]+)/bewerken)");
    static const std::regex kSigning(R"(/documenten/([A-Za-z0-9\-]+)/ondertekening)");
    static const std::regex kDiff(R"(/documenten/([A-Za-z0-9\-]+)/verschillen)");
    static const std::regex kRedline(R"(/documenten/([A-Za-z0-9\-]+)/redline)");
    static const std::regex kExport(R"(/documenten/([A-Za-z0-9\-]+)/export)");
    static const std::regex kNewVersion(R"(/documenten/([A-Za-z0-9\-]+)/versies/nieuw)");
    static const std::regex kVersions(R"(/documenten/([A-Za-z0-9\-]+)/versies)");
    static const std::regex kDownload(
        R"(/documenten/([A-Za-z0-9\-]+)/versies/([0-9]{1,9})/(odt|docx))");
    static const std::regex kPreview(
        R"(/documenten/([A-Za-z0-9\-]+)/versies/([0-9]{1,9})/voorbeeld)");
    std::smatch match;
    if (std::regex_match(path, match, kRegion) && !post) {
        return web::regionPage(engine_, actor, csrf, match[1]);
    }
    if (std::regex_match(path, match, kDocument) && !post) {
        return web::documentPage(engine_, actor, csrf, match[1], request.queryValue("melding"),
                                 request.queryValue("versie"));
    }
    if (std::regex_match(path, match, kTransition) && post) {
        return web::fireTransition(engine_, actor, csrf, match[1], visit.form);
    }
    if (std::regex_match(path, match, kMeeting)) {
        return post ? web::recordMeeting(engine_, actor, csrf, match[1], visit.form)
                    : web::meetingPage(engine_, actor, csrf, match[1],
                                       request.queryValue("vastgelegd"));
    }
    auto query = [&](const char* name) { return request.queryValue(name); };
    if (path == "/bundel-verificatie") {
        return post ? web::verifyBundleUpload(engine_, actor, csrf, visit.form)
                    : web::bundlePage(engine_, actor, csrf);
    }
    if (std::regex_match(path, match, kRegionHistory) && !post) {
        return web::historyPage(engine_, actor, csrf, match[1], true, query("soort"),
                                query("actor"));
    }
    if (std::regex_match(path, match, kHistory) && !post) {
        return web::historyPage(engine_, actor, csrf, match[1], false, query("soort"),
                                query("actor"));
    }
    if (std::regex_match(path, match, kRegionExport) && !post) {
        return web::regionExport(engine_, actor, csrf, match[1], query("formaat").value_or("zip"));
    }
    if (std::regex_match(path, match, kAdmission)) {
        return post ? web::recordAdmission(engine_, actor, csrf, match[1], visit.form)
                    : web::admissionPage(engine_, actor, csrf, match[1]);
    }
    if (std::regex_match(path, match, kNewDocument) && !post) {
        return web::newDocumentPage(engine_, actor, csrf, match[1]);
    }
    if (std::regex_match(path, match, kDocuments) && post) {
        return web::createDocument(engine_, actor, csrf, match[1], visit.form);
    }
    if (std::regex_match(path, match, kEdit)) {
        return post ? web::saveEdit(engine_, actor, csrf, match[1], visit.form)
                    : web::editPage(engine_, actor, csrf, match[1]);
    }
    if (std::regex_match(path, match, kSigning)) {
        return post ? web::recordSigning(engine_, actor, csrf, match[1], visit.form)
                    : web::signingPage(engine_, actor, csrf, match[1], query("vastgelegd"));
    }
    if (std::regex_match(path, match, kDiff) && !post) {
        return web::diffPage(engine_, actor, csrf, match[1], query("van"), query("naar"));
    }
    if (std::regex_match(path, match, kRedline) && !post) {
        return web::redline(engine_, actor, csrf, match[1], query("van"), query("naar"),
                            query("formaat").value_or("docx"));
    }
    if (std::regex_match(path, match, kExport) && !post) {
        return web::exportHistory(engine_, actor, csrf, match[1],
                                  query("formaat").value_or("json"));
    }
    if (std::regex_match(path, match, kNewVersion) && !post) {
        return web::newVersionPage(engine_, actor, csrf, match[1]);
    }
    if (std::regex_match(path, match, kVersions) && post) {
        return web::uploadVersion(engine_, actor, csrf, match[1], visit.form,
                                  config_.maxUploadBytes);
    }
    static const std::regex kExportJob(R"(/exporten/([0-9a-f]{32}))");
    static const std::regex kExportFile(R"(/exporten/([0-9a-f]{32})/bestand)");
    if (path == "/exporten" && post) {
        return web::startExport(exports_, engine_, actor, csrf, visit.form);
    }
    if (std::regex_match(path, match, kExportJob) && !post) {
        return web::exportJobPage(exports_, actor, csrf, match[1]);
    }
    if (std::regex_match(path, match, kExportFile) && !post) {
        return web::exportJobFile(exports_, actor, csrf, match[1]);
    }
    if (std::regex_match(path, match, kPreview) && !post) {
        return web::previewPage(engine_, actor, csrf, match[1], std::stoll(match[2]));
    }
    if (std::regex_match(path, match, kDownload) && !post) {
        return web::download(engine_, actor, match[1], std::stoll(match[2]), match[3]);
    }
    return web::errorPage(404, "Pagina niet gevonden",
                          "Deze pagina bestaat niet. Controleer het adres, of ga naar de "
                          "startpagina.",
                          visit.session);
}

}  // namespace beraad::server
