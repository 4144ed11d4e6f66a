#pragma once
// The Idempotency-Key request header on POST (IETF draft
// httpapi-idempotency-key-header; docs/api.md): a retried write with the
// same key and the same request gets the first answer, not a second write.

#include <optional>
#include <string>

#include "api/Http.h"
#include "beraad/Engine.h"

namespace beraad::server::idempotency {

// For an authenticated POST with an Idempotency-Key: the answer that ends the
// request now (the first answer again, 400 for a malformed key, 409 while the
// first request runs, 422 for the key reused on another request), or nothing
// with `claimed` set to the key this request now holds.
std::optional<ApiResponse> admit(Engine& engine, const ApiRequest& request,
                                 std::optional<std::string>& claimed);

// Keeps the answer under the claimed key; a failure of the server (5xx) or a
// spooled body releases the key so that a retry is handled anew.
void settle(Engine& engine, const ApiRequest& request, const std::string& key,
            const ApiResponse& response);

}  // namespace beraad::server::idempotency
