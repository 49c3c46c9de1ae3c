// The worker processes of `galley batch`. The supervisor (one thread, no
// other thread alive when it forks) keeps up to N long-lived child processes;
// each reads one request line from its pipe, answers one reply line and waits
// for the next, so the caches it warmed (fonts, styles) serve many documents.
// A child that dies (a crash, an exit) fails only the task it was running and
// is forked again when work needs it; a task that runs past the timeout has
// its child killed (SIGKILL). Children ignore SIGINT (the supervisor stops
// them) and die with the supervisor (PR_SET_PDEATHSIG).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace galley::batch {

struct Task {
  std::uint64_t id = 0;
  std::string request;  // one line, without '\n'
};

struct Outcome {
  std::uint64_t id = 0;
  pid_t pid = 0;        // the child that ran it (its temporary files carry it)
  bool replied = false;
  std::string reply;    // when replied
  std::string failure;  // otherwise: "killed by signal 11 (SIGSEGV)", ...
};

class WorkerPool {
 public:
  // The child's main loop: reads requests from `in`, writes replies to `out`;
  // it must end the process (_exit), never return.
  using ChildMain = std::function<void(int in, int out)>;

  // timeout_seconds <= 0: none. `timeout_text` names the limit in messages.
  WorkerPool(unsigned size, double timeout_seconds, std::string timeout_text, ChildMain child_main);
  ~WorkerPool();  // kills and reaps every child
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  std::size_t busy() const;
  bool has_idle() const { return busy() < workers_.size(); }
  // Hands a task to an idle worker (forking one when its slot is empty).
  // Throws galley::Error when no process can be started.
  void start(Task task);
  // Waits up to `max_wait` (or until `wake_fd` >= 0 is readable) for replies,
  // deaths and timeouts; returns the tasks that ended.
  std::vector<Outcome> wait(std::chrono::milliseconds max_wait, int wake_fd);
  // Ends the idle child `pid` (its task replied that it cannot go on).
  void retire(pid_t pid);
  // Kills every busy child; their tasks end with `failure` = why.
  std::vector<Outcome> abandon(const std::string& why);
  // File descriptors a child forked elsewhere must close (the supervisor's
  // ends of every pipe).
  std::vector<int> supervisor_fds() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Worker {
    pid_t pid = 0;  // 0: no process
    int to = -1, from = -1;
    bool busy = false;
    std::uint64_t task = 0;
    Clock::time_point deadline;
    std::string buffer;  // reply bytes read so far
  };
  void spawn(Worker& w);
  std::string reap(Worker& w, bool kill_first);  // closes, waits; the exit described
  bool read_reply(Worker& w, Outcome& out);      // false: nothing complete yet

  std::vector<Worker> workers_;
  double timeout_;
  std::string timeout_text_;
  ChildMain child_main_;
};

// "killed by signal 11 (SIGSEGV)", "exited with status 3".
std::string describe_exit(int wait_status);

// Writes all of `data` to `fd`, going on after EINTR; false on an error
// (EPIPE: the reader is gone). Used by both ends of a worker's pipes.
bool write_all(int fd, const std::string& data);

}  // namespace galley::batch
