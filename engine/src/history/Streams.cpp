#include "beraad/history/Streams.h"

namespace beraad {

std::string documentStream(const std::string& documentId) {
    return "document:" + documentId;
}

std::string regionStream(const std::string& code) {
    return "regio:" + code;
}

}  // namespace beraad
