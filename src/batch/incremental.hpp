// --incremental: an item is skipped when its outputs are up to date. Next to
// the outputs, a hidden state file OUTDIR/sub/.article.galley-hash records the
// key of the conversion that wrote them (a fingerprint of the input bytes, the
// effective options and the galley build) with its page and word counts. It
// is written through a temporary file only after every output is committed,
// so a batch killed at any moment resumes where it stopped.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/convert.hpp"

namespace galley::batch {

constexpr const char* kStateSuffix = ".galley-hash";

// The build's identity: the version and the executable's GNU build id (so a
// rebuild that changes the program invalidates earlier outputs). Computed once.
std::string build_identity();

// Canonical text of every option that changes the outputs (formats,
// metadata, reader, style, SOURCE_DATE_EPOCH).
std::string options_text(const pipeline::ConvertOptions& options);

// The key of converting `input` with `options` by build `build`. Reads the
// input; throws galley::Error when it cannot.
std::string conversion_key(const std::filesystem::path& input, const pipeline::ConvertOptions& options,
                           const std::string& build);

struct ItemState {
  std::string key;
  int pages = 0;
  std::size_t words = 0;
};

std::filesystem::path state_path(const std::filesystem::path& out_dir, const std::string& rel_stem);
std::filesystem::path output_path(const std::filesystem::path& out_dir, const std::string& rel_stem,
                                  pipeline::OutputFormat format);

// The recorded state when it matches `key` and every output exists.
std::optional<ItemState> up_to_date(const std::filesystem::path& out_dir, const std::string& rel_stem,
                                    const std::vector<pipeline::OutputFormat>& formats, const std::string& key);

// Records the state (temporary file + rename). Throws galley::Error.
void write_state(const std::filesystem::path& out_dir, const std::string& rel_stem, const ItemState& state);

}  // namespace galley::batch
