#include "FailingVfs.h"

#include <sqlite3.h>

#include <stdexcept>

namespace beraad::testing {
namespace {

// A shim file: its methods, whether it is the main database, and the real
// file of the wrapped VFS right behind it (szOsFile covers both).
struct ShimFile {
    sqlite3_file base;
    bool mainDb;
    bool journal;
    sqlite3_file* real;
};

sqlite3_vfs gShim;
sqlite3_vfs* gReal = nullptr;
std::atomic<bool> gCheckpointEveryCommit{false};

sqlite3_file* real(sqlite3_file* file) {
    return reinterpret_cast<ShimFile*>(file)->real;
}

int failure(sqlite3_file* file, FailingVfs::Call call) {
    auto* shim = reinterpret_cast<ShimFile*>(file);
    if (!shim->mainDb && !shim->journal) return SQLITE_OK;
    return FailingVfs::install().check(call, shim->mainDb);
}

int shimClose(sqlite3_file* file) {
    auto* inner = real(file);
    int code = inner->pMethods ? inner->pMethods->xClose(inner) : SQLITE_OK;
    file->pMethods = nullptr;
    return code;
}

int shimRead(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    auto* inner = real(file);
    return inner->pMethods->xRead(inner, buffer, amount, offset);
}

int shimWrite(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    if (int code = failure(file, FailingVfs::Call::Write); code != SQLITE_OK) return code;
    auto* inner = real(file);
    return inner->pMethods->xWrite(inner, buffer, amount, offset);
}

int shimTruncate(sqlite3_file* file, sqlite3_int64 size) {
    if (int code = failure(file, FailingVfs::Call::Truncate); code != SQLITE_OK) return code;
    auto* inner = real(file);
    return inner->pMethods->xTruncate(inner, size);
}

int shimSync(sqlite3_file* file, int flags) {
    if (int code = failure(file, FailingVfs::Call::Sync); code != SQLITE_OK) return code;
    auto* inner = real(file);
    return inner->pMethods->xSync(inner, flags);
}

int shimFileSize(sqlite3_file* file, sqlite3_int64* size) {
    auto* inner = real(file);
    return inner->pMethods->xFileSize(inner, size);
}

int shimLock(sqlite3_file* file, int level) {
    auto* inner = real(file);
    return inner->pMethods->xLock(inner, level);
}

int shimUnlock(sqlite3_file* file, int level) {
    auto* inner = real(file);
    return inner->pMethods->xUnlock(inner, level);
}

int shimCheckReservedLock(sqlite3_file* file, int* result) {
    auto* inner = real(file);
    return inner->pMethods->xCheckReservedLock(inner, result);
}

int shimFileControl(sqlite3_file* file, int op, void* argument) {
    auto* inner = real(file);
    return inner->pMethods->xFileControl(inner, op, argument);
}

int shimSectorSize(sqlite3_file* file) {
    auto* inner = real(file);
    return inner->pMethods->xSectorSize(inner);
}

int shimDeviceCharacteristics(sqlite3_file* file) {
    auto* inner = real(file);
    return inner->pMethods->xDeviceCharacteristics(inner);
}

int shimShmMap(sqlite3_file* file, int page, int size, int extend, void volatile** memory) {
    auto* inner = real(file);
    return inner->pMethods->xShmMap(inner, page, size, extend, memory);
}

int shimShmLock(sqlite3_file* file, int offset, int count, int flags) {
    auto* inner = real(file);
    return inner->pMethods->xShmLock(inner, offset, count, flags);
}

void shimShmBarrier(sqlite3_file* file) {
    auto* inner = real(file);
    inner->pMethods->xShmBarrier(inner);
}

int shimShmUnmap(sqlite3_file* file, int deleteFlag) {
    auto* inner = real(file);
    return inner->pMethods->xShmUnmap(inner, deleteFlag);
}

int shimFetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** pointer) {
    auto* inner = real(file);
    return inner->pMethods->xFetch(inner, offset, amount, pointer);
}

int shimUnfetch(sqlite3_file* file, sqlite3_int64 offset, void* pointer) {
    auto* inner = real(file);
    return inner->pMethods->xUnfetch(inner, offset, pointer);
}

const sqlite3_io_methods kShimMethods = {
    3,
    shimClose,
    shimRead,
    shimWrite,
    shimTruncate,
    shimSync,
    shimFileSize,
    shimLock,
    shimUnlock,
    shimCheckReservedLock,
    shimFileControl,
    shimSectorSize,
    shimDeviceCharacteristics,
    shimShmMap,
    shimShmLock,
    shimShmBarrier,
    shimShmUnmap,
    shimFetch,
    shimUnfetch,
};

// The wrapped VFS opens the real file with itself as the VFS (the unix VFS
// reads its own pAppData).
int shimOpen(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* outFlags) {
    auto* shim = reinterpret_cast<ShimFile*>(file);
    shim->base.pMethods = nullptr;
    shim->mainDb = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    shim->journal = (flags & (SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) != 0;
    shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
    shim->real->pMethods = nullptr;
    int code = gReal->xOpen(gReal, name, shim->real, flags, outFlags);
    if (shim->real->pMethods != nullptr) shim->base.pMethods = &kShimMethods;
    return code;
}

int shimDelete(sqlite3_vfs*, const char* name, int syncDir) {
    return gReal->xDelete(gReal, name, syncDir);
}

int shimAccess(sqlite3_vfs*, const char* name, int flags, int* result) {
    return gReal->xAccess(gReal, name, flags, result);
}

int shimFullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
    return gReal->xFullPathname(gReal, name, size, out);
}

void* shimDlOpen(sqlite3_vfs*, const char* name) {
    return gReal->xDlOpen(gReal, name);
}

void shimDlError(sqlite3_vfs*, int size, char* message) {
    gReal->xDlError(gReal, size, message);
}

void (*shimDlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
    return gReal->xDlSym(gReal, handle, symbol);
}

void shimDlClose(sqlite3_vfs*, void* handle) {
    gReal->xDlClose(gReal, handle);
}

int shimRandomness(sqlite3_vfs*, int size, char* out) {
    return gReal->xRandomness(gReal, size, out);
}

int shimSleep(sqlite3_vfs*, int microseconds) {
    return gReal->xSleep(gReal, microseconds);
}

int shimCurrentTime(sqlite3_vfs*, double* now) {
    return gReal->xCurrentTime(gReal, now);
}

int shimGetLastError(sqlite3_vfs*, int size, char* out) {
    return gReal->xGetLastError(gReal, size, out);
}

int shimCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* now) {
    return gReal->xCurrentTimeInt64(gReal, now);
}

