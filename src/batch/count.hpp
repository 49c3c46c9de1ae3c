// The total for the live progress line: a child process walks the inputs a
// second time while the batch works and reports its count through a pipe (a
// process, not a thread: the batch forks its workers from a process with one
// thread).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "batch/discovery.hpp"
#include "batch/progress.hpp"
#include "batch/shard.hpp"

namespace galley::batch {

class BackgroundCount {
 public:
  BackgroundCount(const std::vector<Source>& sources, const Shard& shard);
  ~BackgroundCount();  // kills the child if still walking
  BackgroundCount(const BackgroundCount&) = delete;
  BackgroundCount& operator=(const BackgroundCount&) = delete;
  // Reads what the child reported so far into total / total_final.
  void update(Counters& counters);

 private:
  pid_t pid_ = 0;
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace galley::batch
