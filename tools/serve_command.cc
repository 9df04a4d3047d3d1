// credence serve: the newsroom service (credence/service.h) on an address and port, until
// SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstddef>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "commands.h"
#include "credence/input.h"
#include "credence/service.h"

namespace credence::cli {
namespace {

struct ServeFlags {
  ServiceOptions service;
  std::string token_file;
  std::string read_token_file;
};

// The token is the file's first line; an empty one is refused (it would let anyone in).
std::string ReadToken(const std::string& path, const char* flag) {
  std::string text = ReadInputBytes(path, 4096);
  const std::size_t end = text.find_first_of("\r\n");
  if (end != std::string::npos) text.resize(end);
  if (text.empty()) {
    throw CommandUsageError(std::string(flag) + " " + path + ": the file holds no token");
  }
  return text;
}

int RunServe(ServeFlags flags) {
  if (!flags.token_file.empty()) {
    flags.service.write_token = ReadToken(flags.token_file, "--token-file");
  }
  if (!flags.read_token_file.empty()) {
    flags.service.read_token = ReadToken(flags.read_token_file, "--read-token-file");
  }
  // SIGINT and SIGTERM end the service cleanly: blocked in every thread, and waited for by one.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  Service service(flags.service);
  service.Bind();
  std::cerr << "credence serve: listening on http://" << flags.service.host << ':' << service.port()
            << " (store " << flags.service.db_path << ")" << std::endl;
  std::thread waiter([&service, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    service.Stop();
  });
  service.Listen();
  // Listen may also end on its own (a failed accept): wake the waiter so that it can be joined.
  ::kill(::getpid(), SIGTERM);
  waiter.join();
  std::cerr << "credence serve: stopped" << std::endl;
  return 0;
}

}  // namespace

Command AddServeCommand(CLI::App& app) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* command = app.add_subcommand(
      "serve", "serve a store over HTTP: POST articles, GET scores (docs/service.md)");
  ServiceOptions& service = flags->service;
  command->add_option("--db", service.db_path, "the store (created when missing)")->required();
  command->add_option("--host", service.host, "address to listen on")->capture_default_str();
  command->add_option("--port", service.port, "port to listen on (0: any free port)")
      ->capture_default_str();
  command->add_option("--token-file", flags->token_file,
                      "writes need \"Authorization: Bearer TOKEN\", TOKEN the file's first line "
                      "(without it, writes are open, and only a loopback --host is allowed)");
  command->add_option("--read-token-file", flags->read_token_file,
                      "reads need this token too (default: reads are open)");
  command->add_option("--max-body-bytes", service.max_body_bytes, "larger bodies get 413")
      ->capture_default_str();
  command
      ->add_option("--timeout", service.read_timeout_seconds,
                   "seconds a client may take to send a request or read a response")
      ->capture_default_str();
  command
      ->add_option("--max-concurrent-requests", service.max_concurrent_requests,
                   "requests handled at once; more wait their turn")
      ->capture_default_str();
  AddSolverFlags(command, &service.solver);
  return {command, [flags] {
            ServeFlags copy = *flags;
            copy.service.write_timeout_seconds = copy.service.read_timeout_seconds;
            return RunServe(std::move(copy));
          }};
}

}  // namespace credence::cli
