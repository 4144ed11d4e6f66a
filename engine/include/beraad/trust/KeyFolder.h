#pragma once
// The installation's signing keys, kept in a folder outside the store:
//   ondertekening.pem   the active Ed25519 private key (mode 0600)
//   ondertekening.vkey  its verifier key, naming the installation
//   oud/<key ID>.vkey   the verifier keys of rotated-out keys, kept so that
//                       checkpoints they signed still verify
// The folder is created with mode 0700 and a key on first use. Someone who
// can write the store cannot sign: that is what makes a rewrite detectable.

#include <memory>
#include <string>
#include <vector>

#include "beraad/trust/Ed25519.h"
#include "beraad/trust/Note.h"

namespace beraad::trust {

class KeyFolder {
  public:
    // Opens `path`, creating the folder and a key named `nameForNewKey` when
    // it holds no key. Throws std::runtime_error naming the file on a key
    // that cannot be read, a folder or key file others may read, or a name
    // that is not a valid key name.
    static std::shared_ptr<KeyFolder> open(const std::string& path,
                                           const std::string& nameForNewKey);

    const std::string& path() const { return path_; }
    // Whether this open made the key (the store's history is then adopted).
    bool created() const { return created_; }
    const std::string& name() const { return active_.name; }
    const SigningKey& signingKey() const { return key_; }
    const VerifierKey& activeKey() const { return active_; }
    // The active key first, then rotated-out keys.
    std::vector<VerifierKey> trustedKeys() const;
    // Makes a new active key with the same name; the old private key is
    // removed, its verifier key kept under oud/. Returns the new key.
    VerifierKey rotate();

  private:
    KeyFolder(std::string path, SigningKey key, VerifierKey active, bool created);
    void load();

    std::string path_;
    SigningKey key_;
    VerifierKey active_;
    std::vector<VerifierKey> retired_;
    bool created_ = false;
};

// $BERAAD_SLEUTELMAP when set, else "<store file>.sleutels" beside the store.
std::string defaultKeyFolder(const std::string& storePath);
// $BERAAD_INSTALLATIE when set, else "beraad-<host name>": the name checkpoints are signed with.
std::string defaultInstallationName();

}  // namespace beraad::trust
