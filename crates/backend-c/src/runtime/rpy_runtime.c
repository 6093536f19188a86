/*
 * The runtime of programs translated by the C backend of rpy: the
 * external functions of lltype's table, with libc and libm only, and the
 * helpers of the generated code. See rpy_runtime.h.
 */
#include "rpy_runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int rpy_saved_argc;
static char **rpy_saved_argv;
static char *rpy_saved_stack_limit;

/* ---- Fatal errors ------------------------------------------------------ */

static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return;
        s += k;
        n -= (size_t)k;
    }
}

static RPY_NORETURN void die(const char *what, const char *msg, size_t len,
                             const char *where)
{
    static int dying;
    /* The program's buffered output first, once: a fatal error inside it
       dies without trying again. */
    if (!dying) {
        dying = 1;
        rpy_before_fatal();
    }
    write_all(2, "fatal error: ", 13);
    write_all(2, what, strlen(what));
    write_all(2, msg, len);
    if (where != NULL) {
        write_all(2, " (in ", 5);
        write_all(2, where, strlen(where));
        write_all(2, ")", 1);
    }
    write_all(2, "\n", 1);
    abort();
}

void rpy_fatal(char *msg, int64_t len)
{
    die("", msg, len < 0 ? 0 : (size_t)len, NULL);
}

void rpy_unreachable(const char *where)
{
    die("reached an unreachable exit", "", 0, where);
}

void rpy_assert_failed(const char *message, const char *where)
{
    die("debug_assert failed: ", message, strlen(message), where);
}

/* ---- Start-up and the command line --------------------------------------- */

/* The stack limit: the top of the main thread's stack, minus the size
 * getrlimit(RLIMIT_STACK) allows, plus a safety margin for the frames of
 * the runtime, libc and signal delivery. The top is estimated as the
 * highest of a local of this function and the ends of the argument and
 * environment strings, which the kernel puts at the top of the stack. */
#define RPY_STACK_MARGIN ((uintptr_t)256 * 1024)
#define RPY_STACK_UNLIMITED ((uintptr_t)256 * 1024 * 1024)

static char *compute_stack_limit(char **argv)
{
    char here;
    uintptr_t top = (uintptr_t)&here;
    for (char **s = argv; s != NULL && *s != NULL; s++) {
        uintptr_t end = (uintptr_t)*s + strlen(*s) + 1;
        if (end > top)
            top = end;
    }
    for (char **s = environ; s != NULL && *s != NULL; s++) {
        uintptr_t end = (uintptr_t)*s + strlen(*s) + 1;
        if (end > top)
            top = end;
    }
    uintptr_t size = RPY_STACK_UNLIMITED;
    struct rlimit rl;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY
        && rl.rlim_cur < RPY_STACK_UNLIMITED)
        size = (uintptr_t)rl.rlim_cur;
    uintptr_t margin = RPY_STACK_MARGIN;
    if (margin > size / 2)
        margin = size / 2;
    uintptr_t usable = size - margin;
    return (char *)(top > usable ? top - usable : 0);
}

void rpy_startup(int argc, char **argv)
{
    rpy_saved_argc = argc;
    rpy_saved_argv = argv;
    rpy_saved_stack_limit = compute_stack_limit(argv);
    /* As CPython: a write to a closed pipe fails with EPIPE (and the
       program raises BrokenPipeError) instead of killing the process. */
    signal(SIGPIPE, SIG_IGN);
}

char *rpy_stack_limit(void)
{
    return rpy_saved_stack_limit;
}

int64_t rpy_getpid(void)
{
    return (int64_t)getpid();
}

int64_t rpy_getenv_size(char *name, int64_t len, int64_t dflt)
{
    char key[256];
    if (len < 0 || len >= (int64_t)sizeof key)
        return dflt;
    memcpy(key, name, (size_t)len);
    key[len] = 0;
    const char *value = getenv(key);
    if (value == NULL || *value < '0' || *value > '9')
        return dflt;
    int64_t size = 0;
    for (; *value >= '0' && *value <= '9'; value++) {
        if (size > INT64_MAX / 10 - 9)
            return dflt;
        size = size * 10 + (*value - '0');
    }
    int shift = 0;
    switch (*value) {
    case 'k': case 'K': shift = 10; value++; break;
    case 'm': case 'M': shift = 20; value++; break;
    case 'g': case 'G': shift = 30; value++; break;
    default: break;
    }
    if (*value != 0 || size > (INT64_MAX >> shift))
        return dflt;
    return size << shift;
}

