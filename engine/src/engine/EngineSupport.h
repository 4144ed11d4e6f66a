#pragma once
// Helpers shared by the parts of the Engine facade. Internal.

#include <Poco/JSON/Object.h>

#include <exception>
#include <string>

#include "beraad/base/Actor.h"
#include "beraad/base/Clock.h"
#include "base/Text.h"
#include "beraad/base/Result.h"
#include "beraad/content/Content.h"
#include "beraad/history/CanonicalJson.h"
#include "beraad/history/Event.h"
#include "beraad/store/Store.h"

namespace beraad::detail {

// Runs a use case, turning store failures into Error values so no exception
// crosses the facade.
template <typename Work>
auto guarded(Work&& work) -> decltype(work()) {
    try {
        return work();
    } catch (const StoreError& failure) {
        std::string hint = failure.kind() == StoreError::Kind::Busy
                               ? " (the store stayed locked by another writer; try again)"
                               : "";
        return makeError(ErrorCode::Storage,
                         std::string("store failure: ") + failure.what() + hint);
    } catch (const std::exception& failure) {
        return makeError(ErrorCode::Storage, std::string("internal failure: ") + failure.what());
    }
}

Error forbidden(const Actor& actor, const std::string& what);
Error outOfScope(const Actor& actor, const std::string& region);
// A document of a region outside the actor's scope answers as one that
// does not exist: a 403 would tell that it does (an existence oracle).
Error hiddenDocument(const Document& document);
Error notFound(const std::string& what);

bool mayWriteDocuments(const Actor& actor);
// Auditors, beheerders and the secretariaat export history and verify bundles.
bool mayExport(const Actor& actor);

// Content as a document of `region` may hold it: valid against the kind's
// schema, the regio attribute the document's, every @partner registered.
Result<ValidContent> checkContent(ReadTransaction& tx, DocumentKind kind, const std::string& region,
                                  const std::string& text);
bool mayManagePartners(const Actor& actor);

// InvalidInput naming every field whose text the engine may not store
// (base/Text.h), or nothing. `what` says what is refused: "the decision".
Result<void> storableTexts(text::FieldCheck& check, const std::string& what);

}  // namespace beraad::detail
