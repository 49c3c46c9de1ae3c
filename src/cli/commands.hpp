// Subcommands of the galley command line. Each adds itself to the app and
// returns the exit code through `run` when chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "pipeline/convert.hpp"

namespace galley::cli {

using Runner = std::function<int()>;

// Options shared by convert and batch: metadata, reader and style.
struct SharedOptions {
  pipeline::ConvertOptions convert;
  std::string formats;
  std::string from;
  std::string metadata_file;
  // Turns the parsed strings into convert options; throws galley::Error.
  pipeline::ConvertOptions resolve() const;
};
void add_shared_options(CLI::App& cmd, SharedOptions& opts);

Runner add_convert_command(CLI::App& app);
Runner add_inspect_command(CLI::App& app);
Runner add_batch_command(CLI::App& app);

// Prints "galley: error: ..." on stderr.
void print_error(const std::string& message);
void print_warning(const std::string& message);

}  // namespace galley::cli
