#include "batch/count.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <csignal>

namespace galley::batch {

namespace {

void write_line(int fd, const std::string& line) {
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ::_exit(1);
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

BackgroundCount::BackgroundCount(const std::vector<Source>& sources, const Shard& shard) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) return;  // no total: the line shows "N+"
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(p[0]);
    ::close(p[1]);
    return;
  }
  if (pid == 0) {
    ::close(p[0]);
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGTERM, SIG_DFL);
#ifdef __linux__
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    std::size_t count = 0;
    try {
      discover(sources, [&](Item&& item) {
        if (shard.contains(item.rel_stem) && ++count % 1000 == 0) write_line(p[1], std::to_string(count) + "\n");
        return true;
      });
      write_line(p[1], "=" + std::to_string(count) + "\n");
    } catch (...) {
    }
    ::_exit(0);
  }
  ::close(p[1]);
  ::fcntl(p[0], F_SETFL, ::fcntl(p[0], F_GETFL) | O_NONBLOCK);
  pid_ = pid;
  fd_ = p[0];
}

BackgroundCount::~BackgroundCount() {
  if (fd_ >= 0) ::close(fd_);
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
}

void BackgroundCount::update(Counters& counters) {
  if (fd_ < 0) return;
  char buf[512];
  ssize_t n;
  while ((n = ::read(fd_, buf, sizeof buf)) > 0) buffer_.append(buf, static_cast<std::size_t>(n));
  std::size_t nl;
  while ((nl = buffer_.find('\n')) != std::string::npos) {
    const std::string line = buffer_.substr(0, nl);
    buffer_.erase(0, nl + 1);
    const bool final = !line.empty() && line[0] == '=';
    counters.total = std::stoull(final ? line.substr(1) : line);
    if (final) counters.total_final = true;
  }
}

}  // namespace galley::batch
