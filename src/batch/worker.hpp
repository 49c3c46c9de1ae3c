// One conversion inside a worker process of `galley batch` (see
// worker_pool.hpp): the supervisor encodes an item as one JSON line, the
// worker converts it under its limits and answers one JSON line.
//
// Test hook (only honoured when set; never set it in production): when the
// environment variable GALLEY_TEST_CRASH_ON, GALLEY_TEST_HANG_ON or
// GALLEY_TEST_BLOAT_ON holds a string found in an input's path, the worker
// converting that input raises SIGSEGV, spins forever, or allocates memory
// without bound, so the tests can prove that the batch survives each.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "batch/batch.hpp"
#include "batch/discovery.hpp"

namespace galley::batch {

struct WorkerSetup {
  pipeline::ConvertOptions base;  // batch-wide options
  Converter convert;
  std::uint64_t max_memory = 0;  // address space a worker may add, in bytes; 0: none
  std::string max_memory_text;   // as the user gave it, for messages
};

// Converts a short built-in document into a private temporary folder (then
// removed) so that the process's caches (fonts, styles, hyphenation) are
// warm: called in the supervisor before it forks, every worker starts warm
// and a worker forked again after a crash starts cheap. Problems are
// ignored (the real conversions report them).
void warm_up(const WorkerSetup& setup);

// The child's loop: requests from `in`, replies to `out`, until `in` ends.
[[noreturn]] void worker_main(int in, int out, const WorkerSetup& setup);

std::string encode_request(const Item& item, const std::filesystem::path& output_stem);

// The reply of a worker: a result, or an error message (already prefixed
// with the input where it helps).
struct WorkerReply {
  bool ok = false;
  pipeline::ConvertResult result;
  std::string error;
  bool fatal = false;  // the worker ends after this reply (out of memory)
};
WorkerReply decode_reply(const std::string& line);

}  // namespace galley::batch
