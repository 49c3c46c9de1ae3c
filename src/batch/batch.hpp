// `galley batch`: many inputs to their outputs with N worker processes. The
// supervisor (one thread) streams the inputs from discovery, hands each to an
// idle worker process (worker_pool.hpp), enforces the per-document limits,
// writes one report line per input and keeps only counters. A crash, a hang
// or runaway memory in one document fails that document only.
#pragma once

#include <filesystem>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "batch/discovery.hpp"
#include "batch/shard.hpp"
#include "pipeline/convert.hpp"

namespace galley::batch {

using Converter = std::function<pipeline::ConvertResult(
    const std::filesystem::path& input, const std::filesystem::path& output_stem, const pipeline::ConvertOptions&)>;

struct BatchOptions {
  std::vector<Source> sources;
  std::filesystem::path out_dir;
  pipeline::ConvertOptions convert;  // batch-wide; JSON manifest items override
  unsigned jobs = 0;                 // 0: the number of cores
  std::filesystem::path report;      // empty: none
  bool incremental = false;
  Shard shard;
  bool fail_fast = false;
  bool live_progress = false;  // the live line (stderr is a terminal)
  bool quiet = false;          // no errors nor summary on stderr (tests)
  bool handle_signals = false; // SIGINT/SIGTERM stop the batch cleanly
  double timeout = 600;        // seconds per document; <= 0: none
  std::string timeout_text = "600";
  std::uint64_t max_memory = 2ull << 30;  // address space a worker may add; 0: none
  std::string max_memory_text = "2G";
  std::string build;           // build identity for keys; empty: build_identity()
  Converter converter;         // empty: pipeline::convert_file
};

struct BatchSummary {
  std::size_t total = 0;  // inputs handled (this shard)
  std::size_t converted = 0, skipped = 0, failed = 0;
  double seconds = 0;
  unsigned jobs = 0;
  std::string stopped;  // "", "fail-fast" or "interrupted"
  nlohmann::json to_json(const BatchOptions& options) const;
  int exit_code() const { return failed == 0 && stopped.empty() ? 0 : 1; }
};

// Throws galley::Error when the batch cannot start (OUTDIR or the report
// cannot be written); every per-input problem is a failed item instead.
BatchSummary run_batch(const BatchOptions& options);

// The effective options of one item: batch-wide ones with its overrides.
pipeline::ConvertOptions item_options(const pipeline::ConvertOptions& base, const Item& item);

}  // namespace galley::batch
