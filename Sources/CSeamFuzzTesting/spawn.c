#include "CSeamFuzzTesting.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

extern char **environ;

int seam_run_child(const char *program, const char *arguments, const char *output) {
    char *copy = strdup(arguments);
    size_t count = 2;
    for (const char *c = arguments; *c; c++) count += (*c == 0x1F);
    char **argv = calloc(count + 1, sizeof *argv);
    size_t environment_count = 0;
    while (environ[environment_count]) environment_count++;
    char **envp = calloc(environment_count + 2, sizeof *envp);
    int status = -1;
    if (!copy || !argv || !envp) { errno = ENOMEM; goto done; }

    size_t argc = 0;
    argv[argc++] = (char *)program;
    if (*copy) {
        for (char *start = copy, *end;; start = end + 1) {
            end = strchr(start, 0x1F);
            if (end) *end = 0;
            argv[argc++] = start;
            if (!end) break;
        }
    }
    size_t envc = 0;
    for (size_t i = 0; i < environment_count; i++) {
        if (strncmp(environ[i], "SWIFT_BACKTRACE=", 16) != 0) envp[envc++] = environ[i];
    }
    envp[envc++] = "SWIFT_BACKTRACE=enable=no";

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    pid_t pid;
    int error = posix_spawn(&pid, program, &actions, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) { errno = error; goto done; }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) { status = -1; break; }
    }
done:
    free(copy);
    free(argv);
    free(envp);
    return status;
}

int seam_wait_signal(int status) { return WIFSIGNALED(status) ? WTERMSIG(status) : 0; }

int seam_wait_exit_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }
