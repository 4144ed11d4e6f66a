#include "NamedWriterStore.h"

#include <stdexcept>

namespace beraad::cli {

std::unique_ptr<WriteTransaction> NamedWriterStore::beginWrite() {
    if (!allowed_) {
        refused_ = true;
        throw std::runtime_error(namedActorRequired());
    }
    return store_->beginWrite();
}

std::string namedActorRequired() {
    return "this command writes to the local store, and the history records who did it: say who "
           "you are with --as NAME or BERAAD_ACTOR=NAME (reads need neither)";
}

}  // namespace beraad::cli
