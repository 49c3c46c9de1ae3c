// Removing what killed batches left in OUTDIR: temporary files named
// ".NAME.galley-tmp-PID-N" (outputs, state files). With --shard, only those
// of this shard's items are removed, so shards sharing OUTDIR (a job array
// on a shared file system) never delete each other's files in flight.
#pragma once

#include <filesystem>
#include <string>

#include "batch/shard.hpp"

namespace galley::batch {

// The output stem ("sub/article") a temporary file in OUTDIR belongs to, or
// "" when `temp` is not a galley temporary file.
std::string stem_of_temp(const std::filesystem::path& out_dir, const std::filesystem::path& temp);

// Removes the temporary files process `pid` left for the item `rel_stem` (a
// worker killed in the middle of writing it). Returns the number removed.
std::size_t remove_temps_of(const std::filesystem::path& out_dir, const std::string& rel_stem, long pid);

// Returns the number of files removed.
std::size_t remove_stale_temps(const std::filesystem::path& out_dir, const Shard& shard);

}  // namespace galley::batch
