/*
 * The runtime of programs translated by the C backend of rpy.
 *
 * Two parts: the external functions of lltype's table (lltype::EXTERNALS,
 * crates/lltype/src/externals.rs), with exactly the C types the backend
 * gives their lltype signatures (Signed is int64_t, Address is char *,
 * Float is double, Char is unsigned char); and the few helpers the
 * generated code calls (start-up, allocation, fatal errors, overflow
 * checks). Everything else a translated program does is generated from
 * its own low-level graphs.
 *
 * This header includes only <stdint.h>, <stddef.h> and <stdbool.h>, so
 * the identifiers generated code may use are known to the backend's
 * namer; the implementation's system headers stay in rpy_runtime.c.
 */
#ifndef RPY_RUNTIME_H
#define RPY_RUNTIME_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define RPY_NORETURN __attribute__((noreturn))

/* ---- The external functions ------------------------------------------ */

/* I/O on file descriptors: a count or -errno. Writes are unbuffered. */
int64_t rpy_write(int64_t fd, char *buf, int64_t len);
int64_t rpy_read(int64_t fd, char *buf, int64_t len);
int64_t rpy_open(char *path, int64_t path_len, int64_t flags, int64_t mode);
int64_t rpy_close(int64_t fd);

/* Clocks, in seconds. */
double rpy_time(void);
double rpy_clock(void);

/* The command line. */
int64_t rpy_getpid(void);
int64_t rpy_getenv_size(char *name, int64_t len, int64_t dflt);
int64_t rpy_argc(void);
int64_t rpy_arg_len(int64_t i);
void rpy_arg_copy(int64_t i, char *dst);

/* Ending the process. */
RPY_NORETURN void rpy_exit(int64_t status);
RPY_NORETURN void rpy_fatal(char *msg, int64_t len);
/* Defined by the generated glue: the module's `on_fatal` function, run
   once before the runtime dies of a fatal error. */
void rpy_before_fatal(void);

/* The lowest address the stack may reach before RecursionError. */
char *rpy_stack_limit(void);

/* libm. */
double rpy_fmod(double x, double y);
double rpy_pow(double x, double y);
double rpy_floor(double x);
double rpy_ceil(double x);
double rpy_sqrt(double x);
double rpy_exp(double x);
double rpy_log(double x);
double rpy_log10(double x);
double rpy_sin(double x);
double rpy_cos(double x);
double rpy_tan(double x);
double rpy_atan(double x);
double rpy_atan2(double y, double x);
double rpy_asin(double x);
double rpy_acos(double x);
double rpy_sinh(double x);
double rpy_cosh(double x);
double rpy_tanh(double x);
double rpy_asinh(double x);
double rpy_acosh(double x);
double rpy_atanh(double x);
double rpy_expm1(double x);
double rpy_log1p(double x);
double rpy_erf(double x);
double rpy_erfc(double x);
double rpy_cbrt(double x);
double rpy_exp2(double x);
double rpy_log2(double x);
double rpy_fma(double x, double y, double z);
double rpy_copysign(double x, double y);

/* Float conversions of the C library. */
int64_t rpy_float_format(double x, unsigned char conversion, int64_t precision,
                         char *buf, int64_t size);
double rpy_float_parse(char *buf, int64_t len, char *consumed);

/* ---- Support of the generated code ------------------------------------ */

/* Called by main before the entry function. */
void rpy_startup(int argc, char **argv);

/* A zeroed GC container of fixed + itemsize * length bytes. It is never
 * freed: until the GC transform exists, GC memory is simply not
 * reclaimed. The transform will replace every GC allocation of a module
 * before it reaches the backend. */
void *rpy_gc_alloc(int64_t fixed, int64_t itemsize, int64_t length);

/* A zeroed raw container, released with rpy_raw_free. */
void *rpy_raw_alloc(int64_t fixed, int64_t itemsize, int64_t length);

/* raw_malloc (may return NULL) and raw_free / free. */
char *rpy_raw_malloc(int64_t size);
void rpy_raw_free(void *p);

/* Fatal errors of debug builds. */
RPY_NORETURN void rpy_unreachable(const char *where);
RPY_NORETURN void rpy_assert_failed(const char *message, const char *where);

/* Keeps a value alive (and its address valid) up to this point. */
#define RPY_KEEPALIVE(x) __asm__ __volatile__("" : : "g"(x) : "memory")

/* Overflow checks of the int_*_overflows operations. */
static inline bool rpy_int_add_overflows(int64_t a, int64_t b)
{
    int64_t r;
    return __builtin_add_overflow(a, b, &r);
}

static inline bool rpy_int_sub_overflows(int64_t a, int64_t b)
{
    int64_t r;
    return __builtin_sub_overflow(a, b, &r);
}

static inline bool rpy_int_mul_overflows(int64_t a, int64_t b)
{
    int64_t r;
    return __builtin_mul_overflow(a, b, &r);
}

/* Whether a << b loses bits (0 <= b <= 63): shifting back does not give
 * a again. Shifted as unsigned, so no undefined behaviour. */
static inline bool rpy_int_lshift_overflows(int64_t a, int64_t b)
{
    return ((int64_t)((uint64_t)a << b) >> b) != a;
}

/* A wrapping absolute value: the minimum stays the minimum. */
static inline int64_t rpy_int_abs(int64_t a)
{
    return a < 0 ? (int64_t)(0 - (uint64_t)a) : a;
}

#endif /* RPY_RUNTIME_H */
