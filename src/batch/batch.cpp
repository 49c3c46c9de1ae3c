#include "batch/batch.hpp"

#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_set>

#include "batch/cleanup.hpp"
#include "batch/incremental.hpp"
#include "batch/progress.hpp"
#include "batch/report.hpp"
#include "batch/signals.hpp"
#include "batch/work_queue.hpp"
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

}  // namespace

pipeline::ConvertOptions item_options(const pipeline::ConvertOptions& base, const Item& item) {
  pipeline::ConvertOptions o = base;
  o.parallel = false;  // each worker is one thread: -j N uses N cores
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

BatchSummary run_batch(const BatchOptions& opt) {
  const auto start = Clock::now();
  const Converter convert = opt.converter ? opt.converter : Converter(pipeline::convert_file);
  unsigned jobs = opt.jobs ? opt.jobs : std::thread::hardware_concurrency();
  if (jobs == 0) jobs = 1;

  std::error_code ec;
  fs::create_directories(opt.out_dir, ec);
  if (ec) throw Error(opt.out_dir.string(), "cannot create output folder: " + ec.message());
  remove_stale_temps(opt.out_dir, opt.shard);
  if (!opt.report.empty()) remove_stale_report_temps(opt.report);
  ReportWriter report(opt.report);
  OutputClaims claims(opt.out_dir);
  const std::string build = opt.build.empty() ? build_identity() : opt.build;

  Counters counters;
  Progress progress(counters, opt.live_progress);
  WorkQueue<Item> queue(2 * static_cast<std::size_t>(jobs) + 2);
  std::atomic<bool> stop{false};
  std::mutex stopped_mutex;
  std::string stopped;
  const auto stop_with = [&](const char* why) {
    {
      std::lock_guard lock(stopped_mutex);
      if (stopped.empty()) stopped = why;
    }
    stop = true;
    queue.cancel();
  };
  std::optional<SignalStop> signals;
  if (opt.handle_signals) signals.emplace([&] { stop_with("interrupted"); });

  const auto process = [&](Item item) {
    const auto t0 = Clock::now();
    ItemReport r;
    r.input = item.input.string();
    const auto fail = [&](const std::string& message) {
      r.status = Status::Failed;
      r.error = message;
      r.outputs.clear();
      if (!opt.quiet) progress.error(message);
    };
    if (!item.error.empty()) {
      fail(item.error);
    } else {
      const auto options = item_options(opt.convert, item);
      std::vector<fs::path> outputs;
      for (auto f : options.formats) outputs.push_back(output_path(opt.out_dir, item.rel_stem, f));
      bool claimed = false;
      try {
        std::string key;
        try {
          key = conversion_key(item.input, options, build);
        } catch (const Error&) {
          // Unreadable: convert_file below names the problem.
        }
        std::optional<ItemState> state;
        if (opt.incremental && !key.empty()) state = up_to_date(opt.out_dir, item.rel_stem, options.formats, key);
        if (state) {
          r.status = Status::Skipped;
          r.pages = state->pages;
          r.words = state->words;
          for (const auto& o : outputs) r.outputs.push_back(o.string());
        } else {
          claims.claim(item.rel_stem, outputs);
          claimed = true;
          const fs::path stem = opt.out_dir / fs::path(item.rel_stem);
          fs::create_directories(stem.parent_path());
          require_inside(stem.parent_path(), opt.out_dir);
          auto result = convert(item.input, stem, options);
          claims.release(item.rel_stem);
          claimed = false;
          for (const auto& o : result.outputs) r.outputs.push_back(o.string());
          r.warnings = std::move(result.warnings);
          r.pages = result.pages;
          r.words = result.words;
          r.status = Status::Ok;
          if (!key.empty()) {
            try {
              write_state(opt.out_dir, item.rel_stem, ItemState{key, r.pages, r.words});
            } catch (const Error& e) {
              r.warnings.push_back(std::string(e.what()) + " (--incremental will convert it again)");
            }
          }
        }
      } catch (const Error& e) {
        fail(message_of(e, r.input));
      } catch (const fs::filesystem_error& e) {
        fail(r.input + ": " + e.code().message() + (e.path1().empty() ? "" : " (" + e.path1().string() + ")"));
      } catch (const std::exception& e) {
        fail(r.input + ": " + e.what());
      } catch (...) {
        fail(r.input + ": unexpected error");
      }
      if (claimed) claims.release(item.rel_stem);
    }
    r.seconds = seconds_since(t0);
    report.write(r);
    switch (r.status) {
      case Status::Ok: ++counters.converted; break;
      case Status::Skipped: ++counters.skipped; break;
      case Status::Failed: ++counters.failed; break;
    }
    ++counters.done;
    if (r.status == Status::Failed && opt.fail_fast) stop_with("fail-fast");
  };

  std::vector<std::thread> workers;
  workers.reserve(jobs);
  for (unsigned i = 0; i < jobs; ++i)
    workers.emplace_back([&] {
      while (auto item = queue.pop()) process(std::move(*item));
    });

  // On a terminal, a second walk counts the total for the ETA while work
  // goes on; otherwise the total is what discovery pushed.
  std::thread counter;
  if (opt.live_progress) {
    counter = std::thread([&] {
      const bool complete = discover(opt.sources, [&](Item&& item) {
        if (opt.shard.contains(item.rel_stem)) ++counters.total;
        return !stop.load();
      });
      if (complete) counters.total_final = true;
    });
  }
  progress.start();

  try {
    discover(opt.sources, [&](Item&& item) {
      if (stop.load()) return false;
      if (!opt.shard.contains(item.rel_stem)) return true;
      if (!opt.live_progress) ++counters.total;
      return queue.push(std::move(item));
    });
  } catch (const std::exception& e) {
    // Only resource exhaustion gets here: stop cleanly, report what was done.
    if (!opt.quiet) progress.error(std::string("listing the inputs failed: ") + e.what());
    stop_with("error");
  }
  queue.close();
  if (!opt.live_progress) counters.total_final = true;
  for (auto& w : workers) w.join();
  if (counter.joinable()) counter.join();
  signals.reset();
  progress.stop();

  BatchSummary s;
  s.total = counters.done;
  s.converted = counters.converted;
  s.skipped = counters.skipped;
  s.failed = counters.failed;
  s.seconds = seconds_since(start);
  s.jobs = jobs;
  s.stopped = stopped;
  report.finish(s.to_json(opt));
  if (!opt.quiet) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "galley: batch: %zu input%s: %zu converted, %zu skipped, %zu failed in %.2f s (%.1f docs/s)%s",
                  s.total, s.total == 1 ? "" : "s", s.converted, s.skipped, s.failed, s.seconds,
                  s.seconds > 0 ? static_cast<double>(s.total) / s.seconds : 0.0,
                  s.stopped.empty() ? "" : ("; stopped (" + s.stopped + ")").c_str());
    progress.line(buf);
  }
  return s;
}

}  // namespace galley::batch
