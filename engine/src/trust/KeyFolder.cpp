#include "beraad/trust/KeyFolder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace beraad::trust {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPrivateFile = "ondertekening.pem";
constexpr const char* kVerifierFile = "ondertekening.vkey";
constexpr const char* kRetiredFolder = "oud";

std::string readFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    return text;
}

// Writes through a temporary file in the same folder, created with `mode`,
// synced and renamed over `file`, so a crash leaves the old file or the new.
void writePrivately(const fs::path& file, const std::string& bytes, mode_t mode) {
    fs::path temporary = file;
    temporary += ".nieuw";
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) throw std::runtime_error("cannot create " + temporary.string());
    bool ok = ::fchmod(fd, mode) == 0 &&
              ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
              ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        fs::remove(temporary);
        throw std::runtime_error("cannot write " + temporary.string());
    }
    fs::rename(temporary, file);
}

void requirePrivate(const fs::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) throw std::runtime_error("cannot stat " + file.string());
    if ((info.st_mode & 077) != 0) {
        throw std::runtime_error(file.string() + " may be read or written by others (mode " +
                                 std::to_string(info.st_mode & 0777) +
                                 " in octal digits of ls -l); make it readable by its owner only "
                                 "(chmod go-rwx)");
    }
}

}  // namespace

KeyFolder::KeyFolder(std::string path, SigningKey key, VerifierKey active, bool created)
    : path_(std::move(path)), key_(std::move(key)), active_(std::move(active)), created_(created) {}

std::shared_ptr<KeyFolder> KeyFolder::open(const std::string& path,
                                           const std::string& nameForNewKey) {
    fs::path folder(path);
    fs::path privateFile = folder / kPrivateFile;
    bool created = false;
    if (!fs::exists(privateFile)) {
        if (!validKeyName(nameForNewKey)) {
            throw std::runtime_error("the installation name '" + nameForNewKey +
                                     "' cannot name a key: it must be non-empty, without spaces "
                                     "or '+'");
        }
        fs::create_directories(folder / kRetiredFolder);
        fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace);
        SigningKey fresh = SigningKey::generate();
        writePrivately(privateFile, fresh.toPem(), 0600);
        writePrivately(folder / kVerifierFile,
                       formatVerifierKey(verifierKeyFor(nameForNewKey, kEd25519Type, fresh)) + "\n",
                       0644);
        created = true;
    }
    requirePrivate(folder);
    requirePrivate(privateFile);
    SigningKey key = [&] {
        try {
            return SigningKey::fromPem(readFile(privateFile));
        } catch (const std::exception& error) {
            throw std::runtime_error(privateFile.string() + ": " + error.what());
        }
    }();
    VerifierKey active;
    try {
        active = parseVerifierKey(trimmed(readFile(folder / kVerifierFile)));
    } catch (const NoteError& error) {
        throw std::runtime_error((folder / kVerifierFile).string() + ": " + error.what());
    }
    if (active.publicKey != key.publicKey()) {
        throw std::runtime_error((folder / kVerifierFile).string() +
                                 " is not the verifier key of " + privateFile.string());
    }
    std::shared_ptr<KeyFolder> keys(
        new KeyFolder(path, std::move(key), std::move(active), created));
    keys->load();
    return keys;
}

void KeyFolder::load() {
    retired_.clear();
    fs::path folder = fs::path(path_) / kRetiredFolder;
    if (!fs::exists(folder)) return;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().extension() == ".vkey") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        try {
            retired_.push_back(parseVerifierKey(trimmed(readFile(file))));
        } catch (const NoteError& error) {
            throw std::runtime_error(file.string() + ": " + error.what());
        }
    }
}

std::vector<VerifierKey> KeyFolder::trustedKeys() const {
    std::vector<VerifierKey> keys{active_};
    keys.insert(keys.end(), retired_.begin(), retired_.end());
    return keys;
}

VerifierKey KeyFolder::rotate() {
    fs::path folder(path_);
    fs::create_directories(folder / kRetiredFolder);
    writePrivately(folder / kRetiredFolder / (keyIdHex(active_.keyId) + ".vkey"),
                   formatVerifierKey(active_) + "\n", 0644);
    SigningKey fresh = SigningKey::generate();
    VerifierKey next = verifierKeyFor(active_.name, kEd25519Type, fresh);
    writePrivately(folder / kPrivateFile, fresh.toPem(), 0600);
    writePrivately(folder / kVerifierFile, formatVerifierKey(next) + "\n", 0644);
    key_ = std::move(fresh);
    active_ = next;
    load();
    return next;
}

std::string defaultKeyFolder(const std::string& storePath) {
    if (const char* configured = std::getenv("BERAAD_SLEUTELMAP"); configured && *configured) {
        return configured;
    }
    return storePath + ".sleutels";
}

std::string defaultInstallationName() {
    if (const char* configured = std::getenv("BERAAD_INSTALLATIE"); configured && *configured) {
        return configured;
    }
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "beraad";
    return std::string("beraad-") + host;
}

}  // namespace beraad::trust
