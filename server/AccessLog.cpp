#include "AccessLog.h"

#include "beraad/base/Clock.h"
#include "beraad/history/CanonicalJson.h"

namespace beraad::server {
namespace {

// Escaped as a JSON string body (the quotes stripped).
std::string jsonEscape(const std::string& text) {
    std::string quoted = canonicalJson(Poco::Dynamic::Var(text));
    return quoted.substr(1, quoted.size() - 2);
}

}  // namespace

void AccessLog::write(const Entry& entry) {
    if (level_ != "info" && entry.status < 500) return;
    std::lock_guard lock(mutex_);
    out_ << "{\"tijd\":\"" << formatTimestamp(std::chrono::system_clock::now())
         << "\",\"verzoek\":" << entry.requestId << ",\"methode\":\"" << jsonEscape(entry.method)
         << "\",\"pad\":\"" << jsonEscape(entry.path) << "\",\"status\":" << entry.status
         << ",\"duurMs\":" << static_cast<double>(entry.duration.count()) / 1000.0
         << ",\"actor\":\"" << jsonEscape(entry.actor) << "\",\"client\":\""
         << jsonEscape(entry.client) << "\"";
    if (!entry.correlationId.empty()) {
        out_ << ",\"kenmerk\":\"" << jsonEscape(entry.correlationId) << "\",\"fout\":\""
             << jsonEscape(entry.detail) << "\"";
    }
    out_ << "}" << std::endl;
}

std::string peerHost(const Poco::Net::StreamSocket& socket) {
    try {
        return socket.peerAddress().host().toString();
    } catch (const Poco::Exception&) {
        return {};
    }
}

}  // namespace beraad::server
