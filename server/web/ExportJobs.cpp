#include "web/ExportJobs.h"

#include <filesystem>
#include <fstream>

#include "beraad/base/Random.h"
#include "beraad/present/Dutch.h"

namespace beraad::server::web {

struct ExportJobs::Job {
    std::string owner;  // name, role and scope of the actor who started it
    mutable std::mutex mutex;
    ExportJobStatus status;
    std::shared_ptr<SpooledBody> file;
    std::thread thread;  // joined when the job is forgotten or the server stops
};

namespace {

std::string ownerOf(const Actor& actor) {
    return actor.name + "\n" + std::string(toString(actor.role)) + "\n" + actor.regionScope;
}

}  // namespace

ExportJobs::ExportJobs(Engine& engine, Limits limits) : engine_(engine), limits_(limits) {}

ExportJobs::~ExportJobs() {
    stopping_ = true;
    std::lock_guard lock(mutex_);
    for (auto& [id, job] : jobs_) {
        if (job->thread.joinable()) job->thread.join();
    }
}

void ExportJobs::forgetExpired() {
    auto now = std::chrono::steady_clock::now();
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        bool expired = false;
        {
            std::lock_guard lock(it->second->mutex);
            const auto& status = it->second->status;
            bool over = status.state == ExportJobStatus::State::Done ||
                        status.state == ExportJobStatus::State::Failed;
            expired = over && now - status.finished > limits_.kept;
        }
        if (!expired) {
            ++it;
            continue;
        }
        // Its thread has set the final state and is returning.
        if (it->second->thread.joinable()) it->second->thread.join();
        it = jobs_.erase(it);
    }
}

Result<std::string> ExportJobs::start(const Actor& actor, ExportRequest request) {
    std::lock_guard lock(mutex_);
    forgetExpired();
    if (jobs_.size() >= limits_.maxJobs) {
        return makeError(ErrorCode::Refused,
                         "the server holds its maximum of " + std::to_string(limits_.maxJobs) +
                             " exports; try again when one is downloaded or expired");
    }
    auto job = std::make_shared<Job>();
    job->owner = ownerOf(actor);
    job->status.subject = request.region ? *request.region : request.documentId.value_or("");
    job->status.format = std::string(toString(request.format));
    std::string id = randomHex(16);
    jobs_[id] = job;
    job->thread = std::thread(&ExportJobs::run, this, job, actor, std::move(request));
    return id;
}

void ExportJobs::run(std::shared_ptr<Job> job, Actor actor, ExportRequest request) {
    // One heavy slot while it runs, as a download takes one.
    while (heavy_ != nullptr && !heavy_->acquire()) {
        if (stopping_) return;
    }
    struct Release {
        WorkSlots* slots;
        ~Release() {
            if (slots) slots->release();
        }
    } release{heavy_};
    {
        std::lock_guard lock(job->mutex);
        job->status.state = ExportJobStatus::State::Running;
    }
    request.progress = [&job](const ExportProgress& progress) {
        std::lock_guard lock(job->mutex);
        job->status.done = progress.done;
        job->status.total = progress.total;
    };
    auto spooled = SpooledBody::create();
    std::ofstream out(spooled->path(), std::ios::binary | std::ios::trunc);
    Result<ExportSummary> summary = makeError(ErrorCode::Storage, "the export did not run");
    try {
        summary = engine_.exportHistory(actor, request, out);
    } catch (const std::exception& failure) {
        summary = makeError(ErrorCode::Storage, failure.what());
    }
    out.close();
    std::lock_guard lock(job->mutex);
    job->status.finished = std::chrono::steady_clock::now();
    if (!summary || !out) {
        job->status.state = ExportJobStatus::State::Failed;
        job->status.problem = summary ? "Het exportbestand kon niet worden geschreven."
                                      : present::inDutch(summary.error().message);
        return;
    }
    job->status.state = ExportJobStatus::State::Done;
    job->status.fileName = summary->fileName;
    job->status.mediaType = summary->mediaType;
    std::error_code ignored;
    job->status.bytes = std::filesystem::file_size(spooled->path(), ignored);
    if (job->status.total == 0) job->status.total = job->status.done;
    job->file = std::move(spooled);
}

std::optional<ExportJobStatus> ExportJobs::status(const std::string& id, const Actor& actor) const {
    std::shared_ptr<Job> job;
    {
        std::lock_guard lock(mutex_);
        auto found = jobs_.find(id);
        if (found == jobs_.end()) return std::nullopt;
        job = found->second;
    }
    if (job->owner != ownerOf(actor)) return std::nullopt;
    std::lock_guard lock(job->mutex);
    return job->status;
}

std::shared_ptr<SpooledBody> ExportJobs::file(const std::string& id, const Actor& actor) const {
    std::shared_ptr<Job> job;
    {
        std::lock_guard lock(mutex_);
        auto found = jobs_.find(id);
        if (found == jobs_.end()) return nullptr;
        job = found->second;
    }
    if (job->owner != ownerOf(actor)) return nullptr;
    std::lock_guard lock(job->mutex);
    return job->file;
}

}  // namespace beraad::server::web
