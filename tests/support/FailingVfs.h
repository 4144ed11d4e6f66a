#pragma once
// An SQLite VFS for tests that fails one chosen I/O call: it wraps the
// process's default VFS, registers itself as the new default (so every
// connection opened afterwards goes through it, production code unchanged)
// and passes everything through until armed. Armed, it counts the calls of
// one kind (xWrite, xSync or xTruncate) on the chosen files from the moment
// of arming and makes the N-th return the given error (SQLITE_FULL, an
// SQLITE_IOERR_*), touching nothing on disk; with `persistent` every later
// matching call fails too, as a disk that stays full does.

#include <atomic>

namespace beraad::testing {

class FailingVfs {
  public:
    enum class Call { Write, Sync, Truncate };
    enum class Files { Any, MainDb, Journal };  // Journal: the WAL or a rollback journal

    struct Plan {
        Call call = Call::Write;
        int nth = 1;  // 1: the first matching call after arming
        int errorCode = 0;
        Files files = Files::Any;
        bool persistent = false;
    };

    // The one instance, registered as the default VFS on first use.
    static FailingVfs& install();

    void arm(const Plan& plan);
    void disarm();
    // Whether the armed failure has happened since arming.
    bool fired() const { return fired_.load(); }
    // Matching calls seen since arming.
    int seen() const { return seen_.load(); }

    // Makes every connection opened from now on checkpoint after each
    // commit (wal_autocheckpoint = 1), so a write also writes and syncs the
    // main database file: the failures after the commit became durable.
    static void checkpointEveryCommit(bool on);

    // Used by the shim's file methods.
    int check(Call call, bool mainDb);

  private:
    FailingVfs() = default;

    std::atomic<bool> armed_{false};
    std::atomic<bool> fired_{false};
    std::atomic<int> seen_{0};
    Plan plan_;
};

}  // namespace beraad::testing
