// The web front end without a browser: which paths are its, the session
// cookie's attributes behind a TLS proxy, and the origin check of a POST
// (Origin, else Referer; "null" or none is refused). The pages themselves
// are tested in a real browser (tests/browser/web.test.mjs).
#include <gtest/gtest.h>

#include <filesystem>

#include "ApiFixture.h"
#include "web/Web.h"

namespace beraad::server {
namespace resources {
const std::map<std::string_view, std::string_view>& all();  // generated
}  // namespace resources
namespace {

// A template missing from server/CMakeLists.txt would be a 500 at run time.
TEST(WebResources, EveryTemplateAndTheStylesheetAreCompiledIn) {
    int templates = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(BERAAD_SOURCE_DIR) +
                                                                 "/server/web/templates")) {
        auto path = "server/web/templates/" + entry.path().filename().string();
        EXPECT_EQ(resources::all().count(path), 1u) << path << " is not in server/CMakeLists.txt";
        ++templates;
    }
    EXPECT_GE(templates, 9);
    EXPECT_EQ(resources::all().count("server/web/static/beraad.css"), 1u);
}

class WebTest : public testing_api::ApiFixture {
  protected:
    void SetUp() override {
        start();
        token_ = issue(Role::Secretariaat, "AM05");
    }

    ApiResponse post(Web& web, const std::string& path, Headers headers, std::string body) {
        headers["Host"] = "beraad.example";
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        auto request = testing_api::makeRequest("POST", path, "", headers, std::move(body));
        request.headers.erase("Authorization");
        return web.handle(request);
    }

    std::string token_;
};

TEST_F(WebTest, EverythingOutsideTheApiIsTheFrontEnds) {
    EXPECT_TRUE(Web::owns("/"));
    EXPECT_TRUE(Web::owns("/documenten/AM05-convenant-1"));
    EXPECT_TRUE(Web::owns("/apix"));
    EXPECT_FALSE(Web::owns("/api"));
    EXPECT_FALSE(Web::owns("/api/v1/health"));
}

TEST_F(WebTest, BehindATlsProxyTheCookieIsSecure) {
    Web web(*engine_, WebConfig{true, {}, 64 * 1024});
    auto answer = post(web, "/inloggen", {{"Origin", "https://beraad.example"}},
                       "token=" + token_ + "&terug=%2F");
    ASSERT_EQ(answer.status, 303) << answer.body;
    EXPECT_NE(answer.headers.at("Set-Cookie").find("; Secure"), std::string::npos);
    EXPECT_NE(answer.headers.at("Set-Cookie").find("HttpOnly; SameSite=Strict"), std::string::npos);
    EXPECT_EQ(answer.headers.at("Location"), "/");
}

TEST_F(WebTest, APostFromElsewhereOrUnmarkedIsRefused) {
    Web web(*engine_, WebConfig{false, {}, 64 * 1024});
    std::string form = "token=" + token_;
    EXPECT_EQ(post(web, "/inloggen", {{"Origin", "http://evil.example"}}, form).status, 403);
    EXPECT_EQ(post(web, "/inloggen", {{"Origin", "null"}}, form).status, 403);
    EXPECT_EQ(post(web, "/inloggen", {}, form).status, 403);
    EXPECT_EQ(post(web, "/inloggen", {{"Origin", "https://beraad.example"}}, form).status, 403)
        << "another scheme is another origin";
    EXPECT_EQ(post(web, "/inloggen", {{"Referer", "http://beraad.example/inloggen"}}, form).status,
              303);
    EXPECT_EQ(post(web, "/inloggen", {{"Origin", "http://BERAAD.example"}}, form).status, 303);
}

// A download with every heavy slot taken is 503 "Server bezet", as through
// the REST API; a page that renders nothing is served meanwhile.
TEST_F(WebTest, RendersWaitForAHeavySlotAndAreRefusedWhenNoneComesFree) {
    Web web(*engine_, WebConfig{false, {}, 64 * 1024});
    WorkSlots slots(1, std::chrono::milliseconds(20));
    web.useHeavySlots(&slots);
    auto login = post(web, "/inloggen", {{"Origin", "http://beraad.example"}}, "token=" + token_);
    ASSERT_EQ(login.status, 303);
    std::string cookie = login.headers.at("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    auto get = [&](const std::string& path) {
        auto request = testing_api::makeRequest("GET", path, "", {{"Cookie", cookie}});
        request.headers.erase("Authorization");
        return web.handle(request);
    };
    ASSERT_TRUE(slots.acquire());  // every slot taken
    auto busy = get("/documenten/AM05-convenant-1/versies/1/odt");
    EXPECT_EQ(busy.status, 503);
    EXPECT_EQ(busy.headers.at("Retry-After"), "2");
    EXPECT_NE(busy.body.find("Server bezet"), std::string::npos);
    EXPECT_EQ(get("/").status, 200);
    slots.release();
    EXPECT_EQ(get("/documenten/AM05-convenant-9/versies/1/odt").status, 404)
        << "with a free slot the request goes through";
}

TEST_F(WebTest, TheLoginPageSendsOnlyToOwnPages) {
    Web web(*engine_, WebConfig{false, {}, 64 * 1024});
    for (const char* target :
         {"https%3A%2F%2Fevil.example", "%2F%2Fevil.example", "%2Fdocumenten%2F..%2F..%2Fx%22"}) {
        auto answer = post(web, "/inloggen", {{"Origin", "http://beraad.example"}},
                           "token=" + token_ + "&terug=" + std::string(target));
        ASSERT_EQ(answer.status, 303);
        EXPECT_EQ(answer.headers.at("Location"), "/") << target;
    }
}

