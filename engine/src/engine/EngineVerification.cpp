// Engine facade: verification of the hash-chained history against the
// versions and projections it vouches for.
#include <map>

#include "beraad/Engine.h"
#include "beraad/base/Sha256.h"
#include "engine/Checkpoints.h"
#include "engine/EngineSupport.h"

namespace beraad {

using detail::guarded;

namespace {

constexpr std::string_view kDocumentPrefix = "document:";

void problem(VerificationReport& report, std::string where, std::string message) {
    report.problems.push_back({std::move(message), std::nullopt, std::move(where)});
}

// Chain links, hashes and the recorded head. Returns the version hashes the
// events vouch for (version number -> content hash).
std::map<std::int64_t, std::string> verifyChain(ReadTransaction& tx, VerificationReport& report) {
    ChainVerifier verifier(report.stream);
    std::map<std::int64_t, std::string> vouched;
    tx.forEachEvent(report.stream, [&](const Event& event) {
        verifier.add(event);
        if (event.kind != "document-aangemaakt" && event.kind != "versie-toegevoegd") return;
        try {
            auto payload = parseJsonObject(event.payload);
            vouched[payload->getValue<Poco::Int64>("versie")] =
                payload->getValue<std::string>("inhoudHash");
        } catch (const std::exception&) {
            problem(report, "event " + std::to_string(event.sequence),
                    "the payload cannot be read as a version record");
        }
    });
    const ChainVerdict& verdict = verifier.verdict();
    report.eventsChecked = verdict.eventsChecked;
    report.headHash = verdict.headHash;
    if (verdict.firstBreak) {
        problem(report, "event " + std::to_string(verdict.firstBreak->sequence),
                "first broken link: " + verdict.firstBreak->reason);
        return vouched;
    }
    auto head = tx.findStreamHead(report.stream);
    if (!head) {
        problem(report, report.stream, "the stream has no recorded head");
    } else if (head->sequence != verdict.eventsChecked || head->hash != verdict.headHash) {
        problem(report, "event " + std::to_string(head->sequence),
                "the recorded head is event " + std::to_string(head->sequence) + " (" + head->hash +
                    ") but the log ends at event " + std::to_string(verdict.eventsChecked) +
                    ": events were removed from the end or the head was altered");
    }
    return vouched;
}

void verifyVersions(ReadTransaction& tx, const std::string& documentId,
                    const std::map<std::int64_t, std::string>& vouched,
                    VerificationReport& report) {
    auto document = tx.findDocument(documentId);
    if (!document) {
        problem(report, documentId, "the log exists but the document row is missing");
        return;
    }
    std::int64_t expectedNumber = 1;
    std::string lastHash;
    for (const auto& version : tx.listVersions(documentId, true)) {
        std::string where = "version " + std::to_string(version.number);
        if (version.number != expectedNumber) {
            problem(report, where, "expected version " + std::to_string(expectedNumber));
        }
        expectedNumber = version.number + 1;
        if (sha256Hex(version.content) != version.contentHash) {
            problem(report, where,
                    "the stored content does not match its content hash " + version.contentHash +
                        " (the content was changed)");
        }
        auto event = vouched.find(version.number);
        if (event == vouched.end()) {
            problem(report, where, "no event in the log records this version");
        } else if (event->second != version.contentHash) {
            problem(report, where,
                    "the log records content hash " + event->second + " but the version holds " +
                        version.contentHash);
        }
        lastHash = version.contentHash;
    }
    for (const auto& [number, hash] : vouched) {
        if (number >= expectedNumber) {
            problem(report, "version " + std::to_string(number),
                    "the log records this version but it is missing from the store");
        }
    }
    if (document->latestVersion != expectedNumber - 1 || document->latestContentHash != lastHash) {
        problem(report, documentId,
                "the document says its latest version is " +
                    std::to_string(document->latestVersion) + " but the versions end at " +
                    std::to_string(expectedNumber - 1));
    }
}

VerificationReport verifyStream(ReadTransaction& tx, const std::string& stream) {
    VerificationReport report;
    report.stream = stream;
    auto vouched = verifyChain(tx, report);
    if (stream.starts_with(kDocumentPrefix)) {
        verifyVersions(tx, stream.substr(kDocumentPrefix.size()), vouched, report);
    }
    return report;
}

}  // namespace

VerificationReport Engine::verifyStreamHistory(ReadTransaction& tx,
                                               const std::string& stream) const {
    VerificationReport report = verifyStream(tx, stream);
    if (keys_) {
        report.checkpointsVerified = true;
        detail::verifyCheckpoints(tx, keys_->trustedKeys(), report);
    }
    return report;
}

Result<VerificationReport> Engine::verifyDocument(const Actor& actor,
                                                  const std::string& documentId) {
    return guarded([&]() -> Result<VerificationReport> {
        auto tx = store_->beginRead();
        auto document = tx->findDocument(documentId);
        if (!document) return detail::notFound("document " + documentId);
        if (!actor.mayAccess(document->region)) return detail::outOfScope(actor, document->region);
        return verifyStreamHistory(*tx, documentStream(documentId));
    });
}

Result<std::vector<VerificationReport>> Engine::verifyAll(const Actor& actor) {
    if (actor.regionScope != "*") {
        return detail::forbidden(actor, "verify the whole store (it needs access to every region)");
    }
    return guarded([&]() -> Result<std::vector<VerificationReport>> {
        auto tx = store_->beginRead();
        std::vector<VerificationReport> reports;
        for (const auto& stream : tx->listStreams())
            reports.push_back(verifyStreamHistory(*tx, stream));
        for (const auto& document :
             tx->listDocuments({std::nullopt, std::nullopt, std::nullopt, 1000000, 0})) {
            std::string stream = documentStream(document.id);
            bool seen = false;
            for (const auto& report : reports)
                seen = seen || report.stream == stream;
            if (!seen) reports.push_back(verifyStreamHistory(*tx, stream));
        }
        return reports;
    });
}

}  // namespace beraad
