#pragma once
// The pages of the web front end (server/web/Web.h), each rendered from a
// Mustache template in server/web/templates/ (escaping by default) inside
// the layout. The engine's messages are shown in Dutch (present/Dutch.h).

#include <map>
#include <optional>
#include <string>

#include "api/Http.h"
#include "beraad/Engine.h"
#include "web/ExportJobs.h"

namespace beraad::server::web {

using Form = std::map<std::string, std::string>;

// The value of a form field, empty when the form does not have it.
std::string formValue(const Form& form, const std::string& name);

// 303 See Other to `location`: the answer to a POST that did what it asked.
ApiResponse seeOther(const std::string& location);

// Content-Security-Policy and the other headers of an HTML page.
void addPageHeaders(ApiResponse& response);

ApiResponse stylesheet();
ApiResponse script();
// The login page; with `kept`, the fields of a form posted after its
// session ended, carried as hidden fields to `keptPath`.
ApiResponse loginPage(const std::string& returnTo, const std::string& error, int status,
                      const Form* kept = nullptr, const std::string& keptPath = "");
// 401: the session of a form posted to `path` ended; the login page keeps
// the form's fields (null for an upload, whose file cannot be kept; the
// login then returns to `returnTo`, the upload's page).
ApiResponse expiredFormPage(const std::string& path, const std::string& returnTo, const Form* kept);
// After the login: the kept form, ready to be sent again to `path` with the
// new session's CSRF token, and the session's cookie.
ApiResponse keptFormPage(const std::string& path, const Form& kept, const WebSessionStart& session);
ApiResponse errorPage(int status, const std::string& heading, const std::string& text,
                      const std::optional<WebSessionState>& session);

// The national overview (scope *) filtered by a text in the region's code
// or name and, with onlyOpen, to the regions that have not met the target.
ApiResponse startPage(Engine& engine, const Actor& actor, const std::string& csrf,
                      const std::string& search, bool onlyOpen);
ApiResponse regionPage(Engine& engine, const Actor& actor, const std::string& csrf,
                       const std::string& code);
ApiResponse documentPage(Engine& engine, const Actor& actor, const std::string& csrf,
                         const std::string& id, const std::optional<std::string>& step,
                         const std::optional<std::string>& version);
ApiResponse fireTransition(Engine& engine, const Actor& actor, const std::string& csrf,
                           const std::string& id, const Form& form);
ApiResponse meetingPage(Engine& engine, const Actor& actor, const std::string& csrf,
                        const std::string& id, const std::optional<std::string>& recorded);
ApiResponse recordMeeting(Engine& engine, const Actor& actor, const std::string& csrf,
                          const std::string& id, const Form& form);
ApiResponse diffPage(Engine& engine, const Actor& actor, const std::string& csrf,
                     const std::string& id, const std::optional<std::string>& from,
                     const std::optional<std::string>& to);
ApiResponse redline(Engine& engine, const Actor& actor, const std::string& csrf,
                    const std::string& id, const std::optional<std::string>& from,
                    const std::optional<std::string>& to, const std::string& format);
ApiResponse exportHistory(Engine& engine, const Actor& actor, const std::string& csrf,
                          const std::string& id, const std::string& format);
ApiResponse newVersionPage(Engine& engine, const Actor& actor, const std::string& csrf,
                           const std::string& id);
ApiResponse uploadVersion(Engine& engine, const Actor& actor, const std::string& csrf,
                          const std::string& id, const Form& form, std::size_t maximum);
ApiResponse signingPage(Engine& engine, const Actor& actor, const std::string& csrf,
                        const std::string& id, const std::optional<std::string>& recorded);
ApiResponse recordSigning(Engine& engine, const Actor& actor, const std::string& csrf,
                          const std::string& id, const Form& form);
ApiResponse newDocumentPage(Engine& engine, const Actor& actor, const std::string& csrf,
                            const std::string& region);
ApiResponse createDocument(Engine& engine, const Actor& actor, const std::string& csrf,
                           const std::string& region, const Form& form);
ApiResponse exportOf(Engine& engine, const Actor& actor, const std::string& csrf,
                     const std::optional<std::string>& id, const std::optional<std::string>& region,
                     const std::string& format);
ApiResponse historyPage(Engine& engine, const Actor& actor, const std::string& csrf,
                        const std::string& subject, bool region,
                        const std::optional<std::string>& kind,
                        const std::optional<std::string>& who);
ApiResponse regionExport(Engine& engine, const Actor& actor, const std::string& csrf,
                         const std::string& code, const std::string& format);
ApiResponse bundlePage(Engine& engine, const Actor& actor, const std::string& csrf);
ApiResponse verifyBundleUpload(Engine& engine, const Actor& actor, const std::string& csrf,
                               const Form& form);
ApiResponse editPage(Engine& engine, const Actor& actor, const std::string& csrf,
                     const std::string& id);
ApiResponse saveEdit(Engine& engine, const Actor& actor, const std::string& csrf,
                     const std::string& id, const Form& form);
// The edit form with what was typed before the session ended, not saved.
ApiResponse restoredEdit(Engine& engine, const Actor& actor, const std::string& csrf,
                         const std::string& id, const Form& kept);
ApiResponse admissionPage(Engine& engine, const Actor& actor, const std::string& csrf,
                          const std::string& region);
ApiResponse recordAdmission(Engine& engine, const Actor& actor, const std::string& csrf,
                            const std::string& region, const Form& form);
// An export in the background (web/ExportJobs.h): started from a form
// (regio or document, formaat), its status page, its file when done.
ApiResponse startExport(ExportJobs& jobs, Engine& engine, const Actor& actor,
                        const std::string& csrf, const Form& form);
ApiResponse exportJobPage(const ExportJobs& jobs, const Actor& actor, const std::string& csrf,
                          const std::string& id);
ApiResponse exportJobFile(const ExportJobs& jobs, const Actor& actor, const std::string& csrf,
                          const std::string& id);
// The text of a version as it stands in the rendered ODT (render/Preview.h).
ApiResponse previewPage(Engine& engine, const Actor& actor, const std::string& csrf,
                        const std::string& id, std::int64_t number);
ApiResponse download(Engine& engine, const Actor& actor, const std::string& id,
                     std::int64_t version, const std::string& format);

}  // namespace beraad::server::web
