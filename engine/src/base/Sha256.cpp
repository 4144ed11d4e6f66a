#include "beraad/base/Sha256.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace beraad {

std::string sha256Hex(std::string_view bytes) {
    Sha256Stream stream;
    stream.update(bytes);
    return stream.hex();
}

Sha256Stream::Sha256Stream()
    : engine_(std::make_unique<Poco::SHA2Engine>(Poco::SHA2Engine::SHA_256)) {}

Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::update(std::string_view bytes) {
    engine_->update(bytes.data(), static_cast<unsigned>(bytes.size()));
}

std::string Sha256Stream::hex() {
    return Poco::DigestEngine::digestToHex(engine_->digest());
}

}  // namespace beraad