// A form sent after its session ended changes nothing and loses nothing:
// the login page carries its fields, a wrong token keeps them, and the
// login shows them again with the new session's CSRF token (the edit form
// comes back as itself, filled in: the browser test).
TEST_F(WebTest, AFormSentAfterTheSessionEndedIsKeptThroughTheLogin) {
    Web web(*engine_, WebConfig{false, {}, 64 * 1024});
    auto expired =
        post(web, "/documenten/AM05-convenant-1/besluitvorming",
             {{"Origin", "http://beraad.example"},
              {"Cookie", "beraad_sessie=brs_" + std::string(64, '0')}},
             "csrf=oude-csrf-waarde&basis=1&veld-3=Zes+keer+%3Cb%3E&bericht=Vaker+vergaderen");
    ASSERT_EQ(expired.status, 401);
    const std::string& login = expired.body;
    EXPECT_NE(login.find("Uw invoer is bewaard"), std::string::npos);
    EXPECT_NE(
        login.find(R"(name="bewaardPad" value="/documenten/AM05-convenant-1/besluitvorming")"),
        std::string::npos);
    EXPECT_NE(login.find(R"(name="bewaard-veld-3" value="Zes keer &lt;b&gt;")"), std::string::npos)
        << "kept, and escaped";
    EXPECT_EQ(login.find("oude-csrf-waarde"), std::string::npos) << "not the old CSRF token";

    std::string keptForm =
        "bewaardPad=%2Fdocumenten%2FAM05-convenant-1%2Fbesluitvorming&bewaard-basis=1"
        "&bewaard-veld-3=Zes+keer&bewaard-bericht=Vaker+vergaderen";
    auto wrong =
        post(web, "/inloggen", {{"Origin", "http://beraad.example"}}, "token=brd_fout&" + keptForm);
    ASSERT_EQ(wrong.status, 401);
    EXPECT_NE(wrong.body.find(R"(name="bewaard-bericht" value="Vaker vergaderen")"),
              std::string::npos)
        << "a mistyped token loses nothing";

    auto again = post(web, "/inloggen", {{"Origin", "http://beraad.example"}},
                      "token=" + token_ + "&" + keptForm);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.headers.at("Set-Cookie").rfind("beraad_sessie=brs_", 0), 0u);
    const std::string& page = again.body;
    EXPECT_NE(page.find(R"(action="/documenten/AM05-convenant-1/besluitvorming")"),
              std::string::npos);
    EXPECT_NE(page.find(R"(name="veld-3" value="Zes keer")"), std::string::npos);
    EXPECT_NE(page.find(R"(name="bericht" value="Vaker vergaderen")"), std::string::npos);
    auto csrf = page.find(R"(name="csrf" value=")");
    ASSERT_NE(csrf, std::string::npos);
    EXPECT_NE(page.substr(csrf + 19, 64).find_first_not_of("0123456789abcdef"), 0u);
    EXPECT_EQ(page.find("bewaard-"), std::string::npos);

    // An upload's file cannot be kept: the page says so and logs in to the
    // upload's own page.
    auto request = testing_api::makeRequest(
        "POST", "/documenten/AM05-convenant-1/versies", "",
        {{"Host", "beraad.example"},
         {"Origin", "http://beraad.example"},
         {"Content-Type", "multipart/form-data; boundary=grens"}},
        "--grens\r\nContent-Disposition: form-data; name=\"bericht\"\r\n\r\nx\r\n"
        "--grens\r\nContent-Disposition: form-data; name=\"inhoud\"; filename=\"c.xml\"\r\n"
        "Content-Type: text/xml\r\n\r\n<samenwerkingsconvenant/>\r\n--grens--\r\n");
    request.headers.erase("Authorization");
    auto upload = web.handle(request);
    ASSERT_EQ(upload.status, 401);
    EXPECT_NE(upload.body.find("het bestand moet u daarna opnieuw kiezen"), std::string::npos);
    EXPECT_NE(
        upload.body.find(R"(name="terug" value="/documenten/AM05-convenant-1/versies/nieuw")"),
        std::string::npos);
    EXPECT_EQ(upload.body.find("bewaard-"), std::string::npos);
}

// A background export is refused at once for a role that may not export,
// so failing jobs never take the server's places; an auditor gets its job.
TEST_F(WebTest, AnExportJobIsRefusedAtOnceForARoleThatMayNotExport) {
    Web web(*engine_, WebConfig{false, {}, 64 * 1024});
    auto sessionOf = [&](const std::string& token) {
        auto login = post(web, "/inloggen", {{"Origin", "http://beraad.example"}},
                          "token=" + token + "&terug=%2F");
        std::string cookie = login.headers.at("Set-Cookie");
        cookie = cookie.substr(0, cookie.find(';'));
        auto start = testing_api::makeRequest("GET", "/", "", {{"Cookie", cookie}}, "");
        start.headers.erase("Authorization");
        auto page = web.handle(start).body;
        auto at = page.find(R"(name="csrf" value=")");
        EXPECT_NE(at, std::string::npos) << page;
        return std::pair{cookie, page.substr(at + 19, 64)};
    };
    auto exportAs = [&](const std::string& token) {
        auto [cookie, csrf] = sessionOf(token);
        return post(web, "/exporten", {{"Origin", "http://beraad.example"}, {"Cookie", cookie}},
                    "csrf=" + csrf + "&regio=AM05&formaat=zip");
    };
    auto refused = exportAs(issue(Role::Kwartiermaker, "AM05"));
    EXPECT_EQ(refused.status, 403) << refused.body;
    auto started = exportAs(issue(Role::Auditor, "*"));
    ASSERT_EQ(started.status, 303) << started.body;
    EXPECT_EQ(started.headers.at("Location").rfind("/exporten/", 0), 0u);
}

}  // namespace
}  // namespace beraad::server
