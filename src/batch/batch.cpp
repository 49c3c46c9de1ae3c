#include "batch/batch.hpp"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "batch/cleanup.hpp"
#include "batch/count.hpp"
#include "batch/incremental.hpp"
#include "batch/progress.hpp"
#include "batch/report.hpp"
#include "batch/signals.hpp"
#include "batch/worker.hpp"
#include "batch/worker_pool.hpp"
#include "util/error.hpp"
#include "util/output_file.hpp"

namespace galley::batch {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Writing through a symbolic link inside the output folder could put files
// anywhere: every item's folder, resolved, must lie in the output folder.
void require_inside(const fs::path& dir, const fs::path& out_dir) {
  const fs::path real = fs::canonical(dir), base = fs::canonical(out_dir);
  const auto [b, r] = std::mismatch(base.begin(), base.end(), real.begin(), real.end());
  if (b != base.end())
    throw Error(dir.string(), "leads outside the output folder " + out_dir.string() + " (a symbolic link?); not written");
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Two inputs of one batch must not write the same outputs (a.txt and a.md,
// or two SRC trees with the same relative paths). An output is taken when
// another worker is writing it now or when it was written after this batch
// started (later than the start mark). Only the items in flight are kept.
class OutputClaims {
 public:
  explicit OutputClaims(const fs::path& out_dir) {
    OutputFile mark(out_dir / ".galley-batch-start");  // never committed: removed on return
    {
      std::FILE* f = std::fopen(mark.temp_path().c_str(), "wb");
      if (!f || std::fputc('\n', f) == EOF || std::fclose(f) != 0)
        throw Error(out_dir.string(), "cannot write to the output folder");
    }
    start_ = fs::last_write_time(mark.temp_path());
  }

  // Throws galley::Error when taken.
  void claim(const std::string& rel_stem, const std::vector<fs::path>& outputs) {
    std::lock_guard lock(mutex_);
    bool taken = in_flight_.count(rel_stem) > 0;
    for (const auto& out : outputs) {
      std::error_code ec;
      const auto t = fs::last_write_time(out, ec);
      if (!ec && t > start_) taken = true;
    }
    if (taken)
      throw Error("", "another input of this batch writes the same output " + outputs.front().string() +
                          " (rename one, or give it an \"output\" in a JSON-lines manifest)");
    in_flight_.insert(rel_stem);
  }
  void release(const std::string& rel_stem) {
    std::lock_guard lock(mutex_);
    in_flight_.erase(rel_stem);
  }

 private:
  fs::file_time_type start_;
  std::mutex mutex_;
  std::unordered_set<std::string> in_flight_;
};

std::string message_of(const Error& e, const std::string& input) {
  return e.file().empty() ? input + ": " + e.what() : std::string(e.what());
}

std::string describe_failure(const std::exception& e, const std::string& input) {
  if (const auto* error = dynamic_cast<const Error*>(&e)) return message_of(*error, input);
  if (const auto* fe = dynamic_cast<const fs::filesystem_error*>(&e))
    return input + ": " + fe->code().message() + (fe->path1().empty() ? "" : " (" + fe->path1().string() + ")");
  return input + ": " + e.what();
}

// The supervisor's part of an item before a worker converts it: its key,
// the --incremental check, the claim on its outputs and its folder. Returns
// the recorded state when it is up to date (nothing claimed); otherwise the
// outputs are claimed (release them when the item ends). Throws.
std::optional<ItemState> prepare(const BatchOptions& opt, const Item& item, const pipeline::ConvertOptions& options,
                                 const std::string& build, OutputClaims& claims, std::string& key) {
  try {
    key = conversion_key(item.input, options, build);
  } catch (const Error&) {
    // Unreadable: the conversion names the problem.
  }
  if (opt.incremental && !key.empty())
    if (auto state = up_to_date(opt.out_dir, item.rel_stem, options.formats, key)) return state;
  std::vector<fs::path> outputs;
  for (auto f : options.formats) outputs.push_back(output_path(opt.out_dir, item.rel_stem, f));
  claims.claim(item.rel_stem, outputs);
  try {
    const fs::path stem = opt.out_dir / fs::path(item.rel_stem);
    fs::create_directories(stem.parent_path());
    require_inside(stem.parent_path(), opt.out_dir);
  } catch (...) {
    claims.release(item.rel_stem);
    throw;
  }
  return std::nullopt;
}

}  // namespace

pipeline::ConvertOptions item_options(const pipeline::ConvertOptions& base, const Item& item) {
  pipeline::ConvertOptions o = base;
  o.parallel = false;  // each worker is one process of one thread: -j N uses N cores
  if (item.metadata) doc::merge_metadata(o.metadata, *item.metadata);
  if (item.from) o.from = item.from;
  return o;
}

nlohmann::json BatchSummary::to_json(const BatchOptions& options) const {
  nlohmann::json j;
  j["total"] = total;
  j["ok"] = converted + skipped;
  j["converted"] = converted;
  j["skipped"] = skipped;
  j["failed"] = failed;
  j["seconds"] = static_cast<double>(static_cast<long long>(seconds * 1000 + 0.5)) / 1000;
  j["docs_per_second"] = seconds > 0 ? static_cast<double>(static_cast<long long>(total / seconds * 10 + 0.5)) / 10 : 0.0;
  j["jobs"] = jobs;
  j["shard"] = options.shard.count > 1 ? nlohmann::json(options.shard.str()) : nlohmann::json(nullptr);
  auto& formats = j["formats"] = nlohmann::json::array();
  for (auto f : options.convert.formats) formats.push_back(pipeline::extension(f));
  j["incremental"] = options.incremental;
  j["stopped"] = stopped.empty() ? nlohmann::json(nullptr) : nlohmann::json(stopped);
  j["galley"] = GALLEY_VERSION;
  return j;
}

namespace {

// One input on its way through the supervisor.
struct InFlight {
  ItemReport report;
  std::string rel_stem, key;
  Clock::time_point t0;
};

unsigned job_count(unsigned jobs) {
  if (jobs == 0) jobs = std::thread::hardware_concurrency();
  return jobs == 0 ? 1 : jobs;
}

// The batch's single thread: hands inputs to the worker processes, collects
// their outcomes, writes the report and keeps the counters.
class Supervisor {
 public:
  Supervisor(const BatchOptions& opt, unsigned jobs)
      : opt_(opt),
        report_(opt.report),
        claims_(opt.out_dir),
        build_(opt.build.empty() ? build_identity() : opt.build),
        progress_(counters_, opt.live_progress),
        setup_{opt.convert, opt.converter ? opt.converter : Converter(pipeline::convert_file), opt.max_memory,
               opt.max_memory_text},
        pool_(jobs, opt.timeout, opt.timeout_text, [this](int in, int out) { worker_main(in, out, setup_); }) {
    warm_up(setup_);  // before any fork: every worker starts with warm caches
    if (opt.handle_signals) signals_.emplace();
    // On a terminal, a second walk counts the total for the ETA while work
    // goes on; otherwise the total is what discovery handed over.
    if (opt.live_progress) counter_.emplace(opt.sources, opt.shard);
  }

  void run() {
    progress_.start();
    try {
      discover(opt_.sources, [&](Item&& item) {
        pump(std::chrono::milliseconds(0));
        while (stopped_.empty() && !pool_.has_idle()) pump(std::chrono::milliseconds(200));
        if (!stopped_.empty()) return false;
        if (!opt_.shard.contains(item.rel_stem)) return true;
        if (!opt_.live_progress) ++counters_.total;
        handle(std::move(item));
        return stopped_.empty();
      });
    } catch (const std::exception& e) {
      // Only resource exhaustion gets here: stop cleanly, report what was done.
      if (!opt_.quiet) progress_.error(std::string("listing the inputs failed: ") + e.what());
      if (stopped_.empty()) stopped_ = "error";
    }
    if (!opt_.live_progress) counters_.total_final = true;
    while (pool_.busy() > 0) pump(std::chrono::milliseconds(200));
    counter_.reset();
    signals_.reset();
    progress_.stop();
  }

  const Counters& counters() const { return counters_; }
  const std::string& stopped() const { return stopped_; }
  ReportWriter& report() { return report_; }
  Progress& progress() { return progress_; }

 private:
  // Collects what ended within `wait`; a signal abandons what is in flight.
  void pump(std::chrono::milliseconds wait) {
    for (const auto& o : pool_.wait(wait, signals_ ? signals_->fd() : -1)) complete(o);
    if (signals_ && signals_->fired() && stopped_ != "interrupted") {
      stopped_ = "interrupted";
      for (const auto& o : pool_.abandon("not finished: the batch was interrupted")) complete(o);
    }
    if (counter_) counter_->update(counters_);
    progress_.tick();
  }

  void handle(Item&& item) {
    InFlight f;
    f.t0 = Clock::now();
    f.rel_stem = item.rel_stem;
    ItemReport& r = f.report;
    r.input = item.input.string();
    if (!item.error.empty()) return fail(r, item.error, f.t0);
    const auto options = item_options(opt_.convert, item);
    try {
      if (auto state = prepare(opt_, item, options, build_, claims_, f.key)) {
        r.status = Status::Skipped;
        r.pages = state->pages;
        r.words = state->words;
        for (auto fmt : options.formats) r.outputs.push_back(output_path(opt_.out_dir, item.rel_stem, fmt).string());
        return finish(r, f.t0);
      }
    } catch (const std::exception& e) {
      return fail(r, describe_failure(e, r.input), f.t0);
    }
    const std::uint64_t id = next_id_++;
    try {
      pool_.start(Task{id, encode_request(item, opt_.out_dir / fs::path(item.rel_stem))});
    } catch (const Error& e) {
      claims_.release(item.rel_stem);
      return fail(r, r.input + ": " + e.what(), f.t0);
    }
    in_flight_.emplace(id, std::move(f));
  }

  void complete(const Outcome& o) {
    auto node = in_flight_.extract(o.id);
    InFlight& f = node.mapped();
    claims_.release(f.rel_stem);
    ItemReport& r = f.report;
    if (!o.replied) {
      remove_temps_of(opt_.out_dir, f.rel_stem, static_cast<long>(o.pid));
      return fail(r, r.input + ": " + o.failure, f.t0);
    }
    const WorkerReply reply = decode_reply(o.reply);
    if (reply.fatal) pool_.retire(o.pid);
    if (!reply.ok) return fail(r, reply.error, f.t0);
    r.status = Status::Ok;
    for (const auto& out : reply.result.outputs) r.outputs.push_back(out.string());
    r.warnings = reply.result.warnings;
    r.pages = reply.result.pages;
    r.words = reply.result.words;
    if (!f.key.empty()) {
      try {
        write_state(opt_.out_dir, f.rel_stem, ItemState{f.key, r.pages, r.words});
      } catch (const Error& e) {
        r.warnings.push_back(std::string(e.what()) + " (--incremental will convert it again)");
      }
    }
    finish(r, f.t0);
  }

  void fail(ItemReport& r, const std::string& message, Clock::time_point t0) {
    r.status = Status::Failed;
    r.error = message;
    r.outputs.clear();
    if (!opt_.quiet) progress_.error(message);
    finish(r, t0);
  }

  void finish(ItemReport& r, Clock::time_point t0) {
    r.seconds = seconds_since(t0);
    report_.write(r);
    switch (r.status) {
      case Status::Ok: ++counters_.converted; break;
      case Status::Skipped: ++counters_.skipped; break;
      case Status::Failed: ++counters_.failed; break;
    }
    ++counters_.done;
    if (r.status == Status::Failed && opt_.fail_fast && stopped_.empty()) stopped_ = "fail-fast";
  }

  const BatchOptions& opt_;
  ReportWriter report_;
  OutputClaims claims_;
  const std::string build_;
  Counters counters_;
  Progress progress_;
  std::string stopped_;
  std::optional<SignalStop> signals_;
  std::optional<BackgroundCount> counter_;
  const WorkerSetup setup_;
  WorkerPool pool_;
  std::unordered_map<std::uint64_t, InFlight> in_flight_;
  std::uint64_t next_id_ = 0;
};

}  // namespace

BatchSummary run_batch(const BatchOptions& opt) {
  const auto start = Clock::now();
  const unsigned jobs = job_count(opt.jobs);
  std::error_code ec;
  fs::create_directories(opt.out_dir, ec);
  if (ec) throw Error(opt.out_dir.string(), "cannot create output folder: " + ec.message());
  remove_stale_temps(opt.out_dir, opt.shard);
  if (!opt.report.empty()) remove_stale_report_temps(opt.report);
  Supervisor supervisor(opt, jobs);
  supervisor.run();

  BatchSummary s;
  const Counters& counters = supervisor.counters();
  s.total = counters.done;
  s.converted = counters.converted;
  s.skipped = counters.skipped;
  s.failed = counters.failed;
  s.seconds = seconds_since(start);
  s.jobs = jobs;
  s.stopped = supervisor.stopped();
  supervisor.report().finish(s.to_json(opt));
  if (!opt.quiet) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "galley: batch: %zu input%s: %zu converted, %zu skipped, %zu failed in %.2f s (%.1f docs/s)%s",
                  s.total, s.total == 1 ? "" : "s", s.converted, s.skipped, s.failed, s.seconds,
                  s.seconds > 0 ? static_cast<double>(s.total) / s.seconds : 0.0,
                  s.stopped.empty() ? "" : ("; stopped (" + s.stopped + ")").c_str());
    supervisor.progress().line(buf);
  }
  return s;
}

}  // namespace galley::batch
