// Ctrl-C / SIGTERM during a batch: the handler only writes a byte to a pipe
// the supervisor's loop polls (see batch.cpp), which then kills the
// conversions in flight, removes their temporary files and writes the report.
// A second signal ends the process at once (the next batch removes what it
// left: temporary files only).
#pragma once

#include <csignal>

namespace galley::batch {

class SignalStop {
 public:
  SignalStop();  // installs the handlers (one SignalStop at a time)
  ~SignalStop();  // restores the previous ones
  SignalStop(const SignalStop&) = delete;
  SignalStop& operator=(const SignalStop&) = delete;
  int fd() const { return pipe_[0]; }  // readable once a signal came
  bool fired() const;

 private:
  int pipe_[2] = {-1, -1};
  struct sigaction old_int_ {}, old_term_ {};
};

}  // namespace galley::batch
