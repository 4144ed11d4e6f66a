#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace Poco {
class SHA2Engine;
}

namespace beraad {

// Lower-case hexadecimal SHA-256 of the bytes.
std::string sha256Hex(std::string_view bytes);

// The same over bytes that come in parts: update with each, then hex().
class Sha256Stream {
  public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;
    void update(std::string_view bytes);
    std::string hex();

  private:
    std::unique_ptr<Poco::SHA2Engine> engine_;
};

}  // namespace beraad