int64_t rpy_argc(void)
{
    return rpy_saved_argc;
}

static const char *argument(int64_t i)
{
    if (i < 0 || i >= rpy_saved_argc) {
        static const char msg[] = "command-line argument index out of range";
        rpy_fatal((char *)msg, sizeof msg - 1);
    }
    return rpy_saved_argv[i];
}

int64_t rpy_arg_len(int64_t i)
{
    return (int64_t)strlen(argument(i));
}

void rpy_arg_copy(int64_t i, char *dst)
{
    const char *s = argument(i);
    memcpy(dst, s, strlen(s));
}

void rpy_exit(int64_t status)
{
    _exit((int)status);
}

/* ---- Memory -------------------------------------------------------------- */

static void *zeroed(int64_t fixed, int64_t itemsize, int64_t length)
{
    int64_t items, size;
    if (length < 0 || __builtin_mul_overflow(itemsize, length, &items)
        || __builtin_add_overflow(fixed, items, &size)) {
        static const char msg[] = "allocation size out of range";
        rpy_fatal((char *)msg, sizeof msg - 1);
    }
    void *p = calloc(1, size > 0 ? (size_t)size : 1);
    if (p == NULL) {
        static const char msg[] = "out of memory";
        rpy_fatal((char *)msg, sizeof msg - 1);
    }
    return p;
}

void *rpy_gc_alloc(int64_t fixed, int64_t itemsize, int64_t length)
{
    return zeroed(fixed, itemsize, length);
}

void *rpy_raw_alloc(int64_t fixed, int64_t itemsize, int64_t length)
{
    return zeroed(fixed, itemsize, length);
}

char *rpy_raw_malloc(int64_t size)
{
    if (size < 0)
        return NULL;
    /* calloc: large blocks come straight from the kernel, already zero,
       and their pages are only touched when used. */
    return calloc(size > 0 ? (size_t)size : 1, 1);
}

void rpy_raw_free(void *p)
{
    free(p);
}

/* ---- I/O ------------------------------------------------------------------ */

int64_t rpy_write(int64_t fd, char *buf, int64_t len)
{
    int64_t done = 0;
    while (done < len) {
        ssize_t k = write((int)fd, buf + done, (size_t)(len - done));
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return done > 0 ? done : -errno;
        }
        done += k;
    }
    return done;
}

int64_t rpy_read(int64_t fd, char *buf, int64_t len)
{
    if (len < 0)
        return -EINVAL;
    for (;;) {
        ssize_t k = read((int)fd, buf, (size_t)len);
        if (k >= 0)
            return k;
        if (errno != EINTR)
            return -errno;
    }
}

/* The `O_*` bits of Linux, which the translator's `os` module gives
   programs, and the platform's. */
static const struct { int64_t linux_bit; int flag; } open_flags[] = {
    {01, O_WRONLY},       {02, O_RDWR},          {0100, O_CREAT},
    {0200, O_EXCL},       {0400, O_NOCTTY},      {01000, O_TRUNC},
    {02000, O_APPEND},    {04000, O_NONBLOCK},   {0200000, O_DIRECTORY},
    {0400000, O_NOFOLLOW}, {02000000, O_CLOEXEC},
    /* O_SYNC includes O_DSYNC's bit: it comes first. */
#ifdef O_SYNC
    {04010000, O_SYNC},
#endif
#ifdef O_DSYNC
    {010000, O_DSYNC},
#endif
};

int64_t rpy_open(char *path, int64_t path_len, int64_t flags, int64_t mode)
{
    if (path_len < 0)
        return -EINVAL;
    int native = 0;
    int64_t rest = flags;
    for (size_t i = 0; i < sizeof open_flags / sizeof open_flags[0]; i++) {
        if ((rest & open_flags[i].linux_bit) == open_flags[i].linux_bit) {
            native |= open_flags[i].flag;
            rest &= ~open_flags[i].linux_bit;
        }
    }
    if (rest != 0)
        return -EINVAL;
    if (memchr(path, '\0', (size_t)path_len) != NULL)
        return -EINVAL;
    char *name = malloc((size_t)path_len + 1);
    if (name == NULL)
        return -ENOMEM;
    memcpy(name, path, (size_t)path_len);
    name[path_len] = '\0';
    int fd;
    do
        fd = open(name, native | O_CLOEXEC, (mode_t)mode);
    while (fd < 0 && errno == EINTR);
    int saved = errno;
    free(name);
    return fd < 0 ? -saved : fd;
}

