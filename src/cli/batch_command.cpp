#include <unistd.h>

#include <iostream>
#include <memory>

#include "batch/batch.hpp"
#include "batch/limits.hpp"
#include "cli/commands.hpp"

namespace galley::cli {

Runner add_batch_command(CLI::App& app) {
  struct State {
    SharedOptions shared;
    std::vector<std::string> sources;
    std::string out_dir;
    unsigned jobs = 0;
    std::string report;
    bool incremental = false;
    std::string shard;
    bool fail_fast = false;
    std::string timeout = batch::kDefaultTimeout;
    std::string max_memory = batch::kDefaultMaxMemory;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand("batch", "Convert many articles in parallel, resumably, with a report");
  cmd->add_option("SRC", s->sources,
                  "Input files, folders (recursed for .txt, .md, .markdown) or @MANIFEST (one path a line, "
                  "or JSON lines {\"input\": ..., \"title\": ...})")
      ->required();
  cmd->add_option("-o,--output", s->out_dir, "Output folder; mirrors the input tree")->required();
  cmd->add_option("-j,--jobs", s->jobs, "Parallel conversions (default: the number of cores)")
      ->check(CLI::Range(1u, 4096u));
  cmd->add_option("--report", s->report, "Write a JSON-lines report: one line per input and a summary line");
  cmd->add_flag("--incremental", s->incremental,
                "Skip inputs whose outputs are up to date (same input, options and galley build)");
  cmd->add_option("--shard", s->shard, "Convert only shard K of N (0 <= K < N), e.g. 2/8");
  cmd->add_flag("--fail-fast", s->fail_fast, "Stop starting new conversions after the first failure");
  cmd->add_option("--timeout", s->timeout,
                  "Seconds one document may take (fractions allowed); a document that takes longer is "
                  "stopped and reported failed (default: " + std::string(batch::kDefaultTimeout) + ")");
  cmd->add_option("--max-memory", s->max_memory,
                  "Memory (address space) one conversion may use, e.g. 512M or 2G; a document "
                  "that needs more is reported failed (default: " + std::string(batch::kDefaultMaxMemory) + ")");
  add_shared_options(*cmd, s->shared);
  return [s]() {
    batch::BatchOptions o;
    try {
      o.convert = s->shared.resolve();
      o.sources = batch::resolve_sources(s->sources);
      if (!s->shard.empty()) o.shard = batch::parse_shard(s->shard);
      o.timeout = batch::parse_timeout(s->timeout);
      o.timeout_text = s->timeout;
      o.max_memory = batch::parse_memory_size(s->max_memory);
      o.max_memory_text = s->max_memory;
    } catch (const Error& e) {
      print_error(e.what());
      return 2;
    }
    o.out_dir = s->out_dir;
    o.jobs = s->jobs;
    o.report = s->report;
    o.incremental = s->incremental;
    o.fail_fast = s->fail_fast;
    o.live_progress = ::isatty(2) == 1;
    o.handle_signals = true;
    try {
      return batch::run_batch(o).exit_code();
    } catch (const Error& e) {
      print_error(e.what());
      return 1;
    }
  };
}

}  // namespace galley::cli
