#pragma once
// The web front end: server-rendered, Dutch HTML pages for the secretariaat,
// the kwartiermaker and the auditor, over the same engine facade as the REST
// API and the CLI (docs/web.md). Everything outside /api/ is its.
//
// Security: a session cookie (random secret, only its hash in the store,
// HttpOnly, SameSite=Strict, Secure behind a TLS proxy, idle and absolute
// expiry), a CSRF token in every form and a same-origin check (Origin, else
// Referer) on every POST, a Content-Security-Policy without inline script or
// style, and the API's security headers.

#include <functional>
#include <optional>
#include <string>

#include "api/Api.h"
#include "api/Http.h"
#include "api/WorkSlots.h"
#include "beraad/Engine.h"
#include "web/ExportJobs.h"

namespace beraad::server {

struct WebConfig {
    bool secureCookies = false;  // served over TLS (behind a proxy): cookies are Secure
    WebSessionPolicy sessions{};
    std::size_t maxFormBytes = 64 * 1024;
    std::size_t maxUploadBytes = 4 * 1024 * 1024 + 64 * 1024;   // a content file and its form
    std::size_t maxBundleBytes = 64 * 1024 * 1024 + 64 * 1024;  // a bundle to verify
};

class Web {
  public:
    Web(Engine& engine, WebConfig config);

    // Whether a path is the front end's (not /api/ and not /api).
    static bool owns(const std::string& path);

    // One request, completely: the page, a redirect (after a POST, to the
    // page that shows its effect; to the login page without a session), or
    // an error page. The body is read through `readBody` within the form
    // budget, only for a POST.
    ApiResponse handle(ApiRequest& request, const BodyReader& readBody = {});

    // Renders, exports and bundle verifications take one of these slots, as
    // they do through the REST API (Api::serveWeb passes the API's own); when
    // none comes free in time the page is 503 "Server bezet".
    void useHeavySlots(WorkSlots* slots) {
        heavy_ = slots;
        exports_.useHeavySlots(slots);
    }

    // The cookie that carries the session secret.
    static constexpr const char* kCookie = "beraad_sessie";

  private:
    struct Visit;  // the request, its session and its form
    ApiResponse route(Visit& visit);

    Engine& engine_;
    WebConfig config_;
    WorkSlots* heavy_ = nullptr;
    web::ExportJobs exports_;
};

}  // namespace beraad::server