// SQLite sets a new connection's autocheckpoint after running the automatic
// extensions, so the extension only installs a statement trace, and the
// connection's first statement sets it.
int checkpointTrace(unsigned, void* context, void*, void*) {
    auto* db = static_cast<sqlite3*>(context);
    sqlite3_wal_autocheckpoint(db, 1);
    sqlite3_trace_v2(db, 0, nullptr, nullptr);
    return 0;
}

int checkpointHook(sqlite3* db, char**, const sqlite3_api_routines*) {
    if (gCheckpointEveryCommit.load()) sqlite3_trace_v2(db, SQLITE_TRACE_STMT, checkpointTrace, db);
    return SQLITE_OK;
}

void registerShim() {
    gReal = sqlite3_vfs_find(nullptr);
    if (gReal == nullptr) throw std::runtime_error("SQLite has no default VFS");
    gShim = sqlite3_vfs{};
    gShim.iVersion = 2;
    gShim.szOsFile = static_cast<int>(sizeof(ShimFile)) + gReal->szOsFile;
    gShim.mxPathname = gReal->mxPathname;
    gShim.zName = "beraad-failing";
    gShim.xOpen = shimOpen;
    gShim.xDelete = shimDelete;
    gShim.xAccess = shimAccess;
    gShim.xFullPathname = shimFullPathname;
    gShim.xDlOpen = shimDlOpen;
    gShim.xDlError = shimDlError;
    gShim.xDlSym = shimDlSym;
    gShim.xDlClose = shimDlClose;
    gShim.xRandomness = shimRandomness;
    gShim.xSleep = shimSleep;
    gShim.xCurrentTime = shimCurrentTime;
    gShim.xGetLastError = shimGetLastError;
    gShim.xCurrentTimeInt64 = shimCurrentTimeInt64;
    if (sqlite3_vfs_register(&gShim, 1) != SQLITE_OK)
        throw std::runtime_error("cannot register the failing VFS");
    sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(checkpointHook));
}

}  // namespace

FailingVfs& FailingVfs::install() {
    static FailingVfs* instance = [] {
        registerShim();
        return new FailingVfs();
    }();
    return *instance;
}

void FailingVfs::arm(const Plan& plan) {
    armed_.store(false);
    plan_ = plan;
    seen_.store(0);
    fired_.store(false);
    armed_.store(true);
}

void FailingVfs::disarm() {
    armed_.store(false);
}

void FailingVfs::checkpointEveryCommit(bool on) {
    install();
    gCheckpointEveryCommit.store(on);
}

int FailingVfs::check(Call call, bool mainDb) {
    if (!armed_.load() || call != plan_.call) return SQLITE_OK;
    if (plan_.files == Files::MainDb && !mainDb) return SQLITE_OK;
    if (plan_.files == Files::Journal && mainDb) return SQLITE_OK;
    int count = ++seen_;
    if (count == plan_.nth || (plan_.persistent && count > plan_.nth)) {
        fired_.store(true);
        return plan_.errorCode;
    }
    return SQLITE_OK;
}

}  // namespace beraad::testing