int64_t rpy_fd_is_directory(int64_t fd)
{
    struct stat st;
    if (fstat((int)fd, &st) != 0)
        return -errno;
    return S_ISDIR(st.st_mode) ? 1 : 0;
}

int64_t rpy_close(int64_t fd)
{
    return close((int)fd) == 0 ? 0 : -errno;
}

/* ---- Clocks ----------------------------------------------------------------- */

static double seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double rpy_time(void)
{
    return seconds(CLOCK_REALTIME);
}

double rpy_clock(void)
{
    return seconds(CLOCK_MONOTONIC);
}

/* ---- libm ------------------------------------------------------------------- */

double rpy_fmod(double x, double y) { return fmod(x, y); }
double rpy_pow(double x, double y) { return pow(x, y); }
double rpy_floor(double x) { return floor(x); }
double rpy_ceil(double x) { return ceil(x); }
double rpy_sqrt(double x) { return sqrt(x); }
double rpy_exp(double x) { return exp(x); }
double rpy_log(double x) { return log(x); }
double rpy_log10(double x) { return log10(x); }
double rpy_sin(double x) { return sin(x); }
double rpy_cos(double x) { return cos(x); }
double rpy_tan(double x) { return tan(x); }
double rpy_atan(double x) { return atan(x); }
double rpy_atan2(double y, double x) { return atan2(y, x); }
double rpy_asin(double x) { return asin(x); }
double rpy_acos(double x) { return acos(x); }
double rpy_sinh(double x) { return sinh(x); }
double rpy_cosh(double x) { return cosh(x); }
double rpy_tanh(double x) { return tanh(x); }
double rpy_asinh(double x) { return asinh(x); }
double rpy_acosh(double x) { return acosh(x); }
double rpy_atanh(double x) { return atanh(x); }
double rpy_expm1(double x) { return expm1(x); }
double rpy_log1p(double x) { return log1p(x); }
double rpy_erf(double x) { return erf(x); }
double rpy_erfc(double x) { return erfc(x); }
double rpy_cbrt(double x) { return cbrt(x); }
double rpy_exp2(double x) { return exp2(x); }
double rpy_log2(double x) { return log2(x); }
double rpy_fma(double x, double y, double z) { return fma(x, y, z); }
double rpy_copysign(double x, double y) { return copysign(x, y); }

/* ---- Float conversions ------------------------------------------------------ */

/* snprintf with "%.*e", "%.*f" or "%.*g" (the conversion may also be
 * upper case). Returns the number of bytes stored in buf, without the
 * terminating NUL snprintf adds (so the buffer needs one byte more than
 * the text). The program never calls setlocale: the decimal point is
 * always '.'. */
int64_t rpy_float_format(double x, unsigned char conversion, int64_t precision,
                         char *buf, int64_t size)
{
    char format[] = "%.*?";
    switch (conversion) {
    case 'e': case 'f': case 'g': case 'E': case 'F': case 'G':
        format[3] = (char)conversion;
        break;
    default: {
        static const char msg[] = "rpy_float_format: unknown conversion";
        rpy_fatal((char *)msg, sizeof msg - 1);
    }
    }
    if (size <= 0)
        return 0;
    if (precision > 1000)
        precision = 1000;
    if (precision < 0)
        precision = 0;
    int n = snprintf(buf, (size_t)size, format, (int)precision, x);
    if (n < 0)
        return 0;
    return n < size ? n : size - 1;
}

/* strtod on the bytes buf[0..len) (not NUL-terminated); the number of
 * bytes consumed is stored at `consumed` as an int64_t, 0 when nothing
 * parses. */
double rpy_float_parse(char *buf, int64_t len, char *consumed)
{
    char small[64];
    char *text = small;
    if (len < 0)
        len = 0;
    if ((size_t)len >= sizeof small) {
        text = malloc((size_t)len + 1);
        if (text == NULL) {
            static const char msg[] = "out of memory";
            rpy_fatal((char *)msg, sizeof msg - 1);
        }
    }
    memcpy(text, buf, (size_t)len);
    text[len] = '\0';
    char *end;
    double x = strtod(text, &end);
    int64_t used = (int64_t)(end - text);
    if (consumed != NULL)
        memcpy(consumed, &used, sizeof used);
    if (text != small)
        free(text);
    return x;
}
