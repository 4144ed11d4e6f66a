#pragma once
// A local store that writes only for a named actor. Local mode trusts whoever
// holds the file; what it can ask is that every write says who made it
// (--as or BERAAD_ACTOR), instead of recording a default name. Reads stay
// open. A refused write throws before anything is written, and the store
// remembers it so the command exits with a usage error (docs/cli.md).

#include <memory>
#include <string>

#include "beraad/store/Store.h"

namespace beraad::cli {

class NamedWriterStore : public Store {
  public:
    explicit NamedWriterStore(std::unique_ptr<Store> store) : store_(std::move(store)) {}

    // Whether writes are allowed now (the set-up of a store is, as systeem).
    void allowWrites(bool allowed) { allowed_ = allowed; }
    bool refusedAWrite() const { return refused_; }

    std::unique_ptr<ReadTransaction> beginRead() override { return store_->beginRead(); }
    std::unique_ptr<WriteTransaction> beginWrite() override;
    std::string describe() const override { return store_->describe(); }

  private:
    std::unique_ptr<Store> store_;
    bool allowed_ = true;
    bool refused_ = false;
};

// What to tell whoever tried to write without saying who they are.
std::string namedActorRequired();

}  // namespace beraad::cli
